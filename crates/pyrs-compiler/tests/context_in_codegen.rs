//! The code generator raises every context error (`'return' outside function`, `'await'
//! outside async function`, leaving an `except*` block…) that `context::check` finds, with
//! the same message and location: `compile` relies on it and does not run the check.
//!
//! The snippets put each statement or expression the check cares about in each kind of
//! place (module, class, function, generator, loop, `try` arms, `with`, `match`, generic
//! definitions, and in an expression's every slot: default, decorator, base, annotation,
//! comprehension…), once and nested in a second place. For every snippet the check rejects,
//! the whole compiler must reject it with the check's error. (Snippets that also hold an error
//! only the code generator finds are left out: there the code generator's order is CPython's.)

use pyrs_compiler::{context, symtable, Mode, Source};

fn indent(lines: &[String]) -> Vec<String> {
    lines.iter().map(|l| format!("    {l}")).collect()
}

fn lines(text: &[&str]) -> Vec<String> {
    text.iter().map(|s| s.to_string()).collect()
}

/// A place for a block of statements: wraps the block in a construct.
type Place = fn(&[String]) -> Vec<String>;

/// The places for a block of statements, by name.
fn statement_places() -> Vec<(&'static str, Place)> {
    fn wrap(head: &[&str], body: &[String], tail: &[&str]) -> Vec<String> {
        let mut out = lines(head);
        out.extend(indent(body));
        out.extend(lines(tail));
        out
    }
    vec![
        ("module", |b| b.to_vec()),
        ("class", |b| wrap(&["class C:"], b, &[])),
        ("def", |b| wrap(&["def f():"], b, &[])),
        ("async def", |b| wrap(&["async def f():"], b, &[])),
        ("generator", |b| wrap(&["def f():", "    yield"], b, &[])),
        ("async generator", |b| {
            wrap(&["async def f():", "    yield"], b, &[])
        }),
        ("for", |b| wrap(&["for x in y:"], b, &[])),
        ("for else", |b| {
            wrap(&["for x in y:", "    pass", "else:"], b, &[])
        }),
        ("while", |b| wrap(&["while z:"], b, &[])),
        ("if 0", |b| wrap(&["if 0:"], b, &[])),
        ("except", |b| {
            wrap(&["try:", "    pass", "except E:"], b, &[])
        }),
        ("except*", |b| {
            wrap(&["try:", "    pass", "except* E:"], b, &[])
        }),
        ("try* body", |b| {
            wrap(&["try:"], b, &["except* E:", "    pass"])
        }),
        ("try else", |b| {
            wrap(
                &["try:", "    pass", "except E:", "    pass", "else:"],
                b,
                &[],
            )
        }),
        ("finally", |b| {
            wrap(&["try:", "    pass", "finally:"], b, &[])
        }),
        ("try finally", |b| {
            wrap(&["try:"], b, &["finally:", "    pass"])
        }),
        ("with", |b| wrap(&["with a as b:"], b, &[])),
        ("match", |b| {
            let mut out = lines(&["match z:", "    case 1:"]);
            out.extend(indent(&indent(b)));
            out
        }),
        ("generic def", |b| wrap(&["def f[T]():"], b, &[])),
        ("generic class", |b| wrap(&["class C[T]:"], b, &[])),
        ("after a future import", |b| {
            let mut out = lines(&["from __future__ import annotations"]);
            out.extend(b.iter().cloned());
            out
        }),
    ]
}

/// Slots for an expression, each a statement holding `{}`.
const EXPRESSION_SLOTS: &[&str] = &[
    "x = {}",
    "x[{}] = 1",
    "x = lambda: {}",
    "x = lambda a={}: a",
    "x = [{} for y in z]",
    "x = [y for y in z if {}]",
    "x = [y for y in {}]",
    "x = [y for w in z for y in {}]",
    "x = ({} for y in z)",
    "x = (y for y in {})",
    "x = {{y: {} for y in z}}",
    "def g(a={}): pass",
    "def g(*, a={}): pass",
    "@({})\ndef g(): pass",
    "class D({}): pass",
    "class D(metaclass={}): pass",
    "a: ({}) = 1",
    "a: int = ({})",
    "a.b: ({})",
    "def g(a: ({})) -> ({}): pass",
    "x = f'{{{}}}'",
    "raise ({}) from ({})",
    "assert z, ({})",
    "with ({}) as q: pass",
    "x = y[{}:{}]",
    "match {}:\n    case _: pass",
    "type X = {}",
    "def g[T: ({})](): pass",
    "return {}",
    "{}",
];

const EXPRESSIONS: &[&str] = &[
    "await x",
    "(yield)",
    "(yield from x)",
    "[a async for a in b]",
    "(a async for a in b)",
    "[await a for a in b]",
    "lambda: (yield)",
    "1",
];

const STATEMENTS: &[&str] = &[
    "return",
    "return 1",
    "return x",
    "break",
    "continue",
    "from __future__ import annotations",
    "async for a in b: pass",
    "async with a: pass",
    "for q in w:\n    break",
    "try:\n    return\nfinally:\n    pass",
    "with a:\n    continue",
];

fn snippets() -> Vec<String> {
    let mut blocks: Vec<Vec<String>> = Vec::new();
    for s in STATEMENTS {
        blocks.push(s.lines().map(str::to_string).collect());
    }
    for slot in EXPRESSION_SLOTS {
        for e in EXPRESSIONS {
            let text = slot.replace("{}", e).replace("{{", "{").replace("}}", "}");
            blocks.push(text.lines().map(str::to_string).collect());
        }
    }
    let places = statement_places();
    let mut out = Vec::new();
    for block in &blocks {
        for (_, outer) in &places {
            out.push(outer(block));
            for (_, inner) in &places {
                out.push(outer(&inner(block)));
            }
        }
    }
    out.into_iter().map(|l| l.join("\n") + "\n").collect()
}

#[test]
fn the_code_generator_raises_the_context_errors() {
    let (mut rejected, mut failures) = (0, Vec::new());
    for source in snippets() {
        let Ok(tree) = pyrs_parser::parse(&source, Mode::Exec) else {
            continue;
        };
        let Ok(table) = symtable::build(&tree, "<string>") else {
            continue;
        };
        let Err(want) = context::check(&tree, &table) else {
            continue;
        };
        rejected += 1;
        let got = pyrs_compiler::compile(Source::Text(&source), "<string>", Mode::Exec, 0);
        let same = got.as_ref().err().is_some_and(|got| {
            (
                got.kind,
                &got.msg,
                got.lineno,
                got.offset,
                got.end_lineno,
                got.end_offset,
            ) == (
                want.kind,
                &want.msg,
                want.lineno,
                want.offset,
                want.end_lineno,
                want.end_offset,
            )
        });
        if !same {
            failures.push(format!(
                "{source}  check: {want:?}\n  compile: {:?}",
                got.err()
            ));
        }
    }
    println!(
        "context errors raised by the code generator: {}/{rejected}",
        rejected - failures.len()
    );
    assert!(rejected > 1000, "only {rejected} snippets rejected");
    assert!(
        failures.is_empty(),
        "{}",
        failures[..failures.len().min(10)].join("\n")
    );
}
