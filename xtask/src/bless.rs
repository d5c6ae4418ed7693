//! `bless`: records expected outputs from the reference interpreter, so that `cargo test` can
//! compare pyrs with CPython without needing CPython.
//!
//! Stages (one table entry each):
//! - `tokens`: for every `tests/tokenizer/{ok,err}/NAME.py`, runs `python3.13 -m tokenize
//!   NAME.py` in that directory and writes `NAME.snap` beside it: an insta snapshot holding the
//!   reference's standard output, then its standard error after a `--- stderr ---` line when it
//!   rejected the file. `crates/pyrs-tokenizer/tests/fixtures.rs` reads them.
//! - `programs`: the program corpus of `tests/programs/` ([`crate::programs::bless`]).
//! - `cli`: the command-line cases of `tests/cli/cases.txt` ([`bless_cli`]).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};

use crate::process::{run, Status};
use crate::reference::Reference;
use crate::workspace;

/// A stage whose expectations `bless` records.
struct Stage {
    name: &'static str,
    /// Fixture directories, relative to the workspace root.
    dirs: &'static [&'static str],
    /// The reference's arguments before the fixture's file name.
    args: &'static [&'static str],
    /// The test that reads the snapshots (named in each snapshot's header).
    test: &'static str,
}

const STAGES: &[Stage] = &[Stage {
    name: "tokens",
    dirs: &["tests/tokenizer/ok", "tests/tokenizer/err"],
    args: &["-m", "tokenize"],
    test: "crates/pyrs-tokenizer/tests/fixtures.rs",
}];

/// `cargo xtask bless [STAGE…]`: every stage when none is named.
pub(crate) fn main(args: &[std::ffi::OsString]) -> Result<ExitCode> {
    let mut names: Vec<&str> = args.iter().filter_map(|a| a.to_str()).collect();
    let programs = names.is_empty() || names.contains(&"programs");
    let cli = names.is_empty() || names.contains(&"cli");
    let stages: Vec<&Stage> = if names.is_empty() {
        STAGES.iter().collect()
    } else {
        let mut chosen = Vec::new();
        names.retain(|name| *name != "programs" && *name != "cli");
        for name in names {
            match STAGES.iter().find(|s| s.name == name) {
                Some(stage) => chosen.push(stage),
                None => {
                    let mut known: Vec<&str> = STAGES.iter().map(|s| s.name).collect();
                    known.push("programs");
                    known.push("cli");
                    return Ok(crate::usage_error(&format!(
                        "bless: unknown stage `{name}` (known: {})",
                        known.join(", ")
                    )));
                }
            }
        }
        chosen
    };
    let reference = Reference::find()?;
    let root = workspace::root();
    for stage in stages {
        let mut written = 0;
        for dir in stage.dirs {
            for fixture in fixtures(&root.join(dir))? {
                bless_one(&reference, stage, &fixture)?;
                written += 1;
            }
        }
        println!(
            "bless {}: recorded {written} snapshots from {}",
            stage.name,
            reference.python.display()
        );
    }
    if programs {
        crate::programs::bless(&reference)?;
    }
    if cli {
        bless_cli(&reference, &root)?;
    }
    Ok(ExitCode::SUCCESS)
}

#[path = "../../crates/pyrs/tests/cli/cases.rs"]
mod cli_cases;

/// `bless cli`: runs every case of `tests/cli/cases.txt` under the reference and records its
/// outputs and status in `tests/cli/expected/`.
fn bless_cli(reference: &Reference, root: &Path) -> Result<()> {
    let cases = cli_cases::read_cases(root).context("cannot read tests/cli/cases.txt")?;
    for case in &cases {
        let outcome = cli_cases::run(&reference.python, root, case)
            .with_context(|| format!("cannot run the reference on {}", case.name))?;
        cli_cases::write_expected(root, case, &outcome)?;
    }
    println!(
        "bless cli: recorded {} cases from {}",
        cases.len(),
        reference.python.display()
    );
    Ok(())
}

/// The `.py` files of one fixture directory, sorted.
fn fixtures(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "py") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Runs the reference on one fixture, from its own directory so that messages name the file
/// by its bare name, and writes the snapshot.
fn bless_one(reference: &Reference, stage: &Stage, fixture: &Path) -> Result<()> {
    let dir = fixture.parent().context("fixture has a directory")?;
    let name = fixture.file_name().context("fixture has a name")?;
    let mut command = reference.command();
    command.args(stage.args).arg(name).current_dir(dir);
    let captured = run(&mut command, None)?;
    let stdout = String::from_utf8(captured.stdout).context("reference output is UTF-8")?;
    let stderr = String::from_utf8(captured.stderr).context("reference output is UTF-8")?;
    let body = match captured.status {
        Status::Exit(0) => stdout,
        Status::Exit(_) => format!("{stdout}--- stderr ---\n{stderr}"),
        other => bail!("the reference {other} on {}", fixture.display()),
    };
    let snapshot = format!("---\nsource: {}\n---\n{body}", stage.test);
    let path = fixture.with_extension("snap");
    std::fs::write(&path, snapshot).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}
