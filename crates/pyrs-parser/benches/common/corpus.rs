//! The corpus of `.py` files the tokenizer, parser and compiler are measured on, and the
//! processor-time clock they are timed with: what the criterion benches (the tokenizer's
//! directly, the others through `common/mod.rs`) and the `parse_corpus` and `compile_corpus`
//! examples share, each including this file with `#[path]`, as do the conformance examples
//! (ast_conformance, symtable_corpus, bytecode_corpus). Criterion-free, so that the examples
//! do not depend on it. Each includer uses a part of it, hence the `dead_code` allowance.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::Duration;

/// The processor time this process has used so far.
#[cfg(unix)]
pub(crate) fn processor_time() -> Duration {
    let mut now = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes the timespec it is given and nothing else.
    let status = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut now) };
    assert_eq!(status, 0, "the process's processor-time clock is readable");
    Duration::new(now.tv_sec as u64, now.tv_nsec as u32)
}

/// Elsewhere, wall time since the first call.
#[cfg(not(unix))]
pub(crate) fn processor_time() -> Duration {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    START.get_or_init(std::time::Instant::now).elapsed()
}

/// `$PYRS_CORPUS_DIR`, or else the reference's standard library (`pyenv prefix 3.13.0`).
pub(crate) fn corpus_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("PYRS_CORPUS_DIR") {
        return Some(PathBuf::from(dir));
    }
    let out = std::process::Command::new("pyenv")
        .args(["prefix", "3.13.0"])
        .output()
        .ok()?;
    let prefix = String::from_utf8(out.stdout).ok()?;
    Some(Path::new(prefix.trim()).join("lib/python3.13"))
}

/// Every `.py` file under `dir`, site-packages excluded, appended to `files`.
pub(crate) fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "site-packages") {
                collect(&path, files);
            }
        } else if path.extension().is_some_and(|e| e == "py") {
            files.push(path);
        }
    }
}

/// An example's corpus directory: the command line's, else [`corpus_dir`].
pub(crate) fn example_root(dir: Option<&String>) -> PathBuf {
    dir.map(PathBuf::from).or_else(corpus_dir).expect(
        "a corpus directory: give one, set PYRS_CORPUS_DIR, or install CPython 3.13.0 with pyenv",
    )
}

/// The examples' corpus: every `.py` file under `dir` (the command line's, else
/// [`corpus_dir`]) in sorted order, keeping every Nth only when `PYRS_EVERY=N`.
pub(crate) fn example_files(dir: Option<&String>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    collect(&example_root(dir), &mut files);
    files.sort();
    let every = std::env::var("PYRS_EVERY")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1);
    files.into_iter().step_by(every).collect()
}

/// 64-bit FNV-1a: a hash that stays the same from one build and toolchain to the next (the
/// examples' `PYRS_ONLY=digest`).
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}
