//! The index as bytes: built once at build time (`xtask build-index`), loaded by the web app's
//! worker instead of decoding the bundled lists and building the index on every page load.
//!
//! A flat little-endian format, written and read by hand (no dependency):
//!
//! ```text
//! magic "CATCHALL-INDEX\r\n" (16 bytes)
//! format version         u32   FORMAT_VERSION
//! engine build           str   ENGINE_BUILD: the engine version and a hash of its sources
//! list sources hash      u64   sources_hash() of the list files the index was built from
//! payload length         u64
//! payload checksum       u64   checksum() of the payload
//! payload                      the fields of `Index` `write_fields` lists, in its order
//! ```
//!
//! Every length and count is an unsigned LEB128 varint (`len`: one byte below 128, at most
//! five); `str` is a `len` then UTF-8; a sequence is a `len` count then its items; a table of
//! ends (where each string, entry, posting list or name's tokens ends) is a `len` count then
//! each item's length as a `len`, summed on reading. Format 4 (these varints) is 17 % smaller
//! than format 3, which spent four bytes on every length, count and end (the bundled lists:
//! 21.4 against 26.0 MB; 6.3 against 7.0 MB gzipped).
//!
//! The lookup tables (token, phonetic, deletion, exact-name, weak-alias and entry-id hashes)
//! are not in the file: they are a third of it gzipped and cheap to compute, so
//! [`Index::from_bytes`] derives them from the names, the vocabulary (with one flag per word
//! for the deletion keys) and the entries, with the same code as [`Index::build`].
//!
//! A file of another format version, another engine build (normalisation or scoring may
//! differ, so names indexed by it would not be found the same way) or other list sources is
//! refused with an [`IndexBytesError`] saying which, and so is a damaged file; the caller then
//! builds the index from the lists. Reading never panics: every read is bounds-checked, every
//! count is checked against the bytes left before anything is reserved, and every id the
//! index dereferences while screening is checked against the table it points into.

use super::{EntryTable, KeyTable, NameFacts, NameKind, NameTable, Postings, StoredEntries, StrTable};
use crate::lists::List;
use crate::names::normalize::TokenClass;
use crate::names::packed::PackedToken;
use crate::names::translit::Script;
use crate::names::Index;
use crate::screening::{EntityKind, Entry, Fields, ListMeta};

/// The file's first bytes.
pub const MAGIC: &[u8; 16] = b"CATCHALL-INDEX\r\n";
/// Bumped whenever the layout below changes.
pub const FORMAT_VERSION: u32 = 4;
/// The engine that wrote or reads an index file: its version and a hash of its sources
/// (`src/`, `data/`; the root build.rs), so an index built by other code is never used.
pub const ENGINE_BUILD: &str = concat!(env!("CARGO_PKG_VERSION"), "+", env!("CATCHALL_ENGINE_SOURCE_HASH"));

/// Why index bytes were refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IndexBytesError {
    /// The bytes do not start with [`MAGIC`].
    NotAnIndex,
    /// Written in another layout.
    FormatVersion { found: u32, expected: u32 },
    /// Written by another engine build.
    OtherEngine { found: String, expected: String },
    /// Built from other list files than the ones expected.
    OtherLists { found: u64, expected: u64 },
    /// Truncated, altered or inconsistent: what was wrong and where.
    Damaged(String),
}

impl std::fmt::Display for IndexBytesError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IndexBytesError::NotAnIndex => write!(f, "not a Catchall index file (no magic)"),
            IndexBytesError::FormatVersion { found, expected } => {
                write!(f, "index file format {found}, this engine reads format {expected}")
            }
            IndexBytesError::OtherEngine { found, expected } => {
                write!(f, "index file built by engine {found}, this is engine {expected}")
            }
            IndexBytesError::OtherLists { found, expected } => {
                write!(f, "index file built from other lists (sources {found:016x}, expected {expected:016x})")
            }
            IndexBytesError::Damaged(why) => write!(f, "index file damaged: {why}"),
        }
    }
}

impl std::error::Error for IndexBytesError {}

/// The hash that ties an index file to the list files it was built from: FNV-1a 64 over each
/// file's name, a 0 byte, its length (u64 LE) and its bytes, in the order given (callers sort by
/// name). `crates/web/build.rs` computes the same over `static/lists` (a test there checks it).
pub fn sources_hash(files: &[(&str, &[u8])]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for (name, bytes) in files {
        eat(name.as_bytes());
        eat(&[0]);
        eat(&(bytes.len() as u64).to_le_bytes());
        eat(bytes);
    }
    h
}

/// A fast checksum of the payload, eight bytes at a time (not cryptographic: it catches a
/// truncated or altered file, not a forged one; forged files are still checked field by field).
fn checksum(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0x9e37_79b9_7f4a_7c15 ^ bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h ^ u64::from_le_bytes(w)).wrapping_mul(0x0100_0000_01b3).rotate_left(29);
    }
    for &b in chunks.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3).rotate_left(29);
    }
    h
}

// ---------------------------------------------------------------------------------------
// Writing

#[derive(Default)]
struct W(Vec<u8>);

