//! Deduplication: folding mentions of one real-world event into one canonical event.
//!
//! A mention joins an existing canonical event when all of these hold:
//!
//! 1. the same source actor and the same target actor (their CAMEO codes; an actor dyad could
//!    not code is compared by its name, case-insensitively);
//! 2. the same CAMEO code at the store's [`FoldLevel`]: the root ("04"), the three-digit base
//!    code ("042"), or the full code ("0421");
//! 3. compatible dates: when both are days, at most [`FoldSettings::window_days`] apart; when
//!    either is coarser (a month or a year), equal at the coarser precision ("2024-09-04" and
//!    "2024-09" fold, "2024-09" and "2024-10" do not). A mention without a date is never
//!    folded: nothing says it is the same occurrence.
//!
//! A mention is compared with each candidate's *first* mention (the canonical event keeps its
//! first mention's actors, code and date), so folding never chains day by day through a long
//! series of similar events. Among several candidates the nearest in date wins, then the
//! oldest. Mentions are folded in ingestion order, mentions of the same article included (an
//! article that reports a meeting twice gives one event with two mentions), so the result
//! depends only on that order: batches, kills and resumptions do not change it, and
//! [`Store::refold`] with the same settings rebuilds the same events.
//!
//! Every mention records why it joined its event (`fold_reason`), which `dyad events
//! --explain` shows.

use crate::dates::{iso, EventDate, Precision};
use crate::{Result, Store, StoreError};
use chrono::{Duration, NaiveDate};
use rusqlite::{params, OptionalExtension, Transaction};
use std::collections::BTreeSet;

/// How much of the CAMEO code two mentions must share to fold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FoldLevel {
    /// The two-digit root ("04": consult).
    Root,
    /// The three-digit base code ("042": make a visit).
    Base,
    /// The full code ("0421" when the coder gives four digits).
    Full,
}

impl FoldLevel {
    /// "root", "base" or "full".
    pub fn as_str(self) -> &'static str {
        match self {
            FoldLevel::Root => "root",
            FoldLevel::Base => "base",
            FoldLevel::Full => "full",
        }
    }

    /// Reads "root", "base" (or "3", "3-digit") or "full".
    pub fn parse(s: &str) -> Option<FoldLevel> {
        match s.trim().to_ascii_lowercase().as_str() {
            "root" | "2" => Some(FoldLevel::Root),
            "base" | "3" | "3-digit" => Some(FoldLevel::Base),
            "full" => Some(FoldLevel::Full),
            _ => None,
        }
    }

    /// The part of `cameo` compared at this level.
    pub fn code_key(self, cameo: &str) -> &str {
        let n = match self {
            FoldLevel::Root => 2,
            FoldLevel::Base => 3,
            FoldLevel::Full => cameo.len(),
        };
        cameo.get(..n.min(cameo.len())).unwrap_or(cameo)
    }
}

/// The store's folding rules (kept in the store's `settings` table).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FoldSettings {
    /// How much of the CAMEO code must agree.
    pub level: FoldLevel,
    /// How many days apart two day-precise dates may be.
    pub window_days: u32,
}

impl Default for FoldSettings {
    /// Full codes, one day: a report published the next day that dates the event a day off
    /// still folds, two days' separate shelling does not.
    fn default() -> FoldSettings {
        FoldSettings {
            level: FoldLevel::Full,
            window_days: 1,
        }
    }
}

/// What folding looks at in a mention, and what a new canonical event copies from it.
#[derive(Clone, Debug)]
pub(crate) struct FoldInput {
    pub source_code: Option<String>,
    pub source_country: Option<String>,
    pub source_name: String,
    pub target_code: Option<String>,
    pub target_country: Option<String>,
    pub target_name: String,
    pub cameo: String,
    pub root: String,
    pub quad_class: u8,
    pub goldstein: f64,
    pub event_name: String,
    pub date: Option<String>,
    pub date_precision: Option<String>,
}

