//! Folding on PostgreSQL: [`crate::fold`]'s algorithm over a PostgreSQL transaction, for all
//! the fold keys of a batch at once (a round trip per key and step cost most of the ingest
//! time): the reads for every key in one query each, the writes together at the end. The two
//! must stay in step; `tests/pg.rs` checks that a corpus folds into the same events on both
//! backends.

use crate::dates::{iso, EventDate};
use crate::fold::{compare_dates, joined_reason, FoldInput, FoldSettings, Folded, Pending, FIRST_DATED, FIRST_UNDATED};
use chrono::{Duration, NaiveDate};
use dyad::event::Event;
use postgres::Transaction;
use std::collections::{BTreeMap, BTreeSet, HashMap};

impl FoldInput {
    /// What folding reads of a coded event.
    pub(crate) fn of(e: &Event) -> FoldInput {
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
}

fn found_event(
    tx: &mut Transaction,
    key: &str,
    anchor: i64,
    rank: Option<&str>,
    m: &FoldInput,
    now: &str,
) -> Result<i64, postgres::Error> {
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
) -> Result<i64, postgres::Error> {
    let event = found_event(tx, key, id, None, m, now)?;
    tx.execute(
        "UPDATE mentions SET event_id = $1, fold_reason = $2 WHERE id = $3",
        &[&event, &FIRST_UNDATED, &id],
    )?;
    Ok(event)
}

struct Anchor {
    event: i64,
    date: EventDate,
}

struct Mention {
    id: i64,
    rank: String,
    date: EventDate,
    input: FoldInput,
    event: Option<i64>,
    was_anchor: bool,
}

/// An event founded by a mention: its key, id (the mention's), fold rank and fields.
type Founded = (String, i64, String, FoldInput);

/// Writes folding decided, made together at the end of a batch (a statement each was most of
/// the time): the reads of folding only see mentions after those updated, and events of their
/// own key.
#[derive(Default)]
struct Writes {
    /// Events founded: their rows.
    events: Vec<Founded>,
    /// (mention, event, reason).
    updates: (Vec<i64>, Vec<i64>, Vec<String>),
    /// Events no mention founds any more.
    lost: Vec<i64>,
}

const READ: &str = "m.id, m.fold_rank, m.date, m.source_code, m.source_country, m.source_name, m.target_code,
    m.target_country, m.target_name, m.cameo, m.root, m.quad_class, m.goldstein, m.event_name,
    m.date_precision, m.event_id, m.event_id IS NOT DISTINCT FROM m.id";

/// Mentions read per key and query.
const CHUNK: usize = 512;

/// [`crate::fold::fold_key`] for every key of a batch, on PostgreSQL: the events founded before
/// each key's first new mention and the key's first mentions from there are read for all keys
/// at once, the writes made together at the end.
pub(super) fn fold_keys(
    tx: &mut Transaction,
    s: FoldSettings,
    pending: &BTreeMap<String, Pending>,
    now: &str,
) -> Result<Folded, postgres::Error> {
    let mut out = Folded::default();
    if pending.is_empty() {
        return Ok(out);
    }
    let window = Duration::days(i64::from(s.window_days));
    let (mut keys, mut floors, mut los, mut firsts) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (key, p) in pending {
        let lo = p.first_date.first.checked_sub_signed(window).unwrap_or(NaiveDate::MIN);
        // No date spans more than a year, so the index range stays short.
        let floor = lo.checked_sub_signed(Duration::days(366)).unwrap_or(NaiveDate::MIN);
        keys.push(key.clone());
        floors.push(iso(floor));
        los.push(iso(lo));
        firsts.push(p.first.clone());
    }
    let mut anchors: HashMap<String, Vec<Anchor>> = HashMap::new();
    for row in tx.query(
        "SELECT p.k, e.id, e.date FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS p(k, fl, lo, fi)
         JOIN events e ON e.fold_key = p.k COLLATE \"C\" AND e.date_first >= p.fl COLLATE \"C\"
              AND e.date_last >= p.lo COLLATE \"C\" AND e.fold_rank < p.fi COLLATE \"C\"
         ORDER BY p.k COLLATE \"C\", e.fold_rank, e.id",
        &[&keys, &floors, &los, &firsts],
    )? {
        let (key, event, date): (String, i64, String) = (row.get(0), row.get(1), row.get(2));
        if let Some(date) = EventDate::parse(&date) {
            anchors.entry(key).or_default().push(Anchor { event, date });
        }
    }
    let mut first: HashMap<String, Vec<postgres::Row>> = HashMap::new();
    for row in tx.query(
        &format!(
            "SELECT p.k, x.* FROM unnest($1::text[], $2::text[]) AS p(k, fi)
             CROSS JOIN LATERAL (SELECT {READ} FROM mentions m
                 WHERE m.fold_key = p.k COLLATE \"C\" AND (m.fold_rank, m.id) > (p.fi COLLATE \"C\", {})
                 ORDER BY m.fold_rank, m.id LIMIT {CHUNK}) x",
            i64::MIN
        ),
        &[&keys, &firsts],
    )? {
        first.entry(row.get(0)).or_default().push(row);
    }
    let mut w = Writes::default();
    for (key, p) in pending {
        let f = fold_key(
            tx,
            s,
            key,
            p,
            anchors.remove(key).unwrap_or_default(),
            first.remove(key).unwrap_or_default(),
            &mut w,
        )?;
        out.touched.extend(f.touched);
        out.created += f.created;
        out.removed += f.removed;
    }
    if !w.events.is_empty() {
        insert_events(tx, &w.events, now)?;
    }
    if !w.updates.0.is_empty() {
        tx.execute(
            "UPDATE mentions SET event_id = u.e, fold_reason = u.r
             FROM unnest($1::bigint[], $2::bigint[], $3::text[]) AS u(id, e, r) WHERE mentions.id = u.id",
            &[&w.updates.0, &w.updates.1, &w.updates.2],
        )?;
    }
    if !w.lost.is_empty() {
        tx.execute("DELETE FROM events WHERE id = ANY($1)", &[&w.lost])?;
    }
    Ok(out)
}

/// Inserts the events founded (key, anchor, rank, anchor's fields) in one statement.
fn insert_events(tx: &mut Transaction, events: &[Founded], now: &str) -> Result<(), postgres::Error> {
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

/// One key's fold, from its first new mention: `anchors` the events founded before it that it
/// could join, `rows` the key's first mentions from there.
fn fold_key(
    tx: &mut Transaction,
    s: FoldSettings,
    key: &str,
    pending: &Pending,
    mut anchors: Vec<Anchor>,
    rows: Vec<postgres::Row>,
    w: &mut Writes,
) -> Result<Folded, postgres::Error> {
    let mut out = Folded::default();
    let window = Duration::days(i64::from(s.window_days));
    let mut horizon = NaiveDate::MIN;
    let mut next = Some(rows);
    // The rows carry the key first when prefetched.
    let mut offset = 1;
    'chunks: loop {
        let rows = match next.take() {
            Some(r) => r,
            None => break,
        };
        let full = rows.len() >= CHUNK;
        let chunk: Vec<Mention> = rows
            .iter()
            .filter_map(|r| {
                let g = |i: usize| i + offset;
                let date: Option<String> = r.get(g(2));
                let d = date.as_deref().and_then(EventDate::parse)?;
                Some(Mention {
                    id: r.get(g(0)),
                    rank: r.get(g(1)),
                    date: d,
                    input: FoldInput {
                        source_code: r.get(g(3)),
                        source_country: r.get(g(4)),
                        source_name: r.get(g(5)),
                        target_code: r.get(g(6)),
                        target_country: r.get(g(7)),
                        target_name: r.get(g(8)),
                        cameo: r.get(g(9)),
                        root: r.get(g(10)),
                        quad_class: r.get::<_, i64>(g(11)).clamp(0, 255) as u8,
                        goldstein: r.get(g(12)),
                        event_name: r.get(g(13)),
                        date,
                        date_precision: r.get(g(14)),
                    },
                    event: r.get(g(15)),
                    was_anchor: r.get::<_, Option<bool>>(g(16)).unwrap_or(false),
                })
            })
            .collect();
        // The last row read, dated or not, moves the cursor on.
        let Some(last) = rows.last() else {
            break;
        };
        let after: (String, i64) = (last.get(1 + offset), last.get(offset));
        for m in chunk {
            let past_pending = m.rank > pending.last;
            if past_pending && m.date.first > horizon {
                break 'chunks;
            }
            anchors.retain(|a| {
                a.date
                    .last
                    .checked_add_signed(window)
                    .is_none_or(|end| end >= m.date.first)
            });
            let mut best: Option<(i64, usize, String)> = None;
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
                        if let Some(e) = m.event {
                            w.lost.push(e);
                            out.removed += 1;
                        }
                    }
                    if m.was_anchor || m.event != Some(a.event) {
                        let reason = joined_reason(s, &m.input, m.date, a.date, &why);
                        w.updates.0.push(m.id);
                        w.updates.1.push(a.event);
                        w.updates.2.push(reason);
                        out.touched.insert(a.event);
                        out.touched.extend(m.event);
                    }
                }
                None => {
                    let event = match (m.was_anchor, m.event) {
                        (true, Some(e)) => e,
                        _ => {
                            horizon = horizon.max(reach);
                            let e = m.id;
                            w.updates.0.push(m.id);
                            w.updates.1.push(e);
                            w.updates.2.push(FIRST_DATED.to_string());
                            out.created += 1;
                            out.touched.insert(e);
                            out.touched.extend(m.event);
                            w.events.push((key.to_string(), e, m.rank.clone(), m.input.clone()));
                            e
                        }
                    };
                    anchors.push(Anchor { event, date: m.date });
                }
            }
        }
        if full {
            next = Some(tx.query(
                &format!(
                    "SELECT {READ} FROM mentions m WHERE m.fold_key = $1 AND (m.fold_rank, m.id) > ($2, $3)
                     ORDER BY m.fold_rank, m.id LIMIT {CHUNK}"
                ),
                &[&key, &after.0, &after.1],
            )?);
            offset = 0;
        }
    }
    for e in &w.lost {
        out.touched.remove(e);
    }
    Ok(out)
}

/// [`crate::fold::refresh_counts`] on PostgreSQL.
pub(super) fn refresh_counts(tx: &mut Transaction, ids: &BTreeSet<i64>) -> Result<(), postgres::Error> {
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
