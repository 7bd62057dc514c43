//! The PostgreSQL backend (feature `postgres`): the same tables, versions, ingest and folding
//! as the SQLite [`crate::Store`], for a team's shared database that several `dyad ingest`
//! processes write at once.
//!
//! - **Schema**: [`schema`], one migration per SQLite migration, versioned in `dyad_schema`.
//! - **Ingest** ([`PgStore::ingest`]): articles are read and coded in parallel outside any
//!   transaction; each batch is then written in one transaction that first takes a
//!   transaction-level advisory lock, so writers (like SQLite's) take turns, and folding sees
//!   every committed mention. Articles are inserted with `ON CONFLICT DO NOTHING` on their
//!   unique key and content hash: an article another process stored meanwhile is skipped, so
//!   processes on overlapping inputs store each article once, and each canonical event once
//!   (folding is a function of the set of mentions, [`crate::fold`]). A killed process's
//!   open transaction is rolled back by the server: nothing half-written.
//! - **Reads** through [`crate::query::EventSource`]: `dyad events` and every export.
//!
//! A URL is shown without its password in every message.

mod fold;
pub mod schema;

use crate::export::MentionBriefRow;
use crate::fold::{FoldInput, FoldSettings};
use crate::ingest::{IngestOptions, IngestSummary, Report};
use crate::query::{round1, CanonicalEvent, EventSource, Filter, Order, EVENT_COLUMNS};
use crate::{Counts, Result, StoreError};
use dyad::coder::Coder;
use postgres::types::ToSql;
use postgres::{Client, NoTls};
use rayon::prelude::*;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::PathBuf;

/// The advisory lock writers take in turn ("DYAD").
const LOCK: i64 = crate::schema::APPLICATION_ID;

/// Whether `db` names a PostgreSQL database (`postgres://` or `postgresql://`) rather than
/// an SQLite file.
pub fn is_url(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}

/// `url` without its password (`postgres://user:***@host/db`).
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (auth, tail) = match rest.split_once('@') {
        Some((a, t)) if !a.contains('/') => (a, t),
        _ => return url.to_string(),
    };
    match auth.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{tail}"),
        None => url.to_string(),
    }
}

/// A PostgreSQL error on the store named `name`.
pub(crate) fn pg_error(name: &str, e: postgres::Error) -> StoreError {
    let detail = match e.as_db_error() {
        Some(db) => format!("{} ({})", db.message(), db.code().code()),
        None => e.to_string(),
    };
    StoreError::Postgres {
        url: name.to_string(),
        error: detail,
    }
}

/// An open dyad store in a PostgreSQL database.
pub struct PgStore {
    client: RefCell<Client>,
    name: String,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore").field("url", &self.name).finish()
    }
}

impl PgStore {
    /// Connects to the database at `url` and creates or upgrades dyad's schema in it.
    pub fn open(url: &str) -> Result<PgStore> {
        PgStore::open_with(url, true)
    }

    /// Connects to a database that already holds a dyad store ([`StoreError::Missing`] if it
    /// holds none), upgrading its schema if it is older.
    pub fn open_existing(url: &str) -> Result<PgStore> {
        PgStore::open_with(url, false)
    }

    fn open_with(url: &str, create: bool) -> Result<PgStore> {
        let name = redact(url);
        let client = Client::connect(url, NoTls).map_err(|e| StoreError::Connect {
            url: name.clone(),
            reason: connect_reason(&e),
        })?;
        let store = PgStore {
            client: RefCell::new(client),
            name,
        };
        schema::migrate(&store, create)?;
        Ok(store)
    }

    /// The URL, without its password.
    pub fn name(&self) -> &str {
        &self.name
    }

    fn err(&self, e: postgres::Error) -> StoreError {
        pg_error(&self.name, e)
    }

    /// The store's folding rules.
    pub fn fold_settings(&self) -> Result<FoldSettings> {
        let rows = self
            .client
            .borrow_mut()
            .query("SELECT key, value FROM settings", &[])
            .map_err(|e| self.err(e))?;
        let mut s = FoldSettings::default();
        for r in rows {
            let (k, v): (String, String) = (r.get(0), r.get(1));
            let bad = |what: &str| StoreError::Corrupt {
                path: self.name.clone(),
                what: format!("bad {what} {v:?} in settings"),
            };
            match k.as_str() {
                "fold_level" => s.level = crate::FoldLevel::parse(&v).ok_or_else(|| bad("fold level"))?,
                "fold_window" => s.window_days = v.parse().map_err(|_| bad("fold window"))?,
                _ => {}
            }
        }
        Ok(s)
    }

