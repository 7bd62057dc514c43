//! One test per construction the coder must handle, from raw sentences to CAMEO triples.

use chrono::NaiveDate;
use dyad::coder::Coder;
use dyad::event::Event;
use dyad::ingest::{DateSource, Document};
use dyad::text::Span;

fn code_events(text: &str, date: &str) -> Vec<Event> {
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
    Coder::embedded().code(&doc)
}

/// (source, target, cameo) of every event, with "?" for an uncoded actor.
fn triples(text: &str, date: &str) -> Vec<(String, String, String)> {
    code_events(text, date)
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

fn has(ts: &[(String, String, String)], s: &str, t: &str, c: &str) -> bool {
    ts.iter().any(|(a, b, k)| a == s && b == t && k == c)
}

#[test]
fn a_visit_is_coded_both_ways() {
    let t = triples(
        "Turkish Foreign Minister Hakan Fidan visited Cairo on Monday.",
        "2024-05-01",
    );
    assert!(has(&t, "TURGOV", "EGYGOV", "042"), "{t:?}");
    assert!(has(&t, "EGYGOV", "TURGOV", "043"), "{t:?}");
}

#[test]
fn compound_subjects_sign_with_each_other() {
    let t = triples("Iran and Azerbaijan signed an agreement on transport.", "2024-05-01");
    assert!(has(&t, "IRN", "AZE", "057") && has(&t, "AZE", "IRN", "057"), "{t:?}");
}

#[test]
fn passives_take_the_source_from_the_by_phrase() {
    let t = triples("The Armenian foreign minister was invited by Baku.", "2024-05-01");
    assert!(has(&t, "AZEGOV", "ARMGOV", "036"), "{t:?}");
}

#[test]
fn negated_acts_are_not_coded() {
    let t = triples("Turkey did not sign the agreement with Greece.", "2024-05-01");
    assert!(t.is_empty(), "{t:?}");
}

#[test]
fn plans_are_coded_as_intentions() {
    let t = triples("Erdogan will visit Egypt next month.", "2024-05-01");
    assert!(has(&t, "TURGOV", "EGY", "036"), "{t:?}");
    assert!(!t.iter().any(|(_, _, c)| c == "042"), "{t:?}");
}

#[test]
fn summoning_an_ambassador_is_disapproval_of_their_state() {
    let t = triples("Turkey summoned the Iranian ambassador on Tuesday.", "2024-05-01");
    assert!(has(&t, "TUR", "IRNGOV", "111"), "{t:?}");
}

#[test]
fn nominal_events_take_the_possessor_as_source() {
    let t = triples("Fidan's visit to Cairo was the first in a decade.", "2024-05-01");
    assert!(has(&t, "TURGOV", "EGYGOV", "042"), "{t:?}");
}

#[test]
fn talks_between_two_states_are_coded_pairwise() {
    let t = triples(
        "Talks between Armenia and Azerbaijan resumed in Washington.",
        "2024-05-01",
    );
    assert!(has(&t, "ARM", "AZE", "040") && has(&t, "AZE", "ARM", "040"), "{t:?}");
}

#[test]
fn attacks_on_embassies() {
    let t = triples("Gunmen attacked the Azerbaijani embassy in Tehran.", "2023-01-27");
    assert!(t.iter().any(|(_, b, c)| b == "AZEGOV" && c == "180"), "{t:?}");
}

#[test]
fn office_holders_are_coded_by_the_date() {
    let in_office = triples("Lula met Xi Jinping in Beijing.", "2024-04-14");
    assert!(has(&in_office, "BRAGOV", "CHNGOV", "040"), "{in_office:?}");
    let between = triples("Lula met Xi Jinping in Beijing.", "2015-04-14");
    assert!(!between.iter().any(|(a, _, _)| a == "BRAGOV"), "{between:?}");
    let sunak = triples("Sunak met Macron in Paris.", "2023-03-10");
    assert!(has(&sunak, "GBRGOV", "FRAGOV", "040"), "{sunak:?}");
    let later = triples("Sunak met Macron in Paris.", "2025-03-10");
    assert!(!later.iter().any(|(a, _, _)| a == "GBRGOV"), "{later:?}");
}

#[test]
fn accusations() {
    let t = triples("Russia accused Ukraine of shelling the nuclear plant.", "2024-05-01");
    assert!(has(&t, "RUS", "UKR", "112"), "{t:?}");
}

#[test]
fn questions_and_conditionals_are_not_facts() {
    assert!(triples("Will Turkey recognise Cyprus?", "2024-05-01").is_empty());
    let t = triples("If Iran attacks Israel, Washington will respond.", "2024-05-01");
    assert!(!t.iter().any(|(_, _, c)| c == "180"), "{t:?}");
}

#[test]
fn unknown_names_are_kept_uncoded() {
    let events = code_events("Hakan Fidan met Jonas Weatherby in Ankara.", "2024-05-01");
    let e = events
        .iter()
        .find(|e| e.target.code.is_none())
        .expect("an event with the unknown name");
    assert_eq!(e.target.name, "Jonas Weatherby");
    assert_eq!(e.source.code.as_deref(), Some("TURGOV"));
}

#[test]
fn pronouns_and_titles_refer_back() {
    let t = triples(
        "Turkish Foreign Minister Hakan Fidan arrived in Baku on Monday. He met Azerbaijani President Ilham Aliyev.",
        "2024-05-01",
    );
    assert!(has(&t, "TURGOV", "AZEGOV", "040"), "{t:?}");
    let events = code_events(
        "Turkish Foreign Minister Hakan Fidan arrived in Baku on Monday. The minister met Azerbaijani President Ilham Aliyev. He later met Bayramov.",
        "2024-05-01",
    );
    let last = events
        .iter()
        .find(|e| e.cameo == "040" && e.source.name.starts_with("He"))
        .expect("a meeting");
    assert_eq!(
        last.source.chain,
        vec!["Turkish Foreign Minister Hakan Fidan", "The minister"],
        "{:?}",
        last.source
    );
    let t = triples(
        "Azerbaijan's foreign ministry condemned the attack. The ministry also summoned the Iranian ambassador.",
        "2024-05-01",
    );
    assert!(has(&t, "AZEGOV", "IRNGOV", "111"), "{t:?}");
}

#[test]
fn a_surname_refers_to_the_person_named_in_full() {
    let t = triples(
        "U.S. State Department spokesman Jonas Weatherby spoke on Monday. Weatherby criticised Iran over the attack.",
        "2024-05-01",
    );
    assert!(has(&t, "USAGOV", "IRN", "111"), "{t:?}");
}

#[test]
fn demands_and_obligations_are_demands_on_their_subject() {
    let t = triples(
        "Venezuela demanded that Britain withdraw its troops from Guyana.",
        "2023-12-29",
    );
    assert!(
        t.iter()
            .any(|(a, b, c)| a == "VEN" && b == "GBR" && c.starts_with("10")),
        "{t:?}"
    );
    assert!(
        !t.iter().any(|(a, _, _)| a == "GBR"),
        "the demanded act is not a fact: {t:?}"
    );
    let t = triples(
        "Serbia must withdraw its troops from the border, the European Union said.",
        "2023-09-30",
    );
    assert!(
        t.iter()
            .any(|(a, b, c)| a == "IGOEUREEC" && b == "SRB" && c.starts_with("10")),
        "{t:?}"
    );
}

#[test]
fn denials_are_aimed_at_the_accuser() {
    let t = triples("Guyana rejected the Venezuelan accusations.", "2023-12-29");
    assert!(has(&t, "GUY", "VEN", "016"), "{t:?}");
}

#[test]
fn events_take_the_date_their_sentence_gives() {
    let events = code_events(
        "Fidan visited Cairo on Monday. In 2021 the two navies held joint drills.",
        "2024-05-01",
    );
    let visit = events.iter().find(|e| e.cameo == "042").expect("the visit");
    assert_eq!(
        visit.date.as_deref(),
        Some("2024-04-29"),
        "the Monday before 2024-05-01 (a Wednesday)"
    );
    assert_eq!(visit.date_precision.map(|p| p.as_str()), Some("day"));
    assert!(
        visit.evidence.date_source.to_string().contains("Monday"),
        "{}",
        visit.evidence.date_source
    );
    let plan = code_events("Erdogan will visit Egypt next month.", "2024-05-01");
    assert_eq!(plan[0].date.as_deref(), Some("2024-06"));
    assert_eq!(plan[0].date_precision.map(|p| p.as_str()), Some("month"));
    // a sentence with no date takes the last one stated in its paragraph, not across
    // paragraphs, where the lead's date (the story's occasion) is taken instead
    let events = code_events(
        "Erdogan hosted Sisi in Ankara on Monday. The two leaders signed a joint declaration.\n\nIn 2021 the two navies held joint drills.\n\nTurkey criticised Israel.",
        "2024-05-01",
    );
    let signed = events.iter().find(|e| e.cameo == "057").expect("the signing");
    assert_eq!(
        signed.date.as_deref(),
        Some("2024-04-29"),
        "{}",
        signed.evidence.date_source
    );
    assert!(signed.evidence.date_source.to_string().starts_with("paragraph"));
    let criticised = events.iter().find(|e| e.cameo == "111").expect("the criticism");
    assert_eq!(criticised.date.as_deref(), Some("2024-04-29"));
    assert!(
        criticised.evidence.date_source.to_string().starts_with("lead"),
        "{}",
        criticised.evidence.date_source
    );
    // a lead date is a day of the week before publication, not a plan or history
    let events = code_events(
        "In 2021 Erdogan hosted Sisi in Ankara.\n\nTurkey criticised Israel.",
        "2024-05-01",
    );
    let criticised = events.iter().find(|e| e.cameo == "111").expect("the criticism");
    assert_eq!(criticised.date.as_deref(), Some("2024-05-01"));
    let plain = code_events("Turkey criticised Greece.", "2024-05-01");
    assert_eq!(plain[0].date.as_deref(), Some("2024-05-01"));
    assert!(plain[0].evidence.date_source.to_string().starts_with("publication"));
}

#[test]
fn plans_take_the_coming_weekday_and_since_does_not_date() {
    // published on a Wednesday: "on Monday" for a plan is the coming Monday
    let e = code_events("Erdogan will visit Egypt on Monday.", "2024-05-01");
    assert_eq!(
        e[0].date.as_deref(),
        Some("2024-05-06"),
        "{}",
        e[0].evidence.date_source
    );
    // ... but the day an intention was stated stays in the past
    let e = code_events("Turkey and Egypt agreed on Monday to hold talks.", "2024-05-01");
    assert!(e.iter().all(|e| e.date.as_deref() == Some("2024-04-29")), "{e:?}");
    let e = code_events("Fidan visited Cairo, his first trip since 2012.", "2024-05-01");
    assert!(e.iter().all(|e| e.date.as_deref() == Some("2024-05-01")), "{e:?}");
    // a date just before ", when" dates the when-clause
    let e = code_events(
        "Relations collapsed in June 2020, when Indian troops fought with Chinese troops in the Galwan Valley.",
        "2024-05-01",
    );
    assert!(
        !e.is_empty() && e.iter().all(|e| e.date.as_deref() == Some("2020-06")),
        "{e:?}"
    );
}

#[test]
fn a_quotation_without_a_date_takes_the_date_it_was_said() {
    let e = code_events(
        "Greek Foreign Minister Giorgos Gerapetritis spoke in Athens.\n\n\"We have asked Ankara to keep its jets away. Our country wants calm,\" Gerapetritis told parliament on Tuesday.",
        "2024-05-02",
    );
    let asked = e
        .iter()
        .find(|e| e.source.code.as_deref() == Some("GRCGOV"))
        .expect("the appeal");
    assert_eq!(
        asked.date.as_deref(),
        Some("2024-04-30"),
        "{}",
        asked.evidence.date_source
    );
    assert!(asked.evidence.date_source.to_string().starts_with("quote"));
}

#[test]
fn every_event_carries_its_evidence() {
    let events = code_events(
        "Turkish Foreign Minister Hakan Fidan visited Cairo on Monday.",
        "2024-05-01",
    );
    let e = &events[0];
    assert_eq!(e.text, "Turkish Foreign Minister Hakan Fidan visited Cairo on Monday.");
    assert!(e.evidence.pattern.starts_with("verbs.txt:"), "{}", e.evidence.pattern);
    assert_eq!(e.evidence.trigger, "visited");
    assert!(e
        .source
        .entries
        .iter()
        .any(|u| u.entry == "Hakan Fidan" && u.source.file.starts_with("people/")));
    assert!(e
        .target
        .entries
        .iter()
        .any(|u| u.entry == "Egypt" && u.source.file == "countries.tsv"));
    assert_eq!(e.source.span.of(&e.text), "Turkish Foreign Minister Hakan Fidan");
    assert_eq!(e.target.span.of(&e.text), "Cairo");
    assert_eq!(e.goldstein, 1.9);
    assert_eq!(e.quad_class, 1);
    assert_eq!(e.root, "04");
}

#[test]
fn a_quote_over_several_sentences_is_spoken_by_the_speaker_named_before_it() {
    let events = code_events(
        "Turkish Foreign Minister Hakan Fidan spoke in Ankara on Monday. Fidan said: \"We condemn the Greek decision. We will host the Greek foreign minister next month. Greece must withdraw its troops from the islands.\"",
        "2024-05-01",
    );
    let t: Vec<(String, String, String)> = events
        .iter()
        .map(|e| {
            (
                e.source.code.clone().unwrap_or_default(),
                e.target.code.clone().unwrap_or_default(),
                e.cameo.clone(),
            )
        })
        .collect();
    assert!(has(&t, "TURGOV", "GRC", "111"), "{t:?}");
    // "we" two sentences into the quote is still the speaker; a plan stays a plan
    assert!(has(&t, "TURGOV", "GRCGOV", "036"), "{t:?}");
    let we = events
        .iter()
        .find(|e| e.cameo == "036" && e.source.code.as_deref() == Some("TURGOV"))
        .unwrap();
    assert!(we.source.name.starts_with("We (= "), "{:?}", we.source);
    assert_eq!(
        we.source.chain.last().map(String::as_str),
        Some("Fidan"),
        "{:?}",
        we.source
    );
    // an obligation inside the quote is the speaker's demand, as in one-sentence reported speech
    assert!(
        t.iter()
            .any(|(a, b, c)| a == "TURGOV" && b == "GRC" && c.starts_with("10")),
        "{t:?}"
    );
}

#[test]
fn a_quote_attributed_after_it_reaches_back_to_its_first_sentence() {
    let t = triples(
        "President Recep Tayyip Erdogan spoke to reporters on Tuesday.\n\n\"Israel attacked us. Our country will never accept this. We condemn Israel,\" he said.",
        "2024-05-01",
    );
    assert!(has(&t, "ISR", "TURGOV", "180") || has(&t, "ISR", "TUR", "190"), "{t:?}");
    assert!(has(&t, "TURGOV", "ISR", "111"), "{t:?}");
    // "our country" as a subject
    let t = triples(
        "Azerbaijani President Ilham Aliyev spoke in Baku on Friday.\n\n\"The talks were useful. Our country criticised Armenia in March,\" Aliyev said.",
        "2024-05-01",
    );
    assert!(has(&t, "AZEGOV", "ARM", "111"), "{t:?}");
}

#[test]
fn first_person_outside_an_attributed_quote_stays_unresolved() {
    let t = triples(
        "Turkish Foreign Minister Hakan Fidan spoke on Monday. \"We condemn Iran,\" a man said. We criticised Iran. \"We condemn Greece.\"",
        "2024-05-01",
    );
    assert!(!t.iter().any(|(_, b, _)| b == "IRN" || b == "GRC"), "{t:?}");
}

#[test]
fn sentence_at_a_time_coding_has_no_document_context() {
    use dyad::coder::Options;
    let text = "Turkish Foreign Minister Hakan Fidan arrived in Baku on Monday. He met Azerbaijani President Ilham Aliyev. In 2021 the two navies held joint drills.";
    let doc = Document {
        id: "test".into(),
        text: text.to_string(),
        title: None,
        body: Span::new(0, text.len()),
        boilerplate: Vec::new(),
        dateline: None,
        date: NaiveDate::from_ymd_opt(2024, 5, 1),
        date_source: DateSource::Given,
        warnings: vec![],
    };
    let with = Coder::embedded().code(&doc);
    assert!(with
        .iter()
        .any(|e| e.cameo == "040" && e.source.code.as_deref() == Some("TURGOV")));
    assert!(with.iter().any(|e| e.date.as_deref() == Some("2024-04-29")));
    let coder = Coder::embedded().with_options(Options {
        sentence_at_a_time: true,
        ..Options::default()
    });
    assert!(coder.options().sentence_at_a_time);
    let without = coder.code(&doc);
    assert!(!without.iter().any(|e| e.source.name.starts_with("He")), "{without:?}");
    assert!(!without.is_empty());
    assert!(without
        .iter()
        .all(|e| e.date.as_deref() == Some("2024-05-01")
            && e.evidence.date_source.to_string().starts_with("publication")));
}

#[test]
fn a_quote_right_after_an_attributed_one_has_the_same_speaker() {
    let t = triples(
        "Turkish Foreign Minister Hakan Fidan spoke in Ankara on Monday.\n\n\"The talks were useful,\" he said. \"We condemned the Greek drills.\"\n\n\"We criticised Iran.\"",
        "2024-05-01",
    );
    assert!(has(&t, "TURGOV", "GRC", "111"), "{t:?}");
    // a new paragraph's quote without attribution is nobody's
    assert!(!t.iter().any(|(_, b, _)| b == "IRN"), "{t:?}");
}

#[test]
fn an_obligation_the_speaker_shares_is_not_a_demand_on_his_own_state() {
    let t = triples(
        "\"France and Britain must act together,\" French President Emmanuel Macron told lawmakers.",
        "2025-07-08",
    );
    assert!(t.is_empty(), "{t:?}");
    let t = triples(
        "Serbia must withdraw its troops from the border, the European Union said.",
        "2023-09-30",
    );
    assert!(
        t.iter()
            .any(|(a, b, c)| a == "IGOEUREEC" && b == "SRB" && c.starts_with("10")),
        "{t:?}"
    );
}

#[test]
fn a_quote_over_several_paragraphs_has_one_speaker() {
    // news style: the quote is left open at the paragraph's end and reopened in the next
    let t = triples(
        "Turkish Foreign Minister Hakan Fidan spoke in Ankara on Monday.\n\n\"We condemned the Greek drills.\n\n\"The talks were useful,\" he said.",
        "2024-05-01",
    );
    assert!(has(&t, "TURGOV", "GRC", "111"), "{t:?}");
    let t = triples(
        "Turkish Foreign Minister Hakan Fidan spoke in Ankara on Monday. Fidan said: \"The talks were useful.\n\n\"We criticised Greece.\"",
        "2024-05-01",
    );
    assert!(has(&t, "TURGOV", "GRC", "111"), "{t:?}");
    // a closed quote does not run on into the next paragraph's
    let t = triples(
        "Turkish Foreign Minister Hakan Fidan spoke in Ankara on Monday. Fidan said: \"The talks were useful.\"\n\n\"We criticised Greece.\"",
        "2024-05-01",
    );
    assert!(!has(&t, "TURGOV", "GRC", "111"), "{t:?}");
}

#[test]
fn a_body_whose_name_holds_a_diplomatic_word_inside_another_word_is_located() {
    // "commission" holds "mission": only whole words of diplomatic representation keep an
    // actor from taking the country of the place it stands in.
    let t = triples(
        "Russian forces shelled the election commission in Kharkiv on Monday.",
        "2024-05-06",
    );
    assert!(has(&t, "RUSMIL", "UKRGOV", "194"), "{t:?}");
    let t = triples("Russian forces shelled the embassy in Kyiv on Monday.", "2024-05-06");
    assert!(
        !t.iter().any(|(_, b, _)| b == "UKRGOV"),
        "an embassy is not its host's: {t:?}"
    );
}

#[test]
fn frames_show_clauses_with_actors_and_whether_they_gave_an_event() {
    let text = "Iran condemned Turkey on Monday. Iran photographed ships near Turkey. The expulsion of Turkish diplomats by Iran surprised analysts.";
    let doc = Document {
        id: "t".into(),
        text: text.into(),
        title: None,
        body: Span::new(0, text.len()),
        boilerplate: Vec::new(),
        dateline: None,
        date: NaiveDate::from_ymd_opt(2024, 5, 1),
        date_source: DateSource::Given,
        warnings: vec![],
    };
    let frames = Coder::embedded().frames(&doc);
    let sig = |s: &str| {
        frames
            .iter()
            .find(|f| f.signature == s)
            .unwrap_or_else(|| panic!("{s}: {frames:#?}"))
    };
    assert!(sig("A condemn A").coded);
    let f = sig("A photograph ship near:A");
    assert!(!f.coded && f.actors == 2 && !f.irrealis);
    assert!(sig("expulsion of:A by:A").actors == 2);
}

#[test]
fn domestic_actors_take_the_country_of_the_story_marked_as_inferred() {
    let text = "Somalia steps up fight\n\nMOGADISHU (AP) — Police arrested five journalists on Tuesday.\n";
    let doc = Document::parse("t", text.into(), NaiveDate::from_ymd_opt(2025, 3, 12));
    let events = Coder::embedded().code(&doc);
    let e = events
        .iter()
        .find(|e| e.cameo.starts_with("17"))
        .unwrap_or_else(|| panic!("{events:#?}"));
    assert_eq!(e.source.country.as_deref(), Some("SOM"));
    assert!(
        e.evidence
            .notes
            .iter()
            .any(|n| n.contains("source inferred") && n.contains("dateline")),
        "{:?}",
        e.evidence.notes
    );
    // without a dateline: the country the story names most
    let text = "Kenya's government faces protests. Kenya's president spoke. The police detained opposition leaders.";
    let t = triples(text, "2025-03-12");
    assert!(t.iter().any(|(s, _, c)| s == "KENCOP" && c.starts_with("17")), "{t:?}");
}

#[test]
fn the_unnamed_authority_of_a_passive_is_inferred_and_said_so() {
    let d = "2024-03-30";
    // the place of the act
    let t = triples("A Japanese national was detained in Beijing earlier this month.", d);
    assert!(has(&t, "CHNGOV", "JPN", "173"), "{t:?}");
    // summoned "to" a ministry; an envoy's host when no place is given
    let t = triples(
        "Moldova's ambassador to Moscow, Lilian Darii, was summoned to the Russian Foreign Ministry on Monday.",
        d,
    );
    assert!(has(&t, "RUSGOV", "MDAGOV", "111"), "{t:?}");
    let t = triples(
        "The Myanmar ambassador to Dhaka was summoned at the office of the foreign secretary.",
        d,
    );
    assert!(has(&t, "BGDGOV", "MMRGOV", "111"), "{t:?}");
    // people a state's own authority holds at home are its people, not the place
    let t = triples("A man was arrested in Paris after the attack.", d);
    assert!(has(&t, "FRAGOV", "FRACVL", "173"), "{t:?}");
    // the inference is in the evidence
    let e = code_events("A Japanese national was detained in Beijing earlier this month.", d);
    let why = e[0].source.inferred.as_deref().unwrap_or_default();
    assert!(why.contains("detained") && why.contains("Beijing"), "{why}");
    // not for acts any actor does, and not for a plain passive with its agent
    assert!(triples("A Japanese national was injured in Beijing.", d).is_empty());
    let t = triples("Eight Indian fishermen were arrested by the Sri Lankan navy.", d);
    assert!(t.iter().all(|(s, _, _)| s == "LKAMIL"), "{t:?}");
}

#[test]
fn a_prepositional_object_before_a_verb_stays_with_its_preposition() {
    // "in Iran" belongs to "imprisoned"; only a subordinating word opens a new clause
    let t = triples(
        "\"Five Americans who were imprisoned in Iran are finally coming home,\" President Joe Biden said.",
        "2023-09-18",
    );
    assert!(has(&t, "IRNGOV", "USA", "173"), "{t:?}");
    let t = triples(
        "Turkey protested after Greece expelled the Turkish ambassador.",
        "2023-09-18",
    );
    assert!(has(&t, "GRC", "TURGOV", "166"), "{t:?}");
}

#[test]
fn people_named_by_a_role_alone_act_where_they_act() {
    let d = "2025-03-12";
    let t = triples("Gunmen attacked a police station in northern Nigeria on Monday.", d);
    assert!(has(&t, "NGAUAF", "NGACOP", "180"), "{t:?}");
    let t = triples(
        "Hundreds of protesters stormed the Swedish embassy in central Baghdad.",
        d,
    );
    assert!(has(&t, "IRQOPP", "SWEGOV", "145"), "{t:?}");
    // not forces someone owns, and not a diplomatic act whose place is the envoy's
    let t = triples(
        "Russia's Defence Ministry said its forces had captured another village in Ukraine's Donetsk region.",
        d,
    );
    assert!(t.iter().all(|(s, _, _)| !s.starts_with("UKR")), "{t:?}");
}

#[test]
fn it_and_its_are_a_state_named_before_in_the_sentence() {
    let d = "2023-12-14";
    // an object "it" is not its own verb's subject
    let t = triples(
        "Somalia announced it has severed diplomatic ties with Kenya, accusing it of interfering in Somalia's affairs.",
        d,
    );
    assert!(has(&t, "SOM", "KEN", "112"), "{t:?}");
    // "its forces" belong to the state named first, not to the country the story names most
    let t = triples(
        "Russia's Defence Ministry said its forces had captured another village in Ukraine's Donetsk region.",
        d,
    );
    assert!(t.iter().any(|(s, _, c)| s == "RUSMIL" && c == "192"), "{t:?}");
    // "his" is never a phrase naming two leaders
    let e = code_events(
        "Erdogan met Mitsotakis. The two leaders differed openly, with Erdogan repeating his criticism of Israel.",
        d,
    );
    let crit = e.iter().find(|e| e.cameo == "111").unwrap_or_else(|| panic!("{e:#?}"));
    assert_eq!(crit.source.code.as_deref(), Some("TURGOV"), "{:?}", crit.source);
}

#[test]
fn plans_parentheses_and_appeals_for_a_place() {
    let d = "2023-08-08";
    // a decision's infinitive is its announcer's act; a plan's is an intention
    let t = triples(
        "Taiwan's Foreign Minister Joseph Wu announced a decision to sever diplomatic relations with Honduras.",
        d,
    );
    assert!(has(&t, "TWNGOV", "HND", "161"), "{t:?}");
    let t = triples("Modi announced plans to visit Russia next month.", d);
    assert!(has(&t, "INDGOV", "RUS", "036"), "{t:?}");
    // an owned decision is its owner's
    let t = triples("Polish officials criticised Berlin's decision to visit Moscow.", d);
    assert!(
        t.iter().all(|(s, _, c)| !(s.starts_with("POL") && c.starts_with("04"))),
        "{t:?}"
    );
    // "(PCG)" between the subject and its verb
    let t = triples(
        "On Monday, the Philippines Coast Guard (PCG) accused a Chinese ship of unlawful behavior.",
        d,
    );
    assert!(has(&t, "PHLMIL", "CHN", "112"), "{t:?}");
    // an appeal for something in a state is addressed to that state
    let t = triples(
        "The UN special envoy for Syria is calling for an end to violence in Syria.",
        d,
    );
    assert!(has(&t, "IGOUNO", "SYR", "020"), "{t:?}");
}

#[test]
fn a_denied_accusation_without_author_is_the_other_state_of_the_story() {
    let text = "Somalia announced it has severed diplomatic ties with Kenya, accusing it of interference. \
                Kenya denied the accusations.";
    let e = code_events(text, "2023-12-14");
    let denial = e.iter().find(|e| e.cameo == "016").unwrap_or_else(|| panic!("{e:#?}"));
    assert_eq!(denial.source.code.as_deref(), Some("KEN"));
    assert_eq!(denial.target.code.as_deref(), Some("SOMGOV"));
    assert!(denial
        .target
        .inferred
        .as_deref()
        .unwrap_or_default()
        .contains("the accusations"));
    // an owner the coder cannot resolve is not guessed
    let text = "Somalia accused Kenya of interference. Kenya rejected their demand.";
    let t: Vec<_> = code_events(text, "2023-12-14")
        .into_iter()
        .filter(|e| e.cameo == "120")
        .collect();
    assert!(t.is_empty(), "{t:#?}");
}

#[test]
fn a_day_name_after_a_noun_does_not_swallow_the_phrase() {
    // "talks Tuesday" is not one noun phrase headed by the day
    let t = triples("Rubio held talks Tuesday with Ukrainian officials.", "2025-03-12");
    assert!(has(&t, "USAGOV", "UKRGOV", "040"), "{t:?}");
    // a day inside a name stays in it
    let t = triples(
        "Britain and Ireland signed the Good Friday Agreement in 1998.",
        "2025-03-12",
    );
    assert!(has(&t, "GBR", "IRL", "057"), "{t:?}");
}

#[test]
fn a_gerund_after_by_shares_the_subject_of_its_clause() {
    let t = triples("Canada retaliated by imposing tariffs on U.S. exports.", "2025-03-12");
    assert!(has(&t, "CAN", "USA", "163"), "{t:?}");
    let t = triples("Putin met Erdogan before flying to Iran.", "2025-03-12");
    assert!(has(&t, "RUSGOV", "IRN", "042"), "{t:?}");
}

#[test]
fn a_participle_after_a_full_verb_begins_the_object() {
    // "announcing increased tariffs": increased modifies tariffs; "has increased" stays a verb
    let t = triples("Trump imposed increased tariffs on Canada.", "2025-03-12");
    assert!(has(&t, "USAGOV", "CAN", "163"), "{t:?}");
    let t = triples("Iran has increased pressure on Israel.", "2025-03-12");
    assert!(has(&t, "IRN", "ISR", "170"), "{t:?}");
}

#[test]
fn a_one_way_act_without_an_addressee_is_aimed_at_the_other_state() {
    // the sentence names one other state
    let evs = code_events(
        "Turkish President Erdogan insulted French President Emmanuel Macron on Saturday, and France recalled its ambassador on Sunday.",
        "2025-03-12",
    );
    let recall = evs.iter().find(|e| e.cameo == "161").expect("recall coded");
    assert_eq!(recall.source.country.as_deref(), Some("FRA"));
    assert_eq!(recall.target.country.as_deref(), Some("TUR"));
    assert!(
        recall
            .target
            .inferred
            .as_deref()
            .is_some_and(|w| w.contains("addressee")),
        "{:?}",
        recall.target
    );
    // the story's other state
    let t = triples(
        "Iran and Azerbaijan met in Baku. Azerbaijan recalled its ambassador.",
        "2025-03-12",
    );
    assert!(has(&t, "AZE", "IRN", "161"), "{t:?}");
    // a meeting's other side is not guessed
    let evs = code_events(
        "Iran and Azerbaijan met in Baku. Azerbaijan held talks on Monday.",
        "2025-03-12",
    );
    assert!(evs.iter().any(|e| e.sentence == 0), "{evs:?}");
    assert!(!evs.iter().any(|e| e.sentence == 1), "{evs:?}");
}

#[test]
fn disapproval_of_an_act_with_no_author_is_aimed_at_the_story_other_state() {
    let evs = code_events(
        "Protesters stormed the Swedish embassy in Baghdad. Iraq expelled the Swedish ambassador. \
         Swedish Foreign Minister Tobias Billstrom condemned the attacks on Friday.",
        "2023-07-21",
    );
    let condemn = evs
        .iter()
        .find(|e| e.cameo == "111" && e.sentence == 2)
        .unwrap_or_else(|| panic!("{evs:?}"));
    assert_eq!(condemn.source.country.as_deref(), Some("SWE"));
    assert_eq!(condemn.target.country.as_deref(), Some("IRQ"));
    assert!(condemn.target.inferred.is_some(), "{:?}", condemn.target);
    // an owner not resolved is not guessed
    let evs = code_events(
        "Sweden and Iraq are at odds. Sweden condemned their decision.",
        "2023-07-21",
    );
    assert!(!evs.iter().any(|e| e.sentence == 1), "{evs:?}");
}

#[test]
fn states_joined_by_a_hyphen_are_both_sides_of_talks() {
    // the name after the hyphen runs on into the next token ("U.S.-North" + "Korea")
    let t = triples(
        "U.S.-North Korea working-level talks in Stockholm broke down.",
        "2019-12-10",
    );
    assert!(has(&t, "USA", "PRK", "040") && has(&t, "PRK", "USA", "040"), "{t:?}");
    let t = triples("Turkish-Egyptian talks began in Cairo.", "2019-12-10");
    assert!(has(&t, "TUR", "EGY", "040"), "{t:?}");
    // a place alone names no side
    let t = triples("The Jeddah talks began on Tuesday.", "2019-12-10");
    assert!(t.is_empty(), "{t:?}");
}

#[test]
fn the_two_sides_of_a_one_way_act_act_on_each_other() {
    let t = triples(
        "Turkey and Egypt fell out in 2013. The two countries withdrew their respective ambassadors soon after.",
        "2023-05-28",
    );
    assert!(
        has(&t, "TURGOV", "EGYGOV", "161") && has(&t, "EGYGOV", "TURGOV", "161"),
        "{t:?}"
    );
}

#[test]
fn a_measure_noun_passes_the_object_to_its_of_phrase() {
    let t = triples(
        "China on Thursday handed over a new batch of food assistance to Zimbabwe.",
        "2023-05-28",
    );
    assert!(has(&t, "CHN", "ZWE", "070"), "{t:?}");
}

#[test]
fn an_event_noun_discussed_is_not_planned() {
    // the topic of "met to discuss" is reported, not intended; "to pay a visit" is planned
    let t = triples(
        "The council met to discuss North Korea's transfer of arms and munitions to Russia.",
        "2024-06-28",
    );
    assert!(has(&t, "PRK", "RUS", "072"), "{t:?}");
    let evs = code_events("Putin invited Erdogan to pay a state visit to Russia.", "2024-06-28");
    assert!(evs.iter().any(|e| e.cameo == "036"), "{evs:?}");
}

#[test]
fn an_event_noun_that_took_place_takes_its_clause_phrases() {
    let t = triples(
        "Clashes broke out between Taliban and Iranian forces at the border.",
        "2023-05-28",
    );
    assert!(
        has(&t, "AFGGOV", "IRNMIL", "190") && has(&t, "IRNMIL", "AFGGOV", "190"),
        "{t:?}"
    );
    let t = triples("Kyrgyzstan and Tajikistan spoke by phone on Saturday.", "2022-09-17");
    assert!(has(&t, "KGZ", "TJK", "041"), "{t:?}");
    // the border's phrase, not the fighting's
    let t = triples(
        "Fighting erupted on Tuesday along the border with Azerbaijan.",
        "2023-05-28",
    );
    assert!(t.is_empty(), "{t:?}");
}

#[test]
fn the_object_of_help_is_the_subject_of_its_bare_infinitive() {
    let t = triples(
        "Last year, India helped Mauritius build an airstrip and a jetty.",
        "2025-03-12",
    );
    assert!(has(&t, "IND", "MUS", "070"), "{t:?}");
    // the infinitive's act is the object's: Iran, not the sanctions, closes the border
    let t = triples("The sanctions made Iran close its border with Iraq.", "2025-03-12");
    assert!(
        t.iter().all(|(s, _, c)| !c.starts_with("16") || s.starts_with("IRN")),
        "{t:?}"
    );
}

#[test]
fn a_detention_by_a_state_is_coded_from_the_noun() {
    let t = triples(
        "The chief minister raised the detention of Indian fishermen by Sri Lanka since June.",
        "2022-11-10",
    );
    assert!(
        t.iter()
            .any(|(s, g, c)| s == "LKA" && g.starts_with("IND") && c == "173"),
        "{t:?}"
    );
}

#[test]
fn a_listed_ing_adjective_belongs_to_the_noun_after_it() {
    let t = triples(
        "Australia and neighbouring Papua New Guinea have signed a bilateral security agreement.",
        "2023-12-07",
    );
    assert!(has(&t, "AUS", "PNG", "057") && has(&t, "PNG", "AUS", "057"), "{t:?}");
    // one that is never a verb taking an object: after a preposition too
    let t = triples(
        "Syria says it is willing to withdraw its troops from neighboring Lebanon.",
        "2005-03-05",
    );
    assert!(t.iter().any(|(s, g, _)| s == "SYR" && g == "LBN"), "{t:?}");
}

#[test]
fn a_list_after_a_subordinating_preposition_is_the_subject_of_its_clause() {
    let t = triples(
        "Wednesday's attack came one day after the US and UK launched airstrikes on the Hudaydah airport.",
        "2024-01-24",
    );
    assert!(has(&t, "USA", "YEM", "195") && has(&t, "GBR", "YEM", "195"), "{t:?}");
    let t = triples(
        "Russia protested after Britain, France and Germany expelled its diplomats.",
        "2024-01-24",
    );
    for s in ["GBR", "FRA", "DEU"] {
        assert!(has(&t, s, "RUSGOV", "166"), "{s}: {t:?}");
    }
}

#[test]
fn a_particle_after_the_object_makes_the_phrasal_verb() {
    let t = triples(
        "The Mexican foreign ministry said it was ordering its envoy home from Lima.",
        "2023-12-07",
    );
    assert!(t.iter().any(|(s, _, c)| s == "MEXGOV" && c == "161"), "{t:?}");
    let t = triples("Thailand abruptly turned 40 Uyghurs over to China.", "2025-03-01");
    assert!(has(&t, "THA", "CHN", "063"), "{t:?}");
    // "home" heads a possessive phrase: no particle
    let t = triples("Rockets hit the president's home in Kyiv.", "2023-12-07");
    assert!(t.iter().all(|(_, _, c)| c != "161"), "{t:?}");
}

#[test]
fn each_other_is_every_subject_aimed_at_the_others() {
    let t = triples(
        "Armenia and Azerbaijan accused one another of violating the ceasefire.",
        "2023-12-07",
    );
    assert!(has(&t, "ARM", "AZE", "112") && has(&t, "AZE", "ARM", "112"), "{t:?}");
    // one subject: no partner to aim at
    let t = triples("Armenia accused each other of violations.", "2023-12-07");
    assert!(t.is_empty(), "{t:?}");
}

#[test]
fn the_infinitive_after_a_copula_takes_its_subject() {
    // a predicate noun: the act is a fact
    let t = triples(
        "In 1994, Jordan became the second Arab state to make peace with Israel.",
        "2023-10-31",
    );
    assert!(has(&t, "JOR", "ISR", "057"), "{t:?}");
    // a listed predicate adjective: an intention
    let t = triples(
        "Erdogan said Turkey was ready to supply Egypt with drones.",
        "2024-09-04",
    );
    assert!(
        t.iter()
            .any(|(s, g, c)| s == "TUR" && g == "EGY" && c.starts_with("03")),
        "{t:?}"
    );
    // "is to visit" stays a plan
    let t = triples("Macron is to visit China next week.", "2023-12-07");
    assert!(has(&t, "FRAGOV", "CHN", "036"), "{t:?}");
}

#[test]
fn a_verb_joined_to_an_infinitive_shares_its_governor() {
    let t = triples(
        "Guterres is due to arrive in Kazan on Thursday and hold talks with Putin.",
        "2024-10-22",
    );
    assert!(has(&t, "IGOUNO", "RUSGOV", "036"), "{t:?}");
    assert!(t.iter().all(|(_, _, c)| c != "040"), "{t:?}");
}

#[test]
fn scare_quotes_stay_inside_their_noun_phrase() {
    let t = triples(
        "Days before the invasion, Putin and Chinese President Xi Jinping declared a \"no limits\" partnership.",
        "2023-03-20",
    );
    assert!(has(&t, "RUSGOV", "CHNGOV", "050"), "{t:?}");
}

#[test]
fn declaring_envoys_persona_non_grata_expels_them() {
    let t = triples(
        "Peru declared Mexico's ambassador to Lima \"persona non grata\" on Tuesday.",
        "2023-02-24",
    );
    assert!(has(&t, "PER", "MEXGOV", "166"), "{t:?}");
    let t = triples(
        "Germany declared 40 Russian diplomats personae non gratae in April.",
        "2022-04-25",
    );
    assert!(has(&t, "DEU", "RUSGOV", "166"), "{t:?}");
    // a declaration without the complement is not an expulsion
    let t = triples("Russia declared two Estonian diplomats heroes.", "2022-04-25");
    assert!(t.iter().all(|(_, _, c)| c != "166"), "{t:?}");
}

#[test]
fn a_trade_war_is_no_fighting() {
    for s in [
        "Trump's tariff-trade wars with Canada and Mexico continue.",
        "\"We launched a trade war against China,\" he said.",
    ] {
        let t = triples(s, "2025-03-11");
        assert!(t.iter().all(|(_, _, c)| !c.starts_with("19")), "{s}: {t:?}");
    }
    let t = triples("Russia launched a war against Ukraine.", "2022-02-24");
    assert!(has(&t, "RUS", "UKR", "190"), "{t:?}");
}

#[test]
fn a_commitment_to_a_state_is_coded_from_its_owner() {
    let t = triples(
        "Blinken reaffirmed the U.S. commitment to Japan's defense.",
        "2023-01-11",
    );
    assert!(has(&t, "USA", "JPN", "032"), "{t:?}");
}

#[test]
fn an_agentive_noun_stands_for_the_state_in_its_of_phrase() {
    let t = triples(
        "The Taliban praised the withdrawal of U.S. and NATO troops.",
        "2021-05-09",
    );
    assert!(
        t.iter()
            .any(|(s, g, c)| s.starts_with("AFG") && g == "USA" && c == "051"),
        "{t:?}"
    );
    let t = triples("Paris condemned \"the repressive attitude of Russia\".", "2023-01-09");
    assert!(has(&t, "FRAGOV", "RUS", "111"), "{t:?}");
}

#[test]
fn a_phone_call_in_a_prepositional_phrase_makes_the_talk_a_call() {
    let t = triples(
        "Sheinbaum and Trudeau told Trump in phone conversations last week that they had made strides.",
        "2025-03-04",
    );
    assert!(
        has(&t, "MEXGOV", "USAGOV", "041") && has(&t, "CANGOV", "USAGOV", "041"),
        "{t:?}"
    );
    let t = triples("Modi spoke with Putin in a phone call on Monday.", "2025-03-04");
    assert!(has(&t, "INDGOV", "RUSGOV", "041"), "{t:?}");
}

#[test]
fn a_reported_two_sided_act_is_the_speakers_side() {
    let t = triples(
        "Marape told reporters on Thursday the security agreement with Australia showed they were close.",
        "2023-12-07",
    );
    assert!(has(&t, "PNGGOV", "AUS", "057"), "{t:?}");
    let t = triples("Putin said the talks with Ukraine had been useless.", "2023-12-07");
    assert!(has(&t, "RUSGOV", "UKR", "040"), "{t:?}");
}

#[test]
fn an_aid_flight_arriving_delivers_aid_to_the_place() {
    let t = triples("An Australian aid flight has landed in Tonga.", "2022-01-20");
    assert!(has(&t, "AUS", "TON", "073"), "{t:?}");
    let t = triples("A Turkish aid convoy arrived in Gaza on Monday.", "2023-11-20");
    assert!(t.iter().any(|(s, _, c)| s == "TUR" && c == "073"), "{t:?}");
}

#[test]
fn a_date_after_a_compared_phrase_belongs_to_it() {
    let evs = code_events(
        "In 1994, Jordan became the second Arab state to make peace with Israel after Egypt in 1979.",
        "2023-11-01",
    );
    let peace: Vec<_> = evs.iter().filter(|e| e.cameo == "057").collect();
    assert!(!peace.is_empty(), "{evs:?}");
    assert!(peace.iter().all(|e| e.date.as_deref() == Some("1994")), "{peace:?}");
}

#[test]
fn a_threatened_act_without_a_pattern_is_a_threat_against_the_state_it_names() {
    let t = triples("Hezbollah threatened to resume operations in Israel.", "2024-05-03");
    assert!(has(&t, "LBNREB", "ISR", "130"), "{t:?}");
    // nothing named: no threat against anyone
    let t = triples("Hezbollah threatened to resume operations.", "2024-05-03");
    assert!(t.is_empty(), "{t:?}");
}

#[test]
fn a_bare_weekday_before_the_verb_is_no_subject() {
    let t = triples("Turkey Friday expelled the Dutch ambassador.", "2024-05-03");
    assert!(has(&t, "TUR", "NLDGOV", "166"), "{t:?}");
}

#[test]
fn a_participle_after_a_past_tense_describes_the_noun_after_it() {
    let t = triples(
        "Kenya extradited suspected Somali militant Ahmed Ali to Somalia on Sunday.",
        "2024-05-03",
    );
    assert!(
        t.iter()
            .any(|(s, g, c)| s == "KEN" && g.starts_with("SOM") && c == "063"),
        "{t:?}"
    );
}

#[test]
fn a_base_verb_after_a_modal_or_in_a_that_clause_is_a_verb() {
    let tagger = dyad::text::tagger::Tagger::embedded();
    let tag_of = |s: &str, w: &str| {
        let words: Vec<&str> = s.split(' ').collect();
        let i = words.iter().position(|x| *x == w).unwrap();
        tagger.tag(&words)[i]
    };
    use dyad::text::pos::Pos;
    let s = "Gunmen said they will release Prime Minister Ali Khan on Friday .";
    assert_eq!(tag_of(s, "release"), Pos::VB);
    let s = "Paris demanded that Hezbollah renounce its weapons .";
    assert_eq!(tag_of(s, "renounce"), Pos::VB);
    // a noun stays a noun: "the release of the prisoners"
    let s = "They welcomed the release of the prisoners .";
    assert_eq!(tag_of(s, "release"), Pos::NN);
}

#[test]
fn an_adjective_after_be_governs_the_infinitive() {
    let t = triples(
        "Turkey said it is willing to withdraw its troops from Iraq.",
        "2024-05-03",
    );
    assert!(has(&t, "TUR", "IRQ", "035"), "{t:?}");
    // an unlisted adjective or a noun after "be" makes no intent of the subject's
    let t = triples(
        "Iran was the first country to recognise the new government of Syria.",
        "2024-05-03",
    );
    assert!(t.iter().all(|(_, _, c)| !c.starts_with("03")), "{t:?}");
}

#[test]
fn a_participle_after_a_present_tense_describes_the_noun_after_it() {
    let t = triples(
        "Armenia rejects proposed Azerbaijani amendments to the treaty.",
        "2024-05-03",
    );
    assert!(has(&t, "ARM", "AZE", "120"), "{t:?}");
}

#[test]
fn a_noun_event_inside_a_threatened_act_is_not_asserted() {
    let t = triples(
        "China threatened to impose import restrictions against Japanese goods.",
        "2024-05-03",
    );
    assert!(has(&t, "CHN", "JPN", "1312"), "{t:?}");
    assert!(!has(&t, "CHN", "JPN", "163"), "{t:?}");
    // a promise keeps its noun's act as the intent
    let t = triples("Norway promised to continue military aid to Ukraine.", "2024-05-03");
    assert!(has(&t, "NOR", "UKR", "033"), "{t:?}");
    assert!(!has(&t, "NOR", "UKR", "030"), "{t:?}");
}

#[test]
fn a_commitment_to_an_act_without_a_pattern_is_an_intent_to_cooperate_with_the_state_it_names() {
    let t = triples(
        "Sudan has offered to hand over to Egypt three of its citizens.",
        "2024-05-03",
    );
    assert!(has(&t, "SDN", "EGY", "030"), "{t:?}");
    // a plan is no commitment to anyone
    let t = triples("Israel plans to expand settlements in the West Bank.", "2024-05-03");
    assert!(!t.iter().any(|(_, _, c)| c == "030"), "{t:?}");
}

#[test]
fn crowds_demonstrate_where_governments_protest() {
    let t = triples(
        "About 300 ethnic Hungarians demonstrated on Friday in Slovakia.",
        "2024-05-03",
    );
    assert!(t.iter().any(|(_, g, c)| g == "SVK" && c == "141"), "{t:?}");
    let t = triples("Turkey protested to Greece over the incident.", "2024-05-03");
    assert!(has(&t, "TUR", "GRC", "110"), "{t:?}");
}

#[test]
fn the_noun_of_a_demand_governs_its_that_clause() {
    let t = triples(
        "The WHO reiterated its demand that Israel ease restrictions on Gaza.",
        "2024-05-03",
    );
    assert!(
        t.iter()
            .any(|(s, g, c)| s.starts_with("IGO") && g == "ISR" && c.starts_with("10")),
        "{t:?}"
    );
}

#[test]
fn coordinated_subjects_after_a_speech_verb_open_the_reported_clause() {
    let t = triples(
        "The UN said Russian and Ukrainian forces must protect civilians in Kherson.",
        "2003-05-03",
    );
    assert!(
        t.iter().any(|(_, g, c)| g.starts_with("RUS") && c.starts_with("10")),
        "{t:?}"
    );
    assert!(
        t.iter().any(|(_, g, c)| g.starts_with("UKR") && c.starts_with("10")),
        "{t:?}"
    );
}

#[test]
fn a_common_noun_after_a_parenthesised_acronym_leaves_the_name_as_subject() {
    let t = triples(
        "The Association of Southeast Asian Nations (ASEAN) bloc has agreed to open an office in Jakarta.",
        "2000-05-03",
    );
    assert!(
        t.iter()
            .any(|(s, g, c)| s.starts_with("IGO") && g.starts_with("IDN") && c.starts_with("03")),
        "{t:?}"
    );
}

#[test]
fn a_hunger_strike_is_no_air_strike() {
    let t = triples("Syrian rebels started a hunger strike.", "1995-05-03");
    assert!(t.iter().any(|(s, _, c)| s == "SYRREB" && c == "142"), "{t:?}");
    assert!(!t.iter().any(|(_, _, c)| c.starts_with("19")), "{t:?}");
}

#[test]
fn a_refused_act_without_a_pattern_is_a_rejection_of_the_state_it_names() {
    let t = triples(
        "Hamas refused to allow United Nations inspectors to enter Gaza.",
        "1998-05-03",
    );
    assert!(
        t.iter()
            .any(|(s, g, c)| s.starts_with("PSE") && g.starts_with("IGO") && c == "120"),
        "{t:?}"
    );
    // nothing named: nothing rejected
    let t = triples("Hamas refused to comment.", "1998-05-03");
    assert!(t.is_empty(), "{t:?}");
}
