//! dyad-store: coded events kept in an embedded SQLite database or, with the `postgres`
//! feature, in a shared PostgreSQL database ([`pg::PgStore`]: the same schema and versions,
//! ingest and folding). [`EventSource`] is the store trait both implement and every command
//! uses ([`open`] opens either by its `--db`); its queries are written once over [`sql::Sql`].
//!
//! The store holds three kinds of rows:
//!
//! - **articles**: one per ingested article (its key: the path, or for a JSON-lines article its
//!   own id, url or content hash; the name it is shown by; title, publication date, outlet
//!   and a SHA-256 hash of the decoded text, which makes ingestion idempotent);
//! - **mentions**: every event as the coder produced it for one sentence of one article, with
//!   all the fields of [`dyad::event::Event`] (actors and evidence kept as JSON text);
//! - **events**: canonical events. Mentions of one real-world event in several articles (same
//!   source and target actors, same CAMEO code at a chosen [`FoldLevel`], same date at the
//!   precision both share, within a window of days) are folded into one canonical event that
//!   counts its mentions, articles and sources, GDELT-style. See [`fold`].
//!
//! ```text
//! paths ─ ingest::expand ─▶ files ─ decode, Document::parse, sha256 ─▶ new articles only
//!       ─ Coder::code_document (parallel) ─▶ events ─ one transaction per batch ─▶ articles,
//!         mentions ─ fold ─▶ canonical events
//! ```
//!
//! The schema is versioned with `PRAGMA user_version` and upgraded by [`schema`] when a store
//! is opened; the database runs in WAL mode, so a reader (`dyad events`) never blocks the
//! writer and a killed `dyad ingest` loses nothing it had committed. (With `synchronous =
//! NORMAL`, a power cut may lose the last committed batches, never corrupt the store; the next
//! run stores them again.)
//!
//! Opening a store for writing first runs SQLite's quick check (and its full check of the
//! articles table), and writes nothing into a damaged store; [`Store::check`] (`dyad check`) checks thoroughly, SQLite's integrity and
//! dyad's own invariants ([`check`]). Commands that only read open the store read-only.
//!
//! Queries for the analysis live in [`query`] (event and actor listings, `dyad relations`
//! time series) and exports in [`export`] (CSV, JSONL, the GDELT 2.0 event table and, with the
//! `parquet` feature, Parquet); with the `plot` feature, `plot` draws the time series as SVG
//! or PNG. Both features are on by default.
#![warn(missing_docs)]

pub mod api;
pub mod check;
pub mod dates;
pub mod export;
pub mod fold;
pub mod ingest;
pub mod output;
#[cfg(feature = "postgres")]
pub mod pg;
#[cfg(feature = "plot")]
pub mod plot;
pub mod query;
pub mod schema;
pub mod sql;
pub mod watch;

pub use fold::{FoldLevel, FoldSettings};
pub use ingest::{ingest, IngestOptions, IngestSummary, Report};
pub use query::{EventSource, Filter, Near, Period, PeriodBy};
pub use sql::Sql;

use rusqlite::{Connection, OpenFlags};
use std::path::Path;
use thiserror::Error;

/// The default database file, in the working directory.
pub const DEFAULT_DB: &str = "dyad.db";

