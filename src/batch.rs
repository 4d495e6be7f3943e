//! Batch screening: many parties (CSV) or many shipments (JSON lines) at once.
//!
//! Pure engine code shared by the CLI (`catchall match --batch`) and the web app's batch
//! page. Parsing never panics and names the line of every problem; screening is done in
//! chunks ([`screen_chunk`]) so a caller can report progress, yield to the event loop
//! between chunks and cancel, without the engine knowing about any of that.

use crate::screening::{Context, Decision, EntityKind, Hit, Query};
use crate::verdict::{Report, Verdict};
use crate::Shipment;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// At most this many rows in one batch file read whole ([`parse`]: the web app, which holds a
/// file and its results in one page); a larger file is refused with a message. The native CLI
/// streams files of any length through [`csv_records_part`] and [`PartyColumns`] instead.
pub const MAX_ROWS: usize = 100_000;

/// A problem with the batch file. `line` is 1-based; 0 means the file as a whole.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchError {
    pub line: usize,
    pub reason: String,
}

impl BatchError {
    fn new(line: usize, reason: impl Into<String>) -> Self {
        BatchError { line, reason: reason.into() }
    }
}

impl std::fmt::Display for BatchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            f.write_str(&self.reason)
        } else {
            write!(f, "line {}: {}", self.line, self.reason)
        }
    }
}

/// What one row asks to screen.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum RowInput {
    Party(Query),
    Shipment(Box<Shipment>),
}

/// One parsed row and the line it started on.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    pub line: usize,
    pub input: RowInput,
}

/// A parsed batch file: the good rows, and the rows that could not be read (skipped, with
/// their line and reason, so one bad row does not lose the other 9,999).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Batch {
    pub rows: Vec<Row>,
    pub errors: Vec<BatchError>,
}

/// Splits CSV text into records with the line each starts on (the `csv` crate: quoted fields
/// with `""` escapes, commas and line breaks inside, CRLF; plus a leading BOM and blank lines
/// skipped). A quote still open at the end of the file is an error naming the line where that
/// record began, rather than a last field that silently swallows the rest of the file.
pub fn csv_records(text: &str) -> Result<Vec<(usize, Vec<String>)>, BatchError> {
    csv_records_part(text, true)
}

/// [`csv_records`] over one part of a longer file that a caller cut at a record boundary
/// (the native CLI streams files of any length this way). `last` says whether the part ends
/// the file: only there can an open quote at its end be the file's error.
pub fn csv_records_part(text: &str, last: bool) -> Result<Vec<(usize, Vec<String>)>, BatchError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut out = Vec::new();
    // Lines are counted from the record's byte offset (the reader's own count is off after a
    // CRLF line end): `counted` newlines lie before byte `counted_to`.
    let (mut counted, mut counted_to) = (0usize, 0usize);
    let mut line_at = |byte: usize| {
        let byte = byte.min(text.len());
        counted += text.as_bytes()[counted_to..byte].iter().filter(|&&b| b == b'\n').count();
        counted_to = byte;
        counted + 1
    };
    let mut last_start = (0u64, 1usize);
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let mut byte = record.position().map(|p| p.byte() as usize).unwrap_or(last_start.0 as usize);
                // The reported start can sit on the line end before the record.
                while matches!(text.as_bytes().get(byte), Some(b'\r' | b'\n')) {
                    byte += 1;
                }
                last_start = (byte as u64, line_at(byte));
                out.push((last_start.1, record.iter().map(str::to_string).collect()));
            }
            Err(e) => {
                let line = e.position().map(|p| line_at(p.byte() as usize)).unwrap_or(last_start.1);
                return Err(BatchError::new(line, format!("unreadable CSV: {e}")));
            }
        }
    }
    if let (true, Some((start_line, _))) = (last, out.last()) {
        if quote_left_open(&text.as_bytes()[last_start.0 as usize..]) {
            return Err(BatchError::new(*start_line, "a quoted field is never closed (missing \")"));
        }
    }
    Ok(out)
}

/// Does the last record leave a quote open? Every `"` toggles (an escaped `""` toggles twice).
fn quote_left_open(last_record: &[u8]) -> bool {
    last_record.iter().filter(|&&b| b == b'"').count() % 2 == 1
}

