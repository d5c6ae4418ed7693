//! The fixture suite: each tests/symtable/dumps/NAME.py is dumped as `python3.13 -m symtable`
//! does (NAME.symtable) and described through the table's API as Lib/symtable.py's methods
//! describe it (NAME.api). Both expectations are recorded from the reference by
//! gen/record_symtable_fixtures.py.

use std::fmt::Write;
use std::path::PathBuf;

use pyrs_compiler::symtable::{build, dump_file, normalise_dump, Scope, ScopeKind};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/symtable/dumps")
}

fn flag(value: bool) -> &'static str {
    if value {
        "1"
    } else {
        "0"
    }
}

fn names(mut list: Vec<&str>) -> String {
    list.sort_unstable();
    format!("({})", list.join(", "))
}

/// The API view gen/record_symtable_fixtures.py writes with Lib/symtable.py.
fn api(scope: Scope<'_>, level: usize, out: &mut String) {
    let indent = "  ".repeat(level);
    let _ = writeln!(
        out,
        "{indent}{} {} line={} optimized={} nested={} children={}",
        scope.kind().as_str(),
        scope.name(),
        scope.lineno(),
        flag(scope.is_optimized()),
        flag(scope.is_nested()),
        flag(scope.has_children())
    );
    if scope.kind() == ScopeKind::Function {
        let _ = writeln!(
            out,
            "{indent}  params={} locals={} globals={} nonlocals={} frees={}",
            names(scope.parameters()),
            names(scope.locals()),
            names(scope.globals()),
            names(scope.nonlocals()),
            names(scope.frees())
        );
    }
    if scope.kind() == ScopeKind::Class {
        let _ = writeln!(out, "{indent}  methods={}", names(scope.methods()));
    }
    let mut symbols: Vec<_> = scope.symbols().collect();
    symbols.sort_by_key(|s| s.name());
    for s in symbols {
        let _ = writeln!(
            out,
            "{indent}  {}: ref={} param={} global={} nonlocal={} declared_global={} local={} annotated={} free={} imported={} assigned={} namespaces={}",
            s.name(),
            flag(s.is_referenced()),
            flag(s.is_parameter()),
            flag(s.is_global()),
            flag(s.is_nonlocal()),
            flag(s.is_declared_global()),
            flag(s.is_local()),
            flag(s.is_annotated()),
            flag(s.is_free()),
            flag(s.is_imported()),
            flag(s.is_assigned()),
            s.namespaces().count()
        );
    }
    for child in scope.children() {
        api(child, level + 1, out);
    }
}

fn first_difference(got: &str, expected: &str) -> String {
    for (i, (a, b)) in got.lines().zip(expected.lines()).enumerate() {
        if a != b {
            return format!("line {}:\n  pyrs: {a}\n  ref:  {b}", i + 1);
        }
    }
    format!(
        "{} lines against {}",
        got.lines().count(),
        expected.lines().count()
    )
}

#[test]
fn dumps_and_api_match_the_reference() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixtures())
        .expect("tests/symtable/dumps")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    let mut failures = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let source = std::fs::read(path).unwrap();
        let dump = dump_file(&source, &name);
        let expected = std::fs::read_to_string(path.with_extension("symtable")).unwrap();
        let got = normalise_dump(&dump.stdout);
        if dump.stderr.is_some() || got != expected {
            failures.push(format!(
                "{name} (dump): {:?} {}",
                dump.stderr,
                first_difference(&got, &expected)
            ));
        }
        let tree = pyrs_parser::parse_bytes(&source, pyrs_parser::Mode::Exec).unwrap();
        let table = build(&tree, &name).unwrap();
        let mut got = String::new();
        api(table.top(), 0, &mut got);
        let expected = std::fs::read_to_string(path.with_extension("api")).unwrap();
        if got != expected {
            failures.push(format!(
                "{name} (api): {}",
                first_difference(&got, &expected)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
