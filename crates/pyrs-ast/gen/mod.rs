//! The generator of pyrs-ast's node sources from ast.asdl, run by tests/sourcegen.rs.
//!
//! It is compiled into that test only (`#[path]`), so the library itself has no build script
//! and its generated sources are committed, readable and searchable like the rest.

pub(crate) mod asdl;
pub(crate) mod rust;

use std::path::Path;
use std::process::{Command, Stdio};

/// The crate directory.
pub(crate) fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Reads and parses ast.asdl.
pub(crate) fn load() -> asdl::Asdl {
    let path = crate_dir().join("ast.asdl");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    asdl::parse(&text).unwrap_or_else(|e| panic!("{e}"))
}

/// Formats Rust source with the toolchain's rustfmt (`$RUSTFMT` when set).
pub(crate) fn rustfmt(text: &str) -> String {
    use std::io::Write;
    let program = std::env::var("RUSTFMT").unwrap_or_else(|_| "rustfmt".to_string());
    let mut child = Command::new(&program)
        .args(["--edition", "2021"])
        .current_dir(crate_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {program} to format the generated sources: {e}"));
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(text.as_bytes())
        .expect("write to rustfmt");
    let output = child.wait_with_output().expect("rustfmt output");
    assert!(
        output.status.success(),
        "rustfmt rejected the generated source:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("rustfmt writes UTF-8")
}
