//! The program corpus of `tests/programs/`: finding its programs, running one under an
//! interpreter the way its expectations were recorded, and comparing a run with them.
//!
//! Shared by the corpus test (`crates/pyrs/tests/programs.rs`) and by xtask (`cargo xtask
//! programs`, `cargo xtask bless programs`, `cargo xtask bench programs`), which includes this
//! file by path, so that a program runs the same way wherever it runs. Each side uses part of
//! it, hence the `dead_code` allowance.
//!
//! The rules (tests/programs/README.md explains them for people writing programs):
//! - a program is a `.py` file directly inside an area directory, `tests/programs/AREA/NAME.py`;
//!   files in deeper directories are helper modules, never run on their own;
//! - a line `# args: A B …` among a program's first five lines gives it command-line arguments;
//! - it runs as `INTERPRETER tests/programs/AREA/NAME.py ARGS…` from the workspace root, with
//!   stdin from `/dev/null` and the fixed environment of [`command`];
//! - its expectations sit beside it: `NAME.stdout` (always), `NAME.stderr` (only when the
//!   reference wrote to stderr) and `NAME.status` (only when the exit status is not 0), each
//!   holding the exact bytes (the status as decimal digits and a newline);
//! - in both outputs the absolute path of the workspace root followed by `/` is removed before
//!   recording or comparing, so traceback lines read `File "tests/programs/…"` on every machine.

#![allow(dead_code)]

use std::collections::BTreeSet;
use std::fmt;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::thread;
use std::time::{Duration, Instant};

/// The corpus directory, relative to the workspace root.
pub(crate) const DIR: &str = "tests/programs";

/// The list of programs pyrs is known to pass, relative to [`DIR`].
pub(crate) const PASSING: &str = "tests/programs/passing.txt";

/// How long one program may run before it is killed and counted as failed: ten seconds under
/// the release build that `cargo xtask programs` runs, three times that under the unoptimised
/// build of `cargo test` (several times slower, and sharing the processors with the other test
/// binaries), where the slowest program, gc/million_cycles.py, takes 6 to 13 seconds.
pub(crate) const TIMEOUT: Duration =
    Duration::from_secs(if cfg!(debug_assertions) { 30 } else { 10 });

/// The hash seed the expectations are recorded with.
pub(crate) const HASH_SEED: &str = "0";

/// One program of the corpus.
#[derive(Clone, Debug)]
pub(crate) struct Program {
    /// Its path relative to the workspace root: `tests/programs/AREA/NAME.py`.
    pub(crate) path: PathBuf,
    /// Its path relative to [`DIR`], with `/` separators: `AREA/NAME.py`; how passing.txt and
    /// every report name it.
    pub(crate) id: String,
    /// Its area: the directory it sits in.
    pub(crate) area: String,
    /// Its command-line arguments, from a `# args:` line.
    pub(crate) args: Vec<String>,
}

impl Program {
    /// The path of one expectation file (`stdout`, `stderr` or `status`), relative to the root.
    pub(crate) fn expectation(&self, kind: &str) -> PathBuf {
        self.path.with_extension(kind)
    }
}

/// Every program of the corpus under `root`, sorted by id.
pub(crate) fn discover(root: &Path) -> io::Result<Vec<Program>> {
    let dir = root.join(DIR);
    let mut programs = Vec::new();
    for area in sorted_entries(&dir)? {
        if !area.is_dir() {
            continue;
        }
        let area_name = file_name(&area);
        for file in sorted_entries(&area)? {
            if !file.is_file() || file.extension() != Some(std::ffi::OsStr::new("py")) {
                continue;
            }
            let name = file_name(&file);
            let source = std::fs::read_to_string(&file)?;
            programs.push(Program {
                path: Path::new(DIR).join(&area_name).join(&name),
                id: format!("{area_name}/{name}"),
                area: area_name.clone(),
                args: args_line(&source),
            });
        }
    }
    Ok(programs)
}

fn sorted_entries(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut entries = std::fs::read_dir(dir)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<io::Result<Vec<_>>>()?;
    entries.sort();
    Ok(entries)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The arguments of a `# args: A B …` line among the first five lines of a program.
fn args_line(source: &str) -> Vec<String> {
    source
        .lines()
        .take(5)
        .find_map(|line| line.strip_prefix("# args:"))
        .map(|args| args.split_whitespace().map(str::to_string).collect())
        .unwrap_or_default()
}

/// How a run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Status {
    /// It exited with this code.
    Exit(i32),
    /// It was killed by this signal.
    Signal(i32),
    /// It ran past its time limit and was killed.
    TimedOut,
}

