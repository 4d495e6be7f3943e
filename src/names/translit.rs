//! Script-aware transliteration to Latin, and the loose phonetic key used to compare a name
//! written in one script with a name written in another.
//!
//! One transliteration does not fit every script, so each script gets its own rule set:
//!
//! * **Hangul**: syllables are decomposed arithmetically (initial / vowel / final jamo) and
//!   romanised by Revised Romanisation; McCune–Reischauer and the usual name spellings
//!   ("Kim", "Jung", "Hoon", "Lee", "Park") meet RR in the loose key below (aspiration and
//!   voicing merged, vowels cheap). A Korean name written as one word of 2–4 syllables is split
//!   into surname and given name ("김정훈" → "gim jeonghun"), as Latin writes it.
//! * **Kana** (hiragana and katakana): modified Hepburn, with yōon (キャ kya, シャ sha),
//!   small vowels for foreign sounds (フィ fi, ティ ti, ヴァ va), sokuon (ッ doubles the next
//!   consonant) and the long-vowel mark dropped; "・" separates words.
//! * **Greek**: modern pronunciation (ELOT 743 style: μπ b, ντ d, γκ g, τζ tz, ου ou, αι e,
//!   ει / οι i, η / υ i, β v, χ ch, θ th).
//! * **Hebrew**: consonants with geresh (ג׳ j, ז׳ zh, צ׳ ch), ו as v initially and doubled,
//!   else as a vowel o/u (`score::How::Spelling` tries w for its v); י as i; א inside a word as
//!   a; other vowels are not written, so the loose key makes them cheap.
//! * **Arabic / Persian**: one letter, one value (ة a, ى a, پ p, چ ch, ژ zh, گ g, ظ th: near
//!   both z and d / dh; ع between two consonants a, else silent inside a word); the article
//!   "ال" glued to a word is split off ("الحسيني" → "al hsyny") as Latin writes "al-Husseini".
//! * **Thai**: RTGS consonant values with the final-position values (ด t, ร n, บ p …), but จ
//!   as j (the usual spelling of Thai names; `score::How::Spelling` tries RTGS ch and th → t),
//!   preposed and surrounding vowels (เ–ีย ia, เ–ือ uea …) read after their consonant, silent
//!   letters (์, a ร after a closed short syllable) dropped, รร → a + final or an, a linking ra.
//! * **Han**: pinyin per character (`deunicode`), a name of 2–4 characters written without
//!   separator is split into surname + given name ("习近平" → "xi jinping"); Wade–Giles meets
//!   pinyin in the loose key (ts / z / ch / zh / j merged, t / d, k / g, p / b).
//!   The same characters are also read in Cantonese (Hong Kong Government romanisation, given
//!   name syllable by syllable: "王國興" → "wong kwok hing") and as Korean hanja (Sino-Korean
//!   Hangul reading, then the Hangul rules above: "金承南" → "gim seungnam"); see [`HanReading`].
//! * **Cyrillic** and everything else: `deunicode` (a BGN/PCGN-like scheme); ISO 9, German
//!   ("Schtschedrin") and French ("Chtchedrine") spellings meet it in the loose key.
//!
//! The **loose key** ([`loose_key`]) reduces a Latin word to consonant classes (k/g/c/q;
//! s/z/sh/ch/zh/j/ts; t/d/th; p/b/f/v/ph; l/r; m; n) with every run of vowels (and h, w, y)
//! written as one `a`; [`loose_dist`] charges 0.3 for an `a` and 1 for a consonant class. It is
//! used only when the two names were written in different scripts.

use super::fasthash::FastMap;
use std::sync::OnceLock;

/// The writing system a name is (mostly) written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Script {
    #[default]
    Latin,
    Cyrillic,
    Greek,
    Arabic,
    Hebrew,
    Thai,
    Hangul,
    Kana,
    Han,
    Other,
}

impl Script {
    pub fn as_str(self) -> &'static str {
        match self {
            Script::Latin => "Latin",
            Script::Cyrillic => "Cyrillic",
            Script::Greek => "Greek",
            Script::Arabic => "Arabic",
            Script::Hebrew => "Hebrew",
            Script::Thai => "Thai",
            Script::Hangul => "Hangul",
            Script::Kana => "Kana",
            Script::Han => "Han",
            Script::Other => "other",
        }
    }
    /// Han, Kana and Hangul: names compared as written when both sides use the same one.
    pub fn is_cjk(self) -> bool {
        matches!(self, Script::Hangul | Script::Kana | Script::Han)
    }
}

/// Script of one character (None for digits, punctuation, spaces and marks).
pub fn char_script(c: char) -> Option<Script> {
    let u = c as u32;
    Some(match u {
        0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F | 0x1E00..=0x1EFF => Script::Latin,
        0x0370..=0x03FF | 0x1F00..=0x1FFF => Script::Greek,
        0x0400..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
        0x0590..=0x05FF | 0xFB1D..=0xFB4F => Script::Hebrew,
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => Script::Arabic,
        0x0E00..=0x0E7F => Script::Thai,
        0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x3130..=0x318F => Script::Hangul,
        0x3040..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F => Script::Kana,
        0x2E80..=0x2FDF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F => Script::Han,
        _ if c.is_alphabetic() => Script::Other,
        _ => return None,
    })
}

/// The dominant script of a name: the one with most letters; any kana makes a Han/kana name
/// Japanese (kanji names with kana are read as Japanese).
pub fn script_of(s: &str) -> Script {
    let mut n = [0usize; 10];
    for c in s.chars() {
        if let Some(sc) = char_script(c) {
            n[sc as usize] += 1;
        }
    }
    if n[Script::Kana as usize] > 0 && n[Script::Kana as usize] + n[Script::Han as usize] >= n[Script::Latin as usize] {
        return Script::Kana;
    }
    let all = [
        Script::Latin,
        Script::Cyrillic,
        Script::Greek,
        Script::Arabic,
        Script::Hebrew,
        Script::Thai,
        Script::Hangul,
        Script::Kana,
        Script::Han,
        Script::Other,
    ];
    let mut best = Script::Latin;
    let mut bn = 0;
    for sc in all {
        if n[sc as usize] > bn {
            bn = n[sc as usize];
            best = sc;
        }
    }
    best
}

/// How a name written in Han characters is read. Han characters carry no sound of their own:
/// a Chinese name from the mainland is romanised from Mandarin (pinyin), one from Hong Kong or
/// Macao from Cantonese ("王國興" WONG Kwok-hing, not Wang Guoxing), and a Korean name written in
/// hanja by its Sino-Korean reading ("金承南" Kim Seung-nam, not Jin Chengnan). A Han name is
/// therefore read all three ways ([`han_readings`]) and the best reading wins; the explanation
/// says which.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum HanReading {
    #[default]
    Mandarin,
    Cantonese,
    Korean,
    /// Hokkien (`data/names/han_hokkien_readings.toml`): how Singapore, Malaysia, Taiwan and the
    /// Philippines spell many Chinese names ("陈胜尧" Tan Seng Giaw, "吴作栋" Goh Chok Tong).
    Hokkien,
    /// Japanese: a name in kanji only read as Japanese names read their characters
    /// (`data/names/ja_name_readings.toml`: "高山清司" Takayama Kiyoshi). A kanji has many readings
    /// in names, so this reading is never made alone: a pair comparison finds the reading, of
    /// those the table allows, that spells the Latin name ([`japanese_reading`]).
    Japanese,
    /// Not a Han reading: a name in Arabic letters read as Persian (ALA-LC Persian: ذ ض ظ z),
    /// for Iranian and Afghan names written without any letter Persian adds ("رضا" Reza, "قاضی"
    /// Qazi). Pair comparison only ([`pair_readings`]). (The consonant و read v as well —
    /// "وحیدی" Vahidi — was tried on the dev halves and dropped: v is b in the loose key, and
    /// "ويلسون" Wilson read "vilsun" met "Barton".)
    Persian,
    /// Not a Han reading: a Cyrillic or Greek organisation name read in translation, its organisation
    /// words in English ("Серовский механический завод" → "serov mechanical plant"), beside its
    /// plain transliteration ([`translation_readings`]; `data/names/cyrillic_org_words.toml`,
    /// `data/names/greek_org_words.toml`).
    Translation,
    /// [`HanReading::Translation`] with place adjectives left as written ("Петровский
    /// электромеханический завод" → "petrovskii electromechanical plant": lists write
    /// "Petrovsky" as often as "Petrov"); tried only when the rule changed a word.
    TranslationPlacesAsWritten,
}

impl HanReading {
    pub fn as_str(self) -> &'static str {
        match self {
            HanReading::Mandarin => "Mandarin (pinyin)",
            HanReading::Cantonese => "Cantonese (Hong Kong Government romanisation)",
            HanReading::Korean => "Sino-Korean (hanja read as Hangul)",
            HanReading::Hokkien => "Hokkien (Tai-lo readings, spelt as Singapore and Malaysia spell Hokkien names)",
            HanReading::Japanese => "Japanese (the readings kanji take in names, JMnedict)",
            HanReading::Persian => "Persian (ALA-LC: ذ ض ظ as z)",
            HanReading::Translation => "in translation (Cyrillic / Greek organisation words read in English)",
            HanReading::TranslationPlacesAsWritten => {
                "in translation (Cyrillic / Greek organisation words read in English, place adjectives as written)"
            }
        }
    }
}

/// The readings to try for a name: Mandarin, Cantonese and Korean when it has Han characters
/// and is not Japanese (kanji with kana are read as Japanese), and Hokkien too when it is a
/// Chinese personal name of three or four characters, a common surname first (a foreign name
/// read syllable by syllable in Hokkien met any short Latin word — "曼利奥" / Beemer — and so did
/// a two-character one, "马肖" be siau / Buza); else only the default.
pub fn han_readings(raw: &str) -> &'static [HanReading] {
    const ALL: [HanReading; 4] = [HanReading::Mandarin, HanReading::Cantonese, HanReading::Korean, HanReading::Hokkien];
    if raw.chars().any(|c| char_script(c) == Some(Script::Han)) && script_of(raw) != Script::Kana {
        // (counted without collecting: this runs for every Han query screened)
        let (mut first, mut n, mut all_han) = (None, 0, true);
        for c in raw.chars().filter(|c| !c.is_whitespace()) {
            first = first.or(Some(c));
            n += 1;
            all_han &= char_script(c) == Some(Script::Han);
        }
        let personal = (3..=4).contains(&n) && all_han && first.is_some_and(|c| is_han_surname(c, HanReading::Hokkien));
        if personal {
            &ALL
        } else {
            &ALL[..3]
        }
    } else {
        &ALL[..1]
    }
}

/// The readings a pair comparison tries (`names::compare_names`): [`han_readings`], and for a
/// name in Arabic letters with ذ or ض and no letter Persian adds also the Persian one
/// ([`HanReading::Persian`]): those letters are d / dh in Arabic names and z in Iranian and
/// Afghan ones, which are often written without any letter Persian adds. Screening keeps
/// [`han_readings`].
pub fn pair_readings(raw: &str) -> &'static [HanReading] {
    const ARABIC: [HanReading; 2] = [HanReading::Mandarin, HanReading::Persian];
    if script_of(raw) == Script::Arabic
        && raw.chars().any(|c| matches!(c, 'ذ' | 'ض'))
        && !raw.chars().any(is_persian_letter)
    {
        &ARABIC
    } else {
        han_readings(raw)
    }
}

/// The readings a name gets beside those of [`han_readings`] / [`pair_readings`]: a Cyrillic or Greek
/// organisation name (never a person's: `person`) that holds an organisation word of
/// `data/names/cyrillic_org_words.toml` / `greek_org_words.toml` ([`reads_org_in_translation`]) is also read in translation,
/// and, when it has a place adjective, in translation with its place adjectives as written.
pub fn translation_readings(raw: &str, person: bool) -> &'static [HanReading] {
    const BOTH: [HanReading; 2] = [HanReading::Translation, HanReading::TranslationPlacesAsWritten];
    if person || !reads_org_in_translation(raw) {
        &[]
    } else if has_place_adjective(raw) {
        &BOTH
    } else {
        &BOTH[..1]
    }
}

impl HanReading {
    /// A reading in translation ([`translation_readings`]).
    pub fn in_translation(self) -> bool {
        matches!(self, HanReading::Translation | HanReading::TranslationPlacesAsWritten)
    }
}

/// The middle dots that join the words of a foreign name transcribed by sound in Chinese
/// characters or katakana ("科里·加德納" Cory Gardner, "シャルル・ミシェル" Charles Michel).
pub fn is_name_dot(c: char) -> bool {
    matches!(c, '・' | '·' | '•' | '‧')
}

/// Cantonese and Sino-Korean readings per Han character (`data/names/han_readings.toml`,
/// generated from PyPI packages by `scripts/gen-han-readings.py`, provenance in the file).
struct ReadingTables {
    cantonese: FastMap<char, Box<str>>,
    /// Hangul syllables, one per reading, most usual first.
    korean: FastMap<char, Box<[char]>>,
}

/// Pinyin where `deunicode` gives no reading of the character, or a rare one (汉 "yi" → han,
/// 宁 "zhu" → ning, 叶 "xie" → ye): field `mandarin` of the same file, loaded on its own (every
/// Han list name is read in Mandarin when the index is built; the Cantonese and Korean tables
/// are only needed for Han queries).
fn mandarin_table() -> &'static FastMap<char, Box<str>> {
    static T: OnceLock<FastMap<char, Box<str>>> = OnceLock::new();
    T.get_or_init(|| {
        #[derive(serde::Deserialize, Default)]
        struct Raw {
            #[serde(default)]
            mandarin: String,
        }
        let raw: Raw = serde_json::from_str(crate::embedded!("names/han_readings")).unwrap_or_default();
        char_items(&raw.mandarin).map(|(c, r)| (c, r.into())).collect()
    })
}

/// The items of a readings table: one character followed by its reading ("王wong 國gwok").
fn char_items(s: &str) -> impl Iterator<Item = (char, &str)> {
    s.split(' ').filter_map(|it| {
        let mut cs = it.chars();
        let c = cs.next()?;
        let rest = cs.as_str();
        (!rest.is_empty()).then_some((c, rest))
    })
}

/// Hokkien readings per Han character (`data/names/han_hokkien_readings.toml`, generated from
/// PyPI taibun by `scripts/gen-hokkien-readings.py`, provenance in the file).
fn hokkien_table() -> &'static FastMap<char, Box<str>> {
    static T: OnceLock<FastMap<char, Box<str>>> = OnceLock::new();
    T.get_or_init(|| {
        #[derive(serde::Deserialize, Default)]
        struct Raw {
            hokkien: String,
        }
        let raw: Raw = serde_json::from_str(crate::embedded!("names/han_hokkien_readings")).unwrap_or_default();
        char_items(&raw.hokkien).map(|(c, r)| (c, r.into())).collect()
    })
}

/// The readings each kanji takes in Japanese personal names, as matching keys ([`ja_key`]), most
/// used first (`data/names/ja_name_readings.toml`, learnt from JMnedict by
/// `scripts/gen-ja-name-readings.py`, provenance and licence in the file).
fn ja_name_readings() -> &'static FastMap<char, Box<[Box<str>]>> {
    static T: OnceLock<FastMap<char, Box<[Box<str>]>>> = OnceLock::new();
    T.get_or_init(|| {
        #[derive(serde::Deserialize, Default)]
        struct Raw {
            readings: String,
        }
        let raw: Raw = serde_json::from_str(crate::embedded!("names/ja_name_readings")).unwrap_or_default();
        raw.readings
            .split(' ')
            .filter_map(|it| {
                let (c, rs) = it.split_once(':')?;
                let mut cs = c.chars();
                let c = cs.next().filter(|_| cs.as_str().is_empty())?;
                Some((c, rs.split(',').filter(|r| !r.is_empty()).map(Into::into).collect()))
            })
            .collect()
    })
}

/// The key a Japanese name word in Latin letters is matched by against the readings of
/// [`ja_name_readings`] (the generator keys the readings alike): long vowels shortened as lists
/// write them (Shōroku, Shouroku, Shohroku → shoroku; Ōno, Oono, Ohno → ono), m before b, p or m
/// written n (Hombu / Honbu). None unless the word is in lower-case ASCII letters.
pub fn ja_key(w: &str) -> Option<String> {
    let b = w.as_bytes();
    if b.is_empty() || !b.iter().all(u8::is_ascii_lowercase) {
        return None;
    }
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    let mut out = String::with_capacity(w.len());
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        // oh before a consonant or at the end is a long o
        if c == b'h' && i > 0 && b[i - 1] == b'o' && b.get(i + 1).is_none_or(|&n| !vowel(n) && n != b'y') {
            i += 1;
            continue;
        }
        // a doubled vowel (ou, oo, uu, aa, ii, ee) is one long vowel
        if vowel(c) && i > 0 && (b[i - 1] == c || (b[i - 1] == b'o' && c == b'u')) && out.ends_with(b[i - 1] as char) {
            i += 1;
            continue;
        }
        if c == b'm' && matches!(b.get(i + 1), Some(b'b' | b'p' | b'm')) {
            out.push('n');
        } else {
            out.push(c as char);
        }
        i += 1;
    }
    Some(out)
}

/// Whether `key` is spelt by the kanji `chars`, one reading of [`ja_name_readings`] each, in
/// order.
fn ja_spells(chars: &[char], key: &str) -> bool {
    let Some((c, rest)) = chars.split_first() else {
        return key.is_empty();
    };
    ja_name_readings()
        .get(c)
        .is_some_and(|rs| rs.iter().any(|r| key.strip_prefix(&**r).is_some_and(|k| ja_spells(rest, k))))
}

