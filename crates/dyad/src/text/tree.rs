//! Penn Treebank bracketed parses: `(ROOT (S (NP (NNP Arnor)) (VP (VBD left)) (. .)))`. The
//! one reader of the format: the PETRARCH engine codes from these trees and the tagger's
//! evaluation takes its gold tags from their leaves.

use std::fmt;
use thiserror::Error;

/// A node of a parse tree: a labelled phrase or a preterminal with its word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tree {
    /// A phrase (`NP`, `VP`, `S`...) or a preterminal (`NNP`) with its children.
    Node(String, Vec<Tree>),
    /// A word.
    Leaf(String),
}

/// A parse that cannot be read: what is wrong and at which byte.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("bad parse at byte {offset}: {problem}")]
pub struct ParseError {
    /// Byte offset in the bracketed text.
    pub offset: usize,
    /// What is wrong.
    pub problem: &'static str,
}

impl Tree {
    /// The node's label (`""` for a leaf).
    pub fn label(&self) -> &str {
        match self {
            Tree::Node(l, _) => l,
            Tree::Leaf(_) => "",
        }
    }

    /// The node's children (none for a leaf).
    pub fn children(&self) -> &[Tree] {
        match self {
            Tree::Node(_, c) => c,
            Tree::Leaf(_) => &[],
        }
    }

    /// The words under this node, in order.
    pub fn words(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.collect_words(&mut out);
        out
    }

    fn collect_words<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Tree::Leaf(w) => out.push(w),
            Tree::Node(_, c) => c.iter().for_each(|t| t.collect_words(out)),
        }
    }

    /// True when this node is a preterminal (one leaf child).
    pub fn is_preterminal(&self) -> bool {
        matches!(self.children(), [Tree::Leaf(_)])
    }

    /// The (tag, word) pairs of the preterminals, in order; `-NONE-` traces are left out.
    pub fn leaves(&self) -> Vec<(&str, &str)> {
        let mut out = Vec::new();
        self.collect_leaves(&mut out);
        out
    }

    fn collect_leaves<'a>(&'a self, out: &mut Vec<(&'a str, &'a str)>) {
        match self {
            Tree::Node(tag, c) => match c.as_slice() {
                [Tree::Leaf(w)] if tag != "-NONE-" => out.push((tag, w)),
                [Tree::Leaf(_)] => {}
                _ => c.iter().for_each(|t| t.collect_leaves(out)),
            },
            Tree::Leaf(_) => {}
        }
    }

    /// Reads one bracketed tree. Labels may carry function tags (`NP-TMP`); they are kept.
    pub fn parse(text: &str) -> Result<Tree, ParseError> {
        Tree::read(text, false)
    }

    /// Reads one bracketed tree as [`Tree::parse`] does, but closes the brackets left open at
    /// the end and ignores anything after the tree: for reading the words and tags of parses
    /// with a stray or missing parenthesis (one PETRARCH validation tree has a stray `)`).
    pub fn parse_lenient(text: &str) -> Result<Tree, ParseError> {
        Tree::read(text, true)
    }

    fn read(text: &str, lenient: bool) -> Result<Tree, ParseError> {
        let bytes = text.as_bytes();
        let mut pos = skip_ws(bytes, 0);
        if pos >= bytes.len() {
            return Err(ParseError {
                offset: pos,
                problem: "empty parse",
            });
        }
        let (tree, end) = parse_node(text, pos, 0, lenient)?;
        pos = skip_ws(bytes, end);
        if pos < bytes.len() && !lenient {
            return Err(ParseError {
                offset: pos,
                problem: "text after the closing parenthesis of the tree (unbalanced parentheses)",
            });
        }
        Ok(tree)
    }
}

const MAX_DEPTH: usize = 500;

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

fn token_end(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'(' && b[i] != b')' {
        i += 1;
    }
    i
}

fn parse_node(text: &str, start: usize, depth: usize, lenient: bool) -> Result<(Tree, usize), ParseError> {
    let b = text.as_bytes();
    if depth > MAX_DEPTH {
        return Err(ParseError {
            offset: start,
            problem: "tree nested too deeply",
        });
    }
    if b.get(start) != Some(&b'(') {
        return Err(ParseError {
            offset: start,
            problem: "expected '('",
        });
    }
    let mut i = skip_ws(b, start + 1);
    let lend = token_end(b, i);
    let label = text[i..lend].to_string();
    i = skip_ws(b, lend);
    let mut children = Vec::new();
    loop {
        match b.get(i) {
            None if lenient => break,
            None => {
                return Err(ParseError {
                    offset: start,
                    problem: "unbalanced parentheses: this '(' is never closed",
                })
            }
            Some(b')') => {
                i += 1;
                break;
            }
            Some(b'(') => {
                let (child, end) = parse_node(text, i, depth + 1, lenient)?;
                children.push(child);
                i = skip_ws(b, end);
            }
            Some(_) => {
                let end = token_end(b, i);
                children.push(Tree::Leaf(text[i..end].to_string()));
                i = skip_ws(b, end);
            }
        }
    }
    // `(ROOT` written as `( (S ...))` has an empty label; keep the shape.
    Ok((Tree::Node(label, children), i))
}

impl fmt::Display for Tree {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tree::Leaf(w) => write!(f, "{w}"),
            Tree::Node(l, c) => {
                write!(f, "({l}")?;
                for t in c {
                    write!(f, " {t}")?;
                }
                write!(f, ")")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_tree_and_prints_it_back() {
        let t = Tree::parse("(ROOT\n (S (NP (NNP Arnor)) (VP (VBD left)) (. .)))").unwrap();
        assert_eq!(t.to_string(), "(ROOT (S (NP (NNP Arnor)) (VP (VBD left)) (. .)))");
        assert_eq!(t.words(), ["Arnor", "left", "."]);
    }

    #[test]
    fn unbalanced_trees_are_errors_with_offsets() {
        let e = Tree::parse("(ROOT (S (NP (NNP Arnor)) (VP (VBD left))").unwrap_err();
        assert_eq!(e.offset, 6, "the `(S` is never closed");
        let e = Tree::parse("(ROOT (S (NNP Arnor))))").unwrap_err();
        assert_eq!(e.offset, 22);
        assert!(Tree::parse("").is_err());
        assert!(Tree::parse("NNP Arnor)").is_err());
        let deep = "(".repeat(2000);
        assert!(Tree::parse(&deep).is_err());
        assert!(Tree::parse_lenient(&deep).is_err());
    }

    #[test]
    fn lenient_reading_keeps_the_leaves_of_unbalanced_trees() {
        let t = Tree::parse("(ROOT (S (NP (NNP Arnor)) (-NONE- *T*) (VP (VBD left)) (. .)))").unwrap();
        assert_eq!(t.leaves(), [("NNP", "Arnor"), ("VBD", "left"), (".", ".")]);
        let stray = Tree::parse_lenient("(S (NN x)))").unwrap();
        assert_eq!(stray.leaves(), [("NN", "x")]);
        let open = Tree::parse_lenient("(S (NP (NN x)) (VP (VBD y)").unwrap();
        assert_eq!(open.leaves(), [("NN", "x"), ("VBD", "y")]);
    }
}
