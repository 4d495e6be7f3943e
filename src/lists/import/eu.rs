//! EU Consolidated Financial Sanctions List (FSF, European Commission), three ways in:
//!
//! * the official XML 1.1 (`xmlFullSanctionsList_1_1`: `<export>` of `<sanctionEntity>` with
//!   `nameAlias`, `citizenship`, `birthdate`, `address`, `identification`, `regulation`);
//! * the official CSV 1.1 (`csvFullSanctionsList_1_1`): semicolon-separated, one row per fact of
//!   an entity (a name, an address, a birth date, an ID, a citizenship) with the entity's
//!   columns repeated, grouped here by `Entity_LogicalId`. **No real CSV file was available when
//!   this importer was written**: it follows the published column layout (the `Entity_*`,
//!   `NameAlias_*`, `Address_*`, `BirthDate_*`, `Identification_*`, `Citizenship_*` column
//!   families) and is tested on a fixture written from that layout
//!   (`tests/fixtures/lists/eu_fsf_csv_1_1_from_published_format.csv`), not on a real file.
//!   Columns are found by name, so their order does not matter;
//! * a third party's names-level derivative of the XML (JSON `{"metadata", "entities"}`; EU
//!   records keep names, multilingual aliases, birth dates, identifiers and the EU logical id,
//!   and lose addresses, citizenship, regulations and remarks). The bundled `eu_fsf` list is
//!   built from it because no full official file is at hand; its manifest says so.
//!
//! Every way yields the list `eu_fsf`, entry id = the EU logical id.

use super::csv_record;
use crate::lists::country::push_country;
use crate::lists::text::{add_field, clean, date_from_name, decode_text, push_unique};
use crate::lists::xml::{self, Node};
use crate::lists::{content_hash, ImportError, ImportIssue, Imported, List};
use crate::screening::{EntityKind, Entry, ListMeta};
use std::collections::HashMap;

/// What the EU list is, for every importer here.
pub const LEGAL_BASIS: &str = "EU asset freeze and prohibition to make funds or economic resources available \
(Art. 215 TFEU; the Council Regulation of each sanctions regime, e.g. Reg (EU) 269/2014, 2580/2001, 2023/1529)";

fn meta(date: String, n: usize, hash: String, derived: bool) -> ListMeta {
    let licence = if derived {
        "Source: European Commission - Consolidated list of persons, groups and entities subject to EU financial \
sanctions (reuse under Commission Decision 2011/833/EU). Names-level derivative made by a third party from the \
official XML: lossy (names, aliases, birth dates, identifiers only; no addresses, citizenship, regulations; \
records with equal names merged); not the source of record"
    } else {
        "Source: European Commission - Consolidated list of persons, groups and entities subject to EU financial \
sanctions (reuse under Commission Decision 2011/833/EU)"
    };
    ListMeta {
        id: "eu_fsf".into(),
        name: "EU Consolidated Financial Sanctions List".into(),
        publisher: "European Commission (DG FISMA), Financial Sanctions Files".into(),
        url: "https://data.europa.eu/data/datasets/consolidated-list-of-persons-groups-and-entities-subject-to-eu-financial-sanctions".into(),
        date,
        entries: n,
        hash,
        licence: licence.into(),
        legal_basis: LEGAL_BASIS.into(),
    }
}

fn kind_of(code: &str) -> EntityKind {
    match code.trim().to_ascii_lowercase().as_str() {
        "person" | "p" | "individual" => EntityKind::Person,
        "enterprise" | "e" | "entity" | "organisation" | "organization" => EntityKind::Organization,
        "vessel" => EntityKind::Vessel,
        _ => EntityKind::Unknown,
    }
}

/// An ISO-2 code as the EU writes it; "00" (unknown) and empty are none.
fn iso2(code: &str) -> Option<String> {
    let c = code.trim().to_ascii_uppercase();
    (c.len() == 2 && c != "00" && c.bytes().all(|b| b.is_ascii_alphabetic())).then_some(c)
}

fn push_iso(out: &mut Vec<String>, code: &str, description: &str) {
    match iso2(code) {
        Some(c) if !out.contains(&c) => out.push(c),
        Some(_) => {}
        None => push_country(out, description),
    }
}

