//! The GED's columns in a column file: every column of [`Events`], and the country names,
//! extra columns and load warnings as JSON metadata.

use super::columns::{self, Column, ColumnRef, Key, TableRef};
use super::stamp::FileStamp;
use crate::data::{Events, Ged, LoadWarning};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The loader's name in column files.
pub const KIND: &str = "ucdp-ged";

/// The GED loader's parser version: bump it whenever a change of the loader could give other
/// columns for the same bytes (a check, a type, a column), so that no column file made by an
/// older loader is read.
pub const PARSER_VERSION: u32 = 1;

/// Each column of [`Events`] with its type in the column file, in the file's order.
macro_rules! ged_columns {
    ($m:ident) => {
        $m! {
            (id, U64),
            (year, I32),
            (active_year, Bool),
            (type_of_violence, U8),
            (conflict_new_id, U32),
            (dyad_new_id, U32),
            (side_a_new_id, U32),
            (side_b_new_id, U32),
            (where_prec, U8),
            (latitude, F64),
            (longitude, F64),
            (priogrid_gid, U32),
            (country_id, U16),
            (event_clarity, U8),
            (date_prec, U8),
            (date_start, I32),
            (date_end, I32),
            (deaths_a, U32),
            (deaths_b, U32),
            (deaths_civilians, U32),
            (deaths_unknown, U32),
            (best, U32),
            (high, U32),
            (low, U32)
        }
    };
}

/// What is not a column.
#[derive(Serialize, Deserialize)]
struct Meta {
    country_names: BTreeMap<u16, String>,
    extra_columns: Vec<String>,
    warnings: Vec<LoadWarning>,
}

/// The column file's key for a GED file with stamp `stamp` and SHA-256 `sha256`.
#[must_use]
pub fn key(stamp: FileStamp, sha256: &str) -> Key {
    Key {
        kind: KIND,
        parser: PARSER_VERSION,
        stamp,
        sha256: sha256.to_string(),
    }
}

/// Writes the column file of `ged` to `w`.
pub fn encode_to(w: &mut impl std::io::Write, key: &Key, ged: &Ged) -> std::io::Result<()> {
    let e = &ged.events;
    macro_rules! refs {
        ($(($c:ident, $t:ident)),*) => { vec![$((stringify!($c), ColumnRef::$t(&e.$c))),*] };
    }
    let cols: Vec<(&'static str, ColumnRef<'_>)> = ged_columns!(refs);
    let meta = serde_json::to_string(&Meta {
        country_names: ged.country_names.clone(),
        extra_columns: ged.extra_columns.clone(),
        warnings: ged.warnings.clone(),
    })?;
    columns::encode_to(
        w,
        key,
        TableRef {
            rows: e.len() as u64,
            columns: &cols,
            meta: &meta,
        },
    )
}

/// The size in bytes of the column file of `ged`, but for its metadata.
#[must_use]
pub fn columns_bytes(ged: &Ged) -> u64 {
    let e = &ged.events;
    macro_rules! widths {
        ($(($c:ident, $t:ident)),*) => { 0 $(+ std::mem::size_of_val(&e.$c[..]))* };
    }
    ged_columns!(widths) as u64
}

/// The GED in the column file `bytes` made from the file `label` (as the caller named it:
/// errors, warnings and provenance name it), if the file is intact and made from `key`.
#[must_use]
pub fn decode(bytes: &[u8], key: &Key, label: &str) -> Option<Ged> {
    macro_rules! schema {
        ($(($c:ident, $t:ident)),*) => {
            vec![$((stringify!($c), columns::tag_of(ColumnRef::$t(&[])))),*]
        };
    }
    let schema: Vec<(&'static str, u8)> = ged_columns!(schema);
    let table = columns::decode(bytes, key, &schema)?;
    let mut cols = table.columns.into_iter().map(|(_, c)| c);
    macro_rules! take {
        ($(($c:ident, $t:ident)),*) => {
            Events { $($c: match cols.next()? { Column::$t(v) => v, _ => return None },)* }
        };
    }
    let events: Events = ged_columns!(take);
    let meta: Meta = serde_json::from_str(&table.meta).ok()?;
    let warnings = meta
        .warnings
        .into_iter()
        .map(|w| LoadWarning {
            file: label.to_string(),
            ..w
        })
        .collect();
    Some(Ged::assemble(
        label,
        key.sha256.clone(),
        events,
        meta.country_names,
        meta.extra_columns,
        warnings,
    ))
}
