//! Control-list classification search: from an exporter's own words to the Annex I entry
//! (issue 5).