/// Why a store operation failed. Every variant names the store file or the input.
#[derive(Debug, Error)]
pub enum StoreError {
    /// SQLite reported an error on the store.
    #[error("{path}: {error}")]
    Sqlite {
        /// The store file.
        path: String,
        /// The SQLite error (its text is part of this error's message).
        error: rusqlite::Error,
    },
    /// The PostgreSQL server cannot be reached or refused the connection.
    #[error("cannot connect to {url}: {reason}")]
    Connect {
        /// The database URL, without its password.
        url: String,
        /// What the client or the server said.
        reason: String,
    },
    /// PostgreSQL reported an error on the store.
    #[error("{url}: {error}")]
    Postgres {
        /// The database URL, without its password.
        url: String,
        /// The server's message and SQLSTATE code.
        error: String,
    },
    /// The store file cannot be opened or created.
    #[error("{path}: cannot open or create the store; check that its folder exists and is writable")]
    CannotOpen {
        /// The file.
        path: String,
    },
    /// The path given for the store is a folder.
    #[error("{path}: a folder, not a store file")]
    IsFolder {
        /// The folder.
        path: String,
    },
    /// The store (or its folder) cannot be written.
    #[error("{path}: the store or its folder is read-only")]
    ReadOnly {
        /// The file.
        path: String,
    },
    /// The store is damaged: the check before writing failed ([`check`]).
    #[error("{path}: the store is damaged ({what}); nothing was written. `dyad check --db {path}` says more; restore a copy, or ingest the articles again into a new store")]
    Damaged {
        /// The file.
        path: String,
        /// What the check said first.
        what: String,
    },
    /// The file exists but is not an SQLite database.
    #[error("{path}: not an SQLite database (a dyad store, or a new file to create one, is needed)")]
    NotADatabase {
        /// The file.
        path: String,
    },
    /// The file is an SQLite database, but not one dyad created.
    #[error("{path}: an SQLite database that is not a dyad store (a dyad store, or a new file, is needed)")]
    NotAStore {
        /// The file.
        path: String,
    },
    /// The store was written by an older dyad and must be upgraded, which needs write access.
    #[error("{path}: schema version {found}, this dyad reads {known}; open it once with `dyad ingest --db {path}` (which needs write access) to upgrade it")]
    Outdated {
        /// The file.
        path: String,
        /// The store's schema version.
        found: i64,
        /// The version this build reads.
        known: i64,
    },
    /// The store was written by a newer dyad.
    #[error("{path}: schema version {found} is newer than this dyad knows ({known}); upgrade dyad")]
    NewerSchema {
        /// The file.
        path: String,
        /// The store's schema version.
        found: i64,
        /// The newest version this build knows.
        known: i64,
    },
    /// The store file does not exist (for commands that only read).
    #[error("{path}: no such store (it is created by ingesting articles into it)")]
    Missing {
        /// The file.
        path: String,
    },
    /// Something stored cannot be read back (a corrupt row).
    #[error("{path}: {what}")]
    Corrupt {
        /// The store file.
        path: String,
        /// What was wrong.
        what: String,
    },
    /// Writing an output file (a plot, a Parquet file) failed.
    #[error("{path}: {what}")]
    Output {
        /// The file being written.
        path: String,
        /// What went wrong.
        what: String,
    },
    /// A bad argument (a code, a period).
    #[error("{0}")]
    Invalid(String),
    /// A filter whose value cannot be (an actor code with spaces, quad class 7).
    #[error("filter {field} {value:?}: expected {expected}")]
    BadFilter {
        /// The filter: `actor`, `country`, `code`, `root` or `quad`.
        field: &'static str,
        /// The value given.
        value: String,
        /// What it must be.
        expected: String,
    },
    /// Writing output failed.
    #[error("writing output: {0}")]
    Io(std::io::Error),
}

// Not `#[from]`: that would also make the I/O error the source, and every message chain
// would say it twice.
impl From<std::io::Error> for StoreError {
    fn from(e: std::io::Error) -> StoreError {
        StoreError::Io(e)
    }
}

/// A result with a [`StoreError`].
pub type Result<T> = std::result::Result<T, StoreError>;

