//! Times the compiler over every `.py` file of a corpus (default: the reference's standard
//! library), best of N runs, next to parsing alone, to parsing plus the symbol table, and to
//! the compiler alone on trees parsed beforehand: a quick check and a target for profilers.
//!
//! ```text
//! cargo run --release -p pyrs-compiler --example compile_corpus -- [RUNS] [CORPUS_DIR]
//! ```
//!
//! Times are processor time (this process's user and system time, as the bench counts), so
//! that other work on the machine does not count.
//!
//! With `PYRS_ONLY=trees` it times only the compiler on parsed trees, with `PYRS_ONLY=source`
//! only the whole pipeline from source, file by file as the bench does (for `perf record`,
//! or for `valgrind --tool=callgrind` with `RUNS` 1, whose instruction count does not move
//! with the machine's load). `PYRS_EVERY=N` keeps every Nth file of the corpus only.
//!
//! With `PYRS_ONLY=digest` it times nothing and prints, for each file, a hash of its
//! serialised code objects (or of the error): two builds that print the same lines make the
//! same code objects, byte for byte, which is the check that a change meant only to be
//! faster changes nothing else.

#[path = "../../pyrs-parser/benches/common/corpus.rs"]
mod corpus;

use pyrs_compiler::{compile_tree, symtable, Mode};

// The allocator of the `pyrs` binary (crates/pyrs/src/main.rs), so that the figure is the one
// a user of the binary gets: trees, instruction sequences and code objects are many small
// allocations, which mimalloc serves faster than the system allocator (glibc).
#[global_allocator]
static ALLOCATOR: pyrs_alloc::MiMalloc = pyrs_alloc::MiMalloc;

fn best(runs: usize, mut f: impl FnMut() -> usize) -> (f64, usize) {
    let mut best = f64::INFINITY;
    let mut n = 0;
    for _ in 0..runs {
        let start = corpus::processor_time();
        n = f();
        best = best.min((corpus::processor_time() - start).as_secs_f64());
    }
    (best, n)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runs: usize = args.first().and_then(|s| s.parse().ok()).unwrap_or(3);
    let files = corpus::example_files(args.get(1));
    let sources: Vec<Vec<u8>> = files.iter().filter_map(|f| std::fs::read(f).ok()).collect();
    let bytes: usize = sources.iter().map(Vec::len).sum();
    let only_trees = std::env::var_os("PYRS_ONLY").is_some_and(|v| v == "trees");
    if std::env::var_os("PYRS_ONLY").is_some_and(|v| v == "digest") {
        for (file, source) in files.iter().zip(&sources) {
            let compiled = pyrs_compiler::compile(
                pyrs_compiler::Source::Bytes(source),
                "<corpus>",
                Mode::Exec,
                0,
            );
            let bytes = match compiled {
                Ok(code) => code.to_bytes(),
                Err(err) => format!("{err:?}").into_bytes(),
            };
            println!("{:016x} {}", corpus::fnv1a(&bytes), file.display());
        }
        return;
    }
    if std::env::var_os("PYRS_ONLY").is_some_and(|v| v == "source") {
        let (compile, n) = best(runs, || {
            sources
                .iter()
                .filter(|s| {
                    pyrs_compiler::compile(
                        pyrs_compiler::Source::Bytes(s),
                        "<corpus>",
                        Mode::Exec,
                        0,
                    )
                    .is_ok()
                })
                .count()
        });
        println!("compile (source): {compile:.3} s ({n} files)");
        return;
    }
    let mut from_trees = f64::INFINITY;
    let mut n = 0;
    for _ in 0..runs {
        let mut trees: Vec<_> = sources
            .iter()
            .filter_map(|s| pyrs_parser::parse_bytes(s, Mode::Exec).ok())
            .collect();
        let start = corpus::processor_time();
        n = trees
            .iter_mut()
            .map(|tree| usize::from(compile_tree(tree, "<corpus>", 0).is_ok()))
            .sum();
        from_trees = from_trees.min((corpus::processor_time() - start).as_secs_f64());
    }
    println!("compile (trees):  {from_trees:.3} s ({n} files), parsing excluded");
    if only_trees {
        return;
    }
    let (parse, n) = best(runs, || {
        sources
            .iter()
            .filter(|s| pyrs_parser::parse_bytes(s, Mode::Exec).is_ok())
            .count()
    });
    println!("parse:            {parse:.3} s ({n} files)");
    let (table, n) = best(runs, || {
        sources
            .iter()
            .filter(|s| {
                pyrs_parser::parse_bytes(s, Mode::Exec)
                    .is_ok_and(|tree| symtable::build(&tree, "<corpus>").is_ok())
            })
            .count()
    });
    println!("parse + symtable: {table:.3} s ({n} files)");
    let (compile, n) = best(runs, || {
        sources
            .iter()
            .filter(|s| {
                pyrs_parser::parse_bytes(s, Mode::Exec)
                    .is_ok_and(|mut tree| compile_tree(&mut tree, "<corpus>", 0).is_ok())
            })
            .count()
    });
    println!(
        "compile:          {compile:.3} s ({n} files), {} files, {bytes} bytes, {:.1} MB/s",
        files.len(),
        bytes as f64 / compile / 1e6
    );
}
