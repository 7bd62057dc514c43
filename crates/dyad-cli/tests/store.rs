//! The store commands as a user runs them: a killed ingest resumes to the same store as a clean
//! run; bad inputs are reported and skipped; the query and export commands' output shapes.

use chrono::{Duration, NaiveDate};
use dyad_store::Store;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Instant;

fn dyad(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("dyad runs")
}

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/articles")
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("dyad-cli-store-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// `n` varied copies of the bundled examples in five outlet folders: copy `i` moves the
/// `date` header on by `i / 8` weeks, leaves out one later paragraph, and carries its number.
fn corpus(dir: &Path, n: usize) -> PathBuf {
    let mut sources: Vec<PathBuf> = std::fs::read_dir(examples())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    sources.sort();
    let texts: Vec<String> = sources.iter().map(|p| std::fs::read_to_string(p).unwrap()).collect();
    let root = dir.join("corpus");
    for i in 0..n {
        let round = i / texts.len();
        let text = &texts[i % texts.len()];
        let mut paragraphs: Vec<String> = text.split("\n\n").map(str::to_string).collect();
        let drop = 3 + round % 5;
        if drop < paragraphs.len() {
            paragraphs.remove(drop);
        }
        let mut out = paragraphs.join("\n\n");
        if let Some(line) = out.lines().find(|l| l.starts_with("date ")) {
            let d: NaiveDate = line[5..].trim().parse().unwrap();
            let moved = d + Duration::weeks(round as i64);
            out = out.replacen(line, &format!("date {moved}"), 1);
        }
        out.push_str(&format!("\n\nThis is copy {i} of the story.\n"));
        let folder = root.join(format!("outlet{}", i % 5));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join(format!("{i:04}.txt")), out).unwrap();
    }
    root
}

