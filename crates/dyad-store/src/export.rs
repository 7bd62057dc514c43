//! Exports: canonical events (or their mentions) as CSV or JSONL, canonical events as the
//! GDELT 2.0 event table and, with the `parquet` feature, as a Parquet file with the columns of
//! the CSV ([`Store::export_parquet`]). Plots of `dyad relations` are in `plot` (the `plot`
//! feature).

use crate::dates::{EventDate, Precision};
use crate::query::{CanonicalEvent, Filter, Order};
use crate::{Result, Store, StoreError};
use chrono::Datelike;
use rusqlite::params_from_iter;
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
pub const EVENT_CSV_HEADER: [&str; 26] = [
    "id",
    "date",
    "date_precision",
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
    "article",
    "sentence",
    "text",
    "added_at",
    "location",
    "location_country",
    "location_lat",
    "location_lon",
];

/// A canonical event as a CSV record, in the order of [`EVENT_CSV_HEADER`].
pub fn event_csv_record(e: &CanonicalEvent) -> Vec<String> {
    let o = |s: &Option<String>| s.clone().unwrap_or_default();
    vec![
        e.id.to_string(),
        o(&e.date),
        o(&e.date_precision),
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
        e.article.clone(),
        e.sentence.to_string(),
        e.text.clone(),
        e.added_at.clone(),
        e.location.as_ref().map(|l| l.full_name.clone()).unwrap_or_default(),
        e.location.as_ref().map(|l| l.country.clone()).unwrap_or_default(),
        e.location.as_ref().map(|l| format!("{:.4}", l.lat)).unwrap_or_default(),
        e.location.as_ref().map(|l| format!("{:.4}", l.lon)).unwrap_or_default(),
    ]
}

