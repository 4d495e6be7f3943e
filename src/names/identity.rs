//! Dates of birth and identifiers: facts beside the name that confirm or contradict a hit.
//!
//! A name says who someone might be; a birth date or a passport number says who they are not.
//! [`dob_agreement`] and [`id_agreement`] compare what the party gives with what the list entry
//! carries, and `Index::screen` turns the answer into a downgrade (a different birth date: a
//! match becomes a possible match) or a confirmation (the same full birth date or the same
//! identifier: a possible match whose name score is near the threshold becomes a match). When
//! either side has nothing to compare, nothing changes.

/// What two sets of facts say about identity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Agreement {
    /// Nothing to compare (one side has no usable value).
    Unknown,
    /// Compatible but not proof: e.g. the same year where one side gives only the year.
    Consistent,
    /// The same full date of birth, or the same identifier.
    Same,
    /// Not the same, but close enough to be one person's date as two lists wrote it: years at
    /// most one apart where a side gives only the year (lists often give an estimated year),
    /// or two full days that agree in two of year, month and day, the year at most one off (a
    /// typo, or a day the lists disagree on). Neither confirms nor
    /// contradicts (docs/MATCHING.md, § Fresh held-out).
    Near,
    /// Every value on one side contradicts every value on the other.
    Different,
}

impl Agreement {
    pub fn as_str(self) -> &'static str {
        match self {
            Agreement::Unknown => "unknown",
            Agreement::Consistent => "consistent",
            Agreement::Same => "same",
            Agreement::Near => "near",
            Agreement::Different => "different",
        }
    }
}

/// A birth date as the lists write it, reduced to what can be compared: a full day, a month,
/// or a range of years ("1965 to 1969", "circa 1970", a bare year).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dob {
    Day(u16, u8, u8),
    Month(u16, u8),
    Years(u16, u16),
}

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// Parses one birth date: ISO `YYYY-MM-DD` / `YYYY-MM` / `YYYY`, `DD Mon YYYY`, `Mon YYYY`,
/// `circa YYYY` (± 2 years), and ranges `A to B` / `between A and B` (by year). Unreadable
/// text gives None (and so never contradicts anything).
fn parse_dob(s: &str) -> Option<Dob> {
    let t = s.trim().to_ascii_lowercase();
    if t.is_empty() {
        return None;
    }
    let years: Vec<u16> = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse().ok())
        .filter(|y| (1850..=2100).contains(y))
        .collect();
    if years.len() >= 2 && (t.contains(" to ") || t.contains("between") || t.contains(" - ")) {
        let (a, b) = (years[0].min(years[1]), years[0].max(years[1]));
        return Some(Dob::Years(a, b));
    }
    if years.len() != 1 {
        return None;
    }
    let y = years[0];
    if t.starts_with("circa") || t.starts_with("ca.") || t.starts_with("approx") || t.starts_with("about") {
        return Some(Dob::Years(y - 2, y + 2));
    }
    let parts: Vec<&str> =
        t.split(|c: char| c == '-' || c == '/' || c == '.' || c.is_whitespace()).filter(|p| !p.is_empty()).collect();
    // ISO: 1970-01-31, 1970-01
    if parts.first().is_some_and(|p| p.len() == 4 && p.parse::<u16>().ok() == Some(y)) {
        let m = parts.get(1).and_then(|p| p.parse::<u8>().ok()).filter(|m| (1..=12).contains(m));
        let d = parts.get(2).and_then(|p| p.parse::<u8>().ok()).filter(|d| (1..=31).contains(d));
        return Some(match (m, d) {
            (Some(m), Some(d)) => Dob::Day(y, m, d),
            (Some(m), None) => Dob::Month(y, m),
            _ => Dob::Years(y, y),
        });
    }
    // 31 Jan 1970, Jan 1970, 31.01.1970
    let month = parts.iter().find_map(|p| MONTHS.iter().position(|m| p.starts_with(m)).map(|i| i as u8 + 1));
    let nums: Vec<u8> = parts.iter().filter(|p| p.len() <= 2).filter_map(|p| p.parse().ok()).collect();
    match (month, nums.as_slice()) {
        (Some(m), [d]) if (1..=31).contains(d) => Some(Dob::Day(y, m, *d)),
        (Some(m), []) => Some(Dob::Month(y, m)),
        (None, [d, m]) if (1..=31).contains(d) && (1..=12).contains(m) => Some(Dob::Day(y, *m, *d)),
        (None, []) => Some(Dob::Years(y, y)),
        _ => None,
    }
}

