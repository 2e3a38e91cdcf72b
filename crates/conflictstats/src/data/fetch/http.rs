//! HTTP for one fetch: its deadline, its credentials, and the redirects it followed.
//!
//! - **Deadline.** Every request of a fetch (API pages, redirects, bodies) shares one overall
//!   deadline ([`FetchOptions::deadline`]); a server sending one byte a second is stopped
//!   when it passes, with [`FetchError::Timeout`] (`deadline`) naming the URL. The read
//!   timeout ([`FetchOptions::read_timeout`]) still catches a server that stalls completely.
//! - **Credentials stay at their origin.** The API token (`x-ucdp-access-token`) and a
//!   mirror's user and password (`https://user:password@mirror/…`, sent as HTTP basic
//!   authentication) belong to the origin (scheme, host, port) of the configured base URL.
//!   Redirects are followed here, not by the client, so that each hop is checked: a hop to
//!   another origin (`localhost` is not `127.0.0.1`) is requested **without** any credential;
//!   if that origin then answers 401/403 the error says why ([`FetchError::Withheld`]). A
//!   redirect from https to plain http, to another scheme, or beyond ten hops is refused.
//! - **User-info never shown.** It is taken out of the base URL before any request, so no URL
//!   built from it carries it; every URL put in an error, a record or the progress report goes
//!   through [`untrusted::redact`].

use super::{FetchOptions, Progress};
use crate::data::cache::Redirect;
use crate::error::{FetchError, Result};
use crate::untrusted;
use std::io::{Read, Write};
use std::time::{Duration, Instant};
use ureq::http::Uri;

/// Redirects followed at most, per request.
const MAX_REDIRECTS: usize = 10;

/// The origin of a URL: scheme, host and port (the scheme's default port when none is
/// written), compared exactly: `http://localhost:8080` and `http://127.0.0.1:8080` differ.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Origin {
    scheme: String,
    host: String,
    port: u16,
}

impl Origin {
    pub(super) fn of(url: &str) -> Option<Origin> {
        let uri: Uri = url.parse().ok()?;
        let scheme = uri.scheme_str()?.to_ascii_lowercase();
        let port = uri.port_u16().or(match scheme.as_str() {
            "http" => Some(80),
            "https" => Some(443),
            _ => None,
        })?;
        Some(Origin {
            host: uri.host()?.to_ascii_lowercase(),
            scheme,
            port,
        })
    }
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}://{}:{}", self.scheme, self.host, self.port)
    }
}

/// A base URL with its user-info taken out: `clean` is what requests and messages use.
pub(super) struct Base {
    pub(super) clean: String,
    /// `user:password`, percent-decoded, if the URL carried one.
    user_info: Option<String>,
}

