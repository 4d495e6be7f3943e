//! The report: the verdict badge with the next step, findings grouped (parties, items,
//! destination, end use, red flags), each with its citations and evidence, the
//! obligations, the lists used, and the false-positive decisions that applied.

use super::SessionHandle;
use crate::browser::{download, today};
use crate::state::{layout, party_hit, why_heading, Action, Decided, Group, Page, Record};
use catchall::verdict::{Finding, Verdict};
use serde_json::Value;
use std::rc::Rc;
use yew::prelude::*;

fn verdict_class(v: Verdict) -> &'static str {
    match v {
        Verdict::Stop => "v-stop",
        Verdict::LicenceRequired => "v-licence",
        Verdict::Review => "v-review",
        Verdict::Clear => "v-clear",
    }
}

fn verdict_label(v: Verdict) -> &'static str {
    match v {
        Verdict::Stop => "STOP",
        Verdict::LicenceRequired => "LICENCE REQUIRED",
        Verdict::Review => "REVIEW",
        Verdict::Clear => "CLEAR",
    }
}

/// A small verdict pill (findings, history rows).
pub fn pill(v: Verdict) -> Html {
    html! { <span class={classes!("pill", verdict_class(v))} data-verdict={v.as_str()}>{verdict_label(v)}</span> }
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// `name` with the words it shares with `other` marked.
fn highlight(name: &str, other: &str) -> Html {
    let common = words(other);
    let mut out = Vec::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut Vec<Html>| {
        if !word.is_empty() {
            let w = std::mem::take(word);
            if common.contains(&w.to_lowercase()) {
                out.push(html! { <mark>{w}</mark> });
            } else {
                out.push(html! { {w} });
            }
        }
    };
    for c in name.chars() {
        if c.is_alphanumeric() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(html! { {c.to_string()} });
        }
    }
    flush(&mut word, &mut out);
    html! { <>{ for out }</> }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "—".into(),
        Value::Number(n) => n.to_string(),
        other => other.to_string(),
    }
}

/// Evidence as a definition list, nested objects indented; arrays of scalars joined.
pub(crate) fn evidence_view(v: &Value, depth: usize) -> Html {
    match v {
        Value::Object(m) if !m.is_empty() && depth < 4 => html! {
            <dl class="evidence">
                { for m.iter().map(|(k, v)| html! {
                    <>
                    <dt>{k.replace('_', " ")}</dt>
                    <dd>{ evidence_view(v, depth + 1) }</dd>
                    </>
                }) }
            </dl>
        },
        Value::Array(a) if a.iter().all(|x| !x.is_object() && !x.is_array()) => {
            html! { {a.iter().map(scalar).collect::<Vec<_>>().join(", ")} }
        }
        Value::Array(a) if depth < 4 => html! {
            <ol class="evidence-list">{ for a.iter().map(|x| html! { <li>{ evidence_view(x, depth + 1) }</li> }) }</ol>
        },
        Value::Object(_) => html! {},
        other => html! { {scalar(other)} },
    }
}

#[derive(Properties, PartialEq)]
pub struct FalsePositiveFormProps {
    pub index: usize,
    pub session: SessionHandle,
}

/// "Mark as false positive" with a note; the date is today's.
#[component]
pub fn FalsePositiveForm(props: &FalsePositiveFormProps) -> Html {
    let open = use_state(|| false);
    let note = use_state(String::new);
    let id = format!("fp-note-{}", props.index);
    if !*open {
        let open = open.clone();
        return html! {
            <button type="button" class="secondary fp-open" onclick={Callback::from(move |_| open.set(true))}>{"Mark as false positive…"}</button>
        };
    }
    let oninput = {
        let note = note.clone();
        Callback::from(move |e: InputEvent| {
            use wasm_bindgen::JsCast;
            if let Some(t) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok()) {
                note.set(t.value());
            }
        })
    };
    let confirm = {
        let (s, note, index) = (props.session.clone(), note.clone(), props.index);
        Callback::from(move |_| s.dispatch(Action::MarkFalsePositive { index, note: (*note).clone(), date: today() }))
    };
    let cancel = Callback::from(move |_| open.set(false));
    html! {
        <div class="fp-form">
            <label for={id.clone()}>{"Why is this not the listed party? (kept with the decision)"}</label>
            <textarea id={id} rows="2" value={(*note).clone()} {oninput} />
            <button type="button" class="fp-confirm" onclick={confirm} disabled={note.trim().is_empty()}>{"Confirm false positive"}</button>
            <button type="button" class="secondary" onclick={cancel}>{"Cancel"}</button>
        </div>
    }
}

