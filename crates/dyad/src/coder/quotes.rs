//! Quotations that run over several sentences, and who speaks them.
//!
//! News quotes span sentences: `Fidan said: "We will respond. Our country ..."` or
//! `"We will respond. Our country ...," the minister said.` The document pass finds the quote
//! spans of each paragraph (curly quotes, or straight quotes paired in order; a quote still
//! open at the paragraph's end runs to it and goes on in a quote opening the next paragraph, as
//! news style writes quotes over several paragraphs), then the clause that attributes each quote: a
//! speech verb right after its closing mark (`," he said`) or just before its opening mark
//! (`said: "`, `told reporters, "`), or, for a quote that opens the sentence right after an
//! attributed one (`"...," he said. "We are ready."`), that one's. Every sentence inside the quote is then spoken by that
//! clause's subject: "we", "us", "our country" resolve to the speaker's state or organisation,
//! and the sentence's clauses count as reported by the speaker.

use crate::text::clause;
use crate::text::{Sentence, Span};

/// The quotations of one paragraph `[start, end)` of `text`: from the opening mark to just
/// after the closing one, and whether it closes (a quote still open at the paragraph's end
/// runs to it, and in news style goes on in the next paragraph).
pub(crate) fn quote_spans(text: &str, para: Span) -> Vec<(Span, bool)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    let Some(p) = text.get(para.start..para.end) else {
        return out;
    };
    for (i, ch) in p.char_indices() {
        let at = para.start + i;
        match (open, ch) {
            (None, '“') | (None, '"') => open = Some((at, ch)),
            (Some((o, '“')), '”') | (Some((o, '"')), '"') => {
                out.push((Span::new(o, at + ch.len_utf8()), true));
                open = None;
            }
            _ => {}
        }
    }
    if let Some((o, _)) = open {
        out.push((Span::new(o, para.end), false));
    }
    out
}

/// Where a quote's speaker is named: the sentence and the token of the speech verb.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Attribution {
    /// Index of the sentence holding the speech verb.
    pub sentence: usize,
    /// Token index of the speech verb in that sentence.
    pub verb: usize,
}

/// Is token `k` of `s` a speech verb outside `quote` that attributes it: after the closing
/// mark (`," the minister said`), or before the opening one with only a colon or comma (and
/// perhaps an addressee) between (`Fidan said: "`, `he told reporters, "`).
fn attributes(text: &str, s: &Sentence, k: usize, quote: Span) -> bool {
    probe();
    let t = s.tokens[k].span;
    // where the token stands first: cheaper than lowercasing every token to test the verb
    let placed = if t.start >= quote.end {
        // nothing but the subject between: `," the minister said`, `, he said`
        let between = text.get(quote.end..t.start).unwrap_or("");
        between.len() <= 80 && !between.contains(['.', '"', '“', '”', ';'])
    } else if t.end <= quote.start {
        let between = text.get(t.end..quote.start).unwrap_or("").trim_end();
        between.len() <= 60
            && (between.ends_with(':') || between.ends_with(','))
            && !between.contains(['.', '"', '“', '”'])
    } else {
        false
    };
    placed && clause::is_speech_verb(&t.of(text).to_lowercase())
}

