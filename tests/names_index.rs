//! The indexed matcher as the rules engine sees it (`PartyScreener`): hits explain themselves,
//! country mismatch downgrades to Possible, weak aliases are exact-only and Possible, list filter.

use catchall::lists::List;
use catchall::names::Index;
use catchall::screening::{Decision, EntityKind, Entry, ListMeta, PartyScreener, Query};

fn entry(id: &str, kind: EntityKind, name: &str, aliases: &[&str], weak: &[&str], countries: &[&str]) -> Entry {
    Entry {
        id: id.into(),
        kind,
        name: name.into(),
        aliases: aliases.iter().map(|s| s.to_string()).collect(),
        weak_aliases: weak.iter().map(|s| s.to_string()).collect(),
        countries: countries.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    }
}

/// An index over one list of `entries`.
fn one_list(id: &str, name: &str, date: &str, entries: Vec<Entry>) -> Index {
    let meta =
        ListMeta { id: id.into(), name: name.into(), date: date.into(), entries: entries.len(), ..Default::default() };
    Index::build(vec![List { meta, entries }])
}

fn index() -> Index {
    use EntityKind::*;
    let el = List {
        meta: ListMeta {
            id: "us_entity_list".into(),
            name: "Entity List".into(),
            date: "2026-07-23".into(),
            entries: 3,
            ..Default::default()
        },
        entries: vec![
            entry(
                "el-1",
                Organization,
                "Hassan Scientific Corporation",
                &["Hasan Scientific Corporation"],
                &[],
                &["PK"],
            ),
            entry("el-2", Organization, "Mayrow General Trading", &[], &[], &["AE"]),
            entry("el-3", Organization, "11420 Corp.", &[], &[], &[]),
        ],
    };
    let sdn = List {
        meta: ListMeta {
            id: "us_sdn".into(),
            name: "SDN".into(),
            date: "2026-08-20".into(),
            entries: 3,
            ..Default::default()
        },
        entries: vec![
            entry("1", Person, "BIN LADIN, Usama", &["BIN LADEN, Osama"], &["The Sheikh"], &["SA"]),
            entry("2", Person, "NASRALLAH, Hassan", &[], &[], &["LB"]),
            entry("3", Vessel, "GRACE 1", &["ADRIAN DARYA 1"], &[], &[]),
        ],
    };
    Index::build(vec![el, sdn])
}

fn q(name: &str, kind: EntityKind, country: Option<&str>) -> Query {
    Query { name: name.into(), kind, country: country.map(String::from), ..Default::default() }
}

#[test]
fn screening_table() {
    use Decision::*;
    use EntityKind::*;
    let ix = index();
    // (query, kind, country, expected best (list, entry, decision) or None)
    type Case<'a> = (&'a str, EntityKind, Option<&'a str>, Option<(&'a str, &'a str, Decision)>);
    let cases: &[Case] = &[
        ("Hassan Scientific Corporation", Organization, Some("PK"), Some(("us_entity_list", "el-1", Match))),
        ("Hasan Scientific Corp", Unknown, None, Some(("us_entity_list", "el-1", Match))),
        ("Hassan Scientific Corporation", Organization, Some("DE"), Some(("us_entity_list", "el-1", Possible))),
        ("Hassan Trading", Organization, None, None),
        ("Mayrowitz General Trading", Organization, None, None),
        ("Osama bin Laden", Person, None, Some(("us_sdn", "1", Match))),
        ("The Sheikh", Unknown, None, Some(("us_sdn", "1", Possible))),
        ("Sheikh Ahmed", Unknown, None, None),
        ("Hassan Nasrallah", Person, Some("LB"), Some(("us_sdn", "2", Match))),
        ("Hassan Ali", Person, None, None),
        ("Corp", Organization, None, None),
        ("11420 Corporation", Organization, None, Some(("us_entity_list", "el-3", Match))),
        ("Adrian Darya 1", Vessel, None, Some(("us_sdn", "3", Match))),
        ("Grace 2", Vessel, None, None),
    ];
    for (name, kind, country, want) in cases {
        let hits = ix.screen(&q(name, *kind, *country));
        match want {
            None => assert!(
                hits.is_empty(),
                "{name}: expected no hit, got {:?}",
                hits.first().map(|h| (&h.entry_id, h.score, h.decision))
            ),
            Some((list, id, dec)) => {
                let h = hits.first().unwrap_or_else(|| panic!("{name}: no hit"));
                assert_eq!(
                    (h.list.as_str(), h.entry_id.as_str(), h.decision),
                    (*list, *id, *dec),
                    "{name}: {}",
                    h.explanation
                );
            }
        }
    }
}

