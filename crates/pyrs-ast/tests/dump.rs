//! The dumper against the reference: every tests/fixtures/dump/NAME.dump, recorded from
//! `python3.13 -m ast -a` by gen/record_reference.py, is read back into a typed tree and must
//! print again byte for byte; hand-built trees must print as their recorded dumps.

mod support;

use std::path::{Path, PathBuf};

use pyrs_ast::*;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dump")
}

fn recorded(name: &str) -> String {
    let path = fixtures().join(format!("{name}.dump"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.strip_suffix('\n').unwrap_or(&text).to_string()
}

/// Reads `text`, dumps the tree again and describes the first difference, if any.
fn round_trip(text: &str) -> Result<(), String> {
    let tree = support::read_tree(text)?;
    let again = dump(&tree);
    if again == text {
        return Ok(());
    }
    let line = again
        .lines()
        .zip(text.lines())
        .position(|(a, b)| a != b)
        .unwrap_or(0);
    Err(format!(
        "line {}: pyrs prints {:?}, the reference {:?}",
        line + 1,
        again.lines().nth(line),
        text.lines().nth(line)
    ))
}

fn check_dump_dir(dir: &Path) -> (usize, Vec<String>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "dump"))
        .collect();
    entries.sort();
    let mut failures = Vec::new();
    for path in &entries {
        let text =
            std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let text = text.strip_suffix('\n').unwrap_or(&text);
        if let Err(message) = round_trip(text) {
            failures.push(format!("{}: {message}", path.display()));
        }
    }
    (entries.len(), failures)
}

#[test]
fn reference_dumps_print_again_identically() {
    let (count, failures) = check_dump_dir(&fixtures());
    assert!(count >= 18, "only {count} dump fixtures");
    assert!(
        failures.is_empty(),
        "{} of {count} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The same check over a directory of dumps made outside the repository, for instance of
/// every file of the reference's standard library:
/// `PYRS_AST_DUMP_DIR=/tmp/dumps cargo test -p pyrs-ast --test dump` (see
/// docs/ast-and-parser.md). Without the variable there is nothing to check.
#[test]
fn dumps_in_pyrs_ast_dump_dir_print_again_identically() {
    let Some(dir) = std::env::var_os("PYRS_AST_DUMP_DIR") else {
        return;
    };
    let (count, failures) = check_dump_dir(Path::new(&dir));
    eprintln!("{count} dumps checked, {} differ", failures.len());
    assert!(
        failures.is_empty(),
        "{} of {count} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn loc(lineno: u32, col_offset: u32, end_lineno: u32, end_col_offset: u32) -> Location {
    Location::new(lineno, col_offset, end_lineno, end_col_offset)
}

fn name(id: &str, ctx: ExprContext, loc: Location) -> Expr {
    Expr::from(ExprName {
        id: id.into(),
        ctx,
        loc,
    })
}

/// `x = 1`
#[test]
fn hand_built_assignment() {
    let tree = Mod::from(ModModule {
        body: vec![Stmt::from(StmtAssign {
            targets: vec![name("x", ExprContext::Store, loc(1, 0, 1, 1))],
            value: Expr::from(ExprConstant {
                value: Constant::Int(1.into()),
                kind: None,
                loc: loc(1, 4, 1, 5),
            }),
            type_comment: None,
            loc: loc(1, 0, 1, 5),
        })],
        type_ignores: vec![],
    });
    assert_eq!(dump(&tree), recorded("assign"));
}

/// `lambda x: (yield)` in `eval` mode: a product with lists, an absent optional value.
#[test]
fn hand_built_lambda() {
    let arg = Arg {
        arg: "x".into(),
        annotation: None,
        type_comment: None,
        loc: loc(1, 7, 1, 8),
    };
    let tree = Mod::from(ModExpression {
        body: Expr::from(ExprLambda {
            args: Arguments {
                posonlyargs: vec![],
                args: vec![arg],
                vararg: None,
                kwonlyargs: vec![],
                kw_defaults: vec![],
                kwarg: None,
                defaults: vec![],
            },
            body: Expr::from(ExprYield {
                value: None,
                loc: loc(1, 11, 1, 16),
            }),
            loc: loc(1, 0, 1, 17),
        }),
    });
    assert_eq!(dump(&tree), recorded("lambda.eval"));
}

/// `() -> None` in `func_type` mode: `Constant(value=None)` keeps its `value`.
#[test]
fn hand_built_function_type() {
    let tree = Mod::from(ModFunctionType {
        argtypes: vec![],
        returns: Expr::from(ExprConstant {
            value: Constant::None,
            kind: None,
            loc: loc(1, 6, 1, 10),
        }),
    });
    assert_eq!(dump(&tree), recorded("empty.func_type"));
}

/// An empty module prints as `Module()`: empty lists are left out.
#[test]
fn hand_built_empty_module() {
    let tree = Mod::from(ModModule {
        body: vec![],
        type_ignores: vec![],
    });
    assert_eq!(dump(&tree), recorded("empty"));
}

fn recorded_option(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("tests/fixtures/dump_options/{name}.txt"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.strip_suffix('\n').unwrap_or(&text).to_string()
}

/// The other options of `ast.dump`, on the tree of `x = 1`, against what the reference
/// returns for them (tests/fixtures/dump_options/).
#[test]
fn options_other_than_the_command_line() {
    let tree = support::read_tree(&recorded("assign")).expect("the fixture reads");
    assert_eq!(
        dump_with(&tree, &DumpOptions::default()),
        recorded_option("assign.default")
    );
    let zero_indent = DumpOptions {
        include_attributes: false,
        indent: Some(0),
    };
    assert_eq!(
        dump_with(&tree, &zero_indent),
        recorded_option("assign.indent0")
    );
    let attributes = DumpOptions {
        include_attributes: true,
        indent: None,
    };
    assert_eq!(
        dump_with(&tree, &attributes),
        recorded_option("assign.attributes")
    );
    assert_eq!(
        dump_with(&ExprContext::Load, &DumpOptions::default()),
        recorded_option("assign.load")
    );
}

#[test]
fn nodes_are_small() {
    use std::mem::size_of;
    assert_eq!(size_of::<Expr>(), 16);
    assert_eq!(size_of::<Option<Expr>>(), 16);
    assert_eq!(size_of::<Stmt>(), 16);
    assert_eq!(size_of::<Pattern>(), 16);
    assert_eq!(size_of::<Location>(), 16);
    // A name of up to 22 bytes is held inline.
    assert_eq!(size_of::<Identifier>(), 24);
    assert_eq!(size_of::<Option<Identifier>>(), 24);
    // So is a string constant of up to 22 bytes.
    assert_eq!(size_of::<StrValue>(), 24);
    assert_eq!(size_of::<ExprContext>(), 1);
}
