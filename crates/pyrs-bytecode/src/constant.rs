//! [`Constant`], the values a code object's `co_consts` can hold, and [`Int`], an integer of
//! any size.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use pyrs_ast::{repr, StrValue};

use crate::code::CodeObject;

/// A value in `co_consts`: what a `LOAD_CONST` or `RETURN_CONST` pushes.
///
/// The literal kinds of the syntax tree (pyrs-ast's `Constant`, from which this converts),
/// plus what the compiler folds or creates: tuples and frozensets of constants, and the code
/// objects of nested functions, classes, lambdas and comprehensions.
///
/// Equality and hashing are the compiler's notion of "the same constant", not Python's `==`:
/// the type counts (`1`, `1.0` and `True` differ), floats compare by bit pattern (`0.0` and
/// `-0.0` differ, a NaN equals itself), and containers compare item by item in order. This is
/// what the builder uses to merge duplicates in `co_consts`, and what makes a code object equal
/// to itself after a serialisation round trip.
///
/// ```
/// use pyrs_bytecode::{Constant, Int};
///
/// let tuple = Constant::Tuple(vec![Constant::Int(Int::from(1)), Constant::Float(-0.0)].into());
/// assert_eq!(tuple.repr(), "(1, -0.0)");
/// assert_ne!(Constant::Float(0.0), Constant::Float(-0.0));
/// assert_ne!(Constant::Int(Int::from(1)), Constant::Bool(true));
/// assert_eq!(Constant::FrozenSet(Box::new([])).repr(), "frozenset()");
/// ```
#[derive(Clone, Debug)]
pub enum Constant {
    /// `None`.
    None,
    /// `True` or `False`.
    Bool(bool),
    /// An `int` of any size.
    Int(Int),
    /// A `float`.
    Float(f64),
    /// A `complex`.
    Complex {
        /// The real part.
        real: f64,
        /// The imaginary part.
        imag: f64,
    },
    /// A `str`, lone surrogates included.
    Str(StrValue),
    /// A `bytes` value.
    Bytes(Box<[u8]>),
    /// `...`.
    Ellipsis,
    /// A tuple of constants.
    Tuple(Box<[Constant]>),
    /// A frozenset of constants, its items in the order the set iterates them (the order
    /// `repr` prints them in; the compiler decides it, as CPython's hash table does).
    FrozenSet(Box<[Constant]>),
    /// A nested code object.
    Code(Arc<CodeObject>),
}

impl Constant {
    /// Python's `repr()` of the value, as `dis` prints it in parentheses after `LOAD_CONST`.
    /// A code object prints as `<code object NAME at 0xADDRESS, file "FILE", line N>`, with
    /// the address of the Rust value.
    pub fn repr(&self) -> String {
        let mut out = String::new();
        self.write_repr(&mut out);
        out
    }

    /// Appends `repr()` of the value to `out`.
    pub fn write_repr(&self, out: &mut String) {
        match self {
            Constant::None => out.push_str("None"),
            Constant::Bool(true) => out.push_str("True"),
            Constant::Bool(false) => out.push_str("False"),
            Constant::Int(i) => out.push_str(&i.to_string()),
            Constant::Float(x) => out.push_str(&repr::float_repr(*x)),
            Constant::Complex { real, imag } => out.push_str(&repr::complex_repr(*real, *imag)),
            Constant::Str(s) => repr::push_str_repr(out, s.code_points()),
            Constant::Bytes(b) => repr::push_bytes_repr(out, b),
            Constant::Ellipsis => out.push_str("Ellipsis"),
            Constant::Tuple(items) => {
                out.push('(');
                push_items(out, items);
                if items.len() == 1 {
                    out.push(',');
                }
                out.push(')');
            }
            Constant::FrozenSet(items) if items.is_empty() => out.push_str("frozenset()"),
            Constant::FrozenSet(items) => {
                out.push_str("frozenset({");
                push_items(out, items);
                out.push_str("})");
            }
            Constant::Code(code) => out.push_str(&code.repr()),
        }
    }

    /// The Python type's name (`int`, `str`, `code`…).
    pub fn type_name(&self) -> &'static str {
        match self {
            Constant::None => "NoneType",
            Constant::Bool(_) => "bool",
            Constant::Int(_) => "int",
            Constant::Float(_) => "float",
            Constant::Complex { .. } => "complex",
            Constant::Str(_) => "str",
            Constant::Bytes(_) => "bytes",
            Constant::Ellipsis => "ellipsis",
            Constant::Tuple(_) => "tuple",
            Constant::FrozenSet(_) => "frozenset",
            Constant::Code(_) => "code",
        }
    }

    /// A `str` constant from Rust text.
    pub fn str(text: &str) -> Constant {
        Constant::Str(StrValue::from(text))
    }

    /// An `int` constant.
    pub fn int(value: i64) -> Constant {
        Constant::Int(Int::from(value))
    }
}

fn push_items(out: &mut String, items: &[Constant]) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        item.write_repr(out);
    }
}

