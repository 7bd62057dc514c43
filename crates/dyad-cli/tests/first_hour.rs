//! What a new analyst meets in the first hour (issue 16): one error style with a hint for every
//! mistake, provenance (URL, outlet) and the publication date in every output, GDELT dates as
//! its codebook has them, typed Parquet dates, plans counted when they were announced.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn dyad_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dyad runs");
    let mut input = child.stdin.take().unwrap();
    if let Some(b) = stdin {
        input.write_all(b).unwrap();
    }
    drop(input);
    child.wait_with_output().unwrap()
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("dyad-first-hour-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn story() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/story/articles")
}

/// stderr, checked to hold exactly one error in dyad's style with a hint, and no Rust debug text.
fn one_error(out: &Output) -> String {
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "should fail: {err}");
    assert_eq!(err.matches("dyad: error: ").count(), 1, "one error: {err}");
    assert!(err.starts_with("dyad: error: "), "{err}");
    assert!(err.contains("\n  hint: "), "a hint: {err}");
    for debug in ["Os {", "kind:", "at path \"", "input contains invalid characters"] {
        assert!(!err.contains(debug), "no debug text ({debug}): {err}");
    }
    err
}

#[test]
fn every_mistake_gets_one_error_with_a_hint() {
    let dir = temp_dir("errors");
    let run = |args: &[&str]| dyad_in(&dir, args, None);
    let out = run(&["ingest", "-q", "--db", "s.db", story().to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    // a bad filter: the error, and no table header before it
    let out = run(&["events", "--db", "s.db", "--quad", "7"]);
    one_error(&out);
    assert!(out.stdout.is_empty(), "{}", String::from_utf8_lossy(&out.stdout));

    // countries by name or code everywhere; an unknown one is an error everywhere
    let by_name = run(&["events", "--db", "s.db", "--country", "Turkey", "--format", "csv"]);
    let by_code = run(&["events", "--db", "s.db", "--country", "tur", "--format", "csv"]);
    assert!(by_name.status.success());
    assert_eq!(by_name.stdout, by_code.stdout);
    assert!(String::from_utf8_lossy(&by_name.stdout).lines().count() > 100);
    let err = one_error(&run(&["events", "--db", "s.db", "--country", "XYZ"]));
    assert!(err.contains("--country XYZ"), "{err}");
    let rel = run(&["relations", "Turkey", "Greece", "--db", "s.db", "--json"]);
    assert!(rel.status.success(), "{}", String::from_utf8_lossy(&rel.stderr));
    let err = one_error(&run(&["relations", "TUR", "XYZ", "--db", "s.db"]));
    assert!(err.contains("XYZ"), "{err}");

    // a plot into a folder that does not exist
    let err = one_error(&run(&[
        "relations",
        "TUR",
        "GRC",
        "--db",
        "s.db",
        "--plot",
        "/nonexistent/x.png",
    ]));
    assert!(
        err.contains("/nonexistent/x.png") && err.contains("no such folder"),
        "{err}"
    );

    // a dangling symbolic link: named once, with what it is
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("/nonexistent/target.txt", dir.join("dangling.txt")).unwrap();
        let out = run(&["code", "dangling.txt"]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.matches("dangling.txt").count(), 1, "{err}");
        assert!(!err.contains("os error 2): No such"), "{err}");
    }

    // a dictionary that is not there: named, the OS error once
    let err = one_error(&run(&[
        "code",
        "--verbs",
        "/nonexistent/verbs.txt",
        "--actors",
        "/nonexistent/a.txt",
        "-",
    ]));
    assert!(err.contains("/nonexistent/verbs.txt"), "{err}");
    assert!(err.matches("os error 2").count() <= 1, "{err}");

    // validation records run from their own folder
    std::fs::write(
        dir.join("records.xml"),
        "<Validation><Environment><Verbfile>missing.verbs.txt</Verbfile></Environment></Validation>",
    )
    .unwrap();
    let err = one_error(&run(&["validate", "records.xml"]));
    assert!(err.contains("which is not in the current folder"), "{err}");

    // standard input is refused by ingest, and no empty store is left behind
    let out = dyad_in(&dir, &["ingest", "--db", "new.db", "-"], Some(b"x"));
    assert!(!out.status.success());
    assert!(!dir.join("new.db").exists(), "an empty store was left");

    // a folder as the store
    let err = one_error(&run(&["events", "--db", "/tmp"]));
    assert!(
        err.contains("a folder, not a store file") && err.contains("--db /tmp/dyad.db"),
        "{err}"
    );

    // a date in another format: the format expected and what it may mean
    let err = one_error(&run(&["code", "--date", "12/03/2024", "-"]));
    assert!(
        err.contains("YYYY-MM-DD") && err.contains("2024-03-12 or 2024-12-03"),
        "{err}"
    );

    // -q on every command: nothing on stderr for a successful run
    for args in [
        vec!["relations", "TUR", "GRC", "--db", "s.db", "--json", "-q"],
        vec!["export", "--db", "s.db", "--format", "csv", "-q"],
        vec!["dedup", "--db", "s.db", "--window", "1", "-q"],
    ] {
        let out = run(&args);
        assert!(out.status.success(), "{args:?}");
        assert!(
            out.stderr.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn urls_outlets_and_publication_dates_reach_every_output() {
    let dir = temp_dir("provenance");
    let articles = dir.join("feed");
    std::fs::create_dir_all(&articles).unwrap();
    let line = |url: &str, source: Option<&str>, date: &str| {
        let mut v = serde_json::json!({
            "title": "Turkey and Greece sign a deal",
            "text": format!("Turkish Foreign Minister Hakan Fidan visited Athens on {date}. Greece and Turkey signed a trade agreement in Athens on Tuesday. ({url})"),
            "date": date,
            "url": url,
        });
        if let Some(s) = source {
            v["source"] = s.into();
        }
        v.to_string()
    };
    let jsonl = [
        line("https://www.reuters.com/world/a1", Some("Reuters"), "2023-12-05"),
        line("https://apnews.com/article/a2", None, "2023-12-06"),
    ]
    .join("\n");
    std::fs::write(articles.join("feed.jsonl"), jsonl).unwrap();
    let run = |args: &[&str]| dyad_in(&dir, args, None);
    let out = run(&["ingest", "-q", "--db", "s.db", "feed"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

    // the store keeps url and outlet; the outlet is the metadata's, else the URL's host
    let store = dyad_store::Store::open_read_only(dir.join("s.db")).unwrap();
    let db = store.connection();
    let mut st = db
        .prepare("SELECT url, outlet, date FROM articles ORDER BY url")
        .unwrap();
    let rows: Vec<(String, String, String)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        rows,
        [
            (
                "https://apnews.com/article/a2".to_string(),
                "apnews.com".to_string(),
                "2023-12-06".to_string()
            ),
            (
                "https://www.reuters.com/world/a1".to_string(),
                "Reuters".to_string(),
                "2023-12-05".to_string()
            ),
        ]
    );
    // two outlets behind one folded event
    let sources: i64 = db
        .query_row("SELECT max(num_sources) FROM events", [], |r| r.get(0))
        .unwrap();
    assert_eq!(sources, 2);

    // the events table: reported beside date
    let out = run(&["events", "--db", "s.db"]);
    let table = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        table.lines().next().unwrap().contains(" date        reported "),
        "{table}"
    );
    assert!(table.lines().nth(1).unwrap().contains("2023-12-05"), "{table}");

    // JSONL export: reported beside date, url and outlet
    let out = run(&["export", "--db", "s.db", "--format", "jsonl"]);
    let first: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&out.stdout).lines().next().unwrap()).unwrap();
    assert_eq!(first["reported"], "2023-12-05", "{first}");
    assert!(first["url"].as_str().unwrap().starts_with("https://"), "{first}");
    assert!(first["mentions"][0]["outlet"].is_string(), "{first}");
    assert!(first["mentions"][0]["reported"].is_string(), "{first}");

    // CSV: the columns, filled
    let out = run(&["export", "--db", "s.db", "--format", "csv"]);
    let csv = String::from_utf8_lossy(&out.stdout).into_owned();
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    for col in ["date", "reported", "outlet", "url"] {
        assert!(header.contains(&col), "{header:?}");
    }
    assert!(csv.contains("https://www.reuters.com/world/a1"), "{csv}");

    // GDELT: SOURCEURL is the URL, DATEADDED the first report, FractionDate within the year
    let out = run(&["export", "--db", "s.db", "--format", "gdelt"]);
    let gdelt = String::from_utf8_lossy(&out.stdout).into_owned();
    let rows: Vec<Vec<&str>> = gdelt.lines().map(|l| l.split('\t').collect()).collect();
    assert!(!rows.is_empty());
    for r in &rows {
        assert_eq!(r.len(), 62);
        assert!(r[60].starts_with("https://"), "{r:?}");
        assert_eq!(r[59], "20231205000000", "{r:?}");
        if !r[1].is_empty() {
            assert_eq!(&r[4][..4], &r[1][..4], "FractionDate in the event's year: {r:?}");
        }
    }
    assert!(
        rows.iter().any(|r| r[1] == "20231205" && r[4] == "2023.9260"),
        "{gdelt}"
    );

    // mentions CSV and JSONL: reported, outlet and url
    let out = run(&["export", "--db", "s.db", "--format", "jsonl", "--mentions"]);
    let m: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&out.stdout).lines().next().unwrap()).unwrap();
    assert!(
        m["reported"].is_string() && m["outlet"].is_string() && m["url"].is_string(),
        "{m}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn coding_writes_the_publication_date_beside_the_event_date() {
    let dir = temp_dir("reported");
    let text = b"Fidan to visit Athens\ndate 2024-05-02\n\nTurkish Foreign Minister Hakan Fidan will visit Athens on June 10, the ministry said.\n";
    let out = dyad_in(&dir, &["code", "-"], Some(text));
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let events: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!events.is_empty());
    for e in &events {
        assert_eq!(e["reported"], "2024-05-02", "{e}");
    }
    assert!(events.iter().any(|e| e["date"] == "2024-06-10"), "{events:?}");

    // stored, the plan counts in May (announced) unless asked for its planned date
    std::fs::write(dir.join("plan.txt"), text).unwrap();
    let out = dyad_in(&dir, &["ingest", "-q", "--db", "s.db", "plan.txt"], None);
    assert!(out.status.success());
    let months = |plans_at: &str| -> Vec<String> {
        let out = dyad_in(
            &dir,
            &[
                "relations",
                "TUR",
                "GRC",
                "--db",
                "s.db",
                "--json",
                "--plans-at",
                plans_at,
            ],
            None,
        );
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .filter(|p| p["events"].as_u64() > Some(0))
            .map(|p| p["period"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        months("announced"),
        ["2024-05"],
        "the plan counts when it was announced"
    );
    // the headline's "to visit" is dated by the publication; the lead's by its "June 10"
    assert_eq!(months("planned").last().map(String::as_str), Some("2024-06"));
    let _ = std::fs::remove_dir_all(&dir);
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The knowledge-base lines and the pattern README.md cites for its first example are the ones
/// dyad names for that article (they drift when the data files grow).
#[test]
fn the_readme_cites_the_lines_dyad_names() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let out = dyad_in(
        &repo(),
        &["code", "-q", "examples/articles/turkey_egypt_sisi_ankara.txt"],
        None,
    );
    assert!(out.status.success());
    let mut cited = std::collections::BTreeSet::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let e: serde_json::Value = serde_json::from_str(line).unwrap();
        cited.insert(e["evidence"]["pattern"].as_str().unwrap().to_string());
        for side in ["source", "target"] {
            for entry in e[side]["entries"].as_array().unwrap() {
                cited.insert(format!(
                    "{}:{}",
                    entry["source"]["file"].as_str().unwrap(),
                    entry["source"]["line"]
                ));
            }
        }
    }
    let section = &readme[..readme.find("## Using it").unwrap()];
    let mut checked = 0;
    for quoted in section.split('`').skip(1).step_by(2) {
        let is_citation = quoted.contains(".tsv:") || quoted.starts_with("verbs.txt:");
        if is_citation {
            checked += 1;
            assert!(cited.contains(quoted), "README cites `{quoted}`, dyad names {cited:?}");
        }
    }
    assert!(checked >= 3, "the README's citations were not found ({checked})");
}

/// CI lists the tests that skipped (their SKIPPED line is swallowed by `cargo test` otherwise).
#[test]
fn ci_lists_skipped_tests() {
    let ci = std::fs::read_to_string(repo().join(".ci/run")).unwrap();
    assert!(
        ci.contains("cargo test --workspace -- --nocapture"),
        "the tests run with their output"
    );
    assert!(
        ci.contains("grep -a '^SKIPPED'") && ci.contains("test(s) SKIPPED"),
        "a summary of skips"
    );
}

/// Progress goes to stderr when it is a terminal (run under `script`, which gives dyad one),
/// and nothing of it when stderr is piped.
#[test]
fn progress_only_on_a_terminal() {
    let dir = temp_dir("progress");
    let story = story();
    let piped = dyad_in(&dir, &["code", story.to_str().unwrap()], None);
    assert!(piped.status.success());
    assert!(piped.stderr.is_empty(), "{}", String::from_utf8_lossy(&piped.stderr));
    let script = Path::new("/usr/bin/script");
    if !script.exists() {
        eprintln!("SKIPPED: progress_only_on_a_terminal: no /usr/bin/script to give dyad a terminal");
        return;
    }
    let command = format!("{} code {} > /dev/null", env!("CARGO_BIN_EXE_dyad"), story.display());
    let out = Command::new(script)
        .args(["-qec", &command, "/dev/null"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(
        shown.contains(" articles, ") && shown.contains(" sentences, ") && shown.contains(" events"),
        "no progress on a terminal: {shown:?}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
