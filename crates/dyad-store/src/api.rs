//! Queries for programs and pages over the store (the HTTP API of `dyad serve`): pages of
//! canonical events, newest first, with a cursor; one event with every mention and its
//! highlighted spans; the most active country pairs with their change in Goldstein mean; an
//! actor's counterparts; and what a stored article gave.
//!
//! Every value from outside is bound as an SQL parameter; filters are checked as in
//! [`crate::query`] and refused with [`StoreError::Invalid`] naming the parameter.

use crate::dates::iso;
use crate::query::EventSource;
use crate::query::{country_arg, event_row, round1, ActorRef, CanonicalEvent, Explained, Filter, EVENT_COLUMN_COUNT};
use crate::sql::{int, text, Row, Value};
use crate::{Result, StoreError};
use chrono::{Duration, NaiveDate};
use serde::Serialize;
use std::collections::BTreeMap;

/// The most events one page may hold.
pub const MAX_PAGE: usize = 500;

/// Where a page of events, newest first, goes on from: the last event of the page before.
///
/// Written as `DATE~ID` ("2023-02-12~41") for a dated event, `~ID` for an undated one (undated
/// events come after all dated ones).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cursor {
    /// The first day the event's date covers, or `None` for an undated event.
    pub date_first: Option<NaiveDate>,
    /// The event's id.
    pub id: i64,
}

impl Cursor {
    /// Reads a cursor as [`Cursor`]'s `Display` writes it.
    pub fn parse(s: &str) -> Result<Cursor> {
        let bad = || {
            StoreError::Invalid(format!(
                "cursor {s:?}: expected the `next` value of a previous page, such as 2023-02-12~41"
            ))
        };
        let (date, id) = s.split_once('~').ok_or_else(bad)?;
        let id: i64 = id.parse().map_err(|_| bad())?;
        let date_first = match date {
            "" => None,
            d => Some(NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| bad())?),
        };
        Ok(Cursor { date_first, id })
    }
}

impl std::fmt::Display for Cursor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.date_first {
            Some(d) => write!(f, "{}~{}", iso(d), self.id),
            None => write!(f, "~{}", self.id),
        }
    }
}

/// A filter of the API: a [`Filter`] (its `limit` is ignored; pages have their own), and
/// optionally a pair of countries, either one acting.
#[derive(Clone, Debug, Default)]
pub struct ApiFilter {
    /// The filter of `dyad events`.
    pub filter: Filter,
    /// Two countries (ISO 3166 alpha-3 or CAMEO), events between them in either direction.
    pub pair: Option<(String, String)>,
}

impl ApiFilter {
    /// The WHERE clause (over `events e`) and its parameters.
    fn sql(&self) -> Result<(String, Vec<Value>)> {
        let base = Filter {
            limit: None,
            ..self.filter.clone()
        };
        let (mut w, mut p) = base.sql()?;
        if let Some((a, b)) = &self.pair {
            let a = country_arg(a).map_err(|e| StoreError::Invalid(format!("a {e}")))?;
            let b = country_arg(b).map_err(|e| StoreError::Invalid(format!("b {e}")))?;
            p.push(Value::Text(a));
            let a = format!("?{}", p.len());
            p.push(Value::Text(b));
            let b = format!("?{}", p.len());
            w.push_str(" AND ");
            w.push_str(&crate::query::pair_clause(&a, &b));
        }
        Ok((w, p))
    }
}

/// A piece of a sentence: plain text, or the source, target or trigger of the event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Segment {
    /// The text.
    pub text: String,
    /// `"source"`, `"target"`, `"trigger"`, or absent for plain text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<&'static str>,
}

/// Spans of one mention, in the article's text (bytes).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct MentionSpans {
    /// The source actor.
    pub source: [usize; 2],
    /// The target actor.
    pub target: [usize; 2],
    /// The trigger (verb or event noun).
    pub trigger: [usize; 2],
}

