//! The abstract syntax tree of Python 3.13: the node types of CPython's `ast` module as Rust
//! types, with visitors and a dumper that prints a tree exactly as `ast.dump` does.
//!
//! **Input**: nothing to read. A parser (crates/pyrs-parser) builds these nodes; code that
//! analyses or compiles Python reads them.
//! **Output**: the types themselves, [`visitor::Visitor`] and [`visitor::VisitorMut`] to walk
//! them, [`dump`] to print them as `python3.13 -m ast -a FILE` does, and [`repr`], Python's
//! `repr()` of the constant types.
//!
//! # The nodes
//! ast.asdl, in this crate's directory, describes every node class once, in CPython's ASDL
//! notation; the node types (src/nodes.rs), the visitors (src/visitor.rs) and the dumper's
//! field tables (src/dump_fields.rs) are generated from it and committed, and a test keeps
//! them current (see docs/ast-and-parser.md). Each CPython abstract class with several
//! constructors is an enum whose variants box one struct per concrete class, named
//! `<Enum><Class>`; the others are structs or plain enums:
//!
//! | CPython | Rust |
//! |---|---|
//! | `mod`, `stmt`, `expr`, `pattern`, `type_param` | [`Mod`], [`Stmt`], [`Expr`], [`Pattern`], [`TypeParam`]: `Expr::Name(Box<ExprName>)` |
//! | `arguments`, `arg`, `keyword`, `alias`, `withitem`, `match_case`, `comprehension` | structs [`Arguments`], [`Arg`], [`Keyword`], [`Alias`], [`WithItem`], [`MatchCase`], [`Comprehension`] |
//! | `excepthandler`, `type_ignore` (one constructor each) | structs [`ExceptHandler`], [`TypeIgnore`] |
//! | `expr_context`, `boolop`, `operator`, `unaryop`, `cmpop` | `Copy` enums [`ExprContext`], [`BoolOp`], [`Operator`], [`UnaryOp`], [`CmpOp`] |
//! | `T?`, `T*` | `Option<T>`, `Vec<T>` |
//! | `identifier`, `string`, `int`, `constant` | [`Identifier`], `Box<str>`, `i32`, [`Constant`] |
//! | `lineno`, `col_offset`, `end_lineno`, `end_col_offset` | one field `loc`: [`Location`] |
//!
//! A parser builds a node with a struct literal and `From` into its enum:
//!
//! ```
//! use pyrs_ast::{Constant, Expr, ExprConstant, ExprName, ExprContext, Location, Stmt, StmtAssign};
//!
//! let target = Expr::from(ExprName { id: "x".into(), ctx: ExprContext::Store, loc: Location::new(1, 0, 1, 1) });
//! let value = Expr::from(ExprConstant { value: Constant::Int(1.into()), kind: None, loc: Location::new(1, 4, 1, 5) });
//! let stmt = Stmt::from(StmtAssign { targets: vec![target], value, type_comment: None, loc: Location::new(1, 0, 1, 5) });
//! assert_eq!(stmt.class_name(), "Assign");
//! assert_eq!(stmt.loc().end_col_offset, 5);
//! ```
//!
//! # Invariants
//! - Field names, order and shapes are CPython 3.13's; each node's doc states what differs
//!   (a keyword field spelled `type_`, the always-set end of [`Location`], the lists of
//!   optional expressions `Dict.keys` and `arguments.kw_defaults`).
//! - [`Expr`], [`Stmt`] and [`Pattern`] are two words, and so are their `Option`s.
//! - Columns are UTF-8 byte offsets, as CPython's.
//! - Nothing here panics on any tree. Dumping, visiting, cloning and dropping a tree recurse
//!   once per level of nesting, so stack use grows with the tree's depth: the parser bounds
//!   that depth as CPython does (CPython refuses trees nested some thousands deep with a
//!   `RecursionError` while building them).
//!
//! # What it does not do
//! No parsing, no validation of trees (a hand-built tree may hold a `Store` where Python
//! would not), no constant folding. Its one dependency is pyrs-tokenizer, the first stage, for
//! the Unicode facts both need (`str.isprintable`) and the `repr()` of a `str`: one table and
//! one implementation serve the whole pipeline.

mod constant;
mod dump;
mod dump_fields;
mod identifier;
mod inline_str;
mod location;
mod nodes;
pub mod repr;
pub mod visitor;

pub use constant::{Constant, Int, StrValue};
pub use dump::{dump, dump_with, DumpList, DumpNode, DumpOptions, Field, Node};
pub use identifier::Identifier;
pub use location::Location;
pub use nodes::*;
