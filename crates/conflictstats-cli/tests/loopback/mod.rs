//! A loopback HTTP server for the fetch tests that check what crosses the door: it records the
//! head of every request (to assert which headers reached which origin), and can redirect,
//! drip a body one byte at a time, or answer with a status. A std `TcpListener` on
//! `127.0.0.1:0`, in a thread that serves a bounded number of connections one at a time and
//! stops by itself after 30 s.

#![allow(dead_code)] // each test file uses its part

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What the server answers for one path (with its query).
#[derive(Clone)]
pub enum Reply {
    /// 200 with this content type and body.
    Body(&'static str, Vec<u8>),
    /// This status, empty body.
    Status(u16),
    /// This redirect status, with this `Location`.
    Redirect(u16, String),
    /// 200 announcing the body's length, then one byte of it every interval.
    Drip(Vec<u8>, Duration),
}

pub struct Server {
    /// `http://127.0.0.1:<port>`.
    pub base: String,
    pub port: u16,
    heads: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Serves `routes` for at most `max` connections or 30 s.
    pub fn start(routes: Vec<(String, Reply)>, max: usize) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let port = listener.local_addr().unwrap().port();
        let heads = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&heads);
        std::thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(30);
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
        Server {
            base: format!("http://127.0.0.1:{port}"),
            port,
            heads,
        }
    }

    /// The head (request line and headers) of every request received, lower-cased.
    pub fn heads(&self) -> Vec<String> {
        self.heads.lock().unwrap().clone()
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
    let head = String::from_utf8_lossy(&head).to_ascii_lowercase();
    let path = head.split_whitespace().nth(1).unwrap_or("").to_string();
    seen.lock().unwrap().push(head);
    let reply = routes
        .iter()
        .find(|(p, _)| p.to_ascii_lowercase() == path)
        .map_or(Reply::Status(404), |(_, r)| r.clone());
    let head = |status: &str, extra: &str, len: usize| {
        format!("HTTP/1.1 {status}\r\n{extra}Content-Length: {len}\r\nConnection: close\r\n\r\n")
    };
    let _ = match reply {
        Reply::Body(ctype, body) => stream
            .write_all(head("200 OK", &format!("Content-Type: {ctype}\r\n"), body.len()).as_bytes())
            .and_then(|()| stream.write_all(&body)),
        Reply::Status(code) => stream.write_all(head(&format!("{code} Status"), "", 0).as_bytes()),
        Reply::Redirect(code, to) => stream.write_all(
            head(&format!("{code} Moved"), &format!("Location: {to}\r\n"), 0).as_bytes(),
        ),
        Reply::Drip(body, every) => {
            let h = head("200 OK", "Content-Type: application/zip\r\n", body.len());
            let mut r = stream.write_all(h.as_bytes());
            for b in body {
                if r.is_err() {
                    break;
                }
                std::thread::sleep(every);
                r = stream.write_all(&[b]).and_then(|()| stream.flush());
            }
            r
        }
    };
    let _ = stream.flush();
}

pub fn repo_file(rel: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A zip holding `name` with `bytes`, deflated, as UCDP's downloads are.
pub fn zip_of(name: &str, bytes: &[u8]) -> Vec<u8> {
    use zip::write::SimpleFileOptions;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    w.start_file(name, opts).unwrap();
    w.write_all(bytes).unwrap();
    w.finish().unwrap().into_inner()
}

/// A fresh, empty directory.
pub fn temp_dir(tag: &str) -> PathBuf {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("cs-trust-{tag}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Every file under `dir`, sorted.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                out.extend(files_under(&p));
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The binary, with `CONFLICTSTATS_CACHE=cache`, in `dir`, with extra environment `env`.
pub fn cli(cache: &Path, dir: &Path, env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_conflictstats"));
    cmd.args(args)
        .current_dir(dir)
        .env("CONFLICTSTATS_CACHE", cache)
        .env_remove("CONFLICTSTATS_BASE_URL")
        .env_remove("CONFLICTSTATS_TIMEOUT")
        .env_remove("UCDP_API_TOKEN");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("the conflictstats binary runs")
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).to_string()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}
