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
    assert!(lines.next().unwrap().starts_with("article\tsentence\tdate\tsource"));
    let row: Vec<&str> = lines.next().expect("an event row").split('\t').collect();
    assert_eq!(row[2], "2024-09-04");
    assert_eq!(row[3], "TURGOV");
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
