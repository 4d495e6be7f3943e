//! OFAC XML: the classic `sdn.xml` schema (`<sdnList>` of `<sdnEntry>`; used for `SDN.XML`
//! and for the non-SDN `CONSOLIDATED.XML`) and SDN_ADVANCED (`<Sanctions>` with reference value
//! sets, `DistinctParties`, `Locations`, `IDRegDocuments`, `SanctionsEntries`).
//!
//! Which list an `sdn.xml`-schema file is cannot be told from its schema: a file whose name
//! says `cons` / `nonsdn` (OFAC calls it `CONSOLIDATED.XML`) is the non-SDN list `us_nonsdn`,
//! any other the SDN list `us_sdn`.

use super::ofac::kind_of;
use crate::lists::country::push_country;
use crate::lists::text::{add_field, clean, date_from_name, push_unique, us_date_to_iso};
use crate::lists::xml::{self, Node};
use crate::lists::{content_hash, ImportError, ImportIssue, Imported, List};
use crate::screening::{EntityKind, Entry, ListMeta};
use std::collections::HashMap;

/// The legal basis of the SDN list.
pub const SDN_LEGAL_BASIS: &str = "US blocking sanctions: property and interests in property blocked, US persons \
may not deal with the listed person (IEEPA, TWEA and the programme's Executive Orders; 31 CFR Chapter V)";
/// The legal basis of the non-SDN consolidated lists.
pub const NONSDN_LEGAL_BASIS: &str = "US sectoral and other non-blocking sanctions (SSI directives under EO 13662, \
NS-MBS under EO 14024, CMIC under EO 13959, NS-PLC, …): the restrictions of each programme's directive apply, \
not a full block (31 CFR Chapter V)";

pub(crate) fn ofac_meta(nonsdn: bool, date: String, n: usize, hash: String) -> ListMeta {
    let (id, name, url, basis) = if nonsdn {
        (
            "us_nonsdn",
            "OFAC Consolidated (non-SDN) Sanctions List",
            "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/CONSOLIDATED.XML",
            NONSDN_LEGAL_BASIS,
        )
    } else {
        (
            "us_sdn",
            "OFAC Specially Designated Nationals and Blocked Persons List",
            "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN.XML",
            SDN_LEGAL_BASIS,
        )
    };
    ListMeta {
        id: id.into(),
        name: name.into(),
        publisher: "U.S. Department of the Treasury, Office of Foreign Assets Control".into(),
        url: url.into(),
        date,
        entries: n,
        hash,
        licence: "US Government work, public domain (17 U.S.C. 105)".into(),
        legal_basis: basis.into(),
    }
}

/// "LAST, First" as OFAC writes persons in its CSV files; entities have only `lastName`.
fn sdn_name(n: &Node) -> String {
    let (first, last) = (clean(&n.child_text("firstName")), clean(&n.child_text("lastName")));
    match (first.is_empty(), last.is_empty()) {
        (false, false) => format!("{last}, {first}"),
        (true, _) => last,
        (false, true) => first,
    }
}

/// "12 Jan 1960" / "1960" / "Jan 1960" → ISO where possible (as in the CSV remarks).
fn sdn_date(s: &str) -> String {
    super::ofac::ofac_date(s)
}

/// Detects the classic `sdn.xml` schema.
pub(crate) fn is_sdn_xml(head: &str) -> bool {
    head.contains("<sdnList")
}

