//! Parsing and validating a shipment. Errors name the field by its JSON path.

use super::{Classification, Party, Shipment};
use std::fmt;

/// A shipment could not be used as given. `field` is a JSON path such as
/// `parties.end_user.country` or `items[2].qty`; `message` says what is wrong in plain words.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct InputError {
    pub field: String,
    pub message: String,
}

impl InputError {
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        InputError { field: field.into(), message: message.into() }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.field, self.message)
        }
    }
}

impl std::error::Error for InputError {}

/// Upper bound on nesting and size: a shipment is a form, not a data dump.
const MAX_BYTES: usize = 4 * 1024 * 1024;

/// Parses shipment JSON and validates it. Never panics.
pub fn parse_shipment(json: &str) -> Result<Shipment, InputError> {
    if json.len() > MAX_BYTES {
        return Err(InputError::new("", format!("shipment is {} bytes; the limit is {MAX_BYTES}", json.len())));
    }
    let de = &mut serde_json::Deserializer::from_str(json);
    let mut shipment: Shipment = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { String::new() } else { path };
        InputError::new(path, e.into_inner().to_string())
    })?;
    validate(&mut shipment)?;
    Ok(shipment)
}

/// Checks values serde cannot: country codes, quantities, codes. Normalises country codes
/// to upper case in place.
pub fn validate(s: &mut Shipment) -> Result<(), InputError> {
    if let super::Jurisdiction::Eu(ms) = &s.jurisdiction {
        if !crate::catalog::is_eu_member(ms) {
            return Err(InputError::new("jurisdiction", format!("`EU:{ms}`: {ms} is not an EU member state")));
        }
    }
    party(&mut s.exporter, "exporter", true)?;
    let p = &mut s.parties;
    for (role, slot) in [
        ("parties.purchaser", &mut p.purchaser),
        ("parties.consignee", &mut p.consignee),
        ("parties.end_user", &mut p.end_user),
        ("parties.payer", &mut p.payer),
        ("parties.freight_forwarder", &mut p.freight_forwarder),
    ] {
        if let Some(party_) = slot {
            party(party_, role, true)?;
        }
    }
    for (i, ic) in p.intermediate_consignees.iter_mut().enumerate() {
        party(ic, &format!("parties.intermediate_consignees[{i}]"), true)?;
    }
    for (i, item) in s.items.iter_mut().enumerate() {
        let at = |f: &str| format!("items[{i}].{f}");
        for (name, v) in [("qty", item.qty), ("value", item.value)] {
            if let Some(v) = v {
                if !v.is_finite() || v < 0.0 {
                    return Err(InputError::new(at(name), format!("must be a number ≥ 0, got {v}")));
                }
            }
        }
        if let Some(Classification::Listed { scheme, code }) = &mut item.classification {
            let up = scheme.trim().to_ascii_uppercase();
            if !matches!(up.as_str(), "EU" | "ECCN" | "UK" | "JP" | "RU") {
                return Err(InputError::new(
                    at("classification.scheme"),
                    format!("unknown scheme `{scheme}`: expected EU, ECCN, UK, JP or RU"),
                ));
            }
            *scheme = up;
            *code = code.trim().to_string();
            if code.is_empty() {
                return Err(InputError::new(at("classification.code"), "is empty"));
            }
        }
        if let Some(c) = &mut item.origin_country {
            country(c, &at("origin_country"), true)?;
        }
        for (name, v) in [
            ("cwc_max_concentration_pct", item.cwc_max_concentration_pct),
            ("us_controlled_content_pct", item.us_controlled_content_pct),
        ] {
            if let Some(v) = v {
                if !v.is_finite() || !(0.0..=100.0).contains(&v) {
                    return Err(InputError::new(at(name), format!("must be a percentage from 0 to 100, got {v}")));
                }
            }
        }
        if let Some(sch) = &mut item.cwc_schedule {
            let up = sch.trim().to_ascii_uppercase();
            if !matches!(up.as_str(), "1" | "2A" | "2A*" | "2B" | "3A" | "3B") {
                return Err(InputError::new(
                    at("cwc_schedule"),
                    format!("unknown CWC schedule `{sch}`: expected 1, 2A, 2A*, 2B, 3A or 3B"),
                ));
            }
            *sch = up;
        }
    }
    for (i, c) in s.due_diligence.known_reexport_countries.iter_mut().enumerate() {
        country(c, &format!("due_diligence.known_reexport_countries[{i}]"), false)?;
    }
    for (i, l) in s.exporter.licences_held.iter_mut().enumerate() {
        for (j, c) in l.destinations.iter_mut().enumerate() {
            country(c, &format!("exporter.licences_held[{i}].destinations[{j}]"), false)?;
        }
    }
    for (i, d) in s.due_diligence.prior_denials.iter().enumerate() {
        let at = format!("due_diligence.prior_denials[{i}]");
        if !matches!(d.kind.as_str(), "licence_denial" | "informed_requirement" | "revocation") {
            return Err(InputError::new(
                format!("{at}.kind"),
                format!("unknown kind `{}`: expected licence_denial, informed_requirement or revocation", d.kind),
            ));
        }
        if d.authority.trim().is_empty() {
            return Err(InputError::new(
                format!("{at}.authority"),
                "is missing: give EU:<member state>, US, GB, JP, RU or other:<ISO-2>",
            ));
        }
    }
    if let Some(d) = &s.screening_date {
        if !is_date(d) {
            return Err(InputError::new("screening_date", format!("`{d}` is not a date: expected YYYY-MM-DD")));
        }
    }
    for (i, rf) in s.due_diligence.red_flags.iter_mut().enumerate() {
        let up = rf.trim().to_ascii_uppercase();
        let ok = up.len() == 4 && up.starts_with("RF") && up[2..].parse::<u8>().is_ok_and(|n| (1..=25).contains(&n));
        if !ok {
            return Err(InputError::new(
                format!("due_diligence.red_flags[{i}]"),
                format!("unknown red flag `{rf}`: expected RF01 … RF25"),
            ));
        }
        *rf = up;
    }
    Ok(())
}

/// `YYYY-MM-DD` with plausible month and day.
fn is_date(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && d[..4].parse::<u16>().is_ok()
        && d[5..7].parse::<u8>().is_ok_and(|m| (1..=12).contains(&m))
        && d[8..].parse::<u8>().is_ok_and(|x| (1..=31).contains(&x))
}

fn party(p: &mut Party, at: &str, country_optional: bool) -> Result<(), InputError> {
    if p.name.chars().count() > 10_000 {
        return Err(InputError::new(format!("{at}.name"), "is longer than 10,000 characters"));
    }
    country(&mut p.country, &format!("{at}.country"), country_optional)
}

fn country(c: &mut String, at: &str, optional: bool) -> Result<(), InputError> {
    let up = c.trim().to_ascii_uppercase();
    if up.is_empty() {
        return if optional {
            Ok(())
        } else {
            Err(InputError::new(at, "is missing: give the ISO 3166 two-letter code"))
        };
    }
    match crate::catalog::resolve_country(&up) {
        Some(code) => {
            *c = code.to_string();
            Ok(())
        }
        None => Err(InputError::new(at, format!("unknown country code `{c}`: expected ISO 3166-1 alpha-2, e.g. PK"))),
    }
}
