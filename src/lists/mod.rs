//! Restricted-party and sanctions lists: importers for every official format and the
//! compact bundled form (issue 4). The list data model lives in `crate::screening`.
