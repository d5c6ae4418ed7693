//! The `int` type (CPython's Objects/longobject.c): integers of any size. Ints in
//! `SMALL_MIN..=SMALL_MAX` are inline in their [`Value`]; others, and instances of `int`
//! subclasses (`bool` included), are heap objects holding an [`IntData`] bigint.
//!
//! Why num-bigint: a well-kept arbitrary-precision integer crate whose multiplication and
//! division scale to the sizes Python programs reach (Karatsuba/Toom-3), so pyrs does not
//! carry its own bignum arithmetic.

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::error::{PyErr, PyResult};
use crate::object::Payload;
use crate::value::Value;

/// The payload of a heap `int` (a big one, or an instance of a subclass such as `bool`).
pub struct IntData(pub BigInt);

impl Payload for IntData {}

/// An int's value, borrowed.
#[derive(Clone, Copy, Debug)]
pub enum IntRef<'a> {
    /// Fits an `i64`.
    Small(i64),
    /// Any size.
    Big(&'a BigInt),
}

impl IntRef<'_> {
    /// The value as a bigint.
    pub fn to_bigint(self) -> BigInt {
        match self {
            IntRef::Small(i) => BigInt::from(i),
            IntRef::Big(b) => b.clone(),
        }
    }

    /// The value, if it fits an `i64`.
    pub fn to_i64(self) -> Option<i64> {
        match self {
            IntRef::Small(i) => Some(i),
            IntRef::Big(b) => b.to_i64(),
        }
    }

    /// Whether it is zero.
    pub fn is_zero(self) -> bool {
        match self {
            IntRef::Small(i) => i == 0,
            IntRef::Big(b) => b.is_zero(),
        }
    }

    /// Whether it is negative.
    pub fn is_negative(self) -> bool {
        match self {
            IntRef::Small(i) => i < 0,
            IntRef::Big(b) => b.is_negative(),
        }
    }
}

/// The int value of an `int` (or `bool`, or subclass) object; `None` for other types.
#[inline]
pub fn as_int(value: &Value) -> Option<IntRef<'_>> {
    if let Some(i) = value.as_small() {
        return Some(IntRef::Small(i));
    }
    value.downcast::<IntData>().map(|d| match d.0.to_i64() {
        Some(i) => IntRef::Small(i),
        None => IntRef::Big(&d.0),
    })
}

/// The value as an `i64`, if it is an int that fits.
#[inline]
pub fn as_i64(value: &Value) -> Option<i64> {
    as_int(value).and_then(IntRef::to_i64)
}

/// A new `int`.
#[inline]
pub fn from_i64(i: i64) -> Value {
    if Value::fits_small(i) {
        Value::small(i)
    } else {
        crate::object::alloc(&crate::types().int, IntData(BigInt::from(i)))
    }
}

/// A new `int` from a `usize`.
pub fn from_usize(n: usize) -> Value {
    match i64::try_from(n) {
        Ok(i) => from_i64(i),
        Err(_) => from_bigint(BigInt::from(n)),
    }
}

/// A new `int` from a bigint (inline when it fits).
pub fn from_bigint(b: BigInt) -> Value {
    match b.to_i64() {
        Some(i) if Value::fits_small(i) => Value::small(i),
        _ => crate::object::alloc(&crate::types().int, IntData(b)),
    }
}

/// The modulus of numeric hashes (CPython's `_PyHASH_MODULUS`, 2**61 - 1).
pub const HASH_MODULUS: i64 = (1 << 61) - 1;

