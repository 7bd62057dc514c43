//! Text analysis from raw text: sentences, tokens with byte spans, part-of-speech tags,
//! noun-phrase chunks and clauses. No external parser, nothing downloaded at run time.

pub mod chunk;
pub mod clause;
pub mod dates;
pub mod headline;
pub mod lemma;
pub mod pos;
pub mod segment;
pub mod span;
pub mod tagger;
pub mod token;
pub mod tree;
pub mod words;

pub use pos::Pos;
pub use span::Span;

use serde::Serialize;

/// One token: its bytes in the document text and its part-of-speech tag.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Token {
    /// Where the token stands in the document text.
    pub span: Span,
    /// Its part-of-speech tag.
    pub pos: Pos,
}

/// One sentence of a document, tokenized and tagged.
#[derive(Clone, Debug, Serialize)]
pub struct Sentence {
    /// 0-based index of the sentence in the document body.
    pub index: usize,
    /// 0-based paragraph index (paragraphs are separated by blank lines).
    pub paragraph: usize,
    /// The sentence's bytes in the document text.
    pub span: Span,
    /// Its tokens, in order.
    pub tokens: Vec<Token>,
}

impl Sentence {
    /// The text of token `i`.
    pub fn word<'t>(&self, text: &'t str, i: usize) -> &'t str {
        self.tokens[i].span.of(text)
    }
}

/// Splits `body` of `text` into sentences, tokenizes and tags them.
pub fn analyze(text: &str, body: Span, tagger: &tagger::Tagger) -> Vec<Sentence> {
    analyze_except(text, body, &[], tagger)
}

/// [`analyze`], leaving out the sentences inside the spans of `skip` (in order, not
/// overlapping: a document's boilerplate). Sentences never cross the bounds of a skipped span,
/// and each sentence kept has the index it has among all the sentences of the body, so
/// skipping does not renumber the others.
pub fn analyze_except(text: &str, body: Span, skip: &[Span], tagger: &tagger::Tagger) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut spans = Vec::new();
    let mut words: Vec<&str> = Vec::new();
    let mut k = 0;
    for (index, s) in segment::sentences_cut(text, body, skip).into_iter().enumerate() {
        while k < skip.len() && skip[k].end < s.span.end {
            k += 1;
        }
        if skip
            .get(k)
            .is_some_and(|b| b.start <= s.span.start && s.span.end <= b.end)
        {
            continue;
        }
        spans.clear();
        token::tokenize(text, s.span, &mut spans);
        words.clear();
        words.extend(spans.iter().map(|sp| sp.of(text)));
        let tags = tagger.tag(&words);
        let tokens = spans.iter().zip(tags).map(|(&span, pos)| Token { span, pos }).collect();
        out.push(Sentence {
            index,
            paragraph: s.paragraph,
            span: s.span,
            tokens,
        });
    }
    out
}

/// Tokenizes `span` of `text` and tags its words as `view` writes them: `view` is a rewrite of
/// the span's bytes of the same length (a headline's sentence-case view,
/// [`headline::sentence_case`]), so the tokens' spans stay spans of `text`. A view of another
/// length is ignored.
pub fn tag_view(text: &str, span: Span, view: &str, tagger: &tagger::Tagger) -> Vec<Token> {
    let mut spans = Vec::new();
    token::tokenize(text, span, &mut spans);
    let fits = view.len() == span.len();
    let words: Vec<&str> = spans
        .iter()
        .map(|sp| {
            let w = sp.of(text);
            if fits {
                view.get(sp.start - span.start..sp.end - span.start).unwrap_or(w)
            } else {
                w
            }
        })
        .collect();
    let tags = tagger.tag(&words);
    spans.iter().zip(tags).map(|(&span, pos)| Token { span, pos }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skipped_sentences_keep_the_others_indexes() {
        let text =
            "Turkey signed the deal. Related Iran talks stall\n\nGreece welcomed it. Photo: AP\n\nCyprus objected.";
        let skip = |s: &str| {
            let a = text.find(s).unwrap();
            Span::new(a, a + s.len())
        };
        let tagger = tagger::Tagger::embedded();
        let all = analyze(text, Span::new(0, text.len()), tagger);
        let kept = analyze_except(
            text,
            Span::new(0, text.len()),
            &[skip("Related Iran talks stall"), skip("Photo: AP")],
            tagger,
        );
        let shown: Vec<(usize, usize, &str)> = kept.iter().map(|s| (s.index, s.paragraph, s.span.of(text))).collect();
        assert_eq!(
            shown,
            [
                (0, 0, "Turkey signed the deal."),
                (2, 1, "Greece welcomed it."),
                (4, 2, "Cyprus objected.")
            ]
        );
        // without skips, every sentence, numbered alike
        assert_eq!(all.len(), 5);
        assert_eq!((all[1].index, all[1].span.of(text)), (1, "Related Iran talks stall"));
        assert_eq!((all[4].index, all[4].span.of(text)), (4, "Cyprus objected."));
    }

    #[test]
    fn a_view_changes_the_tags_not_the_spans() {
        let text = "x\nTurkey Threatens Greece With Retaliation\n";
        let span = Span::new(2, text.len() - 1);
        let view = "Turkey threatens Greece with retaliation";
        let tagger = tagger::Tagger::embedded();
        let plain = tag_view(text, span, span.of(text), tagger);
        let viewed = tag_view(text, span, view, tagger);
        assert_eq!(
            plain.iter().map(|t| t.span).collect::<Vec<_>>(),
            viewed.iter().map(|t| t.span).collect::<Vec<_>>()
        );
        assert_eq!(viewed[1].span.of(text), "Threatens");
        assert_eq!(viewed[1].pos, Pos::VBZ);
        assert_eq!(viewed[3].pos, Pos::IN);
        assert_ne!(
            plain.iter().map(|t| t.pos).collect::<Vec<_>>(),
            viewed.iter().map(|t| t.pos).collect::<Vec<_>>()
        );
        // a view of another length is ignored
        assert_eq!(tag_view(text, span, "short", tagger), plain);
    }
}
