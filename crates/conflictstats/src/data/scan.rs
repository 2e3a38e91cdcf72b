//! The parallel reader: a file read in windows, each window split at record boundaries
//! (quote-aware) into chunks parsed on every core, while one thread hashes the window and
//! another reads the next one.
//!
//! It is a fast path in front of the streaming reader ([`super::table::read_from`]), never a
//! second set of rules: each record goes through the loader's own row function (the same
//! [`Row`] accessors, the same checks), and anything this reader does not handle exactly as
//! the `csv` crate does — a `;` re-save, a quote inside an unquoted field, text after a
//! closing quote, a wrong field count, a NUL byte, invalid UTF-8, a record near the
//! [`MAX_RECORD_BYTES`] limit, any error a row function returns — makes it give up
//! (`None`). The loader then reads the file again with the streaming reader, which reports
//! the first problem with its line and column. So a file this reader accepts gives the same
//! columns as the streaming reader, and a file that reader rejects is rejected the same way.
//!
//! **What is checked in every row.** Every field of every record, read or not, is split as
//! the `csv` crate splits it (quotes well formed, no stray quote, no NUL byte, valid UTF-8),
//! every record has the header's field count, and every column the loader reads goes
//! through its row function. The one thing skipped is undoing the `""` escapes of quoted
//! fields no column reads (a GED source text, say): no row function sees their text, and the
//! `csv` crate checks nothing more in them.
//!
//! **Hash and parse side by side.** SHA-256 is sequential: one core hashes at about
//! 1.3 GB/s, as fast as the parser on one core. So the hash has a thread of its own (a
//! scoped thread per window) that hashes each window while the parser's chunks of the same
//! window run on rayon's threads and the next window is read: a read costs about
//! max(hash, parse), not their sum. Nothing reaches the caller before the whole file is
//! hashed: the digest is part of the result, and a loader that must match a pinned checksum
//! compares it before it uses the columns.
//!
//! **Reading once, from the cache.** Every pass over main memory costs about as much as
//! hashing a fifth of the file, so bytes are touched while cached: each `read` asks for a
//! piece ([`SIZES`]: 256 KiB) whose quotes are counted as soon as it lands, and windows are
//! small (8 MiB) so that a window is still cached when it is hashed and its chunks are parsed
//! (UTF-8 checked, then split). Memory is two windows (each with room for the part of a
//! record cut by its end) and the loader's columns, not the file.
//!
//! **Chunk boundaries.** In RFC 4180 CSV a byte is inside a quoted field exactly when an odd
//! number of `"` precede it (an escaped `""` counts two), as long as no field holds a `"`
//! without being quoted. The quotes of each piece are counted as it is read, so the state at
//! every piece start is known; a chunk starts after the first line end outside quotes after
//! a piece start. A stray quote makes the boundaries after it wrong, but the chunk holding it
//! starts right and its parser rejects the quote, so the whole read gives up.

use super::table::{Fields, Header, IN_SCRATCH, MAX_RECORD_BYTES, Row, Schema, header_of};
use crate::error::Result;
use rayon::prelude::*;
use sha2::Digest as _;
use std::io::Read;

/// Bytes read per window, and the smallest chunk worth a task of its own.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sizes {
    pub window: usize,
    pub min_chunk: usize,
    /// Bytes asked of each `read`: hashed and their quotes counted while still in the L2
    /// cache.
    pub piece: usize,
}

/// 8 MiB windows, 1 MiB chunks at least, 256 KiB reads: a window and the next one being read stay in the
/// cache, so that the bytes the kernel copies in are hashed, counted and parsed from there
/// (every pass over main memory costs about as much as hashing a fifth of the file).
pub(crate) const SIZES: Sizes = Sizes {
    window: 8 << 20,
    min_chunk: 1 << 20,
    piece: 256 << 10,
};

/// What a successful parallel read gives: the header and the SHA-256 of every byte read
/// (lower-case hex).
pub(crate) struct Parallel {
    pub header: Header,
    pub sha256: String,
}

/// A window's bytes `buf[..len]`, whether the input ended there, and where its `"` are:
/// `(position, number of "s before it)` at the start of every piece read and at `len`.
struct Window {
    len: usize,
    eof: bool,
    marks: Vec<(usize, usize)>,
}

