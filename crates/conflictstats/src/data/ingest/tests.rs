//! The ingest caches: record hit, miss and racy; `rehash`; column-file hit, miss, corruption
//! and eviction; the same `Ged` from every path.

use super::*;
use crate::data::registry;
use std::time::{Duration, SystemTime};

/// A fresh folder for one test.
fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cs-ingest-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn config(dir: &Path, max_bytes: u64) -> Config {
    Config {
        dir: dir.join("cache").join("ingest"),
        max_bytes,
    }
}

/// The embedded GED 23.1 sample (1,000 events) written to `dir/name`, last modified
/// `age` ago.
fn ged_file(dir: &Path, name: &str, bytes: &[u8], age: Duration) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    set_age(&path, age);
    path
}

fn set_age(path: &Path, age: Duration) {
    let f = std::fs::File::options().write(true).open(path).unwrap();
    f.set_modified(SystemTime::now() - age).unwrap();
}

fn sample() -> &'static [u8] {
    registry::find("ucdp-ged-sample", Some("23.1"))
        .unwrap()
        .bytes()
        .unwrap()
}

fn json(g: &Ged) -> String {
    serde_json::to_string(g).unwrap()
}

const OLD: Duration = Duration::from_secs(60);

#[test]
fn an_unchanged_file_is_read_from_its_columns_with_the_same_result() {
    let dir = temp("hit");
    let c = config(&dir, DEFAULT_MAX_BYTES);
    let path = ged_file(&dir, "ged.csv", sample(), OLD);
    let parsed = Ged::from_path(&path).unwrap();
    let (first, via) = load_ged_with(&path, &c, false).unwrap();
    assert_eq!(via, Via::Parsed);
    let (second, via) = load_ged_with(&path, &c, false).unwrap();
    assert_eq!(via, Via::Columns);
    assert_eq!(json(&first), json(&parsed));
    assert_eq!(json(&second), json(&parsed));
    assert_eq!(second.events, parsed.events);
    assert_eq!(second.provenance.sha256, registry::sha256_hex(sample()));
    // Another name for the same file (a relative or other path) is named as given.
    let other = dir.join(".").join("ged.csv");
    let (third, via) = load_ged_with(&other, &c, false).unwrap();
    assert_eq!(via, Via::Columns);
    assert_eq!(json(&third), json(&Ged::from_path(&other).unwrap()));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn rehash_reads_the_file_again() {
    let dir = temp("rehash");
    let c = config(&dir, DEFAULT_MAX_BYTES);
    let path = ged_file(&dir, "ged.csv", sample(), OLD);
    assert_eq!(load_ged_with(&path, &c, false).unwrap().1, Via::Parsed);
    assert_eq!(load_ged_with(&path, &c, true).unwrap().1, Via::Parsed);
    assert_eq!(load_ged_with(&path, &c, false).unwrap().1, Via::Columns);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_file_changed_just_before_it_was_hashed_is_not_recorded() {
    let dir = temp("racy");
    let c = config(&dir, DEFAULT_MAX_BYTES);
    let path = ged_file(&dir, "ged.csv", sample(), Duration::ZERO);
    assert_eq!(load_ged_with(&path, &c, false).unwrap().1, Via::Parsed);
    assert_eq!(load_ged_with(&path, &c, false).unwrap().1, Via::Parsed);
    assert!(!c.dir.join("hashes").exists(), "no record of a racy file");
    // A record whose file changed within RACY_NS of hashing is not trusted either.
    let stamp = FileStamp::of_path(&path).unwrap();
    let record = hashes::HashRecord {
        stamp,
        sha256: registry::sha256_hex(sample()),
        hashed_at_ns: stamp.mtime_ns + hashes::RACY_NS - 1,
    };
    assert!(!hashes::store(&c.dir, &path, &record));
    assert_eq!(hashes::lookup(&c.dir, &path, &stamp), None);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_rewritten_file_misses_even_with_its_old_size_and_modification_time() {
    let dir = temp("rewrite");
    let c = config(&dir, DEFAULT_MAX_BYTES);
    let path = ged_file(&dir, "ged.csv", sample(), OLD);
    let (before, _) = load_ged_with(&path, &c, false).unwrap();
    let before_stamp = FileStamp::of_path(&path).unwrap();
    let mtime = std::fs::metadata(&path).unwrap().modified().unwrap();
    // Same size, one letter of a side's name changed (a text column: still a valid file).
    let text = String::from_utf8(sample().to_vec()).unwrap();
    let at = text.rfind("Government of").expect("a government side");
    let mut changed = text.into_bytes();
    changed[at] = b'g';
    std::fs::write(&path, &changed).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    let now = FileStamp::of_path(&path).unwrap();
    assert_eq!(
        (now.size, now.mtime_ns),
        (before_stamp.size, before_stamp.mtime_ns)
    );
    if cfg!(unix) {
        // The status-change time moved: a miss, and the new bytes' hash.
        let (after, via) = load_ged_with(&path, &c, false).unwrap();
        assert_eq!(via, Via::Parsed);
        assert_eq!(after.provenance.sha256, registry::sha256_hex(&changed));
        assert_ne!(after.provenance.sha256, before.provenance.sha256);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_corrupt_or_truncated_column_file_is_rebuilt() {
    let dir = temp("corrupt");
    let c = config(&dir, DEFAULT_MAX_BYTES);
    let path = ged_file(&dir, "ged.csv", sample(), OLD);
    let (parsed, _) = load_ged_with(&path, &c, false).unwrap();
    let stamp = FileStamp::of_path(&path).unwrap();
    let file = c.column_file(&ged::key(stamp, &parsed.provenance.sha256));
    let good = std::fs::read(&file).unwrap();
    let mut flipped = good.clone();
    flipped[good.len() / 2] ^= 1;
    for bad in [flipped, good[..good.len() - 100].to_vec(), Vec::new()] {
        std::fs::write(&file, &bad).unwrap();
        let (again, via) = load_ged_with(&path, &c, false).unwrap();
        assert_eq!(via, Via::Parsed, "a damaged column file is never used");
        assert_eq!(json(&again), json(&parsed));
        assert_eq!(std::fs::read(&file).unwrap(), good, "rebuilt");
        assert_eq!(load_ged_with(&path, &c, false).unwrap().1, Via::Columns);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn column_files_are_evicted_least_recently_used_first() {
    let dir = temp("evict");
    let one = {
        let c = config(&dir, DEFAULT_MAX_BYTES);
        let p = ged_file(&dir, "a.csv", sample(), OLD);
        load_ged_with(&p, &c, false).unwrap();
        let f = std::fs::read_dir(c.columns_dir())
            .unwrap()
            .next()
            .unwrap()
            .unwrap();
        f.metadata().unwrap().len()
    };
    // Room for two column files: a third evicts the one used longest ago.
    let c = config(&dir, 2 * one + one / 2);
    let paths: Vec<PathBuf> = ["b.csv", "c.csv"]
        .iter()
        .map(|n| ged_file(&dir, n, sample(), OLD))
        .collect();
    let a = dir.join("a.csv");
    std::thread::sleep(Duration::from_millis(20));
    load_ged_with(&paths[0], &c, false).unwrap(); // b written after a
    std::thread::sleep(Duration::from_millis(20));
    assert_eq!(load_ged_with(&a, &c, false).unwrap().1, Via::Columns); // a used: newest
    std::thread::sleep(Duration::from_millis(20));
    load_ged_with(&paths[1], &c, false).unwrap(); // c: evicts b, the least recently used
    assert_eq!(load_ged_with(&a, &c, false).unwrap().1, Via::Columns);
    assert_eq!(load_ged_with(&paths[1], &c, false).unwrap().1, Via::Columns);
    assert_eq!(load_ged_with(&paths[0], &c, false).unwrap().1, Via::Parsed);
    // A file larger than the cap is never written.
    let tiny = config(&dir.join("tiny"), 10);
    load_ged_with(&a, &tiny, false).unwrap();
    assert_eq!(load_ged_with(&a, &tiny, false).unwrap().1, Via::Parsed);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn eviction_ties_are_broken_by_name() {
    let dir = temp("ties");
    let t = SystemTime::now() - OLD;
    for name in ["b.cols", "a.cols", "c.cols"] {
        let p = dir.join(name);
        std::fs::write(&p, [0u8; 10]).unwrap();
        std::fs::File::options()
            .write(true)
            .open(&p)
            .unwrap()
            .set_modified(t)
            .unwrap();
    }
    let removed = store::evict(&dir, 15, None);
    let names: Vec<String> = removed
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["a.cols", "b.cols"]);
    std::fs::remove_dir_all(&dir).unwrap();
}
