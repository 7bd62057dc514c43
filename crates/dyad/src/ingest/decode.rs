//! Byte decoding: an input's bytes → UTF-8 text with `\n` line ends.
//!
//! Accepted: UTF-8 (a byte-order mark is dropped) and UTF-16 with a byte-order mark. Line ends
//! CRLF, lone CR, NEL and U+2028 become `\n`; U+2029 (paragraph separator) becomes a blank line.
//! Binary data (a NUL byte anywhere, or many control bytes near the start) is refused rather than
//! coded as gibberish. Every offset reported refers to the original bytes. All work is one pass.

use thiserror::Error;

/// How many leading bytes are inspected for control characters.
const SNIFF_LEN: usize = 8192;

/// Text decoded from an input's bytes, with any warnings raised on the way.
#[derive(Clone, Debug)]
pub struct Decoded {
    /// The text: UTF-8, BOM removed, line ends normalised to `\n`; empty when the input held
    /// nothing but white space.
    pub text: String,
    /// Warnings (for example invalid bytes replaced under `lossy`), each naming the input.
    pub warnings: Vec<String>,
}

/// Why an input could not be decoded.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum DecodeError {
    /// The input is not valid UTF-8.
    #[error(
        "{name}: invalid UTF-8 at byte {offset}; convert the file to UTF-8 \
         (for example `iconv -f windows-1252 -t utf-8`) or read it lossily, replacing invalid bytes"
    )]
    InvalidUtf8 {
        /// The input's name.
        name: String,
        /// Byte offset of the first invalid byte in the original input.
        offset: usize,
    },
    /// The input has a UTF-16 byte-order mark but is not valid UTF-16.
    #[error(
        "{name}: invalid UTF-16 at byte {offset}; re-save the file as UTF-8 \
         or read it lossily, replacing invalid code units"
    )]
    InvalidUtf16 {
        /// The input's name.
        name: String,
        /// Byte offset of the first invalid code unit in the original input.
        offset: usize,
    },
    /// The input looks like binary data (NUL bytes or many control bytes), not text.
    #[error(
        "{name}: looks like binary data, not text (NUL or control byte at byte {offset}); \
         dyad reads UTF-8 text articles: extract the text first or leave this file out"
    )]
    Binary {
        /// The input's name.
        name: String,
        /// Byte offset of the first NUL or control byte in the original input.
        offset: usize,
    },
}

/// Decodes `bytes` read from the input called `name`.
///
/// Invalid UTF-8 is an error naming the byte offset, unless `lossy` is set: then each invalid
/// sequence becomes U+FFFD and one warning names the first offset and the count. Binary data is
/// an error either way. White-space-only input decodes to empty text.
pub fn decode(bytes: &[u8], name: &str, lossy: bool) -> Result<Decoded, DecodeError> {
    let mut warnings = Vec::new();
    let text = if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        decode_utf16(rest, 2, u16::from_le_bytes, name, lossy, &mut warnings)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        decode_utf16(rest, 2, u16::from_be_bytes, name, lossy, &mut warnings)?
    } else {
        let (body, base) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
            Some(rest) => (rest, 3),
            None => (bytes, 0),
        };
        if let Some(offset) = sniff_binary(body) {
            return Err(DecodeError::Binary {
                name: name.to_string(),
                offset: base + offset,
            });
        }
        match std::str::from_utf8(body) {
            Ok(s) => normalize_newlines(s),
            Err(e) if !lossy => {
                return Err(DecodeError::InvalidUtf8 {
                    name: name.to_string(),
                    offset: base + e.valid_up_to(),
                })
            }
            Err(_) => {
                let (s, first, count) = replace_invalid(body);
                warnings.push(replaced_warning(name, "UTF-8", base + first, count));
                normalize_newlines(&s)
            }
        }
    };
    let text = if text.trim().is_empty() { String::new() } else { text };
    Ok(Decoded { text, warnings })
}

/// A control byte that never appears in text (tab, line feed, form feed, carriage return and
/// escape are tolerated).
fn is_binary_control(b: u8) -> bool {
    (b < 0x20 && !matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | 0x1B)) || b == 0x7F
}