/// A canonical event of a page: the event and its first mention's sentence cut into segments.
#[derive(Clone, Debug, Serialize)]
pub struct EventItem {
    /// The event (with `text`, its first mention's sentence).
    #[serde(flatten)]
    pub event: CanonicalEvent,
    /// The first mention's publication date and outlet.
    pub published: Option<String>,
    /// The first mention's outlet.
    pub outlet: String,
    /// The trigger (verb or event noun) of the first mention.
    pub trigger: String,
    /// Where the first mention's date came from (`evidence.date_source`).
    pub date_source: String,
    /// `text` cut at the source, target and trigger, for highlighting.
    pub segments: Vec<Segment>,
}

/// One page of events.
#[derive(Clone, Debug, Serialize)]
pub struct EventPage {
    /// The events, newest first (undated last), then by id, descending.
    pub events: Vec<EventItem>,
    /// How many events match the filter in all.
    pub total: u64,
    /// The cursor of the next page, or null on the last.
    pub next: Option<String>,
}

/// One mention as [`EventDetail`] shows it: [`crate::query::MentionDetail`] with spans.
#[derive(Clone, Debug, Serialize)]
pub struct MentionView {
    /// The mention, its article and evidence.
    #[serde(flatten)]
    pub mention: crate::query::MentionDetail,
    /// Source, target and trigger spans in the article's text (bytes).
    pub spans: MentionSpans,
    /// The trigger.
    pub trigger: String,
    /// The sentence cut at the source, target and trigger.
    pub segments: Vec<Segment>,
    /// The source actor's knowledge-base entries and chain, as stored.
    pub source_actor: serde_json::Value,
    /// The target actor's knowledge-base entries and chain, as stored.
    pub target_actor: serde_json::Value,
}

/// A canonical event with every mention, its sentence, spans and evidence.
#[derive(Clone, Debug, Serialize)]
pub struct EventDetail {
    /// The event.
    pub event: CanonicalEvent,
    /// The folding rules in force.
    pub fold: FoldView,
    /// Its mentions, in ingestion order.
    pub mentions: Vec<MentionView>,
}

/// The folding rules, as JSON shows them.
#[derive(Clone, Debug, Serialize)]
pub struct FoldView {
    /// `root`, `base` or `full`.
    pub level: &'static str,
    /// Days two day-precise dates may be apart.
    pub window_days: u32,
}

/// A country pair's activity in a period and the change against the period before.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DyadSummary {
    /// The alphabetically first country.
    pub a: String,
    /// The other.
    pub b: String,
    /// Canonical events between them (either direction) in the period.
    pub events: u64,
    /// Events per quad class (verbal and material cooperation, verbal and material conflict).
    pub quad_counts: [u64; 4],
    /// Mean Goldstein value in the period.
    pub goldstein_mean: f64,
    /// Mean Goldstein value in the previous period of the same length, null without events.
    pub previous_mean: Option<f64>,
    /// Events in the previous period.
    pub previous_events: u64,
    /// `goldstein_mean - previous_mean`, null when the previous period had no events.
    pub change: Option<f64>,
    /// Goldstein mean per month of the period (null for a month without events), for a
    /// sparkline: `months[i]` is the i-th month from the period's first.
    pub monthly: Vec<Option<f64>>,
}

/// The most active dyads of a period.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Dyads {
    /// First day of the period.
    pub since: String,
    /// Last day of the period.
    pub until: String,
    /// First day of the previous period (which ends the day before `since`).
    pub previous_since: String,
    /// The months of `monthly`, "YYYY-MM".
    pub months: Vec<String>,
    /// The pairs, most events first.
    pub dyads: Vec<DyadSummary>,
}

