//! [`compile`]: source text or a syntax tree to a code object, the whole of CPython's
//! `compile()` from parsing to assembly.

use pyrs_ast::Mod;
use pyrs_bytecode::{CodeFlags, CodeObject};
use pyrs_parser::{ErrorKind, Mode, SyntaxError};

use crate::codegen::Compiler;
use crate::symtable::{self, Stop};

/// What to compile: source text (parsed first) or an already parsed tree.
#[derive(Clone, Copy, Debug)]
pub enum Source<'a> {
    /// Python source text.
    Text(&'a str),
    /// The bytes of a source file, decoded as CPython decodes files (BOM, PEP 263).
    Bytes(&'a [u8]),
    /// A syntax tree, as pyrs-parser builds it (it is copied: folding changes the tree).
    Tree(&'a Mod),
}

/// Compiles source text or a tree to the module's code object, as
/// `compile(source, filename, mode, optimize=optimize)` does in CPython 3.13.
///
/// `optimize` is `-O`'s level: 0 keeps `assert` statements and `__debug__` is true; 1 drops
/// asserts; 2 also drops docstrings.
///
/// ```
/// use pyrs_compiler::{compile, Source};
/// use pyrs_parser::Mode;
///
/// let code = compile(Source::Text("x = 1\nprint(x + 2)\n"), "example.py", Mode::Exec, 0).unwrap();
/// let listing = pyrs_bytecode::dis::disassemble(&code);
/// assert!(listing.contains("STORE_NAME               0 (x)"));
/// assert!(listing.contains("BINARY_OP                0 (+)"));
///
/// let err = compile(Source::Text("return 1\n"), "example.py", Mode::Exec, 0).unwrap_err();
/// assert_eq!(err.msg, "'return' outside function");
/// ```
pub fn compile(
    source: Source<'_>,
    filename: &str,
    mode: Mode,
    optimize: u32,
) -> Result<CodeObject, SyntaxError> {
    compile_with_warnings(source, filename, mode, optimize).0
}

/// [`compile`], with the SyntaxWarnings the code generator found (CPython emits them
/// through the `warnings` machinery while it compiles; a caller that runs the code emits
/// them before running it). Warnings found before a SyntaxError are kept.
///
/// ```
/// use pyrs_compiler::{compile_with_warnings, Source};
/// use pyrs_parser::Mode;
///
/// let (code, warnings) = compile_with_warnings(Source::Text("x = 1 is 1\n"), "w.py", Mode::Exec, 0);
/// assert!(code.is_ok());
/// assert_eq!(warnings[0].msg, "\"is\" with 'int' literal. Did you mean \"==\"?");
/// assert_eq!(warnings[0].lineno, 1);
/// ```
pub fn compile_with_warnings(
    source: Source<'_>,
    filename: &str,
    mode: Mode,
    optimize: u32,
) -> (Result<CodeObject, SyntaxError>, Vec<crate::Warning>) {
    let parsed = match source {
        Source::Text(text) => pyrs_parser::parse_code(text, mode),
        Source::Bytes(bytes) => pyrs_parser::parse_code_bytes(bytes, mode),
        Source::Tree(tree) => {
            let mut tree = tree.clone();
            if let Err(stop) = crate::stack::run(|limit| crate::validate::check(&tree, limit)) {
                return (Err(stop_error(stop)), Vec::new());
            }
            return compile_parsed(&mut tree, filename, optimize);
        }
    };
    match parsed {
        Ok(mut tree) => compile_parsed(&mut tree, filename, optimize),
        Err(err) => (Err(err), Vec::new()),
    }
}

/// Compiles a tree in place (it is folded first); see [`compile`]. The tree's shape is
/// checked first, so that a hand-built tree no parser could make (a comparison without
/// operators, a dict whose keys and values differ in number…) is an error, not a panic.
pub fn compile_tree(
    tree: &mut Mod,
    filename: &str,
    optimize: u32,
) -> Result<CodeObject, SyntaxError> {
    crate::stack::run(|limit| crate::validate::check(tree, limit)).map_err(stop_error)?;
    compile_parsed(tree, filename, optimize).0
}

/// [`compile_tree`] for a tree the parser built, whose shape needs no check.
fn compile_parsed(
    tree: &mut Mod,
    filename: &str,
    optimize: u32,
) -> (Result<CodeObject, SyntaxError>, Vec<crate::Warning>) {
    match generate(tree, filename, optimize) {
        Ok((code, warnings)) => (code, warnings),
        Err(err) => (Err(err), Vec::new()),
    }
}

/// The passes after parsing; errors before code generation come out as `Err`, code
/// generation's own result comes with the warnings it found.
#[allow(clippy::type_complexity)]
fn generate(
    tree: &mut Mod,
    filename: &str,
    optimize: u32,
) -> Result<(Result<CodeObject, SyntaxError>, Vec<crate::Warning>), SyntaxError> {
    let future = symtable::future::features(tree)?;
    let future_line = symtable::future::last_line(tree);
    let mut state = (&mut *tree, crate::ast_opt::Folded::default());
    let folding = crate::stack::run_mut(&mut state, |(tree, folded), limit| {
        crate::ast_opt::optimize(tree, folded, optimize, future.annotations, limit)
    });
    let folded = state.1;
    folding.map_err(stop_error)?;
    let table = symtable::build(tree, filename)?;
    let tree: &Mod = tree;
    let mut future_flags = CodeFlags::NONE;
    if future.annotations {
        future_flags |= CodeFlags::FUTURE_ANNOTATIONS;
    }
    let result = crate::stack::run(|limit| {
        let mut c = Compiler {
            table: &table,
            names: symtable::CodeNames::new(table.names()),
            folded: &folded,
            filename: filename.into(),
            optimize,
            future_flags,
            future_annotations: future.annotations,
            future_line,
            interactive: false,
            units: Vec::new(),
            depth: 0,
            limit,
            warnings: Vec::new(),
            spare_units: Vec::new(),
            qualname_buf: String::new(),
        };
        match c.compile_mod(tree) {
            Err(Stop::TooDeep) => Err(Stop::TooDeep),
            done => Ok((done.map_err(stop_error), c.warnings)),
        }
    });
    Ok(result.unwrap_or_else(|stop| (Err(stop_error(stop)), Vec::new())))
}

fn stop_error(stop: Stop) -> SyntaxError {
    match stop {
        Stop::Error(err) => *err,
        Stop::TooDeep => SyntaxError {
            kind: ErrorKind::RecursionError,
            msg: crate::messages::RECURSION.to_string(),
            lineno: 0,
            offset: 0,
            end_lineno: 0,
            end_offset: 0,
            text: None,
        },
    }
}

/// `python3.13 -m dis FILE`: compiles the bytes of a file and disassembles its code objects,
/// or gives the end of the traceback for a file the compiler rejects (what `pyrs --dump
/// bytecode FILE` prints).
pub fn dump_file(bytes: &[u8], filename: &str) -> symtable::Dump {
    match compile(Source::Bytes(bytes), filename, Mode::Exec, 0) {
        Ok(code) => symtable::Dump {
            stdout: pyrs_bytecode::dis::disassemble(&code),
            stderr: None,
        },
        Err(mut err) => {
            if err.kind.is_syntax_error() && err.text.is_none() {
                err.text = symtable::dump::source_line(bytes, err.lineno);
            }
            symtable::Dump {
                stdout: String::new(),
                stderr: Some(symtable::dump::traceback_tail(&err, filename)),
            }
        }
    }
}