/// `hash()` of an int, as CPython computes it (so sets of ints iterate in its order).
pub fn hash_int(value: IntRef<'_>) -> i64 {
    let h = match value {
        IntRef::Small(i) => {
            let m = (i.unsigned_abs() % HASH_MODULUS as u64) as i64;
            if i < 0 {
                -m
            } else {
                m
            }
        }
        IntRef::Big(b) => {
            let m = (b.abs() % BigInt::from(HASH_MODULUS))
                .to_i64()
                .expect("below the modulus");
            if b.is_negative() {
                -m
            } else {
                m
            }
        }
    };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// The decimal text of an int.
pub fn to_decimal(value: IntRef<'_>) -> String {
    match value {
        IntRef::Small(i) => i.to_string(),
        IntRef::Big(b) => b.to_string(),
    }
}

/// Converts an int-like value to `isize` for indexing, with CPython's OverflowError.
pub fn to_isize(value: &Value) -> PyResult<isize> {
    match as_int(value) {
        Some(IntRef::Small(i)) => isize::try_from(i).map_err(|_| overflow()),
        Some(IntRef::Big(b)) => b.to_isize().ok_or_else(overflow),
        None => Err(PyErr::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            value.type_data().name()
        ))),
    }
}

fn overflow() -> PyErr {
    PyErr::index_error("cannot fit 'int' into an index-sized integer")
}

// ---------------------------------------------------------------------------------------
// The `int` and `bool` types.

use crate::args::Args;
use crate::typeobject::{BinOp, CompareOp, TypeBuilder, UnaryOp};
use num_integer::Integer;

/// The builder of `int`.
pub(crate) fn type_builder() -> TypeBuilder {
    TypeBuilder::new::<IntData>("int")
        .subclassable()
        .slots(|s| {
            s.repr.set(Some(int_repr));
            s.hash.set(Some(|v| Ok(hash_int(as_int(v).expect("int")))));
            s.richcompare.set(Some(int_richcompare));
            s.bool.set(Some(|v| Ok(!as_int(v).expect("int").is_zero())));
            s.new.set(Some(int_new));
            macro_rules! ops {
                ($($op:ident),*) => {$(
                    s.number[BinOp::$op as usize].set(Some(|a, b| int_binop(a, b, BinOp::$op)));
                )*};
            }
            ops!(Add, Sub, Mul, FloorDiv, Mod, TrueDiv, Pow, LShift, RShift, And, Or, Xor);
            s.unary[UnaryOp::Neg as usize].set(Some(|v| {
                Ok(from_bigint(-as_int(v).expect("int").to_bigint()))
            }));
            s.unary[UnaryOp::Pos as usize].set(Some(int_exact));
            s.unary[UnaryOp::Abs as usize].set(Some(|v| {
                Ok(from_bigint(as_int(v).expect("int").to_bigint().abs()))
            }));
            s.unary[UnaryOp::Invert as usize].set(Some(|v| {
                Ok(from_bigint(!as_int(v).expect("int").to_bigint()))
            }));
            s.unary[UnaryOp::Int as usize].set(Some(int_exact));
            s.unary[UnaryOp::Index as usize].set(Some(int_exact));
            s.unary[UnaryOp::Float as usize].set(Some(|v| {
                to_f64(as_int(v).expect("int")).map(crate::float::new)
            }));
        })
}

/// The value as an exact `int` (for `+x`, `int(x)`, `__index__` of subclasses).
fn int_exact(v: &Value) -> PyResult<Value> {
    if v.is_small() || v.is_exact(&crate::types().int) {
        return Ok(v.clone());
    }
    Ok(from_bigint(as_int(v).expect("int").to_bigint()))
}

/// The nearest float, or OverflowError "int too large to convert to float".
pub fn to_f64(v: IntRef<'_>) -> PyResult<f64> {
    match v {
        IntRef::Small(i) => Ok(i as f64),
        IntRef::Big(b) => {
            let f = b.to_f64().unwrap_or(f64::INFINITY);
            if f.is_infinite() {
                Err(PyErr::overflow_error("int too large to convert to float"))
            } else {
                Ok(f)
            }
        }
    }
}

fn int_repr(v: &Value) -> PyResult<Value> {
    let i = as_int(v).expect("int");
    Ok(crate::str::new(&to_decimal(i)))
}

