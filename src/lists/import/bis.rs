//! BIS lists: the Entity List, Unverified List and Military End-User List from the eCFR
//! XML of 15 CFR Part 744 (Supplements No. 4, 6, 7) or its flattened CSV, and the Denied
//! Persons List (tab-separated).
//!
//! The eCFR table cell holds name, aliases, addresses and sometimes subordinate institutions
//! as free text: "Hassan Scientific Corporation, a.k.a., the following one alias:
//! —Hasan Scientific Corporation. 50 Akbari Road, …, Lahore, Pakistan." [`parse_entity_text`]
//! splits it.

use crate::lists::country::{push_country, to_iso2};
use crate::lists::text::{clean, date_from_name, max_date, push_unique, us_date_to_iso};
use crate::lists::xml;
use crate::lists::{content_hash, ImportError, ImportIssue, Imported, List};
use crate::screening::{EntityKind, Entry, ListMeta};
use std::collections::HashSet;

/// Which Part 744 supplement a table row comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Supplement {
    /// Supp. No. 4: Entity List.
    EntityList,
    /// Supp. No. 6: Unverified List.
    Unverified,
    /// Supp. No. 7: Military End-User List.
    MilitaryEndUser,
}

impl Supplement {
    fn meta(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Supplement::EntityList => (
                "us_entity_list",
                "Entity List (15 CFR 744 Supp. No. 4)",
                "https://www.ecfr.gov/current/title-15/part-744/appendix-Supplement%20No.%204%20to%20Part%20744",
            ),
            Supplement::Unverified => (
                "us_uvl",
                "Unverified List (15 CFR 744 Supp. No. 6)",
                "https://www.ecfr.gov/current/title-15/part-744/appendix-Supplement%20No.%206%20to%20Part%20744",
            ),
            Supplement::MilitaryEndUser => (
                "us_meu",
                "Military End-User List (15 CFR 744 Supp. No. 7)",
                "https://www.ecfr.gov/current/title-15/part-744/appendix-Supplement%20No.%207%20to%20Part%20744",
            ),
        }
    }
    fn prefix(self) -> &'static str {
        match self {
            Supplement::EntityList => "el",
            Supplement::Unverified => "uvl",
            Supplement::MilitaryEndUser => "meu",
        }
    }
}

/// Name, aliases and addresses split out of one Entity-List-style cell.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ParsedEntity {
    pub name: String,
    pub aliases: Vec<String>,
    pub addresses: Vec<String>,
    /// Named parent when the cell lists a subordinate ("… (CETC 13) subordinate institution: X").
    pub parent: Option<String>,
    /// Subordinate entities listed inside the entity's own cell ("… and the following four subordinate
    /// entities: —X; —Y …"), each with its aliases in brackets. Their addresses join `addresses`; those that
    /// are named organisations also join `aliases` (the listing covers them by name), while category
    /// descriptions ("Nuclear reactors (including power plants), …") stay here only.
    pub subordinates: Vec<String>,
}

/// "one" … "twelve" or digits → the number.
fn count_word(w: &str) -> Option<usize> {
    const WORDS: [&str; 12] =
        ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
    let w = w.trim().to_ascii_lowercase();
    WORDS.iter().position(|x| *x == w).map(|i| i + 1).or_else(|| w.parse().ok())
}

/// The number of aliases a line announces ("…, a.k.a., the following two aliases:"), if it announces some.
fn announced_aliases(line: &str) -> Option<usize> {
    let l = line.to_ascii_lowercase();
    let p = l.find("the following ")?;
    let rest = &l[p + "the following ".len()..];
    let (n, tail) = rest.split_once(' ')?;
    tail.starts_with("alias").then(|| count_word(n)).flatten()
}

