//! `cargo xtask conformance STAGE`: one pyrs stage against the reference, file by file.
//!
//! For every corpus file (or every file given), the stage's pyrs command and its reference
//! command run on the file, and their outputs are judged by the rules in [`crate::compare`].
//! The reference's output is cached ([`crate::cache`]), so a second run only runs pyrs.
//! Files are shared among worker threads, one per core. The report lists the differing files,
//! each with its first differing line, then ends with exactly `STAGE: identical X/Y`.
//!
//! A stage is one entry of [`STAGES`]; adding a stage (ast, symtable, bytecode, imports) is
//! adding an entry there and removing its name from [`PLANNED`].

use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context, Result};

use crate::cache::Cache;
use crate::compare::{judge, normalised, without_path, Difference, Normaliser};
use crate::process;
use crate::reference::Reference;
use crate::{usage_error, workspace, EXIT_USAGE};

/// How one stage is compared: pyrs and the reference each get their arguments, then the file.
pub(crate) struct Stage {
    /// The name on the command line and in the report.
    pub(crate) name: &'static str,
    /// Arguments of the `pyrs` binary before the file.
    pub(crate) pyrs_args: &'static [&'static str],
    /// Arguments of the reference interpreter before the file.
    pub(crate) reference_args: &'static [&'static str],
    /// A rewriting of both stdouts before they are compared, for output that cannot agree
    /// byte for byte (object addresses, say).
    pub(crate) normaliser: Option<Normaliser>,
    /// For a stage whose output lists several units (the code objects of a `dis` listing):
    /// their name and a counter of (identical, total) units in two normalised stdouts; the
    /// report then also gives `STAGE: identical X/Y UNITS`.
    pub(crate) units: Option<(&'static str, UnitCounter)>,
}

/// Counts (identical, total) units in pyrs's and the reference's normalised stdouts.
pub(crate) type UnitCounter = fn(&[u8], &[u8]) -> (usize, usize);

/// Every stage that can be checked today.
///
/// Still to come, one entry each: `ast` (`pyrs --dump ast FILE` against
/// `python3.13 -m ast -a FILE`), `bytecode`, `imports`.
pub(crate) const STAGES: &[Stage] = &[
    Stage {
        name: "tokens",
        pyrs_args: &["--dump", "tokens"],
        reference_args: &["-m", "tokenize"],
        normaliser: None,
        units: None,
    },
    Stage {
        name: "ast",
        pyrs_args: &["--dump", "ast"],
        reference_args: &["-m", "ast", "-a"],
        normaliser: None,
        units: None,
    },
    Stage {
        name: "symtable",
        pyrs_args: &["--dump", "symtable"],
        reference_args: &["-m", "symtable"],
        normaliser: Some(sorted_symbols),
        units: None,
    },
    Stage {
        name: "bytecode",
        pyrs_args: &["--dump", "bytecode"],
        reference_args: &["-m", "dis"],
        normaliser: Some(crate::compare::without_addresses),
        units: Some(("code objects", crate::compare::same_code_objects)),
    },
];

/// Stages the project will check but does not yet.
const PLANNED: &[&str] = &["imports"];

/// The symtable stage's normaliser: sorts the symbol lines of each scope, because CPython
/// prints the names that only pass through a scope in string-hash order, which changes from
/// run to run (pyrs_compiler::symtable::normalise_dump does the same).
fn sorted_symbols(stdout: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(stdout.len());
    let mut run: Vec<&[u8]> = Vec::new();
    for line in stdout.split_inclusive(|&b| b == b'\n') {
        let content = line.trim_ascii_start();
        if content.trim_ascii_end().is_empty() || content.starts_with(b"symbol table for ") {
            run.sort_unstable();
            run.drain(..).for_each(|l| out.extend_from_slice(l));
            out.extend_from_slice(line);
        } else {
            run.push(line);
        }
    }
    run.sort_unstable();
    run.drain(..).for_each(|l| out.extend_from_slice(l));
    out
}

/// How long pyrs may take on one file before it counts as hanging.
const TIME_LIMIT: Duration = Duration::from_secs(60);

/// How many differing files are listed without `--verbose`.
const LISTED: usize = 20;

/// Whether `name` is a stage of the pipeline, checked today or planned.
pub(crate) fn stage_name_is_known(name: &str) -> bool {
    STAGES.iter().any(|stage| stage.name == name) || PLANNED.contains(&name)
}

