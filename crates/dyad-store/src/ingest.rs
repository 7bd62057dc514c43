//! Ingestion: files → coded articles → rows, one transaction per batch.
//!
//! Each batch of inputs (64 by default) goes through four steps, the first three on a reading
//! thread one batch ahead of the fourth:
//!
//! 1. inputs whose key (the path as given) is already stored are skipped without being read;
//! 2. the rest are read, decoded and hashed (SHA-256 of the decoded text) in parallel; an
//!    article whose key or hash is already stored (the same article under another name) is
//!    skipped. An article of a JSON-lines input is keyed by its own id or url, else by its
//!    content, never by its line ([`dyad::ingest::files::Identity`]): a line added above it
//!    changes nothing;
//! 3. the new articles are coded in parallel with the embedded coder;
//! 4. articles and their event mentions are written and folded into canonical events in one
//!    transaction, which commits before the next batch starts.
//!
//! A kill at any moment therefore leaves the store at the end of the last committed batch, and
//! the next run skips what is stored and carries on where the killed one stopped; since
//! folding does not depend on the order mentions arrive in ([`crate::fold`]), the result is
//! the same as one uninterrupted run, or as ingesting the same inputs in any order. An input
//! that cannot be read or decoded (a binary file, invalid UTF-8 without `lossy`) is reported,
//! counted as failed and left out; it never aborts the batch.

use crate::fold::{self, FoldInput};
use crate::query::EventSource;
use crate::sql::Sql;
use crate::{Result, Store};
use chrono::NaiveDate;
use dyad::coder::Coder;
use dyad::event::Event;
use dyad::ingest::files::Expanded;
use dyad::ingest::Document;
use rayon::prelude::*;
use rusqlite::{params, Connection, OpenFlags, Transaction, TransactionBehavior};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};

/// How to ingest.
#[derive(Clone, Debug)]
pub struct IngestOptions {
    /// Publication date for articles that carry none.
    pub date: Option<NaiveDate>,
    /// Replace invalid UTF-8 with U+FFFD (with a warning) instead of rejecting the file.
    pub lossy: bool,
    /// Articles per transaction.
    pub batch_size: usize,
    /// Largest input file accepted, in bytes.
    pub max_bytes: u64,
    /// The knowledge base to code with (default: dyad's built-in one).
    pub kb: Option<&'static dyad::kb::KnowledgeBase>,
    /// Counts the articles coded as they are, for a progress display (a batch of one large
    /// JSON-lines file holds thousands of articles).
    pub coded: Option<std::sync::Arc<std::sync::atomic::AtomicU64>>,
}

impl Default for IngestOptions {
    fn default() -> IngestOptions {
        IngestOptions {
            date: None,
            lossy: false,
            batch_size: 64,
            max_bytes: 64 << 20,
            kb: None,
            coded: None,
        }
    }
}

/// What ingestion tells its caller as it goes.
#[derive(Clone, Copy, Debug)]
pub enum Report<'a> {
    /// About to start on this many inputs.
    Start {
        /// Inputs to go through.
        total: usize,
    },
    /// A warning about one input (it was stored all the same).
    Warning(&'a str),
    /// An input that failed (it was not stored); the message names it.
    Error(&'a str),
    /// A batch was committed; `done` inputs of the total have been dealt with.
    Committed {
        /// Inputs dealt with so far (stored, skipped or failed).
        done: usize,
        /// What the committed batches did: what is kept if a later batch fails.
        kept: IngestSummary,
    },
}

/// What an ingestion did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct IngestSummary {
    /// Inputs gone through.
    pub read: usize,
    /// Articles stored.
    pub stored: usize,
    /// Articles skipped because they were already stored (same id or same content).
    pub skipped: usize,
    /// Inputs that could not be read or decoded.
    pub failed: usize,
    /// Event mentions stored.
    pub mentions: usize,
    /// Canonical events created (the other mentions folded into existing ones).
    pub new_events: usize,
}

/// Expands folders into article files the way `dyad code` does
/// ([`dyad::ingest::files::expand`]); standard input is refused, as ingest needs a file to
/// name the article by.
pub fn expand(paths: &[PathBuf]) -> Expanded {
    let mut x = dyad::ingest::files::expand(paths);
    if x.files.iter().any(|p| p.as_os_str() == "-") {
        x.errors
            .push("-: ingest reads files and folders, not standard input".to_string());
        x.files.retain(|p| p.as_os_str() != "-");
    }
    x
}

