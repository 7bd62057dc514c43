//! Scoring coded events against hand-coded ones (`expected.jsonl` files beside article sets).
//!
//! An expected event names its article, a verbatim piece of its sentence, source, target and
//! CAMEO code. A produced event matches when it is in the same article and sentence and has the
//! same source and target *countries* (or organisation codes) and the same CAMEO *root* — the
//! figure analysts care about first; the exact code and full actor code are counted as well.
//!
//! An expected event may also give its `date` ("2025-11-03", "2025-11", "2025") and
//! `date_precision` ("day", "month", "year"): the date a careful coder reads from the text.
//! Found events then also count as date-correct when a matching produced event has that date
//! (and precision). Sets without dates score as before.

pub mod geo;
pub mod gold;
pub mod plover;

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
    /// The event's date as a coder reads it from the text, if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The precision of `date`: "day", "month" or "year".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_precision: Option<String>,
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
    /// Produced events with an unknown target (one-sided: "police arrested five people"),
    /// left out of `produced` and precision: these sets code only events between two named
    /// actors, so such an event can match nothing in them.
    pub one_sided: usize,
    /// Produced events coded from the headline, left out as well: these sets code the
    /// article bodies only.
    pub headline: usize,
    /// Expected events found with the exact CAMEO code too.
    pub found_exact_code: usize,
    /// Expected events found with the exact actor codes too.
    pub found_exact_actors: usize,
    /// Expected events that give a date.
    pub dated: usize,
    /// Found expected events that give a date.
    pub found_dated: usize,
    /// Found expected events with a matching produced event of the same date and precision.
    pub found_date_correct: usize,
    /// Found expected events with a matching produced event that has both the exact actor
    /// codes and the date.
    pub found_date_and_actors_correct: usize,
    /// found / expected.
    pub recall: f64,
    /// correct / produced.
    pub precision: f64,
    /// Expected events not found, for reading.
    pub missed: Vec<String>,
    /// Produced events matching nothing expected, for reading.
    pub spurious: Vec<String>,
    /// Found dated events whose produced date is not the expected one, for reading.
    pub wrong_dates: Vec<String>,
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

/// The produced event has the expected date, and its precision when one is given.
fn same_date(e: &Expected, p: &Event) -> bool {
    e.date.is_some()
        && p.date == e.date
        && e.date_precision
            .as_ref()
            .is_none_or(|want| p.date_precision.map(|x| x.as_str()) == Some(want.as_str()))
}

fn share(n: usize, of: usize) -> f64 {
    if of > 0 {
        n as f64 / of as f64
    } else {
        0.0
    }
}

impl Score {
    /// Of the found events that give a date, the share dated correctly.
    pub fn date_correct_of_found(&self) -> f64 {
        share(self.found_date_correct, self.found_dated)
    }

    /// Of all expected events that give a date, the share found and dated correctly.
    pub fn date_correct_of_expected(&self) -> f64 {
        share(self.found_date_correct, self.dated)
    }

    /// Of the found events, the share with the exact source and target codes.
    pub fn actors_correct_of_found(&self) -> f64 {
        share(self.found_exact_actors, self.found)
    }

    /// Of all expected events, the share found with the exact source and target codes.
    pub fn actors_correct_of_expected(&self) -> f64 {
        share(self.found_exact_actors, self.expected)
    }

    /// Of all expected events that give a date, the share found with the exact actor codes
    /// and the date.
    pub fn date_and_actors_correct_of_expected(&self) -> f64 {
        share(self.found_date_and_actors_correct, self.dated)
    }
}

