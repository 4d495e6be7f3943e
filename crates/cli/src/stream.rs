//! Batch files of any length, screened on every core with their output in input order.
//!
//! The file is read in parts of whole records ([`Parts`]); each part is parsed and screened in
//! parallel on a rayon pool, every thread borrowing the one read-only `names::Index` (it is
//! `Sync`: nothing is copied per thread), and its output lines are written in order before the
//! next part is read. Memory is bounded by the part size, never by the file: the web app's
//! 100,000-row limit (`catchall::batch::MAX_ROWS`) is for a browser tab holding a whole file
//! and its results, and does not apply here.

use super::CliError;
use rayon::prelude::*;
use std::io::{BufRead, Write};

/// Records per part: large enough that the serial read and write between parts are a few per
/// cent of the screening (about 2 s of work on two cores), small enough to keep memory flat.
pub(crate) const PART_RECORDS: usize = 8192;

/// Where the CSV reader stands after a byte, as the `csv` crate reads a record: a quote opens a
/// quoted field only at the start of a field, `""` inside one is a quote, and after the closing
/// quote the field goes on unquoted. A line end outside a quoted field ends a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CsvState {
    FieldStart,
    Unquoted,
    Quoted,
    QuoteInQuoted,
}

impl CsvState {
    fn step(self, b: u8) -> CsvState {
        match (self, b) {
            (CsvState::FieldStart, b'"') => CsvState::Quoted,
            (CsvState::FieldStart | CsvState::Unquoted | CsvState::QuoteInQuoted, b',' | b'\n' | b'\r') => {
                CsvState::FieldStart
            }
            (CsvState::FieldStart | CsvState::Unquoted, _) => CsvState::Unquoted,
            (CsvState::Quoted, b'"') => CsvState::QuoteInQuoted,
            (CsvState::Quoted, _) => CsvState::Quoted,
            (CsvState::QuoteInQuoted, b'"') => CsvState::Quoted,
            (CsvState::QuoteInQuoted, _) => CsvState::Unquoted,
        }
    }
}

/// One part of a file: its text (whole records only), the number of lines before it, and
/// whether it ends the file.
pub(crate) struct Part {
    pub text: String,
    pub lines_before: usize,
    pub last: bool,
}

/// Cuts a file into parts of about `records` records, never inside a quoted field (CSV) —
/// or, for JSON lines, simply every `records` lines.
pub(crate) struct Parts<R> {
    reader: R,
    name: String,
    csv: bool,
    records: usize,
    state: CsvState,
    lines_read: usize,
    done: bool,
}

impl<R: BufRead> Parts<R> {
    pub fn csv(reader: R, name: &str, records: usize) -> Self {
        Parts {
            reader,
            name: name.to_string(),
            csv: true,
            records,
            state: CsvState::FieldStart,
            lines_read: 0,
            done: false,
        }
    }

    pub fn lines(reader: R, name: &str, records: usize) -> Self {
        Parts { csv: false, ..Parts::csv(reader, name, records) }
    }

    pub fn next_part(&mut self) -> Result<Option<Part>, CliError> {
        if self.done {
            return Ok(None);
        }
        let lines_before = self.lines_read;
        let mut buf = Vec::new();
        let mut records = 0;
        loop {
            let start = buf.len();
            let n = self.reader.read_until(b'\n', &mut buf).map_err(|e| CliError(format!("{}: {e}", self.name)))?;
            if n == 0 {
                self.done = true;
                break;
            }
            self.lines_read += 1;
            if self.csv {
                let mut st = self.state;
                for &b in &buf[start..] {
                    st = st.step(b);
                }
                self.state = st;
            }
            if self.state == CsvState::FieldStart && buf.ends_with(b"\n") {
                records += 1;
                if records >= self.records {
                    break;
                }
            }
        }
        if self.done && buf.is_empty() && lines_before > 0 {
            return Ok(None);
        }
        let text = String::from_utf8(buf).map_err(|e| {
            let bad = e.utf8_error().valid_up_to();
            let line = lines_before + 1 + e.as_bytes()[..bad].iter().filter(|&&b| b == b'\n').count();
            CliError(format!("{}: line {line}: not UTF-8 text (save the file as UTF-8)", self.name))
        })?;
        Ok(Some(Part { text, lines_before, last: self.done }))
    }
}

/// Distinct queries whose results [`Repeats`] keeps: about 10 MB (mostly rows without hits).
pub(crate) const REPEAT_CAPACITY: usize = 65_536;

/// Results of queries already screened in this run, reused when a row repeats one: an order
/// book names the same customer on many rows, and screening is a pure function of the query and
/// the lists, so a repeat gets the very same result without being screened again. Bounded: when
/// `cap` distinct queries are kept it starts afresh (memory stays flat on files of any length).
pub(crate) struct Repeats<V> {
    map: std::sync::Mutex<std::collections::HashMap<String, std::sync::Arc<V>>>,
    cap: usize,
}

impl<V> Repeats<V> {
    pub(crate) fn new(cap: usize) -> Self {
        Repeats { map: std::sync::Mutex::new(std::collections::HashMap::new()), cap: cap.max(1) }
    }

