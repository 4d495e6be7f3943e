//! UK Sanctions List (FCDO), two ways in:
//!
//! * relational CSVs keyed by `unique_id`: subjects, names, dates of birth, countries,
//!   identifiers (a normalised repackaging of the FCDO CSV). Only the names file is required.
//!   They carry no non-Latin names and no address text (only the country of each address);
//! * the FCDO XML of 2025+ (`<Designations>` of `<Designation>`: `Names`, `NonLatinNames`,
//!   `Addresses`, `IndividualDetails` with DOBs, passports, national IDs, `EntityDetails`,
//!   `ShipDetails` with IMO numbers, `RegimeName`, `SanctionsImposed`).
//!
//! Both yield the list `uk_sanctions`. OFSI's Consolidated List workbook (`ConList.xlsx`, the
//! older OFSI format) is [`import_conlist_xlsx`] → `uk_ofsi_conlist`.

use super::SourceFile;
use crate::lists::country::push_country;
use crate::lists::text::{add_field, clean, date_from_name, decode_text, push_unique};
use crate::lists::xml::{self, Node};
use crate::lists::{content_hash, ImportError, ImportIssue, Imported, List};
use crate::screening::{EntityKind, Entry, ListMeta};
use std::collections::HashMap;

/// The files of one UK set.
#[derive(Clone, Copy, Debug, Default)]
pub struct UkSet<'a> {
    pub subjects: Option<SourceFile<'a>>,
    pub names: Option<SourceFile<'a>>,
    pub dobs: Option<SourceFile<'a>>,
    pub countries: Option<SourceFile<'a>>,
    pub identifiers: Option<SourceFile<'a>>,
}

impl UkSet<'_> {
    pub fn any(&self) -> bool {
        self.subjects.is_some()
            || self.names.is_some()
            || self.dobs.is_some()
            || self.countries.is_some()
            || self.identifiers.is_some()
    }
}

/// Reads a headed CSV, calling `f(line, column getter)` per record; bad records become issues.
fn each(f: &SourceFile<'_>, issues: &mut Vec<ImportIssue>, mut g: impl FnMut(usize, &dyn Fn(&str) -> String)) {
    let text = decode_text(f.data);
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let headers: Vec<String> = match rdr.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_string()).collect(),
        Err(e) => {
            issues.push(ImportIssue { file: f.name.into(), line: 1, reason: format!("unreadable header: {e}") });
            return;
        }
    };
    for rec in rdr.records() {
        match rec {
            Ok(r) => {
                let line = super::rec_line(&r);
                if r.len() != headers.len() {
                    issues.push(ImportIssue {
                        file: f.name.into(),
                        line,
                        reason: format!("expected {} fields, found {}", headers.len(), r.len()),
                    });
                    continue;
                }
                let get =
                    |k: &str| headers.iter().position(|h| h == k).and_then(|i| r.get(i)).map(clean).unwrap_or_default();
                g(line, &get);
            }
            Err(e) => issues.push(super::csv_issue(f.name, &e)),
        }
    }
}

/// The legal basis of the UK Sanctions List.
pub const LEGAL_BASIS: &str = "UK asset freeze and the other measures of each regime's regulations under the \
Sanctions and Anti-Money Laundering Act 2018 (SAMLA), e.g. the Russia (Sanctions) (EU Exit) Regulations 2019";

pub(crate) fn uk_meta(date: String, n: usize, hash: String) -> ListMeta {
    ListMeta {
        id: "uk_sanctions".into(),
        name: "UK Sanctions List".into(),
        publisher: "Foreign, Commonwealth & Development Office (UK)".into(),
        url: "https://www.gov.uk/government/publications/the-uk-sanctions-list".into(),
        date,
        entries: n,
        hash,
        licence: "Contains public sector information licensed under the Open Government Licence v3.0 (UK Sanctions List, FCDO)".into(),
        legal_basis: LEGAL_BASIS.into(),
    }
}

