//! Queries: canonical events with filters, one event explained, actors, and the dyad time
//! series of `dyad relations`.

use crate::dates::{iso, EventDate, Precision};
use crate::fold::FoldSettings;
use crate::sql::{Row, Sql, Value};
use crate::{Result, Store, StoreError};
use chrono::{Datelike, Duration, NaiveDate};
use dyad::geo::Location;
use serde::Serialize;
use std::collections::BTreeMap;

/// Which canonical events a query returns. Every field narrows; the default is all events.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// An actor code or its prefix, on either side ("IRN", "IRNGOV").
    pub actor: Option<String>,
    /// A country (ISO 3166 alpha-3) on either side.
    pub country: Option<String>,
    /// A CAMEO code or its prefix ("04", "042", "0421").
    pub code: Option<String>,
    /// A CAMEO root ("04"; "4" is read as "04").
    pub root: Option<String>,
    /// A quad class, 1 to 4.
    pub quad: Option<u8>,
    /// Events on or after this day (a month or year overlapping it counts).
    pub since: Option<NaiveDate>,
    /// Events on or before this day.
    pub until: Option<NaiveDate>,
    /// Words any mention's sentence contains (case-insensitive for ASCII).
    pub text: Option<String>,
    /// A PLOVER type ("ASSAULT"), or a type and one of its modes ("ASSAULT:aerial").
    pub plover: Option<String>,
    /// At most this many events.
    pub limit: Option<usize>,
    /// Events located within `km` kilometres of (`lat`, `lon`).
    pub near: Option<Near>,
    /// Events located at a place of this name (a city, a first-level region or a country, by
    /// any of its names in the gazetteer: "Kharkiv", "Kharkov", "Ukraine", "UKR").
    pub place: Option<String>,
}

/// A circle on Earth: the `--near LAT,LON --km N` of `dyad events`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Near {
    /// Latitude of the centre, decimal degrees.
    pub lat: f64,
    /// Longitude of the centre, decimal degrees.
    pub lon: f64,
    /// Radius in kilometres.
    pub km: f64,
}

impl Near {
    /// Whether (`lat`, `lon`) lies within the circle (great-circle distance).
    pub fn contains(&self, lat: f64, lon: f64) -> bool {
        dyad::geo::distance_km(self.lat, self.lon, lat, lon) <= self.km
    }
}

fn code_arg(field: &'static str, v: &str, what: &str) -> Result<String> {
    let v = v.trim().to_ascii_uppercase();
    if v.is_empty() || !v.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(StoreError::BadFilter {
            field,
            value: v,
            expected: format!("{what} (letters and digits only)"),
        });
    }
    Ok(v)
}

fn digits_arg(field: &'static str, v: &str, max: usize, example: &str) -> Result<String> {
    let v = v.trim();
    if v.is_empty() || v.len() > max || !v.bytes().all(|b| b.is_ascii_digit()) {
        return Err(StoreError::BadFilter {
            field,
            value: v.to_string(),
            expected: format!("a CAMEO code of up to {max} digits, such as {example}"),
        });
    }
    Ok(v.to_string())
}

/// Escapes `%`, `_` and `\` for a LIKE pattern with `ESCAPE '\'`.
fn like_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A `plover` filter: a PLOVER type, or `TYPE:mode` with one of the type's modes.
fn plover_arg(v: &str) -> Result<(String, Option<String>)> {
    let table = dyad::ontology::plover::PloverTable::get();
    let (ty, mode) = match v.trim().split_once(':') {
        Some((t, m)) => (t.trim().to_ascii_uppercase(), Some(m.trim().to_ascii_lowercase())),
        None => (v.trim().to_ascii_uppercase(), None),
    };
    let types: Vec<&str> = table.types().iter().map(|t| t.name.as_str()).collect();
    let Some(t) = table.plover_type(&ty) else {
        return Err(StoreError::BadFilter {
            field: "plover",
            value: v.to_string(),
            expected: format!("a PLOVER type ({}), optionally with :mode", types.join(", ")),
        });
    };
    if let Some(m) = &mode {
        if !t.modes.contains(m) {
            return Err(StoreError::BadFilter {
                field: "plover",
                value: v.to_string(),
                expected: match t.modes.is_empty() {
                    true => format!("{ty} without a mode ({ty} has none)"),
                    false => format!("a mode of {ty}: {}", t.modes.join(", ")),
                },
            });
        }
    }
    Ok((ty, mode))
}

impl Filter {
    /// Checks every field, so a bad one is an error before anything is written.
    pub fn check(&self) -> Result<()> {
        self.sql().map(|_| ())
    }

