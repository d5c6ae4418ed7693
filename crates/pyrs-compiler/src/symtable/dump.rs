//! The text `python3.13 -m symtable FILE` prints (Lib/symtable.py, `main`), for
//! `pyrs --dump symtable FILE`.

use pyrs_ast::repr::str_repr;
use pyrs_parser::{Mode, SyntaxError};

use super::{build, SymbolTable};

/// Every scope, depth first, each as a header line, one line per symbol and a blank line;
/// nested scopes are indented by four more spaces.
///
/// ```
/// let tree = pyrs_parser::parse("def f(a):\n    return a\n", pyrs_parser::Mode::Exec).unwrap();
/// let table = pyrs_compiler::symtable::build(&tree, "x.py").unwrap();
/// assert_eq!(table.dump(), "\
/// symbol table for module from file 'x.py':
///     local symbol 'f': def_local
///
///     symbol table for function 'f':
///         local symbol 'a': use, def_param
///
/// ");
/// ```
pub(crate) fn dump(table: &SymbolTable<'_>) -> String {
    let mut out = String::new();
    let mut pending = vec![(table.top(), 0usize)];
    while let Some((scope, level)) = pending.pop() {
        let indent = "    ".repeat(level);
        let nested = if scope.is_nested() { "nested " } else { "" };
        let what = if level == 0 {
            format!("from file {}", str_repr(table.filename()))
        } else {
            str_repr(scope.name())
        };
        out.push_str(&format!(
            "{indent}symbol table for {nested}{} {what}:\n",
            scope.kind().as_str()
        ));
        for symbol in scope.symbols() {
            let flags: Vec<&str> = symbol.flags().names().collect();
            let kind = symbol.scope().map_or("0", |s| s.as_str());
            out.push_str(&format!(
                "    {indent}{kind} symbol {}: {}\n",
                str_repr(symbol.name()),
                flags.join(", ")
            ));
        }
        out.push('\n');
        let children: Vec<_> = scope.children().collect();
        pending.extend(children.into_iter().rev().map(|c| (c, level + 1)));
    }
    out
}

/// What [`dump_file`] prints: the text for standard output, and for standard error when the
/// file is rejected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dump {
    /// The dump, empty when the file is rejected.
    pub stdout: String,
    /// The end of the traceback `python3.13 -m symtable` prints for a rejected file: the
    /// `File` line, the source line with its carets, and the exception.
    pub stderr: Option<String>,
}

/// `python3.13 -m symtable FILE`: decodes and parses the bytes of a file, builds its symbol
/// table and prints it; or, for a file rejected by the parser or the symbol table, the end
/// of the traceback. `filename` is the name the output shows.
///
/// ```
/// let out = pyrs_compiler::symtable::dump_file(b"nonlocal x\n", "m.py");
/// assert_eq!(out.stderr.unwrap(), "  File \"m.py\", line 1\n    nonlocal x\n    ^^^^^^^^^^\nSyntaxError: nonlocal declaration not allowed at module level\n");
/// ```
pub fn dump_file(bytes: &[u8], filename: &str) -> Dump {
    let result = pyrs_parser::parse_bytes(bytes, Mode::Exec).and_then(|tree| {
        build(&tree, filename)
            .map(|table| table.dump())
            .map_err(|mut err| {
                // CPython reads the line from the file for errors raised after parsing.
                if err.kind.is_syntax_error() && err.text.is_none() {
                    err.text = source_line(bytes, err.lineno);
                }
                err
            })
    });
    match result {
        Ok(stdout) => Dump {
            stdout,
            stderr: None,
        },
        Err(err) => Dump {
            stdout: String::new(),
            stderr: Some(traceback_tail(&err, filename)),
        },
    }
}

/// Line `lineno` (from 1) of the file, newline included, decoded as CPython's
/// `PyErr_ProgramTextObject` does (UTF-8, with replacement characters).
pub(crate) fn source_line(bytes: &[u8], lineno: u32) -> Option<String> {
    let index = usize::try_from(lineno).ok()?.checked_sub(1)?;
    let line = bytes.split_inclusive(|&b| b == b'\n').nth(index)?;
    Some(String::from_utf8_lossy(line).into_owned())
}

/// The last lines of a traceback for `err`, as Lib/traceback.py's `_format_syntax_error`
/// writes them (offsets are used as character positions, as CPython uses them).
// FIXME: pyrs-parser has the same formatter (decode::traceback_tail), private to it; one
// shared, public one would serve both dumps.
pub(crate) fn traceback_tail(err: &SyntaxError, filename: &str) -> String {
    if !err.kind.is_syntax_error() {
        return format!("{}: {}\n", err.kind.name(), err.msg);
    }
    let mut out = format!("  File \"{filename}\", line {}\n", err.lineno);
    if let Some(text) = &err.text {
        let rtext = text.trim_end_matches('\n');
        let ltext = rtext.trim_start_matches([' ', '\n', '\x0c']);
        let spaces = rtext.chars().count() as i64 - ltext.chars().count() as i64;
        let text_len = text.chars().count() as i64;
        let rtext_len = rtext.chars().count() as i64;
        let mut offset = i64::from(err.offset);
        let mut end_offset = if err.lineno == err.end_lineno {
            match err.end_offset {
                0 => offset,
                end => i64::from(end),
            }
        } else {
            rtext_len + 1
        };
        if offset > text_len {
            offset = rtext_len + 1;
        }
        if end_offset > text_len {
            end_offset = rtext_len + 1;
        }
        if offset >= end_offset || end_offset < 0 {
            end_offset = offset + 1;
        }
        let colno = offset - 1 - spaces;
        let end_colno = end_offset - 1 - spaces;
        out.push_str(&format!("    {ltext}\n"));
        if colno >= 0 {
            let caretspace: String = ltext
                .chars()
                .take(colno as usize)
                .map(|c| if is_space(c) { c } else { ' ' })
                .collect();
            let carets = "^".repeat((end_colno - colno).max(0) as usize);
            out.push_str(&format!("    {caretspace}{carets}\n"));
        }
    }
    out.push_str(&format!("{}: {}\n", err.kind.name(), err.msg));
    out
}

/// Python's `str.isspace` for one character: Unicode white space, and the separators
/// U+001C to U+001F that Python counts too.
fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// Makes two dumps comparable although CPython prints some symbols in an order that changes
/// from run to run: sorts the symbol lines of each scope, leaving the scopes and everything
/// else in place. The conformance comparison applies it to both sides.
///
/// ```
/// use pyrs_compiler::symtable::normalise_dump;
///
/// let dump = "symbol table for module from file 'x.py':\n    local symbol 'b': def_local\n    local symbol 'a': def_local\n\n";
/// assert_eq!(normalise_dump(dump), "symbol table for module from file 'x.py':\n    local symbol 'a': def_local\n    local symbol 'b': def_local\n\n");
/// ```
pub fn normalise_dump(dump: &str) -> String {
    let mut out = String::with_capacity(dump.len());
    let mut run: Vec<&str> = Vec::new();
    for line in dump.split_inclusive('\n') {
        let content = line.trim_start_matches(' ');
        if content.trim_end().is_empty() || content.starts_with("symbol table for ") {
            run.sort_unstable();
            out.extend(run.drain(..));
            out.push_str(line);
        } else {
            run.push(line);
        }
    }
    run.sort_unstable();
    out.extend(run.drain(..));
    out
}
