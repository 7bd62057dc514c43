use super::*;
use crate::ontology::Cameo;

fn facts<'a>(cameo: &'a str, trigger: &'a str, sentence: &'a str) -> EventFacts<'a> {
    EventFacts {
        cameo,
        trigger,
        sentence,
        ..EventFacts::default()
    }
}

#[test]
fn every_cameo_code_has_a_row_and_only_01_is_dropped() {
    let t = PloverTable::get();
    let mut dropped = Vec::new();
    for c in Cameo::get().iter() {
        let m = t
            .mapping(&c.code)
            .unwrap_or_else(|| panic!("CAMEO {} has no row in data/plover/cameo_plover.tsv", c.code));
        if m.event_type.is_none() {
            dropped.push(c.code.clone());
        }
    }
    assert!(!dropped.is_empty());
    assert!(dropped.iter().all(|c| c.starts_with("01")), "{dropped:?}");
    // and no row names a code CAMEO does not have
    assert_eq!(t.mappings.len(), Cameo::get().len());
}

#[test]
fn the_types_are_plovers_sixteen_with_its_contexts() {
    let t = PloverTable::get();
    let names: Vec<&str> = t.types().iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names.len(), 16);
    for n in ["AGREE", "CONSULT", "COERCE", "ASSAULT", "REQUEST", "ACCUSE"] {
        assert!(names.contains(&n));
    }
    assert_eq!(t.contexts().count(), 37);
    assert!(t.is_context("human_rights") && !t.is_context("refugees"));
}

#[test]
fn codes_map_to_types_and_modes() {
    let t = PloverTable::get();
    let c = |code: &str| t.code(&facts(code, "", "")).map(|p| (p.event_type, p.mode));
    assert_eq!(c("042"), Some(("CONSULT".into(), Some("visit".into()))));
    assert_eq!(c("036"), Some(("AGREE".into(), None)));
    assert_eq!(c("0356").unwrap().0, "CONCEDE");
    assert_eq!(c("0841"), Some(("RETREAT".into(), Some("release".into()))));
    assert_eq!(c("091"), Some(("ACCUSE".into(), Some("investigate".into()))));
    assert_eq!(c("1053"), Some(("REQUEST".into(), Some("yield".into()))));
    assert_eq!(c("173"), Some(("COERCE".into(), Some("arrest".into()))));
    assert_eq!(c("1952"), Some(("ASSAULT".into(), Some("drone".into()))));
    assert_eq!(c("020").unwrap().0, "REQUEST");
    assert_eq!(c("011"), None);
    assert_eq!(c("999"), None);
}

#[test]
fn modes_come_from_the_trigger_and_its_words() {
    let t = PloverTable::get();
    let m = |code: &str, trig: &str, s: &str| t.code(&facts(code, trig, s)).and_then(|p| p.mode);
    // meetings: a phone call, a summit
    assert_eq!(
        m("040", "discussed", "Putin and Erdogan discussed Syria by telephone."),
        Some("phone".into())
    );
    assert_eq!(m("042", "visited", "Macron visited Berlin."), Some("visit".into()));
    assert_eq!(
        m("040", "met", "The leaders met at the NATO summit in Vilnius."),
        Some("multilateral".into())
    );
    // violence: air strike, drone, shelling, bombing, a suicide attack
    assert_eq!(
        m("190", "struck", "Israeli warplanes struck targets in Gaza."),
        Some("aerial".into())
    );
    assert_eq!(
        m("190", "hit", "A Ukrainian drone hit a refinery."),
        Some("drone".into())
    );
    assert_eq!(
        m("190", "shelled", "Troops shelled the town."),
        Some("heavy-weapons".into())
    );
    assert_eq!(
        m("1832", "killed", "A suicide car bomber killed ten."),
        Some("suicide-attack".into())
    );
    assert_eq!(
        m("190", "attacked", "Gunmen attacked a checkpoint."),
        Some("firearms".into())
    );
    // coercion: arrest, deportation, censorship
    assert_eq!(
        m("173", "arrested", "Police arrested 40 protesters."),
        Some("arrest".into())
    );
    assert_eq!(
        m("174", "deported", "Kenya deported two Somali journalists."),
        Some("deport".into())
    );
    assert_eq!(
        m("172", "banned", "The government banned three newspapers."),
        Some("censor".into())
    );
    // a cue that only fills an open mode leaves the table's own
    assert_eq!(
        m("1312", "threatened", "China threatened sanctions over the talks."),
        Some("restrict".into())
    );
}

