//! Diagnostics shared by the readers: where an entry was read, warnings, errors, options.

use std::fmt;
use std::path::Path;
use std::sync::Arc;
use thiserror::Error;

/// Where an entry was read: file name (as given to the reader) and 1-based line.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Origin {
    /// The file, as named by the caller.
    pub file: Arc<str>,
    /// 1-based line number.
    pub line: usize,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// What is wrong with a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Problem {
    /// The bytes are not UTF-8.
    Encoding,
    /// A control character (other than tab) in the text.
    ControlCharacter,
    /// `[`, `(`, `{` or `!` without its partner, or nested where nesting is not allowed.
    UnbalancedBracket,
    /// A date that is not `YYMMDD`/`YYYYMMDD`, does not exist, or a range that ends before it starts.
    BadDate,
    /// A code with characters a code cannot have, or an empty code.
    BadCode,
    /// A line that needs a `[code]` and has none.
    MissingCode,
    /// A marker the format does not define (`|`, `@`, an undefined `!marker!`...).
    UnknownMarker,
    /// A pattern uses a synset (`&NAME`) that the file never defines.
    UnknownSynset,
    /// Something opened and never finished: a block without verbs, a synset without members,
    /// an unclosed comment or `<ISSUE>` section.
    Truncated,
    /// A line that cannot appear where it is (a pattern outside a verb block, a synonym before
    /// any actor...).
    OutOfPlace,
    /// Any other malformed line.
    Syntax,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Problem::Encoding => "encoding",
            Problem::ControlCharacter => "control character",
            Problem::UnbalancedBracket => "unbalanced bracket",
            Problem::BadDate => "bad date",
            Problem::BadCode => "bad code",
            Problem::MissingCode => "missing code",
            Problem::UnknownMarker => "unknown marker",
            Problem::UnknownSynset => "unknown synset",
            Problem::Truncated => "truncated",
            Problem::OutOfPlace => "out of place",
            Problem::Syntax => "syntax",
        })
    }
}

/// A problem found while reading in lenient mode; the line was skipped (or, where the message
/// says so, kept) and the rest of the file was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// The file.
    pub file: String,
    /// 1-based line (0 when the problem concerns the whole file).
    pub line: usize,
    /// The kind of problem.
    pub problem: Problem,
    /// What is wrong and what was done about it.
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}: {}", self.file, self.line, self.problem, self.message)
    }
}

/// A dictionary file that could not be read.
#[derive(Debug, Error)]
pub enum PetrarchError {
    /// The file could not be opened or read.
    #[error("{file}: cannot read the dictionary: {source}")]
    Io {
        /// The file.
        file: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The file is not UTF-8 (strict mode).
    #[error(
        "{file}:{line}: invalid UTF-8 at byte offset {offset}; convert the file to UTF-8 \
         (for example `iconv -f latin1 -t utf-8`) or read it leniently to decode it as Latin-1"
    )]
    Encoding {
        /// The file.
        file: String,
        /// 1-based line holding the first invalid byte.
        line: usize,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// A malformed line (strict mode: the first problem found).
    #[error("{file}:{line}: {problem}: {message}")]
    Invalid {
        /// The file.
        file: String,
        /// 1-based line.
        line: usize,
        /// The kind of problem.
        problem: Problem,
        /// What is wrong.
        message: String,
    },
    /// The discard phrases of the lists read could not be compiled into matchers.
    #[error("discard lists: cannot compile {phrases} of their phrases into a matcher: {message}")]
    Matcher {
        /// How many phrases there were.
        phrases: usize,
        /// Why it failed (the automaton's own message).
        message: String,
    },
}

impl PetrarchError {
    /// The 1-based line the error names (0 for I/O and matcher errors).
    pub fn line(&self) -> usize {
        match self {
            PetrarchError::Io { .. } | PetrarchError::Matcher { .. } => 0,
            PetrarchError::Encoding { line, .. } | PetrarchError::Invalid { line, .. } => *line,
        }
    }

