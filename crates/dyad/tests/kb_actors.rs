//! The knowledge base's actors in coded events: people on the article's date, a full name over
//! a colliding surname, groups with their home country and dated status, national bodies named
//! by acronym, the Holy See's envoys and "Europe" as the EU.

use chrono::NaiveDate;
use dyad::coder::Coder;
use dyad::ingest::{DateSource, Document};
use dyad::kb::KnowledgeBase;
use dyad::text::Span;

/// (source, target, cameo) of every event of `text` coded on `date`; "?" for an uncoded actor.
fn triples(text: &str, date: &str) -> Vec<(String, String, String)> {
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
    let doc = Document {
        id: "test".into(),
        text: text.to_string(),
        title: None,
        body: Span::new(0, text.len()),
        boilerplate: Vec::new(),
        dateline: None,
        date: Some(date),
        date_source: DateSource::Given,
        warnings: vec![],
    };
    Coder::embedded()
        .code(&doc)
        .into_iter()
        .map(|e| {
            (
                e.source.code.unwrap_or_else(|| "?".into()),
                e.target.code.unwrap_or_else(|| "?".into()),
                e.cameo,
            )
        })
        .collect()
}

/// Does some event have this source (and target, when given)?
fn has(t: &[(String, String, String)], source: &str, target: Option<&str>) -> bool {
    t.iter().any(|(s, g, _)| s == source && target.is_none_or(|x| g == x))
}

#[test]
fn a_full_name_beats_the_surname_of_someone_else() {
    // Richard Bennett, the UN rapporteur, is not Israel's Naftali Bennett ...
    let t = triples(
        "UN special rapporteur Richard Bennett met Taliban officials in Kabul on Monday.",
        "2024-05-01",
    );
    assert!(has(&t, "IGOUNOHRI", Some("AFGGOV")), "{t:?}");
    assert!(
        !t.iter().any(|(s, g, _)| s.starts_with("ISR") || g.starts_with("ISR")),
        "{t:?}"
    );
    // ... Naftali Bennett is Israel's prime minister in 2021 ...
    let t = triples(
        "Naftali Bennett met Joe Biden at the White House on Friday.",
        "2021-08-27",
    );
    assert!(has(&t, "ISRGOV", Some("USAGOV")), "{t:?}");
    // ... and "Bennett" alone is the Bennett named earlier in the article.
    let t = triples(
        "Richard Bennett arrived in Kabul on Monday. Bennett met Taliban officials on Tuesday.",
        "2024-05-01",
    );
    assert!(t.iter().filter(|(s, _, _)| s == "IGOUNOHRI").count() >= 2, "{t:?}");
    assert!(!t.iter().any(|(s, _, _)| s.starts_with("ISR")), "{t:?}");
}

#[test]
fn office_holders_code_as_their_state_on_the_date() {
    let t = triples("James Marape visited Canberra on Monday.", "2023-05-01");
    assert!(has(&t, "PNGGOV", Some("AUSGOV")), "{t:?}");
    let t = triples("Touadera met Putin in Moscow on Monday.", "2022-06-01");
    assert!(has(&t, "CAFGOV", Some("RUSGOV")), "{t:?}");
    let t = triples("Kristi Noem visited Mexico on Monday.", "2025-03-01");
    assert!(has(&t, "USAGOV", Some("MEX")), "{t:?}");
    // before her term she is no office-holder of the United States
    let t = triples("Kristi Noem visited Mexico on Monday.", "2020-03-01");
    assert!(!has(&t, "USAGOV", None), "{t:?}");

    // the term in office on the date is chosen among a person's lines
    let kb = KnowledgeBase::embedded();
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let code_on = |name: &str, date: NaiveDate| {
        kb.people
            .iter()
            .find(|p| p.name == name && p.in_office(date))
            .map(|p| p.code.clone())
    };
    assert_eq!(
        code_on("Mohamed Hamdan Dagalo", d(2020, 1, 1)).as_deref(),
        Some("SDNMIL")
    );
    assert_eq!(
        code_on("Mohamed Hamdan Dagalo", d(2024, 1, 1)).as_deref(),
        Some("SDNREB")
    );
    assert_eq!(
        code_on("Hibatullah Akhundzada", d(2019, 1, 1)).as_deref(),
        Some("AFGREB")
    );
    assert_eq!(
        code_on("Hibatullah Akhundzada", d(2023, 1, 1)).as_deref(),
        Some("AFGGOV")
    );
    assert_eq!(
        code_on("Kristalina Georgieva", d(2022, 1, 1)).as_deref(),
        Some("IGOBUSIMF")
    );
}

