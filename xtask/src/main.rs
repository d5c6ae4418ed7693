//! `cargo xtask`: the project's own tasks, measured against the reference interpreter.
//!
//! Run through the alias in `.cargo/config.toml` (`cargo xtask <task> …`). Every task that
//! compares pyrs with CPython finds the reference the same way ([`reference`]): the
//! `PYRS_REFERENCE` environment variable, or pyenv's CPython 3.13.0.
//!
//! Tasks:
//! - `conformance STAGE [--verbose] [FILE|DIR…]`: one stage of pyrs against the reference over
//!   every `.py` file of the reference standard library ([`conformance`]).
//! - `bench [STAGE]`: throughput of one stage of pyrs against the reference ([`bench`]).
//! - `bless [STAGE…]`: records test expectations from the reference ([`bless`]).
//! - `programs [FILTER] [--update]`: the program corpus under pyrs, pass counts per area
//!   ([`programs`]).
//! - `leaks [FILTER] [--valgrind] [--jobs N] [--timeout SECS]`: the program corpus under
//!   LeakSanitizer (or valgrind), the memory each program lost for good ([`leaks`]).
//!
//! Exit status: 0 when a task completed (a conformance run is a measurement, whatever it
//! measured), 1 on a setup error (no reference, build failure…), 2 on a usage error.

mod bench;
mod bench_programs;
mod bless;
mod cache;
mod compare;
mod conformance;
mod json;
mod leaks;
mod process;
mod programs;
mod reference;
mod workspace;

use std::ffi::OsString;
use std::process::ExitCode;

/// Printed for a missing or unknown task, and for `--help`.
const USAGE: &str = "\
usage: cargo xtask <task> [args…]
tasks:
  conformance <stage> [--verbose] [FILE|DIR…]
      compare `pyrs --dump <stage> FILE` with the reference interpreter, over every .py file
      of its standard library or over the files given; prints `<stage>: identical X/Y`
  bench [<stage>]
      throughput of a pyrs stage against the reference interpreter (all stages if none given)
  bless [<stage>…]
      record the expected outputs of the test fixtures from the reference interpreter
      (stage `programs`: the program corpus of tests/programs/)
  programs [FILTER] [--update]
      run the program corpus under pyrs: passes per area and `programs: passed X/Y`; with
      FILTER only the programs whose path contains it, with diffs; --update rewrites
      tests/programs/passing.txt
  leaks [FILTER] [--valgrind] [--jobs N] [--timeout SECS]
      run the program corpus under LeakSanitizer (pyrs built by the nightly compiler with
      the system allocator; --valgrind: under valgrind, much slower) and report the memory
      each program lost for good
conformance stages today: tokens, ast, symtable; bench stages: tokens, parse, compile, programs";

/// The exit status of a usage error.
pub(crate) const EXIT_USAGE: u8 = 2;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let task = args.next();
    let rest: Vec<OsString> = args.collect();
    let outcome = match task.as_ref().and_then(|t| t.to_str()) {
        Some("conformance") => conformance::main(&rest),
        Some("bench") => bench::main(&rest),
        Some("bless") => bless::main(&rest),
        Some("programs") => programs::main(&rest),
        Some("leaks") => leaks::main(&rest),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Some(other) => return usage_error(&format!("unknown task `{other}`")),
        None if task.is_some() => return usage_error("the task name is not valid UTF-8"),
        None => return usage_error("no task given"),
    };
    match outcome {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// Reports a usage error with the usage text and returns exit status 2.
pub(crate) fn usage_error(message: &str) -> ExitCode {
    eprintln!("error: {message}\n{USAGE}");
    ExitCode::from(EXIT_USAGE)
}
