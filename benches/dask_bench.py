"""Synthetic GED-like events in Parquet partitions → country-month sums: one process against a
two-worker `distributed.LocalCluster`, with throughput and peak memory (RSS) per process.

    python benches/dask_bench.py generate DIR N [--files F]   # N events in F Parquet files
    python benches/dask_bench.py single DIR                   # one process, one call
    python benches/dask_bench.py cluster DIR [--workers 2]    # conflictstats.dask, LocalCluster
    python benches/dask_bench.py all DIR N [--files F]        # generate, then both, compared

Every mode prints one JSON line (seconds, events per second, peak RSS) and the SHA-256 of the
result's CSV bytes: the cluster's must equal the single process's. Each measured mode runs in
its own process (`all` starts them), so a peak RSS is that mode's own. Results: RESULTS.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl

#: A G&W code list to draw countries from (GED has events in about 120 countries).
_GW = (
    "2 20 40 41 70 90 91 92 93 94 95 100 101 130 135 140 145 150 155 160 200 210 230 255 290 "
    "339 343 344 345 346 350 352 355 360 365 369 371 372 373 402 404 420 432 433 434 435 436 "
    "437 438 439 450 451 452 461 471 475 481 482 483 484 490 500 501 510 516 517 520 522 530 "
    "531 540 541 551 552 553 560 565 570 571 580 600 615 616 620 625 626 630 640 645 651 652 "
    "660 663 666 670 678 679 690 692 694 696 698 700 701 702 703 704 705 710 712 731 732 740 "
    "750 760 770 771 775 780 790 800 811 812 816 820 830 840 850 860 910 940 950 "
)
COUNTRIES = np.array([int(c) for c in _GW.split()], dtype=np.int32)
DAY_1989 = 6940  # 1989-01-01, days since 1970
DAY_2025 = 20089  # 2025-01-01


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _chunk(rng: np.random.Generator, n: int) -> pl.DataFrame:
    """`n` events: uniform dates 1989-2024, most known to the day, some spanning weeks to
    months (split over months by the default rule), deaths heavy-tailed."""
    start = rng.integers(DAY_1989, DAY_2025 - 120, n, dtype=np.int32)
    span = np.where(rng.random(n) < 0.9, 0, rng.integers(1, 120, n)).astype(np.int32)
    prec = np.where(span == 0, 1, rng.integers(2, 6, n)).astype(np.int32)
    best = np.minimum(rng.geometric(0.2, n) - 1, 100_000).astype(np.int32)
    low = (best // 2).astype(np.int32)
    high = (best + rng.integers(0, 10, n, dtype=np.int32)).astype(np.int32)
    return pl.DataFrame(
        {
            "country_id": COUNTRIES[rng.integers(0, len(COUNTRIES), n)],
            "date_start": pl.Series(start).cast(pl.Date),
            "date_end": pl.Series(start + span).cast(pl.Date),
            "date_prec": prec,
            "low": low,
            "best": best,
            "high": high,
        }
    )


def generate(out: Path, n: int, files: int) -> dict[str, Any]:
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    rng = np.random.default_rng(20261202)
    cuts = [n * k // files for k in range(files + 1)]
    for i, (a, b) in enumerate(zip(cuts, cuts[1:])):
        _chunk(rng, b - a).write_parquet(out / f"events-{i:04d}.parquet", row_group_size=1 << 20)
    seconds = time.perf_counter() - t0
    size = sum(p.stat().st_size for p in out.glob("*.parquet"))
    return {
        "mode": "generate",
        "events": n,
        "files": files,
        "seconds": round(seconds, 2),
        "bytes": size,
        "peak_rss_mb": round(_peak_rss_mb()),
    }


def _digest(df: pl.DataFrame) -> str:
    return hashlib.sha256(df.write_csv().encode()).hexdigest()


def single(data: Path) -> dict[str, Any]:
    import conflictstats as cs

    t0 = time.perf_counter()
    events = pl.read_parquet(data / "*.parquet")
    t_read = time.perf_counter() - t0
    table = cs.aggregate_events(events=events, unit="country", period="month")
    seconds = time.perf_counter() - t0
    n = events.height
    return {
        "mode": "single",
        "events": n,
        "seconds": round(seconds, 2),
        "read_seconds": round(t_read, 2),
        "events_per_s": round(n / seconds),
        "rows": table.height,
        "peak_rss_mb": round(_peak_rss_mb()),
        "sha256": _digest(table),
    }


def _worker_peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cluster(data: Path, workers: int, backend: str) -> dict[str, Any]:
    import dask.dataframe as dd
    import distributed

    import conflictstats.dask as csd

    t0 = time.perf_counter()
    with (
        distributed.LocalCluster(
            n_workers=workers,
            processes=True,
            threads_per_worker=1,
            host="127.0.0.1",
            dashboard_address=None,
            env={"RAYON_NUM_THREADS": "1"},
        ) as lc,
        distributed.Client(lc) as client,
    ):
        t_up = time.perf_counter() - t0
        t1 = time.perf_counter()
        # pyarrow: dates stay date32 (numpy_nullable/default: Python date objects, slow).
        ddf = dd.read_parquet(str(data), **({"dtype_backend": backend} if backend else {}))
        table = csd.aggregate_events(ddf, unit="country", period="month")
        seconds = time.perf_counter() - t1
        peaks = client.run(_worker_peak_mb)
        n = int(pl.scan_parquet(data / "*.parquet").select(pl.len()).collect().item())
    return {
        "mode": "cluster",
        "workers": workers,
        "partitions": ddf.npartitions,
        "events": n,
        "startup_seconds": round(t_up, 2),
        "seconds": round(seconds, 2),
        "events_per_s": round(n / seconds),
        "rows": table.height,
        "worker_peak_rss_mb": sorted(round(v) for v in peaks.values()),
        "client_peak_rss_mb": round(_peak_rss_mb()),
        "sha256": _digest(table),
    }


def _run(*args: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, *args], check=True, capture_output=True, text=True
    )
    line = json.loads(out.stdout.strip().splitlines()[-1])
    print(json.dumps(line), flush=True)
    return line


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mode", choices=["generate", "single", "cluster", "all"])
    ap.add_argument("dir", type=Path)
    ap.add_argument("n", type=int, nargs="?", default=10_000_000)
    ap.add_argument("--files", type=int, default=20)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--dtype-backend", default="pyarrow", help="read_parquet's; '' for default")
    a = ap.parse_args()
    if a.mode == "generate":
        print(json.dumps(generate(a.dir, a.n, a.files)))
    elif a.mode == "single":
        print(json.dumps(single(a.dir)))
    elif a.mode == "cluster":
        print(json.dumps(cluster(a.dir, a.workers, a.dtype_backend)))
    else:
        _run("generate", str(a.dir), str(a.n), "--files", str(a.files))
        s = _run("single", str(a.dir))
        c = _run(
            "cluster", str(a.dir), "--workers", str(a.workers), "--dtype-backend", a.dtype_backend
        )
        assert s["sha256"] == c["sha256"], "the cluster's table differs from the single call's"
        print(json.dumps({"identical": True, "load_average": os.getloadavg()}))


if __name__ == "__main__":
    main()
