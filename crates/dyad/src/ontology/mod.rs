//! The CAMEO event taxonomy: every event code with its name, description, Goldstein weight,
//! root and quad class.
//!
//! There is one table, [`Cameo::get`], embedded from `data/cameo/cameo.tsv` and parsed once.
//! The coder validates the codes it emits against it and the output takes names, roots, quad
//! classes and Goldstein weights from it, so the two can never disagree.
//!
//! ```
//! use dyad::ontology::{Cameo, QuadClass};
//!
//! let cameo = Cameo::get();
//! let visit = cameo.lookup("042").unwrap();
//! assert_eq!(visit.name, "Make a visit");
//! assert_eq!(visit.goldstein, 1.9);
//! assert_eq!(visit.root, 4);
//! assert_eq!(visit.quad, QuadClass::VerbalCooperation);
//! assert!(cameo.lookup("---").is_none());
//! ```

use std::fmt;
use std::sync::OnceLock;

use serde::{Serialize, Serializer};

pub mod modality;
pub mod plover;
#[cfg(test)]
mod tests;

pub use modality::{Modality, ModalityTable};

/// The embedded table, `data/cameo/cameo.tsv`.
const CAMEO_TSV: &str = include_str!("../../../../data/cameo/cameo.tsv");

/// The header line that must precede the first code in a CAMEO table.
pub const HEADER: &str = "code\tname\tgoldstein\tdescription";

/// The four broad classes of events, by root code (the GDELT convention).
///
/// Serializes as its number, 1 to 4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum QuadClass {
    /// Roots 01–05: statements, appeals, intents, consultations, diplomatic cooperation.
    VerbalCooperation = 1,
    /// Roots 06–08: material cooperation, aid, yielding.
    MaterialCooperation = 2,
    /// Roots 09–13: investigations, demands, disapproval, rejections, threats.
    VerbalConflict = 3,
    /// Roots 14–20: protest, force posture, reduced relations, coercion, assault, fighting,
    /// mass violence.
    MaterialConflict = 4,
}

impl QuadClass {
    /// The class number, 1 to 4.
    pub fn number(self) -> u8 {
        self as u8
    }

    /// The class name, e.g. "Verbal cooperation".
    pub fn name(self) -> &'static str {
        match self {
            QuadClass::VerbalCooperation => "Verbal cooperation",
            QuadClass::MaterialCooperation => "Material cooperation",
            QuadClass::VerbalConflict => "Verbal conflict",
            QuadClass::MaterialConflict => "Material conflict",
        }
    }

    /// The class with this number, 1 to 4.
    pub fn from_number(number: u8) -> Option<QuadClass> {
        match number {
            1 => Some(QuadClass::VerbalCooperation),
            2 => Some(QuadClass::MaterialCooperation),
            3 => Some(QuadClass::VerbalConflict),
            4 => Some(QuadClass::MaterialConflict),
            _ => None,
        }
    }
}

impl fmt::Display for QuadClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for QuadClass {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(self.number())
    }
}

/// The quad class of a root code (1 to 20), or `None` for anything else.
pub fn quad_class(root: u8) -> Option<QuadClass> {
    match root {
        1..=5 => Some(QuadClass::VerbalCooperation),
        6..=8 => Some(QuadClass::MaterialCooperation),
        9..=13 => Some(QuadClass::VerbalConflict),
        14..=20 => Some(QuadClass::MaterialConflict),
        _ => None,
    }
}

/// One CAMEO event code.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CameoCode {
    /// The code as text: "04" (root), "042", "0211".
    pub code: String,
    /// The codebook's short name, e.g. "Make a visit".
    pub name: String,
    /// A one-line description.
    pub description: String,
    /// Goldstein conflict–cooperation weight, -10 to 10.
    pub goldstein: f32,
    /// The root code as a number, 1 to 20.
    pub root: u8,
    /// The quad class of the root.
    pub quad: QuadClass,
}

impl CameoCode {
    /// The root as two-digit text, e.g. "04".
    pub fn root_code(&self) -> &str {
        &self.code[..2]
    }

    /// The code's depth: 1 for a root, 2 for a 3-digit code, 3 for a 4-digit code.
    pub fn level(&self) -> u8 {
        // Codes are 2 to 4 ASCII digits, checked by the parser.
        (self.code.len() - 1) as u8
    }

