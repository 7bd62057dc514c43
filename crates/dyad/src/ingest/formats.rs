//! Article formats other than plain text: one JSON article object (`.json`), one per line
//! (`.jsonl`, each line an article named `path#line`), and HTML pages (`.html`, `.htm`).
//!
//! Each yields [`Parts`]: title, body, the publication date of its metadata, URL and source,
//! which [`super::Document::from_parts`] turns into a document. A metadata date wins over any
//! date in the text (`date` header, dateline, byline) and over `--date`.
//!
//! Dates: an ISO date or datetime gives its calendar date *in the offset it states*
//! ("2025-03-03T23:30:00-05:00" → 2025-03-03, the date where it was published), RFC 2822
//! ("Mon, 03 Mar 2025 10:00:00 GMT") likewise; written dates ("March 3, 2025") are read too, and
//! a JSON number is Unix time (seconds, or milliseconds when larger than 10¹¹), taken in UTC.

use chrono::NaiveDate;
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;
use std::fmt;

/// The kind of an input, chosen by its file name's extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Plain text (any other extension, and standard input).
    Text,
    /// `.json`: one article object.
    Json,
    /// `.jsonl`, `.ndjson`: one article object per line.
    JsonLines,
    /// `.html`, `.htm`: a web page.
    Html,
    /// `.rss`, `.atom`, `.xml`: an RSS or Atom feed (recognised by content), one article per item.
    Feed,
    /// `.warc`, `.warc.gz`: a web archive, one article per HTML response record.
    Warc,
}

impl Format {
    /// The format of an input named `name` (case-insensitive extension; a `.gz` after it is
    /// left out: `feed.rss.gz` is a feed, `crawl.warc.gz` a web archive).
    pub fn of(name: &str) -> Format {
        let name = strip_gz(name).unwrap_or(name);
        let ext = name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        if name.contains(['/', '\\']) && !name.rsplit(['/', '\\']).next().unwrap_or("").contains('.') {
            return Format::Text;
        }
        match ext.as_str() {
            "json" => Format::Json,
            "jsonl" | "ndjson" => Format::JsonLines,
            "html" | "htm" | "xhtml" => Format::Html,
            "rss" | "atom" | "xml" => Format::Feed,
            "warc" => Format::Warc,
            _ => Format::Text,
        }
    }

    /// Whether an input of this format may hold several articles (each its own error or not).
    pub fn several(self) -> bool {
        matches!(self, Format::JsonLines | Format::Feed | Format::Warc)
    }

    /// The format `--stdin-format` names: jsonl, json, html, text, rss (any feed), warc.
    pub fn parse(s: &str) -> Option<Format> {
        Some(match s {
            "jsonl" | "ndjson" => Format::JsonLines,
            "json" => Format::Json,
            "html" => Format::Html,
            "text" | "txt" => Format::Text,
            "rss" | "atom" | "feed" | "xml" => Format::Feed,
            "warc" => Format::Warc,
            _ => return None,
        })
    }
}

/// The name without a final `.gz` (case-insensitive), if it has one.
pub fn strip_gz(name: &str) -> Option<&str> {
    let n = name.len();
    (n > 3 && name.is_char_boundary(n - 3) && name[n - 3..].eq_ignore_ascii_case(".gz")).then(|| &name[..n - 3])
}

/// An article's parts as an input format gave them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parts {
    /// Name: the input's name, with `#line` for a JSON-lines article (for display only: a
    /// line number does not identify an article, see [`Parts::own_id`]).
    pub id: String,
    /// The article's own identifier, from its JSON `id` field (`id:…`) or, without one, its
    /// `url` (`url:…`); `None` when it has neither (or is not JSON).
    pub own_id: Option<String>,
    /// The title or headline.
    pub title: Option<String>,
    /// The body, paragraphs separated by blank lines.
    pub body: String,
    /// The publication date of the metadata.
    pub date: Option<NaiveDate>,
    /// The article's URL.
    pub url: Option<String>,
    /// The outlet or source named in the metadata.
    pub source: Option<String>,
    /// Warnings (an unreadable date field), each naming the article.
    pub warnings: Vec<String>,
}

