//! Scoring dyad's PLOVER coding against PLOVER gold-standard records (`dyad validate --plover`).
//!
//! A record file is a JSON array of records, each one sentence with its PLOVER coding: `id`,
//! `text`, `event`, `mode`, `source` and `target` (lists of `{actorText, code, sector}`),
//! `textInfo.markup` with the event words marked `(EVT: ...)`. Records whose `event` is
//! `DOCUMENT` document the file and are skipped.
//!
//! The gold standard uses PLOVER 0.5b1 names; they are read as PLOVER 2.0 names (DEMAND →
//! REQUEST, DISAPPROVE → ACCUSE, INVESTIGATE → ACCUSE `investigate`, FIGHT → ASSAULT; old mode
//! names such as `assassinate` → `targeted`, `demo-spon` → `demo`, `strike-hun` → `hunger`;
//! CONSULT `host`, whose source is the host, → `visit` with the visitor as source),
//! and a few actor codes of the records' own spelling are read as ISO 3166 (JAP → JPN).
//!
//! Each record is compared with one of dyad's PLOVER records for its sentence: the one whose
//! anchor is among the words the gold marks as the event, else the first. Type and mode must
//! be equal, the mode only where the record gives one (a 0.5b1 record without a mode does not
//! say the event has none: that version had no modes for most types 2.0 gives modes); source
//! and target are compared as sets
//! of countries (or `IGO`/`NGO` for organisations), and an act dyad codes as two-sided (every
//! participant an actor) matches gold that splits the same participants into actor and
//! recipient.

use super::super::ontology::plover::{Entity, PloverRecord};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// One actor of a gold record.
#[derive(Clone, Debug, Deserialize)]
pub struct GoldActor {
    /// The words in the text.
    #[serde(rename = "actorText", default)]
    pub text: String,
    /// The country code, or IGO/NGO.
    #[serde(default)]
    pub code: String,
}

/// A side of a gold record: a list of actors, or an empty string.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
enum Side {
    List(Vec<GoldActor>),
    Text(#[allow(dead_code)] String),
}

/// `textInfo`: an object with `markup`, or (in a few records) the marked-up text itself.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
enum TextInfo {
    Object {
        #[serde(default)]
        markup: String,
    },
    Text(String),
}

#[derive(Clone, Debug, Deserialize)]
struct RawRecord {
    id: String,
    event: String,
    #[serde(default)]
    mode: Option<String>,
    #[serde(default)]
    source: Option<Side>,
    #[serde(default)]
    target: Option<Side>,
    #[serde(default)]
    text: String,
    #[serde(rename = "textInfo", default)]
    text_info: Option<TextInfo>,
    #[serde(default)]
    date: Option<String>,
}

/// A gold record, its names read as PLOVER 2.0.
#[derive(Clone, Debug)]
pub struct GoldRecord {
    /// The record's id.
    pub id: String,
    /// The sentence.
    pub text: String,
    /// The record's date, if it gives one.
    pub date: Option<String>,
    /// The type as written in the record (0.5b1).
    pub original_type: String,
    /// The PLOVER 2.0 type.
    pub event_type: String,
    /// The PLOVER 2.0 mode, if any.
    pub mode: Option<String>,
    /// Source actors.
    pub source: Vec<GoldActor>,
    /// Target actors.
    pub target: Vec<GoldActor>,
    /// Words marked as the event, lower case.
    pub event_words: Vec<String>,
}

/// A record file that cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum GoldError {
    /// Not JSON, or not an array of records.
    #[error("{name}: line {line}, column {column}: {message}")]
    Json {
        /// The file.
        name: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// A record without an id, text or event.
    #[error("{name}: record {index} ({id}): {message}")]
    Record {
        /// The file.
        name: String,
        /// 0-based index in the array.
        index: usize,
        /// Its id, if it has one.
        id: String,
        /// What is wrong.
        message: String,
    },
}

/// PLOVER 0.5b1 type names as 2.0 names, with the mode a renamed type implies.
fn type_2_0(t: &str) -> (String, Option<&'static str>) {
    match t {
        "DEMAND" => ("REQUEST".into(), None),
        "DISAPPROVE" => ("ACCUSE".into(), None),
        "INVESTIGATE" => ("ACCUSE".into(), Some("investigate")),
        "FIGHT" => ("ASSAULT".into(), None),
        other => (other.to_string(), None),
    }
}

/// PLOVER 0.5b1 mode names as 2.0 names.
fn mode_2_0(m: &str) -> Option<String> {
    let m = m.trim();
    let out = match m {
        "" => return None,
        "assassinate" => "targeted",
        "demo-spon" | "demo-org" => "demo",
        "riot-spon" | "riot-org" => "riot",
        "strike-hun" => "hunger",
        "strike-gen" => "strike",
        "detain" => "arrest",
        "confiscate" => "seize",
        "host" => "visit",
        other => other,
    };
    Some(out.to_string())
}

/// Actor codes of the records' own spelling, as ISO 3166 alpha-3.
fn country_alias(code: &str) -> &str {
    match code {
        "JAP" => "JPN",
        "ITL" => "ITA",
        "VTN" => "VNM",
        "ROM" => "ROU",
        other => other,
    }
}

/// Reads a record file (a JSON array); `name` names it in errors.
pub fn parse(name: &str, text: &str) -> Result<Vec<GoldRecord>, GoldError> {
    let raw: Vec<serde_json::Value> = serde_json::from_str(text).map_err(|e| GoldError::Json {
        name: name.to_string(),
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })?;
    let mut out = Vec::new();
    for (index, v) in raw.into_iter().enumerate() {
        let id = v.get("id").and_then(|x| x.as_str()).unwrap_or("-").to_string();
        let r: RawRecord = serde_json::from_value(v).map_err(|e| GoldError::Record {
            name: name.to_string(),
            index,
            id: id.clone(),
            message: e.to_string(),
        })?;
        if r.event == "DOCUMENT" {
            continue;
        }
        if r.text.trim().is_empty() {
            return Err(GoldError::Record {
                name: name.to_string(),
                index,
                id,
                message: "no text".into(),
            });
        }
        let (event_type, implied) = type_2_0(&r.event);
        // 0.5b1's CONSULT `host` has the host as source; 2.0's `visit` has the visitor as actor
        let host = r.mode.as_deref().map(str::trim) == Some("host");
        let mode = implied
            .map(String::from)
            .or_else(|| r.mode.as_deref().and_then(mode_2_0));
        let side = |s: Option<Side>| match s {
            Some(Side::List(l)) => l,
            _ => Vec::new(),
        };
        let markup = match r.text_info {
            Some(TextInfo::Object { markup }) | Some(TextInfo::Text(markup)) => markup,
            None => String::new(),
        };
        out.push(GoldRecord {
            id: r.id,
            text: r.text,
            date: r.date,
            original_type: r.event,
            event_type,
            mode,
            source: if host {
                side(r.target.clone())
            } else {
                side(r.source.clone())
            },
            target: if host { side(r.source) } else { side(r.target) },
            event_words: event_words(&markup),
        });
    }
    Ok(out)
}

/// The lower-case words inside `(EVT: ...)` marks.
fn event_words(markup: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = markup;
    while let Some(i) = rest.find("(EVT:") {
        let after = &rest[i + 5..];
        let end = after.find(')').unwrap_or(after.len());
        out.extend(
            after[..end]
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase),
        );
        rest = &after[end..];
    }
    out
}

