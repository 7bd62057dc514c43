//! Exports: canonical events (or their mentions) as CSV or JSONL, canonical events as the
//! GDELT 2.0 event table and, with the `parquet` feature, as a Parquet file with the columns of
//! the CSV ([`Store::export_parquet`]). Plots of `dyad relations` are in `plot` (the `plot`
//! feature).

use crate::dates::EventDate;
use crate::query::{CanonicalEvent, EventSource, Filter, Order};
use crate::{Result, Store, StoreError};
use chrono::Datelike;
use serde::Serialize;
use serde_json::value::RawValue;
use std::io::Write;

/// What `dyad export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// Comma-separated values with a header row.
    Csv,
    /// One JSON object per line.
    Jsonl,
    /// The GDELT 2.0 event table: 61 tab-separated columns, no header.
    Gdelt,
}

/// The columns of the CSV of canonical events (`dyad events --format csv`, `dyad export`).
pub const EVENT_CSV_HEADER: [&str; 34] = [
    "id",
    "date",
    "date_precision",
    "reported",
    "source_code",
    "source_country",
    "source_name",
    "target_code",
    "target_country",
    "target_name",
    "cameo",
    "root",
    "quad_class",
    "goldstein",
    "event_name",
    "num_mentions",
    "num_sources",
    "num_articles",
    "root_event",
    "mood",
    "article",
    "outlet",
    "url",
    "sentence",
    "text",
    "added_at",
    "location",
    "location_country",
    "location_lat",
    "location_lon",
    "plover_type",
    "plover_mode",
    "plover_context",
    "plover_aux",
];

/// A canonical event as a CSV record, in the order of [`EVENT_CSV_HEADER`].
pub fn event_csv_record(e: &CanonicalEvent) -> Vec<String> {
    let o = |s: &Option<String>| s.clone().unwrap_or_default();
    vec![
        e.id.to_string(),
        o(&e.date),
        o(&e.date_precision),
        o(&e.reported),
        o(&e.source.code),
        o(&e.source.country),
        e.source.name.clone(),
        o(&e.target.code),
        o(&e.target.country),
        e.target.name.clone(),
        e.cameo.clone(),
        e.root.clone(),
        e.quad_class.to_string(),
        format!("{:.1}", e.goldstein),
        e.event_name.clone(),
        e.num_mentions.to_string(),
        e.num_sources.to_string(),
        e.num_articles.to_string(),
        u8::from(e.root_event).to_string(),
        e.mood.clone(),
        e.article.clone(),
        e.outlet.clone(),
        o(&e.url),
        e.sentence.to_string(),
        e.text.clone(),
        e.added_at.clone(),
        e.location.as_ref().map(|l| l.full_name.clone()).unwrap_or_default(),
        e.location.as_ref().map(|l| l.country.clone()).unwrap_or_default(),
        e.location.as_ref().map(|l| format!("{:.4}", l.lat)).unwrap_or_default(),
        e.location.as_ref().map(|l| format!("{:.4}", l.lon)).unwrap_or_default(),
        e.plover.as_ref().map(|p| p.event_type.clone()).unwrap_or_default(),
        e.plover.as_ref().and_then(|p| p.mode.clone()).unwrap_or_default(),
        e.plover.as_ref().map(|p| p.context.join(",")).unwrap_or_default(),
        e.plover.as_ref().map(|p| p.aux.join(",")).unwrap_or_default(),
    ]
}

/// The columns of `dyad export --format gdelt`: the GDELT 2.0 event table's 61, in order (GDELT
/// 2.0 Event Codebook), then dyad's `DatePrecision` ("day", "month", "year" or empty), which
/// says whether SQLDATE is the event's day or the first day of the month or year it is known
/// to.
pub const GDELT_COLUMNS: [&str; 62] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
    "DatePrecision",
];

/// CAMEO actor type codes (roles, sectors, organisation kinds) that GDELT puts in the
/// Type1..3 columns.
const CAMEO_TYPES: &[&str] = &[
    "COP", "GOV", "INS", "JUD", "MIL", "OPP", "REB", "SEP", "SPY", "UAF", "AGR", "BUS", "CRM", "CVL", "DEV", "EDU",
    "ELI", "ENV", "HLH", "HRI", "LAB", "LEG", "MED", "REF", "MOD", "RAD", "AMN", "IRC", "GRP", "UNO", "PKO", "UIS",
    "IGO", "IMG", "INT", "MNC", "NGM", "NGO", "SET", "REL", "PTY",
];