/// An actor's identity for folding: its code, or its name when it has none.
fn actor_key(code: &Option<String>, name: &str) -> String {
    match code {
        Some(c) if !c.is_empty() => c.clone(),
        _ => format!("?{}", name.trim().to_lowercase()),
    }
}

/// An actor as written in a fold reason.
fn actor_label(code: &Option<String>, name: &str) -> String {
    match code {
        Some(c) if !c.is_empty() => c.clone(),
        _ => format!("\"{name}\" (uncoded)"),
    }
}

impl FoldInput {
    /// The key all mentions of one event share.
    pub(crate) fn key(&self, level: FoldLevel) -> String {
        format!(
            "{}|{}|{}",
            actor_key(&self.source_code, &self.source_name),
            actor_key(&self.target_code, &self.target_name),
            level.code_key(&self.cameo)
        )
    }
}

/// Whether two dates fold under `window` days, and why.
pub fn compare_dates(a: EventDate, b: EventDate, window: u32) -> Option<String> {
    if a.precision == Precision::Day && b.precision == Precision::Day {
        let d = (a.first - b.first).num_days().abs();
        return match d {
            0 => Some("the same day".to_string()),
            d if d <= i64::from(window) => Some(format!(
                "{d} day{} apart, within the {window}-day window",
                if d == 1 { "" } else { "s" }
            )),
            _ => None,
        };
    }
    let p = a.precision.max(b.precision);
    (a.truncate(p) == b.truncate(p)).then(|| format!("the same {p} ({}), the precision both share", a.truncate(p)))
}

/// Stored settings, or the defaults.
pub(crate) fn load_settings(tx: &rusqlite::Connection, path: &str) -> Result<FoldSettings> {
    let get = |key: &str| -> Result<Option<String>> {
        tx.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(|e| crate::sql_error(path, e))
    };
    let mut s = FoldSettings::default();
    if let Some(v) = get("fold_level")? {
        s.level = FoldLevel::parse(&v).ok_or_else(|| StoreError::Corrupt {
            path: path.to_string(),
            what: format!("unknown fold level {v:?} in settings"),
        })?;
    }
    if let Some(v) = get("fold_window")? {
        s.window_days = v.parse().map_err(|_| StoreError::Corrupt {
            path: path.to_string(),
            what: format!("bad fold window {v:?} in settings"),
        })?;
    }
    Ok(s)
}

fn save_settings(tx: &Transaction, s: FoldSettings) -> rusqlite::Result<()> {
    let mut st = tx.prepare_cached("INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)")?;
    st.execute(params!["fold_level", s.level.as_str()])?;
    st.execute(params!["fold_window", s.window_days.to_string()])?;
    Ok(())
}

/// Where a mention goes: its canonical event, whether that event is new, and why.
pub(crate) struct Assigned {
    pub event_id: i64,
    pub created: bool,
    pub reason: String,
}

