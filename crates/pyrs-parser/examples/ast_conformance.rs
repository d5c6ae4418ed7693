//! Compares `pyrs_parser::dump_file` with the reference's `python3.13 -m ast -a` over a corpus.
//!
//! ```text
//! $(pyenv prefix 3.13.0)/bin/python3.13 crates/pyrs-parser/gen/record_ast_dumps.py /tmp/astref
//! cargo run --release -p pyrs-parser --example ast_conformance -- /tmp/astref [CORPUS_DIR]
//! ```
//!
//! A file is identical when the dump is byte-identical, or, for a file the reference rejects,
//! when pyrs rejects it with the same last traceback line (`SyntaxError: message`). Prints the
//! first difference of each file that is not, then `ast: identical X/Y`.

use std::path::{Path, PathBuf};

#[path = "../benches/common/corpus.rs"]
mod corpus;

/// `None` when identical, else a description of the first difference.
fn check(path: &Path, root: &Path, refs: &Path) -> Option<String> {
    let rel = path
        .strip_prefix(root)
        .ok()?
        .to_string_lossy()
        .replace('/', "__");
    let bytes = std::fs::read(path).ok()?;
    let got = pyrs_parser::dump_file(&bytes, &path.to_string_lossy());
    if let Ok(expected) = std::fs::read_to_string(refs.join(format!("{rel}.dump"))) {
        if let Some(err) = got.stderr {
            return Some(format!("rejected: {}", err.lines().last().unwrap_or("")));
        }
        if got.stdout == expected {
            return None;
        }
        for (i, (a, b)) in got.stdout.lines().zip(expected.lines()).enumerate() {
            if a != b {
                return Some(format!("line {}:\n  pyrs: {a}\n  ref:  {b}", i + 1));
            }
        }
        return Some("length differs".into());
    }
    let expected = std::fs::read_to_string(refs.join(format!("{rel}.err"))).ok()?;
    match got.stderr {
        Some(err) if err.lines().last() == expected.lines().last() => None,
        Some(err) => Some(format!(
            "error differs:\n  pyrs: {}\n  ref:  {}",
            err.lines().last().unwrap_or(""),
            expected.trim_end()
        )),
        None => Some(format!("accepted, reference: {}", expected.trim_end())),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let refs = PathBuf::from(
        args.first()
            .expect("usage: ast_conformance REF_DIR [CORPUS_DIR]"),
    );
    let root = corpus::example_root(args.get(1));
    let mut files = Vec::new();
    corpus::collect(&root, &mut files);
    files.sort();
    let results: Vec<(PathBuf, Option<String>)> = std::thread::scope(|s| {
        let chunks: Vec<_> = files.chunks(files.len().div_ceil(4).max(1)).collect();
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
    let mut identical = 0;
    for (path, diff) in &results {
        match diff {
            None => identical += 1,
            Some(d) => println!(
                "{}: {d}",
                path.strip_prefix(&root).unwrap_or(path).display()
            ),
        }
    }
    println!("ast: identical {identical}/{}", results.len());
}
