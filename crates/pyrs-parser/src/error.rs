//! [`SyntaxError`], the crate's error: CPython's exception class, message and location, and the
//! internal form the grammar's actions raise before positions are turned into characters.

use std::fmt;

use crate::token::Pos;

/// The Python exception class of a [`SyntaxError`].
///
/// Besides `SyntaxError` and its subclasses, CPython's parser gives up on inputs too deeply
/// nested with a `MemoryError` (its parser's stack) or a `RecursionError` (building the tree
/// from too deep a structure); pyrs reports those the same way.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// `SyntaxError`.
    SyntaxError,
    /// `IndentationError` (a subclass of `SyntaxError`).
    IndentationError,
    /// `TabError` (a subclass of `IndentationError`).
    TabError,
    /// `MemoryError`: "Parser stack overflowed - Python source too complex to parse".
    MemoryError,
    /// `RecursionError`: "maximum recursion depth exceeded during ast construction".
    RecursionError,
}

impl ErrorKind {
    /// The exception's class name, as Python prints it.
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::SyntaxError => "SyntaxError",
            ErrorKind::IndentationError => "IndentationError",
            ErrorKind::TabError => "TabError",
            ErrorKind::MemoryError => "MemoryError",
            ErrorKind::RecursionError => "RecursionError",
        }
    }

    /// True for `SyntaxError` and its subclasses, which carry a location.
    pub fn is_syntax_error(self) -> bool {
        matches!(
            self,
            ErrorKind::SyntaxError | ErrorKind::IndentationError | ErrorKind::TabError
        )
    }
}

/// Why a source was rejected, with the fields of CPython's `SyntaxError`.
///
/// `lineno` and `end_lineno` count from 1; `offset` and `end_offset` count characters from 1,
/// as CPython's do (CPython uses 0 and -1 in a few messages to mean "no end"; they are kept).
/// `text` is the source line the error is on, newline included, when there is one.
///
/// ```
/// let err = pyrs_parser::parse("x = (1,\n", pyrs_parser::Mode::Exec).unwrap_err();
/// assert_eq!(err.kind.name(), "SyntaxError");
/// assert_eq!(err.msg, "'(' was never closed");
/// assert_eq!((err.lineno, err.offset), (1, 5));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// The exception class.
    pub kind: ErrorKind,
    /// The message, e.g. `expected ':'`.
    pub msg: String,
    /// Line of the start of the error, from 1 (0 when the error has no location).
    pub lineno: u32,
    /// Column of the start, in characters from 1.
    pub offset: i32,
    /// Line of the end.
    pub end_lineno: u32,
    /// Column just after the end, in characters from 1.
    pub end_offset: i32,
    /// The source line, when the error has one.
    pub text: Option<String>,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.kind.is_syntax_error() {
            write!(
                f,
                "{}: {} (line {}, offset {})",
                self.kind.name(),
                self.msg,
                self.lineno,
                self.offset
            )
        } else {
            write!(f, "{}: {}", self.kind.name(), self.msg)
        }
    }
}

impl std::error::Error for SyntaxError {}

/// Where an internal error is: byte positions (turned into characters at the end), or
/// CPython's numbers as they are (the tokenizer's, which are already in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Span {
    /// From `start` to `end`.
    Range(Pos, Pos),
    /// From `start`; `end_offset` is given as is (0 or -1).
    Open(Pos, i32),
    /// Ready-made (lineno, offset, end_lineno, end_offset).
    Raw(u32, i32, u32, i32),
    /// No location (MemoryError, RecursionError).
    None,
}

/// An error as the grammar's actions and the error reporter raise it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Error {
    pub(crate) kind: ErrorKind,
    pub(crate) msg: String,
    pub(crate) span: Span,
}

/// Errors travel boxed, so that `Result`s in the parser stay small.
pub(crate) type PResult<T> = Result<T, Box<Error>>;

impl Error {
    /// A `SyntaxError` covering `start..end`.
    pub(crate) fn at(start: Pos, end: Pos, msg: impl Into<String>) -> Box<Error> {
        Box::new(Error {
            kind: ErrorKind::SyntaxError,
            msg: msg.into(),
            span: Span::Range(start, end),
        })
    }

    /// The marker the lexer adapter gives when it reaches the tokenizer's error; the error
    /// reporter replaces it with that error.
    pub(crate) fn stop() -> Box<Error> {
        Box::new(Error {
            kind: ErrorKind::SyntaxError,
            msg: String::new(),
            span: Span::None,
        })
    }

    /// Turns byte positions into CPython's character offsets, and adds the line's text.
    pub(crate) fn finish(&self, src: &str) -> SyntaxError {
        let (lineno, offset, end_lineno, end_offset) = match self.span {
            Span::Range(s, e) => (
                s.line,
                char_offset(src, s) as i32,
                e.line,
                char_offset(src, e) as i32,
            ),
            Span::Open(s, end) => (s.line, char_offset(src, s) as i32, s.line, end),
            Span::Raw(l, o, el, eo) => (l, o, el, eo),
            Span::None => {
                return SyntaxError {
                    kind: self.kind,
                    msg: self.msg.clone(),
                    lineno: 0,
                    offset: 0,
                    end_lineno: 0,
                    end_offset: 0,
                    text: None,
                }
            }
        };
        SyntaxError {
            kind: self.kind,
            msg: self.msg.clone(),
            lineno,
            offset,
            end_lineno,
            end_offset,
            text: line_text(src, lineno).map(|line| {
                // The tokenizer ends the last line with a newline when the source does not.
                let mut line = line.to_owned();
                if !line.ends_with('\n') {
                    line.push('\n');
                }
                line
            }),
        }
    }
}

/// The start of line `line` (from 1) in `src`, if the source has that line.
pub(crate) fn line_start(src: &str, line: u32) -> Option<usize> {
    if line == 0 {
        return None;
    }
    let mut start = 0;
    for _ in 1..line {
        start += src[start..].find('\n')? + 1;
    }
    Some(start)
}

/// The text of line `line`, newline included.
pub(crate) fn line_text(src: &str, line: u32) -> Option<&str> {
    let start = line_start(src, line)?;
    if start >= src.len() && line > 1 {
        return None;
    }
    let end = src[start..].find('\n').map_or(src.len(), |i| start + i + 1);
    Some(&src[start..end])
}

/// The 1-based character column of a byte position (CPython's `offset`).
pub(crate) fn char_offset(src: &str, p: Pos) -> u32 {
    if let Some(start) = line_start(src, p.line) {
        if let Some(text) = src.get(start..start + p.col as usize) {
            return text.chars().count() as u32 + 1;
        }
    }
    p.col + 1
}
