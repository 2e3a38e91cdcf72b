//! Parquet and Arrow IPC files through arrow-rs: the schema checked before any data is read,
//! only the needed columns decoded (a projection), record batches converted and checked one
//! at a time, the file's SHA-256 computed on another thread beside the decoding.

use super::batch::{checked_days, checked_ints, checked_timestamp_days};
use super::needed_columns;
use super::{
    ColumnarError, DEFAULT_BATCH_ROWS, EventBatch, Field, FieldKind, FileFormat, StreamingAggregate,
};
use crate::data::Provenance;
use crate::error::{Error, Result};
use crate::events::{AggregateSpec, EventTable, EventUnit};
use arrow_array::cast::AsArray;
use arrow_array::types::{
    Date32Type, Date64Type, Int8Type, Int16Type, Int32Type, Int64Type, TimestampMicrosecondType,
    TimestampMillisecondType, TimestampNanosecondType, TimestampSecondType, UInt8Type, UInt16Type,
    UInt32Type, UInt64Type,
};
use arrow_array::{Array, RecordBatch};
use arrow_schema::{ArrowError, DataType, Schema, TimeUnit};
use std::fs::File;
use std::path::Path;

/// Aggregates the events of a Parquet or Arrow IPC file under `spec`, streaming: batches of
/// `batch_rows` events (Parquet; an IPC file's batches are as written) are checked,
/// aggregated and merged exactly one at a time. `format`: `None` to go by the extension.
///
/// # Errors
/// [`Error::Io`] if the file cannot be read; [`Error::Columnar`] for a missing column, a
/// wrong type, a null or a value out of range (with the row), or bytes that are not the
/// format; what the kernel reports for an event ending before it starts.
pub fn aggregate_file(
    path: &Path,
    format: Option<FileFormat>,
    spec: &AggregateSpec,
    batch_rows: usize,
) -> Result<(EventTable, Provenance)> {
    let hashing = hash_beside(path);
    // The source is known once the bytes are hashed: set on the merged table at the end.
    let mut agg = StreamingAggregate::new(*spec, "");
    for_each_batch(path, format, spec.unit, batch_rows, |b| agg.push(&b))?;
    let provenance = provenance(&path.display().to_string(), hashing)?;
    let mut table = agg.finish()?;
    table.source = provenance.source_label();
    Ok((table, provenance))
}

/// Reads the columns `unit` needs from a Parquet or Arrow IPC file into one batch (the whole
/// file in memory: what [`aggregate_file`] avoids), checked as [`aggregate_file`] checks them.
///
/// # Errors
/// As [`aggregate_file`].
pub fn read_file(
    path: &Path,
    format: Option<FileFormat>,
    unit: EventUnit,
) -> Result<(EventBatch, Provenance)> {
    let hashing = hash_beside(path);
    let mut all = EventBatch::default();
    for_each_batch(path, format, unit, DEFAULT_BATCH_ROWS, |mut b| {
        all.append(&mut b);
        Ok(())
    })?;
    Ok((all, provenance(&path.display().to_string(), hashing)?))
}

type Hashing = std::thread::JoinHandle<std::io::Result<String>>;

/// Starts hashing the file's bytes on another thread.
fn hash_beside(path: &Path) -> Hashing {
    let path = path.to_path_buf();
    std::thread::spawn(move || super::sha256_file(&path))
}

fn provenance(label: &str, hashing: Hashing) -> Result<Provenance> {
    let io = |source| Error::Io {
        file: label.to_string(),
        source,
    };
    let sha = hashing
        .join()
        .map_err(|_| io(std::io::Error::other("the hashing thread panicked")))?
        .map_err(io)?;
    Ok(super::provenance_of(label, sha))
}