/// Imports an `sdn.xml`-schema file (SDN.XML, CONSOLIDATED.XML).
pub fn import_sdn_xml(file: &str, data: &[u8]) -> Result<Imported, ImportError> {
    let root = xml::parse(file, data)?;
    if root.name != "sdnList" {
        return Err(ImportError::new(file, root.line, format!("expected <sdnList>, found <{}>", root.name)));
    }
    let low = file.to_ascii_lowercase();
    let nonsdn = low.contains("cons") || low.contains("nonsdn") || low.contains("non_sdn");
    let mut entries = Vec::new();
    let mut issues = Vec::new();
    for n in root.all("sdnEntry") {
        let uid = n.child_text("uid");
        let name = sdn_name(n);
        if uid.is_empty() || name.is_empty() {
            issues.push(ImportIssue { file: file.into(), line: n.line, reason: "sdnEntry without uid or name".into() });
            continue;
        }
        let mut e = Entry { id: uid, kind: kind_of(&n.child_text("sdnType")), name, ..Entry::default() };
        if let Some(pl) = n.child("programList") {
            for p in pl.all("program") {
                push_unique(&mut e.programs, &p.text());
            }
        }
        if let Some(al) = n.child("akaList") {
            for a in al.all("aka") {
                let an = sdn_name(a);
                if a.child_text("category").eq_ignore_ascii_case("weak") {
                    push_unique(&mut e.weak_aliases, &an);
                } else {
                    push_unique(&mut e.aliases, &an);
                }
            }
        }
        if let Some(al) = n.child("addressList") {
            for a in al.all("address") {
                let parts: Vec<String> =
                    ["address1", "address2", "address3", "city", "stateOrProvince", "postalCode", "country"]
                        .iter()
                        .map(|k| clean(&a.child_text(k)))
                        .filter(|s| !s.is_empty())
                        .collect();
                push_unique(&mut e.addresses, &parts.join(", "));
                push_country(&mut e.countries, &a.child_text("country"));
            }
        }
        for (list, item) in [("nationalityList", "nationality"), ("citizenshipList", "citizenship")] {
            if let Some(l) = n.child(list) {
                for c in l.all(item) {
                    let country = c.child_text("country");
                    push_country(&mut e.countries, &country);
                    add_field(&mut e, "nationality", &country);
                }
            }
        }
        if let Some(l) = n.child("dateOfBirthList") {
            for d in l.all("dateOfBirthItem") {
                push_unique(&mut e.dates_of_birth, &sdn_date(&d.child_text("dateOfBirth")));
            }
        }
        if let Some(l) = n.child("placeOfBirthList") {
            for d in l.all("placeOfBirthItem") {
                add_field(&mut e, "place_of_birth", &d.child_text("placeOfBirth"));
            }
        }
        if let Some(l) = n.child("idList") {
            for d in l.all("id") {
                let num = clean(&d.child_text("idNumber"));
                let c = clean(&d.child_text("idCountry"));
                let c = if c.is_empty() { String::new() } else { format!(" ({c})") };
                add_field(&mut e, "ids", &format!("{} {num}{c}", clean(&d.child_text("idType"))));
            }
        }
        if let Some(v) = n.child("vesselInfo") {
            for (k, t) in [
                ("call_sign", "callSign"),
                ("vessel_type", "vesselType"),
                ("vessel_flag", "vesselFlag"),
                ("vessel_owner", "vesselOwner"),
            ] {
                add_field(&mut e, k, &v.child_text(t));
            }
        }
        add_field(&mut e, "title", &n.child_text("title"));
        add_field(&mut e, "remarks", &n.child_text("remarks"));
        entries.push(e);
    }
    if entries.is_empty() && issues.is_empty() {
        return Err(ImportError::new(file, root.line, "no <sdnEntry> in the sdn.xml file"));
    }
    let date = root
        .child("publshInformation")
        .map(|p| us_date_to_iso(&p.child_text("Publish_Date")))
        .filter(|d| d.len() == 10)
        .unwrap_or_else(|| date_from_name(file));
    let n = entries.len();
    Ok(Imported { list: List { meta: ofac_meta(nonsdn, date, n, content_hash(&[data])), entries }, issues })
}

// ---------------------------------------------------------------------------------------------
// SDN_ADVANCED

/// Detects OFAC's ADVANCED_XML (`<Sanctions …ADVANCED_XML>` with `DistinctParties`).
pub(crate) fn is_advanced_xml(head: &str) -> bool {
    head.contains("<Sanctions") && (head.contains("ADVANCED_XML") || head.contains("<ReferenceValueSets"))
}