fn too_many() -> BatchError {
    BatchError::new(0, format!("the file has more than {MAX_ROWS} rows; the limit is {MAX_ROWS} rows per batch: split it into several files"))
}

/// Parses a party CSV: a header with `name` and optionally `country`, `kind`, `dob` (or
/// `date_of_birth`) and `id` (or `identifier`; several separated by `;`) (any order, any case;
/// other columns are ignored). `default_kind` applies where `kind` is
/// absent or empty.
pub fn parse_parties_csv(text: &str, default_kind: EntityKind) -> Result<Batch, BatchError> {
    let records = csv_records(text)?;
    let mut it = records.into_iter();
    let (hline, header) = it.next().ok_or_else(PartyColumns::empty_file)?;
    let cols = PartyColumns::from_header(hline, &header)?;
    let mut batch = Batch::default();
    let mut n = 0;
    for (line, f) in it {
        n += 1;
        if n > MAX_ROWS {
            return Err(too_many());
        }
        match cols.row(line, &f, default_kind) {
            Ok(q) => batch.rows.push(Row { line, input: RowInput::Party(q) }),
            Err(e) => batch.errors.push(e),
        }
    }
    Ok(batch)
}

/// Where a party CSV keeps its `name`, `country` and `kind`: read from the header once, then
/// applied to every record. [`parse_parties_csv`] uses it for a whole file (with the
/// browser's row limit); the native CLI for a file streamed in parts, of any length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PartyColumns {
    name: usize,
    country: Option<usize>,
    kind: Option<usize>,
    dob: Option<usize>,
    id: Option<usize>,
}

impl PartyColumns {
    /// The error for a file with no header line.
    pub fn empty_file() -> BatchError {
        BatchError::new(0, "the file is empty: expected a header line with a `name` column")
    }

    /// Reads the header record found on line `line`.
    pub fn from_header(line: usize, header: &[String]) -> Result<PartyColumns, BatchError> {
        let cols: Vec<String> = header.iter().map(|c| c.trim().to_ascii_lowercase()).collect();
        let col = |n: &str| cols.iter().position(|c| c == n);
        let name = col("name").ok_or_else(|| {
            BatchError::new(line, format!("no `name` column in the header (found: {})", cols.join(", ")))
        })?;
        Ok(PartyColumns {
            name,
            country: col("country"),
            kind: col("kind"),
            dob: col("dob").or_else(|| col("date_of_birth")),
            id: col("id").or_else(|| col("identifier")),
        })
    }

    /// The query of one record, or why it cannot be screened (naming its line).
    pub fn row(&self, line: usize, f: &[String], default_kind: EntityKind) -> Result<Query, BatchError> {
        let get = |c: Option<usize>| c.and_then(|c| f.get(c)).map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        let name = get(Some(self.name)).ok_or_else(|| BatchError::new(line, "name: empty"))?;
        let kind = match get(self.kind) {
            Some(k) => EntityKind::parse(&k).ok_or_else(|| {
                BatchError::new(line, format!("kind: unknown kind {k:?} (person|organization|vessel|aircraft|unknown)"))
            })?,
            None => default_kind,
        };
        let country = get(self.country).map(|c| c.to_ascii_uppercase());
        // Several dates or identifiers in one cell are separated by `;`.
        let many = |c: Option<usize>| -> Vec<String> {
            get(c)
                .map(|v| v.split(';').map(|x| x.trim().to_string()).filter(|x| !x.is_empty()).collect())
                .unwrap_or_default()
        };
        Ok(Query { name, country, kind, dates_of_birth: many(self.dob), identifiers: many(self.id) })
    }
}

/// Parses JSON lines of shipments (one shipment object per non-blank line).
pub fn parse_shipments_jsonl(text: &str) -> Result<Batch, BatchError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut batch = Batch::default();
    let mut n = 0;
    for (i, l) in text.lines().enumerate() {
        if l.trim().is_empty() {
            continue;
        }
        n += 1;
        if n > MAX_ROWS {
            return Err(too_many());
        }
        match crate::parse_shipment(l) {
            Ok(s) => batch.rows.push(Row { line: i + 1, input: RowInput::Shipment(Box::new(s)) }),
            Err(e) => batch.errors.push(BatchError::new(i + 1, e.to_string())),
        }
    }
    if batch.rows.is_empty() && batch.errors.is_empty() {
        return Err(BatchError::new(0, "the file is empty: expected one shipment JSON object per line"));
    }
    Ok(batch)
}

