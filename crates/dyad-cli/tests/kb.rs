//! `--kb DIR`: a user's knowledge-base files on top of dyad's, and `dyad kb check`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn dyad(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .output()
        .expect("dyad runs")
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("dyad-kb-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(d.join("people")).unwrap();
    d
}

const PEOPLE_HEADER: &str = "name\tvariants\tcode\trole\tfrom\tuntil\tnote\n";

/// (source code, target code, cameo) of the events of `text` coded on `date`, with `extra` args.
fn triples(dir: &Path, text: &str, date: &str, extra: &[&str]) -> Vec<(String, String, String)> {
    let file = dir.join("article.txt");
    std::fs::write(&file, text).unwrap();
    let mut args = vec!["code", "-q", "--date", date];
    args.extend_from_slice(extra);
    args.push(file.to_str().unwrap());
    let out = dyad(&args);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let e: serde_json::Value = serde_json::from_str(l).unwrap();
            let code = |a: &serde_json::Value| a["code"].as_str().unwrap_or("?").to_string();
            (
                code(&e["source"]),
                code(&e["target"]),
                e["cameo"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_kb_folder_ends_a_term_of_office_and_adds_a_new_person() {
    let dir = temp_dir("overlay");
    let kb = dir.join("kb");
    std::fs::create_dir_all(kb.join("people")).unwrap();
    std::fs::write(
        kb.join("people/fixes.tsv"),
        format!(
            "# my fixes\n{PEOPLE_HEADER}\
             Hakan Fidan\tFidan\tTURGOV\tforeign minister\t2023-06-04\t2024-01-31\ttitle=foreign minister\n\
             Zorana Vukovic\tVukovic\tSRBGOV\tforeign minister\t2024-02-01\t-\ttitle=foreign minister\n"
        ),
    )
    .unwrap();
    let text = "Visits\n\nHakan Fidan visited Cairo on Monday. Zorana Vukovic visited Ankara on Tuesday.\n";
    let kb_arg = kb.to_str().unwrap();

    // Built in: Fidan is foreign minister in May 2024; Vukovic is unknown.
    let before = triples(&dir, text, "2024-05-08", &[]);
    assert!(
        before.contains(&("TURGOV".into(), "EGYGOV".into(), "042".into())),
        "{before:?}"
    );
    assert!(!before.iter().any(|t| t.0.starts_with("SRB")), "{before:?}");

    // With the folder: Fidan's term ended in January (a former office-holder: elite), and
    // Vukovic is Serbia's foreign minister.
    let after = triples(&dir, text, "2024-05-08", &["--kb", kb_arg]);
    assert!(
        after.contains(&("TURELI".into(), "EGYGOV".into(), "042".into())),
        "{after:?}"
    );
    assert!(!after.iter().any(|t| t.0 == "TURGOV" && t.1 == "EGYGOV"), "{after:?}");
    assert!(
        after.contains(&("SRBGOV".into(), "TURGOV".into(), "042".into())),
        "{after:?}"
    );

    // The evidence names the user's file and line.
    let file = dir.join("article.txt");
    let out = dyad(&[
        "code",
        "-q",
        "--date",
        "2024-05-08",
        "--kb",
        kb_arg,
        file.to_str().unwrap(),
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("people/fixes.tsv\",\"line\":4"), "{stdout}");

    // The check counts one replaced term and one new person.
    let out = dyad(&["kb", "check", kb_arg]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.contains("1 files, 1 entries added, 1 built-in entries replaced, 0 problems"),
        "{stdout}"
    );
}

#[test]
fn bad_lines_are_reported_with_file_and_line() {
    let dir = temp_dir("bad");
    std::fs::write(
        dir.join("people/bad.tsv"),
        format!(
            "{PEOPLE_HEADER}\
             Good Person\tPerson\tSRBGOV\tforeign minister\t2024-02-01\t-\t-\n\
             Bad Date\tDate\tSRBGOV\tforeign minister\t2024-02-30\t-\t-\n\
             Short Line\tSRBGOV\n"
        ),
    )
    .unwrap();
    std::fs::write(
        dir.join("cities.tsv"),
        "name\tvariants\tcountry\tkind\tnote\nAtlantis\t-\tXXX\tcity\t-\n",
    )
    .unwrap();
    std::fs::write(dir.join("notes.tsv"), "what\nx\n").unwrap();
    let d = dir.to_str().unwrap();
    let out = dyad(&["kb", "check", d]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{stdout}");
    let bad = dir.join("people/bad.tsv");
    let bad = bad.display();
    assert!(
        stdout.contains(&format!("{bad}:3: column `from`: `2024-02-30` is not a valid")),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("{bad}:4: expected 7 tab-separated columns, found 2")),
        "{stdout}"
    );
    assert!(stdout.contains("cities.tsv:2: unknown country code XXX"), "{stdout}");
    assert!(
        stdout.contains("notes.tsv:0: unknown kind of knowledge-base file"),
        "{stdout}"
    );
    assert!(stdout.contains("4 problems"), "{stdout}");

    // Coding with the folder stops at its first bad line, naming it.
    let file = dir.join("a.txt");
    std::fs::write(&file, "T\n\nIran criticised Israel.\n").unwrap();
    let out = dyad(&["code", "--kb", d, file.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("notes.tsv:0: unknown kind") && stderr.contains("dyad kb check"),
        "{stderr}"
    );
    // A folder that is not there.
    let out = dyad(&["code", "--kb", "/nonexistent/kb", file.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/kb"));
    assert!(!out.status.success());
}

#[test]
fn ingest_codes_with_the_kb_folder_too() {
    let dir = temp_dir("ingest");
    let kb = dir.join("kb");
    std::fs::create_dir_all(kb.join("people")).unwrap();
    std::fs::write(
        kb.join("people/new.tsv"),
        format!("{PEOPLE_HEADER}Zorana Vukovic\tVukovic\tSRBGOV\tforeign minister\t2024-02-01\t-\t-\n"),
    )
    .unwrap();
    let articles = dir.join("articles");
    std::fs::create_dir_all(&articles).unwrap();
    std::fs::write(
        articles.join("a.txt"),
        "Visit\ndate 2024-05-08\n\nZorana Vukovic visited Ankara on Tuesday.\n",
    )
    .unwrap();
    let db = dir.join("s.db");
    let (db, articles, kb) = (db.to_str().unwrap(), articles.to_str().unwrap(), kb.to_str().unwrap());
    let out = dyad(&["ingest", "-q", "--db", db, "--kb", kb, articles]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = dyad(&["export", "--db", db, "--format", "jsonl"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("SRBGOV"), "{stdout}");
}