    /// Codes and stores the articles in `files` (expanded as [`crate::ingest::expand`] does):
    /// the PostgreSQL counterpart of [`crate::ingest()`], with the same options, reports and
    /// summary.
    pub fn ingest(
        &mut self,
        files: &[PathBuf],
        o: &IngestOptions,
        report: &mut dyn FnMut(Report),
    ) -> Result<IngestSummary> {
        let settings = self.fold_settings()?;
        let mut sum = IngestSummary::default();
        report(Report::Start { total: files.len() });
        let mut coder: Option<Coder<'static>> = None;
        for batch in files.chunks(o.batch_size.max(1)) {
            let b = self.produce(batch, o, &mut coder)?;
            self.commit(settings, b, &mut sum, report)?;
        }
        Ok(sum)
    }

    /// Reads, checks and codes one batch (no transaction held).
    fn produce(&self, batch: &[PathBuf], o: &IngestOptions, coder: &mut Option<Coder<'static>>) -> Result<Batch> {
        let mut out = Batch {
            len: batch.len(),
            skipped: 0,
            errors: Vec::new(),
            coded: Vec::new(),
        };
        let names: Vec<String> = batch.iter().map(|f| dyad::ingest::files::input_name(f)).collect();
        let stored: HashSet<String> = self
            .client
            .borrow_mut()
            .query("SELECT article FROM articles WHERE article = ANY($1)", &[&names])
            .map_err(|e| self.err(e))?
            .into_iter()
            .map(|r| r.get(0))
            .collect();
        let mut fresh = Vec::new();
        for (file, name) in batch.iter().zip(&names) {
            let lines = dyad::ingest::formats::Format::of(name) == dyad::ingest::formats::Format::JsonLines;
            if !lines && stored.contains(name) {
                out.skipped += 1;
            } else {
                fresh.push(file);
            }
        }
        let prepared: Vec<std::result::Result<crate::ingest::Prepared, String>> = fresh
            .par_iter()
            .map(|p| crate::ingest::prepare(p, o))
            .flatten_iter()
            .collect();
        let (keys, hashes): (Vec<String>, Vec<String>) = prepared
            .iter()
            .flatten()
            .map(|p| (p.key.clone(), p.hash.clone()))
            .unzip();
        let known: HashSet<String> = self
            .client
            .borrow_mut()
            .query(
                "SELECT article FROM articles WHERE article = ANY($1)
                 UNION ALL SELECT content_hash FROM articles WHERE content_hash = ANY($2)",
                &[&keys, &hashes],
            )
            .map_err(|e| self.err(e))?
            .into_iter()
            .map(|r| r.get(0))
            .collect();
        let (mut seen_hash, mut seen_key) = (HashSet::new(), HashSet::new());
        let mut new = Vec::new();
        for p in prepared {
            match p {
                Ok(p) => {
                    if known.contains(&p.key)
                        || known.contains(&p.hash)
                        || seen_hash.contains(&p.hash)
                        || seen_key.contains(&p.key)
                    {
                        out.skipped += 1;
                    } else {
                        seen_hash.insert(p.hash.clone());
                        seen_key.insert(p.key.clone());
                        new.push(p);
                    }
                }
                Err(e) => out.errors.push(e),
            }
        }
        if new.is_empty() {
            return Ok(out);
        }
        let coder = coder.get_or_insert_with(|| match o.kb {
            Some(kb) => Coder::with_kb(kb),
            None => Coder::embedded(),
        });
        out.coded = new
            .into_par_iter()
            .map(|p| {
                let c = coder.code_document(&p.doc);
                if let Some(n) = &o.coded {
                    n.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                }
                (p, c)
            })
            .collect();
        Ok(out)
    }

