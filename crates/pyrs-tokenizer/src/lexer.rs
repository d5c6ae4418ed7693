//! The logos automaton that recognises where a token starts and what kind it is.
//!
//! It covers the context-free part of Python's lexical grammar: names, operators and the openings
//! of numbers and strings. Everything that needs state — indentation, brackets, string bodies,
//! f-string modes, numbers with CPython's exact error messages — lives in [`crate::tokenizer`],
//! which asks this automaton for one token at a time.

use crate::token::TokenKind;
use logos::Logos;

/// What the automaton recognised at the current position.
#[derive(Logos, Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Raw {
    /// An identifier: ASCII letters, digits, `_`, and any non-ASCII character (checked later).
    #[regex(r"[A-Za-z_\u{80}-\u{10FFFF}][A-Za-z0-9_\u{80}-\u{10FFFF}]*")]
    Name,
    /// A string prefix (possibly empty) and its first quote: the body is scanned by hand.
    #[regex(r#"(?i:r|u|b|br|rb)?['"]"#)]
    StringStart,
    /// An f-string prefix and its first quote.
    #[regex(r#"(?i:f|fr|rf)['"]"#)]
    FstringStart,
    /// A digit, or a dot followed by a digit: the number is scanned by hand.
    #[regex(r"\.?[0-9]")]
    NumberStart,
    /// An operator or delimiter.
    #[token("(", |_| TokenKind::Lpar)]
    #[token(")", |_| TokenKind::Rpar)]
    #[token("[", |_| TokenKind::Lsqb)]
    #[token("]", |_| TokenKind::Rsqb)]
    #[token(":", |_| TokenKind::Colon)]
    #[token(",", |_| TokenKind::Comma)]
    #[token(";", |_| TokenKind::Semi)]
    #[token("+", |_| TokenKind::Plus)]
    #[token("-", |_| TokenKind::Minus)]
    #[token("*", |_| TokenKind::Star)]
    #[token("/", |_| TokenKind::Slash)]
    #[token("|", |_| TokenKind::Vbar)]
    #[token("&", |_| TokenKind::Amper)]
    #[token("<", |_| TokenKind::Less)]
    #[token(">", |_| TokenKind::Greater)]
    #[token("=", |_| TokenKind::Equal)]
    #[token(".", |_| TokenKind::Dot)]
    #[token("%", |_| TokenKind::Percent)]
    #[token("{", |_| TokenKind::Lbrace)]
    #[token("}", |_| TokenKind::Rbrace)]
    #[token("==", |_| TokenKind::EqEqual)]
    #[token("!=", |_| TokenKind::NotEqual)]
    #[token("<>", |_| TokenKind::NotEqual)]
    #[token("<=", |_| TokenKind::LessEqual)]
    #[token(">=", |_| TokenKind::GreaterEqual)]
    #[token("~", |_| TokenKind::Tilde)]
    #[token("^", |_| TokenKind::Circumflex)]
    #[token("<<", |_| TokenKind::LeftShift)]
    #[token(">>", |_| TokenKind::RightShift)]
    #[token("**", |_| TokenKind::DoubleStar)]
    #[token("+=", |_| TokenKind::PlusEqual)]
    #[token("-=", |_| TokenKind::MinEqual)]
    #[token("*=", |_| TokenKind::StarEqual)]
    #[token("/=", |_| TokenKind::SlashEqual)]
    #[token("%=", |_| TokenKind::PercentEqual)]
    #[token("&=", |_| TokenKind::AmperEqual)]
    #[token("|=", |_| TokenKind::VbarEqual)]
    #[token("^=", |_| TokenKind::CircumflexEqual)]
    #[token("<<=", |_| TokenKind::LeftShiftEqual)]
    #[token(">>=", |_| TokenKind::RightShiftEqual)]
    #[token("**=", |_| TokenKind::DoubleStarEqual)]
    #[token("//", |_| TokenKind::DoubleSlash)]
    #[token("//=", |_| TokenKind::DoubleSlashEqual)]
    #[token("@", |_| TokenKind::At)]
    #[token("@=", |_| TokenKind::AtEqual)]
    #[token("->", |_| TokenKind::Rarrow)]
    #[token("...", |_| TokenKind::Ellipsis)]
    #[token(":=", |_| TokenKind::ColonEqual)]
    #[token("!", |_| TokenKind::Exclamation)]
    Operator(TokenKind),
}

/// Recognises the token that starts at the beginning of `text`: its kind and its length in bytes.
/// `None` when no rule matches (a character that is not part of Python's lexical grammar).
#[inline]
pub(crate) fn next_raw(text: &str) -> Option<(Raw, usize)> {
    let mut lexer = Raw::lexer(text);
    match lexer.next() {
        Some(Ok(raw)) => Some((raw, lexer.span().end)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_match_wins() {
        assert_eq!(
            next_raw("**= x"),
            Some((Raw::Operator(TokenKind::DoubleStarEqual), 3))
        );
        assert_eq!(next_raw("rb'x'"), Some((Raw::StringStart, 3)));
        assert_eq!(next_raw("ub'x'"), Some((Raw::Name, 2)));
        assert_eq!(next_raw("Rf\"x\""), Some((Raw::FstringStart, 3)));
        assert_eq!(
            next_raw("...5"),
            Some((Raw::Operator(TokenKind::Ellipsis), 3))
        );
        assert_eq!(next_raw("..5"), Some((Raw::Operator(TokenKind::Dot), 1)));
        assert_eq!(next_raw(".5"), Some((Raw::NumberStart, 2)));
        assert_eq!(next_raw("été = 1"), Some((Raw::Name, "été".len())));
        assert_eq!(next_raw("$"), None);
    }
}
