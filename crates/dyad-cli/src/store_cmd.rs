//! The store subcommands: `dyad ingest`, `events`, `actors`, `relations`, `export`, `check`,
//! `dedup`.
//!
//! They read and write an SQLite store (`dyad.db` by default) through the `dyad-store` crate;
//! `--db postgres://...` (or `DYAD_DB`) names a PostgreSQL store instead, which every command
//! serves alike (`dyad_store::open`, `EventSource`). This module only parses arguments and
//! prints.

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};
use dyad_store::export::{event_csv_record, ExportFormat, EVENT_CSV_HEADER};
use dyad_store::query::{ActorSummary, CanonicalEvent, EventSource, Explained, Relations};
use dyad_store::{FoldLevel, IngestOptions, OpenMode, PeriodBy, Report};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;

/// The store subcommands, flattened into `dyad`'s own.
#[derive(Subcommand)]
pub enum StoreCommand {
    /// Watch folders and ingest new and changed files as they arrive (feeds re-read: new items
    /// only), logging one line per batch; restarting it loses and repeats nothing (its state is
    /// in the store). Ctrl-C stops it.
    Watch {
        /// Folders to watch.
        #[arg(required = true)]
        dirs: Vec<PathBuf>,
        /// The store file (created when missing), or a PostgreSQL URL.
        #[arg(long, env = "DYAD_DB", hide_env_values = true, default_value = dyad_store::DEFAULT_DB)]
        db: PathBuf,
        /// How often to look (30s, 2m, 500ms).
        #[arg(long, default_value = "30s", value_parser = crate::watch_cmd::parse_interval)]
        interval: std::time::Duration,
        /// One pass, then exit (for scripts and tests).
        #[arg(long)]
        once: bool,
        /// Publication date for articles that carry none (YYYY-MM-DD).
        #[arg(long, value_parser = crate::publication_date)]
        date: Option<NaiveDate>,
        /// Largest input file accepted, in MiB.
        #[arg(long, default_value_t = 64)]
        max_mib: u64,
        /// Do not print warnings.
        #[arg(long, short)]
        quiet: bool,
        #[command(flatten)]
        kb: crate::KbArgs,
    },
    /// Code articles (files or folders) and store them with their events in a store (SQLite or PostgreSQL);
    /// articles already stored (same path or same text) are skipped, so a run can be repeated
    /// or resumed after a kill.
    Ingest {
        /// Files or folders of articles.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The store: an SQLite file (created when missing) or a PostgreSQL database URL
        /// (postgres://user@host/db; its dyad tables are created when missing).
        #[arg(long, env = "DYAD_DB", hide_env_values = true, default_value = dyad_store::DEFAULT_DB)]
        db: PathBuf,
        /// Publication date for articles that carry none (YYYY-MM-DD).
        #[arg(long, value_parser = crate::publication_date)]
        date: Option<NaiveDate>,
        /// Replace invalid UTF-8 with U+FFFD (with a warning) instead of rejecting the file.
        #[arg(long)]
        lossy: bool,
        /// Articles per transaction.
        #[arg(long, default_value_t = 64, value_parser = clap::value_parser!(u64).range(1..))]
        batch: u64,
        /// Worker threads (default: all cores).
        #[arg(long)]
        threads: Option<usize>,
        /// Largest input file accepted, in MiB.
        #[arg(long, default_value_t = 64)]
        max_mib: u64,
        #[command(flatten)]
        kb: crate::KbArgs,
    },
    /// List canonical events (mentions folded across articles), or explain one with --explain.
    Events {
        #[command(flatten)]
        filter: FilterArgs,
        /// Show one event: every mention (article, sentence, text, pattern) and why it was folded.
        #[arg(long, value_name = "ID")]
        explain: Option<i64>,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
        /// The store: an SQLite file or a PostgreSQL URL (postgres://user@host/db).
        #[arg(long, env = "DYAD_DB", hide_env_values = true, default_value = dyad_store::DEFAULT_DB)]
        db: PathBuf,
    },
    /// List the actors of the stored events, most frequent first.
    Actors {
        #[command(flatten)]
        filter: FilterArgs,
        /// Output format.
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
        /// The store: an SQLite file or a PostgreSQL URL (postgres://user@host/db).
        #[arg(long, env = "DYAD_DB", hide_env_values = true, default_value = dyad_store::DEFAULT_DB)]
        db: PathBuf,
    },
    /// Relations between two countries (either direction) per period: events by quad class,
    /// Goldstein mean and sum, net cooperation, top events; or, with --plot, a chart of them.
    /// An event counts at the date it happened; a plan at the date it was announced (see
    /// --plans-at).
    Relations {
        /// A country: its code (ISO 3166 alpha-3 or CAMEO) or name, such as IRN or Iran.
        a: String,
        /// The other country, such as SAU or "Saudi Arabia".
        b: String,
        /// The period.
        #[arg(long, value_enum, default_value = "month")]
        by: By,
        /// Events on or after this day (YYYY-MM-DD).
        #[arg(long)]
        since: Option<NaiveDate>,
        /// Events on or before this day (YYYY-MM-DD).
        #[arg(long)]
        until: Option<NaiveDate>,
        /// Top events shown per period.
        #[arg(long, default_value_t = 3)]
        top: usize,
        /// Where a plan ("will visit next month") counts: when it was announced (its first
        /// report), or at the date planned for it.
        #[arg(long, value_enum, default_value = "announced")]
        plans_at: PlansAtArg,
        /// One JSON array, one object per period.
        #[arg(long, conflicts_with = "plot")]
        json: bool,
        /// Draw the periods into FILE.svg or FILE.png (Goldstein mean with the number of events
        /// behind it; cooperation and conflict counts; events known only to a month or year as
        /// bands) instead of printing them; prints the file's path.
        #[arg(long, value_name = "FILE")]
        plot: Option<PathBuf>,
        /// The store: an SQLite file or a PostgreSQL URL (postgres://user@host/db).
        #[arg(long, env = "DYAD_DB", hide_env_values = true, default_value = dyad_store::DEFAULT_DB)]
        db: PathBuf,
    },
    /// Write the stored events to stdout (or --out FILE): CSV, JSONL (with their mentions), the
    /// GDELT 2.0 event table (61 tab-separated columns, then the date's precision), or Parquet
    /// (the CSV's columns, typed; to a file only, with --out).
    Export {
        /// Output format.
        #[arg(long, value_enum)]
        format: ExportFmt,
        /// Export every mention (the `dyad code` records, with their canonical event) rather
        /// than canonical events; csv and jsonl only.
        #[arg(long)]
        mentions: bool,
        /// Write to this file rather than stdout (required for parquet).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        #[command(flatten)]
        filter: FilterArgs,
        /// The store: an SQLite file or a PostgreSQL URL (postgres://user@host/db).
        #[arg(long, env = "DYAD_DB", hide_env_values = true, default_value = dyad_store::DEFAULT_DB)]
        db: PathBuf,
    },
    /// Check the store: SQLite's integrity check (pages, indexes, constraints; PostgreSQL enforces
    /// its own) and dyad's own invariants (every mention folded once, into an event of its kind; counts those of the
    /// mentions); exit code 1 when something is wrong.
    Check {
        /// One JSON object: counts and problems.
        #[arg(long)]
        json: bool,
        /// The store: an SQLite file or a PostgreSQL URL (postgres://user@host/db).
        #[arg(long, env = "DYAD_DB", hide_env_values = true, default_value = dyad_store::DEFAULT_DB)]
        db: PathBuf,
    },
    /// Show the deduplication rules, or change them and refold every stored mention.
    Dedup {
        /// How much of the CAMEO code must agree: root ("04"), base (3 digits, "042") or full.
        #[arg(long, value_enum)]
        level: Option<Level>,
        /// How many days apart two day-precise dates of one event may be.
        #[arg(long)]
        window: Option<u32>,
        /// The store: an SQLite file or a PostgreSQL URL (postgres://user@host/db).
        #[arg(long, env = "DYAD_DB", hide_env_values = true, default_value = dyad_store::DEFAULT_DB)]
        db: PathBuf,
    },
}

