"""Every command's `--format json` output, and every error under `--format json`, validates
against the published JSON Schema (schema/output.v2.schema.json): one envelope for all."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest

import conflictstats as cs

jsonschema = pytest.importorskip("jsonschema")

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "schema" / "output.v2.schema.json").read_text(encoding="utf-8"))

# One invocation per command (and the variants whose rows differ); embedded data, releases
# named explicitly where a figure is asserted below.
COMMANDS: list[list[str]] = [
    ["count", "--version", "25.1", "--from", "2023", "--to", "2024"],
    ["count", "--by", "region", "--from", "2024", "--to", "2024"],
    [
        "count",
        "--unit",
        "legal_relationship",
        "--persistence",
        "2",
        "--from",
        "2020",
        "--to",
        "2020",
    ],
    ["trend", "--version", "25.1", "--bootstrap", "20"],
    ["forecast", "--version", "26.1", "--bootstrap", "20", "--backtest", "2020"],
    ["reconcile", "--year", "2024"],
    ["check", "--bootstrap", "20"],
    ["deaths", "--version", "24.1", "--year", "2020"],
    ["ihl"],
    ["ihl", "--level", "dyad"],
    ["datasets"],
    ["check"],
    ["cite", "--dataset", "ucdp-acd", "--version", "25.1"],
    ["panel", "state-year", "--from", "2020", "--to", "2021"],
    ["panel", "dyad-year", "--from", "2020", "--to", "2020"],
    ["panel", "conflict-year", "--from", "2020", "--to", "2021"],
    ["panel", "conflict-dyad-year", "--from", "2020", "--to", "2021"],
    ["panel", "events"],
    ["panel", "events", "--unit", "conflict", "--period", "month"],
    ["flows", "--version", "25.1", "--from", "2010", "--to", "2024"],
    ["rates", "--version", "24.1"],
    ["severity", "--version", "24.1", "--bootstrap", "20"],
    ["severity", "--version", "24.1", "--unit", "conflict", "--bootstrap", "0"],
    ["diff", "ucdp-acd", "24.1", "25.1"],
    ["diff", "ucdp-brd", "25.1", "25.1"],
]

# Errors: (arguments, exit code, error kind)
ERRORS: list[tuple[list[str], int, str]] = [
    (["count", "--from", "1800"], 1, "spec"),
    (["count", "--bogus"], 2, "usage"),
    (["trend", "--horizons", "15,15"], 1, "spec"),
    (["forecast", "--horizon", "0"], 1, "spec"),
    (["forecast", "--no-backtest", "--backtest", "2010"], 2, "usage"),
    (["trend", "--bootstrap", "0", "--no-shapes", "--seed", "7"], 2, "usage"),
    (["panel", "state-year", "--directed"], 2, "usage"),
    (["reconcile", "--year", "3000"], 1, "spec"),
    (["count", "--file", "/nonexistent/acd.csv"], 1, "io"),
    (["fetch", "ucdp-acd", "99.1", "--offline"], 1, "fetch"),
    (["diff", "ucdp-brd", "24.1", "25.1"], 1, "dataset"),
    (["diff", "ucdp-nonsense", "24.1", "25.1"], 2, "usage"),
]


def run_json(cli: Path, args: list[str]) -> tuple[int, dict[str, Any]]:
    out = subprocess.run(
        [str(cli), *args, "--format", "json"], capture_output=True, text=True, check=False
    )
    return out.returncode, json.loads(out.stdout)


def validate(doc: dict[str, Any]) -> None:
    jsonschema.Draft202012Validator(SCHEMA).validate(doc)


def test_the_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_every_command_validates(cli: Path, args: list[str]) -> None:
    code, doc = run_json(cli, args)
    assert code == 0, doc
    validate(doc)
    assert doc["command"] == " ".join(args[:2] if args[0] == "panel" else args[:1])
    assert doc["schema_version"] == 2


@pytest.mark.parametrize(("args", "code", "kind"), ERRORS, ids=lambda a: str(a))
def test_errors_are_json_objects_under_format_json(
    cli: Path, args: list[str], code: int, kind: str
) -> None:
    got, doc = run_json(cli, args)
    assert got == code, doc
    validate(doc)
    assert doc["error"]["kind"] == kind
    assert doc["error"]["message"]


def test_the_schema_lists_every_subcommand(cli: Path) -> None:
    listed = set(SCHEMA["properties"]["command"]["enum"])
    tested = {" ".join(a[:2] if a[0] == "panel" else a[:1]) for a in COMMANDS}
    tested.add("fetch")  # needs a server: test_fetch_json_validates
    assert listed == tested


def test_fetch_json_validates(cli: Path, tmp_path: Path) -> None:
    """`fetch --format json` of UCDP Non-State v23.1 from a loopback http.server (a zip in
    UCDP's layout), into a temporary cache."""
    import http.server
    import io
    import os
    import threading
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.write(ROOT / "data" / "ucdp-nonstate" / "Nonstate_v23_1.csv", "Nonstate_v23_1.csv")
    body = buf.getvalue()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{httpd.server_address[1]}"
        env = {**os.environ, "CONFLICTSTATS_CACHE": str(tmp_path)}
        args = [str(cli), "fetch", "ucdp-nonstate", "23.1", "--base-url", base]
        out = subprocess.run(
            [*args, "--format", "json"], capture_output=True, text=True, env=env, check=False
        )
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    validate(doc)
    assert doc["command"] == "fetch"
    assert doc["rows"][0]["verified"] is True
    assert doc["rows"][0]["sha256"].startswith("cc9ea9d3")


def test_a_wrong_row_fails_validation(cli: Path) -> None:
    # The schema is not vacuous: a fractional count, a missing provenance field or rows under
    # another key are refused.
    _, doc = run_json(cli, COMMANDS[0])
    bad = json.loads(json.dumps(doc))
    bad["rows"][0]["conflicts"] = 59.5
    with pytest.raises(jsonschema.ValidationError):
        validate(bad)
    bad = json.loads(json.dumps(doc))
    del bad["datasets"][0]["sha256"]
    with pytest.raises(jsonschema.ValidationError):
        validate(bad)
    bad = json.loads(json.dumps(doc))
    bad["table"] = bad.pop("rows")
    with pytest.raises(jsonschema.ValidationError):
        validate(bad)


def test_acd_v25_1_counts_and_provenance_in_the_same_place(cli: Path) -> None:
    _, count = run_json(cli, COMMANDS[0])
    assert count["rows"] == [{"year": 2023, "conflicts": 59}, {"year": 2024, "conflicts": 61}]
    _, trend = run_json(cli, COMMANDS[3])
    for doc in (count, trend):
        assert doc["datasets"][0]["name"] == "ucdp-acd"
        assert doc["datasets"][0]["version"] == "25.1"
    # trend's rows are the counts it fits: integers, in the unit's column, as in `count`
    assert {"year": 2024, "conflicts": 61} in trend["rows"]
    assert all(list(r) == ["year", "conflicts"] for r in trend["rows"])


def test_trend_names_every_dataset_its_parts_read_acd_v25_1(cli: Path) -> None:
    # The stock-and-flow part reads the G&W list, --rates the Non-State and One-sided data,
    # --severity the BRD: each figure's release is in `datasets`, once.
    _, plain = run_json(cli, ["trend", "--version", "25.1", "--no-shapes"])
    names = [(d["name"], d["version"]) for d in plain["datasets"]]
    assert names[0] == ("ucdp-acd", "25.1") and names[1][0] == "gw-states"
    _, full = run_json(cli, ["trend", "--version", "25.1", "--no-shapes", "--rates", "--severity"])
    validate(full)
    names = [(d["name"], d["version"]) for d in full["datasets"]]
    assert names[0] == ("ucdp-acd", "25.1")
    for needed in [("ucdp-nonstate", "25.1"), ("ucdp-onesided", "25.1"), ("ucdp-brd", "25.1")]:
        assert needed in names, names
    assert len({d["sha256"] for d in full["datasets"]}) == len(full["datasets"])
    assert "other_datasets" not in full["result"]


def test_file_source_is_independent_of_the_working_directory(
    cli: Path, acd_25_1: Path, tmp_path: Path
) -> None:
    outs = []
    for cwd, path in [(acd_25_1.parent, acd_25_1.name), (tmp_path, str(acd_25_1))]:
        out = subprocess.run(
            [str(cli), "count", "--file", path, "--from", "2024", "--format", "json"],
            cwd=cwd,
            capture_output=True,
            text=True,
            check=True,
        )
        outs.append(out.stdout)
    assert outs[0] == outs[1]
    assert json.loads(outs[0])["datasets"][0]["source"] == str(acd_25_1.resolve())


def test_count_rows_name_the_count_column_after_the_unit_as_the_core_does(cli: Path) -> None:
    # The schema's count columns are the core's unit table's; the CLI writes them (CSV, JSON)
    # as the frames do (cs.count), never a bare `count`.
    row = SCHEMA["$defs"]["rows"]["count"]
    columns = [u.column for u in cs.units()]
    assert [one["required"][0] for one in row["oneOf"]] == columns
    for unit in cs.units():
        args = ["count", "--unit", unit.key, "--version", "25.1", "--from", "2024"]
        _, doc = run_json(cli, args)
        validate(doc)
        assert list(doc["rows"][0]) == ["year", unit.column], unit.key
        csv = subprocess.run(
            [str(cli), *args, "--format", "csv"], capture_output=True, text=True, check=True
        ).stdout
        frame = cs.count(version="25.1", unit=unit.key, years=2024)
        assert csv.splitlines()[0] == ",".join(frame.columns)
    bad = json.loads(json.dumps(doc))
    bad["rows"][0]["count"] = bad["rows"][0].pop(unit.column)
    with pytest.raises(jsonschema.ValidationError):
        validate(bad)
