//! Charts of `dyad relations --plot`: a dyad's course over time, as SVG or PNG.
//!
//! The chart has two panels over one time axis (dates, ticks thinned to at most a dozen):
//!
//! - **Goldstein mean**: the mean Goldstein value of each bar's events (−10 to +10), a dot
//!   whose size grows with the number of events behind it (the number is written beside it
//!   when there is room), so a mean of two events does not pass for a trend;
//! - **events**: each period's events as stacked bars, cooperation (quad classes 1 and 2) in
//!   green below conflict (quad classes 3 and 4) in red; events known only to a month or a
//!   year (too coarse for the periods asked for) are drawn as a shaded band over the days they
//!   may fall on, with their count.
//!
//! A span with more periods than fit as readable bars ([`MAX_BARS`]) is drawn by the next
//! coarser period (days by week, weeks by month...), and the subtitle says so. Titles name the
//! countries ("Turkey — Greece"). Text is laid out with DejaVu Sans, embedded from the
//! `dejavu` crate, so nothing is read from the system or fetched: the SVG carries its text as
//! `<text>` elements, the PNG as pixels.

use crate::query::{country_name, CoarseSpan, Period, PeriodBy, Relations};
use crate::{Result, StoreError};
use chrono::{Datelike, NaiveDate};
use plotters::coord::ranged1d::{Ranged, ValueFormatter};
use plotters::coord::Shift;
use plotters::prelude::*;
use std::path::Path;
use std::sync::Once;

/// Width and height of a chart, in pixels (SVG user units).
pub const SIZE: (u32, u32) = (1200, 800);

/// At most this many bars are drawn; more periods are grouped by a coarser one.
pub const MAX_BARS: usize = 120;

const FONT: &str = "sans-serif";
const COOPERATION: RGBColor = RGBColor(46, 139, 87);
const CONFLICT: RGBColor = RGBColor(200, 50, 50);
const MEAN: RGBColor = RGBColor(30, 80, 180);
const COARSE: RGBColor = RGBColor(150, 120, 200);

/// Registers the embedded font once per process.
fn register_fonts() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // DejaVu is a valid font: registration cannot fail short of a broken crate, and a
        // failure would show as an error when text is laid out.
        let _ = plotters::style::register_font(FONT, FontStyle::Normal, dejavu::sans::regular());
        let _ = plotters::style::register_font(FONT, FontStyle::Bold, dejavu::sans::bold());
    });
}

/// The word for a period ("month").
fn period_word(by: PeriodBy) -> &'static str {
    match by {
        PeriodBy::Day => "day",
        PeriodBy::Week => "week",
        PeriodBy::Month => "month",
        PeriodBy::Year => "year",
    }
}

/// The next coarser period.
fn coarser(by: PeriodBy) -> Option<PeriodBy> {
    match by {
        PeriodBy::Day => Some(PeriodBy::Week),
        PeriodBy::Week => Some(PeriodBy::Month),
        PeriodBy::Month => Some(PeriodBy::Year),
        PeriodBy::Year => None,
    }
}

/// The chart's title, with the countries' names: "Turkey — Egypt relations by month".
pub fn title(a: &str, b: &str, by: PeriodBy) -> String {
    format!(
        "{} — {} relations by {}",
        country_name(a),
        country_name(b),
        period_word(by)
    )
}

/// One bar: the events of a period, or of several grouped into a coarser one.
#[derive(Clone, Debug, PartialEq)]
struct Bar {
    start: NaiveDate,
    /// The day after its last.
    end: NaiveDate,
    events: u64,
    cooperation: u64,
    conflict: u64,
    goldstein_sum: f64,
}

/// The bars to draw for `periods` (of `by`): one per period, or, when there are more than
/// [`MAX_BARS`], one per coarser period; and the period they stand for.
fn bars(periods: &[Period], by: PeriodBy) -> (Vec<Bar>, PeriodBy) {
    let mut group = by;
    let span = |g: PeriodBy| -> usize {
        let (Some(first), Some(last)) = (periods.first(), periods.last()) else {
            return 0;
        };
        let (mut d, end, mut n) = (g.start(first.start), last.start, 0);
        while d <= end {
            n += 1;
            match g.next(d) {
                Some(x) => d = x,
                None => break,
            }
        }
        n
    };
    while span(group) > MAX_BARS {
        match coarser(group) {
            Some(c) => group = c,
            None => break,
        }
    }
    let mut out: Vec<Bar> = Vec::new();
    for p in periods {
        let start = group.start(p.start);
        let coop = p.quad_counts[0] + p.quad_counts[1];
        let conf = p.quad_counts[2] + p.quad_counts[3];
        match out.last_mut() {
            Some(b) if b.start == start => {
                b.events += p.events;
                b.cooperation += coop;
                b.conflict += conf;
                b.goldstein_sum += p.goldstein_sum;
            }
            _ => out.push(Bar {
                start,
                end: group.next(start).unwrap_or(start),
                events: p.events,
                cooperation: coop,
                conflict: conf,
                goldstein_sum: p.goldstein_sum,
            }),
        }
    }
    (out, group)
}