    /// The code one level up ("0211" → "021", "021" → "02"), `None` for a root.
    pub fn parent(&self) -> Option<&str> {
        parent_of(&self.code)
    }
}

/// Why a CAMEO table could not be parsed. Every variant but [`OntologyError::Empty`] names
/// the 1-based line at fault.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OntologyError {
    /// A code line came before the header line.
    #[error(
        "line {line}: expected the header line `code<TAB>name<TAB>goldstein<TAB>description` before the first code"
    )]
    MissingHeader {
        /// The line.
        line: usize,
    },
    /// The wrong number of tab-separated columns.
    #[error("line {line}: expected 4 tab-separated columns (code, name, goldstein, description), found {found}")]
    Columns {
        /// The line.
        line: usize,
        /// How many columns it has.
        found: usize,
    },
    /// A code that is not 2 to 4 digits under a root 01–20.
    #[error("line {line}: `{code}` is not a CAMEO code (2 to 4 digits, root 01 to 20)")]
    BadCode {
        /// The line.
        line: usize,
        /// The text in the code column.
        code: String,
    },
    /// An empty name.
    #[error("line {line}: code {code} has an empty name")]
    EmptyName {
        /// The line.
        line: usize,
        /// The code.
        code: String,
    },
    /// A Goldstein weight that is not a number from -10 to 10.
    #[error("line {line}: Goldstein weight `{value}` of code {code} is not a number from -10 to 10")]
    BadGoldstein {
        /// The line.
        line: usize,
        /// The code.
        code: String,
        /// The text in the goldstein column.
        value: String,
    },
    /// A code listed twice.
    #[error("line {line}: code {code} is already defined on line {first}")]
    Duplicate {
        /// The line of the second definition.
        line: usize,
        /// The code.
        code: String,
        /// The line of the first definition.
        first: usize,
    },
    /// A 3- or 4-digit code whose parent code has no row.
    #[error("line {line}: code {code} needs its parent code {parent}, which the table lacks")]
    MissingParent {
        /// The line.
        line: usize,
        /// The code.
        code: String,
        /// The missing parent.
        parent: String,
    },
    /// No codes at all.
    #[error("the CAMEO table has no codes")]
    Empty,
}

impl OntologyError {
    /// The 1-based line at fault, if any.
    pub fn line(&self) -> Option<usize> {
        match self {
            OntologyError::MissingHeader { line }
            | OntologyError::Columns { line, .. }
            | OntologyError::BadCode { line, .. }
            | OntologyError::EmptyName { line, .. }
            | OntologyError::BadGoldstein { line, .. }
            | OntologyError::Duplicate { line, .. }
            | OntologyError::MissingParent { line, .. } => Some(*line),
            OntologyError::Empty => None,
        }
    }
}

/// A CAMEO table: codes sorted by their text, which puts every code right after its parent.
#[derive(Debug, Clone)]
pub struct Cameo {
    codes: Vec<CameoCode>,
}

