//! Text handling shared by the index and the queries: folding, tokens, light stemming and
//! physical quantities with units (Hz, kHz, MPa, GPa, µm/um, l/s, mm, °C, …).
//!
//! Everything here is total: any `&str` gives a result, never a panic.

/// Folds one character: lower case, common Latin diacritics stripped, micro signs to `u`.
fn fold_char(c: char, out: &mut String) {
    match c {
        'µ' | 'μ' => out.push('u'),
        'ß' => out.push_str("ss"),
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => out.push('a'),
        'è' | 'é' | 'ê' | 'ë' | 'È' | 'É' | 'Ê' | 'Ë' => out.push('e'),
        'ì' | 'í' | 'î' | 'ï' | 'Ì' | 'Í' | 'Î' | 'Ï' => out.push('i'),
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => out.push('o'),
        'ù' | 'ú' | 'û' | 'ü' | 'Ù' | 'Ú' | 'Û' | 'Ü' => out.push('u'),
        'ç' | 'Ç' => out.push('c'),
        'ñ' | 'Ñ' => out.push('n'),
        'ё' | 'Ё' => out.push('е'),
        '³' => out.push('3'),
        '²' => out.push('2'),
        _ => out.extend(c.to_lowercase()),
    }
}

/// Lower-cased, diacritic-folded copy.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// Very light English stemmer: plural and a few spelling variants, so "pumps" = "pump",
/// "centrifuges" = "centrifuge", "batteries" = "battery". Non-ASCII words pass unchanged.
pub fn stem(w: &str) -> String {
    let n = w.len();
    if !w.is_ascii() || n <= 3 {
        return w.to_string();
    }
    let w = match w {
        // British/American spellings; the Annex is British.
        "center" => "centre",
        "centers" => "centres",
        "fiber" => "fibre",
        "fibers" => "fibres",
        "aluminum" => "aluminium",
        "meter" => "metre",
        "meters" => "metres",
        "liter" => "litre",
        "liters" => "litres",
        "sulfide" => "sulphide",
        "sulfur" => "sulphur",
        "analyzer" => "analyser",
        "analyzers" => "analysers",
        "vapor" => "vapour",
        "color" => "colour",
        "gray" => "grey",
        "modeling" => "modelling",
        _ => w,
    };
    let n = w.len();
    if let Some(b) = w.strip_suffix("ies") {
        if n > 4 {
            return format!("{b}y");
        }
    }
    for suf in ["sses", "xes", "ches", "shes"] {
        if let Some(b) = w.strip_suffix(suf) {
            return format!("{b}{}", &suf[..suf.len() - 2]);
        }
    }
    if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") && n > 3 {
        return w[..n - 1].to_string();
    }
    w.to_string()
}

/// Words that carry no meaning for classification (English function words and the
/// Annex's boilerplate).
pub fn is_stopword(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "the"
            | "and"
            | "or"
            | "of"
            | "for"
            | "to"
            | "in"
            | "on"
            | "with"
            | "by"
            | "as"
            | "at"
            | "from"
            | "than"
            | "that"
            | "this"
            | "these"
            | "those"
            | "is"
            | "are"
            | "be"
            | "being"
            | "been"
            | "it"
            | "its"
            | "not"
            | "no"
            | "any"
            | "all"
            | "other"
            | "such"
            | "which"
            | "their"
            | "therefor"
            | "therefore"
            | "follow"
            | "following"
            | "specified"
            | "specially"
            | "designed"
            | "modified"
            | "having"
            | "has"
            | "have"
            | "use"
            | "used"
            | "usable"
            | "item"
            | "equipment"
            | "system"
            | "component"
            | "including"
            | "include"
            | "e"
            | "g"
            | "eg"
            | "i"
            | "ie"
            | "also"
            | "see"
            | "note"
            | "technical"
            | "n"
            | "b"
            | "nb"
            | "more"
            | "less"
            | "equal"
            | "greater"
            | "but"
            | "we"
            | "our"
            | "you"
            | "your"
            | "please"
            | "quote"
            | "qty"
            | "pcs"
            | "pc"
            | "unit"
            | "type"
            | "model"
            | "new"
            | "used?"
            | "per"
            | "via"
            | "into"
            | "over"
            | "under"
            | "up"
            | "about"
            | "approx"
            | "ca"
            | "de"
            | "la"
            | "le"
            | "und"
            | "der"
            | "die"
            | "das"
            | "mit"
            | "fur"
            | "для"
            | "и"
            | "с"
    ) || is_unit_word(w)
}

