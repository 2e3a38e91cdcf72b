"""Onset of armed conflict on peace years: the logit of Beck, Katz & Tucker (1998) on the
state-year panel, with cubic terms of peace years, fitted by statsmodels.

Run: ``python examples/onset_logit.py`` (needs statsmodels). Executed by the test suite
(python/tests/test_examples.py), which checks that the fit converges.

Data: UCDP/PRIO ACD v25.1 and the Gleditsch-Ward state list, through ``cs.panel_state_year``.
The risk set is the state-years ``at_risk`` (no episode under way: an onset is possible);
``peace_years`` is the field's convention, the years of peace **before** year t, so an onset
year carries the length of the spell it ends.
"""

from __future__ import annotations

import numpy as np
import polars as pl
import statsmodels.api as sm

import conflictstats as cs


def onset_frame() -> pl.DataFrame:
    """The at-risk state-years with a known onset (left-censored years dropped)."""
    p = cs.panel_state_year(version="25.1")
    return p.filter(pl.col("at_risk") & pl.col("onset").is_not_null()).select(
        "gwcode", "year", "onset", "peace_years"
    )


def fit(df: pl.DataFrame) -> sm.regression.linear_model.RegressionResultsWrapper:
    t = df["peace_years"].to_numpy().astype(float) / 10.0  # decades, for conditioning
    x = sm.add_constant(np.column_stack([t, t**2, t**3]))
    y = df["onset"].cast(pl.Int8).to_numpy()
    return sm.Logit(y, x).fit(disp=False, maxiter=100)


def main() -> dict[str, float | bool | int]:
    df = onset_frame()
    res = fit(df)
    out = {
        "rows": df.height,
        "onsets": int(df["onset"].sum()),
        "converged": bool(res.mle_retvals["converged"]),
        "peace_decades": float(res.params[1]),
        "peace_decades_se": float(res.bse[1]),
    }
    print(res.summary(xname=["const", "peace/10", "(peace/10)^2", "(peace/10)^3"]))
    print(out)
    return out


if __name__ == "__main__":
    main()