fn int_richcompare(a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    let (Some(x), Some(y)) = (as_int(a), as_int(b)) else {
        return Ok(crate::not_implemented());
    };
    let ord = match (x, y) {
        (IntRef::Small(x), IntRef::Small(y)) => x.cmp(&y),
        _ => x.to_bigint().cmp(&y.to_bigint()),
    };
    Ok(crate::bool(compare_result(ord, op)))
}

/// Whether an ordering satisfies a comparison operator.
pub fn compare_result(ord: std::cmp::Ordering, op: CompareOp) -> bool {
    use std::cmp::Ordering::*;
    match op {
        CompareOp::Lt => ord == Less,
        CompareOp::Le => ord != Greater,
        CompareOp::Eq => ord == Equal,
        CompareOp::Ne => ord != Equal,
        CompareOp::Gt => ord == Greater,
        CompareOp::Ge => ord != Less,
    }
}

/// `a OP b` for two ints (NotImplemented when either is not an int).
pub fn int_binop(a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
    let (Some(x), Some(y)) = (as_int(a), as_int(b)) else {
        return Ok(crate::not_implemented());
    };
    if let (IntRef::Small(x), IntRef::Small(y)) = (x, y) {
        if let Some(r) = small_binop(x, y, op) {
            return r;
        }
    }
    big_binop(x, y, op)
}

/// `x OP y` on two `i64`s when the result is an int that fits; `None` to take the bigint
/// path (overflow, or an operator that needs it).
#[inline]
pub fn small_binop(x: i64, y: i64, op: BinOp) -> Option<PyResult<Value>> {
    let r = match op {
        BinOp::Add => x.checked_add(y)?,
        BinOp::Sub => x.checked_sub(y)?,
        BinOp::Mul => x.checked_mul(y)?,
        BinOp::FloorDiv => {
            if y == 0 {
                return Some(Err(PyErr::zero_division(
                    "integer division or modulo by zero",
                )));
            }
            x.checked_div_euclid(y)?;
            Integer::div_floor(&x, &y)
        }
        BinOp::Mod => {
            if y == 0 {
                return Some(Err(PyErr::zero_division("integer modulo by zero")));
            }
            x.checked_rem(y)?;
            Integer::mod_floor(&x, &y)
        }
        BinOp::And => x & y,
        BinOp::Or => x | y,
        BinOp::Xor => x ^ y,
        BinOp::LShift => {
            if y < 0 {
                return Some(Err(PyErr::value_error("negative shift count")));
            }
            if y >= 63 {
                return None;
            }
            let r = x.checked_shl(y as u32)?;
            if r >> y != x {
                return None;
            }
            r
        }
        BinOp::RShift => {
            if y < 0 {
                return Some(Err(PyErr::value_error("negative shift count")));
            }
            x >> y.min(63)
        }
        BinOp::TrueDiv => {
            if y == 0 {
                return Some(Err(PyErr::zero_division("division by zero")));
            }
            if x.unsigned_abs() < (1 << 53) && y.unsigned_abs() < (1 << 53) {
                return Some(Ok(crate::float::new(x as f64 / y as f64)));
            }
            return None;
        }
        BinOp::Pow => {
            if y < 0 {
                return None;
            }
            let e = u32::try_from(y).ok()?;
            x.checked_pow(e)?
        }
        BinOp::MatMul => return Some(Ok(crate::not_implemented())),
    };
    Some(Ok(from_i64(r)))
}

