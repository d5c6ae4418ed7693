//! `cargo xtask leaks [FILTER] [--valgrind] [--jobs N] [--timeout SECS]`: runs the program
//! corpus of `tests/programs/` under a leak checker and reports, per program, the memory it
//! lost for good: blocks no pointer reaches any more when the program ends.
//!
//! Two checkers:
//! - **LeakSanitizer** (the default): pyrs built by the nightly compiler with
//!   `-Zsanitizer=leak`, for the explicit target `x86_64-unknown-linux-gnu` (so build
//!   scripts and procedural macros, built for the host, are left uninstrumented), into
//!   `target/x86_64-unknown-linux-gnu/release/`. LeakSanitizer only replaces `malloc` and
//!   checks once at exit, so pyrs runs at nearly full speed and the whole corpus takes
//!   minutes. The nightly
//!   toolchain is installed through rustup (`--profile minimal`) when it is missing.
//! - **valgrind** (`--valgrind`): the release build, into `target/leaks/valgrind/`, under
//!   `valgrind --leak-check=full`; some thirty times slower, hours for the whole corpus.
//!
//! Both build pyrs with its `leak-check` feature: the system allocator (mimalloc's pages
//! would hide every block from either checker), a collector registry that does not count as
//! a pointer to the containers it lists, and a full collection at exit. A cycle the
//! collector can free is then gone at exit, and one it cannot (through a type without
//! `traverse`) is reported as lost instead of passing as reachable through the registry.
//!
//! What counts: LeakSanitizer's direct and indirect leaks (a cycle of lost blocks has no
//! direct one: every block of it is referenced by another), valgrind's *definitely* and
//! *indirectly* lost blocks. Objects still alive at exit (modules, their globals, interned
//! strings, built-in types) are reachable from static roots; like CPython, pyrs does not
//! free everything at exit, and that memory is not a leak. Containers are referenced through
//! a pointer past their registry word: LeakSanitizer counts such interior pointers as
//! references, valgrind files the blocks as "possibly lost", which is not counted.
//!
//! Programs run in parallel (the machine's parallelism unless `--jobs`), each killed after
//! `--timeout` seconds (default 600). Each run's reports go to `target/leaks/logs/`, one
//! file per process (a program's subprocesses are pyrs too, and checked as well).

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Duration;

use anyhow::{bail, Context, Result};

use crate::process::Status;
use crate::programs::corpus::{self, Program};
use crate::{usage_error, workspace};

/// The leak checker a run uses.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tool {
    LeakSanitizer,
    Valgrind,
}

impl Tool {
    fn name(self) -> &'static str {
        match self {
            Tool::LeakSanitizer => "LeakSanitizer",
            Tool::Valgrind => "valgrind",
        }
    }
}

/// The target LeakSanitizer's build names, so that host code (build scripts, procedural
/// macros) is compiled without the sanitizer.
const LSAN_TARGET: &str = "x86_64-unknown-linux-gnu";

