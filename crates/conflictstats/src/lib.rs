//! # conflictstats
//!
//! Armed-conflict statistics on UCDP data, with the **counting unit** always explicit.
//!
//! "How many armed conflicts are there?" UCDP's answer for 2024 is 61 state-based conflicts; the
//! ICRC counts "more than 130" armed conflicts. Both can be right, because they count different
//! things. This crate makes the unit part of every result: a [`CountTable`] carries its
//! [`CountSpec`] (unit, filters, grouping) and the [`Provenance`](data::Provenance) of the data
//! (name, version, SHA-256).
//!
//! ## Map
//!
//! - [`model`] — UCDP's classifications as types: [`TypeOfConflict`](model::TypeOfConflict),
//!   [`Intensity`](model::Intensity), [`Incompatibility`](model::Incompatibility),
//!   [`Region`](model::Region), ids as newtypes, the [`ConflictYear`](model::ConflictYear) record.
//! - [`data`] — the embedded releases ([`data::registry`]) and strict loaders
//!   ([`data::Acd`]): typed errors with file, line, column and value.
//! - [`count()`] — counts per year under a [`CountSpec`].
//! - [`trend`] — horizon ratios, growth rates and doubling times.
//! - [`claim`] — claims as data ("more than 130 … twice as many as 15 years ago") checked
//!   under every reading: unit, reference year, base year, base smoothing, release.
//! - [`Error`] — one error type for the crate.
//!
//! ## Example
//!
//! ```
//! use conflictstats::{count, data::Acd, trend, CountSpec, CountUnit};
//!
//! let acd = Acd::embedded(Some("25.1"))?; // UCDP/PRIO ACD v25.1, compiled in, checksum verified
//! let table = count(&acd, &CountSpec::new(CountUnit::Conflict))?;
//! let (years, counts) = table.series()?;
//! let counts: Vec<f64> = counts.into_iter().map(f64::from).collect();
//! let h = trend::horizons(&years, &counts, 2024, &[15, 30])?;
//! assert_eq!((h[0].to_count, h[0].from_year, h[0].from_count), (61.0, 2009, 37.0));
//! assert!((h[0].ratio.unwrap() - 1.6486).abs() < 1e-4); // not "twice as many"
//! # Ok::<(), conflictstats::Error>(())
//! ```
//!
//! ## Crate features
//!
//! - `polars` — convert results to polars `DataFrame`s (used by the Python bindings).

pub mod claim;
pub mod count;
pub mod coverage;
pub mod data;
pub mod deaths;
pub mod diff;
pub mod error;
pub mod events;
#[cfg(feature = "polars")]
pub mod frame;
pub mod geo;
pub mod hint;
pub mod ihl;
pub mod model;
pub mod panel;
pub mod rates;
pub mod reconcile;
pub mod severity;
pub mod stockflow;
#[cfg(feature = "polars")]
pub mod tables;
pub mod trend;
pub mod untrusted;

pub use count::{CountRow, CountSpec, CountTable, CountUnit, Dimension, Filters, GroupKey, count};
pub use error::{Error, ErrorKind, FetchError, Result};
