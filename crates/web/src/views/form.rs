//! "Screen a shipment": the form. Every control is labelled; a validation error from the
//! engine (`InputError.field`) is shown right under the control with that JSON path and
//! the control is marked `aria-invalid` and described by the message.

use super::{dom_id, run_screening, SessionHandle, CHASHMA_2021};
use crate::state::{Action, DenialField, Field, ItemField, Knowledge, LicenceField, PartyField, Role, TempField};
use catchall::catalog::{self, Choice};
use yew::prelude::*;

fn input_value(e: &Event) -> String {
    use wasm_bindgen::JsCast;
    let Some(t) = e.target() else { return String::new() };
    if let Some(i) = t.dyn_ref::<web_sys::HtmlInputElement>() {
        i.value()
    } else if let Some(s) = t.dyn_ref::<web_sys::HtmlSelectElement>() {
        s.value()
    } else if let Some(a) = t.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        a.value()
    } else {
        String::new()
    }
}

fn setter(s: &SessionHandle, f: Field) -> Callback<InputEvent> {
    let s = s.clone();
    Callback::from(move |e: InputEvent| s.dispatch(Action::Set(f, input_value(&e))))
}

fn chooser(s: &SessionHandle, f: Field) -> Callback<Event> {
    let s = s.clone();
    Callback::from(move |e: Event| s.dispatch(Action::Set(f, input_value(&e))))
}

/// The message under a field, if the engine rejected it.
fn error_line(s: &SessionHandle, f: Field) -> Html {
    match s.error_for(f) {
        Some(m) => html! { <p class="field-error" id={format!("{}-err", dom_id(&f.path()))}>{m.to_string()}</p> },
        None => html! {},
    }
}

fn described_by(s: &SessionHandle, f: Field) -> Option<String> {
    s.error_for(f).map(|_| format!("{}-err", dom_id(&f.path())))
}

/// A labelled text input bound to `f`; `list` names a `<datalist>` for suggestions.
fn text_input(s: &SessionHandle, f: Field, label: &str, list: Option<String>, hint: Option<&str>) -> Html {
    let id = dom_id(&f.path());
    let invalid = s.error_for(f).is_some();
    html! {
        <div class={classes!("field", invalid.then_some("invalid"))}>
            <label for={id.clone()}>{label.to_string()}</label>
            <input id={id} type="text" value={s.draft.get(f)} oninput={setter(s, f)} list={list}
                placeholder={hint.map(str::to_string)}
                aria-invalid={invalid.then_some("true")} aria-describedby={described_by(s, f)} autocomplete="off" />
            { error_line(s, f) }
        </div>
    }
}

/// A vocabulary from the catalogue as the `(value, label)` pairs a `<select>` offers.
fn choices(vocabulary: &[Choice]) -> Vec<(&str, &str)> {
    vocabulary.iter().map(|c| (c.value.as_str(), c.label.as_str())).collect()
}

fn select(s: &SessionHandle, f: Field, label: &str, options: &[(&str, &str)], blank: Option<&str>) -> Html {
    let id = dom_id(&f.path());
    let cur = s.draft.get(f);
    let invalid = s.error_for(f).is_some();
    let known = options.iter().any(|(v, _)| *v == cur);
    html! {
        <div class={classes!("field", invalid.then_some("invalid"))}>
            <label for={id.clone()}>{label.to_string()}</label>
            <select id={id} onchange={chooser(s, f)} aria-invalid={invalid.then_some("true")} aria-describedby={described_by(s, f)}>
                if let Some(b) = blank { <option value="" selected={cur.is_empty()}>{b.to_string()}</option> }
                if !known && !cur.is_empty() { <option value={cur.clone()} selected=true>{cur.clone()}</option> }
                { for options.iter().map(|(v, l)| html! { <option value={v.to_string()} selected={*v == cur}>{l.to_string()}</option> }) }
            </select>
            { error_line(s, f) }
        </div>
    }
}

/// A yes / no / not-said question (`Option<bool>` in the model).
fn tri_select(s: &SessionHandle, f: Field, label: &str) -> Html {
    select(s, f, label, &[("yes", "Yes"), ("no", "No")], Some("— not said —"))
}