impl Cameo {
    /// The embedded table, parsed on first use.
    pub fn get() -> &'static Cameo {
        static TABLE: OnceLock<Cameo> = OnceLock::new();
        TABLE.get_or_init(|| {
            Cameo::parse(CAMEO_TSV).unwrap_or_else(|e| panic!("embedded data/cameo/cameo.tsv is invalid: {e}"))
        })
    }

    /// Parses a table in the format of `data/cameo/cameo.tsv`: `#` comments and blank lines,
    /// the [`HEADER`] line, then one tab-separated code per line.
    pub fn parse(tsv: &str) -> Result<Cameo, OntologyError> {
        // (code, line) in file order, to report problems by line.
        let mut rows: Vec<(CameoCode, usize)> = Vec::new();
        let mut seen_header = false;
        for (index, raw) in tsv.lines().enumerate() {
            let line = index + 1;
            let text = raw.strip_suffix('\r').unwrap_or(raw);
            if text.trim().is_empty() || text.starts_with('#') {
                continue;
            }
            if !seen_header {
                if text == HEADER {
                    seen_header = true;
                    continue;
                }
                return Err(OntologyError::MissingHeader { line });
            }
            rows.push((parse_row(text, line)?, line));
        }
        if rows.is_empty() {
            return Err(OntologyError::Empty);
        }

        // Sort by code, keeping file order among equals so duplicates report the later line.
        rows.sort_by(|a, b| a.0.code.cmp(&b.0.code).then(a.1.cmp(&b.1)));
        for pair in rows.windows(2) {
            if pair[0].0.code == pair[1].0.code {
                return Err(OntologyError::Duplicate {
                    line: pair[1].1,
                    code: pair[1].0.code.clone(),
                    first: pair[0].1,
                });
            }
        }
        let has = |code: &str| rows.binary_search_by(|(c, _)| c.code.as_str().cmp(code)).is_ok();
        // Report the earliest line with a missing ancestor.
        let orphan = rows
            .iter()
            .filter_map(|(code, line)| {
                let mut ancestor = code.parent();
                while let Some(parent) = ancestor {
                    if !has(parent) {
                        return Some((*line, code.code.as_str(), parent));
                    }
                    ancestor = parent_of(parent);
                }
                None
            })
            .min_by_key(|(line, _, _)| *line);
        if let Some((line, code, parent)) = orphan {
            return Err(OntologyError::MissingParent {
                line,
                code: code.to_string(),
                parent: parent.to_string(),
            });
        }
        Ok(Cameo {
            codes: rows.into_iter().map(|(code, _)| code).collect(),
        })
    }

    /// The entry for a code such as "042"; `None` for unknown or malformed codes ("---", "").
    pub fn lookup(&self, code: &str) -> Option<&CameoCode> {
        self.codes
            .binary_search_by(|c| c.code.as_str().cmp(code))
            .ok()
            .map(|i| &self.codes[i])
    }

    /// Whether the table has this code.
    pub fn is_valid(&self, code: &str) -> bool {
        self.lookup(code).is_some()
    }

    /// All codes, sorted by their text: each root, then its 3-digit codes each followed by
    /// its 4-digit codes.
    pub fn iter(&self) -> impl Iterator<Item = &CameoCode> {
        self.codes.iter()
    }

    /// The entry of a root, 1 to 20.
    pub fn root(&self, root: u8) -> Option<&CameoCode> {
        if !(1..=20).contains(&root) {
            return None;
        }
        self.lookup(&format!("{root:02}"))
    }

    /// The number of codes.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// Whether the table has no codes (never true of a parsed table).
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// The root of a code of 2 to 4 digits, 1 to 20 ("0431" → 4); `None` for anything else.
    /// Says nothing about whether the table has the code: see [`Cameo::is_valid`].
    pub fn root_of(code: &str) -> Option<u8> {
        if !(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let b = code.as_bytes();
        let root = (b[0] - b'0') * 10 + (b[1] - b'0');
        (1..=20).contains(&root).then_some(root)
    }
}

/// The code one level up, `None` for a root (or anything of 2 characters or fewer).
fn parent_of(code: &str) -> Option<&str> {
    (code.len() > 2).then(|| &code[..code.len() - 1])
}

/// Parses one data line.
fn parse_row(text: &str, line: usize) -> Result<CameoCode, OntologyError> {
    let fields: Vec<&str> = text.split('\t').collect();
    if fields.len() != 4 {
        return Err(OntologyError::Columns {
            line,
            found: fields.len(),
        });
    }
    let code = fields[0].trim();
    let root = Cameo::root_of(code).ok_or_else(|| OntologyError::BadCode {
        line,
        code: code.to_string(),
    })?;
    let name = fields[1].trim();
    if name.is_empty() {
        return Err(OntologyError::EmptyName {
            line,
            code: code.to_string(),
        });
    }
    let value = fields[2].trim();
    let goldstein = value
        .parse::<f32>()
        .ok()
        .filter(|g| (-10.0..=10.0).contains(g))
        .ok_or_else(|| OntologyError::BadGoldstein {
            line,
            code: code.to_string(),
            value: value.to_string(),
        })?;
    let quad = quad_class(root).ok_or_else(|| OntologyError::BadCode {
        line,
        code: code.to_string(),
    })?;
    Ok(CameoCode {
        code: code.to_string(),
        name: name.to_string(),
        description: fields[3].trim().to_string(),
        goldstein,
        root,
        quad,
    })
}
