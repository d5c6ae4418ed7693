//! The reference interpreter, CPython 3.13.0, and its standard library: the corpus.
//!
//! The interpreter is `$PYRS_REFERENCE` when that is set, else pyenv's 3.13.0
//! (`$(pyenv prefix 3.13.0)/bin/python3.13`). Whichever it is must report version 3.13.0 exactly.
//! The corpus is every `.py` file under its standard library directory (`lib/python3.13`),
//! `site-packages/` excluded, in sorted order.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};

/// The version every measurement is made against.
const VERSION: (u32, u32, u32) = (3, 13, 0);

/// What to do when no suitable reference is found.
const HOW_TO_INSTALL: &str = "pyrs is measured against CPython 3.13.0: install it with \
`pyenv install 3.13.0`, or set PYRS_REFERENCE to the path of a python3.13 binary of version 3.13.0";

/// Asks the interpreter for its version, its standard library directory and its full version text.
const PROBE: &str = "import sys, sysconfig
print(*sys.version_info[:3])
print(sysconfig.get_path('stdlib'))
print(sys.version.replace('\\n', ' '))";

/// Flags given to the reference in every run: isolated mode (no `PYTHON*` variables, no user
/// site, no current directory on `sys.path`) and UTF-8 mode, so its output does not depend on
/// the environment it happens to run in.
const FLAGS: [&str; 3] = ["-I", "-X", "utf8"];

/// A reference interpreter that has been checked to be CPython 3.13.0.
pub(crate) struct Reference {
    /// The interpreter binary.
    pub(crate) python: PathBuf,
    /// `sys.version`, which names the build too; part of every cache key.
    pub(crate) version: String,
    /// Its standard library directory, the root of the corpus.
    pub(crate) stdlib: PathBuf,
}

impl Reference {
    /// Finds the reference interpreter and checks its version.
    pub(crate) fn find() -> Result<Reference> {
        let python = match std::env::var_os("PYRS_REFERENCE") {
            Some(path) if !path.is_empty() => PathBuf::from(path),
            _ => from_pyenv()?,
        };
        let output = Command::new(&python)
            .args(FLAGS)
            .args(["-c", PROBE])
            .stdin(Stdio::null())
            .output()
            .with_context(|| {
                format!(
                    "cannot run the reference interpreter {}; {HOW_TO_INSTALL}",
                    python.display()
                )
            })?;
        if !output.status.success() {
            bail!(
                "the reference interpreter {} failed ({}): {}\n{HOW_TO_INSTALL}",
                python.display(),
                output.status,
                String::from_utf8_lossy(&output.stderr).trim()
            );
        }
        let text = String::from_utf8_lossy(&output.stdout);
        let mut lines = text.lines();
        let (numbers, stdlib, version) = match (lines.next(), lines.next(), lines.next()) {
            (Some(n), Some(s), Some(v)) => (n, s, v),
            _ => bail!("unexpected answer from {}: {text:?}", python.display()),
        };
        if parse_version(numbers) != Some(VERSION) {
            bail!(
                "{} is Python {version}, not 3.13.0; {HOW_TO_INSTALL}",
                python.display()
            );
        }
        let stdlib = PathBuf::from(stdlib);
        if !stdlib.is_dir() {
            bail!(
                "the standard library of {} ({}) is not a directory",
                python.display(),
                stdlib.display()
            );
        }
        Ok(Reference {
            python,
            version: version.to_string(),
            stdlib,
        })
    }

    /// A command running the reference with its fixed flags; the caller adds the arguments.
    pub(crate) fn command(&self) -> Command {
        let mut command = Command::new(&self.python);
        command.args(FLAGS);
        command
    }

    /// Every corpus file, sorted.
    pub(crate) fn corpus(&self) -> Result<Vec<PathBuf>> {
        let mut files = Vec::new();
        walk(&self.stdlib, true, &mut files)?;
        files.sort();
        Ok(files)
    }
}

/// `$(pyenv prefix 3.13.0)/bin/python3.13`, or the same under `$PYENV_ROOT` (or `~/.pyenv`)
/// when the `pyenv` command itself is not on the PATH.
fn from_pyenv() -> Result<PathBuf> {
    let prefix = match Command::new("pyenv")
        .args(["prefix", "3.13.0"])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
    {
        Ok(output) if output.status.success() => Some(PathBuf::from(
            String::from_utf8_lossy(&output.stdout).trim(),
        )),
        _ => std::env::var_os("PYENV_ROOT")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|home| Path::new(&home).join(".pyenv")))
            .map(|root| root.join("versions").join("3.13.0")),
    };
    match prefix.map(|p| p.join("bin").join("python3.13")) {
        Some(python) if python.is_file() => Ok(python),
        _ => bail!("CPython 3.13.0 was not found through pyenv; {HOW_TO_INSTALL}"),
    }
}

/// Parses `"3 13 0"` as printed by the probe.
fn parse_version(text: &str) -> Option<(u32, u32, u32)> {
    let mut parts = text.split_whitespace().map(|p| p.parse::<u32>().ok());
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(Some(a)), Some(Some(b)), Some(Some(c)), None) => Some((a, b, c)),
        _ => None,
    }
}

/// Collects the `.py` regular files under `dir`; `site-packages/` is skipped at the top level.
fn walk(dir: &Path, top: bool, files: &mut Vec<PathBuf>) -> Result<()> {
    let entries =
        std::fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))?;
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot list {}", dir.display()))?;
        let kind = entry.file_type()?;
        let path = entry.path();
        if kind.is_dir() {
            if !(top && entry.file_name() == "site-packages") {
                walk(&path, false, files)?;
            }
        } else if kind.is_file() && path.extension() == Some(OsStr::new("py")) {
            files.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_parsed_strictly() {
        assert_eq!(parse_version("3 13 0"), Some((3, 13, 0)));
        assert_eq!(parse_version("3 11 9\n"), Some((3, 11, 9)));
        assert_eq!(parse_version("3 13"), None);
        assert_eq!(parse_version("3 13 0 1"), None);
        assert_eq!(parse_version("3.13.0"), None);
    }
}
