//! The interactive prompt: CPython 3.13's REPL as a user meets it. On a terminal, the line
//! editor of [`editor`] (3.13's `_pyrepl` redone): history kept in `~/.python_history` (or
//! PYTHON_HISTORY) in `_pyrepl`'s format, blocks entered and edited as one unit with `... `
//! on their continuation lines, indentation after `:`, tab completion ([`completion`]), a
//! coloured prompt, and `exit`/`quit` without parentheses. Without a terminal (standard
//! input a pipe, with `-i`), CPython's plain loop: prompts on standard error, one line at a
//! time.
//!
//! On a terminal, an entry runs as `_pyrepl.console.InteractiveColoredConsole.runsource`
//! runs it: parsed whole, then each statement compiled and run in turn, all but the last as
//! in a module and the last in `single` mode, so that only the last statement's value goes
//! to `sys.displayhook` (which also sets `_`) — `1; 2` shows `2`. The plain loop compiles
//! the whole entry in `single` mode, as PyRun_InteractiveLoop does (`1; 2` shows both). An
//! uncaught exception is printed through `sys.excepthook` and the prompt goes on; SystemExit
//! ends it. On a terminal, entries are named as 3.13's REPL names them,
//! `<python-input-N>` (N counting every entry from 0, empty ones too), and their source
//! stays known to tracebacks and to `linecache`, so a function entered earlier shows its
//! own lines; the plain loop names every entry `<stdin>`.

mod editor;

use std::cell::RefCell;
use std::io::{BufRead, IsTerminal, Write};

use pyrs_compiler::{Mode, Source};
use pyrs_objects::{protocol, str as pystr, ExcKind, PyErr, Value};

use crate::cli::Options;
use crate::completion::Completer;
use editor::{ReadError, Reader};

/// The primary and secondary prompts (`sys.ps1`, `sys.ps2`).
const PS1: &str = ">>> ";
const PS2: &str = "... ";

/// What the compiler makes of an entry so far.
#[derive(PartialEq, Eq, Debug)]
enum Check {
    /// It can run.
    Complete,
    /// It is an unfinished statement (an open bracket or string, a block header without a
    /// body, a line ending in a backslash), or it holds a block, which a blank line ends.
    Incomplete,
    /// It is wrong however it goes on.
    Invalid,
}

/// `codeop`'s verdict on an entry, compiled in `single` mode.
fn check(source: &str) -> Check {
    if source.trim().is_empty() {
        return Check::Complete;
    }
    let text = format!("{source}\n");
    match pyrs_compiler::compile(Source::Text(&text), "<stdin>", Mode::Single, 0) {
        Ok(_) => {
            // A compound statement (a block, even on one line: `if x: pass`) ends at a
            // blank line, as the interactive tokenizer wants it.
            let ends_blank = source
                .rsplit('\n')
                .next()
                .is_some_and(|l| l.trim().is_empty());
            if !ends_blank && is_compound(&text) {
                Check::Incomplete
            } else {
                Check::Complete
            }
        }
        Err(err) if is_incomplete(&err, source) => Check::Incomplete,
        Err(_) => Check::Invalid,
    }
}

/// Whether the plain loop reads another line before running `source`.
pub(crate) fn needs_more(source: &str) -> bool {
    check(source) == Check::Incomplete
}

/// `_pyrepl.simple_interact._strip_final_indent`: the blanks after the last newline (the
/// editor's automatic indentation of a line left empty) dropped.
fn strip_final_indent(text: &str) -> &str {
    let short = text.trim_end_matches([' ', '\t']);
    if short.ends_with('\n') {
        short
    } else {
        text
    }
}

/// `_pyrepl.simple_interact._more_lines`: whether Enter at the end of the entry `text`
/// opens a new line. An entry of several lines that cannot compile goes on too, while its
/// last line is not empty, so that it can be corrected before it runs.
fn more_lines(text: &str) -> bool {
    let source = strip_final_indent(text);
    match check(source) {
        Check::Complete => false,
        Check::Incomplete => true,
        Check::Invalid => {
            let lines: Vec<&str> = source.split_inclusive('\n').collect();
            let Some(last) = lines.last().filter(|_| lines.len() > 1) else {
                return false;
            };
            let indented = last.starts_with([' ', '\t']);
            (indented || !last.trim().is_empty()) && !last.ends_with('\n')
        }
    }
}