fn years(d: Dob) -> (u16, u16) {
    match d {
        Dob::Day(y, ..) | Dob::Month(y, _) => (y, y),
        Dob::Years(a, b) => (a, b),
    }
}

/// Same day, compatible (overlapping at the coarser precision), near (see [`Agreement::Near`])
/// or different.
fn compare_dob(a: Dob, b: Dob) -> Agreement {
    match (a, b) {
        (Dob::Day(y1, m1, d1), Dob::Day(y2, m2, d2)) => {
            if a == b {
                Agreement::Same
            } else if (y1, m1) == (y2, m2) || (y1, d1) == (y2, d2) || ((m1, d1) == (m2, d2) && y1.abs_diff(y2) == 1) {
                // two of year, month and day agree and the third is close (the year one off)
                Agreement::Near
            } else {
                Agreement::Different
            }
        }
        (Dob::Day(y1, m1, _) | Dob::Month(y1, m1), Dob::Day(y2, m2, _) | Dob::Month(y2, m2)) => {
            if (y1, m1) == (y2, m2) {
                Agreement::Consistent
            } else {
                Agreement::Different
            }
        }
        _ => {
            let ((a1, a2), (b1, b2)) = (years(a), years(b));
            if a1 <= b2 && b1 <= a2 {
                Agreement::Consistent
            } else if a1 <= b2 + 1 && b1 <= a2 + 1 && [a, b].iter().any(|d| matches!(d, Dob::Years(x, y) if x == y)) {
                // one side gives only a year: a year off by one is an estimate (a stated range
                // or "circa" is a bound of its own)
                Agreement::Near
            } else {
                Agreement::Different
            }
        }
    }
}

/// The party's birth dates against the entry's: `Same` when some pair is the same full day,
/// `Different` when every readable pair contradicts, `Consistent` when some pair is compatible,
/// else `Near` when some pair is near (a year off by one, two of year / month / day equal),
/// `Unknown` when either side has no readable date.
pub fn dob_agreement(query: &[String], entry: &[String]) -> Agreement {
    let q: Vec<Dob> = query.iter().filter_map(|s| parse_dob(s)).collect();
    let e: Vec<Dob> = entry.iter().filter_map(|s| parse_dob(s)).collect();
    if q.is_empty() || e.is_empty() {
        return Agreement::Unknown;
    }
    let mut best = Agreement::Different;
    for &a in &q {
        for &b in &e {
            match compare_dob(a, b) {
                Agreement::Same => return Agreement::Same,
                Agreement::Consistent => best = Agreement::Consistent,
                Agreement::Near if best == Agreement::Different => best = Agreement::Near,
                _ => {}
            }
        }
    }
    best
}

/// Shortest identifier that counts: shorter numbers collide by chance.
const MIN_ID_LEN: usize = 5;

fn id_key(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_uppercase()).collect()
}

/// The identifier numbers in a list entry's `ids` field ("Passport 92/664 (Egypt); National ID
/// No. 1234-5678"): each word with a digit, and each run of such words joined (numbers written
/// with spaces), reduced to upper-case letters and digits.
fn entry_id_keys(ids: &str) -> Vec<String> {
    let mut out = Vec::new();
    for item in ids.split(';') {
        let mut run = String::new();
        let mut prev = "";
        for w in item.split_whitespace() {
            let w = w.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | ';' | ':'));
            if w.chars().any(|c| c.is_ascii_digit()) {
                let k = id_key(w);
                // A letter series written apart from the number ("N 1234567").
                if run.is_empty() && (1..=2).contains(&prev.len()) && prev.chars().all(|c| c.is_ascii_uppercase()) {
                    out.push(format!("{prev}{k}"));
                }
                run.push_str(&k);
                out.push(k);
            } else if !run.is_empty() {
                out.push(std::mem::take(&mut run));
            }
            prev = w;
        }
        if !run.is_empty() {
            out.push(run);
        }
    }
    out.retain(|k| k.len() >= MIN_ID_LEN);
    out.sort();
    out.dedup();
    out
}

