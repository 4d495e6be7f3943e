//! TODO
use super::SourceFile;
use crate::lists::{ImportError, Imported};
#[derive(Clone, Copy, Debug, Default)]
pub struct UkSet<'a> { pub subjects: Option<SourceFile<'a>>, pub names: Option<SourceFile<'a>>, pub dobs: Option<SourceFile<'a>>, pub countries: Option<SourceFile<'a>>, pub identifiers: Option<SourceFile<'a>> }
impl UkSet<'_> { pub fn any(&self) -> bool { self.subjects.is_some() || self.names.is_some() || self.dobs.is_some() || self.countries.is_some() || self.identifiers.is_some() } }
pub fn import(_s: &UkSet<'_>) -> Result<Imported, ImportError> { Err(ImportError::new("uk", 0, "UK import not implemented yet")) }
