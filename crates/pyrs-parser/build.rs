//! Generates the LALR(1) parser from src/grammar.lalrpop into OUT_DIR at build time, and
//! patches two of its items for speed (`patch_generated_parser`).

fn main() {
    lalrpop::Configuration::new()
        .use_cargo_dir_conventions()
        .emit_rerun_directives(true)
        .process()
        .expect("the grammar must generate");
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
    if patched != text {
        std::fs::write(&path, patched).expect("the generated parser is writable");
    }
}