/// The GDELT 2.0 event table's columns, in order (GDELT 2.0 Event Codebook).
pub const GDELT_COLUMNS: [&str; 61] = [
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

/// A canonical event as a GDELT 2.0 event row: 61 fields, those dyad does not know empty
/// (religion, ethnicity, tone, the actors' geography and every ADM2 code). The ActionGeo
/// columns hold the event's location (type 1 country, 2 US state, 3 US city, 4 world city,
/// 5 world state; FIPS country and ADM1 codes; the GeoNames id as FeatureID, or the ADM1 code
/// for a region, as GDELT does). SOURCEURL is the article id of the
/// first mention; IsRootEvent is 1 when some mention is an article's first sentence (GDELT
/// means its lead paragraph); FractionDate follows GDELT's formula, year + (month × 30 + day)
/// / 365. A date known to the month or year only fills MonthYear and Year, or Year.
pub fn gdelt_row(e: &CanonicalEvent) -> Vec<String> {
    let mut row = vec![String::new(); 61];
    row[0] = e.id.to_string();
    if let Some(d) = e.date.as_deref().and_then(EventDate::parse) {
        let f = d.first;
        row[3] = format!("{:04}", f.year());
        if d.precision <= Precision::Month {
            row[2] = format!("{:04}{:02}", f.year(), f.month());
        }
        if d.precision == Precision::Day {
            row[1] = f.format("%Y%m%d").to_string();
            let frac = f64::from(f.year()) + f64::from(f.month() * 30 + f.day()) / 365.0;
            row[4] = format!("{frac:.4}");
        }
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
    row[59] = e.added_at.chars().filter(char::is_ascii_digit).collect();
    row[60] = clean(&e.article);
    row
}

/// One mention of a canonical event as exported in JSONL.
#[derive(Serialize)]
struct MentionBrief<'a> {
    article: &'a str,
    sentence: i64,
    text: &'a str,
    date: Option<&'a str>,
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
    sentence: i64,
    text: String,
    date: Option<String>,
    date_precision: Option<String>,
    source: Box<RawValue>,
    target: Box<RawValue>,
    cameo: String,
    root: String,
    quad_class: u8,
    goldstein: f64,
    event_name: String,
    evidence: Box<RawValue>,
    event_id: Option<i64>,
    fold_reason: Option<String>,
}

/// The columns of the CSV of mentions (`dyad export --mentions --format csv`).
pub const MENTION_CSV_HEADER: [&str; 18] = [
    "event_id",
    "article",
    "sentence",
    "date",
    "date_precision",
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
        let mut n = 0;
        match format {
            ExportFormat::Csv => {
                let mut w = csv::Writer::from_writer(out);
                w.write_record(EVENT_CSV_HEADER).map_err(csv_error)?;
                self.each_event(f, Order::Id, &mut |e| {
                    n += 1;
                    w.write_record(event_csv_record(&e)).map_err(csv_error)
                })?;
                w.flush()?;
            }
            ExportFormat::Gdelt => {
                self.each_event(f, Order::Id, &mut |e| {
                    n += 1;
                    writeln!(out, "{}", gdelt_row(&e).join("\t"))?;
                    Ok(())
                })?;
            }
            ExportFormat::Jsonl => {
                let mut st = self
                    .conn
                    .prepare(
                        "SELECT a.name, m.sentence, m.text, m.date, json_extract(m.evidence, '$.pattern'),
                            m.fold_reason
                         FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.event_id = ?1 ORDER BY m.id",
                    )
                    .map_err(|e| self.err(e))?;
                self.each_event(f, Order::Id, &mut |e| {
                    n += 1;
                    let rows = st
                        .query_map([e.id], |r| {
                            Ok((
                                r.get::<_, String>(0)?,
                                r.get::<_, i64>(1)?,
                                r.get::<_, String>(2)?,
                                r.get::<_, Option<String>>(3)?,
                                r.get::<_, Option<String>>(4)?,
                                r.get::<_, Option<String>>(5)?,
                            ))
                        })
                        .map_err(|e| self.err(e))?
                        .collect::<rusqlite::Result<Vec<_>>>()
                        .map_err(|e| self.err(e))?;
                    let mentions = rows
                        .iter()
                        .map(|(article, sentence, text, date, pattern, why)| MentionBrief {
                            article,
                            sentence: *sentence,
                            text,
                            date: date.as_deref(),
                            pattern: pattern.as_deref().unwrap_or_default(),
                            fold_reason: why.as_deref().unwrap_or_default(),
                        })
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

    /// Writes the mentions of the canonical events matching `f` (in ingestion order), as CSV
    /// or as JSONL in the `dyad code` contract plus `event_id` and `fold_reason`; returns how
    /// many. The GDELT format is for canonical events only.
    pub fn export_mentions(&self, format: ExportFormat, f: &Filter, out: &mut dyn Write) -> Result<u64> {
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
                p.push(rusqlite::types::Value::Integer(n.min(i64::MAX as usize) as i64));
                format!(" LIMIT ?{}", p.len())
            }
            None => String::new(),
        };
        let sql = format!(
            "SELECT a.name, m.sentence, m.text, m.date, m.date_precision, m.source_json, m.target_json, m.cameo,
                m.root, m.quad_class, m.goldstein, m.event_name, m.evidence, m.event_id, m.fold_reason
             FROM mentions m JOIN articles a ON a.id = m.article_id
             WHERE m.event_id IN (SELECT e.id FROM events e WHERE {w}) ORDER BY m.id{limit}"
        );
        let mut st = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
        let rows = st
            .query_map(params_from_iter(p), |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, String>(7)?,
                    r.get::<_, String>(8)?,
                    r.get::<_, u8>(9)?,
                    r.get::<_, f64>(10)?,
                    r.get::<_, String>(11)?,
                    r.get::<_, String>(12)?,
                    r.get::<_, Option<i64>>(13)?,
                    r.get::<_, Option<String>>(14)?,
                ))
            })
            .map_err(|e| self.err(e))?;
        let raw = |s: String, id: i64| {
            RawValue::from_string(s).map_err(|e| StoreError::Corrupt {
                path: self.path.clone(),
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
        for r in rows {
            let (article, sentence, text, date, date_precision, src, tgt, cameo, root, quad, g, name, ev, eid, why) =
                r.map_err(|e| self.err(e))?;
            n += 1;
            let id = eid.unwrap_or_default();
            let m = MentionOut {
                article,
                sentence,
                text,
                date,
                date_precision,
                source: raw(src, id)?,
                target: raw(tgt, id)?,
                cameo,
                root,
                quad_class: quad,
                goldstein: crate::query::round1(g),
                event_name: name,
                evidence: raw(ev, id)?,
                event_id: eid,
                fold_reason: why,
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
                        m.sentence.to_string(),
                        m.date.unwrap_or_default(),
                        m.date_precision.unwrap_or_default(),
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
                    ])
                    .map_err(csv_error)?;
                }
                Sink::Json(out) => {
                    serde_json::to_writer(&mut **out, &m).map_err(|e| StoreError::Io(e.into()))?;
                    out.write_all(b"\n")?;
                }
            }
        }
        if let Sink::Csv(mut w) = sink {
            w.flush()?;
        }
        Ok(n)
    }
}

