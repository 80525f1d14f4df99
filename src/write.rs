//! Writing files safely: the text goes to a temporary file in the target's
//! folder, is flushed to disk, and is then renamed into place — so a reader
//! never sees a half-written draft or page. Used by `relkit lint --fix`,
//! `relkit build`, `relkit new` and `relkit templates export`.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::Path;
use tempfile::NamedTempFile;

/// Replace `path` (or create it) with `text`, keeping the permissions of the
/// file being replaced.
pub fn replace(path: &Path, text: &str) -> Result<()> {
    replace_all(&[(path, text.as_bytes())])
}

/// Replace (or create) several files together: every one is written to a
/// temporary file and flushed first, and only then are they renamed into
/// place, so a failure while writing leaves none of them changed.
pub fn replace_all(files: &[(&Path, &[u8])]) -> Result<()> {
    let staged: Vec<NamedTempFile> = files
        .iter()
        .map(|(path, bytes)| staged(path, bytes))
        .collect::<Result<_>>()?;
    for (temp, (path, _)) in staged.into_iter().zip(files) {
        temp.persist(path)
            .map_err(|e| write_error(path, &e.error))?;
    }
    Ok(())
}

/// Replace (or create) `path` with `bytes` and give it the Unix permission
/// bits `mode` (such as `0o755` for a Git hook); elsewhere the mode is not
/// changed.
pub fn replace_with_mode(path: &Path, bytes: &[u8], mode: u32) -> Result<()> {
    let temp = staged(path, bytes)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(temp.path(), std::fs::Permissions::from_mode(mode))
            .map_err(|e| write_error(path, &e))?;
    }
    #[cfg(not(unix))]
    let _ = mode;
    temp.persist(path)
        .map_err(|e| write_error(path, &e.error))?;
    Ok(())
}

/// Create `path` with `text`, refusing to replace an existing file.
pub fn create_new(path: &Path, text: &str) -> Result<()> {
    if path.exists() {
        return Err(Error::Exists {
            path: path.to_path_buf(),
        });
    }
    let temp = staged(path, text.as_bytes())?;
    temp.persist_noclobber(path).map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            Error::Exists {
                path: path.to_path_buf(),
            }
        } else {
            write_error(path, &e.error)
        }
    })?;
    Ok(())
}

/// The text written to a temporary file beside `path`, flushed to disk.
fn staged(path: &Path, bytes: &[u8]) -> Result<NamedTempFile> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !folder.is_dir() {
        return Err(Error::NoFolder {
            path: folder.to_path_buf(),
        });
    }
    let mut temp = NamedTempFile::new_in(folder).map_err(|e| write_error(path, &e))?;
    temp.write_all(bytes)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|e| write_error(path, &e))?;
    match std::fs::metadata(path) {
        // Keep the permissions of the file being replaced.
        Ok(metadata) => {
            let _ = std::fs::set_permissions(temp.path(), metadata.permissions());
        }
        // A new file is readable by all, like one written by any editor
        // (temporary files start private).
        Err(_) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let _ =
                    std::fs::set_permissions(temp.path(), std::fs::Permissions::from_mode(0o644));
            }
        }
    }
    Ok(temp)
}

/// tempfile's errors name its temporary file, which means nothing to the
/// writer: keep only the reason.
fn write_error(path: &Path, source: &std::io::Error) -> Error {
    Error::Write {
        path: path.to_path_buf(),
        source: std::io::Error::from(source.kind()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replacing_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.md");
        std::fs::write(&path, "old").unwrap();
        replace(&path, "new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn creating_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.md");
        create_new(&path, "one").unwrap();
        assert!(matches!(
            create_new(&path, "two"),
            Err(Error::Exists { .. })
        ));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "one");
        assert!(matches!(
            create_new(&dir.path().join("no/d.md"), "x"),
            Err(Error::NoFolder { .. })
        ));
    }
}
