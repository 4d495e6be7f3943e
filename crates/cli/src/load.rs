//! Loading what a screening consults: the bundled lists plus any list files the user names,
//! and the bundled Annex I index. The CLI owns this I/O; the engine only sees the result.

use super::CliError;
use catchall::lists::import::{check_size, import, SourceFile};
use catchall::lists::List;

/// The bundled lists, then each imported file's lists (`catchall::lists::with_imports`: an imported
/// list replaces the bundled list with the same id). Skipped records are reported on stderr;
/// a file that cannot be imported at all is an error.
pub(crate) fn lists(extra_files: &[String]) -> Result<Vec<List>, CliError> {
    let lists = catchall::lists::bundled().map_err(|e| CliError(format!("bundled lists: {e}")))?;
    if extra_files.is_empty() {
        return Ok(lists);
    }
    let mut datas = Vec::with_capacity(extra_files.len());
    for f in extra_files {
        datas.push((f.as_str(), read_list_file(f)?));
    }
    let files: Vec<SourceFile> = datas.iter().map(|(n, d)| SourceFile { name: n, data: d }).collect();
    let mut imported = Vec::new();
    for imp in import(&files).map_err(|e| CliError(e.to_string()))? {
        for issue in &imp.issues {
            eprintln!("catchall: warning: skipped {issue}");
        }
        imported.push(imp.list);
    }
    Ok(catchall::lists::with_imports(lists, imported))
}

/// Reads a list file, refusing one over `lists::import::MAX_LIST_BYTES` by its size on disk
/// before reading it (the same message `import` gives).
pub(crate) fn read_list_file(f: &str) -> Result<Vec<u8>, CliError> {
    let len = std::fs::metadata(f).map_err(|e| CliError(format!("{f}: {e}")))?.len();
    check_size(f, len).map_err(|e| CliError(e.to_string()))?;
    std::fs::read(f).map_err(|e| CliError(format!("{f}: {e}")))
}