/// Canonical events in a Parquet file: the columns of [`EVENT_CSV_HEADER`], typed.
#[cfg(feature = "parquet")]
mod parquet_out {
    use super::EVENT_CSV_HEADER;
    use crate::query::CanonicalEvent;
    use arrow_array::builder::{BooleanBuilder, Float64Builder, Int64Builder, StringBuilder, UInt8Builder};
    use arrow_array::{ArrayRef, RecordBatch};
    use arrow_schema::{DataType, Field, Schema, SchemaRef};
    use std::sync::Arc;

    /// Rows per record batch (and so at most per row group).
    pub(super) const BATCH: usize = 8192;

    /// The Arrow type of each column, and whether it may be null, in [`EVENT_CSV_HEADER`] order.
    const TYPES: [(DataType, bool); 26] = [
        (DataType::Int64, false),   // id
        (DataType::Utf8, true),     // date
        (DataType::Utf8, true),     // date_precision
        (DataType::Utf8, true),     // source_code
        (DataType::Utf8, true),     // source_country
        (DataType::Utf8, false),    // source_name
        (DataType::Utf8, true),     // target_code
        (DataType::Utf8, true),     // target_country
        (DataType::Utf8, false),    // target_name
        (DataType::Utf8, false),    // cameo
        (DataType::Utf8, false),    // root
        (DataType::UInt8, false),   // quad_class
        (DataType::Float64, false), // goldstein
        (DataType::Utf8, false),    // event_name
        (DataType::Int64, false),   // num_mentions
        (DataType::Int64, false),   // num_sources
        (DataType::Int64, false),   // num_articles
        (DataType::Boolean, false), // root_event
        (DataType::Utf8, false),    // article
        (DataType::Int64, false),   // sentence
        (DataType::Utf8, false),    // text
        (DataType::Utf8, false),    // added_at
        (DataType::Utf8, true),     // location
        (DataType::Utf8, true),     // location_country
        (DataType::Float64, true),  // location_lat
        (DataType::Float64, true),  // location_lon
    ];

    /// The Parquet file's schema.
    pub(super) fn schema() -> SchemaRef {
        Arc::new(Schema::new(
            EVENT_CSV_HEADER
                .iter()
                .zip(TYPES)
                .map(|(name, (t, null))| Field::new(*name, t, null))
                .collect::<Vec<_>>(),
        ))
    }

    /// Column builders for one record batch.
    #[derive(Default)]
    pub(super) struct Columns {
        id: Int64Builder,
        date: StringBuilder,
        date_precision: StringBuilder,
        source_code: StringBuilder,
        source_country: StringBuilder,
        source_name: StringBuilder,
        target_code: StringBuilder,
        target_country: StringBuilder,
        target_name: StringBuilder,
        cameo: StringBuilder,
        root: StringBuilder,
        quad_class: UInt8Builder,
        goldstein: Float64Builder,
        event_name: StringBuilder,
        num_mentions: Int64Builder,
        num_sources: Int64Builder,
        num_articles: Int64Builder,
        root_event: BooleanBuilder,
        article: StringBuilder,
        sentence: Int64Builder,
        text: StringBuilder,
        added_at: StringBuilder,
        location: StringBuilder,
        location_country: StringBuilder,
        location_lat: Float64Builder,
        location_lon: Float64Builder,
        pub(super) rows: usize,
    }

    impl Columns {
        pub(super) fn push(&mut self, e: &CanonicalEvent) {
            self.id.append_value(e.id);
            self.date.append_option(e.date.as_deref());
            self.date_precision.append_option(e.date_precision.as_deref());
            self.source_code.append_option(e.source.code.as_deref());
            self.source_country.append_option(e.source.country.as_deref());
            self.source_name.append_value(&e.source.name);
            self.target_code.append_option(e.target.code.as_deref());
            self.target_country.append_option(e.target.country.as_deref());
            self.target_name.append_value(&e.target.name);
            self.cameo.append_value(&e.cameo);
            self.root.append_value(&e.root);
            self.quad_class.append_value(e.quad_class);
            self.goldstein.append_value(e.goldstein);
            self.event_name.append_value(&e.event_name);
            self.num_mentions.append_value(e.num_mentions);
            self.num_sources.append_value(e.num_sources);
            self.num_articles.append_value(e.num_articles);
            self.root_event.append_value(e.root_event);
            self.article.append_value(&e.article);
            self.sentence.append_value(e.sentence);
            self.text.append_value(&e.text);
            self.added_at.append_value(&e.added_at);
            let l = e.location.as_ref();
            self.location.append_option(l.map(|l| l.full_name.as_str()));
            self.location_country.append_option(l.map(|l| l.country.as_str()));
            self.location_lat.append_option(l.map(|l| l.lat));
            self.location_lon.append_option(l.map(|l| l.lon));
            self.rows += 1;
        }

