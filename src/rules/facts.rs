//! Step 1 of §1: the normalised facts every rule family reads. Computed once per screening.

use super::text::{any_pattern, hs_digits, is_control_code, norm_code, tokens};
use crate::catalog::{self, NuclearEntity};
use crate::model::{Classification, Item, Party, Shipment};
use crate::screening::{Context, Decision, EntityKind, Entry, Hit, Query};
use crate::verdict::Subject;
use std::collections::BTreeSet;

/// One item as the rules see it.
#[derive(Debug)]
pub(crate) struct ItemFacts<'a> {
    pub item: &'a Item,
    /// `item 1`, `item 2`, … (1-based, as users count).
    pub subject: Subject,
    /// The user's listed classification, normalised: (scheme, code). `None` for not listed / unclassified
    /// / EAR99.
    pub listed: Option<(String, String)>,
    /// The user said nothing (`classification: null`).
    pub unclassified: bool,
    /// HS code digits (may be empty).
    pub hs: String,
    /// Tokens of the description and parameter values.
    pub words: Vec<String>,
    /// The row of Japan's Appended Table 1 the classification corresponds to (also used as the item's
    /// regime row: 1 arms, 2 nuclear, 3 chemical, 3-2 biological, 4 missile).
    pub jp_row: Option<super::jp::JpRow>,
}

impl ItemFacts<'_> {
    /// The code to use against an Annex-I-type list (EU, UK, RU, JP): Annex I codes as given; ECCNs only in
    /// the multilateral bands 0xx–4xx (9xx / 5xx / 6xx ECCNs have no Annex I counterpart).
    pub fn annex_code(&self) -> Option<&str> {
        let (scheme, code) = self.listed.as_ref()?;
        if !is_control_code(code) {
            return None;
        }
        if scheme != "ECCN" {
            return Some(code);
        }
        let band = code.as_bytes().get(2).copied().unwrap_or(b'9');
        (b'0'..=b'4').contains(&band).then_some(code.as_str())
    }

    /// The ECCN to use against the CCL: ECCNs as given; Annex I codes of the multilateral bands map to the
    /// same ECCN (the regimes share the numbering); EU-autonomous 5xx codes have no ECCN.
    /// The regime row (`1`, `2`, `3`, `3-2`, `4`, `5`…`15`) when the item is listed and the row is known.
    pub fn row(&self) -> Option<&str> {
        match &self.jp_row {
            Some(super::jp::JpRow::Row(r)) => Some(r),
            _ => None,
        }
    }

    /// On a national military list (declared) or in Appended Table 1 row 1.
    pub fn military(&self) -> bool {
        self.item.military_list == Some(true) || self.row() == Some("1")
    }

    pub fn eccn(&self) -> Option<&str> {
        let (scheme, code) = self.listed.as_ref()?;
        if !is_control_code(code) {
            return None;
        }
        if scheme == "ECCN" {
            return Some(code);
        }
        let band = code.as_bytes().get(2).copied().unwrap_or(b'9');
        (b'0'..=b'4').contains(&band).then_some(code.as_str())
    }
}

/// A party with its role label (`end_user`, `intermediate_consignees[0]`, …).
#[derive(Debug)]
pub(crate) struct PartyFacts<'a> {
    pub role: String,
    pub party: &'a Party,
    pub words: Vec<String>,
}

/// A restricted-party hit on a party (one per list entry and party name, with every role the party plays).
#[derive(Debug)]
pub(crate) struct PartyHit {
    /// Roles joined for display: `purchaser, consignee`.
    pub role: String,
    pub roles: Vec<String>,
    pub party_name: String,
    pub hit: Hit,
    pub entry: Option<Entry>,
}

