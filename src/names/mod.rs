//! Name normalisation, scoring and the indexed matcher behind `PartyScreener`.
//!
//! * [`translit`]: script-aware romanisation (Hangul, kana, Han, Greek, Hebrew, Arabic, Thai)
//!   and the loose phonetic keys that compare names written in different scripts.
//! * [`normalize`]: folding, transliteration (`translit` + `deunicode`), legal forms, titles,
//!   generic organisation words, token weights.
//! * [`score`]: aligned-part scoring of two names, with an explanation.
//! * [`index`]: token / phonetic / deletion-neighbourhood postings over all loaded lists, so a
//!   query scores a few dozen candidates instead of every name.
//!
//! The operating point ([`MATCH_THRESHOLD`], [`POSSIBLE_THRESHOLD`]) is calibrated on
//! `../shared/data/eval-dev` and `tests/cases/names.toml` (see docs/MATCHING.md).

mod fasthash;
pub mod identity;
pub mod index;
pub mod normalize;
mod packed;
pub mod score;
pub mod translit;

pub use index::Index;
pub use normalize::{normalize, NormName, Token, TokenClass};
pub use score::{compare, Comparison};

use crate::screening::{Decision, EntityKind};

/// At or above: `Decision::Match` (calibrated, docs/MATCHING.md).
pub const MATCH_THRESHOLD: f64 = 0.85;
/// At or above (and below the match threshold): `Decision::Possible`.
pub const POSSIBLE_THRESHOLD: f64 = 0.70;
/// Cap when the only shared informative part is a common token: below the possible band.
pub const SINGLE_COMMON_CAP: f64 = 0.60;
/// Cap when the only shared informative part is a distinctive token: possible at most.
pub const SINGLE_TOKEN_CAP: f64 = 0.80;
/// Former cap on every Han / Kana / Hangul / Arabic / Hebrew vs Latin pair
/// score. No longer applied: the pair score trusts the script-aware romanisation, and
/// `Index::screen` keeps such cross-script hits at `Decision::Possible` instead (see
/// docs/MATCHING.md). Kept for API stability.
pub const CROSS_SCRIPT_CAP: f64 = 0.84;
/// Score penalty when the party's country is not among the entry's countries.
pub const COUNTRY_MISMATCH_PENALTY: f64 = 0.05;
/// Score penalty when the party's date of birth contradicts every one the entry records.
pub const DOB_MISMATCH_PENALTY: f64 = 0.05;
/// The same full date of birth or the same identifier lifts a possible match to a match when
/// the score is at least `MATCH_THRESHOLD - CONFIRM_MARGIN` (0.80) and nothing contradicts.
pub const CONFIRM_MARGIN: f64 = 0.05;
/// Score penalty when a person is compared with a non-person (or the reverse).
pub const KIND_MISMATCH_PENALTY: f64 = 0.15;

/// The decision for a score.
pub fn decide(score: f64) -> Decision {
    if score >= MATCH_THRESHOLD {
        Decision::Match
    } else if score >= POSSIBLE_THRESHOLD {
        Decision::Possible
    } else {
        Decision::NoMatch
    }
}

/// Result of comparing two free names (the `catchall compare` primitive).
#[derive(Clone, Debug, PartialEq)]
pub struct PairResult {
    pub score: f64,
    pub decision: Decision,
    pub explanation: serde_json::Value,
}

