//! `dyad-tools gen-corpus`: a seeded generator of realistic English news articles for benchmarks.
//!
//! Each article is a plain-text file in dyad's input format: a title line, a `date YYYY-MM-DD`
//! line, then paragraphs, the first opening with a dateline ("ANKARA, Turkey (Reuters) — ").
//! Articles run 300 to 1,500 words (about 5 KB on average). About a third of the sentences
//! describe an event between real actors of dyad's knowledge base (countries by name,
//! adjective and capital; office-holders in office on the article's date; organisations and armed
//! groups) across the whole range of event kinds (visits, talks, phone calls, agreements,
//! pledges, appeals, demands, criticism, summons, threats, protests, drills, border closures,
//! expulsions, attacks, clashes); the rest is ordinary news prose: economy, weather, quotes,
//! background, figures.
//!
//! Output is a pure function of the seed: the same seed gives byte-identical articles, and
//! article `i` does not depend on how many articles are asked for, so a corpus of 500 articles
//! is the first 500 files of a corpus of 2,000. The generator uses only `std` and `dyad`, so
//! the benches (`crates/dyad/benches/`) include this file and generate the same corpus in memory.

use dyad::kb::{Country, KnowledgeBase, Person};
use std::io;
use std::path::Path;

/// One generated article.
pub struct Article {
    /// File name, e.g. `00042-turkey-egypt-talks.txt`.
    pub name: String,
    /// The article, ending with a newline.
    pub text: String,
}

/// Generates `n` articles from `seed`.
pub fn generate(seed: u64, n: usize) -> Vec<Article> {
    let g = Generator::new(KnowledgeBase::embedded());
    (0..n).map(|i| g.article(seed, i)).collect()
}

/// Writes articles into `dir` (created if missing), one file each.
pub fn write(dir: &Path, articles: &[Article]) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for a in articles {
        std::fs::write(dir.join(&a.name), &a.text)?;
    }
    Ok(())
}

/// A small PRNG: xorshift64* seeded through splitmix64. Stable across platforms and versions.
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Rng {
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        Rng(if z == 0 { 1 } else { z })
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// A number in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// A civil date.
#[derive(Clone, Copy)]
struct Date {
    y: i64,
    m: u32,
    d: u32,
    /// 0 = Sunday.
    weekday: usize,
}

impl Date {
    /// From days since 1970-01-01 (H. Hinnant's `civil_from_days`).
    fn from_days(z: i64) -> Date {
        let weekday = (z + 4).rem_euclid(7) as usize;
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = yoe + era * 400 + i64::from(m <= 2);
        Date { y, m, d, weekday }
    }

    fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }
}

/// First and last day articles are dated (days since 1970-01-01): 2010-01-01 to 2025-06-30.
const FIRST_DAY: i64 = 14_610;
const LAST_DAY: i64 = 20_269;

const WEEKDAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The kinds of event the generator writes, each with sentence and headline templates.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Visit,
    Talks,
    Call,
    Agreement,
    Pledge,
    Appeal,
    Demand,
    Criticism,
    Summons,
    Threat,
    Protest,
    Drill,
    BorderClosure,
    Expulsion,
    Attack,
    Clash,
}

const KINDS: [Kind; 16] = [
    Kind::Visit,
    Kind::Talks,
    Kind::Call,
    Kind::Agreement,
    Kind::Pledge,
    Kind::Appeal,
    Kind::Demand,
    Kind::Criticism,
    Kind::Summons,
    Kind::Threat,
    Kind::Protest,
    Kind::Drill,
    Kind::BorderClosure,
    Kind::Expulsion,
    Kind::Attack,
    Kind::Clash,
];

// Template slots: `{S...}` is the source side, `{T...}` the target side, `{U...}` a third
// state; after the letter: (none) a subject mention, `.o` an object mention, `.c` the country
// name, `.a` its adjective, `.cap` its capital, `.p` an office-holder, `.l` the leader,
// `.gov` the government, `.mil` its forces, `.city` a city of it. `{O}` an international
// organisation or its head, `{G}` an armed group. Other names are word lists and figures.

