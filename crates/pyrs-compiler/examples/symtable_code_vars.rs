//! Compares the code generator's view of each scope (`Scope::cellvars`, `freevars`,
//! `varnames`) with the code objects the reference compiles, over a corpus.
//!
//! ```text
//! $(pyenv prefix 3.13.0)/bin/python3.13 crates/pyrs-compiler/gen/record_code_vars.py /tmp/codevars.tsv
//! cargo run --release -p pyrs-compiler --example symtable_code_vars -- /tmp/codevars.tsv [CORPUS_DIR]
//! ```
//!
//! For each file, every line of the record (one per code object of a function, lambda,
//! generator expression, class body, type alias or type variable) must be among the lines
//! pyrs makes from its scopes (the reference leaves out the code objects of unreachable code). Prints the differing files, then
//! `code vars: identical X/Y`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use pyrs_compiler::symtable::{build, ComprehensionKind, ScopeKind};

fn corpus_dir() -> PathBuf {
    let out = std::process::Command::new("pyenv")
        .args(["prefix", "3.13.0"])
        .output()
        .expect("pyenv");
    let prefix = String::from_utf8(out.stdout).expect("utf-8");
    Path::new(prefix.trim()).join("lib/python3.13")
}

fn lines_of(root: &Path, rel: &str) -> Option<Vec<String>> {
    let bytes = std::fs::read(root.join(rel)).ok()?;
    let tree = pyrs_parser::parse_bytes(&bytes, pyrs_parser::Mode::Exec).ok()?;
    let table = build(&tree, rel).ok()?;
    let mut lines = Vec::new();
    for scope in table.scopes() {
        let name = match scope.kind() {
            ScopeKind::Module | ScopeKind::Annotation | ScopeKind::TypeParameters => continue,
            ScopeKind::Function => match scope.comprehension() {
                Some(ComprehensionKind::Generator) => "<genexpr>",
                Some(_) => continue,
                // No `def` can be named `lambda`, a keyword.
                None if scope.name() == "lambda" => "<lambda>",
                None => scope.name(),
            },
            _ => scope.name(),
        };
        let params = if scope.kind() == ScopeKind::Function {
            scope.varnames().join(",")
        } else {
            String::new()
        };
        lines.push(format!(
            "{rel}\t{name}\t{}\t{}\t{params}",
            scope.cellvars().join(","),
            scope.freevars().join(",")
        ));
    }
    lines.sort();
    Some(lines)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let record = std::fs::read_to_string(
        args.first()
            .expect("usage: symtable_code_vars RECORD [CORPUS_DIR]"),
    )
    .expect("the record");
    let root = args.get(1).map_or_else(corpus_dir, PathBuf::from);
    let mut expected: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for line in record.lines() {
        let file = line.split('\t').next().unwrap_or("");
        expected.entry(file).or_default().push(line.to_string());
    }
    let mut same = 0;
    for (file, want) in &mut expected {
        want.sort();
        match lines_of(&root, file) {
            Some(got) => {
                // The reference drops the code objects of unreachable code, so pyrs may have
                // more lines; every line of the reference must be among pyrs's.
                let mut rest = got.clone();
                let missing: Vec<&String> = want
                    .iter()
                    .filter(|l| match rest.iter().position(|g| g == *l) {
                        Some(i) => {
                            rest.remove(i);
                            false
                        }
                        None => true,
                    })
                    .collect();
                if missing.is_empty() {
                    same += 1;
                } else {
                    let extra: Vec<_> = rest.iter().take(3).collect();
                    println!(
                        "{file}:\n  pyrs only: {extra:?}\n  ref only:  {:?}",
                        &missing[..missing.len().min(3)]
                    );
                }
            }
            None => println!("{file}: rejected by pyrs"),
        }
    }
    println!("code vars: identical {same}/{}", expected.len());
}
