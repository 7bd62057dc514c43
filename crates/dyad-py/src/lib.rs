//! `dyad._dyad`: the Python extension module behind the `dyad` package.
//!
//! An article handed in from Python is read exactly as a JSON article is by `dyad code`
//! (`{"id", "title", "text", "date"}`: [`Document::from_parts`]), so `dyad.code` gives the
//! records `dyad code` prints for that JSON line. Coding runs with the GIL released; a batch
//! is coded in parallel (rayon) unless the coder was made with `threads=1`.
//!
//! `code_batch` returns an Arrow C stream (a PyCapsule, the Arrow PyCapsule interface) that
//! the Python side turns into a `pyarrow.Table` with the columns of `dyad export --format
//! parquet`.
#![warn(missing_docs)]

use arrow_array::builder::{
    BooleanBuilder, Date32Builder, Float64Builder, Int64Builder, StringBuilder, TimestampMillisecondBuilder,
    UInt8Builder,
};
use arrow_array::ffi_stream::FFI_ArrowArrayStream;
use arrow_array::{ArrayRef, RecordBatch, RecordBatchIterator};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef, TimeUnit};
use chrono::NaiveDate;
use dyad::coder::Coder as DyadCoder;
use dyad::event::Event;
use dyad::ingest::document::Document;
use dyad::kb::KnowledgeBase;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyDict, PyList};
use rayon::prelude::*;
use std::path::PathBuf;
use std::sync::Arc;

/// The columns of a batch, as `dyad export --format parquet` writes them (dyad-store's
/// `EVENT_CSV_HEADER` with the Arrow types pyarrow reads that file's columns as: dates as
/// Date32, `added_at` a UTC timestamp in milliseconds).
fn columns_and_types() -> Vec<(&'static str, DataType, bool)> {
    let text = || DataType::Utf8;
    vec![
        ("id", DataType::Int64, false),
        ("date", DataType::Date32, true),
        ("date_precision", text(), true),
        ("reported", DataType::Date32, true),
        ("source_code", text(), true),
        ("source_country", text(), true),
        ("source_name", text(), false),
        ("target_code", text(), true),
        ("target_country", text(), true),
        ("target_name", text(), false),
        ("cameo", text(), false),
        ("root", text(), false),
        ("quad_class", DataType::UInt8, false),
        ("goldstein", DataType::Float64, false),
        ("event_name", text(), false),
        ("num_mentions", DataType::Int64, false),
        ("num_sources", DataType::Int64, false),
        ("num_articles", DataType::Int64, false),
        ("root_event", DataType::Boolean, false),
        ("mood", text(), false),
        ("article", text(), false),
        ("outlet", text(), false),
        ("url", text(), true),
        ("sentence", DataType::Int64, false),
        ("text", text(), false),
        (
            "added_at",
            DataType::Timestamp(TimeUnit::Millisecond, Some("UTC".into())),
            false,
        ),
        ("location", text(), true),
        ("location_country", text(), true),
        ("location_lat", DataType::Float64, true),
        ("location_lon", DataType::Float64, true),
        ("plover_type", text(), true),
        ("plover_mode", text(), true),
        ("plover_context", text(), true),
        ("plover_aux", text(), true),
    ]
}

fn schema() -> SchemaRef {
    Arc::new(Schema::new(
        columns_and_types()
            .into_iter()
            .map(|(n, t, null)| Field::new(n, t, null))
            .collect::<Vec<_>>(),
    ))
}

/// One article to code.
struct Article {
    id: String,
    title: Option<String>,
    text: String,
    date: Option<NaiveDate>,
}

impl Article {
    fn code(&self, coder: &DyadCoder<'static>) -> Vec<Event> {
        self.code_with_outlet(coder).0
    }

    /// The events, and the article's outlet as the store records it for an article without
    /// metadata or URL: its dateline's agency, else empty (unknown).
    fn code_with_outlet(&self, coder: &DyadCoder<'static>) -> (Vec<Event>, String) {
        let doc = Document::from_parts(&self.id, self.title.as_deref(), &self.text, self.date, None);
        let outlet = doc
            .dateline
            .as_ref()
            .and_then(|d| d.agency.as_deref())
            .map(|a| a.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|a| !a.is_empty() && a.chars().count() <= 100)
            .unwrap_or_default();
        (coder.code_document(&doc).events, outlet)
    }
}

/// Days since 1970-01-01 of a date's first day ("2024-05" → 2024-05-01), as the Parquet export
/// writes `date` and `reported`.
fn days(date: Option<&str>) -> Option<i32> {
    let d = date?;
    let mut parts = d.split('-');
    let y: i32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next().map_or(Some(1), |m| m.parse().ok())?;
    let day: u32 = parts.next().map_or(Some(1), |x| x.parse().ok())?;
    let first = NaiveDate::from_ymd_opt(y, m, day)?;
    i32::try_from((first - NaiveDate::from_ymd_opt(1970, 1, 1)?).num_days()).ok()
}

