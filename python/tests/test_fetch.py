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
    assert r.path == cache / "ucdp-nonstate" / "23.1" / "ucdp-nonstate-23.1.csv"
    assert r.member == "Nonstate_v23_1.csv"
    assert r.final_url == r.url == base + ZIP_PATH and r.redirects == ()
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
    assert meta["source"] == str(cache / "ucdp-acd" / "27.1" / "ucdp-acd-27.1.csv")


def test_fetch_pins_refuse_before_storing_synthetic_acd_27_1(
    server: tuple[str, dict[str, bytes]], cache: Path, tmp_path: Path
) -> None:
    # require_official= and locked= are the CLI's `fetch --require-official` and `--locked`:
    # checked after the download, before anything is stored.
    base, routes = server
    routes["/ucdpprio/ucdp-prio-acd-271-csv.zip"] = _zip("UcdpPrioConflict_v27_1.csv", _acd_27_1())
    with pytest.raises(cs.IntegrityError, match="nothing was stored"):
        cs.fetch("ucdp-acd", "27.1", base_url=base, require_official=True)
    assert _files(cache) == []
    lock = tmp_path / "conflictstats.lock"
    lock.write_text(
        '[[dataset]]\nname = "ucdp-acd"\nversion = "27.1"\nsource = "x"\n'
        f'sha256 = "{"0" * 64}"\nbytes = 1\nstatus = "unverified"\n',
        encoding="utf-8",
    )
    with pytest.raises(cs.IntegrityError, match="lock"):
        cs.fetch("ucdp-acd", "27.1", base_url=base, locked=lock)
    assert _files(cache) == []
    r = cs.fetch("ucdp-acd", "27.1", base_url=base)
    assert not r.verified and not r.already_cached


class _Recorder(http.server.BaseHTTPRequestHandler):
    """Answers from the server's ``routes`` (path -> (status, headers, body)) and records the
    headers of every request in ``seen``."""

    def do_GET(self) -> None:
        server = self.server
        assert isinstance(server, _LoopbackServer)
        server.seen.append({k.lower(): v for k, v in self.headers.items()})
        status, headers, body = server.routes.get(self.path, (404, {}, b""))
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


class _LoopbackServer(http.server.ThreadingHTTPServer):
    routes: dict[str, tuple[int, dict[str, str], bytes]]
    seen: list[dict[str, str]]


@pytest.fixture
def two_servers() -> Iterator[tuple[_LoopbackServer, _LoopbackServer]]:
    servers = []
    for _ in range(2):
        s = _LoopbackServer(("127.0.0.1", 0), _Recorder)
        s.routes, s.seen = {}, []
        threading.Thread(target=s.serve_forever, daemon=True).start()
        servers.append(s)
    try:
        yield servers[0], servers[1]
    finally:
        for s in servers:
            s.shutdown()
            s.server_close()


def test_the_api_token_stays_at_its_origin(
    two_servers: tuple[_LoopbackServer, _LoopbackServer],
    cache: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """UCDP's API (server A) redirects to another origin (localhost:B): the token is not sent
    there, and B's 401 is explained."""
    api, other = two_servers
    page = "/api/onesided/23.1?pagesize=1000&page=0"
    b = other.server_address[1]
    api.routes[page] = (302, {"Location": f"http://localhost:{b}{page}"}, b"")
    other.routes[page] = (401, {}, b"")
    monkeypatch.setenv("UCDP_API_TOKEN", "secret123")
    base = f"http://127.0.0.1:{api.server_address[1]}/api"
    with pytest.raises(cs.FetchError, match="access token is sent only to") as err:
        cs.fetch("ucdp-onesided", "23.1", api=True, base_url=base)
    assert err.value.url == f"http://localhost:{b}{page}"
    assert api.seen[0]["x-ucdp-access-token"] == "secret123"
    assert len(other.seen) == 1 and "x-ucdp-access-token" not in other.seen[0]
    assert _files(cache) == []


def test_a_mirror_password_is_sent_to_its_origin_only_and_never_kept(
    two_servers: tuple[_LoopbackServer, _LoopbackServer], cache: Path
) -> None:
    mirror, cdn = two_servers
    cdn_url = f"http://localhost:{cdn.server_address[1]}{ZIP_PATH}"
    mirror.routes[ZIP_PATH] = (302, {"Location": cdn_url}, b"")
    cdn.routes[ZIP_PATH] = (200, {}, _zip("Nonstate_v23_1.csv", NONSTATE_23_1.read_bytes()))
    base = f"http://ann:hunter2pw@127.0.0.1:{mirror.server_address[1]}"
    r = cs.fetch("ucdp-nonstate", "23.1", base_url=base)
    assert r.verified
    assert r.url == f"http://127.0.0.1:{mirror.server_address[1]}{ZIP_PATH}"
    assert r.final_url == cdn_url
    assert r.redirects == ((302, r.url, cdn_url),)
    assert mirror.seen[0]["authorization"] == "Basic YW5uOmh1bnRlcjJwdw=="
    assert "authorization" not in cdn.seen[0]
    record = (r.path.parent / "release.json").read_text()
    assert "hunter2pw" not in record and "ann" not in record
    with pytest.raises(cs.FetchError) as err:
        cs.fetch("ucdp-acd", "26.1", base_url=base)
    assert "hunter2pw" not in str(err.value) and "hunter2pw" not in (err.value.url or "")


@pytest.mark.parametrize(
    ("member", "shown"),
    [
        ("../../../outside.csv", "../../../outside.csv"),
        ("\x1b[2Jclear.csv", "\\x1b[2Jclear.csv"),
        ("a.csv\nfetched: forged.csv", "a.csv\\nfetched: forged.csv"),
    ],
)
def test_a_hostile_member_name_is_refused_escaped(
    server: tuple[str, dict[str, bytes]], cache: Path, member: str, shown: str
) -> None:
    base, routes = server
    routes[ZIP_PATH] = _zip(member, NONSTATE_23_1.read_bytes())
    with pytest.raises(cs.FetchError) as err:
        cs.fetch("ucdp-nonstate", "23.1", base_url=base)
    message = str(err.value)
    assert shown in message and "\x1b" not in message and "\n" not in message
    assert err.value.url == base + ZIP_PATH
    assert _files(cache.parent) == []


def test_a_fetched_unverified_acd_27_1_is_reported_by_every_door(
    server: tuple[str, dict[str, bytes]], cache: Path
) -> None:
    # An unverified download (no published checksum) is as loud as in the CLI: one
    # `provenance` warning per dataset and call, from count, the panels and the claim check.
    import warnings

    base, routes = server
    routes["/ucdpprio/ucdp-prio-acd-271-csv.zip"] = _zip("UcdpPrioConflict_v27_1.csv", _acd_27_1())
    cs.fetch("ucdp-acd", "27.1", base_url=base)
    calls = {
        "count": lambda: cs.count(version="27.1", years=2025),
        "panel": lambda: cs.panel_conflict_year(years=2025, version="27.1"),
        "check": lambda: cs.check(version=["27.1"], bootstrap=20),
    }
    for door, call in calls.items():
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            call()
        found = [
            w.message
            for w in caught
            if isinstance(w.message, cs.ConflictStatsWarning) and w.message.kind == "provenance"
        ]
        acd = [w for w in found if "ucdp-acd 27.1" in str(w)]
        assert len(acd) == 1, (door, [str(w) for w in found])
        assert "status unverified" in str(acd[0]) and "UNVERIFIED download" in str(acd[0])


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
