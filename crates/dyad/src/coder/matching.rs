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
    /// The logical roles of clause `c`; `particle` is a particle the tagger read as a
    /// preposition right after the verb ("handed over the bodies to Israel"): its phrase is the
    /// object.
    pub fn of_clause(ctx: &SentenceCtx, c: &Clause, particle: Option<usize>) -> Logical {
        let mut l = Logical {
            subject: c.subject.clone(),
            object: c.object.clone(),
            preps: Vec::new(),
            notes: Vec::new(),
        };
        for (t, a) in &c.preps {
            if Some(*t) == particle && l.object.is_none() {
                l.object = Some(a.clone());
            } else if Some(*t) != particle && !is_date(ctx, a) {
                l.preps.push((ctx.word(*t).to_lowercase(), a.clone()));
            }
        }
        // "deepened ties amid Mogadishu's dispute with Ethiopia": what follows a phrase of
        // circumstance belongs to its noun, not to the verb
        if let Some(cut) = l.preps.iter().position(|(w, _)| {
            matches!(
                w.as_str(),
                "amid"
                    | "despite"
                    | "near"
                    | "along"
                    | "around"
                    | "across"
                    | "through"
                    | "under"
                    | "beyond"
                    | "following"
                    | "regarding"
                    | "including"
                    | "among"
            )
        }) {
            l.preps.truncate(cut + 1);
        }
        // "recalled its ambassador from Kenya": a prepositional phrase folded into the object
        // (other than its "of") is also one of the clause's
        if let Some(o) = &l.object {
            let phrases = ctx.phrases();
            let attached: Vec<(String, Arg)> =
                o.of.iter()
                    .filter(|&&np| np > 0 && phrases[np - 1].kind == crate::text::chunk::PhraseKind::Prep)
                    .map(|&np| (ctx.word(phrases[np - 1].start).to_lowercase(), np))
                    .filter(|(w, _)| w != "of")
                    .map(|(w, np)| {
                        let arg = Arg {
                            nps: vec![np],
                            ..Arg::default()
                        };
                        (w, arg)
                    })
                    .collect();
            l.preps.splice(0..0, attached);
        }
        if c.passive {
            l.object = l.subject.take();
            if let Some(i) = l.preps.iter().position(|(p, _)| p == "by") {
                let mut agent = l.preps.remove(i).1;
                // "launched by forces in Puntland": the place of the agent
                if l.preps.get(i).is_some_and(|(p, _)| p == "in") {
                    agent.at.extend(l.preps.remove(i).1.nps);
                }
                l.subject = Some(agent);
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
    /// How much of the sentence the match used: the weight of the elements it filled (an
    /// optional target that is missing counts nothing).
    pub specificity: usize,
}

/// How much a filled element tells: a head noun more than a preposition, a preposition more
/// than a bare object.
fn weight(e: &Elem) -> usize {
    match e {
        Elem::Object(Slot::Nouns(_) | Slot::TargetIf(_)) | Elem::Prep(_, Slot::Nouns(_) | Slot::TargetIf(_)) => 3,
        Elem::Prep(_, _) => 2,
        Elem::Object(_) => 1,
    }
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
        if let Some(m) = match_elems(ctx, p, object, preps) {
            if best.as_ref().is_none_or(|b| m.specificity > b.specificity) {
                best = Some(m);
            }
        }
    }
    best
}

/// Matches a pattern's elements, in order, against the object and prepositional phrases;
/// gives the target argument and, for patterns with `S`, the source argument.
fn match_elems<'p>(
    ctx: &SentenceCtx,
    p: &'p Pattern,
    object: Option<&Arg>,
    preps: &[(String, Arg)],
) -> Option<Match<'p>> {
    let mut target = None;
    let mut source = None;
    let mut next_prep = 0;
    let mut object_used = false;
    let mut specificity = 0;
    for e in &p.elems {
        match e {
            Elem::Object(Slot::MaybeTarget) => {
                if let Some(o) = object.filter(|_| !object_used) {
                    object_used = true;
                    target = Some(o.clone());
                    specificity += weight(e);
                }
                continue;
            }
            Elem::Prep(words, Slot::MaybeTarget) => {
                if let Some(found) = (next_prep..preps.len()).find(|&i| words.contains(&preps[i].0)) {
                    next_prep = found + 1;
                    target = Some(preps[found].1.clone());
                    specificity += weight(e);
                }
                continue;
            }
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
                    Slot::Any | Slot::MaybeTarget => {}
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
                    Slot::Nouns(_) | Slot::Any | Slot::MaybeTarget => {}
                }
            }
        }
        specificity += weight(e);
    }
    Some(Match {
        pattern: p,
        target,
        source,
        specificity,
    })
}

/// Is the argument a date expression ("on Monday", "in February 2022")? Such phrases date the
/// event; they are never its target.
pub(super) fn is_date(ctx: &SentenceCtx, arg: &Arg) -> bool {
    arg.nps.iter().all(|&p| {
        let span = ctx.a.phrase_span(p);
        ctx.a
            .dates
            .iter()
            .any(|d| d.span.start <= span.end && span.start <= d.span.end)
    })
}
