//! The article readers: the same bytes read as a `.json` article, a `.jsonl` file (one article
//! per line), an `.html` page and a plain-text file, each into `Document`s.
#![no_main]

use dyad::ingest::files::{self, Identity};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for name in ["fuzz.json", "fuzz.jsonl", "fuzz.html", "fuzz.txt"] {
        for loaded in files::parse_all(name, data, true, None).into_iter().flatten() {
            let doc = &loaded.doc;
            assert!(doc.body.end <= doc.text.len(), "{name}: body outside the text");
            // an article's store key never depends on where it stands in its input
            if let Identity::Own { id, .. } = &loaded.identity {
                assert!(id.starts_with("id:") || id.starts_with("url:"));
            }
            let _ = loaded.identity.key("0");
        }
    }
});