/// SHA-256 of a text, lower-case hex.
pub fn content_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// The outlet of an article, first found: the outlet its metadata names (`source`: JSON
/// `source`, HTML `og:site_name`), its dateline's agency ("ANKARA, Nov 3 (Reuters) –"), the
/// agency of a byline above the body ("By Jane Doe, Reuters"), the host of its URL
/// ("www.reuters.com" → "reuters.com"); else `None` (never the folder the file is in, which
/// says nothing of who published it).
pub fn outlet(doc: &Document, source: Option<&str>, url: Option<&str>) -> Option<String> {
    let tidy = |s: &str| {
        let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
        (!s.is_empty() && s.chars().count() <= 100).then_some(s)
    };
    if let Some(s) = source.and_then(tidy) {
        return Some(s);
    }
    if let Some(agency) = doc.dateline.as_ref().and_then(|d| d.agency.as_deref()).and_then(tidy) {
        return Some(agency);
    }
    if let Some(agency) = byline_agency(doc) {
        return Some(agency);
    }
    url.and_then(url_host)
}

/// The agency a byline line above the body names after its last comma ("By Jane Doe,
/// Reuters", "By Jane Doe and John Roe, The Associated Press").
fn byline_agency(doc: &Document) -> Option<String> {
    let head = doc.text.get(..doc.body.start)?;
    head.lines().map(str::trim).find_map(|line| {
        let rest = line.strip_prefix("By ").or_else(|| line.strip_prefix("BY "))?;
        let (_, agency) = rest.rsplit_once(',')?;
        let agency = agency.trim().trim_end_matches('.').trim();
        let words = agency.split_whitespace().count();
        let capital = agency.chars().next().is_some_and(char::is_uppercase);
        // not a date or a place with a number ("By Jane Doe, 3 November 2025")
        let plain = !agency.chars().any(|c| c.is_ascii_digit());
        (capital && plain && (1..=4).contains(&words)).then(|| agency.to_string())
    })
}

/// The host of a URL, without `www.` and lower-cased ("https://www.Reuters.com/world/x" →
/// "reuters.com"); `None` for text that is not an http(s) URL.
pub fn url_host(url: &str) -> Option<String> {
    let rest = url.trim();
    let lower = rest.to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &rest[8..]
    } else if lower.starts_with("http://") {
        &rest[7..]
    } else {
        return None;
    };
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    let ok = host.contains('.')
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
    ok.then_some(host)
}

/// The store's own files (database, WAL, shared memory, journal), canonicalised.
fn store_files(db: &str) -> Vec<PathBuf> {
    let Ok(db) = Path::new(db).canonicalize() else {
        return Vec::new();
    };
    let mut out = vec![db.clone()];
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut s = db.clone().into_os_string();
        s.push(suffix);
        out.push(PathBuf::from(s));
    }
    out
}

/// Whether `file` is one of the store's own files (a folder ingested may hold the store).
fn is_own(file: &Path, own: &[PathBuf]) -> bool {
    let Some(db_name) = own.first().and_then(|d| d.file_name()) else {
        return false;
    };
    let named_like = file
        .file_name()
        .is_some_and(|n| n.as_encoded_bytes().starts_with(db_name.as_encoded_bytes()));
    // Only files named like the store are canonicalised; the WAL and shared-memory files may
    // not exist yet, so their folder is compared.
    named_like
        && match (
            file.parent()
                .map(|p| if p.as_os_str().is_empty() { Path::new(".") } else { p }),
            file.file_name(),
        ) {
            (Some(dir), Some(name)) => dir.canonicalize().is_ok_and(|d| own.contains(&d.join(name))),
            _ => false,
        }
}

/// An input read, decoded and hashed.
pub(crate) struct Prepared {
    pub(crate) doc: Document,
    /// What the article is stored under ([`dyad::ingest::files::Identity::key`]).
    pub(crate) key: String,
    pub(crate) hash: String,
    pub(crate) bytes: usize,
    pub(crate) warnings: Vec<String>,
    /// The outlet named by the article's metadata (JSON `source`, HTML `og:site_name`).
    pub(crate) source: Option<String>,
    /// The article's URL, from its metadata.
    pub(crate) url: Option<String>,
}