/// Folds mention `m`: finds the matching canonical event or creates one.
pub(crate) fn assign(tx: &Transaction, s: FoldSettings, m: &FoldInput, now: &str) -> rusqlite::Result<Assigned> {
    let key = m.key(s.level);
    let date = m.date.as_deref().and_then(EventDate::parse);
    let mut best: Option<(i64, i64, String)> = None; // (gap, id, reason)
    if let Some(d) = date {
        let window = Duration::days(i64::from(s.window_days));
        let hi = d.last.checked_add_signed(window).unwrap_or(NaiveDate::MAX);
        let lo = d.first.checked_sub_signed(window).unwrap_or(NaiveDate::MIN);
        // No stored date spans more than a year, so an overlapping one starts at most 366 days
        // before `lo`: the index range stays short however long the dyad's history.
        let floor = lo.checked_sub_signed(Duration::days(366)).unwrap_or(NaiveDate::MIN);
        let mut st = tx.prepare_cached(
            "SELECT id, date FROM events
             WHERE fold_key = ?1 AND date_first >= ?4 AND date_first <= ?2 AND date_last >= ?3 ORDER BY id",
        )?;
        let rows = st.query_map(params![key, iso(hi), iso(lo), iso(floor)], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, Option<String>>(1)?))
        })?;
        for row in rows {
            let (id, cdate) = row?;
            let Some(c) = cdate.as_deref().and_then(EventDate::parse) else {
                continue;
            };
            if let Some(why) = compare_dates(d, c, s.window_days) {
                let gap = (d.first - c.first).num_days().abs();
                let nearer = match &best {
                    None => true,
                    Some((g, _, _)) => gap < *g,
                };
                if nearer {
                    best = Some((gap, id, format!("dates {d} and {c}: {why}")));
                }
            }
        }
    }
    if let Some((_, id, why)) = best {
        let reason = format!(
            "folded: same source {}, same target {}, same CAMEO {} at the {} level; {why}",
            actor_label(&m.source_code, &m.source_name),
            actor_label(&m.target_code, &m.target_name),
            s.level.code_key(&m.cameo),
            s.level.as_str()
        );
        return Ok(Assigned {
            event_id: id,
            created: false,
            reason,
        });
    }
    let (first, last) = match date {
        Some(d) => (Some(iso(d.first)), Some(iso(d.last))),
        None => (None, None),
    };
    tx.prepare_cached(
        "INSERT INTO events (fold_key, date, date_precision, date_first, date_last,
             source_code, source_country, source_name, target_code, target_country, target_name,
             cameo, root, quad_class, goldstein, event_name, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
    )?
    .execute(params![
        key,
        m.date,
        m.date_precision,
        first,
        last,
        m.source_code,
        m.source_country,
        m.source_name,
        m.target_code,
        m.target_country,
        m.target_name,
        m.cameo,
        m.root,
        m.quad_class,
        m.goldstein,
        m.event_name,
        now
    ])?;
    let id = tx.last_insert_rowid();
    let reason = if date.is_some() {
        "first mention: no earlier event matched"
    } else {
        "first mention: no date, so never folded"
    };
    Ok(Assigned {
        event_id: id,
        created: true,
        reason: reason.to_string(),
    })
}

const REFRESH: &str = "UPDATE events SET
    num_mentions = (SELECT count(*) FROM mentions m WHERE m.event_id = events.id),
    num_articles = (SELECT count(DISTINCT m.article_id) FROM mentions m WHERE m.event_id = events.id),
    num_sources = (SELECT count(DISTINCT lower(a.outlet)) FROM mentions m JOIN articles a ON a.id = m.article_id
                   WHERE m.event_id = events.id),
    root_event = EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = events.id AND m.sentence = 0)";

/// Recounts mentions, articles and sources of the given events.
pub(crate) fn refresh_counts(tx: &Transaction, ids: &BTreeSet<i64>) -> rusqlite::Result<()> {
    let mut st = tx.prepare_cached(&format!("{REFRESH} WHERE id = ?1"))?;
    for id in ids {
        st.execute([id])?;
    }
    Ok(())
}

impl Store {
    /// The store's folding rules.
    pub fn fold_settings(&self) -> Result<FoldSettings> {
        load_settings(&self.conn, &self.path)
    }

