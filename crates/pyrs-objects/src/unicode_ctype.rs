//! Character classes and case mappings of one code point (CPython's Objects/unicodectype.c),
//! read from tables generated from CPython 3.13.0's own Unicode database
//! (gen/unicode_ctype_tables.py), so `'²'.isdigit()` or `'ß'.upper()` agree with it exactly.
//!
//! ASCII code points are answered without a table lookup.

use crate::unicode_ctype_tables as t;

fn in_ranges(ranges: &[(u32, u32)], cp: u32) -> bool {
    ranges
        .binary_search_by(|&(lo, hi)| {
            if hi < cp {
                std::cmp::Ordering::Less
            } else if lo > cp {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

fn ranges_start(ranges: &[(u32, u32)], cp: u32) -> Option<u32> {
    let i = ranges.partition_point(|&(_, hi)| hi < cp);
    ranges
        .get(i)
        .filter(|&&(lo, _)| lo <= cp)
        .map(|&(lo, _)| lo)
}

/// `isdecimal()` of one code point (category Nd).
#[inline]
pub fn is_decimal(cp: u32) -> bool {
    if cp < 0x80 {
        return (b'0' as u32..=b'9' as u32).contains(&cp);
    }
    in_ranges(t::DECIMAL, cp)
}

/// The value of a decimal digit (what `int()` accepts), if `cp` is one.
pub fn decimal_value(cp: u32) -> Option<u32> {
    if cp < 0x80 {
        return (b'0' as u32..=b'9' as u32)
            .contains(&cp)
            .then(|| cp - b'0' as u32);
    }
    // Decimal digits come in runs of ten, 0 to 9.
    ranges_start(t::DECIMAL, cp).map(|lo| (cp - lo) % 10)
}

/// `isdigit()` of one code point.
#[inline]
pub fn is_digit(cp: u32) -> bool {
    if cp < 0x80 {
        return is_decimal(cp);
    }
    in_ranges(t::DIGIT, cp)
}

/// `isnumeric()` of one code point.
#[inline]
pub fn is_numeric(cp: u32) -> bool {
    if cp < 0x80 {
        return is_decimal(cp);
    }
    in_ranges(t::NUMERIC, cp)
}

/// `isalpha()` of one code point.
#[inline]
pub fn is_alpha(cp: u32) -> bool {
    if cp < 0x80 {
        return (cp as u8).is_ascii_alphabetic();
    }
    in_ranges(t::ALPHA, cp)
}

/// `isalnum()` of one code point: alphabetic, decimal, digit or numeric.
#[inline]
pub fn is_alnum(cp: u32) -> bool {
    if cp < 0x80 {
        return (cp as u8).is_ascii_alphanumeric();
    }
    is_alpha(cp) || is_numeric(cp)
}

/// `isspace()` of one code point.
#[inline]
pub fn is_space(cp: u32) -> bool {
    if cp < 0x80 {
        return matches!(cp, 0x09..=0x0D | 0x1C..=0x20);
    }
    in_ranges(t::SPACE, cp)
}

/// Lowercase property.
#[inline]
pub fn is_lower(cp: u32) -> bool {
    if cp < 0x80 {
        return (cp as u8).is_ascii_lowercase();
    }
    in_ranges(t::LOWER, cp)
}

/// Uppercase property.
#[inline]
pub fn is_upper(cp: u32) -> bool {
    if cp < 0x80 {
        return (cp as u8).is_ascii_uppercase();
    }
    in_ranges(t::UPPER, cp)
}

/// Titlecase letter (category Lt).
#[inline]
pub fn is_title(cp: u32) -> bool {
    cp >= 0x80 && in_ranges(t::TITLE, cp)
}

/// Cased property.
#[inline]
pub fn is_cased(cp: u32) -> bool {
    if cp < 0x80 {
        return (cp as u8).is_ascii_alphabetic();
    }
    in_ranges(t::CASED, cp)
}

/// Case_Ignorable property.
#[inline]
pub fn is_case_ignorable(cp: u32) -> bool {
    if cp < 0x80 {
        return matches!(cp, 0x27 | 0x2E | 0x3A | 0x5E | 0x60);
    }
    in_ranges(t::CASE_IGNORABLE, cp)
}

/// A line boundary for `splitlines()`.
#[inline]
pub fn is_linebreak(cp: u32) -> bool {
    if cp < 0x80 {
        return matches!(cp, 0x0A..=0x0D | 0x1C..=0x1E);
    }
    in_ranges(t::LINEBREAK, cp)
}

/// `isprintable()` of one code point.
#[inline]
pub fn is_printable(cp: u32) -> bool {
    pyrs_tokenizer::unicode::is_printable_code_point(cp)
}

/// `isidentifier()`'s test of a first code point.
pub fn is_xid_start(cp: u32) -> bool {
    char::from_u32(cp).is_some_and(pyrs_tokenizer::unicode::is_xid_start)
}

/// `isidentifier()`'s test of a later code point.
pub fn is_xid_continue(cp: u32) -> bool {
    char::from_u32(cp).is_some_and(pyrs_tokenizer::unicode::is_xid_continue)
}

/// A full case mapping: one to three code points.
#[derive(Clone, Copy, Debug)]
pub struct Mapped {
    cps: [u32; 3],
    len: u8,
}

impl Mapped {
    fn one(cp: u32) -> Mapped {
        Mapped {
            cps: [cp, 0, 0],
            len: 1,
        }
    }

    /// The code points.
    pub fn as_slice(&self) -> &[u32] {
        &self.cps[..self.len as usize]
    }
}

fn lookup(map: &[(u32, [u32; 3])], cp: u32) -> Mapped {
    match map.binary_search_by_key(&cp, |&(k, _)| k) {
        Ok(i) => {
            let cps = map[i].1;
            let len = if cps[2] != 0 {
                3
            } else if cps[1] != 0 {
                2
            } else {
                1
            };
            Mapped { cps, len }
        }
        Err(_) => Mapped::one(cp),
    }
}

/// Full lowercase mapping (without the final-sigma rule, which needs context).
#[inline]
pub fn to_lower(cp: u32) -> Mapped {
    if cp < 0x80 {
        return Mapped::one((cp as u8).to_ascii_lowercase() as u32);
    }
    lookup(t::LOWER_MAP, cp)
}

/// Full uppercase mapping.
#[inline]
pub fn to_upper(cp: u32) -> Mapped {
    if cp < 0x80 {
        return Mapped::one((cp as u8).to_ascii_uppercase() as u32);
    }
    lookup(t::UPPER_MAP, cp)
}

/// Full titlecase mapping.
#[inline]
pub fn to_title(cp: u32) -> Mapped {
    if cp < 0x80 {
        return Mapped::one((cp as u8).to_ascii_uppercase() as u32);
    }
    lookup(t::TITLE_MAP, cp)
}

/// Full case folding (`casefold()`).
#[inline]
pub fn to_fold(cp: u32) -> Mapped {
    if cp < 0x80 {
        return Mapped::one((cp as u8).to_ascii_lowercase() as u32);
    }
    lookup(t::FOLD_MAP, cp)
}