impl Status {
    /// Whether the program exited with status 0.
    pub(crate) fn success(self) -> bool {
        self == Status::Exit(0)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Status::Exit(code) => write!(f, "exit {code}"),
            Status::Signal(signal) => write!(f, "signal {signal}"),
            Status::TimedOut => write!(f, "timed out"),
        }
    }
}

/// What a run printed and how it ended: what a program's expectations record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Outcome {
    pub(crate) stdout: Vec<u8>,
    pub(crate) stderr: Vec<u8>,
    pub(crate) status: Status,
}

/// The command that runs `program` under `interpreter` as the corpus runs it: from the root,
/// with a fixed environment. Only `PATH`, `HOME`, `PYENV_ROOT` and pyrs's own `PYRS_*`
/// variables are passed on (an interpreter may need them to find its standard library);
/// everything else is fixed: UTF-8 everywhere, no bytecode files written, no user
/// site-packages, no colours, and the given string hash seed.
pub(crate) fn command(interpreter: &Path, root: &Path, program: &Program, seed: &str) -> Command {
    let mut command = Command::new(interpreter);
    command
        .arg(&program.path)
        .args(&program.args)
        .current_dir(root)
        .env_clear();
    for (key, value) in std::env::vars_os() {
        let keep = key
            .to_str()
            .is_some_and(|k| matches!(k, "PATH" | "HOME" | "PYENV_ROOT") || k.starts_with("PYRS_"));
        if keep {
            command.env(key, value);
        }
    }
    command.envs([
        ("LC_ALL", "C.UTF-8"),
        ("PYTHONUTF8", "1"),
        ("PYTHONDONTWRITEBYTECODE", "1"),
        ("PYTHONNOUSERSITE", "1"),
        ("PYTHON_COLORS", "0"),
        ("PYTHONHASHSEED", seed),
    ]);
    command
}

/// Runs `program` under `interpreter` (see [`command`]), killing it after [`TIMEOUT`].
pub(crate) fn run(
    interpreter: &Path,
    root: &Path,
    program: &Program,
    seed: &str,
) -> io::Result<Outcome> {
    let child = command(interpreter, root, program, seed)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let (stdout, stderr, status) = wait_with_limit(child, TIMEOUT, None)?;
    let prefix = format!("{}/", root.display());
    Ok(Outcome {
        stdout: strip_root(&stdout, prefix.as_bytes()),
        stderr: strip_root(&stderr, prefix.as_bytes()),
        status,
    })
}

/// Waits for `child`, whose stdout and stderr are piped, reading both, and kills it after
/// `limit`. When `peak` is given, the child's peak resident set (`VmHWM` of
/// `/proc/PID/status`, in kB) is sampled every millisecond while it runs and the largest
/// value seen is stored there (0 where `/proc` is missing).
pub(crate) fn wait_with_limit(
    mut child: Child,
    limit: Duration,
    mut peak: Option<&mut u64>,
) -> io::Result<(Vec<u8>, Vec<u8>, Status)> {
    let start = Instant::now();
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let status_path = format!("/proc/{}/status", child.id());
    let mut pause = Duration::from_micros(200);
    let status = loop {
        if let Some(peak) = peak.as_deref_mut() {
            if let Some(kb) = vm_hwm_kb(&status_path) {
                *peak = (*peak).max(kb);
            }
            pause = Duration::from_millis(1);
        }
        if let Some(status) = child.try_wait()? {
            break exit_status(status);
        }
        if start.elapsed() >= limit {
            let _ = child.kill();
            let _ = child.wait();
            break Status::TimedOut;
        }
        thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(10));
    };
    // A killed program's own children may hold the pipes open: then its output is given up.
    let join = |reader: thread::JoinHandle<Vec<u8>>| {
        if status == Status::TimedOut && !reader.is_finished() {
            thread::sleep(Duration::from_millis(200));
            if !reader.is_finished() {
                return Vec::new();
            }
        }
        reader.join().unwrap_or_default()
    };
    let stdout = join(stdout);
    let stderr = join(stderr);
    Ok((stdout, stderr, status))
}

