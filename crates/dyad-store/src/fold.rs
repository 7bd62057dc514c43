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
//! Folding does not depend on the order mentions arrive in. Mentions of one fold key (source,
//! target, code at the level) are taken in *fold order*: by date (the first day covered, then
//! the last), then by article (its content hash), sentence and actor spans, an order of the
//! mentions themselves. Each mention is compared with the events founded by mentions before
//! it, through their founding mention (the *anchor*, whose actors, code and date the event
//! keeps), so folding never chains day by day through a long series of similar events; the
//! nearest in date wins, then the earliest in fold order; with none, the mention founds an
//! event. The canonical events are therefore a function of the set of mentions: two ingests
//! of different folders give the same events in either order, and batches, kills and
//! resumptions change nothing. A mention without a date founds an event of its own.
//!
//! Ingesting new mentions refolds, for each fold key they touch, the mentions from the first
//! new one on, and stops as soon as no change can reach further (past the last new mention,
//! once no event founded or lost lies within the window of the next mention's date). An event
//! has the id of its anchor, so it keeps its id as long as its anchor founds it, and a store
//! fed the same inputs in the same order has the same ids however it was batched, killed and
//! resumed.
//!
//! Every mention records why it joined its event (`fold_reason`), which `dyad events
//! --explain` shows.

use crate::dates::{iso, EventDate, Precision};
use crate::query::EventSource;
use crate::sql::{int, opt_text, text, Sql, Value};
use crate::{Result, StoreError};
use chrono::{Duration, NaiveDate};
use std::collections::{BTreeMap, BTreeSet};

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
    /// What folding reads of a coded event.
    pub(crate) fn of(e: &dyad::event::Event) -> FoldInput {
        FoldInput {
            source_code: e.source.code.clone(),
            source_country: e.source.country.clone(),
            source_name: e.source.name.clone(),
            target_code: e.target.code.clone(),
            target_country: e.target.country.clone(),
            target_name: e.target.name.clone(),
            cameo: e.cameo.clone(),
            root: e.root.clone(),
            quad_class: e.quad_class,
            goldstein: f64::from(e.goldstein),
            event_name: e.event_name.clone(),
            date: e.date.clone(),
            date_precision: e.date_precision.map(|p| p.as_str().to_string()),
        }
    }

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
pub(crate) fn load_settings<S: Sql + ?Sized>(db: &S) -> Result<FoldSettings> {
    let get = |key: &str| -> Result<Option<String>> {
        db.query_opt("SELECT value FROM settings WHERE key = ?1", &[text(key)])?
            .map(|r| r.get(0))
            .transpose()
    };
    let mut s = FoldSettings::default();
    if let Some(v) = get("fold_level")? {
        s.level = FoldLevel::parse(&v).ok_or_else(|| StoreError::Corrupt {
            path: db.name().to_string(),
            what: format!("unknown fold level {v:?} in settings"),
        })?;
    }
    if let Some(v) = get("fold_window")? {
        s.window_days = v.parse().map_err(|_| StoreError::Corrupt {
            path: db.name().to_string(),
            what: format!("bad fold window {v:?} in settings"),
        })?;
    }
    Ok(s)
}

fn save_settings<S: Sql + ?Sized>(db: &S, s: FoldSettings) -> Result<()> {
    let sql = "INSERT INTO settings (key, value) VALUES (?1, ?2)
               ON CONFLICT (key) DO UPDATE SET value = excluded.value";
    db.execute(sql, &[text("fold_level"), text(s.level.as_str())])?;
    db.execute(sql, &[text("fold_window"), text(s.window_days.to_string())])?;
    Ok(())
}

/// A mention's place in fold order: its dates, then its article, sentence, actor spans and
/// code (zero-padded so that text order is that order). `None` for a mention without a
/// (readable) date, which is never folded.
pub(crate) fn fold_rank(
    date: Option<&str>,
    content_hash: &str,
    sentence: i64,
    source_start: i64,
    target_start: i64,
    cameo: &str,
) -> Option<String> {
    let d = EventDate::parse(date?)?;
    Some(format!(
        "{}|{}|{content_hash}|{sentence:010}|{source_start:010}|{target_start:010}|{cameo}",
        iso(d.first),
        iso(d.last)
    ))
}