/// The Japanese reading of a name in kanji (`han`: two to six characters, separators aside, each
/// in the table) that spells the Latin name `words` (one to three words, in either order:
/// lists write "TAKAYAMA, Kiyoshi" and "Kiyoshi Takayama"), or None. The kanji are split into
/// one run per word, in order, and each run must spell its word with one name reading per
/// kanji ([`ja_name_readings`]); the reading is the Latin words in the kanji's order. A name
/// read this way is one the Latin name can be read from, not the only reading: the pair
/// comparison scores it beside the Chinese and Korean ones.
pub fn japanese_reading(han: &str, words: &[&str]) -> Option<String> {
    let chars: Vec<char> = han.chars().filter(|c| !c.is_whitespace()).collect();
    if !(2..=6).contains(&chars.len()) || words.is_empty() || words.len() > 3 || words.len() > chars.len() {
        return None;
    }
    let t = ja_name_readings();
    if !chars.iter().all(|c| t.contains_key(c)) {
        return None;
    }
    let keys: Vec<String> = words.iter().map(|w| ja_key(w).filter(|k| k.len() >= 2)).collect::<Option<_>>()?;
    // Cuts of the kanji into `n` runs, tried for the words in order and reversed.
    fn split(chars: &[char], keys: &[&str]) -> bool {
        match keys.split_first() {
            None => chars.is_empty(),
            Some((k, rest)) => {
                (1..=chars.len() - rest.len()).any(|m| ja_spells(&chars[..m], k) && split(&chars[m..], rest))
            }
        }
    }
    let fwd: Vec<&str> = keys.iter().map(String::as_str).collect();
    if split(&chars, &fwd) {
        return Some(words.join(" "));
    }
    let rev: Vec<&str> = fwd.iter().rev().copied().collect();
    (words.len() > 1 && split(&chars, &rev)).then(|| words.iter().rev().copied().collect::<Vec<_>>().join(" "))
}

/// Japanese readings of a name in kanji only to screen it by, when no Latin name is there to
/// guide the reading ([`japanese_reading`]): the names its kanji (two to four, each in the
/// table) spell with each kanji's three most used name readings (two for four kanji), cut into
/// a surname and a given name (three letters each or more, nine in all: one-word and short
/// readings of two-character Chinese names met "SATA" and "TAN S.A."), both orders — at most
/// `max`. The screening index looks them up as exact names of persons only.
pub fn japanese_reading_guesses(han: &str, max: usize) -> Vec<String> {
    let chars: Vec<char> = han.chars().filter(|c| !c.is_whitespace()).collect();
    let t = ja_name_readings();
    if !(2..=4).contains(&chars.len()) || !chars.iter().all(|c| char_script(*c) == Some(Script::Han)) {
        return Vec::new();
    }
    let top = if chars.len() == 4 { 2 } else { 3 };
    let Some(per): Option<Vec<&[Box<str>]>> =
        chars.iter().map(|c| t.get(c).map(|rs| &rs[..rs.len().min(top)])).collect()
    else {
        return Vec::new();
    };
    // every spelling, one reading per kanji, with where each kanji's reading ends
    let mut spellings: Vec<(String, Vec<usize>)> = vec![(String::new(), Vec::new())];
    for rs in &per {
        spellings = spellings
            .iter()
            .flat_map(|(s, ends)| {
                rs.iter().map(move |r| {
                    let mut e = ends.clone();
                    e.push(s.len() + r.len());
                    (format!("{s}{r}"), e)
                })
            })
            .collect();
    }
    let mut out = Vec::new();
    for (s, ends) in &spellings {
        if out.len() >= max {
            break;
        }
        for &cut in &ends[..ends.len() - 1] {
            if cut >= 3 && s.len() - cut >= 3 && s.len() >= 9 {
                out.push(format!("{} {}", &s[..cut], &s[cut..]));
                out.push(format!("{} {}", &s[cut..], &s[..cut]));
            }
        }
    }
    out.truncate(max);
    out
}

fn reading_tables() -> &'static ReadingTables {
    static T: OnceLock<ReadingTables> = OnceLock::new();
    T.get_or_init(|| {
        #[derive(serde::Deserialize, Default)]
        struct Raw {
            cantonese: String,
            korean: String,
        }
        let raw: Raw = serde_json::from_str(crate::embedded!("names/han_readings")).unwrap_or_default();
        ReadingTables {
            cantonese: char_items(&raw.cantonese).map(|(c, r)| (c, r.into())).collect(),
            korean: char_items(&raw.korean).map(|(c, r)| (c, r.chars().collect())).collect(),
        }
    })
}

/// Transliterates the non-Latin runs of `s` with the script's own rules (see the module doc);
/// Latin and other scripts pass through (folded later by `deunicode`).
pub fn romanize(s: &str) -> String {
    romanize_as(s, HanReading::Mandarin)
}

/// [`romanize`], reading Han characters as `reading`.
pub fn romanize_as(s: &str, reading: HanReading) -> String {
    if s.is_ascii() {
        return s.to_string();
    }
    // Punctuation closing the name ("陳修信,", "金太郎。") does not make it two words.
    let s = s.trim().trim_end_matches([',', '.', '。', '、', '，']);
    let chars: Vec<char> = s.chars().collect();
    // A CJK name in one word (no space or separator): surname and given name are split.
    let one_word = !s.chars().any(|c| c.is_whitespace() || is_name_dot(c) || matches!(c, '-' | ','));
    // Words joined by a middle dot: a foreign name transcribed by sound ("科里·加德納" Cory Gardner).
    let dotted = s.chars().any(is_name_dot);
    if reading.in_translation() && reads_org_in_translation(s) {
        return romanize_org_in_translation(s, reading == HanReading::Translation);
    }
    let persian = reading == HanReading::Persian || s.chars().any(is_persian_letter);
    // A Persian or Arabic organisation name: read word by word, its organisation words in English.
    if reads_arabic_org(s) {
        return romanize_arabic_org(s, persian);
    }
    // A name with kana is Japanese: a run of kanji in it that is all organisation words is read
    // in English (`kanji_org_words`).
    let japanese = chars.iter().any(|&c| char_script(c) == Some(Script::Kana));
    let mut out = String::with_capacity(s.len() * 2);
    let mut i = 0;
    while i < chars.len() {
        let sc = char_script(chars[i]);
        // A run of one script, including the marks / joiners inside it.
        let mut j = i + 1;
        if let Some(sc) = sc {
            while j < chars.len() && (char_script(chars[j]) == Some(sc) || is_inner_mark(sc, chars[j])) {
                j += 1;
            }
        }
        let run = &chars[i..j];
        match sc {
            Some(Script::Hangul) => hangul(run, one_word, &mut out),
            Some(Script::Kana) => kana(run, &mut out),
            Some(Script::Han) => {
                let inner = i > 0 && is_name_dot(chars[i - 1]) && chars.get(j).is_some_and(|&c| is_name_dot(c));
                match han_particle(run).filter(|_| inner && reading == HanReading::Mandarin) {
                    Some(p) => {
                        out.push(' ');
                        out.push_str(p);
                        out.push(' ');
                    }
                    None => match kanji_org_words(run).filter(|_| japanese && reading == HanReading::Mandarin) {
                        Some(words) => {
                            out.push_str(&words);
                            out.push(' ');
                        }
                        None => han(run, one_word, dotted, reading, &mut out),
                    },
                }
            }
            Some(Script::Greek) => greek(run, &mut out),
            Some(Script::Hebrew) => hebrew(run, &mut out),
            Some(Script::Arabic) => arabic(run, persian, &mut out),
            Some(Script::Thai) => thai(run, &mut out),
            _ => {
                if chars[i] == '・' || chars[i] == '·' || chars[i] == '•' || chars[i] == '‧' {
                    out.push(' ');
                } else {
                    // Azerbaijani schwa (Məmmədov, Əliyev): `deunicode` reads it "@", which split
                    // the word ("m mm dh s nov"); Latin and Russian spellings write e or a, and
                    // every vowel is alike in the loose key (docs/MATCHING.md, § Fresh held-out)
                    out.extend(run.iter().map(|&c| if c == 'ə' || c == 'Ə' { 'e' } else { c }));
                }
            }
        }
        i = j;
    }
    out
}

fn is_inner_mark(sc: Script, c: char) -> bool {
    match sc {
        Script::Hebrew => matches!(c, '\'' | '׳' | '`' | '’') || ('\u{0591}'..='\u{05C7}').contains(&c),
        Script::Arabic => ('\u{064B}'..='\u{065F}').contains(&c) || c == '\u{0670}' || c == '\u{0640}',
        Script::Thai => false,
        Script::Kana => c == 'ー' || c == '\u{3099}' || c == '\u{309A}',
        Script::Greek => ('\u{0300}'..='\u{036F}').contains(&c),
        _ => false,
    }
}

// ---------------------------------------------------------------- Hangul
const H_L: [&str; 19] =
    ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"];
const H_V: [&str; 21] = [
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "eu",
    "ui", "i",
];
const H_T: [&str; 28] = [
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "p", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t",
    "t", "k", "t", "p", "t",
];
/// Two-syllable Korean surnames (a name word starting with one keeps both syllables together).
const H_SURNAME2: &[&str] = &["남궁", "황보", "제갈", "선우", "독고", "사공", "서문", "동방", "을지", "망절"];
/// Surnames whose usual Latin spelling the loose key cannot reach from RR (initial vowel or l/r).
fn hangul_surname(syl: char) -> Option<&'static str> {
    Some(match syl {
        '이' => "lee",
        '리' => "lee",
        '임' => "lim",
        '림' => "lim",
        '유' => "yoo",
        '류' => "ryu",
        '노' => "roh",
        '로' => "roh",
        '오' => "oh",
        '우' => "woo",
        '윤' => "yoon",
        '양' => "yang",
        '여' => "yeo",
        '염' => "yeom",
        '엄' => "um",
        '안' => "ahn",
        '육' => "yook",
        '은' => "eun",
        '인' => "in",
        '어' => "eo",
        '왕' => "wang",
        '원' => "won",
        '위' => "wi",
        '예' => "ye",
        '용' => "yong",
        '연' => "yeon",
        '옥' => "ok",
        _ => return None,
    })
}

fn hangul_syllable(c: char, out: &mut String) {
    let u = c as u32;
    if (0xAC00..=0xD7A3).contains(&u) {
        let s = u - 0xAC00;
        out.push_str(H_L[(s / 588) as usize]);
        out.push_str(H_V[((s % 588) / 28) as usize]);
        out.push_str(H_T[(s % 28) as usize]);
    } else {
        out.push_str(deunicode::deunicode_char(c).unwrap_or("").trim());
    }
}

/// Korean organisation-name words and places with their English renderings
/// (`data/names/korean_org_words.toml`): word → (English, is a trade word), and the longest
/// word's length in syllables.
fn korean_org_words() -> &'static TradeWords {
    static T: OnceLock<TradeWords> = OnceLock::new();
    T.get_or_init(|| TradeWords::from_json(crate::embedded!("names/korean_org_words")))
}

/// A word of a trade word's English rendering in `data/names/korean_org_words.toml` ("trading",
/// "bank"): in a name written in Hangul it can only come from [`hangul_org`]'s reading.
pub fn is_korean_org_word(w: &str) -> bool {
    static W: OnceLock<std::collections::HashSet<Box<str>>> = OnceLock::new();
    W.get_or_init(|| {
        korean_org_words()
            .words
            .values()
            .filter(|(_, trade)| *trade)
            .flat_map(|(en, _)| en.split(' ').map(Box::from))
            .collect()
    })
    .contains(w)
}

/// A place's English name in `data/names/korean_org_words.toml` ("korea", "pyongyang"), or
/// "korean", the adjective English names of Korean bodies use ("Korean Committee for Space
/// Technology" / "조선우주공간기술위원회").
pub fn is_korean_place_word(w: &str) -> bool {
    static W: OnceLock<std::collections::HashSet<Box<str>>> = OnceLock::new();
    w == "korean"
        || W.get_or_init(|| {
            korean_org_words()
                .words
                .values()
                .filter(|(_, trade)| !*trade)
                .flat_map(|(en, _)| en.split(' ').map(Box::from))
                .collect()
        })
        .contains(w)
}

/// A Korean organisation name in Hangul, read word by word: organisation words in English,
/// places by their English names, the rest romanised between them ("조선금산무역회사" → "korea
/// geumsan trading company"). A one-syllable word (부 department, 성 ministry, 국 bureau, 핵
/// nuclear) counts only at the end of the run. None when the run holds no trade word of two or
/// more syllables, or when it is shaped like a person's name (a whole name of at most four
/// syllables whose words leave one syllable: "김은행" stays a surname and a given name).
fn hangul_org(run: &[char], whole: bool) -> Option<String> {
    if run.len() < 2 || !run.iter().all(|c| (0xAC00..=0xD7A3).contains(&(*c as u32))) {
        return None;
    }
    let parts = korean_org_words().segment(run, true, &[]);
    // A place alone in a run, in a name of several words ("코리아 Ryongwang 무역회사"): its
    // English name.
    let lone_place = !whole && parts.len() == 1 && parts[0].len == run.len() && !parts[0].trade;
    if !lone_place && !parts.iter().any(|p| p.trade && p.len >= 2) {
        return None;
    }
    let covered: usize = parts.iter().map(|p| p.len).sum();
    if whole && run.len() <= 4 && run.len() - covered <= 1 && parts.len() == 1 {
        return None;
    }
    Some(render_org(run, &parts, hangul_syllable))
}

fn hangul(run: &[char], whole: bool, out: &mut String) {
    if let Some(org) = hangul_org(run, whole) {
        out.push_str(&org);
        out.push(' ');
        return;
    }
    out.push(' ');
    let syl: Vec<char> = run.iter().copied().filter(|c| (0xAC00..=0xD7A3).contains(&(*c as u32))).collect();
    // A Korean personal name is 2–4 syllables in one word: surname, then the given name.
    if whole && (2..=4).contains(&syl.len()) && syl.len() == run.len() {
        let two: String = syl[..2].iter().collect();
        let k = if syl.len() >= 3 && H_SURNAME2.contains(&two.as_str()) { 2 } else { 1 };
        if k == 1 {
            if let Some(s) = hangul_surname(syl[0]) {
                out.push_str(s);
            } else {
                hangul_syllable(syl[0], out);
            }
        } else {
            syl[..2].iter().for_each(|&c| hangul_syllable(c, out));
        }
        out.push(' ');
        for &c in &syl[k..] {
            // The syllable 우 in a given name is written woo, as Korean names are spelt in English
            // ("김영우" Kim Young-woo; RR's bare u runs it into the syllable before: "yeongu").
            // Not 운 / 욱 / 웅, which North Korean names spell un / uk / ung ("김동운" Kim Tong-un).
            if c == '우' {
                out.push('w');
            }
            hangul_syllable(c, out);
        }
    } else {
        run.iter().for_each(|&c| hangul_syllable(c, out));
    }
    out.push(' ');
}

// ---------------------------------------------------------------- Kana
/// Katakana U+30A1..=U+30FA in Hepburn (small kana marked with a leading `_`).
const KATA: [&str; 90] = [
    "_a", "a", "_i", "i", "_u", "u", "_e", "e", "_o", "o", "ka", "ga", "ki", "gi", "ku", "gu", "ke", "ge", "ko", "go",
    "sa", "za", "shi", "ji", "su", "zu", "se", "ze", "so", "zo", "ta", "da", "chi", "ji", "*", "tsu", "zu", "te", "de",
    "to", "do", "na", "ni", "nu", "ne", "no", "ha", "ba", "pa", "hi", "bi", "pi", "fu", "bu", "pu", "he", "be", "pe",
    "ho", "bo", "po", "ma", "mi", "mu", "me", "mo", "_ya", "ya", "_yu", "yu", "_yo", "yo", "ra", "ri", "ru", "re",
    "ro", "_wa", "wa", "i", "e", "o", "n", "vu", "ka", "ke", "va", "vi", "ve", "vo",
];

/// English words of organisation names as katakana writes them (the Cabinet notice 外来語の表記,
/// 1991, and the katakana names Japanese lists give foreign firms: "エレクトロ・サナム・カンパニー"
/// Electro Sanam Company, "バンク・オブ・イースト・ランド" Bank of East Land): a katakana word that is
/// one of them is read in English, as the Chinese and Korean trade words are.
const KATAKANA_ORG_WORDS: &[(&str, &str)] = &[
    ("カンパニー", "company"),
    ("コーポレーション", "corporation"),
    ("コーポレイション", "corporation"),
    ("リミテッド", "limited"),
    ("バンク", "bank"),
    ("グループ", "group"),
    ("ホールディングス", "holdings"),
    ("ホールディング", "holding"),
    ("シッピング", "shipping"),
    ("トレーディング", "trading"),
    ("インターナショナル", "international"),
    ("インダストリーズ", "industries"),
    ("インダストリー", "industry"),
    ("エンタープライズ", "enterprise"),
    ("テクノロジー", "technology"),
    ("テクノロジーズ", "technologies"),
    ("エレクトロニクス", "electronics"),
    ("エンジニアリング", "engineering"),
    ("サービス", "services"),
    ("システムズ", "systems"),
    ("ロジスティクス", "logistics"),
    ("インベストメント", "investment"),
    ("ファイナンス", "finance"),
    ("ケミカル", "chemical"),
    ("マリン", "marine"),
    ("エアラインズ", "airlines"),
    ("オブ", "of"),
    ("アンド", "and"),
];

fn kana(run: &[char], out: &mut String) {
    out.push(' ');
    let mut w = String::new();
    // the current word in katakana, for KATAKANA_ORG_WORDS
    let mut kw = String::new();
    let flush = |w: &mut String, kw: &mut String, out: &mut String| {
        match KATAKANA_ORG_WORDS.iter().find(|(k, _)| *k == kw.as_str()) {
            Some((_, en)) => out.push_str(en),
            None => out.push_str(w),
        }
        w.clear();
        kw.clear();
    };
    let mut gem = false;
    for &c in run {
        let mut u = c as u32;
        if (0x3041..=0x3096).contains(&u) {
            u += 0x60; // hiragana → katakana
        }
        if c != '・' && c != '゠' && c != '=' && c != '＝' {
            kw.push(char::from_u32(u).unwrap_or(c));
        }
        if (0x30A1..=0x30FA).contains(&u) {
            let r = KATA[(u - 0x30A1) as usize];
            if r == "*" {
                gem = true;
                continue;
            }
            if let Some(small) = r.strip_prefix('_') {
                // yōon / foreign sounds: replace the vowel of the previous syllable.
                if w.ends_with(|c: char| "aeiou".contains(c)) && !w.is_empty() {
                    let base_i = w.ends_with('i');
                    w.pop();
                    if small.starts_with('y') && base_i && (w.ends_with("sh") || w.ends_with("ch") || w.ends_with('j'))
                    {
                        w.push_str(&small[1..]);
                    } else if small.starts_with('y') {
                        if !base_i {
                            w.push('u');
                        }
                        w.push_str(small);
                    } else if w.is_empty() || w.ends_with(|c: char| "aeiou".contains(c)) {
                        // ウィ wi, ウェ we, ウォ wo
                        w.push('w');
                        w.push_str(small);
                    } else {
                        w.push_str(small);
                    }
                } else {
                    w.push_str(small);
                }
                continue;
            }
            if gem {
                if let Some(f) = r.chars().next().filter(|c| !"aeiou".contains(*c)) {
                    if r.starts_with("ch") {
                        w.push('t');
                    } else {
                        w.push(f);
                    }
                }
                gem = false;
            }
            w.push_str(r);
        } else if c == 'ー' || u == 0x3099 || u == 0x309A {
            // long vowel: not written in Latin names
        } else if c == '・' || c == '゠' || c == '=' || c == '＝' {
            flush(&mut w, &mut kw, out);
            out.push(' ');
        } else {
            w.push_str(deunicode::deunicode_char(c).unwrap_or("").trim());
        }
    }
    flush(&mut w, &mut kw, out);
    out.push(' ');
}