fn big_binop(x: IntRef<'_>, y: IntRef<'_>, op: BinOp) -> PyResult<Value> {
    let a = x.to_bigint();
    let b = y.to_bigint();
    Ok(match op {
        BinOp::Add => from_bigint(a + b),
        BinOp::Sub => from_bigint(a - b),
        BinOp::Mul => from_bigint(a * b),
        BinOp::FloorDiv => {
            if b.is_zero() {
                return Err(PyErr::zero_division("integer division or modulo by zero"));
            }
            from_bigint(a.div_floor(&b))
        }
        BinOp::Mod => {
            if b.is_zero() {
                return Err(PyErr::zero_division("integer modulo by zero"));
            }
            from_bigint(a.mod_floor(&b))
        }
        BinOp::And => from_bigint(a & b),
        BinOp::Or => from_bigint(a | b),
        BinOp::Xor => from_bigint(a ^ b),
        BinOp::LShift => {
            if b.is_negative() {
                return Err(PyErr::value_error("negative shift count"));
            }
            let n = b
                .to_usize()
                .ok_or_else(|| PyErr::overflow_error("too many digits in integer"))?;
            if a.is_zero() {
                return Ok(Value::small(0));
            }
            from_bigint(a << n)
        }
        BinOp::RShift => {
            if b.is_negative() {
                return Err(PyErr::value_error("negative shift count"));
            }
            match b.to_usize() {
                Some(n) => from_bigint(a >> n),
                None => from_i64(if a.is_negative() { -1 } else { 0 }),
            }
        }
        BinOp::TrueDiv => {
            if b.is_zero() {
                return Err(PyErr::zero_division("division by zero"));
            }
            crate::float::new(true_divide(&a, &b)?)
        }
        BinOp::Pow => {
            if b.is_negative() {
                let base = to_f64(x)?;
                let exp = to_f64(y)?;
                if base == 0.0 {
                    return Err(PyErr::zero_division("zero to a negative power"));
                }
                return Ok(crate::float::new(base.powf(exp)));
            }
            let e = b
                .to_u32()
                .ok_or_else(|| PyErr::overflow_error("exponent too large"))?;
            from_bigint(num_traits::Pow::pow(a, e))
        }
        BinOp::MatMul => crate::not_implemented(),
    })
}

/// `a / b` for ints, correctly rounded (CPython's `long_true_divide`).
fn true_divide(a: &BigInt, b: &BigInt) -> PyResult<f64> {
    let negative = a.is_negative() != b.is_negative();
    let (a, b) = (a.abs(), b.abs());
    // Scale so the quotient has 55+ significant bits, then round once.
    let shift = b.bits() as i64 - a.bits() as i64 + 55;
    let (num, den) = if shift > 0 {
        (a << shift as usize, b)
    } else {
        (a, b << (-shift) as usize)
    };
    let (q, r) = num.div_rem(&den);
    let mut q = q.to_u128().unwrap_or(u128::MAX);
    if !r.is_zero() {
        q |= 1;
    }
    let f = (q as f64) * 2f64.powi(-(shift as i32));
    if f.is_infinite() {
        return Err(PyErr::overflow_error(
            "integer division result too large for a float",
        ));
    }
    Ok(if negative { -f } else { f })
}

fn int_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    let [x, base] = args.bind("int", ["", "base"], 0, 1, 2)?;
    let value = match (x, base) {
        (None, None) => Value::small(0),
        (None, Some(_)) => return Err(PyErr::type_error("int() missing string argument")),
        (Some(x), None) => int_from_object(&x)?,
        (Some(x), Some(base)) => {
            let base = crate::protocol::index_isize(&base, false)?;
            let text = crate::str::text_of(&x).ok_or_else(|| {
                PyErr::type_error("int() can't convert non-string with explicit base")
            })?;
            parse_int(&text, base as u32)?
        }
    };
    if cls.is(&crate::types().int) {
        return Ok(value);
    }
    let b = as_int(&value).expect("int").to_bigint();
    Ok(crate::object::alloc(cls, IntData(b)))
}

/// `int(x)` for one argument.
pub fn int_from_object(x: &Value) -> PyResult<Value> {
    if as_int(x).is_some() {
        return int_exact(x);
    }
    if let Some(text) = crate::str::text_of(x) {
        return parse_int(&text, 10);
    }
    if let Some(f) = x.type_data().slots.unary[UnaryOp::Int as usize].get() {
        return f(x);
    }
    if x.type_data().slots.unary[UnaryOp::Index as usize]
        .get()
        .is_some()
    {
        return crate::protocol::index(x);
    }
    if let Some(trunc) = crate::protocol::lookup_special(x, "__trunc__")? {
        return crate::protocol::call1(&trunc, &[]);
    }
    crate::protocol::unary_op(x, UnaryOp::Int)
}

