//! The program corpus: every program of `tests/programs/` run under `pyrs`, its stdout, stderr
//! and exit status compared exactly with those recorded from CPython 3.13 (`cargo xtask bless
//! programs`). No reference interpreter is needed.
//!
//! The programs pyrs is known to pass are listed in `tests/programs/passing.txt`. The test
//! fails when one of those fails (a regression, shown with a diff), when a program passes that
//! is not listed yet (so that the list, and the figure it gives, only grows), when a listed
//! program does not exist, and when a program has no recorded expectations. Other failures are
//! listed one line each, with their diffs when `PYRS_PROGRAMS_VERBOSE=1` is set.
//! `cargo xtask programs --update` rewrites passing.txt from the current results.

#[path = "programs/corpus.rs"]
mod corpus;

use std::path::{Path, PathBuf};

use corpus::{Outcome, Program};

/// What became of one program.
enum Verdict {
    Passed,
    /// It ran, and differed from its expectations in the way the report says.
    Failed(String),
    /// It has no expectations, or could not be run at all.
    Broken(String),
}

fn root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    root.canonicalize().unwrap_or(root)
}

fn judge(root: &Path, program: &Program) -> Verdict {
    let expected = match corpus::expected(root, program) {
        Ok(Some(expected)) => expected,
        Ok(None) => {
            return Verdict::Broken(
                "  no expectations recorded: run `cargo xtask bless programs`\n".into(),
            )
        }
        Err(err) => return Verdict::Broken(format!("  cannot read its expectations: {err}\n")),
    };
    let pyrs = Path::new(env!("CARGO_BIN_EXE_pyrs"));
    let actual: Outcome = match corpus::run(pyrs, root, program, corpus::HASH_SEED) {
        Ok(actual) => actual,
        Err(err) => return Verdict::Broken(format!("  cannot run pyrs: {err}\n")),
    };
    match corpus::compare(&expected, &actual) {
        None => Verdict::Passed,
        Some(report) => Verdict::Failed(report),
    }
}

/// The first line of a failure report, for the one-line listing.
fn headline(report: &str) -> &str {
    report.lines().next().unwrap_or("").trim()
}

#[test]
fn programs() {
    let root = root();
    let programs = corpus::discover(&root).expect("tests/programs/ can be listed");
    assert!(!programs.is_empty(), "no programs under {}", corpus::DIR);
    let passing = corpus::read_passing(&root).expect("passing.txt can be read");
    let verbose = std::env::var_os("PYRS_PROGRAMS_VERBOSE").is_some_and(|v| v == "1");

    let verdicts = corpus::run_all(&programs, 0, |program| judge(&root, program));

    let mut problems = Vec::new();
    for id in &passing {
        if !programs.iter().any(|p| &p.id == id) {
            problems.push(format!("passing.txt lists {id}, which does not exist"));
        }
    }
    let mut passed = 0;
    let mut newly_passing = Vec::new();
    let mut listing = String::new();
    for (program, verdict) in programs.iter().zip(&verdicts) {
        let listed = passing.contains(&program.id);
        match verdict {
            Verdict::Passed => {
                passed += 1;
                if !listed {
                    newly_passing.push(program.id.as_str());
                }
            }
            Verdict::Failed(report) if listed => {
                problems.push(format!(
                    "REGRESSION {} (listed in passing.txt):\n{report}",
                    program.id
                ));
            }
            Verdict::Failed(report) if verbose => {
                listing += &format!("FAIL {}\n{report}", program.id);
            }
            Verdict::Failed(report) => {
                listing += &format!("FAIL {}: {}\n", program.id, headline(report.as_str()));
            }
            Verdict::Broken(report) => problems.push(format!("BROKEN {}:\n{report}", program.id)),
        }
    }
    print!("{listing}");
    if !newly_passing.is_empty() {
        problems.push(format!(
            "{} programs pass that passing.txt does not list ({}); add them with \
             `cargo xtask programs --update`",
            newly_passing.len(),
            newly_passing.join(", ")
        ));
    }
    println!("programs: passed {passed}/{}", programs.len());
    if !problems.is_empty() {
        panic!(
            "{}\nprograms: passed {passed}/{}",
            problems.join("\n"),
            programs.len()
        );
    }
}
