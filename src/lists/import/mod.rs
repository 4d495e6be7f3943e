//! Importers for the official list formats. Pure: they take bytes, never touch files.
//!
//! [`detect`] names the format of one file from its content (the file name only breaks
//! ties, e.g. OFAC `cons_prim.csv` vs `sdn.csv`, which share a layout). [`import`] takes a
//! set of files, groups the ones that belong together (the OFAC legacy CSV set, the UK
//! relational CSVs) and returns one [`Imported`] list per group.

pub mod bis;
pub mod csl;
pub mod eu;
pub mod ftm;
pub mod meti;
pub mod ofac;
pub mod ofac_xml;
pub mod uk;
pub mod un;

use super::{ImportError, Imported};
use serde::Serialize;

/// The largest list file [`import`] reads: 200 MiB (209,715,200 bytes). The largest official files today are a few MB (OFAC SDN ≈ 4 MB, the CSL ≈ 15 MB);
/// a full OpenSanctions FollowTheMoney export is the kind of file that comes near this. Natively,
/// a 200 MiB FtM file imports in ≈ 2 s at ≈ 620 MiB peak RSS (file bytes included); a 200 MiB
/// CSV of very short rows (2.5 M entries) at ≈ 1.7 GiB, the entries being most of it
/// (docs/HARDENING.md §3). Larger files are refused before any parsing with an error that names
/// the file, its size and this limit.
pub const MAX_LIST_BYTES: usize = 200 * 1024 * 1024;

/// The 1-based line a CSV record starts on (0 when the reader does not know).
pub(crate) fn rec_line(rec: &csv::StringRecord) -> usize {
    rec.position().map(|p| p.line() as usize).unwrap_or(0)
}

/// The 1-based line of a CSV reading error (0 when the reader does not know).
pub(crate) fn err_line(e: &csv::Error) -> usize {
    e.position().map(|p| p.line() as usize).unwrap_or(0)
}

/// A CSV record that could not be read: skipped, reported as `file:line`.
pub(crate) fn csv_issue(file: &str, e: &csv::Error) -> super::ImportIssue {
    super::ImportIssue { file: file.into(), line: err_line(e), reason: format!("unreadable CSV record: {e}") }
}

/// A CSV record read and its 1-based line; an unreadable one is noted in `issues` and gives
/// `None` (the import goes on with the next).
pub(crate) fn csv_record(
    file: &str,
    rec: csv::Result<csv::StringRecord>,
    issues: &mut Vec<super::ImportIssue>,
) -> Option<(csv::StringRecord, usize)> {
    match rec {
        Ok(r) => {
            let line = rec_line(&r);
            Some((r, line))
        }
        Err(e) => {
            issues.push(csv_issue(file, &e));
            None
        }
    }
}

/// Refuses a list file of `len` bytes if it is larger than [`MAX_LIST_BYTES`]. [`import`] calls it
/// for every file; callers that read files (the CLI) call it with the size on disk first, so an
/// oversized file is not even read into memory.
pub fn check_size(name: &str, len: u64) -> Result<(), ImportError> {
    if len > MAX_LIST_BYTES as u64 {
        let mib = |b: u64| b as f64 / (1024.0 * 1024.0);
        return Err(ImportError::new(
            name,
            0,
            format!(
                "file is {len} bytes ({:.1} MiB); the limit for a list file is {MAX_LIST_BYTES} bytes ({:.0} MiB)",
                mib(len),
                mib(MAX_LIST_BYTES as u64)
            ),
        ));
    }
    Ok(())
}

/// A source file handed to [`import`]: its name (for messages, tie-breaks and the data date)
/// and its bytes.
#[derive(Clone, Copy, Debug)]
pub struct SourceFile<'a> {
    pub name: &'a str,
    pub data: &'a [u8],
}

