//! Layout of real news, on invented pages in the shapes of stored web pages (`tests/layout/`):
//! title, date, dateline and lead found; subheadings, links, bylines, captions and credits left
//! uncoded; no event from them, and the lead coded.

use dyad::coder::Coder;
use dyad::ingest::{files, BoilerplateKind, Document};
use dyad::text::segment;
use std::path::{Path, PathBuf};

use BoilerplateKind::*;

struct Page {
    file: &'static str,
    title: Option<&'static str>,
    date: &'static str,
    place: Option<&'static str>,
    /// The first sentence that is coded starts so.
    lead: &'static str,
    not_coded: &'static [(&'static str, BoilerplateKind)],
}

const PAGES: &[Page] = &[
    Page {
        file: "01_glued_dateline_lead.txt",
        title: None,
        date: "2024-05-02",
        place: Some("ANKARA"),
        lead: "Turkey's foreign minister condemned Greece",
        not_coded: &[
            ("Related Greece says fishermen crossed into its waters", Navigation),
            ("Fishing Dispute Deepens", Heading),
        ],
    },
    Page {
        file: "02_glued_headline.txt",
        title: Some("U.S. Imposes Sanctions on Cuban Officials Over Crackdown"),
        date: "2021-08-13",
        place: Some("WASHINGTON"),
        lead: "The U.S. Treasury Department said on Friday",
        not_coded: &[],
    },
    Page {
        file: "03_site_label_and_publication_line.txt",
        title: Some("Russian Foreign Ministry Summons Canadian Ambassador Over Embassy Attack"),
        date: "2022-09-19",
        place: None,
        lead: "The Russian Foreign Ministry on Monday summoned",
        not_coded: &[],
    },
    Page {
        file: "04_numbered_menu_and_agency_dateline.txt",
        title: Some("Russia expels Moldovan diplomat in tit-for-tat move"),
        date: "2022-11-09",
        place: Some("TEHRAN"),
        lead: "Russia expelled a Moldovan diplomat",
        not_coded: &[],
    },
    Page {
        file: "05_captions_and_credits.txt",
        title: Some("Egypt and Turkey restore full diplomatic ties"),
        date: "2024-02-14",
        place: Some("CAIRO"),
        lead: "Egypt's president welcomed Turkey's president",
        not_coded: &[
            ("The Egyptian president, centre right, welcomes the Turkish president, centre left, at Cairo airport on Wednesday. EPA", Caption),
            ("Border guards escort asylum seekers at the crossing point in Lappeenranta, Finland, November 16, 2023", Caption),
            ("FILE - Protesters gather outside the embassy in Baghdad, Iraq, July 20, 2023. (AP Photo/John Doe, File)", Caption),
            ("An aircraft delivers aid to the airport at Nuku'alofa. (Defence Force)", Caption),
            ("Image by Jane Roe on Shutterstock", Caption),
        ],
    },
    Page {
        file: "06_paragraph_labels.txt",
        title: None,
        date: "2023-07-20",
        place: None,
        lead: "Hundreds of protesters stormed the Swedish embassy",
        not_coded: &[
            ("Protesters' Anger:", Heading),
            ("Swedish Response:", Heading),
            ("Aftermath:", Heading),
        ],
    },
    Page {
        file: "07_sign_off.txt",
        title: Some("Russia expels 40 German diplomats in retaliatory move"),
        date: "2022-04-25",
        place: Some("Moscow"),
        lead: "Russia has expelled 40 German diplomats",
        not_coded: &[("(ANI/Xinhua)", Caption)],
    },
    Page {
        file: "08_byline_block.txt",
        title: None,
        date: "2021-11-30",
        place: Some("DAKAR"),
        lead: "Uganda's army has launched air strikes",
        not_coded: &[],
    },
    Page {
        file: "09_title_case_and_glued_subheads.json",
        title: Some("Turkey Threatens Greece With Retaliation if Drills Go Ahead"),
        date: "2024-06-03",
        place: None,
        lead: "Turkey threatened Greece with retaliation",
        not_coded: &[("Drills near the islands", Heading), ("Talks stall", Heading)],
    },
    Page {
        file: "10_dateline_agency_text.txt",
        title: None,
        date: "2024-01-14",
        place: Some("Male"),
        lead: "Maldivian President Mohamed Muizzu has asked India",
        not_coded: &[],
    },
];

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/layout/pages")
}

fn load(file: &str) -> Document {
    let mut docs = files::read_all(&dir().join(file), 1 << 20, false, None);
    assert_eq!(docs.len(), 1, "{file}");
    docs.remove(0).unwrap_or_else(|e| panic!("{e}")).doc
}

#[test]
fn every_fixture_is_checked() {
    let mut names: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let listed: Vec<&str> = PAGES.iter().map(|p| p.file).collect();
    assert_eq!(names, listed);
}

#[test]
fn pages_are_read_as_laid_out() {
    for p in PAGES {
        let doc = load(p.file);
        assert_eq!(doc.title_text(), p.title, "{}: title", p.file);
        assert_eq!(
            doc.date.map(|d| d.to_string()).as_deref(),
            Some(p.date),
            "{}: date",
            p.file
        );
        assert_eq!(
            doc.dateline.as_ref().map(|d| d.place.as_str()),
            p.place,
            "{}: dateline",
            p.file
        );
        let not_coded: Vec<(&str, BoilerplateKind)> =
            doc.boilerplate.iter().map(|b| (b.span.of(&doc.text), b.kind)).collect();
        assert_eq!(not_coded, p.not_coded, "{}: not coded", p.file);
        let first = segment::sentences_cut(&doc.text, doc.body, &spans(&doc))
            .into_iter()
            .find(|s| !doc.is_boilerplate(s.span))
            .unwrap_or_else(|| panic!("{}: no sentence", p.file));
        assert!(
            first.span.of(&doc.text).starts_with(p.lead),
            "{}: lead {:?}",
            p.file,
            first.span.of(&doc.text)
        );
    }
}

fn spans(doc: &Document) -> Vec<dyad::text::Span> {
    doc.boilerplate.iter().map(|b| b.span).collect()
}

#[test]
fn nothing_is_coded_from_boilerplate_and_the_lead_is() {
    let coder = Coder::embedded();
    for p in PAGES {
        let doc = load(p.file);
        let sentences = segment::sentences_cut(&doc.text, doc.body, &spans(&doc));
        let lead = sentences.iter().position(|s| !doc.is_boilerplate(s.span)).unwrap();
        let events = coder.code(&doc);
        for e in &events {
            if e.headline {
                let title = doc.title.map(|t| t.of(&doc.text)).unwrap_or_default();
                assert_eq!(
                    e.text,
                    title.split_whitespace().collect::<Vec<_>>().join(" "),
                    "{}",
                    p.file
                );
                continue;
            }
            let s = sentences[e.sentence];
            assert!(!doc.is_boilerplate(s.span), "{}: event from {:?}", p.file, e.text);
            assert_eq!(
                e.text,
                s.span.of(&doc.text),
                "{}: sentence index {}",
                p.file,
                e.sentence
            );
        }
        assert!(
            events.iter().any(|e| e.sentence == lead),
            "{}: the lead is not coded",
            p.file
        );
    }
}

#[test]
fn the_title_case_headline_has_a_sentence_case_view() {
    let doc = load("09_title_case_and_glued_subheads.json");
    assert_eq!(
        doc.title_view(&[]).as_deref(),
        Some("Turkey threatens Greece with retaliation if drills go ahead")
    );
}