/// The facts.
pub(crate) struct Facts<'a> {
    pub s: &'a Shipment,
    /// `EU`, `US`, `GB`, `RU`, `JP`.
    pub regime: &'static str,
    /// The exporter's country (member state for EU).
    pub home: String,
    pub items: Vec<ItemFacts<'a>>,
    pub parties: Vec<PartyFacts<'a>>,
    /// Final destination: end user's country, else consignee's, else purchaser's, else the last intermediate's.
    pub dest: Option<String>,
    /// Every non-empty party country (exporter excluded).
    pub party_countries: BTreeSet<String>,
    /// Final destinations known beyond the consignee (`due_diligence.known_reexport_countries`).
    pub reexport: BTreeSet<String>,
    /// The date the screening is for: `screening_date`, else the rules date.
    pub screening_date: String,
    /// A temporary export (exhibition, demonstration, repair) that stays the exporter's property: the end
    /// user is the exporter itself, so the destination is where the consignee is.
    pub own_temporary_export: bool,
    pub hits: Vec<PartyHit>,
    /// Parties that match a nuclear-programme / safeguarded-facility entity of `data/nuclear/programme.toml`.
    pub nuclear_matches: Vec<(String, &'static NuclearEntity)>,
    /// Why the end use counts as nuclear (empty: it does not).
    pub nuclear_end_use: Vec<String>,
    pub military_end_use: Vec<String>,
    pub intelligence_end_use: Vec<String>,
    pub security_end_use: Vec<String>,
    pub ctx: &'a Context<'a>,
}

impl std::fmt::Debug for Facts<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Facts").field("regime", &self.regime).field("dest", &self.dest).finish_non_exhaustive()
    }
}

