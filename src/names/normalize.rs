//! Name normalisation: Unicode folding and transliteration to Latin (`deunicode`), punctuation,
//! "SURNAME, Given" order, titles, legal-form folding (rigour `org_types`, MIT), stopwords and
//! token weights (frequent list tokens weigh less). Pure: no I/O, wasm-safe.

use super::fasthash::{FastMap, FastSet};
use super::translit::{self, Script};
use crate::screening::EntityKind;
use serde::Deserialize;
use std::sync::OnceLock;

/// What a token is, which decides how it may be matched and how much it weighs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenClass {
    /// An ordinary name part.
    Word,
    /// Contains a digit: matches only exactly ("11420 CORP" is not "CORP").
    Number,
    /// A folded legal form (`ltd`, `gmbh`, `ooo`, …), matched on its canonical form.
    LegalForm,
    /// An article / particle (`the`, `of`, `al`, `bin`): almost no weight, kept for joins.
    Stopword,
}

/// One normalised name part.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    /// Folded ASCII text (legal forms: canonical compare form).
    pub text: String,
    pub class: TokenClass,
    /// Contribution to a name's total weight (1.0 = distinctive word).
    pub weight: f32,
    /// Consonant skeleton used as a phonetic key (empty for short or non-word tokens).
    pub phonetic: String,
}

/// A normalised name: tokens in display order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NormName {
    pub tokens: Vec<Token>,
    /// Written in Han / Kana / Hangul: transliteration to Latin is lossy (homophones), so a
    /// cross-script comparison can suggest but never confirm a match.
    pub cjk: bool,
    /// Written in an abjad (Arabic, Hebrew, Syriac, Thaana): transliteration has no vowels.
    pub abjad: bool,
    /// The script the name is mostly written in (`translit::script_of`): names in different
    /// scripts are compared through loose phonetic keys (`translit::cross_sim`).
    pub script: Script,
    /// Han / Kana / Hangul names: their characters without separators, so that two names in the
    /// same CJK script are compared as written, not through a lossy transliteration.
    pub native: Box<str>,
}

impl NormName {
    /// Space-joined tokens (the exact-match key).
    pub fn key(&self) -> String {
        let mut s = String::new();
        for t in &self.tokens {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(&t.text);
        }
        s
    }
    /// Number of informative tokens (words and numbers).
    pub fn informative(&self) -> usize {
        self.tokens.iter().filter(|t| matches!(t.class, TokenClass::Word | TokenClass::Number)).count()
    }
}

/// Most tokens kept per name (hostile input bound; real names have < 30).
pub const MAX_TOKENS: usize = 60;
/// Longest token kept (ASCII bytes); longer ones are cut.
pub const MAX_TOKEN_LEN: usize = 40;

const STOPWORDS: &[&str] = &[
    "the", "of", "and", "for", "an", "de", "del", "della", "di", "da", "do", "dos", "das", "du", "des", "la", "le",
    "les", "el", "al", "von", "van", "der", "den", "y", "et", "und", "bin", "ibn", "bint", "ben", "ul", "ud", "in",
    "on", "at", "to", "s",
];

/// Honorifics, religious and generational titles inside person names ("Mullah", "Haji",
/// "Sheikh", "Jr", "III"): kept as particles (weight 0.1), since lists write them on one name
/// and not on the other ("Hafiz Muhammad Saeed" / "Muhammad Saeed"). Leading titles from
/// rigour's person prefixes are removed before this.
const PERSON_TITLES: &[&str] = &[
    "mullah", "mulla", "mollah", "haji", "hajji", "hadji", "haj", "hajj", "alhaji", "alhaj", "sheikh", "shaikh",
    "sheik", "shaykh", "cheikh", "maulana", "mawlana", "mawlawi", "maulvi", "mawlavi", "maulavi", "maulawi", "molvi",
    "qari", "mufti", "imam", "hafiz", "hafez", "sayed", "jr", "sr", "ii", "iii", "iv",
];

/// Titles written in Latin letters only (English, Malay): in a name written in another script
/// the same letters are a romanised name, not a title ("طعان" reads "tan", the Malay title "Tan
/// Sri" in Latin; "Rashid Taan Kathim" lost its middle name to it).
const PERSON_TITLES_LATIN: &[&str] = &[
    "dr", "prof", "mr", "mrs", "ms", "sir", "tunku", "datuk", "dato", "tun", "tan", "hon", "rev", "gen", "col", "capt",
];