/// Whether the statement of `text` (which compiles in `single` mode) is a compound one.
fn is_compound(text: &str) -> bool {
    use pyrs_ast::{Mod, Stmt};
    let Ok(Mod::Interactive(tree)) = pyrs_parser::parse_code(text, Mode::Single) else {
        return false;
    };
    tree.body.iter().any(|stmt| {
        matches!(
            stmt,
            Stmt::FunctionDef(_)
                | Stmt::AsyncFunctionDef(_)
                | Stmt::ClassDef(_)
                | Stmt::For(_)
                | Stmt::AsyncFor(_)
                | Stmt::While(_)
                | Stmt::If(_)
                | Stmt::With(_)
                | Stmt::AsyncWith(_)
                | Stmt::Match(_)
                | Stmt::Try(_)
                | Stmt::TryStar(_)
        )
    })
}

/// Whether a syntax error only says that the input stopped too early (what CPython's
/// PyCF_ALLOW_INCOMPLETE_INPUT reports as `_IncompleteInputError`).
fn is_incomplete(err: &pyrs_parser::SyntaxError, source: &str) -> bool {
    let msg = err.msg.as_str();
    let last_line = source.split('\n').count();
    msg.starts_with("expected an indented block")
        || msg.ends_with("was never closed")
        || msg.starts_with("unterminated triple-quoted string")
        || msg.starts_with("unexpected EOF")
        || (source.trim_end().ends_with('\\') && err.lineno as usize >= last_line)
        || (source.trim_start().starts_with('@') && err.lineno as usize >= last_line)
}

/// Whether output to standard error may be coloured (Lib/_colorize.py's `can_colorize`).
pub(crate) fn can_colorize(options: &Options) -> bool {
    let env = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if options.flags.ignore_environment == 0 {
        match std::env::var("PYTHON_COLORS").as_deref() {
            Ok("0") => return false,
            Ok("1") => return true,
            _ => {}
        }
    }
    if env("NO_COLOR").is_some() {
        return false;
    }
    if env("FORCE_COLOR").is_some() {
        return true;
    }
    if std::env::var("TERM").is_ok_and(|t| t == "dumb") {
        return false;
    }
    std::io::stderr().is_terminal()
}

/// The history file: PYTHON_HISTORY, else `~/.python_history`.
fn history_file(options: &Options) -> Option<std::path::PathBuf> {
    if options.flags.ignore_environment == 0 {
        if let Some(path) = std::env::var_os("PYTHON_HISTORY").filter(|p| !p.is_empty()) {
            return Some(path.into());
        }
    }
    std::env::var_os("HOME").map(|home| std::path::Path::new(&home).join(".python_history"))
}

/// How one entry ended.
enum Outcome {
    /// The prompt goes on.
    Continue,
    /// SystemExit: the process ends with this status.
    Exit(i32),
}

/// How running code ended, for the prompt.
fn outcome(result: pyrs_objects::PyResult<Value>) -> Outcome {
    pyrs_vm::sys::flush_stdout();
    match result {
        Ok(_) => Outcome::Continue,
        Err(e) if e.is(ExcKind::SystemExit) => Outcome::Exit(pyrs_vm::handle_uncaught(&e)),
        Err(e) => {
            pyrs_vm::handle_uncaught(&e);
            pyrs_vm::run::set_unhandled_keyboard_interrupt(false);
            Outcome::Continue
        }
    }
}