/// An article that could not be read from its format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormatError {
    /// The input's name.
    pub name: String,
    /// 1-based line of the input, when known.
    pub line: Option<usize>,
    /// 1-based column on that line, when known.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.name)?;
        match (self.line, self.column) {
            (Some(l), Some(c)) => write!(f, ": line {l}, column {c}")?,
            (Some(l), None) => write!(f, ": line {l}")?,
            _ => {}
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for FormatError {}

const TITLE_FIELDS: [&str; 2] = ["title", "headline"];
const BODY_FIELDS: [&str; 4] = ["text", "body", "content", "articleBody"];
const DATE_FIELDS: [&str; 6] = [
    "date",
    "published",
    "publishedAt",
    "published_at",
    "datePublished",
    "pubDate",
];

/// Reads a `.json` input: one article object.
pub fn json_article(name: &str, text: &str) -> Result<Parts, FormatError> {
    let value: Value = serde_json::from_str(text).map_err(|e| json_error(name, None, &e))?;
    from_json(name, name, None, &value)
}

/// Reads a `.jsonl` input: every non-blank line an article object, named `name#line`.
/// A bad line is an error naming the line; the other lines are still read.
pub fn jsonl_articles(name: &str, text: &str) -> Vec<Result<Parts, FormatError>> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            let no = i + 1;
            let value: Value = serde_json::from_str(l).map_err(|e| json_error(name, Some(no), &e))?;
            from_json(name, &format!("{name}#{no}"), Some(no), &value)
        })
        .collect()
}

/// A serde_json error as a [`FormatError`]; `line` is the JSON-lines line (the error's own
/// line is then always 1).
fn json_error(name: &str, line: Option<usize>, e: &serde_json::Error) -> FormatError {
    let msg = e.to_string();
    let msg = msg.split(" at line ").next().unwrap_or(&msg);
    FormatError {
        name: name.to_string(),
        line: Some(line.unwrap_or(e.line())),
        column: Some(e.column()),
        message: format!("invalid JSON: {msg}"),
    }
}

/// The first non-null field among `fields` of an object, with its name.
fn string_field<'v>(
    obj: &'v serde_json::Map<String, Value>,
    fields: &[&'static str],
) -> Option<(&'static str, &'v Value)> {
    fields
        .iter()
        .find_map(|f| obj.get(*f).filter(|v| !v.is_null()).map(|v| (*f, v)))
}

/// Text of a JSON value: a string, paragraphs given as an array of strings, or an object's
/// `name` ("source": {"name": "Reuters"}).
fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Array(a) => {
            let parts: Vec<String> = a.iter().filter_map(text_of).filter(|s| !s.trim().is_empty()).collect();
            (!parts.is_empty()).then(|| parts.join("\n\n"))
        }
        Value::Object(o) => o.get("name").and_then(text_of),
        _ => None,
    }
}

fn from_json(name: &str, id: &str, line: Option<usize>, value: &Value) -> Result<Parts, FormatError> {
    let err = |message: String| FormatError {
        name: name.to_string(),
        line,
        column: None,
        message,
    };
    let Value::Object(obj) = value else {
        return Err(err(
            "expected an article object ({\"title\": ..., \"text\": ...})".into()
        ));
    };
    let Some((_, body)) = string_field(obj, &BODY_FIELDS) else {
        return Err(err(format!("no article text (a field {})", BODY_FIELDS.join(", "))));
    };
    let Some(body) = text_of(body) else {
        return Err(err("the article text is not a string".into()));
    };
    let url = obj.get("url").and_then(text_of);
    let own_id = match obj.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(format!("id:{}", s.trim())),
        Some(Value::Number(n)) => Some(format!("id:{n}")),
        _ => url
            .as_deref()
            .map(str::trim)
            .filter(|u| !u.is_empty())
            .map(|u| format!("url:{u}")),
    };
    let mut parts = Parts {
        id: id.to_string(),
        own_id,
        title: string_field(obj, &TITLE_FIELDS).and_then(|(_, v)| text_of(v)),
        body,
        url,
        source: obj.get("source").and_then(text_of),
        ..Parts::default()
    };
    if let Some((field, v)) = string_field(obj, &DATE_FIELDS) {
        parts.date = match v {
            Value::Number(n) => n.as_i64().and_then(unix_date),
            Value::String(s) => parse_date(s),
            _ => None,
        };
        if parts.date.is_none() {
            parts
                .warnings
                .push(format!("{id}: field \"{field}\": cannot read {v} as a date; ignored"));
        }
    }
    Ok(parts)
}

