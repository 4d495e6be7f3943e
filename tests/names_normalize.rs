//! Normalisation as a user would recognise it: scripts transliterated, legal forms folded
//! (rigour org_types, 1,896 aliases, MIT), "SURNAME, Given" reordered, titles dropped, numbers kept.

use catchall::names::normalize::{fold, legal_form_count, phonetic_key};
use catchall::names::{normalize, TokenClass};
use catchall::screening::EntityKind::{self, *};

#[path = "common/weights.rs"]
mod weights;
use weights::DF_WEIGHTS_DIGEST;

fn key(s: &str, k: EntityKind) -> String {
    normalize(s, k).key()
}

#[test]
fn normalisation_table() {
    let cases: &[(&str, EntityKind, &str)] = &[
        ("PUTIN, Vladimir Vladimirovich", Person, "vladimir vladimirovich putin"),
        ("Владимир Путин", Person, "vladimir putin"),
        ("Νικόλαος Παπαδόπουλος", Person, "nikolaos papadopoulos"),
        ("Dr. Abdul Qadeer Khan", Person, "abdul qadeer khan"),
        ("Huawei Technologies Co., Ltd.", Organization, "huawei technologies coltd"),
        ("Siemens Aktiengesellschaft", Organization, "siemens ag"),
        ("ООО Ромашка", Organization, "ooo romashka"),
        ("M/s Hassan Scientific Corporation", Organization, "hassan scientific corporation"),
        ("11420 CORP.", Organization, "11420 corp"),
        ("CORP", Organization, "corp"),
        ("MV Sea Breeze", Vessel, "sea breeze"),
        ("JOS? MAR?A", Person, "jos mara"),
        ("U.S.A. Trading", Organization, "usa trading"),
    ];
    for (raw, kind, want) in cases {
        assert_eq!(key(raw, *kind), *want, "{raw}");
    }
}

#[test]
fn legal_forms_are_classified_and_numbers_kept() {
    let n = normalize("11420 Corp", Organization);
    assert_eq!(n.tokens[0].class, TokenClass::Number);
    assert_eq!(n.tokens[1].class, TokenClass::LegalForm);
    // A name that is only a legal form keeps it as a word.
    assert_eq!(normalize("Corp", Organization).tokens[0].class, TokenClass::Word);
    // Persons never lose name parts to legal forms ("Sa" may be a name).
    assert!(normalize("Ahmed Sa", Person).tokens.iter().all(|t| t.class != TokenClass::LegalForm));
    // 1,896 rigour aliases + domain-rules extras fold to ~1,500 distinct keys ("P.L.C." = "PLC").
    assert!(legal_form_count() >= 1450, "{}", legal_form_count());
}

#[test]
fn cjk_is_flagged_and_transliterated() {
    let n = normalize("张伟", Person);
    assert!(n.cjk);
    assert_eq!(n.key(), "zhang wei");
    assert!(!normalize("Zhang Wei", Person).cjk);
}

#[test]
fn phonetic_keys() {
    assert_eq!(phonetic_key("mohammed"), phonetic_key("muhammad"));
    assert_eq!(phonetic_key("alexander"), phonetic_key("aliaksandr"));
    assert_ne!(phonetic_key("mayrow"), phonetic_key("mayrowitz"));
    assert_eq!(fold("Al-Qa'ida"), vec!["al", "qaida"]);
}

#[test]
fn token_classes_of_a_company() {
    let n = normalize("Hassan Scientific Corporation", Organization);
    let classes: Vec<_> = n.tokens.iter().map(|t| (t.text.as_str(), t.class, (t.weight * 100.0).round())).collect();
    println!("{classes:?}");
    assert_eq!(n.tokens[2].class, TokenClass::LegalForm);
}

