//! `dyad-tools scaling`: how the cost of each input shape that once grew faster than the input
//! (issue 17, and one found by fuzzing since: a dictionary full of Latin-1) grows now, at
//! doubling sizes.
//!
//! Each shape is built in memory at its base size times 1, 2, 4, 8 (by default), run on one
//! thread (once untimed, then the best of `runs` CPU times of the thread, so other processes
//! on the machine matter little), and reported with the ratio of each size's time to the
//! previous one's and the ratio per doubling over the whole range,
//! `(t_largest / t_smallest)^(1 / doublings)`. Linear is 2 per doubling; a shape passes when
//! that ratio is at most 1.3 × 2 = 2.6 (a quadratic cost gives 4).

use std::fmt::Write as _;
use std::time::Instant;

use anyhow::{bail, Result};
use dyad::coder::petrarch::validate::{self, ValidationFile};
use dyad::coder::petrarch::{Dictionaries, DictionaryCoder};
use dyad::coder::Coder;
use dyad::ingest::{files, formats, Document};
use dyad::kb::petrarch::{ActorDictionary, DictionaryFile, DiscardList, LoadOptions, VerbDictionary};
use dyad::text::tagger::Tagger;

use crate::corpus::{self, Rng};

/// Most a shape's time may grow per doubling of its input and still count as linear.
pub const MAX_RATIO: f64 = 2.6;

/// One input shape: its name, what it is, the unit of its size, its base size, and how to
/// build an input of a size and run it (returning a count that shows the work was done).
struct Shape {
    name: &'static str,
    what: &'static str,
    unit: &'static str,
    base: usize,
    build: fn(&Inputs, usize) -> Input,
    run: fn(&Inputs, &Input) -> usize,
}

/// What the shapes share: the coder, and ordinary news text to cut inputs from.
struct Inputs {
    coder: Coder<'static>,
    /// Article bodies, paragraphs separated by blank lines.
    bodies: Vec<String>,
}

/// A built input.
enum Input {
    Doc(Document),
    Bytes(String, Vec<u8>),
    Verbs(Vec<u8>),
    Discards(Vec<u8>),
}

impl Inputs {
    /// Ordinary text of about `bytes` bytes: article bodies one after another.
    fn text(&self, bytes: usize) -> String {
        let mut out = String::with_capacity(bytes + 4096);
        for body in self.bodies.iter().cycle() {
            if out.len() >= bytes {
                break;
            }
            out.push_str(body);
            out.push_str("\n\n");
        }
        out
    }
}

fn doc(body: &str) -> Document {
    Document::parse("scaling.txt", format!("Scaling\ndate 2024-09-04\n\n{body}\n"), None)
}

fn code(i: &Inputs, input: &Input) -> usize {
    match input {
        Input::Doc(d) => i.coder.code_document(d).sentences,
        _ => 0,
    }
}

const QUOTES: &str = "Turkish Foreign Minister Hakan Fidan said: \"We will respond to Greece. Our country is ready.\" \
                      Then \"Athens must talk,\" he said. ";

/// A small dictionary coder for validation records.
fn record_coder() -> DictionaryCoder {
    let o = LoadOptions::lenient();
    let verbs = VerbDictionary::parse("v", b"--- VISIT [042] ---\nVISIT\n- * $ [042]\n", o).expect("fixed verbs");
    let actors = ActorDictionary::parse("a", b"ARNOR_ [ARN]\nGONDOR_ [GON]\n", o).expect("fixed actors");
    DictionaryCoder::new(Dictionaries::from_parts(&[verbs], &[actors], &[], &[]).expect("fixed dictionaries"))
}

