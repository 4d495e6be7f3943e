//! Each list parser forced on arbitrary bytes (no detection in front of it), so the fuzzer reaches
//! parser code with inputs detection would reject. First byte selects the parser, including the
//! joined OFAC legacy set and UK relational set (input split on 0x00 into their part files), the
//! EU FSF XML / CSV / derivative, OFAC sdn.xml / ADVANCED, UK XML and the OFSI workbook reader.
#![no_main]
use catchall::lists::import::{bis, csl, eu, ftm, meti, ofac, ofac_xml, uk, un, SourceFile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else { return };
    let n = "fuzz";
    let _ = match sel % 19 {
        0 => csl::import_csv(n, rest).map(|_| ()),
        1 => csl::import_json(n, rest).map(|_| ()),
        2 => ofac::import_names_json(n, rest).map(|_| ()),
        3 => ofac::import_names_csv(n, rest).map(|_| ()),
        4 => bis::import_ecfr_xml(n, rest).map(|_| ()),
        5 => bis::import_ecfr_csv(n, rest).map(|_| ()),
        6 => bis::import_dpl(n, rest).map(|_| ()),
        7 => un::import(n, rest).map(|_| ()),
        8 => meti::import(n, rest).map(|_| ()),
        9 => ftm::import(n, rest).map(|_| ()),
        10 => {
            let mut p = rest.split(|&b| b == 0).map(|d| SourceFile { name: "sdn.csv", data: d });
            let set = ofac::LegacySet { main: p.next(), add: p.next(), alt: p.next(), comments: p.next() };
            ofac::import_legacy(&set, false).map(|_| ())
        }
        12 => eu::import_xml(n, rest).map(|_| ()),
        13 => eu::import_csv(n, rest).map(|_| ()),
        14 => eu::import_derived_json(n, rest).map(|_| ()),
        15 => ofac_xml::import_sdn_xml(n, rest).map(|_| ()),
        16 => ofac_xml::import_advanced_xml(n, rest).map(|_| ()),
        17 => uk::import_xml(n, rest).map(|_| ()),
        18 => uk::import_conlist_xlsx(n, rest).map(|_| ()),
        _ => {
            let mut p = rest.split(|&b| b == 0).map(|d| SourceFile { name: "uk.csv", data: d });
            let set = uk::UkSet { subjects: p.next(), names: p.next(), dobs: p.next(), countries: p.next(), identifiers: p.next() };
            uk::import(&set).map(|_| ())
        }
    };
});
