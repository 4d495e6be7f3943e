//! The bundled-list decoder (static/lists/*.tsv, also what the web app caches).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = catchall::lists::bundle::decode("fuzz.tsv", data);
});
