//! `dyad`: code international news into CAMEO event data.

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use dyad::coder::Coder;
use dyad::event::{Event, TSV_HEADER};
use dyad::ingest::{decode, DateSource, Document};
use dyad::text::Span;
use rayon::prelude::*;
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "dyad",
    version,
    about = "Code international news into CAMEO event data, from raw text"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Jsonl,
    Tsv,
}

#[derive(Subcommand)]
enum Command {
    /// Code articles (files, folders, or - for stdin) and write events to stdout.
    Code {
        /// Files or folders of articles; `-` reads one article from stdin.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Publication date for articles that carry none (YYYY-MM-DD).
        #[arg(long)]
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
        /// Do not print warnings.
        #[arg(long, short)]
        quiet: bool,
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
        #[arg(long)]
        date: Option<NaiveDate>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Code {
            paths,
            date,
            format,
            lossy,
            threads,
            max_mib,
            quiet,
        } => code(
            &paths,
            date,
            format,
            lossy,
            threads,
            max_mib.saturating_mul(1 << 20),
            quiet,
        ),
        Command::Explain { text, date, article } => explain(&text, date, article).map(|_| true),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("dyad: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// An input: a file path or stdin.
enum Input {
    File(PathBuf),
    Stdin,
}

impl Input {
    fn name(&self) -> String {
        match self {
            Input::File(p) => p.display().to_string(),
            Input::Stdin => "-".into(),
        }
    }
}

/// Expands folders (recursively, sorted, hidden files skipped) into files.
fn expand(paths: &[PathBuf], errors: &mut Vec<String>) -> Vec<Input> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Input::Stdin);
        } else if p.is_dir() {
            let mut files = Vec::new();
            walk(p, &mut files, errors);
            files.sort();
            out.extend(files.into_iter().map(Input::File));
        } else if p.exists() {
            out.push(Input::File(p.clone()));
        } else {
            errors.push(format!("{}: no such file or folder", p.display()));
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, errors: &mut Vec<String>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(format!("{}: {e}", dir.display()));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if path.is_dir() {
            walk(&path, out, errors);
        } else {
            out.push(path);
        }
    }
}

/// Reads, decodes and codes one input.
fn code_one(
    coder: &Coder,
    input: &Input,
    date: Option<NaiveDate>,
    lossy: bool,
    max: u64,
) -> Result<(Vec<Event>, Vec<String>)> {
    let name = input.name();
    let bytes = match input {
        Input::File(p) => {
            let len = std::fs::metadata(p).with_context(|| name.clone())?.len();
            if len > max {
                bail!("{name}: {len} bytes is more than the limit of {max} bytes (raise it with --max-mib)");
            }
            std::fs::read(p).with_context(|| name.clone())?
        }
        Input::Stdin => {
            let mut b = Vec::new();
            io::stdin().take(max + 1).read_to_end(&mut b).context("reading stdin")?;
            if b.len() as u64 > max {
                bail!("-: stdin is more than the limit of {max} bytes (raise it with --max-mib)");
            }
            b
        }
    };
    let decoded = decode(&bytes, &name, lossy)?;
    let doc = Document::parse(&name, decoded.text, date);
    let mut warnings = decoded.warnings;
    warnings.extend(doc.warnings.iter().cloned());
    let events = coder.code(&doc);
    Ok((events, warnings))
}

fn code(
    paths: &[PathBuf],
    date: Option<NaiveDate>,
    format: Format,
    lossy: bool,
    threads: Option<usize>,
    max: u64,
    quiet: bool,
) -> Result<bool> {
    if let Some(n) = threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .context("setting up threads")?;
    }
    let mut errors = Vec::new();
    let inputs = expand(paths, &mut errors);
    for e in &errors {
        eprintln!("dyad: error: {e}");
    }
    let coder = Coder::embedded();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if matches!(format, Format::Tsv) {
        writeln!(out, "{TSV_HEADER}")?;
    }
    let mut failed = !errors.is_empty();
    // Code in parallel, in batches, and write in input order.
    for batch in inputs.chunks(256) {
        let results: Vec<Result<(Vec<Event>, Vec<String>)>> = batch
            .par_iter()
            .map(|i| code_one(&coder, i, date, lossy, max))
            .collect();
        for r in results {
            match r {
                Ok((events, warnings)) => {
                    if !quiet {
                        for w in warnings {
                            eprintln!("dyad: warning: {w}");
                        }
                    }
                    for e in events {
                        match format {
                            Format::Jsonl => {
                                serde_json::to_writer(&mut out, &e)?;
                                out.write_all(b"\n")?;
                            }
                            Format::Tsv => writeln!(out, "{}", e.tsv_row())?,
                        }
                    }
                }
                Err(e) => {
                    failed = true;
                    eprintln!("dyad: error: {e:#}");
                }
            }
        }
    }
    match out.flush() {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {}
        r => r?,
    }
    Ok(!failed)
}

fn explain(text: &str, date: Option<NaiveDate>, article: bool) -> Result<()> {
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
            dateline: None,
            date: Some(date),
            date_source: DateSource::Given,
            warnings: vec![],
        }
    };
    let coder = Coder::embedded();
    let mut out = io::stdout().lock();
    if article {
        writeln!(
            out,
            "article {} dated {} ({:?})\n",
            doc.id,
            doc.date.map(|d| d.to_string()).unwrap_or("-".into()),
            doc.date_source
        )?;
    }
    let mut memory = dyad::coder::Memory::default();
    for s in coder.sentences(&doc) {
        writeln!(out, "{}", coder.explain(&doc, &s, &mut memory))?;
    }
    Ok(())
}
