#!/usr/bin/env python3
"""Head-to-head: country-month sums of GED-layout events with conflictstats (Rust and via
Python), polars, pandas and duckdb, on the same synthetic data in the same run.

The query: group the events by ``country_id`` and the calendar month of ``date_start``;
per group, sum ``low``, ``best``, ``high`` and count the events (86,400 groups at 10 M
events: 200 countries x 432 months). conflictstats also runs its default rule
(``split_even``: ranges spanning several months split over the months), which the peers
have no one-line equivalent for. The floor is one pass summing the five columns the query
reads (numpy), timed in the same run; a second, the bandwidth floor, sums all seven columns
conflictstats reads (it also checks ``date_end`` and ``date_prec``) on every thread.

Every engine runs in its own subprocess (so peak memory does not mix); each process loads
the data, resets its peak-RSS counter (/proc/self/clear_refs), runs the query once to warm
up and then ``--repeat`` times, and reports every run, the resident memory after loading and
the peak during the queries, and a SHA-256 of its result (sorted cells): every engine must
produce the same cells.

Run everything (fresh machine: venv, peers from PyPI, release builds) with
``benches/compare.sh``; this script alone expects them installed (an engine whose module is
not installed is skipped, and named as skipped in the output). See benches/README.md.

``--smoke`` runs the harness on tiny data (3,000 events, one repeat, a temporary data
directory, nothing written unless ``--out`` is given) and fails when an engine fails or the
engines' cells differ: ``python/tests/test_bench_harness.py`` runs it in the test suite so
that the harness cannot break unnoticed. The output file's in-memory section lies between
``<!-- memory:start -->`` and ``<!-- memory:end -->``; the rest of the file is kept.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import hashlib
import importlib.util
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY_ENGINES = ["floor-numpy", "conflictstats-python", "conflictstats-python-split", "polars",
              "pandas", "duckdb"]
#: The modules each Python engine imports (an engine whose module is missing is skipped).
ENGINE_MODULES = {
    "floor-numpy": ["numpy"],
    "conflictstats-python": ["numpy", "polars", "conflictstats"],
    "conflictstats-python-split": ["numpy", "polars", "conflictstats"],
    "polars": ["numpy", "polars"],
    "pandas": ["numpy", "pandas"],
    "duckdb": ["numpy", "duckdb", "pyarrow"],
}
#: The markers around this script's section of ``--out`` (compare_files.py has its own).
START, END = "<!-- memory:start -->", "<!-- memory:end -->"
SMOKE_EVENTS = "3000"


# ---------------------------------------------------------------- worker side (one engine)

def _status_kib(field: str) -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field):
                return int(line.split()[1])
    return -1


def _reset_peak() -> None:
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


def _load(data: Path):  # -> dict of numpy arrays, the dtypes every engine gets
    import numpy as np

    cols = {}
    for name in ["country_id", "date_start", "date_end", "date_prec", "low", "best", "high"]:
        cols[name] = np.load(data / f"{name}.npy").astype(np.int32)
    return cols


def _digest(country, month, low, best, high, events) -> str:
    """SHA-256 of the cells sorted by (country, months since 1970-01)."""
    import numpy as np

    arrs = [np.asarray(a, dtype=np.int64) for a in (country, month, low, best, high, events)]
    order = np.lexsort((arrs[1], arrs[0]))
    h = hashlib.sha256()
    for a in arrs:
        h.update(np.ascontiguousarray(a[order]).tobytes())
    return h.hexdigest()[:16]


def _months(values) -> object:
    import numpy as np

    return np.asarray(values).astype("datetime64[M]").astype(np.int64)


def worker(engine: str, data: Path, repeat: int) -> dict:
    import numpy as np

    cols = _load(data)
    info: dict = {"engine": engine}
    if engine == "floor-numpy":
        five = [cols[c] for c in ["country_id", "date_start", "low", "best", "high"]]

        def query():
            return [int(a.sum()) for a in five]

        def check(r):
            return {"sum_low": r[2], "sum_best": r[3], "sum_high": r[4]}

        info["threads"] = 1
    elif engine.startswith("conflictstats-python"):
        import polars as pl

        import conflictstats as cs

        df = _polars_frame(pl, cols)
        rule = "split_even" if engine.endswith("split") else "start_month"

        def query():
            return cs.aggregate_events(events=df, unit="country", period="month",
                                       attribution=rule)

        def check(r):
            m = (r["year"].to_numpy().astype(np.int64) - 1970) * 12 + r["month"].to_numpy() - 1
            # The output names the G&W code `gwcode` (the input column is GED's `country_id`).
            return _cells(r["gwcode"].to_numpy(), m, r["low"], r["best"], r["high"],
                          r["events"])

        info["threads"] = os.cpu_count()
        info["version"] = f"conflictstats {cs.__version__} ({cs._conflictstats.build_profile})"
        if rule == "split_even":
            info["engine"] = "conflictstats-python (split_even)"
    elif engine == "polars":
        import polars as pl

        df = _polars_frame(pl, cols)

        def query():
            # The fastest form measured here (lazy; month_start rather than truncate("1mo")).
            return (
                df.lazy()
                .group_by("country_id", pl.col("date_start").dt.month_start().alias("month"))
                .agg(pl.col("low").sum(), pl.col("best").sum(), pl.col("high").sum(),
                     pl.len().alias("events"))
                .collect()
            )

        def check(r):
            return _cells(r["country_id"].to_numpy(), _months(r["month"].to_numpy()),
                          r["low"], r["best"], r["high"], r["events"])

        info["threads"] = pl.thread_pool_size()
        info["version"] = f"polars {pl.__version__}"
    elif engine == "pandas":
        import pandas as pd

        df = pd.DataFrame({
            "country_id": cols["country_id"],
            "date_start": cols["date_start"].astype("datetime64[D]").astype("datetime64[s]"),
            "low": cols["low"], "best": cols["best"], "high": cols["high"],
        })

        def query():
            # The fastest form measured here (to_period rather than numpy datetime64[M]).
            month = df["date_start"].dt.to_period("M")
            return df.groupby([df["country_id"], month], sort=False).agg(
                low=("low", "sum"), best=("best", "sum"), high=("high", "sum"),
                events=("low", "size"))

        def check(r):
            idx = r.index
            return _cells(idx.get_level_values(0).to_numpy(),
                          _months(idx.get_level_values(1).to_timestamp().to_numpy()),
                          r["low"].to_numpy(), r["best"].to_numpy(), r["high"].to_numpy(),
                          r["events"].to_numpy())

        info["threads"] = 1
        info["version"] = f"pandas {pd.__version__}"
    elif engine == "duckdb":
        import duckdb
        import pyarrow as pa

        con = duckdb.connect()
        table = pa.table({
            "country_id": cols["country_id"],
            "date_start": pa.array(cols["date_start"], type=pa.int32()).cast(pa.date32()),
            "low": cols["low"], "best": cols["best"], "high": cols["high"],
        })
        con.register("ev_arrow", table)
        con.execute("CREATE TABLE ev AS SELECT * FROM ev_arrow")
        con.unregister("ev_arrow")
        del table
        sql = ("SELECT country_id, date_trunc('month', date_start) AS month, sum(low) AS low, "
               "sum(best) AS best, sum(high) AS high, count(*) AS events FROM ev GROUP BY ALL")

        def query():
            return con.execute(sql).fetchnumpy()

        def check(r):
            return _cells(r["country_id"], _months(r["month"]), r["low"], r["best"],
                          r["high"], r["events"])

        info["threads"] = int(con.execute("SELECT current_setting('threads')").fetchone()[0])
        info["version"] = f"duckdb {duckdb.__version__}"
    else:
        raise SystemExit(f"unknown engine {engine}")

    info["events"] = len(cols["low"])
    if engine != "floor-numpy":
        del cols  # the engines hold their own copies
    info["loaded_rss_kib"] = _status_kib("VmRSS:")
    _reset_peak()
    result = query()  # warm-up
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = query()
        runs.append((time.perf_counter() - t0) * 1e3)
    info["peak_rss_kib"] = _status_kib("VmHWM:")
    info["runs_ms"] = runs
    info.update(check(result))
    return info


def _polars_frame(pl, cols):
    return pl.DataFrame({
        "country_id": cols["country_id"],
        "date_start": pl.Series(cols["date_start"]).cast(pl.Date),
        "date_end": pl.Series(cols["date_end"]).cast(pl.Date),
        "date_prec": cols["date_prec"],
        "low": cols["low"], "best": cols["best"], "high": cols["high"],
    })


def _cells(country, month, low, best, high, events) -> dict:
    import numpy as np

    low, best, high, events = (np.asarray(x, dtype=np.int64) for x in (low, best, high, events))
    return {"groups": len(low), "sum_low": int(low.sum()), "sum_best": int(best.sum()),
            "sum_high": int(high.sum()), "sum_events": int(events.sum()),
            "digest": _digest(country, month, low, best, high, events)}


# ---------------------------------------------------------------- driver side

def _median(v: list[float]) -> float:
    s = sorted(v)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def _machine() -> dict:
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((ln.split(":", 1)[1].strip() for ln in f
                        if ln.startswith("model name")), cpu)
    except OSError:
        pass
    mem = -1
    try:
        with open("/proc/meminfo") as f:
            mem = next((int(ln.split()[1]) // 1024 for ln in f if ln.startswith("MemTotal:")),
                       mem)
    except OSError:
        pass
    try:
        rustc = subprocess.run(["rustc", "--version"], capture_output=True,
                               text=True).stdout.strip()
    except OSError:
        rustc = "rustc not found"
    return {"nproc": os.cpu_count(), "cpu": cpu, "mem_mib": mem,
            "os": f"{platform.system()} {platform.release()}",
            "python": platform.python_version(), "rustc": rustc}


def _run(cmd: list[str]) -> dict:
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{p.stderr}")
    return json.loads(p.stdout.strip().splitlines()[-1])


def _name(r: dict) -> str:
    return r["engine"] + (f" [{r['dtypes']}]" if "dtypes" in r else "")


def _ratio(a, b) -> str:
    return "–" if a is None or not b else f"{a / b:.2f}"


def _div(a, b):
    return None if a is None else a / b


def _fmt_mib(kib) -> str:
    return "–" if kib is None or kib < 0 else f"{kib / 1024:,.0f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default=None,
                    help="event counts, comma-separated (default 100000,1000000,10000000; "
                    f"{SMOKE_EVENTS} with --smoke)")
    ap.add_argument("--repeat", type=int, default=None,
                    help="timed runs per engine after one warm-up (default 7; 1 with --smoke)")
    ap.add_argument("--seed", type=int, default=2024)
    ap.add_argument("--data-dir", default=None,
                    help="generated data (default target/bench-data; a temporary directory "
                    "with --smoke)")
    ap.add_argument("--cs-bench", default=str(ROOT / "target" / "release" / "cs-bench"))
    ap.add_argument("--out", default=None,
                    help="the Markdown file whose in-memory section is (re)written (default "
                    "benches/RESULTS.md; none with --smoke)")
    ap.add_argument("--smoke", action="store_true",
                    help="tiny data, one repeat, nothing written unless --out: checks that "
                    "the harness runs and that every engine gives the same cells")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    ap.add_argument("--data", help=argparse.SUPPRESS)
    a = ap.parse_args()
    a.sizes = a.sizes or (SMOKE_EVENTS if a.smoke else "100000,1000000,10000000")
    a.repeat = a.repeat or (1 if a.smoke else 7)
    if a.out is None and not a.smoke:
        a.out = str(ROOT / "benches" / "RESULTS.md")
    if a.worker:
        print(json.dumps(worker(a.worker, Path(a.data), a.repeat)))
        return
    if a.data_dir is None and a.smoke:
        with tempfile.TemporaryDirectory(prefix="cs-compare-smoke-") as tmp:
            a.data_dir = tmp
            _drive(a)
    else:
        a.data_dir = a.data_dir or str(ROOT / "target" / "bench-data")
        _drive(a)


def _missing_modules(engine: str) -> list[str]:
    return [m for m in ENGINE_MODULES[engine] if importlib.util.find_spec(m) is None]


def _drive(a) -> None:
    machine = _machine()
    load_before = os.getloadavg()
    started = _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    sizes = [int(s) for s in a.sizes.split(",")]
    skipped = {e: _missing_modules(e) for e in PY_ENGINES}
    skipped = {e: m for e, m in skipped.items() if m}
    for engine, mods in skipped.items():
        print(f"skipped: {engine} (not installed: {', '.join(mods)}; "
              "pip install -r benches/requirements.txt)", file=sys.stderr)
    results: dict[int, list[dict]] = {}
    for n in sizes:
        data = Path(a.data_dir) / f"ev-{n}-seed{a.seed}"
        if not (data / "high.npy").exists():
            print(f"generating {n:,} events -> {data}", file=sys.stderr)
            _run([a.cs_bench, "generate", "--events", str(n), "--seed", str(a.seed),
                  "--out", str(data)])
        rows = []
        rust = [
            [a.cs_bench, "time", "--data", str(data), "--repeat", str(a.repeat),
             "--attribution", "start_month", "--dtypes", "i32"],
            [a.cs_bench, "time", "--data", str(data), "--repeat", str(a.repeat),
             "--attribution", "start_month"],
            [a.cs_bench, "time", "--data", str(data), "--repeat", str(a.repeat),
             "--attribution", "split_even", "--dtypes", "i32"],
            [a.cs_bench, "floor-all", "--data", str(data), "--repeat", str(a.repeat)],
        ]
        for cmd in rust:
            print(f"[{n:,}] {' '.join(cmd[1:])}", file=sys.stderr)
            rows.append(_run(cmd))
        for engine in PY_ENGINES:
            if engine in skipped:
                continue
            print(f"[{n:,}] {engine}", file=sys.stderr)
            rows.append(_run([sys.executable, __file__, "--worker", engine, "--data", str(data),
                              "--repeat", str(a.repeat)]))
        for r in rows:
            r["median_ms"] = _median(r["runs_ms"])
            r["min_ms"] = min(r["runs_ms"])
        results[n] = rows
    load_after = os.getloadavg()
    text = _report(a, machine, started, load_before, load_after, results, skipped)
    if a.out:
        _write_section(Path(a.out), text)
    print(text)
    problems = _problems(results)
    for p in problems:
        print(f"error: {p}", file=sys.stderr)
    if problems:
        raise SystemExit(1)


def _problems(results: dict[int, list[dict]]) -> list[str]:
    """What makes a run wrong: engines that disagree on the cells or on the floor's sums."""
    out = []
    for n, rows in results.items():
        floor = next((r for r in rows if r["engine"] == "floor-numpy"), None)
        start = {_name(r): r["digest"]
                 for r in rows if "digest" in r and "split" not in r["engine"]}
        if len(set(start.values())) > 1:
            out.append(f"{n:,} events: the start-month engines' cells differ: {start}")
        split = {r["engine"]: r["digest"] for r in rows if "digest" in r and "split" in r["engine"]}
        if len(set(split.values())) > 1:
            out.append(f"{n:,} events: the split_even rows' cells differ: {split}")
        if floor is not None:
            for r in rows:
                if "sum_best" in r and r["sum_best"] != floor["sum_best"]:
                    out.append(f"{n:,} events: {r['engine']} sums best to {r['sum_best']}, "
                               f"the floor to {floor['sum_best']}")
    return out