/// Every format Catchall reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// trade.gov Consolidated Screening List, 29-column CSV.
    CslCsv,
    /// trade.gov Consolidated Screening List, JSON (`results[]`).
    CslJson,
    /// OFAC legacy `sdn.csv` (12 columns, headerless); also `cons_prim.csv`.
    OfacMain,
    /// OFAC legacy `add.csv` / `cons_add.csv`.
    OfacAdd,
    /// OFAC legacy `alt.csv` / `cons_alt.csv`.
    OfacAlt,
    /// OFAC legacy `sdn_comments.csv` / `cons_comments.csv`.
    OfacComments,
    /// OFAC SDN names JSON (`entries[]` with `uid`, `alternateNames`).
    OfacNamesJson,
    /// OFAC SDN names CSV (`uid,name,type,programs,alternate_names`).
    OfacNamesCsv,
    /// eCFR XML of 15 CFR Part 744 (Entity List, Unverified List, MEU List).
    EcfrXml,
    /// The flattened CSV of the eCFR Part 744 supplements (`supplement,country,entity,…`).
    EcfrCsv,
    /// BIS Denied Persons List, tab-separated.
    Dpl,
    /// UN Security Council Consolidated List XML.
    UnXml,
    /// UK Sanctions List relational CSVs.
    UkSubjects,
    UkNames,
    UkDobs,
    UkCountries,
    UkIdentifiers,
    /// Multi-list JSON compilation holding the Japan METI End User List.
    MultiJson,
    /// FollowTheMoney entities as JSON lines (OpenSanctions).
    FtmJsonl,
    /// EU Financial Sanctions Files XML 1.1 (`<export>` of `<sanctionEntity>`).
    EuFsfXml,
    /// EU Financial Sanctions Files CSV 1.1 (semicolon-separated, `Entity_LogicalId;…`).
    EuFsfCsv,
    /// A names-level derivative of the EU FSF XML (`{"metadata": {"by_source"…}, "entities"}`).
    EuFsfDerivedJson,
    /// OFAC `sdn.xml` schema (SDN.XML, CONSOLIDATED.XML).
    OfacSdnXml,
    /// OFAC SDN_ADVANCED XML.
    OfacAdvancedXml,
    /// FCDO UK Sanctions List XML (2025+).
    UkXml,
    /// OFSI Consolidated List workbook (ConList.xlsx).
    OfsiConListXlsx,
}

impl Format {
    /// Every format, in declaration order (for tests and for listing what can be imported).
    pub const ALL: [Format; 26] = [
        Format::CslCsv,
        Format::CslJson,
        Format::OfacMain,
        Format::OfacAdd,
        Format::OfacAlt,
        Format::OfacComments,
        Format::OfacNamesJson,
        Format::OfacNamesCsv,
        Format::EcfrXml,
        Format::EcfrCsv,
        Format::Dpl,
        Format::UnXml,
        Format::UkSubjects,
        Format::UkNames,
        Format::UkDobs,
        Format::UkCountries,
        Format::UkIdentifiers,
        Format::MultiJson,
        Format::FtmJsonl,
        Format::EuFsfXml,
        Format::EuFsfCsv,
        Format::EuFsfDerivedJson,
        Format::OfacSdnXml,
        Format::OfacAdvancedXml,
        Format::UkXml,
        Format::OfsiConListXlsx,
    ];

    /// The position in [`Format::ALL`]; the match has no wildcard, so a new variant fails to
    /// compile until it is given a place there.
    pub const fn ordinal(self) -> usize {
        match self {
            Format::CslCsv => 0,
            Format::CslJson => 1,
            Format::OfacMain => 2,
            Format::OfacAdd => 3,
            Format::OfacAlt => 4,
            Format::OfacComments => 5,
            Format::OfacNamesJson => 6,
            Format::OfacNamesCsv => 7,
            Format::EcfrXml => 8,
            Format::EcfrCsv => 9,
            Format::Dpl => 10,
            Format::UnXml => 11,
            Format::UkSubjects => 12,
            Format::UkNames => 13,
            Format::UkDobs => 14,
            Format::UkCountries => 15,
            Format::UkIdentifiers => 16,
            Format::MultiJson => 17,
            Format::FtmJsonl => 18,
            Format::EuFsfXml => 19,
            Format::EuFsfCsv => 20,
            Format::EuFsfDerivedJson => 21,
            Format::OfacSdnXml => 22,
            Format::OfacAdvancedXml => 23,
            Format::UkXml => 24,
            Format::OfsiConListXlsx => 25,
        }
    }
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or("").trim_end_matches('\r')
}

