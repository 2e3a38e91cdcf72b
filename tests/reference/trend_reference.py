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
- hac: sm.GLM(y, [1, x], family).fit(cov_type="HAC", cov_kwds={"maxlags": L}) for Poisson and
  for NegativeBinomial(alpha=alpha_hat) (the NB2 slope at the joint MLE solves the same score
  equations as the GLM at fixed alpha_hat); L by the Newey-West rule floor(4 (n/100)^(2/9)).
- diagnostics: statsmodels.tsa.stattools.acf(resid_pearson, nlags=K, fft=False) and
  acorr_ljungbox(resid_pearson, lags=[K]), K = min(10, n // 5).
- breaks: a brute-force search with one sm.GLM(Poisson) fit per break year (and per pair of
  break years) on the block design of each shape -- step: a level per regime; regime: a level
  and a slope per regime; two regimes: the same with three regimes -- every regime at least
  `min_segment` years; the profile log-likelihood per break year and the best break.
- no-break bootstrap: an independent numpy implementation (numpy's PCG64 generator, vectorised
  Newton fits) of the sup-LR test of "exponential" against "regime" -- parametric (NB2 with the
  exponential fit's alpha, Poisson when alpha = 0) and moving-block (the exponential fit's
  multiplicative residuals) -- p = (1 + #{LR* >= LR}) / (B + 1). Its p-values match the Rust
  ones within Monte-Carlo error, not exactly (different random numbers).

python/tests/test_trend_shapes.py imports this module and asserts all of it live.
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


def hac_lags_rule(n):
    return int(np.floor(4 * (n / 100.0) ** (2.0 / 9.0)))


def ljung_box_lags_rule(n):
    return min(10, max(1, n // 5))


def hac_and_diagnostics(years, counts, alpha=0.0, hac_lags=None, lb_lags=None):
    """HAC slope standard errors and growth intervals, and residual diagnostics, of the
    log-linear fit (Poisson when alpha is 0, else NB2 GLM at that alpha)."""
    from statsmodels.stats.diagnostic import acorr_ljungbox
    from statsmodels.tsa.stattools import acf

    y = np.asarray(counts, dtype=float)
    t = np.asarray(years, dtype=float)
    x = t - t.mean()
    exog = np.column_stack([np.ones_like(x), x])
    n = len(y)
    lags = hac_lags_rule(n) if hac_lags is None else hac_lags
    k = ljung_box_lags_rule(n) if lb_lags is None else lb_lags
    family = sm.families.Poisson() if alpha == 0 else sm.families.NegativeBinomial(alpha=alpha)
    model = sm.GLM(y, exog, family=family)
    plain = model.fit(tol=1e-14, maxiter=200)
    hac = model.fit(tol=1e-14, maxiter=200, cov_type="HAC", cov_kwds={"maxlags": lags})
    ci = hac.conf_int(alpha=0.05)[1]
    resid = plain.resid_pearson
    lb = acorr_ljungbox(resid, lags=[k], return_df=True)
    dof = n - 2
    return {
        "hac_lags": lags,
        "slope": float(hac.params[1]),
        "hac_slope_se": float(hac.bse[1]),
        "hac_ci_low": float(np.expm1(ci[0])),
        "hac_ci_high": float(np.expm1(ci[1])),
        "acf": [float(v) for v in acf(resid, nlags=k, fft=False)[1:]],
        "ljung_box_lags": k,
        "ljung_box_stat": float(lb["lb_stat"].iloc[0]),
        "ljung_box_p": float(lb["lb_pvalue"].iloc[0]),
        "dispersion": float((resid**2).sum() / dof),
        "dispersion_p": float(stats.chi2.sf((resid**2).sum(), dof)),
    }


def _block_design(n, cuts, slopes):
    """Columns per regime: its indicator, and (with slopes) the year index within it."""
    bounds = [0, *cuts, n]
    cols = []
    for a, b in zip(bounds[:-1], bounds[1:]):
        ind = np.zeros(n)
        ind[a:b] = 1.0
        cols.append(ind)
        if slopes:
            idx = np.zeros(n)
            idx[a:b] = np.arange(b - a)
            cols.append(idx)
    return np.column_stack(cols)


def _glm_llf(y, exog):
    return float(sm.GLM(y, exog, family=sm.families.Poisson()).fit(tol=1e-13, maxiter=300).llf)


def break_search(years, counts, min_segment=5):
    """Brute force: one statsmodels GLM per break year (pair) per shape."""
    y = np.asarray(counts, dtype=float)
    n, m = len(y), min_segment
    out = {}
    for shape, slopes in (("step", False), ("regime", True)):
        profile = {int(years[c]): _glm_llf(y, _block_design(n, [c], slopes)) for c in range(m, n - m + 1)}
        best = max(profile, key=profile.get)
        k = (2 if not slopes else 4) + 1
        out[shape] = {
            "break_years": [best],
            "log_likelihood": profile[best],
            "aic": -2 * profile[best] + 2 * k,
            "profile": profile,
        }
    if n >= 3 * m:
        best, best_llf = None, -np.inf
        for c1 in range(m, n - 2 * m + 1):
            for c2 in range(c1 + m, n - m + 1):
                llf = _glm_llf(y, _block_design(n, [c1, c2], True))
                if llf > best_llf:
                    best, best_llf = (int(years[c1]), int(years[c2])), llf
        out["two_regimes"] = {
            "break_years": list(best),
            "log_likelihood": best_llf,
            "aic": -2 * best_llf + 2 * 8,
        }
    exp = sm.GLM(y, np.column_stack([np.ones(n), np.arange(n)]), family=sm.families.Poisson())
    out["exponential_log_likelihood"] = float(exp.fit(tol=1e-13).llf)
    out["sup_lr"] = 2 * (out["regime"]["log_likelihood"] - out["exponential_log_likelihood"])
    return out


def _loglinear_kernels(Y):
    """Sum(y eta - mu) at the Poisson log-linear MLE of every row of Y on 0..m-1 (vectorised
    Newton); NaN where it does not converge."""
    B, m = Y.shape
    x = np.arange(m, dtype=float) - (m - 1) / 2
    tot = Y.sum(axis=1)
    a = np.log(np.maximum(tot / m, 1e-300))
    b = np.zeros(B)
    for _ in range(100):
        mu = np.exp(a[:, None] + b[:, None] * x)
        g0, g1 = (Y - mu).sum(1), ((Y - mu) * x).sum(1)
        h00, h01, h11 = mu.sum(1), (mu * x).sum(1), (mu * x * x).sum(1)
        det = h00 * h11 - h01**2
        da, db = (h11 * g0 - h01 * g1) / det, (h00 * g1 - h01 * g0) / det
        step = np.maximum(1.0, np.abs(db))  # at most one unit of slope per step
        a, b = a + da / step, b + db / step
    mu = np.exp(a[:, None] + b[:, None] * x)
    eta = a[:, None] + b[:, None] * x
    k = (Y * eta - mu).sum(1)
    ok = np.isfinite(k) & (np.abs((Y - mu).sum(1)) < 1e-6 * np.maximum(tot, 1))
    return np.where(ok, k, np.nan)


def _sup_lr(Y, m):
    n = Y.shape[1]
    k0 = _loglinear_kernels(Y)
    best = np.full(Y.shape[0], -np.inf)
    for c in range(m, n - m + 1):
        best = np.maximum(best, _loglinear_kernels(Y[:, :c]) + _loglinear_kernels(Y[:, c:]))
    return 2 * (best - k0)


def no_break_bootstrap(counts, alpha, replicates=1000, seed=2024, block=None, min_segment=5):
    """The sup-LR test's bootstrap p-values (parametric and moving-block), numpy only."""
    y = np.asarray(counts, dtype=float)
    n = len(y)
    block = block or next(k for k in range(1, n + 1) if k**3 >= n)
    x = np.arange(n, dtype=float)
    exp = sm.GLM(y, np.column_stack([np.ones(n), x]), family=sm.families.Poisson()).fit(tol=1e-13)
    mu = exp.mu
    stat = float(_sup_lr(y[None, :], min_segment)[0])
    rng = np.random.default_rng(seed)
    lam = mu if alpha == 0 else rng.gamma(1 / alpha, alpha * mu, size=(replicates, n))
    par = rng.poisson(np.broadcast_to(lam, (replicates, n))).astype(float)
    resid = y / mu
    starts = rng.integers(0, n - block + 1, size=(replicates, -(-n // block)))
    idx = (starts[:, :, None] + np.arange(block)).reshape(replicates, -1)[:, :n]
    blk = resid[idx] * mu
    out = {"statistic": stat, "replicates": replicates, "block_length": block}
    for name, Y in (("parametric", par), ("block", blk)):
        lr = _sup_lr(Y, min_segment)
        lr = lr[np.isfinite(lr)]
        out[name] = float((1 + (lr >= stat - 1e-9 * abs(stat)).sum()) / (len(lr) + 1))
    return out


def main():
    years, counts = acd_conflicts()
    cases = {}
    cases["acd_v25_1_conflict_1995_2024"] = fit(*window(years, counts, 1995, 2024))
    cases["acd_v25_1_conflict_1989_2024"] = fit(*window(years, counts, 1989, 2024))
    cases["acd_v25_1_conflict_1946_2024"] = fit(*window(years, counts, 1946, 2024))
    cases["synthetic_zeros_2001_2020"] = fit(list(range(2001, 2021)), SYNTHETIC_ZEROS)
    wy, wc = window(years, counts, 1995, 2024)
    cases["acd_v25_1_conflict_1995_2024_hac"] = hac_and_diagnostics(wy, wc)
    cases["acd_v25_1_conflict_1995_2024_breaks"] = break_search(wy, wc)
    cases["acd_v25_1_conflict_1995_2024_no_break"] = no_break_bootstrap(wc, 0.0)
    json.dump(cases, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
