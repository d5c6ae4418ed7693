//! Generates the LALR(1) parser from src/grammar.lalrpop into OUT_DIR at build time, puts the
//! crate's own parse loop (src/driver.rs) inside the generated module, next to the tables and
//! reductions it drives (which LALRPOP keeps private to that module), and patches some of the
//! generated items for speed (`patch_generated_parser`, `pop_without_drop`), and writes the
//! goto table in the packed form the parse loop reads (`pack_goto_table`) and the table of
//! reduction functions it calls (`reducer_table`).

fn main() {
    lalrpop::Configuration::new()
        .use_cargo_dir_conventions()
        .emit_rerun_directives(true)
        .process()
        .expect("the grammar must generate");
    // The generated parser names src/driver.rs by its absolute path (`include_driver`): a
    // checkout elsewhere, whose files are newer than the last build, writes it again.
    println!("cargo:rerun-if-changed=src/driver.rs");
    patch_generated_parser();
}

/// Two changes to the generated parser that leave its meaning alone and keep the processor
/// from waiting on its own stores on every shift:
/// - `token_to_symbol` (which wraps each token into a stack entry) is inlined into LALRPOP's
///   parse loop. Out of line, it returned the entry through memory written in 8-byte pieces
///   that the loop read back in 16-byte pieces, which the processor cannot forward from its
///   store buffer. The lexer adapter's `next` is inlined there for the same reason
///   (src/lexer.rs).
/// - The stack entry `__Symbol` gets a word-sized tag (`#[repr(u64)]`): with a one-byte tag,
///   every copy of an entry moved the seven bytes after it as separate 4-, 2- and 1-byte
///   pieces, which the next 16-byte copy then had to wait for. The entry's size is unchanged
///   (its largest payload was already aligned after a word).
fn patch_generated_parser() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let path = std::path::Path::new(&out).join("grammar.rs");
    let text = std::fs::read_to_string(&path).expect("the generated parser is readable");
    let mut patched = text.clone();
    for (head, mark) in [
        ("fn token_to_symbol(&self", "#[inline(always)]"),
        ("fn __token_to_symbol<", "#[inline(always)]"),
        ("pub(crate) enum __Symbol<", "#[repr(u64)]"),
    ] {
        let marked = format!("{mark} {head}");
        if !patched.contains(&marked) {
            assert!(patched.contains(head), "LALRPOP's parser has no `{head}`");
            patched = patched.replacen(head, &marked, 1);
        }
    }
    patched = pop_without_drop(&patched);
    patched = include_driver(&patched);
    patched = goto_from_driver(&patched);
    let reducers = reducer_table(&patched);
    let reducers_path = std::path::Path::new(&out).join("reducers.rs");
    if std::fs::read_to_string(&reducers_path).ok().as_deref() != Some(reducers.as_str()) {
        std::fs::write(&reducers_path, reducers).expect("OUT_DIR is writable");
    }
    let gotos = pack_goto_table(&patched);
    let gotos_path = std::path::Path::new(&out).join("goto_table.rs");
    if std::fs::read_to_string(&gotos_path).ok().as_deref() != Some(gotos.as_str()) {
        std::fs::write(&gotos_path, gotos).expect("OUT_DIR is writable");
    }
    if patched != text {
        std::fs::write(&path, patched).expect("the generated parser is writable");
    }
}

