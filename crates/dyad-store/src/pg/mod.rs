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

use crate::fold::{FoldInput, FoldSettings};
use crate::ingest::{IngestOptions, IngestSummary, Report};
use crate::query::{event_row, CanonicalEvent, EventSource, Filter, Order, EVENT_COLUMNS};
use crate::sql::{Sql, Value};
use crate::{Result, StoreError};
use dyad::coder::Coder;
use postgres::types::ToSql;
use postgres::{Client, NoTls};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::PathBuf;

/// The advisory lock writers take in turn ("DYAD").
const LOCK: i64 = crate::schema::APPLICATION_ID;

pub use crate::{is_url, redact};

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
    /// Prepared statements, by their text in [`crate::sql`]'s dialect.
    statements: RefCell<std::collections::HashMap<String, postgres::Statement>>,
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

    /// Connects to a database that holds a dyad store, to read it only: every transaction of
    /// the session is read-only (an older schema is upgraded first, as by
    /// [`PgStore::open_existing`]).
    pub fn open_read_only(url: &str) -> Result<PgStore> {
        let store = PgStore::open_with(url, false)?;
        store
            .client
            .borrow_mut()
            .batch_execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
            .map_err(|e| store.err(e))?;
        Ok(store)
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
            statements: RefCell::default(),
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

    /// The connection, for one statement or the rows of one query at a time.
    fn client(&self) -> Result<std::cell::RefMut<'_, Client>> {
        self.client.try_borrow_mut().map_err(|_| StoreError::Postgres {
            url: self.name.clone(),
            error: "a query was made while the rows of another were being read (dyad reads one \
                    result at a time on a connection)"
                .into(),
        })
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
        let settings = EventSource::fold_settings(self)?;
        let mut sum = IngestSummary::default();
        report(Report::Start { total: files.len() });
        let mut coder: Option<Coder<'static>> = None;
        // The planner's statistics follow the tables as they grow (see `analyze`).
        let mut known = self.planner_rows()?;
        let mut since = 0u64;
        for batch in files.chunks(o.batch_size.max(1)) {
            let batch: Vec<&PathBuf> = batch.iter().collect();
            let b = crate::ingest::produce(&*self, &batch, o, &mut coder)?;
            let before = sum.mentions;
            self.commit(settings, b, &mut sum, report)?;
            since += (sum.mentions - before) as u64;
            if since as f64 > known.max(1000.0) {
                self.analyze()?;
                known += since as f64;
                since = 0;
            }
        }
        Ok(sum)
    }

    /// How many mentions the planner's statistics know of (0 before the first `ANALYZE`).
    fn planner_rows(&self) -> Result<f64> {
        let r = self
            .client()?
            .query_one(
                "SELECT greatest(coalesce(max(reltuples), 0), 0)::float8 FROM pg_class
                 WHERE oid = to_regclass('mentions')",
                &[],
            )
            .map_err(|e| self.err(e))?;
        Ok(r.get(0))
    }

    /// Updates the planner's statistics of the store's tables. PostgreSQL's autovacuum looks
    /// once a minute; a store that grows from nothing within one ingest would be planned
    /// without them all along (folding's counts then scan instead of seeking: two to four times
    /// the time, measured). Run when the mentions have doubled since the statistics last counted
    /// them, so a few times per ingest at most.
    fn analyze(&self) -> Result<()> {
        self.client()?
            .batch_execute("ANALYZE articles, mentions, events")
            .map_err(|e| self.err(e))
    }

    /// Writes one batch in one transaction, holding the writers' advisory lock.
    fn commit(
        &mut self,
        settings: FoldSettings,
        batch: crate::ingest::Batch,
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
        let mut client = self.client()?;
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
        let f = fold::fold_keys(&mut tx, &name, settings, &pending, &now)?;
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

/// What is stored, for [`crate::ingest::produce`]: one query for a batch's keys or hashes
/// (no transaction held: an article another process stores meanwhile is skipped when its
/// batch is written, by the unique constraints).
impl crate::ingest::Stored for PgStore {
    fn stored_keys(&self, keys: &[String]) -> Result<HashSet<String>> {
        Ok(self
            .client()?
            .query("SELECT article FROM articles WHERE article = ANY($1)", &[&keys])
            .map_err(|e| self.err(e))?
            .into_iter()
            .map(|r| r.get(0))
            .collect())
    }

    fn stored_hashes(&self, hashes: &[String]) -> Result<HashSet<String>> {
        Ok(self
            .client()?
            .query(
                "SELECT content_hash FROM articles WHERE content_hash = ANY($1)",
                &[&hashes],
            )
            .map_err(|e| self.err(e))?
            .into_iter()
            .map(|r| r.get(0))
            .collect())
    }
}

impl EventSource for PgStore {
    fn each_event(&self, f: &Filter, order: Order, each: &mut dyn FnMut(CanonicalEvent) -> Result<()>) -> Result<()> {
        let (w, p) = f.sql()?;
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
            let n = p.len();
            let (sql, limit) = match order {
                Order::Id => (
                    format!(
                        "SELECT {EVENT_COLUMNS} WHERE {w} AND e.id > ?{} ORDER BY e.id LIMIT ?{}",
                        n + 1,
                        n + 2
                    ),
                    page,
                ),
                Order::Date => (
                    format!(
                        "SELECT {EVENT_COLUMNS} WHERE {w} ORDER BY e.date_first IS NULL, e.date_first, e.id LIMIT ?{}",
                        n + 1
                    ),
                    left,
                ),
            };
            let mut params = p.clone();
            if order == Order::Id {
                params.push(Value::Integer(after));
            }
            params.push(Value::Integer(limit));
            let rows = self.query(&sql, &params)?;
            let got = rows.len() as i64;
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
            left -= got;
            if order == Order::Date || got < page {
                return Ok(());
            }
        }
    }

    fn ingest_files(
        &mut self,
        files: &[PathBuf],
        o: &IngestOptions,
        report: &mut dyn FnMut(Report),
    ) -> Result<IngestSummary> {
        self.ingest(files, o, report)
    }

    fn ingest_loaded(&mut self, loaded: dyad::ingest::files::Loaded, coder: &Coder) -> Result<(IngestSummary, String)> {
        let settings = EventSource::fold_settings(self)?;
        let hash = crate::ingest::content_hash(&loaded.doc.text);
        let mut sum = IngestSummary::default();
        if self
            .query_opt(
                "SELECT 1 FROM articles WHERE content_hash = ?1",
                &[Value::Text(hash.clone())],
            )?
            .is_some()
        {
            sum.read = 1;
            sum.skipped = 1;
            return Ok((sum, hash));
        }
        let coded = coder.code_document(&loaded.doc);
        let batch = crate::ingest::Batch {
            len: 1,
            skipped: 0,
            errors: Vec::new(),
            coded: vec![(
                crate::ingest::Prepared {
                    key: loaded.doc.id.clone(),
                    doc: loaded.doc,
                    hash: hash.clone(),
                    bytes: loaded.bytes,
                    warnings: loaded.warnings,
                    source: loaded.source,
                    url: loaded.url,
                },
                coded,
            )],
        };
        self.commit(settings, batch, &mut sum, &mut |_| {})?;
        Ok((sum, hash))
    }

    /// PostgreSQL enforces the store's keys and constraints itself and has no check of its
    /// pages without an extension (`amcheck`): dyad's invariants are what `dyad check` checks.
    fn engine_check(&self) -> Vec<String> {
        Vec::new()
    }
}

