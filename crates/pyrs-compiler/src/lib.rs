//! pyrs-compiler: the third stage of pyrs, from the syntax tree to scopes, and (to come)
//! to code objects.
//!
//! **Input**: a [`pyrs_ast::Mod`], as pyrs-parser builds it.
//! **Output**: today, its [`symtable::SymbolTable`]: every scope of the module (module,
//! class, function, lambda, comprehension, and the annotation and type-parameter scopes of
//! PEP 695) and the scope of every name in each (local, global, free, cell), as CPython 3.13's
//! Python/symtable.c decides them, or CPython's SyntaxError when scoping rules are broken.
//! [`symtable::dump_file`] prints a table exactly as `python3.13 -m symtable FILE` does
//! (`pyrs --dump symtable FILE`). [`context::check`] finds the SyntaxErrors CPython's code
//! generator raises from where a statement stands (`'return' outside function`...). The code
//! generator, CPython's Python/compile.c and Python/codegen.c, will be the crate's second
//! part: it reads the table to decide how each name is loaded and stored.
//!
//! ```
//! use pyrs_compiler::symtable::{build, SymbolScope};
//!
//! let source = "x = 1\ndef f():\n    y = x\n    return lambda: y\n";
//! let tree = pyrs_parser::parse(source, pyrs_parser::Mode::Exec).unwrap();
//! let table = build(&tree, "<string>").unwrap();
//! let f = table.top().children().next().unwrap();
//! assert_eq!(f.lookup("x").unwrap().scope(), Some(SymbolScope::GlobalImplicit));
//! assert_eq!(f.lookup("y").unwrap().scope(), Some(SymbolScope::Cell));
//! assert_eq!(f.cellvars(), ["y"]);
//! ```
//!
//! **Invariants**
//! - The table is CPython's, name for name: the same scopes in the same order, the same
//!   flags and scopes for each name, and the names of each scope in the same order, except
//!   the names that only pass through a scope on their way to a nested one, which CPython
//!   adds in the order of a set of strings (so, from run to run, in the order of their
//!   random hashes) and pyrs in the order it met them.
//! - Errors are CPython's, with its message and location, and come in its order: the first
//!   error of the first pass (which visits the tree in CPython's order), before any error of
//!   the second.
//! - No input panics or overflows the stack. The passes recurse once per level of nesting;
//!   a tree deeper than a caller's stack surely holds is walked again on a thread with a
//!   large stack (src/stack.rs), up to a limit past which the error is CPython's
//!   `RecursionError`.
//! - The table borrows the tree, and finds the scope of a node by the node's address, as
//!   CPython does by pointer: ids and keys are fixed for a tree.
//!
//! **Not here**: no AST validation or optimisation (CPython folds constants before building
//! the table; folding never changes scopes). The `symtable` module's 3.13 `TYPE_ANNOTATION`
//! scopes exist only under `from __future__ import annotations`, outside the tree, as in
//! CPython. The SyntaxErrors about `__debug__` and the other checks CPython's code generator
//! makes (`'break' outside loop` aside) belong to the code generator.
//!
//! **Dependencies**: pyrs-ast (the tree), pyrs-parser (its `SyntaxError` is the error type of
//! the whole front end; [`symtable::dump_file`] parses), indexmap (the symbols of a scope keep
//! their insertion order, as CPython's dicts do).

mod ast_opt;
mod codegen;
mod compile;
mod consts;
pub mod context;
mod flowgraph;
mod messages;
mod stack;
pub mod symtable;

pub use compile::{compile, compile_tree, dump_file, Source};
pub use pyrs_parser::Mode;
