//! dyad-server: `dyad serve`, a web dashboard and a JSON API over a dyad store.
//!
//! ```text
//! HTTP ─ axum (tokio) ─ limits: body size, time per request, page size
//!      ├─ GET  /                 dashboard (HTML, JS, CSS embedded in the binary)
//!      ├─ GET  /api/...          reads: spawn_blocking, a pooled read-only store connection
//!      └─ POST /api/articles     bearer token → one writer connection → Store::ingest_loaded
//! ```
//!
//! The server reads and writes the store only through `dyad-store`'s public API; the store
//! and the library know nothing of it; it serves an SQLite file or a PostgreSQL database alike
//! (`dyad_store::open`, `EventSource`). Store connections are not shared between threads: each
//! read takes a read-only connection from a small pool for the length of one blocking task,
//! and writes go through one read-write connection behind a mutex (SQLite has one writer).
//! Every response of `/api` is JSON; errors are `{"error": KIND, "detail": TEXT}` with the
//! HTTP status, the detail naming the parameter or input at fault. See `assets/openapi.json`.
#![warn(missing_docs)]

mod assets;
mod error;
mod handlers;
mod params;

use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use dyad_store::{EventSource, OpenMode, StoreError};
pub use error::ApiError;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use thiserror::Error;

/// The address `dyad serve` listens on unless told otherwise: loopback only.
pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";
/// The largest request body accepted unless told otherwise (8 MiB).
pub const DEFAULT_MAX_BODY: usize = 8 << 20;
/// How long one request may take unless told otherwise.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// How to serve.
#[derive(Clone, Debug)]
pub struct Config {
    /// The store: an SQLite file or a PostgreSQL URL.
    pub db: PathBuf,
    /// The address to listen on.
    pub addr: SocketAddr,
    /// The bearer token that writes need; without one, writes are refused.
    pub token: Option<String>,
    /// Refuse every write, and open the store read-only.
    pub read_only: bool,
    /// The largest request body accepted, in bytes.
    pub max_body: usize,
    /// How long one request may take, and how long a client may take to send a request's
    /// headers.
    pub timeout: Duration,
}

impl Config {
    /// A configuration for `db` with the defaults: loopback, no token, writes refused.
    pub fn new(db: impl Into<PathBuf>) -> Config {
        Config {
            db: db.into(),
            addr: DEFAULT_ADDR.parse().unwrap_or(SocketAddr::from(([127, 0, 0, 1], 8080))),
            token: None,
            read_only: false,
            max_body: DEFAULT_MAX_BODY,
            timeout: DEFAULT_TIMEOUT,
        }
    }
}

/// Why the server could not start or stopped.
#[derive(Debug, Error)]
pub enum ServeError {
    /// The store could not be opened.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The token file could not be read or holds no token.
    #[error("--token-file {path}: {what}")]
    Token {
        /// The file.
        path: String,
        /// What was wrong.
        what: String,
    },
    /// The address could not be bound, or serving failed.
    #[error("{addr}: {source}")]
    Listen {
        /// The address.
        addr: SocketAddr,
        /// The cause.
        source: std::io::Error,
    },
}

/// Reads a bearer token from a file: its content without surrounding white space, which must
/// be printable ASCII, 16 to 4096 bytes.
pub fn read_token(path: &Path) -> Result<String, ServeError> {
    let err = |what: String| ServeError::Token {
        path: path.display().to_string(),
        what,
    };
    let bytes = std::fs::read(path).map_err(|e| err(e.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|_| err("not UTF-8 text".into()))?;
    let token = text.trim();
    if token.len() < 16 || token.len() > 4096 {
        return Err(err(format!(
            "a token is 16 to 4096 characters; this one has {}",
            token.len()
        )));
    }
    if !token.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(err("a token is printable ASCII without spaces".into()));
    }
    Ok(token.to_string())
}

/// A store connection of either backend. It is closed on a thread of its own: the PostgreSQL
/// client closes by blocking on a runtime of its own, which it cannot do on a thread of the
/// server's runtime (where the pool and the writer are dropped at shutdown).
pub(crate) struct Conn(Option<Box<dyn EventSource + Send>>);

