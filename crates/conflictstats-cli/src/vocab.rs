//! One vocabulary for every command: the option names of the ideas every command shares (a
//! year range, a release, a dataset's file, persistence, bootstrap, seed), their help
//! headings, and the old names kept for one version.
//!
//! The contract is the table in `docs/cli.md` (idea → CLI option → Python parameter):
//!
//! | idea | CLI | Python |
//! |---|---|---|
//! | a range of years | `--years FROM-TO` (or `--years YEAR`) | `years=(from, to)` |
//! | the reference year | `--year Y` | `year=` |
//! | a release | `--version V` | `version=` |
//! | a dataset's file | `--<dataset>-file PATH` (`--file PATH`: the one dataset read; `-`: stdin) | `sources={name: path}` / `path=` |
//! | persistence | `--persistence P` | `persistence=` |
//! | bootstrap replicates, seed | `--bootstrap N`, `--seed S` | `bootstrap=`, `seed=` |
//!
//! An old name still works for one version: it is a hidden alias of the new option, and
//! [`warn_deprecated`] prints one `warning: … is deprecated` line on stderr per use.

use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::Mutex;

/// Help heading of the options choosing the data read (release, files).
pub(crate) const DATA: &str = "Data";
/// Help heading of the options selecting rows (years, types, regions, …).
pub(crate) const FILTERS: &str = "Filters";
/// Help heading of the options of the computation (unit, horizons, bootstrap, …).
pub(crate) const ANALYSIS: &str = "Analysis";
/// Help heading of the output options.
pub(crate) const OUTPUT: &str = "Output";
/// Help heading of the flags every command takes.
pub(crate) const GLOBAL: &str = "Global";

/// An old option name: on `commands` (`"*"`: every command that has it), `old` is now `new`.
#[derive(Debug)]
pub(crate) struct Deprecated {
    /// The commands (as the JSON envelope names them) where the old name was used.
    pub commands: &'static [&'static str],
    /// The old option, e.g. `--window`.
    pub old: &'static str,
    /// The option to use instead, e.g. `--years`.
    pub new: &'static str,
}

/// Every old name still accepted (for one version), with its replacement.
pub(crate) const DEPRECATED: &[Deprecated] = &[
    Deprecated {
        commands: YEAR_RANGE_COMMANDS,
        old: "--from",
        new: "--years FROM-TO",
    },
    Deprecated {
        commands: YEAR_RANGE_COMMANDS,
        old: "--to",
        new: "--years FROM-TO",
    },
    Deprecated {
        commands: &["flows"],
        old: "--base",
        new: "--base-years",
    },
    Deprecated {
        commands: &["trend", "rates"],
        old: "--window",
        new: "--years",
    },
    Deprecated {
        commands: &["check"],
        old: "--release",
        new: "--version",
    },
    Deprecated {
        commands: &["panel state-year", "panel dyad-year", "panel conflict-year"],
        old: "--acd-version",
        new: "--version",
    },
    Deprecated {
        commands: &["panel conflict-dyad-year"],
        old: "--dyadic-version",
        new: "--version",
    },
];

/// The commands whose year range was `--from YEAR --to YEAR`.
const YEAR_RANGE_COMMANDS: &[&str] = &[
    "count",
    "flows",
    "panel state-year",
    "panel dyad-year",
    "panel conflict-year",
    "panel conflict-dyad-year",
];

/// Prints one `warning: --old is deprecated …` line on stderr for each old name used in the
/// arguments of `command` (the arguments after the subcommand's name).
pub(crate) fn warn_deprecated(command: &str, args: &[OsString]) {
    for d in DEPRECATED.iter().filter(|d| d.commands.contains(&command)) {
        let used = args.iter().filter_map(|a| a.to_str()).any(|a| {
            a == d.old
                || a.strip_prefix(d.old)
                    .is_some_and(|rest| rest.starts_with('='))
        });
        if used {
            eprintln!(
                "warning: {} is deprecated in `{command}`: use {} (the old name is accepted until the next version)",
                d.old, d.new
            );
        }
    }
}