/// `VmHWM` of a `/proc/PID/status` file, in kB.
fn vm_hwm_kb(path: &str) -> Option<u64> {
    let text = std::fs::read_to_string(path).ok()?;
    let line = text.lines().find_map(|l| l.strip_prefix("VmHWM:"))?;
    line.trim().trim_end_matches("kB").trim().parse().ok()
}

fn exit_status(status: std::process::ExitStatus) -> Status {
    if let Some(code) = status.code() {
        return Status::Exit(code);
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return Status::Signal(signal);
        }
    }
    Status::Exit(-1)
}

/// `bytes` with every occurrence of `prefix` removed.
fn strip_root(bytes: &[u8], prefix: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut rest = bytes;
    while !rest.is_empty() {
        if rest.starts_with(prefix) {
            rest = &rest[prefix.len()..];
        } else {
            out.push(rest[0]);
            rest = &rest[1..];
        }
    }
    out
}

/// Runs every program on `threads` threads (the machine's parallelism when 0), calling `run`
/// for each; the results are in the programs' order.
pub(crate) fn run_all<T: Send>(
    programs: &[Program],
    threads: usize,
    run: impl Fn(&Program) -> T + Sync,
) -> Vec<T> {
    let threads = match threads {
        0 => thread::available_parallelism().map_or(2, |n| n.get()),
        n => n,
    }
    .min(programs.len().max(1));
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<T>>> = Mutex::new((0..programs.len()).map(|_| None).collect());
    thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(program) = programs.get(index) else {
                    break;
                };
                let result = run(program);
                results.lock().unwrap_or_else(|e| e.into_inner())[index] = Some(result);
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .flatten()
        .collect()
}

/// The recorded expectations of `program`, or `None` when it has never been blessed (it has
/// no `.stdout` file).
pub(crate) fn expected(root: &Path, program: &Program) -> io::Result<Option<Outcome>> {
    let read = |kind: &str| -> io::Result<Option<Vec<u8>>> {
        match std::fs::read(root.join(program.expectation(kind))) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(err) => Err(err),
        }
    };
    let Some(stdout) = read("stdout")? else {
        return Ok(None);
    };
    let stderr = read("stderr")?.unwrap_or_default();
    let status = match read("status")? {
        None => 0,
        Some(text) => String::from_utf8_lossy(&text).trim().parse().map_err(|_| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "{} is not an exit status",
                    program.expectation("status").display()
                ),
            )
        })?,
    };
    Ok(Some(Outcome {
        stdout,
        stderr,
        status: Status::Exit(status),
    }))
}

/// Writes `outcome` as the expectations of `program`: `.stdout` always, `.stderr` and
/// `.status` only when not empty and not 0 (an older file is removed otherwise).
pub(crate) fn write_expected(root: &Path, program: &Program, outcome: &Outcome) -> io::Result<()> {
    let Status::Exit(code) = outcome.status else {
        return Err(io::Error::other(format!(
            "{} {}",
            program.id, outcome.status
        )));
    };
    std::fs::write(root.join(program.expectation("stdout")), &outcome.stdout)?;
    let optional = |kind: &str, bytes: Option<Vec<u8>>| -> io::Result<()> {
        let path = root.join(program.expectation(kind));
        match bytes {
            Some(bytes) => std::fs::write(path, bytes),
            None => match std::fs::remove_file(path) {
                Err(err) if err.kind() != io::ErrorKind::NotFound => Err(err),
                _ => Ok(()),
            },
        }
    };
    optional(
        "stderr",
        Some(outcome.stderr.clone()).filter(|b| !b.is_empty()),
    )?;
    optional(
        "status",
        (code != 0).then(|| format!("{code}\n").into_bytes()),
    )
}

/// The ids listed in passing.txt: one per line; blank lines and `#` comments are skipped.
pub(crate) fn read_passing(root: &Path) -> io::Result<BTreeSet<String>> {
    let text = match std::fs::read_to_string(root.join(PASSING)) {
        Ok(text) => text,
        Err(err) if err.kind() == io::ErrorKind::NotFound => String::new(),
        Err(err) => return Err(err),
    };
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(str::to_string)
        .collect())
}

