//! Reading articles: bytes → decoded text → [`Document`] (title, dateline, publication date, body);
//! plain text, JSON, JSON lines and HTML ([`formats`]).

pub mod archive;
pub mod boilerplate;
pub mod decode;
pub mod document;
pub mod files;
pub mod formats;

pub use boilerplate::{Boilerplate, BoilerplateKind};
pub use decode::{decode, DecodeError, Decoded};
pub use document::{DateSource, Dateline, Document};
