//! Folding on PostgreSQL at ingest: [`crate::fold::fold_with`], the one folding algorithm,
//! over a PostgreSQL transaction for all the fold keys of a batch at once (a round trip per
//! key and step cost most of the ingest time): the reads for every key in one query each, the
//! writes gathered and made together at the end ([`FoldIo`]). What differs from SQLite is only
//! how the reads and writes are made; `tests/pg.rs` checks that a corpus folds into the same
//! events on both backends.

use crate::dates::{iso, EventDate};
use crate::fold::{
    anchor_bounds, fold_with, mention_of, Anchor, Chunk, FoldInput, FoldIo, FoldSettings, Folded, Pending, CHUNK,
    FIRST_UNDATED, MENTION_COLUMNS,
};
use crate::{Result, StoreError};
use postgres::Transaction;
use std::collections::{BTreeMap, BTreeSet, HashMap};

fn found_event(
    tx: &mut Transaction,
    key: &str,
    anchor: i64,
    rank: Option<&str>,
    m: &FoldInput,
    now: &str,
) -> std::result::Result<i64, postgres::Error> {
    let date = m.date.as_deref().and_then(EventDate::parse);
    let (first, last) = match date {
        Some(d) => (Some(iso(d.first)), Some(iso(d.last))),
        None => (None, None),
    };
    tx.execute(
        "INSERT INTO events (fold_key, date, date_precision, date_first, date_last,
             source_code, source_country, source_name, target_code, target_country, target_name,
             cameo, root, quad_class, goldstein, event_name, added_at, id, fold_rank,
             plover_type, plover_mode, plover_context, plover_aux)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,
             a.plover_type, a.plover_mode, a.plover_context, a.plover_aux
         FROM mentions a WHERE a.id = $18",
        &[
            &key,
            &m.date,
            &m.date_precision,
            &first,
            &last,
            &m.source_code,
            &m.source_country,
            &m.source_name,
            &m.target_code,
            &m.target_country,
            &m.target_name,
            &m.cameo,
            &m.root,
            &i64::from(m.quad_class),
            &m.goldstein,
            &m.event_name,
            &now,
            &anchor,
            &rank,
        ],
    )?;
    Ok(anchor)
}

/// [`crate::fold::found_undated`] on PostgreSQL.
pub(super) fn found_undated(
    tx: &mut Transaction,
    id: i64,
    key: &str,
    m: &FoldInput,
    now: &str,
) -> std::result::Result<i64, postgres::Error> {
    let event = found_event(tx, key, id, None, m, now)?;
    tx.execute(
        "UPDATE mentions SET event_id = $1, fold_reason = $2 WHERE id = $3",
        &[&event, &FIRST_UNDATED, &id],
    )?;
    Ok(event)
}

/// An event founded by a mention: its key, id (the mention's), fold rank and fields.
type Founded = (String, i64, String, FoldInput);

/// [`crate::fold::FoldIo`] on a PostgreSQL transaction: the first chunk of each key's mentions
/// prefetched for the whole batch, the writes gathered and made together at the end of the
/// batch (a statement each was most of the time). Folding reads only mentions after those it
/// updated, and events of their own key, so the writes can wait.
struct Gathered<'a, 't> {
    tx: &'a mut Transaction<'t>,
    name: &'a str,
    /// The first mentions of each key, read for all keys at once (the key is column 0).
    first: HashMap<String, Vec<postgres::Row>>,
    /// Events founded: their rows.
    events: Vec<Founded>,
    /// (mention, event, reason).
    updates: (Vec<i64>, Vec<i64>, Vec<String>),
    /// Events no mention founds any more.
    lost: Vec<i64>,
}

impl Gathered<'_, '_> {
    fn err(&self, e: postgres::Error) -> StoreError {
        super::pg_error(self.name, e)
    }

    /// Rows of [`MENTION_COLUMNS`] from column `at` on, as mentions; with the last row's cursor.
    fn mentions(&self, rows: &[postgres::Row], at: usize) -> Result<Chunk> {
        let store: std::sync::Arc<str> = std::sync::Arc::from(self.name);
        let mut out = Vec::with_capacity(rows.len());
        let mut cursor = None;
        for r in rows {
            let mut values = Vec::with_capacity(r.len());
            for i in 0..r.len() {
                values.push(super::pg_value(r, i).map_err(|what| StoreError::Corrupt {
                    path: self.name.to_string(),
                    what,
                })?);
            }
            let row = crate::sql::Row::new(values, store.clone());
            cursor = Some((row.get(at + 1)?, row.get(at)?));
            out.extend(mention_of(&row, at)?);
        }
        Ok((out, cursor))
    }
}