/// The offset of the evidence that `bytes` is binary: the first NUL anywhere, or the first
/// control byte when more than 5% of the first [`SNIFF_LEN`] bytes are control bytes.
fn sniff_binary(bytes: &[u8]) -> Option<usize> {
    if let Some(p) = bytes.iter().position(|&b| b == 0) {
        return Some(p);
    }
    let head = &bytes[..bytes.len().min(SNIFF_LEN)];
    let mut count = 0usize;
    let mut first = None;
    for (i, &b) in head.iter().enumerate() {
        if is_binary_control(b) {
            count += 1;
            first.get_or_insert(i);
        }
    }
    if count * 20 > head.len() {
        first
    } else {
        None
    }
}

/// Lossy UTF-8: the text with each invalid sequence replaced by U+FFFD, the offset of the first
/// invalid byte and the number of sequences replaced.
fn replace_invalid(bytes: &[u8]) -> (String, usize, usize) {
    let mut out = String::with_capacity(bytes.len());
    let (mut pos, mut first, mut count) = (0, None, 0);
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        pos += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            first.get_or_insert(pos);
            count += 1;
            out.push(char::REPLACEMENT_CHARACTER);
            pos += chunk.invalid().len();
        }
    }
    (out, first.unwrap_or(0), count)
}

fn replaced_warning(name: &str, encoding: &str, offset: usize, count: usize) -> String {
    let mut w = format!("{name}: invalid {encoding} at byte {offset} replaced with U+FFFD");
    if count > 1 {
        w.push_str(&format!(" ({count} invalid sequences replaced in all)"));
    }
    w
}

/// Decodes UTF-16 code units (after a byte-order mark of `base` bytes).
fn decode_utf16(
    bytes: &[u8],
    base: usize,
    unit: fn([u8; 2]) -> u16,
    name: &str,
    lossy: bool,
    warnings: &mut Vec<String>,
) -> Result<String, DecodeError> {
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    let mut out = String::with_capacity(bytes.len());
    let (mut pos, mut first, mut count) = (0usize, None, 0usize);
    let invalid = |offset| DecodeError::InvalidUtf16 {
        name: name.to_string(),
        offset,
    };
    for r in char::decode_utf16(units) {
        match r {
            Ok('\0') => {
                return Err(DecodeError::Binary {
                    name: name.to_string(),
                    offset: base + 2 * pos,
                })
            }
            Ok(c) => {
                out.push(c);
                pos += c.len_utf16();
            }
            Err(_) if !lossy => return Err(invalid(base + 2 * pos)),
            Err(_) => {
                first.get_or_insert(base + 2 * pos);
                count += 1;
                out.push(char::REPLACEMENT_CHARACTER);
                pos += 1;
            }
        }
    }
    if bytes.len() % 2 == 1 {
        // A dangling last byte: half a code unit.
        let offset = base + bytes.len() - 1;
        if !lossy {
            return Err(invalid(offset));
        }
        first.get_or_insert(offset);
        count += 1;
        out.push(char::REPLACEMENT_CHARACTER);
    }
    if let Some(first) = first {
        warnings.push(replaced_warning(name, "UTF-16", first, count));
    }
    Ok(normalize_newlines(&out))
}