/// Unix time in seconds (or milliseconds, when larger than 10¹¹) → its UTC date.
fn unix_date(t: i64) -> Option<NaiveDate> {
    let secs = if t.abs() > 100_000_000_000 { t / 1000 } else { t };
    chrono::DateTime::from_timestamp(secs, 0).map(|d| d.date_naive())
}

/// A publication date as metadata writes it: ISO date or datetime (the date in the offset it
/// states), RFC 2822, or a written date with a year ("March 3, 2025").
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if let Some(head) = s.get(..10) {
        let rest = &s[10..];
        if rest.is_empty() || rest.starts_with(['T', 't', ' ']) {
            for f in ["%Y-%m-%d", "%Y/%m/%d"] {
                if let Ok(d) = NaiveDate::parse_from_str(head, f) {
                    return Some(d);
                }
            }
        }
    }
    if let Ok(d) = chrono::DateTime::parse_from_rfc2822(s) {
        return Some(d.date_naive());
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y%m%d") {
        return Some(d);
    }
    super::document::written_date(s)
}

/// Deepest nesting of elements a page may have: browsers flatten deeper trees (Blink at 512),
/// and html5ever's cost per element grows with the depth, so a page of 100,000 nested
/// `<div>`s took half a minute.
pub const MAX_HTML_DEPTH: usize = 512;

/// Reads an `.html` page: metadata date, title, and the article's paragraphs.
///
/// HTML is parsed as browsers do (html5ever), so no markup is an error; a page without any
/// paragraph text is, and so is one whose elements nest deeper than [`MAX_HTML_DEPTH`]
/// (measured before parsing, naming the line).
pub fn html_article(name: &str, text: &str) -> Result<Parts, FormatError> {
    if let Some((line, tag)) = too_deep(text, MAX_HTML_DEPTH) {
        return Err(FormatError {
            name: name.to_string(),
            line: Some(line),
            column: None,
            message: format!(
                "elements nested more than {MAX_HTML_DEPTH} deep (at <{tag}>); not read as an article page"
            ),
        });
    }
    let html = Html::parse_document(text);
    let mut parts = Parts {
        id: name.to_string(),
        ..Parts::default()
    };
    parts.title = meta(&html, &["meta[property=\"og:title\"]", "meta[name=\"og:title\"]"])
        .or_else(|| first_text(&html, "title"))
        .or_else(|| first_text(&html, "h1"));
    parts.url = meta(&html, &["meta[property=\"og:url\"]", "link[rel=\"canonical\"]"]);
    parts.source = meta(&html, &["meta[property=\"og:site_name\"]"]);
    let (date, warnings) = html_date(&html, name);
    parts.date = date;
    parts.warnings = warnings;
    parts.body = html_paragraphs(&html).join("\n\n");
    if parts.body.trim().is_empty() {
        return Err(FormatError {
            name: name.to_string(),
            line: None,
            column: None,
            message: "no article text: the page has no <p> paragraphs".into(),
        });
    }
    Ok(parts)
}