/// A range of years: `FROM-TO`, one `YEAR`, or open at one end (`FROM-`, `-TO`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct YearRange {
    /// First year (`None`: the data's first).
    pub from: Option<i32>,
    /// Last year (`None`: the data's last).
    pub to: Option<i32>,
}

impl YearRange {
    /// Both ends, when both are given.
    pub(crate) fn closed(self) -> Option<(i32, i32)> {
        self.from.zip(self.to)
    }

    /// This range with the ends an old `--from`/`--to` gave (they win over `--years`).
    pub(crate) fn with_old(self, from: Option<i32>, to: Option<i32>) -> YearRange {
        YearRange {
            from: from.or(self.from),
            to: to.or(self.to),
        }
    }
}

/// Parses `--years`: `1995-2024` (also `1995–2024`, `1995:2024`), `2024`, `1995-`, `-2024`.
pub(crate) fn parse_years(s: &str) -> Result<YearRange, String> {
    let err =
        || format!("expected years FROM-TO (e.g. 1995-2024), one YEAR, FROM- or -TO; found {s:?}");
    let year = |t: &str| -> Result<Option<i32>, String> {
        let t = t.trim();
        if t.is_empty() {
            Ok(None)
        } else {
            t.parse().map(Some).map_err(|_| err())
        }
    };
    let range = match s.trim().split_once(['-', '–', ':']) {
        Some((a, b)) => YearRange {
            from: year(a)?,
            to: year(b)?,
        },
        None => {
            let y = year(s)?;
            YearRange { from: y, to: y }
        }
    };
    if range == YearRange::default() {
        return Err(err());
    }
    Ok(range)
}

/// Parses a closed range `FROM-TO` (the fitted window of `trend` and `rates`, the base years of
/// `flows`, the years of `severity`): both ends, or one year for both.
pub(crate) fn parse_closed_years(s: &str) -> Result<(i32, i32), String> {
    let r = parse_years(s)?;
    r.closed()
        .ok_or_else(|| format!("expected both years FROM-TO (e.g. 1995-2024); found {s:?}"))
}

/// The file standard input was copied to (`-` given as a file), kept for the process.
static STDIN_COPY: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Parses a file option: a path, or `-` for standard input (copied once to a temporary file,
/// which every loader then reads like any file; removed at exit by [`remove_stdin_copy`]).
pub(crate) fn input_path(s: &str) -> Result<PathBuf, String> {
    if s != "-" {
        return Ok(PathBuf::from(s));
    }
    let mut copy = STDIN_COPY.lock().map_err(|e| e.to_string())?;
    if let Some(p) = copy.as_ref() {
        return Ok(p.clone());
    }
    let dir = std::env::temp_dir().join(format!("conflictstats-stdin-{}", std::process::id()));
    std::fs::create_dir_all(&dir)
        .map_err(|e| format!("cannot copy standard input to {}: {e}", dir.display()))?;
    let path = dir.join("stdin.csv");
    let mut file = std::fs::File::create(&path)
        .map_err(|e| format!("cannot copy standard input to {}: {e}", path.display()))?;
    std::io::copy(&mut std::io::stdin().lock(), &mut file)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    *copy = Some(path.clone());
    Ok(path)
}

/// Removes the copy of standard input, if one was made.
pub(crate) fn remove_stdin_copy() {
    if let Ok(mut copy) = STDIN_COPY.lock()
        && let Some(p) = copy.take()
    {
        if let Some(dir) = p.parent() {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_ranges_closed_single_and_open() {
        let r = |f, t| YearRange { from: f, to: t };
        assert_eq!(parse_years("1995-2024"), Ok(r(Some(1995), Some(2024))));
        assert_eq!(parse_years("1995–2024"), Ok(r(Some(1995), Some(2024))));
        assert_eq!(parse_years("2024"), Ok(r(Some(2024), Some(2024))));
        assert_eq!(parse_years("1995-"), Ok(r(Some(1995), None)));
        assert_eq!(parse_years("-2024"), Ok(r(None, Some(2024))));
        assert!(parse_years("-").is_err());
        assert!(parse_years("x-2024").is_err());
        assert!(parse_closed_years("1995-").is_err());
        assert_eq!(parse_closed_years("1995-2024"), Ok((1995, 2024)));
    }
}
