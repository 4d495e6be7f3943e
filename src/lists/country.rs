//! Country names as the lists write them → ISO 3166-1 alpha-2.
//!
//! `crate::catalog::resolve_country` knows the ISO names and codes; the lists also use
//! older or informal names ("Burma", "Korea, North", "Russia"), and the METI End User List
//! as compiled in the KAIST file gives countries in Korean. This table covers those.

/// Informal / list-specific country names (upper case) → ISO-2.
const VARIANTS: &[(&str, &str)] = &[
    ("RUSSIA", "RU"),
    ("BURMA", "MM"),
    ("KOREA, NORTH", "KP"),
    ("NORTH KOREA", "KP"),
    ("KOREA, SOUTH", "KR"),
    ("SOUTH KOREA", "KR"),
    ("DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA", "KP"),
    ("REPUBLIC OF KOREA", "KR"),
    ("DEMOCRATIC REPUBLIC OF THE CONGO", "CD"),
    ("CONGO, DEMOCRATIC REPUBLIC OF THE", "CD"),
    ("DRC", "CD"),
    ("IRAN (ISLAMIC REPUBLIC OF)", "IR"),
    ("SYRIA", "SY"),
    ("VIETNAM", "VN"),
    ("VIET NAM", "VN"),
    ("TAIWAN", "TW"),
    ("LAOS", "LA"),
    ("LAO PEOPLE'S DEMOCRATIC REPUBLIC", "LA"),
    ("MOLDOVA", "MD"),
    ("REPUBLIC OF MOLDOVA", "MD"),
    ("VENEZUELA", "VE"),
    ("BOLIVIA", "BO"),
    ("TANZANIA", "TZ"),
    ("UNITED REPUBLIC OF TANZANIA", "TZ"),
    ("TURKEY", "TR"),
    ("TURKIYE", "TR"),
    ("TÜRKIYE", "TR"),
    ("CZECH REPUBLIC", "CZ"),
    ("UNITED KINGDOM", "GB"),
    ("UK", "GB"),
    ("ENGLAND", "GB"),
    ("UNITED STATES", "US"),
    ("UNITED STATES OF AMERICA", "US"),
    ("USA", "US"),
    ("U.S.A.", "US"),
    ("HONG KONG", "HK"),
    ("MACAU", "MO"),
    ("MACAO", "MO"),
    ("PALESTINIAN TERRITORIES", "PS"),
    ("PALESTINE", "PS"),
    ("WEST BANK", "PS"),
    ("GAZA", "PS"),
    ("IVORY COAST", "CI"),
    ("COTE D'IVOIRE", "CI"),
    ("CÔTE D'IVOIRE", "CI"),
    ("KOSOVO", "XK"),
    ("CRIMEA REGION OF UKRAINE", "UA"),
    ("THE NETHERLANDS", "NL"),
    ("NETHERLANDS", "NL"),
    ("UAE", "AE"),
    ("BRUNEI", "BN"),
    ("CAPE VERDE", "CV"),
    ("MICRONESIA", "FM"),
    ("SWAZILAND", "SZ"),
    ("MACEDONIA", "MK"),
    ("THE GAMBIA", "GM"),
    ("GAMBIA, THE", "GM"),
    ("BAHAMAS, THE", "BS"),
    ("ST. KITTS AND NEVIS", "KN"),
    ("ST. LUCIA", "LC"),
    ("ST. VINCENT AND THE GRENADINES", "VC"),
    ("REPUBLIC OF THE CONGO", "CG"),
    ("CONGO, REPUBLIC OF THE", "CG"),
    // METI End User List as compiled in Korean (multi_restricted_parties_kaist).
    ("이란", "IR"),
    ("북한", "KP"),
    ("중국", "CN"),
    ("파키스탄", "PK"),
    ("러시아", "RU"),
    ("아랍에미리트", "AE"),
    ("홍콩", "HK"),
    ("시리아", "SY"),
    ("레바논", "LB"),
    ("대만", "TW"),
    ("이집트", "EG"),
    ("아프가니스탄", "AF"),
    ("예멘", "YE"),
    ("인도", "IN"),
    ("이스라엘", "IL"),
    ("튀르키예", "TR"),
    ("터키", "TR"),
    ("미국", "US"),
    ("일본", "JP"),
    ("한국", "KR"),
];

/// ISO-2 code for a country name or code as written in a list, if known.
pub fn to_iso2(raw: &str) -> Option<String> {
    let s = raw.trim().trim_end_matches('.').trim();
    if s.is_empty() {
        return None;
    }
    if let Some(c) = crate::catalog::resolve_country(s) {
        return Some(c.to_string());
    }
    let up = s.to_uppercase();
    VARIANTS.iter().find(|(k, _)| *k == up).map(|(_, v)| (*v).to_string())
}

/// Adds the ISO-2 code of `raw` to `out` if known and not already there.
pub(crate) fn push_country(out: &mut Vec<String>, raw: &str) {
    if let Some(c) = to_iso2(raw) {
        if !out.contains(&c) {
            out.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_spellings_resolve() {
        let cases = [
            ("PAKISTAN", Some("PK")),
            ("Russia", Some("RU")),
            ("Korea, North", Some("KP")),
            ("Democratic Republic of the Congo", Some("CD")),
            ("Iran", Some("IR")),
            ("파키스탄", Some("PK")),
            ("China.", Some("CN")),
            ("Atlantis", None),
            ("", None),
        ];
        for (raw, want) in cases {
            assert_eq!(to_iso2(raw).as_deref(), want, "{raw}");
        }
    }
}