impl FoldIo for Gathered<'_, '_> {
    fn chunk(&mut self, key: &str, after: &(String, i64)) -> Result<Chunk> {
        if let Some(rows) = self.first.remove(key) {
            return self.mentions(&rows, 1);
        }
        let rows = self
            .tx
            .query(
                &format!(
                    "SELECT {MENTION_COLUMNS} FROM mentions m WHERE m.fold_key = $1 AND (m.fold_rank, m.id) > ($2, $3)
                     ORDER BY m.fold_rank, m.id LIMIT {CHUNK}"
                ),
                &[&key, &after.0, &after.1],
            )
            .map_err(|e| self.err(e))?;
        self.mentions(&rows, 0)
    }

    fn set_event(&mut self, id: i64, event: i64, reason: &str) -> Result<()> {
        self.updates.0.push(id);
        self.updates.1.push(event);
        self.updates.2.push(reason.to_string());
        Ok(())
    }

    fn found(&mut self, key: &str, anchor: i64, rank: &str, m: &FoldInput) -> Result<()> {
        self.events.push((key.to_string(), anchor, rank.to_string(), m.clone()));
        Ok(())
    }

    fn lose(&mut self, event: i64) -> Result<()> {
        self.lost.push(event);
        Ok(())
    }
}

/// [`crate::fold::fold_key`] for every key of a batch, on PostgreSQL: the events founded before
/// each key's first new mention and the key's first mentions from there are read for all keys
/// at once, each key folded by [`crate::fold::fold_with`], the writes made together at the end.
pub(super) fn fold_keys(
    tx: &mut Transaction,
    name: &str,
    s: FoldSettings,
    pending: &BTreeMap<String, Pending>,
    now: &str,
) -> Result<Folded> {
    let mut out = Folded::default();
    if pending.is_empty() {
        return Ok(out);
    }
    let err = |e: postgres::Error| super::pg_error(name, e);
    let (mut keys, mut floors, mut los, mut firsts) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (key, p) in pending {
        let (floor, lo) = anchor_bounds(s, p);
        keys.push(key.clone());
        floors.push(floor);
        los.push(lo);
        firsts.push(p.first.clone());
    }
    let mut anchors: HashMap<String, Vec<Anchor>> = HashMap::new();
    for row in tx
        .query(
            "SELECT p.k, e.id, e.date FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS p(k, fl, lo, fi)
             JOIN events e ON e.fold_key = p.k COLLATE \"C\" AND e.date_first >= p.fl COLLATE \"C\"
                  AND e.date_last >= p.lo COLLATE \"C\" AND e.fold_rank < p.fi COLLATE \"C\"
             ORDER BY p.k COLLATE \"C\", e.fold_rank, e.id",
            &[&keys, &floors, &los, &firsts],
        )
        .map_err(err)?
    {
        let (key, event, date): (String, i64, String) = (row.get(0), row.get(1), row.get(2));
        if let Some(date) = EventDate::parse(&date) {
            anchors.entry(key).or_default().push(Anchor { event, date });
        }
    }
    let mut first: HashMap<String, Vec<postgres::Row>> = HashMap::new();
    for row in tx
        .query(
            &format!(
                "SELECT p.k, x.* FROM unnest($1::text[], $2::text[]) AS p(k, fi)
                 CROSS JOIN LATERAL (SELECT {MENTION_COLUMNS} FROM mentions m
                     WHERE m.fold_key = p.k COLLATE \"C\" AND (m.fold_rank, m.id) > (p.fi COLLATE \"C\", {})
                     ORDER BY m.fold_rank, m.id LIMIT {CHUNK}) x",
                i64::MIN
            ),
            &[&keys, &firsts],
        )
        .map_err(err)?
    {
        first.entry(row.get(0)).or_default().push(row);
    }
    let mut io = Gathered {
        tx,
        name,
        first,
        events: Vec::new(),
        updates: Default::default(),
        lost: Vec::new(),
    };
    for (key, p) in pending {
        // a key without a mention from its first pending one on (it has one: just stored)
        io.first.entry(key.clone()).or_default();
        let f = fold_with(
            &mut io,
            s,
            key,
            (p.first.clone(), i64::MIN),
            Some(&p.last),
            anchors.remove(key).unwrap_or_default(),
        )?;
        out.touched.extend(f.touched);
        out.created += f.created;
        out.removed += f.removed;
    }
    let Gathered {
        tx,
        events,
        updates,
        lost,
        ..
    } = io;
    if !events.is_empty() {
        insert_events(tx, &events, now).map_err(err)?;
    }
    if !updates.0.is_empty() {
        tx.execute(
            "UPDATE mentions SET event_id = u.e, fold_reason = u.r
             FROM unnest($1::bigint[], $2::bigint[], $3::text[]) AS u(id, e, r) WHERE mentions.id = u.id",
            &[&updates.0, &updates.1, &updates.2],
        )
        .map_err(err)?;
    }
    if !lost.is_empty() {
        tx.execute("DELETE FROM events WHERE id = ANY($1)", &[&lost])
            .map_err(err)?;
    }
    for e in &lost {
        out.touched.remove(e);
    }
    Ok(out)
}

