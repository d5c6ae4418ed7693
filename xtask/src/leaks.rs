//! `cargo xtask leaks [FILTER] [--jobs N] [--timeout SECS]`: runs the program corpus of
//! `tests/programs/` under valgrind's leak checker and reports, per program, the blocks it
//! lost for good ("definitely lost": no pointer to them anywhere when the program ended).
//!
//! pyrs is built with the `system-alloc` feature for this (mimalloc's pages would hide every
//! block from valgrind), into `target/leaks/`. What counts: only *definitely lost* blocks.
//! Objects still alive at exit (modules, their globals, interned strings, built-in types) are
//! reachable from static roots, or through a pointer into their middle (a container's
//! pointer points past its registry word), so valgrind files them under "still reachable"
//! or "possibly lost"; like CPython, pyrs does not free everything at exit, and such
//! memory is not a leak. A definitely lost block is memory whose last owner forgot it: a
//! reference count never dropped, a cycle the collector could not see, a `mem::forget`.
//!
//! Programs run in parallel (the machine's parallelism unless `--jobs`), each killed after
//! `--timeout` seconds (default 600: valgrind runs pyrs some thirty times slower).

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Duration;

use anyhow::{bail, Context, Result};

use crate::process::Status;
use crate::programs::corpus::{self, Program};
use crate::{usage_error, workspace};

/// `cargo xtask leaks`.
pub(crate) fn main(args: &[OsString]) -> Result<ExitCode> {
    let mut filter = None;
    let mut jobs = 0;
    let mut timeout = 600;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some(flag @ ("--jobs" | "--timeout")) => {
                let Some(n) = args.next().and_then(|v| v.to_str()?.parse::<u64>().ok()) else {
                    return Ok(usage_error(&format!("leaks: {flag} needs a number")));
                };
                if flag == "--jobs" {
                    jobs = n as usize;
                } else {
                    timeout = n;
                }
            }
            Some(flag) if flag.starts_with('-') => {
                return Ok(usage_error(&format!("leaks: unknown option `{flag}`")))
            }
            Some(text) if filter.is_none() => filter = Some(text.to_string()),
            Some(_) => return Ok(usage_error("leaks takes at most one FILTER")),
            None => return Ok(usage_error("the filter is not valid UTF-8")),
        }
    }
    let root = crate::programs::root();
    let mut programs = corpus::discover(&root).context("cannot list tests/programs/")?;
    if let Some(filter) = &filter {
        programs.retain(|p| p.id.contains(filter.as_str()));
        if programs.is_empty() {
            bail!("no program's path contains `{filter}`");
        }
    }
    let pyrs = build_leak_pyrs()?;
    let logs = workspace::target_dir().join("leaks").join("logs");
    std::fs::create_dir_all(&logs).with_context(|| format!("cannot create {}", logs.display()))?;
    eprintln!(
        "running {} programs under valgrind with {}",
        programs.len(),
        pyrs.display()
    );
    let limit = Duration::from_secs(timeout);
    let results = corpus::run_all(&programs, jobs, |program| {
        check(&root, &pyrs, &logs, program, limit)
    });
    let (mut clean, mut leaking, mut failed) = (0, 0, 0);
    for (program, result) in programs.iter().zip(&results) {
        match result {
            Ok(Check::Clean) => clean += 1,
            Ok(Check::Lost { bytes, blocks, log }) => {
                leaking += 1;
                println!(
                    "LEAK {}: definitely lost {bytes} bytes in {blocks} blocks ({})",
                    program.id,
                    log.display()
                );
            }
            Ok(Check::TimedOut) => {
                failed += 1;
                println!("TIMEOUT {} (over {timeout} s)", program.id);
            }
            Err(err) => {
                failed += 1;
                println!("BROKEN {}: {err:#}", program.id);
            }
        }
    }
    println!(
        "leaks: {clean} clean, {leaking} losing memory, {failed} not checked, of {}",
        programs.len()
    );
    Ok(if leaking == 0 && failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// What valgrind found in one program.
enum Check {
    Clean,
    Lost {
        bytes: u64,
        blocks: u64,
        log: PathBuf,
    },
    TimedOut,
}

/// Builds pyrs with the system allocator and copies it to `target/leaks/pyrs`, so that the
/// `programs` task's binary is left alone.
fn build_leak_pyrs() -> Result<PathBuf> {
    workspace::run_cargo(
        &[
            "build",
            "--release",
            "-p",
            "pyrs",
            "--features",
            "system-alloc",
        ],
        &[],
    )?;
    let built = workspace::target_dir().join("release").join("pyrs");
    let dir = workspace::target_dir().join("leaks");
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let dest = dir.join("pyrs");
    std::fs::copy(&built, &dest)
        .with_context(|| format!("cannot copy {} to {}", built.display(), dest.display()))?;
    Ok(dest)
}

/// Runs one program under valgrind, as the corpus runs it (same directory, environment and
/// arguments), and reads the definitely lost total from valgrind's log.
fn check(
    root: &Path,
    pyrs: &Path,
    logs: &Path,
    program: &Program,
    limit: Duration,
) -> Result<Check> {
    let log = logs.join(format!("{}.log", program.id.replace('/', "__")));
    let base = corpus::command(pyrs, root, program, corpus::HASH_SEED);
    let mut command = Command::new("valgrind");
    command.env_clear().current_dir(root);
    for (key, value) in base.get_envs() {
        if let Some(value) = value {
            command.env(key, value);
        }
    }
    command
        .arg("--leak-check=full")
        .arg("--show-leak-kinds=definite")
        .arg("--errors-for-leak-kinds=definite")
        .arg("--num-callers=30")
        .arg(format!("--log-file={}", log.display()))
        .arg(pyrs)
        .args(base.get_args());
    let captured = crate::process::run(&mut command, Some(limit))?;
    if captured.status == Status::TimedOut {
        return Ok(Check::TimedOut);
    }
    let text = std::fs::read_to_string(&log)
        .with_context(|| format!("valgrind wrote no log at {}", log.display()))?;
    let (bytes, blocks) = definitely_lost(&text);
    Ok(if bytes == 0 {
        Check::Clean
    } else {
        Check::Lost { bytes, blocks, log }
    })
}

/// The "definitely lost: B bytes in N blocks" figures of a valgrind log (0 when the log says
/// no leaks are possible).
fn definitely_lost(log: &str) -> (u64, u64) {
    let number = |s: &str| s.replace(',', "").parse::<u64>().unwrap_or(0);
    for line in log.lines() {
        if let Some(rest) = line.split("definitely lost: ").nth(1) {
            let words: Vec<&str> = rest.split_whitespace().collect();
            if let [bytes, "bytes", "in", blocks, ..] = words.as_slice() {
                return (number(bytes), number(blocks));
            }
        }
    }
    (0, 0)
}

#[cfg(test)]
mod tests {
    use super::definitely_lost;

    #[test]
    fn the_summary_line_is_read() {
        let log = "==1== LEAK SUMMARY:\n==1==    definitely lost: 1,024 bytes in 3 blocks\n\
                   ==1==    indirectly lost: 0 bytes in 0 blocks\n";
        assert_eq!(definitely_lost(log), (1024, 3));
        assert_eq!(definitely_lost("All heap blocks were freed"), (0, 0));
    }
}