impl Kind {
    fn sentences(self) -> &'static [&'static str] {
        match self {
            Kind::Visit => &[
                "{S.p} arrived in {T.cap} on {day} for a {dur} visit, the first by a {S.a} leader in {n} years.",
                "{S.p} visited {T.c} on {day} and held talks with {T.p} on {topic}.",
                "{S.p} will travel to {T.cap} next week for talks with {T.p}, {S.a} officials said.",
                "{T.p} received {S.p} in {T.cap} on {day}, the {T.a} presidency said in a statement.",
                "During a visit to {T.cap} on {day}, {S.p} laid a wreath at a war memorial and met members of the {S.a} community.",
                "{S.p} is due in {T.cap} on {day}, {when}, for meetings with {T.p} and business leaders.",
            ],
            Kind::Talks => &[
                "{S.p} held talks with {T.p} in {S.city} on {day}, focusing on {topic}.",
                "{S.p} and {T.p} met on the sidelines of {summit} on {day}.",
                "Delegations from {S.c} and {T.c} met in {neutral} on {day} for a {ord} round of negotiations on {topic}.",
                "{S} and {T.o} agreed to resume talks on {topic} after a pause of {n} months.",
                "{S.p} met {T.p} in {T.cap} to discuss {topic} and {topic}, according to a readout of the meeting.",
            ],
            Kind::Call => &[
                "{S.p} spoke by telephone with {T.p} on {day}, according to a statement from the {S.a} government.",
                "In a phone call on {day}, {S.p} and {T.p} discussed {topic}, {S.a} officials said.",
                "{S.p} called {T.p} on {day} to offer condolences after {disaster}.",
                "{S.p} and {T.p} held a video call on {day} in which they reviewed {topic}.",
            ],
            Kind::Agreement => &[
                "{S} and {T.o} signed an agreement on {topic} on {day}, {S.a} state media reported.",
                "{S.p} and {T.p} signed {n} agreements covering {topic} and {topic}.",
                "{S} agreed with {T.o} to {coop}.",
                "Under the deal, {S.c} will {coop} and {T.c} will {coop}.",
                "{S.gov} and {T.gov} reached an agreement to {coop}, ending months of negotiations.",
            ],
            Kind::Pledge => &[
                "{S} pledged {amount} in {aidkind} aid to {T.o}.",
                "{S} promised to send {T.o} {aid}.",
                "{S.p} said {S.c} would provide {amount} to help {T.c} {help}.",
                "{S.gov} offered to help {T.o} {help}, {S.a} officials said.",
            ],
            Kind::Appeal => &[
                "{S} urged {T.o} to {action}.",
                "{S.p} called on {T.o} to {action}, warning that {warning}.",
                "{O} appealed to {S.c} and {T.c} to {mutual}.",
                "{S.p} asked {T.o} to {action} \"as soon as possible.\"",
            ],
            Kind::Demand => &[
                "{S} demanded that {T.o} {bare} immediately.",
                "{S.p} demanded an apology from {T.o} over {issue}.",
                "{S} insisted that {T.o} {bare}, saying there could be no talks until it did so.",
                "The {S.a} foreign ministry demanded the release of {n} {S.a} citizens detained in {T.c}.",
            ],
            Kind::Criticism => &[
                "{S} criticised {T.o} for {gerund}.",
                "{S.p} accused {T.o} of {gerund}.",
                "{S} condemned {T.c}'s decision to {decision} as \"{adjq} and provocative.\"",
                "In a statement, the {S.a} foreign ministry denounced what it called {T.a} interference in {S.c}'s internal affairs.",
                "{S.p} sharply criticised {T.p}, saying the remarks were \"{adjq}.\"",
            ],
            Kind::Summons => &[
                "The {S.a} foreign ministry summoned the {T.a} ambassador on {day} to protest against {issue}.",
                "{S.c} summoned {T.c}'s envoy over {issue}, the ministry said.",
                "{S.gov} summoned the {T.a} charge d'affaires to lodge a formal protest over {issue}.",
            ],
            Kind::Threat => &[
                "{S} threatened to impose sanctions on {T.o} if it did not {bare}.",
                "{S.p} warned that {S.c} would respond \"decisively\" to any attempt by {T.c} to {hostile}.",
                "{S} threatened to cut off {resource} supplies to {T.o}.",
                "{S.p} said {S.c} could expel {T.a} diplomats if {T.c} continued {gerund}.",
            ],
            Kind::Protest => &[
                "Hundreds of protesters gathered outside the {T.a} embassy in {S.cap} on {day} to denounce {issue}.",
                "Thousands of people marched through {S.city} on {day}, chanting slogans against {T.c}.",
                "Demonstrators in {S.cap} burned {T.a} flags and called on the government to {bare2}.",
                "{S.a} opposition parties staged a rally in {S.city} to protest against {issue}.",
            ],
            Kind::Drill => &[
                "{S.mil} began large-scale military exercises near the border with {T.c} on {day}, involving {N} troops and {n} warships.",
                "{S.mil} and {T.mil} held joint naval drills in the {sea} on {day}.",
                "{S.c} staged air-defence drills in {S.city} days after {T.c} {tested}.",
                "{S.mil} will hold live-fire exercises near {S.city} until {day}, the defence ministry said.",
            ],
            Kind::BorderClosure => &[
                "{S.c} closed its border with {T.c} on {day}, citing security concerns.",
                "{S.gov} shut {n} crossing points on its border with {T.c} and suspended flights to {T.cap}.",
                "{S.c} sealed its frontier with {T.c} after {disaster}, stranding hundreds of lorries.",
            ],
            Kind::Expulsion => &[
                "{S} expelled {n} {T.a} diplomats on {day}, accusing them of activities incompatible with their status.",
                "{S.c} ordered the {T.a} ambassador to leave the country within {n} hours.",
                "{S.gov} declared {n} members of the {T.a} embassy staff persona non grata over {issue}.",
            ],
            Kind::Attack => &[
                "{S.mil} shelled {T.a} positions near {T.city} on {day}, killing {n} soldiers and wounding {n} others, {T.a} officials said.",
                "A {S.a} drone struck a fuel depot in {T.city} overnight, {T.c}'s defence ministry said.",
                "Fighters from {G} attacked an army checkpoint near {T.city}, killing {n} {T.a} soldiers.",
                "{S.mil} launched {n} missiles at targets in {T.city} early on {day}.",
                "Gunmen believed to belong to {G} ambushed a {T.a} police convoy near {T.city} on {day}.",
            ],
            Kind::Clash => &[
                "{S.a} and {T.a} troops clashed along the disputed border near {T.city} on {day}.",
                "Fighting broke out between {S.a} border guards and {T.a} troops, leaving {n} people dead.",
                "{S.mil} exchanged fire with {T.mil} for several hours near {T.city}, both sides said.",
            ],
        }
    }

    fn headlines(self) -> &'static [&'static str] {
        match self {
            Kind::Visit => &[
                "{S.a} leader arrives in {T.cap} for talks on {topic}",
                "{S.p} visits {T.c} in first trip by a {S.a} leader in years",
            ],
            Kind::Talks => &[
                "{S.c} and {T.c} hold talks on {topic}",
                "{S.a} and {T.a} officials meet in {neutral}",
            ],
            Kind::Call => &["{S.a} and {T.a} leaders discuss {topic} by phone"],
            Kind::Agreement => &["{S.c} and {T.c} sign deal on {topic}", "{S.c}, {T.c} agree to {coop}"],
            Kind::Pledge => &["{S.c} pledges {amount} to {T.c}", "{S.c} promises {aid} to {T.c}"],
            Kind::Appeal => &["{S.c} urges {T.c} to {action}"],
            Kind::Demand => &["{S.c} demands {T.c} {bare}", "{S.c} demands apology from {T.c}"],
            Kind::Criticism => &["{S.c} condemns {T.c} over {issue}", "{S.c} accuses {T.c} of {gerund}"],
            Kind::Summons => &["{S.c} summons {T.a} ambassador over {issue}"],
            Kind::Threat => &[
                "{S.c} threatens {T.c} with sanctions",
                "{S.c} warns {T.c} against escalation",
            ],
            Kind::Protest => &["Protesters rally outside {T.a} embassy in {S.cap}"],
            Kind::Drill => &["{S.c} begins military drills near {T.a} border"],
            Kind::BorderClosure => &["{S.c} closes border with {T.c}"],
            Kind::Expulsion => &["{S.c} expels {T.a} diplomats"],
            Kind::Attack => &[
                "Soldiers killed as {S.a} forces shell {T.a} positions",
                "Drone strike hits {T.city}",
            ],
            Kind::Clash => &["{S.a} and {T.a} troops clash on border"],
        }
    }

    fn slug(self) -> &'static str {
        match self {
            Kind::Visit => "visit",
            Kind::Talks => "talks",
            Kind::Call => "call",
            Kind::Agreement => "agreement",
            Kind::Pledge => "pledge",
            Kind::Appeal => "appeal",
            Kind::Demand => "demand",
            Kind::Criticism => "criticism",
            Kind::Summons => "summons",
            Kind::Threat => "threat",
            Kind::Protest => "protest",
            Kind::Drill => "drill",
            Kind::BorderClosure => "border",
            Kind::Expulsion => "expulsion",
            Kind::Attack => "attack",
            Kind::Clash => "clash",
        }
    }
}

