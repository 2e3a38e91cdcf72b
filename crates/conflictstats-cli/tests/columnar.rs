//! `panel events --ged-file F.parquet|F.arrow`: the GED 23.1 sample written as Parquet and
//! Arrow IPC gives the rows of the CSV path, in the same envelope; a bad file exits with the
//! column and row.

use arrow_array::{ArrayRef, Date32Array, Float64Array, Int64Array, RecordBatch};
use arrow_schema::{Field, Schema};
use conflictstats::data::Ged;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;

const GED_V23_1: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/ucdp-ged-sample/ged231_sample_1000.csv"
);

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_conflictstats"))
        .args(args)
        .output()
        .unwrap()
}

/// The sample's columns as GED's Int64/Date32; `best` replaced by `best` when given.
fn sample_batch(best: Option<ArrayRef>) -> RecordBatch {
    let ged = Ged::from_path(GED_V23_1).unwrap();
    assert_eq!(ged.provenance.version, "23.1");
    let e = &ged.events;
    let int = |v: Vec<i64>| -> ArrayRef { Arc::new(Int64Array::from(v)) };
    let wide = |v: &[u32]| int(v.iter().map(|&x| i64::from(x)).collect());
    let cols: Vec<(&str, ArrayRef)> = vec![
        (
            "country_id",
            int(e.country_id.iter().map(|&x| i64::from(x)).collect()),
        ),
        (
            "type_of_violence",
            int(e.type_of_violence.iter().map(|&x| i64::from(x)).collect()),
        ),
        ("conflict_new_id", wide(&e.conflict_new_id)),
        ("priogrid_gid", wide(&e.priogrid_gid)),
        (
            "date_start",
            Arc::new(Date32Array::from(e.date_start.clone())),
        ),
        ("date_end", Arc::new(Date32Array::from(e.date_end.clone()))),
        (
            "date_prec",
            int(e.date_prec.iter().map(|&x| i64::from(x)).collect()),
        ),
        ("low", wide(&e.low)),
        ("best", best.unwrap_or_else(|| wide(&e.best))),
        ("high", wide(&e.high)),
    ];
    let schema = Schema::new(
        cols.iter()
            .map(|(n, a)| Field::new(*n, a.data_type().clone(), false))
            .collect::<Vec<_>>(),
    );
    RecordBatch::try_new(Arc::new(schema), cols.into_iter().map(|(_, a)| a).collect()).unwrap()
}

fn dir() -> PathBuf {
    let d = std::env::temp_dir().join(format!("cs-cli-columnar-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn write_parquet(path: &Path, b: &RecordBatch) {
    let props = parquet::file::properties::WriterProperties::builder()
        .set_max_row_group_row_count(Some(300))
        .build();
    let f = std::fs::File::create(path).unwrap();
    let mut w = parquet::arrow::ArrowWriter::try_new(f, b.schema(), Some(props)).unwrap();
    w.write(b).unwrap();
    w.close().unwrap();
}

fn write_ipc(path: &Path, b: &RecordBatch) {
    let f = std::fs::File::create(path).unwrap();
    let mut w = arrow_ipc::writer::FileWriter::try_new(f, &b.schema()).unwrap();
    for at in (0..b.num_rows()).step_by(400) {
        w.write(&b.slice(at, 400.min(b.num_rows() - at))).unwrap();
    }
    w.finish().unwrap();
}

fn rows(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for r in v["rows"].as_array_mut().unwrap() {
        r.as_object_mut().unwrap().remove("source");
    }
    v["rows"].take()
}

#[test]
fn ged_v23_1_parquet_and_arrow_files_give_the_csv_rows() {
    let d = dir();
    let b = sample_batch(None);
    let (pq, arrow, other) = (
        d.join("ged.parquet"),
        d.join("ged.arrow"),
        d.join("ged.bin"),
    );
    write_parquet(&pq, &b);
    write_ipc(&arrow, &b);
    write_parquet(&other, &b);
    for args in [
        &["--period", "month"][..],
        &["--unit", "conflict", "--attribution", "start-month"],
        &["--unit", "priogrid", "--max-date-prec", "4"],
    ] {
        let csv = run(&[
            &[
                "panel",
                "events",
                "--format",
                "json",
                "--ged-file",
                GED_V23_1,
            ],
            args,
        ]
        .concat());
        let expected = rows(&csv);
        assert!(!expected.as_array().unwrap().is_empty());
        for file in [&pq, &arrow] {
            let f = file.to_str().unwrap();
            let out = run(&[
                &["panel", "events", "--format", "json", "--ged-file", f],
                args,
            ]
            .concat());
            assert_eq!(rows(&out), expected, "{f} {args:?}");
        }
        let f = other.to_str().unwrap();
        let named = [
            "panel",
            "events",
            "--format",
            "json",
            "--events-format",
            "parquet",
            "--ged-file",
            f,
        ];
        assert_eq!(rows(&run(&[&named[..], args].concat())), expected);
    }
    let out = run(&[
        "panel",
        "events",
        "--format",
        "json",
        "--ged-file",
        pq.to_str().unwrap(),
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let sha = conflictstats::data::registry::sha256_hex(&std::fs::read(&pq).unwrap());
    assert_eq!(v["datasets"][0]["sha256"], sha.as_str());
    assert_eq!(v["result"]["totals"]["best"], 9561);
}

#[test]
fn a_float_deaths_column_exits_naming_the_file_and_column() {
    let p = dir().join("float.parquet");
    write_parquet(
        &p,
        &sample_batch(Some(Arc::new(Float64Array::from(vec![1.0; 1000])))),
    );
    let out = run(&["panel", "events", "--ged-file", p.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("column `best` is Float64; expected an integer type"),
        "{err}"
    );
    assert!(err.contains("float.parquet"), "{err}");
}
