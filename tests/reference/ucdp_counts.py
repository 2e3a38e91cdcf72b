"""Independent reference figures for the Dyadic, Non-State, One-sided and BRD golden tests.

Reads UCDP's CSV files with nothing but Python's csv module (no conflictstats code) and writes,
for every embedded release, the files the CLI (`count --format csv`, `deaths --format csv`), the
Rust golden tests and the Python tests must reproduce byte for byte:

    python3 tests/reference/ucdp_counts.py data tests/golden/expected

writes into the second directory, per release V (25.1 → v25_1):

- dyadic_vV_total.csv, nonstate_vV_total.csv, onesided_vV_total.csv (year,<unit column>): distinct
  dyad_id / conflict_id / actor_id per year, every year of the file's span;
- legal_vV_p0.csv, legal_vV_p2.csv (year,legal_relationships): Dyadic dyads plus Non-State conflicts
  active in t-p..t, for the years t whose t-p..t both files cover;
- deaths_vV.csv (year,form,low,best,high): Σ of the BRD (bd_low/best/high, whatever the level of
  the file: dyad-years or conflict-years), Non-State and One-sided estimates per year, for the
  years all three files cover, and their total.
"""

from __future__ import annotations

import csv
import os
import sys
from collections import defaultdict

# Release → file of each dataset under data/ (None: not shipped for that release).
RELEASES = {
    "25.1": {
        "dyadic": "ucdp-dyadic/ucdp-dyadic-251.csv",
        "nonstate": "ucdp-nonstate/NonState_v25_1.csv",
        "onesided": "ucdp-onesided/OneSided_v25_1.csv",
        "brd": "ucdp-brd/BattleDeaths_v25_1_conf.csv",
    },
    "24.1": {
        "dyadic": "ucdp-dyadic/Dyadic_v24_1.csv",
        "nonstate": "ucdp-nonstate/NonState_v24_1.api.csv",
        "onesided": "ucdp-onesided/OneSided_v24_1.api.csv",
        "brd": "ucdp-brd/BattleDeaths_v24_1.csv",
    },
    "23.1": {
        "dyadic": None,
        "nonstate": "ucdp-nonstate/Nonstate_v23_1.csv",
        "onesided": "ucdp-onesided/OneSided_v23_1.csv",
        "brd": None,
    },
}
ID_COLUMN = {"dyadic": "dyad_id", "nonstate": "conflict_id", "onesided": "actor_id"}
ESTIMATES = {
    "brd": ("bd_low", "bd_best", "bd_high"),
    "nonstate": ("low_fatality_estimate", "best_fatality_estimate", "high_fatality_estimate"),
    "onesided": ("low_fatality_estimate", "best_fatality_estimate", "high_fatality_estimate"),
}
FORMS = (("state_based", "brd"), ("non_state", "nonstate"), ("one_sided", "onesided"))


def read(path: str) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def ids_per_year(rows: list[dict[str, str]], column: str) -> dict[int, set[str]]:
    out: dict[int, set[str]] = defaultdict(set)
    for r in rows:
        out[int(r["year"])].add(r[column].strip())
    return out


# The count column of each unit, as conflictstats names it (count::UNITS).
COUNT_COLUMN = {
    "dyadic": "dyads",
    "nonstate": "nonstate_conflicts",
    "onesided": "onesided_actors",
    "legal": "legal_relationships",
}


def write_counts(path: str, counts: dict[int, int], span: range, column: str) -> None:
    with open(path, "w", newline="") as f:
        f.write(f"year,{column}\n")
        for y in span:
            f.write(f"{y},{counts.get(y, 0)}\n")


def legal(dy: dict[int, set[str]], ns: dict[int, set[str]], p: int) -> dict[int, int]:
    first = max(min(dy), min(ns)) + p
    last = min(max(dy), max(ns))
    out = {}
    for t in range(first, last + 1):
        active = set()
        for y in range(t - p, t + 1):
            active |= {("dyad", i) for i in dy.get(y, ())}
            active |= {("nonstate", i) for i in ns.get(y, ())}
        out[t] = len(active)
    return out


def deaths(rows: dict[str, list[dict[str, str]]], path: str) -> None:
    sums: dict[str, dict[int, list[int]]] = {}
    for key, columns in ESTIMATES.items():
        per_year: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
        for r in rows[key]:
            for k, c in enumerate(columns):
                per_year[int(r["year"])][k] += int(r[c])
        sums[key] = per_year
    first = max(min(s) for s in sums.values())
    last = min(max(s) for s in sums.values())
    with open(path, "w", newline="") as f:
        f.write("year,form,low,best,high\n")
        for y in range(first, last + 1):
            total = [0, 0, 0]
            for form, key in FORMS:
                e = sums[key].get(y, [0, 0, 0])
                total = [a + b for a, b in zip(total, e)]
                f.write(f"{y},{form},{e[0]},{e[1]},{e[2]}\n")
            f.write(f"{y},total,{total[0]},{total[1]},{total[2]}\n")


def main(data: str, out: str) -> None:
    for version, files in RELEASES.items():
        tag = "v" + version.replace(".", "_")
        rows = {k: read(os.path.join(data, p)) for k, p in files.items() if p is not None}
        per_year = {}
        for key, column in ID_COLUMN.items():
            if key not in rows:
                continue
            ids = ids_per_year(rows[key], column)
            per_year[key] = ids
            span = range(min(ids), max(ids) + 1)
            counts = {y: len(s) for y, s in ids.items()}
            write_counts(
                os.path.join(out, f"{key}_{tag}_total.csv"), counts, span, COUNT_COLUMN[key]
            )
        if "dyadic" in per_year and "nonstate" in per_year:
            for p in (0, 2):
                counts = legal(per_year["dyadic"], per_year["nonstate"], p)
                span = range(min(counts), max(counts) + 1)
                write_counts(
                    os.path.join(out, f"legal_{tag}_p{p}.csv"),
                    counts,
                    span,
                    COUNT_COLUMN["legal"],
                )
        if all(key in rows for key in ESTIMATES):
            deaths(rows, os.path.join(out, f"deaths_{tag}.csv"))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
