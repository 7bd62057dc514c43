//! The ways news arrives: RSS and Atom feeds, WARC files (plain and with a gzip member per
//! record), gzip-compressed inputs, and the main text of a noisy news page; bad ones (a
//! truncated WARC, a broken gzip member, a malformed feed, a `.gz` that is not gzip) give an
//! error naming the file and record while the other records are still read.
//!
//! The fixtures are written here (WARC and gzip) or in `tests/inputs/` (the page), all
//! invented for dyad.

use dyad::coder::Coder;
use dyad::ingest::files::{self, Loaded, ReadError};
use std::io::Write;
use std::path::{Path, PathBuf};

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("dyad-inputs-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn read(path: &Path) -> Vec<Result<Loaded, ReadError>> {
    files::read_all(path, 64 << 20, false, None)
}

const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>The Daily Ledger: World</title>
  <link>https://ledger.example/world</link>
  <description>World news</description>
  <item>
    <title>Turkey and Greece agree to resume talks</title>
    <link>https://ledger.example/world/turkey-greece-talks</link>
    <guid>ledger-1001</guid>
    <pubDate>Tue, 04 Mar 2025 09:30:00 +0200</pubDate>
    <description>&lt;p&gt;Turkish Foreign Minister Hakan Fidan met his Greek counterpart in Athens on Tuesday.&lt;/p&gt;&lt;p&gt;Greece welcomed the agreement.&lt;/p&gt;</description>
  </item>
  <item>
    <title>Russian forces shell Kharkiv</title>
    <link>https://ledger.example/world/kharkiv</link>
    <pubDate>Wed, 05 Mar 2025 07:00:00 GMT</pubDate>
    <content:encoded><![CDATA[<div><p>Russian forces shelled Kharkiv on Wednesday, Ukrainian officials said.</p><figure><figcaption>A damaged building.</figcaption></figure></div>]]></content:encoded>
  </item>
  <item>
    <title>Egypt hosts Libya talks</title>
    <link>https://ledger.example/world/egypt-libya</link>
    <pubDate>Thu, 06 Mar 2025 12:00:00 GMT</pubDate>
  </item>
</channel>
</rss>
"#;

const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Ledger Atom</title>
  <id>urn:ledger</id>
  <updated>2025-03-05T10:00:00Z</updated>
  <entry>
    <title>Iran criticises Iraq</title>
    <id>urn:ledger:2001</id>
    <link href="https://ledger.example/a/2001"/>
    <published>2025-03-05T08:00:00+03:30</published>
    <updated>2025-03-05T09:00:00Z</updated>
    <summary type="html">&lt;p&gt;Iran criticised Iraq on Wednesday over the border.&lt;/p&gt;</summary>
  </entry>
</feed>
"#;

#[test]
fn an_rss_feed_gives_one_article_per_item() {
    let d = dir("rss");
    let f = d.join("world.rss");
    std::fs::write(&f, RSS).unwrap();
    let all: Vec<Loaded> = read(&f).into_iter().map(Result::unwrap).collect();
    assert_eq!(all.len(), 3);
    let a = &all[0];
    assert_eq!(a.doc.id, format!("{}#1", f.display()));
    assert_eq!(a.doc.title_text(), Some("Turkey and Greece agree to resume talks"));
    assert_eq!(
        a.url.as_deref(),
        Some("https://ledger.example/world/turkey-greece-talks")
    );
    assert_eq!(a.source.as_deref(), Some("The Daily Ledger: World"));
    assert_eq!(a.doc.date.unwrap().to_string(), "2025-03-04");
    let body = a.doc.body.of(&a.doc.text);
    assert!(body.contains("Athens on Tuesday.\n\nGreece welcomed"), "{body:?}");
    assert!(!body.contains("<p>"));
    // identified by its link, not its position
    assert_eq!(
        a.identity.key("h"),
        format!("{}#url:https://ledger.example/world/turkey-greece-talks", f.display())
    );
    // content:encoded wins over the description; a caption inside is not a paragraph
    let b = all[1].doc.body.of(&all[1].doc.text);
    assert!(
        b.contains("shelled Kharkiv") && !b.contains("damaged building"),
        "{b:?}"
    );
    // an item of a title alone is still an article
    assert_eq!(all[2].doc.title_text(), Some("Egypt hosts Libya talks"));
    // and the items are coded
    let events = Coder::embedded().code(&all[1].doc);
    assert!(events.iter().any(|e| e.root == "19"), "{events:?}");
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn an_atom_feed_and_feeds_recognised_by_content() {
    let d = dir("atom");
    let f = d.join("news.xml");
    std::fs::write(&f, ATOM).unwrap();
    let all: Vec<Loaded> = read(&f).into_iter().map(Result::unwrap).collect();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].url.as_deref(), Some("https://ledger.example/a/2001"));
    // published, in UTC (feed-rs), not updated
    assert_eq!(all[0].doc.date.unwrap().to_string(), "2025-03-05");
    assert!(all[0].doc.text.contains("Iran criticised Iraq"));
    // an .xml file that is no feed
    let g = d.join("other.xml");
    std::fs::write(&g, "<?xml version=\"1.0\"?><catalog><book/></catalog>").unwrap();
    let e = read(&g).remove(0).unwrap_err().to_string();
    assert!(e.contains("other.xml") && e.contains("not an RSS or Atom feed"), "{e}");
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn a_malformed_feed_is_an_error_naming_the_file() {
    let d = dir("badfeed");
    let f = d.join("broken.rss");
    std::fs::write(&f, &RSS[..RSS.len() / 2]).unwrap();
    let r = read(&f);
    assert_eq!(r.len(), 1);
    let e = r.into_iter().next().unwrap().unwrap_err().to_string();
    assert!(e.contains("broken.rss") && e.contains("feed"), "{e}");
    let _ = std::fs::remove_dir_all(&d);
}

