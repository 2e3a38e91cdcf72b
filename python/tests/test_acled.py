"""`cs.aggregate_events(acled=PATH, event_types=[...])`: a user's ACLED export (no ACLED data
is shipped: the tests write small files in ACLED's documented layout), golden figures computed
by hand, the CLI's figures equal, bad inputs raising typed errors with line and column, and the
ISO numeric table checked against Debian's iso-codes where it is installed."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

import pytest

import conflictstats as cs

HEADER = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,"
    "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,"
    "iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,"
    "source_scale,notes,fatalities,tags,timestamp"
)
PV, DEM = "Political violence", "Demonstrations"
# (id, date, year, time_precision, disorder, event type, sub-event type, iso, country, fatalities)
ROWS = [
    ("SDN1", "2024-03-14", "2024", "1", PV, "Battles", "Armed clash", "729", "Sudan", "7"),
    (
        "SDN2",
        "15 March 2024",
        "2024",
        "2",
        PV,
        "Explosions/Remote violence",
        "Air/drone strike",
        "729",
        "Sudan",
        "12",
    ),
    (
        "SDN3",
        "2024-04-02",
        "2024",
        "1",
        PV,
        "Violence against civilians",
        "Attack",
        "729",
        "Sudan",
        "5",
    ),
    ("SDN4", "2024-03-01", "2024", "1", DEM, "Protests", "Peaceful protest", "729", "Sudan", "0"),
    ("SSD1", "2011-03-10", "2011", "1", PV, "Battles", "Armed clash", "728", "South Sudan", "9"),
    ("PSE1", "2024-03-02", "2024", "1", PV, "Battles", "Armed clash", "275", "Palestine", "20"),
    ("MLI1", "31 December 2023", "2023", "3", PV, "Battles", "Armed clash", "466", "Mali", "2"),
]


def write(tmp_path: Path, rows: list[tuple[str, ...]] = ROWS, name: str = "export.csv") -> Path:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(HEADER.split(","))
    for i, date, year, tp, dis, ev, sub, iso, country, fat in rows:
        note = f'On {date}, "clashes"\nnear town.'  # quoted, with a comma and a newline
        actors = ["A", "", "State forces", "", "", "", "State forces only", ""]
        place = ["Eastern Africa", country, "X", "", "", "X", "15.5", "32.5", "1"]
        tail = ["S", "National", note, fat, "", "1700000000"]
        w.writerow([i, date, year, tp, dis, ev, sub, *actors, iso, *place, *tail])
    path = tmp_path / name
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def test_acled_golden_country_month_violent_events(tmp_path: Path) -> None:
    """Battles, Explosions/Remote violence, Violence against civilians per month.

    625 Sudan 2024-03: SDN1 7 + SDN2 12 = 19 (two events); 2024-04: SDN3 5; 432 Mali 2023-12:
    MLI1 2. SDN4 (a protest, 0) is not selected. Unmatched: SSD1 (9; G&W 626 exists from
    2011-07-09), PSE1 (20; Palestine has no G&W state). 26 + 0 + 29 = 55 = every fatality.
    """
    df = cs.aggregate_events(
        period="month",
        acled=write(tmp_path),
        event_types=["Battles", "Explosions/Remote violence", "Violence against civilians"],
    )
    assert df.columns == ["gwcode", "year", "month", "fatalities", "events", "source"]
    assert "best" not in df.columns
    rows = df.select("gwcode", "year", "month", "fatalities", "events").rows()
    assert rows == [(432, 2023, 12, 2, 1), (625, 2024, 3, 19, 2), (625, 2024, 4, 5, 1)]
    assert df["source"][0].startswith("acled-export sha256:")
    meta = cs.provenance(df)
    assert "not UCDP battle-related deaths" in meta["measure"]
    assert meta["provenance"]["status"] == "unregistered"
    assert meta["provenance"]["version"] == "unknown"
    names = [d["name"] for d in meta["datasets"]]
    assert names == ["acled-export", "iso-numeric", "gw-iso3-crosswalk"]
    ex = meta["excluded"]
    assert ex["not_selected"] == {"events": 1, "fatalities": 0}
    unmatched = [(u["iso"], u["country"], u["reason"], u["fatalities"]) for u in ex["unmatched"]]
    assert unmatched == [
        (275, "Palestine", "no_gw_state", 20),
        (728, "South Sudan", "no_gw_state", 9),
    ]
    assert meta["totals"] == {"events": 4, "fatalities": 26}


def test_acled_year_day_precise_equals_cli(tmp_path: Path, cli: Path, root: Path) -> None:
    """All types per year, day-precise only: MLI1 (month precision) and SDN2 (week) are
    imprecise (2 events, 14); 625 Sudan 2024: 7 + 5 + 0 = 12 (three events)."""
    f = write(tmp_path)
    df = cs.aggregate_events(acled=str(f), max_time_precision=1)
    assert df.select("gwcode", "year", "fatalities", "events").rows() == [(625, 2024, 12, 3)]
    assert cs.provenance(df)["excluded"]["imprecise"] == {"events": 2, "fatalities": 14}
    out = subprocess.run(
        [str(cli), "panel", "events", "--acled-file", str(f), "--max-time-precision", "1"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.splitlines()[1] == f"625,2024,12,3,{df['source'][0]}"
    doc = json.loads(
        subprocess.run(
            [str(cli), "panel", "events", "--acled-file", str(f), "--format", "json"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    assert doc["result"]["excluded"]["unmatched"][0]["country"] == "Palestine"
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((root / "schema" / "output.v2.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(doc)
    bad = json.loads(json.dumps(doc))
    bad["rows"][0]["fatalities"] = -1  # not a count: the schema refuses it
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(schema).validate(bad)


@pytest.mark.parametrize(
    ("row", "field", "value", "column"),
    [
        (2, 1, "2024-02-30", "event_date"),
        (2, 1, "2 Apr 2024", "event_date"),
        (3, 9, "-1", "fatalities"),
        (3, 9, "", "fatalities"),
        (4, 7, "999", "iso"),
        (4, 5, "Remote violence", "event_type"),
        (5, 2, "2020", "year"),
    ],
)
def test_acled_bad_input_names_line_and_column(
    tmp_path: Path, row: int, field: int, value: str, column: str
) -> None:
    rows = [list(r) for r in ROWS]
    rows[row][field] = value
    f = write(tmp_path, [tuple(r) for r in rows])
    with pytest.raises(cs.ParseError) as err:
        cs.aggregate_events(acled=f)
    # Each record holds a note with a newline: row i starts on line 2 + 2i.
    assert (err.value.line, err.value.column, err.value.value) == (2 + 2 * row, column, value)


def test_acled_wrong_header_and_misused_arguments(tmp_path: Path) -> None:
    ged = tmp_path / "ged.csv"
    ged.write_text("id,year,country_id,best\n1,2020,652,1\n", encoding="utf-8")
    with pytest.raises(cs.SchemaError) as err:
        cs.aggregate_events(acled=ged)
    assert (err.value.line, err.value.column) == (1, "event_id_cnty")
    f = write(tmp_path)
    for kwargs in (
        {"event_types": ["Battles"]},  # a filter without acled=
        {"acled": f, "unit": "priogrid"},
        {"acled": f, "attribution": "end_month"},
        {"acled": f, "path": str(f)},
        {"acled": f, "event_types": "Battles"},
    ):
        with pytest.raises(cs.SpecError):
            cs.aggregate_events(**kwargs)  # type: ignore[arg-type]
    with pytest.raises(cs.SpecError, match="unknown ACLED event type"):
        cs.aggregate_events(acled=f, event_types=["Remote violence"])  # type: ignore[list-item]


def test_iso_numeric_table_matches_iso_codes(root: Path) -> None:
    """The official rows of data/crosswalk/iso_numeric.csv are ISO 3166-1 as Debian's
    iso-codes publishes it (skipped where the package is not installed)."""
    ref = Path("/usr/share/iso-codes/json/iso_3166-1.json")
    if not ref.exists():
        pytest.skip("iso-codes is not installed")
    want = {(int(c["numeric"]), c["alpha_3"]) for c in json.loads(ref.read_text())["3166-1"]}
    with (root / "data" / "crosswalk" / "iso_numeric.csv").open(encoding="utf-8") as fh:
        got = {
            (int(r["iso_numeric"]), r["iso3"])
            for r in csv.DictReader(fh)
            if r["status"] == "official"
        }
    assert got == want
    assert cs.load("iso-numeric").height == 262
