//! `dyad` on a PostgreSQL store: four `dyad ingest` processes at once on overlapping folders
//! store each article once and fold to the events of one SQLite ingest; an ingest killed with
//! SIGKILL mid-run loses nothing committed and duplicates nothing when run again; `DYAD_DB`
//! names the store; a server that cannot be reached is a clear error.
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

#[test]
fn the_store_commands_take_a_url_and_say_what_they_cannot_do() {
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
    let listed = dyad(&["events", "--db", &db.url, "--country", "GRC", "--format", "jsonl"]);
    assert!(listed.status.success());
    let listed = String::from_utf8(listed.stdout).unwrap();
    assert!(listed.lines().count() > 10 && listed.contains("\"TUR"), "{listed}");
    let lite = temp_dir("cmds").join("s.db");
    assert!(dyad(&["ingest", "--quiet", "--db", s(&lite), s(&story)])
        .status
        .success());
    let a = dyad(&["events", "--db", s(&lite), "--country", "GRC", "--format", "jsonl"]);
    let strip = |t: &str| -> Vec<String> {
        t.lines()
            .map(|l| {
                let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
                v["added_at"] = serde_json::Value::Null;
                v.to_string()
            })
            .collect()
    };
    assert_eq!(strip(&listed), strip(&String::from_utf8(a.stdout).unwrap()));
    let parquet = lite.with_extension("parquet");
    let out = dyad(&["export", "--db", &db.url, "--format", "parquet", "--out", s(&parquet)]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(std::fs::metadata(&parquet).unwrap().len() > 1000);
    for cmd in [
        vec!["relations", "TUR", "GRC"],
        vec!["actors"],
        vec!["check"],
        vec!["dedup"],
        vec!["events", "--explain", "1"],
        vec!["serve", "--read-only"],
    ] {
        let mut args = cmd.clone();
        args.extend(["--db", &db.url]);
        let out = dyad(&args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{cmd:?}");
        assert!(err.contains("works on SQLite stores only for now"), "{cmd:?}: {err}");
    }
    // A server that cannot be reached; a password never shown, not even by --help.
    let help = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["events", "--help"])
        .env("DYAD_DB", "postgres://me:hunter2@127.0.0.1:1/dyad")
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(help.contains("DYAD_DB") && !help.contains("hunter2"), "{help}");
    let out = dyad(&["events", "--db", "postgres://me:hunter2@127.0.0.1:1/dyad"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("cannot connect to postgres://me:***@127.0.0.1:1/dyad: "),
        "{err}"
    );
    assert!(!err.contains("hunter2"), "{err}");
}
