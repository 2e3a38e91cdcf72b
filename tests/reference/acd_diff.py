"""Independent reference diff of two ACD files, for the `conflictstats diff` tests.

Reads two UCDP/PRIO ACD CSV files (download or API layout) with nothing but Python's csv
module (no conflictstats code) and writes what `conflictstats diff ucdp-acd OLD NEW --format
csv` must print, in the same layout:

    python3 tests/reference/acd_diff.py data/ucdp-acd/UcdpPrioConflict_v25_1.csv \
        data/ucdp-acd/UcdpPrioConflict_v26_1.csv > expected.csv

Rows: `change,conflict_id,year,field,old,new,difference` — records only in OLD
(`only_in_old`), only in NEW (`only_in_new`), each field that differs in a conflict-year in
both (`changed`; the `version` column aside: it differs in every row), then each year whose
count of conflicts differs (`count`), each part ordered by (conflict_id, year).

Values are written as the codebook defines them: codes by their names (intensity_level 1
minor, 2 war; type_of_conflict 1 extrasystemic … 4 internationalized_intrastate;
incompatibility 1 territory, 2 government, 3 both; region 1 europe … 5 americas), 0/1 flags
as false/true, lists as `a, b`, text verbatim, an empty field empty.
"""

from __future__ import annotations

import csv
import io
import sys
from collections import Counter

KEY = ("conflict_id", "year")
RELEASE = "version"
CODES = {
    "intensity_level": {"1": "minor", "2": "war"},
    "type_of_conflict": {
        "1": "extrasystemic",
        "2": "interstate",
        "3": "intrastate",
        "4": "internationalized_intrastate",
    },
    "incompatibility": {"1": "territory", "2": "government", "3": "both"},
    "region": {"1": "europe", "2": "middle_east", "3": "asia", "4": "africa", "5": "americas"},
}
FLAGS = {"cumulative_intensity", "ep_end"}
LISTS = {
    "side_a_id",
    "side_b_id",
    "gwno_a",
    "gwno_a_2nd",
    "gwno_b",
    "gwno_b_2nd",
    "gwno_loc",
    "region",
}
NUMBERS = {"start_prec", "start_prec2", "ep_end_prec"}


def value(column: str, raw: str) -> str:
    """A field as the codebook reads it, written one way."""
    if column in LISTS:
        items = [i.strip() for i in raw.split(",") if i.strip()]
        codes = CODES.get(column)
        return ", ".join(codes[i] if codes else str(int(i)) for i in items)
    if column in CODES:
        return CODES[column][raw.strip()]
    if column in FLAGS:
        return {"0": "false", "1": "true"}[raw.strip()]
    if column in NUMBERS:
        return str(int(raw)) if raw.strip() else ""
    return raw


def read(path: str) -> tuple[list[str], dict[tuple[int, int], dict[str, str]]]:
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        # The API layout spells two columns side_a_Id, side_b_Id.
        columns = [c.lower() for c in reader.fieldnames or []]
        records = {}
        for row in reader:
            r = {c.lower(): v for c, v in row.items()}
            records[(int(r["conflict_id"]), int(r["year"]))] = r
    return columns, records


def diff(old_path: str, new_path: str) -> str:
    columns, old = read(old_path)
    _, new = read(new_path)
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["change", *KEY, "field", "old", "new", "difference"])
    for key in sorted(old.keys() - new.keys()):
        w.writerow(["only_in_old", *key, "", "", "", ""])
    for key in sorted(new.keys() - old.keys()):
        w.writerow(["only_in_new", *key, "", "", "", ""])
    for key in sorted(old.keys() & new.keys()):
        for c in columns:
            if c in KEY or c == RELEASE:
                continue
            a, b = value(c, old[key][c]), value(c, new[key][c])
            if a != b:
                w.writerow(["changed", *key, c, a, b, ""])
    counts_old = Counter(y for _, y in old)
    counts_new = Counter(y for _, y in new)
    span = lambda c: range(min(c), max(c) + 1)  # noqa: E731 - every year of the coverage
    years = sorted(set(span(counts_old)) | set(span(counts_new)))
    for y in years:
        a = counts_old.get(y, 0) if y in span(counts_old) else None
        b = counts_new.get(y, 0) if y in span(counts_new) else None
        if a != b:
            d = "" if a is None or b is None else b - a
            w.writerow(["count", "", y, "conflicts", "" if a is None else a, "" if b is None else b, d])
    return out.getvalue()


if __name__ == "__main__":
    sys.stdout.write(diff(sys.argv[1], sys.argv[2]))
