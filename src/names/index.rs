//! The indexed matcher over all loaded lists.
//!
//! Candidate retrieval never scans every name: each distinct list token has a postings list of
//! the names containing it (joined adjacent pairs too, so "abdulrahman" finds "abdul rahman");
//! a query token reaches list tokens by exact lookup, by its phonetic key, and through a
//! one-deletion neighbourhood (SymSpell: catches one substitution, insertion, deletion or
//! adjacent swap). Postings hits are summed per name, weighted by token weight; the best
//! [`MAX_CANDIDATES`] names are scored fully with [`super::score::compare`].

use super::fasthash::FastMap;
use super::identity;
use super::normalize::{name_variants, normalize, normalize_as, query_variants, NormName, TokenClass};
use super::packed::{PackedNorm, PackedRef, PackedToken};
use super::score::{compare_scored, round3, word_sim, MIN_PART_SIM};
use super::translit::HanReading;
use super::{
    decide, CONFIRM_MARGIN, COUNTRY_MISMATCH_PENALTY, DOB_MISMATCH_PENALTY, KIND_MISMATCH_PENALTY, MATCH_THRESHOLD,
    POSSIBLE_THRESHOLD,
};
use crate::lists::List;
use crate::screening::{Decision, EntityKind, Entry, Hit, ListMeta, PartyScreener, Query};
use serde_json::json;

// The index as bytes (built at build time, loaded by the web app): its own file, so a field
// added here meets one function there listing every field (`write_fields`).
#[path = "index_bytes.rs"]
pub mod index_bytes;
pub use index_bytes::{sources_hash, IndexBytesError};

thread_local! {
    /// Retrieval evidence per indexed name, kept per thread between queries and reset through
    /// the names a query touched: zeroing a fresh vector of every name for each query (and each
    /// Han reading of it) was 9 % of a batch's instructions (callgrind, memset).
    static ACC: std::cell::RefCell<Vec<f32>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// How many retrieved names are scored in full per query.
pub const MAX_CANDIDATES: usize = 120;
/// Candidates whose retrieval evidence is below this fraction of the best are not scored.
pub const CANDIDATE_FLOOR: f32 = 0.4;
/// Score of an exact match on a weak a.k.a. (OFAC: low-quality alias): possible, never match.
pub const WEAK_ALIAS_SCORE: f64 = 0.8;
/// Hits returned per query at most.
pub const MAX_HITS: usize = 25;
/// Japanese readings a name in kanji is looked up by, at most (four kanji, two readings each:
/// 16 spellings, cut in three places, two orders: 96).
const JAPANESE_GUESSES: usize = 256;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NameKind {
    Primary,
    Alias,
    Weak,
}

/// One indexed name, as [`NameTable::get`] lends it.
#[derive(Clone, Copy, Debug)]
struct IndexedName<'a> {
    entry: u32,
    /// The name as the list writes it (or a derived variant of it).
    text: &'a str,
    kind: NameKind,
    norm: PackedRef<'a>,
}

/// The per-name facts of a [`NameTable`] that are not strings or tokens.
#[derive(Clone, Copy, Debug, PartialEq)]
struct NameFacts {
    entry: u32,
    kind: NameKind,
    script: super::translit::Script,
    cjk: bool,
    abjad: bool,
}

/// Every indexed name: its texts, packed characters and native forms in one arena each, its
/// tokens in one vector. Three allocations per name (and ~100 bytes of pointers and allocator
/// overhead) became a few for the whole table; the index file reads each part as one block.
#[derive(Debug, Default)]
struct NameTable {
    facts: Vec<NameFacts>,
    texts: StrTable,
    chars: StrTable,
    natives: StrTable,
    tokens: Vec<PackedToken>,
    /// Name `i`'s tokens are `tokens[token_ends[i - 1]..token_ends[i]]`.
    token_ends: Vec<u32>,
}

impl NameTable {
    fn push(&mut self, entry: u32, text: &str, kind: NameKind, norm: &PackedNorm) {
        // Destructured in full: a field added to the packed name fails to compile here (and in
        // the index file's `write_names`) until the table keeps it.
        let PackedRef { chars, tokens, native, script, cjk, abjad } = norm.as_ref();
        self.facts.push(NameFacts { entry, kind, script, cjk, abjad });
        self.texts.push(text);
        self.chars.push(chars);
        self.natives.push(native);
        self.tokens.extend_from_slice(tokens);
        self.token_ends.push(u32::try_from(self.tokens.len()).unwrap_or(u32::MAX));
    }
    fn len(&self) -> usize {
        self.facts.len()
    }
    /// Name `i`; `None` out of range. The parts' lengths agree (checked when the table is read).
    fn get(&self, i: usize) -> Option<IndexedName<'_>> {
        let f = self.facts.get(i)?;
        let start = if i == 0 { 0 } else { self.token_ends.get(i - 1).map_or(0, |&e| e as usize) };
        let end = self.token_ends.get(i).map_or(start, |&e| e as usize);
        Some(IndexedName {
            entry: f.entry,
            text: self.texts.get(i),
            kind: f.kind,
            norm: PackedRef {
                chars: self.chars.get(i),
                tokens: self.tokens.get(start..end).unwrap_or(&[]),
                native: self.natives.get(i),
                script: f.script,
                cjk: f.cjk,
                abjad: f.abjad,
            },
        })
    }
    fn iter(&self) -> impl Iterator<Item = IndexedName<'_>> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }
    fn reserve(&mut self, n: usize) {
        self.facts.reserve(n);
        self.texts.ends.reserve(n);
        self.chars.ends.reserve(n);
        self.natives.ends.reserve(n);
        self.token_ends.reserve(n);
    }
    fn shrink_to_fit(&mut self) {
        self.facts.shrink_to_fit();
        self.texts.shrink_to_fit();
        self.chars.shrink_to_fit();
        self.natives.shrink_to_fit();
        self.tokens.shrink_to_fit();
        self.token_ends.shrink_to_fit();
    }
}

/// The matcher: every loaded list, indexed.
#[derive(Debug, Default)]
pub struct Index {
    metas: Vec<ListMeta>,
    entries: EntryTable,
    names: NameTable,
    /// Vocabulary ids by token hash, verified against `vocab_text`.
    vocab: KeyTable,
    vocab_text: StrTable,
    vocab_phon: StrTable,
    /// Name ids per vocabulary word, ascending.
    postings: Postings,
    /// (hash of a token or one of its one-letter deletions, vocab id), sorted: a flat table is
    /// ~8 bytes per key where a map of vectors cost ~80.
    deletions: Vec<(u32, u32)>,
    /// Vocabulary ids by the hash of their phonetic key, verified against `vocab_phon`.
    phonetic: KeyTable,
    /// Weak aliases by the hash of their normalised key ([`KeyTable`]).
    weak: KeyTable,
    /// Primary names and aliases by the hash of their normalised key: an exact normalised match
    /// is a hit whatever the token weights say, e.g. "LLC Center" screened as itself.
    exact: KeyTable,
    /// Entries by the hash of (list id, entry id); verified against the entry on lookup.
    by_id: Vec<(u64, u32)>,
}