/// A publication date from Python: `None`, a `datetime.date` (or `datetime`), or a string as a
/// JSON article's `date` field may be ("2025-04-28", "2025-04-28T09:00:00+03:00").
fn date_arg(v: Option<&Bound<'_, PyAny>>, what: &str) -> PyResult<Option<NaiveDate>> {
    let Some(v) = v else { return Ok(None) };
    if v.is_none() {
        return Ok(None);
    }
    if let Ok(s) = v.extract::<String>() {
        return dyad::ingest::formats::parse_date(&s)
            .map(Some)
            .ok_or_else(|| PyValueError::new_err(format!("{what}: {s:?} is not a date (expected YYYY-MM-DD)")));
    }
    if v.hasattr("isoformat")? {
        let s: String = v.call_method0("isoformat")?.extract()?;
        return dyad::ingest::formats::parse_date(&s)
            .map(Some)
            .ok_or_else(|| PyValueError::new_err(format!("{what}: {s:?} is not a date")));
    }
    Err(PyTypeError::new_err(format!(
        "{what}: expected a str or datetime.date, got {}",
        v.get_type().name()?
    )))
}

/// A JSON value as Python objects (dicts, lists, str, int, float, bool, None).
fn to_py<'py>(py: Python<'py>, v: &serde_json::Value) -> PyResult<Bound<'py, PyAny>> {
    use serde_json::Value;
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.into_pyobject(py)?.into_any(),
            (None, Some(u)) => u.into_pyobject(py)?.into_any(),
            _ => n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any(),
        },
        Value::String(s) => s.into_pyobject(py)?.into_any(),
        Value::Array(a) => {
            let l = PyList::empty(py);
            for x in a {
                l.append(to_py(py, x)?)?;
            }
            l.into_any()
        }
        Value::Object(o) => {
            let d = PyDict::new(py);
            for (k, x) in o {
                d.set_item(k, to_py(py, x)?)?;
            }
            d.into_any()
        }
    })
}

fn events_to_py<'py>(py: Python<'py>, events: &[Event]) -> PyResult<Bound<'py, PyList>> {
    let out = PyList::empty(py);
    for e in events {
        // Through the JSON text, as `dyad code` writes it: an f32 Goldstein value of -7.2 is
        // -7.2 there, not the f64 nearest the f32 (-7.199999809...).
        let v: serde_json::Value = serde_json::to_string(e)
            .and_then(|t| serde_json::from_str(&t))
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        out.append(to_py(py, &v)?)?;
    }
    Ok(out)
}

