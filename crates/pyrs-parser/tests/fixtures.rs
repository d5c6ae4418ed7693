//! Programs of tests/parser/ast/, each beside the dump `python3.13 -m ast -a` printed for it
//! (NAME.py.dump, written by tests/parser/record_ast_fixtures.py): `dump_file` must print the
//! same, byte for byte. Together they use every kind of statement, expression and pattern.

use std::path::PathBuf;

fn check(name: &str) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/parser/ast");
    let source = std::fs::read(dir.join(name)).expect("fixture");
    let expected = std::fs::read_to_string(dir.join(format!("{name}.dump"))).expect("dump");
    let got = pyrs_parser::dump_file(&source, name);
    assert_eq!(got.stderr, None, "{name} is rejected");
    if got.stdout != expected {
        let line = got
            .stdout
            .lines()
            .zip(expected.lines())
            .position(|(a, b)| a != b)
            .map_or(0, |i| i + 1);
        panic!("{name}: first difference at line {line} of the dump");
    }
}

#[test]
fn expressions() {
    check("expressions.py");
}

#[test]
fn statements() {
    check("statements.py");
}

#[test]
fn definitions() {
    check("definitions.py");
}

#[test]
fn strings() {
    check("strings.py");
}

#[test]
fn match_statements() {
    check("match.py");
}

#[test]
fn comprehensions() {
    check("comprehensions.py");
}

#[test]
fn type_comments() {
    check("type_comments.py");
}

#[test]
fn positions() {
    check("positions.py");
}

#[test]
fn every_fixture_is_checked() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/parser/ast");
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("fixture directory")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".py"))
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "comprehensions.py",
            "definitions.py",
            "expressions.py",
            "match.py",
            "positions.py",
            "statements.py",
            "strings.py",
            "type_comments.py"
        ]
    );
}
