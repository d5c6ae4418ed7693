//! Keeps the generated sources in step with ast.asdl, and ast.asdl in step with the reference.
//!
//! `generated_sources_are_current` regenerates src/nodes.rs, src/visitor.rs, src/dump_fields.rs
//! and tests/support/read_nodes.rs; when a committed copy differs it is rewritten and the test
//! fails, so a second run passes and the diff shows in `git status`.

#[path = "../gen/mod.rs"]
mod gen;

#[test]
fn generated_sources_are_current() {
    let asdl = gen::load();
    let files = gen::rust::generate(&asdl).unwrap_or_else(|e| panic!("{e}"));
    let mut rewritten = Vec::new();
    for (path, text) in files {
        let text = gen::rustfmt(&text);
        let full = gen::crate_dir().join(path);
        let current = std::fs::read_to_string(&full).unwrap_or_default();
        if current != text {
            std::fs::write(&full, text).unwrap_or_else(|e| panic!("{}: {e}", full.display()));
            rewritten.push(path);
        }
    }
    assert!(
        rewritten.is_empty(),
        "rewrote {rewritten:?} from ast.asdl: rerun the tests"
    );
}

/// tests/fixtures/ast_classes.txt holds, for every abstract class of python3.13's `ast`
/// module, its `__doc__` (the ASDL line of each constructor) and its `_attributes`, recorded by
/// gen/record_reference.py. ast.asdl must describe the same classes, fields and shapes.
#[test]
fn asdl_matches_the_reference_classes() {
    let asdl = gen::load();
    let expected = include_str!("fixtures/ast_classes.txt");
    let actual = gen::rust::reference_view(&asdl);
    if actual != expected {
        let first = actual
            .lines()
            .zip(expected.lines())
            .position(|(a, e)| a != e)
            .unwrap_or(actual.lines().count().min(expected.lines().count()));
        panic!(
            "ast.asdl differs from the reference at line {}:\n  ast.asdl:  {:?}\n  reference: {:?}",
            first + 1,
            actual.lines().nth(first),
            expected.lines().nth(first)
        );
    }
}