/// Opens the file, checks its schema, and calls `f` with each checked batch in file order;
/// returns the number of rows read.
fn for_each_batch(
    path: &Path,
    format: Option<FileFormat>,
    unit: EventUnit,
    batch_rows: usize,
    mut f: impl FnMut(EventBatch) -> Result<()>,
) -> Result<u64> {
    let format = FileFormat::of(path, format)?;
    let label = path.display().to_string();
    let fields = needed_columns(unit);
    let bad = |e: ArrowError| Error::from(format_error(&label, format, &e.to_string()));
    let batches = match format {
        FileFormat::Parquet => parquet_batches(path, &label, &fields, unit, batch_rows.max(1))?,
        FileFormat::ArrowIpc => ipc_batches(path, &label, &fields, unit)?,
    };
    let mut row0 = 0u64;
    for b in batches {
        let b = b.map_err(bad)?;
        let n = b.num_rows() as u64;
        f(to_event_batch(&label, &fields, row0, &b)?)?;
        row0 += n;
    }
    Ok(row0)
}

type Batches = Box<dyn Iterator<Item = std::result::Result<RecordBatch, ArrowError>>>;

fn open(path: &Path, label: &str) -> Result<File> {
    File::open(path).map_err(|source| Error::Io {
        file: label.to_string(),
        source,
    })
}

fn format_error(label: &str, format: FileFormat, message: &str) -> ColumnarError {
    ColumnarError::Format {
        file: label.to_string(),
        format: format.name(),
        message: message.to_string(),
    }
}

fn parquet_batches(
    path: &Path,
    label: &str,
    fields: &[&Field],
    unit: EventUnit,
    batch_rows: usize,
) -> Result<Batches> {
    use parquet::arrow::ProjectionMask;
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    let bad = |e: parquet::errors::ParquetError| {
        Error::from(format_error(label, FileFormat::Parquet, &e.to_string()))
    };
    let builder = ParquetRecordBatchReaderBuilder::try_new(open(path, label)?).map_err(bad)?;
    let roots = check_schema(label, builder.schema(), fields, unit)?;
    let mask = ProjectionMask::roots(builder.parquet_schema(), roots);
    let reader = builder
        .with_projection(mask)
        .with_batch_size(batch_rows)
        .build()
        .map_err(bad)?;
    Ok(Box::new(reader))
}

fn ipc_batches(path: &Path, label: &str, fields: &[&Field], unit: EventUnit) -> Result<Batches> {
    use arrow_ipc::reader::{FileReader, StreamReader};
    use std::io::{BufReader, Read as _};
    let bad =
        |e: ArrowError| Error::from(format_error(label, FileFormat::ArrowIpc, &e.to_string()));
    let mut magic = [0u8; 6];
    let is_file = open(path, label)?.read_exact(&mut magic).is_ok() && &magic == b"ARROW1";
    if is_file {
        let schema = FileReader::try_new(open(path, label)?, None)
            .map_err(bad)?
            .schema();
        let cols = check_schema(label, &schema, fields, unit)?;
        let r = FileReader::try_new_buffered(open(path, label)?, Some(cols)).map_err(bad)?;
        Ok(Box::new(r))
    } else {
        let schema = StreamReader::try_new(BufReader::new(open(path, label)?), None)
            .map_err(bad)?
            .schema();
        let cols = check_schema(label, &schema, fields, unit)?;
        let r = StreamReader::try_new_buffered(open(path, label)?, Some(cols)).map_err(bad)?;
        Ok(Box::new(r))
    }
}

/// The indices of `fields` in `schema` (sorted, as projections want them), after checking
/// that each is present once with an accepted type.
fn check_schema(
    label: &str,
    schema: &Schema,
    fields: &[&Field],
    unit: EventUnit,
) -> Result<Vec<usize>, ColumnarError> {
    let mut idx = Vec::with_capacity(fields.len());
    for f in fields {
        let mut at = schema
            .fields()
            .iter()
            .enumerate()
            .filter(|(_, c)| c.name() == f.name);
        let Some((i, col)) = at.next() else {
            return Err(ColumnarError::MissingColumn {
                file: label.to_string(),
                column: f.name.to_string(),
                unit: unit.key(),
                needed: fields.iter().map(|f| f.name).collect::<Vec<_>>().join(", "),
            });
        };
        if at.next().is_some() {
            return Err(ColumnarError::DuplicateColumn {
                file: label.to_string(),
                column: f.name.to_string(),
            });
        }
        if !accepted(f, col.data_type()) {
            return Err(ColumnarError::WrongType {
                file: label.to_string(),
                column: f.name.to_string(),
                found: col.data_type().to_string(),
                expected: expected_types(f).to_string(),
            });
        }
        idx.push(i);
    }
    idx.sort_unstable();
    Ok(idx)
}

