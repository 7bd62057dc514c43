//! The schema and its migrations.
//!
//! The schema version is SQLite's `PRAGMA user_version`; [`MIGRATIONS`]`[i]` takes a store
//! from version `i` to `i + 1`. The pending migrations run in one transaction together with
//! the new version number, so a store is at its old version or the newest, never between. A store is marked as dyad's with
//! `PRAGMA application_id` = [`APPLICATION_ID`] ("DYAD"), so a foreign database is refused
//! rather than written into. Adding a migration: append to [`MIGRATIONS`], never edit one
//! that has shipped.
//!
//! Version 1:
//!
//! ```sql
//! articles  (id, article UNIQUE, title, date, date_source, outlet, dateline, content_hash UNIQUE,
//!            bytes, sentences, ingested_at)
//! events    (id, fold_key, date, date_precision, date_first, date_last,
//!            source_code, source_country, source_name, target_code, target_country, target_name,
//!            cameo, root, quad_class, goldstein, event_name,
//!            num_mentions, num_sources, num_articles, root_event, added_at)
//! mentions  (id, article_id → articles, event_id → events, sentence, text, date, date_precision,
//!            source_code, source_country, source_name, source_start, source_end, source_json,
//!            target_code, target_country, target_name, target_start, target_end, target_json,
//!            cameo, root, quad_class, goldstein, event_name, evidence, fold_reason)
//! settings  (key, value)      -- fold level and window
//! ```
//!
//! Version 2 adds indexes for country pairs: `events_pair (source_country, target_country)`,
//! `events_code_pair` on the first three letters of both actor codes, and the two mixed ones.
//!
//! Version 3: `articles.article` is the article's *key* (what identifies it: the input's name,
//! or for one article of a JSON-lines input its own id or url, else its content hash, never
//! its line number) and the new `articles.name` the name it is shown by (`path#line`).
//! Older keys of JSON-lines articles (`path#line`) become `path#sha256:<content_hash>`.
//!
//! Version 4: folding is order-independent ([`crate::fold`]): `mentions.fold_key` and
//! `mentions.fold_rank` (a mention's place in fold order), `events.fold_rank`; an event has the
//! id of the mention that founded it (its anchor). Upgrading refolds the store, so event ids
//! change once.
//!
//! Locations ([`V_LOCATION`]): `mentions.location` (the event's location as JSON, see
//! `dyad::geo::Location`) and, on `events`, the location of its first mention in fold order
//! that has one (`location` JSON, and `geo_name`, `geo_adm1`, `geo_country`, `geo_lat`,
//! `geo_lon` for queries), with an index on the position.
//!
//! Watching ([`V_WATCH`]): `watched (path, size, mtime_ns, ingested_at)`, the files `dyad watch`
//! has ingested.

use crate::{sql_error, Result, StoreError};
use rusqlite::{Connection, TransactionBehavior};

/// `PRAGMA application_id` of a dyad store: "DYAD" in ASCII.
pub const APPLICATION_ID: i64 = 0x4459_4144;

/// The migrations, in order; the schema version is their count.
pub const MIGRATIONS: &[&str] = &[V1, V2, V3, V4, V_LOCATION, V_WATCH];

/// The schema version this build writes.
pub const VERSION: i64 = MIGRATIONS.len() as i64;

const V1: &str = r#"
CREATE TABLE articles (
    id           INTEGER PRIMARY KEY,
    article      TEXT NOT NULL UNIQUE,      -- the input path or id
    title        TEXT,
    date         TEXT,                      -- publication date, YYYY-MM-DD
    date_source  TEXT NOT NULL,             -- header, dateline, given, none
    outlet       TEXT NOT NULL,             -- dateline agency, else the id's folder
    dateline     TEXT,                      -- the dateline's place
    content_hash TEXT NOT NULL UNIQUE,      -- sha256 of the decoded text, hex
    bytes        INTEGER NOT NULL,
    sentences    INTEGER NOT NULL,
    ingested_at  TEXT NOT NULL              -- UTC, RFC 3339
);

CREATE TABLE events (
    id             INTEGER PRIMARY KEY,
    fold_key       TEXT NOT NULL,           -- source|target|code at the fold level
    date           TEXT,
    date_precision TEXT,
    date_first     TEXT,                    -- first and last day the date covers
    date_last      TEXT,
    source_code    TEXT,
    source_country TEXT,
    source_name    TEXT NOT NULL,
    target_code    TEXT,
    target_country TEXT,
    target_name    TEXT NOT NULL,
    cameo          TEXT NOT NULL,
    root           TEXT NOT NULL,
    quad_class     INTEGER NOT NULL,
    goldstein      REAL NOT NULL,
    event_name     TEXT NOT NULL,
    num_mentions   INTEGER NOT NULL DEFAULT 0,
    num_sources    INTEGER NOT NULL DEFAULT 0,
    num_articles   INTEGER NOT NULL DEFAULT 0,
    root_event     INTEGER NOT NULL DEFAULT 0, -- 1 when a mention is an article's first sentence
    added_at       TEXT NOT NULL
);
CREATE INDEX events_fold ON events (fold_key, date_first, date_last, date); -- covers folding
CREATE INDEX events_date ON events (date_first);
CREATE INDEX events_source_country ON events (source_country);
CREATE INDEX events_target_country ON events (target_country);

