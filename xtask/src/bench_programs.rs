//! `cargo xtask bench programs` (also part of `cargo xtask bench`): the Python programs of
//! `benches/` run under pyrs and under the reference, alternately, in one session.
//!
//! Each program first runs once on each side untimed: its stdout (a checksum) must be the
//! same under pyrs as under the reference, and the peak resident set of that run is recorded
//! (`VmHWM` of `/proc/PID/status`, sampled every millisecond while it runs). A program pyrs
//! fails or prints something else for is reported with the reason and not timed. Then the
//! two sides run alternately, [`DEFAULT_REPEAT`] times each (`PYRS_BENCH_REPEAT` changes
//! it), and the median wall time of each side is kept. `startup.py`, an empty program, gives
//! the startup time instead and runs four times as often.
//!
//! Every run uses the corpus's fixed environment and working directory (the workspace root),
//! with pyrs built in release mode. The task fails (after printing the whole table) when pyrs
//! failed any program.

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::programs::corpus::{self, Program, Status};
use crate::reference::Reference;
use crate::workspace;

/// Timed runs per side and program unless `PYRS_BENCH_REPEAT` says otherwise.
const DEFAULT_REPEAT: usize = 5;

/// The longest the untimed first run of a program may take.
const LIMIT: Duration = Duration::from_secs(120);

/// The empty program whose run time is the startup time.
const STARTUP: &str = "startup.py";

/// What one side did with one program.
struct Side {
    /// Median wall time of the timed runs.
    median: Duration,
    /// Peak resident set of the untimed run, in kB.
    peak_kb: u64,
}

/// The bench's entry point.
pub(crate) fn run(reference: &Reference) -> Result<()> {
    let root = crate::programs::root();
    let repeat = match std::env::var("PYRS_BENCH_REPEAT") {
        Ok(text) => text
            .parse::<usize>()
            .ok()
            .filter(|n| *n > 0)
            .with_context(|| format!("PYRS_BENCH_REPEAT={text} is not a positive number"))?,
        Err(_) => DEFAULT_REPEAT,
    };
    let programs = bench_programs(&root)?;
    let pyrs = workspace::build_pyrs()?;
    println!(
        "bench programs: {} programs, {repeat} timed runs per side (startup: {}), alternating \
         pyrs ({}) and CPython 3.13 ({})",
        programs.len(),
        repeat * 4,
        pyrs.display(),
        reference.python.display()
    );
    println!(
        "{:<22} {:>10} {:>10} {:>13} {:>11} {:>11}",
        "program", "pyrs", "CPython", "pyrs/CPython", "pyrs peak", "CPython peak"
    );
    let mut ratios = Vec::new();
    let mut failed = Vec::new();
    for program in &programs {
        let startup = program.id.ends_with(STARTUP);
        let runs = if startup { repeat * 4 } else { repeat };
        let name = program.id.trim_end_matches(".py");
        let name = if startup { "startup (empty)" } else { name };
        match measure(&root, &pyrs, &reference.python, program, runs)? {
            Ok((mine, theirs)) => {
                let ratio = mine.median.as_secs_f64() / theirs.median.as_secs_f64();
                println!(
                    "{name:<22} {:>10} {:>10} {:>12.2}× {:>11} {:>11}",
                    seconds(mine.median),
                    seconds(theirs.median),
                    ratio,
                    mib(mine.peak_kb),
                    mib(theirs.peak_kb)
                );
                if !startup {
                    ratios.push(ratio);
                }
            }
            Err(reason) => {
                println!("{name:<22} pyrs failed: {reason}");
                failed.push(name.to_string());
            }
        }
    }
    let timed = programs.len() - 1 - failed.iter().filter(|n| !n.starts_with("startup")).count();
    match geometric_mean(&ratios) {
        Some(mean) => println!(
            "geometric mean of pyrs/CPython: {mean:.2}× over {timed} of {} programs",
            programs.len() - 1
        ),
        None => println!("geometric mean of pyrs/CPython: none (pyrs ran no program)"),
    }
    if !failed.is_empty() {
        bail!(
            "pyrs failed {} of {} benchmark programs: {}",
            failed.len(),
            programs.len(),
            failed.join(", ")
        );
    }
    Ok(())
}