    /// The WHERE clause (over `events e`) and its parameters.
    pub(crate) fn sql(&self) -> Result<(String, Vec<Value>)> {
        let mut w: Vec<String> = vec!["TRUE".into()];
        let mut p: Vec<Value> = Vec::new();
        let bind = |p: &mut Vec<Value>, v: Value| {
            p.push(v);
            format!("?{}", p.len())
        };
        if let Some(a) = &self.actor {
            let a = bind(
                &mut p,
                Value::Text(code_arg("actor", a, "an actor code such as IRNGOV")?),
            );
            w.push(format!(
                "(substr(e.source_code, 1, length({a})) = {a} OR substr(e.target_code, 1, length({a})) = {a})"
            ));
        }
        if let Some(c) = &self.country {
            let c = bind(&mut p, Value::Text(resolve_country("country", c)?));
            w.push(format!("(e.source_country = {c} OR e.target_country = {c})"));
        }
        if let Some(c) = &self.code {
            let c = bind(&mut p, Value::Text(digits_arg("code", c, 4, "042")?));
            w.push(format!("substr(e.cameo, 1, length({c})) = {c}"));
        }
        if let Some(r) = &self.root {
            let r = digits_arg("root", r, 2, "04")?;
            let r = bind(&mut p, Value::Text(format!("{r:0>2}")));
            w.push(format!("e.root = {r}"));
        }
        if let Some(q) = self.quad {
            if !(1..=4).contains(&q) {
                return Err(StoreError::BadFilter {
                    field: "quad",
                    value: q.to_string(),
                    expected: "a quad class: 1 (verbal cooperation), 2 (material cooperation), \
                               3 (verbal conflict) or 4 (material conflict)"
                        .into(),
                });
            }
            let q = bind(&mut p, Value::Integer(i64::from(q)));
            w.push(format!("e.quad_class = {q}"));
        }
        if let Some(d) = self.since {
            let d = bind(&mut p, Value::Text(iso(d)));
            w.push(format!("e.date_last >= {d}"));
        }
        if let Some(d) = self.until {
            let d = bind(&mut p, Value::Text(iso(d)));
            w.push(format!("e.date_first <= {d}"));
        }
        if let Some(pl) = &self.plover {
            let (ty, mode) = plover_arg(pl)?;
            let ty = bind(&mut p, Value::Text(ty));
            w.push(format!("e.plover_type = {ty}"));
            if let Some(m) = mode {
                let m = bind(&mut p, Value::Text(m));
                w.push(format!("e.plover_mode = {m}"));
            }
        }
        if let Some(t) = &self.text {
            let t = bind(&mut p, Value::Text(format!("%{}%", like_escape(t))));
            w.push(format!(
                "EXISTS (SELECT 1 FROM mentions t WHERE t.event_id = e.id AND t.text LIKE {t} ESCAPE '\\')"
            ));
        }
        if let Some(n) = self.near {
            if !(-90.0..=90.0).contains(&n.lat) || !(-180.0..=180.0).contains(&n.lon) {
                return Err(StoreError::BadFilter {
                    field: "near",
                    value: format!("{},{}", n.lat, n.lon),
                    expected: "a latitude from -90 to 90 and a longitude from -180 to 180".into(),
                });
            }
            if !(n.km.is_finite() && n.km >= 0.0) {
                return Err(StoreError::BadFilter {
                    field: "km",
                    value: n.km.to_string(),
                    expected: "a distance in kilometres, 0 or more".into(),
                });
            }
            // a box around the circle here; the exact distance is checked on each row
            let dlat = n.km / 111.0 + 0.01;
            let lo = bind(&mut p, Value::Real(n.lat - dlat));
            let hi = bind(&mut p, Value::Real(n.lat + dlat));
            w.push(format!("e.geo_lat BETWEEN {lo} AND {hi}"));
            let cos = (n.lat.abs() + dlat).min(90.0).to_radians().cos();
            let dlon = if cos > 1e-6 { n.km / (111.0 * cos) + 0.01 } else { 360.0 };
            if n.lon - dlon >= -180.0 && n.lon + dlon <= 180.0 {
                let lo = bind(&mut p, Value::Real(n.lon - dlon));
                let hi = bind(&mut p, Value::Real(n.lon + dlon));
                w.push(format!("e.geo_lon BETWEEN {lo} AND {hi}"));
            }
        }
        if let Some(name) = &self.place {
            let name = name.trim();
            if name.is_empty() {
                return Err(StoreError::BadFilter {
                    field: "place",
                    value: String::new(),
                    expected: "a place name such as Kharkiv, or a country code such as UKR".into(),
                });
            }
            let mut any: Vec<String> = Vec::new();
            let g = dyad::geo::Gazetteer::embedded();
            let mut names: Vec<String> = vec![name.to_string()];
            let mut regions: Vec<(String, String)> = Vec::new();
            let mut countries: Vec<String> = Vec::new();
            if name.len() == 3 && name.bytes().all(|b| b.is_ascii_uppercase()) {
                countries.push(name.to_string());
            }
            for c in g.lookup(name) {
                let pl = g.place(c.place);
                match pl.kind {
                    dyad::geo::PlaceKind::City => names.push(pl.name.clone()),
                    dyad::geo::PlaceKind::Adm1 => regions.push((pl.name.clone(), pl.country.clone())),
                    dyad::geo::PlaceKind::Country => countries.push(pl.country.clone()),
                }
            }
            names.sort();
            names.dedup();
            for n in names {
                let n = bind(&mut p, Value::Text(n));
                any.push(format!("e.geo_name = {n} COLLATE NOCASE"));
            }
            for (r, c) in regions {
                let r = bind(&mut p, Value::Text(r));
                let c = bind(&mut p, Value::Text(c));
                any.push(format!("(e.geo_adm1 = {r} COLLATE NOCASE AND e.geo_country = {c})"));
            }
            for c in countries {
                let c = bind(&mut p, Value::Text(c));
                any.push(format!("e.geo_country = {c}"));
            }
            w.push(format!("({})", any.join(" OR ")));
        }
        Ok((w.join(" AND "), p))
    }
}

/// An actor as a canonical event shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActorRef {
    /// CAMEO actor code, or null.
    pub code: Option<String>,
    /// ISO 3166 alpha-3 country, or null.
    pub country: Option<String>,
    /// The name as written in the first mention.
    pub name: String,
}

/// A canonical event: one real-world event, however many articles reported it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CanonicalEvent {
    /// The event's id in the store.
    pub id: i64,
    /// "YYYY-MM-DD", "YYYY-MM" or "YYYY", or null.
    pub date: Option<String>,
    /// "day", "month", "year", or null.
    pub date_precision: Option<String>,
    /// When it was first reported: the earliest publication date of the articles that
    /// mention it ("YYYY-MM-DD"), or null when none has one.
    pub reported: Option<String>,
    /// Who acted.
    pub source: ActorRef,
    /// Who was acted upon.
    pub target: ActorRef,
    /// Whether the founding mention asserts the act or plans, refuses, threatens or demands it
    /// ("fact", "intent", "refusal", "threat", "demand").
    pub mood: String,
    /// CAMEO code.
    pub cameo: String,
    /// CAMEO root.
    pub root: String,
    /// Quad class, 1 to 4.
    pub quad_class: u8,
    /// Goldstein value.
    pub goldstein: f64,
    /// CAMEO name of the code.
    pub event_name: String,
    /// Event mentions folded into it.
    pub num_mentions: i64,
    /// Distinct outlets among them.
    pub num_sources: i64,
    /// Distinct articles among them.
    pub num_articles: i64,
    /// Whether some mention is an article's first sentence (GDELT's IsRootEvent, roughly).
    pub root_event: bool,
    /// The article of the mention that founded it (its first in fold order).
    pub article: String,
    /// That article's URL, when its metadata gave one.
    pub url: Option<String>,
    /// That article's outlet ("Reuters", "reuters.com"); empty when unknown.
    pub outlet: String,
    /// That mention's sentence index.
    pub sentence: i64,
    /// That mention's sentence.
    pub text: String,
    /// When the event was first stored (UTC).
    pub added_at: String,
    /// The event in PLOVER 2.0 (its anchor mention's), or null when its CAMEO code has none.
    pub plover: Option<StoredPlover>,
    /// Where it happened: the location of its first mention in fold order that has one.
    pub location: Option<Location>,
}