CREATE TABLE mentions (
    id             INTEGER PRIMARY KEY,
    article_id     INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    event_id       INTEGER REFERENCES events (id),
    sentence       INTEGER NOT NULL,
    text           TEXT NOT NULL,
    date           TEXT,
    date_precision TEXT,
    source_code    TEXT,
    source_country TEXT,
    source_name    TEXT NOT NULL,
    source_start   INTEGER NOT NULL,
    source_end     INTEGER NOT NULL,
    source_json    TEXT NOT NULL,           -- the whole actor, entries included, as JSON
    target_code    TEXT,
    target_country TEXT,
    target_name    TEXT NOT NULL,
    target_start   INTEGER NOT NULL,
    target_end     INTEGER NOT NULL,
    target_json    TEXT NOT NULL,
    cameo          TEXT NOT NULL,
    root           TEXT NOT NULL,
    quad_class     INTEGER NOT NULL,
    goldstein      REAL NOT NULL,
    event_name     TEXT NOT NULL,
    evidence       TEXT NOT NULL,           -- the evidence object as JSON
    fold_reason    TEXT                     -- why it joined its canonical event
);
CREATE INDEX mentions_article ON mentions (article_id);
CREATE INDEX mentions_event ON mentions (event_id, article_id, sentence); -- covers the counts

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"#;

/// Version 2: indexes for the relations of a country pair (`dyad relations`, `dyad serve`'s
/// `/api/relations` and `/api/events?a=&b=`): a side is a country by its `country` field or by
/// its actor code's first three letters, so each of the four combinations has an index that
/// answers it alone (with two, the mixed ones read every event of one country: 5 ms instead
/// of 0.1 ms on 120,000 events).
const V2: &str = r#"
CREATE INDEX events_pair ON events (source_country, target_country);
CREATE INDEX events_code_pair ON events (substr(source_code, 1, 3), substr(target_code, 1, 3));
CREATE INDEX events_country_code ON events (source_country, substr(target_code, 1, 3));
CREATE INDEX events_code_country ON events (substr(source_code, 1, 3), target_country);
"#;

const V3: &str = r#"
ALTER TABLE articles ADD COLUMN name TEXT NOT NULL DEFAULT '';  -- shown: path, or path#line
UPDATE articles SET name = article;
-- A JSON-lines article was keyed by its line (`feed.jsonl#3`): key it by its content.
UPDATE articles SET article = rtrim(article, '0123456789') || 'sha256:' || content_hash
 WHERE article <> rtrim(article, '0123456789')
   AND (rtrim(article, '0123456789') LIKE '%.jsonl#' OR rtrim(article, '0123456789') LIKE '%.ndjson#');
"#;

const V4: &str = r#"
ALTER TABLE mentions ADD COLUMN fold_key TEXT;      -- source|target|code at the fold level
ALTER TABLE mentions ADD COLUMN fold_rank TEXT;     -- place in fold order; NULL without a date
ALTER TABLE events ADD COLUMN fold_rank TEXT;       -- its anchor's (the mention whose id it has)
CREATE INDEX mentions_fold ON mentions (fold_key, fold_rank);
"#;

/// Where events happened: each mention's location (JSON) and each event's (the location of
/// its first mention in fold order that has one, kept by `fold::REFRESH`). Stores made before
/// have no locations until their articles are ingested again.
const V_LOCATION: &str = r#"
ALTER TABLE mentions ADD COLUMN location TEXT;      -- dyad::geo::Location as JSON, or NULL
ALTER TABLE events ADD COLUMN location TEXT;        -- its first located mention's
ALTER TABLE events ADD COLUMN geo_name TEXT;        -- the place's gazetteer name
ALTER TABLE events ADD COLUMN geo_adm1 TEXT;        -- its first-level division's name
ALTER TABLE events ADD COLUMN geo_country TEXT;     -- its country, ISO 3166 alpha-3
ALTER TABLE events ADD COLUMN geo_lat REAL;
ALTER TABLE events ADD COLUMN geo_lon REAL;
CREATE INDEX events_geo ON events (geo_lat, geo_lon) WHERE geo_lat IS NOT NULL;
CREATE INDEX events_geo_name ON events (geo_name COLLATE NOCASE) WHERE geo_name IS NOT NULL;
"#;