/// The level at which actors are compared: a country, or IGO/NGO for organisations.
fn gold_level(a: &GoldActor) -> Option<String> {
    let c = a.code.trim();
    (c.len() >= 3).then(|| country_alias(&c[..3]).to_string())
}

fn produced_level(e: &Entity) -> Option<String> {
    if let Some(c) = &e.country {
        return Some(c.clone());
    }
    let code = e.code.as_deref()?;
    ["IGO", "NGO"]
        .iter()
        .find(|p| code.starts_with(**p))
        .map(|p| p.to_string())
}

/// How one record came out.
#[derive(Clone, Debug, Serialize)]
pub struct Outcome {
    /// The record's id.
    pub id: String,
    /// The sentence.
    pub text: String,
    /// Expected type, mode, source and target (countries).
    pub expected: Coding,
    /// What dyad produced for the sentence (the record compared), if anything.
    pub produced: Option<Coding>,
    /// Every PLOVER record dyad produced for the sentence, in short.
    pub all_produced: Vec<String>,
    /// Type right.
    pub type_correct: bool,
    /// Type and mode right.
    pub mode_correct: bool,
    /// Source and target right.
    pub actors_correct: bool,
    /// Why not, one line per difference.
    pub why: Vec<String>,
}

/// A coding in comparable form.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Coding {
    /// PLOVER type.
    pub event_type: String,
    /// Mode.
    pub mode: Option<String>,
    /// Source countries (or IGO/NGO).
    pub source: BTreeSet<String>,
    /// Target countries.
    pub target: BTreeSet<String>,
}

impl std::fmt::Display for Coding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let set = |s: &BTreeSet<String>| match s.is_empty() {
            true => "-".to_string(),
            false => s.iter().cloned().collect::<Vec<_>>().join("+"),
        };
        write!(
            f,
            "{} {} {} → {}",
            self.event_type,
            self.mode.as_deref().unwrap_or("-"),
            set(&self.source),
            set(&self.target)
        )
    }
}

