//! The API's handlers.

use crate::error::ApiError;
use crate::params::{known_country, printable, Params, FILTER};
use crate::AppState;
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use dyad_store::api::{Cursor, MAX_PAGE};
use dyad_store::PeriodBy;
use serde_json::{json, Value};
use std::sync::{Arc, OnceLock};
use subtle::ConstantTimeEq;

type Answer = Result<Response, ApiError>;
type Pairs = Result<Query<Vec<(String, String)>>, QueryRejection>;
pub(crate) type PathArg = Result<Path<String>, PathRejection>;

/// A path parameter, or a 400 naming it (a segment that is not UTF-8 once decoded).
pub(crate) fn path_arg(name: &str, p: PathArg) -> Result<String, ApiError> {
    p.map(|Path(v)| v)
        .map_err(|e| ApiError::bad_request(format!("{name}: cannot be read: {}", e.body_text())))
}

/// The query's pairs, or a 400 for a query that cannot be read.
fn pairs(q: Pairs) -> Result<Vec<(String, String)>, ApiError> {
    q.map(|Query(p)| p)
        .map_err(|e| ApiError::bad_request(format!("the query string cannot be read: {}", e.body_text())))
}

fn ok(v: impl serde::Serialize) -> Answer {
    Ok(Json(v).into_response())
}

/// `GET /api/health`.
pub(crate) async fn health(State(s): State<Arc<AppState>>) -> Answer {
    #[derive(serde::Serialize)]
    struct Health {
        status: &'static str,
        articles: u64,
        events: u64,
        mentions: u64,
        writable: bool,
        max_body: usize,
    }
    let counts = s.read(|st| Ok(st.counts()?)).await?;
    ok(Health {
        status: "ok",
        articles: counts.articles,
        events: counts.events,
        mentions: counts.mentions,
        writable: s.writes_refused.is_none(),
        max_body: s.max_body,
    })
}

/// `GET /api/events`.
pub(crate) async fn events(State(s): State<Arc<AppState>>, q: Pairs) -> Answer {
    let p = Params::new(pairs(q)?, FILTER, &["limit", "cursor"])?;
    let filter = p.filter()?;
    let limit = p.number("limit", 50, 1, MAX_PAGE)?;
    let cursor = p.get("cursor").map(Cursor::parse).transpose()?;
    let page = s
        .read(move |st| Ok(st.event_page(&filter, cursor.as_ref(), limit)?))
        .await?;
    ok(page)
}

/// `GET /api/events/{id}`.
pub(crate) async fn event(State(s): State<Arc<AppState>>, id: PathArg) -> Answer {
    let id = path_arg("id", id)?;
    let id: i64 = id.parse().map_err(|_| {
        ApiError::bad_request(format!(
            "id {:?}: expected an event id (a whole number)",
            printable(&id)
        ))
    })?;
    match s.read(move |st| Ok(st.event_detail(id)?)).await? {
        Some(d) => ok(d),
        None => Err(ApiError::not_found(format!("event {id}: no such event"))),
    }
}

/// `GET /api/relations`: the periods, as `dyad relations --json` prints them.
pub(crate) async fn relations(State(s): State<Arc<AppState>>, q: Pairs) -> Answer {
    let p = Params::new(pairs(q)?, &["a", "b", "by", "since", "until", "top"], &[])?;
    let a = known_country("a", p.required("a", "a country code such as TUR")?)?;
    let b = known_country("b", p.required("b", "a country code such as GRC")?)?;
    let by = match p.get("by").unwrap_or("month") {
        "day" => PeriodBy::Day,
        "week" => PeriodBy::Week,
        "month" => PeriodBy::Month,
        "year" => PeriodBy::Year,
        v => {
            return Err(ApiError::bad_request(format!(
                "by {:?}: expected day, week, month or year",
                printable(v)
            )))
        }
    };
    let since = p.date("since")?;
    let until = p.date("until")?;
    let top = p.number("top", 3, 0, 20)?;
    let rel = s
        .read(move |st| Ok(st.relations(&a, &b, by, since, until, top)?))
        .await?;
    // Days over many years make a long answer: bound it as pages are bounded.
    if rel.periods.len() > 20_000 {
        return Err(ApiError::bad_request(format!(
            "by: {} periods; choose a coarser period or narrow since and until",
            rel.periods.len()
        )));
    }
    let mut r = Json(&rel.periods).into_response();
    for (name, v) in [("x-dyad-undated", rel.undated), ("x-dyad-too-coarse", rel.too_coarse)] {
        if let Ok(v) = v.to_string().parse() {
            r.headers_mut().insert(name, v);
        }
    }
    Ok(r)
}

