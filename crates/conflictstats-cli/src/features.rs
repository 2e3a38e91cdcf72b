//! The tool's optional cargo features, as one table of facts, and the error a build without
//! one gives when it is asked for what the feature brings.
//!
//! `cargo run -p conflictstats-cli` builds the tool without them (a first run compiles 64
//! crates instead of 120, none of them C); `cargo install --path crates/conflictstats-cli
//! --features full` and the release binaries have them all. A build never drops a request silently: `fetch`, or a
//! Parquet or Arrow IPC `--ged-file`, in a build without the feature is an error (exit 2)
//! naming the feature and the command that builds it in.

use crate::output::Failure;
use std::fmt;

/// An optional feature of the tool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Feature {
    /// `conflictstats fetch`: an HTTPS client (ureq with rustls) and a zip reader.
    Fetch,
    /// Parquet and Arrow IPC event files: arrow-rs and its codecs (snappy, zstd, lz4).
    Columnar,
}

/// What is known of a feature: its cargo name, what it brings, whether this build has it.
struct Facts {
    name: &'static str,
    brings: &'static str,
    compiled: bool,
}

impl Feature {
    /// Every optional feature, in `--features full` order.
    pub(crate) const ALL: [Feature; 2] = [Feature::Fetch, Feature::Columnar];

    fn facts(self) -> Facts {
        match self {
            Feature::Fetch => Facts {
                name: "fetch",
                brings: "downloads from UCDP: an HTTPS client and a zip reader",
                compiled: cfg!(feature = "fetch"),
            },
            Feature::Columnar => Facts {
                name: "columnar",
                brings: "Parquet and Arrow IPC input through arrow-rs",
                compiled: cfg!(feature = "columnar"),
            },
        }
    }

    /// The cargo feature's name.
    pub(crate) fn name(self) -> &'static str {
        self.facts().name
    }

    /// Whether this build was compiled with the feature.
    pub(crate) fn compiled(self) -> bool {
        self.facts().compiled
    }
}

/// The features this build has, for `--version`: `fetch, columnar`, or `none` with the
/// flag that adds them.
pub(crate) fn summary() -> String {
    let on: Vec<&str> = Feature::ALL
        .iter()
        .filter(|f| f.compiled())
        .map(|f| f.name())
        .collect();
    if on.len() == Feature::ALL.len() {
        format!("features: {}", on.join(", "))
    } else {
        let off: Vec<&str> = Feature::ALL
            .iter()
            .filter(|f| !f.compiled())
            .map(|f| f.name())
            .collect();
        format!(
            "features: {}; without {} (build with --features full)",
            if on.is_empty() {
                "none".to_string()
            } else {
                on.join(", ")
            },
            off.join(", ")
        )
    }
}

/// The text of `conflictstats --version`: the version and [`summary`].
pub(crate) fn long_version() -> &'static str {
    static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TEXT.get_or_init(|| format!("{} ({})", env!("CARGO_PKG_VERSION"), summary()))
}

/// A request for what a feature brings, in a build without it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MissingFeature {
    /// The feature the request needs.
    pub feature: Feature,
    /// What was asked, e.g. `conflictstats fetch` or `a Parquet --ged-file`.
    pub asked: String,
    /// The arguments as typed (after the program name), for the command to run instead.
    pub args: Vec<String>,
}

impl MissingFeature {
    /// The request `asked`, made with this process's arguments.
    #[cfg_attr(
        all(feature = "fetch", feature = "columnar"),
        allow(dead_code, reason = "used only by builds without a feature")
    )]
    pub(crate) fn new(feature: Feature, asked: impl Into<String>) -> MissingFeature {
        MissingFeature {
            feature,
            asked: asked.into(),
            args: std::env::args().skip(1).collect(),
        }
    }
}

impl fmt::Display for MissingFeature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let facts = self.feature.facts();
        let args: Vec<String> = self.args.iter().map(|a| shell_word(a)).collect();
        write!(
            f,
            "{} needs the `{}` feature ({}), which this build of conflictstats was compiled \
             without; install the full tool with `cargo install --path crates/conflictstats-cli \
             --features full` (from the repository), or run `cargo run -p conflictstats-cli \
             --features full -- {}`",
            self.asked,
            facts.name,
            facts.brings,
            args.join(" ")
        )
    }
}

impl From<MissingFeature> for Failure {
    fn from(e: MissingFeature) -> Failure {
        Failure::Usage(e.to_string())
    }
}

/// An argument as a POSIX shell reads it back: as it is when it holds only safe characters,
/// else in single quotes.
fn shell_word(arg: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || "-_./=:,@%+".contains(c);
    if !arg.is_empty() && arg.chars().all(safe) {
        arg.to_string()
    } else {
        format!("'{}'", arg.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_names_the_feature_and_the_command_that_builds_it() {
        let e = MissingFeature {
            feature: Feature::Fetch,
            asked: "`conflictstats fetch`".to_string(),
            args: vec!["fetch".into(), "ucdp-acd".into(), "26.1".into()],
        };
        assert_eq!(
            e.to_string(),
            "`conflictstats fetch` needs the `fetch` feature (downloads from UCDP: an HTTPS client \
             and a zip reader), which this build of conflictstats was compiled without; install \
             the full tool with `cargo install --path crates/conflictstats-cli --features full` \
             (from the repository), or run `cargo run -p conflictstats-cli --features full -- \
             fetch ucdp-acd 26.1`"
        );
        match Failure::from(e) {
            Failure::Usage(m) => assert!(m.contains("--features full")),
            Failure::Core(e) => panic!("a usage error expected, got {e}"),
        }
    }

    #[test]
    fn arguments_are_quoted_as_a_shell_reads_them() {
        assert_eq!(shell_word("--ged-file"), "--ged-file");
        assert_eq!(shell_word("my events.parquet"), "'my events.parquet'");
        assert_eq!(shell_word("it's"), r"'it'\''s'");
        assert_eq!(shell_word(""), "''");
        assert_eq!(shell_word("$(rm -rf x)"), "'$(rm -rf x)'");
    }

    #[test]
    fn the_version_line_lists_what_this_build_has() {
        let text = summary();
        let all = Feature::ALL.iter().all(|f| f.compiled());
        assert_eq!(text == "features: fetch, columnar", all, "{text}");
        for f in Feature::ALL.iter().filter(|f| !f.compiled()) {
            let without = &text[text.find("without").unwrap()..];
            assert!(
                without.contains(f.name()) && without.contains("--features full"),
                "{text}"
            );
        }
    }
}
