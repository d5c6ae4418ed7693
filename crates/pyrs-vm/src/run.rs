//! Starting the interpreter as the `python3.13` command does (CPython's Modules/main.c and
//! the PyConfig it reads): the [`Config`] the command line and environment decide, then one
//! way of running `__main__` — source text ([`run_source`]), a module found on `sys.path`
//! ([`run_module`], `-m`) — and the end of the run ([`finalize`]).
//!
//! The command line itself is parsed by the `pyrs` binary; this module only applies what it
//! decided, so that an application embedding the VM can start it the same way.

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

use pyrs_compiler::Mode;
use pyrs_objects::dict::DictData;
use pyrs_objects::module::ModuleData;
use pyrs_objects::{protocol, str as pystr, ExcKind, PyErr, PyResult, Value};

use crate::sys;

/// How the interpreter was started (CPython's PyConfig): what the command line and the
/// environment decided.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// `sys.argv`.
    pub argv: Vec<String>,
    /// `sys.orig_argv`: the command line as given, program name first.
    pub orig_argv: Vec<String>,
    /// The entry put first on `sys.path` (the script's directory, `''` for `-c` and standard
    /// input, the working directory for `-m`), or None with `-P`, `-I` or PYTHONSAFEPATH.
    pub path0: Option<String>,
    /// The directories of PYTHONPATH, which come before the standard library.
    pub python_path: Vec<String>,
    /// `sys.flags`.
    pub flags: sys::Flags,
    /// `sys.warnoptions`: PYTHONWARNINGS's entries, then the `-W` options, in order.
    pub warnoptions: Vec<String>,
    /// The `-X` options in order: a name and its value (None for a bare `-X name`).
    pub xoptions: Vec<(String, Option<String>)>,
    /// `-u`: standard output is written at every write.
    pub unbuffered: bool,
    /// The standard streams' encoding (PYTHONIOENCODING, UTF-8 mode or the locale's), as a
    /// codec name; empty to leave the streams as they are (UTF-8).
    pub stdio_encoding: String,
    /// The error handler of `sys.stdin` and `sys.stdout` (`sys.stderr` always uses
    /// `backslashreplace`).
    pub stdio_errors: String,
}

/// Why [`start`] failed.
#[derive(Debug)]
pub enum StartError {
    /// Start-up code raised (`site`, a `sitecustomize`, the warnings options): reported as an
    /// uncaught exception, with the exit status that gives.
    Exception(PyErr),
    /// A fatal error, already written to standard error as CPython's `Py_FatalError` writes
    /// it during start-up; the process ends with status 1.
    Fatal,
}

impl From<PyErr> for StartError {
    fn from(e: PyErr) -> StartError {
        StartError::Exception(e)
    }
}

/// The `-O` level code is compiled with (`sys.flags.optimize`).
static OPTIMIZE: AtomicU32 = AtomicU32::new(0);

/// The `-O` level source is compiled with, for the compiler and the import system.
pub fn optimize_level() -> u32 {
    OPTIMIZE.load(Ordering::Relaxed)
}

/// Whether the program ended in a KeyboardInterrupt nobody caught, after which CPython ends
/// its process by the SIGINT signal itself, so that the shell sees an interrupted command.
static UNHANDLED_KEYBOARD_INTERRUPT: AtomicBool = AtomicBool::new(false);

/// Whether an uncaught KeyboardInterrupt ended the program.
pub fn unhandled_keyboard_interrupt() -> bool {
    UNHANDLED_KEYBOARD_INTERRUPT.load(Ordering::Relaxed)
}

/// Records whether a KeyboardInterrupt went uncaught (the interactive prompt clears it: the
/// prompt goes on after one).
pub fn set_unhandled_keyboard_interrupt(on: bool) {
    UNHANDLED_KEYBOARD_INTERRUPT.store(on, Ordering::Relaxed);
}

/// `-i` (and PYTHONINSPECT): the interactive prompt follows the program, so a SystemExit is
/// printed like any other exception instead of ending the process.
static INSPECT: AtomicBool = AtomicBool::new(false);

/// Whether an interactive prompt follows the program (`-i`).
pub fn inspect() -> bool {
    INSPECT.load(Ordering::Relaxed)
}