/// Ordinary news prose (no coded event intended), by topic.
const PROSE: &[&str] = &[
    // economy
    "The {S.a} economy grew {pct} percent in the {quarter} quarter from a year earlier, according to preliminary figures from the national statistics office.",
    "Annual inflation in {S.c} slowed to {pct} percent in {month}, from {pct} percent a month earlier.",
    "The central bank kept its benchmark interest rate at {pct} percent on {day}, in line with the forecasts of most economists polled beforehand.",
    "The {currency} weakened {pct} percent against the dollar in early trading, its weakest level since {month} {year}.",
    "Shares of {company} rose {pct} percent after the company reported quarterly revenue of {amount}.",
    "Unemployment stood at {pct} percent at the end of {month}, little changed from the previous quarter.",
    "Exports of {goods} fell by {pct} percent in the first {n} months of the year, customs data showed.",
    "The government expects the budget deficit to narrow to {pct} percent of gross domestic product next year.",
    "Oil prices rose on {day}, with Brent crude futures trading at ${price} a barrel by midday.",
    "Trade between the two countries reached {amount} last year, up from {amount} in {year}.",
    "Economists cut their growth forecast for the year to {pct} percent, citing weaker demand for {goods}.",
    "Construction of the new port, financed by a group of {n} banks, is due to be completed in {future}.",
    "Retail sales rose {pct} percent in {month}, helped by lower fuel prices and a rise in wages.",
    "The stock market's main index closed {pct} percent higher, led by banks and {goods} producers.",
    "Most of the country's electricity still comes from coal and gas, though the share of wind and solar power has doubled since {year}.",
    // weather and environment
    "Temperatures in {S.city} climbed to {deg} degrees Celsius on {day}, and forecasters said the heat would last until the end of the week.",
    "Heavy rain flooded several districts of {S.city} overnight, forcing the closure of schools and cutting power to about {hundreds} homes.",
    "The weather service issued a {colour} warning for strong winds along the coast.",
    "Drought has cut this year's wheat harvest by an estimated {pct} percent, the agriculture ministry said.",
    "Snow blocked the main highway through the mountains for a second day, leaving hundreds of lorries stranded.",
    "Wildfires have burned more than {N} hectares of forest since the start of the summer.",
    "Air pollution in the capital reached hazardous levels for the {ord} time this month, and the city council asked residents to stay indoors.",
    // background
    "The two countries established diplomatic relations in {past} and have had {relation} ties since then.",
    "Relations between {S.c} and {T.c} have been strained since {year}, when {bgevent}.",
    "The border between the two countries stretches for about {km} kilometres, much of it through mountains.",
    "{S.cap} has long sought a bigger role in regional diplomacy, and its officials often present the country as a bridge between East and West.",
    "It was not immediately clear how the dispute would affect the negotiations, which have stalled several times since they began.",
    "The ministry did not say when the next round of talks would take place.",
    "Neither side gave further details.",
    "The statement did not mention {T.c} by name.",
    "Local media reported that the meeting lasted more than {n} hours.",
    "The region has been a source of tension for decades, and several earlier attempts at a settlement collapsed over the question of {issue}.",
    "About {pop} million people live in {S.c}, and roughly a quarter of them in and around {S.cap}.",
    "{S.c} is one of the largest producers of {goods} in the region.",
    "The two governments have disagreed for years over {issue}.",
    "Officials on both sides have played down the prospect of a quick breakthrough.",
    // quotes
    "\"{quote},\" said {analyst}, {arole} at {inst}.",
    "\"{quote},\" {analyst} told reporters.",
    "{analyst}, {arole} at {inst}, said the move was \"{assessment}.\"",
    "\"{quote},\" a senior diplomat said on condition of anonymity because he was not authorised to speak to the press.",
    "\"{quote},\" {S.p} said at a news conference in {S.cap}.",
    "\"{quote}, and {quote2},\" {analyst} wrote in a note to clients.",
    "Asked about the timing, {analyst} said: \"{quote}.\"",
    "\"We are following the situation closely,\" a spokesperson for the ministry said, declining to comment further.",
    // figures and society
    "About {N} people attended the ceremony, according to the organisers.",
    "The city's new metro line, which opened in {past}, carries about {N} passengers a day.",
    "A total of {N} students sat the national university entrance exam this year, {pct} percent more than last year.",
    "The hospital said {n} people had been treated for minor injuries.",
    "Tourist arrivals rose to {pop} million in the first half of the year, a record.",
    "The government plans to build {N} new homes by {future}.",
    "The festival, held every year since {past}, drew visitors from more than {n} countries.",
    "Police said the road would remain closed until {day}.",
    "The national football team will play its next qualifying match in {S.city} on {day}.",
    "Officials said the census, the first in {n} years, would be completed by the end of {month}.",
    "The price of bread has risen by {pct} percent since January, and queues have formed outside state-run shops.",
    "Parliament is expected to vote on the budget on {day}, after {n} days of debate.",
    "Opinion polls show the governing party's support at about {poll} percent, down from {poll} percent a year ago.",
    "Teachers in {S.city} went on strike for a {ord} day over pay, closing about {hundreds} schools.",
    "The airport in {S.city} handled a record {pop} million passengers last year, and a second terminal is under construction.",
    "Fuel shortages have led to long queues at petrol stations in {S.city} for more than a week.",
    "The ministry of health reported {n} new cases of measles, most of them among children under five.",
    "A court in {S.cap} sentenced a former minister to {n} years in prison for corruption on {day}.",
    "The country's population is ageing fast: one in {n} residents is now over the age of 65.",
    "Mobile phone coverage reaches about {pct} percent of rural villages, according to the telecoms regulator.",
    "Farmers say the price of fertiliser has tripled in two years, squeezing margins that were already thin.",
    "The government has promised to cut red tape for foreign investors and to simplify the tax code by {future}.",
    "A new bridge over the river, built by a foreign consortium, is due to open in {month}.",
    "Ticket sales for the national museum's new exhibition passed {N} in the first week.",
    "The carmaker said it would invest {amount} in a new plant near {S.city}, creating about {N} jobs.",
    "Rainfall this winter was {pct} percent below the long-term average, and reservoirs are half empty.",
    "The last time the two leaders met was in {year}, at a summit that ended without a joint statement.",
    "Analysts say the government's room for manoeuvre is limited by high debt and a weak currency.",
    "The opposition has called the plan unrealistic and says it will challenge it in court.",
    "Talks on the same issue broke down in {year} after {n} rounds.",
    "The ministry said more details would be published on its website later in the day.",
    "Critics say the reforms have done little to improve living standards outside the big cities.",
    "The railway line, first built more than a century ago, is being upgraded with help from international lenders.",
    "Wages in the public sector will rise by {pct} percent from {month}, the finance minister said.",
];