impl W {
    fn u8(&mut self, v: u8) {
        self.0.push(v);
    }
    fn u16(&mut self, v: u16) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    /// An unsigned LEB128 varint: seven bits a byte, the high bit set on all but the last.
    fn len(&mut self, n: usize) {
        // Nothing the index holds comes near 2^32 items; saturating keeps writing total.
        let mut v = u32::try_from(n).unwrap_or(u32::MAX);
        while v >= 0x80 {
            self.0.push((v as u8 & 0x7f) | 0x80);
            v >>= 7;
        }
        self.0.push(v as u8);
    }
    fn str(&mut self, s: &str) {
        self.len(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }
    fn u32s(&mut self, v: &[u32]) {
        self.len(v.len());
        for &x in v {
            self.u32(x);
        }
    }
    /// Ascending ends (each at or after the one before, from 0) as the lengths between them.
    fn ends(&mut self, ends: &[u32]) {
        self.len(ends.len());
        let mut last = 0u32;
        for &e in ends {
            self.len(e.saturating_sub(last) as usize);
            last = e;
        }
    }
    fn strs<S: AsRef<str>>(&mut self, v: &[S]) {
        self.len(v.len());
        for s in v {
            self.str(s.as_ref());
        }
    }
}

// ---------------------------------------------------------------------------------------
// Reading

struct R<'a> {
    b: &'a [u8],
    at: usize,
}

type Res<T> = Result<T, IndexBytesError>;

fn damaged(what: impl std::fmt::Display) -> IndexBytesError {
    IndexBytesError::Damaged(what.to_string())
}

impl<'a> R<'a> {
    fn take(&mut self, n: usize, what: &str) -> Res<&'a [u8]> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.b.len());
        let Some(end) = end else {
            return Err(damaged(format!(
                "{what}: needs {n} bytes at byte {}, the file ends at {}",
                self.at,
                self.b.len()
            )));
        };
        let s = &self.b[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn arr<const N: usize>(&mut self, what: &str) -> Res<[u8; N]> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N, what)?);
        Ok(a)
    }
    fn u8(&mut self, what: &str) -> Res<u8> {
        Ok(self.arr::<1>(what)?[0])
    }
    fn u32(&mut self, what: &str) -> Res<u32> {
        Ok(u32::from_le_bytes(self.arr(what)?))
    }
    fn u64(&mut self, what: &str) -> Res<u64> {
        Ok(u64::from_le_bytes(self.arr(what)?))
    }
    /// What [`W::len`] wrote: at most five bytes, and no more than 32 bits.
    #[inline]
    fn len(&mut self, what: &str) -> Res<usize> {
        // Most lengths are one byte.
        if let Some(&b) = self.b.get(self.at) {
            if b < 0x80 {
                self.at += 1;
                return Ok(usize::from(b));
            }
        }
        self.long_len(what)
    }
    #[cold]
    fn long_len(&mut self, what: &str) -> Res<usize> {
        let mut v: u32 = 0;
        for i in 0..5 {
            let b = self.u8(what)?;
            let bits = u32::from(b & 0x7f);
            if i == 4 && bits > 0x0f {
                return Err(damaged(format!("{what}: a length over 32 bits")));
            }
            v |= bits << (7 * i);
            if b & 0x80 == 0 {
                return Ok(v as usize);
            }
        }
        Err(damaged(format!("{what}: a length of more than five bytes")))
    }
    /// A count of items of at least `min_size` bytes each: more than the bytes left is damage
    /// (checked before anything is reserved for them).
    fn count(&mut self, min_size: usize, what: &str) -> Res<usize> {
        let n = self.len(what)?;
        let left = self.b.len() - self.at;
        if n.saturating_mul(min_size.max(1)) > left {
            return Err(damaged(format!("{what}: {n} items do not fit in the {left} bytes left")));
        }
        Ok(n)
    }
    /// A sequence of u32 as one block.
    fn u32s(&mut self, what: &str) -> Res<Vec<u32>> {
        let n = self.count(4, what)?;
        let bytes = self.take(n * 4, what)?;
        Ok(bytes.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])).collect())
    }
    /// What [`W::ends`] wrote: the ends, each at or after the one before (none past `limit`).
    fn ends(&mut self, limit: usize, what: &str) -> Res<Vec<u32>> {
        let n = self.count(1, what)?;
        let mut ends = Vec::with_capacity(n);
        let mut last = 0usize;
        for _ in 0..n {
            last = last.saturating_add(self.len(what)?);
            if last > limit {
                return Err(damaged(format!("{what}: an end at {last}, past {limit}")));
            }
            ends.push(last as u32);
        }
        Ok(ends)
    }
    /// A [`StrTable`]: its text, then where each string ends, each end a character boundary
    /// at or after the one before.
    fn str_table(&mut self, what: &str) -> Res<StrTable> {
        let text = self.str(what)?;
        let ends = self.ends(text.len(), what)?;
        let mut last = 0;
        for &e in &ends {
            if !text.is_char_boundary(e as usize) {
                return Err(damaged(format!("{what}: a string ends at byte {e}, after {last}, of {}", text.len())));
            }
            last = e as usize;
        }
        if last != text.len() {
            return Err(damaged(format!("{what}: the strings end at byte {last} of {}", text.len())));
        }
        Ok(StrTable { text: text.into(), ends })
    }
    fn str(&mut self, what: &str) -> Res<&'a str> {
        let n = self.len(what)?;
        let bytes = self.take(n, what)?;
        std::str::from_utf8(bytes).map_err(|e| damaged(format!("{what}: not UTF-8 ({e})")))
    }
    fn string(&mut self, what: &str) -> Res<String> {
        self.str(what).map(str::to_string)
    }
    fn strings(&mut self, what: &str) -> Res<Vec<String>> {
        let n = self.count(4, what)?;
        (0..n).map(|_| self.string(what)).collect()
    }
}