    /// The result kept for `key`, or `screen()`'s, kept. `screen` runs outside the lock (two
    /// threads meeting the same new key both screen it; the results are equal).
    pub(crate) fn get_or(&self, key: String, screen: impl FnOnce() -> V) -> std::sync::Arc<V> {
        let lock = || self.map.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(v) = lock().get(&key) {
            return v.clone();
        }
        let v = std::sync::Arc::new(screen());
        let mut map = lock();
        if map.len() >= self.cap {
            map.clear();
        }
        map.insert(key, v.clone());
        v
    }
}

/// A rayon pool of `threads` threads (0: one per core).
pub(crate) fn pool(threads: usize) -> Result<rayon::ThreadPool, CliError> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("catchall-batch-{i}"))
        .build()
        .map_err(|e| CliError(format!("cannot start the screening threads: {e}")))
}

/// Renders every item on the pool, keeping input order, and writes the texts; returns each
/// item's status (`render` gives the output text and that status).
pub(crate) fn render_in_order<T: Sync, S: Send>(
    pool: &rayon::ThreadPool,
    items: &[T],
    render: impl Fn(&T) -> (String, S) + Sync,
    out: &mut dyn Write,
) -> Result<Vec<S>, CliError> {
    let rendered: Vec<(String, S)> = pool.install(|| items.par_iter().map(&render).collect());
    let mut status = Vec::with_capacity(rendered.len());
    for (text, s) in rendered {
        out.write_all(text.as_bytes())?;
        status.push(s);
    }
    out.flush()?;
    Ok(status)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str, records: usize, csv: bool) -> Vec<(usize, String, bool)> {
        let r = std::io::Cursor::new(text.as_bytes().to_vec());
        let mut p = if csv { Parts::csv(r, "f", records) } else { Parts::lines(r, "f", records) };
        let mut v = Vec::new();
        while let Some(part) = p.next_part().unwrap() {
            v.push((part.lines_before, part.text, part.last));
        }
        v
    }

    #[test]
    fn a_repeated_query_is_screened_once_and_memory_stays_bounded() {
        let repeats = Repeats::new(2);
        let calls = std::cell::Cell::new(0);
        let screen = |v: u32| {
            calls.set(calls.get() + 1);
            v
        };
        assert_eq!(*repeats.get_or("a".into(), || screen(1)), 1);
        assert_eq!(*repeats.get_or("a".into(), || screen(99)), 1, "the kept result, not a new one");
        assert_eq!(calls.get(), 1);
        assert_eq!(*repeats.get_or("b".into(), || screen(2)), 2);
        // full (2 kept): the third distinct key starts afresh, so "a" is screened again
        assert_eq!(*repeats.get_or("c".into(), || screen(3)), 3);
        assert_eq!(*repeats.get_or("a".into(), || screen(1)), 1);
        assert_eq!(calls.get(), 4);
        assert!(repeats.map.lock().unwrap().len() <= 2);
    }

    #[test]
    fn parts_cut_only_between_records() {
        type Want = Vec<(usize, &'static str, bool)>;
        let cases: Vec<(&str, usize, Want)> = vec![
            ("name\na\nb\n", 2, vec![(0, "name\na\n", false), (2, "b\n", true)]),
            // A line break inside quotes does not end the record.
            ("name\n\"x\ny\"\nz\n", 2, vec![(0, "name\n\"x\ny\"\n", false), (3, "z\n", true)]),
            // An escaped quote keeps the field open; a quote inside an unquoted field is a letter.
            ("n\n\"a\"\"\nb\"\nO\"Brien\nq\n", 2, vec![(0, "n\n\"a\"\"\nb\"\n", false), (3, "O\"Brien\nq\n", false)]),
            ("no newline at end", 5, vec![(0, "no newline at end", true)]),
            ("a\r\nb\r\n", 1, vec![(0, "a\r\n", false), (1, "b\r\n", false)]),
            ("", 5, vec![(0, "", true)]),
        ];
        for (text, n, want) in cases {
            let want: Vec<(usize, String, bool)> = want.into_iter().map(|(l, t, e)| (l, t.to_string(), e)).collect();
            let got = parts(text, n, true);
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn parts_put_every_byte_in_exactly_one_part() {
        let mut text = String::from("name,country\n");
        for i in 0..1000 {
            text.push_str(&format!("\"P{i}\nsecond line\",DE\nplain {i},US\n"));
        }
        let ps = parts(&text, 7, true);
        let joined: String = ps.iter().map(|p| p.1.as_str()).collect();
        assert_eq!(joined, text);
        for w in ps.windows(2) {
            assert_eq!(w[1].0, w[0].0 + w[0].1.matches('\n').count(), "lines_before counts the lines of earlier parts");
        }
        let jl = parts("{}\n{}\n{}\n", 2, false);
        assert_eq!(jl.iter().map(|p| p.1.as_str()).collect::<String>(), "{}\n{}\n{}\n");
    }

    #[test]
    fn a_file_that_is_not_utf8_names_the_line() {
        let r = std::io::Cursor::new(b"name\nok\nbad \xff\n".to_vec());
        let e = Parts::csv(r, "x.csv", 100).next_part().err().unwrap();
        assert_eq!(e.0, "x.csv: line 3: not UTF-8 text (save the file as UTF-8)");
    }
}
