//! The `dyad` command as a user runs it: the output contract, bad inputs, stdin.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn dyad(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_dyad"));
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("dyad runs");
    let mut input = child.stdin.take().unwrap();
    if let Some(b) = stdin {
        input.write_all(b).unwrap();
    }
    drop(input);
    child.wait_with_output().unwrap()
}

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/articles")
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("dyad-cli-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

const ARTICLE: &str = "Turkey and Egypt sign deals\ndate 2024-09-04\n\nANKARA (Reuters) - Turkish President Recep Tayyip Erdogan hosted Egyptian President Abdel Fattah al-Sisi in Ankara on Wednesday. The two leaders signed a joint declaration.\n";

#[test]
fn codes_the_examples_as_jsonl_per_the_contract() {
    let out = dyad(&["code", examples().to_str().unwrap()], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let events: Vec<serde_json::Value> = stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(events.len() > 40, "{} events", events.len());
    for e in &events {
        for key in [
            "article",
            "sentence",
            "text",
            "date",
            "source",
            "target",
            "cameo",
            "root",
            "quad_class",
            "goldstein",
            "evidence",
        ] {
            assert!(e.get(key).is_some(), "missing {key} in {e}");
        }
        for side in ["source", "target"] {
            for key in ["code", "country", "name", "span"] {
                assert!(e[side].get(key).is_some(), "missing {side}.{key}");
            }
        }
        let cameo = e["cameo"].as_str().unwrap();
        assert_eq!(&cameo[..2], e["root"].as_str().unwrap());
        let q = e["quad_class"].as_u64().unwrap();
        assert!((1..=4).contains(&q));
        let pattern = e["evidence"]["pattern"].as_str().unwrap();
        assert!(
            pattern.contains(".txt:") || pattern.starts_with("rule:"),
            "pattern names its file and line: {pattern}"
        );
    }
    // every article is named by its path
    assert!(events
        .iter()
        .any(|e| e["article"].as_str().unwrap().ends_with("turkey_egypt_sisi_ankara.txt")));
}

#[test]
fn tsv_has_a_header_row() {
    let d = temp_dir("tsv");
    std::fs::write(d.join("a.txt"), ARTICLE).unwrap();
    let out = dyad(&["code", "--format", "tsv", d.join("a.txt").to_str().unwrap()], None);
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let mut lines = stdout.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("article\tsentence\tdate\treported\tsource"));
    // the headline's event comes first; the lead's "Erdogan hosted Sisi" after it
    let row: Vec<&str> = lines
        .find(|l| l.contains("hosted"))
        .expect("an event row for the lead")
        .split('\t')
        .collect();
    assert_eq!(row[2], "2024-09-04");
    assert_eq!(row[3], "2024-09-04", "the publication date beside the event's");
    assert_eq!(row[4], "TURGOV");
}

#[test]
fn bad_inputs_are_reported_and_skipped() {
    let d = temp_dir("bad");
    std::fs::write(d.join("a_good.txt"), ARTICLE).unwrap();
    std::fs::write(d.join("b_binary.bin"), [0u8, 159, 146, 150, 0, 1, 2, 3, 255, 254]).unwrap();
    let mut invalid = b"Title\n\nTurkey criticised Greece.".to_vec();
    invalid.extend_from_slice(&[0xC3, 0x28]);
    std::fs::write(d.join("c_invalid.txt"), &invalid).unwrap();
    std::fs::write(d.join("d_empty.txt"), "").unwrap();
    let out = dyad(&["code", d.to_str().unwrap()], None);
    assert!(!out.status.success(), "a bad input makes the exit code non-zero");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("b_binary.bin"), "{stderr}");
    assert!(
        stderr.contains("c_invalid.txt") && stderr.contains("byte 32"),
        "{stderr}"
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.lines().count() >= 2, "the good article is still coded: {stdout}");
    assert!(stdout.lines().all(|l| l.contains("a_good.txt")));

    // --lossy codes the invalid file with a warning
    let out = dyad(&["code", "--lossy", d.join("c_invalid.txt").to_str().unwrap()], None);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("warning"));
}

