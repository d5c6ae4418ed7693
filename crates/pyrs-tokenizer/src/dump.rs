//! The text `python3.13 -m tokenize FILE` prints: one line per token, then the error line (on
//! standard error) CPython's `tokenize` module prints when the source is rejected.

use crate::error::{ErrorCode, TokenizeError};
use crate::repr::write_str_repr;
use crate::tokenizer::{count_chars, Config, Tokenizer};
use crate::{decode, Token, TokenKind};
use std::fmt::Write;

/// What `python -m tokenize` would print for one input.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dump {
    /// Standard output: one line per token.
    pub stdout: String,
    /// Standard error (one line, with its newline) when the input is rejected; the exit status
    /// is then 1.
    pub stderr: Option<String>,
}

/// Tokenizes the bytes of file `filename` as `python -m tokenize FILE` does: an ENCODING token
/// first, and nothing on standard output when the file is rejected (the reference reads all
/// tokens before it prints any).
///
/// ```
/// let dump = pyrs_tokenizer::dump::dump_file(b"pass\n", "x.py");
/// assert_eq!(dump.stdout.lines().nth(1), Some("1,0-1,4:            NAME           'pass'         "));
/// assert!(dump.stderr.is_none());
/// ```
pub fn dump_file(bytes: &[u8], filename: &str) -> Dump {
    let source = match decode(bytes, Some(filename)) {
        Ok(source) => source,
        Err(err) => {
            return Dump {
                stdout: String::new(),
                stderr: Some(format!("{filename}: error: {err}\n")),
            }
        }
    };
    let mut out = String::with_capacity(source.text.len() * 4);
    write_line(
        &mut out,
        TokenKind::Encoding,
        (0, 0),
        (0, 0),
        &source.encoding,
    );
    match write_tokens(&mut out, &source.text) {
        Ok(()) => Dump {
            stdout: out,
            stderr: None,
        },
        Err(err) => Dump {
            stdout: String::new(),
            stderr: Some(error_line(filename, &err)),
        },
    }
}

/// Tokenizes text read from standard input as `python -m tokenize` does with no file: no
/// ENCODING token, and the tokens before an error are printed.
pub fn dump_stdin(bytes: &[u8]) -> Dump {
    let text = String::from_utf8_lossy(bytes);
    let mut out = String::new();
    match write_tokens(&mut out, &text) {
        Ok(()) => Dump {
            stdout: out,
            stderr: None,
        },
        Err(err) => Dump {
            stdout: out,
            stderr: Some(error_line("<stdin>", &err)),
        },
    }
}

/// The line `tokenize` prints for a rejected file: `FILE:LINE:COL: error: MESSAGE`.
fn error_line(filename: &str, err: &TokenizeError) -> String {
    let message = match err.code {
        // The tokenize module renames this one for compatibility with its older self.
        ErrorCode::Syntax
            if err
                .message
                .contains("unterminated triple-quoted string literal") =>
        {
            "EOF in multi-line string"
        }
        _ => &err.message,
    };
    format!(
        "{filename}:{}:{}: error: {message}\n",
        err.lineno, err.offset
    )
}

/// Converts byte columns to character columns, remembering where it last counted so that a
/// long line is walked once, not once per token.
struct Columns<'a> {
    text: &'a [u8],
    ascii: bool,
    /// A byte offset whose character column is known, and that column.
    at: usize,
    col: u32,
    /// The line start `at` belongs to.
    line_start: usize,
}

impl Columns<'_> {
    fn char_col(&mut self, offset: usize, byte_col: u32) -> u32 {
        if self.ascii {
            return byte_col;
        }
        let line_start = offset - byte_col as usize;
        if line_start != self.line_start || offset < self.at {
            self.line_start = line_start;
            self.at = line_start;
            self.col = 0;
        }
        let end = offset.min(self.text.len());
        if end > self.at {
            self.col += count_chars(&self.text[self.at..end]);
        }
        self.at = offset;
        self.col + (offset - end) as u32
    }
}

fn write_tokens(out: &mut String, text: &str) -> Result<(), TokenizeError> {
    let mut columns = Columns {
        text: text.as_bytes(),
        ascii: text.is_ascii(),
        at: 0,
        col: 0,
        line_start: 0,
    };
    let tokens = Tokenizer::new(text, Config::TOKENIZE_MODULE);
    let implicit = tokens.has_implicit_newline();
    for token in tokens {
        let token: Token = token?;
        let (start, end) = (token.start as usize, token.end as usize);
        let mut value = &text[start..end];
        let start_col = columns.char_col(start, token.start_pos.col);
        let mut end_col = columns.char_col(end, token.end_pos.col);
        if matches!(token.kind, TokenKind::Newline | TokenKind::Nl) && implicit && end == text.len()
        {
            // The newline CPython supplies at the end of a file without one: NL shows as empty,
            // NEWLINE as what precedes the supplied newline (empty, or a lone `\r`).
            end_col += 1;
            if token.kind == TokenKind::Nl {
                value = "";
            }
        }
        write_line(
            out,
            token.kind.generic(),
            (token.start_pos.line, start_col),
            (token.end_pos.line, end_col),
            value,
        );
    }
    Ok(())
}

/// `"%-20s%-15s%-15r" % (range, name, string)`.
fn write_line(out: &mut String, kind: TokenKind, start: (u32, u32), end: (u32, u32), value: &str) {
    let mark = out.len();
    let _ = write!(out, "{},{}-{},{}:", start.0, start.1, end.0, end.1);
    pad(out, mark, 20);
    let mark = out.len();
    out.push_str(kind.name());
    pad(out, mark, 15);
    let repr_start = out.len();
    write_str_repr(out, value);
    let width = count_chars(&out.as_bytes()[repr_start..]) as usize;
    for _ in width..15 {
        out.push(' ');
    }
    out.push('\n');
}

/// Pads what was written since `from` with spaces to `width` characters (all ASCII here).
fn pad(out: &mut String, from: usize, width: usize) {
    while out.len() - from < width {
        out.push(' ');
    }
}
