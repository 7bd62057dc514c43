//! Output files written whole or not at all: into a temporary file beside the target, synced,
//! and renamed over it only once complete. A failure (a full disk, a bad value) leaves no
//! truncated file, and whatever was at the path before stays as it was.

use crate::{Result, StoreError};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use tempfile::NamedTempFile;

fn output_error(path: &Path, what: impl std::fmt::Display) -> StoreError {
    StoreError::Output {
        path: path.display().to_string(),
        what: what.to_string(),
    }
}

/// A temporary file in `path`'s folder, named like it (same extension).
fn temporary_beside(path: &Path) -> Result<NamedTempFile> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let suffix = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    tempfile::Builder::new()
        .prefix(".dyad-")
        .suffix(&suffix)
        .tempfile_in(dir)
        .map_err(|e| {
            // the OS error alone: tempfile's own text adds the temporary file's random name
            let why = match e.kind() {
                std::io::ErrorKind::NotFound => "no such folder".to_string(),
                std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
                _ => std::io::Error::from(e.kind()).to_string(),
            };
            output_error(path, format!("cannot write a file in {}: {why}", dir.display()))
        })
}

/// Moves a complete temporary file over `path`, after syncing it to disk.
fn put_in_place(tmp: NamedTempFile, path: &Path) -> Result<()> {
    tmp.as_file().sync_all().map_err(|e| output_error(path, e))?;
    tmp.persist(path).map_err(|e| output_error(path, e.error))?;
    Ok(())
}

/// Writes the file `path` through `write` (a buffered writer), whole or not at all.
pub fn write_file<T>(path: &Path, write: impl FnOnce(&mut BufWriter<&File>) -> Result<T>) -> Result<T> {
    let tmp = temporary_beside(path)?;
    let out = {
        let mut w = BufWriter::new(tmp.as_file());
        let out = write(&mut w)?;
        w.flush().map_err(|e| output_error(path, e))?;
        out
    };
    put_in_place(tmp, path)?;
    Ok(out)
}

/// Has `write` write the file at the path it is given (a temporary one, with `path`'s
/// extension), then puts it at `path`: whole or not at all.
pub fn write_path<T>(path: &Path, write: impl FnOnce(&Path) -> Result<T>) -> Result<T> {
    let tmp = temporary_beside(path)?;
    let out = write(tmp.path())?;
    put_in_place(tmp, path)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_the_earlier_file_and_no_other() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        std::fs::write(&path, "earlier\n").unwrap();
        let r: Result<()> = write_file(&path, |w| {
            writeln!(w, "half of it")?;
            Err(StoreError::Invalid("fails midway".into()))
        });
        assert!(r.is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "earlier\n");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left"
        );
        write_file(&path, |w| Ok(writeln!(w, "whole")?)).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "whole\n");
        let ext = write_path(&dir.path().join("chart.svg"), |p| {
            std::fs::write(p, "<svg/>")?;
            Ok(p.extension().unwrap().to_string_lossy().into_owned())
        })
        .unwrap();
        assert_eq!(ext, "svg");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }
}
