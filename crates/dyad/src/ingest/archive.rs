//! News as it arrives: RSS and Atom feeds (feed-rs), web archives (WARC, `.warc.gz` with a gzip
//! member per record) and gzip-compressed inputs of every kind.
//!
//! Each feed item and each HTML `response` record of a WARC file becomes [`Parts`] of its own,
//! named `input#N` (the item's or the record's 1-based number) and identified by its URL. A bad
//! item or record is an error naming the input and the record; the others are still read.

use super::decode;
use super::formats::{html_article, FormatError, Parts};
use std::io::Read;

fn err(name: &str, message: String) -> FormatError {
    FormatError {
        name: name.to_string(),
        line: None,
        column: None,
        message,
    }
}

/// Whether a text is an RSS or Atom feed: its first element (after the XML declaration,
/// comments and processing instructions) is `<rss>`, `<feed>` or `<rdf:RDF>`.
pub fn is_feed(text: &str) -> bool {
    let mut rest = text.trim_start_matches('\u{feff}').trim_start();
    loop {
        if let Some(r) = rest.strip_prefix("<?") {
            match r.find("?>") {
                Some(i) => rest = r[i + 2..].trim_start(),
                None => return false,
            }
        } else if let Some(r) = rest.strip_prefix("<!--") {
            match r.find("-->") {
                Some(i) => rest = r[i + 3..].trim_start(),
                None => return false,
            }
        } else if let Some(r) = rest.strip_prefix("<!") {
            match r.find('>') {
                Some(i) => rest = r[i + 1..].trim_start(),
                None => return false,
            }
        } else {
            break;
        }
    }
    let name: String = rest
        .strip_prefix('<')
        .unwrap_or("")
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == ':' || *c == '-')
        .collect();
    matches!(name.to_ascii_lowercase().as_str(), "rss" | "feed" | "rdf:rdf")
}

/// An HTML fragment (a feed item's description or content) as paragraphs: its `<p>` elements,
/// else its text with `<br>` and block ends as paragraph breaks; plain text as it is.
pub fn fragment_paragraphs(html: &str) -> Vec<String> {
    let clean = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    if !html.contains('<') {
        return html.split("\n\n").map(clean).filter(|p| !p.is_empty()).collect();
    }
    let frag = scraper::Html::parse_fragment(html);
    let p = scraper::Selector::parse("p").expect("a valid selector");
    let ps: Vec<String> = frag
        .select(&p)
        .map(|e| clean(&e.text().collect::<String>()))
        .filter(|t| !t.is_empty())
        .collect();
    if !ps.is_empty() {
        return ps;
    }
    // no paragraphs: break at <br> and at block elements' ends
    let marked = html
        .replace("<br>", "\n\n")
        .replace("<br/>", "\n\n")
        .replace("<br />", "\n\n")
        .replace("</div>", "</div>\n\n")
        .replace("</li>", "</li>\n\n");
    let frag = scraper::Html::parse_fragment(&marked);
    let text: String = frag.root_element().text().collect();
    text.split("\n\n").map(clean).filter(|p| !p.is_empty()).collect()
}

/// Reads an RSS 2.0, RSS 1.0 or Atom feed: each item an article (`name#N`) with its title,
/// link (the url, and its identity), published (else updated) date, and description or content
/// with its HTML stripped to paragraphs; the feed's title is the outlet. A feed that cannot be
/// parsed is one error naming the input.
pub fn feed_articles(name: &str, bytes: &[u8]) -> Vec<Result<Parts, FormatError>> {
    let feed = match feed_rs::parser::parse(bytes) {
        Ok(f) => f,
        Err(e) => return vec![Err(err(name, format!("not a readable RSS or Atom feed: {e}")))],
    };
    let outlet = feed
        .title
        .as_ref()
        .map(|t| t.content.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty());
    feed.entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let id = format!("{name}#{}", i + 1);
            let title = e
                .title
                .as_ref()
                .map(|t| fragment_paragraphs(&t.content).join(" "))
                .filter(|t| !t.is_empty());
            let url = e
                .links
                .iter()
                .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                .or(e.links.first())
                .map(|l| l.href.trim().to_string())
                .filter(|u| !u.is_empty());
            let html = e
                .content
                .as_ref()
                .and_then(|c| c.body.clone())
                .filter(|b| !b.trim().is_empty())
                .or_else(|| e.summary.as_ref().map(|s| s.content.clone()))
                .unwrap_or_default();
            let body = fragment_paragraphs(&html).join("\n\n");
            if title.is_none() && body.is_empty() {
                return Err(err(&id, "feed item with neither a title nor any text".into()));
            }
            let own_id = url
                .as_ref()
                .map(|u| format!("url:{u}"))
                .or_else(|| (!e.id.is_empty()).then(|| format!("id:{}", e.id)));
            Ok(Parts {
                id,
                own_id,
                title,
                body,
                date: e.published.or(e.updated).map(|d| d.date_naive()),
                url,
                source: outlet.clone(),
                warnings: Vec::new(),
            })
        })
        .collect()
}