// ---------------------------------------------------------------------------------------
// The small enums, as one byte each (an unknown byte is damage, never a default)

/// One table per enum gives both directions, so they cannot disagree: `$to` matches every
/// variant (a new one is a compile error until it has a byte), `$from` refuses any other byte.
macro_rules! byte_enum {
    ($to:ident, $from:ident, $ty:ident, $what:literal, [$($v:ident = $b:literal),+ $(,)?]) => {
        fn $to(k: $ty) -> u8 {
            match k {
                $($ty::$v => $b,)+
            }
        }
        fn $from(b: u8) -> Res<$ty> {
            match b {
                $($b => Ok($ty::$v),)+
                _ => Err(damaged(format!(concat!($what, " {}"), b))),
            }
        }
    };
}

byte_enum!(
    kind_byte,
    kind_of,
    EntityKind,
    "entity kind",
    [Person = 0, Organization = 1, Vessel = 2, Aircraft = 3, Unknown = 4]
);
byte_enum!(name_kind_byte, name_kind_of, NameKind, "name kind", [Primary = 0, Alias = 1, Weak = 2]);
byte_enum!(class_byte, class_of, TokenClass, "token class", [Word = 0, Number = 1, LegalForm = 2, Stopword = 3]);
byte_enum!(
    script_byte,
    script_of,
    Script,
    "script",
    [Latin = 0, Cyrillic = 1, Greek = 2, Arabic = 3, Hebrew = 4, Thai = 5, Hangul = 6, Kana = 7, Han = 8, Other = 9]
);

fn bool_of(b: u8, what: &str) -> Res<bool> {
    match b {
        0 => Ok(false),
        1 => Ok(true),
        _ => Err(damaged(format!("{what}: {b} is not a boolean"))),
    }
}

// ---------------------------------------------------------------------------------------
// The records

fn write_meta(w: &mut W, m: &ListMeta) {
    let ListMeta { id, name, publisher, url, date, entries, hash, licence, legal_basis } = m;
    for s in [id, name, publisher, url, date] {
        w.str(s);
    }
    w.u64(*entries as u64);
    for s in [hash, licence, legal_basis] {
        w.str(s);
    }
}
fn read_meta(r: &mut R<'_>) -> Res<ListMeta> {
    Ok(ListMeta {
        id: r.string("list id")?,
        name: r.string("list name")?,
        publisher: r.string("list publisher")?,
        url: r.string("list url")?,
        date: r.string("list date")?,
        entries: usize::try_from(r.u64("list entries")?).map_err(|_| damaged("list entries: too many"))?,
        hash: r.string("list hash")?,
        licence: r.string("list licence")?,
        legal_basis: r.string("list legal basis")?,
    })
}

fn write_entry(w: &mut W, e: &Entry) {
    let Entry { id, kind, name, aliases, weak_aliases, countries, addresses, programs, dates_of_birth, fields } = e;
    w.str(id);
    w.u8(kind_byte(*kind));
    w.str(name);
    for v in [aliases, weak_aliases, countries, addresses, programs, dates_of_birth] {
        w.strs(v);
    }
    let pairs: Vec<(&String, &String)> = fields.iter().collect();
    w.len(pairs.len());
    for (k, v) in pairs {
        w.str(k);
        w.str(v);
    }
}
/// Walks one entry as [`read_entry`] reads it, allocating nothing: every string UTF-8, every
/// byte a known value, the field keys sorted and unique. Returns where its id is.
fn check_entry(r: &mut R<'_>) -> Res<(usize, usize)> {
    let id = r.str("entry id")?;
    let id_at = (r.at - id.len(), r.at);
    kind_of(r.u8("entry kind")?)?;
    r.str("entry name")?;
    for what in [
        "entry aliases",
        "entry weak aliases",
        "entry countries",
        "entry addresses",
        "entry programs",
        "entry dates of birth",
    ] {
        let n = r.count(4, what)?;
        for _ in 0..n {
            r.str(what)?;
        }
    }
    let n = r.count(8, "entry fields")?;
    let mut last: Option<&str> = None;
    for _ in 0..n {
        let k = r.str("entry field key")?;
        r.str("entry field value")?;
        if last.is_some_and(|l| l >= k) {
            return Err(damaged(format!("entry {id}: field keys out of order at {k:?}")));
        }
        last = Some(k);
    }
    Ok(id_at)
}

/// One entry's bytes (as [`write_entry`] wrote them and [`check_entry`] passed them) decoded.
pub(super) fn decode_entry(bytes: &[u8]) -> Option<Entry> {
    let mut r = R { b: bytes, at: 0 };
    let e = read_entry(&mut r).ok()?;
    (r.at == bytes.len()).then_some(e)
}

