"""Independent reference counts for the ACD golden tests.

Reads UCDP's CSV with nothing but Python's csv module (no conflictstats code) and writes the
per-year counts the CLI must reproduce byte for byte:

    python3 tests/reference/acd_counts.py data/ucdp-acd/UcdpPrioConflict_v25_1.csv \
        tests/golden/expected/acd_v25_1

writes <prefix>_total.csv (year,conflicts), <prefix>_by_type.csv (year,type,conflicts),
<prefix>_by_intensity.csv (year,intensity,conflicts), <prefix>_by_region.csv
(year,region,conflicts: a conflict counts once in each of its regions, UCDP's `region` being a
list) and <prefix>_countries.csv (year,countries): the count column named after the unit, as
conflictstats names it. The v26.1 files (the default release) are written by

    python3 tests/reference/acd_counts.py data/ucdp-acd/UcdpPrioConflict_v26_1.csv \
        tests/golden/expected/acd_v26_1
"""

import csv
import sys
from collections import defaultdict

TYPES = ["extrasystemic", "interstate", "intrastate", "internationalized_intrastate"]
INTENSITIES = ["minor", "war"]
REGIONS = ["europe", "middle_east", "asia", "africa", "americas"]


def main(path: str, prefix: str) -> None:
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    years = sorted({int(r["year"]) for r in rows})
    span = range(years[0], years[-1] + 1)
    conflicts = defaultdict(set)
    by_type = defaultdict(set)
    by_intensity = defaultdict(set)
    countries = defaultdict(set)
    by_region = defaultdict(set)
    for r in rows:
        y = int(r["year"])
        cid = r["conflict_id"]
        conflicts[y].add(cid)
        by_type[(y, TYPES[int(r["type_of_conflict"]) - 1])].add(cid)
        by_intensity[(y, INTENSITIES[int(r["intensity_level"]) - 1])].add(cid)
        for gw in r["gwno_loc"].split(","):
            countries[y].add(int(gw))
        for code in r["region"].split(","):
            by_region[(y, REGIONS[int(code) - 1])].add(cid)
    with open(f"{prefix}_total.csv", "w", newline="") as f:
        f.write("year,conflicts\n")
        for y in span:
            f.write(f"{y},{len(conflicts[y])}\n")
    with open(f"{prefix}_countries.csv", "w", newline="") as f:
        f.write("year,countries\n")
        for y in span:
            f.write(f"{y},{len(countries[y])}\n")
    with open(f"{prefix}_by_type.csv", "w", newline="") as f:
        f.write("year,type,conflicts\n")
        for y in span:
            for t in TYPES:
                f.write(f"{y},{t},{len(by_type[(y, t)])}\n")
    with open(f"{prefix}_by_intensity.csv", "w", newline="") as f:
        f.write("year,intensity,conflicts\n")
        for y in span:
            for i in INTENSITIES:
                f.write(f"{y},{i},{len(by_intensity[(y, i)])}\n")
    with open(f"{prefix}_by_region.csv", "w", newline="") as f:
        f.write("year,region,conflicts\n")
        for y in span:
            for g in REGIONS:
                f.write(f"{y},{g},{len(by_region[(y, g)])}\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
