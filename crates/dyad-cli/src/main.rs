//! `dyad`: code international news into CAMEO event data.

use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use dyad::coder::petrarch::{CodingOptions, Dictionaries, DictionaryCoder, DictionaryPaths};
use dyad::coder::Coder;
use dyad::event::{Event, TSV_HEADER};
use dyad::ingest::{decode, files, DateSource, Document};
use dyad::kb::petrarch::LoadOptions;
use dyad::kb::KnowledgeBase;
use dyad::text::tagger::Tagger;
use dyad::text::Span;
use rayon::prelude::*;
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod hints;
mod serve_cmd;
mod store_cmd;
mod validate_cmd;
mod watch_cmd;

/// mimalloc instead of the system allocator: coding allocates many small, short-lived strings
/// and vectors per sentence, which glibc malloc serves markedly slower (see BENCHMARKS.md).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "dyad",
    version,
    about = "Code international news into CAMEO event data, from raw text"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Print only errors: no warnings, progress, summaries or notes on stderr.
    #[arg(long, short, global = true)]
    quiet: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// One JSON event per line (CAMEO with its PLOVER coding).
    Jsonl,
    /// One tab-separated CAMEO event per line, with a header.
    Tsv,
    /// One JSON PLOVER event per line in POLECAT's shape (compound actors as lists).
    Plover,
}

/// The format of standard input (`--stdin-format`).
#[derive(Clone, Copy, ValueEnum)]
enum StdinFormat {
    Text,
    Json,
    Jsonl,
    Html,
    Rss,
    Warc,
}

impl StdinFormat {
    fn format(self) -> dyad::ingest::formats::Format {
        match self {
            StdinFormat::Text => dyad::ingest::formats::Format::Text,
            StdinFormat::Json => dyad::ingest::formats::Format::Json,
            StdinFormat::Jsonl => dyad::ingest::formats::Format::JsonLines,
            StdinFormat::Html => dyad::ingest::formats::Format::Html,
            StdinFormat::Rss => dyad::ingest::formats::Format::Feed,
            StdinFormat::Warc => dyad::ingest::formats::Format::Warc,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Code articles (files, folders, or - for stdin) and write events to stdout.
    Code {
        /// Files or folders of articles; `-` reads one article from stdin.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Publication date for articles that carry none (YYYY-MM-DD).
        #[arg(long, value_parser = publication_date)]
        date: Option<NaiveDate>,
        /// Output format.
        #[arg(long, value_enum, default_value = "jsonl")]
        format: Format,
        /// Replace invalid UTF-8 with U+FFFD (with a warning) instead of rejecting the file.
        #[arg(long)]
        lossy: bool,
        /// Worker threads (default: all cores).
        #[arg(long)]
        threads: Option<usize>,
        /// Largest input file accepted, in MiB.
        #[arg(long, default_value_t = 64)]
        max_mib: u64,
        /// Print a summary to stderr at the end: articles, sentences, events, time, rates.
        #[arg(long)]
        stats: bool,
        /// The format of `-` (standard input): text, json (one article), jsonl (one per line),
        /// html (a page), rss (an RSS or Atom feed), warc (a web archive). Gzip-compressed input
        /// is recognised and decompressed.
        #[arg(long, value_enum, default_value = "text")]
        stdin_format: StdinFormat,
        /// Also emit negated acts ("did not attend") and possible or conditional ones ("could
        /// impose"), with mood `negated`/`hypothetical` and PLOVER's auxiliary mode: PLOVER
        /// users want them, CAMEO users do not.
        #[arg(long)]
        aux: bool,
        #[command(flatten)]
        dicts: DictArgs,
        #[command(flatten)]
        kb: KbArgs,
    },
    /// Show how dyad reads text: tokens, tags, phrases, clauses, actors, events per sentence.
    Explain {
        /// The sentence (or several); `-` reads stdin. With --article, a file to explain whole.
        text: String,
        /// Read TEXT as an article file (title, date header, dateline), carrying context
        /// ("he", "the two sides") from sentence to sentence.
        #[arg(long)]
        article: bool,
        /// Date used for office-holders (YYYY-MM-DD; default today).
        #[arg(long, value_parser = publication_date)]
        date: Option<NaiveDate>,
        /// Explain coding with PETRARCH/TABARI dictionaries instead: the parse dyad builds,
        /// the linear form with each phrase's code, each event's pattern and entries.
        #[command(flatten)]
        dicts: DictArgs,
        #[command(flatten)]
        kb: KbArgs,
    },
    /// Run PETRARCH validation records (XML) and compare dyad's events with the expected ones.
    Validate(validate_cmd::ValidateOptions),
    /// Work with knowledge-base files of your own (`--kb DIR` on the commands that code).
    #[command(subcommand)]
    Kb(KbCommand),
    #[command(flatten)]
    Store(store_cmd::StoreCommand),
    /// Serve a web dashboard and a JSON API over a store (see /api/openapi.json).
    Serve(serve_cmd::ServeArgs),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    let quiet = cli.quiet;
    let result = match cli.command {
        Command::Code {
            paths,
            date,
            format,
            lossy,
            threads,
            max_mib,
            stats,
            stdin_format,
            aux,
            dicts,
            kb,
        } => {
            let max = max_mib.saturating_mul(1 << 20);
            code(
                &paths,
                &CodeOptions {
                    date,
                    format,
                    lossy,
                    threads,
                    max,
                    quiet,
                    stats,
                    stdin_format: stdin_format.format(),
                    aux,
                },
                &dicts,
                &kb,
            )
        }
        Command::Explain {
            text,
            date,
            article,
            dicts,
            kb,
        } => explain(&text, date, article, &dicts, &kb).map(|_| true),
        Command::Validate(o) => validate_cmd::run(&o, quiet),
        Command::Kb(KbCommand::Check { dir }) => kb_check(&dir),
        Command::Store(cmd) => store_cmd::run(cmd, quiet),
        Command::Serve(a) => serve_cmd::run(a),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        // `| head`: the reader has all it wants; end quietly, as Unix tools do.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dyad: error: {}", hints::render(&e));
            ExitCode::FAILURE
        }
    }
}

/// A command line clap refused, in dyad's one error style (`dyad: error: ...` and a hint);
/// help and version go to stdout as usual.
fn usage_error(e: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion)
        || e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    {
        let _ = e.print();
        return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
    }
    let text = e.render().to_string();
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let first = lines.next().unwrap_or("invalid command line");
    let first = first.strip_prefix("error: ").unwrap_or(first);
    let mut out = format!("dyad: error: {first}");
    let mut hint = None;
    for l in lines {
        if l.trim().starts_with("For more information, try ") {
            let command = std::env::args()
                .skip(1)
                .find(|a| !a.starts_with('-'))
                .filter(|a| Cli::command().find_subcommand(a).is_some());
            hint = Some(match command {
                Some(c) => format!("`dyad {c} --help` lists its options"),
                None => "`dyad --help` lists the commands".to_string(),
            });
        } else if let Some(h) = l.trim().strip_prefix("tip: ") {
            hint = Some(h.to_string());
        } else {
            out.push_str("\n  ");
            out.push_str(l.trim());
        }
    }
    if let Some(h) = hint {
        out.push_str(&format!("\n  hint: {h}"));
    }
    eprintln!("{out}");
    ExitCode::from(2)
}