/// The programs of `benches/`, sorted, the startup program last; as corpus programs (their id
/// is their file name).
fn bench_programs(root: &Path) -> Result<Vec<Program>> {
    let dir = root.join("benches");
    let mut programs = Vec::new();
    for entry in
        std::fs::read_dir(&dir).with_context(|| format!("cannot list {}", dir.display()))?
    {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "py") {
            let name = path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            programs.push(Program {
                path: Path::new("benches").join(&name),
                id: name,
                area: "benches".into(),
                args: Vec::new(),
            });
        }
    }
    programs.sort_by_key(|p| (p.id == STARTUP, p.id.clone()));
    if !programs.iter().any(|p| p.id == STARTUP) {
        bail!("benches/{STARTUP}, the empty program that measures startup, is missing");
    }
    Ok(programs)
}

/// Measures one program on both sides: `Ok(Err(reason))` when pyrs fails it.
fn measure(
    root: &Path,
    pyrs: &Path,
    python: &Path,
    program: &Program,
    runs: usize,
) -> Result<std::result::Result<(Side, Side), String>> {
    let (expected, status, theirs_peak) = first_run(root, python, program)?;
    if status != Status::Exit(0) {
        bail!(
            "the reference fails benches/{} ({status}):\n{}",
            program.id,
            String::from_utf8_lossy(&expected.1)
        );
    }
    let (actual, status, mine_peak) = first_run(root, pyrs, program)?;
    if status != Status::Exit(0) {
        let last_line = String::from_utf8_lossy(&actual.1)
            .lines()
            .last()
            .unwrap_or("")
            .to_string();
        return Ok(Err(format!("{status}: {last_line}")));
    }
    if actual.0 != expected.0 {
        return Ok(Err(format!(
            "it printed {:?}, CPython printed {:?}",
            String::from_utf8_lossy(&actual.0).trim_end(),
            String::from_utf8_lossy(&expected.0).trim_end()
        )));
    }
    let mut mine = Vec::new();
    let mut theirs = Vec::new();
    for _ in 0..runs {
        mine.push(timed_run(root, pyrs, program)?);
        theirs.push(timed_run(root, python, program)?);
    }
    Ok(Ok((
        Side {
            median: median(&mut mine),
            peak_kb: mine_peak,
        },
        Side {
            median: median(&mut theirs),
            peak_kb: theirs_peak,
        },
    )))
}

/// The untimed run: (stdout, stderr), how it ended, and its peak resident set in kB.
#[allow(clippy::type_complexity)]
fn first_run(
    root: &Path,
    interpreter: &Path,
    program: &Program,
) -> Result<((Vec<u8>, Vec<u8>), Status, u64)> {
    let child = corpus::command(interpreter, root, program, corpus::HASH_SEED)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("cannot run {}", interpreter.display()))?;
    let mut peak = 0;
    let (stdout, stderr, status) = corpus::wait_with_limit(child, LIMIT, Some(&mut peak))?;
    Ok(((stdout, stderr), status, peak))
}

/// One timed run, its output discarded: the wall time from spawn to exit.
fn timed_run(root: &Path, interpreter: &Path, program: &Program) -> Result<Duration> {
    let start = Instant::now();
    let status = corpus::command(interpreter, root, program, corpus::HASH_SEED)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .with_context(|| format!("cannot run {}", interpreter.display()))?;
    let elapsed = start.elapsed();
    if !status.success() {
        bail!(
            "{} failed on a timed run of benches/{} ({status})",
            interpreter.display(),
            program.id
        );
    }
    Ok(elapsed)
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn geometric_mean(ratios: &[f64]) -> Option<f64> {
    if ratios.is_empty() {
        return None;
    }
    let log_sum: f64 = ratios.iter().map(|r| r.ln()).sum();
    Some((log_sum / ratios.len() as f64).exp())
}

/// A duration in seconds, or in milliseconds below one second.
fn seconds(time: Duration) -> String {
    let s = time.as_secs_f64();
    if s < 1.0 {
        format!("{:.1} ms", s * 1e3)
    } else {
        format!("{s:.3} s")
    }
}

/// A size in kB as MiB.
fn mib(kb: u64) -> String {
    if kb == 0 {
        "?".into()
    } else {
        format!("{:.1} MiB", kb as f64 / 1024.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_and_means() {
        let ms = Duration::from_millis;
        assert_eq!(median(&mut [ms(3), ms(1), ms(2)]), ms(2));
        assert_eq!(geometric_mean(&[2.0, 8.0]), Some(4.0));
        assert_eq!(geometric_mean(&[]), None);
        assert_eq!(seconds(ms(1500)), "1.500 s");
        assert_eq!(seconds(ms(12)), "12.0 ms");
    }
}