/// Runs one entry of the plain loop in `__main__`, compiled whole in `single` mode.
fn run_entry(main: &Value, source: &str, filename: &str) -> Outcome {
    let globals = pyrs_vm::run::main_globals(main);
    let text = format!("{source}\n");
    // Tracebacks show the entry's lines, as CPython's interactive loop keeps them.
    pyrs_vm::traceback::register_source(filename, &text);
    let result = pyrs_vm::compile_source(text.as_bytes(), filename, Mode::Single)
        .and_then(|code| pyrs_vm::run_code(code, globals.clone(), Some(globals)));
    outcome(result)
}

/// Runs one entry typed at the terminal in `__main__` as 3.13's REPL does
/// (`InteractiveColoredConsole.runsource`): parsed whole, then statement by statement, all
/// but the last compiled as a module and the last in `single` mode (only its value is
/// shown). An exception in one statement is printed and the next one runs; a statement that
/// does not compile is reported and ends the entry.
fn run_statements(main: &Value, source: &str, filename: &str) -> Outcome {
    use pyrs_ast::{Mod, ModInteractive, ModModule};
    let globals = pyrs_vm::run::main_globals(main);
    let text = format!("{source}\n");
    pyrs_vm::traceback::register_source(filename, &text);
    let body = match pyrs_parser::parse_code(&text, Mode::Exec) {
        Ok(Mod::Module(module)) => module.body,
        Ok(_) => Vec::new(),
        Err(err) => return outcome(Err(pyrs_vm::syntax_error(&err, filename))),
    };
    let count = body.len();
    for (i, stmt) in body.into_iter().enumerate() {
        let tree = if i + 1 == count {
            Mod::Interactive(Box::new(ModInteractive { body: vec![stmt] }))
        } else {
            Mod::Module(Box::new(ModModule {
                body: vec![stmt],
                type_ignores: Vec::new(),
            }))
        };
        let (code, warnings) = pyrs_compiler::compile_with_warnings(
            Source::Tree(&tree),
            filename,
            Mode::Exec,
            pyrs_vm::run::optimize_level(),
        );
        let code = pyrs_vm::warnings::emit_compiler_warnings(&warnings, filename).and_then(|()| {
            code.map_err(|err| pyrs_vm::syntax_error(&err, filename))
                .map(|code| pyrs_vm::code::new_code(std::sync::Arc::new(code)))
        });
        let code = match code {
            Ok(code) => code,
            Err(err) => return outcome(Err(err)),
        };
        let result = pyrs_vm::run_code(code, globals.clone(), Some(globals.clone()));
        if let Outcome::Exit(status) = outcome(result) {
            return Outcome::Exit(status);
        }
    }
    Outcome::Continue
}

/// `linecache._register_code(name, source, origin)`, as 3.13 registers each entry of the
/// REPL (origin `<stdin>`) and a `-c` command (`<string>` both), so that
/// `linecache.getline(name, n)` (and through it the `traceback`, `inspect` and `warnings`
/// modules) find its lines too.
pub(crate) fn register_with_linecache(name: &str, source: &str, origin: &str) {
    let registered = pyrs_vm::import::import_absolute("linecache").and_then(|linecache| {
        let register = protocol::getattr_str(&linecache, "_register_code")?;
        protocol::call1(
            &register,
            &[pystr::new(name), pystr::new(source), pystr::new(origin)],
        )
    });
    // Without the standard library, only pyrs's own tracebacks know the lines.
    drop(registered);
}

/// The commands 3.13's prompt runs when typed alone (`REPL_COMMANDS` of
/// `_pyrepl.simple_interact`: `exit`, not `exit()`), unless the name is bound in
/// `__main__`.
fn repl_command(main: &Value, line: &str) -> Option<&'static str> {
    let name = ["exit", "quit", "help", "copyright", "clear"]
        .into_iter()
        .find(|c| line.trim() == *c)?;
    let globals = pyrs_vm::run::main_globals(main);
    let bound = globals
        .downcast::<pyrs_objects::dict::DictData>()
        .is_some_and(|d| d.get_str(&pystr::intern(name)).is_some());
    (!bound).then_some(name)
}

