//! `pyrs --dump STAGE FILE`: what one stage of the pipeline makes of a source file, printed as
//! the reference's own tool prints it (`python3.13 -m tokenize`, `-m ast -a`, `-m symtable`,
//! `-m dis`).

use std::io::{Read, Write};
use std::process::ExitCode;

/// `pyrs --dump ARGS…`: exactly a stage and a file, or a usage error.
pub(crate) fn main(args: &[String]) -> ExitCode {
    match args {
        [stage, file] => match dump(stage, file) {
            Ok(code) => code,
            Err(err) => {
                eprintln!("pyrs: {err:#}");
                ExitCode::from(2)
            }
        },
        _ => {
            eprintln!("usage: pyrs --dump tokens|ast|symtable|bytecode FILE   (FILE may be - for standard input)");
            ExitCode::from(2)
        }
    }
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
            anyhow::bail!(
                "unknown stage {other:?} for --dump (known: tokens, ast, symtable, bytecode)"
            )
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

pub(crate) fn repr_path(path: &str) -> String {
    pyrs_tokenizer::repr::str_repr(path)
}
