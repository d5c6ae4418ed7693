//! What went wrong where parsing stopped: CPython's specialised messages (the `invalid_*`
//! rules of Grammar/python.gram) recognised from the tokens around the failure, and the
//! generic "invalid syntax" otherwise.

use pyrs_tokenizer::TokenKind;

use crate::error::{Error, ErrorKind, Span};
use crate::lexer::Tokens;
use crate::Mode;

/// The error for a parse that stopped at token `at`.
pub(crate) fn syntax_error(tokens: &Tokens<'_>, at: usize, _mode: Mode) -> Box<Error> {
    let Some(tok) = tokens.toks.get(at) else {
        return Error::at(Default::default(), Default::default(), "invalid syntax");
    };
    let (l, r) = tokens.span(at);
    match tok.kind {
        TokenKind::Indent | TokenKind::Dedent => {
            let msg = if tok.kind == TokenKind::Indent {
                "unexpected indent"
            } else {
                "unexpected unindent"
            };
            // CPython has no column for these tokens and reports where its tokenizer is: just
            // after the indentation.
            let line = r.line;
            let src = tokens.src;
            let start = crate::error::line_start(src, line).unwrap_or(src.len());
            let text = &src[start..];
            let width = text
                .chars()
                .take_while(|c| matches!(c, ' ' | '\t' | '\x0c'))
                .count() as i32;
            Box::new(Error {
                kind: ErrorKind::IndentationError,
                msg: msg.into(),
                span: Span::Raw(line, width, line, -1),
            })
        }
        _ => Error::at(l, r, "invalid syntax"),
    }
}
