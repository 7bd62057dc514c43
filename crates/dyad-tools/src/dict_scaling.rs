//! `dyad-tools dict-scaling`: how coding time per sentence grows with the knowledge base.
//!
//! Codes the same articles, on one thread, with the built-in knowledge base and with the same
//! knowledge base enlarged by synthetic office-holders until it has `factor` times as many
//! names. The synthetic people are ordinary knowledge-base lines (an extra `people/` file read
//! by `KnowledgeBase::from_files`): two- to four-syllable names with a surname variant, real
//! country codes, roles and terms of office, in office on every article date.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{bail, Result};
use dyad::coder::{Coder, PatternSet, EMBEDDED_PATTERNS};
use dyad::ingest::{files, Document};
use dyad::kb::{KnowledgeBase, EMBEDDED_FILES};

use crate::corpus::Rng;

const SYLLABLES: [&str; 48] = [
    "ka", "ri", "mo", "ta", "le", "vi", "na", "so", "da", "mir", "bek", "han", "zo", "lu", "ne", "sa", "ro", "gan",
    "dal", "ves", "ki", "ma", "tor", "el", "an", "ov", "ba", "shi", "ren", "ul", "yan", "go", "fa", "di", "kar", "len",
    "pa", "mu", "ser", "ti", "vo", "ja", "hel", "nor", "ay", "bu", "ze", "quin",
];
const ROLES: [(&str, &str); 6] = [
    ("GOV", "minister"),
    ("GOV", "governor"),
    ("MIL", "army commander"),
    ("OPP", "opposition leader"),
    ("BUS", "chief executive"),
    ("LEG", "member of parliament"),
];

/// A capitalised name of `lo..=hi` syllables.
fn name(rng: &mut Rng, lo: usize, hi: usize) -> String {
    let n = rng.range(lo, hi);
    let mut s: String = (0..n).map(|_| *rng.pick(&SYLLABLES)).collect();
    s[..1].make_ascii_uppercase();
    s
}

/// A `people/` file of `n` synthetic office-holders (see the module documentation).
fn synthetic_people(kb: &KnowledgeBase, n: usize) -> String {
    let mut rng = Rng::new(0x5eed);
    let mut out = String::from("name\tvariants\tcode\trole\tfrom\tuntil\tnote\n");
    for _ in 0..n {
        let (first, last) = (name(&mut rng, 2, 3), name(&mut rng, 2, 4));
        let country = &kb.countries[rng.below(kb.countries.len())].code;
        let (agent, role) = ROLES[rng.below(ROLES.len())];
        let year = 1990 + rng.below(30);
        let _ = writeln!(
            out,
            "{first} {last}\t{last}|{} {last}\t{country}{agent}\t{role}\t{year}-01-01\t-\t-",
            &first[..1]
        );
    }
    out
}

/// Codes every document once; returns (sentences, events, seconds).
fn code_all(coder: &Coder, docs: &[Document]) -> (usize, usize, f64) {
    let t0 = Instant::now();
    let (mut sentences, mut events) = (0, 0);
    for d in docs {
        let coded = coder.code_document(d);
        sentences += coded.sentences;
        events += coded.events.len();
    }
    (sentences, events, t0.elapsed().as_secs_f64())
}

/// Runs the comparison and prints a report.
pub fn run(paths: &[PathBuf], factor: usize, runs: usize) -> Result<()> {
    let files::Expanded {
        files: inputs, errors, ..
    } = files::expand(paths);
    if let Some(e) = errors.first() {
        bail!("{e}");
    }
    let docs: Vec<Document> = inputs
        .iter()
        .map(|p| files::read(p, 64 << 20, true, None).map(|l| l.doc))
        .collect::<Result<_, _>>()?;
    let t0 = Instant::now();
    let small = KnowledgeBase::from_files(EMBEDDED_FILES)?;
    let small_build = t0.elapsed().as_secs_f64();
    // `factor` times the entries and `factor` times the names; each synthetic person brings
    // one entry and about three names (full name, surname, initial + surname).
    let factor = factor.max(1);
    let want = small.lexicon.len() * factor;
    let mut n = ((factor - 1) * entries(&small)).max((want - small.lexicon.len()) / 3);
    let (big, big_build, text) = loop {
        let text = synthetic_people(&small, n);
        let mut files_big = EMBEDDED_FILES.to_vec();
        files_big.push(("people/synthetic.tsv", text.as_str()));
        let t0 = Instant::now();
        let big = KnowledgeBase::from_files(&files_big)?;
        let secs = t0.elapsed().as_secs_f64();
        if big.lexicon.len() >= want {
            break (big, secs, text);
        }
        n += (want - big.lexicon.len()) / 2 + 1;
    };
    let coders = [
        Coder::new(&small, PatternSet::from_files(EMBEDDED_PATTERNS)?),
        Coder::new(&big, PatternSet::from_files(EMBEDDED_PATTERNS)?),
    ];
    println!(
        "knowledge base: built-in {} entries, {} names (built in {:.1} ms); enlarged by {} synthetic people \
         ({} bytes): {} entries, {} names (built in {:.1} ms); {:.2}x the entries, {:.2}x the names",
        entries(&small),
        small.lexicon.len(),
        small_build * 1e3,
        n,
        text.len(),
        entries(&big),
        big.lexicon.len(),
        big_build * 1e3,
        entries(&big) as f64 / entries(&small) as f64,
        big.lexicon.len() as f64 / small.lexicon.len() as f64
    );
    // Warm up both (caches, the tagger's word cache), then alternate and keep the best run.
    let mut best = [f64::INFINITY; 2];
    let mut counts = [(0, 0); 2];
    for _ in 0..runs.max(1) + 1 {
        for (i, c) in coders.iter().enumerate() {
            let (s, e, secs) = code_all(c, &docs);
            counts[i] = (s, e);
            best[i] = best[i].min(secs);
        }
    }
    for (i, label) in ["built-in", "enlarged"].iter().enumerate() {
        let (s, e) = counts[i];
        println!(
            "{label}: {} articles, {s} sentences, {e} events; best of {runs}: {:.3} s, {:.2} µs per sentence, \
             {:.0} articles/s",
            docs.len(),
            best[i],
            best[i] * 1e6 / s as f64,
            docs.len() as f64 / best[i]
        );
    }
    let per = |i: usize| best[i] / counts[i].0 as f64;
    println!("time per sentence, enlarged / built-in: {:.3}", per(1) / per(0));
    Ok(())
}

fn entries(kb: &KnowledgeBase) -> usize {
    kb.countries.len() + kb.organisations.len() + kb.people.len() + kb.agents.len() + kb.places.len() + kb.blocked.len()
}
