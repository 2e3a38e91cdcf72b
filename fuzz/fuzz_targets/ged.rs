#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| conflictstats_fuzz::entry::ged(data));
