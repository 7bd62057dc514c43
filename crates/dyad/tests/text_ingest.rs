//! Bytes → document → sentences → tokens, on news-like text and on hostile input.

use chrono::NaiveDate;
use dyad::ingest::{decode, DateSource, DecodeError, Document};
use dyad::text::segment::{sentences, MAX_SENTENCE_BYTES};
use dyad::text::token::tokenize;
use dyad::text::Span;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Every sentence and token of `doc`, as text.
fn analyse(doc: &Document) -> Vec<(String, Vec<String>)> {
    let mut spans = Vec::new();
    sentences(&doc.text, doc.body)
        .into_iter()
        .map(|s| {
            spans.clear();
            tokenize(&doc.text, s.span, &mut spans);
            let toks = spans.iter().map(|t| t.of(&doc.text).to_string()).collect();
            (s.span.of(&doc.text).to_string(), toks)
        })
        .collect()
}

const ARTICLE: &str = "\u{FEFF}Erdoğan, Aliyev pledge closer ties\r\n\
By Jane Doe, Reuters\r\n\
Updated Nov. 4, 2025 10:32 GMT\r\n\
\r\n\
ANKARA, Nov 3 (Reuters) – Turkish President Tayyip Erdoğan met Azerbaijan’s Ilham Aliyev \
on Monday and said the U.S. should not interfere. \"We will sign,\" he said.\r\n\
\r\n\
The two leaders didn't discuss the Baku–Tbilisi–Kars railway, officials said. Zelensky's \
envoy arrived later.\r\n";

#[test]
fn a_news_article_end_to_end() {
    let d = decode(ARTICLE.as_bytes(), "erdogan.txt", false).unwrap();
    assert!(d.warnings.is_empty());
    assert!(!d.text.contains('\r') && !d.text.starts_with('\u{FEFF}'));
    let doc = Document::parse("erdogan.txt", d.text, None);
    assert_eq!(
        doc.title.map(|t| t.of(&doc.text)),
        Some("Erdoğan, Aliyev pledge closer ties")
    );
    let dl = doc.dateline.as_ref().unwrap();
    assert_eq!(dl.span.of(&doc.text), "ANKARA, Nov 3 (Reuters) –");
    assert_eq!(dl.place, "ANKARA");
    // The year comes from the byline; the dateline outranks "Updated".
    assert_eq!(doc.date, Some(ymd(2025, 11, 3)));
    assert_eq!(doc.date_source, DateSource::Dateline);
    assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);

    let a = analyse(&doc);
    let texts: Vec<&str> = a.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Turkish President Tayyip Erdoğan met Azerbaijan’s Ilham Aliyev on Monday and said the U.S. \
             should not interfere.",
            "\"We will sign,\" he said.",
            "The two leaders didn't discuss the Baku–Tbilisi–Kars railway, officials said.",
            "Zelensky's envoy arrived later.",
        ]
    );
    let paragraphs: Vec<usize> = sentences(&doc.text, doc.body).iter().map(|s| s.paragraph).collect();
    assert_eq!(paragraphs, [0, 0, 1, 1]);
    assert_eq!(
        a[0].1,
        [
            "Turkish",
            "President",
            "Tayyip",
            "Erdoğan",
            "met",
            "Azerbaijan",
            "’s",
            "Ilham",
            "Aliyev",
            "on",
            "Monday",
            "and",
            "said",
            "the",
            "U.S.",
            "should",
            "not",
            "interfere",
            "."
        ]
    );
    assert_eq!(a[1].1, ["\"", "We", "will", "sign", ",", "\"", "he", "said", "."]);
    assert_eq!(
        a[2].1,
        [
            "The",
            "two",
            "leaders",
            "did",
            "n't",
            "discuss",
            "the",
            "Baku",
            "–",
            "Tbilisi",
            "–",
            "Kars",
            "railway",
            ",",
            "officials",
            "said",
            "."
        ]
    );
    assert_eq!(a[3].1, ["Zelensky", "'s", "envoy", "arrived", "later", "."]);
}

#[test]
fn header_date_and_given_date() {
    let doc = Document::parse(
        "a",
        "Title\ndate 2025-10-31\n\nIran condemned the strike.".into(),
        Some(ymd(2020, 1, 1)),
    );
    assert_eq!(
        (doc.date, doc.date_source),
        (Some(ymd(2025, 10, 31)), DateSource::Header)
    );
    let doc = Document::parse("a", "Title\n\nIran condemned the strike.".into(), Some(ymd(2020, 1, 1)));
    assert_eq!((doc.date, doc.date_source), (Some(ymd(2020, 1, 1)), DateSource::Given));
    let doc = Document::parse("a", "Title\n\nIran condemned the strike.".into(), None);
    assert_eq!((doc.date, doc.date_source), (None, DateSource::None));
    assert!(doc.warnings.iter().any(|w| w.contains("no publication date")));
}

#[test]
fn invalid_utf8_offsets_are_in_the_original_bytes() {
    let mut bytes = b"\xEF\xBB\xBFTitle\r\n\r\nBaku said ".to_vec();
    let offset = bytes.len();
    bytes.extend(b"\xC3\x28 more");
    match decode(&bytes, "bad.txt", false) {
        Err(DecodeError::InvalidUtf8 { name, offset: o }) => {
            assert_eq!(name, "bad.txt");
            assert_eq!(o, offset);
        }
        other => panic!("expected invalid UTF-8, got {other:?}"),
    }
    let d = decode(&bytes, "bad.txt", true).unwrap();
    assert!(d.warnings[0].contains(&format!("byte {offset}")));
    assert!(d.text.contains("said \u{FFFD}( more"));
}

