//! The state of `dyad watch`: which input files it has ingested, as they were (size and
//! modification time), kept in the store itself (table `watched`, [`crate::schema`]) so a
//! watcher that is stopped or killed and started again neither loses nor repeats anything:
//! a file is marked only after its articles are committed, and articles already stored are
//! skipped by their keys (a feed's items by their URLs), so a file read twice adds nothing.

use crate::{Result, Store};
use rusqlite::params;
use std::collections::HashMap;

/// What a watched file was when it was last ingested.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileState {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    pub mtime_ns: i64,
}

impl Store {
    /// Every watched file's state, by input name.
    pub fn watched(&self) -> Result<HashMap<String, FileState>> {
        let mut st = self
            .conn
            .prepare("SELECT path, size, mtime_ns FROM watched")
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    FileState {
                        size: r.get::<_, i64>(1)? as u64,
                        mtime_ns: r.get(2)?,
                    },
                ))
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<HashMap<_, _>>>()
            .map_err(|e| self.err(e))
    }

    /// Marks files as ingested in the state given, in one transaction.
    pub fn mark_watched(&mut self, files: &[(String, FileState)], now: &str) -> Result<()> {
        let path = self.path.clone();
        let tx = self.conn.transaction().map_err(|e| crate::sql_error(&path, e))?;
        {
            let mut st = tx
                .prepare_cached(
                    "INSERT INTO watched (path, size, mtime_ns, ingested_at) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (path) DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns,
                        ingested_at = excluded.ingested_at",
                )
                .map_err(|e| crate::sql_error(&path, e))?;
            for (name, s) in files {
                st.execute(params![name, s.size as i64, s.mtime_ns, now])
                    .map_err(|e| crate::sql_error(&path, e))?;
            }
        }
        tx.commit().map_err(|e| crate::sql_error(&path, e))
    }
}
