//! [`Constant`], the value of `ast.Constant` and `ast.MatchSingleton`, with its [`Int`] and
//! [`StrValue`] payloads.

use std::borrow::Cow;
use std::fmt;

use crate::inline_str::InlineStr;
use crate::repr;

/// The value of a `Constant` node (ASDL builtin `constant`): the Python object a literal
/// stands for.
///
/// The parser builds these eight kinds only. CPython's AST optimizer also folds tuples and
/// frozensets of constants into `Constant` nodes; that folding belongs to the compiler stage
/// and is not represented here.
///
/// [`Constant::repr`] prints the value exactly as Python's `repr()` does, which is what
/// `ast.dump` shows.
///
/// ```
/// use pyrs_ast::{Constant, Int};
///
/// assert_eq!(Constant::Float(1e16).repr(), "1e+16");
/// assert_eq!(Constant::Complex { real: 0.0, imag: -0.0 }.repr(), "-0j");
/// assert_eq!(Constant::Str("it's".into()).repr(), r#""it's""#);
/// assert_eq!(Constant::Bytes(b"\x00a".as_slice().into()).repr(), r"b'\x00a'");
/// assert_eq!(Constant::Int(Int::from_literal("0xff").unwrap()).repr(), "255");
/// assert_eq!(Constant::Ellipsis.repr(), "Ellipsis");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum Constant {
    /// `None`.
    None,
    /// `True` or `False`.
    Bool(bool),
    /// A `str`: any code points, lone surrogates included (`'\ud800'`).
    Str(StrValue),
    /// A `bytes` value.
    Bytes(Box<[u8]>),
    /// An `int` of any size.
    Int(Int),
    /// A `float`.
    Float(f64),
    /// A `complex`; a literal such as `2j` has `real` 0.0.
    Complex {
        /// The real part.
        real: f64,
        /// The imaginary part.
        imag: f64,
    },
    /// `...`, the `Ellipsis` object.
    Ellipsis,
}

impl Constant {
    /// Python's `repr()` of the value.
    pub fn repr(&self) -> String {
        let mut out = String::new();
        self.write_repr(&mut out);
        out
    }

    /// Appends Python's `repr()` of the value to `out`.
    pub(crate) fn write_repr(&self, out: &mut String) {
        match self {
            Constant::None => out.push_str("None"),
            Constant::Bool(true) => out.push_str("True"),
            Constant::Bool(false) => out.push_str("False"),
            Constant::Str(s) => repr::push_str_repr(out, s.code_points()),
            Constant::Bytes(b) => repr::push_bytes_repr(out, b),
            Constant::Int(i) => out.push_str(&i.to_string()),
            Constant::Float(x) => out.push_str(&repr::float_repr(*x)),
            Constant::Complex { real, imag } => out.push_str(&repr::complex_repr(*real, *imag)),
            Constant::Ellipsis => out.push_str("Ellipsis"),
        }
    }
}

/// A Python `int` of any size.
///
/// Values that fit an `i64` are stored as one; larger ones as their decimal digits, which is
/// all this stage needs: the parser stores literals and the dumper prints them. (Arithmetic on
/// big integers is the object model's business, so this crate needs no bigint dependency.)
/// Each value has one representation, so `==` compares values.
///
/// ```
/// use pyrs_ast::Int;
///
/// assert_eq!(Int::from_literal("1_000").unwrap().as_i64(), Some(1000));
/// let big = Int::from_literal("0x1_0000_0000_0000_0000").unwrap();
/// assert_eq!(big.as_i64(), None);
/// assert_eq!(big.to_string(), "18446744073709551616");
/// assert_eq!(Int::from_literal("012"), None); // not a Python literal
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Int(IntRepr);

#[derive(Clone, PartialEq, Eq, Hash)]
enum IntRepr {
    Small(i64),
    /// Decimal digits, `-` first when negative, no leading zero; never fits an `i64`.
    Big(Box<str>),
}

