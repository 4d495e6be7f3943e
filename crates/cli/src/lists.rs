//! `catchall lists`: show the bundled lists; `catchall lists import FILES…`: parse list files
//! and report provenance, entry count and skipped records (`file:line: reason`).
//! Exit 0 when every file imported (skipped records are reported but are not an error),
//! 2 when a file could not be read or imported at all.
//! `catchall lists diff OLD… -- NEW…`: what changed between two versions of a list
//! (`catchall::lists::diff`); exit 0 when identical, 1 when they differ, 2 on an error.
//! `catchall lists fetch` is in `fetch.rs`.

use super::args::{ListsAction, ListsArgs};
use super::{CliError, Format, EXIT_CLEAR, EXIT_NOT_CLEAR};
use catchall::lists::diff::{diff, ListDiff};
use catchall::lists::import::{import, SourceFile};
use catchall::lists::{Imported, List};

use std::io::Write;

pub(super) fn run(a: &ListsArgs, format: Format, out: &mut dyn Write) -> Result<u8, CliError> {
    match &a.action {
        None | Some(ListsAction::Show) => show(format, out),
        Some(ListsAction::Import { files, allow_shrink }) => import_files(files, *allow_shrink, format, out),
        Some(ListsAction::Diff { old, new }) => diff_files(old, new, format, out),
        Some(ListsAction::Fetch(f)) => super::fetch::run(f, format, out),
    }
}

#[cfg(target_arch = "wasm32")]
fn show(_: Format, _: &mut dyn Write) -> Result<u8, CliError> {
    Err(CliError("the bundled lists are fetched by the web app, not compiled into wasm".into()))
}

#[cfg(not(target_arch = "wasm32"))]
fn show(format: Format, out: &mut dyn Write) -> Result<u8, CliError> {
    let lists = catchall::lists::bundled().map_err(|e| CliError(format!("bundled lists: {e}")))?;
    let metas: Vec<&catchall::screening::ListMeta> = lists.iter().map(|l| &l.meta).collect();
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &metas).map_err(|e| CliError(e.to_string()))?;
            writeln!(out)?;
        }
        Format::Text => {
            writeln!(out, "{:<16} {:>7}  {:<10}  NAME — PUBLISHER", "ID", "ENTRIES", "DATE")?;
            for m in &metas {
                writeln!(out, "{:<16} {:>7}  {:<10}  {} — {}", m.id, m.entries, m.date, m.name, m.publisher)?;
            }
            let total: usize = lists.iter().map(|l| l.entries.len()).sum();
            let names: usize = lists.iter().flat_map(|l| &l.entries).map(|e| 1 + e.aliases.len()).sum();
            writeln!(out, "{} lists, {total} entries, {names} names (with aliases)", metas.len())?;
        }
    }
    Ok(EXIT_CLEAR)
}

fn import_files(files: &[String], allow_shrink: bool, format: Format, out: &mut dyn Write) -> Result<u8, CliError> {
    if files.is_empty() {
        return Err(CliError("lists import: give one or more list files".into()));
    }
    let mut datas = Vec::with_capacity(files.len());
    for f in files {
        datas.push((f.as_str(), super::load::read_list_file(f)?));
    }
    let sf: Vec<SourceFile> = datas.iter().map(|(n, d)| SourceFile { name: n, data: d }).collect();
    let imported = import(&sf).map_err(|e| CliError(e.to_string()))?;
    match format {
        Format::Json => {
            let v: Vec<serde_json::Value> = imported.iter().map(summary_json).collect();
            serde_json::to_writer_pretty(&mut *out, &v).map_err(|e| CliError(e.to_string()))?;
            writeln!(out)?;
        }
        Format::Text => {
            for imp in &imported {
                let m = &imp.list.meta;
                writeln!(out, "{} — {}", m.id, m.name)?;
                writeln!(out, "  publisher: {}", m.publisher)?;
                writeln!(out, "  url:       {}", m.url)?;
                writeln!(out, "  date:      {}", if m.date.is_empty() { "(unknown)" } else { &m.date })?;
                writeln!(out, "  entries:   {}", m.entries)?;
                writeln!(out, "  hash:      {}", m.hash)?;
                writeln!(out, "  licence:   {}", m.licence)?;
                writeln!(out, "  skipped:   {}", imp.issues.len())?;
                for i in &imp.issues {
                    writeln!(out, "  {i}")?;
                }
            }
        }
    }
    if format == Format::Json {
        // The JSON carries the issues; say on stderr that there were some.
        for i in imported.iter().flat_map(|imp| &imp.issues) {
            eprintln!("catchall: warning: {i}");
        }
    }
    // Would it be safe to screen with? Checked against the bundled lists it would replace.
    let bundled = catchall::lists::bundled().map_err(|e| CliError(format!("bundled lists: {e}")))?;
    if let Err(e) = super::load::check_shrink(&imported, &bundled, allow_shrink) {
        eprintln!("catchall: {e}");
        return Ok(super::EXIT_ERROR);
    }
    Ok(EXIT_CLEAR)
}

