"""Independent reference for `conflictstats check`: every reading of the seed sentence, from
the raw UCDP CSV files with nothing but Python's csv module (no conflictstats code).

    python3 tests/reference/claim_readings.py data > readings.csv

For each release (23.1, 24.1, 25.1, 26.1: the embedded files below; 26.1 has the ACD only), each counting unit, each
reference year (2025, the year "today" means in a statement of 2026-03-06; and the latest year
every dataset of the release covers), each base alignment (h, h-1, h+1 years back) and each
base smoothing (the base year, or the mean of it and the years either side), it writes the
level ("more than 130") and the two ratios ("twice" = about 2 within 10 %; "almost four
times" = from 3.6 to under 4) with their verdicts. A figure whose year the release does not
cover is `unavailable`, never 0.

Units, from their definitions: `conflict` (distinct ACD conflict_id per year), `country`
(distinct gwno_loc items), `state_party` (distinct items of gwno_a, gwno_a_2nd, gwno_b,
gwno_b_2nd), `dyad` (Dyadic dyad_id), `nonstate_conflict` (Non-State conflict_id),
`onesided_actor` (One-sided actor_id), `legal_relationship p=P` (dyads and non-state conflicts
active in any of t-P..t, for the years t whose t-P..t both files cover) and
`conflict+nonstate_conflict` (the sum, on the years both cover). A unit's years run from its
data's first to last year, 0 where nothing was active.
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from pathlib import Path

FILES = {
    "23.1": {
        "nonstate": "ucdp-nonstate/Nonstate_v23_1.csv",
        "onesided": "ucdp-onesided/OneSided_v23_1.csv",
    },
    "24.1": {
        "acd": "ucdp-acd/UcdpPrioConflict_v24_1.api.csv",
        "dyadic": "ucdp-dyadic/Dyadic_v24_1.csv",
        "nonstate": "ucdp-nonstate/NonState_v24_1.api.csv",
        "onesided": "ucdp-onesided/OneSided_v24_1.api.csv",
    },
    "25.1": {
        "acd": "ucdp-acd/UcdpPrioConflict_v25_1.csv",
        "dyadic": "ucdp-dyadic/ucdp-dyadic-251.csv",
        "nonstate": "ucdp-nonstate/NonState_v25_1.csv",
        "onesided": "ucdp-onesided/OneSided_v25_1.csv",
    },
    "26.1": {
        "acd": "ucdp-acd/UcdpPrioConflict_v26_1.csv",
    },
}
STATED = 2025
PERSISTENCES = range(6)
OFFSETS = (0, -1, 1)
LEVEL = ("more than 130 armed conflicts", lambda v: v > 130)
RATIOS = [
    ("twice as many as 15 years ago", 15, lambda v: 1.8 - 1e-12 <= v <= 2.2 + 1e-12),
    ("almost four times as many as 30 years ago", 30, lambda v: 3.6 - 1e-12 <= v < 4.0),
]


def distinct(path: Path, cols: list[str]) -> dict[int, set[str]]:
    out: dict[int, set[str]] = defaultdict(set)
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            y = int(row["year"])
            out[y]  # a year with records but empty fields still counts as covered
            for c in cols:
                for item in row[c].split(","):
                    if item.strip():
                        out[y].add(item.strip())
    return out


def span(d: dict[int, set[str]]) -> dict[int, int]:
    return {y: len(d.get(y, ())) for y in range(min(d), max(d) + 1)}


def legal(dy: dict[int, set[str]], ns: dict[int, set[str]], p: int) -> dict[int, int]:
    first = max(min(dy), min(ns)) + p
    last = min(max(dy), max(ns))
    out = {}
    for t in range(first, last + 1):
        ids = set()
        for y in range(t - p, t + 1):
            ids |= {("d", i) for i in dy.get(y, ())}
            ids |= {("n", i) for i in ns.get(y, ())}
        out[t] = len(ids)
    return out


def units(data: Path, files: dict[str, str]) -> dict[str, dict[int, int] | None]:
    raw = {k: data / v for k, v in files.items()}
    acd = distinct(raw["acd"], ["conflict_id"]) if "acd" in raw else None
    dy = distinct(raw["dyadic"], ["dyad_id"]) if "dyadic" in raw else None
    ns = distinct(raw["nonstate"], ["conflict_id"]) if "nonstate" in raw else None
    out: dict[str, dict[int, int] | None] = {
        "conflict": span(acd) if acd else None,
        "dyad": span(dy) if dy else None,
        "country": span(distinct(raw["acd"], ["gwno_loc"])) if acd else None,
        "state_party": span(
            distinct(raw["acd"], ["gwno_a", "gwno_a_2nd", "gwno_b", "gwno_b_2nd"])
        )
        if acd
        else None,
        "nonstate_conflict": span(ns) if ns else None,
        "onesided_actor": span(distinct(raw["onesided"], ["actor_id"]))
        if "onesided" in raw
        else None,
    }
    for p in PERSISTENCES:
        out[f"legal_relationship p={p}"] = legal(dy, ns, p) if dy and ns else None
    if acd and ns:
        a, n = span(acd), span(ns)
        out["conflict+nonstate_conflict"] = {y: a[y] + n[y] for y in a if y in n}
    else:
        out["conflict+nonstate_conflict"] = None
    return out


def latest_common(data: Path, files: dict[str, str]) -> int:
    lasts = []
    for path in files.values():
        with open(data / path, newline="", encoding="utf-8") as f:
            lasts.append(max(int(r["year"]) for r in csv.DictReader(f)))
    return min(lasts)


def fmt(v: float | None) -> str:
    return "" if v is None else repr(float(v))


def main(data: str) -> None:
    root = Path(data)
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(
        ["unit", "release", "reference", "year", "base_offset", "smoothing", "part",
         "verdict", "value", "count", "base_from", "base_to", "base_count"]
    )  # fmt: skip
    for release, files in FILES.items():
        series = units(root, files)
        years = [("stated", STATED)]
        common = latest_common(root, files)
        if common != STATED:
            years.append(("latest_common", common))
        for unit, s in series.items():
            for ref, year in years:
                for off in OFFSETS:
                    for smoothing, width in (("one_year", 0), ("three_year_mean", 1)):
                        head = [unit, release, ref, year, off, smoothing]
                        have = s is not None and year in s
                        n = s[year] if have else None
                        said, ok = LEVEL
                        verdict = "unavailable" if n is None else ("holds" if ok(n) else "fails")
                        w.writerow([*head, said, verdict, fmt(n), fmt(n), "", "", ""])
                        for said, h, ok in RATIOS:
                            base = year - (h + off)
                            bys = list(range(base - width, base + width + 1))
                            if n is None or any(b not in s for b in bys):
                                w.writerow([*head, said, "unavailable", "", "", bys[0], bys[-1], ""])
                                continue
                            b = sum(s[y] for y in bys) / len(bys)
                            r = n / b if b > 0 else None
                            verdict = (
                                "unavailable" if r is None else ("holds" if ok(r) else "fails")
                            )
                            w.writerow(
                                [*head, said, verdict, fmt(r), fmt(n), bys[0], bys[-1], fmt(b)]
                            )


if __name__ == "__main__":
    main(sys.argv[1])