/// A category description rather than a name: after its first word, no word of the part before the first
/// comma starts with a capital letter ("Nuclear reactors (including power plants)").
fn is_description(text: &str) -> bool {
    let head = text.split(',').next().unwrap_or("");
    let mut words = head.split_whitespace().skip(1).map(|w| w.trim_start_matches(['(', '"']));
    words.clone().count() >= 2 && !words.any(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// Splits the subordinate part of a cell into one block per subordinate: a dashed line starts a subordinate,
/// unless the previous subordinate announced aliases still to come.
fn subordinate_blocks(text: &str) -> Vec<String> {
    let mut blocks: Vec<String> = Vec::new();
    let mut aliases_left = 0usize;
    for line in text.lines() {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        match t.strip_prefix('—').or_else(|| t.strip_prefix('–')) {
            Some(rest) if aliases_left == 0 || blocks.is_empty() => {
                aliases_left = announced_aliases(rest).unwrap_or(0);
                blocks.push(format!("{}\n", rest.trim()));
            }
            Some(_) => {
                aliases_left -= 1;
                if let Some(b) = blocks.last_mut() {
                    b.push_str(t);
                    b.push('\n');
                }
            }
            None => {
                aliases_left = 0;
                match blocks.last_mut() {
                    Some(b) => {
                        b.push_str(t);
                        b.push('\n');
                    }
                    None => blocks.push(format!("{t}\n")),
                }
            }
        }
    }
    blocks
}

/// Legal-form words that may follow a comma inside a name ("Co., Ltd.").
const LEGAL_TAILS: &[&str] = &[
    "ltd",
    "ltd.",
    "limited",
    "inc",
    "inc.",
    "llc",
    "l.l.c.",
    "co",
    "co.",
    "corp",
    "corp.",
    "s.a.",
    "sa",
    "gmbh",
    "plc",
    "llp",
    "jsc",
    "ojsc",
    "pjsc",
    "cjsc",
    "s.a.r.l.",
    "sarl",
    "s.r.l.",
    "srl",
    "b.v.",
    "bv",
    "ag",
    "pte",
    "pte.",
    "pvt",
    "pvt.",
    "fze",
    "fzco",
    "fzc",
    "fz-llc",
    "l.p.",
    "lp",
    "oy",
    "ab",
    "as",
    "a.s.",
    "s.l.",
    "sl",
    "ooo",
    "oao",
    "zao",
    "ao",
    "kg",
    "nv",
    "n.v.",
    "sdn",
    "bhd",
    "bhd.",
    "s.p.a.",
    "spa",
    "pty",
    "company",
    "corporation",
    "incorporated",
    "a.k.a",
    "d.o.o.",
    "doo",
    "e.u.",
    "s.a.s.",
    "sas",
    "jsc.",
    "public",
    "private",
];

fn is_legal_tail(seg: &str) -> bool {
    let s = seg.trim().trim_end_matches('.').to_ascii_lowercase();
    let first = s.split_whitespace().next().unwrap_or("");
    let f = first.trim_end_matches(['.', ',', ';']);
    !f.is_empty()
        && (LEGAL_TAILS.contains(&f) || LEGAL_TAILS.contains(&first) || LEGAL_TAILS.contains(&s.as_str()))
        && s.split_whitespace().count() <= 3
}

/// Splits "Name, address, city, country" at the first comma that is not inside
/// parentheses and not followed by a legal form.
fn split_name_address(s: &str) -> (String, String) {
    let s = s.trim();
    let mut depth = 0i32;
    let bytes = s.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'(' | b'[' => depth += 1,
            b')' | b']' => depth -= 1,
            b',' if depth <= 0 => {
                let rest = &s[i + 1..];
                let next_seg = rest.split(',').next().unwrap_or("");
                if is_legal_tail(next_seg) {
                    continue;
                }
                return (s[..i].trim().to_string(), rest.trim().to_string());
            }
            _ => {}
        }
    }
    (s.trim_end_matches('.').trim().to_string(), String::new())
}

fn strip_alias(a: &str) -> String {
    let mut a = clean(a);
    // "Huawei Technology, and to include the following addresses and … affiliated entities:"
    for cut in [", and to include", " and to include", ", to include the following", ", including the following"] {
        if let Some(p) = find_ci(&a, cut) {
            a.truncate(p);
        }
    }
    loop {
        let t = a
            .trim_end_matches(|c: char| c == ';' || c == ',' || c.is_whitespace())
            .trim_end_matches(" and")
            .trim_end_matches("; and")
            .to_string();
        let t = t.trim_end_matches(|c: char| c == ';' || c == ',' || c.is_whitespace()).to_string();
        let t = if t.ends_with('.') && !ends_with_abbrev(&t) { t[..t.len() - 1].to_string() } else { t };
        if t == a {
            break;
        }
        a = t;
    }
    a.trim_start_matches(['—', '–', '-']).trim().to_string()
}

/// "Co." / "Ltd." / "Inc." keep their full stop.
fn ends_with_abbrev(s: &str) -> bool {
    let last = s.rsplit(' ').next().unwrap_or("").to_ascii_lowercase();
    matches!(
        last.as_str(),
        "co."
            | "ltd."
            | "inc."
            | "corp."
            | "s.a."
            | "b.v."
            | "n.v."
            | "l.l.c."
            | "jsc."
            | "bhd."
            | "pvt."
            | "pte."
            | "s.r.l."
            | "s.a.r.l."
            | "l.p."
            | "s.p.a."
            | "e.u."
            | "s.a.s."
            | "d.o.o."
    ) || (last.len() <= 4 && last.matches('.').count() >= 2)
}

fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    hay.to_ascii_lowercase().find(needle)
}

/// Removes "(f.k.a., A; B; and C)" / "(a.k.a. …)" / "(formerly …)" groups from the first
/// line(s) of a cell, adding their names to `aliases`.
fn take_paren_aliases(text: &str, aliases: &mut Vec<String>) -> String {
    let mut t = text.to_string();
    for marker in ["(f.k.a", "(a.k.a", "(formerly"] {
        while let Some(p) = find_ci(&t, marker) {
            let Some(close) = t[p..].find(')').map(|c| p + c) else { break };
            let inner = t[p + marker.len()..close].trim_start_matches(['.', ',', ' ', ':']);
            for a in inner.split(';') {
                let a = a.trim();
                let a = a.strip_prefix("and ").unwrap_or(a);
                let a = strip_alias(a.trim_matches(['\'', ' ']));
                push_unique(aliases, a.trim_matches('\''));
            }
            t = format!("{}{}", &t[..p], &t[close + 1..]);
        }
    }
    t
}

