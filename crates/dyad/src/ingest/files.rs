//! Inputs on disk: folders expanded into article files, and a file read into a [`Document`]
//! with a size limit. Shared by `dyad code` and `dyad ingest`.

use super::{decode, DecodeError, Document};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Why an input file could not be read.
#[derive(Debug, Error)]
pub enum ReadError {
    /// The file could not be opened or read.
    #[error("{name}: {source}")]
    Io {
        /// The input's name.
        name: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The file is larger than the limit.
    #[error("{name}: {len} bytes is more than the limit of {max} bytes (raise it with --max-mib)")]
    TooLarge {
        /// The input's name.
        name: String,
        /// Its size in bytes.
        len: u64,
        /// The limit in bytes.
        max: u64,
    },
    /// The bytes are not text dyad can read.
    #[error(transparent)]
    Decode(#[from] DecodeError),
}

/// A file read and parsed.
#[derive(Debug)]
pub struct Loaded {
    /// The article.
    pub doc: Document,
    /// Warnings from decoding and parsing.
    pub warnings: Vec<String>,
    /// Size of the file in bytes.
    pub bytes: usize,
}

/// Expands paths into article files: folders recursively (sorted, hidden entries skipped),
/// files as given, `-` kept as is for the caller to treat as standard input. Paths that do
/// not exist are returned as error messages naming them.
pub fn expand(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<String>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" || p.is_file() {
            out.push(p.clone());
        } else if p.is_dir() {
            let mut files = Vec::new();
            walk(p, &mut files, &mut errors);
            files.sort();
            out.extend(files);
        } else {
            errors.push(format!("{}: no such file or folder", p.display()));
        }
    }
    (out, errors)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, errors: &mut Vec<String>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(format!("{}: {e}", dir.display()));
            return;
        }
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out, errors);
        } else {
            out.push(path);
        }
    }
}

/// Reads, decodes and parses one article file of at most `max` bytes; `date` is the
/// publication date for articles that carry none.
pub fn read(path: &Path, max: u64, lossy: bool, date: Option<NaiveDate>) -> Result<Loaded, ReadError> {
    let name = path.display().to_string();
    let io = |source| ReadError::Io {
        name: name.clone(),
        source,
    };
    let len = std::fs::metadata(path).map_err(io)?.len();
    if len > max {
        return Err(ReadError::TooLarge { name, len, max });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    Ok(parse_bytes(&name, &bytes, lossy, date)?)
}

/// Decodes and parses an article given as bytes (a file's or standard input's).
pub fn parse_bytes(name: &str, bytes: &[u8], lossy: bool, date: Option<NaiveDate>) -> Result<Loaded, DecodeError> {
    let decoded = decode(bytes, name, lossy)?;
    let doc = Document::parse(name, decoded.text, date);
    let mut warnings = decoded.warnings;
    warnings.extend(doc.warnings.iter().cloned());
    Ok(Loaded {
        doc,
        warnings,
        bytes: bytes.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_folders_sorted_without_hidden_files_and_reports_missing_paths() {
        let d = std::env::temp_dir().join(format!("dyad-files-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(d.join("sub")).unwrap();
        for f in ["b.txt", "a.txt", ".hidden", "sub/c.txt"] {
            std::fs::write(d.join(f), "Title\n\nTurkey criticised Greece.").unwrap();
        }
        let (files, errors) = expand(&[d.clone(), PathBuf::from("-"), d.join("missing.txt")]);
        let names: Vec<String> = files
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into())
            .collect();
        assert_eq!(names, ["a.txt", "b.txt", "c.txt", "-"]);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].contains("missing.txt") && errors[0].contains("no such file"));

        let loaded = read(&d.join("a.txt"), 1 << 20, false, None).unwrap();
        assert_eq!(loaded.bytes, 32);
        assert!(matches!(
            read(&d.join("a.txt"), 10, false, None),
            Err(ReadError::TooLarge { len: 32, max: 10, .. })
        ));
        std::fs::write(d.join("bad.txt"), [b'a', 0xC3, 0x28]).unwrap();
        let e = read(&d.join("bad.txt"), 1 << 20, false, None).unwrap_err().to_string();
        assert!(e.contains("bad.txt") && e.contains("byte 1"), "{e}");
        let _ = std::fs::remove_dir_all(&d);
    }
}
