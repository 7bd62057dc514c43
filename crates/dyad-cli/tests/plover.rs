//! PLOVER from the command line: `dyad code --format plover` in POLECAT's shape, `plover` on
//! every JSONL event, `--aux`, `dyad events --plover`, and `dyad validate --plover` on the
//! PLOVER gold-standard records in ../shared (skipped, saying so, when they are absent).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn dyad(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .output()
        .expect("dyad runs")
}

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/articles")
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("dyad-plover-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn lines(out: &Output) -> Vec<serde_json::Value> {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

const TYPES: [&str; 16] = [
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
];

#[test]
fn format_plover_writes_the_documented_shape() {
    let ex = examples();
    let records = lines(&dyad(&["code", "-q", "--format", "plover", ex.to_str().unwrap()]));
    assert!(records.len() > 10, "{}", records.len());
    let keys = [
        "event_id",
        "story_id",
        "sentence_number",
        "event_date",
        "date_precision",
        "event_type",
        "event_mode",
        "contexts",
        "aux",
        "actor",
        "recipient",
        "location",
        "event_text",
        "event_anchor",
        "cameo",
    ];
    let mut ids = std::collections::HashSet::new();
    for r in &records {
        let o = r.as_object().unwrap();
        let mut have: Vec<&str> = o.keys().map(String::as_str).collect();
        have.sort();
        let mut want = keys.to_vec();
        want.sort();
        assert_eq!(have, want, "{r}");
        assert!(ids.insert(r["event_id"].as_str().unwrap().to_string()), "unique ids");
        assert!(TYPES.contains(&r["event_type"].as_str().unwrap()), "{r}");
        assert!(r["event_mode"].is_null() || r["event_mode"].is_string());
        assert!(r["sentence_number"].is_u64());
        assert!(!r["event_text"].as_str().unwrap().is_empty());
        assert!(!r["event_anchor"].as_str().unwrap().is_empty());
        assert!(r["contexts"].is_array() && r["aux"].is_array() && r["cameo"].is_array());
        let actors = r["actor"].as_array().unwrap();
        assert!(!actors.is_empty(), "{r}");
        for e in actors.iter().chain(r["recipient"].as_array().unwrap()) {
            let e = e.as_object().unwrap();
            for k in ["name", "code", "country", "sector"] {
                assert!(e.contains_key(k), "{k} in {e:?}");
            }
        }
        if let Some(loc) = r["location"].as_object() {
            assert!(loc["name"].is_string() && loc["country"].is_string());
        }
    }
    // the Sisi visit: the visitor is the actor and the host the recipient, one record for
    // CAMEO's visit and host events
    let visit = records
        .iter()
        .find(|r| {
            r["event_type"] == "CONSULT"
                && r["event_mode"] == "visit"
                && r["story_id"].as_str().unwrap().contains("turkey_egypt")
                && r["cameo"].as_array().unwrap().len() == 2
        })
        .expect("the visit to Ankara");
    assert_eq!(visit["actor"][0]["country"], "EGY", "{visit}");
    assert_eq!(visit["recipient"][0]["country"], "TUR", "{visit}");
    // every JSONL event carries plover
    let events = lines(&dyad(&["code", "-q", ex.to_str().unwrap()]));
    for e in &events {
        let p = e.get("plover").unwrap_or_else(|| panic!("plover in {e}"));
        if p.is_null() {
            assert!(e["cameo"].as_str().unwrap().starts_with("01"), "{e}");
        } else {
            assert!(TYPES.contains(&p["type"].as_str().unwrap()));
            assert!(p["context"].is_array() && p["aux"].is_array());
        }
    }
}

#[test]
fn aux_emits_negated_and_hypothetical_acts_only_when_asked() {
    let dir = temp_dir("aux");
    let f = dir.join("a.txt");
    std::fs::write(
        &f,
        "Talks\ndate 2024-05-02\n\nTurkish Foreign Minister Hakan Fidan did not visit Athens on Monday. \
         The European Union could impose sanctions on Iran. Russia will expel two Estonian diplomats.\n",
    )
    .unwrap();
    let plain = lines(&dyad(&["code", "-q", f.to_str().unwrap()]));
    assert!(plain
        .iter()
        .all(|e| e["evidence"]["mood"] != "negated" && e["evidence"]["mood"] != "hypothetical"));
    let aux = lines(&dyad(&["code", "-q", "--aux", f.to_str().unwrap()]));
    let negated = aux
        .iter()
        .find(|e| e["evidence"]["mood"] == "negated")
        .expect("the visit that did not happen");
    assert_eq!(negated["plover"]["type"], "CONSULT");
    assert_eq!(negated["plover"]["aux"], serde_json::json!(["negation"]));
    let hypo = aux
        .iter()
        .find(|e| e["evidence"]["mood"] == "hypothetical")
        .expect("the sanctions that could come");
    assert_eq!(hypo["plover"]["type"], "SANCTION");
    assert_eq!(hypo["plover"]["aux"], serde_json::json!(["hypothetical"]));
    // a planned expulsion is coded in both runs, with PLOVER's future mode
    for run in [&plain, &aux] {
        let planned = run
            .iter()
            .find(|e| e["plover"]["type"] == "SANCTION" && e["evidence"]["mood"] == "intent")
            .expect("the planned expulsion");
        assert_eq!(planned["plover"]["aux"], serde_json::json!(["future"]));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn events_filter_by_plover_type_and_mode() {
    let dir = temp_dir("events");
    let db = dir.join("s.db");
    let ex = examples();
    let out = dyad(&["ingest", "-q", "--db", db.to_str().unwrap(), ex.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let db = db.to_str().unwrap();
    let all = lines(&dyad(&["events", "--db", db, "--format", "jsonl"]));
    let assaults = lines(&dyad(&[
        "events", "--db", db, "--format", "jsonl", "--plover", "ASSAULT",
    ]));
    assert!(!assaults.is_empty());
    assert!(assaults.len() < all.len());
    assert!(assaults.iter().all(|e| e["plover"]["type"] == "ASSAULT"));
    assert_eq!(
        assaults.len(),
        all.iter().filter(|e| e["plover"]["type"] == "ASSAULT").count()
    );
    let csv = dyad(&["export", "--db", db, "--format", "csv"]);
    let text = String::from_utf8_lossy(&csv.stdout);
    let header = text.lines().next().unwrap();
    assert!(
        header.ends_with("plover_type,plover_mode,plover_context,plover_aux"),
        "{header}"
    );
    assert!(text.contains(",ASSAULT,"));
    let mentions = dyad(&["export", "--db", db, "--format", "csv", "--mentions"]);
    let text = String::from_utf8_lossy(&mentions.stdout);
    assert!(text
        .lines()
        .next()
        .unwrap()
        .ends_with("fold_reason,plover_type,plover_mode,plover_context,plover_aux"));
    let mentions = lines(&dyad(&["export", "--db", db, "--format", "jsonl", "--mentions"]));
    assert!(mentions.iter().any(|m| m["plover"]["type"] == "ASSAULT"));
    assert!(mentions
        .iter()
        .all(|m| m["plover"].is_object() || m["cameo"].as_str().unwrap().starts_with("01")));
    let bad = dyad(&["events", "--db", db, "--plover", "FIGHTING"]);
    assert!(!bad.status.success());
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(err.contains("plover") && err.contains("ASSAULT"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Type accuracy on the 191 development records, measured when this test was written; the
/// test fails if dyad falls below it (the issue's target is 85%: see the notes).
const TYPE_CORRECT_FLOOR: u64 = 100;

/// Source-and-target accuracy on the same records, measured likewise (target 75%).
const ACTORS_CORRECT_FLOOR: u64 = 88;

#[test]
fn validate_plover_on_the_gold_standard_records() {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/conformance/plover/PLOVER_GSR_CAMEO.dev.json");
    if !p.is_file() {
        eprintln!("SKIPPED: ../shared/conformance/plover is absent (the PLOVER gold-standard records sit beside the checkout in CI)");
        return;
    }
    let out = dyad(&["validate", "--plover", p.to_str().unwrap(), "--json"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let last = stdout.lines().last().unwrap();
    let s: serde_json::Value = serde_json::from_str(last).unwrap();
    assert_eq!(s["records"], 191);
    let (t, m, a, produced) = (
        s["type_correct"].as_u64().unwrap(),
        s["mode_correct"].as_u64().unwrap(),
        s["actors_correct"].as_u64().unwrap(),
        s["produced"].as_u64().unwrap(),
    );
    eprintln!("PLOVER dev records: type {t}/191, mode {m}, actors {a}, produced {produced}");
    assert!(t >= TYPE_CORRECT_FLOOR, "type accuracy fell: {t}");
    assert!(a >= ACTORS_CORRECT_FLOOR, "source and target accuracy fell: {a}");
    assert!(m <= t && t <= produced && produced <= 191);
    // every failing record is shown with what was expected and what came out
    let fails = stdout.lines().filter(|l| l.starts_with("FAIL ")).count() as u64;
    assert!(fails > 0 && fails == stdout.matches("  expected: ").count() as u64);
    assert!(stdout.lines().any(|l| l.contains("records: type")));
}

#[test]
fn validate_plover_reads_records_and_refuses_bad_files() {
    let dir = temp_dir("validate");
    let good = dir.join("gold.json");
    std::fs::write(
        &good,
        r#"[{"id": "DOC", "event": "DOCUMENT"},
            {"id": "X-1", "event": "DISAPPROVE", "text": "Turkey criticised Greece on Monday.",
             "source": [{"actorText": "Turkey", "code": "TUR"}], "target": [{"actorText": "Greece", "code": "GRC"}],
             "textInfo": {"markup": "(SRC: Turkey) (EVT: criticised) (TAR: Greece) on Monday."}},
            {"id": "X-2", "event": "FIGHT", "mode": "heavy-weapons", "text": "The weather was fine in Athens.",
             "source": [{"actorText": "Turkey", "code": "TUR"}], "target": ""}]"#,
    )
    .unwrap();
    let out = dyad(&["validate", "--plover", good.to_str().unwrap(), "--json"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "one record fails");
    assert!(stdout.contains("FAIL X-2"), "{stdout}");
    assert!(stdout.contains("expected: ASSAULT heavy-weapons TUR → -"), "{stdout}");
    assert!(stdout.contains("no PLOVER event produced"), "{stdout}");
    assert!(!stdout.contains("FAIL X-1"), "{stdout}");
    let last: serde_json::Value = serde_json::from_str(stdout.lines().last().unwrap()).unwrap();
    assert_eq!(
        last,
        serde_json::json!({"records": 2, "type_correct": 1, "mode_correct": 1, "actors_correct": 1, "produced": 1})
    );
    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        "[\n  {\"id\": \"A\", \"event\": \"AGREE\", \"text\": \"x\"},\n  {\"id\": 3\n]",
    )
    .unwrap();
    let out = dyad(&["validate", "--plover", bad.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.json") && err.contains("line 4"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}
