//! The JSON API against a temporary store of `tests/story/`: the documented answers, errors
//! naming their parameter, the token, the limits.

mod common;

use axum::body::{Body, Bytes, HttpBody};
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use common::{story_store, TempDir, HOSTILE, TOKEN};
use dyad_server::Config;
use dyad_store::{EventSource, Filter, PeriodBy, Store};
use serde_json::{json, Value};
use std::collections::HashSet;
use std::path::Path;
use std::pin::Pin;
use std::sync::OnceLock;
use std::task::{Context, Poll};
use tower::ServiceExt;

/// One story store for the read-only tests (built once; the tests only read it).
fn shared() -> &'static Path {
    static DIR: OnceLock<(TempDir, std::path::PathBuf)> = OnceLock::new();
    &DIR.get_or_init(|| {
        let dir = TempDir::new("api-shared");
        let db = story_store(&dir.0);
        (dir, db)
    })
    .1
}

fn reader() -> Router {
    dyad_server::app(&Config::new(shared())).unwrap()
}

struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    json: Value,
}

async fn send(app: &Router, req: Request<Body>) -> Answer {
    let r = app.clone().oneshot(req).await.unwrap();
    let status = r.status();
    let headers = r.headers().clone();
    let bytes = axum::body::to_bytes(r.into_body(), usize::MAX).await.unwrap();
    let json = serde_json::from_slice(&bytes)
        .unwrap_or_else(|e| panic!("{status}: not JSON ({e}): {}", String::from_utf8_lossy(&bytes)));
    Answer { status, headers, json }
}

async fn get(app: &Router, uri: &str) -> Answer {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

/// Asserts a JSON error with this status whose detail starts with `name`.
fn assert_error(a: &Answer, status: StatusCode, name: &str) {
    assert_eq!(a.status, status, "{}", a.json);
    assert!(a.json["error"].is_string(), "{}", a.json);
    let detail = a.json["detail"].as_str().unwrap();
    assert!(detail.starts_with(name), "detail {detail:?} should name {name}");
}

#[tokio::test]
async fn health_counts_the_store() {
    let a = get(&reader(), "/api/health").await;
    assert_eq!(a.status, StatusCode::OK);
    let counts = Store::open_existing(shared()).unwrap().counts().unwrap();
    assert_eq!(a.json["status"], "ok");
    assert_eq!(a.json["articles"], 34);
    assert_eq!(a.json["events"], counts.events);
    assert_eq!(a.json["writable"], false);
    assert_eq!(a.headers[header::CONTENT_TYPE], "application/json");
    assert_eq!(a.headers[header::CACHE_CONTROL], "no-store");
}

#[tokio::test]
async fn events_come_newest_first_and_the_cursor_walks_them_all() {
    let app = reader();
    let total = Store::open_existing(shared()).unwrap().counts().unwrap().events;
    let mut seen = HashSet::new();
    let mut last: Option<String> = None;
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    loop {
        let uri = match &cursor {
            Some(c) => format!("/api/events?limit=40&cursor={c}"),
            None => "/api/events?limit=40".to_string(),
        };
        let a = get(&app, &uri).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.json);
        assert_eq!(a.json["total"], total);
        for e in a.json["events"].as_array().unwrap() {
            assert!(seen.insert(e["id"].as_i64().unwrap()), "event {} twice", e["id"]);
            // The story's events are all dated: each starts no later than the one before.
            let first = e["date"].as_str().unwrap().to_string();
            let first = dyad_store::dates::EventDate::parse(&first).unwrap().first.to_string();
            if let Some(l) = &last {
                assert!(first <= *l, "{first} after {l}");
            }
            last = Some(first);
            // The sentence is cut into segments that put it back together.
            let joined: String = e["segments"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["text"].as_str().unwrap())
                .collect();
            assert_eq!(joined, e["text"].as_str().unwrap());
        }
        pages += 1;
        match a.json["next"].as_str() {
            Some(n) => cursor = Some(n.to_string()),
            None => break,
        }
    }
    assert_eq!(seen.len() as u64, total);
    assert_eq!(pages, total.div_ceil(40));
}

