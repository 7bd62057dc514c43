//! Scoring event locations against a hand-coded location set (`tests/geo/voa_locations.tsv`):
//! exact place, within 40 km, the share of events given a location, and locations given where
//! the story names none.

use crate::event::Event;
use crate::geo::distance_km;

/// The gold place of one event.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldPlace {
    /// Its name.
    pub name: String,
    /// ISO alpha-3 country.
    pub country: String,
    /// city, adm1 or country.
    pub kind: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// GeoNames id (or `ISO2.admin1`), if the place is in the gazetteer.
    pub id: Option<String>,
}

/// One hand-coded event of the set: which event, and where it happened (or nowhere said).
#[derive(Clone, Debug, PartialEq)]
pub struct GoldLocation {
    /// 1-based line in the set's file.
    pub line: usize,
    /// The article's name (last path component, `voa_stories.jsonl#N`).
    pub article: String,
    /// The sentence index.
    pub sentence: usize,
    /// Coded from the headline.
    pub headline: bool,
    /// Source code, or "-".
    pub source: String,
    /// CAMEO code.
    pub cameo: String,
    /// Target code, or "-".
    pub target: String,
    /// Where it happened, or None when the story does not say.
    pub place: Option<GoldPlace>,
}

/// Reads a location set (`tests/geo/voa_locations.tsv`): tab-separated, `#` comments, a header.
pub fn read_locations(name: &str, text: &str) -> Result<Vec<GoldLocation>, String> {
    let mut out = Vec::new();
    let mut header = false;
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        if raw.trim().is_empty() || raw.starts_with('#') {
            continue;
        }
        let c: Vec<&str> = raw.split('\t').map(str::trim).collect();
        if !header {
            if c.first() != Some(&"article") || c.len() != 13 {
                return Err(format!(
                    "{name}:{line}: expected the header line (13 columns, `article` first)"
                ));
            }
            header = true;
            continue;
        }
        if c.len() != 13 {
            return Err(format!(
                "{name}:{line}: expected 13 tab-separated columns, found {}",
                c.len()
            ));
        }
        let num = |s: &str, what: &str| {
            s.parse::<f64>()
                .map_err(|_| format!("{name}:{line}: {what} `{s}` is not a number"))
        };
        let place = if c[6] == "-" {
            None
        } else {
            Some(GoldPlace {
                name: c[6].to_string(),
                country: c[7].to_string(),
                kind: c[8].to_string(),
                lat: num(c[9], "latitude")?,
                lon: num(c[10], "longitude")?,
                id: (c[11] != "-").then(|| c[11].to_string()),
            })
        };
        out.push(GoldLocation {
            line,
            article: c[0].to_string(),
            sentence: c[1]
                .parse()
                .map_err(|_| format!("{name}:{line}: sentence `{}` is not a number", c[1]))?,
            headline: c[2] == "1",
            source: c[3].to_string(),
            cameo: c[4].to_string(),
            target: c[5].to_string(),
            place,
        });
    }
    if !header {
        return Err(format!("{name}: no header line"));
    }
    Ok(out)
}

/// The figures of a location run.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GeoScore {
    /// Events in the set.
    pub gold: usize,
    /// Of them, events the coder produced (the rest are not scored).
    pub found: usize,
    /// Found events the set gives a place.
    pub with_place: usize,
    /// ... located at that very place (same gazetteer entry, or within 1 km at the same precision).
    pub exact: usize,
    /// ... located within 40 km of it.
    pub within_40km: usize,
    /// ... given no location.
    pub missed: usize,
    /// Found events the set gives no place.
    pub without_place: usize,
    /// ... given a location anyway.
    pub spurious: usize,
    /// Found events given a location.
    pub located: usize,
    /// One line per event located wrongly, missed or located where the story says nothing.
    pub errors: Vec<String>,
}

impl GeoScore {
    /// exact / with_place.
    pub fn exact_rate(&self) -> f64 {
        ratio(self.exact, self.with_place)
    }
    /// within_40km / with_place.
    pub fn within_40km_rate(&self) -> f64 {
        ratio(self.within_40km, self.with_place)
    }
    /// located / found: the share of events with a location.
    pub fn coverage(&self) -> f64 {
        ratio(self.located, self.found)
    }
    /// Of the located events, the share whose location is within 40 km of the gold place
    /// (locations where the story names no place count as wrong).
    pub fn precision_40km(&self) -> f64 {
        ratio(self.within_40km, self.located)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn last_component(a: &str) -> &str {
    a.rsplit(['/', '\\']).next().unwrap_or(a)
}

/// Scores produced events against the set: each gold event takes the first unused produced
/// event with the same article, sentence, headline flag, source, code and target.
pub fn score(gold: &[GoldLocation], events: &[Event]) -> GeoScore {
    let mut used = vec![false; events.len()];
    let mut s = GeoScore {
        gold: gold.len(),
        ..GeoScore::default()
    };
    for g in gold {
        let hit = events.iter().enumerate().position(|(i, e)| {
            !used[i]
                && last_component(&e.article) == g.article
                && e.sentence == g.sentence
                && e.headline == g.headline
                && e.source.code.as_deref().unwrap_or("-") == g.source
                && e.cameo == g.cameo
                && e.target.code.as_deref().unwrap_or("-") == g.target
        });
        let Some(i) = hit else { continue };
        used[i] = true;
        s.found += 1;
        let e = &events[i];
        let got = e.location.as_ref();
        if got.is_some() {
            s.located += 1;
        }
        let what = |why: &str| {
            format!(
                "{}:{} {} {} {} {}: {why}",
                g.article,
                g.sentence,
                g.source,
                g.cameo,
                g.target,
                e.text.chars().take(90).collect::<String>()
            )
        };
        match (&g.place, got) {
            (Some(p), Some(l)) => {
                s.with_place += 1;
                let d = distance_km(p.lat, p.lon, l.lat, l.lon);
                let same = p.id.as_deref() == Some(l.id.as_str()) || (d < 1.0 && p.kind == l.precision.as_str());
                if same {
                    s.exact += 1;
                }
                if d <= 40.0 {
                    s.within_40km += 1;
                }
                if !same {
                    s.errors.push(what(&format!(
                        "gold {} ({}), got {} ({}, {}), {d:.0} km",
                        p.name, p.country, l.name, l.country, l.source
                    )));
                }
            }
            (Some(p), None) => {
                s.with_place += 1;
                s.missed += 1;
                s.errors
                    .push(what(&format!("gold {} ({}), got none", p.name, p.country)));
            }
            (None, Some(l)) => {
                s.without_place += 1;
                s.spurious += 1;
                s.errors.push(what(&format!(
                    "gold none, got {} ({}, {}: \"{}\")",
                    l.name, l.country, l.source, l.written
                )));
            }
            (None, None) => s.without_place += 1,
        }
    }
    s
}
