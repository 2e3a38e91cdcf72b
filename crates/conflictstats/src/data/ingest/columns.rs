//! The column file: the project's own small columnar format for parsed columns.
//!
//! Little-endian throughout, no alignment, no compression:
//!
//! | part | bytes |
//! |---|---|
//! | magic | `CSCOLS\r\n` (8; the `\r\n` catches a text-mode copy) |
//! | format version | u32 ([`FORMAT_VERSION`]) |
//! | kind | u16 length + UTF-8 (e.g. `ucdp-ged`) |
//! | parser version | u32 (the loader's; a change of its rows invalidates the file) |
//! | source identity | dev u64, ino u64, size u64, mtime ns i128, ctime ns i128 |
//! | source SHA-256 | 64 lower-case hex digits |
//! | rows | u64 |
//! | columns | u32 count, then per column: u16 length + name, u8 type, u64 byte length |
//! | metadata | u64 length + UTF-8 JSON (what is not a column: names, warnings) |
//! | data | every column's values, in the table's order |
//! | checksum | u64 of every byte before it |
//!
//! Reading checks everything: magic, versions, kind, identity and SHA-256 against what the
//! caller expects, every column's name and type against the caller's list, every length
//! against the row count, the total against the file's size, and the checksum (a fast
//! four-lane multiply–rotate over 8-byte words: it catches a truncated, torn or bit-rotted
//! file, not a forgery — whoever can write the cache directory can write anything the user
//! can). Any mismatch is a miss, never an error: the caller parses the source again.

use super::stamp::FileStamp;

/// The magic bytes that start a column file.
pub const MAGIC: &[u8; 8] = b"CSCOLS\r\n";
/// The version of this layout.
pub const FORMAT_VERSION: u32 = 1;

/// One column's values.
#[derive(Debug, Clone, PartialEq)]
pub enum Column {
    /// `u8` values.
    U8(Vec<u8>),
    /// Booleans, one byte each (0 or 1).
    Bool(Vec<bool>),
    /// `u16` values.
    U16(Vec<u16>),
    /// `u32` values.
    U32(Vec<u32>),
    /// `i32` values.
    I32(Vec<i32>),
    /// `u64` values.
    U64(Vec<u64>),
    /// `f64` values (bit patterns kept exactly).
    F64(Vec<f64>),
}

