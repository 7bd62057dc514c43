//! Inputs on disk: folders expanded into article files, and a file read into [`Document`]s
//! with a size limit, by its format ([`super::formats`]: plain text, `.json`, `.jsonl`,
//! `.html`). Shared by `dyad code` and `dyad ingest`.

use super::archive;
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
    /// The file is larger than the limit (checked while reading, so a device or a pipe that
    /// never ends stops there too).
    #[error("{name}: {} than the limit of {max} bytes", size(*.len))]
    TooLarge {
        /// The input's name.
        name: String,
        /// Its size in bytes, when known (a regular file's); `None` for a stream read past
        /// the limit.
        len: Option<u64>,
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

/// What tells an article apart from every other, besides its text (a store keys articles by
/// it; the document's `id` is only the name it is shown by).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Identity {
    /// The input holds this one article: the input's name identifies it.
    Input(String),
    /// One of several articles of an input (a JSON-lines line), with an identifier of its
    /// own (`id:…` or `url:…`, see [`formats::Parts::own_id`]).
    Own {
        /// The input's name.
        input: String,
        /// The article's own identifier.
        id: String,
    },
    /// One of several articles of an input, without an identifier of its own: only its
    /// content identifies it, never its position (a line added above it does not make it
    /// another article).
    Content {
        /// The input's name.
        input: String,
    },
}

impl Identity {
    /// The key a store files the article under: the input's name, `input#id:…`/`input#url:…`
    /// for an article with its own identifier, else `input#sha256:` and `content_hash` (the
    /// hash of the decoded text).
    pub fn key(&self, content_hash: &str) -> String {
        match self {
            Identity::Input(name) => name.clone(),
            Identity::Own { input, id } => format!("{input}#{id}"),
            Identity::Content { input } => format!("{input}#sha256:{content_hash}"),
        }
    }
}

fn size(len: Option<u64>) -> String {
    match len {
        Some(n) => format!("{n} bytes is more"),
        None => "reading it gives more".to_string(),
    }
}

/// A file read and parsed.
#[derive(Debug)]
pub struct Loaded {
    /// The article (its `id` is the name it is shown by: the input's, `path#line` for a
    /// JSON-lines article).
    pub doc: Document,
    /// What identifies the article in a store.
    pub identity: Identity,
    /// Warnings from decoding and parsing.
    pub warnings: Vec<String>,
    /// Size of the input in bytes (for a JSON-lines article, its line's).
    pub bytes: usize,
    /// The article's URL, from its metadata.
    pub url: Option<String>,
    /// The outlet or source named in its metadata.
    pub source: Option<String>,
}

/// Paths expanded into inputs ([`expand`]).
#[derive(Debug, Default)]
pub struct Expanded {
    /// The inputs, in order.
    pub files: Vec<PathBuf>,
    /// Paths that could not be read (missing, unreadable folders), naming them.
    pub errors: Vec<String>,
    /// What was left out of folders, naming it: entries that are not regular files (FIFOs,
    /// sockets, devices) and folders met again through symbolic links (loops among them).
    pub warnings: Vec<String>,
}

/// Expands paths into inputs: folders recursively (entries sorted, hidden ones skipped),
/// other paths as given (a file, a pipe such as `<(…)`: reading is bounded by the size
/// limit), `-` kept as is for the caller to treat as standard input.
///
/// Inside folders only regular files are taken (a FIFO would block reading, a device such as
/// `/dev/zero` never ends); symbolic links are followed, but no folder is read twice, so a
/// link to a folder above (`ln -s . loop`) is reported as a loop and not followed.
pub fn expand(paths: &[PathBuf]) -> Expanded {
    let mut out = Expanded::default();
    for p in paths {
        if p.as_os_str() == "-" {
            out.files.push(p.clone());
            continue;
        }
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => {
                let mut walk = Walk {
                    out: &mut out,
                    seen: Vec::new(),
                    stack: Vec::new(),
                };
                walk.dir(p, m);
            }
            Ok(_) => out.files.push(p.clone()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                out.errors.push(format!("{}: no such file or folder", input_name(p)))
            }
            Err(e) => out.errors.push(format!("{}: {e}", input_name(p))),
        }
    }
    out
}

