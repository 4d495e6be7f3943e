//! Report grouping: each finding goes to the section its rule names in the catalogue
//! (`data/rules/catalogue.toml`, `group`), in the catalogue's section order.

pub use catchall::catalog::ReportGroup as Group;
use catchall::verdict::Finding;
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
