//! The `pyrs` command: runs Python programs, or prints what one stage of the pipeline makes of a
//! source file (`pyrs --dump tokens FILE`).
//!
//! **Input**: the command line, as `python3.13` takes it. **Output**: the program's output and
//! exit status, or one stage's dump on standard output and CPython's error text on standard
//! error. Today the tokenizer stage is wired in; later stages arrive with their crates.

use std::io::{Read, Write};
use std::process::ExitCode;

// mimalloc (a well-kept binding of Microsoft's allocator) rather than the system allocator: a
// syntax tree, and later a running program, is millions of small allocations and frees, which
// mimalloc serves much faster than glibc's malloc. Parsing the reference's standard library
// takes a fifth less time with it; crates/pyrs-parser's crate doc has the figures.
// The `system-alloc` feature keeps the system allocator instead, for leak checkers such as
// valgrind that watch malloc (`cargo xtask leaks`).
#[cfg(not(feature = "system-alloc"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(not(feature = "system-alloc"))]
extern "C" {
    /// mimalloc's `mi_collect`: frees what it holds for reuse (the library is linked in by
    /// the `mimalloc` crate above).
    fn mi_collect(force: bool);
}

/// Gives the memory of freed objects back to the system, which the cycle collector asks for
/// after freeing many objects at once (mimalloc would otherwise keep it for a while).
fn release_memory() {
    #[cfg(not(feature = "system-alloc"))]
    // SAFETY: mi_collect only reorganises the allocator's own free lists.
    unsafe {
        mi_collect(true)
    }
}

const USAGE: &str = "usage: pyrs [-c CODE | FILE] [ARGS...]\n       pyrs --dump tokens|ast|symtable|bytecode FILE   (FILE may be - for standard input)";

fn main() -> ExitCode {
    pyrs_objects::gc::set_release_memory(release_memory);
    let args: Vec<String> = std::env::args().skip(1).collect();
    pyrs_stdlib::register();
    match run(&args) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("pyrs: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> anyhow::Result<ExitCode> {
    match args {
        [flag, stage, file] if flag == "--dump" => dump(stage, file),
        [flag, code, rest @ ..] if flag == "-c" => {
            let mut argv = vec!["-c".to_string()];
            argv.extend(rest.iter().cloned());
            let code = code.clone();
            let status = pyrs_vm::with_big_stack(move || {
                pyrs_vm::run_main(code.as_bytes(), "<string>", &argv, "")
            });
            Ok(exit_code(status))
        }
        [file, rest @ ..] if !file.starts_with('-') => run_file(file, rest),
        [flag] if flag == "-h" || flag == "--help" => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        _ => {
            eprintln!("{USAGE}");
            Ok(ExitCode::from(2))
        }
    }
}

fn exit_code(status: i32) -> ExitCode {
    ExitCode::from((status & 0xff) as u8)
}

/// `pyrs FILE ARGS...`: runs a program as `__main__`.
fn run_file(file: &str, rest: &[String]) -> anyhow::Result<ExitCode> {
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(err) => {
            let abs = std::path::absolute(file).unwrap_or_else(|_| file.into());
            let errno = err.raw_os_error().unwrap_or(0);
            let text = err.to_string();
            let text = text.split(" (os error").next().unwrap_or(&text);
            eprintln!(
                "pyrs: can't open file {}: [Errno {errno}] {text}",
                repr_path(&abs.to_string_lossy())
            );
            return Ok(ExitCode::from(2));
        }
    };
    let dir = std::path::Path::new(file)
        .parent()
        .map(|p| {
            if p.as_os_str().is_empty() {
                std::path::Path::new(".")
            } else {
                p
            }
        })
        .and_then(|p| std::path::absolute(p).ok())
        .map(|p| p.to_string_lossy().to_string())
        .unwrap_or_default();
    let mut argv = vec![file.to_string()];
    argv.extend(rest.iter().cloned());
    let filename = file.to_string();
    let status = pyrs_vm::with_big_stack(move || pyrs_vm::run_main(&bytes, &filename, &argv, &dir));
    Ok(exit_code(status))
}

/// `--dump STAGE FILE`: one stage's view of a source file, as the reference prints it.
fn dump(stage: &str, file: &str) -> anyhow::Result<ExitCode> {
    if stage == "symtable" || stage == "bytecode" {
        return dump_symtable(file, stage);
    }
    let result = match stage {
        "tokens" => {
            if file == "-" {
                let mut bytes = Vec::new();
                std::io::stdin().read_to_end(&mut bytes)?;
                pyrs_tokenizer::dump::dump_stdin(&bytes)
            } else {
                let bytes = match std::fs::read(file) {
                    Ok(bytes) => bytes,
                    Err(err) => {
                        // What `python -m tokenize` prints for a file it cannot open.
                        let errno = err.raw_os_error().unwrap_or(0);
                        let text = err.to_string();
                        let text = text.split(" (os error").next().unwrap_or(&text);
                        eprintln!("error: [Errno {errno}] {text}: {}", repr_path(file));
                        return Ok(ExitCode::from(1));
                    }
                };
                pyrs_tokenizer::dump::dump_file(&bytes, file)
            }
        }
        "ast" => {
            // What `python3.13 -m ast -a FILE` prints (pyrs_parser::dump_file).
            let (bytes, name) = if file == "-" {
                let mut bytes = Vec::new();
                std::io::stdin().read_to_end(&mut bytes)?;
                (bytes, "<stdin>")
            } else {
                (std::fs::read(file)?, file)
            };
            let out = pyrs_parser::dump_file(&bytes, name);
            pyrs_tokenizer::dump::Dump {
                stdout: out.stdout,
                stderr: out.stderr,
            }
        }
        other => {
            anyhow::bail!("unknown stage {other:?} for --dump (known: tokens, symtable, bytecode)")
        }
    };
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(result.stdout.as_bytes())?;
    stdout.flush()?;
    match result.stderr {
        Some(err) => {
            std::io::stderr().write_all(err.as_bytes())?;
            Ok(ExitCode::from(1))
        }
        None => Ok(ExitCode::SUCCESS),
    }
}

/// `--dump symtable FILE`: what `python3.13 -m symtable FILE` prints; for a rejected file, the
/// end of its traceback.
fn dump_symtable(file: &str, stage: &str) -> anyhow::Result<ExitCode> {
    let (bytes, name) = if file == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes)?;
        (bytes, "<stdin>")
    } else {
        match std::fs::read(file) {
            Ok(bytes) => (bytes, file),
            Err(err) => {
                // The last line of the traceback of `open(file, 'rb')`.
                let errno = err.raw_os_error().unwrap_or(0);
                let text = err.to_string();
                let text = text.split(" (os error").next().unwrap_or(&text);
                let class = match err.kind() {
                    std::io::ErrorKind::NotFound => "FileNotFoundError",
                    std::io::ErrorKind::PermissionDenied => "PermissionError",
                    _ => "OSError",
                };
                eprintln!("{class}: [Errno {errno}] {text}: {}", repr_path(file));
                return Ok(ExitCode::from(1));
            }
        }
    };
    let result = if stage == "bytecode" {
        pyrs_compiler::dump_file(&bytes, name)
    } else {
        pyrs_compiler::symtable::dump_file(&bytes, name)
    };
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(result.stdout.as_bytes())?;
    stdout.flush()?;
    match result.stderr {
        Some(err) => {
            std::io::stderr().write_all(err.as_bytes())?;
            Ok(ExitCode::from(1))
        }
        None => Ok(ExitCode::SUCCESS),
    }
}

fn repr_path(path: &str) -> String {
    pyrs_tokenizer::repr::str_repr(path)
}