/// One counterpart of an actor.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Counterpart {
    /// CAMEO actor code, or null for an uncoded actor.
    pub code: Option<String>,
    /// Country, or null.
    pub country: Option<String>,
    /// The name it is most often written with.
    pub name: String,
    /// Events between them.
    pub events: u64,
    /// Events in which the actor acted on the counterpart.
    pub outgoing: u64,
    /// Events in which the counterpart acted on the actor.
    pub incoming: u64,
    /// Cooperation events (quad classes 1 and 2).
    pub cooperation: u64,
    /// Conflict events (quad classes 3 and 4).
    pub conflict: u64,
    /// Mean Goldstein value.
    pub goldstein_mean: f64,
}

/// What a stored article gave: its id in the store, its name and its canonical events.
#[derive(Clone, Debug, Serialize)]
pub struct ArticleResult {
    /// The article's row id.
    pub id: i64,
    /// Its name (path or id).
    pub article: String,
    /// Its title.
    pub title: Option<String>,
    /// Its publication date.
    pub date: Option<String>,
    /// The canonical events its mentions belong to, by id.
    pub events: Vec<CanonicalEvent>,
}

/// The columns of [`crate::query`]'s event rows (in its order) and the founding mention's
/// spans (the mention whose id the event has), evidence, publication date and outlet, for the
/// events whose ids `page` (a subquery over `events e`) selects: the page is chosen on the
/// events alone, and only its rows are joined.
fn item_select(page: &str) -> String {
    format!(
        "SELECT e.id, e.date, e.date_precision, e.source_code, e.source_country, e.source_name,
            e.target_code, e.target_country, e.target_name, e.cameo, e.root, e.quad_class, e.goldstein,
            e.event_name, e.num_mentions, e.num_sources, e.num_articles, e.root_event, e.added_at, a.name,
            m.sentence, m.text,
            (SELECT min(ra.date) FROM mentions rm JOIN articles ra ON ra.id = rm.article_id WHERE rm.event_id = e.id),
            a.url, a.outlet, coalesce(json_extract(m.evidence, '$.mood'), 'fact'),
            e.plover_type, e.plover_mode, e.plover_context, e.plover_aux, e.location,
            m.source_start, m.source_end, m.target_start, m.target_end, m.evidence, a.date,
            a.outlet, m.source_name, m.target_name
         FROM ({page}) p
         JOIN events e ON e.id = p.id
         JOIN mentions m ON m.id = e.id
         JOIN articles a ON a.id = m.article_id"
    )
}

fn span(r: &Row, i: usize) -> Result<[usize; 2]> {
    let s: i64 = r.get(i)?;
    let e: i64 = r.get(i + 1)?;
    Ok([s.max(0) as usize, e.max(0) as usize])
}

/// The trigger, its span and the date's source from a mention's evidence JSON.
fn trigger_of(evidence: &str) -> (String, [usize; 2], String) {
    let v: serde_json::Value = serde_json::from_str(evidence).unwrap_or_default();
    let n = |k: &str| v["trigger_span"][k].as_u64().unwrap_or(0) as usize;
    let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
    (s("trigger"), [n("start"), n("end")], s("date_source"))
}

/// Where the sentence `text` starts in its article, found from the spans of words whose text
/// is known: the offset at which every known word's span shows that word, if one does.
fn sentence_offset(text: &str, known: &[(&str, [usize; 2])]) -> Option<usize> {
    let (anchor, at) = known.iter().find(|(w, s)| !w.is_empty() && s[1] > s[0])?;
    for (i, _) in text.match_indices(anchor) {
        let Some(offset) = at[0].checked_sub(i) else {
            continue;
        };
        let fits = known.iter().all(|(w, s)| {
            w.is_empty()
                || s[1] <= s[0]
                || s[0]
                    .checked_sub(offset)
                    .and_then(|a| text.get(a..a + (s[1] - s[0])))
                    .is_some_and(|t| t == *w)
        });
        if fits {
            return Some(offset);
        }
    }
    None
}

