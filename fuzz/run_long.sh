#!/bin/sh
# Long fuzz runs, one target at a time: sh fuzz/run_long.sh SECONDS (from the repo root or fuzz/).
# Writable corpora go to fuzz/corpus/<target> (git-ignored); seeds are read from fuzz/seeds;
# logs (with libFuzzer's final stats) go to $FUZZ_LOGS, outside the tree.
cd "$(dirname "$0")" || exit 1
secs=${1:-240}
logs=${FUZZ_LOGS:-/tmp/conflictstats-fuzz-logs}
mkdir -p "$logs"
for t in acd dyadic brd nonstate onesided ged gwstates crosswalk ihl count_spec; do
  mkdir -p corpus/$t
  RUSTC_BOOTSTRAP=1 cargo fuzz run -O $t corpus/$t seeds/$t -- \
    -max_total_time=$secs -max_len=16384 -rss_limit_mb=4096 -print_final_stats=1 \
    > "$logs/$t.log" 2>&1
  echo "$t exit=$?" >> "$logs/summary.txt"
done