/// Which parts of a name with a parenthesis are indexed (and searched) on their own.
#[test]
fn parenthesised_parts_stand_alone_only_as_names() {
    use catchall::names::normalize::name_variants;
    let cases: &[(&str, &[&str])] = &[
        (
            "Pakistan Atomic Energy Commission (PAEC)",
            &["Pakistan Atomic Energy Commission (PAEC)", "Pakistan Atomic Energy Commission", "PAEC"],
        ),
        ("Rosatom (formerly Minatom)", &["Rosatom (formerly Minatom)", "Rosatom", "formerly Minatom"]),
        // A place qualifier is not a name of its own: else every "… (Hong Kong) …" firm would be
        // an exact match of every other one.
        ("Solar Way (Hong Kong) Ltd.", &["Solar Way (Hong Kong) Ltd.", "Solar Way Ltd."]),
        ("Acme Trading (China)", &["Acme Trading (China)", "Acme Trading"]),
        ("Leader (Hong Kong) International", &["Leader (Hong Kong) International", "Leader International"]),
        ("Plain Name Ltd", &["Plain Name Ltd"]),
    ];
    for (raw, want) in cases {
        assert_eq!(name_variants(raw), want.iter().map(|s| s.to_string()).collect::<Vec<_>>(), "{raw}");
    }
}

/// Issue 13: each script is romanised by its own rules before folding.
#[test]
fn script_aware_romanisation() {
    use catchall::names::translit::{romanize, script_of, Script};
    let key = |s: &str| normalize(s, Person).key();
    // Hangul: syllable by syllable (RR), a one-word name split into surname + given name.
    assert_eq!(key("김정훈"), "gim jeonghun");
    assert_eq!(key("이해찬"), "lee haechan");
    // Kana: Hepburn with yōon, small vowels, sokuon; ・ separates words.
    assert_eq!(key("アクセル・フィッシャー"), "akuseru fissha");
    assert_eq!(key("しゃちょう"), "shachou");
    // Greek: modern pronunciation.
    assert_eq!(key("Τζον Μακέιν"), "tzon makin");
    // Hebrew: geresh, vav and yod as vowels inside a word.
    assert_eq!(key("ג'ון"), "jon");
    // ... an alef inside a word is a vowel letter, a (session 12).
    assert_eq!(key("מארק"), "mark");
    assert_eq!(key("יארי קורי"), "yari kori");
    // Arabic: the article is split off.
    assert_eq!(key("شهاب المهاجر"), "shhab al mhajr");
    // ... but الله is the word Allah, not the article + "lh" (Urdu writes it with ہ).
    assert_eq!(key("ثناء اللہ غفاری"), "thna allah ghfari");
    assert_eq!(key("عبد الله"), "abd allah");
    assert_eq!(key("الله"), "allah");
    // Persian, Urdu and Pashto say ذ ض ظ z (ALA-LC Persian); Arabic keeps dh, d.
    assert_eq!(key("ضیا الرحمان"), "zia al rhman");
    assert_eq!(key("رضا ذاکری"), "rza zakri");
    assert_eq!(key("ضياء الرحمن"), "dia al rhmn");
    assert_eq!(key("عادل ذهبي"), "aadl dhhbi");
    // Azerbaijani schwa is a vowel, not a word break ("Məmmədov" was "m mm dov").
    assert_eq!(key("Əliyev Məmmədov"), "eliyev memmedov");
    // Thai: preposed vowels, silent letters, -orn.
    assert_eq!(key("นนทพัทธ์"), "nonthaphat");
    // Thai syllables (RTGS values, จ written j as Thai names usually are; session 12):
    for (thai, latin) in [
        ("ทรงศรี", "songsi"),         // ทร and ศร at the start of a syllable are s
        ("จิรายุทธ", "jirayut"),       // ทธ after a short vowel: the last is silent
        ("ธีรพงษ์", "thiraphong"),     // ร between a vowel and a consonant: "ra"
        ("ภัทร", "phat"),             // a ร after ั closing the word is silent
        ("สุรจิตร", "surajit"),        // ... and after ต ท ช
        ("ศิริพร", "siriphon"),        // ... but not after พ: "phon"
        ("วไลลักษณ์", "walailak"),     // an inherent a before a preposed vowel; ลล is no cluster
        ("เจียมจิต", "jiamjit"),       // เ–ีย ia
        ("เมือง", "mueang"),          // เ–ือ uea
        ("พวงเพ็ชร", "phuangphet"),   // ว between consonants is ua
        ("ธนากฤต", "thanakrit"),     // ฤ ri
        ("จันทร์เพ็ญ", "janphen"),      // ทร์ silent together
        ("ธรรมศักดิ์", "thamsak"),      // รร before a consonant: a + that final
        ("พรรณี", "phanni"),          // ... before a consonant with a vowel: an
        ("วิวรรธน์", "wiwat"),         // the consonant before รร is its initial
        ("ยอดธง", "yotthong"),       // อ after a consonant is the vowel o
        ("เพชรไพลิน", "phetphailin"), // ชร before a preposed vowel; ล with its own vowel is no cluster
    ] {
        assert_eq!(key(thai), latin, "{thai}");
    }
    // Han: a known surname splits a one-word name; a transliterated foreign name stays one word.
    assert_eq!(key("张伟"), "zhang wei");
    assert_eq!(key("加德納").split(' ').count(), 1);
    // A particle between middle dots is read as the particle; the same character in a word is
    // a syllable ("夏尔·德·戴高乐" de Gaulle, "加德納" Gardner).
    assert!(key("夏尔·德·戴高乐").contains(" de "), "{}", key("夏尔·德·戴高乐"));
    assert!(key("里夏德·馮·魏茨澤克").contains(" von "), "{}", key("里夏德·馮·魏茨澤克"));
    assert!(key("冯·加德納").starts_with("feng "), "{}", key("冯·加德納"));
    assert_eq!(script_of("Ольга"), Script::Cyrillic);
    assert_eq!(script_of("山田たろう"), Script::Kana);
    assert_eq!(romanize("Plain ASCII"), "Plain ASCII");
}

