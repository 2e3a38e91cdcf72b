"""Reference values for conflictstats' `stockflow` and `rates` modules (pandas, statsmodels).

Run from the repository root (prints JSON; pinned in tests/golden/flows.rs and asserted in
python/tests/test_flows.py):

    python3 tests/reference/flows_reference.py > /tmp/flows_reference.json

Measured with Python 3.11, pandas, statsmodels 0.15. Everything is recomputed from the raw CSVs,
independently of the Rust loaders and episode builder:
- stock and flow (UCDP/PRIO ACD v25.1): the set of conflict_ids of each year; onsets are ids
  active in t and not in t-1 (new conflicts: the id's first year); terminations are ids active
  in t-1 and not in t; an active conflict's age is the length of its run of consecutive active
  years up to t, a run that starts in 1946 counting from the year of its start_date2.
- decomposition 2010 -> 2024 against the base years 1997-2010: the formulas of the Rust docs
  (Kitagawa's midpoint split of the termination rate over the age bands 1, 2-3, 4-9, 10+),
  written out again here with pandas.
- rates: distinct conflict_id per year (ACD v25.1 by type_of_conflict; UCDP Non-State v24.1),
  distinct actor_id per year (UCDP One-sided v24.1); states = G&W members (no microstates) on
  at least one day of the year, years after 2021 taking 2021's membership.
  Poisson: sm.GLM(y, [1, year - mean], family=Poisson(), offset=log(states)); negative binomial:
  sm.NegativeBinomial(y, [1, year - mean], offset=log(states), loglike_method="nb2"), fit by
  Newton to convergence; bse from the inverse Hessian in (beta, alpha). When the alpha-score at
  alpha = 0 is <= 0 the constrained MLE is alpha = 0, the Poisson fit (statsmodels' unconstrained
  optimiser has no answer there).
"""

import json
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import statsmodels.api as sm

warnings.simplefilter("ignore")
ROOT = Path(__file__).resolve().parents[2]
BANDS = [(1, 1), (2, 3), (4, 9), (10, 10**9)]


def acd():
    return pd.read_csv(ROOT / "data/ucdp-acd/UcdpPrioConflict_v25_1.csv")


def stock_flow(d):
    years = range(int(d.year.min()), int(d.year.max()) + 1)
    active = {y: set(d.conflict_id[d.year == y]) for y in years}
    first = d.groupby("conflict_id").year.min()
    start2 = d.groupby(["conflict_id", "year"]).start_date2.first().str[:4].astype(int)
    age = {}
    rows = []
    for y in years:
        prev_age = dict(age)
        age = {}
        for c in active[y]:
            if c in prev_age:
                age[c] = prev_age[c] + 1
            elif y == years[0]:
                age[c] = max(y - start2[(c, y)], 0) + 1
            else:
                age[c] = 1
        if y == years[0]:
            continue
        prev = active[y - 1]
        onsets = active[y] - prev
        ended = prev - active[y]
        band = lambda a: next(i for i, (lo, hi) in enumerate(BANDS) if lo <= a <= hi)  # noqa: E731
        risk = [0] * 4
        ends = [0] * 4
        for c in prev:
            risk[band(prev_age[c])] += 1
            ends[band(prev_age[c])] += c in ended
        rows.append(
            {
                "year": y,
                "active": len(active[y]),
                "onsets": len(onsets),
                "new_conflicts": sum(first[c] == y for c in onsets),
                "terminations": len(ended),
                "mean_duration": float(np.mean([age[c] for c in active[y]])),
                "risk": risk,
                "ends": ends,
            }
        )
    return pd.DataFrame(rows).set_index("year")