/// Runs the interactive prompt in `__main__`; the exit status. `fresh` is true when nothing
/// ran before it (the banner and PYTHONSTARTUP come first then).
pub(crate) fn interactive(main: &Value, options: &Options, fresh: bool) -> i32 {
    pyrs_vm::run::set_inspect(false);
    let tty = std::io::stdin().is_terminal();
    // PYTHON_BASIC_REPL asks for the plain loop on a terminal too (Modules/main.c).
    let basic = options.flags.ignore_environment == 0
        && std::env::var_os("PYTHON_BASIC_REPL").is_some_and(|v| !v.is_empty());
    if fresh && options.flags.quiet == 0 && (tty || options.flags.interactive > 0) {
        let version = pyrs_vm::sys::get("version")
            .and_then(|v| pystr::text_of(&v))
            .unwrap_or_default();
        pyrs_vm::sys::write_stderr(&format!(
            "Python {version} on linux\nType \"help\", \"copyright\", \"credits\" or \"license\" for more information.\n"
        ));
    }
    for (name, prompt) in [("ps1", PS1), ("ps2", PS2)] {
        if pyrs_vm::sys::get(name).is_none() {
            pyrs_vm::sys::set(name, pystr::new(prompt));
        }
    }
    if fresh {
        if let Some(file) = &options.startup {
            if let Ok(source) = std::fs::read(file) {
                if let Err(e) = pyrs_vm::run::run_source(main, &source, file) {
                    pyrs_vm::handle_uncaught(&e);
                }
            }
        }
    }
    if tty && !basic {
        // The line editor reads Ctrl-C as a key; while code runs, it raises
        // KeyboardInterrupt there.
        crate::install_sigint_handler();
        line_editor_loop(main, options)
    } else {
        plain_loop(main)
    }
}

/// `sys.ps1` or `sys.ps2` as text (a program may have set them to any object).
fn prompt(name: &str, default: &str) -> String {
    pyrs_vm::sys::get(name)
        .and_then(|p| protocol::str(&p).ok())
        .and_then(|s| pystr::text_of(&s))
        .unwrap_or_else(|| default.to_string())
}

/// What the line editor asks of the prompt: when an entry goes on, and completions.
struct Prompt {
    completer: Completer,
}

impl editor::Host for Prompt {
    fn more_lines(&self, text: &str) -> bool {
        more_lines(text)
    }

    fn completions(&self, stem: &str, line: &str) -> Vec<String> {
        self.completer.completions(stem, line)
    }

    fn help(&self) {
        run_helper("import _sitebuiltins\n_sitebuiltins._Helper()()\n", None);
    }

    fn show_history(&self, history: &str) {
        const SOURCE: &str = "\
from _pyrepl.pager import get_pager
import site
get_pager()(history, site.gethistoryfile())
";
        run_helper(SOURCE, Some(history));
    }
}

/// Runs what an editor key asks for (F1's help, F2's pager) in a namespace of its own,
/// with `history` bound to the text given; an exception is printed and forgotten.
fn run_helper(source: &str, history: Option<&str>) {
    let globals = pyrs_objects::dict::new();
    if let Some(d) = globals.downcast::<pyrs_objects::dict::DictData>() {
        d.set_str("__builtins__", pyrs_vm::builtins::builtins_module().clone());
        if let Some(history) = history {
            d.set_str("history", pystr::new(history));
        }
    }
    let result = pyrs_vm::compile_source(source.as_bytes(), "<stdin>", Mode::Exec)
        .and_then(|code| pyrs_vm::run_code(code, globals.clone(), Some(globals)));
    pyrs_vm::sys::flush_stdout();
    if let Err(e) = result {
        if !e.is(ExcKind::SystemExit) {
            pyrs_vm::handle_uncaught(&e);
        }
    }
}

/// The line editor and what it serves, kept between entries so that `input()` reads with
/// the same editor and history while code typed at the prompt runs. It is taken out of its
/// place while a line is read (the completer runs Python code, which may call `input()`).
struct Session {
    reader: Reader,
    host: Prompt,
}