#[test]
fn hits_explain_themselves_and_entries_are_reachable() {
    let ix = index();
    let hits = ix.screen(&q("Hasan Scientific Corporation", EntityKind::Organization, Some("PK")));
    let h = &hits[0];
    assert_eq!(h.matched_name, "Hasan Scientific Corporation");
    assert_eq!(h.name, "Hassan Scientific Corporation");
    let ex = &h.explanation;
    assert_eq!(ex["list_date"], "2026-07-23");
    assert_eq!(ex["matched_as"], "alias");
    assert!(ex["aligned"].as_array().is_some_and(|a| a.len() == 3), "{ex}");
    assert_eq!(ex["score_parts"]["country"]["agrees"], true);
    let e = ix.entry(&h.list, &h.entry_id).expect("entry behind the hit");
    assert_eq!(e.countries, vec!["PK".to_string()]);
    assert_eq!(ix.lists().len(), 2);
    assert!(ix.entry("us_sdn", "nope").is_none());
}

#[test]
fn list_filter() {
    let ix = index();
    let query = q("Hassan Scientific Corporation", EntityKind::Organization, None);
    assert!(ix.screen_lists(&query, &["us_sdn".to_string()]).is_empty());
    assert_eq!(ix.screen_lists(&query, &["us_entity_list".to_string()]).len(), 1);
}

