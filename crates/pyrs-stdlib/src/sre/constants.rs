//! The numbers of `_sre`'s compiled code (CPython's Modules/_sre/sre_constants.h, generated
//! from Lib/re/_constants.py): opcodes, position codes, character categories, flags, and the
//! character predicates and case mappings each category and opcode family uses.

use pyrs_objects::unicode_ctype as uc;

/// `_sre.MAGIC`: must equal `re._constants.MAGIC`.
pub(crate) const MAGIC: i64 = 20230612;
/// `_sre.CODESIZE`: the size of one code word in bytes.
pub(crate) const CODESIZE: i64 = 4;
/// `_sre.MAXREPEAT`: an upper bound of `{m,n}` meaning "no bound".
pub(crate) const MAXREPEAT: u32 = u32::MAX;
/// `_sre.MAXGROUPS`.
pub(crate) const MAXGROUPS: i64 = 1_073_741_823;

pub(crate) const FAILURE: u32 = 0;
pub(crate) const SUCCESS: u32 = 1;
pub(crate) const ANY: u32 = 2;
pub(crate) const ANY_ALL: u32 = 3;
pub(crate) const ASSERT: u32 = 4;
pub(crate) const ASSERT_NOT: u32 = 5;
pub(crate) const AT: u32 = 6;
pub(crate) const BRANCH: u32 = 7;
pub(crate) const CATEGORY: u32 = 8;
pub(crate) const CHARSET: u32 = 9;
pub(crate) const BIGCHARSET: u32 = 10;
pub(crate) const GROUPREF: u32 = 11;
pub(crate) const GROUPREF_EXISTS: u32 = 12;
pub(crate) const IN: u32 = 13;
pub(crate) const INFO: u32 = 14;
pub(crate) const JUMP: u32 = 15;
pub(crate) const LITERAL: u32 = 16;
pub(crate) const MARK: u32 = 17;
pub(crate) const MAX_UNTIL: u32 = 18;
pub(crate) const MIN_UNTIL: u32 = 19;
pub(crate) const NOT_LITERAL: u32 = 20;
pub(crate) const NEGATE: u32 = 21;
pub(crate) const RANGE: u32 = 22;
pub(crate) const REPEAT: u32 = 23;
pub(crate) const REPEAT_ONE: u32 = 24;
pub(crate) const MIN_REPEAT_ONE: u32 = 26;
pub(crate) const ATOMIC_GROUP: u32 = 27;
pub(crate) const POSSESSIVE_REPEAT: u32 = 28;
pub(crate) const POSSESSIVE_REPEAT_ONE: u32 = 29;
pub(crate) const GROUPREF_IGNORE: u32 = 30;
pub(crate) const IN_IGNORE: u32 = 31;
pub(crate) const LITERAL_IGNORE: u32 = 32;
pub(crate) const NOT_LITERAL_IGNORE: u32 = 33;
pub(crate) const GROUPREF_LOC_IGNORE: u32 = 34;
pub(crate) const IN_LOC_IGNORE: u32 = 35;
pub(crate) const LITERAL_LOC_IGNORE: u32 = 36;
pub(crate) const NOT_LITERAL_LOC_IGNORE: u32 = 37;
pub(crate) const GROUPREF_UNI_IGNORE: u32 = 38;
pub(crate) const IN_UNI_IGNORE: u32 = 39;
pub(crate) const LITERAL_UNI_IGNORE: u32 = 40;
pub(crate) const NOT_LITERAL_UNI_IGNORE: u32 = 41;
pub(crate) const RANGE_UNI_IGNORE: u32 = 42;

pub(crate) const AT_BEGINNING: u32 = 0;
pub(crate) const AT_BEGINNING_LINE: u32 = 1;
pub(crate) const AT_BEGINNING_STRING: u32 = 2;
pub(crate) const AT_BOUNDARY: u32 = 3;
pub(crate) const AT_NON_BOUNDARY: u32 = 4;
pub(crate) const AT_END: u32 = 5;
pub(crate) const AT_END_LINE: u32 = 6;
pub(crate) const AT_END_STRING: u32 = 7;
pub(crate) const AT_LOC_BOUNDARY: u32 = 8;
pub(crate) const AT_LOC_NON_BOUNDARY: u32 = 9;
pub(crate) const AT_UNI_BOUNDARY: u32 = 10;
pub(crate) const AT_UNI_NON_BOUNDARY: u32 = 11;

pub(crate) const CATEGORY_DIGIT: u32 = 0;
pub(crate) const CATEGORY_NOT_DIGIT: u32 = 1;
pub(crate) const CATEGORY_SPACE: u32 = 2;
pub(crate) const CATEGORY_NOT_SPACE: u32 = 3;
pub(crate) const CATEGORY_WORD: u32 = 4;
pub(crate) const CATEGORY_NOT_WORD: u32 = 5;
pub(crate) const CATEGORY_LINEBREAK: u32 = 6;
pub(crate) const CATEGORY_NOT_LINEBREAK: u32 = 7;
pub(crate) const CATEGORY_LOC_WORD: u32 = 8;
pub(crate) const CATEGORY_LOC_NOT_WORD: u32 = 9;
pub(crate) const CATEGORY_UNI_DIGIT: u32 = 10;
pub(crate) const CATEGORY_UNI_NOT_DIGIT: u32 = 11;
pub(crate) const CATEGORY_UNI_SPACE: u32 = 12;
pub(crate) const CATEGORY_UNI_NOT_SPACE: u32 = 13;
pub(crate) const CATEGORY_UNI_WORD: u32 = 14;
pub(crate) const CATEGORY_UNI_NOT_WORD: u32 = 15;
pub(crate) const CATEGORY_UNI_LINEBREAK: u32 = 16;
pub(crate) const CATEGORY_UNI_NOT_LINEBREAK: u32 = 17;

