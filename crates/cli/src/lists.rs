//! `catchall lists`: show the bundled lists; `catchall lists import FILES…`: parse list files
//! and report provenance, entry count and skipped records (`file:line: reason`).
//! Exit 0 when every file imported (skipped records are reported but are not an error),
//! 2 when a file could not be read or imported at all.

use super::args::{ListsAction, ListsArgs};
use super::{CliError, Format, EXIT_CLEAR};
use catchall::lists::import::{import, SourceFile};
use catchall::lists::Imported;

use std::io::Write;

pub(super) fn run(a: &ListsArgs, format: Format, out: &mut dyn Write) -> Result<u8, CliError> {
    match &a.action {
        None | Some(ListsAction::Show) => show(format, out),
        Some(ListsAction::Import { files, allow_shrink }) => import_files(files, *allow_shrink, format, out),
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
