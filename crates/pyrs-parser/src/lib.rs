//! pyrs-parser: the second stage of pyrs, Python 3.13 tokens to the syntax tree of CPython's
//! `ast` module, or CPython's `SyntaxError`.
//!
//! **Input**: source text ([`parse`]) or the bytes of a file ([`parse_bytes`], which applies
//! the UTF-8 byte-order mark and PEP 263 declarations first), and a [`Mode`]: a module (`exec`),
//! one expression (`eval`), one interactive statement (`single`) or a function type comment
//! (`func_type`), as `compile()` takes them.
//! **Output**: a [`pyrs_ast::Mod`] whose nodes, fields and locations are those
//! `ast.parse(source, type_comments=True)` gives, or a [`SyntaxError`] with CPython's exception
//! class, message and location. [`dump_file`] prints either exactly as
//! `python3.13 -m ast -a FILE` does (`pyrs --dump ast FILE`).
//!
//! ```
//! use pyrs_parser::{parse, Mode};
//!
//! let tree = parse("x = 1\n", Mode::Exec).unwrap();
//! assert!(pyrs_ast::dump(&tree).starts_with("Module(\n   body=[\n      Assign("));
//!
//! let err = parse("f() = 1\n", Mode::Exec).unwrap_err();
//! assert_eq!(err.msg, "cannot assign to function call here. Maybe you meant '==' instead of '='?");
//! assert_eq!((err.lineno, err.offset, err.end_offset), (1, 1, 4));
//! ```
//!
//! **How**: the grammar (`src/grammar.lalrpop`) is an LALR(1) grammar turned into tables by
//! [LALRPOP](https://github.com/lalrpop/lalrpop) when the crate is built. CPython specifies its
//! syntax with a PEG grammar; an LALR(1) grammar reads the same language because (see
//! docs/ast-and-parser.md): the lexer adapter decides the soft keywords (`match`, `case`,
//! `type`) and the `(` of a parenthesised `with` by looking ahead in the token stream, where a
//! PEG parser would backtrack; targets, parameter lists and call arguments are read with
//! grammars that accept more than Python does (cover grammars) and checked in the actions,
//! with CPython's messages; and when the parse fails, the tokens around the failure decide
//! which of CPython's `invalid_*` messages applies.
//!
//! **Invariants**
//! - No input makes the parser panic, loop or overflow the stack. The generated parser keeps
//!   its stack on the heap; the tree's depth is bounded while it is built, as CPython bounds it
//!   (`RecursionError` past 9995 nested expressions, `MemoryError` past about 6000 levels of
//!   right-nested `-`, `not`, `lambda`, `**` or conditional expressions), so every tree returned
//!   can be walked, dumped and dropped by recursive code.
//! - Node locations are CPython's: UTF-8 byte columns, ends exclusive.
//! - Errors follow CPython's precedence: a tokenizer error anywhere wins over a syntax error
//!   before it; CPython's specialised messages win over "invalid syntax".
//!
//! **Not here**: no AST validation or optimisation (`ast.parse` does neither); no warnings
//! (CPython's SyntaxWarnings for invalid escapes are not produced); `barry_as_FLUFL` and
//! `feature_version` are not supported; the parser does not know names of `\N{...}` aliases.
//!
//! **Dependencies**: pyrs-tokenizer (tokens), pyrs-ast (the tree), lalrpop-util (the runtime
//! of the generated tables; lalrpop itself is a build dependency that generates them), memchr
//! (already the tokenizer's: a string literal's body is searched for a backslash or a carriage
//! return in one vectorised scan, docstrings being long). The bench and
//! examples/parse_corpus.rs use mimalloc as their global allocator, because the `pyrs` binary
//! does, and the bench reads the process's processor-time clock through libc
//! (development dependencies only).
//! CPython's Unicode character names for `\N{...}` escapes come from the reference's
//! `unicodedata`, generated into `src/unicode_names.bin` by gen/unicode_names.py.
//!
//! **Speed**: `cargo xtask bench parse` times both parsers over the reference's whole standard
//! library in one run: 1726 files and 33 MB read into memory, then decoded, tokenized and
//! parsed to trees, which are dropped, the 4 files both parsers reject included. The
//! reference's `ast.parse(data, path, type_comments=True)` (best of 3 passes), then this
//! crate's criterion bench (benches/parse.rs, the mean of its samples), both in processor
//! time, printed
//!
//! ```text
//! parse: pyrs 0.319 s, CPython 3.13 6.967 s, ratio 21.81×
//! ```
//!
//! on a quiet 2-core machine; three runs that day printed ratios from 20.48× to 22.94×. The
//! project asks for at least 10 times;
//! docs/ast-and-parser.md says where the time goes.

