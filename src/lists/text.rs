//! Small text helpers shared by the importers.

/// Collapses runs of whitespace (incl. NBSP) to one space and trims.
pub(crate) fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split(|c: char| c.is_whitespace() || c == '\u{a0}').filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Pushes a cleaned, non-empty value unless already present.
pub(crate) fn push_unique(out: &mut Vec<String>, v: &str) {
    let v = clean(v);
    if !v.is_empty() && !out.contains(&v) {
        out.push(v);
    }
}

/// 1-based line number of a byte offset.
pub(crate) fn line_of(data: &[u8], offset: usize) -> usize {
    let end = offset.min(data.len());
    data[..end].iter().filter(|&&b| b == b'\n').count() + 1
}

/// Decodes bytes as UTF-8, falling back to Windows-1252 / Latin-1 for dirty files
/// (e.g. the DDTC debarred list), and drops a BOM and DOS end-of-file (0x1A) bytes. Clean UTF-8
/// (the usual case) is borrowed, not copied: a 200 MB list file is then held once, not twice.
pub(crate) fn decode_text(data: &[u8]) -> std::borrow::Cow<'_, str> {
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    match std::str::from_utf8(data) {
        Ok(s) if !s.contains('\u{1a}') => std::borrow::Cow::Borrowed(s),
        Ok(s) => std::borrow::Cow::Owned(s.replace('\u{1a}', "")),
        Err(_) => std::borrow::Cow::Owned(data.iter().filter(|&&b| b != 0x1A).map(|&b| cp1252(b)).collect()),
    }
}

fn cp1252(b: u8) -> char {
    const HI: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HI[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// A data date (`YYYY-MM-DD` or `YYYY-MM`) found in a file name, e.g.
/// `ofac_sdn_2024-05-03.csv` → `2024-05-03`; empty if none.
pub(crate) fn date_from_name(name: &str) -> String {
    let b = name.as_bytes();
    let digits = |i: usize, n: usize| i + n <= b.len() && b[i..i + n].iter().all(u8::is_ascii_digit);
    for i in 0..b.len() {
        if digits(i, 4) && b.get(i + 4) == Some(&b'-') && digits(i + 5, 2) {
            if b.get(i + 7) == Some(&b'-') && digits(i + 8, 2) {
                return name[i..i + 10].to_string();
            }
            return name[i..i + 7].to_string();
        }
    }
    String::new()
}

/// `MM/DD/YYYY` (or `M/D/YY`) → `YYYY-MM-DD`; other strings are returned trimmed.
pub(crate) fn us_date_to_iso(s: &str) -> String {
    let s = s.trim();
    let parts: Vec<&str> = s.split('/').collect();
    if parts.len() == 3 && parts.iter().all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit())) {
        let (m, d, y) = (parts[0], parts[1], parts[2]);
        let y = match y.len() {
            4 => y.to_string(),
            2 => {
                let n: u32 = y.parse().unwrap_or(0);
                format!("{}", if n > 50 { 1900 + n } else { 2000 + n })
            }
            _ => return s.to_string(),
        };
        return format!("{y}-{m:0>2}-{d:0>2}");
    }
    s.to_string()
}

/// The largest ISO date string (lexicographic = chronological for `YYYY-MM-DD`).
pub(crate) fn max_date<'a>(dates: impl Iterator<Item = &'a str>) -> String {
    dates
        .filter(|d| d.len() >= 7 && d.as_bytes()[..4].iter().all(u8::is_ascii_digit))
        .max()
        .map(str::to_string)
        .unwrap_or_default()
}

/// Appends `v` (cleaned) to the `; `-joined list-specific field `key` of `e`, unless it is empty
/// or already there.
pub(crate) fn add_field(e: &mut crate::screening::Entry, key: &str, v: &str) {
    let v = clean(v);
    if v.is_empty() {
        return;
    }
    let cur = e.fields.value_mut(key);
    if cur.split("; ").any(|x| x == v) {
        return;
    }
    if !cur.is_empty() {
        cur.push_str("; ");
    }
    cur.push_str(&v);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        assert_eq!(clean("  a \n\t b\u{a0}c "), "a b c");
        assert_eq!(date_from_name("ofac_sdn_2024-05-03.csv"), "2024-05-03");
        assert_eq!(date_from_name("ofac_alt_2025-12.csv"), "2025-12");
        assert_eq!(date_from_name("sdn.csv"), "");
        assert_eq!(us_date_to_iso("06/19/2003"), "2003-06-19");
        assert_eq!(us_date_to_iso("6/1/21"), "2021-06-01");
        assert_eq!(decode_text(b"A\xA0B\x1a"), "A\u{a0}B");
        assert_eq!(line_of(b"a\nb\nc", 3), 2);
    }
}
