//! Shared by the API and browser tests: a temporary store of `tests/story/`.

use dyad_store::{IngestOptions, Store};
use std::path::{Path, PathBuf};

/// The repository's root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A fresh folder under the system's temporary folder, removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("dyad-server-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A store at `dir/story.db` holding the 34 articles of `tests/story/articles`.
pub fn story_store(dir: &Path) -> PathBuf {
    let db = dir.join("story.db");
    let mut store = Store::open(&db).unwrap();
    let (files, errors) = dyad_store::ingest::expand(&[root().join("tests/story/articles")]);
    assert!(errors.is_empty(), "{errors:?}");
    let sum = dyad_store::ingest(&mut store, &files, &IngestOptions::default(), &mut |_| {}).unwrap();
    assert_eq!(sum.stored, 34);
    db
}

/// A token for tests.
pub const TOKEN: &str = "test-token-0123456789abcdef";

/// An article with markup meant to run in a page: it must be shown as text.
pub const HOSTILE: &str = "Greece summoned the Turkish ambassador <script>window.__dyad_pwned = 1</script> on Monday \
over flights near Leros <img src=x onerror=\"window.__dyad_pwned = 2\">, the foreign ministry said.";
