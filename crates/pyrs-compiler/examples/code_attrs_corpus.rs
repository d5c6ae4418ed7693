//! Compares the attributes `dis` does not print — `co_stacksize`, `co_flags`,
//! `co_qualname`, `co_firstlineno`, the parameter counts, the local names, and the positions
//! (lines and columns) of every instruction — with the reference's, over a corpus.
//!
//! ```text
//! $(pyenv prefix 3.13.0)/bin/python3.13 crates/pyrs-compiler/gen/record_code_attrs.py /tmp/attrs.tsv
//! cargo run --release -p pyrs-compiler --example code_attrs_corpus -- /tmp/attrs.tsv
//! ```
//!
//! Prints, per attribute, how many code objects agree, and the first few that do not.

use std::collections::HashMap;
use std::fmt::Write as _;

use pyrs_bytecode::{CodeObject, Constant};

const FIELDS: [&str; 14] = [
    "path",
    "co_name",
    "co_qualname",
    "co_firstlineno",
    "co_argcount",
    "co_posonlyargcount",
    "co_kwonlyargcount",
    "co_nlocals",
    "co_stacksize",
    "co_flags",
    "co_varnames",
    "co_cellvars",
    "co_freevars",
    "positions",
];

fn row(code: &CodeObject, path: &str, out: &mut Vec<Vec<String>>) {
    let opt = |v: Option<u32>| v.map_or("-".to_string(), |v| v.to_string());
    let mut positions = String::new();
    for (i, p) in code.positions().enumerate() {
        if i > 0 {
            positions.push(';');
        }
        let _ = write!(
            positions,
            "{},{},{},{}",
            opt(p.lineno),
            opt(p.end_lineno),
            opt(p.col_offset),
            opt(p.end_col_offset)
        );
    }
    let join = |it: &mut dyn Iterator<Item = &str>| it.collect::<Vec<_>>().join(",");
    out.push(vec![
        path.to_string(),
        code.name.to_string(),
        code.qualname.to_string(),
        code.firstlineno.to_string(),
        code.argcount.to_string(),
        code.posonlyargcount.to_string(),
        code.kwonlyargcount.to_string(),
        code.nlocals().to_string(),
        code.stacksize.to_string(),
        code.flags.bits().to_string(),
        join(&mut code.varnames()),
        join(&mut code.cellvars()),
        join(&mut code.freevars()),
        positions,
    ]);
    for c in &code.consts {
        if let Constant::Code(inner) = c {
            row(inner, path, out);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let reference =
        std::fs::read(args.first().expect("the recorded attributes")).expect("readable");
    let reference = String::from_utf8_lossy(&reference);
    let mut by_file: HashMap<&str, Vec<Vec<&str>>> = HashMap::new();
    let mut order: Vec<&str> = Vec::new();
    for line in reference.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        if fields.len() != FIELDS.len() {
            continue;
        }
        let entry = by_file.entry(fields[0]).or_default();
        if entry.is_empty() {
            order.push(fields[0]);
        }
        entry.push(fields);
    }
    let mut same = [0usize; FIELDS.len()];
    let mut total = 0usize;
    let mut shown = [0usize; FIELDS.len()];
    for path in order {
        let want = &by_file[path];
        let bytes = std::fs::read(path).unwrap_or_default();
        let Ok(code) = pyrs_compiler::compile(
            pyrs_compiler::Source::Bytes(&bytes),
            path,
            pyrs_compiler::Mode::Exec,
            0,
        ) else {
            println!("{path}: not compiled");
            continue;
        };
        let mut got = Vec::new();
        row(&code, path, &mut got);
        total += want.len();
        for (w, g) in want.iter().zip(&got) {
            for (k, (a, b)) in w.iter().zip(g).enumerate() {
                if *a == b {
                    same[k] += 1;
                } else if shown[k] < 12 {
                    shown[k] += 1;
                    // Show the first differing item of a list, with its index.
                    let (ia, ib): (Vec<&str>, Vec<&str>) =
                        (a.split(';').collect(), b.split(';').collect());
                    let at = ia.iter().zip(&ib).position(|(x, y)| x != y).unwrap_or(0);
                    println!(
                        "{}: {} {}: item {at}: pyrs {:?}, reference {:?}",
                        FIELDS[k],
                        path,
                        w[2],
                        ib.get(at).copied().unwrap_or("<end>"),
                        ia.get(at).copied().unwrap_or("<end>")
                    );
                }
            }
        }
    }
    for (k, name) in FIELDS.iter().enumerate().skip(1) {
        println!("{name}: {}/{total}", same[k]);
    }
}
