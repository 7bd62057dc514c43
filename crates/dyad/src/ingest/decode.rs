//! Byte decoding. (Placeholder: being replaced by the full decoder.)

use thiserror::Error;

/// Text decoded from an input's bytes, with any warnings raised on the way.
#[derive(Clone, Debug)]
pub struct Decoded {
    /// The text: UTF-8, BOM removed, line ends normalised to `\n`.
    pub text: String,
    /// Warnings (for example invalid bytes replaced under `lossy`).
    pub warnings: Vec<String>,
}

/// Why an input could not be decoded.
#[derive(Debug, Error)]
pub enum DecodeError {
    /// The input is not valid UTF-8.
    #[error("{name}: invalid UTF-8 at byte {offset} (use --lossy to replace invalid bytes)")]
    InvalidUtf8 {
        /// The input's name.
        name: String,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
}

/// Decodes `bytes` read from the input called `name`.
pub fn decode(bytes: &[u8], name: &str, lossy: bool) -> Result<Decoded, DecodeError> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Decoded {
            text: s.replace("\r\n", "\n"),
            warnings: vec![],
        }),
        Err(e) if lossy => Ok(Decoded {
            text: String::from_utf8_lossy(bytes).replace("\r\n", "\n"),
            warnings: vec![format!("{name}: invalid UTF-8 at byte {}", e.valid_up_to())],
        }),
        Err(e) => Err(DecodeError::InvalidUtf8 {
            name: name.to_string(),
            offset: e.valid_up_to(),
        }),
    }
}