/// Unit spellings as words ("mm", "hz"): they carry quantities, not meaning.
pub fn is_unit_word(w: &str) -> bool {
    matches!(
        w,
        "hz" | "khz"
            | "mhz"
            | "ghz"
            | "thz"
            | "pa"
            | "kpa"
            | "mpa"
            | "gpa"
            | "mbar"
            | "psi"
            | "torr"
            | "nm"
            | "um"
            | "mm"
            | "cm"
            | "km"
            | "kw"
            | "mw"
            | "gw"
            | "va"
            | "kva"
            | "kv"
            | "mv"
            | "ka"
            | "ma"
            | "kj"
            | "mj"
            | "m3"
            | "cm3"
            | "rpm"
            | "fps"
            | "ns"
            | "us"
            | "ms"
            | "kg"
            | "mg"
            | "gy"
            | "db"
            | "dbm"
    )
}

/// Splits folded text into word tokens (letters/digits), keeping their order. Tokens are
/// stemmed; stopwords and pure numbers are kept (callers decide) but marked.
pub fn words(folded: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in folded.chars() {
        if c.is_alphanumeric() {
            cur.push(c);
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// True for a token that is only digits.
pub fn is_number(w: &str) -> bool {
    !w.is_empty() && w.chars().all(|c| c.is_ascii_digit())
}

/// Content terms of a text: folded, split, stemmed, without stopwords, single letters or
/// pure numbers.
pub fn terms(s: &str) -> Vec<String> {
    words(&fold(s))
        .into_iter()
        .filter(|w| w.chars().count() > 1 && !is_number(w) && !is_stopword(w))
        .map(|w| stem(&w))
        .filter(|w| !is_stopword(w))
        .collect()
}

/// A physical dimension, with values held in a base unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dim {
    /// Hz
    Frequency,
    /// Pa
    Pressure,
    /// m
    Length,
    /// °C
    Temperature,
    /// W
    Power,
    /// VA
    ApparentPower,
    /// V
    Voltage,
    /// A
    Current,
    /// J
    Energy,
    /// m³
    Volume,
    /// m³/s
    Flow,
    /// rpm
    Rotation,
    /// m/s
    Speed,
    /// kg
    Mass,
    /// g/cm³
    Density,
    /// Gy
    Dose,
    /// frames per second
    FrameRate,
    /// s
    Time,
    /// %
    Percent,
    /// number of axes
    Axes,
    /// bits
    Bits,
}

impl Dim {
    pub fn parse(s: &str) -> Option<Dim> {
        Some(match s {
            "frequency" => Dim::Frequency,
            "pressure" => Dim::Pressure,
            "length" => Dim::Length,
            "temperature" => Dim::Temperature,
            "power" => Dim::Power,
            "apparent_power" => Dim::ApparentPower,
            "voltage" => Dim::Voltage,
            "current" => Dim::Current,
            "energy" => Dim::Energy,
            "volume" => Dim::Volume,
            "flow" => Dim::Flow,
            "rotation" => Dim::Rotation,
            "speed" => Dim::Speed,
            "mass" => Dim::Mass,
            "density" => Dim::Density,
            "dose" => Dim::Dose,
            "frame_rate" => Dim::FrameRate,
            "time" => Dim::Time,
            "percent" => Dim::Percent,
            "axes" => Dim::Axes,
            "bits" => Dim::Bits,
            _ => return None,
        })
    }

    /// The base unit, for explanations.
    pub fn unit(self) -> &'static str {
        match self {
            Dim::Frequency => "Hz",
            Dim::Pressure => "Pa",
            Dim::Length => "m",
            Dim::Temperature => "°C",
            Dim::Power => "W",
            Dim::ApparentPower => "VA",
            Dim::Voltage => "V",
            Dim::Current => "A",
            Dim::Energy => "J",
            Dim::Volume => "m3",
            Dim::Flow => "m3/s",
            Dim::Rotation => "rpm",
            Dim::Speed => "m/s",
            Dim::Mass => "kg",
            Dim::Density => "g/cm3",
            Dim::Dose => "Gy",
            Dim::FrameRate => "fps",
            Dim::Time => "s",
            Dim::Percent => "%",
            Dim::Axes => "axes",
            Dim::Bits => "bit",
        }
    }
}

/// How a threshold in the Annex compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmp {
    Ge,
    Gt,
    Le,
    Lt,
    /// No comparison words found.
    Unknown,
}

