//! Each event's location: the place where the act happened, chosen in this order
//!
//! 1. **sentence**: a place named in the event's own sentence as where the act happened: after
//!    a locative preposition ("in southern Lebanon", "talks in Doha", "near Bakhmut"), as the
//!    object of a violent or visiting verb ("shelled Kharkiv", "visited Cairo"), after a
//!    preposition of direction or attack for acts that go somewhere ("arrived to Kyiv", "an
//!    attack on Odesa"), or naming the event noun ("the Doha talks"). A place that is the
//!    source actor ("Kyiv said") is never its location; the target is, only for visits and
//!    violence ("visited Cairo", "struck Ukraine"). A place before the act counts only in a
//!    phrase opening the sentence ("In Kharkiv, ..."); a statement is located only by a place
//!    close after its verb and not in what it is about ("told reporters in Ankara", not
//!    "accused Beijing of genocide in Xinjiang"); nothing across a quotation's edge;
//! 2. **visit**: for a visit (042) the target's country, for hosting one (043) the source's;
//! 3. **paragraph**: for a material act, the last place named as where something happened in
//!    the two sentences before it in its paragraph, when it lies in the source's or the
//!    target's country (not a country: a city or region);
//! 4. **dateline**: the dateline's place, when it lies in the source's or the target's country;
//! 5. **domestic**: for a material act of a state on its own people or institutions (source and
//!    target of one country: "a Bosnian court sentenced Dodik"), that country.
//!
//! Otherwise none: no location rather than a wrong one. A name with several places (Tripoli,
//! Georgia, Paris) takes the place whose country the event's actors, the dateline and the
//! document name, then the most populous; a name that stays doubtful (two places of similar
//! size, neither in the story's countries) gives no location. Locating never drops or changes
//! an event: it only fills `location`.

use super::gazetteer::{Candidate, Gazetteer, NameMatch, Place, PlaceKind};
use crate::analysis::{Analysis, SentenceAnalysis};
use crate::event::Event;
use crate::ingest::Document;
use crate::kb::{KnowledgeBase, TermKind};
use crate::text::{token, Span};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Where an event's location came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LocationSource {
    /// A place named in the event's sentence.
    Sentence,
    /// The destination of a visit (the visited country).
    Visit,
    /// A place named earlier in the paragraph.
    Paragraph,
    /// The article's dateline.
    Dateline,
    /// The country of both sides of an act within a state (no place named).
    Domestic,
}

impl LocationSource {
    /// The name in the output: "sentence", "visit", "paragraph", "dateline".
    pub fn as_str(self) -> &'static str {
        match self {
            LocationSource::Sentence => "sentence",
            LocationSource::Visit => "visit",
            LocationSource::Paragraph => "paragraph",
            LocationSource::Dateline => "dateline",
            LocationSource::Domestic => "domestic",
        }
    }

    /// The source of a name written by [`LocationSource::as_str`].
    pub fn parse(s: &str) -> Option<LocationSource> {
        Some(match s {
            "sentence" => LocationSource::Sentence,
            "visit" => LocationSource::Visit,
            "paragraph" => LocationSource::Paragraph,
            "dateline" => LocationSource::Dateline,
            "domestic" => LocationSource::Domestic,
            _ => return None,
        })
    }
}

impl fmt::Display for LocationSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An event's location: a place of the gazetteer and why it was chosen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Location {
    /// The gazetteer's name of the place ("Kharkiv").
    pub name: String,
    /// ISO 3166-1 alpha-3 code of its country ("UKR").
    pub country: String,
    /// Its first-level division's name ("Kharkiv"), if known.
    pub adm1: Option<String>,
    /// Latitude, decimal degrees.
    pub lat: f64,
    /// Longitude, decimal degrees.
    pub lon: f64,
    /// City, ADM1 region or country.
    pub precision: PlaceKind,
    /// Where it was found: sentence, visit, paragraph or dateline.
    pub source: LocationSource,
    /// The words naming it in the text (null for a visit's country taken from an actor).
    pub span: Option<Span>,
    /// The words as written.
    pub written: String,
    /// The gazetteer id: GeoNames id, or `ISO2.admin1` for a region.
    pub id: String,
    /// GDELT's full name ("Kharkiv, Kharkiv, Ukraine").
    pub full_name: String,
    /// GDELT's country code (FIPS 10-4), if known.
    pub fips: Option<String>,
    /// GDELT's ADM1 code (FIPS country code and admin1 code: "UP07"), if known.
    pub adm1_code: Option<String>,
}

