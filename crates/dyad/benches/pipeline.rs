//! Per-stage benchmarks of the pipeline on a generated corpus of realistic articles.
//!
//! The corpus comes from the generator of `dyad-tools gen-corpus` (included below, so the bench
//! and `scripts/bench.sh` code the same text), generated in memory at setup: seed 1, the first
//! [`ARTICLES`] articles (about 5 KB each). Every stage reports throughput in bytes of article
//! text, so the stages compare directly; the counts of sentences and tokens are printed at setup
//! to turn MB/s into tokens/s.
//!
//! ```text
//! CARGO_TARGET_DIR=/tmp/target-bench cargo bench -p dyad --bench pipeline
//! CARGO_TARGET_DIR=/tmp/target-bench cargo bench -p dyad --bench pipeline -- tag   # one stage
//! ```
//!
//! Stages (group `stage`): `decode+parse` (bytes → `Document`), `segment+tokenize`, `tag`
//! (tokens → Penn tags, words pre-split), `lexicon` (names in each tokenized sentence),
//! `analyze` (segment + tokenize + tag, as the coder runs them) and `code` (the whole coder on
//! parsed documents). Group `startup`: building the knowledge base and its automaton, the
//! patterns and the tagger model from the embedded data — what every process pays once.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dyad::coder::{Coder, PatternSet, EMBEDDED_PATTERNS};
use dyad::ingest::{decode, Document};
use dyad::kb::{KnowledgeBase, EMBEDDED_FILES};
use dyad::text::tagger::Tagger;
use dyad::text::{analyze, segment, token, Span};
use std::hint::black_box;
use std::time::Duration;

#[allow(dead_code, unused_imports)]
#[path = "../../dyad-tools/src/corpus.rs"]
mod corpus;

/// Articles in the benchmark corpus (about 0.5 MB).
const ARTICLES: usize = 100;

/// The tagger model, as embedded in the library.
static TAGGER_MODEL: &[u8] = include_bytes!("../../../data/tagger/tagger.bin");

/// The corpus, decoded and parsed once, with its sentences and tokens.
struct Prepared {
    raw: Vec<(String, Vec<u8>)>,
    docs: Vec<Document>,
    /// Per document: per sentence, its token spans.
    tokens: Vec<Vec<Vec<Span>>>,
    bytes: u64,
}

fn prepare() -> Prepared {
    let raw: Vec<(String, Vec<u8>)> = corpus::generate(1, ARTICLES)
        .into_iter()
        .map(|a| (a.name, a.text.into_bytes()))
        .collect();
    let bytes = raw.iter().map(|(_, b)| b.len() as u64).sum();
    let docs: Vec<Document> = raw.iter().map(|(n, b)| parse(n, b)).collect();
    let tokens: Vec<Vec<Vec<Span>>> = docs
        .iter()
        .map(|d| {
            segment::sentences(&d.text, d.body)
                .into_iter()
                .map(|s| {
                    let mut out = Vec::new();
                    token::tokenize(&d.text, s.span, &mut out);
                    out
                })
                .collect()
        })
        .collect();
    let sentences: usize = tokens.iter().map(Vec::len).sum();
    let toks: usize = tokens.iter().flatten().map(Vec::len).sum();
    eprintln!(
        "corpus: {ARTICLES} articles (seed 1), {bytes} bytes, {sentences} sentences, {toks} tokens \
         ({:.0} bytes/token)",
        bytes as f64 / toks as f64
    );
    Prepared {
        raw,
        docs,
        tokens,
        bytes,
    }
}

fn parse(name: &str, bytes: &[u8]) -> Document {
    let decoded = decode(bytes, name, false).expect("generated articles are UTF-8");
    Document::parse(name, decoded.text, None)
}

fn stages(c: &mut Criterion) {
    let p = prepare();
    let tagger = Tagger::embedded();
    let kb = KnowledgeBase::embedded();
    let coder = Coder::embedded();
    let mut g = c.benchmark_group("stage");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .throughput(Throughput::Bytes(p.bytes));

    g.bench_function("decode+parse", |b| {
        b.iter(|| {
            for (n, bytes) in &p.raw {
                black_box(parse(n, bytes));
            }
        })
    });

    g.bench_function("segment+tokenize", |b| {
        let mut spans = Vec::new();
        b.iter(|| {
            let mut n = 0;
            for d in &p.docs {
                for s in segment::sentences(&d.text, d.body) {
                    spans.clear();
                    token::tokenize(&d.text, s.span, &mut spans);
                    n += spans.len();
                }
            }
            black_box(n)
        })
    });

    let words: Vec<Vec<&str>> = p
        .docs
        .iter()
        .zip(&p.tokens)
        .flat_map(|(d, sents)| sents.iter().map(|s| s.iter().map(|t| t.of(&d.text)).collect()))
        .collect();
    g.bench_function("tag", |b| {
        b.iter(|| {
            for w in &words {
                black_box(tagger.tag(w));
            }
        })
    });

    g.bench_function("lexicon", |b| {
        b.iter(|| {
            for (d, sents) in p.docs.iter().zip(&p.tokens) {
                for s in sents {
                    black_box(kb.lexicon.find(&d.text, s));
                }
            }
        })
    });

    g.bench_function("analyze", |b| {
        b.iter(|| {
            for d in &p.docs {
                black_box(analyze(&d.text, d.body, tagger));
            }
        })
    });

    g.bench_function("code", |b| {
        b.iter(|| {
            for d in &p.docs {
                black_box(coder.code(d));
            }
        })
    });
    g.finish();
}

fn startup(c: &mut Criterion) {
    let mut g = c.benchmark_group("startup");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    g.bench_function("knowledge-base", |b| {
        b.iter_with_large_drop(|| KnowledgeBase::from_files(EMBEDDED_FILES).expect("embedded knowledge base"))
    });
    g.bench_function("patterns", |b| {
        b.iter_with_large_drop(|| PatternSet::from_files(EMBEDDED_PATTERNS).expect("embedded patterns"))
    });
    g.bench_function("tagger-model", |b| {
        b.iter_with_large_drop(|| Tagger::from_bytes(TAGGER_MODEL).expect("embedded model"))
    });
    g.finish();
}

criterion_group!(benches, stages, startup);
criterion_main!(benches);
