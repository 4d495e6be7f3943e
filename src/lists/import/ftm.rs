//! TODO
use crate::lists::{ImportError, Imported};
pub fn import(file: &str, _data: &[u8]) -> Result<Imported, ImportError> { Err(ImportError::new(file, 0, "FtM import not implemented yet")) }
