"""Maps (issue 25): the 2025 map of ACD v26.1 (pinned), its data frame against `count --unit
country`, the SVG and GeoJSON of the CLI and of Python, the legend holding every value, and
the main maps rendered to PNG."""

from __future__ import annotations

import json
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

import conflictstats as cs

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def map_2025() -> cs.MapData:
    return cs.map_data(year=2025, version="26.1")  # ACD v26.1, pinned


def countries_2025_acd_26_1() -> int:
    return int(cs.count(unit="country", years=2025, version="26.1")["countries"][0])


def test_every_country_with_a_conflict_in_2025_is_in_the_frame_acd_26_1(
    map_2025: cs.MapData,
) -> None:
    frame = map_2025.frame
    positive = frame.filter(frame["value"] > 0)
    assert positive.height == countries_2025_acd_26_1() == 37
    assert positive["gwcode"].n_unique() == positive.height
    # None lost in the join: each is drawn or listed without outline, with its value.
    assert set(positive["outline"].to_list()) <= {"drawn", "no_outline"}
    drawn = positive.filter(positive["outline"] == "drawn")
    assert drawn["iso3"].null_count() == 0
    assert {"gwcode", "name", "iso3", "value", "class", "outline"} <= set(frame.columns)
    assert frame["value"].null_count() == 0  # 2025 is covered: no missing value
    # Syria (652), Ukraine (369), Sudan (625) had conflicts located there in 2025.
    by_code = dict(zip(frame["gwcode"].to_list(), frame["value"].to_list()))
    assert all(by_code[c] >= 1 for c in (652, 369, 625))


def test_coloured_and_grey_outlines_counted_against_the_data(map_2025: cs.MapData) -> None:
    o = map_2025.outlines
    assert o.height == 177
    status = dict(zip(*o["status"].value_counts().sort("status").to_dict(as_series=False).values()))
    assert status == {"no_state": 8, "value": 169}
    coloured = o.filter(o["value"] > 0)
    listed = map_2025.states_without_outline.filter(map_2025.states_without_outline["value"] > 0)
    assert coloured["gwcode"].n_unique() + listed.height == countries_2025_acd_26_1()
    grey = sorted(map_2025.outlines_without_state)
    assert "W. Sahara" in grey and "Palestine" in grey and "Greenland" in grey
    assert (o.filter(o["status"] == "no_state")["fill"] == "#bdbdbd").all()


def test_legend_classes_hold_every_value(map_2025: cs.MapData) -> None:
    classes = map_2025.classes
    labels = [c[0] for c in classes]
    assert labels.count("0") == 1
    for v in map_2025.frame["value"].to_list():
        hits = [c for c in classes if (v == 0 and c[0] == "0") or (c[1] < v <= c[2])]
        assert len(hits) == 1, (v, classes)
    assert map_2025.frame["class"].null_count() == 0
    assert "2025" in map_2025.title and "v26.1" in map_2025.title
    assert "Made with Natural Earth" in map_2025.source


def check_geojson(doc: dict[str, Any]) -> None:
    assert doc["type"] == "FeatureCollection"
    assert len(doc["features"]) == 177
    for f in doc["features"]:
        assert f["type"] == "Feature"
        g = f["geometry"]
        polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
        assert g["type"] in ("Polygon", "MultiPolygon")
        for poly in polys:
            for ring in poly:
                assert len(ring) >= 4 and ring[0] == ring[-1]
                assert all(-180 <= x <= 180 and -90 <= y <= 90 for x, y in ring)
        p = f["properties"]
        assert p["status"] in ("value", "missing", "no_state")
        assert (p["value"] is not None) == (p["status"] == "value")


def positive_in_geojson(doc: dict[str, Any]) -> int:
    drawn = {
        f["properties"]["gwcode"] for f in doc["features"] if (f["properties"]["value"] or 0) > 0
    }
    listed = [s for s in doc["conflictstats"]["states_without_outline"] if (s["value"] or 0) > 0]
    return len(drawn) + len(listed)


def check_svg(text: str) -> None:
    root = ET.fromstring(text)  # well-formed
    outlines = [p for p in root.iter(f"{SVG}path") if p.get("class") == "outline"]
    assert len(outlines) == 177
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "Made with Natural Earth" in texts and "v26.1" in texts


def test_cli_svg_and_geojson_offline_equal_count_country_acd_26_1(
    cli: Path, tmp_path: Path
) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "CONFLICTSTATS_OFFLINE": "1"}
    run = lambda *a: subprocess.run(  # noqa: E731
        [str(cli), *a], capture_output=True, text=True, check=True, env=env
    )
    svg = run("map", "--year", "2025", "--version", "26.1", "--format", "svg").stdout
    check_svg(svg)
    doc = json.loads(
        run("map", "--year", "2025", "--version", "26.1", "--format", "geojson").stdout
    )
    check_geojson(doc)
    assert doc["conflictstats"]["sources"][0]["version"] == "26.1"
    count = json.loads(
        run(
            "count", "--unit", "country", "--years", "2025", "--version", "26.1", "--format", "json"
        ).stdout
    )
    assert positive_in_geojson(doc) == count["rows"][0]["countries"] == 37
    out = tmp_path / "m.svg"
    run("map", "--year", "2025", "--version", "26.1", "--output", str(out))
    assert out.read_text(encoding="utf-8") == svg


