//! Throughput of the tokenizer over the reference standard library: every `.py` file under
//! `$PYRS_CORPUS_DIR` (by default CPython 3.13's `lib/python3.13`, site-packages excluded),
//! decoded and tokenized in the `tokenize`-module configuration, as CPython's `tokenize` module
//! does in the comparison `cargo xtask bench tokens` runs beside it.

use criterion::{criterion_main, Criterion, Throughput};
use pyrs_tokenizer::{decode, Config, Tokenizer};
use std::time::Duration;

// The corpus walk the parser and compiler benches use too.
#[path = "../../pyrs-parser/benches/common/corpus.rs"]
mod corpus;

use corpus::{collect, corpus_dir};

/// Decodes and tokenizes one file; returns the number of tokens (errors end the stream).
fn tokenize_file(bytes: &[u8]) -> usize {
    match decode(bytes, None) {
        Ok(source) => Tokenizer::new(&source.text, Config::TOKENIZE_MODULE)
            .take_while(Result::is_ok)
            .count(),
        Err(_) => 0,
    }
}

fn bench(c: &mut Criterion) {
    let Some(dir) = corpus_dir().filter(|d| d.is_dir()) else {
        eprintln!(
            "tokenize bench: no corpus (set PYRS_CORPUS_DIR or install CPython 3.13.0 with pyenv)"
        );
        return;
    };
    let mut files = Vec::new();
    collect(&dir, &mut files);
    files.sort();
    let sources: Vec<Vec<u8>> = files.iter().filter_map(|f| std::fs::read(f).ok()).collect();
    let total: usize = sources.iter().map(Vec::len).sum();
    eprintln!(
        "tokenize bench: {} files, {} bytes from {}",
        sources.len(),
        total,
        dir.display()
    );

    let mut group = c.benchmark_group("tokenize");
    group.throughput(Throughput::Bytes(total as u64));
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("stdlib", |b| {
        b.iter(|| sources.iter().map(|s| tokenize_file(s)).sum::<usize>())
    });
    group.finish();
}

// The macro defines an undocumented function; it is the harness's entry, not an API.
#[allow(missing_docs)]
mod harness {
    criterion::criterion_group!(benches, super::bench);
}
use harness::benches;
criterion_main!(benches);