fn fnv(s: &[u8]) -> u32 {
    let mut h: u32 = 0x811c9dc5;
    for &b in s {
        h ^= b as u32;
        h = h.wrapping_mul(0x01000193);
    }
    h
}

const FNV64_OFFSET: u64 = 0xcbf29ce484222325;

/// FNV-1a over `bytes`, continuing from `h`.
fn fnv64_fold(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

fn fnv64(parts: &[&[u8]]) -> u64 {
    let mut h = FNV64_OFFSET;
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            h = fnv64_fold(h, &[0x1f]); // a separator, so ("ab", "c") and ("a", "bc") differ
        }
        h = fnv64_fold(h, p);
    }
    h
}

/// Strings in one arena, the `i`th ending at `ends[i]`: one allocation for a table where a
/// `Box<str>` each cost ~32 bytes of pointer and allocator overhead per string, and, in the
/// index file, one read (and one UTF-8 check) for the whole table.
#[derive(Debug, Default)]
struct StrTable {
    text: String,
    ends: Vec<u32>,
}

impl StrTable {
    fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.ends.push(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
    }
    fn len(&self) -> usize {
        self.ends.len()
    }
    fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends.get(i - 1).map_or(0, |&e| e as usize) };
        let end = self.ends.get(i).map_or(start, |&e| e as usize);
        // Cuts are checked to be character boundaries when a table is read; never a panic.
        self.text.get(start..end).unwrap_or("")
    }
    fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.get(i))
    }
    fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

impl std::ops::Index<usize> for StrTable {
    type Output = str;
    fn index(&self, i: usize) -> &str {
        self.get(i)
    }
}

/// The postings of every vocabulary word in one vector (word `i`'s are
/// `ids[ends[i - 1]..ends[i]]`): one allocation where a `Vec` per word cost ~40 bytes each.
#[derive(Debug, Default)]
struct Postings {
    ids: Vec<u32>,
    ends: Vec<u32>,
}

impl Postings {
    fn from_lists(lists: Vec<Vec<u32>>) -> Postings {
        let mut p = Postings {
            ids: Vec::with_capacity(lists.iter().map(Vec::len).sum()),
            ends: Vec::with_capacity(lists.len()),
        };
        for l in lists {
            p.ids.extend_from_slice(&l);
            p.ends.push(u32::try_from(p.ids.len()).unwrap_or(u32::MAX));
        }
        p
    }
    fn len(&self) -> usize {
        self.ends.len()
    }
}

impl std::ops::Index<usize> for Postings {
    type Output = [u32];
    fn index(&self, i: usize) -> &[u32] {
        let start = if i == 0 { 0 } else { self.ends.get(i - 1).map_or(0, |&e| e as usize) };
        let end = self.ends.get(i).map_or(start, |&e| e as usize);
        // Checked monotone and within `ids` when read; never a panic.
        self.ids.get(start..end).unwrap_or(&[])
    }
}

/// Every entry with the number of its list: as [`Index::build`] made them, or, loaded from
/// index bytes, kept as their bytes (checked whole when read) and each decoded the first time
/// it is used. A screening uses the entries of its ≤ 120 scored candidates; decoding all
/// 37,755 on load (about ten allocations each) was the largest part of loading the file.
#[derive(Default)]
struct EntryTable {
    lists: Vec<u16>,
    stored: StoredEntries,
}

enum StoredEntries {
    Built(Vec<Entry>),
    Bytes {
        /// Entry `i` is `bytes[ends[i - 1]..ends[i]]`, in the index file's entry layout.
        bytes: Box<[u8]>,
        ends: Vec<u32>,
        /// Where each entry's id is in `bytes` (start, end): for lookups by id without decoding.
        ids: Vec<(u32, u32)>,
        decoded: Vec<std::sync::OnceLock<Box<Entry>>>,
    },
}

impl Default for StoredEntries {
    fn default() -> Self {
        StoredEntries::Built(Vec::new())
    }
}

impl EntryTable {
    fn push(&mut self, list: u16, e: Entry) {
        self.lists.push(list);
        if let StoredEntries::Built(v) = &mut self.stored {
            v.push(e);
        }
    }
    fn len(&self) -> usize {
        self.lists.len()
    }
    /// Entry `i` with its list number.
    fn get(&self, i: usize) -> Option<(u16, &Entry)> {
        let list = *self.lists.get(i)?;
        let entry = match &self.stored {
            StoredEntries::Built(v) => v.get(i)?,
            StoredEntries::Bytes { bytes, ends, decoded, .. } => {
                let start = if i == 0 { 0 } else { *ends.get(i - 1)? as usize };
                let end = *ends.get(i)? as usize;
                decoded.get(i)?.get_or_init(|| {
                    // Checked when the file was read: decoding the same bytes again cannot fail
                    // (an empty entry, never a panic, if it ever did).
                    Box::new(bytes.get(start..end).and_then(index_bytes::decode_entry).unwrap_or_default())
                })
            }
        };
        Some((list, entry))
    }
    /// Entry `i`'s id, without decoding the entry.
    fn id(&self, i: usize) -> &str {
        match &self.stored {
            StoredEntries::Built(v) => v.get(i).map_or("", |e| e.id.as_str()),
            StoredEntries::Bytes { bytes, ids, .. } => ids
                .get(i)
                .and_then(|&(a, b)| bytes.get(a as usize..b as usize))
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or(""),
        }
    }
    fn iter(&self) -> impl Iterator<Item = (u16, &Entry)> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }
    fn reserve_exact(&mut self, n: usize) {
        self.lists.reserve_exact(n);
        if let StoredEntries::Built(v) = &mut self.stored {
            v.reserve_exact(n);
        }
    }
}

/// Every entry decoded, whichever way they are stored: a built and a loaded index print alike.
impl std::fmt::Debug for EntryTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Name ids by the 64-bit hash of a string key, sorted: 12 bytes per name where a map from
/// `String` to `Vec<u32>` cost two allocations per key. A hash collision is resolved by the
/// caller, who compares the candidate's own key.
#[derive(Debug, Default)]
struct KeyTable(Vec<(u64, u32)>);

