"""Writes a GED-layout file of N events (default 10,000,000) for the memory measurement:
the 1,000 real events of the GED 23.1 sample (all 49 columns, source texts included) repeated
with fresh unique ids. Not stored in the repo. Usage:
    python3 tests/bad-inputs/make_big_ged.py /tmp/ged10m.csv [N]
"""

import csv
import io
import pathlib
import sys

SAMPLE = pathlib.Path(__file__).resolve().parents[2] / "data/ucdp-ged-sample/ged231_sample_1000.csv"


def main():
    out = pathlib.Path(sys.argv[1])
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000_000
    text = SAMPLE.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    rdr = csv.reader(io.StringIO(text, newline=""))
    recs, prev = [], 0
    for _ in rdr:
        recs.append("".join(lines[prev : rdr.line_num]))
        prev = rdr.line_num
    header, body = recs[0], [r[r.index(",") :] for r in recs[1:]]  # drop the id
    with out.open("w", encoding="utf-8", newline="") as f:
        f.write(header)
        written = 0
        while written < n:
            chunk = []
            for rest in body:
                if written == n:
                    break
                written += 1
                chunk.append(f"{written}{rest}")
            f.write("".join(chunk))


if __name__ == "__main__":
    main()
