//! PETRARCH validation records: `<Environment>` naming the dictionaries, then `<Sentence>`
//! records with their expected `<EventCoding>`s, `<Text>` and optional `<Parse>`, and
//! `<Config option value>` lines changing options for the records after them.

use super::code::CodingOptions;
use super::tree::Tree;
use super::DictionaryCoder;
use crate::text::segment::MAX_SENTENCE_BYTES;
use crate::text::tagger::Tagger;
use chrono::NaiveDate;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use serde::Serialize;
use std::collections::BTreeSet;
use thiserror::Error;

/// A (source, target, event code) triple.
pub type Triple = (String, String, String);

/// The dictionary files a validation file names.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Environment {
    /// `<Verbfile>`.
    pub verbs: Vec<String>,
    /// `<Actorfile>`s.
    pub actors: Vec<String>,
    /// `<Agentfile>`.
    pub agents: Vec<String>,
    /// `<Discardfile>`.
    pub discards: Vec<String>,
}

/// What a record expects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expected {
    /// These events.
    Events(Vec<Triple>),
    /// `noevents="True"`.
    NoEvents,
    /// `error="..."`: the record must give no event.
    Error(String),
}

/// One validation record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// `id`.
    pub id: String,
    /// `category`.
    pub category: String,
    /// `date` (YYYYMMDD).
    pub date: NaiveDate,
    /// Expected events.
    pub expected: Expected,
    /// The sentence.
    pub text: String,
    /// The Penn Treebank parse, if given.
    pub parse: Option<String>,
    /// 1-based line of the `<Sentence>` tag.
    pub line: usize,
}

/// An item of a validation file, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    /// A record.
    Record(Record),
    /// `<Config option value>`.
    Config(String, String),
}

/// A validation file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ValidationFile {
    /// The dictionaries it names.
    pub environment: Environment,
    /// Records and configuration changes, in order.
    pub entries: Vec<Entry>,
}

/// A validation file that cannot be read.
#[derive(Debug, Error)]
pub enum ValidationError {
    /// Not well-formed XML.
    #[error("{file}:{line}: malformed XML: {message}")]
    Xml {
        /// The file.
        file: String,
        /// 1-based line.
        line: usize,
        /// What the XML reader said.
        message: String,
    },
    /// A record lacks something it needs or has a bad value.
    #[error("{file}:{line}: record {id}: {message}")]
    Record {
        /// The file.
        file: String,
        /// 1-based line.
        line: usize,
        /// The record's id (or `?`).
        id: String,
        /// What is wrong.
        message: String,
    },
}

/// Line numbers of byte offsets: the text's line breaks found once, each offset's line by a
/// binary search among them (counting the breaks before every XML event made a 20,000-record
/// file take minutes).
struct Lines(Vec<usize>);

impl Lines {
    fn of(text: &str) -> Lines {
        Lines(
            text.bytes()
                .enumerate()
                .filter_map(|(i, b)| (b == b'\n').then_some(i))
                .collect(),
        )
    }

    /// The 1-based line of byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.0.partition_point(|&n| n < offset) + 1
    }
}

fn attrs(e: &BytesStart, file: &str, line: usize) -> Result<Vec<(String, String)>, ValidationError> {
    let mut out = Vec::new();
    for a in e.attributes().with_checks(false) {
        let a = a.map_err(|err| ValidationError::Xml {
            file: file.into(),
            line,
            message: err.to_string(),
        })?;
        let key = String::from_utf8_lossy(a.key.as_ref()).trim().to_string();
        let value = a
            .unescape_value()
            .map(|v| v.into_owned())
            .unwrap_or_else(|_| String::from_utf8_lossy(&a.value).into_owned());
        out.push((key, value));
    }
    Ok(out)
}

fn get<'a>(a: &'a [(String, String)], k: &str) -> Option<&'a str> {
    a.iter()
        .find(|(x, _)| x.eq_ignore_ascii_case(k))
        .map(|(_, v)| v.as_str())
}