/// GDELT's actor columns from a code: (known group, type 1, type 2, type 3).
fn gdelt_types(code: &str, country: Option<&str>) -> [String; 3] {
    let rest = match country {
        Some(c) if code.starts_with(c) => &code[c.len()..],
        _ => code,
    };
    let mut types = [String::new(), String::new(), String::new()];
    let mut i = 0;
    let mut chunks = rest.as_bytes().chunks(3);
    for chunk in chunks.by_ref() {
        let c = std::str::from_utf8(chunk).unwrap_or_default();
        if i < 3 && CAMEO_TYPES.contains(&c) {
            types[i] = c.to_string();
            i += 1;
        } else {
            break;
        }
    }
    types
}

fn clean(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// GDELT's FractionDate of a day: the year plus the share of it completed before that day,
/// YYYY.FFFF with FFFF from 0 to 0.9999, as the codebook defines it ("the percentage of the
/// year completed by that day ... a fractional range from 0 to 0.9999"). The codebook's
/// shortcut, (MONTH × 30 + DAY) / 365, leaves the year after the first days of December
/// (2023-12-07 would be 2024.0055), so the share is computed from the day of the year.
pub fn fraction_date(d: chrono::NaiveDate) -> String {
    let days = if chrono::NaiveDate::from_ymd_opt(d.year(), 2, 29).is_some() {
        366.0
    } else {
        365.0
    };
    let share = f64::from(d.ordinal0()) / days;
    // truncated, never rounded up into the next year
    format!("{}.{:04}", d.year(), ((share * 10_000.0).floor() as u32).min(9999))
}

/// A canonical event as a row of `dyad export --format gdelt`: GDELT 2.0's 61 fields, those
/// dyad does not know empty (religion, ethnicity, tone, the actors' geography and every ADM2
/// code), then `DatePrecision`. The ActionGeo columns hold the event's location (type 1
/// country, 2 US state, 3 US city, 4 world city, 5 world state; FIPS country and ADM1 codes;
/// the GeoNames id as FeatureID, or the ADM1 code for a region, as GDELT does). SQLDATE is the event's day or, for an event known only to a month or a
/// year, that period's first day (MonthYear, Year and FractionDate follow it), with
/// DatePrecision saying which. DATEADDED is when the event was first reported (the earliest
/// publication date of its articles, at 00:00:00), else when it was stored. SOURCEURL is the
/// founding article's URL, else its name. IsRootEvent is 1 when some mention is an article's
/// first sentence (GDELT means its lead paragraph).
pub fn gdelt_row(e: &CanonicalEvent) -> Vec<String> {
    let mut row = vec![String::new(); GDELT_COLUMNS.len()];
    row[0] = e.id.to_string();
    if let Some(d) = e.date.as_deref().and_then(EventDate::parse) {
        let f = d.first;
        row[1] = f.format("%Y%m%d").to_string();
        row[2] = format!("{:04}{:02}", f.year(), f.month());
        row[3] = format!("{:04}", f.year());
        row[4] = fraction_date(f);
        row[61] = d.precision.as_str().to_string();
    }
    for (base, a) in [(5, &e.source), (15, &e.target)] {
        let code = a.code.clone().unwrap_or_default();
        row[base] = code.clone();
        row[base + 1] = clean(&a.name);
        row[base + 2] = a.country.clone().unwrap_or_default();
        let types = gdelt_types(&code, a.country.as_deref());
        row[base + 7..base + 10].clone_from_slice(&types);
    }
    row[25] = u8::from(e.root_event).to_string();
    row[26] = e.cameo.clone();
    row[27] = e.cameo.get(..3).unwrap_or(&e.cameo).to_string();
    row[28] = e.root.clone();
    row[29] = e.quad_class.to_string();
    row[30] = format!("{:.1}", e.goldstein);
    row[31] = e.num_mentions.to_string();
    row[32] = e.num_sources.to_string();
    row[33] = e.num_articles.to_string();
    if let Some(l) = &e.location {
        // ActionGeo_Type .. ActionGeo_FeatureID
        row[51] = l.gdelt_type().to_string();
        row[52] = clean(&l.full_name);
        row[53] = l.fips.clone().unwrap_or_default();
        row[54] = l.adm1_code.clone().or_else(|| l.fips.clone()).unwrap_or_default();
        row[56] = format!("{:.4}", l.lat);
        row[57] = format!("{:.4}", l.lon);
        row[58] = match l.precision {
            dyad::geo::PlaceKind::City => l.id.clone(),
            _ => l.adm1_code.clone().or_else(|| l.fips.clone()).unwrap_or_default(),
        };
    }
    row[59] = match e.reported.as_deref().and_then(EventDate::parse) {
        Some(r) => format!("{}000000", r.first.format("%Y%m%d")),
        None => e.added_at.chars().filter(char::is_ascii_digit).take(14).collect(),
    };
    row[60] = clean(e.url.as_deref().unwrap_or(&e.article));
    row
}

/// One mention of a canonical event as exported in JSONL.
#[derive(Serialize)]
struct MentionBrief<'a> {
    article: &'a str,
    outlet: &'a str,
    url: Option<&'a str>,
    sentence: i64,
    text: &'a str,
    date: Option<&'a str>,
    reported: Option<&'a str>,
    pattern: &'a str,
    fold_reason: &'a str,
}

