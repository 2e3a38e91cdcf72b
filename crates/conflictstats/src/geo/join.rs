//! The join of per-state values (G&W codes) to the outlines, through the project's G&W ↔ ISO
//! crosswalk **on the map's date**.
//!
//! Each outline is keyed by Natural Earth's `ISO_A3_EH`, except for the three outlines that
//! carry no ISO code (a table of facts, [`JOIN_RULES`]): Kosovo (`KOS`) joins through ISO's
//! user-assigned `XKX` (G&W 347); Somaliland (`SOL`) and Northern Cyprus (`CYN`), drawn apart
//! by Natural Earth's de facto borders, lie in the G&W states Somalia (520) and Cyprus (352) and
//! take their values. The ISO code is then looked up in the crosswalk on the map's date; an
//! outline gets a G&W state when exactly one crosswalk row holds on that day.
//!
//! Nothing is dropped:
//!
//! - an outline with no G&W state on the date (Western Sahara, Palestine, Greenland, Puerto
//!   Rico, Antarctica, …) has status [`OutlineStatus::NoState`] — drawn as "no state in the
//!   data", never as zero;
//! - an outline whose state has no value (a year outside the data's coverage, a state not in
//!   the frame) has status [`OutlineStatus::Missing`];
//! - every state of the values with no outline (Malta, Singapore, Bahrain, the microstates,
//!   Abkhazia, …) is listed in [`Join::states_without_outline`] with its value.
//!
//! The outlines are Natural Earth's present-day de facto borders: Crimea lies in Russia's
//! outline, most of Western Sahara in Morocco's. A map of an earlier year draws today's borders
//! (see [`borders_caveat`]).

use super::outlines::{Outline, Outlines};
use crate::data::Crosswalk;
use crate::model::GwCode;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// One state's value (the input of a map).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StateValue {
    /// G&W code.
    pub gwcode: GwCode,
    /// G&W name on the map's date.
    pub name: String,
    /// The value; `None`: missing (not zero).
    pub value: Option<f64>,
}

/// How an outline is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OutlineStatus {
    /// Its G&W state has a value (zero included).
    Value,
    /// Its G&W state has no value (missing, drawn hatched).
    Missing,
    /// No G&W state on the map's date ("no state in the data", grey).
    NoState,
}

impl OutlineStatus {
    /// The `snake_case` key (`value`, `missing`, `no_state`).
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            OutlineStatus::Value => "value",
            OutlineStatus::Missing => "missing",
            OutlineStatus::NoState => "no_state",
        }
    }
}

/// A join rule for an outline without (or with another) ISO code: Natural Earth's `ADM0_A3`,
/// the ISO code it joins through, and why.
#[derive(Debug, Clone, Copy)]
pub struct JoinRule {
    /// Natural Earth's `ADM0_A3`.
    pub adm0_a3: &'static str,
    /// The ISO 3166-1 alpha-3 code looked up in the crosswalk.
    pub iso3: &'static str,
    /// Why.
    pub reason: &'static str,
}

/// The outlines that do not join by `ISO_A3_EH` (`data/naturalearth/SOURCE.md`).
pub const JOIN_RULES: [JoinRule; 3] = [
    JoinRule {
        adm0_a3: "KOS",
        iso3: "XKX",
        reason: "Kosovo: Natural Earth writes -99; G&W 347 is ISO's user-assigned XKX in the crosswalk",
    },
    JoinRule {
        adm0_a3: "SOL",
        iso3: "SOM",
        reason: "Somaliland: drawn apart by Natural Earth (de facto), part of G&W 520 Somalia",
    },
    JoinRule {
        adm0_a3: "CYN",
        iso3: "CYP",
        reason: "Northern Cyprus: drawn apart by Natural Earth (de facto), part of G&W 352 Cyprus",
    },
];

/// One outline joined.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JoinedOutline {
    /// Index into [`Outlines::outlines`].
    pub index: usize,
    /// Natural Earth's `NAME`.
    pub outline_name: String,
    /// The ISO code joined on (`None`: the outline has none).
    pub iso3: Option<String>,
    /// The G&W state (`None`: no state in the data).
    pub gwcode: Option<GwCode>,
    /// Its G&W name.
    pub state_name: Option<String>,
    /// Its value (`None`: missing or no state).
    pub value: Option<f64>,
    /// How it is drawn.
    pub status: OutlineStatus,
}

/// The result of the join.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Join {
    /// The day the crosswalk was read on.
    pub date: NaiveDate,
    /// One entry per outline, in the layer's order.
    pub outlines: Vec<JoinedOutline>,
    /// The states with no outline, with their values (never dropped).
    pub states_without_outline: Vec<StateValue>,
    /// The caveat about borders, for maps of earlier years ([`borders_caveat`]).
    pub caveat: Option<String>,
}

impl Join {
    /// The outlines with the given status.
    pub fn with_status(&self, status: OutlineStatus) -> impl Iterator<Item = &JoinedOutline> {
        self.outlines.iter().filter(move |o| o.status == status)
    }
}

/// The ISO code an outline joins on ([`JOIN_RULES`], else `ISO_A3_EH`).
#[must_use]
pub fn join_code(outline: &Outline) -> Option<&str> {
    JOIN_RULES
        .iter()
        .find(|r| r.adm0_a3 == outline.adm0_a3)
        .map(|r| r.iso3)
        .or(outline.iso_a3_eh.as_deref())
}

