//! Folding on PostgreSQL: [`crate::fold`]'s algorithm, statement for statement, over a
//! PostgreSQL transaction. The two must stay in step; `tests/pg.rs` checks that a corpus folds
//! into the same events on both backends.

use crate::dates::{iso, EventDate};
use crate::fold::{compare_dates, joined_reason, FoldInput, FoldSettings, Folded, Pending, FIRST_DATED, FIRST_UNDATED};
use chrono::{Duration, NaiveDate};
use dyad::event::Event;
use postgres::Transaction;
use std::collections::BTreeSet;

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
             cameo, root, quad_class, goldstein, event_name, added_at, id, fold_rank)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)",
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

/// [`crate::fold::fold_key`] on PostgreSQL.
pub(super) fn fold_key(
    tx: &mut Transaction,
    s: FoldSettings,
    key: &str,
    pending: Option<&Pending>,
    now: &str,
) -> Result<Folded, postgres::Error> {
    let mut out = Folded::default();
    let window = Duration::days(i64::from(s.window_days));
    let mut anchors: Vec<Anchor> = Vec::new();
    if let Some(p) = pending {
        let lo = p.first_date.first.checked_sub_signed(window).unwrap_or(NaiveDate::MIN);
        let floor = lo.checked_sub_signed(Duration::days(366)).unwrap_or(NaiveDate::MIN);
        let rows = tx.query(
            "SELECT id, date FROM events
             WHERE fold_key = $1 AND date_first >= $2 AND date_last >= $3 AND fold_rank < $4
             ORDER BY fold_rank, id",
            &[&key, &iso(floor), &iso(lo), &p.first],
        )?;
        for row in rows {
            let (event, date): (i64, String) = (row.get(0), row.get(1));
            if let Some(date) = EventDate::parse(&date) {
                anchors.push(Anchor { event, date });
            }
        }
    }
    let mut horizon = NaiveDate::MIN;
    let mut lost: Vec<i64> = Vec::new();
    let mut after: (String, i64) = (pending.map(|p| p.first.clone()).unwrap_or_default(), i64::MIN);
    let read = tx.prepare(
        "SELECT m.id, m.fold_rank, m.date, m.source_code, m.source_country, m.source_name, m.target_code,
            m.target_country, m.target_name, m.cameo, m.root, m.quad_class, m.goldstein, m.event_name,
            m.date_precision, m.event_id, m.event_id IS NOT DISTINCT FROM m.id
         FROM mentions m
         WHERE m.fold_key = $1 AND (m.fold_rank, m.id) > ($2, $3)
         ORDER BY m.fold_rank, m.id LIMIT 512",
    )?;
    // (mention, event, reason): written together at the end; the reads below only see
    // mentions after those updated.
    let mut updates: (Vec<i64>, Vec<i64>, Vec<String>) = Default::default();
    'chunks: loop {
        let rows = tx.query(&read, &[&key, &after.0, &after.1])?;
        let chunk: Vec<Mention> = rows
            .iter()
            .filter_map(|r| {
                let date: Option<String> = r.get(2);
                let d = date.as_deref().and_then(EventDate::parse)?;
                Some(Mention {
                    id: r.get(0),
                    rank: r.get(1),
                    date: d,
                    input: FoldInput {
                        source_code: r.get(3),
                        source_country: r.get(4),
                        source_name: r.get(5),
                        target_code: r.get(6),
                        target_country: r.get(7),
                        target_name: r.get(8),
                        cameo: r.get(9),
                        root: r.get(10),
                        quad_class: r.get::<_, i64>(11).clamp(0, 255) as u8,
                        goldstein: r.get(12),
                        event_name: r.get(13),
                        date,
                        date_precision: r.get(14),
                    },
                    event: r.get(15),
                    was_anchor: r.get::<_, Option<bool>>(16).unwrap_or(false),
                })
            })
            .collect();
        // The last row read, dated or not, moves the cursor on.
        let Some(last) = rows.last() else {
            break;
        };
        after = (last.get(1), last.get(0));
        for m in chunk {
            let past_pending = pending.is_some_and(|p| m.rank > p.last);
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
                        lost.extend(m.event);
                    }
                    if m.was_anchor || m.event != Some(a.event) {
                        let reason = joined_reason(s, &m.input, m.date, a.date, &why);
                        updates.0.push(m.id);
                        updates.1.push(a.event);
                        updates.2.push(reason);
                        out.touched.insert(a.event);
                        out.touched.extend(m.event);
                    }
                }
                None => {
                    let event = match (m.was_anchor, m.event) {
                        (true, Some(e)) => e,
                        _ => {
                            horizon = horizon.max(reach);
                            let e = found_event(tx, key, m.id, Some(&m.rank), &m.input, now)?;
                            updates.0.push(m.id);
                            updates.1.push(e);
                            updates.2.push(FIRST_DATED.to_string());
                            out.created += 1;
                            out.touched.insert(e);
                            out.touched.extend(m.event);
                            e
                        }
                    };
                    anchors.push(Anchor { event, date: m.date });
                }
            }
        }
    }
    if !updates.0.is_empty() {
        tx.execute(
            "UPDATE mentions SET event_id = u.e, fold_reason = u.r
             FROM unnest($1::bigint[], $2::bigint[], $3::text[]) AS u(id, e, r) WHERE mentions.id = u.id",
            &[&updates.0, &updates.1, &updates.2],
        )?;
    }
    for e in lost {
        tx.execute("DELETE FROM events WHERE id = $1", &[&e])?;
        out.touched.remove(&e);
        out.removed += 1;
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
            num_sources = (SELECT count(DISTINCT lower(a.outlet)) FROM mentions m JOIN articles a ON a.id = m.article_id
                           WHERE m.event_id = events.id),
            root_event = EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = events.id AND m.sentence = 0)
         WHERE id = ANY($1)",
        &[&ids],
    )?;
    Ok(())
}
