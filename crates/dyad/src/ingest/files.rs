//! Inputs on disk: folders expanded into article files, and a file read into [`Document`]s
//! with a size limit, by its format ([`super::formats`]: plain text, `.json`, `.jsonl`,
//! `.html`). Shared by `dyad code` and `dyad ingest`.

use super::formats::{self, Format, FormatError, Parts};
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
    #[error("{name}: {len} bytes is more than the limit of {max} bytes")]
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
    /// The text is not a JSON or HTML article (file, line and column named).
    #[error(transparent)]
    Format(#[from] FormatError),
    /// One article was asked for and the input holds several (a `.jsonl` file).
    #[error("{name}: holds {count} articles; read it with files::read_all")]
    Several {
        /// The input's name.
        name: String,
        /// How many articles it holds.
        count: usize,
    },
}

/// A file read and parsed.
#[derive(Debug)]
pub struct Loaded {
    /// The article.
    pub doc: Document,
    /// Warnings from decoding and parsing.
    pub warnings: Vec<String>,
    /// Size of the input in bytes (for a JSON-lines article, its line's).
    pub bytes: usize,
    /// The article's URL, from its metadata.
    pub url: Option<String>,
    /// The outlet or source named in its metadata.
    pub source: Option<String>,
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
/// publication date for articles that carry none. A `.jsonl` file with more than one article
/// is an error: read it with [`read_all`].
pub fn read(path: &Path, max: u64, lossy: bool, date: Option<NaiveDate>) -> Result<Loaded, ReadError> {
    let mut all = read_all(path, max, lossy, date);
    match all.len() {
        1 => all.remove(0),
        count => Err(ReadError::Several {
            name: path.display().to_string(),
            count,
        }),
    }
}

/// Reads, decodes and parses every article of one input file of at most `max` bytes (one,
/// except for `.jsonl`, where each line is an article or an error of its own); `date` is the
/// publication date for articles that carry none.
pub fn read_all(path: &Path, max: u64, lossy: bool, date: Option<NaiveDate>) -> Vec<Result<Loaded, ReadError>> {
    let name = path.display().to_string();
    let io = |source| ReadError::Io {
        name: name.clone(),
        source,
    };
    let bytes = std::fs::metadata(path).map_err(io).and_then(|m| {
        if m.len() > max {
            Err(ReadError::TooLarge {
                name: name.clone(),
                len: m.len(),
                max,
            })
        } else {
            std::fs::read(path).map_err(io)
        }
    });
    match bytes {
        Ok(b) => parse_all(&name, &b, lossy, date),
        Err(e) => vec![Err(e)],
    }
}

/// Decodes and parses a plain-text article given as bytes (a file's or standard input's).
pub fn parse_bytes(name: &str, bytes: &[u8], lossy: bool, date: Option<NaiveDate>) -> Result<Loaded, DecodeError> {
    let decoded = decode(bytes, name, lossy)?;
    let doc = Document::parse(name, decoded.text, date);
    let mut warnings = decoded.warnings;
    warnings.extend(doc.warnings.iter().cloned());
    Ok(Loaded {
        doc,
        warnings,
        bytes: bytes.len(),
        url: None,
        source: None,
    })
}

/// Decodes and parses the articles of an input given as bytes, by the format its name's
/// extension says ([`Format::of`]).
pub fn parse_all(name: &str, bytes: &[u8], lossy: bool, date: Option<NaiveDate>) -> Vec<Result<Loaded, ReadError>> {
    let format = Format::of(name);
    let decoded = match decode(bytes, name, lossy) {
        Ok(d) => d,
        Err(e) => return vec![Err(e.into())],
    };
    let loaded = |parts: Parts, len: usize, warnings: &[String]| {
        let doc = Document::from_parts(&parts.id, parts.title.as_deref(), &parts.body, parts.date, date);
        let mut w = warnings.to_vec();
        w.extend(parts.warnings);
        w.extend(doc.warnings.iter().cloned());
        Loaded {
            doc,
            warnings: w,
            bytes: len,
            url: parts.url,
            source: parts.source,
        }
    };
    let text = decoded.text.as_str();
    match format {
        Format::Text => {
            let doc = Document::parse(name, text.to_string(), date);
            let mut warnings = decoded.warnings.clone();
            warnings.extend(doc.warnings.iter().cloned());
            vec![Ok(Loaded {
                doc,
                warnings,
                bytes: bytes.len(),
                url: None,
                source: None,
            })]
        }
        Format::Json => vec![formats::json_article(name, text)
            .map(|p| loaded(p, bytes.len(), &decoded.warnings))
            .map_err(ReadError::from)],
        Format::Html => vec![formats::html_article(name, text)
            .map(|p| loaded(p, bytes.len(), &decoded.warnings))
            .map_err(ReadError::from)],
        Format::JsonLines => {
            let line_len: Vec<usize> = text.lines().map(str::len).collect();
            formats::jsonl_articles(name, text)
                .into_iter()
                .enumerate()
                .map(|(i, r)| {
                    // decoding warnings belong to the whole file: given once, with its first article
                    let w: &[String] = if i == 0 { &decoded.warnings } else { &[] };
                    r.map(|p| {
                        let len =
                            p.id.rsplit_once('#')
                                .and_then(|(_, n)| n.parse::<usize>().ok())
                                .and_then(|n| line_len.get(n - 1).copied())
                                .unwrap_or(0);
                        loaded(p, len, w)
                    })
                    .map_err(ReadError::from)
                })
                .collect()
        }
    }
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