fn read_entry(r: &mut R<'_>) -> Res<Entry> {
    let id = r.string("entry id")?;
    let kind = kind_of(r.u8("entry kind")?)?;
    let name = r.string("entry name")?;
    let aliases = r.strings("entry aliases")?;
    let weak_aliases = r.strings("entry weak aliases")?;
    let countries = r.strings("entry countries")?;
    let addresses = r.strings("entry addresses")?;
    let programs = r.strings("entry programs")?;
    let dates_of_birth = r.strings("entry dates of birth")?;
    let n = r.count(8, "entry fields")?;
    let mut fields = Fields::new();
    let mut last: Option<String> = None;
    for _ in 0..n {
        let k = r.string("entry field key")?;
        let v = r.string("entry field value")?;
        // Written sorted and unique, as `Fields` keeps them: anything else is damage.
        if last.as_ref().is_some_and(|l| *l >= k) {
            return Err(damaged(format!("entry {id}: field keys out of order at {k:?}")));
        }
        last = Some(k.clone());
        fields.insert(k, v);
    }
    Ok(Entry { id, kind, name, aliases, weak_aliases, countries, addresses, programs, dates_of_birth, fields })
}

/// The name table: per name its facts (entry, kind, script, flags); then the display texts,
/// the packed characters and the native forms as three string tables; then every token.
fn write_names(w: &mut W, names: &NameTable) {
    let NameTable { facts, texts, chars, natives, tokens, token_ends } = names;
    w.len(facts.len());
    for &NameFacts { entry, kind, script, cjk, abjad } in facts {
        w.u32(entry);
        w.u8(name_kind_byte(kind));
        w.u8(script_byte(script));
        w.u8(u8::from(cjk));
        w.u8(u8::from(abjad));
    }
    for t in [texts, chars, natives] {
        w.str(&t.text);
        w.ends(&t.ends);
    }
    // The tokens' fixed parts as one block (class, weight: five bytes each), then their two
    // lengths each (varints).
    w.len(tokens.len());
    for t in tokens {
        w.u8(class_byte(t.class));
        w.u32(t.weight.to_bits());
    }
    for t in tokens {
        w.len(usize::from(t.text_len));
        w.len(usize::from(t.phonetic_len));
    }
    w.ends(token_ends);
}
fn read_names(r: &mut R<'_>, entries: usize) -> Res<NameTable> {
    let n = r.count(8, "names")?;
    let mut facts = Vec::with_capacity(n);
    for _ in 0..n {
        let entry = r.u32("name's entry")?;
        if entry as usize >= entries {
            return Err(damaged(format!("name's entry {entry} of {entries}")));
        }
        let kind = name_kind_of(r.u8("name kind")?)?;
        let script = script_of(r.u8("name script")?)?;
        let cjk = bool_of(r.u8("name cjk")?, "name cjk")?;
        let abjad = bool_of(r.u8("name abjad")?, "name abjad")?;
        facts.push(NameFacts { entry, kind, script, cjk, abjad });
    }
    let texts = r.str_table("name texts")?;
    let chars = r.str_table("name chars")?;
    let natives = r.str_table("name native forms")?;
    let m = r.count(7, "name tokens")?;
    let block = r.take(m * 5, "name tokens")?;
    let mut tokens = Vec::with_capacity(m);
    for t in block.chunks_exact(5) {
        tokens.push(PackedToken {
            text_len: 0,
            phonetic_len: 0,
            class: class_of(t[0])?,
            weight: f32::from_bits(u32::from_le_bytes([t[1], t[2], t[3], t[4]])),
        });
    }
    let short = |n: usize, what: &str| u16::try_from(n).map_err(|_| damaged(format!("{what}: {n} bytes")));
    for t in &mut tokens {
        t.text_len = short(r.len("token length")?, "token length")?;
        t.phonetic_len = short(r.len("token phonetic length")?, "token phonetic length")?;
    }
    let token_ends = r.ends(tokens.len(), "name token ends")?;
    for (what, len) in [
        ("texts", texts.len()),
        ("chars", chars.len()),
        ("native forms", natives.len()),
        ("token ends", token_ends.len()),
    ] {
        if len != n {
            return Err(damaged(format!("{n} names but {len} name {what}")));
        }
    }
    // Each name's tokens cut its characters on boundaries and use them all: screening
    // slices there.
    let mut start = 0usize;
    for (i, &end) in token_ends.iter().enumerate() {
        let end = end as usize;
        let Some(toks) = tokens.get(start..end) else {
            return Err(damaged(format!("name {i}: tokens {start}..{end} of {}", tokens.len())));
        };
        let cs = chars.get(i);
        let mut at = 0usize;
        for t in toks {
            for len in [t.text_len, t.phonetic_len] {
                at += len as usize;
                if !cs.is_char_boundary(at) {
                    return Err(damaged(format!("name {cs:?}: token lengths cut it at byte {at}")));
                }
            }
        }
        if at != cs.len() {
            return Err(damaged(format!("name {cs:?}: token lengths sum to {at}, not {}", cs.len())));
        }
        start = end;
    }
    if start != tokens.len() {
        return Err(damaged(format!("name tokens: {} of {} used", start, tokens.len())));
    }
    Ok(NameTable { facts, texts, chars, natives, tokens, token_ends })
}

