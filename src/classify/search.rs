//! Ranked search over Annex I provisions.
//!
//! Scoring, in order (all deterministic):
//! 1. the query is folded, tokenised, lightly stemmed; numbers with units become
//!    [`Quantity`]s; input is capped at [`MAX_QUERY_BYTES`];
//! 2. exporter phrases from `data/control/synonyms.toml` add Annex vocabulary and point at
//!    entries ("VFD" → "frequency changer", 3A225);
//! 3. each provision is scored BM25-style (binary term frequency, length-normalised) over
//!    its own text (control text weighs more than notes), the lines above it (context) and
//!    the BIS CCL keyword descriptions attached to it; the best provision represents the
//!    entry;
//! 4. parameters in the query are compared with the thresholds in the entry's text (and
//!    with the parameter rules): met thresholds add evidence, unmet ones subtract;
//! 5. `likely` needs strong evidence: a reviewed exporter phrase or a CCL keyword fully
//!    present, most of the query explained, no stated parameter below the threshold, and
//!    no everyday-goods word without a specific phrase.

use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

use super::params::State;
use super::text::{self, Cmp, Dim, Quantity};
use super::{Annex1, ProvisionKind};

/// Longest query considered (bytes); longer input is cut at a character boundary.
pub const MAX_QUERY_BYTES: usize = 600;
/// Below this score nothing is `likely`, whatever else matched.
const LIKELY_MIN_SCORE: f32 = 6.0;
/// Most candidates returned.
pub const MAX_LIMIT: usize = 50;

/// One ranked answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    /// The best-matching (sub-)paragraph, e.g. `3A225.b` or `2B001`.
    pub code: String,
    /// `NSG-TRIGGER`, `WA`, `MTCR`, `NSG`, `AG`, `CWC`, `EU`.
    pub regime: String,
    /// The entry's heading.
    pub title: String,
    /// The text of the matching sub-paragraph.
    pub text: String,
    pub score: f64,
    /// Strong evidence that this entry is the one (still a hint, never a final
    /// classification).
    pub likely: bool,
    /// Why it matched, in words.
    pub why: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct SynFile {
    group: Vec<SynGroupRaw>,
    #[serde(default)]
    everyday: Vec<EverydayRaw>,
}

#[derive(Debug, Deserialize)]
struct SynGroupRaw {
    terms: Vec<String>,
    #[serde(default)]
    means: String,
    #[serde(default)]
    codes: Vec<String>,
    /// false for ambiguous words ("inverter"): they rank but never make a `likely`.
    #[serde(default = "yes")]
    strong: bool,
}

#[derive(Debug, Deserialize)]
struct EverydayRaw {
    terms: Vec<String>,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Default)]
struct SynGroup {
    phrases: Vec<(Vec<String>, String)>,
    means: Vec<String>,
    /// Provision indexes the group points at.
    targets: Vec<usize>,
    strong: bool,
}

/// The synonym groups and everyday goods (`data/control/synonyms.toml`) resolved against the
/// loaded Annex I: small, and checked when Annex I loads (a group naming a code Annex I lacks
/// is a load error).
#[derive(Debug, Default)]
pub(crate) struct Synonyms {
    syn: Vec<SynGroup>,
    everyday: HashSet<String>,
}

/// Precomputed search structures over every provision's terms. Built on the first search
/// ([`Annex1::search_index`]): screening only looks codes up and checks parameter rules, so a
/// screening worker never pays for them (about three quarters of loading Annex I).
#[derive(Debug, Default)]
pub(crate) struct Index {
    term_ids: HashMap<String, u32>,
    idf: Vec<f32>,
    postings: Vec<Vec<(u32, f32)>>,
    /// Per entry: CCL keyword term lists (for "keyword fully present").
    ccl_terms: Vec<Vec<(usize, Vec<String>)>>,
}

fn kind_weight(k: ProvisionKind) -> f32 {
    match k {
        ProvisionKind::Control => 1.0,
        ProvisionKind::TechnicalNote => 0.55,
        ProvisionKind::Note => 0.35,
        ProvisionKind::NotaBene => 0.15,
        ProvisionKind::NotUsed => 0.0,
    }
}