// ---------------------------------------------------------------- Han
const HAN_SURNAME2: &[&str] = &[
    "欧阳", "歐陽", "司马", "司馬", "诸葛", "諸葛", "上官", "慕容", "司徒", "夏侯", "东方", "東方", "皇甫", "尉迟",
    "公孙",
];

/// The particles of European and Arabic names as Chinese transcription writes them, as a word of
/// their own between middle dots ("恩斯特·乌尔利希·冯·魏茨泽克" Ernst Ulrich von Weizsäcker,
/// "夏尔·德·戴高乐" Charles de Gaulle, "塔雷克·埃尔·艾萨米" Tareck El Aissami): read as the particle,
/// which the Latin spelling also writes and weighs as one (Xinhua News Agency's naming
/// handbooks, 世界人名翻译大辞典, write von 冯, van 范, de 德, el 埃尔, ibn 伊本). Only a whole
/// word between two dots is read so: 德 elsewhere is the syllable de ("加德纳" Gardner).
fn han_particle(run: &[char]) -> Option<&'static str> {
    const PARTICLES: &[(&str, &str)] = &[
        ("冯", "von"),
        ("馮", "von"),
        ("范", "van"),
        ("凡", "van"),
        ("德", "de"),
        ("迪", "di"),
        ("达", "da"),
        ("達", "da"),
        ("杜", "du"),
        ("勒", "le"),
        ("拉", "la"),
        ("埃尔", "el"),
        ("埃爾", "el"),
        ("伊本", "ibn"),
        ("本", "bin"),
    ];
    let w: String = run.iter().collect();
    PARTICLES.iter().find(|(h, _)| *h == w).map(|&(_, p)| p)
}

/// Common Chinese (and Korean / Vietnamese Han) surnames, simplified and traditional: a one-word
/// name of 2–4 characters starting with one is split into surname + given name; any other is a
/// transliterated foreign name ("加德納" Gardner) and stays one word.
/// (The hundred most common surnames of the mainland, then others. Session 14 added common
/// Taiwanese and southern ones that rarely begin a transcribed foreign name — 管 涂 颜 倪 游 庄
/// 连 蓝 欧: old set dev +2 pairs, "管碧玲" / Bi-Ling Kuan; not 卓 施 柯 詹 赖 简, which do —
/// "卓別林" Chaplin, "施万恩斯" Schweins were lost with them.)
const HAN_SURNAMES: &str = "王李张張刘劉陈陳杨楊黄黃赵趙吴吳周徐孙孫马馬朱胡郭何高林罗羅郑鄭梁谢謝宋唐许許韩韓冯馮邓鄧曹彭曾肖萧蕭田董袁潘于蒋蔣蔡余杜叶葉程苏蘇魏吕呂丁任沈姚卢盧姜崔钟鍾谭譚陆陸汪范金石廖贾賈夏韦韋付方白邹鄒孟熊秦邱江尹薛闫閻段雷侯龙龍史陶黎贺賀顾顧毛郝龚龔邵万萬钱錢严嚴覃武戴莫孔向汤湯温溫洪翁朴柳黎阮裴吳鄧胡單单岑翟申安文习習温管涂塗颜顏倪游庄莊连連蓝藍欧歐";

/// Whether a name in Han characters begins with a common Chinese surname of [`HAN_SURNAMES`]
/// (the Mandarin reading then splits it into surname and given name).
pub(crate) fn begins_with_han_surname(native: &str) -> bool {
    native.chars().next().is_some_and(|c| is_han_surname(c, HanReading::Mandarin))
}

/// A surname that splits a one-word Han name of 2–4 characters in `reading`: those of
/// [`HAN_SURNAMES`] in every reading, and outside Mandarin also those of
/// [`HAN_SURNAMES_CANTONESE_KOREAN`].
fn is_han_surname(c: char, reading: HanReading) -> bool {
    HAN_SURNAMES.contains(c) || (reading != HanReading::Mandarin && HAN_SURNAMES_CANTONESE_KOREAN.contains(c))
}

/// Pinyin of one character (`deunicode`, or the table's reading where `deunicode` has none or a
/// rare one: `data/names/han_readings.toml`, `mandarin`); Wade–Giles meets it in the loose key. A few
/// characters get the reading they have in names and in transcribed foreign names where
/// `deunicode` gives a rare one: 万 wan (not mo: "伊万" Ivan), 卡 ka (not qia: "卡列林"
/// Karelin), 什 shi (not shen: "阿什沃斯" Ashworth), 娜 na (not nuo: "塔季扬娜" Tatyana).
fn pinyin(c: char) -> String {
    match c {
        '万' => return "wan".into(),
        '卡' => return "ka".into(),
        '什' => return "shi".into(),
        '娜' => return "na".into(),
        _ => {}
    }
    if let Some(r) = mandarin_table().get(&c) {
        return r.to_string();
    }
    deunicode::deunicode_char(c).unwrap_or("").trim().to_ascii_lowercase()
}

/// Surnames of Hong Kong (Cantonese) and Korean (hanja) names that the Mandarin list above
/// lacks; only read as surnames in those two readings.
const HAN_SURNAMES_CANTONESE_KOREAN: &str =
    "區歐麥霍伍鄺甄關凌利容簡游尤湛鮑祁屈巫柯莊戚紀權全裵南河成車禹具閔池元千玄咸邊廉卞魯都愼辛奇琴睦慶殷片秋卓太奉表甘桂陰俞庾宣吉延魚夫印";

/// Korean surname syllables, most frequent first: for a character with more than one Hangul
/// reading (金 금 / 김), the surname position takes the one listed first here.
const KOREAN_SURNAME_SYL: &str = "김이리박최정강조윤장임림한오서신권황안송류유전홍고문양손배백허남심노로하곽성차주우구민진나지엄변채원천방공현함염석추도소설선마길연위표명기반왕금옥육인맹제모탁국어은편용";

/// Pinyin of a character in a transcribed foreign name: the initials j, q and x stand for the
/// sounds the transcription tables give them ("加德納" jia-de-na Gardner, "吉佛斯" ji-fo-si
/// Giffords, "维奇" wei-qi -vich, "古谢夫" gu-xie-fu Gusev): j is read g (gi before u: a soft g,
/// which the loose key puts near both k and j), q ch and x s. Without this a mid-word x reads ks
/// and j is far from g in the loose key.
fn pinyin_transcribed(c: char) -> String {
    let p = pinyin(c);
    let mut out = String::with_capacity(p.len() + 1);
    match p.as_bytes().first() {
        Some(b'j') => out.push_str(if p.as_bytes().get(1) == Some(&b'u') { "gi" } else { "g" }),
        Some(b'q') => out.push_str("ch"),
        Some(b'x') => out.push('s'),
        _ => return p,
    }
    out.push_str(&p[1..]);
    out
}

/// Organisation-name words and places of one script with their English renderings
/// (`data/names/han_trade_words.toml`, `data/names/korean_org_words.toml`): word → (English,
/// is a trade word), and the longest word's length in characters.
struct TradeWords {
    words: FastMap<Box<str>, (Box<str>, bool)>,
    longest: usize,
}

/// A word of an organisation name found by [`TradeWords::segment`]: `len` characters from `at`,
/// its English, whether it is a trade word (else a place), and how many characters after it
/// are dropped with it (the 市 / 省 after a Chinese place).
struct OrgPart<'a> {
    at: usize,
    len: usize,
    en: &'a str,
    trade: bool,
    dropped: usize,
}

impl TradeWords {
    /// The table from its embedded JSON (`trade` and `places`: "word:english_words" items);
    /// an empty table if it does not parse (the embedded file is checked by the data tests).
    fn from_json(json: &str) -> TradeWords {
        #[derive(serde::Deserialize, Default)]
        struct Raw {
            trade: String,
            places: String,
        }
        let raw: Raw = serde_json::from_str(json).unwrap_or_default();
        let mut t = TradeWords { words: Default::default(), longest: 0 };
        t.insert_items(&raw.trade, true);
        t.insert_items(&raw.places, false);
        t
    }

    /// Adds "word:english_words" items (underscore for a space), trade words or places.
    fn insert_items(&mut self, text: &str, trade: bool) {
        for it in text.split_whitespace() {
            if let Some((word, en)) = it.split_once(':') {
                self.longest = self.longest.max(word.chars().count());
                self.words.insert(word.into(), (en.replace('_', " ").into(), trade));
            }
        }
    }

    /// The table's words in `run`, longest first from left to right. Words are two or more
    /// characters long, or one at the run's end when `one_at_end`; after a place, a character of
    /// `dropped_after_place` is dropped with it.
    fn segment(&self, run: &[char], one_at_end: bool, dropped_after_place: &[char]) -> Vec<OrgPart<'_>> {
        let shortest = if one_at_end { 1 } else { 2 };
        let mut parts = Vec::new();
        let mut i = 0;
        let mut buf = String::new();
        while i < run.len() {
            let mut hit = None;
            for n in (shortest..=self.longest.min(run.len() - i)).rev() {
                if n == 1 && i + 1 != run.len() {
                    break;
                }
                buf.clear();
                buf.extend(&run[i..i + n]);
                if let Some((en, trade)) = self.words.get(buf.as_str()) {
                    hit = Some((n, &**en, *trade));
                    break;
                }
            }
            match hit {
                Some((len, en, trade)) => {
                    let dropped =
                        usize::from(!trade && run.get(i + len).is_some_and(|c| dropped_after_place.contains(c)));
                    parts.push(OrgPart { at: i, len, en, trade, dropped });
                    i += len + dropped;
                }
                None => i += 1,
            }
        }
        parts
    }
}

/// An organisation name read word by word: the parts' English, and the characters between
/// them romanised by `romanize`, joined by spaces.
fn render_org(run: &[char], parts: &[OrgPart<'_>], romanize: impl Fn(char, &mut String)) -> String {
    let mut out = String::new();
    let mut at = 0;
    for p in parts {
        if p.at > at {
            out.push(' ');
            run[at..p.at].iter().for_each(|&c| romanize(c, &mut out));
        }
        out.push(' ');
        out.push_str(p.en);
        at = p.at + p.len + p.dropped;
    }
    if at < run.len() {
        out.push(' ');
        run[at..].iter().for_each(|&c| romanize(c, &mut out));
    }
    out
}

fn trade_words() -> &'static TradeWords {
    static T: OnceLock<TradeWords> = OnceLock::new();
    T.get_or_init(|| TradeWords::from_json(crate::embedded!("names/han_trade_words")))
}

/// Whether `raw` is read in translation: a run of its Han characters by the Mandarin reading's
/// [`han_org`] ("哈尔滨工业大学" → "harbin university of technology") or of its Hangul by
/// [`hangul_org`] ("조선금산무역회사" → "korea geumsan trading company"): an organisation name
/// whose agreement with a Latin name is then on words, not only on sounds.
pub fn reads_in_translation(raw: &str) -> bool {
    if raw.chars().any(is_name_dot) {
        return false;
    }
    if reads_arabic_org(raw) {
        return true;
    }
    let whole = raw.split_whitespace().count() == 1;
    let mut run: Vec<char> = Vec::new();
    let mut run_script = None;
    for c in raw.chars().chain(std::iter::once(' ')) {
        let s = char_script(c).filter(|s| matches!(s, Script::Han | Script::Hangul));
        if s.is_some() && s == run_script {
            run.push(c);
            continue;
        }
        let translated = match run_script {
            Some(Script::Han) => han_org(&run).is_some(),
            Some(Script::Hangul) => hangul_org(&run, whole).is_some(),
            _ => false,
        };
        if translated {
            return true;
        }
        run.clear();
        run_script = s;
        run.extend(s.map(|_| c));
    }
    false
}

/// A run of kanji in a Japanese name that is nothing but organisation words of the trade table,
/// in English ("株式会社" → "jsc", "造船所" → "shipyard", "電気機械工場" → "electromechanical
/// plant"): Japanese writes a foreign firm's own name in katakana between such words
/// ("株式会社ゼレノドリスク造船所" / JSC Zelenodolsk Shipyard). None when a character is left over.
fn kanji_org_words(run: &[char]) -> Option<String> {
    if run.len() < 2 {
        return None;
    }
    let parts = trade_words().segment(run, false, &[]);
    let covered: usize = parts.iter().map(|p| p.len + p.dropped).sum();
    (parts.iter().all(|p| p.trade) && covered == run.len())
        .then(|| render_org(run, &parts, |c, out| out.push_str(&pinyin(c))).trim().to_string())
}

/// A Chinese organisation name (five or more characters with at least one trade word), read
/// word by word: trade words in English, places in pinyin, the rest in pinyin joined between
/// them ("山东胜星化工有限公司" → "shandong shengxing chemical co ltd"). None for anything else.
fn han_org(run: &[char]) -> Option<String> {
    if run.len() < 4 {
        return None;
    }
    // "深圳市", "山东省": the city / province word after a place adds nothing
    let parts = trade_words().segment(run, false, &['市', '省']);
    // Four characters are read so only when they are a place and a trade word ("重庆大学"
    // Chongqing University), not a person's name with a word of the table in it.
    if run.len() == 4
        && !(parts.len() == 2
            && !parts[0].trade
            && parts[1].trade
            && parts[0].at == 0
            && parts[0].len + parts[1].len == 4)
    {
        return None;
    }
    // (a bare legal form, "股份有限公司", is a legal-form alias of its own: left as it was)
    if !parts.iter().any(|p| p.trade) || (parts.len() == 1 && parts[0].len == run.len()) {
        return None;
    }
    Some(render_org(run, &parts, |c, out| out.push_str(&pinyin(c))))
}

/// Foreign name words as Chinese writes them by convention rather than by sound
/// (`data/names/han_foreign_name_words.toml`: Malay and Arabic "阿都" abdul, "莫哈末" mohamad;
/// "亚历山大" aleksandr), as a table of words of [`TradeWords`] (all "trade" words).
fn foreign_name_words() -> &'static TradeWords {
    static T: OnceLock<TradeWords> = OnceLock::new();
    T.get_or_init(|| {
        #[derive(serde::Deserialize, Default)]
        struct Raw {
            words: String,
        }
        let raw: Raw = serde_json::from_str(crate::embedded!("names/han_foreign_name_words")).unwrap_or_default();
        let mut t = TradeWords { words: Default::default(), longest: 0 };
        t.insert_items(&raw.words, true);
        t
    })
}

/// A foreign name in Han characters that holds name words of [`foreign_name_words`], read word
/// by word: those words in Latin letters, the characters between them as a transcription
/// ("卡立阿都沙末" → "kali abdul samad"). None when it holds none.
fn han_foreign_name_words(run: &[char]) -> Option<String> {
    let parts = foreign_name_words().segment(run, false, &[]);
    (!parts.is_empty()).then(|| render_org(run, &parts, |c, out| out.push_str(&pinyin_transcribed(c))))
}

fn han(run: &[char], whole: bool, dotted: bool, reading: HanReading, out: &mut String) {
    if reading == HanReading::Mandarin && !dotted {
        if let Some(org) = han_org(run) {
            out.push_str(&org);
            out.push(' ');
            return;
        }
    }
    if reading == HanReading::Korean {
        if let Some(h) = hanja_to_hangul(run, whole) {
            hangul(&h, whole, out);
            return;
        }
    }
    let table = match reading {
        HanReading::Cantonese => Some(&reading_tables().cantonese),
        HanReading::Hokkien => Some(hokkien_table()),
        _ => None,
    };
    let syl = |c: char| match table.and_then(|t| t.get(&c)) {
        Some(r) => r.to_string(),
        None => pinyin(c),
    };
    // Cantonese and Hokkien given names are written syllable by syllable ("Kwok-hing", "Chok
    // Tong"), pinyin ones as one word ("Jinping").
    let sep = if matches!(reading, HanReading::Cantonese | HanReading::Hokkien) { " " } else { "" };
    out.push(' ');
    if whole && (2..=4).contains(&run.len()) && is_han_surname(run[0], reading) {
        let two: String = run[..2].iter().collect();
        let k = if run.len() >= 3 && HAN_SURNAME2.contains(&two.as_str()) { 2 } else { 1 };
        run[..k].iter().for_each(|&c| {
            out.push_str(&syl(c));
            out.push_str(sep);
        });
        out.push(' ');
        run[k..].iter().for_each(|&c| {
            out.push_str(&syl(c));
            out.push_str(sep);
        });
    } else if let Some(words) = (reading == HanReading::Mandarin).then(|| han_foreign_name_words(run)).flatten() {
        out.push_str(&words);
    } else if reading == HanReading::Mandarin && (dotted || (whole && run.len() <= 4)) {
        // A transcribed foreign name (words joined by ·, or one short word that does not begin
        // with a Chinese surname): pinyin initials read as the sounds they transcribe.
        run.iter().for_each(|&c| out.push_str(&pinyin_transcribed(c)));
    } else {
        // A transliterated foreign name: characters render syllables of one word.
        run.iter().for_each(|&c| out.push_str(&syl(c)));
    }
    out.push(' ');
}