fn summary_json(imp: &Imported) -> serde_json::Value {
    serde_json::json!({
        "meta": imp.list.meta,
        "issues": imp.issues,
    })
}

/// How many added, removed and changed entries the text output shows per list and kind; the
/// JSON has them all.
const TEXT_CAP: usize = 25;

fn diff_files(old: &[String], new: &[String], format: Format, out: &mut dyn Write) -> Result<u8, CliError> {
    const USAGE: &str = "usage: catchall lists diff [--format json|text] OLD... -- NEW...";
    if new.is_empty() {
        return Err(CliError(format!(
            "lists diff: no new files: put `--` between the old files and the new ones, e.g. \
             catchall lists diff old/sdn.csv -- new/sdn.csv ({USAGE})"
        )));
    }
    if old.is_empty() {
        return Err(CliError(format!("lists diff: give the old version's files before `--` ({USAGE})")));
    }
    let (old_lists, new_lists) = (import_lists(old)?, import_lists(new)?);
    let diffs = diff(&old_lists, &new_lists);
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &serde_json::json!({ "lists": diffs }))
                .map_err(|e| CliError(e.to_string()))?;
            writeln!(out)?;
        }
        Format::Text => {
            for d in &diffs {
                let names = new_lists.iter().rev().find(|l| l.meta.id == d.id);
                write_diff_text(d, names, out)?;
            }
        }
    }
    Ok(if diffs.iter().all(ListDiff::is_empty) { EXIT_CLEAR } else { EXIT_NOT_CLEAR })
}

/// Imports one version's files into lists, reporting skipped records on stderr.
fn import_lists(files: &[String]) -> Result<Vec<List>, CliError> {
    let mut datas = Vec::with_capacity(files.len());
    for f in files {
        datas.push((f.as_str(), super::load::read_list_file(f)?));
    }
    let sf: Vec<SourceFile> = datas.iter().map(|(n, d)| SourceFile { name: n, data: d }).collect();
    let imported = import(&sf).map_err(|e| CliError(e.to_string()))?;
    for i in imported.iter().flat_map(|imp| &imp.issues) {
        eprintln!("catchall: warning: skipped {i}");
    }
    Ok(imported.into_iter().map(|i| i.list).collect())
}

/// `us_sdn: +37 entries, −4, 12 changed (14973 → 15006 entries, 2024-05-02 → 2024-05-03)`, then
/// up to [`TEXT_CAP`] entries of each kind. `new` names the changed entries.
pub(super) fn write_diff_text(d: &ListDiff, new: Option<&List>, out: &mut dyn Write) -> std::io::Result<()> {
    let dates = match (d.old_date.as_str(), d.new_date.as_str()) {
        ("", "") => String::new(),
        (o, n) => format!(", {} → {}", if o.is_empty() { "?" } else { o }, if n.is_empty() { "?" } else { n }),
    };
    let counts = format!("({} → {} entries{dates})", d.old_entries, d.new_entries);
    if d.is_empty() {
        return writeln!(out, "{}: no differences {counts}", d.id);
    }
    writeln!(out, "{}: +{} entries, −{}, {} changed {counts}", d.id, d.added.len(), d.removed.len(), d.changed.len())?;
    let more = |out: &mut dyn Write, n: usize, what: &str| -> std::io::Result<()> {
        if n > TEXT_CAP {
            writeln!(out, "  … and {} more {what} (--format json lists them all)", n - TEXT_CAP)?;
        }
        Ok(())
    };
    for e in d.added.iter().take(TEXT_CAP) {
        writeln!(out, "  + {} {}", e.entry_id, e.name)?;
    }
    more(out, d.added.len(), "added")?;
    for e in d.removed.iter().take(TEXT_CAP) {
        writeln!(out, "  − {} {}", e.entry_id, e.name)?;
    }
    more(out, d.removed.len(), "removed")?;
    for c in d.changed.iter().take(TEXT_CAP) {
        let name = new.and_then(|l| l.entries.iter().find(|e| e.id == c.entry_id)).map_or("", |e| e.name.as_str());
        writeln!(out, "  ~ {} {name}: {}", c.entry_id, c.fields.join(", "))?;
    }
    more(out, d.changed.len(), "changed")
}