impl<'a> Facts<'a> {
    pub fn new(s: &'a Shipment, ctx: &'a Context<'a>) -> Self {
        let vocab = catalog::vocabulary();
        let items: Vec<ItemFacts> = s
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let (listed, unclassified) = match &item.classification {
                    Some(Classification::Listed { scheme, code })
                        if scheme.eq_ignore_ascii_case("JP") && super::jp::notation_row(code).is_some() =>
                    {
                        // Japanese notation (`2(12)`); row 16 is the catch-all for unlisted goods.
                        let code = code.trim().to_string();
                        if super::jp::notation_row(&code).as_deref() == Some("16") {
                            (None, false)
                        } else {
                            (Some(("JP".to_string(), code)), false)
                        }
                    }
                    Some(Classification::Listed { scheme, code }) => {
                        let code = norm_code(code);
                        if is_control_code(&code) {
                            (Some((scheme.to_ascii_uppercase(), code)), false)
                        } else {
                            // "EAR99" or a code outside the grammar: not a listed code.
                            (None, false)
                        }
                    }
                    Some(Classification::NotListed(_)) => (None, false),
                    None => (None, true),
                };
                let mut text = item.description.clone();
                for (k, v) in &item.parameters {
                    text.push(' ');
                    text.push_str(k);
                    text.push(' ');
                    text.push_str(&v.to_string());
                }
                let jp_row = listed.as_ref().and_then(|(scheme, code)| super::jp::row_of(scheme, code));
                ItemFacts {
                    item,
                    subject: Subject::Item(i + 1),
                    jp_row,
                    listed,
                    unclassified,
                    hs: item.hs_code.as_deref().map(hs_digits).unwrap_or_default(),
                    words: tokens(&text),
                }
            })
            .collect();
        let parties: Vec<PartyFacts> = s
            .parties
            .iter()
            .filter(|(_, p)| !p.name.trim().is_empty() || !p.country.is_empty())
            .map(|(role, party)| PartyFacts {
                role,
                party,
                words: tokens(&format!("{} {}", party.name, party.aliases.join(" "))),
            })
            .collect();
        let by_role =
            |r: &str| parties.iter().find(|p| p.role == r).map(|p| p.party.country.clone()).filter(|c| !c.is_empty());
        let own_temporary_export = s.activity == crate::model::Activity::TemporaryExport
            && s.parties.end_user.as_ref().is_some_and(|eu| {
                super::text::tokens(&eu.name) == super::text::tokens(&s.exporter.name)
                    && !eu.name.trim().is_empty()
                    && eu.country == s.exporter.country
            });
        let dest = (if own_temporary_export { by_role("consignee") } else { None })
            .or_else(|| by_role("end_user"))
            .or_else(|| by_role("consignee"))
            .or_else(|| by_role("purchaser"))
            .or_else(|| {
                parties
                    .iter()
                    .rev()
                    .find(|p| p.role.starts_with("intermediate") && !p.party.country.is_empty())
                    .map(|p| p.party.country.clone())
            });
        let party_countries = parties
            .iter()
            .filter(|p| p.role != "payer" && !(own_temporary_export && p.role == "end_user"))
            .map(|p| p.party.country.clone())
            .filter(|c| !c.is_empty())
            .collect();
        let reexport = s.due_diligence.known_reexport_countries.iter().cloned().collect();
        let screening_date = s.screening_date.clone().unwrap_or_else(|| catalog::rules_as_of().to_string());

        // Restricted-party screening of every party, incl. payer and forwarder, by name and aliases.
        let mut hits = Vec::new();
        for p in &parties {
            let kind = p.party.kind.as_deref().and_then(EntityKind::parse).unwrap_or_default();
            let country = (!p.party.country.is_empty()).then(|| p.party.country.clone());
            let mut seen = BTreeSet::new();
            for name in std::iter::once(&p.party.name).chain(p.party.aliases.iter()) {
                if name.trim().is_empty() {
                    continue;
                }
                let q = Query {
                    name: name.clone(),
                    country: country.clone(),
                    kind,
                    dates_of_birth: p.party.dates_of_birth.clone(),
                    identifiers: p.party.identifiers.clone(),
                };
                for hit in ctx.parties.screen(&q) {
                    if hit.decision == Decision::NoMatch || !seen.insert((hit.list.clone(), hit.entry_id.clone())) {
                        continue;
                    }
                    // The same party in several roles (purchaser and consignee): one hit, all roles.
                    if let Some(h) = hits.iter_mut().find(|h: &&mut PartyHit| {
                        h.hit.list == hit.list && h.hit.entry_id == hit.entry_id && h.party_name == p.party.name
                    }) {
                        if !h.roles.contains(&p.role) {
                            h.roles.push(p.role.clone());
                            h.role = h.roles.join(", ");
                        }
                        continue;
                    }
                    let entry = ctx.parties.entry(&hit.list, &hit.entry_id).cloned();
                    hits.push(PartyHit {
                        role: p.role.clone(),
                        roles: vec![p.role.clone()],
                        party_name: p.party.name.clone(),
                        hit,
                        entry,
                    });
                }
            }
        }

        // Nuclear-programme entities by name pattern (+ country when given).
        let nuc = catalog::nuclear();
        let mut nuclear_matches = Vec::new();
        for p in &parties {
            for e in &nuc.entity {
                let country_ok = p.party.country.is_empty() || p.party.country == e.country;
                if country_ok && any_pattern(&p.words, &e.patterns) {
                    nuclear_matches.push((p.role.clone(), e));
                }
            }
        }

        let cat = s.end_use_category.as_deref().unwrap_or("");
        let has = |list: &[String], v: &str| !v.is_empty() && list.iter().any(|x| x == v);
        let mut nuclear_end_use = Vec::new();
        let mut military_end_use = Vec::new();
        let mut intelligence_end_use = Vec::new();
        let mut security_end_use = Vec::new();
        if has(&vocab.nuclear_end_uses, cat) {
            nuclear_end_use.push(format!("end-use category `{cat}`"));
        }
        if has(&vocab.military_end_uses, cat) || s.due_diligence.aware_military_end_use {
            military_end_use.push(if s.due_diligence.aware_military_end_use {
                "you are aware of a military end use".to_string()
            } else {
                format!("end-use category `{cat}`")
            });
        }
        if has(&vocab.intelligence_end_uses, cat) {
            intelligence_end_use.push(format!("end-use category `{cat}`"));
        }
        if has(&vocab.security_end_uses, cat) {
            security_end_use.push(format!("end-use category `{cat}`"));
        }
        for p in parties.iter().filter(|p| matches!(p.role.as_str(), "end_user" | "consignee" | "purchaser")) {
            let t = p.party.kind.as_deref().unwrap_or("").to_ascii_lowercase();
            let who = format!("{} `{}`", p.role, p.party.name);
            if has(&vocab.nuclear_party_types, &t) {
                nuclear_end_use.push(format!("{who} is a nuclear facility"));
            } else if p.role == "end_user"
                && any_pattern(&p.words, &vocab.nuclear_name_words)
                && !any_pattern(&p.words, &vocab.nuclear_name_exclusions)
            {
                nuclear_end_use.push(format!("{who} has a nuclear name"));
            }
            if has(&vocab.military_party_types, &t) {
                military_end_use.push(format!("{who} is of type `{t}`"));
            }
            if has(&vocab.intelligence_party_types, &t) {
                intelligence_end_use.push(format!("{who} is of type `{t}`"));
            }
            if has(&vocab.security_party_types, &t) {
                security_end_use.push(format!("{who} is of type `{t}`"));
            }
        }
        for (role, e) in &nuclear_matches {
            nuclear_end_use.push(format!("{role} matches {}", e.name));
        }

        Facts {
            s,
            regime: s.jurisdiction.regime(),
            home: s.jurisdiction.country().to_string(),
            items,
            parties,
            dest,
            party_countries,
            reexport,
            screening_date,
            own_temporary_export,
            hits,
            nuclear_matches,
            nuclear_end_use,
            military_end_use,
            intelligence_end_use,
            security_end_use,
            ctx,
        }
    }

    pub fn party(&self, role: &str) -> Option<&PartyFacts<'a>> {
        self.parties.iter().find(|p| p.role == role)
    }

    /// Countries a destination measure looks at: every party's country and the known re-export countries.
    pub fn sanction_countries(&self) -> BTreeSet<&String> {
        self.party_countries.iter().chain(self.reexport.iter()).collect()
    }

    /// The de minimis level for this shipment's destinations: 10 % for Country Groups E:1 and E:2, else 25 %
    /// (15 CFR 734.4(c), (d)).
    pub fn deminimis_pct(&self) -> f64 {
        if self.sanction_countries().iter().any(|c| catalog::in_group("US_E1", c) || catalog::in_group("US_E2", c)) {
            10.0
        } else {
            25.0
        }
    }

    /// Why the item's US content is never de minimis (§ 734.4(a)), if it is such content.
    pub fn deminimis_zero(&self, it: &ItemFacts) -> Option<&'static str> {
        let dests = self.sanction_countries();
        catalog::ccl()
            .deminimis_zero
            .iter()
            .find(|z| {
                let content = it.item.us_content_eccns.iter().map(|e| norm_code(e)).any(|e| {
                    let b = e.as_bytes();
                    let munitions = is_control_code(&e) && (b[2] == b'6' || &e[2..5] == "515");
                    (z.munitions_content && munitions) || z.eccn_prefixes.iter().any(|p| super::text::under(&e, p))
                });
                content
                    && (z.groups.is_empty() || dests.iter().any(|c| z.groups.iter().any(|g| catalog::in_group(g, c))))
            })
            .map(|z| z.why.as_str())
    }

    /// Items of a non-US exporter that are subject to the EAR by origin or by de minimis content.
    pub fn ear_items(&self) -> Vec<&ItemFacts<'a>> {
        if self.regime == "US" {
            return Vec::new();
        }
        let level = self.deminimis_pct();
        self.items
            .iter()
            .filter(|i| {
                i.item.us_origin == Some(true)
                    || i.item.us_controlled_content_pct.is_some_and(|p| p > level)
                    || self.deminimis_zero(i).is_some()
            })
            .collect()
    }

    pub fn any_listed(&self) -> bool {
        self.items.iter().any(|i| i.listed.is_some())
    }

    pub fn any_unlisted(&self) -> bool {
        self.items.is_empty() || self.items.iter().any(|i| i.listed.is_none())
    }

    /// Programme entities (class `programme`) among the parties.
    pub fn programme_matches(&self) -> impl Iterator<Item = &(String, &'static NuclearEntity)> {
        self.nuclear_matches.iter().filter(|(_, e)| e.class == "programme")
    }

    /// Destination shown in text.
    pub fn dest_label(&self) -> String {
        match &self.dest {
            Some(d) => format!("{} ({d})", catalog::country_name(d).unwrap_or(d)),
            None => "an undisclosed destination".to_string(),
        }
    }

    /// Description of a code for the detail text: the control-list title when known, else the code grammar.
    pub fn describe_code(&self, code: &str) -> String {
        if let Some(info) = self.ctx.controls.lookup(code) {
            if !info.title.is_empty() {
                return format!("{code} ({})", info.title);
            }
        }
        let g = catalog::annex_i_grammar();
        let ch = |i: usize| code.chars().nth(i).map(String::from).unwrap_or_default();
        let cat = g.categories.get(&ch(0));
        let grp = g.groups.get(&ch(1));
        let reg = g.regimes.get(&ch(2));
        let parts: Vec<&str> = [cat, grp, reg].into_iter().flatten().map(String::as_str).collect();
        if parts.is_empty() {
            code.to_string()
        } else {
            format!("{code} ({})", parts.join("; "))
        }
    }
}
