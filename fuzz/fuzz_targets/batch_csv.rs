//! The `catchall match --batch` CSV reader: header column lookup and per-line field splitting.
#![no_main]
use catchall::cli::{batch_columns, csv_fields};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut lines = text.lines();
    let Some(h) = lines.next() else { return };
    if let Ok((name, country, kind)) = batch_columns(h) {
        for l in lines {
            let f = csv_fields(l);
            let _ = (f.get(name), country.and_then(|c| f.get(c)), kind.and_then(|k| f.get(k)));
        }
    }
});