impl Cmp {
    pub fn parse(s: &str) -> Option<Cmp> {
        Some(match s {
            ">=" => Cmp::Ge,
            ">" => Cmp::Gt,
            "<=" => Cmp::Le,
            "<" => Cmp::Lt,
            _ => return None,
        })
    }
    pub fn holds(self, value: f64, threshold: f64) -> Option<bool> {
        // Relative tolerance for unit conversions (1 GPa vs 1000 MPa).
        let eps = threshold.abs() * 1e-9;
        match self {
            Cmp::Ge => Some(value >= threshold - eps),
            Cmp::Gt => Some(value > threshold + eps),
            Cmp::Le => Some(value <= threshold + eps),
            Cmp::Lt => Some(value < threshold - eps),
            Cmp::Unknown => None,
        }
    }
    pub fn symbol(self) -> &'static str {
        match self {
            Cmp::Ge => "≥",
            Cmp::Gt => ">",
            Cmp::Le => "≤",
            Cmp::Lt => "<",
            Cmp::Unknown => "~",
        }
    }
}

/// A number with a unit, converted to the dimension's base unit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Quantity {
    pub dim: Dim,
    pub value: f64,
    /// Comparison words around it (only meaningful in control text).
    pub cmp: Cmp,
    /// Byte offset of the number in the (cut) text.
    pub at: usize,
}