/// Filters shared by the listing commands.
#[derive(Args, Clone, Default)]
pub struct FilterArgs {
    /// An actor code or its prefix on either side (IRNGOV, IRN).
    #[arg(long)]
    actor: Option<String>,
    /// A country on either side: its code (ISO 3166 alpha-3 or CAMEO) or name (IRN, Iran).
    #[arg(long)]
    country: Option<String>,
    /// A CAMEO code or its prefix (042, 04).
    #[arg(long)]
    code: Option<String>,
    /// A CAMEO root (04).
    #[arg(long)]
    root: Option<String>,
    /// A quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material
    /// conflict.
    #[arg(long)]
    quad: Option<u8>,
    /// Events on or after this day (YYYY-MM-DD).
    #[arg(long)]
    since: Option<NaiveDate>,
    /// Events on or before this day (YYYY-MM-DD).
    #[arg(long)]
    until: Option<NaiveDate>,
    /// Words a reporting sentence contains.
    #[arg(long)]
    text: Option<String>,
    /// A PLOVER type (ASSAULT), or a type and one of its modes (ASSAULT:aerial).
    #[arg(long, value_name = "TYPE[:MODE]")]
    plover: Option<String>,
    /// At most this many rows.
    #[arg(long)]
    limit: Option<usize>,
    /// Events located within --km kilometres of this point (LAT,LON in decimal degrees).
    #[arg(long, value_name = "LAT,LON", value_parser = parse_lat_lon, requires = "km", allow_hyphen_values = true)]
    near: Option<(f64, f64)>,
    /// The radius of --near, in kilometres.
    #[arg(long, value_name = "N", requires = "near")]
    km: Option<f64>,
    /// Events located at this place: a city, a region or a country, by any of its names
    /// (Kharkiv, Kharkov, Ukraine, UKR).
    #[arg(long, value_name = "NAME")]
    place: Option<String>,
}

