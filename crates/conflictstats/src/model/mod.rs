//! The classification model: UCDP's codes as Rust types.
//!
//! UCDP codes every state-based conflict-year with a handful of small integer codes. Here each
//! of them is an enum with the code as its discriminant, a researcher-facing label, and a
//! `snake_case` key used in CSV/JSON output and on the command line:
//!
//! | type | UCDP column | codes |
//! |---|---|---|
//! | [`TypeOfConflict`] | `type_of_conflict` | 1 extrasystemic, 2 interstate, 3 intrastate, 4 internationalized intrastate |
//! | [`Intensity`] | `intensity_level` | 1 minor (25–999 battle-related deaths in the year), 2 war (1,000+) |
//! | [`Incompatibility`] | `incompatibility` | 1 territory, 2 government, 3 both |
//! | [`Region`] | `region` | 1 Europe, 2 Middle East, 3 Asia, 4 Africa, 5 Americas |
//!
//! Identifiers are newtypes ([`ConflictId`], [`DyadId`], [`ActorId`], [`GwCode`]) so that a
//! conflict id can never be passed where a country code is expected.
//!
//! ```
//! use conflictstats::model::{Intensity, Region, TypeOfConflict, GwCode};
//!
//! assert_eq!(TypeOfConflict::from_code(4), Some(TypeOfConflict::InternationalizedIntrastate));
//! assert_eq!(Intensity::War.key(), "war");
//! assert_eq!("middle_east".parse::<Region>(), Ok(Region::MiddleEast));
//! assert_eq!("2".parse::<Region>(), Ok(Region::MiddleEast)); // UCDP's numeric code
//! // UCDP assigns regions by Gleditsch–Ward code ranges: Egypt (651) is in the Middle East.
//! assert_eq!(Region::of_gwcode(GwCode(651)), Some(Region::MiddleEast));
//! ```

mod acd;

pub use acd::ConflictYear;

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Error returned when a label does not name a variant of a classification.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} `{value}`; expected one of: {expected}")]
pub struct ParseLabelError {
    /// Which classification was being parsed (e.g. `type of conflict`).
    pub kind: &'static str,
    /// The label that did not match.
    pub value: String,
    /// The accepted keys, comma separated.
    pub expected: String,
}

