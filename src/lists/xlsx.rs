//! Just enough of the .xlsx format (Office Open XML workbook) to read the first sheet of a
//! list workbook (OFSI's ConList.xlsx) as rows of cell text. Pure Rust, no I/O: a zip reader
//! over the bytes (stored and deflate members; deflate via `miniz_oxide`, which builds for
//! wasm32 as it is), then the shared strings and the sheet XML read as a stream with quick-xml.
//! Formulas, dates as serial numbers and styles are not interpreted: a cell is its stored text.
//!
//! Not `calamine`: it would bring a second quick-xml, a zip crate and encoding tables into the
//! wasm worker for one workbook layout; this reader is ~250 lines and bounded (every member's
//! inflated size is capped, so a zip bomb is an error, not an out-of-memory page).

use super::text::line_of;
use super::ImportError;
use quick_xml::events::Event;
use quick_xml::Reader;

/// The largest inflated size of one workbook member (the ConList sheet is 12.3 MiB).
pub const MAX_MEMBER_BYTES: usize = 256 * 1024 * 1024;

fn u16_at(d: &[u8], i: usize) -> Option<usize> {
    d.get(i..i + 2).map(|b| usize::from(u16::from_le_bytes([b[0], b[1]])))
}
fn u32_at(d: &[u8], i: usize) -> Option<usize> {
    d.get(i..i + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
}

/// One member of a zip archive: name, method, compressed data.
struct Member<'a> {
    name: String,
    method: usize,
    data: &'a [u8],
    size: usize,
}

fn members<'a>(file: &str, d: &'a [u8]) -> Result<Vec<Member<'a>>, ImportError> {
    let bad = |why: &str| ImportError::new(file, 0, format!("not a readable .xlsx workbook (zip): {why}"));
    // End of central directory: last occurrence of PK\x05\x06 within the final 64 KiB + 22 bytes.
    let from = d.len().saturating_sub(65_557);
    let eocd = (from..d.len().saturating_sub(21))
        .rev()
        .find(|&i| d[i..].starts_with(b"PK\x05\x06"))
        .ok_or_else(|| bad("no end of central directory"))?;
    let count = u16_at(d, eocd + 10).ok_or_else(|| bad("short directory"))?;
    let mut at = u32_at(d, eocd + 16).ok_or_else(|| bad("short directory"))?;
    let mut out = Vec::with_capacity(count.min(1024));
    for _ in 0..count {
        if !d.get(at..).is_some_and(|s| s.starts_with(b"PK\x01\x02")) {
            return Err(bad("broken central directory"));
        }
        let field = |o: usize| u16_at(d, at + o).ok_or_else(|| bad("short directory entry"));
        let method = field(10)?;
        let csize = u32_at(d, at + 20).ok_or_else(|| bad("short directory entry"))?;
        let size = u32_at(d, at + 24).ok_or_else(|| bad("short directory entry"))?;
        let (nlen, xlen, clen) = (field(28)?, field(30)?, field(32)?);
        let local = u32_at(d, at + 42).ok_or_else(|| bad("short directory entry"))?;
        let name = d.get(at + 46..at + 46 + nlen).ok_or_else(|| bad("short name"))?;
        let name = String::from_utf8_lossy(name).into_owned();
        if !d.get(local..).is_some_and(|s| s.starts_with(b"PK\x03\x04")) {
            return Err(bad("broken local header"));
        }
        let lname = u16_at(d, local + 26).ok_or_else(|| bad("short local header"))?;
        let lextra = u16_at(d, local + 28).ok_or_else(|| bad("short local header"))?;
        let start = local + 30 + lname + lextra;
        let data = d
            .get(start..start.saturating_add(csize))
            .ok_or_else(|| bad("member runs past the end (truncated file?)"))?;
        out.push(Member { name, method, data, size });
        at += 46 + nlen + xlen + clen;
    }
    Ok(out)
}

