//! The PostgreSQL backend against the SQLite one: the same schema (tables and columns), the
//! same version, the same articles, mentions and canonical events from the same input; a
//! failed batch leaves nothing; clear errors for a server that cannot be reached and for a
//! database that is not dyad's.
//!
//! Needs a server: `DYAD_TEST_PG` is a URL whose user may create databases (each test makes
//! its own and drops it); `scripts/pg-test-server.sh start` starts a throwaway one, as
//! `.ci/run` does. Without it the tests say SKIPPED, unless `DYAD_REQUIRE_PG` is set (CI).
#![cfg(feature = "postgres")]

use dyad_store::export::{export_events, ExportFormat};
use dyad_store::pg::PgStore;
use dyad_store::query::{EventSource, Order};
use dyad_store::{ingest, Filter, IngestOptions, Report, Store, StoreError};
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A new, empty database for one test, and its URL; dropped when the guard goes.
struct TestDb {
    admin: String,
    name: String,
    url: String,
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Ok(mut c) = postgres::Client::connect(&self.admin, postgres::NoTls) {
            let _ = c.batch_execute(&format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name));
        }
    }
}

fn test_db(test: &str) -> Option<TestDb> {
    let Ok(admin) = std::env::var("DYAD_TEST_PG") else {
        assert!(
            std::env::var_os("DYAD_REQUIRE_PG").is_none(),
            "DYAD_REQUIRE_PG is set but DYAD_TEST_PG is not"
        );
        eprintln!("SKIPPED: {test}: no PostgreSQL server (set DYAD_TEST_PG; scripts/pg-test-server.sh starts one)");
        return None;
    };
    let name = format!("dyad_t_{}_{test}", std::process::id());
    let mut c = postgres::Client::connect(&admin, postgres::NoTls).expect("DYAD_TEST_PG connects");
    c.batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .unwrap();
    c.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
    let (base, query) = match admin.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (admin.as_str(), String::new()),
    };
    let base = base.rsplit_once('/').map_or(base, |(b, _)| b);
    let url = format!("{base}/{name}{query}");
    Some(TestDb { admin, name, url })
}

fn files(paths: &[PathBuf]) -> Vec<PathBuf> {
    let x = dyad_store::ingest::expand(paths);
    assert!(x.errors.is_empty(), "{:?}", x.errors);
    x.files
}

fn options(batch: usize) -> IngestOptions {
    IngestOptions {
        batch_size: batch,
        ..IngestOptions::default()
    }
}

/// Every canonical event (timestamps left out) and the JSONL export (events with mentions).
fn snapshot(s: &dyn EventSource) -> (Vec<String>, String) {
    let mut events = Vec::new();
    s.each_event(&Filter::default(), Order::Id, &mut |mut e| {
        e.added_at.clear();
        events.push(format!("{e:?}"));
        Ok(())
    })
    .unwrap();
    let mut jsonl = Vec::new();
    export_events(s, ExportFormat::Jsonl, &Filter::default(), &mut jsonl).unwrap();
    let jsonl = String::from_utf8(jsonl)
        .unwrap()
        .lines()
        .map(|l| {
            // added_at is the time of the run
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let mut v = v;
            v["added_at"] = serde_json::Value::Null;
            format!("{v}\n")
        })
        .collect();
    (events, jsonl)
}

