//! Parquet and Arrow IPC input against the CSV loader, on the GED 23.1 sample and a
//! synthetic file in several row groups and batches; bad inputs with their errors.

use super::*;
use crate::data::{Events, Ged};
use crate::events::{AggregateSpec, Attribution, EventColumns, EventTable, EventUnit, Period};
use crate::events::{aggregate, aggregate_columns};
use arrow_array::{ArrayRef, Date32Array, Float64Array, Int64Array, RecordBatch};
use arrow_array::{TimestampMicrosecondArray, UInt8Array, UInt16Array, UInt32Array};
use arrow_schema::{Field as ArrowField, Schema};
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn dir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("cs-columnar-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// How each column is written: GED's usual Int64/Date32, or narrower and other types.
#[derive(Clone, Copy, PartialEq)]
enum Types {
    Plain,
    Mixed,
}

fn int(v: impl Iterator<Item = i64>) -> ArrayRef {
    Arc::new(Int64Array::from_iter_values(v))
}

/// The columns every unit reads, from loaded events.
fn columns(e: &Events, types: Types) -> Vec<(&'static str, ArrayRef)> {
    let w = |v: &[u32]| int(v.iter().map(|&x| i64::from(x)));
    let days = |v: &[i32]| -> ArrayRef {
        match types {
            Types::Plain => Arc::new(Date32Array::from(v.to_vec())),
            Types::Mixed => Arc::new(TimestampMicrosecondArray::from_iter_values(
                v.iter().map(|&d| i64::from(d) * 86_400_000_000),
            )),
        }
    };
    let country: ArrayRef = match types {
        Types::Plain => int(e.country_id.iter().map(|&x| i64::from(x))),
        Types::Mixed => Arc::new(UInt16Array::from(e.country_id.clone())),
    };
    let prec: ArrayRef = match types {
        Types::Plain => int(e.date_prec.iter().map(|&x| i64::from(x))),
        Types::Mixed => Arc::new(UInt8Array::from(e.date_prec.clone())),
    };
    let best: ArrayRef = match types {
        Types::Plain => w(&e.best),
        Types::Mixed => Arc::new(UInt32Array::from(e.best.clone())),
    };
    let grid: ArrayRef = Arc::new(
        e.priogrid_gid
            .iter()
            .map(|&g| (g != 0).then_some(i64::from(g)))
            .collect::<Int64Array>(),
    );
    vec![
        ("id", int(e.id.iter().map(|&x| x as i64))),
        ("country_id", country),
        (
            "type_of_violence",
            int(e.type_of_violence.iter().map(|&x| i64::from(x))),
        ),
        ("conflict_new_id", w(&e.conflict_new_id)),
        ("priogrid_gid", grid),
        ("date_start", days(&e.date_start)),
        ("date_end", days(&e.date_end)),
        ("date_prec", prec),
        ("low", w(&e.low)),
        ("best", best),
        ("high", w(&e.high)),
    ]
}

fn batch(cols: Vec<(&'static str, ArrayRef)>) -> RecordBatch {
    let fields: Vec<ArrowField> = cols
        .iter()
        .map(|(n, a)| ArrowField::new(*n, a.data_type().clone(), true))
        .collect();
    let arrays = cols.into_iter().map(|(_, a)| a).collect();
    RecordBatch::try_new(Arc::new(Schema::new(fields)), arrays).unwrap()
}

fn write_parquet(path: &Path, b: &RecordBatch, row_group: usize, c: Compression) {
    let props = WriterProperties::builder()
        .set_max_row_group_row_count(Some(row_group))
        .set_compression(c)
        .build();
    let mut w = ArrowWriter::try_new(
        std::fs::File::create(path).unwrap(),
        b.schema(),
        Some(props),
    )
    .unwrap();
    w.write(b).unwrap();
    w.close().unwrap();
}

fn write_ipc(path: &Path, b: &RecordBatch, chunk: usize, stream: bool) {
    let f = std::fs::File::create(path).unwrap();
    let parts = (0..b.num_rows())
        .step_by(chunk)
        .map(|at| b.slice(at, chunk.min(b.num_rows() - at)));
    if stream {
        let mut w = arrow_ipc::writer::StreamWriter::try_new(f, &b.schema()).unwrap();
        parts.for_each(|p| w.write(&p).unwrap());
        w.finish().unwrap();
    } else {
        let mut w = arrow_ipc::writer::FileWriter::try_new(f, &b.schema()).unwrap();
        parts.for_each(|p| w.write(&p).unwrap());
        w.finish().unwrap();
    }
}

fn specs() -> Vec<AggregateSpec> {
    vec![
        AggregateSpec::new(EventUnit::Country, Period::Month),
        AggregateSpec::new(EventUnit::Country, Period::Year).attribution(Attribution::StartMonth),
        AggregateSpec::new(EventUnit::Conflict, Period::Year).attribution(Attribution::EndMonth),
        AggregateSpec::new(EventUnit::PrioGrid, Period::Year).max_date_prec(3),
    ]
}

/// `t` without its source label (a file's label differs from the CSV's).
fn cells(mut t: EventTable) -> EventTable {
    t.source.clear();
    t
}

fn sample_v23_1() -> Ged {
    Ged::embedded(Some("23.1")).unwrap()
}

/// Every format and layout of `events` gives `expected(spec)`, with the file's SHA-256.
fn check_all_formats(
    name: &str,
    events: &Events,
    types: Types,
    expected: impl Fn(&AggregateSpec) -> EventTable,
) {
    let d = dir();
    let b = batch(columns(events, types));
    let files = [
        (d.join(format!("{name}.parquet")), None),
        (d.join(format!("{name}.arrow")), Some(false)),
        (d.join(format!("{name}.arrows")), Some(true)),
    ];
    write_parquet(
        &files[0].0,
        &b,
        300,
        Compression::ZSTD(ZstdLevel::default()),
    );
    write_ipc(&files[1].0, &b, 250, false);
    write_ipc(&files[2].0, &b, 400, true);
    for (path, _) in &files {
        let sha = crate::data::registry::sha256_hex(&std::fs::read(path).unwrap());
        for spec in specs() {
            for rows in [97, DEFAULT_BATCH_ROWS] {
                let (t, p) = aggregate_file(path, None, &spec, rows).unwrap();
                assert_eq!(
                    cells(t),
                    cells(expected(&spec)),
                    "{} {spec:?} {rows}",
                    path.display()
                );
                assert_eq!(p.sha256, sha);
            }
        }
    }
}

#[test]
fn ged_v23_1_sample_parquet_and_ipc_equal_the_csv_loader() {
    let ged = sample_v23_1();
    assert_eq!(ged.provenance.version, "23.1");
    check_all_formats("sample", &ged.events, Types::Plain, |spec| {
        aggregate(&ged, spec).unwrap()
    });
}

#[test]
fn ged_v23_1_sample_repeated_in_row_groups_and_batches_equals_one_aggregation() {
    // The 23.1 sample five times over (5,000 events): 17 row groups, 52 batches of 97 rows,
    // other integer types and microsecond timestamps at midnight.
    let ged = sample_v23_1();
    let mut all = Events::default();
    for _ in 0..5 {
        let mut e = ged.events.clone();
        all.country_id.append(&mut e.country_id);
        all.type_of_violence.append(&mut e.type_of_violence);
        all.conflict_new_id.append(&mut e.conflict_new_id);
        all.priogrid_gid.append(&mut e.priogrid_gid);
        all.date_start.append(&mut e.date_start);
        all.date_end.append(&mut e.date_end);
        all.date_prec.append(&mut e.date_prec);
        all.low.append(&mut e.low);
        all.best.append(&mut e.best);
        all.high.append(&mut e.high);
        all.id.append(&mut e.id);
    }
    check_all_formats("synthetic", &all, Types::Mixed, |spec| {
        aggregate_columns(&EventColumns::from(&all), spec, "").unwrap()
    });
    let t = aggregate(&ged, &specs()[0]).unwrap();
    let five = aggregate_columns(&EventColumns::from(&all), &specs()[0], "").unwrap();
    assert_eq!(five.total_best(), 5 * t.total_best());
}

/// The sample with column `name` replaced by `array`, written as Parquet.
fn bad_file(file: &str, name: &str, array: Option<ArrayRef>) -> PathBuf {
    let ged = sample_v23_1();
    let mut cols = columns(&ged.events, Types::Plain);
    match array {
        Some(a) => cols.iter_mut().find(|(n, _)| *n == name).unwrap().1 = a,
        None => cols.retain(|(n, _)| *n != name),
    }
    let path = dir().join(file);
    write_parquet(&path, &batch(cols), 300, Compression::SNAPPY);
    path
}

fn columnar_error(path: &Path, spec: &AggregateSpec) -> ColumnarError {
    match aggregate_file(path, None, spec, 97) {
        Err(crate::Error::Columnar(e)) => *e,
        other => panic!("expected a columnar error, got {other:?}"),
    }
}

#[test]
fn bad_columnar_inputs_are_typed_errors_with_file_column_and_row() {
    let spec = AggregateSpec::new(EventUnit::Country, Period::Year);
    let floats: ArrayRef = Arc::new(Float64Array::from(vec![1.0; 1000]));
    let p = bad_file("float_best.parquet", "best", Some(floats));
    let e = columnar_error(&p, &spec);
    assert!(
        matches!(&e, ColumnarError::WrongType { column, found, .. } if column == "best" && found == "Float64"),
        "{e}"
    );
    assert_eq!(e.kind(), crate::ErrorKind::Schema);
    assert_eq!(e.file(), p.display().to_string());

    let mut low: Vec<Option<i64>> = vec![Some(1); 1000];
    low[450] = None;
    let p = bad_file(
        "null_low.parquet",
        "low",
        Some(Arc::new(Int64Array::from(low))),
    );
    let e = columnar_error(&p, &spec);
    assert!(
        matches!(&e, ColumnarError::Null { column, row: 450, .. } if column == "low"),
        "{e}"
    );
    assert!(
        e.to_string()
            .contains("row 450, column `low`: expected a number of deaths"),
        "{e}"
    );

    let mut country = vec![652i64; 1000];
    country[999] = 1000;
    let p = bad_file(
        "country_1000.parquet",
        "country_id",
        Some(int(country.into_iter())),
    );
    let e = columnar_error(&p, &spec);
    assert!(
        matches!(&e, ColumnarError::InvalidValue { row: 999, value, .. } if value == "1000"),
        "{e}"
    );
    assert_eq!(e.expected(), Some("a Gleditsch–Ward code 1–999"));

    let noon: ArrayRef = Arc::new(TimestampMicrosecondArray::from_iter_values(
        (0..1000).map(|i| (18_000 + i) * 86_400_000_000 + 43_200_000_000),
    ));
    let p = bad_file("noon.parquet", "date_end", Some(noon));
    let e = columnar_error(&p, &spec);
    assert!(
        matches!(&e, ColumnarError::InvalidValue { row: 0, column, .. } if column == "date_end"),
        "{e}"
    );

    let p = bad_file("no_country.parquet", "country_id", None);
    let e = columnar_error(&p, &spec);
    assert!(
        matches!(&e, ColumnarError::MissingColumn { column, .. } if column == "country_id"),
        "{e}"
    );
    // The conflict unit does not read country_id: the same file aggregates.
    assert!(aggregate_file(&p, None, &specs()[2], 97).is_ok());

    let p = dir().join("not.parquet");
    std::fs::write(&p, b"id,year\n1,2020\n").unwrap();
    assert!(matches!(
        columnar_error(&p, &spec),
        ColumnarError::Format {
            format: "Parquet",
            ..
        }
    ));
    let strings: ArrayRef = Arc::new(arrow_array::StringArray::from(vec!["2020-01-01"; 1000]));
    let p = bad_file("string_dates.parquet", "date_start", Some(strings));
    let e = columnar_error(&p, &spec);
    assert!(
        matches!(&e, ColumnarError::WrongType { found, .. } if found == "Utf8"),
        "{e}"
    );
}

#[test]
fn whole_file_read_equals_streamed_and_the_format_comes_from_the_extension_or_is_named() {
    let ged = sample_v23_1();
    let b = batch(columns(&ged.events, Types::Plain));
    let path = dir().join("sample.events");
    write_parquet(&path, &b, 128, Compression::LZ4_RAW);
    let spec = specs()[0];
    assert!(matches!(
        aggregate_file(&path, None, &spec, 97),
        Err(crate::Error::InvalidSpec(_))
    ));
    let (streamed, _) = aggregate_file(&path, Some(FileFormat::Parquet), &spec, 97).unwrap();
    let (whole, p) = read_file(&path, Some(FileFormat::Parquet), spec.unit).unwrap();
    assert_eq!(whole.len(), 1000);
    let t = aggregate_columns(&whole.columns(), &spec, &p.source_label()).unwrap();
    assert_eq!(t, streamed);
    // A file is never a verified GED release: the status is beside the source.
    assert_eq!(t.source, "ucdp-ged-sample unknown (unregistered)");
}

/// The in-place check splits large columns over the threads: it still names the first bad
/// row (whichever thread's share it is in), for every integer type read in place.
#[test]
fn in_place_check_names_the_first_bad_row_over_threads() {
    let field = |name: &str| FIELDS.iter().find(|f| f.name == name).unwrap();
    let row = |e: ColumnarError| match e {
        ColumnarError::InvalidValue { row, value, .. } => (row, value),
        other => panic!("{other:?}"),
    };
    let prec = field("date_prec");
    let mut v = vec![3i32; 600_000];
    assert!(check_in_place("x", prec, 0, &v).is_ok());
    v[599_999] = 6;
    assert_eq!(
        row(check_in_place("x", prec, 10, &v).unwrap_err()),
        (600_009, "6".into())
    );
    v[300_001] = 0;
    assert_eq!(
        row(check_in_place("x", prec, 0, &v).unwrap_err()),
        (300_001, "0".into())
    );
    let deaths = field("best");
    let mut w = vec![7i64; 600_000];
    assert!(check_in_place("x", deaths, 0, &w).is_ok());
    w[450_000] = 1 << 32;
    assert_eq!(
        row(check_in_place("x", deaths, 0, &w).unwrap_err()),
        (450_000, "4294967296".into())
    );
    let country = field("country_id");
    let mut c = vec![652u16; 600_000];
    assert!(check_in_place("x", country, 0, &c).is_ok());
    c[5] = 1000;
    assert_eq!(
        row(check_in_place("x", country, 0, &c).unwrap_err()),
        (5, "1000".into())
    );
}
