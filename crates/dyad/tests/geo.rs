//! Event locations: the place of the sentence, a visit's destination, the dateline; names of
//! several places resolved by the story's countries; no location rather than a wrong one; and
//! the figures on the hand-coded VOA set (tests/geo/voa_locations.tsv).

use dyad::coder::Coder;
use dyad::event::Event;
use dyad::geo::{LocationSource, PlaceKind};
use dyad::ingest::Document;

fn code(text: &str) -> Vec<Event> {
    let date = chrono::NaiveDate::from_ymd_opt(2024, 5, 6);
    Coder::embedded().code(&Document::parse("t.txt", text.to_string(), date))
}

fn located(text: &str, cameo_root: &str) -> Event {
    let events = code(text);
    events
        .into_iter()
        .find(|e| e.root == cameo_root)
        .unwrap_or_else(|| panic!("no {cameo_root} event in {text:?}"))
}

#[test]
fn shelled_kharkiv_is_located_at_kharkiv() {
    let e = located("Russian forces shelled Kharkiv on Monday.", "19");
    let l = e.location.expect("a location");
    assert_eq!(l.name, "Kharkiv");
    assert_eq!(l.country, "UKR");
    assert_eq!(l.precision, PlaceKind::City);
    assert_eq!(l.source, LocationSource::Sentence);
    assert!((l.lat - 49.98).abs() < 0.05 && (l.lon - 36.25).abs() < 0.05, "{l:?}");
    assert_eq!(l.written, "Kharkiv");
    assert_eq!(l.full_name, "Kharkiv, Kharkiv, Ukraine");
    assert_eq!(l.adm1_code.as_deref(), Some("UP07"));
}

#[test]
fn a_locative_phrase_and_a_region() {
    let e = located(
        "Israeli jets struck targets in southern Lebanon on Sunday, the army said.",
        "19",
    );
    let l = e.location.expect("a location");
    assert_eq!((l.name.as_str(), l.precision), ("Lebanon", PlaceKind::Country));
    let e = located("Talks between Israel and Hamas resumed in Doha on Tuesday.", "04");
    assert_eq!(e.location.expect("Doha").name, "Doha");
    let e = located("Russian troops shelled villages in the Kharkiv region on Monday.", "19");
    let l = e.location.expect("the region");
    assert_eq!((l.name.as_str(), l.precision), ("Kharkiv", PlaceKind::Adm1));
}

#[test]
fn a_visit_is_located_at_its_destination() {
    let e = located("Turkish Foreign Minister Hakan Fidan visited Cairo on Monday.", "04");
    let l = e.location.expect("Cairo");
    assert_eq!((l.name.as_str(), l.country.as_str()), ("Cairo", "EGY"));
    // no place in the sentence: the visited country
    let events = code("Turkish Foreign Minister Hakan Fidan began a visit to Egypt on Monday.");
    let visit = events.iter().find(|e| e.cameo == "042").expect("a visit");
    assert_eq!(visit.location.as_ref().expect("Egypt").country, "EGY");
}

#[test]
fn namesakes_take_the_country_of_the_story() {
    // Tripoli: the Libyan capital, unless the story is in Lebanon
    let e = located("Gunmen attacked a hotel in Tripoli, Libyan officials said.", "18");
    assert_eq!(e.location.expect("Tripoli").country, "LBY");
    let e = located(
        "Lebanese troops clashed with gunmen in the northern Lebanese city of Tripoli on Sunday.",
        "19",
    );
    assert_eq!(e.location.expect("Tripoli").country, "LBN");
    // Georgia: the country, or the US state in an American story
    let e = located("Russian troops attacked positions in Georgia on Friday.", "18");
    let l = e.location.expect("Georgia");
    assert_eq!((l.country.as_str(), l.precision), ("GEO", PlaceKind::Country));
    // a qualifier names the country: Paris, Texas
    let e = located("U.S. police arrested protesters in Paris, Texas, on Monday.", "17");
    assert_eq!(e.location.expect("Paris, Texas").country, "USA");
}

#[test]
fn no_location_rather_than_a_wrong_one() {
    // a statement about a country is not located in it
    let e = located("Russia accused Ukraine of shelling civilians.", "11");
    assert!(e.location.is_none(), "{:?}", e.location);
    // a capital that is the actor is not the place
    let e = located("Kyiv condemned Moscow on Tuesday.", "11");
    assert!(e.location.is_none(), "{:?}", e.location);
}

#[test]
fn the_dateline_places_an_act_of_its_country() {
    let text = "KYIV, Ukraine (AP) — Ukraine's foreign minister condemned Russia on Tuesday.\n";
    let events = code(text);
    let e = events.iter().find(|e| e.root == "11").expect("a condemnation");
    let l = e.location.as_ref().expect("the dateline");
    assert_eq!((l.name.as_str(), l.source), ("Kyiv", LocationSource::Dateline));
}

#[test]
fn an_unknown_or_odd_place_never_drops_the_event() {
    // the same events with and without place-like words
    let plain = code("Russian forces shelled the town on Monday.");
    let odd = code("Russian forces shelled Zzyzxville on Monday.");
    assert_eq!(plain.len(), odd.len());
    assert!(odd.iter().all(|e| e.location.is_none()));
}

#[test]
fn the_voa_location_set() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/geo/");
    let set = std::fs::read_to_string(format!("{root}voa_locations.tsv")).unwrap();
    let gold = dyad::eval::geo::read_locations("voa_locations.tsv", &set).unwrap();
    assert!(gold.len() >= 150, "{}", gold.len());
    let coder = Coder::embedded();
    let mut events = Vec::new();
    for l in dyad::ingest::files::read_all(
        std::path::Path::new(&format!("{root}voa_stories.jsonl")),
        u64::MAX,
        false,
        None,
    ) {
        events.extend(coder.code(&l.unwrap().doc));
    }
    let s = dyad::eval::geo::score(&gold, &events);
    eprintln!(
        "VOA locations: found {}/{}, exact {:.3}, within 40 km {:.3}, coverage {:.3}, spurious {}/{}",
        s.found,
        s.gold,
        s.exact_rate(),
        s.within_40km_rate(),
        s.coverage(),
        s.spurious,
        s.without_place
    );
    // floors a little under the figures measured when the set was made (within 40 km 0.515,
    // located within 40 km 0.80, 4 of 146 events located where the story names no place)
    assert!(
        s.found * 10 >= s.gold * 8,
        "the coder's events drifted from the set: {}/{}",
        s.found,
        s.gold
    );
    assert!(s.within_40km_rate() >= 0.45, "{s:?}");
    assert!(s.precision_40km() >= 0.72, "{s:?}");
    assert!(s.spurious * 10 <= s.without_place, "{s:?}");
}