/// A labelled multi-line input bound to `f`.
fn text_area(s: &SessionHandle, f: Field, label: &str, hint: Option<&str>) -> Html {
    let id = dom_id(&f.path());
    let invalid = s.error_for(f).is_some();
    html! {
        <div class={classes!("field", "wide", invalid.then_some("invalid"))}>
            <label for={id.clone()}>{label.to_string()}</label>
            <textarea id={id} rows="2" value={s.draft.get(f)} oninput={setter(s, f)} placeholder={hint.map(str::to_string)}
                aria-invalid={invalid.then_some("true")} aria-describedby={described_by(s, f)} />
            { error_line(s, f) }
        </div>
    }
}

fn click(s: &SessionHandle, a: Action) -> Callback<MouseEvent> {
    let s = s.clone();
    Callback::from(move |_| s.dispatch(a.clone()))
}

/// The licences the exporter holds (a Japanese bulk licence, …): one row each.
fn licences(s: &SessionHandle, role: Role) -> Html {
    let n = s.draft.party(role).map_or(0, |p| p.licences_held.len());
    html! {
        <div class="licences wide">
            { for (0..n).map(|j| {
                let f = |lf| Field::Licence(role, j, lf);
                html! {
                    <fieldset class="licence" id={format!("{}-licence-{j}", dom_id(&role.path()))}>
                        <legend>{format!("Licence held {}", j + 1)}</legend>
                        <div class="grid">
                            { text_input(s, f(LicenceField::Authority), "Issuing authority", None, Some("JP, GB, US, RU or EU:DE")) }
                            { text_input(s, f(LicenceField::Kind), "Kind of licence", None, Some("e.g. bulk_general")) }
                            { text_input(s, f(LicenceField::Rows), "Rows or entries covered (comma-separated)", None, Some("e.g. 2, 3-2")) }
                            { text_input(s, f(LicenceField::Destinations), "Destinations covered (comma-separated)", None, Some("e.g. CN, KR")) }
                        </div>
                        <button type="button" class="secondary" onclick={click(s, Action::RemoveLicence(role, j))}>{format!("Remove licence {}", j + 1)}</button>
                    </fieldset>
                }
            }) }
            <button type="button" class="secondary" id={format!("{}-add-licence", dom_id(&role.path()))} onclick={click(s, Action::AddLicence(role))}>{"Add a licence you hold"}</button>
        </div>
    }
}

fn party_fieldset(s: &SessionHandle, role: Role, remove: Option<Callback<MouseEvent>>) -> Html {
    let f = |pf| Field::Party(role, pf);
    html! {
        <fieldset class="party" id={format!("party-{}", dom_id(&role.path()))}>
            <legend>{role.label()}</legend>
            <div class="grid">
                { text_input(s, f(PartyField::Name), "Name", None, None) }
                { text_input(s, f(PartyField::Country), "Country", Some("countries".into()), Some("type to search, e.g. Pakistan or PK")) }
                { text_input(s, f(PartyField::Address), "Address", None, None) }
                { select(s, f(PartyField::Kind), "Type", &choices(&catalog::vocabulary().party_type), Some("— not given —")) }
                { text_area(s, f(PartyField::Aliases), "Other names (one per line)", Some("trading names, former names, transliterations")) }
                { text_area(s, f(PartyField::DatesOfBirth), "Dates of birth (persons; one per line)", Some("e.g. 1961-04-02: confirms or rules out a list entry with the same name")) }
                { text_area(s, f(PartyField::Identifiers), "Identifiers (one per line)", Some("passport, national ID, company registration or IMO number")) }
                if role == Role::Exporter || !s.draft.get(f(PartyField::UsOwned)).is_empty() {
                    { tri_select(s, f(PartyField::UsOwned), "Owned (50 % or more) or controlled by US persons?") }
                }
                if role == Role::Exporter || s.draft.party(role).is_some_and(|p| !p.licences_held.is_empty()) {
                    { licences(s, role) }
                }
            </div>
            if let Some(cb) = remove {
                <button type="button" class="secondary" onclick={cb}>{format!("Remove {}", role.label().to_lowercase())}</button>
            }
        </fieldset>
    }
}

/// Suggestions for the control-list code field.
///
/// The as-you-type control-list picker: ranked Annex I candidates for what is typed
/// in the code field (a code or words), or, while it is empty, for the item's description —
/// the same search as `catchall classify`. Entries the classifier rates `likely` are marked.
fn code_suggestions(query: &str, description: &str) -> Vec<(String, String)> {
    let Some(annex) = crate::runtime::annex1() else { return Vec::new() };
    let q = if query.trim().len() >= 2 { query } else { description };
    if q.trim().len() < 3 {
        return Vec::new();
    }
    catchall::classify::search(annex, q, 8)
        .into_iter()
        .map(|c| {
            let mark = if c.likely { "likely · " } else { "" };
            (c.code, format!("{mark}{} [{}] {}", c.regime, c.title, c.text))
        })
        .collect()
}

