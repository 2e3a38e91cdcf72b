//! The one JSON envelope of every command's `--format json` output, and of errors.
//!
//! **Every command that prints JSON builds it here** — never with `serde_json::json!` at the
//! call site — so that a script reads provenance, spec and rows at the same place whatever the
//! command. The contract is published as JSON Schema in `schema/output.v2.schema.json` (checked
//! against every command's output by `python/tests/test_schema.py`); bump
//! [`SCHEMA_VERSION`] and add a new schema file when a field changes meaning or goes away.
//!
//! ```json
//! {
//!   "schema_version": 2,
//!   "tool": {"name": "conflictstats", "version": "0.1.0"},
//!   "command": "count",
//!   "datasets": [{"name": "ucdp-acd", "version": "25.1", "sha256": "…", "source": "…", …}],
//!   "spec": {"unit": "conflict", …},
//!   "rows": [{"year": 2024, "conflicts": 61}],
//!   "result": {…}
//! }
//! ```
//!
//! - `datasets`: the provenance of **every** dataset read, primary first (empty for commands
//!   that read none, such as `datasets`).
//! - `spec`: how the result was computed (the command's options after defaults).
//! - `rows`: the tabular result, one flat object per row, the same columns as `--format csv`
//!   (integers stay integers; missing values are `null`, never 0).
//! - `result`: the command's non-tabular parts (fits, comparisons, warnings, metadata); `{}`
//!   when there are none.
//!
//! An error under `--format json` is printed on stdout as
//! `{"schema_version", "tool", "command", "error": {"kind", "message", "file", "line",
//! "column", "value"}}` with exit code 1 (data or spec) or 2 (usage).
//!
//! To add a command: build an [`Envelope`] with [`Envelope::new`], add the command's name to
//! the `command` enum and a `$defs` entry in the schema file, and add it to the list in
//! `python/tests/test_schema.py`.

use conflictstats::Error;
use conflictstats::data::{LoadWarning, Provenance};
use serde::Serialize;
use serde_json::{Map, Value};
use std::cell::RefCell;
use std::io::Write;

/// Version of the envelope's contract (`schema/output.v<N>.schema.json`).
pub(crate) const SCHEMA_VERSION: u32 = 2;

/// The tool that wrote the output.
#[derive(Debug, Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

const TOOL: Tool = Tool {
    name: "conflictstats",
    version: env!("CARGO_PKG_VERSION"),
};

/// The JSON output of one command. Build it, then [`Envelope::render`] it (or
/// [`Envelope::write`] it: rows given as a stream are then written one by one, never all in
/// memory).
#[derive(Debug, Serialize)]
pub(crate) struct Envelope<R = Vec<Value>> {
    schema_version: u32,
    tool: Tool,
    command: &'static str,
    datasets: Vec<Provenance>,
    spec: Value,
    rows: R,
    result: Map<String, Value>,
}

/// Rows produced while they are written: serialised exactly as the same rows collected in a
/// list would be.
pub(crate) struct Streamed<I>(RefCell<Option<I>>);

impl<I> std::fmt::Debug for Streamed<I> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Streamed")
    }
}

impl<I> Serialize for Streamed<I>
where
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.borrow_mut().take().into_iter().flatten())
    }
}

/// Serialises `value` (infallible for the crate's types: no map with non-string keys).
pub(crate) fn to_value<T: Serialize + ?Sized>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or_else(|e| Value::String(format!("unserialisable: {e}")))
}

impl Envelope {
    /// An envelope for `command` (the subcommand's name, e.g. `"count"` or `"panel
    /// state-year"`), with no datasets, an empty spec, no rows and an empty result.
    pub(crate) fn new(command: &'static str) -> Envelope {
        Envelope {
            schema_version: SCHEMA_VERSION,
            tool: TOOL,
            command,
            datasets: Vec::new(),
            spec: Value::Object(Map::new()),
            rows: Vec::new(),
            result: Map::new(),
        }
    }

    /// The rows: anything serialising as a list of flat objects.
    pub(crate) fn rows<T: Serialize + ?Sized>(mut self, rows: &T) -> Self {
        self.rows = match to_value(rows) {
            Value::Array(v) => v,
            other => vec![other],
        };
        self
    }

    /// Rows already built as JSON values.
    pub(crate) fn row_values(mut self, rows: Vec<Value>) -> Self {
        self.rows = rows;
        self
    }