/// The totals (`--json`).
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct Summary {
    /// Records scored.
    pub records: usize,
    /// Records with the right type.
    pub type_correct: usize,
    /// Records with the right type and mode.
    pub mode_correct: usize,
    /// Records with the right source and target.
    pub actors_correct: usize,
    /// Records for which dyad produced at least one PLOVER event.
    pub produced: usize,
}

/// Compares one gold record with the PLOVER records dyad produced for its sentence.
pub fn compare(gold: &GoldRecord, produced: &[PloverRecord]) -> Outcome {
    let expected = Coding {
        event_type: gold.event_type.clone(),
        mode: gold.mode.clone(),
        source: gold.source.iter().filter_map(gold_level).collect(),
        target: gold.target.iter().filter_map(gold_level).collect(),
    };
    let anchored = produced.iter().find(|r| {
        r.event_anchor
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| !w.is_empty() && gold.event_words.contains(&w.to_lowercase()))
    });
    let chosen = anchored.or(produced.first());
    let coding = chosen.map(|r| Coding {
        event_type: r.event_type.clone(),
        mode: r.event_mode.clone(),
        source: r.actor.iter().filter_map(produced_level).collect(),
        target: r.recipient.iter().filter_map(produced_level).collect(),
    });
    let mut why = Vec::new();
    let (mut type_correct, mut mode_correct, mut actors_correct) = (false, false, false);
    match &coding {
        None => why.push("no PLOVER event produced for the sentence".to_string()),
        Some(c) => {
            type_correct = c.event_type == expected.event_type;
            if !type_correct {
                why.push(format!(
                    "type {} where {} was expected",
                    c.event_type, expected.event_type
                ));
            }
            // a record without a mode does not say there is none: PLOVER 0.5b1 had no modes for
            // most types that 2.0 gives modes (REQUEST, ACCUSE, REJECT, SANCTION...)
            mode_correct = type_correct && (expected.mode.is_none() || c.mode == expected.mode);
            if type_correct && !mode_correct {
                why.push(format!(
                    "mode {} where {} was expected",
                    c.mode.as_deref().unwrap_or("-"),
                    expected.mode.as_deref().unwrap_or("-")
                ));
            }
            let union: BTreeSet<String> = expected.source.union(&expected.target).cloned().collect();
            actors_correct = (c.source == expected.source && c.target == expected.target)
                || (c.target.is_empty() && !expected.target.is_empty() && c.source == union);
            if !actors_correct {
                why.push(format!(
                    "actors {:?} → {:?} where {:?} → {:?} were expected",
                    c.source, c.target, expected.source, expected.target
                ));
            }
        }
    }
    Outcome {
        id: gold.id.clone(),
        text: gold.text.clone(),
        expected,
        produced: coding,
        all_produced: produced
            .iter()
            .map(|r| {
                format!(
                    "{} {} \"{}\" ({})",
                    r.event_type,
                    r.event_mode.as_deref().unwrap_or("-"),
                    r.event_anchor,
                    r.cameo.join("/")
                )
            })
            .collect(),
        type_correct,
        mode_correct,
        actors_correct,
        why,
    }
}