    /// Writes one batch in one transaction, holding the writers' advisory lock.
    fn commit(
        &mut self,
        settings: FoldSettings,
        batch: Batch,
        sum: &mut IngestSummary,
        report: &mut dyn FnMut(Report),
    ) -> Result<()> {
        sum.read += batch.len;
        sum.skipped += batch.skipped;
        sum.failed += batch.errors.len();
        for e in &batch.errors {
            report(Report::Error(e));
        }
        let now = crate::now();
        let name = self.name.clone();
        let wrap = |e: postgres::Error| pg_error(&name, e);
        let mut client = self.client.borrow_mut();
        let mut tx = client.transaction().map_err(wrap)?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&LOCK]).map_err(wrap)?;
        let mut touched = BTreeSet::new();
        let mut pending: BTreeMap<String, crate::fold::Pending> = BTreeMap::new();
        let (mut created, mut removed) = (0, 0);
        let insert_article = tx
            .prepare(
                "INSERT INTO articles (article, title, date, date_source, outlet, dateline, content_hash, bytes,
                     sentences, ingested_at, name, url)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
                 ON CONFLICT DO NOTHING RETURNING id",
            )
            .map_err(wrap)?;
        // The batch's mentions go in with one statement (a round trip each would be most of
        // the time); folding needs their ids, given in insertion order.
        let mut cols = MentionColumns::default();
        let mut undated: Vec<(usize, String, FoldInput)> = Vec::new();
        for (p, c) in &batch.coded {
            for w in &p.warnings {
                report(Report::Warning(w));
            }
            let a = crate::ingest::article_row(p, c.sentences, &now);
            let row = tx
                .query_opt(
                    &insert_article,
                    &[
                        &a.key,
                        &a.title,
                        &a.date,
                        &a.date_source,
                        &a.outlet,
                        &a.dateline,
                        &a.hash,
                        &a.bytes,
                        &a.sentences,
                        &a.now,
                        &a.name,
                        &a.url,
                    ],
                )
                .map_err(wrap)?;
            let Some(row) = row else {
                // Stored meanwhile by another process (or earlier in this run under another name).
                sum.skipped += 1;
                continue;
            };
            let article_id: i64 = row.get(0);
            for e in &c.events {
                let input = FoldInput::of(e);
                let key = input.key(settings.level);
                let rank = crate::fold::fold_rank(
                    e.date.as_deref(),
                    &p.hash,
                    e.sentence as i64,
                    e.source.span.start as i64,
                    e.target.span.start as i64,
                    &e.cameo,
                );
                match (&rank, e.date.as_deref().and_then(crate::dates::EventDate::parse)) {
                    (Some(rank), Some(date)) => {
                        crate::fold::Pending::note(&mut pending, key.clone(), rank.clone(), date)
                    }
                    _ => undated.push((cols.len(), key.clone(), input)),
                }
                cols.push(article_id, e, key, rank);
                sum.mentions += 1;
            }
            sum.stored += 1;
        }
        let ids = cols.insert(&mut tx).map_err(wrap)?;
        for (i, key, input) in undated {
            touched.insert(fold::found_undated(&mut tx, ids[i], &key, &input, &now).map_err(wrap)?);
            created += 1;
        }
        let f = fold::fold_keys(&mut tx, settings, &pending, &now).map_err(wrap)?;
        touched.extend(f.touched);
        created += f.created;
        removed += f.removed;
        sum.new_events = (sum.new_events + created).saturating_sub(removed);
        fold::refresh_counts(&mut tx, &touched).map_err(wrap)?;
        tx.commit().map_err(wrap)?;
        report(Report::Committed {
            done: sum.read,
            kept: *sum,
        });
        Ok(())
    }
}

/// What a connection error says, without the URL (the message names it).
fn connect_reason(e: &postgres::Error) -> String {
    use std::error::Error;
    let mut msg = e.to_string();
    let mut src = e.source();
    while let Some(s) = src {
        let t = s.to_string();
        if !msg.contains(&t) {
            msg = format!("{msg}: {t}");
        }
        src = s.source();
    }
    msg
}