/// The Hangul reading of a run of hanja, or None when a character has no Sino-Korean reading.
/// In a one-word name the first character is the surname: of several readings it takes the
/// usual surname one, and an initial ㄹ / ㄴ follows the South Korean initial-sound rule
/// (梁 량 → 양 Yang) unless the surname has its own usual spelling (李 리 Lee, 柳 류 Ryu).
fn hanja_to_hangul(run: &[char], whole: bool) -> Option<Vec<char>> {
    let t = reading_tables();
    let mut h = Vec::with_capacity(run.len());
    for (i, c) in run.iter().enumerate() {
        let rs = t.korean.get(c)?;
        let first = *rs.first()?;
        if i == 0 && whole && run.len() >= 2 {
            let s = rs
                .iter()
                .filter_map(|&r| KOREAN_SURNAME_SYL.chars().position(|x| x == r).map(|p| (p, r)))
                .min()
                .map_or(first, |(_, r)| r);
            h.push(initial_sound_rule(s));
        } else {
            h.push(first);
        }
    }
    Some(h)
}

fn initial_sound_rule(syl: char) -> char {
    let u = syl as u32;
    if hangul_surname(syl).is_some() || !(0xAC00..=0xD7A3).contains(&u) {
        return syl;
    }
    let s = u - 0xAC00;
    let (l, v, t) = (s / 588, (s % 588) / 28, s % 28);
    // i, ya, yae, yeo, ye, yo, yu: ㄹ / ㄴ → ㅇ; other vowels: ㄹ → ㄴ.
    let iotated = matches!(v, 2 | 3 | 6 | 7 | 12 | 17 | 20);
    let l2 = match l {
        5 if iotated => 11,
        5 => 2,
        2 if iotated => 11,
        _ => l,
    };
    char::from_u32(0xAC00 + l2 * 588 + v * 28 + t).unwrap_or(syl)
}

// ---------------------------------------------------------------- Greek
fn greek_base(c: char) -> char {
    match c {
        'ά' | 'Ά' | 'ᾶ' => 'α',
        'έ' | 'Έ' => 'ε',
        'ή' | 'Ή' | 'ῆ' => 'η',
        'ί' | 'Ί' | 'ϊ' | 'ΐ' | 'ῖ' => 'ι',
        'ό' | 'Ό' => 'ο',
        'ύ' | 'Ύ' | 'ϋ' | 'ΰ' | 'ῦ' => 'υ',
        'ώ' | 'Ώ' | 'ῶ' => 'ω',
        'ς' => 'σ',
        c => c.to_lowercase().next().unwrap_or(c),
    }
}

fn greek(run: &[char], out: &mut String) {
    let raw: Vec<char> = run.iter().copied().filter(|c| !('\u{0300}'..='\u{036F}').contains(c)).collect();
    let g: Vec<char> = raw.iter().map(|&c| greek_base(c)).collect();
    // a diaeresis (ϊ, ϋ) keeps two vowels apart: "Ευρωπαϊκή", "Καΐρο".
    let diaer = |k: usize| matches!(raw.get(k), Some('ϊ' | 'ΐ' | 'ϋ' | 'ΰ' | 'Ϊ' | 'Ϋ'));
    let mut i = 0;
    while i < g.len() {
        let (c, n) = (g[i], g.get(i + 1).copied());
        let start = i == 0 || !g[i - 1].is_alphabetic();
        let two = match (c, n) {
            // in names μπ / ντ / γκ are b / d / g at least as often as mb / nd / ng
            ('μ', Some('π')) => Some("b"),
            ('ν', Some('τ')) => Some("d"),
            ('γ', Some('κ')) => Some("g"),
            ('ο', Some('υ')) if !diaer(i + 1) && g.get(i + 2).is_some_and(|c| "αεηιοωά".contains(*c)) => {
                Some("w")
            }
            ('χ', Some(v)) if start && "αεηιουω".contains(v) => {
                out.push('h');
                i += 1;
                continue;
            }
            ('γ', Some('γ')) => Some("ng"),
            ('γ', Some('χ')) => Some("nch"),
            ('τ', Some('ζ')) => Some("tz"),
            ('τ', Some('σ')) => Some("ts"),
            ('ο', Some('υ')) if !diaer(i + 1) => Some("ou"),
            ('α', Some('ι')) if !diaer(i + 1) => Some("e"),
            ('ε', Some('ι')) | ('ο', Some('ι')) if !diaer(i + 1) => Some("i"),
            ('α', Some('υ')) if !diaer(i + 1) => Some("av"),
            ('ε', Some('υ')) if !diaer(i + 1) => Some("ev"),
            _ => None,
        };
        if let Some(t) = two {
            out.push_str(t);
            i += 2;
            continue;
        }
        out.push_str(match c {
            'α' => "a",
            'β' => "v",
            'γ' => "g",
            'δ' => "d",
            'ε' => "e",
            'ζ' => "z",
            'η' => "i",
            'θ' => "th",
            'ι' => "i",
            'κ' => "k",
            'λ' => "l",
            'μ' => "m",
            'ν' => "n",
            'ξ' => "x",
            'ο' => "o",
            'π' => "p",
            'ρ' => "r",
            'σ' => "s",
            'τ' => "t",
            'υ' => "i",
            'φ' => "f",
            'χ' => "ch",
            'ψ' => "ps",
            'ω' => "o",
            _ => deunicode::deunicode_char(c).unwrap_or(""),
        });
        i += 1;
    }
}

// ---------------------------------------------------------------- Hebrew
fn hebrew(run: &[char], out: &mut String) {
    // Points (niqqud) and cantillation are dropped; geresh marks foreign sounds.
    let h: Vec<char> =
        run.iter().copied().filter(|c| !('\u{0591}'..='\u{05C7}').contains(c) || *c == '\u{05F3}').collect();
    let geresh = |k: usize| matches!(h.get(k), Some('\'' | '׳' | '`' | '’'));
    let mut i = 0;
    while i < h.len() {
        let c = h[i];
        let start = i == 0 || !(h[i - 1].is_alphabetic() || i >= 2 && geresh(i - 1) && h[i - 2].is_alphabetic());
        let end = i + 1 >= h.len() || !h[i + 1].is_alphabetic() && !geresh(i + 1);
        if geresh(i + 1) {
            let t = match c {
                'ג' => Some("j"),
                'ז' => Some("zh"),
                'צ' | 'ץ' => Some("ch"),
                'ת' => Some("th"),
                'ד' => Some("dh"),
                'ח' => Some("kh"),
                _ => None,
            };
            if let Some(t) = t {
                out.push_str(t);
                i += 2;
                continue;
            }
        }
        if c == 'ו' && h.get(i + 1) == Some(&'ו') {
            out.push('v');
            i += 2;
            continue;
        }
        if c == 'י' && h.get(i + 1) == Some(&'י') {
            out.push_str(if end { "i" } else { "ei" });
            i += 2;
            continue;
        }
        out.push_str(match c {
            // an alef inside a word is a vowel letter, mostly a (a mater lectionis in foreign
            // and Arabic names: "מארק" mark, "יארי" yari, "דניאל" dnial), and at the end silent
            'א' => {
                if start || !end {
                    "a"
                } else {
                    ""
                }
            }
            'ב' => "v",
            'ג' => "g",
            'ד' => "d",
            'ה' => {
                if end {
                    "a"
                } else {
                    "h"
                }
            }
            'ו' => {
                if start {
                    "v"
                } else {
                    "o"
                }
            }
            'ז' => "z",
            'ח' => "kh",
            'ט' => "t",
            'י' => {
                if start {
                    "y"
                } else {
                    "i"
                }
            }
            // q, not k, before ה: "kh" would read as the letter ח ("כהן" → "qhn", Cohen)
            'כ' if h.get(i + 1) == Some(&'ה') => "q",
            'כ' | 'ך' => "k",
            'ל' => "l",
            'מ' | 'ם' => "m",
            'נ' | 'ן' => "n",
            'ס' => "s",
            'ע' => "",
            'פ' | 'ף' => "p",
            'צ' | 'ץ' => "ts",
            'ק' => "k",
            'ר' => "r",
            'ש' => "sh",
            'ת' => "t",
            '\'' | '׳' | '`' | '’' => "",
            _ => deunicode::deunicode_char(c).unwrap_or(""),
        });
        i += 1;
    }
}

// ---------------------------------------------------------------- Arabic
/// A letter the Persian, Urdu and Pashto alphabets add to the Arabic one (or write in their own
/// form): Farsi yeh and keheh, pe, che, zhe, gaf, Urdu heh goal / doachashmee, yeh barree, tteh,
/// ddal, Pashto letters.
fn is_persian_letter(c: char) -> bool {
    matches!(
        c,
        'ی' | 'ک'
            | 'پ'
            | 'چ'
            | 'ژ'
            | 'گ'
            | 'ہ'
            | 'ۀ'
            | 'ے'
            | 'ٹ'
            | 'ڈ'
            | 'ڑ'
            | 'ں'
            | 'ښ'
            | 'ځ'
            | 'څ'
            | 'ډ'
            | 'ړ'
            | 'ږ'
            | 'ګ'
            | 'ڼ'
            | 'ۍ'
            | 'ې'
    )
}

/// `persian`: the name is written with Persian, Urdu or Pashto letters ([`is_persian_letter`]).
/// Those languages pronounce the Arabic ذ, ض and ظ as z, and Latin spellings of Afghan, Iranian
/// and Pakistani names follow ("ضیا" Zia, "عوض" Ewaz, "ذاکر" Zakir): ALA-LC Romanization Tables,
/// Persian (Library of Congress, 2012): ذ ẕ, ض ż, ظ ẓ — z once the diacritics are dropped, as
/// lists write them. (ث, s in Persian, stays th: Persian also writes a foreign th with it,
/// "ساوثرلند" Southerland, and the loose key puts th near both s and t.) Issue 13, eighth round
/// (docs/MATCHING.md), from alias-set dev failures.
fn arabic(run: &[char], persian: bool, out: &mut String) {
    let a: Vec<char> = run
        .iter()
        .copied()
        .filter(|c| !(('\u{064B}'..='\u{065F}').contains(c) || *c == '\u{0670}' || *c == '\u{0640}'))
        .map(arabic_base)
        .collect();
    let mut i = 0;
    // The letter after a glued article begins the word: "العلي" is al-Ali, "العزاوي" al-Azzawi,
    // with ع read as the vowel Latin writes at the start of a word (below).
    let mut after_article = false;
    while i < a.len() {
        let c = a[i];
        let start = i == 0 || !a[i - 1].is_alphabetic() || std::mem::take(&mut after_article);
        let word_end = |k: usize| a.get(k).is_none_or(|c| !c.is_alphabetic());
        // The word بن / ابن ("son of") in a chain of names is the particle Latin writes bin,
        // ben or ibn (one group in the comparison: `score::particles_agree`), not the letters
        // "bn".
        // عبد ("servant of", the first half of Abd al-X names) glued to the end of the name
        // before it ("محمدعبد البصیر": Mohammad Abdul Basir) begins a word of its own.
        if !start
            && c == 'ع'
            && a.get(i + 1..i + 3) == Some(&['ب', 'د'][..])
            && word_end(i + 3)
            && i >= 3
            && a[i - 3..i].iter().all(|c| c.is_alphabetic())
        {
            out.push_str(" abd");
            i += 3;
            continue;
        }
        if start && c == 'ب' && a.get(i + 1) == Some(&'ن') && word_end(i + 2) {
            out.push_str("bin");
            i += 2;
            continue;
        }
        if start && matches!(c, 'ا' | 'إ') && a.get(i + 1..i + 3) == Some(&['ب', 'ن'][..]) && word_end(i + 3) {
            out.push_str("ibn");
            i += 3;
            continue;
        }
        // The word الله (Allah) is no article + "lh": as a word of its own it is "allah", as
        // Latin writes the theophoric names ("خير الله" Khairullah, "ثناء اللہ" Sanaullah,
        // "عبد الله" Abdullah: joined spans meet the one-word Latin form). docs/MATCHING.md, the
        // OpenSanctions record pairs, dev half.
        if start
            && a.get(i..i + 3) == Some(&['ا', 'ل', 'ل'][..])
            && a.get(i + 3).is_some_and(|c| matches!(c, 'ه' | 'ہ' | 'ھ'))
            && a.get(i + 4).is_none_or(|c| !c.is_alphabetic())
        {
            out.push_str("allah");
            i += 4;
            continue;
        }
        // The article glued to a word: "الحسيني" → "al hsyny" (Latin writes "al-Husseini").
        if start
            && c == 'ا'
            && a.get(i + 1) == Some(&'ل')
            && a.get(i + 2..i + 4).is_some_and(|r| r.iter().all(|c| c.is_alphabetic()))
        {
            out.push_str("al ");
            i += 2;
            after_article = true;
            continue;
        }
        let end = i + 1 >= a.len() || !a[i + 1].is_alphabetic();
        out.push_str(match c {
            'ا' | 'أ' | 'إ' | 'آ' | 'ٱ' => "a",
            // ع at the start of a word is written A / O / I in Latin ("Ali", "Omar", "Issa")
            'ع' if start => "a",
            // ع inside a word between two consonants is a vowel Latin writes ("سعد" Saad,
            // "جعفر" Jaafar): the loose key keeps it as one
            'ع' if arabic_cons_before(&a, i) && a.get(i + 1).is_some_and(|&c| arabic_cons(c)) => "a",
            'ء' | 'ئ' | 'ؤ' | 'ع' => "",
            'ب' => "b",
            'ت' => "t",
            'ث' => "th",
            'ج' => "j",
            'ح' => "h",
            'خ' => "kh",
            'د' => "d",
            'ذ' | 'ض' if persian => "z",
            'ذ' => "dh",
            'ر' => "r",
            'ز' => "z",
            'س' => "s",
            'ش' => "sh",
            'ص' => "s",
            'ض' => "d",
            'ط' => "t",
            // ظ is z in the Levant, Egypt and Persian ("Hafez", "Nazem") and d / dh in the Gulf,
            // Iraq, Somalia and the Maghreb ("Hafedh", "Kadhim", "Dahir"): th, which the loose key
            // puts near both s and t (as it does the ث that Latin writes th, s or t)
            'ظ' => "th",
            'غ' => "gh",
            'ف' => "f",
            'ق' => "q",
            'ك' | 'ک' => "k",
            'ل' => "l",
            'م' => "m",
            'ن' => "n",
            'ه' => {
                if end {
                    "a"
                } else {
                    "h"
                }
            }
            'ة' => "a",
            // w / v / u / o: the loose key meets all of them; between two consonants (or after
            // one at the end) و is the vowel u / o ("كولوم" Coulomb, "يوسف" Yusuf, "جورج" George)
            'و' if !start && arabic_cons_before(&a, i) && (end || arabic_cons(a[i + 1])) => "u",
            'و' => "w",
            'ي' | 'ی' => {
                if start {
                    "y"
                } else {
                    "i"
                }
            }
            // (Persian, Dari, Pashto and Urdu write a final ی as ى too: "حاجى" Haji, "نورزى"
            // Noorzai; in Arabic it is alif maqsura, a: "موسى" Musa)
            'ى' if persian => "i",
            'ى' => "a",
            'پ' => "p",
            'چ' => "ch",
            'ژ' => "zh",
            'گ' => "g",
            'ڤ' => "v",
            _ => deunicode::deunicode_char(c).unwrap_or(""),
        });
        i += 1;
    }
}

/// An Arabic-script letter that is a consonant (not a long-vowel letter, hamza seat or ع).
fn arabic_cons(c: char) -> bool {
    c.is_alphabetic() && !matches!(c, 'ا' | 'أ' | 'إ' | 'آ' | 'ٱ' | 'و' | 'ي' | 'ی' | 'ى' | 'ة' | 'ء' | 'ئ' | 'ؤ' | 'ع')
}

/// The letter before `i` is a consonant (ي at the start of a word is the consonant y).
fn arabic_cons_before(a: &[char], i: usize) -> bool {
    i > 0 && (arabic_cons(a[i - 1]) || (matches!(a[i - 1], 'ي' | 'ی') && (i == 1 || !a[i - 2].is_alphabetic())))
}

// ------------------------------------------------- Arabic-script organisation names
/// Persian and Arabic organisation-name words and places with their English renderings
/// (`data/names/arabic_script_org_words.toml`), keyed by [`arabic_org_key`]: word → (English,
/// its class).
fn arabic_org_words() -> &'static ArabicOrgWords {
    static T: OnceLock<ArabicOrgWords> = OnceLock::new();
    T.get_or_init(|| {
        #[derive(serde::Deserialize, Default)]
        struct Raw {
            heads: String,
            trade: String,
            places: String,
        }
        let raw: Raw = serde_json::from_str(crate::embedded!("names/arabic_script_org_words")).unwrap_or_default();
        let mut words: ArabicOrgWords = Default::default();
        for (text, class) in [(&raw.heads, OrgWord::Head), (&raw.trade, OrgWord::Trade), (&raw.places, OrgWord::Place)]
        {
            for it in text.split_whitespace() {
                let Some((w, en)) = it.split_once(':') else { continue };
                let en: Box<str> = if en == "-" { "".into() } else { en.replace('_', " ").into() };
                // "و" and, "في" in, "با" with: read, never counted as an organisation's word
                let class = if class == OrgWord::Trade && matches!(&*en, "" | "and" | "in") {
                    OrgWord::Particle
                } else {
                    class
                };
                let key = arabic_org_key(w);
                // Arabic -iyya (-یه) and Persian -i (-ی): the same adjective
                let other = if let Some(stem) = key.strip_suffix("یه") {
                    Some(format!("{stem}ی"))
                } else {
                    key.strip_suffix('ی').map(|stem| format!("{stem}یه"))
                };
                if let Some(o) = other {
                    words.entry(o.into()).or_insert((en.clone(), class));
                }
                words.insert(key.into(), (en, class));
            }
        }
        words
    })
}

/// A word of a head word's English rendering in `data/names/arabic_script_org_words.toml`
/// ("company", "bank", "organization"): in a name written in Arabic script it can only come from
/// [`romanize_arabic_org`]'s reading.
pub fn is_arabic_org_word(w: &str) -> bool {
    static W: OnceLock<std::collections::HashSet<Box<str>>> = OnceLock::new();
    W.get_or_init(|| {
        arabic_org_words()
            .values()
            .filter(|(_, class)| *class == OrgWord::Head)
            .flat_map(|(en, _)| en.split(' ').map(Box::from).collect::<Vec<_>>())
            .collect()
    })
    .contains(w)
}