impl ValidationFile {
    /// Reads a validation file's text; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<ValidationFile, ValidationError> {
        let lines = Lines::of(text);
        let mut r = Reader::from_str(text);
        r.config_mut().check_end_names = true;
        let mut out = ValidationFile::default();
        let mut path: Vec<(String, usize)> = Vec::new();
        let mut rec: Option<Record> = None;
        let mut events: Vec<Triple> = Vec::new();
        let mut none = false;
        let mut error: Option<String> = None;
        let mut buf_text = String::new();
        loop {
            let pos = r.buffer_position() as usize;
            let ev = r.read_event().map_err(|e| ValidationError::Xml {
                file: file.into(),
                line: lines.line_of(r.error_position() as usize),
                message: e.to_string(),
            })?;
            let line = lines.line_of(pos);
            match ev {
                Event::Start(ref e) | Event::Empty(ref e) => {
                    let is_start = matches!(ev, Event::Start(_));
                    let name = String::from_utf8_lossy(e.name().as_ref()).to_string();
                    let a = attrs(e, file, line)?;
                    match name.as_str() {
                        "Sentence" => {
                            let id = get(&a, "id").unwrap_or("?").to_string();
                            let bad = |message: String| ValidationError::Record {
                                file: file.into(),
                                line,
                                id: id.clone(),
                                message,
                            };
                            let d = get(&a, "date").ok_or_else(|| bad("no date attribute".into()))?;
                            let date = NaiveDate::parse_from_str(d.trim(), "%Y%m%d")
                                .map_err(|_| bad(format!("impossible date {d:?} (want YYYYMMDD)")))?;
                            rec = Some(Record {
                                id: id.clone(),
                                category: get(&a, "category").unwrap_or("").to_string(),
                                date,
                                expected: Expected::NoEvents,
                                text: String::new(),
                                parse: None,
                                line,
                            });
                            events.clear();
                            none = false;
                            error = None;
                        }
                        "EventCoding" => {
                            if get(&a, "noevents").is_some() {
                                none = true;
                            } else if let Some(e) = get(&a, "error") {
                                error = Some(e.to_string());
                            } else {
                                let f = |k: &str| get(&a, k).unwrap_or("").to_string();
                                events.push((f("sourcecode"), f("targetcode"), f("eventcode")));
                            }
                        }
                        "Config" => {
                            if let (Some(o), Some(v)) = (get(&a, "option"), get(&a, "value")) {
                                out.entries.push(Entry::Config(o.to_string(), v.to_string()));
                            }
                        }
                        _ => {}
                    }
                    if is_start {
                        path.push((name, line));
                    }
                    buf_text.clear();
                }
                Event::Text(t) => {
                    let s = t.unescape().map(|c| c.into_owned()).unwrap_or_default();
                    buf_text.push_str(&s);
                }
                Event::CData(t) => buf_text.push_str(&String::from_utf8_lossy(&t)),
                Event::End(e) => {
                    let name = String::from_utf8_lossy(e.name().as_ref()).to_string();
                    let body = std::mem::take(&mut buf_text);
                    match name.as_str() {
                        "Verbfile" => out.environment.verbs.push(body.trim().to_string()),
                        "Actorfile" => out.environment.actors.push(body.trim().to_string()),
                        "Agentfile" => out.environment.agents.push(body.trim().to_string()),
                        "Discardfile" => out.environment.discards.push(body.trim().to_string()),
                        "Text" => {
                            if let Some(r) = rec.as_mut() {
                                r.text = body.split_whitespace().collect::<Vec<_>>().join(" ");
                            }
                        }
                        "Parse" => {
                            if let Some(r) = rec.as_mut() {
                                r.parse = Some(body.trim().to_string());
                            }
                        }
                        "Sentence" => {
                            if let Some(mut r) = rec.take() {
                                r.expected = if let Some(e) = error.take() {
                                    Expected::Error(e)
                                } else if none || events.is_empty() {
                                    Expected::NoEvents
                                } else {
                                    Expected::Events(std::mem::take(&mut events))
                                };
                                out.entries.push(Entry::Record(r));
                            }
                        }
                        _ => {}
                    }
                    path.pop();
                }
                Event::Eof => {
                    if let Some((name, opened)) = path.last() {
                        return Err(ValidationError::Xml {
                            file: file.into(),
                            line: lines.line_of(text.len()),
                            message: format!("the file ends inside <{name}> opened at line {opened} (truncated?)"),
                        });
                    }
                    break;
                }
                _ => {}
            }
        }
        Ok(out)
    }

    /// The records, in order.
    pub fn records(&self) -> impl Iterator<Item = &Record> {
        self.entries.iter().filter_map(|e| match e {
            Entry::Record(r) => Some(r),
            Entry::Config(..) => None,
        })
    }
}

/// How one record came out.
#[derive(Clone, Debug, Serialize)]
pub struct Outcome {
    /// The record's id.
    pub id: String,
    /// Its category.
    pub category: String,
    /// True when the produced triples equal the expected ones.
    pub passed: bool,
    /// Expected triples (empty for no events).
    pub expected: Vec<Triple>,
    /// Produced triples.
    pub produced: Vec<Triple>,
    /// Why it failed, for a reader.
    pub why: Vec<String>,
    /// For a failing record, how the sentence was read: the parse used and its linear form
    /// with phrase codes (empty for a record that passed).
    pub reading: String,
}