/// A stored event's PLOVER coding.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StoredPlover {
    /// PLOVER type.
    #[serde(rename = "type")]
    pub event_type: String,
    /// Mode, or null.
    pub mode: Option<String>,
    /// Contexts.
    pub context: Vec<String>,
    /// Auxiliary modes.
    pub aux: Vec<String>,
}

impl StoredPlover {
    /// From the four columns.
    pub(crate) fn of(
        t: Option<String>,
        mode: Option<String>,
        context: Option<String>,
        aux: Option<String>,
    ) -> Option<Self> {
        let list = |s: Option<String>| {
            s.map(|s| s.split(',').filter(|x| !x.is_empty()).map(String::from).collect())
                .unwrap_or_default()
        };
        t.map(|event_type| StoredPlover {
            event_type,
            mode,
            context: list(context),
            aux: list(aux),
        })
    }
}

/// Goldstein values are stored as single-precision numbers with one decimal: round back.
pub(crate) fn round1(g: f64) -> f64 {
    (g * 10.0).round() / 10.0
}

/// How many columns [`EVENT_COLUMNS`] selects (queries that add their own read them after).
pub(crate) const EVENT_COLUMN_COUNT: usize = 31;

pub(crate) const EVENT_COLUMNS: &str = "e.id, e.date, e.date_precision, e.source_code, e.source_country, e.source_name,
    e.target_code, e.target_country, e.target_name, e.cameo, e.root, e.quad_class, e.goldstein, e.event_name,
    e.num_mentions, e.num_sources, e.num_articles, e.root_event, e.added_at, a.name, m.sentence, m.text,
    (SELECT min(ra.date) FROM mentions rm JOIN articles ra ON ra.id = rm.article_id WHERE rm.event_id = e.id),
    a.url, a.outlet, coalesce(json_extract(m.evidence, '$.mood'), 'fact'),
    e.plover_type, e.plover_mode, e.plover_context, e.plover_aux, e.location
    FROM events e
    JOIN mentions m ON m.id = e.id
    JOIN articles a ON a.id = m.article_id";

impl ActorRef {
    /// An actor from three columns of a row, from `first`: code, country, name.
    fn at(r: &Row, first: usize) -> Result<ActorRef> {
        Ok(ActorRef {
            code: r.get(first)?,
            country: r.get(first + 1)?,
            name: r.get(first + 2)?,
        })
    }
}

/// A canonical event from a row of [`EVENT_COLUMNS`].
pub(crate) fn event_row(r: &Row) -> Result<CanonicalEvent> {
    Ok(CanonicalEvent {
        id: r.get(0)?,
        date: r.get(1)?,
        date_precision: r.get(2)?,
        reported: r.get(22)?,
        mood: r.get(25)?,
        source: ActorRef::at(r, 3)?,
        target: ActorRef::at(r, 6)?,
        cameo: r.get(9)?,
        root: r.get(10)?,
        quad_class: r.get(11)?,
        goldstein: round1(r.get(12)?),
        event_name: r.get(13)?,
        num_mentions: r.get(14)?,
        num_sources: r.get(15)?,
        num_articles: r.get(16)?,
        root_event: r.get(17)?,
        added_at: r.get(18)?,
        article: r.get(19)?,
        url: r.get(23)?,
        outlet: r.get(24)?,
        sentence: r.get(20)?,
        text: r.get(21)?,
        plover: StoredPlover::of(r.get(26)?, r.get(27)?, r.get(28)?, r.get(29)?),
        location: r.get::<Option<String>>(30)?.and_then(|j| serde_json::from_str(&j).ok()),
    })
}

/// A dyad store, whichever its backend: what every store command reads and writes. Implemented
/// by the SQLite [`Store`] and, with the `postgres` feature, by [`crate::pg::PgStore`]; the
/// commands (`dyad events`, `actors`, `relations`, `export`, `check`, `dedup`, `watch`,
/// `serve`) take a `&dyn EventSource`. Queries are written once over [`Sql`] (in the SQL
/// both read); a backend supplies the event listing, ingest and its engine's own checks.
pub trait EventSource: Sql {
    /// Canonical events matching `f`, in `order`, passed one by one to `each`.
    fn each_event(&self, f: &Filter, order: Order, each: &mut dyn FnMut(CanonicalEvent) -> Result<()>) -> Result<()>;

    /// Codes and stores the articles in `files` (expanded by [`crate::ingest::expand`]): see
    /// [`crate::ingest()`].
    fn ingest_files(
        &mut self,
        files: &[std::path::PathBuf],
        o: &crate::IngestOptions,
        report: &mut dyn FnMut(crate::Report),
    ) -> Result<crate::IngestSummary>;

    /// Codes one article read from memory (`dyad serve`'s `POST /api/articles`) with `coder`
    /// and stores it as a file's is stored, in one transaction: skipped when an article with
    /// the same content is stored (the summary's `skipped` is then 1). It is stored under the
    /// name its caller gave it (`loaded.doc.id`), as its key too. Returns the summary and the
    /// article's content hash ([`EventSource::article_by_hash`]).
    fn ingest_loaded(
        &mut self,
        loaded: dyad::ingest::files::Loaded,
        coder: &dyad::coder::Coder,
    ) -> Result<(crate::IngestSummary, String)>;

    /// The database engine's own checks of the store (SQLite's integrity and foreign-key
    /// checks): each problem found.
    fn engine_check(&self) -> Vec<String>;

