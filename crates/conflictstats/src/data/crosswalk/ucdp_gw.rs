//! UCDP's country codes that differ from Gleditsch–Ward's, by rule and date
//! (`data/crosswalk/ucdp_gw.csv`; every row explained in `data/crosswalk/SOURCE.md`).
//!
//! UCDP's `gwno_*` columns use G&W codes, with the exceptions its codebook lists among its own
//! system members: the Government of Serbia is coded **345** ("Serbia (Yugoslavia)") after
//! Montenegro's independence, where the G&W list ends 345 on 2006-06-04 and codes Serbia
//! **340** from 2006-06-05. Read raw, Serbia's participation in the Central African Republic
//! (conflicts 416 and 15283, 2014–) reaches no state-year. A rule maps a UCDP code to the G&W
//! code in the **years its period covers whole** (2007 onwards for Serbia): in the year of the
//! change the UCDP code is still a G&W member (345 in 2006), so it is kept. Every panel,
//! count and per-country figure applies the rules through [`UcdpGw::gw`].
//!
//! ```
//! use conflictstats::data::UcdpGw;
//! use conflictstats::model::GwCode;
//!
//! let rules = UcdpGw::embedded()?;
//! assert_eq!(rules.gw(GwCode(345), 2014), GwCode(340)); // Serbia, as G&W codes it
//! assert_eq!(rules.gw(GwCode(345), 2006), GwCode(345)); // Yugoslavia still a member in 2006
//! assert_eq!(rules.gw(GwCode(345), 1999), GwCode(345));
//! assert_eq!(rules.gw(GwCode(2), 2014), GwCode(2)); // no rule: the code itself
//! # Ok::<(), conflictstats::Error>(())
//! ```

use crate::data::table::{self, Row, Schema};
use crate::data::{LoadWarning, registry};
use crate::error::{Error, Result};
use crate::model::GwCode;
use chrono::NaiveDate;
use serde::Serialize;
use std::sync::OnceLock;

const TITLE: &str = "conflictstats UCDP–G&W code rules";

/// The shipped rules, compiled in.
const EMBEDDED: &[u8] = include_bytes!("../../../../../data/crosswalk/ucdp_gw.csv");
/// Where the shipped rules come from (`source` of every rule, in messages).
pub const EMBEDDED_SOURCE: &str = "embedded:crosswalk/ucdp_gw.csv";

const COLUMNS: &[&str] = &[
    "ucdp_code",
    "ucdp_name",
    "gw_code",
    "gw_name",
    "from_date",
    "to_date",
    "reason",
    "source",
];
const SCHEMA: Schema = Schema {
    dataset: TITLE,
    columns: COLUMNS,
    aliases: &[],
};

/// One rule: UCDP writes `ucdp_code` where the G&W list has `gw_code`, from `from` to `to`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CodeRule {
    /// The code in UCDP's `gwno_*` columns.
    pub ucdp_code: GwCode,
    /// UCDP's name for it.
    pub ucdp_name: String,
    /// The G&W code of the same state in the period.
    pub gw_code: GwCode,
    /// The G&W name.
    pub gw_name: String,
    /// First day the rule holds.
    pub from: NaiveDate,
    /// Last day (`None`: ongoing).
    pub to: Option<NaiveDate>,
    /// Why, with the records where the difference was found.
    pub reason: String,
    /// The documents the rule rests on.
    pub source: String,
}

impl CodeRule {
    /// Whether the rule's period covers every day of `year`.
    #[must_use]
    pub fn covers_year(&self, year: i32) -> bool {
        let (first, last) = year_bounds(year);
        self.from <= first && self.to.is_none_or(|t| t >= last)
    }
}

fn year_bounds(year: i32) -> (NaiveDate, NaiveDate) {
    (
        NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN),
        NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX),
    )
}

/// The UCDP → G&W code rules.
#[derive(Debug, Clone, Serialize)]
pub struct UcdpGw {
    /// The rules, in file order.
    pub rules: Vec<CodeRule>,
    /// Where they came from (`embedded:crosswalk/ucdp_gw.csv` or a file's name).
    pub source: String,
    /// SHA-256 of the bytes read.
    pub sha256: String,
    /// What was accepted under a documented rule (e.g. a `;` spreadsheet re-save).
    pub warnings: Vec<LoadWarning>,
}

static SHIPPED: OnceLock<UcdpGw> = OnceLock::new();

