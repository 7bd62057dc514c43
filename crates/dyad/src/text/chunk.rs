//! Noun-phrase chunks.