fn item_fieldset(s: &SessionHandle, i: usize) -> Html {
    let f = |itf| Field::Item(i, itf);
    let Some(item) = s.draft.items.get(i) else { return html! {} };
    let listed = item.class == crate::state::ClassChoice::Listed;
    let list_id = format!("codes-{i}");
    let more_open = [
        &item.military_list,
        &item.sanctions_goods_tags,
        &item.cwc_schedule,
        &item.cwc_max_concentration_pct,
        &item.consumer_retail_pack,
        &item.us_origin,
        &item.us_controlled_content_pct,
        &item.us_content_eccns,
        &item.us_direct_product_of,
        &item.eccn_equivalent,
    ]
    .iter()
    .any(|t| !t.is_empty())
        || s.error.as_ref().is_some_and(|e| e.field.starts_with(&format!("items[{i}]")));
    if listed && crate::runtime::annex1().is_none() {
        super::load_picker(s);
    }
    let suggestions = if listed { code_suggestions(&item.code, &item.description) } else { Vec::new() };
    let remove = (s.draft.items.len() > 1).then(|| {
        let s = s.clone();
        Callback::from(move |_| s.dispatch(Action::RemoveItem(i)))
    });
    html! {
        <fieldset class="item" id={format!("item-{i}")}>
            <legend>{format!("Item {}", i + 1)}</legend>
            <div class="grid">
                <div class={classes!("field", "wide", s.error_for(f(ItemField::Description)).is_some().then_some("invalid"))}>
                    <label for={dom_id(&f(ItemField::Description).path())}>{"Description"}</label>
                    <textarea id={dom_id(&f(ItemField::Description).path())} rows="2" value={item.description.clone()}
                        oninput={setter(s, f(ItemField::Description))} aria-describedby={described_by(s, f(ItemField::Description))} />
                    { error_line(s, f(ItemField::Description)) }
                </div>
                { select(s, f(ItemField::Class), "Is it on a control list?", &[("unknown", "I don't know yet"), ("not_listed", "Not listed"), ("listed", "Listed: I have the code")], None) }
                if listed {
                    { select(s, f(ItemField::Scheme), "Code scheme", &[("EU", "EU Annex I"), ("ECCN", "US ECCN"), ("UK", "UK control list"), ("JP", "Japan"), ("RU", "Russia")], None) }
                    { text_input(s, f(ItemField::Code), "Control-list code", Some(list_id.clone()), Some("e.g. 1C010.b")) }
                    <datalist id={list_id}>
                        { for suggestions.into_iter().map(|(c, t)| html! { <option value={c}>{t}</option> }) }
                    </datalist>
                }
                { text_input(s, f(ItemField::HsCode), "HS code", None, None) }
                { text_input(s, f(ItemField::Qty), "Quantity", None, None) }
                { text_input(s, f(ItemField::Value), "Value", None, None) }
                { text_input(s, f(ItemField::Currency), "Currency", None, Some("e.g. EUR")) }
                { text_input(s, f(ItemField::Origin), "Country of origin", Some("countries".into()), None) }
                <div class={classes!("field", "wide", s.error_for(f(ItemField::Parameters)).is_some().then_some("invalid"))}>
                    <label for={dom_id(&f(ItemField::Parameters).path())}>{"Technical parameters (one key = value per line)"}</label>
                    <textarea id={dom_id(&f(ItemField::Parameters).path())} rows="2" value={item.parameters.clone()}
                        placeholder="e.g. tensile_strength_mpa = 2050" oninput={setter(s, f(ItemField::Parameters))} />
                    { error_line(s, f(ItemField::Parameters)) }
                </div>
            </div>
            <details class="item-more" open={more_open}>
                <summary>{"Military list, chemicals, US content, sanctions categories"}</summary>
                <div class="grid">
                    { tri_select(s, f(ItemField::MilitaryList), "On a national military list?") }
                    { text_input(s, f(ItemField::SanctionsTags), "Sanctions goods categories (comma-separated)", None, Some("e.g. luxury, aviation_space")) }
                    { select(s, f(ItemField::CwcSchedule), "CWC schedule of the highest scheduled chemical", &[("1", "1"), ("2A", "2A"), ("2A*", "2A*"), ("2B", "2B"), ("3A", "3A"), ("3B", "3B")], Some("— none —")) }
                    { text_input(s, f(ItemField::CwcMaxPct), "Highest scheduled chemical in a mixture (% by weight)", None, None) }
                    { tri_select(s, f(ItemField::RetailPack), "Packed for retail sale for personal use?") }
                    { tri_select(s, f(ItemField::UsOrigin), "Is the item itself of US origin?") }
                    { text_input(s, f(ItemField::UsContentPct), "US-origin controlled content (% of value)", None, Some("blank: not calculated")) }
                    { text_input(s, f(ItemField::UsContentEccns), "ECCNs of the US-origin content (comma-separated)", None, None) }
                    { text_input(s, f(ItemField::UsDirectProductOf), "Direct product of US technology or software with ECCNs (comma-separated)", None, None) }
                    { text_input(s, f(ItemField::EccnEquivalent), "The item's own ECCN-equivalent classification", None, None) }
                </div>
            </details>
            if let Some(cb) = remove {
                <button type="button" class="secondary" onclick={cb}>{format!("Remove item {}", i + 1)}</button>
            }
        </fieldset>
    }
}

