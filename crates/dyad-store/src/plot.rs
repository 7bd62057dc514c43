//! Charts of `dyad relations --plot`: a dyad's course over time, as SVG or PNG.
//!
//! The chart has two panels sharing the period axis:
//!
//! - **Goldstein**: the mean Goldstein value per period as a line (left axis, −10 to +10) and
//!   the sum per period as bars (right axis);
//! - **events**: the period's events as stacked bars, cooperation (quad classes 1 and 2) in
//!   green below conflict (quad classes 3 and 4) in red; a bar's height is the event count.
//!
//! Text is laid out with DejaVu Sans, embedded from the `dejavu` crate, so nothing is read from
//! the system or fetched: the SVG carries its text as `<text>` elements, the PNG as pixels.

use crate::query::{Period, PeriodBy, Relations};
use crate::{Result, StoreError};
use plotters::coord::ranged1d::{Ranged, ValueFormatter};
use plotters::coord::Shift;
use plotters::prelude::*;
use std::path::Path;
use std::sync::Once;

/// Width and height of a chart, in pixels (SVG user units).
pub const SIZE: (u32, u32) = (1200, 800);

const FONT: &str = "sans-serif";
const COOPERATION: RGBColor = RGBColor(46, 139, 87);
const CONFLICT: RGBColor = RGBColor(200, 50, 50);
const MEAN: RGBColor = RGBColor(30, 80, 180);
const SUM: RGBColor = RGBColor(170, 170, 200);

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

/// The word for a period in the title ("relations by month").
fn period_word(by: PeriodBy) -> &'static str {
    match by {
        PeriodBy::Day => "day",
        PeriodBy::Week => "week",
        PeriodBy::Month => "month",
        PeriodBy::Year => "year",
    }
}

/// The chart's title: "TUR — EGY relations by month".
pub fn title(a: &str, b: &str, by: PeriodBy) -> String {
    format!(
        "{} — {} relations by {}",
        a.trim().to_ascii_uppercase(),
        b.trim().to_ascii_uppercase(),
        period_word(by)
    )
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
    if rel.periods.is_empty() {
        return Err(StoreError::Invalid(format!(
            "no dated events between {} and {}: nothing to plot",
            a.trim().to_ascii_uppercase(),
            b.trim().to_ascii_uppercase()
        )));
    }
    register_fonts();
    let title = title(a, b, by);
    let fail = |what: String| StoreError::Output {
        path: path.display().to_string(),
        what,
    };
    // drawn into a temporary file, put in place when complete
    crate::output::write_path(path, |tmp| match kind {
        Kind::Svg => {
            let root = SVGBackend::new(tmp, SIZE).into_drawing_area();
            draw(&root, &title, &rel.periods).map_err(|e| fail(e.to_string()))?;
            root.present().map_err(|e| fail(e.to_string()))
        }
        Kind::Png => {
            let root = BitMapBackend::new(tmp, SIZE).into_drawing_area();
            draw(&root, &title, &rel.periods).map_err(|e| fail(e.to_string()))?;
            root.present().map_err(|e| fail(e.to_string()))
        }
    })
}

/// A symmetric range around zero holding every value, with some room.
fn symmetric(values: impl Iterator<Item = f64>) -> std::ops::Range<f64> {
    let m = values.fold(0.0f64, |m, v| m.max(v.abs()));
    let m = if m > 0.0 { m * 1.15 } else { 1.0 };
    -m..m
}

/// At most this many periods are labelled on the x axis.
const MAX_LABELS: usize = 16;

/// The x axis: period `i` is centred on `x = i`, labelled with its name.
#[derive(Clone)]
struct PeriodAxis {
    labels: Vec<String>,
}

impl Ranged for PeriodAxis {
    type FormatOption = plotters::coord::ranged1d::NoDefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let r = self.range();
        let frac = (value - r.start) / (r.end - r.start);
        limit.0 + (frac * f64::from(limit.1 - limit.0)).round() as i32
    }

    fn key_points<Hint: plotters::coord::ranged1d::KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        let n = self.labels.len();
        let step = n.div_ceil(hint.max_num_points().max(1)).max(1);
        (0..n).step_by(step).map(|i| i as f64).collect()
    }

    fn range(&self) -> std::ops::Range<f64> {
        -0.5..self.labels.len() as f64 - 0.5
    }
}

impl ValueFormatter<f64> for PeriodAxis {
    fn format_ext(&self, value: &f64) -> String {
        let i = value.round();
        if (value - i).abs() > 1e-6 || i < 0.0 {
            return String::new();
        }
        self.labels.get(i as usize).cloned().unwrap_or_default()
    }
}

type DrawResult<DB> = std::result::Result<(), DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