/// One column's values, borrowed (what [`encode`] writes).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ColumnRef<'a> {
    /// `u8` values.
    U8(&'a [u8]),
    /// Booleans, one byte each (0 or 1).
    Bool(&'a [bool]),
    /// `u16` values.
    U16(&'a [u16]),
    /// `u32` values.
    U32(&'a [u32]),
    /// `i32` values.
    I32(&'a [i32]),
    /// `u64` values.
    U64(&'a [u64]),
    /// `f64` values.
    F64(&'a [f64]),
}

/// What identifies the file a column file was made from, and by which loader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    /// The loader, e.g. `ucdp-ged`.
    pub kind: &'static str,
    /// The loader's parser version.
    pub parser: u32,
    /// The source file's identity.
    pub stamp: FileStamp,
    /// The source file's verified SHA-256 (lower-case hex).
    pub sha256: String,
}

/// A column file's contents.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Number of rows of every column.
    pub rows: u64,
    /// The columns, named.
    pub columns: Vec<(&'static str, Column)>,
    /// What is not a column, as JSON.
    pub meta: String,
}

/// A table to write, borrowed.
#[derive(Debug, Clone, Copy)]
pub struct TableRef<'a> {
    /// Number of rows of every column.
    pub rows: u64,
    /// The columns, named.
    pub columns: &'a [(&'static str, ColumnRef<'a>)],
    /// What is not a column, as JSON.
    pub meta: &'a str,
}

macro_rules! per_type {
    ($m:ident) => {
        $m! {
            (U8, u8, 1, 1),
            (U16, u16, 2, 2),
            (U32, u32, 3, 4),
            (I32, i32, 4, 4),
            (U64, u64, 5, 8),
            (F64, f64, 6, 8)
        }
    };
}

impl ColumnRef<'_> {
    fn tag(&self) -> u8 {
        macro_rules! tags {
            ($(($v:ident, $t:ty, $tag:expr, $w:expr)),*) => {
                match self { $(ColumnRef::$v(_) => $tag,)* ColumnRef::Bool(_) => 7 }
            };
        }
        per_type!(tags)
    }

    fn len(&self) -> usize {
        macro_rules! lens {
            ($(($v:ident, $t:ty, $tag:expr, $w:expr)),*) => {
                match self { $(ColumnRef::$v(c) => c.len(),)* ColumnRef::Bool(c) => c.len() }
            };
        }
        per_type!(lens)
    }

    /// Appends the values of the rows `rows`, little-endian.
    fn write(&self, out: &mut Vec<u8>, rows: std::ops::Range<usize>) {
        macro_rules! write {
            ($(($v:ident, $t:ty, $tag:expr, $w:expr)),*) => {
                match self {
                    $(ColumnRef::$v(c) => {
                        let c = &c[rows];
                        let at = out.len();
                        out.resize(at + c.len() * $w, 0);
                        for (dst, v) in out[at..].chunks_exact_mut($w).zip(c.iter()) {
                            dst.copy_from_slice(&v.to_le_bytes());
                        }
                    })*
                    ColumnRef::Bool(c) => out.extend(c[rows].iter().map(|&b| u8::from(b))),
                }
            };
        }
        per_type!(write)
    }
}

impl Column {
    /// The values, borrowed.
    #[must_use]
    pub fn as_ref(&self) -> ColumnRef<'_> {
        macro_rules! refs {
            ($(($v:ident, $t:ty, $tag:expr, $w:expr)),*) => {
                match self { $(Column::$v(c) => ColumnRef::$v(c),)* Column::Bool(c) => ColumnRef::Bool(c) }
            };
        }
        per_type!(refs)
    }

    fn width(tag: u8) -> Option<usize> {
        macro_rules! widths {
            ($(($v:ident, $t:ty, $tag:expr, $w:expr)),*) => {
                match tag { $($tag => Some($w),)* 7 => Some(1), _ => None }
            };
        }
        per_type!(widths)
    }

    /// The values of type `tag` in `bytes` (whole values; `None` for a bool other than 0/1).
    fn read(tag: u8, bytes: &[u8]) -> Option<Column> {
        macro_rules! read {
            ($(($v:ident, $t:ty, $tag:expr, $w:expr)),*) => {
                match tag {
                    $($tag => Some(Column::$v(
                        bytes
                            .chunks_exact($w)
                            .map(|c| <$t>::from_le_bytes(c.try_into().unwrap_or([0; $w])))
                            .collect(),
                    )),)*
                    7 => bytes
                        .iter()
                        .map(|&b| match b { 0 => Some(false), 1 => Some(true), _ => None })
                        .collect::<Option<Vec<bool>>>()
                        .map(Column::Bool),
                    _ => None,
                }
            };
        }
        per_type!(read)
    }
}

const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// The checksum of a column file's bytes (see the module docs), fed in pieces: the same
/// value however the bytes are cut.
#[derive(Debug, Clone)]
pub struct Checksum {
    lanes: [u64; 4],
    pending: [u8; 32],
    npending: usize,
    total: u64,
}

impl Default for Checksum {
    fn default() -> Self {
        Checksum {
            lanes: [K, K ^ 1, K ^ 2, K ^ 3],
            pending: [0; 32],
            npending: 0,
            total: 0,
        }
    }
}

fn word(c: &[u8]) -> u64 {
    let mut w = [0u8; 8];
    w[..c.len()].copy_from_slice(c);
    u64::from_le_bytes(w)
}

fn block(lanes: &mut [u64; 4], b: &[u8]) {
    for (i, lane) in lanes.iter_mut().enumerate() {
        *lane = (*lane ^ word(&b[8 * i..8 * i + 8]))
            .wrapping_mul(K)
            .rotate_left(31);
    }
}

impl Checksum {
    /// Adds the next bytes.
    pub fn update(&mut self, mut bytes: &[u8]) {
        self.total += bytes.len() as u64;
        if self.npending > 0 {
            let take = (32 - self.npending).min(bytes.len());
            self.pending[self.npending..self.npending + take].copy_from_slice(&bytes[..take]);
            self.npending += take;
            bytes = &bytes[take..];
            if self.npending < 32 {
                return;
            }
            let full = self.pending;
            block(&mut self.lanes, &full);
            self.npending = 0;
        }
        let mut blocks = bytes.chunks_exact(32);
        for b in &mut blocks {
            block(&mut self.lanes, b);
        }
        let rest = blocks.remainder();
        self.pending[..rest.len()].copy_from_slice(rest);
        self.npending = rest.len();
    }

    /// The checksum of every byte added.
    #[must_use]
    pub fn finish(&self) -> u64 {
        let mut h = self.total;
        for c in self.pending[..self.npending].chunks(8) {
            h = (h ^ word(c)).wrapping_mul(K).rotate_left(31);
        }
        for lane in self.lanes {
            h = (h ^ lane).wrapping_mul(K).rotate_left(27);
        }
        h
    }
}

/// The checksum of `bytes` in one piece.
#[must_use]
pub fn checksum(bytes: &[u8]) -> u64 {
    let mut c = Checksum::default();
    c.update(bytes);
    c.finish()
}

/// The bytes of a column file of `table` made from the source `key`.
#[must_use]
pub fn encode(key: &Key, table: TableRef<'_>) -> Vec<u8> {
    let mut out = Vec::new();
    let _ = encode_to(&mut out, key, table); // writing to a Vec cannot fail
    out
}

/// Writes the column file of `table` made from the source `key` to `w`, a piece at a time
/// (no copy of the whole table in memory).
pub fn encode_to(
    w: &mut impl std::io::Write,
    key: &Key,
    table: TableRef<'_>,
) -> std::io::Result<()> {
    let mut head = Vec::with_capacity(1024 + table.meta.len());
    head.extend_from_slice(MAGIC);
    head.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    put_str(&mut head, key.kind);
    head.extend_from_slice(&key.parser.to_le_bytes());
    let s = &key.stamp;
    for v in [s.dev, s.ino, s.size] {
        head.extend_from_slice(&v.to_le_bytes());
    }
    head.extend_from_slice(&s.mtime_ns.to_le_bytes());
    head.extend_from_slice(&s.ctime_ns.to_le_bytes());
    head.extend_from_slice(key.sha256.as_bytes());
    head.extend_from_slice(&table.rows.to_le_bytes());
    head.extend_from_slice(
        &u32::try_from(table.columns.len())
            .unwrap_or(0)
            .to_le_bytes(),
    );
    for (name, c) in table.columns {
        put_str(&mut head, name);
        head.push(c.tag());
        let bytes = c.len() * Column::width(c.tag()).unwrap_or(1);
        head.extend_from_slice(&(bytes as u64).to_le_bytes());
    }
    head.extend_from_slice(&(table.meta.len() as u64).to_le_bytes());
    head.extend_from_slice(table.meta.as_bytes());
    let mut sum = Checksum::default();
    sum.update(&head);
    w.write_all(&head)?;
    let mut buf = Vec::new();
    for (_, c) in table.columns {
        for piece in 0..c.len().div_ceil(PIECE_ROWS) {
            buf.clear();
            c.write(
                &mut buf,
                piece * PIECE_ROWS..((piece + 1) * PIECE_ROWS).min(c.len()),
            );
            sum.update(&buf);
            w.write_all(&buf)?;
        }
    }
    w.write_all(&sum.finish().to_le_bytes())
}

/// Rows encoded at a time (64 KiB of `u32`s: the piece stays in the L2 cache).
const PIECE_ROWS: usize = 16_384;

fn put_str(out: &mut Vec<u8>, s: &str) {
    out.extend_from_slice(&u16::try_from(s.len()).unwrap_or(0).to_le_bytes());
    out.extend_from_slice(s.as_bytes());
}

/// A reader over a byte slice: `None` past its end.
struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let out = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(out)
    }
    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }
    fn u16(&mut self) -> Option<u16> {
        Some(u16::from_le_bytes(self.array()?))
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.array()?))
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.array()?))
    }
    fn i128(&mut self) -> Option<i128> {
        Some(i128::from_le_bytes(self.array()?))
    }
    fn str(&mut self) -> Option<&'a str> {
        let n = usize::from(self.u16()?);
        std::str::from_utf8(self.take(n)?).ok()
    }
}