/// `GET /api/dyads`.
pub(crate) async fn dyads(State(s): State<Arc<AppState>>, q: Pairs) -> Answer {
    let p = Params::new(pairs(q)?, &["since", "until", "limit"], &[])?;
    let since = p.date("since")?;
    let until = p.date("until")?;
    let limit = p.number("limit", 10, 1, 100)?;
    ok(s.read(move |st| Ok(st.dyads(since, until, limit)?)).await?)
}

/// `GET /api/actors`: as `dyad actors`.
pub(crate) async fn actors(State(s): State<Arc<AppState>>, q: Pairs) -> Answer {
    let p = Params::new(pairs(q)?, FILTER, &["limit"])?;
    let f = p.filter()?;
    if f.pair.is_some() {
        return Err(ApiError::bad_request(
            "a: actors are listed by the filters of dyad actors; a and b are for /api/events",
        ));
    }
    let mut filter = f.filter;
    filter.limit = Some(p.number("limit", 50, 1, MAX_PAGE)?);
    ok(s.read(move |st| Ok(st.actors(&filter)?)).await?)
}

/// `GET /api/actors/{code}/counterparts`.
pub(crate) async fn counterparts(State(s): State<Arc<AppState>>, code: PathArg, q: Pairs) -> Answer {
    let code = path_arg("code", code)?;
    let p = Params::new(pairs(q)?, &["since", "until", "limit"], &[])?;
    let code = code.trim().to_ascii_uppercase();
    if code.is_empty() || code.len() > 32 || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(ApiError::bad_request(format!(
            "code {:?}: expected an actor code such as TURGOV (letters and digits only)",
            printable(&code)
        )));
    }
    let filter = dyad_store::Filter {
        since: p.date("since")?,
        until: p.date("until")?,
        ..Default::default()
    };
    let limit = p.number("limit", 30, 1, MAX_PAGE)?;
    let actor = code.clone();
    let list = s.read(move |st| Ok(st.counterparts(&actor, &filter, limit)?)).await?;
    ok(json!({"actor": code, "counterparts": list}))
}

/// The coder of `POST /api/articles`, built on first use.
fn coder() -> &'static dyad::coder::Coder<'static> {
    static CODER: OnceLock<dyad::coder::Coder<'static>> = OnceLock::new();
    CODER.get_or_init(dyad::coder::Coder::embedded)
}

/// Checks that writes are allowed and the bearer token is the server's, comparing in constant
/// time (`subtle` looks at every byte whatever the first difference).
fn authorize(s: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    if let Some(why) = s.writes_refused {
        return Err(ApiError::forbidden(why));
    }
    let Some(token) = &s.token else {
        return Err(ApiError::forbidden("writes are disabled"));
    };
    let given = headers.get(header::AUTHORIZATION).ok_or_else(|| {
        ApiError::unauthorized("Authorization: a write needs the header `Authorization: Bearer TOKEN`")
    })?;
    let given = given
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
        .ok_or_else(|| ApiError::unauthorized("Authorization: expected `Bearer TOKEN`"))?
        .trim();
    // Equal lengths are compared in constant time; a different length is refused at once
    // (which tells only the length).
    if bool::from(given.as_bytes().ct_eq(token.as_bytes())) {
        Ok(())
    } else {
        Err(ApiError::unauthorized("Authorization: wrong token"))
    }
}

