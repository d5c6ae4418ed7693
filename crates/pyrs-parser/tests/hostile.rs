//! Hostile inputs: nesting and lengths far past anything real code has. Each must end in a
//! clean error (CPython's) or a tree, never a panic or a stack overflow, in debug builds too.
//!
//! Each input is parsed on a thread with an 8 MiB stack, what a program's main thread gets:
//! the deepest tree the parser accepts (9995 nested expressions, CPython's limit) takes about
//! 2 MiB to drop in a debug build.

use pyrs_parser::{parse, ErrorKind, Mode};

/// Parses `src` on a main-thread-sized stack: the error's class and message, or "ok".
fn outcome(src: String) -> (String, String) {
    std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || match parse(&src, Mode::Exec) {
            Ok(_) => ("ok".to_owned(), String::new()),
            Err(e) => (e.kind.name().to_owned(), e.msg),
        })
        .expect("thread")
        .join()
        .expect("the parser must not panic")
}

fn assert_outcome(src: String, kind: ErrorKind, msg: &str) {
    let (k, m) = outcome(src);
    assert_eq!((k.as_str(), m.as_str()), (kind.name(), msg));
}

const TOO_COMPLEX: &str = "Parser stack overflowed - Python source too complex to parse";
const TOO_DEEP: &str = "maximum recursion depth exceeded during ast construction";