/// The table in `bytes` if they are a whole, intact column file made from the source `key`
/// with exactly the columns `schema` (names and types, in order); `None` for anything else.
#[must_use]
pub fn decode(bytes: &[u8], key: &Key, schema: &[(&'static str, u8)]) -> Option<Table> {
    let body_len = bytes.len().checked_sub(8)?;
    let (body, sum) = bytes.split_at(body_len);
    (u64::from_le_bytes(sum.try_into().ok()?) == checksum(body)).then_some(())?;
    let mut c = Cursor { bytes: body, at: 0 };
    (c.take(8)? == MAGIC && c.u32()? == FORMAT_VERSION).then_some(())?;
    (c.str()? == key.kind && c.u32()? == key.parser).then_some(())?;
    let stamp = FileStamp {
        dev: c.u64()?,
        ino: c.u64()?,
        size: c.u64()?,
        mtime_ns: c.i128()?,
        ctime_ns: c.i128()?,
    };
    (stamp == key.stamp && c.take(64)? == key.sha256.as_bytes()).then_some(())?;
    let rows = c.u64()?;
    let n = usize::try_from(c.u32()?).ok()?;
    (n == schema.len()).then_some(())?;
    let mut lengths = Vec::with_capacity(n);
    for &(name, tag) in schema {
        (c.str()? == name && c.take(1)? == [tag]).then_some(())?;
        let bytes = c.u64()?;
        let width = Column::width(tag)? as u64;
        (bytes == rows.checked_mul(width)?).then_some(())?;
        lengths.push(usize::try_from(bytes).ok()?);
    }
    let meta_len = usize::try_from(c.u64()?).ok()?;
    let meta = std::str::from_utf8(c.take(meta_len)?).ok()?.to_string();
    let mut columns = Vec::with_capacity(n);
    for (&(name, tag), len) in schema.iter().zip(lengths) {
        columns.push((name, Column::read(tag, c.take(len)?)?));
    }
    (c.at == body.len()).then_some(Table {
        rows,
        columns,
        meta,
    })
}

/// The type tag of a column, for a schema.
#[must_use]
pub fn tag_of(c: ColumnRef<'_>) -> u8 {
    c.tag()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key() -> Key {
        Key {
            kind: "test",
            parser: 3,
            stamp: FileStamp {
                dev: 1,
                ino: 2,
                size: 3,
                mtime_ns: 4,
                ctime_ns: 5,
            },
            sha256: "0f".repeat(32),
        }
    }

    fn table() -> Table {
        Table {
            rows: 3,
            columns: vec![
                ("a", Column::U64(vec![1, u64::MAX, 7])),
                ("b", Column::F64(vec![-0.0, f64::MAX, 1.5])),
                ("c", Column::Bool(vec![true, false, true])),
                ("d", Column::I32(vec![-1, 0, i32::MAX])),
                ("e", Column::U16(vec![1, 2, 3])),
                ("f", Column::U8(vec![9, 8, 7])),
                ("g", Column::U32(vec![0, 1, u32::MAX])),
            ],
            meta: "{\"x\":1}".to_string(),
        }
    }

    fn borrowed<'a>(
        t: &'a Table,
        cols: &'a mut Vec<(&'static str, ColumnRef<'a>)>,
    ) -> TableRef<'a> {
        *cols = t.columns.iter().map(|(n, c)| (*n, c.as_ref())).collect();
        TableRef {
            rows: t.rows,
            columns: cols,
            meta: &t.meta,
        }
    }

    fn schema(t: &Table) -> Vec<(&'static str, u8)> {
        t.columns
            .iter()
            .map(|(n, c)| (*n, tag_of(c.as_ref())))
            .collect()
    }

    #[test]
    fn a_table_reads_back_exactly() {
        let t = table();
        let bytes = encode(&key(), borrowed(&t, &mut Vec::new()));
        let back = decode(&bytes, &key(), &schema(&t)).unwrap();
        assert_eq!(back.rows, 3);
        assert_eq!(back.meta, t.meta);
        // -0.0 == 0.0 under PartialEq: compare the bits too.
        let (Column::F64(a), Column::F64(b)) = (&t.columns[1].1, &back.columns[1].1) else {
            panic!("F64 expected");
        };
        assert!(a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits()));
        assert_eq!(back, t);
    }

    #[test]
    fn the_checksum_is_the_same_however_the_bytes_are_cut() {
        let bytes: Vec<u8> = (0..1000u32).map(|i| (i * 7 % 251) as u8).collect();
        let whole = checksum(&bytes);
        for cut in [1, 3, 31, 32, 33, 64, 100, 999] {
            let mut c = Checksum::default();
            for piece in bytes.chunks(cut) {
                c.update(piece);
            }
            assert_eq!(c.finish(), whole, "pieces of {cut}");
        }
        assert_ne!(checksum(&bytes[..999]), whole);
    }

    #[test]
    fn any_change_truncation_or_other_key_is_a_miss() {
        let t = table();
        let s = schema(&t);
        let bytes = encode(&key(), borrowed(&t, &mut Vec::new()));
        for cut in [0, 1, 8, bytes.len() / 2, bytes.len() - 1] {
            assert!(decode(&bytes[..cut], &key(), &s).is_none(), "cut at {cut}");
        }
        for i in [0, 9, 40, bytes.len() / 2, bytes.len() - 9, bytes.len() - 1] {
            let mut bad = bytes.clone();
            bad[i] ^= 0x10;
            assert!(decode(&bad, &key(), &s).is_none(), "byte {i} flipped");
        }
        let mut other = key();
        other.stamp.mtime_ns += 1;
        assert!(decode(&bytes, &other, &s).is_none());
        let mut other = key();
        other.sha256 = "1f".repeat(32);
        assert!(decode(&bytes, &other, &s).is_none());
        let mut other = key();
        other.parser += 1;
        assert!(decode(&bytes, &other, &s).is_none());
        let mut wrong = s.clone();
        wrong[0].1 = 3;
        assert!(decode(&bytes, &key(), &wrong).is_none());
        assert!(decode(&bytes, &key(), &s[..6]).is_none());
    }
}