/// Parses either form, by file name (`.jsonl`/`.ndjson`/`.json` → shipments) or content
/// (first non-blank character `{` → shipments), else party CSV.
pub fn parse(file_name: &str, text: &str, default_kind: EntityKind) -> Result<Batch, BatchError> {
    let lower = file_name.to_ascii_lowercase();
    let first = text.trim_start_matches('\u{feff}').trim_start().chars().next();
    if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") || lower.ends_with(".json") || first == Some('{') {
        parse_shipments_jsonl(text)
    } else {
        parse_parties_csv(text, default_kind)
    }
}

/// The result of one row. Parties: `MATCH`, `POSSIBLE` or `NO_HIT` (a party alone has no
/// verdict: what a hit means depends on the list and the shipment). Shipments: the verdict.
/// Serialised as that one word (hand-written serde: a derived untagged variant would bring
/// serde's buffering code into the web app).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Outcome {
    NoHit,
    Possible,
    Match,
    Verdict(Verdict),
}

impl Serialize for Outcome {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Outcome {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Outcome::parse(&text).ok_or_else(|| serde::de::Error::custom(format!("unknown outcome `{text}`")))
    }
}

impl Outcome {
    /// Every outcome, most urgent first.
    pub const ALL: [Outcome; 7] = [
        Outcome::Verdict(Verdict::Stop),
        Outcome::Verdict(Verdict::LicenceRequired),
        Outcome::Match,
        Outcome::Verdict(Verdict::Review),
        Outcome::Possible,
        Outcome::Verdict(Verdict::Clear),
        Outcome::NoHit,
    ];

    /// How urgent, for sorting (higher first): the reverse of the position in [`Outcome::ALL`].
    pub fn severity(self) -> u8 {
        let at = Outcome::ALL.iter().position(|o| *o == self).unwrap_or(Outcome::ALL.len() - 1);
        (Outcome::ALL.len() - 1 - at) as u8
    }

    /// Reads [`Outcome::as_str`].
    pub fn parse(text: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.as_str() == text)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::NoHit => "NO_HIT",
            Outcome::Possible => "POSSIBLE",
            Outcome::Match => "MATCH",
            Outcome::Verdict(v) => v.as_str(),
        }
    }
    /// Needs someone's attention (any hit, any verdict but CLEAR).
    pub fn flagged(self) -> bool {
        !matches!(self, Outcome::NoHit | Outcome::Verdict(Verdict::Clear))
    }
}

/// The screening result of one row.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RowResult {
    /// Position in [`Batch::rows`].
    pub index: usize,
    pub line: usize,
    /// The party name, or for a shipment its first named party.
    pub label: String,
    pub country: String,
    pub outcome: Outcome,
    /// Party rows: the matcher's hits, best first. Shipment rows: empty.
    pub hits: Vec<Hit>,
    /// Shipment rows: the full report.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report: Option<Report>,
}

impl RowResult {
    /// The best score (0 when no hit).
    pub fn best_score(&self) -> f64 {
        self.hits.iter().map(|h| h.score).fold(0.0, f64::max)
    }
    /// The lists this row hit (parties: from hits; shipments: from party findings' evidence).
    pub fn lists_hit(&self) -> Vec<String> {
        let mut v: Vec<String> = self.hits.iter().map(|h| h.list.clone()).collect();
        if let Some(r) = &self.report {
            v.extend(r.findings.iter().filter_map(|f| f.list_hit()).map(|h| h.list.clone()));
        }
        v.sort();
        v.dedup();
        v
    }
}