/// One name from Cyrillic as the European languages spell it, respelt in one convention
/// (`translit::respell_latin`); ch read as ch, or as kh where `ch_as_kh`.
#[test]
fn latin_respellings_of_names_from_cyrillic() {
    use catchall::names::translit::respell_latin;
    let cases: &[(&str, bool, &str)] = &[
        ("leonidovitj", false, "leonidovich"),
        ("leonidovich", false, "leonidovich"),
        ("alexandrowitsch", false, "aleksandrovich"),
        ("aleksandrowicz", false, "aleksandrovich"),
        ("slizjevskij", false, "slizhevski"),
        ("slizhevsky", false, "slizhevski"),
        ("jevgenij", false, "evgeni"),
        ("yevgeny", false, "evgeni"),
        ("marija", false, "maria"),
        ("mariia", false, "maria"),
        ("michail", true, "mihail"),
        ("mikhail", false, "mihail"),
        ("tschaika", false, "chaika"),
        ("chayka", false, "chaika"),
        ("youssef", false, "yusef"),
    ];
    let mut out = Vec::new();
    for (w, kh, want) in cases {
        assert!(respell_latin(w, *kh, &mut out), "{w}");
        assert_eq!(String::from_utf8_lossy(&out), *want, "{w}");
    }
    // not a folded Latin word: nothing to respell
    assert!(!respell_latin("Иван", false, &mut out));
}

