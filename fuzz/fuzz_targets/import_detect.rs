//! Every list importer through the public entry point: format detection picks the parser.
//! The first input byte picks a file name (names break ties between OFAC legacy CSVs and carry
//! the `cons` flag); the rest is the file.
#![no_main]
use catchall::lists::import::{import, SourceFile};
use libfuzzer_sys::fuzz_target;

const NAMES: &[&str] = &["list.csv", "sdn.csv", "cons_prim.csv", "sdn_comments.csv", "list.xml", "list.json", "list.jsonl", "dpl.txt", "ConList.xlsx", "CONSOLIDATED.XML"];

fuzz_target!(|data: &[u8]| {
    let Some((&sel, rest)) = data.split_first() else { return };
    let name = NAMES[sel as usize % NAMES.len()];
    let _ = import(&[SourceFile { name, data: rest }]);
});
