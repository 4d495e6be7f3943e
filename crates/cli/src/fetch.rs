//! `catchall lists fetch`: download each bundled list from its publisher, check it, say what
//! changed, and only then replace the previous fetch.
//!
//! Everything is downloaded into a staging directory beside the output directory first. A list
//! that does not download (HTTP error, timeout, cut short, over the size limit), is not in the
//! expected format, does not parse, lacks a list id, or has fewer than half the entries of the
//! previous version (`lists::check_replacement`, the rule `lists import` applies) stops the whole
//! fetch: the output directory is left byte for byte as it was, because a half-updated set of
//! lists would be screened against as if it were current.

use super::args::FetchArgs;
use super::{CliError, Format, EXIT_CLEAR};
use catchall::lists::bundle::for_shipping;
use catchall::lists::diff::{diff, ListDiff};
use catchall::lists::import::{detect, import, SourceFile, MAX_LIST_BYTES};
use catchall::lists::sources::{self, Fetched, FetchedFile, FetchedSet, SourceSet, Sources, MANIFEST};
use catchall::lists::{check_replacement, content_hash, List};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

pub(super) fn run(a: &FetchArgs, format: Format, out: &mut dyn Write) -> Result<u8, CliError> {
    let table: Sources = match &a.sources {
        Some(f) => sources::parse(&super::read_input(f)?).map_err(CliError)?,
        None => sources::official(),
    };
    let out_dir = PathBuf::from(&a.out);
    let previous = read_manifest(&out_dir)?;
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs() / 86_400).unwrap_or(0));
    let today = sources::date_from_days(days);
    let yesterday = sources::date_from_days(days - 1);

    let staging = staging_dir(&out_dir);
    if staging.exists() {
        // Left by a fetch that was killed: it was never committed, so it is safe to discard.
        std::fs::remove_dir_all(&staging).map_err(|e| CliError(format!("{}: {e}", staging.display())))?;
    }
    std::fs::create_dir_all(&staging).map_err(|e| CliError(format!("{}: {e}", staging.display())))?;

    let agent = ureq::AgentBuilder::new()
        .timeout_connect(Duration::from_secs(a.timeout.clamp(1, 30)))
        .timeout(Duration::from_secs(a.timeout.max(1)))
        .redirects(5)
        .user_agent(concat!("catchall/", env!("CARGO_PKG_VERSION"), " (lists fetch)"))
        .build();

    let mut errors = Vec::new();
    let mut done: Vec<(FetchedSet, Vec<ListDiff>, Vec<List>)> = Vec::new();
    let mut skipped = Vec::new();
    for set in &table.sets {
        if !a.only.is_empty() && !set.ids.iter().any(|i| a.only.contains(i)) {
            continue;
        }
        if !set.fetch {
            skipped.push(format!("{}: not fetched: {}", set.ids.join(", "), set.why_not));
            continue;
        }
        let prev = previous_lists(set, previous.as_ref(), &out_dir);
        match fetch_set(&agent, set, &staging, &yesterday, &today, prev, a.allow_shrink) {
            Ok(r) => done.push(r),
            Err(e) => errors.extend(e),
        }
    }
    if !a.only.is_empty() && done.is_empty() && errors.is_empty() && skipped.is_empty() {
        errors.push(format!("no source set holds the list id(s) {}", a.only.join(", ")));
    }
    if errors.is_empty() {
        if let Err(e) = commit(&staging, &out_dir, previous.unwrap_or_default(), &done, &today) {
            errors.push(e);
        }
    }
    let _ = std::fs::remove_dir_all(&staging);
    if !errors.is_empty() {
        return Err(CliError(format!(
            "lists fetch: nothing in {} was replaced:\n  {}",
            out_dir.display(),
            errors.join("\n  ")
        )));
    }
    report(&done, &skipped, &out_dir, &today, format, out)?;
    Ok(EXIT_CLEAR)
}

fn staging_dir(out_dir: &Path) -> PathBuf {
    let mut s = out_dir.as_os_str().to_owned();
    s.push(".staging");
    PathBuf::from(s)
}

fn read_manifest(out_dir: &Path) -> Result<Option<Fetched>, CliError> {
    let p = out_dir.join(MANIFEST);
    if !p.exists() {
        return Ok(None);
    }
    let text = std::fs::read_to_string(&p).map_err(|e| CliError(format!("{}: {e}", p.display())))?;
    serde_json::from_str(&text).map(Some).map_err(|e| CliError(format!("{}: {e}", p.display())))
}

