//! Text analysis from raw text: sentences, tokens with byte spans, part-of-speech tags,
//! noun-phrase chunks and clauses. No external parser, nothing downloaded at run time.

pub mod chunk;
pub mod clause;
pub mod dates;
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
    let mut out = Vec::new();
    let mut spans = Vec::new();
    let mut words: Vec<&str> = Vec::new();
    for (index, s) in segment::sentences(text, body).into_iter().enumerate() {
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