/// A birth date from its parts: full date, else year-month, else year, else a year range.
fn birth_date(full: &str, year: &str, month: &str, from: &str, to: &str) -> String {
    let (full, year, month, from, to) = (full.trim(), year.trim(), month.trim(), from.trim(), to.trim());
    if !full.is_empty() {
        full.get(..10).unwrap_or(full).to_string()
    } else if !year.is_empty() && !month.is_empty() {
        format!("{year}-{month:0>2}")
    } else if !year.is_empty() {
        year.to_string()
    } else if !from.is_empty() || !to.is_empty() {
        format!("{from} to {to}")
    } else {
        String::new()
    }
}

/// Adds a name: the first one becomes the primary name, later ones aliases (weak when the
/// list marks them not strong).
fn add_name(e: &mut Entry, name: &str, strong: bool) {
    let name = clean(name);
    if name.is_empty() || name == e.name {
        return;
    }
    if e.name.is_empty() {
        e.name = name;
    } else if strong {
        push_unique(&mut e.aliases, &name);
    } else if !e.aliases.contains(&name) {
        push_unique(&mut e.weak_aliases, &name);
    }
}

fn whole_name(whole: &str, first: &str, middle: &str, last: &str) -> String {
    let w = clean(whole);
    if !w.is_empty() {
        return w;
    }
    clean(&format!("{first} {middle} {last}"))
}

// ---------------------------------------------------------------------------------------------
// XML 1.1

/// Detects the FSF XML 1.1 from the head of a file.
pub(crate) fn is_xml(head: &str) -> bool {
    head.contains("<export") && (head.contains("fpi/fsd/export") || head.contains("<sanctionEntity"))
}

fn xml_entity(n: &Node) -> Result<Entry, String> {
    let id = n.attr("logicalId").unwrap_or("").trim().to_string();
    if id.is_empty() {
        return Err("sanctionEntity without logicalId".into());
    }
    let mut e = Entry { id, ..Entry::default() };
    if let Some(t) = n.child("subjectType") {
        e.kind = kind_of(t.attr("code").or(t.attr("classificationCode")).unwrap_or(""));
    }
    let a = |n: &Node, k: &str| n.attr(k).unwrap_or("").to_string();
    let names: Vec<&Node> = n.all("nameAlias").collect();
    // The primary name is the first name in Latin script (the list's own order otherwise keeps an
    // Arabic or Cyrillic original first for some entries); the others are aliases.
    let latin = |s: &str| {
        s.chars().filter(|c| c.is_alphabetic()).all(|c| (c as u32) < 0x0250 || ('\u{1E00}'..='\u{1EFF}').contains(&c))
    };
    let primary = names
        .iter()
        .position(|na| {
            let w = whole_name(&a(na, "wholeName"), &a(na, "firstName"), &a(na, "middleName"), &a(na, "lastName"));
            !w.is_empty() && latin(&w)
        })
        .unwrap_or(0);
    let ordered =
        names.get(primary).into_iter().chain(names.iter().enumerate().filter(|(i, _)| *i != primary).map(|(_, n)| n));
    for na in ordered {
        let name = whole_name(&a(na, "wholeName"), &a(na, "firstName"), &a(na, "middleName"), &a(na, "lastName"));
        add_name(&mut e, &name, a(na, "strong") != "false");
        let f = clean(&a(na, "function"));
        if !f.is_empty() && e.kind == EntityKind::Person {
            add_field(&mut e, "function", &f);
        }
    }
    if e.name.is_empty() {
        return Err(format!("sanctionEntity {}: no nameAlias with a name", e.id));
    }
    for c in n.all("citizenship") {
        push_iso(&mut e.countries, &a(c, "countryIso2Code"), &a(c, "countryDescription"));
    }
    for ad in n.all("address") {
        let parts: Vec<String> = ["street", "poBox", "city", "zipCode", "region", "place"]
            .iter()
            .map(|k| clean(&a(ad, k)))
            .filter(|s| !s.is_empty())
            .collect();
        let country = clean(&a(ad, "countryDescription"));
        let mut text = parts.join(", ");
        if iso2(&a(ad, "countryIso2Code")).is_some() && !country.is_empty() {
            if !text.is_empty() {
                text.push_str(", ");
            }
            text.push_str(&country);
        }
        push_unique(&mut e.addresses, &text);
        push_iso(&mut e.countries, &a(ad, "countryIso2Code"), "");
    }
    for b in n.all("birthdate") {
        let d = birth_date(
            &a(b, "birthdate"),
            &a(b, "year"),
            &a(b, "monthOfYear"),
            &a(b, "yearRangeFrom"),
            &a(b, "yearRangeTo"),
        );
        // An Islamic-calendar date is only comparable when the list gives its Gregorian
        // `birthdate`; a bare Hijri year (1343) is kept apart, never compared as a year.
        if a(b, "calendarType").eq_ignore_ascii_case("ISLAMIC") && a(b, "birthdate").trim().is_empty() {
            add_field(&mut e, "date_of_birth_islamic", &d);
        } else {
            push_unique(&mut e.dates_of_birth, &d);
        }
        let place: Vec<String> = ["city", "place", "region", "countryDescription"]
            .iter()
            .map(|k| clean(&a(b, k)))
            .filter(|s| !s.is_empty() && s != "UNKNOWN" && s != "-")
            .collect();
        if !place.is_empty() {
            add_field(&mut e, "place_of_birth", &place.join(", "));
        }
    }
    for i in n.all("identification") {
        let num = clean(&a(i, "number"));
        if num.is_empty() || num == "-" {
            continue;
        }
        let desc = clean(&a(i, "identificationTypeDescription"));
        let desc = if desc.is_empty() { clean(&a(i, "identificationTypeCode")) } else { desc };
        let c = iso2(&a(i, "countryIso2Code")).map(|c| format!(" ({c})")).unwrap_or_default();
        add_field(&mut e, "ids", &format!("{desc} {num}{c}"));
    }
    for r in n.all("regulation") {
        push_unique(&mut e.programs, &a(r, "programme"));
        add_field(&mut e, "regulation", &a(r, "numberTitle"));
    }
    for (k, attr) in [
        ("eu_reference", "euReferenceNumber"),
        ("un_reference", "unitedNationId"),
        ("designation_details", "designationDetails"),
    ] {
        let v = clean(&a(n, attr));
        if !v.is_empty() {
            e.fields.insert(k.into(), v);
        }
    }
    let remarks: Vec<String> = n.all("remark").map(|r| clean(&r.text())).filter(|s| !s.is_empty()).collect();
    if !remarks.is_empty() {
        e.fields.insert("remarks".into(), remarks.join(" "));
    }
    Ok(e)
}