    /// The kind of problem ([`Problem::Encoding`] for encoding errors, `None` for I/O and
    /// matcher errors).
    pub fn problem(&self) -> Option<Problem> {
        match self {
            PetrarchError::Io { .. } | PetrarchError::Matcher { .. } => None,
            PetrarchError::Encoding { .. } => Some(Problem::Encoding),
            PetrarchError::Invalid { problem, .. } => Some(*problem),
        }
    }
}

/// How to read a dictionary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// `false` (the default): skip a bad line with a [`Warning`] and read the rest.
    /// `true`: the first problem (any warning, including a non-UTF-8 byte) is an error.
    pub strict: bool,
}

impl LoadOptions {
    /// Lenient reading (the default).
    pub fn lenient() -> LoadOptions {
        LoadOptions { strict: false }
    }

    /// Strict reading: the first problem is an error.
    pub fn strict() -> LoadOptions {
        LoadOptions { strict: true }
    }
}

/// A dictionary read from one file.
pub trait DictionaryFile: Sized {
    /// Reads the dictionary from `bytes`; `file` names it in origins, warnings and errors.
    fn parse(file: &str, bytes: &[u8], options: LoadOptions) -> Result<Self, PetrarchError>;

    /// The problems met in lenient mode (empty in strict mode).
    fn warnings(&self) -> &[Warning];

    /// How many entries were read (patterns, actors, agents, discards or issues).
    fn entry_count(&self) -> usize;

    /// Reads the dictionary from a file.
    fn load(path: impl AsRef<Path>, options: LoadOptions) -> Result<Self, PetrarchError> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|source| PetrarchError::Io {
            file: name.clone(),
            source,
        })?;
        Self::parse(&name, &bytes, options)
    }
}

/// Collects warnings for one file, or turns the first into an error in strict mode.
pub(crate) struct Diag {
    pub(crate) file: Arc<str>,
    pub(crate) strict: bool,
    pub(crate) warnings: Vec<Warning>,
}

impl Diag {
    pub(crate) fn new(file: &str, options: LoadOptions) -> Diag {
        Diag {
            file: Arc::from(file),
            strict: options.strict,
            warnings: Vec::new(),
        }
    }

    /// Records a problem at `line` and what was done about it (`outcome`, such as "line
    /// skipped"); in strict mode the problem is an error and nothing is done.
    pub(crate) fn warn(
        &mut self,
        line: usize,
        problem: Problem,
        message: impl Into<String>,
        outcome: &str,
    ) -> Result<(), PetrarchError> {
        let mut message = message.into();
        if self.strict {
            return Err(PetrarchError::Invalid {
                file: self.file.to_string(),
                line,
                problem,
                message,
            });
        }
        if !outcome.is_empty() {
            message.push_str("; ");
            message.push_str(outcome);
        }
        self.warnings.push(Warning {
            file: self.file.to_string(),
            line,
            problem,
            message,
        });
        Ok(())
    }

    /// [`Diag::warn`] for a [`LineError`].
    pub(crate) fn skip(&mut self, line: usize, e: LineError, outcome: &str) -> Result<(), PetrarchError> {
        self.warn(line, e.problem, e.message, outcome)
    }

    /// The warnings, ordered by line (stable).
    pub(crate) fn finish(mut self) -> Vec<Warning> {
        self.warnings.sort_by_key(|w| w.line);
        self.warnings
    }

    pub(crate) fn origin(&self, line: usize) -> Origin {
        Origin {
            file: Arc::clone(&self.file),
            line,
        }
    }
}

/// A problem found while parsing one line, before it is reported with the line number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LineError {
    pub(crate) problem: Problem,
    pub(crate) message: String,
}

impl LineError {
    pub(crate) fn new(problem: Problem, message: impl Into<String>) -> LineError {
        LineError {
            problem,
            message: message.into(),
        }
    }
}