impl UcdpGw {
    /// The rules shipped with the library (parsed once per process).
    pub fn embedded() -> Result<&'static UcdpGw> {
        if let Some(rules) = SHIPPED.get() {
            return Ok(rules);
        }
        let rules = UcdpGw::from_bytes(EMBEDDED_SOURCE, EMBEDDED)?;
        Ok(SHIPPED.get_or_init(|| rules))
    }

    /// Reads rules in the same layout (e.g. your own amended copy).
    pub fn from_bytes(file: &str, bytes: &[u8]) -> Result<UcdpGw> {
        let mut rules: Vec<(CodeRule, u64)> = Vec::new();
        let header = table::read(file, bytes, &SCHEMA, |row| {
            let r = code_rule(row)?;
            if let Some((_, first_line)) = rules.iter().find(|(o, _)| {
                o.ucdp_code == r.ucdp_code
                    && o.from <= r.to.unwrap_or(NaiveDate::MAX)
                    && r.from <= o.to.unwrap_or(NaiveDate::MAX)
            }) {
                return Err(Error::DuplicateRecord {
                    file: file.to_string(),
                    line: row.line(),
                    first_line: *first_line,
                    key: format!(
                        "rule for UCDP code {} in an overlapping period",
                        r.ucdp_code
                    ),
                });
            }
            rules.push((r, row.line()));
            Ok(())
        })?;
        Ok(UcdpGw {
            rules: rules.into_iter().map(|(r, _)| r).collect(),
            source: file.to_string(),
            sha256: registry::sha256_hex(bytes),
            warnings: header.warnings,
        })
    }

    /// The rule that maps `code` in `year`, if any (its period covers the whole year).
    #[must_use]
    pub fn rule(&self, code: GwCode, year: i32) -> Option<&CodeRule> {
        self.rules
            .iter()
            .find(|r| r.ucdp_code == code && r.covers_year(year))
    }

    /// The rule that maps `code` on `date` (a dated record, e.g. a GED event), if any.
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use conflictstats::data::UcdpGw;
    /// use conflictstats::model::GwCode;
    ///
    /// let rules = UcdpGw::embedded()?;
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// assert_eq!(rules.rule_on(GwCode(345), day(2010, 3, 1)).map(|r| r.gw_code), Some(GwCode(340)));
    /// assert!(rules.rule_on(GwCode(345), day(2006, 6, 4)).is_none()); // Yugoslavia's last day
    /// # Ok::<(), conflictstats::Error>(())
    /// ```
    #[must_use]
    pub fn rule_on(&self, code: GwCode, date: NaiveDate) -> Option<&CodeRule> {
        self.rules
            .iter()
            .find(|r| r.ucdp_code == code && r.from <= date && r.to.is_none_or(|t| date <= t))
    }

    /// The G&W code of UCDP's `code` in `year`: the rule's, else `code` itself.
    #[must_use]
    pub fn gw(&self, code: GwCode, year: i32) -> GwCode {
        self.rule(code, year).map_or(code, |r| r.gw_code)
    }

    /// `codes` of `year` mapped, each once, in order of first appearance.
    #[must_use]
    pub fn map_all<'a>(&self, codes: impl IntoIterator<Item = &'a GwCode>, year: i32) -> Vec<u16> {
        let mut out: Vec<u16> = Vec::new();
        for c in codes {
            let g = self.gw(*c, year).0;
            if !out.contains(&g) {
                out.push(g);
            }
        }
        out
    }
}

fn code_rule(row: &Row<'_>) -> Result<CodeRule> {
    let code = |col: usize| {
        row.num::<u16>(col, "a Gleditsch–Ward code 1–999")
            .ok()
            .filter(|c| (1..=999).contains(c))
            .map(GwCode)
            .ok_or_else(|| row.invalid(col, "a Gleditsch–Ward code 1–999"))
    };
    let (ucdp_code, gw_code) = (code(0)?, code(2)?);
    if ucdp_code == gw_code {
        return Err(row.invalid(2, "a G&W code other than the UCDP code"));
    }
    let from = row.date(4)?;
    let to = row.opt_date(5)?;
    if to.is_some_and(|t| t < from) {
        return Err(row.invalid(5, format!("a date on or after from_date ({from}) or empty")));
    }
    if row.str(6).trim().is_empty() {
        return Err(row.invalid(6, "the reason for the rule"));
    }
    Ok(CodeRule {
        ucdp_code,
        ucdp_name: row.string(1),
        gw_code,
        gw_name: row.string(3),
        from,
        to,
        reason: row.string(6),
        source: row.string(7),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::GwStates;
    use chrono::Datelike;

    /// Whether a rule's first (and last) year is only partly covered: there the UCDP code itself
    /// must still be a G&W member, or the year would lose the state (checked by the tests).
    fn partial_years(rule: &CodeRule) -> Vec<i32> {
        let mut out = Vec::new();
        if rule.from.ordinal() != 1 {
            out.push(rule.from.year());
        }
        if let Some(t) = rule.to.filter(|t| t.month() != 12 || t.day() != 31) {
            out.push(t.year());
        }
        out
    }

    #[test]
    fn every_rule_maps_to_a_member_and_keeps_the_change_year() {
        let rules = UcdpGw::embedded().unwrap();
        let gw = GwStates::embedded(None).unwrap();
        assert!(!rules.rules.is_empty());
        for r in &rules.rules {
            let last = r.to.map_or(2024, |t| t.year());
            for year in r.from.year()..=last {
                if r.covers_year(year) {
                    assert!(gw.is_member(r.gw_code, year, true), "{} {year}", r.gw_code);
                }
            }
            for year in partial_years(r) {
                assert!(
                    gw.is_member(r.ucdp_code, year, true),
                    "{} {year}",
                    r.ucdp_code
                );
            }
        }
    }

    #[test]
    fn bad_rules_are_typed_errors() {
        let head = "ucdp_code,ucdp_name,gw_code,gw_name,from_date,to_date,reason,source\n";
        let same = format!("{head}345,S,345,S,2006-06-05,,why,\n");
        let err = UcdpGw::from_bytes("r.csv", same.as_bytes()).unwrap_err();
        assert_eq!((err.line(), err.column()), (Some(2), Some("gw_code")));
        let no_reason = format!("{head}345,S,340,S,2006-06-05,,,\n");
        let err = UcdpGw::from_bytes("r.csv", no_reason.as_bytes()).unwrap_err();
        assert_eq!(err.column(), Some("reason"));
        let overlap = format!("{head}345,S,340,S,2006-06-05,,why,\n345,S,341,M,2010-01-01,,why,\n");
        assert!(matches!(
            UcdpGw::from_bytes("r.csv", overlap.as_bytes()),
            Err(Error::DuplicateRecord { line: 3, .. })
        ));
    }
}