/// The first token of `s` that attributes `quote` from after its closing mark, else the last
/// that does from before its opening mark (see [`attributes`]).
///
/// Only tokens near the quote can: one at most 80 bytes after its end, or one whose text up
/// to the opening mark (trailing white space aside) is at most 60 bytes. When the tokens are
/// in order, the search starts at the quote (a binary search) and stops beyond those bounds,
/// so a sentence with many quotes costs no more than the tokens near each; otherwise every
/// token is tried, as the bounds would not hold.
fn attributing_token(text: &str, s: &Sentence, quote: Span, ordered: bool) -> Option<usize> {
    let tokens = &s.tokens;
    if !ordered {
        return (0..tokens.len())
            .find(|&k| tokens[k].span.start >= quote.end && attributes(text, s, k, quote))
            .or_else(|| {
                (0..tokens.len())
                    .rev()
                    .find(|&k| tokens[k].span.end <= quote.start && attributes(text, s, k, quote))
            });
    }
    let after = tokens.partition_point(|t| t.span.start < quote.end);
    let found = (after..tokens.len())
        .take_while(|&k| tokens[k].span.start <= quote.end + 80)
        .find(|&k| attributes(text, s, k, quote));
    if found.is_some() {
        return found;
    }
    // the end of the text before the opening mark, trailing white space left out
    let before = text.get(..quote.start).map_or(quote.start, |t| t.trim_end().len());
    let upto = tokens.partition_point(|t| t.span.end <= quote.start);
    (0..upto)
        .rev()
        .take_while(|&k| tokens[k].span.end + 60 >= before)
        .find(|&k| attributes(text, s, k, quote))
}