impl KeyTable {
    fn push(&mut self, key: &str, id: u32) {
        self.0.push((fnv64(&[key.as_bytes()]), id));
    }
    /// [`Self::push`] of a packed name's [`PackedNorm::key`], without building the string.
    fn push_name(&mut self, norm: PackedRef<'_>, id: u32) {
        // The hash of `norm.key()` (parts joined by spaces, one `fnv64` part) without building it.
        let mut h = FNV64_OFFSET;
        for (i, (text, _, _)) in norm.parts().enumerate() {
            if i > 0 {
                h = fnv64_fold(h, b" ");
            }
            h = fnv64_fold(h, text.as_bytes());
        }
        self.0.push((h, id));
    }
    /// Sorts by (hash, id): pushed in id order, so a stable sort by hash is enough.
    fn finish(&mut self) {
        radix_sort_by_key(&mut self.0, |x| x.0, 64);
        self.0.dedup();
        self.0.shrink_to_fit();
    }
    fn get(&self, key: &str) -> impl Iterator<Item = u32> + '_ {
        let h = fnv64(&[key.as_bytes()]);
        let from = self.0.partition_point(|x| x.0 < h);
        self.0[from..].iter().take_while(move |x| x.0 == h).map(|x| x.1)
    }
}

/// A stable LSD radix sort of `v` by the low `bits` bits of `key`, 16 bits a pass (a pass
/// whose digit is the same for every item is skipped). The lookup tables are derived on every
/// load of the index file; sorting their ~0.7 million keys this way took a fraction of the
/// comparison sort's time.
fn radix_sort_by_key<T: Copy>(v: &mut Vec<T>, key: impl Fn(&T) -> u64, bits: u32) {
    if v.len() < 2 {
        return;
    }
    let mut out: Vec<T> = Vec::with_capacity(v.len());
    let mut counts = vec![0usize; 1 << 16];
    for shift in (0..bits).step_by(16) {
        counts.iter_mut().for_each(|c| *c = 0);
        for x in v.iter() {
            counts[((key(x) >> shift) & 0xffff) as usize] += 1;
        }
        if counts.contains(&v.len()) {
            continue;
        }
        let mut at = 0;
        for c in counts.iter_mut() {
            let n = *c;
            *c = at;
            at += n;
        }
        // Each item lands at its digit's next slot; `out` is filled in that order by placing
        // into a vector of the right length first.
        out.clear();
        out.extend_from_slice(v);
        for x in v.iter() {
            let d = &mut counts[((key(x) >> shift) & 0xffff) as usize];
            out[*d] = *x;
            *d += 1;
        }
        std::mem::swap(v, &mut out);
    }
}

fn deletion_keys(t: &str, mut f: impl FnMut(u32)) {
    let b = t.as_bytes();
    f(fnv(b));
    if b.len() < 4 {
        return;
    }
    let mut buf = Vec::with_capacity(b.len());
    for i in 0..b.len() {
        if i > 0 && b[i] == b[i - 1] {
            continue; // same deletion as the previous position
        }
        buf.clear();
        buf.extend_from_slice(&b[..i]);
        buf.extend_from_slice(&b[i + 1..]);
        f(fnv(&buf));
    }
}

fn entry_key(list: &str, id: &str) -> u64 {
    fnv64(&[list.as_bytes(), id.as_bytes()])
}

impl Index {
    /// Indexes every entry (primary name, aliases; weak aliases for exact lookup only).
    pub fn build(lists: Vec<List>) -> Index {
        let mut ix = Index::default();
        let mut vocab: FastMap<Box<str>, u32> = FastMap::default();
        // Per vocabulary word: reachable through its one-deletion neighbourhood.
        let mut fuzzy_words: Vec<bool> = Vec::new();
        let mut postings: Vec<Vec<u32>> = Vec::new();
        ix.entries.reserve_exact(lists.iter().map(|l| l.entries.len()).sum());
        // Derived variants add ~2 % to the list names (106,243 indexed for 103,765 with the
        // bundled lists); reserving once avoids a doubling whose slack was the peak.
        let list_names: usize =
            lists.iter().flat_map(|l| &l.entries).map(|e| 1 + e.aliases.len() + e.weak_aliases.len()).sum();
        ix.names.reserve(list_names + list_names / 8);
        for (li, list) in lists.into_iter().enumerate() {
            let li = li.min(u16::MAX as usize) as u16;
            ix.metas.push(list.meta.clone());
            for entry in list.entries {
                let eid = ix.entries.len() as u32;
                let kind = entry.kind;
                let mut texts: Vec<(String, NameKind)> = Vec::new();
                for (i, n) in std::iter::once(&entry.name).chain(entry.aliases.iter()).enumerate() {
                    let k = if i == 0 { NameKind::Primary } else { NameKind::Alias };
                    for v in name_variants(n) {
                        if !texts.iter().any(|(t, _)| *t == v) {
                            texts.push((v, k));
                        }
                    }
                }
                for w in &entry.weak_aliases {
                    texts.push((w.clone(), NameKind::Weak));
                }
                for (text, nk) in texts {
                    let norm = normalize(&text, kind);
                    if norm.tokens.is_empty() {
                        continue;
                    }
                    let Some(packed) = PackedNorm::pack(&norm) else { continue };
                    let nid = ix.names.len() as u32;
                    if nk != NameKind::Weak {
                        let mut keys: Vec<(String, bool)> = Vec::new();
                        for t in &norm.tokens {
                            if matches!(t.class, TokenClass::Word | TokenClass::Number) {
                                keys.push((t.text.clone(), true));
                            }
                        }
                        // Joined pairs are indexed only after a particle ("al qaida" → "alqaida");
                        // other run-together query words are found by splitting them at query time.
                        for w in norm.tokens.windows(2) {
                            if w[0].class == TokenClass::Stopword && w[1].class == TokenClass::Word {
                                keys.push((format!("{}{}", w[0].text, w[1].text), false));
                            }
                        }
                        keys.sort();
                        keys.dedup_by(|a, b| a.0 == b.0);
                        for (k, fuzzy) in keys {
                            let vid = ix.vocab_id_with(&mut vocab, &mut fuzzy_words, &mut postings, &k, fuzzy);
                            let Some(p) = postings.get_mut(vid as usize) else { continue };
                            if p.last() != Some(&nid) {
                                p.push(nid);
                            }
                        }
                    }
                    ix.names.push(eid, &text, nk, &packed);
                }
                ix.entries.push(li, entry);
            }
        }
        // Every table grew by doubling; the index lives as long as the page or the process, so
        // the slack (up to half of each table) is handed back once.
        // The word map first: flattening the postings is the build's last peak.
        drop(vocab);
        ix.names.shrink_to_fit();
        ix.postings = Postings::from_lists(postings);
        ix.vocab_text.shrink_to_fit();
        ix.vocab_phon.shrink_to_fit();
        ix.derive_tables(&fuzzy_words);
        ix
    }

