//! Restricted-party and sanctions lists: importers for every official format and the
//! compact bundled form (issue 4). The list data model lives in `crate::screening`.

use crate::screening::{Entry, ListMeta};
use serde::{Deserialize, Serialize};

/// One loaded list: its provenance and its entries.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct List {
    pub meta: ListMeta,
    pub entries: Vec<Entry>,
}