/// Parses an int literal as `int(text, base)` does (underscores, prefixes, whitespace).
pub fn parse_int(text: &str, base: u32) -> PyResult<Value> {
    let error = || {
        PyErr::value_error(format!(
            "invalid literal for int() with base {base}: {}",
            pyrs_tokenizer::repr::str_repr(text)
        ))
    };
    if base == 1 || base > 36 {
        return Err(PyErr::value_error(
            "int() base must be >= 2 and <= 36, or 0",
        ));
    }
    let s = text.trim_matches(|c: char| c.is_whitespace());
    let (negative, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let lower = digits.to_ascii_lowercase();
    let (radix, body) = match (base, lower.get(..2)) {
        (0 | 16, Some("0x")) => (16, &digits[2..]),
        (0 | 8, Some("0o")) => (8, &digits[2..]),
        (0 | 2, Some("0b")) => (2, &digits[2..]),
        (0, _) => (10, digits),
        (b, _) => (b, digits),
    };
    let body = body
        .strip_prefix('_')
        .filter(|_| radix != 10 || base == 0)
        .unwrap_or(body);
    if body.is_empty() || body.starts_with('_') || body.ends_with('_') || body.contains("__") {
        return Err(error());
    }
    if base == 0
        && radix == 10
        && body.len() > 1
        && body.starts_with('0')
        && !body.trim_start_matches(['0', '_']).is_empty()
    {
        return Err(error());
    }
    let clean: String = body.chars().filter(|&c| c != '_').collect();
    let mut value = BigInt::zero();
    for c in clean.chars() {
        let d = c.to_digit(radix).or_else(|| {
            // Unicode decimal digits count in base 10 and above.
            char_decimal(c).filter(|&d| d < radix)
        });
        match d {
            Some(d) => value = value * radix + d,
            None => return Err(error()),
        }
    }
    if negative {
        value = -value;
    }
    Ok(from_bigint(value))
}

fn char_decimal(c: char) -> Option<u32> {
    if c.is_ascii() {
        return None;
    }
    c.to_digit(10).or_else(|| {
        // Fullwidth and other decimal digit ranges: Nd characters come in runs of ten.
        let cp = c as u32;
        for start in [0x0660, 0x06F0, 0x0966, 0x09E6, 0xFF10] {
            if (start..start + 10).contains(&cp) {
                return Some(cp - start);
            }
        }
        None
    })
}

/// The builder of `bool`.
pub(crate) fn bool_builder() -> TypeBuilder {
    TypeBuilder::new::<IntData>("bool").slots(|s| {
        s.repr.set(Some(|v| {
            Ok(crate::str::intern(
                if as_int(v).is_some_and(|i| !i.is_zero()) {
                    "True"
                } else {
                    "False"
                },
            ))
        }));
        s.new.set(Some(|_, args| {
            let a = args.exact("bool", 0, 1)?;
            match a.first() {
                Some(x) => Ok(crate::bool(crate::protocol::is_true(x)?)),
                None => Ok(crate::bool(false)),
            }
        }));
        macro_rules! logic {
                ($($op:ident),*) => {$(
                    s.number[BinOp::$op as usize].set(Some(|a, b| {
                        let t = crate::types();
                        if a.is_exact(&t.bool) && b.is_exact(&t.bool) {
                            let x = a.is(&t.true_);
                            let y = b.is(&t.true_);
                            return Ok(crate::bool(match BinOp::$op {
                                BinOp::And => x & y,
                                BinOp::Or => x | y,
                                _ => x ^ y,
                            }));
                        }
                        int_binop(a, b, BinOp::$op)
                    }));
                )*};
            }
        logic!(And, Or, Xor);
    })
}