    /// Counts of the store's rows.
    fn counts(&self) -> Result<crate::Counts> {
        let r = self.query_one(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM mentions), (SELECT count(*) FROM events)",
            &[],
        )?;
        Ok(crate::Counts {
            articles: r.get::<i64>(0)? as u64,
            mentions: r.get::<i64>(1)? as u64,
            events: r.get::<i64>(2)? as u64,
        })
    }

    /// The mentions of one canonical event, in the order they were stored.
    fn mention_briefs(&self, event: i64) -> Result<Vec<crate::export::MentionBriefRow>> {
        self.query(
            "SELECT a.name, m.sentence, m.text, m.date, json_extract(m.evidence, '$.pattern'), m.fold_reason,
                a.outlet, a.url, a.date
             FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.event_id = ?1 ORDER BY m.id",
            &[Value::Integer(event)],
        )?
        .iter()
        .map(|r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
            ))
        })
        .collect()
    }

    /// Canonical events matching `f`, by date.
    fn events(&self, f: &Filter) -> Result<Vec<CanonicalEvent>> {
        let mut out = Vec::new();
        self.each_event(f, Order::Date, &mut |e| {
            out.push(e);
            Ok(())
        })?;
        Ok(out)
    }

    /// One canonical event.
    fn event(&self, id: i64) -> Result<Option<CanonicalEvent>> {
        self.query_opt(
            &format!("SELECT {EVENT_COLUMNS} WHERE e.id = ?1"),
            &[Value::Integer(id)],
        )?
        .map(|r| event_row(&r))
        .transpose()
    }

    /// A canonical event with every mention and why it was folded.
    fn explain(&self, id: i64) -> Result<Option<Explained>> {
        explain(self, id)
    }

    /// The store's folding rules.
    fn fold_settings(&self) -> Result<FoldSettings> {
        crate::fold::load_settings(self)
    }

    /// Actors of the canonical events matching `f` (its limit applies to the actors), most
    /// frequent first.
    fn actors(&self, f: &Filter) -> Result<Vec<ActorSummary>> {
        actors(self, f)
    }

    /// The relations between countries `a` and `b` (either direction), per period, with
    /// plans counted when they were announced ([`EventSource::relations_at`]).
    fn relations(
        &self,
        a: &str,
        b: &str,
        by: PeriodBy,
        since: Option<NaiveDate>,
        until: Option<NaiveDate>,
        top: usize,
    ) -> Result<Relations> {
        relations_at(self, a, b, by, since, until, top, PlansAt::Announced)
    }

    /// The relations between countries `a` and `b` (codes or names, either direction), per
    /// period. An event counts at the date it happened; a plan (mood `intent`) at the date it
    /// was first reported, unless `plans_at` is [`PlansAt::Planned`] (a plan without a
    /// publication date counts at its planned date). `since` and `until` select by that date.
    #[allow(clippy::too_many_arguments)]
    fn relations_at(
        &self,
        a: &str,
        b: &str,
        by: PeriodBy,
        since: Option<NaiveDate>,
        until: Option<NaiveDate>,
        top: usize,
        plans_at: PlansAt,
    ) -> Result<Relations> {
        relations_at(self, a, b, by, since, until, top, plans_at)
    }

    /// The distinct sentences of an event's mentions, in order, at most `n`.
    fn sentences(&self, event_id: i64, n: usize) -> Result<Vec<String>> {
        self.query(
            "SELECT text FROM mentions WHERE event_id = ?1 GROUP BY text ORDER BY min(id) LIMIT ?2",
            &[
                Value::Integer(event_id),
                Value::Integer(n.min(i64::MAX as usize) as i64),
            ],
        )?
        .iter()
        .map(|r| r.get(0))
        .collect()
    }

    /// Writes the mentions of the canonical events matching `f` (in ingestion order), as CSV
    /// or as JSONL in the `dyad code` contract plus `event_id` and `fold_reason`; returns how
    /// many. The GDELT format is for canonical events only.
    fn export_mentions(
        &self,
        format: crate::export::ExportFormat,
        f: &Filter,
        out: &mut dyn std::io::Write,
    ) -> Result<u64> {
        crate::export::export_mentions(self, format, f, out)
    }

    /// Checks the store thoroughly ([`crate::check`]); a problem reading it is reported as a
    /// problem, not an error, so the report says all that could be found.
    fn check(&self) -> Result<crate::check::CheckReport> {
        crate::check::check(self)
    }

    /// Sets the folding rules and refolds every mention under them, in one transaction
    /// (events whose founding mention still founds one keep their id). Returns the number of
    /// canonical events.
    fn refold(&mut self, s: FoldSettings) -> Result<u64> {
        crate::fold::refold(self, s)
    }

    /// Every file `dyad watch` has ingested, with its state then, by input name.
    fn watched(&self) -> Result<std::collections::HashMap<String, crate::watch::FileState>> {
        crate::watch::watched(self)
    }

    /// Marks files as ingested by `dyad watch` in the state given, in one transaction.
    fn mark_watched(&mut self, files: &[(String, crate::watch::FileState)], now: &str) -> Result<()> {
        crate::watch::mark_watched(self, files, now)
    }

    /// Whether an article with this key is stored (a file's name as given; see
    /// [`dyad::ingest::files::Identity::key`]).
    fn has_article(&self, id: &str) -> Result<bool> {
        Ok(self
            .query_opt(
                "SELECT 1 FROM articles WHERE article = ?1",
                &[Value::Text(id.to_string())],
            )?
            .is_some())
    }

    /// A page of at most `limit` canonical events matching `f`, newest first (undated last),
    /// after `cursor`; with the number of all matching events and the next page's cursor.
    fn event_page(
        &self,
        f: &crate::api::ApiFilter,
        cursor: Option<&crate::api::Cursor>,
        limit: usize,
    ) -> Result<crate::api::EventPage> {
        crate::api::event_page(self, f, cursor, limit)
    }

    /// A canonical event with every mention: its article, sentence (cut into segments),
    /// spans, evidence and actors' knowledge-base entries. `None` when there is no such event.
    fn event_detail(&self, id: i64) -> Result<Option<crate::api::EventDetail>> {
        crate::api::event_detail(self, id)
    }

    /// The newest day of an event dated to the day, if the store has one.
    fn last_event_day(&self) -> Result<Option<NaiveDate>> {
        let d: Option<String> = self
            .query_one("SELECT max(date_first) FROM events WHERE date_precision = 'day'", &[])?
            .get(0)?;
        Ok(d.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()))
    }

    /// The `limit` country pairs with the most canonical events between them (see
    /// [`crate::api`]).
    fn dyads(&self, since: Option<NaiveDate>, until: Option<NaiveDate>, limit: usize) -> Result<crate::api::Dyads> {
        crate::api::dyads(self, since, until, limit)
    }

    /// The counterparts of the actor `code` (an actor code or its prefix, on either side) in
    /// the events matching `f`, most events first, at most `limit`.
    fn counterparts(&self, code: &str, f: &Filter, limit: usize) -> Result<Vec<crate::api::Counterpart>> {
        crate::api::counterparts(self, code, f, limit)
    }

    /// The stored article with this content hash (see [`crate::ingest::content_hash`]), with
    /// the canonical events of its mentions.
    fn article_by_hash(&self, hash: &str) -> Result<Option<crate::api::ArticleResult>> {
        crate::api::article_by_hash(self, hash)
    }

    /// Whether an article with this name is stored, and with which content hash.
    fn article_hash(&self, article: &str) -> Result<Option<String>> {
        self.query_opt(
            "SELECT content_hash FROM articles WHERE article = ?1",
            &[Value::Text(article.to_string())],
        )?
        .map(|r| r.get(0))
        .transpose()
    }

    /// Whether any stored event has this country on either side.
    fn has_country(&self, country: &str) -> Result<bool> {
        self.query_one(
            "SELECT EXISTS (SELECT 1 FROM events WHERE source_country = ?1)
                 OR EXISTS (SELECT 1 FROM events WHERE target_country = ?1)",
            &[Value::Text(country.to_string())],
        )?
        .get(0)
    }
}