/// The events of a batch (each with its article's outlet) as one record batch, in the columns of
/// [`columns_and_types`].
fn record_batch(coded: &[(Event, String)], added_at: i64) -> Result<RecordBatch, ArrowError> {
    let events: Vec<&Event> = coded.iter().map(|(e, _)| e).collect();
    let events = events.as_slice();
    let mut id = Int64Builder::new();
    let s = |f: &dyn for<'e> Fn(&'e Event) -> Option<&'e str>| {
        let mut b = StringBuilder::new();
        for e in events {
            b.append_option(f(e));
        }
        Arc::new(b.finish()) as ArrayRef
    };
    let day = |f: &dyn Fn(&Event) -> Option<&str>| {
        let mut b = Date32Builder::new();
        for e in events {
            b.append_option(days(f(e)));
        }
        Arc::new(b.finish()) as ArrayRef
    };
    let date = day(&|e| e.date.as_deref());
    let reported = day(&|e| e.reported.as_deref());
    let mut mood = StringBuilder::new();
    let mut outlet = StringBuilder::new();
    let mut url = StringBuilder::new();
    for (e, o) in coded {
        let m = serde_json::to_value(e.evidence.mood).ok();
        mood.append_value(m.as_ref().and_then(|m| m.as_str()).unwrap_or("fact"));
        outlet.append_value(o);
        url.append_null();
    }
    let date_precision = s(&|e| e.date_precision.map(|p| p.as_str()));
    let source_code = s(&|e| e.source.code.as_deref());
    let source_country = s(&|e| e.source.country.as_deref());
    let source_name = s(&|e| Some(&e.source.name));
    let target_code = s(&|e| e.target.code.as_deref());
    let target_country = s(&|e| e.target.country.as_deref());
    let target_name = s(&|e| Some(&e.target.name));
    let cameo = s(&|e| Some(&e.cameo));
    let root = s(&|e| Some(&e.root));
    let event_name = s(&|e| Some(&e.event_name));
    let article = s(&|e| Some(&e.article));
    let text = s(&|e| Some(&e.text));
    // PLOVER as the store keeps it: contexts and auxiliary modes comma-separated.
    let plover_type = s(&|e| e.plover.as_ref().map(|p| p.event_type.as_str()));
    let plover_mode = s(&|e| e.plover.as_ref().and_then(|p| p.mode.as_deref()));
    let mut plover_context = StringBuilder::new();
    let mut plover_aux = StringBuilder::new();
    for e in events {
        plover_context.append_option(e.plover.as_ref().map(|p| p.context.join(",")));
        plover_aux.append_option(
            e.plover
                .as_ref()
                .map(|p| p.aux.iter().map(|a| a.as_str()).collect::<Vec<_>>().join(",")),
        );
    }
    let mut added = TimestampMillisecondBuilder::new().with_timezone("UTC");
    for _ in events.iter() {
        added.append_value(added_at);
    }
    let added: ArrayRef = Arc::new(added.finish());
    // The event's location as the export writes it: full name, country, coordinates.
    let location = s(&|e| e.location.as_ref().map(|l| l.full_name.as_str()));
    let location_country = s(&|e| e.location.as_ref().map(|l| l.country.as_str()));
    let mut lat = Float64Builder::new();
    let mut lon = Float64Builder::new();
    for e in events.iter() {
        lat.append_option(e.location.as_ref().map(|l| l.lat));
        lon.append_option(e.location.as_ref().map(|l| l.lon));
    }
    let mut quad = UInt8Builder::new();
    let mut gold = Float64Builder::new();
    let mut ones = Int64Builder::new();
    let mut root_event = BooleanBuilder::new();
    let mut sentence = Int64Builder::new();
    for (i, e) in events.iter().enumerate() {
        id.append_value(i as i64 + 1);
        quad.append_value(e.quad_class);
        // The value as written (2.8, not f64::from(2.8f32) = 2.799999952...).
        gold.append_value(e.goldstein.to_string().parse().unwrap_or(f64::from(e.goldstein)));
        ones.append_value(1);
        root_event.append_value(e.sentence == 0);
        sentence.append_value(e.sentence as i64);
    }
    let ones: ArrayRef = Arc::new(ones.finish());
    let columns: Vec<ArrayRef> = vec![
        Arc::new(id.finish()),
        date,
        date_precision,
        reported,
        source_code,
        source_country,
        source_name,
        target_code,
        target_country,
        target_name,
        cameo,
        root,
        Arc::new(quad.finish()),
        Arc::new(gold.finish()),
        event_name,
        ones.clone(),
        ones.clone(),
        ones,
        Arc::new(root_event.finish()),
        Arc::new(mood.finish()),
        article,
        Arc::new(outlet.finish()),
        Arc::new(url.finish()),
        Arc::new(sentence.finish()),
        text,
        added,
        location,
        location_country,
        Arc::new(lat.finish()),
        Arc::new(lon.finish()),
        plover_type,
        plover_mode,
        Arc::new(plover_context.finish()),
        Arc::new(plover_aux.finish()),
    ];
    RecordBatch::try_new(schema(), columns)
}

/// A coder: the knowledge base and patterns compiled once, reused for every call.
///
/// `Coder(kb=None, threads=None)`: `kb` a folder of knowledge-base files on top of dyad's own
/// (as `dyad code --kb DIR`); `threads` how many threads code a batch (`None`: one per core;
/// `1`: the calling thread only, as wanted where the caller already runs one task per core,
/// such as a Spark executor).
#[pyclass(module = "dyad._dyad", frozen)]
struct Coder {
    coder: DyadCoder<'static>,
    pool: Option<rayon::ThreadPool>,
    threads: Option<usize>,
}

impl Coder {
    fn code_all(&self, articles: &[Article]) -> Vec<(Vec<Event>, String)> {
        let code = |a: &Article| a.code_with_outlet(&self.coder);
        match (self.threads, &self.pool) {
            (Some(1), _) => articles.iter().map(code).collect(),
            (_, Some(pool)) => pool.install(|| articles.par_iter().map(code).collect()),
            _ => articles.par_iter().map(code).collect(),
        }
    }
}

fn optional_strings<'py>(
    v: Option<&Bound<'py, PyAny>>,
    n: usize,
    what: &str,
) -> PyResult<Vec<Option<Bound<'py, PyAny>>>> {
    match v {
        None => Ok(vec![None; n]),
        Some(v) if v.is_none() => Ok(vec![None; n]),
        Some(v) => {
            let items: Vec<Bound<'_, PyAny>> = v.try_iter()?.collect::<PyResult<_>>()?;
            if items.len() != n {
                return Err(PyValueError::new_err(format!(
                    "{what}: {} values for {n} texts (one per text, or None)",
                    items.len()
                )));
            }
            Ok(items.into_iter().map(Some).collect())
        }
    }
}

