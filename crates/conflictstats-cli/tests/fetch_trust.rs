//! What crosses the door when fetching (issue 23), with the binary against loopback servers
//! (see `loopback/mod.rs`): the API token and a mirror's password stay at their origin and are
//! never printed or stored; hostile zip member names are refused, escaped; every limit holds
//! (the overall deadline, the API's page cap); leftovers of killed fetches are cleaned;
//! `--force` replaces the whole folder; `--require-official` and `--locked` apply to `fetch`;
//! an edited cached file is an integrity error before it is parsed.
//!
//! Releases: UCDP Non-State v23.1 (a known release: its zip verifies as official) and a
//! synthetic Non-State "26.1" (v23.1 with its `version` column set to 26.1: no published
//! checksum, so unverified).

mod loopback;

use loopback::{Reply, Server, cli, files_under, repo_file, stderr, stdout, temp_dir, zip_of};
use std::path::Path;
use std::time::{Duration, Instant, SystemTime};

const NS_23_1: &str = "/nsos/ucdp-nonstate-231-csv.zip";
const NS_26_1: &str = "/nsos/ucdp-nonstate-261-csv.zip";

fn nonstate_23_1_zip() -> Vec<u8> {
    zip_of(
        "Nonstate_v23_1.csv",
        &repo_file("data/ucdp-nonstate/Nonstate_v23_1.csv"),
    )
}

/// UCDP Non-State v23.1 with every row's version set to 26.1 (unverified when fetched).
fn nonstate_26_1_csv() -> Vec<u8> {
    let text = String::from_utf8(repo_file("data/ucdp-nonstate/Nonstate_v23_1.csv")).unwrap();
    text.replace("\"23.1\"", "\"26.1\"").into_bytes()
}

fn json_error_kind(out: &std::process::Output) -> String {
    let v: serde_json::Value = serde_json::from_str(&stdout(out)).unwrap_or_else(|e| {
        panic!("{e}: {}", stdout(out));
    });
    v["error"]["kind"].as_str().unwrap_or_default().to_string()
}

fn has_token(head: &str) -> bool {
    head.contains("x-ucdp-access-token") || head.contains("secret123")
}

/// `UCDP_API_TOKEN=secret123 fetch --api` where the API redirects to another origin —
/// `localhost:B`, then `127.0.0.1:B` (same host, another port) — never sends the token there;
/// that origin's 401 is explained. A redirect within the origin keeps the token.
#[test]
fn the_api_token_never_reaches_another_origin() {
    let page = "/api/onesided/23.1?pagesize=1000&page=0";
    let other = Server::start(vec![(page.to_string(), Reply::Status(401))], 2);
    let cache = temp_dir("token");
    for host in ["localhost", "127.0.0.1"] {
        let to = format!("http://{host}:{}{page}", other.port);
        let api = Server::start(vec![(page.to_string(), Reply::Redirect(302, to))], 1);
        let out = cli(
            &cache,
            &cache,
            &[("UCDP_API_TOKEN", "secret123")],
            &[
                "fetch",
                "ucdp-onesided",
                "23.1",
                "--api",
                "--base-url",
                &format!("{}/api", api.base),
            ],
        );
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains("HTTP 401")
                && err.contains(&format!("{host}:{}", other.port))
                && err.contains("access token is sent only to"),
            "{err}"
        );
        assert!(!err.contains("secret123"), "{err}");
        let heads = api.heads();
        assert!(heads.len() == 1 && has_token(&heads[0]), "{heads:?}");
    }
    let heads = other.heads();
    assert_eq!(heads.len(), 2, "both redirects were followed: {heads:?}");
    assert!(
        heads.iter().all(|h| !has_token(h)),
        "the token reached another origin: {heads:?}"
    );
    // Within the origin, the token goes along.
    let moved = "/api/moved?page=0";
    let api = Server::start(
        vec![
            (page.to_string(), Reply::Redirect(307, moved.to_string())),
            (moved.to_string(), Reply::Status(503)),
        ],
        2,
    );
    let out = cli(
        &cache,
        &cache,
        &[("UCDP_API_TOKEN", "secret123")],
        &[
            "fetch",
            "ucdp-onesided",
            "23.1",
            "--api",
            "--base-url",
            &format!("{}/api", api.base),
        ],
    );
    assert!(
        stderr(&out).contains("/api/moved?page=0: HTTP 503"),
        "{}",
        stderr(&out)
    );
    let heads = api.heads();
    assert!(
        heads.len() == 2 && heads.iter().all(|h| has_token(h)),
        "{heads:?}"
    );
    assert!(files_under(&cache).is_empty());
    let _ = std::fs::remove_dir_all(&cache);
}