/// Where a page's elements first nest deeper than `max`: the line and the tag, by html5ever's
/// tokenizer and a model of the open elements (void and self-closed elements never open; an
/// end tag closes up to its element when open, else nothing; `<p>`, `<li>`, table cells and
/// their kin close one of their own kind just opened). The model may count a little deeper
/// than a browser's tree, never shallower for nesting written out as such; its cost is linear.
pub fn too_deep(text: &str, max: usize) -> Option<(usize, String)> {
    use html5ever::tendril::StrTendril;
    use html5ever::tokenizer::states::RawKind;
    use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer};
    use std::cell::RefCell;

    #[derive(Default)]
    struct Depth {
        open: Vec<html5ever::LocalName>,
        counts: rustc_hash::FxHashMap<html5ever::LocalName, usize>,
        deepest: Option<(usize, String)>,
    }
    struct Sink {
        max: usize,
        state: RefCell<Depth>,
    }
    const VOID: [&str; 16] = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
        "keygen", "frame",
    ];
    const SELF_CLOSING: [&str; 10] = ["p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "rt"];
    impl TokenSink for Sink {
        type Handle = ();
        fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
            let Token::TagToken(tag) = token else {
                return TokenSinkResult::Continue;
            };
            let mut d = self.state.borrow_mut();
            let name = tag.name;
            match tag.kind {
                TagKind::StartTag => {
                    if tag.self_closing || VOID.contains(&&*name) {
                        return TokenSinkResult::Continue;
                    }
                    if SELF_CLOSING.contains(&&*name) && d.open.last() == Some(&name) {
                        d.open.pop();
                    } else {
                        *d.counts.entry(name.clone()).or_default() += 1;
                    }
                    d.open.push(name.clone());
                    if d.open.len() > self.max {
                        d.deepest = Some((usize::try_from(line).unwrap_or(usize::MAX), name.to_string()));
                        // the rest is read as plain text: nothing more to measure
                        return TokenSinkResult::Plaintext;
                    }
                    match &*name {
                        "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                        "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                            TokenSinkResult::RawData(RawKind::Rawtext)
                        }
                        "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
                        "plaintext" => TokenSinkResult::Plaintext,
                        _ => TokenSinkResult::Continue,
                    }
                }
                TagKind::EndTag => {
                    if d.counts.get(&name).is_some_and(|&n| n > 0) {
                        while let Some(top) = d.open.pop() {
                            if let Some(n) = d.counts.get_mut(&top) {
                                *n -= 1;
                            }
                            if top == name {
                                break;
                            }
                        }
                    }
                    TokenSinkResult::Continue
                }
            }
        }
    }
    let sink = Sink {
        max,
        state: RefCell::default(),
    };
    let tokenizer = Tokenizer::new(sink, Default::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(text));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.state.take().deepest
}

fn selector(s: &str) -> Selector {
    // The selectors are literals of this file, checked by its tests.
    Selector::parse(s).unwrap_or_else(|e| panic!("bad selector {s}: {e:?}"))
}

/// White space folded to single spaces.
fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The `content` (or `href`, `datetime`) of the first element matching one of `selectors`.
fn meta(html: &Html, selectors: &[&str]) -> Option<String> {
    selectors.iter().find_map(|s| {
        html.select(&selector(s)).find_map(|e| {
            ["content", "href", "datetime"]
                .iter()
                .find_map(|a| e.value().attr(a))
                .map(fold)
                .filter(|v| !v.is_empty())
        })
    })
}

fn first_text(html: &Html, sel: &str) -> Option<String> {
    html.select(&selector(sel))
        .map(|e| fold(&e.text().collect::<String>()))
        .find(|t| !t.is_empty())
}

