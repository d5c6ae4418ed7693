//! CPython's syntax errors: every invalid program of tests/parser/syntax_errors.txt (taken
//! from CPython's own tests, Lib/test/test_syntax.py and test_exceptions.py, and from the
//! `invalid_*` rules of Grammar/python.gram) against the exception class, message and location
//! python3.13 reported for it (tests/parser/syntax_errors.expected, written by
//! tests/parser/record_syntax_errors.py).
//!
//! Prints how many match exactly and fails if that falls below the floor recorded here.
//! `PYRS_SHOW_MISMATCHES=1` lists the snippets that do not match.

use std::path::PathBuf;

/// Snippets whose error pyrs reports exactly as CPython does; raise it when more match.
const FLOOR: usize = 561;

fn data(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/parser")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn snippets() -> Vec<(String, String)> {
    let mut out: Vec<(String, Vec<&str>)> = Vec::new();
    let text = data("syntax_errors.txt");
    for line in text.split('\n') {
        if let Some(name) = line.strip_prefix("=== ") {
            out.push((name.trim().to_owned(), Vec::new()));
        } else if let Some(last) = out.last_mut() {
            last.1.push(line);
        }
    }
    out.into_iter()
        .map(|(name, mut lines)| {
            while lines.last() == Some(&"") {
                lines.pop();
            }
            let src: String = lines.iter().map(|l| format!("{l}\n")).collect();
            (name, src)
        })
        .collect()
}

#[test]
fn syntax_errors_match_cpython() {
    let expected = data("syntax_errors.expected");
    let snippets = snippets();
    let show = std::env::var_os("PYRS_SHOW_MISMATCHES").is_some();
    let (mut total, mut exact) = (0, 0);
    for (line, (name, src)) in expected.lines().zip(&snippets) {
        let f: Vec<&str> = line.splitn(7, '\t').collect();
        assert_eq!(
            f[0], name,
            "syntax_errors.expected is out of date: re-record it"
        );
        if f[1] == "compiler" || f[1] == "valid" {
            continue;
        }
        total += 1;
        let want = format!("{} {} {} {} {} {}", f[1], f[2], f[3], f[4], f[5], f[6]);
        let got = std::thread::scope(|s| {
            std::thread::Builder::new()
                .stack_size(64 << 20)
                .spawn_scoped(s, || pyrs_parser::parse(src, pyrs_parser::Mode::Exec))
                .expect("thread")
                .join()
                .expect("no panic")
        });
        let got = match got {
            Err(e) => format!(
                "{} {} {} {} {} {}",
                e.kind.name(),
                e.lineno,
                e.offset,
                e.end_lineno,
                e.end_offset,
                e.msg
            ),
            Ok(_) => "accepted".to_owned(),
        };
        if got == want {
            exact += 1;
        } else if show {
            println!("{name}: {src:?}\n  want: {want}\n  got:  {got}");
        }
    }
    println!("syntax errors: {exact}/{total} exact");
    assert!(
        exact >= FLOOR,
        "only {exact}/{total} match; the floor is {FLOOR}"
    );
}
