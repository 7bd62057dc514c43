//! The store end to end: ingestion is idempotent, mentions across articles fold into one
//! event, relations have the documented shape, bad input is skipped without harm.
//!
//! The tests of behaviour run on both backends ([`common::backends`]: SQLite, and PostgreSQL
//! when `DYAD_TEST_PG` names a server); those of SQLite's files and migrations on SQLite.

mod common;

use common::backends;
use dyad_store::query::Order;
use dyad_store::{EventSource, Filter, FoldLevel, FoldSettings, IngestOptions, IngestSummary, PeriodBy, Report, Store};
use std::path::{Path, PathBuf};

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/articles")
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("dyad-store-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Ingests `paths`, returning the summary and the messages reported.
fn run(store: &mut dyn EventSource, paths: &[PathBuf]) -> (IngestSummary, Vec<String>, Vec<String>) {
    let dyad::ingest::files::Expanded { files, errors, .. } = dyad_store::ingest::expand(paths);
    assert!(errors.is_empty(), "{errors:?}");
    let (mut warnings, mut errors) = (Vec::new(), Vec::new());
    let sum = store
        .ingest_files(&files, &IngestOptions::default(), &mut |r| match r {
            Report::Warning(w) => warnings.push(w.to_string()),
            Report::Error(e) => errors.push(e.to_string()),
            _ => {}
        })
        .unwrap();
    (sum, warnings, errors)
}

/// Everything a store holds except timestamps, for comparing two stores.
fn snapshot(store: &dyn EventSource) -> (Vec<String>, Vec<String>) {
    let mut events = Vec::new();
    store
        .each_event(&Filter::default(), Order::Id, &mut |mut e| {
            e.added_at.clear();
            events.push(format!("{e:?}"));
            Ok(())
        })
        .unwrap();
    let mut mentions = Vec::new();
    store
        .export_mentions(
            dyad_store::export::ExportFormat::Jsonl,
            &Filter::default(),
            &mut mentions,
        )
        .unwrap();
    let mentions = String::from_utf8(mentions)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    (events, mentions)
}

#[test]
fn ingesting_the_same_folder_twice_changes_nothing() {
    for b in backends("twice") {
        let dir = b.dir();
        let mut store = b.open("dyad");
        let (first, warnings, errors) = run(store.as_mut(), &[examples()]);
        assert!(errors.is_empty(), "{errors:?}");
        let _ = warnings;
        assert_eq!((first.read, first.stored, first.skipped, first.failed), (8, 8, 0, 0));
        assert!(first.mentions > 40, "{first:?}");
        assert!(first.new_events > 0 && first.new_events <= first.mentions);
        let counts = store.counts().unwrap();
        assert_eq!(counts.articles, 8);
        assert_eq!(counts.mentions, first.mentions as u64);
        assert_eq!(counts.events, first.new_events as u64);
        let before = snapshot(store.as_ref());
        drop(store);

        // A second run, in a new process-like open, skips everything.
        let mut store = b.open("dyad");
        let (second, _, errors) = run(store.as_mut(), &[examples()]);
        assert!(errors.is_empty());
        assert_eq!(
            (second.read, second.stored, second.skipped, second.mentions),
            (8, 0, 8, 0)
        );
        assert_eq!(store.counts().unwrap(), counts);
        assert_eq!(snapshot(store.as_ref()), before);

        // The same texts under other names are skipped by their content hash.
        let copy = dir.join("copy");
        std::fs::create_dir_all(&copy).unwrap();
        for f in std::fs::read_dir(examples()).unwrap() {
            let f = f.unwrap().path();
            std::fs::copy(&f, copy.join(f.file_name().unwrap())).unwrap();
        }
        let (third, _, _) = run(store.as_mut(), &[copy]);
        assert_eq!((third.stored, third.skipped), (0, 8));
        assert_eq!(store.counts().unwrap(), counts);

        // Refolding under the same rules rebuilds the same events.
        store.refold(FoldSettings::default()).unwrap();
        assert_eq!(snapshot(store.as_ref()), before, "{}", b.name);
    }
}

const REUTERS: &str = "Turkey's Fidan visits Cairo for talks on Gaza and Libya
date 2025-03-10

CAIRO, March 10 (Reuters) - Turkish Foreign Minister Hakan Fidan visited Egypt on Monday for talks with his \
Egyptian counterpart Badr Abdelatty on the war in Gaza and the conflict in Libya, the Egyptian foreign ministry said.

The two ministers discussed trade and energy cooperation and agreed to prepare for a meeting of the countries' \
high-level strategic council later this year.
";

const AP: &str = "Turkish foreign minister in Egypt as ties warm
date 2025-03-10

CAIRO (AP) - Turkey's top diplomat Hakan Fidan arrived in Cairo on Monday, the latest sign of a thaw between the \
two regional powers after a decade of hostility.

Fidan visited Egypt to discuss the situation in Gaza with Egyptian officials, a Turkish diplomatic source said. \
He was expected to meet President Abdel Fattah al-Sisi.
";

const AFP: &str = "Fidan in Cairo for Gaza talks
date 2025-03-11

ISTANBUL, March 11 (AFP) - Turkey's Foreign Minister Hakan Fidan visited Egypt on Monday, his ministry said on \
Tuesday, holding talks in Cairo on a ceasefire in Gaza and on regional security.

Ankara and Cairo restored full diplomatic relations in 2023.
";

/// Three outlets report one visit in their own words; the AFP story is a day later.
fn three_reports(dir: &Path) -> PathBuf {
    let news = dir.join("news");
    std::fs::create_dir_all(&news).unwrap();
    for (name, text) in [("reuters.txt", REUTERS), ("ap.txt", AP), ("afp.txt", AFP)] {
        std::fs::write(news.join(name), text).unwrap();
    }
    news
}

#[test]
fn one_visit_reported_by_three_articles_is_one_event() {
    for b in backends("three") {
        let news = three_reports(b.dir());
        let mut store = b.open("dyad");
        let (sum, _, errors) = run(store.as_mut(), std::slice::from_ref(&news));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(sum.stored, 3);

        let visits = store
            .events(&Filter {
                actor: Some("TURGOV".into()),
                code: Some("042".into()),
                ..Filter::default()
            })
            .unwrap();
        let visit: Vec<_> = visits
            .iter()
            .filter(|e| e.source.code.as_deref() == Some("TURGOV") && e.target.code.as_deref() == Some("EGY"))
            .collect();
        assert_eq!(visit.len(), 1, "{visits:#?}");
        let v = visit[0];
        assert_eq!(v.date.as_deref(), Some("2025-03-10"));
        assert_eq!((v.num_mentions, v.num_articles, v.num_sources), (3, 3, 3), "{v:#?}");

        let x = store.explain(v.id).unwrap().unwrap();
        assert_eq!(x.mentions.len(), 3);
        let mut articles: Vec<&str> = x.mentions.iter().map(|m| m.article.as_str()).collect();
        articles.sort();
        articles.dedup();
        assert_eq!(articles.len(), 3);
        let mut outlets: Vec<&str> = x.mentions.iter().map(|m| m.outlet.as_str()).collect();
        outlets.sort();
        assert_eq!(outlets, ["AFP", "AP", "Reuters"]);
        for m in &x.mentions {
            assert!(m.text.contains("Fidan"), "{}", m.text);
            assert!(m.pattern.contains(".txt:"), "{}", m.pattern);
            assert!(!m.fold_reason.is_empty());
        }
        assert!(x.mentions[0].fold_reason.starts_with("first mention"));
        assert!(
            x.mentions[1].fold_reason.contains("same source TURGOV"),
            "{}",
            x.mentions[1].fold_reason
        );

        // Narrower dates (a window of 0) still fold same-day reports; the root level folds at least
        // as much as the full code.
        let full = store.counts().unwrap().events;
        let zero = store
            .refold(FoldSettings {
                level: FoldLevel::Full,
                window_days: 0,
            })
            .unwrap();
        assert!(zero >= full);
        let root = store
            .refold(FoldSettings {
                level: FoldLevel::Root,
                window_days: 1,
            })
            .unwrap();
        assert!(root <= full, "{root} > {full}");
        assert_eq!(store.fold_settings().unwrap().level, FoldLevel::Root);
    }
}

#[test]
fn relations_have_one_object_per_period_with_four_quad_counts() {
    for b in backends("relations") {
        let news = three_reports(b.dir());
        let mut store = b.open("dyad");
        run(store.as_mut(), &[news, examples()]);

        let rel = store.relations("TUR", "EGY", PeriodBy::Month, None, None, 2).unwrap();
        assert!(!rel.periods.is_empty());
        let json = serde_json::to_value(&rel.periods).unwrap();
        let periods = json.as_array().unwrap();
        let mut total = 0;
        for p in periods {
            let label = p["period"].as_str().unwrap();
            assert!(label.len() == 7 && label.as_bytes()[4] == b'-', "{label}");
            let q = p["quad_counts"].as_array().unwrap();
            assert_eq!(q.len(), 4);
            let events = p["events"].as_u64().unwrap();
            assert_eq!(q.iter().map(|v| v.as_u64().unwrap()).sum::<u64>(), events);
            assert!(p["goldstein_sum"].is_number());
            assert!(p["goldstein_mean"].is_number() || events == 0);
            assert!(p["top_events"].as_array().unwrap().len() <= 2);
            for t in p["top_events"].as_array().unwrap() {
                assert!(!t["sentences"].as_array().unwrap().is_empty());
            }
            total += events;
        }
        // Consecutive months, empty ones included, from 2024-02 (Erdogan in Cairo) to 2025-03.
        assert_eq!(periods.first().unwrap()["period"], "2024-02");
        assert_eq!(periods.last().unwrap()["period"], "2025-03");
        assert_eq!(periods.len(), 14);
        // Either direction, both codes: the month-dated events are the total less the coarser ones.
        let all = store
            .events(&Filter {
                country: Some("TUR".into()),
                ..Filter::default()
            })
            .unwrap()
            .into_iter()
            .filter(|e| {
                let egy = |c: &Option<String>| c.as_deref().is_some_and(|c| c.starts_with("EGY"));
                egy(&e.source.code) || egy(&e.target.code)
            })
            .count() as u64;
        assert_eq!(total + rel.too_coarse + rel.undated, all);

        let weeks = store.relations("egy", "tur", PeriodBy::Week, None, None, 1).unwrap();
        assert!(weeks.periods.iter().all(|p| p.period.contains("-W")));
        let years = store.relations("TUR", "EGY", PeriodBy::Year, None, None, 1).unwrap();
        assert_eq!(years.periods.iter().map(|p| p.events).sum::<u64>(), all - years.undated);
        let days = store
            .relations(
                "TUR",
                "EGY",
                PeriodBy::Day,
                "2025-03-01".parse().ok(),
                "2025-03-31".parse().ok(),
                1,
            )
            .unwrap();
        assert_eq!(days.periods.len(), 1);
        assert_eq!(days.periods[0].period, "2025-03-10");
        // a country by name as by code; an unknown one is an error
        let by_name = store
            .relations(
                "Turkey",
                "Egypt",
                PeriodBy::Day,
                "2025-03-01".parse().ok(),
                "2025-03-31".parse().ok(),
                1,
            )
            .unwrap();
        assert_eq!(by_name, days);
        assert!(store.relations("Turkey", "XYZ", PeriodBy::Day, None, None, 1).is_err());
    }
}

#[test]
fn a_binary_file_is_reported_and_skipped_and_stored_data_stays() {
    for b in backends("binary") {
        let dir = b.dir();
        let mut store = b.open("dyad");
        run(store.as_mut(), &[examples()]);
        let before = store.counts().unwrap();
        let snap = snapshot(store.as_ref());

        let more = dir.join("more");
        std::fs::create_dir_all(&more).unwrap();
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend((0..2000u32).map(|i| (i * 37 % 256) as u8));
        std::fs::write(more.join("a_picture.txt"), &png).unwrap();
        std::fs::write(
            more.join("b_latin1.txt"),
            b"Caf\xe9 talks\n\nFrance and Spain met in Paris.\n",
        )
        .unwrap();
        std::fs::write(more.join("c_news.txt"), AP).unwrap();
        let (sum, _, errors) = run(store.as_mut(), &[more]);
        assert_eq!((sum.read, sum.stored, sum.failed), (3, 1, 2), "{sum:?}");
        assert_eq!(errors.len(), 2);
        assert!(
            errors[0].contains("a_picture.txt") && errors[0].contains("binary"),
            "{}",
            errors[0]
        );
        assert!(
            errors[1].contains("b_latin1.txt") && errors[1].contains("UTF-8"),
            "{}",
            errors[1]
        );
        let after = store.counts().unwrap();
        assert_eq!(after.articles, before.articles + 1);
        assert!(after.mentions > before.mentions);
        // What was stored before is untouched: the old events and mentions come first, unchanged.
        let now = snapshot(store.as_ref());
        assert_eq!(now.1[..snap.1.len()], snap.1[..]);
        assert_eq!(now.0[..snap.0.len()], snap.0[..]);
    }
}

#[test]
fn two_writers_at_once_store_each_article_once() {
    for b in backends("writers") {
        // (two new stores at once: the schema is made once)
        let db = b.db("dyad");
        let threads: Vec<_> = (0..2)
            .map(|_| {
                let db = db.clone();
                std::thread::spawn(move || {
                    let mut store = dyad_store::open(Path::new(&db), dyad_store::OpenMode::Create).unwrap();
                    run(store.as_mut(), &[examples()])
                })
            })
            .collect();
        let sums: Vec<IngestSummary> = threads.into_iter().map(|t| t.join().unwrap().0).collect();
        assert_eq!(sums.iter().map(|s| s.stored).sum::<usize>(), 8, "{sums:?}");
        assert_eq!(sums.iter().map(|s| s.skipped).sum::<usize>(), 8, "{sums:?}");
        let store = b.open("dyad");
        assert_eq!(store.counts().unwrap().articles, 8);
        assert_eq!(store.check().unwrap().problems, Vec::<String>::new(), "{}", b.name);
    }
}

#[test]
fn a_store_inside_the_ingested_folder_is_not_read_as_an_article() {
    let dir = temp_dir("inside");
    let folder = dir.join("news");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("ap.txt"), AP).unwrap();
    let mut store = Store::open(folder.join("dyad.db")).unwrap();
    let (sum, _, errors) = run(&mut store, std::slice::from_ref(&folder));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!((sum.read, sum.stored, sum.failed), (1, 1, 0));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_store_in_memory_ingests_like_one_on_disk() {
    let dir = temp_dir("memory");
    let news = three_reports(&dir);
    let mut disk = Store::open(dir.join("dyad.db")).unwrap();
    let mut memory = Store::in_memory().unwrap();
    let (a, _, _) = run(&mut disk, std::slice::from_ref(&news));
    let (b, _, _) = run(&mut memory, std::slice::from_ref(&news));
    assert_eq!(a, b);
    assert_eq!(snapshot(&disk), snapshot(&memory));
    let _ = std::fs::remove_dir_all(&dir);
}

/// The store's article keys and names, sorted by name.
fn keys_and_names(store: &dyn EventSource) -> Vec<(String, String)> {
    store
        .query(
            "SELECT article, name FROM articles ORDER BY name COLLATE BINARY, article COLLATE BINARY",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0).unwrap(), r.get(1).unwrap()))
        .collect()
}

