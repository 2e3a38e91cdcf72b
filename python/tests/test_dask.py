"""`conflictstats.dask` on a two-process `distributed.LocalCluster` (loopback): event tables and
the trend bootstrap equal the single-machine calls whatever the partitioning, also when a
worker is killed in the middle of a computation."""

from __future__ import annotations

import hashlib
import logging
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from polars.testing import assert_frame_equal

import conflictstats as cs

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
cloudpickle = pytest.importorskip("cloudpickle")
import conflictstats.dask as csd  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
# Worker processes cannot import this test module: its functions travel by value.
cloudpickle.register_pickle_by_value(sys.modules[__name__])


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    cluster = distributed.LocalCluster(
        n_workers=2,
        processes=True,
        threads_per_worker=1,
        host="127.0.0.1",
        dashboard_address=None,
        silence_logs=logging.CRITICAL,
    )
    with cluster, distributed.Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def ged() -> pl.DataFrame:
    """The GED 23.1 sample (1,000 events), dates as days since 1970 (Int64)."""
    return cs.load("ucdp-ged-sample", version="23.1")


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[pl.DataFrame, Path]:
    """12,000 events in GED layout (tests/bad-inputs/make_big_ged.py: the sample's events
    repeated with new ids), read with Date columns, and written as 5 Parquet files of
    unequal sizes."""
    d = tmp_path_factory.mktemp("synthetic")
    csv = d / "ged12k.csv"
    script = ROOT / "tests" / "bad-inputs" / "make_big_ged.py"
    subprocess.run([sys.executable, str(script), str(csv), "12000"], check=True)
    cols = ["id", "country_id", "type_of_violence", "conflict_new_id", "priogrid_gid"]
    cols += ["date_prec", "date_start", "date_end", "low", "best", "high"]
    df = pl.read_csv(csv, columns=cols, try_parse_dates=True).with_columns(
        pl.col("date_start", "date_end").cast(pl.Date)
    )
    parquet = d / "parquet"
    parquet.mkdir()
    for i, (a, b) in enumerate([(0, 100), (100, 5000), (5000, 5001), (5001, 9000), (9000, 12000)]):
        df[a:b].write_parquet(parquet / f"part-{i}.parquet")
    return df, parquet


def _digests(df: pl.DataFrame) -> tuple[str, str]:
    csv = df.write_csv().encode()
    ipc = df.write_ipc(None).getvalue()
    return hashlib.sha256(csv).hexdigest(), hashlib.sha256(ipc).hexdigest()


def _same(got: pl.DataFrame, want: pl.DataFrame) -> None:
    assert_frame_equal(got, want, check_exact=True)
    assert got.schema == want.schema
    assert _digests(got) == _digests(want)


def _shuffled_partitions(df: pl.DataFrame, k: int, seed: int) -> Any:
    """A Dask DataFrame of `df`'s rows in `k` random, unequal partitions in random order."""
    rng = random.Random(seed)
    order = rng.sample(range(df.height), df.height)
    cuts = sorted(rng.sample(range(1, df.height), k - 1)) if k > 1 else []
    pieces = [order[a:b] for a, b in zip([0, *cuts], [*cuts, df.height])]
    pdf = df.to_pandas()
    meta = pdf.iloc[:0]
    return dd.from_map(lambda rows: pdf.iloc[rows].reset_index(drop=True), pieces, meta=meta)


@pytest.mark.parametrize(
    ("unit", "period", "attribution", "max_date_prec"),
    [
        ("country", "month", "split_even", 5),
        ("conflict", "year", "start_month", 4),
        ("priogrid", "month", "end_month", 3),
    ],
)
def test_ged_v23_1_sample_any_partitioning_equals_one_machine(
    client: Any, ged: pl.DataFrame, unit: str, period: str, attribution: str, max_date_prec: int
) -> None:
    spec = {"unit": unit, "period": period, "attribution": attribution}
    spec["max_date_prec"] = max_date_prec  # type: ignore[assignment]
    want = cs.aggregate_events(events=ged, **spec)  # type: ignore[arg-type]
    for k, seed, split_every in [(1, 1, None), (4, 2, 2), (13, 3, 3)]:
        ddf = _shuffled_partitions(ged, k, seed)
        got = csd.aggregate_events(ddf, split_every=split_every, **spec)  # type: ignore[arg-type]
        _same(got, want)
        meta = cs.provenance(got)
        assert meta["excluded"] == cs.provenance(want)["excluded"]
        assert meta["partitions"] == k
    # The sample's deaths (GED 23.1 sample: best 9561 in all), kept plus excluded.
    if max_date_prec == 5:
        assert got["best"].sum() == 9561


def test_synthetic_parquet_partitions_equal_one_machine(
    client: Any, synthetic: tuple[pl.DataFrame, Path]
) -> None:
    df, parquet = synthetic
    ddf = dd.read_parquet(str(parquet))
    assert ddf.npartitions == 5
    for unit, period in [("country", "month"), ("conflict", "month"), ("priogrid", "year")]:
        want = cs.aggregate_events(events=df, unit=unit, period=period)
        _same(csd.aggregate_events(ddf, unit=unit, period=period, split_every=2), want)
    # 12 copies of the GED 23.1 sample's 1,000 events: 12 × its best total (9561).
    assert want["best"].sum() == 12 * 9561


