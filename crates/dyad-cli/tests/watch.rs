//! `dyad watch` as a user runs it: files dropped into a folder while it runs are ingested once;
//! a watcher killed (SIGKILL, no chance to tidy up) and started again loses and repeats
//! nothing: the store ends as one clean ingest of the same files would make it. Also the
//! store's location queries (`--near`, `--place`) and the place in `--explain`.

use dyad_store::{EventSource, Store};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("dyad-cli-watch-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn watcher(dir: &Path, db: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["watch", s(dir), "--db", s(db), "--interval", "200ms", "-q"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("dyad watch starts")
}

fn counts(db: &Path) -> (u64, u64, u64) {
    match Store::open_read_only(db).and_then(|s| s.counts()) {
        Ok(c) => (c.articles, c.mentions, c.events),
        Err(_) => (0, 0, 0),
    }
}

/// Waits until the store holds `articles` articles (or fails after a minute).
fn wait_for(db: &Path, articles: u64) -> (u64, u64, u64) {
    let start = Instant::now();
    loop {
        let c = counts(db);
        if c.0 >= articles {
            return c;
        }
        assert!(
            start.elapsed() < Duration::from_secs(90),
            "waited for {articles} articles, have {c:?}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn feed(items: &[(&str, &str, &str)]) -> String {
    let mut s = String::from("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Ledger</title>\n");
    for (url, title, text) in items {
        s.push_str(&format!(
            "<item><title>{title}</title><link>{url}</link><pubDate>Tue, 04 Mar 2025 09:30:00 GMT</pubDate><description>{text}</description></item>\n"
        ));
    }
    s.push_str("</channel></rss>\n");
    s
}

const A: (&str, &str, &str) = (
    "https://ledger.example/a",
    "Iran criticises Iraq",
    "Iran criticised Iraq on Monday over the border.",
);
const B: (&str, &str, &str) = (
    "https://ledger.example/b",
    "Egypt praises Turkey",
    "Egypt praised Turkey on Tuesday for its help.",
);
const C: (&str, &str, &str) = (
    "https://ledger.example/c",
    "Russia shells Kharkiv",
    "Russian forces shelled Kharkiv on Wednesday.",
);

#[cfg(unix)]
#[test]
fn dropped_files_are_ingested_once_and_a_killed_watcher_resumes() {
    let d = temp_dir("resume");
    let inbox = d.join("inbox");
    std::fs::create_dir_all(&inbox).unwrap();
    let db = d.join("w.db");

    let mut w = watcher(&inbox, &db);
    // files arrive while it runs
    std::fs::write(
        inbox.join("one.txt"),
        "Turkey criticises Greece\n\nTurkey criticised Greece on Monday.",
    )
    .unwrap();
    std::fs::write(inbox.join("world.rss"), feed(&[A, B])).unwrap();
    let first = wait_for(&db, 3);
    // nothing more comes of waiting: each file was ingested once
    std::thread::sleep(Duration::from_millis(800));
    assert_eq!(counts(&db), first);

    // killed without warning; meanwhile the feed gains an item and a file arrives
    w.kill().unwrap();
    w.wait().unwrap();
    std::fs::write(inbox.join("world.rss"), feed(&[A, B, C])).unwrap();
    std::fs::write(
        inbox.join("two.txt"),
        "Iran thanks Iraq\n\nIran thanked Iraq on Friday.",
    )
    .unwrap();
    let mut w = watcher(&inbox, &db);
    let after = wait_for(&db, 5);
    std::thread::sleep(Duration::from_millis(800));
    assert_eq!(counts(&db), after);
    w.kill().unwrap();
    w.wait().unwrap();

    // the same as one clean ingest of the final files
    let clean = d.join("clean.db");
    let out = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["ingest", s(&inbox), "--db", s(&clean), "-q"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(after, counts(&clean));
    assert_eq!(after.0, 5);
    // the feed's items are keyed by their links: the re-read feed added only the new one
    let store = Store::open_read_only(&db).unwrap();
    let watched = store.watched().unwrap();
    assert_eq!(watched.len(), 3, "{watched:?}");

    // locations: the Kharkiv item's event is near Kharkiv, and by name
    let near = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args([
            "events",
            "--db",
            s(&db),
            "--near",
            "50.0,36.2",
            "--km",
            "40",
            "--format",
            "jsonl",
        ])
        .output()
        .unwrap();
    assert!(near.status.success(), "{}", String::from_utf8_lossy(&near.stderr));
    let text = String::from_utf8_lossy(&near.stdout);
    // the headline's and the lead's events (two actor codes, so two events)
    let n = text.lines().count();
    assert!(n >= 1 && text.lines().all(|l| l.contains("\"Kharkiv\"")), "{text}");
    let far = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args([
            "events",
            "--db",
            s(&db),
            "--near",
            "30.0,31.2",
            "--km",
            "40",
            "--format",
            "jsonl",
        ])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&far.stdout).lines().count(), 0);
    for name in ["Kharkiv", "Kharkov", "Ukraine", "UKR"] {
        let by = Command::new(env!("CARGO_BIN_EXE_dyad"))
            .args(["events", "--db", s(&db), "--place", name, "--format", "jsonl"])
            .output()
            .unwrap();
        assert_eq!(String::from_utf8_lossy(&by.stdout).lines().count(), n, "--place {name}");
    }
    let id: String = text
        .split("\"id\":")
        .nth(1)
        .unwrap()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let explain = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["events", "--db", s(&db), "--explain", &id])
        .output()
        .unwrap();
    let x = String::from_utf8_lossy(&explain.stdout);
    assert!(x.contains("place Kharkiv, Kharkiv, Ukraine (city, UKR"), "{x}");
    // the GDELT export fills ActionGeo
    let gdelt = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["export", "--db", s(&db), "--format", "gdelt", "--place", "Kharkiv"])
        .output()
        .unwrap();
    let row = String::from_utf8_lossy(&gdelt.stdout);
    let cols: Vec<&str> = row.lines().next().unwrap().split('\t').collect();
    // GDELT 2.0's 61 columns, then dyad's DatePrecision
    assert_eq!(cols.len(), dyad_store::export::GDELT_COLUMNS.len());
    assert_eq!(&cols[51..55], ["4", "Kharkiv, Kharkiv, Ukraine", "UP", "UP07"]);
    assert!(cols[56].starts_with("49.9") && cols[57].starts_with("36.2"), "{cols:?}");
    // SOURCEURL is the feed item's link, kept as the article's URL
    assert_eq!(cols[60], "https://ledger.example/c", "{cols:?}");
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn watching_a_missing_folder_is_an_error() {
    let d = temp_dir("missing");
    let out = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["watch", s(&d.join("nope")), "--db", s(&d.join("w.db")), "--once"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope"));
    let _ = std::fs::remove_dir_all(&d);
}