/// The reason of a mention that joins the event founded by a mention dated `c`.
pub(crate) fn joined_reason(s: FoldSettings, m: &FoldInput, d: EventDate, c: EventDate, why: &str) -> String {
    format!(
        "folded: same source {}, same target {}, same CAMEO {} at the {} level; dates {d} and {c}: {why}",
        actor_label(&m.source_code, &m.source_name),
        actor_label(&m.target_code, &m.target_name),
        s.level.code_key(&m.cameo),
        s.level.as_str()
    )
}

pub(crate) const FIRST_DATED: &str = "first mention: no earlier event matched";
pub(crate) const FIRST_UNDATED: &str = "first mention: no date, so never folded";

/// Inserts the canonical event founded by mention `anchor`, with the anchor's id; that id.
fn found_event<S: Sql + ?Sized>(
    db: &S,
    key: &str,
    anchor: i64,
    rank: Option<&str>,
    m: &FoldInput,
    now: &str,
) -> Result<i64> {
    let date = m.date.as_deref().and_then(EventDate::parse);
    let (first, last) = match date {
        Some(d) => (Some(iso(d.first)), Some(iso(d.last))),
        None => (None, None),
    };
    db.execute(
        "INSERT INTO events (fold_key, date, date_precision, date_first, date_last,
             source_code, source_country, source_name, target_code, target_country, target_name,
             cameo, root, quad_class, goldstein, event_name, added_at, id, fold_rank,
             plover_type, plover_mode, plover_context, plover_aux)
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
             a.plover_type, a.plover_mode, a.plover_context, a.plover_aux
         FROM (SELECT 1) AS one LEFT JOIN mentions a ON a.id = ?18",
        &[
            text(key),
            opt_text(m.date.clone()),
            opt_text(m.date_precision.clone()),
            opt_text(first),
            opt_text(last),
            opt_text(m.source_code.clone()),
            opt_text(m.source_country.clone()),
            text(m.source_name.clone()),
            opt_text(m.target_code.clone()),
            opt_text(m.target_country.clone()),
            text(m.target_name.clone()),
            text(m.cameo.clone()),
            text(m.root.clone()),
            int(i64::from(m.quad_class)),
            Value::Real(m.goldstein),
            text(m.event_name.clone()),
            text(now),
            int(anchor),
            opt_text(rank),
        ],
    )?;
    Ok(anchor)
}

/// Gives mention `id`, which has no date, an event of its own; the event's id.
pub(crate) fn found_undated<S: Sql + ?Sized>(db: &S, id: i64, key: &str, m: &FoldInput, now: &str) -> Result<i64> {
    let event = found_event(db, key, id, None, m, now)?;
    set_event(db, id, event, FIRST_UNDATED)?;
    Ok(event)
}

/// Puts mention `id` in event `event`, for `reason`.
fn set_event<S: Sql + ?Sized>(db: &S, id: i64, event: i64, reason: &str) -> Result<()> {
    db.execute(
        "UPDATE mentions SET event_id = ?1, fold_reason = ?2 WHERE id = ?3",
        &[int(event), text(reason), int(id)],
    )?;
    Ok(())
}

/// What a fold changed.
#[derive(Debug, Default)]
pub(crate) struct Folded {
    /// Events whose mentions changed (their counts need refreshing).
    pub touched: BTreeSet<i64>,
    /// Events founded.
    pub created: usize,
    /// Events removed (their anchor joined an event founded before it in fold order).
    pub removed: usize,
}

/// New mentions of one fold key: the first and last in fold order.
#[derive(Clone, Debug)]
pub(crate) struct Pending {
    pub(crate) first: String,
    pub(crate) first_date: EventDate,
    pub(crate) last: String,
}

impl Pending {
    /// Notes a new dated mention of rank `rank` and date `date`.
    pub(crate) fn note(pending: &mut BTreeMap<String, Pending>, key: String, rank: String, date: EventDate) {
        match pending.get_mut(&key) {
            Some(p) => {
                if rank < p.first {
                    p.first.clone_from(&rank);
                    p.first_date = date;
                }
                if rank > p.last {
                    p.last = rank;
                }
            }
            None => {
                pending.insert(
                    key,
                    Pending {
                        first: rank.clone(),
                        first_date: date,
                        last: rank,
                    },
                );
            }
        }
    }
}

/// An event founded before the mention being folded, as it is compared: its id and its
/// anchor's date.
pub(crate) struct Anchor {
    pub(crate) event: i64,
    pub(crate) date: EventDate,
}

/// A mention being folded, with where it stood before.
pub(crate) struct Mention {
    pub(crate) id: i64,
    pub(crate) rank: String,
    pub(crate) date: EventDate,
    pub(crate) input: FoldInput,
    pub(crate) event: Option<i64>,
    pub(crate) was_anchor: bool,
}