/// Reads an input's articles (several for a `.jsonl` file), each decoded and hashed or an error.
pub(crate) fn prepare(path: &Path, o: &IngestOptions) -> Vec<std::result::Result<Prepared, String>> {
    dyad::ingest::files::read_all(path, o.max_bytes, o.lossy, o.date)
        .into_iter()
        .map(|r| {
            let loaded = r.map_err(|e| e.to_string())?;
            let hash = content_hash(&loaded.doc.text);
            Ok(Prepared {
                key: loaded.identity.key(&hash),
                hash,
                doc: loaded.doc,
                bytes: loaded.bytes,
                warnings: loaded.warnings,
                source: loaded.source,
                url: loaded.url,
            })
        })
        .collect()
}

/// One batch read and coded, ready to be written (by either backend).
pub(crate) struct Batch {
    /// Inputs in the batch.
    pub(crate) len: usize,
    /// Inputs skipped as already stored.
    pub(crate) skipped: usize,
    /// Inputs that failed, with their messages.
    pub(crate) errors: Vec<String>,
    /// New articles and their coding.
    pub(crate) coded: Vec<(Prepared, dyad::coder::Coded)>,
}

/// What [`produce`] asks a store: which articles it holds already.
pub(crate) trait Stored {
    /// Of `keys`, those stored as article keys.
    fn stored_keys(&self, keys: &[String]) -> Result<HashSet<String>>;
    /// Of `hashes`, those stored as content hashes.
    fn stored_hashes(&self, hashes: &[String]) -> Result<HashSet<String>>;
}

impl Stored for crate::sql::Lite<'_> {
    fn stored_keys(&self, keys: &[String]) -> Result<HashSet<String>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT 1 FROM articles WHERE article = ?1")
            .map_err(|e| crate::sql_error(self.name, e))?;
        let mut out = HashSet::new();
        for k in keys {
            if st.exists([k]).map_err(|e| crate::sql_error(self.name, e))? {
                out.insert(k.clone());
            }
        }
        Ok(out)
    }

    fn stored_hashes(&self, hashes: &[String]) -> Result<HashSet<String>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT 1 FROM articles WHERE content_hash = ?1")
            .map_err(|e| crate::sql_error(self.name, e))?;
        let mut out = HashSet::new();
        for h in hashes {
            if st.exists([h]).map_err(|e| crate::sql_error(self.name, e))? {
                out.insert(h.clone());
            }
        }
        Ok(out)
    }
}

