//! The CLI's words for the library's errors: the library names what is wrong; the command
//! line says which flag fixes it.

use dyad::ingest::decode::DecodeError;
use dyad::ingest::files::ReadError;
use dyad_store::StoreError;

/// The error as the CLI prints it, with a hint naming the flag that helps, if one does.
pub fn render(e: &anyhow::Error) -> String {
    let mut text = format!("{e:#}");
    for cause in e.chain() {
        if let Some(StoreError::BadFilter { field, value, expected }) = cause.downcast_ref::<StoreError>() {
            // the filter is the flag of the same name
            let plain = !value.is_empty() && value.chars().all(|c| c.is_alphanumeric());
            text = match plain {
                true => format!("--{field} {value}: expected {expected}"),
                false => format!("--{field} {value:?}: expected {expected}"),
            };
        }
    }
    match hint(e) {
        Some(h) => format!("{text}\n  hint: {h}"),
        None => text,
    }
}

/// The flag or command that helps with `e`, if any.
fn hint(e: &anyhow::Error) -> Option<String> {
    for cause in e.chain() {
        let decode = cause
            .downcast_ref::<DecodeError>()
            .or_else(|| match cause.downcast_ref::<ReadError>() {
                Some(ReadError::Decode(d)) => Some(d),
                _ => None,
            });
        if let Some(DecodeError::InvalidUtf8 { .. } | DecodeError::InvalidUtf16 { .. }) = decode {
            return Some("pass --lossy to replace invalid bytes with U+FFFD (with a warning)".into());
        }
        if let Some(ReadError::TooLarge { .. }) = cause.downcast_ref::<ReadError>() {
            return Some("raise the limit with --max-mib".into());
        }
        match cause.downcast_ref::<StoreError>() {
            Some(StoreError::NotADatabase { .. } | StoreError::NotAStore { .. }) => {
                return Some("point --db at a dyad store, or at a new file to create one".into())
            }
            Some(StoreError::Missing { path }) => {
                return Some(format!("create it with `dyad ingest --db {path} PATH...`"))
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn library_errors_get_the_flag_that_helps() {
        let e = anyhow::Error::new(ReadError::TooLarge {
            name: "a.txt".into(),
            len: Some(10),
            max: 5,
        });
        assert!(!e.to_string().contains("--"), "the library names no flag: {e}");
        let r = render(&e);
        assert!(
            r.starts_with("a.txt: 10 bytes is more than the limit of 5 bytes") && r.contains("--max-mib"),
            "{r}"
        );
        let e = anyhow::Error::new(StoreError::BadFilter {
            field: "quad",
            value: "7".into(),
            expected: "a quad class".into(),
        });
        assert_eq!(render(&e), "--quad 7: expected a quad class");
        let missing = StoreError::Missing { path: "s.db".into() };
        assert!(!missing.to_string().contains("--"), "{missing}");
        let e = anyhow::Error::new(missing).context("opening");
        assert!(render(&e).contains("dyad ingest --db s.db"), "{}", render(&e));
        let e = anyhow::anyhow!("plain");
        assert_eq!(render(&e), "plain");
    }
}
