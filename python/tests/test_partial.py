"""Partial event tables (`cs.aggregate_events_partial`, `cs.merge_event_partials`): the parts
of any partition of the events merge into the table of all of them, and survive pickling."""

from __future__ import annotations

import pickle
import random

import polars as pl
import pytest

import conflictstats as cs
from conflictstats import _conflictstats as _native


@pytest.fixture(scope="module")
def ged() -> pl.DataFrame:
    return cs.load("ucdp-ged-sample", version="23.1")


def _parts(df: pl.DataFrame, k: int, rng: random.Random) -> list[pl.DataFrame]:
    """A random partition of the rows into k parts (some possibly empty), rows shuffled."""
    owner = [rng.randrange(k) for _ in range(df.height)]
    marked = df.with_columns(
        pl.Series("_part", owner), pl.Series("_r", rng.sample(range(df.height), df.height))
    )
    return [marked.filter(pl.col("_part") == p).sort("_r").drop("_part", "_r") for p in range(k)]


@pytest.mark.parametrize("unit", ["country", "conflict", "priogrid"])
@pytest.mark.parametrize("period", ["month", "year"])
def test_ged_v23_1_sample_any_partition_merges_to_the_whole(
    ged: pl.DataFrame, unit: str, period: str
) -> None:
    rng = random.Random(f"{unit}-{period}")
    spec = {"unit": unit, "period": period, "max_date_prec": 4}
    whole = cs.aggregate_events(events=ged, **spec)
    for k in (1, 2, 5, 13):
        parts = [cs.aggregate_events_partial(events=p, **spec) for p in _parts(ged, k, rng)]
        rng.shuffle(parts)
        merged = cs.merge_event_partials(parts).to_polars()
        assert merged.equals(whole), (unit, period, k)
        assert merged.schema == whole.schema
        assert merged.write_csv() == whole.write_csv()
        meta, want = cs.provenance(merged), cs.provenance(whole)
        for key in ("spec", "excluded", "source", "provenance"):
            assert meta[key] == want[key], key
        assert meta["copied"] == []  # a partial keeps no copied column


def test_ged_v23_1_sample_totals_and_excluded_add_up(ged: pl.DataFrame) -> None:
    a = cs.aggregate_events_partial(
        events=ged[:300], unit="country", period="month", max_date_prec=3
    )
    b = cs.aggregate_events_partial(
        events=ged[300:], unit="country", period="month", max_date_prec=3
    )
    t = a.merge(b).to_polars()
    excluded = a.merge(b).excluded
    assert excluded == tuple(x + y for x, y in zip(a.excluded, b.excluded))
    # Kept plus excluded: the sample's totals (GED 23.1 sample: low 6224, best 9561, high 22017).
    assert (t["low"].sum() + excluded[0], t["best"].sum() + excluded[1]) == (6224, 9561)
    assert t["high"].sum() + excluded[2] == 22017


def test_partial_pickles_and_a_tampered_state_is_refused(ged: pl.DataFrame) -> None:
    p = cs.aggregate_events_partial(events=ged, unit="country", period="month")
    back = pickle.loads(pickle.dumps(p))
    assert back == p and len(back) == len(p) > 0
    assert back.to_polars().equals(p.to_polars())
    spec, excluded, source, prov, cols = p._native.__reduce__()[1][0]
    unit_col = cols[1]
    # The first (smallest) G&W code put last: rows out of order.
    swapped = [*cols[:1], unit_col[-4:] + unit_col[4:-4] + unit_col[:4], *cols[2:]]
    with pytest.raises(cs.SpecError, match=r"not in \(type_of_violence, unit, year, month\) order"):
        _native.EventPartial((spec, excluded, source, prov, swapped))
    with pytest.raises(cs.SpecError, match="not a whole number of 4-byte values"):
        _native.EventPartial((spec, excluded, source, prov, [cols[0], unit_col[:-1], *cols[2:]]))


def test_parts_of_other_specs_or_sources_are_refused(ged: pl.DataFrame) -> None:
    month = cs.aggregate_events_partial(events=ged, period="month")
    year = cs.aggregate_events_partial(events=ged, period="year")
    with pytest.raises(
        cs.SpecError, match="partial table 1 was aggregated by unit country, period year"
    ):
        cs.merge_event_partials([month, year])
    other = cs.aggregate_events_partial(events=ged, period="month", source="GED 23.1 batch")
    with pytest.raises(cs.SpecError, match=r"counts `GED 23\.1 batch`"):
        cs.merge_event_partials([month, other])
    with pytest.raises(cs.SpecError, match="no partial tables"):
        cs.merge_event_partials([])
    with pytest.raises(TypeError, match="EventPartial objects"):
        cs.merge_event_partials([month, month.to_polars()])  # type: ignore[list-item]


def test_ged_v23_1_sample_file_partial_keeps_its_provenance() -> None:
    p = cs.aggregate_events_partial(unit="country", period="year")
    t = p.merge(p).to_polars()
    meta = cs.provenance(t)
    assert meta["provenance"]["version"] == "23.1"
    assert len(meta["provenance"]["sha256"]) == 64
    assert p.source == "ucdp-ged-sample 23.1"
    assert t["best"].sum() == 2 * 9561