    /// Sets the folding rules and refolds every mention under them, in ingestion order, in
    /// one transaction. Returns the number of canonical events.
    pub fn refold(&mut self, s: FoldSettings) -> Result<u64> {
        let path = self.path.clone();
        let wrap = |e| crate::sql_error(&path, e);
        let tx = self.conn.transaction().map_err(wrap)?;
        save_settings(&tx, s).map_err(wrap)?;
        tx.execute_batch("UPDATE mentions SET event_id = NULL, fold_reason = NULL; DELETE FROM events;")
            .map_err(wrap)?;
        let now = crate::ingest::now();
        let inputs: Vec<(i64, FoldInput)> = {
            let mut st = tx
                .prepare(
                    "SELECT id, source_code, source_country, source_name, target_code, target_country, target_name,
                        cameo, root, quad_class, goldstein, event_name, date, date_precision
                     FROM mentions ORDER BY id",
                )
                .map_err(wrap)?;
            let rows = st
                .query_map([], |r| {
                    Ok((
                        r.get(0)?,
                        FoldInput {
                            source_code: r.get(1)?,
                            source_country: r.get(2)?,
                            source_name: r.get(3)?,
                            target_code: r.get(4)?,
                            target_country: r.get(5)?,
                            target_name: r.get(6)?,
                            cameo: r.get(7)?,
                            root: r.get(8)?,
                            quad_class: r.get(9)?,
                            goldstein: r.get(10)?,
                            event_name: r.get(11)?,
                            date: r.get(12)?,
                            date_precision: r.get(13)?,
                        },
                    ))
                })
                .map_err(wrap)?;
            rows.collect::<rusqlite::Result<_>>().map_err(wrap)?
        };
        let mut events = 0;
        {
            let mut update = tx
                .prepare("UPDATE mentions SET event_id = ?1, fold_reason = ?2 WHERE id = ?3")
                .map_err(wrap)?;
            for (id, m) in &inputs {
                let a = assign(&tx, s, m, &now).map_err(wrap)?;
                update.execute(params![a.event_id, a.reason, id]).map_err(wrap)?;
                if a.created {
                    events += 1;
                }
            }
        }
        tx.execute_batch(REFRESH).map_err(wrap)?;
        tx.commit().map_err(wrap)?;
        Ok(events)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> EventDate {
        EventDate::parse(s).unwrap()
    }

    #[test]
    fn dates_fold_within_the_window_or_at_the_shared_precision() {
        assert!(compare_dates(d("2024-09-04"), d("2024-09-04"), 0).is_some());
        assert!(compare_dates(d("2024-09-04"), d("2024-09-05"), 0).is_none());
        assert!(compare_dates(d("2024-09-04"), d("2024-09-05"), 1).is_some());
        assert!(compare_dates(d("2024-09-04"), d("2024-09-07"), 2).is_none());
        assert!(compare_dates(d("2024-09-04"), d("2024-09"), 0).is_some());
        assert!(compare_dates(d("2024-09"), d("2024-10-01"), 5).is_none());
        assert!(compare_dates(d("2024"), d("2024-12-31"), 0).is_some());
        assert!(compare_dates(d("2024-12"), d("2025"), 0).is_none());
        let why = compare_dates(d("2024-09-04"), d("2024-09"), 0).unwrap();
        assert!(why.contains("month"), "{why}");
    }

    #[test]
    fn levels_cut_the_code() {
        assert_eq!(FoldLevel::Root.code_key("0421"), "04");
        assert_eq!(FoldLevel::Base.code_key("0421"), "042");
        assert_eq!(FoldLevel::Full.code_key("0421"), "0421");
        assert_eq!(FoldLevel::Base.code_key("04"), "04");
        assert_eq!(FoldLevel::parse("3-digit"), Some(FoldLevel::Base));
        assert_eq!(FoldLevel::parse("nope"), None);
    }

    #[test]
    fn uncoded_actors_fold_by_name() {
        let m = FoldInput {
            source_code: None,
            source_country: None,
            source_name: "The Gunmen".into(),
            target_code: Some("IRNGOV".into()),
            target_country: Some("IRN".into()),
            target_name: "Tehran".into(),
            cameo: "0421".into(),
            root: "04".into(),
            quad_class: 1,
            goldstein: 1.9,
            event_name: "x".into(),
            date: None,
            date_precision: None,
        };
        assert_eq!(m.key(FoldLevel::Base), "?the gunmen|IRNGOV|042");
    }
}
