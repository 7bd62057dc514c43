//! `dyad check`: is the store sound? SQLite's own integrity check (every page, every index
//! against its table, every UNIQUE constraint), its foreign-key check, and dyad's invariants:
//! every mention folded once, into an event of its fold key that its founding mention founds;
//! every event's counts those of its mentions; every event's dates those of its date.
//!
//! Opening a store for writing runs [`write_check`]: SQLite's quick check, which reads every
//! page but does not compare indexes with their tables, and the full check of the articles
//! table, whose indexes tell what is already stored (through a damaged one, an article was
//! stored twice); `dyad check` checks everything.

use crate::query::EventSource;
use crate::{sql_error, Counts, Result};
use rusqlite::Connection;
use serde::Serialize;

/// What a check found.
#[derive(Clone, Debug, Default, Serialize)]
pub struct CheckReport {
    /// The rows the store holds (as far as they could be counted).
    pub counts: Counts,
    /// Each problem found, naming what is wrong and where; empty for a sound store.
    pub problems: Vec<String>,
}

impl CheckReport {
    /// True when nothing is wrong.
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// dyad's invariants, each a query counting the rows that break it and listing a few ids.
const INVARIANTS: &[(&str, &str)] = &[
    (
        "mentions folded into no event",
        "SELECT id FROM mentions WHERE event_id IS NULL",
    ),
    (
        "mentions whose article is missing",
        "SELECT id FROM mentions m WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = m.article_id)",
    ),
    (
        "mentions whose event is missing",
        "SELECT id FROM mentions m WHERE event_id IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM events e WHERE e.id = m.event_id)",
    ),
    (
        "events not founded by the mention whose id they have",
        "SELECT id FROM events e WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.id = e.id AND m.event_id = e.id)",
    ),
    (
        "mentions in an event of another fold key",
        "SELECT m.id FROM mentions m JOIN events e ON e.id = m.event_id WHERE m.fold_key IS DISTINCT FROM e.fold_key",
    ),
    (
        "events whose counts are not those of their mentions",
        "SELECT id FROM events e WHERE
            num_mentions != (SELECT count(*) FROM mentions m WHERE m.event_id = e.id)
            OR num_articles != (SELECT count(DISTINCT m.article_id) FROM mentions m WHERE m.event_id = e.id)
            OR num_sources != (SELECT count(DISTINCT CASE WHEN a.outlet = '' THEN '#' || a.id ELSE lower(a.outlet) END) FROM mentions m
                               JOIN articles a ON a.id = m.article_id WHERE m.event_id = e.id)
            OR root_event != EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = e.id AND m.sentence = 0)",
    ),
    (
        "events whose first and last days are not those of their date",
        "SELECT id FROM events WHERE (date IS NULL) != (date_first IS NULL)
            OR (date IS NOT NULL AND NOT (date_first <= date_last AND substr(date_first, 1, length(date)) = date))",
    ),
    (
        "articles stored twice (same content)",
        "SELECT max(id) FROM articles GROUP BY content_hash HAVING count(*) > 1",
    ),
    (
        "articles stored twice (same key)",
        "SELECT max(id) FROM articles GROUP BY article HAVING count(*) > 1",
    ),
];

/// The check before writing: SQLite's quick check of the whole store (every page read,
/// b-trees well formed) and its full check of the articles table and its indexes. `None`
/// when both pass, else what they say first. Its cost is a read of the file.
pub(crate) fn write_check(conn: &Connection) -> rusqlite::Result<Option<String>> {
    for pragma in ["PRAGMA quick_check(1)", "PRAGMA integrity_check(articles)"] {
        let first: String = conn.query_row(pragma, [], |r| r.get(0))?;
        if first != "ok" {
            return Ok(Some(first));
        }
    }
    Ok(None)
}

/// SQLite's own checks of a store: its integrity check and its foreign-key check.
pub(crate) fn sqlite_check(conn: &Connection, path: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let describe = |e: rusqlite::Error| sql_error(path, e).to_string();
    match conn.prepare("PRAGMA integrity_check(100)").and_then(|mut st| {
        st.query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()
    }) {
        Ok(lines) if lines == ["ok"] => {}
        Ok(lines) => problems.extend(lines.into_iter().map(|l| format!("SQLite integrity check: {l}"))),
        Err(e) => problems.push(format!("SQLite integrity check could not run: {}", describe(e))),
    }
    match conn.prepare("PRAGMA foreign_key_check").and_then(|mut st| {
        st.query_map([], |r| {
            Ok(format!("{} row {}", r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()
    }) {
        Ok(rows) if rows.is_empty() => {}
        Ok(rows) => problems.push(format!(
            "{} rows refer to rows that do not exist: {}",
            rows.len(),
            sample(&rows)
        )),
        Err(e) => problems.push(format!("SQLite foreign-key check could not run: {}", describe(e))),
    }
    problems
}

/// [`EventSource::check`]: the engine's checks, then dyad's invariants.
pub(crate) fn check<S: EventSource + ?Sized>(s: &S) -> Result<CheckReport> {
    let mut report = CheckReport {
        problems: s.engine_check(),
        ..CheckReport::default()
    };
    for (what, sql) in INVARIANTS {
        match s
            .query(sql, &[])
            .and_then(|rows| rows.iter().map(|r| r.get::<i64>(0)).collect::<Result<Vec<_>>>())
        {
            Ok(ids) if ids.is_empty() => {}
            Ok(ids) => {
                let ids: Vec<String> = ids.iter().map(|i| format!("#{i}")).collect();
                report.problems.push(format!("{} {what}: {}", ids.len(), sample(&ids)));
            }
            Err(e) => report.problems.push(format!("could not check {what}: {e}")),
        }
    }
    match s.counts() {
        Ok(c) => report.counts = c,
        Err(e) => report.problems.push(format!("could not count the rows: {e}")),
    }
    Ok(report)
}

/// The first few of `items`, and how many more.
fn sample(items: &[String]) -> String {
    let shown = items.iter().take(5).cloned().collect::<Vec<_>>().join(", ");
    match items.len() {
        n if n > 5 => format!("{shown} and {} more", n - 5),
        _ => shown,
    }
}
