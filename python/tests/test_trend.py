"""cs.trend: the core's figures through Python, the counts-frame path, the band, the display."""

from __future__ import annotations

import math

import polars as pl
import pytest

import conflictstats as cs

# A noisy user series (overdispersed around its trend).
NOISY_YEARS = list(range(2001, 2021))
NOISY = [9, 2, 0, 4, 1, 5, 0, 8, 4, 6, 12, 7, 9, 15, 11, 20, 14, 25, 18, 30]


# Every figure below is ACD v25.1's, pinned with version="25.1" (the default is v26.1).


def test_golden_trend_2024() -> None:
    t = cs.trend("ucdp-acd", version="25.1", unit="conflict", year=2024)
    assert (t.year, t.count, t.window) == (2024, 61.0, (1995, 2024))
    h15, h30 = t.horizons
    assert (h15.from_year, h15.from_count, h30.from_year, h30.from_count) == (2009, 37, 1994, 50)
    assert h15.ratio == pytest.approx(61 / 37, abs=1e-12)
    assert h30.ratio == pytest.approx(61 / 50, abs=1e-12)
    assert h15.cagr == pytest.approx((61 / 37) ** (1 / 15) - 1, abs=1e-12)
    assert t.growth_rate == pytest.approx(0.019089, abs=1e-6)
    assert t.unit == "conflict" and t.dataset is not None and t.dataset["version"] == "25.1"
    s = t.statement()
    assert "v25.1" in s and "(unit: conflict)" in s
    assert "61 in 2024, 1.65× the 37 of 2009 (15 years)" in s


def test_wars_and_countries_trend() -> None:
    wars = cs.trend(version="25.1", intensity="war", year=2024)
    assert (wars.count, wars.horizons[0].from_count) == (11, 6)
    assert "intensity war" in wars.label
    countries = cs.trend(version="25.1", unit="country", year=2024)
    assert countries.count == 36 and countries.unit == "country"


def test_a_counts_frame_gives_the_same_figures() -> None:
    direct = cs.trend(version="25.1", year=2024)
    via = cs.trend(cs.count(version="25.1"), year=2024, label="conflicts")
    assert via.label == "conflicts" and via.unit is None and via.dataset is None
    for key in ("horizons", "poisson", "negbin", "linear", "aic", "series"):
        assert via.to_dict()[key] == direct.to_dict()[key], key
    assert via.to_polars().equals(direct.to_polars())
    # pandas counts frames work through polars
    pytest.importorskip("pyarrow")
    assert (
        cs.trend(cs.count(version="25.1").to_pandas(), year=2024).growth_rate == direct.growth_rate
    )


def test_a_counts_frame_keeps_its_provenance_acd_v25_1() -> None:
    # cs.trend(cs.count(...)) is the trend of that count: dataset, release, unit and filter.
    counts = cs.count(version="25.1", intensity="war")
    t = cs.trend(counts, year=2024)
    direct = cs.trend(version="25.1", intensity="war", year=2024)
    assert t.dataset is not None and t.dataset["version"] == "25.1"
    assert t.dataset == direct.dataset and t.unit == "conflict"
    assert t.label == direct.label and "war" in t.label and "conflicts" in t.label
    assert t.to_dict()["negbin"] == direct.to_dict()["negbin"]
    # A frame derived from it is the user's series: named by its count column.
    derived = cs.trend(counts.with_columns(pl.col("conflicts")), year=2024)
    assert derived.dataset is None and derived.label == "yearly counts of conflicts"


def test_a_counts_frame_changed_in_place_is_refused_acd_v25_1() -> None:
    counts = cs.count(version="25.1")
    counts.insert_column(1, pl.Series("conflicts_x", [0] * counts.height))
    counts.drop_in_place("conflicts_x")
    counts[0, "conflicts"] = 999  # polars allows setting a cell in place
    with pytest.raises(cs.SpecError, match="changed in place"):
        cs.trend(counts, year=2024)
    assert cs.trend(counts, year=2024, label="mine").label == "mine"


def test_reconcile_rows_have_one_schema_acd_v25_1() -> None:
    a, b = cs.reconcile(2024, version="25.1").rows, cs.reconcile(2010, version="25.1").rows
    assert a.schema == b.schema and a.schema["missing_reason"] == pl.String
    assert pl.concat([a, b]).height == a.height + b.height


def test_counts_frame_errors() -> None:
    with pytest.raises(cs.SpecError, match="grouped by"):
        cs.trend(cs.count(version="25.1", by="intensity"))
    with pytest.raises(cs.SpecError, match="already counted"):
        cs.trend(cs.count(version="25.1"), intensity="war")
    gap = cs.count(version="25.1").filter(pl.col("year") != 2010)
    with pytest.raises(cs.SpecError, match="no count for 2010"):
        cs.trend(gap)
    with pytest.raises(cs.SpecError, match="window"):
        cs.trend(version="25.1", years=(1900, 2024))


