//! Readers for the PETRARCH and TABARI dictionary formats: verb patterns, actors, agents,
//! discards and issues, as used by PETRARCH-1/2 and the Phoenix pipeline.
//!
//! Each reader turns one file into plain data — every entry keeps its file and line — without
//! compiling anything; the coder compiles what it needs. The formats are those of the
//! PETRARCH-2 documentation (`docs/source/dictionaries.rst`) and `PETRreader.py`, themselves
//! derived from the TABARI manual:
//!
//! | type | file | entries |
//! | --- | --- | --- |
//! | [`VerbDictionary`] | `CAMEO.2.0.txt`, `*.verbs.txt` | synsets, verb blocks, patterns |
//! | [`ActorDictionary`] | `*.actors.txt` | names, synonyms, dated codes |
//! | [`AgentDictionary`] | `*.agents.txt` | agent phrases, plurals, `~` codes, `!markers!` |
//! | [`DiscardList`] | `*.discards.txt` | sentence and story discards |
//! | [`IssueList`] | `*.IssueCoding.txt` | issue phrases and exclusions by section |
//!
//! Common to all: `#` and `;` start a comment, `<!-- ... -->` comments may span lines, blank
//! lines are ignored. Files are UTF-8; in lenient mode ([`LoadOptions::default`]) invalid bytes
//! are read as Latin-1 and every bad line is skipped with a [`Warning`] naming file, line and
//! problem, while [`LoadOptions::strict`] makes the first problem a [`PetrarchError`].
//!
//! ```no_run
//! use dyad::kb::petrarch::{ActorDictionary, DictionaryFile, LoadOptions};
//! let actors = ActorDictionary::load("Phoenix.Countries.actors.txt", LoadOptions::default())?;
//! for w in &actors.warnings {
//!     eprintln!("{w}");
//! }
//! let date = chrono::NaiveDate::from_ymd_opt(2010, 1, 1).unwrap();
//! let karzai = actors.find("HAMID KARZAI").next().and_then(|a| a.code_on(date));
//! assert_eq!(karzai, Some("AFGGOV"));
//! # Ok::<(), dyad::kb::petrarch::PetrarchError>(())
//! ```

mod actors;
mod agents;
mod diag;
mod discards;
mod issues;
mod lines;
mod phrase;
mod verbs;