fn jsonl_line(i: usize, extra: &str) -> String {
    format!(
        "{{\"title\": \"Report {i}\", \"text\": \"Turkish President Recep Tayyip Erdogan hosted Greek Prime Minister Kyriakos Mitsotakis in Ankara on day {i}.\", \"date\": \"2024-0{}-10\"{extra}}}\n",
        1 + i % 9
    )
}

#[test]
fn a_line_added_above_jsonl_articles_is_stored_and_the_others_stay_the_same() {
    for b in backends("jsonl_identity") {
        let dir = b.dir();
        let feed = dir.join("feed.jsonl");
        let lines: Vec<String> = (1..=3).map(|i| jsonl_line(i, "")).collect();
        std::fs::write(&feed, lines.concat()).unwrap();
        let mut store = b.open("s");
        let store = store.as_mut();
        let (first, _, errors) = run(store, std::slice::from_ref(&feed));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!((first.stored, first.skipped), (3, 0));

        // A new article on top: the three stored ones are recognised by their content, the new one
        // (shown as line 1, the name line 1 had) is stored.
        std::fs::write(&feed, format!("{}{}", jsonl_line(4, ""), lines.concat())).unwrap();
        let (second, _, errors) = run(store, std::slice::from_ref(&feed));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!((second.read, second.stored, second.skipped), (1, 1, 3));
        let rows = keys_and_names(store);
        assert_eq!(rows.len(), 4);
        let f = feed.display().to_string();
        assert!(
            rows.iter().all(|(key, _)| key.starts_with(&format!("{f}#sha256:"))),
            "{rows:?}"
        );
        // names are the lines each was read from, at the time
        let names: Vec<&str> = rows.iter().map(|(_, n)| n.as_str()).collect();
        assert_eq!(
            names,
            [format!("{f}#1"), format!("{f}#1"), format!("{f}#2"), format!("{f}#3")]
        );

        // An article with an id of its own is that article wherever it stands and whatever its
        // text becomes; another with the same text under another id is the same text, skipped.
        let with_ids = dir.join("ids.jsonl");
        std::fs::write(&with_ids, jsonl_line(5, ", \"id\": \"a5\"")).unwrap();
        let (third, _, _) = run(store, std::slice::from_ref(&with_ids));
        assert_eq!((third.stored, third.skipped), (1, 0));
        std::fs::write(
            &with_ids,
            format!(
                "{}{}",
                jsonl_line(6, ", \"url\": \"https://x/6\""),
                jsonl_line(7, ", \"id\": \"a5\"")
            ),
        )
        .unwrap();
        let (fourth, _, _) = run(store, std::slice::from_ref(&with_ids));
        assert_eq!(
            (fourth.stored, fourth.skipped),
            (1, 1),
            "the edited a5 is not a second a5"
        );
        let keys: Vec<String> = keys_and_names(store).into_iter().map(|(k, _)| k).collect();
        let w = with_ids.display().to_string();
        assert!(keys.contains(&format!("{w}#id:a5")), "{keys:?}");
        assert!(keys.contains(&format!("{w}#url:https://x/6")), "{keys:?}");
        assert_eq!(store.counts().unwrap().articles, 6);
    }
}