/// The datalist behind every country picker: `PK — Pakistan`, searchable by code or name.
/// A component without props, so Yew renders its 250 options once, not on every keystroke.
#[component]
pub fn CountryList() -> Html {
    html! {
        <datalist id="countries">
            { for catchall::catalog::all_countries().iter().map(|c| {
                let name = c.names.first().cloned().unwrap_or_default();
                html! { <option value={format!("{} — {}", c.iso2, name)} /> }
            }) }
        </datalist>
    }
}

/// Licence denials, revocations and "informed" letters the exporter knows of.
fn denials(s: &SessionHandle) -> Html {
    html! {
        <fieldset id="prior-denials">
            <legend>{"Licence denials, revocations and \u{201c}informed\u{201d} letters you know of"}</legend>
            { for s.draft.prior_denials.iter().enumerate().map(|(j, d)| {
                let f = |df| Field::Denial(j, df);
                let flag = |end_user: bool, on_now: bool, label: &str| {
                    let id = format!("f-due_diligence-prior_denials-{j}_-{}", if end_user { "same_end_user" } else { "same_items" });
                    let s = s.clone();
                    let onchange = Callback::from(move |e: Event| {
                        use wasm_bindgen::JsCast;
                        let on = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).is_some_and(|i| i.checked());
                        s.dispatch(Action::SetDenialFlag { index: j, end_user, on });
                    });
                    html! { <div class="check"><input type="checkbox" id={id.clone()} checked={on_now} {onchange} /><label for={id}>{label.to_string()}</label></div> }
                };
                html! {
                    <fieldset class="denial" id={format!("denial-{j}")}>
                        <legend>{format!("Denial {}", j + 1)}</legend>
                        <div class="grid">
                            { text_input(s, f(DenialField::Authority), "Authority", None, Some("EU:DE, US, GB, JP, RU or other:CN")) }
                            { select(s, f(DenialField::Kind), "Kind", &[("licence_denial", "Licence denial"), ("informed_requirement", "\u{201c}Informed\u{201d} requirement"), ("revocation", "Revocation")], Some("— choose —")) }
                            { text_input(s, f(DenialField::Date), "Date (YYYY-MM-DD)", None, None) }
                            { select(s, f(DenialField::Ground), "Ground", &[("wmd", "WMD"), ("military", "Military"), ("human_rights", "Human rights"), ("sanctions", "Sanctions"), ("other", "Other"), ("unknown", "Unknown")], Some("— not said —")) }
                            { select(s, f(DenialField::InForce), "Still in force?", &[("yes", "Yes"), ("no", "No")], Some("— not said (treated as in force) —")) }
                        </div>
                        { flag(false, d.same_items, "It concerned the same items") }
                        { flag(true, d.same_end_user, "It concerned the same end user") }
                        <button type="button" class="secondary" onclick={click(s, Action::RemoveDenial(j))}>{format!("Remove denial {}", j + 1)}</button>
                    </fieldset>
                }
            }) }
            <button type="button" class="secondary" id="add-denial" onclick={click(s, Action::AddDenial)}>{"Add a denial you know of"}</button>
        </fieldset>
    }
}

