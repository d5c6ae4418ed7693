//! The `int` type (CPython's Objects/longobject.c): integers of any size. Ints in
//! `SMALL_MIN..=SMALL_MAX` are inline in their [`Value`]; others, and instances of `int`
//! subclasses (`bool` included), are heap objects holding an [`IntData`] bigint.
//!
//! Why num-bigint: a well-kept arbitrary-precision integer crate whose multiplication and
//! division scale to the sizes Python programs reach (Karatsuba/Toom-3), so pyrs does not
//! carry its own bignum arithmetic.

use num_bigint::{BigInt, BigUint};
use num_traits::{One, Signed, ToPrimitive, Zero};

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

/// The decimal text of an int (no limit on its length; see [`to_decimal_checked`]).
pub fn to_decimal(value: IntRef<'_>) -> String {
    match value {
        IntRef::Small(i) => i.to_string(),
        IntRef::Big(b) => b.to_string(),
    }
}

static MAX_STR_DIGITS: crate::SyncCell<std::cell::Cell<usize>> =
    crate::SyncCell(std::cell::Cell::new(4300));

/// `sys.get_int_max_str_digits()`: the most decimal digits `str(int)` and `int(str)` handle
/// (0: no limit).
pub fn max_str_digits() -> usize {
    MAX_STR_DIGITS.0.get()
}

/// `sys.set_int_max_str_digits(n)`, with its ValueError for 0 < n < 640.
pub fn set_max_str_digits(n: usize) -> PyResult<()> {
    if n != 0 && n < 640 {
        return Err(PyErr::value_error("maxdigits must be 0 or larger than 640"));
    }
    MAX_STR_DIGITS.0.set(n);
    Ok(())
}

fn str_limit_error(limit: usize) -> PyErr {
    PyErr::value_error(format!(
        "Exceeds the limit ({limit} digits) for integer string conversion; use \
         sys.set_int_max_str_digits() to increase the limit"
    ))
}

/// The decimal text of an int, or CPython's ValueError when it has more digits than
/// [`max_str_digits`] allows.
pub fn to_decimal_checked(value: IntRef<'_>) -> PyResult<String> {
    let limit = max_str_digits();
    if let IntRef::Big(b) = value {
        // At least floor((bits - 1) * log10(2)) + 1 digits: refuse before converting.
        let min_digits = ((b.bits() - 1) as f64 * std::f64::consts::LOG10_2) as usize + 1;
        if limit != 0 && min_digits > limit {
            return Err(str_limit_error(limit));
        }
    }
    let text = to_decimal(value);
    let digits = text.len() - usize::from(text.starts_with('-'));
    if limit != 0 && digits > limit {
        return Err(str_limit_error(limit));
    }
    Ok(text)
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
            s.divmod.set(Some(int_divmod));
            s.pow3.set(Some(int_pow3));
        })
        .methods(INT_METHODS)
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
            let f = ratio_to_f64(b.magnitude(), &BigUint::one(), 0)
                .ok_or_else(|| PyErr::overflow_error("int too large to convert to float"))?;
            Ok(if b.is_negative() { -f } else { f })
        }
    }
}

fn int_repr(v: &Value) -> PyResult<Value> {
    let i = as_int(v).expect("int");
    Ok(crate::str::new(&to_decimal_checked(i)?))
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
#[inline(always)]
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
        BinOp::MatMul => return None,
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
            if a.is_zero() {
                return Ok(Value::small(0));
            }
            let n = b
                .to_usize()
                .ok_or_else(|| PyErr::overflow_error("too many digits in integer"))?;
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
                return crate::float::float_pow(to_f64(x)?, to_f64(y)?);
            }
            match b.to_u32() {
                Some(e) => from_bigint(num_traits::Pow::pow(a, e)),
                None if a.is_zero() || a.is_one() => from_bigint(a),
                None if a == BigInt::from(-1) => from_i64(if b.is_odd() { -1 } else { 1 }),
                None => return Err(PyErr::new(crate::ExcKind::MemoryError, "")),
            }
        }
        BinOp::MatMul => crate::not_implemented(),
    })
}

/// `a / b` for ints, correctly rounded (CPython's `long_true_divide`).
fn true_divide(a: &BigInt, b: &BigInt) -> PyResult<f64> {
    let negative = a.is_negative() != b.is_negative();
    let f = ratio_to_f64(a.magnitude(), b.magnitude(), 0)
        .ok_or_else(|| PyErr::overflow_error("integer division result too large for a float"))?;
    Ok(if negative { -f } else { f })
}