/// Imports a UK Sanctions List CSV set.
pub fn import(set: &UkSet<'_>) -> Result<Imported, ImportError> {
    let names = set.names.ok_or_else(|| {
        let f = set.subjects.or(set.dobs).or(set.countries).or(set.identifiers).map(|f| f.name).unwrap_or("UK set");
        ImportError::new(
            f,
            0,
            "the UK Sanctions List set needs its names file (name_id,unique_id,…) in the same import",
        )
    })?;
    let mut issues = Vec::new();
    let mut entries: Vec<Entry> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut missing_primary: Vec<(usize, String)> = Vec::new();
    each(&names, &mut issues, |line, get| {
        let uid = get("unique_id");
        let full = get("full_name");
        if uid.is_empty() || full.is_empty() {
            missing_primary.push((line, "name row without unique_id or full_name".into()));
            return;
        }
        let i = *by_id.entry(uid.clone()).or_insert_with(|| {
            entries.push(Entry { id: uid.clone(), ..Entry::default() });
            entries.len() - 1
        });
        let e = &mut entries[i];
        match (get("name_type").as_str(), get("alias_strength").as_str()) {
            ("primary", _) if e.name.is_empty() => e.name = full,
            (_, "low_quality_aka") => push_unique(&mut e.weak_aliases, &full),
            _ => push_unique(&mut e.aliases, &full),
        }
    });
    for (line, reason) in missing_primary {
        issues.push(ImportIssue { file: names.name.into(), line, reason });
    }
    if let Some(f) = set.subjects {
        each(&f, &mut issues, |_, get| {
            if let Some(&i) = by_id.get(&get("unique_id")) {
                let e = &mut entries[i];
                e.kind = match get("subject_type").as_str() {
                    "individual" => EntityKind::Person,
                    "entity" => EntityKind::Organization,
                    "ship" => EntityKind::Vessel,
                    _ => EntityKind::Unknown,
                };
                for (k, c) in [
                    ("un_reference", "un_reference_number"),
                    ("ofsi_group_id", "ofsi_group_id"),
                    ("date_designated", "date_designated"),
                    ("last_updated", "last_updated"),
                ] {
                    let v = get(c);
                    if !v.is_empty() {
                        let v = if k.starts_with("date_") || k == "last_updated" { uk_date(&v) } else { v };
                        e.fields.insert(k.into(), v);
                    }
                }
            }
        });
    }
    if let Some(f) = set.dobs {
        each(&f, &mut issues, |_, get| {
            if let Some(&i) = by_id.get(&get("unique_id")) {
                let (y, m, d) = (get("year"), get("month"), get("day"));
                let v = match get("precision").as_str() {
                    "exact" => format!("{y}-{m:0>2}-{d:0>2}"),
                    "month_year" => format!("{y}-{m:0>2}"),
                    _ => y,
                };
                push_unique(&mut entries[i].dates_of_birth, &v);
            }
        });
    }
    if let Some(f) = set.countries {
        each(&f, &mut issues, |_, get| {
            if let Some(&i) = by_id.get(&get("unique_id")) {
                let iso = get("iso");
                if get("country_type") == "birth" {
                    add_field(&mut entries[i], "country_of_birth", &get("raw_value"));
                } else if iso.len() == 2 && !entries[i].countries.contains(&iso) {
                    entries[i].countries.push(iso);
                }
            }
        });
    }
    if let Some(f) = set.identifiers {
        each(&f, &mut issues, |_, get| {
            if let Some(&i) = by_id.get(&get("unique_id")) {
                let v = clean(&format!("{} {}", get("identifier_type"), get("raw_value")));
                add_field(&mut entries[i], "ids", &v);
            }
        });
    }
    let before = entries.len();
    entries.retain(|e| !e.name.is_empty());
    if entries.len() < before {
        issues.push(ImportIssue {
            file: names.name.into(),
            line: 0,
            reason: format!("{} subjects without a primary name skipped", before - entries.len()),
        });
    }
    let mut parts: Vec<&[u8]> = Vec::new();
    for f in [set.subjects, set.names, set.dobs, set.countries, set.identifiers].into_iter().flatten() {
        parts.push(f.data);
    }
    let n = entries.len();
    Ok(Imported { list: List { meta: uk_meta(date_from_name(names.name), n, content_hash(&parts)), entries }, issues })
}

// ---------------------------------------------------------------------------------------------
// FCDO XML (2025+)

/// Detects the FCDO UK Sanctions List XML.
pub(crate) fn is_xml(head: &str) -> bool {
    head.contains("<Designations") && (head.contains("<Designation>") || head.contains("<DateGenerated>"))
}

/// `dd/mm/yyyy` with `dd` / `mm` placeholders → `yyyy-mm-dd`, `yyyy-mm` or `yyyy`.
pub(crate) fn uk_date(s: &str) -> String {
    let s = s.trim();
    let p: Vec<&str> = s.split('/').map(str::trim).collect();
    let num = |x: &str| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit());
    match p.as_slice() {
        [d, m, y] if y.len() == 4 && num(y) => match (num(d), num(m)) {
            (true, true) => format!("{y}-{m:0>2}-{d:0>2}"),
            (false, true) => format!("{y}-{m:0>2}"),
            _ => y.to_string(),
        },
        _ => s.to_string(),
    }
}