/// The party's identifiers (passport, registration, IMO numbers …) against the entry's `ids`
/// field: `Same` when one of them occurs there (compared as upper-case letters and digits, at
/// least 5 of them), else `Unknown`. A different identifier contradicts nothing: people and
/// firms hold many, and lists record few.
pub fn id_agreement(query: &[String], entry_ids: Option<&str>) -> Agreement {
    let Some(ids) = entry_ids else { return Agreement::Unknown };
    let keys = entry_id_keys(ids);
    let hit = query
        .iter()
        .flat_map(|q| entry_id_keys(q).into_iter().chain(std::iter::once(id_key(q))))
        .any(|q| q.len() >= MIN_ID_LEN && keys.binary_search(&q).is_ok());
    if hit {
        Agreement::Same
    } else {
        Agreement::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn dob_cases() {
        use Agreement::*;
        // (party, entry, expected)
        let cases: &[(&[&str], &[&str], Agreement)] = &[
            (&["1970-01-31"], &["1970-01-31"], Same),
            (&["31 Jan 1970"], &["1970-01-31"], Same),
            (&["31.01.1970"], &["1970-01-31"], Same),
            (&["1970-01-31"], &["1972-01-31"], Different),
            (&["1970-01-31"], &["1970-02-01"], Different),
            // near: two of year / month / day equal (the year one off at most), a year off by one
            // against a year given alone
            (&["1970-01-31"], &["1971-01-31"], Near),
            (&["1970-01-31"], &["1971-02-28"], Different),
            (&["1969-11-19"], &["1969-12-19"], Near),
            (&["1966-09-09"], &["1966-09-17"], Near),
            (&["1975"], &["1976"], Near),
            (&["1951-05-20"], &["1952"], Near),
            (&["1960-09-20"], &["1964"], Different),
            (&["1942"], &["1975-09-20", "1977"], Different),
            (&["1975"], &["1976", "1975-02-05"], Consistent),
            (&["1970-01-31"], &["1970"], Consistent),
            (&["1970"], &["1970-01-31"], Consistent),
            (&["1970-01-31"], &["1969"], Near),
            (&["1970-01-31"], &["1968"], Different),
            (&["1970-01-31"], &["1965 to 1969"], Different),
            (&["1967-05-01"], &["1965 to 1969"], Consistent),
            (&["1972-05-01"], &["circa 1970"], Consistent),
            (&["1975-05-01"], &["circa 1970"], Different),
            (&["1973-05-01"], &["circa 1970"], Different),
            (&["1970-01-31"], &["1965 to 1969", "1971"], Near),
            (&["1973-11-02"], &["Nov. 1973"], Consistent),
            (&["1973-12-02"], &["Nov. 1973"], Different),
            (&["1970-01-31"], &["1960-01-01", "1970-01-31"], Same),
            (&["1970-01-31"], &["1960-01-01", "1970"], Consistent),
            (&["1970-01-31"], &[], Unknown),
            (&[], &["1970-01-31"], Unknown),
            (&["unknown"], &["1970-01-31"], Unknown),
            (&["1970-01-31"], &["not a date"], Unknown),
        ];
        for (q, e, want) in cases {
            assert_eq!(dob_agreement(&v(q), &v(e)), *want, "{q:?} vs {e:?}");
        }
    }

    #[test]
    fn id_cases() {
        use Agreement::*;
        let cases: &[(&[&str], Option<&str>, Agreement)] = &[
            (&["92/664"], Some("Passport 92/664 (Egypt)"), Same),
            (&["A1234567"], Some("Passport A1234567 (IR); National ID No. 0012345678"), Same),
            (&["0012345678"], Some("Passport A1234567 (IR); National ID No. 001-234-5678"), Same),
            (&["IMO 9187629"], Some("IMO 9187629"), Same),
            (&["9187628"], Some("IMO 9187629"), Unknown),
            (&["N1234567"], Some("Passport N 1234567 (RU)"), Same),
            (&["1234"], Some("Passport 1234 (Egypt)"), Unknown),
            (&["92/664"], None, Unknown),
            (&[], Some("Passport 92/664 (Egypt)"), Unknown),
        ];
        for (q, e, want) in cases {
            assert_eq!(id_agreement(&v(q), *e), *want, "{q:?} vs {e:?}");
        }
    }
}