thread_local! {
    static SESSION: RefCell<Option<Session>> = const { RefCell::new(None) };
    /// The `input` that the prompt's own replaced, for when the editor cannot read.
    static BUILTIN_INPUT: RefCell<Option<Value>> = const { RefCell::new(None) };
}

fn take_session() -> Option<Session> {
    SESSION.with(|s| s.borrow_mut().take())
}

fn put_session(session: Session) {
    SESSION.with(|s| *s.borrow_mut() = Some(session));
}

/// Puts `history` in the line editor's place; the history it had.
fn with_history(history: Vec<String>) -> Vec<String> {
    let Some(mut session) = take_session() else {
        return history;
    };
    let old = std::mem::replace(&mut session.reader.history, history);
    put_session(session);
    old
}

/// `builtins.input` while the prompt runs (`_ReadlineWrapper.input`, which 3.13's REPL
/// puts in place): the line read with the line editor behind the prompt given, and added to
/// the history; Ctrl-C raises KeyboardInterrupt, Ctrl-D on an empty line EOFError.
fn editor_input(args: pyrs_objects::args::Args<'_>) -> pyrs_objects::PyResult<Value> {
    let a = args.exact("input", 0, 1)?;
    let prompt = match a.first() {
        Some(p) => pystr::text_of(&protocol::str(p)?).unwrap_or_default(),
        None => String::new(),
    };
    let builtin = BUILTIN_INPUT.with(|b| b.borrow().clone());
    let Some(mut session) = take_session() else {
        return match builtin {
            Some(input) => protocol::call1(&input, a),
            None => Err(PyErr::runtime_error("input(): lost the line editor")),
        };
    };
    pyrs_vm::sys::flush_stdout();
    let result = session.reader.readline(&session.host, &prompt, "", false);
    put_session(session);
    match result {
        Ok(line) => Ok(pystr::new(&line)),
        Err(ReadError::Interrupted) => {
            Err(PyErr::with_args(ExcKind::KeyboardInterrupt, Vec::new()))
        }
        Err(ReadError::Eof) => Err(PyErr::with_args(ExcKind::EOFError, Vec::new())),
        Err(ReadError::Io) => match builtin {
            Some(input) => protocol::call1(&input, a),
            None => Err(PyErr::runtime_error("input(): lost the line editor")),
        },
    }
}

/// Puts [`editor_input`] in `builtins.input`, keeping the one it replaces.
fn install_editor_input() {
    let builtins = pyrs_vm::builtins::builtins_module();
    if let Ok(input) = protocol::getattr_str(builtins, "input") {
        BUILTIN_INPUT.with(|b| *b.borrow_mut() = Some(input));
    }
    let function = pyrs_objects::native::new_function("input", editor_input);
    let _ = protocol::setattr(builtins, &pystr::intern("input"), Some(&function));
}