/// Cuts `text` into plain and highlighted segments. `spans` are in the article's text; the
/// sentence's own offset is found from the words (`known`: name or trigger with its span).
/// Spans that cannot be placed, or overlap one placed before, are left plain.
pub fn segments(text: &str, spans: &MentionSpans, names: (&str, &str, &str)) -> Vec<Segment> {
    let known = [
        (names.2, spans.trigger),
        (names.0, spans.source),
        (names.1, spans.target),
    ];
    // Every word where it is written; else the trigger, the source or the target alone (a
    // name may be written otherwise than the span shows, as "he" for Erdogan).
    let found = sentence_offset(text, &known).or_else(|| {
        known
            .iter()
            .find_map(|k| sentence_offset(text, std::slice::from_ref(k)))
    });
    let Some(offset) = found else {
        return vec![Segment {
            text: text.to_string(),
            role: None,
        }];
    };
    let mut marks: Vec<(usize, usize, &'static str)> = [
        (spans.source, "source"),
        (spans.target, "target"),
        (spans.trigger, "trigger"),
    ]
    .into_iter()
    .filter_map(|(s, role)| {
        let a = s[0].checked_sub(offset)?;
        let b = s[1].checked_sub(offset)?;
        (a < b && b <= text.len() && text.is_char_boundary(a) && text.is_char_boundary(b)).then_some((a, b, role))
    })
    .collect();
    marks.sort();
    let mut out = Vec::new();
    let mut at = 0;
    for (a, b, role) in marks {
        if a < at {
            continue;
        }
        if a > at {
            out.push(Segment {
                text: text[at..a].to_string(),
                role: None,
            });
        }
        out.push(Segment {
            text: text[a..b].to_string(),
            role: Some(role),
        });
        at = b;
    }
    if at < text.len() {
        out.push(Segment {
            text: text[at..].to_string(),
            role: None,
        });
    }
    out
}

fn item_row(r: &Row) -> Result<EventItem> {
    let event = event_row(r)?;
    // the columns after those of a canonical event (`query::EVENT_COLUMNS`' order)
    let n = EVENT_COLUMN_COUNT;
    let spans_source = span(r, n)?;
    let spans_target = span(r, n + 2)?;
    let evidence: String = r.get(n + 4)?;
    let (trigger, trigger_span, date_source) = trigger_of(&evidence);
    let spans = MentionSpans {
        source: spans_source,
        target: spans_target,
        trigger: trigger_span,
    };
    let source_name: String = r.get(n + 7)?;
    let target_name: String = r.get(n + 8)?;
    let segments = segments(&event.text, &spans, (&source_name, &target_name, &trigger));
    Ok(EventItem {
        published: r.get(n + 5)?,
        outlet: r.get(n + 6)?,
        trigger,
        date_source,
        segments,
        event,
    })
}

/// The number of months from `since` to `until` when they are the first and last days of
/// whole months.
fn whole_months(since: NaiveDate, until: NaiveDate) -> Option<u32> {
    use chrono::Datelike;
    let next = until + Duration::days(1);
    if since.day() != 1 || next.day() != 1 {
        return None;
    }
    let months = (next.year() - since.year()) * 12 + next.month() as i32 - since.month() as i32;
    u32::try_from(months).ok().filter(|&m| m > 0)
}

/// Days in a period from `since` to `until`, both included.
fn days(since: NaiveDate, until: NaiveDate) -> i64 {
    (until - since).num_days() + 1
}

