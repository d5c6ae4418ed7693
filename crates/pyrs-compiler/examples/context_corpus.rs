//! Compares the symbol table's and the context checks' errors with what the reference's
//! `compile()` raises, file by file, over a corpus.
//!
//! ```text
//! $(pyenv prefix 3.13.0)/bin/python3.13 crates/pyrs-compiler/gen/record_compile_errors.py /tmp/compile.tsv
//! cargo run --release -p pyrs-compiler --example context_corpus -- /tmp/compile.tsv [CORPUS_DIR]
//! ```
//!
//! A file the reference compiles must pass both (no false error); a file it rejects with a
//! message of this crate must be rejected with the same message and location. Files the
//! parser rejects, and errors of the code generator this crate does not know, are counted
//! apart. Prints the differing files, then `context: identical X/Y`.

use std::path::{Path, PathBuf};

use pyrs_compiler::{context, symtable};

fn corpus_dir() -> PathBuf {
    let out = std::process::Command::new("pyenv")
        .args(["prefix", "3.13.0"])
        .output()
        .expect("pyenv");
    let prefix = String::from_utf8(out.stdout).expect("utf-8");
    Path::new(prefix.trim()).join("lib/python3.13")
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let record = std::fs::read_to_string(
        args.first()
            .expect("usage: context_corpus RECORD [CORPUS_DIR]"),
    )
    .expect("the record");
    let root = args.get(1).map_or_else(corpus_dir, PathBuf::from);
    let (mut same, mut compared, mut skipped) = (0, 0, 0);
    for line in record.lines() {
        let (file, expected) = line.split_once('\t').unwrap_or((line, ""));
        let Ok(bytes) = std::fs::read(root.join(file)) else {
            continue;
        };
        let Ok(tree) = pyrs_parser::parse_bytes(&bytes, pyrs_parser::Mode::Exec) else {
            skipped += 1;
            continue;
        };
        let path = root.join(file).to_string_lossy().into_owned();
        let got = match symtable::build(&tree, &path) {
            Ok(table) => context::check(&tree, &table),
            Err(e) => Err(e),
        };
        let got = match got {
            Ok(()) => "ok".to_string(),
            Err(e) => {
                let end = if e.end_offset == 0 {
                    "None".to_string()
                } else {
                    e.end_offset.to_string()
                };
                format!(
                    "{}\t{}\t{}\t{}\t{}\t{end}",
                    e.kind.name(),
                    e.msg,
                    e.lineno,
                    e.offset,
                    e.end_lineno
                )
            }
        };
        if expected != "ok" && got == "ok" {
            // An error of the code generator (or of the parser) that this crate does not raise.
            skipped += 1;
            continue;
        }
        compared += 1;
        if got == expected {
            same += 1;
        } else {
            println!("{file}:\n  pyrs: {got}\n  ref:  {expected}");
        }
    }
    println!("context: identical {same}/{compared} ({skipped} files left out: parser errors, or code generator errors not checked here)");
}
