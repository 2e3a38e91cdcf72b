//! One rule for every command and option: **an option that does not apply to what the command
//! reads is a usage error** (exit 2) naming the option and why — never silently ignored.
//!
//! Each command says, in [`Scope`], which datasets it reads with the options given (from the
//! core's tables: [`CountUnit::datasets`](conflictstats::CountUnit::datasets) for a counting
//! unit, [`DatasetId::file_option`] for the file options) and which of its other options
//! apply only in some cases ([`Condition`]). [`check`] applies the rule to the options typed
//! on the command line (clap's `ValueSource::CommandLine`, so a default never trips it):
//!
//! - a `--<dataset>-file` option applies when the command reads that dataset, and `--file`
//!   when it reads exactly one (`--nonstate-file does not apply: unit conflict reads ucdp-acd`);
//! - `--version` applies when it reads a UCDP release;
//! - `--provenance-comment` applies to CSV output of a command that reads data, `--locked`,
//!   `--lock-file` and `--require-official` to a command that reads data;
//! - every [`Condition`] of the command.

use crate::output::{Failure, Format};
use clap::ArgMatches;
use clap::parser::ValueSource;
use conflictstats::data::DatasetId;

/// What a command reads with the options given.
#[derive(Debug, Clone, Default)]
pub(crate) struct Reads {
    /// The datasets read, primary first (empty: none).
    pub datasets: Vec<DatasetId>,
    /// What makes it read them, e.g. `unit conflict` or `panel conflict-year`.
    pub because: String,
}

impl Reads {
    /// `datasets`, read because of `because`.
    pub(crate) fn new(
        because: impl Into<String>,
        datasets: impl IntoIterator<Item = DatasetId>,
    ) -> Reads {
        let mut unique: Vec<DatasetId> = Vec::new();
        for d in datasets {
            if !unique.contains(&d) {
                unique.push(d);
            }
        }
        Reads {
            datasets: unique,
            because: because.into(),
        }
    }

    /// Reads no dataset (`datasets`, `cite`, `fetch`, `lock`).
    pub(crate) fn nothing(because: impl Into<String>) -> Reads {
        Reads::new(because, [])
    }

    /// The datasets a list of registry names means (a counting unit's `datasets`).
    pub(crate) fn named(because: impl Into<String>, names: &[&str]) -> Reads {
        Reads::new(because, names.iter().filter_map(|n| n.parse().ok()))
    }

    fn list(&self) -> String {
        if self.datasets.is_empty() {
            return "no dataset".into();
        }
        self.datasets
            .iter()
            .map(|d| d.name())
            .collect::<Vec<_>>()
            .join(" + ")
    }
}

/// An option that applies only in some cases: `applies`, else the usage error says `why`.
#[derive(Debug, Clone)]
pub(crate) struct Condition {
    /// The option as typed, e.g. `--persistence`.
    pub option: &'static str,
    /// Whether it applies with the other options given.
    pub applies: bool,
    /// Why it does not (shown after "does not apply: ").
    pub why: String,
}

impl Condition {
    pub(crate) fn new(option: &'static str, applies: bool, why: impl Into<String>) -> Condition {
        Condition {
            option,
            applies,
            why: why.into(),
        }
    }
}

/// What a command reads, and its options that apply only sometimes.
pub(crate) trait Scope {
    /// The datasets read with the options given.
    fn reads(&self) -> Reads;
    /// The command's options that apply only in some cases.
    fn conditions(&self) -> Vec<Condition> {
        Vec::new()
    }

    /// Whether running it reads data `conflictstats lock` can pin.
    fn pins(&self) -> bool {
        !self.reads().datasets.is_empty()
    }
}

/// Whether each option was typed on the command line.
pub(crate) struct Typed<'a> {
    /// The matches of the whole command line (global options).
    top: &'a ArgMatches,
    /// The matches of the (sub)subcommand, and its definition.
    leaf: &'a ArgMatches,
    /// The tool's definition (global options) and the subcommand's.
    root: &'a clap::Command,
    command: &'a clap::Command,
}

