//! `catchall screen`: shipment JSON in, verdict out.

use super::{args::ScreenArgs, read_input, CliError, Format, EXIT_CLEAR, EXIT_NOT_CLEAR};
use catchall::verdict::{Report, Verdict};
use std::io::Write;

pub(super) fn run(a: &ScreenArgs, format: Format, out: &mut dyn Write) -> Result<u8, CliError> {
    if a.batch {
        return batch(a, format, out);
    }
    let text = read_input(&a.file)?;
    let shipment = catchall::parse_shipment(&text).map_err(|e| CliError(format!("{}: {e}", a.file)))?;
    let index = catchall::names::Index::build(super::load::lists(&a.lists, a.allow_shrink)?);
    let ctx = catchall::screening::Context { parties: &index, controls: catchall::classify::bundled() };
    let report = catchall::rules::screen(&shipment, &ctx);
    if let Some(pack) = &a.evidence {
        super::verify::write_pack(pack, &text, &report, a.decisions.as_deref())?;
    }
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, &report).map_err(|e| CliError(e.to_string()))?;
            writeln!(out)?;
        }
        Format::Text => write_text(&report, out)?,
    }
    Ok(if report.verdict() == Verdict::Clear { EXIT_CLEAR } else { EXIT_NOT_CLEAR })
}

/// `screen --batch FILE.jsonl`: one shipment per line, streamed in parts and screened on every
/// core, one output line per shipment in file order (JSON: `{"line", "report"}` or
/// `{"line", "error"}`). Exit 2 when any line could not be read (the file was not screened in
/// full), else 1 when any verdict is not CLEAR, else 0.
fn batch(a: &ScreenArgs, format: Format, out: &mut dyn Write) -> Result<u8, CliError> {
    let index = catchall::names::Index::build(super::load::lists(&a.lists, a.allow_shrink)?);
    let controls = catchall::classify::bundled();
    let reader: Box<dyn std::io::BufRead> = if a.file == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        let f = std::fs::File::open(&a.file).map_err(|e| CliError(format!("{}: {e}", a.file)))?;
        Box::new(std::io::BufReader::new(f))
    };
    let mut parts = super::stream::Parts::lines(reader, &a.file, a.part_records.max(1));
    let pool = super::stream::pool(a.threads)?;
    let (mut not_clear, mut errors, mut screened) = (false, 0usize, 0usize);
    while let Some(part) = parts.next_part()? {
        let text =
            if part.lines_before == 0 { part.text.strip_prefix('\u{feff}').unwrap_or(&part.text) } else { &part.text };
        let lines: Vec<(usize, &str)> = text
            .lines()
            .enumerate()
            .map(|(i, l)| (part.lines_before + i + 1, l))
            .filter(|(_, l)| !l.trim().is_empty())
            .collect();
        screened += lines.len();
        let file = &a.file;
        let status = super::stream::render_in_order(
            &pool,
            &lines,
            |&(line, l)| {
                let shipment = match catchall::parse_shipment(l) {
                    Ok(s) => s,
                    Err(e) => {
                        return (
                            format!(
                                "{}\n",
                                serde_json::json!({"line": line, "error": format!("{file}: line {line}: {e}")})
                            ),
                            None,
                        )
                    }
                };
                let ctx = catchall::screening::Context { parties: &index, controls };
                let report = catchall::rules::screen(&shipment, &ctx);
                let text = match format {
                    Format::Json => format!("{}\n", serde_json::json!({"line": line, "report": report})),
                    Format::Text => {
                        let rules: Vec<&str> = report.findings.iter().map(|f| f.rule.as_str()).collect();
                        format!("line {line}: {} {}\n", report.verdict(), rules.join(" "))
                    }
                };
                (text, Some(report.verdict()))
            },
            out,
        )?;
        errors += status.iter().filter(|v| v.is_none()).count();
        not_clear |= status.iter().any(|v| v.is_some_and(|v| v != Verdict::Clear));
    }
    if screened == 0 {
        return Err(CliError(format!("{}: the file is empty: expected one shipment JSON object per line", a.file)));
    }
    Ok(if errors > 0 {
        super::EXIT_ERROR
    } else if not_clear {
        EXIT_NOT_CLEAR
    } else {
        EXIT_CLEAR
    })
}

/// The readable report.
pub(crate) fn write_text(r: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let v = r.verdict();
    writeln!(out, "VERDICT: {v}")?;
    writeln!(out, "{}", v.next_step())?;
    writeln!(out, "Rules as of {}", r.rules_as_of)?;
    // Most severe first, so the findings that decide the verdict lead; ties keep the §1 order.
    let mut order: Vec<&catchall::verdict::Finding> = r.findings.iter().collect();
    order.sort_by_key(|f| std::cmp::Reverse(f.verdict));
    if order.is_empty() {
        writeln!(out, "\nNo rule fired.")?;
    }
    for (i, f) in order.into_iter().enumerate() {
        writeln!(out)?;
        writeln!(out, "{}. [{}] {} — {} ({})", i + 1, f.verdict, f.rule, f.title, f.subject)?;
        for line in wrap(&f.detail, 96) {
            writeln!(out, "   {line}")?;
        }
        for c in &f.citations {
            writeln!(out, "   § {c}")?;
        }
    }
    if !r.obligations.is_empty() {
        writeln!(out, "\nObligations:")?;
        for o in &r.obligations {
            writeln!(out, " - [{}] {}", o.rule, o.text)?;
        }
    }
    if !r.lists.is_empty() {
        writeln!(out, "\nLists used:")?;
        for l in &r.lists {
            writeln!(
                out,
                " - {} ({}), {} entries, data of {}, content {}",
                l.name,
                l.id,
                l.entries,
                l.date,
                if l.hash.is_empty() { "unrecorded" } else { &l.hash }
            )?;
        }
    }
    Ok(())
}

/// Greedy word wrap for the text report.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for w in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + w.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(w);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}
