//! Trends in yearly counts: how fast is the rise, and with what uncertainty?
//!
//! The claim this module exists to test: *"more than 130 armed conflicts … twice as many as 15
//! years ago and almost four times as many as 30 years ago"*. A horizon comparison
//! ([`horizons`]) answers the arithmetic: the count in year *Y* against *Y − h*, its ratio, the
//! compound annual growth rate it implies and the doubling time.

mod horizon;

pub use horizon::{Horizon, horizons};