/// The header passing.txt starts with.
pub(crate) const PASSING_HEADER: &str = "\
# Programs of tests/programs/ that pyrs passes, one per line, sorted.
# The corpus test fails when one of them fails, and when a program passes that is not listed.
# Rewrite this file from the current results with `cargo xtask programs --update`.
";

/// How a run differs from its expectations, as a diff-like report; `None` when it does not.
pub(crate) fn compare(expected: &Outcome, actual: &Outcome) -> Option<String> {
    let mut report = String::new();
    if expected.status != actual.status {
        report += &format!(
            "  status: expected {}, got {}\n",
            expected.status, actual.status
        );
    }
    for (name, want, got) in [
        ("stdout", &expected.stdout, &actual.stdout),
        ("stderr", &expected.stderr, &actual.stderr),
    ] {
        if want != got {
            report += &format!("  {name} differs (- expected, + actual):\n");
            report += &diff(
                &String::from_utf8_lossy(want),
                &String::from_utf8_lossy(got),
            );
        }
    }
    (!report.is_empty()).then_some(report)
}

/// The longest diff shown for one output.
const DIFF_LINES: usize = 40;

/// A line diff of two texts (longest common subsequence), unchanged lines shown only around
/// changes, at most [`DIFF_LINES`] lines.
pub(crate) fn diff(want: &str, got: &str) -> String {
    let a: Vec<&str> = want.split_inclusive('\n').collect();
    let b: Vec<&str> = got.split_inclusive('\n').collect();
    // Outputs are small; a very long one is shown from its first difference only.
    let ops: Vec<(char, &str)> = if a.len() * b.len() > 4_000_000 {
        let same = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
        let mut ops: Vec<(char, &str)> = a[..same].iter().map(|l| (' ', *l)).collect();
        ops.extend(a[same..].iter().map(|l| ('-', *l)));
        ops.extend(b[same..].iter().map(|l| ('+', *l)));
        ops
    } else {
        let mut lcs = vec![vec![0u32; b.len() + 1]; a.len() + 1];
        for i in (0..a.len()).rev() {
            for j in (0..b.len()).rev() {
                lcs[i][j] = if a[i] == b[j] {
                    lcs[i + 1][j + 1] + 1
                } else {
                    lcs[i + 1][j].max(lcs[i][j + 1])
                };
            }
        }
        let (mut i, mut j, mut ops) = (0, 0, Vec::new());
        while i < a.len() || j < b.len() {
            if i < a.len() && j < b.len() && a[i] == b[j] {
                ops.push((' ', a[i]));
                (i, j) = (i + 1, j + 1);
            } else if i < a.len() && (j == b.len() || lcs[i + 1][j] >= lcs[i][j + 1]) {
                ops.push(('-', a[i]));
                i += 1;
            } else {
                ops.push(('+', b[j]));
                j += 1;
            }
        }
        ops
    };
    let near_change = |k: usize| {
        ops[k.saturating_sub(2)..(k + 3).min(ops.len())]
            .iter()
            .any(|(op, _)| *op != ' ')
    };
    let mut out = String::new();
    let mut shown = 0;
    let mut skipped = false;
    for (k, (op, line)) in ops.iter().enumerate() {
        if !near_change(k) {
            skipped = true;
            continue;
        }
        if shown == DIFF_LINES {
            out += "    …\n";
            break;
        }
        if skipped {
            out += "    …\n";
            skipped = false;
        }
        let text = line.strip_suffix('\n').unwrap_or(line);
        let missing_newline = if line.ends_with('\n') {
            ""
        } else {
            " ⏎ (no newline at end)"
        };
        out += &format!("    {op} {text}{missing_newline}\n");
        shown += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn args_come_from_an_args_line() {
        assert_eq!(args_line("# args: a b\nprint(1)\n"), ["a", "b"]);
        assert!(args_line("print(1)\n").is_empty());
    }

    #[test]
    fn the_root_is_stripped() {
        assert_eq!(
            strip_root(b"File \"/r/t/x.py\" /r/", b"/r/"),
            b"File \"t/x.py\" "
        );
    }

    #[test]
    fn a_diff_marks_changed_lines() {
        let report = diff("a\nb\nc\n", "a\nB\nc\n");
        assert_eq!(report, "      a\n    - b\n    + B\n      c\n");
    }
}
