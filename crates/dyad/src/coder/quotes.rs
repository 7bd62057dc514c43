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

/// For every sentence, the quote it lies in and the attribution of that quote, if found.
/// Only quotes attributed in their first or last sentence count.
pub(crate) fn attributions<S: std::borrow::Borrow<Sentence>>(
    text: &str,
    sentences: &[S],
) -> Vec<Option<(Span, Attribution)>> {
    let sentences: Vec<&Sentence> = sentences.iter().map(|s| s.borrow()).collect();
    let mut out = vec![None; sentences.len()];
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