fn finding_card(s: &SessionHandle, rec: &Record, index: usize, f: &Finding) -> Html {
    let hit = party_hit(f, &rec.shipment);
    html! {
        <article class={classes!("finding", verdict_class(f.verdict))} id={format!("finding-{index}")} data-rule={f.rule.clone()}>
            <header>
                { pill(f.verdict) }
                <h4>{ if f.title.is_empty() { f.rule.clone() } else { f.title.clone() } }</h4>
                <span class="rule-id">{f.rule.clone()}</span>
                <span class="subject">{f.subject.to_string()}</span>
            </header>
            if !f.detail.is_empty() { <p class="detail">{f.detail.clone()}</p> }
            if let Some(h) = &hit {
                <p class="match">
                    {"Screened "}<q>{highlight(&h.party_name, &h.listed_name)}</q>
                    {" ~ listed "}<q>{highlight(&h.listed_name, &h.party_name)}</q>
                    {format!(" (list {}, entry {})", h.list, h.entry_id)}
                </p>
            }
            <div class="citations">
                <h5>{"Legal basis"}</h5>
                <ul>{ for f.citations.iter().map(|c| html! { <li>{c.clone()}</li> }) }</ul>
            </div>
            if !f.evidence.is_empty() {
                <details class="evidence-box" open=true>
                    <summary>{"Evidence"}</summary>
                    { evidence_view(&f.evidence.to_value(), 0) }
                </details>
            }
            if hit.is_some() {
                <FalsePositiveForm {index} session={s.clone()} />
            }
        </article>
    }
}

fn decided_card(d: &Decided) -> Html {
    let f = &d.finding;
    html! {
        <article class="finding decided" data-rule={f.rule.clone()}>
            <header>
                <span class="pill v-decided">{"DECIDED: FALSE POSITIVE"}</span>
                <h4>{ if f.title.is_empty() { f.rule.clone() } else { f.title.clone() } }</h4>
                <span class="rule-id">{f.rule.clone()}</span>
                <span class="subject">{f.subject.to_string()}</span>
            </header>
            <p>{format!("{} was decided not to be “{}” ({} entry {}) on {}: {}",
                d.decision.party_name, d.decision.listed_name, d.decision.list, d.decision.entry_id, d.decision.date, d.decision.note)}</p>
            <p class="hint">{format!("Would otherwise be {}.", verdict_label(f.verdict))}</p>
            <div class="citations">
                <ul>{ for f.citations.iter().map(|c| html! { <li>{c.clone()}</li> }) }</ul>
            </div>
        </article>
    }
}