#[test]
fn a_version_1_store_keys_its_jsonl_articles_by_content_and_keeps_their_names() {
    let dir = temp_dir("v1");
    let db = dir.join("old.db");
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.execute_batch(dyad_store::schema::MIGRATIONS[0]).unwrap();
        c.execute_batch(&format!(
            "PRAGMA user_version = 1; PRAGMA application_id = {};",
            dyad_store::schema::APPLICATION_ID
        ))
        .unwrap();
        let insert = "INSERT INTO articles (article, title, date, date_source, outlet, content_hash, bytes, sentences, ingested_at)
                      VALUES (?1, 'T', '2024-01-01', 'header', 'x', ?2, 10, 1, '2024-01-01T00:00:00Z')";
        c.execute(insert, ["news/feed.jsonl#12", "aa"]).unwrap();
        c.execute(insert, ["news/FEED.NDJSON#3", "bb"]).unwrap();
        c.execute(insert, ["news/a.txt", "cc"]).unwrap();
        c.execute(insert, ["news/b.jsonl#x", "dd"]).unwrap();
    }
    let store = Store::open(&db).unwrap();
    assert_eq!(
        keys_and_names(&store),
        [
            ("news/FEED.NDJSON#sha256:bb".into(), "news/FEED.NDJSON#3".into()),
            ("news/a.txt".into(), "news/a.txt".into()),
            ("news/b.jsonl#x".into(), "news/b.jsonl#x".into()),
            ("news/feed.jsonl#sha256:aa".into(), "news/feed.jsonl#12".into()),
        ]
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn files_whose_names_are_not_utf8_are_two_articles() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    for b in backends("names") {
        let inputs = b.dir().join("in");
        std::fs::create_dir_all(&inputs).unwrap();
        std::fs::write(inputs.join(OsStr::from_bytes(b"x\xff.txt")), REUTERS).unwrap();
        std::fs::write(inputs.join(OsStr::from_bytes(b"x\xfe.txt")), AP).unwrap();
        let mut store = b.open("s");
        let (sum, _, errors) = run(store.as_mut(), std::slice::from_ref(&inputs));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!((sum.stored, sum.skipped), (2, 0));
        let i = inputs.display().to_string();
        let names: Vec<String> = keys_and_names(store.as_ref()).into_iter().map(|(_, n)| n).collect();
        assert_eq!(names, [format!("{i}/x\\xfe.txt"), format!("{i}/x\\xff.txt")]);
        // and again: both are recognised by name
        let (again, _, _) = run(store.as_mut(), &[inputs]);
        assert_eq!((again.stored, again.skipped), (0, 2));
    }
}