/// The prompt on a terminal, through the line editor (`run_multiline_interactive_console`
/// of `_pyrepl.simple_interact`).
fn line_editor_loop(main: &Value, options: &Options) -> i32 {
    let mut reader = Reader::new(can_colorize(options));
    // As `site.register_readline`: the history file is read at the start and written
    // whole at the end.
    let history = history_file(options);
    if let Some(path) = &history {
        let _ = reader.read_history_file(path);
    }
    put_session(Session {
        reader,
        host: Prompt {
            completer: Completer::new(main.clone()),
        },
    });
    install_editor_input();
    // The number in the next entry's name, `<python-input-N>`.
    let mut input_n = 0usize;
    let status = loop {
        pyrs_vm::sys::flush_stdout();
        let ps1 = prompt("ps1", PS1);
        let ps2 = prompt("ps2", PS2);
        let Some(mut session) = take_session() else {
            break 1;
        };
        let result = session.reader.readline(&session.host, &ps1, &ps2, true);
        let command = result.as_ref().ok().and_then(|e| repl_command(main, e));
        if command.is_some() {
            // Commands stay out of the history.
            session.reader.history.pop();
        }
        put_session(session);
        match result {
            Ok(entry) => {
                if let Some(command) = command {
                    match command {
                        "exit" | "quit" => break 0,
                        "clear" => drop(pyrs_vm::sys::write_stdout("\x1b[H\x1b[2J")),
                        _ => {
                            // As `reader.suspend()` around `help`: what is read meanwhile
                            // (pydoc's `help>` answers) leaves the history as it was.
                            let saved = with_history(Vec::new());
                            let call = format!("{command}()");
                            let outcome = run_entry(main, &call, "<stdin>");
                            with_history(saved);
                            if let Outcome::Exit(status) = outcome {
                                break status;
                            }
                        }
                    }
                    continue;
                }
                let name = format!("<python-input-{input_n}>");
                register_with_linecache(&name, &entry, "<stdin>");
                input_n += 1;
                if let Outcome::Exit(status) =
                    run_statements(main, strip_final_indent(&entry), &name)
                {
                    break status;
                }
            }
            Err(ReadError::Interrupted) => {
                pyrs_vm::sys::write_stderr("KeyboardInterrupt\n");
            }
            Err(ReadError::Eof) => break 0,
            Err(ReadError::Io) => break 1,
        }
    };
    if let Some(session) = take_session() {
        if let Some(path) = &history {
            let _ = session.reader.write_history_file(path);
        }
    }
    // Code run after the prompt (atexit handlers) finds the builtin input again.
    if let Some(input) = BUILTIN_INPUT.with(|b| b.borrow_mut().take()) {
        let builtins = pyrs_vm::builtins::builtins_module();
        let _ = protocol::setattr(builtins, &pystr::intern("input"), Some(&input));
    }
    status
}

/// The prompt without a terminal: CPython's PyRun_InteractiveLoop reading lines.
fn plain_loop(main: &Value) -> i32 {
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    loop {
        let mut source = String::new();
        let mut first = true;
        loop {
            let ps = if first {
                prompt("ps1", PS1)
            } else {
                prompt("ps2", PS2)
            };
            pyrs_vm::sys::write_stderr(&ps);
            let _ = std::io::stderr().flush();
            let Some(Ok(line)) = lines.next() else {
                pyrs_vm::sys::write_stderr("\n");
                if !source.trim().is_empty() {
                    if let Outcome::Exit(status) = run_entry(main, &source, "<stdin>") {
                        return status;
                    }
                }
                return 0;
            };
            if !first {
                source.push('\n');
            }
            source.push_str(&line);
            first = false;
            if !needs_more(&source) {
                break;
            }
        }
        if source.trim().is_empty() {
            continue;
        }
        if let Outcome::Exit(status) = run_entry(main, source.trim_end(), "<stdin>") {
            return status;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complete_and_incomplete_entries() {
        assert!(!needs_more("1 + 1"));
        // A block on one line waits for its blank line too, as in CPython.
        assert!(needs_more("if x: pass"));
        assert!(!needs_more("if x: pass\n"));
        assert!(!needs_more("d = {1:\n 2}"));
        assert!(needs_more("def f():"));
        assert!(needs_more("def f():\n    return 1"));
        assert!(!needs_more("def f():\n    return 1\n"));
        assert!(needs_more("(1,"));
        assert!(!needs_more("x = (1,\n 2)"));
        assert!(needs_more("s = '''abc"));
        assert!(!needs_more("1 +"));
        assert!(needs_more("for i in x:  # loop"));
    }

    #[test]
    fn more_lines_as_pyrepl() {
        assert!(more_lines("def f():"));
        assert!(more_lines("def f():\n    return 1"));
        assert!(!more_lines("def f():\n    return 1\n    "));
        assert!(!more_lines("1 +"));
        // Several lines that do not compile: the last one can still be corrected.
        assert!(more_lines("if x:\n    1 +"));
        assert!(!more_lines("x = 1\ny = 2\n"));
        assert_eq!(strip_final_indent("if x:\n    y\n    "), "if x:\n    y\n");
        assert_eq!(strip_final_indent("x  "), "x  ");
    }
}
