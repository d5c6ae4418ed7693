//! The command-line cases of `tests/cli/cases.txt`: reading them, running one under an
//! interpreter, and the files its expectations live in.
//!
//! Shared by the test (`crates/pyrs/tests/cli.rs`) and by `cargo xtask bless cli`, which
//! includes this file by path, so that a case runs the same way under pyrs and under the
//! reference. Each side uses part of it, hence the `dead_code` allowance.
//!
//! The rules (tests/cli/README.md explains them for people writing cases):
//! - a case is a `[NAME]` header followed by `key = value` lines: `args` (the command line
//!   after the program name: words separated by spaces, `'…'` quoting a word that holds
//!   spaces), `env` (`NAME=VALUE` words added to the environment), `stdin` (text, `\n` for a
//!   newline; without it standard input is `/dev/null`) and `compare = prefix` (pyrs's
//!   standard output must start with the reference's: `--help` adds pyrs's own options) and
//!   `fixme` (why pyrs differs from the reference for now: the case must differ);
//! - it runs from `tests/cli/work/`, with an environment cleared of everything but `PATH`,
//!   `HOME`, `PYENV_ROOT` and `PYRS_*`, set to [`BASE_ENV`], then the case's `env`;
//! - in both outputs the interpreter's own path becomes `<python>` and the absolute path of
//!   `tests/cli/work` becomes `<dir>`, so they read the same on every machine and for both
//!   interpreters;
//! - its expectations are `tests/cli/expected/NAME.stdout`, `.stderr` and `.status` (the
//!   last two only when not empty or not 0; the status is `exit N` or `signal N`).

#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The cases file, relative to the workspace root.
pub(crate) const CASES: &str = "tests/cli/cases.txt";
/// Where cases run, relative to the workspace root.
pub(crate) const WORK: &str = "tests/cli/work";
/// Where expectations are recorded, relative to the workspace root.
pub(crate) const EXPECTED: &str = "tests/cli/expected";

/// The environment every case starts from.
pub(crate) const BASE_ENV: &[(&str, &str)] = &[
    ("LC_ALL", "C.UTF-8"),
    ("PYTHONUTF8", "1"),
    ("PYTHONDONTWRITEBYTECODE", "1"),
    ("PYTHONNOUSERSITE", "1"),
    ("PYTHON_COLORS", "0"),
    ("PYTHONHASHSEED", "0"),
];

/// One case.
#[derive(Clone, Debug, Default)]
pub(crate) struct Case {
    pub(crate) name: String,
    pub(crate) args: Vec<String>,
    pub(crate) env: Vec<(String, String)>,
    pub(crate) stdin: Option<String>,
    /// pyrs's standard output must only start with the reference's.
    pub(crate) prefix: bool,
    /// Why pyrs does not match the reference yet: the case is expected to differ (and the
    /// test fails when it starts to match, so that the note goes).
    pub(crate) fixme: Option<String>,
}

/// What a run printed and how it ended, normalised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Outcome {
    pub(crate) stdout: String,
    pub(crate) stderr: String,
    /// `exit N` or `signal N`.
    pub(crate) status: String,
}

/// Splits an `args` value into words: spaces separate, `'…'` quotes.
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '\'' => {
                quoted = !quoted;
                in_word = true;
            }
            ' ' if !quoted => {
                if in_word {
                    out.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            _ => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        out.push(word);
    }
    out
}

/// Reads the cases file.
pub(crate) fn read_cases(root: &Path) -> std::io::Result<Vec<Case>> {
    let text = std::fs::read_to_string(root.join(CASES))?;
    let mut cases: Vec<Case> = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            cases.push(Case {
                name: name.to_string(),
                ..Case::default()
            });
            continue;
        }
        let bad = || {
            std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("{CASES}:{}: cannot read {line:?}", number + 1),
            )
        };
        let (key, value) = line.split_once(" = ").ok_or_else(bad)?;
        let case = cases.last_mut().ok_or_else(bad)?;
        match key {
            "args" => case.args = words(value),
            "env" => {
                for w in words(value) {
                    let (k, v) = w.split_once('=').ok_or_else(bad)?;
                    case.env.push((k.to_string(), v.to_string()));
                }
            }
            "stdin" => case.stdin = Some(value.replace("\\n", "\n")),
            "compare" if value == "prefix" => case.prefix = true,
            "fixme" => case.fixme = Some(value.to_string()),
            _ => return Err(bad()),
        }
    }
    Ok(cases)
}