/// Sets whether an interactive prompt follows (cleared when the prompt starts, as CPython
/// clears `inspect` before its interactive loop).
pub fn set_inspect(on: bool) {
    INSPECT.store(on, Ordering::Relaxed);
}

/// Sets the interpreter up as `config` says: hooks, `sys` (argv, path, flags, warnoptions,
/// `_xoptions`, orig_argv), the import system, the standard streams' codec and `sys.stdin`,
/// `site`, and an empty `__main__` module, which it returns. Must run holding the GIL
/// ([`pyrs_objects::with_gil`]).
pub fn start(config: &Config) -> Result<Value, StartError> {
    OPTIMIZE.store(config.flags.optimize, Ordering::Relaxed);
    crate::finalize::save_builtins();
    if config.flags.verbose > 0 {
        crate::finalize::enable_destroy_messages();
    }
    set_inspect(config.flags.inspect != 0);
    sys::set_unbuffered(config.unbuffered);
    // sys.path[0] (the script's directory…) is put in front after `site` has run, as
    // CPython's pymain_run_python does.
    let main = crate::initialize_paths(&config.argv, config.python_path.clone())?;
    sys::set_flags(&config.flags);
    let strings =
        |items: &[String]| pyrs_objects::list::new(items.iter().map(|s| pystr::new(s)).collect());
    sys::set("orig_argv", strings(&config.orig_argv));
    sys::set("warnoptions", strings(&config.warnoptions));
    let xoptions = pyrs_objects::dict::new();
    if let Some(d) = xoptions.downcast::<DictData>() {
        for (name, value) in &config.xoptions {
            let value = match value {
                Some(v) => pystr::new(v),
                None => pyrs_objects::bool(true),
            };
            d.set_item(pystr::new(name), value)?;
        }
    }
    sys::set("_xoptions", xoptions);
    let xoption = |name: &str| config.xoptions.iter().rev().find(|(n, _)| n == name);
    if let Some((_, value)) = xoption("frozen_modules") {
        crate::frozen::set_use_frozen(value.as_deref() != Some("off"));
    }
    let import_time_env = config.flags.ignore_environment == 0
        && std::env::var_os("PYTHONPROFILEIMPORTTIME").is_some_and(|v| !v.is_empty());
    crate::import::set_import_time(xoption("importtime").is_some() || import_time_env);
    if let Some((_, Some(prefix))) = xoption("pycache_prefix") {
        sys::set("pycache_prefix", pystr::new(prefix));
    } else if config.flags.ignore_environment == 0 {
        if let Some(prefix) = std::env::var("PYTHONPYCACHEPREFIX")
            .ok()
            .filter(|p| !p.is_empty())
        {
            sys::set("pycache_prefix", pystr::new(&prefix));
        }
    }
    crate::import::install_importlib()?;
    // As CPython's init_interp_main: the codecs (`encodings`, through the stdio codec's
    // lookup), then the standard streams, before `site`.
    if !config.stdio_encoding.is_empty() {
        if let Err(e) = sys::set_stdio_encoding(&config.stdio_encoding, &config.stdio_errors) {
            stdio_encoding_failed(&e);
            return Err(StartError::Fatal);
        }
        sys::create_stdin(config.unbuffered)?;
    }
    // `__main__` joins sys.modules here in CPython (add_main_module), after the streams and
    // before site: its place in the modules' order decides when it goes at the end.
    let modules = sys::modules_dict();
    if modules.del_str("__main__") {
        modules.set_item(pystr::intern("__main__"), main.clone())?;
    }
    // init_import_site: `site` (site-packages and its .pth files, sitecustomize,
    // usercustomize, the builtins exit/quit/help/copyright/credits/license), unless -S.
    if config.flags.no_site == 0 {
        crate::import::import_absolute("site")?;
    }
    if let Some(path0) = &config.path0 {
        if let Some(path) = sys::get("path") {
            protocol::call_method(&path, "insert", &[Value::small(0), pystr::new(path0)])?;
        }
    }
    // As CPython's init_interp_main: with warning options, the warnings module is imported
    // at startup, and reads sys.warnoptions into its filters.
    if !config.warnoptions.is_empty() {
        crate::import::import_absolute("warnings")?;
    }
    Ok(main)
}