/// A statement written for both backends ([`crate::sql`]) in PostgreSQL's spelling.
pub fn dialect(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 16);
    let mut chars = sql.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        if c == '\'' {
            quoted = !quoted;
        }
        if !quoted && c == '?' && chars.peek().is_some_and(char::is_ascii_digit) {
            out.push('$');
        } else {
            out.push(c);
        }
    }
    // json_extract(x, '$.k') → (x::json ->> 'k')
    while let Some(at) = out.find("json_extract(") {
        let args = at + "json_extract(".len();
        let Some(comma) = out[args..].find(", '$.").map(|i| args + i) else {
            break;
        };
        let Some(end) = out[comma + 5..].find("')").map(|i| comma + 5 + i) else {
            break;
        };
        let expr = out[args..comma].to_string();
        let key = out[comma + 5..end].to_string();
        out.replace_range(at..end + 2, &format!("({expr}::json ->> '{key}')"));
    }
    // `x = $n COLLATE NOCASE` (SQLite) → `lower(x) = lower($n)`
    while let Some(at) = out.find(" COLLATE NOCASE") {
        let head = &out[..at];
        let Some(dollar) = head.rfind('$') else { break };
        let Some(eq) = head[..dollar].rfind(" = ") else { break };
        let col_start = head[..eq].rfind(['(', ' ']).map_or(0, |i| i + 1);
        let col = head[col_start..eq].to_string();
        let param = head[dollar..].to_string();
        out.replace_range(
            col_start..at + " COLLATE NOCASE".len(),
            &format!("lower({col}) = lower({param})"),
        );
    }
    out.replace(" COLLATE BINARY", " COLLATE \"C\"")
        .replace(" LIKE ", " ILIKE ")
        // SQLite's unary `+` (not this index) on a text column
        .replace("+e.date_first", "e.date_first")
}

