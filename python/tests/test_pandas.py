"""pandas that works: `cs.to_pandas` gives numpy dtypes where a column has no nulls (so
statsmodels and patsy take the panel as it is), a frame read by `pd.read_csv` from a UCDP file
counts like the file, and what cannot be read is refused in the frame's own terms. Every figure
pins its release (ACD v25.1)."""

from __future__ import annotations

import datetime
from pathlib import Path

import polars as pl
import pytest

import conflictstats as cs

pd = pytest.importorskip("pandas")
pytest.importorskip("pyarrow")

ROOT = Path(__file__).resolve().parents[2]
ACD_25_1 = ROOT / "data" / "ucdp-acd" / "UcdpPrioConflict_v25_1.csv"


def test_statsmodels_logit_runs_on_the_state_year_panel_unchanged() -> None:
    smf = pytest.importorskip("statsmodels.formula.api")
    p = cs.to_pandas(cs.panel_state_year(version="25.1"))
    fit = smf.logit("incidence ~ peace_years + I(peace_years**2)", data=p).fit(disp=0)
    assert fit.mle_retvals["converged"]
    assert fit.params["peace_years"] < 0  # the longer the peace, the lower the risk
    # The onset model on the rows at risk: `onset` has nulls (unknown), the fit drops them.
    onset = smf.logit("onset ~ peace_years", data=p[p["at_risk"] == 1]).fit(disp=0)
    assert onset.mle_retvals["converged"] and onset.nobs > 9000


def test_numpy_dtypes_only_and_nulls_as_nan() -> None:
    df = cs.panel_state_year(years=(1940, 1950), version="25.1")
    p = cs.to_pandas(df)
    for name in df.columns:
        dtype = p[name].dtype
        if df.schema[name] == pl.String:
            continue  # pandas' own text dtype
        assert not isinstance(dtype, pd.api.extensions.ExtensionDtype), (name, dtype)
        if df[name].null_count():
            assert dtype == "float64", (name, dtype)  # NaN where the frame has a null
            assert p[name].isna().sum() == df[name].null_count()
    assert str(p["gwcode"].dtype) == "int32"  # no nulls: the frame's integer type
    full = cs.to_pandas(cs.panel_state_year(years=(1946, 2024), version="25.1"))
    assert str(full["incidence"].dtype) == "int8"  # a flag without nulls: 0/1, a logit's y
    assert set(full["incidence"].unique()) == {0, 1}


def test_nullable_dtypes_only_where_a_column_has_nulls() -> None:
    df = cs.panel_state_year(years=(1940, 1950), version="25.1")
    q = cs.to_pandas(df, nullable=True)
    for name in df.columns:
        if df.schema[name] == pl.String:
            continue
        nullable = isinstance(q[name].dtype, pd.api.extensions.ExtensionDtype)
        assert nullable == (df[name].null_count() > 0), (name, q[name].dtype)
    assert str(q["incidence"].dtype) == "boolean"  # null before 1946: not object
    assert str(q["peace_years"].dtype) == "Int64"  # never float64 because of a null
    assert str(q["gwcode"].dtype) == "int32"


def test_dates_are_one_type_in_every_dataset() -> None:
    # ACD, Dyadic, Non-State, GED and the G&W list: every date column is pl.Date.
    frames = {
        ("ucdp-acd", "25.1"): ["start_date", "start_date2", "ep_end_date"],
        ("ucdp-dyadic", "25.1"): ["start_date", "start_date2"],
        ("ucdp-nonstate", "25.1"): ["start_date", "start_date2", "ep_end_date"],
        ("ucdp-ged-sample", "23.1"): ["date_start", "date_end"],
        ("gw-states", None): ["start", "end"],
    }
    for (name, version), columns in frames.items():
        df = cs.load(name, version=version)
        for c in columns:
            assert df.schema[c] == pl.Date, (name, c, df.schema[c])
    gw = cs.load("gw-states")
    assert gw.filter(pl.col("gwcode") == 2)["start"][0] == datetime.date(1816, 1, 1)
    ged = cs.load("ucdp-ged-sample", version="23.1")
    # The GED frame's dates aggregate as they come (the documented Date input).
    assert cs.aggregate_events(events=ged)["best"].sum() == 9561


def test_a_pandas_frame_read_from_the_ucdp_csv_counts_like_the_file() -> None:
    raw = pd.read_csv(ACD_25_1)
    assert not pd.api.types.is_numeric_dtype(raw["gwno_loc"])  # UCDP's text, "651, 666"
    assert pd.api.types.is_float_dtype(raw["ep_end_prec"])  # ints with NaN: floats
    from_pandas = cs.count(raw, years=(1989, 2024), intensity="war")
    from_file = cs.count(ACD_25_1, years=(1989, 2024), intensity="war")
    assert from_pandas.equals(from_file)
    assert cs.provenance(from_pandas)["dataset"]["status"] == "official"  # the release's rows
    by_country = cs.count(raw, years=2024, unit="country")
    assert by_country["countries"].item() == 36
    # Dates parsed by pandas work too.
    dated = pd.read_csv(ACD_25_1, parse_dates=["start_date", "start_date2", "ep_end_date"])
    assert cs.count(dated, years=2024)["conflicts"].item() == 61


def test_a_pandas_column_that_cannot_be_read_is_refused_in_pandas_terms() -> None:
    raw = pd.read_csv(ACD_25_1)
    raw["year"] = raw["year"].astype(str) + "y"
    with pytest.raises(cs.SchemaError) as info:
        cs.count(raw)
    msg = str(info.value)
    assert info.value.column == "year" and f"pandas dtype {raw['year'].dtype}" in msg
    assert "pl." not in msg and "polars" not in msg.lower()
    bad_list = pd.read_csv(ACD_25_1)
    bad_list.loc[5, "gwno_loc"] = "651; 666"
    with pytest.raises(cs.ParseError) as info2:
        cs.count(bad_list)
    assert info2.value.column == "gwno_loc" and info2.value.row == 5
    assert "row index 5" in str(info2.value) and "line" not in str(info2.value)