/// Compares two names as `kind` (the `catchall compare` primitive). Symmetric: swapping `a` and
/// `b` gives the same score and decision.
///
/// [`score::compare`]`(query, listed)` is asymmetric on purpose, for screening a party against a
/// list: extra words of the listed name count at ρ = 0.6 (lists carry extra names, patronymics
/// and aliases), extra query words count fully, and the "distinctive word of the listed name
/// missing" cap looks at the listed side only. A pair of free names has no listed side, so both
/// readings are scored — `b` as the listed name and `a` as the listed name — and the higher
/// wins: the pair score is what screening gives when the better-fitting of the two names is the
/// one on the list. It is never below what [`Index`] screening gives the same two names in
/// either direction (no missed match relative to screening). Parenthesised acronyms are tried
/// as alternative names on both sides ("Chashma Nuclear Power Plant (CHASNUPP)"); the best
/// variant pair wins.
///
/// The explanation keeps `a` on the `query` side and `b` on the `entry` side of `aligned` and
/// `unmatched_*` whichever reading won, and says in `listed` (`"a"` or `"b"`) which name was
/// scored as the listed one.
pub fn compare_names(a: &str, b: &str, kind: EntityKind) -> PairResult {
    // Every variant in every reading of its Han characters (Mandarin, Cantonese, Korean), and
    // of its Arabic letters (Arabic, Persian).
    let read = |s: &str| -> Vec<(NormName, translit::HanReading)> {
        normalize::name_variants(s)
            .iter()
            .flat_map(|x| {
                let person = kind == EntityKind::Person;
                let reads = translit::pair_readings(x).iter().chain(translit::translation_readings(x, person)).copied();
                reads.map(move |r| (normalize::normalize_as(x, kind, r), r)).collect::<Vec<_>>()
            })
            .collect()
    };
    let (mut va, mut ra): (Vec<NormName>, Vec<translit::HanReading>) = read(a).into_iter().unzip();
    let (mut vb, mut rb): (Vec<NormName>, Vec<translit::HanReading>) = read(b).into_iter().unzip();
    // A person's name in kanji only against one in Latin letters is also read as a Japanese
    // name, the reading of its kanji that spells the Latin words ("高山清司" / "TAKAYAMA,
    // Kiyoshi"; `translit::japanese_reading`).
    if kind != EntityKind::Organization {
        // (`raw`: the name as written; its native form keeps no middle dots, which mark a foreign
        // name transcribed by sound, not a Japanese one)
        let japanese = |raw: &str, han: &[NormName], latin: &[NormName]| -> Option<NormName> {
            let h =
                han.first().filter(|n| n.script == translit::Script::Han && !raw.contains(translit::is_name_dot))?;
            let l = latin.iter().find(|n| n.script == translit::Script::Latin)?;
            let words: Vec<&str> = l.tokens.iter().map(|t| t.text.as_str()).collect();
            let reading = translit::japanese_reading(&h.native, &words)?;
            let mut n = normalize::normalize(&reading, kind);
            (n.script, n.cjk, n.native) = (translit::Script::Han, true, h.native.clone());
            Some(n)
        };
        if let Some(n) = japanese(a, &va, &vb) {
            va.push(n);
            ra.push(translit::HanReading::Japanese);
        } else if let Some(n) = japanese(b, &vb, &va) {
            vb.push(n);
            rb.push(translit::HanReading::Japanese);
        }
    }
    // A foreign person's name transcribed by sound (Chinese characters joined by a middle dot,
    // katakana, or Hangul in several words: a Korean name is one word) against a Latin one: its words also meet by what transcription adds and drops.
    let transcription = |s: &str| {
        let sc = translit::script_of(s);
        sc == translit::Script::Kana
            || (sc == translit::Script::Han && s.contains(translit::is_name_dot))
            || (sc == translit::Script::Hangul && s.trim().contains(char::is_whitespace))
    };
    let latin = |s: &str| translit::script_of(s) == translit::Script::Latin;
    let transcribed = kind == EntityKind::Person && ((transcription(a) && latin(b)) || (transcription(b) && latin(a)));
    // (comparison as scored, index into va, index into vb, whether `a` was the listed side)
    let mut best: Option<(Comparison, usize, usize, bool)> = None;
    for (i, na) in va.iter().enumerate() {
        for (j, nb) in vb.iter().enumerate() {
            for a_listed in [false, true] {
                let c = if a_listed {
                    score::compare_pair_reading(nb, na, kind, transcribed)
                } else {
                    score::compare_pair_reading(na, nb, kind, transcribed)
                };
                // The Hokkien reading counts only when it aligns every word of the Han name: its
                // one-syllable words otherwise meet short Latin words loosely ("黃燕燕" ng ian ian
                // / "Ngân").
                let hokkien_side_unmatched = |r: translit::HanReading, q_side: bool| {
                    r == translit::HanReading::Hokkien
                        && if q_side { !c.unmatched_query.is_empty() } else { !c.unmatched_entry.is_empty() }
                };
                if hokkien_side_unmatched(ra[i], !a_listed) || hokkien_side_unmatched(rb[j], a_listed) {
                    continue;
                }
                if best.as_ref().is_none_or(|(bc, ..)| c.score > bc.score) {
                    best = Some((c, i, j, a_listed));
                }
            }
        }
    }
    let Some((mut c, i, j, a_listed)) = best else {
        return PairResult { score: 0.0, decision: Decision::NoMatch, explanation: serde_json::json!({}) };
    };
    if a_listed {
        // Back to `a` = query column, `b` = entry column.
        for al in &mut c.aligned {
            std::mem::swap(&mut al.query, &mut al.entry);
        }
        std::mem::swap(&mut c.unmatched_query, &mut c.unmatched_entry);
    }
    let score = score::round3(c.score.clamp(0.0, 1.0));
    let mut ex = c.explanation();
    if let Some(o) = ex.as_object_mut() {
        o.insert("a_normalized".into(), va[i].key().into());
        o.insert("b_normalized".into(), vb[j].key().into());
        o.insert("listed".into(), if a_listed { "a" } else { "b" }.into());
        // Which script each name was read in (names in different scripts meet through the
        // script-aware romanisation and loose keys of `translit`).
        o.insert("scripts".into(), serde_json::json!([va[i].script.as_str(), vb[j].script.as_str()]));
        for (side, n, r) in [("a", &va[i], ra[i]), ("b", &vb[j], rb[j])] {
            if n.script == translit::Script::Han {
                o.insert(format!("han_reading_{side}"), r.as_str().into());
            } else if r == translit::HanReading::Persian || r.in_translation() {
                o.insert(format!("reading_{side}"), r.as_str().into());
            }
        }
        o.insert("kind".into(), serde_json::to_value(kind).unwrap_or_default());
        o.insert("thresholds".into(), serde_json::json!({"match": MATCH_THRESHOLD, "possible": POSSIBLE_THRESHOLD}));
    }
    PairResult { score, decision: decide(score), explanation: ex }
}