/// `--base-url http://ann:hunter2pw@127.0.0.1:A` whose zip redirects to `localhost:B`: the
/// user and password go to A only (basic authentication), and appear in no output, error,
/// `release.json` or lockfile; `release.json` records the final URL and the redirect.
#[test]
fn a_mirror_password_is_never_printed_or_stored() {
    let zip = zip_of("NonState_v26_1.csv", &nonstate_26_1_csv());
    let b = Server::start(
        vec![(NS_26_1.to_string(), Reply::Body("application/zip", zip))],
        2,
    );
    let to = format!("http://localhost:{}{NS_26_1}", b.port);
    let a = Server::start(
        vec![
            (NS_26_1.to_string(), Reply::Redirect(302, to.clone())),
            (
                "/nsos/ucdp-nonstate-271-csv.zip".to_string(),
                Reply::Status(404),
            ),
        ],
        3,
    );
    let base = format!("http://ann:hunter2pw@127.0.0.1:{}", a.port);
    let cache = temp_dir("password");
    let work = temp_dir("password-work");
    let mut seen = String::new();
    let mut run = |args: &[&str]| {
        let out = cli(&cache, &work, &[], args);
        seen.push_str(&stdout(&out));
        seen.push_str(&stderr(&out));
        out
    };
    let fetched = run(&["fetch", "ucdp-nonstate", "26.1", "--base-url", &base]);
    assert!(fetched.status.success(), "{}", stderr(&fetched));
    assert!(
        stdout(&fetched).contains(&format!("served  by {to} after 1 redirect")),
        "{}",
        stdout(&fetched)
    );
    let json = run(&[
        "fetch",
        "ucdp-nonstate",
        "26.1",
        "--base-url",
        &base,
        "--format",
        "json",
    ]);
    assert!(json.status.success());
    let missing = run(&["fetch", "ucdp-nonstate", "27.1", "--base-url", &base]);
    assert!(
        stderr(&missing).contains("HTTP 404"),
        "{}",
        stderr(&missing)
    );
    let locked = run(&[
        "lock",
        "--",
        "count",
        "--unit",
        "nonstate_conflict",
        "--version",
        "26.1",
    ]);
    assert!(locked.status.success(), "{}", stderr(&locked));
    let record = std::fs::read_to_string(cache.join("ucdp-nonstate/26.1/release.json")).unwrap();
    let lock = std::fs::read_to_string(work.join("conflictstats.lock")).unwrap();
    for text in [&seen, &record, &lock] {
        assert!(
            !text.contains("hunter2pw") && !text.contains("ann:") && !text.contains("ann@"),
            "{text}"
        );
    }
    let r: serde_json::Value = serde_json::from_str(&record).unwrap();
    assert_eq!(r["url"], format!("http://127.0.0.1:{}{NS_26_1}", a.port));
    assert_eq!(r["final_url"], to);
    assert_eq!(r["redirects"][0]["status"], 302);
    assert_eq!(r["redirects"][0]["location"], to);
    assert_eq!(r["file_name"], "ucdp-nonstate-26.1.csv");
    assert_eq!(r["member"], "NonState_v26_1.csv");
    // Basic authentication went to A (YW5uOmh1bnRlcjJwdw== is ann:hunter2pw), never to B.
    assert!(a.heads()[0].contains("authorization: basic yw5uomh1bnrlcjjwdw=="));
    assert!(
        b.heads().iter().all(|h| !h.contains("authorization")),
        "{:?}",
        b.heads()
    );
    let _ = std::fs::remove_dir_all(&cache);
    let _ = std::fs::remove_dir_all(&work);
}

/// A zip whose CSV is named as a path or with terminal escapes or newlines is refused with one
/// error line naming the URL and the escaped name; nothing is cached or written outside.
#[test]
fn hostile_member_names_are_refused_escaped() {
    let names = [
        ("../../../outside.csv", "`../../../outside.csv`"),
        ("\u{1b}[2J\u{1b}[31mred.csv", "\\x1b[2J\\x1b[31mred.csv"),
        (
            "x.csv\nfetched: ucdp-acd v26.1 from https://ucdp.uu.se/x.csv",
            "x.csv\\nfetched: ucdp-acd",
        ),
    ];
    let csv = repo_file("data/ucdp-nonstate/Nonstate_v23_1.csv");
    for (name, shown) in names {
        let server = Server::start(
            vec![(
                NS_23_1.to_string(),
                Reply::Body("application/zip", zip_of(name, &csv)),
            )],
            2,
        );
        let root = temp_dir("member");
        let cache = root.join("a/b/c/cache");
        let args = ["fetch", "ucdp-nonstate", "23.1", "--base-url", &server.base];
        let out = cli(&cache, &root, &[], &args);
        assert_eq!(out.status.code(), Some(1));
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "one line: {err:?}");
        assert!(!err.contains('\u{1b}'), "{err:?}");
        assert!(
            err.contains(&format!("{}{NS_23_1}", server.base)) && err.contains(shown),
            "{err:?}"
        );
        let json = cli(
            &cache,
            &root,
            &[],
            &[&args[..], &["--format", "json"]].concat(),
        );
        assert_eq!(json_error_kind(&json), "fetch");
        assert!(files_under(&root).is_empty(), "{:?}", files_under(&root));
        let _ = std::fs::remove_dir_all(&root);
    }
}

