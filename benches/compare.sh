#!/usr/bin/env bash
# One command, fresh machine: benches/compare.sh [compare.py options, e.g. --sizes 100000]
#
# Needs: a Rust toolchain (cargo) and python3 (≥ 3.9, with venv). Creates a virtualenv
# (target/bench-venv, or $BENCH_VENV), installs the peers from PyPI (benches/requirements.txt),
# builds the conflictstats wheel in release mode (maturin, its own target dir
# target/maturin) and installs it there, builds the Rust side (target/release/cs-bench),
# and the release CLI (target/release/conflictstats), then runs benches/compare.py (in-memory
# columns), which writes benches/RESULTS.md, and benches/compare_files.py (from the CSV file
# to the answer, end to end), which adds its section to it. FILE_SIZES (default
# 385918,1000000; add 10000000 for a 6 GB file) sets the file sizes, FILE_REPEAT the runs.
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${BENCH_VENV:-target/bench-venv}"
mkdir -p "$(dirname "$venv")"
venv_abs="$(cd "$(dirname "$venv")" && pwd)/$(basename "$venv")"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --upgrade pip
"$venv/bin/python" -m pip install --quiet -r benches/requirements.txt
rm -rf target/wheels/bench
"$venv/bin/maturin" build --release --target-dir target/maturin -o target/wheels/bench \
    -i "$venv/bin/python"
"$venv/bin/python" -m pip install --quiet --force-reinstall --no-deps target/wheels/bench/conflictstats-*.whl
cargo build --release -p conflictstats-benches --bin cs-bench -p conflictstats-cli
# Run from outside the source tree so that `import conflictstats` is the installed wheel.
cd target
"$venv_abs/bin/python" ../benches/compare.py "$@"
exec "$venv_abs/bin/python" ../benches/compare_files.py --sizes "${FILE_SIZES:-385918,1000000}" \
    --repeat "${FILE_REPEAT:-3}" --cli "$PWD/release/conflictstats"
