"""Writes a Parquet file of N GED events (the 1,000 events of the GED 23.1 sample repeated,
the columns a country aggregation reads plus ``id``, GED's Int64/Date32 types, zstd, row
groups of 1,048,576 events) in 1 M-event pieces, so the writer never holds the file. For the
peak-memory measurement in ``benches/columnar_rss.sh``; not stored in the repo. Usage:

    python benches/make_columnar.py /tmp/ged50m.parquet 50000000
"""

from __future__ import annotations

import pathlib
import sys

import polars as pl
import pyarrow.parquet as pq

SAMPLE = pathlib.Path(__file__).resolve().parents[1] / "data/ucdp-ged-sample/ged231_sample_1000.csv"
COLUMNS = ["country_id", "date_prec", "low", "best", "high", "date_start", "date_end"]
PIECE = 1 << 20


def main() -> None:
    out, n = pathlib.Path(sys.argv[1]), int(sys.argv[2])
    base = pl.read_csv(SAMPLE, columns=COLUMNS, infer_schema_length=0).with_columns(
        pl.col(COLUMNS[:5]).cast(pl.Int64),
        pl.col("date_start", "date_end").str.slice(0, 10).str.to_date("%Y-%m-%d"),
    )
    piece = pl.concat([base] * (PIECE // base.height + 1)).head(PIECE)
    writer = None
    written = 0
    while written < n:
        k = min(PIECE, n - written)
        ids = pl.int_range(written + 1, written + k + 1, eager=True, dtype=pl.Int64).alias("id")
        table = piece.head(k).insert_column(0, ids).to_arrow()
        if writer is None:
            writer = pq.ParquetWriter(out, table.schema, compression="zstd")
        writer.write_table(table, row_group_size=PIECE)
        written += k
    if writer is not None:
        writer.close()


if __name__ == "__main__":
    main()