#[cfg(test)]
thread_local! {
    /// Tokens and sentences looked at (tests count the work done).
    static PROBES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

#[cfg(test)]
fn probe() {
    PROBES.with(|p| p.set(p.get() + 1));
}

#[cfg(not(test))]
fn probe() {}

/// Whether spans are in order: starts and ends both non-decreasing.
fn in_order(mut spans: impl Iterator<Item = Span>) -> bool {
    let Some(mut last) = spans.next() else {
        return true;
    };
    spans.all(|s| {
        let ok = s.start >= last.start && s.end >= last.end;
        last = s;
        ok
    })
}

/// For every sentence, the quote it lies in and the attribution of that quote, if found.
/// Only quotes attributed in their first or last sentence count.
///
/// Linear in the text: each quote's sentences are found by a binary search among its
/// paragraph's (they are in order), and its speech verb among the tokens near it.
pub(crate) fn attributions<S: std::borrow::Borrow<Sentence>>(
    text: &str,
    sentences: &[S],
) -> Vec<Option<(Span, Attribution)>> {
    let sentences: Vec<&Sentence> = sentences.iter().map(|s| s.borrow()).collect();
    let mut out = vec![None; sentences.len()];
    let tokens_ordered: Vec<bool> = sentences
        .iter()
        .map(|s| in_order(s.tokens.iter().map(|t| t.span)))
        .collect();
    // sentences of quotes left open at a paragraph's end with no speaker yet, and the speaker
    // of one left open with a speaker
    let mut carried: Vec<(usize, Span)> = Vec::new();
    let mut open_attr: Option<Attribution> = None;
    let mut i = 0;
    while i < sentences.len() {
        let para = sentences[i].paragraph;
        let j = (i..sentences.len())
            .find(|&k| sentences[k].paragraph != para)
            .unwrap_or(sentences.len());
        let span = Span::new(sentences[i].span.start, sentences[j - 1].span.end);
        let ordered = in_order(sentences[i..j].iter().map(|s| s.span));
        // the last attributed quote of the paragraph and the end of its attribution's sentence
        let mut previous: Option<(Attribution, usize)> = None;
        let quotes = quote_spans(text, span);
        // a quote left open at the end of the last paragraph goes on only in a quote that
        // opens this one
        if quotes.first().is_none_or(|(q, _)| q.start != span.start) {
            carried.clear();
            open_attr = None;
        }
        for (n, &(q, closed)) in quotes.iter().enumerate() {
            let overlaps = |k: &usize| {
                probe();
                sentences[*k].span.start < q.end && sentences[*k].span.end > q.start
            };
            let inside: Vec<usize> = if ordered {
                let lo = i + sentences[i..j].partition_point(|s| s.span.end <= q.start);
                (lo..j)
                    .take_while(|&k| sentences[k].span.start < q.end)
                    .filter(overlaps)
                    .collect()
            } else {
                (i..j).filter(overlaps).collect()
            };
            let (Some(&first), Some(&last)) = (inside.first(), inside.last()) else {
                continue;
            };
            let find = |si: usize| {
                attributing_token(text, sentences[si], q, tokens_ordered[si])
                    .map(|verb| Attribution { sentence: si, verb })
            };
            // `"...," he said. "We are ready."`: a quote opening the sentence right after an
            // attributed one goes on with the same speaker
            let follows = |(a, end): (Attribution, usize)| {
                text.get(end..q.start).is_some_and(|t| t.trim().is_empty()).then_some(a)
            };
            let continued = if n == 0 { open_attr.take() } else { None };
            let attr = find(last)
                .or_else(|| find(first))
                .or_else(|| previous.and_then(follows))
                .or(continued);
            let Some(attr) = attr else {
                previous = None;
                if !closed {
                    carried.extend(inside.iter().map(|&k| (k, q)));
                }
                continue;
            };
            previous = Some((attr, sentences[last.max(attr.sentence)].span.end));
            for &k in &inside {
                out[k] = Some((q, attr));
            }
            if n == 0 {
                for (k, span) in carried.drain(..) {
                    out[k] = Some((span, attr));
                }
            }
            if !closed {
                open_attr = Some(attr);
            }
        }
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coder::Coder;
    use crate::ingest::files;

    /// `attributions` as it was before it searched: every sentence of the paragraph tried
    /// for every quote, every token of a sentence for its speech verb.
    fn reference(text: &str, sentences: &[Sentence]) -> Vec<Option<(Span, Attribution)>> {
        let mut out = vec![None; sentences.len()];
        let mut carried: Vec<(usize, Span)> = Vec::new();
        let mut open_attr: Option<Attribution> = None;
        let mut i = 0;
        while i < sentences.len() {
            let para = sentences[i].paragraph;
            let j = (i..sentences.len())
                .find(|&k| sentences[k].paragraph != para)
                .unwrap_or(sentences.len());
            let span = Span::new(sentences[i].span.start, sentences[j - 1].span.end);
            let mut previous: Option<(Attribution, usize)> = None;
            let quotes = quote_spans(text, span);
            if quotes.first().is_none_or(|(q, _)| q.start != span.start) {
                carried.clear();
                open_attr = None;
            }
            for (n, &(q, closed)) in quotes.iter().enumerate() {
                let inside: Vec<usize> = (i..j)
                    .filter(|&k| sentences[k].span.start < q.end && sentences[k].span.end > q.start)
                    .collect();
                let (Some(&first), Some(&last)) = (inside.first(), inside.last()) else {
                    continue;
                };
                let find = |si: usize| {
                    let s = &sentences[si];
                    (0..s.tokens.len())
                        .find(|&k| s.tokens[k].span.start >= q.end && attributes(text, s, k, q))
                        .or_else(|| {
                            (0..s.tokens.len())
                                .rev()
                                .find(|&k| s.tokens[k].span.end <= q.start && attributes(text, s, k, q))
                        })
                        .map(|verb| Attribution { sentence: si, verb })
                };
                let follows = |(a, end): (Attribution, usize)| {
                    text.get(end..q.start).is_some_and(|t| t.trim().is_empty()).then_some(a)
                };
                let continued = if n == 0 { open_attr.take() } else { None };
                let attr = find(last)
                    .or_else(|| find(first))
                    .or_else(|| previous.and_then(follows))
                    .or(continued);
                let Some(attr) = attr else {
                    previous = None;
                    if !closed {
                        carried.extend(inside.iter().map(|&k| (k, q)));
                    }
                    continue;
                };
                previous = Some((attr, sentences[last.max(attr.sentence)].span.end));
                for &k in &inside {
                    out[k] = Some((q, attr));
                }
                if n == 0 {
                    for (k, span) in carried.drain(..) {
                        out[k] = Some((span, attr));
                    }
                }
                if !closed {
                    open_attr = Some(attr);
                }
            }
            i = j;
        }
        out
    }

    /// The sentences of a document as the coder analyses them.
    fn sentences_of(coder: &Coder, doc: &crate::ingest::Document) -> Vec<Sentence> {
        coder.analyse(doc).sentences.into_iter().map(|s| s.sentence).collect()
    }

    /// The project's articles, and made-up paragraphs dense with quotes and white space.
    fn documents() -> Vec<crate::ingest::Document> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let folders = [
            "examples/articles",
            "tests/eval/articles",
            "tests/dev/articles",
            "tests/dev2/articles",
            "tests/context/articles",
            "tests/story/articles",
        ];
        let mut docs: Vec<_> = files::expand(&folders.map(|f| root.join(f)))
            .files
            .iter()
            .flat_map(|p| files::read_all(p, 1 << 24, true, None))
            .filter_map(Result::ok)
            .map(|l| l.doc)
            .collect();
        let pieces = [
            "Fidan said: \"We will respond. Our country is ready.\" ",
            "\"It is time,\" he said. ",
            "\"We are ready.\" ",
            "The minister told reporters, \"Turkey will act.\"   ",
            "“Open quote runs on. ",
            "Erdogan said   \n  that talks went well. ",
            "\"",
            "said: ",
        ];
        for seed in 0..40usize {
            let mut body = String::from("Quotes\ndate 2024-01-01\n\n");
            let mut x = seed * 7919 + 1;
            for _ in 0..60 {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                body.push_str(pieces[(x >> 33) % pieces.len()]);
                if (x >> 20) % 13 == 0 {
                    body.push_str("\n\n");
                }
            }
            docs.push(crate::ingest::Document::parse("made-up", body, None));
        }
        docs
    }

    #[test]
    fn attributions_are_the_same_as_trying_every_sentence_and_token() {
        let coder = Coder::embedded();
        let docs = documents();
        assert!(docs.len() > 100, "{} documents", docs.len());
        let mut attributed = 0;
        for doc in &docs {
            let sentences = sentences_of(&coder, doc);
            let got = attributions(&doc.text, &sentences);
            assert_eq!(got, reference(&doc.text, &sentences), "{}", doc.id);
            attributed += got.iter().filter(|a| a.is_some()).count();
        }
        assert!(attributed > 200, "{attributed} sentences attributed");
    }

    #[test]
    fn work_grows_with_the_quotes_of_a_paragraph_not_their_square() {
        let coder = Coder::embedded();
        let work = |quotes: usize| {
            let body = "The minister said: \"We will respond. Our country is ready.\" Then \"It is time,\" he said. "
                .repeat(quotes / 2);
            let doc = crate::ingest::Document::parse("q", format!("Quotes\n\n{body}"), None);
            let sentences = sentences_of(&coder, &doc);
            assert_eq!(sentences.iter().map(|s| s.paragraph).max(), Some(0));
            PROBES.with(|p| p.set(0));
            let a = attributions(&doc.text, &sentences);
            assert!(a.iter().all(Option::is_some));
            PROBES.with(|p| p.get())
        };
        let (small, large) = (work(400), work(1600));
        // four times the quotes: about four times the work (the paragraph scan gave sixteen)
        assert!(large <= small * 5, "{small} -> {large}");
    }

    #[test]
    fn spans_pair_curly_and_straight_quotes_and_run_open_quotes_to_the_end() {
        let t = "He said: “We will. We can.” Then \"It is. Yes,\" she said. “Open";
        let spans: Vec<(&str, bool)> = quote_spans(t, Span::new(0, t.len()))
            .iter()
            .map(|(s, closed)| (s.of(t), *closed))
            .collect();
        assert_eq!(
            spans,
            [
                ("“We will. We can.”", true),
                ("\"It is. Yes,\"", true),
                ("“Open", false)
            ]
        );
    }
}
