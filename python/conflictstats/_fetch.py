"""Fetching UCDP releases into the cache: :func:`fetch`.

A fetched release is then used exactly like an embedded one: ``cs.count(version="26.1")``,
``cs.trend(version="26.1")``. The download, its checks and the cache live in the Rust core;
this module converts arguments and the result.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from . import _conflictstats as _native
from .exceptions import integer_arguments_in_range


@dataclass(frozen=True)
class FetchedRelease:
    """A release in the cache, as :func:`fetch` left it.

    Attributes:
        name: Dataset name, e.g. ``"ucdp-acd"``.
        version: Release, e.g. ``"26.1"``.
        path: The cached CSV, named by conflictstats (``ucdp-acd-26.1.csv``), never by the
            mirror.
        member: The CSV's own name inside UCDP's zip (escaped), ``None`` for the API.
        sha256: Its SHA-256.
        bytes: Its size.
        url: The address asked for (the first page, for the API), without user-info.
        final_url: The address that served the bytes, after redirects.
        redirects: Every redirect followed: ``(status, url, location)``.
        fetched_from: ``"download"`` (UCDP's zip) or ``"api"`` (UCDP's paged JSON).
        verified: ``True`` if its SHA-256 equals the published checksum of the release, or
            the zip it came out of matched the zip's recorded checksums (it is then used as
            official); ``False`` for a release with no checksum to verify it against (it is
            labelled *unverified* wherever it is used).
        already_cached: Nothing was downloaded: the release was in the cache.
        verified_by: What it was verified against when that was the zip's recorded
            checksums (ACD 26.1: the size from OWID's snapshot and a third-party SHA-256).
        embedded_copy: When a copy of the same release is embedded (ACD 26.1): whether the
            two are the same bytes — then the embedded copy is UCDP's file byte for byte — or
            differ, and how to read the fetched one (``version="26.1"`` keeps reading the
            embedded copy; ``sources={"ucdp-acd": path}`` reads the fetched file).
    """

    name: str
    version: str
    path: Path
    member: str | None
    sha256: str
    bytes: int
    url: str
    final_url: str
    redirects: tuple[tuple[int, str, str], ...]
    fetched_from: Literal["download", "api"]
    verified: bool
    already_cached: bool
    verified_by: str | None = None
    embedded_copy: str | None = None


@integer_arguments_in_range
def fetch(
    dataset: str,
    version: str | None = None,
    *,
    api: bool = False,
    base_url: str | None = None,
    max_bytes: int | None = None,
    timeout: float | None = None,
    connect_timeout: float | None = None,
    force: bool = False,
    offline: bool = False,
    require_official: bool = False,
    locked: str | os.PathLike[str] | None = None,
) -> FetchedRelease:
    """Downloads a UCDP release into the cache (``CONFLICTSTATS_CACHE``, else the platform's
    cache directory), unless it is cached already.

    Args:
        dataset: ``"ucdp-acd"``, ``"ucdp-dyadic"``, ``"ucdp-nonstate"``, ``"ucdp-onesided"``,
            ``"ucdp-brd"`` (conflict-level) or ``"ucdp-ged"``.
        version: The release, e.g. ``"26.1"`` (default: this year's, or last year's if this
            year's is not published yet).
        api: Fetch from UCDP's API (paged JSON; token from ``UCDP_API_TOKEN``) instead of the
            downloads page (a zip holding the CSV).
        base_url: A mirror of the downloads page (or of the API); default
            ``CONFLICTSTATS_BASE_URL`` or UCDP's.
        max_bytes: Size cap of the download and of the CSV (default 1 GiB).
        timeout: The overall deadline of the fetch, in seconds (default 3600): every page,
            redirect and body; a server still sending when it passes is stopped.
        connect_timeout: Seconds allowed to connect (default 15).
        force: Download again even if cached.
        offline: Open no connection (a release not yet cached is then an error).
        require_official: Refuse a release that would be stored as unverified (no published
            checksum matches it): an :class:`IntegrityError`, nothing
            stored — the CLI's ``fetch --require-official``.
        locked: The path of a ``conflictstats.lock``: refuse a release whose SHA-256 or size
            differs from the one it pins (or that it does not pin), before anything is stored —
            the CLI's ``fetch --locked --lock-file PATH``.

    Raises:
        FetchError: The download failed or was refused (``err.url`` names the address);
            nothing was cached.

    Example:
        >>> import conflictstats as cs
        >>> try:
        ...     cs.fetch("ucdp-acd", "99.1", offline=True, base_url="http://127.0.0.1:9")
        ... except cs.FetchError as err:
        ...     print(err.url)
        http://127.0.0.1:9/ucdpprio/ucdp-prio-acd-991-csv.zip
    """
    if not isinstance(dataset, str):
        raise TypeError(f"fetch(): dataset must be a str, not {type(dataset).__name__}")
    if version is not None and not isinstance(version, str):
        raise TypeError(f"fetch(): version must be a str such as '26.1', not {version!r}")
    flags = (("api", api), ("force", force), ("offline", offline))
    for name, flag in (*flags, ("require_official", require_official)):
        if not isinstance(flag, bool):
            raise TypeError(f"fetch(): {name} must be a bool, not {flag!r}")
    r, path, already_cached, embedded_copy = _native.fetch(
        dataset,
        version,
        api=api,
        base_url=base_url,
        max_bytes=max_bytes,
        timeout=None if timeout is None else float(timeout),
        connect_timeout=None if connect_timeout is None else float(connect_timeout),
        force=force,
        offline=offline,
        require_official=require_official,
        lock_file=None if locked is None else os.fspath(locked),
    )
    return FetchedRelease(
        name=r.name,
        version=r.version,
        path=Path(path),
        member=r.member,
        sha256=r.sha256,
        bytes=r.bytes,
        url=r.url,
        final_url=r.final_url,
        redirects=tuple((h.status, h.url, h.location) for h in r.redirects),
        fetched_from=r.fetched_from,
        verified=r.verified,
        already_cached=already_cached,
        verified_by=r.verified_by,
        embedded_copy=embedded_copy,
    )