/// CPython's fatal error when the standard streams' encoding names no codec
/// (`init_stdio_encoding`).
fn stdio_encoding_failed(e: &PyErr) {
    let exception = protocol::str_string(e.value()).unwrap_or_default();
    let name = e.value().type_data().name().to_string();
    // SAFETY: pthread_self has no preconditions.
    let thread = unsafe { libc::pthread_self() };
    sys::write_stderr(&format!(
        "Fatal Python error: init_stdio_encoding: failed to get the Python codec name of the stdio encoding\n\
         Python runtime state: core initialized\n{name}: {exception}\n\n\
         Current thread 0x{thread:016x} (most recent call first):\n  <no Python frame>\n"
    ));
}

/// The globals of the `__main__` module.
pub fn main_globals(main: &Value) -> Value {
    main.downcast::<ModuleData>()
        .map(|m| m.dict.clone())
        .unwrap_or_else(pyrs_objects::dict::new)
}

/// Compiles and runs `source` in `__main__`'s globals, as a script named `filename`
/// (`__file__` is set unless it is `<string>` or `<stdin>`).
pub fn run_source(main: &Value, source: &[u8], filename: &str) -> PyResult<()> {
    let globals = main_globals(main);
    if filename != "<string>" && filename != "<stdin>" {
        if let Some(d) = globals.downcast::<DictData>() {
            d.set_str("__file__", pystr::new(filename));
            d.set_str("__cached__", pyrs_objects::none());
        }
    }
    if filename == "<string>" {
        // `-c`: tracebacks show the command's lines, as CPython 3.13's.
        crate::traceback::register_source(filename, &String::from_utf8_lossy(source));
    }
    let code = crate::compile_source(source, filename, Mode::Exec)?;
    crate::run_code(code, globals.clone(), Some(globals))?;
    Ok(())
}

/// `-m NAME`: runs module `NAME` as `__main__`, through runpy's `_run_module_as_main`, as
/// CPython's `pymain_run_module` does (runpy is a frozen module, so its frames read
/// `<frozen runpy>`).
pub fn run_module(name: &str) -> PyResult<()> {
    let runpy = import_runpy()?;
    let run = protocol::getattr_str(&runpy, "_run_module_as_main")?;
    protocol::call1(&run, &[pystr::new(name), pyrs_objects::bool(true)])?;
    Ok(())
}

/// `pyrs DIR` or `pyrs FILE.zip`: runs the `__main__.py` found first on `sys.path` (where
/// the directory or archive is), through runpy's `_run_module_as_main("__main__", False)`.
pub fn run_main_of_path() -> PyResult<()> {
    let runpy = import_runpy()?;
    let run = protocol::getattr_str(&runpy, "_run_module_as_main")?;
    protocol::call1(
        &run,
        &[pystr::intern("__main__"), pyrs_objects::bool(false)],
    )?;
    Ok(())
}

/// `import runpy`, or CPython's error when that fails.
fn import_runpy() -> PyResult<Value> {
    crate::import::import_absolute("runpy")
        .map_err(|_| PyErr::new(ExcKind::ImportError, "Could not import runpy module"))
}

/// The end of a run (CPython's Py_FinalizeEx, as far as a program can see it): the `atexit`
/// functions, standard output flushed, a full collection (the finalizers of cyclic garbage
/// run while the modules still work), then the modules torn down as CPython's
/// `finalize_modules` does ([`crate::finalize`]: their objects die then, in CPython's order,
/// and `-v` prints CPython's messages), and standard output flushed again. A standard
/// output whose reader has gone away is reported as CPython reports it, and makes the exit
/// status 120. The interpreter cannot run Python code usefully after this.
pub fn finalize(status: i32) -> i32 {
    crate::run_atexit();
    let status = flush_std_files(status);
    // The oldest generation: a full collection.
    pyrs_objects::gc::collect(2);
    crate::finalize::finalize_modules();
    let status = flush_std_files(status);
    pyrs_objects::gc::collect_at_exit();
    status
}

/// CPython's `flush_std_files`: standard output flushed; a failure is reported and makes the
/// status 120 (when it was 0).
fn flush_std_files(status: i32) -> i32 {
    match sys::try_flush_stdout() {
        Ok(()) => status,
        Err(e) => {
            sys::write_stderr("Exception ignored on flushing sys.stdout:\n");
            sys::write_stderr(&crate::traceback::format_exception(e.value()));
            if status == 0 {
                120
            } else {
                status
            }
        }
    }
}
