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
//! PLOVER ([`V_PLOVER`]): `mentions` and `events` gain `plover_type`, `plover_mode`,
//! `plover_context` and `plover_aux` (contexts and auxiliary modes comma-separated; an event
//! has its anchor mention's), indexed by type and mode. Upgrading codes every stored mention
//! from its CAMEO code, sentence and evidence (trigger, mood) with dyad's PLOVER table.
//!
//! Article URLs ([`V_URL`]): `articles.url`, the article's URL from its metadata (JSON `url`,
//! the page's canonical link), exported as GDELT's SOURCEURL; `articles.outlet` is '' when no
//! metadata, dateline, byline or URL names one (such articles each count as a source of their
//! own).
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
pub const MIGRATIONS: &[&str] = &[V1, V2, V3, V4, V_PLOVER, V_URL, V_LOCATION, V_WATCH];

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

/// Article URLs: `articles.url`, from the article's metadata.
pub const V_URL: &str = r#"
ALTER TABLE articles ADD COLUMN url TEXT;           -- the article's URL, from its metadata
"#;

/// PLOVER columns on mentions and events (filled for stored mentions by [`fill_plover`]).
pub const V_PLOVER: &str = r#"
ALTER TABLE mentions ADD COLUMN plover_type TEXT;     -- PLOVER 2.0 type, NULL when the code has none
ALTER TABLE mentions ADD COLUMN plover_mode TEXT;
ALTER TABLE mentions ADD COLUMN plover_context TEXT;  -- contexts, comma-separated
ALTER TABLE mentions ADD COLUMN plover_aux TEXT;      -- auxiliary modes, comma-separated
ALTER TABLE events ADD COLUMN plover_type TEXT;       -- its anchor mention's
ALTER TABLE events ADD COLUMN plover_mode TEXT;
ALTER TABLE events ADD COLUMN plover_context TEXT;
ALTER TABLE events ADD COLUMN plover_aux TEXT;
CREATE INDEX events_plover ON events (plover_type, plover_mode);
"#;

/// The PLOVER columns of a mention: type, mode, contexts and auxiliary modes.
pub(crate) fn plover_columns(p: Option<&dyad::ontology::plover::Plover>) -> [Option<String>; 4] {
    match p {
        None => [None, None, None, None],
        Some(p) => [
            Some(p.event_type.clone()),
            p.mode.clone(),
            Some(p.context.join(",")),
            Some(p.aux.iter().map(|a| a.as_str()).collect::<Vec<_>>().join(",")),
        ],
    }
}

/// Codes every stored mention in PLOVER from what it keeps (CAMEO code, sentence, evidence's
/// trigger and mood, date, actors, the article's publication date), as ingestion would have
/// (for a store written before dyad kept PLOVER codes); then gives each event its anchor's.
fn fill_plover(tx: &rusqlite::Transaction) -> rusqlite::Result<()> {
    use dyad::event::Mood;
    use dyad::ontology::plover::{place_of, EventFacts, PloverTable};
    let table = PloverTable::get();
    let kb = dyad::kb::KnowledgeBase::embedded();
    type Row = (
        i64,
        String,
        String,
        String,
        Option<String>,
        [Option<String>; 4],
        Option<String>,
    );
    let rows: Vec<Row> = {
        let mut st = tx.prepare(
            "SELECT m.id, m.cameo, m.text, m.evidence, m.date, m.source_country, m.target_country, m.source_code,
                 m.target_code, a.date
             FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.plover_type IS NULL",
        )?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                [r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?],
                r.get(9)?,
            ))
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut up = tx.prepare(
        "UPDATE mentions SET plover_type = ?1, plover_mode = ?2, plover_context = ?3, plover_aux = ?4 WHERE id = ?5",
    )?;
    for (id, cameo, text, evidence, date, [sc, tc, scode, tcode], published) in rows {
        let ev: serde_json::Value = serde_json::from_str(&evidence).unwrap_or(serde_json::Value::Null);
        let trigger = ev.get("trigger").and_then(|t| t.as_str()).unwrap_or("");
        let mood = match ev.get("mood").and_then(|t| t.as_str()) {
            Some("intent") => Mood::Intent,
            Some("refusal") => Mood::Refusal,
            Some("threat") => Mood::Threat,
            Some("demand") => Mood::Demand,
            Some("negated") => Mood::Negated,
            Some("hypothetical") => Mood::Hypothetical,
            _ => Mood::Fact,
        };
        let igo = |c: &Option<String>| c.as_deref().is_some_and(|c| c.starts_with("IGO"));
        let p = table.code(&EventFacts {
            cameo: &cameo,
            trigger,
            sentence: &text,
            mood,
            date: date.as_deref(),
            published: published.as_deref().and_then(|d| d.parse().ok()),
            countries: [sc.as_deref(), tc.as_deref()],
            organisation: igo(&scode) || igo(&tcode),
            place: place_of(kb, &text, trigger),
        });
        let [t, m, c, a] = plover_columns(p.as_ref());
        up.execute(rusqlite::params![t, m, c, a, id])?;
    }
    tx.execute_batch(COPY_PLOVER)
}