    /// The lookup tables, computed from the names, the vocabulary and the entries: by
    /// [`Index::build`] and, since they are cheap to compute and a third of the index file
    /// gzipped, by [`Index::from_bytes`] (the file does not carry them). `fuzzy_words[id]`:
    /// vocabulary word `id` is reached through its one-deletion neighbourhood (a missing flag
    /// is `false`). Never panics, whatever the names hold.
    fn derive_tables(&mut self, fuzzy_words: &[bool]) {
        let mut vocab = KeyTable::default();
        let mut phonetic = KeyTable::default();
        vocab.0.reserve_exact(self.vocab_text.len());
        // At most one key per letter and the word itself: reserved once, shrunk after.
        let mut deletions = Vec::with_capacity(
            self.vocab_text.iter().zip(fuzzy_words).filter(|(_, &f)| f).map(|(t, _)| t.len() + 1).sum::<usize>(),
        );
        for (id, (text, phon)) in self.vocab_text.iter().zip(self.vocab_phon.iter()).enumerate() {
            let id = id as u32;
            vocab.push(text, id);
            if !phon.is_empty() {
                phonetic.push(phon, id);
            }
            if fuzzy_words.get(id as usize).copied().unwrap_or(false) {
                deletion_keys(text, |h| deletions.push((h, id)));
            }
        }
        vocab.finish();
        phonetic.finish();
        // Pushed in id order: sorted by hash, stably, they are sorted by (hash, id).
        radix_sort_by_key(&mut deletions, |x| u64::from(x.0), 32);
        deletions.dedup();
        deletions.shrink_to_fit();
        let (mut weak, mut exact) = (KeyTable::default(), KeyTable::default());
        for (nid, n) in self.names.iter().enumerate() {
            let table = if n.kind == NameKind::Weak { &mut weak } else { &mut exact };
            table.push_name(n.norm, nid as u32);
        }
        weak.finish();
        exact.finish();
        let mut by_id: Vec<(u64, u32)> = (0..self.entries.len())
            .map(|eid| {
                let li = self.entries.lists.get(eid).copied().unwrap_or(0);
                let list = self.metas.get(li as usize).map_or("", |m| m.id.as_str());
                (entry_key(list, self.entries.id(eid)), eid as u32)
            })
            .collect();
        radix_sort_by_key(&mut by_id, |x| x.0, 64);
        by_id.shrink_to_fit();
        (self.vocab, self.phonetic, self.deletions, self.weak, self.exact, self.by_id) =
            (vocab, phonetic, deletions, weak, exact, by_id);
    }

    /// Per vocabulary word, whether [`Self::derive_tables`] gives it deletion keys (what the
    /// index file stores instead of the keys).
    fn fuzzy_words(&self) -> Vec<bool> {
        let mut fuzzy = vec![false; self.vocab_text.len()];
        for &(_, id) in &self.deletions {
            if let Some(f) = fuzzy.get_mut(id as usize) {
                *f = true;
            }
        }
        fuzzy
    }

    /// `fuzzy`: also reachable through phonetic key and deletions (single tokens; joined pairs
    /// are exact-only to keep the index small).
    fn vocab_id_with(
        &mut self,
        vocab: &mut FastMap<Box<str>, u32>,
        fuzzy_words: &mut Vec<bool>,
        postings: &mut Vec<Vec<u32>>,
        k: &str,
        fuzzy: bool,
    ) -> u32 {
        if let Some(&id) = vocab.get(k) {
            return id;
        }
        let id = self.vocab_text.len() as u32;
        vocab.insert(k.into(), id);
        self.vocab_text.push(k);
        postings.push(Vec::new());
        let is_word = fuzzy && k.bytes().all(|c| c.is_ascii_lowercase());
        let phon = if is_word && k.len() >= 4 { super::normalize::phonetic_key(k) } else { String::new() };
        self.vocab_phon.push(&phon);
        fuzzy_words.push(is_word && k.len() >= 4);
        id
    }

    fn vocab_id(&self, token: &str) -> Option<u32> {
        self.vocab.get(token).find(|&id| &self.vocab_text[id as usize] == token)
    }

    /// Number of indexed names (primary names, aliases and derived variants).
    pub fn name_count(&self) -> usize {
        self.names.len()
    }
    /// Number of distinct indexed tokens.
    pub fn vocab_len(&self) -> usize {
        self.vocab_text.len()
    }
    /// Number of entries over all lists.
    pub fn entry_count(&self) -> usize {
        self.entries.len()
    }

    /// Retrieves candidate name ids for a normalised query, best first.
    fn candidates(&self, q: &NormName) -> Vec<u32> {
        ACC.with(|cell| match cell.try_borrow_mut() {
            Ok(mut acc) => {
                if acc.len() < self.names.len() {
                    acc.resize(self.names.len(), 0.0);
                }
                self.candidates_in(q, &mut acc[..self.names.len()])
            }
            // not reachable (retrieval does not recurse), but never a panic
            Err(_) => self.candidates_in(q, &mut vec![0.0; self.names.len()]),
        })
    }

