//! Where each bundled list is published (`data/sources/lists/fetch.toml`) and the manifest a
//! fetch leaves beside the files it downloaded. Data and its parsing only: the downloading is the
//! CLI's (`catchall lists fetch`), the rebuilding of the bundle `scripts/build-site`'s.

use serde::{Deserialize, Serialize};

/// One file of a set: the name it is saved under, the publisher's URL and the format the
/// importer must recognise in it (`import::Format` in snake_case).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceUrl {
    pub name: String,
    pub url: String,
    pub format: String,
}

/// The files one or more bundled lists are imported from together.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceSet {
    /// The list ids taken from these files (others they hold are ignored).
    pub ids: Vec<String>,
    pub note: String,
    #[serde(default)]
    pub files: Vec<SourceUrl>,
    /// False for a list that cannot be fetched in a format Catchall reads; `why_not` says why.
    #[serde(default = "yes")]
    pub fetch: bool,
    #[serde(default)]
    pub why_not: String,
    /// Download size limit in bytes (default: `import::MAX_LIST_BYTES`).
    #[serde(default)]
    pub max_bytes: Option<u64>,
}

fn yes() -> bool {
    true
}

/// The whole source table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sources {
    pub as_of: String,
    #[serde(rename = "set")]
    pub sets: Vec<SourceSet>,
}

/// The official sources of the bundled lists, from `data/sources/lists/fetch.toml`.
pub fn official() -> Sources {
    // build.rs turned the TOML into JSON and tests/lists_sources.rs parses it: a failure here is
    // a build defect, and an empty table fetches nothing rather than crashing.
    serde_json::from_str(crate::embedded!("sources/lists/fetch"))
        .unwrap_or(Sources { as_of: String::new(), sets: Vec::new() })
}

/// Parses a source table given as JSON (the same shape as `fetch.toml`), e.g. a mirror's.
pub fn parse(json: &str) -> Result<Sources, String> {
    serde_json::from_str(json).map_err(|e| format!("source table: {e}"))
}

/// `{yesterday}` in a URL becomes the given date (the eCFR is complete up to the day before).
pub fn expand_url(url: &str, yesterday: &str) -> String {
    url.replace("{yesterday}", yesterday)
}

/// The name of the manifest a fetch writes into its output directory.
pub const MANIFEST: &str = "fetched.json";

/// One downloaded file as recorded in the manifest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FetchedFile {
    pub name: String,
    pub url: String,
    pub format: String,
    pub bytes: u64,
    /// `lists::content_hash` of the file alone.
    pub hash: String,
}

/// One set as fetched: its files in the output directory and what they held.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FetchedSet {
    pub ids: Vec<String>,
    pub note: String,
    pub files: Vec<FetchedFile>,
}

/// `fetched.json`: what the files in a fetch directory are and when they were downloaded. Written
/// last, after every file passed its checks; `scripts/build-site` builds the bundle from it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fetched {
    /// Date of the fetch, `YYYY-MM-DD` (UTC): the data date of a list whose files carry none.
    pub fetched_on: String,
    pub sets: Vec<FetchedSet>,
}

impl Fetched {
    /// The set that provides list `id`, if it was fetched.
    pub fn set_for(&self, id: &str) -> Option<&FetchedSet> {
        self.sets.iter().find(|s| s.ids.iter().any(|i| i == id))
    }
}

/// The civil date (`YYYY-MM-DD`) of a day count since 1970-01-01 (Howard Hinnant's algorithm),
/// so callers holding a clock need no date crate.
pub fn date_from_days(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        for (days, want) in [(0, "1970-01-01"), (-1, "1969-12-31"), (11_016, "2000-02-29"), (20_793, "2026-12-06")] {
            assert_eq!(date_from_days(days), want, "{days}");
        }
    }

    #[test]
    fn the_official_table_names_every_bundled_list_once() {
        let s = official();
        assert_eq!(s.as_of.len(), 10, "{s:?}");
        let mut ids: Vec<&str> = s.sets.iter().flat_map(|x| x.ids.iter().map(String::as_str)).collect();
        ids.sort_unstable();
        let mut want = crate::lists::bundle::BUNDLED_IDS.to_vec();
        want.sort_unstable();
        assert_eq!(ids, want);
        for set in &s.sets {
            assert_eq!(set.fetch, !set.files.is_empty(), "{:?}", set.ids);
            assert_eq!(set.fetch, set.why_not.is_empty(), "{:?}: a list not fetched says why", set.ids);
            for f in &set.files {
                assert!(f.url.starts_with("https://"), "{}", f.url);
                let known = serde_json::to_value(crate::lists::import::Format::ALL).unwrap_or_default();
                assert!(known.as_array().is_some_and(|a| a.iter().any(|v| v == &f.format)), "{}", f.format);
            }
        }
    }
}