/// Totals over a run.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Summary {
    /// Records run.
    pub records: usize,
    /// Records passed.
    pub passed: usize,
    /// Records failed.
    pub failed: usize,
    /// Expected events.
    pub expected_events: usize,
    /// Expected events produced.
    pub found_events: usize,
    /// Events produced.
    pub produced_events: usize,
    /// found / produced.
    pub precision: f64,
    /// found / expected.
    pub recall: f64,
}

/// Applies a `<Config>` line; returns false for an option dyad does not know.
pub fn apply_config(opt: &mut CodingOptions, option: &str, value: &str) -> bool {
    let n = value.trim().parse::<usize>().ok();
    let flag = !value.to_lowercase().contains("false");
    match option {
        "require_dyad" => opt.require_dyad = flag,
        "new_actor_length" => opt.new_actor_length = n.unwrap_or(0),
        "comma_min" => opt.commas.min = n.unwrap_or(opt.commas.min),
        "comma_max" => opt.commas.max = n.unwrap_or(opt.commas.max),
        "comma_bmin" => opt.commas.bmin = n.unwrap_or(opt.commas.bmin),
        "comma_bmax" => opt.commas.bmax = n.unwrap_or(opt.commas.bmax),
        "comma_emin" => opt.commas.emin = n.unwrap_or(opt.commas.emin),
        "comma_emax" => opt.commas.emax = n.unwrap_or(opt.commas.emax),
        "stop_on_error" => {}
        _ => return false,
    }
    true
}

