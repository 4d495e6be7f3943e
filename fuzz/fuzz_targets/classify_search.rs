//! The classification query (free text or a code) against the bundled Annex I.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(q) = std::str::from_utf8(data) else { return };
    let _ = catchall::classify::search(catchall::classify::bundled(), q, 10);
});
