#!/usr/bin/env bash
# The whole test suite: formatting and lints, the Rust workspace (unit, golden, CLI and doc
# tests, the benches in smoke mode), then the Python package built from source into .venv
# and its pytest suite (including the example notebooks). Installs what the Python side needs
# with pip. Run from anywhere:
#
#     ./scripts/test.sh
#
# On 2 cores a cold run is bound by compiling, so nothing is compiled twice that need not
# be:
# - clippy lints while the tests compile (clippy-driver is the workspace's compiler wrapper,
#   below), instead of a separate `cargo clippy` pass that would check every dependency,
#   polars included, a second time;
# - pip (network and disk) runs beside the first compile, its output in target/pip.log
#   (printed if it fails);
# - the extension is built in the same target dir as the Rust tests, so the dependencies
#   they share (arrow, parquet, rustls, serde, ...) are built once, and the wheel is packed
#   from it without compiling again; pytest runs on two workers.
# Two compiles side by side are slower here than one after the other (measured: 8 min 31 s
# for maturin beside `cargo test`, 6 min 34 s for both in turn).
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

# The CLI with every optional feature (`fetch`, `columnar`), as `cargo install --features
# full` and the release binaries build it: the same selection and features in the tests and
# the docs.
features=(--features conflictstats-cli/full)

# Clippy on every workspace crate as it is compiled (the tests, the benches in test mode, the
# extension, the core's polars tests), warnings denied: what `cargo clippy --all-targets --
# -D warnings` checks, on the builds the suite makes anyway (CLIPPY_ARGS is how cargo-clippy
# hands its arguments to clippy-driver). Dependencies are compiled by rustc as usual.
RUSTC_WORKSPACE_WRAPPER="$(rustc --print sysroot)/bin/clippy-driver"
export RUSTC_WORKSPACE_WRAPPER
export CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"

step "Rust: fmt"
cargo fmt --all -- --check

step "Rust: tests (core, CLI, golden, benches in smoke mode) with clippy, then doc-tests"
# The extension crate is excluded: pyo3-polars turns on polars' Python support, which cannot
# link into a plain test binary. Its Rust code is linted when maturin builds it below and
# exercised by the Python tests. `--all-targets` runs the benches once each on small inputs
# (criterion's test mode) in the same cargo invocation, hence with the same features: nothing
# is compiled twice.
cargo test --workspace --exclude conflictstats-py --all-targets --locked "${features[@]}"
cargo test --workspace --exclude conflictstats-py --doc --locked "${features[@]}"

step "Rust: docs, and clippy on the CLI as \`cargo run\` builds it"
# Broken intra-doc links and links to private items fail the build (the crates the tests
# selected; the extension's docs would check all of polars once more).
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --exclude conflictstats-py --no-deps --locked \
    "${features[@]}"
# The README's first run builds the CLI without its optional features: linted too. Its
# dependencies were checked for the docs just above; only the core and the CLI are new.
cargo clippy -p conflictstats-cli --all-targets --locked -- -D warnings

finish "$pip_pid" pip
step "Python: lint"
ruff check python/
ruff format --check python/

step "Python: build the extension (maturin, in target/ beside the Rust tests' build)"
maturin develop --locked --target-dir target

step "Python: the abi3 wheel, packed from the extension just built (nothing recompiles)"
# python/tests/test_wheel.py installs it into a fresh venv without cargo or rustc on PATH and
# runs the README's quick-starts there. Stored, not deflated: the debug extension is large,
# and this wheel is only installed here (release wheels: .github/workflows/release.yml).
rm -rf target/wheels
maturin build --locked --profile dev --target-dir target --out target/wheels \
    --compression-method stored 2>&1 | tee target/wheel.log
if grep -q 'Compiling ' target/wheel.log; then
    echo "warning: packing the wheel recompiled the extension (maturin build's cargo arguments or pyo3 configuration differ from maturin develop's): the suite takes longer" >&2
fi
wheels=(target/wheels/conflictstats-*-abi3-*.whl)
export CONFLICTSTATS_WHEEL="$PWD/${wheels[0]}"

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