/// The publication date of a page, by precedence: `article:published_time`,
/// `og:published_time`, `<meta name>` date fields, `itemprop="datePublished"`, JSON-LD
/// `datePublished`, the first `<time datetime>`. Unreadable values are warned about and skipped.
fn html_date(html: &Html, name: &str) -> (Option<NaiveDate>, Vec<String>) {
    let mut warnings = Vec::new();
    let mut candidates: Vec<(String, String)> = Vec::new();
    let metas = selector("meta");
    for key in ["article:published_time", "og:published_time"] {
        for e in html.select(&metas) {
            let v = e.value();
            if v.attr("property")
                .or(v.attr("name"))
                .is_some_and(|p| p.eq_ignore_ascii_case(key))
            {
                if let Some(c) = v.attr("content") {
                    candidates.push((key.to_string(), c.to_string()));
                }
            }
        }
    }
    for e in html.select(&metas) {
        let v = e.value();
        if let (Some(n), Some(c)) = (v.attr("name"), v.attr("content")) {
            if [
                "date",
                "pubdate",
                "publish-date",
                "publish_date",
                "dc.date",
                "dc.date.issued",
            ]
            .iter()
            .any(|k| n.eq_ignore_ascii_case(k))
            {
                candidates.push((format!("meta name=\"{n}\""), c.to_string()));
            }
        }
    }
    for e in html.select(&selector("[itemprop=\"datePublished\"]")) {
        let v = e.value();
        let c = v
            .attr("content")
            .or(v.attr("datetime"))
            .map(str::to_string)
            .unwrap_or_else(|| fold(&e.text().collect::<String>()));
        candidates.push(("itemprop=\"datePublished\"".into(), c));
    }
    for e in html.select(&selector("script[type=\"application/ld+json\"]")) {
        let src: String = e.text().collect();
        match serde_json::from_str::<Value>(&src) {
            Ok(v) => {
                if let Some(d) = ld_date(&v) {
                    candidates.push(("JSON-LD datePublished".into(), d));
                }
            }
            Err(err) => warnings.push(format!("{name}: JSON-LD script: invalid JSON: {err}; ignored")),
        }
    }
    if let Some(t) = html.select(&selector("time[datetime]")).next() {
        if let Some(d) = t.value().attr("datetime") {
            candidates.push(("<time datetime>".into(), d.to_string()));
        }
    }
    for (what, value) in candidates {
        match parse_date(&value) {
            Some(d) => return (Some(d), warnings),
            None => warnings.push(format!("{name}: {what}: cannot read \"{value}\" as a date; ignored")),
        }
    }
    (None, warnings)
}

/// `datePublished` anywhere in a JSON-LD value (`@graph` arrays included).
fn ld_date(v: &Value) -> Option<String> {
    match v {
        Value::Object(o) => o
            .get("datePublished")
            .and_then(Value::as_str)
            .map(str::to_string)
            .or_else(|| o.values().find_map(ld_date)),
        Value::Array(a) => a.iter().find_map(ld_date),
        _ => None,
    }
}

/// The article's paragraphs in order: the `<p>` elements of `<article>` if the page has one,
/// else of `<main>`, else of the whole page, leaving out navigation, headers, footers, asides
/// and forms.
fn html_paragraphs(html: &Html) -> Vec<String> {
    let p = selector("p");
    let scope = ["article", "main", "[itemprop=\"articleBody\"]"]
        .iter()
        .find_map(|s| html.select(&selector(s)).find(|e| e.select(&p).next().is_some()));
    let all: Vec<ElementRef> = match scope {
        Some(root) => root.select(&p).collect(),
        None => html.select(&p).collect(),
    };
    let root_id = scope.map(|r| r.id());
    // furniture is looked for between a paragraph and the article's root (whose own classes,
    // and its ancestors', say nothing of the paragraph), or up to <body> without a root
    let boxed = |e: &ElementRef| {
        e.ancestors()
            .take_while(|a| Some(a.id()) != root_id)
            .filter_map(|a| a.value().as_element())
            .take_while(|el| !matches!(el.name(), "body" | "html"))
            .any(furniture_or_box)
    };
    all.into_iter()
        .filter(|e| !furniture(e.value()) && !boxed(e))
        .map(|e| fold(&e.text().collect::<String>()))
        .filter(|t| !t.is_empty())
        .collect()
}

