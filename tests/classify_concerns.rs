//! `impl ControlList for Annex1`: CLASS.SUSPECTED_LISTED / CLASS.PARAMETERS_MISSING from an
//! item's description and parameters (domain-rules §6), as a table of items an exporter
//! would recognise. Items are written as JSON, exactly as in a shipment file.

use catchall::classify;
use catchall::model::Item;
use catchall::screening::{ControlList, ItemConcern};

/// Expected outcome for the concern on `code`.
#[derive(Debug, PartialEq)]
enum Want {
    /// SuspectedListed with this `clearly_meets`.
    Suspected(bool),
    /// ParametersMissing naming these parameters (substring match).
    Missing(&'static [&'static str]),
    /// No concern for this code.
    Nothing,
}

fn item(json: &str) -> Item {
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"))
}

#[test]
fn concerns_table() {
    use Want::*;
    let a = classify::bundled();
    let table: &[(&str, &str, Want)] = &[
        // The classic: a frequency changer above 600 Hz declared "not listed".
        (
            r#"{"description":"Frequency inverter, 3-phase output, max output frequency 800 Hz","classification":"not_listed"}"#,
            "3A225",
            Suspected(true),
        ),
        (
            r#"{"description":"Frequency inverter","classification":"not_listed","parameters":{"max_output_frequency":"1.2 kHz","phases":3}}"#,
            "3A225",
            Suspected(true),
        ),
        (
            r#"{"description":"VFD","classification":"not_listed","parameters":{"output_frequency":1000}}"#,
            "3A225",
            Suspected(false),
        ),
        (
            r#"{"description":"Variable frequency drive 400 V 3-phase, output 0-60 Hz","classification":"not_listed"}"#,
            "3A225",
            Nothing,
        ),
        (
            r#"{"description":"Frequency converter for pumps","classification":"not_listed"}"#,
            "3A225",
            Missing(&["maximum output frequency", "multiphase output"]),
        ),
        (r#"{"description":"Frequency inverter 800 Hz single-phase","classification":"not_listed"}"#, "3A225", Nothing),
        (r#"{"description":"Solar inverter 10 kW","classification":"not_listed"}"#, "3A225", Nothing),
        // The user classified it themselves: no doubt raised.
        (
            r#"{"description":"Frequency inverter 800 Hz 3-phase","classification":{"scheme":"EU","code":"3A225"}}"#,
            "3A225",
            Nothing,
        ),
        // Unclassified counts like "not listed"; EAR99 too.
        (r#"{"description":"Frequency inverter 3-phase 900 Hz"}"#, "3A225", Suspected(true)),
        (
            r#"{"description":"Frequency inverter 3-phase 900 Hz","classification":{"scheme":"ECCN","code":"EAR99"}}"#,
            "3A225",
            Suspected(true),
        ),
        // Aluminium and titanium bars (the most frequent self-classification error).
        (
            r#"{"description":"7075-T6 aluminium round bar OD 100 mm","classification":"not_listed"}"#,
            "1C202.a",
            Suspected(true),
        ),
        (
            r#"{"description":"Aluminium alloy bar","classification":"not_listed","parameters":{"uts":"570 MPa","outside_diameter":120}}"#,
            "1C202.a",
            Suspected(true),
        ),
        (r#"{"description":"7075-T6 aluminium round bar OD 50 mm","classification":"not_listed"}"#, "1C202.a", Nothing),
        (
            r#"{"description":"6061-T6 aluminium round bar OD 150 mm","classification":"not_listed"}"#,
            "1C202.a",
            Nothing,
        ),
        (r#"{"description":"7075 aluminium alloy bar","classification":"not_listed"}"#, "1C202.a", Suspected(false)),
        (
            r#"{"description":"aluminium alloy tube","classification":"not_listed"}"#,
            "1C202.a",
            Missing(&["tensile strength or grade", "outside diameter"]),
        ),
        (
            r#"{"description":"Ti-6Al-4V bar, diameter 120 mm","classification":"not_listed"}"#,
            "1C202.b",
            Suspected(true),
        ),
        (r#"{"description":"Titanium alloy bar Ø 60 mm","classification":"not_listed"}"#, "1C202.b", Nothing),
        // Maraging steel.
        (
            r#"{"description":"Maraging steel C300 forged bar 200 mm","classification":"not_listed"}"#,
            "1C216",
            Suspected(true),
        ),
        (r#"{"description":"Maraging steel C250 plate","classification":"not_listed"}"#, "1C216", Nothing),
        (
            r#"{"description":"Maraging steel","classification":"not_listed"}"#,
            "1C216",
            Missing(&["tensile strength or grade", "largest dimension"]),
        ),
        // Vacuum pumps: small turbopumps are not listed.
        (r#"{"description":"Turbomolecular pump 300 l/s","classification":"not_listed"}"#, "2B231", Nothing),
        (
            r#"{"description":"Vacuum pump, inlet 400 mm, pumping speed 20 m3/s","classification":"not_listed"}"#,
            "2B231",
            Suspected(true),
        ),
        (
            r#"{"description":"Turbomolecular pump","classification":"not_listed"}"#,
            "2B231",
            Missing(&["pumping speed", "input throat size"]),
        ),
        // Fermenters: 20 litres.
        (
            r#"{"description":"Bioreactor 50 litres, steam sterilisable","classification":"not_listed"}"#,
            "2B352.b",
            Suspected(true),
        ),
        (r#"{"description":"Benchtop bioreactor 5 L","classification":"not_listed"}"#, "2B352.b", Nothing),
        (
            r#"{"description":"Fermenter","classification":"not_listed"}"#,
            "2B352.b",
            Missing(&["total internal volume"]),
        ),
        // Isostatic press, furnace, power supplies, camera.
        (
            r#"{"description":"Hot isostatic press 200 MPa chamber diameter 400 mm","classification":"not_listed"}"#,
            "2B204",
            Suspected(true),
        ),
        (
            r#"{"description":"Vacuum induction melting furnace 1600 °C 100 kW","classification":"not_listed"}"#,
            "2B226",
            Suspected(true),
        ),
        (r#"{"description":"Induction furnace 700 °C 50 kW","classification":"not_listed"}"#, "2B226", Nothing),
        (
            r#"{"description":"High voltage power supply 30 kV 2 A","classification":"not_listed"}"#,
            "3A227",
            Suspected(true),
        ),
        (r#"{"description":"High voltage power supply 5 kV 10 mA","classification":"not_listed"}"#, "3A227", Nothing),
        (r#"{"description":"DC power supply 200 V 1000 A","classification":"not_listed"}"#, "3A226", Suspected(true)),
        (
            r#"{"description":"High speed camera 1 000 000 fps","classification":"not_listed"}"#,
            "6A203.b",
            Suspected(true),
        ),
        (
            r#"{"description":"High speed camera 10 000 fps for crash tests","classification":"not_listed"}"#,
            "6A203.b",
            Nothing,
        ),
        (r#"{"description":"ICP-MS","classification":"not_listed"}"#, "3A233", Missing(&["mass range reaching 230 u"])),
        (
            r#"{"description":"CNC machining centre","classification":"not_listed"}"#,
            "2B001",
            Missing(&["unidirectional positioning repeatability"]),
        ),
        (
            r#"{"description":"CNC lathe, positioning repeatability 0.8 µm","classification":"not_listed"}"#,
            "2B001",
            Suspected(true),
        ),
        (r#"{"description":"CNC lathe, repeatability 5 µm","classification":"not_listed"}"#, "2B001", Nothing),
        // 2B201 (NSG) catches five-axis milling regardless of 2B001's repeatability.
        (r#"{"description":"5-axis CNC machining centre","classification":"not_listed"}"#, "2B201", Suspected(true)),
        (
            r#"{"description":"CNC lathe","classification":"not_listed"}"#,
            "2B201",
            Missing(&["axes or positioning accuracy"]),
        ),
        (
            r#"{"description":"3-axis CNC milling machine, positioning accuracy 10 µm","classification":"not_listed"}"#,
            "2B201",
            Nothing,
        ),
        // Everyday goods raise nothing.
        (r#"{"description":"Office chairs","classification":"not_listed"}"#, "3A225", Nothing),
        (r#"{"description":"","classification":"not_listed"}"#, "3A225", Nothing),
    ];
    let mut failures = Vec::new();
    for (json, code, want) in table {
        let it = item(json);
        let concerns = a.concerns(&it);
        let got = concerns.iter().find(|c| match c {
            ItemConcern::SuspectedListed { code: c, .. } | ItemConcern::ParametersMissing { code: c, .. } => c == code,
        });
        let ok = match (want, got) {
            (Nothing, None) => true,
            (Suspected(w), Some(ItemConcern::SuspectedListed { clearly_meets, why, .. })) => {
                assert!(why.contains(code) && why.contains("source:"), "why must cite: {why}");
                clearly_meets == w
            }
            (Missing(names), Some(ItemConcern::ParametersMissing { missing, why, .. })) => {
                assert!(why.contains("source:"), "why must cite: {why}");
                names.iter().all(|n| missing.iter().any(|m| m.contains(n))) && missing.len() == names.len()
            }
            _ => false,
        };
        if !ok {
            failures.push(format!("{json}\n    want {want:?} for {code}, got {concerns:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} concern cases failed:\n{}",
        failures.len(),
        table.len(),
        failures.join("\n")
    );
}

#[test]
fn concern_why_names_the_numbers() {
    let a = classify::bundled();
    let c = a.concerns(&item(r#"{"description":"Frequency inverter 3-phase 800 Hz","classification":"not_listed"}"#));
    let ItemConcern::SuspectedListed { why, .. } = &c[0] else { panic!("{c:?}") };
    assert!(why.contains("800 Hz") && why.contains("600 Hz") && why.contains("3A225.b"), "{why}");
}

#[test]
fn concerns_never_panic_on_odd_items() {
    let a = classify::bundled();
    let long =
        format!(r#"{{"description":"{}","classification":"not_listed"}}"#, "frequency inverter 900 Hz ".repeat(2000));
    for json in [
        r#"{"description":"inverter","parameters":{"max_output_frequency":null,"phases":"many"}}"#,
        r#"{"description":"inverter","parameters":{"max_output_frequency":[1,2],"phases":{"x":1}}}"#,
        r#"{"description":"inverter","parameters":{"max_output_frequency":"fast","phases":-3}}"#,
        r#"{"description":"inverter","parameters":{"max_output_frequency":1e308}}"#,
        r#"{"description":"Ø Ø Ø 7075 ø"}"#,
        r#"{"description":"🙂 maraging 🙂 1950 MPa 🙂"}"#,
        long.as_str(),
    ] {
        let _ = a.concerns(&item(json));
    }
}