/// The temporary-export questions: asked for `activity = temporary_export`, or kept when a
/// reopened screening had them.
fn temporary(s: &SessionHandle) -> Html {
    let asked = s.draft.temporary_export.is_some();
    if !asked && s.draft.activity != "temporary_export" {
        return html! {};
    }
    if !asked {
        return html! {
            <button type="button" class="secondary" id="add-temporary" onclick={click(s, Action::SetTemporary(true))}>{"Answer the temporary-export questions"}</button>
        };
    }
    let f = Field::Temp;
    html! {
        <fieldset id="temporary-export">
            <legend>{"Temporary export (exhibition, demonstration, repair)"}</legend>
            <div class="grid">
                { select(s, f(TempField::Purpose), TempField::Purpose.label(), &[("exhibition_fair", "Exhibition or fair"), ("private_demo", "Private demonstration"), ("repair", "Repair"), ("other", "Other")], Some("— choose —")) }
                { text_input(s, f(TempField::ReimportDays), TempField::ReimportDays.label(), None, Some("e.g. 90")) }
                { for TempField::ALL.iter().skip(2).map(|&t| tri_select(s, f(t), t.label())) }
            </div>
            <button type="button" class="secondary" onclick={click(s, Action::SetTemporary(false))}>{"Remove the temporary-export answers"}</button>
        </fieldset>
    }
}