/// Whether an error is a write to a closed pipe (stdout piped to `head`).
pub(crate) fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<serde_json::Error>()
                .and_then(|e| e.io_error_kind())
                .is_some_and(|k| k == io::ErrorKind::BrokenPipe)
            || matches!(c.downcast_ref::<dyad_store::StoreError>(),
                Some(dyad_store::StoreError::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// A knowledge base of the user's own on top of dyad's (`--kb DIR`).
#[derive(clap::Args, Clone, Default)]
pub(crate) struct KbArgs {
    /// Knowledge-base files of your own, on top of dyad's built-in ones: a folder of .tsv files
    /// in the formats of dyad's data/kb/ (countries.tsv, agents.tsv, people/*.tsv...); an entry
    /// replaces the built-in one with the same key (a person's term by name, code and start
    /// date), others are added. Check it first with `dyad kb check DIR`.
    #[arg(long, value_name = "DIR")]
    pub kb: Option<PathBuf>,
}

impl KbArgs {
    /// The knowledge base to code with: the built-in one, or it with the folder on top (read
    /// once and kept for the run).
    pub(crate) fn load(&self) -> Result<&'static KnowledgeBase> {
        match &self.kb {
            None => Ok(KnowledgeBase::embedded()),
            Some(dir) => {
                let kb = KnowledgeBase::with_dir(dir).map_err(|e| {
                    anyhow::anyhow!(
                        "{e}\n  (in the --kb folder; `dyad kb check {}` lists every problem)",
                        dir.display()
                    )
                })?;
                Ok(Box::leak(Box::new(kb)))
            }
        }
    }
}

/// `dyad kb ...`
#[derive(Subcommand)]
enum KbCommand {
    /// Check a folder of knowledge-base files: every bad line with its file and line, and what
    /// the folder adds to and replaces in the built-in knowledge base.
    Check {
        /// The folder (as given to --kb).
        dir: PathBuf,
    },
}

/// `dyad kb check DIR`: false when a problem was found.
fn kb_check(dir: &Path) -> Result<bool> {
    let report = dyad::kb::Overlay::check(dir)?;
    // written, not printed: a closed or full stdout is an error, not a panic
    let mut out = BufWriter::new(io::stdout().lock());
    for p in &report.problems {
        writeln!(out, "{p}")?;
    }
    writeln!(
        out,
        "{} files, {} entries added, {} built-in entries replaced, {} problems",
        report.files.len(),
        report.added,
        report.replaced,
        report.problems.len()
    )?;
    out.flush()?;
    Ok(report.problems.is_empty())
}

/// PETRARCH/TABARI dictionaries to code with (`dyad code`).
#[derive(clap::Args, Clone, Default)]
struct DictArgs {
    /// Code with the PETRARCH/TABARI dictionaries in this folder (verbs, actors, agents,
    /// discards, found by their usual file names) instead of dyad's own knowledge base.
    #[arg(long, value_name = "DIR")]
    dictionaries: Option<PathBuf>,
    /// A verb dictionary (repeatable; added to those of --dictionaries).
    #[arg(long, value_name = "FILE")]
    verbs: Vec<PathBuf>,
    /// An actor dictionary (repeatable).
    #[arg(long, value_name = "FILE")]
    actors: Vec<PathBuf>,
    /// An agent dictionary (repeatable).
    #[arg(long, value_name = "FILE")]
    agents: Vec<PathBuf>,
    /// A discard list (repeatable).
    #[arg(long, value_name = "FILE")]
    discards: Vec<PathBuf>,
    /// Code with the dictionaries on top of dyad's own knowledge base and patterns (events of
    /// both, the same event once).
    #[arg(long)]
    combine: bool,
    /// A bad dictionary line is an error instead of a warning.
    #[arg(long)]
    strict: bool,
}

impl DictArgs {
    fn any(&self) -> bool {
        self.dictionaries.is_some()
            || !self.verbs.is_empty()
            || !self.actors.is_empty()
            || !self.agents.is_empty()
            || !self.discards.is_empty()
    }

    /// Loads and compiles the dictionaries named, reporting load time and warnings.
    fn load(&self, quiet: bool) -> Result<Option<DictionaryCoder>> {
        if !self.any() {
            return Ok(None);
        }
        let started = std::time::Instant::now();
        let mut paths = match &self.dictionaries {
            Some(d) => DictionaryPaths::in_dir(d).with_context(|| format!("cannot read {}", d.display()))?,
            None => DictionaryPaths::default(),
        };
        paths.verbs.extend(self.verbs.iter().cloned());
        paths.actors.extend(self.actors.iter().cloned());
        paths.agents.extend(self.agents.iter().cloned());
        paths.discards.extend(self.discards.iter().cloned());
        if paths.verbs.is_empty() || paths.actors.is_empty() {
            anyhow::bail!("PETRARCH coding needs at least a verb and an actor dictionary (none found; name them with --verbs and --actors)");
        }
        let options = if self.strict {
            LoadOptions::strict()
        } else {
            LoadOptions::lenient()
        };
        let dicts = Dictionaries::load(&paths, options)?;
        if !quiet {
            for w in &dicts.warnings {
                eprintln!("dyad: warning: {w}");
            }
            let (forms, patterns, names, agents) = dicts.sizes();
            eprintln!(
                "dyad: dictionaries: {forms} verb forms, {patterns} patterns, {names} actor names, {agents} agent phrases from {} files in {:.0} ms",
                dicts.files.len(),
                started.elapsed().as_secs_f64() * 1000.0
            );
        }
        Ok(Some(DictionaryCoder::new(dicts)))
    }
}

/// What codes the articles: dyad's own coder, and PETRARCH dictionaries if given.
struct Engine {
    own: Option<Coder<'static>>,
    dicts: Option<DictionaryCoder>,
}

impl Engine {
    fn code_document(&self, doc: &Document) -> dyad::coder::Coded {
        let mut coded = match &self.own {
            Some(c) => c.code_document(doc),
            None => dyad::coder::Coded {
                events: Vec::new(),
                sentences: 0,
            },
        };
        if let Some(d) = &self.dicts {
            let more = d.code_document(doc, Tagger::embedded(), &CodingOptions::default());
            coded.sentences = more.sentences;
            for e in more.events {
                let dup = coded.events.iter().any(|x| {
                    x.sentence == e.sentence
                        && x.source.code == e.source.code
                        && x.target.code == e.target.code
                        && x.cameo == e.cameo
                });
                if !dup {
                    coded.events.push(e);
                }
            }
            coded.events.sort_by_key(|e| e.sentence);
        }
        coded
    }
}

/// Options of `dyad code`.
struct CodeOptions {
    date: Option<NaiveDate>,
    format: Format,
    lossy: bool,
    threads: Option<usize>,
    max: u64,
    quiet: bool,
    stats: bool,
    stdin_format: dyad::ingest::formats::Format,
    aux: bool,
}

/// What one input gave: events, warnings, sentence count, bytes, and whether it had no date.
struct OneResult {
    events: Vec<Event>,
    warnings: Vec<String>,
    sentences: usize,
    bytes: usize,
    undated: bool,
}

/// Reads, decodes and codes one input (a file, or `-` for standard input): one result per
/// article (a `.jsonl` file holds several).
fn code_one(coder: &Engine, input: &Path, o: &CodeOptions, progress: &Progress) -> Vec<Result<OneResult>> {
    let loaded = if input.as_os_str() == "-" {
        let max = o.max;
        let mut b = Vec::new();
        if let Err(e) = io::stdin().take(max + 1).read_to_end(&mut b).context("reading stdin") {
            return vec![Err(e)];
        }
        if b.len() as u64 > max {
            return vec![Err(anyhow::anyhow!(
                "-: stdin is more than the limit of {max} bytes (raise it with --max-mib)"
            ))];
        }
        files::parse_all_as("-", &b, o.stdin_format, o.lossy, o.date, o.max)
    } else {
        files::read_all(input, o.max, o.lossy, o.date)
    };
    // the articles of one file (a JSON-lines file holds thousands) are coded in parallel too
    loaded
        .into_par_iter()
        .map(|l| {
            let loaded = l?;
            let coded = coder.code_document(&loaded.doc);
            progress.article(loaded.bytes, coded.sentences, coded.events.len());
            Ok(OneResult {
                events: coded.events,
                warnings: loaded.warnings,
                sentences: coded.sentences,
                bytes: loaded.bytes,
                undated: loaded.doc.date.is_none(),
            })
        })
        .collect()
}

/// Progress of `dyad code` on stderr when it is a terminal (and not `--quiet`): bytes read
/// of the total, articles, sentences and events so far, rate and time left; nothing otherwise.
struct Progress {
    bar: indicatif::ProgressBar,
    articles: std::sync::atomic::AtomicU64,
    sentences: std::sync::atomic::AtomicU64,
    events: std::sync::atomic::AtomicU64,
}

impl Progress {
    fn new(inputs: &[PathBuf], quiet: bool) -> Progress {
        use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
        use std::io::IsTerminal;
        let shown = !quiet && io::stderr().is_terminal();
        let total: u64 = match shown {
            true => inputs
                .iter()
                .filter_map(|p| std::fs::metadata(p).ok())
                .map(|m| m.len())
                .sum(),
            false => 0,
        };
        let bar = match shown {
            true => ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr()),
            false => ProgressBar::hidden(),
        };
        if let Ok(style) =
            ProgressStyle::with_template("{bar:30} {bytes}/{total_bytes} {msg}, {bytes_per_sec}, ETA {eta}")
        {
            bar.set_style(style);
        }
        Progress {
            bar,
            articles: 0.into(),
            sentences: 0.into(),
            events: 0.into(),
        }
    }

    /// One article coded.
    fn article(&self, bytes: usize, sentences: usize, events: usize) {
        use std::sync::atomic::Ordering::Relaxed;
        if self.bar.is_hidden() {
            return;
        }
        let a = self.articles.fetch_add(1, Relaxed) + 1;
        let s = self.sentences.fetch_add(sentences as u64, Relaxed) + sentences as u64;
        let e = self.events.fetch_add(events as u64, Relaxed) + events as u64;
        self.bar.inc(bytes as u64);
        self.bar.set_message(format!("{a} articles, {s} sentences, {e} events"));
    }
}