// ---------------------------------------------------------------------------------------
// The index

/// Every field of [`Index`], written in this order or derived on reading
/// (`Index::derive_tables`). The destructuring makes a field added to `Index` a compile error
/// here until it is written (and read, in [`read_fields`]) or derived.
fn write_fields(ix: &Index, w: &mut W) {
    let Index {
        metas,
        entries,
        names,
        vocab,
        vocab_text,
        vocab_phon,
        postings,
        deletions,
        phonetic,
        weak,
        exact,
        by_id,
    } = ix;
    w.len(metas.len());
    for m in metas {
        write_meta(w, m);
    }
    // The list numbers, then the entries back to back, then where each ends: loading keeps
    // the entries as bytes and decodes one when it is first used.
    w.len(entries.len());
    for &li in &entries.lists {
        w.u16(li);
    }
    let mut blob = W::default();
    let mut ends = Vec::with_capacity(entries.len());
    for (_, e) in entries.iter() {
        write_entry(&mut blob, e);
        ends.push(u32::try_from(blob.0.len()).unwrap_or(u32::MAX));
    }
    w.len(blob.0.len());
    w.0.extend_from_slice(&blob.0);
    w.ends(&ends);
    write_names(w, names);
    for t in [vocab_text, vocab_phon] {
        w.str(&t.text);
        w.ends(&t.ends);
    }
    w.u32s(&postings.ids);
    w.ends(&postings.ends);
    // Derived on reading: only which words have deletion keys is written.
    let _ = (vocab, deletions, phonetic, weak, exact, by_id);
    let fuzzy = ix.fuzzy_words();
    w.len(fuzzy.len());
    for f in fuzzy {
        w.u8(u8::from(f));
    }
}

/// The entries as [`write_fields`] wrote them, each checked whole ([`check_entry`]) and kept
/// as bytes.
fn read_entries(r: &mut R<'_>, lists: usize) -> Res<EntryTable> {
    let n = r.count(2, "entries")?;
    let block = r.take(n * 2, "entries' lists")?;
    let mut list_of = Vec::with_capacity(n);
    for c in block.chunks_exact(2) {
        let li = u16::from_le_bytes([c[0], c[1]]);
        if li as usize >= lists {
            return Err(damaged(format!("entry's list {li} of {lists}")));
        }
        list_of.push(li);
    }
    let len = r.count(1, "entries' bytes")?;
    let bytes = r.take(len, "entries' bytes")?;
    let ends = r.ends(bytes.len(), "entries' ends")?;
    if ends.len() != n {
        return Err(damaged(format!("{n} entries but {} ends", ends.len())));
    }
    let mut ids = Vec::with_capacity(n);
    let mut start = 0usize;
    for &end in &ends {
        let Some(one) = bytes.get(start..end as usize) else {
            return Err(damaged(format!("an entry at bytes {start}..{end} of {}", bytes.len())));
        };
        let mut er = R { b: one, at: 0 };
        let (a, b) = check_entry(&mut er)?;
        if er.at != one.len() {
            return Err(damaged(format!("entry at byte {start}: {} bytes left over", one.len() - er.at)));
        }
        ids.push(((start + a) as u32, (start + b) as u32));
        start = end as usize;
    }
    if start != bytes.len() {
        return Err(damaged(format!("the entries end at byte {start} of {}", bytes.len())));
    }
    Ok(EntryTable {
        lists: list_of,
        stored: StoredEntries::Bytes {
            bytes: bytes.into(),
            ends,
            ids,
            decoded: (0..n).map(|_| std::sync::OnceLock::new()).collect(),
        },
    })
}

/// Reads what [`write_fields`] wrote, in the same order, and checks every id screening
/// follows (entry, name, vocabulary and list numbers) against the table it indexes.
fn read_fields(r: &mut R<'_>) -> Res<Index> {
    let n = r.count(36, "lists")?;
    let metas = (0..n).map(|_| read_meta(r)).collect::<Res<Vec<_>>>()?;
    let entries = read_entries(r, metas.len())?;
    let names = read_names(r, entries.len())?;
    let vocab_text = r.str_table("vocabulary")?;
    let vocab_phon = r.str_table("vocabulary phonetic keys")?;
    let ids = r.u32s("postings")?;
    let ends = r.ends(ids.len(), "postings ends")?;
    let postings = Postings { ids, ends };
    let n = r.count(1, "deletion flags")?;
    let fuzzy = (0..n).map(|_| bool_of(r.u8("deletion flag")?, "deletion flag")).collect::<Res<Vec<bool>>>()?;
    if fuzzy.len() != vocab_text.len() {
        return Err(damaged(format!("{} deletion flags for {} vocabulary words", fuzzy.len(), vocab_text.len())));
    }
    let mut ix = Index {
        metas,
        entries,
        names,
        vocab: KeyTable::default(),
        vocab_text,
        vocab_phon,
        postings,
        deletions: Vec::new(),
        phonetic: KeyTable::default(),
        weak: KeyTable::default(),
        exact: KeyTable::default(),
        by_id: Vec::new(),
    };
    check_ids(&ix)?;
    ix.derive_tables(&fuzzy);
    Ok(ix)
}