/// `a / b * 2**k` for `b > 0`, correctly rounded to the nearest float (ties to even, through
/// subnormals); `None` when it overflows.
pub fn ratio_to_f64(a: &BigUint, b: &BigUint, k: i64) -> Option<f64> {
    if a.is_zero() {
        return Some(0.0);
    }
    // a / b lies in [2**(diff - 1), 2**(diff + 1)).
    let diff = a.bits() as i64 - b.bits() as i64 + k;
    if diff > 1025 {
        return None;
    }
    if diff < -1080 {
        return Some(0.0);
    }
    // q = floor(a * 2**shift / b) has 55 or 56 bits (fewer far below the normal range), and
    // the value is (q + fraction) * 2**(k - shift).
    let shift = (55 - (diff - k)).min(1076 + k);
    let total = shift - k;
    let (num, den) = if shift >= 0 {
        (a << shift as usize, b.clone())
    } else {
        (a.clone(), b << (-shift) as usize)
    };
    let (q, r) = num.div_rem(&den);
    let q = q.to_u64()?;
    // Drop `extra` low bits so 53 remain, or so the last kept bit is worth 2**-1074.
    let qbits = 64 - q.leading_zeros() as i64;
    let extra = (qbits - 53).max(total - 1074).max(0);
    let mut m = if extra >= 64 { 0 } else { q >> extra };
    if extra > 0 && extra <= 64 {
        let half = 1u64 << (extra - 1);
        let rest = q & ((half << 1).wrapping_sub(1));
        let sticky = !r.is_zero();
        if rest > half || (rest == half && (sticky || m & 1 == 1)) {
            m += 1;
        }
    }
    // The value is m * 2**exp.
    let mut exp = extra - total;
    if m == 1 << 53 {
        m >>= 1;
        exp += 1;
    }
    if m == 0 {
        return Some(0.0);
    }
    let bits = 64 - m.leading_zeros() as i64;
    let top = exp + bits - 1;
    if top > 1023 {
        return None;
    }
    if top < -1022 {
        // Subnormal: exp is -1074 by construction.
        return Some(f64::from_bits(m << (exp + 1074)));
    }
    let mantissa = (m << (53 - bits)) & ((1u64 << 52) - 1);
    Some(f64::from_bits((((top + 1023) as u64) << 52) | mantissa))
}

