//! Tokenization with byte spans. (Placeholder: being replaced by the full tokenizer.)

use super::Span;

/// Appends to `out` the spans of the tokens of `span` in `text`.
pub fn tokenize(text: &str, span: Span, out: &mut Vec<Span>) {
    let s = span.of(text);
    let mut start = None;
    for (i, c) in s.char_indices() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
        } else {
            if let Some(st) = start.take() {
                out.push(Span::new(span.start + st, span.start + i));
            }
            if !c.is_whitespace() {
                out.push(Span::new(span.start + i, span.start + i + c.len_utf8()));
            }
        }
    }
    if let Some(st) = start {
        out.push(Span::new(span.start + st, span.end));
    }
}