    /// [`Self::candidates`] with `acc`, one slot per name, all zero; left all zero.
    fn candidates_in(&self, q: &NormName, acc: &mut [f32]) -> Vec<u32> {
        let mut touched: Vec<u32> = Vec::new();
        let mut seen_vocab: Vec<(u32, f32)> = Vec::new();
        let mut probe = |text: &str, phon: &str, weight: f32, fuzzy: bool, seen: &mut Vec<(u32, f32)>| {
            let mut found: Vec<(u32, f32)> = Vec::new();
            if let Some(id) = self.vocab_id(text) {
                found.push((id, 1.0));
            }
            if fuzzy {
                deletion_keys(text, |h| {
                    let from = self.deletions.partition_point(|x| x.0 < h);
                    for &(hh, id) in &self.deletions[from..] {
                        if hh != h {
                            break;
                        }
                        {
                            if found.iter().all(|f| f.0 != id) {
                                let v = &self.vocab_text[id as usize];
                                let (s, _) = word_sim(text, v, phon, &self.vocab_phon[id as usize]);
                                if s >= MIN_PART_SIM {
                                    found.push((id, s));
                                }
                            }
                        }
                    }
                });
                if !phon.is_empty() {
                    for id in self.phonetic.get(phon).filter(|&id| &self.vocab_phon[id as usize] == phon) {
                        if found.iter().all(|f| f.0 != id) {
                            let v = &self.vocab_text[id as usize];
                            let (s, _) = word_sim(text, v, phon, &self.vocab_phon[id as usize]);
                            if s >= MIN_PART_SIM {
                                found.push((id, s));
                            }
                        }
                    }
                }
            }
            for (id, s) in found {
                if seen.iter().any(|x| x.0 == id) {
                    continue;
                }
                seen.push((id, s));
                for &n in &self.postings[id as usize] {
                    let a = &mut acc[n as usize];
                    if *a == 0.0 {
                        touched.push(n);
                    }
                    *a += s * weight;
                }
            }
        };
        let toks = &q.tokens;
        for t in toks {
            match t.class {
                TokenClass::Word => probe(&t.text, &t.phonetic, t.weight, t.text.len() >= 4, &mut seen_vocab),
                TokenClass::Number => probe(&t.text, "", t.weight, false, &mut seen_vocab),
                _ => {}
            }
        }
        for w in toks.windows(2) {
            if matches!(w[0].class, TokenClass::Word | TokenClass::Stopword) && w[1].class == TokenClass::Word {
                let j = format!("{}{}", w[0].text, w[1].text);
                probe(&j, "", w[1].weight, true, &mut seen_vocab);
            }
        }
        // A query word may be two list tokens run together: try each split point.
        for t in toks {
            if t.class == TokenClass::Word && t.text.len() >= 7 {
                for k in 3..t.text.len() - 2 {
                    let (a, b) = t.text.split_at(k);
                    if let (Some(ia), Some(ib)) = (self.vocab_id(a), self.vocab_id(b)) {
                        let (pa, pb) = (&self.postings[ia as usize], &self.postings[ib as usize]);
                        let (small, big) = if pa.len() <= pb.len() { (pa, pb) } else { (pb, pa) };
                        for n in small {
                            if big.binary_search(n).is_ok() {
                                let a = &mut acc[*n as usize];
                                if *a == 0.0 {
                                    touched.push(*n);
                                }
                                *a += t.weight;
                            }
                        }
                    }
                }
            }
        }
        let mut v: Vec<(u32, f32)> = touched.into_iter().map(|n| (n, std::mem::take(&mut acc[n as usize]))).collect();
        let by_score = |a: &(u32, f32), b: &(u32, f32)| {
            b.1.partial_cmp(&a.1).unwrap_or(std::cmp::Ordering::Equal).then(a.0.cmp(&b.0))
        };
        // Names far behind the best retrieval evidence cannot reach the possible band.
        let top = v.iter().map(|x| x.1).fold(0.0f32, f32::max);
        v.retain(|x| x.1 >= CANDIDATE_FLOOR * top);
        if v.len() > MAX_CANDIDATES {
            v.select_nth_unstable_by(MAX_CANDIDATES, by_score);
            v.truncate(MAX_CANDIDATES);
        }
        v.sort_by(by_score);
        v.into_iter().map(|x| x.0).collect()
    }