const DURATIONS: &[&str] = &[
    "two-day",
    "three-day",
    "one-day",
    "state",
    "working",
    "four-day official",
];
const WHEN: &[&str] = &[
    "officials said",
    "according to the foreign ministry",
    "a spokesperson confirmed",
    "state television reported",
];
const TOPICS: &[&str] = &[
    "energy cooperation",
    "trade and investment",
    "regional security",
    "migration",
    "climate finance",
    "a long-delayed gas pipeline",
    "water sharing",
    "border security",
    "counter-terrorism cooperation",
    "grain exports",
    "visa-free travel",
    "the reconstruction of the railway",
    "the nuclear programme",
    "arms control",
    "maritime boundaries",
    "the return of refugees",
    "debt relief",
    "a free-trade agreement",
    "cooperation in space research",
    "the fight against drug trafficking",
];
const SUMMITS: &[&str] = &[
    "the UN General Assembly in New York",
    "a regional summit",
    "the G20 summit",
    "a security conference in Munich",
    "a climate conference",
    "a meeting of foreign ministers",
];
const NEUTRAL: &[&str] = &[
    "Geneva", "Vienna", "Doha", "Istanbul", "Oslo", "Muscat", "Astana", "Helsinki",
];
const ORDINALS: &[&str] = &["second", "third", "fourth", "fifth", "sixth", "seventh"];
const DISASTERS: &[&str] = &[
    "a deadly earthquake",
    "floods that killed dozens of people",
    "a fire at a chemical plant",
    "an outbreak of cholera",
    "a deadly mine collapse",
];
const COOP: &[&str] = &[
    "expand cooperation in energy and transport",
    "open a new border crossing for trade",
    "exchange prisoners",
    "set up a joint commission on water resources",
    "double bilateral trade within five years",
    "restore direct flights",
    "share intelligence on militant groups",
    "build a power line linking the two grids",
];
const AID_KINDS: &[&str] = &["humanitarian", "military", "economic", "reconstruction", "emergency"];
const AIDS: &[&str] = &[
    "tents, blankets and medicine",
    "air-defence systems",
    "grain and fuel",
    "a team of rescue workers",
    "armoured vehicles and ammunition",
    "vaccines and medical equipment",
];
const HELP: &[&str] = &[
    "rebuild homes destroyed by the floods",
    "repair its power grid",
    "cope with the influx of refugees",
    "strengthen its air defences",
    "pay for food imports",
];
const ACTIONS: &[&str] = &[
    "show restraint",
    "return to the negotiating table",
    "respect the ceasefire",
    "release detained journalists",
    "open its border to aid convoys",
    "reconsider the decision",
    "hold free and fair elections",
    "stop the construction of the dam",
];
const DECISIONS: &[&str] = &[
    "build a dam on the shared river",
    "hold military drills near the border",
    "recognise the breakaway region",
    "suspend the grain deal",
    "close its airspace to civilian flights",
    "open a consulate in the disputed territory",
];
const BARE: &[&str] = &[
    "withdraw its troops from the area",
    "release the detained sailors",
    "stop the construction of the dam",
    "hand over the suspects",
    "end its military operations",
    "reopen the border",
];
const BARE2: &[&str] = &[
    "cut ties",
    "recall the ambassador",
    "stop all trade",
    "close the embassy",
    "impose sanctions",
];
const WARNINGS: &[&str] = &[
    "the situation could spiral out of control",
    "millions of people could go hungry",
    "the window for diplomacy was closing",
    "further delay would cost lives",
];
const MUTUAL: &[&str] = &[
    "exercise maximum restraint",
    "resolve their differences through dialogue",
    "respect international humanitarian law",
    "return to talks",
];
const ISSUES: &[&str] = &[
    "the detention of a journalist",
    "remarks by a senior official",
    "the border incident",
    "the treatment of migrants",
    "a disputed election",
    "fishing rights",
    "the status of the disputed islands",
    "a new law on foreign agents",
    "the arrest of two citizens",
    "the construction of a dam upstream",
];
const GERUNDS: &[&str] = &[
    "violating the ceasefire",
    "interfering in its internal affairs",
    "backing armed groups",
    "mistreating migrants",
    "spreading false information",
    "blocking humanitarian aid",
    "arresting opposition leaders",
];
const ADJQ: &[&str] = &["unacceptable", "irresponsible", "dangerous", "baseless", "hostile"];
const HOSTILE: &[&str] = &[
    "change the border by force",
    "block the strait",
    "deploy missiles near its territory",
    "seize the disputed islands",
];
const RESOURCES: &[&str] = &["gas", "electricity", "water", "oil", "grain"];
const SEAS: &[&str] = &[
    "Black Sea",
    "Mediterranean",
    "South China Sea",
    "Baltic Sea",
    "Arabian Sea",
    "Caspian Sea",
    "Gulf of Guinea",
];
const TESTED: &[&str] = &[
    "tested a ballistic missile",
    "flew military aircraft near the border",
    "moved troops to the frontier",
    "announced new air-defence deployments",
];
const QUARTERS: &[&str] = &["first", "second", "third", "fourth"];
const CURRENCIES: &[&str] = &[
    "lira", "rouble", "rupee", "peso", "rand", "dinar", "manat", "real", "won",
];
const COMPANIES: &[&str] = &[
    "the state oil company",
    "the country's largest bank",
    "a leading carmaker",
    "the national airline",
    "a telecoms operator",
    "a steel producer",
    "the biggest retailer",
];
const GOODS: &[&str] = &[
    "wheat",
    "copper",
    "textiles",
    "cars",
    "natural gas",
    "fertiliser",
    "cotton",
    "electronics",
    "coffee",
    "steel",
];
const COLOURS: &[&str] = &["yellow", "orange", "red"];
const RELATIONS: &[&str] = &["close", "uneasy", "cordial", "often tense", "largely friendly"];
const BG_EVENTS: &[&str] = &[
    "a border dispute turned violent",
    "a diplomat was expelled over spying allegations",
    "talks on a trade deal collapsed",
    "a dispute over a hydroelectric dam erupted",
    "an election result was contested",
];
const QUOTES: &[&str] = &[
    "This is a step in the right direction, but a lot of work remains",
    "Nobody expects a breakthrough at this stage",
    "The economy simply cannot absorb another shock like this",
    "Both governments need a win before the elections",
    "It is too early to say whether the ceasefire will hold",
    "Markets had already priced in most of this",
    "The rhetoric is harsher than the policy",
    "We have seen this pattern before, and it rarely ends well",
    "Investors are waiting for clarity on the budget",
    "The real test will come in the spring",
    "There is no military solution to this conflict",
    "Ordinary people are paying the price",
    "The talks went better than many had feared",
    "Everything depends on what happens on the ground",
];
const QUOTES2: &[&str] = &[
    "we expect volatility to stay high",
    "the risks remain tilted to the downside",
    "a compromise is still possible",
    "the central bank will have to act",
];
const ASSESSMENTS: &[&str] = &[
    "largely symbolic",
    "a significant escalation",
    "long overdue",
    "a calculated risk",
    "aimed mainly at a domestic audience",
];
const FIRST_NAMES: &[&str] = &[
    "Anna", "David", "Fatima", "James", "Leila", "Marco", "Nadia", "Oleg", "Priya", "Samuel", "Sofia", "Tomas", "Yuki",
    "Elena", "Hassan", "Ingrid", "Carlos", "Mei", "Kwame", "Rachel",
];
const LAST_NAMES: &[&str] = &[
    "Keller",
    "Okafor",
    "Haddad",
    "Lindqvist",
    "Moreau",
    "Novak",
    "Rahman",
    "Santos",
    "Tanaka",
    "Varga",
    "Weber",
    "Yilmaz",
    "Petrov",
    "Costa",
    "Mensah",
    "Brennan",
    "Kowalski",
    "Farouk",
    "Sato",
    "Hughes",
];
const ANALYST_ROLES: &[&str] = &[
    "an analyst",
    "a senior fellow",
    "a professor of international relations",
    "chief economist",
    "a researcher",
    "head of research",
];
const INSTITUTES: &[&str] = &[
    "the Centre for Strategic Studies",
    "a consultancy in London",
    "the Institute of International Affairs",
    "a regional think tank",
    "the state university",
    "an investment bank",
    "the Policy Research Institute",
];
const AGENCIES: &[&str] = &["Reuters", "AP", "AFP", "dpa", "Anadolu", "Xinhua"];