/// Articles (without timestamps), event mentions and canonical events of a store.
fn contents(db: &Path) -> (Vec<String>, String, String) {
    let store = Store::open_read_only(db).unwrap();
    let mut st = store
        .connection()
        .prepare("SELECT article, title, date, outlet, content_hash, sentences FROM articles ORDER BY article")
        .unwrap();
    let articles: Vec<String> = st
        .query_map([], |r| {
            Ok(format!(
                "{}|{:?}|{:?}|{}|{}|{}",
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, i64>(5)?
            ))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mentions = dyad(&["export", "--db", s(db), "--format", "jsonl", "--mentions"]);
    assert!(mentions.status.success());
    let events = dyad(&["export", "--db", s(db), "--format", "csv"]);
    assert!(events.status.success());
    // Drop the CSV column added_at (when each event was stored).
    let mut r = csv::Reader::from_reader(&events.stdout[..]);
    let at = r.headers().unwrap().iter().position(|h| h == "added_at").unwrap();
    let events: String = r
        .records()
        .map(|rec| {
            let rec = rec.unwrap();
            let kept: Vec<&str> = rec
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != at)
                .map(|(_, f)| f)
                .collect();
            format!("{}\n", kept.join("\u{1f}"))
        })
        .collect();
    (articles, String::from_utf8(mentions.stdout).unwrap(), events)
}

#[test]
fn a_killed_ingest_resumes_to_the_store_of_a_clean_run() {
    let dir = temp_dir("kill");
    let n = 296;
    let corpus = corpus(&dir, n);
    let killed = dir.join("killed.db");
    let clean = dir.join("clean.db");

    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["ingest", "--quiet", "--batch", "8", "--db", s(&killed), s(&corpus)])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait for a first commit, then SIGKILL.
    let started = Instant::now();
    loop {
        let stored = Store::open_read_only(&killed)
            .and_then(|s| s.counts())
            .map(|c| c.articles)
            .unwrap_or(0);
        if stored > 0 {
            break;
        }
        assert!(started.elapsed().as_secs() < 60, "no commit within a minute");
        assert!(
            child.try_wait().unwrap().is_none(),
            "ingest ended before it could be killed"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let at_kill = Store::open_read_only(&killed).unwrap().counts().unwrap();
    assert!(
        at_kill.articles > 0 && at_kill.articles < n as u64,
        "killed with {} articles stored",
        at_kill.articles
    );
    assert_eq!(at_kill.articles % 8, 0, "only whole batches are committed");

    let resumed = dyad(&["ingest", "--batch", "8", "--db", s(&killed), s(&corpus)]);
    let err = String::from_utf8_lossy(&resumed.stderr);
    assert!(resumed.status.success(), "{err}");
    assert!(
        err.contains(&format!(
            "{n} articles read: {} stored, {} skipped",
            n as u64 - at_kill.articles,
            at_kill.articles
        )),
        "{err}"
    );

    let fresh = dyad(&["ingest", "--db", s(&clean), s(&corpus)]);
    assert!(fresh.status.success(), "{}", String::from_utf8_lossy(&fresh.stderr));

    let (a1, m1, e1) = contents(&killed);
    let (a2, m2, e2) = contents(&clean);
    assert_eq!(a1.len(), n);
    assert_eq!(a1, a2);
    assert!(m1.lines().count() > 1000, "{} mentions", m1.lines().count());
    assert!(m1 == m2, "mentions differ");
    assert!(e1 == e2, "events differ");
    // Copies of one story in several outlets fold: fewer events than mentions.
    assert!(e1.lines().count() < m1.lines().count());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn store_commands_report_bad_input_and_print_the_documented_shapes() {
    let dir = temp_dir("shapes");
    let db = dir.join("d.db");
    let out = dyad(&["ingest", "--db", s(&db), s(&examples())]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    // A binary file among good ones: reported by name, skipped, exit code 1, data kept.
    let more = dir.join("more");
    std::fs::create_dir_all(&more).unwrap();
    std::fs::write(
        more.join("photo.jpg"),
        b"\xff\xd8\xff\xe0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0",
    )
    .unwrap();
    std::fs::write(
        more.join("note.txt"),
        "Turkey and Egypt sign deals\ndate 2024-09-05\n\nANKARA (Reuters) - Turkish President Recep Tayyip \
         Erdogan hosted Egyptian President Abdel Fattah al-Sisi in Ankara on Thursday.\n",
    )
    .unwrap();
    let before = Store::open_read_only(&db).unwrap().counts().unwrap();
    let out = dyad(&["ingest", "--db", s(&db), s(&more)]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("photo.jpg") && err.contains("binary"), "{err}");
    assert!(
        err.contains("2 articles read: 1 stored, 0 skipped (already stored), 1 failed"),
        "{err}"
    );
    let after = Store::open_read_only(&db).unwrap().counts().unwrap();
    assert_eq!(after.articles, before.articles + 1);
    assert!(after.mentions >= before.mentions);

    // relations --json: one object per period, four quad counts.
    let out = dyad(&["relations", "TUR", "EGY", "--by", "day", "--json", "--db", s(&db)]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let periods: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let periods = periods.as_array().unwrap();
    assert!(!periods.is_empty());
    for p in periods {
        for key in [
            "period",
            "events",
            "quad_counts",
            "goldstein_mean",
            "goldstein_sum",
            "top_events",
        ] {
            assert!(p.get(key).is_some(), "missing {key} in {p}");
        }
        assert_eq!(p["quad_counts"].as_array().unwrap().len(), 4);
        assert_eq!(p["period"].as_str().unwrap().len(), 10);
    }
    let table = dyad(&["relations", "TUR", "EGY", "--db", s(&db)]);
    assert!(String::from_utf8_lossy(&table.stdout).starts_with("period"));

    // events: table, jsonl, csv, filters, explain.
    let out = dyad(&[
        "events",
        "--db",
        s(&db),
        "--country",
        "TUR",
        "--root",
        "4",
        "--format",
        "jsonl",
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let events: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!events.is_empty());
    for e in &events {
        assert_eq!(e["root"], "04");
        assert!(
            e["source"]["country"] == "TUR" || e["target"]["country"] == "TUR",
            "{e}"
        );
    }
    let id = events[0]["id"].as_i64().unwrap().to_string();
    let out = dyad(&["events", "--db", s(&db), "--explain", &id]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("mention 1") && text.contains("pattern:") && text.contains("why:"),
        "{text}"
    );
    let out = dyad(&["events", "--db", s(&db), "--explain", "999999"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no event 999999"));
    let out = dyad(&["events", "--db", s(&db), "--quad", "7"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("--quad 7"));
    let out = dyad(&["events", "--db", s(&db), "--text", "SUMMONED iran", "--format", "csv"]);
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.starts_with("id,date,"));
    assert!(csv.lines().count() > 1 && csv.contains("summoned Iran"), "{csv}");

    let out = dyad(&["actors", "--db", s(&db), "--format", "csv"]);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("code,country,name,events"));

    // export gdelt: GDELT's 61 tab-separated columns per event, then the date's precision.
    let out = dyad(&["export", "--db", s(&db), "--format", "gdelt"]);
    assert!(out.status.success());
    let rows = String::from_utf8(out.stdout).unwrap();
    assert!(rows.lines().count() > 40);
    assert!(rows.lines().all(|l| l.split('\t').count() == 62));

    // A missing store is an error naming it, not a new empty store.
    let absent = dir.join("absent.db");
    let out = dyad(&["events", "--db", s(&absent)]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("absent.db"));
    assert!(!absent.exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn ingest_stores_each_json_line_as_its_own_article() {
    let d = temp_dir("jsonl");
    let db = d.join("store.db");
    let line = |text: &str, date: &str| {
        serde_json::json!({"title": "T", "text": text, "date": date, "source": "Wire"}).to_string()
    };
    std::fs::write(
        d.join("feed.jsonl"),
        format!(
            "{}\n{}\n",
            line("Turkey criticised Greece over the drills.", "2024-05-01"),
            line("Iran and Azerbaijan signed an agreement on transport.", "2024-05-02")
        ),
    )
    .unwrap();
    let out = dyad(&["ingest", "--db", s(&db), s(&d.join("feed.jsonl"))]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let store = Store::open_read_only(&db).unwrap();
    let mut st = store
        .connection()
        .prepare("SELECT name, date, date_source, outlet FROM articles ORDER BY name")
        .unwrap();
    let rows: Vec<(String, String, String, String)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(
        rows[0].0.ends_with("feed.jsonl#1") && rows[1].0.ends_with("feed.jsonl#2"),
        "{rows:?}"
    );
    assert_eq!(
        (rows[0].1.as_str(), rows[0].2.as_str(), rows[0].3.as_str()),
        ("2024-05-01", "metadata", "Wire")
    );
    // ingesting again stores nothing new
    let out = dyad(&["ingest", "--db", s(&db), s(&d.join("feed.jsonl"))]);
    assert!(out.status.success());
    drop(st);
    assert_eq!(Store::open_read_only(&db).unwrap().counts().unwrap().articles, 2);
}

/// Runs dyad as a user who cannot write `dir`'s files: as root, as `nobody` through
/// `setpriv`; otherwise with `dir` and its files made read-only. `None` (with a note) when
/// neither is possible.
#[cfg(target_os = "linux")]
fn dyad_without_write_access(dir: &Path, args: &[&str]) -> Option<Output> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let root = std::fs::metadata("/proc/self").unwrap().uid() == 0;
    if root {
        let setpriv = Command::new("setpriv")
            .args([
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                env!("CARGO_BIN_EXE_dyad"),
            ])
            .args(args)
            .stdin(Stdio::null())
            .output();
        match setpriv {
            Ok(out) if !String::from_utf8_lossy(&out.stderr).contains("setpriv:") => Some(out),
            _ => {
                eprintln!("SKIPPED: running as root without setpriv, nothing is read-only to this test");
                None
            }
        }
    } else {
        let mode = |p: &Path, m: u32| std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap();
        for f in std::fs::read_dir(dir).unwrap() {
            mode(&f.unwrap().path(), 0o444);
        }
        mode(dir, 0o555);
        let out = dyad(args);
        mode(dir, 0o755);
        Some(out)
    }
}

#[cfg(target_os = "linux")]
#[test]
fn read_commands_read_a_store_they_cannot_write() {
    let dir = temp_dir("read-only");
    let db = dir.join("ro").join("s.db");
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    let out = dyad(&["ingest", "--db", s(&db), s(&examples())]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let before = std::fs::read(&db).unwrap();
    for args in [
        vec!["events", "--limit", "3"],
        vec!["actors"],
        vec!["relations", "TUR", "EGY"],
        vec!["export", "--format", "gdelt"],
        vec!["export", "--format", "jsonl", "--mentions"],
        vec!["dedup"],
    ] {
        let mut args = args.clone();
        args.extend(["--db", s(&db)]);
        let Some(out) = dyad_without_write_access(db.parent().unwrap(), &args) else {
            return;
        };
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {err}");
        assert!(!out.stdout.is_empty(), "{args:?}");
    }
    assert_eq!(std::fs::read(&db).unwrap(), before, "the store is unchanged");
    let journal = std::fs::read_dir(db.parent().unwrap()).unwrap().count();
    assert_eq!(journal, 1, "no -wal or -shm left beside the store");
}

/// Overwrites one byte of page `page` (1-based) at `offset` of a store file.
fn damage(db: &Path, page: i64, offset: usize, byte: u8) {
    let size: i64 = Store::open_read_only(db)
        .unwrap()
        .connection()
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap();
    let mut bytes = std::fs::read(db).unwrap();
    bytes[(page - 1) as usize * size as usize + offset] = byte;
    std::fs::write(db, bytes).unwrap();
}

#[test]
fn check_finds_damage_and_ingest_writes_nothing_into_a_damaged_store() {
    let dir = temp_dir("check");
    let db = dir.join("s.db");
    let out = dyad(&["ingest", "--db", s(&db), s(&examples())]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = dyad(&["check", "--db", s(&db)]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains(": ok (8 articles, "), "{stdout}");

    // dyad's invariants: counts that are not those of the mentions
    let broken = dir.join("counts.db");
    std::fs::copy(&db, &broken).unwrap();
    let first: i64 = {
        let store = Store::open(&broken).unwrap();
        let c = store.connection();
        c.execute(
            "UPDATE events SET num_mentions = 99 WHERE id = (SELECT min(id) FROM events)",
            [],
        )
        .unwrap();
        c.query_row("SELECT min(id) FROM events", [], |r| r.get(0)).unwrap()
    };
    let out = dyad(&["check", "--db", s(&broken)]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains(&format!(
            "1 events whose counts are not those of their mentions: #{first}"
        )),
        "{stdout}"
    );

    // A damaged index of the articles (one hash in it changed): found by the check; an ingest
    // of the same texts under other names is refused before anything is written (through the
    // damaged index they would have been stored twice).
    let index_page: i64 = Store::open_read_only(&db)
        .unwrap()
        .connection()
        .query_row(
            "SELECT rootpage FROM sqlite_master WHERE name = 'sqlite_autoindex_articles_2'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let page = {
        let store = Store::open_read_only(&db).unwrap();
        let size: usize = store
            .connection()
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .unwrap();
        let bytes = std::fs::read(&db).unwrap();
        bytes[(index_page as usize - 1) * size..index_page as usize * size].to_vec()
    };
    let hash_at = page
        .windows(64)
        .position(|w| w.iter().all(|b| b.is_ascii_hexdigit()))
        .expect("a content hash in the index page");
    damage(
        &db,
        index_page,
        hash_at,
        if page[hash_at] == b'0' { b'1' } else { b'0' },
    );
    let out = dyad(&["check", "--db", s(&db)]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("missing from index sqlite_autoindex_articles_2"),
        "{stdout}"
    );
    let copy = dir.join("copy");
    std::fs::create_dir_all(&copy).unwrap();
    for f in std::fs::read_dir(examples()).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, copy.join(format!("x-{}", f.file_name().unwrap().to_str().unwrap()))).unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    let out = dyad(&["ingest", "--db", s(&db), s(&copy)]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("the store is damaged (row ") && err.contains("nothing was written"),
        "{err}"
    );
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn an_export_that_meets_a_damaged_page_names_where_it_stopped() {
    let dir = temp_dir("damaged-export");
    let db = dir.join("s.db");
    let out = dyad(&["ingest", "--db", s(&db), s(&examples())]);
    assert!(out.status.success());
    let leaf: i64 = Store::open_read_only(&db)
        .unwrap()
        .connection()
        .query_row(
            "SELECT pageno FROM dbstat WHERE name = 'events' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1 OFFSET 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    // not a b-tree page any more
    damage(&db, leaf, 0, 0xff);
    let out = dyad(&["export", "--db", s(&db), "--format", "csv"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("reading the event after #"), "{err}");
    assert!(err.contains("dyad check --db"), "{err}");
    // a listing stops too, saying so, rather than printing what it could read
    for args in [vec!["events"], vec!["events", "--format", "jsonl"]] {
        let mut args = args.clone();
        args.extend(["--db", s(&db)]);
        let out = dyad(&args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains("malformed"), "{args:?}: {err}");
    }
    let out = dyad(&["check", "--db", s(&db)]);
    assert_eq!(out.status.code(), Some(1));
}

/// Runs dyad with files limited to `blocks` of 512 bytes (`ulimit -f`, SIGXFSZ ignored), as a
/// disk that fills up: a write past the limit fails with "File too large".
#[cfg(unix)]
fn dyad_with_files_limited(blocks: u32, args: &[&str]) -> Output {
    let mut script = format!(
        "trap '' XFSZ; ulimit -f {blocks}; exec '{}'",
        env!("CARGO_BIN_EXE_dyad")
    );
    for a in args {
        script.push_str(&format!(" '{a}'"));
    }
    Command::new("sh")
        .args(["-c", &script])
        .stdin(Stdio::null())
        .output()
        .expect("sh runs")
}

#[cfg(unix)]
#[test]
fn a_disk_that_fills_up_leaves_no_truncated_export_and_ingest_says_what_it_kept() {
    let dir = temp_dir("full-disk");
    let db = dir.join("s.db");
    let out = dyad(&["ingest", "--db", s(&db), s(&examples())]);
    assert!(out.status.success());

    // An export larger than the limit: the earlier file stays, no temporary file is left.
    let target = dir.join("out.jsonl");
    std::fs::write(&target, "earlier\n").unwrap();
    let out = dyad_with_files_limited(
        100,
        &[
            "export",
            "--db",
            s(&db),
            "--format",
            "jsonl",
            "--mentions",
            "--out",
            s(&target),
        ],
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("out.jsonl") && err.contains("File too large"), "{err}");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "earlier\n");
    let left: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".dyad-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    // within the limit the export is written whole
    let out = dyad(&[
        "export",
        "--db",
        s(&db),
        "--format",
        "jsonl",
        "--mentions",
        "--out",
        s(&target),
    ]);
    assert!(out.status.success());
    let mentions = Store::open_read_only(&db).unwrap().counts().unwrap().mentions;
    assert_eq!(
        std::fs::read_to_string(&target).unwrap().lines().count() as u64,
        mentions
    );

    // An ingest that fills the disk: the committed batches are kept and said, the store stays
    // sound, and running again carries on to the store of a clean run.
    let corpus = corpus(&dir, 96);
    let clean = dir.join("clean.db");
    assert!(dyad(&["ingest", "--db", s(&clean), s(&corpus)]).status.success());
    // a disk that holds half the store
    let half = std::fs::metadata(&clean).unwrap().len() / 2 / 512;
    let full = dir.join("full.db");
    let out = dyad_with_files_limited(half as u32, &["ingest", "--batch", "8", "--db", s(&full), s(&corpus)]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let kept = Store::open_read_only(&full).unwrap().counts().unwrap();
    assert!(kept.articles > 0 && kept.articles < 96, "{kept:?} {err}");
    assert!(
        err.contains(&format!(
            "the batches committed before the failure keep {} articles with {} event mentions",
            kept.articles, kept.mentions
        )),
        "{err}"
    );
    let out = dyad(&["check", "--db", s(&full)]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stdout));
    let out = dyad(&["ingest", "--db", s(&full), s(&corpus)]);
    assert!(out.status.success());
    assert!(
        contents(&full) == contents(&clean),
        "resumed store differs from a clean one"
    );
}
