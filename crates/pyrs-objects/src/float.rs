//! The `float` type (CPython's Objects/floatobject.c): an IEEE 754 double, printed with the
//! shortest repr that reads back the same.

use num_traits::ToPrimitive;

use crate::args::Args;
use crate::error::{PyErr, PyResult};
use crate::int::{self, IntRef};
use crate::object::Payload;
use crate::typeobject::{BinOp, CompareOp, TypeBuilder, UnaryOp};
use crate::value::Value;

/// The payload of a `float`.
pub struct FloatData(pub f64);

impl Payload for FloatData {}

/// A new `float`.
#[inline]
pub fn new(x: f64) -> Value {
    crate::object::alloc(&crate::types().float, FloatData(x))
}

/// The value of a `float` (or subclass) object.
#[inline]
pub fn as_f64(v: &Value) -> Option<f64> {
    v.downcast::<FloatData>().map(|f| f.0)
}

/// The value of a float or int operand of arithmetic, or `None` for another type
/// (OverflowError for an int too large).
pub fn operand(v: &Value) -> PyResult<Option<f64>> {
    if let Some(f) = as_f64(v) {
        return Ok(Some(f));
    }
    match int::as_int(v) {
        Some(i) => int::to_f64(i).map(Some),
        None => Ok(None),
    }
}

/// `hash()` of a float, as CPython computes it (equal to the hash of an equal int).
pub fn hash_float(x: f64) -> i64 {
    if x.is_nan() {
        return 0;
    }
    if x.is_infinite() {
        return if x > 0.0 { 314159 } else { -314159 };
    }
    if x.fract() == 0.0 && x.abs() < 9.2e18 {
        return int::hash_int(IntRef::Small(x as i64));
    }
    let modulus = int::HASH_MODULUS as u64;
    let (mut m, mut e) = frexp(x.abs());
    let mut h: u64 = 0;
    while m != 0.0 {
        h = ((h << 28) & modulus) | (h >> (61 - 28));
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        h += y;
        if h >= modulus {
            h -= modulus;
        }
    }
    let e = if e >= 0 {
        e % 61
    } else {
        61 - 1 - ((-1 - e) % 61)
    };
    h = ((h << e) & modulus) | (h >> (61 - e));
    let mut h = h as i64;
    if x < 0.0 {
        h = -h;
    }
    if h == -1 {
        -2
    } else {
        h
    }
}

fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 {
        return (0.0, 0);
    }
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        let (m, e) = frexp(x * 2f64.powi(64));
        return (m, e - 64);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exp - 1022)
}

/// The builder of `float`.
pub(crate) fn type_builder() -> TypeBuilder {
    TypeBuilder::new::<FloatData>("float")
        .subclassable()
        .slots(|s| {
            s.repr.set(Some(|v| {
                Ok(crate::str::new(&pyrs_ast::repr::float_repr(
                    as_f64(v).expect("float"),
                )))
            }));
            s.hash
                .set(Some(|v| Ok(hash_float(as_f64(v).expect("float")))));
            s.richcompare.set(Some(float_richcompare));
            s.bool.set(Some(|v| Ok(as_f64(v).expect("float") != 0.0)));
            s.new.set(Some(float_new));
            macro_rules! ops {
                ($($op:ident),*) => {$(
                    s.number[BinOp::$op as usize].set(Some(|a, b| float_binop(a, b, BinOp::$op)));
                )*};
            }
            ops!(Add, Sub, Mul, TrueDiv, FloorDiv, Mod, Pow);
            s.unary[UnaryOp::Neg as usize].set(Some(|v| Ok(new(-as_f64(v).expect("float")))));
            s.unary[UnaryOp::Pos as usize].set(Some(|v| Ok(new(as_f64(v).expect("float")))));
            s.unary[UnaryOp::Abs as usize].set(Some(|v| Ok(new(as_f64(v).expect("float").abs()))));
            s.unary[UnaryOp::Float as usize].set(Some(|v| Ok(new(as_f64(v).expect("float")))));
            s.unary[UnaryOp::Int as usize].set(Some(|v| float_to_int(as_f64(v).expect("float"))));
        })
}

/// `int(x)` of a float: truncation, with CPython's errors for inf and nan.
pub fn float_to_int(x: f64) -> PyResult<Value> {
    if x.is_nan() {
        return Err(PyErr::value_error("cannot convert float NaN to integer"));
    }
    if x.is_infinite() {
        return Err(PyErr::overflow_error(
            "cannot convert float infinity to integer",
        ));
    }
    let t = x.trunc();
    if t.abs() < 9.0e18 {
        return Ok(int::from_i64(t as i64));
    }
    Ok(int::from_bigint(num_bigint::BigInt::from(t as i128).max(
        num_traits::FromPrimitive::from_f64(t).unwrap_or_default(),
    )))
}