/// Runs one case under `interpreter`.
pub(crate) fn run(interpreter: &Path, root: &Path, case: &Case) -> std::io::Result<Outcome> {
    let work = root.join(WORK);
    let mut command = Command::new(interpreter);
    command.args(&case.args).current_dir(&work).env_clear();
    for (key, value) in std::env::vars() {
        if ["PATH", "HOME", "PYENV_ROOT"].contains(&key.as_str()) || key.starts_with("PYRS_") {
            command.env(key, value);
        }
    }
    command.envs(BASE_ENV.iter().copied());
    command.envs(case.env.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    command
        .stdin(if case.stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn()?;
    if let Some(text) = &case.stdin {
        let mut stdin = child.stdin.take().expect("piped stdin");
        let text = text.clone();
        std::thread::spawn(move || {
            let _ = stdin.write_all(text.as_bytes());
        });
    }
    let output = child.wait_with_output()?;
    use std::os::unix::process::ExitStatusExt;
    let status = match (output.status.code(), output.status.signal()) {
        (Some(code), _) => format!("exit {code}"),
        (None, Some(signal)) => format!("signal {signal}"),
        _ => "unknown".to_string(),
    };
    let normalise = |bytes: &[u8]| {
        let mut text = String::from_utf8_lossy(bytes).into_owned();
        let mut names: Vec<String> = vec![interpreter.to_string_lossy().into_owned()];
        if let Ok(real) = interpreter.canonicalize() {
            names.push(real.to_string_lossy().into_owned());
        }
        names.sort_by_key(|n| std::cmp::Reverse(n.len()));
        for name in names {
            text = text.replace(&name, "<python>");
        }
        for dir in [work.canonicalize().unwrap_or(work.clone()), work.clone()] {
            text = text.replace(&*dir.to_string_lossy(), "<dir>");
        }
        text
    };
    Ok(Outcome {
        stdout: normalise(&output.stdout),
        stderr: normalise(&output.stderr),
        status,
    })
}

/// The path of one expectation file of a case (`stdout`, `stderr`, `status`).
pub(crate) fn expectation(root: &Path, case: &Case, kind: &str) -> PathBuf {
    root.join(EXPECTED).join(format!("{}.{kind}", case.name))
}

/// Writes a case's expectations.
pub(crate) fn write_expected(root: &Path, case: &Case, outcome: &Outcome) -> std::io::Result<()> {
    std::fs::create_dir_all(root.join(EXPECTED))?;
    std::fs::write(expectation(root, case, "stdout"), &outcome.stdout)?;
    for (kind, text, empty) in [
        ("stderr", outcome.stderr.clone(), outcome.stderr.is_empty()),
        (
            "status",
            format!("{}\n", outcome.status),
            outcome.status == "exit 0",
        ),
    ] {
        let path = expectation(root, case, kind);
        if empty {
            let _ = std::fs::remove_file(&path);
        } else {
            std::fs::write(&path, text)?;
        }
    }
    Ok(())
}

/// A case's recorded expectations, or None when it has none.
pub(crate) fn read_expected(root: &Path, case: &Case) -> std::io::Result<Option<Outcome>> {
    let stdout = match std::fs::read_to_string(expectation(root, case, "stdout")) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let optional =
        |kind: &str| std::fs::read_to_string(expectation(root, case, kind)).unwrap_or_default();
    let status = optional("status");
    Ok(Some(Outcome {
        stdout,
        stderr: optional("stderr"),
        status: if status.is_empty() {
            "exit 0".to_string()
        } else {
            status.trim_end().to_string()
        },
    }))
}