    /// Screens a query against the lists whose ids are in `only` (all lists when empty).
    pub fn screen_lists(&self, query: &Query, only: &[String]) -> Vec<Hit> {
        let mut best: FastMap<u32, Hit> = FastMap::default();
        let qvars = query_variants(&query.name);
        let country = query.country.as_deref().map(|c| c.trim().to_ascii_uppercase()).filter(|c| !c.is_empty());
        // A Han name is read in Mandarin, Cantonese and as Korean hanja (`translit::HanReading`).
        // the candidate being scored, unpacked (one buffer, its strings reused)
        let mut en = NormName::default();
        // A Cyrillic or Greek organisation name is also read in translation
        // (`translit::translation_readings`).
        let person = query.kind == EntityKind::Person;
        let qreads = qvars.iter().flat_map(|qv| {
            let reads = super::translit::han_readings(qv).iter();
            reads.chain(super::translit::translation_readings(qv, person)).map(move |&r| (qv, r))
        });
        let mut forms: Vec<(&String, HanReading, NormName)> =
            qreads.map(|(qv, r)| (qv, r, normalize_as(qv, query.kind, r))).collect();
        // A person's name in kanji only is also read as a Japanese name: the readings its kanji
        // usually take in names (`translit::japanese_reading_guesses`), looked up as exact names
        // only ("高山清司" → "takayama kiyoshi" / TAKAYAMA, Kiyoshi); a hit is at most possible,
        // as every Han name against a Latin one.
        if query.kind != EntityKind::Organization {
            for qv in &qvars {
                let guesses = super::translit::japanese_reading_guesses(qv, JAPANESE_GUESSES);
                if guesses.is_empty() {
                    continue;
                }
                let native: Box<str> = qv.chars().filter(|c| !c.is_whitespace()).collect();
                for g in guesses {
                    let mut n = normalize_as(&g, query.kind, HanReading::Mandarin);
                    (n.script, n.cjk, n.native) = (super::translit::Script::Han, true, native.clone());
                    forms.push((qv, HanReading::Japanese, n));
                }
            }
        }
        for (qv, reading, qn) in forms {
            let exact_only = reading == HanReading::Japanese;
            // An organisation name in Han or Hangul read word by word in English (trade words):
            // its agreement with a Latin name is on translated words, not on homophones. A
            // Cyrillic or Greek organisation name read in translation: the same, and a
            // translation is weaker evidence than a transliteration (firms of one trade in one
            // town share every translated word but the name), so it too is at most possible.
            let org_translation = reading.in_translation();
            let translated = org_translation
                || (reading == super::translit::HanReading::Mandarin
                    && query.kind != EntityKind::Person
                    && super::translit::reads_in_translation(qv));
            if qn.tokens.is_empty() {
                continue;
            }
            let mut cands = if exact_only { Vec::new() } else { self.candidates(&qn) };
            let qkey = qn.key();
            let mut weak_hits: Vec<u32> = Vec::new();
            let same_key = |nid: &u32| self.names.get(*nid as usize).is_some_and(|n| n.norm.key() == qkey);
            weak_hits.extend(self.weak.get(&qkey).filter(same_key));
            cands.extend(weak_hits.iter().copied());
            let exact_hits: Vec<u32> = self.exact.get(&qkey).filter(same_key).collect();
            cands.extend(exact_hits.iter().copied());
            for nid in cands {
                let Some(name) = self.names.get(nid as usize) else { continue };
                let Some((li, entry)) = self.entries.get(name.entry as usize) else { continue };
                let Some(meta) = self.metas.get(li as usize) else { continue };
                if !only.is_empty() && !only.contains(&meta.id) {
                    continue;
                }
                if exact_only && !matches!(entry.kind, EntityKind::Person | EntityKind::Unknown) {
                    continue;
                }
                let kind = if entry.kind != EntityKind::Unknown { entry.kind } else { query.kind };
                let scored = if name.kind == NameKind::Weak {
                    if !weak_hits.contains(&nid) {
                        continue;
                    }
                    None
                } else {
                    name.norm.unpack_into(&mut en);
                    Some(compare_scored(&qn, &en, kind))
                };
                let exact = exact_hits.contains(&nid);
                let cmp_score = if exact { 1.0 } else { scored.as_ref().map(|c| c.score).unwrap_or(WEAK_ALIAS_SCORE) };
                if cmp_score < POSSIBLE_THRESHOLD {
                    continue;
                }
                let cmp = scored.map(|c| c.comparison(&qn, &en));
                let mut score = cmp_score;
                let mut parts = serde_json::Map::new();
                parts.insert("name".into(), json!(round3(cmp_score)));
                if exact {
                    parts.insert("exact_normalised_name".into(), json!(true));
                }
                let opaque = |s: super::translit::Script| {
                    use super::translit::Script::*;
                    matches!(s, Han | Kana | Hangul | Arabic | Hebrew | Thai | Other)
                };
                let mut capped_possible = name.kind == NameKind::Weak;
                let opaque_pair = qn.script != name.norm.script && (opaque(qn.script) || opaque(name.norm.script));
                // Person against person: what the names agree on, not only how much.
                let person_query = query.kind == EntityKind::Person;
                let person_pair = person_query && kind == EntityKind::Person;
                // A one-word alias of a listed person ("John", "Frances") against a party with
                // more names: a given name or a nickname alone, a weak hit that needs a second
                // agreeing fact (the country, a birth date, an identifier) to be shown at all.
                let one_word_alias =
                    person_pair && name.kind == NameKind::Alias && en.informative() <= 1 && qn.informative() >= 2;
                // A hit that may be shown only with a second agreeing fact (the country, a birth
                // date, an identifier), and then at most as possible: its `score_parts` key and why.
                let mut second_fact: Option<(&'static str, serde_json::Value)> = None;
                if one_word_alias {
                    second_fact = Some((
                        "one_word_alias",
                        json!({"alias": name.text, "effect": "at most possible: a one-word alias is shown only with a second agreeing fact"}),
                    ));
                }
                if person_query && !exact && !one_word_alias && qn.informative() >= 2 {
                    if let Some(c) = &cmp {
                        if person_evidence(&qn, c, opaque_pair) != PersonEvidence::Enough {
                            continue;
                        }
                        if person_pair && qn.script == name.norm.script {
                            if let Some(why) = partial_near_name(c, &en) {
                                second_fact = Some(("partial_near_name", why));
                            } else if let Some(why) = listed_name_longer(&qn, c, &en) {
                                capped_possible = true;
                                parts.insert("listed_name_longer".into(), why);
                            }
                        }
                        // A part that agrees only by sound (the phonetic key: "Bryan" / "Bruno")
                        // can support a review, not a match.
                        let by_sound: Vec<&str> = c
                            .aligned
                            .iter()
                            .filter(|a| a.how == super::score::How::Phonetic)
                            .map(|a| a.query.as_str())
                            .collect();
                        if !by_sound.is_empty() && cmp_score >= MATCH_THRESHOLD {
                            capped_possible = true;
                            parts.insert(
                                "sound_only".into(),
                                json!({"parts": by_sound, "effect": "at most possible: a part of the name agrees only by its sound"}),
                            );
                        }
                    }
                }
                // A party written in Han, kana, Hangul, Arabic, Hebrew, Thai (or another non-Latin,
                // non-Cyrillic, non-Greek) script against a list
                // name in another script (or the reverse): the romanisation can suggest but not
                // confirm (homophones: "玉 张" and every other Zhang Yu), so at most possible.
                if opaque_pair {
                    // and only a strong romanised agreement is worth a review: a weaker one was
                    // most of the 6 % review load on the synthetic non-matches. A Chinese or
                    // Korean organisation name read in translation agrees on words, not sounds:
                    // the usual threshold of a review.
                    if cmp_score < MATCH_THRESHOLD && !translated {
                        continue;
                    }
                    capped_possible = true;
                    let mut why = json!({"query": qn.script.as_str(), "entry": name.norm.script.as_str(), "effect": "at most possible"});
                    if translated {
                        why["read_in_translation"] = json!(true);
                    }
                    parts.insert("script".into(), why);
                } else if org_translation {
                    capped_possible = true;
                    parts.insert(
                        "script".into(),
                        json!({"query": qn.script.as_str(), "entry": name.norm.script.as_str(), "read_in_translation": true, "effect": "at most possible"}),
                    );
                } else if qn.script != name.norm.script
                    && cmp.as_ref().is_some_and(|c| c.aligned.iter().any(|a| a.how == super::score::How::Translit))
                {
                    // Latin against Cyrillic or Greek: a word that agrees only in the loose key
                    // (b / v / p, l / r and every vowel alike: "Blair" / "Валерий", "Lopez" /
                    // "Лобач") can suggest but not confirm; the entry's Latin names, when it has
                    // them, are screened on their own.
                    capped_possible = true;
                    parts.insert(
                        "script".into(),
                        json!({"query": qn.script.as_str(), "entry": name.norm.script.as_str(), "loose_only": true, "effect": "at most possible"}),
                    );
                }
                // Birth dates and identifiers, when both sides have them: a different birth date
                // downgrades (like a different country); the same full date or the same identifier
                // confirms, and lifts a possible match to a match only when nothing contradicts
                // and the name score is within CONFIRM_MARGIN of the match threshold.
                let dob = identity::dob_agreement(&query.dates_of_birth, &entry.dates_of_birth);
                let id = identity::id_agreement(&query.identifiers, entry.fields.get("ids").map(String::as_str));
                let confirmed = dob == identity::Agreement::Same || id == identity::Agreement::Same;
                let mut contradicted = false;
                if let Some(c) = &country {
                    if !entry.countries.is_empty() {
                        if entry.countries.iter().any(|x| x.eq_ignore_ascii_case(c)) {
                            parts.insert(
                                "country".into(),
                                json!({"query": c, "entry": entry.countries, "agrees": true}),
                            );
                        } else if confirmed && dob != identity::Agreement::Different {
                            // The same full birth date or the same identifier (passport, IMO
                            // number) says who the party is; a country says only where it is
                            // dealt with: nationals live abroad, vessels change flag, lists record
                            // different countries for one person (docs/MATCHING.md, the OpenSanctions
                            // record pairs: 8 of 20 dev-half misses). The country still costs its
                            // penalty but does not hold the hit at possible.
                            score -= COUNTRY_MISMATCH_PENALTY;
                            parts.insert(
                                "country".into(),
                                json!({"query": c, "entry": entry.countries, "agrees": false, "penalty": -COUNTRY_MISMATCH_PENALTY,
                                       "effect": if dob == identity::Agreement::Same { "outweighed by the same date of birth" } else { "outweighed by the same identifier" }}),
                            );
                        } else {
                            score -= COUNTRY_MISMATCH_PENALTY;
                            capped_possible = true;
                            contradicted = true;
                            parts.insert(
                                "country".into(),
                                json!({"query": c, "entry": entry.countries, "agrees": false, "penalty": -COUNTRY_MISMATCH_PENALTY, "effect": "at most possible"}),
                            );
                        }
                    }
                }
                if dob != identity::Agreement::Unknown {
                    let mut d =
                        json!({"query": query.dates_of_birth, "entry": entry.dates_of_birth, "agrees": dob.as_str()});
                    if dob == identity::Agreement::Different {
                        score -= DOB_MISMATCH_PENALTY;
                        capped_possible = true;
                        contradicted = true;
                        d["penalty"] = json!(-DOB_MISMATCH_PENALTY);
                        d["effect"] = json!("at most possible");
                    } else if dob == identity::Agreement::Near {
                        d["effect"] = json!("none: a year off by one where a list gives only the year, or one digit apart, is read as the same date written differently");
                    }
                    parts.insert("date_of_birth".into(), d);
                }
                if id == identity::Agreement::Same {
                    parts.insert("identifier".into(), json!({"query": query.identifiers, "agrees": "same"}));
                }
                if let Some((key, mut why)) = second_fact {
                    let country_agrees = parts.get("country").is_some_and(|c| c["agrees"] == json!(true));
                    let by = if dob == identity::Agreement::Same {
                        "date_of_birth"
                    } else if id == identity::Agreement::Same {
                        "identifier"
                    } else if country_agrees {
                        "country"
                    } else {
                        continue;
                    };
                    capped_possible = true;
                    why["agreeing_fact"] = json!(by);
                    parts.insert(key.into(), why);
                }
                let person = |k: EntityKind| k == EntityKind::Person;
                if query.kind != EntityKind::Unknown
                    && entry.kind != EntityKind::Unknown
                    && person(query.kind) != person(entry.kind)
                {
                    score -= KIND_MISMATCH_PENALTY;
                    parts.insert(
                        "kind".into(),
                        json!({"query": query.kind, "entry": entry.kind, "penalty": -KIND_MISMATCH_PENALTY}),
                    );
                }
                let score = round3(score.clamp(0.0, 1.0));
                let mut decision = decide(score);
                if capped_possible && decision == Decision::Match {
                    decision = Decision::Possible;
                }
                if confirmed && !contradicted {
                    let lift = decision == Decision::Possible
                        && name.kind != NameKind::Weak
                        && score >= MATCH_THRESHOLD - CONFIRM_MARGIN;
                    let effect = if lift {
                        decision = Decision::Match;
                        "raised to match"
                    } else if decision == Decision::Match {
                        "confirms the match"
                    } else if name.kind == NameKind::Weak {
                        "weak alias: at most possible"
                    } else {
                        "name too far from the match threshold to raise"
                    };
                    parts.insert("confirmation".into(), json!({"by": if dob == identity::Agreement::Same { "date_of_birth" } else { "identifier" }, "effect": effect}));
                }
                if decision == Decision::NoMatch {
                    continue;
                }
                // An entry's hit is its best decision, then its best score: a name held at
                // possible (a cross-script alias, a loose-only agreement) that scores higher must
                // not hide a Match through another of the entry's names.
                if best.get(&name.entry).is_some_and(|h| (h.decision, h.score) >= (decision, score)) {
                    continue;
                }
                let explanation_parts = match &cmp {
                    Some(c) => c.explanation(),
                    None => json!({"aligned": [], "notes": ["weak alias: exact match only, at most possible"]}),
                };
                let mut ex = match explanation_parts {
                    serde_json::Value::Object(o) => o,
                    _ => serde_json::Map::new(),
                };
                ex.insert("list".into(), json!(meta.id));
                ex.insert("list_name".into(), json!(meta.name));
                ex.insert("list_date".into(), json!(meta.date));
                ex.insert("entry_id".into(), json!(entry.id));
                ex.insert(
                    "matched_as".into(),
                    json!(match name.kind {
                        NameKind::Primary => "primary name",
                        NameKind::Alias => "alias",
                        NameKind::Weak => "weak alias",
                    }),
                );
                ex.insert("query_normalized".into(), json!(qn.key()));
                ex.insert("scripts".into(), json!([qn.script.as_str(), name.norm.script.as_str()]));
                if qn.script == super::translit::Script::Han {
                    ex.insert("han_reading".into(), json!(reading.as_str()));
                }
                ex.insert("matched_normalized".into(), json!(name.norm.key()));
                ex.insert("score_parts".into(), serde_json::Value::Object(parts));
                ex.insert("thresholds".into(), json!({"match": MATCH_THRESHOLD, "possible": POSSIBLE_THRESHOLD}));
                best.insert(
                    name.entry,
                    Hit {
                        list: meta.id.clone(),
                        entry_id: entry.id.clone(),
                        name: entry.name.clone(),
                        matched_name: name.text.to_string(),
                        score,
                        decision,
                        explanation: serde_json::Value::Object(ex),
                    },
                );
            }
        }
        let mut hits: Vec<Hit> = best.into_values().collect();
        hits.sort_by(|a, b| {
            b.decision
                .cmp(&a.decision)
                .then(b.score.partial_cmp(&a.score).unwrap_or(std::cmp::Ordering::Equal))
                .then(a.list.cmp(&b.list))
                .then(a.entry_id.cmp(&b.entry_id))
        });
        hits.truncate(MAX_HITS);
        hits
    }
}

/// Similarity from which an aligned part of two person names agrees in spelling.
const AGREE_SIM: f32 = 0.85;

#[derive(Debug, PartialEq, Eq)]
enum PersonEvidence {
    Enough,
    /// No part agrees in spelling: every aligned part agrees only by sound (phonetic key),
    /// by an initial, or (Latin against Cyrillic / Greek) only in the loose key — "Maude
    /// Moore" / "MEHRI, Mahdi", "Tatyana Lopez" / "Татьяна … ЛОБАЧ".
    NoSpelledPart,
    /// The only part that agrees is the party's first word, a given name ("James Pearson" /
    /// "JOHN JAMES PETERSON", "Michael Justus" / "MICHAEL JUSTIN HUYNH"): a given name alone
    /// does not identify a person.
    GivenNameOnly,
}

/// What a person party's name agrees on with a listed person's name (screening only: the
/// pair score keeps its own rules). A part *agrees* when it is spelled alike (exact, fuzzy,
/// respelt in one language's convention, joined or synonym at ≥ `AGREE_SIM`), or, between
/// Latin and a script with no Latin letters (Han, kana, Hangul, Arabic, Hebrew, Thai), when its
/// romanisation agrees (already held at possible). Not a hit: no agreeing part, or only the party's given name agrees.
fn person_evidence(qn: &NormName, c: &super::score::Comparison, opaque_pair: bool) -> PersonEvidence {
    use super::score::How;
    let informative = |a: &super::score::Aligned| {
        a.query.contains(' ')
            || qn.tokens.iter().any(|t| t.text == a.query && matches!(t.class, TokenClass::Word | TokenClass::Number))
    };
    let agrees = |a: &super::score::Aligned| {
        a.sim >= AGREE_SIM
            && match a.how {
                How::Exact | How::Fuzzy | How::Joined | How::Synonym | How::NationalForm | How::Respelt => true,
                How::Translit | How::McCuneReischauer | How::Spelling | How::Transcription => opaque_pair,
                How::Phonetic | How::Initial | How::Nickname => false,
            }
    };
    let first = qn.tokens.iter().find(|t| t.class == TokenClass::Word).map(|t| t.text.as_str());
    let mut n = 0;
    let mut all_given_first = true;
    for a in c.aligned.iter().filter(|a| informative(a) && agrees(a)) {
        n += 1;
        if Some(a.query.as_str()) != first || !super::score::is_given_name(&a.query) {
            all_given_first = false;
        }
    }
    if n == 0 {
        PersonEvidence::NoSpelledPart
    } else if all_given_first {
        PersonEvidence::GivenNameOnly
    } else {
        PersonEvidence::Enough
    }
}

/// A person's name that agrees with a longer listed name in at most one part as spelled, and in
/// the others only approximately ("Joan Medina" / "MEDINA PEREZ, Juan Manual": medina as
/// spelled, joan ~ juan one letter off, perez and manual missing; "Phillip Williams" / "Graham
/// William PHILLIPS": both parts one letter off and crossed). One shared word with a near one
/// is how two different people with a common surname or given name look; the party's name
/// leaving listed parts unmatched takes away what would have made the near part convincing.
/// Such a hit is shown only with a second agreeing fact (country, birth date, identifier), and
/// then at most as possible. Equal counts: exact, joined, synonym, national form, nickname;
/// approximate: one or two letters off (fuzzy), by sound (phonetic). A missing patronymic
/// does not count: it is routinely left out ("Aleksei Kozlov" / "Alexei Vladimirovich
/// KOZLOV"). Names in two scripts are not judged here: there every part agrees through a
/// romanisation or the loose key, and the Cyrillic one of the alias set's dev half lost 52
/// real listed people ("Алексей Козлов" / "Alexei Vladimirovich KOZLOV") to this rule.
/// Returns the `score_parts` explanation when the rule applies.
fn partial_near_name(c: &super::score::Comparison, en: &NormName) -> Option<serde_json::Value> {
    use super::score::How;
    let (mut equal, mut near) = (Vec::new(), Vec::new());
    for a in &c.aligned {
        match a.how {
            How::Exact | How::Joined | How::Synonym | How::NationalForm | How::Nickname | How::McCuneReischauer => {
                equal.push(a.query.as_str())
            }
            How::Fuzzy | How::Phonetic | How::Translit | How::Spelling | How::Transcription | How::Respelt => {
                near.push(a.query.as_str())
            }
            How::Initial => {}
        }
    }
    let missing = listed_parts_missing(c, en);
    if equal.len() > 1 || near.is_empty() || missing.is_empty() {
        return None;
    }
    Some(json!({
        "spelled_alike": equal,
        "near": near,
        "listed_parts_missing": missing,
        "effect": "at most possible, and shown only with a second agreeing fact: at most one part of the name is spelled as listed, the others only approximately, and the listed name has parts the party's name lacks",
    }))
}

/// The listed name's words the party's name leaves unmatched, but for a lone initial and a
/// patronymic (routinely left out: "Aleksei Kozlov" / "Alexei Vladimirovich KOZLOV").
fn listed_parts_missing<'a>(c: &'a super::score::Comparison, en: &NormName) -> Vec<&'a str> {
    c.unmatched_entry
        .iter()
        .filter(|w| {
            w.len() >= 2
                && !super::score::is_patronymic(w)
                && en.tokens.iter().any(|t| &t.text == *w && t.class == TokenClass::Word)
        })
        .map(String::as_str)
        .collect()
}