        /// The rows pushed since the last call, as a record batch; the builders start over.
        pub(super) fn finish(&mut self, schema: &SchemaRef) -> Result<RecordBatch, arrow_schema::ArrowError> {
            self.rows = 0;
            let columns: Vec<ArrayRef> = vec![
                Arc::new(self.id.finish()),
                Arc::new(self.date.finish()),
                Arc::new(self.date_precision.finish()),
                Arc::new(self.source_code.finish()),
                Arc::new(self.source_country.finish()),
                Arc::new(self.source_name.finish()),
                Arc::new(self.target_code.finish()),
                Arc::new(self.target_country.finish()),
                Arc::new(self.target_name.finish()),
                Arc::new(self.cameo.finish()),
                Arc::new(self.root.finish()),
                Arc::new(self.quad_class.finish()),
                Arc::new(self.goldstein.finish()),
                Arc::new(self.event_name.finish()),
                Arc::new(self.num_mentions.finish()),
                Arc::new(self.num_sources.finish()),
                Arc::new(self.num_articles.finish()),
                Arc::new(self.root_event.finish()),
                Arc::new(self.article.finish()),
                Arc::new(self.sentence.finish()),
                Arc::new(self.text.finish()),
                Arc::new(self.added_at.finish()),
                Arc::new(self.location.finish()),
                Arc::new(self.location_country.finish()),
                Arc::new(self.location_lat.finish()),
                Arc::new(self.location_lon.finish()),
            ];
            RecordBatch::try_new(schema.clone(), columns)
        }
    }
}

#[cfg(feature = "parquet")]
impl Store {
    /// Writes the canonical events matching `f` (by id) to `out` as one Parquet file with the
    /// columns of the CSV export ([`EVENT_CSV_HEADER`]), typed: integers for ids and counts,
    /// `quad_class` as an unsigned byte, `goldstein` as a double, `root_event` as a boolean,
    /// the rest as UTF-8 strings (null where the CSV has an empty field). Uncompressed.
    /// Returns how many events were written.
    pub fn export_parquet<W: Write + Send>(&self, f: &Filter, out: W) -> Result<u64> {
        use parquet::arrow::ArrowWriter;
        use parquet::file::properties::WriterProperties;
        let fail = |e: &dyn std::fmt::Display| StoreError::Io(std::io::Error::other(format!("Parquet: {e}")));
        let schema = parquet_out::schema();
        let props = WriterProperties::builder()
            .set_created_by(format!("dyad {}", env!("CARGO_PKG_VERSION")))
            .build();
        let mut w = ArrowWriter::try_new(out, schema.clone(), Some(props)).map_err(|e| fail(&e))?;
        let mut cols = parquet_out::Columns::default();
        let mut n = 0;
        self.each_event(f, Order::Id, &mut |e| {
            n += 1;
            cols.push(&e);
            if cols.rows >= parquet_out::BATCH {
                let batch = cols.finish(&schema).map_err(|e| fail(&e))?;
                w.write(&batch).map_err(|e| fail(&e))?;
            }
            Ok(())
        })?;
        if cols.rows > 0 || n == 0 {
            let batch = cols.finish(&schema).map_err(|e| fail(&e))?;
            w.write(&batch).map_err(|e| fail(&e))?;
        }
        w.close().map_err(|e| fail(&e))?;
        Ok(n)
    }
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
            sentence: 0,
            text: "t".into(),
            added_at: "2025-05-01T10:20:30Z".into(),
            location: None,
        }
    }

    #[test]
    fn gdelt_rows_have_61_columns_in_codebook_order() {
        let row = gdelt_row(&event("2025-04-28"));
        assert_eq!(row.len(), GDELT_COLUMNS.len());
        let col = |name: &str| row[GDELT_COLUMNS.iter().position(|c| *c == name).unwrap()].as_str();
        assert_eq!(col("SQLDATE"), "20250428");
        assert_eq!(col("MonthYear"), "202504");
        assert_eq!(col("Year"), "2025");
        assert_eq!(col("FractionDate"), "2025.4055");
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
        assert_eq!(col("DATEADDED"), "20250501102030");
        assert_eq!(col("SOURCEURL"), "a/b.txt");
        assert_eq!(col("AvgTone"), "");
        let month = gdelt_row(&event("2025-04"));
        assert_eq!(
            (month[1].as_str(), month[2].as_str(), month[3].as_str()),
            ("", "202504", "2025")
        );
        assert!(!gdelt_row(&event("2025")).join("\t").contains('\n'));
    }
}