/// Splits an Entity List cell into name, aliases, addresses and subordinate entities.
pub fn parse_entity_text(raw: &str) -> ParsedEntity {
    let text = raw.replace('\r', "");
    // "…; and the following four subordinate entities: —X …": the entity itself, then its subordinates.
    if let Some(q) = find_ci(&text, " subordinate entities:") {
        let start = text[..q].to_ascii_lowercase().rfind("the following").unwrap_or(q);
        let main = text[..start].trim_end().trim_end_matches("and").trim_end().trim_end_matches([';', ',']);
        let mut out = parse_entity_cell(main);
        // The alias line before the subordinates carries the alias's address ("—Power Plant Workshops,
        // P.O. Box 1114, Islamabad").
        for a in std::mem::take(&mut out.aliases) {
            let at = a.find(", ").filter(|&i| {
                let next = a[i + 2..].trim_start().to_ascii_lowercase();
                next.starts_with("p.o.") || next.starts_with("po box") || next.starts_with(|c: char| c.is_ascii_digit())
            });
            match at {
                Some(i) => {
                    push_unique(&mut out.aliases, a[..i].trim());
                    push_unique(&mut out.addresses, a[i + 2..].trim());
                }
                None => push_unique(&mut out.aliases, &a),
            }
        }
        for block in subordinate_blocks(&text[q + " subordinate entities:".len()..]) {
            let first = block
                .lines()
                .next()
                .unwrap_or("")
                .trim()
                .trim_end_matches("and")
                .trim_end()
                .trim_end_matches([';', ',', '.']);
            if is_description(first) {
                push_unique(&mut out.subordinates, &clean(first));
                continue;
            }
            let sub = parse_entity_cell(&block);
            if sub.name.is_empty() {
                continue;
            }
            let label = if sub.aliases.is_empty() {
                sub.name.clone()
            } else {
                format!("{} ({})", sub.name, sub.aliases.join("; "))
            };
            push_unique(&mut out.subordinates, &label);
            push_unique(&mut out.aliases, &sub.name);
            for a in &sub.aliases {
                push_unique(&mut out.aliases, a);
            }
            for a in &sub.addresses {
                push_unique(&mut out.addresses, a);
            }
        }
        // Address lists run "…; and…" (sometimes without the space: "Pakistan; andHouse #453 …").
        for a in std::mem::take(&mut out.addresses) {
            for part in a.split("; and") {
                push_unique(&mut out.addresses, part.trim().trim_end_matches([';', '.']).trim());
            }
        }
        out.addresses.retain(|a| !a.is_empty());
        return out;
    }
    parse_entity_cell(&text)
}

/// [`parse_entity_text`] for a cell (or part of one) without subordinate entities.
fn parse_entity_cell(raw: &str) -> ParsedEntity {
    let mut text = raw.to_string();
    let mut parent = None;
    // "Parent (X) subordinate institution: Child, …" → entry for Child, parent named.
    if let Some(p) = find_ci(&text, " subordinate institution:") {
        let first_nl = text.find('\n').unwrap_or(text.len());
        if p < first_nl {
            parent = Some(clean(&text[..p]));
            text = text[p + " subordinate institution:".len()..].to_string();
        }
    }
    let text = text.trim_start_matches(|c: char| c.is_whitespace() || c == '—').to_string();
    let mut out = ParsedEntity { parent, ..ParsedEntity::default() };
    // "Name (f.k.a., A; B; and C), a.k.a., …": the parenthetical names are aliases too.
    let text = take_paren_aliases(&text, &mut out.aliases);
    let aka = find_ci(&text, "a.k.a").or_else(|| find_ci(&text, "f.k.a"));
    let address_text;
    if let Some(p) = aka {
        let head = text[..p].trim().trim_end_matches(',').trim();
        out.name = clean(head.trim_end_matches('('));
        let after = text[p + 5..].trim_start_matches('.');
        // The alias list starts after "…alias(es):"; a bare "a.k.a. X" has no colon before X.
        let intro_end =
            after.find(':').filter(|&c| after[..c].to_ascii_lowercase().contains("alias") && c < 120).map(|c| c + 1);
        match intro_end {
            Some(start) => {
                let body = &after[start..];
                let mut rest = String::new();

                let first_line_end = body.find('\n').unwrap_or(body.len());
                let inline = body[..first_line_end].trim();
                if !inline.is_empty() && !inline.starts_with('—') {
                    // "…two aliases: Star Aviation Group; and Star Aviation."
                    for a in inline.split(';') {
                        let a = strip_alias(a.trim().trim_start_matches("and "));
                        push_unique(&mut out.aliases, &a);
                    }
                    rest.push_str(&body[first_line_end..]);
                } else {
                    let mut in_aliases = true;
                    for line in body.lines() {
                        let t = line.trim();
                        if !in_aliases {
                            rest.push_str(line);
                            rest.push('\n');
                        } else if t.is_empty() {
                            continue;
                        } else if let Some(a) = t.strip_prefix('—').or_else(|| t.strip_prefix('–')) {
                            // One line may hold several dashed aliases.
                            for part in a.split('—') {
                                let al = strip_alias(part);
                                push_unique(&mut out.aliases, &al);
                            }
                        } else {
                            in_aliases = false;
                            rest.push_str(line);
                            rest.push('\n');
                        }
                    }
                }
                address_text = rest;
            }
            None => {
                let body = after.trim_start_matches([',', ' ']);
                let end = body.find([';', '\n', ')']).unwrap_or(body.len());
                push_unique(&mut out.aliases, &strip_alias(&body[..end]));
                address_text = body[end..].trim_start_matches([';', ')', ',']).to_string();
            }
        }
    } else {
        // The name is on the first line; later lines are addresses.
        let t = text.trim();
        let (first, more) = t.split_once('\n').unwrap_or((t, ""));
        let (n, a) = split_name_address(first);
        out.name = if ends_with_abbrev(&n) { clean(&n) } else { clean(n.trim_end_matches('.')) };
        address_text = format!("{a}\n{more}");
    }
    // "The following addresses apply to the entity and …: 50 Yongding Road, …"
    let address_text = match find_ci(&address_text, "the following addresses apply") {
        Some(p) => {
            let rest = &address_text[p..];
            let colon = rest.find(':').map(|c| c + 1).unwrap_or(rest.len());
            format!("{} {}", &address_text[..p], &rest[colon..])
        }
        None => address_text,
    };
    out.name = out.name.trim_end_matches([',', ';']).trim().to_string();
    // Clean up aliases: "X, a.k.a., Y" inside one alias line is two names, and the last alias
    // may run on into the address ("Brilliance Technology Group, Flat A, …, Hong Kong").
    let mut aliases = Vec::new();
    let mut extra_addresses = Vec::new();
    for a in std::mem::take(&mut out.aliases) {
        let mut parts = Vec::new();
        let mut rest = a.as_str();
        while let Some(p) = find_ci(rest, "a.k.a") {
            parts.push(rest[..p].trim().trim_end_matches(',').trim().to_string());
            rest = rest[p + 5..].trim_start_matches(['.', ',', ' ']);
        }
        parts.push(rest.to_string());
        for part in parts {
            let ends_in_country = part
                .rsplit(',')
                .next()
                .is_some_and(|c| part.matches(',').count() >= 2 && to_iso2(c.trim().trim_end_matches('.')).is_some());
            if ends_in_country {
                let (n, addr) = split_name_address(&part);
                push_unique(&mut aliases, &strip_alias(&n));
                extra_addresses.push(addr);
            } else {
                push_unique(&mut aliases, &strip_alias(&part));
            }
        }
    }
    aliases.retain(|a| *a != out.name);
    out.aliases = aliases;
    let address_text = if extra_addresses.is_empty() {
        address_text
    } else {
        format!("{}; and {address_text}", extra_addresses.join("; and "))
    };
    for a in address_text.split("; and ").flat_map(|a| a.split(", and ")) {
        let a = clean(a).trim_end_matches('.').trim().to_string();
        if !a.is_empty() {
            push_unique(&mut out.addresses, &a);
        }
    }
    out
}