def test_python_svg_and_geojson_match_the_cli_writers(map_2025: cs.MapData) -> None:
    check_svg(map_2025.svg())
    doc = json.loads(map_2025.geojson())
    check_geojson(doc)
    assert positive_in_geojson(doc) == 37


def test_bad_input_is_a_spec_error() -> None:
    with pytest.raises(cs.SpecError):
        cs.map_data(measure="wars")  # type: ignore[arg-type]
    with pytest.raises(cs.SpecError):
        cs.map_data(year=2025, measure="deaths")  # BRD v25.1 ends in 2024: missing, not zero
    with pytest.raises(cs.SpecError):
        cs.map_data(cs.count(unit="dyad", version="25.1"))
    with pytest.raises(cs.SpecError):
        cs.map_data(year=2025, years=(2020, 2025))
    with pytest.raises(cs.SpecError):
        cs.map_events(layout="hexagons")  # type: ignore[arg-type]


def test_a_count_frame_maps_its_release_and_year() -> None:
    counts = cs.count(version="25.1", years=(2020, 2024))  # ACD v25.1, pinned
    d = cs.map_data(counts)
    assert d.years == (2024, 2024) and "v25.1" in d.title
    assert int((d.frame["value"] > 0).sum()) == int(
        cs.count(unit="country", version="25.1", years=2024)["countries"][0]
    )


def legend_below_the_map(ax: Any) -> None:
    fig = ax.figure
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    legend = ax.get_legend().get_window_extent(renderer)
    axes = ax.get_window_extent(renderer)
    assert legend.y1 <= axes.y0 + 1, "the legend covers the map"
    figure = fig.bbox
    assert legend.x0 >= figure.x0 and legend.x1 <= figure.x1 and legend.y0 >= figure.y0


def test_render_the_main_maps_to_png(tmp_path: Path) -> None:
    out = Path(__file__).resolve().parents[2] / "target" / "maps"
    out.mkdir(parents=True, exist_ok=True)
    cases = {
        "map_2025_acd_26_1": lambda: cs.map(year=2025, version="26.1"),
        "deaths_2024_brd_25_1": lambda: cs.map(year=2024, measure="deaths", version="25.1"),
        "change_2025_minus_2015_acd_26_1": lambda: cs.map(
            year=2025, minus_year=2015, version="26.1"
        ),
        "map_1985_acd_26_1": lambda: cs.map(year=1985, version="26.1"),
        "ged_sample_cells": lambda: cs.map_events(layout="cells"),
        "ged_sample_points": lambda: cs.map_events(layout="points", value="deaths"),
    }
    for name, draw in cases.items():
        ax = draw()
        legend_below_the_map(ax)
        texts = " ".join(t.get_text() for t in ax.figure.texts)
        assert "Made with Natural Earth" in texts, name
        path = out / f"{name}.png"
        ax.figure.savefig(path, dpi=110)
        assert path.stat().st_size > 20_000, name
        plt.close(ax.figure)
    ax = cs.map(year=1985, version="26.1")
    assert "Today's borders" in " ".join(t.get_text() for t in ax.figure.texts)
    plt.close(ax.figure)


def test_save_map_2025_writes_the_readme_figure(tmp_path: Path) -> None:
    path = tmp_path / "map_2025.png"
    cs.save_map_2025(str(path))
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_literal_types_list_the_cores_keys() -> None:
    import typing

    from conflictstats import _conflictstats as native

    tables = native.key_tables()
    assert list(typing.get_args(cs.MapMeasure)) == tables["measure"]
    assert list(typing.get_args(cs.MapAggregate)) == tables["aggregate"]
    assert list(typing.get_args(cs.MapRole)) == tables["role"]


def test_acled_events_map_to_cells_computed_by_the_core() -> None:
    import polars as pl

    from conflictstats import _conflictstats as native

    assert native.priogrid_gids([-179.9, 179.9], [-89.9, 89.9]) == [1, 259_200]
    with pytest.raises(cs.SpecError):
        native.priogrid_gids([200.0], [0.0])
    acled = pl.DataFrame(
        {
            "year": [2024, 2024, 2024],
            "latitude": [15.55, 15.6, 9.03],
            "longitude": [32.53, 32.55, 38.74],
            "fatalities": [3, 0, 12],
        }
    )
    ax = cs.map_events(acled, layout="cells")
    assert "ACLED fatalities" in ax.get_title()
    texts = " ".join(t.get_text() for t in ax.figure.texts)
    assert "Made with Natural Earth" in texts and "ACLED" in texts
    plt.close(ax.figure)
    with pytest.raises(cs.SpecError):
        cs.map_events(acled.drop("fatalities"))
