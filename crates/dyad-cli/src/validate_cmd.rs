//! `dyad validate`: run PETRARCH validation records and compare the events.

use anyhow::{Context, Result};
use dyad::coder::petrarch::validate::{self, ValidationFile};
use dyad::coder::petrarch::{Dictionaries, DictionaryCoder, DictionaryPaths};
use dyad::kb::petrarch::LoadOptions;
use dyad::text::tagger::Tagger;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Options of `dyad validate`.
#[derive(clap::Args)]
pub struct ValidateOptions {
    /// The validation file (`<Validation>` with `<Environment>` and `<Sentence>` records).
    #[arg(required_unless_present = "plover")]
    pub records: Option<PathBuf>,
    /// Score dyad's PLOVER coding against PLOVER gold-standard records instead (a JSON array
    /// of records with `text`, `event`, `mode`, `source`, `target`): each record's text is
    /// coded from raw text with dyad's own coder.
    #[arg(long, value_name = "FILE.json", conflicts_with_all = ["records", "dictionaries", "use_parse"])]
    pub plover: Option<PathBuf>,
    /// With --plover: also code negated and conditional acts (`dyad code --aux`).
    #[arg(long, requires = "plover")]
    pub aux: bool,
    /// Folder holding the dictionaries the file names (default: the file's folder).
    #[arg(long)]
    pub dictionaries: Option<PathBuf>,
    /// Code from each record's `<Parse>` tree instead of its raw text.
    #[arg(long)]
    pub use_parse: bool,
    /// End with one JSON line: records, passed, failed, expected/found/produced events,
    /// precision, recall.
    #[arg(long)]
    pub json: bool,
    /// A bad dictionary line is an error instead of a warning.
    #[arg(long)]
    pub strict: bool,
    /// Show, for each failing record, the parse used and its linear form with codes.
    #[arg(long, short)]
    pub verbose: bool,
}

/// The dictionaries a validation file names, found in `dir`.
fn environment_paths(file: &ValidationFile, dir: &Path) -> Result<DictionaryPaths> {
    let env = &file.environment;
    let find = |names: &[String]| -> Result<Vec<PathBuf>> {
        names
            .iter()
            .map(|n| {
                let p = dir.join(n);
                if p.is_file() {
                    Ok(p)
                } else {
                    let shown = match dir.as_os_str().is_empty() || dir == Path::new(".") {
                        true => "the current folder".to_string(),
                        false => dir.display().to_string(),
                    };
                    anyhow::bail!(
                        "the validation file names {n}, which is not in {shown}\n  hint: give the folder that holds it with --dictionaries DIR"
                    )
                }
            })
            .collect()
    };
    Ok(DictionaryPaths {
        verbs: find(&env.verbs)?,
        actors: find(&env.actors)?,
        agents: find(&env.agents)?,
        discards: find(&env.discards)?,
    })
}

/// Runs the records; `Ok(true)` when every record passed.
pub fn run(o: &ValidateOptions, quiet: bool) -> Result<bool> {
    if let Some(p) = &o.plover {
        return run_plover(p, o);
    }
    let records = o.records.as_ref().context("no validation file given")?;
    let bytes = std::fs::read(records).with_context(|| format!("cannot read {}", records.display()))?;
    let name = records.display().to_string();
    let text = dyad::ingest::decode::decode(&bytes, &name, false)?.text;
    let file = ValidationFile::parse(&name, &text)?;
    let dir = match &o.dictionaries {
        Some(d) => d.clone(),
        None => records
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from(".")),
    };
    let paths = environment_paths(&file, &dir)?;
    let options = if o.strict {
        LoadOptions::strict()
    } else {
        LoadOptions::lenient()
    };
    let dicts = Dictionaries::load(&paths, options)?;
    if !quiet {
        for w in &dicts.warnings {
            eprintln!("dyad: warning: {w}");
        }
    }
    let coder = DictionaryCoder::new(dicts);
    let (outcomes, summary) = validate::run(&file, &coder, Tagger::embedded(), o.use_parse);
    // Written, not printed: a closed or full stdout is an error to report, not a panic.
    let mut w = BufWriter::new(io::stdout().lock());
    for out in outcomes.iter().filter(|x| !x.passed) {
        let show = |v: &[validate::Triple]| {
            if v.is_empty() {
                "(none)".to_string()
            } else {
                v.iter()
                    .map(|t| format!("{} {} {}", t.0, t.1, t.2))
                    .collect::<Vec<_>>()
                    .join("; ")
            }
        };
        writeln!(w, "FAIL {} [{}]", out.id, out.category)?;
        writeln!(w, "  expected: {}", show(&out.expected))?;
        writeln!(w, "  produced: {}", show(&out.produced))?;
        for why in &out.why {
            writeln!(w, "  - {why}")?;
        }
        if o.verbose {
            for l in out.reading.lines() {
                writeln!(w, "  | {l}")?;
            }
        }
    }
    writeln!(w, "{} passed, {} failed", summary.passed, summary.failed)?;
    if o.json {
        writeln!(w, "{}", serde_json::to_string(&summary)?)?;
    }
    w.flush()?;
    Ok(summary.failed == 0)
}

