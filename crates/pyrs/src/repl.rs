//! The interactive prompt: CPython 3.13's REPL as a user meets it. On a terminal, a line
//! editor (rustyline) with history kept in `~/.python_history` (or PYTHON_HISTORY), blocks
//! entered and edited as one unit, indentation after `:`, tab completion ([`completion`]),
//! a coloured prompt, and `exit`/`quit` without parentheses. Without a terminal (standard
//! input a pipe, with `-i`), CPython's plain loop: prompts on standard error, one line at a
//! time.
//!
//! Each entry is compiled in `single` mode, so an expression statement's value goes to
//! `sys.displayhook` (which also sets `_`); an uncaught exception is printed through
//! `sys.excepthook` and the prompt goes on; SystemExit ends it. On a terminal, entries are
//! named as 3.13's REPL names them, `<python-input-N>` (N counting every entry from 0, empty
//! ones too), and their source stays known to tracebacks and to `linecache`, so a function
//! entered earlier shows its own lines; the plain loop names every entry `<stdin>`.

use std::io::{BufRead, IsTerminal, Write};

use pyrs_compiler::{Mode, Source};
use pyrs_objects::{protocol, str as pystr, ExcKind, Value};
use rustyline::error::ReadlineError;
use rustyline::{
    Cmd, ConditionalEventHandler, Event, EventContext, EventHandler, KeyCode, KeyEvent, Modifiers,
    RepeatCount,
};

use crate::cli::Options;
use crate::completion::Helper;

/// The primary and secondary prompts (`sys.ps1`, `sys.ps2`).
const PS1: &str = ">>> ";
const PS2: &str = "... ";

/// Whether `source` (an entry so far) needs more lines before it can run: it is an
/// unfinished statement (an open bracket or string, a block header without a body, a line
/// ending in a backslash), or it holds a block, which a blank line ends.
pub(crate) fn needs_more(source: &str) -> bool {
    if source.trim().is_empty() {
        return false;
    }
    let text = format!("{source}\n");
    match pyrs_compiler::compile(Source::Text(&text), "<stdin>", Mode::Single, 0) {
        Ok(_) => {
            let lines: Vec<&str> = source.split('\n').collect();
            let opens_block = lines.iter().any(|l| code_of(l).trim_end().ends_with(':'));
            opens_block && !lines.last().is_some_and(|l| l.trim().is_empty())
        }
        Err(err) => is_incomplete(&err, source),
    }
}

/// A line without its comment (a `#` outside string quotes).
fn code_of(line: &str) -> &str {
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            }
            None => match c {
                '#' => return &line[..i],
                '\'' | '"' => quote = Some(c),
                _ => {}
            },
        }
    }
    line
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

/// The indentation a new line of `source` starts with: the last line's, one level deeper
/// after a line ending in `:`.
fn indentation(source: &str) -> String {
    let last = source.rsplit('\n').next().unwrap_or("");
    let indent: String = last
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    if code_of(last).trim_end().ends_with(':') {
        format!("{indent}    ")
    } else {
        indent
    }
}

/// Enter in the line editor: runs the entry when it is complete, else opens a new line,
/// indented.
struct EnterHandler;