fn screen_row(index: usize, row: &Row, ctx: &Context<'_>) -> RowResult {
    match &row.input {
        RowInput::Party(q) => {
            let hits = ctx.parties.screen(q);
            let outcome = match hits.iter().map(|h| h.decision).max() {
                Some(Decision::Match) => Outcome::Match,
                Some(Decision::Possible) => Outcome::Possible,
                _ => Outcome::NoHit,
            };
            RowResult {
                index,
                line: row.line,
                label: q.name.clone(),
                country: q.country.clone().unwrap_or_default(),
                outcome,
                hits,
                report: None,
            }
        }
        RowInput::Shipment(s) => {
            let report = crate::rules::screen(s, ctx);
            let label = s.parties.iter().next().map(|(_, p)| p.name.clone()).unwrap_or_default();
            let country = s
                .parties
                .consignee
                .as_ref()
                .or(s.parties.end_user.as_ref())
                .map(|p| p.country.clone())
                .unwrap_or_default();
            RowResult {
                index,
                line: row.line,
                label,
                country,
                outcome: Outcome::Verdict(report.verdict()),
                hits: Vec::new(),
                report: Some(report),
            }
        }
    }
}

/// Screens rows `start .. start+len` (clamped to the batch). Call repeatedly with
/// increasing `start` to work in chunks; an empty result means the batch is done.
pub fn screen_chunk(rows: &[Row], start: usize, len: usize, ctx: &Context<'_>) -> Vec<RowResult> {
    let end = start.saturating_add(len).min(rows.len());
    if start >= end {
        return Vec::new();
    }
    rows[start..end].iter().enumerate().map(|(i, r)| screen_row(start + i, r, ctx)).collect()
}

/// Counts for the summary: rows per outcome and rows hitting each list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub rows: usize,
    pub by_outcome: BTreeMap<Outcome, usize>,
    /// List id → number of rows with at least one hit on that list.
    pub by_list: BTreeMap<String, usize>,
}

impl Summary {
    pub fn add(&mut self, r: &RowResult) {
        self.rows += 1;
        *self.by_outcome.entry(r.outcome).or_default() += 1;
        for l in r.lists_hit() {
            *self.by_list.entry(l).or_default() += 1;
        }
    }
    pub fn of(results: &[RowResult]) -> Self {
        let mut s = Summary::default();
        for r in results {
            s.add(r);
        }
        s
    }
}