/// `LAT,LON` in decimal degrees.
fn parse_lat_lon(s: &str) -> Result<(f64, f64), String> {
    let bad = || format!("`{s}` is not LAT,LON in decimal degrees (such as 49.99,36.23)");
    let (a, b) = s.split_once(',').ok_or_else(bad)?;
    let lat: f64 = a.trim().parse().map_err(|_| bad())?;
    let lon: f64 = b.trim().parse().map_err(|_| bad())?;
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return Err(format!(
            "`{s}`: the latitude must be from -90 to 90, the longitude from -180 to 180"
        ));
    }
    Ok((lat, lon))
}

impl FilterArgs {
    fn filter(&self) -> dyad_store::Filter {
        dyad_store::Filter {
            actor: self.actor.clone(),
            country: self.country.clone(),
            code: self.code.clone(),
            root: self.root.clone(),
            quad: self.quad,
            since: self.since,
            until: self.until,
            text: self.text.clone(),
            plover: self.plover.clone(),
            limit: self.limit,
            near: self
                .near
                .zip(self.km)
                .map(|((lat, lon), km)| dyad_store::Near { lat, lon, km }),
            place: self.place.clone(),
        }
    }
}

/// Output of `events` and `actors`.
#[derive(Clone, Copy, ValueEnum)]
pub enum ListFormat {
    /// Aligned columns for reading.
    Table,
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated values with a header row.
    Csv,
}

/// Output of `export`.
#[derive(Clone, Copy, ValueEnum)]
pub enum ExportFmt {
    /// Comma-separated values with a header row.
    Csv,
    /// One JSON object per line.
    Jsonl,
    /// The GDELT 2.0 event table: 61 tab-separated columns, then DatePrecision; no header.
    Gdelt,
    /// Apache Parquet: the CSV's columns, typed (needs --out FILE.parquet).
    Parquet,
}

/// Periods of `relations`.
#[derive(Clone, Copy, ValueEnum)]
pub enum By {
    /// Days ("2025-04-28").
    Day,
    /// ISO weeks ("2025-W17").
    Week,
    /// Months ("2025-04").
    Month,
    /// Years ("2025").
    Year,
}

/// `relations --plans-at`.
#[derive(Clone, Copy, ValueEnum)]
pub enum PlansAtArg {
    /// When the plan was announced (first reported).
    Announced,
    /// At the date planned for it.
    Planned,
}

/// Fold levels of `dedup`.
#[derive(Clone, Copy, ValueEnum)]
pub enum Level {
    /// The two-digit root.
    Root,
    /// The three-digit base code.
    #[value(alias = "3-digit")]
    Base,
    /// The full code.
    Full,
}

/// The name of store `db` in messages (a URL without its password).
fn shown(db: &std::path::Path) -> String {
    dyad_store::redact(&db.display().to_string())
}

