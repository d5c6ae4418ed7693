//! pyrs-tokenizer: the first stage of pyrs, Python 3.13 source to tokens.
//!
//! **Input**: the bytes of a source file ([`decode`] applies the UTF-8 byte-order mark and
//! PEP 263 encoding declarations), or text already decoded.
//! **Output**: the tokens of CPython 3.13's tokenizer (Parser/lexer/lexer.c), each with its
//! [`TokenKind`] (CPython's exact type and number), its byte offsets in the text, and its start
//! and end as (line, column) — or a [`TokenizeError`] with CPython's message and location.
//!
//! Two views of one tokenizer, chosen with [`Config`]:
//! - [`Config::TOKENIZE_MODULE`] is what Python's `tokenize` module reports: COMMENT and NL
//!   tokens included, numbers and identifiers not checked. [`dump::dump_file`] prints it exactly
//!   as `python3.13 -m tokenize FILE` does (`pyrs --dump tokens FILE`).
//! - [`Config::PARSER`] is what the parser reads: no comments or NL, and CPython's lexical
//!   errors (`invalid decimal literal`, `unmatched ')'`, `invalid character '€' (U+20AC)`…).
//!
//! ```
//! use pyrs_tokenizer::{tokenize, TokenKind};
//! let source = "if x:\n    y = f'{x!r:>10}'  # note\n";
//! let kinds: Vec<&str> = tokenize(source).map(|t| t.unwrap().kind.name()).collect();
//! assert_eq!(kinds[..4], ["NAME", "NAME", "COLON", "NEWLINE"]);
//! assert!(kinds.contains(&"FSTRING_MIDDLE") && kinds.contains(&"COMMENT"));
//! ```
//!
//! **Invariants**
//! - No input makes the tokenizer panic, loop forever or recurse: bad input is a
//!   [`TokenizeError`], and bracket, indentation and f-string nesting are bounded by CPython's
//!   own limits (200, 100 and 150).
//! - Producing a token allocates nothing: tokens are `Copy` values holding offsets into the text.
//! - A source without a final newline behaves as if it had one, as in CPython; the NEWLINE (or
//!   NL) token standing for it is empty.
//!
//! **How**: a [logos](https://docs.rs/logos) automaton ([`lexer`]) recognises operators, names
//! and the openings of numbers, strings and f-strings; a hand-written state machine around it
//! handles what needs state — indentation, brackets, string bodies, the f-string modes of
//! PEP 701 — following CPython's decisions one by one so that positions and errors match. A
//! fast path in front of both takes the tokens that need no context (ASCII names, delimiters,
//! newlines at an unchanged indentation: four tokens in five), because profiling showed that
//! entering the automaton for each of them cost twice the rest of the work.
//!
//! **Not here**: keywords are NAME tokens (the parser knows them); string escapes are not
//! decoded (the parser does that); warnings CPython emits while tokenizing (invalid escape
//! sequences, `1if`) are not produced.
//!
//! **Dependencies**: logos (the token automaton), memchr (vectorised search for the end of
//! string bodies, comments and lines: several times faster than a byte loop on long docstrings)
//! and unicode-normalization (NFKC for identifiers, a table-driven algorithm not worth writing
//! by hand). Unicode character
//! properties come from CPython's own database, generated into `unicode_tables.rs`.
//!
//! **Speed**: the crate's criterion benchmark decodes and tokenizes every `.py` file of
//! CPython 3.13's standard library (1,726 files, 33 MB); `cargo xtask bench tokens` runs it and,
//! in the same session, CPython 3.13's `tokenize` module over the same files in one process.
//! Measured on a 2-core machine: **pyrs 523 MB/s, CPython 9.5 MB/s, 54.8 times faster**.
//! Absolute figures drift between machines; the ratio is the measure.

mod codec_tables;
pub mod dump;
mod error;
mod lexer;
pub mod repr;
mod source;
mod token;
mod tokenizer;
pub mod unicode;
mod unicode_tables;

pub use error::{ErrorCode, TokenizeError};
pub use source::{decode, EncodingError, SourceText};
pub use token::TokenKind;
pub use tokenizer::{Config, Tokenizer};

/// A line and column: the line 1-based, the column a 0-based byte offset within the line
/// (CPython's AST counts columns in UTF-8 bytes; [`dump`] converts to characters as the
/// `tokenize` module does).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Position {
    /// 1-based line number.
    pub line: u32,
    /// 0-based byte offset from the start of the line.
    pub col: u32,
}

/// One token: its kind and where it is. The text is `&source[start..end]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Token {
    /// The exact kind (`LPAR`, not `OP`).
    pub kind: TokenKind,
    /// Byte offset of the first byte of the token in the source text.
    pub start: u32,
    /// Byte offset just after the token.
    pub end: u32,
    /// Where the token starts.
    pub start_pos: Position,
    /// Where the token ends (exclusive).
    pub end_pos: Position,
}

impl Token {
    /// The token's text in `source` (the text it was produced from).
    pub fn text<'s>(&self, source: &'s str) -> &'s str {
        source
            .get(self.start as usize..self.end as usize)
            .unwrap_or("")
    }
}

/// Tokenizes `source` as Python's `tokenize` module does ([`Config::TOKENIZE_MODULE`]).
///
/// ```
/// let tokens: Vec<_> = pyrs_tokenizer::tokenize("x = 1\n").collect::<Result<_, _>>().unwrap();
/// assert_eq!(tokens[0].text("x = 1\n"), "x");
/// assert_eq!(tokens.len(), 5); // NAME OP NUMBER NEWLINE ENDMARKER
/// ```
pub fn tokenize(source: &str) -> Tokenizer<'_> {
    Tokenizer::new(source, Config::TOKENIZE_MODULE)
}