/// A canonical event with its mentions, as exported in JSONL.
#[derive(Serialize)]
struct EventWithMentions<'a> {
    #[serde(flatten)]
    event: &'a CanonicalEvent,
    mentions: Vec<MentionBrief<'a>>,
}

/// A mention exported as `dyad code` writes it, with its canonical event.
#[derive(Serialize)]
struct MentionOut {
    article: String,
    outlet: String,
    url: Option<String>,
    sentence: i64,
    text: String,
    date: Option<String>,
    date_precision: Option<String>,
    reported: Option<String>,
    source: Box<RawValue>,
    target: Box<RawValue>,
    cameo: String,
    root: String,
    quad_class: u8,
    goldstein: f64,
    event_name: String,
    evidence: Box<RawValue>,
    plover: Option<crate::query::StoredPlover>,
    event_id: Option<i64>,
    fold_reason: Option<String>,
}

/// The columns of the CSV of mentions (`dyad export --mentions --format csv`).
pub const MENTION_CSV_HEADER: [&str; 25] = [
    "event_id",
    "article",
    "outlet",
    "url",
    "sentence",
    "date",
    "date_precision",
    "reported",
    "source",
    "source_country",
    "source_name",
    "target",
    "target_country",
    "target_name",
    "cameo",
    "root",
    "quad_class",
    "goldstein",
    "pattern",
    "text",
    "fold_reason",
    "plover_type",
    "plover_mode",
    "plover_context",
    "plover_aux",
];

/// Where mentions go.
enum Sink<'a> {
    Csv(Box<csv::Writer<&'a mut dyn Write>>),
    Json(&'a mut dyn Write),
}

fn csv_error(e: csv::Error) -> StoreError {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => StoreError::Io(e),
        other => StoreError::Invalid(format!("writing CSV: {other:?}")),
    }
}

impl Store {
    /// Writes the canonical events matching `f` (by id) to `out`; returns how many.
    pub fn export(&self, format: ExportFormat, f: &Filter, out: &mut dyn Write) -> Result<u64> {
        export_events(self, format, f, out)
    }
}

