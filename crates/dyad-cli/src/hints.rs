//! The CLI's words for the library's errors: the library names what is wrong; the command
//! line says which flag fixes it.

use dyad::ingest::decode::DecodeError;
use dyad::ingest::files::ReadError;
use dyad_store::StoreError;

/// The error as the CLI prints it, with a hint naming the flag that helps, if one does.
pub fn render(e: &anyhow::Error) -> String {
    // Each cause once: a message that already quotes its source is not followed by it again.
    let mut text = String::new();
    for cause in e.chain() {
        let c = cause.to_string();
        if text.is_empty() || c.starts_with(&format!("{text}: ")) {
            // a context naming only the file its cause names too
            text = c;
        } else if !text.contains(&c) {
            text.push_str(": ");
            text.push_str(&c);
        }
    }
    for cause in e.chain() {
        if let Some(StoreError::BadFilter { field, value, expected }) = cause.downcast_ref::<StoreError>() {
            // the filter is the flag of the same name; `a` and `b` are the two countries
            let plain = !value.is_empty() && value.chars().all(|c| c.is_alphanumeric());
            let name = match *field {
                "a" | "b" => "country".to_string(),
                f => format!("--{f}"),
            };
            text = match plain {
                true => format!("{name} {value}: expected {expected}"),
                false => format!("{name} {value:?}: expected {expected}"),
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
        if let Some(dyad::kb::petrarch::PetrarchError::Io { .. }) = cause.downcast_ref() {
            return Some("check the path given to --dictionaries, --verbs, --actors, --agents or --discards".into());
        }
        match cause.downcast_ref::<StoreError>() {
            Some(StoreError::NotADatabase { .. } | StoreError::NotAStore { .. }) => {
                return Some("point --db at a dyad store, or at a new file to create one".into())
            }
            Some(StoreError::Missing { path }) => {
                return Some(format!("create it with `dyad ingest --db {path} PATH...`"))
            }
            Some(StoreError::IsFolder { path }) => {
                let file = std::path::Path::new(path).join(dyad_store::DEFAULT_DB);
                return Some(format!("name a file in it: --db {}", file.display()));
            }
            Some(StoreError::CannotOpen { .. }) => {
                return Some("point --db at a file in a folder that exists and that you can write".into())
            }
            Some(StoreError::Output { .. }) => {
                return Some("write into a folder that exists and that you can write".into())
            }
            Some(StoreError::BadFilter {
                field: "country" | "a" | "b",
                ..
            }) => return Some("`dyad actors` lists the countries in the store".into()),
            Some(StoreError::BadFilter { .. }) => {
                let command = std::env::args().skip(1).find(|a| !a.starts_with('-'));
                return Some(match command {
                    Some(c) => format!("`dyad {c} --help` describes each option"),
                    None => "`dyad --help` lists the commands".into(),
                });
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
        assert!(
            render(&e).starts_with("--quad 7: expected a quad class\n  hint: `dyad "),
            "{}",
            render(&e)
        );
        let missing = StoreError::Missing { path: "s.db".into() };
        assert!(!missing.to_string().contains("--"), "{missing}");
        let e = anyhow::Error::new(missing).context("opening");
        assert!(render(&e).contains("dyad ingest --db s.db"), "{}", render(&e));
        let e = anyhow::anyhow!("plain");
        assert_eq!(render(&e), "plain");
        // an OS error quoted by its wrapper is not printed twice
        let e = anyhow::Error::new(dyad::kb::petrarch::PetrarchError::Io {
            file: "/nonexistent".into(),
            source: std::io::Error::from(std::io::ErrorKind::NotFound),
        });
        let r = render(&e);
        assert_eq!(r.matches("not found").count(), 1, "{r}");
        assert!(
            r.starts_with("/nonexistent: cannot read the dictionary") && r.contains("hint: check the path"),
            "{r}"
        );
        let e = anyhow::Error::new(StoreError::IsFolder { path: "/tmp".into() });
        assert_eq!(
            render(&e),
            "/tmp: a folder, not a store file\n  hint: name a file in it: --db /tmp/dyad.db"
        );
    }
}