/// Token stream of a query or phrase: folded words, stemmed, stopwords dropped, numbers
/// kept (grades like "7075" are words to an exporter).
fn stream(s: &str) -> Vec<String> {
    text::words(&text::fold(s))
        .into_iter()
        .filter(|w| !text::is_stopword(w))
        .map(|w| text::stem(&w))
        .filter(|w| !w.is_empty())
        .collect()
}

fn contains_seq(hay: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && needle.len() <= hay.len() && hay.windows(needle.len()).any(|w| w == needle)
}

impl Synonyms {
    pub(crate) fn resolve(a: &Annex1) -> Result<Synonyms, String> {
        let sf: SynFile = serde_json::from_str(crate::embedded!("control/synonyms"))
            .map_err(|e| format!("data/control/synonyms.toml: {e}"))?;
        let mut syn = Vec::new();
        for (gi, g) in sf.group.into_iter().enumerate() {
            let mut targets = Vec::new();
            for c in &g.codes {
                match a.by_code.get(&super::normalise_code(c)) {
                    Some(&pi) => targets.push(pi),
                    None => return Err(format!("data/control/synonyms.toml: group {}: unknown code {c}", gi + 1)),
                }
            }
            let phrases = g.terms.iter().map(|t| (stream(t), t.clone())).filter(|(s, _)| !s.is_empty()).collect();
            syn.push(SynGroup { phrases, means: text::terms(&g.means), targets, strong: g.strong });
        }
        let everyday = sf.everyday.iter().flat_map(|e| e.terms.iter()).flat_map(|t| stream(t)).collect();
        Ok(Synonyms { syn, everyday })
    }
}

impl Index {
    pub(crate) fn build(a: &Annex1) -> Index {
        let n = a.provisions.len();
        // Own terms of each provision, plus CCL keyword terms attached to it.
        let own: Vec<Vec<String>> = a.provisions.iter().map(|p| text::terms(&p.text)).collect();
        let mut ccl_at: Vec<Vec<String>> = vec![Vec::new(); n];
        let mut ccl_terms = Vec::with_capacity(a.entries.len());
        for e in &a.entries {
            let mut v = Vec::new();
            for (pi, kw) in &e.ccl_keywords {
                let t = text::terms(kw);
                if let Some(slot) = ccl_at.get_mut(*pi) {
                    slot.extend(t.iter().cloned());
                }
                v.push((*pi, t));
            }
            ccl_terms.push(v);
        }
        let mut term_ids: HashMap<String, u32> = HashMap::new();
        let mut df: Vec<u32> = Vec::new();
        let id_of = |t: &str, term_ids: &mut HashMap<String, u32>, df: &mut Vec<u32>| -> u32 {
            if let Some(&i) = term_ids.get(t) {
                return i;
            }
            let i = df.len() as u32;
            term_ids.insert(t.to_string(), i);
            df.push(0);
            i
        };
        for i in 0..n {
            let mut seen = HashSet::new();
            for t in own[i].iter().chain(ccl_at[i].iter()) {
                if seen.insert(t.as_str()) {
                    let id = id_of(t, &mut term_ids, &mut df);
                    df[id as usize] += 1;
                }
            }
        }
        let nf = n as f32;
        let idf: Vec<f32> = df.iter().map(|&d| ((nf - d as f32 + 0.5) / (d as f32 + 0.5) + 1.0).ln()).collect();
        let avg_len = own.iter().map(|t| t.len()).sum::<usize>() as f32 / nf.max(1.0);
        // Weighted term maps; context (lines above, CCL keywords) is inherited downwards.
        let mut ctx: Vec<HashMap<u32, f32>> = vec![HashMap::new(); n];
        let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); df.len()];
        for i in 0..n {
            let p = &a.provisions[i];
            let kw = kind_weight(p.kind);
            if kw == 0.0 {
                continue;
            }
            let len = own[i].len() as f32;
            let norm = 2.2 / (1.0 + 1.2 * (0.25 + 0.75 * len / avg_len.max(1.0)));
            let mut m: HashMap<u32, f32> = HashMap::new();
            if let Some(par) = p.parent {
                for (&t, &w) in &ctx[par] {
                    m.insert(t, w * 0.85);
                }
            }
            let mut mine: HashMap<u32, f32> = HashMap::new();
            for t in &own[i] {
                if let Some(&id) = term_ids.get(t) {
                    mine.insert(id, kw * norm.min(1.6));
                }
            }
            for t in &ccl_at[i] {
                if let Some(&id) = term_ids.get(t) {
                    let e = mine.entry(id).or_insert(0.0);
                    *e = e.max(0.9);
                }
            }
            // Context for children: this line's own terms at 0.6 (control lines only).
            if p.kind == ProvisionKind::Control {
                let mut c = m.clone();
                for &t in mine.keys() {
                    let e = c.entry(t).or_insert(0.0);
                    *e = e.max(0.6);
                }
                ctx[i] = c;
            }
            for (t, w) in mine {
                let e = m.entry(t).or_insert(0.0);
                *e = e.max(w);
            }
            for (t, w) in m {
                postings[t as usize].push((i as u32, w));
            }
        }
        Index { term_ids, idf, postings, ccl_terms }
    }
}