/// The order of an event listing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// By date (undated last), then id.
    Date,
    /// By id: the order events were first stored.
    Id,
}

/// One mention of a canonical event, with its article and evidence.
#[derive(Clone, Debug, Serialize)]
pub struct MentionDetail {
    /// The mention's id.
    pub id: i64,
    /// The article's id or path.
    pub article: String,
    /// The article's title.
    pub title: Option<String>,
    /// The article's outlet (metadata, dateline or byline agency, URL host); empty when unknown.
    pub outlet: String,
    /// The article's publication date.
    pub published: Option<String>,
    /// 0-based sentence index.
    pub sentence: i64,
    /// The sentence.
    pub text: String,
    /// The mention's own date.
    pub date: Option<String>,
    /// The mention's source actor.
    pub source: ActorRef,
    /// The mention's target actor.
    pub target: ActorRef,
    /// The mention's CAMEO code.
    pub cameo: String,
    /// The pattern that matched (file:line and text).
    pub pattern: String,
    /// The whole evidence object.
    pub evidence: serde_json::Value,
    /// Why it was folded into this event.
    pub fold_reason: String,
}

/// A canonical event with all its mentions, for `dyad events --explain`.
#[derive(Clone, Debug, Serialize)]
pub struct Explained {
    /// The event.
    pub event: CanonicalEvent,
    /// The folding rules in force.
    #[serde(serialize_with = "ser_settings")]
    pub settings: FoldSettings,
    /// Its mentions, in ingestion order.
    pub mentions: Vec<MentionDetail>,
}

fn ser_settings<S: serde::Serializer>(s: &FoldSettings, ser: S) -> std::result::Result<S::Ok, S::Error> {
    use serde::ser::SerializeStruct;
    let mut st = ser.serialize_struct("FoldSettings", 2)?;
    st.serialize_field("level", s.level.as_str())?;
    st.serialize_field("window_days", &s.window_days)?;
    st.end()
}

/// An actor and how often it appears in the selected events.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActorSummary {
    /// CAMEO actor code, or null for an uncoded actor.
    pub code: Option<String>,
    /// ISO 3166 alpha-3 country, or null.
    pub country: Option<String>,
    /// The name it is most often written with.
    pub name: String,
    /// Events in which it acts.
    pub as_source: u64,
    /// Events in which it is acted upon.
    pub as_target: u64,
    /// Both.
    pub events: u64,
}

/// The period of `dyad relations`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeriodBy {
    /// "2025-04-28".
    Day,
    /// ISO weeks, "2025-W17".
    Week,
    /// "2025-04".
    Month,
    /// "2025".
    Year,
}

impl PeriodBy {
    /// The coarsest event date that can be placed in one period.
    fn needs(self) -> Precision {
        match self {
            PeriodBy::Day | PeriodBy::Week => Precision::Day,
            PeriodBy::Month => Precision::Month,
            PeriodBy::Year => Precision::Year,
        }
    }

    /// The first day of the period holding `d`.
    pub fn start(self, d: NaiveDate) -> NaiveDate {
        match self {
            PeriodBy::Day => d,
            PeriodBy::Week => d - Duration::days(i64::from(d.weekday().num_days_from_monday())),
            PeriodBy::Month => d.with_day(1).unwrap_or(d),
            PeriodBy::Year => NaiveDate::from_ymd_opt(d.year(), 1, 1).unwrap_or(d),
        }
    }

    /// The first day of the next period.
    pub fn next(self, start: NaiveDate) -> Option<NaiveDate> {
        match self {
            PeriodBy::Day => start.succ_opt(),
            PeriodBy::Week => start.checked_add_signed(Duration::days(7)),
            PeriodBy::Month => start.checked_add_months(chrono::Months::new(1)),
            PeriodBy::Year => start.checked_add_months(chrono::Months::new(12)),
        }
    }

    /// The period's name.
    pub fn label(self, start: NaiveDate) -> String {
        match self {
            PeriodBy::Day => iso(start),
            PeriodBy::Week => {
                let w = start.iso_week();
                format!("{:04}-W{:02}", w.year(), w.week())
            }
            PeriodBy::Month => start.format("%Y-%m").to_string(),
            PeriodBy::Year => start.format("%Y").to_string(),
        }
    }
}

/// One of the top events of a period.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TopEvent {
    /// The canonical event's id.
    pub id: i64,
    /// Its date.
    pub date: Option<String>,
    /// Source actor code (or name when uncoded).
    pub source: String,
    /// Target actor code (or name when uncoded).
    pub target: String,
    /// CAMEO code.
    pub cameo: String,
    /// CAMEO name.
    pub event_name: String,
    /// Quad class.
    pub quad_class: u8,
    /// Goldstein value.
    pub goldstein: f64,
    /// Mentions folded into it.
    pub num_mentions: i64,
    /// Articles reporting it.
    pub num_articles: i64,
    /// The sentences that report it (distinct, first three).
    pub sentences: Vec<String>,
}