/// Mentions to insert, column by column (as arrays for `unnest`).
#[derive(Default)]
struct MentionColumns {
    article_id: Vec<i64>,
    sentence: Vec<i64>,
    text: Vec<String>,
    date: Vec<Option<String>>,
    date_precision: Vec<Option<&'static str>>,
    source_code: Vec<Option<String>>,
    source_country: Vec<Option<String>>,
    source_name: Vec<String>,
    source_start: Vec<i64>,
    source_end: Vec<i64>,
    source_json: Vec<String>,
    target_code: Vec<Option<String>>,
    target_country: Vec<Option<String>>,
    target_name: Vec<String>,
    target_start: Vec<i64>,
    target_end: Vec<i64>,
    target_json: Vec<String>,
    cameo: Vec<String>,
    root: Vec<String>,
    quad_class: Vec<i64>,
    goldstein: Vec<f64>,
    event_name: Vec<String>,
    evidence: Vec<String>,
    fold_key: Vec<String>,
    fold_rank: Vec<Option<String>>,
    plover: [Vec<Option<String>>; 4],
    location: Vec<Option<String>>,
}

impl MentionColumns {
    fn len(&self) -> usize {
        self.article_id.len()
    }

    fn push(&mut self, article_id: i64, e: &dyad::event::Event, key: String, rank: Option<String>) {
        self.article_id.push(article_id);
        self.sentence.push(e.sentence as i64);
        self.text.push(e.text.clone());
        self.date.push(e.date.clone());
        self.date_precision.push(e.date_precision.map(|p| p.as_str()));
        self.source_code.push(e.source.code.clone());
        self.source_country.push(e.source.country.clone());
        self.source_name.push(e.source.name.clone());
        self.source_start.push(e.source.span.start as i64);
        self.source_end.push(e.source.span.end as i64);
        self.source_json.push(crate::ingest::json(&e.source));
        self.target_code.push(e.target.code.clone());
        self.target_country.push(e.target.country.clone());
        self.target_name.push(e.target.name.clone());
        self.target_start.push(e.target.span.start as i64);
        self.target_end.push(e.target.span.end as i64);
        self.target_json.push(crate::ingest::json(&e.target));
        self.cameo.push(e.cameo.clone());
        self.root.push(e.root.clone());
        self.quad_class.push(i64::from(e.quad_class));
        self.goldstein.push(f64::from(e.goldstein));
        self.event_name.push(e.event_name.clone());
        self.evidence.push(crate::ingest::json(&e.evidence));
        self.fold_key.push(key);
        self.fold_rank.push(rank);
        for (col, v) in self
            .plover
            .iter_mut()
            .zip(crate::schema::plover_columns(e.plover.as_ref()))
        {
            col.push(v);
        }
        self.location.push(e.location.as_ref().map(crate::ingest::json));
    }

    /// Inserts the rows in their order; their ids, in that order.
    fn insert(&self, tx: &mut postgres::Transaction) -> std::result::Result<Vec<i64>, postgres::Error> {
        if self.len() == 0 {
            return Ok(Vec::new());
        }
        let params: [&(dyn ToSql + Sync); 30] = [
            &self.article_id,
            &self.sentence,
            &self.text,
            &self.date,
            &self.date_precision,
            &self.source_code,
            &self.source_country,
            &self.source_name,
            &self.source_start,
            &self.source_end,
            &self.source_json,
            &self.target_code,
            &self.target_country,
            &self.target_name,
            &self.target_start,
            &self.target_end,
            &self.target_json,
            &self.cameo,
            &self.root,
            &self.quad_class,
            &self.goldstein,
            &self.event_name,
            &self.evidence,
            &self.fold_key,
            &self.fold_rank,
            &self.plover[0],
            &self.plover[1],
            &self.plover[2],
            &self.plover[3],
            &self.location,
        ];
        // The identity is drawn row by row in the order of `ORDER BY n`: sorted, the ids are
        // the rows' in order.
        let rows = tx.query(
            "INSERT INTO mentions (article_id, sentence, text, date, date_precision,
                 source_code, source_country, source_name, source_start, source_end, source_json,
                 target_code, target_country, target_name, target_start, target_end, target_json,
                 cameo, root, quad_class, goldstein, event_name, evidence, fold_key, fold_rank,
                 plover_type, plover_mode, plover_context, plover_aux, location)
             SELECT a, b, c, d, e, f, g, h, i, j, k, l, m, n2, o, p, q, r, s, t, u, v, w, x, y, p1, p2, p3, p4, loc
             FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                  $8::text[], $9::bigint[], $10::bigint[], $11::text[], $12::text[], $13::text[], $14::text[],
                  $15::bigint[], $16::bigint[], $17::text[], $18::text[], $19::text[], $20::bigint[],
                  $21::float8[], $22::text[], $23::text[], $24::text[], $25::text[],
                  $26::text[], $27::text[], $28::text[], $29::text[], $30::text[])
                  WITH ORDINALITY AS u(a, b, c, d, e, f, g, h, i, j, k, l, m, n2, o, p, q, r, s, t, u, v, w, x, y,
                                       p1, p2, p3, p4, loc, n)
             ORDER BY n
             RETURNING id",
            &params,
        )?;
        let mut ids: Vec<i64> = rows.iter().map(|r| r.get(0)).collect();
        ids.sort_unstable();
        Ok(ids)
    }
}

