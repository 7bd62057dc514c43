//! `dyad-tools frames`: the most frequent clause frames and event nouns that involve an actor
//! of a state or organisation and give no event, with counts and example sentences — the
//! worklist for writing patterns (`data/patterns/`).

use std::collections::HashMap;
use std::path::PathBuf;

use anyhow::Result;
use chrono::NaiveDate;
use dyad::coder::frames::{Frame, FrameKind};
use dyad::coder::Coder;
use dyad::ingest::files;

/// What to list.
pub struct Options {
    /// Publication date for articles without one.
    pub date: Option<NaiveDate>,
    /// Frames to print per kind.
    pub top: usize,
    /// Example sentences per frame.
    pub examples: usize,
    /// Only frames with at least this many actor arguments.
    pub min_actors: usize,
    /// Leave out articles whose id matches this (e.g. a held-out part: `#4$`).
    pub exclude: Vec<String>,
}

#[derive(Default)]
struct Tally {
    uncoded: usize,
    coded: usize,
    examples: Vec<String>,
}

/// Codes every article of `paths` and prints the frames that give no event, most frequent
/// first, with how often the same frame does give one.
pub fn run(paths: &[PathBuf], o: &Options) -> Result<()> {
    let coder = Coder::embedded();
    let (inputs, errors) = files::expand(paths);
    for e in errors {
        eprintln!("dyad-tools: {e}");
    }
    let mut frames: Vec<Frame> = Vec::new();
    let mut articles = 0;
    for input in &inputs {
        for loaded in files::read_all(input, 64 << 20, true, o.date) {
            let Ok(loaded) = loaded else { continue };
            let id = loaded.doc.id.clone();
            if o.exclude.iter().any(|x| excluded(&id, x)) {
                continue;
            }
            articles += 1;
            frames.extend(coder.frames(&loaded.doc));
        }
    }
    let by_kind = |kind: FrameKind| {
        let mut t: HashMap<&str, Tally> = HashMap::new();
        for f in frames
            .iter()
            .filter(|f| f.kind == kind && f.actors >= o.min_actors && !f.irrealis && !f.reporting)
        {
            let e = t.entry(&f.signature).or_default();
            if f.coded {
                e.coded += 1;
            } else {
                e.uncoded += 1;
                if e.examples.len() < o.examples {
                    e.examples.push(format!("{}: {}", short(&f.article), f.sentence));
                }
            }
        }
        let mut v: Vec<(&str, Tally)> = t.into_iter().filter(|(_, t)| t.uncoded > 0).collect();
        v.sort_by(|a, b| b.1.uncoded.cmp(&a.1.uncoded).then(a.0.cmp(b.0)));
        v
    };
    let clauses = by_kind(FrameKind::Clause);
    let nouns = by_kind(FrameKind::Noun);
    let total = |v: &[(&str, Tally)]| v.iter().map(|(_, t)| t.uncoded).sum::<usize>();
    println!(
        "{articles} articles: {} clause frames (verbs of saying and copulas left out) and {} event-noun frames \
         with an actor gave no event",
        total(&clauses),
        total(&nouns)
    );
    for (title, v) in [("clause frames", &clauses), ("event nouns", &nouns)] {
        println!("\n== {title} giving no event (count, and how often the same frame gave one)");
        for (sig, t) in v.iter().take(o.top) {
            println!("{:5}  {sig}   (coded {})", t.uncoded, t.coded);
            for e in &t.examples {
                println!("         {}", cut(e, 220));
            }
        }
    }
    // verbs alone: which lemmas most often stand in uncoded frames
    let mut verbs: HashMap<String, usize> = HashMap::new();
    for f in frames
        .iter()
        .filter(|f| f.kind == FrameKind::Clause && !f.coded && !f.irrealis && !f.reporting && f.actors >= o.min_actors)
    {
        if let Some(v) = f.signature.split(' ').nth(1) {
            *verbs.entry(v.to_string()).or_default() += 1;
        }
    }
    let mut verbs: Vec<_> = verbs.into_iter().collect();
    verbs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    println!("\n== verbs of uncoded clause frames");
    let line: Vec<String> = verbs.iter().take(o.top).map(|(v, n)| format!("{v} {n}")).collect();
    println!("{}", line.join(", "));
    Ok(())
}

/// Does article `id` match the exclusion `x` (a suffix such as `#4`, or `/N` for every line
/// divisible by N: `/4`)?
fn excluded(id: &str, x: &str) -> bool {
    if let Some(n) = x.strip_prefix('/').and_then(|n| n.parse::<usize>().ok()) {
        return id
            .rsplit_once('#')
            .and_then(|(_, l)| l.parse::<usize>().ok())
            .is_some_and(|l| n > 0 && l % n == 0);
    }
    id.ends_with(x)
}

fn short(article: &str) -> &str {
    article.rsplit('/').next().unwrap_or(article)
}

fn cut(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exclusions_by_suffix_and_by_line_divisor() {
        assert!(excluded("x/voa.jsonl#8", "/4"));
        assert!(!excluded("x/voa.jsonl#9", "/4"));
        assert!(!excluded("x/a.txt", "/4"));
        assert!(excluded("x/a.txt", "a.txt"));
    }
}
