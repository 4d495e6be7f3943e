//! Table-driven engine cases (tests/cases/*.toml), run through the shared runner in tests/common/cases.rs
//! with a fake party screener and a fake classifier, so every rule is testable without the real matcher.

#[path = "common/cases.rs"]
mod cases;

#[path = "common/case_files.rs"]
mod case_files;
use case_files::{BASES, FILES};

#[test]
fn engine_cases() {
    let sum = cases::run_cases(FILES, BASES);
    assert!(sum.failures.is_empty(), "{} of {} cases failed:\n{}", sum.failures.len(), sum.cases, sum.failures.join("\n"));
    assert!(sum.cases >= 80, "only {} cases", sum.cases);
}

/// Every catalogued rule is shown firing by some case and shown correctly not firing by another.
#[test]
fn every_rule_fires_and_is_guarded() {
    let sum = cases::run_cases(FILES, BASES);
    let mut missing = Vec::new();
    for r in catchall::catalog::rules() {
        if r.id.starts_with("OBL.") {
            continue; // obligations, not findings
        }
        if !sum.asserted_fired.contains(&r.id) {
            missing.push(format!("{} never asserted as fired", r.id));
        }
        if !sum.asserted_not_fired.contains(&r.id) {
            missing.push(format!("{} never asserted as not fired", r.id));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}
