//! One SQL interface over both backends: statements are written once, in the SQL both
//! SQLite and PostgreSQL read (with SQLite's `?N` placeholders), rows come back as [`Value`]s.
//! The SQLite backend runs them as they are; the PostgreSQL backend ([`crate::pg`]) rewrites
//! the few spellings that differ ([`crate::pg::dialect`]): `?N` → `$N`,
//! `json_extract(x, '$.k')` → `(x::json ->> 'k')`, `LIKE` → `ILIKE` (SQLite's LIKE ignores
//! ASCII case), `x = ?N COLLATE NOCASE` → `lower(x) = lower($N)`, `COLLATE BINARY` →
//! `COLLATE "C"`, and SQLite's unary `+` (use no index) on `e.date_first` dropped; its
//! booleans read as integers 0 and 1, as SQLite stores them, and a parameter is converted to
//! the type PostgreSQL infers for it.
//!
//! Statements keep to what both read: `IS [NOT] DISTINCT FROM` (not `IS`), `TRUE`, upserts
//! with `ON CONFLICT`, `CASE` (not a boolean summed), `CAST(... AS DOUBLE PRECISION)`, and
//! `COLLATE BINARY` where the order of texts matters (PostgreSQL's default collation is the
//! database's locale).

use crate::{Result, StoreError};
use rusqlite::Connection;
use std::sync::Arc;

pub use rusqlite::types::Value;

/// One row of a result.
#[derive(Clone, Debug)]
pub struct Row {
    values: Vec<Value>,
    store: Arc<str>,
}

/// A type a column can be read as.
pub trait FromValue: Sized {
    /// The value as `Self`, or `None` when it is not one.
    fn from_value(v: &Value) -> Option<Self>;
    /// What it is, for messages.
    const WHAT: &'static str;
}

impl FromValue for i64 {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Integer(i) => Some(*i),
            _ => None,
        }
    }
    const WHAT: &'static str = "an integer";
}

impl FromValue for u8 {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Integer(i) => u8::try_from(*i).ok(),
            _ => None,
        }
    }
    const WHAT: &'static str = "an integer from 0 to 255";
}

impl FromValue for f64 {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Real(r) => Some(*r),
            Value::Integer(i) => Some(*i as f64),
            _ => None,
        }
    }
    const WHAT: &'static str = "a number";
}

impl FromValue for bool {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Integer(i) => Some(*i != 0),
            _ => None,
        }
    }
    const WHAT: &'static str = "a boolean";
}

impl FromValue for String {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Text(s) => Some(s.clone()),
            _ => None,
        }
    }
    const WHAT: &'static str = "a text";
}

impl<T: FromValue> FromValue for Option<T> {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Null => Some(None),
            v => T::from_value(v).map(Some),
        }
    }
    const WHAT: &'static str = T::WHAT;
}

impl Row {
    /// A row of `values` read from the store named `store`.
    pub(crate) fn new(values: Vec<Value>, store: Arc<str>) -> Row {
        Row { values, store }
    }

    /// Column `i` as a `T`; a missing column or a value of another type is
    /// [`StoreError::Corrupt`].
    pub fn get<T: FromValue>(&self, i: usize) -> Result<T> {
        let v = self.values.get(i).ok_or_else(|| StoreError::Corrupt {
            path: self.store.to_string(),
            what: format!("a query read column {i} of a row of {} columns", self.values.len()),
        })?;
        T::from_value(v).ok_or_else(|| StoreError::Corrupt {
            path: self.store.to_string(),
            what: format!("column {i}: expected {}, found {v:?}", T::WHAT),
        })
    }

    /// How many columns the row has.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether the row has no column.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
}

/// SQL on a store, whichever its backend (see the module documentation for the dialect).
pub trait Sql {
    /// The store's name in messages (a file, or a URL without its password).
    fn name(&self) -> &str;

    /// Whether the store is a PostgreSQL database.
    fn is_postgres(&self) -> bool {
        false
    }

