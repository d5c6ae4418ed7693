//! Running the generated parser: tokens in, a tree or one error out. [`report`] is the one
//! place where LALRPOP's errors become CPython's syntax errors.

use lalrpop_util::ParseError;
use pyrs_ast::{Mod, ModModule, TypeIgnore};
use pyrs_tokenizer::{ErrorCode, TokenKind, TokenizeError};

use crate::diagnose;
use crate::error::{Error, ErrorKind, Span};
use crate::grammar_support::Ctx;
use crate::lexer::{Lexer, Tokens};
use crate::token::{Pos, Tok};
use crate::Mode;

#[allow(clippy::all, clippy::pedantic, unreachable_pub, missing_docs, unused)]
mod generated {
    lalrpop_util::lalrpop_mod!(pub(crate) grammar);
}

/// Parses decoded source text, with or without type comments.
pub(crate) fn parse_text(src: &str, mode: Mode, type_comments: bool) -> Result<Mod, Box<Error>> {
    let tokens = Tokens::read(src, type_comments);
    let start = match mode {
        Mode::Exec => Tok::StartModule,
        Mode::Eval => Tok::StartExpression,
        Mode::Single => Tok::StartInteractive,
        Mode::FuncType => Tok::StartFuncType,
    };
    let ctx = Ctx::new(src);
    let mut lexer = Lexer::new(&tokens, &ctx, start);
    let result = generated::grammar::drive(&ctx, &mut lexer);
    if let Some((error, last)) = ctx.take_error() {
        return Err(report(ParseError::User { error }, &tokens, last, mode));
    }
    match result {
        Ok(Mod::Module(mut m)) => {
            let ModModule { type_ignores, .. } = &mut *m;
            *type_ignores = tokens
                .type_ignores
                .iter()
                .map(|&(line, tag)| TypeIgnore {
                    lineno: line as i32,
                    tag: tag.into(),
                })
                .collect();
            Ok(Mod::Module(m))
        }
        Ok(m) => Ok(m),
        Err(err) => Err(report(err, &tokens, ctx.last.get(), mode)),
    }
}

/// Runs the generated parser over ready-made tokens (the error reporter's re-parses).
pub(crate) fn parse_tokens<'a>(
    ctx: &Ctx<'a>,
    tokens: Vec<Result<(Pos, Tok<'a>, Pos), Box<Error>>>,
) -> Result<Mod, ParseError<Pos, Tok<'a>, Box<Error>>> {
    let result = generated::grammar::TopParser::new().parse(ctx, tokens);
    match ctx.take_error() {
        Some((error, _)) => Err(ParseError::User { error }),
        None => result,
    }
}

/// Turns a failed parse into the error CPython reports for the same source.
///
/// CPython's order of precedence: an error raised while building the tree that is not a
/// syntax error (too deep a structure) stands; a tokenizer error anywhere in the source wins
/// over a syntax error found before it (unless that tokenizer error is inside an f-string);
/// otherwise the specialised messages of the grammar's `invalid_*` rules (see [`diagnose`]),
/// and failing those "invalid syntax" at the token where parsing stopped — or "'(' was never
/// closed" when a bracket opened on an earlier line is still open at the end of the source.
pub(crate) fn report(
    err: ParseError<Pos, Tok<'_>, Box<Error>>,
    tokens: &Tokens<'_>,
    last: usize,
    mode: Mode,
) -> Box<Error> {
    let primary = match err {
        ParseError::User { error } => {
            if error.msg.is_empty() && error.span == Span::None {
                // The lexer adapter reached the tokenizer's error.
                return tokenizer_error(tokens);
            }
            if !error.kind.is_syntax_error() {
                return error;
            }
            error
        }
        ParseError::UnrecognizedToken { expected, .. } => diagnose::syntax_error(
            tokens,
            last.min(tokens.toks.len().saturating_sub(1)),
            mode,
            &expected,
        ),
        ParseError::ExtraToken { .. } => diagnose::syntax_error(
            tokens,
            last.min(tokens.toks.len().saturating_sub(1)),
            mode,
            &[],
        ),
        ParseError::UnrecognizedEof { location, .. } | ParseError::InvalidToken { location } => {
            Error::at(location, location, "invalid syntax")
        }
    };
    if let Some((terr, in_fstring)) = &tokens.error {
        if terr.code == ErrorCode::Syntax && !in_fstring {
            return from_tokenizer(terr, tokens.src);
        }
        if terr.code == ErrorCode::Eof {
            if let Some(open) = innermost_unclosed(tokens) {
                // CPython compares with the line of the last token it read.
                let line = if tokens.toks.is_empty() {
                    error_line(&primary)
                } else {
                    tokens.span(last.min(tokens.toks.len() - 1)).0.line
                };
                if open.line < line {
                    return never_closed(tokens, open);
                }
            }
        }
    }
    primary
}

