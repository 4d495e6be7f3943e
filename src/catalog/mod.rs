//! Countries, regimes and the other legal facts the rules consult, parsed once from the
//! embedded `data/` files (see `crate::data`) into `OnceLock`s.
//!
//! Source data: `data/countries.toml` (ISO 3166-1), `data/regimes/*.toml`, … — each file
//! carries `as_of` and `source`.

mod legal;

pub use legal::*;

use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;

/// One ISO 3166-1 country.
#[derive(Clone, Debug, Deserialize)]
pub struct Country {
    pub iso2: String,
    pub iso3: String,
    pub names: Vec<String>,
}

#[derive(Deserialize)]
struct CountriesFile {
    #[allow(dead_code)]
    as_of: String,
    #[allow(dead_code)]
    source: String,
    country: Vec<Country>,
}

struct Countries {
    list: Vec<Country>,
    by_key: HashMap<String, usize>,
}

fn countries() -> &'static Countries {
    static C: OnceLock<Countries> = OnceLock::new();
    C.get_or_init(|| {
        // The file is embedded at compile time and checked by tests/data_valid.rs; a parse
        // failure here is a build defect, not user input.
        let file: CountriesFile = serde_json::from_str(crate::embedded!("countries"))
            .expect("data/countries.toml is valid (checked by tests)");
        let mut by_key = HashMap::new();
        for (i, c) in file.country.iter().enumerate() {
            by_key.insert(c.iso2.clone(), i);
            by_key.insert(c.iso3.clone(), i);
            for n in &c.names {
                by_key.entry(n.to_uppercase()).or_insert(i);
            }
        }
        // Common non-ISO spellings users type.
        for (alias, iso2) in [("UK", "GB"), ("EL", "GR")] {
            if let Some(&i) = by_key.get(iso2) {
                by_key.insert(alias.to_string(), i);
            }
        }
        Countries { list: file.country, by_key }
    })
}

/// Every known country, ordered by ISO-2 code.
pub fn all_countries() -> &'static [Country] {
    &countries().list
}

/// Resolves a country code (ISO-2, ISO-3) or English name, any case, to ISO-2.
pub fn resolve_country(code: &str) -> Option<&'static str> {
    let c = countries();
    c.by_key.get(&code.trim().to_uppercase()).map(|&i| c.list[i].iso2.as_str())
}

/// The English short name of an ISO-2 code.
pub fn country_name(iso2: &str) -> Option<&'static str> {
    let c = countries();
    c.by_key.get(iso2).and_then(|&i| c.list[i].names.first()).map(String::as_str)
}

/// Is `code` an EU member state (ISO-2)? From the `EU27` group in `data/regimes/groups.toml`.
pub fn is_eu_member(code: &str) -> bool {
    in_group("EU27", code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_codes_and_names() {
        let cases = [
            ("PK", Some("PK")),
            ("pk", Some("PK")),
            ("PAK", Some("PK")),
            ("Pakistan", Some("PK")),
            ("UK", Some("GB")),
            ("XK", Some("XK")),
            ("ZZ", None),
            ("", None),
        ];
        for (input, want) in cases {
            assert_eq!(resolve_country(input), want, "{input}");
        }
    }
}
