#!/usr/bin/env bash
# The whole test suite: formatting and lints, the Rust workspace (unit, golden, CLI and doc
# tests, the benches in smoke mode), then the Python package built from source into .venv
# and its pytest suite (including the example notebooks). Installs what the Python side needs
# with pip. Run from anywhere:
#
#     ./scripts/test.sh
#
# On 2 cores a cold run is bound by compiling, so nothing is compiled twice that need not
# be: pip (network and disk) runs beside clippy, its output in target/pip.log (printed if it
# fails); the extension is built in the same target dir as the Rust tests, so the
# dependencies they share (arrow, parquet, rustls, serde, ...) are built once; pytest runs on
# two workers. Two compiles side by side are slower here than one after the other (measured:
# 8 min 31 s for maturin beside `cargo test`, 6 min 34 s for both in turn).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
step() { printf '\n==> [%4ss] %s\n' "$((SECONDS - start))" "$*"; }
mkdir -p target
# Waits for a background step; prints its log and fails if it failed.
finish() {
    local pid=$1 name=$2
    if wait "$pid"; then
        step "$name: done (target/$name.log)"
    else
        cat "target/$name.log" >&2
        echo "error: $name failed (log above: target/$name.log)" >&2
        exit 1
    fi
}

step "Python environment (.venv) and test tools (in the background: target/pip.log)"
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
# shellcheck disable=SC1091
. .venv/bin/activate
python -m pip install --quiet --disable-pip-version-check -r python/requirements-test.txt \
    > target/pip.log 2>&1 &
pip_pid=$!

step "Rust: fmt, clippy, docs"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings
# Broken intra-doc links and links to private items fail the build. The whole workspace, as
# clippy selected it: the same features, so the docs reuse clippy's check of every dependency
# (10 s cold instead of 60 s for re-checking ~40 crates under the features of a smaller selection;
# getrandom's `std` in crates/conflictstats/Cargo.toml keeps the features the same).
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --locked

finish "$pip_pid" pip
step "Python: lint"
ruff check python/
ruff format --check python/

step "Rust: tests (core, CLI, golden, benches in smoke mode), then doc-tests"
# The extension crate is excluded: pyo3-polars turns on polars' Python support, which cannot
# link into a plain test binary. Its Rust code is exercised by the Python tests below.
# `--all-targets` runs the benches once each on small inputs (criterion's test mode) in the
# same cargo invocation, hence with the same features: nothing is compiled twice.
cargo test --workspace --exclude conflictstats-py --all-targets --locked
cargo test --workspace --exclude conflictstats-py --doc --locked

step "Python: build the extension (maturin, in target/ beside the Rust tests' build)"
maturin develop --locked --target-dir target

step "Rust: the core's polars conversions (on the extension's polars build)"
# The core's polars tests run where maturin built, with maturin's pyo3 configuration and
# with the extension crate selected (so cargo unifies polars' features exactly as for the
# extension): they reuse the polars crates maturin just compiled instead of compiling polars
# a second time. Polars' Python support then needs libpython in the test binaries
# (crates/conflictstats/build.rs links it when CONFLICTSTATS_TEST_LIBPYTHON is set). Without
# a shared libpython, the tests build polars on their own, as before.
pyo3_config=(target/maturin/pyo3-config-*.txt)
libpython="$(python - <<'PY'
import os, sysconfig
path = os.path.join(sysconfig.get_config_var("LIBDIR") or "", sysconfig.get_config_var("LDLIBRARY") or "")
print(path if sysconfig.get_config_var("Py_ENABLE_SHARED") and os.path.isfile(path) else "")
PY
)"
if [ -n "$libpython" ] && [ "${#pyo3_config[@]}" -eq 1 ] && [ -f "${pyo3_config[0]}" ]; then
    PYO3_CONFIG_FILE="$PWD/${pyo3_config[0]}" CONFLICTSTATS_TEST_LIBPYTHON="$libpython" \
        cargo test -p conflictstats -p conflictstats-py --features conflictstats/polars \
        --target-dir target --locked 2>&1 | tee target/polars-tests.log
    if grep -q 'Compiling polars-core' target/polars-tests.log; then
        echo "warning: the core's polars tests recompiled polars (features or pyo3 config differ from maturin's)" >&2
    fi
else
    echo "no shared libpython or no maturin pyo3 config: building polars again for the core's tests" >&2
    cargo test -p conflictstats --features polars --locked
fi

step "Python: tests"
# cs-bench (built by the Rust tests above, for the benches) is the Rust side of
# benches/compare.py, which python/tests/test_bench_harness.py runs in smoke mode.
# Two workers; an idle worker takes tests queued on the other (`worksteal`: 82 s against
# 99 s for whole files per worker, on a warm build of this suite).
CONFLICTSTATS_CLI="$PWD/target/debug/conflictstats" \
    CONFLICTSTATS_CS_BENCH="$PWD/target/debug/cs-bench" python -m pytest python/tests -q \
    -n 2 --dist worksteal
step "done"