/// The reference values an advanced file defines: (set element, value element) → id → text.
#[derive(Default)]
struct Refs {
    values: HashMap<(String, String), String>,
    /// AreaCode ID → ISO code text (e.g. "AF").
    area_iso: HashMap<String, String>,
    /// Country ID → ISO2.
    country_iso: HashMap<String, String>,
    /// PartySubType ID → PartyType ID.
    subtype_type: HashMap<String, String>,
}

impl Refs {
    fn get(&self, kind: &str, id: &str) -> &str {
        self.values.get(&(kind.to_string(), id.to_string())).map(String::as_str).unwrap_or("")
    }
}

fn refs_of(root: &Node) -> Refs {
    let mut r = Refs::default();
    if let Some(sets) = root.child("ReferenceValueSets") {
        for set in sets.elems() {
            for v in set.elems() {
                if let Some(id) = v.attr("ID") {
                    r.values.insert((v.name.clone(), id.to_string()), clean(&v.text()));
                    match v.name.as_str() {
                        "Country" => {
                            if let Some(iso) = v.attr("ISO2") {
                                r.country_iso.insert(id.to_string(), iso.to_string());
                            }
                        }
                        "AreaCode" => {
                            r.area_iso.insert(id.to_string(), clean(&v.text()));
                        }
                        "PartySubType" => {
                            if let Some(t) = v.attr("PartyTypeID") {
                                r.subtype_type.insert(id.to_string(), t.to_string());
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
    }
    r
}

/// Location ID → (text, ISO-2 country if known).
fn locations(root: &Node, refs: &Refs) -> HashMap<String, (String, Option<String>)> {
    let mut out = HashMap::new();
    if let Some(locs) = root.child("Locations") {
        for l in locs.all("Location") {
            let Some(id) = l.attr("ID") else { continue };
            let mut parts = Vec::new();
            for p in l.all("LocationPart") {
                if let Some(v) = p.child("LocationPartValue") {
                    let t = clean(&v.child_text("Value"));
                    if !t.is_empty() {
                        parts.push(t);
                    }
                }
            }
            let mut iso = None;
            for c in l.all("LocationCountry") {
                if let Some(cid) = c.attr("CountryID") {
                    let name = refs.get("Country", cid).to_string();
                    iso = refs.country_iso.get(cid).cloned().or_else(|| {
                        let mut v = Vec::new();
                        push_country(&mut v, &name);
                        v.pop()
                    });
                    if !name.is_empty() {
                        parts.push(name);
                    }
                }
            }
            for a in l.all("LocationAreaCode") {
                if let Some(aid) = a.attr("AreaCodeID") {
                    let name = refs.get("AreaCode", aid);
                    if iso.is_none() && name.len() == 2 {
                        iso = Some(name.to_string());
                    }
                }
            }
            out.insert(id.to_string(), (parts.join(", "), iso));
        }
    }
    out
}

/// The text of one `DatePeriod` (its `Start/From`), ISO where the parts are there.
fn date_period(dp: &Node) -> String {
    let part = |n: Option<&Node>| -> Option<String> {
        let n = n?;
        let y = n.child_text("Year");
        if y.is_empty() {
            return None;
        }
        let (m, d) = (n.child_text("Month"), n.child_text("Day"));
        Some(match (m.is_empty(), d.is_empty()) {
            (false, false) => format!("{y}-{m:0>2}-{d:0>2}"),
            (false, true) => format!("{y}-{m:0>2}"),
            _ => y,
        })
    };
    let start = dp.child("Start");
    let end = dp.child("End");
    let (sf, st) = (part(start.and_then(|s| s.child("From"))), part(start.and_then(|s| s.child("To"))));
    let (ef, et) = (part(end.and_then(|s| s.child("From"))), part(end.and_then(|s| s.child("To"))));
    match (sf, st, ef, et) {
        (Some(a), Some(b), Some(c), Some(d)) if a == b && c == d && a == c => a,
        (Some(a), _, _, Some(d)) if a != d && a.len() == 4 && d.len() == 4 => format!("{a} to {d}"),
        (Some(a), _, _, _) => a,
        _ => String::new(),
    }
}

fn documented_name(d: &Node) -> String {
    clean(
        &d.all("DocumentedNamePart")
            .filter_map(|p| p.child("NamePartValue"))
            .map(|v| clean(&v.text()))
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// Imports OFAC's SDN_ADVANCED XML (or the consolidated list in the same schema).
pub fn import_advanced_xml(file: &str, data: &[u8]) -> Result<Imported, ImportError> {
    let root = xml::parse(file, data)?;
    if root.name != "Sanctions" {
        return Err(ImportError::new(file, root.line, format!("expected <Sanctions>, found <{}>", root.name)));
    }
    let refs = refs_of(&root);
    let locs = locations(&root, &refs);
    // Identity ID → documents ("Passport 123 (Egypt)").
    let mut docs: HashMap<String, Vec<String>> = HashMap::new();
    if let Some(d) = root.child("IDRegDocuments") {
        for doc in d.all("IDRegDocument") {
            let Some(ident) = doc.attr("IdentityID") else { continue };
            let ty = doc.attr("IDRegDocTypeID").map(|t| refs.get("IDRegDocType", t).to_string()).unwrap_or_default();
            let num = clean(&doc.child_text("IDRegistrationNo"));
            let c = doc.attr("IssuedBy-CountryID").map(|c| refs.get("Country", c).to_string()).unwrap_or_default();
            let c = if c.is_empty() { String::new() } else { format!(" ({c})") };
            docs.entry(ident.to_string()).or_default().push(clean(&format!("{ty} {num}{c}")));
        }
    }
    // Profile ID → programmes (SanctionsEntry ProfileID, SanctionsMeasure Comment of type "Program").
    let mut programs: HashMap<String, Vec<String>> = HashMap::new();
    if let Some(se) = root.child("SanctionsEntries") {
        for s in se.all("SanctionsEntry") {
            let Some(pid) = s.attr("ProfileID") else { continue };
            for m in s.all("SanctionsMeasure") {
                let ty = m.attr("SanctionsTypeID").map(|t| refs.get("SanctionsType", t)).unwrap_or("");
                if ty.eq_ignore_ascii_case("Program") {
                    let c = clean(&m.child_text("Comment"));
                    if !c.is_empty() {
                        let v = programs.entry(pid.to_string()).or_default();
                        if !v.contains(&c) {
                            v.push(c);
                        }
                    }
                }
            }
        }
    }
    let low = file.to_ascii_lowercase();
    let nonsdn = low.contains("cons") || low.contains("nonsdn") || low.contains("non_sdn");
    let mut entries = Vec::new();
    let mut issues = Vec::new();
    let parties = root.child("DistinctParties");
    for dp in parties.into_iter().flat_map(|p| p.all("DistinctParty")) {
        let Some(profile) = dp.child("Profile") else {
            issues.push(ImportIssue {
                file: file.into(),
                line: dp.line,
                reason: "DistinctParty without Profile".into(),
            });
            continue;
        };
        let id = dp.attr("FixedRef").or(profile.attr("ID")).unwrap_or("").to_string();
        let subtype = profile.attr("PartySubTypeID").unwrap_or("");
        let sub_name = refs.get("PartySubType", subtype).to_ascii_lowercase();
        let type_name =
            refs.subtype_type.get(subtype).map(|t| refs.get("PartyType", t).to_ascii_lowercase()).unwrap_or_default();
        let kind = if sub_name.contains("vessel") {
            EntityKind::Vessel
        } else if sub_name.contains("aircraft") {
            EntityKind::Aircraft
        } else if type_name.contains("individual") {
            EntityKind::Person
        } else {
            EntityKind::Organization
        };
        let mut e = Entry { id: id.clone(), kind, ..Entry::default() };
        let mut identity_ids = Vec::new();
        for ident in profile.all("Identity") {
            if let Some(i) = ident.attr("ID") {
                identity_ids.push(i.to_string());
            }
            for al in ident.all("Alias") {
                let primary = al.attr("Primary") == Some("true");
                let low_quality = al.attr("LowQuality") == Some("true");
                for dn in al.all("DocumentedName") {
                    let name = documented_name(dn);
                    if name.is_empty() {
                        continue;
                    }
                    if primary && e.name.is_empty() {
                        e.name = name;
                    } else if low_quality {
                        push_unique(&mut e.weak_aliases, &name);
                    } else if name != e.name {
                        push_unique(&mut e.aliases, &name);
                    }
                }
            }
        }
        if e.name.is_empty() {
            issues.push(ImportIssue {
                file: file.into(),
                line: dp.line,
                reason: format!("DistinctParty {id}: no primary name"),
            });
            continue;
        }
        e.aliases.retain(|a| a != &e.name);
        for f in profile.all("Feature") {
            let ftype = f.attr("FeatureTypeID").map(|t| refs.get("FeatureType", t).to_string()).unwrap_or_default();
            let fl = ftype.to_ascii_lowercase();
            for v in f.all("FeatureVersion") {
                let detail = clean(&v.child_text("VersionDetail"));
                let date = v.child("DatePeriod").map(date_period).unwrap_or_default();
                let loc = v.child("VersionLocation").and_then(|l| l.attr("LocationID")).and_then(|l| locs.get(l));
                if fl.contains("birthdate") || fl == "date of birth" {
                    push_unique(&mut e.dates_of_birth, &date);
                } else if fl == "location" {
                    if let Some((text, iso)) = loc {
                        push_unique(&mut e.addresses, text);
                        if let Some(iso) = iso {
                            if !e.countries.contains(iso) {
                                e.countries.push(iso.clone());
                            }
                        }
                    }
                } else if fl.contains("nationality") || fl.contains("citizenship") {
                    if let Some((text, iso)) = loc {
                        add_field(&mut e, "nationality", text);
                        if let Some(iso) = iso {
                            if !e.countries.contains(iso) {
                                e.countries.push(iso.clone());
                            }
                        }
                    }
                } else if fl.contains("place of birth") {
                    add_field(
                        &mut e,
                        "place_of_birth",
                        if detail.is_empty() { loc.map(|l| l.0.as_str()).unwrap_or("") } else { &detail },
                    );
                } else if !detail.is_empty() {
                    let key = clean(&ftype).to_ascii_lowercase().replace([' ', '/'], "_");
                    if !key.is_empty() && key.len() <= 40 {
                        add_field(&mut e, &key, &detail);
                    }
                }
            }
        }
        for i in &identity_ids {
            for d in docs.get(i).into_iter().flatten() {
                add_field(&mut e, "ids", d);
            }
        }
        if let Some(p) = profile.attr("ID").and_then(|p| programs.get(p)) {
            for x in p {
                push_unique(&mut e.programs, x);
            }
        }
        entries.push(e);
    }
    if entries.is_empty() && issues.is_empty() {
        return Err(ImportError::new(file, root.line, "no <DistinctParty> in the ADVANCED_XML file"));
    }
    let date = root
        .child("DateOfIssue")
        .map(|d| {
            let (y, m, dd) = (d.child_text("Year"), d.child_text("Month"), d.child_text("Day"));
            if y.is_empty() {
                String::new()
            } else {
                format!("{y}-{m:0>2}-{dd:0>2}")
            }
        })
        .filter(|d| d.len() == 10)
        .unwrap_or_else(|| date_from_name(file));
    let n = entries.len();
    Ok(Imported { list: List { meta: ofac_meta(nonsdn, date, n, content_hash(&[data])), entries }, issues })
}
