//! A normalised name as the index keeps it: two allocations instead of two per token.
//!
//! The index holds every list name normalised (~10^5 names, ~4 tokens each). As a
//! [`NormName`] each token owns two `String`s, and the allocator's per-block overhead made
//! those small strings most of the native index's memory. Packed, the token texts and
//! phonetic keys share one string and the per-token facts one slice; a name is unpacked only
//! when it is one of a query's scored candidates ([`super::index::MAX_CANDIDATES`] at most).

use super::normalize::{NormName, Token, TokenClass};
use super::translit::Script;

#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct PackedToken {
    pub(super) text_len: u16,
    pub(super) phonetic_len: u16,
    pub(super) class: TokenClass,
    pub(super) weight: f32,
}

#[derive(Debug)]
pub(crate) struct PackedNorm {
    /// Each token's text then its phonetic key, back to back.
    pub(super) chars: Box<str>,
    pub(super) tokens: Box<[PackedToken]>,
    pub(super) native: Box<str>,
    pub(crate) script: Script,
    pub(super) cjk: bool,
    pub(super) abjad: bool,
}

impl PackedNorm {
    /// `None` when a token is longer than 65,535 bytes (no list name is; such a name is not
    /// indexed rather than truncated).
    pub(crate) fn pack(norm: &NormName) -> Option<PackedNorm> {
        // Destructured in full so that a field added to `NormName` or `Token` fails to
        // compile here instead of being silently dropped from the index.
        let NormName { tokens, cjk, abjad, script, native } = norm;
        let mut chars = String::new();
        let mut packed = Vec::with_capacity(tokens.len());
        for Token { text, class, weight, phonetic } in tokens {
            chars.push_str(text);
            chars.push_str(phonetic);
            packed.push(PackedToken {
                text_len: u16::try_from(text.len()).ok()?,
                phonetic_len: u16::try_from(phonetic.len()).ok()?,
                class: *class,
                weight: *weight,
            });
        }
        Some(PackedNorm {
            chars: chars.into_boxed_str(),
            tokens: packed.into_boxed_slice(),
            native: native.clone(),
            script: *script,
            cjk: *cjk,
            abjad: *abjad,
        })
    }

    /// The name as the index's name table holds it (its strings borrowed).
    pub(crate) fn as_ref(&self) -> PackedRef<'_> {
        // Destructured in full: a field added here fails to compile until the view has it.
        let PackedNorm { chars, tokens, native, script, cjk, abjad } = self;
        PackedRef { chars, tokens, native, script: *script, cjk: *cjk, abjad: *abjad }
    }

    #[cfg(test)]
    pub(crate) fn unpack(&self) -> NormName {
        self.as_ref().unpack()
    }
    #[cfg(test)]
    pub(crate) fn unpack_into(&self, out: &mut NormName) {
        self.as_ref().unpack_into(out)
    }
    #[cfg(test)]
    pub(crate) fn key(&self) -> String {
        self.as_ref().key()
    }
}

/// A packed name whose strings live elsewhere (the index's name table keeps every name's
/// strings in one arena each).
#[derive(Clone, Copy, Debug)]
pub(crate) struct PackedRef<'a> {
    /// Each token's text then its phonetic key, back to back.
    pub(super) chars: &'a str,
    pub(super) tokens: &'a [PackedToken],
    pub(super) native: &'a str,
    pub(crate) script: Script,
    pub(super) cjk: bool,
    pub(super) abjad: bool,
}

impl<'a> PackedRef<'a> {
    /// Token texts with their packed facts, in order. The token lengths are checked to cut
    /// `chars` on character boundaries when the index is read; a bad cut gives "" (never a
    /// panic).
    pub(crate) fn parts(self) -> impl Iterator<Item = (&'a str, &'a str, &'a PackedToken)> {
        let mut at = 0;
        self.tokens.iter().map(move |t| {
            let text = self.chars.get(at..at + t.text_len as usize).unwrap_or("");
            at += t.text_len as usize;
            let phonetic = self.chars.get(at..at + t.phonetic_len as usize).unwrap_or("");
            at += t.phonetic_len as usize;
            (text, phonetic, t)
        })
    }

    #[cfg(test)]
    pub(crate) fn unpack(self) -> NormName {
        NormName {
            tokens: self
                .parts()
                .map(|(text, phonetic, t)| Token {
                    text: text.to_string(),
                    class: t.class,
                    weight: t.weight,
                    phonetic: phonetic.to_string(),
                })
                .collect(),
            cjk: self.cjk,
            abjad: self.abjad,
            script: self.script,
            native: self.native.into(),
        }
    }

    /// [`Self::unpack`] into `out`, reusing its token strings: screening unpacks every scored
    /// candidate of every query, and a fresh `NormName` each time cost two allocations per token.
    pub(crate) fn unpack_into(self, out: &mut NormName) {
        out.tokens.truncate(self.tokens.len());
        for (k, (text, phonetic, t)) in self.parts().enumerate() {
            match out.tokens.get_mut(k) {
                Some(tok) => {
                    tok.text.clear();
                    tok.text.push_str(text);
                    tok.phonetic.clear();
                    tok.phonetic.push_str(phonetic);
                    tok.class = t.class;
                    tok.weight = t.weight;
                }
                None => out.tokens.push(Token {
                    text: text.to_string(),
                    class: t.class,
                    weight: t.weight,
                    phonetic: phonetic.to_string(),
                }),
            }
        }
        out.cjk = self.cjk;
        out.abjad = self.abjad;
        out.script = self.script;
        if &*out.native != self.native {
            out.native = self.native.into();
        }
    }

    /// Same as [`NormName::key`], without unpacking.
    pub(crate) fn key(self) -> String {
        let mut s = String::with_capacity(self.chars.len() + self.tokens.len());
        for (text, _, _) in self.parts() {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(text);
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::normalize::normalize;
    use crate::screening::EntityKind;

    #[test]
    fn pack_then_unpack_is_identity() {
        let names = [
            ("Hassan Scientific Corporation", EntityKind::Organization),
            ("Chashma Nuclear Power Generating Station", EntityKind::Organization),
            ("ABD AL-RAHMAN, Muhammad", EntityKind::Person),
            ("OOO Технологии", EntityKind::Organization),
            ("王國興", EntityKind::Person),
            ("شركة النصر", EntityKind::Organization),
            ("11420 CORP", EntityKind::Organization),
            ("", EntityKind::Unknown),
        ];
        for (name, kind) in names {
            let norm = normalize(name, kind);
            let packed = PackedNorm::pack(&norm).expect("short tokens pack");
            assert_eq!(packed.unpack(), norm, "{name}");
            // into a buffer that held a longer, then a shorter name
            let mut buf = normalize("Joint Stock Company Almaz Antey Air and Space Defence", EntityKind::Organization);
            packed.unpack_into(&mut buf);
            assert_eq!(buf, norm, "{name} (into a longer name)");
            let mut buf = normalize("X", EntityKind::Unknown);
            packed.unpack_into(&mut buf);
            assert_eq!(buf, norm, "{name} (into a shorter name)");
            assert_eq!(packed.key(), norm.key(), "{name}");
            assert_eq!(packed.script, norm.script, "{name}");
        }
    }
}