    /// Runs a query, passing each row to `each` in order, as the rows come (`each` may not
    /// query the same store meanwhile: on PostgreSQL that is an error; [`Sql::query`] reads
    /// the rows first).
    fn query_each(&self, sql: &str, params: &[Value], each: &mut dyn FnMut(Row) -> Result<()>) -> Result<()>;

    /// Runs a statement that returns no rows; how many rows it changed.
    fn execute(&self, sql: &str, params: &[Value]) -> Result<u64>;

    /// Runs `f` in one transaction that writers take in turn, committed when `f` succeeds and
    /// rolled back when it fails.
    fn write_transaction(&self, f: &mut dyn FnMut() -> Result<()>) -> Result<()>;

    /// Every row of a query.
    fn query(&self, sql: &str, params: &[Value]) -> Result<Vec<Row>> {
        let mut out = Vec::new();
        self.query_each(sql, params, &mut |r| {
            out.push(r);
            Ok(())
        })?;
        Ok(out)
    }

    /// The first row of a query, if any.
    fn query_opt(&self, sql: &str, params: &[Value]) -> Result<Option<Row>> {
        Ok(self.query(sql, params)?.into_iter().next())
    }

    /// The first row of a query, which must have one.
    fn query_one(&self, sql: &str, params: &[Value]) -> Result<Row> {
        self.query_opt(sql, params)?.ok_or_else(|| StoreError::Corrupt {
            path: self.name().to_string(),
            what: "a query that returns one row returned none".to_string(),
        })
    }
}

/// Text as a parameter.
pub(crate) fn text(s: impl Into<String>) -> Value {
    Value::Text(s.into())
}

/// An optional text as a parameter.
pub(crate) fn opt_text(s: Option<impl Into<String>>) -> Value {
    s.map_or(Value::Null, |s| Value::Text(s.into()))
}

/// An integer as a parameter.
pub(crate) fn int(i: i64) -> Value {
    Value::Integer(i)
}

/// An SQLite connection (a store's, or a transaction's) as [`Sql`].
pub(crate) struct Lite<'a> {
    pub(crate) conn: &'a Connection,
    pub(crate) name: &'a str,
}

impl Sql for Lite<'_> {
    fn name(&self) -> &str {
        self.name
    }

    fn query_each(&self, sql: &str, params: &[Value], each: &mut dyn FnMut(Row) -> Result<()>) -> Result<()> {
        let wrap = |e| crate::sql_error(self.name, e);
        let mut st = self.conn.prepare_cached(sql).map_err(wrap)?;
        let n = st.column_count();
        let store: Arc<str> = Arc::from(self.name);
        let mut rows = st.query(rusqlite::params_from_iter(params.iter())).map_err(wrap)?;
        while let Some(r) = rows.next().map_err(wrap)? {
            let mut values = Vec::with_capacity(n);
            for i in 0..n {
                values.push(r.get::<_, Value>(i).map_err(wrap)?);
            }
            each(Row::new(values, store.clone()))?;
        }
        Ok(())
    }

    fn execute(&self, sql: &str, params: &[Value]) -> Result<u64> {
        let wrap = |e| crate::sql_error(self.name, e);
        let mut st = self.conn.prepare_cached(sql).map_err(wrap)?;
        st.execute(rusqlite::params_from_iter(params.iter()))
            .map(|n| n as u64)
            .map_err(wrap)
    }

    fn write_transaction(&self, f: &mut dyn FnMut() -> Result<()>) -> Result<()> {
        let wrap = |e| crate::sql_error(self.name, e);
        // Immediate: take the write lock now, so a concurrent writer waits instead of failing.
        self.conn.execute_batch("BEGIN IMMEDIATE").map_err(wrap)?;
        match f() {
            Ok(()) => self.conn.execute_batch("COMMIT").map_err(|e| {
                let _ = self.conn.execute_batch("ROLLBACK");
                wrap(e)
            }),
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }
}
