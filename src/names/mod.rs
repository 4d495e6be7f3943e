//! Name normalisation, scoring and the indexed matcher behind `PartyScreener` (issue 4).