/// Mentions read per key and query.
pub(crate) const CHUNK: usize = 512;

/// Mentions read at once, and the cursor (fold rank, id) of the last row read, `None` when no
/// row was.
pub(crate) type Chunk = (Vec<Mention>, Option<(String, i64)>);

/// The columns folding reads of a mention, in the order [`mention_of`] takes them.
pub(crate) const MENTION_COLUMNS: &str = "m.id, m.fold_rank, m.date, m.source_code, m.source_country,
    m.source_name, m.target_code, m.target_country, m.target_name, m.cameo, m.root, m.quad_class,
    m.goldstein, m.event_name, m.date_precision, m.event_id, m.event_id IS NOT DISTINCT FROM m.id";

/// A mention from a row of [`MENTION_COLUMNS`] whose first column is `at`; `None` for one
/// without a readable date (never ranked, so never read here).
pub(crate) fn mention_of(r: &crate::sql::Row, at: usize) -> Result<Option<Mention>> {
    let g = |i: usize| i + at;
    let date: Option<String> = r.get(g(2))?;
    let Some(d) = date.as_deref().and_then(EventDate::parse) else {
        return Ok(None);
    };
    Ok(Some(Mention {
        id: r.get(g(0))?,
        rank: r.get(g(1))?,
        date: d,
        input: FoldInput {
            source_code: r.get(g(3))?,
            source_country: r.get(g(4))?,
            source_name: r.get(g(5))?,
            target_code: r.get(g(6))?,
            target_country: r.get(g(7))?,
            target_name: r.get(g(8))?,
            cameo: r.get(g(9))?,
            root: r.get(g(10))?,
            quad_class: r.get(g(11))?,
            goldstein: r.get(g(12))?,
            event_name: r.get(g(13))?,
            date,
            date_precision: r.get(g(14))?,
        },
        event: r.get(g(15))?,
        was_anchor: r.get::<Option<bool>>(g(16))?.unwrap_or(false),
    }))
}

/// What folding one key reads and writes: [`fold_with`] decides, this does it. SQLite's
/// ([`Immediate`]) reads and writes at once; PostgreSQL's reads the first anchors and mentions
/// of every key of a batch in one query each and writes them all at the end ([`crate::pg`]).
/// Reads only see mentions after those written (fold order), so a write made later reads the
/// same.
pub(crate) trait FoldIo {
    /// The dated mentions of `key` after `after` (fold rank, id) in fold order, at most
    /// [`CHUNK`], and the cursor of the last row read (`None` when there is none).
    fn chunk(&mut self, key: &str, after: &(String, i64)) -> Result<Chunk>;
    /// Puts mention `id` in `event`, for `reason`.
    fn set_event(&mut self, id: i64, event: i64, reason: &str) -> Result<()>;
    /// Founds the event of mention `anchor` (its id), of fold rank `rank`.
    fn found(&mut self, key: &str, anchor: i64, rank: &str, m: &FoldInput) -> Result<()>;
    /// Removes `event`, which its anchor no longer founds.
    fn lose(&mut self, event: i64) -> Result<()>;
}