/// The time axis: x is days since `t0`, ticks at round dates, at most a dozen labelled.
#[derive(Clone)]
struct TimeAxis {
    t0: NaiveDate,
    days: f64,
    ticks: Vec<(f64, String)>,
}

impl TimeAxis {
    /// Ticks between `first` and `end` (exclusive), never finer than the bars (`shown`).
    fn new(first: NaiveDate, end: NaiveDate, shown: PeriodBy) -> TimeAxis {
        let days = ((end - first).num_days().max(1)) as f64;
        let mut ticks = Vec::new();
        let x = |d: NaiveDate| (d - first).num_days() as f64;
        if shown == PeriodBy::Year || days > 366.0 * 4.0 {
            let years = (days / 365.25).ceil() as i32;
            let step = (years + 11) / 12;
            let mut y = first.year() + i32::from(first.ordinal() > 1);
            while let Some(d) = NaiveDate::from_ymd_opt(y, 1, 1).filter(|d| *d < end) {
                if y % step.max(1) == 0 {
                    ticks.push((x(d), y.to_string()));
                }
                y += 1;
            }
        } else if days <= 16.0 {
            let mut d = first;
            while d < end {
                ticks.push((x(d), d.format("%-d %b %Y").to_string()));
                d = d.succ_opt().unwrap_or(end);
            }
        } else if days <= 100.0 && shown != PeriodBy::Month {
            // Mondays
            let mut d = first + chrono::Duration::days(i64::from((7 - first.weekday().num_days_from_monday()) % 7));
            while d < end {
                ticks.push((x(d), d.format("%-d %b %Y").to_string()));
                d += chrono::Duration::days(7);
            }
        } else {
            let months = (days / 30.4).ceil() as u32;
            let step = [1u32, 2, 3, 6, 12]
                .into_iter()
                .find(|s| months.div_ceil(*s) <= 12)
                .unwrap_or(12);
            let mut d = NaiveDate::from_ymd_opt(first.year(), first.month(), 1).unwrap_or(first);
            if d < first {
                d = d.checked_add_months(chrono::Months::new(1)).unwrap_or(end);
            }
            while d < end {
                if d.month0().is_multiple_of(step) {
                    ticks.push((x(d), d.format("%b %Y").to_string()));
                }
                d = d.checked_add_months(chrono::Months::new(1)).unwrap_or(end);
            }
        }
        TimeAxis { t0: first, days, ticks }
    }

    fn x(&self, d: NaiveDate) -> f64 {
        (d - self.t0).num_days() as f64
    }
}

impl Ranged for TimeAxis {
    type FormatOption = plotters::coord::ranged1d::NoDefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let r = self.range();
        let frac = (value - r.start) / (r.end - r.start);
        limit.0 + (frac * f64::from(limit.1 - limit.0)).round() as i32
    }

    fn key_points<Hint: plotters::coord::ranged1d::KeyPointHint>(&self, _hint: Hint) -> Vec<f64> {
        self.ticks.iter().map(|t| t.0).collect()
    }

    fn range(&self) -> std::ops::Range<f64> {
        0.0..self.days
    }
}

impl ValueFormatter<f64> for TimeAxis {
    fn format_ext(&self, value: &f64) -> String {
        self.ticks
            .iter()
            .find(|t| (t.0 - value).abs() < 1e-6)
            .map(|t| t.1.clone())
            .unwrap_or_default()
    }
}

/// The image formats a chart can be written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Svg,
    Png,
}

fn kind_of(path: &Path) -> Result<Kind> {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("svg") => Ok(Kind::Svg),
        Some("png") => Ok(Kind::Png),
        _ => Err(StoreError::Invalid(format!(
            "{}: a plot is written as .svg or .png; name the file FILE.svg or FILE.png",
            path.display()
        ))),
    }
}