/// `cargo xtask leaks`.
pub(crate) fn main(args: &[OsString]) -> Result<ExitCode> {
    let mut filter = None;
    let mut jobs = 0;
    let mut timeout = 600;
    let mut tool = Tool::LeakSanitizer;
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
            Some("--valgrind") => tool = Tool::Valgrind,
            Some("--lsan") => tool = Tool::LeakSanitizer,
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
    let pyrs = match tool {
        Tool::LeakSanitizer => build_lsan_pyrs()?,
        Tool::Valgrind => build_valgrind_pyrs()?,
    };
    let logs = workspace::target_dir().join("leaks").join("logs");
    std::fs::create_dir_all(&logs).with_context(|| format!("cannot create {}", logs.display()))?;
    eprintln!(
        "running {} programs under {} with {}",
        programs.len(),
        tool.name(),
        pyrs.display()
    );
    let limit = Duration::from_secs(timeout);
    let results = corpus::run_all(&programs, jobs, |program| {
        check(tool, &root, &pyrs, &logs, program, limit)
    });
    let (mut clean, mut leaking, mut failed) = (0, 0, 0);
    for (program, result) in programs.iter().zip(&results) {
        match result {
            Ok(Check::Clean) => clean += 1,
            Ok(Check::Lost { bytes, blocks, log }) => {
                leaking += 1;
                println!(
                    "LEAK {}: lost {bytes} bytes in {blocks} blocks ({})",
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
        "leaks ({}): {clean} clean, {leaking} losing memory, {failed} not checked, of {}",
        tool.name(),
        programs.len()
    );
    Ok(if leaking == 0 && failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// What the checker found in one program.
enum Check {
    Clean,
    Lost {
        bytes: u64,
        blocks: u64,
        log: PathBuf,
    },
    TimedOut,
}

/// Builds pyrs for valgrind (release, `leak-check`) into its own target directory and
/// returns the binary, so that the `programs` task's binary is left alone.
fn build_valgrind_pyrs() -> Result<PathBuf> {
    let target = workspace::target_dir().join("leaks").join("valgrind");
    workspace::run_cargo(
        &[
            "build",
            "--release",
            "-p",
            "pyrs",
            "--features",
            "leak-check",
        ],
        &[("CARGO_TARGET_DIR", &target)],
    )?;
    Ok(target.join("release").join("pyrs"))
}

/// Builds pyrs for LeakSanitizer (nightly, `-Zsanitizer=leak`, `leak-check`) into its own
/// target directory and returns the binary; installs the nightly toolchain first if rustup
/// does not have it.
fn build_lsan_pyrs() -> Result<PathBuf> {
    let has_nightly = Command::new("rustup")
        .args(["run", "nightly", "rustc", "--version"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !has_nightly {
        eprintln!("$ rustup toolchain install nightly --profile minimal");
        let status = Command::new("rustup")
            .args(["toolchain", "install", "nightly", "--profile", "minimal"])
            .status()
            .context("LeakSanitizer needs the nightly toolchain, and rustup cannot be run")?;
        if !status.success() {
            bail!("`rustup toolchain install nightly` failed ({status})");
        }
    }
    // The explicit target keeps these objects apart from the ordinary builds' (in
    // `TARGET/x86_64-unknown-linux-gnu/`); host code is shared by name and hash.
    let target = workspace::target_dir();
    let args = [
        "run",
        "nightly",
        "cargo",
        "build",
        "--release",
        "-p",
        "pyrs",
        "--features",
        "leak-check",
        "--target",
        LSAN_TARGET,
    ];
    eprintln!("$ rustup {}", args.join(" "));
    // Frame pointers let the sanitizer take each allocation's stack cheaply.
    let status = Command::new("rustup")
        .args(args)
        .current_dir(workspace::root())
        .env("CARGO_TARGET_DIR", &target)
        .env(
            "RUSTFLAGS",
            "-Zsanitizer=leak -Cforce-frame-pointers=yes -Cdebuginfo=line-tables-only",
        )
        // The cargo that started xtask is the stable one; let rustup pick nightly's tools.
        .env_remove("CARGO")
        .env_remove("RUSTC")
        .env_remove("RUSTUP_TOOLCHAIN")
        .env_remove("RUSTDOC")
        .status()
        .context("cannot run rustup")?;
    if !status.success() {
        bail!("`rustup {}` failed ({status})", args.join(" "));
    }
    Ok(target.join(LSAN_TARGET).join("release").join("pyrs"))
}

/// Runs one program under the checker, as the corpus runs it (same directory, environment
/// and arguments), and reads what it lost from the checker's logs.
fn check(
    tool: Tool,
    root: &Path,
    pyrs: &Path,
    logs: &Path,
    program: &Program,
    limit: Duration,
) -> Result<Check> {
    let stem = program.id.replace('/', "__");
    // Logs of an earlier run would be read as this one's.
    for entry in
        std::fs::read_dir(logs).with_context(|| format!("cannot list {}", logs.display()))?
    {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with(&format!("{stem}.")) {
            std::fs::remove_file(&path)
                .with_context(|| format!("cannot remove {}", path.display()))?;
        }
    }
    let base = corpus::command(pyrs, root, program, corpus::HASH_SEED);
    let mut command = match tool {
        Tool::Valgrind => {
            let mut command = Command::new("valgrind");
            command
                .arg("--leak-check=full")
                .arg("--show-leak-kinds=definite,indirect")
                .arg("--errors-for-leak-kinds=definite,indirect")
                .arg("--num-callers=30")
                .arg("--trace-children=yes")
                .arg(format!(
                    "--log-file={}",
                    logs.join(format!("{stem}.%p.log")).display()
                ))
                .arg(pyrs);
            command
        }
        Tool::LeakSanitizer => Command::new(pyrs),
    };
    command.env_clear().current_dir(root);
    for (key, value) in base.get_envs() {
        if let Some(value) = value {
            command.env(key, value);
        }
    }
    if tool == Tool::LeakSanitizer {
        // Reports (written only when something leaked) go to STEM.PID, one per process; the
        // exit status stays the program's own; an allocation too big for the sanitizer's
        // allocator fails as it would with the system's (the programs test MemoryError); and
        // fatal signals are left to the program (faulthandler's programs crash on purpose).
        command.env(
            "LSAN_OPTIONS",
            format!(
                "log_path={}:exitcode=0:malloc_context_size=30:allocator_may_return_null=1:\
                 handle_segv=0:handle_sigbus=0:handle_sigfpe=0:handle_sigill=0:handle_abort=0",
                logs.join(&stem).display()
            ),
        );
    }
    command.args(base.get_args());
    let captured = crate::process::run(&mut command, Some(limit))?;
    if captured.status == Status::TimedOut {
        return Ok(Check::TimedOut);
    }
    let (mut bytes, mut blocks, mut first, mut any_log) = (0, 0, None, false);
    for entry in
        std::fs::read_dir(logs).with_context(|| format!("cannot list {}", logs.display()))?
    {
        let path = entry?.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if !name.starts_with(&format!("{stem}.")) {
            continue;
        }
        any_log = true;
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let (b, n) = match tool {
            Tool::Valgrind => valgrind_lost(&text),
            Tool::LeakSanitizer => lsan_lost(&text),
        };
        // A sanitizer report without a leak summary is an error that stopped the check.
        if tool == Tool::LeakSanitizer && b == 0 {
            if let Some(line) = text.lines().find(|l| l.contains("ERROR: LeakSanitizer")) {
                bail!(
                    "{} ({})",
                    line.trim_start_matches('=').trim(),
                    path.display()
                );
            }
        }
        if b > 0 {
            bytes += b;
            blocks += n;
            first.get_or_insert(path);
        }
    }
    if tool == Tool::Valgrind && !any_log {
        bail!("valgrind wrote no log");
    }
    Ok(match first {
        Some(log) => Check::Lost { bytes, blocks, log },
        None => Check::Clean,
    })
}

/// The definitely and indirectly lost figures of a valgrind log, summed: (bytes, blocks).
/// Zero when the log says no leaks are possible.
fn valgrind_lost(log: &str) -> (u64, u64) {
    let number = |s: &str| s.replace(',', "").parse::<u64>().unwrap_or(0);
    let (mut bytes, mut blocks) = (0, 0);
    for line in log.lines() {
        for kind in ["definitely lost: ", "indirectly lost: "] {
            if let Some(rest) = line.split(kind).nth(1) {
                let words: Vec<&str> = rest.split_whitespace().collect();
                if let [b, "bytes", "in", n, ..] = words.as_slice() {
                    bytes += number(b);
                    blocks += number(n);
                }
            }
        }
    }
    (bytes, blocks)
}

/// The total of a LeakSanitizer report, "SUMMARY: LeakSanitizer: B byte(s) leaked in N
/// allocation(s).": (bytes, blocks). Zero when there is no such line.
fn lsan_lost(log: &str) -> (u64, u64) {
    for line in log.lines() {
        if let Some(rest) = line.split("SUMMARY: LeakSanitizer: ").nth(1) {
            let words: Vec<&str> = rest.split_whitespace().collect();
            if let [b, "byte(s)", "leaked", "in", n, ..] = words.as_slice() {
                return (b.parse().unwrap_or(0), n.parse().unwrap_or(0));
            }
        }
    }
    (0, 0)
}

#[cfg(test)]
mod tests {
    use super::{lsan_lost, valgrind_lost};

    #[test]
    fn the_valgrind_summary_is_read() {
        let log = "==1== LEAK SUMMARY:\n==1==    definitely lost: 1,024 bytes in 3 blocks\n\
                   ==1==    indirectly lost: 16 bytes in 1 blocks\n";
        assert_eq!(valgrind_lost(log), (1040, 4));
        assert_eq!(valgrind_lost("All heap blocks were freed"), (0, 0));
    }

    #[test]
    fn the_lsan_summary_is_read() {
        let log = "==1==ERROR: LeakSanitizer: detected memory leaks\n\n\
                   SUMMARY: LeakSanitizer: 112 byte(s) leaked in 2 allocation(s).\n";
        assert_eq!(lsan_lost(log), (112, 2));
        assert_eq!(lsan_lost(""), (0, 0));
    }
}
