//! The web app's saved-state loader (`ui::state::load_store`): whatever localStorage or an
//! imported history file holds, loading never panics and never drops a readable record.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let loaded = catchall_web::ui::state::load_store(text);
    // Whatever was read must be storable again and read back the same number of records.
    let screenings: Vec<_> = loaded.screenings.into_iter().map(std::rc::Rc::new).collect();
    let again = catchall_web::ui::state::store_json(&screenings, &loaded.decisions).to_string();
    let reloaded = catchall_web::ui::state::load_store(&again);
    assert_eq!(reloaded.screenings.len(), screenings.len(), "a saved record did not survive a round trip");
    assert_eq!(reloaded.decisions.len(), loaded.decisions.len(), "a decision did not survive a round trip");
});
