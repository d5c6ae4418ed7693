//! The evaluation loop and the runtime around it: code objects become running programs.
//!
//! **Input**: code objects from pyrs-compiler (or source, compiled here), a command line.
//! **Output**: the program's effects — its output, its exit status, or an uncaught
//! exception printed as CPython 3.13 prints it.
//!
//! The pieces, as in CPython: [`eval`] (Python/ceval.c and bytecodes.c) executes one
//! [`frame::Frame`]; [`call`] binds arguments to a function's parameters; [`exc`] and
//! [`traceback`] raise, chain and print exceptions; [`generator`] suspends frames;
//! [`builtins`], [`sys`] and [`import`] are the modules every program starts with.
//!
//! **Invariants**: frames of ordinary calls live on one contiguous stack of slots (a call
//! allocates no locals array); Python-level recursion is bounded by the recursion limit and
//! by a check of the native stack, so deep recursion is a RecursionError, never a crash; the
//! interpreter runs on one thread holding the global interpreter lock
//! ([`pyrs_objects::with_gil`]).
//!
//! **Not here**: the object model (pyrs-objects), native standard-library modules
//! (pyrs-stdlib), the command line (the `pyrs` binary).
//!
//! **Dependencies**: libc, to block signals in the thread that waits for the interpreter
//! thread ([`with_big_stack`]).

mod async_gen;
pub mod builtins;
mod builtins_more;
pub mod call;
mod carets;
pub mod code;
pub mod eval;
pub mod exc;
mod exception_group;
mod finalize;
pub mod frame;
pub mod frameobject;
pub mod frozen;
pub mod function;
pub mod generator;
mod glue;
pub mod import;
mod jump;
mod matching;
pub mod native_modules;
pub mod run;
pub mod signals;
mod stack;
mod stdlib_module_names;
mod suggest;
pub mod super_type;
pub mod sys;
mod sys_hooks;
pub mod traceback;
pub mod tracing;
mod typing;
pub mod warnings;

use std::sync::Arc;

use pyrs_compiler::{Mode, Source};
use pyrs_objects::dict::DictData;
use pyrs_objects::exceptions::BaseExceptionData;
use pyrs_objects::{protocol, str as pystr, ExcKind, PyErr, PyResult, Value};

pub use frame::Frame;

/// A SyntaxError exception for a compiler error.
pub fn syntax_error(err: &pyrs_parser::SyntaxError, filename: &str) -> PyErr {
    let kind = match err.kind {
        pyrs_parser::ErrorKind::SyntaxError => ExcKind::SyntaxError,
        pyrs_parser::ErrorKind::IndentationError => ExcKind::IndentationError,
        pyrs_parser::ErrorKind::TabError => ExcKind::TabError,
        pyrs_parser::ErrorKind::MemoryError => {
            return PyErr::new(ExcKind::MemoryError, err.msg.clone())
        }
        pyrs_parser::ErrorKind::RecursionError => return PyErr::recursion_error(err.msg.clone()),
    };
    let int = |i: i64| pyrs_objects::int::from_i64(i);
    let text = match &err.text {
        Some(t) => pystr::new(t),
        None => pyrs_objects::none(),
    };
    let details = pyrs_objects::tuple::new(vec![
        pystr::new(filename),
        int(err.lineno as i64),
        int(err.offset as i64),
        text.clone(),
        int(err.end_lineno as i64),
        int(err.end_offset as i64),
    ]);
    let e = PyErr::with_args(kind, vec![pystr::new(&err.msg), details]);
    let exc = e.value();
    let set = pyrs_objects::exceptions::set_attr;
    set(exc, "msg", pystr::new(&err.msg));
    set(exc, "filename", pystr::new(filename));
    set(exc, "lineno", int(err.lineno as i64));
    set(exc, "offset", int(err.offset as i64));
    set(exc, "text", text);
    set(exc, "end_lineno", int(err.end_lineno as i64));
    set(exc, "end_offset", int(err.end_offset as i64));
    set(exc, "print_file_and_line", pyrs_objects::none());
    e
}

/// Compiles source bytes (decoded as CPython decodes files) to a `code` object.
pub fn compile_source(source: &[u8], filename: &str, mode: Mode) -> PyResult<Value> {
    let (code, warnings) = pyrs_compiler::compile_with_warnings(
        Source::Bytes(source),
        filename,
        mode,
        run::optimize_level(),
    );
    warnings::emit_compiler_warnings(&warnings, filename)?;
    let code = code.map_err(|e| syntax_error(&e, filename))?;
    Ok(code::new_code(Arc::new(code)))
}

