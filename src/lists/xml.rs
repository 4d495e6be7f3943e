//! A minimal element tree over quick-xml, enough for the UN and eCFR list files:
//! elements, attributes and text (`<br/>` becomes a line break). Errors carry the line.

use super::text::line_of;
use super::ImportError;
use quick_xml::events::Event;
use quick_xml::Reader;

#[derive(Debug, Default)]
pub(crate) struct Node {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Child>,
    /// 1-based line of the start tag.
    pub line: usize,
}

#[derive(Debug)]
pub(crate) enum Child {
    Elem(Node),
    Text(String),
}

impl Node {
    /// All text below this element, `<br/>` as `\n`.
    pub fn text(&self) -> String {
        let mut s = String::new();
        self.collect_text(&mut s);
        s
    }
    fn collect_text(&self, out: &mut String) {
        for c in &self.children {
            match c {
                Child::Text(t) => out.push_str(t),
                Child::Elem(e) => e.collect_text(out),
            }
        }
    }
    pub fn elems(&self) -> impl Iterator<Item = &Node> {
        self.children.iter().filter_map(|c| match c {
            Child::Elem(e) => Some(e),
            Child::Text(_) => None,
        })
    }
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.elems().filter(move |e| e.name == name)
    }
    pub fn child(&self, name: &str) -> Option<&Node> {
        self.elems().find(|e| e.name == name)
    }
    /// Trimmed text of a direct child, empty if absent.
    pub fn child_text(&self, name: &str) -> String {
        self.child(name).map(|n| n.text().trim().to_string()).unwrap_or_default()
    }
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
    /// Depth-first visit of every element.
    pub fn walk<'a>(&'a self, f: &mut dyn FnMut(&'a Node)) {
        f(self);
        for e in self.elems() {
            e.walk(f);
        }
    }
}

fn named_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => "\u{a0}",
        _ => return None,
    })
}

fn attrs_of(e: &quick_xml::events::BytesStart<'_>) -> Vec<(String, String)> {
    e.attributes()
        .flatten()
        .map(|a| {
            let k = a.key.as_ref().to_string();
            let v = a.normalized_value(quick_xml::XmlVersion::Implicit1_0).map(|v| v.into_owned()).unwrap_or_default();
            (k, v)
        })
        .collect()
}

/// The deepest element nesting [`parse`] accepts. Official list files nest at most ~12 levels
/// (OFAC SDN_ADVANCED); a file nested deeper is refused with its line, so a hostile file cannot
/// grow the tree (and the recursive text/walk helpers) without bound.
pub(crate) const MAX_DEPTH: usize = 64;

/// Parses a whole document into its root element.
pub(crate) fn parse(file: &str, data: &[u8]) -> Result<Node, ImportError> {
    let text = std::str::from_utf8(data)
        .map_err(|e| ImportError::new(file, line_of(data, e.valid_up_to()), "not valid UTF-8 XML"))?;
    let mut reader = Reader::from_str(text);
    let mut stack: Vec<Node> = vec![Node { name: String::new(), ..Node::default() }];
    // Incremental line counting: (byte offset, line at that offset).
    let (mut pos, mut line) = (0usize, 1usize);
    let mut line_at = |off: usize| -> usize {
        let off = off.min(data.len());
        if off >= pos {
            line += data[pos..off].iter().filter(|&&b| b == b'\n').count();
            pos = off;
        }
        line
    };
    loop {
        let start = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let ev = reader.read_event().map_err(|e| {
            let at = usize::try_from(reader.error_position()).unwrap_or(0);
            ImportError::new(file, line_of(data, at), format!("malformed XML: {e}"))
        })?;
        let push_text = |stack: &mut Vec<Node>, t: &str| {
            if let Some(top) = stack.last_mut() {
                if let Some(Child::Text(prev)) = top.children.last_mut() {
                    prev.push_str(t);
                } else {
                    top.children.push(Child::Text(t.to_string()));
                }
            }
        };
        match ev {
            Event::Start(e) => {
                let name = e.name().as_ref().to_string();
                let attrs = attrs_of(&e);
                let line = line_at(start);
                if stack.len() > MAX_DEPTH {
                    return Err(ImportError::new(
                        file,
                        line,
                        format!("XML nested deeper than {MAX_DEPTH} elements (<{name}>): not a list file"),
                    ));
                }
                stack.push(Node { name, attrs, children: Vec::new(), line });
            }
            Event::Empty(e) => {
                let name = e.name().as_ref().to_string();
                if name.eq_ignore_ascii_case("br") {
                    push_text(&mut stack, "\n");
                } else if let Some(top) = stack.last_mut() {
                    top.children.push(Child::Elem(Node {
                        name,
                        attrs: attrs_of(&e),
                        line: line_at(start),
                        ..Node::default()
                    }));
                }
            }
            Event::End(_) => {
                let node = stack.pop();
                match (node, stack.last_mut()) {
                    (Some(n), Some(parent)) => parent.children.push(Child::Elem(n)),
                    _ => return Err(ImportError::new(file, line_at(start), "malformed XML: unbalanced end tag")),
                }
            }
            Event::Text(t) => push_text(&mut stack, &t.xml10_content()),
            Event::CData(t) => push_text(&mut stack, &t.into_inner()),
            Event::GeneralRef(r) => {
                let s = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => named_entity(&r).map(str::to_string).unwrap_or_default(),
                };
                push_text(&mut stack, &s);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if stack.len() > 1 {
        let open = stack.last().map(|n| n.name.clone()).unwrap_or_default();
        return Err(ImportError::new(
            file,
            line_of(data, data.len()),
            format!("truncated XML: the file ends inside <{open}> (incomplete download?)"),
        ));
    }
    let mut root = stack.pop().unwrap_or_default();
    let first = root.children.drain(..).find_map(|c| match c {
        Child::Elem(e) => Some(e),
        Child::Text(_) => None,
    });
    first.ok_or_else(|| ImportError::new(file, 1, "no XML element found"))
}