/// Imports the official EU FSF XML 1.1.
pub fn import_xml(file: &str, data: &[u8]) -> Result<Imported, ImportError> {
    let root = xml::parse(file, data)?;
    if root.name != "export" {
        return Err(ImportError::new(file, root.line, format!("expected the EU FSF <export>, found <{}>", root.name)));
    }
    let mut entries = Vec::new();
    let mut issues = Vec::new();
    for n in root.all("sanctionEntity") {
        match xml_entity(n) {
            Ok(e) => entries.push(e),
            Err(reason) => issues.push(ImportIssue { file: file.into(), line: n.line, reason }),
        }
    }
    if entries.is_empty() && issues.is_empty() {
        return Err(ImportError::new(file, root.line, "no <sanctionEntity> in the EU FSF export"));
    }
    let date = root
        .attr("generationDate")
        .and_then(|d| d.get(..10))
        .map(str::to_string)
        .unwrap_or_else(|| date_from_name(file));
    let n = entries.len();
    Ok(Imported { list: List { meta: meta(date, n, content_hash(&[data]), false), entries }, issues })
}

// ---------------------------------------------------------------------------------------------
// CSV 1.1 (published layout; see the module doc)

/// Detects the FSF CSV 1.1 from its header line.
pub(crate) fn is_csv(first_line: &str) -> bool {
    let l = first_line.to_ascii_lowercase();
    l.contains(';') && l.contains("entity_logicalid") && l.contains("namealias_wholename")
}