/// CRLF, lone CR, NEL and U+2028 → `\n`; U+2029 → `\n\n`.
fn normalize_newlines(s: &str) -> String {
    if !s.contains(['\r', '\u{85}', '\u{2028}', '\u{2029}']) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push('\n');
            }
            '\u{85}' | '\u{2028}' => out.push('\n'),
            '\u{2029}' => out.push_str("\n\n"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(bytes: &[u8]) -> Decoded {
        decode(bytes, "in.txt", false).expect("decodes")
    }

    #[test]
    fn plain_utf8_passes_through() {
        let d = ok("Erdoğan met Āzərbaycan’s Aliyev.\n".as_bytes());
        assert_eq!(d.text, "Erdoğan met Āzərbaycan’s Aliyev.\n");
        assert!(d.warnings.is_empty());
    }

    #[test]
    fn bom_is_stripped() {
        assert_eq!(ok(b"\xEF\xBB\xBFTitle\nBody").text, "Title\nBody");
    }

    #[test]
    fn line_ends_are_normalised() {
        assert_eq!(ok(b"a\r\nb\rc\n\rd").text, "a\nb\nc\n\nd");
        assert_eq!(ok("a\u{2028}b\u{2029}c".as_bytes()).text, "a\nb\n\nc");
        assert_eq!(ok(b"a\r\r\nb").text, "a\n\nb");
    }

    #[test]
    fn invalid_utf8_names_input_and_offset() {
        let err = decode(b"Ankara said \xFF today", "news/a.txt", false).unwrap_err();
        assert_eq!(
            err,
            DecodeError::InvalidUtf8 {
                name: "news/a.txt".into(),
                offset: 12
            }
        );
        let msg = err.to_string();
        assert!(msg.contains("news/a.txt") && msg.contains("byte 12") && msg.contains("lossily"));
    }

    #[test]
    fn invalid_offset_counts_bom_and_crlf_in_original_bytes() {
        // BOM (3) + "ab\r\n" (4) + "é" (2) = 9.
        let err = decode(b"\xEF\xBB\xBFab\r\n\xC3\xA9\xE9x", "f", false).unwrap_err();
        assert_eq!(
            err,
            DecodeError::InvalidUtf8 {
                name: "f".into(),
                offset: 9
            }
        );
        // A truncated sequence at the very end.
        let err = decode(b"Baku \xE2\x80", "f", false).unwrap_err();
        assert!(matches!(err, DecodeError::InvalidUtf8 { offset: 5, .. }));
    }

    #[test]
    fn lossy_replaces_and_warns() {
        let d = decode(b"Caf\xE9 in Bak\xFC\r\nok", "latin1.txt", true).unwrap();
        assert_eq!(d.text, "Caf\u{FFFD} in Bak\u{FFFD}\nok");
        assert_eq!(d.warnings.len(), 1);
        let w = &d.warnings[0];
        assert!(w.contains("latin1.txt") && w.contains("byte 3") && w.contains("2 invalid"));
    }

    #[test]
    fn binary_is_refused_even_when_lossy() {
        let err = decode(b"PK\x03\x04\x14\x00\x00\x00", "x.zip", true).unwrap_err();
        assert!(matches!(err, DecodeError::Binary { offset: 5, .. }));
        assert!(err.to_string().contains("x.zip"));
        let err = decode(b"abc\0def", "x", false).unwrap_err();
        assert!(matches!(err, DecodeError::Binary { offset: 3, .. }));
        // Many control bytes but no NUL.
        let junk: Vec<u8> = (0..4000u32).map(|i| (i * 7 % 31 + 1) as u8).collect();
        assert!(matches!(decode(&junk, "x", true), Err(DecodeError::Binary { .. })));
    }

    #[test]
    fn pseudo_random_blob_is_binary() {
        let mut x: u32 = 12345;
        let blob: Vec<u8> = (0..200_000)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                (x >> 16) as u8
            })
            .collect();
        assert!(matches!(decode(&blob, "blob", false), Err(DecodeError::Binary { .. })));
    }

    #[test]
    fn tabs_and_form_feeds_are_text() {
        assert_eq!(ok(b"a\tb\x0cc").text, "a\tb\x0cc");
    }

    #[test]
    fn empty_and_blank_inputs_are_empty() {
        assert_eq!(ok(b"").text, "");
        assert_eq!(ok(b" \r\n\t\n ").text, "");
        assert_eq!(ok(b"\xEF\xBB\xBF\n").text, "");
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in "Erdoğan\r\n".encode_utf16() {
            le.extend(u.to_le_bytes());
            be.extend(u.to_be_bytes());
        }
        assert_eq!(ok(&le).text, "Erdoğan\n");
        assert_eq!(ok(&be).text, "Erdoğan\n");
        // An unpaired surrogate at unit 1 → byte 2 + 2.
        let bad = [0xFF, 0xFE, b'a', 0, 0x00, 0xD8, b'b', 0];
        assert!(matches!(
            decode(&bad, "w", false),
            Err(DecodeError::InvalidUtf16 { offset: 4, .. })
        ));
        let d = decode(&bad, "w", true).unwrap();
        assert_eq!(d.text, "a\u{FFFD}b");
        assert_eq!(d.warnings.len(), 1);
    }
}