/// [`EventSource::export_mentions`].
pub(crate) fn export_mentions<S: EventSource + ?Sized>(
    src: &S,
    format: ExportFormat,
    f: &Filter,
    out: &mut dyn Write,
) -> Result<u64> {
    if format == ExportFormat::Gdelt {
        return Err(StoreError::Invalid(
            "the GDELT event table holds canonical events, not mentions (mentions export as csv or jsonl)".into(),
        ));
    }
    let (w, mut p) = Filter {
        limit: None,
        ..f.clone()
    }
    .sql()?;
    let limit = match f.limit {
        Some(n) => {
            p.push(crate::sql::Value::Integer(n.min(i64::MAX as usize) as i64));
            format!(" LIMIT ?{}", p.len())
        }
        None => String::new(),
    };
    let sql = format!(
        "SELECT a.name, m.sentence, m.text, m.date, m.date_precision, m.source_json, m.target_json, m.cameo,
            m.root, m.quad_class, m.goldstein, m.event_name, m.evidence, m.event_id, m.fold_reason,
            a.outlet, a.url, a.date, m.plover_type, m.plover_mode, m.plover_context, m.plover_aux
         FROM mentions m JOIN articles a ON a.id = m.article_id
         WHERE m.event_id IN (SELECT e.id FROM events e WHERE {w}) ORDER BY m.id{limit}"
    );
    let raw = |s: String, id: i64| {
        RawValue::from_string(s).map_err(|e| StoreError::Corrupt {
            path: src.name().to_string(),
            what: format!("mention of event {id}: stored JSON is invalid: {e}"),
        })
    };
    let mut n = 0;
    let mut sink = match format {
        ExportFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(MENTION_CSV_HEADER).map_err(csv_error)?;
            Sink::Csv(Box::new(w))
        }
        _ => Sink::Json(out),
    };
    src.query_each(&sql, &p, &mut |r| {
        let eid: Option<i64> = r.get(13)?;
        let id = eid.unwrap_or_default();
        n += 1;
        let m = MentionOut {
            article: r.get(0)?,
            outlet: r.get(15)?,
            url: r.get(16)?,
            sentence: r.get(1)?,
            text: r.get(2)?,
            date: r.get(3)?,
            date_precision: r.get(4)?,
            reported: r.get(17)?,
            source: raw(r.get(5)?, id)?,
            target: raw(r.get(6)?, id)?,
            cameo: r.get(7)?,
            root: r.get(8)?,
            quad_class: r.get(9)?,
            goldstein: crate::query::round1(r.get(10)?),
            event_name: r.get(11)?,
            evidence: raw(r.get(12)?, id)?,
            plover: crate::query::StoredPlover::of(r.get(18)?, r.get(19)?, r.get(20)?, r.get(21)?),
            event_id: eid,
            fold_reason: r.get(14)?,
        };
        match &mut sink {
            Sink::Csv(w) => {
                let actor = |v: &RawValue| -> (String, String, String) {
                    let v: serde_json::Value = serde_json::from_str(v.get()).unwrap_or_default();
                    let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
                    (s("code"), s("country"), s("name"))
                };
                let (sc, scn, sn) = actor(&m.source);
                let (tc, tcn, tn) = actor(&m.target);
                let ev: serde_json::Value = serde_json::from_str(m.evidence.get()).unwrap_or_default();
                w.write_record([
                    m.event_id.map(|i| i.to_string()).unwrap_or_default(),
                    m.article,
                    m.outlet,
                    m.url.unwrap_or_default(),
                    m.sentence.to_string(),
                    m.date.unwrap_or_default(),
                    m.date_precision.unwrap_or_default(),
                    m.reported.unwrap_or_default(),
                    sc,
                    scn,
                    sn,
                    tc,
                    tcn,
                    tn,
                    m.cameo,
                    m.root,
                    m.quad_class.to_string(),
                    format!("{:.1}", m.goldstein),
                    ev["pattern"].as_str().unwrap_or_default().to_string(),
                    m.text,
                    m.fold_reason.unwrap_or_default(),
                    m.plover.as_ref().map(|p| p.event_type.clone()).unwrap_or_default(),
                    m.plover.as_ref().and_then(|p| p.mode.clone()).unwrap_or_default(),
                    m.plover.as_ref().map(|p| p.context.join(",")).unwrap_or_default(),
                    m.plover.as_ref().map(|p| p.aux.join(",")).unwrap_or_default(),
                ])
                .map_err(csv_error)?;
            }
            Sink::Json(out) => {
                serde_json::to_writer(&mut **out, &m).map_err(|e| StoreError::Io(e.into()))?;
                out.write_all(b"\n")?;
            }
        }
        Ok(())
    })?;
    if let Sink::Csv(mut w) = sink {
        w.flush()?;
    }
    Ok(n)
}

/// The mentions of one canonical event as the JSONL export lists them: article name, sentence,
/// text, date, pattern, fold reason, the article's outlet, URL and publication (reported)
/// date, in the order they were stored.
pub type MentionBriefRow = (
    String,
    i64,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
);

/// Writes the canonical events matching `f` (by id) from any backend ([`EventSource`]) to
/// `out`; returns how many. [`Store::export`] for SQLite.
pub fn export_events(src: &dyn EventSource, format: ExportFormat, f: &Filter, out: &mut dyn Write) -> Result<u64> {
    let mut n = 0;
    match format {
        ExportFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(EVENT_CSV_HEADER).map_err(csv_error)?;
            src.each_event(f, Order::Id, &mut |e| {
                n += 1;
                w.write_record(event_csv_record(&e)).map_err(csv_error)
            })?;
            w.flush()?;
        }
        ExportFormat::Gdelt => {
            src.each_event(f, Order::Id, &mut |e| {
                n += 1;
                writeln!(out, "{}", gdelt_row(&e).join("\t"))?;
                Ok(())
            })?;
        }
        ExportFormat::Jsonl => {
            src.each_event(f, Order::Id, &mut |e| {
                n += 1;
                let rows = src.mention_briefs(e.id)?;
                let mentions = rows
                    .iter()
                    .map(
                        |(article, sentence, text, date, pattern, why, outlet, url, reported)| MentionBrief {
                            article,
                            outlet,
                            url: url.as_deref(),
                            sentence: *sentence,
                            text,
                            date: date.as_deref(),
                            reported: reported.as_deref(),
                            pattern: pattern.as_deref().unwrap_or_default(),
                            fold_reason: why.as_deref().unwrap_or_default(),
                        },
                    )
                    .collect();
                serde_json::to_writer(&mut *out, &EventWithMentions { event: &e, mentions })
                    .map_err(|e| StoreError::Io(e.into()))?;
                out.write_all(b"\n")?;
                Ok(())
            })?;
        }
    }
    Ok(n)
}