/// Reads, checks and codes one batch (both backends); `known` says what is stored.
pub(crate) fn produce(
    known: &dyn Stored,
    batch: &[&PathBuf],
    o: &IngestOptions,
    coder: &mut Option<Coder<'static>>,
) -> Result<Batch> {
    let mut out = Batch {
        len: batch.len(),
        skipped: 0,
        errors: Vec::new(),
        coded: Vec::new(),
    };
    // 1. Keys already stored. The articles of a JSON-lines file, a feed or a web archive have
    // keys of their own: they are checked below.
    let names: Vec<String> = batch.iter().map(|f| dyad::ingest::files::input_name(f)).collect();
    let single: Vec<String> = names
        .iter()
        .filter(|n| !dyad::ingest::formats::Format::of(n).several())
        .cloned()
        .collect();
    let stored = known.stored_keys(&single)?;
    let mut fresh = Vec::with_capacity(batch.len());
    for (&file, name) in batch.iter().zip(&names) {
        if stored.contains(name) && !dyad::ingest::formats::Format::of(name).several() {
            out.skipped += 1;
        } else {
            fresh.push(file);
        }
    }
    // 2. Read, decode, hash; keys and contents already stored are skipped.
    let prepared: Vec<std::result::Result<Prepared, String>> =
        fresh.par_iter().map(|p| prepare(p, o)).flatten_iter().collect();
    let (keys, hashes): (Vec<String>, Vec<String>) = prepared
        .iter()
        .flatten()
        .map(|p| (p.key.clone(), p.hash.clone()))
        .unzip();
    let (known_keys, known_hashes) = (known.stored_keys(&keys)?, known.stored_hashes(&hashes)?);
    let mut new = Vec::with_capacity(prepared.len());
    let (mut seen_hash, mut seen_key) = (HashSet::new(), HashSet::new());
    for p in prepared {
        match p {
            Ok(p) => {
                if seen_hash.contains(&p.hash)
                    || seen_key.contains(&p.key)
                    || known_hashes.contains(&p.hash)
                    || known_keys.contains(&p.key)
                {
                    out.skipped += 1;
                } else {
                    seen_hash.insert(p.hash.clone());
                    seen_key.insert(p.key.clone());
                    new.push(p);
                }
            }
            Err(e) => out.errors.push(e),
        }
    }
    // 3. Code. The coder is built on first need: a run that only skips does not pay for it.
    if new.is_empty() {
        return Ok(out);
    }
    let coder = coder.get_or_insert_with(|| match o.kb {
        Some(kb) => Coder::with_kb(kb),
        None => Coder::embedded(),
    });
    out.coded = new
        .into_par_iter()
        .map(|p| {
            let c = coder.code_document(&p.doc);
            if let Some(n) = &o.coded {
                n.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            (p, c)
        })
        .collect();
    Ok(out)
}

/// Writes one batch in one transaction.
fn commit(
    store: &mut Store,
    settings: fold::FoldSettings,
    batch: Batch,
    sum: &mut IngestSummary,
    report: &mut dyn FnMut(Report),
) -> Result<()> {
    sum.read += batch.len;
    sum.skipped += batch.skipped;
    sum.failed += batch.errors.len();
    for e in &batch.errors {
        report(Report::Error(e));
    }
    let now = crate::now();
    let path = store.path.clone();
    let wrap = |e| crate::sql_error(&path, e);
    // Immediate: take the write lock now, so a concurrent writer waits instead of failing.
    let tx = store
        .conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(wrap)?;
    let lite = crate::sql::Lite { conn: &tx, name: &path };
    let mut touched = BTreeSet::new();
    // new dated mentions per fold key, folded once the batch's articles are in
    let mut pending: BTreeMap<String, fold::Pending> = BTreeMap::new();
    let (mut created, mut removed) = (0, 0);
    for (p, c) in &batch.coded {
        for w in &p.warnings {
            report(Report::Warning(w));
        }
        let Some(article_id) = insert_article(&tx, p, c.sentences, &now).map_err(wrap)? else {
            // Stored meanwhile (by another process, or earlier in this run under another name).
            sum.skipped += 1;
            continue;
        };
        for e in &c.events {
            let input = FoldInput::of(e);
            let key = input.key(settings.level);
            let rank = fold::fold_rank(
                e.date.as_deref(),
                &p.hash,
                e.sentence as i64,
                e.source.span.start as i64,
                e.target.span.start as i64,
                &e.cameo,
            );
            let id = insert_mention(&tx, article_id, e, &key, rank.as_deref()).map_err(wrap)?;
            match (rank, e.date.as_deref().and_then(crate::dates::EventDate::parse)) {
                (Some(rank), Some(date)) => fold::Pending::note(&mut pending, key, rank, date),
                _ => {
                    touched.insert(fold::found_undated(&lite, id, &key, &input, &now)?);
                    created += 1;
                }
            }
            sum.mentions += 1;
        }
        sum.stored += 1;
    }
    for (key, p) in &pending {
        let f = fold::fold_key(&lite, settings, key, Some(p), &now)?;
        touched.extend(f.touched);
        created += f.created;
        removed += f.removed;
    }
    sum.new_events = (sum.new_events + created).saturating_sub(removed);
    fold::refresh_counts(&lite, &touched)?;
    tx.commit().map_err(wrap)?;
    report(Report::Committed {
        done: sum.read,
        kept: *sum,
    });
    Ok(())
}

/// Codes and stores the articles in `files` (already expanded, see [`expand`]).
///
/// Reading and coding run on a second thread (with its own read-only connection) one batch
/// ahead of the writing, which stays on the calling thread, in input order. Input problems are
/// reported through `report` and counted; the error result is for the store itself failing
/// (disk full, a locked or corrupt database), after which nothing of the current batch is
/// kept.
pub fn ingest(
    store: &mut Store,
    files: &[PathBuf],
    o: &IngestOptions,
    report: &mut dyn FnMut(Report),
) -> Result<IngestSummary> {
    let settings = store.fold_settings()?;
    let mut sum = IngestSummary::default();
    let own = store_files(&store.path);
    let files: Vec<&PathBuf> = files.iter().filter(|f| !is_own(f, &own)).collect();
    report(Report::Start { total: files.len() });
    let size = o.batch_size.max(1);
    let path = store.path.clone();
    let reader = if path == ":memory:" {
        None
    } else {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(&path, flags).map_err(|e| crate::sql_error(&path, e))?;
        conn.busy_timeout(std::time::Duration::from_secs(30))
            .map_err(|e| crate::sql_error(&path, e))?;
        Some(conn)
    };
    let Some(reader) = reader else {
        // In memory: one connection, one thread.
        let mut coder = None;
        for batch in files.chunks(size) {
            let b = produce(&store.lite(), batch, o, &mut coder)?;
            commit(store, settings, b, &mut sum, report)?;
        }
        return Ok(sum);
    };
    std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::sync_channel::<Result<Batch>>(1);
        let files = &files;
        let path = &path;
        scope.spawn(move || {
            let mut coder = None;
            for batch in files.chunks(size) {
                let b = produce(
                    &crate::sql::Lite {
                        conn: &reader,
                        name: path,
                    },
                    batch,
                    o,
                    &mut coder,
                );
                let failed = b.is_err();
                // The writer hung up (it failed): stop.
                if send.send(b).is_err() || failed {
                    break;
                }
            }
        });
        for b in receive {
            commit(store, settings, b?, &mut sum, report)?;
        }
        Ok(sum)
    })
}

