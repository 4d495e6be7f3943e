//! Japan's Appended Table 1: the Japanese classification notation and the row an EU Annex I code or an ECCN
//! corresponds to. Facts: `data/jp/appended_table_1.toml`.
//!
//! A Japanese classification is written `<row>(<item>)[<sub>]`: `2(12)` is row 2 item (12), `3-2(2)10` is
//! row 3の2 item (2) sub-item 10, `7(10-2)` is row 7 item (10の2); a Goods-Ordinance pointer may follow
//! after `|GO:` (`2(12)|GO:1-12`). Row 16 is the catch-all for unlisted goods.

use super::text::is_control_code;
use crate::catalog;

/// The row of a code written in Japanese notation, or `None` if `code` is not in that notation.
pub fn notation_row(code: &str) -> Option<String> {
    let code = code.split("|GO:").next().unwrap_or("").trim();
    let (row, rest) = match code.find('(') {
        Some(i) => (&code[..i], &code[i..]),
        None => (code, ""),
    };
    let row_ok = row == "3-2" || row.parse::<u8>().is_ok_and(|n| (1..=16).contains(&n)) && !row.starts_with('0');
    if !row_ok {
        return None;
    }
    if rest.is_empty() {
        return Some(row.to_string());
    }
    // `(<digits>[-<digits>])[<digits>]`
    let close = rest.find(')')?;
    let inner = &rest[1..close];
    let (item, ins) = inner.split_once('-').unwrap_or((inner, "1"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let tail = &rest[close + 1..];
    (digits(item) && digits(ins) && (tail.is_empty() || digits(tail))).then(|| row.to_string())
}

/// What Appended Table 1 says about a classified item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JpRow {
    /// Listed in this row (1-15).
    Row(String),
    /// A listed code with no corresponding row (EU-autonomous 5xx entries, US-unilateral 9xx ECCNs).
    Unmapped,
}

/// The row a classification corresponds to; `None` for a Japanese row-16 (catch-all) code or a code outside
/// every grammar.
pub fn row_of(scheme: &str, code: &str) -> Option<JpRow> {
    if scheme == "JP" {
        if let Some(r) = notation_row(code) {
            return (r != "16").then_some(JpRow::Row(r));
        }
    }
    if !is_control_code(code) {
        return None;
    }
    let t = catalog::jp_table_1();
    let b = code.as_bytes();
    let (cat, block) = (b[0] - b'0', b[2]);
    if scheme == "ECCN" {
        if block == b'9' {
            return Some(JpRow::Unmapped);
        }
        // 0x5zz firearms, 9x515 spacecraft and the 600 series are munitions-type items.
        if t.eccn_row_1_blocks.iter().any(|x| x.as_bytes() == [block])
            && (block == b'6' || cat == 0 || &code[3..5] == "15")
        {
            return Some(JpRow::Row("1".into()));
        }
    }
    let row = match (cat, block) {
        (0, _) | (_, b'2') => "2",
        (_, b'1') => "4",
        (_, b'4') => "3",
        (_, b'3') => {
            if t.ag_bio.iter().any(|p| code.starts_with(p.as_str())) {
                "3-2"
            } else {
                "3"
            }
        }
        (_, b'0') => return Some(JpRow::Row((cat + 4).to_string())),
        _ => return Some(JpRow::Unmapped),
    };
    Some(JpRow::Row(row.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_notation() {
        for (code, want) in [
            ("2(12)", Some("2")),
            ("3-2(2)10", Some("3-2")),
            ("7(10-2)", Some("7")),
            ("5(20)", Some("5")),
            ("2(12)|GO:1-12", Some("2")),
            ("1", Some("1")),
            ("16", Some("16")),
            ("17(1)", None),
            ("2(x)", None),
            ("2B001", None),
            ("0(1)", None),
        ] {
            assert_eq!(notation_row(code).as_deref(), want, "{code}");
        }
    }

    #[test]
    fn eu_and_eccn_codes_map_to_rows() {
        let r = |s: &str| JpRow::Row(s.into());
        for (scheme, code, want) in [
            ("EU", "0C001", Some(r("2"))),
            ("EU", "3A225", Some(r("2"))),
            ("EU", "1C111.a", Some(r("4"))),
            ("EU", "1C450.a.1", Some(r("3"))),
            ("EU", "1C350.d", Some(r("3"))),
            ("EU", "1C351.a", Some(r("3-2"))),
            ("EU", "2B001.b", Some(r("6"))),
            ("EU", "5A002", Some(r("9"))),
            ("EU", "3A501", Some(JpRow::Unmapped)),
            ("ECCN", "3A991.a", Some(JpRow::Unmapped)),
            ("ECCN", "9A610", Some(r("1"))),
            ("ECCN", "0A501", Some(r("1"))),
            ("ECCN", "9A515", Some(r("1"))),
            ("JP", "2(12)", Some(r("2"))),
            ("JP", "16", None),
        ] {
            assert_eq!(row_of(scheme, code), want, "{scheme} {code}");
        }
    }
}