/// A party named by two words, both spelled as the listed person's, where the listed name has
/// more ("Randy Williams" / "RANDY LEW WILLIAMS"): a given name and a surname agreeing is how
/// namesakes look, and the listed part the party's name lacks is what would tell them apart.
/// At most possible, so the hit is reviewed, not taken as the listed person; the same birth date
/// or identifier still raises it to a match. A missing patronymic does not count (it is
/// routinely left out: "Aleksei Kozlov" / "Alexei Vladimirovich KOZLOV"), nor a lone initial.
/// Same script only (across scripts every part agrees through a romanisation). Returns the
/// `score_parts` explanation when the rule applies.
fn listed_name_longer(qn: &NormName, c: &super::score::Comparison, en: &NormName) -> Option<serde_json::Value> {
    use super::score::How;
    let words = qn.tokens.iter().filter(|t| t.class == TokenClass::Word).count();
    if words != 2 || qn.informative() != 2 || !c.unmatched_query.is_empty() || c.aligned.len() != 2 {
        return None;
    }
    if !c.aligned.iter().all(|a| a.how == How::Exact && !a.query.contains(' ')) {
        return None;
    }
    let missing = listed_parts_missing(c, en);
    if missing.is_empty() {
        return None;
    }
    Some(json!({
        "listed_parts_missing": missing,
        "effect": "at most possible: the party's two names agree with the listed person's, whose name has parts the party's lacks (a namesake until a birth date or an identifier agrees)",
    }))
}