/// ISO-2 codes of the addresses (last comma-separated part of each).
fn address_countries(addresses: &[String], out: &mut Vec<String>) {
    for a in addresses {
        if let Some(last) = a.rsplit(',').next() {
            let last = last.trim().trim_end_matches(['.', ')']).trim();
            if last.split_whitespace().count() <= 4 {
                push_country(out, last);
            }
        }
    }
}

/// The table country heading ("CHINA, PEOPLE'S REPUBLIC OF") → ISO-2.
fn heading_country(h: &str) -> Option<String> {
    let h = clean(h);
    if h.is_empty() {
        return None;
    }
    let up = h.to_uppercase();
    if up.starts_with("CHINA") {
        return Some("CN".into());
    }
    to_iso2(&h).or_else(|| to_iso2(h.split(',').next().unwrap_or("")))
}

/// FR citations "89 FR 84462, 10/23/24." → ISO dates found in them.
fn fr_dates(fr: &str) -> Vec<String> {
    fr.split(|c: char| c.is_whitespace() || c == ',' || c == ';')
        .map(|t| t.trim_end_matches('.'))
        .filter(|t| t.matches('/').count() == 2)
        .map(us_date_to_iso)
        .filter(|d| d.len() == 10)
        .collect()
}

/// One table row before it becomes an entry.
struct Row {
    supp: Supplement,
    country: String,
    entity: String,
    cols: Vec<String>,
    line: usize,
}

fn short_hash(s: &str) -> String {
    let h = content_hash(&[s.as_bytes()]);
    h.trim_start_matches("fnv1a64:")[..10].to_string()
}