/// Runs a store subcommand; `Ok(false)` when some input failed (the others were done).
pub fn run(cmd: StoreCommand, quiet: bool) -> Result<bool> {
    match cmd {
        StoreCommand::Watch {
            dirs,
            db,
            interval,
            once,
            date,
            max_mib,
            quiet,
            kb,
        } => {
            let o = IngestOptions {
                date,
                max_bytes: max_mib.saturating_mul(1 << 20),
                kb: Some(kb.load()?),
                ..IngestOptions::default()
            };
            crate::watch_cmd::watch(&dirs, &db, interval, &o, once, quiet)
        }
        StoreCommand::Ingest {
            paths,
            db,
            date,
            lossy,
            batch,
            threads,
            max_mib,
            kb,
        } => {
            let o = IngestOptions {
                date,
                lossy,
                batch_size: usize::try_from(batch).unwrap_or(usize::MAX),
                max_bytes: max_mib.saturating_mul(1 << 20),
                kb: Some(kb.load()?),
                ..IngestOptions::default()
            };
            ingest(&paths, &db, &o, threads, quiet)
        }
        StoreCommand::Events {
            filter,
            explain,
            format,
            db,
        } => {
            let f = filter.filter();
            f.check()?;
            let store = dyad_store::open(&db, OpenMode::ForReading)?;
            match explain {
                Some(id) => explain_event(store.as_ref(), id, format),
                None => list_events(store.as_ref(), &f, format),
            }
        }
        StoreCommand::Actors { filter, format, db } => {
            let f = filter.filter();
            f.check()?;
            let store = dyad_store::open(&db, OpenMode::ForReading)?;
            let actors = store.actors(&f)?;
            write_out(|out| print_actors(out, &actors, format))?;
            Ok(true)
        }
        StoreCommand::Relations {
            a,
            b,
            by,
            since,
            until,
            top,
            plans_at,
            json,
            plot,
            db,
        } => {
            // Unknown countries are refused before the store is read.
            dyad_store::query::resolve_country("a", &a)?;
            dyad_store::query::resolve_country("b", &b)?;
            if let Some(path) = &plot {
                // Refuse a bad extension before reading the store.
                let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
                if !matches!(ext.as_deref(), Some("svg" | "png")) {
                    bail!(
                        "--plot {}: a plot is written as .svg or .png; name the file FILE.svg or FILE.png",
                        path.display()
                    );
                }
            }
            let store = dyad_store::open(&db, OpenMode::ForReading)?;
            let by = match by {
                By::Day => PeriodBy::Day,
                By::Week => PeriodBy::Week,
                By::Month => PeriodBy::Month,
                By::Year => PeriodBy::Year,
            };
            let plans_at = match plans_at {
                PlansAtArg::Announced => dyad_store::query::PlansAt::Announced,
                PlansAtArg::Planned => dyad_store::query::PlansAt::Planned,
            };
            let rel = store.relations_at(&a, &b, by, since, until, top, plans_at)?;
            if let Some(path) = plot {
                dyad_store::plot::plot_relations(&rel, &a, &b, by, &path)?;
                write_out(|out| Ok(writeln!(out, "{}", path.display())?))?;
                if rel.undated > 0 && !quiet {
                    eprintln!("dyad: note: {} undated events are not in the chart", rel.undated);
                }
                return Ok(true);
            }
            write_out(|out| {
                if json {
                    serde_json::to_writer_pretty(&mut *out, &rel.periods)?;
                    writeln!(out)?;
                    Ok(())
                } else {
                    print_relations(out, &a, &b, &rel)
                }
            })?;
            if json && !quiet && (rel.undated > 0 || rel.too_coarse > 0) {
                eprintln!(
                    "dyad: note: {} undated events and {} dated too coarsely for the period were left out",
                    rel.undated, rel.too_coarse
                );
            }
            Ok(true)
        }
        StoreCommand::Export {
            format,
            mentions,
            out,
            filter,
            db,
        } => {
            let format = match format {
                ExportFmt::Csv => ExportFormat::Csv,
                ExportFmt::Jsonl => ExportFormat::Jsonl,
                ExportFmt::Gdelt => ExportFormat::Gdelt,
                ExportFmt::Parquet => {
                    let Some(path) = out else {
                        bail!("--format parquet writes a binary file, not to stdout: give --out FILE.parquet");
                    };
                    if mentions {
                        bail!("--mentions is for csv and jsonl; --format parquet exports canonical events");
                    }
                    let f = filter.filter();
                    f.check()?;
                    let store = dyad_store::open(&db, OpenMode::ForReading)?;
                    let n = dyad_store::output::write_file(&path, |w| {
                        dyad_store::export::export_parquet(store.as_ref(), &f, w)
                    })
                    .with_context(|| format!("{}", path.display()))?;
                    if !quiet {
                        eprintln!("dyad: {n} events written to {}", path.display());
                    }
                    return Ok(true);
                }
            };
            let f = filter.filter();
            f.check()?;
            let store = dyad_store::open(&db, OpenMode::ForReading)?;
            let store = store.as_ref();
            let export = |out: &mut dyn Write| -> Result<()> {
                if mentions {
                    store.export_mentions(format, &f, out)?;
                } else {
                    dyad_store::export::export_events(store, format, &f, out)?;
                }
                Ok(())
            };
            match out {
                // written whole or not at all: a full disk leaves no truncated file
                Some(path) => {
                    dyad_store::output::write_file(&path, |w| {
                        if mentions {
                            store.export_mentions(format, &f, w)
                        } else {
                            dyad_store::export::export_events(store, format, &f, w)
                        }
                    })
                    .with_context(|| format!("{}", path.display()))?;
                }
                None => write_out(export)?,
            }
            Ok(true)
        }
        StoreCommand::Check { json, db } => {
            let report = dyad_store::open(&db, OpenMode::ReadOnly)?.check()?;
            write_out(|out| {
                if json {
                    serde_json::to_writer(&mut *out, &report)?;
                    writeln!(out)?;
                } else if report.ok() {
                    let c = report.counts;
                    writeln!(
                        out,
                        "{}: ok ({} articles, {} event mentions, {} events)",
                        shown(&db),
                        c.articles,
                        c.mentions,
                        c.events
                    )?;
                } else {
                    writeln!(out, "{}: {} problem(s)", shown(&db), report.problems.len())?;
                    for p in &report.problems {
                        writeln!(out, "  {p}")?;
                    }
                }
                Ok(())
            })?;
            Ok(report.ok())
        }
        StoreCommand::Dedup { level, window, db } => {
            if level.is_none() && window.is_none() {
                let s = dyad_store::open(&db, OpenMode::ForReading)?.fold_settings()?;
                write_out(|out| {
                    Ok(writeln!(
                        out,
                        "{}: events fold at the {} CAMEO level within {} day(s); change with --level and --window",
                        shown(&db),
                        s.level.as_str(),
                        s.window_days
                    )?)
                })?;
                return Ok(true);
            }
            let mut store = dyad_store::open(&db, OpenMode::Existing)?;
            let mut s = store.fold_settings()?;
            if let Some(l) = level {
                s.level = match l {
                    Level::Root => FoldLevel::Root,
                    Level::Base => FoldLevel::Base,
                    Level::Full => FoldLevel::Full,
                };
            }
            if let Some(w) = window {
                s.window_days = w;
            }
            let events = store.refold(s)?;
            let c = store.counts()?;
            if quiet {
                return Ok(true);
            }
            eprintln!(
                "dyad: {} mentions folded into {events} events (level {}, window {} day(s))",
                c.mentions,
                s.level.as_str(),
                s.window_days
            );
            Ok(true)
        }
    }
}