impl Base {
    pub(super) fn parse(url: &str) -> Base {
        let url = url.trim();
        let Some(i) = url.find("://") else {
            return Base {
                clean: url.to_string(),
                user_info: None,
            };
        };
        let start = i + 3;
        let end = url[start..]
            .find(['/', '?', '#'])
            .map_or(url.len(), |j| start + j);
        match url[start..end].rfind('@') {
            Some(at) => Base {
                clean: format!("{}{}", &url[..start], &url[start + at + 1..]),
                user_info: Some(percent_decode(&url[start..start + at])),
            },
            None => Base {
                clean: url.to_string(),
                user_info: None,
            },
        }
    }
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%'
            && i + 2 < b.len()
            && let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2]))
        {
            out.push(u8::try_from(h * 16 + l).unwrap_or(b'?'));
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn base64(input: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(input.len().div_ceil(3) * 4);
    for chunk in input.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | (u32::from(b) << (16 - 8 * i)));
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(A[((n >> (18 - 6 * k)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A credential and the origin it may be sent to.
struct Credential {
    origin: Origin,
    /// What it is, for messages: `access token`, `user and password`.
    what: &'static str,
    headers: Vec<(&'static str, String)>,
}

/// An answer of status 200, and the URL that gave it (after redirects).
pub(super) struct Got {
    pub(super) response: ureq::http::Response<ureq::Body>,
    pub(super) url: String,
}

/// The HTTP side of one fetch.
pub(super) struct Client<'a> {
    agent: ureq::Agent,
    opts: &'a FetchOptions,
    deadline: Instant,
    credential: Option<Credential>,
    /// Every redirect followed so far (redacted).
    pub(super) redirects: Vec<Redirect>,
}

impl<'a> Client<'a> {
    /// A client for one fetch from `base`: its deadline starts now; `token` (the API's) and
    /// the base's user-info are sent only to the base's origin.
    pub(super) fn new(opts: &'a FetchOptions, base: &Base, token: Option<&str>) -> Client<'a> {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_connect(Some(opts.connect_timeout))
            .timeout_per_read(Some(opts.read_timeout))
            .timeout_recv_response(Some(opts.read_timeout))
            .user_agent(concat!("conflictstats/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        let mut headers = Vec::new();
        if let Some(t) = token {
            headers.push(("x-ucdp-access-token", t.to_string()));
        }
        if let Some(u) = &base.user_info {
            headers.push(("authorization", format!("Basic {}", base64(u.as_bytes()))));
        }
        let what = if token.is_some() {
            "access token"
        } else {
            "user and password"
        };
        let credential = Origin::of(&base.clean)
            .filter(|_| !headers.is_empty())
            .map(|origin| Credential {
                origin,
                what,
                headers,
            });
        Client {
            agent,
            opts,
            deadline: Instant::now() + opts.deadline,
            credential,
            redirects: Vec::new(),
        }
    }

    fn deadline_passed(&self, url: &str) -> FetchError {
        FetchError::Timeout {
            url: untrusted::redact(url).into_owned(),
            phase: "deadline".to_string(),
            seconds: self.opts.deadline.as_secs_f64(),
        }
    }

    /// GET `url`, following redirects (see the module's rules); any final status but 200 is
    /// an error.
    pub(super) fn get(&mut self, url: &str) -> Result<Got> {
        let shown = |u: &str| untrusted::redact(u).into_owned();
        if let Some(why) = &self.opts.offline {
            return Err(FetchError::Offline {
                url: shown(url),
                why: why.clone(),
            }
            .into());
        }
        let mut current = url.to_string();
        for _ in 0..=MAX_REDIRECTS {
            let origin = Origin::of(&current).ok_or_else(|| FetchError::Network {
                url: shown(&current),
                message: "not an http(s) address with a host".to_string(),
            })?;
            let remaining = self
                .deadline
                .checked_duration_since(Instant::now())
                .filter(|d| !d.is_zero())
                .ok_or_else(|| self.deadline_passed(&current))?;
            let mut req = self
                .agent
                .get(&current)
                .config()
                .timeout_global(Some(remaining))
                .build();
            let credential = self.credential.as_ref();
            if let Some(c) = credential.filter(|c| c.origin == origin) {
                for (k, v) in &c.headers {
                    req = req.header(*k, v);
                }
            }
            let response = req.call().map_err(|e| self.network_error(e, &current))?;
            let status = response.status().as_u16();
            if matches!(status, 301 | 302 | 303 | 307 | 308) {
                let next = self.follow(&current, &response, status)?;
                self.redirects.push(Redirect {
                    status,
                    url: shown(&current),
                    location: shown(&next),
                });
                current = next;
                continue;
            }
            if status == 200 {
                return Ok(Got {
                    response,
                    url: current,
                });
            }
            return Err(match credential.filter(|c| c.origin != origin) {
                Some(c) if matches!(status, 401 | 403) => FetchError::Withheld {
                    url: shown(&current),
                    status,
                    origin: origin.to_string(),
                    allowed: c.origin.to_string(),
                    credential: c.what.to_string(),
                },
                _ => FetchError::Status {
                    url: shown(&current),
                    status,
                },
            }
            .into());
        }
        Err(FetchError::Redirect {
            url: shown(url),
            message: format!("more than {MAX_REDIRECTS} redirects"),
        }
        .into())
    }

    /// Where a redirect leads: its `Location`, resolved against `from`, without user-info;
    /// refused if it leaves http(s) or goes from https down to http.
    fn follow(
        &self,
        from: &str,
        response: &ureq::http::Response<ureq::Body>,
        status: u16,
    ) -> Result<String> {
        let refuse = |message: String| FetchError::Redirect {
            url: untrusted::redact(from).into_owned(),
            message,
        };
        let location = response
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .ok_or_else(|| refuse(format!("HTTP {status} without a readable Location")))?;
        let next = Base::parse(&resolve(from, location)).clean;
        let scheme = |u: &str| u.split("://").next().unwrap_or("").to_ascii_lowercase();
        let (a, b) = (scheme(from), scheme(&next));
        let shown = untrusted::shown(&next);
        if b != "http" && b != "https" || Origin::of(&next).is_none() {
            return Err(refuse(format!("to {shown}, not an http(s) address")).into());
        }
        if a == "https" && b == "http" {
            return Err(refuse(format!(
                "to {shown}: from https down to plain http (unencrypted)"
            ))
            .into());
        }
        Ok(next)
    }

    fn network_error(&self, e: ureq::Error, url: &str) -> FetchError {
        use ureq::Timeout as T;
        let url = untrusted::redact(url).into_owned();
        let timeout = |phase: &str, d: Duration| FetchError::Timeout {
            url: url.clone(),
            phase: phase.to_string(),
            seconds: d.as_secs_f64(),
        };
        match e {
            _ if Instant::now() >= self.deadline => self.deadline_passed(&url),
            ureq::Error::Timeout(T::Global) => self.deadline_passed(&url),
            ureq::Error::Timeout(T::Connect | T::Resolve) => {
                timeout("connect", self.opts.connect_timeout)
            }
            ureq::Error::Timeout(T::RecvResponse) => timeout("response", self.opts.read_timeout),
            ureq::Error::Timeout(_) => timeout("body", self.opts.read_timeout),
            ureq::Error::Io(io)
                if matches!(
                    io.kind(),
                    std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock
                ) =>
            {
                timeout("body", self.opts.read_timeout)
            }
            ureq::Error::StatusCode(status) => FetchError::Status { url, status },
            other => FetchError::Network {
                message: untrusted::shown(&other.to_string()),
                url,
            },
        }
    }

    /// Streams the body of `got` into `out` (at most `cap` bytes, within the deadline);
    /// returns the bytes read.
    pub(super) fn receive(
        &self,
        got: Got,
        out: &mut dyn Write,
        cap: u64,
        progress: &mut dyn Progress,
    ) -> Result<u64> {
        let url = untrusted::redact(&got.url).into_owned();
        let announced = got.response.body().content_length();
        let too_large = |what: String| FetchError::TooLarge {
            url: url.clone(),
            what,
            cap,
        };
        if let Some(n) = announced.filter(|&n| n > cap) {
            return Err(too_large(format!("the announced size ({n} bytes)")).into());
        }
        progress.begin(&url, announced);
        let reader = got.response.into_body().into_reader();
        let result = copy_capped(reader, out, cap, Some(self.deadline), progress);
        progress.end();
        let received = match result {
            Ok(n) => n,
            Err((e, received)) => {
                let err = self.network_error(ureq::Error::from(e), &url);
                return Err(match (err, announced) {
                    (FetchError::Network { .. }, Some(expected)) if received < expected => {
                        FetchError::Truncated {
                            url,
                            received,
                            expected,
                        }
                    }
                    (err, _) => err,
                }
                .into());
            }
        };
        if received > cap {
            return Err(too_large(format!("the body (more than {cap} bytes)")).into());
        }
        if let Some(expected) = announced.filter(|&n| n != received) {
            return Err(FetchError::Truncated {
                url,
                received,
                expected,
            }
            .into());
        }
        Ok(received)
    }
}

/// `location` resolved against the URL `from`: absolute, scheme-relative (`//host/…`),
/// absolute path (`/…`) or relative to `from`'s folder.
fn resolve(from: &str, location: &str) -> String {
    let location = location.trim();
    if location.contains("://") {
        return location.to_string();
    }
    let scheme_end = from.find("://").map_or(0, |i| i + 3);
    if let Some(rest) = location.strip_prefix("//") {
        return format!("{}{rest}", &from[..scheme_end]);
    }
    let path_start = from[scheme_end..]
        .find(['/', '?', '#'])
        .map_or(from.len(), |j| scheme_end + j);
    if location.starts_with('/') {
        return format!("{}{location}", &from[..path_start]);
    }
    let path_end = from[path_start..]
        .find(['?', '#'])
        .map_or(from.len(), |j| path_start + j);
    let folder = from[path_start..path_end]
        .rfind('/')
        .map_or(path_start, |j| path_start + j + 1);
    if folder == path_start {
        format!("{}/{location}", &from[..path_start])
    } else {
        format!("{}{location}", &from[..folder])
    }
}

/// Copies at most `cap + 1` bytes, stopping with `TimedOut` once `deadline` has passed; the
/// error carries the bytes copied before it.
pub(super) fn copy_capped(
    mut reader: impl Read,
    out: &mut dyn Write,
    cap: u64,
    deadline: Option<Instant>,
    progress: &mut dyn Progress,
) -> std::result::Result<u64, (std::io::Error, u64)> {
    let mut buf = vec![0u8; 64 * 1024];
    let mut done = 0u64;
    while done <= cap {
        if deadline.is_some_and(|d| Instant::now() >= d) {
            let e = std::io::Error::new(std::io::ErrorKind::TimedOut, "deadline");
            return Err((e, done));
        }
        let n = match reader.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err((e, done)),
        };
        out.write_all(&buf[..n]).map_err(|e| (e, done))?;
        done += n as u64;
        progress.advance(done);
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_differ_by_scheme_host_and_port() {
        let o = |u: &str| Origin::of(u).unwrap();
        assert_eq!(o("http://127.0.0.1/a"), o("HTTP://127.0.0.1:80/b?c"));
        assert_ne!(o("http://127.0.0.1:8080/"), o("http://localhost:8080/"));
        assert_ne!(o("http://h:1/"), o("http://h:2/"));
        assert_ne!(o("http://h/"), o("https://h/"));
        assert_eq!(o("https://h/").port, 443);
    }

    #[test]
    fn user_info_is_taken_out_of_the_base() {
        let b = Base::parse("http://ann:p%40ss@127.0.0.1:9/mirror");
        assert_eq!(b.clean, "http://127.0.0.1:9/mirror");
        assert_eq!(b.user_info.as_deref(), Some("ann:p@ss"));
        assert!(Base::parse("http://h/x@y").user_info.is_none());
        assert_eq!(base64(b"ann:p@ss"), "YW5uOnBAc3M=");
        assert_eq!(base64(b"ab"), "YWI=");
        assert_eq!(base64(b"abc"), "YWJj");
    }

    #[test]
    fn locations_resolve_against_the_current_url() {
        let from = "http://a:1/dl/x/file.zip?q=1";
        assert_eq!(resolve(from, "http://b:2/y"), "http://b:2/y");
        assert_eq!(resolve(from, "//b:2/y"), "http://b:2/y");
        assert_eq!(resolve(from, "/y.zip"), "http://a:1/y.zip");
        assert_eq!(resolve(from, "y.zip"), "http://a:1/dl/x/y.zip");
        assert_eq!(resolve("http://a:1", "y.zip"), "http://a:1/y.zip");
    }
}