/// A page of at most `limit` canonical events matching `f`, newest first (undated last),
/// after `cursor`; with the number of all matching events and the next page's cursor.
pub(crate) fn event_page<S: EventSource + ?Sized>(
    s: &S,
    f: &ApiFilter,
    cursor: Option<&Cursor>,
    limit: usize,
) -> Result<EventPage> {
    if limit == 0 || limit > MAX_PAGE {
        return Err(StoreError::Invalid(format!(
            "limit {limit}: a page holds 1 to {MAX_PAGE} events"
        )));
    }
    let (w, p) = f.sql()?;
    // Without a filter, SQLite counts the rows of a b-tree without stepping through them.
    let count = if w == "TRUE" {
        "SELECT count(*) FROM events".to_string()
    } else {
        format!("SELECT count(*) FROM events e WHERE {w}")
    };
    let total: i64 = s.query_one(&count, &p)?.get(0)?;
    let mut events = Vec::new();
    // Two walks, each along an index: dated events by (date_first, id) descending, then
    // undated ones by id descending.
    let in_dated = cursor.is_none_or(|c| c.date_first.is_some());
    if in_dated {
        let mut q = p.clone();
        let mut w = format!("{w} AND e.date_first IS NOT NULL");
        if let Some(Cursor {
            date_first: Some(d),
            id,
        }) = cursor
        {
            q.push(Value::Text(iso(*d)));
            let d = q.len();
            q.push(Value::Integer(*id));
            let i = q.len();
            w.push_str(&format!(
                " AND (e.date_first < ?{d} OR (e.date_first = ?{d} AND e.id < ?{i}))"
            ));
        }
        q.push(Value::Integer(limit as i64 + 1));
        let sql = format!(
            "{} ORDER BY e.date_first DESC, e.id DESC",
            item_select(&format!(
                "SELECT e.id FROM events e WHERE {w} ORDER BY e.date_first DESC, e.id DESC LIMIT ?{}",
                q.len()
            ))
        );
        collect_items(s, &sql, q, &mut events)?;
    }
    if events.len() <= limit {
        let mut q = p;
        let mut w = format!("{w} AND e.date_first IS NULL");
        if let Some(Cursor { date_first: None, id }) = cursor {
            q.push(Value::Integer(*id));
            w.push_str(&format!(" AND e.id < ?{}", q.len()));
        }
        q.push(Value::Integer((limit + 1 - events.len()) as i64));
        let sql = format!(
            "{} ORDER BY e.id DESC",
            item_select(&format!(
                "SELECT e.id FROM events e WHERE {w} ORDER BY e.id DESC LIMIT ?{}",
                q.len()
            ))
        );
        collect_items(s, &sql, q, &mut events)?;
    }
    let next = if events.len() > limit {
        events.truncate(limit);
        events.last().map(|e| {
            Cursor {
                date_first: e
                    .event
                    .date
                    .as_deref()
                    .and_then(crate::dates::EventDate::parse)
                    .map(|d| d.first),
                id: e.event.id,
            }
            .to_string()
        })
    } else {
        None
    };
    Ok(EventPage {
        events,
        total: total as u64,
        next,
    })
}

fn collect_items<S: EventSource + ?Sized>(s: &S, sql: &str, p: Vec<Value>, out: &mut Vec<EventItem>) -> Result<()> {
    s.query_each(sql, &p, &mut |r| {
        out.push(item_row(&r)?);
        Ok(())
    })
}

/// A canonical event with every mention: its article, sentence (cut into segments),
/// spans, evidence and actors' knowledge-base entries. `None` when there is no such event.
pub(crate) fn event_detail<S: EventSource + ?Sized>(s: &S, id: i64) -> Result<Option<EventDetail>> {
    let Some(Explained {
        event,
        settings,
        mentions,
    }) = s.explain(id)?
    else {
        return Ok(None);
    };
    type Extra = (MentionSpans, String, String);
    let mut extra: BTreeMap<i64, Extra> = BTreeMap::new();
    s.query_each(
        "SELECT id, source_start, source_end, target_start, target_end, source_json, target_json
         FROM mentions WHERE event_id = ?1",
        &[int(id)],
        &mut |r| {
            let spans = MentionSpans {
                source: span(&r, 1)?,
                target: span(&r, 3)?,
                trigger: [0, 0],
            };
            extra.insert(r.get(0)?, (spans, r.get(5)?, r.get(6)?));
            Ok(())
        },
    )?;
    let json = |s: &str| serde_json::from_str(s).unwrap_or(serde_json::Value::Null);
    let mentions = mentions
        .into_iter()
        .map(|m| {
            let (mut spans, s, t) = extra.remove(&m.id).unwrap_or_default();
            let trigger = m.evidence["trigger"].as_str().unwrap_or_default().to_string();
            let n = |k: &str| m.evidence["trigger_span"][k].as_u64().unwrap_or(0) as usize;
            spans.trigger = [n("start"), n("end")];
            let segments = segments(&m.text, &spans, (&m.source.name, &m.target.name, &trigger));
            MentionView {
                spans,
                trigger,
                segments,
                source_actor: json(&s),
                target_actor: json(&t),
                mention: m,
            }
        })
        .collect();
    Ok(Some(EventDetail {
        event,
        fold: FoldView {
            level: settings.level.as_str(),
            window_days: settings.window_days,
        },
        mentions,
    }))
}

