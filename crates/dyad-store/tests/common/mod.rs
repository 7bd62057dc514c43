//! The backends the store's behaviour tests run on: SQLite always, and PostgreSQL when
//! `DYAD_TEST_PG` names a server whose user may create databases (each test makes its own and
//! drops them). Without it the PostgreSQL runs say SKIPPED, unless `DYAD_REQUIRE_PG` is set
//! (CI), which makes that a failure. `scripts/pg-test-server.sh start` starts a throwaway
//! server, as `.ci/run` does.
#![allow(dead_code)]

use dyad_store::{EventSource, OpenMode};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// One backend for one test: it makes the test's stores, and removes them when dropped.
pub struct Backend {
    /// "sqlite" or "postgres", for messages.
    pub name: &'static str,
    test: String,
    dir: PathBuf,
    /// The server's URL, for PostgreSQL.
    admin: Option<String>,
    /// Databases made, to drop.
    made: Mutex<Vec<String>>,
}

/// The backends `test` runs on.
pub fn backends(test: &str) -> Vec<Backend> {
    let dir = |backend: &str| {
        let d = std::env::temp_dir().join(format!("dyad-store-b-{test}-{backend}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    };
    let mut out = vec![Backend {
        name: "sqlite",
        test: test.to_string(),
        dir: dir("sqlite"),
        admin: None,
        made: Mutex::new(Vec::new()),
    }];
    match std::env::var("DYAD_TEST_PG") {
        Ok(admin) if cfg!(feature = "postgres") => out.push(Backend {
            name: "postgres",
            test: test.to_string(),
            dir: dir("postgres"),
            admin: Some(admin),
            made: Mutex::new(Vec::new()),
        }),
        _ => {
            assert!(
                std::env::var_os("DYAD_REQUIRE_PG").is_none(),
                "DYAD_REQUIRE_PG is set but DYAD_TEST_PG is not (or dyad-store lacks the postgres feature)"
            );
            eprintln!(
                "SKIPPED: {test} on PostgreSQL: no server (set DYAD_TEST_PG; scripts/pg-test-server.sh starts one)"
            );
        }
    }
    out
}

impl Backend {
    /// Whether this is the PostgreSQL backend.
    pub fn is_postgres(&self) -> bool {
        self.admin.is_some()
    }

    /// A folder of this backend's for the test's files (removed when it is dropped).
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The store `label` of this test: an SQLite file, or a PostgreSQL database (created
    /// empty the first time).
    pub fn db(&self, label: &str) -> String {
        let Some(admin) = &self.admin else {
            return self.dir.join(format!("{label}.db")).display().to_string();
        };
        let name = format!("dyad_b_{}_{}_{label}", std::process::id(), self.test).to_lowercase();
        let name: String = name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .take(63)
            .collect();
        let mut made = self.made.lock().unwrap();
        if !made.contains(&name) {
            admin_sql(admin, &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
            admin_sql(admin, &format!("CREATE DATABASE {name}"));
            made.push(name.clone());
        }
        let (base, query) = match admin.split_once('?') {
            Some((b, q)) => (b, format!("?{q}")),
            None => (admin.as_str(), String::new()),
        };
        let base = base.rsplit_once('/').map_or(base, |(b, _)| b);
        format!("{base}/{name}{query}")
    }

    /// Opens (creating it when new) the store `label`.
    pub fn open(&self, label: &str) -> Box<dyn EventSource + Send> {
        dyad_store::open(Path::new(&self.db(label)), OpenMode::Create).unwrap_or_else(|e| panic!("{}: {e}", self.name))
    }
}

impl Drop for Backend {
    fn drop(&mut self) {
        if let Some(admin) = &self.admin {
            for name in self.made.lock().map(|m| m.clone()).unwrap_or_default() {
                admin_sql(admin, &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"));
            }
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[cfg(feature = "postgres")]
fn admin_sql(admin: &str, sql: &str) {
    let mut c = postgres::Client::connect(admin, postgres::NoTls).expect("DYAD_TEST_PG connects");
    c.batch_execute(sql).unwrap_or_else(|e| panic!("{sql}: {e}"));
}

#[cfg(not(feature = "postgres"))]
fn admin_sql(_: &str, _: &str) {}