/// `dyad validate --plover FILE.json`: codes each record's text, compares PLOVER type, mode,
/// source and target, prints every failing record and a summary; `Ok(true)` when all passed.
fn run_plover(path: &Path, o: &ValidateOptions) -> Result<bool> {
    use dyad::eval::plover as gold;
    use rayon::prelude::*;
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let name = path.display().to_string();
    let text = dyad::ingest::decode::decode(&bytes, &name, false)?.text;
    let records = gold::parse(&name, &text)?;
    let coder = dyad::coder::Coder::embedded().with_options(dyad::coder::Options {
        aux: o.aux,
        ..Default::default()
    });
    let outcomes: Vec<gold::Outcome> = records
        .par_iter()
        .map(|r| {
            let date = r.date.as_deref().and_then(|d| d.parse::<chrono::NaiveDate>().ok());
            let doc = dyad::ingest::Document {
                id: r.id.clone(),
                text: r.text.clone(),
                title: None,
                body: dyad::text::Span::new(0, r.text.len()),
                boilerplate: Vec::new(),
                dateline: None,
                date,
                date_source: dyad::ingest::DateSource::Given,
                warnings: vec![],
            };
            let events = coder.code(&doc);
            gold::compare(r, &dyad::ontology::plover::records(&events))
        })
        .collect();
    let summary = gold::summarize(&outcomes);
    let mut w = BufWriter::new(io::stdout().lock());
    let failed = |x: &gold::Outcome| !(x.type_correct && x.mode_correct && x.actors_correct);
    for out in outcomes.iter().filter(|x| failed(x)) {
        writeln!(w, "FAIL {}: {}", out.id, out.text)?;
        writeln!(w, "  expected: {}", out.expected)?;
        match &out.produced {
            Some(p) => writeln!(w, "  produced: {p}")?,
            None => writeln!(w, "  produced: (none)")?,
        }
        if out.all_produced.len() > 1 {
            writeln!(w, "  all events of the sentence: {}", out.all_produced.join("; "))?;
        }
        for why in &out.why {
            writeln!(w, "  - {why}")?;
        }
    }
    let pct = |k: usize| 100.0 * k as f64 / summary.records.max(1) as f64;
    let passed = outcomes.iter().filter(|x| !failed(x)).count();
    writeln!(
        w,
        "{} records: type {} ({:.1}%), type and mode {} ({:.1}%), source and target {} ({:.1}%), produced {} ({:.1}%); {} passed, {} failed",
        summary.records,
        summary.type_correct,
        pct(summary.type_correct),
        summary.mode_correct,
        pct(summary.mode_correct),
        summary.actors_correct,
        pct(summary.actors_correct),
        summary.produced,
        pct(summary.produced),
        passed,
        summary.records - passed
    )?;
    if o.json {
        writeln!(w, "{}", serde_json::to_string(&summary)?)?;
    }
    w.flush()?;
    Ok(passed == summary.records)
}