/// Compares produced events with expected ones.
pub fn score(expected: &[Expected], produced: &[Event]) -> Score {
    let one_sided = |p: &&Event| p.target.code.is_none() && p.target.entries.is_empty();
    let mut s = Score {
        expected: expected.len(),
        one_sided: produced.iter().filter(one_sided).count(),
        headline: produced.iter().filter(|p| p.headline && !one_sided(p)).count(),
        ..Score::default()
    };
    let produced: Vec<&Event> = produced.iter().filter(|p| !one_sided(p) && !p.headline).collect();
    let produced = produced.as_slice();
    s.produced = produced.len();
    s.dated = expected.iter().filter(|e| e.date.is_some()).count();
    for e in expected {
        let hits: Vec<&Event> = produced.iter().copied().filter(|p| same(e, p)).collect();
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
            let actors_ok =
                |p: &&Event| p.source.code.as_deref() == Some(&e.source) && p.target.code.as_deref() == Some(&e.target);
            if hits.iter().any(actors_ok) {
                s.found_exact_actors += 1;
            }
            if e.date.is_some() {
                s.found_dated += 1;
                if hits.iter().any(|p| same_date(e, p)) {
                    s.found_date_correct += 1;
                } else {
                    s.wrong_dates.push(format!(
                        "{} | {} → {} {} | want {} got {} | {}",
                        e.article,
                        e.source,
                        e.target,
                        e.cameo,
                        e.date.as_deref().unwrap_or("-"),
                        hits.iter()
                            .map(|p| p.date.clone().unwrap_or_default())
                            .collect::<Vec<_>>()
                            .join(","),
                        e.sentence
                    ));
                }
                if hits.iter().any(|p| same_date(e, p) && actors_ok(p)) {
                    s.found_date_and_actors_correct += 1;
                }
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
    s.recall = share(s.found, s.expected);
    s.precision = share(s.correct, s.produced);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(date: Option<&str>, precision: crate::text::dates::Precision, source: &str) -> Event {
        let actor = |code: &str| crate::event::Actor {
            code: Some(code.into()),
            country: Some(code[..3].into()),
            ..Default::default()
        };
        Event {
            article: "dir/a.txt".into(),
            sentence: 0,
            headline: false,
            text: "Turkey criticised Greece on Monday.".into(),
            date: date.map(str::to_string),
            date_precision: Some(precision),
            reported: None,
            source: actor(source),
            target: actor("GRC"),
            cameo: "111".into(),
            root: "11".into(),
            quad_class: 3,
            goldstein: -2.0,
            event_name: String::new(),
            location: None,
            evidence: crate::event::Evidence {
                pattern: String::new(),
                trigger: String::new(),
                trigger_span: crate::text::Span::new(0, 0),
                mood: crate::event::Mood::Fact,
                notes: vec![],
                date_source: crate::event::DateOrigin::Unknown,
            },
            plover: None,
        }
    }

    #[test]
    fn dates_and_actors_are_scored_over_found_and_expected_events() {
        let line = |date: &str| {
            format!(
                r#"{{"article": "a.txt", "sentence": "Turkey criticised", "source": "TURGOV", "target": "GRC", "cameo": "111"{date}}}"#
            )
        };
        let dated: Expected =
            serde_json::from_str(&line(r#", "date": "2025-11-03", "date_precision": "day""#)).unwrap();
        let undated: Expected = serde_json::from_str(&line("")).unwrap();
        let s = score(
            std::slice::from_ref(&dated),
            &[event(Some("2025-11-03"), crate::text::dates::Precision::Day, "TURGOV")],
        );
        assert_eq!(
            (s.dated, s.found_dated, s.found_date_correct, s.found_exact_actors),
            (1, 1, 1, 1)
        );
        assert_eq!(s.date_and_actors_correct_of_expected(), 1.0);
        let s = score(
            std::slice::from_ref(&dated),
            &[event(Some("2025-11-05"), crate::text::dates::Precision::Day, "TUR")],
        );
        assert_eq!((s.found, s.found_date_correct, s.found_exact_actors), (1, 0, 0));
        assert_eq!((s.date_correct_of_found(), s.actors_correct_of_found()), (0.0, 0.0));
        let s = score(
            std::slice::from_ref(&dated),
            &[event(
                Some("2025-11-03"),
                crate::text::dates::Precision::Month,
                "TURGOV",
            )],
        );
        assert_eq!(s.found_date_correct, 0, "the precision counts too");
        // a set without dates scores as before
        let s = score(
            &[undated, dated],
            &[event(None, crate::text::dates::Precision::Day, "TURGOV")],
        );
        assert_eq!((s.found, s.dated, s.found_dated, s.found_date_correct), (2, 1, 1, 0));
        assert_eq!(s.actors_correct_of_expected(), 1.0);
    }

    #[test]
    fn actor_keys() {
        assert_eq!(actor_key("TURGOV"), "TUR");
        assert_eq!(actor_key("TUR"), "TUR");
        assert_eq!(actor_key("IGOUNO"), "IGOUNO");
        assert_eq!(actor_key("MIL"), "MIL");
    }
}
