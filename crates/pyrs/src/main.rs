//! The `pyrs` command: `python3.13`'s command line and interactive prompt, over the pyrs
//! pipeline; and `pyrs --dump STAGE FILE`, which prints what one stage makes of a file.
//!
//! **Input**: the command line and the PYTHON* environment variables, as `python3.13` reads
//! them ([`cli`]). **Output**: the program's output and exit status as CPython's; usage
//! errors on standard error with status 2.
//!
//! The pieces: [`cli`] reads the options; `main` here picks what runs as `__main__` (a
//! command, a module through runpy, a script, a directory or zip file with `__main__.py`,
//! standard input) and how the process ends (exit status, an uncaught KeyboardInterrupt
//! ending it by SIGINT as CPython does); [`repl`] is the interactive prompt, with its line
//! editor in `repl::editor` and completion in [`completion`]; [`dump`] prints the stage
//! dumps.
//!
//! **Dependencies**: pyrs-alloc, mimalloc as the global allocator (below); libc, for the SIGINT handler installed at startup and
//! for ending the process by SIGINT, and for the terminal's raw mode under the interactive
//! prompt's own line editor (`repl::editor`). No line-editing crate: 3.13's prompt draws
//! `... ` before each continuation line of an entry edited as one unit, indents after `:`
//! as it goes, and shows completions in a menu above the line; rustyline draws one prompt
//! per entry, and reedline has no hook to indent the line Enter opens, so the editor is
//! written after CPython's own (Lib/_pyrepl) over termios.

mod cli;
mod completion;
mod dump;
mod repl;

use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use cli::{Exit, Options, Target};
use pyrs_objects::{PyErr, Value};

// mimalloc (through pyrs-alloc, which enters it by its cheapest functions) rather than the
// system allocator: a syntax tree, and later a running program, is millions of small
// allocations and frees, which mimalloc serves much faster than glibc's malloc. Parsing the reference's standard library
// takes a fifth less time with it; crates/pyrs-parser's crate doc has the figures.
// The `system-alloc` feature keeps the system allocator instead, for leak checkers such as
// valgrind that watch malloc (`cargo xtask leaks`).
// Either way the allocator is wrapped in tracemalloc's recorder, which costs one atomic load
// per call while tracing is off.
#[cfg(not(feature = "system-alloc"))]
#[global_allocator]
static ALLOCATOR: pyrs_stdlib::TracingAllocator<pyrs_alloc::MiMalloc> =
    pyrs_stdlib::TracingAllocator(pyrs_alloc::MiMalloc);

#[cfg(feature = "system-alloc")]
#[global_allocator]
static ALLOCATOR: pyrs_stdlib::TracingAllocator<std::alloc::System> =
    pyrs_stdlib::TracingAllocator(std::alloc::System);

/// Gives the memory of freed objects back to the system, which the cycle collector asks for
/// after freeing many objects at once (mimalloc would otherwise keep it for a while).
fn release_memory() {
    #[cfg(not(feature = "system-alloc"))]
    pyrs_alloc::collect();
}

fn main() -> ExitCode {
    pyrs_objects::gc::set_release_memory(release_memory);
    let args: Vec<OsString> = std::env::args_os().collect();
    if args.get(1).is_some_and(|a| a == "--dump") {
        let rest: Vec<String> = args[2..]
            .iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        return dump::main(&rest);
    }
    let options = match cli::parse(&args) {
        Ok(options) => options,
        Err(Exit::Print(text)) => {
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(text.as_bytes());
            let _ = out.flush();
            return ExitCode::SUCCESS;
        }
        Err(Exit::Usage(text)) => {
            let _ = std::io::stderr().write_all(text.as_bytes());
            return ExitCode::from(2);
        }
        Err(Exit::Fatal(text)) => {
            let _ = std::io::stderr().write_all(text.as_bytes());
            return ExitCode::from(1);
        }
    };
    pyrs_objects::pyhash::init_hash_secret(options.hash_seed);
    pyrs_stdlib::register();
    install_sigint_handler();
    let status = pyrs_vm::with_big_stack(move || pyrs_objects::with_gil(move || run(options)));
    if pyrs_vm::run::unhandled_keyboard_interrupt() {
        exit_by_sigint();
    }
    ExitCode::from((status & 0xff) as u8)
}

