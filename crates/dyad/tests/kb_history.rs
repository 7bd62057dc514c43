//! The office-holders of 1989-2013 (`data/kb/people/history.tsv`): the file loads whole, its
//! terms are well formed and do not overlap within one office, and news of the period codes its
//! leaders on the article's date; a person named outside all their terms is their state's elite.

use chrono::NaiveDate;
use dyad::coder::Coder;
use dyad::event::Event;
use dyad::ingest::{DateSource, Document};
use dyad::kb::{KnowledgeBase, Person};
use dyad::text::Span;
use std::collections::{BTreeMap, HashSet};

const HISTORY: &str = include_str!("../../../data/kb/people/history.tsv");
const FILE: &str = "people/history.tsv";

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn code(text: &str, date: &str) -> Vec<Event> {
    let doc = Document {
        id: "test".into(),
        text: text.to_string(),
        title: None,
        body: Span::new(0, text.len()),
        boilerplate: Vec::new(),
        dateline: None,
        date: Some(d(date)),
        date_source: DateSource::Given,
        warnings: vec![],
    };
    Coder::embedded().code(&doc)
}

fn history(kb: &KnowledgeBase) -> Vec<&Person> {
    kb.people.iter().filter(|p| p.source.file == FILE).collect()
}

#[test]
fn the_history_file_loads_whole_into_the_embedded_kb() {
    // every data line is an entry: none is dropped as unreadable
    let lines = HISTORY
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .count();
    let alone = KnowledgeBase::from_files(&[(FILE, HISTORY)]).expect("history.tsv loads on its own");
    assert_eq!(alone.people.len(), lines);
    let kb = KnowledgeBase::embedded();
    let people = history(kb);
    assert_eq!(people.len(), lines, "history.tsv is one of the embedded files");
    assert!(lines >= 600, "{lines} lines");
    // some of the people the issue names
    for name in [
        "George H. W. Bush",
        "Yasser Arafat",
        "Jacques Chirac",
        "Laurent Gbagbo",
        "Levy Mwanawasa",
    ] {
        assert!(people.iter().any(|p| p.name == name), "{name}");
    }
}

#[test]
fn history_terms_are_well_formed() {
    let kb = KnowledgeBase::embedded();
    let roles: HashSet<&str> = [
        "head of state",
        "head of government",
        "head of state and government",
        "foreign minister",
        "defence minister",
        "vice president",
        "supreme leader",
        "party leader",
        "group leader",
        "organisation head",
        "UN secretary-general",
        "NATO secretary general",
        "EU high representative",
        "European Commission president",
    ]
    .into_iter()
    .collect();
    for p in history(kb) {
        let at = format!("{}:{} {}", p.source.file, p.source.line, p.name);
        let (Some(from), Some(until)) = (p.from, p.until) else {
            panic!("{at}: a past term has both dates");
        };
        assert!(from <= until, "{at}");
        // the period the file covers: terms running in 1989-2012 (a few began long before, Jimmy
        // Carter's ended in 1981, and a few holders in office on 2013-01-01 that no other file
        // lists run on: Sata, Biden, Johnson Sirleaf)
        assert!(from >= d("1946-01-01") && from <= d("2012-12-31"), "{at}: from {from}");
        assert!(
            until >= d("1981-01-01") && until <= d("2018-12-31"),
            "{at}: until {until}"
        );
        assert!(roles.contains(p.role.as_str()), "{at}: role {}", p.role);
        assert!(p.title.is_some(), "{at}: a title= note");
        assert!(
            kb.country_of_code(&p.code).is_some() || p.code.starts_with("IGO") || p.code == "IMGREB",
            "{at}: code {}",
            p.code
        );
        // state officials, heads of organisations, and armed groups' leaders (codes as in
        // people/group_leaders.tsv)
        let group = p.role == "group leader" && p.code.ends_with("REB");
        assert!(
            p.code.ends_with("GOV") || p.code.starts_with("IGO") || group,
            "{at}: code {}",
            p.code
        );
    }
}

