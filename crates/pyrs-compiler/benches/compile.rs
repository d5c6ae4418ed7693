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

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use pyrs_compiler::{compile, Mode, Source};
#[path = "../../pyrs-parser/benches/common/mod.rs"]
mod common;

use common::{collect, corpus_dir, ProcessorTime};
use std::time::Duration;

// The allocator of the `pyrs` binary (crates/pyrs/src/main.rs), so that the figure is the one
// a user of the binary gets: trees, instruction sequences and code objects are many small
// allocations, which mimalloc serves faster than the system allocator (glibc).
#[global_allocator]
static ALLOCATOR: pyrs_alloc::MiMalloc = pyrs_alloc::MiMalloc;

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