#[derive(Deserialize)]
struct OrgTypes {
    types: Vec<OrgType>,
}
#[derive(Deserialize)]
struct OrgType {
    #[serde(default)]
    display: Option<String>,
    #[serde(default)]
    compare: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
}
#[derive(Deserialize)]
struct ExtraForms {
    aliases: Vec<String>,
    exclude: Vec<String>,
}
#[derive(Deserialize)]
struct Stopwords {
    person_name_prefixes: Vec<String>,
    org_name_prefixes: Vec<String>,
    obj_name_prefixes: Vec<String>,
}
#[derive(Deserialize)]
struct CommonTokens {
    df: FastMap<String, u32>,
}

pub(crate) struct Tables {
    /// Folded alias phrase → canonical compare form.
    legal: FastMap<String, String>,
    /// First word of a legal-form alias → most words of any alias starting with it, so that
    /// only phrases that can be an alias are joined and looked up.
    legal_first: FastMap<String, usize>,
    /// Last words of legal-form aliases.
    legal_last: FastSet<String>,
    legal_max_tokens: usize,
    person_prefixes: FastSet<String>,
    org_prefixes: FastSet<String>,
    obj_prefixes: FastSet<String>,
    stopwords: FastSet<&'static str>,
    df: FastMap<String, u32>,
}

pub(crate) fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        // The embedded files are validated by build.rs and tests/names_normalize.rs; a failure here
        // would be a build defect, so fall back to empty tables rather than panic at runtime.
        let org: OrgTypes =
            serde_json::from_str(crate::embedded!("names/org_types")).unwrap_or(OrgTypes { types: Vec::new() });
        let extra: ExtraForms = serde_json::from_str(crate::embedded!("names/legal_forms_extra"))
            .unwrap_or(ExtraForms { aliases: Vec::new(), exclude: Vec::new() });
        let sw: Stopwords = serde_json::from_str(crate::embedded!("names/stopwords")).unwrap_or(Stopwords {
            person_name_prefixes: Vec::new(),
            org_name_prefixes: Vec::new(),
            obj_name_prefixes: Vec::new(),
        });
        let common: CommonTokens = serde_json::from_str(crate::embedded!("names/common_tokens"))
            .unwrap_or(CommonTokens { df: FastMap::default() });
        let exclude: FastSet<String> = extra.exclude.iter().map(|s| fold_join(s)).collect();
        let mut legal = FastMap::default();
        for t in &org.types {
            let canon = t
                .compare
                .as_deref()
                .or(t.display.as_deref())
                .or(t.aliases.first().map(|s| s.as_str()))
                .map(|s| fold_join(s).replace(' ', ""))
                .unwrap_or_default();
            for a in &t.aliases {
                let k = fold_join(a);
                if !k.is_empty() && !exclude.contains(&k) {
                    legal.entry(k).or_insert_with(|| canon.clone());
                }
            }
        }
        for a in &extra.aliases {
            let k = fold_join(a);
            let canon = k.replace(' ', "");
            legal.entry(k).or_insert(canon);
        }
        let legal_max_tokens = legal.keys().map(|k| k.split(' ').count()).max().unwrap_or(1);
        let mut legal_first: FastMap<String, usize> = FastMap::default();
        let mut legal_last: FastSet<String> = FastSet::default();
        for k in legal.keys() {
            let words: Vec<&str> = k.split(' ').collect();
            if let (Some(first), Some(last)) = (words.first(), words.last()) {
                let m = legal_first.entry(first.to_string()).or_insert(0);
                *m = (*m).max(words.len());
                legal_last.insert(last.to_string());
            }
        }
        let pref = |v: &[String]| v.iter().map(|s| fold_join(s)).filter(|s| !s.is_empty()).collect();
        Tables {
            legal,
            legal_first,
            legal_last,
            legal_max_tokens,
            person_prefixes: pref(&sw.person_name_prefixes),
            obj_prefixes: pref(&sw.obj_name_prefixes),
            org_prefixes: {
                let mut p: FastSet<String> = pref(&sw.org_name_prefixes);
                // "M/s" (Messrs), common before company names in South Asian trade documents.
                p.extend(["m s", "messrs", "mess"].map(String::from));
                p
            },
            stopwords: STOPWORDS.iter().copied().collect(),
            df: common.df,
        }
    })
}

/// Number of legal-form aliases loaded (rigour table + our extras).
pub fn legal_form_count() -> usize {
    tables().legal.len()
}