#[derive(Default, Clone)]
struct EntryHit {
    best: usize,
    best_score: f32,
    matched: u64,
    /// Query terms found anywhere in the entry.
    entry_bits: u64,
    hint: Option<(usize, String, bool, usize)>, // (target provision, phrase, strong, phrase len)
    bonus: f32,
    why: Vec<String>,
    param_fail: bool,
    param_met: bool,
    param_missing: bool,
    ccl_full: Option<String>,
}

/// Ranks Annex I entries for a description in the exporter's words. Never panics; an
/// empty or meaningless query gives no candidates.
pub fn search(annex: &Annex1, query: &str, limit: usize) -> Vec<Candidate> {
    let limit = limit.clamp(1, MAX_LIMIT);
    let mut end = query.len().min(MAX_QUERY_BYTES);
    while !query.is_char_boundary(end) {
        end -= 1;
    }
    let query = &query[..end];
    let ix = annex.search_index();
    let syns = &annex.synonyms;
    let qs = stream(query);
    let quantities = text::quantities(query, MAX_QUERY_BYTES);

    // Query terms (content words, no bare numbers) with weights; at most 64 distinct.
    let mut qterms: Vec<(u32, f32, bool)> = Vec::new(); // (term id, weight, original)
    let mut unknown_terms: Vec<String> = Vec::new();
    let push = |qterms: &mut Vec<(u32, f32, bool)>, id: u32, w: f32, orig: bool| {
        if let Some(e) = qterms.iter_mut().find(|e| e.0 == id) {
            e.1 = e.1.max(w);
            e.2 |= orig;
        } else if qterms.len() < 64 {
            qterms.push((id, w, orig));
        }
    };
    let mut original_words: Vec<String> = Vec::new();
    let word_of =
        |id: u32| -> String { qs.iter().find(|w| ix.term_ids.get(*w) == Some(&id)).cloned().unwrap_or_default() };
    for t in &qs {
        if t.chars().count() < 2 || text::is_number(t) || original_words.contains(t) {
            continue;
        }
        original_words.push(t.clone());
        match ix.term_ids.get(t) {
            Some(&id) => push(&mut qterms, id, 1.0, true),
            None => unknown_terms.push(t.clone()),
        }
    }
    // Exporter phrases.
    let mut hints: Vec<(usize, String, bool, usize)> = Vec::new();
    let mut covered_by_phrase: HashSet<String> = HashSet::new();
    for g in &syns.syn {
        let mut hit: Option<&(Vec<String>, String)> = None;
        for ph in &g.phrases {
            if contains_seq(&qs, &ph.0) && hit.is_none_or(|h| ph.0.len() > h.0.len()) {
                hit = Some(ph);
            }
        }
        if let Some((seq, raw)) = hit {
            for w in seq {
                covered_by_phrase.insert(w.clone());
            }
            for m in &g.means {
                if let Some(&id) = ix.term_ids.get(m) {
                    push(&mut qterms, id, 0.7, false);
                }
            }
            for &t in &g.targets {
                hints.push((t, raw.clone(), g.strong, seq.len()));
            }
        }
    }
    if qterms.is_empty() && hints.is_empty() {
        return Vec::new();
    }
    let wants_sw = qs.iter().any(|t| matches!(t.as_str(), "software" | "program" | "firmware" | "code" | "app"));
    let wants_tech = qs.iter().any(|t| {
        matches!(
            t.as_str(),
            "technology"
                | "know"
                | "knowhow"
                | "drawing"
                | "blueprint"
                | "documentation"
                | "manual"
                | "training"
                | "data"
        )
    });

    // Provision scores.
    let n = annex.provisions.len();
    let mut acc = vec![0f32; n];
    let mut bits = vec![0u64; n];
    for (qi, &(id, w, _)) in qterms.iter().enumerate() {
        let idf = ix.idf.get(id as usize).copied().unwrap_or(0.0);
        if let Some(list) = ix.postings.get(id as usize) {
            for &(p, pw) in list {
                acc[p as usize] += idf * pw * w;
                bits[p as usize] |= 1u64 << qi;
            }
        }
    }
    let original_mass: f32 = qterms.iter().filter(|q| q.2).map(|q| ix.idf[q.0 as usize]).sum::<f32>()
        + unknown_terms.iter().filter(|t| !covered_by_phrase.contains(*t)).count() as f32 * 4.0;

    // Best provision per entry.
    let mut hits: HashMap<usize, EntryHit> = HashMap::new();
    for i in 0..n {
        if acc[i] <= 0.0 {
            continue;
        }
        let p = &annex.provisions[i];
        let e = hits.entry(p.entry).or_insert_with(|| EntryHit { best: i, ..Default::default() });
        if p.kind == ProvisionKind::Control || p.kind == ProvisionKind::TechnicalNote {
            e.entry_bits |= bits[i];
        }
        // Prefer control text over notes at equal score.
        let s = acc[i] * if p.kind == ProvisionKind::Control { 1.0 } else { 0.97 };
        if s > e.best_score {
            e.best_score = s;
            e.best = i;
            e.matched = bits[i];
        }
    }
    for (t, phrase, strong, len) in &hints {
        let p = &annex.provisions[*t];
        let e = hits.entry(p.entry).or_insert_with(|| EntryHit { best: *t, ..Default::default() });
        let boost = if *len >= 2 { 7.0 } else { 5.0 };
        if e.hint.is_none() {
            e.bonus += boost;
            e.why.push(format!("exporter term \"{phrase}\" → {} (reviewed synonym list)", p.code));
            // Point at the hinted sub-paragraph unless the text match is deeper in it.
            if !annex.provisions[e.best].code.starts_with(&p.code) {
                e.best = *t;
                e.matched = bits[*t];
                e.best_score = e.best_score.max(acc[*t]);
            }
            e.hint = Some((*t, phrase.clone(), *strong, *len));
        } else if *strong && !e.hint.as_ref().is_some_and(|h| h.2) {
            e.hint = Some((*t, phrase.clone(), *strong, *len));
        }
    }

    // Shortlist, then the more expensive evidence.
    let mut order: Vec<(usize, f32)> = hits.iter().map(|(&ei, h)| (ei, h.best_score + h.bonus)).collect();
    order.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    order.truncate(40);
    let qset: HashSet<&str> = qs.iter().map(|s| s.as_str()).collect();
    for &(ei, _) in &order {
        let Some(h) = hits.get_mut(&ei) else { continue };
        let entry = &annex.entries[ei];
        // Software / technology entries only when asked for.
        if (entry.group == 'D' && !wants_sw) || (entry.group == 'E' && !wants_tech) {
            h.bonus -= 0.3 * (h.best_score + h.bonus).max(0.0);
        }
        // A CCL keyword description fully present in the query.
        for (pi, kt) in ix.ccl_terms.get(ei).into_iter().flatten() {
            if kt.len() >= 2 && kt.iter().all(|t| qset.contains(t.as_str())) {
                if h.ccl_full.is_none() {
                    h.bonus += 2.0;
                    if let Some((_, kw)) = entry.ccl_keywords.iter().find(|(p, _)| p == pi) {
                        h.ccl_full = Some(kw.clone());
                        h.why.push(format!("BIS CCL index keyword \"{kw}\""));
                    }
                }
                break;
            }
        }
        // Adjacent query words appearing together in the best line.
        let own = text::terms(&annex.provisions[h.best].text);
        let mut pairs = 0;
        for w in qs.windows(2) {
            if pairs < 3 && own.windows(2).any(|o| o[0] == w[0] && o[1] == w[1]) {
                pairs += 1;
            }
        }
        h.bonus += pairs as f32 * 0.8;
        // Quantities: compare with the thresholds in the entry's control text.
        if !quantities.is_empty() {
            quantity_evidence(annex, ei, &quantities, h);
        }
        // Parameter rules of this entry, evaluated on the query as a description.
        let probe = crate::model::Item { description: query.to_string(), ..Default::default() };
        for r in annex.rules.iter().filter(|r| annex.entry(&r.code).is_some_and(|e| std::ptr::eq(e, entry))) {
            match r.check(&probe) {
                Some(o) => match o.state {
                    State::Met => {
                        h.bonus += 2.0;
                        h.param_met = true;
                        h.why.push(format!("parameters meet {}: {}", r.code, o.said.join("; ")));
                    }
                    State::Partial => {
                        h.bonus += 1.0;
                        h.why.push(format!("{}; still to check: {}", o.said.join("; "), o.missing.join(", ")));
                    }
                    State::Missing => {
                        h.param_missing = true;
                        h.why.push(format!("{} is decided by parameters not given: {}", r.code, o.missing.join(", ")));
                    }
                    State::NotMet => {
                        h.param_fail = true;
                        h.bonus -= 1.5;
                        h.why.push(format!("{}: probably not {}", o.said.join("; "), r.code));
                    }
                },
                None => {
                    if let Some(why) = r.fails_on(&quantities) {
                        h.param_fail = true;
                        h.why.push(why);
                    }
                }
            }
        }
    }
    let mut ranked: Vec<(usize, f32)> = order
        .iter()
        .filter_map(|&(ei, _)| hits.get(&ei).map(|h| (ei, h.best_score + h.bonus)))
        .filter(|&(_, s)| s > 0.5)
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let top = ranked.first().map(|r| r.1).unwrap_or(0.0);
    let everyday_word = qs.iter().find(|t| syns.everyday.contains(*t)).cloned();

    let mut out = Vec::new();
    for (rank, &(ei, score)) in ranked.iter().take(limit).enumerate() {
        let Some(h) = hits.get(&ei) else { continue };
        let entry = &annex.entries[ei];
        let p = &annex.provisions[h.best];
        // How much of the query this entry explains.
        let mut covered: f32 = 0.0;
        let mut matched_words = Vec::new();
        for (qi, &(id, _, orig)) in qterms.iter().enumerate() {
            if orig && (h.matched | h.entry_bits) & (1u64 << qi) != 0 {
                covered += ix.idf[id as usize];
                matched_words.push(word_of(id));
            }
        }
        if h.hint.is_some() {
            for (qi, &(id, _, orig)) in qterms.iter().enumerate() {
                if orig && (h.matched | h.entry_bits) & (1u64 << qi) == 0 && covered_by_phrase.contains(&word_of(id)) {
                    covered += ix.idf[id as usize];
                }
            }
            covered += unknown_terms.iter().filter(|t| covered_by_phrase.contains(*t)).count() as f32 * 4.0;
        }
        let coverage = if original_mass > 0.0 { (covered / original_mass).min(1.0) } else { 0.0 };
        let strong_hint = h.hint.as_ref().is_some_and(|x| x.2);
        let multi_hint = h.hint.as_ref().is_some_and(|x| x.2 && x.3 >= 2);
        let strong = strong_hint || h.ccl_full.is_some() || (coverage >= 0.75 && matched_words.len() >= 3);
        // Evidence from notes (often exclusions) or a weak total never makes a `likely`.
        let from_control = p.kind == ProvisionKind::Control || strong_hint;
        let likely = rank < 3
            && strong
            && from_control
            && score >= LIKELY_MIN_SCORE
            && (coverage >= 0.5 || (h.param_met && strong_hint && coverage >= 0.3))
            && score >= 0.6 * top
            && !h.param_fail
            && !h.param_missing
            && (everyday_word.is_none() || multi_hint);
        let mut why = Vec::new();
        if !matched_words.is_empty() {
            matched_words.sort();
            why.push(format!("words in the Annex text: {}", matched_words.join(", ")));
        }
        why.extend(h.why.iter().cloned());
        if p.kind != ProvisionKind::Control {
            if p.text.contains("does not control") || p.text.contains("do not control") {
                why.push(format!(
                    "matched an exclusion in a {} of {}: check whether it releases the item",
                    kind_label(p.kind),
                    entry.code
                ));
            } else {
                why.push(format!("matched a {} of {}, not its control text", kind_label(p.kind), entry.code));
            }
        }
        if let Some(w) = &everyday_word {
            if !likely && rank == 0 {
                why.push(format!("\"{w}\" names everyday goods: nothing on Annex I is likely to fit; the catch-all rules still apply"));
            }
        }
        if entry.eccn.is_some() {
            why.push(format!("US ECCN with the same number: {} (BIS CCL index)", entry.code));
        }
        let _ = regime_hint(entry.regime);
        out.push(Candidate {
            code: p.code.clone(),
            regime: entry.regime.to_string(),
            title: entry.title.clone(),
            text: p.text.clone(),
            score: (score as f64 * 100.0).round() / 100.0,
            likely,
            why,
        });
    }
    out
}

