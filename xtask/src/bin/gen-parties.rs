//! Writes a party CSV (`name,country,kind`) for the scale benchmarks (`scripts/bench-scale`):
//! a customer master of ROWS rows built from real name sources, with a known share of names
//! taken from the bundled lists.
//!
//! Usage: `gen-parties ROWS OUT.csv [LISTED_PER_MILLE] [SEED]` (default 20 per mille, seed 7).
//!
//! Sources, read from `../shared/data` (benchmark only; nothing here ships):
//! * persons: the 2,000 non-listed persons of `eval-dev/opensanctions_yente_negatives_*.csv`
//!   (names and nationalities as given) and the 1,254 members of the US Congress of
//!   `eval-dev/opensanctions_yente_positives_us_congress.csv` (not on any list), each as
//!   written or, for Latin-script names, recombined (first name of one row, surname of another);
//! * organisations: the 3,994 universities of `eval-public/innocent_orgs_universities.csv` as
//!   written, and trading companies named the usual way (a surname from the sources above, a
//!   line of business, the legal form of the company's country);
//! * listed: primary names and aliases of the bundled lists (`catchall::lists::bundled`), with
//!   the entry's first country, exactly LISTED_PER_MILLE rows in every thousand.
//!
//! Prints to stderr the rows written, how many are listed names, and how many distinct names.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::PathBuf;

/// SplitMix64: small, deterministic, good enough to pick names.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
}

struct Person {
    first: String,
    last: String,
    full: String,
    country: String,
}

fn read_csv(path: &PathBuf) -> Vec<HashMap<String, String>> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let recs = catchall::batch::csv_records(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut it = recs.into_iter();
    let header = it.next().map(|(_, h)| h).unwrap_or_default();
    it.map(|(_, r)| header.iter().cloned().zip(r).collect()).collect()
}

/// The legal forms companies of a country are commonly registered under.
fn legal_forms(country: &str) -> &'static [&'static str] {
    match country {
        "DE" => &["GmbH", "AG", "GmbH & Co. KG", "KG"],
        "AT" => &["GmbH", "AG"],
        "CH" => &["AG", "GmbH", "SA"],
        "FR" => &["SARL", "SAS", "SA"],
        "GB" => &["Ltd", "Limited", "PLC", "LLP"],
        "US" => &["Inc.", "LLC", "Corp.", "Co."],
        "IT" => &["S.r.l.", "S.p.A."],
        "ES" => &["S.L.", "S.A."],
        "NL" => &["B.V.", "N.V."],
        "BE" => &["BV", "NV", "SRL"],
        "SE" => &["AB"],
        "PL" => &["Sp. z o.o.", "S.A."],
        "JP" => &["Co., Ltd.", "K.K.", "Corporation"],
        "CN" | "HK" | "TW" => &["Co., Ltd.", "Limited", "Trading Co., Ltd."],
        "IN" => &["Pvt. Ltd.", "Ltd.", "LLP"],
        "RU" => &["OOO", "AO", "LLC"],
        "TR" => &["A.S.", "Ltd. Sti."],
        "BR" => &["Ltda.", "S.A."],
        "AE" => &["LLC", "FZE", "FZCO"],
        "KR" => &["Co., Ltd.", "Corporation"],
        "PK" => &["(Pvt.) Ltd.", "Ltd."],
        _ => &["Ltd", "Co.", "Trading", "Group"],
    }
}

const BUSINESS: &[&str] = &[
    "Trading",
    "Logistics",
    "Precision Engineering",
    "Machine Tools",
    "Electronics",
    "Industrial Supplies",
    "Chemicals",
    "Pharma",
    "Instruments",
    "Automation",
    "Metals",
    "Plastics",
    "Optics",
    "Components",
    "Freight",
    "Import Export",
    "Medical Systems",
    "Energy",
    "Textiles",
    "Foods",
    "Maschinenbau",
    "Handelsgesellschaft",
    "Technologies",
    "Solutions",
    "Holdings",
];

