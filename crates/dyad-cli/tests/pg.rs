//! `dyad` on a PostgreSQL store: four `dyad ingest` processes at once on overlapping folders
//! store each article once and fold to the events of one SQLite ingest; an ingest killed with
//! SIGKILL mid-run loses nothing committed and duplicates nothing when run again; every store
//! command (events, explain, actors, relations, export, check, dedup, watch, serve) prints the
//! same on a PostgreSQL store as on an SQLite store of the same articles; `DYAD_DB` names the
//! store; a server that cannot be reached is a clear error.
//!
//! Needs `DYAD_TEST_PG` (see crates/dyad-store/tests/pg.rs); says SKIPPED without it.

use chrono::{Duration, NaiveDate};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Instant;

fn dyad(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .env_remove("DYAD_DB")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("dyad-cli-pg-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A new database for one test; dropped with the guard.
struct TestDb {
    admin: String,
    name: String,
    url: String,
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let _ = psql(
            &self.admin,
            &format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name),
        );
    }
}

/// Runs SQL through the store's own client library, via a tiny query: `dyad` has no SQL
/// command, so the tests use `psql` when present, else the rows counted by `dyad export`.
fn psql(url: &str, sql: &str) -> Option<String> {
    let out = Command::new("psql")
        .args(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql])
        .output()
        .ok()?;
    assert!(
        out.status.success(),
        "psql {sql}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8(out.stdout).unwrap().trim().to_string())
}

fn test_db(test: &str) -> Option<TestDb> {
    let Ok(admin) = std::env::var("DYAD_TEST_PG") else {
        assert!(
            std::env::var_os("DYAD_REQUIRE_PG").is_none(),
            "DYAD_REQUIRE_PG is set but DYAD_TEST_PG is not"
        );
        eprintln!("SKIPPED: {test}: no PostgreSQL server (set DYAD_TEST_PG; scripts/pg-test-server.sh starts one)");
        return None;
    };
    let name = format!("dyad_c_{}_{test}", std::process::id());
    if psql(&admin, &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).is_none() {
        eprintln!("SKIPPED: {test}: psql is not installed (the PostgreSQL client)");
        return None;
    }
    psql(&admin, &format!("CREATE DATABASE {name}"));
    let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
    let url = format!("{base}/{name}");
    Some(TestDb { admin, name, url })
}

/// `n` varied copies of the bundled examples in five outlet folders (as tests/store.rs).
fn corpus(dir: &Path, n: usize) -> PathBuf {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/articles");
    let mut sources: Vec<PathBuf> = std::fs::read_dir(examples)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    sources.sort();
    let texts: Vec<String> = sources.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect();
    let root = dir.join("corpus");
    for i in 0..n {
        let round = i / texts.len();
        let mut paragraphs: Vec<String> = texts[i % texts.len()].split("\n\n").map(str::to_string).collect();
        let drop = 3 + round % 5;
        if drop < paragraphs.len() {
            paragraphs.remove(drop);
        }
        let mut out = paragraphs.join("\n\n");
        if let Some(line) = out.lines().find(|l| l.starts_with("date ")) {
            let d: NaiveDate = line[5..].trim().parse().unwrap();
            out = out.replacen(line, &format!("date {}", d + Duration::weeks(round as i64)), 1);
        }
        out.push_str(&format!("\n\nThis is copy {i} of the story.\n"));
        let folder = root.join(format!("outlet{}", i % 5));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join(format!("{i:04}.txt")), out).unwrap();
    }
    root
}