#[tokio::test]
async fn events_highlight_the_trigger_in_place() {
    let a = get(&reader(), "/api/events?limit=500").await;
    let events = a.json["events"].as_array().unwrap();
    let with_trigger = events
        .iter()
        .filter(|e| {
            e["segments"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s["role"] == "trigger" && s["text"] == e["trigger"])
        })
        .count();
    // Nearly every event's trigger is found in its sentence.
    assert!(
        with_trigger * 10 >= events.len() * 9,
        "{with_trigger} of {}",
        events.len()
    );
}

#[tokio::test]
async fn filters_narrow_as_dyad_events_does() {
    let app = reader();
    let store = Store::open_existing(shared()).unwrap();
    let f = Filter {
        country: Some("TUR".into()),
        quad: Some(3),
        ..Filter::default()
    };
    let expected: HashSet<i64> = store.events(&f).unwrap().iter().map(|e| e.id).collect();
    assert!(!expected.is_empty());
    let a = get(&app, "/api/events?country=tur&quad=3&limit=500").await;
    let got: HashSet<i64> = a.json["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_i64().unwrap())
        .collect();
    assert_eq!(got, expected);
    assert_eq!(a.json["total"], expected.len());

    // A pair and a period: February 2023, the earthquake.
    let a = get(
        &app,
        "/api/events?a=TUR&b=GRC&since=2023-02-01&until=2023-02-28&limit=500",
    )
    .await;
    assert_eq!(a.status, StatusCode::OK);
    let events = a.json["events"].as_array().unwrap();
    assert!(!events.is_empty());
    for e in events {
        let d = e["date"].as_str().unwrap();
        assert!(d.starts_with("2023-02") || d == "2023", "{d}");
        let countries = [e["source"]["country"].as_str(), e["target"]["country"].as_str()];
        assert!(
            countries.contains(&Some("TUR")) && countries.contains(&Some("GRC")),
            "{e}"
        );
    }
    let text = get(&app, "/api/events?q=earthquake&limit=500").await;
    for e in text.json["events"].as_array().unwrap() {
        // The filter matches any mention's sentence; the first is shown.
        let id = e["id"].as_i64().unwrap();
        let detail = get(&app, &format!("/api/events/{id}")).await;
        assert!(detail.json["mentions"].as_array().unwrap().iter().any(|m| m["text"]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains("earthquake")));
    }
}

#[tokio::test]
async fn bad_parameters_are_400_naming_them() {
    let app = reader();
    for (uri, name) in [
        ("/api/events?country=XYZ", "country"),
        ("/api/events?country=Turkey", "country"),
        ("/api/events?quad=5", "quad"),
        ("/api/events?root=4x", "root"),
        ("/api/events?code=04211", "code"),
        ("/api/events?actor=TUR%20GOV", "actor"),
        ("/api/events?since=2023-13-01", "since"),
        ("/api/events?since=2024-01-01&until=2023-01-01", "since"),
        ("/api/events?limit=0", "limit"),
        ("/api/events?limit=501", "limit"),
        ("/api/events?limit=many", "limit"),
        ("/api/events?cursor=nonsense", "cursor"),
        ("/api/events?plover=MEET", "plover"),
        ("/api/events?plover=CONSULT:drone", "plover"),
        ("/api/events?a=TUR", "b"),
        ("/api/events?colour=red", "colour"),
        ("/api/events?country=TUR&country=GRC", "country"),
        ("/api/events/abc", "id"),
        ("/api/events/%FF", "id"),
        ("/api/actors/%FF%FE/counterparts", "code"),
        ("/api/relations?b=GRC", "a"),
        ("/api/relations?a=TUR&b=XYZ", "b"),
        ("/api/relations?a=TUR&b=GRC&by=decade", "by"),
        ("/api/relations?a=TUR&b=GRC&top=100", "top"),
        ("/api/dyads?limit=1000", "limit"),
        ("/api/dyads?until=yesterday", "until"),
        ("/api/actors?quad=0", "quad"),
        ("/api/actors/TUR%3BGOV/counterparts", "code"),
    ] {
        let a = get(&app, uri).await;
        assert_error(&a, StatusCode::BAD_REQUEST, name);
    }
    let a = get(&app, "/api/events/999999").await;
    assert_error(&a, StatusCode::NOT_FOUND, "event 999999");
    let a = get(&app, "/api/nothing").await;
    assert_error(&a, StatusCode::NOT_FOUND, "/api/nothing");
    let a = send(&app, Request::delete("/api/events").body(Body::empty()).unwrap()).await;
    assert_error(&a, StatusCode::METHOD_NOT_ALLOWED, "DELETE /api/events");
}

#[tokio::test]
async fn one_event_has_every_mention_with_spans_and_evidence() {
    let app = reader();
    let store = Store::open_existing(shared()).unwrap();
    // An event reported twice (the story's duplicate reports).
    let e = store
        .events(&Filter::default())
        .unwrap()
        .into_iter()
        .find(|e| e.num_articles >= 2)
        .unwrap();
    let a = get(&app, &format!("/api/events/{}", e.id)).await;
    assert_eq!(a.status, StatusCode::OK);
    assert_eq!(a.json["event"]["id"], e.id);
    let mentions = a.json["mentions"].as_array().unwrap();
    assert_eq!(mentions.len() as i64, e.num_mentions);
    for m in mentions {
        let pattern = m["pattern"].as_str().unwrap();
        assert!(pattern.contains(".txt:"), "pattern with file:line: {pattern}");
        assert!(m["evidence"]["trigger"].is_string());
        let spans = &m["spans"];
        assert!(spans["source"][0].as_u64() < spans["source"][1].as_u64());
        assert!(m["source_actor"]["entries"].is_array());
        assert!(m["segments"].as_array().unwrap().iter().any(|s| s["role"] == "trigger"));
    }
}

#[tokio::test]
async fn relations_are_the_json_of_dyad_relations() {
    let app = reader();
    let a = get(&app, "/api/relations?a=TUR&b=GRC&by=month").await;
    assert_eq!(a.status, StatusCode::OK);
    let rel = Store::open_existing(shared())
        .unwrap()
        .relations("TUR", "GRC", PeriodBy::Month, None, None, 3)
        .unwrap();
    assert_eq!(a.json, serde_json::to_value(&rel.periods).unwrap());
    // The story: January 2023 below zero, the February earthquake aid and the December Athens
    // visit above.
    let mean = |p: &str| {
        a.json.as_array().unwrap().iter().find(|x| x["period"] == p).unwrap()["goldstein_mean"]
            .as_f64()
            .unwrap()
    };
    assert!(mean("2023-01") < 0.0);
    assert!(mean("2023-02") > 1.0);
    assert!(mean("2023-12") > 1.0);
    for by in ["day", "week", "year"] {
        let a = get(
            &app,
            &format!("/api/relations?a=grc&b=tur&by={by}&since=2023-01-01&until=2023-12-31"),
        )
        .await;
        assert_eq!(a.status, StatusCode::OK, "{by}");
        assert!(!a.json.as_array().unwrap().is_empty());
    }
}

#[tokio::test]
async fn dyads_compare_with_the_period_before() {
    let a = get(&reader(), "/api/dyads").await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.json);
    // The newest day-precise event is in December 2024: 2024 against 2023.
    assert_eq!(a.json["since"], "2024-01-01");
    assert_eq!(a.json["until"], "2024-12-31");
    assert_eq!(a.json["previous_since"], "2023-01-01");
    let d = &a.json["dyads"][0];
    assert_eq!((d["a"].as_str(), d["b"].as_str()), (Some("GRC"), Some("TUR")));
    let change = d["change"].as_f64().unwrap();
    let expected = d["goldstein_mean"].as_f64().unwrap() - d["previous_mean"].as_f64().unwrap();
    assert!((change - expected).abs() < 0.002);
    assert_eq!(d["monthly"].as_array().unwrap().len(), 12);
    let quads: u64 = d["quad_counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .sum();
    assert_eq!(quads, d["events"].as_u64().unwrap());
}

#[tokio::test]
async fn actors_are_those_of_dyad_actors() {
    let app = reader();
    let a = get(&app, "/api/actors?country=GRC&limit=5").await;
    let expected = Store::open_existing(shared())
        .unwrap()
        .actors(&Filter {
            country: Some("GRC".into()),
            limit: Some(5),
            ..Filter::default()
        })
        .unwrap();
    assert_eq!(a.json, serde_json::to_value(&expected).unwrap());
    let c = get(&app, "/api/actors/TUR/counterparts").await;
    assert_eq!(c.status, StatusCode::OK);
    let first = &c.json["counterparts"][0];
    assert_eq!(first["country"], "GRC", "{}", c.json);
    let n = first["events"].as_u64().unwrap();
    assert_eq!(
        n,
        first["outgoing"].as_u64().unwrap() + first["incoming"].as_u64().unwrap()
    );
}

#[tokio::test]
async fn the_openapi_document_lists_every_endpoint() {
    let app = reader();
    let a = get(&app, "/api/openapi.json").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.json["openapi"].as_str().unwrap().starts_with("3."));
    let paths = a.json["paths"].as_object().unwrap();
    let documented: HashSet<&str> = paths.keys().map(String::as_str).collect();
    let served: HashSet<&str> = [
        "/api/health",
        "/api/openapi.json",
        "/api/events",
        "/api/events/{id}",
        "/api/relations",
        "/api/dyads",
        "/api/actors",
        "/api/actors/{code}/counterparts",
        "/api/articles",
    ]
    .into();
    assert_eq!(documented, served);
    // Each documented GET without path parameters answers 200 (relations with its pair).
    for p in documented
        .iter()
        .filter(|p| !p.contains('{') && paths[**p]["get"].is_object())
    {
        let uri = if *p == "/api/relations" {
            "/api/relations?a=TUR&b=GRC"
        } else {
            p
        };
        assert_eq!(get(&app, uri).await.status, StatusCode::OK, "{p}");
    }
}

