"""cs.fetch against a loopback http.server in a thread (127.0.0.1, an ephemeral port): a zip of
the shipped UCDP Non-State v23.1 CSV in UCDP's download layout is verified and cached; a
tampered one and a 404 raise FetchError naming the URL and cache nothing. Nothing touches the
real network; CONFLICTSTATS_CACHE is a temporary directory."""

from __future__ import annotations

import http.server
import io
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

import conflictstats as cs

ROOT = Path(__file__).resolve().parents[2]
NONSTATE_23_1 = ROOT / "data" / "ucdp-nonstate" / "Nonstate_v23_1.csv"
ZIP_PATH = "/nsos/ucdp-nonstate-231-csv.zip"


def _zip(name: str, data: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr(name, data)
    return buf.getvalue()


@pytest.fixture
def server() -> Iterator[tuple[str, dict[str, bytes]]]:
    routes: dict[str, bytes] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = routes.get(self.path)
            if body is None:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/zip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", routes
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CONFLICTSTATS_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("CONFLICTSTATS_BASE_URL", raising=False)
    return tmp_path / "cache"


def _files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_fetch_nonstate_v23_1_is_verified_and_cached(
    server: tuple[str, dict[str, bytes]], cache: Path
) -> None:
    base, routes = server
    routes[ZIP_PATH] = _zip("Nonstate_v23_1.csv", NONSTATE_23_1.read_bytes())
    r = cs.fetch("ucdp-nonstate", "23.1", base_url=base)
    assert r.verified and not r.already_cached
    assert r.sha256 == "cc9ea9d3caef4d256dab81167d3fb93d9a67a1b21dafb9120333ded8da786eba"
    assert r.bytes == 450_478
    assert r.path == cache / "ucdp-nonstate" / "23.1" / "Nonstate_v23_1.csv"
    assert r.path.read_bytes() == NONSTATE_23_1.read_bytes()
    again = cs.fetch("ucdp-nonstate", "23.1", base_url=base, offline=True)
    assert again.already_cached and again.path == r.path


def test_fetch_tampered_or_missing_raises_and_caches_nothing(
    server: tuple[str, dict[str, bytes]], cache: Path
) -> None:
    base, routes = server
    tampered = NONSTATE_23_1.read_bytes().replace(b"Government", b"government", 1)
    routes[ZIP_PATH] = _zip("Nonstate_v23_1.csv", tampered)
    with pytest.raises(cs.FetchError, match="fails its checksum") as err:
        cs.fetch("ucdp-nonstate", "23.1", base_url=base)
    assert err.value.url == base + ZIP_PATH
    assert isinstance(err.value, OSError)
    with pytest.raises(cs.FetchError, match="HTTP 404") as err:
        cs.fetch("ucdp-acd", "26.1", base_url=base)
    assert err.value.url == base + "/ucdpprio/ucdp-prio-acd-261-csv.zip"
    assert _files(cache) == []


def test_fetch_refuses_bad_arguments(cache: Path) -> None:
    with pytest.raises(TypeError):
        cs.fetch(26.1)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        cs.fetch("ucdp-acd", 26.1)  # type: ignore[arg-type]
    with pytest.raises(cs.FetchError, match="UCDP publishes no such dataset"):
        cs.fetch("ucdp-nope", "26.1", offline=True)
    with pytest.raises(cs.FetchError, match="release number"):
        cs.fetch("ucdp-acd", "latest", offline=True)


def _acd_27_1() -> bytes:
    """A synthetic "27.1" of ACD v25.1: every row's version set to 26.1, the 2024 rows repeated
    as 2025 (a year only this release has)."""
    import csv

    text = (ROOT / "data" / "ucdp-acd" / "UcdpPrioConflict_v25_1.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header, body = rows[0], rows[1:]
    v, y = header.index("version"), header.index("year")
    out = io.StringIO(newline="")
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    extra = []
    for r in body:
        r[v] = "27.1"
        if r[y] == "2024":
            extra.append([*r[:y], "2025", *r[y + 1 :]])
        w.writerow(r)
    w.writerows(extra)
    return out.getvalue().encode("utf-8")


def test_a_fetched_acd_27_1_is_counted_like_an_embedded_release(
    server: tuple[str, dict[str, bytes]], cache: Path
) -> None:
    base, routes = server
    routes["/ucdpprio/ucdp-prio-acd-271-csv.zip"] = _zip("UcdpPrioConflict_v27_1.csv", _acd_27_1())
    r = cs.fetch("ucdp-acd", "27.1", base_url=base)
    assert not r.verified  # no published checksum for this release
    df = cs.count(version="27.1", years=(2024, 2025))
    assert df.rows() == [(2024, 61), (2025, 61)]
    meta = cs.provenance(df)["dataset"]
    assert (meta["version"], meta["status"]) == ("27.1", "unverified")
    assert meta["source"] == str(cache / "ucdp-acd" / "27.1" / "UcdpPrioConflict_v27_1.csv")


def test_acd_26_1_fetch_checks_the_recorded_zip_and_compares_with_the_embedded_copy(
    server: tuple[str, dict[str, bytes]], cache: Path
) -> None:
    # ACD v26.1 is embedded (byte-identity with UCDP's zip unverified); UCDP's zip has a recorded
    # size and SHA-256. A zip that is not UCDP's is refused and nothing is cached.
    base, routes = server
    embedded = (ROOT / "data" / "ucdp-acd" / "UcdpPrioConflict_v26_1.csv").read_bytes()
    routes["/ucdpprio/ucdp-prio-acd-261-csv.zip"] = _zip("UcdpPrioConflict_v26_1.csv", embedded)
    with pytest.raises(cs.FetchError, match="5f951743222964674a446e32a5a871077b29bd13349588d8"):
        cs.fetch("ucdp-acd", "26.1", base_url=base)
    assert not (cache / "ucdp-acd" / "26.1").exists()
    # The embedded copy is what version="26.1" reads, whatever the cache holds.
    meta = cs.provenance(cs.count(version="26.1", years=2025))["dataset"]
    assert (meta["status"], meta["byte_identity"]) == ("embedded", "unverified")