#[test]
fn groups_take_their_home_country_and_dated_status() {
    let t = triples(
        "Al-Shabaab fighters attacked a hotel in Beledweyne on Tuesday.",
        "2024-06-01",
    );
    assert!(has(&t, "SOMREB", None), "{t:?}");
    let t = triples(
        "3R rebels attacked a MINUSCA convoy near Bouar on Tuesday.",
        "2024-06-01",
    );
    assert!(has(&t, "CAFREB", Some("IGOUNOPKOMCA")), "{t:?}");
    // the Taliban: an insurgency until 2021-08-15, the de facto government after it
    let t = triples("The Taliban detained two British nationals in Kabul.", "2020-06-01");
    assert!(has(&t, "AFGREB", None), "{t:?}");
    let t = triples("The Taliban detained two British nationals in Kabul.", "2023-06-01");
    assert!(has(&t, "AFGGOV", Some("GBRCVL")), "{t:?}");
    // HTS: rebels until the fall of Assad, the government after it
    let t = triples(
        "Hayat Tahrir al-Sham fighters attacked Syrian troops in Idlib.",
        "2024-06-01",
    );
    assert!(has(&t, "SYRREB", Some("SYRMIL")), "{t:?}");
    let t = triples(
        "Hayat Tahrir al-Sham officials met Turkish diplomats in Damascus.",
        "2025-02-01",
    );
    assert!(has(&t, "SYRGOV", Some("TURGOV")), "{t:?}");
}

#[test]
fn the_islamic_state_written_is_in_capitals_is_a_name_not_a_verb() {
    let t = triples(
        "Iraqi forces arrested seven additional IS members on Thursday.",
        "2025-03-14",
    );
    assert!(has(&t, "IRQMIL", Some("IMGREB")), "{t:?}");
    // the verb stays a verb
    let t = triples(
        "Turkey is ready to host talks between Russia and Ukraine.",
        "2025-03-14",
    );
    assert!(!t.iter().any(|(s, g, _)| s == "IMGREB" || g == "IMGREB"), "{t:?}");
}

#[test]
fn national_bodies_named_by_acronym_code_as_their_state() {
    let t = triples("ICE arrested a Venezuelan man on Monday.", "2025-03-01");
    assert!(has(&t, "USACOP", Some("VEN")), "{t:?}");
    let t = triples("NISA arrested two journalists in Mogadishu on Monday.", "2024-06-01");
    assert!(has(&t, "SOMSPY", None), "{t:?}");
    let t = triples(
        "The PCG accused the China Coast Guard of ramming its vessel.",
        "2024-06-01",
    );
    assert!(has(&t, "PHLMIL", Some("CHNMIL")), "{t:?}");
    // "Congress" alone is the US one; other states' congresses and parties are longer names
    let t = triples("Congress approved new sanctions on Russia on Tuesday.", "2024-06-01");
    assert!(has(&t, "USALEG", Some("RUS")), "{t:?}");
    let t = triples("The Peruvian Congress condemned Venezuela on Monday.", "2020-11-10");
    assert!(has(&t, "PERLEG", Some("VEN")), "{t:?}");
    // an acronym matches only in capitals: "ice" is not the agency
    let t = triples(
        "Protesters threw ice at the Venezuelan embassy on Monday.",
        "2025-03-01",
    );
    assert!(!has(&t, "USACOP", None), "{t:?}");
}

#[test]
fn the_holy_see_and_europe() {
    // the nuncio is the Holy See's ambassador, written in lower case
    let t = triples("Nicaragua expelled the apostolic nuncio on Monday.", "2022-03-01");
    assert!(has(&t, "NIC", Some("VATGOV")), "{t:?}");
    // "Europe" acting in politics is the EU
    let t = triples("Europe imposed sanctions on Russia on Monday.", "2025-02-01");
    assert!(has(&t, "IGOEUREEC", Some("RUS")), "{t:?}");
    // ... but its regions are not
    let kb = KnowledgeBase::embedded();
    assert!(kb.blocked.iter().any(|b| b == "Eastern Europe"));
}

/// A blocked name (a region, sea or island) never shadows a state's own name: every common name
/// of a state that the blocklist also lists would code as nothing.
#[test]
fn no_state_name_is_blocked() {
    let kb = KnowledgeBase::embedded();
    for c in &kb.countries {
        for name in std::iter::once(&c.name).chain(&c.variants) {
            assert!(
                !kb.blocked.iter().any(|b| b.eq_ignore_ascii_case(name)),
                "{} ({}) is in blocklist.tsv",
                name,
                c.code
            );
        }
    }
    let t = triples(
        "Australia and Papua New Guinea signed a security agreement.",
        "2023-12-07",
    );
    assert!(has(&t, "AUS", Some("PNG")), "{t:?}");
}