impl PartyScreener for Index {
    fn screen(&self, query: &Query) -> Vec<Hit> {
        self.screen_lists(query, &[])
    }
    fn lists(&self) -> Vec<ListMeta> {
        self.metas.clone()
    }
    fn entry(&self, list: &str, entry_id: &str) -> Option<&Entry> {
        let h = entry_key(list, entry_id);
        let from = self.by_id.partition_point(|x| x.0 < h);
        // the last of duplicate ids wins, as when the lists are read in order
        self.by_id[from..]
            .iter()
            .take_while(|x| x.0 == h)
            .filter(|&&(_, i)| self.entries.id(i as usize) == entry_id)
            .filter_map(|&(_, i)| {
                let (li, entry) = self.entries.get(i as usize)?;
                (self.metas.get(li as usize)?.id == list).then_some(entry)
            })
            .last()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The exact-name and weak-alias tables hash a packed name's key without building it:
    /// the same hash as the key string, which queries look up.
    #[test]
    fn index_name_key_hash_is_the_key_strings_hash() {
        let names = [
            ("Hassan Scientific Corporation", EntityKind::Organization),
            ("LLC Center", EntityKind::Organization),
            ("ABD AL-RAHMAN, Muhammad", EntityKind::Person),
            ("王國興", EntityKind::Person),
            ("شركة النصر", EntityKind::Organization),
            ("X", EntityKind::Unknown),
        ];
        for (name, kind) in names {
            let packed = PackedNorm::pack(&normalize(name, kind)).expect("packs");
            let (mut a, mut b) = (KeyTable::default(), KeyTable::default());
            a.push(&packed.key(), 7);
            b.push_name(packed.as_ref(), 7);
            assert_eq!(a.0, b.0, "{name}");
        }
    }
}