/// Unit table: (spelling as typed, case-sensitive; dimension; factor to the base unit).
/// Spellings are tried longest first. Lower-case variants of SI prefixes where the upper
/// case is the usual meaning for exporters ("mpa" = MPa) are listed explicitly.
const UNITS: &[(&str, Dim, f64)] = &[
    ("THz", Dim::Frequency, 1e12),
    ("GHz", Dim::Frequency, 1e9),
    ("MHz", Dim::Frequency, 1e6),
    ("kHz", Dim::Frequency, 1e3),
    ("KHz", Dim::Frequency, 1e3),
    ("Hz", Dim::Frequency, 1.0),
    ("ghz", Dim::Frequency, 1e9),
    ("mhz", Dim::Frequency, 1e6),
    ("khz", Dim::Frequency, 1e3),
    ("hz", Dim::Frequency, 1.0),
    ("GPa", Dim::Pressure, 1e9),
    ("MPa", Dim::Pressure, 1e6),
    ("kPa", Dim::Pressure, 1e3),
    ("mPa", Dim::Pressure, 1e-3),
    ("μPa", Dim::Pressure, 1e-6),
    ("µPa", Dim::Pressure, 1e-6),
    ("Pa", Dim::Pressure, 1.0),
    ("gpa", Dim::Pressure, 1e9),
    ("mpa", Dim::Pressure, 1e6),
    ("kpa", Dim::Pressure, 1e3),
    ("pa", Dim::Pressure, 1.0),
    ("mbar", Dim::Pressure, 100.0),
    ("bar", Dim::Pressure, 1e5),
    ("psi", Dim::Pressure, 6894.757),
    ("ksi", Dim::Pressure, 6894757.0),
    ("mTorr", Dim::Pressure, 0.133322),
    ("Torr", Dim::Pressure, 133.322),
    ("torr", Dim::Pressure, 133.322),
    ("N/mm2", Dim::Pressure, 1e6),
    ("N/mm²", Dim::Pressure, 1e6),
    ("nm", Dim::Length, 1e-9),
    ("μm", Dim::Length, 1e-6),
    ("µm", Dim::Length, 1e-6),
    ("um", Dim::Length, 1e-6),
    ("micron", Dim::Length, 1e-6),
    ("microns", Dim::Length, 1e-6),
    ("mm", Dim::Length, 1e-3),
    ("cm", Dim::Length, 1e-2),
    ("km", Dim::Length, 1e3),
    ("inch", Dim::Length, 0.0254),
    ("inches", Dim::Length, 0.0254),
    ("in.", Dim::Length, 0.0254),
    ("m", Dim::Length, 1.0),
    ("°C", Dim::Temperature, 1.0),
    ("°c", Dim::Temperature, 1.0),
    ("ºC", Dim::Temperature, 1.0),
    ("degC", Dim::Temperature, 1.0),
    ("deg C", Dim::Temperature, 1.0),
    ("degrees C", Dim::Temperature, 1.0),
    ("C", Dim::Temperature, 1.0),
    ("K", Dim::Temperature, f64::NAN), // kelvin, converted specially
    ("GW", Dim::Power, 1e9),
    ("MW", Dim::Power, 1e6),
    ("kW", Dim::Power, 1e3),
    ("kw", Dim::Power, 1e3),
    ("mW", Dim::Power, 1e-3),
    ("mw", Dim::Power, 1e-3),
    ("nW", Dim::Power, 1e-9),
    ("W", Dim::Power, 1.0),
    ("w", Dim::Power, 1.0),
    ("MVA", Dim::ApparentPower, 1e6),
    ("kVA", Dim::ApparentPower, 1e3),
    ("kva", Dim::ApparentPower, 1e3),
    ("VA", Dim::ApparentPower, 1.0),
    ("va", Dim::ApparentPower, 1.0),
    ("MV", Dim::Voltage, 1e6),
    ("kV", Dim::Voltage, 1e3),
    ("kv", Dim::Voltage, 1e3),
    ("mV", Dim::Voltage, 1e-3),
    ("V", Dim::Voltage, 1.0),
    ("v", Dim::Voltage, 1.0),
    ("kA", Dim::Current, 1e3),
    ("ka", Dim::Current, 1e3),
    ("mA", Dim::Current, 1e-3),
    ("A", Dim::Current, 1.0),
    ("amps", Dim::Current, 1.0),
    ("amp", Dim::Current, 1.0),
    ("MJ", Dim::Energy, 1e6),
    ("kJ", Dim::Energy, 1e3),
    ("kj", Dim::Energy, 1e3),
    ("mJ", Dim::Energy, 1e-3),
    ("J", Dim::Energy, 1.0),
    ("m3/s", Dim::Flow, 1.0),
    ("m³/s", Dim::Flow, 1.0),
    ("m3/h", Dim::Flow, 1.0 / 3600.0),
    ("m³/h", Dim::Flow, 1.0 / 3600.0),
    ("m3/min", Dim::Flow, 1.0 / 60.0),
    ("l/s", Dim::Flow, 1e-3),
    ("L/s", Dim::Flow, 1e-3),
    ("l/min", Dim::Flow, 1e-3 / 60.0),
    ("L/min", Dim::Flow, 1e-3 / 60.0),
    ("l/h", Dim::Flow, 1e-3 / 3600.0),
    ("L/h", Dim::Flow, 1e-3 / 3600.0),
    ("m3", Dim::Volume, 1.0),
    ("m³", Dim::Volume, 1.0),
    ("cm3", Dim::Volume, 1e-6),
    ("cm³", Dim::Volume, 1e-6),
    ("litres", Dim::Volume, 1e-3),
    ("litre", Dim::Volume, 1e-3),
    ("liters", Dim::Volume, 1e-3),
    ("liter", Dim::Volume, 1e-3),
    ("ml", Dim::Volume, 1e-6),
    ("mL", Dim::Volume, 1e-6),
    ("l", Dim::Volume, 1e-3),
    ("L", Dim::Volume, 1e-3),
    ("rpm", Dim::Rotation, 1.0),
    ("RPM", Dim::Rotation, 1.0),
    ("rev/min", Dim::Rotation, 1.0),
    ("km/s", Dim::Speed, 1e3),
    ("m/s", Dim::Speed, 1.0),
    ("mm/μs", Dim::Speed, 1e3),
    ("mm/µs", Dim::Speed, 1e3),
    ("mm/us", Dim::Speed, 1e3),
    ("g/cm3", Dim::Density, 1.0),
    ("g/cm³", Dim::Density, 1.0),
    ("kg", Dim::Mass, 1.0),
    ("mg", Dim::Mass, 1e-6),
    ("g", Dim::Mass, 1e-3),
    ("Gy(Si)", Dim::Dose, 1.0),
    ("Gy (Si)", Dim::Dose, 1.0),
    ("Gy", Dim::Dose, 1.0),
    ("gy", Dim::Dose, 1.0),
    ("rad(Si)", Dim::Dose, 0.01),
    ("fps", Dim::FrameRate, 1.0),
    ("frames/s", Dim::FrameRate, 1.0),
    ("frames per second", Dim::FrameRate, 1.0),
    ("ns", Dim::Time, 1e-9),
    ("μs", Dim::Time, 1e-6),
    ("µs", Dim::Time, 1e-6),
    ("us", Dim::Time, 1e-6),
    ("ms", Dim::Time, 1e-3),
    ("hours", Dim::Time, 3600.0),
    ("hour", Dim::Time, 3600.0),
    ("h", Dim::Time, 3600.0),
    ("s", Dim::Time, 1.0),
    ("%", Dim::Percent, 1.0),
    ("percent", Dim::Percent, 1.0),
    ("-axis", Dim::Axes, 1.0),
    (" axis", Dim::Axes, 1.0),
    ("-axes", Dim::Axes, 1.0),
    (" axes", Dim::Axes, 1.0),
    ("-bit", Dim::Bits, 1.0),
    (" bit", Dim::Bits, 1.0),
    (" bits", Dim::Bits, 1.0),
];

