//! Inputs meant to break a tokenizer: each must end in tokens or a clean error, never a panic,
//! a hang or a stack overflow, in both the `tokenize`-module and the parser configuration.

use pyrs_tokenizer::{decode, dump::dump_file, Config, Token, TokenKind, TokenizeError, Tokenizer};

/// Tokenizes `source` in both configurations and checks the invariants every token stream
/// keeps; returns the `tokenize`-module result.
fn run(source: &str) -> Result<Vec<Token>, TokenizeError> {
    let mut first = None;
    for config in [Config::TOKENIZE_MODULE, Config::PARSER] {
        let mut tokens = Vec::new();
        let mut error = None;
        // Every token consumes input or is one of the zero-width kinds, so the count is bounded.
        let bound = 3 * source.len() + 200;
        for token in Tokenizer::new(source, config) {
            match token {
                Ok(token) => tokens.push(token),
                Err(err) => {
                    error = Some(err);
                    break;
                }
            }
            assert!(
                tokens.len() <= bound,
                "runaway token stream on {:?}",
                &source[..source.len().min(80)]
            );
        }
        for pair in tokens.windows(2) {
            assert!(
                pair[0].start <= pair[1].start,
                "tokens out of order: {pair:?}"
            );
        }
        for token in &tokens {
            assert!(token.start <= token.end, "{token:?}");
            assert!(
                source.is_char_boundary(token.start as usize),
                "{token:?} splits a character"
            );
            assert!(
                source.is_char_boundary(token.end as usize),
                "{token:?} splits a character"
            );
            assert!(token.start_pos <= token.end_pos, "{token:?}");
        }
        if error.is_none() {
            assert_eq!(tokens.last().map(|t| t.kind), Some(TokenKind::EndMarker));
        }
        if first.is_none() {
            first = Some(match error {
                Some(err) => Err(err),
                None => Ok(tokens),
            });
        }
    }
    first.expect("ran once")
}

fn error_message(source: &str) -> String {
    match run(source) {
        Err(err) => err.message,
        Ok(_) => panic!(
            "expected an error for {:?}",
            &source[..source.len().min(80)]
        ),
    }
}

#[test]
fn invalid_utf8_is_replaced_after_the_first_two_lines() {
    let bytes = b"x = 1\ny = 2\ns = '\xff\xfe'\n\xc3\n";
    let source = decode(bytes, None).expect("only the first two lines must be UTF-8");
    assert!(source.text.contains('\u{fffd}'));
    run(&source.text).expect("replacement characters tokenize");
    // In the first line, invalid UTF-8 is an encoding error.
    assert!(decode(b"\xff = 1\n", None).is_err());
    let dump = dump_file(b"\xc0\xc1\xf5\xff\n", "bad.py");
    assert!(dump
        .stderr
        .is_some_and(|e| e.contains("invalid or missing encoding declaration")));
}

#[test]
fn null_bytes_are_rejected() {
    assert_eq!(
        error_message("x = 1\ny = '\0'\n"),
        "source code cannot contain null bytes"
    );
    assert_eq!(error_message("\0"), "source code cannot contain null bytes");
}

#[test]
fn unterminated_strings_of_every_kind() {
    for source in [
        "'abc",
        "\"abc\n",
        "'''abc",
        "b\"\"\"abc\n\n",
        "f'abc",
        "f'''{x}",
        "rb'\\'",
        "f'{x!r:{y}",
    ] {
        let message = error_message(source);
        assert!(
            message.contains("unterminated")
                || message.contains("expecting")
                || message.contains("EOF"),
            "{source:?}: {message}"
        );
    }
}

#[test]
fn a_thousand_nested_brackets_hit_the_nesting_limit() {
    let source = format!("x = {}{}\n", "(".repeat(1000), ")".repeat(1000));
    assert_eq!(error_message(&source), "too many nested parentheses");
    let source = format!("x = {}{}\n", "[".repeat(199), "]".repeat(199));
    run(&source).expect("199 levels are allowed");
}

#[test]
fn deeply_nested_fstrings_hit_the_nesting_limit() {
    let depth = 100_000;
    let source = format!("x = {}1{}\n", "f'{".repeat(depth), "}'".repeat(depth));
    let message = error_message(&source);
    assert!(message.contains("too many nested"), "{message}");
}

#[test]
fn deep_indentation_hits_the_limit() {
    let mut source = String::new();
    for level in 0..150 {
        source.push_str(&" ".repeat(level));
        source.push_str("if x:\n");
    }
    source.push_str(&" ".repeat(150));
    source.push_str("pass\n");
    assert_eq!(error_message(&source), "too many levels of indentation");
}

#[test]
fn a_ten_megabyte_line() {
    let terms = 2_500_000;
    let mut source = String::with_capacity(4 * terms + 16);
    source.push_str("x = ");
    for _ in 0..terms {
        source.push_str("ab+");
    }
    source.push_str("c\n");
    assert!(source.len() > 7_500_000);
    let tokens = run(&source).expect("a long line is fine");
    // x, =, then `ab +` per term, c, NEWLINE, ENDMARKER.
    assert_eq!(tokens.len(), 2 + 2 * terms + 3);
    let dump = dump_file(
        format!("s = '{}'\n", "é".repeat(1_000_000)).as_bytes(),
        "long.py",
    );
    assert!(dump.stderr.is_none());
}

#[test]
fn random_bytes_never_panic() {
    const ALPHABET: &[u8] =
        b"\"'fFrRbBuU{}()[]:!=#\\\n\r\t \x0c0123456789.xXoOjJeE_+-*/<>@a\xc3\xa9\x00\x01";
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..3000 {
        let len = (next() % 60) as usize;
        let bytes: Vec<u8> = (0..len)
            .map(|_| ALPHABET[(next() % ALPHABET.len() as u64) as usize])
            .collect();
        let _ = dump_file(&bytes, "random.py");
        if let Ok(source) = decode(&bytes, None) {
            let _ = run(&source.text);
        }
    }
}