/// The lookup form of a word in Arabic script: no diacritics, tatweel or zero-width
/// non-joiner, presentation forms back to base letters, and one letter for the variants Arabic,
/// Persian and Urdu write (ي ی ى ئ → ی, ك → ک, ة ۀ ہ ھ → ه, أ إ آ ٱ → ا, ؤ → و).
fn arabic_org_key(w: &str) -> String {
    w.chars()
        .filter(|c| !(('\u{064B}'..='\u{065F}').contains(c) || matches!(c, '\u{0670}' | '\u{0640}' | '\u{200C}')))
        .map(arabic_base)
        .map(|c| match c {
            'ي' | 'ى' | 'ئ' => 'ی',
            'ك' => 'ک',
            'ة' | 'ۀ' | 'ہ' | 'ھ' => 'ه',
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ؤ' => 'و',
            c => c,
        })
        .collect()
}

/// A word of an Arabic-script organisation name in the table, as written or without a glued
/// article / preposition (ال, لل, وال, بال, و, ل): its English and class.
fn arabic_org_word(word: &str) -> Option<(&'static str, OrgWord)> {
    let t = arabic_org_words();
    let key = arabic_org_key(word);
    if let Some((en, head)) = t.get(key.as_str()) {
        return Some((en, *head));
    }
    for prefix in ["وال", "بال", "لل", "ال", "و", "ل"] {
        if let Some(rest) = key.strip_prefix(prefix) {
            if rest.chars().count() >= 3 {
                // "للعلوم": the word without the preposition, then with the article it carried
                let with_article = format!("ال{rest}");
                for k in [rest, with_article.as_str()] {
                    if let Some((en, head)) = t.get(k) {
                        return Some((en, *head));
                    }
                }
            }
        }
    }
    None
}

/// The words of a name in Arabic script, split at anything that is not an Arabic-script letter
/// or mark (the zero-width non-joiner stays inside the word: "هسته‌ای" is one word).
fn arabic_words(raw: &str) -> impl Iterator<Item = &str> {
    raw.split(|c: char| {
        !(c == '\u{200C}' || char_script(c) == Some(Script::Arabic) || is_inner_mark(Script::Arabic, c))
    })
    .filter(|w| !w.is_empty())
}

/// Whether `raw` is a Persian or Arabic organisation name read word by word in English: at least
/// two words in Arabic script, one of them a head word (شرکت company, بانک bank, سازمان
/// organization, شركة …), or else an organisation word and another word of the table
/// ("فرزن صنعتی مهندسی" Farazan Industrial Engineering, "ورینتل نفت کیش" Oriental Oil Kish).
pub fn reads_arabic_org(raw: &str) -> bool {
    if script_of(raw) != Script::Arabic {
        return false;
    }
    let (mut n, mut head, mut trade, mut place) = (0, false, 0, 0);
    for w in arabic_words(raw) {
        n += 1;
        match arabic_org_word(w).map(|(_, c)| c) {
            Some(OrgWord::Head) => head = true,
            Some(OrgWord::Trade) => trade += 1,
            Some(OrgWord::Place) => place += 1,
            _ => {}
        }
    }
    n >= 2 && (head || (trade >= 1 && trade + place >= 2))
}

/// Word → (English, class), keyed by [`arabic_org_key`].
type ArabicOrgWords = FastMap<Box<str>, (Box<str>, OrgWord)>;

/// The class of a word in `data/names/arabic_script_org_words.toml`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum OrgWord {
    /// makes a name an organisation's (شرکت company, بانک bank)
    Head,
    /// an organisation word (صنعتی industrial, نفت oil)
    Trade,
    /// a place (ایران Iran)
    Place,
    /// و and, في in, با with: read, not counted
    Particle,
}

/// [`romanize_as`] for a Persian or Arabic organisation name ([`reads_arabic_org`]): its words in
/// the table read in English ("شرکت صنایع الکترونیک ایران" → "company industries electronics
/// iran"), the others romanised as before.
fn romanize_arabic_org(s: &str, persian: bool) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if word.is_empty() {
            return;
        }
        out.push(' ');
        match arabic_org_word(word) {
            Some((en, _)) => out.push_str(en),
            None => {
                let run: Vec<char> = word.chars().filter(|&c| c != '\u{200C}').collect();
                arabic(&run, persian, out);
            }
        }
        out.push(' ');
        word.clear();
    };
    for c in s.chars() {
        if c == '\u{200C}' || char_script(c) == Some(Script::Arabic) || is_inner_mark(Script::Arabic, c) {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

// ------------------------------------- Cyrillic and Greek organisation names read in translation
/// Inflection endings a word of a Cyrillic organisation name may carry beyond the stem of its
/// dictionary form (`data/names/cyrillic_org_words.toml`): Russian, Ukrainian and Belarusian case
/// endings of nouns and adjectives, and the Bulgarian definite articles. A word is looked up as
/// written, then less each of them, the shortest first.
const CYR_ENDINGS: &[&str] = &[
    "а", "я", "о", "е", "ы", "и", "у", "ю", "ь", "й", "і", "ї", "ом", "ем", "ой", "ей", "ою", "ею", "ам", "ям", "ах",
    "ях", "ов", "ев", "ый", "ий", "ая", "яя", "ое", "ее", "ые", "ие", "ых", "их", "ым", "им", "ую", "юю", "ия", "ии",
    "ию", "ья", "ьи", "ью", "ье", "ої", "ій", "ае", "ай", "ыя", "ът", "ят", "та", "то", "те", "ого", "его", "ому",
    "ему", "ыми", "ими", "ами", "ями", "ией", "иям", "иях", "ага", "аму", "ата", "ята", "ото", "ето", "ите", "ния",
    "ията", "ният", "ната", "ното", "ните",
];

/// Dictionary endings taken off a Cyrillic table word to give its stem (the longest that leaves
/// three letters).
const CYR_DICT_ENDINGS: &[&str] = &[
    "ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ия", "ья", "ае", "а", "я", "о", "е", "ы", "и", "ь", "й", "і",
];

/// Greek noun and adjective endings (accents and the final sigma folded: [`greek_key`]).
const GREEK_ENDINGS: &[&str] = &[
    "α", "ε", "η", "ι", "ο", "υ", "ας", "ες", "ης", "ις", "ος", "ου", "ων", "ον", "οι", "ια", "ιο", "εις", "εων",
    "ους", "ιας", "ιες", "ιων", "ιου", "ιοι", "ατα", "ατος", "ατων",
];

/// Dictionary endings taken off a Greek table word to give its stem.
const GREEK_DICT_ENDINGS: &[&str] = &["ος", "ο", "α", "η", "ι", "ας", "ης", "ον", "ες"];

/// Endings of an adjective made from a place name with -ск- (Russian, Ukrainian, Belarusian,
/// Bulgarian): "Серовский", "Уральского", "Кримски", "Мінскі".
const CYR_PLACE_ADJ: &[&str] = &[
    "ский",
    "ская",
    "ское",
    "ского",
    "ском",
    "ской",
    "ских",
    "ским",
    "ские",
    "скую",
    "скими",
    "ски",
    "ска",
    "ско",
    "ската",
    "ския",
    "ският",
    "ските",
    "ското",
    "ський",
    "ська",
    "ське",
    "ського",
    "ської",
    "ських",
    "скі",
    "скае",
    "скага",
    "скай",
];

/// The lookup form of a Cyrillic word: lower case, no stress mark or apostrophe, ё as е.
fn cyr_key(w: &str) -> String {
    w.chars()
        .filter(|c| !matches!(c, '\u{0301}' | '\'' | '’' | 'ʼ'))
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

/// The lookup form of a Greek word: lower case, no accent or diaeresis, ς as σ, the micro sign
/// (µ, typed for μ in some list texts) as μ.
fn greek_key(w: &str) -> String {
    w.chars()
        .filter(|c| !('\u{0300}'..='\u{036F}').contains(c))
        .map(|c| if c == 'µ' { 'μ' } else { greek_base(c) })
        .collect()
}

/// A language's table of organisation words (`data/names/cyrillic_org_words.toml`,
/// `data/names/greek_org_words.toml`): stems and phrases (stems joined by a space) → (English,
/// class); abbreviations and particles as written.
struct OrgLang {
    script: Script,
    key: fn(&str) -> String,
    /// inflection endings, shortest first
    endings: Vec<String>,
    words: FastMap<Box<str>, (Box<str>, OrgWord)>,
    abbrevs: FastMap<Box<str>, (Box<str>, OrgWord)>,
    /// every stem of a word or of a phrase's word
    stems: std::collections::HashSet<Box<str>>,
    /// most words of a phrase
    longest: usize,
}

impl OrgLang {
    fn load(json: &str, script: Script, key: fn(&str) -> String, dict: &[&str], endings: &[&str]) -> OrgLang {
        #[derive(serde::Deserialize, Default)]
        struct Raw {
            phrases: String,
            abbreviations: String,
            particles: String,
            heads: String,
            trade: String,
            places: String,
        }
        let raw: Raw = serde_json::from_str(json).unwrap_or_default();
        // endings in the lookup form too (Greek ς → σ)
        let dict: Vec<String> = dict.iter().map(|e| key(e)).collect();
        let english = |en: &str| -> Box<str> {
            if en == "-" {
                "".into()
            } else {
                en.replace('_', " ").into()
            }
        };
        // the stem of a table word: less its longest dictionary ending that leaves three letters
        let dict_stem = |k: String| -> String {
            let n = k.chars().count();
            match dict.iter().filter(|e| k.ends_with(e.as_str()) && n - e.chars().count() >= 3).max_by_key(|e| e.len())
            {
                Some(e) => k[..k.len() - e.len()].to_string(),
                None => k,
            }
        };
        let mut endings: Vec<String> = endings.iter().map(|e| key(e)).collect();
        endings.sort_by_key(|e| e.chars().count());
        let mut t = OrgLang {
            script,
            key,
            endings,
            words: Default::default(),
            abbrevs: Default::default(),
            stems: Default::default(),
            longest: 1,
        };
        for (text, class) in [(&raw.abbreviations, OrgWord::Head), (&raw.particles, OrgWord::Particle)] {
            for it in text.split_whitespace() {
                if let Some((w, en)) = it.split_once(':') {
                    let en = english(en);
                    let class = if en.is_empty() { OrgWord::Particle } else { class };
                    t.abbrevs.insert(key(w).into(), (en, class));
                }
            }
        }
        for (text, class) in [
            (&raw.phrases, OrgWord::Head),
            (&raw.heads, OrgWord::Head),
            (&raw.trade, OrgWord::Trade),
            (&raw.places, OrgWord::Place),
        ] {
            for it in text.split_whitespace() {
                let Some((w, en)) = it.split_once(':') else { continue };
                let stems: Vec<String> = w.split('_').map(|p| dict_stem(key(p))).collect();
                t.longest = t.longest.max(stems.len());
                t.stems.extend(stems.iter().map(|s| Box::from(s.as_str())));
                let en = english(en);
                // "имени" named after: read as nothing, never counted
                let class = if en.is_empty() { OrgWord::Particle } else { class };
                t.words.insert(stems.join(" ").into(), (en, class));
            }
        }
        t
    }

    /// The stem under which `key` (a [`OrgLang::key`] form) is in the table, trying it as
    /// written, then less each inflection ending, the shortest first.
    fn table_stem(&self, key: &str) -> Option<&str> {
        let n = key.chars().count();
        std::iter::once("").chain(self.endings.iter().map(String::as_str)).find_map(|e| {
            let stem = key.strip_suffix(e)?;
            // a word as written (the "с" of "общество с ограниченной ответственностью"); an
            // ending taken off leaves three letters at least
            if !e.is_empty() && n - e.chars().count() < 3 {
                return None;
            }
            self.stems.get(stem).map(|k| &**k)
        })
    }

    /// The words of a name in the table's script with their byte spans (letters, marks and
    /// apostrophes inside a word; a hyphen separates words: "научно-исследовательский" is two).
    fn words(&self, s: &str) -> Vec<(usize, usize)> {
        let letter = |c: char| char_script(c) == Some(self.script) || (self.script == Script::Greek && c == 'µ');
        let mut out = Vec::new();
        let mut start: Option<usize> = None;
        for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
            let inner = letter(c)
                || (start.is_some()
                    && (is_inner_mark(self.script, c)
                        || (matches!(c, '\u{0301}' | '\'' | '’' | 'ʼ') && s[i + c.len_utf8()..].starts_with(letter))));
            match (inner, start) {
                (true, None) => start = Some(i),
                (false, Some(b)) => {
                    out.push((b, i));
                    start = None;
                }
                _ => {}
            }
        }
        out
    }

    /// One word or phrase read in English: (words of the name it covers, English, class).
    fn lookup(&self, keys: &[String], at: usize) -> Option<(usize, &str, OrgWord)> {
        if let Some((en, class)) = self.abbrevs.get(keys[at].as_str()) {
            return Some((1, en, *class));
        }
        for len in (1..=self.longest.min(keys.len() - at)).rev() {
            let stems: Option<Vec<&str>> = keys[at..at + len].iter().map(|k| self.table_stem(k)).collect();
            if let Some((en, class)) = stems.and_then(|s| self.words.get(s.join(" ").as_str())) {
                return Some((len, en, *class));
            }
        }
        None
    }

    /// Whether `raw` is an organisation name in this script read in translation: two or more
    /// words, one of them a head word, a legal form or an abbreviation of the table, or an
    /// organisation word and another word of the table.
    fn reads(&self, raw: &str) -> bool {
        if raw.split_whitespace().count() < 2 {
            return false;
        }
        let spans = self.words(raw);
        let keys: Vec<String> = spans.iter().map(|&(a, b)| (self.key)(&raw[a..b])).collect();
        let (mut head, mut trade, mut place) = (false, 0, 0);
        let mut i = 0;
        while i < keys.len() {
            match self.lookup(&keys, i) {
                Some((len, _, class)) => {
                    match class {
                        OrgWord::Head => head = true,
                        OrgWord::Trade => trade += 1,
                        OrgWord::Place => place += 1,
                        OrgWord::Particle => {}
                    }
                    i += len;
                }
                None => i += 1,
            }
        }
        head || (trade >= 1 && trade + place >= 2)
    }

    /// [`romanize_as`] for an organisation name in translation: words and phrases of the table
    /// in English; Cyrillic place adjectives by the rule ([`cyr_place_adjective`]) when
    /// `places_by_rule`; the other words as the plain reading reads them. A word alone in
    /// quotation marks («Союз», ‘Пластмасс’) is a firm's name: kept as written.
    fn romanize(&self, s: &str, places_by_rule: bool) -> String {
        const QUOTES: &[char] = &['"', '\'', '«', '»', '“', '”', '„', '‘', '’', '‚', '‹', '›'];
        let spans = self.words(s);
        let keys: Vec<String> = spans.iter().map(|&(a, b)| (self.key)(&s[a..b])).collect();
        let mut out = String::with_capacity(s.len() * 2);
        let mut last = 0;
        let mut i = 0;
        while i < spans.len() {
            let (a, b) = spans[i];
            out.push_str(&s[last..a]);
            // "142-й", "33-ти", "3-го", "20ή", "33ο": an ordinal's Russian / Bulgarian / Greek
            // ending after its digits is the English one ("142nd", "33rd")
            let before = s[..a].strip_suffix('-').unwrap_or(&s[..a]);
            if keys[i].chars().count() <= 3 && before.ends_with(|c: char| c.is_ascii_digit()) {
                let digits: String = before.chars().rev().take_while(char::is_ascii_digit).collect();
                let n: u64 = digits.chars().rev().collect::<String>().parse().unwrap_or(0);
                let suffix = match (n % 10, n % 100) {
                    (_, 11..=13) => "th",
                    (1, _) => "st",
                    (2, _) => "nd",
                    (3, _) => "rd",
                    _ => "th",
                };
                out.truncate(out.len() - (s[..a].len() - before.len()));
                out.push_str(suffix);
                last = b;
                i += 1;
                continue;
            }
            let quoted = s[..a].ends_with(QUOTES) && s[b..].starts_with(QUOTES);
            let found = if quoted { None } else { self.lookup(&keys, i) };
            out.push(' ');
            let len = match found {
                Some((len, en, _)) => {
                    out.push_str(en);
                    len
                }
                None => {
                    let place = (self.script == Script::Cyrillic && places_by_rule && !quoted)
                        .then(|| cyr_place_adjective(&keys[i]))
                        .flatten();
                    match place {
                        Some(stem) => out.push_str(&stem),
                        None if self.script == Script::Greek => {
                            let run: Vec<char> = s[a..b].chars().map(|c| if c == 'µ' { 'μ' } else { c }).collect();
                            greek(&run, &mut out);
                        }
                        None => out.push_str(&s[a..b]),
                    }
                    1
                }
            };
            out.push(' ');
            last = spans[i + len - 1].1;
            i += len;
        }
        out.push_str(&s[last..]);
        out
    }
}

fn cyrillic_org_words() -> &'static OrgLang {
    static T: OnceLock<OrgLang> = OnceLock::new();
    T.get_or_init(|| {
        let json = crate::embedded!("names/cyrillic_org_words");
        OrgLang::load(json, Script::Cyrillic, cyr_key, CYR_DICT_ENDINGS, CYR_ENDINGS)
    })
}

fn greek_org_words() -> &'static OrgLang {
    static T: OnceLock<OrgLang> = OnceLock::new();
    T.get_or_init(|| {
        let json = crate::embedded!("names/greek_org_words");
        OrgLang::load(json, Script::Greek, greek_key, GREEK_DICT_ENDINGS, GREEK_ENDINGS)
    })
}

/// The table a name in translation is read with: Cyrillic or Greek.
/// (A name mostly in Latin letters with a word in Cyrillic or Greek, "Ομάδα Wagner", is read so
/// too.)
fn org_lang(raw: &str) -> Option<&'static OrgLang> {
    let has = |sc: Script| raw.chars().any(|c| char_script(c) == Some(sc));
    match script_of(raw) {
        Script::Cyrillic => Some(cyrillic_org_words()),
        Script::Greek => Some(greek_org_words()),
        Script::Latin if has(Script::Cyrillic) && !has(Script::Greek) => Some(cyrillic_org_words()),
        Script::Latin if has(Script::Greek) && !has(Script::Cyrillic) => Some(greek_org_words()),
        _ => None,
    }
}

