//! `repr()` of a Python `str`, exactly as CPython 3.13 writes it (Objects/unicodeobject.c,
//! `unicode_repr`): the quote choice and the escapes.

use crate::unicode::is_printable;
use std::fmt::Write;

/// Appends `repr(s)` to `out`.
///
/// Single quotes unless the text has a single quote and no double quote; `\\`, `\t`, `\n`,
/// `\r` and the chosen quote escaped; other non-printable characters as `\xhh`, `\uhhhh` or
/// `\Uhhhhhhhh`.
pub fn write_str_repr(out: &mut String, s: &str) {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    out.reserve(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_ascii() => {
                if (' '..='~').contains(&c) {
                    out.push(c);
                } else {
                    let _ = write!(out, "\\x{:02x}", c as u32);
                }
            }
            c if is_printable(c) => out.push(c),
            c if (c as u32) <= 0xff => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if (c as u32) <= 0xffff => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => {
                let _ = write!(out, "\\U{:08x}", c as u32);
            }
        }
    }
    out.push(quote);
}

/// `repr(s)` as a new string.
///
/// ```
/// assert_eq!(pyrs_tokenizer::repr::str_repr("it's"), "\"it's\"");
/// assert_eq!(pyrs_tokenizer::repr::str_repr("a\n\u{0}"), "'a\\n\\x00'");
/// ```
pub fn str_repr(s: &str) -> String {
    let mut out = String::new();
    write_str_repr(&mut out, s);
    out
}

#[cfg(test)]
mod tests {
    use super::str_repr;

    #[test]
    fn quotes_and_escapes() {
        assert_eq!(str_repr(""), "''");
        assert_eq!(str_repr("'\""), "'\\'\"'");
        assert_eq!(
            str_repr("\u{ad}\u{2028}\u{1f600}\u{e0001}"),
            "'\\xad\\u2028\u{1f600}\\U000e0001'"
        );
        assert_eq!(str_repr("\\\t\r\x7f"), "'\\\\\\t\\r\\x7f'");
    }
}