/// Folds the dated mentions of fold key `key` in fold order, from `start` (the first pending
/// mention's cursor, or the first of all) on, with `anchors` the events founded before it that
/// it could join; past the last pending mention (`last`, or never with `None`) it stops once
/// no change can reach further. Mentions keep their event when it is unchanged; events founded
/// by mentions that no longer found one are removed. The one algorithm of both backends.
pub(crate) fn fold_with(
    io: &mut dyn FoldIo,
    s: FoldSettings,
    key: &str,
    start: (String, i64),
    last: Option<&str>,
    mut anchors: Vec<Anchor>,
) -> Result<Folded> {
    let mut out = Folded::default();
    let window = Duration::days(i64::from(s.window_days));
    let mut horizon = NaiveDate::MIN;
    let mut lost: Vec<i64> = Vec::new();
    let mut after = start;
    'chunks: loop {
        let (chunk, cursor) = io.chunk(key, &after)?;
        let Some(cursor) = cursor else {
            break;
        };
        let full = chunk.len() >= CHUNK;
        after = cursor;
        for m in chunk {
            let past_pending = last.is_some_and(|l| m.rank.as_str() > l);
            if past_pending && m.date.first > horizon {
                break 'chunks;
            }
            anchors.retain(|a| {
                a.date
                    .last
                    .checked_add_signed(window)
                    .is_none_or(|end| end >= m.date.first)
            });
            let mut best: Option<(i64, usize, String)> = None; // (gap, anchor, why)
            for (i, a) in anchors.iter().enumerate() {
                if let Some(why) = compare_dates(m.date, a.date, s.window_days) {
                    let gap = (m.date.first - a.date.first).num_days().abs();
                    if best.as_ref().is_none_or(|(g, _, _)| gap < *g) {
                        best = Some((gap, i, why));
                    }
                }
            }
            let reach = m.date.last.checked_add_signed(window).unwrap_or(NaiveDate::MAX);
            match best {
                Some((_, i, why)) => {
                    let a = &anchors[i];
                    if m.was_anchor {
                        horizon = horizon.max(reach);
                        lost.extend(m.event);
                    }
                    if m.was_anchor || m.event != Some(a.event) {
                        let reason = joined_reason(s, &m.input, m.date, a.date, &why);
                        io.set_event(m.id, a.event, &reason)?;
                        out.touched.insert(a.event);
                        out.touched.extend(m.event);
                    }
                }
                None => {
                    let event = match (m.was_anchor, m.event) {
                        (true, Some(e)) => e,
                        _ => {
                            horizon = horizon.max(reach);
                            io.found(key, m.id, &m.rank, &m.input)?;
                            io.set_event(m.id, m.id, FIRST_DATED)?;
                            out.created += 1;
                            out.touched.insert(m.id);
                            out.touched.extend(m.event);
                            m.id
                        }
                    };
                    anchors.push(Anchor { event, date: m.date });
                }
            }
        }
        // a short chunk was the key's last
        if !full {
            break;
        }
    }
    for e in lost {
        io.lose(e)?;
        out.touched.remove(&e);
        out.removed += 1;
    }
    Ok(out)
}

/// The bounds of the events a key's first pending mention could join: founded before it, and
/// covering a day no more than the window before its first. (`date_first` at or after the
/// floor, `date_last` at or after `lo`: no date spans more than a year, so the index range
/// stays short.)
pub(crate) fn anchor_bounds(s: FoldSettings, p: &Pending) -> (String, String) {
    let window = Duration::days(i64::from(s.window_days));
    let lo = p.first_date.first.checked_sub_signed(window).unwrap_or(NaiveDate::MIN);
    let floor = lo.checked_sub_signed(Duration::days(366)).unwrap_or(NaiveDate::MIN);
    (iso(floor), iso(lo))
}

/// [`FoldIo`] that reads and writes at once, over [`Sql`] (the SQLite ingest, and refolding
/// on either backend).
struct Immediate<'a, S: Sql + ?Sized> {
    db: &'a S,
    now: &'a str,
}

impl<S: Sql + ?Sized> FoldIo for Immediate<'_, S> {
    fn chunk(&mut self, key: &str, after: &(String, i64)) -> Result<Chunk> {
        let rows = self.db.query(
            &format!(
                "SELECT {MENTION_COLUMNS} FROM mentions m
                 WHERE m.fold_key = ?1 AND (m.fold_rank, m.id) > (?2, ?3)
                 ORDER BY m.fold_rank, m.id LIMIT {CHUNK}"
            ),
            &[text(key), text(after.0.clone()), int(after.1)],
        )?;
        let cursor = match rows.last() {
            Some(r) => Some((r.get(1)?, r.get(0)?)),
            None => None,
        };
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            out.extend(mention_of(r, 0)?);
        }
        Ok((out, cursor))
    }

    fn set_event(&mut self, id: i64, event: i64, reason: &str) -> Result<()> {
        set_event(self.db, id, event, reason)
    }

    fn found(&mut self, key: &str, anchor: i64, rank: &str, m: &FoldInput) -> Result<()> {
        found_event(self.db, key, anchor, Some(rank), m, self.now).map(|_| ())
    }

    fn lose(&mut self, event: i64) -> Result<()> {
        self.db
            .execute("DELETE FROM events WHERE id = ?1", &[int(event)])
            .map(|_| ())
    }
}