/// Names the format of a file from its content; `None` if Catchall does not know it.
pub fn detect(name: &str, data: &[u8]) -> Option<Format> {
    if data.starts_with(b"PK\x03\x04") {
        // A zip: an .xlsx workbook names its sheet and shared strings inside (member names are
        // stored uncompressed). The only workbook Catchall reads is OFSI's ConList.
        let has = |n: &[u8]| data.windows(n.len()).any(|w| w == n);
        let lower = name.to_ascii_lowercase();
        if has(b"xl/workbook.xml") && (lower.ends_with(".xlsx") || has(b"xl/worksheets/")) {
            return Some(Format::OfsiConListXlsx);
        }
        return None;
    }
    let head_len = data.len().min(64 * 1024);
    let head = String::from_utf8_lossy(&data[..head_len]);
    let head = head.trim_start_matches('\u{feff}').trim_start();
    let lower_name = name.to_ascii_lowercase();
    if head.starts_with('<') {
        if head.contains("<CONSOLIDATED_LIST") {
            return Some(Format::UnXml);
        }
        if eu::is_xml(head) {
            return Some(Format::EuFsfXml);
        }
        if ofac_xml::is_sdn_xml(head) {
            return Some(Format::OfacSdnXml);
        }
        if ofac_xml::is_advanced_xml(head) {
            return Some(Format::OfacAdvancedXml);
        }
        if uk::is_xml(head) {
            return Some(Format::UkXml);
        }
        if head.contains("<DIV") || head.contains("PART 744") || head.contains("Part 744") {
            return Some(Format::EcfrXml);
        }
        return None;
    }
    if head.starts_with('{') {
        let line = first_line(head);
        if line.contains("\"schema\"") && line.contains("\"properties\"") {
            return Some(Format::FtmJsonl);
        }
        if eu::is_derived_json(head) {
            return Some(Format::EuFsfDerivedJson);
        }
        if head.contains("\"alternateNames\"") || (head.contains("\"entries\"") && head.contains("OFAC")) {
            return Some(Format::OfacNamesJson);
        }
        if head.contains("\"results\"") {
            return Some(Format::CslJson);
        }
        return None;
    }
    if head.starts_with('[') {
        if head.contains("\"listing_rationale\"") || head.contains("\"list_id\"") {
            return Some(Format::MultiJson);
        }
        if head.contains("\"federal_register_notice\"") || head.contains("\"source_list_url\"") {
            return Some(Format::CslJson);
        }
        return None;
    }
    let line = first_line(head);
    let low = line.to_ascii_lowercase();
    if eu::is_csv(line) {
        return Some(Format::EuFsfCsv);
    }
    if low.starts_with("_id,source,entity_number") || low.starts_with("source,entity_number") {
        return Some(Format::CslCsv);
    }
    if low.starts_with("uid,name,type,programs") {
        return Some(Format::OfacNamesCsv);
    }
    if low.starts_with("supplement,country,entity") {
        return Some(Format::EcfrCsv);
    }
    if low.starts_with("\"name\"\t\"street_address\"") || low.starts_with("name\tstreet_address") {
        return Some(Format::Dpl);
    }
    if low.starts_with("unique_id,subject_type") {
        return Some(Format::UkSubjects);
    }
    if low.starts_with("name_id,unique_id") {
        return Some(Format::UkNames);
    }
    if low.starts_with("dob_id,unique_id") {
        return Some(Format::UkDobs);
    }
    if low.starts_with("id,unique_id,raw_value,country_type") {
        return Some(Format::UkCountries);
    }
    if low.starts_with("id,unique_id,ofsi_group_id") {
        return Some(Format::UkIdentifiers);
    }
    // OFAC legacy CSVs: headerless, first field an entity number; the layout is told by
    // the number of columns of the first record.
    if line.split(',').next().is_some_and(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit())) {
        let mut rdr = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(head.as_bytes());
        let n = rdr.records().next().and_then(Result::ok).map(|r| r.len()).unwrap_or(0);
        return match n {
            12 => Some(Format::OfacMain),
            6 => Some(Format::OfacAdd),
            5 => Some(Format::OfacAlt),
            2 => Some(Format::OfacComments),
            _ if lower_name.contains("comments") => Some(Format::OfacComments),
            _ => None,
        };
    }
    None
}