impl Conn {
    fn get(&self) -> &dyn EventSource {
        self.0.as_deref().expect("a connection is only emptied when dropped")
    }

    fn get_mut(&mut self) -> &mut (dyn EventSource + Send) {
        self.0
            .as_deref_mut()
            .expect("a connection is only emptied when dropped")
    }
}

impl Drop for Conn {
    fn drop(&mut self) {
        if let Some(c) = self.0.take() {
            let _ = std::thread::Builder::new().spawn(move || drop(c));
        }
    }
}

/// Read-only store connections, each used by one blocking task at a time.
struct Pool {
    path: PathBuf,
    idle: Mutex<Vec<Conn>>,
}

impl Pool {
    /// Runs `f` with a connection, opening one when none is idle.
    fn with<T>(&self, f: impl FnOnce(&dyn EventSource) -> Result<T, ApiError>) -> Result<T, ApiError> {
        let idle = self.idle.lock().ok().and_then(|mut v| v.pop());
        let store = match idle {
            Some(s) => s,
            None => Conn(Some(
                dyad_store::open(&self.path, OpenMode::ReadOnly).map_err(ApiError::from)?,
            )),
        };
        // A connection whose work failed is not kept: it may be the connection that failed
        // (a PostgreSQL server restarted), and opening another is cheap.
        let out = f(store.get())?;
        if let Ok(mut v) = self.idle.lock() {
            if v.len() < MAX_READERS {
                v.push(store);
            }
        }
        Ok(out)
    }
}

/// Store work running at once (and idle connections kept).
const MAX_READERS: usize = 8;

/// What every handler shares.
pub(crate) struct AppState {
    pool: Pool,
    /// Limits store work running at once, so a flood of requests queues instead of opening a
    /// connection and a thread each.
    permits: tokio::sync::Semaphore,
    /// The one writing connection; `None` when writes are refused.
    writer: Option<Mutex<Conn>>,
    /// Why writes are refused, when they are.
    writes_refused: Option<&'static str>,
    token: Option<String>,
    max_body: usize,
}

impl AppState {
    /// Runs `f` on a pooled read-only connection in a blocking task.
    pub(crate) async fn read<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&dyn EventSource) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|_| ApiError::internal("the server is shutting down"))?;
        let state = Arc::clone(self);
        tokio::task::spawn_blocking(move || state.pool.with(f))
            .await
            .map_err(|e| ApiError::internal(format!("a store task failed: {e}")))?
    }
}

/// Opens a store on a thread of its own: the PostgreSQL client blocks on a runtime of its own,
/// which it cannot start on a thread of the server's runtime (store work otherwise runs in
/// `spawn_blocking`, where it can).
fn open_outside_runtime(db: &Path, mode: OpenMode) -> Result<Conn, StoreError> {
    std::thread::scope(|s| {
        s.spawn(|| dyad_store::open(db, mode).map(|c| Conn(Some(c))))
            .join()
            .unwrap_or_else(|_| {
                Err(StoreError::Invalid(format!(
                    "{}: opening the store failed",
                    db.display()
                )))
            })
    })
}

/// Opens the store as `config` says and builds the application: the dashboard, the API and
/// their limits. Without `read_only`, a missing store is created (and an old one upgraded).
pub fn app(config: &Config) -> Result<Router, ServeError> {
    let writes_refused = if config.read_only {
        Some("the server is read-only (--read-only)")
    } else if config.token.is_none() {
        Some("writes are disabled: start dyad serve with --token-file FILE")
    } else {
        None
    };
    let writer = if config.read_only {
        // Checks the store is there and current; reads open their own connections.
        drop(open_outside_runtime(&config.db, OpenMode::ReadOnly)?);
        None
    } else {
        let store = open_outside_runtime(&config.db, OpenMode::Create)?;
        writes_refused.is_none().then(|| Mutex::new(store))
    };
    let state = Arc::new(AppState {
        pool: Pool {
            path: config.db.clone(),
            idle: Mutex::new(Vec::new()),
        },
        permits: tokio::sync::Semaphore::new(MAX_READERS),
        writer,
        writes_refused,
        token: config.token.clone(),
        max_body: config.max_body,
    });
    let timeout = config.timeout;
    let api = Router::new()
        .route("/health", get(handlers::health))
        .route("/openapi.json", get(assets::openapi))
        .route("/events", get(handlers::events))
        .route("/events/{id}", get(handlers::event))
        .route("/relations", get(handlers::relations))
        .route("/dyads", get(handlers::dyads))
        .route("/actors", get(handlers::actors))
        .route("/actors/{code}/counterparts", get(handlers::counterparts))
        .route("/articles", axum::routing::post(handlers::post_article))
        .fallback(handlers::api_not_found)
        .method_not_allowed_fallback(handlers::method_not_allowed)
        .layer(DefaultBodyLimit::max(config.max_body))
        .with_state(state);
    Ok(Router::new()
        .route("/", get(assets::index))
        .route("/assets/{file}", get(assets::asset))
        .nest("/api", api)
        .fallback(handlers::not_found)
        .layer(axum::middleware::from_fn(move |req, next| {
            limit_time(timeout, req, next)
        }))
        .layer(axum::middleware::from_fn(security_headers)))
}