impl ConditionalEventHandler for EnterHandler {
    fn handle(&self, _: &Event, _: RepeatCount, _: bool, ctx: &EventContext) -> Option<Cmd> {
        let line = ctx.line();
        if ctx.pos() < line.len() && line[ctx.pos()..].contains('\n') {
            // Editing inside an entry of several lines: Enter splits the line.
            return Some(Cmd::Insert(1, "\n".into()));
        }
        if needs_more(line) {
            Some(Cmd::Insert(1, format!("\n{}", indentation(line))))
        } else {
            Some(Cmd::AcceptLine)
        }
    }
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

/// Runs one entry in `__main__`, compiled under the file name `filename`.
fn run_entry(main: &Value, source: &str, filename: &str) -> Outcome {
    let globals = pyrs_vm::run::main_globals(main);
    let text = format!("{source}\n");
    // Tracebacks show the entry's lines, as CPython's interactive loop keeps them.
    pyrs_vm::traceback::register_source(filename, &text);
    if filename != "<stdin>" {
        register_with_linecache(filename, source, "<stdin>");
    }
    let result = pyrs_vm::compile_source(text.as_bytes(), filename, Mode::Single)
        .and_then(|code| pyrs_vm::run_code(code, globals.clone(), Some(globals)));
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

/// The commands 3.13's prompt runs when typed alone (`exit`, not `exit()`), unless the name
/// is bound in `__main__`.
fn repl_command(main: &Value, line: &str) -> Option<&'static str> {
    let name = ["exit", "quit", "help", "copyright", "credits", "license"]
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
    if fresh && options.flags.quiet == 0 && (tty || options.flags.interactive > 0) {
        let version = pyrs_vm::sys::get("version")
            .and_then(|v| pystr::text_of(&v))
            .unwrap_or_default();
        pyrs_vm::sys::write_stderr(&format!(
            "Python {version} on linux\nType \"help\", \"copyright\", \"credits\" or \"license\" for more information.\n"
        ));
    }
    install_site_helpers();
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
    if tty {
        line_editor_loop(main, options)
    } else {
        plain_loop(main)
    }
}

/// What `site` gives an interactive session and pyrs does not import at startup: `help` as
/// pydoc's helper, and `exit`/`quit` as the objects that say how to leave when shown
/// (Lib/_sitebuiltins.py).
fn install_site_helpers() {
    const SOURCE: &str = "\
import builtins, _sitebuiltins
builtins.help = _sitebuiltins._Helper()
builtins.exit = _sitebuiltins.Quitter('exit', 'Ctrl-D (i.e. EOF)')
builtins.quit = _sitebuiltins.Quitter('quit', 'Ctrl-D (i.e. EOF)')
";
    let globals = pyrs_objects::dict::new();
    if let Some(d) = globals.downcast::<pyrs_objects::dict::DictData>() {
        d.set_str("__builtins__", pyrs_vm::builtins::builtins_module().clone());
    }
    // Without the standard library, the built-in versions stay.
    let _ = pyrs_vm::compile_source(SOURCE.as_bytes(), "<site>", Mode::Exec)
        .and_then(|code| pyrs_vm::run_code(code, globals.clone(), Some(globals)));
}

/// `sys.ps1` or `sys.ps2` as text (a program may have set them to any object).
fn prompt(name: &str, default: &str) -> String {
    pyrs_vm::sys::get(name)
        .and_then(|p| protocol::str(&p).ok())
        .and_then(|s| pystr::text_of(&s))
        .unwrap_or_else(|| default.to_string())
}

/// The prompt on a terminal, through rustyline.
fn line_editor_loop(main: &Value, options: &Options) -> i32 {
    let config = rustyline::Config::builder()
        .auto_add_history(false)
        .history_ignore_dups(true)
        .map(|b| b.completion_type(rustyline::CompletionType::List).build())
        .unwrap_or_default();
    let mut editor: rustyline::Editor<Helper, rustyline::history::DefaultHistory> =
        match rustyline::Editor::with_config(config) {
            Ok(editor) => editor,
            Err(_) => return plain_loop(main),
        };
    // The editor catches SIGINT for as long as it lives; Ctrl-C at the prompt arrives as a
    // key anyway (the terminal is in raw mode), and while code runs it must raise
    // KeyboardInterrupt there.
    crate::install_sigint_handler();
    editor.set_helper(Some(Helper::new(main.clone(), can_colorize(options))));
    // Enter arrives as CR from a terminal, as LF (Ctrl-J) from some others.
    for key in [
        KeyEvent(KeyCode::Enter, Modifiers::NONE),
        KeyEvent::ctrl('J'),
    ] {
        editor.bind_sequence(key, EventHandler::Conditional(Box::new(EnterHandler)));
    }
    // Alt-Enter (or Esc, Enter) always opens a new line, to add lines to an entry that
    // would already run.
    editor.bind_sequence(
        KeyEvent(KeyCode::Enter, Modifiers::ALT),
        EventHandler::Simple(Cmd::Newline),
    );
    let history = history_file(options);
    if let Some(path) = &history {
        let _ = editor.load_history(path);
    }
    // The number in the next entry's name, `<python-input-N>`.
    let mut input_n = 0usize;
    let status = loop {
        let ps1 = prompt("ps1", PS1);
        match editor.readline(&ps1) {
            Ok(line) => {
                if line.trim().is_empty() {
                    // An empty entry runs nothing but has its number, as in CPython.
                    input_n += 1;
                    continue;
                }
                let _ = editor.add_history_entry(line.trim_end());
                if let Some(path) = &history {
                    let _ = editor.append_history(path);
                }
                if let Some(command) = repl_command(main, &line) {
                    if command == "exit" || command == "quit" {
                        break 0;
                    }
                    let call = format!("{command}()");
                    if let Outcome::Exit(status) = run_entry(main, &call, "<stdin>") {
                        break status;
                    }
                    continue;
                }
                // Drop trailing blank lines that only closed a block.
                let source = line.trim_end_matches(['\n', ' ']);
                let name = format!("<python-input-{input_n}>");
                input_n += 1;
                if let Outcome::Exit(status) = run_entry(main, source, &name) {
                    break status;
                }
            }
            Err(ReadlineError::Interrupted) => {
                pyrs_vm::sys::write_stderr("KeyboardInterrupt\n");
            }
            Err(ReadlineError::Eof) => break 0,
            Err(_) => break 1,
        }
    };
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
        assert!(!needs_more("if x: pass"));
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
    fn indentation_follows_blocks() {
        assert_eq!(indentation("def f():"), "    ");
        assert_eq!(indentation("def f():\n    x = 1"), "    ");
        assert_eq!(indentation("def f():\n    if x:"), "        ");
    }
}