/// One period of a dyad's relations.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Period {
    /// "2025-04" (months), "2025-04-28" (days), "2025-W17" (ISO weeks) or "2025" (years).
    pub period: String,
    /// The period's first day.
    #[serde(skip)]
    pub start: NaiveDate,
    /// Canonical events in the period.
    pub events: u64,
    /// Events per quad class: verbal cooperation, material cooperation, verbal conflict,
    /// material conflict.
    pub quad_counts: [u64; 4],
    /// Mean Goldstein value, null for a period without events.
    pub goldstein_mean: Option<f64>,
    /// Sum of Goldstein values.
    pub goldstein_sum: f64,
    /// Cooperation events (quad classes 1 and 2) less conflict events (3 and 4).
    pub net_cooperation: i64,
    /// The most reported events (most mentions, then largest |Goldstein|).
    pub top_events: Vec<TopEvent>,
}

/// `dyad relations`: the periods, and how many events could not be placed in one.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Relations {
    /// Every period from the first with events to the last, empty ones included.
    pub periods: Vec<Period>,
    /// Events of the dyad without a date.
    pub undated: u64,
    /// Events dated too coarsely for the period (a month, with `--by day`).
    pub too_coarse: u64,
    /// Those events, grouped by the month or year they are known to, so a chart can show them
    /// beside the periods (as a band over the days they may fall on).
    pub coarse: Vec<CoarseSpan>,
}

/// Events of a dyad known only to a month or a year, too coarse for the periods asked for.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CoarseSpan {
    /// "2024-05" or "2024".
    pub date: String,
    /// The first day it covers.
    pub first: NaiveDate,
    /// The last day it covers.
    pub last: NaiveDate,
    /// Canonical events known only to it.
    pub events: u64,
    /// Their Goldstein mean.
    pub goldstein_mean: f64,
}

/// Where `dyad relations` counts a plan (an event of mood `intent`: "will visit next month").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PlansAt {
    /// At the date it was announced (its earliest report): what changed in the relation then.
    #[default]
    Announced,
    /// At the date planned for it.
    Planned,
}

impl Store {
    /// Canonical events matching `f`, passed one by one to `each` (streamed, not read whole).
    pub fn each_event(
        &self,
        f: &Filter,
        order: Order,
        each: &mut dyn FnMut(CanonicalEvent) -> Result<()>,
    ) -> Result<()> {
        let (w, mut p) = f.sql()?;
        let order = match order {
            Order::Date => "e.date_first IS NULL, e.date_first, e.id",
            Order::Id => "e.id",
        };
        // with a circle, the limit counts the rows inside it (checked here, not in SQL)
        let limit = match f.limit.filter(|_| f.near.is_none()) {
            Some(n) => {
                p.push(Value::Integer(n.min(i64::MAX as usize) as i64));
                format!(" LIMIT ?{}", p.len())
            }
            None => String::new(),
        };
        let sql = format!("SELECT {EVENT_COLUMNS} WHERE {w} ORDER BY {order}{limit}");
        let mut last = None;
        let mut emitted = 0usize;
        let mut done = false;
        let mut from_each = false;
        let reading = |last: Option<i64>, e: &dyn std::fmt::Display| StoreError::Corrupt {
            path: self.path.clone(),
            what: format!(
                "reading {}: {e}; `dyad check --db {}` checks the store",
                last.map_or("the first event".to_string(), |id| format!("the event after #{id}")),
                self.path
            ),
        };
        let r = self.lite().query_each(&sql, &p, &mut |r| {
            if done {
                return Ok(());
            }
            let e = event_row(&r).map_err(|e| reading(last, &e))?;
            last = Some(e.id);
            if let Some(n) = f.near {
                if !e.location.as_ref().is_some_and(|l| n.contains(l.lat, l.lon)) {
                    return Ok(());
                }
                if f.limit.is_some_and(|l| emitted >= l) {
                    done = true;
                    return Ok(());
                }
            }
            emitted += 1;
            each(e).inspect_err(|_| from_each = true)
        });
        match r {
            // the store failed while stepping through the rows (a damaged page): say where
            Err(StoreError::Sqlite { error, .. }) if !from_each => Err(reading(last, &error)),
            r => r,
        }
    }
}

/// [`EventSource::explain`].
fn explain<S: EventSource + ?Sized>(s: &S, id: i64) -> Result<Option<Explained>> {
    let Some(event) = s.event(id)? else {
        return Ok(None);
    };
    let rows = s.query(
        "SELECT m.id, a.name, a.title, a.outlet, a.date, m.sentence, m.text, m.date,
            m.source_code, m.source_country, m.source_name, m.target_code, m.target_country, m.target_name,
            m.cameo, m.evidence, m.fold_reason
         FROM mentions m JOIN articles a ON a.id = m.article_id
         WHERE m.event_id = ?1 ORDER BY m.id",
        &[Value::Integer(id)],
    )?;
    let mut mentions = Vec::new();
    for r in rows {
        let evidence: String = r.get(15)?;
        let mut m = MentionDetail {
            id: r.get(0)?,
            article: r.get(1)?,
            title: r.get(2)?,
            outlet: r.get(3)?,
            published: r.get(4)?,
            sentence: r.get(5)?,
            text: r.get(6)?,
            date: r.get(7)?,
            source: ActorRef::at(&r, 8)?,
            target: ActorRef::at(&r, 11)?,
            cameo: r.get(14)?,
            pattern: String::new(),
            evidence: serde_json::Value::Null,
            fold_reason: r.get::<Option<String>>(16)?.unwrap_or_default(),
        };
        m.evidence = serde_json::from_str(&evidence).map_err(|e| StoreError::Corrupt {
            path: s.name().to_string(),
            what: format!("mention {}: evidence is not JSON: {e}", m.id),
        })?;
        m.pattern = m.evidence["pattern"].as_str().unwrap_or_default().to_string();
        mentions.push(m);
    }
    Ok(Some(Explained {
        event,
        settings: s.fold_settings()?,
        mentions,
    }))
}