/// Folds the dated mentions of fold key `key` ([`fold_with`]), from the first `pending` one on
/// (from the first of all with `None`), reading and writing at once.
pub(crate) fn fold_key<S: Sql + ?Sized>(
    db: &S,
    s: FoldSettings,
    key: &str,
    pending: Option<&Pending>,
    now: &str,
) -> Result<Folded> {
    let mut anchors: Vec<Anchor> = Vec::new();
    if let Some(p) = pending {
        let (floor, lo) = anchor_bounds(s, p);
        db.query_each(
            "SELECT id, date FROM events
             WHERE fold_key = ?1 AND date_first >= ?2 AND date_last >= ?3 AND fold_rank < ?4
             ORDER BY fold_rank, id",
            &[text(key), text(floor), text(lo), text(p.first.clone())],
            &mut |r| {
                let (event, date): (i64, String) = (r.get(0)?, r.get(1)?);
                if let Some(date) = EventDate::parse(&date) {
                    anchors.push(Anchor { event, date });
                }
                Ok(())
            },
        )?;
    }
    let start = (pending.map(|p| p.first.clone()).unwrap_or_default(), i64::MIN);
    fold_with(
        &mut Immediate { db, now },
        s,
        key,
        start,
        pending.map(|p| p.last.as_str()),
        anchors,
    )
}

/// Recounts an event's mentions, articles and sources, and takes the location of its first
/// located mention in fold order (ties broken by article key and sentence, never by row ids,
/// so a store is the same whatever order its articles were ingested in). NumSources counts
/// outlets, case aside; an article whose outlet is unknown ('') is a source of its own (two
/// such articles may come from two outlets).
const REFRESH: &str = "UPDATE events SET
    num_mentions = (SELECT count(*) FROM mentions m WHERE m.event_id = events.id),
    num_articles = (SELECT count(DISTINCT m.article_id) FROM mentions m WHERE m.event_id = events.id),
    num_sources = (SELECT count(DISTINCT CASE WHEN a.outlet = '' THEN '#' || a.id ELSE lower(a.outlet) END)
                   FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.event_id = events.id),
    root_event = EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = events.id AND m.sentence = 0),
    location = (SELECT m.location FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.event_id = events.id AND m.location IS NOT NULL ORDER BY m.fold_rank IS NULL, m.fold_rank, a.article COLLATE BINARY, m.sentence, m.location COLLATE BINARY LIMIT 1),
    geo_name = (SELECT json_extract(m.location, '$.name') FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.event_id = events.id AND m.location IS NOT NULL ORDER BY m.fold_rank IS NULL, m.fold_rank, a.article COLLATE BINARY, m.sentence, m.location COLLATE BINARY LIMIT 1),
    geo_adm1 = (SELECT json_extract(m.location, '$.adm1') FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.event_id = events.id AND m.location IS NOT NULL ORDER BY m.fold_rank IS NULL, m.fold_rank, a.article COLLATE BINARY, m.sentence, m.location COLLATE BINARY LIMIT 1),
    geo_country = (SELECT json_extract(m.location, '$.country') FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.event_id = events.id AND m.location IS NOT NULL ORDER BY m.fold_rank IS NULL, m.fold_rank, a.article COLLATE BINARY, m.sentence, m.location COLLATE BINARY LIMIT 1),
    geo_lat = (SELECT CAST(json_extract(m.location, '$.lat') AS DOUBLE PRECISION) FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.event_id = events.id AND m.location IS NOT NULL ORDER BY m.fold_rank IS NULL, m.fold_rank, a.article COLLATE BINARY, m.sentence, m.location COLLATE BINARY LIMIT 1),
    geo_lon = (SELECT CAST(json_extract(m.location, '$.lon') AS DOUBLE PRECISION) FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.event_id = events.id AND m.location IS NOT NULL ORDER BY m.fold_rank IS NULL, m.fold_rank, a.article COLLATE BINARY, m.sentence, m.location COLLATE BINARY LIMIT 1)";

/// Recounts mentions, articles and sources of the given events.
pub(crate) fn refresh_counts<S: Sql + ?Sized>(db: &S, ids: &BTreeSet<i64>) -> Result<()> {
    let sql = format!("{REFRESH} WHERE id = ?1");
    for id in ids {
        db.execute(&sql, &[int(*id)])?;
    }
    Ok(())
}

