//! Generates the LALR(1) parser from src/grammar.lalrpop into OUT_DIR at build time, puts the
//! crate's own parse loop (src/driver.rs) inside the generated module, next to the tables and
//! reductions it drives (which LALRPOP keeps private to that module), and patches some of the
//! generated items for speed (`patch_generated_parser`, `pop_without_drop`).

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