/// Draws the relations of `a` and `b` per period into `path`, as SVG or PNG after its
/// extension. An unknown extension, or relations without any period, is an error (before any
/// file is written).
pub fn plot_relations(rel: &Relations, a: &str, b: &str, by: PeriodBy, path: &Path) -> Result<()> {
    let kind = kind_of(path)?;
    if rel.periods.is_empty() && rel.coarse.is_empty() {
        return Err(StoreError::Invalid(format!(
            "no dated events between {} and {}: nothing to plot",
            country_name(a),
            country_name(b)
        )));
    }
    register_fonts();
    let (bars, shown) = bars(&rel.periods, by);
    let total: u64 = bars.iter().map(|b| b.events).sum::<u64>() + rel.too_coarse;
    let mut sub = format!("{total} events");
    if shown != by {
        sub.push_str(&format!(
            "; {} {}s are too many to draw one bar each: bars are {}s",
            rel.periods.len(),
            period_word(by),
            period_word(shown)
        ));
    }
    let chart_span = span(&Chart {
        title: String::new(),
        subtitle: String::new(),
        bars: bars.clone(),
        shown,
        coarse: rel.coarse.clone(),
    });
    let outside: Vec<String> = rel
        .coarse
        .iter()
        .filter(|s| s.last < chart_span.0 || s.first >= chart_span.1)
        .map(|s| format!("{} in {}", s.events, s.date))
        .collect();
    if rel.too_coarse > 0 {
        sub.push_str(&format!(
            "; {} known only to a month or year, shown as bands",
            rel.too_coarse
        ));
        if !outside.is_empty() {
            sub.push_str(&format!(" ({} before or after the bars)", outside.join(", ")));
        }
    }
    if rel.undated > 0 {
        sub.push_str(&format!("; {} undated, not shown", rel.undated));
    }
    let chart = Chart {
        title: title(a, b, by),
        subtitle: sub,
        bars,
        shown,
        coarse: rel.coarse.clone(),
    };
    let fail = |what: String| StoreError::Output {
        path: path.display().to_string(),
        what,
    };
    // drawn into a temporary file, put in place when complete
    crate::output::write_path(path, |tmp| match kind {
        Kind::Svg => {
            let root = SVGBackend::new(tmp, SIZE).into_drawing_area();
            draw(&root, &chart).map_err(|e| fail(e.to_string()))?;
            root.present().map_err(|e| fail(e.to_string()))
        }
        Kind::Png => {
            let mut pixels = vec![0u8; SIZE.0 as usize * SIZE.1 as usize * 3];
            {
                let root = BitMapBackend::with_buffer(&mut pixels, SIZE).into_drawing_area();
                draw(&root, &chart).map_err(|e| fail(e.to_string()))?;
                root.present().map_err(|e| fail(e.to_string()))?;
            }
            write_png(tmp, &pixels).map_err(|e| fail(e.to_string()))
        }
    })
}

/// Writes RGB pixels of [`SIZE`] as a PNG file.
fn write_png(path: &Path, pixels: &[u8]) -> std::result::Result<(), png::EncodingError> {
    let file = std::io::BufWriter::new(std::fs::File::create(path)?);
    let mut enc = png::Encoder::new(file, SIZE.0, SIZE.1);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    let mut w = enc.write_header()?;
    w.write_image_data(pixels)?;
    w.finish()
}

/// What one chart shows.
struct Chart {
    title: String,
    subtitle: String,
    bars: Vec<Bar>,
    shown: PeriodBy,
    coarse: Vec<CoarseSpan>,
}

/// The days drawn: those of the bars, or of the coarse dates when there is no bar.
fn span(c: &Chart) -> (NaiveDate, NaiveDate) {
    let bars = (c.bars.iter().map(|b| b.start).min(), c.bars.iter().map(|b| b.end).max());
    match bars {
        (Some(first), Some(end)) => (first, end),
        _ => (
            c.coarse.iter().map(|s| s.first).min().unwrap_or_default(),
            c.coarse
                .iter()
                .filter_map(|s| s.last.succ_opt())
                .max()
                .unwrap_or_default(),
        ),
    }
}

