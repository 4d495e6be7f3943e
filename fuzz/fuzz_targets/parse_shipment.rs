//! Shipment JSON parser + validation (`catchall::parse_shipment`).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = catchall::parse_shipment(text);
});