/// The `limit` country pairs with the most canonical events between them (either
/// direction, by the events' `country` fields) from `since` to `until` (both included;
/// `until` defaults to the end of the month of the newest event dated to the day, `since`
/// to the first day of the twelve months that end there), with
/// their Goldstein mean per month and its change against the previous period of the same
/// length (the same number of months when the period is whole months, else of days).
pub(crate) fn dyads<S: EventSource + ?Sized>(
    s: &S,
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
    limit: usize,
) -> Result<Dyads> {
    let until = match until {
        Some(u) => u,
        None => {
            let last = s.last_event_day()?.unwrap_or_else(|| chrono::Utc::now().date_naive());
            chrono::Datelike::with_day(&last, 1)
                .and_then(|m| m.checked_add_months(chrono::Months::new(1)))
                .map(|m| m - Duration::days(1))
                .unwrap_or(last)
        }
    };
    let since = since.unwrap_or_else(|| {
        until
            .checked_sub_months(chrono::Months::new(12))
            .map(|d| d + Duration::days(1))
            .unwrap_or(until)
    });
    if since > until {
        return Err(StoreError::Invalid(format!(
            "since {}: after until {}",
            iso(since),
            iso(until)
        )));
    }
    let previous_until = since - Duration::days(1);
    let previous_since = match whole_months(since, until) {
        Some(n) => since.checked_sub_months(chrono::Months::new(n)).unwrap_or(since),
        None => previous_until - Duration::days(days(since, until) - 1),
    };
    let pair = "CASE WHEN e.source_country < e.target_country THEN e.source_country ELSE e.target_country END,
                CASE WHEN e.source_country < e.target_country THEN e.target_country ELSE e.source_country END";
    let base = "e.source_country IS NOT NULL AND e.target_country IS NOT NULL
                AND e.source_country <> e.target_country AND e.date_first IS NOT NULL
                AND e.date_first >= ?1 AND e.date_first <= ?2";
    // For one pair: its dates are tested on its rows (`+` keeps SQLite from walking the
    // date index over every pair's events instead of the pair's index).
    let one = "+e.date_first >= ?1 AND +e.date_first <= ?2
               AND ((e.source_country = ?3 AND e.target_country = ?4)
                    OR (e.source_country = ?4 AND e.target_country = ?3))";
    let q = |n: u8| format!("sum(CASE WHEN e.quad_class = {n} THEN 1 ELSE 0 END)");
    let rows = s.query(
        &format!(
            "SELECT {pair}, count(*), {}, {}, {}, {}, avg(e.goldstein)
             FROM events e WHERE {base} GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT ?3",
            q(1),
            q(2),
            q(3),
            q(4)
        ),
        &[
            text(iso(since)),
            text(iso(until)),
            int(limit.min(i64::MAX as usize) as i64),
        ],
    )?;
    let mut dyads = Vec::new();
    for r in rows {
        let n = |i| r.get::<i64>(i).map(|v| v.max(0) as u64);
        dyads.push(DyadSummary {
            a: r.get(0)?,
            b: r.get(1)?,
            events: n(2)?,
            quad_counts: [n(3)?, n(4)?, n(5)?, n(6)?],
            goldstein_mean: round3(r.get(7)?),
            previous_mean: None,
            previous_events: 0,
            change: None,
            monthly: Vec::new(),
        });
    }
    // The previous period, and the months of this one, for the pairs found.
    let mut months = Vec::new();
    let mut m = chrono::Datelike::with_day(&since, 1).unwrap_or(since);
    while m <= until && months.len() < 1200 {
        months.push(m.format("%Y-%m").to_string());
        m = m
            .checked_add_months(chrono::Months::new(1))
            .unwrap_or(until + Duration::days(1));
    }
    let prev = format!("SELECT count(*), avg(e.goldstein) FROM events e WHERE {one}");
    let monthly = format!("SELECT substr(e.date_first, 1, 7), avg(e.goldstein) FROM events e WHERE {one} GROUP BY 1");
    for d in &mut dyads {
        let r = s.query_one(
            &prev,
            &[
                text(iso(previous_since)),
                text(iso(previous_until)),
                text(d.a.clone()),
                text(d.b.clone()),
            ],
        )?;
        let (n, mean): (i64, Option<f64>) = (r.get(0)?, r.get(1)?);
        d.previous_events = n.max(0) as u64;
        d.previous_mean = mean.map(round3);
        d.change = mean.map(|p| round3(d.goldstein_mean - p));
        let mut by_month: BTreeMap<String, f64> = BTreeMap::new();
        for r in s.query(
            &monthly,
            &[text(iso(since)), text(iso(until)), text(d.a.clone()), text(d.b.clone())],
        )? {
            by_month.insert(r.get(0)?, round3(r.get(1)?));
        }
        d.monthly = months.iter().map(|m| by_month.get(m).copied()).collect();
    }
    Ok(Dyads {
        since: iso(since),
        until: iso(until),
        previous_since: iso(previous_since),
        months,
        dyads,
    })
}

