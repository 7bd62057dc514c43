//! Event assembly: the source × target pairs of a matched pattern (two-sided patterns both
//! ways, `a/b` patterns with their reverse event, compound actors pairwise), then the output
//! [`Event`] records with their CAMEO fields, dates and evidence.

use super::dating::{self, Inherited};
use super::patterns::Pattern;
use super::{Coder, Memory};
use crate::analysis::SentenceAnalysis;
use crate::event::{Actor, Event, Evidence, Mood};
use crate::ingest::Document;
use crate::ontology::plover::PloverTable;
use crate::ontology::Cameo;
use crate::text::Span;
use std::collections::HashSet;

/// An event before dates and output fields are attached.
#[derive(Clone, Debug)]
pub(crate) struct Raw {
    pub source: Actor,
    pub target: Actor,
    pub code: String,
    pub pattern: String,
    pub trigger: Span,
    pub mood: Mood,
    pub notes: Vec<String>,
}

/// "the ministry", "the military" with no state found for them: a state's organ without the
/// state is not worth an event ("expressed concern about the military movements").
fn stateless_state_role(a: &Actor) -> bool {
    a.country.is_none() && matches!(a.code.as_deref(), Some("GOV" | "MIL" | "COP" | "JUD" | "SPY" | "LEG"))
}

/// Source × target pairs, skipping an actor paired with itself and pairs with no state or
/// organisation on either side ("the ministry told reporters" is not an event between states).
pub(super) fn pairs(sources: &[Actor], targets: &[Actor], symmetric: bool) -> Vec<(Actor, Actor)> {
    let mut out = Vec::new();
    let anchored = |a: &Actor| a.country.is_some() || super::actors::is_org(a);
    for a in sources {
        for b in targets {
            let same = a.code == b.code && (a.code.is_some() || a.span == b.span);
            if same || !(anchored(a) || anchored(b)) || stateless_state_role(a) || stateless_state_role(b) {
                continue;
            }
            out.push((a.clone(), b.clone()));
            // both ways only between actors dyad can name by code: an unknown or uncoded
            // side does not act back
            if symmetric && a.code.is_some() && b.code.is_some() {
                out.push((b.clone(), a.clone()));
            }
        }
    }
    out
}

/// Does the actor bear arms: a military, police, rebel, insurgent, militia or intelligence role?
fn armed(a: &Actor) -> bool {
    let code = a.code.as_deref().unwrap_or("");
    let role = match &a.country {
        Some(c) if code.starts_with(c.as_str()) => &code[c.len()..],
        _ => code,
    };
    ["MIL", "REB", "INS", "UAF", "COP", "SPY", "SEP"]
        .iter()
        .any(|r| role.starts_with(r))
}

/// Does the actor speak for a state or an organisation: an office-holder, a government, its
/// legislature, courts or forces, or an organisation?
fn official(a: &Actor) -> bool {
    if super::actors::is_org(a) || a.entries.iter().any(|e| e.kind == crate::kb::TermKind::Person) {
        return true;
    }
    let code = a.code.as_deref().unwrap_or("");
    let role = match &a.country {
        Some(c) if code.starts_with(c.as_str()) => &code[c.len()..],
        _ => code,
    };
    ["GOV", "ELI", "LEG", "JUD", "MIL", "SPY", "COP"]
        .iter()
        .any(|r| role.starts_with(r))
}

/// Was the actor named as a person (an office-holder) or a government?
fn person(a: &Actor) -> bool {
    a.entries.iter().any(|e| e.kind == crate::kb::TermKind::Person)
        || a.code.as_deref().is_some_and(|c| c.ends_with("GOV"))
}

/// The target of a one-sided pattern (`T?`) when the text names no state or organisation on
/// the other side: an actor without a code, named by the phrase that stands there, if any.
pub(super) fn unknown_target(ctx: &super::sentence::SentenceCtx, arg: Option<&crate::text::clause::Arg>) -> Actor {
    let span = arg
        .and_then(|a| a.nps.first())
        .map(|&p| ctx.a.phrase_span(p))
        .unwrap_or(Span::new(0, 0));
    Actor {
        name: span.of(ctx.text).to_string(),
        span,
        ..Actor::default()
    }
}