fn error_line(e: &Error) -> u32 {
    match e.span {
        Span::Range(s, _) | Span::Open(s, _) => s.line,
        Span::Raw(l, ..) => l,
        Span::None => 0,
    }
}

/// The tokenizer's error, as the parser reports it when it reaches it.
fn tokenizer_error(tokens: &Tokens<'_>) -> Box<Error> {
    let Some((terr, _)) = &tokens.error else {
        return Box::new(Error {
            kind: ErrorKind::SyntaxError,
            msg: "invalid syntax".into(),
            span: Span::None,
        });
    };
    if terr.code == ErrorCode::Eof {
        if let Some(open) = innermost_unclosed(tokens) {
            return never_closed(tokens, open);
        }
        let offset = backslash_offset(tokens.src, terr.lineno).unwrap_or(terr.offset as i32);
        return Box::new(Error {
            kind: ErrorKind::SyntaxError,
            msg: "unexpected EOF while parsing".into(),
            span: Span::Raw(terr.lineno, offset, terr.lineno, -1),
        });
    }
    from_tokenizer(terr, tokens.src)
}

/// For an error after a line-continuation backslash, CPython's column: just after the
/// character that follows the backslash (1-based), on the backslash's line.
fn backslash_offset(src: &str, line: u32) -> Option<i32> {
    let text = crate::error::line_text(src, line)?;
    let chars: Vec<char> = text.chars().collect();
    let i = chars.iter().rposition(|&c| c == '\\')?;
    Some(i as i32 + 2)
}

fn from_tokenizer(terr: &TokenizeError, src: &str) -> Box<Error> {
    let kind = match terr.code.exception() {
        "IndentationError" => ErrorKind::IndentationError,
        "TabError" => ErrorKind::TabError,
        _ => ErrorKind::SyntaxError,
    };
    let (mut offset, mut end) = match terr.code {
        ErrorCode::Syntax => (terr.offset as i32, terr.offset as i32),
        _ => (terr.offset as i32, -1),
    };
    if matches!(terr.code, ErrorCode::TabSpace | ErrorCode::TooDeep) {
        // No column: CPython reports the start of the line.
        offset = 1;
        end = 0;
    }
    if terr.code == ErrorCode::LineContinuation {
        offset = backslash_offset(src, terr.lineno).unwrap_or(offset);
        end = 0;
    }
    if terr
        .message
        .starts_with("leading zeros in decimal integer literals")
    {
        // CPython marks the leading zeros: the end is just after them.
        if let Some(text) = crate::error::line_text(src, terr.lineno) {
            let from = (terr.offset as usize).saturating_sub(1);
            let zeros = text
                .chars()
                .skip(from)
                .take_while(|&c| c == '0' || c == '_')
                .count();
            let trimmed = text.chars().skip(from).take(zeros).collect::<String>();
            let zeros = trimmed.trim_end_matches('_').chars().count();
            end = (from + zeros) as i32 + 1;
        }
    }
    Box::new(Error {
        kind,
        msg: terr.message.clone(),
        span: Span::Raw(terr.lineno, offset, terr.lineno, end),
    })
}

/// The bracket still open at the end of the tokens, if any.
pub(crate) fn innermost_unclosed(tokens: &Tokens<'_>) -> Option<Pos> {
    innermost_unclosed_token(tokens).map(|i| tokens.span(i).0)
}

/// The index of the bracket still open at the end of the tokens, if any.
fn innermost_unclosed_token(tokens: &Tokens<'_>) -> Option<usize> {
    let mut stack: Vec<usize> = Vec::new();
    for (i, t) in tokens.toks.iter().enumerate() {
        match t.kind {
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => stack.push(i),
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                stack.pop();
            }
            _ => {}
        }
    }
    stack.pop()
}

fn never_closed(tokens: &Tokens<'_>, open: Pos) -> Box<Error> {
    let ch = match innermost_unclosed_token(tokens).map(|i| tokens.toks[i].kind) {
        Some(TokenKind::Lsqb) => '[',
        Some(TokenKind::Lbrace) => '{',
        _ => '(',
    };
    Box::new(Error {
        kind: ErrorKind::SyntaxError,
        msg: format!("'{ch}' was never closed"),
        span: Span::Open(open, 0),
    })
}