#[test]
fn meetings_in_a_third_country_or_the_hosts() {
    let t = PloverTable::get();
    let place = |name: &str, c: &str| {
        Some(Place {
            name: name.into(),
            country: c.into(),
        })
    };
    let mut f = facts("040", "met", "Iran and Saudi Arabia met in Beijing.");
    f.countries = [Some("IRN"), Some("SAU")];
    f.place = place("Beijing", "CHN");
    assert_eq!(t.code(&f).unwrap().mode.as_deref(), Some("third-party"));
    f.place = place("Riyadh", "SAU");
    assert_eq!(t.code(&f).unwrap().mode.as_deref(), Some("visit"));
    f.place = None;
    assert_eq!(t.code(&f).unwrap().mode, None);
    // with an organisation on either side it is multilateral
    f.organisation = true;
    assert_eq!(t.code(&f).unwrap().mode.as_deref(), Some("multilateral"));
}

#[test]
fn place_is_found_after_in_or_at() {
    let kb = KnowledgeBase::embedded();
    let p = place_of(kb, "The ministers met in Geneva on Monday.", "met").unwrap();
    assert_eq!(p.name, "Geneva");
    assert_eq!(p.country, "CHE");
    assert!(place_of(kb, "The ministers met on Monday.", "met").is_none());
}

#[test]
fn contexts_come_from_the_code_and_the_sentence() {
    let t = PloverTable::get();
    let p = t
        .code(&facts(
            "061",
            "signed",
            "Jordan and Egypt expanded trade and gas pipeline deals.",
        ))
        .unwrap();
    assert!(p.context.contains(&"economic".to_string()));
    assert!(p.context.contains(&"natural_resource".to_string()));
    let p = t
        .code(&facts("176", "hacked", "Hackers defaced 3,000 websites."))
        .unwrap();
    assert_eq!(p.mode.as_deref(), Some("cyber"));
    assert!(p.context.contains(&"cyber".to_string()));
    let p = t
        .code(&facts("111", "criticised", "Turkey criticised Greece."))
        .unwrap();
    assert!(p.context.is_empty(), "{:?}", p.context);
}

#[test]
fn auxiliary_modes_from_mood_and_date() {
    let t = PloverTable::get();
    let with = |cameo: &str, mood: Mood| {
        let mut f = facts(cameo, "", "");
        f.mood = mood;
        t.code(&f).unwrap().aux
    };
    assert_eq!(with("163", Mood::Intent), vec![Aux::Future]);
    // a planned meeting is AGREE itself, not CONSULT + future
    assert_eq!(with("036", Mood::Intent), vec![]);
    assert_eq!(with("163", Mood::Hypothetical), vec![Aux::Hypothetical]);
    assert_eq!(with("043", Mood::Negated), vec![Aux::Negation]);
    assert_eq!(with("125", Mood::Refusal), vec![]);
    let mut f = facts("190", "", "");
    f.published = NaiveDate::from_ymd_opt(2024, 5, 1);
    f.date = Some("1988-12-21");
    assert_eq!(t.code(&f).unwrap().aux, vec![Aux::Historical]);
    f.date = Some("2024-04-28");
    assert!(t.code(&f).unwrap().aux.is_empty());
    f.date = Some("2022");
    assert_eq!(t.code(&f).unwrap().aux, vec![Aux::Historical]);
    f.date = Some("2023");
    assert!(t.code(&f).unwrap().aux.is_empty());
}