#[test]
fn history_terms_do_not_overlap_within_an_office() {
    // Offices that did have two holders at once, each for a stated reason.
    let shared: &[(&str, &str)] = &[
        // the Soviet Union's and Russia's presidents and foreign ministers in 1990-91 (both RUS)
        ("RUSGOV", "head of state"),
        ("RUSGOV", "foreign minister"),
        // Serbia's and Yugoslavia's (Serbia and Montenegro's) presidents share the code SRB
        ("SRBGOV", "head of state"),
        // Bosnia's collective presidency
        ("BIHGOV", "head of state"),
        // the PLO chairman and the acting PA president (2004-05); the head of the PLO political
        // department and the PA foreign minister
        ("PSEGOV", "head of state"),
        ("PSEGOV", "foreign minister"),
        // Olmert acting for the incapacitated Sharon (2006)
        ("ISRGOV", "head of government"),
        // Iran's president and prime minister before 1989, both chief executives
        ("IRNGOV", "head of government"),
        // Gbagbo and Ouattara both claimed the presidency (2010-11)
        ("CIVGOV", "head of state"),
        // North Korea's leader and the formal head of state (as Kim Jong Un and Kim Yong-nam)
        ("PRKGOV", "head of state"),
        // IMGREB stands for several transnational networks at once (al-Qaeda, al-Qaeda in Iraq,
        // the Islamic State)
        ("IMGREB", "group leader"),
        // Hezbollah's leader and its deputy (group_leaders.tsv lists Naim Qassem from 1991)
        ("LBNREB", "group leader"),
    ];
    let kb = KnowledgeBase::embedded();
    let mut offices: BTreeMap<(&str, &str), Vec<&Person>> = BTreeMap::new();
    for p in &kb.people {
        if !p.group && p.from.is_some() {
            offices.entry((&p.code, &p.role)).or_default().push(p);
        }
    }
    let far = d("9999-12-31");
    let mut overlaps = Vec::new();
    for (office, terms) in &offices {
        if shared.contains(office) {
            continue;
        }
        for (i, a) in terms.iter().enumerate() {
            for b in &terms[i + 1..] {
                if a.source.file != FILE && b.source.file != FILE {
                    continue;
                }
                let (af, au) = (a.from.unwrap(), a.until.unwrap_or(far));
                let (bf, bu) = (b.from.unwrap(), b.until.unwrap_or(far));
                // the outgoing holder's last day may be the successor's first
                if af < bu && bf < au {
                    overlaps.push(format!(
                        "{office:?}: {} {}:{} and {} {}:{}",
                        a.name, a.source.file, a.source.line, b.name, b.source.file, b.source.line
                    ));
                }
            }
        }
    }
    assert!(overlaps.is_empty(), "{overlaps:#?}");
}

