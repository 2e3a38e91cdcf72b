//! Golden tests: published UCDP figures reproduced from the shipped data.

mod acd;
