//! Times decoding, tokenizing and parsing every `.py` file of a corpus (default: the
//! reference's standard library), best of N runs; a quick check and a target for profilers.
//!
//! ```text
//! cargo run --release -p pyrs-parser --example parse_corpus -- [RUNS] [CORPUS_DIR]
//! ```
//!
//! Times are processor time (this process's), so that other work on the machine does not
//! count. `PYRS_EVERY=N` keeps every Nth file of the corpus only (with `RUNS` 1, a small
//! target for `valgrind --tool=callgrind`, whose instruction count does not move with the
//! machine's load). With `PYRS_ONLY=digest` it times nothing and prints, for each file, a hash
//! of its tree's dump with locations (or of the error): two builds that print the same lines
//! build the same trees.

use std::path::{Path, PathBuf};
use std::time::Duration;

// The allocator of the `pyrs` binary and of the parse bench.
#[global_allocator]
static ALLOCATOR: pyrs_alloc::MiMalloc = pyrs_alloc::MiMalloc;

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
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

/// This process's processor time.
#[cfg(unix)]
fn processor_time() -> Duration {
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
fn processor_time() -> Duration {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    START.get_or_init(std::time::Instant::now).elapsed()
}

/// 64-bit FNV-1a: a hash that stays the same from one build and toolchain to the next.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runs: usize = args.first().and_then(|s| s.parse().ok()).unwrap_or(3);
    let root = args.get(1).map_or_else(
        || {
            let out = std::process::Command::new("pyenv")
                .args(["prefix", "3.13.0"])
                .output()
                .expect("pyenv");
            Path::new(String::from_utf8_lossy(&out.stdout).trim()).join("lib/python3.13")
        },
        PathBuf::from,
    );
    let mut files = Vec::new();
    collect(&root, &mut files);
    files.sort();
    let every = std::env::var("PYRS_EVERY")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1);
    let files: Vec<PathBuf> = files.into_iter().step_by(every).collect();
    if std::env::var_os("PYRS_ONLY").is_some_and(|v| v == "digest") {
        for file in &files {
            let out = pyrs_parser::dump_file(&std::fs::read(file).unwrap_or_default(), "<corpus>");
            let text = out.stdout + &out.stderr.unwrap_or_default();
            println!("{:016x} {}", fnv1a(text.as_bytes()), file.display());
        }
        return;
    }
    let sources: Vec<Vec<u8>> = files.iter().filter_map(|f| std::fs::read(f).ok()).collect();
    let total: usize = sources.iter().map(Vec::len).sum();
    let mut best = f64::INFINITY;
    for _ in 0..runs {
        let start = processor_time();
        let ok = sources
            .iter()
            .filter(|s| pyrs_parser::parse_bytes(s, pyrs_parser::Mode::Exec).is_ok())
            .count();
        let secs = (processor_time() - start).as_secs_f64();
        best = best.min(secs);
        eprintln!("{ok}/{} parsed in {secs:.3} s", sources.len());
    }
    println!(
        "{} files, {total} bytes: best {best:.3} s, {:.1} MB/s",
        sources.len(),
        total as f64 / best / 1e6
    );
}