/// Folds one string to lower-case ASCII words: transliterates any script (`deunicode`), deletes
/// `.`, apostrophes and `?` (a lost non-ASCII letter), turns other punctuation into spaces.
pub fn fold(s: &str) -> Vec<String> {
    fold_as(s, translit::HanReading::Mandarin)
}

/// [`fold`], reading Han characters as `reading`.
pub fn fold_as(s: &str, reading: translit::HanReading) -> Vec<String> {
    let ascii = deunicode::deunicode(&translit::romanize_as(s, reading));
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in ascii.chars() {
        match c {
            '.' | '\'' | '`' | '?' => {}
            c if c.is_ascii_alphanumeric() => cur.push(c.to_ascii_lowercase()),
            _ => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Han, Kana, Hangul and CJK compatibility characters.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x2FDF | 0x3040..=0x30FF | 0x3100..=0x31FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xAC00..=0xD7AF | 0x1100..=0x11FF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Arabic, Hebrew, Syriac, Thaana and their presentation forms.
pub fn is_abjad(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x07BF | 0x0860..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
}

fn fold_join(s: &str) -> String {
    fold(s).join(" ")
}

/// Weight of a word from its frequency in the lists: distinctive words 1.0, the most frequent
/// name parts ("muhammad", "trading", "company") down to 0.3.
pub fn word_weight(text: &str) -> f32 {
    df_weight(tables().df.get(text).copied().unwrap_or(0))
}

/// The weight of a word seen in `df` list names: 25 → 0.85, 100 → 0.66, 400 → 0.47, 1600+ → 0.3.
pub fn df_weight(df: u32) -> f32 {
    if df < 25 {
        return 1.0;
    }
    ((0.85 - 0.095 * log2_portable(df as f64 / 25.0)) as f32).clamp(0.3, 0.85)
}

/// log2 of a positive, finite, normal `x` from IEEE basic operations only, so it gives the same
/// bits natively and in wasm: `f32::log2` calls the platform's libm (glibc natively, Rust's port
/// in wasm), and the two differ in the last bit for some frequencies (the wasm test of
/// [`df_weights_digest`] caught it).
fn log2_portable(x: f64) -> f64 {
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64 - 1023;
    // The mantissa in [1, 2); ln m = 2 atanh(s) with s = (m - 1) / (m + 1) in [0, 1/3).
    let m = f64::from_bits((bits & 0x000f_ffff_ffff_ffff) | 0x3ff0_0000_0000_0000);
    let s = (m - 1.0) / (m + 1.0);
    let s2 = s * s;
    let (mut term, mut sum) = (s, 0.0);
    for k in 0..24 {
        sum += term / (2 * k + 1) as f64;
        term *= s2;
    }
    exp as f64 + 2.0 * sum * std::f64::consts::LOG2_E
}

/// A digest of [`df_weight`] over every frequency where it is not clamped (and some beyond).
/// The web app's worker loads an index built natively (glibc's `log2f`) and normalises queries
/// in wasm (Rust's own `log2f`); the tests assert this digest is the same constant on both, so
/// the listed names' weights and the query's are computed alike.
pub fn df_weights_digest() -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for df in 0..4096u32 {
        for b in df_weight(df).to_bits().to_le_bytes() {
            h ^= b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    h
}

/// Document frequency of a token in the reference lists (0 if rare).
pub fn token_df(text: &str) -> u32 {
    tables().df.get(text).copied().unwrap_or(0)
}

/// Consonant skeleton: first letter kept, vowels (and h/w/y after the first) dropped, similar
/// consonants merged, runs collapsed. "mohammed"/"muhammad" → "mmd".
pub fn phonetic_key(t: &str) -> String {
    let b = t.as_bytes();
    if b.len() < 3 || !b.iter().all(|c| c.is_ascii_lowercase()) {
        return String::new();
    }
    let mut out = String::new();
    let map = |c: u8| -> u8 {
        match c {
            b'c' | b'k' | b'q' => b'k',
            b'z' | b's' => b's',
            b'v' | b'f' => b'f',
            b'j' | b'g' => b'j',
            b'd' | b't' => b't',
            b'b' | b'p' => b'p',
            b'm' | b'n' => b'n',
            other => other,
        }
    };
    let first = b[0];
    let mut last = 0u8;
    let mut i = 0;
    while i < b.len() {
        let mut c = b[i];
        if c == b'p' && b.get(i + 1) == Some(&b'h') {
            c = b'f';
            i += 1;
        } else if (c == b'k' || c == b'g') && b.get(i + 1) == Some(&b'h') {
            c = if c == b'k' { b'k' } else { b'j' };
            i += 1;
        }
        let is_vowel = matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y' | b'h' | b'w');
        if c == b'x' {
            // "Alexander" / "Aliaksandr"
            if i == 0 || last != b'k' {
                out.push('k');
            }
            out.push('s');
            last = b's';
        } else if i == 0 {
            // vowels (and y) at the start all sound alike: "Yevgeny" / "Evgeniy"
            let k = if is_vowel && !matches!(first, b'h' | b'w') { b'a' } else { map(c) };
            out.push(k as char);
            last = k;
        } else if !is_vowel {
            let k = map(c);
            if k != last {
                out.push(k as char);
            }
            last = k;
        } else {
            last = 0;
        }
        i += 1;
    }
    out
}

fn make_token(text: String, class: TokenClass) -> Token {
    let weight = match class {
        TokenClass::Word => word_weight(&text),
        TokenClass::Number => 1.0,
        TokenClass::LegalForm => 0.2,
        TokenClass::Stopword => 0.1,
    };
    let phonetic = if class == TokenClass::Word && text.len() >= 3 { phonetic_key(&text) } else { String::new() };
    Token { text, class, weight, phonetic }
}

/// Reorders "SURNAME, Given names" (one comma, no legal form after it) to "Given names SURNAME".
fn reorder(raw: &str, kind: EntityKind) -> String {
    if !matches!(kind, EntityKind::Person | EntityKind::Unknown) {
        return raw.to_string();
    }
    let mut parts = raw.split(',');
    let (Some(a), Some(b), None) = (parts.next(), parts.next(), parts.next()) else {
        return raw.to_string();
    };
    let bt = fold(b);
    let at = fold(a);
    if bt.is_empty() || at.is_empty() || bt.len() > 5 || at.len() > 4 {
        return raw.to_string();
    }
    if tables().legal.contains_key(&bt.join(" ")) {
        return raw.to_string();
    }
    format!("{b} {a}")
}

/// `words` joined by single spaces into `buf` (cleared first).
fn join_into<'a>(buf: &'a mut String, words: &[String]) -> &'a str {
    buf.clear();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            buf.push(' ');
        }
        buf.push_str(w);
    }
    buf.as_str()
}