impl Int {
    /// The value of a Python integer literal: decimal (`0`, `1_000`), `0x`/`0o`/`0b` with
    /// either case, single underscores between digits or after the prefix. `None` when the
    /// text is not such a literal (`012`, `1__0`, `0x`, `1_`).
    pub fn from_literal(text: &str) -> Option<Int> {
        let bytes = text.as_bytes();
        if bytes == b"0" {
            return Some(Int(IntRepr::Small(0)));
        }
        // The common case: a short decimal without underscores or leading zero.
        if matches!(bytes, [b'1'..=b'9', ..])
            && bytes.len() <= 18
            && bytes.iter().all(u8::is_ascii_digit)
        {
            return text.parse().ok().map(|v| Int(IntRepr::Small(v)));
        }
        let (radix, body) = match bytes {
            [b'0', b'x' | b'X', rest @ ..] => (16, rest),
            [b'0', b'o' | b'O', rest @ ..] => (8, rest),
            [b'0', b'b' | b'B', rest @ ..] => (2, rest),
            _ => (10, bytes),
        };
        let mut digits = Vec::with_capacity(body.len());
        let mut after_underscore = false;
        for (i, &b) in body.iter().enumerate() {
            if b == b'_' {
                // After a prefix the first digit may follow an underscore (`0x_ff`).
                if after_underscore || (i == 0 && radix == 10) {
                    return None;
                }
                after_underscore = true;
            } else {
                digits.push(char::from(b).to_digit(radix)? as u8);
                after_underscore = false;
            }
        }
        if after_underscore || digits.is_empty() {
            return None;
        }
        if radix == 10 && digits[0] == 0 && digits.iter().any(|&d| d != 0) {
            return None;
        }
        Some(Int::from_digits(&digits, radix))
    }

    /// The value of `digits` (most significant first, each below `radix`).
    fn from_digits(digits: &[u8], radix: u32) -> Int {
        let mut value: i64 = 0;
        for &d in digits {
            match value
                .checked_mul(i64::from(radix))
                .and_then(|v| v.checked_add(i64::from(d)))
            {
                Some(v) => value = v,
                None => return Int(IntRepr::Big(big_decimal(digits, radix).into())),
            }
        }
        Int(IntRepr::Small(value))
    }

    /// The value, when it fits an `i64`.
    pub fn as_i64(&self) -> Option<i64> {
        match self.0 {
            IntRepr::Small(v) => Some(v),
            IntRepr::Big(_) => None,
        }
    }
}

/// The decimal digits of a number too big for `i64`, by schoolbook base conversion into
/// limbs of nine decimal digits (quadratic, fine for source literals).
fn big_decimal(digits: &[u8], radix: u32) -> String {
    const BASE: u64 = 1_000_000_000;
    let mut limbs: Vec<u32> = Vec::new(); // least significant first
    for &d in digits {
        let mut carry = u64::from(d);
        for limb in &mut limbs {
            let v = u64::from(*limb) * u64::from(radix) + carry;
            *limb = (v % BASE) as u32;
            carry = v / BASE;
        }
        while carry > 0 {
            limbs.push((carry % BASE) as u32);
            carry /= BASE;
        }
    }
    let mut out = String::new();
    let mut iter = limbs.iter().rev();
    if let Some(top) = iter.next() {
        out.push_str(&top.to_string());
    }
    for limb in iter {
        out.push_str(&format!("{limb:09}"));
    }
    out
}

impl From<i64> for Int {
    fn from(value: i64) -> Self {
        Int(IntRepr::Small(value))
    }
}

impl fmt::Display for Int {
    /// Decimal digits, which is also Python's `repr()` of the int.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            IntRepr::Small(v) => fmt::Display::fmt(v, f),
            IntRepr::Big(digits) => f.write_str(digits),
        }
    }
}