/// The project's articles split in two folders, alternately.
fn two_folders(dir: &Path) -> (PathBuf, PathBuf) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let (a, b) = (dir.join("A"), dir.join("B"));
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    let mut i = 0;
    for folder in [
        "tests/context/articles",
        "tests/dev/articles",
        "tests/dev2/articles",
        "tests/eval/articles",
        "tests/story/articles",
        "examples/articles",
    ] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(folder))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for f in files {
            let to = if i % 2 == 0 { &a } else { &b };
            std::fs::copy(&f, to.join(f.file_name().unwrap())).unwrap();
            i += 1;
        }
    }
    (a, b)
}

/// The canonical events of a store as text, whatever their ids and times: each event's fields,
/// counts, founding mention, and its mentions (article, sentence, code, why folded), sorted.
fn canonical(store: &dyn EventSource) -> Vec<String> {
    let mut events = Vec::new();
    store
        .each_event(&Filter::default(), Order::Id, &mut |e| {
            events.push(e);
            Ok(())
        })
        .unwrap();
    let mut out = Vec::new();
    for e in events {
        let mut ms: Vec<String> = store
            .query(
                "SELECT a.name, m.sentence, m.cameo, m.fold_reason FROM mentions m
                     JOIN articles a ON a.id = m.article_id WHERE m.event_id = ?1",
                &[dyad_store::sql::Value::Integer(e.id)],
            )
            .unwrap()
            .iter()
            .map(|r| {
                format!(
                    "{}#{} {} ({})",
                    r.get::<String>(0).unwrap(),
                    r.get::<i64>(1).unwrap(),
                    r.get::<String>(2).unwrap(),
                    r.get::<String>(3).unwrap()
                )
            })
            .collect();
        ms.sort();
        let mut e = e;
        e.id = 0;
        e.added_at.clear();
        // a store made before locations were kept has none (its mentions were coded
        // without them); folding is what is compared here
        e.location = None;
        // a store of schema version 4 or older kept no URL
        e.url = None;
        out.push(format!("{e:?} {ms:?}"));
    }
    out.sort();
    out
}