/// Imports a set of files: each file's format is detected; the OFAC legacy parts and the UK
/// relational CSVs are joined into one list per set, and OFAC legacy SDN files imported together
/// with an SDN names file are joined into that list ([`ofac::join_parts`]). Fails on the first file that cannot be
/// read at all (the caller keeps whatever it had loaded before). Every file is first checked
/// against [`MAX_LIST_BYTES`], before any of them is parsed.
pub fn import(files: &[SourceFile<'_>]) -> Result<Vec<Imported>, ImportError> {
    for f in files {
        check_size(f.name, f.data.len() as u64)?;
    }
    let mut out = Vec::new();
    let mut ofac_sets: Vec<(bool, ofac::LegacySet<'_>)> = Vec::new();
    let mut uk_set = uk::UkSet::default();
    // Where the SDN names list of this import is in `out`, if there is one.
    let mut names_sdn: Option<usize> = None;
    for f in files {
        if f.data.starts_with(&[0x1f, 0x8b]) {
            return Err(ImportError::new(f.name, 0, "gzip-compressed: decompress it first (gunzip)"));
        }
        if f.data.starts_with(b"PK\x03\x04") && detect(f.name, f.data).is_none() {
            return Err(ImportError::new(f.name, 0, "zip archive: extract the list file first"));
        }
        let fmt = detect(f.name, f.data)
            .ok_or_else(|| ImportError::new(f.name, 0, "unknown list format (not a format Catchall reads)"))?;
        let cons = f.name.to_ascii_lowercase().contains("cons");
        let set = |sets: &mut Vec<(bool, ofac::LegacySet<'_>)>| -> usize {
            if let Some(i) = sets.iter().position(|(c, _)| *c == cons) {
                i
            } else {
                sets.push((cons, ofac::LegacySet::default()));
                sets.len() - 1
            }
        };
        match fmt {
            Format::OfacMain => {
                let i = set(&mut ofac_sets);
                ofac_sets[i].1.main = Some(*f);
            }
            Format::OfacAdd => {
                let i = set(&mut ofac_sets);
                ofac_sets[i].1.add = Some(*f);
            }
            Format::OfacAlt => {
                let i = set(&mut ofac_sets);
                ofac_sets[i].1.alt = Some(*f);
            }
            Format::OfacComments => {
                let i = set(&mut ofac_sets);
                ofac_sets[i].1.comments = Some(*f);
            }
            Format::UkSubjects => uk_set.subjects = Some(*f),
            Format::UkNames => uk_set.names = Some(*f),
            Format::UkDobs => uk_set.dobs = Some(*f),
            Format::UkCountries => uk_set.countries = Some(*f),
            Format::UkIdentifiers => uk_set.identifiers = Some(*f),
            other => {
                if matches!(other, Format::OfacNamesJson | Format::OfacNamesCsv) {
                    names_sdn = Some(out.len());
                }
                out.extend(import_one(other, f)?)
            }
        }
    }
    for (cons, set) in ofac_sets {
        if !cons {
            // Legacy SDN files imported with an SDN names file (JSON / CSV, same entity numbers):
            // joined into that list instead of making a second us_sdn list.
            if let Some(i) = names_sdn {
                ofac::join_parts(&mut out[i], &set)?;
                continue;
            }
        }
        out.push(ofac::import_legacy(&set, cons)?);
    }
    if uk_set.any() {
        out.push(uk::import(&uk_set)?);
    }
    Ok(out)
}

fn import_one(fmt: Format, f: &SourceFile<'_>) -> Result<Vec<Imported>, ImportError> {
    Ok(match fmt {
        Format::CslCsv => csl::import_csv(f.name, f.data)?,
        Format::CslJson => csl::import_json(f.name, f.data)?,
        Format::OfacNamesJson => vec![ofac::import_names_json(f.name, f.data)?],
        Format::OfacNamesCsv => vec![ofac::import_names_csv(f.name, f.data)?],
        Format::EcfrXml => bis::import_ecfr_xml(f.name, f.data)?,
        Format::EcfrCsv => bis::import_ecfr_csv(f.name, f.data)?,
        Format::Dpl => vec![bis::import_dpl(f.name, f.data)?],
        Format::UnXml => vec![un::import(f.name, f.data)?],
        Format::MultiJson => meti::import(f.name, f.data)?,
        Format::FtmJsonl => vec![ftm::import(f.name, f.data)?],
        Format::EuFsfXml => vec![eu::import_xml(f.name, f.data)?],
        Format::EuFsfCsv => vec![eu::import_csv(f.name, f.data)?],
        Format::EuFsfDerivedJson => vec![eu::import_derived_json(f.name, f.data)?],
        Format::OfacSdnXml => vec![ofac_xml::import_sdn_xml(f.name, f.data)?],
        Format::OfacAdvancedXml => vec![ofac_xml::import_advanced_xml(f.name, f.data)?],
        Format::UkXml => vec![uk::import_xml(f.name, f.data)?],
        Format::OfsiConListXlsx => vec![uk::import_conlist_xlsx(f.name, f.data)?],
        // Parts of sets are handled by `import`.
        _ => Vec::new(),
    })
}

#[cfg(test)]
mod format_tests {
    use super::Format;

    #[test]
    fn every_format_is_listed_once_in_all() {
        for (i, f) in Format::ALL.iter().enumerate() {
            assert_eq!(f.ordinal(), i, "{f:?} is out of place in Format::ALL");
        }
    }
}