/// `POST /api/articles`: a JSON article (as `dyad code` reads a `.json` file), or plain text
/// (as a `.txt` file) or HTML, with `?date=YYYY-MM-DD` for articles that carry no date.
pub(crate) async fn post_article(
    State(s): State<Arc<AppState>>,
    headers: HeaderMap,
    q: Pairs,
    body: Result<Bytes, BytesRejection>,
) -> Answer {
    authorize(&s, &headers)?;
    let p = Params::new(pairs(q)?, &["date"], &[])?;
    let date = p.date("date")?;
    let body = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError {
                status: StatusCode::PAYLOAD_TOO_LARGE,
                kind: "payload_too_large",
                detail: format!("body: more than the limit of {} bytes (--max-body)", s.max_body),
            }
        } else {
            ApiError::bad_request(format!("body: {}", e.body_text()))
        }
    })?;
    let kind = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or("").trim().to_ascii_lowercase())
        .unwrap_or_default();
    let name = match kind.as_str() {
        "application/json" => "body.json",
        "text/plain" => "body.txt",
        "text/html" => "body.html",
        k => {
            return Err(ApiError::unsupported_type(format!(
                "Content-Type {:?}: send application/json (an article object), text/plain or text/html",
                printable(k)
            )))
        }
    };
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::unprocessable("body: empty; send an article"));
    }
    let mut loaded = dyad::ingest::files::parse_all(name, &body, false, date);
    if loaded.len() != 1 {
        return Err(ApiError::unprocessable(format!(
            "body: {} articles; send one at a time",
            loaded.len()
        )));
    }
    let mut loaded = loaded.remove(0).map_err(|e| ApiError::unprocessable(e.to_string()))?;
    let body_text = loaded.doc.text.get(loaded.doc.body.start..loaded.doc.body.end);
    if body_text.is_none_or(|t| t.trim().is_empty()) {
        return Err(ApiError::unprocessable("body: the article has no text"));
    }
    let hash = dyad_store::ingest::content_hash(&loaded.doc.text);
    loaded.doc.id = format!("api/{}", &hash[..16]);
    let state = Arc::clone(&s);
    let (sum, stored) = tokio::task::spawn_blocking(move || {
        let Some(writer) = &state.writer else {
            return Err(ApiError::forbidden("writes are disabled"));
        };
        let mut store = writer
            .lock()
            .map_err(|_| ApiError::internal("the store's writer failed earlier; restart dyad serve"))?;
        let (sum, hash) = store.get_mut().ingest_loaded(loaded, coder())?;
        let stored = store.get().article_by_hash(&hash)?;
        Ok((sum, stored))
    })
    .await
    .map_err(|e| ApiError::internal(format!("the store task failed: {e}")))??;
    let Some(stored) = stored else {
        return Err(ApiError::conflict(
            "body: an article of another content is stored under the same name",
        ));
    };
    let created = sum.stored == 1;
    let status = if created { StatusCode::CREATED } else { StatusCode::OK };
    let mut v = serde_json::to_value(&stored).map_err(|e| ApiError::internal(e.to_string()))?;
    if let Value::Object(o) = &mut v {
        o.insert("created".into(), Value::Bool(created));
    }
    Ok((status, Json(v)).into_response())
}

/// Any other path.
pub(crate) async fn not_found(uri: axum::http::Uri) -> ApiError {
    ApiError::not_found(format!(
        "{}: no such page or endpoint; see /api/openapi.json",
        printable(uri.path())
    ))
}

/// Any other path under `/api` (the nested router sees the path without it).
pub(crate) async fn api_not_found(uri: axum::http::Uri) -> ApiError {
    ApiError::not_found(format!(
        "/api{}: no such endpoint; see /api/openapi.json",
        printable(uri.path())
    ))
}

/// A known path of `/api` with another method.
pub(crate) async fn method_not_allowed(method: axum::http::Method, uri: axum::http::Uri) -> ApiError {
    ApiError {
        status: StatusCode::METHOD_NOT_ALLOWED,
        kind: "method_not_allowed",
        detail: format!(
            "{method} /api{}: not allowed; see /api/openapi.json",
            printable(uri.path())
        ),
    }
}
