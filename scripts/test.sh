#!/usr/bin/env bash
# The whole test suite: formatting and lints, the Rust workspace (unit, golden, CLI and doc
# tests, the benches in smoke mode), then the Python package built from source into .venv
# and its pytest suite (including the example notebooks). Installs what the Python side needs
# with pip. Run from anywhere:
#
#     ./scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
step() { printf '\n==> [%4ss] %s\n' "$((SECONDS - start))" "$*"; }

step "Python environment (.venv) and test tools"
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
# shellcheck disable=SC1091
. .venv/bin/activate
python -m pip install --quiet --disable-pip-version-check -r python/requirements-test.txt

step "Rust: fmt, clippy, docs"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings
# Broken intra-doc links and links to private items fail the build.
RUSTDOCFLAGS="-D warnings" cargo doc -p conflictstats -p conflictstats-cli --no-deps --locked

step "Rust: tests (core, CLI, golden, doc-tests)"
# The extension crate is excluded: pyo3-polars turns on polars' Python support, which cannot
# link into a plain test binary. Its Rust code is exercised by the Python tests below.
cargo test --workspace --exclude conflictstats-py --locked
step "Rust: benches in smoke mode (each bench once, small inputs)"
cargo test -p conflictstats-benches --benches --locked
step "Rust: the core's polars conversions"
cargo test -p conflictstats --features polars --locked

step "Python: lint"
ruff check python/
ruff format --check python/

step "Python: build the extension (maturin, its own target dir)"
maturin develop --locked --target-dir target/maturin

step "Python: tests"
CONFLICTSTATS_CLI="$PWD/target/debug/conflictstats" python -m pytest python/tests -q