fn build_lists(file: &str, data_hash: String, rows: Vec<Row>, date_hint: &str) -> Vec<Imported> {
    let mut out = Vec::new();
    for supp in [Supplement::EntityList, Supplement::Unverified, Supplement::MilitaryEndUser] {
        let mut entries: Vec<Entry> = Vec::new();
        let mut issues = Vec::new();
        let mut ids = HashSet::new();
        let mut dates = Vec::new();
        let mut country = String::new();
        let mut prev_cols: Vec<String> = Vec::new();
        let mut prev_name: Option<String> = None;
        for r in rows.iter().filter(|r| r.supp == supp) {
            if !clean(&r.country).is_empty() {
                country = clean(&r.country);
            }
            let ent = r.entity.trim();
            let low = ent.to_ascii_lowercase();
            if ent.is_empty() || low.starts_with("[reserved]") {
                continue;
            }
            if ((low.starts_with("subordinate institu") || low.starts_with("affiliated entities"))
                && ent.trim_end_matches(':').len() < 30)
                || (low.starts_with("the following") && ent.ends_with(':') && !ent.contains('\n'))
            {
                // A heading row for the subordinate rows that follow.
                continue;
            }
            // Several "Subordinate institution" blocks in one cell: one entry each.
            let mut blocks: Vec<String> = Vec::new();
            let mut cur = String::new();
            // After "Affiliated entities:" every undashed line starts another entity.
            let mut each_line = false;
            for line in ent.lines() {
                let t = line.trim();
                let l = t.to_ascii_lowercase();
                if l.starts_with("affiliated entit") {
                    if !cur.trim().is_empty() {
                        blocks.push(std::mem::take(&mut cur));
                    }
                    each_line = true;
                    let rest = t.split_once(':').map(|(_, r)| r.trim()).unwrap_or("");
                    if !rest.is_empty() {
                        cur.push_str(rest);
                        cur.push('\n');
                    }
                    continue;
                }
                if each_line && !t.is_empty() && !t.starts_with('—') && !cur.trim().is_empty() {
                    blocks.push(std::mem::take(&mut cur));
                }
                if l.starts_with("subordinate institu") {
                    if !cur.trim().is_empty() {
                        blocks.push(std::mem::take(&mut cur));
                    }
                    // "Subordinate institution: Name, …" or the name on the next line.
                    let rest = t
                        .get("subordinate institu".len()..)
                        .unwrap_or("")
                        .trim_start_matches(|c: char| c.is_alphabetic())
                        .trim_start_matches([':', ' ']);
                    let rest = if l.len() < 30 { "" } else { rest };
                    if !rest.is_empty() {
                        cur.push_str(rest);
                        cur.push('\n');
                    }
                    continue;
                }
                cur.push_str(line);
                cur.push('\n');
            }
            if !cur.trim().is_empty() {
                blocks.push(cur);
            }
            // A row with no country and no licence/FR columns continues the row above
            // (the printed table spans rows): it inherits those columns and names its parent.
            let continuation = clean(&r.country).is_empty() && r.cols.iter().all(|c| clean(c).is_empty());
            let cols: Vec<String> = if continuation { prev_cols.clone() } else { r.cols.clone() };
            let mut parent_name: Option<String> = if continuation { prev_name.clone() } else { None };
            let first_block_is_parent = !continuation;
            for (bi, block) in blocks.iter().enumerate() {
                let p = parse_entity_text(block);
                if p.name.to_ascii_lowercase().starts_with("the following") {
                    // A note ("The following addresses apply to …", "The following … entities:").
                    continue;
                }
                if p.name.is_empty() {
                    issues.push(ImportIssue {
                        file: file.to_string(),
                        line: r.line,
                        reason: format!("{}: no entity name found in \"{}\"", supp.meta().0, clean(block)),
                    });
                    continue;
                }
                let mut e = Entry { kind: EntityKind::Organization, ..Entry::default() };
                if let Some(c) = heading_country(&country) {
                    e.countries.push(c);
                }
                address_countries(&p.addresses, &mut e.countries);
                let base =
                    format!("{}-{}", supp.prefix(), short_hash(&format!("{}|{}", country, p.name.to_lowercase())));
                e.id = unique_id(&mut ids, base);
                e.name = p.name.clone();
                e.aliases = p.aliases;
                e.addresses = p.addresses;
                let mut fields = crate::screening::Fields::new();
                fields.insert("country_heading".to_string(), country.clone());
                if !p.subordinates.is_empty() {
                    fields.insert("subordinates".to_string(), p.subordinates.join("; "));
                }
                let fr_col = match supp {
                    Supplement::EntityList => {
                        if let Some(v) = cols.first().map(|s| clean(s)).filter(|s| !s.is_empty()) {
                            fields.insert("license_requirement".into(), v);
                        }
                        if let Some(v) = cols.get(1).map(|s| clean(s)).filter(|s| !s.is_empty()) {
                            fields.insert("license_policy".into(), v);
                        }
                        cols.get(2)
                    }
                    _ => cols.last(),
                };
                if let Some(fr) = fr_col {
                    let fr = fr.lines().map(clean).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("; ");
                    if !fr.is_empty() {
                        dates.extend(fr_dates(&fr));
                        fields.insert("federal_register".into(), fr);
                    }
                }
                let inherited = if bi > 0 || !first_block_is_parent { parent_name.clone() } else { None };
                if let Some(par) = p.parent.clone().or(inherited) {
                    fields.insert("parent".into(), par);
                }
                e.fields = fields;
                if bi == 0 && first_block_is_parent {
                    parent_name = Some(e.name.clone());
                    prev_name = Some(e.name.clone());
                }
                entries.push(e);
            }
            if !continuation {
                prev_cols = r.cols.clone();
            }
        }
        if entries.is_empty() && issues.is_empty() {
            continue;
        }
        let (id, name, url) = supp.meta();
        let date =
            if date_hint.is_empty() { max_date(dates.iter().map(String::as_str)) } else { date_hint.to_string() };
        out.push(Imported {
            list: List {
                meta: ListMeta {
                    id: id.into(),
                    name: name.into(),
                    publisher: "U.S. Department of Commerce, Bureau of Industry and Security (via eCFR)".into(),
                    url: url.into(),
                    date,
                    entries: entries.len(),
                    hash: data_hash.clone(),
                    licence: "US Government work, public domain (17 U.S.C. 105)".into(),
                    legal_basis: String::new(),
                },
                entries,
            },
            issues,
        });
    }
    out
}