/// (source, target, cameo) of every event.
fn triples(text: &str, date: &str) -> Vec<(String, String, String)> {
    code(text, date)
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

#[test]
fn leaders_of_the_period_code_as_their_state_on_the_date() {
    let t = triples(
        "Palestinian leader Yasser Arafat rejected a US offer to host a summit.",
        "2000-07-05",
    );
    assert!(
        t.iter()
            .any(|(s, g, c)| s == "PSEGOV" && g.starts_with("USA") && c.starts_with("12")),
        "{t:?}"
    );
    // the two Presidents Bush: the term on the date is chosen, and its entry is cited
    for (date, who) in [("1990-08-10", "George H. W. Bush"), ("2003-03-10", "George W. Bush")] {
        let events = code("President Bush criticized Iraq on Monday.", date);
        let e = events
            .iter()
            .find(|e| e.source.code.as_deref() == Some("USAGOV"))
            .unwrap_or_else(|| panic!("{date}: {events:?}"));
        assert!(
            e.source.entries.iter().any(|u| u.entry == who),
            "{date}: {:?}",
            e.source.entries
        );
    }
    let t = triples("Jacques Chirac criticized Iraq on Monday.", "1998-02-01");
    assert!(t.iter().any(|(s, g, _)| s == "FRAGOV" && g == "IRQ"), "{t:?}");
}

#[test]
fn a_person_named_outside_their_terms_is_their_states_elite() {
    // after the term: a former president
    let events = code("Jacques Chirac criticized Iraq on Monday.", "2010-02-01");
    let e = events
        .iter()
        .find(|e| e.source.code.as_deref() == Some("FRAELI"))
        .unwrap_or_else(|| panic!("{events:?}"));
    let chirac = e.source.entries.iter().find(|u| u.entry == "Jacques Chirac").unwrap();
    assert_eq!(
        chirac.note.as_deref(),
        Some("out of office on the article date: held head of state 1995-05-17..2007-05-16")
    );
    // before the first term: of the state of the nearest term, saying so
    let events = code("Donald Trump criticized China over trade.", "2000-03-01");
    let e = events
        .iter()
        .find(|e| e.source.code.as_deref() == Some("USAELI"))
        .unwrap_or_else(|| panic!("{events:?}"));
    let trump = e.source.entries.iter().find(|u| u.entry == "Donald Trump").unwrap();
    assert!(
        trump
            .note
            .as_deref()
            .is_some_and(|n| n.contains("took office as") && n.contains("2017-01-20")),
        "{trump:?}"
    );
    // in office: no note
    let events = code("Donald Trump criticized China over trade.", "2018-03-01");
    let e = events
        .iter()
        .find(|e| e.source.code.as_deref() == Some("USAGOV"))
        .unwrap_or_else(|| panic!("{events:?}"));
    assert!(e.source.entries.iter().all(|u| u.note.is_none()), "{e:?}");
}

#[test]
fn the_nearest_term_of_a_state_gives_the_country() {
    let kb = KnowledgeBase::embedded();
    let terms = |name: &str| -> Vec<&Person> { kb.people.iter().filter(|p| p.name == name).collect() };
    // Solana: Spanish foreign minister, NATO and EU offices after; in 2012 he is Spain's elite
    let solana = terms("Javier Solana");
    assert!(solana.len() >= 3);
    let c = kb.term_on(&solana, Some(d("2012-06-01"))).unwrap();
    assert_eq!(c.code, "ESPELI");
    assert_eq!(c.person.code, "ESPGOV");
    // in office at NATO in 1997
    let c = kb.term_on(&solana, Some(d("1997-06-01"))).unwrap();
    assert_eq!((c.code.as_str(), c.note.is_none()), ("IGOWSTNAT", true));
    // an organisation's head only: a named person without a code, with the note
    let annan = terms("Kofi Annan");
    let c = kb.term_on(&annan, Some(d("2010-01-01"))).unwrap();
    assert_eq!(c.code, "");
    assert!(c.note.is_some());
    // between two terms, the nearer one: Kabila father (to 2001-01-16) and son (from 2001-01-26)
    let kabila: Vec<&Person> = kb
        .people
        .iter()
        .filter(|p| p.variants.iter().any(|v| v == "Kabila"))
        .collect();
    let c = kb.term_on(&kabila, Some(d("2001-01-18"))).unwrap();
    assert_eq!(
        (c.code.as_str(), c.person.name.as_str()),
        ("CODELI", "Laurent-Désiré Kabila")
    );
    let c = kb.term_on(&kabila, Some(d("2001-01-25"))).unwrap();
    assert_eq!((c.code.as_str(), c.person.name.as_str()), ("CODELI", "Joseph Kabila"));
}

#[test]
fn things_named_after_former_leaders_are_not_the_leaders() {
    // the carrier and the airport are blocked names; the man himself is a former president
    for text in [
        "The USS Ronald Reagan arrived in Busan on Monday.",
        "Flights resumed at Rafik Hariri International Airport on Monday.",
    ] {
        let events = code(text, "2024-05-01");
        let eli: Vec<&Event> = events
            .iter()
            .filter(|e| {
                [&e.source.code, &e.target.code]
                    .iter()
                    .any(|c| c.as_deref().is_some_and(|c| c.ends_with("ELI")))
            })
            .collect();
        assert!(eli.is_empty(), "{text}: {eli:?}");
    }
    let t = triples("Ronald Reagan met Mikhail Gorbachev in Reykjavik.", "1986-10-11");
    assert!(t.iter().any(|(s, g, _)| s == "USAGOV" && g == "RUSGOV"), "{t:?}");
}

#[test]
fn a_future_rebel_leader_is_not_the_states_elite() {
    let kb = KnowledgeBase::embedded();
    let sinwar: Vec<&Person> = kb.people.iter().filter(|p| p.name == "Yahya Sinwar").collect();
    assert!(!sinwar.is_empty());
    // before he led Hamas: no code (the coder keeps his country)
    let c = kb.term_on(&sinwar, Some(d("2010-01-01"))).unwrap();
    assert_eq!(c.code, "");
    // a later state office does make an elite: Rabin in 1980, before his terms of 1984-1995
    let rabin: Vec<&Person> = kb.people.iter().filter(|p| p.name == "Yitzhak Rabin").collect();
    let c = kb.term_on(&rabin, Some(d("1980-01-01"))).unwrap();
    assert_eq!(c.code, "ISRELI");
}