impl Window {
    /// Whether `p` (a position at or after the first mark) is inside quotes, counting the
    /// quotes from `at` (a record boundary).
    fn inside(&self, buf: &[u8], at: usize, p: usize) -> bool {
        let before = |p: usize| {
            let i = self.marks.partition_point(|m| m.0 <= p) - 1;
            let (pos, q) = self.marks[i];
            q + quotes(&buf[pos..p])
        };
        (before(p) - before(at)) % 2 == 1
    }
}

/// Reads every record of `input` with `f`, each chunk into its own `init()` state, handed
/// to `merge` in file order as soon as its window is parsed (while the next one is read);
/// `None` when the streaming reader must read the file instead (see the module docs).
pub(crate) fn read_parallel<T: Send, R: Read + Send>(
    file: &str,
    mut input: R,
    (sizes, schema): (Sizes, &Schema),
    init: impl Fn(usize) -> T + Sync,
    f: impl Fn(&mut T, &Row<'_>) -> Result<()> + Sync,
    mut merge: impl FnMut(T) + Send,
) -> Option<Parallel> {
    let mut hasher = sha2::Sha256::new();
    let window = sizes.window;
    // Two buffers, swapped: the window being parsed and the next one being read. Each holds
    // a window and the tail of a record cut by the previous one; allocated (and zeroed)
    // once, so reading the file does not fault in fresh pages per window.
    let cap = window + (MAX_RECORD_BYTES / 2) as usize + 1;
    let mut buf = vec![0u8; cap];
    let mut next = vec![0u8; cap];
    let mut win = fill(&mut input, &mut buf, (0, window, sizes.piece))?;
    // `buf[fresh..]` is not hashed yet (the tail carried over from the previous window was).
    let mut fresh = 0;
    let start = if buf[..win.len].starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let (positions, header, consumed) = header_of(file, &buf[start..win.len], schema)?;
    let width = header.raw.len();
    // The fields some column reads: only those have their `""` escapes undone.
    let mut wanted = vec![false; width];
    for &p in &positions {
        wanted[p] = true;
    }
    let chunks = |len: usize| (len / sizes.min_chunk).clamp(1, 4 * rayon::current_num_threads());
    let parse = |buf: &[u8], bounds: &[usize]| -> Option<Vec<T>> {
        bounds
            .par_windows(2)
            .map(|w| {
                let chunk = &buf[w[0]..w[1]];
                let mut state = init(chunk.len());
                parse_chunk(chunk, &wanted, |fields| {
                    f(&mut state, &Row::split(file, fields, &positions, schema)).is_ok()
                })?;
                Some(state)
            })
            .collect()
    };
    let mut at = start + consumed;
    loop {
        let bounds = split(&buf[..win.len], at, &win, chunks(win.len - at))?;
        let unhashed = &buf[fresh..win.len];
        if win.eof {
            let parsed = beside_hash(&mut hasher, unhashed, || parse(&buf[..win.len], &bounds))?;
            parsed?.into_iter().for_each(&mut merge);
            break;
        }
        // Read the next window while this one is hashed and parsed: the tail (a record cut
        // by the end of the window, hashed with this window) goes first, then the new bytes.
        let end = *bounds.last()?;
        let tail = win.len - end;
        next[..tail].copy_from_slice(&buf[end..win.len]);
        let (done, more) = beside_hash(&mut hasher, unhashed, || {
            rayon::join(
                || {
                    let done = parse(&buf[..win.len], &bounds)?;
                    done.into_iter().for_each(&mut merge);
                    Some(())
                },
                || fill(&mut input, &mut next, (tail, window, sizes.piece)),
            )
        })?;
        done?;
        win = more?;
        std::mem::swap(&mut buf, &mut next);
        (at, fresh) = (0, tail);
    }
    Some(Parallel {
        header,
        sha256: hex(&hasher.finalize()),
    })
}

/// Runs `work` while a scoped thread of its own hashes `bytes` into `hasher`; `None` if the
/// hashing thread could not finish (the streaming reader then reads the file).
fn beside_hash<T: Send>(
    hasher: &mut sha2::Sha256,
    bytes: &[u8],
    work: impl FnOnce() -> T + Send,
) -> Option<T> {
    std::thread::scope(|s| {
        let hashing = s.spawn(move || hasher.update(bytes));
        let out = work();
        hashing.join().ok().map(|()| out)
    })
}

/// Reads up to `want` bytes of `input` into `buf` from `from` (`buf[..from]`: the start of a
/// record), in reads of `piece` bytes, each with its quotes counted as it arrives. `None` on
/// an I/O error (the streaming reader reports it).
fn fill(
    input: &mut impl Read,
    buf: &mut [u8],
    (from, want, piece): (usize, usize, usize),
) -> Option<Window> {
    let target = from + want;
    let mut q = quotes(&buf[..from]);
    let mut marks = vec![(0, 0), (from, q)];
    let mut n = from;
    while n < target {
        let piece = &mut buf[n..target.min(n + piece)];
        match input.read(piece) {
            Ok(0) => {
                return Some(Window {
                    len: n,
                    eof: true,
                    marks,
                });
            }
            Ok(k) => {
                q += quotes(&piece[..k]);
                n += k;
                marks.push((n, q));
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
    Some(Window {
        len: n,
        eof: false,
        marks,
    })
}

fn hex(digest: &[u8]) -> String {
    use std::fmt::Write as _;
    digest.iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// Number of `"` bytes (sparse in UCDP's files: a vectorised search skips between them).
fn quotes(bytes: &[u8]) -> usize {
    memchr::memchr_iter(b'"', bytes).count()
}

/// The end of the last complete record of `region` (which starts at a record boundary;
/// `inside`: whether its end is inside quotes): just after its last line end outside quotes.
/// `None` if there is none, or if the part after it is longer than a record may be (the
/// streaming reader reports it).
fn last_boundary(region: &[u8], mut inside: bool) -> Option<usize> {
    for (i, &b) in region.iter().enumerate().rev() {
        match b {
            b'"' => inside = !inside,
            b'\n' if !inside => {
                let tail = (region.len() - i - 1) as u64;
                return (tail < MAX_RECORD_BYTES / 2).then_some(i + 1);
            }
            _ => {}
        }
    }
    None
}

/// The first line end outside quotes at or after `from` (`inside`: the quote state there),
/// and the position after it.
fn next_boundary(region: &[u8], from: usize, mut inside: bool) -> Option<usize> {
    for (i, &b) in region[from..].iter().enumerate() {
        match b {
            b'"' => inside = !inside,
            b'\n' if !inside => return Some(from + i + 1),
            _ => {}
        }
    }
    None
}

/// About `n` chunks of `buf[at..]` (`at`: a record boundary) as boundaries (positions in
/// `buf`), the last being the end of its last complete record (`buf`'s end, if the input
/// ended): each chunk starts after the first line end outside quotes at or after the first
/// piece start past `at + k · len / n`, the quote state there known from the window's
/// quote counts (no second pass over the bytes). `None`: see [`last_boundary`].
fn split(buf: &[u8], at: usize, win: &Window, n: usize) -> Option<Vec<usize>> {
    let len = buf.len();
    let end = if win.eof {
        len
    } else {
        at + last_boundary(&buf[at..], win.inside(buf, at, len))?
    };
    let step = (end - at).div_ceil(n.max(1)).max(1);
    let mut bounds = vec![at];
    let mut marks = win.marks.iter().map(|m| m.0).filter(|&p| p > at);
    for k in 1..n {
        let Some(from) = marks.find(|&p| p >= at + k * step) else {
            break;
        };
        if from >= end {
            break;
        }
        let Some(b) = next_boundary(buf, from, win.inside(buf, at, from)) else {
            break; // no record starts after `from`: the rest is one chunk
        };
        if b >= end {
            break;
        }
        if b > *bounds.last()? {
            bounds.push(b);
        }
    }
    bounds.push(end);
    Some(bounds)
}

/// Parses the records of `chunk` (whole records, valid UTF-8 required), calling `row` with
/// each record's fields (`wanted`: one flag per column, whether a row function reads it);
/// `None` (give up) for anything the streaming reader must judge.
fn parse_chunk(
    chunk: &[u8],
    wanted: &[bool],
    mut row: impl FnMut(Fields<'_>) -> bool,
) -> Option<()> {
    let width = wanted.len();
    let text = simdutf8::basic::from_utf8(chunk).ok()?;
    if memchr::memchr(0, chunk).is_some() || chunk.len() as u64 >= u64::from(IN_SCRATCH) {
        return None;
    }
    let mut spans: Vec<(u32, u32)> = Vec::with_capacity(width);
    let mut scratch = String::new();
    let mut at = 0;
    while at < chunk.len() {
        let start = at;
        at = record(text, at, wanted, &mut spans, &mut scratch)?;
        if (at - start) as u64 > MAX_RECORD_BYTES / 2 {
            return None;
        }
        if spans.len() == 1 && spans[0].0 == spans[0].1 {
            continue; // a blank line (the streaming reader skips it too)
        }
        if spans.len() != width {
            return None;
        }
        let fields = Fields::Split {
            text,
            scratch: &scratch,
            spans: &spans,
        };
        if !row(fields) {
            return None;
        }
    }
    Some(())
}

/// Splits the record starting at `at` into `spans` (the escapes of quoted fields undone into
/// `scratch` — of the `wanted` ones: a field no column reads keeps its `""`, since no row
/// function sees it); the position after it. `None` where the `csv` crate would read
/// something this reader does not reproduce (a record wider than `wanted` included).
fn record(
    text: &str,
    mut at: usize,
    wanted: &[bool],
    spans: &mut Vec<(u32, u32)>,
    scratch: &mut String,
) -> Option<usize> {
    let b = text.as_bytes();
    spans.clear();
    scratch.clear();
    loop {
        if b.get(at) == Some(&b'"') {
            let open = at + 1;
            let mut close = open;
            let mut escaped = false;
            loop {
                close += memchr::memchr(b'"', &b[close..])?;
                if b.get(close + 1) == Some(&b'"') {
                    escaped = true;
                    close += 2;
                } else {
                    break;
                }
            }
            if escaped && *wanted.get(spans.len())? {
                let from = scratch.len();
                unescape(&text[open..close], scratch);
                spans.push((from as u32 | IN_SCRATCH, scratch.len() as u32));
            } else {
                spans.push((open as u32, close as u32));
            }
            at = close + 1;
            match b.get(at) {
                Some(b',') => at += 1,
                Some(b'\n') => return Some(at + 1),
                Some(b'\r') if b.get(at + 1) == Some(&b'\n') => return Some(at + 2),
                None => return Some(at),
                Some(_) => return None,
            }
        } else {
            let from = at;
            at = special(b, at);
            match b.get(at) {
                Some(b',') => {
                    spans.push((from as u32, at as u32));
                    at += 1;
                }
                Some(b'"') => return None,
                end => {
                    // The last field: a `\r` before the line end is the CRLF's.
                    let stop = if at > from && b[at - 1] == b'\r' {
                        at - 1
                    } else {
                        at
                    };
                    spans.push((from as u32, stop as u32));
                    return Some(if end.is_some() { at + 1 } else { at });
                }
            }
        }
    }
}

/// The first `,`, `\n` or `"` at or after `at` (or the end), eight bytes at a time: a byte
/// equal to `c` is a zero byte of `w ^ c·0x01…01`, found by the borrow trick (which can also
/// flag bytes *after* a true zero, never before, so the lowest flag is exact).
#[inline]
fn special(b: &[u8], mut at: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    while let Some(word) = b.get(at..at + 8) {
        let w = u64::from_le_bytes(word.try_into().unwrap_or([0; 8]));
        let m = zero(w ^ (ONES * u64::from(b',')))
            | zero(w ^ (ONES * u64::from(b'\n')))
            | zero(w ^ (ONES * u64::from(b'"')));
        if m != 0 {
            return at + (m.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while at < b.len() && !matches!(b[at], b',' | b'\n' | b'"') {
        at += 1;
    }
    at
}

/// Appends `raw` (a quoted field's content, valid UTF-8) with each `""` made `"`.
fn unescape(raw: &str, out: &mut String) {
    let mut rest = raw;
    while let Some(i) = memchr::memchr(b'"', rest.as_bytes()) {
        out.push_str(&rest[..=i]); // the first `"` of the pair
        rest = rest.get(i + 2..).unwrap_or("");
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split_fields(text: &str) -> Option<Vec<Vec<String>>> {
        let mut out = Vec::new();
        let b = text.as_bytes();
        let (mut spans, mut scratch) = (Vec::new(), String::new());
        let wanted = vec![true; 64];
        let mut at = 0;
        while at < b.len() {
            at = record(text, at, &wanted, &mut spans, &mut scratch)?;
            let f = Fields::Split {
                text,
                scratch: &scratch,
                spans: &spans,
            };
            out.push((0..spans.len()).map(|i| field(f, i)).collect());
        }
        Some(out)
    }

    fn field(f: Fields<'_>, i: usize) -> String {
        match f {
            Fields::Split {
                text,
                scratch,
                spans,
            } => {
                let (a, b) = spans[i];
                if a & IN_SCRATCH == 0 {
                    text[a as usize..b as usize].to_string()
                } else {
                    scratch[(a & !IN_SCRATCH) as usize..b as usize].to_string()
                }
            }
            Fields::Csv(r) => r[i].to_string(),
        }
    }

    /// The `csv` crate's records, as the streaming reader configures it (CR stripped).
    fn csv_fields(text: &str) -> Vec<Vec<String>> {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .terminator(csv::Terminator::Any(b'\n'))
            .from_reader(text.as_bytes());
        rdr.records()
            .map(|r| {
                let r = r.unwrap();
                let mut v: Vec<String> = r.iter().map(str::to_string).collect();
                if let Some(last) = v.last_mut() {
                    if last.ends_with('\r') {
                        last.pop();
                    }
                }
                v
            })
            .collect()
    }

    #[test]
    fn records_split_as_the_csv_crate_splits_them() {
        for text in [
            "a,b,c\n1,2,3\n",
            "a,b,c\r\n1,2,3\r\n",
            "a,\"b,\"\"x\"\"\nnext\",c\n",
            "\"\",x,\"\"\"\"\n1,,\n",
            "no,final,newline",
            "q,\"multi\r\nline\"\r\nz,y\n",
            "é,ü,\"ß\"\n",
        ] {
            let mine = split_fields(text).unwrap();
            let theirs: Vec<Vec<String>> = csv_fields(text);
            // csv skips empty lines; none here.
            assert_eq!(mine, theirs, "{text:?}");
        }
    }

    #[test]
    fn what_the_csv_crate_reads_leniently_is_left_to_it() {
        for text in ["a,b\"c,d\n", "a,\"b\"c,d\n", "a,\"never closed\n"] {
            assert!(split_fields(text).is_none(), "{text:?}");
        }
    }

    #[test]
    fn chunk_boundaries_fall_between_records_even_inside_quoted_newlines() {
        let mut text = String::new();
        for i in 0..5000 {
            text.push_str(&format!("{i},\"line one\nline \"\"two\"\", {i}\",x\n"));
        }
        let b = text.as_bytes();
        let window = |want: usize, piece: usize| {
            let mut buf = vec![0; want];
            let win = fill(&mut &b[..], &mut buf, (0, want, piece)).unwrap();
            buf.truncate(win.len);
            (buf, win)
        };
        for piece in [7, 1000, 1 << 20] {
            let (buf, win) = window(b.len() + 1, piece);
            assert!(win.eof);
            for n in [1, 2, 3, 7, 64] {
                let bounds = split(&buf, 0, &win, n).unwrap();
                for &p in &bounds {
                    // Every boundary starts a record: the text from it parses to whole records.
                    assert!(p == 0 || p == b.len() || b[p - 1] == b'\n');
                    let rows = split_fields(&text[p..]).unwrap();
                    assert!(rows.iter().all(|r| r.len() == 3), "n = {n}, at {p}");
                }
                if piece < 1000 && n > 1 {
                    assert!(bounds.len() > 2, "n = {n}: {bounds:?}");
                }
            }
        }
        let (cut, win) = window(b.len() - 10, 333);
        assert!(!win.eof);
        let end = *split(&cut, 0, &win, 3).unwrap().last().unwrap();
        assert_eq!(b[end - 1], b'\n');
        assert!(
            split_fields(&text[..end])
                .unwrap()
                .iter()
                .all(|r| r.len() == 3)
        );
    }
}