#[test]
fn bad_tables_are_refused_with_file_and_line() {
    let base = |cp: &str, mc: &str| PloverTable::parse(cp, TYPES_TSV, mc, CONTEXTS_TSV);
    let head = "cameo\ttype\tmode\tcontext\tnote\n";
    let cues = "type\tmode\tover\twhere\tcues\n";
    let e = base(&format!("{head}042\tCONSULT\tdrone\t-\t-\n"), cues).unwrap_err();
    assert_eq!((e.file, e.line), ("cameo_plover.tsv", 2));
    assert!(e.message.contains("not a mode of CONSULT"), "{e}");
    let e = base(&format!("{head}042\tMEET\t-\t-\t-\n"), cues).unwrap_err();
    assert!(e.message.contains("unknown PLOVER type"));
    let e = base(&format!("{head}042\tCONSULT\t-\tsports\t-\n"), cues).unwrap_err();
    assert!(e.message.contains("unknown PLOVER context"));
    let e = base(&format!("{head}042\tCONSULT\t-\t-\t-\n042\tCONSULT\t-\t-\t-\n"), cues).unwrap_err();
    assert_eq!(e.line, 3);
    let ok = format!("{head}042\tCONSULT\t-\t-\t-\n");
    let e = base(&ok, &format!("{cues}ASSAULT\tvisit\t-\tnear\tx\n")).unwrap_err();
    assert_eq!((e.file, e.line), ("mode_cues.tsv", 2));
    let e = base(&ok, &format!("{cues}ASSAULT\tdrone\t-\tsomewhere\tx\n")).unwrap_err();
    assert!(e.message.contains("where"));
    assert!(base(&ok, cues).is_ok());
}

fn event(article: &str, sentence: usize, trigger_at: usize, src: &str, tgt: Option<&str>, cameo: &str) -> Event {
    let actor = |c: Option<&str>, name: &str| Actor {
        code: c.map(String::from),
        country: c.map(|c| c[..3].to_string()),
        name: name.into(),
        ..Actor::default()
    };
    let mut e = Event {
        article: article.into(),
        sentence,
        headline: false,
        text: "x".into(),
        date: Some("2024-05-01".into()),
        date_precision: Some(crate::text::dates::Precision::Day),
        reported: None,
        source: actor(Some(src), src),
        target: actor(tgt, tgt.unwrap_or("people")),
        cameo: cameo.into(),
        root: cameo[..2].into(),
        quad_class: 1,
        goldstein: 0.0,
        event_name: String::new(),
        location: None,
        evidence: crate::event::Evidence {
            pattern: String::new(),
            trigger: "met".into(),
            trigger_span: crate::text::Span::new(trigger_at, trigger_at + 3),
            mood: Mood::Fact,
            notes: vec![],
            date_source: crate::event::DateOrigin::Unknown,
        },
        plover: None,
    };
    e.plover = PloverTable::get().code_event(&e, None, None);
    e
}

#[test]
fn records_fold_compound_and_two_sided_events() {
    // "The United States and France accused Russia": one record, two actors
    let evs = vec![
        event("a", 1, 10, "USA", Some("RUS"), "112"),
        event("a", 1, 10, "FRA", Some("RUS"), "112"),
    ];
    let r = records(&evs);
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].event_type, "ACCUSE");
    let codes = |l: &[Entity]| l.iter().map(|e| e.code.clone().unwrap()).collect::<Vec<_>>();
    assert_eq!(codes(&r[0].actor), vec!["USA", "FRA"]);
    assert_eq!(codes(&r[0].recipient), vec!["RUS"]);
    // a meeting coded both ways: every participant is actor, no recipient
    let evs = vec![
        event("a", 2, 5, "USAGOV", Some("JPNGOV"), "040"),
        event("a", 2, 5, "JPNGOV", Some("USAGOV"), "040"),
    ];
    let r = records(&evs);
    assert_eq!(r.len(), 1);
    assert_eq!(codes(&r[0].actor), vec!["USAGOV", "JPNGOV"]);
    assert!(r[0].recipient.is_empty());
    assert_eq!(r[0].actor[0].sector.as_deref(), Some("GOV"));
    // a visit and its hosting: the visitor acts, the host receives
    let evs = vec![
        event("a", 3, 0, "EGYGOV", Some("TURGOV"), "042"),
        event("a", 3, 0, "TURGOV", Some("EGYGOV"), "043"),
    ];
    let r = records(&evs);
    assert_eq!(r.len(), 1);
    assert_eq!(codes(&r[0].actor), vec!["EGYGOV"]);
    assert_eq!(codes(&r[0].recipient), vec!["TURGOV"]);
    assert_eq!(r[0].cameo, vec!["042", "043"]);
    // public statements have no PLOVER record; other acts of a sentence are their own
    let evs = vec![
        event("a", 4, 0, "USA", Some("RUS"), "010"),
        event("a", 4, 9, "USA", Some("RUS"), "173"),
    ];
    let r = records(&evs);
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].event_type, "COERCE");
}