/// Words in an element's class or id that mark page furniture rather than the article's text:
/// cookie and consent banners, newsletter and subscription boxes, related and most-read lists,
/// sharing tools, promotions, bylines, captions and credits.
const FURNITURE_CUES: &[&str] = &[
    "cookie",
    "consent",
    "gdpr",
    "newsletter",
    "signup",
    "sign-up",
    "subscribe",
    "subscription",
    "paywall",
    "related",
    "more-stories",
    "most-read",
    "mostread",
    "trending",
    "recommend",
    "read-more",
    "readmore",
    "share",
    "social",
    "promo",
    "advert",
    "sponsor",
    "byline",
    "author",
    "caption",
    "credit",
    "breadcrumb",
    "comments",
    "tags",
    "newsletter",
    "outbrain",
    "taboola",
];

/// An element that is page furniture by its class or id ([`FURNITURE_CUES`]).
fn furniture(el: &scraper::node::Element) -> bool {
    let cued = |v: Option<&str>| {
        v.is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            FURNITURE_CUES.iter().any(|c| v.contains(c))
        })
    };
    cued(el.attr("class")) || cued(el.attr("id")) || el.attr("role").is_some_and(|r| r == "navigation" || r == "banner")
}

/// An ancestor whose paragraphs are not the article's: navigation, header, footer, asides,
/// forms, figures and their captions, and furniture by class or id.
fn furniture_or_box(el: &scraper::node::Element) -> bool {
    matches!(
        el.name(),
        "nav" | "header" | "footer" | "aside" | "form" | "figcaption" | "figure"
    ) || furniture(el)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn formats_by_extension() {
        assert_eq!(Format::of("a/b.JSON"), Format::Json);
        assert_eq!(Format::of("b.jsonl"), Format::JsonLines);
        assert_eq!(Format::of("b.htm"), Format::Html);
        assert_eq!(Format::of("b.txt"), Format::Text);
        assert_eq!(Format::of("-"), Format::Text);
        assert_eq!(Format::of("dir.json/article"), Format::Text);
    }

    #[test]
    fn dates_in_their_stated_offset() {
        assert_eq!(parse_date("2025-03-03T23:30:00-05:00"), Some(ymd(2025, 3, 3)));
        assert_eq!(parse_date("2025-03-04T01:30:00+03:00"), Some(ymd(2025, 3, 4)));
        assert_eq!(parse_date("2025-03-03T10:00:00Z"), Some(ymd(2025, 3, 3)));
        assert_eq!(parse_date("2025-03-03"), Some(ymd(2025, 3, 3)));
        assert_eq!(parse_date("Mon, 03 Mar 2025 22:00:00 -0500"), Some(ymd(2025, 3, 3)));
        assert_eq!(parse_date("March 3, 2025"), Some(ymd(2025, 3, 3)));
        assert_eq!(parse_date("3 March 2025 10:00"), Some(ymd(2025, 3, 3)));
        assert_eq!(parse_date("2025-02-30"), None);
        assert_eq!(parse_date("soon"), None);
        assert_eq!(parse_date("March 3"), None);
        assert_eq!(unix_date(1_741_000_000), Some(ymd(2025, 3, 3)));
        assert_eq!(unix_date(1_741_000_000_000), Some(ymd(2025, 3, 3)));
    }

    #[test]
    fn json_fields_and_variants() {
        let p = json_article(
            "a.json",
            r#"{"headline": "Turkey and Egypt sign", "articleBody": ["ANKARA – Turkey signed.", "More."],
                "datePublished": "2024-09-04T09:00:00+03:00", "url": "https://x/a", "source": {"name": "Reuters"}}"#,
        )
        .unwrap();
        assert_eq!(p.title.as_deref(), Some("Turkey and Egypt sign"));
        assert_eq!(p.body, "ANKARA – Turkey signed.\n\nMore.");
        assert_eq!(p.date, Some(ymd(2024, 9, 4)));
        assert_eq!(p.url.as_deref(), Some("https://x/a"));
        assert_eq!(p.source.as_deref(), Some("Reuters"));
        let p = json_article(
            "a.json",
            r#"{"text": "Body.", "publishedAt": 1741000000, "pubDate": "x"}"#,
        )
        .unwrap();
        assert_eq!(p.date, Some(ymd(2025, 3, 3)));
        let p = json_article("a.json", r#"{"text": "Body.", "date": "last week"}"#).unwrap();
        assert_eq!(p.date, None);
        assert!(
            p.warnings[0].contains("a.json") && p.warnings[0].contains("\"date\""),
            "{:?}",
            p.warnings
        );
    }

    #[test]
    fn bad_json_names_file_line_and_column() {
        let e = json_article("news/a.json", "{\"text\": \"x\",\n  \"title\": }").unwrap_err();
        assert_eq!((e.line, e.column), (Some(2), Some(12)));
        let s = e.to_string();
        assert!(s.starts_with("news/a.json: line 2, column 12: invalid JSON"), "{s}");
        let e = json_article("a.json", "[1, 2]").unwrap_err();
        assert!(e.to_string().contains("expected an article object"));
        let e = json_article("a.json", "{\"title\": \"T\"}").unwrap_err();
        assert!(e.to_string().contains("no article text"), "{e}");
    }

    #[test]
    fn jsonl_lines_are_articles_and_bad_lines_do_not_stop_the_rest() {
        let text = "{\"title\": \"A\", \"text\": \"Turkey said.\", \"date\": \"2025-01-02\"}\n\n{\"text\": oops}\n{\"text\": \"Iran said.\"}\n";
        let r = jsonl_articles("feed.jsonl", text);
        assert_eq!(r.len(), 3);
        let a = r[0].as_ref().unwrap();
        assert_eq!((a.id.as_str(), a.date), ("feed.jsonl#1", Some(ymd(2025, 1, 2))));
        let e = r[1].as_ref().unwrap_err();
        assert_eq!((e.line, e.column), (Some(3), Some(10)));
        assert!(
            e.to_string().starts_with("feed.jsonl: line 3, column 10: invalid JSON"),
            "{e}"
        );
        assert_eq!(r[2].as_ref().unwrap().id, "feed.jsonl#4");
    }

    #[test]
    fn an_article_s_own_id_is_its_id_field_else_its_url() {
        let own = |line: &str| jsonl_articles("f.jsonl", line).remove(0).unwrap().own_id;
        assert_eq!(
            own(r#"{"id": "a-1", "url": "https://x/a", "text": "T."}"#).as_deref(),
            Some("id:a-1")
        );
        assert_eq!(own(r#"{"id": 17, "text": "T."}"#).as_deref(), Some("id:17"));
        assert_eq!(
            own(r#"{"url": "https://x/a", "text": "T."}"#).as_deref(),
            Some("url:https://x/a")
        );
        assert_eq!(own(r#"{"id": "", "url": " ", "text": "T."}"#), None);
        assert_eq!(own(r#"{"id": null, "text": "T."}"#), None);
    }

    #[test]
    fn html_metadata_title_and_paragraphs() {
        let page = r#"<!doctype html><html><head><title>Site | Turkey and Egypt</title>
            <meta property="og:title" content="Turkey and Egypt sign deals">
            <meta property="article:published_time" content="2024-09-04T23:10:00-04:00">
            <meta name="date" content="2020-01-01">
            </head><body><nav><p>Home</p></nav>
            <article><h1>Turkey and Egypt sign deals</h1>
            <p>ANKARA (Reuters) - Turkey <b>hosted</b>
               Egypt.</p><figure><figcaption><p>A photo</p></figcaption></figure><p>The two leaders signed.</p></article>
            <footer><p>© News</p></footer></body></html>"#;
        let p = html_article("a.html", page).unwrap();
        assert_eq!(p.title.as_deref(), Some("Turkey and Egypt sign deals"));
        assert_eq!(p.date, Some(ymd(2024, 9, 4)));
        assert_eq!(
            p.body,
            "ANKARA (Reuters) - Turkey hosted Egypt.\n\nThe two leaders signed."
        );
    }

    #[test]
    fn html_date_sources_in_order() {
        let body = "<p>Text.</p>";
        let cases = [
            (
                r#"<meta property="og:published_time" content="2024-01-02">"#,
                Some(ymd(2024, 1, 2)),
            ),
            (r#"<meta name="pubdate" content="2024-01-03">"#, Some(ymd(2024, 1, 3))),
            (r#"<meta name="DC.date" content="2024-01-04">"#, Some(ymd(2024, 1, 4))),
            (
                r#"<meta name="publish-date" content="2024-01-05">"#,
                Some(ymd(2024, 1, 5)),
            ),
            (
                r#"<span itemprop="datePublished" content="2024-01-06"></span>"#,
                Some(ymd(2024, 1, 6)),
            ),
            (
                r#"<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", "datePublished": "2024-01-07T08:00:00Z"}]}</script>"#,
                Some(ymd(2024, 1, 7)),
            ),
            (
                r#"<time datetime="2024-01-08T10:00">8 Jan</time>"#,
                Some(ymd(2024, 1, 8)),
            ),
            ("", None),
        ];
        for (head, want) in cases {
            let p = html_article(
                "a.html",
                &format!("<html><head>{head}</head><body>{head}{body}</body></html>"),
            )
            .unwrap();
            assert_eq!(p.date, want, "{head}");
        }
        // an unreadable date is warned about and the next source used
        let p = html_article(
            "a.html",
            r#"<meta name="date" content="tomorrow"><time datetime="2024-01-08">x</time><p>T.</p>"#,
        )
        .unwrap();
        assert_eq!(p.date, Some(ymd(2024, 1, 8)));
        assert!(p
            .warnings
            .iter()
            .any(|w| w.contains("a.html") && w.contains("tomorrow")));
        let e = html_article("a.html", "<html><body><div>no paragraphs</div></body></html>").unwrap_err();
        assert!(e.to_string().starts_with("a.html: no article text"), "{e}");
    }

    #[test]
    fn pages_nested_too_deep_are_refused_before_parsing_naming_the_line() {
        let deep = format!("<html><body>\n{}<p>Text.</p></body></html>", "<div>".repeat(100_000));
        let e = html_article("deep.html", &deep).unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(
            e.to_string()
                .starts_with("deep.html: line 2: elements nested more than 512 deep (at <div>)"),
            "{e}"
        );
        // nesting written out as such counts, closed elements do not
        let page = |divs: usize| {
            format!(
                "<html><body>{}<p>Text.</p>{}{}</body></html>",
                "<div>".repeat(divs),
                "</div>".repeat(divs),
                "<div><p>More.</p></div>".repeat(2000)
            )
        };
        assert_eq!(too_deep(&page(500), MAX_HTML_DEPTH), None);
        assert_eq!(too_deep(&page(520), MAX_HTML_DEPTH), Some((1, "div".into())));
        assert!(html_article("ok.html", &page(500)).is_ok());
        // sloppy pages: unclosed paragraphs and list items, void and self-closed elements,
        // tags inside scripts, styles and comments
        let sloppy = format!(
            "<html><body>{}<ul>{}</ul>{}<script>{}</script><style>{}</style><!-- {} --><svg>{}</svg></body></html>",
            "<p>Paragraph <br> text <img src=x>".repeat(3000),
            "<li>item".repeat(3000),
            "<td>cell".repeat(3000),
            "document.write('<div>');".repeat(3000),
            "a::before { content: '<div>' }".repeat(3000),
            "<div>".repeat(3000),
            "<path d=\"M0\"/>".repeat(3000)
        );
        assert_eq!(too_deep(&sloppy, MAX_HTML_DEPTH), None);
        // an end tag closes the elements opened inside its own
        let unclosed_inside = "<div><span><b>x</div>".repeat(3000);
        assert_eq!(too_deep(&unclosed_inside, MAX_HTML_DEPTH), None);
    }
}