/// Imports the official EU FSF CSV 1.1 (semicolon-separated; see the module doc).
pub fn import_csv(file: &str, data: &[u8]) -> Result<Imported, ImportError> {
    let text = decode_text(data);
    let mut rdr = csv::ReaderBuilder::new().delimiter(b';').flexible(true).from_reader(text.as_bytes());
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| ImportError::new(file, 1, format!("unreadable header: {e}")))?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let col = |k: &str| headers.iter().position(|h| h == &k.to_ascii_lowercase());
    let id_col = col("Entity_LogicalId")
        .ok_or_else(|| ImportError::new(file, 1, "no Entity_LogicalId column: not an EU FSF CSV"))?;
    let mut entries: Vec<Entry> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut first_line: Vec<usize> = Vec::new();
    let mut issues = Vec::new();
    let mut date = String::new();
    for rec in rdr.records() {
        let Some((r, line)) = csv_record(file, rec, &mut issues) else { continue };
        if r.len() == 1 && r[0].trim().is_empty() {
            continue;
        }
        if r.len() != headers.len() {
            issues.push(ImportIssue {
                file: file.into(),
                line,
                reason: format!("expected {} fields, found {}", headers.len(), r.len()),
            });
            continue;
        }
        let get = |k: &str| col(k).and_then(|i| r.get(i)).map(clean).unwrap_or_default();
        let id = clean(&r[id_col]);
        if id.is_empty() {
            issues.push(ImportIssue { file: file.into(), line, reason: "row without Entity_LogicalId".into() });
            continue;
        }
        if date.is_empty() {
            date = get("fileGenerationDate").get(..10).unwrap_or("").to_string();
        }
        let i = *by_id.entry(id.clone()).or_insert_with(|| {
            entries.push(Entry { id: id.clone(), ..Entry::default() });
            first_line.push(line);
            entries.len() - 1
        });
        let e = &mut entries[i];
        if e.kind == EntityKind::Unknown {
            e.kind = kind_of(&get("Entity_SubjectType"));
        }
        let name = whole_name(
            &get("NameAlias_WholeName"),
            &get("NameAlias_FirstName"),
            &get("NameAlias_MiddleName"),
            &get("NameAlias_LastName"),
        );
        add_name(e, &name, get("NameAlias_Strong") != "false");
        push_iso(&mut e.countries, &get("Citizenship_CountryIso2Code"), &get("Citizenship_CountryDescription"));
        let addr: Vec<String> =
            ["Address_Street", "Address_PoBox", "Address_City", "Address_ZipCode", "Address_Region", "Address_Place"]
                .iter()
                .map(|k| get(k))
                .filter(|s| !s.is_empty())
                .collect();
        let acode = get("Address_CountryIso2Code");
        let adesc = get("Address_CountryDescription");
        if !addr.is_empty() || iso2(&acode).is_some() {
            let mut t = addr.join(", ");
            if iso2(&acode).is_some() && !adesc.is_empty() {
                if !t.is_empty() {
                    t.push_str(", ");
                }
                t.push_str(&adesc);
            }
            push_unique(&mut e.addresses, &t);
            push_iso(&mut e.countries, &acode, "");
        }
        let d = birth_date(
            &get("BirthDate_BirthDate"),
            &get("BirthDate_Year"),
            &get("BirthDate_Month"),
            &get("BirthDate_YearRangeFrom"),
            &get("BirthDate_YearRangeTo"),
        );
        push_unique(&mut e.dates_of_birth, &d);
        let num = get("Identification_Number");
        if !num.is_empty() && num != "-" {
            let desc = get("Identification_TypeDescription");
            let desc = if desc.is_empty() { get("Identification_TypeCode") } else { desc };
            let c = iso2(&get("Identification_CountryIso2Code")).map(|c| format!(" ({c})")).unwrap_or_default();
            add_field(e, "ids", &format!("{desc} {num}{c}"));
        }
        push_unique(&mut e.programs, &get("Entity_Regulation_Programme"));
        add_field(e, "regulation", &get("Entity_Regulation_NumberTitle"));
        for (k, c) in [("eu_reference", "Entity_EU_ReferenceNumber"), ("un_reference", "Entity_UnitedNationId")] {
            let v = get(c);
            if !v.is_empty() {
                e.fields.insert(k.into(), v);
            }
        }
    }
    let mut kept = Vec::with_capacity(entries.len());
    for (e, line) in entries.into_iter().zip(first_line) {
        if e.name.is_empty() {
            issues.push(ImportIssue {
                file: file.into(),
                line,
                reason: format!("entity {} has no name row (NameAlias_WholeName)", e.id),
            });
        } else {
            kept.push(e);
        }
    }
    if kept.is_empty() && issues.is_empty() {
        return Err(ImportError::new(file, 2, "no EU FSF records found"));
    }
    if date.is_empty() {
        date = date_from_name(file);
    }
    let n = kept.len();
    Ok(Imported { list: List { meta: meta(date, n, content_hash(&[data]), false), entries: kept }, issues })
}

