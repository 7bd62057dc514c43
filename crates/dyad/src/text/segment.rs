//! Sentence segmentation. (Placeholder: being replaced by the full segmenter.)

use super::Span;

/// A sentence's place in the text and the paragraph it belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SentenceSpan {
    /// The sentence's bytes, trimmed of surrounding white space.
    pub span: Span,
    /// 0-based paragraph index within the body.
    pub paragraph: usize,
}

/// Splits the `body` span of `text` into sentences.
pub fn sentences(text: &str, body: Span) -> Vec<SentenceSpan> {
    let mut out = Vec::new();
    let mut start = body.start;
    let b = text.as_bytes();
    for i in body.start..body.end {
        if b[i] == b'.' || b[i] == b'\n' {
            let s = text[start..=i].trim();
            if !s.is_empty() {
                let off = text[start..].find(s).unwrap_or(0) + start;
                out.push(SentenceSpan {
                    span: Span::new(off, off + s.len()),
                    paragraph: 0,
                });
            }
            start = i + 1;
        }
    }
    out
}