#[pymethods]
impl Coder {
    #[new]
    #[pyo3(signature = (kb=None, threads=None))]
    fn new(kb: Option<PathBuf>, threads: Option<usize>) -> PyResult<Coder> {
        let kb: &'static KnowledgeBase = match kb {
            None => KnowledgeBase::embedded(),
            Some(dir) => {
                Box::leak(Box::new(KnowledgeBase::with_dir(&dir).map_err(|e| {
                    PyValueError::new_err(format!("{e} (in the kb folder {})", dir.display()))
                })?))
            }
        };
        if threads == Some(0) {
            return Err(PyValueError::new_err("threads: at least 1 (or None for one per core)"));
        }
        let pool = match threads {
            Some(n) if n > 1 => Some(
                rayon::ThreadPoolBuilder::new()
                    .num_threads(n)
                    .build()
                    .map_err(|e| PyValueError::new_err(format!("threads: {e}")))?,
            ),
            _ => None,
        };
        Ok(Coder {
            coder: DyadCoder::with_kb(kb),
            pool,
            threads,
        })
    }

    /// Codes one article; see `dyad.code`.
    #[pyo3(signature = (text, date=None, title=None, id=None))]
    fn code<'py>(
        &self,
        py: Python<'py>,
        text: String,
        date: Option<&Bound<'py, PyAny>>,
        title: Option<String>,
        id: Option<String>,
    ) -> PyResult<Bound<'py, PyList>> {
        let article = Article {
            id: id.unwrap_or_else(|| "text".to_string()),
            title,
            text,
            date: date_arg(date, "date")?,
        };
        let events = py.detach(|| article.code(&self.coder));
        events_to_py(py, &events)
    }

    /// Codes many articles (in parallel, without the GIL); the events of all as an Arrow C
    /// stream capsule (the Python wrapper makes it a `pyarrow.Table`).
    #[pyo3(signature = (texts, dates=None, ids=None, titles=None))]
    fn _code_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        dates: Option<&Bound<'py, PyAny>>,
        ids: Option<&Bound<'py, PyAny>>,
        titles: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        if texts.is_instance_of::<pyo3::types::PyString>() {
            return Err(PyTypeError::new_err("texts: expected a sequence of str, got one str"));
        }
        let texts: Vec<String> = texts
            .try_iter()?
            .enumerate()
            .map(|(i, t)| {
                t?.extract::<String>()
                    .map_err(|_| PyTypeError::new_err(format!("texts[{i}]: expected a str")))
            })
            .collect::<PyResult<_>>()?;
        let n = texts.len();
        let dates = optional_strings(dates, n, "dates")?;
        let ids = optional_strings(ids, n, "ids")?;
        let titles = optional_strings(titles, n, "titles")?;
        let mut articles = Vec::with_capacity(n);
        for (i, text) in texts.into_iter().enumerate() {
            let id = match &ids[i] {
                Some(v) if !v.is_none() => v.str()?.to_string(),
                _ => i.to_string(),
            };
            let title = match &titles[i] {
                Some(v) if !v.is_none() => Some(
                    v.extract::<String>()
                        .map_err(|_| PyTypeError::new_err(format!("titles[{i}]: expected a str or None")))?,
                ),
                _ => None,
            };
            articles.push(Article {
                id,
                title,
                text,
                date: date_arg(dates[i].as_ref(), &format!("dates[{i}]"))?,
            });
        }
        let added_at = chrono::Utc::now().timestamp_millis();
        let batch = py.detach(|| {
            let coded: Vec<(Event, String)> = self
                .code_all(&articles)
                .into_iter()
                .flat_map(|(events, outlet)| events.into_iter().map(move |e| (e, outlet.clone())))
                .collect();
            record_batch(&coded, added_at)
        });
        let batch = batch.map_err(|e| PyValueError::new_err(format!("Arrow: {e}")))?;
        let reader = RecordBatchIterator::new(vec![Ok(batch)], schema());
        let stream = FFI_ArrowArrayStream::new(Box::new(reader));
        PyCapsule::new_with_value(py, stream, c"arrow_array_stream")
    }
}

/// The columns of `code_batch`'s table (those of `dyad export --format parquet`).
#[pyfunction]
fn columns() -> Vec<&'static str> {
    columns_and_types().into_iter().map(|c| c.0).collect()
}

/// The extension module.
#[pymodule]
fn _dyad(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Coder>()?;
    m.add_function(wrap_pyfunction!(columns, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