/// Runs `f` on a buffered stdout; a closed pipe (`| head`) is not an error.
fn write_out(f: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let r = f(&mut out).and_then(|_| out.flush().map_err(Into::into));
    match r {
        Err(e) if crate::is_broken_pipe(&e) => Ok(()),
        r => r,
    }
}

fn ingest(
    paths: &[PathBuf],
    db: &std::path::Path,
    o: &IngestOptions,
    threads: Option<usize>,
    quiet: bool,
) -> Result<bool> {
    let started = std::time::Instant::now();
    crate::set_threads(threads, quiet)?;
    let (files, all_read) = crate::expand_inputs(dyad_store::ingest::expand(paths), quiet);
    if files.is_empty() {
        // nothing could be read: no store is created or opened for nothing
        bail!(
            "nothing to ingest: no readable article files among the paths given\n  hint: give files or folders of \
             articles (.txt, .json, .jsonl, .html); `dyad code -` reads standard input"
        );
    }
    let mut o = o.clone();
    let coded = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    o.coded = Some(coded.clone());
    let o = &o;
    let mut store = dyad_store::open(db, OpenMode::Create)?;
    let bar = if io::stderr().is_terminal() && !quiet {
        let bar = ProgressBar::new(files.len() as u64);
        if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} inputs, {msg}, {elapsed}, ETA {eta}") {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let done = std::sync::atomic::AtomicBool::new(false);
    let kept = std::cell::Cell::new(dyad_store::IngestSummary::default());
    let mut report = |r: Report| match r {
        Report::Start { total } => bar.set_length(total as u64),
        Report::Warning(w) => {
            if !quiet {
                bar.suspend(|| eprintln!("dyad: warning: {w}"));
            }
        }
        Report::Error(e) => bar.suspend(|| eprintln!("dyad: error: {e}")),
        Report::Committed { done, kept: k } => {
            kept.set(k);
            bar.set_position(done as u64)
        }
    };
    let run = std::thread::scope(|scope| {
        if !bar.is_hidden() {
            // articles coded so far, between the commits that move the bar
            scope.spawn(|| {
                while !done.load(std::sync::atomic::Ordering::Relaxed) {
                    let n = coded.load(std::sync::atomic::Ordering::Relaxed);
                    let secs = started.elapsed().as_secs_f64().max(1e-3);
                    bar.set_message(format!("{n} articles coded ({:.0}/s)", n as f64 / secs));
                    std::thread::sleep(std::time::Duration::from_millis(200));
                }
            });
        }
        let r = store.ingest_files(&files, o, &mut report);
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        r
    });
    let sum = match run {
        Ok(sum) => sum,
        Err(e) => {
            // The store failed (a full disk): say what the committed batches kept.
            bar.finish_and_clear();
            let k = kept.get();
            eprintln!(
                "dyad: ingest stopped after {} of {} inputs: the batches committed before the failure keep {} \
                 articles with {} event mentions; nothing of the failed batch was kept. Run the same command \
                 again to carry on.",
                k.read,
                files.len(),
                k.stored,
                k.mentions
            );
            return Err(e.into());
        }
    };
    bar.finish_and_clear();
    let (counts, name) = (store.counts()?, store.name().to_string());
    if quiet {
        return Ok(all_read && sum.failed == 0);
    }
    let secs = started.elapsed().as_secs_f64().max(1e-9);
    let articles = sum.stored + sum.skipped;
    eprintln!(
        "dyad: {} articles read: {} stored, {} skipped (already stored), {} failed; \
         {} event mentions stored, {} new events ({:.1} s, {})",
        sum.read,
        sum.stored,
        sum.skipped,
        sum.failed,
        sum.mentions,
        sum.new_events,
        secs,
        rate(articles, secs, "articles")
    );
    eprintln!(
        "dyad: {} now holds {} articles, {} event mentions, {} events",
        name, counts.articles, counts.mentions, counts.events
    );
    Ok(all_read && sum.failed == 0)
}