/// Totals over outcomes.
pub fn summarize(outcomes: &[Outcome]) -> Summary {
    Summary {
        records: outcomes.len(),
        type_correct: outcomes.iter().filter(|o| o.type_correct).count(),
        mode_correct: outcomes.iter().filter(|o| o.mode_correct).count(),
        actors_correct: outcomes.iter().filter(|o| o.actors_correct).count(),
        produced: outcomes.iter().filter(|o| o.produced.is_some()).count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"[
      {"id": "DOC", "event": "DOCUMENT", "eventText": "x"},
      {"id": "R1", "event": "DEMAND", "text": "Iraq urged Iran to release the prisoners.",
       "source": [{"actorText": "Iraq", "code": "IRQ"}], "target": [{"actorText": "Iran", "code": "IRN"}],
       "textInfo": {"markup": "(SRC: Iraq) (EVT: urged) (TAR: Iran) to release"}},
      {"id": "R4", "event": "INVESTIGATE", "text": "The UN sent a team to investigate.",
       "source": [{"actorText": "UN", "code": "IGO"}], "textInfo": "The (SRC: UN) sent a team (EVT: to investigate)."},
      {"id": "R5", "event": "CONSULT", "mode": "host", "text": "Yeltsin hosted Hashimoto.",
       "source": [{"actorText": "Yeltsin", "code": "RUS"}], "target": [{"actorText": "Hashimoto", "code": "JAP"}]},
      {"id": "R2", "event": "FIGHT", "mode": "assassinate", "text": "Gunmen killed a Japanese envoy.",
       "source": [], "target": [{"actorText": "Japanese envoy", "code": "JAP"}]},
      {"id": "R3", "event": "AGREE", "text": "Jordan and Britain agreed.", "target": "",
       "source": [{"actorText": "Jordan", "code": "JOR"}, {"actorText": "Britain", "code": "GBR"}]}
    ]"#;

    fn rec(t: &str, mode: Option<&str>, anchor: &str, actor: &[&str], recipient: &[&str]) -> PloverRecord {
        let ent = |c: &&str| Entity {
            name: c.to_string(),
            code: Some(c.to_string()),
            country: (!c.starts_with("IGO")).then(|| c[..3].to_string()),
            sector: None,
        };
        PloverRecord {
            event_id: "a:0:0".into(),
            story_id: "a".into(),
            sentence_number: 0,
            event_date: None,
            date_precision: None,
            event_type: t.into(),
            event_mode: mode.map(String::from),
            contexts: vec![],
            aux: vec![],
            actor: actor.iter().map(ent).collect(),
            recipient: recipient.iter().map(ent).collect(),
            location: None,
            event_text: String::new(),
            event_anchor: anchor.into(),
            cameo: vec![],
        }
    }

    #[test]
    fn reads_records_in_2_0_names() {
        let mut g = parse("gold.json", FILE).unwrap();
        assert_eq!(g.len(), 5);
        let host = g.remove(g.iter().position(|r| r.id == "R5").unwrap());
        assert_eq!(host.mode.as_deref(), Some("visit"));
        assert_eq!(
            (host.source[0].code.as_str(), host.target[0].code.as_str()),
            ("JAP", "RUS")
        );
        let inv = g.remove(g.iter().position(|r| r.id == "R4").unwrap());
        assert_eq!(
            (inv.event_type.as_str(), inv.mode.as_deref()),
            ("ACCUSE", Some("investigate"))
        );
        assert_eq!(inv.event_words, vec!["to", "investigate"]);
        assert_eq!(g[0].event_type, "REQUEST");
        assert_eq!(g[0].event_words, vec!["urged"]);
        assert_eq!(g[1].event_type, "ASSAULT");
        assert_eq!(g[1].mode.as_deref(), Some("targeted"));
        assert!(g[2].target.is_empty());
    }

    #[test]
    fn bad_files_name_the_place() {
        let e = parse("gold.json", "[\n {\"id\": 1,}\n]").unwrap_err();
        assert!(matches!(e, GoldError::Json { line: 2, .. }), "{e}");
        let e = parse("gold.json", r#"[{"id": "X", "event": "AGREE", "text": ""}]"#).unwrap_err();
        assert!(e.to_string().contains("record 0 (X)"), "{e}");
        let e = parse("gold.json", r#"{"id": "X"}"#).unwrap_err();
        assert!(e.to_string().starts_with("gold.json: line 1"), "{e}");
    }

    #[test]
    fn compares_type_mode_and_actor_countries() {
        let mut g = parse("gold.json", FILE).unwrap();
        g.retain(|r| !matches!(r.id.as_str(), "R4" | "R5"));
        // the record anchored on the gold's event word is the one compared
        let o = compare(
            &g[0],
            &[
                rec("ACCUSE", None, "said", &["IRQGOV"], &["IRN"]),
                rec("REQUEST", Some("yield"), "urged", &["IRQGOV"], &["IRNGOV"]),
            ],
        );
        assert!(
            o.type_correct && o.actors_correct && o.mode_correct,
            "a record without a mode scores none"
        );
        // a wrong mode where the record gives one
        let o = compare(&g[1], &[rec("ASSAULT", Some("firearms"), "killed", &[], &["JPNGOV"])]);
        assert!(o.type_correct && !o.mode_correct);
        assert!(o.why[0].contains("mode firearms where targeted"), "{:?}", o.why);
        // alias JAP → JPN; a missing source is an empty set
        let o = compare(&g[1], &[rec("ASSAULT", Some("targeted"), "killed", &[], &["JPNGOV"])]);
        assert!(o.type_correct && o.mode_correct && o.actors_correct, "{:?}", o.why);
        // a two-sided act: all participants are actors
        let o = compare(&g[2], &[rec("AGREE", None, "agreed", &["JOR", "GBR"], &[])]);
        assert!(o.actors_correct);
        let o = compare(&g[2], &[rec("AGREE", None, "agreed", &["JOR"], &["GBR"])]);
        assert!(!o.actors_correct);
        let o = compare(&g[2], &[]);
        assert!(!o.type_correct && o.produced.is_none());
        let s = summarize(&[o]);
        assert_eq!((s.records, s.produced), (1, 0));
    }
}
