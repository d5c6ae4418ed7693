//! Hostile inputs: the deepest trees the parser accepts, and deeper hand-built ones, go
//! through the symbol table, the context checks and the whole compiler (folding, code
//! generation, flow graph) on a thread with a small stack without overflowing it.
//!
//! Trees are parsed and dropped on a thread with a large stack (building and dropping a tree
//! recurse once per level in pyrs-parser and pyrs-ast); only the passes of this crate run on
//! the small one.

use pyrs_ast::{
    Expr, ExprContext, ExprName, ExprUnaryOp, Location, Mod, ModModule, Stmt, StmtExpr, UnaryOp,
};
use pyrs_compiler::{context, symtable};
use pyrs_parser::ErrorKind;

const SMALL_STACK: usize = 1 << 20;
const LARGE_STACK: usize = 1 << 30;

/// Runs `f` on a thread with a stack of `size` bytes.
fn on_stack<T: Send>(size: usize, f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|s| {
        std::thread::Builder::new()
            .stack_size(size)
            .spawn_scoped(s, f)
            .unwrap()
            .join()
            .unwrap()
    })
}

/// What the passes make of a tree, run on a small stack: the number of scopes, or the error.
/// The tree is also compiled (a copy, made and dropped on the large stack), and must give
/// the same error or a code object.
fn passes(tree: &Mod) -> Result<usize, (ErrorKind, String)> {
    let mut copy = on_stack(LARGE_STACK, || tree.clone());
    let compiled = on_stack(SMALL_STACK, || {
        pyrs_compiler::compile_tree(&mut copy, "<deep>", 0)
            .map(|code| code.code.len())
            .map_err(|e| (e.kind, e.msg.clone()))
    });
    on_stack(LARGE_STACK, move || drop(copy));
    let result = on_stack(SMALL_STACK, || {
        let table = symtable::build(tree, "<deep>").map_err(|e| (e.kind, e.msg.clone()))?;
        context::check(tree, &table).map_err(|e| (e.kind, e.msg.clone()))?;
        let _ = table.dump();
        Ok(table.scopes().count())
    });
    match (&result, &compiled) {
        (Ok(_), Ok(units)) => assert!(*units > 0),
        (Err(e), Err(c)) => assert_eq!(e, c),
        _ => panic!("the passes gave {result:?}, the compiler {compiled:?}"),
    }
    result
}

/// Parses `source` on a large stack, runs the passes on a small one, drops the tree on the
/// large one.
fn check_source(source: String) -> Result<usize, (ErrorKind, String)> {
    let tree = on_stack(LARGE_STACK, move || {
        pyrs_parser::parse(&source, pyrs_parser::Mode::Exec).expect("the parser accepts it")
    });
    let result = passes(&tree);
    on_stack(LARGE_STACK, move || drop(tree));
    result
}

#[test]
fn long_operator_chains() {
    let source = format!("x = {}\n", vec!["a"; 9000].join(" + "));
    assert_eq!(check_source(source), Ok(1));
}

#[test]
fn long_attribute_and_call_chains() {
    assert_eq!(check_source(format!("x = a{}\n", ".b".repeat(9000))), Ok(1));
    assert_eq!(check_source(format!("x = f{}\n", "()".repeat(9000))), Ok(1));
}

#[test]
fn deep_unary_operators() {
    assert_eq!(
        check_source(format!("x = {}a\n", "not ".repeat(2500))),
        Ok(1)
    );
}

#[test]
fn deeply_nested_lambdas() {
    // Each lambda is a scope nested in the previous one.
    let n = 1000;
    let source = format!("f = {}x\n", "lambda: ".repeat(n));
    assert_eq!(check_source(source), Ok(n + 1));
}

#[test]
fn deeply_nested_comprehensions() {
    // Brackets nest at most 200 deep; each comprehension is a scope of its own (a generator
    // expression is not inlined). In a release build 140 levels stay on the caller's stack,
    // 190 do not.
    for n in [140, 190] {
        let source = format!("g = {}x{}\n", "(".repeat(n), " for x in y)".repeat(n));
        assert_eq!(check_source(source), Ok(n + 1));
    }
}

#[test]
fn deeply_nested_functions() {
    let mut source = String::new();
    for level in 0..95 {
        source.push_str(&format!("{}def f{level}(a):\n", "    ".repeat(level)));
    }
    source.push_str(&format!("{}return a\n", "    ".repeat(95)));
    assert_eq!(check_source(source), Ok(96));
}

/// A hand-built `-(-(...(x)))` as deep as asked.
fn nested_negations(depth: usize) -> Mod {
    let loc = Location::new(1, 0, 1, 1);
    let mut e = Expr::from(ExprName {
        id: "x".into(),
        ctx: ExprContext::Load,
        loc,
    });
    for _ in 0..depth {
        e = Expr::from(ExprUnaryOp {
            op: UnaryOp::USub,
            operand: e,
            loc,
        });
    }
    Mod::from(ModModule {
        body: vec![Stmt::from(StmtExpr { value: e, loc })],
        type_ignores: Vec::new(),
    })
}

#[test]
fn trees_deeper_than_cpython_allows_are_a_recursion_error() {
    let tree = on_stack(LARGE_STACK, || nested_negations(30_000));
    let result = passes(&tree);
    on_stack(LARGE_STACK, move || drop(tree));
    let (kind, msg) = result.unwrap_err();
    assert_eq!(kind, ErrorKind::RecursionError);
    assert_eq!(msg, "maximum recursion depth exceeded during compilation");

    let tree = on_stack(LARGE_STACK, || nested_negations(15_000));
    let result = passes(&tree);
    on_stack(LARGE_STACK, move || drop(tree));
    assert_eq!(result, Ok(1));
}

#[test]
fn malformed_hand_built_trees_are_refused() {
    use pyrs_ast::{ExprCompare, ExprDict};
    let loc = Location::new(1, 0, 1, 1);
    let name = || {
        Expr::from(ExprName {
            id: "x".into(),
            ctx: ExprContext::Load,
            loc,
        })
    };
    let module = |e: Expr| {
        Mod::from(ModModule {
            body: vec![Stmt::from(StmtExpr { value: e, loc })],
            type_ignores: Vec::new(),
        })
    };
    let compare = module(Expr::from(ExprCompare {
        left: name(),
        ops: Vec::new(),
        comparators: Vec::new(),
        loc,
    }));
    let dict = module(Expr::from(ExprDict {
        keys: vec![Some(name()), None],
        values: vec![name()],
        loc,
    }));
    for tree in [compare, dict] {
        let err = pyrs_compiler::compile(
            pyrs_compiler::Source::Tree(&tree),
            "<tree>",
            pyrs_compiler::Mode::Exec,
            0,
        )
        .unwrap_err();
        assert!(err.msg.starts_with("invalid syntax tree: "), "{}", err.msg);
    }
}
