//! Golden tests: published UCDP figures reproduced from the shipped data.

mod acd;
mod bad_inputs;
mod check;
mod datasets;
mod deaths;
mod diff;
mod events;
mod flows;
mod forecast;
mod panel;
mod panel_roles;
mod raw;
mod reconcile;
mod trend;
mod ucdp;
