//! Participation roles: which of a conflict-year's states a state-based panel codes as
//! taking part.
//!
//! | role | a state takes part in an active conflict-year when it is … | ACD columns |
//! |---|---|---|
//! | `location` | the state where the conflict is located (the default of the state-year panel) | `gwno_loc` |
//! | `primary` | a primary party, on side A or B | `gwno_a`, `gwno_b` |
//! | `any` | any participant: side A or B, primary or secondary (troops supporting a side) | `gwno_a`, `gwno_a_2nd`, `gwno_b`, `gwno_b_2nd` |
//!
//! Under the chosen role the state-year panel codes incidence, the number of conflicts, onsets
//! (of the state's episodes and of the conflicts' episodes), terminations, episodes, peace
//! years and left-censoring; its `role` column and its metadata name the role. The dyad-year
//! panel takes `primary` (its default: primary parties on opposite sides of an interstate
//! conflict) or `any` (opposite sides of any conflict, secondary parties included); a pair of
//! states has no location.
//!
//! ```
//! use conflictstats::data::{Acd, GwStates};
//! use conflictstats::model::GwCode;
//! use conflictstats::panel::{state_year, PanelSpec, Role};
//!
//! let (gw, acd) = (GwStates::embedded(None)?, Acd::embedded(Some("25.1"))?);
//! let spec = PanelSpec::default().years(2018, 2022).role(Role::Any);
//! let p = state_year(&gw, &acd, &spec)?;
//! let r = p.row(GwCode(531), 2021).unwrap(); // Eritrea, secondary party in Tigray (v25.1)
//! assert_eq!((p.incidence[r], p.peace_years[r]), (Some(true), Some(0)));
//! assert_eq!("any".parse::<Role>()?, Role::Any);
//! assert_eq!(Role::Primary.columns(), ["gwno_a", "gwno_b"]);
//! # Ok::<(), conflictstats::Error>(())
//! ```

use crate::error::{Error, Result};
use crate::model::{ConflictYear, GwCode};
use serde::{Deserialize, Serialize};

/// A participation role (see the [module](self) docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The state where the conflict is located (`gwno_loc`).
    Location,
    /// A primary party (`gwno_a`, `gwno_b`).
    Primary,
    /// Any participant, secondary included (`gwno_a`, `gwno_a_2nd`, `gwno_b`, `gwno_b_2nd`).
    Any,
}

/// A column of G&W codes of a conflict-year.
type Column = fn(&ConflictYear) -> &Vec<GwCode>;

/// What a role is: its key, the ACD columns it reads and its meaning.
#[derive(Debug, Clone, Copy)]
pub struct RoleFacts {
    /// The role.
    pub role: Role,
    /// Its key on the command line and in Python (`location`, `primary`, `any`).
    pub key: &'static str,
    /// The ACD columns it reads.
    pub columns: &'static [&'static str],
    /// Its meaning, in one phrase.
    pub meaning: &'static str,
    fields: &'static [Column],
}

/// Every role (one table, read by every method).
pub const ROLES: [RoleFacts; 3] = [
    RoleFacts {
        role: Role::Location,
        key: "location",
        columns: &["gwno_loc"],
        meaning: "the state where the conflict is located",
        fields: &[|r| &r.gwno_loc],
    },
    RoleFacts {
        role: Role::Primary,
        key: "primary",
        columns: &["gwno_a", "gwno_b"],
        meaning: "a primary party, on side A or B",
        fields: &[|r| &r.gwno_a, |r| &r.gwno_b],
    },
    RoleFacts {
        role: Role::Any,
        key: "any",
        columns: &["gwno_a", "gwno_a_2nd", "gwno_b", "gwno_b_2nd"],
        meaning: "any participant: side A or B, primary or secondary",
        fields: &[
            |r| &r.gwno_a,
            |r| &r.gwno_a_2nd,
            |r| &r.gwno_b,
            |r| &r.gwno_b_2nd,
        ],
    },
];

impl Role {
    /// Every role, in the table's order.
    pub const ALL: [Role; 3] = [Role::Location, Role::Primary, Role::Any];

    /// The role's row of [`ROLES`].
    #[must_use]
    pub fn facts(self) -> &'static RoleFacts {
        ROLES.iter().find(|f| f.role == self).unwrap_or(&ROLES[0])
    }

    /// The role's key, e.g. `any`.
    #[must_use]
    pub fn key(self) -> &'static str {
        self.facts().key
    }

    /// The ACD columns the role reads.
    #[must_use]
    pub fn columns(self) -> &'static [&'static str] {
        self.facts().columns
    }

    /// The codes of `record` in the role's columns, as written (with repeats across columns).
    pub fn codes(self, record: &ConflictYear) -> impl Iterator<Item = &GwCode> {
        self.facts().fields.iter().flat_map(move |f| f(record))
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

impl std::str::FromStr for Role {
    type Err = Error;

    fn from_str(s: &str) -> Result<Role> {
        let wanted = s.trim();
        ROLES
            .iter()
            .find(|f| f.key == wanted)
            .map(|f| f.role)
            .ok_or_else(|| {
                Error::spec(format!(
                    "unknown role `{wanted}`; expected location (the conflict's location, gwno_loc), primary (gwno_a, gwno_b) or any (side A or B, secondary included)"
                ))
            })
    }
}
