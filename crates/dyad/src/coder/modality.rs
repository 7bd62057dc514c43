//! Modality: whether a clause asserts its act, plans it, refuses it, threatens it, or asks
//! or demands it of someone — and the CAMEO code that results (`data/cameo/modality.tsv`).
//! Control verbs come from `data/words/control_verbs.tsv`.

use super::sentence::SentenceCtx;
use crate::ontology::Modality;
use crate::text::clause::Clause;
use crate::text::words::Control;

/// The two-digit root of a code, as a number (0 for a malformed code).
pub(super) fn root_of(code: &str) -> u8 {
    code.get(..2).and_then(|r| r.parse().ok()).unwrap_or(0)
}

impl SentenceCtx<'_> {
    /// How the verb of clause `c` changes an infinitive it governs, if it is a control verb.
    pub fn control(&self, c: &Clause) -> Option<Control> {
        let lemma = self.lemma(c.head);
        // "Egypt was the first country to sign": a copula with its predicate noun governs no
        // plan ("is to visit" does)
        // plan ("is to visit" does); a predicate adjective governs as listed ("was ready to":
        // an intention; "was quick to": a fact)
        if matches!(lemma, "be" | "become" | "remain") && c.object.is_some() {
            return self.predicate_adjective(c).and_then(|a| self.control_of_lemma(&a));
        }
        self.control_of_lemma(lemma)
    }

    /// The adjective a copula's clause predicates of its subject ("was ready to": "ready").
    pub fn predicate_adjective(&self, c: &Clause) -> Option<String> {
        if !matches!(self.lemma(c.head), "be" | "become" | "remain") {
            return None;
        }
        let &np = c.object.as_ref()?.nps.first()?;
        let ph = self.phrases()[np];
        (ph.end == ph.start + 1 && self.tokens()[ph.start].pos.is_adj())
            .then(|| self.word(ph.start).to_ascii_lowercase())
    }

    /// The control kind of a verb lemma.
    pub fn control_of_lemma(&self, lemma: &str) -> Option<Control> {
        self.coder.words.control(lemma).map(|v| v.control)
    }

    /// `code` as an intention ("will visit" → 036).
    pub fn intent_code(&self, code: &str) -> String {
        self.coder.modality.code(code, Modality::Intent).0
    }

    /// `code` refused ("refused to meet" → 125).
    pub fn refuse_code(&self, code: &str) -> String {
        self.coder.modality.code(code, Modality::Refuse).0
    }

    /// `code` appealed for, or demanded ("urged Iran to release" → 025, "demanded" → 105).
    pub fn appeal_code(&self, code: &str, demand: bool) -> String {
        let m = if demand { Modality::Demand } else { Modality::Appeal };
        self.coder.modality.code(code, m).0
    }

    /// `code` threatened ("threatened to close the border" → 13x).
    pub fn threat_code(&self, code: &str) -> String {
        self.coder.modality.code(code, Modality::Threat).0
    }

    /// "must", "should" in the verb group of a clause that is not negated: an obligation.
    pub fn obliged(&self, c: &Clause) -> bool {
        let vp = self.phrases()[c.verb];
        !c.negated && (vp.start..vp.end).any(|k| self.word_is(k, &["must", "should"]))
    }

    /// An "if"/"unless"/"whether" before the clause's verb in the same stretch of the sentence.
    pub fn conditional(&self, c: &Clause) -> bool {
        let v = self.phrases()[c.verb].start;
        (0..v)
            .rev()
            .take(12)
            .any(|k| self.word_is(k, &["if", "unless", "whether"]))
    }
}