#[test]
fn hundred_thousand_nested_parentheses() {
    let src = format!("x = {}1{}\n", "(".repeat(100_000), ")".repeat(100_000));
    assert_outcome(src, ErrorKind::SyntaxError, "too many nested parentheses");
    let src = format!("x = {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    assert_outcome(src, ErrorKind::SyntaxError, "too many nested parentheses");
}

#[test]
fn a_million_terms() {
    let src = format!("x = {}\n", vec!["1"; 1_000_000].join("+"));
    assert_outcome(src, ErrorKind::RecursionError, TOO_DEEP);
    // The same with a syntax error at the end: the error, not the depth, is reported.
    let src = format!("x = {}+\n", vec!["1"; 1_000_000].join("+"));
    assert_outcome(src, ErrorKind::SyntaxError, "invalid syntax");
    // A million terms of a flat structure are fine.
    let src = format!("x = [{}]\n", vec!["1"; 1_000_000].join(","));
    assert_eq!(outcome(src).0, "ok");
    let src = format!("x = {}\n", vec!["a"; 1_000_000].join(" and "));
    assert_eq!(outcome(src).0, "ok");
}

#[test]
fn right_nested_chains() {
    assert_outcome(
        format!("x = {}1\n", "-".repeat(100_000)),
        ErrorKind::MemoryError,
        TOO_COMPLEX,
    );
    assert_outcome(
        format!("x = {}1\n", "not ".repeat(100_000)),
        ErrorKind::MemoryError,
        TOO_COMPLEX,
    );
    assert_outcome(
        format!("x = {}1\n", "lambda: ".repeat(10_000)),
        ErrorKind::MemoryError,
        TOO_COMPLEX,
    );
    assert_outcome(
        format!("x = {}\n", vec!["2"; 10_000].join("**")),
        ErrorKind::MemoryError,
        TOO_COMPLEX,
    );
    assert_outcome(
        format!("x = {}1\n", "1 if 1 else ".repeat(10_000)),
        ErrorKind::MemoryError,
        TOO_COMPLEX,
    );
    // Just under CPython's limits, trees.
    assert_eq!(outcome(format!("{}1\n", "-".repeat(5968))).0, "ok");
    assert_eq!(outcome(format!("{}1\n", "-".repeat(5969))).0, "MemoryError");
    assert_eq!(outcome(format!("{}1\n", "lambda: ".repeat(2984))).0, "ok");
    assert_eq!(
        outcome(format!("{}1\n", "lambda: ".repeat(2985))).0,
        "MemoryError"
    );
}

#[test]
fn left_nested_chains() {
    assert_outcome(
        format!("x = a{}\n", ".b".repeat(100_000)),
        ErrorKind::RecursionError,
        TOO_DEEP,
    );
    assert_outcome(
        format!("x = a{}\n", "[0]".repeat(100_000)),
        ErrorKind::RecursionError,
        TOO_DEEP,
    );
    assert_outcome(
        format!("x = f{}\n", "()".repeat(100_000)),
        ErrorKind::RecursionError,
        TOO_DEEP,
    );
    // CPython's limit at module level: 9995 terms pass, 9996 do not.
    assert_eq!(outcome(vec!["1"; 9995].join("+")).0, "ok");
    assert_eq!(outcome(vec!["1"; 9996].join("+")).0, "RecursionError");
}

#[test]
fn deeply_nested_fstrings() {
    let mut src = String::from("1");
    for i in 0..200 {
        let q = if i % 2 == 0 { '"' } else { '\'' };
        src = format!("f{q}{{{src}}}{q}");
    }
    assert_outcome(
        src + "\n",
        ErrorKind::SyntaxError,
        "too many nested f-strings",
    );
    // Nested format specs stop at CPython's depth too.
    let (kind, _) = outcome("f'{x:{y:{z:{w}}}}'\n".to_owned());
    assert_eq!(kind, "SyntaxError");
}

#[test]
fn deep_indentation() {
    let src: String = (0..150)
        .map(|i| format!("{}if x:\n", " ".repeat(i)))
        .collect::<String>()
        + &" ".repeat(150)
        + "pass\n";
    assert_outcome(
        src,
        ErrorKind::IndentationError,
        "too many levels of indentation",
    );
}

#[test]
fn nested_brackets_with_long_chains_inside() {
    // Depth adds up across brackets: the limit holds for the whole tree.
    let inner = vec!["a"; 2000].join("+");
    let src = format!("x = {}{inner}{}\n", "[".repeat(10), "]".repeat(10));
    assert_eq!(outcome(src).0, "ok");
    let src = format!("x = {}{inner}{}\n", "(-".repeat(150), ")".repeat(150));
    assert_eq!(outcome(src).0, "ok");
    let src = format!("x = {}{inner}{}\n", "[-a.b+".repeat(190), "]".repeat(190));
    assert_eq!(outcome(src).0, "ok");
}

#[test]
fn long_lines_and_many_statements() {
    let src = "x = 1\n".repeat(200_000);
    assert_eq!(outcome(src).0, "ok");
    let src = format!("x = '{}'\n", "a".repeat(1 << 20));
    assert_eq!(outcome(src).0, "ok");
    let src = format!("x = {}\n", vec!["'a'"; 100_000].join(" "));
    assert_eq!(outcome(src).0, "ok");
}

#[test]
fn errors_after_long_chains() {
    // The error reporter scans around the failure; long chains must not make it recurse.
    let src = format!("x = {}1 if\n", "1 if 1 else ".repeat(100_000));
    let (kind, _) = outcome(src);
    assert!(kind == "SyntaxError" || kind == "MemoryError");
    let src = format!("f({} = 1)\n", vec!["a"; 100_000].join("."));
    let (kind, _) = outcome(src);
    assert!(kind == "SyntaxError" || kind == "RecursionError");
    let src = format!("[{} 1]\n", vec!["a"; 100_000].join("+"));
    let (kind, _) = outcome(src);
    assert!(kind == "SyntaxError" || kind == "RecursionError");
}

/// Random edits of the fixture programs (tests/parser/ast/): inserted tokens, deleted and
/// duplicated spans. Whatever the parser makes of them, it must not panic.
#[test]
fn mutated_programs_never_panic() {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/parser/ast");
    let mut sources = Vec::new();
    for entry in std::fs::read_dir(dir).expect("fixtures").flatten() {
        if entry.path().extension().is_some_and(|e| e == "py") {
            sources.push(std::fs::read_to_string(entry.path()).expect("utf-8 fixture"));
        }
    }
    sources.sort();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed as usize
    };
    let pieces = [
        "(", ")", "[", "]", "{", "}", ":", ",", "=", "*", "**", "if ", "else", "lambda", "not ",
        "f'{", "}'", "'", "\"", "\n", "    ", "\t", "\\", "match ", "case ", "type ", "async ",
        "await ", "yield ", ":=", "->", "@", ".", "...", "#", "0x", "1e", "_", "é", "\r",
    ];
    let mut mutants = Vec::new();
    for src in &sources {
        for _ in 0..150 {
            let mut s = src.clone();
            for _ in 0..1 + next() % 4 {
                if s.is_empty() {
                    break;
                }
                let mut at = next() % s.len();
                while !s.is_char_boundary(at) {
                    at -= 1;
                }
                let mut end = (at + 1 + next() % 12).min(s.len());
                while !s.is_char_boundary(end) {
                    end += 1;
                }
                match next() % 3 {
                    0 => s.insert_str(at, pieces[next() % pieces.len()]),
                    1 => s.replace_range(at..end, ""),
                    _ => {
                        let piece = s[at..end].to_owned();
                        s.insert_str(at, &piece);
                    }
                }
            }
            mutants.push(s);
        }
    }
    let count = mutants.len();
    std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || {
            for m in &mutants {
                let _ = parse(m, Mode::Exec);
            }
        })
        .expect("thread")
        .join()
        .expect("no mutant may make the parser panic");
    assert_eq!(count, sources.len() * 150);
}