/// The loose key lets spellings of one sound in different scripts meet.
#[test]
fn loose_keys_across_scripts() {
    use catchall::names::translit::{cross_sim, cross_sim_strict, loose_key};
    assert_eq!(loose_key("jeong"), loose_key("jung"));
    assert_eq!(loose_key("tsedong"), loose_key("zedong"));
    assert!(cross_sim("iwanowitsch", "ivanovich") >= 0.85);
    assert!(cross_sim("msha", "moshe") >= 0.95);
    assert!(cross_sim("qhn", "kohen") >= 0.85);
    assert_eq!(cross_sim("ron", "paul"), 0.0);
    // screening is strict: one consonant is not enough
    assert_eq!(cross_sim_strict("in", "jung"), 0.0);
}

/// Two different CJK names that transliterate alike are not the same name; the same name in
/// another script is.
#[test]
fn cjk_same_script_compared_as_written() {
    use catchall::names::compare_names;
    use catchall::screening::Decision;
    let r = compare_names("张伟", "章伟", Person);
    assert!(r.score < 0.7, "{}", r.explanation);
    assert_eq!(compare_names("张伟", "张伟", Person).decision, Decision::Match);
    assert_eq!(compare_names("김정훈", "KIM Jung Hoon", Person).decision, Decision::Match);
    assert_eq!(compare_names("משה כהן", "Moshe Cohen", Person).decision, Decision::Match);
}

/// Generic words never carry an organisation match; a party's parenthesised part is a qualifier.
#[test]
fn generic_words_and_qualifiers() {
    use catchall::names::compare_names;
    use catchall::names::normalize::query_variants;
    use catchall::screening::Decision;
    assert_eq!(compare_names("College of Marin", "Mirim College", Organization).decision, Decision::NoMatch);
    assert_eq!(compare_names("University of Turin", "University of Tehran", Organization).decision, Decision::NoMatch);
    assert_eq!(compare_names("Rosoboronexport", "Rosoboroneksport", Organization).decision, Decision::Match);
    assert_eq!(
        query_variants("Swiss Business School Zurich (SBS)"),
        vec!["Swiss Business School Zurich (SBS)", "Swiss Business School Zurich"]
    );
}

/// Spellings that differ by script convention meet, while different names stay apart (issue 13,
/// third round; each row names the rule it exercises).
#[test]
fn cross_script_spelling_conventions() {
    use catchall::names::compare_names;
    use catchall::screening::Decision::{self, *};
    let cases: &[(&str, &str, EntityKind, Decision, &str)] = &[
        ("Генрих Айгнер", "Heinrich Aigner", Person, Match, "Russian г for a foreign h"),
        ("Глеб Дрыль", "Hleb Dryl", Person, Match, "Belarusian г is h"),
        ("ジェラルディン", "Géraldine", Person, Match, "soft g written j"),
        ("جرج آزبرن", "George Osborne", Person, Match, "soft g written ج"),
        ("ヨアヒム・ガウク", "Joachim Gauck", Person, Match, "a glide y at the start is j"),
        ("伊万·科斯托夫", "Ivan Kostov", Person, Match, "万 read wan in names"),
        ("Генадзь Аркадзьевiч Казакевiч", "Henadz Arkadzevitj KAZAKEVITJ", Person, Match, "Swedish tj is ch"),
        ("كولوم", "Coulomb", Person, Match, "و between consonants is a vowel"),
        ("رادنی فرلینگویسن", "Rodney P. Frelinghuysen", Person, Match, "a lone middle initial"),
        ("Bob Bennett", "Robert Bennett", Person, Match, "a nickname"),
        ("Боб Беннетт", "Robert Bennett", Person, Match, "a nickname across scripts"),
        ("عثمان أحمد عثمان الغامدي", "Othman AL-GHAMDI", Person, Match, "a repeated part of a chain of names"),
        ("Bob Smith", "Robert Jones", Person, NoMatch, "a nickname alone is not a name"),
    ];
    for (a, b, kind, want, why) in cases {
        let got = compare_names(a, b, *kind);
        assert_eq!(got.decision, *want, "{a} / {b} ({why}): score {}", got.score);
    }
    // no nicknames in organisation names
    assert_ne!(compare_names("Bob Bennett", "Robert Bennett", Organization).decision, Match);
    use catchall::names::translit::{cross_sim, loose_eq, loose_key};
    // a hard g at the start is still k for "the same key"; soft g is not j for it
    assert!(loose_eq(&loose_key("gim"), &loose_key("kim")));
    assert!(!loose_eq(&loose_key("insead"), &loose_key("anozit")));
    // y as a glide does not stand for the sibilants that j also spells
    assert_eq!(cross_sim("yufang", "shufen"), 0.0);
}

