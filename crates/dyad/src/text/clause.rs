//! Clauses.
