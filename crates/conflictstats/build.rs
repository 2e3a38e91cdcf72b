//! Links a shared libpython into the core's own test binaries, only when
//! `CONFLICTSTATS_TEST_LIBPYTHON` names one (`/path/to/libpython3.11.so`).
//!
//! `scripts/test.sh` sets it to run the core's polars tests in the Python extension's target
//! directory, so that they reuse the polars crates maturin compiled instead of compiling polars
//! a second time. There pyo3-polars has turned on polars' Python support (cargo unifies
//! features), whose symbols only an interpreter provides. The library itself, the extension
//! and every other crate link as before (`rustc-link-arg` applies to this package's test and
//! doc-test binaries; an rlib is not linked).

fn main() {
    println!("cargo::rerun-if-env-changed=CONFLICTSTATS_TEST_LIBPYTHON");
    let Some(lib) = std::env::var_os("CONFLICTSTATS_TEST_LIBPYTHON") else {
        return;
    };
    let lib = std::path::PathBuf::from(lib);
    if let Some(dir) = lib.parent() {
        println!("cargo::rustc-link-arg=-Wl,-rpath,{}", dir.display());
    }
    println!("cargo::rustc-link-arg={}", lib.display());
}