/// Ends a request that takes longer than `timeout` with 503.
async fn limit_time(timeout: Duration, req: Request, next: Next) -> Response {
    match tokio::time::timeout(timeout, next.run(req)).await {
        Ok(r) => r,
        Err(_) => ApiError::timeout(timeout).into_response(),
    }
}

/// Headers every response carries: no sniffing, no framing, no referrer; a strict content
/// security policy (scripts and styles only from the server's own files, so text from an
/// article can never run); API answers are not cached.
async fn security_headers(req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let mut r = next.run(req).await;
    let h = r.headers_mut();
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
             connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    if api {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    r
}

/// Connections served at once; more wait in the listen queue.
pub const MAX_CONNECTIONS: usize = 512;

/// Serves `app` on `listener` until `shutdown` completes: HTTP/1 with keep-alive, at most
/// [`MAX_CONNECTIONS`] connections at once, and a connection whose client has not sent a
/// request's headers within `timeout` closed (so slow or idle clients cannot hold connections;
/// the time a request takes once read is limited by [`app`]).
pub async fn serve_on(
    listener: tokio::net::TcpListener,
    app: Router,
    timeout: Duration,
    shutdown: impl std::future::Future<Output = ()>,
) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use hyper_util::service::TowerToHyperService;
    let slots = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let Ok(slot) = Arc::clone(&slots).acquire_owned().await else {
            return;
        };
        let stream = tokio::select! {
            _ = &mut shutdown => return,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // Out of file descriptors and the like: wait, then go on accepting.
                    eprintln!("dyad serve: accepting a connection: {e}");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
        };
        let service = TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let _slot = slot;
            let mut http = hyper::server::conn::http1::Builder::new();
            http.timer(TokioTimer::new())
                .header_read_timeout(timeout)
                .keep_alive(true);
            // A client that goes away mid-request is no error of the server's.
            let _ = http.serve_connection(TokioIo::new(stream), service).await;
        });
    }
}

/// Serves `config` until Ctrl-C, printing the address on standard error.
pub async fn serve(config: Config) -> Result<(), ServeError> {
    let app = app(&config)?;
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|source| ServeError::Listen {
            addr: config.addr,
            source,
        })?;
    let addr = listener.local_addr().unwrap_or(config.addr);
    let writes = if config.read_only {
        "read-only"
    } else if config.token.is_some() {
        "writes with the bearer token"
    } else {
        "writes disabled (no --token-file)"
    };
    eprintln!(
        "dyad serve: http://{addr}/ (store {}; {writes})",
        dyad_store::redact(&config.db.display().to_string())
    );
    if !addr.ip().is_loopback() {
        eprintln!("dyad serve: warning: listening on {addr}, reachable from other machines, over plain HTTP");
    }
    serve_on(listener, app, config.timeout, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await;
    Ok(())
}

/// Runs [`serve`] on a multi-threaded runtime, until Ctrl-C.
pub fn run(config: Config) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_io()
        .enable_time()
        .build()
        .map_err(|source| ServeError::Listen {
            addr: config.addr,
            source,
        })?;
    runtime.block_on(serve(config))
}