fn xml_name(n: &Node) -> String {
    clean(
        &["Name1", "Name2", "Name3", "Name4", "Name5", "Name6"]
            .iter()
            .map(|k| n.child_text(k))
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
    )
}

fn xml_designation(d: &Node) -> Result<Entry, String> {
    let id = d.child_text("UniqueID");
    if id.is_empty() {
        return Err("Designation without UniqueID".into());
    }
    let kind = match d.child_text("IndividualEntityShip").to_ascii_lowercase().as_str() {
        "individual" => EntityKind::Person,
        "entity" => EntityKind::Organization,
        "ship" => EntityKind::Vessel,
        _ => EntityKind::Unknown,
    };
    let mut e = Entry { id: id.clone(), kind, ..Entry::default() };
    let mut pending: Vec<(String, bool)> = Vec::new();
    for n in d.child("Names").into_iter().flat_map(|ns| ns.all("Name")) {
        let name = xml_name(n);
        if name.is_empty() {
            continue;
        }
        let ty = n.child_text("NameType").to_ascii_lowercase();
        let weak = n.child_text("AliasStrength").to_ascii_lowercase().contains("low");
        if ty == "primary name" && e.name.is_empty() {
            e.name = name;
        } else {
            pending.push((name, weak));
        }
    }
    if e.name.is_empty() {
        // No "Primary Name" row: the first name stands in.
        if pending.is_empty() {
            return Err(format!("{id}: no name"));
        }
        e.name = pending.remove(0).0;
    }
    for (name, weak) in pending {
        if name == e.name {
            continue;
        }
        if weak {
            push_unique(&mut e.weak_aliases, &name);
        } else {
            push_unique(&mut e.aliases, &name);
        }
    }
    for n in d.child("NonLatinNames").into_iter().flat_map(|ns| ns.all("NonLatinName")) {
        let v = n.child_text("NameNonLatinScript");
        if clean(&v) != e.name {
            push_unique(&mut e.aliases, &v);
        }
    }
    for a in d.child("Addresses").into_iter().flat_map(|x| x.all("Address")) {
        let mut parts: Vec<String> = [
            "AddressLine1",
            "AddressLine2",
            "AddressLine3",
            "AddressLine4",
            "AddressLine5",
            "AddressLine6",
            "AddressPostalCode",
        ]
        .iter()
        .map(|k| clean(&a.child_text(k)))
        .filter(|s| !s.is_empty())
        .collect();
        let country = clean(&a.child_text("AddressCountry"));
        if !country.is_empty() {
            parts.push(country.clone());
            push_country(&mut e.countries, &country);
        }
        push_unique(&mut e.addresses, &parts.join(", "));
    }
    push_unique(&mut e.programs, &d.child_text("RegimeName"));
    for (k, t) in [
        ("un_reference", "UNReferenceNumber"),
        ("ofsi_group_id", "OFSIGroupID"),
        ("sanctions_imposed", "SanctionsImposed"),
        ("designation_source", "DesignationSource"),
    ] {
        add_field(&mut e, k, &d.child_text(t));
    }
    for (k, t) in [("date_designated", "DateDesignated"), ("last_updated", "LastUpdated")] {
        let v = d.child_text(t);
        if !v.is_empty() {
            e.fields.insert(k.into(), uk_date(&v));
        }
    }
    add_field(&mut e, "remarks", &d.child_text("OtherInformation"));
    if let Some(ind) = d.child("IndividualDetails").and_then(|x| x.child("Individual")) {
        for dob in ind.child("DOBs").into_iter().flat_map(|x| x.all("DOB")) {
            push_unique(&mut e.dates_of_birth, &uk_date(&dob.text()));
        }
        for nat in ind.child("Nationalities").into_iter().flat_map(|x| x.all("Nationality")) {
            let v = clean(&nat.text());
            push_country(&mut e.countries, &v);
            add_field(&mut e, "nationality", &v);
        }
        for p in ind.child("PassportDetails").into_iter().flat_map(|x| x.all("Passport")) {
            add_field(&mut e, "ids", &format!("Passport {}", p.child_text("PassportNumber")));
        }
        for p in ind.child("NationalIdentifierDetails").into_iter().flat_map(|x| x.all("NationalIdentifier")) {
            add_field(&mut e, "ids", &format!("National ID {}", p.child_text("NationalIdentifierNumber")));
        }
        for b in ind.child("BirthDetails").into_iter().flat_map(|x| x.all("Location")) {
            let place: Vec<String> = ["TownOfBirth", "CountryOfBirth"]
                .iter()
                .map(|k| clean(&b.child_text(k)))
                .filter(|s| !s.is_empty())
                .collect();
            add_field(&mut e, "place_of_birth", &place.join(", "));
        }
        for p in ind.child("Positions").into_iter().flat_map(|x| x.all("Position")) {
            add_field(&mut e, "position", &p.text());
        }
    }
    if let Some(ent) = d.child("EntityDetails").and_then(|x| x.child("Entity")) {
        for b in ent.child("BusinessRegistrationNumbers").into_iter().flat_map(|x| x.all("BusinessRegistrationNumber"))
        {
            add_field(&mut e, "ids", &format!("Business registration {}", b.text()));
        }
        for t in ent.child("TypeOfEntities").into_iter().flat_map(|x| x.all("TypeOfEntity")) {
            add_field(&mut e, "type_of_entity", &t.text());
        }
    }
    if let Some(ship) = d.child("ShipDetails").and_then(|x| x.child("Ship")) {
        for i in ship.child("IMONumbers").into_iter().flat_map(|x| x.all("IMONumber")) {
            add_field(&mut e, "ids", &format!("IMO {}", i.text()));
        }
        for f in ship.child("CurrentBelievedFlagOfShips").into_iter().flat_map(|x| x.all("CurrentBelievedFlagOfShip")) {
            add_field(&mut e, "vessel_flag", &f.text());
        }
        for t in ship.child("TypeOfShipDetails").into_iter().flat_map(|x| x.all("TypeOfShip")) {
            add_field(&mut e, "vessel_type", &t.text());
        }
    }
    Ok(e)
}

