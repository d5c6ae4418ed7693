//! The command line against the reference: every case of `tests/cli/cases.txt` (options,
//! their errors, `-c`/`-m`/`-`/directory/zip, exit statuses, SystemExit, KeyboardInterrupt,
//! a closed standard output, environment variables) run under `pyrs`, its standard output,
//! standard error and exit status compared with those recorded from CPython 3.13 by
//! `cargo xtask bless cli`. No reference interpreter is needed.

#[path = "cli/cases.rs"]
mod cases;

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.canonicalize().unwrap_or(root)
}

/// The differences between an expected and an actual outcome, or None when they agree.
fn compare(
    case: &cases::Case,
    expected: &cases::Outcome,
    actual: &cases::Outcome,
) -> Option<String> {
    let mut report = String::new();
    let stdout_ok = if case.prefix {
        actual.stdout.starts_with(&expected.stdout)
    } else {
        actual.stdout == expected.stdout
    };
    if !stdout_ok {
        report.push_str(&format!(
            "  stdout expected{}:\n{}\n  stdout actual:\n{}\n",
            if case.prefix { " (prefix)" } else { "" },
            expected.stdout,
            actual.stdout
        ));
    }
    if actual.stderr != expected.stderr {
        report.push_str(&format!(
            "  stderr expected:\n{}\n  stderr actual:\n{}\n",
            expected.stderr, actual.stderr
        ));
    }
    if actual.status != expected.status {
        report.push_str(&format!(
            "  status expected {}, actual {}\n",
            expected.status, actual.status
        ));
    }
    (!report.is_empty()).then_some(report)
}

#[test]
fn command_line_matches_the_reference() {
    let root = root();
    let cases = cases::read_cases(&root).expect("tests/cli/cases.txt can be read");
    assert!(!cases.is_empty());
    let pyrs = Path::new(env!("CARGO_BIN_EXE_pyrs"));
    let mut failures = Vec::new();
    for case in &cases {
        let expected = match cases::read_expected(&root, case) {
            Ok(Some(expected)) => expected,
            Ok(None) => {
                failures.push(format!(
                    "{}: no expectations recorded: run `cargo xtask bless cli`",
                    case.name
                ));
                continue;
            }
            Err(e) => panic!("cannot read the expectations of {}: {e}", case.name),
        };
        let actual = cases::run(pyrs, &root, case).expect("pyrs runs");
        match (compare(case, &expected, &actual), &case.fixme) {
            (Some(report), None) => {
                failures.push(format!("{} (args {:?}):\n{report}", case.name, case.args))
            }
            (Some(_), Some(why)) => eprintln!("known difference: {}: FIXME {why}", case.name),
            (None, Some(_)) => failures.push(format!(
                "{} matches the reference now: remove its fixme line from tests/cli/cases.txt",
                case.name
            )),
            (None, None) => {}
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ from the reference:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn double_version_names_pyrs() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_pyrs"))
        .arg("-VV")
        .output()
        .expect("pyrs runs");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success());
    assert!(text.starts_with("Python 3.13.0 (pyrs "), "{text:?}");
}

#[test]
fn help_lists_the_stage_dumps() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_pyrs"))
        .arg("--help")
        .output()
        .expect("pyrs runs");
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("--dump tokens|ast|symtable|bytecode FILE"),
        "{text}"
    );
}