impl Location {
    /// A location at `place`.
    pub fn at(g: &Gazetteer, place: &Place, source: LocationSource, span: Option<Span>, written: &str) -> Location {
        let adm1 = g.adm1_of(place).map(|i| g.place(i));
        let country = g.country(&place.country).map(|i| g.place(i));
        let mut parts: Vec<&str> = vec![&place.name];
        if let Some(a) = adm1.filter(|_| place.kind == PlaceKind::City) {
            parts.push(&a.name);
        }
        if place.kind != PlaceKind::Country {
            if let Some(c) = country {
                parts.push(&c.name);
            }
        }
        Location {
            name: place.name.clone(),
            country: place.country.clone(),
            adm1: adm1
                .filter(|_| place.kind != PlaceKind::Country)
                .map(|a| a.name.clone()),
            lat: place.lat,
            lon: place.lon,
            precision: place.kind,
            source,
            span,
            written: written.to_string(),
            id: place.id.clone(),
            full_name: parts.join(", "),
            fips: place.fips.clone(),
            adm1_code: if place.kind == PlaceKind::Country {
                None
            } else {
                place.gdelt_adm1()
            },
        }
    }

    /// GDELT's ActionGeo_Type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state.
    pub fn gdelt_type(&self) -> u8 {
        let us = self.country == "USA";
        match (self.precision, us) {
            (PlaceKind::Country, _) => 1,
            (PlaceKind::Adm1, true) => 2,
            (PlaceKind::City, true) => 3,
            (PlaceKind::City, false) => 4,
            (PlaceKind::Adm1, false) => 5,
        }
    }
}

/// How a place name stands in its sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cue {
    /// After "in", "at", "near", "outside"...: where something happens.
    Locative,
    /// After "to", "into", "towards", "on", "over", "against": where something goes or falls.
    Direction,
    /// Right after a verb: its object ("shelled Kharkiv").
    Object,
    /// Right before a noun: naming it ("the Doha talks").
    Modifier,
    /// Anything else ("Kyiv said", "the mayor of Kharkiv").
    Other,
}

/// A place name of a sentence, resolved.
#[derive(Clone, Debug)]
struct Mention {
    /// Tokens.
    start: usize,
    end: usize,
    /// Bytes.
    span: Span,
    cue: Cue,
    /// The token of its preposition, for [`Cue::Locative`] and [`Cue::Direction`].
    prep: Option<usize>,
    /// The place chosen, if the name is not doubtful.
    place: Option<u32>,
}

const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "near",
    "outside",
    "inside",
    "across",
    "throughout",
    "around",
    "within",
    "off",
    "nearby",
];
const DIRECTION: &[&str] = &["to", "into", "towards", "toward", "on", "over", "against", "onto"];
/// Words between a preposition and a place ("in southern Lebanon", "in the city of Kharkiv").
const BETWEEN: &[&str] = &[
    "the",
    "southern",
    "northern",
    "eastern",
    "western",
    "central",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "south",
    "north",
    "east",
    "west",
    "downtown",
    "occupied",
    "city",
    "town",
    "village",
    "region",
    "province",
    "capital",
    "port",
    "of",
    "coastal",
    "border",
    "frontline",
    "front-line",
    "besieged",
    "disputed",
    "breakaway",
    "neighbouring",
    "neighboring",
    "nearby",
];
/// Words after a name that make it the region rather than the city ("Kharkiv region").
const REGION_WORDS: &[&str] = &[
    "region",
    "province",
    "oblast",
    "governorate",
    "state",
    "district",
    "county",
    "prefecture",
    "territory",
];