/// Imports the FCDO UK Sanctions List XML (2025+ format).
pub fn import_xml(file: &str, data: &[u8]) -> Result<Imported, ImportError> {
    let root = xml::parse(file, data)?;
    if root.name != "Designations" {
        return Err(ImportError::new(file, root.line, format!("expected <Designations>, found <{}>", root.name)));
    }
    let mut entries = Vec::new();
    let mut issues = Vec::new();
    for d in root.all("Designation") {
        match xml_designation(d) {
            Ok(e) => entries.push(e),
            Err(reason) => issues.push(ImportIssue { file: file.into(), line: d.line, reason }),
        }
    }
    if entries.is_empty() && issues.is_empty() {
        return Err(ImportError::new(file, root.line, "no <Designation> in the UK Sanctions List XML"));
    }
    let date = {
        let d = uk_date(&root.child_text("DateGenerated"));
        if d.len() == 10 {
            d
        } else {
            date_from_name(file)
        }
    };
    let n = entries.len();
    Ok(Imported { list: List { meta: uk_meta(date, n, content_hash(&[data])), entries }, issues })
}

// ---------------------------------------------------------------------------------------------
// OFSI ConList.xlsx

/// The legal basis of OFSI's Consolidated List (the same designations, in OFSI's format).
pub const CONLIST_LEGAL_BASIS: &str = "UK asset freeze under the regime regulations made under the Sanctions and \
Anti-Money Laundering Act 2018 (OFSI Consolidated List of Asset Freeze Targets)";

