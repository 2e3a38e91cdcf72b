"""From the file to the answer: GED-layout CSV → country-month sums, end to end, read twice.

Each engine reads the same GED-layout CSV (all 49 columns; written by
tests/bad-inputs/make_big_ged.py: the real 1,000-event sample of GED 23.1 repeated with fresh
ids) and answers the same query: group by `country_id` and the calendar month of `date_start`,
sum `low`, `best`, `high`, count events. conflictstats runs its strict loader (every row of the
25 GED columns it reads checked, the other 24 checked as CSV, the SHA-256 of the bytes
computed, duplicate ids rejected); the others parse what the query needs. A last row, the
floor, reads and hashes the file on one core and parses nothing.

Every engine reads the file twice, each time in a fresh process: the *first read* with an
empty cache directory (`CONFLICTSTATS_CACHE`, a new temporary folder: conflictstats hashes and
parses the file, then records its verified hash and writes its columns), the *second read*
with that same folder (conflictstats finds the file unchanged and reads its cached columns:
no hash, no parse). polars, duckdb and pandas keep nothing between processes: both of their
reads parse the file. The operating system's page cache holds the CSV for every run alike.

The time is measured inside the process from before the read to the finished result (the
CLI: the whole process, start-up and printing included). Times are the median and minimum of
`--repeat` runs; the cells of every engine and read are compared through a digest. Writes a
section between the markers `<!-- files:start -->` and `<!-- files:end -->` of `--out`
(benches/RESULTS.md).

    python benches/compare_files.py --sizes 1000000 --repeat 5 \
        --cli target/release/conflictstats

`--smoke` is the test suite's mode (python/tests/test_bench_smoke.py): a 2,000-event file,
one repeat, the engines that are installed (a missing peer is named and skipped), every
digest checked, and the second read of each conflictstats engine checked to come from its
cached columns; nothing is written to RESULTS.md. Exit status 1 if a check fails.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENGINES = ["conflictstats-cli", "conflictstats-python", "polars", "duckdb", "pandas", "floor"]
# The engines whose second read can come from conflictstats' ingest caches.
CACHED = {"conflictstats-cli", "conflictstats-python"}
# The Python module each engine needs (a missing one is skipped, and said so).
MODULES = {
    "conflictstats-python": "conflictstats",
    "polars": "polars",
    "duckdb": "duckdb",
    "pandas": "pandas",
}
READS = ["first", "second"]
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


def run_cli(cli: str, path: str, env: dict) -> dict:
    """The CLI as a user runs it: one process, CSV on stdout (to a file)."""
    out = Path(path).with_suffix(".cli.csv")
    cmd = [cli, "panel", "events", "--ged-file", path, "--period", "month"]
    cmd += ["--attribution", "start-month"]
    with out.open("w") as f:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=f, stderr=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(p.pid, 0)
        secs = time.perf_counter() - t0
    if status != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({status})")
    # CSV with quoted fields (a G&W name such as "Congo, Democratic Republic of (Zaire)"),
    # after `#` provenance comment lines.
    text = "".join(line for line in out.open() if not line.startswith("#"))
    rows = []
    for f in csv.DictReader(io.StringIO(text)):
        f.setdefault("country_id", f.get("gwcode", ""))  # the CLI names the G&W code `gwcode`
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


def one(engine: str, path: str, cli: str, env: dict) -> dict:
    """One read by one engine in a fresh process, with the environment `env`."""
    if engine == "conflictstats-cli":
        return run_cli(cli, path, env)
    out = subprocess.run(
        [sys.executable, __file__, "--worker", engine, "--file", path],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def cached_columns(cache: str) -> list[Path]:
    """The column files conflictstats wrote into the cache directory `cache`."""
    folder = Path(cache) / "ingest" / "columns"
    return sorted(folder.glob("*.cols")) if folder.exists() else []


def available(engines: list[str], cli: str) -> tuple[list[str], list[str]]:
    """The engines that can run here, and a sentence for each one that cannot."""
    ok, skipped = [], []
    for engine in engines:
        if engine == "conflictstats-cli" and not Path(cli).exists():
            skipped.append(f"{engine}: no CLI binary at {cli}")
            continue
        module = MODULES.get(engine)
        if module and not _importable(module):
            skipped.append(f"{engine}: Python module {module} not installed")
            continue
        ok.append(engine)
    return ok, skipped


def _importable(module: str) -> bool:
    out = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True)
    return out.returncode == 0


def measure(size: int, path: Path, engines: list[str], cli: str, repeat: int) -> dict:
    """Every engine's first and second reads of `path`, `repeat` times: per engine and read,
    the times, peaks, cells and digest; and whether each conflictstats second read found its
    cached columns."""
    rows: dict = {}
    base = {k: v for k, v in os.environ.items() if k != "CONFLICTSTATS_INGEST_CACHE_MAX_BYTES"}
    for rep in range(repeat):
        for engine in engines:
            cache = tempfile.mkdtemp(prefix="cs-bench-cache-")
            env = {**base, "CONFLICTSTATS_CACHE": cache}
            try:
                for read in READS if engine != "floor" else READS[:1]:
                    r = one(engine, str(path), cli, env)
                    e = rows.setdefault(engine, {}).setdefault(
                        read,
                        {"secs": [], "peak": [], "cells": r["cells"], "digest": r["digest"]},
                    )
                    e["secs"].append(r["secs"])
                    e["peak"].append(r["peak_mib"])
                    e.setdefault("digests", set()).add(r["digest"])
                    if engine in CACHED and read == "first":
                        e.setdefault("cached", []).append(len(cached_columns(cache)) == 1)
                    print(
                        f"{size:>10,} {engine:<22} {read:<6} run {rep + 1}: {r['secs']:.3f} s, "
                        f"{r['peak_mib']:,.0f} MiB, {r['cells']} cells {r['digest']}",
                        flush=True,
                    )
            finally:
                shutil.rmtree(cache, ignore_errors=True)
    return rows


def ensure_file(path: Path, size: int) -> None:
    """Writes the GED-layout file of `size` events if it is not there, and waits until it is
    2 s old: a file modified less than 2 s before it is hashed gets no verified-hash record
    (the racy rule), and the second read would parse it again."""
    if not path.exists():
        script = ROOT / "tests" / "bad-inputs" / "make_big_ged.py"
        subprocess.run([sys.executable, str(script), str(path), str(size)], check=True)
    wait = path.stat().st_mtime + 2.1 - time.time()
    if wait > 0:
        time.sleep(wait)


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


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "–"


def report(a, results, load_before, load_after, started, skipped) -> str:
    lines = [
        START,
        "## From the file: GED-layout CSV → country-month (end to end), first and second read",
        "",
        f"Written by `benches/compare_files.py --sizes {a.sizes} --repeat {a.repeat} --cli "
        f"{a.cli_shown}` on {started} UTC; {os.cpu_count()} cores; {_versions()}; Python "
        f"{platform.python_version()}.",
        "",
        f"Load average (1/5/15 min) before: {load_before}; after: {load_after}. The machine is "
        "shared: other work slows every engine, not always alike; read the medians of one run "
        "together.",
        "",
        "The query: group by `country_id` and the month of `date_start`, sum `low`, `best`, "
        "`high`, count events, from the CSV file (49 columns, the GED download layout). "
        "Each engine reads the file twice, each time in a fresh process. **First read**: an "
        "empty cache directory; conflictstats checks every row (25 columns parsed and "
        "range-checked, the other 24 read as CSV, duplicate ids rejected), hashes the file "
        "(SHA-256, on a thread of its own beside the parser) and then writes its verified-hash "
        "record and its columns. **Second read**: the same cache directory; conflictstats finds "
        "the file's identity unchanged and reads its cached columns (no hash, no parse). "
        "polars, duckdb and pandas cache nothing between processes: both reads parse the "
        "columns the query needs. Time from before the read to the result (the CLI: the whole "
        "process, printing included); peak = the process's peak RSS (imports included). "
        f"The {FLOOR} row reads and hashes the file and parses nothing.",
        "",
    ]
    if skipped:
        lines += ["Skipped: " + "; ".join(skipped) + ".", ""]
    for size, mb, rows in results:
        polars = rows.get("polars", {})
        p1 = _median(polars["first"]["secs"]) if "first" in polars else 0.0
        p2 = _median(polars["second"]["secs"]) if "second" in polars else 0.0
        lines += [
            f"### {size:,} events ({mb:,.0f} MB)",
            "",
            "| engine | first read: median s | min s | × polars | second read: median s "
            "| min s | × polars | polars ÷ second | peak MiB (1st / 2nd) | cells | digest |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
        ]
        digests = set()
        for engine, reads in rows.items():
            f = reads["first"]
            s = reads.get("second")
            med1 = _median(f["secs"])
            first = f"{med1:.3f} | {min(f['secs']):.3f} | {_ratio(med1, p1)}"
            if s:
                med2 = _median(s["secs"])
                second = (
                    f"{med2:.3f} | {min(s['secs']):.3f} | {_ratio(med2, p2)} | {_ratio(p2, med2)}"
                )
                peak = f"{max(f['peak']):,.0f} / {max(s['peak']):,.0f}"
            else:
                second, peak = "– | – | – | –", f"{max(f['peak']):,.0f}"
            if engine == "floor":
                engine, cells, digest = FLOOR, "–", f"file {f['digest']}"
            else:
                for r in reads.values():
                    digests |= r["digests"]
                cells, digest = f"{f['cells']:,}", f["digest"]
            lines.append(f"| {engine} | {first} | {second} | {peak} | {cells} | {digest} |")
        same = "yes" if len(digests) == 1 else f"NO ({len(digests)} different digests)"
        lines += ["", f"Same cells from every engine and read: {same}.", ""]
        cli = rows.get("conflictstats-cli")
        if cli and p1 and p2:
            c1, c2 = _median(cli["first"]["secs"]), _median(cli["second"]["secs"])
            lines += [
                f"conflictstats-cli against polars: first read {c1 / p1:.2f}× polars' time "
                f"(target ≤ 1.00: {'met' if c1 <= p1 else 'NOT met'}); second read: polars' "
                f"time ÷ its time = {p2 / c2:.1f} (target ≥ 3: "
                f"{'met' if p2 >= 3 * c2 else 'NOT met'}).",
                "",
            ]
    lines.append(END)
    return "\n".join(lines) + "\n"


def smoke_checks(results) -> list[str]:
    """What `--smoke` requires: one digest per size, and every conflictstats second read
    from its cached columns."""
    problems = []
    for size, _, rows in results:
        digests = set()
        for engine, reads in rows.items():
            if engine == "floor":
                continue
            for read, r in reads.items():
                digests |= r["digests"]
                if read == "first" and engine in CACHED and not all(r.get("cached", [])):
                    problems.append(f"{size}: {engine} wrote no cached columns")
        if len(digests) != 1:
            problems.append(f"{size}: {len(digests)} different results ({sorted(digests)})")
    return problems


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000000")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--files-dir", default=str(ROOT / "target" / "bench-files"))
    ap.add_argument(
        "--cli",
        default=os.environ.get("CONFLICTSTATS_CLI")
        or str(ROOT / "target" / "release" / "conflictstats"),
    )
    ap.add_argument("--engines", default=",".join(ENGINES))
    ap.add_argument("--out", default=str(ROOT / "benches" / "RESULTS.md"))
    ap.add_argument(
        "--smoke",
        action="store_true",
        help="the test suite's mode: a 2,000-event file, one repeat, installed engines only, "
        "results checked, RESULTS.md untouched",
    )
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--file", help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.worker:
        print(json.dumps(worker(a.worker, a.file)))
        return
    if a.smoke:
        a.sizes, a.repeat = "2000", 1
    a.cli_shown = os.path.relpath(a.cli, ROOT) if Path(a.cli).is_absolute() else a.cli
    started = time.strftime("%Y-%m-%d %H:%M", time.gmtime())
    load_before = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    engines, skipped = available(a.engines.split(","), a.cli)
    for s in skipped:
        print(f"skipped: {s}", flush=True)
    tmp = tempfile.mkdtemp(prefix="cs-bench-files-") if a.smoke else None
    files = Path(tmp or a.files_dir)
    files.mkdir(parents=True, exist_ok=True)
    results = []
    try:
        for size in [int(s) for s in a.sizes.split(",")]:
            path = files / f"ged_{size}.csv"
            ensure_file(path, size)
            rows = measure(size, path, engines, a.cli, a.repeat)
            results.append((size, path.stat().st_size / 1e6, rows))
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    load_after = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    section = report(a, results, load_before, load_after, started, skipped)
    print(section)
    if a.smoke:
        problems = smoke_checks(results)
        for p in problems:
            print(f"smoke check failed: {p}", file=sys.stderr)
        sys.exit(1 if problems else 0)
    out = Path(a.out)
    text = out.read_text() if out.exists() else ""
    if START in text and END in text:
        text = text[: text.index(START)] + section + text[text.index(END) + len(END) + 1 :]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    out.write_text(text)


if __name__ == "__main__":
    main()