/// An article's row in the `articles` table, as both backends store it.
pub(crate) struct ArticleRow {
    pub(crate) key: String,
    pub(crate) title: Option<String>,
    pub(crate) date: Option<String>,
    pub(crate) date_source: String,
    pub(crate) outlet: String,
    pub(crate) dateline: Option<String>,
    pub(crate) hash: String,
    pub(crate) bytes: i64,
    pub(crate) sentences: i64,
    pub(crate) now: String,
    pub(crate) name: String,
    pub(crate) url: Option<String>,
}

/// The row of article `p`, coded into `sentences` sentences, stored at `now`.
pub(crate) fn article_row(p: &Prepared, sentences: usize, now: &str) -> ArticleRow {
    let doc = &p.doc;
    ArticleRow {
        key: p.key.clone(),
        title: doc.title.map(|s| s.of(&doc.text).trim().to_string()),
        date: doc.date.map(crate::dates::iso),
        date_source: serde_json::to_value(doc.date_source)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default(),
        outlet: outlet(doc, p.source.as_deref(), p.url.as_deref()).unwrap_or_default(),
        dateline: doc.dateline.as_ref().map(|d| d.place.clone()).filter(|p| !p.is_empty()),
        hash: p.hash.clone(),
        bytes: p.bytes as i64,
        sentences: sentences as i64,
        now: now.to_string(),
        name: doc.id.clone(),
        url: p
            .url
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .map(str::to_string),
    }
}

/// Inserts an article; `None` when one with the same key or content is already there.
fn insert_article(tx: &Transaction, p: &Prepared, sentences: usize, now: &str) -> rusqlite::Result<Option<i64>> {
    let a = article_row(p, sentences, now);
    tx.prepare_cached(
        "INSERT OR IGNORE INTO articles (article, title, date, date_source, outlet, dateline, content_hash, bytes,
             sentences, ingested_at, name, url)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        a.key,
        a.title,
        a.date,
        a.date_source,
        a.outlet,
        a.dateline,
        a.hash,
        a.bytes,
        a.sentences,
        a.now,
        a.name,
        a.url
    ])
    .map(|n| (n > 0).then(|| tx.last_insert_rowid()))
}