/// Looks a stage up by name; prints the reason and returns the exit status when it cannot be.
pub(crate) fn stage(name: &str) -> Result<&'static Stage, ExitCode> {
    if let Some(stage) = STAGES.iter().find(|stage| stage.name == name) {
        return Ok(stage);
    }
    if PLANNED.contains(&name) {
        eprintln!("stage {name} is not implemented yet");
        return Err(ExitCode::from(EXIT_USAGE));
    }
    Err(usage_error(&format!("unknown stage `{name}`")))
}

/// The command line of the task: `STAGE [--verbose|-v] [FILE|DIR…]`.
struct Options {
    stage: &'static Stage,
    verbose: bool,
    paths: Vec<PathBuf>,
}

fn parse(args: &[OsString]) -> Result<Options, ExitCode> {
    let mut stage = None;
    let mut verbose = false;
    let mut paths = Vec::new();
    for arg in args {
        match arg.to_str() {
            Some("--verbose" | "-v") => verbose = true,
            Some(flag) if flag.starts_with('-') => {
                return Err(usage_error(&format!("unknown option `{flag}`")))
            }
            Some(name) if stage.is_none() => stage = Some(name),
            _ if stage.is_none() => return Err(usage_error("the stage name is not valid UTF-8")),
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    let Some(name) = stage else {
        return Err(usage_error("conformance needs a stage"));
    };
    Ok(Options {
        stage: self::stage(name)?,
        verbose,
        paths,
    })
}

/// The task's entry point.
pub(crate) fn main(args: &[OsString]) -> Result<ExitCode> {
    let options = match parse(args) {
        Ok(options) => options,
        Err(code) => return Ok(code),
    };
    let reference = Reference::find()?;
    let files = if options.paths.is_empty() {
        reference.corpus()?
    } else {
        expand(&options.paths)?
    };
    let pyrs = workspace::build_pyrs()?;
    let cache = Cache::open(&workspace::target_dir(), options.stage.name)?;
    let run = Run {
        stage: options.stage,
        reference: &reference,
        pyrs: &pyrs,
        cache: &cache,
        units: Mutex::new((0, 0)),
    };
    let results = run.all(&files)?;

    let differing: Vec<(&PathBuf, &Difference)> = files
        .iter()
        .zip(&results)
        .filter_map(|(file, result)| result.as_ref().map(|difference| (file, difference)))
        .collect();
    let listed = if options.verbose {
        differing.len()
    } else {
        differing.len().min(LISTED)
    };
    for (file, difference) in &differing[..listed] {
        println!(
            "{}: {difference}",
            shown_path(file, &reference.stdlib).display()
        );
    }
    if listed < differing.len() {
        println!(
            "… and {} more differing files (--verbose lists them all)",
            differing.len() - listed
        );
    }
    if let Some((what, _)) = options.stage.units {
        let (same, total) = *run.units.lock().unwrap_or_else(|e| e.into_inner());
        println!(
            "{}: identical {same}/{total} {what} ({}/{} files)",
            options.stage.name,
            files.len() - differing.len(),
            files.len()
        );
    }
    println!(
        "{}: identical {}/{}",
        options.stage.name,
        files.len() - differing.len(),
        files.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// The files named on the command line, directories replaced by the `.py` files under them.
fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        let path = std::fs::canonicalize(path)
            .with_context(|| format!("cannot find {}", path.display()))?;
        if path.is_dir() {
            let mut found = Vec::new();
            collect_py(&path, &mut found)?;
            found.sort();
            files.extend(found);
        } else {
            files.push(path);
        }
    }
    Ok(files)
}

fn collect_py(dir: &Path, files: &mut Vec<PathBuf>) -> Result<()> {
    for entry in std::fs::read_dir(dir).with_context(|| format!("cannot list {}", dir.display()))? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            collect_py(&path, files)?;
        } else if path.extension().is_some_and(|ext| ext == "py") {
            files.push(path);
        }
    }
    Ok(())
}

/// A corpus file is shown relative to the standard library, any other file as it is.
fn shown_path<'a>(file: &'a Path, stdlib: &Path) -> &'a Path {
    file.strip_prefix(stdlib).unwrap_or(file)
}

/// Everything one conformance run shares among its workers.
struct Run<'a> {
    stage: &'static Stage,
    reference: &'a Reference,
    pyrs: &'a Path,
    cache: &'a Cache,
    /// (identical, total) units so far, for a stage that counts them.
    units: Mutex<(usize, usize)>,
}

