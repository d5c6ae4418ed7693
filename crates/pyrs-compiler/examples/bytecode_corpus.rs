//! Compares pyrs's code objects with the reference's over a corpus (by default the
//! reference's standard library), code object by code object, through their `dis` listings.
//!
//! ```text
//! $(pyenv prefix 3.13.0)/bin/python3.13 crates/pyrs-compiler/gen/record_dis_corpus.py /tmp/refdis
//! cargo run --release -p pyrs-compiler --example bytecode_corpus -- /tmp/refdis [CORPUS_DIR] [DIFF_DIR]
//! ```
//!
//! Each listing is split at its `Disassembly of <code object …>:` headers, object addresses
//! are blanked and the items of frozensets sorted (CPython's order follows string hashes,
//! which change from run to run), and the sections are compared in order (both sides list code objects in the
//! same order, a code object before those in its constants). A file the reference rejects
//! counts as identical when pyrs rejects it too. With DIFF_DIR, each differing code object is
//! written there as `N.got` and `N.expected`. Every code object pyrs makes is also checked
//! with `CodeObject::validate`. Ends with
//! `bytecode: identical X/Y code objects (A/B files)`.

use std::path::PathBuf;

#[path = "../../pyrs-parser/benches/common/corpus.rs"]
mod corpus;

/// The listing with object addresses blanked, cut into one section per code object.
fn sections(listing: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    for line in listing.lines() {
        if line.starts_with("Disassembly of ") {
            out.push(String::new());
        }
        let mut l = sorted_frozensets(line);
        while let Some(at) = l.find(" at 0x") {
            let end = l[at + 6..]
                .find(|c: char| !c.is_ascii_hexdigit())
                .map_or(l.len(), |e| at + 6 + e);
            l.replace_range(at..end, " at ADDR");
        }
        let last = out.last_mut().expect("one section");
        last.push_str(&l);
        last.push('\n');
    }
    out
}

/// Sorts the items of every `frozenset({…})` in a line: CPython prints a frozenset of strings
/// in the order of their hashes, which change from run to run (`PYTHONHASHSEED`).
fn sorted_frozensets(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find("frozenset({") {
        out.push_str(&rest[..at + 11]);
        rest = &rest[at + 11..];
        // The items up to the matching `})`, split at top-level commas, quotes respected.
        let mut items: Vec<String> = Vec::new();
        let mut item = String::new();
        let mut depth = 0usize;
        let mut quote: Option<char> = None;
        let mut escaped = false;
        let mut end = rest.len();
        for (i, c) in rest.char_indices() {
            if let Some(q) = quote {
                item.push(c);
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
                continue;
            }
            match c {
                '\'' | '"' => {
                    quote = Some(c);
                    item.push(c);
                }
                '(' | '[' | '{' => {
                    depth += 1;
                    item.push(c);
                }
                ')' | ']' | '}' if depth > 0 => {
                    depth -= 1;
                    item.push(c);
                }
                '}' => {
                    end = i;
                    break;
                }
                ',' if depth == 0 => {
                    items.push(item.trim().to_string());
                    item.clear();
                }
                _ => item.push(c),
            }
        }
        if !item.trim().is_empty() {
            items.push(item.trim().to_string());
        }
        items.sort();
        out.push_str(&items.join(", "));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let reference = PathBuf::from(args.first().expect("the recorded listings' directory"));
    let root = corpus::example_root(args.get(1));
    let diff_dir = args.get(2).map(PathBuf::from);
    if let Some(d) = &diff_dir {
        std::fs::create_dir_all(d).expect("diff dir");
    }
    let mut files = Vec::new();
    corpus::collect(&root, &mut files);
    files.sort();
    let (mut same_objects, mut objects, mut same_files) = (0usize, 0usize, 0usize);
    let mut ndiff = 0usize;
    for file in &files {
        let rel = file
            .strip_prefix(&root)
            .unwrap_or(file)
            .to_string_lossy()
            .replace('/', "__");
        let expected =
            std::fs::read_to_string(reference.join(format!("{rel}.dis"))).unwrap_or_default();
        let bytes = std::fs::read(file).unwrap_or_default();
        let name = file.to_string_lossy();
        let got = std::panic::catch_unwind(|| {
            pyrs_compiler::compile(
                pyrs_compiler::Source::Bytes(&bytes),
                &name,
                pyrs_compiler::Mode::Exec,
                0,
            )
        });
        let got = match got {
            Ok(Ok(code)) => {
                if let Err(e) = code.validate() {
                    println!("{}: invalid code object: {e:?}", file.display());
                }
                Ok(pyrs_bytecode::dis::disassemble(&code))
            }
            Ok(Err(e)) => Err(format!("{}: {}", e.kind.name(), e.msg)),
            Err(_) => Err("PANIC".to_string()),
        };
        if expected.starts_with("ERROR: ") {
            objects += 1;
            if got.is_err() {
                same_objects += 1;
                same_files += 1;
            } else {
                println!(
                    "{}: accepted, the reference rejects it ({})",
                    file.display(),
                    expected.trim()
                );
            }
            continue;
        }
        let want = sections(&expected);
        objects += want.len();
        let got = match got {
            Ok(listing) => sections(&listing),
            Err(e) => {
                println!("{}: {e}", file.display());
                continue;
            }
        };
        let mut all = got.len() == want.len();
        for (i, w) in want.iter().enumerate() {
            match got.get(i) {
                Some(g) if g == w => same_objects += 1,
                g => {
                    all = false;
                    if let (Some(d), Some(g)) = (&diff_dir, g) {
                        if ndiff < 5000 {
                            let _ = std::fs::write(d.join(format!("{ndiff}.got")), g);
                            let _ = std::fs::write(d.join(format!("{ndiff}.expected")), w);
                        }
                        ndiff += 1;
                    }
                }
            }
        }
        if all {
            same_files += 1;
        }
    }
    println!(
        "bytecode: identical {same_objects}/{objects} code objects ({same_files}/{} files)",
        files.len()
    );
}
