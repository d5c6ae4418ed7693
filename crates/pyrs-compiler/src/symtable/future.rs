//! The `from __future__ import ...` statements at the head of a module (Python/future.c),
//! which CPython reads before it builds the symbol table.

use pyrs_ast::{Constant, Expr, Location, Mod, Stmt};
use pyrs_parser::SyntaxError;

use super::builder::syntax_error;
use crate::messages as msg;

/// The features a module turns on.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Future {
    /// `from __future__ import annotations`: annotations are not evaluated, and the symbol
    /// table puts their names in annotation scopes outside the tree.
    pub(crate) annotations: bool,
}

/// The features CPython 3.13 knows; all but `annotations` change nothing in the table.
const KNOWN: [&str; 10] = [
    "nested_scopes",
    "generators",
    "division",
    "absolute_import",
    "with_statement",
    "print_function",
    "unicode_literals",
    "barry_as_FLUFL",
    "generator_stop",
    "annotations",
];

/// Reads the future statements: those that follow the docstring, if any, before any other
/// statement (`future_parse`). An unknown feature is an error at the statement, with no end
/// column (CPython's `None`, 0 here).
pub(crate) fn features(module: &Mod) -> Result<Future, SyntaxError> {
    let mut future = Future::default();
    let body = match module {
        Mod::Module(m) => &m.body,
        Mod::Interactive(m) => &m.body,
        _ => return Ok(future),
    };
    let skip = usize::from(body.first().is_some_and(is_docstring));
    for stmt in &body[skip..] {
        let Stmt::ImportFrom(import) = stmt else {
            break;
        };
        if import.level.unwrap_or(0) != 0 || import.module.as_deref() != Some("__future__") {
            break;
        }
        for alias in &import.names {
            let name: &str = &alias.name;
            if name == "annotations" {
                future.annotations = true;
            } else if name == "braces" {
                return Err(at_statement(msg::FUTURE_BRACES.to_string(), import.loc));
            } else if !KNOWN.contains(&name) {
                let shown: String = name.chars().take(100).collect();
                let text = msg::format(msg::FUTURE_NOT_DEFINED, &[&shown]);
                return Err(at_statement(text, import.loc));
            }
        }
    }
    Ok(future)
}

/// The line of the last future statement at the head of the module, if any
/// (`ff_location.lineno`): a later `from __future__ import` is an error of the compiler.
pub(crate) fn last_line(module: &Mod) -> Option<u32> {
    let body = match module {
        Mod::Module(m) => &m.body,
        Mod::Interactive(m) => &m.body,
        _ => return None,
    };
    let skip = usize::from(body.first().is_some_and(is_docstring));
    let mut line = None;
    for stmt in &body[skip..] {
        match stmt {
            Stmt::ImportFrom(i)
                if i.level.unwrap_or(0) == 0 && i.module.as_deref() == Some("__future__") =>
            {
                line = Some(i.loc.lineno);
            }
            _ => break,
        }
    }
    line
}

fn at_statement(text: String, loc: Location) -> SyntaxError {
    let mut err = syntax_error(text, loc);
    err.end_lineno = loc.lineno;
    err.end_offset = 0;
    err
}

/// A statement that is a string constant (`_PyAST_GetDocString`).
pub(crate) fn is_docstring(stmt: &Stmt) -> bool {
    matches!(stmt, Stmt::Expr(e) if matches!(&e.value, Expr::Constant(c) if matches!(c.value, Constant::Str(_))))
}
