"""Every figure fit to publish (issue 25, item 6): each plot of the package is rendered with
matplotlib's Agg backend, saved to PNG, and its look checked from the drawn artists'
window extents — legends outside the data, distinct colours, the source line with the
release, titles inside the figure, horizon marks inside the axes, a step drawn as a step,
bands in their model's colour. Every figure names the release it draws (pinned)."""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polars as pl
import pytest

import conflictstats as cs

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.colors import to_rgb  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.legend import Legend  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from conflictstats import _style  # noqa: E402

DPI = 80  # the Jupyter figure's resolution (_display.trend_png): the tightest for text


@pytest.fixture(autouse=True)
def _close() -> Iterator[None]:
    yield
    plt.close("all")


def _render(fig: Figure, path: Path) -> None:
    fig.savefig(path, dpi=DPI)  # no bbox_inches="tight": everything must fit as it is
    assert path.stat().st_size > 10_000
    fig.set_dpi(DPI)
    fig.canvas.draw()


def _legends(fig: Figure) -> list[Legend]:
    found = [ax.get_legend() for ax in fig.axes] + list(fig.legends)
    return [leg for leg in found if leg is not None]


def _texts(fig: Figure) -> list[Text]:
    out: list[Text] = [t for t in fig.texts if t.get_text()]
    for name in ("_suptitle", "_supxlabel"):
        t = getattr(fig, name, None)
        if t is not None and t.get_text():
            out.append(t)
    for ax in fig.axes:
        out += [ax.title, ax._left_title, ax._right_title]  # type: ignore[attr-defined]
        out += [t for t in ax.texts]
    return list({id(t): t for t in out if t.get_text()}.values())


def _check_house_style(fig: Figure, release: str, source_release: str | None = None) -> str:
    """The properties every figure shares (the titles name ``release``, the source line
    ``source_release``, by default the same); returns the source text."""
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    box = fig.bbox
    # legends never cover the data: no legend overlaps any axes
    legends = _legends(fig)
    assert legends, "a figure with several series has a legend"
    for leg in legends:
        lb = leg.get_window_extent(renderer)
        for ax in fig.axes:
            assert not lb.overlaps(ax.get_window_extent(renderer)), (leg, ax)
        assert box.x0 <= lb.x0 and lb.x1 <= box.x1 + 0.5, "the legend is inside the figure"
    # every text (titles, source line, footnote) fits the figure's width and height
    for t in _texts(fig):
        tb = t.get_window_extent(renderer)
        assert box.x0 - 0.5 <= tb.x0 and tb.x1 <= box.x1 + 0.5, t.get_text()
        assert box.y0 - 0.5 <= tb.y0 and tb.y1 <= box.y1 + 0.5, t.get_text()
    # the title and the source line name the release
    titles = " ".join(ax.get_title() for ax in fig.axes) + " " + fig.get_suptitle()
    assert release in titles.replace("\n", " "), titles
    source = [t.get_text() for t in _texts(fig) if t.get_text().startswith("Source: ")]
    assert len(source) == 1, source
    assert (source_release or release) in source[0].replace("\n", " "), source
    return source[0].replace("\n", " ")


def _distinct(lines: list[Any]) -> None:
    looks = [(to_rgb(line.get_color()), line.get_linestyle()) for line in lines]
    for a, b in itertools.combinations(looks, 2):
        assert a != b


def test_trend_figure_acd_v25_1(tmp_path: Path) -> None:
    # ACD v25.1 (pinned): window 1995–2024, verdict a step at 2014, horizons 2009 and 1994.
    t = cs.trend(version="25.1", year=2024, bootstrap=None, break_bootstrap=100)
    assert t.shape == "step"
    ax = t.plot()
    fig = ax.figure
    _render(fig, tmp_path / "trend.png")
    source = _check_house_style(fig, "v25.1")
    assert source.startswith("Source: UCDP/PRIO ACD v25.1 (Gleditsch et al. 2002; Davies et al.")
    lines = {line.get_label(): line for line in ax.get_lines()}
    shape = lines["best supported: step (level shift)"]
    # a step drawn as a step: the level changes between 2013 and 2014, not on a ramp
    assert shape.get_drawstyle() == "steps-mid"
    # its bands have its colour; the one-curve line has another
    for band in ax.collections:
        assert to_rgb(band.get_facecolor()[0][:3]) == to_rgb(shape.get_color())
    one_curve = next(v for k, v in lines.items() if k.startswith("one log-linear curve"))
    assert to_rgb(one_curve.get_color()) != to_rgb(shape.get_color())
    _distinct([v for k, v in lines.items() if not k.startswith("_")])
    # horizon marks only inside the axes' x range; 1994 is named as outside, not drawn
    lo, hi = ax.get_xlim()
    marks = [line for line in ax.get_lines() if line.get_linestyle() == ":"]
    assert sorted(line.get_xdata()[0] for line in marks) == [2009, 2024]
    assert all(lo < line.get_xdata()[0] < hi for line in marks)
    assert any("1994: outside the fitted window" in k for k in lines)
    assert "State-based armed conflicts (unit: conflict)" in ax.get_title()