fn draw<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, title: &str, periods: &[Period]) -> DrawResult<DB> {
    root.fill(&WHITE)?;
    let root = root.titled(title, (FONT, 28).into_font().style(FontStyle::Bold))?;
    let (upper, lower) = root.split_vertically(SIZE.1 as i32 * 55 / 100 - 40);
    let n = periods.len();
    let axis = PeriodAxis {
        labels: periods.iter().map(|p| p.period.clone()).collect(),
    };
    let x = || axis.clone();
    let left = |i: usize| i as f64 - 0.4;
    let right = |i: usize| i as f64 + 0.4;
    let center = |i: usize| i as f64;

    // Goldstein: mean as a line (left axis), sum as bars (right axis).
    let mut gold = ChartBuilder::on(&upper)
        .margin(12)
        .caption("Goldstein scale", (FONT, 18))
        .x_label_area_size(40)
        .y_label_area_size(70)
        .right_y_label_area_size(70)
        .build_cartesian_2d(x(), -10.0f64..10.0f64)?
        .set_secondary_coord(x(), symmetric(periods.iter().map(|p| p.goldstein_sum)));
    gold.configure_mesh()
        .disable_x_mesh()
        .x_labels(MAX_LABELS)
        .x_desc("period")
        .y_desc("Goldstein mean per event (line)")
        .label_style((FONT, 14))
        .axis_desc_style((FONT, 15))
        .draw()?;
    gold.configure_secondary_axes()
        .y_desc("Goldstein sum per period (bars)")
        .label_style((FONT, 14))
        .axis_desc_style((FONT, 15))
        .draw()?;
    gold.draw_secondary_series(periods.iter().enumerate().map(|(i, p)| {
        let mut r = Rectangle::new([(left(i), 0.0), (right(i), p.goldstein_sum)], SUM.filled());
        r.set_margin(0, 0, 1, 1);
        r
    }))?
    .label("Goldstein sum")
    .legend(|(x, y)| Rectangle::new([(x, y - 6), (x + 14, y + 6)], SUM.filled()));
    gold.draw_series(std::iter::once(PathElement::new(
        vec![(-0.5, 0.0), (n as f64 - 0.5, 0.0)],
        BLACK.mix(0.4),
    )))?;
    // The mean is undefined for a period without events: the line breaks there.
    let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
    for (i, p) in periods.iter().enumerate() {
        match p.goldstein_mean {
            Some(m) => runs.last_mut().map_or((), |r| r.push((center(i), m))),
            None => runs.push(Vec::new()),
        }
    }
    gold.draw_series(
        runs.into_iter()
            .filter(|r| !r.is_empty())
            .map(|r| PathElement::new(r, MEAN.stroke_width(2))),
    )?
    .label("Goldstein mean")
    .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 14, y)], MEAN.stroke_width(2)));
    gold.draw_series(
        periods
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.goldstein_mean.map(|m| Circle::new((center(i), m), 3, MEAN.filled()))),
    )?;
    gold.configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .label_font((FONT, 14))
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK)
        .draw()?;

    // Events: cooperation and conflict, stacked.
    let coop = |p: &Period| (p.quad_counts[0] + p.quad_counts[1]) as f64;
    let conf = |p: &Period| (p.quad_counts[2] + p.quad_counts[3]) as f64;
    let top = periods.iter().map(|p| coop(p) + conf(p)).fold(0.0, f64::max);
    let top = if top > 0.0 { top * 1.15 } else { 1.0 };
    let mut events = ChartBuilder::on(&lower)
        .margin(12)
        .caption("events", (FONT, 18))
        .x_label_area_size(40)
        .y_label_area_size(70)
        .right_y_label_area_size(70)
        .build_cartesian_2d(x(), 0.0f64..top)?;
    events
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(MAX_LABELS)
        .y_label_formatter(&|v| format!("{v:.0}"))
        .x_desc("period")
        .y_desc("events per period")
        .label_style((FONT, 14))
        .axis_desc_style((FONT, 15))
        .draw()?;
    events
        .draw_series(periods.iter().enumerate().map(|(i, p)| {
            let mut r = Rectangle::new([(left(i), 0.0), (right(i), coop(p))], COOPERATION.filled());
            r.set_margin(0, 0, 1, 1);
            r
        }))?
        .label("cooperation (quad 1+2)")
        .legend(|(x, y)| Rectangle::new([(x, y - 6), (x + 14, y + 6)], COOPERATION.filled()));
    events
        .draw_series(periods.iter().enumerate().map(|(i, p)| {
            let mut r = Rectangle::new([(left(i), coop(p)), (right(i), coop(p) + conf(p))], CONFLICT.filled());
            r.set_margin(0, 0, 1, 1);
            r
        }))?
        .label("conflict (quad 3+4)")
        .legend(|(x, y)| Rectangle::new([(x, y - 6), (x + 14, y + 6)], CONFLICT.filled()));
    events
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
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
        assert_eq!(title("tur", "EGY", PeriodBy::Week), "TUR — EGY relations by week");
    }

    #[test]
    fn an_empty_period_list_is_an_error_and_writes_nothing() {
        let rel = Relations {
            periods: Vec::new(),
            undated: 0,
            too_coarse: 0,
        };
        let path = std::env::temp_dir().join(format!("dyad-plot-empty-{}.svg", std::process::id()));
        let e = plot_relations(&rel, "TUR", "EGY", PeriodBy::Month, &path)
            .unwrap_err()
            .to_string();
        assert!(e.contains("nothing to plot"), "{e}");
        assert!(!path.exists());
    }
}