/// Canonical events in a Parquet file: the columns of [`EVENT_CSV_HEADER`], typed. Written with
/// the `parquet` crate's own column writers (no Arrow: the Arrow crates were a third of a cold
/// build of the `dyad` binary).
#[cfg(feature = "parquet")]
mod parquet_out {
    use crate::dates::EventDate;
    use crate::query::CanonicalEvent;
    use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DataType, DoubleType, Int32Type, Int64Type};
    use parquet::errors::Result;
    use parquet::file::writer::SerializedRowGroupWriter;
    use std::io::Write;

    /// Rows per row group.
    pub(super) const BATCH: usize = 8192;

    /// The file's schema, in [`super::EVENT_CSV_HEADER`] order: dates as DATE (days since
    /// 1970-01-01; a month or year as its first day), `quad_class` as an unsigned byte,
    /// `added_at` as a UTC timestamp in milliseconds.
    pub(super) const SCHEMA: &str = "message dyad_event {
        REQUIRED INT64 id;
        OPTIONAL INT32 date (DATE);
        OPTIONAL BYTE_ARRAY date_precision (UTF8);
        OPTIONAL INT32 reported (DATE);
        OPTIONAL BYTE_ARRAY source_code (UTF8);
        OPTIONAL BYTE_ARRAY source_country (UTF8);
        REQUIRED BYTE_ARRAY source_name (UTF8);
        OPTIONAL BYTE_ARRAY target_code (UTF8);
        OPTIONAL BYTE_ARRAY target_country (UTF8);
        REQUIRED BYTE_ARRAY target_name (UTF8);
        REQUIRED BYTE_ARRAY cameo (UTF8);
        REQUIRED BYTE_ARRAY root (UTF8);
        REQUIRED INT32 quad_class (INTEGER(8,false));
        REQUIRED DOUBLE goldstein;
        REQUIRED BYTE_ARRAY event_name (UTF8);
        REQUIRED INT64 num_mentions;
        REQUIRED INT64 num_sources;
        REQUIRED INT64 num_articles;
        REQUIRED BOOLEAN root_event;
        REQUIRED BYTE_ARRAY mood (UTF8);
        REQUIRED BYTE_ARRAY article (UTF8);
        REQUIRED BYTE_ARRAY outlet (UTF8);
        OPTIONAL BYTE_ARRAY url (UTF8);
        REQUIRED INT64 sentence;
        REQUIRED BYTE_ARRAY text (UTF8);
        REQUIRED INT64 added_at (TIMESTAMP(MILLIS,true));
        OPTIONAL BYTE_ARRAY location (UTF8);
        OPTIONAL BYTE_ARRAY location_country (UTF8);
        OPTIONAL DOUBLE location_lat;
        OPTIONAL DOUBLE location_lon;
        OPTIONAL BYTE_ARRAY plover_type (UTF8);
        OPTIONAL BYTE_ARRAY plover_mode (UTF8);
        OPTIONAL BYTE_ARRAY plover_context (UTF8);
        OPTIONAL BYTE_ARRAY plover_aux (UTF8);
    }";

    /// Days since 1970-01-01 of a date's first day ("2024-05" → 2024-05-01).
    fn days(date: Option<&str>) -> Option<i32> {
        let d = EventDate::parse(date?)?.first;
        let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1)?;
        i32::try_from((d - epoch).num_days()).ok()
    }

    /// One column's values and, for an optional column, its definition levels.
    struct Col<T> {
        values: Vec<T>,
        defined: Vec<i16>,
    }

    impl<T> Default for Col<T> {
        fn default() -> Self {
            Col {
                values: Vec::new(),
                defined: Vec::new(),
            }
        }
    }

    impl<T> Col<T> {
        fn push(&mut self, v: T) {
            self.values.push(v);
            self.defined.push(1);
        }

        fn push_option(&mut self, v: Option<T>) {
            match v {
                Some(v) => self.push(v),
                None => self.defined.push(0),
            }
        }
    }

    fn text(s: &str) -> ByteArray {
        ByteArray::from(s.as_bytes().to_vec())
    }

    /// The rows of one row group, column by column.
    #[derive(Default)]
    pub(super) struct Columns {
        ints: [Col<i64>; 6],
        dates: [Col<i32>; 2],
        texts: [Col<ByteArray>; 14],
        /// PLOVER type, mode, contexts and auxiliary modes (comma-separated), as in the CSV.
        plover: [Col<ByteArray>; 4],
        quad: Col<i32>,
        goldstein: Col<f64>,
        root_event: Col<bool>,
        sentences: Col<ByteArray>,
        /// The location's full name and country, as in the CSV.
        location: [Col<ByteArray>; 2],
        /// The location's latitude and longitude.
        coordinates: [Col<f64>; 2],
        pub(super) rows: usize,
    }

    impl Columns {
        pub(super) fn push(&mut self, e: &CanonicalEvent) {
            let date = days(e.date.as_deref());
            let [id, mentions, sources, articles, sentence, added] = &mut self.ints;
            id.push(e.id);
            mentions.push(e.num_mentions);
            sources.push(e.num_sources);
            articles.push(e.num_articles);
            sentence.push(e.sentence);
            let added_at = chrono::DateTime::parse_from_rfc3339(&e.added_at).map_or(0, |t| t.timestamp_millis());
            added.push(added_at);
            self.dates[0].push_option(date);
            self.dates[1].push_option(days(e.reported.as_deref()));
            // a date that is not one (never written by dyad) has no precision either
            let precision = e.date_precision.as_deref().filter(|_| date.is_some());
            let t = &mut self.texts;
            t[0].push_option(precision.map(text));
            t[1].push_option(e.source.code.as_deref().map(text));
            t[2].push_option(e.source.country.as_deref().map(text));
            t[3].push(text(&e.source.name));
            t[4].push_option(e.target.code.as_deref().map(text));
            t[5].push_option(e.target.country.as_deref().map(text));
            t[6].push(text(&e.target.name));
            t[7].push(text(&e.cameo));
            t[8].push(text(&e.root));
            t[9].push(text(&e.event_name));
            t[10].push(text(&e.mood));
            t[11].push(text(&e.article));
            t[12].push(text(&e.outlet));
            t[13].push_option(e.url.as_deref().map(text));
            self.quad.push(i32::from(e.quad_class));
            self.goldstein.push(e.goldstein);
            self.root_event.push(e.root_event);
            self.sentences.push(text(&e.text));
            let p = e.plover.as_ref();
            let [ptype, pmode, pcontext, paux] = &mut self.plover;
            ptype.push_option(p.map(|p| text(&p.event_type)));
            pmode.push_option(p.and_then(|p| p.mode.as_deref()).map(text));
            pcontext.push_option(p.map(|p| text(&p.context.join(","))));
            paux.push_option(p.map(|p| text(&p.aux.join(","))));
            let l = e.location.as_ref();
            let [lname, lcountry] = &mut self.location;
            lname.push_option(l.map(|l| text(&l.full_name)));
            lcountry.push_option(l.map(|l| text(&l.country)));
            let [lat, lon] = &mut self.coordinates;
            lat.push_option(l.map(|l| l.lat));
            lon.push_option(l.map(|l| l.lon));
            self.rows += 1;
        }

        /// Writes the rows as one row group, in schema order; the columns start over.
        pub(super) fn write<W: Write + Send>(&mut self, rg: &mut SerializedRowGroupWriter<'_, W>) -> Result<()> {
            let mut c = std::mem::take(self);
            let [id, mentions, sources, articles, sentence, added] = &mut c.ints;
            let [date, reported] = &mut c.dates;
            let [precision, scode, scountry, sname, tcode, tcountry, tname, cameo, root, name, mood, article, outlet, url] =
                &mut c.texts;
            column::<Int64Type, W>(rg, id, false)?;
            column::<Int32Type, W>(rg, date, true)?;
            column::<ByteArrayType, W>(rg, precision, true)?;
            column::<Int32Type, W>(rg, reported, true)?;
            column::<ByteArrayType, W>(rg, scode, true)?;
            column::<ByteArrayType, W>(rg, scountry, true)?;
            column::<ByteArrayType, W>(rg, sname, false)?;
            column::<ByteArrayType, W>(rg, tcode, true)?;
            column::<ByteArrayType, W>(rg, tcountry, true)?;
            column::<ByteArrayType, W>(rg, tname, false)?;
            column::<ByteArrayType, W>(rg, cameo, false)?;
            column::<ByteArrayType, W>(rg, root, false)?;
            column::<Int32Type, W>(rg, &c.quad, false)?;
            column::<DoubleType, W>(rg, &c.goldstein, false)?;
            column::<ByteArrayType, W>(rg, name, false)?;
            column::<Int64Type, W>(rg, mentions, false)?;
            column::<Int64Type, W>(rg, sources, false)?;
            column::<Int64Type, W>(rg, articles, false)?;
            column::<BoolType, W>(rg, &c.root_event, false)?;
            column::<ByteArrayType, W>(rg, mood, false)?;
            column::<ByteArrayType, W>(rg, article, false)?;
            column::<ByteArrayType, W>(rg, outlet, false)?;
            column::<ByteArrayType, W>(rg, url, true)?;
            column::<Int64Type, W>(rg, sentence, false)?;
            column::<ByteArrayType, W>(rg, &c.sentences, false)?;
            column::<Int64Type, W>(rg, added, false)?;
            for col in &c.location {
                column::<ByteArrayType, W>(rg, col, true)?;
            }
            for col in &c.coordinates {
                column::<DoubleType, W>(rg, col, true)?;
            }
            for col in &c.plover {
                column::<ByteArrayType, W>(rg, col, true)?;
            }
            Ok(())
        }
    }

    /// Writes the next column of the row group.
    fn column<T: DataType, W: Write + Send>(
        rg: &mut SerializedRowGroupWriter<'_, W>,
        col: &Col<T::T>,
        optional: bool,
    ) -> Result<()> {
        let Some(mut w) = rg.next_column()? else {
            return Err(parquet::errors::ParquetError::General(
                "more columns than the schema".into(),
            ));
        };
        let levels = optional.then_some(col.defined.as_slice());
        w.typed::<T>().write_batch(&col.values, levels, None)?;
        w.close()
    }
}