/// The counterparts of the actor `code` (an actor code or its prefix, on either side) in
/// the events matching `f`, most events first, at most `limit`.
pub(crate) fn counterparts<S: EventSource + ?Sized>(
    s: &S,
    code: &str,
    f: &Filter,
    limit: usize,
) -> Result<Vec<Counterpart>> {
    let f = Filter {
        actor: Some(code.to_string()),
        limit: None,
        ..f.clone()
    };
    let (w, mut p) = f.sql()?;
    let code = code.trim().to_ascii_uppercase();
    p.push(Value::Text(code));
    let c = p.len();
    let sql = format!(
        "SELECT CASE WHEN substr(e.source_code, 1, length(?{c})) = ?{c} THEN 1 ELSE 0 END,
                e.source_code, e.source_country, e.source_name,
                e.target_code, e.target_country, e.target_name, e.quad_class, e.goldstein
         FROM events e WHERE {w}"
    );
    let rows = s.query(&sql, &p)?;
    struct Acc {
        c: Counterpart,
        sum: f64,
        names: BTreeMap<String, u64>,
    }
    let mut by: BTreeMap<String, Acc> = BTreeMap::new();
    for r in rows {
        let outgoing = r.get::<i64>(0)? == 1;
        let (code, country, name) = if outgoing { (4, 5, 6) } else { (1, 2, 3) };
        let other = ActorRef {
            code: r.get(code)?,
            country: r.get(country)?,
            name: r.get(name)?,
        };
        let (quad, g): (u8, f64) = (r.get(7)?, r.get(8)?);
        let key = match &other.code {
            Some(c) => c.clone(),
            None => format!("?{}", other.name.to_lowercase()),
        };
        let acc = by.entry(key).or_insert_with(|| Acc {
            c: Counterpart {
                code: other.code.clone(),
                country: other.country.clone(),
                name: String::new(),
                events: 0,
                outgoing: 0,
                incoming: 0,
                cooperation: 0,
                conflict: 0,
                goldstein_mean: 0.0,
            },
            sum: 0.0,
            names: BTreeMap::new(),
        });
        acc.c.events += 1;
        if outgoing {
            acc.c.outgoing += 1;
        } else {
            acc.c.incoming += 1;
        }
        match quad {
            1 | 2 => acc.c.cooperation += 1,
            3 | 4 => acc.c.conflict += 1,
            _ => {}
        }
        acc.sum += round1(g);
        *acc.names.entry(other.name).or_default() += 1;
    }
    let mut out: Vec<Counterpart> = by
        .into_values()
        .map(|mut a| {
            let mut count = 0;
            for (n, c) in &a.names {
                if *c > count {
                    count = *c;
                    a.c.name = n.clone();
                }
            }
            a.c.goldstein_mean = round3(a.sum / a.c.events.max(1) as f64);
            a.c
        })
        .collect();
    out.sort_by(|a, b| {
        b.events
            .cmp(&a.events)
            .then_with(|| a.code.cmp(&b.code))
            .then_with(|| a.name.cmp(&b.name))
    });
    out.truncate(limit);
    Ok(out)
}