def test_pyarrow_dtypes_and_partitions_emptied_by_a_filter(
    client: Any, synthetic: tuple[pl.DataFrame, Path]
) -> None:
    df, parquet = synthetic
    for backend in ({}, {"dtype_backend": "pyarrow"}):
        ddf = dd.read_parquet(str(parquet), **backend)
        mali = ddf[ddf.country_id == 432]  # most partitions keep no event
        want = cs.aggregate_events(events=df.filter(pl.col("country_id") == 432), period="month")
        _same(csd.aggregate_events(mali, period="month"), want)
        none = csd.aggregate_events(ddf[ddf.country_id < 0], unit="conflict")
        _same(none, cs.aggregate_events(events=df.clear(), unit="conflict"))


def _blocking_part(rows: tuple[int, int], path: str, flags: str) -> Any:
    """Partition `rows` of the Parquet file; partition 0 waits for `flags/release` on its
    first run, having written its worker's pid to `flags/started`."""
    import pandas as pd

    a, b = rows
    flag = Path(flags)
    try:
        distributed.get_worker()
    except ValueError:  # not on a worker (Dask's meta inference): never block
        a = -1
    if a == 0:
        with (flag / "attempts").open("a") as f:
            f.write(f"{os.getpid()}\n")
        if not (flag / "release").exists():
            (flag / "started").write_text(str(os.getpid()))
            deadline = time.monotonic() + 120
            while not (flag / "release").exists() and time.monotonic() < deadline:
                time.sleep(0.05)
    frame: pd.DataFrame = pl.read_parquet(path)[max(a, 0) : b].to_pandas()
    return frame


def test_killed_worker_is_rerun_and_the_table_is_unchanged(
    client: Any, synthetic: tuple[pl.DataFrame, Path], tmp_path: Path
) -> None:
    df, _ = synthetic
    path = tmp_path / "events.parquet"
    df.write_parquet(path)
    ranges = [(a, min(a + 1500, df.height)) for a in range(0, df.height, 1500)]
    meta = df[:0].to_pandas()
    ddf = dd.from_map(_blocking_part, ranges, path=str(path), flags=str(tmp_path), meta=meta)
    lazy = csd.aggregate_events_partial(ddf, unit="conflict", period="month", split_every=3)
    future = client.compute(lazy)
    started = tmp_path / "started"
    deadline = time.monotonic() + 60
    while not started.exists():
        assert time.monotonic() < deadline, "partition 0 never started"
        time.sleep(0.05)
    time.sleep(0.2)  # let the other partitions' partials land on both workers
    os.kill(int(started.read_text()), signal.SIGKILL)
    (tmp_path / "release").write_text("")
    merged = future.result(timeout=120)
    attempts = (tmp_path / "attempts").read_text().split()
    # Partition 0 ran again, in another process, after its worker was killed.
    assert len(attempts) >= 2 and attempts[0] != attempts[-1], attempts
    _same(merged.to_polars(), cs.aggregate_events(events=df, unit="conflict", period="month"))
    client.wait_for_workers(2, timeout=60)


@pytest.mark.parametrize("tasks", [1, 3, 16])
def test_acd_v25_1_bootstrap_split_over_workers_equals_one_call(client: Any, tasks: int) -> None:
    trend = cs.trend(version="25.1", year=2024, shapes=False)
    single = cs.trend(version="25.1", year=2024, shapes=False, bootstrap=1000, seed=42)
    got = csd.bootstrap_trend(client, trend, replicates=1000, seed=42, tasks=tasks)
    assert got == single.bootstrap
    # The interval the trend statement quotes for ACD v25.1 (+0.93 to +2.87 %/yr).
    growth = got["growth_block"]
    assert (round(100 * growth["low"], 2), round(100 * growth["high"], 2)) == (0.93, 2.87)


def test_acd_v25_1_bootstrap_without_a_client(client: Any) -> None:
    trend = cs.trend(version="25.1", year=2024, shapes=False, horizons=[10])
    single = cs.trend(version="25.1", year=2024, shapes=False, horizons=[10], bootstrap=333, seed=5)
    assert csd.bootstrap_trend(None, trend, replicates=333, seed=5, tasks=4) == single.bootstrap
    with pytest.raises(cs.SpecError, match="replicates= takes an integer"):
        csd.bootstrap_trend(None, trend, replicates=0)


def test_bad_spec_or_frame_fails_on_the_client(ged: pl.DataFrame) -> None:
    ddf = dd.from_pandas(ged.to_pandas(), npartitions=2)
    with pytest.raises(cs.SpecError, match="unknown period `week`"):
        csd.aggregate_events_partial(ddf, period="week")
    with pytest.raises(cs.SpecError, match="has no column `priogrid_gid`"):
        csd.aggregate_events_partial(ddf.drop(columns=["priogrid_gid"]), unit="priogrid")


def test_imports_without_dask_and_names_the_extra() -> None:
    code = (
        "import sys\n"
        "sys.modules['dask'] = None\n"
        "import conflictstats, conflictstats.dask as csd\n"
        "try:\n"
        "    csd.aggregate_events(None)\n"
        "except ImportError as e:\n"
        "    print(e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "pip install 'conflictstats[dask]'" in out.stdout, out.stdout + out.stderr