/// A country taking part in an article, with the office-holders it has on the article's date.
struct Side<'k> {
    country: &'k Country,
    /// Indices into `kb.people`, in office on the date, with a title.
    people: Vec<usize>,
}

/// The knowledge base, sorted for the generator.
pub struct Generator<'k> {
    kb: &'k KnowledgeBase,
    /// Member states (index into `kb.countries`).
    countries: Vec<usize>,
    /// The states news is mostly about (drawn more often).
    prominent: Vec<usize>,
    /// Per country index: indices into `kb.people` of its office-holders (all dates).
    people_of: Vec<Vec<usize>>,
    /// Per country index: its cities and regions.
    places_of: Vec<Vec<&'k str>>,
    /// Heads of organisations: indices into `kb.people`.
    org_heads: Vec<usize>,
    /// Armed groups with a home state: (index into `kb.people`, country index).
    groups: Vec<(usize, usize)>,
    /// Intergovernmental organisations (index into `kb.organisations`).
    orgs: Vec<usize>,
}

const PROMINENT: &[&str] = &[
    "USA", "RUS", "CHN", "TUR", "IRN", "UKR", "ISR", "IND", "PAK", "GBR", "FRA", "DEU", "JPN", "KOR", "PRK", "SAU",
    "EGY", "ARM", "AZE", "GEO", "SYR", "IRQ", "AFG", "BRA", "ZAF", "NGA", "ETH", "QAT", "ARE", "POL",
];

