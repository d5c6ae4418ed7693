//! `cargo xtask programs [FILTER] [--update]` runs the program corpus of `tests/programs/`
//! under pyrs and prints how many programs pass, per area and in total; `cargo xtask bless
//! programs` records the corpus's expectations from the reference.
//!
//! How a program is found, run and compared is in the corpus module, which the corpus test
//! (`crates/pyrs/tests/programs.rs`) shares.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};

#[path = "../../crates/pyrs/tests/programs/corpus.rs"]
pub(crate) mod corpus;

use crate::reference::Reference;
use crate::{usage_error, workspace};
use corpus::{Outcome, Program};

/// The workspace root as the interpreters see it (symbolic links resolved), so that the
/// root prefix of the paths they print is recognised.
pub(crate) fn root() -> PathBuf {
    let root = workspace::root();
    root.canonicalize().unwrap_or(root)
}

/// `cargo xtask programs [FILTER] [--update]`.
pub(crate) fn main(args: &[OsString]) -> Result<ExitCode> {
    let mut filter = None;
    let mut update = false;
    for arg in args {
        match arg.to_str() {
            Some("--update") => update = true,
            Some(flag) if flag.starts_with('-') => {
                return Ok(usage_error(&format!("programs: unknown option `{flag}`")))
            }
            Some(text) if filter.is_none() => filter = Some(text.to_string()),
            Some(_) => return Ok(usage_error("programs takes at most one FILTER")),
            None => return Ok(usage_error("the filter is not valid UTF-8")),
        }
    }
    if update && filter.is_some() {
        return Ok(usage_error(
            "programs --update runs the whole corpus: give no FILTER",
        ));
    }
    let root = root();
    let mut programs = corpus::discover(&root).context("cannot list tests/programs/")?;
    if let Some(filter) = &filter {
        programs.retain(|p| p.id.contains(filter.as_str()));
        if programs.is_empty() {
            bail!("no program's path contains `{filter}`");
        }
    }
    let pyrs = workspace::build_pyrs()?;
    eprintln!(
        "running {} programs under {}",
        programs.len(),
        pyrs.display()
    );
    let results = corpus::run_all(&programs, 0, |program| judge(&root, &pyrs, program));

    let mut per_area: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut passing = Vec::new();
    for (program, result) in programs.iter().zip(&results) {
        let entry = per_area.entry(program.area.as_str()).or_default();
        entry.1 += 1;
        match result {
            Ok(None) => {
                entry.0 += 1;
                passing.push(program.id.clone());
            }
            Ok(Some(report)) if filter.is_some() => println!("FAIL {}\n{report}", program.id),
            Ok(Some(_)) => {}
            Err(err) => println!("BROKEN {}: {err:#}", program.id),
        }
    }
    for (area, (passed, total)) in &per_area {
        println!("{area:<20} {passed:>4}/{total}");
    }
    println!("programs: passed {}/{}", passing.len(), programs.len());

    if update {
        let mut text = corpus::PASSING_HEADER.to_string();
        for id in &passing {
            text.push_str(id);
            text.push('\n');
        }
        let path = root.join(corpus::PASSING);
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
        println!("wrote {} ({} programs)", corpus::PASSING, passing.len());
    } else if filter.is_none() {
        let listed = corpus::read_passing(&root)?;
        let new: Vec<&String> = passing.iter().filter(|id| !listed.contains(*id)).collect();
        let lost: Vec<&String> = listed.iter().filter(|id| !passing.contains(id)).collect();
        if !new.is_empty() {
            println!("passing but not in passing.txt (run with --update): {new:?}");
        }
        if !lost.is_empty() {
            println!("in passing.txt but failing: {lost:?}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs one program under pyrs: `None` when it passes, else the difference.
fn judge(root: &Path, pyrs: &Path, program: &Program) -> Result<Option<String>> {
    let expected = corpus::expected(root, program)?
        .with_context(|| "no expectations recorded: run `cargo xtask bless programs`")?;
    let actual = corpus::run(pyrs, root, program, corpus::HASH_SEED)?;
    Ok(corpus::compare(&expected, &actual))
}

/// A hash seed other than the recorded one: bless runs every program a second time with it,
/// so that a program whose output depends on string hashing (the order of a set of strings),
/// on addresses or on time is caught before it is recorded.
const CHECK_SEED: &str = "12345";

/// `cargo xtask bless programs`: runs every program under the reference twice (the second
/// time with another hash seed), refuses programs whose two runs differ or that time out, and
/// writes the expectations of the others; expectation files left without a program are
/// removed.
pub(crate) fn bless(reference: &Reference) -> Result<()> {
    let root = root();
    let programs = corpus::discover(&root).context("cannot list tests/programs/")?;
    let python = &reference.python;
    let runs: Vec<std::io::Result<(Outcome, Outcome)>> = corpus::run_all(&programs, 0, |program| {
        let first = corpus::run(python, &root, program, corpus::HASH_SEED)?;
        let second = corpus::run(python, &root, program, CHECK_SEED)?;
        Ok((first, second))
    });
    let mut refused = Vec::new();
    for (program, run) in programs.iter().zip(runs) {
        let (first, second) = run.with_context(|| format!("cannot run {}", program.id))?;
        if !matches!(first.status, corpus::Status::Exit(_)) {
            refused.push(format!("{}: {}", program.id, first.status));
        } else if let Some(report) = corpus::compare(&first, &second) {
            refused.push(format!(
                "{}: not deterministic, a second run differs:\n{report}",
                program.id
            ));
        } else {
            corpus::write_expected(&root, program, &first)
                .with_context(|| format!("cannot write the expectations of {}", program.id))?;
        }
    }
    let removed = remove_orphans(&root, &programs)?;
    println!(
        "bless programs: recorded {} programs from {}{}",
        programs.len() - refused.len(),
        python.display(),
        if removed > 0 {
            format!(", removed {removed} stale expectation files")
        } else {
            String::new()
        }
    );
    if !refused.is_empty() {
        bail!("not recorded:\n{}", refused.join("\n"));
    }
    Ok(())
}

/// Removes `.stdout`, `.stderr` and `.status` files of the area directories that belong to no
/// program; returns how many.
fn remove_orphans(root: &Path, programs: &[Program]) -> Result<usize> {
    let mut removed = 0;
    let mut areas: Vec<&str> = programs.iter().map(|p| p.area.as_str()).collect();
    areas.dedup();
    for area in areas {
        let dir = root.join(corpus::DIR).join(area);
        for entry in std::fs::read_dir(&dir)? {
            let path = entry?.path();
            let is_expectation = path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| matches!(e, "stdout" | "stderr" | "status"));
            if is_expectation && !path.with_extension("py").is_file() {
                std::fs::remove_file(&path)?;
                removed += 1;
            }
        }
    }
    Ok(removed)
}