/// Declares src/driver.rs a module inside LALRPOP's `__parse__Top` module and re-exports its
/// `drive` from the generated module (src/parser.rs calls it). The declaration names the file
/// by its absolute path (`#[path]` takes no macro), so a generated file that already has one
/// gets this checkout's path again: LALRPOP keeps an up-to-date output as it is, and a
/// checkout moved to another directory with the same target directory would otherwise build
/// against the old path.
fn include_driver(text: &str) -> String {
    const MODULE: &str = "mod __parse__Top {\n";
    const DECLARED: &str = "pub(crate) mod driver;";
    const REEXPORT: &str = "\npub(crate) use self::__parse__Top::driver::drive;\n";
    let driver = std::path::Path::new(&std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"))
        .join("src/driver.rs");
    let attribute = format!("    #[path = {:?}]\n", driver.display().to_string());
    if let Some(declared) = text.find(DECLARED) {
        // Its attribute is the line before it.
        let line = text[..declared]
            .rfind("    #[path = ")
            .expect("the declaration's #[path]");
        return format!("{}{attribute}    {}", &text[..line], &text[declared..]);
    }
    let at = text
        .find(MODULE)
        .expect("LALRPOP's generated parser has its `__parse__Top` module")
        + MODULE.len();
    format!(
        "{}{attribute}    {DECLARED}\n{}{REEXPORT}",
        &text[..at],
        &text[at..]
    )
}

/// The stack-entry payloads that are `Copy`: small values (tokens, positions, operators).
const COPY_PAYLOADS: [&str; 11] = [
    "&'a str",
    "Tok<'a>",
    "Option<&'a str>",
    "Option<Tok<'a>>",
    "Pos",
    "(Pos, Pos)",
    "Option<(Pos, Pos)>",
    "u32",
    "UnaryOp",
    "Operator",
    "CmpOp",
];

/// Rewrites the generated `__pop_Variant*` functions whose payload is `Copy` (see
/// [`COPY_PAYLOADS`]) so that popping an entry calls no destructor.
///
/// Each such function pops the stack's last entry and matches it against its variant. With a
/// `Copy` payload the match copies the value out, so the popped entry is still whole and is
/// dropped afterwards: a call of the stack entry's (large, never inlined) destructor for every
/// name, token and operator reduced, which then finds nothing to free. Viewing the popped entry
/// through `ManuallyDrop` and copying the payload out of it removes the call; the only entry
/// left undropped is one of the wrong variant, just before the parser panics on it (which its
/// tables rule out). A payload that is not `Copy` fails the build rather than the parser.
fn pop_without_drop(text: &str) -> String {
    const HEAD: &str = "    fn __pop_Variant";
    const POP: &str = "match __symbols.pop() {";
    const POP_VIEW: &str = "match __symbols.pop().map(core::mem::ManuallyDrop::new).as_deref() {";
    const ARM: &str = "=> (__l, __v, __r),";
    const ARM_COPY: &str = "=> (*__l, *__v, *__r),";
    let mut pieces = text.split(HEAD);
    let mut out = String::with_capacity(text.len() + 4096);
    out.push_str(pieces.next().unwrap_or(""));
    let mut rewritten = 0;
    for piece in pieces {
        out.push_str(HEAD);
        let payload = piece
            .split_once("-> (Pos, ")
            .and_then(|(_, rest)| rest.split_once(", Pos)\n"))
            .map(|(payload, _)| payload);
        let end = piece.find(ARM_COPY).or_else(|| piece.find(ARM));
        match (payload, end) {
            (Some(payload), Some(_)) if COPY_PAYLOADS.contains(&payload) => {
                out.push_str(&piece.replacen(POP, POP_VIEW, 1).replacen(ARM, ARM_COPY, 1));
                rewritten += 1;
            }
            _ => out.push_str(piece),
        }
    }
    assert!(
        rewritten >= 2,
        "LALRPOP's __pop_Variant functions no longer have the shape build.rs rewrites"
    );
    out
}

/// Makes the generated `__reduce` take its next state from the driver's packed goto table
/// (`driver::goto`, see [`pack_goto_table`]) rather than from `__goto`, a `match` on the
/// nonterminal and then on the state: an indirect jump and a chain of comparisons on every
/// reduction, where the table needs two loads. `__goto` stays for LALRPOP's own loop (the
/// error reporter's re-parses).
fn goto_from_driver(text: &str) -> String {
    const CALL: &str = "let __next_state = __goto(__state, __nonterminal);";
    const DRIVER: &str = "let __next_state = driver::goto(__state, __nonterminal);";
    if text.contains(DRIVER) {
        return text.to_string();
    }
    assert!(
        text.contains(CALL),
        "LALRPOP's __reduce no longer ends with `{CALL}`"
    );
    text.replacen(CALL, DRIVER, 1)
}

/// Reads LALRPOP's generated `__goto` (for each nonterminal, a default next state and the
/// states where it differs) and returns the Rust source of the same function as two tables.
///
/// The exceptions are laid over one array by "row displacement": each nonterminal's column
/// (indexed by state) gets an offset, its *base*, where all its exceptions land on free slots,
/// the columns with most exceptions first, each at the lowest base that fits and that no other
/// column has. A slot holds the next state and the state it is for; the goto of state `s` on
/// nonterminal `n` is the slot at `base(n) + s` if that slot is for `s` (the slot at that place
/// for `s` can only be `n`'s, since bases differ), and `n`'s default otherwise.
fn pack_goto_table(text: &str) -> String {
    const START: &str = "    fn __goto(state: i16, nt: usize) -> i16 {\n";
    let body = &text[text.find(START).expect("LALRPOP's parser has its __goto") + START.len()..];
    let body = &body[..body.find("\n    }\n").expect("the end of __goto")];
    let number = |s: &str| -> u32 { s.trim().parse().expect("a number in __goto") };
    // Per nonterminal: its default and its exceptions (state, next state).
    let mut columns: Vec<(u32, Vec<(u32, u32)>)> = Vec::new();
    let mut current: Option<usize> = None;
    for line in body.lines().map(str::trim) {
        if line == "match nt {" || line == "}" || line == "_ => 0," {
            continue;
        }
        if line == "}," {
            current = None;
            continue;
        }
        let (lhs, rhs) = line.split_once(" => ").expect("an arm of __goto");
        let nt = |n: u32, columns: &mut Vec<(u32, Vec<(u32, u32)>)>| {
            let n = n as usize;
            if columns.len() <= n {
                columns.resize(n + 1, (0, Vec::new()));
            }
            n
        };
        match current {
            None if rhs == "match state {" => current = Some(nt(number(lhs), &mut columns)),
            None => {
                let n = nt(number(lhs), &mut columns);
                columns[n].0 = number(rhs.trim_end_matches(','));
            }
            Some(n) => {
                let to = number(rhs.trim_end_matches(','));
                if lhs == "_" {
                    columns[n].0 = to;
                    continue;
                }
                for pattern in lhs.split(" | ") {
                    let (first, last) = match pattern.split_once("..=") {
                        Some((a, b)) => (number(a), number(b)),
                        None => (number(pattern), number(pattern)),
                    };
                    columns[n].1.extend((first..=last).map(|state| (state, to)));
                }
            }
        }
    }

    const FREE: u32 = u32::MAX;
    let mut slots: Vec<u32> = Vec::new();
    // No two columns share a base: a slot is marked with its state only, and the state
    // alone tells the columns apart when their bases differ. A column without exceptions gets
    // a base no other column has, so that no slot is ever taken for one of its own.
    const UNSET: usize = usize::MAX;
    let mut base = vec![UNSET; columns.len()];
    let mut order: Vec<usize> = (0..columns.len())
        .filter(|&n| !columns[n].1.is_empty())
        .collect();
    order.sort_by_key(|&n| (std::cmp::Reverse(columns[n].1.len()), n));
    for n in order {
        let exceptions = &columns[n].1;
        let fits = |b: usize| {
            exceptions
                .iter()
                .all(|&(state, _)| slots.get(b + state as usize).is_none_or(|&s| s == FREE))
        };
        let b = (0..)
            .find(|&b| !base.contains(&b) && fits(b))
            .expect("some base fits");
        for &(state, to) in exceptions {
            let at = b + state as usize;
            if slots.len() <= at {
                slots.resize(at + 1, FREE);
            }
            slots[at] = state << 16 | to;
        }
        base[n] = b;
    }
    let unused = (0..).find(|b| !base.contains(b)).expect("an unused base");
    for b in &mut base {
        if *b == UNSET {
            *b = unused;
        }
    }

    let mut out = String::from(
        "// Generated by build.rs (`pack_goto_table`) from LALRPOP's __goto: do not edit.\n",
    );
    out.push_str(
        "/// Per nonterminal: its default next state (high 16 bits) and its base in [`GOTO_PACKED`].\n",
    );
    out.push_str(&format!("static GOTO_COLUMN: [u32; {}] = [", columns.len()));
    for (n, (default, _)) in columns.iter().enumerate() {
        if n % 8 == 0 {
            out.push_str("\n   ");
        }
        assert!(
            *default <= 0xFFFF && base[n] <= 0xFFFF,
            "goto entries fit 16 bits"
        );
        out.push_str(&format!(" {:#x},", default << 16 | base[n] as u32));
    }
    out.push_str("\n];\n");
    out.push_str(
        "/// The exceptions: the state a slot is for (high 16 bits) and its next state.\n",
    );
    out.push_str(&format!("static GOTO_PACKED: [u32; {}] = [", slots.len()));
    for (i, slot) in slots.iter().enumerate() {
        if i % 8 == 0 {
            out.push_str("\n   ");
        }
        out.push_str(&format!(" {slot:#x},"));
    }
    out.push_str("\n];\n");
    out
}

/// Returns the Rust source of `REDUCERS`, the generated `__reduce{N}` functions in an array
/// indexed by rule, for the parse loop (src/driver.rs) to call directly.
///
/// The generated `__reduce` is a `match` on the rule whose arms call those functions, then
/// goes to the next state; it keeps the accepting rule to itself (the last, whose arm returns
/// the tree), which the loop still hands to `__reduce`. Calling through the array skips that
/// function's frame and the large result (`Option<Result<Mod, ParseError>>`) it passes back
/// through memory on every reduction; the call through a pointer replaces its jump through
/// the `match`'s table.
fn reducer_table(text: &str) -> String {
    const START: &str = "let (__pop_states, __nonterminal) = match __action {\n";
    let mut rest = &text[text.find(START).expect("LALRPOP's __reduce") + START.len()..];
    // The arms come in rule order, each calling its function.
    let mut rules = 0;
    loop {
        let arm = format!(
            "            {rules} => {{\n                __reduce{rules}(ctx, __lookahead_start, __symbols, core::marker::PhantomData::<(&())>)\n            }}\n"
        );
        match rest.strip_prefix(arm.as_str()) {
            Some(after) => rest = after,
            None => break,
        }
        rules += 1;
    }
    assert!(
        rules > 100,
        "LALRPOP's __reduce arms no longer have the shape build.rs reads"
    );
    let mut out = String::from(
        "// Generated by build.rs (`reducer_table`) from LALRPOP's __reduce: do not edit.\n",
    );
    out.push_str(&format!("static REDUCERS: [Reducer; {rules}] = ["));
    for rule in 0..rules {
        if rule % 8 == 0 {
            out.push_str("\n   ");
        }
        out.push_str(&format!(" __reduce{rule},"));
    }
    out.push_str("\n];\n");
    out
}
