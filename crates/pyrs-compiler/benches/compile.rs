//! Throughput of the compiler over the reference standard library: every `.py` file under
//! `$PYRS_CORPUS_DIR` (by default CPython 3.13's `lib/python3.13`, site-packages excluded),
//! decoded, parsed, folded, given its symbol table and compiled to code objects, as `compile()`
//! does in the reference's measurement (xtask/src/bench_compile.py, `cargo xtask bench compile`).
//! Both sides time every file, the few the compiler rejects included (as the parser bench
//! does), so the two figures are times of one pass over the same bytes.
//!
//! Both sides count processor time (this process's user and system time), not wall time: on a
//! machine shared with other work, time spent waiting for a processor would otherwise count
//! against whichever side it fell on. `cargo xtask bench compile` compares the fastest sample
//! here with the fastest of the reference's passes.

#![allow(missing_docs)] // `criterion_group!` defines an undocumented public function.

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use pyrs_compiler::{compile, Mode, Source};
use std::path::{Path, PathBuf};
use std::time::Duration;

// The allocator of the `pyrs` binary (crates/pyrs/src/main.rs), so that the figure is the one
// a user of the binary gets: trees, instruction sequences and code objects are many small
// allocations, which mimalloc serves faster than the system allocator (glibc).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Criterion's measurement of processor time, reported as durations like its wall time.
struct ProcessorTime;

impl Measurement for ProcessorTime {
    type Intermediate = Duration;
    type Value = Duration;

    fn start(&self) -> Duration {
        processor_time()
    }

    fn end(&self, start: Duration) -> Duration {
        processor_time().saturating_sub(start)
    }

    fn add(&self, v1: &Duration, v2: &Duration) -> Duration {
        *v1 + *v2
    }

    fn zero(&self) -> Duration {
        Duration::ZERO
    }

    fn to_f64(&self, value: &Duration) -> f64 {
        value.as_nanos() as f64
    }

    fn formatter(&self) -> &dyn ValueFormatter {
        static NANOSECONDS: WallTime = WallTime;
        NANOSECONDS.formatter()
    }
}

/// The processor time this process has used so far.
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

fn corpus_dir() -> Option<PathBuf> {
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

fn bench(c: &mut Criterion<ProcessorTime>) {
    let Some(dir) = corpus_dir().filter(|d| d.is_dir()) else {
        eprintln!(
            "compile bench: no corpus (set PYRS_CORPUS_DIR or install CPython 3.13.0 with pyenv)"
        );
        return;
    };
    let mut files = Vec::new();
    collect(&dir, &mut files);
    files.sort();
    let sources: Vec<Vec<u8>> = files.iter().filter_map(|f| std::fs::read(f).ok()).collect();
    let total: usize = sources.iter().map(Vec::len).sum();
    eprintln!(
        "compile bench: {} files, {} bytes from {}",
        sources.len(),
        total,
        dir.display()
    );

    let mut group = c.benchmark_group("compile");
    group.throughput(Throughput::Bytes(total as u64));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("stdlib", |b| {
        b.iter(|| {
            sources
                .iter()
                .filter(|s| compile(Source::Bytes(s), "<bench>", Mode::Exec, 0).is_ok())
                .count()
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().with_measurement(ProcessorTime);
    targets = bench
}
criterion_main!(benches);
