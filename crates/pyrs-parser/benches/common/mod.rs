//! What the parser and compiler benches share: criterion's measurement of processor time
//! and the corpus of `.py` files (both benches include this file with `#[path]`, so that the
//! two figures `cargo xtask bench parse|compile` prints are measured the same way).

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Criterion's measurement of processor time, reported as durations like its wall time.
pub(crate) struct ProcessorTime;

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