def _write_section(out: Path, text: str) -> None:
    """Writes ``text`` between this script's markers in ``out``, keeping the rest of it."""
    section = f"{START}\n{text.rstrip()}\n{END}\n\n"
    if not out.exists():
        out.write_text(section)
        return
    old = out.read_text()
    if START not in old or END not in old:
        raise SystemExit(f"{out} has no {START} … {END} section: add the markers around its "
                         "in-memory results (or give another --out)")
    head, rest = old.split(START, 1)
    out.write_text(head + section + rest.split(END, 1)[1].lstrip("\n"))


def _report(a, machine, started, load_before, load_after, results, skipped) -> str:
    out = ["# Benchmark results: country-month aggregation of GED-layout events", ""]
    smoke = " --smoke" if a.smoke else ""
    out += [f"Written by `benches/compare.py{smoke} --sizes {a.sizes} --repeat {a.repeat} "
            f"--seed {a.seed}` (what `benches/compare.sh` runs) on {started}.", ""]
    if skipped:
        out += ["Skipped (not installed): " + "; ".join(
            f"{e} ({', '.join(m)})" for e, m in skipped.items()) + ".", ""]
    out += ["## Machine", "",
            f"- CPU: {machine['cpu']}, `nproc` = {machine['nproc']}",
            f"- Memory: {machine['mem_mib']:,} MiB",
            f"- OS: {machine['os']}; Python {machine['python']}; {machine['rustc']}",
            f"- Load average (1/5/15 min) before: {load_before[0]:.2f} / {load_before[1]:.2f}"
            f" / {load_before[2]:.2f}; after: {load_after[0]:.2f} / {load_after[1]:.2f} / "
            f"{load_after[2]:.2f} (other work on the machine slows every engine alike only "
            "roughly: compare ratios, not absolute times)", ""]
    versions = sorted({r["version"] for rows in results.values() for r in rows if "version" in r})
    out += [f"- Engines: {', '.join(versions)}", ""]
    out += ["## The query", "",
            "Group by `country_id` and the calendar month of `date_start`; sum `low`, `best`, "
            "`high`; count events. Inputs are in memory before timing, in each engine's own "
            "format (numpy arrays; a polars DataFrame with Int32 and Date columns, also the "
            "input of conflictstats-python, read without copying; a pandas DataFrame; a "
            "native duckdb table). Times are the median (and minimum) of "
            f"{a.repeat} runs after one warm-up; ratios are medians over the "
            "conflictstats-rust (start_month, Int32 columns) median. `split_even` rows run "
            "conflictstats' default rule (multi-month ranges split over the months: a "
            "little more work, more groups). Peak RSS is the process's high-water mark "
            "during the queries (reset after loading); extra = peak − resident after loading.",
            ""]
    for n, rows in results.items():
        base = next(r for r in rows if r["engine"] == "conflictstats-rust (start_month)"
                    and r.get("dtypes") == "i32")
        floor = next((r for r in rows if r["engine"] == "floor-numpy"), None)
        out += [f"## {n:,} events", "",
                "| engine | threads | median ms | min ms | × conflictstats-rust | × floor | "
                "groups | result SHA-256 | loaded MiB | peak MiB | extra MiB |",
                "|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|"]
        for r in rows:
            extra = (r["peak_rss_kib"] - r["loaded_rss_kib"]
                     if r.get("peak_rss_kib", -1) >= 0 and r.get("loaded_rss_kib", -1) >= 0
                     else None)
            out.append(
                f"| {_name(r)} | {r.get('threads', '')} | {r['median_ms']:,.1f} | "
                f"{r['min_ms']:,.1f} | {r['median_ms'] / base['median_ms']:.2f} | "
                f"{_ratio(r['median_ms'], floor and floor['median_ms'])} | "
                f"{r.get('groups', '–')} | "
                f"{r.get('digest', '–')} | {_fmt_mib(r.get('loaded_rss_kib'))} | "
                f"{_fmt_mib(r.get('peak_rss_kib'))} | "
                f"{'–' if extra is None else f'{max(extra, 0) / 1024:,.0f}'} |")
        out.append("")
        start_rows = [r for r in rows if "digest" in r and "split" not in r["engine"]]
        same = len({r["digest"] for r in start_rows}) == 1
        sums_ok = floor is not None and all(
            r["sum_best"] == floor["sum_best"] for r in rows if "sum_best" in r)
        out += [f"Same cells from every start-month engine: {'yes' if same else 'NO'}; "
                f"Σ best equal to the floor's in every row: {'yes' if sums_ok else 'NO'}.", ""]
    big = max(results)
    rows = results[big]

    def med(name, dtypes=None):
        return next((r["median_ms"] for r in rows if r["engine"] == name
                     and (dtypes is None or r.get("dtypes") == dtypes)), None)

    cs_rust = med("conflictstats-rust (start_month)", "i32")
    cs_py = med("conflictstats-python")
    floor_ms = med("floor-numpy")
    checks = [
        ("conflictstats-python / conflictstats-rust (same Int32 columns)",
         _ratio(cs_py, cs_rust), "≤ 1.2 (issue 26)"),
        ("polars group_by / conflictstats-python", _ratio(med("polars"), cs_py),
         "≥ 10 (issues 7, 26)"),
        ("duckdb / conflictstats-python", _ratio(med("duckdb"), cs_py), "≥ 10 (issue 7)"),
        ("pandas / conflictstats-python", _ratio(med("pandas"), cs_py), "≥ 15 (issue 7)"),
        ("conflictstats-python / floor", _ratio(cs_py, floor_ms), "≤ 2 (issue 7)"),
        ("conflictstats-rust / floor", _ratio(cs_rust, floor_ms), "≤ 2 (issue 7)"),
    ]
    bw = next(r for r in rows if r["engine"].startswith("floor-rust"))
    context = [
        ("bandwidth floor: one pass over all 7 columns the query reads (Int32), "
         f"{bw['threads']} threads", bw["median_ms"]),
        ("duckdb / 10 (what ≥ 10× duckdb asks for)", _div(med("duckdb"), 10)),
        ("polars / 10 (what ≥ 10× polars asks for)", _div(med("polars"), 10)),
        ("conflictstats-rust × 1.2 (what ≤ 1.2× the kernel asks for)", _div(cs_rust, 1 / 1.2)),
        ("conflictstats-python", cs_py),
    ]
    out += [f"## Targets, at {big:,} events", "", "| ratio | measured | target |",
            "|---|---:|---|"]
    for name, v, target in checks:
        out.append(f"| {name} | {v} | {target} |")
    out += ["", "What the ratios ask for, next to what the machine can do (ms):", "",
            "| | ms |", "|---|---:|"]
    for name, v in context:
        out.append(f"| {name} | {'–' if v is None else f'{v:.1f}'} |")
    out += ["", "Raw runs (ms):", "", "```json", "{"]
    sizes = list(results.items())
    for i, (n, rows_) in enumerate(sizes):
        out.append(f' "{n}": {{')
        for j, r in enumerate(rows_):
            comma = "," if j + 1 < len(rows_) else ""
            out.append(f"  {json.dumps(_name(r))}: "
                       f"{json.dumps([round(x, 2) for x in r['runs_ms']])}{comma}")
        out.append(" }" + ("," if i + 1 < len(sizes) else ""))
    out += ["}", "```", ""]
    return "\n".join(out)


if __name__ == "__main__":
    main()