/// Parses a number at the start of `s` (after the caller skipped to a digit). Accepts
/// `1.5`, `0,2` (EU decimal comma), `20 000` / `1,000` (thousands groups), and a
/// `× 10^4` / `x10⁴` / `e4` exponent. Returns the value and the bytes consumed.
fn parse_number(s: &str) -> Option<(f64, usize)> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut digits = String::new();
    while i < b.len() && b[i].is_ascii_digit() {
        digits.push(b[i] as char);
        i += 1;
    }
    if digits.is_empty() {
        return None;
    }
    // Thousands groups: "20 000", "1,000", "1 000 000" (exactly three digits, then not a
    // digit), only after a lead of at most three digits.
    let lead = digits.len();
    loop {
        if i + 4 <= b.len()
            && (b[i] == b' ' || b[i] == b',' || s[i..].starts_with('\u{a0}'))
            && b.get(i + 1..i + 4).is_some_and(|g| g.iter().all(u8::is_ascii_digit))
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
            && lead <= 3
            && !(b[i] == b',' && digits == "0")
        {
            // Do not treat "0,200" as thousands; do treat "12 500".
            digits.push_str(&s[i + 1..i + 4]);
            i += 4;
            if digits.len() > 12 {
                break;
            }
        } else {
            break;
        }
    }
    // Decimal part.
    if i + 1 < b.len() && (b[i] == b'.' || b[i] == b',') && b[i + 1].is_ascii_digit() {
        digits.push('.');
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            digits.push(b[i] as char);
            i += 1;
        }
    }
    let mut value: f64 = digits.parse().ok()?;
    // Exponent: " × 10^4", "x10⁴", "E4", "e-3".
    let rest = &s[i..];
    let trimmed = rest.trim_start();
    let skipped = rest.len() - trimmed.len();
    for times in ["×", "x", "*"] {
        if let Some(r) = trimmed.strip_prefix(times) {
            let r2 = r.trim_start();
            if let Some(r3) = r2.strip_prefix("10") {
                let (exp, used) = parse_exponent(r3);
                if used > 0 {
                    value *= 10f64.powi(exp);
                    let consumed = s.len() - r3.len() + used;
                    return Some((value, consumed));
                }
            }
        }
    }
    if skipped == 0 {
        if let Some(r) = rest.strip_prefix('e').or_else(|| rest.strip_prefix('E')) {
            let (exp, used) = parse_plain_exponent(r);
            if used > 0 {
                return Some((value * 10f64.powi(exp), i + 1 + used));
            }
        }
    }
    Some((value, i))
}

fn parse_plain_exponent(r: &str) -> (i32, usize) {
    let b = r.as_bytes();
    let mut j = 0;
    let neg = b.first() == Some(&b'-');
    if neg || b.first() == Some(&b'+') {
        j = 1;
    }
    let start = j;
    while j < b.len() && b[j].is_ascii_digit() && j - start < 3 {
        j += 1;
    }
    if j == start {
        return (0, 0);
    }
    let e: i32 = r[start..j].parse().unwrap_or(0);
    (if neg { -e } else { e }, j)
}