mod actions;
mod diagnose;
mod error;
mod grammar_support;
mod lexer;
mod parser;
mod strings;
mod token;
mod unicode_names;

pub use error::{ErrorKind, SyntaxError};

use pyrs_ast::Mod;

/// What the source is, as `compile()`'s `mode` argument says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// `exec`: a module, a sequence of statements.
    Exec,
    /// `eval`: one expression (or a comma-separated list of them).
    Eval,
    /// `single`: one interactive statement.
    Single,
    /// `func_type`: a function type comment, `(int, str) -> bool`.
    FuncType,
}

/// Parses Python source text.
///
/// ```
/// use pyrs_parser::{parse, Mode};
/// use pyrs_ast::Mod;
///
/// let Mod::Expression(e) = parse("a if b else c", Mode::Eval).unwrap() else { panic!() };
/// assert_eq!(e.body.class_name(), "IfExp");
/// ```
pub fn parse(source: &str, mode: Mode) -> Result<Mod, SyntaxError> {
    parser::parse_text(source, mode, true).map_err(|e| e.finish(source))
}

/// [`parse`] without type comments, as `compile()` parses when not given
/// `PyCF_TYPE_COMMENTS`: a `# type:` comment is then an ordinary comment, wherever it is.
///
/// ```
/// use pyrs_parser::{parse, parse_code, Mode};
///
/// assert!(parse("# type: int\nx = 1\n", Mode::Exec).is_err());
/// assert!(parse_code("# type: int\nx = 1\n", Mode::Exec).is_ok());
/// ```
pub fn parse_code(source: &str, mode: Mode) -> Result<Mod, SyntaxError> {
    parser::parse_text(source, mode, false).map_err(|e| e.finish(source))
}

/// Parses the bytes of a source file: decodes them first as CPython does (a UTF-8 byte-order
/// mark, a PEP 263 `coding:` declaration, UTF-8 otherwise).
///
/// ```
/// use pyrs_parser::{parse_bytes, Mode};
///
/// let tree = parse_bytes(b"# -*- coding: latin-1 -*-\ns = '\xe9'\n", Mode::Exec).unwrap();
/// assert!(pyrs_ast::dump(&tree).contains("value='\u{e9}'"));
/// let err = parse_bytes(b"# coding: nope\n", Mode::Exec).unwrap_err();
/// assert_eq!(err.msg, "unknown encoding: nope");
/// ```
pub fn parse_bytes(source: &[u8], mode: Mode) -> Result<Mod, SyntaxError> {
    let text = decode::decode(source)?;
    parse(&text, mode)
}

/// [`parse_bytes`] without type comments (see [`parse_code`]).
pub fn parse_code_bytes(source: &[u8], mode: Mode) -> Result<Mod, SyntaxError> {
    let text = decode::decode(source)?;
    parse_code(&text, mode)
}

mod decode;

/// What [`dump_file`] prints: the text for standard output, and for standard error when the
/// file is rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dump {
    /// The dump, with its final newline; empty when the file is rejected.
    pub stdout: String,
    /// The end of the traceback `python3.13 -m ast` prints for a rejected file.
    pub stderr: Option<String>,
}

/// `python3.13 -m ast -a FILE`: parses the bytes of a file with type comments and prints the
/// tree with its locations, indented by 3; or the traceback's last lines for a rejected file.
/// `filename` is the name shown in the error.
///
/// ```
/// let out = pyrs_parser::dump_file(b"pass\n", "x.py");
/// assert!(out.stdout.starts_with("Module(\n   body=[\n      Pass(\n         lineno=1,"));
/// let out = pyrs_parser::dump_file(b"pass pass\n", "x.py");
/// assert_eq!(out.stderr.unwrap(), "  File \"x.py\", line 1\n    pass pass\n         ^^^^\nSyntaxError: invalid syntax\n");
/// ```
pub fn dump_file(bytes: &[u8], filename: &str) -> Dump {
    // Deep trees are dumped recursively: give the dumper a stack that fits the deepest tree
    // the parser accepts, whatever the caller's stack is.
    let run = || match parse_bytes(bytes, Mode::Exec) {
        Ok(tree) => Dump {
            stdout: pyrs_ast::dump(&tree) + "\n",
            stderr: None,
        },
        Err(err) => Dump {
            stdout: String::new(),
            stderr: Some(decode::traceback_tail(&err, filename)),
        },
    };
    std::thread::scope(|s| {
        std::thread::Builder::new()
            .stack_size(256 << 20)
            .spawn_scoped(s, run)
            .ok()
            .and_then(|h| h.join().ok())
    })
    .unwrap_or_else(|| Dump {
        stdout: String::new(),
        stderr: Some("MemoryError\n".into()),
    })
}