def decompose(sf, a, b, base):
    bs = sf.loc[base[0] : base[1]]
    o0 = bs.onsets.mean()
    risk0 = np.sum(np.stack(bs.risk.to_numpy()), axis=0).astype(float)
    ends0 = np.sum(np.stack(bs.ends.to_numpy()), axis=0).astype(float)
    h0d = np.where(risk0 > 0, ends0 / np.where(risk0 > 0, risk0, 1), 0.0)
    w0 = risk0 / risk0.sum()
    h0 = ends0.sum() / risk0.sum()
    out = {"more_onsets": 0.0, "fewer_terminations": 0.0, "longer_durations": 0.0, "stock_feedback": 0.0}
    for _, r in sf.loc[a + 1 : b].iterrows():
        risk = np.asarray(r.risk, dtype=float)
        n = risk.sum()
        w = risk / n
        h = np.where(risk > 0, np.asarray(r.ends) / np.where(risk > 0, risk, 1), h0d)
        out["more_onsets"] += r.onsets - o0
        out["fewer_terminations"] -= n * np.sum(0.5 * (w + w0) * (h - h0d))
        out["longer_durations"] -= n * np.sum(0.5 * (h + h0d) * (w - w0))
        out["stock_feedback"] += o0 - h0 * n
    out["change"] = int(sf.active[b] - sf.active[a])
    out["base_onsets"] = float(o0)
    out["base_termination_rate"] = float(h0)
    return {k: float(v) for k, v in out.items()}


def states(years):
    g = pd.read_csv(ROOT / "data/gwstates/gwstates.csv")
    g = g[g.microstate.astype(str).str.upper() == "FALSE"]
    s, e = g.start.str[:4].astype(int), g.end.str[:4].astype(int)
    return [int(g.gwcode[(s <= min(y, 2021)) & (e >= min(y, 2021))].nunique()) for y in years]


def counts(kind, years):
    if kind == "non_state":
        d = pd.read_csv(ROOT / "data/ucdp-nonstate/NonState_v24_1.api.csv")
        s = d.groupby("year").conflict_id.nunique()
    elif kind == "one_sided":
        d = pd.read_csv(ROOT / "data/ucdp-onesided/OneSided_v24_1.api.csv")
        s = d.groupby("year").actor_id.nunique()
    else:
        d = acd()
        types = {"interstate": [2], "intrastate": [3], "internationalized_intrastate": [4], "state_based": [1, 2, 3, 4]}
        s = d[d.type_of_conflict.isin(types[kind])].groupby("year").conflict_id.nunique()
    return [float(s.get(y, 0)) for y in years]


def rate_fits(y, years, st):
    t = np.asarray(years, dtype=float)
    x = np.column_stack([np.ones_like(t), t - t.mean()])
    off = np.log(np.asarray(st, dtype=float))
    y = np.asarray(y)
    p = sm.GLM(y, x, family=sm.families.Poisson(), offset=off).fit()
    mu = p.fittedvalues
    if np.sum((y - mu) ** 2 - y) <= 0:
        # alpha-score <= 0 at alpha = 0: the constrained MLE is the Poisson fit (boundary).
        pois = {"slope": float(p.params[1]), "se": float(p.bse[1]), "llf": float(p.llf)}
        return {"poisson": pois, "negbin": {**pois, "alpha": 0.0}}
    nb = sm.NegativeBinomial(y, x, offset=off, loglike_method="nb2")
    r = nb.fit(disp=0, maxiter=1000)
    r = nb.fit(start_params=r.params, method="newton", disp=0, maxiter=1000, tol=1e-14)
    return {
        "poisson": {"slope": float(p.params[1]), "se": float(p.bse[1]), "llf": float(p.llf)},
        "negbin": {
            "slope": float(r.params[1]),
            "se": float(r.bse[1]),
            "alpha": float(r.params[2]),
            "llf": float(r.llf),
        },
    }


if __name__ == "__main__":
    sf = stock_flow(acd())
    years = list(range(1989, 2024))
    st = states(years)
    rates = {}
    for kind in ["interstate", "intrastate", "internationalized_intrastate", "state_based", "non_state", "one_sided"]:
        rates[kind] = {"counts": counts(kind, years), **rate_fits(counts(kind, years), years, st)}
    out = {
        "acd_v25_1_stock_flow": {
            str(y): {k: (v if not isinstance(v, (np.integer,)) else int(v)) for k, v in r.items()}
            for y, r in sf.loc[2010:2024].to_dict(orient="index").items()
        },
        "acd_v25_1_decomposition_2010_2024": decompose(sf, 2010, 2024, (1997, 2010)),
        "gw_states_1946_2021_2024": states([1946, 2021, 2024]),
        "rates_1989_2023_acd_v25_1_ns_os_v24_1": {"states": st, **rates},
    }
    print(json.dumps(out, indent=1, default=int))