/// A parameter as PostgreSQL takes it for a parameter of type `ty`.
fn pg_param(v: &rusqlite::types::Value, ty: &postgres::types::Type) -> Box<dyn ToSql + Sync> {
    use postgres::types::Type;
    use rusqlite::types::Value;
    match v {
        Value::Null => match *ty {
            Type::INT8 => Box::new(None::<i64>),
            Type::INT4 => Box::new(None::<i32>),
            Type::INT2 => Box::new(None::<i16>),
            Type::FLOAT8 => Box::new(None::<f64>),
            Type::FLOAT4 => Box::new(None::<f32>),
            Type::BOOL => Box::new(None::<bool>),
            Type::BYTEA => Box::new(None::<Vec<u8>>),
            _ => Box::new(None::<String>),
        },
        Value::Integer(i) => match *ty {
            Type::INT4 => Box::new(*i as i32),
            Type::INT2 => Box::new(*i as i16),
            Type::FLOAT8 => Box::new(*i as f64),
            Type::FLOAT4 => Box::new(*i as f32),
            Type::BOOL => Box::new(*i != 0),
            Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME => Box::new(i.to_string()),
            _ => Box::new(*i),
        },
        Value::Real(r) => match *ty {
            Type::FLOAT4 => Box::new(*r as f32),
            _ => Box::new(*r),
        },
        Value::Text(s) => Box::new(s.clone()),
        Value::Blob(b) => Box::new(b.clone()),
    }
}

/// Column `i` of a PostgreSQL row as a value (booleans as 0 and 1).
fn pg_value(r: &postgres::Row, i: usize) -> std::result::Result<rusqlite::types::Value, String> {
    use postgres::types::Type;
    use rusqlite::types::Value;
    let ty = r.columns()[i].type_().clone();
    let e = |e: postgres::Error| e.to_string();
    let v = match ty {
        Type::BOOL => r
            .try_get::<_, Option<bool>>(i)
            .map_err(e)?
            .map(|b| Value::Integer(b.into())),
        Type::INT8 => r.try_get::<_, Option<i64>>(i).map_err(e)?.map(Value::Integer),
        Type::INT4 => r
            .try_get::<_, Option<i32>>(i)
            .map_err(e)?
            .map(|v| Value::Integer(v.into())),
        Type::INT2 => r
            .try_get::<_, Option<i16>>(i)
            .map_err(e)?
            .map(|v| Value::Integer(v.into())),
        Type::FLOAT8 => r.try_get::<_, Option<f64>>(i).map_err(e)?.map(Value::Real),
        Type::FLOAT4 => r
            .try_get::<_, Option<f32>>(i)
            .map_err(e)?
            .map(|v| Value::Real(v.into())),
        Type::BYTEA => r.try_get::<_, Option<Vec<u8>>>(i).map_err(e)?.map(Value::Blob),
        Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN => {
            r.try_get::<_, Option<String>>(i).map_err(e)?.map(Value::Text)
        }
        other => {
            return Err(format!(
                "column {i} is of type {other}, which dyad does not read (cast it)"
            ))
        }
    };
    Ok(v.unwrap_or(Value::Null))
}

impl PgStore {
    /// A prepared statement for `sql` (in [`crate::sql`]'s dialect), from the cache.
    fn statement(&self, sql: &str) -> Result<postgres::Statement> {
        if let Some(st) = self.statements.borrow().get(sql) {
            return Ok(st.clone());
        }
        let st = self.client()?.prepare(&dialect(sql)).map_err(|e| self.err(e))?;
        let mut cache = self.statements.borrow_mut();
        // Filters make many texts: a long-lived connection (`dyad serve`) keeps a bounded few.
        if cache.len() >= 512 {
            cache.clear();
        }
        cache.insert(sql.to_string(), st.clone());
        Ok(st)
    }

