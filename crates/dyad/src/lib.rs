//! dyad: code international news into CAMEO event data, from raw text.
//!
//! The pipeline, one stage per module:
//! [`ingest`] (bytes → [`ingest::Document`]) → [`text`] (sentences, tokens, tags, chunks, clauses)
//! → [`kb`] (names from the knowledge base) → [`analysis`] (a document read once: all of the
//! above per sentence, plus its dates) → [`coder`] (actors and CAMEO events) → [`event`] (output
//! records, each placed by [`geo`]), with [`ontology`] holding the CAMEO taxonomy used by the coder and the output
//! alike, and [`data`] the one reader of dyad's data files.
#![warn(missing_docs)]

pub mod analysis;
pub mod coder;
pub mod data;
pub mod eval;
pub mod event;
pub mod geo;
pub mod ingest;
pub mod kb;
pub mod ontology;
pub mod text;