impl PartialEq for Constant {
    fn eq(&self, other: &Constant) -> bool {
        match (self, other) {
            (Constant::None, Constant::None) | (Constant::Ellipsis, Constant::Ellipsis) => true,
            (Constant::Bool(a), Constant::Bool(b)) => a == b,
            (Constant::Int(a), Constant::Int(b)) => a == b,
            (Constant::Float(a), Constant::Float(b)) => a.to_bits() == b.to_bits(),
            (
                Constant::Complex { real, imag },
                Constant::Complex {
                    real: real2,
                    imag: imag2,
                },
            ) => real.to_bits() == real2.to_bits() && imag.to_bits() == imag2.to_bits(),
            (Constant::Str(a), Constant::Str(b)) => a == b,
            (Constant::Bytes(a), Constant::Bytes(b)) => a == b,
            (Constant::Tuple(a), Constant::Tuple(b)) => a == b,
            (Constant::FrozenSet(a), Constant::FrozenSet(b)) => a == b,
            (Constant::Code(a), Constant::Code(b)) => a == b,
            _ => false,
        }
    }
}

impl Eq for Constant {}

impl Hash for Constant {
    fn hash<H: Hasher>(&self, state: &mut H) {
        std::mem::discriminant(self).hash(state);
        match self {
            Constant::None | Constant::Ellipsis => {}
            Constant::Bool(b) => b.hash(state),
            Constant::Int(i) => i.hash(state),
            Constant::Float(x) => x.to_bits().hash(state),
            Constant::Complex { real, imag } => {
                real.to_bits().hash(state);
                imag.to_bits().hash(state);
            }
            Constant::Str(s) => s.hash(state),
            Constant::Bytes(b) => b.hash(state),
            Constant::Tuple(items) | Constant::FrozenSet(items) => items.hash(state),
            Constant::Code(code) => code.hash(state),
        }
    }
}

impl From<pyrs_ast::Constant> for Constant {
    /// The code-object constant for a syntax-tree literal.
    fn from(value: pyrs_ast::Constant) -> Constant {
        match value {
            pyrs_ast::Constant::None => Constant::None,
            pyrs_ast::Constant::Bool(b) => Constant::Bool(b),
            pyrs_ast::Constant::Str(s) => Constant::Str(s),
            pyrs_ast::Constant::Bytes(b) => Constant::Bytes(b),
            pyrs_ast::Constant::Int(i) => Constant::Int(Int::from(&i)),
            pyrs_ast::Constant::Float(x) => Constant::Float(x),
            pyrs_ast::Constant::Complex { real, imag } => Constant::Complex { real, imag },
            pyrs_ast::Constant::Ellipsis => Constant::Ellipsis,
        }
    }
}

/// A Python `int` of any size.
///
/// Values that fit an `i64` are held as one; larger ones as a sign and a magnitude in 32-bit
/// limbs, least significant first, which any big-integer library builds from directly. Each
/// value has one representation, so `==` and `Hash` go by value. `Display` writes the decimal
/// digits, which is also Python's `repr()`. Arithmetic is not this crate's business (the
/// object model has the integers the VM computes with); this type carries values from the
/// compiler to code objects and back from serialised bytes.
///
/// ```
/// use pyrs_bytecode::Int;
///
/// let big = Int::from_decimal("-18446744073709551616").unwrap();
/// assert_eq!(big.as_i64(), None);
/// assert_eq!(big.sign_magnitude(), (true, vec![0, 0, 1]));
/// assert_eq!(big.to_string(), "-18446744073709551616");
/// assert_eq!(Int::from_sign_magnitude(false, &[7, 0, 0]), Int::from(7));
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Int(IntRepr);

#[derive(Clone, PartialEq, Eq, Hash)]
enum IntRepr {
    Small(i64),
    /// Never fits an `i64`; no trailing zero limb.
    Big {
        negative: bool,
        magnitude: Box<[u32]>,
    },
}

impl Int {
    /// The integer `(-1 if negative else 1) * sum(limbs[i] << 32*i)`.
    pub fn from_sign_magnitude(negative: bool, limbs: &[u32]) -> Int {
        let used = limbs.iter().rposition(|&l| l != 0).map_or(0, |i| i + 1);
        let limbs = &limbs[..used];
        if limbs.len() <= 2 {
            let magnitude = limbs
                .iter()
                .rev()
                .fold(0u64, |acc, &l| (acc << 32) | u64::from(l));
            if !negative && magnitude <= i64::MAX as u64 {
                return Int(IntRepr::Small(magnitude as i64));
            }
            if negative && magnitude <= 1u64 << 63 {
                return Int(IntRepr::Small((magnitude as i64).wrapping_neg()));
            }
        }
        Int(IntRepr::Big {
            negative,
            magnitude: limbs.into(),
        })
    }

