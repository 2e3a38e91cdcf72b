"""The ingest caches from Python: `rehash=True` on a GED file, the same table cold, warm,
with the caches off and rehashed (the embedded GED 23.1 sample, written to a file)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

import conflictstats as cs

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "ucdp-ged-sample" / "ged231_sample_1000.csv"


@pytest.fixture
def ged(tmp_path: Path) -> Path:
    """The GED 23.1 sample in a file last modified a minute ago (not racy: recorded)."""
    path = tmp_path / "ged.csv"
    path.write_bytes(SAMPLE.read_bytes())
    old = time.time() - 60
    os.utime(path, (old, old))
    return path


def _columns(cache: Path) -> list[Path]:
    folder = cache / "ingest" / "columns"
    return sorted(folder.iterdir()) if folder.exists() else []


def test_the_same_table_cold_warm_off_and_rehashed(
    ged: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = Path(os.environ["CONFLICTSTATS_CACHE"])
    cold = cs.aggregate_events(path=ged, period="month")
    files = _columns(cache)
    assert len(files) == 1, "the columns of the GED 23.1 sample file are cached"
    old = time.time() - 60
    os.utime(files[0], (old, old))
    warm = cs.aggregate_events(path=ged, period="month")
    assert files[0].stat().st_mtime > old + 30, "the warm call read the cached columns"
    rehashed = cs.aggregate_events(path=ged, period="month", rehash=True)
    monkeypatch.setenv("CONFLICTSTATS_INGEST_CACHE_MAX_BYTES", "0")
    off = cs.aggregate_events(path=ged, period="month")
    for other in (warm, rehashed, off):
        assert other.equals(cold)
        assert cs.provenance(other) == cs.provenance(cold)
    assert cold["best"].sum() == 9561  # GED 23.1 sample


def test_rehash_applies_only_to_a_ged_file(ged: Path) -> None:
    part = cs.aggregate_events_partial(path=str(ged), rehash=True)
    assert part.to_polars()["best"].sum() == 9561  # GED 23.1 sample
    with pytest.raises(cs.SpecError, match="rehash does not apply"):
        cs.aggregate_events(rehash=True)  # the embedded sample: no file
    with pytest.raises(cs.SpecError, match="rehash does not apply"):
        cs.aggregate_events(events=cs.aggregate_events(), rehash=True)


def test_a_bad_cache_cap_is_a_clear_error(ged: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONFLICTSTATS_INGEST_CACHE_MAX_BYTES", "lots")
    with pytest.raises(cs.ConflictStatsError, match="CONFLICTSTATS_INGEST_CACHE_MAX_BYTES"):
        cs.aggregate_events(path=ged)