pub(crate) const FLAG_IGNORECASE: i64 = 2;
pub(crate) const FLAG_LOCALE: i64 = 4;
pub(crate) const FLAG_MULTILINE: i64 = 8;
pub(crate) const FLAG_DOTALL: i64 = 16;
pub(crate) const FLAG_UNICODE: i64 = 32;
pub(crate) const FLAG_VERBOSE: i64 = 64;
pub(crate) const FLAG_DEBUG: i64 = 128;
pub(crate) const FLAG_ASCII: i64 = 256;

pub(crate) const INFO_PREFIX: u32 = 1;
pub(crate) const INFO_LITERAL: u32 = 2;
pub(crate) const INFO_CHARSET: u32 = 4;

/// `\n`, the only line break outside `CATEGORY_UNI_LINEBREAK`.
#[inline]
pub(crate) fn is_linebreak(ch: u32) -> bool {
    ch == b'\n' as u32
}

#[inline]
fn is_ascii_digit(ch: u32) -> bool {
    (b'0' as u32..=b'9' as u32).contains(&ch)
}

#[inline]
fn is_ascii_space(ch: u32) -> bool {
    matches!(ch, 0x09..=0x0D | 0x20)
}

#[inline]
fn is_ascii_alnum(ch: u32) -> bool {
    ch < 128 && (ch as u8).is_ascii_alphanumeric()
}

/// `SRE_IS_WORD`: an ASCII letter, digit or underscore.
#[inline]
pub(crate) fn is_word(ch: u32) -> bool {
    is_ascii_alnum(ch) || ch == b'_' as u32
}

/// `SRE_LOC_IS_WORD`. Under the C and C.UTF-8 locales pyrs runs in, the bytes 128–255 are
/// not letters, so this is the ASCII rule.
#[inline]
pub(crate) fn is_loc_word(ch: u32) -> bool {
    is_word(ch)
}

/// `SRE_UNI_IS_WORD`: `str.isalnum()` of the character, or an underscore.
#[inline]
pub(crate) fn is_uni_word(ch: u32) -> bool {
    if ch < 128 {
        return is_word(ch);
    }
    uc::is_alnum(ch)
}

/// `sre_category`: whether `ch` is in category `code`.
pub(crate) fn category(code: u32, ch: u32) -> bool {
    match code {
        CATEGORY_DIGIT => is_ascii_digit(ch),
        CATEGORY_NOT_DIGIT => !is_ascii_digit(ch),
        CATEGORY_SPACE => is_ascii_space(ch),
        CATEGORY_NOT_SPACE => !is_ascii_space(ch),
        CATEGORY_WORD => is_word(ch),
        CATEGORY_NOT_WORD => !is_word(ch),
        CATEGORY_LINEBREAK => is_linebreak(ch),
        CATEGORY_NOT_LINEBREAK => !is_linebreak(ch),
        CATEGORY_LOC_WORD => is_loc_word(ch),
        CATEGORY_LOC_NOT_WORD => !is_loc_word(ch),
        CATEGORY_UNI_DIGIT => uc::is_decimal(ch),
        CATEGORY_UNI_NOT_DIGIT => !uc::is_decimal(ch),
        CATEGORY_UNI_SPACE => uc::is_space(ch),
        CATEGORY_UNI_NOT_SPACE => !uc::is_space(ch),
        CATEGORY_UNI_WORD => is_uni_word(ch),
        CATEGORY_UNI_NOT_WORD => !is_uni_word(ch),
        CATEGORY_UNI_LINEBREAK => uc::is_linebreak(ch),
        CATEGORY_UNI_NOT_LINEBREAK => !uc::is_linebreak(ch),
        _ => false,
    }
}

/// `sre_lower_ascii`.
#[inline]
pub(crate) fn lower_ascii(ch: u32) -> u32 {
    if ch < 128 {
        (ch as u8).to_ascii_lowercase() as u32
    } else {
        ch
    }
}

/// `sre_lower_locale` (the C locale: ASCII only).
#[inline]
pub(crate) fn lower_locale(ch: u32) -> u32 {
    lower_ascii(ch)
}

/// `sre_upper_locale` (the C locale: ASCII only).
#[inline]
pub(crate) fn upper_locale(ch: u32) -> u32 {
    if ch < 128 {
        (ch as u8).to_ascii_uppercase() as u32
    } else {
        ch
    }
}

/// `sre_lower_unicode`: the first code point of the character's lowercase mapping
/// (CPython's `_PyUnicode_ToLowercase`).
#[inline]
pub(crate) fn lower_unicode(ch: u32) -> u32 {
    if ch < 128 {
        return lower_ascii(ch);
    }
    uc::to_lower(ch).as_slice().first().copied().unwrap_or(ch)
}

/// `sre_upper_unicode`: the first code point of the character's uppercase mapping.
#[inline]
pub(crate) fn upper_unicode(ch: u32) -> u32 {
    if ch < 128 {
        return upper_locale(ch);
    }
    uc::to_upper(ch).as_slice().first().copied().unwrap_or(ch)
}

/// `char_loc_ignore`: `ch` equals `pattern` up to the locale's case.
#[inline]
pub(crate) fn char_loc_ignore(pattern: u32, ch: u32) -> bool {
    ch == pattern || lower_locale(ch) == pattern || upper_locale(ch) == pattern
}