/// A place adjective read by the rule (`data/names/cyrillic_org_words.toml`): "серовского" →
/// "серов", "уральский" → "урал", "омский" → "омск"; None for any other word (and for the
/// -ический adjectives, which are not places).
fn cyr_place_adjective(key: &str) -> Option<String> {
    let e = CYR_PLACE_ADJ.iter().filter(|e| key.ends_with(*e)).max_by_key(|e| e.len())?;
    let stem = &key[..key.len() - e.len()];
    if stem.ends_with("че") || stem.ends_with('ц') {
        return None;
    }
    let stem = stem.strip_suffix('ь').unwrap_or(stem);
    match stem.chars().count() {
        0..=1 => None,
        2 | 3 => Some(format!("{stem}ск")),
        _ => Some(stem.to_string()),
    }
}

/// Whether `raw` is a Cyrillic or Greek organisation name that is also read in translation
/// ([`HanReading::Translation`]): two or more words, one of them a head word (завод plant,
/// компания company, министерство ministry, бригада brigade, υπουργείο ministry, εταιρεία
/// company …), a legal form or an abbreviation of the table, or an organisation word and
/// another word of the table.
pub fn reads_org_in_translation(raw: &str) -> bool {
    org_lang(raw).is_some_and(|l| l.reads(raw))
}

/// Whether every Cyrillic or Greek word of `raw` is a word of the table (the rest of the name in
/// Latin letters: "Фондация „Areen“", "Ναυπηγείο Yantar"): its translation reading is then wholly
/// in Latin letters and is compared with Latin names as a Latin name is (not by the loose
/// cross-script key, which let "areen" meet "haramain").
pub fn translation_wholly_latin(raw: &str) -> bool {
    let Some(l) = org_lang(raw) else { return false };
    let spans = l.words(raw);
    let keys: Vec<String> = spans.iter().map(|&(a, b)| (l.key)(&raw[a..b])).collect();
    let mut i = 0;
    while i < keys.len() {
        match l.lookup(&keys, i) {
            Some((len, ..)) => i += len,
            None => return false,
        }
    }
    true
}

/// Whether a Cyrillic name has a place adjective the rule reads ([`cyr_place_adjective`]).
fn has_place_adjective(raw: &str) -> bool {
    let l = cyrillic_org_words();
    l.words(raw).iter().any(|&(a, b)| cyr_place_adjective(&cyr_key(&raw[a..b])).is_some())
}

/// [`romanize_as`] for a Cyrillic or Greek organisation name in its translation reading.
fn romanize_org_in_translation(s: &str, places_by_rule: bool) -> String {
    match org_lang(s) {
        Some(l) => l.romanize(s, places_by_rule),
        None => s.to_string(),
    }
}

/// Arabic presentation forms (U+FB50..U+FEFF) back to base letters.
fn arabic_base(c: char) -> char {
    let u = c as u32;
    if (0xFE70..=0xFEFF).contains(&u) || (0xFB50..=0xFDFF).contains(&u) {
        // deunicode knows their sound; map the common ones via their transliteration.
        let t = deunicode::deunicode_char(c).unwrap_or("");
        return match t.trim() {
            "a" | "'" | "" => 'ا',
            "b" => 'ب',
            "t" => 'ت',
            "th" => 'ث',
            "j" => 'ج',
            "H" | "h" => 'ح',
            "kh" => 'خ',
            "d" => 'د',
            "dh" => 'ذ',
            "r" => 'ر',
            "z" => 'ز',
            "s" => 'س',
            "sh" => 'ش',
            "gh" => 'غ',
            "f" => 'ف',
            "q" => 'ق',
            "k" => 'ك',
            "l" => 'ل',
            "m" => 'م',
            "n" => 'ن',
            "w" => 'و',
            "y" => 'ي',
            "la" => 'ل',
            _ => c,
        };
    }
    c
}

// ---------------------------------------------------------------- Thai
/// (initial, final) value of a Thai consonant U+0E01..=U+0E2E.
fn thai_cons(c: char) -> Option<(&'static str, &'static str)> {
    Some(match c {
        'ก' => ("k", "k"),
        'ข' | 'ฃ' | 'ค' | 'ฅ' | 'ฆ' => ("kh", "k"),
        'ง' => ("ng", "ng"),
        // j as the usual spellings of Thai names write it ("Jiraporn"); RTGS ch is tried too
        // (`score::How::Spelling`)
        'จ' => ("j", "t"),
        'ฉ' | 'ช' | 'ฌ' => ("ch", "t"),
        'ซ' => ("s", "t"),
        'ญ' => ("y", "n"),
        'ฎ' => ("d", "t"),
        'ฏ' => ("t", "t"),
        'ฐ' | 'ฑ' | 'ฒ' | 'ถ' | 'ท' | 'ธ' => ("th", "t"),
        'ณ' | 'น' => ("n", "n"),
        'ด' => ("d", "t"),
        'ต' => ("t", "t"),
        'บ' => ("b", "p"),
        'ป' => ("p", "p"),
        'ผ' | 'พ' | 'ภ' => ("ph", "p"),
        'ฝ' | 'ฟ' => ("f", "p"),
        'ม' => ("m", "m"),
        'ย' => ("y", "i"),
        'ร' => ("r", "n"),
        'ล' | 'ฬ' => ("l", "n"),
        'ว' => ("w", "o"),
        'ศ' | 'ษ' | 'ส' => ("s", "t"),
        'ห' | 'ฮ' => ("h", ""),
        'อ' => ("", ""),
        _ => return None,
    })
}

fn thai(run: &[char], out: &mut String) {
    // Drop tone marks and other signs; drop a consonant silenced by the thanthakhat (์),
    // with the vowel sign it may carry ("จันทร์" → "จัน").
    let mut t: Vec<char> = Vec::with_capacity(run.len());
    for &c in run {
        match c {
            '\u{0E48}'..='\u{0E4B}' | '\u{0E47}' | '\u{0E4D}' | '\u{0E4E}' | '\u{0E3A}' | 'ๆ' => {}
            '\u{0E4C}' => {
                if t.last().is_some_and(|c| matches!(c, '\u{0E34}' | '\u{0E38}')) {
                    t.pop();
                }
                let silenced = t.pop();
                // ทร์, ตร์, ดร์ after a closed syllable: both letters are silent ("จันทร์" chan,
                // "ศาสตร์" sat, "ปรมินทร์" poramin)
                let n = t.len();
                if silenced == Some('ร')
                    && t.last().is_some_and(|c| matches!(c, 'ท' | 'ต' | 'ด'))
                    && n >= 2
                    && thai_cons(t[n - 2]).is_some()
                {
                    t.pop();
                }
            }
            c => t.push(c),
        }
    }
    let is_cons = |c: char| thai_cons(c).is_some();
    let after_vowel = |c: char| matches!(c, '\u{0E30}'..='\u{0E39}' | '\u{0E45}');
    let lead = |c: char| matches!(c, 'เ' | 'แ' | 'โ' | 'ใ' | 'ไ');
    // A final whose value is a sonorant (ล ร น ม ง ย ว): two consonants closing a word after a
    // vowel read "Co-N" with it ("วิมล" wimon); after a short vowel with an obstruent last, the
    // last is silent ("ยุทธ" yut, "ลักษ(ณ์)" lak).
    let sonorant = |c: char| matches!(c, 'ล' | 'ร' | 'น' | 'ม' | 'ง' | 'ย' | 'ว');
    let mut i = 0;
    // Whether a vowel has been read in the current syllable (a following consonant closes it).
    let mut open = false;
    // The vowel mark read last when it is short (ั ิ ุ ึ, or ฤ), None after any other vowel or
    // an inherent one: a short vowel takes a final consonant.
    let mut short: Option<char> = None;
    // Whether the open syllable's vowel is an inherent one (not written).
    let mut inherent = false;
    while i < t.len() {
        let c = t[i];
        if lead(c) {
            // Preposed vowel: read the consonant (cluster) first.
            let mut v = match c {
                'เ' => "e",
                'แ' => "ae",
                'โ' => "o",
                _ => "ai",
            };
            let mut j = i + 1;
            let mut cons = String::new();
            // a leading silent ห / อ, or a cluster of two (กร, กล, คว, ปร, พล …)
            while j < t.len() && is_cons(t[j]) && j < i + 3 {
                let (ini, _) = thai_cons(t[j]).unwrap_or(("", ""));
                let silent_h = t[j] == 'ห'
                    && t.get(j + 1).is_some_and(|&n| matches!(n, 'ม' | 'น' | 'ล' | 'ว' | 'ย' | 'ร' | 'ง' | 'ญ'));
                if !silent_h {
                    cons.push_str(ini);
                }
                j += 1;
                // (ลล, รว … are two syllables, not a cluster: "วไลลักษณ์" walailak)
                // (nor is a consonant that has a vowel of its own: "ไพลิน" phailin)
                let cluster = matches!(t.get(j), Some('ร' | 'ล' | 'ว'))
                    && !sonorant(t[j - 1])
                    && !t.get(j + 1).is_some_and(|&x| after_vowel(x))
                    && !silent_h;
                if !(silent_h || cluster) {
                    break;
                }
            }
            // vowels written around the consonant: เ–า ao, เ–าะ o, เ–ีย ia, เ–ือ uea, เ–ิ / เ–อ oe
            match (c, t.get(j).copied(), t.get(j + 1).copied()) {
                ('เ', Some('า'), Some('ะ')) => (v, j) = ("o", j + 2),
                ('เ', Some('า'), _) => (v, j) = ("ao", j + 1),
                ('เ', Some('ี'), Some('ย')) => (v, j) = ("ia", j + 2),
                ('เ', Some('ื'), Some('อ')) => (v, j) = ("uea", j + 2),
                ('เ', Some('ิ' | 'อ'), _) => (v, j) = ("oe", j + 1),
                ('เ' | 'แ' | 'โ', Some('ะ'), _) => j += 1,
                _ => {}
            }
            out.push_str(&cons);
            out.push_str(v);
            i = j;
            // (เ alone is short and takes a final: "เพชร" phet)
            let simple_e = c == 'เ' && v == "e";
            (open, short, inherent) = (true, simple_e.then_some('เ'), false);
            continue;
        }
        if c == 'ฤ' {
            // the vowel letter ฤ: "ri" in names ("กฤษณ์" krit, "ธนากฤต" thanakrit)
            out.push_str("ri");
            (open, short, inherent) = (true, Some('ฤ'), false);
            i += 1;
            continue;
        }
        if let Some((ini, fin)) = thai_cons(c) {
            let next = t.get(i + 1).copied();
            // รร: "a" with the consonant after it as the final ("ธรรม" tham, "พรรณ" phan,
            // "วรรธ(น์)" wat), or "an" when no consonant without a vowel of its own follows
            // ("สรรเพชญ" sanphet, "วรรณา" wanna)
            if c == 'ร' && next == Some('ร') {
                out.push('a');
                let after = t.get(i + 2).copied();
                let closing = after.is_some_and(is_cons) && t.get(i + 3).is_none_or(|&n| !after_vowel(n));
                if !closing {
                    out.push('n');
                }
                i += 2;
                (open, short, inherent) = (closing, None, false);
                continue;
            }
            let at_end = i + 2 == t.len();
            // consonant + ร closing the word after ั (which always takes a final), or ต ท ช + ร
            // after another short vowel: the ร is silent ("ภัทร" phat, "จักร" chak, "จิตร" jit,
            // "เพชร" phet; but "ศิริพร" siriphon, "ศศิธร" sasithon)
            let silent_r = short == Some('ั') || (short.is_some() && matches!(c, 'ต' | 'ท' | 'ช'));
            let word_end = at_end || t.get(i + 2).is_some_and(|&x| lead(x));
            if next == Some('ร') && word_end && open && silent_r {
                out.push_str(fin);
                i += 2;
                continue;
            }
            // consonant + ร closing the word: "-orn" (ภร → "phorn", พร → "phon" / "porn")
            if next == Some('ร') && at_end && !open {
                out.push_str(ini);
                out.push_str("orn");
                i += 2;
                continue;
            }
            // ทร at the start of a word, ศร / สร before a vowel: s ("ทรง" song, "ศรี" si)
            let s_cluster = next == Some('ร')
                && ((i == 0 && c == 'ท')
                    || (!open && matches!(c, 'ศ' | 'ส') && t.get(i + 2).is_some_and(|&x| after_vowel(x))));
            if s_cluster {
                t.remove(i + 1);
            }
            let ini = if s_cluster { "s" } else { ini };
            let next = t.get(i + 1).copied();
            let silent_h = c == 'ห' && next.is_some_and(|n| matches!(n, 'ม' | 'น' | 'ล' | 'ว' | 'ย' | 'ร' | 'ง' | 'ญ'));
            let has_vowel = next.is_some_and(after_vowel);
            // two consonants closing the word after a vowel: the first opens a syllable with an
            // inherent o, the second closes it ("พรวิมล" → "phonwimon", not "phonwiml") — unless
            // the vowel is short and the second is not a sonorant ("ยุทธ" yut)
            let last_pair = next.is_some_and(is_cons) && (i + 2 == t.len() || t.get(i + 2).is_some_and(|&x| lead(x)));
            let silent_last =
                last_pair && open && short.is_some() && i + 2 == t.len() && next.is_some_and(|n| !sonorant(n));
            // a ร between a vowel and a consonant starts a syllable with an inherent a in names
            // ("สุรจิตร" surachit, "ธีรพงษ์" thiraphong, "ถิรเดช" thiradet)
            let linking_r = c == 'ร'
                && open
                && !inherent
                && !has_vowel
                && !last_pair
                && next.is_some_and(|n| (is_cons(n) && n != 'ร') || lead(n));
            let before_rr = next == Some('ร') && t.get(i + 2) == Some(&'ร');
            let final_pos = open && !has_vowel && (!last_pair || silent_last) && !linking_r && !before_rr;
            if silent_h {
            } else if before_rr {
                // the initial of a รร syllable ("ธรรม" tham, "วิวรรธน์" wiwat)
                out.push_str(ini);
                (open, inherent) = (false, false);
            } else if !final_pos && next == Some('อ') && t.get(i + 2).is_none_or(|&x| !after_vowel(x) && x != 'ร') {
                // อ after a consonant without a vowel is the vowel o ("ยอด" yot, "ทอง" thong)
                out.push_str(ini);
                out.push('o');
                (open, short, inherent) = (true, None, false);
                i += 1;
            } else if linking_r {
                out.push_str("ra");
                open = false;
            } else if final_pos {
                out.push_str(fin);
                open = false;
                if silent_last {
                    i += 1;
                }
            } else if !has_vowel
                && next == Some('ว')
                && t.get(i + 2).is_some_and(|&x| is_cons(x) && x != 'ร')
                && t.get(i + 3).is_none_or(|&x| !after_vowel(x))
            {
                // ว between two consonants is the vowel ua ("พวง" phuang, "สวน" suan)
                out.push_str(ini);
                out.push_str("ua");
                (open, short, inherent) = (true, None, false);
                i += 1;
            } else {
                out.push_str(ini);
                if !has_vowel {
                    // Inherent vowel: "a" before the last consonant / between consonants and
                    // before a preposed vowel, "o" in closed syllables.
                    let n2 = t.get(i + 2).copied();
                    match next {
                        Some(n) if is_cons(n) && n2.is_none_or(|x| is_cons(x) || lead(x)) => {
                            out.push('o');
                            (open, short, inherent) = (true, None, true);
                        }
                        Some(n) if is_cons(n) || lead(n) => out.push('a'),
                        _ => {}
                    }
                } else {
                    open = false;
                }
            }
            i += 1;
            continue;
        }
        match c {
            'ะ' | 'ั' | 'า' | 'ๅ' => out.push('a'),
            'ำ' => out.push_str("am"),
            'ิ' | 'ี' => out.push('i'),
            'ึ' | 'ื' => out.push_str("ue"),
            'ุ' | 'ู' => out.push('u'),
            _ => {}
        }
        open = !matches!(c, 'ะ' | 'ำ');
        short = matches!(c, 'ั' | 'ิ' | 'ุ' | 'ึ').then_some(c);
        inherent = false;
        i += 1;
    }
}

// ---------------------------------------------------------------- Latin respelling
/// The letter groups [`respell_latin`] rewrites, longest first where one begins another:
/// German tsch / sch, Polish szcz / cz / sz, French tch, Swedish tj / sj / zj, English kh
/// (German, Swedish and Polish write ch, read by `ch_as_kh`), ph, French ou.
pub(crate) const RESPELLINGS: &[(&[u8], &[u8])] = &[
    (b"tsch", b"ch"),
    (b"szcz", b"shch"),
    (b"sch", b"sh"),
    (b"tch", b"ch"),
    (b"tj", b"ch"),
    (b"cz", b"ch"),
    (b"sj", b"sh"),
    (b"sz", b"sh"),
    (b"zj", b"zh"),
    (b"kh", b"h"),
    (b"ph", b"f"),
    (b"ou", b"u"),
];

