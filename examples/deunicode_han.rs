//! Prints `deunicode`'s reading of every character read on standard input, one per line
//! ("汉\tyi"): the input of `scripts/gen-han-readings.py --deunicode`, which keeps the
//! characters whose `deunicode` reading is not a Mandarin reading of theirs.
//!
//!     cargo run --release --example deunicode_han < chars.txt > /tmp/deunicode-han.tsv
use std::io::{BufRead, Write};

fn main() {
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in stdin.lock().lines().map_while(Result::ok) {
        for c in line.chars().filter(|c| !c.is_whitespace()) {
            let r = deunicode::deunicode_char(c).unwrap_or("").trim().to_ascii_lowercase();
            if writeln!(out, "{c}\t{r}").is_err() {
                return;
            }
        }
    }
}
