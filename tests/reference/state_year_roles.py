"""Independent reference for the state-year panel under each participation role.

Reads UCDP's ACD CSV, the G&W list and the UCDP -> G&W code rules with nothing but Python's
csv module (no conflictstats code) and codes every G&W state-year (non-microstates, member on
any day of the year) under a role, with UCDP's episode rule (gap 1):

- role ``location``: the state is in ``gwno_loc`` of an active conflict-year; ``primary``: in
  ``gwno_a`` or ``gwno_b``; ``any``: in ``gwno_a``, ``gwno_a_2nd``, ``gwno_b`` or ``gwno_b_2nd``.
- UCDP's codes are mapped to G&W's by ``data/crosswalk/ucdp_gw.csv`` in the years a rule's
  period covers whole (Serbia: UCDP 345 -> G&W 340 from 2007).
- A state's series is each run of consecutive member years, clipped to the ACD's coverage;
  an episode is a run of consecutive incidence years; its onset is unknown (left-censored)
  when it starts in the first year of coverage (1946) for a state that was a member the year
  before (its history before the data is unknown).
- Peace years: consecutive years without incidence before t (from the start of the series).
- ``statename``: the G&W list's ``country_name`` of the first listed period of the code whose
  years include t.

    python3 tests/reference/state_year_roles.py data/ucdp-acd/UcdpPrioConflict_v25_1.csv \
        ROLE [OUT.csv]

writes ``gwcode,statename,year,incidence,conflicts,onset,termination,episode_id,left_censored,
peace_years,at_risk,peace_censored`` (0/1 flags, empty = null) for the covered years; with
``--summary`` instead of a role, per year and role: ``year,role,incidence,onsets,terminations,
left_censored,peace_years``, the sums the Rust golden test checks.
"""

from __future__ import annotations

import csv
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROLES = {
    "location": ["gwno_loc"],
    "primary": ["gwno_a", "gwno_b"],
    "any": ["gwno_a", "gwno_a_2nd", "gwno_b", "gwno_b_2nd"],
}
COLUMNS = [
    "gwcode",
    "statename",
    "year",
    "incidence",
    "conflicts",
    "onset",
    "termination",
    "episode_id",
    "left_censored",
    "peace_years",
    "at_risk",
    "peace_censored",
]


