#!/bin/sh
# Fuzzing smoke mode: build every target and run each for a few seconds (default 5) on its seeds.
# Needs cargo-fuzz (`cargo install cargo-fuzz`) and nightly features (RUSTC_BOOTSTRAP=1 on
# stable). Exits non-zero on the first crash; the crashing input is left in fuzz/artifacts/.
set -eu
cd "$(dirname "$0")"
secs=${1:-5}
export RUSTC_BOOTSTRAP=1
cargo fuzz build -O
for t in acd dyadic brd nonstate onesided ged gwstates crosswalk ihl count_spec; do
  mkdir -p corpus/$t
  cargo fuzz run -O $t corpus/$t seeds/$t -- -max_total_time="$secs" -max_len=16384 \
    -rss_limit_mb=4096 2>&1 | grep -E "^Done|ERROR|SUMMARY" || true
  test -z "$(ls artifacts/$t 2>/dev/null)" || { echo "crash in $t: fuzz/artifacts/$t"; exit 1; }
done