/// One CSV cell: quoted when needed, and a leading `'` on text a spreadsheet would run as a
/// formula. Used by every CSV the app or the CLI writes.
pub fn csv_cell(s: &str) -> String {
    // Quote when needed; neutralise spreadsheet formulas. Spreadsheets start a formula on
    // `= + - @`, and some also after a leading tab, CR or spaces, or on a cell that begins
    // with tab or CR itself (OWASP "CSV injection"): such a cell gets a leading `'`.
    let first = s.trim_start_matches([' ', '\u{a0}']).chars().next();
    let formula = matches!(first, Some('=' | '+' | '-' | '@' | '\t' | '\r'));
    let s = if formula { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The header line of [`results_csv`].
pub const RESULTS_CSV_HEADER: &str = "line,name,country,outcome,best_score,lists,entry_ids,matched_names,rules\n";

/// The results as CSV: one line per row, with the best hit's list, entry and score, and
/// for shipments the rules that fired.
pub fn results_csv(results: &[RowResult]) -> String {
    let mut out = String::from(RESULTS_CSV_HEADER);
    out.push_str(&results_csv_rows(results));
    out
}

/// The lines of [`results_csv`] without the header (for results that arrive in chunks).
pub fn results_csv_rows(results: &[RowResult]) -> String {
    let mut out = String::new();
    for r in results {
        let ids: Vec<String> = r.hits.iter().map(|h| format!("{}:{}", h.list, h.entry_id)).collect();
        let names: Vec<&str> = r.hits.iter().map(|h| h.name.as_str()).collect();
        let rules: Vec<&str> = r.report.iter().flat_map(|rep| rep.findings.iter().map(|f| f.rule.as_str())).collect();
        let score = if r.hits.is_empty() { String::new() } else { format!("{:.3}", r.best_score()) };
        let cells = [
            r.line.to_string(),
            csv_cell(&r.label),
            csv_cell(&r.country),
            r.outcome.as_str().to_string(),
            score,
            csv_cell(&r.lists_hit().join(" ")),
            csv_cell(&ids.join(" ")),
            csv_cell(&names.join(" | ")),
            csv_cell(&rules.join(" ")),
        ];
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    out
}

/// One result as a results table shows it: small enough to hold 100,000 of in a page. The
/// full result (hits with explanations, the report) stays with whoever screened it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RowView {
    pub index: usize,
    pub line: usize,
    pub label: String,
    pub country: String,
    /// `MATCH` / `POSSIBLE` / `NO_HIT` for parties, the verdict for shipments.
    pub outcome: Outcome,
    /// The best hit's score, 0 when there is none.
    pub score: f64,
    /// The best hit: `list: listed name` (parties), or the deciding rule (shipments).
    pub best: String,
    /// The lists this row hit.
    pub lists: Vec<String>,
}

impl RowView {
    pub fn of(r: &RowResult) -> RowView {
        let best = match (&r.report, r.hits.first()) {
            (_, Some(h)) => format!("{}: {}", h.list, h.name),
            (Some(rep), None) => {
                let v = rep.verdict();
                rep.findings
                    .iter()
                    .find(|f| f.verdict == v)
                    .map(|f| format!("{} {}", f.rule, f.title))
                    .unwrap_or_default()
            }
            (None, None) => String::new(),
        };
        RowView {
            index: r.index,
            line: r.line,
            label: r.label.clone(),
            country: r.country.clone(),
            outcome: r.outcome,
            score: r.best_score(),
            best,
            lists: r.lists_hit(),
        }
    }

    /// How urgent the outcome is, for sorting (higher first).
    pub fn severity(&self) -> u8 {
        self.outcome.severity()
    }

    /// Needs someone's attention (any hit, any verdict but CLEAR).
    pub fn flagged(&self) -> bool {
        self.outcome.flagged()
    }
}

impl Summary {
    pub fn add_view(&mut self, r: &RowView) {
        self.rows += 1;
        *self.by_outcome.entry(r.outcome).or_default() += 1;
        for l in &r.lists {
            *self.by_list.entry(l.clone()).or_default() += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::screening::{Entry, ListMeta, NoControls, PartyScreener};
    const EXAMPLE: &str = include_str!("../data/examples/chashma_2021.json");

    /// A tiny screener: exact (case-insensitive) name → Match, same first word → Possible.
    struct Fake(Vec<Entry>);
    impl PartyScreener for Fake {
        fn screen(&self, q: &Query) -> Vec<Hit> {
            let qn = q.name.to_lowercase();
            self.0
                .iter()
                .filter_map(|e| {
                    let en = e.name.to_lowercase();
                    let d = if en == qn {
                        Decision::Match
                    } else if en.split(' ').next() == qn.split(' ').next() {
                        Decision::Possible
                    } else {
                        return None;
                    };
                    Some(Hit {
                        list: e.fields.get("list").cloned().unwrap_or_default(),
                        entry_id: e.id.clone(),
                        name: e.name.clone(),
                        matched_name: e.name.clone(),
                        score: if d == Decision::Match { 1.0 } else { 0.8 },
                        decision: d,
                        explanation: serde_json::Value::Null,
                    })
                })
                .collect()
        }
        fn lists(&self) -> Vec<ListMeta> {
            Vec::new()
        }
        fn entry(&self, _: &str, id: &str) -> Option<&Entry> {
            self.0.iter().find(|e| e.id == id)
        }
    }
    fn entry(list: &str, id: &str, name: &str) -> Entry {
        let mut e = Entry { id: id.into(), name: name.into(), ..Default::default() };
        e.fields.insert("list".into(), list.into());
        e
    }
    fn fake() -> Fake {
        Fake(vec![entry("us_entity_list", "E1", "Rosatom Corp"), entry("us_sdn", "S9", "Mahan Air")])
    }

    fn party(b: &Batch, i: usize) -> &Query {
        match &b.rows[i].input {
            RowInput::Party(q) => q,
            RowInput::Shipment(_) => panic!("expected a party"),
        }
    }

    type Records<'a> = Vec<(usize, Vec<&'a str>)>;

    #[test]
    fn csv_records_cases() {
        let cases: &[(&str, Records)] = &[
            ("a,b\n1,2\n", vec![(1, vec!["a", "b"]), (2, vec!["1", "2"])]),
            ("\u{feff}name\r\nX\r\n", vec![(1, vec!["name"]), (2, vec!["X"])]),
            ("name\n\"Acme, Inc.\"\n", vec![(1, vec!["name"]), (2, vec!["Acme, Inc."])]),
            ("name\n\"He said \"\"hi\"\"\"\n", vec![(1, vec!["name"]), (2, vec!["He said \"hi\""])]),
            (
                "name,c\n\"two\nlines\",X\nnext,Y",
                vec![(1, vec!["name", "c"]), (2, vec!["two\nlines", "X"]), (4, vec!["next", "Y"])],
            ),
            ("name\n\n\nX\n", vec![(1, vec!["name"]), (4, vec!["X"])]),
            ("name,c\n,\n", vec![(1, vec!["name", "c"]), (2, vec!["", ""])]),
        ];
        for (text, want) in cases {
            let got = csv_records(text).unwrap();
            let want: Vec<(usize, Vec<String>)> =
                want.iter().map(|(l, v)| (*l, v.iter().map(|s| s.to_string()).collect())).collect();
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    fn csv_unterminated_quote_names_the_line() {
        let e = csv_records("name\nok\n\"broken,\nmore\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.reason.contains("never closed"), "{e}");
    }

    #[test]
    fn party_csv_columns_in_any_order_and_defaults() {
        let b = parse_parties_csv(
            "Kind,Country,Name,notes\norganization,ru,Rosatom Corp,x\n,,Jane Doe,\n",
            EntityKind::Person,
        )
        .unwrap();
        assert_eq!(b.rows.len(), 2);
        assert_eq!(
            party(&b, 0),
            &Query {
                name: "Rosatom Corp".into(),
                country: Some("RU".into()),
                kind: EntityKind::Organization,
                ..Default::default()
            }
        );
        assert_eq!(
            party(&b, 1),
            &Query { name: "Jane Doe".into(), country: None, kind: EntityKind::Person, ..Default::default() }
        );
        assert_eq!(b.rows[1].line, 3);
    }

    #[test]
    fn party_csv_errors() {
        let cases: &[(&str, usize, &str)] = &[("", 0, "empty"), ("country,kind\nRU,person\n", 1, "no `name` column")];
        for (text, line, needle) in cases {
            let e = parse_parties_csv(text, EntityKind::Unknown).unwrap_err();
            assert_eq!(e.line, *line, "{text:?}");
            assert!(e.reason.contains(needle), "{text:?}: {e}");
        }
        // Row errors are collected and the good rows kept.
        let b = parse_parties_csv("name,kind\nA,person\n,person\nB,spaceship\nC,\n", EntityKind::Unknown).unwrap();
        assert_eq!(b.rows.len(), 2);
        assert_eq!(
            b.errors,
            vec![
                BatchError::new(3, "name: empty"),
                BatchError::new(4, "kind: unknown kind \"spaceship\" (person|organization|vessel|aircraft|unknown)")
            ]
        );
    }

    #[test]
    fn row_limit_is_enforced_with_a_clear_message() {
        let mut ok = String::from("name\n");
        for i in 0..MAX_ROWS {
            ok.push_str(&format!("P{i}\n"));
        }
        assert_eq!(parse_parties_csv(&ok, EntityKind::Unknown).unwrap().rows.len(), MAX_ROWS);
        ok.push_str("one too many\n");
        let e = parse_parties_csv(&ok, EntityKind::Unknown).unwrap_err();
        assert!(e.reason.contains("limit is 100000 rows"), "{e}");
    }

    #[test]
    fn jsonl_shipments_parse_and_report_bad_lines() {
        let good = EXAMPLE;
        let one_line = serde_json::to_string(&serde_json::from_str::<serde_json::Value>(good).unwrap()).unwrap();
        let text = format!("{one_line}\n\n{{\"jurisdiction\": \"XX\"}}\nnot json\n");
        let b = parse("ships.jsonl", &text, EntityKind::Unknown).unwrap();
        assert_eq!(b.rows.len(), 1);
        assert_eq!(b.errors.iter().map(|e| e.line).collect::<Vec<_>>(), vec![3, 4]);
        assert!(parse("x.jsonl", "\n\n", EntityKind::Unknown).is_err());
    }

    #[test]
    fn chunks_cover_every_row_once_in_order() {
        let b =
            parse_parties_csv("name\nRosatom Corp\nRosatom Trading\nMahan Air\nJane Doe\nAcme\n", EntityKind::Unknown)
                .unwrap();
        let f = fake();
        let ctx = Context { parties: &f, controls: &NoControls };
        let mut all = Vec::new();
        let mut start = 0;
        loop {
            let chunk = screen_chunk(&b.rows, start, 2, &ctx);
            if chunk.is_empty() {
                break;
            }
            start += chunk.len();
            all.extend(chunk);
        }
        assert_eq!(all.iter().map(|r| r.index).collect::<Vec<_>>(), vec![0, 1, 2, 3, 4]);
        let outcomes: Vec<&str> = all.iter().map(|r| r.outcome.as_str()).collect();
        assert_eq!(outcomes, vec!["MATCH", "POSSIBLE", "MATCH", "NO_HIT", "NO_HIT"]);
        assert!(screen_chunk(&b.rows, 99, 5, &ctx).is_empty());

        let s = Summary::of(&all);
        assert_eq!(s.rows, 5);
        assert_eq!(s.by_outcome.get(&Outcome::Match), Some(&2));
        assert_eq!(s.by_outcome.get(&Outcome::Possible), Some(&1));
        assert_eq!(s.by_outcome.get(&Outcome::NoHit), Some(&2));
        assert_eq!(s.by_list.get("us_entity_list"), Some(&2));
        assert_eq!(s.by_list.get("us_sdn"), Some(&1));

        let csv = results_csv(&all);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 6);
        assert!(
            lines[1].starts_with("2,Rosatom Corp,,MATCH,1.000,us_entity_list,us_entity_list:E1,Rosatom Corp,"),
            "{}",
            lines[1]
        );
        assert!(lines[4].starts_with("5,Jane Doe,,NO_HIT,,"), "{}", lines[4]);
        // The export reads back with the same parser.
        let back = csv_records(&csv).unwrap();
        assert_eq!(back.len(), 6);
        assert!(back.iter().all(|(_, r)| r.len() == 9));
    }

    #[test]
    fn outcomes_order_by_urgency_and_round_trip() {
        let severities: Vec<u8> = Outcome::ALL.iter().map(|o| o.severity()).collect();
        assert_eq!(severities, vec![6, 5, 4, 3, 2, 1, 0]);
        for o in Outcome::ALL {
            assert_eq!(Outcome::parse(o.as_str()), Some(o));
            let json = serde_json::to_string(&o).unwrap();
            assert_eq!(json, format!("\"{}\"", o.as_str()));
            assert_eq!(serde_json::from_str::<Outcome>(&json).unwrap(), o);
        }
        let mut counts = BTreeMap::new();
        counts.insert(Outcome::Verdict(Verdict::Stop), 1usize);
        counts.insert(Outcome::NoHit, 2);
        let json = serde_json::to_string(&counts).unwrap();
        assert_eq!(serde_json::from_str::<BTreeMap<Outcome, usize>>(&json).unwrap(), counts);
        assert_eq!(Outcome::parse("SOMETHING"), None);
    }

    #[test]
    fn csv_export_quotes_and_defuses_formulas() {
        assert_eq!(csv_cell("Acme, \"Ltd\""), "\"Acme, \"\"Ltd\"\"\"");
        // (cell, expected CSV)
        let cases = [
            ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
            ("+1+1", "'+1+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1+1", "'\t=1+1"),
            ("\r=1+1", "\"'\r=1+1\""),
            ("  =1+1", "'  =1+1"),
            ("\u{a0}@x", "'\u{a0}@x"),
            ("plain", "plain"),
            ("Acme GmbH", "Acme GmbH"),
            ("a=b", "a=b"),
            ("", ""),
            ("   ", "   "),
        ];
        for (cell, want) in cases {
            assert_eq!(csv_cell(cell), want, "{cell:?}");
        }
    }

    #[test]
    fn shipment_rows_get_a_verdict() {
        let ex = EXAMPLE;
        let one_line = serde_json::to_string(&serde_json::from_str::<serde_json::Value>(ex).unwrap()).unwrap();
        let b = parse_shipments_jsonl(&one_line).unwrap();
        let ctx = Context::empty();
        let r = screen_chunk(&b.rows, 0, 10, &ctx);
        assert_eq!(r.len(), 1);
        let rep = r[0].report.as_ref().unwrap();
        assert_eq!(r[0].outcome, Outcome::Verdict(rep.verdict()));
        assert!(!r[0].label.is_empty());
    }
}
