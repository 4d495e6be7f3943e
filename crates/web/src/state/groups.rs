//! Report grouping: the findings that set the verdict come first (the "Why STOP" block),
//! then every other finding in the section its rule names in the catalogue
//! (`data/rules/catalogue.toml`, `group`), in the catalogue's section order.

pub use catchall::catalog::ReportGroup as Group;
use catchall::verdict::{Finding, Verdict};
use std::collections::BTreeMap;

/// Which group a finding belongs to: its rule's catalogue group.
pub fn group_of(f: &Finding) -> Group {
    Group::of_rule(&f.rule)
}

/// Findings grouped for display, keeping each finding's index into `findings`.
pub fn grouped(findings: &[Finding]) -> BTreeMap<Group, Vec<(usize, &Finding)>> {
    let mut m: BTreeMap<Group, Vec<(usize, &Finding)>> = BTreeMap::new();
    for (i, f) in findings.iter().enumerate() {
        m.entry(group_of(f)).or_default().push((i, f));
    }
    m
}

/// The report as the reader meets it: the findings that decide the verdict, then the rest
/// grouped. Each finding keeps its index into the report's findings (decisions refer to it).
#[derive(Debug, PartialEq)]
pub struct Layout<'a> {
    pub verdict: Verdict,
    /// The findings whose verdict is the report's verdict: removing all of them would
    /// change it. Empty for a CLEAR report.
    pub deciding: Vec<(usize, &'a Finding)>,
    /// Every other finding, by catalogue group.
    pub rest: BTreeMap<Group, Vec<(usize, &'a Finding)>>,
}

/// Splits findings into the deciding ones and the rest.
pub fn layout(findings: &[Finding]) -> Layout<'_> {
    let verdict = findings.iter().map(|f| f.verdict).max().unwrap_or(Verdict::Clear);
    let mut deciding = Vec::new();
    let mut rest: BTreeMap<Group, Vec<(usize, &Finding)>> = BTreeMap::new();
    for (i, f) in findings.iter().enumerate() {
        if verdict != Verdict::Clear && f.verdict == verdict {
            deciding.push((i, f));
        } else {
            rest.entry(group_of(f)).or_default().push((i, f));
        }
    }
    Layout { verdict, deciding, rest }
}

/// The heading of the deciding block: "Why STOP", "Why LICENCE REQUIRED", "Why REVIEW".
pub fn why_heading(v: Verdict) -> String {
    let label = match v {
        Verdict::Stop => "STOP",
        Verdict::LicenceRequired => "LICENCE REQUIRED",
        Verdict::Review => "REVIEW",
        Verdict::Clear => "CLEAR",
    };
    format!("Why {label}")
}