/// Declares a UCDP code enum with code, key (snake_case) and label.
macro_rules! ucdp_code_enum {
    (
        $(#[$meta:meta])*
        $name:ident, $kind:literal {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal, $key:literal, $label:literal; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        #[repr(u8)]
        pub enum $name {
            $( $(#[$vmeta])* $variant = $code, )+
        }

        impl $name {
            /// Every variant, in code order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The variant with UCDP's numeric `code`, if any.
            #[must_use]
            pub fn from_code(code: u8) -> Option<Self> {
                match code {
                    $($code => Some($name::$variant),)+
                    _ => None,
                }
            }

            /// UCDP's numeric code.
            #[must_use]
            pub fn code(self) -> u8 {
                self as u8
            }

            /// The `snake_case` key used in CSV/JSON output and on the command line.
            #[must_use]
            pub fn key(self) -> &'static str {
                match self {
                    $($name::$variant => $key,)+
                }
            }

            /// The label as researchers write it.
            #[must_use]
            pub fn label(self) -> &'static str {
                match self {
                    $($name::$variant => $label,)+
                }
            }

            /// Dense index `0..ALL.len()`, for array-backed kernels.
            #[must_use]
            pub fn index(self) -> usize {
                match self {
                    $($name::$variant => $code as usize - 1,)+
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.label())
            }
        }

        impl FromStr for $name {
            type Err = ParseLabelError;

            /// Parses the `snake_case` key (also accepts `-` for `_` and any case) or UCDP's
            /// numeric code (`"2"`) — the one rule for filters, used identically by the CLI
            /// (`--intensity 2`) and Python (`intensity=2`).
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                let norm = s.trim().to_ascii_lowercase().replace('-', "_");
                $(if norm == $key { return Ok($name::$variant); })+
                if let Some(v) = norm.parse::<u8>().ok().and_then($name::from_code) {
                    return Ok(v);
                }
                Err(ParseLabelError {
                    kind: $kind,
                    value: s.to_string(),
                    expected: format!(
                        "{} (or UCDP's code {})",
                        [$($key),+].join(", "),
                        [$($code.to_string()),+].join(", ")
                    ),
                })
            }
        }
    };
}

ucdp_code_enum! {
    /// UCDP's `type_of_conflict`.
    TypeOfConflict, "type of conflict" {
        /// Between a state and a non-state group outside its own territory (colonial wars).
        Extrasystemic = 1, "extrasystemic", "extrasystemic";
        /// Between two or more states.
        Interstate = 2, "interstate", "interstate";
        /// Between a government and one or more internal opposition groups.
        Intrastate = 3, "intrastate", "intrastate";
        /// Intrastate, with other states' troops on one or both sides.
        InternationalizedIntrastate = 4, "internationalized_intrastate", "internationalized intrastate";
    }
}

ucdp_code_enum! {
    /// UCDP's `intensity_level`: battle-related deaths in the calendar year.
    Intensity, "intensity" {
        /// 25–999 battle-related deaths in the year.
        Minor = 1, "minor", "minor (25–999 battle-related deaths)";
        /// At least 1,000 battle-related deaths in the year.
        War = 2, "war", "war (1,000+ battle-related deaths)";
    }
}

ucdp_code_enum! {
    /// UCDP's `incompatibility`: what the parties fight over.
    Incompatibility, "incompatibility" {
        /// Control over territory (secession, autonomy, interstate border).
        Territory = 1, "territory", "territory";
        /// Type of political system, replacement of the government.
        Government = 2, "government", "government";
        /// Both territory and government.
        Both = 3, "both", "both territory and government";
    }
}

ucdp_code_enum! {
    /// UCDP's `region`, assigned from Gleditsch–Ward code ranges of the location states.
    /// A conflict fought in several regions carries several.
    Region, "region" {
        /// G&W 200–399.
        Europe = 1, "europe", "Europe";
        /// G&W 630–699.
        MiddleEast = 2, "middle_east", "Middle East";
        /// G&W 700–999.
        Asia = 3, "asia", "Asia";
        /// G&W 400–626.
        Africa = 4, "africa", "Africa";
        /// G&W 2–199.
        Americas = 5, "americas", "Americas";
    }
}

impl Region {
    /// UCDP's region of a Gleditsch–Ward code (ACD codebook: Europe 200–399, Middle East
    /// 630–699, Asia 700–999, Africa 400–626, Americas 2–199). `None` outside those ranges.
    #[must_use]
    pub fn of_gwcode(gw: GwCode) -> Option<Region> {
        match gw.0 {
            2..=199 => Some(Region::Americas),
            200..=399 => Some(Region::Europe),
            400..=626 => Some(Region::Africa),
            630..=699 => Some(Region::MiddleEast),
            700..=999 => Some(Region::Asia),
            _ => None,
        }
    }
}

macro_rules! id_newtype {
    ($(#[$meta:meta])* $name:ident($inner:ty)) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub $inner);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_newtype! {
    /// UCDP conflict identifier (`conflict_id`): one incompatibility between the same parties.
    ConflictId(u32)
}
id_newtype! {
    /// UCDP dyad identifier (`dyad_id`): a government and one opposing actor.
    DyadId(u32)
}
id_newtype! {
    /// UCDP actor identifier (`side_a_id`, `side_b_id`, …).
    ActorId(u32)
}
id_newtype! {
    /// Gleditsch–Ward state code (`gwno_*`). Not ISO 3166: Yemen is 678, Serbia 340/345.
    GwCode(u16)
}

/// Precision of a UCDP date (`start_prec`, `start_prec2`, `ep_end_prec`): the codebook's raw
/// code, from 1 (the exact day is known) upwards to less precise codes (ACD v25.1 uses 1–7).
/// Kept as the raw code so that nothing is lost; see the ACD codebook for each level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DatePrecision(pub u8);