/// [`EventSource::actors`].
fn actors<S: EventSource + ?Sized>(s: &S, f: &Filter) -> Result<Vec<ActorSummary>> {
    let limit = f.limit;
    let f = Filter {
        limit: None,
        ..f.clone()
    };
    let (w, p) = f.sql()?;
    let sql = format!(
        "SELECT source_code, source_country, source_name, 1, 0 FROM events e WHERE {w}
         UNION ALL
         SELECT target_code, target_country, target_name, 0, 1 FROM events e WHERE {w}"
    );
    struct Acc {
        summary: ActorSummary,
        names: BTreeMap<String, u64>,
    }
    let mut by: BTreeMap<String, Acc> = BTreeMap::new();
    s.query_each(&sql, &p, &mut |r| {
        let (code, country, name, src, tgt): (Option<String>, Option<String>, String, i64, i64) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
        let key = match &code {
            Some(c) => c.clone(),
            None => format!("?{}", name.to_lowercase()),
        };
        let acc = by.entry(key).or_insert_with(|| Acc {
            summary: ActorSummary {
                code: code.clone(),
                country: country.clone(),
                name: String::new(),
                as_source: 0,
                as_target: 0,
                events: 0,
            },
            names: BTreeMap::new(),
        });
        acc.summary.as_source += src as u64;
        acc.summary.as_target += tgt as u64;
        acc.summary.events += 1;
        *acc.names.entry(name).or_default() += 1;
        Ok(())
    })?;
    let mut out: Vec<ActorSummary> = by
        .into_values()
        .map(|mut a| {
            // The most frequent name; ties go to the alphabetically first.
            let mut count = 0;
            for (n, c) in &a.names {
                if *c > count {
                    count = *c;
                    a.summary.name = n.clone();
                }
            }
            a.summary
        })
        .collect();
    out.sort_by(|a, b| {
        b.events
            .cmp(&a.events)
            .then_with(|| a.code.cmp(&b.code))
            .then_with(|| a.name.cmp(&b.name))
    });
    if let Some(n) = limit {
        out.truncate(n);
    }
    Ok(out)
}

/// [`EventSource::relations_at`].
#[allow(clippy::too_many_arguments)]
pub(crate) fn relations_at<S: EventSource + ?Sized>(
    s: &S,
    a: &str,
    b: &str,
    by: PeriodBy,
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
    top: usize,
    plans_at: PlansAt,
) -> Result<Relations> {
    let a = resolve_country("a", a)?;
    let b = resolve_country("b", b)?;
    let w = pair_clause("?1", "?2");
    let p = vec![Value::Text(a), Value::Text(b)];
    let sql = format!("SELECT {EVENT_COLUMNS} WHERE {w} ORDER BY e.date_first, e.id");
    let rows = s.query(&sql, &p)?;
    let mut undated = 0;
    let mut too_coarse = 0;
    let mut groups: BTreeMap<NaiveDate, Vec<CanonicalEvent>> = BTreeMap::new();
    let mut coarse: BTreeMap<(NaiveDate, NaiveDate), (String, u64, f64)> = BTreeMap::new();
    for r in rows {
        let e = event_row(&r)?;
        let announced = match (plans_at, e.mood.as_str()) {
            (PlansAt::Announced, "intent") => e.reported.as_deref().and_then(EventDate::parse),
            _ => None,
        };
        let date = announced.or_else(|| e.date.as_deref().and_then(EventDate::parse));
        let Some(d) = date else {
            undated += 1;
            continue;
        };
        if since.is_some_and(|s| d.last < s) || until.is_some_and(|u| d.first > u) {
            continue;
        }
        if d.precision > by.needs() {
            too_coarse += 1;
            let c = coarse
                .entry((d.first, d.last))
                .or_insert_with(|| (d.to_string(), 0, 0.0));
            c.1 += 1;
            c.2 += e.goldstein;
            continue;
        }
        groups.entry(by.start(d.first)).or_default().push(e);
    }
    let coarse = coarse
        .into_iter()
        .map(|((first, last), (date, events, sum))| CoarseSpan {
            date,
            first,
            last,
            events,
            goldstein_mean: (sum / events as f64 * 100.0).round() / 100.0,
        })
        .collect();
    let mut periods = Vec::new();
    let (Some(&first), Some(&last)) = (groups.keys().next(), groups.keys().next_back()) else {
        return Ok(Relations {
            periods,
            undated,
            too_coarse,
            coarse,
        });
    };
    let mut start = first;
    loop {
        let events = groups.remove(&start).unwrap_or_default();
        periods.push(period(s, by, start, events, top)?);
        match by.next(start) {
            Some(n) if n <= last => start = n,
            _ => break,
        }
    }
    Ok(Relations {
        periods,
        undated,
        too_coarse,
        coarse,
    })
}

fn period<S: EventSource + ?Sized>(
    s: &S,
    by: PeriodBy,
    start: NaiveDate,
    mut events: Vec<CanonicalEvent>,
    top: usize,
) -> Result<Period> {
    let mut quad_counts = [0u64; 4];
    let mut sum = 0.0;
    for e in &events {
        if (1..=4).contains(&e.quad_class) {
            quad_counts[usize::from(e.quad_class - 1)] += 1;
        }
        sum += e.goldstein;
    }
    let n = events.len() as u64;
    events.sort_by(|x, y| {
        y.num_mentions
            .cmp(&x.num_mentions)
            .then_with(|| y.goldstein.abs().total_cmp(&x.goldstein.abs()))
            .then_with(|| x.id.cmp(&y.id))
    });
    let mut top_events = Vec::new();
    for e in events.into_iter().take(top) {
        top_events.push(TopEvent {
            sentences: s.sentences(e.id, 3)?,
            id: e.id,
            date: e.date,
            source: e.source.code.unwrap_or(e.source.name),
            target: e.target.code.unwrap_or(e.target.name),
            cameo: e.cameo,
            event_name: e.event_name,
            quad_class: e.quad_class,
            goldstein: e.goldstein,
            num_mentions: e.num_mentions,
            num_articles: e.num_articles,
        });
    }
    Ok(Period {
        period: by.label(start),
        start,
        events: n,
        quad_counts,
        goldstein_mean: (n > 0).then(|| (sum / n as f64 * 100.0).round() / 100.0),
        goldstein_sum: (sum * 10.0).round() / 10.0,
        net_cooperation: (quad_counts[0] + quad_counts[1]) as i64 - (quad_counts[2] + quad_counts[3]) as i64,
        top_events,
    })
}

