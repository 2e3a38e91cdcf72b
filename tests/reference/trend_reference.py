"""Reference values for conflictstats' `trend` module, computed with statsmodels.

Regenerate the pins (they are copied into crates/conflictstats/src/trend/ unit tests and
tests/golden/trend.rs) with, from the repository root:

    python3 tests/reference/trend_reference.py > /tmp/trend_reference.json

Measured with Python 3.11, statsmodels 0.15.0, scipy 1.17.1, pandas. The ACD counts are computed
here independently of the Rust counting engine (pandas: distinct conflict_id per year).

What each reference is:
- poisson: sm.GLM(y, [1, year - mean(year)], family=Poisson()) — Wald CI from the Fisher
  information (normal quantile); quasi-Poisson: same fit with scale="X2" (Pearson chi2 / (n - p)),
  still with the normal quantile as statsmodels does; profile-likelihood CI: the slopes b where
  2 * (llf_max - llf(b)) = chi2_1(0.95), llf(b) from a GLM with offset b * x (intercept refit),
  roots by scipy.optimize.brentq.
- linear: sm.GLM(y, [1, year - mean(year)], family=Poisson(link=Identity())), fitted by
  Newton-Raphson (method="newton").
- negbin: the discrete model sm.NegativeBinomial(y, exog, loglike_method="nb2"), joint ML of
  (beta, alpha): its default fit (BFGS) refined by Newton to convergence; bse from the inverse
  Hessian in (beta, alpha). When the alpha-score at alpha = 0 is <= 0 the constrained MLE is
  alpha = 0 (the Poisson fit); the script then reports that boundary instead.
"""

import json
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import optimize, stats

warnings.simplefilter("ignore")
ROOT = Path(__file__).resolve().parents[2]
Z = stats.norm.ppf(0.975)
CHI2 = stats.chi2.ppf(0.95, 1)


# An overdispersed made-up series with zeros (pinned in the Rust unit tests).
SYNTHETIC_ZEROS = [9.0, 2, 0, 4, 1, 5, 0, 8, 4, 6, 12, 7, 9, 15, 11, 20, 14, 25, 18, 30]


def acd_conflicts():
    d = pd.read_csv(ROOT / "data/ucdp-acd/UcdpPrioConflict_v25_1.csv")
    s = d.groupby("year").conflict_id.nunique()
    return [int(y) for y in s.index], [float(v) for v in s.values]


def window(years, counts, lo, hi):
    pairs = [(y, c) for y, c in zip(years, counts) if lo <= y <= hi]
    return [p[0] for p in pairs], [p[1] for p in pairs]