fn parse_exponent(r: &str) -> (i32, usize) {
    if let Some(r2) = r.strip_prefix('^') {
        let (e, used) = parse_plain_exponent(r2);
        return if used > 0 { (e, used + 1) } else { (0, 0) };
    }
    // Superscript digits.
    let mut e = 0i32;
    let mut neg = false;
    let mut used = 0usize;
    for c in r.chars() {
        let d = match c {
            '⁰' => 0,
            '¹' => 1,
            '²' => 2,
            '³' => 3,
            '⁴' => 4,
            '⁵' => 5,
            '⁶' => 6,
            '⁷' => 7,
            '⁸' => 8,
            '⁹' => 9,
            '⁻' if used == 0 => {
                neg = true;
                used += c.len_utf8();
                continue;
            }
            _ => break,
        };
        e = e.saturating_mul(10).saturating_add(d);
        used += c.len_utf8();
    }
    if e == 0 && !r.starts_with('⁰') {
        return (0, 0);
    }
    (if neg { -e } else { e.min(300) }, used)
}

/// Reads the unit right after a number (one optional space allowed).
fn parse_unit(rest: &str) -> Option<(Dim, f64, usize)> {
    let trimmed = rest.strip_prefix(' ').or_else(|| rest.strip_prefix('\u{a0}')).unwrap_or(rest);
    let skip = rest.len() - trimmed.len();
    let mut best: Option<(Dim, f64, usize)> = None;
    for &(u, dim, f) in UNITS {
        let (cand, extra) = if u.starts_with(' ') || u.starts_with('-') {
            // Units that carry their own separator are matched against `rest`.
            (rest, 0)
        } else {
            (trimmed, skip)
        };
        if let Some(after) = cand.strip_prefix(u) {
            // The unit must end at a word boundary ("m" must not eat "mm", "s" not "sec").
            let boundary =
                after.chars().next().is_none_or(|c| !c.is_alphanumeric()) || u.ends_with('.') || u.ends_with(')');
            // Avoid "5 A" where A is an article in running text, and "C" starting a word.
            if !boundary {
                continue;
            }
            let len = u.len() + extra;
            if best.is_none_or(|b| len > b.2) {
                best = Some((dim, f, len));
            }
        }
    }
    best
}

/// Finds the comparison words around a quantity in control text.
fn comparison(before: &str, after: &str) -> Cmp {
    let after = after.trim_start().to_ascii_lowercase();
    let before = before.to_ascii_lowercase();
    let b = before.trim_end();
    if after.starts_with("or more")
        || after.starts_with("or greater")
        || after.starts_with("or higher")
        || after.starts_with("or above")
        || after.starts_with("or longer")
        || after.starts_with("or over")
    {
        return Cmp::Ge;
    }
    if after.starts_with("or less")
        || after.starts_with("or lower")
        || after.starts_with("or below")
        || after.starts_with("or smaller")
        || after.starts_with("or shorter")
        || after.starts_with("or better")
    {
        return Cmp::Le;
    }
    let ends = |ws: &[&str]| ws.iter().any(|w| b.ends_with(w));
    if ends(&[
        "equal to or greater than",
        "equal to or more than",
        "equal to or exceeding",
        "at least",
        "not less than",
        "minimum of",
        "≥",
    ]) {
        return Cmp::Ge;
    }
    if ends(&[
        "equal to or less than",
        "equal to or smaller than",
        "not more than",
        "not exceeding",
        "maximum of",
        "up to",
        "≤",
        "within",
    ]) {
        return Cmp::Le;
    }
    if ends(&[
        "more than",
        "greater than",
        "exceeding",
        "in excess of",
        "higher than",
        "above",
        "over",
        "larger than",
        ">",
    ]) {
        return Cmp::Gt;
    }
    if ends(&["less than", "smaller than", "lower than", "below", "under", "better than", "<", "faster than"]) {
        return Cmp::Lt;
    }
    Cmp::Unknown
}