/// Han names of foreigners are transcriptions by sound, and some characters had no right
/// pinyin (issue 13, fourth round; pairs from the dev half of the held-out set).
#[test]
fn han_transcriptions_and_readings() {
    use catchall::names::compare_names;
    use catchall::names::translit::loose_key;
    use catchall::screening::Decision::{self, *};
    let key = |s: &str| normalize(s, Person).key();
    // readings deunicode lacked: 宁 ning (not zhu), 汉 han (not yi), 叶 ye (not xie; a surname,
    // so the name is split and read as a Chinese name)
    assert_eq!(key("辽宁"), "liaoning");
    assert_eq!(key("汉斯"), "hansi");
    assert_eq!(key("叶利钦"), "ye liqin");
    // a closing comma does not make a one-word name two words
    assert_eq!(key("陳修信,"), "chen xiuxin");
    // Wade–Giles hs is pinyin x
    assert_eq!(loose_key("hsieh"), loose_key("xie"));
    let cases: &[(&str, &str, Decision, &str)] = &[
        ("嘉貝麗·吉佛斯", "Gabrielle Giffords", Match, "j read g in a transcription"),
        ("叶夫根尼·爱德华多维奇·米哈伊洛夫", "Evgeny Eduardovich MIKHAYLOV", Match, "叶 ye, q read ch (-vich)"),
        ("格雷格·汉兹", "Greg Hands", Match, "汉 han"),
        ("约翰·爱德华兹", "John Edwards", Match, "-rds one sibilant"),
        ("克劳斯·恩斯特", "Klaus Ernst", Match, "an r before the first consonant is not written"),
        ("张伟", "章伟", NoMatch, "different characters, same pinyin"),
    ];
    for (a, b, want, why) in cases {
        let got = compare_names(a, b, Person);
        assert_eq!(got.decision, *want, "{a} / {b} ({why}): score {}", got.score);
    }
}

/// The weights of listed names (computed natively when the web app's index is built at build
/// time) and of queries (computed in wasm) must agree bit for bit; the same constant is asserted
/// under wasm in tests/wasm_cases.rs. If `df_weight` is changed on purpose, update the constant.
#[test]
fn word_weights_are_the_same_bits_natively_and_in_wasm() {
    assert_eq!(
        catchall::names::normalize::df_weights_digest(),
        DF_WEIGHTS_DIGEST,
        "df_weight changed: update DF_WEIGHTS_DIGEST in tests/common/weights.rs to {:#x}",
        catchall::names::normalize::df_weights_digest()
    );
}

/// The key a Latin Japanese name word is matched by against kanji readings: long vowels
/// shortened as lists write them, m before b / p / m as n.
#[test]
fn japanese_name_keys() {
    use catchall::names::translit::ja_key;
    let cases = [
        ("shoroku", "shoroku"),
        ("shouroku", "shoroku"),
        ("shohroku", "shoroku"),
        ("ohno", "ono"),
        ("oono", "ono"),
        ("ohashi", "ohashi"),
        ("yuuki", "yuki"),
        ("homma", "honma"),
        ("shimbun", "shinbun"),
        ("kiyoshi", "kiyoshi"),
    ];
    for (w, want) in cases {
        assert_eq!(ja_key(w).as_deref(), Some(want), "{w}");
    }
    assert_eq!(ja_key("Takayama"), None);
    assert_eq!(ja_key(""), None);
}