/// Codes every record (from its text, or from its parse when `use_parse`) and compares.
pub fn run(
    file: &ValidationFile,
    coder: &DictionaryCoder,
    tagger: &Tagger,
    use_parse: bool,
) -> (Vec<Outcome>, Summary) {
    let mut opt = CodingOptions::default();
    let mut outcomes = Vec::new();
    let mut s = Summary::default();
    for entry in &file.entries {
        let r = match entry {
            Entry::Config(o, v) => {
                apply_config(&mut opt, o, v);
                continue;
            }
            Entry::Record(r) => r,
        };
        let mut why = Vec::new();
        let mut tree_used = None;
        // A record is one sentence, parsed whole from its text (without `use_parse` or a
        // parse): one longer than any sentence of an article (which segmentation cuts at this
        // length) is not coded and fails, as the shallow parse's cost grows faster than its
        // length (a fuzzed 61 KB record took seconds).
        let too_long = r.text.len() > MAX_SENTENCE_BYTES && !(use_parse && r.parse.is_some());
        if too_long {
            why.push(format!(
                "text of {} bytes is longer than a sentence may be ({MAX_SENTENCE_BYTES} bytes): not coded",
                r.text.len()
            ));
        }
        let coding = if use_parse {
            match r.parse.as_deref().map(Tree::parse) {
                Some(Ok(tree)) => {
                    let c = coder.code_tree(&r.text, &tree, Some(r.date), &opt);
                    tree_used = Some(tree);
                    Some(c)
                }
                Some(Err(e)) => {
                    why.push(format!("parse not read ({e}): no events"));
                    None
                }
                None => None,
            }
        } else {
            None
        };
        let coding = coding.or_else(|| {
            if use_parse && r.parse.is_some() || too_long {
                return None;
            }
            let is_verb = |w: &str| coder.dicts.is_verb_form(w);
            let tree = super::shallow::parse_with(&r.text, tagger, Some(&is_verb));
            let c = coder.code_tree(&r.text, &tree, Some(r.date), &opt);
            tree_used = Some(tree);
            Some(c)
        });
        let produced: BTreeSet<Triple> = coding
            .as_ref()
            .map(|c| {
                c.events
                    .iter()
                    .map(|e| (e.source.clone(), e.target.clone(), e.code.clone()))
                    .collect()
            })
            .unwrap_or_default();
        let expected: BTreeSet<Triple> = match &r.expected {
            Expected::Events(v) => v.iter().cloned().collect(),
            _ => BTreeSet::new(),
        };
        if let Some(d) = coding.as_ref().and_then(|c| c.discarded.as_ref()) {
            why.push(format!("discarded by {d}"));
        }
        for t in expected.difference(&produced) {
            why.push(format!("missing {} {} {}", t.0, t.1, t.2));
        }
        for t in produced.difference(&expected) {
            let how = coding
                .as_ref()
                .and_then(|c| {
                    c.events
                        .iter()
                        .find(|e| e.source == t.0 && e.target == t.1 && e.code == t.2)
                })
                .map(|e| format!(" (verb {}, {})", e.verb, e.pattern))
                .unwrap_or_default();
            why.push(format!("extra {} {} {}{how}", t.0, t.1, t.2));
        }
        let passed = expected == produced && !too_long;
        // How the sentence was read, shown for failing records only.
        let reading = match (&tree_used, &coding) {
            (Some(t), Some(c)) if !passed => format!("{t}\n{}", super::linear::show(&c.items)),
            _ => String::new(),
        };
        s.records += 1;
        if passed {
            s.passed += 1;
        } else {
            s.failed += 1;
        }
        s.expected_events += expected.len();
        s.produced_events += produced.len();
        s.found_events += expected.intersection(&produced).count();
        outcomes.push(Outcome {
            id: r.id.clone(),
            category: r.category.clone(),
            passed,
            expected: expected.into_iter().collect(),
            produced: produced.into_iter().collect(),
            why: if passed { Vec::new() } else { why },
            reading,
        });
    }
    s.precision = if s.produced_events == 0 {
        1.0
    } else {
        s.found_events as f64 / s.produced_events as f64
    };
    s.recall = if s.expected_events == 0 {
        1.0
    } else {
        s.found_events as f64 / s.expected_events as f64
    };
    (outcomes, s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_counted_as_by_counting_breaks() {
        let text = "a\nbc\n\n d\n";
        let lines = Lines::of(text);
        for offset in 0..=text.len() + 3 {
            let naive = text.as_bytes()[..offset.min(text.len())]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            assert_eq!(lines.line_of(offset), naive, "offset {offset}");
        }
    }

    #[test]
    fn records_of_a_long_file_carry_their_lines_and_a_truncated_end_is_named() {
        let record = |i: usize| {
            format!(
                "<Sentence date=\"20240101\" id=\"r{i}\" category=\"x\">\n<EventCoding sourcecode=\"A\" targetcode=\"B\" eventcode=\"042\"/>\n<Text>\nA visited B.\n</Text>\n</Sentence>\n"
            )
        };
        let body: String = (0..5000).map(record).collect();
        let text = format!("<Sentences>\n{body}</Sentences>\n");
        let v = ValidationFile::parse("v.xml", &text).unwrap();
        let lines: Vec<usize> = v.records().map(|r| r.line).collect();
        assert_eq!(lines.len(), 5000);
        assert!(
            lines.iter().enumerate().all(|(i, &l)| l == 2 + 6 * i),
            "{:?}",
            &lines[..3]
        );
        let cut = &text[..text.len() - "</Sentence>\n</Sentences>\n".len()];
        let e = ValidationFile::parse("v.xml", cut).unwrap_err().to_string();
        assert!(
            e.starts_with(&format!("v.xml:{}: malformed XML", 2 + 6 * 5000 - 1)),
            "{e}"
        );
    }

    #[test]
    fn a_record_longer_than_a_sentence_fails_without_being_parsed() {
        use crate::coder::petrarch::Dictionaries;
        use crate::kb::petrarch::{ActorDictionary, DictionaryFile, LoadOptions, VerbDictionary};
        let o = LoadOptions::lenient();
        let verbs = VerbDictionary::parse("v", b"--- VISIT [042] ---\nVISIT\n- * $ [042]\n", o).unwrap();
        let actors = ActorDictionary::parse("a", b"ARNOR_ [ARN]\nGONDOR_ [GON]\n", o).unwrap();
        let coder = DictionaryCoder::new(Dictionaries::from_parts(&[verbs], &[actors], &[], &[]).unwrap());
        let long = "Arnor visited Gondor and ".repeat(1_000);
        let text = format!(
            "<Sentences>\n<Sentence date=\"20200101\" id=\"long\" category=\"T\"><EventCoding noevents=\"True\"/>\
             <Text>{long}</Text></Sentence>\n</Sentences>\n"
        );
        let file = ValidationFile::parse("v.xml", &text).unwrap();
        let (outcomes, summary) = run(&file, &coder, Tagger::embedded(), false);
        assert_eq!(summary.records, 1);
        let why = outcomes[0].why.join("; ");
        assert!(
            why.starts_with("text of 24999 bytes is longer than a sentence may be (20000 bytes)"),
            "{why}"
        );
    }
}