/// A folder's identity: device and inode on Unix, the canonical path elsewhere.
#[derive(Clone, Debug, PartialEq, Eq)]
enum FolderId {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg(not(unix))]
    Path(PathBuf),
}

fn folder_id(path: &Path, meta: &std::fs::Metadata) -> Option<FolderId> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let _ = path;
        Some(FolderId::Inode(meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        path.canonicalize().ok().map(FolderId::Path)
    }
}

/// What a folder entry is when it is neither a folder nor a regular file.
fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    let _ = meta;
    "not a regular file"
}

/// A walk through one folder given as input.
struct Walk<'a> {
    out: &'a mut Expanded,
    /// Folders read, with the path they were first read by.
    seen: Vec<(FolderId, PathBuf)>,
    /// The folders being read, outermost first.
    stack: Vec<FolderId>,
}

impl Walk<'_> {
    fn dir(&mut self, dir: &Path, meta: std::fs::Metadata) {
        let id = folder_id(dir, &meta);
        if let Some(id) = id.clone() {
            if let Some((_, first)) = self.seen.iter().find(|(s, _)| *s == id) {
                let w = if self.stack.contains(&id) {
                    format!(
                        "{}: a symbolic link loop (back to {}); not followed",
                        input_name(dir),
                        input_name(first)
                    )
                } else {
                    format!(
                        "{}: the folder {} again (through a symbolic link); read once",
                        input_name(dir),
                        input_name(first)
                    )
                };
                self.out.warnings.push(w);
                return;
            }
            self.seen.push((id.clone(), dir.to_path_buf()));
            self.stack.push(id);
        }
        let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
            Ok(e) => e
                .flatten()
                .filter(|e| !e.file_name().as_encoded_bytes().starts_with(b"."))
                .map(|e| e.path())
                .collect(),
            Err(e) => {
                self.out.errors.push(format!("{}: {e}", input_name(dir)));
                Vec::new()
            }
        };
        entries.sort();
        for path in entries {
            match std::fs::metadata(&path) {
                Ok(m) if m.is_dir() => self.dir(&path, m),
                Ok(m) if m.is_file() => self.out.files.push(path),
                Ok(m) => self.out.warnings.push(format!(
                    "{}: {}, not an article file; skipped",
                    input_name(&path),
                    kind_of(&m)
                )),
                Err(e) => self.out.errors.push(format!("{}: {e}", input_name(&path))),
            }
        }
        if id.is_some() {
            self.stack.pop();
        }
    }
}

/// The name an input is shown and stored by: its path as text. A path that is not UTF-8 keeps
/// its bytes apart (on Unix): each byte that is not UTF-8 is written `\xNN` and a backslash
/// `\\`, so `x\xff.txt` and `x\xfe.txt` stay two names (and a file literally named
/// `x\xff.txt`, backslash and all, is shown `x\\xff.txt`), where a lossy conversion made
/// the first two both `x\u{FFFD}.txt`.
pub fn input_name(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let bytes = path.as_os_str().as_bytes();
        if let Ok(s) = std::str::from_utf8(bytes) {
            if !s.contains('\\') {
                return s.to_string();
            }
        }
        let mut out = String::with_capacity(bytes.len() + 8);
        for chunk in bytes.utf8_chunks() {
            for c in chunk.valid().chars() {
                if c == '\\' {
                    out.push_str("\\\\");
                } else {
                    out.push(c);
                }
            }
            for b in chunk.invalid() {
                out.push_str(&format!("\\x{b:02x}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        path.display().to_string()
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
            name: input_name(path),
            count,
        }),
    }
}

/// Reads, decodes and parses every article of one input file of at most `max` bytes (one,
/// except for `.jsonl`, where each line is an article or an error of its own); `date` is the
/// publication date for articles that carry none.
pub fn read_all(path: &Path, max: u64, lossy: bool, date: Option<NaiveDate>) -> Vec<Result<Loaded, ReadError>> {
    let name = input_name(path);
    let io = |source| ReadError::Io {
        name: name.clone(),
        source,
    };
    match read_bounded(path, max).map_err(|e| match e {
        Bounded::Io(source) => io(source),
        Bounded::TooLarge(len) => ReadError::TooLarge {
            name: name.clone(),
            len,
            max,
        },
    }) {
        Ok(b) => parse_all_as(&name, &b, Format::of(&name), lossy, date, max),
        Err(e) => vec![Err(e)],
    }
}

enum Bounded {
    Io(std::io::Error),
    TooLarge(Option<u64>),
}

/// The bytes of `path`, at most `max`: a regular file larger than that is refused from its
/// size, anything else (a device, a pipe) when reading passes the limit.
fn read_bounded(path: &Path, max: u64) -> Result<Vec<u8>, Bounded> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(Bounded::Io)?;
    let meta = file.metadata().map_err(Bounded::Io)?;
    if meta.is_file() && meta.len() > max {
        return Err(Bounded::TooLarge(Some(meta.len())));
    }
    let mut bytes = Vec::with_capacity(if meta.is_file() { meta.len() as usize } else { 0 });
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(Bounded::Io)?;
    if bytes.len() as u64 > max {
        return Err(Bounded::TooLarge(None));
    }
    Ok(bytes)
}