fn int_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    // A call without keywords is checked as CPython's vectorcall of `int` checks it.
    if !args.has_kwargs() && args.pos().len() > 2 {
        return Err(PyErr::type_error(crate::args::count_message(
            "int",
            0,
            2,
            args.pos().len(),
        )));
    }
    let [x, base] = args.bind("int", ["", "base"], 0, 1, 2)?;
    let value = match (x, base) {
        (None, None) => Value::small(0),
        (None, Some(_)) => return Err(PyErr::type_error("int() missing string argument")),
        (Some(x), None) => int_from_object(&x)?,
        (Some(x), Some(base)) => {
            let base = crate::protocol::index_isize(&base, false)?;
            if x.downcast::<crate::bytes::BytesData>().is_some()
                || x.downcast::<crate::bytearray::ByteArrayData>().is_some()
            {
                // bytes and bytearray are parsed as their ASCII text (`int(b'101', 2)`).
                let raw = crate::bytes::buffer(&x).unwrap_or_default().into_owned();
                let text: String = raw.iter().map(|&b| b as char).collect();
                return parse_int(&text, base as u32)
                    .map_err(|e| bytes_literal_error(e, base, &raw))
                    .map(|v| {
                        if cls.is(&crate::types().int) {
                            v
                        } else {
                            let b = as_int(&v).expect("int").to_bigint();
                            crate::object::alloc(cls, IntData(b))
                        }
                    });
            }
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
    if x.is_small() || x.is_exact(&crate::types().int) {
        return Ok(x.clone());
    }
    let slots = &x.type_data().slots;
    if let Some(f) = slots.unary[UnaryOp::Int as usize].get() {
        let r = f(x)?;
        if as_int(&r).is_none() {
            return Err(PyErr::type_error(format!(
                "__int__ returned non-int (type {})",
                r.type_data().name()
            )));
        }
        return int_exact(&r);
    }
    if slots.unary[UnaryOp::Index as usize].get().is_some() {
        return int_exact(&crate::protocol::index(x)?);
    }
    if let Some(trunc) = crate::protocol::lookup_special(x, "__trunc__")? {
        let r = crate::protocol::call1(&trunc, &[])?;
        if as_int(&r).is_some() {
            return int_exact(&r);
        }
        if !crate::protocol::has_index(&r) {
            return Err(PyErr::type_error(format!(
                "__trunc__ returned non-Integral (type {})",
                r.type_data().name()
            )));
        }
        return int_exact(&crate::protocol::index(&r)?);
    }
    if let Some(text) = crate::str::text_of(x) {
        return parse_int(&text, 10);
    }
    // A bytes-like object is parsed as its ASCII text (`int(b'12')`).
    if let Some(raw) = crate::bytes::buffer(x) {
        let text: String = raw.iter().map(|&b| b as char).collect();
        return parse_int(&text, 10).map_err(|e| bytes_literal_error(e, 10, &raw));
    }
    crate::protocol::unary_op(x, UnaryOp::Int)
}

/// `int()`'s "invalid literal" message: CPython formats the argument with `%.200R`, its repr
/// cut to 200 characters.
fn invalid_literal(base: impl std::fmt::Display, repr: &str) -> PyErr {
    let repr = match repr.char_indices().nth(200) {
        Some((end, _)) => &repr[..end],
        None => repr,
    };
    PyErr::value_error(format!(
        "invalid literal for int() with base {base}: {repr}"
    ))
}

/// The error of parsing a bytes-like argument's text as an int: an invalid literal is
/// reported with the bytes' repr (`b'12a'`), other errors (the base's range, the limit on
/// digits) as they are.
fn bytes_literal_error(error: PyErr, base: isize, raw: &[u8]) -> PyErr {
    let invalid = crate::exceptions::args_of(error.value())
        .first()
        .and_then(crate::str::text_of)
        .is_some_and(|m| m.starts_with("invalid literal"));
    if invalid {
        invalid_literal(base, &crate::bytes::repr_bytes(raw))
    } else {
        error
    }
}

/// Parses an int literal as `int(text, base)` does (underscores, prefixes, whitespace).
pub fn parse_int(text: &str, base: u32) -> PyResult<Value> {
    let error = || invalid_literal(base, &pyrs_tokenizer::repr::str_repr(text));
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
    // One underscore may follow a base prefix (`0x_ff`), never start the digits.
    let prefixed = body.len() != digits.len();
    let body = body.strip_prefix('_').filter(|_| prefixed).unwrap_or(body);
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
    // Every character must be a digit of the base before the length is looked at: an invalid
    // literal is reported as such, however long.
    let digit = |c: char| {
        // Unicode decimal digits count in base 10 and above.
        c.to_digit(radix)
            .or_else(|| char_decimal(c).filter(|&d| d < radix))
    };
    let clean: String = body.chars().filter(|&c| c != '_').collect();
    if !clean.chars().all(|c| digit(c).is_some()) {
        return Err(error());
    }
    let count = clean.chars().count();
    let limit = max_str_digits();
    if limit != 0 && !radix.is_power_of_two() && count > limit {
        return Err(PyErr::value_error(format!(
            "Exceeds the limit ({limit} digits) for integer string conversion: value has \
             {count} digits; use sys.set_int_max_str_digits() to increase the limit"
        )));
    }
    if clean.len() <= 12 {
        // At most 12 digits of base 36 or less: fits in an i64 without overflow.
        let magnitude = clean
            .chars()
            .filter_map(digit)
            .fold(0i64, |v, d| v * radix as i64 + d as i64);
        return Ok(from_i64(if negative { -magnitude } else { magnitude }));
    }
    let value = if clean.is_ascii() {
        BigInt::parse_bytes(clean.as_bytes(), radix).ok_or_else(error)?
    } else {
        let ascii: Vec<u8> = clean
            .chars()
            .filter_map(digit)
            .map(|d| char::from_digit(d, radix).map_or(b'0', |c| c as u8))
            .collect();
        BigInt::parse_bytes(&ascii, radix).ok_or_else(error)?
    };
    Ok(from_bigint(if negative { -value } else { value }))
}

/// The value of a non-ASCII decimal digit (category Nd, any script), which `int()` and
/// `float()` read as the ASCII digit.
pub(crate) fn char_decimal(c: char) -> Option<u32> {
    if c.is_ascii() {
        return None;
    }
    crate::unicode_ctype::decimal_value(c as u32)
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

// ---------------------------------------------------------------------------------------
// divmod, three-argument pow, and the methods of `int`.

fn int_divmod(a: &Value, b: &Value) -> PyResult<Value> {
    let (Some(x), Some(y)) = (as_int(a), as_int(b)) else {
        return Ok(crate::not_implemented());
    };
    if y.is_zero() {
        return Err(PyErr::zero_division("integer division or modulo by zero"));
    }
    if let (IntRef::Small(x), IntRef::Small(y)) = (x, y) {
        if x.checked_rem(y).is_some() {
            let (q, r) = Integer::div_mod_floor(&x, &y);
            return Ok(crate::tuple::new(vec![from_i64(q), from_i64(r)]));
        }
    }
    let (q, r) = x.to_bigint().div_mod_floor(&y.to_bigint());
    Ok(crate::tuple::new(vec![from_bigint(q), from_bigint(r)]))
}

/// `pow(a, b, m)` for ints (CPython's `long_pow` with a modulus): a negative exponent takes
/// the inverse of `a` modulo `m`; the result has the sign of `m`.
fn int_pow3(a: &Value, b: &Value, m: &Value) -> PyResult<Value> {
    let (Some(x), Some(y), Some(z)) = (as_int(a), as_int(b), as_int(m)) else {
        return Ok(crate::not_implemented());
    };
    Ok(from_bigint(mod_pow(
        &x.to_bigint(),
        &y.to_bigint(),
        &z.to_bigint(),
    )?))
}

/// `pow(base, exp, modulus)` on bigints, with CPython's errors.
pub fn mod_pow(base: &BigInt, exp: &BigInt, modulus: &BigInt) -> PyResult<BigInt> {
    if modulus.is_zero() {
        return Err(PyErr::value_error("pow() 3rd argument cannot be 0"));
    }
    let negative_output = modulus.is_negative();
    let m = modulus.abs();
    if m.is_one() {
        return Ok(BigInt::zero());
    }
    let mut base = base.mod_floor(&m);
    let mut exp = exp.clone();
    if exp.is_negative() {
        base = mod_inverse(&base, &m)
            .ok_or_else(|| PyErr::value_error("base is not invertible for the given modulus"))?;
        exp = -exp;
    }
    let r = base.modpow(&exp, &m);
    Ok(if negative_output && !r.is_zero() {
        r - m
    } else {
        r
    })
}

/// The inverse of `a` modulo `m > 1`, if they are coprime.
fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    let (mut old_r, mut r) = (a.clone(), m.clone());
    let (mut old_s, mut s) = (BigInt::one(), BigInt::zero());
    while !r.is_zero() {
        let q = old_r.div_floor(&r);
        let next_r = &old_r - &q * &r;
        old_r = std::mem::replace(&mut r, next_r);
        let next_s = &old_s - &q * &s;
        old_s = std::mem::replace(&mut s, next_s);
    }
    old_r.is_one().then(|| old_s.mod_floor(m))
}

fn self_int<'a>(args: &Args<'a>, method: &str) -> PyResult<IntRef<'a>> {
    let v = &args.pos()[0];
    as_int(v).ok_or_else(|| {
        PyErr::type_error(format!(
            "descriptor '{method}' for 'int' objects doesn't apply to a '{}' object",
            v.type_data().name()
        ))
    })
}