def test_trend_figure_of_a_regime_model_breaks_its_band_legal_relationship_v25_1(
    tmp_path: Path,
) -> None:
    # UCDP Dyadic + Non-State v25.1 (pinned), legal relationships: two regime changes.
    t = cs.trend(unit="legal_relationship", version="25.1", bootstrap=None, break_bootstrap=100)
    ax = t.plot()
    _render(ax.figure, tmp_path / "trend_legal.png")
    _check_house_style(ax.figure, "UCDP Dyadic v25.1 + UCDP Non-State v25.1")
    title = ax.get_title().replace("\n", " ")
    assert "persistence 0 years" in title and "an approximation of the ICRC/RULAC unit" in title
    if t.shape in ("regime", "two_regimes"):
        segments = [line for line in ax.get_lines() if line.get_linewidth() == 2]
        assert len(segments) == len(t.break_years) + 1
        mean_band = ax.collections[1]
        assert len(mean_band.get_paths()) == len(t.break_years) + 1  # no ramp across breaks
    t2 = cs.trend(
        unit="legal_relationship",
        version="25.1",
        persistence=2,
        bootstrap=None,
        break_bootstrap=50,
    )
    assert "persistence 2 years" in t2.plot().get_title().replace("\n", " ")


def test_status_warnings_go_to_the_footnote_not_the_title(tmp_path: Path) -> None:
    # An ACD file relabelled v26.2 (made from the repository's v26.1): an UNREGISTERED
    # version, whose label runs wider than the plot; the title names the release only.
    root = Path(__file__).resolve().parents[2]
    text = (root / "data/ucdp-acd/UcdpPrioConflict_v26_1.csv").read_text()
    path = tmp_path / "acd_v26_2.csv"
    path.write_text(text.replace(",26.1\n", ",26.2\n"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        t = cs.trend(str(path), bootstrap=None, break_bootstrap=50)
        counts = cs.count(str(path), by="type")
    assert "UNREGISTERED" in t.label
    for ax in (t.plot(), cs.plot_counts(counts)):
        fig = ax.figure
        _render(fig, tmp_path / "unregistered.png")
        _check_house_style(fig, "v26.2")
        assert "UNREGISTERED" not in ax.get_title()
        status = [t for t in ax.texts if t.get_gid() == "conflictstats-status"]
        assert len(status) == 1 and "UNREGISTERED" in status[0].get_text()


def test_counts_figure_by_region_acd_v26_1(tmp_path: Path) -> None:
    # ACD v26.1 (pinned): five regions, five colours, the legend right of the axes.
    ax = cs.plot_counts(cs.count(version="26.1", by="region"))
    _render(ax.figure, tmp_path / "counts.png")
    source = _check_house_style(ax.figure, "v26.1")
    assert source.startswith("Source: UCDP/PRIO ACD v26.1 (Gleditsch et al. 2002)")
    lines = ax.get_lines()
    assert len(lines) == 5
    _distinct(lines)
    # ACD v26.1's copy is not byte-verified against UCDP's zip: the footnote says so
    status = [t for t in ax.texts if t.get_gid() == "conflictstats-status"]
    assert len(status) == 1 and "unverified" in status[0].get_text()


def test_counts_figure_of_legal_relationships_names_persistence_and_approximation(
    tmp_path: Path,
) -> None:
    # UCDP Dyadic + Non-State v25.1 (pinned).
    counts = cs.count(version="25.1", unit="legal_relationship", persistence=1)
    ax = cs.plot_counts(counts)
    _render(ax.figure, tmp_path / "legal.png")
    title = ax.get_title().replace("\n", " ")
    assert "persistence 1 year," in title and "an approximation of the ICRC/RULAC unit" in title
    assert "UCDP Dyadic v25.1 + UCDP Non-State v25.1" in title


def test_palette_stays_distinct_past_ten_series(tmp_path: Path) -> None:
    # 18 groups of a user's frame (no provenance: the title says the release is not stated)
    frame = pl.DataFrame(
        {
            "year": [y for _ in range(18) for y in range(2000, 2010)],
            "group": [f"g{g}" for g in range(18) for _ in range(10)],
            "conflicts": [g + y % 3 for g in range(18) for y in range(10)],
        }
    )
    ax = cs.plot_counts(frame)
    assert ax.get_title().endswith("release not stated")
    assert "release not stated" in ax.texts[0].get_text()
    _distinct(ax.get_lines())
    assert len({to_rgb(c) for c in _style.PALETTE}) == len(_style.PALETTE) >= 14


def test_claim_figure_highlights_the_units_that_hold_acd_v25_1(tmp_path: Path) -> None:
    # Release 25.1 (pinned): 13 units per panel. Coloured: conflict and the units under
    # which a ratio part holds in some reading; the others grey, named in the footnote.
    c = cs.check(version="25.1", bootstrap=20)
    ax = c.plot()
    fig = ax.figure
    _render(fig, tmp_path / "check.png")
    source = _check_house_style(fig, "25.1", "v25.1")
    assert "Grey: the other units (" in source
    for panel in fig.axes:
        drawn = [line for line in panel.get_lines() if line.get_marker() in ("None", "")]
        grey = [line for line in drawn if line.get_color() == _style.COLOURS["context"]]
        coloured = [line for line in drawn if line not in grey]
        assert len(drawn) == 13 and 2 <= len(coloured) <= 10
        _distinct(coloured)
        labels = {line.get_label() for line in coloured}
        assert "conflict" in labels
        holds = {i for p in c.parts[1:3] for i in p["holds"]}
        held = set(c.readings.filter(pl.col("reading").is_in(sorted(holds)))["unit"])
        assert held <= labels
    # one legend for the figure, each unit once, in the same colour in both panels
    (legend,) = fig.legends
    names = [t.get_text() for t in legend.get_texts()]
    assert len(names) == len(set(names)) and "other units" in names
    first, second = ({ln.get_label(): ln.get_color() for ln in p.get_lines()} for p in fig.axes)
    assert all(second[k] == v for k, v in first.items() if k in second)


def test_claim_figure_of_every_release(tmp_path: Path) -> None:
    # Releases 25.1 and 26.1 (every embedded one): each coloured unit names its release.
    c = cs.check(version=["25.1", "26.1"], bootstrap=20)
    ax = c.plot()
    _render(ax.figure, tmp_path / "check_all.png")
    _check_house_style(ax.figure, "25.1, 26.1", "UCDP/PRIO ACD v26.1")
    labels = {line.get_label() for line in ax.get_lines()}
    assert "conflict (v26.1)" in labels


def test_release_survives_pandas_acd_v25_1(tmp_path: Path) -> None:
    # ACD v25.1 (pinned): the counts go to pandas (cs.to_pandas) and come back to
    # cs.trend and cs.plot_counts with their release, even after a pandas copy.
    counts = cs.count(version="25.1", intensity="war")
    pdf = cs.to_pandas(counts).copy()
    t = cs.trend(pdf, bootstrap=None, break_bootstrap=50)
    assert t.dataset is not None and t.dataset["version"] == "25.1"
    assert t.label == cs.trend(counts, bootstrap=None, break_bootstrap=50).label
    ax = t.plot()
    assert "UCDP/PRIO ACD v25.1" in ax.get_title()
    ax = cs.plot_counts(pdf)
    _render(ax.figure, tmp_path / "pandas.png")
    assert "v25.1" in ax.get_title() and "v25.1" in ax.texts[0].get_text()
    assert ax.get_title().startswith("conflicts (intensity: War; unit: conflict)")
    # the kept provenance does not stop pandas from pickling or writing Parquet; after a
    # Parquet round trip (attrs as JSON) the figure still names the release
    import pickle

    import pandas as pd

    assert pickle.loads(pickle.dumps(pdf))["conflicts"].tolist() == pdf["conflicts"].tolist()
    pdf.to_parquet(tmp_path / "counts.parquet")
    back = pd.read_parquet(tmp_path / "counts.parquet")
    assert "UCDP/PRIO ACD v25.1" in cs.plot_counts(back).get_title()


def test_source_line_for_maps_and_short_citations() -> None:
    acd = cs.provenance(cs.count(version="25.1"))["dataset"]
    assert _style.source_line([acd]) == (
        "Source: UCDP/PRIO ACD v25.1 (Gleditsch et al. 2002; Davies et al. 2025)"
    )
    assert _style.source_line([acd], maps=True).endswith(". Made with Natural Earth")
    onesided = cs.cite("ucdp-onesided", version="25.1").text
    assert _style.short_citations(onesided) == ["Eck & Hultman 2007", "Davies et al. 2025"]
    assert _style.source_line([]).startswith("Source: data given as a frame")


def test_readme_figures_script_draws_every_figure_the_readme_shows(
    root: Path, tmp_path: Path
) -> None:
    # scripts/figures.py (ACD v26.1 and releases 25.1, 26.1, pinned in its table) writes
    # each figure of its table; README.md shows each; the committed copy is in docs/.
    import subprocess
    import sys

    script = root / "scripts" / "figures.py"
    out = subprocess.run(
        [sys.executable, str(script), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,  # the working directory does not matter
    )
    written = [Path(line) for line in out.stdout.splitlines()]
    names = [p.stem for p in written]
    assert "trend-icrc" in names and all(p.parent == tmp_path for p in written)
    readme = (root / "README.md").read_text(encoding="utf-8")
    for name in names:
        png = (tmp_path / f"{name}.png").read_bytes()
        assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 20_000
        # no metadata that would change with versions or dates
        assert b"tEXt" not in png and b"matplotlib" not in png.lower()
        assert f"](docs/{name}.png)" in readme, name
        assert (root / "docs" / f"{name}.png").is_file(), name
    # the same figure twice is the same bytes (deterministic)
    again = tmp_path / "again"
    subprocess.run(
        [sys.executable, str(script), "trend-icrc", "--out", str(again)],
        check=True,
        capture_output=True,
    )
    assert (again / "trend-icrc.png").read_bytes() == (tmp_path / "trend-icrc.png").read_bytes()