fn ingest_with(store: &mut dyn EventSource, paths: &[PathBuf], batch: usize) {
    let files = dyad_store::ingest::expand(paths).files;
    let o = IngestOptions {
        batch_size: batch,
        ..IngestOptions::default()
    };
    store.ingest_files(&files, &o, &mut |_| {}).unwrap();
}

#[test]
fn folding_gives_the_same_events_whatever_the_order_of_arrival() {
    for backend in backends("order") {
        let (a, b) = two_folders(backend.dir());
        let mut ab = backend.open("ab");
        let ab = ab.as_mut();
        ingest_with(ab, std::slice::from_ref(&a), 64);
        ingest_with(ab, std::slice::from_ref(&b), 64);
        let want = canonical(ab);
        assert!(want.len() > 500, "{} events", want.len());
        let counts = ab.counts().unwrap();
        assert!(counts.events < counts.mentions, "some mentions fold: {counts:?}");

        let mut ba = backend.open("ba");
        let ba = ba.as_mut();
        ingest_with(ba, std::slice::from_ref(&b), 64);
        ingest_with(ba, std::slice::from_ref(&a), 64);
        assert_eq!(canonical(ba), want, "B then A");

        // one article per batch, B's last file first
        let mut one = backend.open("one");
        let mut files = dyad_store::ingest::expand(&[b.clone(), a.clone()]).files;
        files.reverse();
        one.ingest_files(
            &files,
            &IngestOptions {
                batch_size: 1,
                ..IngestOptions::default()
            },
            &mut |_| {},
        )
        .unwrap();
        assert_eq!(canonical(one.as_ref()), want, "one article at a time, backwards");

        // folding incrementally equals folding everything at once, ids kept
        let before = snapshot(ba);
        ba.refold(FoldSettings::default()).unwrap();
        assert_eq!(snapshot(ba), before);
        // another level and back
        ba.refold(FoldSettings {
            level: FoldLevel::Root,
            window_days: 3,
        })
        .unwrap();
        assert!(ba.counts().unwrap().events < counts.events);
        ba.refold(FoldSettings::default()).unwrap();
        assert_eq!(canonical(ba), want, "refolded");
    }
}

