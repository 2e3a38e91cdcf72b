#!/usr/bin/env bash
# The whole test suite: formatting and lints, the Rust workspace (unit, golden, CLI and doc
# tests), then the Python package built from source and its pytest suite (including the
# example notebooks). Installs the Python tools it needs with pip. Run from anywhere:
#
#     ./scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }

step "Rust: fmt, clippy"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings

step "Rust: tests"
cargo test --workspace --locked
