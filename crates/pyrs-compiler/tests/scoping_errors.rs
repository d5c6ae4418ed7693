//! The scoping SyntaxErrors: each case of tests/symtable/errors.py must fail in pyrs as it
//! fails in CPython 3.13, with the same class, message and location, both in the symbol
//! table alone (`symtable.symtable`) and in the whole compilation (`compile`: the context
//! checks after the symbol table, and pyrs's whole compiler), as
//! gen/record_symtable_fixtures.py recorded them in tests/symtable/errors.expected.

use std::collections::BTreeMap;
use std::path::PathBuf;

use pyrs_compiler::{context, symtable};
use pyrs_parser::SyntaxError;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/symtable")
}

/// The cases of errors.py: name and source.
fn cases() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(fixtures().join("errors.py")).unwrap();
    let mut cases: Vec<(String, String)> = Vec::new();
    for line in text.split_inclusive('\n') {
        if let Some(name) = line.strip_prefix("# case: ") {
            cases.push((name.trim().to_string(), String::new()));
        } else if let Some((_, source)) = cases.last_mut() {
            source.push_str(line);
        }
    }
    cases
}

/// The outcome as errors.expected writes it.
fn outcome(result: Result<(), SyntaxError>) -> String {
    match result {
        Ok(()) => "ok".to_string(),
        Err(e) => {
            // CPython's `None` end column (future statements) is 0 in pyrs.
            let end_offset = if e.end_offset == 0 {
                "None".to_string()
            } else {
                e.end_offset.to_string()
            };
            format!(
                "{}\t{}\t{}\t{}\t{}\t{end_offset}",
                e.kind.name(),
                e.msg,
                e.lineno,
                e.offset,
                e.end_lineno
            )
        }
    }
}

#[test]
fn scoping_errors_match_the_reference() {
    let expected_text = std::fs::read_to_string(fixtures().join("errors.expected")).unwrap();
    let mut expected: BTreeMap<(String, String), String> = BTreeMap::new();
    for line in expected_text.lines().filter(|l| !l.starts_with('#')) {
        let mut fields = line.splitn(3, '\t');
        let (name, stage, result) = (fields.next(), fields.next(), fields.next());
        if let (Some(name), Some(stage), Some(result)) = (name, stage, result) {
            expected.insert((name.to_string(), stage.to_string()), result.to_string());
        }
    }
    let mut checked = 0;
    let mut failures = Vec::new();
    for (name, source) in cases() {
        let tree = pyrs_parser::parse(&source, pyrs_parser::Mode::Exec)
            .unwrap_or_else(|e| panic!("{name}: the parser rejects the case: {e}"));
        let table = symtable::build(&tree, "<string>");
        let symtable_outcome = outcome(table.as_ref().map(|_| ()).map_err(Clone::clone));
        let compile_outcome = outcome(match &table {
            Ok(table) => context::check(&tree, table),
            Err(e) => Err(e.clone()),
        });
        // The whole compiler, whose code generator raises the context errors itself.
        let whole_outcome = outcome(
            pyrs_compiler::compile(
                pyrs_compiler::Source::Text(&source),
                "<string>",
                pyrs_parser::Mode::Exec,
                0,
            )
            .map(|_| ()),
        );
        for (stage, got) in [
            ("symtable", symtable_outcome),
            ("compile", compile_outcome),
            ("compile", whole_outcome),
        ] {
            let want = &expected[&(name.clone(), stage.to_string())];
            checked += 1;
            if &got != want {
                failures.push(format!("{name} ({stage}):\n  pyrs: {got}\n  ref:  {want}"));
            }
        }
    }
    println!(
        "scoping errors: exact {}/{checked}",
        checked - failures.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