/// Imports OFSI's Consolidated List workbook (`ConList.xlsx`): one row per name variant,
/// grouped by `Group ID`. The header row is found by its `Name 6` and `Group ID` cells (the
/// sheet starts with a "Last Updated" line).
pub fn import_conlist_xlsx(file: &str, data: &[u8]) -> Result<Imported, ImportError> {
    let rows = crate::lists::xlsx::first_sheet_rows(file, data)?;
    let norm = |s: &str| clean(s).to_ascii_lowercase();
    let hdr_at = rows
        .iter()
        .position(|(_, r)| r.iter().any(|c| norm(c) == "name 6") && r.iter().any(|c| norm(c) == "group id"))
        .ok_or_else(|| {
            ImportError::new(file, 0, "no header row with \"Name 6\" and \"Group ID\": not an OFSI ConList workbook")
        })?;
    let headers: Vec<String> = rows[hdr_at].1.iter().map(|c| norm(c)).collect();
    let col = |k: &str| headers.iter().position(|h| h == k);
    let gid = col("group id").unwrap_or(0);
    let mut date = String::new();
    for (_, r) in &rows[..hdr_at] {
        for c in r {
            if let Some(d) = c.to_ascii_lowercase().strip_prefix("last updated:") {
                date = uk_date(d);
            }
        }
    }
    let mut entries: Vec<Entry> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut issues = Vec::new();
    let mut secondary: Vec<(usize, String, bool)> = Vec::new();
    for (line, r) in &rows[hdr_at + 1..] {
        let get = |k: &str| col(k).and_then(|i| r.get(i)).map(|s| clean(s)).unwrap_or_default();
        let id = r.get(gid).map(|s| clean(s)).unwrap_or_default();
        if r.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let name = clean(
            &["name 1", "name 2", "name 3", "name 4", "name 5", "name 6"]
                .iter()
                .map(|k| get(k))
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" "),
        );
        if id.is_empty() || name.is_empty() {
            issues.push(ImportIssue { file: file.into(), line: *line, reason: "row without Group ID or name".into() });
            continue;
        }
        let i = *by_id.entry(id.clone()).or_insert_with(|| {
            entries.push(Entry { id: id.clone(), ..Entry::default() });
            entries.len() - 1
        });
        let e = &mut entries[i];
        if e.kind == EntityKind::Unknown {
            e.kind = match get("group type").to_ascii_lowercase().as_str() {
                "individual" => EntityKind::Person,
                "entity" => EntityKind::Organization,
                "ship" => EntityKind::Vessel,
                _ => EntityKind::Unknown,
            };
        }
        let alias_type = get("alias type").to_ascii_lowercase();
        let weak = get("alias quality").to_ascii_lowercase().contains("low");
        if alias_type == "primary name" && e.name.is_empty() {
            e.name = name;
        } else {
            secondary.push((i, name, weak));
        }
        push_unique(&mut e.aliases, &get("name non-latin script"));
        let mut addr: Vec<String> =
            ["address 1", "address 2", "address 3", "address 4", "address 5", "address 6", "post/zip code"]
                .iter()
                .map(|k| get(k))
                .filter(|s| !s.is_empty())
                .collect();
        let country = get("country");
        if !country.is_empty() {
            addr.push(country.clone());
            push_country(&mut e.countries, &country);
        }
        push_unique(&mut e.addresses, &addr.join(", "));
        for n in get("nationality").split([',', ';']) {
            let n = n.trim().trim_start_matches(|c: char| c.is_ascii_digit() || c == ')' || c == '(').trim();
            push_country(&mut e.countries, n);
        }
        add_field(e, "nationality", &get("nationality"));
        push_unique(&mut e.dates_of_birth, &uk_date(&get("dob")));
        let pob: Vec<String> =
            ["town of birth", "country of birth"].iter().map(|k| get(k)).filter(|s| !s.is_empty()).collect();
        add_field(e, "place_of_birth", &pob.join(", "));
        let pass = get("passport number");
        if !pass.is_empty() {
            add_field(e, "ids", &format!("Passport {pass}"));
        }
        let nid = get("national identification number");
        if !nid.is_empty() {
            add_field(e, "ids", &format!("National ID {nid}"));
        }
        push_unique(&mut e.programs, &get("regime"));
        add_field(e, "position", &get("position"));
        for (k, c) in [
            ("listed_on", "listed on"),
            ("date_designated", "uk sanctions list date designated"),
            ("last_updated", "last updated"),
        ] {
            let v = get(c);
            if !v.is_empty() {
                e.fields.insert(k.into(), uk_date(&v));
            }
        }
        add_field(e, "remarks", &get("other information"));
    }
    for (i, name, weak) in secondary {
        let e = &mut entries[i];
        if e.name.is_empty() {
            e.name = name;
        } else if name != e.name {
            if weak {
                push_unique(&mut e.weak_aliases, &name);
            } else {
                push_unique(&mut e.aliases, &name);
            }
        }
    }
    for e in &mut entries {
        let name = e.name.clone();
        e.aliases.retain(|a| *a != name);
        e.dates_of_birth.retain(|d| !d.is_empty());
    }
    if entries.is_empty() {
        return Err(ImportError::new(file, 0, "no OFSI ConList rows found"));
    }
    if date.is_empty() {
        date = date_from_name(file);
    }
    let n = entries.len();
    Ok(Imported {
        list: List {
            meta: ListMeta {
                id: "uk_ofsi_conlist".into(),
                name: "OFSI Consolidated List of Asset Freeze Targets".into(),
                publisher: "Office of Financial Sanctions Implementation, HM Treasury (UK)".into(),
                url: "https://www.gov.uk/government/publications/financial-sanctions-consolidated-list-of-targets"
                    .into(),
                date,
                entries: n,
                hash: content_hash(&[data]),
                licence: "Contains public sector information licensed under the Open Government Licence v3.0 (OFSI)"
                    .into(),
                legal_basis: CONLIST_LEGAL_BASIS.into(),
            },
            entries,
        },
        issues,
    })
}
