//! The state of `dyad watch`: which input files it has ingested, as they were (size and
//! modification time), kept in the store itself (table `watched`, [`crate::schema`]) so a
//! watcher that is stopped or killed and started again neither loses nor repeats anything:
//! a file is marked only after its articles are committed, and articles already stored are
//! skipped by their keys (a feed's items by their URLs), so a file read twice adds nothing.

use crate::query::EventSource;
use crate::sql::Value;
use crate::Result;
use std::collections::HashMap;

/// What a watched file was when it was last ingested.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileState {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    pub mtime_ns: i64,
}

/// [`EventSource::watched`].
pub(crate) fn watched<S: EventSource + ?Sized>(s: &S) -> Result<HashMap<String, FileState>> {
    s.query("SELECT path, size, mtime_ns FROM watched", &[])?
        .iter()
        .map(|r| {
            Ok((
                r.get::<String>(0)?,
                FileState {
                    size: r.get::<i64>(1)? as u64,
                    mtime_ns: r.get(2)?,
                },
            ))
        })
        .collect()
}

/// [`EventSource::mark_watched`].
pub(crate) fn mark_watched<S: EventSource + ?Sized>(s: &S, files: &[(String, FileState)], now: &str) -> Result<()> {
    s.write_transaction(&mut || {
        for (name, st) in files {
            s.execute(
                "INSERT INTO watched (path, size, mtime_ns, ingested_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (path) DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns,
                    ingested_at = excluded.ingested_at",
                &[
                    Value::Text(name.clone()),
                    Value::Integer(st.size as i64),
                    Value::Integer(st.mtime_ns),
                    Value::Text(now.to_string()),
                ],
            )?;
        }
        Ok(())
    })
}
