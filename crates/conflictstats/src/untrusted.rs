//! Text that comes from outside — a mirror's URL, a redirect's `Location`, a zip member's
//! name, a value in a downloaded file — made safe before it reaches a terminal, a file name
//! or a stored record. The rules live here once; the CLI, the bindings and the fetcher call
//! them.
//!
//! - [`escape`]: control characters (C0, DEL, C1: `ESC`, newline, carriage return, …) and the
//!   bidirectional-text controls are shown as escapes (`\x1b`, `\n`, `\u{202e}`), so that a
//!   name cannot clear the screen, move the cursor, forge an extra output line or reorder
//!   what is shown. Printable text, the backslash included, passes unchanged: escaping twice
//!   is escaping once.
//! - [`redact`]: the user-info of every URL in a text (`https://user:password@host/…`) is
//!   removed, so that a mirror's password is never printed, logged, put in an error or stored.
//! - [`file_name_problem`]: why a name from outside cannot name a file (a path separator,
//!   `..`, an absolute path, a control character), if it cannot.
//!
//! ```
//! use conflictstats::untrusted::{escape, file_name_problem, redact};
//!
//! assert_eq!(escape("UcdpPrioConflict_v26_1.csv"), "UcdpPrioConflict_v26_1.csv");
//! assert_eq!(escape("\u{1b}[2Jx.csv\nfetched: evil"), "\\x1b[2Jx.csv\\nfetched: evil");
//! assert_eq!(escape(&escape("a\tb")), "a\\tb"); // idempotent
//! assert_eq!(
//!     redact("https://ann:s3cret@mirror.example/ucdp/x.zip: HTTP 404"),
//!     "https://mirror.example/ucdp/x.zip: HTTP 404"
//! );
//! assert_eq!(file_name_problem("UcdpPrioConflict_v26_1.csv"), None);
//! assert!(file_name_problem("../../../outside.csv").is_some());
//! ```

use std::borrow::Cow;
use std::fmt::Write as _;

/// `s` with every control character (C0, DEL, C1) and bidirectional-text control shown as
/// an escape: `\n`, `\r`, `\t`, `\0`, `\xNN` below U+0080, `\u{NNNN}` above. Everything
/// else, the backslash included, is unchanged, so escaping twice is escaping once.
#[must_use]
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_escape) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c if needs_escape(c) && (c as u32) < 0x80 => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if needs_escape(c) => {
                let _ = write!(out, "\\u{{{:04x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Control characters and the bidirectional-text controls (Trojan-source reordering).
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        )
}

/// `text` with the user-info (`user:password@`) of every URL in it removed. A URL is
/// recognised by `://`; its authority ends at the first `/`, `?`, `#` or whitespace.
#[must_use]
pub fn redact(text: &str) -> Cow<'_, str> {
    if !text.contains("://") || !text.contains('@') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("://") {
        let (head, tail) = rest.split_at(i + 3);
        out.push_str(head);
        let end = tail
            .find(|c: char| matches!(c, '/' | '?' | '#') || c.is_whitespace())
            .unwrap_or(tail.len());
        let authority = &tail[..end];
        // The host follows the last `@` of the authority.
        out.push_str(
            authority
                .rfind('@')
                .map_or(authority, |at| &authority[at + 1..]),
        );
        rest = &tail[end..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Redacted, then escaped: how a URL (or any text naming one) from outside is shown.
#[must_use]
pub fn shown(text: &str) -> String {
    escape(&redact(text)).into_owned()
}

/// Why `name` cannot be used as a file name, or `None` when it can: empty, `.` or `..`, a
/// path separator (`/`, `\`), a drive or stream colon, or a control character.
#[must_use]
pub fn file_name_problem(name: &str) -> Option<&'static str> {
    if name.is_empty() {
        Some("it is empty")
    } else if name.contains(['/', '\\']) {
        Some("it is a path (it holds a path separator), not a file name")
    } else if name == "." || name == ".." {
        Some("it names a folder (`.` or `..`)")
    } else if name.contains(':') {
        Some("it holds a colon (a drive or stream on Windows)")
    } else if name.chars().any(needs_escape) {
        Some("it holds control characters (terminal escapes, newlines)")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_control_and_bidi_character() {
        assert_eq!(escape("a\u{7f}b\u{85}c"), "a\\x7fb\\u{0085}c");
        assert_eq!(escape("x\u{202e}txt.csv"), "x\\u{202e}txt.csv");
        assert_eq!(escape("\r\0"), "\\r\\0");
        assert!(matches!(escape("plain \\ text é"), Cow::Borrowed(_)));
    }

    #[test]
    fn redacts_user_info_anywhere_in_a_text() {
        assert_eq!(
            redact("GET http://u:p@127.0.0.1:8/a then https://x@h?q=a@b"),
            "GET http://127.0.0.1:8/a then https://h?q=a@b"
        );
        assert_eq!(redact("mailto:a@b, no url"), "mailto:a@b, no url");
        assert_eq!(redact("http://h/p@q"), "http://h/p@q");
        assert_eq!(redact("http://a@b@h:1"), "http://h:1");
    }

    #[test]
    fn refuses_names_that_are_paths_or_carry_escapes() {
        for bad in [
            "",
            "..",
            "../../../outside.csv",
            "/etc/x.csv",
            "a\\b.csv",
            "C:x.csv",
            "\u{1b}[2J.csv",
            "a\nfetched: b.csv",
        ] {
            assert!(file_name_problem(bad).is_some(), "{bad:?}");
        }
        assert_eq!(file_name_problem("ucdp-acd-26.1.csv"), None);
    }
}
