//! Compares `pyrs_compiler::symtable::dump_file` with recorded `python3.13 -m symtable` output
//! over a corpus (by default the reference's standard library).
//!
//! ```text
//! $(pyenv prefix 3.13.0)/bin/python3.13 crates/pyrs-compiler/gen/record_symtable_corpus.py /tmp/symref
//! cargo run --release -p pyrs-compiler --example symtable_corpus -- /tmp/symref [CORPUS_DIR]
//! ```
//!
//! Both outputs go through [`pyrs_compiler::symtable::normalise_dump`] (the symbol lines of
//! each scope sorted, since CPython prints some in hash order). A rejected file is identical
//! when pyrs rejects it with the same end of traceback, from its `File` line on. Prints each
//! differing file with its first difference, then `symtable: identical X/Y`.

use std::path::{Path, PathBuf};

#[path = "../../pyrs-parser/benches/common/corpus.rs"]
mod corpus;

use pyrs_compiler::symtable::{dump_file, normalise_dump};

/// The traceback from its last `  File "` line on.
fn tail(stderr: &str) -> &str {
    stderr.rfind("  File \"").map_or(stderr, |at| &stderr[at..])
}

fn first_difference(got: &str, expected: &str) -> String {
    for (i, (a, b)) in got.lines().zip(expected.lines()).enumerate() {
        if a != b {
            return format!("line {}:\n  pyrs: {a}\n  ref:  {b}", i + 1);
        }
    }
    format!(
        "length differs: {} lines against {}",
        got.lines().count(),
        expected.lines().count()
    )
}

/// `None` when identical, else a description of the first difference.
fn check(path: &Path, root: &Path, refs: &Path) -> Option<String> {
    let rel = path
        .strip_prefix(root)
        .ok()?
        .to_string_lossy()
        .replace('/', "__");
    let bytes = std::fs::read(path).ok()?;
    let name = path.to_string_lossy();
    let got = dump_file(&bytes, &name);
    let expected = std::fs::read_to_string(refs.join(format!("{rel}.out"))).ok()?;
    match std::fs::read_to_string(refs.join(format!("{rel}.err"))) {
        Err(_) => {
            if let Some(err) = got.stderr {
                return Some(format!("rejected: {}", err.trim_end()));
            }
            let (got, expected) = (normalise_dump(&got.stdout), normalise_dump(&expected));
            (got != expected).then(|| first_difference(&got, &expected))
        }
        Ok(err) => match got.stderr {
            Some(ours) if ours == tail(&err) => None,
            Some(ours) => Some(format!("error differs:\n{ours}against\n{}", tail(&err))),
            None => Some(format!("accepted, reference: {}", tail(&err).trim_end())),
        },
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let refs = PathBuf::from(
        args.first()
            .expect("usage: symtable_corpus REF_DIR [CORPUS_DIR]"),
    );
    let root = corpus::example_root(args.get(1));
    let mut files = Vec::new();
    corpus::collect(&root, &mut files);
    files.sort();
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let results: Vec<(PathBuf, Option<String>)> = std::thread::scope(|s| {
        let chunks: Vec<_> = files.chunks(files.len().div_ceil(workers).max(1)).collect();
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| {
                let (root, refs) = (&root, &refs);
                s.spawn(move || {
                    chunk
                        .iter()
                        .map(|p| (p.clone(), check(p, root, refs)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("worker"))
            .collect()
    });
    let mut same = 0;
    for (path, result) in &results {
        match result {
            None => same += 1,
            Some(why) => println!(
                "{}: {why}",
                path.strip_prefix(&root).unwrap_or(path).display()
            ),
        }
    }
    println!("symtable: identical {same}/{}", results.len());
}