/// The caveat a map of `date` carries: the outlines are today's borders (Natural Earth,
/// 2022); before 1992 the Soviet Union, Yugoslavia and Czechoslovakia are drawn with the
/// outlines of the successor the crosswalk pairs with their G&W code, and before 2011 Sudan's
/// value does not colour South Sudan.
#[must_use]
pub fn borders_caveat(date: NaiveDate) -> Option<String> {
    (date.year() < 2012).then(|| {
        format!(
            "Today's borders (Natural Earth 2022), not those of {}: a state's value colours only the outlines the G&W–ISO crosswalk pairs with it on {date}; outlines without a state then are grey.",
            date.year()
        )
    })
}

/// Joins `values` to `outlines` through `crosswalk` on `date`.
#[must_use]
pub fn join(
    outlines: &Outlines,
    crosswalk: &Crosswalk,
    values: &[StateValue],
    date: NaiveDate,
) -> Join {
    let mut drawn = vec![false; values.len()];
    let joined = outlines
        .outlines
        .iter()
        .enumerate()
        .map(|(index, outline)| {
            let iso3 = join_code(outline);
            let gw = iso3.and_then(|code| {
                let rows = crosswalk.to_gw_on(code, date);
                // One G&W state on the day, or none (several would be a guess).
                match rows.as_slice() {
                    [row] => Some(row.gwcode),
                    _ => None,
                }
            });
            let state = gw.and_then(|g| values.iter().position(|v| v.gwcode == g));
            if let Some(i) = state {
                drawn[i] = true;
            }
            let (value, status) = match (gw, state) {
                (None, _) => (None, OutlineStatus::NoState),
                (Some(_), Some(i)) if values[i].value.is_some() => {
                    (values[i].value, OutlineStatus::Value)
                }
                (Some(_), _) => (None, OutlineStatus::Missing),
            };
            JoinedOutline {
                index,
                outline_name: outline.name.clone(),
                iso3: iso3.map(str::to_string),
                gwcode: gw,
                state_name: state.map(|i| values[i].name.clone()),
                value,
                status,
            }
        })
        .collect();
    let states_without_outline = values
        .iter()
        .zip(&drawn)
        .filter(|(_, d)| !**d)
        .map(|(v, _)| v.clone())
        .collect();
    Join {
        date,
        outlines: joined,
        states_without_outline,
        caveat: borders_caveat(date),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, 12, 31).unwrap()
    }

    #[test]
    fn outlines_without_a_state_in_2024_are_the_eight_of_source_md() {
        // SOURCE.md lists 11 outlines with no G&W state by ISO code; Kosovo joins through XKX,
        // Somaliland and N. Cyprus through their G&W states: 8 remain.
        let ne = Outlines::embedded().unwrap();
        let cw = Crosswalk::embedded().unwrap();
        let j = join(&ne, &cw, &[], day(2024));
        let mut none: Vec<&str> = j
            .with_status(OutlineStatus::NoState)
            .map(|o| o.outline_name.as_str())
            .collect();
        none.sort_unstable();
        assert_eq!(
            none,
            [
                "Antarctica",
                "Falkland Is.",
                "Fr. S. Antarctic Lands",
                "Greenland",
                "New Caledonia",
                "Palestine",
                "Puerto Rico",
                "W. Sahara"
            ]
        );
        // Every other outline has a state, and no state is drawn by two outlines except
        // Somalia and Cyprus (each with its de facto part).
        let mut gws: Vec<u16> = j
            .outlines
            .iter()
            .filter_map(|o| o.gwcode.map(|g| g.0))
            .collect();
        assert_eq!(gws.len(), 169);
        gws.sort_unstable();
        let total = gws.len();
        gws.dedup();
        assert_eq!(total - gws.len(), 2);
        assert!(j.caveat.is_none());
    }

    #[test]
    fn states_without_outline_are_listed_with_values_and_south_sudan_waits_for_2011() {
        let ne = Outlines::embedded().unwrap();
        let cw = Crosswalk::embedded().unwrap();
        let v = |gw: u16, name: &str, value: Option<f64>| StateValue {
            gwcode: GwCode(gw),
            name: name.into(),
            value,
        };
        let values = [
            v(338, "Malta", Some(2.0)),
            v(347, "Kosovo", Some(0.0)),
            v(625, "Sudan", None),
        ];
        let j = join(&ne, &cw, &values, day(2024));
        assert_eq!(j.states_without_outline, [values[0].clone()]);
        let kosovo = j
            .outlines
            .iter()
            .find(|o| o.outline_name == "Kosovo")
            .unwrap();
        assert_eq!(
            (kosovo.value, kosovo.status),
            (Some(0.0), OutlineStatus::Value)
        );
        let sudan = j
            .outlines
            .iter()
            .find(|o| o.outline_name == "Sudan")
            .unwrap();
        assert_eq!(sudan.status, OutlineStatus::Missing);
        let j = join(&ne, &cw, &values, day(2005));
        let ssd = j
            .outlines
            .iter()
            .find(|o| o.outline_name == "S. Sudan")
            .unwrap();
        assert_eq!(ssd.status, OutlineStatus::NoState);
        assert!(j.caveat.unwrap().contains("Today's borders"));
    }
}