/// An open dyad store.
pub struct Store {
    conn: Connection,
    path: String,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens the store at `path`, creating it (and its schema) when the file does not exist,
    /// and upgrading an older schema.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        Store::open_with(path.as_ref(), true)
    }

    /// Opens an existing store; a missing file is [`StoreError::Missing`] rather than a new,
    /// empty store.
    pub fn open_existing(path: impl AsRef<Path>) -> Result<Store> {
        Store::open_with(path.as_ref(), false)
    }

    /// Opens an existing store for reading only: no schema upgrade, no write, no switch of
    /// journal mode, so a store on a read-only file, folder or mount can be read. A store at an
    /// older schema version is refused ([`StoreError::Outdated`]; see
    /// [`Store::open_for_reading`]).
    ///
    /// Reading a store in WAL mode needs its shared-memory file (`-shm`), which SQLite creates
    /// beside it; where it cannot (a read-only folder or mount, the store closed cleanly), the
    /// store is opened as immutable: nothing can be writing it there.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref();
        let name = path.display().to_string();
        if path.is_dir() {
            return Err(StoreError::IsFolder { path: name });
        }
        if !path.exists() {
            return Err(StoreError::Missing { path: name });
        }
        let store = match Store::read_only_connection(path, &name, false) {
            Err(StoreError::CannotOpen { .. }) | Err(StoreError::ReadOnly { .. }) => {
                Store::read_only_connection(path, &name, true)?
            }
            r => r?,
        };
        let header = |pragma: &str| -> Result<i64> {
            store
                .conn
                .query_row(&format!("PRAGMA {pragma}"), [], |r| r.get(0))
                .map_err(|e| sql_error(&name, e))
        };
        if header("application_id")? != schema::APPLICATION_ID {
            return Err(StoreError::NotAStore { path: name });
        }
        let version = header("user_version")?;
        if version > schema::VERSION {
            return Err(StoreError::NewerSchema {
                path: name,
                found: version,
                known: schema::VERSION,
            });
        }
        if version < schema::VERSION {
            return Err(StoreError::Outdated {
                path: name,
                found: version,
                known: schema::VERSION,
            });
        }
        Ok(store)
    }

    /// A read-only connection whose first read succeeded (`immutable`: opened as a file no
    /// one writes, without the shared-memory file).
    fn read_only_connection(path: &Path, name: &str, immutable: bool) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
        let conn = if immutable {
            Connection::open_with_flags(format!("{}?mode=ro&immutable=1", file_uri(path)), flags)
        } else {
            Connection::open_with_flags(path, flags)
        }
        .map_err(|e| sql_error(name, e))?;
        conn.busy_timeout(std::time::Duration::from_secs(30))
            .map_err(|e| sql_error(name, e))?;
        // SQLite opens lazily: the first read tells whether the file (and its WAL) can be read.
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))
            .map_err(|e| sql_error(name, e))?;
        Ok(Store {
            conn,
            path: name.to_string(),
        })
    }

    /// Opens an existing store to query it: read-only ([`Store::open_read_only`]); a store
    /// at an older schema version is first upgraded, which needs write access.
    pub fn open_for_reading(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref();
        match Store::open_read_only(path) {
            Err(StoreError::Outdated {
                found,
                known,
                path: name,
            }) => match Store::open_existing(path) {
                Ok(upgraded) => {
                    drop(upgraded);
                    Store::open_read_only(path)
                }
                Err(_) => Err(StoreError::Outdated {
                    path: name,
                    found,
                    known,
                }),
            },
            r => r,
        }
    }

    /// A store in memory (for tests and one-off runs).
    pub fn in_memory() -> Result<Store> {
        let path = ":memory:".to_string();
        let conn = Connection::open_in_memory().map_err(|e| sql_error(&path, e))?;
        let mut store = Store { conn, path };
        store.setup()?;
        Ok(store)
    }

    fn open_with(path: &Path, create: bool) -> Result<Store> {
        let name = path.display().to_string();
        if path.is_dir() {
            return Err(StoreError::IsFolder { path: name });
        }
        if !create && !path.exists() {
            return Err(StoreError::Missing { path: name });
        }
        let mut flags =
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
        if create {
            flags |= OpenFlags::SQLITE_OPEN_CREATE;
        }
        let conn = Connection::open_with_flags(path, flags).map_err(|e| sql_error(&name, e))?;
        let mut store = Store { conn, path: name };
        store.setup()?;
        Ok(store)
    }

    /// Pragmas and migrations.
    fn setup(&mut self) -> Result<()> {
        let path = self.path.clone();
        let wrap = |source: rusqlite::Error| sql_error(&path, source);
        self.conn
            .busy_timeout(std::time::Duration::from_secs(30))
            .map_err(wrap)?;
        // The first read of the header tells a non-database file.
        let app_id: i64 = self
            .conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(wrap)?;
        // Nothing is written into a damaged store (a damaged index once let an article in twice).
        if path != ":memory:" && app_id == schema::APPLICATION_ID {
            if let Some(problem) = check::write_check(&self.conn).map_err(wrap)? {
                return Err(StoreError::Damaged { path, what: problem });
            }
        }
        if path != ":memory:" {
            // Switching to WAL needs a moment alone with the file: another process creating
            // the same new store at that instant makes SQLite answer "busy" at once, without
            // waiting on the busy timeout, so wait and try again here.
            let mut tries = 0;
            let mode: String = loop {
                match self.conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)) {
                    Err(rusqlite::Error::SqliteFailure(e, _))
                        if e.code == rusqlite::ErrorCode::DatabaseBusy && tries < 300 =>
                    {
                        tries += 1;
                        std::thread::sleep(std::time::Duration::from_millis(100));
                    }
                    r => break r.map_err(wrap)?,
                }
            };
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(StoreError::Corrupt {
                    path,
                    what: format!("cannot switch to WAL mode (journal mode is {mode})"),
                });
            }
        }
        self.conn
            .execute_batch(
                "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -65536;
                 PRAGMA temp_store = MEMORY;",
            )
            .map_err(wrap)?;
        schema::migrate(&mut self.conn, &self.path, app_id)
    }

    /// The store's file name (or `:memory:`).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The store's connection as [`sql::Sql`].
    pub(crate) fn lite(&self) -> sql::Lite<'_> {
        sql::Lite {
            conn: &self.conn,
            name: &self.path,
        }
    }

    /// The underlying connection, for queries this crate does not offer.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Wraps an SQLite error with the store's name.
    pub(crate) fn err(&self, source: rusqlite::Error) -> StoreError {
        sql_error(&self.path, source)
    }

    /// Counts of the store's rows.
    pub fn counts(&self) -> Result<Counts> {
        let n = |sql: &str| -> Result<u64> {
            self.conn
                .query_row(sql, [], |r| r.get::<_, i64>(0))
                .map(|v| v as u64)
                .map_err(|e| self.err(e))
        };
        Ok(Counts {
            articles: n("SELECT count(*) FROM articles")?,
            mentions: n("SELECT count(*) FROM mentions")?,
            events: n("SELECT count(*) FROM events")?,
        })
    }
}