/// "12 articles/s", "0.4 articles/s": a rate with as many decimals as it needs to say something.
fn rate(n: usize, secs: f64, what: &str) -> String {
    let r = n as f64 / secs.max(1e-9);
    match r {
        r if r >= 10.0 => format!("{r:.0} {what}/s"),
        r if r >= 1.0 => format!("{r:.1} {what}/s"),
        r => format!("{r:.2} {what}/s"),
    }
}

/// The first `n` characters of `s` on one line, with an ellipsis when cut.
fn cut(s: &str, n: usize) -> String {
    let s = s.replace(['\t', '\n', '\r'], " ");
    if s.chars().count() <= n {
        return s;
    }
    let mut out: String = s.chars().take(n.saturating_sub(1)).collect();
    out.push('…');
    out
}

fn actor_label(code: &Option<String>, name: &str) -> String {
    code.clone().unwrap_or_else(|| format!("\"{}\"", cut(name, 20)))
}

fn list_events(store: &dyn EventSource, f: &dyad_store::Filter, format: ListFormat) -> Result<bool> {
    write_out(|out| {
        match format {
            ListFormat::Table => {
                writeln!(
                    out,
                    "{:>6}  {:<10}  {:<10}  {:<12}  {:<12}  {:<5} {:<22} {:>1} {:>5} {:>4} {:>4} {:>4}  text",
                    "id", "date", "reported", "source", "target", "cameo", "plover", "q", "gold", "ment", "art", "src"
                )?;
                store.each_event(f, dyad_store::query::Order::Date, &mut |e| {
                    writeln!(
                        out,
                        "{:>6}  {:<10}  {:<10}  {:<12}  {:<12}  {:<5} {:<22} {:>1} {:>+5.1} {:>4} {:>4} {:>4}  {}",
                        e.id,
                        e.date.as_deref().unwrap_or("-"),
                        e.reported.as_deref().unwrap_or("-"),
                        actor_label(&e.source.code, &e.source.name),
                        actor_label(&e.target.code, &e.target.name),
                        e.cameo,
                        match &e.plover {
                            Some(p) => match &p.mode {
                                Some(m) => format!("{}:{m}", p.event_type),
                                None => p.event_type.clone(),
                            },
                            None => "-".into(),
                        },
                        e.quad_class,
                        e.goldstein,
                        e.num_mentions,
                        e.num_articles,
                        e.num_sources,
                        cut(&e.text, 90)
                    )?;
                    Ok(())
                })?;
            }
            ListFormat::Jsonl => {
                store.each_event(f, dyad_store::query::Order::Date, &mut |e| {
                    serde_json::to_writer(&mut *out, &e).map_err(io::Error::from)?;
                    out.write_all(b"\n")?;
                    Ok(())
                })?;
            }
            ListFormat::Csv => {
                let mut w = csv::Writer::from_writer(&mut *out);
                w.write_record(EVENT_CSV_HEADER)?;
                store.each_event(f, dyad_store::query::Order::Date, &mut |e: CanonicalEvent| {
                    w.write_record(event_csv_record(&e))
                        .map_err(|e| dyad_store::StoreError::Io(e.into()))
                })?;
                w.flush()?;
            }
        }
        Ok(())
    })?;
    Ok(true)
}

