//! Tokenizer errors: CPython's exception type, message and location for each way source can be
//! rejected before parsing.

use std::fmt;

/// Which of CPython's error paths produced a [`TokenizeError`]; it decides the exception type
/// and how the location is measured.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// A `SyntaxError` raised at the point of the problem (bad literal, unterminated string…).
    Syntax,
    /// Input ended inside brackets or after a backslash (`E_EOF`).
    Eof,
    /// A dedent to a column that matches no outer indentation level (`E_DEDENT`).
    Dedent,
    /// Tabs and spaces mixed inconsistently in indentation (`E_TABSPACE`).
    TabSpace,
    /// More than 100 indentation levels (`E_TOODEEP`).
    TooDeep,
    /// Something other than a newline after a line-continuation backslash (`E_LINECONT`).
    LineContinuation,
}

impl ErrorCode {
    /// The fixed message CPython gives for the codes that have one.
    pub const fn message(self) -> &'static str {
        match self {
            ErrorCode::Syntax => "invalid syntax",
            ErrorCode::Eof => "unexpected EOF in multi-line statement",
            ErrorCode::Dedent => "unindent does not match any outer indentation level",
            ErrorCode::TabSpace => "inconsistent use of tabs and spaces in indentation",
            ErrorCode::TooDeep => "too many levels of indentation",
            ErrorCode::LineContinuation => "unexpected character after line continuation character",
        }
    }

    /// The Python exception class CPython raises: `SyntaxError`, `IndentationError` or `TabError`.
    pub const fn exception(self) -> &'static str {
        match self {
            ErrorCode::Dedent | ErrorCode::TooDeep => "IndentationError",
            ErrorCode::TabSpace => "TabError",
            _ => "SyntaxError",
        }
    }
}

/// Why source text could not be tokenized, located as CPython locates it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenizeError {
    /// The error path, which gives the exception type.
    pub code: ErrorCode,
    /// CPython's message, e.g. `unterminated string literal (detected at line 3)`.
    pub message: String,
    /// 1-based line number.
    pub lineno: u32,
    /// The column CPython's `SyntaxError.offset` holds (in characters).
    pub offset: u32,
}

impl fmt::Display for TokenizeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} (line {}, offset {})",
            self.code.exception(),
            self.message,
            self.lineno,
            self.offset
        )
    }
}

impl std::error::Error for TokenizeError {}
