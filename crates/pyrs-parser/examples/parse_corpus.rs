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

#[path = "../benches/common/corpus.rs"]
mod corpus;

// The allocator of the `pyrs` binary and of the parse bench.
#[global_allocator]
static ALLOCATOR: pyrs_alloc::MiMalloc = pyrs_alloc::MiMalloc;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runs: usize = args.first().and_then(|s| s.parse().ok()).unwrap_or(3);
    let files = corpus::example_files(args.get(1));
    if std::env::var_os("PYRS_ONLY").is_some_and(|v| v == "digest") {
        for file in &files {
            let out = pyrs_parser::dump_file(&std::fs::read(file).unwrap_or_default(), "<corpus>");
            let text = out.stdout + &out.stderr.unwrap_or_default();
            println!("{:016x} {}", corpus::fnv1a(text.as_bytes()), file.display());
        }
        return;
    }
    let sources: Vec<Vec<u8>> = files.iter().filter_map(|f| std::fs::read(f).ok()).collect();
    let total: usize = sources.iter().map(Vec::len).sum();
    let mut best = f64::INFINITY;
    for _ in 0..runs {
        let start = corpus::processor_time();
        let ok = sources
            .iter()
            .filter(|s| pyrs_parser::parse_bytes(s, pyrs_parser::Mode::Exec).is_ok())
            .count();
        let secs = (corpus::processor_time() - start).as_secs_f64();
        best = best.min(secs);
        eprintln!("{ok}/{} parsed in {secs:.3} s", sources.len());
    }
    println!(
        "{} files, {total} bytes: best {best:.3} s, {:.1} MB/s",
        sources.len(),
        total as f64 / best / 1e6
    );
}