fn int_self_exact(args: Args<'_>) -> PyResult<Value> {
    args.skip_first().exact("method", 0, 0)?;
    int_exact(&args.pos()[0])
}

fn int_bit_length(args: Args<'_>) -> PyResult<Value> {
    args.skip_first().exact("bit_length", 0, 0)?;
    Ok(from_usize(match self_int(&args, "bit_length")? {
        IntRef::Small(i) => (64 - i.unsigned_abs().leading_zeros()) as usize,
        IntRef::Big(b) => b.bits() as usize,
    }))
}

fn int_bit_count(args: Args<'_>) -> PyResult<Value> {
    args.skip_first().exact("bit_count", 0, 0)?;
    Ok(from_usize(match self_int(&args, "bit_count")? {
        IntRef::Small(i) => i.unsigned_abs().count_ones() as usize,
        IntRef::Big(b) => b.magnitude().count_ones() as usize,
    }))
}

fn int_as_integer_ratio(args: Args<'_>) -> PyResult<Value> {
    args.skip_first().exact("as_integer_ratio", 0, 0)?;
    let n = int_exact(&args.pos()[0])?;
    Ok(crate::tuple::new(vec![n, Value::small(1)]))
}

fn int_is_integer(args: Args<'_>) -> PyResult<Value> {
    args.skip_first().exact("is_integer", 0, 0)?;
    Ok(crate::bool(true))
}