/// A state coercing people it does not say are another state's ("police arrested five
/// people", "the authorities banned 400 books") coerces its own: the unknown target of a
/// coercion (CAMEO 17) by a state's organ becomes that state's civilians, marked as inferred.
pub(super) fn coerced_at_home(code: &str, sources: &[Actor], mut target: Actor) -> Actor {
    let country = sources.first().and_then(|s| s.country.clone());
    let one_state = country.is_some() && sources.iter().all(|s| s.country == country) && sources.iter().all(official);
    if code.starts_with("17") && one_state && target.code.is_none() {
        let c = country.unwrap_or_default();
        target.code = Some(super::actors::actor_code(&c, "CVL"));
        target.inferred = Some(format!(
            "country: coerced by {c}'s own authorities, no other state named (its people)"
        ));
        target.country = Some(c);
    }
    target
}

/// The events a rule (not a pattern) gives from `sources` to `targets`, all with one code.
pub(super) fn rule_events(
    sources: &[Actor],
    targets: &[Actor],
    code: &str,
    rule: &str,
    trigger: Span,
    mood: Mood,
) -> Vec<Raw> {
    pairs(sources, targets, false)
        .into_iter()
        .map(|(a, b)| Raw {
            source: a,
            target: b,
            code: code.to_string(),
            pattern: rule.to_string(),
            trigger,
            mood,
            notes: vec![],
        })
        .collect()
}

/// The events of a matched pattern between `sources` and `targets`.
pub(super) fn make_events(
    p: &Pattern,
    sources: &[Actor],
    targets: &[Actor],
    trigger: Span,
    mood: Mood,
    notes: Vec<String>,
) -> Vec<Raw> {
    let mut prs = pairs(sources, targets, p.symmetric);
    let mut notes = notes;
    if targets.is_empty() && p.symmetric && sources.len() > 1 {
        // "Iran and Azerbaijan signed an agreement": every pair, both ways.
        for (i, a) in sources.iter().enumerate() {
            for b in &sources[i + 1..] {
                prs.extend(pairs(std::slice::from_ref(a), std::slice::from_ref(b), true));
            }
        }
        notes.push("compound actor: coded pairwise".into());
    } else if sources.is_empty() && p.symmetric && targets.len() > 1 {
        // "talks between X and Y"
        for (i, a) in targets.iter().enumerate() {
            for b in &targets[i + 1..] {
                prs.extend(pairs(std::slice::from_ref(a), std::slice::from_ref(b), true));
            }
        }
        notes.push("between X and Y: coded pairwise".into());
    }
    if p.symmetric {
        notes.push("two-sided: coded in both directions".into());
    }
    let mut out: Vec<Raw> = Vec::with_capacity(prs.len() * 2);
    for (a, b) in prs {
        out.push(Raw {
            source: a.clone(),
            target: b.clone(),
            code: p.code.clone(),
            pattern: p.describe(),
            trigger,
            mood,
            notes: notes.clone(),
        });
        if let Some(rev) = &p.reverse {
            let mut n = notes.clone();
            n.push(format!("reverse of {} {}: target → source", p.code, p.lemmas.join("|")));
            out.push(Raw {
                source: b,
                target: a,
                code: rev.clone(),
                pattern: p.describe(),
                trigger,
                mood,
                notes: n,
            });
        }
    }
    out
}