/// Birth dates and identifiers beside the name: a different birth date downgrades a match to a
/// possible match; the same full birth date or an identifier the entry records confirms, and
/// lifts a possible match to a match only from a name score of 0.80 and when nothing
/// contradicts (no country or birth-date mismatch). Weak aliases are never lifted.
#[test]
fn dob_and_identifier_table() {
    use Decision::*;
    use EntityKind::*;
    let mut karimov = entry("4", Person, "KARIMOV, Rustam Alievich", &[], &["The Engineer"], &["RU"]);
    karimov.dates_of_birth = vec!["1970-01-31".into(), "1971".into()];
    karimov.fields.insert("ids".into(), "Passport N 1234567 (RU); National ID No. 4501-223344 (RU)".into());
    let mut ship = entry("5", Vessel, "OCEAN PRIDE", &[], &[], &["GM"]);
    ship.fields.insert("ids".into(), "IMO 9187629".into());
    let ix = one_list("us_sdn", "SDN", "2026-08-20", vec![karimov, ship]);
    // (name, kind, country, dobs, ids, expected decision, expected score_parts key → effect / agrees)
    type Case<'a> = (&'a str, EntityKind, Option<&'a str>, &'a [&'a str], &'a [&'a str], Decision, &'a str, &'a str);
    const NEAR: &str = "none: a year off by one where a list gives only the year, or one digit apart, is read as the same date written differently";
    let cases: &[Case] = &[
        ("Rustam Karimov", Person, None, &[], &[], Match, "", ""),
        ("Rustam Karimov", Person, None, &["1970-01-31"], &[], Match, "confirmation", "confirms the match"),
        ("Rustam Karimov", Person, None, &["1971-06-02"], &[], Match, "date_of_birth", "consistent"),
        ("Rustam Karimov", Person, None, &["1985-03-04"], &[], Possible, "date_of_birth", "at most possible"),
        ("Rustam Karimov", Person, None, &[], &["N1234567"], Match, "confirmation", "confirms the match"),
        ("Rustam Karimov", Person, None, &["1985-03-04"], &["N1234567"], Possible, "date_of_birth", "at most possible"),
        // a different country holds a name match at possible, unless the same identifier or the
        // same full birth date says who the party is (not when a birth date differs)
        ("Rustam Karimov", Person, Some("DE"), &[], &[], Possible, "country", "at most possible"),
        (
            "Rustam Karimov",
            Person,
            Some("DE"),
            &[],
            &["4501223344"],
            Match,
            "country",
            "outweighed by the same identifier",
        ),
        (
            "Rustam Karimov",
            Person,
            Some("DE"),
            &["1970-01-31"],
            &[],
            Match,
            "country",
            "outweighed by the same date of birth",
        ),
        ("Rustam Karimov", Person, Some("DE"), &["1985-03-04"], &["N1234567"], Possible, "country", "at most possible"),
        (
            "Ocean Pride",
            Vessel,
            Some("RU"),
            &[],
            &["IMO 9187629"],
            Match,
            "country",
            "outweighed by the same identifier",
        ),
        ("Ocean Pride", Vessel, Some("RU"), &[], &[], Possible, "country", "at most possible"),
        // a birth date one year off a year given alone, or one digit off, neither confirms nor downgrades
        ("Rustam Karimov", Person, None, &["1972"], &[], Match, "date_of_birth", NEAR),
        ("Rustam Karimov", Person, None, &["1970-01-21"], &[], Match, "date_of_birth", NEAR),
        ("Rustam Karimov", Person, None, &["1974"], &[], Possible, "date_of_birth", "at most possible"),
        ("Rustam Karimov", Person, None, &[], &["N7654321"], Match, "identifier", ""),
        ("The Engineer", Unknown, None, &["1970-01-31"], &[], Possible, "confirmation", "weak alias: at most possible"),
        ("Ocean Pride", Vessel, None, &[], &["IMO 9187629"], Match, "confirmation", "confirms the match"),
    ];
    for (name, kind, country, dobs, ids, want, part, effect) in cases {
        let mut query = q(name, *kind, *country);
        query.dates_of_birth = dobs.iter().map(|s| s.to_string()).collect();
        query.identifiers = ids.iter().map(|s| s.to_string()).collect();
        let hits = ix.screen(&query);
        let h = hits.first().unwrap_or_else(|| panic!("{name} {dobs:?} {ids:?}: no hit"));
        assert_eq!(h.decision, *want, "{name} {dobs:?} {ids:?}: {}", h.explanation);
        let parts = &h.explanation["score_parts"];
        if part.is_empty() {
            assert!(parts.get("confirmation").is_none() && parts.get("date_of_birth").is_none(), "{parts}");
        } else if *part == "identifier" {
            assert!(parts.get("identifier").is_none(), "a different identifier says nothing: {parts}");
        } else {
            let p = &parts[*part];
            let got = p.get("effect").or_else(|| p.get("agrees")).and_then(|v| v.as_str()).unwrap_or_default();
            assert_eq!(got, *effect, "{name} {dobs:?} {ids:?}: {parts}");
        }
    }
}

/// A possible match whose name score is within 0.05 of the match threshold becomes a match
/// with the same identifier, and only then: found by scanning spellings for one in the band,
/// so the test does not depend on one spelling's exact score.
#[test]
fn identifier_lifts_a_near_threshold_possible_match() {
    use Decision::*;
    use EntityKind::*;
    let mut e = entry("7", Person, "Abdulrahman Mohammed Al-Qahtani", &[], &[], &[]);
    e.fields.insert("ids".into(), "Passport K998877 (SA)".into());
    let ix = one_list("us_sdn", "SDN", "2026-08-20", vec![e]);
    let spellings = [
        "Abdulrahman Al-Qahtani",
        "Abdul Rahman Al Qahtani",
        "Abdurrahman Mohamed Qahtani",
        "Abdulrahman Qahtani",
        "Abd al-Rahman Muhammad al-Qahtani",
        "Abdelrahman Mohammad Kahtani",
        "Abdulrahman M. Al-Qahtany",
        "Abdulrahman Al Qahtani Mohammed Saleh",
        "Abdulrahman Saleh Al-Qahtani",
        "Abdulrahman Saleh Nasser Al-Qahtani",
        "Abdulrahman Mohammed Al-Qahtani Saleh Nasser",
        "Rahman Mohammed Qahtani",
        "Abdulrahman Mohammed Saleh Nasser Omar Al-Qahtani",
    ];
    let mut lifted = 0;
    let mut seen = Vec::new();
    for s in spellings {
        let mut query = q(s, Person, None);
        let Some(before) = ix.screen(&query).into_iter().next() else { continue };
        seen.push((s, before.score));
        query.identifiers = vec!["K998877".into()];
        let after = ix.screen(&query).into_iter().next().expect("a hit stays a hit");
        assert_eq!(after.score, before.score, "{s}: confirmation changes the decision, not the score");
        match before.decision {
            Possible if before.score >= 0.80 => {
                assert_eq!(after.decision, Match, "{s} ({})", before.score);
                assert_eq!(after.explanation["score_parts"]["confirmation"]["effect"], "raised to match");
                lifted += 1;
            }
            Possible => assert_eq!(after.decision, Possible, "{s} ({})", before.score),
            d => assert_eq!(after.decision, d),
        }
    }
    assert!(lifted >= 1, "no spelling scored in the 0.80–0.85 band: {seen:?}");
}

/// A Latin party against a Cyrillic listed name: a word that agrees only in the loose key (b / v,
/// l / r and vowels alike) is at most Possible; the entry's Latin name still Matches (issue 13,
/// fourth round: "Blair Gabriel" was a Match on "Валерий ГАБРИЭЛЬ" through blair ~ valerii).
#[test]
fn loose_only_agreement_with_cyrillic_is_at_most_possible() {
    use Decision::*;
    use EntityKind::*;
    let ix = one_list(
        "eu_fsf",
        "EU FSF",
        "2026-01-28",
        vec![entry("eu-1", Person, "Валерий Александрович ГАБРИЭЛЬ", &["Valery Alexandrovich GABRIEL"], &[], &[])],
    );
    let cases: &[(&str, Option<Decision>)] =
        &[("Blair Gabriel", Some(Possible)), ("Valery Gabriel", Some(Match)), ("Валерий Габриэль", Some(Match))];
    for (name, want) in cases {
        let hits = ix.screen(&q(name, Person, None));
        assert_eq!(hits.first().map(|h| h.decision), *want, "{name}: {:?}", hits.first().map(|h| &h.explanation));
    }
}

/// A listed person's name in another language's spelling of the Cyrillic (Swedish "tj", German
/// "w" and "tsch", "j" for y) is screened as that name, and agrees part by part: a Match, not
/// a review; another surname with the same given name and patronymic is no hit at all.
#[test]
fn european_spellings_of_a_listed_russian_name() {
    use Decision::*;
    use EntityKind::*;
    let ix = one_list(
        "us_sdn",
        "OFAC SDN",
        "2026-08-20",
        vec![entry("sdn-1", Person, "GOLUBEV, Vasily Yuryevich", &["Василий Юрьевич ГОЛУБЕВ"], &[], &[])],
    );
    let cases: &[(&str, Option<Decision>)] = &[
        ("Wassili Jurjewitsch Golubew", Some(Match)),
        ("Vasilij Jurjevitj GOLUBEV", Some(Match)),
        ("Vasilij Jurjevitj GOLUBENKO", None),
    ];
    for (name, want) in cases {
        let hits = ix.screen(&q(name, Person, None));
        assert_eq!(hits.first().map(|h| h.decision), *want, "{name}: {:?}", hits.first().map(|h| &h.explanation));
    }
}

/// A person's name in kanji only is also screened by the Japanese readings its kanji usually
/// take in names, as exact names of listed persons, and is then at most a review (the OFAC SDN
/// entries of the Yamaguchi-gumi leaders, "高山清司" TAKAYAMA Kiyoshi, "篠田建市" SHINODA
/// Kenichi); not a short reading, and not an organisation's name ("沙丹" sa tan / "TAN S.A.").
#[test]
fn japanese_names_in_kanji_are_screened_by_their_name_readings() {
    use Decision::*;
    use EntityKind::*;
    let ix = one_list(
        "us_sdn",
        "SDN",
        "2026-08-20",
        vec![
            entry("13073", Person, "TAKAYAMA, Kiyoshi", &[], &[], &[]),
            entry("13072", Person, "SHINODA, Kenichi", &["TSUKASA, Shinobu"], &[], &[]),
            entry("o-1", Organization, "TAN S.A.", &[], &[], &[]),
            entry("o-2", Unknown, "SATA", &[], &[], &[]),
        ],
    );
    type Want = Option<(&'static str, Decision)>;
    let cases: &[(&str, EntityKind, Want)] = &[
        ("高山清司", Person, Some(("13073", Possible))),
        ("高山 清司", Unknown, Some(("13073", Possible))),
        ("篠田建市", Person, Some(("13072", Possible))),
        ("沙丹", Person, None),
        ("高山清司", Organization, None),
    ];
    for (name, kind, want) in cases {
        let hits = ix.screen(&q(name, *kind, None));
        let got = hits.first().map(|h| (h.entry_id.as_str(), h.decision));
        assert_eq!(got, *want, "{name}: {:?}", hits.first().map(|h| &h.explanation));
        if let Some(h) = hits.first() {
            assert_eq!(h.explanation["han_reading"], "Japanese (the readings kanji take in names, JMnedict)");
        }
    }
}

/// Each organisation name screened against `ix` hits the wanted entry first (or nothing), as a
/// Possible whose explanation says it was read in translation.
fn assert_reviewed_in_translation(ix: &Index, cases: &[(&str, Option<&str>)]) {
    for (name, want) in cases {
        let hits = ix.screen(&q(name, EntityKind::Organization, None));
        let first = hits.first();
        assert_eq!(first.map(|h| h.entry_id.as_str()), *want, "{name}: {:?}", first.map(|h| &h.explanation));
        if let Some(h) = first {
            assert_eq!(h.decision, Decision::Possible, "{name}");
            let why = h.explanation.to_string();
            assert!(why.contains("read_in_translation"), "{name}: {why}");
        }
    }
}

/// A Chinese or Korean organisation name read in translation (trade and institution words in English)
/// agrees with a Latin listed name on words, not only on sounds: a review at the usual threshold
/// (a Han name read only by sound needs a Match-level score to be shown), still at most
/// Possible, and the explanation says it was read in translation. The distinctive words decide.
#[test]
fn chinese_organisation_names_read_in_translation_are_reviewed() {
    use EntityKind::*;
    let ix = one_list(
        "us_entity_list",
        "Entity List",
        "2026-01-01",
        vec![
            entry("el-1", Organization, "Northwestern Polytechnical University", &[], &[], &["CN"]),
            entry("el-2", Organization, "Harbin Institute of Technology", &[], &[], &["CN"]),
            entry("el-3", Organization, "Korean Tangun Trading Corporation", &[], &[], &["KP"]),
        ],
    );
    let cases: &[(&str, Option<&str>)] = &[
        ("西北工业大学", Some("el-1")),
        ("哈尔滨工业大学", Some("el-2")),
        // Another university of technology, in another city: no hit.
        ("大连理工大学", None),
        ("北京工业大学", None),
        // Korean organisation words read in English (data/names/korean_org_words.toml).
        ("단군무역회사", Some("el-3")),
        ("금산무역회사", None),
    ];
    assert_reviewed_in_translation(&ix, cases);
}

/// Persian and Arabic organisation names read word by word in English
/// (`data/names/arabic_script_org_words.toml`) are reviewed at the usual threshold, like the
/// Chinese and Korean ones; another distinctive name with the same organisation words is no hit.
#[test]
fn arabic_script_organisation_names_read_in_translation_are_reviewed() {
    use EntityKind::*;
    let ix = one_list(
        "us_entity_list",
        "Entity List",
        "2026-01-01",
        vec![
            entry("el-1", Organization, "Shahid Sattari Industries", &[], &[], &["IR"]),
            entry("el-2", Organization, "Iran Electronics Industries", &[], &[], &["IR"]),
            entry("el-3", Organization, "Syrian Arab Company for Electronic Industries", &[], &[], &["SY"]),
        ],
    );
    let cases: &[(&str, Option<&str>)] = &[
        ("صنایع شهید ستاری", Some("el-1")),
        ("شرکت صنایع الکترونیک ایران", Some("el-2")),
        ("الشركة العربية السورية للصناعات الإلكترونية", Some("el-3")),
        // another martyr's name, the same organisation word: no hit
        ("صنایع شهید باقری", None),
    ];
    assert_reviewed_in_translation(&ix, cases);
}

/// A Cyrillic organisation name read in translation (twelfth round) is a review, never a Match: a
/// translation is weaker evidence than a transliteration (every mechanical plant of a town shares
/// the translated words). Its plain transliteration against a romanised listed name still
/// Matches, and the distinctive words decide.
#[test]
fn cyrillic_organisation_names_read_in_translation_are_reviewed() {
    use EntityKind::*;
    let ix = one_list(
        "eu_fsf",
        "EU FSF",
        "2026-01-28",
        vec![
            entry("eu-1", Organization, "Joint Stock Company Serov Mechanical Plant", &[], &[], &["RU"]),
            entry("eu-2", Organization, "142nd Separate Electronic Warfare Battalion", &[], &[], &["RU"]),
            entry("eu-3", Organization, "OAO Balakirevskiy Mekhanicheskiy Zavod", &[], &[], &["RU"]),
            entry("eu-4", Organization, "Yantar Shipyard", &[], &[], &["RU"]),
        ],
    );
    let cases: &[(&str, Option<&str>)] = &[
        ("Акционерное общество «Серовский механический завод»", Some("eu-1")),
        ("142-й отдельный батальон радиоэлектронной борьбы", Some("eu-2")),
        // the same trade words, another town: no hit
        ("Акционерное общество «Омский механический завод»", None),
        ("Ναυπηγείο Yantar", Some("eu-4")),
    ];
    assert_reviewed_in_translation(&ix, cases);
    let hits = ix.screen(&q("ОАО Балакиревский механический завод", Organization, None));
    assert_eq!(hits.first().map(|h| (h.entry_id.as_str(), h.decision)), Some(("eu-3", Decision::Match)));
}

/// Ordinary names of people who are not listed (issue 13, fifth round, from the dev half of the
/// innocent persons): a hit needs a spelled agreement beyond the given name. An initial never
/// stands for a surname; a given name alone, or parts that agree only by sound, are no hit; a
/// part that agrees only by sound is at most Possible; a one-word alias needs a second
/// agreeing fact. The listed people themselves still match.
#[test]
fn ordinary_names_need_more_than_a_given_name() {
    use Decision::*;
    use EntityKind::*;
    let ix = one_list(
        "us_dpl",
        "DPL",
        "2026-08-20",
        vec![
            entry("d-1", Person, "DAVID L. MARICOLA", &[], &[], &[]),
            entry("d-2", Person, "EMILY S", &[], &[], &[]),
            entry("d-3", Person, "JOHN JAMES PETERSON", &[], &[], &[]),
            entry("d-4", Person, "MEHRI, Mahdi", &[], &[], &[]),
            entry("d-5", Person, "KOLLER, Bruno", &[], &[], &[]),
            entry("d-6", Person, "SMITH, Frances Jane", &["Frances"], &[], &["GB"]),
        ],
    );
    // (party, country, expected best (entry, decision) or None, a score_parts key the hit must carry)
    type Case<'a> = (&'a str, Option<&'a str>, Option<(&'a str, Decision)>, Option<&'a str>);
    let cases: &[Case] = &[
        // an initial never stands for a surname
        ("David Lafferty", None, None, None),
        ("Emily Seelye", None, None, None),
        ("David Maricola", None, Some(("d-1", Match)), None),
        ("D. Maricola", None, Some(("d-1", Possible)), None),
        // only the given name agrees (the surname near a middle name)
        ("James Pearson", None, None, None),
        ("James Peterson", None, Some(("d-3", Possible)), Some("listed_name_longer")),
        ("John James Peterson", None, Some(("d-3", Match)), None),
        // every part agrees only by sound
        ("Maude Moore", None, None, None),
        ("Mahdi Mehri", None, Some(("d-4", Match)), None),
        // a part agrees only by sound: a review, not a match
        ("Bryan Keller", None, Some(("d-5", Possible)), Some("sound_only")),
        ("Bruno Koller", None, Some(("d-5", Match)), None),
        // a one-word alias: shown only with a second agreeing fact, then at most possible
        ("Frances Hernandez", None, None, None),
        ("Frances Hernandez", Some("US"), None, None),
        ("Frances Hernandez", Some("GB"), Some(("d-6", Possible)), Some("one_word_alias")),
        ("Frances Jane Smith", None, Some(("d-6", Match)), None),
    ];
    for (name, country, want, part) in cases {
        let hits = ix.screen(&q(name, Person, *country));
        let got = hits.first().map(|h| (h.entry_id.as_str(), h.decision));
        assert_eq!(got, *want, "{name} ({country:?}): {:?}", hits.first().map(|h| &h.explanation));
        if let (Some(p), Some(h)) = (part, hits.first()) {
            assert!(h.explanation["score_parts"].get(*p).is_some(), "{name}: no {p} in {}", h.explanation);
        }
    }
}

/// A person's name that agrees with a longer listed name in at most one part as spelled and in
/// the others only approximately (issue 13, dev half of the innocent persons: "Joan Medina" /
/// "MEDINA PEREZ, Juan Manual", "Phillip Williams" / "Graham William PHILLIPS", "Patrica Lee" /
/// "PATRICK LEE SOUSA"): shown only with a second agreeing fact, then at most Possible, and
/// the explanation says why. Two parts spelled as listed, and the full listed name with a typo,
/// are not affected. Two parts spelled as listed where the listed name has a third ("Randy
/// Williams" / "RANDY LEW WILLIAMS", "Patrick Lee" / "PATRICK LEE SOUSA") are shown, at most
/// Possible (`listed_name_longer`: a namesake until a birth date or an identifier agrees;
/// session 14, the one innocent person matched on the test half).
#[test]
fn partial_names_agreeing_in_one_part_need_a_second_fact() {
    use Decision::*;
    use EntityKind::*;
    let ix = one_list(
        "us_dpl",
        "DPL",
        "2026-08-20",
        vec![
            entry("p-1", Person, "MEDINA PEREZ, Juan Manual", &[], &[], &["MX"]),
            entry("p-2", Person, "Graham William PHILLIPS", &[], &[], &["GB"]),
            entry("p-3", Person, "PATRICK LEE SOUSA", &[], &[], &[]),
            entry("p-4", Person, "RANDY LEW WILLIAMS", &[], &[], &["US"]),
            entry("p-5", Person, "Alexei Vladimirovich KOZLOV", &[], &[], &["RU"]),
        ],
    );
    // (party, country, expected best (entry, decision) or None, a score_parts key the hit must carry)
    type Case<'a> = (&'a str, Option<&'a str>, Option<(&'a str, Decision)>, Option<&'a str>);
    let cases: &[Case] = &[
        // one part as spelled, the given name one letter off, listed parts missing
        ("Joan Medina", None, None, None),
        ("Joan Medina", Some("US"), None, None),
        ("Joan Medina", Some("MX"), Some(("p-1", Possible)), Some("partial_near_name")),
        ("Juan Medina", None, Some(("p-1", Possible)), None),
        ("Joan Manual Medina Perez", None, Some(("p-1", Match)), None),
        // crossed, both one letter off
        ("Phillip Williams", None, None, None),
        ("Phillip Williams", Some("GB"), Some(("p-2", Possible)), Some("partial_near_name")),
        ("William Phillips", None, Some(("p-2", Possible)), Some("listed_name_longer")),
        ("Graham Williams Phillips", None, Some(("p-2", Match)), None),
        ("Patrica Lee", None, None, None),
        ("Patrick Lee", None, Some(("p-3", Possible)), Some("listed_name_longer")),
        ("Patrica Lee Sousa", None, Some(("p-3", Match)), None),
        // the listed name less its middle name: a screener should see it, as a possible match
        ("Randy Williams", None, Some(("p-4", Possible)), Some("listed_name_longer")),
        ("Randy Williams", Some("US"), Some(("p-4", Possible)), Some("listed_name_longer")),
        ("Randy L. Williams", None, Some(("p-4", Match)), None),
        ("Randy Lew Williams", None, Some(("p-4", Match)), None),
        ("Williams, Randy Lew", None, Some(("p-4", Match)), None),
        ("Randi Williams", None, None, None),
        ("Randi Williams", Some("US"), Some(("p-4", Possible)), Some("partial_near_name")),
        // a missing patronymic is not a missing part; names in two scripts are not judged here.
        // Aleksei / Alexei are two spellings in one group of the East Slavic table (a national
        // form, not an agreement by sound only: session 17)
        ("Aleksei Kozlov", None, Some(("p-5", Match)), None),
        ("Aleksei Kozlov", Some("US"), Some(("p-5", Possible)), Some("country")),
        ("Алексей Козлов", None, Some(("p-5", Possible)), Some("script")),
    ];
    let mut failed = Vec::new();
    for (name, country, want, part) in cases {
        let hits = ix.screen(&q(name, Person, *country));
        let got = hits.first().map(|h| (h.entry_id.as_str(), h.decision));
        let part_ok = match (part, hits.first()) {
            (Some(p), Some(h)) => h.explanation["score_parts"].get(*p).is_some(),
            _ => true,
        };
        if got != *want || !part_ok {
            failed.push(format!(
                "{name} ({country:?}): want {want:?} {part:?}, got {:?}",
                hits.first().map(|h| &h.explanation)
            ));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// A two-word name held at Possible because the listed name is longer is raised to a Match by
/// the same birth date, and stays Possible with a different one.
#[test]
fn a_namesake_held_at_possible_is_raised_by_the_same_birth_date() {
    let mut e = entry("p-4", EntityKind::Person, "RANDY LEW WILLIAMS", &[], &[], &["US"]);
    e.dates_of_birth = vec!["1961-03-02".into()];
    let ix = one_list("us_dpl", "DPL", "2026-08-20", vec![e]);
    for (dob, want) in
        [(None, Decision::Possible), (Some("1961-03-02"), Decision::Match), (Some("1975-11-20"), Decision::Possible)]
    {
        let mut query = q("Randy Williams", EntityKind::Person, None);
        query.dates_of_birth = dob.into_iter().map(String::from).collect();
        let h = ix.screen(&query).into_iter().next().unwrap_or_else(|| panic!("{dob:?}: no hit"));
        assert_eq!(h.decision, want, "{dob:?}: {}", h.explanation);
        assert!(h.explanation["score_parts"].get("listed_name_longer").is_some(), "{dob:?}: {}", h.explanation);
    }
}

/// An entry's hit is its best decision, then its best score: an Arabic alias that scores a
/// little higher but is held at possible (cross-script) does not hide the Match that the
/// entry's Latin name gives (UN YEi.010, TAi.039, TAi.079 were shown as possible matches).
#[test]
fn a_capped_alias_does_not_hide_a_match() {
    let e = entry("YEi.010", EntityKind::Person, "MANSUR AL-SA'ADI", &["منصور السعادي"], &[], &[]);
    let ix = one_list("un_sc", "UN", "2026-02-27", vec![e]);
    let cases: &[(&str, Decision)] = &[("MANSUR AL-SA’AADI", Decision::Match), ("منصور السعادي", Decision::Match)];
    for (name, want) in cases {
        let hits = ix.screen(&q(name, EntityKind::Unknown, None));
        let h = hits.first().unwrap_or_else(|| panic!("{name}: no hit"));
        assert_eq!(h.decision, *want, "{name}: {}", h.explanation);
    }
}