impl<'a> Typed<'a> {
    /// The typed options of the command line `matches` of the tool `command`.
    pub(crate) fn new(command: &'a clap::Command, matches: &'a ArgMatches) -> Typed<'a> {
        let (mut cmd, mut leaf) = (command, matches);
        while let Some((name, m)) = leaf.subcommand() {
            match cmd.find_subcommand(name) {
                Some(c) => (cmd, leaf) = (c, m),
                None => break,
            }
        }
        Typed {
            top: matches,
            leaf,
            root: command,
            command: cmd,
        }
    }

    /// Whether `--long` was typed (under its name or an alias).
    pub(crate) fn given(&self, long: &str) -> bool {
        let name = long.trim_start_matches("--");
        let find = |c: &clap::Command| {
            c.get_arguments()
                .find(|a| a.get_long() == Some(name))
                .map(|a| a.get_id().as_str().to_string())
        };
        let Some(id) = find(self.command).or_else(|| find(self.root)) else {
            return false;
        };
        [self.leaf, self.top].iter().any(|m| {
            m.try_contains_id(&id).unwrap_or(false)
                && m.value_source(&id) == Some(ValueSource::CommandLine)
        })
    }
}

/// The rule: the first option typed that does not apply, as a usage error
/// `--option does not apply: why`.
pub(crate) fn check(
    scope: &dyn Scope,
    typed: &Typed<'_>,
    format: Format,
    command: &str,
) -> Result<(), Failure> {
    let reads = scope.reads();
    let reject =
        |option: &str, why: &str| Err(Failure::Usage(format!("{option} does not apply: {why}")));
    let reads_what = format!("{} reads {}", reads.because, reads.list());
    for id in DatasetId::ALL {
        if typed.given(id.file_option()) && !reads.datasets.contains(&id) {
            return reject(id.file_option(), &reads_what);
        }
    }
    if typed.given("--file") && reads.datasets.len() != 1 {
        let options: Vec<&str> = reads.datasets.iter().map(|d| d.file_option()).collect();
        return reject(
            "--file",
            &format!(
                "{reads_what}; give each its own file ({})",
                options.join(", ")
            ),
        );
    }
    let reads_data = !reads.datasets.is_empty();
    if typed.given("--version") && !reads_data {
        return reject("--version", &reads_what);
    }
    for c in scope.conditions() {
        if typed.given(c.option) && !c.applies {
            return reject(c.option, &c.why);
        }
    }
    if typed.given("--provenance-comment") {
        if !reads_data {
            return reject("--provenance-comment", &reads_what);
        }
        if format != Format::Csv {
            return reject(
                "--provenance-comment",
                "it prefixes --format csv output (JSON output always carries the datasets' provenance in `datasets`)",
            );
        }
    }
    // `fetch` checks what it downloads (the fetch branch decides how), `lock` what its command
    // reads.
    let pins_apply = reads_data || command == "fetch" || command == "lock";
    for option in ["--locked", "--require-official"] {
        if typed.given(option) && !pins_apply {
            return reject(option, &format!("{reads_what}; there is nothing to check"));
        }
    }
    if typed.given("--lock-file") && !typed.given("--locked") && command != "lock" {
        return reject(
            "--lock-file",
            "it names the lockfile that --locked checks (and `conflictstats lock` writes); add --locked",
        );
    }
    Ok(())
}