/// A Latin word respelt in one convention, for names from Cyrillic that each European language
/// transliterates its own way (the EU list prints every language version): Swedish tj / sj / zj
/// ("Leonidovitj", "Malysjev", "Gurzjij"), German tsch / sch / w ("Alexandrowitsch",
/// "Tschaika", "Walentin"), Polish cz / sz ("Aleksandrowicz"), French tch / ou, and j or i for
/// English y ("Jevgenij" / "Yevgeny", "Ljubovitski" / "Liubovitski", "Marija" / "Mariia").
/// Both words of a pair are respelt the same way, so English spellings are unchanged in
/// effect. ch is read as ch, or (`ch_as_kh`) as the German / Swedish / Polish ch, the English
/// kh, written h ("Michail" / "Mikhail" / "Mihail"). `false` when the word is not ASCII
/// lower-case or is longer than a name word.
pub fn respell_latin(w: &str, ch_as_kh: bool, out: &mut Vec<u8>) -> bool {
    out.clear();
    let b = w.as_bytes();
    if b.len() > super::normalize::MAX_TOKEN_LEN || !b.iter().all(u8::is_ascii_lowercase) {
        return false;
    }
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    let at = |i: usize, p: &[u8]| b.len() >= i + p.len() && &b[i..i + p.len()] == p;
    let mut i = 0;
    while i < b.len() {
        let rule = RESPELLINGS.iter().find(|(from, _)| at(i, from));
        let (s, n): (&[u8], usize) = if let Some((from, to)) = rule {
            (to, from.len())
        } else if at(i, b"ch") {
            (if ch_as_kh { b"h" } else { b"ch" }, 2)
        } else {
            match b[i] {
                b'w' => (b"v", 1),
                b'x' => (b"ks", 1),
                // j and y are one glide; at the start before a vowel it stays a consonant
                // ("Jelena" / "Yelena"), between two vowels it is dropped ("Marija" / "Maria",
                // "Andreyevich" / "Andreevich"), elsewhere it is an i ("Beljk" / "Belik",
                // "Dmitrij" / "Dmitry")
                b'j' | b'y' | b'i' => {
                    let next_vowel = b.get(i + 1).is_some_and(|&c| vowel(c));
                    let prev_vowel = out.last().is_some_and(|&c| vowel(c));
                    if out.is_empty() && next_vowel {
                        (b"y", 1)
                    } else if prev_vowel && next_vowel {
                        (b"", 1)
                    } else {
                        (b"i", 1)
                    }
                }
                _ => (&b[i..i + 1], 1),
            }
        };
        for &c in s {
            if out.last() != Some(&c) {
                out.push(c);
            }
        }
        i += n;
    }
    // Russian е at the start is ye in English, je in Swedish and German, e in French and in
    // the national romanisations ("Yevgeny" / "Jevgenij" / "Evgeniy")
    if out.starts_with(b"ye") {
        out.remove(0);
    }
    true
}

