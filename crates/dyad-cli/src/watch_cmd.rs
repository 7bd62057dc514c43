//! `dyad watch DIR... --db FILE [--interval 30s]`: ingests new and changed files as they
//! arrive (a crawler or `curl` writes them; dyad does not fetch), one log line per batch. Its
//! state is in the store (`dyad_store::watch`), so stopping, killing and restarting it loses
//! and repeats nothing; Ctrl-C finishes the batch under way and exits.

use anyhow::{bail, Result};
use dyad_store::watch::FileState;
use dyad_store::{IngestOptions, Report};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// `--interval`: seconds, or a number with `ms`, `s`, `m` or `h` ("30s", "2m", "500ms").
pub fn parse_interval(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let (num, unit) = match s.find(|c: char| !c.is_ascii_digit() && c != '.') {
        Some(i) => (&s[..i], &s[i..]),
        None => (s, "s"),
    };
    let n: f64 = num
        .parse()
        .map_err(|_| format!("`{s}` is not an interval such as 30s, 2m or 500ms"))?;
    let secs = match unit {
        "ms" => n / 1000.0,
        "s" => n,
        "m" => n * 60.0,
        "h" => n * 3600.0,
        _ => return Err(format!("`{s}`: the unit must be ms, s, m or h")),
    };
    if !(secs.is_finite() && secs >= 0.05) {
        return Err(format!("`{s}`: the interval must be at least 50ms"));
    }
    Ok(Duration::from_secs_f64(secs))
}

fn state_of(path: &Path) -> Option<FileState> {
    let m = std::fs::metadata(path).ok()?;
    let mtime_ns = m
        .modified()
        .ok()?
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
    Some(FileState {
        size: m.len(),
        mtime_ns,
    })
}

fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Runs the watcher until Ctrl-C (or, with `once`, after one pass).
pub fn watch(
    dirs: &[PathBuf],
    db: &Path,
    interval: Duration,
    o: &IngestOptions,
    once: bool,
    quiet: bool,
) -> Result<bool> {
    for d in dirs {
        if !d.is_dir() {
            bail!("{}: not a folder to watch", d.display());
        }
    }
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = stop.clone();
        ctrlc::set_handler(move || stop.store(true, Ordering::SeqCst))?;
    }
    let mut store = dyad_store::open(db, dyad_store::OpenMode::Create)?;
    let mut seen = store.watched()?;
    // sizes and times of files not yet ingested, from the pass before: a file is taken once it
    // has stopped changing (unchanged over one interval, or last written 2 s ago or more)
    let mut pending: HashMap<String, FileState> = HashMap::new();
    eprintln!(
        "dyad watch: {} folder(s) every {:?} into {} ({} file(s) already ingested); Ctrl-C stops",
        dirs.len(),
        interval,
        dyad_store::redact(&db.display().to_string()),
        seen.len()
    );
    loop {
        let x = dyad_store::ingest::expand(dirs);
        if !quiet {
            for e in &x.errors {
                eprintln!("dyad watch: {e}");
            }
        }
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
        let mut batch: Vec<(PathBuf, String, FileState)> = Vec::new();
        for f in x.files {
            let name = dyad::ingest::files::input_name(&f);
            let Some(s) = state_of(&f) else { continue };
            if seen.get(&name) == Some(&s) {
                continue;
            }
            let settled = pending.get(&name) == Some(&s) || now - s.mtime_ns >= 2_000_000_000;
            if settled {
                pending.remove(&name);
                batch.push((f, name, s));
            } else {
                pending.insert(name, s);
            }
        }
        if !batch.is_empty() {
            let files: Vec<PathBuf> = batch.iter().map(|b| b.0.clone()).collect();
            let mut errors = 0usize;
            let mut report = |r: Report| match r {
                Report::Error(e) => {
                    errors += 1;
                    eprintln!("dyad watch: error: {e}");
                }
                Report::Warning(w) if !quiet => eprintln!("dyad watch: warning: {w}"),
                _ => {}
            };
            let sum = store.ingest_files(&files, o, &mut report)?;
            let marks: Vec<(String, FileState)> = batch.iter().map(|b| (b.1.clone(), b.2)).collect();
            store.mark_watched(&marks, &now_rfc3339())?;
            for (name, s) in marks {
                seen.insert(name, s);
            }
            eprintln!(
                "{} dyad watch: {} file(s): {} article(s) stored, {} already stored, {} failed; {} event mention(s), {} new event(s)",
                now_rfc3339(),
                files.len(),
                sum.stored,
                sum.skipped,
                sum.failed.max(errors),
                sum.mentions,
                sum.new_events
            );
        }
        if once && pending.is_empty() {
            return Ok(true);
        }
        // sleep in small steps, so Ctrl-C is answered at once
        let until = std::time::Instant::now() + interval;
        while std::time::Instant::now() < until {
            if stop.load(Ordering::SeqCst) {
                eprintln!("dyad watch: stopped");
                return Ok(true);
            }
            std::thread::sleep(Duration::from_millis(50).min(interval));
        }
        if stop.load(Ordering::SeqCst) {
            eprintln!("dyad watch: stopped");
            return Ok(true);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals() {
        assert_eq!(parse_interval("30s").unwrap(), Duration::from_secs(30));
        assert_eq!(parse_interval("2m").unwrap(), Duration::from_secs(120));
        assert_eq!(parse_interval("500ms").unwrap(), Duration::from_millis(500));
        assert_eq!(parse_interval("5").unwrap(), Duration::from_secs(5));
        assert!(parse_interval("10x").is_err());
        assert!(parse_interval("0s").is_err());
        assert!(parse_interval("soon").is_err());
    }
}