/// Normalises a name for matching as `kind` (Unknown: organisation rules at the name's edges).
pub fn normalize(raw: &str, kind: EntityKind) -> NormName {
    normalize_as(raw, kind, translit::HanReading::Mandarin)
}

/// [`normalize`], reading Han characters as `reading` (see [`translit::han_readings`]).
pub fn normalize_as(raw: &str, kind: EntityKind, reading: translit::HanReading) -> NormName {
    let t = tables();
    let mut words = fold_as(&reorder(raw, kind), reading);
    words.truncate(MAX_TOKENS);
    let mut start = 0;
    let mut end = words.len();
    // Titles and prefixes at the start ("Mr", "Dr", "His Excellency"; "MV" for vessels).
    let prefixes = match kind {
        EntityKind::Person => [Some(&t.person_prefixes), None],
        EntityKind::Unknown => [Some(&t.person_prefixes), Some(&t.org_prefixes)],
        EntityKind::Vessel | EntityKind::Aircraft => [Some(&t.obj_prefixes), None],
        EntityKind::Organization => [Some(&t.org_prefixes), None],
    };
    // One buffer for every phrase looked up below (no allocation per lookup).
    let mut buf = String::new();
    for p in prefixes.into_iter().flatten() {
        'outer: loop {
            for n in (1..=3.min(end - start)).rev() {
                if end - start > n && p.contains(join_into(&mut buf, &words[start..start + n])) {
                    start += n;
                    continue 'outer;
                }
            }
            break;
        }
    }
    // Legal forms at the end and at the start (never the whole name).
    let mut head: Vec<Token> = Vec::new();
    let mut tail: Vec<Token> = Vec::new();
    if kind != EntityKind::Person {
        'tail: loop {
            if end - start < 2 || !t.legal_last.contains(words[end - 1].as_str()) {
                break;
            }
            for n in (1..=t.legal_max_tokens.min(end - start)).rev() {
                if end - start <= n || t.legal_first.get(words[end - n].as_str()).is_none_or(|&m| m < n) {
                    continue;
                }
                if let Some(c) = t.legal.get(join_into(&mut buf, &words[end - n..end])) {
                    tail.insert(0, make_token(c.clone(), TokenClass::LegalForm));
                    end -= n;
                    continue 'tail;
                }
            }
            break;
        }
        'head: loop {
            let longest = match t.legal_first.get(words.get(start).map_or("", |w| w.as_str())) {
                Some(&m) if end - start >= 2 => m,
                _ => break,
            };
            for n in (1..=longest.min(end - start)).rev() {
                if end - start <= n || !t.legal_last.contains(words[start + n - 1].as_str()) {
                    continue;
                }
                if let Some(c) = t.legal.get(join_into(&mut buf, &words[start..start + n])) {
                    head.push(make_token(c.clone(), TokenClass::LegalForm));
                    start += n;
                    continue 'head;
                }
            }
            break;
        }
    }
    let mut tokens = head;
    let script = if reading.in_translation() && translit::translation_wholly_latin(raw) {
        translit::Script::Latin
    } else {
        translit::script_of(raw)
    };
    let latin = script == translit::Script::Latin;
    for w in &words[start..end] {
        // Bound the work on hostile input: no real name part is longer than this.
        let w = if w.len() > MAX_TOKEN_LEN { &w[..MAX_TOKEN_LEN] } else { w.as_str() };
        let class = if w.bytes().any(|c| c.is_ascii_digit()) {
            TokenClass::Number
        } else if end - start > 2
            && (t.stopwords.contains(w)
                || (matches!(kind, EntityKind::Person | EntityKind::Unknown)
                    && (PERSON_TITLES.contains(&w) || (latin && PERSON_TITLES_LATIN.contains(&w)))))
        {
            // A stopword, or a person's title or honorific, in a name of three or more words.
            TokenClass::Stopword
        } else {
            TokenClass::Word
        };
        tokens.push(make_token(w.to_string(), class));
    }
    tokens.extend(tail);
    let native: Box<str> =
        if script.is_cjk() { raw.chars().filter(|&c| is_cjk(c)).collect::<String>().into() } else { Box::from("") };
    NormName { tokens, cjk: raw.chars().any(is_cjk), abjad: raw.chars().any(is_abjad), script, native }
}

