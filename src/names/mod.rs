//! Name normalisation, scoring and the indexed matcher behind `PartyScreener` (issue 4).
//!
//! * [`normalize`]: folding, transliteration (`deunicode`), legal forms, titles, token weights.
//! * [`score`]: aligned-part scoring of two names, with an explanation.
//! * [`index`]: token / phonetic / deletion-neighbourhood postings over all loaded lists, so a
//!   query scores a few dozen candidates instead of every name.
//!
//! The operating point ([`MATCH_THRESHOLD`], [`POSSIBLE_THRESHOLD`]) is calibrated on
//! `../shared/data/eval-dev` and `tests/cases/names.toml` (see docs/MATCHING.md).

mod fasthash;
pub mod index;
pub mod normalize;
pub mod score;

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
/// Cap for a name in Han / Kana / Hangul compared with a Latin one (homophones): possible at most.
pub const CROSS_SCRIPT_CAP: f64 = 0.84;
/// Score penalty when the party's country is not among the entry's countries.
pub const COUNTRY_MISMATCH_PENALTY: f64 = 0.05;
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

/// Compares two names as `kind`. Parenthesised acronyms are tried as alternative names on both
/// sides ("Chashma Nuclear Power Plant (CHASNUPP)"); the best variant pair wins.
pub fn compare_names(a: &str, b: &str, kind: EntityKind) -> PairResult {
    let va = normalize::name_variants(a);
    let vb = normalize::name_variants(b);
    let mut best: Option<(Comparison, NormName, NormName)> = None;
    for x in &va {
        let na = normalize(x, kind);
        for y in &vb {
            let nb = normalize(y, kind);
            let c = compare(&na, &nb, kind);
            if best.as_ref().is_none_or(|(bc, _, _)| c.score > bc.score) {
                best = Some((c, na.clone(), nb));
            }
        }
    }
    let Some((c, na, nb)) = best else {
        return PairResult { score: 0.0, decision: Decision::NoMatch, explanation: serde_json::json!({}) };
    };
    let score = score::round3(c.score.clamp(0.0, 1.0));
    let mut ex = c.explanation();
    if let Some(o) = ex.as_object_mut() {
        o.insert("a_normalized".into(), na.key().into());
        o.insert("b_normalized".into(), nb.key().into());
        o.insert("kind".into(), serde_json::to_value(kind).unwrap_or_default());
        o.insert(
            "thresholds".into(),
            serde_json::json!({"match": MATCH_THRESHOLD, "possible": POSSIBLE_THRESHOLD}),
        );
    }
    PairResult { score, decision: decide(score), explanation: ex }
}