/// Imports the Entity List, Unverified List and MEU List from the eCFR XML of Part 744.
pub fn import_ecfr_xml(file: &str, data: &[u8]) -> Result<Vec<Imported>, ImportError> {
    let root = xml::parse(file, data)?;
    let mut rows = Vec::new();
    let mut tables = Vec::new();
    root.walk(&mut |n| {
        if n.name == "TABLE" {
            tables.push(n);
        }
    });
    for t in tables {
        let mut header = Vec::new();
        t.walk(&mut |n| {
            if n.name == "TH" {
                header.push(clean(&n.text()).to_ascii_lowercase());
            }
        });
        let supp = if header.iter().any(|h| h.contains("license requirement")) {
            Supplement::EntityList
        } else if header.iter().any(|h| h.contains("listed person")) {
            Supplement::Unverified
        } else if header.len() == 3 && header.iter().any(|h| h == "entity") {
            Supplement::MilitaryEndUser
        } else {
            continue;
        };
        let mut trs = Vec::new();
        t.walk(&mut |n| {
            if n.name == "TR" {
                trs.push(n);
            }
        });
        for tr in trs {
            let cells: Vec<String> = tr.all("TD").map(|td| td.text()).collect();
            if cells.len() < 3 {
                continue; // header rows, footnote rows spanning all columns
            }
            rows.push(Row {
                supp,
                country: cells[0].clone(),
                entity: cells[1].clone(),
                cols: cells[2..].to_vec(),
                line: tr.line,
            });
        }
    }
    if rows.is_empty() {
        return Err(ImportError::new(file, 0, "no Entity List / Unverified List / MEU table found in the XML"));
    }
    Ok(build_lists(file, content_hash(&[data]), rows, &date_from_name(file)))
}

/// Imports the flattened CSV of Part 744 supplements (`supplement,country,entity,col3,col4,col5,…`).
pub fn import_ecfr_csv(file: &str, data: &[u8]) -> Result<Vec<Imported>, ImportError> {
    let text = crate::lists::text::decode_text(data);
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut bad = Vec::new();
    for rec in rdr.records() {
        let Some((rec, line)) = super::csv_record(file, rec, &mut bad) else { continue };
        let s = rec.get(0).unwrap_or("");
        let supp = if s.contains("No. 4") {
            Supplement::EntityList
        } else if s.contains("No. 6") {
            Supplement::Unverified
        } else if s.contains("No. 7") {
            Supplement::MilitaryEndUser
        } else {
            bad.push(ImportIssue { file: file.into(), line, reason: format!("unknown supplement \"{s}\"") });
            continue;
        };
        let mut cols: Vec<String> = (3..6).map(|i| rec.get(i).unwrap_or("").to_string()).collect();
        if supp != Supplement::EntityList {
            cols.retain(|c| !c.trim().is_empty());
        }
        rows.push(Row {
            supp,
            country: rec.get(1).unwrap_or("").to_string(),
            entity: rec.get(2).unwrap_or("").to_string(),
            cols,
            line,
        });
    }
    if rows.is_empty() {
        return Err(ImportError::new(file, 1, "no Entity List / UVL / MEU rows in the CSV"));
    }
    let mut lists = build_lists(file, content_hash(&[data]), rows, &date_from_name(file));
    if let Some(first) = lists.first_mut() {
        first.issues.extend(bad);
    }
    Ok(lists)
}

/// Imports the BIS Denied Persons List (tab-separated, quoted, with a header row).
pub fn import_dpl(file: &str, data: &[u8]) -> Result<Imported, ImportError> {
    let text = crate::lists::text::decode_text(data);
    let mut rdr = csv::ReaderBuilder::new().delimiter(b'\t').flexible(true).from_reader(text.as_bytes());
    let headers = rdr
        .headers()
        .map_err(|e| ImportError::new(file, 1, format!("unreadable header: {e}")))?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect::<Vec<_>>();
    let col = |n: &str| headers.iter().position(|h| h == n);
    let name_i = col("name").ok_or_else(|| ImportError::new(file, 1, "no \"Name\" column"))?;
    let (street, city, state, country, postal) =
        (col("street_address"), col("city"), col("state"), col("country"), col("postal_code"));
    let (eff, exp, so, upd, action, fr) = (
        col("effective_date"),
        col("expiration_date"),
        col("standard_order"),
        col("last_update"),
        col("action"),
        col("fr_citation"),
    );
    let mut entries = Vec::new();
    let mut issues = Vec::new();
    let mut dates = Vec::new();
    let mut ids = HashSet::new();
    for rec in rdr.records() {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                issues.push(ImportIssue {
                    file: file.into(),
                    line: super::err_line(&e),
                    reason: format!("unreadable record: {e}"),
                });
                continue;
            }
        };
        let line = super::rec_line(&rec);
        let get = |i: Option<usize>| i.and_then(|i| rec.get(i)).map(clean).unwrap_or_default();
        let name = get(Some(name_i));
        if name.is_empty() {
            issues.push(ImportIssue { file: file.into(), line, reason: "record without a name".into() });
            continue;
        }
        let mut e = Entry { kind: EntityKind::Unknown, name: name.clone(), ..Entry::default() };
        let addr: Vec<String> = [get(street), get(city), get(state), get(postal), get(country)]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect();
        if !addr.is_empty() {
            e.addresses.push(addr.join(", "));
        }
        push_country(&mut e.countries, &get(country));
        let mut fields = crate::screening::Fields::new();
        for (k, i) in [
            ("effective_date", eff),
            ("expiration_date", exp),
            ("standard_order", so),
            ("last_update", upd),
            ("action", action),
            ("federal_register", fr),
        ] {
            let mut v = get(i);
            if k.ends_with("_date") {
                v = us_date_to_iso(&v);
            }
            if !v.is_empty() {
                fields.insert(k.to_string(), v);
            }
        }
        if let Some(d) = fields.get("effective_date") {
            dates.push(d.clone());
        }
        if let Some(d) = fields.get("last_update") {
            dates.push(d.clone());
        }
        e.fields = fields;
        let base = format!(
            "dpl-{}",
            short_hash(&format!(
                "{}|{}",
                name.to_lowercase(),
                e.fields.get("federal_register").map(String::as_str).unwrap_or("")
            ))
        );
        e.id = unique_id(&mut ids, base);
        entries.push(e);
    }
    let mut date = date_from_name(file);
    let latest = max_date(dates.iter().map(String::as_str));
    if date.len() < 10 && latest.starts_with(&date) {
        date = latest;
    }
    Ok(Imported {
        list: List {
            meta: ListMeta {
                id: "us_dpl".into(),
                name: "Denied Persons List".into(),
                publisher: "U.S. Department of Commerce, Bureau of Industry and Security".into(),
                url: "https://www.bis.gov/dpl".into(),
                date,
                entries: entries.len(),
                hash: content_hash(&[data]),
                licence: "US Government work, public domain (17 U.S.C. 105)".into(),
                legal_basis: String::new(),
            },
            entries,
        },
        issues,
    })
}