/// Conditions of the bootstrap seed: `--seed` (and `options`) need a bootstrap.
pub(crate) fn needs_bootstrap(
    options: &[&'static str],
    bootstrap: bool,
    why: &str,
) -> Vec<Condition> {
    options
        .iter()
        .map(|o| Condition::new(o, bootstrap, format!("there is no bootstrap ({why})")))
        .collect()
}

/// What a counting unit reads, from the core's unit table ([`conflictstats::count::UNITS`]).
pub(crate) fn unit_reads(unit: conflictstats::CountUnit) -> Reads {
    Reads::named(format!("unit {unit}"), unit.datasets())
}

/// `--dataset NAME` of `count` and `trend` names a dataset the unit reads (the core's unit
/// table).
pub(crate) fn dataset_condition(
    unit: conflictstats::CountUnit,
    dataset: Option<&str>,
) -> Condition {
    let reads = unit_reads(unit);
    Condition::new(
        "--dataset",
        dataset.is_none_or(|d| {
            unit.datasets()
                .contains(&d.trim().to_ascii_lowercase().as_str())
        }),
        format!("{} reads {}", reads.because, reads.list()),
    )
}

/// The conditions of a command that counts one unit over years (`trend`, `forecast`): the
/// unit's `--persistence` rule and the dataset a `--file` must be.
pub(crate) fn series_conditions(
    unit: conflictstats::CountUnit,
    dataset: Option<&str>,
) -> Vec<Condition> {
    let mut out: Vec<Condition> = unit_conditions(unit, None)
        .into_iter()
        .filter(|c| c.option == "--persistence")
        .collect();
    out.push(dataset_condition(unit, dataset));
    out
}

/// The options of `count` and `trend` that apply to some counting units only, decided by the
/// core's unit table: `--persistence` (units with a persistence), the type, intensity and
/// incompatibility filters and groupings (state-based units).
pub(crate) fn unit_conditions(
    unit: conflictstats::CountUnit,
    by: Option<conflictstats::Dimension>,
) -> Vec<Condition> {
    use conflictstats::count::UNITS;
    let keys = |f: fn(&conflictstats::count::UnitInfo) -> bool| {
        UNITS
            .iter()
            .filter(|u| f(u))
            .map(|u| u.key)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let info = unit.info();
    let state_based = format!(
        "unit {unit} has no UCDP type, intensity or incompatibility codes (they belong to the state-based units: {})",
        keys(|u| u.state_based)
    );
    let mut out = vec![Condition::new(
        "--persistence",
        info.persistence,
        format!(
            "unit {unit} counts active years only (a persistence applies to: {})",
            keys(|u| u.persistence)
        ),
    )];
    for option in ["--type", "--intensity", "--incompatibility"] {
        out.push(Condition::new(
            option,
            info.state_based,
            state_based.clone(),
        ));
    }
    out.push(Condition::new(
        "--by",
        info.state_based || matches!(by, None | Some(conflictstats::Dimension::Region)),
        format!("{state_based}; group it by region"),
    ));
    out
}

impl Scope for crate::fetch::FetchArgs {
    fn reads(&self) -> Reads {
        Reads::nothing("fetch (it downloads a release)")
    }
}

impl Scope for crate::fetch::LockArgs {
    fn reads(&self) -> Reads {
        // What the locked command reads is checked with that command (`crate::parse`).
        Reads::nothing("lock itself (it runs the command after `--`)")
    }
}

#[cfg(test)]
mod tests {
    //! The rule, enumerated: every command × every context (each value of each option with
    //! possible values, each flag, a bootstrap of 0) × every option, parsed as the tool
    //! parses it; each option that does not apply must be a one-line usage error naming it.

    use crate::output::Failure;
    use clap::CommandFactory as _;
    use conflictstats::CountUnit;
    use conflictstats::data::DatasetId;
    use std::collections::BTreeSet;

    /// Every leaf command: `["count"]`, `["panel", "state-year"]`, …
    fn leaves(cmd: &clap::Command, prefix: &[String]) -> Vec<(Vec<String>, clap::Command)> {
        let mut out = Vec::new();
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            let mut path = prefix.to_vec();
            path.push(sub.get_name().to_string());
            if sub.has_subcommands() {
                out.extend(leaves(sub, &path));
            } else {
                out.push((path, sub.clone()));
            }
        }
        out
    }

    /// The values of an option parsed by a core type rather than a clap enum, from the
    /// core's tables: every counting unit (`--unit` of `count` and `trend`), every grouping.
    fn core_values(arg: &clap::Arg) -> Vec<String> {
        if !arg.get_possible_values().is_empty() {
            return Vec::new();
        }
        match arg.get_long() {
            Some("unit") => CountUnit::ALL.iter().map(|u| u.key().to_string()).collect(),
            Some("by") => conflictstats::Dimension::ALL
                .iter()
                .map(|d| d.key().to_string())
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The values to try: each possible value, else one the option's parser accepts (`[None]`:
    /// a flag).
    fn values_for(arg: &clap::Arg) -> Vec<Option<String>> {
        let values = arg.get_possible_values();
        let core = core_values(arg);
        if !core.is_empty() {
            core.into_iter().map(Some).collect()
        } else if values.is_empty() {
            vec![value_for(arg)]
        } else {
            values
                .iter()
                .map(|v| Some(v.get_name().to_string()))
                .collect()
        }
    }

    /// A value the option's parser accepts (`None`: a flag).
    fn value_for(arg: &clap::Arg) -> Option<String> {
        if !arg.get_num_args().is_some_and(|n| n.takes_values()) {
            return None;
        }
        let name = arg
            .get_value_names()
            .and_then(|v| v.first())
            .map_or(String::new(), ToString::to_string);
        Some(
            match name.as_str() {
                "PATH" | "CSV" => "x.csv",
                "FROM-TO" => "1990-2000",
                "HEX" => "00",
                "1-3" => "1",
                _ => "3",
            }
            .to_string(),
        )
    }

    /// The options of a leaf command and the global ones, visible, by their long name.
    fn options(leaf: &clap::Command, root: &clap::Command) -> Vec<clap::Arg> {
        let mut out: Vec<clap::Arg> = Vec::new();
        let globals = root.get_arguments().filter(|a| a.is_global_set());
        for a in leaf.get_arguments().chain(globals) {
            if a.get_long().is_some()
                && !a.is_hide_set()
                && a.get_id() != "help"
                && !out.iter().any(|b| b.get_id() == a.get_id())
            {
                out.push(a.clone());
            }
        }
        out
    }

    /// Parses a command line as the tool does: `None` if clap rejects it, else whether the
    /// rule accepts it (`Err`: the usage error's message).
    fn outcome(argv: &[String]) -> Option<Result<(), String>> {
        let os: Vec<std::ffi::OsString> = argv.iter().map(Into::into).collect();
        match crate::parse(&os) {
            Err(_) => None,
            Ok(Ok(_)) => Some(Ok(())),
            Ok(Err(Failure::Usage(m))) => Some(Err(m)),
            Ok(Err(Failure::Core(e))) => panic!("{argv:?}: a core error while parsing: {e}"),
        }
    }

    /// The contexts of a command: nothing, each value of each option with possible values,
    /// each flag, and a bootstrap of 0.
    fn contexts(leaf: &clap::Command) -> Vec<Vec<String>> {
        let mut out = vec![Vec::new()];
        for a in leaf.get_arguments().filter(|a| !a.is_hide_set()) {
            let Some(long) = a.get_long() else { continue };
            let values: Vec<String> = a
                .get_possible_values()
                .iter()
                .map(|v| v.get_name().to_string())
                .chain(core_values(a))
                .collect();
            if !values.is_empty() {
                for v in values {
                    out.push(vec![format!("--{long}"), v]);
                }
            } else if value_for(a).is_none() && long != "help" {
                out.push(vec![format!("--{long}")]);
            } else if long.ends_with("bootstrap") {
                out.push(vec![format!("--{long}"), "0".into()]);
            }
        }
        out
    }

    #[test]
    fn every_option_that_does_not_apply_is_a_one_line_usage_error() {
        let mut root = crate::Cli::command();
        root.build(); // for introspection: value counts, global options propagated
        let (mut checked, mut rejected) = (0, BTreeSet::new());
        for (path, leaf) in leaves(&root, &[]) {
            if path == ["lock"] {
                continue; // its arguments are another command (tested below)
            }
            let mut base = vec!["conflictstats".to_string()];
            base.extend(path.iter().cloned());
            if path == ["fetch"] {
                base.push("ucdp-acd".into());
            }
            for ctx in contexts(&leaf) {
                let mut with_ctx = base.clone();
                with_ctx.extend(ctx.iter().cloned());
                if outcome(&with_ctx) != Some(Ok(())) {
                    continue; // the context alone is rejected (or does not parse)
                }
                for arg in options(&leaf, &root) {
                    let long = format!("--{}", arg.get_long().unwrap_or_default());
                    if ctx.first() == Some(&long) {
                        continue;
                    }
                    for value in values_for(&arg) {
                        let mut argv = with_ctx.clone();
                        argv.push(long.clone());
                        argv.extend(value.clone());
                        let Some(result) = outcome(&argv) else {
                            continue;
                        };
                        checked += 1;
                        if let Err(m) = result {
                            // It names the option added, or the context it contradicts.
                            let named = [Some(&long), ctx.first()]
                                .into_iter()
                                .flatten()
                                .any(|o| m.starts_with(&format!("{o} does not apply: ")));
                            assert!(named && !m.contains('\n'), "{argv:?}: {m}");
                            rejected.insert(argv[1..].join(" "));
                        }
                    }
                }
            }
        }
        // 2,575 command lines, 567 rejected when written: the enumeration cannot go empty.
        assert!(
            checked > 2000 && rejected.len() > 400,
            "{checked} checked, {} rejected",
            rejected.len()
        );
        for case in [
            "count --unit conflict --nonstate-file x.csv",
            "count --unit dyad --acd-file x.csv",
            "count --unit conflict --persistence 3",
            "count --unit nonstate_conflict --type 3",
            "count --unit onesided_actor --by type",
            "trend --unit conflict --dyadic-file x.csv",
            "check --bootstrap 0 --seed 3",
            "severity --bootstrap 0 --seed 3",
            "trend --no-shapes --min-segment 3",
            "datasets --format csv --provenance-comment",
            "count --format json --provenance-comment",
            "count --lock-file x.csv",
            "datasets --locked",
            "cite --format json --bibtex",
            "ihl --level dyad --acd-file x.csv",
            "ihl --level conflict --dyadic-file x.csv",
            "panel conflict-year --states-file x.csv",
            "panel state-year --directed",
            "panel events --unit conflict --event-type 3",
        ] {
            assert!(rejected.contains(case), "{case} is not rejected");
        }
        // The file options follow the core's unit table, unit by unit.
        for command in ["count", "trend"] {
            for unit in CountUnit::ALL {
                for id in [
                    DatasetId::Acd,
                    DatasetId::Dyadic,
                    DatasetId::NonState,
                    DatasetId::OneSided,
                ] {
                    let case = format!("{command} --unit {unit} {} x.csv", id.file_option());
                    assert_eq!(
                        rejected.contains(&case),
                        !unit.datasets().contains(&id.name()),
                        "{case}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_message_names_what_the_command_reads() {
        let argv = |a: &[&str]| -> Vec<String> {
            std::iter::once("conflictstats")
                .chain(a.iter().copied())
                .map(String::from)
                .collect()
        };
        assert_eq!(
            outcome(&argv(&["count", "--nonstate-file", "bad.csv"])),
            Some(Err(
                "--nonstate-file does not apply: unit conflict reads ucdp-acd".into()
            ))
        );
        assert_eq!(
            outcome(&argv(&["lock", "--", "datasets"])),
            Some(Err("nothing to pin: `datasets` reads no dataset; lock a command that reads data (count, trend, reconcile, …)".into()))
        );
        let Some(Err(m)) = outcome(&argv(&[
            "lock",
            "--",
            "count",
            "--unit",
            "dyad",
            "--acd-file",
            "a.csv",
        ])) else {
            panic!("the locked command's options are checked");
        };
        assert_eq!(m, "--acd-file does not apply: unit dyad reads ucdp-dyadic");
        assert_eq!(
            outcome(&argv(&[
                "count",
                "--unit",
                "legal_relationship",
                "--persistence",
                "2"
            ])),
            Some(Ok(()))
        );
    }
}
