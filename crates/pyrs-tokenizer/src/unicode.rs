//! Unicode facts the tokenizer needs, from CPython 3.13's own tables: printable characters and
//! the identifier properties (XID_Start, XID_Continue), plus NFKC normalisation of identifiers.

use crate::unicode_tables::{NON_PRINTABLE, XID_CONTINUE, XID_START};
use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;

fn in_ranges(ranges: &[(u32, u32)], c: u32) -> bool {
    ranges
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// `str.isprintable()` for one character: false for control, format, surrogate, private-use,
/// unassigned and separator characters other than the ASCII space.
///
/// ```
/// assert!(pyrs_tokenizer::unicode::is_printable('é'));
/// assert!(!pyrs_tokenizer::unicode::is_printable('\u{a0}'));
/// ```
pub fn is_printable(c: char) -> bool {
    is_printable_code_point(u32::from(c))
}

/// [`is_printable`] for any code point, lone surrogates included (they are not printable).
pub fn is_printable_code_point(cp: u32) -> bool {
    if cp < 0x80 {
        return (0x20..0x7F).contains(&cp);
    }
    !in_ranges(NON_PRINTABLE, cp)
}

/// Whether `c` may start an identifier (`_` or XID_Start).
pub fn is_xid_start(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic() || c == '_';
    }
    in_ranges(XID_START, u32::from(c))
}

/// Whether `c` may continue an identifier (XID_Continue).
pub fn is_xid_continue(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    in_ranges(XID_CONTINUE, u32::from(c))
}

/// `str.isidentifier()`: a non-empty string whose first character is XID_Start or `_` and whose
/// others are XID_Continue.
pub fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(is_xid_start) && chars.all(is_xid_continue)
}

/// The identifier the parser stores for a name token: NFKC-normalised (PEP 3131), borrowed
/// when the name is ASCII.
///
/// ```
/// assert_eq!(pyrs_tokenizer::unicode::normalize_identifier("ﬁle"), "file");
/// ```
pub fn normalize_identifier(name: &str) -> Cow<'_, str> {
    if name.is_ascii() {
        Cow::Borrowed(name)
    } else {
        Cow::Owned(name.nfkc().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn printable_matches_cpython_categories() {
        assert!(is_printable(' '));
        assert!(!is_printable('\n'));
        assert!(!is_printable('\u{7f}'));
        assert!(!is_printable('\u{ad}')); // soft hyphen, Cf
        assert!(!is_printable('\u{2028}')); // line separator, Zl
        assert!(!is_printable('\u{3000}')); // ideographic space, Zs
        assert!(is_printable('€'));
        assert!(!is_printable('\u{e000}')); // private use
        assert!(!is_printable_code_point(0xD800)); // a lone surrogate
        assert!(!is_printable_code_point(0x10FFFF));
    }

    #[test]
    fn tables_are_sorted_disjoint_and_merged() {
        for table in [NON_PRINTABLE, XID_START, XID_CONTINUE] {
            for pair in table.windows(2) {
                assert!(
                    pair[0].1 + 1 < pair[1].0,
                    "{:x?} and {:x?} touch",
                    pair[0],
                    pair[1]
                );
            }
            assert!(table.iter().all(|&(lo, hi)| lo <= hi && hi <= 0x10FFFF));
        }
    }

    #[test]
    fn identifier_properties() {
        assert!(is_identifier("été"));
        assert!(is_identifier("_x1"));
        assert!(!is_identifier("1x"));
        assert!(!is_identifier("x€"));
        assert!(is_xid_continue('\u{0300}')); // combining grave accent
        assert!(!is_xid_start('\u{0300}'));
    }
}