/// A server that sends one byte every half second is stopped at the overall deadline
/// (`--timeout 2`), with an error naming the URL.
#[test]
fn a_slow_drip_ends_at_the_deadline() {
    let body = nonstate_23_1_zip()[..100].to_vec();
    let server = Server::start(
        vec![(
            NS_23_1.to_string(),
            Reply::Drip(body, Duration::from_millis(500)),
        )],
        1,
    );
    let cache = temp_dir("drip");
    let start = Instant::now();
    let out = cli(
        &cache,
        &cache,
        &[],
        &[
            "fetch",
            "ucdp-nonstate",
            "23.1",
            "--base-url",
            &server.base,
            "--timeout",
            "2",
        ],
    );
    let took = start.elapsed();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("{}{NS_23_1}", server.base)) && err.contains("deadline of 2 s"),
        "{err}"
    );
    assert!(took < Duration::from_secs(5), "took {took:?}");
    assert!(files_under(&cache).is_empty());
    let _ = std::fs::remove_dir_all(&cache);
}

/// An API page claiming `TotalPages: 1000000` for 3 rows is stopped at its first page.
#[test]
fn huge_total_pages_are_refused() {
    let page = "/api/onesided/23.1?pagesize=1000&page=0";
    let body = serde_json::json!({
        "TotalCount": 3, "TotalPages": 1_000_000,
        "Result": [{"a": 1}, {"a": 2}, {"a": 3}],
    });
    let server = Server::start(
        vec![(
            page.to_string(),
            Reply::Body("application/json", serde_json::to_vec(&body).unwrap()),
        )],
        3,
    );
    let cache = temp_dir("pages");
    let out = cli(
        &cache,
        &cache,
        &[("UCDP_API_TOKEN", "t")],
        &[
            "fetch",
            "ucdp-onesided",
            "23.1",
            "--api",
            "--base-url",
            &format!("{}/api", server.base),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out)
            .contains("TotalPages is 1000000, but TotalCount 3 in pages of 1000 needs at most 1"),
        "{}",
        stderr(&out)
    );
    assert_eq!(server.heads().len(), 1);
    assert!(files_under(&cache).is_empty());
    let _ = std::fs::remove_dir_all(&cache);
}

fn age(path: &Path, by: Duration) {
    let f = std::fs::File::options().write(true).open(path).unwrap();
    f.set_modified(SystemTime::now() - by).unwrap();
}

/// Leftovers of killed fetches (`.partial-<pid>-*`) are removed by the next fetch when stale
/// (their process is gone and they are idle); a live process's, or a fresh one, is kept.
/// `--force` then replaces the whole release folder.
#[test]
fn stale_partials_are_cleaned_and_force_replaces_the_folder() {
    let server = Server::start(
        vec![(
            NS_23_1.to_string(),
            Reply::Body("application/zip", nonstate_23_1_zip()),
        )],
        2,
    );
    let cache = temp_dir("stale");
    let dead = cache.join(".partial-4194303-0.zip");
    let alive = cache.join(format!(".partial-{}-0.zip", std::process::id()));
    let fresh = cache.join(".partial-4194302-1.csv");
    for p in [&dead, &alive, &fresh] {
        std::fs::write(p, b"partial").unwrap();
    }
    age(&dead, Duration::from_secs(3600));
    age(&alive, Duration::from_secs(3600));
    let args = ["fetch", "ucdp-nonstate", "23.1", "--base-url", &server.base];
    let out = cli(&cache, &cache, &[], &args);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!dead.exists() && alive.exists() && fresh.exists());
    let folder = cache.join("ucdp-nonstate/23.1");
    std::fs::write(folder.join("Nonstate_v23_1.csv"), b"an older fetch's file").unwrap();
    let out = cli(&cache, &cache, &[], &[&args[..], &["--force"]].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    let names: Vec<String> = files_under(&folder)
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().to_string())
        .collect();
    assert_eq!(names, ["release.json", "ucdp-nonstate-23.1.csv"]);
    let leftovers: Vec<_> = std::fs::read_dir(&cache)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with(".partial-"))
        .collect();
    assert_eq!(leftovers.len(), 2, "only the kept two: {leftovers:?}");
    let _ = std::fs::remove_dir_all(&cache);
}