/// `base`, or `base-2`, `base-3`, … if an earlier entry of the same file took it: ids are
/// derived from the name (and country or notice), and the lists do repeat a name.
fn unique_id(ids: &mut HashSet<String>, base: String) -> String {
    if ids.insert(base.clone()) {
        return base;
    }
    (2..).map(|k| format!("{base}-{k}")).find(|id| ids.insert(id.clone())).unwrap_or(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// PAEC's cell (eCFR 2026-07): an alias with an address, then four subordinate entities, one of them a
    /// category of facilities. Subordinates and addresses stay apart; no address fragment becomes an alias.
    #[test]
    fn subordinate_entities_are_kept_apart_from_addresses() {
        let p = parse_entity_text(
            "Pakistan Atomic Energy Commission (PAEC), a.k.a., the following one alias:\n—Power Plant Workshops, P.O. Box 1114, Islamabad; and the following four subordinate entities:\n—National Development Complex (NDC), a.k.a., the following two aliases:\n—National Development Centre; and\n—National Defense Complex.\n \n Fateh Jang, Punjab, Rawalpindi, Pakistan; and P.O. Box 2216, Islamabad, Pakistan;\n—Pakistan Institute for Nuclear Science and Technology (PINSTECH), Nilore, Islamabad;\n—Nuclear reactors (including power plants), fuel reprocessing and enrichment facilities, all uranium processing, conversion and enrichment facilities, heavy water production facilities and any collocated ammonia plants; and\n—National Institute of Lasers and Optronics (NILOP), a.k.a., the following one alias:\n—National Institute of Lasers.\n \n Lethrar Road, Islamabad, 45650, Pakistan; and Lethrar Road, Nilore, 45650, Islamabad, Pakistan; and Hetrat Road, Nilore, 45650, Islamabad, Pakistan; andHouse #453 St., #16 Sector, Islamabad, Pakistan.",
        );
        assert_eq!(p.name, "Pakistan Atomic Energy Commission (PAEC)");
        assert_eq!(p.subordinates.len(), 4, "{:?}", p.subordinates);
        assert!(
            p.subordinates[0].starts_with(
                "National Development Complex (NDC) (National Development Centre; National Defense Complex"
            ),
            "{:?}",
            p.subordinates
        );
        assert!(
            p.subordinates
                .iter()
                .any(|s| s.starts_with("Nuclear reactors (including power plants), fuel reprocessing")),
            "{:?}",
            p.subordinates
        );
        for want in [
            "Power Plant Workshops",
            "National Development Complex (NDC)",
            "National Defense Complex",
            "Pakistan Institute for Nuclear Science and Technology (PINSTECH)",
            "National Institute of Lasers",
        ] {
            assert!(p.aliases.iter().any(|a| a == want), "alias {want} missing: {:?}", p.aliases);
        }
        for a in &p.aliases {
            assert!(
                !a.contains("P.O. Box") && !a.contains("following") && !a.contains("reactors"),
                "address or category among aliases: {a}"
            );
        }
        assert!(p.addresses.iter().any(|a| a == "P.O. Box 1114, Islamabad"), "{:?}", p.addresses);
        assert!(p.addresses.iter().any(|a| a == "Fateh Jang, Punjab, Rawalpindi, Pakistan"), "{:?}", p.addresses);
        assert!(p.addresses.iter().any(|a| a.starts_with("Lethrar Road, Islamabad")), "{:?}", p.addresses);
        assert!(
            p.addresses.iter().any(|a| a == "House #453 St., #16 Sector, Islamabad, Pakistan"),
            "{:?}",
            p.addresses
        );
        assert!(p.addresses.iter().all(|a| !a.ends_with(';')), "{:?}", p.addresses);
        for a in &p.addresses {
            assert!(
                !a.contains("reactors") && !a.contains('—') && !a.contains("a.k.a"),
                "subordinate in the addresses: {a}"
            );
        }
    }

    #[test]
    fn entity_cells_split() {
        let p = parse_entity_text(
            "Hassan Scientific Corporation, a.k.a., the following one alias:\n—Hasan Scientific Corporation.\n \n 50 Akbari Road, New Anarkali, Lahore, Pakistan.",
        );
        assert_eq!(p.name, "Hassan Scientific Corporation");
        assert_eq!(p.aliases, vec!["Hasan Scientific Corporation"]);
        assert_eq!(p.addresses, vec!["50 Akbari Road, New Anarkali, Lahore, Pakistan"]);

        let p = parse_entity_text(
            "High Technologies, Ltd. (HTL), a.k.a., the following alias:\n—High Technology, Ltd.\n \n Islamabad.",
        );
        assert_eq!(p.name, "High Technologies, Ltd. (HTL)");
        assert_eq!(p.aliases, vec!["High Technology, Ltd."]);

        let p = parse_entity_text("Huawei Technologies Pakistan (Private) Limited, Islamabad, Pakistan.");
        assert_eq!(p.name, "Huawei Technologies Pakistan (Private) Limited");
        assert_eq!(p.addresses, vec!["Islamabad, Pakistan"]);

        let p = parse_entity_text("Shenzhen Foo Co., Ltd., 12 Road, Shenzhen, China.");
        assert_eq!(p.name, "Shenzhen Foo Co., Ltd.");

        let p = parse_entity_text(
            "Chengdu Haiguang Microelectronics Technology, a.k.a., the following two aliases:\n\n—HMC; and\n\n—Chengdu Haiguang Wei Dianzi Jishu.\n\n\n\n China (Sichuan) Free Trade Zone, Chengdu, China.",
        );
        assert_eq!(p.aliases, vec!["HMC", "Chengdu Haiguang Wei Dianzi Jishu"]);
        assert_eq!(p.addresses, vec!["China (Sichuan) Free Trade Zone, Chengdu, China"]);

        let p = parse_entity_text(
            "China Electronics Technology Group Corporation 13th Research Institute (CETC 13) subordinate institution: Envoltek, a.k.a., the following one alias:\n\n—Hebei Envoltek Electronics.\n\n 21 Changsheng Street, Shijiazhuang, Hebei, China.",
        );
        assert_eq!(p.name, "Envoltek");
        assert_eq!(
            p.parent.as_deref(),
            Some("China Electronics Technology Group Corporation 13th Research Institute (CETC 13)")
        );
        assert_eq!(p.aliases, vec!["Hebei Envoltek Electronics"]);

        let p = parse_entity_text("Resort Nizhnyaya Oreanda (f.k.a., Federalnoe Sanatori Nizhnyaya Oreanda), a.k.a., the following one alias:\n—Oreanda.\n \n Yalta, Crimea.");
        assert_eq!(p.name, "Resort Nizhnyaya Oreanda");
        assert_eq!(p.aliases, vec!["Federalnoe Sanatori Nizhnyaya Oreanda", "Oreanda"]);

        let p = parse_entity_text("China Electronic Technology Group Corporation No. 11 Research Institute, a.k.a, the following one alias:\n—CETC 11th Research Institute.\n \n Beijing, China.");
        assert_eq!(p.name, "China Electronic Technology Group Corporation No. 11 Research Institute");
        assert_eq!(p.aliases, vec!["CETC 11th Research Institute"]);

        let p = parse_entity_text("Brilliance Tech, a.k.a., the following two aliases:\n—BT Group; and\n—Brilliance Technology Group, Flat A, 114 Austin Road, Tsim Sha Tsui, Hong Kong.");
        assert_eq!(p.aliases, vec!["BT Group", "Brilliance Technology Group"]);
        assert_eq!(p.addresses, vec!["Flat A, 114 Austin Road, Tsim Sha Tsui, Hong Kong"]);

        let p = parse_entity_text("Fifth Academy, a.k.a., the following two aliases:\n—Thermal Processing Institute, a.k.a., Hot Working Institute; and\n—FA.\n \n Xian, China.");
        assert_eq!(p.aliases, vec!["Thermal Processing Institute", "Hot Working Institute", "FA"]);

        let p = parse_entity_text("Huawei Technologies Co., Ltd., a.k.a., the following two aliases:\n—Shenzhen Huawei Technologies; and\n—Huawei Technology, and to include the following addresses and the following 22 affiliated entities:\nBantian Huawei Base, Shenzhen, China.");
        assert_eq!(p.aliases, vec!["Shenzhen Huawei Technologies", "Huawei Technology"]);

        let p = parse_entity_text("Nanjing Institute of Radio Technology.\nThe following addresses apply to the entity and the two subordinate institutions: No 1 Dinghuaimen, Nanjing, China.");
        assert_eq!(p.name, "Nanjing Institute of Radio Technology");
        assert_eq!(p.addresses, vec!["No 1 Dinghuaimen, Nanjing, China"]);
    }
}