impl<'k> Generator<'k> {
    /// Indexes the knowledge base.
    pub fn new(kb: &'k KnowledgeBase) -> Generator<'k> {
        let index_of = |code: &str| kb.countries.iter().position(|c| c.code == code);
        let countries: Vec<usize> = (0..kb.countries.len())
            .filter(|&i| kb.countries[i].kind == "member")
            .collect();
        let prominent = PROMINENT.iter().filter_map(|c| index_of(c)).collect();
        let mut people_of = vec![Vec::new(); kb.countries.len()];
        let mut org_heads = Vec::new();
        let mut groups = Vec::new();
        for (i, p) in kb.people.iter().enumerate() {
            let home = p.code.get(..3).and_then(index_of);
            if p.group {
                let armed = ["REB", "SEP", "MIL"].iter().any(|k| p.code.ends_with(k));
                if let (Some(c), true) = (home, armed) {
                    groups.push((i, c));
                }
            } else if p.code.starts_with("IGO") {
                let r = p.role.as_str();
                if [
                    "secretary-general",
                    "secretary general",
                    "president",
                    "high representative",
                    "chairperson",
                ]
                .iter()
                .any(|k| r.contains(k))
                {
                    org_heads.push(i);
                }
            } else if let (Some(c), Some(_)) = (home, &p.title) {
                people_of[c].push(i);
            }
        }
        let mut places_of = vec![Vec::new(); kb.countries.len()];
        for p in &kb.places {
            if let Some(c) = index_of(&p.country) {
                if p.kind == "city" || p.kind == "port" || p.kind == "town" {
                    places_of[c].push(p.name.as_str());
                }
            }
        }
        let orgs = (0..kb.organisations.len())
            .filter(|&i| kb.organisations[i].kind == "igo")
            .collect();
        Generator {
            kb,
            countries,
            prominent,
            people_of,
            places_of,
            org_heads,
            groups,
            orgs,
        }
    }

    fn pick_country(&self, rng: &mut Rng) -> usize {
        if rng.chance(0.6) && !self.prominent.is_empty() {
            *rng.pick(&self.prominent)
        } else {
            *rng.pick(&self.countries)
        }
    }

    fn side(&self, c: usize, date: &str) -> Side<'k> {
        let people = self.people_of[c]
            .iter()
            .copied()
            .filter(|&i| in_office(&self.kb.people[i], date))
            .collect();
        Side {
            country: &self.kb.countries[c],
            people,
        }
    }

    /// Article `i` of the corpus for `seed`.
    pub fn article(&self, seed: u64, i: usize) -> Article {
        let mut rng = Rng::new(seed ^ (i as u64).wrapping_mul(0xA24B_AED4_963E_E407));
        let date = Date::from_days(FIRST_DAY + rng.below((LAST_DAY - FIRST_DAY + 1) as usize) as i64);
        let iso = date.iso();
        let a = self.pick_country(&mut rng);
        let mut b = self.pick_country(&mut rng);
        while b == a {
            b = self.pick_country(&mut rng);
        }
        let mut c = self.pick_country(&mut rng);
        while c == a || c == b {
            c = self.pick_country(&mut rng);
        }
        let sides = [self.side(a, &iso), self.side(b, &iso), self.side(c, &iso)];
        let place_idx = [a, b, c];
        let org_heads: Vec<usize> = self
            .org_heads
            .iter()
            .copied()
            .filter(|&p| in_office(&self.kb.people[p], &iso))
            .collect();
        let mut w = Writer {
            g: self,
            rng,
            date,
            sides,
            place_idx,
            org_heads,
            group: [None; 3],
            used: vec![false; PROSE.len()],
            named: Vec::new(),
        };
        w.write(i)
    }
}

/// True when `p` is in office on `date` (ISO dates compare as strings).
fn in_office(p: &Person, date: &str) -> bool {
    p.from.is_none_or(|f| f.to_string().as_str() <= date) && p.until.is_none_or(|u| date <= u.to_string().as_str())
}

/// Writes one article.
struct Writer<'g, 'k> {
    g: &'g Generator<'k>,
    rng: Rng,
    date: Date,
    /// Source, target and third state.
    sides: [Side<'k>; 3],
    place_idx: [usize; 3],
    org_heads: Vec<usize>,
    /// Per side: the armed group named in this article, once one is.
    group: [Option<usize>; 3],
    /// Prose templates already used in this article (not repeated until all are).
    used: Vec<bool>,
    /// People already named in full (later mentions may use the surname).
    named: Vec<usize>,
}

impl Writer<'_, '_> {
    fn write(&mut self, i: usize) -> Article {
        // Length: 300 to 1,500 words, skewed towards shorter articles (mean about 820).
        let target = 300 + (1200.0 * self.rng.unit().powf(1.3)) as usize;
        let lead = *self.rng.pick(&KINDS);
        let (s, t) = if self.rng.chance(0.8) { (0, 1) } else { (1, 0) };
        let headline = *self.rng.pick(lead.headlines());
        let title = upper_first(&self.fill(headline, s, t));
        self.named.clear();
        let home = &self.sides[s].country;
        let city = home.capitals.first().unwrap_or(&home.name).to_uppercase();
        let dateline = format!("{city}, {} ({}) — ", the_name(&home.name), self.rng.pick(AGENCIES));
        let mut paragraphs: Vec<String> = Vec::new();
        let first = format!("{dateline}{}", self.event(lead, s, t));
        let mut words = first.split_whitespace().count();
        paragraphs.push(first);
        'outer: while words < target {
            let n = self.rng.range(1, 4);
            let mut para: Vec<String> = Vec::new();
            for _ in 0..n {
                let early = paragraphs.len() < 3;
                let sentence = if self.rng.chance(if early { 0.5 } else { 0.28 }) {
                    let kind = if self.rng.chance(0.5) {
                        lead
                    } else {
                        *self.rng.pick(&KINDS)
                    };
                    let (s, t) = self.pair();
                    self.event(kind, s, t)
                } else {
                    let (s, t) = self.pair();
                    let tpl = self.prose();
                    upper_first(&self.fill(tpl, s, t))
                };
                let sw = sentence.split_whitespace().count();
                if words + sw > 1500 {
                    if !para.is_empty() {
                        paragraphs.push(para.join(" "));
                    }
                    break 'outer;
                }
                words += sw;
                para.push(sentence);
                if words >= target {
                    break;
                }
            }
            if !para.is_empty() {
                paragraphs.push(para.join(" "));
            }
        }
        let slug = format!(
            "{}-{}-{}",
            slugify(&self.sides[s].country.name),
            slugify(&self.sides[t].country.name),
            lead.slug()
        );
        let mut text = format!("{title}\ndate {}\n\n", self.date.iso());
        text.push_str(&paragraphs.join("\n\n"));
        text.push('\n');
        Article {
            name: format!("{i:05}-{slug}.txt"),
            text,
        }
    }

