//! Penn Treebank part-of-speech tags.

use serde::Serialize;

macro_rules! pos_tags {
    ($($variant:ident => $s:literal),* $(,)?) => {
        /// A Penn Treebank part-of-speech tag (the 36 word tags plus punctuation tags).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[repr(u8)]
        #[allow(missing_docs)] // the variants are the Penn tags themselves
        pub enum Pos { $($variant),* }

        impl Pos {
            /// Every tag, in declaration order (index = `self as usize`).
            pub const ALL: &'static [Pos] = &[$(Pos::$variant),*];

            /// The tag as written in the Penn Treebank (`"NNP"`, `"VBD"`, `","`...).
            pub fn as_str(self) -> &'static str {
                match self { $(Pos::$variant => $s),* }
            }

            /// Parses a Penn tag; also accepts `-LRB-`/`-RRB-` and the `(`/`)` spellings.
            pub fn parse(s: &str) -> Option<Pos> {
                match s {
                    $($s => Some(Pos::$variant),)*
                    "(" | "-LCB-" => Some(Pos::Lrb),
                    ")" | "-RCB-" => Some(Pos::Rrb),
                    "\"" => Some(Pos::Rquote),
                    _ => None,
                }
            }
        }
    };
}

pos_tags! {
    CC => "CC", CD => "CD", DT => "DT", EX => "EX", FW => "FW", IN => "IN", JJ => "JJ",
    JJR => "JJR", JJS => "JJS", LS => "LS", MD => "MD", NN => "NN", NNS => "NNS", NNP => "NNP",
    NNPS => "NNPS", PDT => "PDT", POS => "POS", PRP => "PRP", PRPS => "PRP$", RB => "RB",
    RBR => "RBR", RBS => "RBS", RP => "RP", SYM => "SYM", TO => "TO", UH => "UH", VB => "VB",
    VBD => "VBD", VBG => "VBG", VBN => "VBN", VBP => "VBP", VBZ => "VBZ", WDT => "WDT",
    WP => "WP", WPS => "WP$", WRB => "WRB",
    Comma => ",", Period => ".", Colon => ":", Dollar => "$", Hash => "#",
    Lquote => "``", Rquote => "''", Lrb => "-LRB-", Rrb => "-RRB-",
}

impl Pos {
    /// Any noun tag (NN, NNS, NNP, NNPS).
    pub fn is_noun(self) -> bool {
        matches!(self, Pos::NN | Pos::NNS | Pos::NNP | Pos::NNPS)
    }
    /// A proper noun (NNP, NNPS).
    pub fn is_proper(self) -> bool {
        matches!(self, Pos::NNP | Pos::NNPS)
    }
    /// Any verb tag (VB, VBD, VBG, VBN, VBP, VBZ); modals are not included.
    pub fn is_verb(self) -> bool {
        matches!(self, Pos::VB | Pos::VBD | Pos::VBG | Pos::VBN | Pos::VBP | Pos::VBZ)
    }
    /// An adjective (JJ, JJR, JJS).
    pub fn is_adj(self) -> bool {
        matches!(self, Pos::JJ | Pos::JJR | Pos::JJS)
    }
    /// An adverb (RB, RBR, RBS).
    pub fn is_adv(self) -> bool {
        matches!(self, Pos::RB | Pos::RBR | Pos::RBS)
    }
    /// Punctuation tags.
    pub fn is_punct(self) -> bool {
        matches!(
            self,
            Pos::Comma | Pos::Period | Pos::Colon | Pos::Lquote | Pos::Rquote | Pos::Lrb | Pos::Rrb
        )
    }
}

impl std::fmt::Display for Pos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_tag() {
        for &p in Pos::ALL {
            assert_eq!(Pos::parse(p.as_str()), Some(p));
        }
        assert_eq!(Pos::parse("PRP$"), Some(Pos::PRPS));
        assert_eq!(Pos::parse("XYZ"), None);
    }
}
