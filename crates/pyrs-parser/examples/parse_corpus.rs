//! Times decoding, tokenizing and parsing every `.py` file of a corpus (default: the
//! reference's standard library), best of N runs; a quick check and a target for profilers.
//!
//! ```text
//! cargo run --release -p pyrs-parser --example parse_corpus -- [RUNS] [CORPUS_DIR]
//! ```

use std::path::{Path, PathBuf};
use std::time::Instant;

// The allocator of the `pyrs` binary and of the parse bench.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    let sources: Vec<Vec<u8>> = files.iter().filter_map(|f| std::fs::read(f).ok()).collect();
    let total: usize = sources.iter().map(Vec::len).sum();
    let mut best = f64::INFINITY;
    for _ in 0..runs {
        let start = Instant::now();
        let ok = sources
            .iter()
            .filter(|s| pyrs_parser::parse_bytes(s, pyrs_parser::Mode::Exec).is_ok())
            .count();
        let secs = start.elapsed().as_secs_f64();
        best = best.min(secs);
        eprintln!("{ok}/{} parsed in {secs:.3} s", sources.len());
    }
    println!(
        "{} files, {total} bytes: best {best:.3} s, {:.1} MB/s",
        sources.len(),
        total as f64 / best / 1e6
    );
}
