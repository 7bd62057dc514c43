//! Charts of `dyad relations --plot` (SVG, PNG) and the Parquet export, on a store of the
//! bundled example articles; the Parquet export on both backends ([`common::backends`]).

mod common;

use dyad_store::{ingest, EventSource, Filter, IngestOptions, PeriodBy, Store};
use std::path::{Path, PathBuf};

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("dyad-store-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A store holding the example articles (TUR–EGY events in 2024-02 and 2024-09).
fn example_store(dir: &Path) -> Store {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/articles");
    let dyad::ingest::files::Expanded { files, errors, .. } = dyad_store::ingest::expand(&[examples]);
    assert!(errors.is_empty(), "{errors:?}");
    let mut store = Store::open(dir.join("dyad.db")).unwrap();
    ingest(&mut store, &files, &IngestOptions::default(), &mut |_| {}).unwrap();
    store
}

#[cfg(feature = "plot")]
#[test]
fn relations_plot_as_svg_with_title_axis_labels_and_periods_and_as_png() {
    use dyad_store::plot::plot_relations;
    let dir = temp_dir("plot");
    let store = example_store(&dir);
    let rel = store.relations("TUR", "EGY", PeriodBy::Month, None, None, 1).unwrap();
    assert!(!rel.periods.is_empty());

    let svg = dir.join("tur-egy.svg");
    plot_relations(&rel, "tur", "egy", PeriodBy::Month, &svg).unwrap();
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.starts_with("<svg"), "{}", &text[..text.len().min(200)]);
    for want in [
        "Turkey — Egypt relations by month",
        "Goldstein mean",
        "dot size and number: events behind it",
        "events per month (stacked)",
        "date",
        "cooperation (quad 1+2)",
        "conflict (quad 3+4)",
        "Feb 2024",
    ] {
        assert!(text.contains(want), "the SVG lacks {want:?}");
    }
    // one quantity per axis: no second (sum) axis
    assert!(!text.contains("Goldstein sum"), "a second y axis");

    let weeks = store.relations("TUR", "EGY", PeriodBy::Week, None, None, 1).unwrap();
    let png = dir.join("tur-egy.png");
    plot_relations(&weeks, "TUR", "EGY", PeriodBy::Week, &png).unwrap();
    let bytes = std::fs::read(&png).unwrap();
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG signature");
    assert!(bytes.len() > 10_000, "a PNG of only {} bytes", bytes.len());
    // IHDR: width and height as big-endian u32 after the signature and chunk header.
    let size = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    assert_eq!((size(16), size(20)), dyad_store::plot::SIZE);

    let e = plot_relations(&rel, "TUR", "EGY", PeriodBy::Month, &dir.join("x.jpg"))
        .unwrap_err()
        .to_string();
    assert!(e.contains(".svg or .png"), "{e}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_export_reads_back_with_the_csv_columns_typed() {
    use parquet::basic::{ConvertedType, Type as Physical};
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::{Field, RowAccessor};

    let mut files = Vec::new();
    for b in common::backends("parquet") {
        let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/articles");
        let mut store = b.open("dyad");
        store
            .ingest_files(
                &dyad_store::ingest::expand(&[examples]).files,
                &IngestOptions::default(),
                &mut |_| {},
            )
            .unwrap();
        let store = store.as_ref();
        let events = store.events(&Filter::default()).unwrap();
        assert!(!events.is_empty());
        let path = std::env::temp_dir().join(format!("dyad-parquet-{}-{}.parquet", b.name, std::process::id()));
        let n = dyad_store::export::export_parquet(store, &Filter::default(), std::fs::File::create(&path).unwrap())
            .unwrap();
        assert_eq!(n, events.len() as u64);

        let reader = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
        let meta = reader.metadata().file_metadata();
        assert_eq!(meta.num_rows(), n as i64);
        let schema = meta.schema_descr();
        let names: Vec<&str> = schema.columns().iter().map(|c| c.name()).collect();
        assert_eq!(names, dyad_store::export::EVENT_CSV_HEADER);
        // dates are typed: DATE (Arrow's Date32) for the event and the report, the precision beside
        let col = |name: &str| schema.column(names.iter().position(|n| *n == name).unwrap());
        for name in ["date", "reported"] {
            assert_eq!(col(name).physical_type(), Physical::INT32, "{name}");
            assert_eq!(col(name).converted_type(), ConvertedType::DATE, "{name}");
        }
        assert_eq!(col("quad_class").converted_type(), ConvertedType::UINT_8);
        assert_eq!(col("added_at").converted_type(), ConvertedType::TIMESTAMP_MILLIS);
        for name in ["location_lat", "location_lon"] {
            assert_eq!(col(name).physical_type(), Physical::DOUBLE, "{name}");
        }
        // after added_at: the location's columns, then PLOVER's, which end the file
        let tail = &names[names.len() - 9..];
        assert_eq!(
            tail,
            [
                "added_at",
                "location",
                "location_country",
                "location_lat",
                "location_lon",
                "plover_type",
                "plover_mode",
                "plover_context",
                "plover_aux"
            ]
        );

        // The rows are the events by id, as in the CSV export.
        let mut by_id = events.clone();
        by_id.sort_by_key(|e| e.id);
        let rows: Vec<parquet::record::Row> = reader.get_row_iter(None).unwrap().map(Result::unwrap).collect();
        assert_eq!(rows.len(), by_id.len());
        let at = |name: &str| names.iter().position(|n| *n == name).unwrap();
        let (mut days, mut coarse, mut typed, mut located) = (0, 0, 0, 0);
        for (row, e) in rows.iter().zip(&by_id) {
            assert_eq!(row.get_long(at("id")).unwrap(), e.id);
            assert_eq!(row.get_string(at("cameo")).unwrap(), &e.cameo);
            assert_eq!(row.get_ubyte(at("quad_class")).unwrap(), e.quad_class);
            assert_eq!(row.get_double(at("goldstein")).unwrap(), e.goldstein);
            assert_eq!(row.get_string(at("text")).unwrap(), &e.text);
            assert_eq!(row.get_bool(at("root_event")).unwrap(), e.root_event);
            let fields: Vec<&Field> = row.get_column_iter().map(|(_, f)| f).collect();
            assert_eq!(
                matches!(fields[at("source_code")], Field::Null),
                e.source.code.is_none()
            );
            match (fields[at("date")], e.date.as_deref()) {
                (Field::Date(d), Some(text)) => {
                    let day =
                        chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap() + chrono::Duration::days(i64::from(*d));
                    match e.date_precision.as_deref() {
                        Some("day") => {
                            assert_eq!(day.to_string(), text);
                            days += 1;
                        }
                        _ => {
                            assert!(day.to_string().starts_with(text), "{day} is the first day of {text}");
                            coarse += 1;
                        }
                    }
                }
                (Field::Null, None) => {}
                (f, d) => panic!("date {f:?} for {d:?}"),
            }
            match (fields[at("reported")], e.reported.as_deref()) {
                (Field::Date(_), Some(_)) | (Field::Null, None) => {}
                (f, d) => panic!("reported {f:?} for {d:?}"),
            }
            // PLOVER, as in the CSV: type and mode, contexts and auxiliary modes comma-separated
            match (fields[at("plover_type")], &e.plover) {
                (Field::Str(t), Some(p)) => {
                    typed += 1;
                    assert_eq!(t, &p.event_type);
                    let mode = match fields[at("plover_mode")] {
                        Field::Str(m) => Some(m.clone()),
                        Field::Null => None,
                        f => panic!("plover_mode {f:?}"),
                    };
                    assert_eq!(mode, p.mode);
                    assert_eq!(row.get_string(at("plover_context")).unwrap(), &p.context.join(","));
                    assert_eq!(row.get_string(at("plover_aux")).unwrap(), &p.aux.join(","));
                }
                (Field::Null, None) => {}
                (f, p) => panic!("plover_type {f:?} for {p:?}"),
            }
            // the location, as in the CSV, with its coordinates as numbers
            match (fields[at("location")], &e.location) {
                (Field::Str(name), Some(l)) => {
                    located += 1;
                    assert_eq!(name, &l.full_name);
                    assert_eq!(row.get_string(at("location_country")).unwrap(), &l.country);
                    assert_eq!(row.get_double(at("location_lat")).unwrap(), l.lat);
                    assert_eq!(row.get_double(at("location_lon")).unwrap(), l.lon);
                }
                (Field::Null, None) => {
                    for c in ["location_country", "location_lat", "location_lon"] {
                        assert!(matches!(fields[at(c)], Field::Null), "{c} without a location");
                    }
                }
                (f, l) => panic!("location {f:?} for {l:?}"),
            }
        }
        assert!(days > 0, "{days} day-precise, {coarse} coarse");
        assert!(typed > 0, "no event has a PLOVER type");
        assert!(located > 0, "no event has a location");

        // A filter that selects nothing still writes a valid, empty file.
        let empty = path.with_extension("empty.parquet");
        let none = Filter {
            actor: Some("ZZZ".into()),
            ..Filter::default()
        };
        assert_eq!(
            dyad_store::export::export_parquet(store, &none, std::fs::File::create(&empty).unwrap()).unwrap(),
            0
        );
        let reader = SerializedFileReader::new(std::fs::File::open(&empty).unwrap()).unwrap();
        assert_eq!(reader.metadata().file_metadata().num_rows(), 0);
        let _ = std::fs::remove_file(&empty);
        files.push(path);
    }
    // Both backends write the same rows (but for the time each event was stored).
    let rows = |path: &PathBuf| -> Vec<String> {
        let reader = SerializedFileReader::new(std::fs::File::open(path).unwrap()).unwrap();
        reader
            .get_row_iter(None)
            .unwrap()
            .map(|r| {
                let r = r.unwrap();
                r.get_column_iter()
                    .filter(|(name, _)| name.as_str() != "added_at")
                    .map(|(name, v)| format!("{name}={v}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    };
    if let [a, b] = &files[..] {
        assert_eq!(rows(a), rows(b));
    }
    for f in files {
        let _ = std::fs::remove_file(f);
    }
}