impl Coder<'_> {
    /// Output carries the ISO 3166 alpha-3 country (CAMEO differs for a few, e.g. Kosovo).
    fn with_iso(&self, mut a: Actor) -> Actor {
        a.country = a.country.and_then(|c| match self.kb.country(&c) {
            Some(k) => k.iso3.clone(),
            None => Some(c),
        });
        a
    }

    /// The output events of a sentence's raw events: one per (source, target, code), dated,
    /// with CAMEO names, roots, quad classes and Goldstein values. Updates the paragraph's
    /// date in `memory`.
    pub(super) fn finish(
        &self,
        doc: &Document,
        a: &SentenceAnalysis,
        raws: Vec<Raw>,
        memory: &mut Memory,
    ) -> Vec<Event> {
        let s = &a.sentence;
        let cameo = Cameo::get();
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        let mentions: &[_] = if self.options.sentence_at_a_time { &[] } else { &a.dates };
        if memory.paragraph_date.as_ref().is_some_and(|(p, _)| *p != s.paragraph) {
            memory.paragraph_date = None;
        }
        // a sentence with no date of its own: when its quotation was said, else the last date
        // stated in its paragraph, else the lead's
        let inherited = memory
            .quote_date
            .map(|m| (m, Inherited::Quote))
            .or_else(|| memory.paragraph_date.as_ref().map(|(_, m)| (*m, Inherited::Paragraph)))
            .or_else(|| memory.lead_date.map(|m| (m, Inherited::Lead)));
        if !self.options.sentence_at_a_time {
            if let Some(m) = dating::stated_date(&doc.text, a) {
                memory.paragraph_date = Some((s.paragraph, m));
            }
        }
        for r in raws {
            let Some(c) = cameo.lookup(&r.code) else { continue };
            // an act needs a doer dyad can name: a ship or storm named in the text is not one
            if r.source.code.is_none() {
                continue;
            }
            // consultations and visits inside one country are no relations between states (a
            // leader touring his own bases)
            let domestic = r.source.country.is_some() && r.source.country == r.target.country;
            if domestic && (matches!(c.root, 1 | 4) || r.code == "036") {
                continue;
            }
            // a visit is made by a state's representatives or an organisation, not by its people
            // ("Somalis arrived in Kenya", "migrants arrive at Ceuta")
            let visitor = if r.code == "043" { &r.target } else { &r.source };
            if matches!(r.code.as_str(), "042" | "043") && !official(visitor) {
                continue;
            }
            // one event per (source, target, code) and sentence: "Deputy Prime Minister and
            // Foreign Minister Nurtleu" is one actor twice
            let coded = r.source.code.is_some() && r.target.code.is_some();
            let key = (
                r.source.code.clone(),
                (!coded).then_some(r.source.span),
                r.target.code.clone(),
                (!coded).then_some(r.target.span),
                r.code.clone(),
            );
            if !seen.insert(key) {
                continue;
            }
            // leaders who "clash" quarrel: fighting needs an armed side
            let mut r = r;
            let clash = r.trigger.of(&doc.text).to_ascii_lowercase().starts_with("clash");
            if clash
                && c.root == 19
                && !armed(&r.source)
                && !armed(&r.target)
                && (person(&r.source) || person(&r.target))
            {
                r.code = "111".into();
                r.notes
                    .push("a clash between leaders, not forces: coded as criticism".into());
            }
            // a government that "protests" a move disapproves of it; crowds demonstrate, rally
            // and march ("ethnic Albanians demonstrated in Serbia")
            let state = official(&r.source) || (r.source.code.is_some() && r.source.code == r.source.country);
            let protests = r.trigger.of(&doc.text).to_ascii_lowercase().contains("protest");
            if c.root == 14 && state && protests && !armed(&r.source) {
                r.code = "110".into();
                r.notes.push("a protest by a government: coded as disapproval".into());
            }
            let Some(c) = cameo.lookup(&r.code) else { continue };
            let trigger_governs = self.words.control(&self.verb_lemma(r.trigger.of(&doc.text))).is_some();
            let date = dating::event_date(doc, mentions, inherited, &r, trigger_governs);
            let mut notes = r.notes;
            for (side, a) in [("source", &r.source), ("target", &r.target)] {
                if let Some(why) = &a.inferred {
                    notes.push(format!("{side} inferred: {why}"));
                }
            }
            let mut event = Event {
                article: doc.id.clone(),
                sentence: s.index,
                headline: a.headline,
                text: s.span.of(&doc.text).split_whitespace().collect::<Vec<_>>().join(" "),
                date: date.date,
                date_precision: date.precision,
                reported: doc.date.map(|d| d.format("%Y-%m-%d").to_string()),
                source: self.with_iso(r.source),
                target: self.with_iso(r.target),
                cameo: c.code.clone(),
                root: c.root_code().to_string(),
                quad_class: c.quad.number(),
                goldstein: c.goldstein,
                event_name: c.name.clone(),
                location: None,
                evidence: Evidence {
                    pattern: r.pattern,
                    trigger: r.trigger.of(&doc.text).to_string(),
                    trigger_span: r.trigger,
                    mood: r.mood,
                    notes,
                    date_source: date.origin,
                },
                plover: None,
            };
            event.plover = PloverTable::get().code_event(&event, doc.date, Some(self.kb));
            out.push(event);
        }
        out
    }
}