/// The canonical events of a store as CSV rows without their id and storage time (`id`,
/// `added_at`: ids are founding mentions' ids, which depend on the order processes stored
/// them), sorted.
fn events(db: &str) -> Vec<String> {
    let out = dyad(&["export", "--db", db, "--format", "csv"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let mut rows: Vec<String> = r
        .records()
        .map(|rec| {
            let rec = rec.unwrap();
            rec.iter()
                .zip(&header)
                .filter(|(_, h)| *h != "id" && *h != "added_at")
                .map(|(f, _)| f)
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect();
    rows.sort();
    rows
}

fn counts(url: &str) -> (i64, i64, i64) {
    let c = psql(
        url,
        "SELECT (SELECT count(*) FROM articles) || ' ' || (SELECT count(*) FROM mentions) || ' ' || (SELECT count(*) FROM events)",
    )
    .unwrap();
    let v: Vec<i64> = c.split(' ').map(|x| x.parse().unwrap()).collect();
    (v[0], v[1], v[2])
}

#[test]
fn four_ingests_at_once_on_overlapping_folders_store_each_article_and_event_once() {
    let Some(db) = test_db("four") else { return };
    let dir = temp_dir("four");
    let n = 120;
    let root = corpus(&dir, n);
    let o = |i: usize| root.join(format!("outlet{i}"));
    let jobs: Vec<Vec<PathBuf>> = vec![
        vec![o(0), o(1), o(2)],
        vec![o(1), o(2), o(3)],
        vec![o(3), o(4), o(0)],
        vec![root.clone()],
    ];
    let children: Vec<_> = jobs
        .iter()
        .map(|paths| {
            let mut c = Command::new(env!("CARGO_BIN_EXE_dyad"));
            c.args(["ingest", "--batch", "4", "--threads", "1"])
                .env("DYAD_DB", &db.url)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::piped());
            for p in paths {
                c.arg(p);
            }
            c.spawn().unwrap()
        })
        .collect();
    let mut stored = 0;
    for c in children {
        let out = c.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{err}");
        let line = err.lines().find(|l| l.contains("articles read")).unwrap();
        // "dyad: 72 articles read: 31 stored, 41 skipped (already stored), ..."
        stored += line
            .split("read: ")
            .nth(1)
            .and_then(|x| x.split(' ').next())
            .unwrap()
            .parse::<usize>()
            .unwrap();
    }
    // Each article stored by exactly one of the four.
    assert_eq!(stored, n);
    let (articles, mentions, _) = counts(&db.url);
    assert_eq!(articles, n as i64);
    assert_eq!(
        psql(
            &db.url,
            "SELECT count(DISTINCT content_hash) || ' ' || count(DISTINCT article) FROM articles"
        )
        .unwrap(),
        format!("{n} {n}")
    );
    // Every mention folded into exactly one event, and the events are one SQLite ingest's.
    assert_eq!(
        psql(&db.url, "SELECT count(*) FROM mentions WHERE event_id IS NULL").unwrap(),
        "0"
    );
    let lite = dir.join("one.db");
    let one = dyad(&["ingest", "--quiet", "--db", s(&lite), s(&root)]);
    assert!(one.status.success(), "{}", String::from_utf8_lossy(&one.stderr));
    let (e_pg, e_lite) = (events(&db.url), events(s(&lite)));
    assert!(
        mentions as usize > e_pg.len(),
        "copies fold: {mentions} mentions, {} events",
        e_pg.len()
    );
    assert_eq!(e_pg, e_lite);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_killed_ingest_loses_nothing_committed_and_a_rerun_duplicates_nothing() {
    let Some(db) = test_db("kill") else { return };
    let dir = temp_dir("kill");
    let n = 200;
    let root = corpus(&dir, n);
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["ingest", "--quiet", "--batch", "8", "--db", &db.url, s(&root)])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        // (the tables appear with the first connection)
        let stored = Command::new("psql")
            .args([
                "-X",
                "-q",
                "-A",
                "-t",
                "-d",
                &db.url,
                "-c",
                "SELECT count(*) FROM articles",
            ])
            .stderr(Stdio::null())
            .output()
            .ok()
            .and_then(|o| String::from_utf8(o.stdout).ok())
            .and_then(|c| c.trim().parse::<i64>().ok());
        if stored.unwrap_or(0) > 0 {
            break;
        }
        assert!(started.elapsed().as_secs() < 120, "no commit within two minutes");
        assert!(
            child.try_wait().unwrap().is_none(),
            "ingest ended before it could be killed"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let (at_kill, _, _) = counts(&db.url);
    assert!(
        at_kill > 0 && at_kill < n as i64,
        "killed with {at_kill} articles stored"
    );
    assert_eq!(at_kill % 8, 0, "only whole batches are committed");
    assert_eq!(
        psql(
            &db.url,
            "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = a.id)"
        )
        .unwrap(),
        "0",
        "every stored article has its mentions"
    );
    let again = dyad(&["ingest", "--batch", "8", "--db", &db.url, s(&root)]);
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(again.status.success(), "{err}");
    assert!(
        err.contains(&format!(
            "{n} articles read: {} stored, {at_kill} skipped",
            n as i64 - at_kill
        )),
        "{err}"
    );
    let lite = dir.join("clean.db");
    assert!(dyad(&["ingest", "--quiet", "--db", s(&lite), s(&root)])
        .status
        .success());
    let (articles, mentions, _) = counts(&db.url);
    assert_eq!(articles, n as i64);
    let lite_mentions = dyad(&["export", "--db", s(&lite), "--format", "jsonl", "--mentions"]);
    assert_eq!(
        mentions as usize,
        String::from_utf8_lossy(&lite_mentions.stdout).lines().count()
    );
    assert_eq!(events(&db.url), events(s(&lite)));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A command's output with what differs by backend taken out: storage times (`added_at`, in
/// JSON and as a CSV column) and the store's name.
fn normal(text: &str, names: &[&str]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut added_at_col: Option<usize> = None;
    for (i, line) in text.lines().enumerate() {
        let mut line = line.to_string();
        for n in names {
            line = line.replace(n, "STORE");
        }
        while let Some(at) = line.find("\"added_at\":\"") {
            let end = line[at + 12..].find('"').map_or(line.len(), |e| at + 12 + e + 1);
            line.replace_range(at..end, "\"added_at\":null");
        }
        // CSV exports: the added_at column
        if i == 0 && line.contains(",added_at") {
            added_at_col = line.split(',').position(|h| h == "added_at");
        }
        if let Some(c) = added_at_col {
            let mut rec = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(line.as_bytes())
                .into_records();
            if let Some(Ok(r)) = rec.next() {
                if r.len() > c {
                    line = r
                        .iter()
                        .enumerate()
                        .map(|(j, f)| if j == c { "" } else { f })
                        .collect::<Vec<_>>()
                        .join("\u{1f}");
                }
            }
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// `dyad ARGS --db DB`, which must succeed; its standard output.
fn run_ok(args: &[&str], db: &str) -> String {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--db", db]);
    let out = dyad(&all);
    assert!(
        out.status.success(),
        "dyad {}: {}",
        all.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A `dyad serve` process and its address.
struct Server {
    child: std::process::Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(db: &str, extra: &[&str]) -> Server {
    use std::io::BufRead;
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["serve", "--addr", "127.0.0.1:0", "--db", db])
        .args(extra)
        .env_remove("DYAD_DB")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    // "dyad serve: http://127.0.0.1:PORT/ (store ...)"
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or_else(|| panic!("dyad serve said: {line}"))
        .to_string();
    Server { child, addr }
}

/// One HTTP/1.1 request; the status and body.
fn http(addr: &str, method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> (u16, String) {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    s.write_all(req.as_bytes()).unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let raw = String::from_utf8(raw).unwrap();
    let (head, rest) = raw.split_once("\r\n\r\n").unwrap();
    let status: u16 = head.split(' ').nth(1).unwrap().parse().unwrap();
    let body = if head.to_ascii_lowercase().contains("transfer-encoding: chunked") {
        let mut out = String::new();
        let mut rest = rest;
        while let Some((size, tail)) = rest.split_once("\r\n") {
            let n = usize::from_str_radix(size.trim(), 16).unwrap();
            if n == 0 {
                break;
            }
            out.push_str(&tail[..n]);
            rest = &tail[n + 2..];
        }
        out
    } else {
        rest.to_string()
    };
    (status, body)
}

#[test]
fn every_store_command_gives_the_same_output_on_both_backends() {
    let Some(db) = test_db("cmds") else { return };
    let story = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/story/articles");
    // DYAD_DB names the store.
    let out = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["ingest", s(&story)])
        .env("DYAD_DB", &db.url)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains(&format!("{} now holds 34 articles", db.url)), "{err}");
    let dir = temp_dir("cmds");
    let lite = dir.join("s.db");
    assert!(dyad(&["ingest", "--quiet", "--db", s(&lite), s(&story)])
        .status
        .success());
    let (pg, sl) = (db.url.as_str(), s(&lite));
    let names = [pg, sl];
    let same = |args: &[&str]| {
        let (a, b) = (run_ok(args, pg), run_ok(args, sl));
        assert!(a.lines().count() > 0, "dyad {args:?} printed nothing");
        let (a, b) = (normal(&a, &names), normal(&b, &names));
        if a != b {
            let first = a.lines().zip(b.lines()).position(|(x, y)| x != y).unwrap_or(0);
            panic!(
                "dyad {args:?} differs at line {first}:\n  postgres: {}\n  sqlite:   {}",
                a.lines().nth(first).unwrap_or(""),
                b.lines().nth(first).unwrap_or("")
            );
        }
        a
    };
    // Listings, with filters, and one event explained.
    let listed = same(&["events", "--country", "GRC", "--format", "jsonl"]);
    assert!(listed.lines().count() > 10 && listed.contains("\"TUR"), "{listed}");
    same(&["events"]);
    same(&["events", "--code", "04", "--since", "2024-01-01", "--format", "csv"]);
    same(&["events", "--text", "EARTHQUAKE", "--format", "jsonl"]);
    same(&["events", "--actor", "GRCGOV", "--quad", "1", "--limit", "7"]);
    let id = listed
        .lines()
        .next()
        .and_then(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .and_then(|v| v["id"].as_i64())
        .unwrap();
    let explained = same(&["events", "--explain", &id.to_string(), "--format", "jsonl"]);
    assert!(explained.contains("fold_reason"), "{explained}");
    same(&["events", "--explain", &id.to_string()]);
    // Actors and relations.
    let actors = same(&["actors"]);
    assert!(actors.contains("TURGOV"), "{actors}");
    same(&["actors", "--country", "TUR", "--format", "jsonl"]);
    same(&["relations", "TUR", "GRC"]);
    same(&["relations", "Turkey", "Greece", "--by", "week", "--json"]);
    same(&["relations", "TUR", "GRC", "--plans-at", "planned", "--json"]);
    // Exports: events and mentions.
    for format in ["csv", "jsonl", "gdelt"] {
        same(&["export", "--format", format]);
    }
    let mentions = same(&["export", "--mentions", "--format", "jsonl"]);
    same(&["export", "--mentions", "--format", "csv", "--country", "GRC"]);
    // The check.
    let check = same(&["check", "--json"]);
    assert!(check.contains("\"problems\":[]"), "{check}");
    let counts: serde_json::Value = serde_json::from_str(&check).unwrap();
    assert_eq!(
        mentions.lines().count() as u64,
        counts["counts"]["mentions"].as_u64().unwrap(),
        "every mention exported"
    );
    same(&["check"]);
    // dedup: other rules fold the same events on both; back again, the same first events.
    same(&["dedup"]);
    let before = same(&["export", "--format", "jsonl"]);
    // (a refold says what it did on standard error)
    let refold = |args: &[&str]| {
        let said: Vec<String> = names
            .iter()
            .map(|db| {
                let mut all = args.to_vec();
                all.extend(["--db", db]);
                let out = dyad(&all);
                assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
                String::from_utf8_lossy(&out.stderr).to_string()
            })
            .collect();
        assert!(said[0].contains("mentions folded into"), "{}", said[0]);
        assert_eq!(said[0], said[1]);
    };
    refold(&["dedup", "--level", "root", "--window", "3"]);
    let root = same(&["export", "--format", "jsonl"]);
    assert!(root.lines().count() < before.lines().count());
    same(&["check", "--json"]);
    refold(&["dedup", "--level", "full", "--window", "1"]);
    assert_eq!(same(&["export", "--format", "jsonl"]), before);
    // watch: a folder ingested once, then nothing new.
    let folder = dir.join("watched");
    std::fs::create_dir_all(&folder).unwrap();
    let one = std::fs::read_dir(&story).unwrap().next().unwrap().unwrap().path();
    std::fs::copy(&one, folder.join("one.txt")).unwrap();
    let watch_db = temp_dir("watch").join("w.db");
    let wdb = TestDb {
        admin: db.admin.clone(),
        name: format!("{}_w", db.name),
        url: format!("{}_w", db.url),
    };
    psql(&db.admin, &format!("CREATE DATABASE {}", wdb.name));
    for w in [wdb.url.as_str(), s(&watch_db)] {
        for pass in 0..2 {
            let out = dyad(&["watch", s(&folder), "--once", "--db", w]);
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(out.status.success(), "{err}");
            assert_eq!(err.contains("1 file(s): 1 article(s) stored"), pass == 0, "{err}");
        }
    }
    assert_eq!(
        normal(&run_ok(&["export", "--format", "jsonl"], &wdb.url), &[]),
        normal(&run_ok(&["export", "--format", "jsonl"], s(&watch_db)), &[])
    );
    // serve: the API answers alike.
    let (a, b) = (serve(pg, &["--read-only"]), serve(sl, &["--read-only"]));
    let country = |t: &str| t.replace(pg, "STORE").replace(sl, "STORE");
    for path in [
        "/api/health",
        "/api/events?limit=40",
        "/api/events?country=GRC&limit=5&cursor=2024-09-24~253",
        "/api/events?q=earthquake",
        &format!("/api/events/{id}"),
        "/api/dyads",
        "/api/actors",
        "/api/relations?a=TUR&b=GRC",
        "/api/actors/TUR/counterparts",
        "/api/events?quad=9",
    ] {
        let (x, y) = (http(&a.addr, "GET", path, &[], ""), http(&b.addr, "GET", path, &[], ""));
        assert_eq!(x.0, y.0, "{path}");
        assert!(x.1.len() > 20, "{path}: {}", x.1);
        assert_eq!(normal(&country(&x.1), &[]), normal(&country(&y.1), &[]), "{path}");
    }
    drop((a, b));
    // ... and stores a posted article alike.
    let token = dir.join("token");
    std::fs::write(&token, "0123456789abcdef0123").unwrap();
    let (a, b) = (
        serve(pg, &["--token-file", s(&token)]),
        serve(sl, &["--token-file", s(&token)]),
    );
    let article = r#"{"title":"Baku","text":"Iran and Azerbaijan signed seven agreements in Baku on Monday.","date":"2025-04-28"}"#;
    let auth = [
        ("Authorization", "Bearer 0123456789abcdef0123"),
        ("Content-Type", "application/json"),
    ];
    for _ in 0..2 {
        let x = http(&a.addr, "POST", "/api/articles", &auth, article);
        let y = http(&b.addr, "POST", "/api/articles", &auth, article);
        assert_eq!(x.0, y.0);
        assert!(x.1.contains("\"057\""), "{}", x.1);
        assert_eq!(normal(&x.1, &[]), normal(&y.1, &[]));
    }
    drop((a, b));
    same(&["events", "--country", "AZE", "--format", "jsonl"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_password_is_never_shown_and_an_unreachable_server_is_a_clear_error() {
    // A server that cannot be reached; a password never shown, not even by --help.
    let help = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["events", "--help"])
        .env("DYAD_DB", "postgres://me:hunter2@127.0.0.1:1/dyad")
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(help.contains("DYAD_DB") && !help.contains("hunter2"), "{help}");
    for cmd in [
        vec!["events"],
        vec!["actors"],
        vec!["relations", "TUR", "GRC"],
        vec!["check"],
        vec!["dedup"],
        vec!["export", "--mentions", "--format", "csv"],
        vec!["serve", "--read-only"],
        vec!["watch", ".", "--once"],
    ] {
        let mut args = cmd.clone();
        args.extend(["--db", "postgres://me:hunter2@127.0.0.1:1/dyad"]);
        let out = dyad(&args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{cmd:?}");
        assert!(
            err.contains("cannot connect to postgres://me:***@127.0.0.1:1/dyad: "),
            "{cmd:?}: {err}"
        );
        assert!(!err.contains("hunter2"), "{cmd:?}: {err}");
    }
}