fn int_getnewargs(args: Args<'_>) -> PyResult<Value> {
    args.skip_first().exact("__getnewargs__", 0, 0)?;
    let n = int_exact(&args.pos()[0])?;
    Ok(crate::tuple::new(vec![n]))
}

fn int_sizeof(args: Args<'_>) -> PyResult<Value> {
    args.skip_first().exact("__sizeof__", 0, 0)?;
    let bits = match self_int(&args, "__sizeof__")? {
        IntRef::Small(i) => 64 - i.unsigned_abs().leading_zeros() as u64,
        IntRef::Big(b) => b.bits(),
    };
    Ok(from_i64(24 + 4 * bits.div_ceil(30).max(1) as i64))
}

fn int_round(args: Args<'_>) -> PyResult<Value> {
    let a = args.skip_first().exact("__round__", 0, 1)?;
    let v = &args.pos()[0];
    let ndigits = match a.first() {
        Some(n) if !crate::protocol::is_none(n) => crate::protocol::index(n)?,
        _ => return int_exact(v),
    };
    let n = as_int(&ndigits).expect("int");
    if !n.is_negative() {
        return int_exact(v);
    }
    let x = self_int(&args, "__round__")?.to_bigint();
    let digits = n.to_bigint().magnitude().clone();
    // 10**k exceeds |x| for k > bits(x): the result is 0.
    let Some(k) = digits.to_u64().filter(|&k| k <= x.bits() + 1) else {
        return Ok(Value::small(0));
    };
    Ok(from_bigint(round_to_pow10(&x, k as u32)))
}

/// `x` rounded to a multiple of `10**k`, ties to even.
fn round_to_pow10(x: &BigInt, k: u32) -> BigInt {
    let p = num_traits::Pow::pow(BigInt::from(10), k);
    let (q, r) = x.div_mod_floor(&p);
    let twice: BigInt = &r * 2;
    let q = match twice.cmp(&p) {
        std::cmp::Ordering::Greater => q + 1,
        std::cmp::Ordering::Equal if q.is_odd() => q + 1,
        _ => q,
    };
    q * p
}

fn int_format(args: Args<'_>) -> PyResult<Value> {
    let a = args.skip_first().exact("__format__", 1, 1)?;
    let v = &args.pos()[0];
    let spec = crate::str::text_of(&a[0]).ok_or_else(|| {
        PyErr::type_error(format!(
            "__format__() argument must be str, not {}",
            a[0].type_data().name()
        ))
    })?;
    if spec.is_empty() {
        return crate::protocol::str(v);
    }
    let type_name = v.type_data().name();
    let parsed = crate::format_spec::FormatSpec::parse(&spec, &type_name)?;
    let text = crate::format_spec::format_int(self_int(&args, "__format__")?, &parsed, &type_name)?;
    Ok(crate::str::new(&text))
}

fn int_real(v: &Value) -> PyResult<Value> {
    int_exact(v)
}

fn int_imag(_: &Value) -> PyResult<Value> {
    Ok(Value::small(0))
}

fn int_denominator(_: &Value) -> PyResult<Value> {
    Ok(Value::small(1))
}

/// `int.to_bytes`'s bytes: `length` bytes in `little`-endian or big-endian order, two's
/// complement when `signed`, with CPython's OverflowErrors.
pub fn to_bytes(value: IntRef<'_>, length: usize, little: bool, signed: bool) -> PyResult<Vec<u8>> {
    let b = value.to_bigint();
    if b.is_negative() && !signed {
        return Err(PyErr::overflow_error(
            "can't convert negative int to unsigned",
        ));
    }
    let mut bytes = if b.is_zero() {
        Vec::new()
    } else if signed {
        b.to_signed_bytes_le()
    } else {
        b.magnitude().to_bytes_le()
    };
    let fill = if b.is_negative() { 0xff } else { 0 };
    if bytes.len() > length {
        return Err(PyErr::overflow_error("int too big to convert"));
    }
    bytes.resize(length, fill);
    if !little {
        bytes.reverse();
    }
    Ok(bytes)
}

/// `int.from_bytes`'s value.
pub fn from_bytes(bytes: &[u8], little: bool, signed: bool) -> BigInt {
    let mut le = bytes.to_vec();
    if !little {
        le.reverse();
    }
    if signed {
        BigInt::from_signed_bytes_le(&le)
    } else {
        BigInt::from_bytes_le(num_bigint::Sign::Plus, &le)
    }
}