/// The names to screen for a party: the name as given and, for "Name (…)", the name without
/// the parenthesis. The parenthesised part is a qualifier of the party ("Swiss Business School
/// Zurich (SBS)", "Université Paris Nanterre (Paris X)"), never a name of its own: screened
/// alone it matched any listed entity with those letters. List names keep it as a
/// variant ([`name_variants`]) so that a party called "CHASNUPP" still finds the plant.
pub fn query_variants(raw: &str) -> Vec<String> {
    let mut out = vec![raw.to_string()];
    if let (Some(a), Some(b)) = (raw.find('('), raw.rfind(')')) {
        if a < b {
            let outer = format!("{} {}", &raw[..a], &raw[b + 1..]);
            let outer = outer.split_whitespace().collect::<Vec<_>>().join(" ");
            if !outer.is_empty() {
                out.push(outer);
            }
        }
    }
    out
}

/// Generic words of organisation names ("university", "college", "company", "trading",
/// "joint venture" …): they say what kind of body it is, not which one, so they never carry a
/// match on their own (`score::compare`).
/// Whether `w` is one of [`GENERIC_ORG_WORDS`] (a hash lookup: asked for every token of every
/// scored candidate).
pub fn is_generic_org_word(w: &str) -> bool {
    static SET: std::sync::OnceLock<super::fasthash::FastSet<&'static str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| GENERIC_ORG_WORDS.iter().copied().collect()).contains(w)
}

/// Whether `w` is one of [`EDUCATION_WORDS`].
pub fn is_education_word(w: &str) -> bool {
    static SET: std::sync::OnceLock<super::fasthash::FastSet<&'static str>> = std::sync::OnceLock::new();
    SET.get_or_init(|| EDUCATION_WORDS.iter().copied().collect()).contains(w)
}

