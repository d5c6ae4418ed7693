//! The four modes of `compile()`, and the bytes entry point: trees and errors as
//! `ast.parse(source, mode=MODE)` gives them in python3.13 (recorded by hand from the
//! reference, `ast.dump` without attributes).

use pyrs_ast::{dump_with, DumpOptions};
use pyrs_parser::{parse, parse_bytes, Mode};

fn short(src: &str, mode: Mode) -> String {
    match parse(src, mode) {
        Ok(tree) => dump_with(
            &tree,
            &DumpOptions {
                include_attributes: false,
                indent: None,
            },
        ),
        Err(e) => format!("{}: {}", e.kind.name(), e.msg),
    }
}

#[test]
fn eval() {
    assert_eq!(
        short("1 + 2", Mode::Eval),
        "Expression(body=BinOp(left=Constant(value=1), op=Add(), right=Constant(value=2)))"
    );
    assert_eq!(
        short("a, b", Mode::Eval),
        "Expression(body=Tuple(elts=[Name(id='a', ctx=Load()), Name(id='b', ctx=Load())], ctx=Load()))"
    );
}

#[test]
fn single() {
    assert_eq!(
        short("x = 1", Mode::Single),
        "Interactive(body=[Assign(targets=[Name(id='x', ctx=Store())], value=Constant(value=1))])"
    );
    assert_eq!(
        short("if 1:\n  pass\n", Mode::Single),
        "Interactive(body=[If(test=Constant(value=1), body=[Pass()])])"
    );
    assert_eq!(short("\n\n", Mode::Single), "SyntaxError: invalid syntax");
}

#[test]
fn func_type() {
    assert_eq!(
        short("(int, str) -> bool", Mode::FuncType),
        "FunctionType(argtypes=[Name(id='int', ctx=Load()), Name(id='str', ctx=Load())], returns=Name(id='bool', ctx=Load()))"
    );
    assert_eq!(
        short("(*int) -> None", Mode::FuncType),
        "FunctionType(argtypes=[Name(id='int', ctx=Load())], returns=Constant(value=None))"
    );
}

#[test]
fn exec() {
    assert_eq!(short("", Mode::Exec), "Module()");
}

#[test]
fn bytes_are_decoded_first() {
    let tree = parse_bytes(b"\xef\xbb\xbfx = '\xc3\xa9'\n", Mode::Exec).unwrap();
    assert!(pyrs_ast::dump(&tree).contains("value='\u{e9}'"));
    let tree = parse_bytes(b"# coding: latin-1\nx = '\xe9'\n", Mode::Exec).unwrap();
    assert!(pyrs_ast::dump(&tree).contains("value='\u{e9}'"));
    let err = parse_bytes(b"# coding: uft-8\n", Mode::Exec).unwrap_err();
    assert_eq!(
        (err.msg.as_str(), err.lineno),
        ("unknown encoding: uft-8", 0)
    );
    let err = parse_bytes(b"print(\"b\xf6se\")\n", Mode::Exec).unwrap_err();
    assert_eq!(
        err.msg,
        "(unicode error) 'utf-8' codec can't decode byte 0xf6 in position 1: invalid start byte"
    );
}

#[test]
fn rejected_files_print_the_end_of_the_traceback() {
    let out = pyrs_parser::dump_file(b"x = (1,\n", "e.py");
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr.unwrap(),
        "  File \"e.py\", line 1\n    x = (1,\n        ^\nSyntaxError: '(' was never closed\n"
    );
    let out = pyrs_parser::dump_file(b"# coding: uft-8\n", "e.py");
    assert_eq!(
        out.stderr.unwrap(),
        "  File \"e.py\", line 0\nSyntaxError: unknown encoding: uft-8\n"
    );
}
