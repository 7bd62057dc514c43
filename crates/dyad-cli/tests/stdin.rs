//! `-` on standard input in every format (`--stdin-format`), gzip-compressed or not.

use std::io::Write;
use std::process::{Command, Stdio};

fn code_stdin(args: &[&str], input: &[u8]) -> (bool, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["code", "--date", "2025-03-04"])
        .args(args)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

const JSON: &str = r#"{"title": "Iran criticises Iraq", "text": "Iran criticised Iraq on Monday.", "url": "https://ledger.example/x", "published": "2025-03-03"}"#;

#[test]
fn json_on_stdin_is_read_as_json() {
    let (ok, out, err) = code_stdin(&["--stdin-format", "json"], JSON.as_bytes());
    assert!(ok, "{err}");
    assert!(out.contains("\"IRN") && out.contains("2025-03-03"), "{out}");
    assert!(out.lines().all(|l| !l.contains("\\\"title\\\"")), "{out}");
    // as text (the default) the braces and field names are words of the article
    let (_, out, _) = code_stdin(&[], JSON.as_bytes());
    assert!(out.contains("\\\"title\\\""), "{out}");
}

#[test]
fn jsonl_html_rss_and_gzip_on_stdin() {
    let lines = format!(
        "{JSON}\n{}\n",
        JSON.replace("Iran criticised Iraq", "Egypt praised Turkey")
            .replace("/x", "/y")
    );
    let (ok, out, err) = code_stdin(&["--stdin-format", "jsonl"], lines.as_bytes());
    assert!(ok, "{err}");
    assert!(out.contains("IRN") && out.contains("EGY"), "{out}");
    let page = "<html><head><title>Iran and Iraq</title></head><body><nav><p>Home</p></nav><article><p>Iran criticised Iraq on Monday.</p></article></body></html>";
    let (ok, out, err) = code_stdin(&["--stdin-format", "html"], page.as_bytes());
    assert!(ok && out.contains("IRN"), "{err} {out}");
    let rss = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>L</title><item><title>Iran criticises Iraq</title><link>https://ledger.example/z</link><description>Iran criticised Iraq on Monday.</description></item></channel></rss>";
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(rss.as_bytes()).unwrap();
    let (ok, out, err) = code_stdin(&["--stdin-format", "rss"], &gz.finish().unwrap());
    assert!(ok && out.contains("IRN"), "{err} {out}");
    // a malformed feed on stdin: an error naming it, no panic
    let (ok, _, err) = code_stdin(&["--stdin-format", "rss"], b"<rss><channel><item>");
    assert!(!ok && err.contains("-:"), "{err}");
}