/// `dyad watch`'s state: the input files it has ingested and what they were then
/// (`crate::watch`).
const V_WATCH: &str = r#"
CREATE TABLE watched (
    path        TEXT PRIMARY KEY,   -- the input's name
    size        INTEGER NOT NULL,   -- bytes, when ingested
    mtime_ns    INTEGER NOT NULL,   -- modification time, ns since the epoch, when ingested
    ingested_at TEXT NOT NULL       -- UTC, RFC 3339
);
"#;

/// Checks the database is dyad's (or empty) and brings its schema to [`VERSION`].
///
/// The check and the upgrade run in one immediate (write-locked) transaction, so two
/// processes opening a new store at once do not both create it.
pub(crate) fn migrate(conn: &mut Connection, path: &str, app_id: i64) -> Result<()> {
    let wrap = |e| sql_error(path, e);
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(wrap)?;
    if app_id == APPLICATION_ID && version == VERSION {
        return Ok(());
    }
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(wrap)?;
    let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(wrap)?;
    let app_id: i64 = tx.query_row("PRAGMA application_id", [], |r| r.get(0)).map_err(wrap)?;
    if app_id != APPLICATION_ID {
        let tables: i64 = tx
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .map_err(wrap)?;
        if app_id != 0 || version != 0 || tables != 0 {
            return Err(StoreError::NotAStore { path: path.to_string() });
        }
    }
    if version > VERSION {
        return Err(StoreError::NewerSchema {
            path: path.to_string(),
            found: version,
            known: VERSION,
        });
    }
    for sql in MIGRATIONS.iter().skip(version as usize) {
        tx.execute_batch(sql).map_err(wrap)?;
    }
    if (1..4).contains(&version) {
        // Folding became order-independent: refold what an older dyad folded in arrival order.
        let settings = crate::fold::load_settings(&tx, path)?;
        crate::fold::refold_all(&tx, settings, &crate::now(), true).map_err(wrap)?;
    }
    tx.execute_batch(&format!(
        "PRAGMA user_version = {VERSION}; PRAGMA application_id = {APPLICATION_ID};"
    ))
    .map_err(wrap)?;
    tx.commit().map_err(wrap)
}

#[cfg(test)]
mod tests {
    use crate::{Store, StoreError};

    #[test]
    fn a_new_store_is_at_the_latest_version_and_reopens() {
        let dir = std::env::temp_dir().join(format!("dyad-store-schema-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("s.db");
        {
            let s = Store::open(&path).unwrap();
            let v: i64 = s
                .connection()
                .query_row("PRAGMA user_version", [], |r| r.get(0))
                .unwrap();
            assert_eq!(v, super::VERSION);
            let mode: String = s
                .connection()
                .query_row("PRAGMA journal_mode", [], |r| r.get(0))
                .unwrap();
            assert_eq!(mode, "wal");
        }
        Store::open(&path).unwrap();
        Store::open_existing(&path).unwrap();

        // A newer store is refused, naming the file.
        {
            let c = rusqlite::Connection::open(&path).unwrap();
            c.execute_batch("PRAGMA user_version = 99").unwrap();
        }
        let e = Store::open(&path).unwrap_err();
        assert!(matches!(e, StoreError::NewerSchema { found: 99, .. }), "{e}");
        assert!(e.to_string().contains("s.db"));

        // A foreign database and a text file are refused.
        let foreign = dir.join("foreign.db");
        rusqlite::Connection::open(&foreign)
            .unwrap()
            .execute_batch("CREATE TABLE t (x)")
            .unwrap();
        assert!(matches!(Store::open(&foreign), Err(StoreError::NotAStore { .. })));
        let text = dir.join("notes.txt");
        std::fs::write(&text, "these are not the tables you are looking for\n".repeat(100)).unwrap();
        let e = Store::open(&text).unwrap_err();
        assert!(matches!(e, StoreError::NotADatabase { .. }), "{e}");
        assert!(matches!(
            Store::open_existing(dir.join("absent.db")),
            Err(StoreError::Missing { .. })
        ));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_version_1_store_gains_the_pair_indexes() {
        let dir = std::env::temp_dir().join(format!("dyad-store-schema-v1-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("v1.db");
        {
            let c = rusqlite::Connection::open(&path).unwrap();
            c.execute_batch(super::V1).unwrap();
            c.execute_batch(&format!(
                "PRAGMA user_version = 1; PRAGMA application_id = {};",
                super::APPLICATION_ID
            ))
            .unwrap();
        }
        // Read-only, an old store is refused with what to do; opened to write, it is upgraded.
        let e = Store::open_read_only(&path).unwrap_err().to_string();
        assert!(e.contains("upgrade"), "{e}");
        let s = Store::open(&path).unwrap();
        let indexes: Vec<String> = s
            .connection()
            .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'events_%' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        for name in [
            "events_code_country",
            "events_code_pair",
            "events_country_code",
            "events_pair",
        ] {
            assert!(indexes.iter().any(|i| i == name), "{name} in {indexes:?}");
        }
        drop(s);
        Store::open_read_only(&path).unwrap();
        let _ = std::fs::remove_dir_all(&dir);
    }
}
