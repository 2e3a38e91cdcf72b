#!/usr/bin/env bash
# Peak RSS of country-month aggregation from a Parquet file, streamed in record batches
# (what `conflictstats panel events --ged-file F.parquet` does) against loaded whole, at
# 10 M and 50 M events. Writes the files to $DIR (default /tmp; ~1.2 GB for 50 M events at
# zstd) and deletes them afterwards. Release build. Usage:
#
#     benches/columnar_rss.sh [10000000 50000000]
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${DIR:-/tmp}
sizes=("${@:-10000000 50000000}")
cargo build --release -p conflictstats-benches --bin columnar-rss -p conflictstats-cli --locked
df -h "$DIR"
for n in ${sizes[@]}; do
    f="$DIR/ged_${n}.parquet"
    python benches/make_columnar.py "$f" "$n"
    ls -l "$f"
    for mode in stream whole; do
        /usr/bin/time -v target/release/columnar-rss "$mode" "$f" 2> "$DIR/time_${mode}_${n}.txt"
        grep -E "Maximum resident|Elapsed" "$DIR/time_${mode}_${n}.txt"
    done
    /usr/bin/time -v target/release/conflictstats panel events --ged-file "$f" --period month \
        > /dev/null 2> "$DIR/time_cli_${n}.txt"
    grep -E "Maximum resident|Elapsed" "$DIR/time_cli_${n}.txt"
    rm -f "$f"
done
