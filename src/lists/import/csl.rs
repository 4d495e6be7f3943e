//! TODO
use crate::lists::{ImportError, Imported};
pub fn import_csv(file: &str, _data: &[u8]) -> Result<Vec<Imported>, ImportError> { Err(ImportError::new(file, 0, "CSL CSV import not implemented yet")) }
pub fn import_json(file: &str, _data: &[u8]) -> Result<Vec<Imported>, ImportError> { Err(ImportError::new(file, 0, "CSL JSON import not implemented yet")) }
