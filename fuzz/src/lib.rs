//! Fuzz entry points for conflictstats; see `entry.rs` and `fuzz/README.md`.

#![forbid(unsafe_code)]

#[path = "entry.rs"]
pub mod entry;
