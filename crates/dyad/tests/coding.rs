//! End-to-end coding of the bundled example articles and of the blind evaluation set, scored
//! against events coded by hand (`examples/expected.jsonl`, `tests/eval/expected.jsonl`).

use dyad::coder::Coder;
use dyad::eval::{read_expected, score, Score};
use dyad::event::Event;
use dyad::ingest::{decode, Document};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn code_dir(dir: &Path) -> Vec<Event> {
    let coder = Coder::embedded();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let bytes = std::fs::read(&f).unwrap();
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        let text = decode(&bytes, &name, false).unwrap().text;
        let doc = Document::parse(&name, text, None);
        out.extend(coder.code(&doc));
    }
    out
}

fn report(name: &str, s: &Score) {
    eprintln!(
        "{name}: expected {} produced {} found {} (exact code {}, exact actors {}) correct {} → recall {:.3} precision {:.3}",
        s.expected, s.produced, s.found, s.found_exact_code, s.found_exact_actors, s.correct, s.recall, s.precision
    );
    for m in &s.missed {
        eprintln!("  missed:   {m}");
    }
    for m in &s.spurious {
        eprintln!("  spurious: {m}");
    }
}

#[test]
fn example_articles_code_as_reviewed_by_hand() {
    let expected = read_expected(&root().join("examples/expected.jsonl")).unwrap();
    let produced = code_dir(&root().join("examples/articles"));
    let s = score(&expected, &produced);
    report("examples", &s);
    // Floors just under the figures measured when these thresholds were last raised
    // (recall 0.483, precision 0.879).
    assert!(s.recall >= 0.46, "recall {:.3}", s.recall);
    assert!(s.precision >= 0.85, "precision {:.3}", s.precision);
}

#[test]
fn second_development_set() {
    let expected = read_expected(&root().join("tests/dev/expected.jsonl")).unwrap();
    let produced = code_dir(&root().join("tests/dev/articles"));
    let s = score(&expected, &produced);
    report("dev", &s);
    // measured: recall 0.452, precision 0.761
    assert!(s.recall >= 0.43, "recall {:.3}", s.recall);
    assert!(s.precision >= 0.73, "precision {:.3}", s.precision);
}

#[test]
fn third_set_written_after_the_coder() {
    // Written by another independent writer late in development and used only to measure,
    // never to change patterns.
    let expected = read_expected(&root().join("tests/dev2/expected.jsonl")).unwrap();
    let produced = code_dir(&root().join("tests/dev2/articles"));
    let s = score(&expected, &produced);
    eprintln!(
        "dev2: recall {:.3} precision {:.3} ({} expected, {} produced)",
        s.recall, s.precision, s.expected, s.produced
    );
    // measured when added: recall 0.321, precision 0.684
    assert!(s.recall >= 0.30, "recall {:.3}", s.recall);
    assert!(s.precision >= 0.65, "precision {:.3}", s.precision);
}

#[test]
fn blind_evaluation_articles() {
    let expected = read_expected(&root().join("tests/eval/expected.jsonl")).unwrap();
    let produced = code_dir(&root().join("tests/eval/articles"));
    let s = score(&expected, &produced);
    eprintln!("blind evaluation: recall {:.3} precision {:.3}", s.recall, s.precision);
    // measured: recall 0.292, precision 0.684 (never tuned on: these articles are not read
    // while writing patterns)
    assert!(s.recall >= 0.27, "recall {:.3}", s.recall);
    assert!(s.precision >= 0.65, "precision {:.3}", s.precision);
}
