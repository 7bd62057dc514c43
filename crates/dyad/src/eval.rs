//! Scoring coded events against hand-coded ones (`expected.jsonl` files beside article sets).
//!
//! An expected event names its article, a verbatim piece of its sentence, source, target and
//! CAMEO code. A produced event matches when it is in the same article and sentence and has the
//! same source and target *countries* (or organisation codes) and the same CAMEO *root* — the
//! figure analysts care about first; the exact code and full actor code are counted as well.

use crate::event::Event;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// One hand-coded event.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Expected {
    /// Article file name.
    pub article: String,
    /// A verbatim piece of the sentence.
    pub sentence: String,
    /// Source actor code.
    pub source: String,
    /// Target actor code.
    pub target: String,
    /// CAMEO code.
    pub cameo: String,
    /// Background history (coded with its own date).
    #[serde(default)]
    pub background: bool,
    /// The coder's note.
    #[serde(default)]
    pub note: String,
}

/// Reads an `expected.jsonl` file; errors name the line.
pub fn read_expected(path: &Path) -> Result<Vec<Expected>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).map_err(|e| format!("{}:{}: {e}", path.display(), i + 1)))
        .collect()
}

/// The part of an actor code that the main figure compares: the country (first three letters)
/// for state actors, the whole code for organisations and bare agents.
pub fn actor_key(code: &str) -> &str {
    if code.starts_with("IGO") || code.starts_with("NGO") || code.len() <= 3 {
        code
    } else {
        &code[..3]
    }
}

/// Figures of one comparison.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Score {
    /// Hand-coded events.
    pub expected: usize,
    /// Produced events.
    pub produced: usize,
    /// Expected events found (same sentence, countries and root).
    pub found: usize,
    /// Produced events that match some expected event.
    pub correct: usize,
    /// Expected events found with the exact CAMEO code too.
    pub found_exact_code: usize,
    /// Expected events found with the exact actor codes too.
    pub found_exact_actors: usize,
    /// found / expected.
    pub recall: f64,
    /// correct / produced.
    pub precision: f64,
    /// Expected events not found, for reading.
    pub missed: Vec<String>,
    /// Produced events matching nothing expected, for reading.
    pub spurious: Vec<String>,
}

fn file_name(p: &str) -> &str {
    p.rsplit(['/', '\\']).next().unwrap_or(p)
}

fn same(e: &Expected, p: &Event) -> bool {
    let (Some(s), Some(t)) = (p.source.code.as_deref(), p.target.code.as_deref()) else {
        return false;
    };
    file_name(&p.article) == e.article
        && p.text
            .contains(&e.sentence.split_whitespace().collect::<Vec<_>>().join(" "))
        && actor_key(s) == actor_key(&e.source)
        && actor_key(t) == actor_key(&e.target)
        && p.root == e.cameo.get(..2).unwrap_or("")
}

/// Compares produced events with expected ones.
pub fn score(expected: &[Expected], produced: &[Event]) -> Score {
    let mut s = Score {
        expected: expected.len(),
        produced: produced.len(),
        ..Score::default()
    };
    for e in expected {
        let hits: Vec<&Event> = produced.iter().filter(|p| same(e, p)).collect();
        if hits.is_empty() {
            s.missed.push(format!(
                "{} | {} → {} {} | {}",
                e.article, e.source, e.target, e.cameo, e.sentence
            ));
        } else {
            s.found += 1;
            if hits.iter().any(|p| p.cameo == e.cameo) {
                s.found_exact_code += 1;
            }
            if hits
                .iter()
                .any(|p| p.source.code.as_deref() == Some(&e.source) && p.target.code.as_deref() == Some(&e.target))
            {
                s.found_exact_actors += 1;
            }
        }
    }
    for p in produced {
        if expected.iter().any(|e| same(e, p)) {
            s.correct += 1;
        } else {
            s.spurious.push(format!(
                "{} | {} → {} {} ({}) | {}",
                file_name(&p.article),
                p.source.code.as_deref().unwrap_or(&p.source.name),
                p.target.code.as_deref().unwrap_or(&p.target.name),
                p.cameo,
                p.evidence.pattern,
                p.text
            ));
        }
    }
    s.recall = if s.expected > 0 {
        s.found as f64 / s.expected as f64
    } else {
        0.0
    };
    s.precision = if s.produced > 0 {
        s.correct as f64 / s.produced as f64
    } else {
        0.0
    };
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actor_keys() {
        assert_eq!(actor_key("TURGOV"), "TUR");
        assert_eq!(actor_key("TUR"), "TUR");
        assert_eq!(actor_key("IGOUNO"), "IGOUNO");
        assert_eq!(actor_key("MIL"), "MIL");
    }
}