/// How many rows a store holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counts {
    /// Articles.
    pub articles: u64,
    /// Event mentions (events as coded, one per sentence and article).
    pub mentions: u64,
    /// Canonical events (mentions folded across articles).
    pub events: u64,
}

/// The current time, UTC, as stored.
pub(crate) fn now() -> String {
    chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// A `file:` URI naming `path` (for SQLite's URI parameters), its bytes percent-encoded
/// but for letters, digits, `/` and `-._~`.
fn file_uri(path: &Path) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut uri = String::from("file:");
    for &b in abs.as_os_str().as_encoded_bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            uri.push(char::from(b));
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri
}

/// Wraps an SQLite error, recognising a file that is not a database.
pub(crate) fn sql_error(path: &str, source: rusqlite::Error) -> StoreError {
    if let rusqlite::Error::SqliteFailure(e, _) = &source {
        match e.code {
            rusqlite::ErrorCode::NotADatabase => return StoreError::NotADatabase { path: path.to_string() },
            rusqlite::ErrorCode::CannotOpen => return StoreError::CannotOpen { path: path.to_string() },
            rusqlite::ErrorCode::ReadOnly => return StoreError::ReadOnly { path: path.to_string() },
            _ => {}
        }
    }
    StoreError::Sqlite {
        path: path.to_string(),
        error: source,
    }
}

