//! Throughput of the parser over the reference standard library: every `.py` file under
//! `$PYRS_CORPUS_DIR` (by default CPython 3.13's `lib/python3.13`, site-packages excluded),
//! decoded, tokenized and parsed to a tree, as `ast.parse` does in the reference's measurement
//! (xtask/src/bench_parse.py). `cargo xtask bench parse` runs both and prints the ratio.
//!
//! Both sides count processor time (this process's user and system time), not wall time: on a
//! machine shared with other work, time spent waiting for a processor would otherwise count
//! against whichever side it fell on.

#![allow(missing_docs)] // `criterion_group!` defines an undocumented public function.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use pyrs_parser::{parse_bytes, Mode};
mod common;

use common::{collect, corpus_dir, ProcessorTime};
use std::time::Duration;

// The allocator of the `pyrs` binary (crates/pyrs/src/main.rs), so that the figure is the one
// a user of the binary gets: the trees are millions of small allocations, and mimalloc serves
// them faster than the system allocator (glibc).
#[global_allocator]
static ALLOCATOR: pyrs_alloc::MiMalloc = pyrs_alloc::MiMalloc;

fn bench(c: &mut Criterion<ProcessorTime>) {
    let Some(dir) = corpus_dir().filter(|d| d.is_dir()) else {
        eprintln!(
            "parse bench: no corpus (set PYRS_CORPUS_DIR or install CPython 3.13.0 with pyenv)"
        );
        return;
    };
    let mut files = Vec::new();
    collect(&dir, &mut files);
    files.sort();
    let sources: Vec<Vec<u8>> = files.iter().filter_map(|f| std::fs::read(f).ok()).collect();
    let total: usize = sources.iter().map(Vec::len).sum();
    eprintln!(
        "parse bench: {} files, {} bytes from {}",
        sources.len(),
        total,
        dir.display()
    );

    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(total as u64));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("stdlib", |b| {
        b.iter(|| {
            sources
                .iter()
                .filter(|s| parse_bytes(s, Mode::Exec).is_ok())
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