// ---------------------------------------------------------------------------------------------
// Names-level derivative (JSON)

/// Detects the names-level derivative (`{"metadata": {…, "by_source": …}, "entities": […]}`).
pub(crate) fn is_derived_json(head: &str) -> bool {
    head.contains("\"by_source\"") && head.contains("\"entities\"")
}

/// Imports the EU records (`"source"` containing `"EU"`) of the names-level derivative; its UN
/// and OFAC records are left out (the official UN and OFAC files are imported on their own).
pub fn import_derived_json(file: &str, data: &[u8]) -> Result<Imported, ImportError> {
    let v: serde_json::Value =
        serde_json::from_slice(data).map_err(|e| ImportError::new(file, e.line(), format!("invalid JSON: {e}")))?;
    let arr = v
        .get("entities")
        .and_then(|e| e.as_array())
        .ok_or_else(|| ImportError::new(file, 0, "no \"entities\" array"))?;
    let s = |x: Option<&serde_json::Value>| x.and_then(|v| v.as_str()).unwrap_or("").to_string();
    let mut entries = Vec::new();
    let mut issues = Vec::new();
    for (i, r) in arr.iter().enumerate() {
        let sources: Vec<&str> = r
            .get("source")
            .and_then(|s| s.as_array())
            .map(|a| a.iter().filter_map(|x| x.as_str()).collect())
            .unwrap_or_default();
        if !sources.contains(&"EU") {
            continue;
        }
        let id = match r.get("source_id") {
            Some(serde_json::Value::String(s)) => s.trim().to_string(),
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => String::new(),
        };
        let name = clean(&s(r.get("name")));
        if id.is_empty() || name.is_empty() {
            issues.push(ImportIssue {
                file: file.into(),
                line: 0,
                reason: format!("entities[{i}]: EU record without source_id or name"),
            });
            continue;
        }
        let mut e = Entry { id, kind: kind_of(&s(r.get("type"))), name, ..Entry::default() };
        for a in r.get("aliases").and_then(|a| a.as_array()).into_iter().flatten() {
            if let Some(a) = a.as_str() {
                add_name(&mut e, a, true);
            }
        }
        for d in r.get("birthdates").and_then(|a| a.as_array()).into_iter().flatten() {
            if let Some(d) = d.as_str() {
                push_unique(&mut e.dates_of_birth, d);
            }
        }
        for idf in r.get("identifiers").and_then(|a| a.as_array()).into_iter().flatten() {
            let num = clean(&s(idf.get("number")));
            if num.is_empty() || num == "-" {
                continue;
            }
            let iso = iso2(&s(idf.get("country")));
            let c = iso.as_ref().map(|c| format!(" ({c})")).unwrap_or_default();
            add_field(&mut e, "ids", &clean(&format!("{} {num}{c}", s(idf.get("type")))));
            // The derivative has no addresses or citizenship: the issuing country of an ID
            // (passport, registration number) is the only country it knows.
            if let Some(iso) = iso {
                if !e.countries.contains(&iso) {
                    e.countries.push(iso);
                }
            }
        }
        let others: Vec<&str> = sources.iter().copied().filter(|x| *x != "EU").collect();
        if !others.is_empty() {
            e.fields.insert("also_in".into(), others.join(", "));
        }
        entries.push(e);
    }
    let date = v
        .get("metadata")
        .and_then(|m| m.get("generated"))
        .and_then(|g| g.as_str())
        .and_then(|g| g.get(..10))
        .map(str::to_string)
        .unwrap_or_else(|| date_from_name(file));
    if entries.is_empty() {
        return Err(ImportError::new(file, 0, "no EU records (\"source\": [\"EU\"]) in the entities"));
    }
    let n = entries.len();
    Ok(Imported { list: List { meta: meta(date, n, content_hash(&[data]), true), entries }, issues })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn birth_dates_and_codes() {
        assert_eq!(birth_date("1937-04-28", "1937", "4", "", ""), "1937-04-28");
        assert_eq!(birth_date("", "1966", "", "", ""), "1966");
        assert_eq!(birth_date("", "1966", "3", "", ""), "1966-03");
        assert_eq!(birth_date("", "", "", "1960", "1965"), "1960 to 1965");
        assert_eq!(iso2("00"), None);
        assert_eq!(iso2("iq"), Some("IQ".into()));
    }
}