/// As CPython at startup: SIGINT raises KeyboardInterrupt in the running code, unless the
/// process was started with SIGINT ignored (a background job of a shell). The interactive
/// prompt installs it again after the line editor has put its own in place.
pub(crate) fn install_sigint_handler() {
    extern "C" fn on_sigint(_signum: libc::c_int) {
        pyrs_vm::signals::interrupt();
    }
    // SAFETY: reading the current disposition, then installing a handler that only does
    // atomic stores (async-signal-safe).
    unsafe {
        let mut old: libc::sigaction = std::mem::zeroed();
        if libc::sigaction(libc::SIGINT, std::ptr::null(), &mut old) != 0
            || old.sa_sigaction == libc::SIG_IGN
        {
            return;
        }
        let mut sa: libc::sigaction = std::mem::zeroed();
        sa.sa_sigaction = on_sigint as *const () as libc::sighandler_t;
        libc::sigemptyset(&mut sa.sa_mask);
        sa.sa_flags = libc::SA_ONSTACK;
        libc::sigaction(libc::SIGINT, &sa, std::ptr::null_mut());
    }
}

/// CPython's `exit_sigint`: after an uncaught KeyboardInterrupt the process ends by SIGINT
/// with the default action, so that the shell knows the command was interrupted.
fn exit_by_sigint() -> ! {
    // SAFETY: resetting SIGINT's disposition, unblocking it and sending it to this process.
    unsafe {
        libc::signal(libc::SIGINT, libc::SIG_DFL);
        let mut set: libc::sigset_t = std::mem::zeroed();
        libc::sigemptyset(&mut set);
        libc::sigaddset(&mut set, libc::SIGINT);
        libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
        libc::kill(libc::getpid(), libc::SIGINT);
    }
    // Not reached when SIGINT's default action ends the process.
    std::process::exit(130)
}

/// The first entry of `sys.path` for what runs (CPython's `_PyPathConfig_ComputeSysPath0`).
fn path0(options: &Options) -> Option<String> {
    if options.flags.safe_path {
        return None;
    }
    let cwd = || {
        std::env::current_dir()
            .map(|p| p.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    Some(match &options.target {
        Target::Command(_) | Target::Stdin => String::new(),
        Target::Module(_) => cwd(),
        Target::File(file) => {
            let path = std::path::Path::new(file);
            if path.is_dir() || is_zip(path) {
                absolute(file)
            } else {
                let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.into());
                real.parent()
                    .map(|p| p.to_string_lossy().into_owned())
                    .unwrap_or_default()
            }
        }
    })
}

fn absolute(file: &str) -> String {
    std::path::absolute(file)
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|_| file.to_string())
}

/// Whether a file is a zip archive (its local file header's signature).
fn is_zip(path: &std::path::Path) -> bool {
    use std::io::Read;
    let mut magic = [0u8; 4];
    path.is_file()
        && std::fs::File::open(path)
            .and_then(|mut f| f.read_exact(&mut magic))
            .is_ok()
        && magic == *b"PK\x03\x04"
}