/// The version a new download is compared with: the previous fetch of the same set when its
/// files are there, else the bundled lists with these ids.
fn previous_lists(set: &SourceSet, previous: Option<&Fetched>, out_dir: &Path) -> Vec<List> {
    let from_fetch = previous.and_then(|m| set.ids.iter().find_map(|id| m.set_for(id))).and_then(|prev| {
        let datas: Vec<(String, Vec<u8>)> = prev
            .files
            .iter()
            .map(|f| std::fs::read(out_dir.join(&f.name)).map(|d| (f.name.clone(), d)))
            .collect::<Result<_, _>>()
            .ok()?;
        let sf: Vec<SourceFile> = datas.iter().map(|(n, d)| SourceFile { name: n, data: d }).collect();
        import(&sf).ok()
    });
    let lists: Vec<List> = match from_fetch {
        Some(imported) => imported.into_iter().map(|i| i.list).collect(),
        None => catchall::lists::bundled().unwrap_or_default(),
    };
    lists.into_iter().filter(|l| set.ids.contains(&l.meta.id)).collect()
}

type SetResult = (FetchedSet, Vec<ListDiff>, Vec<List>);

/// Downloads one set into `staging` and checks it; every problem found is returned, named.
fn fetch_set(
    agent: &ureq::Agent,
    set: &SourceSet,
    staging: &Path,
    yesterday: &str,
    today: &str,
    previous: Vec<List>,
    allow_shrink: bool,
) -> Result<SetResult, Vec<String>> {
    let limit = set.max_bytes.unwrap_or(MAX_LIST_BYTES as u64);
    let label = set.ids.join(", ");
    let mut datas = Vec::new();
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for f in &set.files {
        if f.name.is_empty() || f.name.contains(['/', '\\']) || f.name.starts_with('.') {
            errors.push(format!("{label}: file name {:?} must be a plain file name", f.name));
            continue;
        }
        let url = sources::expand_url(&f.url, yesterday);
        let data = match download(agent, &url, limit) {
            Ok(d) => d,
            Err(e) => {
                errors.push(format!("{label}: {e}"));
                continue;
            }
        };
        let found =
            detect(&f.name, &data).map(|x| serde_json::to_value(x).ok().and_then(|v| v.as_str().map(String::from)));
        match found.flatten() {
            Some(fmt) if fmt == f.format => {}
            Some(fmt) => errors.push(format!("{label}: {url}: expected format {}, got {fmt}", f.format)),
            None => errors.push(format!(
                "{label}: {url}: expected format {}, got something Catchall does not read{}",
                f.format,
                peek(&data)
            )),
        }
        files.push(FetchedFile {
            name: f.name.clone(),
            url,
            format: f.format.clone(),
            bytes: data.len() as u64,
            hash: content_hash(&[&data]),
        });
        datas.push((f.name.clone(), data));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let sf: Vec<SourceFile> = datas.iter().map(|(n, d)| SourceFile { name: n, data: d }).collect();
    let imported = import(&sf).map_err(|e| vec![format!("{label}: {e}")])?;
    let mut new_lists = Vec::new();
    for id in &set.ids {
        let Some(imp) = imported.iter().find(|i| &i.list.meta.id == id) else {
            errors.push(format!("{label}: the download holds no list {id}"));
            continue;
        };
        let old = previous.iter().find(|l| &l.meta.id == id).map(|l| &l.meta);
        if let Err(r) = check_replacement(&imp.list, old, allow_shrink) {
            errors.push(format!("{r} (--allow-shrink accepts it)"));
        }
        if !imp.issues.is_empty() {
            eprintln!("catchall: {id}: {} record(s) skipped, e.g. {}", imp.issues.len(), imp.issues[0]);
        }
        let mut list = imp.list.clone();
        if list.meta.date.is_empty() {
            list.meta.date = today.to_string();
        }
        new_lists.push(list);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    for (name, data) in &datas {
        let p = staging.join(name);
        std::fs::write(&p, data).map_err(|e| vec![format!("{}: {e}", p.display())])?;
    }
    // Compared as they would ship: the bundle drops long free text, so a comparison with the
    // bundled version would otherwise call every entry with remarks changed.
    let shipped = |ls: &[List]| -> Vec<List> { ls.iter().cloned().map(for_shipping).collect() };
    let diffs = diff(&shipped(&previous), &shipped(&new_lists));
    Ok((FetchedSet { ids: set.ids.clone(), note: set.note.clone(), files }, diffs, new_lists))
}

/// What a server sent instead of a list, for the message: an HTML error page says so.
fn peek(data: &[u8]) -> String {
    let head: String =
        String::from_utf8_lossy(&data[..data.len().min(60)]).chars().filter(|c| !c.is_control()).collect();
    if head.trim().is_empty() {
        format!(" ({} bytes)", data.len())
    } else {
        format!(" ({} bytes, starting {:?})", data.len(), head.trim())
    }
}

fn download(agent: &ureq::Agent, url: &str, limit: u64) -> Result<Vec<u8>, String> {
    let resp = match agent.get(url).call() {
        Ok(r) => r,
        Err(ureq::Error::Status(code, r)) => return Err(format!("{url}: HTTP {code} {}", r.status_text())),
        Err(ureq::Error::Transport(t)) => return Err(format!("{url}: {t}")),
    };
    if let Some(len) = resp.header("Content-Length").and_then(|v| v.trim().parse::<u64>().ok()) {
        if len > limit {
            return Err(format!("{url}: {len} bytes announced, over the limit of {limit}"));
        }
    }
    let mut data = Vec::new();
    resp.into_reader()
        .take(limit + 1)
        .read_to_end(&mut data)
        .map_err(|e| format!("{url}: download cut short after {} bytes: {e}", data.len()))?;
    if data.len() as u64 > limit {
        return Err(format!("{url}: more than {limit} bytes, over the limit"));
    }
    Ok(data)
}

/// Moves the checked files from `staging` into `out_dir`, then writes the manifest (last, so a
/// crash in between leaves the previous manifest describing files that are at least as new).
fn commit(
    staging: &Path,
    out_dir: &Path,
    mut manifest: Fetched,
    done: &[SetResult],
    today: &str,
) -> Result<(), String> {
    std::fs::create_dir_all(out_dir).map_err(|e| format!("{}: {e}", out_dir.display()))?;
    for (set, _, _) in done {
        for f in &set.files {
            let (from, to) = (staging.join(&f.name), out_dir.join(&f.name));
            std::fs::rename(&from, &to).map_err(|e| format!("{} → {}: {e}", from.display(), to.display()))?;
        }
        manifest.sets.retain(|s| !s.ids.iter().any(|i| set.ids.contains(i)));
        manifest.sets.push(set.clone());
    }
    manifest.fetched_on = today.to_string();
    let text = serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())? + "\n";
    let tmp = staging.join(MANIFEST);
    std::fs::write(&tmp, text).map_err(|e| format!("{}: {e}", tmp.display()))?;
    let dest = out_dir.join(MANIFEST);
    std::fs::rename(&tmp, &dest).map_err(|e| format!("{}: {e}", dest.display()))
}

fn report(
    done: &[SetResult],
    skipped: &[String],
    out_dir: &Path,
    today: &str,
    format: Format,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    match format {
        Format::Json => {
            let lists: Vec<&ListDiff> = done.iter().flat_map(|(_, d, _)| d).collect();
            let files: Vec<&FetchedFile> = done.iter().flat_map(|(s, _, _)| &s.files).collect();
            let v = serde_json::json!({
                "out": out_dir.display().to_string(),
                "fetched_on": today,
                "files": files,
                "lists": lists,
                "not_fetched": skipped,
            });
            serde_json::to_writer_pretty(&mut *out, &v).map_err(|e| CliError(e.to_string()))?;
            writeln!(out)?;
        }
        Format::Text => {
            for (set, diffs, lists) in done {
                for f in &set.files {
                    writeln!(out, "fetched {} ({} bytes, {}) from {}", f.name, f.bytes, f.hash, f.url)?;
                }
                for d in diffs {
                    let new = lists.iter().find(|l| l.meta.id == d.id);
                    super::lists::write_diff_text(d, new, out)?;
                }
            }
            for s in skipped {
                writeln!(out, "{s}")?;
            }
            writeln!(
                out,
                "saved in {} ({MANIFEST}); build the site from it with scripts/build-site",
                out_dir.display()
            )?;
        }
    }
    Ok(())
}