fn float_richcompare(a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    let x = as_f64(a).expect("float");
    let y = match as_f64(b) {
        Some(y) => y,
        None => match int::as_int(b) {
            Some(i) => match i {
                IntRef::Small(i) if i.unsigned_abs() < (1 << 53) => i as f64,
                other => {
                    // Compare exactly against a large int.
                    if x.is_nan() {
                        return Ok(crate::bool(op == CompareOp::Ne));
                    }
                    if x.is_infinite() {
                        let ord = if x > 0.0 {
                            std::cmp::Ordering::Greater
                        } else {
                            std::cmp::Ordering::Less
                        };
                        return Ok(crate::bool(int::compare_result(ord, op)));
                    }
                    let xi = num_bigint::BigInt::from(x.trunc() as i128);
                    let yi = other.to_bigint();
                    let ord = xi.cmp(&yi).then_with(|| {
                        let f = x - x.trunc();
                        f.partial_cmp(&0.0).unwrap_or(std::cmp::Ordering::Equal)
                    });
                    return Ok(crate::bool(int::compare_result(ord, op)));
                }
            },
            None => return Ok(crate::not_implemented()),
        },
    };
    Ok(crate::bool(match op {
        CompareOp::Lt => x < y,
        CompareOp::Le => x <= y,
        CompareOp::Eq => x == y,
        CompareOp::Ne => x != y,
        CompareOp::Gt => x > y,
        CompareOp::Ge => x >= y,
    }))
}

/// `a OP b` where either is a float.
pub fn float_binop(a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
    let (Some(x), Some(y)) = (operand(a)?, operand(b)?) else {
        return Ok(crate::not_implemented());
    };
    Ok(new(match op {
        BinOp::Add => x + y,
        BinOp::Sub => x - y,
        BinOp::Mul => x * y,
        BinOp::TrueDiv => {
            if y == 0.0 {
                return Err(PyErr::zero_division("float division by zero"));
            }
            x / y
        }
        BinOp::FloorDiv => {
            if y == 0.0 {
                return Err(PyErr::zero_division("float floor division by zero"));
            }
            floor_div_mod(x, y).0
        }
        BinOp::Mod => {
            if y == 0.0 {
                return Err(PyErr::zero_division("float modulo by zero"));
            }
            floor_div_mod(x, y).1
        }
        BinOp::Pow => return float_pow(x, y),
        _ => return Ok(crate::not_implemented()),
    }))
}

/// Python's `divmod` for floats (CPython's `_float_div_mod`).
pub fn floor_div_mod(x: f64, y: f64) -> (f64, f64) {
    let mut m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(y);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(x / y)
    };
    (floordiv, m)
}

fn float_pow(x: f64, y: f64) -> PyResult<Value> {
    if x == 0.0 && y < 0.0 {
        return Err(PyErr::zero_division("zero to a negative power"));
    }
    if x < 0.0 && y.fract() != 0.0 && y.is_finite() {
        // A complex result.
        return (crate::hooks::get().complex_pow)(x, y);
    }
    let r = x.powf(y);
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(PyErr::overflow_error(
            "(34, 'Numerical result out of range')",
        ));
    }
    Ok(new(r))
}

fn float_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("float", 0, 1)?;
    let value = match a.first() {
        None => 0.0,
        Some(x) => float_from_object(x)?,
    };
    if cls.is(&crate::types().float) {
        return Ok(new(value));
    }
    Ok(crate::object::alloc(cls, FloatData(value)))
}

/// `float(x)` for one argument.
pub fn float_from_object(x: &Value) -> PyResult<f64> {
    if let Some(f) = as_f64(x) {
        return Ok(f);
    }
    if let Some(i) = int::as_int(x) {
        return int::to_f64(i);
    }
    if let Some(text) = crate::str::text_of(x) {
        return parse_float(&text).ok_or_else(|| {
            PyErr::value_error(format!(
                "could not convert string to float: {}",
                pyrs_tokenizer::repr::str_repr(&text)
            ))
        });
    }
    if let Some(f) = x.type_data().slots.unary[UnaryOp::Float as usize].get() {
        let r = f(x)?;
        return as_f64(&r).ok_or_else(|| {
            PyErr::type_error(format!(
                "{}.__float__ returned non-float (type {})",
                x.type_data().name(),
                r.type_data().name()
            ))
        });
    }
    if x.type_data().slots.unary[UnaryOp::Index as usize]
        .get()
        .is_some()
    {
        let i = crate::protocol::index(x)?;
        return int::to_f64(int::as_int(&i).expect("int"));
    }
    Err(PyErr::type_error(format!(
        "float() argument must be a string or a real number, not '{}'",
        x.type_data().name()
    )))
}

/// Parses a float as `float(text)` does (whitespace, underscores between digits, inf, nan).
pub fn parse_float(text: &str) -> Option<f64> {
    let s = text.trim();
    let lower = s.to_ascii_lowercase();
    let unsigned = lower.trim_start_matches(['+', '-']);
    if lower.len() - unsigned.len() > 1 {
        return None;
    }
    let negative = lower.starts_with('-');
    let special = match unsigned {
        "inf" | "infinity" => Some(f64::INFINITY),
        "nan" => Some(f64::NAN),
        _ => None,
    };
    if let Some(v) = special {
        return Some(if negative { -v } else { v });
    }
    if s.contains("__") || s.starts_with('_') || s.ends_with('_') {
        return None;
    }
    let bytes = s.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'_' {
            let prev = bytes.get(i.wrapping_sub(1)).copied().unwrap_or(b' ');
            let next = bytes.get(i + 1).copied().unwrap_or(b' ');
            if !prev.is_ascii_digit() || !next.is_ascii_digit() {
                return None;
            }
        }
    }
    let clean: String = s.chars().filter(|&c| c != '_').collect();
    if clean.is_empty()
        || !clean
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
    {
        return None;
    }
    clean.parse::<f64>().ok()
}

/// The float as an `i64` if it is integral and fits.
pub fn as_exact_i64(x: f64) -> Option<i64> {
    if x.fract() == 0.0 {
        x.to_i64()
    } else {
        None
    }
}
