//! Golden tests: published UCDP figures reproduced from the shipped data.

mod acd;
mod datasets;
mod deaths;
mod reconcile;
mod trend;
mod events;
mod panel;
mod bad_inputs;