/// One batch read and coded.
struct Batch {
    len: usize,
    skipped: usize,
    errors: Vec<String>,
    coded: Vec<(crate::ingest::Prepared, dyad::coder::Coded)>,
}

/// A SQLite-dialect WHERE clause of [`Filter::sql`] in PostgreSQL's: `$n` placeholders and a
/// boolean for the clause that is always true.
fn pg_where(f: &Filter) -> Result<(String, Vec<Box<dyn ToSql + Sync>>)> {
    let (w, p) = f.sql()?;
    let mut out = String::with_capacity(w.len());
    let mut chars = w.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '?' && chars.peek().is_some_and(char::is_ascii_digit) {
            out.push('$');
        } else {
            out.push(c);
        }
    }
    let mut out = match out.strip_prefix('1') {
        Some(rest) => format!("TRUE{rest}"),
        None => out,
    };
    // SQLite's `x = $n COLLATE NOCASE` (place names) as PostgreSQL's `lower(x) = lower($n)`.
    for col in ["e.geo_name", "e.geo_adm1"] {
        let head = format!("{col} = $");
        while let Some(at) = out.find(&head) {
            let digits: String = out[at + head.len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            let end = at + head.len() + digits.len();
            if !out[end..].starts_with(" COLLATE NOCASE") {
                break;
            }
            out.replace_range(
                at..end + " COLLATE NOCASE".len(),
                &format!("lower({col}) = lower(${digits})"),
            );
        }
    }
    let params = p
        .into_iter()
        .map(|v| -> Box<dyn ToSql + Sync> {
            match v {
                rusqlite::types::Value::Integer(i) => Box::new(i),
                rusqlite::types::Value::Real(r) => Box::new(r),
                rusqlite::types::Value::Text(t) => Box::new(t),
                rusqlite::types::Value::Null => Box::new(Option::<String>::None),
                rusqlite::types::Value::Blob(b) => Box::new(b),
            }
        })
        .collect();
    Ok((out, params))
}

/// [`EVENT_COLUMNS`] in PostgreSQL's dialect (JSON read with `->>`, not `json_extract`).
fn pg_event_columns() -> String {
    EVENT_COLUMNS.replace(
        "coalesce(json_extract(m.evidence, '$.mood'), 'fact')",
        "coalesce(m.evidence::json ->> 'mood', 'fact')",
    )
}

fn event_row(r: &postgres::Row) -> std::result::Result<CanonicalEvent, postgres::Error> {
    Ok(CanonicalEvent {
        id: r.try_get(0)?,
        date: r.try_get(1)?,
        date_precision: r.try_get(2)?,
        reported: r.try_get(22)?,
        mood: r.try_get(25)?,
        source: crate::query::ActorRef {
            code: r.try_get(3)?,
            country: r.try_get(4)?,
            name: r.try_get(5)?,
        },
        target: crate::query::ActorRef {
            code: r.try_get(6)?,
            country: r.try_get(7)?,
            name: r.try_get(8)?,
        },
        cameo: r.try_get(9)?,
        root: r.try_get(10)?,
        quad_class: r.try_get::<_, i64>(11)?.clamp(0, 255) as u8,
        goldstein: round1(r.try_get(12)?),
        event_name: r.try_get(13)?,
        num_mentions: r.try_get(14)?,
        num_sources: r.try_get(15)?,
        num_articles: r.try_get(16)?,
        root_event: r.try_get(17)?,
        added_at: r.try_get(18)?,
        article: r.try_get(19)?,
        url: r.try_get(23)?,
        outlet: r.try_get(24)?,
        sentence: r.try_get(20)?,
        text: r.try_get(21)?,
        plover: crate::query::StoredPlover::of(r.try_get(26)?, r.try_get(27)?, r.try_get(28)?, r.try_get(29)?),
        location: r
            .try_get::<_, Option<String>>(30)?
            .and_then(|j| serde_json::from_str(&j).ok()),
    })
}

