//! `catchall screen --evidence PACK.json` writes an evidence pack (`catchall::evidence`);
//! `catchall verify PACK.json` checks one.
//!
//! Exit codes of `verify`: 0 identical (intact, and re-screening with the recorded list versions
//! gives the recorded report), 1 different (altered pack, other list version, other engine
//! version: each difference named), 2 cannot tell (a recorded list version is not available) or
//! a usage or input error.

use super::args::VerifyArgs;
use super::{CliError, Format, EXIT_CLEAR, EXIT_ERROR, EXIT_NOT_CLEAR};
use catchall::evidence::{Pack, PackList, Verdict, FORMAT};
use catchall::lists::List;
use std::io::Write;

/// Writes the pack of one screening to `path`.
pub(super) fn write_pack(
    path: &str,
    shipment_text: &str,
    report: &catchall::Report,
    decisions: Option<&str>,
) -> Result<(), CliError> {
    let shipment: serde_json::Value =
        serde_json::from_str(shipment_text).map_err(|e| CliError(format!("shipment: {e}")))?;
    let decisions = match decisions {
        Some(f) => serde_json::from_str(&super::read_input(f)?).map_err(|e| CliError(format!("{f}: {e}")))?,
        None => serde_json::Value::Null,
    };
    let pack = Pack::new(shipment, report, decisions, &today());
    let text = serde_json::to_string_pretty(&pack).map_err(|e| CliError(e.to_string()))? + "\n";
    std::fs::write(path, text).map_err(|e| CliError(format!("{path}: {e}")))
}

fn today() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs() / 86_400).unwrap_or(0));
    catchall::lists::sources::date_from_days(days)
}

pub(super) fn run(a: &VerifyArgs, format: Format, out: &mut dyn Write) -> Result<u8, CliError> {
    let text = super::read_input(&a.pack)?;
    let pack: Pack =
        serde_json::from_str(&text).map_err(|e| CliError(format!("{}: not an evidence pack: {e}", a.pack)))?;
    if pack.format != FORMAT {
        return Err(CliError(format!("{}: format {:?}, this engine reads {FORMAT:?}", a.pack, pack.format)));
    }
    // The lists to re-screen with: the bundled ones and any files given, each used only when it
    // is the exact version the pack recorded (same id and content hash).
    let loaded = super::load::lists(&a.lists, true)?;
    let exact = |l: &PackList| loaded.iter().find(|x| x.meta.id == l.id && x.meta.hash == l.hash);
    let missing: Vec<PackList> = pack.lists.iter().filter(|l| exact(l).is_none()).cloned().collect();
    let use_lists: Option<Vec<List>> = if missing.is_empty() {
        Some(pack.lists.iter().filter_map(|l| exact(l).cloned()).collect())
    } else if a.current_lists {
        let ids: Vec<&str> = pack.lists.iter().map(|l| l.id.as_str()).collect();
        Some(loaded.iter().filter(|x| ids.contains(&x.meta.id.as_str())).cloned().collect())
    } else {
        None
    };
    // Re-screening an altered pack would compare against content nobody vouches for.
    let intact = pack.computed_hash() == pack.hash;
    let fresh = match (&use_lists, intact) {
        (Some(lists), true) => {
            let shipment = catchall::parse_shipment(&pack.shipment.to_string())
                .map_err(|e| CliError(format!("{}: the recorded shipment: {e}", a.pack)))?;
            let index = catchall::names::Index::build(lists.clone());
            let ctx = catchall::screening::Context { parties: &index, controls: catchall::classify::bundled() };
            Some(catchall::rules::screen(&shipment, &ctx))
        }
        _ => None,
    };
    let v = catchall::evidence::verify(&pack, fresh.as_ref(), &missing, a.current_lists && !missing.is_empty());
    let code = match &v {
        Verdict::Identical { .. } => EXIT_CLEAR,
        Verdict::Differs { .. } => EXIT_NOT_CLEAR,
        Verdict::CannotTell { .. } => EXIT_ERROR,
    };
    match format {
        Format::Json => {
            let j = match &v {
                Verdict::Identical { note } => serde_json::json!({ "result": "identical", "note": note }),
                Verdict::Differs { why, differences } => {
                    serde_json::json!({ "result": "differs", "why": why, "differences": differences })
                }
                Verdict::CannotTell { missing } => serde_json::json!({ "result": "cannot_tell", "missing": missing }),
            };
            serde_json::to_writer_pretty(&mut *out, &j).map_err(|e| CliError(e.to_string()))?;
            writeln!(out)?;
        }
        Format::Text => match &v {
            Verdict::Identical { note } => {
                writeln!(
                    out,
                    "identical: the pack is intact and re-screening its shipment with the recorded lists gives the recorded report ({})",
                    pack.report.get("verdict").and_then(|x| x.as_str()).unwrap_or("?")
                )?;
                if let Some(n) = note {
                    writeln!(out, "  note: {n}")?;
                }
            }
            Verdict::Differs { why, differences } => {
                writeln!(out, "differs:")?;
                for w in why {
                    writeln!(out, "  why: {w}")?;
                }
                for d in differences {
                    writeln!(out, "  - {d}")?;
                }
            }
            Verdict::CannotTell { missing } => {
                writeln!(out, "cannot tell: a list version the pack records is not available:")?;
                for m in missing {
                    writeln!(out, "  - {m}")?;
                }
                writeln!(
                    out,
                    "give its files with --list FILE, or re-screen with the current lists with --current-lists"
                )?;
            }
        },
    }
    Ok(code)
}