pub fn form_page(s: &SessionHandle) -> Html {
    let load_example = {
        let s = s.clone();
        Callback::from(move |_| {
            // The example is bundled and covered by tests; a failure here is a build defect
            // we still report instead of panicking.
            match catchall::parse_shipment(CHASHMA_2021) {
                Ok(sh) => s.dispatch(Action::Fill(Box::new(sh))),
                Err(e) => s.dispatch(Action::Notice(Some(format!("The bundled example could not be read: {e}")))),
            }
        })
    };
    let clear = {
        let s = s.clone();
        Callback::from(move |_| s.dispatch(Action::ClearForm))
    };
    let submit = {
        let s = s.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            run_screening(&s);
        })
    };
    let add_item = {
        let s = s.clone();
        Callback::from(move |_| s.dispatch(Action::AddItem))
    };
    let add_ic = {
        let s = s.clone();
        Callback::from(move |_| s.dispatch(Action::AddIntermediate))
    };
    let root_error = s.error.as_ref().filter(|e| e.field.is_empty()).map(|e| e.message.clone());
    let knowledge = Knowledge::ALL.iter().map(|&k| {
        let id = format!("f-due_diligence-{}", k.key());
        let checked = s.draft.knowledge.contains(&k);
        let s = s.clone();
        let onchange = Callback::from(move |e: Event| {
            use wasm_bindgen::JsCast;
            let on =
                e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).is_some_and(|i| i.checked());
            s.dispatch(Action::SetKnowledge(k, on));
        });
        html! {
            <div class="check">
                <input type="checkbox" id={id.clone()} {checked} {onchange} />
                <label for={id}>{k.question()}</label>
            </div>
        }
    });
    let flags = catalog::red_flags().iter().map(|flag| {
        let (code, text) = (flag.code.as_str(), flag.label.as_str());
        let id = format!("f-rf-{code}");
        let checked = s.draft.red_flags.iter().any(|c| c == code);
        let s = s.clone();
        let onchange = Callback::from(move |e: Event| {
            use wasm_bindgen::JsCast;
            let on =
                e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()).is_some_and(|i| i.checked());
            s.dispatch(Action::SetRedFlag(code.to_string(), on));
        });
        html! {
            <div class="check">
                <input type="checkbox" id={id.clone()} {checked} {onchange} />
                <label for={id}><span class="code">{code}</span>{" "}{text}</label>
            </div>
        }
    });
    let rf_error =
        s.error.as_ref().filter(|e| e.field.starts_with("due_diligence.red_flags")).map(|e| e.message.clone());

    html! {
        <section aria-labelledby="form-title" class="page form-page">
            <div class="page-head">
                <h2 id="form-title">{"Screen a shipment"}</h2>
                <div class="actions">
                    <button type="button" id="load-example" onclick={load_example}>{"Load example: Chashma 2021"}</button>
                    <button type="button" class="secondary" onclick={clear}>{"Clear form"}</button>
                </div>
            </div>
            <CountryList />
            <form id="shipment-form" onsubmit={submit} novalidate=true>
                <p id="form-error" class="form-error" tabindex="-1" role="alert">
                    { root_error.map(|m| html! { {format!("The shipment could not be read: {m}")} }).unwrap_or_default() }
                </p>
                <fieldset>
                    <legend>{"Whose law, which activity"}</legend>
                    <div class="grid">
                        { select(s, Field::Jurisdiction, "Jurisdiction (exporter's law)", &choices(&catalog::vocabulary().jurisdiction), None) }
                        { select(s, Field::Activity, "Activity", &choices(&catalog::vocabulary().activity), None) }
                    </div>
                </fieldset>
                { party_fieldset(s, Role::Exporter, None) }
                { temporary(s) }
                <h3>{"Parties"}</h3>
                { party_fieldset(s, Role::Purchaser, None) }
                { party_fieldset(s, Role::Consignee, None) }
                { for (0..s.draft.intermediates.len()).map(|i| {
                    let s2 = s.clone();
                    party_fieldset(s, Role::Intermediate(i), Some(Callback::from(move |_| s2.dispatch(Action::RemoveIntermediate(i)))))
                }) }
                <button type="button" class="secondary" onclick={add_ic}>{"Add intermediate consignee"}</button>
                { party_fieldset(s, Role::EndUser, None) }
                { party_fieldset(s, Role::Payer, None) }
                { party_fieldset(s, Role::Forwarder, None) }
                <h3>{"Items"}</h3>
                { for (0..s.draft.items.len()).map(|i| item_fieldset(s, i)) }
                <button type="button" class="secondary" onclick={add_item}>{"Add item"}</button>
                <fieldset>
                    <legend>{"End use"}</legend>
                    <div class="grid">
                        <div class="field wide">
                            <label for="f-stated_end_use">{"Stated end use (as the customer put it)"}</label>
                            <textarea id="f-stated_end_use" rows="2" value={s.draft.stated_end_use.clone()} oninput={setter(s, Field::StatedEndUse)} />
                            { error_line(s, Field::StatedEndUse) }
                        </div>
                        { select(s, Field::EndUseCategory, "End-use category", &choices(&catalog::vocabulary().end_use_category), Some("— not given —")) }
                        { select(s, Field::EndUserStatement, "Did the end user sign an end-use statement?", &[("yes", "Yes"), ("no", "No, or refused")], Some("— not asked yet —")) }
                        { tri_select(s, Field::NoRussiaClause, "Does the contract carry the \u{201c}no re-export to Russia\u{201d} clause?") }
                        { text_input(s, Field::KnownReexport, "Known final destinations beyond the consignee (comma-separated)", None, Some("e.g. IR, SY")) }
                        { tri_select(s, Field::CustomsFreeZone, "Is the consignee a customs free zone or free warehouse?") }
                    </div>
                </fieldset>
                { denials(s) }
                <fieldset>
                    <legend>{"What you know (catch-all questions)"}</legend>
                    <p class="hint">{"Tick only what is true. Knowledge or suspicion can make a licence necessary even for unlisted items."}</p>
                    { for knowledge }
                </fieldset>
                <fieldset class="red-flags">
                    <legend>{"Red flags you noticed"}</legend>
                    if let Some(m) = rf_error { <p class="field-error">{m}</p> }
                    <div class="checks">{ for flags }</div>
                </fieldset>
                <fieldset id="dates">
                    <legend>{"Dates and list provenance"}</legend>
                    <div class="grid">
                        { text_input(s, Field::ScreeningDate, "Screening date (YYYY-MM-DD)", None, Some("blank: the rules date")) }
                        { text_input(s, Field::RulesAsOf, "Rules as of (your note; the report states the engine's own date)", None, Some("YYYY-MM-DD")) }
                        { text_area(s, Field::ListSnapshots, "Lists used, one per line: list id = data date", Some("e.g. us_entity_list = 2026-11-01")) }
                    </div>
                </fieldset>
                <div class="submit-row">
                    if s.data == crate::state::DataStatus::Loading {
                        <button type="submit" id="screen-button" class="primary" disabled=true>{"Loading lists…"}</button>
                    } else {
                        <button type="submit" id="screen-button" class="primary">{"Screen shipment"}</button>
                    }
                </div>
            </form>
        </section>
    }
}
