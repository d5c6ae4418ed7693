//! The `float` type (CPython's Objects/floatobject.c): an IEEE 754 double, printed with the
//! shortest repr that reads back the same.

use num_bigint::{BigInt, BigUint};
use num_traits::{One, Signed, ToPrimitive, Zero};

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
            s.hash.set(Some(|v| {
                let x = as_f64(v).expect("float");
                Ok(if x.is_nan() {
                    crate::protocol::identity_hash(v)
                } else {
                    hash_float(x)
                })
            }));
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
            s.divmod.set(Some(float_divmod));
            s.pow3.set(Some(float_pow3));
        })
        .methods(FLOAT_METHODS)
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
    Ok(int::from_bigint(integral_to_bigint(t)))
}

/// The exact value of an integral, finite float.
pub fn integral_to_bigint(t: f64) -> BigInt {
    let (mantissa, exp) = decompose(t.abs());
    let m = BigInt::from(mantissa);
    let v = if exp >= 0 {
        m << exp as usize
    } else {
        m >> (-exp) as usize
    };
    if t < 0.0 {
        -v
    } else {
        v
    }
}

/// A finite `x >= 0` as `mantissa * 2**exp` with an integer mantissa below 2**53.
fn decompose(x: f64) -> (u64, i64) {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1 << 52) - 1);
    if biased == 0 {
        (frac, -1074)
    } else {
        (frac | (1 << 52), biased - 1075)
    }
}

