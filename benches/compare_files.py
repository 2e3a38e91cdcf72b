"""From the file to the answer: GED-layout CSV → country-month sums, end to end.

Each engine reads the same GED-layout CSV (all 49 columns; written by
tests/bad-inputs/make_big_ged.py: the real 1,000-event sample of GED 23.1 repeated with fresh
ids) and answers the same query: group by `country_id` and the calendar month of `date_start`,
sum `low`, `best`, `high`, count events. conflictstats runs its strict loader (every row of the
25 GED columns it reads checked, the other 24 checked as CSV, the SHA-256 of the bytes
computed, duplicate ids rejected); the others parse what the query needs. A last row, the
floor, reads and hashes the file on one core and parses nothing (no loader that hashes the
whole file can finish before it).

Every run is a fresh process (so peak RSS is the run's own); the time is measured inside the
process from before the read to the finished result (the CLI: the whole process, start-up and
printing included). Times are the median and minimum of `--repeat` runs; the cells of every
engine are compared through a digest. Writes a section between the markers
`<!-- files:start -->` and `<!-- files:end -->` of `--out` (benches/RESULTS.md).

Run through benches/compare.sh (which builds the release CLI and wheel), or directly:

    python benches/compare_files.py --sizes 385918,1000000 --repeat 3 \
        --cli target/release/conflictstats
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENGINES = ["conflictstats-cli", "conflictstats-python", "polars", "duckdb", "pandas", "floor"]
# The floor of a loader that hashes what it reads: the file read in 8 MiB blocks and hashed
# (SHA-256, OpenSSL's through hashlib, SHA-NI where the CPU has it) on one core, nothing
# parsed. SHA-256 is sequential, so no reader that hashes the whole file finishes before it.
FLOOR = "floor (read + SHA-256, one core)"
START, END = "<!-- files:start -->", "<!-- files:end -->"


def _digest(rows) -> str:
    """SHA-256 (16 hex digits) of the cells (country, year, month, low, best, high, events)."""
    h = hashlib.sha256()
    for r in sorted(tuple(int(x) for x in r) for r in rows):
        h.update((",".join(map(str, r)) + "\n").encode())
    return h.hexdigest()[:16]


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def worker(engine: str, path: str) -> dict:
    """One run of one engine in this process: seconds, peak RSS, cells, digest."""
    if engine == "floor":
        t0 = time.perf_counter()
        h = hashlib.sha256()
        with open(path, "rb", buffering=0) as f:
            buf = bytearray(8 << 20)
            view = memoryview(buf)
            while n := f.readinto(buf):
                h.update(view[:n])
        secs = time.perf_counter() - t0
        return {"secs": secs, "peak_mib": _peak_mib(), "cells": 0, "digest": h.hexdigest()[:16]}
    if engine == "conflictstats-python":
        import conflictstats as cs

        t0 = time.perf_counter()
        t = cs.aggregate_events(
            unit="country", period="month", attribution="start_month", path=path
        )
        secs = time.perf_counter() - t0
        gw = "gwcode" if "gwcode" in t.columns else "country_id"  # the G&W code's name
        cols = [t[c].to_list() for c in [gw, "year", "month"]]
        cols += [t[c].to_list() for c in ["low", "best", "high", "events"]]
    elif engine == "polars":
        import polars as pl

        t0 = time.perf_counter()
        m = pl.col("date_start").str.to_date("%Y-%m-%d")
        t = (
            pl.scan_csv(path)
            .group_by("country_id", m.dt.year().alias("year"), m.dt.month().alias("month"))
            .agg(pl.col("low").sum(), pl.col("best").sum(), pl.col("high").sum(), pl.len())
            .collect()
        )
        secs = time.perf_counter() - t0
        names = ["country_id", "year", "month", "low", "best", "high", "len"]
        cols = [t[c].to_list() for c in names]
    elif engine == "duckdb":
        import duckdb

        t0 = time.perf_counter()
        rows = duckdb.sql(
            f"""SELECT country_id, year(date_start), month(date_start), sum(low), sum(best),
                       sum(high), count(*)
                FROM read_csv('{path}') GROUP BY ALL"""
        ).fetchall()
        secs = time.perf_counter() - t0
        cols = [list(c) for c in zip(*rows)] if rows else [[]] * 7
    elif engine == "pandas":
        import pandas as pd

        t0 = time.perf_counter()
        df = pd.read_csv(path, usecols=["country_id", "date_start", "low", "best", "high"])
        d = df["date_start"].str.slice(0, 7)
        g = df.groupby([df["country_id"], d]).agg(
            low=("low", "sum"), best=("best", "sum"), high=("high", "sum"), n=("low", "size")
        )
        secs = time.perf_counter() - t0
        g = g.reset_index()
        ym = g["date_start"]
        cols = [
            g["country_id"].to_list(),
            [int(s[:4]) for s in ym],
            [int(s[5:7]) for s in ym],
            g["low"].to_list(),
            g["best"].to_list(),
            g["high"].to_list(),
            g["n"].to_list(),
        ]
    else:
        raise SystemExit(f"unknown engine {engine}")
    rows = list(zip(*cols))
    return {"secs": secs, "peak_mib": _peak_mib(), "cells": len(rows), "digest": _digest(rows)}


def run_cli(cli: str, path: str) -> dict:
    """The CLI as a user runs it: one process, CSV on stdout (to a file)."""
    out = Path(path).with_suffix(".cli.csv")
    cmd = [cli, "panel", "events", "--ged-file", path, "--period", "month"]
    cmd += ["--attribution", "start-month"]
    with out.open("w") as f:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=f, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(p.pid, 0)
        secs = time.perf_counter() - t0
    if status != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({status})")
    rows = []
    header = None
    for line in out.read_text().splitlines():
        if not line or line.startswith("#"):
            continue
        if header is None:
            header = line.split(",")
            continue
        f = dict(zip(header, line.split(",")))
        f.setdefault("country_id", f.get("gwcode"))  # the CLI names the G&W code `gwcode`
        rows.append(
            [f[c] for c in ["country_id", "year", "month", "low", "best", "high", "events"]]
        )
    out.unlink()
    return {
        "secs": secs,
        "peak_mib": usage.ru_maxrss / 1024,
        "cells": len(rows),
        "digest": _digest(rows),
    }


def one(engine: str, path: str, cli: str) -> dict:
    if engine == "conflictstats-cli":
        return run_cli(cli, path)
    out = subprocess.run(
        [sys.executable, __file__, "--worker", engine, "--file", path],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _median(v):
    s = sorted(v)
    return s[len(s) // 2] if len(s) % 2 else (s[len(s) // 2 - 1] + s[len(s) // 2]) / 2


def _versions() -> str:
    out = []
    for mod in ["conflictstats", "polars", "duckdb", "pandas"]:
        try:
            out.append(f"{mod} {__import__(mod).__version__}")
        except ImportError:  # a missing peer is reported, not fatal
            out.append(f"{mod} (not installed)")
    return ", ".join(out)


def report(a, results, load_before, load_after, started) -> str:
    lines = [
        START,
        "## From the file: GED-layout CSV → country-month (end to end)",
        "",
        f"Written by `benches/compare_files.py --sizes {a.sizes} "
        f"--repeats {a.repeats or a.repeat}` on "
        f"{started} UTC; {os.cpu_count()} cores; {_versions()}; Python "
        f"{platform.python_version()}.",
        "",
        f"Load average (1/5/15 min) before: {load_before}; after: {load_after}. Other work on "
        "the machine slows every engine, not always alike: read the medians of one run "
        "together.",
        "",
        "The query: group by `country_id` and the month of `date_start`, sum `low`, `best`, "
        "`high`, count events, from the CSV file (49 columns, the GED download layout). "
        "conflictstats checks every row (25 columns parsed and range-checked, the other 24 "
        "read as CSV, duplicate ids rejected) and hashes the file (SHA-256) in the same read; "
        "polars, duckdb and pandas parse the columns the query needs. Each run is a fresh "
        "process; time from before the read to the result (the CLI: the whole process, "
        "printing included); peak = the process's peak RSS (imports included). "
        f"The {FLOOR} row reads and hashes the file and parses nothing: no loader that "
        "hashes the whole file can finish before it on one core.",
        "",
    ]
    for size, mb, rows in results:
        lines += [
            f"### {size:,} events ({mb:,.0f} MB)",
            "",
            "| engine | median s | min s | × conflictstats-cli | peak MiB | cells | digest |",
            "|---|---:|---:|---:|---:|---:|---|",
        ]
        base = _median(rows["conflictstats-cli"]["secs"]) if "conflictstats-cli" in rows else None
        digests = set()
        for engine, r in rows.items():
            med = _median(r["secs"])
            ratio = f"{med / base:.2f}" if base else "–"
            if engine == "floor":
                engine, cells, digest = FLOOR, "–", f"file {r['digest']}"
            else:
                digests.add(r["digest"])
                cells, digest = f"{r['cells']:,}", r["digest"]
            lines.append(
                f"| {engine} | {med:.3f} | {min(r['secs']):.3f} | {ratio} | "
                f"{max(r['peak']):,.0f} | {cells} | {digest} |"
            )
        same = "yes" if len(digests) == 1 else f"NO ({len(digests)} different digests)"
        lines += ["", f"Same cells from every engine: {same}.", ""]
    lines.append(END)
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="385918,1000000")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument(
        "--repeats", help="runs per size, comma-separated (e.g. 3,3,1; default: --repeat each)"
    )
    ap.add_argument("--files-dir", default=str(ROOT / "target" / "bench-files"))
    ap.add_argument("--cli", default=str(ROOT / "target" / "release" / "conflictstats"))
    ap.add_argument("--engines", default=",".join(ENGINES))
    ap.add_argument("--out", default=str(ROOT / "benches" / "RESULTS.md"))
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--file", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.worker:
        print(json.dumps(worker(a.worker, a.file)))
        return
    started = time.strftime("%Y-%m-%d %H:%M", time.gmtime())
    load_before = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    files = Path(a.files_dir)
    files.mkdir(parents=True, exist_ok=True)
    results = []
    sizes = [int(s) for s in a.sizes.split(",")]
    repeats = [int(r) for r in a.repeats.split(",")] if a.repeats else [a.repeat] * len(sizes)
    for size, repeat in zip(sizes, repeats):
        path = files / f"ged_{size}.csv"
        if not path.exists():
            subprocess.run(
                [
                    sys.executable,
                    str(ROOT / "tests/bad-inputs/make_big_ged.py"),
                    str(path),
                    str(size),
                ],
                check=True,
            )
        rows = {}
        for rep in range(repeat):
            for engine in a.engines.split(","):
                r = one(engine, str(path), a.cli)
                e = rows.setdefault(
                    engine, {"secs": [], "peak": [], "cells": r["cells"], "digest": r["digest"]}
                )
                e["secs"].append(r["secs"])
                e["peak"].append(r["peak_mib"])
                print(
                    f"{size:>10,} {engine:<22} run {rep + 1}: {r['secs']:.3f} s, "
                    f"{r['peak_mib']:,.0f} MiB, {r['cells']} cells {r['digest']}",
                    flush=True,
                )
        results.append((size, path.stat().st_size / 1e6, rows))
    load_after = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    section = report(a, results, load_before, load_after, started)
    out = Path(a.out)
    text = out.read_text() if out.exists() else ""
    if START in text and END in text:
        text = text[: text.index(START)] + section + text[text.index(END) + len(END) + 1 :]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    out.write_text(text)
    print(section)


if __name__ == "__main__":
    main()
