//! Matching a pattern's elements (object, prepositional phrases, their head nouns, the T and S
//! slots) against the arguments of a clause or of an event noun, and choosing the most
//! specific pattern that matches.

use super::patterns::{Elem, Pattern, Slot};
use super::sentence::SentenceCtx;
use crate::text::clause::{Arg, Clause};

/// A clause's arguments in their logical roles: a passive's subject is its object and its
/// "by" phrase its subject.
pub(super) struct Logical {
    /// Who acts.
    pub subject: Option<Arg>,
    /// What is acted on.
    pub object: Option<Arg>,
    /// Prepositional phrases: (the preposition in lower case, its object).
    pub preps: Vec<(String, Arg)>,
    /// How the roles were found (for the event's evidence).
    pub notes: Vec<String>,
}

impl Logical {
    /// The logical roles of clause `c`.
    pub fn of_clause(ctx: &SentenceCtx, c: &Clause) -> Logical {
        let mut l = Logical {
            subject: c.subject.clone(),
            object: c.object.clone(),
            preps: c
                .preps
                .iter()
                .map(|(t, a)| (ctx.word(*t).to_lowercase(), a.clone()))
                .collect(),
            notes: Vec::new(),
        };
        if c.passive {
            l.object = l.subject.take();
            if let Some(i) = l.preps.iter().position(|(p, _)| p == "by") {
                l.subject = Some(l.preps.remove(i).1);
                l.notes.push("passive: source from the by-phrase".to_string());
            } else {
                l.notes.push("passive without agent".to_string());
            }
        }
        l
    }
}

/// A pattern that matched, with the arguments that fill its target and source slots.
pub(super) struct Match<'p> {
    /// The pattern.
    pub pattern: &'p Pattern,
    /// The argument in its T slot.
    pub target: Option<Arg>,
    /// The argument in its S slot (the subject then becomes the target).
    pub source: Option<Arg>,
}

/// The most specific of `candidates` whose elements match; the first one listed wins a tie.
pub(super) fn best_pattern<'p>(
    ctx: &SentenceCtx,
    candidates: &[&'p Pattern],
    object: Option<&Arg>,
    preps: &[(String, Arg)],
) -> Option<Match<'p>> {
    let mut best: Option<Match<'p>> = None;
    for &p in candidates {
        if let Some((target, source)) = match_elems(ctx, p, object, preps) {
            if best.as_ref().is_none_or(|b| p.specificity() > b.pattern.specificity()) {
                best = Some(Match {
                    pattern: p,
                    target,
                    source,
                });
            }
        }
    }
    best
}

/// Matches a pattern's elements, in order, against the object and prepositional phrases;
/// returns the target argument and, for patterns with `S`, the source argument.
fn match_elems(
    ctx: &SentenceCtx,
    p: &Pattern,
    object: Option<&Arg>,
    preps: &[(String, Arg)],
) -> Option<(Option<Arg>, Option<Arg>)> {
    let mut target = None;
    let mut source = None;
    let mut next_prep = 0;
    let mut object_used = false;
    for e in &p.elems {
        match e {
            Elem::Object(slot) => {
                let o = object.filter(|_| !object_used)?;
                object_used = true;
                match slot {
                    Slot::Target => target = Some(o.clone()),
                    Slot::Source => source = Some(o.clone()),
                    // a noun object may carry the target in its "of" phrase
                    Slot::Nouns(n) if !ctx.arg_matches(o, n) => return None,
                    Slot::Nouns(_) => {}
                    Slot::TargetIf(n) => {
                        if !ctx.arg_matches(o, n) {
                            return None;
                        }
                        target = Some(o.clone());
                    }
                    Slot::Any => {}
                }
            }
            Elem::Prep(words, slot) => {
                let found = (next_prep..preps.len()).find(|&i| {
                    words.contains(&preps[i].0)
                        && match slot {
                            Slot::Nouns(n) | Slot::TargetIf(n) => ctx.arg_matches(&preps[i].1, n),
                            _ => true,
                        }
                })?;
                next_prep = found + 1;
                match slot {
                    Slot::Target | Slot::TargetIf(_) => target = Some(preps[found].1.clone()),
                    Slot::Source => source = Some(preps[found].1.clone()),
                    Slot::Nouns(_) | Slot::Any => {}
                }
            }
        }
    }
    Some((target, source))
}
