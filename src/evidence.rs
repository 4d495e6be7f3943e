//! Evidence packs: one screening kept as a self-contained record that can be checked later.
//!
//! A pack holds the shipment as screened, the engine version, the rule catalogue date, each
//! list's id, data date, entry count and content hash, the report, the user's decisions (kept
//! as given), and a SHA-256 over all of it. [`verify`] says whether a pack is intact and whether
//! a fresh screening of its shipment gives the same report, and if not, what differs and why.
//! Pure: the caller reads the files and does the re-screening's list loading.

use crate::verdict::Report;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The `format` of a pack this engine writes and reads.
pub const FORMAT: &str = "catchall-evidence 1";

/// One list a screening consulted, as recorded in a pack.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackList {
    pub id: String,
    pub name: String,
    pub date: String,
    pub entries: usize,
    pub hash: String,
}

/// An evidence pack. `hash` is `sha256:` + hex over [`canonical_json`] of the pack without it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pack {
    pub format: String,
    pub engine_version: String,
    pub rules_as_of: String,
    /// Date the pack was written, `YYYY-MM-DD` (empty when the writer had no clock).
    #[serde(default)]
    pub created_on: String,
    pub shipment: Value,
    pub lists: Vec<PackList>,
    pub report: Value,
    /// The user's decisions (e.g. false positives), as the writer recorded them; `null` if none.
    #[serde(default)]
    pub decisions: Value,
    #[serde(default)]
    pub hash: String,
}

impl Pack {
    /// A sealed pack for a screening of `shipment` that gave `report`.
    pub fn new(shipment: Value, report: &Report, decisions: Value, created_on: &str) -> Pack {
        let mut p = Pack {
            format: FORMAT.to_string(),
            engine_version: crate::version().to_string(),
            rules_as_of: report.rules_as_of.clone(),
            created_on: created_on.to_string(),
            shipment,
            lists: report
                .lists
                .iter()
                .map(|l| PackList {
                    id: l.id.clone(),
                    name: l.name.clone(),
                    date: l.date.clone(),
                    entries: l.entries,
                    hash: l.hash.clone(),
                })
                .collect(),
            report: report_json(report),
            decisions,
            hash: String::new(),
        };
        p.seal();
        p
    }

    /// Sets `hash` from the rest of the pack.
    pub fn seal(&mut self) {
        self.hash = self.computed_hash();
    }

    /// The hash the pack's content has now.
    pub fn computed_hash(&self) -> String {
        let mut v = serde_json::to_value(self).unwrap_or(Value::Null);
        if let Value::Object(m) = &mut v {
            m.remove("hash");
        }
        format!("sha256:{}", hex(&sha256(canonical_json(&v).as_bytes())))
    }
}

/// A report as the JSON a pack records (and the CLI's `--format json` prints).
pub fn report_json(report: &Report) -> Value {
    serde_json::to_value(report).unwrap_or(Value::Null)
}

/// JSON with object keys sorted and no whitespace, so equal content always hashes the same
/// whatever order a writer put the keys in.
pub fn canonical_json(v: &Value) -> String {
    let mut out = String::new();
    write_canonical(v, &mut out);
    out
}

fn write_canonical(v: &Value, out: &mut String) {
    match v {
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                write_canonical(&m[k], out);
            }
            out.push('}');
        }
        Value::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(x, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// What [`verify`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Intact, and re-screening gives the recorded report.
    Identical { note: Option<String> },
    /// The pack was changed after it was written, or re-screening gives another report: each
    /// line says what differs, `why` says why.
    Differs { why: Vec<String>, differences: Vec<String> },
    /// A recorded list version is not available to re-screen with.
    CannotTell { missing: Vec<String> },
}