def test_bootstrap_is_seeded() -> None:
    a = cs.trend(version="25.1", bootstrap=200, seed=7)
    b = cs.trend(version="25.1", bootstrap=200, seed=7)
    assert a.bootstrap is not None and a.bootstrap == b.bootstrap
    assert a.bootstrap["replicates"] == 200 and a.bootstrap["seed"] == 7
    low, high = a.bootstrap["growth_block"]["low"], a.bootstrap["growth_block"]["high"]
    assert low < a.growth_rate < high


def test_fitted_frame() -> None:
    t = cs.trend(version="25.1", year=2024)
    df = t.to_polars()
    assert df.columns == [
        "year",
        "count",
        "fitted",
        "fitted_low",
        "fitted_high",
        "poisson_fitted",
        "linear_fitted",
        "shape_fitted",
        "shape_low",
        "shape_high",
        "prediction_low",
        "prediction_high",
    ]
    assert df["year"].to_list() == list(range(1995, 2025))
    assert (df["fitted_low"] < df["fitted"]).all() and (df["fitted"] < df["fitted_high"]).all()
    nb = t.negbin
    x = 2024 - nb["center_year"]
    assert df["fitted"][-1] == pytest.approx(math.exp(nb["intercept"] + nb["slope"] * x), rel=1e-12)


@pytest.mark.parametrize("series", ["acd", "noisy"])
def test_band_matches_statsmodels(series: str) -> None:
    """The 95 % band equals statsmodels' GLM prediction interval at the fitted α."""
    sm = pytest.importorskip("statsmodels.api")
    np = pytest.importorskip("numpy")
    if series == "acd":
        t = cs.trend(version="25.1", year=2024)
    else:
        frame = pl.DataFrame({"year": NOISY_YEARS, "count": NOISY})
        t = cs.trend(frame, horizons=[10], label="noisy")
        assert t.negbin["alpha"] > 0  # the case where NB and Poisson differ
    df = t.to_polars()
    nb = t.negbin
    x = df["year"].to_numpy().astype(float) - nb["center_year"]
    exog = np.column_stack([np.ones_like(x), x])
    y = df["count"].to_numpy()
    family = (
        sm.families.Poisson()
        if nb["alpha"] == 0
        else sm.families.NegativeBinomial(alpha=nb["alpha"])
    )
    fit = sm.GLM(y, exog, family=family).fit(tol=1e-12)
    assert fit.params[1] == pytest.approx(nb["slope"], rel=1e-6)
    ci = fit.get_prediction(exog).summary_frame(alpha=0.05)
    assert df["fitted"].to_numpy() == pytest.approx(ci["mean"].to_numpy(), rel=1e-6)
    assert df["fitted_low"].to_numpy() == pytest.approx(ci["mean_ci_lower"].to_numpy(), rel=1e-6)
    assert df["fitted_high"].to_numpy() == pytest.approx(ci["mean_ci_upper"].to_numpy(), rel=1e-6)


def test_repr_html_and_text() -> None:
    t = cs.trend(version="25.1", year=2024, bootstrap=100)
    page = t._repr_html_()
    assert "1.65×" in page and "negative binomial" in page and "moving block" in page
    # every section of the core's report is in the page, the models table with every model
    for section in t.sections:
        assert section["title"].replace("&", "&amp;").replace("<", "&lt;") in page
    for model in t.models:
        assert model["name"] in page
    assert "Warning:" in page
    assert "a7a2ff6caf6c854f" in page  # the dataset's checksum is shown
    assert str(t).startswith("Trend report: UCDP/PRIO Armed Conflict Dataset v25.1")
    assert repr(t).startswith("<TrendResult ")


def test_plot_labels_unit_and_version() -> None:
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    t = cs.trend(version="25.1", year=2024)
    ax = t.plot()
    assert "v25.1" in ax.get_title() and "conflict" in ax.get_ylabel()
    labels = [line.get_label() for line in ax.get_lines()]
    assert "observed" in labels and any("negative binomial" in s for s in labels)
    assert "best supported: step (level shift)" in labels and "break" in labels
    # 1994 (the 30-year horizon) is before the fitted window 1995–2024: not marked (the old
    # figure listed it in the legend and drew nothing), named as outside instead
    assert any(
        s.startswith("horizon years: 2009, 2024 (1994: outside the fitted window)") for s in labels
    )
    # the prediction band and the band of the mean; the break year's interval is a patch
    assert len(ax.collections) == 2 and len(ax.patches) == 1
    plt.close("all")


def test_default_trend_is_acd_v26_1_and_reports_2025() -> None:
    # ACD v26.1, the default: 65 conflicts in 2025, 65/31 = 2.10× the 2010 count.
    t = cs.trend(bootstrap=None, shapes=False)
    assert (t.year, t.count, t.window) == (2025, 65.0, (1996, 2025))
    h15, h30 = t.horizons
    assert (h15.from_year, h15.from_count, h30.from_year, h30.from_count) == (2010, 31, 1995, 41)
    assert f"{h15.ratio:.2f}" == "2.10"
    assert t.dataset is not None and t.dataset["version"] == "26.1"
    assert t.dataset["byte_identity"] == "unverified"
