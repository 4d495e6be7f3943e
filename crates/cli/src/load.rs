//! Loading what a screening consults: the bundled lists plus any list files the user names,
//! and the bundled Annex I index. The CLI owns this I/O; the engine only sees the result.

use super::CliError;
use catchall::lists::import::{check_size, import, SourceFile};
use catchall::lists::{Imported, List};

/// The bundled lists, then each imported file's lists (`catchall::lists::with_imports`: an imported
/// list replaces the bundled list with the same id). Skipped records are reported on stderr;
/// a file that cannot be imported at all is an error, and so is an import that would replace a
/// list with nothing or with fewer than half its entries, unless `allow_shrink`.
pub(crate) fn lists(extra_files: &[String], allow_shrink: bool) -> Result<Vec<List>, CliError> {
    let lists = catchall::lists::bundled().map_err(|e| CliError(format!("bundled lists: {e}")))?;
    if extra_files.is_empty() {
        return Ok(lists);
    }
    let mut datas = Vec::with_capacity(extra_files.len());
    for f in extra_files {
        datas.push((f.as_str(), read_list_file(f)?));
    }
    let files: Vec<SourceFile> = datas.iter().map(|(n, d)| SourceFile { name: n, data: d }).collect();
    let imports = import(&files).map_err(|e| CliError(e.to_string()))?;
    check_shrink(&imports, &lists, allow_shrink)?;
    let mut imported = Vec::new();
    for imp in imports {
        for issue in &imp.issues {
            eprintln!("catchall: warning: skipped {issue}");
        }
        imported.push(imp.list);
    }
    Ok(catchall::lists::with_imports(lists, imported))
}

/// Refuses an import that would replace a loaded list with nothing or with fewer than half its
/// entries (`catchall::lists::check_imports`), naming each list, unless `allow_shrink`.
pub(crate) fn check_shrink(imports: &[Imported], loaded: &[List], allow_shrink: bool) -> Result<(), CliError> {
    let find = |id: &str| loaded.iter().find(|l| l.meta.id == id).map(|l| &l.meta);
    catchall::lists::check_imports(imports, find, allow_shrink).map_err(|refused| {
        let why: Vec<String> = refused.iter().map(|r| r.to_string()).collect();
        CliError(format!("{} (pass --allow-shrink to replace anyway)", why.join("; ")))
    })
}

/// Reads a list file, refusing one over `lists::import::MAX_LIST_BYTES` by its size on disk
/// before reading it (the same message `import` gives).
pub(crate) fn read_list_file(f: &str) -> Result<Vec<u8>, CliError> {
    let len = std::fs::metadata(f).map_err(|e| CliError(format!("{f}: {e}")))?.len();
    check_size(f, len).map_err(|e| CliError(e.to_string()))?;
    std::fs::read(f).map_err(|e| CliError(format!("{f}: {e}")))
}