#[test]
fn missing_paths_and_oversized_files_are_clear_errors() {
    let out = dyad(&["code", "/nonexistent/dyad/input.txt"], None);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such file"));

    let d = temp_dir("big");
    let line = "Turkey criticised Greece over the incident in the Aegean ".repeat(20_000); // ~1.1 MB, one line
    std::fs::write(d.join("big.txt"), &line).unwrap();
    let out = dyad(&["code", "--max-mib", "1", d.join("big.txt").to_str().unwrap()], None);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("limit"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // within the limit, a single line of a few hundred KB is coded without trouble
    std::fs::write(d.join("long.txt"), &line[..line.len() / 4]).unwrap();
    let out = dyad(
        &["code", "--date", "2024-01-01", d.join("long.txt").to_str().unwrap()],
        None,
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn reads_stdin_and_takes_a_date() {
    let text = "Talks\n\nIran and Azerbaijan signed an agreement on transport.\n";
    let out = dyad(&["code", "--date", "2024-05-01", "-"], Some(text.as_bytes()));
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).unwrap();
    let e: serde_json::Value = serde_json::from_str(stdout.lines().next().expect("an event")).unwrap();
    assert_eq!(e["article"], "-");
    assert_eq!(e["date"], "2024-05-01");
    assert_eq!(e["cameo"], "057");

    // no date anywhere: events carry null and a warning says so
    let out = dyad(&["code", "-"], Some(text.as_bytes()));
    let e: serde_json::Value =
        serde_json::from_str(String::from_utf8(out.stdout).unwrap().lines().next().unwrap()).unwrap();
    assert!(e["date"].is_null());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no publication date"));
}

#[test]
fn explain_shows_every_stage() {
    let out = dyad(
        &[
            "explain",
            "--date",
            "2024-05-01",
            "Turkish Foreign Minister Hakan Fidan visited Cairo.",
        ],
        None,
    );
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    for part in [
        "tokens/tags:",
        "Fidan/NNP",
        "phrases:",
        "clauses:",
        "knowledge-base matches:",
        "events:",
        "TURGOV → EGYGOV",
        "042",
    ] {
        assert!(s.contains(part), "missing {part} in\n{s}");
    }
}

/// The events of a JSONL stdout, as values.
fn events_of(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

const BODY: &str = "ANKARA (Reuters) - Turkish President Recep Tayyip Erdogan hosted Egyptian President Abdel Fattah al-Sisi in Ankara. The two leaders signed a joint declaration.";

#[test]
fn json_jsonl_and_html_inputs_take_their_metadata_dates() {
    let d = temp_dir("formats");
    let json = serde_json::json!({
        "headline": "Turkey and Egypt sign deals",
        "articleBody": BODY,
        "datePublished": "2024-09-04T23:30:00-04:00",
        "url": "https://example.com/a",
        "source": "Reuters",
    });
    std::fs::write(d.join("a.json"), json.to_string()).unwrap();
    let line = |date: &str| {
        serde_json::json!({"title": "T", "text": format!("date 2020-01-01\n{BODY}"), "published_at": date}).to_string()
    };
    std::fs::write(
        d.join("b.jsonl"),
        format!("{}\n\n{}\n", line("2024-09-05"), line("2024-09-06")),
    )
    .unwrap();
    let html = format!(
        r#"<html><head><title>Turkey and Egypt</title><meta property="article:published_time" content="2024-09-07T08:00:00+03:00"></head>
        <body><nav><p>Menu</p></nav><article><p>{}</p><p>Turkey criticised Israel.</p></article></body></html>"#,
        BODY.replace("Ankara. ", "Ankara.</p><p>")
    );
    std::fs::write(d.join("c.html"), html).unwrap();
    let out = dyad(&["code", "--date", "2019-01-01", d.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let events = events_of(&out);
    let dates = |suffix: &str| -> Vec<String> {
        events
            .iter()
            .filter(|e| e["article"].as_str().unwrap().ends_with(suffix))
            .map(|e| e["date"].as_str().unwrap().to_string())
            .collect()
    };
    // the date in the offset the metadata states, over the header, the dateline and --date
    assert!(!dates("a.json").is_empty());
    assert!(
        dates("a.json").iter().all(|d| d == "2024-09-04"),
        "{:?}",
        dates("a.json")
    );
    assert!(events.iter().any(|e| e["article"].as_str().unwrap().ends_with("a.json")
        && e["evidence"]["date_source"] == "publication (metadata)"));
    // each JSON line is an article of its own, named by its line
    assert!(dates("b.jsonl#1").iter().all(|d| d == "2024-09-05") && !dates("b.jsonl#1").is_empty());
    assert!(dates("b.jsonl#3").iter().all(|d| d == "2024-09-06") && !dates("b.jsonl#3").is_empty());
    // HTML paragraphs stay paragraphs: the signing takes the page's date
    let html_events: Vec<&serde_json::Value> = events
        .iter()
        .filter(|e| e["article"].as_str().unwrap().ends_with("c.html"))
        .collect();
    assert!(
        html_events
            .iter()
            .any(|e| e["cameo"] == "057" && e["date"] == "2024-09-07"),
        "{html_events:?}"
    );
    assert!(!html_events.iter().any(|e| e["text"].as_str().unwrap().contains("Menu")));
}

#[test]
fn bad_json_and_html_are_reported_with_their_position_and_the_rest_coded() {
    let d = temp_dir("badformats");
    std::fs::write(
        d.join("a.json"),
        "{\"title\": \"T\",\n \"text\": \"Turkey criticised Greece.\",, }",
    )
    .unwrap();
    let good = serde_json::json!({"text": "Turkey criticised Greece.", "date": "2024-05-01"}).to_string();
    std::fs::write(d.join("b.jsonl"), format!("{good}\n{{\"text\": \"x\"\n{good}\n")).unwrap();
    std::fs::write(d.join("c.html"), "<html><body><div>nothing</div></body></html>").unwrap();
    std::fs::write(d.join("d.txt"), ARTICLE).unwrap();
    let out = dyad(&["code", d.to_str().unwrap()], None);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("a.json: line 2, column 38: invalid JSON"), "{stderr}");
    assert!(stderr.contains("b.jsonl: line 2, column"), "{stderr}");
    assert!(stderr.contains("c.html: no article text"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let events = events_of(&out);
    for id in ["b.jsonl#1", "b.jsonl#3", "d.txt"] {
        assert!(
            events.iter().any(|e| e["article"].as_str().unwrap().ends_with(id)),
            "{id} is coded"
        );
    }
}

#[test]
fn an_article_without_any_date_gives_null_dates_and_a_warning_naming_it() {
    let d = temp_dir("nodate");
    let f = d.join("undated.json");
    std::fs::write(
        &f,
        serde_json::json!({"title": "Talks", "text": "Iran and Azerbaijan signed an agreement on transport."})
            .to_string(),
    )
    .unwrap();
    let out = dyad(&["code", f.to_str().unwrap()], None);
    assert!(out.status.success());
    let events = events_of(&out);
    assert!(!events.is_empty());
    assert!(events
        .iter()
        .all(|e| e["date"].is_null() && e["date_precision"].is_null()));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("undated.json: no publication date"), "{stderr}");
}

#[test]
fn explain_article_reads_the_document_as_code_does() {
    let d = temp_dir("explainquote");
    let f = d.join("q.txt");
    std::fs::write(
        &f,
        "T\ndate 2024-05-01\n\nTurkish Foreign Minister Hakan Fidan spoke in Ankara on Monday. Fidan said: \"The talks were useful. We criticised Greece.\"\n",
    )
    .unwrap();
    let out = dyad(&["explain", "--article", f.to_str().unwrap()], None);
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    // "we" two sentences into Fidan's quotation is Turkey
    assert!(s.contains("TURGOV → GRC  111"), "{s}");
}

/// Runs dyad, failing the test if it has not ended within a minute (a hang, not a speed
/// target: these inputs once made dyad run without end).
#[cfg(unix)]
fn dyad_ends(args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dyad runs");
    // read the pipes on threads so a full pipe cannot block the child
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut out, &mut b).map(|_| b)
    });
    let err = std::thread::spawn(move || {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut err, &mut b).map(|_| b)
    });
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if started.elapsed() > std::time::Duration::from_secs(60) {
            let _ = child.kill();
            panic!("dyad {args:?} did not end within a minute");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    Output {
        status,
        stdout: out.join().unwrap().unwrap(),
        stderr: err.join().unwrap().unwrap(),
    }
}

/// The distinct `article` names of JSONL events.
fn articles_of(stdout: &[u8]) -> Vec<String> {
    let mut names: Vec<String> = String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["article"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    names.dedup();
    names
}

#[cfg(unix)]
#[test]
fn symbolic_link_loops_are_reported_and_no_folder_is_read_twice() {
    use std::os::unix::fs::symlink;
    let d = temp_dir("symlinks");
    let l = d.join("L");
    let other = d.join("other");
    std::fs::create_dir_all(&l).unwrap();
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(l.join("a.txt"), ARTICLE).unwrap();
    std::fs::write(other.join("b.txt"), ARTICLE.replace("Egyptian", "Greek")).unwrap();
    symlink(".", l.join("loop1")).unwrap();
    symlink(".", l.join("loop2")).unwrap();
    symlink("../other", l.join("s1")).unwrap();
    symlink("../other", l.join("s2")).unwrap();
    for cmd in [vec!["code", s(&l)], vec!["ingest", "--db", s(&d.join("s.db")), s(&l)]] {
        let out = dyad_ends(&cmd);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{err}");
        for name in ["loop1", "loop2"] {
            assert!(
                err.lines()
                    .any(|w| w.contains(&format!("L/{name}: a symbolic link loop"))),
                "{err}"
            );
        }
        assert!(err.contains("L/s2: the folder") && err.contains("L/s1 again"), "{err}");
        if cmd[0] == "code" {
            let names = articles_of(&out.stdout);
            assert_eq!(
                names,
                [format!("{}/a.txt", s(&l)), format!("{}/s1/b.txt", s(&l))],
                "{err}"
            );
        } else {
            assert!(err.contains("2 articles read: 2 stored"), "{err}");
        }
    }
}

#[cfg(unix)]
#[test]
fn fifos_and_devices_in_a_folder_are_skipped_with_a_warning() {
    let d = temp_dir("fifo");
    let l = d.join("L");
    std::fs::create_dir_all(&l).unwrap();
    std::fs::write(l.join("a.txt"), ARTICLE).unwrap();
    let made = Command::new("mkfifo")
        .arg(l.join("b.fifo"))
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    std::os::unix::fs::symlink("/dev/zero", l.join("c.txt")).unwrap();
    for cmd in [vec!["code", s(&l)], vec!["ingest", "--db", s(&d.join("s.db")), s(&l)]] {
        let out = dyad_ends(&cmd);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{err}");
        assert!(err.contains("b.fifo: a FIFO, not an article file; skipped"), "{err}");
        assert!(err.contains("c.txt: a device, not an article file; skipped"), "{err}");
        if cmd[0] == "code" {
            assert_eq!(articles_of(&out.stdout), [format!("{}/a.txt", s(&l))]);
        } else {
            assert!(err.contains("1 articles read: 1 stored"), "{err}");
        }
    }
}

#[cfg(unix)]
#[test]
fn an_endless_input_named_on_the_command_line_stops_at_the_size_limit() {
    let out = dyad_ends(&["code", "--max-mib", "1", "/dev/zero"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("/dev/zero: reading it gives more than the limit of 1048576 bytes"),
        "{err}"
    );
    // a pipe named on the command line (as `<(…)` gives) is read
    let d = temp_dir("pipe");
    let fifo = d.join("p");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(fifo, ARTICLE).unwrap())
    };
    let out = dyad_ends(&["code", s(&fifo)]);
    writer.join().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!out.stdout.is_empty());
}

#[test]
fn too_many_threads_are_capped_with_a_warning() {
    let d = temp_dir("threads");
    std::fs::write(d.join("a.txt"), ARTICLE).unwrap();
    let out = dyad(&["code", "--threads", "100000", s(&d.join("a.txt"))], None);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("--threads 100000 is more than 4 per core"), "{err}");
    assert!(!out.stdout.is_empty());
}