// ---------------------------------------------------------------- loose key
/// Consonant classes with vowel runs as one `a` (see the module doc). ASCII lower-case input.
pub fn loose_key(w: &str) -> String {
    let mut out = Vec::with_capacity(w.len());
    loose_key_into(w, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// [`loose_key`] into `out` (cleared first; left empty where `loose_key` is empty).
fn loose_key_into(w: &str, out: &mut Vec<u8>) {
    out.clear();
    let b = w.as_bytes();
    let mut i = 0;
    let push = |out: &mut Vec<u8>, k: u8| {
        if out.last() != Some(&k) {
            out.push(k);
        }
    };
    // (byte by byte, inlined: a slice comparison here became a call to memcmp for every
    // letter once the function grew, +9 % instructions per screened query)
    #[inline(always)]
    fn starts_at(b: &[u8], i: usize, p: &[u8]) -> bool {
        if b.len() < i + p.len() {
            return false;
        }
        let mut k = 0;
        while k < p.len() {
            if b[i + k] != p[k] {
                return false;
            }
            k += 1;
        }
        true
    }
    let starts = |i: usize, p: &[u8]| starts_at(b, i, p);
    while i < b.len() {
        let c = b[i];
        if !c.is_ascii_lowercase() {
            out.clear();
            return;
        }
        // Fast path (most letters): one that begins no multi-letter rule and no start-of-word
        // rule maps to its class directly, as the last branch below would.
        let special = matches!(c, b't' | b's' | b'c' | b'd' | b'z' | b'k' | b'g' | b'p' | b'n' | b'x')
            || (i == 0 && matches!(c, b'y' | b'i' | b'h'))
            || (c == b'h' && b.get(i + 1) == Some(&b's'));
        if !special {
            let k = match c {
                b'a' | b'e' | b'i' | b'o' | b'u' | b'y' | b'h' => b'a',
                b'q' => b'k',
                b'b' | b'f' | b'v' => b'p',
                b'l' | b'r' => b'r',
                other => other,
            };
            push(out, k);
            i += 1;
            continue;
        }
        let next = b.get(i + 1).copied();
        let soft = matches!(next, Some(b'e' | b'i' | b'y'));
        let vowel_next = matches!(next, Some(b'a' | b'e' | b'i' | b'o' | b'u'));
        let (k, n) = if i == 0 && matches!(c, b'y' | b'i') && vowel_next && next != Some(b'i') {
            // A glide at the start of a word: "Yoahimu" / "Joachim", "Ian" / "Jan", "Iosif" /
            // "Josif", Cyrillic я / ю romanised "ia" / "iu" (pinyin "yi" is a vowel: kept).
            // Its own class y: near j and a, not near the sibilants j also stands for (dzh, zh).
            (b'y', 1)
        } else if i == 0 && c == b'h' && next == Some(b's') && matches!(b.get(2), Some(b'i' | b'u')) {
            // Wade–Giles hs is pinyin x, a sibilant ("Hsieh" / Xie, "Hsiung" / Xiong).
            (b's', 2)
        } else if i > 0
            && c == b'h'
            && next == Some(b's')
            && matches!(b.get(i + 2), Some(b'i' | b'u'))
            && matches!(b[i - 1], b'h' | b'n' | b'g')
        {
            // The same inside a word, where a Wade–Giles syllable ends (-h, -n, -ng) and the next
            // begins with hs ("Chih-hsiung" joined "chihhsiung"): read as a pinyin x inside a word
            // is read (ks), so that it meets the Mandarin reading "zhixiong" ("黄志雄" / Huang
            // Chih-hsiung). Not after a vowel: "Mahsun" is an h and an s.
            push(out, b'k');
            (b's', 2)
        } else if i == 0 && c == b'h' && vowel_next {
            // h at the start is written in most scripts (ح, ה, ハ, ㅎ), and Russian writes a
            // foreign h as г ("Генрих" / "Heinrich", Belarusian "Hleb" / "Глеб"): its own
            // class, cheap to drop, near g (see loose_dist).
            (b'h', 1)
        } else if i == 0 && c == b'g' && !soft && next != Some(b'h') {
            // A hard g at the start: k for every comparison but one (h, above).
            (b'q', 1)
        } else if c == b'g' && soft {
            // g before e / i / y: hard in German, Korean, Japanese and pinyin, soft (dzh) in
            // English, French, Italian and Spanish names that Arabic, Persian, Hebrew and
            // kana write with j ("George" / "جورج", "Gerry" / "جری", "Geraldine" / ジェラルディン):
            // near both k and j.
            (b'G', 1)
        } else if starts(i, b"tj") {
            // Swedish / Dutch / Indonesian tj is ch ("Kazakevitj", "Tjahjono").
            (b'c', 2)
        } else if starts(i, b"sj") {
            // Swedish / Dutch sj is sh ("Lukasjenka").
            (b's', 2)
        } else if starts(i, b"tsch") {
            (b's', 4)
        } else if starts(i, b"shch") || starts(i, b"chtch") {
            (b's', if starts(i, b"chtch") { 5 } else { 4 })
        } else if starts(i, b"dzh") {
            // Russian дж, the English j ("Джо" / Joe, "Джорджанна" / Georganne) and the Arabic ج
            (b'j', 3)
        } else if starts(i, b"sch") || starts(i, b"tch") {
            (b's', 3)
        } else if starts(i, b"ch") {
            // English / French "ch" is a sibilant, German / Dutch "ch" a velar ("Ochlobystin").
            (b'c', 2)
        } else if starts(i, b"sh")
            || starts(i, b"zh")
            || starts(i, b"ts")
            || starts(i, b"tz")
            || starts(i, b"dz")
            || starts(i, b"cz")
            || starts(i, b"sz")
        {
            (b's', 2)
        } else if c == b'd' && i + 2 == b.len() && b[i + 1] == b's' && i > 0 && b[i - 1] == b'r' {
            // English -rds at the end of a word: the ds is one sound to Chinese, Japanese and
            // Korean renderings ("Edwards" / 爱德华兹 -zi, "Richards").
            (b's', 2)
        } else if starts(i, b"dj") {
            (b'j', 2)
        } else if starts(i, b"kh") {
            // Russian х / Arabic خ: German h, Scottish ch, or nothing ("Khaidenbliut" / "Heidenblut")
            (b'x', 2)
        } else if i == 0 && starts(i, b"gh") {
            // gh at the start is never silent: Arabic غ, and the Persian ق and غ, which Latin
            // spellings of Iranian names write gh ("قرایی" Gharaei, "قاسمی" Ghasemi, "قربانی"
            // Ghorbani): a hard g, near q / k.
            (b'q', 2)
        } else if starts(i, b"gh") {
            // Arabic غ (a g), English silent gh ("Wright")
            (b'g', 2)
        } else if starts(i, b"ck") {
            (b'k', 2)
        } else if starts(i, b"dg") && matches!(b.get(i + 2), Some(b'e' | b'i' | b'y')) {
            (b'j', 3)
        } else if starts(i, b"ph") {
            (b'p', 2)
        } else if starts(i, b"th") {
            // English th is written s / t in Korean, Japanese and Chinese renderings
            (b'0', 2)
        } else if starts(i, b"dh") {
            (b't', 2)
        } else if starts(i, b"ng") && (i + 2 == b.len() || !matches!(b[i + 2], b'a' | b'e' | b'i' | b'o' | b'u')) {
            (b'n', 2)
        } else {
            let k = match c {
                b'a' | b'e' | b'i' | b'o' | b'u' | b'y' | b'h' => b'a',
                // English w is a vowel glide, German / Polish w is v.
                b'w' => b'w',
                // c before e / i / y is soft ("Lance", "Cecilia"); g stays hard (Korean, Japanese and
                // German g before i / e are hard; "Roger" / "rojr" meet through j ~ k). j is y in
                // German and Slavic spellings and dzh in English: 'j' meets both (see loose_dist).
                b'c' if soft => b's',
                b'c' | b'k' | b'q' | b'g' => b'k',
                b'j' => b'j',
                b's' | b'z' => b's',
                // x at the start of a name is a sibilant (pinyin "Xi", "Xavier"), else ks
                b'x' if i == 0 => b's',
                b'x' => {
                    push(out, b'k');
                    b's'
                }
                b't' | b'd' => b't',
                b'p' | b'b' | b'f' | b'v' => b'p',
                b'l' | b'r' => b'r',
                other => other,
            };
            (k, 1)
        };
        // t and d side by side are two consonants, not a doubled one: an abjad writes "Ted" as
        // "تد" / "טד" (td), whose key would otherwise keep one t and meet any one-t word
        if k == b't' && n == 1 && i > 0 && matches!((b[i - 1], c), (b't', b'd') | (b'd', b't')) {
            out.push(k);
        } else {
            push(out, k);
        }
        i += n;
    }
}

/// Distance between two loose keys: a vowel (`a`) inserted or deleted costs 0.15 (abjads do not
/// write vowels, kana and Hangul add them), a glide (j, w) 0.3, an r 0.6,
/// a consonant class 1 (m / n 0.6), an adjacent swap 1.
pub fn loose_dist(a: &[u8], b: &[u8]) -> f32 {
    // vowels and the glides j / w are cheap to add or drop
    // r after a vowel is often not written in Asian renderings of English names ("-er" → ー, 어)
    let ic = |c: u8| match c {
        b'a' | b'h' => 0.15,
        b'w' | b'x' | b'g' => 0.3,
        // ch is h in German names, and Japanese / Korean render that as a vowel ("Joachim" / ヨアヒム)
        b'j' | b'c' => 0.6,
        b'y' => 0.3,
        b'r' => 0.6,
        _ => 1.0,
    };
    weighted_edit(a, b, ic, ic, loose_sub)
}

/// The weighted edit distance both loose-key distances use: a letter of `a` alone costs
/// `alone_a`, a letter of `b` alone `alone_b`, a pair `sub`. Keys longer than 95 letters are
/// not compared (their length is returned), so the two rows live on the stack.
fn weighted_edit(
    a: &[u8],
    b: &[u8],
    alone_a: impl Fn(u8) -> f32,
    alone_b: impl Fn(u8) -> f32,
    sub: impl Fn(u8, u8) -> f32,
) -> f32 {
    const R: usize = 96;
    let (n, m) = (a.len(), b.len());
    if n + 1 > R || m + 1 > R {
        return n.max(m) as f32;
    }
    let mut prev = [0f32; R];
    let mut cur = [0f32; R];
    for j in 1..=m {
        prev[j] = prev[j - 1] + alone_b(b[j - 1]);
    }
    for i in 1..=n {
        cur[0] = prev[0] + alone_a(a[i - 1]);
        for j in 1..=m {
            cur[j] = (prev[j] + alone_a(a[i - 1]))
                .min(cur[j - 1] + alone_b(b[j - 1]))
                .min(prev[j - 1] + sub(a[i - 1], b[j - 1]));
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[m]
}

/// Substitution cost between two loose-key classes ([`loose_dist`]).
fn loose_sub(x: u8, y: u8) -> f32 {
    if x == y {
        return 0.0;
    }
    match (x.min(y), x.max(y)) {
        // ch: sibilant or velar; j: y, dzh or zh; w: v or a glide
        (b'c', b'k')
        | (b'c', b's')
        | (b'j', b's')
        | (b'a', b'j')
        | (b'a', b'w')
        | (b'p', b'w')
        | (b'k', b'x')
        | (b'a', b'x')
        | (b'a', b'c')
        | (b'c', b'x')
        | (b'g', b'k')
        | (b'a', b'g')
        | (b'0', b't')
        | (b'0', b's') => 0.3,
        // hard g at the start (q) is k; soft g (G) is near k, j and zh; h is near g (Г)
        (b'k', b'q') => 0.05,
        (b'G', b'k') | (b'G', b'q') | (b'G', b'j') | (b'a', b'h') | (b'h', b'x') | (b'G', b'y') => 0.15,
        (b'j', b'y') => 0.05,
        (b'a', b'y') => 0.3,
        (b'G', b's') | (b'G', b'h') | (b'h', b'q') | (b'a', b'q') => 0.3,
        (b'j', b'k') | (b'j', b'q') => 0.45,
        (b'G', b'c') => 0.6,
        (b'm', b'n') | (b'c', b'j') => 0.6,
        _ => 1.0,
    }
}

/// Distance between the loose key of a foreign name as Chinese characters or katakana transcribe
/// it by sound (`t`: pinyin or Hepburn of the transcription) and the loose key of its Latin
/// spelling (`l`). Transcription writes a syllable for every consonant, so it adds vowels, and
/// a nasal coda before a consonant ("汤姆" tangmu / Tom); it drops an r after a vowel, as
/// English non-rhotic speech does ("史蒂芬·哈珀" shidifen hapo / Stephen Harper, "マーク" maku
/// / Mark), and writes an English j or soft g with pinyin q (read ch: "乔" qiao / Joe). Xinhua
/// News Agency, 英语姓名译名手册 (*Handbook of English name transcription*, 4th ed., 2004) and
/// the Japanese Cabinet notice 外来語の表記 (*Transcription of loanwords*, 1991): the tables the
/// press follows. Costs, else as [`loose_dist`]: dropping a Latin r, adding a vowel 0.15, adding
/// an n 0.3, ch for j 0.15.
pub fn transcription_dist(t: &[u8], l: &[u8]) -> f32 {
    // a letter of the transcription that the Latin spelling lacks
    let ins_t = |c: u8| match c {
        b'a' | b'h' => 0.15,
        b'n' | b'w' | b'x' | b'g' | b'y' => 0.3,
        b'j' | b'c' | b'r' => 0.6,
        _ => 1.0,
    };
    // a letter of the Latin spelling that the transcription drops
    let del_l = |c: u8| match c {
        b'a' | b'h' | b'r' => 0.15,
        b'w' | b'x' | b'g' | b'y' => 0.3,
        b'j' | b'c' => 0.6,
        _ => 1.0,
    };
    let sub = |x: u8, y: u8| if (x.min(y), x.max(y)) == (b'c', b'j') { 0.15 } else { loose_sub(x, y) };
    weighted_edit(t, l, ins_t, del_l, sub)
}

/// Similarity of a word of a transcribed foreign name (`t`, romanised) and a Latin word (`l`)
/// by [`transcription_dist`]: 0.95 when they agree up to what transcription adds and drops, 0.85
/// one consonant off in longer words with the same first sound, else 0. The Latin r the
/// transcription drops is not counted among the consonants that must agree.
pub fn transcription_sim(t: &str, l: &str) -> f32 {
    let (kt, kl) = (loose_key(t), loose_key(l));
    if kt.is_empty() || kl.is_empty() {
        return 0.0;
    }
    let mut d = transcription_dist(kt.as_bytes(), kl.as_bytes());
    // (pinyin q, read ch, for an English j at the start is the same sound: "乔" qiao / Joe)
    let ch_j = (kt.starts_with('c') && kl.starts_with('j')) || (kt.starts_with('j') && kl.starts_with('c'));
    // (Chinese characters and katakana have no kh: they write it h — "汗" han / Khan, "ハーン"
    // hān / Khan)
    let kh_h = kt.starts_with('h') && kl.starts_with('x');
    if soft_start(&kt) != soft_start(&kl) && !h_g_start(&kt, &kl) && !ch_j && !kh_h {
        d += 0.35;
    }
    let cons_l = cons(&kl) - kl.bytes().filter(|&c| c == b'r').count();
    let (c, cmin) = (cons(&kt).max(cons_l), cons(&kt).min(cons_l));
    let first = |k: &str| k.bytes().find(|&c| !matches!(c, b'a' | b'h' | b'j' | b'x' | b'g' | b'y' | b'w'));
    let same_first = first(&kt) == first(&kl) || loose_sub(first(&kt).unwrap_or(0), first(&kl).unwrap_or(1)) <= 0.3;
    if c == 0 {
        0.0
    } else if (d <= 0.8 && cmin >= 2) || (d <= 0.3 && cmin >= 1) {
        0.95
    } else if d <= 1.5 && c >= 3 && cmin >= 2 && same_first {
        0.85
    } else {
        0.0
    }
}

/// Similarity of a foreign name transcribed in Chinese characters as one run, without the middle
/// dots between its words (`t`, romanised: "依斯迈莫哈末沙益" yisimaimohamoshayi), and several
/// Latin words run together (`l`: "ismailmohamedsaid"). Malaysian and Singaporean Chinese
/// newspapers write Malay and Indian names so ("苏莱曼阿都拉曼" / Sulaiman Abdul Rahman).
/// [`transcription_dist`] grows with length here, so it is taken per letter of the longer loose
/// key: ≤ 0.07 → 0.95, ≤ 0.12 → 0.88, else 0. Both keys need four consonants, the same kind
/// of first sound and lengths within 4 : 5 (on the dev half a per-letter distance of 0.12 kept every positive pair of
/// 0.111 or less and the nearest derived negative, "西蒂再拉" / "Siti Mariah", at 0.125, out).
pub fn transcription_sim_glued(t: &str, l: &str) -> f32 {
    let (kt, kl) = (loose_key(t), loose_key(l));
    if cons(&kt) < 4 || cons(&kl) < 4 || (soft_start(&kt) != soft_start(&kl) && !h_g_start(&kt, &kl)) {
        return 0.0;
    }
    // (keys of like length: the cheap steps — a Latin r or l dropped, a vowel added — would
    // otherwise let a whole Latin word vanish: "西蒙斯" simengsi met "Lucille Mitchell")
    if 5 * kt.len().min(kl.len()) < 4 * kt.len().max(kl.len()) {
        return 0.0;
    }
    let d = transcription_dist(kt.as_bytes(), kl.as_bytes()) / kt.len().max(kl.len()) as f32;
    if d <= 0.07 {
        0.95
    } else if d <= 0.12 {
        0.88
    } else {
        0.0
    }
}

/// The Latin word respelt as the language it may come from pronounces it, which is what Chinese,
/// Japanese and Korean transcription follow (Xinhua's naming handbooks, 外来語の表記 and 외래어
/// 표기법 transcribe by the source language's sounds, not its letters: 호세 hose / José): Spanish j before a vowel at the start as h ("José"
/// ホセ hose, "Javier" 哈维尔 haweier), Spanish and French ll
/// after i as y ("Fillon" フィヨン fiyon, 菲永 feiyong), French oi as wa ("François" フランソワ
/// furansowa, 弗朗索瓦 fulangsuowa). Each alone, then all together; empty when none applies.
/// (Tried and dropped: German and Polish w as v, "Wolfgang" ヴォルフガング — 2 more dev pairs,
/// but 7 more false matches of 38,520 random pairs of real transcribed names and real Latin
/// names: v is b in the loose key, and the transcriptions' bu / fu met "Watson", "Ward",
/// "Wanjiru"; German ch after a vowel as h, "Eichel" アイヒェル — no dev pair gained; German s
/// before a vowel as katakana's ジ ji, "Sigmar" ジグマール — 1 dev pair, 3 more false matches:
/// j is a soft start, "Suchira" met "ヨンカイラ".)
fn source_sound_respellings(l: &str) -> Vec<String> {
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    let b = l.as_bytes();
    if b.len() < 3 {
        return Vec::new();
    }
    type Respell = fn(&str) -> String;
    let rules: [(bool, Respell); 3] = [
        (b[0] == b'j' && vowel(b[1]), |w| format!("h{}", &w[1..])),
        (l.contains("ill"), |w| w.replace("ill", "iy")),
        (l.contains("oi"), |w| w.replace("oi", "wa")),
    ];
    let mut out = Vec::new();
    let mut all = l.to_string();
    for (applies, respell) in rules {
        if applies {
            out.push(respell(l));
            all = respell(&all);
        }
    }
    if out.len() > 1 {
        out.push(all);
    }
    out
}

/// `sim` of a transcription and a Latin word, or of the word respelt by
/// [`source_sound_respellings`] where that is nearer.
fn with_source_sounds(t: &str, l: &str, sim: fn(&str, &str) -> f32) -> f32 {
    let best = sim(t, l);
    if best >= 0.95 {
        return best;
    }
    source_sound_respellings(l).iter().fold(best, |b, l2| b.max(sim(t, l2)))
}

/// [`transcription_sim`] for a foreign name transcribed in Chinese characters: pinyin r at the
/// start of a word also stands for a French or Portuguese j or soft g (the zh sound: "让" rang /
/// Jean, "若泽" ruoze / José, "热内" renei / Genest), as the Xinhua handbooks of French and
/// Portuguese name transcription write it; tried as a respelling, then scored alike.
pub fn transcription_sim_han(t: &str, l: &str) -> f32 {
    with_source_sounds(t, l, transcription_sim_han_as_spelt)
}

fn transcription_sim_han_as_spelt(t: &str, l: &str) -> f32 {
    let mut best = transcription_sim(t, l);
    let l_said = silent_final_dropped(t, l, true);
    if best < 0.95 && l_said != l {
        best = best.max(transcription_sim(t, l_said));
    }
    let lb = l.as_bytes();
    let zh = lb.first() == Some(&b'j') || (lb.first() == Some(&b'g') && matches!(lb.get(1), Some(b'e' | b'i')));
    if best >= 0.95 || !t.starts_with('r') || !zh {
        return best;
    }
    let t2 = format!("j{}", &t[1..]);
    let l2 = if lb[0] == b'g' { format!("j{}", &l[1..]) } else { l.to_string() };
    best.max(transcription_sim(&t2, &l2))
}

/// [`transcription_sim`] for a foreign name transcribed into katakana, with three conventions
/// of Japanese transcription (外来語の表記, Cabinet notice 2, 1991, and the press's usage):
/// ウ for a V or W before a consonant at the start ("ウラジーミル" urajimiru / Vladimir, Russian
/// Вл- read by sound), ジ (Hepburn ji) for di / de ("ウラジーミル" / Vladimir), and a French
/// final consonant that is not pronounced left unwritten ("ベルトラン" berutoran / Bertrand,
/// "フランソワ" / François: -d, -t, -s, -x, -z after a vowel or n, when the transcription ends in
/// a vowel or n). Each is tried as a respelling of one side, then scored as
/// [`transcription_sim`] scores.
pub fn transcription_sim_kana(t: &str, l: &str) -> f32 {
    with_source_sounds(t, l, transcription_sim_kana_as_spelt)
}

/// The Latin word without a French final consonant that is not pronounced (-d, -t, -s, -x, -z
/// after a vowel or n: "Bertrand" bertran, "Fait" fai, "François" francoi), when the
/// transcription `t` ends in a vowel or n, as transcription by sound leaves it unwritten
/// ("ベルトラン" berutoran, "费" fei); else the word as it is. `french_vowel`: only after a
/// French vowel digraph or nasal (ai, oi, au, ou, ei, eu; an, en, in, on, un: "Fait",
/// "François", "Bertrand"), not after a single vowel ("Thomas", "Margaret" keep theirs).
fn silent_final_dropped<'a>(t: &str, l: &'a str, french_vowel: bool) -> &'a str {
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    let (tb, lb) = (t.as_bytes(), l.as_bytes());
    let t_open = matches!(tb.last(), Some(&c) if vowel(c) || c == b'n');
    let mut k = lb.len();
    while k > 2 && matches!(lb[k - 1], b'd' | b't' | b's' | b'x' | b'z') {
        k -= 1;
    }
    let french = |k: usize| {
        k >= 2
            && matches!(
                (lb[k - 2], lb[k - 1]),
                (b'a' | b'o' | b'e', b'i') | (b'a' | b'o' | b'e', b'u') | (b'a' | b'e' | b'i' | b'o' | b'u', b'n')
                // (oi already respelt wa by `source_sound_respellings`: "François" francwas)
                | (b'w', b'a')
            )
    };
    if t_open && k < lb.len() && k >= 2 && (vowel(lb[k - 1]) || lb[k - 1] == b'n') && (!french_vowel || french(k)) {
        &l[..k]
    } else {
        l
    }
}

fn transcription_sim_kana_as_spelt(t: &str, l: &str) -> f32 {
    let mut best = transcription_sim(t, l);
    if best >= 0.95 || t.is_empty() || l.len() < 2 {
        return best;
    }
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    let (tb, lb) = (t.as_bytes(), l.as_bytes());
    let mut t2 = t.to_string();
    // ウ + consonant at the start for a Latin v / w + consonant
    if tb[0] == b'u' && tb.len() > 1 && !vowel(tb[1]) && matches!(lb[0], b'v' | b'w') && !vowel(lb[1]) {
        t2.replace_range(..1, "v");
    }
    // ジ for di / de
    if l.contains("di") || l.contains("de") {
        t2 = t2.replace("ji", "di");
    }
    let l2 = silent_final_dropped(t, l, false);
    if t2 != t || l2 != l {
        best = best.max(transcription_sim(&t2, l2));
    }
    best
}

/// [`transcription_sim`] for a foreign name transcribed into Hangul (외래어 표기법, the Ministry
/// of Culture, Sports and Tourism's *Rules of loanword orthography*, 1986 / 2017: an added ㅡ eu
/// after a consonant cluster's consonants, no r after a vowel: "스티븐 하퍼" seutibeun hapeo /
/// Stephen Harper). Stricter than for Chinese characters and katakana, because a Korean name
/// read in Hangul is short and its syllables read like any foreign one: only the close tier
/// (0.95), and the first consonants must agree ("nasseuki" / Sayaka, an n before the word, or
/// "boronin" / Filat, one consonant off, are other names).
pub fn transcription_sim_hangul(t: &str, l: &str) -> f32 {
    with_source_sounds(t, l, transcription_sim_hangul_as_spelt)
}

fn transcription_sim_hangul_as_spelt(t: &str, l: &str) -> f32 {
    let (kt, kl) = (loose_key(t), loose_key(l));
    let first = |k: &str| k.bytes().find(|&c| !matches!(c, b'a' | b'h' | b'j' | b'x' | b'g' | b'y' | b'w'));
    // (an r after the Latin word's first letter may be the one the transcription drops)
    let kl_r: String = kl.char_indices().filter(|&(i, c)| i == 0 || c != 'r').map(|(_, c)| c).collect();
    let (ft, fl) = (first(&kt), first(&kl_r));
    let same_first = ft == fl || (ft.is_some() && fl.is_some() && loose_sub(ft.unwrap_or(0), fl.unwrap_or(0)) <= 0.3);
    if same_first && transcription_sim(t, l) >= 0.95 {
        0.95
    } else {
        0.0
    }
}

/// Two loose keys are the same up to the near-identities at the start of a word (a hard g is
/// k, an h or a glide y a vowel) and soft g ~ k: what equal keys meant before those had their
/// own classes.
pub fn loose_eq(ka: &str, kb: &str) -> bool {
    let norm = |k: &str| {
        let mut v: Vec<u8> = Vec::with_capacity(k.len());
        for c in k.bytes() {
            let c = match c {
                b'q' | b'G' => b'k',
                b'h' | b'y' => b'a',
                c => c,
            };
            if v.last() != Some(&c) {
                v.push(c);
            }
        }
        v
    };
    norm(ka) == norm(kb)
}

/// Consonants of a loose key (vowels, h and the cheap glides w, kh, gh not counted; j and y are).
fn cons(k: &str) -> usize {
    k.bytes().filter(|&c| !matches!(c, b'a' | b'h' | b'w' | b'x' | b'g')).count()
}

/// Starts with a vowel or a vowel-like sound (j, w, h), which every script writes.
fn soft_start(k: &str) -> bool {
    k.starts_with(['a', 'h', 'j', 'w', 'y'])
}

/// The two keys start with sounds that spellings trade: h and g (Russian writes a foreign h as
/// г: "Генрих" / "Heinrich", "Гарри" / "Harry"; Ukrainian / Belarusian г is h: "Глеб" /
/// "Hleb"), a soft g and j / y ("George" / "جرج" jrj, "Geraldine" / ジェラルディン), and j and ch
/// (pinyin j is Wade–Giles ch: "蔣經國" Jiang Jingguo / Chiang Ching-kuo; Spanish j, Persian
/// چ: "Javier" / "چاڤير"), and h and kh (Russian writes a foreign h as х: "Хэйес" / Hayes,
/// "Холл" / Hall; Greek χ, Arabic خ and Hebrew ח stand for both: "Χάμα" / Khama, "خان" / 汗 han)
/// (the last two: session 16, dev misses).
fn h_g_start(ka: &str, kb: &str) -> bool {
    let near = |x: &str, y: &str| {
        (x.starts_with('h') && y.starts_with(['q', 'G']))
            || (x.starts_with(['j', 'y']) && y.starts_with('G'))
            || (x.starts_with('j') && y.starts_with('c'))
            || (x.starts_with('h') && y.starts_with('x'))
    };
    near(ka, kb) || near(kb, ka)
}

/// The strict form used when screening a party against every listed name: only words with at
/// least two consonants on each side that agree up to vowels and near-equivalent sounds
/// (distance ≤ 0.5) count, at 0.95; everything else is 0.
pub fn cross_sim_strict(a: &str, b: &str) -> f32 {
    thread_local! {
        /// The two loose keys, per thread: this runs for every cross-script word pair a
        /// screening compares, and two fresh strings each time were most of its cost.
        static KEYS: std::cell::RefCell<(Vec<u8>, Vec<u8>)> = const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
    }
    KEYS.with(|keys| match keys.try_borrow_mut() {
        Ok(mut keys) => {
            let (ka, kb) = &mut *keys;
            loose_key_into(a, ka);
            loose_key_into(b, kb);
            cross_sim_strict_keys(ka, kb)
        }
        Err(_) => cross_sim_strict_keys(loose_key(a).as_bytes(), loose_key(b).as_bytes()),
    })
}

pub(crate) fn cross_sim_strict_keys(ka: &[u8], kb: &[u8]) -> f32 {
    // loose keys are ASCII
    let (ka, kb) = (std::str::from_utf8(ka).unwrap_or(""), std::str::from_utf8(kb).unwrap_or(""));
    // (a glide y does not count here: "yan" / "yon" are one consonant each, as before y had
    // its own class)
    let strict_cons = |k: &str| cons(k) - k.bytes().filter(|&c| c == b'y').count();
    if strict_cons(ka).min(strict_cons(kb)) < 2 || (soft_start(ka) != soft_start(kb) && !h_g_start(ka, kb)) {
        return 0.0;
    }
    // Korean and Japanese romanisations tell y from j ("용" yong / "정" jeong): when screening,
    // a glide y against a j costs as much as before y had its own class.
    let yj = (ka.starts_with('y') && kb.starts_with('j')) || (kb.starts_with('y') && ka.starts_with('j'));
    if loose_dist(ka.as_bytes(), kb.as_bytes()) + if yj { 0.25 } else { 0.0 } <= 0.5 {
        0.95
    } else {
        0.0
    }
}

/// Similarity of two words written in different scripts (both already in Latin letters), by
/// their loose keys: equal up to vowels and near-equivalent sounds → 0.95; one consonant off
/// (distance ≤ 1.5) in words of ≥ 3 consonants (≥ 2 on each side) → 0.85; two off in ≥ 6 → 0.8. Keys with one consonant must be
/// (nearly) equal.
pub fn cross_sim(a: &str, b: &str) -> f32 {
    let (ka, kb) = (loose_key(a), loose_key(b));
    let s = cross_sim_keys(&ka, &kb);
    // A v at the start of one word against a w at the start of the other is one sound: Persian
    // و, which Iranian names spell v and an Arabic reading w ("وحیدی" whidi / Vahidi, "ولی" wli
    // / Vali), and Polish or German w for a Russian в ("Wacław" / "вацлав"). In the loose key v
    // is b and w a glide, so the two start differently; read the w as v, and count it only when
    // the words then agree as closely as screening asks (loose distance ≤ 0.5: the looser tiers
    // met random names, "вангель" / "Wanlaya", "웨스" weseu / "Vasiliy").
    if s < 0.95 {
        // (the v word's key is the one already made; only the w word is keyed again)
        let w_as_v = |x: &str, y: &str| {
            x.strip_prefix('w').filter(|_| y.starts_with('v')).map(|rest| loose_key(&format!("v{rest}")))
        };
        let keys = match w_as_v(a, b) {
            Some(kw) => Some((kw, &kb)),
            None => w_as_v(b, a).map(|kw| (kw, &ka)),
        };
        if let Some((kw, kv)) = keys {
            if loose_dist(kw.as_bytes(), kv.as_bytes()) <= 0.5 && cross_sim_keys(&kw, kv) >= 0.95 {
                return 0.95;
            }
        }
    }
    s
}

/// [`cross_sim`] of two loose keys.
fn cross_sim_keys(ka: &str, kb: &str) -> f32 {
    if ka.is_empty() || kb.is_empty() {
        return 0.0;
    }
    let (c, cmin) = (cons(ka).max(cons(kb)), cons(ka).min(cons(kb)));
    let mut d = loose_dist(ka.as_bytes(), kb.as_bytes());
    // a vowel at the start is written in every script (alef, aleph, ㅇ, ア …): one side having
    // it and the other not is a real difference ("Alan" / "Ronnie")
    // (j and w count as vowel-like starts: "Yanez" / "Janez", "Iwan" / "Jwan")
    let hg = h_g_start(ka, kb);
    if soft_start(ka) != soft_start(kb) && !hg {
        d += 0.35;
    }
    // a different first consonant is a stronger change ("Kim" / "Pim")
    // (an r after a first vowel is often not written in Asian renderings — "Ernst" / 恩斯特
    // ensite, "Erhard" —: the consonant after it counts as the first)
    let first_from = |k: &str, skip: usize| {
        k.as_bytes().iter().skip(skip).copied().find(|&c| !matches!(c, b'a' | b'h' | b'j' | b'x' | b'g' | b'y'))
    };
    let first = |k: &str| first_from(k, 0);
    let after_r = |k: &str| k.starts_with("ar").then(|| first_from(k, 2)).flatten();
    let class = |c: Option<u8>| match c {
        Some(b'c' | b'0') => Some(b's'),
        Some(b'w') => Some(b'p'),
        Some(b'q' | b'G') => Some(b'k'),
        other => other,
    };
    let same_first = hg
        || first(ka) == first(kb)
        || class(first(ka)) == class(first(kb))
        || [(after_r(ka), first(kb)), (first(ka), after_r(kb)), (after_r(ka), after_r(kb))]
            .into_iter()
            .any(|(x, y)| x.is_some() && class(x) == class(y));
    if c == 0 || (cmin == 0 && c == 1) {
        // (almost) no consonant ("Yuha" / "Juha", "Oh" / "O"): near-equal only
        return if d <= 0.35 { 0.9 } else { 0.0 };
    }
    if (d <= 0.8 && cmin >= 2) || (d <= 0.3 && cmin >= 1) {
        0.95
    } else if d <= 1.5 && c >= 3 && cmin >= 2 && same_first {
        0.85
    } else if d <= 2.2 && cmin >= 6 && same_first {
        0.8
    } else {
        0.0
    }
}
