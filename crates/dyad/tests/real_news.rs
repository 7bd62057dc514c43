//! Real news nobody on the project wrote (`../shared/corpus/`: Voice of America stories and
//! news pages, with hand-coded events anchored to their sentences), coded from raw text and
//! scored as the corpus's `score.py` does. The VOA stories whose line number is divisible by
//! four are a held-out part, never read while writing rules; their figure is printed apart.
//! Prints recall, precision, dates and events per article, and fails below floors set just
//! under what was measured. Skips, saying so, when `../shared` is absent.

use chrono::NaiveDate;
use dyad::coder::Coder;
use dyad::eval::gold::{score, CorpusScore, Gold};
use dyad::event::Event;
use dyad::ingest::files;
use std::path::{Path, PathBuf};

fn corpus() -> Option<PathBuf> {
    let shared = std::env::var_os("DYAD_SHARED_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"));
    let dir = shared.join("corpus");
    if dir.join("voa/gold.json").is_file() && dir.join("pages/gold.json").is_file() {
        Some(dir)
    } else {
        eprintln!(
            "SKIPPED real_news: ../shared/corpus absent ({} not found)",
            dir.display()
        );
        None
    }
}

fn gold(dir: &Path) -> Gold {
    let text = std::fs::read_to_string(dir.join("gold.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Codes every article of a set as `eval-corpus` does: a `.jsonl` file whole (its records
/// carry their dates), a text article with its gold publication date.
fn code(coder: &Coder, dir: &Path, gold: &Gold) -> Vec<Event> {
    let mut files: Vec<(String, Option<NaiveDate>)> = Vec::new();
    for (name, spec) in &gold.articles {
        let file = name.split('#').next().unwrap().to_string();
        let date = if file.ends_with(".jsonl") {
            None
        } else {
            NaiveDate::parse_from_str(&spec.pub_date, "%Y-%m-%d").ok()
        };
        if !files.iter().any(|(f, _)| *f == file) {
            files.push((file, date));
        }
    }
    files.sort();
    let mut events = Vec::new();
    for (file, date) in files {
        for loaded in files::read_all(&dir.join(&file), 64 << 20, false, date) {
            events.extend(coder.code(&loaded.unwrap().doc));
        }
    }
    events
}

fn held_out(article: &str) -> bool {
    article
        .rsplit_once('#')
        .and_then(|(_, n)| n.parse::<usize>().ok())
        .is_some_and(|n| n % 4 == 0)
}

fn report(name: &str, s: &CorpusScore) {
    eprintln!(
        "{name:<16} recall {:>3}/{:<3} = {:.3}  precision {:>3}/{:<3} = {:.3}  dates {:>3}/{:<3} = {:.3}  events/article {:.1}",
        s.found,
        s.required,
        s.recall(),
        s.correct,
        s.produced,
        s.precision(),
        s.dated_right,
        s.dated,
        s.dates(),
        s.per_article()
    );
}

/// Recall, precision and date floors: just under the figures measured when they were set.
struct Floor {
    recall: f64,
    precision: f64,
    dates: f64,
}

fn check(name: &str, s: &CorpusScore, f: Floor) {
    assert!(
        s.recall() >= f.recall,
        "{name}: recall {:.3} fell below {}",
        s.recall(),
        f.recall
    );
    assert!(
        s.precision() >= f.precision,
        "{name}: precision {:.3} fell below {}",
        s.precision(),
        f.precision
    );
    assert!(
        s.dates() >= f.dates,
        "{name}: dates {:.3} fell below {}",
        s.dates(),
        f.dates
    );
}

#[test]
fn real_news_is_coded_at_least_as_well_as_measured() {
    let Some(dir) = corpus() else { return };
    let coder = Coder::embedded();
    let voa_gold = gold(&dir.join("voa"));
    let voa = code(&coder, &dir.join("voa"), &voa_gold);
    let pages_gold = gold(&dir.join("pages"));
    let pages = code(&coder, &dir.join("pages"), &pages_gold);

    let voa_all = score(&voa_gold, &voa, |_| true);
    let voa_dev = score(&voa_gold, &voa, |a| !held_out(a));
    let voa_held = score(&voa_gold, &voa, held_out);
    let pages_all = score(&pages_gold, &pages, |_| true);
    eprintln!("real news (../shared/corpus), anchored:");
    report("voa (all)", &voa_all);
    report("voa development", &voa_dev);
    report("voa held out", &voa_held);
    report("pages", &pages_all);
    check(
        "voa",
        &voa_all,
        Floor {
            recall: 0.42,
            precision: 0.75,
            dates: 0.80,
        },
    );
    check(
        "voa held out",
        &voa_held,
        Floor {
            recall: 0.38,
            precision: 0.63,
            dates: 0.70,
        },
    );
    check(
        "pages",
        &pages_all,
        Floor {
            recall: 0.55,
            precision: 0.84,
            dates: 0.79,
        },
    );
}