/// The stored article with this content hash (see [`crate::ingest::content_hash`]), with
/// the canonical events of its mentions.
pub(crate) fn article_by_hash<S: EventSource + ?Sized>(s: &S, hash: &str) -> Result<Option<ArticleResult>> {
    let Some(row) = s.query_opt(
        "SELECT id, name, title, date FROM articles WHERE content_hash = ?1",
        &[text(hash)],
    )?
    else {
        return Ok(None);
    };
    let (id, article, title, date): (i64, String, Option<String>, Option<String>) =
        (row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?);
    let ids = s
        .query(
            "SELECT DISTINCT event_id FROM mentions WHERE article_id = ?1 AND event_id IS NOT NULL ORDER BY 1",
            &[int(id)],
        )?
        .iter()
        .map(|r| r.get::<i64>(0))
        .collect::<Result<Vec<_>>>()?;
    let mut events = Vec::new();
    for e in ids {
        events.extend(s.event(e)?);
    }
    Ok(Some(ArticleResult {
        id,
        article,
        title,
        date,
        events,
    }))
}

fn round3(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_read_back_what_they_write() {
        for s in ["2023-02-12~41", "~7"] {
            assert_eq!(Cursor::parse(s).unwrap().to_string(), s);
        }
        for bad in ["", "41", "2023-02-30~4", "2023-02-12~x", "x~1"] {
            let e = Cursor::parse(bad).unwrap_err().to_string();
            assert!(e.starts_with("cursor"), "{e}");
        }
    }

    #[test]
    fn segments_find_the_sentence_in_the_article() {
        // The sentence starts at byte 100 of its article.
        let text = "Greece summoned the Turkish ambassador, Greece said.";
        let spans = MentionSpans {
            source: [100, 106],
            target: [120, 138],
            trigger: [107, 115],
        };
        let s = segments(text, &spans, ("Greece", "Turkish ambassador", "summoned"));
        let roles: Vec<_> = s.iter().map(|s| (s.text.as_str(), s.role)).collect();
        assert_eq!(
            roles,
            [
                ("Greece", Some("source")),
                (" ", None),
                ("summoned", Some("trigger")),
                (" the ", None),
                ("Turkish ambassador", Some("target")),
                (", Greece said.", None)
            ]
        );
        // A name written otherwise ("he"): placed by the other words.
        let s = segments(text, &spans, ("Athens", "Turkish ambassador", "summoned"));
        assert_eq!(s[0].text, "Greece");
        assert_eq!(s[0].role, Some("source"));
        // Spans that fit none of the words leave the sentence plain.
        let s = segments(text, &spans, ("Athens", "Cairo", "visited"));
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].text, text);
    }
}
