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
    pub records: PathBuf,
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
    let bytes = std::fs::read(&o.records).with_context(|| format!("cannot read {}", o.records.display()))?;
    let name = o.records.display().to_string();
    let text = dyad::ingest::decode::decode(&bytes, &name, false)?.text;
    let file = ValidationFile::parse(&name, &text)?;
    let dir = match &o.dictionaries {
        Some(d) => d.clone(),
        None => o
            .records
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