/// Decompresses a gzip input (every member, as `gzip -d` does) of at most `max` bytes once
/// decompressed. Bytes that are not gzip are an error naming the input.
pub fn gunzip(name: &str, bytes: &[u8], max: u64) -> Result<Vec<u8>, FormatError> {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Err(err(name, "named .gz but not gzip-compressed (no gzip header)".into()));
    }
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .take(max.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| {
            err(
                name,
                format!("gzip data is broken after {} decompressed bytes: {e}", out.len()),
            )
        })?;
    if out.len() as u64 > max {
        return Err(err(
            name,
            format!("more than the limit of {max} bytes once decompressed"),
        ));
    }
    Ok(out)
}

/// One WARC record, as read: its 1-based number, its byte offset in the (decompressed) input,
/// its headers and block.
struct RawRecord {
    number: usize,
    offset: usize,
    headers: Vec<(String, String)>,
    block: Vec<u8>,
}

impl RawRecord {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Parses the records of uncompressed WARC bytes with the `warc` crate's parser; a record that
/// does not parse is an error naming it, and reading goes on at the next `WARC/` line.
fn split_records(
    name: &str,
    bytes: &[u8],
    first_number: usize,
    base: usize,
    out: &mut Vec<Result<RawRecord, FormatError>>,
) {
    let mut rest = bytes;
    let mut number = first_number;
    while !rest.iter().all(u8::is_ascii_whitespace) {
        let offset = base + (bytes.len() - rest.len());
        // leading blank lines between records
        let skip = rest.iter().take_while(|b| matches!(b, b'\r' | b'\n')).count();
        rest = &rest[skip..];
        match warc::parser::record(rest) {
            Ok((after, (_version, headers, block))) => {
                out.push(Ok(RawRecord {
                    number,
                    offset,
                    headers: headers
                        .iter()
                        .map(|(k, v)| (k.to_string(), String::from_utf8_lossy(v).trim().to_string()))
                        .collect(),
                    block: block.to_vec(),
                }));
                rest = after;
            }
            Err(_) => {
                let why = match warc::parser::headers(rest) {
                    Ok((after, (_, _, len))) if after.len() < len + 2 => format!(
                        "truncated: its Content-Length is {len} bytes, the input ends {} bytes after its headers",
                        after.len()
                    ),
                    Ok(_) => "its block does not end with the two line breaks a record ends with".to_string(),
                    Err(_) => "not a WARC record (no `WARC/1.x` version line and headers)".to_string(),
                };
                out.push(Err(err(name, format!("record {number} (at byte {offset}): {why}"))));
                // go on at the next record's version line
                match find(&rest[1.min(rest.len())..], b"\nWARC/") {
                    Some(i) => rest = &rest[1 + i + 1..],
                    None => return,
                }
            }
        }
        number += 1;
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The records of a WARC input: `.warc` bytes as they are; gzip bytes member by member (each
/// member a record, as crawlers write them), so a broken member loses only its record.
fn records(name: &str, bytes: &[u8], max: u64) -> Vec<Result<RawRecord, FormatError>> {
    let mut out = Vec::new();
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        split_records(name, bytes, 1, 0, &mut out);
        return out;
    }
    let mut pos = 0;
    let mut total: u64 = 0;
    while pos < bytes.len() {
        let mut member = Vec::new();
        let mut dec = flate2::bufread::GzDecoder::new(&bytes[pos..]);
        let read = (&mut dec).take(max.saturating_add(1)).read_to_end(&mut member);
        let number = out.len() + 1;
        match read {
            Ok(_) => {
                let used = bytes.len() - pos - dec.into_inner().len();
                total += member.len() as u64;
                if total > max {
                    out.push(Err(err(
                        name,
                        format!("more than the limit of {max} bytes once decompressed"),
                    )));
                    return out;
                }
                split_records(name, &member, number, pos, &mut out);
                if used == 0 {
                    break;
                }
                pos += used;
            }
            Err(e) => {
                out.push(Err(err(
                    name,
                    format!("record {number} (gzip member at byte {pos}): broken gzip data: {e}"),
                )));
                // go on at the next gzip member
                match find(&bytes[pos + 1..], &[0x1f, 0x8b, 0x08]) {
                    Some(i) => pos = pos + 1 + i,
                    None => break,
                }
            }
        }
        // trailing zero padding after the last member
        if bytes[pos..].iter().all(|b| *b == 0) {
            break;
        }
    }
    out
}

/// An HTTP response: status, headers (lower-cased names), body.
type Response = (u16, Vec<(String, String)>, Vec<u8>);

/// An HTTP response's parts: status, headers (lower-cased names), body (de-chunked).
fn http_response(block: &[u8]) -> Option<Response> {
    let end = find(block, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| find(block, b"\n\n").map(|i| (i, i + 2)))?;
    let head = String::from_utf8_lossy(&block[..end.0]);
    let mut lines = head.lines();
    let status: u16 = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = block[end.1..].to_vec();
    let has = |k: &str, v: &str| {
        headers
            .iter()
            .any(|(n, x)| n == k && x.to_ascii_lowercase().contains(v))
    };
    if has("transfer-encoding", "chunked") {
        body = dechunk(&body)?;
    }
    if has("content-encoding", "gzip") {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&body[..])
            .read_to_end(&mut out)
            .ok()?;
        body = out;
    } else if has("content-encoding", "deflate") {
        let mut out = Vec::new();
        flate2::read::ZlibDecoder::new(&body[..]).read_to_end(&mut out).ok()?;
        body = out;
    }
    Some((status, headers, body))
}

/// A chunked HTTP body, joined.
fn dechunk(mut b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = find(b, b"\r\n")?;
        let size_text = String::from_utf8_lossy(&b[..line_end]);
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        b = &b[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(b.get(..size)?);
        b = b.get(size + 2..).unwrap_or(&[]);
    }
}

/// Reads a WARC file (`.warc`, or `.warc.gz` with a gzip member per record): each `response`
/// record of an HTML page with status 2xx becomes an article named `name#N` (N the record's
/// number), its `WARC-Target-URI` the url, its `WARC-Date` the date when the page states none,
/// its main text extracted as for `.html` pages. Other records (requests, metadata, images,
/// redirects) are skipped. A broken or truncated record is an error naming it; the others are
/// still read.
pub fn warc_articles(name: &str, bytes: &[u8], max: u64) -> Vec<Result<Parts, FormatError>> {
    let mut out = Vec::new();
    for r in records(name, bytes, max) {
        let r = match r {
            Ok(r) => r,
            Err(e) => {
                out.push(Err(e));
                continue;
            }
        };
        if !r
            .header("WARC-Type")
            .is_some_and(|t| t.eq_ignore_ascii_case("response"))
        {
            continue;
        }
        let id = format!("{name}#{}", r.number);
        let Some((status, headers, body)) = http_response(&r.block) else {
            out.push(Err(err(
                name,
                format!(
                    "record {} (at byte {}): its block is not an HTTP response",
                    r.number, r.offset
                ),
            )));
            continue;
        };
        let html = headers
            .iter()
            .find(|(k, _)| k == "content-type")
            .is_some_and(|(_, v)| v.to_ascii_lowercase().contains("html"));
        if !(200..300).contains(&status) || !html {
            continue;
        }
        let text = match decode(&body, &id, true) {
            Ok(d) => d.text,
            Err(e) => {
                out.push(Err(err(name, format!("record {}: {e}", r.number))));
                continue;
            }
        };
        let url = r
            .header("WARC-Target-URI")
            .map(|u| u.trim_matches(['<', '>']).to_string());
        let warc_date = r.header("WARC-Date").and_then(super::formats::parse_date);
        out.push(html_article(&id, &text).map(|mut p| {
            if url.is_some() {
                p.url = url.clone();
            }
            p.own_id = p.url.as_ref().map(|u| format!("url:{u}"));
            p.date = p.date.or(warc_date);
            p
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feeds_are_recognised_by_content() {
        assert!(is_feed(
            "<?xml version=\"1.0\"?>\n<!-- c -->\n<rss version=\"2.0\"><channel/></rss>"
        ));
        assert!(is_feed("<feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>"));
        assert!(is_feed("<rdf:RDF></rdf:RDF>"));
        assert!(!is_feed("<html><body/></html>"));
        assert!(!is_feed("Turkey said."));
    }

    #[test]
    fn fragments_become_paragraphs() {
        assert_eq!(
            fragment_paragraphs("<p>One.</p><p>Two <b>x</b>.</p>"),
            ["One.", "Two x."]
        );
        assert_eq!(fragment_paragraphs("One.<br/>Two."), ["One.", "Two."]);
        assert_eq!(fragment_paragraphs("Plain text."), ["Plain text."]);
    }

    #[test]
    fn dechunks() {
        assert_eq!(dechunk(b"4\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n").unwrap(), b"Wikipedia");
        assert!(dechunk(b"zz\r\n").is_none());
    }
}