/// Countries of a customer master of a European exporter, roughly weighted by trade.
const COMPANY_COUNTRIES: &[&str] = &[
    "DE", "DE", "DE", "FR", "FR", "GB", "GB", "US", "US", "US", "IT", "ES", "NL", "BE", "AT", "CH", "SE", "PL", "CN",
    "CN", "CN", "HK", "TW", "JP", "KR", "IN", "IN", "TR", "BR", "AE", "RU", "PK",
];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: gen-parties ROWS OUT.csv [LISTED_PER_MILLE] [SEED]");
        std::process::exit(2);
    }
    let rows: usize = args[1].parse().expect("ROWS: a number");
    let out_path = &args[2];
    let per_mille: usize = args.get(3).map(|s| s.parse().expect("LISTED_PER_MILLE: a number")).unwrap_or(20);
    let mut rng = Rng(args.get(4).map(|s| s.parse().expect("SEED: a number")).unwrap_or(7));
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/data");

    let countries: HashMap<String, String> = {
        let text = std::fs::read_to_string(data.join("countries/pycountry_26.2.16_iso3166-1.json")).expect("pycountry");
        let v: serde_json::Value = serde_json::from_str(&text).expect("pycountry JSON");
        let mut m = HashMap::new();
        for c in v["3166-1"].as_array().into_iter().flatten() {
            let a2 = c["alpha_2"].as_str().unwrap_or_default().to_string();
            for k in ["name", "common_name", "official_name"] {
                if let Some(n) = c[k].as_str() {
                    m.insert(n.to_lowercase(), a2.clone());
                }
            }
        }
        m
    };
    let mut persons = Vec::new();
    for (file, default_country) in [
        ("eval-dev/opensanctions_yente_negatives_global.csv", ""),
        ("eval-dev/opensanctions_yente_negatives_us.csv", ""),
        ("eval-dev/opensanctions_yente_positives_us_congress.csv", "US"),
    ] {
        for r in read_csv(&data.join(file)) {
            let full = r.get("full_name").cloned().unwrap_or_default();
            let mut first = r.get("first_name").cloned().unwrap_or_default();
            let mut last = r.get("last_name").cloned().unwrap_or_default();
            if first.is_empty() || last.is_empty() {
                let words: Vec<&str> = full.split_whitespace().collect();
                if words.len() < 2 {
                    continue;
                }
                first = words[0].to_string();
                last = words[words.len() - 1].to_string();
            }
            let nat = r.get("nationality").map(|n| n.to_lowercase()).unwrap_or_default();
            let country = countries.get(&nat).cloned().unwrap_or_else(|| default_country.to_string());
            persons.push(Person { first, last, full, country });
        }
    }
    // Recombined names and company names take Latin-script parts only: a first name in one
    // script and a surname in another is no one's name.
    let is_latin = |s: &str| s.chars().all(|c| !c.is_alphabetic() || c < '\u{250}');
    let latin: Vec<usize> =
        (0..persons.len()).filter(|&i| is_latin(&persons[i].first) && is_latin(&persons[i].last)).collect();
    let universities: Vec<(String, String)> = read_csv(&data.join("eval-public/innocent_orgs_universities.csv"))
        .into_iter()
        .map(|r| (r.get("name").cloned().unwrap_or_default(), r.get("country").cloned().unwrap_or_default()))
        .filter(|(n, _)| !n.is_empty())
        .collect();
    let mut listed: Vec<(String, String, &'static str)> = Vec::new();
    for list in catchall::lists::bundled().expect("bundled lists") {
        for e in list.entries {
            let country = e.countries.first().cloned().unwrap_or_default();
            let kind = match e.kind {
                catchall::screening::EntityKind::Person => "person",
                catchall::screening::EntityKind::Organization => "organization",
                catchall::screening::EntityKind::Vessel => "vessel",
                _ => "",
            };
            for n in std::iter::once(&e.name).chain(e.aliases.iter()) {
                listed.push((n.clone(), country.clone(), kind));
            }
        }
    }
    eprintln!(
        "sources: {} persons, {} universities, {} listed names (primary + aliases)",
        persons.len(),
        universities.len(),
        listed.len()
    );

    let f = std::fs::File::create(out_path).unwrap_or_else(|e| panic!("{out_path}: {e}"));
    let mut out = std::io::BufWriter::new(f);
    writeln!(out, "name,country,kind").unwrap();
    let (mut n_listed, mut distinct) = (0usize, HashSet::new());
    for i in 0..rows {
        // Exactly `per_mille` listed rows in every thousand, spread through the file.
        let is_listed = (i + 1) * per_mille / 1000 > i * per_mille / 1000;
        let (name, country, kind): (String, String, &str) = if is_listed {
            n_listed += 1;
            let (n, c, k) = rng.pick(&listed);
            (n.clone(), c.clone(), k)
        } else {
            match rng.below(100) {
                0..=19 => {
                    let p = rng.pick(&persons);
                    (p.full.clone(), p.country.clone(), "person")
                }
                20..=39 => {
                    let (a, b) = (rng.pick(&latin), rng.pick(&latin));
                    (format!("{} {}", persons[*a].first, persons[*b].last), persons[*b].country.clone(), "person")
                }
                40..=44 => {
                    let (n, c) = rng.pick(&universities);
                    (n.clone(), c.clone(), "organization")
                }
                r => {
                    let c = *rng.pick(COMPANY_COUNTRIES);
                    let form = *rng.pick(legal_forms(c));
                    let surname = &persons[*rng.pick(&latin)].last;
                    let name = if r < 80 {
                        format!("{surname} {} {form}", rng.pick(BUSINESS))
                    } else if r < 90 {
                        format!("{surname} & {} {form}", persons[*rng.pick(&latin)].last)
                    } else {
                        format!("{surname} {form}")
                    };
                    (name, c.to_string(), "organization")
                }
            }
        };
        if distinct.len() < 5_000_000 {
            distinct.insert(name.clone());
        }
        let cell = |s: &str| {
            if s.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", s.replace('"', "\"\""))
            } else {
                s.to_string()
            }
        };
        writeln!(out, "{},{},{}", cell(&name), country, kind).unwrap();
    }
    out.flush().unwrap();
    eprintln!("wrote {rows} rows to {out_path}: {n_listed} listed names, {} distinct names", distinct.len());
}