    /// The sign (`true` when negative) and the magnitude in 32-bit limbs, least significant
    /// first, without trailing zero limbs (zero has none).
    pub fn sign_magnitude(&self) -> (bool, Vec<u32>) {
        match &self.0 {
            IntRepr::Small(v) => {
                let m = v.unsigned_abs();
                let mut limbs = vec![m as u32, (m >> 32) as u32];
                while limbs.last() == Some(&0) {
                    limbs.pop();
                }
                (*v < 0, limbs)
            }
            IntRepr::Big {
                negative,
                magnitude,
            } => (*negative, magnitude.to_vec()),
        }
    }

    /// The value of decimal digits with an optional leading `-` (no `_`, no `+`, no spaces);
    /// `None` for anything else.
    pub fn from_decimal(text: &str) -> Option<Int> {
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if digits.len() <= 18 {
            let value: i64 = digits.parse().ok()?;
            return Some(Int(IntRepr::Small(if negative { -value } else { value })));
        }
        let mut limbs: Vec<u32> = Vec::new();
        for chunk in digits.as_bytes().chunks(9) {
            let scale = 10u64.pow(chunk.len() as u32);
            let mut carry = chunk
                .iter()
                .fold(0u64, |acc, &b| acc * 10 + u64::from(b - b'0'));
            for limb in &mut limbs {
                let v = u64::from(*limb) * scale + carry;
                *limb = v as u32;
                carry = v >> 32;
            }
            if carry > 0 {
                limbs.push(carry as u32);
            }
        }
        Some(Int::from_sign_magnitude(negative, &limbs))
    }

    /// The value, when it fits an `i64`.
    pub fn as_i64(&self) -> Option<i64> {
        match self.0 {
            IntRepr::Small(v) => Some(v),
            IntRepr::Big { .. } => None,
        }
    }

    /// Whether the value is below zero.
    pub fn is_negative(&self) -> bool {
        match &self.0 {
            IntRepr::Small(v) => *v < 0,
            IntRepr::Big { negative, .. } => *negative,
        }
    }
}

impl From<i64> for Int {
    fn from(value: i64) -> Int {
        Int(IntRepr::Small(value))
    }
}

impl From<&pyrs_ast::Int> for Int {
    /// The same value as the syntax tree's integer literal.
    fn from(value: &pyrs_ast::Int) -> Int {
        match value.as_i64() {
            Some(v) => Int::from(v),
            // pyrs-ast writes big values as decimal digits with an optional `-`.
            None => Int::from_decimal(&value.to_string()).unwrap_or(Int::from(0)),
        }
    }
}

impl fmt::Display for Int {
    /// Decimal digits, `-` first when negative: Python's `repr()` of the int.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            IntRepr::Small(v) => fmt::Display::fmt(v, f),
            IntRepr::Big {
                negative,
                magnitude,
            } => {
                // Repeated division by 10^9, quadratic in the length: fine for constants.
                const BASE: u64 = 1_000_000_000;
                let mut limbs = magnitude.to_vec();
                let mut chunks = Vec::new();
                while !limbs.is_empty() {
                    let mut remainder = 0u64;
                    for limb in limbs.iter_mut().rev() {
                        let v = (remainder << 32) | u64::from(*limb);
                        *limb = (v / BASE) as u32;
                        remainder = v % BASE;
                    }
                    chunks.push(remainder as u32);
                    while limbs.last() == Some(&0) {
                        limbs.pop();
                    }
                }
                let mut out = String::new();
                if *negative {
                    out.push('-');
                }
                let mut iter = chunks.iter().rev();
                if let Some(top) = iter.next() {
                    out.push_str(&top.to_string());
                }
                for chunk in iter {
                    out.push_str(&format!("{chunk:09}"));
                }
                f.write_str(&out)
            }
        }
    }
}

impl fmt::Debug for Int {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::Int;

    #[test]
    fn decimal_round_trips_at_the_edges() {
        for text in [
            "0",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "-9223372036854775809",
            "18446744073709551615",
            "18446744073709551616",
            "123456789012345678901234567890",
            "-1267650600228229401496703205376",
        ] {
            let value = Int::from_decimal(text).unwrap();
            assert_eq!(value.to_string(), text);
            let (negative, limbs) = value.sign_magnitude();
            assert_eq!(Int::from_sign_magnitude(negative, &limbs), value);
        }
        assert_eq!(
            Int::from_decimal("-9223372036854775808").unwrap().as_i64(),
            Some(i64::MIN)
        );
        assert_eq!(
            Int::from_decimal("9223372036854775808").unwrap().as_i64(),
            None
        );
        assert_eq!(Int::from_decimal("-0").unwrap(), Int::from(0));
        assert_eq!(Int::from_decimal("000123").unwrap(), Int::from(123));
        for bad in ["", "-", "1_000", "+1", " 1", "1.0", "0x10"] {
            assert_eq!(Int::from_decimal(bad), None, "{bad:?}");
        }
        assert_eq!(Int::from_sign_magnitude(true, &[]), Int::from(0));
    }
}