/// Inserts the events founded (key, anchor, rank, anchor's fields) in one statement.
fn insert_events(tx: &mut Transaction, events: &[Founded], now: &str) -> std::result::Result<(), postgres::Error> {
    let col = |f: &dyn Fn(&Founded) -> Option<String>| -> Vec<Option<String>> { events.iter().map(f).collect() };
    let dates: Vec<Option<EventDate>> = events
        .iter()
        .map(|e| e.3.date.as_deref().and_then(EventDate::parse))
        .collect();
    let keys = col(&|e| Some(e.0.clone()));
    let date = col(&|e| e.3.date.clone());
    let precision = col(&|e| e.3.date_precision.clone());
    let first: Vec<Option<String>> = dates.iter().map(|d| d.map(|d| iso(d.first))).collect();
    let last: Vec<Option<String>> = dates.iter().map(|d| d.map(|d| iso(d.last))).collect();
    let sc = col(&|e| e.3.source_code.clone());
    let sk = col(&|e| e.3.source_country.clone());
    let sn = col(&|e| Some(e.3.source_name.clone()));
    let tc = col(&|e| e.3.target_code.clone());
    let tk = col(&|e| e.3.target_country.clone());
    let tn = col(&|e| Some(e.3.target_name.clone()));
    let cameo = col(&|e| Some(e.3.cameo.clone()));
    let root = col(&|e| Some(e.3.root.clone()));
    let quad: Vec<i64> = events.iter().map(|e| i64::from(e.3.quad_class)).collect();
    let gold: Vec<f64> = events.iter().map(|e| e.3.goldstein).collect();
    let name = col(&|e| Some(e.3.event_name.clone()));
    let ids: Vec<i64> = events.iter().map(|e| e.1).collect();
    let ranks = col(&|e| Some(e.2.clone()));
    tx.execute(
        "INSERT INTO events (fold_key, date, date_precision, date_first, date_last,
             source_code, source_country, source_name, target_code, target_country, target_name,
             cameo, root, quad_class, goldstein, event_name, added_at, id, fold_rank,
             plover_type, plover_mode, plover_context, plover_aux)
         SELECT a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, $17, q, r,
             x.plover_type, x.plover_mode, x.plover_context, x.plover_aux
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
              $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::bigint[],
              $15::float8[], $16::text[], $18::bigint[], $19::text[])
              AS u(a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r)
         JOIN mentions x ON x.id = u.q",
        &[
            &keys, &date, &precision, &first, &last, &sc, &sk, &sn, &tc, &tk, &tn, &cameo, &root, &quad, &gold, &name,
            &now, &ids, &ranks,
        ],
    )?;
    Ok(())
}

/// [`crate::fold::refresh_counts`] on PostgreSQL.
pub(super) fn refresh_counts(tx: &mut Transaction, ids: &BTreeSet<i64>) -> std::result::Result<(), postgres::Error> {
    if ids.is_empty() {
        return Ok(());
    }
    let ids: Vec<i64> = ids.iter().copied().collect();
    tx.execute(
        "UPDATE events SET
            num_mentions = (SELECT count(*) FROM mentions m WHERE m.event_id = events.id),
            num_articles = (SELECT count(DISTINCT m.article_id) FROM mentions m WHERE m.event_id = events.id),
            num_sources = (SELECT count(DISTINCT CASE WHEN a.outlet = '' THEN '#' || a.id ELSE lower(a.outlet) END)
                           FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.event_id = events.id),
            root_event = EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = events.id AND m.sentence = 0),
            location = (SELECT m.location FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.event_id = events.id AND m.location IS NOT NULL ORDER BY m.fold_rank IS NULL, m.fold_rank, a.article, m.sentence, m.location LIMIT 1),
            geo_name = (SELECT m.location::json ->> 'name' FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.event_id = events.id AND m.location IS NOT NULL ORDER BY m.fold_rank IS NULL, m.fold_rank, a.article, m.sentence, m.location LIMIT 1),
            geo_adm1 = (SELECT m.location::json ->> 'adm1' FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.event_id = events.id AND m.location IS NOT NULL ORDER BY m.fold_rank IS NULL, m.fold_rank, a.article, m.sentence, m.location LIMIT 1),
            geo_country = (SELECT m.location::json ->> 'country' FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.event_id = events.id AND m.location IS NOT NULL ORDER BY m.fold_rank IS NULL, m.fold_rank, a.article, m.sentence, m.location LIMIT 1),
            geo_lat = (SELECT (m.location::json ->> 'lat')::float8 FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.event_id = events.id AND m.location IS NOT NULL ORDER BY m.fold_rank IS NULL, m.fold_rank, a.article, m.sentence, m.location LIMIT 1),
            geo_lon = (SELECT (m.location::json ->> 'lon')::float8 FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.event_id = events.id AND m.location IS NOT NULL ORDER BY m.fold_rank IS NULL, m.fold_rank, a.article, m.sentence, m.location LIMIT 1)
         WHERE id = ANY($1)",
        &[&ids],
    )?;
    Ok(())
}