/// Decodes and parses a plain-text article given as bytes (a file's or standard input's).
pub fn parse_bytes(name: &str, bytes: &[u8], lossy: bool, date: Option<NaiveDate>) -> Result<Loaded, DecodeError> {
    let decoded = decode(bytes, name, lossy)?;
    let doc = Document::parse(name, decoded.text, date);
    let mut warnings = decoded.warnings;
    warnings.extend(doc.warnings.iter().cloned());
    Ok(Loaded {
        doc,
        identity: Identity::Input(name.to_string()),
        warnings,
        bytes: bytes.len(),
        url: None,
        source: None,
    })
}

/// How large a compressed input may grow when decompressed, when no other limit is given.
pub const MAX_DECOMPRESSED: u64 = 1 << 30;

/// Decodes and parses the articles of an input given as bytes, by the format its name's
/// extension says ([`Format::of`]); a `.gz` input is decompressed first.
pub fn parse_all(name: &str, bytes: &[u8], lossy: bool, date: Option<NaiveDate>) -> Vec<Result<Loaded, ReadError>> {
    parse_all_as(name, bytes, Format::of(name), lossy, date, MAX_DECOMPRESSED)
}

/// [`parse_all`] in a given format (standard input's `--stdin-format`), with `max` the limit
/// on decompressed bytes. Gzip-compressed bytes (named `.gz`, or starting with gzip's magic
/// number) are decompressed first, except a WARC file's, read member by member.
pub fn parse_all_as(
    name: &str,
    bytes: &[u8],
    format: Format,
    lossy: bool,
    date: Option<NaiveDate>,
    max: u64,
) -> Vec<Result<Loaded, ReadError>> {
    let gz = formats::strip_gz(name).is_some() || bytes.starts_with(&[0x1f, 0x8b]);
    if format == Format::Warc {
        return archive::warc_articles(name, bytes, max)
            .into_iter()
            .map(|r| r.map(|p| loaded_parts(p, 0, &[], date)).map_err(ReadError::from))
            .collect();
    }
    if gz {
        return match archive::gunzip(name, bytes, max) {
            Ok(plain) => parse_plain(name, &plain, format, lossy, date),
            Err(e) => vec![Err(e.into())],
        };
    }
    parse_plain(name, bytes, format, lossy, date)
}

/// An article of a multi-article input (a feed item, a WARC record): identified by its URL
/// or id when it has one, else by its content.
fn loaded_parts(p: Parts, len: usize, warnings: &[String], date: Option<NaiveDate>) -> Loaded {
    let input = p.id.rsplit_once('#').map_or(p.id.as_str(), |(i, _)| i).to_string();
    let identity = match p.own_id.clone() {
        Some(id) => Identity::Own { input, id },
        None => Identity::Content { input },
    };
    let doc = Document::from_parts(&p.id, p.title.as_deref(), &p.body, p.date, date);
    let mut w = warnings.to_vec();
    w.extend(p.warnings);
    w.extend(doc.warnings.iter().cloned());
    Loaded {
        doc,
        identity,
        warnings: w,
        bytes: len.max(p.body.len()),
        url: p.url,
        source: p.source,
    }
}