fn accepted(f: &Field, t: &DataType) -> bool {
    match f.kind {
        FieldKind::Int { .. } => t.is_integer(),
        FieldKind::Date => matches!(
            t,
            DataType::Date32 | DataType::Date64 | DataType::Timestamp(_, None)
        ),
    }
}

fn expected_types(f: &Field) -> &'static str {
    match f.kind {
        FieldKind::Int { .. } => "an integer type (Int8–Int64, UInt8–UInt64)",
        FieldKind::Date => "Date32, Date64 or a timestamp without time zone",
    }
}

/// The needed columns of `b` (rows `row0..` of the file), checked, in the kernel's types.
fn to_event_batch(
    label: &str,
    fields: &[&Field],
    row0: u64,
    b: &RecordBatch,
) -> Result<EventBatch, ColumnarError> {
    let mut out = EventBatch::default();
    for f in fields {
        let a = b
            .column_by_name(f.name)
            .ok_or_else(|| ColumnarError::MissingColumn {
                file: label.to_string(),
                column: f.name.to_string(),
                unit: "this",
                needed: f.name.to_string(),
            })?;
        match f.kind {
            FieldKind::Int { .. } => out.set_int(f.name, ints(label, f, row0, a)?),
            FieldKind::Date => out.set_days(f.name, days(label, f, row0, a)?),
        }
    }
    Ok(out)
}

/// An integer column's values, checked against the field's range.
fn ints(label: &str, f: &Field, row0: u64, a: &dyn Array) -> Result<Vec<i64>, ColumnarError> {
    macro_rules! prim {
        ($t:ty) => {
            checked_ints(
                label,
                f,
                row0,
                a.as_primitive::<$t>().iter().map(|v| v.map(i64::from)),
            )
        };
    }
    match a.data_type() {
        DataType::Int8 => prim!(Int8Type),
        DataType::Int16 => prim!(Int16Type),
        DataType::Int32 => prim!(Int32Type),
        DataType::Int64 => prim!(Int64Type),
        DataType::UInt8 => prim!(UInt8Type),
        DataType::UInt16 => prim!(UInt16Type),
        DataType::UInt32 => prim!(UInt32Type),
        DataType::UInt64 => {
            let it = a.as_primitive::<UInt64Type>().iter();
            checked_ints(
                label,
                f,
                row0,
                it.map(|v| v.map(|x| i64::try_from(x).unwrap_or(i64::MAX))),
            )
        }
        other => Err(ColumnarError::WrongType {
            file: label.to_string(),
            column: f.name.to_string(),
            found: other.to_string(),
            expected: expected_types(f).to_string(),
        }),
    }
}

/// A date column's values as days since 1970-01-01; a timestamp must be at midnight.
fn days(label: &str, f: &Field, row0: u64, a: &dyn Array) -> Result<Vec<i32>, ColumnarError> {
    macro_rules! ticks {
        ($t:ty, $per_day:expr) => {
            checked_timestamp_days(label, f, row0, $per_day, a.as_primitive::<$t>().iter())
        };
    }
    match a.data_type() {
        DataType::Date32 => {
            let it = a.as_primitive::<Date32Type>().iter();
            checked_days(label, f, row0, it.map(|v| v.map(i64::from)))
        }
        DataType::Date64 => ticks!(Date64Type, 86_400_000),
        DataType::Timestamp(TimeUnit::Second, None) => ticks!(TimestampSecondType, 86_400),
        DataType::Timestamp(TimeUnit::Millisecond, None) => {
            ticks!(TimestampMillisecondType, 86_400_000)
        }
        DataType::Timestamp(TimeUnit::Microsecond, None) => {
            ticks!(TimestampMicrosecondType, 86_400_000_000)
        }
        DataType::Timestamp(TimeUnit::Nanosecond, None) => {
            ticks!(TimestampNanosecondType, 86_400_000_000_000)
        }
        other => Err(ColumnarError::WrongType {
            file: label.to_string(),
            column: f.name.to_string(),
            found: other.to_string(),
            expected: expected_types(f).to_string(),
        }),
    }
}