impl fmt::Debug for Int {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// A Python `str` value: a sequence of code points from U+0000 to U+10FFFF, lone surrogates
/// included, since a literal may write them (`'\udc80'`).
///
/// Held as UTF-8 when it has no surrogate (the usual case, so [`StrValue::as_str`] is free):
/// in place up to 22 bytes, which most string constants are, or as a `Box<str>`; and as a
/// boxed slice of code points otherwise. Each value has one representation, so `==` compares
/// values. `Debug` prints Python's `repr()`.
///
/// ```
/// use pyrs_ast::StrValue;
///
/// let plain = StrValue::from("abc");
/// assert_eq!(plain.as_str(), Some("abc"));
///
/// let lone = StrValue::from_code_points([0x61, 0xD800]).unwrap();
/// assert_eq!(lone.as_str(), None);
/// assert_eq!(lone.code_points().collect::<Vec<_>>(), [0x61, 0xD800]);
/// assert_eq!(lone.to_string_lossy(), "a\u{FFFD}");
/// assert_eq!(format!("{lone:?}"), r"'a\ud800'");
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct StrValue(StrRepr);

#[derive(Clone, PartialEq, Eq, Hash)]
enum StrRepr {
    /// Up to `InlineStr::CAPACITY` bytes of UTF-8.
    Inline(InlineStr),
    /// Longer UTF-8.
    Utf8(Box<str>),
    /// Holds at least one surrogate.
    CodePoints(Box<[u32]>),
}

fn is_surrogate(cp: u32) -> bool {
    (0xD800..=0xDFFF).contains(&cp)
}

impl StrValue {
    /// The string of these code points; `None` if one is above U+10FFFF.
    pub fn from_code_points(code_points: impl IntoIterator<Item = u32>) -> Option<StrValue> {
        let code_points: Vec<u32> = code_points.into_iter().collect();
        if code_points.iter().any(|&cp| cp > 0x10FFFF) {
            return None;
        }
        if code_points.iter().any(|&cp| is_surrogate(cp)) {
            return Some(StrValue(StrRepr::CodePoints(code_points.into())));
        }
        let text: String = code_points
            .iter()
            .filter_map(|&cp| char::from_u32(cp))
            .collect();
        Some(StrValue::from(text))
    }

    /// The string as UTF-8, unless it holds a lone surrogate.
    pub fn as_str(&self) -> Option<&str> {
        match &self.0 {
            StrRepr::Inline(s) => Some(s.as_str()),
            StrRepr::Utf8(s) => Some(s),
            StrRepr::CodePoints(_) => None,
        }
    }

    /// The code points, in order.
    pub fn code_points(&self) -> impl Iterator<Item = u32> + Clone + '_ {
        let (chars, points) = match &self.0 {
            StrRepr::CodePoints(cps) => (None, Some(cps.iter().copied())),
            StrRepr::Inline(_) | StrRepr::Utf8(_) => {
                (self.as_str().map(|s| s.chars().map(u32::from)), None)
            }
        };
        chars
            .into_iter()
            .flatten()
            .chain(points.into_iter().flatten())
    }

    /// The string as UTF-8, each lone surrogate replaced by U+FFFD.
    pub fn to_string_lossy(&self) -> Cow<'_, str> {
        match &self.0 {
            StrRepr::Inline(s) => Cow::Borrowed(s.as_str()),
            StrRepr::Utf8(s) => Cow::Borrowed(s),
            StrRepr::CodePoints(cps) => Cow::Owned(
                cps.iter()
                    .map(|&cp| char::from_u32(cp).unwrap_or('\u{FFFD}'))
                    .collect(),
            ),
        }
    }
}

impl From<&str> for StrValue {
    fn from(text: &str) -> Self {
        match InlineStr::new(text) {
            Some(text) => StrValue(StrRepr::Inline(text)),
            None => StrValue(StrRepr::Utf8(text.into())),
        }
    }
}

impl From<String> for StrValue {
    fn from(text: String) -> Self {
        StrValue::from(text.into_boxed_str())
    }
}

impl From<Box<str>> for StrValue {
    fn from(text: Box<str>) -> Self {
        match InlineStr::new(&text) {
            Some(text) => StrValue(StrRepr::Inline(text)),
            None => StrValue(StrRepr::Utf8(text)),
        }
    }
}

impl fmt::Debug for StrValue {
    /// Python's `repr()` of the string.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = String::new();
        repr::push_str_repr(&mut out, self.code_points());
        f.write_str(&out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn str_values_have_one_representation() {
        for text in [
            "",
            "utf-8",
            "exactly_22_bytes_long_",
            "twenty_three_bytes_long",
        ] {
            let long = text.repeat(2);
            for text in [text, long.as_str()] {
                let value = StrValue::from(text);
                assert_eq!(value.as_str(), Some(text));
                assert_eq!(StrValue::from(text.to_string()), value);
                let points = StrValue::from_code_points(text.chars().map(u32::from));
                assert_eq!(points, Some(value));
            }
        }
    }
}