fn kind_label(k: ProvisionKind) -> &'static str {
    match k {
        ProvisionKind::Control => "control text",
        ProvisionKind::Note => "note",
        ProvisionKind::NotaBene => "cross-reference (N.B.)",
        ProvisionKind::TechnicalNote => "technical note",
        ProvisionKind::NotUsed => "deleted paragraph",
    }
}

fn regime_hint(r: &str) -> &'static str {
    super::regime_name(r)
}

fn fmt_value(dim: Dim, v: f64) -> String {
    let (v, u) = match dim {
        Dim::Length if v < 1e-3 => (v * 1e6, "µm"),
        Dim::Length if v < 1.0 => (v * 1e3, "mm"),
        Dim::Pressure if v >= 1e6 => (v / 1e6, "MPa"),
        Dim::Pressure if v >= 1e3 => (v / 1e3, "kPa"),
        Dim::Frequency if v >= 1e9 => (v / 1e9, "GHz"),
        Dim::Frequency if v >= 1e6 => (v / 1e6, "MHz"),
        Dim::Frequency if v >= 1e3 => (v / 1e3, "kHz"),
        Dim::Volume if v < 1.0 => (v * 1e3, "l"),
        Dim::Power if v >= 1e3 => (v / 1e3, "kW"),
        Dim::Voltage if v >= 1e3 => (v / 1e3, "kV"),
        _ => (v, dim.unit()),
    };
    let s = format!("{:.3}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    format!("{s} {u}")
}

/// Formats a quantity for explanations (e.g. "800 Hz", "0.9 µm").
pub(crate) fn fmt_quantity(dim: Dim, v: f64) -> String {
    fmt_value(dim, v)
}

fn quantity_evidence(annex: &Annex1, ei: usize, qs: &[Quantity], h: &mut EntryHit) {
    let entry = &annex.entries[ei];
    let mut dims_done: Vec<Dim> = Vec::new();
    // Only thresholds under the matched line count: a 2 GHz oscilloscope must not "meet" a
    // signal-analyser paragraph of the same entry.
    let scope = format!("{}.", annex.provisions[h.best].code);
    let root = annex.provisions[h.best].code == entry.code;
    for pi in entry.provisions.clone() {
        let p = &annex.provisions[pi];
        if p.kind != ProvisionKind::Control {
            continue;
        }
        if !root && p.code != annex.provisions[h.best].code && !p.code.starts_with(&scope) {
            continue;
        }
        for tq in &p.quantities {
            if dims_done.contains(&tq.dim) {
                continue;
            }
            let same: Vec<&Quantity> = qs.iter().filter(|q| q.dim == tq.dim).collect();
            if same.is_empty() {
                continue;
            }
            match tq.cmp {
                Cmp::Unknown => {
                    h.bonus += 0.4;
                    dims_done.push(tq.dim);
                }
                cmp => {
                    let met = same.iter().find(|q| cmp.holds(q.value, tq.value) == Some(true));
                    if let Some(q) = met {
                        h.bonus += 2.5;
                        h.param_met = true;
                        h.why.push(format!(
                            "{} meets {} ({} {})",
                            fmt_value(q.dim, q.value),
                            p.code,
                            cmp.symbol(),
                            fmt_value(tq.dim, tq.value)
                        ));
                        if !annex.provisions[h.best].code.starts_with(&p.code)
                            && annex.provisions[h.best].parent.is_none()
                        {
                            h.best = pi;
                        }
                        dims_done.push(tq.dim);
                    } else {
                        // Keep looking: another line of the entry may take this value.
                        h.bonus += 0.1;
                    }
                }
            }
        }
    }
}
