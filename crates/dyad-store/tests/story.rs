//! Two years of Turkey–Greece reports (tests/story/, written to tell a known story) come out of
//! the store as that story: hostile in January 2023, warm after the February 2023 earthquakes,
//! a peak of cooperation at the Athens council in December 2023, cooler in late 2024. On both
//! backends ([`common::backends`]).

mod common;

use dyad_store::{IngestOptions, PeriodBy, Report};
use std::path::Path;

#[test]
fn turkey_greece_by_month_tells_the_story() {
    for b in common::backends("story") {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/story/articles");
        let dyad::ingest::files::Expanded { files, errors, .. } = dyad_store::ingest::expand(&[dir]);
        assert!(errors.is_empty(), "{errors:?}");
        let mut store = b.open("story");
        let mut failed = Vec::new();
        store
            .ingest_files(&files, &IngestOptions::default(), &mut |r| {
                if let Report::Error(e) = r {
                    failed.push(e.to_string());
                }
            })
            .unwrap();
        assert!(failed.is_empty(), "{failed:?}");

        let rel = store.relations("TUR", "GRC", PeriodBy::Month, None, None, 3).unwrap();
        let month = |m: &str| {
            rel.periods
                .iter()
                .find(|p| p.period == m)
                .unwrap_or_else(|| panic!("no period {m}"))
        };
        let mean = |m: &str| month(m).goldstein_mean.unwrap_or(0.0);
        let conflict = |m: &str| month(m).quad_counts[2] + month(m).quad_counts[3];

        // January 2023: summoned ambassadors, threats and accusations
        assert!(mean("2023-01") < 0.0, "January 2023 mean {}", mean("2023-01"));
        assert!(conflict("2023-01") >= 3);
        // after the earthquakes: cooperation
        assert!(mean("2023-02") > 1.0, "February 2023 mean {}", mean("2023-02"));
        // the High-Level Cooperation Council in Athens is the busiest cooperative month of 2023
        let dec = month("2023-12");
        assert_eq!(dec.quad_counts[2] + dec.quad_counts[3], 0);
        let busiest_2023 = rel
            .periods
            .iter()
            .filter(|p| p.period.starts_with("2023"))
            .max_by_key(|p| p.events)
            .unwrap();
        assert_eq!(busiest_2023.period, "2023-12");
        // late 2024 cools: more conflict than in the thaw, lower means than December 2023
        let late_2024_conflict: u64 = ["2024-08", "2024-09", "2024-10", "2024-11", "2024-12"]
            .iter()
            .map(|m| conflict(m))
            .sum();
        let thaw_conflict: u64 = ["2023-06", "2023-07", "2023-08", "2023-09", "2023-10"]
            .iter()
            .map(|m| conflict(m))
            .sum();
        assert!(
            late_2024_conflict > thaw_conflict,
            "{late_2024_conflict} vs {thaw_conflict}"
        );
        assert!(mean("2024-10") < mean("2023-12"));
        // the visit to Athens reported by two agencies is one event with both articles
        // (December's top three are now the plans announced there: look further down)
        let wide = store.relations("TUR", "GRC", PeriodBy::Month, None, None, 10).unwrap();
        let dec10 = wide.periods.iter().find(|p| p.period == "2023-12").unwrap();
        let visit = dec10
            .top_events
            .iter()
            .find(|e| e.num_articles >= 2 && matches!(e.cameo.as_str(), "042" | "043"))
            .unwrap_or_else(|| panic!("a visit reported twice in {:?}", dec10.top_events));
        assert_eq!(visit.date.as_deref(), Some("2023-12-07"));
        // plans count when they were announced: the council's "meet again next year" (2024) is
        // December 2023's; asked for the planned date, it leaves December
        let planned_for_2024 = |rel: &dyad_store::query::Relations| {
            rel.periods
                .iter()
                .filter(|p| p.period == "2023-12")
                .flat_map(|p| &p.top_events)
                .any(|e| e.cameo == "036" && e.date.as_deref() == Some("2024"))
        };
        assert!(planned_for_2024(&rel), "{:?}", dec.top_events);
        let planned = store
            .relations_at(
                "TUR",
                "GRC",
                PeriodBy::Month,
                None,
                None,
                3,
                dyad_store::query::PlansAt::Planned,
            )
            .unwrap();
        assert!(!planned_for_2024(&planned), "{}", b.name);
    }
}