/// A `--date` argument: a day in the years dyad dates events from
/// ([`dyad::ingest::document::PUBLICATION_YEARS`]).
pub(crate) fn publication_date(s: &str) -> std::result::Result<NaiveDate, String> {
    let d: NaiveDate = s.trim().parse().map_err(|_| date_format_error(s))?;
    if dyad::ingest::document::publication_date_ok(d) {
        Ok(d)
    } else {
        let years = dyad::ingest::document::PUBLICATION_YEARS;
        Err(format!(
            "{d} is outside the years {}-{} dyad can date events from",
            years.start(),
            years.end()
        ))
    }
}

/// Why a `--date` value is not a date, with the format expected and, for a day written
/// another way ("12/03/2024", "3 Dec 2024"), the ISO forms it may mean.
fn date_format_error(s: &str) -> String {
    let parts: Vec<&str> = s.trim().split(['/', '.', '-']).collect();
    let num = |p: &str| p.parse::<u32>().ok();
    if let [a, b, y] = parts.as_slice() {
        if let (Some(a), Some(b), Some(y)) = (num(a), num(b), num(y)) {
            let ymd = |m: u32, d: u32| NaiveDate::from_ymd_opt(y as i32, m, d).filter(|_| y >= 1000);
            let mut meant: Vec<String> = [ymd(b, a), ymd(a, b)]
                .into_iter()
                .flatten()
                .map(|d| d.to_string())
                .collect();
            meant.dedup();
            if !meant.is_empty() {
                return format!(
                    "not a date in the form YYYY-MM-DD; write {} (day and month order is ambiguous in {s:?})",
                    meant.join(" or ")
                );
            }
        }
    }
    if let Ok(d) =
        NaiveDate::parse_from_str(s.trim(), "%d %b %Y").or_else(|_| NaiveDate::parse_from_str(s.trim(), "%d %B %Y"))
    {
        return format!("not a date in the form YYYY-MM-DD; write {d}");
    }
    "not a date in the form YYYY-MM-DD, such as 2024-03-12".to_string()
}