impl Run<'_> {
    /// Judges every file, in parallel; the results are in the order of `files`.
    fn all(&self, files: &[PathBuf]) -> Result<Vec<Option<Difference>>> {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        let workers = cores.min(files.len()).max(1);
        let next = AtomicUsize::new(0);
        let done = AtomicUsize::new(0);
        let results: Mutex<Vec<Option<Option<Difference>>>> = Mutex::new(vec![None; files.len()]);
        let progress = std::io::stderr().is_terminal();
        let start = Instant::now();
        eprintln!(
            "{}: comparing {} files, {workers} at a time (reference outputs cached in {})",
            self.stage.name,
            files.len(),
            self.cache.dir().display()
        );
        std::thread::scope(|scope| -> Result<()> {
            let handles: Vec<_> = (0..workers)
                .map(|_| {
                    scope.spawn(|| -> Result<()> {
                        loop {
                            let index = next.fetch_add(1, Ordering::Relaxed);
                            let Some(file) = files.get(index) else {
                                return Ok(());
                            };
                            let verdict = self.one(file).inspect_err(|_| {
                                // Stop the other workers early: a setup error ends the run.
                                next.store(files.len(), Ordering::Relaxed);
                            })?;
                            results.lock().unwrap_or_else(|e| e.into_inner())[index] =
                                Some(verdict);
                            let count = done.fetch_add(1, Ordering::Relaxed) + 1;
                            if progress {
                                eprint!("\r{} {count}/{}", self.stage.name, files.len());
                                let _ = std::io::stderr().flush();
                            }
                        }
                    })
                })
                .collect();
            for handle in handles {
                handle
                    .join()
                    .unwrap_or_else(|_| bail!("a worker thread panicked"))?;
            }
            Ok(())
        })?;
        if progress {
            eprintln!(
                "\r{} {}/{} files in {:.1}s",
                self.stage.name,
                files.len(),
                files.len(),
                start.elapsed().as_secs_f64()
            );
        }
        let results = results.into_inner().unwrap_or_else(|e| e.into_inner());
        results
            .into_iter()
            .zip(files)
            .map(|(verdict, file)| {
                verdict.ok_or_else(|| anyhow!("{} was never judged", file.display()))
            })
            .collect()
    }

    /// Judges one file: `None` when pyrs agrees with the reference.
    fn one(&self, file: &Path) -> Result<Option<Difference>> {
        let contents =
            std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
        let path = file.as_os_str().as_encoded_bytes();
        let key = Cache::key(
            &self.reference.version,
            self.stage.reference_args,
            &contents,
        );
        let expected = match self.cache.load(key) {
            Some(expected) => expected,
            None => {
                let mut command = self.reference.command();
                command.args(self.stage.reference_args).arg(file);
                let expected = without_path(process::run(&mut command, None)?, path);
                self.cache.store(key, &expected)?;
                expected
            }
        };
        let mut command = Command::new(self.pyrs);
        command
            .args(self.stage.pyrs_args)
            .arg(file)
            .env("RUST_BACKTRACE", "0");
        let actual = without_path(process::run(&mut command, Some(TIME_LIMIT))?, path);
        let (actual, expected) = (
            normalised(&actual, self.stage.normaliser),
            normalised(&expected, self.stage.normaliser),
        );
        if let Some((_, count)) = self.stage.units {
            // A rejected file is one unit, identical when pyrs rejects it the same way.
            let (same, total) = if expected.status.success() {
                count(&actual.stdout, &expected.stdout)
            } else {
                (usize::from(judge(&actual, &expected).is_none()), 1)
            };
            let mut units = self.units.lock().unwrap_or_else(|e| e.into_inner());
            units.0 += same;
            units.1 += total;
        }
        Ok(judge(&actual, &expected))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stage_name_is_known_once() {
        let mut names: Vec<&str> = STAGES
            .iter()
            .map(|s| s.name)
            .chain(PLANNED.iter().copied())
            .collect();
        let count = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), count);
    }

    #[test]
    fn the_tokens_stage_runs_the_tokenize_module() {
        let tokens = stage("tokens").ok().unwrap();
        assert_eq!(tokens.pyrs_args, ["--dump", "tokens"]);
        assert_eq!(tokens.reference_args, ["-m", "tokenize"]);
    }

    #[test]
    fn corpus_paths_are_shown_relative_to_the_standard_library() {
        let stdlib = Path::new("/py/lib/python3.13");
        assert_eq!(
            shown_path(Path::new("/py/lib/python3.13/json/decoder.py"), stdlib),
            Path::new("json/decoder.py")
        );
        assert_eq!(
            shown_path(Path::new("/tmp/x.py"), stdlib),
            Path::new("/tmp/x.py")
        );
    }
}