fn shapes() -> Vec<Shape> {
    vec![
        Shape {
            name: "quotes",
            what: "one paragraph full of quotations",
            unit: "bytes",
            base: 500_000,
            build: |_, n| Input::Doc(doc(&QUOTES.repeat(n / QUOTES.len()))),
            run: code,
        },
        Shape {
            name: "text-one-paragraph",
            what: "news text without paragraph breaks",
            unit: "bytes",
            base: 500_000,
            build: |i, n| Input::Doc(doc(&i.text(n).replace("\n\n", " "))),
            run: code,
        },
        Shape {
            name: "text-paragraphs",
            what: "the same text with its paragraph breaks",
            unit: "bytes",
            base: 500_000,
            build: |i, n| Input::Doc(doc(&i.text(n))),
            run: code,
        },
        Shape {
            name: "jsonl-line",
            what: "one JSON-lines article of news text on one line",
            unit: "bytes",
            base: 3_125_000,
            build: |i, n| {
                let text = i.text(n).replace("\n\n", " ");
                let line = format!("{{\"title\": \"Big\", \"date\": \"2024-09-04\", \"text\": {text:?}}}\n");
                Input::Bytes("big.jsonl".into(), line.into_bytes())
            },
            run: |i, input| match input {
                Input::Bytes(name, b) => files::parse_all(name, b, false, None)
                    .into_iter()
                    .flatten()
                    .map(|l| i.coder.code_document(&l.doc).sentences)
                    .sum(),
                _ => 0,
            },
        },
        Shape {
            name: "html-nested",
            what: "an HTML page of nested <div>s (refused before parsing)",
            unit: "divs",
            base: 1_000_000,
            build: |_, n| {
                let page = format!(
                    "<html><body>{}<p>Turkey criticised Greece.</p></body></html>",
                    "<div>".repeat(n)
                );
                Input::Bytes("deep.html".into(), page.into_bytes())
            },
            run: |_, input| match input {
                Input::Bytes(name, b) => {
                    let text = std::str::from_utf8(b).unwrap_or_default();
                    usize::from(formats::html_article(name, text).is_err())
                }
                _ => 0,
            },
        },
        Shape {
            name: "html-deep-wide",
            what: "an HTML page nested 500 deep with many paragraphs and stray end tags",
            unit: "paragraphs",
            base: 10_000,
            build: |_, n| {
                let page = format!(
                    "<html><body>{}{}{}</body></html>",
                    "<div>".repeat(500),
                    "<p>Turkey criticised Greece on Monday.</p></span>".repeat(n),
                    "</div>".repeat(500)
                );
                Input::Bytes("wide.html".into(), page.into_bytes())
            },
            run: |_, input| match input {
                Input::Bytes(name, b) => {
                    let text = std::str::from_utf8(b).unwrap_or_default();
                    formats::html_article(name, text).map_or(0, |p| p.body.len())
                }
                _ => 0,
            },
        },
        Shape {
            name: "validate",
            what: "PETRARCH validation records, read and run",
            unit: "records",
            base: 2_500,
            build: |_, n| {
                let mut xml = String::from(
                    "<Validation><Environment><Verbfile>v</Verbfile><Actorfile>a</Actorfile></Environment><Sentences>\n",
                );
                for k in 0..n {
                    let _ = write!(
                        xml,
                        "<Sentence date=\"20200101\" id=\"R-{k}\" category=\"T\">\n\
                         <EventCoding sourcecode=\"ARN\" targetcode=\"GON\" eventcode=\"042\"></EventCoding>\n\
                         <Text>\nArnor visited Gondor on Monday.\n</Text>\n</Sentence>\n"
                    );
                }
                xml.push_str("</Sentences></Validation>\n");
                Input::Bytes("records.xml".into(), xml.into_bytes())
            },
            run: |_, input| match input {
                Input::Bytes(name, b) => {
                    let text = std::str::from_utf8(b).unwrap_or_default();
                    let Ok(file) = ValidationFile::parse(name, text) else {
                        return 0;
                    };
                    validate::run(&file, &record_coder(), Tagger::embedded(), false)
                        .1
                        .records
                }
                _ => 0,
            },
        },
        Shape {
            name: "synset-member",
            what: "a verb dictionary with one long synset member, read and compiled",
            unit: "bytes",
            base: 500_000,
            build: |_, n| {
                let mut rng = Rng::new(3);
                let mut member = String::new();
                while member.len() < n {
                    let _ = write!(member, "W{} ", rng.below(100_000));
                }
                Input::Verbs(
                    format!("&LONG\n+{member}\n+SHORT\n\n--- VISIT [042] ---\nVISIT\n- * &LONG [042]\n").into_bytes(),
                )
            },
            run: |_, input| match input {
                Input::Verbs(b) => VerbDictionary::parse("v", b, LoadOptions::lenient())
                    .ok()
                    .and_then(|v| Dictionaries::from_parts(&[v], &[], &[], &[]).ok())
                    .map_or(0, |d| d.sizes().1),
                _ => 0,
            },
        },
        Shape {
            name: "latin1-dictionary",
            what: "a discard list in Latin-1 (an invalid UTF-8 byte on every line), read leniently",
            unit: "bytes",
            base: 1_000_000,
            build: |_, n| {
                let mut bytes = Vec::with_capacity(n + 64);
                let mut k = 0;
                while bytes.len() < n {
                    // "CAFÉ" with É in Latin-1: a byte that is not UTF-8
                    bytes.extend_from_slice(b"CAF\xC9");
                    bytes.extend_from_slice(format!("{k}\n").as_bytes());
                    k += 1;
                }
                Input::Discards(bytes)
            },
            run: |_, input| match input {
                Input::Discards(b) => DiscardList::parse("d", b, LoadOptions::lenient()).map_or(0, |l| l.entries.len()),
                _ => 0,
            },
        },
        Shape {
            name: "numbered-discards",
            what: "a discard list of numbered phrases (many ending inside others), compiled",
            unit: "phrases",
            base: 70_000,
            build: |_, n| Input::Discards((0..n).map(|k| format!("CAFE{k}\n")).collect::<String>().into_bytes()),
            run: |_, input| match input {
                Input::Discards(b) => DiscardList::parse("d", b, LoadOptions::lenient())
                    .ok()
                    .and_then(|l| Dictionaries::from_parts(&[], &[], &[], &[l]).ok())
                    .map_or(0, |d| d.sizes().0 + 1),
                _ => 0,
            },
        },
        Shape {
            name: "discards",
            what: "a discard list, read and compiled into its matcher",
            unit: "bytes",
            base: 500_000,
            build: |_, n| {
                let mut rng = Rng::new(5);
                let mut text = String::new();
                while text.len() < n {
                    let _ = writeln!(
                        text,
                        "W{} W{} W{}",
                        rng.below(100_000),
                        rng.below(100_000),
                        rng.below(100_000)
                    );
                }
                Input::Discards(text.into_bytes())
            },
            run: |_, input| match input {
                Input::Discards(b) => DiscardList::parse("d", b, LoadOptions::lenient())
                    .ok()
                    .and_then(|l| Dictionaries::from_parts(&[], &[], &[], &[l]).ok())
                    .map_or(0, |d| d.sizes().0 + 1),
                _ => 0,
            },
        },
    ]
}

