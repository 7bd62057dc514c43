//! The CAMEO codes of acts that are intended, refused, appealed for, demanded or threatened,
//! read from `data/cameo/modality.tsv`: "will visit" → 036, "refused to meet" → 125,
//! "urged Iran to release" → 025, "demanded the release" → 105, "threatened sanctions" → 1312.

use super::Cameo;
use crate::data::{self, Source};
use std::sync::OnceLock;
use thiserror::Error;

/// The embedded table.
const MODALITY_TSV: &str = include_str!("../../../../data/cameo/modality.tsv");

/// A modality of an act.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Modality {
    /// An intention to do it (CAMEO 03x).
    Intent,
    /// A refusal to do it (12x).
    Refuse,
    /// An appeal for it (02x).
    Appeal,
    /// A demand for it (10x).
    Demand,
    /// A threat to do it (13x).
    Threat,
}

/// A modality table row that cannot be read: its line and the problem.
#[derive(Debug, Error)]
#[error("modality.tsv:{line}: {message}")]
pub struct ModalityError {
    /// 1-based line (0 for the whole file).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

#[derive(Clone, Debug)]
struct Row {
    prefix: String,
    /// Intent, refuse, appeal, demand, threat; `None` for an intent that keeps the act's code.
    codes: [Option<String>; 5],
    source: Source,
}

/// The table: rows by prefix, the longest matching prefix deciding.
#[derive(Clone, Debug)]
pub struct ModalityTable {
    rows: Vec<Row>,
}

impl ModalityTable {
    /// The embedded table, read once.
    pub fn get() -> &'static ModalityTable {
        static T: OnceLock<ModalityTable> = OnceLock::new();
        T.get_or_init(|| {
            ModalityTable::parse(MODALITY_TSV, Cameo::get())
                .unwrap_or_else(|e| panic!("embedded data/cameo/modality.tsv is invalid: {e}"))
        })
    }

    /// Reads a table in the format of `data/cameo/modality.tsv`, checking every code against
    /// `cameo` and that every root 01–20 has a row.
    pub fn parse(text: &str, cameo: &Cameo) -> Result<ModalityTable, ModalityError> {
        let header = ["prefix", "intent", "refuse", "appeal", "demand", "threat"];
        let rows = data::rows(text, &header).map_err(|e| ModalityError {
            line: e.line,
            message: e.message,
        })?;
        let mut out: Vec<Row> = Vec::new();
        for r in rows {
            let err = |message: String| ModalityError { line: r.line, message };
            let prefix = r.cols[0];
            if !cameo.is_valid(prefix) {
                return Err(err(format!("prefix `{prefix}` is not a CAMEO code")));
            }
            if out.iter().any(|o| o.prefix == prefix) {
                return Err(err(format!("prefix {prefix} is listed twice")));
            }
            let mut codes: [Option<String>; 5] = Default::default();
            for (i, c) in r.cols[1..].iter().enumerate() {
                if *c == "=" && i == 0 {
                    continue;
                }
                if !cameo.is_valid(c) {
                    return Err(err(format!("`{c}` in column {} is not a CAMEO code", header[i + 1])));
                }
                codes[i] = Some(c.to_string());
            }
            out.push(Row {
                prefix: prefix.to_string(),
                codes,
                source: Source {
                    file: "modality.tsv",
                    line: r.line,
                },
            });
        }
        for root in 1..=20 {
            let p = format!("{root:02}");
            if !out.iter().any(|r| r.prefix == p) {
                return Err(ModalityError {
                    line: 0,
                    message: format!("root {p} has no row"),
                });
            }
        }
        Ok(ModalityTable { rows: out })
    }

    /// The row for `code`: the longest prefix of it in the table.
    fn row(&self, code: &str) -> Option<&Row> {
        self.rows
            .iter()
            .filter(|r| code.starts_with(r.prefix.as_str()))
            .max_by_key(|r| r.prefix.len())
    }

    /// The code of `code` under `modality` ("042" intended → "036"), and the row that gave it.
    /// An act the table does not know is a generic one of each kind (030, 120, 020, 100, 130).
    pub fn code(&self, code: &str, modality: Modality) -> (String, Option<Source>) {
        let i = modality as usize;
        match self.row(code) {
            Some(r) => (r.codes[i].clone().unwrap_or_else(|| code.to_string()), Some(r.source)),
            None => (["130", "120", "020", "100", "130"][i].to_string(), None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_table_gives_the_codebook_codes() {
        let t = ModalityTable::get();
        let c = |code, m| t.code(code, m).0;
        assert_eq!(c("042", Modality::Intent), "036");
        assert_eq!(c("0211", Modality::Intent), "0211");
        assert_eq!(c("057", Modality::Intent), "032");
        assert_eq!(c("057", Modality::Refuse), "127");
        assert_eq!(c("051", Modality::Refuse), "120");
        assert_eq!(c("163", Modality::Threat), "1312");
        assert_eq!(
            c("163", Modality::Intent),
            "163",
            "an announced sanction is the sanction"
        );
        assert_eq!(c("161", Modality::Threat), "1313");
        assert_eq!(c("084", Modality::Appeal), "025");
        assert_eq!(c("084", Modality::Demand), "105");
        assert_eq!(c("173", Modality::Threat), "137");
        assert_eq!(c("195", Modality::Intent), "138");
        assert_eq!(t.code("042", Modality::Intent).1.unwrap().file, "modality.tsv");
    }

    #[test]
    fn bad_tables_are_refused_with_their_line() {
        let cameo = Cameo::get();
        let head = "prefix\tintent\trefuse\tappeal\tdemand\tthreat\n";
        let e = ModalityTable::parse(&format!("{head}04\t036\t999\t026\t106\t130\n"), cameo).unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.to_string().contains("999"));
        let e = ModalityTable::parse(&format!("{head}04\t036\t125\t026\t106\t130\n"), cameo).unwrap_err();
        assert!(e.to_string().contains("root 01 has no row"));
    }
}