/// An event's location in one line: the place, its kind and country, the position, and why.
pub fn place_line(l: &dyad::geo::Location) -> String {
    format!(
        "{} ({}, {}, {:.4},{:.4}; GeoNames {}), from the {}{}",
        l.full_name,
        l.precision.as_str(),
        l.country,
        l.lat,
        l.lon,
        l.id,
        l.source,
        if l.written.is_empty() {
            String::new()
        } else {
            format!(": \"{}\"", l.written)
        }
    )
}

fn explain_event(store: &dyn EventSource, id: i64, format: ListFormat) -> Result<bool> {
    let Some(x) = store.explain(id)? else {
        bail!("{}: no event {id}; list events with `dyad events`", store.name());
    };
    write_out(|out| match format {
        ListFormat::Jsonl => {
            serde_json::to_writer(&mut *out, &x)?;
            writeln!(out)?;
            Ok(())
        }
        ListFormat::Csv => bail!("--explain writes a table or JSONL, not CSV"),
        ListFormat::Table => print_explained(out, &x),
    })?;
    Ok(true)
}

fn print_explained(out: &mut dyn Write, x: &Explained) -> Result<()> {
    let e = &x.event;
    let side = |a: &dyad_store::query::ActorRef| match &a.code {
        Some(c) => format!("{} ({c})", a.name),
        None => format!("{} (uncoded)", a.name),
    };
    writeln!(
        out,
        "event {}: {} → {}, CAMEO {} \"{}\", quad class {}, Goldstein {:+.1}",
        e.id,
        side(&e.source),
        side(&e.target),
        e.cameo,
        e.event_name,
        e.quad_class,
        e.goldstein
    )?;
    if let Some(p) = &e.plover {
        writeln!(
            out,
            "PLOVER {}{}; context {}; aux {}",
            p.event_type,
            p.mode.as_deref().map(|m| format!(" ({m})")).unwrap_or_default(),
            if p.context.is_empty() {
                "-".into()
            } else {
                p.context.join(", ")
            },
            if p.aux.is_empty() { "-".into() } else { p.aux.join(", ") }
        )?;
    }
    writeln!(
        out,
        "date {} ({}), first reported {}; {} mention(s) in {} article(s) from {} source(s)",
        e.date.as_deref().unwrap_or("unknown"),
        e.date_precision.as_deref().unwrap_or("no precision"),
        e.reported.as_deref().unwrap_or("on an unknown date"),
        e.num_mentions,
        e.num_articles,
        e.num_sources
    )?;
    match &e.location {
        Some(l) => writeln!(out, "place {}", place_line(l))?,
        None => writeln!(out, "place unknown (no mention names where it happened)")?,
    }
    writeln!(
        out,
        "folding rule: same source and target actor codes, same CAMEO code at the {} level, \
         dates equal at the precision both share or, for two days, at most {} day(s) apart; \
         each mention is compared with the first",
        x.settings.level.as_str(),
        x.settings.window_days
    )?;
    for (i, m) in x.mentions.iter().enumerate() {
        writeln!(out)?;
        writeln!(
            out,
            "mention {} (#{}): {}, sentence {}",
            i + 1,
            m.id,
            m.article,
            m.sentence
        )?;
        if let Some(t) = &m.title {
            writeln!(out, "  title:   {t}")?;
        }
        writeln!(
            out,
            "  source:  {} (published {})",
            if m.outlet.is_empty() {
                "unknown outlet"
            } else {
                &m.outlet
            },
            m.published.as_deref().unwrap_or("unknown")
        )?;
        writeln!(out, "  text:    {}", m.text)?;
        writeln!(
            out,
            "  event:   {} → {}, CAMEO {}, dated {}",
            side(&m.source),
            side(&m.target),
            m.cameo,
            m.date.as_deref().unwrap_or("unknown")
        )?;
        let trigger = m.evidence["trigger"].as_str().unwrap_or_default();
        writeln!(out, "  pattern: {} (trigger \"{trigger}\")", m.pattern)?;
        writeln!(out, "  why:     {}", m.fold_reason)?;
    }
    Ok(())
}

