//! Reading articles: bytes → decoded text → [`Document`] (title, dateline, publication date, body).

pub mod decode;
pub mod document;
pub mod files;

pub use decode::{decode, DecodeError, Decoded};
pub use document::{DateSource, Dateline, Document};
