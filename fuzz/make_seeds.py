"""Writes the fuzz seed corpora (fuzz/seeds/<target>/) from the real files in data/.

Each seed is the header plus a few whole records cut from a real UCDP file (bytes kept exactly,
quoted multi-line fields included): the start of the file, a middle stretch, the end, and the
records holding the files' quirks (embedded newlines, multi-value lists). Small seeds keep
libFuzzer fast; the full files are loaded by the ordinary tests. Run from the repo root:
    python3 fuzz/make_seeds.py
"""

import csv
import io
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEEDS = ROOT / "fuzz" / "seeds"

FILES = {
    "acd": ["ucdp-acd/UcdpPrioConflict_v25_1.csv", "ucdp-acd/UcdpPrioConflict_v24_1.api.csv"],
    "dyadic": ["ucdp-dyadic/Dyadic_v24_1.csv"],
    "brd": ["ucdp-brd/BattleDeaths_v24_1.csv"],
    "nonstate": ["ucdp-nonstate/Nonstate_v23_1.csv", "ucdp-nonstate/NonState_v24_1.api.csv"],
    "onesided": ["ucdp-onesided/OneSided_v23_1.csv", "ucdp-onesided/OneSided_v24_1.api.csv"],
    "ged": ["ucdp-ged-sample/ged231_sample_1000.csv"],
    "gwstates": ["gwstates/gwstates.csv"],
    "crosswalk": ["crosswalk/gw_iso3.csv"],
}


def records(path):
    """(header bytes, [record bytes]) with every record's exact source text."""
    text = path.read_bytes().decode("utf-8")
    lines = text.splitlines(keepends=True)
    rdr = csv.reader(io.StringIO(text, newline=""))
    out, prev = [], 0
    for _ in rdr:
        out.append("".join(lines[prev : rdr.line_num]))
        prev = rdr.line_num
    return out[0], out[1:]


def main():
    for target, files in FILES.items():
        d = SEEDS / target
        d.mkdir(parents=True, exist_ok=True)
        for f in files:
            header, recs = records(ROOT / "data" / f)
            stem = pathlib.Path(f).stem.replace(".", "_")
            mid = len(recs) // 2
            picks = {"head": recs[:6], "middle": recs[mid : mid + 6], "tail": recs[-4:]}
            quirky = [r for r in recs if "\n" in r.rstrip("\n") or '", ' in r or ",  " in r]
            if quirky:
                picks["quirks"] = quirky[:6]
            for name, rs in picks.items():
                (d / f"{stem}_{name}.csv").write_text(header + "".join(rs), encoding="utf-8")
            (d / f"{stem}_header_only.csv").write_text(header, encoding="utf-8")
    ihl = SEEDS / "ihl"
    ihl.mkdir(parents=True, exist_ok=True)
    head = "conflict_id,dyad_id,category,source,from,to\n"
    (ihl / "rulac.csv").write_text(
        head + "13243,,iac,RULAC: Russia–Ukraine,2014-02-27,\n"
        ",12345,occupation,own assessment,2020-01-01,2021-12-31\n"
        '259,,niac,"ICRC, 2016",,2019-12-31\n',
        encoding="utf-8",
    )
    (ihl / "aliases.csv").write_text(
        "conflict_id,dyad_id,category,source,start_date,end_date\n"
        "333,,military occupation,me,2001-10-07,\n",
        encoding="utf-8",
    )
    spec = SEEDS / "count_spec"
    spec.mkdir(parents=True, exist_ok=True)
    specs = [
        {"unit": "conflict"},
        {"unit": "country", "by": "region", "filters": {"from_year": 1989, "to_year": 2024}},
        {
            "unit": "conflict",
            "filters": {
                "types": ["intrastate", "interstate"],
                "intensities": ["war"],
                "regions": ["africa"],
            },
        },
        {"unit": "state_party", "by": "type"},
        {"unit": "dyad", "by": "incompatibility"},
        {"unit": "legal_relationship", "persistence": 5},
        {"unit": "nonstate_conflict", "filters": {"from_year": 2000}},
        {"unit": "onesided_actor", "by": "region"},
    ]
    for i, s in enumerate(specs):
        (spec / f"spec{i}.json").write_text(json.dumps(s), encoding="utf-8")


if __name__ == "__main__":
    main()