#[tokio::test]
async fn the_page_is_served_with_a_strict_policy() {
    let app = reader();
    for (uri, kind) in [
        ("/", "text/html"),
        ("/assets/app.js", "text/javascript"),
        ("/assets/app.css", "text/css"),
    ] {
        let r = app
            .clone()
            .oneshot(Request::get(uri).body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{uri}");
        assert!(r.headers()[header::CONTENT_TYPE].to_str().unwrap().starts_with(kind));
        let csp = r.headers()[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
            "{csp}"
        );
        assert_eq!(r.headers()[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    }
    let a = get(&app, "/assets/secret.txt").await;
    assert_error(&a, StatusCode::NOT_FOUND, "/assets/secret.txt");
}

fn writer(db: &Path) -> Router {
    dyad_server::app(&Config {
        token: Some(TOKEN.into()),
        max_body: 64 << 10,
        ..Config::new(db)
    })
    .unwrap()
}

fn post(body: impl Into<Body>, kind: &str, token: Option<&str>, query: &str) -> Request<Body> {
    let mut r = Request::builder()
        .method(Method::POST)
        .uri(format!("/api/articles{query}"))
        .header(header::CONTENT_TYPE, kind);
    if let Some(t) = token {
        r = r.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    r.body(body.into()).unwrap()
}

#[tokio::test]
async fn posted_articles_are_coded_and_stored_once() {
    let dir = TempDir::new("api-post");
    let db = dir.0.join("new.db");
    let app = writer(&db);
    let health = get(&app, "/api/health").await;
    assert_eq!(health.json["writable"], true);
    assert_eq!(health.json["articles"], 0);

    let article = json!({
        "title": "Fidan visits Athens",
        "text": "Turkish Foreign Minister Hakan Fidan visited Athens on Tuesday. He met Greek Foreign Minister Giorgos Gerapetritis.",
        "date": "2023-09-05",
        "source": "Wire"
    })
    .to_string();
    let a = send(&app, post(article.clone(), "application/json", Some(TOKEN), "")).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.json);
    assert_eq!(a.json["created"], true);
    assert_eq!(a.json["date"], "2023-09-05");
    let events = a.json["events"].as_array().unwrap();
    assert!(
        events
            .iter()
            .any(|e| e["cameo"] == "042" && e["source"]["country"] == "TUR"),
        "{}",
        a.json
    );
    let id = a.json["id"].clone();

    // The same article again: the stored result, nothing new.
    let again = send(&app, post(article, "application/json; charset=utf-8", Some(TOKEN), "")).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.json["created"], false);
    assert_eq!(again.json["id"], id);
    assert_eq!(again.json["events"], a.json["events"]);

    // Plain text with its date in the query.
    let text = "Greece sends aid\n\nGreece sent rescuers and aid to Turkey after the earthquake.";
    let a = send(&app, post(text, "text/plain", Some(TOKEN), "?date=2023-02-07")).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.json);
    assert_eq!(a.json["date"], "2023-02-07");
    assert_eq!(a.json["title"], "Greece sends aid");
    assert_eq!(get(&app, "/api/health").await.json["articles"], 2);

    // What was stored is what the API reads.
    let stored = Store::open_existing(&db).unwrap();
    assert_eq!(stored.counts().unwrap().articles, 2);
}

#[tokio::test]
async fn writes_need_the_token_and_bodies_are_limited() {
    let dir = TempDir::new("api-auth");
    let db = dir.0.join("w.db");
    let app = writer(&db);
    let body = "Greece summoned the Turkish ambassador on Monday.";
    let a = send(&app, post(body, "text/plain", None, "")).await;
    assert_error(&a, StatusCode::UNAUTHORIZED, "Authorization");
    assert_eq!(a.headers[header::WWW_AUTHENTICATE], "Bearer");
    let a = send(&app, post(body, "text/plain", Some("test-token-0123456789abcdeX"), "")).await;
    assert_error(&a, StatusCode::UNAUTHORIZED, "Authorization");
    let a = send(&app, post(body, "text/plain", Some("short"), "")).await;
    assert_error(&a, StatusCode::UNAUTHORIZED, "Authorization");
    assert_eq!(Store::open_existing(&db).unwrap().counts().unwrap().articles, 0);

    // Over the limit (64 KiB here): 413, with or without a length given beforehand.
    let big = "Greece protested. ".repeat(5000);
    let a = send(&app, post(big.clone(), "text/plain", Some(TOKEN), "")).await;
    assert_error(&a, StatusCode::PAYLOAD_TOO_LARGE, "body");
    let chunks = big.as_bytes().chunks(4096).map(Bytes::copy_from_slice).collect();
    let a = send(&app, post(Body::new(Chunks(chunks)), "text/plain", Some(TOKEN), "")).await;
    assert_error(&a, StatusCode::PAYLOAD_TOO_LARGE, "body");

    for (body, kind, query, status, name) in [
        (
            "{\"title\": 1",
            "application/json",
            "",
            StatusCode::UNPROCESSABLE_ENTITY,
            "body.json",
        ),
        (
            "{\"title\": \"no text\"}",
            "application/json",
            "",
            StatusCode::UNPROCESSABLE_ENTITY,
            "body.json",
        ),
        ("  \n", "text/plain", "", StatusCode::UNPROCESSABLE_ENTITY, "body"),
        (
            "x",
            "application/pdf",
            "",
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Content-Type",
        ),
        (body, "text/plain", "?date=Monday", StatusCode::BAD_REQUEST, "date"),
        (body, "text/plain", "?lang=el", StatusCode::BAD_REQUEST, "lang"),
    ] {
        let a = send(&app, post(body, kind, Some(TOKEN), query)).await;
        assert_error(&a, status, name);
    }
    let a = send(
        &app,
        post(vec![0xffu8, 0xfe, 0x00, 0x41], "text/plain", Some(TOKEN), ""),
    )
    .await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.json);
}