/// Runs what the command line asked for; the exit status. Holds the GIL.
fn run(options: Options) -> i32 {
    pyrs_vm::traceback::set_colour(repl::can_colorize(&options));
    if let Some(digits) = options.int_max_str_digits {
        let _ = pyrs_objects::int::set_max_str_digits(digits);
    }
    let config = pyrs_vm::run::Config {
        argv: options.argv.clone(),
        orig_argv: options.orig_argv.clone(),
        path0: path0(&options),
        python_path: options.python_path.clone(),
        flags: options.flags.clone(),
        warnoptions: options.warnoptions.clone(),
        xoptions: options.xoptions.clone(),
        unbuffered: options.unbuffered,
        stdio_encoding: options.stdio_encoding.clone(),
        stdio_errors: options.stdio_errors.clone(),
    };
    let main = match pyrs_vm::run::start(&config) {
        Ok(main) => main,
        Err(pyrs_vm::run::StartError::Exception(e)) => {
            return pyrs_vm::run::finalize(pyrs_vm::handle_uncaught(&e))
        }
        Err(pyrs_vm::run::StartError::Fatal) => return 1,
    };
    if options.tracemalloc > 0 {
        // As CPython's init_interp_main: tracing starts before any module of the program.
        if let Err(e) = pyrs_stdlib::start_tracemalloc(options.tracemalloc) {
            eprintln!(
                "Fatal Python error: init_interp_main: can't start tracemalloc\n\
                 Python runtime state: core initialized"
            );
            return pyrs_vm::run::finalize(pyrs_vm::handle_uncaught(&e));
        }
    }
    if options.faulthandler {
        // As CPython's start-up: the module is imported and enabled on sys.stderr.
        let enabled = pyrs_vm::import::import_absolute("faulthandler").and_then(|module| {
            let enable = pyrs_objects::protocol::getattr_str(&module, "enable")?;
            pyrs_objects::protocol::call1(&enable, &[])
        });
        if let Err(e) = enabled {
            return pyrs_vm::run::finalize(pyrs_vm::handle_uncaught(&e));
        }
    }
    let stdin_tty = std::io::stdin().is_terminal();
    let result: Result<(), PyErr> = match &options.target {
        Target::Command(code) => {
            repl::register_with_linecache("<string>", code, "<string>");
            pyrs_vm::run::run_source(&main, code.as_bytes(), "<string>")
        }
        Target::Module(name) => pyrs_vm::run::run_module(name),
        Target::File(file) => match run_file(&main, file, &options) {
            Ok(result) => result,
            Err(status) => return status,
        },
        Target::Stdin if stdin_tty || options.flags.interactive > 0 => {
            // The interactive prompt, with nothing run before it.
            let status = repl::interactive(&main, &options, true);
            drop(main);
            return pyrs_vm::run::finalize(status);
        }
        Target::Stdin => {
            let mut source = Vec::new();
            let _ = std::io::Read::read_to_end(&mut std::io::stdin(), &mut source);
            if options.skip_first_line {
                skip_first_line(&mut source);
            }
            pyrs_vm::run::run_source(&main, &source, "<stdin>")
        }
    };
    let status = match result {
        Ok(()) => 0,
        Err(e) => pyrs_vm::handle_uncaught(&e),
    };
    // PYTHONINSPECT set by the program itself also asks for the prompt (CPython's pymain_repl).
    let inspect = pyrs_vm::run::inspect()
        || (options.flags.ignore_environment == 0
            && std::env::var_os("PYTHONINSPECT").is_some_and(|v| !v.is_empty()));
    if inspect {
        // -i: the prompt follows the program, even after an uncaught exception.
        pyrs_vm::sys::flush_stdout();
        pyrs_vm::run::set_unhandled_keyboard_interrupt(false);
        let status = repl::interactive(&main, &options, false);
        drop(main);
        return pyrs_vm::run::finalize(status);
    }
    // `__main__` ends with the other modules, when sys.modules lets it go.
    drop(main);
    pyrs_vm::run::finalize(status)
}

/// `-x`: the first line is dropped, its newline kept so that line numbers stay right.
fn skip_first_line(source: &mut Vec<u8>) {
    let end = source
        .iter()
        .position(|&b| b == b'\n')
        .unwrap_or(source.len());
    source.drain(..end);
}

/// `pyrs FILE`: a script, or a directory or zip file run through its `__main__.py`.
/// `Err` holds the exit status of a file that cannot be opened.
fn run_file(main: &Value, file: &str, options: &Options) -> Result<Result<(), PyErr>, i32> {
    let path = std::path::Path::new(file);
    if path.is_dir() || is_zip(path) {
        // CPython's pymain_run_module("__main__", alter_argv=0), with sys.path[0] the
        // directory or archive.
        return Ok(pyrs_vm::run::run_main_of_path());
    }
    let mut bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) => {
            let errno = err.raw_os_error().unwrap_or(0);
            let text = err.to_string();
            let text = text.split(" (os error").next().unwrap_or(&text).to_string();
            let program = options.orig_argv.first().cloned().unwrap_or_default();
            pyrs_vm::sys::write_stderr(&format!(
                "{program}: can't open file {}: [Errno {errno}] {text}\n",
                dump::repr_path(&absolute(file))
            ));
            return Err(2);
        }
    };
    if options.skip_first_line {
        skip_first_line(&mut bytes);
    }
    Ok(pyrs_vm::run::run_source(main, &bytes, &absolute(file)))
}