/// Events between the countries bound as `a` and `b`, either acting; a side is a country by
/// its `country` field or its actor code's first three letters. Written as a flat OR of
/// equalities so that SQLite answers it from the indexes of schema version 2 instead of
/// reading every event.
pub(crate) fn pair_clause(a: &str, b: &str) -> String {
    let sides = ["e.{s}_country", "substr(e.{s}_code, 1, 3)"];
    let mut terms = Vec::new();
    for (x, y) in [(a, b), (b, a)] {
        for s in sides {
            for t in sides {
                terms.push(format!(
                    "({} = {x} AND {} = {y})",
                    s.replace("{s}", "source"),
                    t.replace("{s}", "target")
                ));
            }
        }
    }
    format!("({})", terms.join(" OR "))
}

pub(crate) fn country_arg(s: &str) -> Result<String> {
    resolve_country("country", s)
}

/// A country named by its code (ISO 3166 alpha-3 or CAMEO: "TUR", "tur") or its name in the
/// knowledge base ("Turkey", "Türkiye", "greece"), as its code; any other value is a
/// [`StoreError::BadFilter`] for `field` with a suggestion when a name comes close.
pub fn resolve_country(field: &'static str, s: &str) -> Result<String> {
    let kb = dyad::kb::KnowledgeBase::embedded();
    let v = s.trim();
    let upper = v.to_ascii_uppercase();
    let by_code = |c: &str| {
        kb.country(c)
            .or_else(|| kb.countries.iter().find(|k| k.iso3.as_deref() == Some(c)))
    };
    if upper.len() == 3 && upper.bytes().all(|b| b.is_ascii_alphabetic()) && by_code(&upper).is_some() {
        return Ok(upper);
    }
    let norm = |n: &str| dyad::kb::normalized(&n.split_whitespace().collect::<Vec<_>>().join(" "));
    let key = norm(v);
    let named = |k: &dyad::kb::Country| std::iter::once(&k.name).chain(&k.variants).any(|n| norm(n) == key);
    if let Some(k) = kb.countries.iter().find(|k| named(k)) {
        return Ok(k.iso3.clone().unwrap_or_else(|| k.code.clone()));
    }
    let near = kb
        .countries
        .iter()
        .find(|k| {
            key.len() >= 3
                && std::iter::once(&k.name)
                    .chain(&k.variants)
                    .any(|n| norm(n).starts_with(&key))
        })
        .map(|k| format!("; did you mean {} ({})?", k.iso3.as_deref().unwrap_or(&k.code), k.name))
        .unwrap_or_default();
    Err(StoreError::BadFilter {
        field,
        value: v.to_string(),
        expected: format!("a country code (ISO 3166 alpha-3 or CAMEO) or name dyad knows, such as TUR or Turkey{near}"),
    })
}

/// A country's name in the knowledge base ("TUR" → "Turkey"), or the code itself.
pub fn country_name(code: &str) -> String {
    let kb = dyad::kb::KnowledgeBase::embedded();
    let c = code.trim().to_ascii_uppercase();
    kb.countries
        .iter()
        .find(|k| k.iso3.as_deref() == Some(c.as_str()))
        .or_else(|| kb.country(&c))
        .map(|k| k.name.clone())
        .unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_labelled_as_documented() {
        let d = NaiveDate::from_ymd_opt(2025, 4, 24).unwrap();
        assert_eq!(PeriodBy::Day.label(PeriodBy::Day.start(d)), "2025-04-24");
        assert_eq!(PeriodBy::Week.label(PeriodBy::Week.start(d)), "2025-W17");
        assert_eq!(PeriodBy::Month.label(PeriodBy::Month.start(d)), "2025-04");
        assert_eq!(PeriodBy::Year.label(PeriodBy::Year.start(d)), "2025");
        // ISO week 1 of 2025 starts on 2024-12-30.
        let d = NaiveDate::from_ymd_opt(2024, 12, 31).unwrap();
        assert_eq!(PeriodBy::Week.label(PeriodBy::Week.start(d)), "2025-W01");
        let start = PeriodBy::Month.start(NaiveDate::from_ymd_opt(2024, 12, 15).unwrap());
        assert_eq!(PeriodBy::Month.label(PeriodBy::Month.next(start).unwrap()), "2025-01");
    }

    #[test]
    fn bad_filters_are_errors_naming_the_option() {
        let bad = [
            Filter {
                root: Some("4x".into()),
                ..Filter::default()
            },
            Filter {
                quad: Some(5),
                ..Filter::default()
            },
            Filter {
                actor: Some("IRN GOV".into()),
                ..Filter::default()
            },
            Filter {
                code: Some("04211".into()),
                ..Filter::default()
            },
        ];
        for (f, field) in bad.iter().zip(["root", "quad", "actor", "code"]) {
            match f.sql().unwrap_err() {
                StoreError::BadFilter { field: got, .. } => assert_eq!(got, field),
                e => panic!("{e}"),
            }
        }
        // codes and names alike; anything else is refused with a hint
        assert_eq!(country_arg("Iran").unwrap(), "IRN");
        assert_eq!(country_arg("irn").unwrap(), "IRN");
        assert_eq!(resolve_country("a", " türkiye ").unwrap(), "TUR");
        assert_eq!(resolve_country("b", "United  States").unwrap(), "USA");
        match resolve_country("country", "XYZ").unwrap_err() {
            StoreError::BadFilter { field, expected, .. } => {
                assert_eq!(field, "country");
                assert!(expected.contains("such as TUR or Turkey"), "{expected}");
            }
            e => panic!("{e}"),
        }
        match resolve_country("country", "Turk").unwrap_err() {
            StoreError::BadFilter { expected, .. } => assert!(expected.contains("did you mean TUR"), "{expected}"),
            e => panic!("{e}"),
        }
        assert_eq!(country_name("grc"), "Greece");
        assert_eq!(like_escape("50%_a\\"), "50\\%\\_a\\\\");
    }
}
