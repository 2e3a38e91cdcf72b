//! Country names beside codes: the `statename` column of the state-year panel, the
//! `statename_a` / `statename_b` columns of the dyad-year panel and the `statename` column of
//! per-country event tables — the Gleditsch–Ward `statename` of each row's code **in the row's
//! year** ([`GwStates::name`]: the name of the period covering the year, else the state's
//! latest name; null for a code the list does not have).
//!
//! Names are stored once per distinct (code, year) name and indexed per row, so a dyad-year
//! panel of a million rows holds a few hundred strings.
//!
//! ```
//! use conflictstats::data::GwStates;
//! use conflictstats::panel::StateNames;
//!
//! let gw = GwStates::embedded(None)?;
//! let n = StateNames::of(&gw, &[340, 345, 2, 999], &[2014, 1999, 2001, 2001]);
//! assert_eq!(n.get(0), Some("Serbia"));
//! assert_eq!(n.get(1), Some("Yugoslavia"));
//! assert_eq!(n.get(2), Some("United States of America"));
//! assert_eq!(n.get(3), None); // not in the G&W list
//! # Ok::<(), conflictstats::Error>(())
//! ```

use crate::data::GwStates;
use crate::model::GwCode;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::OnceLock;

static SHIPPED: OnceLock<Option<GwStates>> = OnceLock::new();

/// The shipped G&W list (the default snapshot, parsed once per process), which names the
/// countries of event tables; `None` only if the embedded bytes failed to parse (the library's
/// tests load them).
pub(crate) fn shipped_states() -> Option<&'static GwStates> {
    SHIPPED
        .get_or_init(|| GwStates::embedded(None).ok())
        .as_ref()
}

/// Per row, the G&W name of the row's code in the row's year.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct StateNames {
    /// The distinct names.
    pub names: Vec<String>,
    /// Per row, an index into `names` (`u32::MAX`: no name).
    pub index: Vec<u32>,
}

impl StateNames {
    /// The names of `codes[i]` in `years[i]` from `states`.
    #[must_use]
    pub fn of(states: &GwStates, codes: &[u16], years: &[i32]) -> StateNames {
        let mut memo: HashMap<(u16, i32), u32> = HashMap::new();
        let mut by_name: HashMap<String, u32> = HashMap::new();
        let mut names = Vec::new();
        let index = codes
            .iter()
            .zip(years)
            .map(|(&code, &year)| {
                *memo.entry((code, year)).or_insert_with(|| {
                    states.name(GwCode(code), year).map_or(u32::MAX, |name| {
                        *by_name.entry(name.to_string()).or_insert_with(|| {
                            names.push(name.to_string());
                            (names.len() - 1) as u32
                        })
                    })
                })
            })
            .collect();
        StateNames { names, index }
    }

    /// The name of row `i` (`None`: the code is not in the G&W list).
    #[must_use]
    pub fn get(&self, i: usize) -> Option<&str> {
        self.index
            .get(i)
            .and_then(|&k| self.names.get(k as usize))
            .map(String::as_str)
    }

    /// Number of rows.
    #[must_use]
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Whether there are no rows.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }
}