fn lower(s: &str) -> String {
    s.to_lowercase()
}

/// The word before token `i` skipping the words of [`BETWEEN`], adjectives ("restive",
/// "Somali") and possessives ("in Pakistan's Balochistan"), with its token index.
fn preposition_before(text: &str, sa: &SentenceAnalysis, i: usize) -> Option<(String, usize)> {
    let toks = &sa.sentence.tokens;
    let mut j = i;
    let mut steps = 0;
    while j > 0 && steps < 6 {
        j -= 1;
        steps += 1;
        let w = lower(toks[j].span.of(text));
        let adjective = toks[j].pos.is_adj()
            || sa
                .names
                .iter()
                .any(|n| n.start <= j && j < n.end && n.terms.iter().any(|t| t.kind == TermKind::CountryAdjective));
        if BETWEEN.contains(&w.as_str()) || adjective {
            continue;
        }
        // "in eastern Ukraine's Donetsk region": skip the possessor
        if (w == "'s" || w == "’s") && j > 0 {
            j -= 1;
            continue;
        }
        return Some((w, j));
    }
    None
}

fn is_violent(ev: &Event) -> bool {
    matches!(ev.root.as_str(), "18" | "19" | "20")
}

/// Verbal acts (quad classes 1 and 3): said somewhere, about something perhaps elsewhere.
fn is_verbal(ev: &Event) -> bool {
    matches!(ev.quad_class, 1 | 3)
}

fn is_visit(ev: &Event) -> bool {
    matches!(ev.cameo.as_str(), "042" | "043" | "044")
}