/// Runs a `code` object with these globals and locals.
pub fn run_code(code: Value, globals: Value, locals: Option<Value>) -> PyResult<Value> {
    let builtins = match globals
        .downcast::<DictData>()
        .and_then(|g| g.get_str(&pystr::intern("__builtins__")))
    {
        Some(b) => match b.downcast::<pyrs_objects::module::ModuleData>() {
            Some(m) => m.dict.clone(),
            None => b,
        },
        None => builtins::builtins_dict().clone(),
    };
    let mut frame = Frame::new(code, None, globals, builtins, locals, false)?;
    eval::run(&mut frame)
}

fn install_hooks() {
    let mut hooks = pyrs_objects::hooks::get();
    hooks.current_module_name = || {
        let f = frame::current()?;
        f.globals
            .downcast::<DictData>()?
            .get_str(&pystr::intern("__name__"))
    };
    hooks.import_module = import::import_absolute;
    hooks.is_python_function = |v| v.downcast::<function::FunctionData>().is_some();
    hooks.warn = |category, message| warnings::warn(category, message, 1);
    hooks.unraisable = sys_hooks::report_unraisable;
    pyrs_objects::hooks::install(hooks);
}

/// Sets the interpreter up for a program: hooks, `sys.argv`, `sys.path` (`path0`, then
/// PYTHONPATH's directories, then the standard library), `__main__`.
pub fn initialize(argv: &[String], path0: &str) -> PyResult<Value> {
    let mut path = vec![path0.to_string()];
    if let Ok(pp) = std::env::var("PYTHONPATH") {
        path.extend(pp.split(':').filter(|p| !p.is_empty()).map(str::to_string));
    }
    let main = initialize_paths(argv, path)?;
    sys::set_flags(&sys::Flags::default());
    import::install_importlib()?;
    Ok(main)
}

/// Sets the interpreter up for a program: hooks, `sys.argv`, `sys.path` (`path`, then the
/// standard library), `__main__`.
pub fn initialize_paths(argv: &[String], path: Vec<String>) -> PyResult<Value> {
    install_hooks();
    let modules = sys::modules_dict();
    modules.set_item(pystr::new("sys"), sys::sys_module().clone())?;
    modules.set_item(pystr::new("builtins"), builtins::builtins_module().clone())?;
    builtins::register_import();
    sys::set(
        "builtin_module_names",
        pyrs_objects::tuple::new(
            native_modules::names()
                .into_iter()
                .map(pystr::intern)
                .collect(),
        ),
    );
    sys::set(
        "argv",
        pyrs_objects::list::new(argv.iter().map(|a| pystr::new(a)).collect()),
    );
    let mut path: Vec<Value> = path.iter().map(|p| pystr::new(p)).collect();
    if let Some(lib) = stdlib_dir() {
        path.push(pystr::new(&lib));
    }
    sys::set("path", pyrs_objects::list::new(path));
    let main = pyrs_objects::module::new_module("__main__");
    let md = main
        .downcast::<pyrs_objects::module::ModuleData>()
        .expect("module");
    md.dict()
        .set_str("__builtins__", builtins::builtins_module().clone());
    modules.set_item(pystr::new("__main__"), main.clone())?;
    Ok(main)
}

/// Where CPython 3.13's pure-Python standard library is: `PYRS_STDLIB`, else the reference
/// installation pyenv provides.
pub fn stdlib_dir() -> Option<String> {
    if let Ok(dir) = std::env::var("PYRS_STDLIB") {
        return Some(dir);
    }
    let root = std::env::var("PYENV_ROOT")
        .ok()
        .or_else(|| std::env::var("HOME").ok().map(|h| format!("{h}/.pyenv")))?;
    let dir = format!("{root}/versions/3.13.0/lib/python3.13");
    std::path::Path::new(&dir).is_dir().then_some(dir)
}