fn print_actors(out: &mut dyn Write, actors: &[ActorSummary], format: ListFormat) -> Result<()> {
    match format {
        ListFormat::Table => {
            writeln!(
                out,
                "{:<14} {:<7} {:>6} {:>6} {:>6}  name",
                "code", "country", "events", "source", "target"
            )?;
            for a in actors {
                writeln!(
                    out,
                    "{:<14} {:<7} {:>6} {:>6} {:>6}  {}",
                    a.code.as_deref().unwrap_or("-"),
                    a.country.as_deref().unwrap_or("-"),
                    a.events,
                    a.as_source,
                    a.as_target,
                    cut(&a.name, 60)
                )?;
            }
        }
        ListFormat::Jsonl => {
            for a in actors {
                serde_json::to_writer(&mut *out, a)?;
                writeln!(out)?;
            }
        }
        ListFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(["code", "country", "name", "events", "as_source", "as_target"])?;
            for a in actors {
                w.write_record([
                    a.code.clone().unwrap_or_default(),
                    a.country.clone().unwrap_or_default(),
                    a.name.clone(),
                    a.events.to_string(),
                    a.as_source.to_string(),
                    a.as_target.to_string(),
                ])?;
            }
            w.flush()?;
        }
    }
    Ok(())
}

fn print_relations(out: &mut dyn Write, a: &str, b: &str, rel: &Relations) -> Result<()> {
    let name = |c: &str| {
        let code = dyad_store::query::resolve_country("a", c).unwrap_or_else(|_| c.to_ascii_uppercase());
        format!("{} ({code})", dyad_store::query::country_name(&code))
    };
    let (a, b) = (name(a), name(b));
    if rel.periods.is_empty() {
        writeln!(out, "no dated events between {a} and {b}")?;
    } else {
        writeln!(
            out,
            "{:<10} {:>6} {:>6} {:>6} {:>6} {:>6} {:>9} {:>8} {:>8}",
            "period", "events", "v.coop", "m.coop", "v.conf", "m.conf", "gold.mean", "gold.sum", "net.coop"
        )?;
    }
    for p in rel.periods.iter().filter(|p| p.events > 0) {
        writeln!(
            out,
            "{:<10} {:>6} {:>6} {:>6} {:>6} {:>6} {:>9} {:>+8.1} {:>+8}",
            p.period,
            p.events,
            p.quad_counts[0],
            p.quad_counts[1],
            p.quad_counts[2],
            p.quad_counts[3],
            p.goldstein_mean.map(|m| format!("{m:+.2}")).unwrap_or_default(),
            p.goldstein_sum,
            p.net_cooperation
        )?;
        for t in &p.top_events {
            writeln!(
                out,
                "    #{} {} {} → {} {} {} ({:+.1}), {} mention(s) in {} article(s)",
                t.id,
                t.date.as_deref().unwrap_or("-"),
                t.source,
                t.target,
                t.cameo,
                t.event_name,
                t.goldstein,
                t.num_mentions,
                t.num_articles
            )?;
            for s in &t.sentences {
                writeln!(out, "        \"{}\"", cut(s, 110))?;
            }
        }
    }
    if rel.undated > 0 || rel.too_coarse > 0 {
        writeln!(
            out,
            "({} undated events and {} dated too coarsely for the period left out)",
            rel.undated, rel.too_coarse
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parquet_is_refused_on_stdout_and_plots_need_svg_or_png() {
        let e = run(
            StoreCommand::Export {
                format: ExportFmt::Parquet,
                mentions: false,
                out: None,
                filter: FilterArgs::default(),
                db: PathBuf::from("no-such-store.db"),
            },
            false,
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("not to stdout") && e.contains("--out FILE.parquet"), "{e}");
        let e = run(
            StoreCommand::Relations {
                a: "TUR".into(),
                b: "EGY".into(),
                by: By::Month,
                since: None,
                until: None,
                top: 3,
                plans_at: PlansAtArg::Announced,
                json: false,
                plot: Some(PathBuf::from("chart.pdf")),
                db: PathBuf::from("no-such-store.db"),
            },
            false,
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains(".svg or .png"), "{e}");
    }
}
