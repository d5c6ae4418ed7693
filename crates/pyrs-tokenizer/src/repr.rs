//! `repr()` of a Python `str`, exactly as CPython 3.13 writes it (Objects/unicodeobject.c,
//! `unicode_repr`): the quote choice and the escapes. The one implementation in pyrs: the token
//! dump prints token text with it, pyrs-ast re-exports it for constants.

use crate::unicode::is_printable_code_point;

const HEX: &[u8; 16] = b"0123456789abcdef";

fn push_hex(out: &mut String, prefix: &str, value: u32, digits: u32) {
    out.push_str(prefix);
    for shift in (0..digits).rev() {
        out.push(char::from(HEX[((value >> (4 * shift)) & 0xF) as usize]));
    }
}

/// Appends `repr()` of the string made of `code_points` (which may include lone surrogates,
/// as Python strings can) to `out`.
///
/// Single quotes, unless the text holds a `'` and no `"`; a backslash before `\` and before
/// the chosen quote; `\t`, `\n`, `\r`; other non-printable code points (see
/// [`is_printable_code_point`]) as `\xhh`, `\uhhhh` or `\Uhhhhhhhh` by size; the rest as they are.
pub fn push_str_repr(out: &mut String, code_points: impl Iterator<Item = u32> + Clone) {
    let (mut single, mut double) = (false, false);
    for cp in code_points.clone() {
        single |= cp == u32::from('\'');
        double |= cp == u32::from('"');
    }
    let quote = if single && !double { '"' } else { '\'' };
    out.push(quote);
    for cp in code_points {
        match char::from_u32(cp) {
            Some(c) if c == quote || c == '\\' => {
                out.push('\\');
                out.push(c);
            }
            Some('\t') => out.push_str("\\t"),
            Some('\n') => out.push_str("\\n"),
            Some('\r') => out.push_str("\\r"),
            Some(c) if is_printable_code_point(cp) => out.push(c),
            _ if cp < 0x100 => push_hex(out, "\\x", cp, 2),
            _ if cp < 0x10000 => push_hex(out, "\\u", cp, 4),
            _ => push_hex(out, "\\U", cp, 8),
        }
    }
    out.push(quote);
}

/// Appends `repr(s)` to `out`.
pub fn write_str_repr(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    push_str_repr(out, s.chars().map(u32::from));
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
    use super::{push_str_repr, str_repr};

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

    #[test]
    fn lone_surrogates_are_escaped() {
        let mut out = String::new();
        push_str_repr(&mut out, [0x61, 0xD800, 0x62].into_iter());
        assert_eq!(out, "'a\\ud800b'");
    }
}
