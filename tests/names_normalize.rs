//! Normalisation as a user would recognise it: scripts transliterated, legal forms folded
//! (rigour org_types, 1,896 aliases, MIT), "SURNAME, Given" reordered, titles dropped, numbers kept.

use catchall::names::normalize::{fold, legal_form_count, phonetic_key};
use catchall::names::{normalize, TokenClass};
use catchall::screening::EntityKind::{self, *};

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
        ("Pakistan Atomic Energy Commission (PAEC)", &["Pakistan Atomic Energy Commission (PAEC)", "Pakistan Atomic Energy Commission", "PAEC"]),
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