/// Checks `pack`: its hash first (an altered pack is not re-screened: its content cannot be
/// trusted), then compares its report with `fresh`, the report of re-screening its shipment
/// with the lists the caller could load (`fresh_lists`: `None` when a recorded list version is
/// not available and the caller did not re-screen). `lists_substituted` is true when the caller
/// re-screened with other versions than the recorded ones.
pub fn verify(pack: &Pack, fresh: Option<&Report>, missing: &[PackList], lists_substituted: bool) -> Verdict {
    let computed = pack.computed_hash();
    if computed != pack.hash {
        return Verdict::Differs {
            why: vec!["altered pack: its content does not match the hash recorded in it".to_string()],
            differences: vec![format!("hash: recorded {}, content gives {computed}", pack.hash)],
        };
    }
    let Some(fresh) = fresh else {
        return Verdict::CannotTell {
            missing: missing
                .iter()
                .map(|l| format!("{} of {} ({} entries, {})", l.id, l.date, l.entries, l.hash))
                .collect(),
        };
    };
    let fresh_json = report_json(fresh);
    let other_engine = pack.engine_version != crate::version();
    if fresh_json == pack.report {
        let note = other_engine.then(|| {
            format!("written by engine {}, re-screened with engine {}", pack.engine_version, crate::version())
        });
        return Verdict::Identical { note };
    }
    let differences = compare_reports(&pack.report, &fresh_json);
    let mut why = Vec::new();
    if lists_substituted {
        let names: Vec<String> = missing
            .iter()
            .map(|l| format!("{} of {} (not available; re-screened with the current one)", l.id, l.date))
            .collect();
        why.push(format!("other list version: {}", names.join("; ")));
    }
    if other_engine {
        why.push(format!(
            "other engine version: the pack was written by engine {}, this is engine {}",
            pack.engine_version,
            crate::version()
        ));
    }
    if pack.rules_as_of != fresh.rules_as_of {
        why.push(format!(
            "other rule catalogue: rules as of {} in the pack, {} now",
            pack.rules_as_of, fresh.rules_as_of
        ));
    }
    if why.is_empty() {
        why.push(
            "same engine version and list versions, yet another report: the recorded report is not what this engine \
             produces for the recorded shipment (a pack re-sealed after editing, or an engine built from other sources \
             under the same version)"
                .to_string(),
        );
    }
    Verdict::Differs { why, differences }
}

fn str_at<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

/// The findings of a report keyed by rule and subject (a rule may fire once per subject).
fn findings(v: &Value) -> Vec<(String, &Value)> {
    v.get("findings")
        .and_then(Value::as_array)
        .map(|a| a.iter().map(|f| (format!("{} ({})", str_at(f, "rule"), str_at(f, "subject")), f)).collect())
        .unwrap_or_default()
}

/// What differs between a recorded report and a fresh one, in words: the verdict, findings
/// added, gone or changed, obligations, lists and the rules date.
pub fn compare_reports(recorded: &Value, fresh: &Value) -> Vec<String> {
    let mut out = Vec::new();
    if str_at(recorded, "verdict") != str_at(fresh, "verdict") {
        out.push(format!("verdict: {} recorded, {} now", str_at(recorded, "verdict"), str_at(fresh, "verdict")));
    }
    // A rule may fire more than once for one subject: identical findings are paired off first,
    // then the rest by rule and subject in order, so one missing finding is named as missing
    // rather than shifting every later one into "changed".
    let (mut old, mut new) = (findings(recorded), findings(fresh));
    old.retain(|(_, f)| match new.iter().position(|(_, g)| g == f) {
        Some(i) => {
            new.remove(i);
            false
        }
        None => true,
    });
    let mut gone = Vec::new();
    for (k, f) in old {
        match new.iter().position(|(k2, _)| *k2 == k) {
            Some(i) => {
                let (_, g) = new.remove(i);
                let mut fields: Vec<&str> = ["verdict", "title", "detail", "citations", "evidence"]
                    .into_iter()
                    .filter(|x| f.get(*x) != g.get(*x))
                    .collect();
                if fields.is_empty() {
                    fields.push("other fields");
                }
                out.push(format!("finding {k}: {} changed", fields.join(", ")));
            }
            None => gone.push(format!("finding {k} [{}]: recorded, not found now", str_at(f, "verdict"))),
        }
    }
    out.extend(gone);
    for (k, f) in &new {
        out.push(format!("finding {k} [{}]: new now, not recorded", str_at(f, "verdict")));
    }
    if recorded.get("obligations") != fresh.get("obligations") {
        out.push("obligations differ".to_string());
    }
    let lists = |v: &Value| -> Vec<Value> { v.get("lists").and_then(Value::as_array).cloned().unwrap_or_default() };
    let (ol, nl) = (lists(recorded), lists(fresh));
    for l in &ol {
        let id = str_at(l, "id");
        match nl.iter().find(|m| str_at(m, "id") == id) {
            None => out.push(format!("list {id}: consulted then, not now")),
            Some(m) if m != l => out.push(format!(
                "list {id}: {} ({}) recorded, {} ({}) now",
                str_at(l, "date"),
                str_at(l, "hash"),
                str_at(m, "date"),
                str_at(m, "hash")
            )),
            _ => {}
        }
    }
    for m in &nl {
        if !ol.iter().any(|l| str_at(l, "id") == str_at(m, "id")) {
            out.push(format!("list {}: consulted now, not then", str_at(m, "id")));
        }
    }
    if str_at(recorded, "rules_as_of") != str_at(fresh, "rules_as_of") {
        out.push(format!(
            "rules_as_of: {} recorded, {} now",
            str_at(recorded, "rules_as_of"),
            str_at(fresh, "rules_as_of")
        ));
    }
    if out.is_empty() && recorded != fresh {
        out.push("the reports differ outside the verdict, findings, obligations and lists".to_string());
    }
    out
}