/// Every event takes the PLOVER columns of its anchor mention (the one whose id it has).
pub(crate) const COPY_PLOVER: &str = "UPDATE events SET
    plover_type = (SELECT m.plover_type FROM mentions m WHERE m.id = events.id),
    plover_mode = (SELECT m.plover_mode FROM mentions m WHERE m.id = events.id),
    plover_context = (SELECT m.plover_context FROM mentions m WHERE m.id = events.id),
    plover_aux = (SELECT m.plover_aux FROM mentions m WHERE m.id = events.id);";

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
        let lite = crate::sql::Lite { conn: &tx, name: path };
        let settings = crate::fold::load_settings(&lite)?;
        crate::fold::refold_all(&lite, settings, &crate::now(), true)?;
    }
    // a store from before PLOVER: code its mentions now
    let plover_at = MIGRATIONS.iter().position(|m| *m == V_PLOVER).unwrap_or(0) as i64;
    if version > 0 && version <= plover_at {
        fill_plover(&tx).map_err(wrap)?;
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

    #[test]
    fn a_store_from_before_plover_urls_locations_and_watching_gains_them_all() {
        use super::{MIGRATIONS, V_LOCATION, V_PLOVER, V_URL, V_WATCH};
        let dir = std::env::temp_dir().join(format!("dyad-store-schema-both-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("old.db");
        // the version before whichever of the four migrations comes first
        let at = |m: &str| MIGRATIONS.iter().position(|x| *x == m).unwrap();
        let before = [V_PLOVER, V_URL, V_LOCATION, V_WATCH]
            .into_iter()
            .map(at)
            .min()
            .unwrap();
        {
            let c = rusqlite::Connection::open(&path).unwrap();
            for sql in &MIGRATIONS[..before] {
                c.execute_batch(sql).unwrap();
            }
            c.execute_batch(&format!(
                "PRAGMA user_version = {before}; PRAGMA application_id = {};",
                super::APPLICATION_ID
            ))
            .unwrap();
            c.execute(
                "INSERT INTO articles (article, name, title, date, date_source, outlet, content_hash, bytes, sentences, ingested_at)
                 VALUES ('a.txt', 'a.txt', 'T', '2024-01-01', 'header', 'x', 'aa', 10, 1, '2024-01-01T00:00:00Z')",
                [],
            )
            .unwrap();
        }
        let s = Store::open(&path).unwrap();
        let columns = |table: &str| -> Vec<String> {
            s.connection()
                .prepare(&format!("PRAGMA table_info({table})"))
                .unwrap()
                .query_map([], |r| r.get(1))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
        };
        assert!(
            columns("articles").iter().any(|c| c == "url"),
            "{:?}",
            columns("articles")
        );
        for table in ["mentions", "events"] {
            for c in ["plover_type", "plover_mode", "plover_context", "plover_aux"] {
                assert!(columns(table).iter().any(|x| x == c), "{table}.{c}");
            }
        }
        assert!(columns("mentions").iter().any(|x| x == "location"));
        for c in ["location", "geo_name", "geo_adm1", "geo_country", "geo_lat", "geo_lon"] {
            assert!(columns("events").iter().any(|x| x == c), "events.{c}");
        }
        assert_eq!(
            columns("watched"),
            ["path", "size", "mtime_ns", "ingested_at"],
            "dyad watch's table"
        );
        let v: i64 = s
            .connection()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, super::VERSION);
        let (n, url): (i64, Option<String>) = s
            .connection()
            .query_row("SELECT count(*), max(url) FROM articles", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!((n, url), (1, None), "the stored article is kept, without a URL");
        drop(s);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
