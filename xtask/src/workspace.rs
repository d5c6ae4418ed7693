//! Where things are in the workspace: its root, the target directory, the built `pyrs`.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

/// The workspace root: the parent of this crate's directory.
pub(crate) fn root() -> PathBuf {
    let xtask_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    xtask_dir.parent().unwrap_or(xtask_dir).to_path_buf()
}

/// Cargo's target directory: `$CARGO_TARGET_DIR` if set, else `target/` under the root.
pub(crate) fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            // Cargo reads a relative CARGO_TARGET_DIR from the directory it was started in.
            std::env::current_dir()
                .map(|cwd| cwd.join(&dir))
                .unwrap_or(dir)
        }
        None => root().join("target"),
    }
}

/// A `cargo` command run from the workspace root; `$CARGO` is the cargo that started us.
pub(crate) fn cargo() -> Command {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo"));
    let mut command = Command::new(cargo);
    command.current_dir(root());
    command
}

/// Runs a cargo command with its output shown to the user; fails unless it succeeds.
pub(crate) fn run_cargo(args: &[&str], envs: &[(&str, &Path)]) -> Result<()> {
    let mut command = cargo();
    command.args(args);
    for (key, value) in envs {
        command.env(key, value);
    }
    eprintln!("$ cargo {}", args.join(" "));
    let status = command
        .status()
        .with_context(|| format!("cannot run `cargo {}`", args.join(" ")))?;
    if !status.success() {
        bail!("`cargo {}` failed ({status})", args.join(" "));
    }
    Ok(())
}

/// Builds the `pyrs` binary in release mode and returns its path.
pub(crate) fn build_pyrs() -> Result<PathBuf> {
    run_cargo(&["build", "--release", "-p", "pyrs"], &[])?;
    let binary = target_dir()
        .join("release")
        .join(format!("pyrs{}", std::env::consts::EXE_SUFFIX));
    if !binary.is_file() {
        bail!(
            "the build succeeded but {} does not exist",
            binary.display()
        );
    }
    Ok(binary)
}
