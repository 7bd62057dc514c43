//! One document through the whole coder: bytes → decoded text (lossy) → `Document` (title,
//! date header, dateline) → `Coder::code_document` (sentences, tags, clauses, actors, quotes,
//! patterns, dates); every event's spans lie inside the text.
#![no_main]

use dyad::coder::Coder;
use dyad::ingest::{decode, Document};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn coder() -> &'static Coder<'static> {
    static CODER: OnceLock<Coder<'static>> = OnceLock::new();
    CODER.get_or_init(Coder::embedded)
}

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = decode(data, "fuzz.txt", true) else {
        return;
    };
    let date = chrono::NaiveDate::from_ymd_opt(2024, 9, 4);
    let doc = Document::parse("fuzz.txt", decoded.text, date);
    let coded = coder().code_document(&doc);
    for e in &coded.events {
        // (an event's sentence is its index among all the body's sentences, boilerplate
        // included, so it is not bounded by the count of sentences coded)
        assert!(e.source.span.end <= doc.text.len() && e.target.span.end <= doc.text.len());
        assert!(doc.text.is_char_boundary(e.source.span.start) && doc.text.is_char_boundary(e.target.span.start));
    }
});
