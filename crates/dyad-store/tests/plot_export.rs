//! Charts of `dyad relations --plot` (SVG, PNG) and the Parquet export, on a store of the
//! bundled example articles.

use dyad_store::{ingest, Filter, IngestOptions, PeriodBy, Store};
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
fn parquet_export_reads_back_with_the_csv_columns() {
    use arrow_array::{Array, Date32Array, Float64Array, Int64Array, StringArray, UInt8Array};
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    let dir = temp_dir("parquet");
    let store = example_store(&dir);
    let events = store.events(&Filter::default()).unwrap();
    assert!(!events.is_empty());
    let path = dir.join("events.parquet");
    let n = store
        .export_parquet(&Filter::default(), std::fs::File::create(&path).unwrap())
        .unwrap();
    assert_eq!(n, events.len() as u64);

    let file = std::fs::File::open(&path).unwrap();
    let builder = ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
    assert_eq!(builder.metadata().file_metadata().num_rows(), n as i64);
    let names: Vec<String> = builder.schema().fields().iter().map(|f| f.name().clone()).collect();
    assert_eq!(names, dyad_store::export::EVENT_CSV_HEADER);
    let batches: Vec<_> = builder.build().unwrap().collect::<Result<_, _>>().unwrap();
    assert_eq!(batches.iter().map(|b| b.num_rows()).sum::<usize>(), events.len());

    // The first row is the first event by id, as in the CSV export.
    let b = &batches[0];
    let col = |name: &str| b.column(b.schema().index_of(name).unwrap()).clone();
    let first = events.iter().min_by_key(|e| e.id).unwrap();
    let ids = col("id");
    let ids = ids.as_any().downcast_ref::<Int64Array>().unwrap();
    assert_eq!(ids.value(0), first.id);
    let cameo = col("cameo");
    assert_eq!(
        cameo.as_any().downcast_ref::<StringArray>().unwrap().value(0),
        first.cameo
    );
    let quad = col("quad_class");
    assert_eq!(
        quad.as_any().downcast_ref::<UInt8Array>().unwrap().value(0),
        first.quad_class
    );
    let gold = col("goldstein");
    assert_eq!(
        gold.as_any().downcast_ref::<Float64Array>().unwrap().value(0),
        first.goldstein
    );
    let text = col("text");
    assert_eq!(
        text.as_any().downcast_ref::<StringArray>().unwrap().value(0),
        first.text
    );
    let source = col("source_code");
    assert_eq!(source.is_null(0), first.source.code.is_none());
    // dates are typed: Date32 of the day (or the first day of a month or year), the precision
    // beside it, the publication date too
    for name in ["date", "reported"] {
        assert_eq!(
            b.schema().field_with_name(name).unwrap().data_type(),
            &arrow_schema::DataType::Date32,
            "{name}"
        );
    }
    let dates = col("date");
    let dates = dates.as_any().downcast_ref::<Date32Array>().unwrap();
    let precisions = col("date_precision");
    let precisions = precisions.as_any().downcast_ref::<StringArray>().unwrap();
    let (mut days, mut coarse) = (0, 0);
    for (i, e) in events.iter().enumerate().take(b.num_rows()) {
        let _ = e;
        if dates.is_null(i) {
            continue;
        }
        let d = dates.value_as_date(i).unwrap();
        match precisions.value(i) {
            "day" => days += 1,
            "month" | "year" => {
                assert_eq!(chrono::Datelike::day(&d), 1, "a month or year is its first day");
                coarse += 1;
            }
            p => panic!("precision {p:?}"),
        }
    }
    assert!(days > 0, "{days} {coarse}");

    // A filter that selects nothing still writes a valid, empty file.
    let empty = dir.join("empty.parquet");
    let none = Filter {
        actor: Some("ZZZ".into()),
        ..Filter::default()
    };
    assert_eq!(
        store
            .export_parquet(&none, std::fs::File::create(&empty).unwrap())
            .unwrap(),
        0
    );
    let reader = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&empty).unwrap()).unwrap();
    assert_eq!(reader.metadata().file_metadata().num_rows(), 0);
    let _ = std::fs::remove_dir_all(&dir);
}