    /// A prose template not yet used in this article (all again once every one has been).
    fn prose(&mut self) -> &'static str {
        if self.used.iter().all(|&u| u) {
            self.used.iter_mut().for_each(|u| *u = false);
        }
        loop {
            let i = self.rng.below(PROSE.len());
            if !self.used[i] {
                self.used[i] = true;
                return PROSE[i];
            }
        }
    }

    /// A (source, target) pair of sides: mostly the two main states.
    fn pair(&mut self) -> (usize, usize) {
        match self.rng.below(10) {
            0..=4 => (0, 1),
            5..=7 => (1, 0),
            8 => (2, self.rng.below(2)),
            _ => (self.rng.below(2), 2),
        }
    }

    fn event(&mut self, kind: Kind, s: usize, t: usize) -> String {
        let tpl = *self.rng.pick(kind.sentences());
        upper_first(&self.fill(tpl, s, t))
    }

    /// Fills `{slot}`s of a template; `s` and `t` are the source and target sides.
    fn fill(&mut self, tpl: &str, s: usize, t: usize) -> String {
        let mut out = String::with_capacity(tpl.len() + 64);
        let mut rest = tpl;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let close = open + rest[open..].find('}').expect("template slot is closed");
            let slot = &rest[open + 1..close];
            let text = self.slot(slot, s, t);
            out.push_str(&text);
            rest = &rest[close + 1..];
        }
        out.push_str(rest);
        out
    }

    fn slot(&mut self, slot: &str, s: usize, t: usize) -> String {
        let (side, field) = match slot.split_once('.') {
            Some(("S", f)) => (Some(s), f),
            Some(("T", f)) => (Some(t), f),
            Some(("U", f)) => (Some(2), f),
            _ => match slot {
                "S" => (Some(s), ""),
                "T" => (Some(t), ""),
                _ => (None, slot),
            },
        };
        if let Some(side) = side {
            return self.mention(side, field);
        }
        let r = &mut self.rng;
        match field {
            "day" => {
                // The article's weekday or one of the few days before.
                let back = r.below(3);
                WEEKDAYS[(self.date.weekday + 7 - back) % 7].to_string()
            }
            "dur" => r.pick(DURATIONS).to_string(),
            "when" => r.pick(WHEN).to_string(),
            "n" => {
                const SMALL: [&str; 8] = ["two", "three", "four", "five", "six", "seven", "eight", "nine"];
                let n = r.range(2, 14);
                SMALL.get(n - 2).map_or_else(|| n.to_string(), |w| w.to_string())
            }
            "poll" => r.range(18, 55).to_string(),
            "hundreds" => thousands(r.range(1, 40) * 50),
            "N" => thousands(r.range(12, 900) * 100),
            "pop" => format!("{}.{}", r.range(1, 90), r.below(10)),
            "pct" => format!("{}.{}", r.range(0, 9), r.below(10)),
            "km" => thousands(r.range(150, 3200)),
            "price" => format!("{}.{:02}", r.range(55, 115), r.below(100)),
            "deg" => r.range(28, 46).to_string(),
            "amount" => match r.below(3) {
                0 => format!("${} million", r.range(5, 950)),
                1 => format!("${}.{} billion", r.range(1, 40), r.below(10)),
                _ => format!("{} million euros", r.range(10, 800)),
            },
            "year" => (self.date.y - r.range(1, 8) as i64).to_string(),
            "past" => (self.date.y - r.range(10, 60) as i64).to_string(),
            "future" => (self.date.y + r.range(1, 6) as i64).to_string(),
            "month" => MONTHS[(self.date.m as usize + 10 - r.below(2)) % 12].to_string(),
            "topic" => r.pick(TOPICS).to_string(),
            "summit" => r.pick(SUMMITS).to_string(),
            "neutral" => r.pick(NEUTRAL).to_string(),
            "ord" => r.pick(ORDINALS).to_string(),
            "disaster" => r.pick(DISASTERS).to_string(),
            "coop" => r.pick(COOP).to_string(),
            "aidkind" => r.pick(AID_KINDS).to_string(),
            "aid" => r.pick(AIDS).to_string(),
            "help" => r.pick(HELP).to_string(),
            "action" => r.pick(ACTIONS).to_string(),
            "decision" => r.pick(DECISIONS).to_string(),
            "bare" => r.pick(BARE).to_string(),
            "bare2" => r.pick(BARE2).to_string(),
            "warning" => r.pick(WARNINGS).to_string(),
            "mutual" => r.pick(MUTUAL).to_string(),
            "issue" => r.pick(ISSUES).to_string(),
            "gerund" => r.pick(GERUNDS).to_string(),
            "adjq" => r.pick(ADJQ).to_string(),
            "hostile" => r.pick(HOSTILE).to_string(),
            "resource" => r.pick(RESOURCES).to_string(),
            "sea" => r.pick(SEAS).to_string(),
            "tested" => r.pick(TESTED).to_string(),
            "quarter" => r.pick(QUARTERS).to_string(),
            "currency" => r.pick(CURRENCIES).to_string(),
            "company" => r.pick(COMPANIES).to_string(),
            "goods" => r.pick(GOODS).to_string(),
            "colour" => r.pick(COLOURS).to_string(),
            "relation" => r.pick(RELATIONS).to_string(),
            "bgevent" => r.pick(BG_EVENTS).to_string(),
            "quote" => r.pick(QUOTES).to_string(),
            "quote2" => r.pick(QUOTES2).to_string(),
            "assessment" => r.pick(ASSESSMENTS).to_string(),
            "analyst" => format!("{} {}", r.pick(FIRST_NAMES), r.pick(LAST_NAMES)),
            "arole" => r.pick(ANALYST_ROLES).to_string(),
            "inst" => r.pick(INSTITUTES).to_string(),
            "O" => self.organisation(),
            "G" => self.armed_group(t),
            other => panic!("unknown template slot {{{other}}}"),
        }
    }

    /// An organisation or its head, as a subject.
    fn organisation(&mut self) -> String {
        if !self.org_heads.is_empty() && self.rng.chance(0.5) {
            let p = &self.g.kb.people[*self.rng.pick(&self.org_heads)];
            return format!("{} {}", title_case(&p.role), p.name);
        }
        let o = &self.g.kb.organisations[*self.rng.pick(&self.g.orgs)];
        with_article(&o.name)
    }

    /// An armed group based in the target state (one per article), or an unnamed one.
    fn armed_group(&mut self, t: usize) -> String {
        let home = self.place_idx[t];
        let local: Vec<usize> = self.g.groups.iter().filter(|g| g.1 == home).map(|g| g.0).collect();
        if local.is_empty() {
            return "an armed group".to_string();
        }
        let g = *self.group[t].get_or_insert_with(|| *self.rng.pick(&local));
        with_article(&self.g.kb.people[g].name)
    }

    /// A mention of side `i`: `field` as described above the templates.
    fn mention(&mut self, i: usize, field: &str) -> String {
        let c = self.sides[i].country;
        let name = the_name(&c.name);
        let adj = c.adjectives.first().cloned().unwrap_or_else(|| c.name.clone());
        let cap = c.capitals.first().cloned().unwrap_or_else(|| name.clone());
        match field {
            "c" => name,
            "a" => adj,
            "cap" => cap,
            "gov" => self.gov(i),
            "p" | "l" => self.person(i, field == "l"),
            "mil" => match self.rng.below(3) {
                0 => format!("{adj} forces"),
                1 => format!("the {adj} army"),
                _ => format!("{adj} troops"),
            },
            "city" => {
                let places = &self.g.places_of[self.place_idx[i]];
                if places.is_empty() || self.rng.chance(0.3) {
                    cap
                } else {
                    self.rng.pick(places).to_string()
                }
            }
            // Subject or object: the state, its capital (subject only), government or a person.
            _ => match self.rng.below(if field == "o" { 3 } else { 4 }) {
                0 => name,
                1 => self.gov(i),
                2 => self.person(i, false),
                _ => cap,
            },
        }
    }

    fn gov(&mut self, i: usize) -> String {
        let c = self.sides[i].country;
        match (c.adjectives.first(), self.rng.below(3)) {
            (Some(a), 0) => format!("the {a} government"),
            (Some(a), 1) => format!("the {a} foreign ministry"),
            (Some(a), _) => format!("{a} officials"),
            (None, _) => format!("the government of {}", the_name(&c.name)),
        }
    }

    /// An office-holder of side `i` (the leader when `leader`), or its government if it has none.
    fn person(&mut self, i: usize, leader: bool) -> String {
        let people = &self.sides[i].people;
        if people.is_empty() {
            return self.gov(i);
        }
        let kb = self.g.kb;
        let heads: Vec<usize> = people
            .iter()
            .copied()
            .filter(|&p| kb.people[p].role.starts_with("head of"))
            .collect();
        let p = if (leader || self.rng.chance(0.5)) && !heads.is_empty() {
            *self.rng.pick(&heads)
        } else {
            *self.rng.pick(people)
        };
        let person = &kb.people[p];
        if self.named.contains(&p) && self.rng.chance(0.6) {
            if let Some(surname) = person
                .variants
                .iter()
                .find(|v| !v.contains(' ') && person.name.ends_with(v.as_str()))
            {
                return surname.clone();
            }
        }
        self.named.push(p);
        let title = person.title.as_deref().unwrap_or("official");
        let c = self.sides[i].country;
        if person.name.starts_with(&title_case(title)) {
            // "King Salman", "Queen Elizabeth": the name carries the title.
            return match (c.adjectives.first(), self.rng.below(3)) {
                (Some(a), 0) => format!("{a} {}", person.name),
                (_, 1) => person.name.clone(),
                _ => format!("{}'s {}", the_name(&c.name), person.name),
            };
        }
        match (c.adjectives.first(), self.rng.below(3)) {
            (Some(a), 0) => format!("{a} {} {}", title_case(title), person.name),
            (_, 1) => format!("{} {}", title_case(title), person.name),
            _ => format!("{}'s {title} {}", the_name(&c.name), person.name),
        }
    }
}

