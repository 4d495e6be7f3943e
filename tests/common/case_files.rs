//! The embedded case files and base shipments, shared by the native and the wasm case tests.

/// The case files (embedded, so the same runner can run under wasm).
pub const FILES: &[(&str, &str)] = &[
    ("chashma.toml", include_str!("../cases/chashma.toml")),
    ("eu.toml", include_str!("../cases/eu.toml")),
    ("us.toml", include_str!("../cases/us.toml")),
    ("gb_ru_jp.toml", include_str!("../cases/gb_ru_jp.toml")),
    ("parties.toml", include_str!("../cases/parties.toml")),
    ("kyc.toml", include_str!("../cases/kyc.toml")),
    ("input.toml", include_str!("../cases/input.toml")),
    ("additions.toml", include_str!("../cases/additions.toml")),
];

pub const BASES: &[(&str, &str)] = &[
    ("chashma", include_str!("../../data/examples/chashma_2021.json")),
    ("plain", include_str!("../cases/plain.json")),
];