/// A body sent in pieces, with no length beforehand.
struct Chunks(Vec<Bytes>);

impl HttpBody for Chunks {
    type Data = Bytes;
    type Error = std::io::Error;
    fn poll_frame(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, std::io::Error>>> {
        let this = self.get_mut();
        Poll::Ready((!this.0.is_empty()).then(|| Ok(http_body::Frame::data(this.0.remove(0)))))
    }
}

/// A body that never comes.
struct Never;

impl HttpBody for Never {
    type Data = Bytes;
    type Error = std::io::Error;
    fn poll_frame(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, std::io::Error>>> {
        Poll::Pending
    }
}

#[tokio::test]
async fn read_only_and_tokenless_servers_refuse_writes() {
    let body = "Greece summoned the Turkish ambassador on Monday.";
    let ro = dyad_server::app(&Config {
        read_only: true,
        token: Some(TOKEN.into()),
        ..Config::new(shared())
    })
    .unwrap();
    let a = send(&ro, post(body, "text/plain", Some(TOKEN), "")).await;
    assert_error(&a, StatusCode::FORBIDDEN, "the server is read-only");
    assert_eq!(get(&ro, "/api/health").await.json["writable"], false);
    let a = send(&reader(), post(body, "text/plain", Some(TOKEN), "")).await;
    assert_error(&a, StatusCode::FORBIDDEN, "writes are disabled");
    // A read-only server does not create a store.
    let dir = TempDir::new("api-ro");
    let e = dyad_server::app(&Config {
        read_only: true,
        ..Config::new(dir.0.join("absent.db"))
    })
    .unwrap_err();
    assert!(e.to_string().contains("absent.db"), "{e}");
    assert!(!dir.0.join("absent.db").exists());
}

#[tokio::test]
async fn a_hostile_article_is_stored_as_text() {
    let dir = TempDir::new("api-hostile");
    let db = dir.0.join("h.db");
    let app = writer(&db);
    let text = format!("<b>Breaking</b> <script>alert(1)</script>\n\n{HOSTILE}");
    let a = send(&app, post(text, "text/plain", Some(TOKEN), "?date=2024-07-08")).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.json);
    assert_eq!(a.headers[header::CONTENT_TYPE], "application/json");
    let events = get(&app, "/api/events?q=script").await;
    let e = &events.json["events"][0];
    // The markup is kept as the text it is, for the page to show as text.
    assert!(
        e["text"]
            .as_str()
            .unwrap()
            .contains("<script>window.__dyad_pwned = 1</script>"),
        "{e}"
    );
}

#[tokio::test]
async fn a_request_that_outlasts_the_limit_is_stopped() {
    // The body never comes: the request is ended by the time limit, not left hanging.
    let app = dyad_server::app(&Config {
        token: Some(TOKEN.into()),
        timeout: std::time::Duration::from_millis(200),
        ..Config::new(shared())
    })
    .unwrap();
    let a = send(&app, post(Body::new(Never), "text/plain", Some(TOKEN), "")).await;
    assert_eq!(a.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(a.json["error"], "timeout");
}

/// A server on a loopback port, as `dyad serve` runs it, with `timeout`.
async fn listening(timeout: std::time::Duration) -> std::net::SocketAddr {
    let app = dyad_server::app(&Config {
        timeout,
        ..Config::new(shared())
    })
    .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(dyad_server::serve_on(listener, app, timeout, std::future::pending()));
    addr
}

#[tokio::test]
async fn over_a_socket_a_slow_client_is_cut_off_and_a_quick_one_served() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let addr = listening(std::time::Duration::from_millis(300)).await;
    // A whole request: answered.
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    s.write_all(b"GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut answer = String::new();
    s.read_to_string(&mut answer).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains("\"status\":\"ok\""), "{answer}");
    // Headers that never end: the server closes the connection (the outer limit only keeps a
    // broken server from hanging the test).
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    s.write_all(b"GET /api/health HTTP/1.1\r\nHost: x\r\n").await.unwrap();
    let mut rest = Vec::new();
    let read = tokio::time::timeout(std::time::Duration::from_secs(60), s.read_to_end(&mut rest)).await;
    assert!(read.is_ok(), "the connection was left open");
    assert!(!String::from_utf8_lossy(&rest).contains("200 OK"));
}