/// The token indices of a span of the document within a sentence.
fn tokens_in(sa: &SentenceAnalysis, span: Span) -> (usize, usize) {
    let toks = &sa.sentence.tokens;
    let start = toks.iter().position(|t| t.span.end > span.start).unwrap_or(toks.len());
    let end = toks
        .iter()
        .rposition(|t| t.span.start < span.end)
        .map_or(start, |e| e + 1);
    (start, end)
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// The countries a document names: its events' actors, its dateline, its knowledge-base
/// country names, adjectives and capitals (counted).
fn context_countries(
    doc: &Document,
    analysis: &Analysis,
    kb: &KnowledgeBase,
    events: &[Event],
) -> FxHashMap<String, u32> {
    let mut out: FxHashMap<String, u32> = FxHashMap::default();
    for ev in events {
        for c in [&ev.source.country, &ev.target.country].into_iter().flatten() {
            *out.entry(c.clone()).or_default() += 1;
        }
    }
    for sa in analysis.title.iter().chain(&analysis.sentences) {
        for m in &sa.names {
            for t in &m.terms {
                if matches!(
                    t.kind,
                    TermKind::CountryName | TermKind::CountryAdjective | TermKind::Capital
                ) {
                    if let Some(iso) = kb.countries.get(t.index as usize).and_then(|c| c.iso3.clone()) {
                        *out.entry(iso).or_default() += 1;
                    }
                }
            }
        }
    }
    if let Some(d) = &doc.dateline {
        let g = Gazetteer::embedded();
        for name in d.region.iter().chain(std::iter::once(&d.place)) {
            for c in g.lookup(name) {
                if g.place(c.place).kind == PlaceKind::Country {
                    *out.entry(g.place(c.place).country.clone()).or_default() += 2;
                }
            }
        }
    }
    out
}

/// Chooses among the places of one name: the place in a country of the event or the story,
/// else by population, else none when doubtful. `qualifier` is a name written beside it
/// ("Paris, Texas"; "Ukraine's Kharkiv"), `region` whether a region word follows it.
fn choose(
    g: &Gazetteer,
    candidates: &[Candidate],
    actors: &[&str],
    context: &FxHashMap<String, u32>,
    qualifier: &[Candidate],
    region: bool,
) -> Option<u32> {
    let is_qualified = |p: &Place| {
        qualifier.iter().any(|q| {
            let qp = g.place(q.place);
            qp.country == p.country
                && (qp.kind == PlaceKind::Country || (qp.kind == PlaceKind::Adm1 && qp.adm1 == p.adm1))
        })
    };
    // a country's own name is the country ("Albania" is not Albany, New York, whose GeoNames
    // alternates include it), unless a state or province of that name lies in a country of
    // the event ("Georgia" in an American story)
    // (a country matched by an alternate name yields to a place of that very name: "Gaza
    // Strip" is the region, not the Palestinian Territory it is an alternate of)
    let country = candidates
        .iter()
        .find(|c| c.primary && g.place(c.place).kind == PlaceKind::Country)
        .or_else(|| {
            candidates
                .iter()
                .find(|c| g.place(c.place).kind == PlaceKind::Country)
                .filter(|_| !candidates.iter().any(|c| c.primary))
        });
    if let Some(c) = country {
        let state = candidates.iter().find(|s| {
            let p = g.place(s.place);
            s.primary && p.kind == PlaceKind::Adm1 && (actors.contains(&p.country.as_str()) || is_qualified(p))
        });
        return Some(state.unwrap_or(c).place);
    }
    // namesakes far smaller than the largest are not meant unless qualified ("Vienna" is not
    // Vienna, Virginia; "Paris, Texas" is)
    let largest = candidates
        .iter()
        .map(|c| g.place(c.place).population)
        .max()
        .unwrap_or(0);
    let mut scored: Vec<(f64, u32, bool)> = Vec::new();
    for c in candidates {
        let p = g.place(c.place);
        if p.population.saturating_mul(30) < largest && !is_qualified(p) {
            continue;
        }
        let mut s = ((p.population as f64) + 10.0).log10();
        let in_actor = actors.contains(&p.country.as_str());
        let in_context = context.contains_key(&p.country);
        if in_actor {
            s += 4.0;
        }
        if in_context {
            s += 3.0;
        }
        if c.primary {
            s += 1.0;
        }
        let qualified = is_qualified(p);
        if qualified {
            s += 8.0;
        }
        match (p.kind, region) {
            (PlaceKind::Adm1, true) => s += 6.0,
            (PlaceKind::City, false) => s += 2.0,
            _ => {}
        }
        scored.push((s, c.place, in_actor || in_context || qualified));
    }
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (best, place, supported) = *scored.first()?;
    if supported {
        return Some(place);
    }
    let p = g.place(place);
    if p.kind == PlaceKind::Country {
        return Some(place);
    }
    // unsupported by the story: only a large place, clearly larger than its namesakes
    let runner = scored
        .iter()
        .skip(1)
        .find(|s| g.place(s.1).country != p.country)
        .map(|s| s.0);
    let clear = runner.is_none_or(|r| best - r >= 1.0);
    (p.population >= 100_000 && clear).then_some(place)
}

/// The place names of one sentence with their cues, resolved.
fn mentions(
    g: &Gazetteer,
    kb: &KnowledgeBase,
    text: &str,
    sa: &SentenceAnalysis,
    actors: &[&str],
    context: &FxHashMap<String, u32>,
) -> Vec<Mention> {
    let toks = &sa.sentence.tokens;
    let spans: Vec<Span> = toks.iter().map(|t| t.span).collect();
    let found: Vec<NameMatch> = g.find(text, &spans);
    // names that are people, organisations or other actors' words, not places
    let not_place = |m: &NameMatch| {
        sa.names.iter().any(|n| {
            overlaps((n.start, n.end), (m.start, m.end))
                && (n.end > m.end || n.start < m.start || n.terms.iter().all(|t| !place_like(t.kind)))
                && n.terms.iter().any(|t| !place_like(t.kind))
        })
    };
    let mut out = Vec::new();
    for (k, m) in found.iter().enumerate() {
        if not_place(m) {
            continue;
        }
        // part of a longer proper name ("Paris Agreement", "Kharkiv Regional Administration")
        if let Some(next) = toks.get(m.end) {
            let w = next.span.of(text);
            let region = REGION_WORDS.contains(&lower(w).as_str());
            if next.pos.is_proper()
                && w.chars().next().is_some_and(char::is_uppercase)
                && !region
                && found.get(k + 1).is_none_or(|n| n.start != m.end)
            {
                continue;
            }
        }
        // a qualifier of the name before it ("Kharkiv, Ukraine") is not a place of its own
        if k > 0 && found[k - 1].end + 1 == m.start && toks[m.start - 1].span.of(text) == "," {
            let prev = &found[k - 1];
            if m.candidates.iter().any(|c| {
                let q = g.place(c.place);
                q.kind != PlaceKind::City && prev.candidates.iter().any(|pc| g.place(pc.place).country == q.country)
            }) {
                continue;
            }
        }
        let mut qualifier: Vec<Candidate> = Vec::new();
        if let Some(n) = found.get(k + 1) {
            if n.start == m.end + 1 && toks[m.end].span.of(text) == "," {
                qualifier.extend(n.candidates.iter().copied());
            }
        }
        // "Ukraine's Kharkiv", "Pakistan's restive Balochistan province": the possessor qualifies
        for (k2, t) in toks.iter().enumerate().take(m.start).skip(m.start.saturating_sub(4)) {
            if matches!(t.span.of(text), "'s" | "’s") {
                if let Some(p) = found.iter().find(|p| p.end == k2) {
                    qualifier.extend(p.candidates.iter().copied());
                }
            }
        }
        // "the Somali city of Beledweyne", "the Lebanese port of Tripoli": a country adjective
        for n in &sa.names {
            if n.end <= m.start && n.end + 4 >= m.start {
                for t in &n.terms {
                    if t.kind == TermKind::CountryAdjective {
                        if let Some(c) = kb
                            .countries
                            .get(t.index as usize)
                            .and_then(|c| c.iso3.as_deref())
                            .and_then(|c| g.country(c))
                        {
                            qualifier.push(Candidate {
                                place: c,
                                primary: true,
                            });
                        }
                    }
                }
            }
        }
        let region = toks
            .get(m.end)
            .is_some_and(|t| REGION_WORDS.contains(&lower(t.span.of(text)).as_str()));
        // the possessor itself, before a place, is not where the act happened
        if m.end < toks.len()
            && matches!(toks[m.end].span.of(text), "'s" | "’s")
            && found.iter().any(|n| n.start > m.end && n.start <= m.end + 4)
        {
            continue;
        }
        let before = preposition_before(text, sa, m.start);
        let prep = before.as_ref().map(|b| b.1);
        let cue = match before.as_ref().map(|b| b.0.as_str()) {
            Some(w) if LOCATIVE.contains(&w) => Cue::Locative,
            Some(w) if DIRECTION.contains(&w) => Cue::Direction,
            _ => {
                let before = m.start.checked_sub(1).map(|j| &toks[j]);
                let after = toks.get(m.end);
                if before.is_some_and(|t| t.pos.is_verb()) {
                    Cue::Object
                } else if after.is_some_and(|t| t.pos.is_noun() && !t.pos.is_proper()) && !region {
                    Cue::Modifier
                } else {
                    Cue::Other
                }
            }
        };
        let place = choose(g, &m.candidates, actors, context, &qualifier, region);
        let span = Span::new(toks[m.start].span.start, toks[m.end - 1].span.end);
        out.push(Mention {
            start: m.start,
            end: if region { m.end + 1 } else { m.end },
            span,
            cue,
            prep,
            place,
        });
    }
    out
}

fn place_like(k: TermKind) -> bool {
    matches!(
        k,
        TermKind::CountryName | TermKind::Capital | TermKind::Place | TermKind::Blocked
    )
}

/// The location an event's own sentence gives, if any.
fn from_sentence(text: &str, sa: &SentenceAnalysis, mentions: &[Mention], ev: &Event) -> Option<usize> {
    let trigger = tokens_in(sa, ev.evidence.trigger_span);
    let source = tokens_in(sa, ev.source.span);
    let target = tokens_in(sa, ev.target.span);
    let trigger_noun = sa.sentence.tokens.get(trigger.0).is_some_and(|t| t.pos.is_noun());
    let mut ok_places: Vec<(usize, usize)> = Vec::new();
    for (k, m) in mentions.iter().enumerate() {
        if m.place.is_none() {
            continue;
        }
        let here = (m.start, m.end);
        if overlaps(here, source) && ev.source.span.end > ev.source.span.start {
            continue;
        }
        let on_target = overlaps(here, target) && ev.target.span.end > ev.target.span.start;
        let ok = match m.cue {
            Cue::Locative => !on_target || is_visit(ev) || is_violent(ev),
            Cue::Direction => is_visit(ev) || is_violent(ev),
            Cue::Object => (is_visit(ev) || is_violent(ev)) && m.start == trigger.1 && !trigger_noun,
            Cue::Modifier => m.end == trigger.0,
            Cue::Other => false,
        };
        if !ok {
            continue;
        }
        let toks = &sa.sentence.tokens;
        let (from, to) = if m.start >= trigger.1 {
            (trigger.1, m.start)
        } else {
            (m.end, trigger.0)
        };
        let between: Vec<String> = (from..to).map(|i| lower(toks[i].span.of(text))).collect();
        // not across a quotation's edge or into another clause's report
        if between.iter().any(|w| {
            matches!(
                w.as_str(),
                "\"" | "“" | "”" | "''" | "``" | ";" | "said" | "says" | "that"
            )
        }) {
            continue;
        }
        if m.start < trigger.1 {
            // before the act: a phrase opening the sentence ("In Kharkiv, ...", "On Thursday in
            // Washington, ...") or naming the act's noun ("the Doha talks")
            let opening = m.prep.is_some_and(|p| p <= 3) && matches!(m.cue, Cue::Locative | Cue::Direction);
            if !(opening || m.cue == Cue::Modifier) {
                continue;
            }
        } else if is_verbal(ev) {
            // a statement is located where it was made ("told reporters in Ankara"), not where
            // what it is about happened ("accused Beijing of genocide in Xinjiang")
            let prep = m.prep.unwrap_or(m.start);
            let far = prep > trigger.1 + 10;
            let about = between[..prep.saturating_sub(from).min(between.len())].iter().any(|w| {
                matches!(
                    w.as_str(),
                    "of" | "over" | "about" | "against" | "into" | "on" | "for" | "to" | "accusing" | "from"
                )
            });
            if far || about {
                continue;
            }
        }
        // nearest to the trigger, after it preferred
        let dist = if m.start >= trigger.1 {
            m.start - trigger.1
        } else {
            2 * (trigger.0 - m.end.min(trigger.0)) + 1
        };
        ok_places.push((k, dist));
    }
    ok_places.sort_by_key(|&(k, d)| (d, k));
    let best = ok_places.first()?.0;
    // a country, and a place in it named too ("in Somalia ... in the town of Beledweyne"): the place
    let g = Gazetteer::embedded();
    let country_of = |k: usize| mentions[k].place.map(|p| g.place(p));
    let b = country_of(best)?;
    if b.kind == PlaceKind::Country {
        if let Some(&(k, _)) = ok_places
            .iter()
            .find(|&&(k, _)| country_of(k).is_some_and(|p| p.kind != PlaceKind::Country && p.country == b.country))
        {
            return Some(k);
        }
    }
    Some(best)
}

/// Fills `location` on each of a document's events (see the module's documentation). Events
/// are never dropped or changed otherwise.
pub fn locate(doc: &Document, analysis: &Analysis, kb: &KnowledgeBase, events: &mut [Event]) {
    if events.is_empty() {
        return;
    }
    let g = Gazetteer::embedded();
    let text = &doc.text;
    let context = context_countries(doc, analysis, kb, events);
    let sentence_of = |ev: &Event| -> Option<&SentenceAnalysis> {
        if ev.headline {
            analysis.title.as_ref()
        } else {
            analysis
                .sentences
                .iter()
                .find(|s| s.sentence.index == ev.sentence && !s.headline)
        }
    };
    // the dateline's place
    let dateline: Option<Location> = doc.dateline.as_ref().and_then(|d| {
        if d.place.is_empty() {
            return None;
        }
        let qualifier: Vec<Candidate> = d.region.as_deref().map(|r| g.lookup(r)).unwrap_or_default();
        let place = choose(g, &g.lookup(&d.place), &[], &context, &qualifier, false)?;
        let at = text[d.span.start..d.span.end].find(&d.place).map(|o| d.span.start + o);
        let span = at.map(|s| Span::new(s, s + d.place.len()));
        Some(Location::at(
            g,
            g.place(place),
            LocationSource::Dateline,
            span,
            &d.place,
        ))
    });
    // places named as where something happened, per paragraph, in order
    let mut cache: FxHashMap<(usize, bool), Vec<Mention>> = FxHashMap::default();
    for slot in events.iter_mut() {
        let ev: &Event = slot;
        let Some(sa) = sentence_of(ev) else { continue };
        let actors: Vec<&str> = [&ev.source.country, &ev.target.country]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        let key = (sa.sentence.index, sa.headline);
        cache
            .entry(key)
            .or_insert_with(|| mentions(g, kb, text, sa, &actors, &context));
        let ms = &cache[&key];
        let mut loc = from_sentence(text, sa, ms, ev).map(|k| {
            let m = &ms[k];
            let p = g.place(m.place.unwrap_or_default());
            Location::at(g, p, LocationSource::Sentence, Some(m.span), m.span.of(text))
        });
        if loc.is_none() && matches!(ev.cameo.as_str(), "042" | "043") {
            let host = if ev.cameo == "042" { &ev.target } else { &ev.source };
            loc = host.country.as_deref().and_then(|c| g.country(c)).map(|c| {
                let p = g.place(c);
                Location::at(g, p, LocationSource::Visit, None, &host.name)
            });
        }
        let in_story = |l: &Location| actors.contains(&l.country.as_str());
        if loc.is_none() && !sa.headline && !is_verbal(ev) {
            // a material act: the last place named as where something happened in the two
            // sentences before it, in its paragraph
            let para = sa.sentence.paragraph;
            for prev in analysis.sentences.iter().rev() {
                if prev.sentence.index >= sa.sentence.index
                    || prev.sentence.paragraph != para
                    || prev.sentence.index + 2 < sa.sentence.index
                {
                    continue;
                }
                let k = (prev.sentence.index, false);
                cache
                    .entry(k)
                    .or_insert_with(|| mentions(g, kb, text, prev, &actors, &context));
                let found = cache[&k]
                    .iter()
                    .rev()
                    .filter(|m| m.cue == Cue::Locative)
                    .filter_map(|m| m.place.map(|p| (m, p)))
                    .map(|(m, p)| Location::at(g, g.place(p), LocationSource::Paragraph, Some(m.span), m.span.of(text)))
                    .find(|l| in_story(l) && l.precision != PlaceKind::Country);
                if let Some(l) = found {
                    loc = Some(l);
                    break;
                }
            }
        }
        if loc.is_none() {
            loc = dateline.clone().filter(in_story);
        }
        // a state's act on its own people or institutions ("a Bosnian court sentenced Dodik")
        // happens in that state
        if loc.is_none() && matches!(ev.quad_class, 2 | 4) {
            if let (Some(a), Some(b)) = (&ev.source.country, &ev.target.country) {
                if a == b {
                    loc = g
                        .country(a)
                        .map(|c| Location::at(g, g.place(c), LocationSource::Domestic, None, ""));
                }
            }
        }
        slot.location = loc;
    }
}

/// The place names of a text found by the gazetteer, each with the places it may be (for
/// `dyad explain`).
pub fn names_in(text: &str) -> Vec<(String, Vec<&'static Place>)> {
    let g = Gazetteer::embedded();
    let mut spans = Vec::new();
    token::tokenize(text, Span::new(0, text.len()), &mut spans);
    g.find(text, &spans)
        .into_iter()
        .map(|m| {
            let s = Span::new(spans[m.start].start, spans[m.end - 1].end);
            (
                s.of(text).to_string(),
                m.candidates.iter().map(|c| g.place(c.place)).collect(),
            )
        })
        .collect()
}