fn inflate(file: &str, m: &Member<'_>) -> Result<Vec<u8>, ImportError> {
    if m.size > MAX_MEMBER_BYTES {
        return Err(ImportError::new(
            file,
            0,
            format!("{} inflates to {} bytes, over the {MAX_MEMBER_BYTES}-byte limit", m.name, m.size),
        ));
    }
    match m.method {
        0 => Ok(m.data.to_vec()),
        8 => miniz_oxide::inflate::decompress_to_vec_with_limit(m.data, MAX_MEMBER_BYTES)
            .map_err(|e| ImportError::new(file, 0, format!("{}: cannot inflate ({:?})", m.name, e.status))),
        other => Err(ImportError::new(file, 0, format!("{}: unsupported zip compression method {other}", m.name))),
    }
}

fn named_entity(name: &str) -> &'static str {
    match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => "",
    }
}

/// Streams an XML member: `start(local name, attribute getter)` for each element (also
/// empty ones, which get their `end` at once), `text` for text, `end(local name)` at its end.
fn stream(
    file: &str,
    member: &str,
    xml: &[u8],
    mut start: impl FnMut(&str, &dyn Fn(&str) -> Option<String>),
    mut text: impl FnMut(&str),
    mut end: impl FnMut(&str),
) -> Result<(), ImportError> {
    let xml = xml.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(xml);
    let s = std::str::from_utf8(xml).map_err(|e| {
        ImportError::new(file, 0, format!("{member}: not UTF-8 at line {}", line_of(xml, e.valid_up_to())))
    })?;
    let mut r = Reader::from_str(s);
    let mut depth = 0usize;
    loop {
        let ev = r.read_event().map_err(|e| {
            let at = usize::try_from(r.error_position()).unwrap_or(0);
            ImportError::new(file, 0, format!("{member}: malformed XML at line {}: {e}", line_of(xml, at)))
        })?;
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let name = e.local_name().as_ref().to_string();
                let attrs: Vec<(String, String)> = e
                    .attributes()
                    .flatten()
                    .map(|a| {
                        (
                            a.key.local_name().as_ref().to_string(),
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .map(|v| v.into_owned())
                                .unwrap_or_default(),
                        )
                    })
                    .collect();
                let get = |k: &str| attrs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
                start(&name, &get);
                if matches!(ev, Event::Empty(_)) {
                    end(&name);
                } else {
                    depth += 1;
                    if depth > super::xml::MAX_DEPTH {
                        return Err(ImportError::new(
                            file,
                            0,
                            format!("{member}: XML nested deeper than {} elements", super::xml::MAX_DEPTH),
                        ));
                    }
                }
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                end(e.local_name().as_ref());
            }
            Event::Text(t) => text(&t.xml10_content()),
            Event::CData(t) => text(&t.into_inner()),
            Event::GeneralRef(g) => match g.resolve_char_ref() {
                Ok(Some(c)) => text(&c.to_string()),
                _ => text(named_entity(&g)),
            },
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// "AJ" → 35 (0-based column index of the letters of a cell reference like "AJ12").
fn column_of(cell_ref: &str) -> Option<usize> {
    let mut n = 0usize;
    let mut any = false;
    for b in cell_ref.bytes().take_while(u8::is_ascii_alphabetic) {
        n = n.checked_mul(26)?.checked_add(usize::from(b.to_ascii_uppercase() - b'A') + 1)?;
        any = true;
    }
    (any && n <= 16_384).then(|| n - 1)
}

/// The rows of the first sheet: (1-based row number, cell texts by column; missing cells empty).
pub fn first_sheet_rows(file: &str, data: &[u8]) -> Result<Vec<(usize, Vec<String>)>, ImportError> {
    let ms = members(file, data)?;
    let find = |n: &str| ms.iter().find(|m| m.name == n);
    // The first sheet: workbook.xml's first <sheet r:id>, resolved through the workbook rels.
    let mut sheet_path = String::from("xl/worksheets/sheet1.xml");
    if let (Some(wb), Some(rels)) = (find("xl/workbook.xml"), find("xl/_rels/workbook.xml.rels")) {
        let (wb, rels) = (inflate(file, wb)?, inflate(file, rels)?);
        let mut rid = None;
        stream(
            file,
            "xl/workbook.xml",
            &wb,
            |n, a| {
                if n == "sheet" && rid.is_none() {
                    rid = a("id");
                }
            },
            |_| {},
            |_| {},
        )?;
        if let Some(rid) = rid {
            stream(
                file,
                "xl/_rels/workbook.xml.rels",
                &rels,
                |n, a| {
                    if n == "Relationship" && a("Id").as_deref() == Some(rid.as_str()) {
                        if let Some(t) = a("Target") {
                            let t = t.trim_start_matches('/');
                            sheet_path = if t.starts_with("xl/") { t.to_string() } else { format!("xl/{t}") };
                        }
                    }
                },
                |_| {},
                |_| {},
            )?;
        }
    }
    let mut shared: Vec<String> = Vec::new();
    if let Some(ss) = find("xl/sharedStrings.xml") {
        let ss = inflate(file, ss)?;
        let mut cur = String::new();
        // Only text in <t> counts, and not the phonetic runs (<rPh>) of East Asian workbooks.
        let cur_ref = std::cell::RefCell::new(&mut cur);
        let shared_ref = std::cell::RefCell::new(&mut shared);
        // (inside <t>, inside <rPh>)
        let flags = std::cell::Cell::new((false, false));
        stream(
            file,
            "xl/sharedStrings.xml",
            &ss,
            |n, _| {
                let (t, ph) = flags.get();
                match n {
                    "si" => cur_ref.borrow_mut().clear(),
                    "t" => flags.set((true, ph)),
                    "rPh" => flags.set((t, true)),
                    _ => {}
                }
            },
            |s| {
                let (t, ph) = flags.get();
                if t && !ph {
                    cur_ref.borrow_mut().push_str(s);
                }
            },
            |n| {
                let (t, ph) = flags.get();
                match n {
                    "si" => {
                        let v = std::mem::take(&mut **cur_ref.borrow_mut());
                        shared_ref.borrow_mut().push(v);
                    }
                    "t" => flags.set((false, ph)),
                    "rPh" => flags.set((t, false)),
                    _ => {}
                }
            },
        )?;
    }
    let sheet =
        find(&sheet_path).ok_or_else(|| ImportError::new(file, 0, format!("no {sheet_path} in the workbook")))?;
    let xml = inflate(file, sheet)?;
    let rows = std::cell::RefCell::new(Vec::<(usize, Vec<String>)>::new());
    // State of the cell being read: (column, type, in value element, value text).
    let cell = std::cell::RefCell::new((0usize, String::new(), false, String::new()));
    let row_no = std::cell::Cell::new(0usize);
    stream(
        file,
        &sheet_path,
        &xml,
        |n, a| match n {
            "row" => {
                let r = a("r").and_then(|r| r.parse().ok()).unwrap_or(row_no.get() + 1);
                row_no.set(r);
                rows.borrow_mut().push((r, Vec::new()));
            }
            "c" => {
                let mut c = cell.borrow_mut();
                let next = rows.borrow().last().map(|(_, v)| v.len()).unwrap_or(0);
                c.0 = a("r").and_then(|r| column_of(&r)).unwrap_or(next);
                c.1 = a("t").unwrap_or_default();
                c.2 = false;
                c.3.clear();
            }
            "v" | "t" => cell.borrow_mut().2 = true,
            _ => {}
        },
        |s| {
            let mut c = cell.borrow_mut();
            if c.2 {
                c.3.push_str(s);
            }
        },
        |n| match n {
            "v" | "t" => cell.borrow_mut().2 = false,
            "c" => {
                let c = cell.borrow();
                let v = if c.1 == "s" {
                    c.3.trim().parse::<usize>().ok().and_then(|i| shared.get(i)).cloned().unwrap_or_default()
                } else {
                    c.3.clone()
                };
                if let Some((_, row)) = rows.borrow_mut().last_mut() {
                    if row.len() <= c.0 {
                        row.resize(c.0 + 1, String::new());
                    }
                    row[c.0] = v;
                }
            }
            _ => {}
        },
    )?;
    Ok(rows.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_and_garbage() {
        assert_eq!(column_of("A1"), Some(0));
        assert_eq!(column_of("AJ12"), Some(35));
        assert_eq!(column_of("12"), None);
        let e = first_sheet_rows("x.xlsx", b"PK\x03\x04 not really a zip").unwrap_err();
        assert!(e.to_string().contains("not a readable .xlsx"), "{e}");
    }
}