/// The exit status for an exception that ended the program, printing it as CPython does
/// (SystemExit prints only a non-integer code).
pub fn handle_uncaught(err: &PyErr) -> i32 {
    sys::flush_stdout();
    let exc = err.value();
    if err.is(ExcKind::KeyboardInterrupt) {
        run::set_unhandled_keyboard_interrupt(true);
    }
    // With -i, a SystemExit does not end the process: it prints as any other exception
    // before the interactive prompt (CPython's _Py_HandleSystemExit).
    if err.is(ExcKind::SystemExit) && !run::inspect() {
        let code = pyrs_objects::exceptions::args_of(exc);
        let code = match code.len() {
            0 => None,
            1 => Some(code[0].clone()),
            _ => Some(pyrs_objects::tuple::new(code)),
        };
        return match code {
            None => 0,
            Some(c) if protocol::is_none(&c) => 0,
            Some(c) => match pyrs_objects::int::as_i64(&c) {
                Some(i) => i as i32,
                None => {
                    let text = protocol::str(&c)
                        .ok()
                        .and_then(|s| pystr::text_of(&s))
                        .unwrap_or_default();
                    sys::write_stderr(&format!("{text}\n"));
                    1
                }
            },
        };
    }
    let _ = exc.downcast::<BaseExceptionData>();
    let tb = protocol::getattr(exc, &pystr::intern("__traceback__"))
        .unwrap_or_else(|_| pyrs_objects::none());
    sys::set("last_exc", exc.clone());
    sys::set("last_type", exc.class().clone());
    sys::set("last_value", exc.clone());
    sys::set("last_traceback", tb.clone());
    // CPython's _PyErr_PrintEx: the exception goes to sys.excepthook, whose default prints it.
    match sys::get("excepthook") {
        Some(hook) if sys::get("__excepthook__").is_some_and(|h| h.is(&hook)) => {
            sys::write_stderr(&traceback::format_exception(exc));
        }
        Some(hook) if !protocol::is_none(&hook) => {
            if let Err(hook_err) = protocol::call1(&hook, &[exc.class().clone(), exc.clone(), tb]) {
                if hook_err.is(ExcKind::SystemExit) {
                    return handle_uncaught(&hook_err);
                }
                sys::flush_stdout();
                sys::write_stderr("Error in sys.excepthook:\n");
                sys::write_stderr(&traceback::format_exception(hook_err.value()));
                sys::write_stderr("\nOriginal exception was:\n");
                sys::write_stderr(&traceback::format_exception(exc));
            }
        }
        _ => {
            sys::write_stderr("sys.excepthook is missing\n");
            sys::write_stderr(&traceback::format_exception(exc));
        }
    }
    1
}

/// Runs `source` as the `__main__` module; the process exit status.
pub fn run_main(source: &[u8], filename: &str, argv: &[String], path0: &str) -> i32 {
    pyrs_objects::with_gil(|| {
        let main = match initialize(argv, path0) {
            Ok(m) => m,
            Err(e) => return handle_uncaught(&e),
        };
        let globals = main
            .downcast::<pyrs_objects::module::ModuleData>()
            .expect("module")
            .dict
            .clone();
        if filename != "<string>" {
            if let Some(d) = globals.downcast::<DictData>() {
                d.set_str("__file__", pystr::new(filename));
            }
        }
        let result = compile_source(source, filename, Mode::Exec)
            .and_then(|code| run_code(code, globals.clone(), Some(globals)));
        let status = match result {
            Ok(_) => 0,
            Err(e) => handle_uncaught(&e),
        };
        run_atexit();
        sys::flush_stdout();
        status
    })
}

/// Calls the `atexit` module's functions, if a program imported it (CPython's
/// `_PyAtExit_Call` at finalisation).
pub(crate) fn run_atexit() {
    let Ok(Some(atexit)) = sys::modules_dict().get_item(&pystr::intern("atexit")) else {
        return;
    };
    if let Ok(run) = protocol::getattr_str(&atexit, "_run_exitfuncs") {
        if let Err(e) = protocol::call1(&run, &[]) {
            (pyrs_objects::hooks::get().unraisable)(&e, "Exception ignored in atexit", None);
        }
    }
}
/// Runs `f` on a thread with a native stack large enough for deep Python recursion.
pub fn with_big_stack<R: Send + 'static>(f: impl FnOnce() -> R + Send + 'static) -> R {
    let child = std::thread::Builder::new()
        .name("pyrs-main".into())
        .stack_size(stack::STACK_SIZE)
        .spawn(move || {
            stack::set_base(stack::STACK_SIZE);
            f()
        })
        .expect("spawning the interpreter thread");
    // Signals sent to the process go to the interpreter thread, where `kill(getpid(), …)`
    // runs the handler before it returns, as in a single-threaded CPython.
    // SAFETY: blocking every signal in this thread, which only waits from here on.
    unsafe {
        let mut all: libc::sigset_t = std::mem::zeroed();
        libc::sigfillset(&mut all);
        libc::pthread_sigmask(libc::SIG_BLOCK, &all, std::ptr::null_mut());
    }
    match child.join() {
        Ok(r) => r,
        Err(p) => std::panic::resume_unwind(p),
    }
}