#[test]
fn five_megabyte_single_line_completes() {
    // No line break and no sentence end: one runaway "sentence".
    let mut line = String::with_capacity(5 << 20);
    while line.len() < 5 << 20 {
        line.push_str("Erdoğan’s envoy met U.S. and U.N. officials in Baku–Tbilisi talks, 3.5 percent ");
    }
    let d = decode(line.as_bytes(), "big.txt", false).unwrap();
    let doc = Document::parse("big.txt", d.text, None);
    assert_eq!(doc.title, None);
    let sents = sentences(&doc.text, doc.body);
    assert!(sents.len() > 100);
    assert!(sents.iter().all(|s| s.span.len() <= MAX_SENTENCE_BYTES));
    let mut spans = Vec::new();
    for s in &sents {
        tokenize(&doc.text, s.span, &mut spans);
    }
    assert!(spans.len() > 500_000);

    // The same without any white space at all.
    let blob = "ğ.".repeat(2 << 20);
    let doc = Document::parse("blob", blob, None);
    let sents = sentences(&doc.text, doc.body);
    spans.clear();
    for s in &sents {
        tokenize(&doc.text, s.span, &mut spans);
    }
    assert!(!spans.is_empty());

    // Many short sentences.
    let text = "Iran said no. ".repeat(400_000);
    let doc = Document::parse("many", text, None);
    assert_eq!(sentences(&doc.text, doc.body).len(), 400_000);
}

#[test]
fn binary_blob_is_refused_and_junk_text_does_not_panic() {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let blob: Vec<u8> = (0..1 << 20)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    let err = decode(&blob, "blob.bin", true).unwrap_err();
    assert!(matches!(err, DecodeError::Binary { .. }));
    assert!(err.to_string().starts_with("blob.bin: "));

    // The same bytes without NULs and control bytes, decoded lossily, go through the pipeline.
    let junk: Vec<u8> = blob
        .iter()
        .map(|&b| if b < 0x20 || b == 0x7F { b' ' } else { b })
        .collect();
    let d = decode(&junk, "junk", true).unwrap();
    let doc = Document::parse("junk", d.text, None);
    let mut spans = Vec::new();
    for s in sentences(&doc.text, doc.body) {
        assert!(!s.span.is_empty());
        tokenize(&doc.text, s.span, &mut spans);
    }
    for t in &spans {
        assert!(!t.of(&doc.text).is_empty());
    }
}

#[test]
fn spans_stay_inside_the_body() {
    let text = "Title\nBAKU, Azerbaijan (AP) — Azerbaijan said. Armenia agreed.\n";
    let doc = Document::parse("a", text.into(), None);
    let body = doc.body;
    for s in sentences(&doc.text, body) {
        assert!(s.span.start >= body.start && s.span.end <= body.end);
        let mut spans = Vec::new();
        tokenize(&doc.text, s.span, &mut spans);
        assert!(spans.iter().all(|t| t.start >= s.span.start && t.end <= s.span.end));
    }
    assert_eq!(
        Span::new(body.start, body.end).of(&doc.text),
        "Azerbaijan said. Armenia agreed."
    );
}

/// Random text built from tricky pieces: every span must stay ordered, non-empty, inside its
/// parent and on character boundaries.
#[test]
fn random_tricky_text_keeps_span_invariants() {
    const PIECES: [&str; 48] = [
        " ",
        "  ",
        "\n",
        "\n\n",
        "\t",
        ".",
        "...",
        "…",
        "!",
        "?",
        "\"",
        "“",
        "”",
        "‘",
        "’",
        "'",
        "(",
        ")",
        "-",
        "--",
        "–",
        "—",
        "U.S.",
        "Mr.",
        "Nov.",
        "3",
        "3.5",
        "1,500",
        "Erdoğan",
        "Āzərbaycan",
        "'s",
        "n't",
        "didn't",
        "The",
        "said",
        "ANKARA",
        ",",
        ":",
        "date 2025-02-30",
        "By",
        "http://x.y/z",
        "@a",
        "#b",
        "e\u{301}",
        "\u{200B}",
        "G7+",
        "\u{FFFD}",
        "By Jane Doe",
    ];
    let mut x: u64 = 42;
    let mut rand = move |n: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % n as u64) as usize
    };
    for _ in 0..3_000 {
        let len = rand(60);
        let text: String = (0..len).map(|_| PIECES[rand(PIECES.len())]).collect();
        let doc = Document::parse("r", text, None);
        let t = &doc.text;
        assert!(doc.body.start <= doc.body.end && doc.body.end <= t.len());
        assert!(t.is_char_boundary(doc.body.start) && t.is_char_boundary(doc.body.end));
        if let Some(title) = doc.title {
            assert!(title.end <= doc.body.start || doc.body.is_empty(), "{t:?}");
        }
        let mut last = doc.body.start;
        let mut spans = Vec::new();
        for s in sentences(t, doc.body) {
            assert!(
                s.span.start >= last && s.span.start < s.span.end && s.span.end <= doc.body.end,
                "{t:?}"
            );
            assert_eq!(s.span.of(t).trim(), s.span.of(t), "{t:?}");
            last = s.span.end;
            spans.clear();
            tokenize(t, s.span, &mut spans);
            let mut prev = s.span.start;
            for tok in &spans {
                assert!(
                    tok.start >= prev && tok.start < tok.end && tok.end <= s.span.end,
                    "{t:?}"
                );
                assert!(t.is_char_boundary(tok.start) && t.is_char_boundary(tok.end));
                prev = tok.end;
            }
        }
    }
}