pub use actors::{ActorDictionary, ActorEntry, ActorName, DatedCode};
pub use agents::{AgentCode, AgentDictionary, AgentEntry, Placement, Substitution};
pub use diag::{DictionaryFile, LoadOptions, Origin, PetrarchError, Problem, Warning};
pub use discards::{DiscardEntry, DiscardList, DiscardScope};
pub use issues::{IssueCategory, IssueEntry, IssueKind, IssueList};
pub use phrase::{plural, verb_forms, Join, Phrase};
pub use verbs::{
    Elem, ElemKind, Synset, SynsetMember, Transformation, Verb, VerbDictionary, VerbEntry, VerbPattern, VerbPhrase,
};

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator (xorshift) for the no-panic check.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
    }

    const ALPHABET: &[u8] = b"AB_ +-*$%^&!~=[](){}<>#;:/\t\n0123456789<!---->\xC3\xA9\xFF\x1a";

    fn parse_all(bytes: &[u8], options: LoadOptions) {
        let _ = VerbDictionary::parse("f", bytes, options);
        let _ = ActorDictionary::parse("f", bytes, options);
        let _ = AgentDictionary::parse("f", bytes, options);
        let _ = DiscardList::parse("f", bytes, options);
        if let Ok(issues) = IssueList::parse("f", bytes, options) {
            for e in &issues.entries {
                let _ = e.forms();
            }
        }
    }

    #[test]
    fn no_input_makes_a_reader_panic() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for round in 0..3000 {
            let len = (rng.next() % 80) as usize;
            let bytes: Vec<u8> = (0..len)
                .map(|_| ALPHABET[(rng.next() % ALPHABET.len() as u64) as usize])
                .collect();
            let options = if round % 2 == 0 {
                LoadOptions::default()
            } else {
                LoadOptions::strict()
            };
            parse_all(&bytes, options);
        }
        for fixed in [
            &b""[..],
            b"\n",
            b"\xEF\xBB\xBF",
            b"[",
            b"]",
            b"---",
            b"-",
            b"&",
            b"+",
            b"~",
            b"!",
            b"<",
            b"<!--",
            b"\t[",
            b"- * (",
            b"- * {",
            b"- * ) [1]",
            b"--- X [1] ---\n- * & [1]",
            b"A [B 1-]",
            b"A [B <]",
            b"\xff\xfe\x00",
            b"n:+v: [X]\nv: [X]\n+++ [X]",
        ] {
            parse_all(fixed, LoadOptions::default());
            parse_all(fixed, LoadOptions::strict());
        }
    }

    #[test]
    fn an_empty_file_is_an_empty_dictionary_in_every_format() {
        let strict = LoadOptions::strict();
        assert_eq!(VerbDictionary::parse("e", b"", strict).unwrap().entry_count(), 0);
        assert_eq!(ActorDictionary::parse("e", b"", strict).unwrap().entry_count(), 0);
        assert_eq!(AgentDictionary::parse("e", b"", strict).unwrap().entry_count(), 0);
        assert_eq!(DiscardList::parse("e", b"", strict).unwrap().entry_count(), 0);
        assert_eq!(IssueList::parse("e", b"", strict).unwrap().entry_count(), 0);
    }

    #[test]
    fn invalid_utf8_names_the_byte_offset_in_every_format() {
        let bytes = b"# ok\nCAF\xC9_ [FRA]\n";
        let check = |r: Result<(), PetrarchError>| {
            let e = r.unwrap_err();
            assert!(matches!(e, PetrarchError::Encoding { line: 2, offset: 8, .. }), "{e}");
        };
        let strict = LoadOptions::strict();
        check(VerbDictionary::parse("x", bytes, strict).map(|_| ()));
        check(ActorDictionary::parse("x", bytes, strict).map(|_| ()));
        check(AgentDictionary::parse("x", bytes, strict).map(|_| ()));
        check(DiscardList::parse("x", bytes, strict).map(|_| ()));
        check(IssueList::parse("x", bytes, strict).map(|_| ()));
        let actors = ActorDictionary::parse("x", bytes, LoadOptions::default()).unwrap();
        assert_eq!(actors.entries[0].primary().unwrap().words, ["CAFÉ"]);
        assert_eq!(actors.warnings.len(), 1);
        assert!(actors.warnings[0]
            .to_string()
            .contains("x:2: encoding: invalid UTF-8 at byte offset 8"));
    }

    #[test]
    fn files_cut_short_give_an_error_naming_the_line() {
        let strict = LoadOptions::strict();
        let err = |r: Result<(), PetrarchError>| {
            let e = r.unwrap_err();
            (e.line(), e.problem())
        };
        // Cut inside a multi-byte character: an encoding error at the last line's byte.
        let cut = b"KABUL_ [AFG]\nS\xC3";
        assert_eq!(
            err(ActorDictionary::parse("a", cut, strict).map(drop)),
            (2, Some(Problem::Encoding))
        );
        // Cut inside a code, a plural, a pattern group, a synset, a section, a comment.
        assert_eq!(
            err(ActorDictionary::parse("a", b"A_ [AFG]\nB_\n\t[AFGGOV 0101", strict).map(drop)),
            (3, Some(Problem::UnbalancedBracket))
        );
        assert_eq!(
            err(AgentDictionary::parse("g", b"POLICE {POLI", strict).map(drop)),
            (1, Some(Problem::UnbalancedBracket))
        );
        assert_eq!(
            err(VerbDictionary::parse("v", b"--- A [010] ---\nA\n- * (TO BOR", strict).map(drop)),
            (3, Some(Problem::UnbalancedBracket))
        );
        assert_eq!(
            err(VerbDictionary::parse("v", b"&CURRENCY\n", strict).map(drop)),
            (1, Some(Problem::Truncated))
        );
        assert_eq!(
            err(IssueList::parse("i", b"<ISSUE CATEGORY=\"A\">\nx [A]\n", strict).map(drop)),
            (1, Some(Problem::Truncated))
        );
        assert_eq!(
            err(DiscardList::parse("d", b"A\n<!-- open\nB\n", strict).map(drop)),
            (2, Some(Problem::Truncated))
        );
        // Leniently, the complete entries before the cut are kept.
        let actors = ActorDictionary::parse("a", b"A_ [AFG]\nB_\n\t[AFGGOV 0101", LoadOptions::default()).unwrap();
        assert_eq!(actors.entries.len(), 2);
        assert_eq!(actors.warnings[0].line, 3);
    }

    #[test]
    fn a_missing_file_is_an_io_error_naming_it() {
        let err = ActorDictionary::load("/nonexistent/dir/x.actors.txt", LoadOptions::default()).unwrap_err();
        assert!(matches!(err, PetrarchError::Io { .. }));
        assert!(
            err.to_string()
                .starts_with("/nonexistent/dir/x.actors.txt: cannot read"),
            "{err}"
        );
    }
}