/// Inserts a mention, not yet folded (its event is set by folding); its id.
fn insert_mention(
    tx: &Transaction,
    article_id: i64,
    e: &Event,
    key: &str,
    rank: Option<&str>,
) -> rusqlite::Result<i64> {
    let plover = crate::schema::plover_columns(e.plover.as_ref());
    tx.prepare_cached(
        "INSERT INTO mentions (article_id, sentence, text, date, date_precision,
             source_code, source_country, source_name, source_start, source_end, source_json,
             target_code, target_country, target_name, target_start, target_end, target_json,
             cameo, root, quad_class, goldstein, event_name, evidence, fold_key, fold_rank,
             plover_type, plover_mode, plover_context, plover_aux, location)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
             ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30)",
    )?
    .execute(params![
        article_id,
        e.sentence as i64,
        e.text,
        e.date,
        e.date_precision.map(|p| p.as_str()),
        e.source.code,
        e.source.country,
        e.source.name,
        e.source.span.start as i64,
        e.source.span.end as i64,
        json(&e.source),
        e.target.code,
        e.target.country,
        e.target.name,
        e.target.span.start as i64,
        e.target.span.end as i64,
        json(&e.target),
        e.cameo,
        e.root,
        i64::from(e.quad_class),
        f64::from(e.goldstein),
        e.event_name,
        json(&e.evidence),
        key,
        rank,
        plover[0],
        plover[1],
        plover[2],
        plover[3],
        e.location.as_ref().map(json),
    ])?;
    Ok(tx.last_insert_rowid())
}

/// JSON text of one of the library's records.
pub(crate) fn json<T: serde::Serialize>(v: &T) -> String {
    // Plain structs of strings and numbers always serialise.
    serde_json::to_string(v).unwrap_or_else(|_| "null".to_string())
}

/// [`EventSource::ingest_loaded`] on SQLite.
pub(crate) fn ingest_loaded(
    store: &mut Store,
    loaded: dyad::ingest::files::Loaded,
    coder: &Coder,
) -> Result<(IngestSummary, String)> {
    let settings = store.fold_settings()?;
    let hash = content_hash(&loaded.doc.text);
    let mut sum = IngestSummary::default();
    let stored = store
        .query_opt(
            "SELECT 1 FROM articles WHERE content_hash = ?1",
            &[crate::sql::text(hash.clone())],
        )?
        .is_some();
    if stored {
        sum.read = 1;
        sum.skipped = 1;
        return Ok((sum, hash));
    }
    let coded = coder.code_document(&loaded.doc);
    let batch = Batch {
        len: 1,
        skipped: 0,
        errors: Vec::new(),
        coded: vec![(
            Prepared {
                key: loaded.doc.id.clone(),
                doc: loaded.doc,
                hash: hash.clone(),
                bytes: loaded.bytes,
                warnings: loaded.warnings,
                source: loaded.source,
                url: loaded.url,
            },
            coded,
        )],
    };
    commit(store, settings, batch, &mut sum, &mut |_| {})?;
    Ok((sum, hash))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_sha256_hex() {
        assert_eq!(
            content_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn outlet_is_the_metadata_the_agency_the_byline_or_the_url_host_never_the_folder() {
        let doc = Document::parse(
            "feeds/bbc/a.txt",
            "Title\n\nANKARA, Nov 3 (Reuters) - Turkey said on Monday it would talk.".into(),
            None,
        );
        assert_eq!(outlet(&doc, None, None).as_deref(), Some("Reuters"));
        assert_eq!(outlet(&doc, Some(" BBC  News "), None).as_deref(), Some("BBC News"));
        let plain = Document::parse("feeds/bbc/a.txt", "Title\n\nTurkey said it would talk.".into(), None);
        assert_eq!(outlet(&plain, None, None), None, "the folder names no outlet");
        assert_eq!(
            outlet(&plain, None, Some("https://www.Reuters.com/world/x?y=1")).as_deref(),
            Some("reuters.com")
        );
        let byline = Document::parse(
            "a.txt",
            "Turkey and Greece talk\nBy Jane Doe, Associated Press\n\nTurkey said on Monday it would talk.".into(),
            None,
        );
        assert_eq!(outlet(&byline, None, None).as_deref(), Some("Associated Press"));
        assert_eq!(url_host("ftp://x.org/a"), None);
        assert_eq!(
            url_host("http://user@news.example.org:8080/a").as_deref(),
            Some("news.example.org")
        );
    }
}