/// All quantities in a text, in order. Kelvin is converted to °C; "5-axis" becomes 5 axes.
/// Input longer than `max_len` bytes is cut (at a char boundary) first.
pub fn quantities(s: &str, max_len: usize) -> Vec<Quantity> {
    let mut end = s.len().min(max_len);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    let s = &s[..end];
    let mut out = Vec::new();
    let mut i = 0;
    let bytes = s.as_bytes();
    while i < bytes.len() {
        let c = bytes[i];
        let prev_ok = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'.');
        if c.is_ascii_digit() && prev_ok {
            if let Some((v, used)) = parse_number(&s[i..]) {
                let j = i + used;
                if let Some((dim, f, ulen)) = parse_unit(&s[j..]) {
                    let value = if f.is_nan() { v - 273.15 } else { v * f };
                    let cmp = comparison(&s[..i], &s[(j + ulen).min(s.len())..]);
                    out.push(Quantity { dim, value, cmp, at: i });
                    i = j + ulen;
                    continue;
                }
                i = j.max(i + 1);
                continue;
            }
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Vec<(Dim, f64)> {
        quantities(s, 10_000).into_iter().map(|q| (q.dim, q.value)).collect()
    }

    #[test]
    fn units_are_recognised_and_converted() {
        let cases: &[(&str, Dim, f64)] = &[
            ("frequency inverter 800 Hz", Dim::Frequency, 800.0),
            ("output 1.5 kHz", Dim::Frequency, 1500.0),
            ("1,2 kHz", Dim::Frequency, 1200.0),
            ("UTS 570 MPa", Dim::Pressure, 570e6),
            ("uts 570mpa", Dim::Pressure, 570e6),
            ("1.95 GPa", Dim::Pressure, 1.95e9),
            ("ultimate vacuum 13 mPa", Dim::Pressure, 13e-3),
            ("repeatability 0.9 µm", Dim::Length, 0.9e-6),
            ("repeatability 0.9 um", Dim::Length, 0.9e-6),
            ("repeatability 0,9 μm", Dim::Length, 0.9e-6),
            ("pumping speed 2000 l/s", Dim::Flow, 2.0),
            ("15 m3/s", Dim::Flow, 15.0),
            ("diameter 100 mm", Dim::Length, 0.1),
            ("furnace 1 200 °C", Dim::Temperature, 1200.0),
            ("293 K", Dim::Temperature, 19.85),
            ("5×10⁴ Gy(Si)", Dim::Dose, 5e4),
            ("5x10^3 Gy", Dim::Dose, 5e3),
            ("5-axis machining centre", Dim::Axes, 5.0),
            ("225 000 fps", Dim::FrameRate, 225000.0),
            ("1 000 000 fps", Dim::FrameRate, 1e6),
            ("1,000,000 fps", Dim::FrameRate, 1e6),
            ("40 VA", Dim::ApparentPower, 40.0),
            ("fermenter 50 litres", Dim::Volume, 0.05),
            ("500 A", Dim::Current, 500.0),
            ("20 kV", Dim::Voltage, 20000.0),
        ];
        for (s, dim, v) in cases {
            let got = q(s);
            assert_eq!(got.len(), 1, "{s}: {got:?}");
            assert_eq!(got[0].0, *dim, "{s}");
            assert!((got[0].1 - v).abs() <= v.abs() * 1e-6 + 1e-9, "{s}: {} vs {v}", got[0].1);
        }
    }

    #[test]
    fn comparisons_in_control_text() {
        let c = |s: &str| quantities(s, 10_000)[0].cmp;
        assert_eq!(c("Operating at a frequency of 600 Hz or more; and"), Cmp::Ge);
        assert_eq!(c("an outside diameter of more than 75 mm;"), Cmp::Gt);
        assert_eq!(c("Input throat size equal to or greater than 380 mm;"), Cmp::Ge);
        assert_eq!(c("ultimate vacuum better than 13 mPa"), Cmp::Lt);
        assert_eq!(c("Frequency control better (less) than 0,2 %."), Cmp::Unknown);
    }

    #[test]
    fn no_panic_on_odd_input() {
        for s in [
            "",
            "1",
            "1e",
            "1e-",
            "5×",
            "5 × 10^",
            "10⁻",
            "µ",
            "1,",
            "1 00",
            "9".repeat(400).as_str(),
            "1 ×10⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹⁹",
            "°",
            "1 °",
            "ё1 Гц",
            "1\u{a0}000 Hz",
        ] {
            let _ = quantities(s, 10_000);
            let _ = terms(s);
        }
    }

    #[test]
    fn stemming() {
        assert_eq!(stem("pumps"), "pump");
        assert_eq!(stem("batteries"), "battery");
        assert_eq!(stem("fibers"), "fibre");
        assert_eq!(stem("gas"), "gas");
        assert_eq!(stem("apparatus"), "apparatus");
        assert_eq!(stem("analysis"), "analysis");
        assert_eq!(stem("switches"), "switch");
    }
}