#[test]
fn dates_at_the_edges_of_the_calendar_are_refused() {
    let d = temp_dir("edge-dates");
    let f = d.join("a.txt");
    std::fs::write(
        &f,
        ARTICLE
            .replace("date 2024-09-04", "date 9999-12-31")
            .replace("on Wednesday", "next week"),
    )
    .unwrap();
    let out = dyad(&["code", s(&f)], None);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("line 2: date 9999-12-31 is outside the years 1800-2199"),
        "{err}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.is_empty());
    for line in stdout.lines() {
        let e: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(e["date"].is_null(), "{e}");
    }
    for date in ["9999-12-31", "0000-01-01"] {
        let out = dyad(&["code", "--date", date, s(&f)], None);
        assert_eq!(out.status.code(), Some(2), "a usage error");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&format!("{date} is outside the years 1800-2199")), "{err}");
    }
}

/// Runs dyad with its stdout read for one line and then closed (`| head -1`).
#[cfg(unix)]
fn with_stdout_closed_after_a_line(args: &[&str]) -> Output {
    use std::io::BufRead;
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("dyad runs");
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(!first.is_empty(), "{args:?} wrote nothing");
    child.wait_with_output().unwrap()
}

/// Runs dyad with its stdout on `/dev/full`.
#[cfg(target_os = "linux")]
fn with_stdout_full(args: &[&str]) -> Output {
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(full)
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

/// A validation file with `n` records that fail, and its dictionaries.
fn failing_records(dir: &Path, n: usize) -> PathBuf {
    std::fs::write(dir.join("t.verbs.txt"), "--- VISIT [042] ---\nVISIT\n- * $ [042]\n").unwrap();
    std::fs::write(dir.join("t.actors.txt"), "ARNOR_ [ARN]\nGONDOR_ [GON]\n").unwrap();
    let mut xml = String::from(
        "<Validation><Environment><Verbfile>t.verbs.txt</Verbfile><Actorfile>t.actors.txt</Actorfile></Environment><Sentences>\n",
    );
    for i in 0..n {
        xml.push_str(&format!(
            "<Sentence date=\"20200101\" id=\"R-{i}\" category=\"T\"><EventCoding sourcecode=\"ARN\" targetcode=\"GON\" eventcode=\"999\"></EventCoding>\
             <Text>Arnor visited Gondor on Monday.</Text></Sentence>\n"
        ));
    }
    xml.push_str("</Sentences></Validation>\n");
    let f = dir.join("r.xml");
    std::fs::write(&f, xml).unwrap();
    f
}

#[cfg(unix)]
#[test]
fn output_piped_to_head_ends_quietly() {
    let d = temp_dir("head");
    let records = failing_records(&d, 3000);
    let ex = examples();
    for args in [
        vec!["code", ex.to_str().unwrap()],
        vec!["code", "--format", "tsv", ex.to_str().unwrap()],
        vec![
            "explain",
            "--article",
            "--date",
            "2024-09-04",
            s(&ex.join("turkey_egypt_sisi_ankara.txt")),
        ],
        vec!["validate", "-v", s(&records)],
    ] {
        let out = with_stdout_closed_after_a_line(&args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked") && !err.contains("error"), "{args:?}: {err}");
        assert!(out.status.success(), "{args:?}: {:?} {err}", out.status);
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_stdout_is_an_error_not_a_panic() {
    let d = temp_dir("full");
    let records = failing_records(&d, 10);
    let ex = examples();
    for args in [
        vec!["code", ex.to_str().unwrap()],
        vec!["explain", "Turkey criticised Greece."],
        vec!["validate", s(&records)],
        vec!["validate", "--json", s(&records)],
    ] {
        let out = with_stdout_full(&args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(err.contains("No space left on device"), "{args:?}: {err}");
    }
}