#[test]
fn a_corpus_gives_the_same_store_on_both_backends() {
    let Some(db) = test_db("same") else { return };
    let dir = std::env::temp_dir().join(format!("dyad-pg-same-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let story = repo().join("tests/story/articles");
    let examples = repo().join("examples/articles");
    let inputs = files(&[story.clone(), examples.clone()]);

    let mut lite = Store::open(dir.join("s.db")).unwrap();
    let s1 = ingest(&mut lite, &inputs, &options(5), &mut |_| {}).unwrap();
    let mut pg = PgStore::open(&db.url).unwrap();
    let s2 = pg.ingest(&inputs, &options(5), &mut |_| {}).unwrap();
    assert_eq!(s1, s2);
    assert!(s1.stored == inputs.len() && s1.mentions > 100, "{s1:?}");
    assert_eq!(EventSource::counts(&lite).unwrap(), EventSource::counts(&pg).unwrap());
    let (e1, j1) = snapshot(&lite);
    let (e2, j2) = snapshot(&pg);
    assert!(e1.len() < s1.mentions, "reports of one event fold: {} events", e1.len());
    assert_eq!(e1, e2);
    assert!(j1 == j2, "the JSONL exports differ");
    for format in [ExportFormat::Csv, ExportFormat::Gdelt] {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        export_events(&lite, format, &Filter::default(), &mut a).unwrap();
        export_events(&pg, format, &Filter::default(), &mut b).unwrap();
        let strip = |v: Vec<u8>| -> Vec<String> {
            // every field but when the event was stored (CSV added_at, GDELT DATEADDED)
            let stamp = |f: &str| {
                (f.len() == 20 && f.ends_with('Z') && f.as_bytes()[10] == b'T')
                    || (f.len() == 14 && f.bytes().all(|b| b.is_ascii_digit()))
            };
            String::from_utf8(v)
                .unwrap()
                .lines()
                .map(|l| l.split([',', '\t']).filter(|f| !stamp(f)).collect::<Vec<_>>().join("|"))
                .collect()
        };
        assert_eq!(strip(a), strip(b), "{format:?}");
    }
    // Filters mean the same on both.
    let f = Filter {
        country: Some("GRC".into()),
        quad: Some(3),
        ..Filter::default()
    };
    let (mut a, mut b) = (Vec::new(), Vec::new());
    lite.each_event(&f, Order::Date, &mut |e| {
        a.push(e.id);
        Ok(())
    })
    .unwrap();
    pg.each_event(&f, Order::Date, &mut |e| {
        b.push(e.id);
        Ok(())
    })
    .unwrap();
    assert!(!a.is_empty());
    assert_eq!(a, b);

    // Again: everything skipped, nothing changes.
    let again = pg.ingest(&inputs, &options(5), &mut |_| {}).unwrap();
    assert_eq!(again.skipped, inputs.len());
    assert_eq!(snapshot(&pg).0, e2);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn folding_does_not_depend_on_the_order_of_the_inputs() {
    let Some(db) = test_db("order") else { return };
    let mut inputs = files(&[repo().join("tests/story/articles")]);
    let mut lite = Store::in_memory().unwrap();
    ingest(&mut lite, &inputs, &options(64), &mut |_| {}).unwrap();
    inputs.reverse();
    let mut pg = PgStore::open(&db.url).unwrap();
    let (first, second) = inputs.split_at(inputs.len() / 2);
    pg.ingest(first, &options(3), &mut |_| {}).unwrap();
    pg.ingest(second, &options(7), &mut |_| {}).unwrap();
    // Event ids are their founding mention's, which depend on the order; the events do not.
    let strip = |v: Vec<String>| -> Vec<String> {
        let mut v: Vec<String> = v
            .into_iter()
            .map(|e| e[e.find(", date").unwrap()..].to_string())
            .collect();
        v.sort();
        v
    };
    assert_eq!(strip(snapshot(&lite).0), strip(snapshot(&pg).0));
}

#[test]
fn both_backends_have_the_same_tables_columns_and_version() {
    let Some(db) = test_db("schema") else { return };
    let _store = PgStore::open(&db.url).unwrap();
    let lite = Store::in_memory().unwrap();
    let mut c = postgres::Client::connect(&db.url, postgres::NoTls).unwrap();
    for table in ["articles", "events", "mentions", "settings", "watched"] {
        let mut a: Vec<String> = lite
            .connection()
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let mut b: Vec<String> = c
            .query(
                "SELECT column_name::text FROM information_schema.columns WHERE table_name = $1",
                &[&table],
            )
            .unwrap()
            .iter()
            .map(|r| r.get(0))
            .collect();
        a.sort();
        b.sort();
        assert_eq!(
            a, b,
            "columns of {table}: a migration of the SQLite schema needs its PostgreSQL twin"
        );
    }
    let v: i64 = c.query_one("SELECT version FROM dyad_schema", &[]).unwrap().get(0);
    assert_eq!(v, dyad_store::schema::VERSION);
    // Reopening is a no-op; a newer schema is refused.
    drop(PgStore::open_existing(&db.url).unwrap());
    c.batch_execute("UPDATE dyad_schema SET version = version + 1").unwrap();
    let e = PgStore::open(&db.url).unwrap_err();
    assert!(matches!(e, StoreError::NewerSchema { .. }), "{e}");
}

#[test]
fn a_database_that_is_not_dyads_is_refused_and_an_empty_one_is_not_a_store_to_read() {
    let Some(db) = test_db("foreign") else { return };
    let e = PgStore::open_existing(&db.url).unwrap_err();
    assert!(matches!(e, StoreError::Missing { .. }), "{e}");
    let mut c = postgres::Client::connect(&db.url, postgres::NoTls).unwrap();
    c.batch_execute("CREATE TABLE articles (x INT)").unwrap();
    let e = PgStore::open(&db.url).unwrap_err();
    assert!(matches!(e, StoreError::NotAStore { .. }), "{e}");
    let n: i64 = c
        .query_one(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'dyad_schema'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(n, 0, "nothing was created in a foreign database");
}

#[test]
fn a_failed_batch_leaves_nothing_half_written() {
    let Some(db) = test_db("failed") else { return };
    let inputs = files(&[repo().join("tests/story/articles")]);
    let mut pg = PgStore::open(&db.url).unwrap();
    pg.ingest(&inputs[..4], &options(4), &mut |_| {}).unwrap();
    let before = EventSource::counts(&pg).unwrap();
    let (events_before, _) = snapshot(&pg);
    // The server refuses one mention of the next batch (as a full disk or a lost connection would).
    let mut c = postgres::Client::connect(&db.url, postgres::NoTls).unwrap();
    let last: i64 = c.query_one("SELECT max(id) FROM articles", &[]).unwrap().get(0);
    // (the third mention of a new article in the batch)
    c.batch_execute(&format!(
        "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS
           $$ BEGIN IF (SELECT count(*) FROM mentions WHERE article_id > {last}) >= 2
              THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$;
         CREATE TRIGGER refuse BEFORE INSERT ON mentions FOR EACH ROW EXECUTE FUNCTION refuse();"
    ))
    .unwrap();
    let mut committed = 0;
    let e = pg
        .ingest(&inputs[4..], &options(6), &mut |r| {
            if let Report::Committed { .. } = r {
                committed += 1
            }
        })
        .unwrap_err();
    assert!(e.to_string().contains("refused by the test"), "{e}");
    assert!(e.to_string().contains("dyad_t_"), "the message names the database: {e}");
    assert_eq!(committed, 0);
    assert_eq!(EventSource::counts(&pg).unwrap(), before);
    assert_eq!(snapshot(&pg).0, events_before);
    // Once the server takes it, the same run stores the rest.
    c.batch_execute("DROP TRIGGER refuse ON mentions").unwrap();
    let sum = pg.ingest(&inputs, &options(6), &mut |_| {}).unwrap();
    assert_eq!((sum.skipped, sum.stored), (4, inputs.len() - 4));
}

#[test]
fn a_server_that_cannot_be_reached_is_named_without_its_password() {
    // Port 1 on loopback: nothing listens there.
    let e = PgStore::open("postgres://dyad:s3cret@127.0.0.1:1/dyad").unwrap_err();
    let msg = e.to_string();
    assert!(
        msg.starts_with("cannot connect to postgres://dyad:***@127.0.0.1:1/dyad: "),
        "{msg}"
    );
    assert!(!msg.contains("s3cret"), "{msg}");
    assert!(
        msg.to_lowercase().contains("refused") || msg.contains("error connecting"),
        "{msg}"
    );
    let e = PgStore::open("postgres://dyad@%2Fno%2Fsuch%2Fdir/dyad")
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("cannot connect to postgres://dyad@%2Fno%2Fsuch%2Fdir/dyad: "),
        "{e}"
    );
    let e = PgStore::open("postgres://dyad@host:notaport/dyad")
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("cannot connect to "), "{e}");
}

/// A value as JSON text, storage times taken out.
fn json_of<T: serde::Serialize>(v: &T) -> String {
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(m) => {
                if m.contains_key("added_at") {
                    m.insert("added_at".into(), serde_json::Value::Null);
                }
                m.values_mut().for_each(strip);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    let mut v = serde_json::to_value(v).unwrap();
    strip(&mut v);
    v.to_string()
}

/// Every query of the store trait, on both backends: the same answers.
#[test]
fn every_store_query_answers_alike_on_both_backends() {
    use dyad_store::api::{ApiFilter, Cursor};
    use dyad_store::query::PlansAt;
    use dyad_store::{FoldLevel, FoldSettings, PeriodBy};
    let Some(db) = test_db("queries") else { return };
    let inputs = files(&[repo().join("tests/story/articles"), repo().join("examples/articles")]);
    let mut lite: Box<dyn EventSource + Send> = Box::new(Store::in_memory().unwrap());
    let mut pg: Box<dyn EventSource + Send> = Box::new(PgStore::open(&db.url).unwrap());
    for s in [&mut lite, &mut pg] {
        s.ingest_files(&inputs, &options(8), &mut |_| {}).unwrap();
    }
    let both = [lite.as_ref(), pg.as_ref()];
    macro_rules! same {
        ($both:ident, $what:expr, |$s:ident| $e:expr) => {{
            let out: Vec<String> = $both.iter().map(|$s| json_of(&$e.unwrap())).collect();
            assert!(out[0].len() > 2, "{}: {}", $what, out[0]);
            assert!(
                out[0] == out[1],
                "{} differs:\n  sqlite:   {}\n  postgres: {}",
                $what,
                out[0],
                out[1]
            );
            out.into_iter().next().unwrap()
        }};
    }
    let f = |country: &str| Filter {
        country: Some(country.into()),
        ..Filter::default()
    };
    same!(both, "counts", |s| s.counts());
    same!(both, "events", |s| s.events(&Filter::default()));
    same!(both, "events by text", |s| s.events(&Filter {
        text: Some("EARTHQUAKE".into()),
        ..Filter::default()
    }));
    same!(both, "events by place", |s| s.events(&Filter {
        place: Some("athens".into()),
        ..Filter::default()
    }));
    same!(both, "events near", |s| s.events(&Filter {
        near: Some(dyad_store::Near {
            lat: 37.98,
            lon: 23.73,
            km: 50.0,
        }),
        limit: Some(3),
        ..Filter::default()
    }));
    let ids: Vec<i64> = lite.events(&f("GRC")).unwrap().iter().map(|e| e.id).collect();
    assert!(ids.len() > 10);
    for id in ids.iter().take(5) {
        same!(both, "explain", |s| s.explain(*id));
        same!(both, "event detail", |s| s.event_detail(*id));
        same!(both, "sentences", |s| s.sentences(*id, 3));
        same!(both, "mention briefs", |s| s.mention_briefs(*id));
    }
    assert!(pg.explain(i64::MAX).unwrap().is_none());
    same!(both, "actors", |s| s.actors(&Filter::default()));
    same!(both, "actors of TUR", |s| s.actors(&Filter {
        limit: Some(5),
        ..f("TUR")
    }));
    same!(both, "relations", |s| s.relations(
        "TUR",
        "GRC",
        PeriodBy::Month,
        None,
        None,
        3
    ));
    same!(both, "relations by week, planned", |s| s.relations_at(
        "Greece",
        "Turkey",
        PeriodBy::Week,
        "2023-02-01".parse().ok(),
        "2024-06-30".parse().ok(),
        2,
        PlansAt::Planned
    ));
    for format in [ExportFormat::Csv, ExportFormat::Jsonl] {
        let out: Vec<Vec<u8>> = both
            .iter()
            .map(|s| {
                let mut w = Vec::new();
                s.export_mentions(format, &f("GRC"), &mut w).unwrap();
                w
            })
            .collect();
        assert!(out[0].len() > 1000);
        assert!(out[0] == out[1], "{format:?} mention exports differ");
    }
    // the API's queries
    let page = same!(both, "a page", |s| s.event_page(&ApiFilter::default(), None, 20));
    let next: serde_json::Value = serde_json::from_str(&page).unwrap();
    let cursor = Cursor::parse(next["next"].as_str().unwrap()).unwrap();
    same!(both, "the next page", |s| s.event_page(
        &ApiFilter::default(),
        Some(&cursor),
        500
    ));
    same!(both, "a pair's page", |s| s.event_page(
        &ApiFilter {
            filter: f("TUR"),
            pair: Some(("TUR".into(), "GRC".into())),
        },
        None,
        5
    ));
    same!(both, "last day", |s| s.last_event_day());
    same!(both, "dyads", |s| s.dyads(None, None, 10));
    same!(both, "dyads of 2023", |s| s.dyads(
        "2023-01-01".parse().ok(),
        "2023-12-31".parse().ok(),
        3
    ));
    same!(both, "counterparts", |s| s.counterparts("TUR", &Filter::default(), 10));
    same!(both, "has country", |s| s.has_country("GRC"));
    assert!(!pg.has_country("ZZZ").unwrap());
    let name = inputs[0].display().to_string();
    let hash = same!(both, "article hash", |s| s.article_hash(&name));
    let hash: String = serde_json::from_str(&hash).unwrap();
    same!(both, "article by hash", |s| s.article_by_hash(&hash));
    same!(both, "has article", |s| s.has_article(&name));
    // check, refold, watch state and an article posted: writes, alike
    let check = same!(both, "check", |s| s.check());
    assert!(check.contains("\"problems\":[]"), "{check}");
    let root = FoldSettings {
        level: FoldLevel::Root,
        window_days: 3,
    };
    let refolded: Vec<u64> = [&mut lite, &mut pg]
        .into_iter()
        .map(|s| s.refold(root).unwrap())
        .collect();
    assert_eq!(refolded[0], refolded[1]);
    let both = [lite.as_ref(), pg.as_ref()];
    same!(both, "settings", |s| s.fold_settings().map(|x| format!("{x:?}")));
    same!(both, "events refolded", |s| s.events(&Filter::default()));
    same!(both, "check after refold", |s| s.check());
    let marks = [(
        "in/a.txt".to_string(),
        dyad_store::watch::FileState {
            size: 10,
            mtime_ns: 1_700_000_000_000_000_000,
        },
    )];
    for s in [&mut lite, &mut pg] {
        s.mark_watched(&marks, "2025-01-01T00:00:00Z").unwrap();
        s.mark_watched(&marks, "2025-01-02T00:00:00Z").unwrap();
        let w = s.watched().unwrap();
        assert_eq!(w.len(), 1);
        assert_eq!(w["in/a.txt"], marks[0].1);
    }
    let coder = dyad::coder::Coder::embedded();
    let body = br#"{"title":"Baku","text":"Iran and Azerbaijan signed seven agreements in Baku on Monday.","date":"2025-04-28"}"#;
    let posted: Vec<String> = [&mut lite, &mut pg]
        .into_iter()
        .map(|s| {
            let mut loaded = dyad::ingest::files::parse_all("body.json", body, false, None);
            let mut l = loaded.remove(0).unwrap();
            l.doc.id = "api/one".into();
            let (sum, hash) = s.ingest_loaded(l, &coder).unwrap();
            assert_eq!((sum.stored, sum.skipped), (1, 0));
            let again = dyad::ingest::files::parse_all("body.json", body, false, None)
                .remove(0)
                .unwrap();
            assert_eq!(s.ingest_loaded(again, &coder).unwrap().0.skipped, 1);
            json_of(&s.article_by_hash(&hash).unwrap())
        })
        .collect();
    assert!(posted[0].contains("\"057\""), "{}", posted[0]);
    assert_eq!(posted[0], posted[1]);
}

/// Rows are streamed: a query made while another's rows are read is an error naming it (not a
/// panic), and the connection answers afterwards.
#[test]
fn a_query_inside_the_rows_of_another_is_an_error_and_the_connection_stays_usable() {
    use dyad_store::Sql;
    let Some(db) = test_db("nested") else { return };
    let mut pg = PgStore::open(&db.url).unwrap();
    pg.ingest(&files(&[repo().join("examples/articles")]), &options(8), &mut |_| {})
        .unwrap();
    let err = pg
        .query_each("SELECT id FROM events", &[], &mut |_| {
            EventSource::counts(&pg).map(|_| ())
        })
        .unwrap_err();
    assert!(err.to_string().contains("while the rows of another"), "{err}");
    assert!(EventSource::counts(&pg).unwrap().events > 0);
    let mut n = 0;
    pg.query_each("SELECT id FROM mentions", &[], &mut |_| {
        n += 1;
        Ok(())
    })
    .unwrap();
    assert_eq!(n, EventSource::counts(&pg).unwrap().mentions);
}