def fit(years, counts):
    y = np.asarray(counts, dtype=float)
    t = np.asarray(years, dtype=float)
    x = t - t.mean()
    exog = np.column_stack([np.ones_like(x), x])
    out = {"years": [int(v) for v in years], "counts": counts, "center": float(t.mean())}

    p = sm.GLM(y, exog, family=sm.families.Poisson()).fit(tol=1e-14, maxiter=200)
    q = sm.GLM(y, exog, family=sm.families.Poisson()).fit(scale="X2", tol=1e-14, maxiter=200)
    b, se = float(p.params[1]), float(p.bse[1])

    def prof(bb):
        r = sm.GLM(y, exog[:, :1], family=sm.families.Poisson(), offset=bb * x).fit(tol=1e-14)
        return 2 * (p.llf - r.llf) - CHI2

    width = 10 * se
    lo = optimize.brentq(prof, b - width, b, xtol=1e-15, rtol=1e-15)
    hi = optimize.brentq(prof, b, b + width, xtol=1e-15, rtol=1e-15)
    ci = p.conf_int(alpha=0.05)[1]
    qci = q.conf_int(alpha=0.05)[1]
    out["poisson"] = {
        "intercept": float(p.params[0]),
        "slope": b,
        "slope_se": se,
        "growth_rate": float(np.expm1(b)),
        "ci_low": float(np.expm1(ci[0])),
        "ci_high": float(np.expm1(ci[1])),
        "doubling_time_years": float(np.log(2) / b) if b > 0 else None,
        "log_likelihood": float(p.llf),
        "aic": float(p.aic),
        "deviance": float(p.deviance),
        "pearson_chi2": float(p.pearson_chi2),
        "dispersion": float(q.scale),
        "quasi_slope_se": float(q.bse[1]),
        "quasi_ci_low": float(np.expm1(qci[0])),
        "quasi_ci_high": float(np.expm1(qci[1])),
        "profile_ci_low": float(np.expm1(lo)),
        "profile_ci_high": float(np.expm1(hi)),
    }

    # Newton-Raphson: statsmodels' default IRLS (Fisher scoring) crawls on the identity link and
    # stops on its deviance tolerance ~1e-7 away from the maximum on the synthetic series.
    linm = sm.GLM(y, exog, family=sm.families.Poisson(link=sm.families.links.Identity()))
    lin = linm.fit(method="newton", tol=1e-14, maxiter=500)
    out["linear"] = {
        "max_abs_score": float(np.max(np.abs(linm.score(lin.params)))),
        "intercept": float(lin.params[0]),
        "slope": float(lin.params[1]),
        "log_likelihood": float(lin.llf),
        "aic": float(lin.aic),
    }

    # NB2 score for alpha at alpha -> 0 is sum((y - mu)^2 - y) / 2 at the Poisson fit: when it is
    # <= 0 the likelihood over alpha >= 0 is maximised at the boundary alpha = 0 (the NB fit is
    # the Poisson fit), and statsmodels' unconstrained Newton diverges (alpha would go negative).
    score0 = float(((y - p.mu) ** 2 - y).sum() / 2)
    if score0 <= 0:
        nbm = sm.NegativeBinomial(y, exog, loglike_method="nb2")
        nbm._transparams = False  # loglike's last parameter is alpha, not log(alpha)
        llf_small = [float(nbm.loglike(np.append(p.params, a))) for a in (1e-6, 1e-4, 1e-2)]
        out["negbin"] = {
            "boundary": True,
            "score_at_alpha_0": score0,
            "alpha": 0.0,
            "slope": b,
            "slope_se": se,
            "growth_rate": float(np.expm1(b)),
            "log_likelihood": float(p.llf),
            "aic": float(p.aic) + 2.0,
            "llf_at_alpha_1e-6_1e-4_1e-2": llf_small,
        }
        return out
    nbm = sm.NegativeBinomial(y, exog, loglike_method="nb2")
    nb = nbm.fit(disp=0, maxiter=1000)  # BFGS from the Poisson start
    nb = nbm.fit(start_params=nb.params, method="newton", maxiter=200, tol=1e-14, disp=0)
    score = nbm.score(nb.params)
    nbci = nb.conf_int(alpha=0.05)[1]
    nb_b = float(nb.params[1])
    out["negbin"] = {
        "boundary": False,
        "score_at_alpha_0": score0,
        "intercept": float(nb.params[0]),
        "slope": nb_b,
        "slope_se": float(nb.bse[1]),
        "alpha": float(nb.params[2]),
        "alpha_se": float(nb.bse[2]),
        "growth_rate": float(np.expm1(nb_b)),
        "ci_low": float(np.expm1(nbci[0])),
        "ci_high": float(np.expm1(nbci[1])),
        "log_likelihood": float(nb.llf),
        "aic": float(nb.aic),
        "max_abs_score": float(np.max(np.abs(score))),
    }
    return out


def main():
    years, counts = acd_conflicts()
    cases = {}
    cases["acd_v25_1_conflict_1995_2024"] = fit(*window(years, counts, 1995, 2024))
    cases["acd_v25_1_conflict_1989_2024"] = fit(*window(years, counts, 1989, 2024))
    cases["acd_v25_1_conflict_1946_2024"] = fit(*window(years, counts, 1946, 2024))
    cases["synthetic_zeros_2001_2020"] = fit(list(range(2001, 2021)), SYNTHETIC_ZEROS)
    json.dump(cases, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