impl EventSource for PgStore {
    fn name(&self) -> &str {
        &self.name
    }

    fn counts(&self) -> Result<Counts> {
        let r = self
            .client
            .borrow_mut()
            .query_one(
                "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM mentions), (SELECT count(*) FROM events)",
                &[],
            )
            .map_err(|e| self.err(e))?;
        Ok(Counts {
            articles: r.get::<_, i64>(0) as u64,
            mentions: r.get::<_, i64>(1) as u64,
            events: r.get::<_, i64>(2) as u64,
        })
    }

    fn each_event(&self, f: &Filter, order: Order, each: &mut dyn FnMut(CanonicalEvent) -> Result<()>) -> Result<()> {
        let (w, p) = pg_where(f)?;
        let cols = pg_event_columns();
        // with a circle, the limit counts the rows inside it (checked here, not in SQL)
        let mut left = match f.near {
            Some(_) => i64::MAX,
            None => f.limit.map_or(i64::MAX, |n| n.min(i64::MAX as usize) as i64),
        };
        let mut emitted = 0usize;
        // Read in pages (by id after the last, for the exports' order), so a large store is
        // not read whole into memory and `each` may query the store itself.
        let mut after = i64::MIN;
        loop {
            let page = left.min(4096);
            if page <= 0 {
                return Ok(());
            }
            let sql = match order {
                Order::Id => format!(
                    "SELECT {cols} WHERE {w} AND e.id > ${} ORDER BY e.id LIMIT ${}",
                    p.len() + 1,
                    p.len() + 2
                ),
                Order::Date => format!(
                    "SELECT {cols} WHERE {w} ORDER BY e.date_first IS NULL, e.date_first, e.id LIMIT ${}",
                    p.len() + 1
                ),
            };
            let mut params: Vec<&(dyn ToSql + Sync)> = p.iter().map(|b| b.as_ref()).collect();
            if order == Order::Id {
                params.push(&after);
            }
            let limit = if order == Order::Id { page } else { left };
            params.push(&limit);
            let rows = self
                .client
                .borrow_mut()
                .query(sql.as_str(), &params)
                .map_err(|e| self.err(e))?;
            let n = rows.len() as i64;
            for r in &rows {
                let e = event_row(r).map_err(|e| StoreError::Corrupt {
                    path: self.name.clone(),
                    what: format!("reading an event: {e}"),
                })?;
                after = e.id;
                if let Some(n) = f.near {
                    if !e.location.as_ref().is_some_and(|l| n.contains(l.lat, l.lon)) {
                        continue;
                    }
                    if f.limit.is_some_and(|l| emitted >= l) {
                        return Ok(());
                    }
                }
                emitted += 1;
                each(e)?;
            }
            left -= n;
            if order == Order::Date || n < page {
                return Ok(());
            }
        }
    }

    fn mention_briefs(&self, event: i64) -> Result<Vec<MentionBriefRow>> {
        let rows = self
            .client
            .borrow_mut()
            .query(
                "SELECT a.name, m.sentence, m.text, m.date, (m.evidence::json ->> 'pattern'), m.fold_reason,
                    a.outlet, a.url, a.date
                 FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.event_id = $1 ORDER BY m.id",
                &[&event],
            )
            .map_err(|e| self.err(e))?;
        Ok(rows
            .iter()
            .map(|r| {
                (
                    r.get(0),
                    r.get(1),
                    r.get(2),
                    r.get(3),
                    r.get(4),
                    r.get(5),
                    r.get(6),
                    r.get(7),
                    r.get(8),
                )
            })
            .collect())
    }
}