/// Refolds every mention under `s`: fold keys and ranks recomputed, each key folded from its
/// first mention, events whose anchor still founds one kept, the others removed; then every
/// count refreshed. `fresh`: every event founded anew (a store folded by an older dyad, whose
/// event ids are not their anchors'). Returns the number of events.
pub(crate) fn refold_all<S: Sql + ?Sized>(db: &S, s: FoldSettings, now: &str, fresh: bool) -> Result<u64> {
    // Keys and ranks of every mention.
    let mut rows: Vec<(i64, String, Option<String>)> = Vec::new();
    db.query_each(
        "SELECT m.id, m.source_code, m.source_name, m.target_code, m.target_name, m.cameo, m.date,
            a.content_hash, m.sentence, m.source_start, m.target_start
         FROM mentions m JOIN articles a ON a.id = m.article_id",
        &[],
        &mut |r| {
            let (source_code, source_name): (Option<String>, String) = (r.get(1)?, r.get(2)?);
            let (target_code, target_name): (Option<String>, String) = (r.get(3)?, r.get(4)?);
            let cameo: String = r.get(5)?;
            let key = format!(
                "{}|{}|{}",
                actor_key(&source_code, &source_name),
                actor_key(&target_code, &target_name),
                s.level.code_key(&cameo)
            );
            let date: Option<String> = r.get(6)?;
            let hash: String = r.get(7)?;
            let rank = fold_rank(date.as_deref(), &hash, r.get(8)?, r.get(9)?, r.get(10)?, &cameo);
            rows.push((r.get(0)?, key, rank));
            Ok(())
        },
    )?;
    for (id, key, rank) in &rows {
        db.execute(
            "UPDATE mentions SET fold_key = ?1, fold_rank = ?2 WHERE id = ?3",
            &[text(key.clone()), opt_text(rank.clone()), int(*id)],
        )?;
    }
    if fresh {
        db.execute("UPDATE mentions SET event_id = NULL, fold_reason = NULL", &[])?;
        db.execute("DELETE FROM events", &[])?;
    } else {
        // Events follow their anchor's key; a mention whose key is no longer its event's is
        // folded afresh.
        db.execute(
            "UPDATE events SET fold_key = (SELECT fold_key FROM mentions m WHERE m.id = events.id),
                               fold_rank = (SELECT fold_rank FROM mentions m WHERE m.id = events.id)",
            &[],
        )?;
        db.execute(
            "UPDATE mentions SET event_id = NULL, fold_reason = NULL
                WHERE event_id IS NOT NULL
                  AND fold_key IS DISTINCT FROM (SELECT e.fold_key FROM events e WHERE e.id = mentions.event_id)",
            &[],
        )?;
    }
    // Undated mentions found their own events.
    let undated = db.query(
        "SELECT id, fold_key, source_code, source_country, source_name, target_code,
            target_country, target_name, cameo, root, quad_class, goldstein, event_name,
            date, date_precision
         FROM mentions WHERE fold_rank IS NULL AND event_id IS DISTINCT FROM id",
        &[],
    )?;
    for r in undated {
        let input = FoldInput {
            source_code: r.get(2)?,
            source_country: r.get(3)?,
            source_name: r.get(4)?,
            target_code: r.get(5)?,
            target_country: r.get(6)?,
            target_name: r.get(7)?,
            cameo: r.get(8)?,
            root: r.get(9)?,
            quad_class: r.get(10)?,
            goldstein: r.get(11)?,
            event_name: r.get(12)?,
            date: r.get(13)?,
            date_precision: r.get(14)?,
        };
        found_undated(db, r.get(0)?, &r.get::<String>(1)?, &input, now)?;
    }
    let keys: BTreeSet<String> = rows
        .into_iter()
        .filter(|(_, _, rank)| rank.is_some())
        .map(|(_, key, _)| key)
        .collect();
    for key in keys {
        fold_key(db, s, &key, None, now)?;
    }
    // Events no mention is left in go; anchors kept from before say why they found an event
    // in the words of now.
    db.execute(
        "DELETE FROM events WHERE NOT EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = events.id)",
        &[],
    )?;
    db.execute(
        "UPDATE mentions SET fold_reason = CASE WHEN fold_rank IS NULL THEN ?1 ELSE ?2 END WHERE event_id = id",
        &[text(FIRST_UNDATED), text(FIRST_DATED)],
    )?;
    db.execute(REFRESH, &[])?;
    Ok(db.query_one("SELECT count(*) FROM events", &[])?.get::<i64>(0)? as u64)
}

/// [`EventSource::refold`].
pub(crate) fn refold<S: EventSource + ?Sized>(db: &S, s: FoldSettings) -> Result<u64> {
    let mut events = 0;
    db.write_transaction(&mut || {
        save_settings(db, s)?;
        events = refold_all(db, s, &crate::now(), false)?;
        Ok(())
    })?;
    Ok(events)
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