impl sql::Sql for Store {
    fn name(&self) -> &str {
        &self.path
    }

    fn query_each(&self, sql: &str, params: &[sql::Value], each: &mut dyn FnMut(sql::Row) -> Result<()>) -> Result<()> {
        self.lite().query_each(sql, params, each)
    }

    fn execute(&self, sql: &str, params: &[sql::Value]) -> Result<u64> {
        self.lite().execute(sql, params)
    }

    fn write_transaction(&self, f: &mut dyn FnMut() -> Result<()>) -> Result<()> {
        self.lite().write_transaction(f)
    }
}

impl query::EventSource for Store {
    fn each_event(
        &self,
        f: &Filter,
        order: query::Order,
        each: &mut dyn FnMut(query::CanonicalEvent) -> Result<()>,
    ) -> Result<()> {
        Store::each_event(self, f, order, each)
    }

    fn ingest_files(
        &mut self,
        files: &[std::path::PathBuf],
        o: &IngestOptions,
        report: &mut dyn FnMut(Report),
    ) -> Result<IngestSummary> {
        ingest::ingest(self, files, o, report)
    }

    fn ingest_loaded(
        &mut self,
        loaded: dyad::ingest::files::Loaded,
        coder: &dyad::coder::Coder,
    ) -> Result<(IngestSummary, String)> {
        ingest::ingest_loaded(self, loaded, coder)
    }

    fn engine_check(&self) -> Vec<String> {
        check::sqlite_check(&self.conn, &self.path)
    }
}

/// How [`open`] opens a store.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenMode {
    /// For writing; created (with its schema) when missing, upgraded when older.
    Create,
    /// For writing; a missing store is [`StoreError::Missing`].
    Existing,
    /// To query it: read-only, after upgrading an older schema ([`Store::open_for_reading`]).
    ForReading,
    /// Read-only, never upgraded or written ([`Store::open_read_only`]).
    ReadOnly,
}

/// Opens the store `db` names: a PostgreSQL database for a `postgres://` or `postgresql://`
/// URL (with the `postgres` feature), else an SQLite file.
pub fn open(db: &Path, mode: OpenMode) -> Result<Box<dyn EventSource + Send>> {
    if let Some(url) = db.to_str().filter(|s| is_url(s)) {
        #[cfg(feature = "postgres")]
        return Ok(Box::new(match mode {
            OpenMode::Create => pg::PgStore::open(url)?,
            OpenMode::Existing | OpenMode::ForReading => pg::PgStore::open_existing(url)?,
            OpenMode::ReadOnly => pg::PgStore::open_read_only(url)?,
        }));
        #[cfg(not(feature = "postgres"))]
        return Err(StoreError::Invalid(format!(
            "{}: this dyad was built without PostgreSQL (the `postgres` feature of dyad-store)",
            redact(url)
        )));
    }
    Ok(Box::new(match mode {
        OpenMode::Create => Store::open(db)?,
        OpenMode::Existing => Store::open_existing(db)?,
        OpenMode::ForReading => Store::open_for_reading(db)?,
        OpenMode::ReadOnly => Store::open_read_only(db)?,
    }))
}

/// Whether `db` names a PostgreSQL database (`postgres://` or `postgresql://`) rather than an
/// SQLite file.
pub fn is_url(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}

/// `url` without its password (`postgres://user:***@host/db`).
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (auth, tail) = match rest.split_once('@') {
        Some((a, t)) if !a.contains('/') => (a, t),
        _ => return url.to_string(),
    };
    match auth.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{tail}"),
        None => url.to_string(),
    }
}
