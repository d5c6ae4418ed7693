//! Generates the LALR(1) parser from src/grammar.lalrpop into OUT_DIR at build time, and
//! marks one of its functions for inlining (`inline_token_to_symbol`).

fn main() {
    lalrpop::Configuration::new()
        .use_cargo_dir_conventions()
        .emit_rerun_directives(true)
        .process()
        .expect("the grammar must generate");
    inline_token_to_symbol();
}

/// Marks the generated parser's `token_to_symbol` (which wraps each token into a stack
/// entry on every shift) for inlining into LALRPOP's parse loop. Out of line, it returns the
/// entry through memory written in 8-byte pieces that the loop reads back in 16-byte pieces,
/// which the processor cannot forward from its store buffer: a stall on every token. The
/// lexer adapter's `next` is inlined there for the same reason (src/lexer.rs).
fn inline_token_to_symbol() {
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let path = std::path::Path::new(&out).join("grammar.rs");
    let text = std::fs::read_to_string(&path).expect("the generated parser is readable");
    let mut patched = text.clone();
    for head in ["fn token_to_symbol(&self", "fn __token_to_symbol<"] {
        let marked = format!("#[inline(always)] {head}");
        if !patched.contains(&marked) {
            assert!(patched.contains(head), "LALRPOP's parser has no `{head}`");
            patched = patched.replacen(head, &marked, 1);
        }
    }
    if patched != text {
        std::fs::write(&path, patched).expect("the generated parser is writable");
    }
}