#[cfg(feature = "parquet")]
impl Store {
    /// Writes the canonical events matching `f` (by id) to `out` as one Parquet file
    /// ([`export_parquet`]); returns how many.
    pub fn export_parquet<W: Write + Send>(&self, f: &Filter, out: W) -> Result<u64> {
        export_parquet(self, f, out)
    }
}

/// Writes the canonical events matching `f` (by id) from any backend ([`EventSource`]) to
/// `out` as one Parquet file with the columns of the CSV export ([`EVENT_CSV_HEADER`]), typed:
/// integers for ids and counts, `date` and `reported` as dates (DATE, read as Date32 by Arrow;
/// a month or year is its first day, with `date_precision` saying which), `added_at` as a UTC
/// timestamp (milliseconds), `quad_class` as an unsigned byte, `goldstein` as a double,
/// `root_event` as a boolean, the rest as UTF-8 strings (null where the CSV has an empty
/// field). Uncompressed. Returns how many events were written.
#[cfg(feature = "parquet")]
pub fn export_parquet<W: Write + Send>(src: &dyn EventSource, f: &Filter, out: W) -> Result<u64> {
    use parquet::file::properties::WriterProperties;
    use parquet::file::writer::SerializedFileWriter;
    use std::sync::Arc;
    let fail = |e: &dyn std::fmt::Display| StoreError::Io(std::io::Error::other(format!("Parquet: {e}")));
    let schema = Arc::new(parquet::schema::parser::parse_message_type(parquet_out::SCHEMA).map_err(|e| fail(&e))?);
    let props = WriterProperties::builder()
        .set_created_by(format!("dyad {}", env!("CARGO_PKG_VERSION")))
        .build();
    let mut w = SerializedFileWriter::new(out, schema, Arc::new(props)).map_err(|e| fail(&e))?;
    let mut cols = parquet_out::Columns::default();
    let mut n = 0;
    let flush = |cols: &mut parquet_out::Columns, w: &mut SerializedFileWriter<W>| -> Result<()> {
        let mut rg = w.next_row_group().map_err(|e| fail(&e))?;
        cols.write(&mut rg).map_err(|e| fail(&e))?;
        rg.close().map_err(|e| fail(&e))?;
        Ok(())
    };
    src.each_event(f, Order::Id, &mut |e| {
        n += 1;
        cols.push(&e);
        if cols.rows >= parquet_out::BATCH {
            flush(&mut cols, &mut w)?;
        }
        Ok(())
    })?;
    if cols.rows > 0 {
        flush(&mut cols, &mut w)?;
    }
    w.close().map_err(|e| fail(&e))?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::ActorRef;

    fn event(date: &str) -> CanonicalEvent {
        CanonicalEvent {
            id: 7,
            date: Some(date.into()),
            date_precision: None,
            reported: Some("2025-04-30".into()),
            mood: "fact".into(),
            source: ActorRef {
                code: Some("TURGOV".into()),
                country: Some("TUR".into()),
                name: "Erdogan".into(),
            },
            target: ActorRef {
                code: Some("IGOUNO".into()),
                country: None,
                name: "the\tUN".into(),
            },
            cameo: "0421".into(),
            root: "04".into(),
            quad_class: 1,
            goldstein: 1.9,
            event_name: "x".into(),
            num_mentions: 3,
            num_sources: 2,
            num_articles: 3,
            root_event: true,
            article: "a/b.txt".into(),
            url: None,
            outlet: "Reuters".into(),
            sentence: 0,
            text: "t".into(),
            added_at: "2025-05-01T10:20:30Z".into(),
            plover: crate::query::StoredPlover::of(
                Some("CONSULT".into()),
                Some("visit".into()),
                Some("diplomatic".into()),
                Some(String::new()),
            ),
            location: None,
        }
    }

    #[test]
    fn gdelt_rows_have_61_columns_in_codebook_order_then_the_precision() {
        let row = gdelt_row(&event("2025-04-28"));
        assert_eq!(row.len(), 62);
        assert_eq!(GDELT_COLUMNS[60], "SOURCEURL");
        let col = |name: &str| row[GDELT_COLUMNS.iter().position(|c| *c == name).unwrap()].as_str();
        assert_eq!(col("SQLDATE"), "20250428");
        assert_eq!(col("MonthYear"), "202504");
        assert_eq!(col("Year"), "2025");
        // 117 days of 365 completed before 28 April
        assert_eq!(col("FractionDate"), "2025.3205");
        assert_eq!(col("DatePrecision"), "day");
        assert_eq!(col("Actor1Code"), "TURGOV");
        assert_eq!(col("Actor1CountryCode"), "TUR");
        assert_eq!(col("Actor1Type1Code"), "GOV");
        assert_eq!(col("Actor2Name"), "the UN");
        assert_eq!(col("Actor2Type1Code"), "IGO");
        assert_eq!(col("Actor2Type2Code"), "UNO");
        assert_eq!(col("IsRootEvent"), "1");
        assert_eq!(col("EventCode"), "0421");
        assert_eq!(col("EventBaseCode"), "042");
        assert_eq!(col("EventRootCode"), "04");
        assert_eq!(col("QuadClass"), "1");
        assert_eq!(col("GoldsteinScale"), "1.9");
        assert_eq!(
            (col("NumMentions"), col("NumSources"), col("NumArticles")),
            ("3", "2", "3")
        );
        // first reported on 30 April; without a publication date, when it was stored
        assert_eq!(col("DATEADDED"), "20250430000000");
        assert_eq!(col("SOURCEURL"), "a/b.txt", "the article's name without a URL");
        assert_eq!(col("AvgTone"), "");
        let mut e = event("2025-04-28");
        e.reported = None;
        e.url = Some("https://www.reuters.com/world/a".into());
        let row = gdelt_row(&e);
        assert_eq!(row[59], "20250501102030");
        assert_eq!(row[60], "https://www.reuters.com/world/a");
        // a month or a year: its first day, with the precision
        let month = gdelt_row(&event("2025-04"));
        assert_eq!(
            (
                month[1].as_str(),
                month[2].as_str(),
                month[3].as_str(),
                month[4].as_str(),
                month[61].as_str()
            ),
            ("20250401", "202504", "2025", "2025.2465", "month")
        );
        let year = gdelt_row(&event("2025"));
        assert_eq!(
            (year[1].as_str(), year[2].as_str(), year[61].as_str()),
            ("20250101", "202501", "year")
        );
        assert!(!year.join("\t").contains('\n'));
    }

    #[test]
    fn fraction_dates_stay_within_their_year() {
        let d = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(fraction_date(d(2023, 12, 7)), "2023.9315");
        assert_eq!(fraction_date(d(2023, 1, 1)), "2023.0000");
        assert_eq!(fraction_date(d(2023, 12, 31)), "2023.9972");
        assert_eq!(fraction_date(d(2024, 12, 31)), "2024.9972");
        let mut day = d(2023, 1, 1);
        let mut last = String::new();
        while day.year() < 2025 {
            let f = fraction_date(day);
            assert!(f.starts_with(&day.year().to_string()), "{day}: {f}");
            if day.year().to_string() == last[..last.len().min(4)] {
                assert!(f > last, "{day}: {f} after {last}");
            }
            last = f;
            day = day.succ_opt().unwrap();
        }
    }
}
