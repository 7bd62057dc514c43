//! Lemmas of verbs and nouns: irregular forms from a table, regular ones by suffix rules,
//! with a list of known lemmas choosing between candidate stems ("accused" → "accuse",
//! "planned" → "plan", "denied" → "deny").

use super::words::Words;
use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

/// Forms of auxiliaries and contractions → lemma: closed-class grammar. Other irregular verb
/// forms come from `data/words/irregular_verbs.tsv` (WordNet).
const IRREGULAR: &str = "\
was be|were be|been be|is be|are be|am be|'s be|'re be|'m be|being be|had have|has have|'ve have|\
did do|does do|done do|'d would|'ll will|ca can|wo will";

/// Irregular nouns (plural → singular). "talks" is kept as its own lemma.
const IRREGULAR_NOUNS: &str = "men man|women woman|people person|children child|crises crisis|\
analyses analysis|bases base|theses thesis|talks talks|news news|series series|species species|\
headquarters headquarters|media media|forces force|police police|arms arms|relations relations|\
sanctions sanction|ties ties|data data|criteria criterion|phenomena phenomenon";

fn table(src: &'static str) -> HashMap<&'static str, &'static str> {
    src.split('|').filter_map(|p| p.trim().split_once(' ')).collect()
}

fn irregular() -> &'static HashMap<&'static str, &'static str> {
    static T: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    T.get_or_init(|| table(IRREGULAR))
}

fn irregular_nouns() -> &'static HashMap<&'static str, &'static str> {
    static T: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    T.get_or_init(|| table(IRREGULAR_NOUNS))
}

/// The lemma of a verb form; `known` lists lemmas the caller cares about (checked first).
pub fn verb_lemma(lower: &str, known: &dyn Fn(&str) -> bool) -> String {
    if let Some(l) = irregular().get(lower) {
        return (*l).to_string();
    }
    let words = Words::embedded();
    if let Some(l) = words.irregular_verb(lower) {
        return l.to_string();
    }
    let is_known = |s: &str| known(s) || words.is_verb(s);
    if is_known(lower) {
        return lower.to_string();
    }
    let cands = verb_candidates(lower);
    for c in &cands {
        if is_known(c) {
            return c.clone();
        }
    }
    cands.into_iter().next().unwrap_or_else(|| lower.to_string())
}

/// `a` followed by `b` (cheaper than `format!`).
fn concat(a: &str, b: &str) -> String {
    let mut s = String::with_capacity(a.len() + b.len());
    s.push_str(a);
    s.push_str(b);
    s
}

fn verb_candidates(w: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stems = |stem: &str| {
        if stem.len() < 2 {
            return;
        }
        let b = stem.as_bytes();
        // "hoped", "taped", "fined": a stem ending in one vowel and one consonant would have
        // doubled it ("hopped"), so the "e" form comes first
        let consonant = |c: u8| c.is_ascii_alphabetic() && !b"aeiou".contains(&c);
        let short = b.len() >= 3
            && consonant(b[b.len() - 1])
            && !b"wxy".contains(&b[b.len() - 1])
            && b"aeiou".contains(&b[b.len() - 2])
            && consonant(b[b.len() - 3]);
        if short {
            out.push(concat(stem, "e"));
            out.push(stem.to_string());
        } else {
            out.push(stem.to_string());
            out.push(concat(stem, "e"));
        }
        if b.len() >= 3 && b[b.len() - 1] == b[b.len() - 2] && !b"aeiou".contains(&b[b.len() - 1]) {
            out.push(stem[..stem.len() - 1].to_string());
        }
    };
    if let Some(s) = w.strip_suffix("ied") {
        out.push(concat(s, "y"));
    } else if let Some(s) = w.strip_suffix("ies") {
        out.push(concat(s, "y"));
    } else if let Some(s) = w.strip_suffix("ed") {
        stems(s);
    } else if let Some(s) = w.strip_suffix("ing") {
        stems(s);
    } else if let Some(s) = w.strip_suffix("es") {
        if s.ends_with(['s', 'x', 'z']) || s.ends_with("ch") || s.ends_with("sh") {
            out.push(s.to_string());
        }
        out.push(concat(s, "e"));
        out.push(w[..w.len() - 1].to_string());
    } else if let Some(s) = w.strip_suffix('s') {
        if !s.ends_with('s') {
            out.push(s.to_string());
        }
    }
    out
}

/// True for a verb form dyad knows as a verb: a lemma or irregular form of
/// `data/words/` (WordNet), or an auxiliary.
pub fn is_known_verb(lower: &str) -> bool {
    let words = Words::embedded();
    irregular().contains_key(lower) || words.is_verb(lower) || words.irregular_verb(lower).is_some()
}

/// The singular lemma of a noun form.
pub fn noun_lemma(lower: &str) -> String {
    if let Some(l) = irregular_nouns().get(lower) {
        return (*l).to_string();
    }
    if lower.len() > 4 {
        if let Some(s) = lower.strip_suffix("ies") {
            return concat(s, "y");
        }
        for suf in ["sses", "xes", "ches", "shes", "zes"] {
            if lower.ends_with(suf) {
                return lower[..lower.len() - 2].to_string();
            }
        }
    }
    if lower.len() > 3 && lower.ends_with('s') && !lower.ends_with("ss") && !lower.ends_with("us") {
        return lower[..lower.len() - 1].to_string();
    }
    lower.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(w: &str) -> String {
        verb_lemma(w, &|_| false)
    }

    #[test]
    fn verbs() {
        assert_eq!(v("hoped"), "hope");
        assert_eq!(v("hoping"), "hope");
        assert_eq!(v("hopped"), "hop");
        assert_eq!(v("opened"), "open");
        assert_eq!(v("visited"), "visit");
        assert_eq!(v("met"), "meet");
        assert_eq!(v("accused"), "accuse");
        assert_eq!(v("planned"), "plan");
        assert_eq!(v("denied"), "deny");
        assert_eq!(v("discusses"), "discuss");
        assert_eq!(v("summoned"), "summon");
        assert_eq!(v("called"), "call");
        assert_eq!(v("hosting"), "host");
        assert_eq!(v("pledges"), "pledge");
        assert_eq!(v("invites"), "invite");
        assert_eq!(v("held"), "hold");
        assert_eq!(verb_lemma("criticised", &|s| s == "criticise"), "criticise");
    }

    #[test]
    fn nouns() {
        assert_eq!(noun_lemma("agreements"), "agreement");
        assert_eq!(noun_lemma("embassies"), "embassy");
        assert_eq!(noun_lemma("talks"), "talks");
        assert_eq!(noun_lemma("crises"), "crisis");
        assert_eq!(noun_lemma("visits"), "visit");
        assert_eq!(noun_lemma("status"), "status");
        assert_eq!(noun_lemma("sanctions"), "sanction");
    }
}