/// The `byteorder` argument of `to_bytes`/`from_bytes`: whether it is `'little'`.
fn byteorder_arg(v: Option<&Value>) -> PyResult<bool> {
    let Some(v) = v else {
        return Ok(false);
    };
    match crate::str::text_of(v).as_deref() {
        Some("little") if v.downcast::<crate::str::StrData>().is_some() => Ok(true),
        Some("big") if v.downcast::<crate::str::StrData>().is_some() => Ok(false),
        _ if v.downcast::<crate::str::StrData>().is_none() => Err(PyErr::type_error(format!(
            "to_bytes() argument 'byteorder' must be str, not {}",
            v.type_data().name()
        ))),
        _ => Err(PyErr::value_error(
            "byteorder must be either 'little' or 'big'",
        )),
    }
}

/// `int.to_bytes(length=1, byteorder='big', *, signed=False)`.
fn int_to_bytes(args: Args<'_>) -> PyResult<Value> {
    let x = self_int(&args, "to_bytes")?;
    let [length, byteorder, signed] =
        args.skip_first()
            .bind("to_bytes", ["length", "byteorder", "signed"], 0, 0, 2)?;
    let length = match &length {
        Some(n) => crate::protocol::index_isize(n, false)?,
        None => 1,
    };
    if length < 0 {
        return Err(PyErr::value_error("length argument must be non-negative"));
    }
    let little = byteorder_arg(byteorder.as_ref())?;
    let signed = match &signed {
        Some(v) => crate::protocol::is_true(v)?,
        None => false,
    };
    Ok(crate::bytes::new(to_bytes(
        x,
        length as usize,
        little,
        signed,
    )?))
}

/// `int.from_bytes(bytes, byteorder='big', *, signed=False)`, a class method: a subclass
/// is called with the int.
fn int_from_bytes(args: Args<'_>) -> PyResult<Value> {
    let cls = args.pos()[0].clone();
    let [source, byteorder, signed] =
        args.skip_first()
            .bind("from_bytes", ["bytes", "byteorder", "signed"], 1, 0, 2)?;
    let source = source.expect("required");
    let little = byteorder_arg(byteorder.as_ref())?;
    let signed = match &signed {
        Some(v) => crate::protocol::is_true(v)?,
        None => false,
    };
    let data = match crate::bytes::as_bytes_like(&source) {
        Some(b) => b,
        None => {
            let b = crate::protocol::call1(crate::bytes::bytes_type(), &[source])?;
            crate::bytes::as_bytes_like(&b).unwrap_or_default()
        }
    };
    let value = from_bigint(from_bytes(&data, little, signed));
    if cls.is(&crate::types().int) {
        return Ok(value);
    }
    crate::protocol::call1(&cls, &[value])
}

use crate::native::{MethodDef, MethodKind};

const INT_METHODS: &[MethodDef] = &[
    MethodDef::new("to_bytes", MethodKind::Method(int_to_bytes)),
    MethodDef::new("from_bytes", MethodKind::Class(int_from_bytes)),
    MethodDef::new("conjugate", MethodKind::Method(int_self_exact)),
    MethodDef::new("bit_length", MethodKind::Method(int_bit_length)),
    MethodDef::new("bit_count", MethodKind::Method(int_bit_count)),
    MethodDef::new("as_integer_ratio", MethodKind::Method(int_as_integer_ratio)),
    MethodDef::new("is_integer", MethodKind::Method(int_is_integer)),
    MethodDef::new("__trunc__", MethodKind::Method(int_self_exact)),
    MethodDef::new("__floor__", MethodKind::Method(int_self_exact)),
    MethodDef::new("__ceil__", MethodKind::Method(int_self_exact)),
    MethodDef::new("__round__", MethodKind::Method(int_round)),
    MethodDef::new("__getnewargs__", MethodKind::Method(int_getnewargs)),
    MethodDef::new("__format__", MethodKind::Method(int_format)),
    MethodDef::new("__sizeof__", MethodKind::Method(int_sizeof)),
    MethodDef::new("real", MethodKind::GetSet(int_real, None)),
    MethodDef::new("imag", MethodKind::GetSet(int_imag, None)),
    MethodDef::new("numerator", MethodKind::GetSet(int_real, None)),
    MethodDef::new("denominator", MethodKind::GetSet(int_denominator, None)),
];