pub const GENERIC_ORG_WORDS: &[&str] = &[
    "university",
    "universitet",
    "universidad",
    "universidade",
    "universite",
    "universita",
    "universitat",
    "uniwersytet",
    "univerzita",
    "college",
    "colegio",
    "institute",
    "institut",
    "instituto",
    "istituto",
    "school",
    "schule",
    "hochschule",
    "fachhochschule",
    "ecole",
    "escuela",
    "escola",
    "academy",
    "akademie",
    "academia",
    "akademiya",
    "centre",
    "center",
    "centro",
    "company",
    "trading",
    "trade",
    "joint",
    "venture",
    "group",
    "holding",
    "holdings",
    "international",
    "industries",
    "industry",
    "industrial",
    "technology",
    "technologies",
    "technical",
    "technological",
    "polytechnic",
    "polytechnique",
    "politecnico",
    "science",
    "sciences",
    "scientific",
    "medical",
    "medicine",
    "health",
    "applied",
    "research",
    "national",
    "state",
    "federal",
    "business",
    "management",
    "services",
    "service",
    "enterprise",
    "enterprises",
    "general",
    "engineering",
    "development",
    "investment",
    "investments",
    "import",
    "export",
    "commercial",
    "global",
    "foundation",
    "association",
    "society",
    "department",
    "ministry",
    "studies",
    "arts",
    "faculty",
    "education",
    "educational",
    "community",
    "public",
    "private",
    "city",
    "agency",
    "office",
    "factory",
    "plant",
    "works",
    "shipping",
    "logistics",
    "electronics",
    "systems",
    "solutions",
    "products",
    "economics",
    "economy",
    "law",
    "graduate",
    "seminary",
    "conservatory",
    "campus",
    "teachers",
    "women",
    "christian",
    "catholic",
    "tecnologica",
    "tecnologico",
    "tecnologia",
    "technologique",
    "tecnica",
    "tecnico",
    "politecnica",
    "autonoma",
    "nacional",
    "social",
];

/// Words that make an organisation name the name of a place of education or research: a party
/// named with one is not a listed body whose name has none ([`super::score`]).
pub const EDUCATION_WORDS: &[&str] = &[
    "university",
    "universitet",
    "universidad",
    "universidade",
    "universite",
    "universita",
    "universitat",
    "uniwersytet",
    "univerzita",
    "college",
    "colegio",
    "school",
    "schule",
    "hochschule",
    "fachhochschule",
    "ecole",
    "escuela",
    "escola",
    "academy",
    "akademie",
    "academia",
    "akademiya",
    "institute",
    "institut",
    "instituto",
    "istituto",
    "polytechnic",
    "polytechnique",
    "politecnico",
    "seminary",
    "conservatory",
];

/// Splits one list name into the names to index: the name itself and, for "Name (ACRONYM)",
/// the name without the parenthesis and the parenthesised part on its own.
///
/// The parenthesised part stands alone only when it can be a name: at the end of the name
/// ("Pakistan Atomic Energy Commission (PAEC)", "X (formerly Y)") and not a place. A place
/// qualifier inside a company name ("Solar Way (Hong Kong) Ltd.", "Acme (China)") is not a
/// name of its own: as a variant it made every "… (Hong Kong) …" firm an exact match of every
/// other one (found by the `listed_name_matches_itself` property).
pub fn name_variants(raw: &str) -> Vec<String> {
    let mut out = vec![raw.to_string()];
    if let (Some(a), Some(b)) = (raw.find('('), raw.rfind(')')) {
        if a < b {
            let inner = raw[a + 1..b].trim();
            let outer = format!("{} {}", &raw[..a], &raw[b + 1..]);
            let outer = outer.split_whitespace().collect::<Vec<_>>().join(" ");
            if !outer.is_empty() {
                out.push(outer);
            }
            let lower = inner.to_ascii_lowercase();
            let at_end = raw[b + 1..].chars().all(|c| !c.is_alphanumeric());
            if !inner.is_empty()
                && at_end
                && inner.split_whitespace().count() <= 6
                && !lower.starts_with("a.k.a")
                && !lower.starts_with("see ")
                && crate::lists::country::to_iso2(inner).is_none()
                && fold(inner).iter().any(|w| w.len() >= 3)
            {
                out.push(inner.to_string());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::log2_portable;

    #[test]
    fn the_portable_log2_agrees_with_libm_to_1e_12() {
        for x in [1.0, 1.04, 1.5, 2.0, 3.0, 4.0, 10.0, 55.44, 64.0, 163.84, 1e6] {
            let (got, want) = (log2_portable(x), x.log2());
            assert!((got - want).abs() < 1e-12, "log2({x}) = {got}, libm {want}");
        }
        for df in 25..5000u32 {
            let x = df as f64 / 25.0;
            assert!((log2_portable(x) - x.log2()).abs() < 1e-12, "{x}");
        }
    }
}