fn check_ids(ix: &Index) -> Res<()> {
    let (names, vocab) = (ix.names.len(), ix.vocab_text.len());
    if ix.vocab_phon.len() != vocab || ix.postings.len() != vocab {
        return Err(damaged(format!(
            "{vocab} vocabulary words but {} phonetic keys and {} postings",
            ix.vocab_phon.len(),
            ix.postings.len()
        )));
    }
    if let Some(&n) = ix.postings.ids.iter().find(|&&n| n as usize >= names) {
        return Err(damaged(format!("postings: id {n} of {names}")));
    }
    // The ends ascend and stay within the ids as read (`R::ends`); the last must be the end.
    let last = ix.postings.ends.last().map_or(0, |&e| e as usize);
    if last != ix.postings.ids.len() {
        return Err(damaged(format!("postings: the lists end at {last} of {}", ix.postings.ids.len())));
    }
    // The lookup tables are derived from these after this check, so their ids are in range.
    Ok(())
}

impl Index {
    /// The index as bytes ([module doc](self)), stamped with this engine's build and
    /// `sources`, the [`sources_hash`] of the list files it was built from.
    pub fn to_bytes(&self, sources: u64) -> Vec<u8> {
        let mut payload = W::default();
        write_fields(self, &mut payload);
        let mut w = W::default();
        w.0.extend_from_slice(MAGIC);
        w.u32(FORMAT_VERSION);
        w.str(ENGINE_BUILD);
        w.u64(sources);
        w.u64(payload.0.len() as u64);
        w.u64(checksum(&payload.0));
        w.0.extend_from_slice(&payload.0);
        w.0
    }

    /// An index from [`Index::to_bytes`], if it was written in this format by this engine
    /// build from the list files whose [`sources_hash`] is `sources`, and is whole.
    pub fn from_bytes(bytes: &[u8], sources: u64) -> Result<Index, IndexBytesError> {
        let mut r = R { b: bytes, at: 0 };
        if r.take(MAGIC.len(), "magic").ok() != Some(&MAGIC[..]) {
            return Err(IndexBytesError::NotAnIndex);
        }
        let version = r.u32("format version")?;
        if version != FORMAT_VERSION {
            return Err(IndexBytesError::FormatVersion { found: version, expected: FORMAT_VERSION });
        }
        let engine = r.str("engine build")?;
        if engine != ENGINE_BUILD {
            return Err(IndexBytesError::OtherEngine { found: engine.into(), expected: ENGINE_BUILD.into() });
        }
        let found = r.u64("list sources hash")?;
        if found != sources {
            return Err(IndexBytesError::OtherLists { found, expected: sources });
        }
        let len = r.u64("payload length")?;
        let sum = r.u64("payload checksum")?;
        let left = (bytes.len() - r.at) as u64;
        if len != left {
            return Err(damaged(format!("the payload should be {len} bytes, the file has {left}")));
        }
        let payload = &bytes[r.at..];
        if checksum(payload) != sum {
            return Err(damaged("checksum mismatch (altered or partly written)"));
        }
        let mut r = R { b: payload, at: 0 };
        let ix = read_fields(&mut r)?;
        if r.at != payload.len() {
            return Err(damaged(format!("{} bytes left over after the index", payload.len() - r.at)));
        }
        Ok(ix)
    }