    /// Rows produced one by one while the envelope is written (flat objects, the columns of
    /// the CSV).
    pub(crate) fn row_stream<I>(self, rows: I) -> Envelope<Streamed<I>>
    where
        I: Iterator,
        I::Item: Serialize,
    {
        Envelope {
            schema_version: self.schema_version,
            tool: self.tool,
            command: self.command,
            datasets: self.datasets,
            spec: self.spec,
            rows: Streamed(RefCell::new(Some(rows))),
            result: self.result,
        }
    }
}

impl<R: Serialize> Envelope<R> {
    /// The datasets read, primary first.
    pub(crate) fn datasets<'p>(mut self, d: impl IntoIterator<Item = &'p Provenance>) -> Self {
        self.datasets.extend(d.into_iter().cloned());
        self
    }

    /// The specification.
    pub(crate) fn spec<T: Serialize + ?Sized>(mut self, spec: &T) -> Self {
        self.spec = to_value(spec);
        self
    }

    /// One named part of the result.
    pub(crate) fn result<T: Serialize + ?Sized>(mut self, key: &str, value: &T) -> Self {
        self.result.insert(key.to_string(), to_value(value));
        self
    }

    /// Every field of `value` (an object) as parts of the result, except `skip` (fields the
    /// envelope already holds elsewhere: provenance, spec, rows).
    pub(crate) fn result_fields<T: Serialize + ?Sized>(mut self, value: &T, skip: &[&str]) -> Self {
        if let Value::Object(map) = to_value(value) {
            for (k, v) in map {
                if !skip.contains(&k.as_str()) {
                    self.result.insert(k, v);
                }
            }
        }
        self
    }

    /// The load warnings (`result.warnings`: kind, file, line, column, count, message), if
    /// any — the same lines `warning: …` printed on stderr.
    pub(crate) fn warnings(self, warnings: &[LoadWarning]) -> Self {
        if warnings.is_empty() {
            return self;
        }
        self.result("warnings", warnings)
    }

    /// Pretty JSON with a trailing newline.
    pub(crate) fn render(&self) -> String {
        pretty(self)
    }

    /// Writes the pretty JSON with a trailing newline to `w` as it is produced — byte for
    /// byte what [`Envelope::render`] returns. A write error (a closed pipe) stops it, with
    /// its kind.
    pub(crate) fn write(&self, w: &mut dyn Write) -> std::io::Result<()> {
        serde_json::to_writer_pretty(&mut *w, self).map_err(|e| match e.io_error_kind() {
            Some(kind) => std::io::Error::new(kind, e),
            None => std::io::Error::other(e),
        })?;
        w.write_all(b"\n")
    }
}

fn pretty<T: Serialize>(value: &T) -> String {
    let mut s = serde_json::to_string_pretty(value)
        .unwrap_or_else(|e| format!("{{\"error\": {{\"message\": \"{e}\"}}}}"));
    s.push('\n');
    s
}

/// The kind of an error, as the schema names it.
pub(crate) fn error_kind(err: &Error) -> &'static str {
    use conflictstats::ErrorKind;
    match err.kind() {
        ErrorKind::Io => "io",
        ErrorKind::Schema => "schema",
        ErrorKind::Parse => "parse",
        ErrorKind::Duplicate => "duplicate",
        ErrorKind::Dataset => "dataset",
        ErrorKind::Spec => "spec",
        ErrorKind::Fetch => "fetch",
        ErrorKind::Integrity => "integrity",
        _ => "other",
    }
}

/// An error as a JSON object: `kind` (`io`, `schema`, `parse`, `duplicate`, `dataset`,
/// `spec`, `fetch`, `integrity`, `usage`), the one-line `message`, and `file`, `line`, `column`, `value` (`null`
/// when the error has none).
pub(crate) fn error_json(command: &str, kind: &str, message: &str, err: Option<&Error>) -> String {
    #[derive(Serialize)]
    struct Body<'a> {
        kind: &'a str,
        message: &'a str,
        file: Option<&'a str>,
        line: Option<u64>,
        column: Option<&'a str>,
        value: Option<&'a str>,
    }
    #[derive(Serialize)]
    struct ErrorEnvelope<'a> {
        schema_version: u32,
        tool: Tool,
        command: &'a str,
        error: Body<'a>,
    }
    pretty(&ErrorEnvelope {
        schema_version: SCHEMA_VERSION,
        tool: TOOL,
        command,
        error: Body {
            kind,
            message,
            file: err.and_then(Error::file),
            line: err.and_then(Error::line),
            column: err.and_then(Error::column),
            value: err.and_then(Error::value),
        },
    })
}