pub fn report_page(s: &SessionHandle) -> Html {
    let Some(rec): Option<Rc<Record>> = s.current.clone() else {
        return html! { <p>{"No report yet: screen a shipment first."}</p> };
    };
    let v = rec.verdict();
    let lay = layout(&rec.report.findings);
    let export = {
        let rec = rec.clone();
        Callback::from(move |_| {
            let mut j = rec.report.to_json();
            j["shipment"] = serde_json::to_value(&rec.shipment).unwrap_or(Value::Null);
            j["screened_at"] = Value::String(rec.at.clone());
            j["decided_false_positives"] = serde_json::to_value(&rec.decided).unwrap_or(Value::Null);
            let text = serde_json::to_string_pretty(&j).unwrap_or_default();
            download(&format!("catchall-report-{}.json", rec.at.get(..10).unwrap_or("")), &text);
        })
    };
    let evidence = {
        let (rec, s) = (rec.clone(), s.clone());
        Callback::from(move |_| {
            let (rec, s) = (rec.clone(), s.clone());
            // Screened again in the engine worker (the page holds no index).
            wasm_bindgen_futures::spawn_local(async move {
                let fresh = match crate::worker_client::screen(&rec.shipment).await {
                    Ok(r) => r,
                    Err(e) => {
                        s.dispatch(Action::Notice(Some(format!(
                            "No evidence pack: the shipment could not be screened again: {e}"
                        ))));
                        return;
                    }
                };
                match crate::state::evidence::pack_for(&rec, &fresh, &crate::browser::today()) {
                    Ok(pack) => {
                        let text = serde_json::to_string_pretty(&pack).unwrap_or_default();
                        download(&format!("catchall-evidence-{}.json", rec.at.get(..10).unwrap_or("")), &text);
                    }
                    Err(e) => s.dispatch(Action::Notice(Some(e))),
                }
            });
        })
    };
    let print = Callback::from(|_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let edit = {
        let s = s.clone();
        Callback::from(move |_| s.dispatch(Action::Show(Page::Form)))
    };
    html! {
        <section aria-labelledby="verdict" class="page report-page">
            <div class={classes!("verdict", verdict_class(v))}>
                <h2 id="verdict" tabindex="-1" data-verdict={v.as_str()}>
                    <span class="sr-only">{"Verdict: "}</span>{verdict_label(v)}
                </h2>
                <p class="next-step">{v.next_step()}</p>
                <p class="meta">{format!("Screened {} · rules as of {} · {} finding(s)", rec.at.replace('T', " ").get(..16).unwrap_or(&rec.at), rec.report.rules_as_of, rec.report.findings.len())}</p>
            </div>
            <div class="actions no-print">
                <button type="button" onclick={print}>{"Print / save as PDF"}</button>
                <button type="button" id="export-report" onclick={export}>{"Export JSON"}</button>
                <button type="button" class="secondary" id="export-evidence" onclick={evidence} title="The shipment, engine version, rules date, each list's id, date and content hash, the report and your decisions, sealed with a SHA-256">{"Export evidence pack"}</button>
                <button type="button" class="secondary" onclick={edit}>{"Edit shipment"}</button>
                <super::book::SaveToBook record={rec.clone()} />
            </div>
            if rec.report.findings.is_empty() {
                <p class="no-findings">{"No rule fired for this shipment."}</p>
            }
            if !lay.deciding.is_empty() {
                <section class={classes!("group", "why", verdict_class(v))} id="why" aria-labelledby="why-h">
                    <h3 id="why-h">{why_heading(v)}</h3>
                    <ul class="why-list">
                        { for lay.deciding.iter().map(|(i, f)| html! {
                            <li><a href={format!("#finding-{i}")}><span class="rule-id">{f.rule.clone()}</span>{" "}
                                { if f.title.is_empty() { f.rule.clone() } else { f.title.clone() } }</a>
                                {format!(" ({})", f.subject)}</li>
                        }) }
                    </ul>
                    { for lay.deciding.iter().map(|(i, f)| finding_card(s, &rec, *i, f)) }
                </section>
                if !lay.rest.is_empty() {
                    <h3 class="rest-heading">{"Other findings"}</h3>
                }
            }
            { for Group::ALL.iter().filter_map(|g| lay.rest.get(g).map(|fs| (g, fs))).map(|(g, fs)| html! {
                <section class="group" id={format!("group-{}", g.id())} aria-labelledby={format!("group-{}-h", g.id())}>
                    <h3 id={format!("group-{}-h", g.id())}>{g.title()}</h3>
                    { for fs.iter().map(|(i, f)| finding_card(s, &rec, *i, f)) }
                </section>
            }) }
            if !rec.decided.is_empty() {
                <section class="group" id="group-decided" aria-labelledby="group-decided-h">
                    <h3 id="group-decided-h">{"Decided as false positives"}</h3>
                    { for rec.decided.iter().map(decided_card) }
                </section>
            }
            if !rec.report.obligations.is_empty() {
                <section class="group" id="obligations" aria-labelledby="obligations-h">
                    <h3 id="obligations-h">{"Obligations"}</h3>
                    <ul class="obligations">
                        { for rec.report.obligations.iter().map(|o| html! {
                            <li><span class="rule-id">{o.rule.clone()}</span>{" "}{o.text.clone()}
                                <ul class="citations">{ for o.citations.iter().map(|c| html! { <li>{c.clone()}</li> }) }</ul>
                            </li>
                        }) }
                    </ul>
                </section>
            }
            <section class="group" id="lists-used" aria-labelledby="lists-h">
                <h3 id="lists-h">{"Lists consulted"}</h3>
                if rec.report.lists.is_empty() {
                    <p>{"No restricted-party lists were loaded for this screening."}</p>
                } else {
                    <ul>{ for rec.report.lists.iter().map(|l| html! {
                        <li>{format!("{} ({}), {} entries, data of {}", l.name, l.id, l.entries, l.date)}
                            if !l.hash.is_empty() { <span class="hash">{format!(" · content {}", l.hash)}</span> }</li>
                    }) }</ul>
                }
            </section>
        </section>
    }
}