/// Most worker threads per core: coding is CPU-bound, so more only cost (spawning 100,000 of
/// them took a minute).
const THREADS_PER_CORE: usize = 4;

/// Sets up the worker threads (`--threads`): at least one, at most [`THREADS_PER_CORE`] per
/// core, saying so when it caps the number asked for.
pub(crate) fn set_threads(threads: Option<usize>, quiet: bool) -> Result<()> {
    let Some(asked) = threads else {
        return Ok(());
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let cap = cores.saturating_mul(THREADS_PER_CORE);
    let n = asked.clamp(1, cap);
    if n < asked && !quiet {
        eprintln!(
            "dyad: warning: --threads {asked} is more than {THREADS_PER_CORE} per core ({cores} cores); using {n}"
        );
    }
    rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .build_global()
        .context("setting up threads")
}

/// Expands the input paths, printing errors and (unless `quiet`) warnings; the inputs and
/// whether all paths could be read.
pub(crate) fn expand_inputs(x: files::Expanded, quiet: bool) -> (Vec<PathBuf>, bool) {
    for e in &x.errors {
        eprintln!("dyad: error: {e}");
    }
    if !quiet {
        for w in &x.warnings {
            eprintln!("dyad: warning: {w}");
        }
    }
    (x.files, x.errors.is_empty())
}

fn code(paths: &[PathBuf], o: &CodeOptions, dict_args: &DictArgs, kb: &KbArgs) -> Result<bool> {
    let started = std::time::Instant::now();
    set_threads(o.threads, o.quiet)?;
    let (inputs, all_read) = expand_inputs(files::expand(paths), o.quiet);
    let dicts = dict_args.load(o.quiet)?;
    let own = match dicts.is_none() || dict_args.combine {
        true => Some(Coder::with_kb(kb.load()?).with_options(dyad::coder::Options {
            aux: o.aux,
            ..Default::default()
        })),
        false => None,
    };
    let coder = Engine { own, dicts };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if matches!(o.format, Format::Tsv) {
        writeln!(out, "{TSV_HEADER}")?;
    }
    let mut failed = !all_read;
    let (mut articles, mut sentences, mut events, mut bytes) = (0usize, 0usize, 0usize, 0usize);
    let mut undated = 0usize;
    let progress = Progress::new(&inputs, o.quiet);
    // Code in parallel, in batches, and write in input order.
    for batch in inputs.chunks(256) {
        let results: Vec<Vec<Result<OneResult>>> =
            batch.par_iter().map(|i| code_one(&coder, i, o, &progress)).collect();
        for r in results.into_iter().flatten() {
            match r {
                Ok(one) => {
                    articles += 1;
                    sentences += one.sentences;
                    events += one.events.len();
                    bytes += one.bytes;
                    undated += usize::from(one.undated);
                    if !o.quiet {
                        for w in one.warnings {
                            progress.bar.suspend(|| eprintln!("dyad: warning: {w}"));
                        }
                    }
                    if matches!(o.format, Format::Plover) {
                        for r in dyad::ontology::plover::records(&one.events) {
                            serde_json::to_writer(&mut out, &r)?;
                            out.write_all(b"\n")?;
                        }
                    }
                    for e in one.events {
                        match o.format {
                            Format::Jsonl => {
                                serde_json::to_writer(&mut out, &e)?;
                                out.write_all(b"\n")?;
                            }
                            Format::Tsv => writeln!(out, "{}", e.tsv_row())?,
                            Format::Plover => {}
                        }
                    }
                }
                Err(e) => {
                    failed = true;
                    progress.bar.suspend(|| eprintln!("dyad: error: {}", hints::render(&e)));
                }
            }
        }
    }
    progress.bar.finish_and_clear();
    match out.flush() {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        r => r?,
    }
    if undated > 0 && !o.quiet {
        eprintln!("dyad: hint: {undated} articles had no publication date; give them one with --date YYYY-MM-DD");
    }
    if o.stats {
        let secs = started.elapsed().as_secs_f64().max(1e-9);
        eprintln!(
            "dyad: {articles} articles, {sentences} sentences, {events} events ({:.1} per article) in {secs:.3} s: \
             {:.0} articles/s, {:.0} sentences/s, {:.2} MB/s",
            events as f64 / articles.max(1) as f64,
            articles as f64 / secs,
            sentences as f64 / secs,
            bytes as f64 / 1e6 / secs
        );
    }
    Ok(!failed)
}

fn explain(text: &str, date: Option<NaiveDate>, article: bool, dict_args: &DictArgs, kb: &KbArgs) -> Result<()> {
    let doc = if article {
        let bytes = std::fs::read(text).with_context(|| text.to_string())?;
        let decoded = decode(&bytes, text, false)?;
        let today = chrono::Local::now().date_naive();
        Document::parse(text, decoded.text, Some(date.unwrap_or(today)))
    } else {
        let text = if text == "-" {
            let mut s = String::new();
            io::stdin().read_to_string(&mut s).context("reading stdin")?;
            s
        } else {
            text.to_string()
        };
        let date = date.unwrap_or_else(|| chrono::Local::now().date_naive());
        let body = Span::new(0, text.len());
        Document {
            id: "explain".into(),
            text,
            title: None,
            body,
            boilerplate: Vec::new(),
            dateline: None,
            date: Some(date),
            date_source: DateSource::Given,
            warnings: vec![],
        }
    };
    let dicts = dict_args.load(false)?;
    let coder = Coder::with_kb(kb.load()?);
    let mut out = io::stdout().lock();
    if let Some(d) = dicts {
        for report in d.explain_document(&doc, Tagger::embedded(), &CodingOptions::default()) {
            writeln!(out, "{report}")?;
        }
        return Ok(());
    }
    if article {
        writeln!(
            out,
            "article {} dated {} ({:?})\n",
            doc.id,
            doc.date.map(|d| d.to_string()).unwrap_or("-".into()),
            doc.date_source
        )?;
        if let Some(t) = doc.title_text() {
            writeln!(out, "title: {t}")?;
            if let Some(v) = doc.title_view(&[]).filter(|v| v != t) {
                writeln!(out, "title for tagging: {v}")?;
            }
        }
        for b in &doc.boilerplate {
            writeln!(out, "not coded ({:?}): {}", b.kind, b.span.of(&doc.text))?;
        }
        writeln!(out)?;
    }
    for report in coder.explain_document(&doc) {
        writeln!(out, "{report}")?;
    }
    // where each event happened (dyad::geo::locate), and the place names the gazetteer sees
    let coded = coder.code_document(&doc);
    if !coded.events.is_empty() {
        writeln!(out, "\nplaces:")?;
        for e in &coded.events {
            let at = e.location.as_ref().map_or_else(
                || "no location (no place named where it happened)".to_string(),
                store_cmd::place_line,
            );
            writeln!(
                out,
                "  sentence {} {} {} {}: {at}",
                e.sentence,
                e.source.code.as_deref().unwrap_or("-"),
                e.cameo,
                e.target.code.as_deref().unwrap_or("-")
            )?;
        }
    }
    Ok(())
}