#[test]
fn a_store_folded_in_arrival_order_is_refolded_in_fold_order_on_opening() {
    let dir = temp_dir("v2-fold");
    let (a, b) = two_folders(&dir);
    let fresh = dir.join("fresh.db");
    {
        let mut s = Store::open(&fresh).unwrap();
        ingest_with(&mut s, &[a, b], 64);
    }
    let want = canonical(&Store::open_read_only(&fresh).unwrap());
    // The same articles and mentions in a version-3 store (the last before folding in fold
    // order), each mention its own event (as an older dyad might have folded them, in some
    // arrival order).
    let old = dir.join("old.db");
    {
        let c = rusqlite::Connection::open(&old).unwrap();
        for sql in &dyad_store::schema::MIGRATIONS[..3] {
            c.execute_batch(sql).unwrap();
        }
        c.execute_batch(&format!(
            "PRAGMA user_version = 3; PRAGMA application_id = {};",
            dyad_store::schema::APPLICATION_ID
        ))
        .unwrap();
        c.execute("ATTACH DATABASE ?1 AS f", [fresh.to_str().unwrap()]).unwrap();
        c.execute_batch(
            "INSERT INTO articles SELECT id, article, title, date, date_source, outlet, dateline, content_hash, bytes,
                 sentences, ingested_at, name FROM f.articles;
             INSERT INTO events (id, fold_key, date, date_precision, date_first, date_last, source_code, source_country,
                 source_name, target_code, target_country, target_name, cameo, root, quad_class, goldstein, event_name,
                 added_at)
               SELECT m.id, 'x', m.date, m.date_precision, NULL, NULL, m.source_code, m.source_country, m.source_name,
                 m.target_code, m.target_country, m.target_name, m.cameo, m.root, m.quad_class, m.goldstein,
                 m.event_name, 'then' FROM f.mentions m;
             INSERT INTO mentions (id, article_id, event_id, sentence, text, date, date_precision, source_code,
                 source_country, source_name, source_start, source_end, source_json, target_code, target_country,
                 target_name, target_start, target_end, target_json, cameo, root, quad_class, goldstein, event_name,
                 evidence, fold_reason)
               SELECT id, article_id, id, sentence, text, date, date_precision, source_code, source_country,
                 source_name, source_start, source_end, source_json, target_code, target_country, target_name,
                 target_start, target_end, target_json, cameo, root, quad_class, goldstein, event_name, evidence,
                 'unfolded' FROM f.mentions ORDER BY random();",
        )
        .unwrap();
    }
    let store = Store::open(&old).unwrap();
    assert_eq!(canonical(&store), want);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_store_from_before_plover_gains_the_plover_columns_filled() {
    let dir = temp_dir("pre-plover");
    let (a, b) = two_folders(&dir);
    let fresh = dir.join("fresh.db");
    {
        let mut s = Store::open(&fresh).unwrap();
        ingest_with(&mut s, &[a, b], 64);
    }
    let want = canonical(&Store::open_read_only(&fresh).unwrap());
    let fresh_store = Store::open_read_only(&fresh).unwrap();
    let assaults = |s: &Store, q: &str| {
        let mut ids = Vec::new();
        s.each_event(
            &Filter {
                plover: Some(q.into()),
                ..Filter::default()
            },
            Order::Id,
            &mut |e| {
                assert!(e.plover.as_ref().is_some_and(|p| p.event_type == "ASSAULT"));
                ids.push(e.id);
                Ok(())
            },
        )
        .unwrap();
        ids
    };
    let want_assaults = assaults(&fresh_store, "ASSAULT");
    assert!(!want_assaults.is_empty());
    // The same store at the version before the PLOVER migration (wherever it stands in the
    // list): every table as that version had it, without the PLOVER columns.
    let at = dyad_store::schema::MIGRATIONS
        .iter()
        .position(|m| *m == dyad_store::schema::V_PLOVER)
        .unwrap();
    let old = dir.join("old.db");
    {
        let c = rusqlite::Connection::open(&old).unwrap();
        for sql in &dyad_store::schema::MIGRATIONS[..at] {
            c.execute_batch(sql).unwrap();
        }
        c.execute_batch(&format!(
            "PRAGMA user_version = {at}; PRAGMA application_id = {};",
            dyad_store::schema::APPLICATION_ID
        ))
        .unwrap();
        c.execute("ATTACH DATABASE ?1 AS f", [fresh.to_str().unwrap()]).unwrap();
        let columns = |table: &str| -> String {
            let mut st = c.prepare(&format!("PRAGMA main.table_info({table})")).unwrap();
            let cols: Vec<String> = st
                .query_map([], |r| r.get::<_, String>(1))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            assert!(!cols.iter().any(|c| c.starts_with("plover")));
            cols.join(", ")
        };
        for t in ["articles", "events", "mentions", "settings"] {
            let cols = columns(t);
            c.execute_batch(&format!("INSERT INTO main.{t} ({cols}) SELECT {cols} FROM f.{t}"))
                .unwrap();
        }
    }
    let store = Store::open(&old).unwrap();
    assert_eq!(canonical(&store), want);
    // every event and mention was coded, as ingestion codes them
    let (null_events, typed): (i64, i64) = store
        .connection()
        .query_row(
            "SELECT sum(plover_type IS NULL AND substr(cameo, 1, 2) <> '01'), sum(plover_type IS NOT NULL) FROM events",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(null_events, 0);
    assert!(typed > 0);
    assert_eq!(assaults(&store, "assault"), want_assaults);
    let all: Vec<String> = {
        let mut v = Vec::new();
        for s in [&fresh_store, &store] {
            let mut one = Vec::new();
            s.each_event(&Filter::default(), Order::Id, &mut |e| {
                one.push(format!("{} {:?}", e.id, e.plover));
                Ok(())
            })
            .unwrap();
            v.push(one.join("\n"));
        }
        v
    };
    assert_eq!(all[0], all[1], "the upgraded store codes PLOVER as ingestion does");
    // a bad PLOVER filter names itself
    let e = store
        .each_event(
            &Filter {
                plover: Some("ASSAULT:phone".into()),
                ..Filter::default()
            },
            Order::Id,
            &mut |_| Ok(()),
        )
        .unwrap_err()
        .to_string();
    assert!(e.contains("plover") && e.contains("aerial"), "{e}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// `n` reports of one visit on `n / 2` days (two a day, three days apart every 25 days), one
/// JSON article each: two fold keys (the visit and its hosting) with more mentions each than
/// folding reads at once.
fn many_visits(dir: &Path, n: usize) -> Vec<PathBuf> {
    let folder = dir.join("visits");
    std::fs::create_dir_all(&folder).unwrap();
    let start: chrono::NaiveDate = "2024-01-01".parse().unwrap();
    (0..n)
        .map(|i| {
            let day = start + chrono::Duration::days((i / 2 + 3 * (i / 50)) as i64);
            let path = folder.join(format!("{i:04}.json"));
            std::fs::write(
                &path,
                format!(
                    "{{\"title\": \"Report {i}\", \"text\": \"Turkish President Recep Tayyip Erdogan visited Greece. This is report number {i} of the series.\", \"date\": \"{day}\"}}"
                ),
            )
            .unwrap();
            path
        })
        .collect()
}

#[test]
fn a_fold_key_with_more_mentions_than_one_read_folds_alike_in_any_order_and_batching() {
    let mut per_backend = Vec::new();
    for b in backends("many") {
        let mut files = many_visits(b.dir(), 1200);
        let o = |batch: usize| IngestOptions {
            batch_size: batch,
            ..IngestOptions::default()
        };
        let mut all = b.open("all");
        all.ingest_files(&files, &o(2000), &mut |_| {}).unwrap();
        let want = canonical(all.as_ref());
        let counts = all.counts().unwrap();
        assert_eq!(counts.articles, 1200);
        assert!(
            counts.mentions >= 2400 && counts.events < counts.mentions / 3,
            "{counts:?}"
        );
        // the same articles backwards, in batches: every batch refolds its keys from its
        // earliest mention on, through more than one read
        files.reverse();
        let mut back = b.open("back");
        back.ingest_files(&files, &o(97), &mut |_| {}).unwrap();
        assert!(canonical(back.as_ref()) == want, "{}: backwards in batches", b.name);
        // and refolded at once
        back.refold(FoldSettings::default()).unwrap();
        assert!(canonical(back.as_ref()) == want, "{}: refolded", b.name);
        assert!(back.check().unwrap().ok());
        per_backend.push(want);
    }
    if let [a, b] = &per_backend[..] {
        let strip = |v: &Vec<String>| -> Vec<String> {
            v.iter()
                .map(|e| e.replace("dyad-store-b-many-postgres", "dyad-store-b-many-sqlite"))
                .collect()
        };
        assert!(strip(a) == strip(b), "the backends fold alike");
    }
}