/// One WARC record.
fn record(kind: &str, uri: &str, date: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: {date}\r\n\
         WARC-Record-ID: <urn:uuid:{:08x}-0000-0000-0000-000000000000>\r\nContent-Length: {}\r\n\r\n",
        block.len() * 7 + kind.len(),
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http(status: &str, ctype: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

fn page(title: &str, text: &str) -> String {
    format!("<html><head><title>{title}</title></head><body><nav><p>Home | World</p></nav><article><p>{text}</p></article></body></html>")
}

/// A crawl: warcinfo, request, two HTML pages, an image, a 404 page, a metadata record.
fn crawl() -> Vec<Vec<u8>> {
    let d = "2025-03-05T10:00:00Z";
    vec![
        record("warcinfo", "", d, b"software: dyad-test\r\n"),
        record(
            "request",
            "https://ledger.example/a",
            d,
            b"GET /a HTTP/1.1\r\nHost: ledger.example\r\n\r\n",
        ),
        record(
            "response",
            "https://ledger.example/a",
            d,
            &http(
                "200 OK",
                "text/html; charset=utf-8",
                &page("Iran and Iraq", "Iran criticised Iraq on Tuesday."),
            ),
        ),
        record(
            "response",
            "https://ledger.example/logo.png",
            d,
            &http("200 OK", "image/png", "PNG..."),
        ),
        record(
            "response",
            "https://ledger.example/missing",
            d,
            &http("404 Not Found", "text/html", &page("Not found", "No such page.")),
        ),
        record(
            "metadata",
            "https://ledger.example/a",
            d,
            b"outlinks: https://ledger.example/b\r\n",
        ),
        record(
            "response",
            "https://ledger.example/b",
            "2025-03-06T10:00:00Z",
            &http(
                "200 OK",
                "text/html",
                &page("Egypt and Turkey", "Egypt praised Turkey for its help."),
            ),
        ),
    ]
}

fn gz(b: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(b).unwrap();
    e.finish().unwrap()
}

fn check_crawl(all: &[Result<Loaded, ReadError>], name: &str) {
    let ok: Vec<&Loaded> = all.iter().filter_map(|r| r.as_ref().ok()).collect();
    assert_eq!(ok.len(), 2, "{all:?}");
    assert_eq!(ok[0].doc.id, format!("{name}#3"));
    assert_eq!(ok[0].url.as_deref(), Some("https://ledger.example/a"));
    assert_eq!(
        ok[0].doc.date.unwrap().to_string(),
        "2025-03-05",
        "WARC-Date as the date fallback"
    );
    assert!(ok[0].doc.text.contains("Iran criticised Iraq") && !ok[0].doc.text.contains("Home | World"));
    assert_eq!(ok[1].doc.id, format!("{name}#7"));
    assert_eq!(ok[1].doc.date.unwrap().to_string(), "2025-03-06");
}

#[test]
fn a_warc_gives_its_html_responses() {
    let d = dir("warc");
    let f = d.join("crawl.warc");
    std::fs::write(&f, crawl().concat()).unwrap();
    let all = read(&f);
    assert!(all.iter().all(Result::is_ok), "{all:?}");
    check_crawl(&all, &f.display().to_string());
    // .warc.gz: a gzip member per record
    let g = d.join("crawl.warc.gz");
    let members: Vec<u8> = crawl().iter().map(|r| gz(r)).collect::<Vec<_>>().concat();
    std::fs::write(&g, &members).unwrap();
    let all = read(&g);
    assert!(all.iter().all(Result::is_ok), "{all:?}");
    check_crawl(&all, &g.display().to_string());
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn a_truncated_warc_names_its_record_and_keeps_the_others() {
    let d = dir("warc-bad");
    let f = d.join("cut.warc");
    let mut bytes = crawl()[..6].concat();
    let last = crawl()[6].clone();
    bytes.extend_from_slice(&last[..last.len() / 2]);
    std::fs::write(&f, &bytes).unwrap();
    let all = read(&f);
    assert_eq!(all.iter().filter(|r| r.is_ok()).count(), 1);
    let e = all.iter().find_map(|r| r.as_ref().err()).unwrap().to_string();
    assert!(
        e.contains("cut.warc") && e.contains("record 7") && e.contains("truncated"),
        "{e}"
    );

    // a broken gzip member: that record is lost, the next one read
    let g = d.join("bad.warc.gz");
    let mut members: Vec<Vec<u8>> = crawl().iter().map(|r| gz(r)).collect();
    let m = &mut members[2];
    let mid = m.len() / 2;
    for b in &mut m[mid..mid + 8] {
        *b ^= 0x5a;
    }
    std::fs::write(&g, members.concat()).unwrap();
    let all = read(&g);
    let ok: Vec<&Loaded> = all.iter().filter_map(|r| r.as_ref().ok()).collect();
    assert_eq!(ok.len(), 1, "{all:?}");
    assert_eq!(ok[0].url.as_deref(), Some("https://ledger.example/b"));
    let e = all.iter().find_map(|r| r.as_ref().err()).unwrap().to_string();
    assert!(e.contains("bad.warc.gz") && e.contains("record 3"), "{e}");
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn gzip_inputs_of_every_kind() {
    let d = dir("gz");
    let t = d.join("a.txt.gz");
    std::fs::write(
        &t,
        gz(b"Turkey criticised Greece\n\nTurkey criticised Greece on Monday."),
    )
    .unwrap();
    let l = read(&t).remove(0).unwrap();
    assert!(l.doc.text.contains("criticised Greece on Monday"));
    let j = d.join("b.jsonl.gz");
    let lines = "{\"id\":\"1\",\"title\":\"x\",\"text\":\"Iran criticised Iraq.\"}\n{\"id\":\"2\",\"title\":\"y\",\"text\":\"Egypt praised Turkey.\"}\n";
    std::fs::write(&j, gz(lines.as_bytes())).unwrap();
    assert_eq!(read(&j).into_iter().filter(Result::is_ok).count(), 2);
    let r = d.join("c.rss.gz");
    std::fs::write(&r, gz(RSS.as_bytes())).unwrap();
    assert_eq!(read(&r).into_iter().filter(Result::is_ok).count(), 3);
    // wrong compression: named .gz, not gzip; gzip cut short
    let bad = d.join("d.txt.gz");
    std::fs::write(&bad, b"plain text, not gzip").unwrap();
    let e = read(&bad).remove(0).unwrap_err().to_string();
    assert!(e.contains("d.txt.gz") && e.contains("not gzip"), "{e}");
    let cut = d.join("e.txt.gz");
    let z = gz(&b"Turkey criticised Greece on Monday. ".repeat(200));
    std::fs::write(&cut, &z[..z.len() / 2]).unwrap();
    let e = read(&cut).remove(0).unwrap_err().to_string();
    assert!(e.contains("e.txt.gz") && e.contains("gzip"), "{e}");
    // a gzip bomb stops at the limit
    let bomb = d.join("f.txt.gz");
    std::fs::write(&bomb, gz(&vec![b'a'; 4 << 20])).unwrap();
    let e = files::read_all(&bomb, 1 << 20, false, None)
        .remove(0)
        .unwrap_err()
        .to_string();
    assert!(e.contains("limit"), "{e}");
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn the_main_text_of_a_noisy_page() {
    let f = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/inputs/noisy_page.html"
    ));
    let l = read(f).remove(0).unwrap();
    let body = l.doc.body.of(&l.doc.text);
    for kept in [
        "met his Greek counterpart George Gerapetritis in Athens",
        "meet again in Ankara next month",
        "Greece welcomed the agreement",
        "The European Union urged both countries",
    ] {
        assert!(body.contains(kept), "lost {kept:?}: {body}");
    }
    for dropped in [
        "cookies",
        "Home",
        "News you can trust",
        "morning briefing",
        "Jane Example",
        "shake hands",
        "survey ship",
        "Subscribe now",
        "Share this article",
        "Most read",
        "All rights reserved",
    ] {
        assert!(!body.contains(dropped), "kept {dropped:?}: {body}");
    }
    assert_eq!(l.source.as_deref(), Some("The Daily Ledger"));
    assert_eq!(
        l.url.as_deref(),
        Some("https://ledger.example/world/turkey-greece-talks")
    );
}
