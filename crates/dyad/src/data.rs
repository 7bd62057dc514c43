//! The one reader of dyad's tab-separated data files (`data/kb/`, `data/words/`,
//! `data/cameo/`): `#` comments and blank lines skipped, a header line naming the columns,
//! `|` between the values of one column and `-` for none. Every row keeps its 1-based line,
//! so each entry can show where it was read ([`Source`]).

use serde::Serialize;

/// Where an entry was read: file and 1-based line. Shown in every event's evidence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Source {
    /// File name, relative to its data folder.
    pub file: &'static str,
    /// 1-based line number.
    pub line: usize,
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// One data row: its 1-based line and its columns (trimmed).
pub(crate) struct Row<'a> {
    pub line: usize,
    pub cols: Vec<&'a str>,
}

/// A line that does not fit the file's header: its 1-based line (0 for the whole file) and
/// what is wrong.
#[derive(Debug)]
pub(crate) struct RowError {
    pub line: usize,
    pub message: String,
}

/// Splits a file into rows, checking the header against `header`. Rows with the wrong number
/// of columns are returned as errors beside the good rows, so a checker can report them all.
pub(crate) fn rows_lenient<'a>(text: &'a str, header: &[&str]) -> Result<(Vec<Row<'a>>, Vec<RowError>), RowError> {
    let mut out = Vec::new();
    let mut bad = Vec::new();
    let mut seen_header = false;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let l = raw.trim_end_matches('\r');
        if l.trim().is_empty() || l.trim_start().starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = l.split('\t').map(str::trim).collect();
        if !seen_header {
            if cols != header {
                return Err(RowError {
                    line,
                    message: format!("expected header `{}`, found `{}`", header.join("\\t"), cols.join("\\t")),
                });
            }
            seen_header = true;
            continue;
        }
        if cols.len() != header.len() {
            bad.push(RowError {
                line,
                message: format!("expected {} tab-separated columns, found {}", header.len(), cols.len()),
            });
            continue;
        }
        out.push(Row { line, cols });
    }
    if !seen_header {
        return Err(RowError {
            line: 0,
            message: format!("no header line `{}`", header.join("\\t")),
        });
    }
    Ok((out, bad))
}

/// [`rows_lenient`], failing on the first bad row.
pub(crate) fn rows<'a>(text: &'a str, header: &[&str]) -> Result<Vec<Row<'a>>, RowError> {
    let (rows, mut bad) = rows_lenient(text, header)?;
    match bad.is_empty() {
        true => Ok(rows),
        false => Err(bad.swap_remove(0)),
    }
}

/// The `|`-separated values of a column; `-` is none.
pub(crate) fn values(col: &str) -> Vec<String> {
    if col == "-" || col.is_empty() {
        return Vec::new();
    }
    col.split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// A column that holds `yes` or `-`.
pub(crate) fn flag(col: &str) -> Option<bool> {
    match col {
        "yes" => Some(true),
        "-" | "" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rows_and_reports_bad_ones() {
        let text = "# comment\nname\tvalue\n\na\t1|2\nb\n c \t - \n";
        let (good, bad) = rows_lenient(text, &["name", "value"]).unwrap();
        assert_eq!(good.len(), 2);
        assert_eq!(good[0].line, 4);
        assert_eq!(values(good[0].cols[1]), vec!["1", "2"]);
        assert_eq!(good[1].cols, vec!["c", "-"]);
        assert!(values(good[1].cols[1]).is_empty());
        assert_eq!(bad.len(), 1);
        assert_eq!(bad[0].line, 5);
        assert!(rows(text, &["name", "value"]).is_err());
        assert_eq!(rows_lenient("x\ty\n", &["name", "value"]).err().unwrap().line, 1);
        assert_eq!(rows_lenient("# only\n", &["name"]).err().unwrap().line, 0);
    }
}