fn parse_plain(
    name: &str,
    bytes: &[u8],
    format: Format,
    lossy: bool,
    date: Option<NaiveDate>,
) -> Vec<Result<Loaded, ReadError>> {
    if format == Format::Feed {
        let text = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
        if !archive::is_feed(&text) {
            return vec![Err(ReadError::Format(formats::FormatError {
                name: name.to_string(),
                line: Some(1),
                column: None,
                message: "not an RSS or Atom feed (its first element is not <rss>, <feed> or <rdf:RDF>)".into(),
            }))];
        }
        return archive::feed_articles(name, bytes)
            .into_iter()
            .map(|r| r.map(|p| loaded_parts(p, 0, &[], date)).map_err(ReadError::from))
            .collect();
    }
    let decoded = match decode(bytes, name, lossy) {
        Ok(d) => d,
        Err(e) => return vec![Err(e.into())],
    };
    let loaded = |parts: Parts, len: usize, warnings: &[String], identity: Identity| {
        let doc = Document::from_parts(&parts.id, parts.title.as_deref(), &parts.body, parts.date, date);
        let mut w = warnings.to_vec();
        w.extend(parts.warnings);
        w.extend(doc.warnings.iter().cloned());
        Loaded {
            doc,
            identity,
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
                identity: Identity::Input(name.to_string()),
                warnings,
                bytes: bytes.len(),
                url: None,
                source: None,
            })]
        }
        Format::Json => vec![formats::json_article(name, text)
            .map(|p| loaded(p, bytes.len(), &decoded.warnings, Identity::Input(name.to_string())))
            .map_err(ReadError::from)],
        Format::Html => vec![formats::html_article(name, text)
            .map(|p| loaded(p, bytes.len(), &decoded.warnings, Identity::Input(name.to_string())))
            .map_err(ReadError::from)],
        // read above, before decoding
        Format::Feed | Format::Warc => Vec::new(),
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
                        let identity = match p.own_id.clone() {
                            Some(id) => Identity::Own {
                                input: name.to_string(),
                                id,
                            },
                            None => Identity::Content {
                                input: name.to_string(),
                            },
                        };
                        loaded(p, len, w, identity)
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
        let Expanded { files, errors, .. } = expand(&[d.clone(), PathBuf::from("-"), d.join("missing.txt")]);
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
            Err(ReadError::TooLarge {
                len: Some(32),
                max: 10,
                ..
            })
        ));
        std::fs::write(d.join("bad.txt"), [b'a', 0xC3, 0x28]).unwrap();
        let e = read(&d.join("bad.txt"), 1 << 20, false, None).unwrap_err().to_string();
        assert!(e.contains("bad.txt") && e.contains("byte 1"), "{e}");
        let _ = std::fs::remove_dir_all(&d);
    }

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_stay_apart_and_readable() {
        use std::ffi::OsStr;
        use std::os::unix::ffi::OsStrExt;
        let d = std::env::temp_dir().join(format!("dyad-files-names-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        let ff = d.join(OsStr::from_bytes(b"x\xff.txt"));
        let fe = d.join(OsStr::from_bytes(b"x\xfe.txt"));
        let literal = d.join("x\\xff.txt");
        std::fs::write(&ff, "Title\n\nTurkey criticised Greece.").unwrap();
        std::fs::write(&fe, "Title\n\nIran criticised Iraq.").unwrap();
        std::fs::write(&literal, "Title\n\nEgypt criticised Libya.").unwrap();
        let Expanded { files, errors, .. } = expand(std::slice::from_ref(&d));
        assert!(errors.is_empty(), "{errors:?}");
        let names: Vec<String> = files.iter().map(|p| input_name(p)).collect();
        let dir = d.display().to_string();
        assert_eq!(
            names,
            [
                format!("{dir}/x\\\\xff.txt"),
                format!("{dir}/x\\xfe.txt"),
                format!("{dir}/x\\xff.txt")
            ]
        );
        let read: Vec<String> = files
            .iter()
            .map(|p| read(p, 1 << 20, false, None).unwrap().doc.id)
            .collect();
        assert_eq!(read, names);
        assert_eq!(input_name(Path::new("a/b.txt")), "a/b.txt");
        let _ = std::fs::remove_dir_all(&d);
    }
}