/// CPU time of the calling thread, in seconds (wall time where that is not available).
fn thread_seconds() -> f64 {
    #[cfg(unix)]
    {
        let mut t = libc::timespec { tv_sec: 0, tv_nsec: 0 };
        // SAFETY: clock_gettime writes the timespec it is given and nothing else.
        if unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) } == 0 {
            return t.tv_sec as f64 + t.tv_nsec as f64 * 1e-9;
        }
    }
    static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_secs_f64()
}

/// The ratio per doubling from the smallest to the largest time.
fn per_doubling(times: &[f64]) -> f64 {
    let (first, last) = (times[0].max(1e-9), times[times.len() - 1].max(1e-9));
    (last / first).powf(1.0 / (times.len() - 1) as f64)
}

/// Measures `only` (every shape when empty) at `doublings + 1` sizes, the base size times
/// `scale`, best of `runs`; prints a table. An error when a shape is not linear.
pub fn run(only: &[String], doublings: usize, scale: f64, runs: usize) -> Result<()> {
    let all = shapes();
    for name in only {
        if !all.iter().any(|s| s.name == name) {
            let names: Vec<&str> = all.iter().map(|s| s.name).collect();
            bail!("no shape {name}; the shapes are {}", names.join(", "));
        }
    }
    let inputs = Inputs {
        coder: Coder::embedded(),
        bodies: corpus::generate(1, 400)
            .into_iter()
            .filter_map(|a| a.text.split_once("\n\n").map(|(_, body)| body.trim().to_string()))
            .collect(),
    };
    // warm-up: the tagger, knowledge base and patterns are loaded on first use
    inputs.coder.code_document(&doc(&inputs.text(20_000)));
    let mut failed = Vec::new();
    for shape in all
        .iter()
        .filter(|s| only.is_empty() || only.iter().any(|o| o == s.name))
    {
        let mut times = Vec::new();
        let mut sizes = Vec::new();
        for k in 0..=doublings {
            let n = ((shape.base as f64 * scale) as usize).max(1) << k;
            let input = (shape.build)(&inputs, n);
            let mut work = (shape.run)(&inputs, &input);
            let mut best = f64::INFINITY;
            for _ in 0..runs.max(1) {
                let t0 = thread_seconds();
                work = (shape.run)(&inputs, &input);
                best = best.min(thread_seconds() - t0);
            }
            if work == 0 {
                bail!(
                    "{}: the run at {n} {} did nothing (a broken shape)",
                    shape.name,
                    shape.unit
                );
            }
            sizes.push(n);
            times.push(best);
        }
        let ratio = per_doubling(&times);
        let verdict = if ratio <= MAX_RATIO { "linear" } else { "NOT LINEAR" };
        let row = |cells: Vec<String>| cells.iter().map(|c| format!("{c:>10}")).collect::<String>();
        println!("{}: {}", shape.name, shape.what);
        println!(
            "  {:<10}{}",
            shape.unit,
            row(sizes.iter().map(|n| n.to_string()).collect())
        );
        println!(
            "  {:<10}{}",
            "seconds",
            row(times.iter().map(|t| format!("{t:.4}")).collect())
        );
        println!(
            "  {:<10}{:>10}{}   overall {ratio:.2} per doubling: {verdict}",
            "ratio",
            "",
            row(times
                .windows(2)
                .map(|w| format!("{:.2}", w[1] / w[0].max(1e-9)))
                .collect())
        );
        if ratio > MAX_RATIO {
            failed.push(shape.name);
        }
    }
    if !failed.is_empty() {
        bail!("grows faster than its input: {}", failed.join(", "));
    }
    Ok(())
}