#[test]
fn words_that_show_another_type() {
    let t = PloverTable::get();
    let code = |cameo: &str, trig: &str, s: &str, mood: Mood| {
        let mut f = facts(cameo, trig, s);
        f.mood = mood;
        t.code(&f).map(|p| (p.event_type, p.mode))
    };
    let fact = Mood::Fact;
    assert_eq!(
        code("195", "strike", "Refugees are continuing a hunger strike.", fact),
        Some(("PROTEST".into(), Some("hunger".into())))
    );
    assert_eq!(
        code("195", "strike", "Jets carried out an air strike.", fact)
            .unwrap()
            .0,
        "ASSAULT"
    );
    assert_eq!(
        code(
            "152",
            "exercises",
            "Egypt and France held joint military exercises.",
            fact
        )
        .unwrap()
        .0,
        "COOPERATE"
    );
    assert_eq!(
        code("152", "exercises", "Russia held military exercises.", fact)
            .unwrap()
            .0,
        "MOBILIZE"
    );
    assert_eq!(
        code("120", "blocked", "Farmers blocked roads to the capital.", fact),
        Some(("PROTEST".into(), Some("obstruct".into())))
    );
    assert_eq!(
        code("102", "issued", "Peru issued an ultimatum to Ecuador.", fact)
            .unwrap()
            .0,
        "THREATEN"
    );
    let p = code(
        "0356",
        "withdraw",
        "Nigeria will withdraw its troops unless Chad holds elections.",
        Mood::Intent,
    );
    assert_eq!(p.unwrap().0, "THREATEN");
    assert_eq!(
        code(
            "0356",
            "withdraw",
            "Nigeria will withdraw its troops from Chad.",
            Mood::Intent
        )
        .unwrap()
        .0,
        "CONCEDE"
    );
}

#[test]
fn bad_type_rules_are_refused_with_their_line() {
    let base = || PloverTable::parse(CAMEO_PLOVER_TSV, TYPES_TSV, MODE_CUES_TSV, CONTEXTS_TSV).unwrap();
    let head = "from\ttrigger\twhere\twords\tmood\ttype\tmode\n";
    let e = base()
        .with_type_rules(&format!("{head}ASSAULT\t-\tnear\tx\t-\tFIGHT\t-\n"))
        .unwrap_err();
    assert_eq!((e.file, e.line), ("type_rules.tsv", 2));
    let e = base()
        .with_type_rules(&format!("{head}ASSAULT\t-\tnear\tx\t-\tPROTEST\tdrone\n"))
        .unwrap_err();
    assert!(e.message.contains("not a mode of PROTEST"), "{e}");
    let e = base()
        .with_type_rules(&format!("{head}ASSAULT\t-\tnear\t-\t-\tPROTEST\t-\n"))
        .unwrap_err();
    assert!(e.message.contains("trigger or words"), "{e}");
    let e = base()
        .with_type_rules(&format!("{head}ASSAULT\tx\tabove\t-\t-\tPROTEST\t-\n"))
        .unwrap_err();
    assert!(e.message.contains("where"), "{e}");
    assert!(base().with_type_rules(head).is_ok());
    assert_eq!(
        PloverTable::get()
            .code(&facts("050", "agreed", "Israel has agreed to US mediation."))
            .unwrap()
            .event_type,
        "AGREE"
    );
}