    fn params(st: &postgres::Statement, params: &[rusqlite::types::Value]) -> Vec<Box<dyn ToSql + Sync>> {
        params.iter().zip(st.params()).map(|(v, ty)| pg_param(v, ty)).collect()
    }
}

impl crate::sql::Sql for PgStore {
    fn name(&self) -> &str {
        &self.name
    }

    fn is_postgres(&self) -> bool {
        true
    }

    fn query_each(
        &self,
        sql: &str,
        params: &[rusqlite::types::Value],
        each: &mut dyn FnMut(crate::sql::Row) -> Result<()>,
    ) -> Result<()> {
        let st = self.statement(sql)?;
        let p = PgStore::params(&st, params);
        let refs: Vec<&(dyn ToSql + Sync)> = p.iter().map(|b| b.as_ref()).collect();
        // Streamed, not read whole (an export of every mention); `each` may not query the
        // store meanwhile (`client` says so).
        use postgres::fallible_iterator::FallibleIterator;
        let mut client = self.client()?;
        let mut rows = client.query_raw(&st, refs.iter().copied()).map_err(|e| self.err(e))?;
        let store: std::sync::Arc<str> = std::sync::Arc::from(self.name.as_str());
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let mut values = Vec::with_capacity(r.len());
            for i in 0..r.len() {
                values.push(pg_value(&r, i).map_err(|what| StoreError::Corrupt {
                    path: self.name.clone(),
                    what,
                })?);
            }
            each(crate::sql::Row::new(values, store.clone()))?;
        }
        Ok(())
    }

    fn execute(&self, sql: &str, params: &[rusqlite::types::Value]) -> Result<u64> {
        let st = self.statement(sql)?;
        let p = PgStore::params(&st, params);
        let refs: Vec<&(dyn ToSql + Sync)> = p.iter().map(|b| b.as_ref()).collect();
        self.client()?.execute(&st, &refs).map_err(|e| self.err(e))
    }

    fn write_transaction(&self, f: &mut dyn FnMut() -> Result<()>) -> Result<()> {
        let run = |sql: &str| self.client()?.batch_execute(sql).map_err(|e| self.err(e));
        run("BEGIN")?;
        // (the client is borrowed for the lock only: `f` uses it too)
        let locked = self
            .client()?
            .execute("SELECT pg_advisory_xact_lock($1)", &[&LOCK])
            .map(|_| ())
            .map_err(|e| self.err(e));
        let r = locked.and_then(|()| f());
        match r {
            Ok(()) => run("COMMIT").inspect_err(|_| {
                let _ = run("ROLLBACK");
            }),
            Err(e) => {
                let _ = run("ROLLBACK");
                Err(e)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_are_rewritten_where_the_dialects_differ_and_nowhere_else() {
        assert_eq!(
            dialect("SELECT a FROM t WHERE b = ?1 AND c LIKE ?12 ESCAPE '\\' AND d = '?3'"),
            "SELECT a FROM t WHERE b = $1 AND c ILIKE $12 ESCAPE '\\' AND d = '?3'"
        );
        assert_eq!(
            dialect("coalesce(json_extract(m.evidence, '$.mood'), 'fact'), json_extract(m.location, '$.lat')"),
            "coalesce((m.evidence::json ->> 'mood'), 'fact'), (m.location::json ->> 'lat')"
        );
        assert_eq!(
            dialect("(e.geo_name = ?4 COLLATE NOCASE OR (e.geo_adm1 = ?5 COLLATE NOCASE AND e.geo_country = ?6))"),
            "(lower(e.geo_name) = lower($4) OR (lower(e.geo_adm1) = lower($5) AND e.geo_country = $6))"
        );
        assert_eq!(
            dialect("ORDER BY a.article COLLATE BINARY, +e.date_first >= ?1"),
            "ORDER BY a.article COLLATE \"C\", e.date_first >= $1"
        );
        assert_eq!(redact("postgres://me:secret@db/x"), "postgres://me:***@db/x");
        assert_eq!(redact("postgres://me@db/x"), "postgres://me@db/x");
    }
}