/// Lower-case hex of bytes.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 (FIPS 180-4), in a few lines of pure Rust rather than a new engine dependency: a pack
/// is hashed once, speed does not matter, and the test vectors below pin it.
pub fn sha256(data: &[u8]) -> [u8; 32] {
    const K: [u32; 64] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
        0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
        0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
        0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
        0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
        0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
        0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
    ];
    let mut h: [u32; 8] =
        [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
    let mut msg = data.to_vec();
    let bit_len = (data.len() as u64).wrapping_mul(8);
    msg.push(0x80);
    while msg.len() % 64 != 56 {
        msg.push(0);
    }
    msg.extend_from_slice(&bit_len.to_be_bytes());
    for block in msg.chunks_exact(64) {
        let mut w = [0u32; 64];
        for (i, c) in block.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([c[0], c[1], c[2], c[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16].wrapping_add(s0).wrapping_add(w[i - 7]).wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for i in 0..64 {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let ch = (e & f) ^ (!e & g);
            let t1 = hh.wrapping_add(s1).wrapping_add(ch).wrapping_add(K[i]).wrapping_add(w[i]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let maj = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(maj);
            hh = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e, f, g, hh]) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 32];
    for (i, x) in h.iter().enumerate() {
        out[i * 4..i * 4 + 4].copy_from_slice(&x.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_matches_the_fips_180_test_vectors() {
        let million_a = vec![b'a'; 1_000_000];
        let cases: &[(&[u8], &str)] = &[
            (b"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
            (b"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (
                b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
            ),
            (&million_a, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
        ];
        for (input, want) in cases {
            assert_eq!(hex(&sha256(input)), *want, "{} bytes", input.len());
        }
        // Lengths around the padding boundary (55, 56, 64 bytes) against values from sha256sum.
        let cases: &[(usize, &str)] = &[
            (55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
            (56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
            (64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        ];
        for (n, want) in cases {
            assert_eq!(hex(&sha256(&vec![b'a'; *n])), *want, "{n} bytes of 'a'");
        }
    }

    #[test]
    fn canonical_json_sorts_keys_at_every_depth() {
        let a: Value = serde_json::from_str(r#"{"b":1,"a":{"y":[{"d":1,"c":2}],"x":"é"}}"#).unwrap_or_default();
        assert_eq!(canonical_json(&a), r#"{"a":{"x":"é","y":[{"c":2,"d":1}]},"b":1}"#);
    }

    #[test]
    fn report_differences_are_named() {
        let rec: Value = serde_json::json!({"verdict": "STOP", "rules_as_of": "2026-07-23",
            "findings": [{"rule": "A", "subject": "party end_user", "verdict": "STOP", "detail": "x"},
                         {"rule": "B", "subject": "shipment", "verdict": "REVIEW"}],
            "obligations": [], "lists": [{"id": "us_sdn", "date": "2026-08-20", "hash": "h1"}]});
        let now: Value = serde_json::json!({"verdict": "REVIEW", "rules_as_of": "2026-07-23",
            "findings": [{"rule": "B", "subject": "shipment", "verdict": "REVIEW", "detail": "y"},
                         {"rule": "C", "subject": "item 1", "verdict": "REVIEW"}],
            "obligations": [], "lists": [{"id": "us_sdn", "date": "2026-12-01", "hash": "h2"}]});
        assert_eq!(
            compare_reports(&rec, &now),
            vec![
                "verdict: STOP recorded, REVIEW now",
                "finding B (shipment): detail changed",
                "finding A (party end_user) [STOP]: recorded, not found now",
                "finding C (item 1) [REVIEW]: new now, not recorded",
                "list us_sdn: 2026-08-20 (h1) recorded, 2026-12-01 (h2) now",
            ]
        );
        assert!(compare_reports(&rec, &rec).is_empty());
        // Two findings of one rule for one subject, the first gone: named as gone, not as a change.
        let two = |details: &[&str]| -> Value {
            let f: Vec<Value> = details
                .iter()
                .map(|d| serde_json::json!({"rule": "KYC", "subject": "shipment", "verdict": "REVIEW", "detail": d}))
                .collect();
            serde_json::json!({"verdict": "REVIEW", "findings": f})
        };
        assert_eq!(
            compare_reports(&two(&["x", "y"]), &two(&["y"])),
            vec!["finding KYC (shipment) [REVIEW]: recorded, not found now"]
        );
    }
}
