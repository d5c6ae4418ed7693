//! The compiler against the reference, fixture by fixture: each tests/compiler/NAME.py is
//! compiled as `NAME.py` and disassembled, and must print exactly what the reference printed
//! (tests/compiler/NAME.dis, recorded by gen/record_compiler_fixtures.py), object addresses
//! aside.

use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/compiler")
}

/// The listing with every ` at 0x…` address written ` at 0xADDR`, as the recording does.
fn blank_addresses(listing: &str) -> String {
    let mut out = String::with_capacity(listing.len());
    let mut rest = listing;
    while let Some(at) = rest.find(" at 0x") {
        out.push_str(&rest[..at]);
        out.push_str(" at 0xADDR");
        rest = rest[at + 6..].trim_start_matches(|c: char| c.is_ascii_hexdigit());
    }
    out.push_str(rest);
    out
}

fn check(name: &str) {
    let dir = fixtures();
    let source = std::fs::read(dir.join(format!("{name}.py"))).expect("fixture source");
    let expected = std::fs::read_to_string(dir.join(format!("{name}.dis"))).expect("recorded");
    let code = pyrs_compiler::compile(
        pyrs_compiler::Source::Bytes(&source),
        &format!("{name}.py"),
        pyrs_compiler::Mode::Exec,
        0,
    )
    .unwrap_or_else(|e| panic!("{name}.py: {e}"));
    let got = blank_addresses(&pyrs_bytecode::dis::disassemble(&code));
    if got != expected {
        let line = got
            .lines()
            .zip(expected.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(got.lines().count().min(expected.lines().count()));
        panic!(
            "{name}.py differs from line {}:\n  pyrs:      {:?}\n  reference: {:?}",
            line + 1,
            got.lines().nth(line),
            expected.lines().nth(line)
        );
    }
}

#[test]
fn expressions() {
    check("expressions");
}

#[test]
fn control() {
    check("control");
}

#[test]
fn exceptions() {
    check("exceptions");
}

#[test]
fn scopes() {
    check("scopes");
}

#[test]
fn asyncgen() {
    check("asyncgen");
}

#[test]
fn patterns() {
    check("patterns");
}

#[test]
fn future_types() {
    check("future_types");
}
