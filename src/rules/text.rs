//! Small text helpers shared by the rules: tokens, code prefixes, HS digits.

/// Lower-case alphanumeric tokens of `s` (`"Chashma Nuclear-Power"` → `chashma`, `nuclear`, `power`).
pub fn tokens(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()).map(|t| t.to_lowercase()).collect()
}

/// Does every token of `pattern` occur in `toks`?
pub fn has_all(toks: &[String], pattern: &[String]) -> bool {
    !pattern.is_empty() && pattern.iter().all(|p| toks.iter().any(|t| t == p))
}

/// Does any pattern match?
pub fn any_pattern(toks: &[String], patterns: &[Vec<String>]) -> bool {
    patterns.iter().any(|p| has_all(toks, p))
}

/// Normalises a control-list code: `1c010.B` → `1C010.b` (category digit and group letter upper case,
/// sub-paragraphs lower case), spaces removed.
pub fn norm_code(code: &str) -> String {
    let c: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out = String::with_capacity(c.len());
    for (i, ch) in c.chars().enumerate() {
        if i < 2 {
            out.extend(ch.to_uppercase());
        } else {
            out.extend(ch.to_lowercase());
        }
    }
    out
}

/// Is `code` equal to `prefix` or a sub-item of it (`1C450.a.1` is under `1C450.a`, not under `1C450.a.10`'s
/// sibling)? Both normalised with [`norm_code`].
pub fn under(code: &str, prefix: &str) -> bool {
    let (c, p) = (norm_code(code), norm_code(prefix));
    c == p || (c.starts_with(&p) && c[p.len()..].starts_with('.'))
}

/// Does `code` follow the Annex I / ECCN grammar `^[0-9][A-E][0-9]{3}` (sub-paragraphs ignored)?
pub fn is_control_code(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() >= 5
        && b[0].is_ascii_digit()
        && matches!(b[1].to_ascii_uppercase(), b'A'..=b'E')
        && b[2..5].iter().all(|c| c.is_ascii_digit())
        && (b.len() == 5 || b[5] == b'.')
}

/// The digits of an HS code (`9030.10` → `903010`).
pub fn hs_digits(hs: &str) -> String {
    hs.chars().filter(|c| c.is_ascii_digit()).collect()
}

/// Does HS code `digits` fall under any of `prefixes` (digit strings)?
pub fn hs_under(digits: &str, prefixes: &[String]) -> Option<String> {
    if digits.is_empty() {
        return None;
    }
    prefixes.iter().find(|p| digits.starts_with(p.as_str())).cloned()
}

/// Days since 1970-01-01 of an ISO date `YYYY-MM-DD` (proleptic Gregorian); `None` if not such a date.
pub fn day_number(date: &str) -> Option<i64> {
    let d = date.get(..10)?;
    let (y, m, dd) =
        (d.get(..4)?.parse::<i64>().ok()?, d.get(5..7)?.parse::<i64>().ok()?, d.get(8..10)?.parse::<i64>().ok()?);
    if d.as_bytes()[4] != b'-' || d.as_bytes()[7] != b'-' || !(1..=12).contains(&m) || !(1..=31).contains(&dd) {
        return None;
    }
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + dd - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

#[cfg(test)]
mod tests {
    #[test]
    fn day_numbers() {
        assert_eq!(super::day_number("1970-01-01"), Some(0));
        assert_eq!(super::day_number("2026-12-01").zip(super::day_number("2026-11-01")).map(|(a, b)| a - b), Some(30));
        assert_eq!(super::day_number("2024-03-01").zip(super::day_number("2024-02-28")).map(|(a, b)| a - b), Some(2));
        assert_eq!(super::day_number("10/30/2024"), None);
    }

    use super::*;

    #[test]
    fn code_prefixes() {
        let cases = [
            ("1C450.a.1", "1C450.a", true),
            ("1C450.a.10", "1C450.a.1", false),
            ("1c010.B", "1C010", true),
            ("1C0101", "1C010", false),
            ("3A225", "3A225", true),
            ("3A22", "3A225", false),
        ];
        for (code, prefix, want) in cases {
            assert_eq!(under(code, prefix), want, "{code} under {prefix}");
        }
    }

    #[test]
    fn control_code_grammar() {
        for (code, want) in
            [("1C010.b", true), ("3A225", true), ("EAR99", false), ("1F001", false), ("12345", false), ("1C01", false)]
        {
            assert_eq!(is_control_code(code), want, "{code}");
        }
    }

    #[test]
    fn token_patterns() {
        let t = tokens("Chashma Sugar Mills Ltd.");
        assert!(!has_all(&t, &["chashma".into(), "nuclear".into()]));
        assert!(has_all(&tokens("CHASHMA Nuclear Power Plant"), &["chashma".into(), "nuclear".into()]));
    }
}
