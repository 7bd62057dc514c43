//! dyad: code international news into CAMEO event data, from raw text.
//!
//! The pipeline, one stage per module:
//! [`ingest`] (bytes → [`ingest::Document`]) → [`text`] (sentences, tokens, tags, chunks, clauses)
//! → [`kb`] (actors from the knowledge base) → [`coder`] (CAMEO events) → [`event`] (output records),
//! with [`ontology`] holding the CAMEO taxonomy used by the coder and the output alike.
#![warn(missing_docs)]

pub mod coder;
pub mod eval;
pub mod event;
pub mod ingest;
pub mod kb;
pub mod ontology;
pub mod text;
