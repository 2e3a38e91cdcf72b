//! How a message names the command that brings a release onto this machine: the CLI's
//! `conflictstats fetch ucdp-dyadic 26.1`, or Python's `cs.fetch("ucdp-dyadic", "26.1")`. Every
//! "needs release" message (the claim check, the reconciliation, an unknown version) is written
//! through [`fetch_command`], so each door names its own command; the Python bindings choose
//! theirs once, when the module is imported.
//!
//! ```
//! use conflictstats::hint::fetch_command;
//!
//! assert_eq!(fetch_command("ucdp-dyadic", "26.1"), "conflictstats fetch ucdp-dyadic 26.1");
//! ```

use std::sync::atomic::{AtomicBool, Ordering};

/// Which door's command the messages name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FetchHint {
    /// `conflictstats fetch DATASET VERSION` (the default).
    Cli,
    /// `cs.fetch("DATASET", "VERSION")`.
    Python,
}

static PYTHON: AtomicBool = AtomicBool::new(false);

/// Sets the command the messages of this process name.
pub fn set_fetch_hint(hint: FetchHint) {
    PYTHON.store(hint == FetchHint::Python, Ordering::Relaxed);
}

/// The command that fetches release `release` of `dataset` (`DATASET`: a placeholder).
#[must_use]
pub fn fetch_command(dataset: &str, release: &str) -> String {
    if PYTHON.load(Ordering::Relaxed) {
        let dataset = if dataset == "DATASET" {
            "dataset".to_string()
        } else {
            format!("{dataset:?}")
        };
        format!("cs.fetch({dataset}, {release:?})")
    } else {
        format!("conflictstats fetch {dataset} {release}")
    }
}