def members() -> dict[int, set[int]]:
    """Non-microstate G&W codes -> the years they are members on at least one day."""
    out: dict[int, set[int]] = defaultdict(set)
    with open(ROOT / "data" / "gwstates" / "gwstates.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["microstate"] == "TRUE":
                continue
            last = min(int(r["end"][:4]), 2100)
            out[int(r["gwcode"])].update(range(int(r["start"][:4]), last + 1))
    return out


def names() -> dict[tuple[int, int], str]:
    """(G&W code, year) -> the name of the code's first listed period that includes the year."""
    out: dict[tuple[int, int], str] = {}
    with open(ROOT / "data" / "gwstates" / "gwstates.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            last = min(int(r["end"][:4]), 2100)
            for y in range(int(r["start"][:4]), last + 1):
                out.setdefault((int(r["gwcode"]), y), r["country_name"])
    return out


def rules() -> list[tuple[int, int, date, date]]:
    with open(ROOT / "data" / "crosswalk" / "ucdp_gw.csv", newline="", encoding="utf-8") as f:
        return [
            (
                int(r["ucdp_code"]),
                int(r["gw_code"]),
                date.fromisoformat(r["from_date"]),
                date.fromisoformat(r["to_date"]) if r["to_date"] else date.max,
            )
            for r in csv.DictReader(f)
        ]


def codes(field: str) -> list[int]:
    return [int(x) for x in field.replace(" ", "").split(",") if x]


def to_gw(code: int, year: int, table: list[tuple[int, int, date, date]]) -> int:
    for ucdp, gw, start, end in table:
        if ucdp == code and start <= date(year, 1, 1) and end >= date(year, 12, 31):
            return gw
    return code


def code_role(acd_path: str, role: str) -> list[dict[str, object]]:
    table = rules()
    with open(acd_path, newline="", encoding="utf-8") as f:
        acd = list(csv.DictReader(f))
    c0 = min(int(r["year"]) for r in acd)
    c1 = max(int(r["year"]) for r in acd)
    conflicts: dict[tuple[int, int], set[str]] = defaultdict(set)
    for r in acd:
        y = int(r["year"])
        for col in ROLES[role]:
            for c in codes(r[col]):
                conflicts[(to_gw(c, y, table), y)].add(r["conflict_id"])
    out: list[dict[str, object]] = []
    for gw, years in sorted(members().items()):
        episode = 0
        y = c0
        while y <= c1:
            if y not in years:
                y += 1
                continue
            start = y
            while y + 1 in years:
                y += 1
            run_end = y  # last member year of this run (may be after c1)
            series = list(range(start, min(run_end, c1) + 1))
            y += 1
            at_start = start == c0 and (c0 - 1) in years
            episode = code_series(gw, series, run_end < c1, at_start, conflicts, episode, out)
    name = names()
    for row in out:
        row["statename"] = name[(int(row["gwcode"]), int(row["year"]))]  # type: ignore[call-overload]
    return out


def code_series(
    gw: int,
    series: list[int],
    unit_ends: bool,
    at_start: bool,
    conflicts: dict[tuple[int, int], set[str]],
    episode: int,
    out: list[dict[str, object]],
) -> int:
    """Codes one series of consecutive member years; returns the last episode number."""
    active = [bool(conflicts.get((gw, y))) for y in series]
    n = len(active)
    last_active = None  # index of the last active year seen
    censored_episode = False
    for k, y in enumerate(series):
        unknown_history = at_start and k == 0
        inc = active[k]
        row: dict[str, object] = {"gwcode": gw, "year": y, "incidence": inc}
        row["conflicts"] = len(conflicts.get((gw, y), ()))
        # Peace years before t and the censoring of that spell.
        row["peace_years"] = k if last_active is None else k - last_active - 1
        row["peace_censored"] = last_active is None and at_start
        starts = inc and (k == 0 or not active[k - 1])
        if inc:
            if starts:
                episode += 1
                censored_episode = unknown_history
            row["episode_id"] = episode
            row["left_censored"] = censored_episode
            row["onset"] = None if (starts and censored_episode) else starts
            ends = k == n - 1 or not active[k + 1]
            if ends and k == n - 1 and not unit_ends:
                row["termination"] = None
            else:
                row["termination"] = ends
        else:
            row["episode_id"] = None
            row["left_censored"] = False
            row["onset"] = False
            row["termination"] = False
        if row["onset"] is None:
            row["at_risk"] = None
        elif last_active is not None:
            row["at_risk"] = k - last_active > 1
        else:
            row["at_risk"] = None if unknown_history else True
        if inc:
            last_active = k
        out.append(row)
    return episode


def cell(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "1" if v else "0"
    return str(v)


def summary(acd_path: str) -> list[list[object]]:
    rows: list[list[object]] = []
    for role in ROLES:
        by_year: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
        for r in code_role(acd_path, role):
            s = by_year[int(r["year"])]  # type: ignore[arg-type]
            s[0] += r["incidence"] is True
            s[1] += r["onset"] is True
            s[2] += r["termination"] is True
            s[3] += r["left_censored"] is True
            s[4] += int(r["peace_years"])  # type: ignore[arg-type]
        rows += [[y, role, *s] for y, s in sorted(by_year.items())]
    return rows


def main(argv: list[str]) -> None:
    acd_path, what = argv[0], argv[1]
    out = open(argv[2], "w", newline="") if len(argv) > 2 else sys.stdout
    w = csv.writer(out, lineterminator="\n")
    if what == "--summary":
        w.writerow(
            ["year", "role", "incidence", "onsets", "terminations", "left_censored", "peace_years"]
        )
        w.writerows(summary(acd_path))
    else:
        w.writerow(COLUMNS)
        for r in code_role(acd_path, what):
            w.writerow([cell(r[c]) for c in COLUMNS])


if __name__ == "__main__":
    main(sys.argv[1:])
