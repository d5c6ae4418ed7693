//! The two views of the tokenizer agree: on valid source, the parser's tokens are the
//! `tokenize` module's tokens without COMMENT and NL (a NEWLINE that ends a comment starts at
//! the comment in the parser's view, as in CPython, so only its kind is compared).
//!
//! Runs over the accepted fixtures, and over every `.py` file under `$PYRS_VIEWS_CORPUS` when
//! that is set (for example the reference's `lib/python3.13`).

use pyrs_tokenizer::{decode, Config, Token, TokenKind, Tokenizer};
use std::path::{Path, PathBuf};

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "py") {
            files.push(path);
        }
    }
}

/// (kind, start) of each token, with NEWLINE's start blanked.
fn shape(tokens: &[Token]) -> Vec<(TokenKind, u32)> {
    tokens
        .iter()
        .map(|t| {
            (
                t.kind,
                if t.kind == TokenKind::Newline {
                    0
                } else {
                    t.start
                },
            )
        })
        .collect()
}

fn check(path: &Path) {
    let Ok(bytes) = std::fs::read(path) else {
        return;
    };
    let Ok(source) = decode(&bytes, None) else {
        return;
    };
    let module: Result<Vec<Token>, _> =
        Tokenizer::new(&source.text, Config::TOKENIZE_MODULE).collect();
    let parser: Result<Vec<Token>, _> = Tokenizer::new(&source.text, Config::PARSER).collect();
    let (Ok(module), Ok(parser)) = (module, parser) else {
        // Invalid source: the views may legitimately reject it at different points.
        return;
    };
    let filtered: Vec<Token> = module
        .into_iter()
        .filter(|t| !matches!(t.kind, TokenKind::Comment | TokenKind::Nl))
        .collect();
    assert_eq!(shape(&filtered), shape(&parser), "{}", path.display());
}

#[test]
fn parser_view_is_the_module_view_without_comments_and_nl() {
    let mut files = Vec::new();
    collect(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/tokenizer/ok"),
        &mut files,
    );
    assert!(!files.is_empty());
    if let Some(dir) = std::env::var_os("PYRS_VIEWS_CORPUS") {
        collect(Path::new(&dir), &mut files);
    }
    for file in &files {
        check(file);
    }
}
