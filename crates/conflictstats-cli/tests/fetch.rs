//! `fetch`, the cache, `lock` and `--locked`, against a loopback HTTP server (std
//! `TcpListener` on 127.0.0.1:0, in a thread that serves a bounded number of connections and
//! stops by itself). It serves zips of the shipped files in UCDP's download layout and a paged
//! API response. Nothing here touches the real network: every URL is the loopback server's,
//! and every cache is a fresh temporary directory (`CONFLICTSTATS_CACHE` for the binary).

use conflictstats::data::fetch::{FetchOptions, FetchSource, Silent, fetch};
use conflictstats::data::{NonState, OneSided, Release, ReleaseStatus};
use conflictstats::{Error, FetchError};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What the server answers for one path.
#[derive(Clone)]
enum Reply {
    /// 200 with this content type and body.
    Body(&'static str, Vec<u8>),
    /// This status, empty body.
    Status(u16),
    /// 200 announcing `Content-Length: announced` but sending only `body`, then closing.
    Truncated(usize, Vec<u8>),
    /// Accept, then say nothing for this long.
    Stall(Duration),
}

struct Server {
    base: String,
    requests: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Serves `routes` (path with query → reply) for at most `max` connections or 20 s.
    fn start(routes: Vec<(String, Reply)>, max: usize) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&requests);
        // Detached: the thread ends by itself after `max` connections or 20 s.
        std::thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(20);
            let mut served = 0;
            while served < max && Instant::now() < deadline {
                match listener.accept() {
                    Ok((stream, _)) => {
                        served += 1;
                        answer(stream, &routes, &seen);
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        Server { base, requests }
    }

    fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

fn answer(mut stream: TcpStream, routes: &[(String, Reply)], seen: &Mutex<Vec<String>>) {
    stream.set_nonblocking(false).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") && head.len() < 16 * 1024 {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return,
        }
    }
    let head = String::from_utf8_lossy(&head).to_string();
    seen.lock().unwrap().push(head.clone());
    let path = head.split_whitespace().nth(1).unwrap_or("").to_string();
    let reply = routes
        .iter()
        .find(|(p, _)| *p == path)
        .map_or(Reply::Status(404), |(_, r)| r.clone());
    let write = |s: &mut TcpStream, status: &str, ctype: &str, len: usize, body: &[u8]| {
        let h = format!(
            "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {len}\r\nConnection: close\r\n\r\n"
        );
        let _ = s.write_all(h.as_bytes());
        let _ = s.write_all(body);
        let _ = s.flush();
    };
    match reply {
        Reply::Body(ctype, body) => write(&mut stream, "200 OK", ctype, body.len(), &body),
        Reply::Status(code) => write(&mut stream, &format!("{code} Status"), "text/plain", 0, b""),
        Reply::Truncated(announced, body) => {
            write(&mut stream, "200 OK", "application/zip", announced, &body);
        }
        Reply::Stall(d) => std::thread::sleep(d),
    }
}

fn repo_file(rel: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A zip holding `name` with `bytes`, deflated, as UCDP's downloads are.
fn zip_of(name: &str, bytes: &[u8]) -> Vec<u8> {
    use zip::write::SimpleFileOptions;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    w.start_file(name, opts).unwrap();
    w.write_all(bytes).unwrap();
    w.finish().unwrap().into_inner()
}

/// A fresh, empty cache directory.
fn temp_cache(tag: &str) -> PathBuf {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("cs-fetch-{tag}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Every file under `dir` (the cache must hold none after a failed fetch).
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn options(base: &str, cache: &Path) -> FetchOptions {
    let mut o = FetchOptions::new(FetchSource::Download).unwrap();
    o.base_url = base.to_string();
    o.cache_dir = cache.to_path_buf();
    o.connect_timeout = Duration::from_secs(5);
    o.read_timeout = Duration::from_secs(5);
    o
}

const NONSTATE_23_1_ZIP: &str = "/nsos/ucdp-nonstate-231-csv.zip";

fn nonstate_23_1() -> Vec<u8> {
    repo_file("data/ucdp-nonstate/Nonstate_v23_1.csv")
}

/// Fetches UCDP Non-State 23.1 from a server answering `reply`; the error, if any.
fn fetch_nonstate_23_1(
    reply: Reply,
    tune: impl Fn(&mut FetchOptions),
) -> (Result<(), Error>, PathBuf) {
    let server = Server::start(vec![(NONSTATE_23_1_ZIP.to_string(), reply)], 1);
    let cache = temp_cache("fail");
    let mut opts = options(&server.base, &cache);
    tune(&mut opts);
    let r = fetch("ucdp-nonstate", "23.1", &opts, &mut Silent).map(|_| ());
    (r, cache)
}

fn expect_failure(reply: Reply, tune: impl Fn(&mut FetchOptions)) -> FetchError {
    let (r, cache) = fetch_nonstate_23_1(reply, tune);
    let err = match r {
        Err(Error::Fetch(e)) => *e,
        other => panic!("expected a fetch error, got {other:?}"),
    };
    let url = err.url().expect("the error names the URL").to_string();
    assert!(url.ends_with(NONSTATE_23_1_ZIP), "{url}");
    assert!(err.to_string().contains(&url), "{err}");
    assert_eq!(
        files_under(&cache),
        Vec::<PathBuf>::new(),
        "nothing is cached after: {err}"
    );
    let _ = std::fs::remove_dir_all(&cache);
    err
}

/// UCDP Non-State v23.1 is a known release (UCDP's CSV, SHA-256 cc9ea9d3…): a download with
/// those bytes is verified and loads as an official release.
#[test]
fn nonstate_v23_1_download_matching_the_registry_is_official() {
    let zip = zip_of("Nonstate_v23_1.csv", &nonstate_23_1());
    let server = Server::start(
        vec![(
            NONSTATE_23_1_ZIP.to_string(),
            Reply::Body("application/zip", zip),
        )],
        1,
    );
    let cache = temp_cache("ok");
    let fetched = fetch(
        "ucdp-nonstate",
        "23.1",
        &options(&server.base, &cache),
        &mut Silent,
    )
    .unwrap();
    let r = &fetched.release.record;
    assert!(r.verified && !fetched.already_cached);
    assert_eq!(
        r.sha256,
        "cc9ea9d3caef4d256dab81167d3fb93d9a67a1b21dafb9120333ded8da786eba"
    );
    assert_eq!(r.bytes, 450_478);
    let ns = NonState::from_release(&Release::Cached(fetched.release.clone())).unwrap();
    assert_eq!(ns.provenance.status, ReleaseStatus::Official);
    assert_eq!(ns.provenance.version, "23.1");
    assert_eq!(ns.records.len(), 1542);
    // Cached now: a second fetch opens no connection (the server served its one connection).
    let again = fetch(
        "ucdp-nonstate",
        "23.1",
        &options(&server.base, &cache),
        &mut Silent,
    )
    .unwrap();
    assert!(again.already_cached);
    assert_eq!(server.requests().len(), 1);
    let _ = std::fs::remove_dir_all(&cache);
}

#[test]
fn a_tampered_download_fails_its_checksum() {
    let mut csv = nonstate_23_1();
    let at = csv.len() / 2;
    csv[at] = if csv[at] == b'1' { b'2' } else { b'1' };
    let err = expect_failure(
        Reply::Body("application/zip", zip_of("Nonstate_v23_1.csv", &csv)),
        |_| {},
    );
    assert!(matches!(err, FetchError::Checksum { .. }), "{err}");
    assert!(err.to_string().contains("cc9ea9d3"), "{err}");
}

#[test]
fn a_truncated_download_is_reported_as_truncated() {
    let zip = zip_of("Nonstate_v23_1.csv", &nonstate_23_1());
    let half = zip[..zip.len() / 2].to_vec();
    let err = expect_failure(Reply::Truncated(zip.len(), half), |_| {});
    assert!(matches!(err, FetchError::Truncated { .. }), "{err}");
}

#[test]
fn not_found_and_server_error_are_http_statuses() {
    let err = expect_failure(Reply::Status(404), |_| {});
    assert!(
        matches!(err, FetchError::Status { status: 404, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("not found"), "{err}");
    let err = expect_failure(Reply::Status(500), |_| {});
    assert!(
        matches!(err, FetchError::Status { status: 500, .. }),
        "{err}"
    );
}

#[test]
fn an_html_page_instead_of_a_zip_is_refused() {
    let page = b"<!DOCTYPE html><html><body>Please log in</body></html>".to_vec();
    let err = expect_failure(Reply::Body("text/html; charset=utf-8", page), |_| {});
    assert!(matches!(err, FetchError::NotZip { .. }), "{err}");
    assert!(err.to_string().contains("text/html"), "{err}");
}

#[test]
fn a_slow_server_times_out() {
    let err = expect_failure(Reply::Stall(Duration::from_secs(3)), |o| {
        o.read_timeout = Duration::from_millis(300);
    });
    assert!(matches!(err, FetchError::Timeout { .. }), "{err}");
}

#[test]
fn an_oversized_download_or_csv_exceeds_the_cap() {
    let zip = zip_of("Nonstate_v23_1.csv", &nonstate_23_1());
    let err = expect_failure(Reply::Body("application/zip", zip.clone()), |o| {
        o.max_bytes = 10_000
    });
    assert!(matches!(err, FetchError::TooLarge { .. }), "{err}");
    // Small enough compressed, too large once inflated (450,478 bytes of CSV).
    let cap = zip.len() as u64 + 10;
    let err = expect_failure(Reply::Body("application/zip", zip), move |o| {
        o.max_bytes = cap
    });
    assert!(matches!(err, FetchError::TooLarge { .. }), "{err}");
    assert!(err.to_string().contains("uncompressed"), "{err}");
}

#[test]
fn offline_opens_no_connection_and_caches_nothing() {
    let cache = temp_cache("offline");
    let mut opts = options("http://127.0.0.1:9", &cache);
    opts.offline = Some("--offline".to_string());
    let err = fetch("ucdp-acd", "26.1", &opts, &mut Silent).unwrap_err();
    assert!(
        matches!(&err, Error::Fetch(e) if matches!(**e, FetchError::Offline { .. })),
        "{err}"
    );
    assert!(files_under(&cache).is_empty());
}

/// UCDP One-sided v23.1 served by the API in pages of 500 rows (page 0, 1, 2), with the token
/// sent as `x-ucdp-access-token`: the rows are cached as an API-layout CSV, unverified.
#[test]
fn onesided_v23_1_from_the_paged_api_is_cached_unverified() {
    let csv = repo_file("data/ucdp-onesided/OneSided_v23_1.csv");
    let mut reader = csv::Reader::from_reader(&csv[..]);
    let header = reader.headers().unwrap().clone();
    let rows: Vec<serde_json::Value> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            let obj: serde_json::Map<String, serde_json::Value> = header
                .iter()
                .zip(r.iter())
                .map(|(k, v)| (k.to_string(), serde_json::Value::String(v.to_string())))
                .collect();
            serde_json::Value::Object(obj)
        })
        .collect();
    assert_eq!(rows.len(), 1191);
    let pages: Vec<(String, Reply)> = rows
        .chunks(500)
        .enumerate()
        .map(|(i, chunk)| {
            let body = serde_json::json!({
                "TotalCount": rows.len(), "TotalPages": 3, "PreviousPageUrl": "", "NextPageUrl": "",
                "Result": chunk,
            });
            (
                format!("/api/onesided/23.1?pagesize=500&page={i}"),
                Reply::Body("application/json", serde_json::to_vec(&body).unwrap()),
            )
        })
        .collect();
    let server = Server::start(pages, 3);
    let cache = temp_cache("api");
    let mut opts = options(&format!("{}/api", server.base), &cache);
    opts.source = FetchSource::Api;
    opts.page_size = 500;
    opts.token = Some("test-token".to_string());
    let fetched = fetch("ucdp-onesided", "23.1", &opts, &mut Silent).unwrap();
    assert!(!fetched.release.record.verified);
    let os = OneSided::from_release(&Release::Cached(fetched.release)).unwrap();
    assert_eq!(os.records.len(), 1191);
    assert_eq!(os.provenance.status, ReleaseStatus::Unverified);
    assert!(
        os.provenance.label().contains("UNVERIFIED"),
        "{}",
        os.provenance.label()
    );
    let seen = server.requests();
    assert_eq!(seen.len(), 3);
    assert!(
        seen.iter().all(|r| r
            .to_ascii_lowercase()
            .contains("x-ucdp-access-token: test-token")),
        "{seen:?}"
    );
    // Without a token, no request is made at all.
    opts.token = None;
    opts.force = true;
    let err = fetch("ucdp-onesided", "23.1", &opts, &mut Silent).unwrap_err();
    assert!(
        matches!(&err, Error::Fetch(e) if matches!(**e, FetchError::NoToken { .. })),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&cache);
}

// ---- the binary ---------------------------------------------------------------------------

fn cli(cache: &Path, dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_conflictstats"))
        .args(args)
        .current_dir(dir)
        .env("CONFLICTSTATS_CACHE", cache)
        .env_remove("CONFLICTSTATS_BASE_URL")
        .env_remove("UCDP_API_TOKEN")
        .output()
        .expect("the conflictstats binary runs")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

/// A synthetic "27.1" of a shipped file: every row's `version` set to 27.1, and (for the ACD)
/// the 2024 rows repeated as 2025, so that a 27.1-only year exists.
fn as_27_1(rel: &str, add_2025: bool) -> Vec<u8> {
    let bytes = repo_file(rel);
    let mut reader = csv::Reader::from_reader(&bytes[..]);
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (version, year) = (col("version"), col("year"));
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&header).unwrap();
    let mut extra = Vec::new();
    for r in reader.records() {
        let mut fields: Vec<String> = r.unwrap().iter().map(str::to_string).collect();
        fields[version] = "27.1".to_string();
        if add_2025 && fields[year] == "2024" {
            let mut next = fields.clone();
            next[year] = "2025".to_string();
            extra.push(next);
        }
        w.write_record(&fields).unwrap();
    }
    for f in extra {
        w.write_record(&f).unwrap();
    }
    w.into_inner().unwrap()
}

/// The four datasets reconcile reads, as synthetic "27.1" zips in UCDP's layout.
fn releases_27_1() -> Vec<(String, Reply)> {
    let zip = |path: &str, name: &str, rel: &str, add: bool| {
        (
            path.to_string(),
            Reply::Body("application/zip", zip_of(name, &as_27_1(rel, add))),
        )
    };
    vec![
        zip(
            "/ucdpprio/ucdp-prio-acd-271-csv.zip",
            "UcdpPrioConflict_v27_1.csv",
            "data/ucdp-acd/UcdpPrioConflict_v25_1.csv",
            true,
        ),
        zip(
            "/dyadic/ucdp-dyadic-271-csv.zip",
            "ucdp-dyadic-271.csv",
            "data/ucdp-dyadic/Dyadic_v24_1.csv",
            false,
        ),
        zip(
            "/nsos/ucdp-nonstate-271-csv.zip",
            "NonState_v27_1.csv",
            "data/ucdp-nonstate/NonState_v24_1.api.csv",
            false,
        ),
        zip(
            "/nsos/ucdp-onesided-271-csv.zip",
            "OneSided_v27_1.csv",
            "data/ucdp-onesided/OneSided_v24_1.api.csv",
            false,
        ),
    ]
}

/// A release fetched with `conflictstats fetch` (synthetic ACD "27.1": v25.1 plus its 2024 rows
/// as 2025; a release with no embedded copy and no recorded checksum) is used by `count`, `trend` and `reconcile` through `--version 27.1`, labelled
/// UNVERIFIED everywhere, and refused by `--require-official`.
#[test]
fn a_fetched_acd_27_1_runs_count_trend_and_reconcile() {
    let server = Server::start(releases_27_1(), 4);
    let cache = temp_cache("cli");
    let dir = temp_cache("cli-work");
    for name in ["ucdp-acd", "ucdp-dyadic", "ucdp-nonstate", "ucdp-onesided"] {
        let out = cli(
            &cache,
            &dir,
            &["fetch", name, "27.1", "--base-url", &server.base],
        );
        let text = ok(&out);
        assert!(text.contains("UNVERIFIED"), "{text}");
        assert!(stderr(&out).contains("UNVERIFIED"), "{}", stderr(&out));
    }
    let count = cli(
        &cache,
        &dir,
        &[
            "count",
            "--version",
            "27.1",
            "--from",
            "2024",
            "--to",
            "2025",
            "--format",
            "csv",
            "--provenance-comment",
        ],
    );
    let text = ok(&count);
    assert!(
        text.ends_with("year,conflicts\n2024,61\n2025,61\n"),
        "{text}"
    );
    assert!(
        text.contains("ucdp-acd v27.1") && text.contains("status=unverified"),
        "{text}"
    );
    assert!(
        stderr(&count).contains("UNVERIFIED download"),
        "{}",
        stderr(&count)
    );

    let trend = ok(&cli(
        &cache,
        &dir,
        &[
            "trend",
            "--version",
            "27.1",
            "--bootstrap",
            "0",
            "--format",
            "json",
        ],
    ));
    let v: serde_json::Value = serde_json::from_str(&trend).unwrap();
    let s = v.to_string();
    assert!(
        s.contains("\"version\":\"27.1\"") && s.contains("\"status\":\"unverified\""),
        "{s}"
    );
    assert!(s.contains("2025"), "the trend reaches 2025");

    let rec = ok(&cli(
        &cache,
        &dir,
        &[
            "reconcile",
            "--version",
            "27.1",
            "--year",
            "2025",
            "--format",
            "csv",
        ],
    ));
    assert!(rec.contains("conflict,,2025,61,"), "{rec}");

    // `check` reads the fetched release like an embedded one: its 2025 readings have figures.
    let chk = ok(&cli(
        &cache,
        &dir,
        &[
            "check",
            "--release",
            "27.1",
            "--bootstrap",
            "20",
            "--format",
            "csv",
        ],
    ));
    let level = chk
        .lines()
        .find(|l| {
            l.contains(",conflict,27.1,stated,2025,0,one_year,more than 130 armed conflicts,")
        })
        .unwrap_or_else(|| panic!("{chk}"));
    assert!(level.contains(",fails,61.0,61.0,"), "{level}");
    // (the synthetic 27.1 of the other datasets ends in 2023, as its source does)
    assert!(
        chk.lines()
            .filter(|l| l.contains(",conflict,27.1,"))
            .all(|l| !l.contains("needs release")),
        "{chk}"
    );

    let strict = cli(
        &cache,
        &dir,
        &["--require-official", "count", "--version", "27.1"],
    );
    assert_eq!(strict.status.code(), Some(1));
    assert!(
        stderr(&strict).contains("ucdp-acd v27.1") && stderr(&strict).contains("unverified"),
        "{}",
        stderr(&strict)
    );

    // A cached file edited after the fetch is refused, naming the file.
    let cached = cache.join("ucdp-acd/27.1/ucdp-acd-27.1.csv");
    let mut bytes = std::fs::read(&cached).unwrap();
    bytes.extend_from_slice(b"\n");
    std::fs::write(&cached, &bytes).unwrap();
    let changed = cli(&cache, &dir, &["count", "--version", "27.1"]);
    assert_eq!(changed.status.code(), Some(1));
    assert!(
        stderr(&changed).contains("fetch it again"),
        "{}",
        stderr(&changed)
    );
    let _ = std::fs::remove_dir_all(&cache);
    let _ = std::fs::remove_dir_all(&dir);
}

/// `lock` pins what a command reads; `--locked` passes on the same data and exits 1 naming the
/// dataset when the file changed (ACD v25.1 read from a copy with `--file`).
#[test]
fn acd_v25_1_locked_with_a_changed_file_exits_1() {
    let cache = temp_cache("lock");
    let dir = temp_cache("lock-work");
    let copy = dir.join("acd.csv");
    std::fs::write(&copy, repo_file("data/ucdp-acd/UcdpPrioConflict_v25_1.csv")).unwrap();
    let file = copy.to_str().unwrap();
    let locked = ok(&cli(
        &cache,
        &dir,
        &["lock", "--", "count", "--file", file, "--from", "2024"],
    ));
    assert!(
        locked.contains("locked ucdp-acd v25.1 sha256 a7a2ff6c"),
        "{locked}"
    );
    let lock = std::fs::read_to_string(dir.join("conflictstats.lock")).unwrap();
    assert!(
        lock.contains("[[dataset]]") && lock.contains("bytes = 506186"),
        "{lock}"
    );
    let again = ok(&cli(
        &cache,
        &dir,
        &[
            "--locked", "count", "--file", file, "--from", "2024", "--format", "csv",
        ],
    ));
    assert_eq!(again, "year,conflicts\n2024,61\n");
    // The embedded release has the same bytes: it passes the lock too.
    ok(&cli(
        &cache,
        &dir,
        &["--locked", "count", "--version", "25.1"],
    ));
    // Another release is not what was locked.
    let other = cli(&cache, &dir, &["--locked", "count", "--version", "24.1"]);
    assert_eq!(other.status.code(), Some(1));
    assert!(
        stderr(&other).contains("dataset ucdp-acd: v24.1"),
        "{}",
        stderr(&other)
    );

    // One letter of a name changed: still a valid ACD v25.1 file, but not the release's bytes.
    let mut bytes = std::fs::read(&copy).unwrap();
    let half = bytes.len() / 2;
    let at = half
        + bytes[half..]
            .windows(10)
            .position(|w| w == b"Government")
            .unwrap();
    bytes[at] = b'g';
    std::fs::write(&copy, &bytes).unwrap();
    let changed = cli(
        &cache,
        &dir,
        &["--locked", "count", "--file", file, "--from", "2024"],
    );
    assert_eq!(changed.status.code(), Some(1));
    let err = stderr(&changed);
    assert!(
        err.contains("dataset ucdp-acd") && err.contains("the data changed"),
        "{err}"
    );
    assert!(
        changed.stdout.is_empty(),
        "nothing is printed when the lock fails"
    );

    // --expect-sha256 pins one file without a lockfile; --require-official refuses the
    // modified copy.
    let pinned = cli(
        &cache,
        &dir,
        &[
            "count",
            "--file",
            file,
            "--expect-sha256",
            "a7a2ff6caf6c854f4fafb1b17f616da1ed6bbc00612943ec6e071511ebea7a81",
        ],
    );
    assert_eq!(pinned.status.code(), Some(1));
    assert!(
        stderr(&pinned).contains("differs from the expected a7a2ff6c"),
        "{}",
        stderr(&pinned)
    );
    let strict = cli(
        &cache,
        &dir,
        &["--require-official", "count", "--file", file],
    );
    assert_eq!(strict.status.code(), Some(1));
    assert!(
        stderr(&strict).contains("is modified"),
        "{}",
        stderr(&strict)
    );
    let _ = std::fs::remove_dir_all(&cache);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn offline_fetch_exits_1_naming_the_url() {
    let cache = temp_cache("cli-offline");
    let out = cli(&cache, &cache, &["--offline", "fetch", "ucdp-acd", "26.1"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("ucdp-prio-acd-261-csv.zip") && err.contains("offline"),
        "{err}"
    );
    assert!(files_under(&cache).is_empty());
    let _ = std::fs::remove_dir_all(&cache);
}

/// UCDP's API rows of a shipped CSV, in pages of 1000 (the CLI's page size) at `resource`.
fn api_pages(rel: &str, resource: &str, version: &str) -> Vec<(String, Reply)> {
    let csv = repo_file(rel);
    let mut reader = csv::Reader::from_reader(&csv[..]);
    let header = reader.headers().unwrap().clone();
    let rows: Vec<serde_json::Value> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            serde_json::Value::Object(
                header
                    .iter()
                    .zip(r.iter())
                    .map(|(k, v)| (k.to_string(), serde_json::Value::String(v.to_string())))
                    .collect(),
            )
        })
        .collect();
    let pages = rows.len().div_ceil(1000);
    rows.chunks(1000)
        .enumerate()
        .map(|(i, chunk)| {
            let body = serde_json::json!({
                "TotalCount": rows.len(), "TotalPages": pages, "Result": chunk,
            });
            (
                format!("/api/{resource}/{version}?pagesize=1000&page={i}"),
                Reply::Body("application/json", serde_json::to_vec(&body).unwrap()),
            )
        })
        .collect()
}

/// ACD v26.1 is embedded from a copy whose byte-identity with UCDP's zip is unverified; UCDP's
/// zip has a recorded size (45,955 bytes, OWID's snapshot) and SHA-256 (a third-party script).
/// A download that is not that zip is refused and nothing is cached; a copy of v26.1 from
/// another source (here UCDP's API layout, through a loopback mirror) whose bytes differ from
/// the embedded copy is reported as differing, with the option that reads it, and
/// `--version 26.1` keeps reading the embedded copy.
#[test]
fn acd_v26_1_fetch_checks_the_recorded_zip_and_compares_with_the_embedded_copy() {
    let csv = repo_file("data/ucdp-acd/UcdpPrioConflict_v26_1.csv");
    let zip = zip_of("UcdpPrioConflict_v26_1.csv", &csv);
    assert_ne!(zip.len(), 45_955, "a zip made here is not UCDP's");
    let server = Server::start(
        vec![(
            "/ucdpprio/ucdp-prio-acd-261-csv.zip".to_string(),
            Reply::Body("application/zip", zip),
        )],
        1,
    );
    let cache = temp_cache("acd261");
    let err = fetch(
        "ucdp-acd",
        "26.1",
        &options(&server.base, &cache),
        &mut Silent,
    )
    .unwrap_err();
    let Error::Fetch(e) = err else {
        panic!("expected a fetch error, got {err}");
    };
    assert!(matches!(*e, FetchError::Checksum { .. }), "{e}");
    let msg = e.to_string();
    assert!(
        msg.contains("5f951743222964674a446e32a5a871077b29bd13349588d85fc59953d89c878a")
            && msg.contains("45955 bytes"),
        "{msg}"
    );
    assert!(
        files_under(&cache).is_empty(),
        "nothing cached after: {msg}"
    );

    let server = Server::start(
        api_pages(
            "data/ucdp-acd/UcdpPrioConflict_v26_1.csv",
            "ucdpprioconflict",
            "26.1",
        ),
        3,
    );
    let dir = temp_cache("acd261-work");
    let out = Command::new(env!("CARGO_BIN_EXE_conflictstats"))
        .args([
            "fetch",
            "ucdp-acd",
            "26.1",
            "--api",
            "--base-url",
            &format!("{}/api", server.base),
        ])
        .current_dir(&dir)
        .env("CONFLICTSTATS_CACHE", &cache)
        .env("UCDP_API_TOKEN", "test-token")
        .env_remove("CONFLICTSTATS_BASE_URL")
        .output()
        .unwrap();
    let text = ok(&out);
    let cached = cache.join("ucdp-acd/26.1/ucdp-acd-26.1.api.csv");
    assert!(
        text.contains("the embedded copy of ucdp-acd v26.1 DIFFERS from this download")
            && text.contains("`--version 26.1` keeps reading the embedded copy")
            && text.contains(&format!("--acd-file {}", cached.display())),
        "{text}"
    );
    // `--version 26.1` reads the embedded copy (status embedded, byte-identity unverified)…
    let count = ok(&cli(
        &cache,
        &dir,
        &[
            "count",
            "--version",
            "26.1",
            "--from",
            "2025",
            "--format",
            "csv",
            "--provenance-comment",
        ],
    ));
    assert!(
        count.contains("status=embedded byte_identity=unverified source=embedded:")
            && count.ends_with("year,conflicts\n2025,65\n"),
        "{count}"
    );
    // …and the download is read by naming it: the same rows (a copy with other bytes than the
    // registered v26.1: labelled modified).
    let file = ok(&cli(
        &cache,
        &dir,
        &[
            "count",
            "--acd-file",
            cached.to_str().unwrap(),
            "--from",
            "2025",
            "--format",
            "csv",
        ],
    ));
    assert_eq!(file, "year,conflicts\n2025,65\n");
    let _ = std::fs::remove_dir_all(&cache);
    let _ = std::fs::remove_dir_all(&dir);
}