type DrawResult<DB> = std::result::Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, c: &Chart) -> DrawResult<DB> {
    root.fill(&WHITE)?;
    let root = root.margin(8, 0, 0, 0);
    let root = root.titled(&c.title, (FONT, 28).into_font().style(FontStyle::Bold))?;
    root.draw(&Text::new(
        c.subtitle.clone(),
        (20, 0),
        (FONT, 15).into_font().color(&BLACK.mix(0.75)),
    ))?;
    let root = root.margin(22, 0, 0, 0);
    let (upper, lower) = root.split_vertically(SIZE.1 as i32 * 42 / 100);
    let (first, end) = span(c);
    let axis = TimeAxis::new(first, end, c.shown);
    // bands clipped to the span drawn (a year-only event does not stretch a chart of months)
    let coarse: Vec<(f64, f64, &CoarseSpan)> = c
        .coarse
        .iter()
        .filter(|s| s.last >= first && s.first < end)
        .map(|s| (axis.x(s.first.max(first)), axis.x(s.last.min(end)) + 1.0, s))
        .collect();
    let gap = |b: &Bar| {
        let w = axis.x(b.end) - axis.x(b.start);
        // a thin gap between bars, none below two pixels' worth
        if axis.days / w > 400.0 {
            0.0
        } else {
            w * 0.1
        }
    };

    // Goldstein mean per bar, one axis; dot size by the number of events behind it.
    let mut gold = ChartBuilder::on(&upper)
        .margin(12)
        .caption(
            "Goldstein mean per event (−10 conflict … +10 cooperation); dot size and number: events behind it",
            (FONT, 16),
        )
        .x_label_area_size(30)
        .y_label_area_size(60)
        .build_cartesian_2d(axis.clone(), -10.0f64..10.0f64)?;
    gold.configure_mesh()
        .disable_x_mesh()
        .light_line_style(WHITE)
        .y_labels(5)
        .y_desc("Goldstein mean")
        .label_style((FONT, 14))
        .axis_desc_style((FONT, 15))
        .draw()?;
    gold.draw_series(std::iter::once(PathElement::new(
        vec![(0.0, 0.0), (axis.days, 0.0)],
        BLACK.mix(0.4),
    )))?;
    let mid = |b: &Bar| (axis.x(b.start) + axis.x(b.end)) / 2.0;
    let points: Vec<(f64, f64, u64)> = c
        .bars
        .iter()
        .filter(|b| b.events > 0)
        .map(|b| (mid(b), b.goldstein_sum / b.events as f64, b.events))
        .collect();
    // the line joins neighbouring bars only: it breaks over a bar without events
    let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
    for b in &c.bars {
        if b.events > 0 {
            if let Some(r) = runs.last_mut() {
                r.push((mid(b), b.goldstein_sum / b.events as f64));
            }
        } else {
            runs.push(Vec::new());
        }
    }
    gold.draw_series(
        runs.into_iter()
            .filter(|r| r.len() > 1)
            .map(|r| PathElement::new(r, MEAN.mix(0.5).stroke_width(1))),
    )?;
    let most = points.iter().map(|p| p.2).max().unwrap_or(1).max(1) as f64;
    gold.draw_series(points.iter().map(|&(x, y, n)| {
        let r = 2.0 + 7.0 * (n as f64 / most).sqrt();
        Circle::new((x, y), r.round() as i32, MEAN.mix(0.8).filled())
    }))?;
    if points.len() <= 60 {
        gold.draw_series(points.iter().map(|&(x, y, n)| {
            let dy = if y > 6.0 { 14 } else { -20 };
            EmptyElement::at((x, y)) + Text::new(n.to_string(), (-4, dy), (FONT, 12).into_font().color(&MEAN))
        }))?;
    }

    // Events per bar, stacked: cooperation below conflict; coarse dates as bands.
    let top = c.bars.iter().map(|b| b.events).max().unwrap_or(0) as f64;
    // room above the highest bar for the legend
    let top = if top > 0.0 { top * 1.45 } else { 1.0 };
    let mut events = ChartBuilder::on(&lower)
        .margin(12)
        .caption(format!("events per {} (stacked)", period_word(c.shown)), (FONT, 16))
        .x_label_area_size(45)
        .y_label_area_size(60)
        .build_cartesian_2d(axis.clone(), 0.0f64..top)?;
    events
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(WHITE)
        .y_labels(6)
        .y_label_formatter(&|v| {
            if v.fract().abs() < 1e-9 {
                format!("{v:.0}")
            } else {
                String::new()
            }
        })
        .x_desc("date")
        .y_desc("events")
        .label_style((FONT, 14))
        .axis_desc_style((FONT, 15))
        .draw()?;
    if !coarse.is_empty() {
        events
            .draw_series(
                coarse
                    .iter()
                    .map(|&(x0, x1, _)| Rectangle::new([(x0, 0.0), (x1, top)], COARSE.mix(0.18).filled())),
            )?
            .label("known only to the month or year (band, with its count)")
            .legend(|(x, y)| Rectangle::new([(x, y - 6), (x + 14, y + 6)], COARSE.mix(0.4).filled()));
        events.draw_series(coarse.iter().map(|&(x0, _, s)| {
            EmptyElement::at((x0, top))
                + Text::new(
                    format!("{} in {}", s.events, s.date),
                    (3, 3),
                    (FONT, 12).into_font().color(&COARSE.mix(1.0)),
                )
        }))?;
    }
    events
        .draw_series(c.bars.iter().filter(|b| b.cooperation > 0).map(|b| {
            let g = gap(b);
            Rectangle::new(
                [(axis.x(b.start) + g, 0.0), (axis.x(b.end) - g, b.cooperation as f64)],
                COOPERATION.filled(),
            )
        }))?
        .label("cooperation (quad 1+2)")
        .legend(|(x, y)| Rectangle::new([(x, y - 6), (x + 14, y + 6)], COOPERATION.filled()));
    events
        .draw_series(c.bars.iter().filter(|b| b.conflict > 0).map(|b| {
            let g = gap(b);
            let base = b.cooperation as f64;
            Rectangle::new(
                [
                    (axis.x(b.start) + g, base),
                    (axis.x(b.end) - g, base + b.conflict as f64),
                ],
                CONFLICT.filled(),
            )
        }))?
        .label("conflict (quad 3+4)")
        .legend(|(x, y)| Rectangle::new([(x, y - 6), (x + 14, y + 6)], CONFLICT.filled()));
    events
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperRight)
        .label_font((FONT, 14))
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK)
        .draw()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_svg_and_png_are_written() {
        assert_eq!(kind_of(Path::new("a/b.SVG")).unwrap(), Kind::Svg);
        assert_eq!(kind_of(Path::new("b.png")).unwrap(), Kind::Png);
        for bad in ["b.pdf", "b", "b.svg.txt"] {
            let e = kind_of(Path::new(bad)).unwrap_err().to_string();
            assert!(e.contains(".svg or .png"), "{e}");
        }
        assert_eq!(title("tur", "GRC", PeriodBy::Week), "Turkey — Greece relations by week");
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn period(by: PeriodBy, start: NaiveDate, coop: u64, conf: u64) -> Period {
        Period {
            period: by.label(start),
            start,
            events: coop + conf,
            quad_counts: [coop, 0, conf, 0],
            goldstein_mean: None,
            goldstein_sum: coop as f64 * 3.0 - conf as f64 * 5.0,
            net_cooperation: coop as i64 - conf as i64,
            top_events: Vec::new(),
        }
    }

    #[test]
    fn two_years_of_days_are_drawn_by_week_and_labelled_by_month() {
        let mut periods = Vec::new();
        let mut d = day(2023, 1, 2);
        while d < day(2024, 12, 9) {
            periods.push(period(
                PeriodBy::Day,
                d,
                u64::from(d.day().is_multiple_of(3)),
                u64::from(d.day() == 7),
            ));
            d = d.succ_opt().unwrap();
        }
        assert!(periods.len() > 700);
        let (drawn, shown) = bars(&periods, PeriodBy::Day);
        assert_eq!(shown, PeriodBy::Week);
        assert!(drawn.len() <= MAX_BARS, "{}", drawn.len());
        let events: u64 = periods.iter().map(|p| p.events).sum();
        assert_eq!(
            drawn.iter().map(|b| b.events).sum::<u64>(),
            events,
            "grouping keeps every event"
        );
        let axis = TimeAxis::new(drawn[0].start, drawn.last().unwrap().end, shown);
        assert!((4..=12).contains(&axis.ticks.len()), "{:?}", axis.ticks);
        assert!(axis.ticks.iter().all(|t| t.1.contains("20")), "{:?}", axis.ticks);
        // a handful of months keeps one bar per month
        let months: Vec<Period> = (1..=6)
            .map(|m| period(PeriodBy::Month, day(2024, m, 1), 1, 1))
            .collect();
        let (drawn, shown) = bars(&months, PeriodBy::Month);
        assert_eq!((drawn.len(), shown), (6, PeriodBy::Month));
        assert_eq!(drawn[0].end, day(2024, 2, 1));
        // years are labelled by year
        let years = TimeAxis::new(day(2022, 1, 1), day(2025, 1, 1), PeriodBy::Year);
        let labels: Vec<&str> = years.ticks.iter().map(|t| t.1.as_str()).collect();
        assert_eq!(labels, ["2022", "2023", "2024"]);
    }

    #[test]
    fn an_empty_period_list_is_an_error_and_writes_nothing() {
        let rel = Relations {
            periods: Vec::new(),
            undated: 0,
            too_coarse: 0,
            coarse: Vec::new(),
        };
        let path = std::env::temp_dir().join(format!("dyad-plot-empty-{}.svg", std::process::id()));
        let e = plot_relations(&rel, "TUR", "EGY", PeriodBy::Month, &path)
            .unwrap_err()
            .to_string();
        assert!(e.contains("nothing to plot"), "{e}");
        assert!(!path.exists());
    }
}