    /// The lists this index was built from, in order (e.g. to rebuild it with imported lists
    /// when it was loaded from bytes and the list files were never fetched).
    pub fn to_lists(&self) -> Vec<List> {
        let mut lists: Vec<List> = self.metas.iter().map(|m| List { meta: m.clone(), entries: Vec::new() }).collect();
        for (li, e) in self.entries.iter() {
            if let Some(l) = lists.get_mut(li as usize) {
                l.entries.push(e.clone());
            }
        }
        lists
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::screening::{PartyScreener, Query};

    const SOURCES: u64 = 0x5eed_0f11_57fa_11e5;

    fn entry(id: &str, kind: EntityKind, name: &str, aliases: &[&str], weak: &[&str], countries: &[&str]) -> Entry {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        Entry {
            id: id.into(),
            kind,
            name: name.into(),
            aliases: s(aliases),
            weak_aliases: s(weak),
            countries: s(countries),
            ..Default::default()
        }
    }

    /// A small set of lists with every kind of thing the index holds: persons, organisations,
    /// vessels; aliases, weak aliases, derived variants; Latin, Cyrillic, Arabic, Han, Hangul,
    /// kana names; countries, addresses, programmes, birth dates and list facts.
    fn lists() -> Vec<List> {
        use EntityKind::*;
        let mut hassan = entry(
            "el-1",
            Organization,
            "Hassan Scientific Corporation",
            &["Hasan Scientific Corporation", "M/s Hassan Scientific Corp."],
            &[],
            &["PK"],
        );
        hassan.addresses = vec!["Lahore, Pakistan".into()];
        hassan.fields.insert("license_requirement".into(), "For all items subject to the EAR".into());
        hassan.fields.insert("federal_register".into(), "84 FR 12345".into());
        let mut usama = entry("1", Person, "BIN LADIN, Usama", &["BIN LADEN, Osama"], &["The Sheikh"], &["SA"]);
        usama.dates_of_birth = vec!["1957-03-10".into(), "1957".into()];
        usama.programs = vec!["SDGT".into()];
        usama.fields.insert("ids".into(), "Passport A123456 (SA)".into());
        vec![
            List {
                meta: ListMeta {
                    id: "us_entity_list".into(),
                    name: "Entity List".into(),
                    publisher: "BIS".into(),
                    url: "https://www.ecfr.gov/".into(),
                    date: "2026-07-23".into(),
                    entries: 4,
                    hash: "fnv1a64:0123456789abcdef".into(),
                    licence: "public domain".into(),
                    legal_basis: "15 CFR 744.11".into(),
                },
                entries: vec![
                    hassan,
                    entry("el-2", Organization, "Mayrow General Trading", &[], &[], &["AE"]),
                    entry("el-3", Organization, "11420 Corp.", &[], &[], &[]),
                    entry("el-4", Organization, "ООО Технологии Связи", &["OOO Tekhnologii Svyazi"], &[], &["RU"]),
                ],
            },
            List {
                meta: ListMeta { id: "us_sdn".into(), name: "SDN".into(), entries: 5, ..Default::default() },
                entries: vec![
                    usama,
                    entry("2", Person, "NASRALLAH, Hassan", &["حسن نصر الله"], &[], &["LB"]),
                    entry("3", Vessel, "GRACE 1", &["ADRIAN DARYA 1"], &[], &[]),
                    entry("4", Person, "王國興", &["WANG, Guoxing"], &[], &["CN"]),
                    entry(
                        "5",
                        Organization,
                        "Korea Mining Development Trading Corporation",
                        &["조선광업개발무역회사"],
                        &[],
                        &["KP"],
                    ),
                ],
            },
            List {
                meta: ListMeta {
                    id: "jp_meti_eul".into(),
                    name: "End User List".into(),
                    entries: 1,
                    ..Default::default()
                },
                entries: vec![entry("jp-1", Organization, "アル・カーイダ", &["Al Qaida"], &[], &[])],
            },
        ]
    }

    fn queries() -> Vec<Query> {
        let q = |name: &str, kind: EntityKind, country: Option<&str>| Query {
            name: name.into(),
            kind,
            country: country.map(str::to_string),
            ..Default::default()
        };
        use EntityKind::*;
        let mut v = vec![
            q("Hassan Scientific Corporation", Organization, Some("PK")),
            q("Hasan Scientific Corp", Unknown, None),
            q("Hassan Scientific", Organization, Some("DE")),
            q("Osama bin Laden", Person, None),
            q("The Sheikh", Unknown, None),
            q("11420 Corp", Organization, None),
            q("Tekhnologii Svyazi OOO", Organization, Some("RU")),
            q("Grace One", Vessel, None),
            q("Wang Guoxing", Person, Some("CN")),
            q("王国兴", Person, None),
            q("Al-Qaida", Unknown, None),
            q("Mayrow", Organization, None),
            q("Nobody In Particular GmbH", Organization, None),
        ];
        let mut dob = q("Usama Bin Ladin", Person, None);
        dob.dates_of_birth = vec!["1957-03-10".into()];
        v.push(dob);
        let mut id = q("Osama Ben Laden", Person, None);
        id.identifiers = vec!["A123456".into()];
        v.push(id);
        v
    }

    /// The whole struct, every field: a field added to `Index` and not written would come back
    /// as its default, and the two Debug texts would differ.
    fn same(a: &Index, b: &Index) -> bool {
        format!("{a:?}") == format!("{b:?}")
    }

    #[test]
    fn index_bytes_round_trip_gives_the_same_index_and_the_same_hits() {
        let built = Index::build(lists());
        assert!(built.name_count() > 10 && built.vocab_len() > 10, "the sample indexes names");
        let bytes = built.to_bytes(SOURCES);
        let loaded = Index::from_bytes(&bytes, SOURCES).expect("loads");
        assert!(same(&built, &loaded), "every field comes back");
        assert_eq!(loaded.to_bytes(SOURCES), bytes, "and writes the same bytes again");
        // The lists it was built from come back too, and build the same index.
        assert!(same(&Index::build(loaded.to_lists()), &built), "rebuilt from to_lists()");
        for q in queries() {
            let (a, b) = (built.screen(&q), loaded.screen(&q));
            assert_eq!(a, b, "{}", q.name);
        }
        assert!(!built.screen(&queries()[0]).is_empty(), "the case table hits something");
        assert_eq!(loaded.entry("us_sdn", "1").map(|e| &e.name), built.entry("us_sdn", "1").map(|e| &e.name));
    }

    /// Every name of the labelled pairs (tests/cases/names.toml) as a list entry, every other
    /// name as a query: the loaded index answers exactly as the built one.
    #[test]
    fn index_bytes_labelled_pairs_screen_identically() {
        let text = include_str!("../../tests/cases/names.toml");
        let doc: toml::Value = toml::from_str(text).expect("names.toml");
        let pairs = doc["pair"].as_array().expect("pairs");
        let kind = |p: &toml::Value| {
            p.get("kind").and_then(|k| k.as_str()).and_then(EntityKind::parse).unwrap_or(EntityKind::Unknown)
        };
        let entries: Vec<Entry> = pairs
            .iter()
            .enumerate()
            .map(|(i, p)| entry(&i.to_string(), kind(p), p["b"].as_str().unwrap_or(""), &[], &[], &[]))
            .collect();
        let list =
            List { meta: ListMeta { id: "pairs".into(), entries: entries.len(), ..Default::default() }, entries };
        let built = Index::build(vec![list]);
        let loaded = Index::from_bytes(&built.to_bytes(SOURCES), SOURCES).expect("loads");
        assert!(same(&built, &loaded));
        let mut hits = 0;
        for p in pairs {
            let q = Query { name: p["a"].as_str().unwrap_or("").into(), kind: kind(p), ..Default::default() };
            let a = built.screen(&q);
            hits += a.len();
            assert_eq!(a, loaded.screen(&q), "{}", q.name);
        }
        assert!(hits > pairs.len() / 2, "the pairs hit ({hits})");
    }

    /// What is refused, and how it is named.
    #[test]
    fn index_bytes_refused_with_the_reason() {
        let bytes = Index::build(lists()).to_bytes(SOURCES);
        let at_engine = MAGIC.len() + 4;
        let mut other_version = bytes.clone();
        other_version[MAGIC.len()] ^= 1;
        let mut other_engine = bytes.clone();
        other_engine[at_engine + 1] ^= 0x20; // first letter of the engine build (after its one-byte length)
        let mut flipped = bytes.clone();
        let mid = bytes.len() - bytes.len() / 3;
        flipped[mid] ^= 0x04;
        let cases: Vec<(&str, Vec<u8>, u64, &str)> = vec![
            ("empty", vec![], SOURCES, "not a Catchall index"),
            ("a list file", b"catchall-list 1\nmeta\t{}".to_vec(), SOURCES, "not a Catchall index"),
            ("other format version", other_version, SOURCES, "index file format 5, this engine reads format 4"),
            ("other engine", other_engine, SOURCES, "built by engine"),
            ("other lists", bytes.clone(), SOURCES ^ 1, "built from other lists"),
            ("truncated", bytes[..bytes.len() - 1].to_vec(), SOURCES, "damaged: the payload should be"),
            ("one bit flipped", flipped, SOURCES, "damaged: checksum mismatch"),
            ("a byte appended", [bytes.as_slice(), &[0]].concat(), SOURCES, "damaged: the payload should be"),
        ];
        for (what, b, sources, want) in cases {
            match Index::from_bytes(&b, sources) {
                Ok(_) => panic!("{what}: loaded"),
                Err(e) => assert!(e.to_string().contains(want), "{what}: {e}"),
            }
        }
    }

    /// The payload with its checksum recomputed after a change, so the change reaches the field
    /// checks (a forged or buggy writer, not just a damaged file).
    fn restamp(bytes: &mut [u8]) {
        let header = MAGIC.len() + 4 + 1 + ENGINE_BUILD.len() + 8 + 8;
        let sum = checksum(&bytes[header + 8..]);
        bytes[header..header + 8].copy_from_slice(&sum.to_le_bytes());
    }

    /// Bad bytes never panic: every truncation, every byte flipped (with the checksum stamped
    /// again so the field checks see it), and random multi-byte damage. Whatever loads must
    /// screen without panicking too.
    #[test]
    fn index_bytes_damage_never_panics() {
        let bytes = Index::build(lists()).to_bytes(SOURCES);
        for n in 0..bytes.len() {
            assert!(Index::from_bytes(&bytes[..n], SOURCES).is_err(), "truncated to {n}");
        }
        let header = MAGIC.len() + 4 + 1 + ENGINE_BUILD.len() + 8 + 8 + 8;
        let qs = queries();
        let mut loaded = 0;
        let mut try_bytes = |b: &[u8]| {
            if let Ok(ix) = Index::from_bytes(b, SOURCES) {
                loaded += 1;
                for q in &qs {
                    let _ = ix.screen(q);
                }
                let _ = ix.entry("us_sdn", "1");
                let _ = ix.to_lists();
            }
        };
        for at in header..bytes.len() {
            for mask in [0xff, 0x01, 0x80] {
                let mut b = bytes.clone();
                b[at] ^= mask;
                assert!(Index::from_bytes(&b, SOURCES).is_err(), "flip at {at} without a new checksum");
                restamp(&mut b);
                try_bytes(&b);
            }
        }
        // xorshift: reproducible random damage, 1 to 8 bytes set to random values.
        let mut s: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            s
        };
        let payload = bytes.len() - header;
        for _ in 0..3000 {
            let mut b = bytes.clone();
            for _ in 0..1 + next() % 8 {
                let at = header + (next() as usize) % payload;
                b[at] = next() as u8;
            }
            restamp(&mut b);
            try_bytes(&b);
        }
        // Some flips land in text (a name's letters) and load: that is what the checksum is for.
        assert!(loaded > 0, "some altered files still load once restamped ({loaded})");
    }
}