/// `fetch --require-official` refuses an unverified release (synthetic Non-State 26.1) and
/// stores nothing, and accepts the verified v23.1; `fetch --locked` refuses bytes other than
/// the lock's, and accepts the pinned ones.
#[test]
fn require_official_and_locked_apply_to_fetch() {
    let csv = nonstate_26_1_csv();
    let server = Server::start(
        vec![
            (
                NS_26_1.to_string(),
                Reply::Body("application/zip", zip_of("NonState_v26_1.csv", &csv)),
            ),
            (
                NS_23_1.to_string(),
                Reply::Body("application/zip", nonstate_23_1_zip()),
            ),
        ],
        6,
    );
    let cache = temp_dir("pins");
    let args = |v: &'static str| -> Vec<String> {
        [
            "fetch",
            "ucdp-nonstate",
            v,
            "--base-url",
            &server.base,
            "--format",
            "json",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    };
    let run = |pre: &[&str], v: &'static str| {
        let a = args(v);
        let all: Vec<&str> = pre
            .iter()
            .copied()
            .chain(a.iter().map(String::as_str))
            .collect();
        cli(&cache, &cache, &[], &all)
    };
    let strict = run(&["--require-official"], "26.1");
    assert_eq!(strict.status.code(), Some(1));
    assert_eq!(json_error_kind(&strict), "integrity");
    assert!(
        stdout(&strict).contains("nothing was stored"),
        "{}",
        stdout(&strict)
    );
    assert!(files_under(&cache).is_empty());
    assert!(run(&["--require-official"], "23.1").status.success());

    let sha = conflictstats::data::registry::sha256_hex(&csv);
    let lock = cache.join("conflictstats.lock");
    let pin = |sha: &str| {
        let text = format!(
            "[[dataset]]\nname = \"ucdp-nonstate\"\nversion = \"26.1\"\nsource = \"x\"\nsha256 = \"{sha}\"\nbytes = {}\nstatus = \"unverified\"\n",
            csv.len()
        );
        std::fs::write(&lock, text).unwrap();
    };
    pin(&"0".repeat(64));
    let changed = run(&["--locked"], "26.1");
    assert_eq!(changed.status.code(), Some(1));
    assert_eq!(json_error_kind(&changed), "integrity");
    assert!(
        stdout(&changed).contains("the data changed"),
        "{}",
        stdout(&changed)
    );
    assert!(!cache.join("ucdp-nonstate/26.1").exists());
    pin(&sha);
    let ok = run(&["--locked"], "26.1");
    assert!(ok.status.success(), "{}", stdout(&ok));
    let _ = std::fs::remove_dir_all(&cache);
}

/// A one-byte edit of a cached file is an `integrity` error ("changed since it was fetched —
/// fetch it again"), found before the file is parsed (the edit makes a year unparseable);
/// `fetch` then downloads it again.
#[test]
fn an_edited_cached_file_is_an_integrity_error_before_it_is_parsed() {
    let zip = zip_of("NonState_v26_1.csv", &nonstate_26_1_csv());
    let server = Server::start(
        vec![(NS_26_1.to_string(), Reply::Body("application/zip", zip))],
        2,
    );
    let cache = temp_dir("edited");
    let fetch = ["fetch", "ucdp-nonstate", "26.1", "--base-url", &server.base];
    assert!(cli(&cache, &cache, &[], &fetch).status.success());
    let file = cache.join("ucdp-nonstate/26.1/ucdp-nonstate-26.1.csv");
    let mut bytes = std::fs::read(&file).unwrap();
    let at = bytes.windows(6).position(|w| w == b"\"2021\"").unwrap();
    bytes[at + 1] = b'X';
    std::fs::write(&file, &bytes).unwrap();
    let count = [
        "count",
        "--unit",
        "nonstate_conflict",
        "--version",
        "26.1",
        "--format",
        "json",
    ];
    let out = cli(&cache, &cache, &[], &count);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json_error_kind(&out), "integrity");
    assert!(
        stdout(&out).contains("changed since it was fetched (")
            && stdout(&out).contains(") — fetch it again"),
        "{}",
        stdout(&out)
    );
    let again = cli(&cache, &cache, &[], &fetch);
    assert!(
        again.status.success() && stdout(&again).starts_with("fetched:"),
        "{}",
        stderr(&again)
    );
    assert!(cli(&cache, &cache, &[], &count).status.success());
    let _ = std::fs::remove_dir_all(&cache);
}
