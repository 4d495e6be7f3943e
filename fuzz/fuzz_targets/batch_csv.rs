//! The batch party CSV reader (`catchall::batch::parse_parties_csv`, used by
//! `catchall match --batch` and the web app's batch screen).
#![no_main]
use catchall::batch::parse_parties_csv;
use catchall::screening::EntityKind;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = parse_parties_csv(&text, EntityKind::Unknown);
});