fn float_richcompare(a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    let x = as_f64(a).expect("float");
    let y = match as_f64(b) {
        Some(y) => y,
        None => match int::as_int(b) {
            Some(i) => match i {
                IntRef::Small(i) if i.unsigned_abs() < (1 << 53) => i as f64,
                other => {
                    return Ok(match compare_with_int(x, other) {
                        Some(ord) => crate::bool(int::compare_result(ord, op)),
                        None => crate::bool(op == CompareOp::Ne),
                    });
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

/// How float `x` compares with int `y`, exactly (`None` for NaN).
pub fn compare_with_int(x: f64, y: IntRef<'_>) -> Option<std::cmp::Ordering> {
    use std::cmp::Ordering;
    if x.is_nan() {
        return None;
    }
    if x.is_infinite() {
        return Some(if x > 0.0 {
            Ordering::Greater
        } else {
            Ordering::Less
        });
    }
    let floor = x.floor();
    let ord = integral_to_bigint(floor).cmp(&y.to_bigint());
    Some(if floor != x && ord != Ordering::Less {
        Ordering::Greater
    } else {
        ord
    })
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

/// `x ** y` for floats (CPython's `float_pow`): a complex number for a negative base and a
/// fractional exponent, ZeroDivisionError for `0.0 ** -y`, OverflowError when a finite base
/// and exponent give infinity.
pub fn float_pow(x: f64, y: f64) -> PyResult<Value> {
    if y == 0.0 {
        return Ok(new(1.0));
    }
    if x.is_nan() {
        return Ok(new(x));
    }
    if y.is_nan() {
        return Ok(new(if x == 1.0 { 1.0 } else { y }));
    }
    if x == 0.0 && y < 0.0 && y.is_finite() {
        return Err(PyErr::zero_division(
            "0.0 cannot be raised to a negative power",
        ));
    }
    if x < 0.0 && x.is_finite() && y.is_finite() && y.fract() != 0.0 {
        return crate::complex::complex_pow_values((x, 0.0), (y, 0.0));
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
    // Bytes-like text: its bytes are read as ASCII.
    if let Some(bytes) = crate::bytes::buffer(x) {
        let parsed = std::str::from_utf8(&bytes)
            .ok()
            .filter(|t| t.is_ascii())
            .and_then(parse_float);
        return parsed.ok_or_else(|| {
            PyErr::value_error(format!(
                "could not convert string to float: {}",
                crate::bytes::repr_bytes(&bytes)
            ))
        });
    }
    Err(PyErr::type_error(format!(
        "float() argument must be a string or a real number, not '{}'",
        x.type_data().name()
    )))
}

/// Parses a float as `float(text)` does (whitespace, underscores between digits, inf, nan).
pub fn parse_float(text: &str) -> Option<f64> {
    let ascii: String;
    let mut s = text.trim();
    if !s.is_ascii() {
        // Decimal digits of any script read as ASCII ones.
        ascii = s
            .chars()
            .map(|c| match int::char_decimal(c) {
                Some(d) => char::from(b'0' + d as u8),
                None => c,
            })
            .collect();
        s = &ascii;
    }
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

// ---------------------------------------------------------------------------------------
// divmod, three-argument pow, and the methods of `float`.

fn float_divmod(a: &Value, b: &Value) -> PyResult<Value> {
    let (Some(x), Some(y)) = (operand(a)?, operand(b)?) else {
        return Ok(crate::not_implemented());
    };
    if y == 0.0 {
        return Err(PyErr::zero_division("float divmod()"));
    }
    let (q, r) = floor_div_mod(x, y);
    Ok(crate::tuple::new(vec![new(q), new(r)]))
}

fn float_pow3(a: &Value, b: &Value, _m: &Value) -> PyResult<Value> {
    if operand(a)?.is_none() || operand(b)?.is_none() {
        return Ok(crate::not_implemented());
    }
    Err(PyErr::type_error(
        "pow() 3rd argument not allowed unless all arguments are integers",
    ))
}

fn self_float(args: &Args<'_>, method: &str) -> PyResult<f64> {
    let v = &args.pos()[0];
    as_f64(v).ok_or_else(|| {
        PyErr::type_error(format!(
            "descriptor '{method}' for 'float' objects doesn't apply to a '{}' object",
            v.type_data().name()
        ))
    })
}

fn float_conjugate(args: Args<'_>) -> PyResult<Value> {
    args.skip_first().exact("conjugate", 0, 0)?;
    Ok(new(self_float(&args, "conjugate")?))
}

fn float_is_integer(args: Args<'_>) -> PyResult<Value> {
    args.skip_first().exact("is_integer", 0, 0)?;
    let x = self_float(&args, "is_integer")?;
    Ok(crate::bool(x.is_finite() && x.fract() == 0.0))
}

fn float_trunc(args: Args<'_>) -> PyResult<Value> {
    args.skip_first().exact("__trunc__", 0, 0)?;
    float_to_int(self_float(&args, "__trunc__")?)
}

fn float_floor(args: Args<'_>) -> PyResult<Value> {
    args.skip_first().exact("__floor__", 0, 0)?;
    float_to_int(self_float(&args, "__floor__")?.floor())
}

fn float_ceil(args: Args<'_>) -> PyResult<Value> {
    args.skip_first().exact("__ceil__", 0, 0)?;
    float_to_int(self_float(&args, "__ceil__")?.ceil())
}

fn float_getnewargs(args: Args<'_>) -> PyResult<Value> {
    args.skip_first().exact("__getnewargs__", 0, 0)?;
    Ok(crate::tuple::new(vec![new(self_float(
        &args,
        "__getnewargs__",
    )?)]))
}

fn float_as_integer_ratio(args: Args<'_>) -> PyResult<Value> {
    args.skip_first().exact("as_integer_ratio", 0, 0)?;
    let x = self_float(&args, "as_integer_ratio")?;
    if x.is_infinite() {
        return Err(PyErr::overflow_error(
            "cannot convert Infinity to integer ratio",
        ));
    }
    if x.is_nan() {
        return Err(PyErr::value_error("cannot convert NaN to integer ratio"));
    }
    let (n, d) = integer_ratio(x);
    Ok(crate::tuple::new(vec![
        int::from_bigint(n),
        int::from_bigint(d),
    ]))
}

/// A finite float as a fraction in lowest terms with a positive denominator.
pub fn integer_ratio(x: f64) -> (BigInt, BigInt) {
    let (mut m, mut e) = decompose(x.abs());
    if m == 0 {
        return (BigInt::zero(), BigInt::one());
    }
    let tz = m.trailing_zeros() as i64;
    m >>= tz;
    e += tz;
    let mut n = BigInt::from(m);
    if x < 0.0 {
        n = -n;
    }
    if e >= 0 {
        (n << e as usize, BigInt::one())
    } else {
        (n, BigInt::one() << (-e) as usize)
    }
}

/// `round(x)`: the nearest int, ties to even.
pub fn round_to_int(x: f64) -> PyResult<Value> {
    float_to_int(x.round_ties_even())
}

/// `round(x, ndigits)`: `x` rounded to `ndigits` decimal places (negative: to tens,
/// hundreds…), correctly rounded from its exact value, ties to even, as CPython's dtoa-based
/// `double_round` does.
pub fn round_digits(x: f64, ndigits: i64) -> PyResult<f64> {
    if !x.is_finite() || x == 0.0 {
        return Ok(x);
    }
    // Beyond these, the result is x itself or a zero (CPython's NDIGITS_MAX and NDIGITS_MIN).
    if ndigits > 323 {
        return Ok(x);
    }
    if ndigits < -308 {
        return Ok(0.0 * x);
    }
    let rounded = if ndigits >= 0 {
        format!("{:.*}", ndigits as usize, x)
            .parse::<f64>()
            .unwrap_or(x)
    } else {
        let (n, d) = integer_ratio(x.abs());
        let p = num_traits::Pow::pow(BigInt::from(10), (-ndigits) as u32);
        let (q, r) = num_integer::Integer::div_mod_floor(&n, &(&d * &p));
        let twice: BigInt = r * 2;
        let unit = &d * &p;
        let q = match twice.cmp(&unit) {
            std::cmp::Ordering::Greater => q + 1,
            std::cmp::Ordering::Equal if num_integer::Integer::is_odd(&q) => q + 1,
            _ => q,
        };
        let v = q * p;
        let f = int::ratio_to_f64(v.magnitude(), &BigUint::one(), 0)
            .ok_or_else(|| PyErr::overflow_error("rounded value too large to represent"))?;
        f.copysign(x)
    };
    if rounded.is_infinite() {
        return Err(PyErr::overflow_error(
            "rounded value too large to represent",
        ));
    }
    Ok(rounded)
}

fn float_round(args: Args<'_>) -> PyResult<Value> {
    let a = args.skip_first().exact("__round__", 0, 1)?;
    let x = self_float(&args, "__round__")?;
    match a.first() {
        Some(n) if !crate::protocol::is_none(n) => {
            let n = crate::protocol::index(n)?;
            let n = match int::as_int(&n).expect("int") {
                IntRef::Small(i) => i,
                IntRef::Big(b) => {
                    if b.is_negative() {
                        i64::MIN
                    } else {
                        i64::MAX
                    }
                }
            };
            Ok(new(round_digits(x, n)?))
        }
        _ => round_to_int(x),
    }
}

fn float_format(args: Args<'_>) -> PyResult<Value> {
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
    let text =
        crate::format_spec::format_float(self_float(&args, "__format__")?, &parsed, &type_name)?;
    Ok(crate::str::new(&text))
}

/// `float.hex()`: `0x1.8000000000000p+0`, `-0x0.0p+0`, `inf`, `nan`.
pub fn float_hex(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = x.abs().to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1 << 52) - 1);
    let (lead, exp) = if biased == 0 {
        (0, -1022)
    } else {
        (1, biased - 1023)
    };
    let exp_sign = if exp < 0 { '-' } else { '+' };
    format!("{sign}0x{lead}.{frac:013x}p{exp_sign}{}", exp.abs())
}

fn float_hex_method(args: Args<'_>) -> PyResult<Value> {
    args.skip_first().exact("hex", 0, 0)?;
    Ok(crate::str::new(&float_hex(self_float(&args, "hex")?)))
}

/// `float.fromhex(text)`.
pub fn float_fromhex(text: &str) -> PyResult<f64> {
    let invalid = || PyErr::value_error("invalid hexadecimal floating-point string");
    let s = text.trim_matches(|c: char| c.is_whitespace());
    let (negative, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let lower = body.to_ascii_lowercase();
    let signed = |v: f64| if negative { -v } else { v };
    match lower.as_str() {
        "inf" | "infinity" => return Ok(signed(f64::INFINITY)),
        "nan" => return Ok(signed(f64::NAN)),
        _ => {}
    }
    let rest = lower.strip_prefix("0x").unwrap_or(&lower);
    let (mantissa, exponent) = match rest.split_once('p') {
        Some((m, e)) => (m, Some(e)),
        None => (rest, None),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if int_part.is_empty() && frac_part.is_empty() {
        return Err(invalid());
    }
    let mut m = BigUint::zero();
    for c in int_part.chars().chain(frac_part.chars()) {
        let d = c.to_digit(16).ok_or_else(invalid)?;
        m = (m << 4u32) + d;
    }
    let exp: i64 = match exponent {
        None => 0,
        Some(e) => {
            let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(invalid());
            }
            // Exponents far beyond any float's saturate.
            let v = digits
                .parse::<i64>()
                .unwrap_or(i64::MAX / 4)
                .min(i64::MAX / 4);
            if e.starts_with('-') {
                -v
            } else {
                v
            }
        }
    };
    let k = exp.saturating_sub(4 * frac_part.len() as i64);
    let v =
        int::ratio_to_f64(&m, &BigUint::one(), k.clamp(-1 << 40, 1 << 40)).ok_or_else(|| {
            PyErr::overflow_error("hexadecimal value too large to represent as a float")
        })?;
    Ok(signed(v))
}

fn float_fromhex_method(args: Args<'_>) -> PyResult<Value> {
    let a = args.skip_first().exact("fromhex", 1, 1)?;
    let text = crate::str::text_of(&a[0]).ok_or_else(|| {
        PyErr::type_error(format!(
            "fromhex() argument must be str, not {}",
            a[0].type_data().name()
        ))
    })?;
    let x = float_fromhex(&text)?;
    let cls = &args.pos()[0];
    if cls.is(&crate::types().float) {
        Ok(new(x))
    } else {
        crate::protocol::call1(cls, &[new(x)])
    }
}

fn float_getformat(args: Args<'_>) -> PyResult<Value> {
    let a = args.skip_first().exact("__getformat__", 1, 1)?;
    let Some(kind) = crate::str::text_of(&a[0]) else {
        return Err(PyErr::type_error(format!(
            "__getformat__() argument must be str, not {}",
            a[0].type_data().name()
        )));
    };
    match kind.as_str() {
        "double" | "float" => Ok(crate::str::new("IEEE, little-endian")),
        _ => Err(PyErr::value_error(
            "__getformat__() argument 1 must be 'double' or 'float'",
        )),
    }
}

fn float_real(v: &Value) -> PyResult<Value> {
    Ok(new(as_f64(v).unwrap_or(0.0)))
}

fn float_imag(_: &Value) -> PyResult<Value> {
    Ok(new(0.0))
}

use crate::native::{MethodDef, MethodKind};

const FLOAT_METHODS: &[MethodDef] = &[
    MethodDef::new("conjugate", MethodKind::Method(float_conjugate)),
    MethodDef::new("is_integer", MethodKind::Method(float_is_integer)),
    MethodDef::new(
        "as_integer_ratio",
        MethodKind::Method(float_as_integer_ratio),
    ),
    MethodDef::new("hex", MethodKind::Method(float_hex_method)),
    MethodDef::new("fromhex", MethodKind::Class(float_fromhex_method)),
    MethodDef::new("__getformat__", MethodKind::Class(float_getformat)),
    MethodDef::new("__trunc__", MethodKind::Method(float_trunc)),
    MethodDef::new("__floor__", MethodKind::Method(float_floor)),
    MethodDef::new("__ceil__", MethodKind::Method(float_ceil)),
    MethodDef::new("__round__", MethodKind::Method(float_round)),
    MethodDef::new("__getnewargs__", MethodKind::Method(float_getnewargs)),
    MethodDef::new("__format__", MethodKind::Method(float_format)),
    MethodDef::new("real", MethodKind::GetSet(float_real, None)),
    MethodDef::new("imag", MethodKind::GetSet(float_imag, None)),
];