/// "United States" → "the United States"; most names stay as they are.
fn the_name(name: &str) -> String {
    let the = [
        "United ",
        "Democratic ",
        "Republic ",
        "Central African",
        "Holy ",
        "State of ",
    ]
    .iter()
    .any(|p| name.starts_with(p))
        || ["Republic", "Islands", "Emirates"].iter().any(|s| name.ends_with(s))
        || ["Netherlands", "Philippines", "Bahamas", "Maldives", "Comoros", "Gambia"].contains(&name);
    if the {
        format!("the {name}")
    } else {
        name.to_string()
    }
}

/// Organisation and group names: "the European Union", "NATO", "Hamas", "the Houthis".
fn with_article(name: &str) -> String {
    let single = !name.contains(' ');
    let bare = single && !name.ends_with('s') && name != "Taliban";
    if bare || name.starts_with("The ") || name.starts_with("Al-") {
        name.to_string()
    } else {
        format!("the {name}")
    }
}

/// "foreign minister" → "Foreign Minister"; short function words stay lower case.
fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            if ["of", "for", "the", "and", "in"].contains(&w) {
                w.to_string()
            } else {
                upper_first(w)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// 12345 → "12,345".
fn thousands(n: usize) -> String {
    let s = n.to_string();
    let lead = match s.len() % 3 {
        0 => 3,
        r => r,
    };
    let mut out = s[..lead].to_string();
    for group in s.as_bytes()[lead..].chunks(3) {
        out.push(',');
        out.extend(group.iter().map(|&b| b as char));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_corpus_and_prefix_stable() {
        let a = generate(7, 20);
        let b = generate(7, 30);
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x.name, y.name);
            assert_eq!(x.text, y.text);
        }
        let c = generate(8, 20);
        assert!(a.iter().zip(&c).any(|(x, y)| x.text != y.text));
    }

    #[test]
    fn articles_have_the_input_format_and_length() {
        for a in generate(1, 200) {
            let mut lines = a.text.lines();
            assert!(!lines.next().unwrap().is_empty());
            assert!(lines.next().unwrap().starts_with("date "));
            let words = a.text.split_whitespace().count();
            assert!((300..=1520).contains(&words), "{}: {words} words", a.name);
            assert!(!a.text.contains('{'), "{}: unfilled slot", a.name);
        }
    }

    #[test]
    fn dates_are_civil() {
        let d = Date::from_days(FIRST_DAY);
        assert_eq!((d.iso(), WEEKDAYS[d.weekday]), ("2010-01-01".to_string(), "Friday"));
        assert_eq!(Date::from_days(LAST_DAY).iso(), "2025-06-30");
        assert_eq!(thousands(1234567), "1,234,567");
    }
}
