"""Reference values for conflictstats' `severity` module, computed with the `powerlaw` package.

Run from the repository root (prints JSON; the pinned values in tests/golden/severity.rs and the
assertions in python/tests/test_severity.py come from it):

    python3 tests/reference/severity_reference.py > /tmp/severity_reference.json

Measured with Python 3.11, powerlaw 2.0.0, numpy, scipy, pandas. The conflict-year deaths are
summed here from the raw BRD CSV with pandas (sum of bd_best over the dyads of each
(conflict_id, year)), independently of the Rust loaders; v25.1 is UCDP's conflict-level
file, whose rows are already conflict-years.

What each reference is:
- power law: powerlaw.Fit(x, discrete=False, xmin_distance="D",
  parameter_ranges={"alpha": [1, None]}) -- the continuous power law of Clauset, Shalizi &
  Newman (2009), x_min by the KS distance over the distinct values. powerlaw 2.0 restricts
  alpha to (0, 3) by default and marks candidates with alpha >= 3 invalid, which CSN do not;
  the wider range reproduces CSN's search (the default's x_min is printed too).
- log-normal: fit.lognormal (the log-normal truncated at x_min, Nelder-Mead with tol 1e-4),
  then refined here by scipy.optimize.minimize (Nelder-Mead, xatol=fatol=1e-12) from the
  package's optimum: the package's own optimum is good to about 1e-4 in (mu, sigma).
- Vuong: powerlaw.loglikelihood_ratio on the pointwise log-likelihoods of both models
  (normalized_ratio=False for R, True for R / (sigma sqrt(n)); p = erfc(|R| / (sigma sqrt(2n)))).
- bootstrap: CSN's two bootstraps written here with numpy's Generator(PCG64(seed)) and the
  package's fit in each replicate (a different random stream from the Rust one, so the figures
  agree within Monte-Carlo error only): SE(alpha) from nonparametric resamples, each with its
  own x_min search; goodness of fit p = share of semi-parametric synthetic samples (fitted
  power law above x_min, observed values below it) whose KS distance is >= the observed one.
"""

import json
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import powerlaw
from scipy import optimize

warnings.simplefilter("ignore")
ROOT = Path(__file__).resolve().parents[2]
# 25.1: the conflict-level version (one row per conflict-year); 24.1: the dyadic version.
BRD = {
    "25.1": "data/ucdp-brd/BattleDeaths_v25_1_conf.csv",
    "24.1": "data/ucdp-brd/BattleDeaths_v24_1.csv",
}


def conflict_year_deaths(version="24.1", estimate="bd_best"):
    d = pd.read_csv(ROOT / BRD[version])
    return d.groupby(["conflict_id", "year"])[estimate].sum().to_numpy(dtype=float)


def conflict_deaths(version="24.1", estimate="bd_best"):
    d = pd.read_csv(ROOT / BRD[version])
    return d.groupby("conflict_id")[estimate].sum().to_numpy(dtype=float)


def fit(x):
    return powerlaw.Fit(
        x,
        discrete=False,
        xmin_distance="D",
        parameter_ranges={"alpha": [1, None]},
        verbose=0,
    )


def lognormal_refined(f):
    ln = f.lognormal
    tail = f.data[f.data >= f.xmin]

    def nll(p):
        ln.mu, ln.sigma = p[0], p[1]
        return -np.sum(ln.loglikelihoods(tail)) if p[1] > 0 else np.inf

    start = np.array([ln.mu, ln.sigma])
    r = optimize.minimize(
        nll, start, method="Nelder-Mead", options={"xatol": 1e-12, "fatol": 1e-12, "maxiter": 20000}
    )
    package = {"mu": float(start[0]), "sigma": float(start[1])}
    ln.mu, ln.sigma = r.x
    return package, tail, ln


def vuong(f, tail, ln):
    lp = f.power_law.loglikelihoods(tail)
    ll = ln.loglikelihoods(tail)
    r, p = powerlaw.loglikelihood_ratio(lp, ll, normalized_ratio=False)
    rn, _ = powerlaw.loglikelihood_ratio(lp, ll, normalized_ratio=True)
    return float(r), float(rn), float(p)


def bootstrap(x, f, replicates, seed):
    rng = np.random.Generator(np.random.PCG64(seed))
    n = len(x)
    alphas = []
    for _ in range(replicates):
        alphas.append(fit(rng.choice(x, size=n, replace=True)).alpha)
    body = np.sort(x[x < f.xmin])
    p_tail = np.sum(x >= f.xmin) / n
    exceed = 0
    for _ in range(replicates):
        from_tail = rng.random(n) < p_tail
        k = int(from_tail.sum())
        synth = np.concatenate(
            [f.xmin * rng.random(k) ** (-1.0 / (f.alpha - 1.0)), rng.choice(body, size=n - k)]
        )
        exceed += fit(synth).D >= f.D
    return float(np.std(alphas, ddof=1)), exceed / replicates


def reference(x, replicates=0, seed=1):
    f = fit(x)
    package_ln, tail, ln = lognormal_refined(f)
    r, rn, p = vuong(f, tail, ln)
    default_xmin = powerlaw.Fit(x, discrete=False, verbose=0).xmin
    out = {
        "n": int(len(x)),
        "n_tail": int(len(tail)),
        "x_min": float(f.xmin),
        "alpha": float(f.alpha),
        "ks_distance": float(f.D),
        "x_min_default_ranges": float(default_xmin),
        "lognormal_package": package_ln,
        "lognormal": {"mu": float(ln.mu), "sigma": float(ln.sigma)},
        "vuong": {"R": r, "normalized": rn, "p": p},
    }
    if replicates:
        se, gof = bootstrap(x, f, replicates, seed)
        out["bootstrap"] = {"replicates": replicates, "alpha_se": se, "gof_p": gof}
    return out


if __name__ == "__main__":
    reps = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    print(
        json.dumps(
            {
                "brd_v25_1_conflict_year_best": reference(conflict_year_deaths("25.1"), reps),
                "brd_v25_1_conflict_best": reference(conflict_deaths("25.1"), reps),
                "brd_v24_1_conflict_year_best": reference(conflict_year_deaths(), reps),
                "brd_v24_1_conflict_best": reference(conflict_deaths(), reps),
            },
            indent=2,
        )
    )
