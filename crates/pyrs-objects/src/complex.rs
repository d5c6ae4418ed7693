//! The `complex` type (CPython's Objects/complexobject.c): a pair of doubles, with CPython's
//! algorithms for division (scaled, Smith's method) and powers (repeated squaring for small
//! integral exponents), its reprs, hash and constructor.

use std::sync::OnceLock;

use crate::args::Args;
use crate::error::{PyErr, PyResult};
use crate::float;
use crate::int;
use crate::native::{MethodDef, MethodKind};
use crate::object::Payload;
use crate::typeobject::{BinOp, CompareOp, TypeBuilder, UnaryOp};
use crate::value::Value;
use crate::SyncCell;

/// The payload of a `complex`.
pub struct ComplexData {
    /// The real part.
    pub re: f64,
    /// The imaginary part.
    pub im: f64,
}

impl Payload for ComplexData {}

static TYPE: OnceLock<SyncCell<Value>> = OnceLock::new();

/// The `complex` type.
pub fn complex_type() -> &'static Value {
    &TYPE.get_or_init(|| SyncCell(type_builder().build())).0
}

/// A new `complex`.
pub fn new(re: f64, im: f64) -> Value {
    crate::object::alloc(complex_type(), ComplexData { re, im })
}

/// The parts of a `complex` (or subclass) object.
pub fn as_complex(v: &Value) -> Option<(f64, f64)> {
    v.downcast::<ComplexData>().map(|c| (c.re, c.im))
}

/// An operand of complex arithmetic: a complex, float or int (OverflowError for an int too
/// large), or `None` for another type.
fn operand(v: &Value) -> PyResult<Option<(f64, f64)>> {
    if let Some(c) = as_complex(v) {
        return Ok(Some(c));
    }
    Ok(float::operand(v)?.map(|x| (x, 0.0)))
}

fn type_builder() -> TypeBuilder {
    TypeBuilder::new::<ComplexData>("complex")
        .subclassable()
        .slots(|s| {
            s.repr.set(Some(|v| {
                let (re, im) = as_complex(v).expect("complex");
                Ok(crate::str::new(&pyrs_ast::repr::complex_repr(re, im)))
            }));
            s.hash.set(Some(complex_hash));
            s.richcompare.set(Some(complex_richcompare));
            s.bool.set(Some(|v| {
                let (re, im) = as_complex(v).expect("complex");
                Ok(re != 0.0 || im != 0.0)
            }));
            s.new.set(Some(complex_new));
            macro_rules! ops {
                ($($op:ident),*) => {$(
                    s.number[BinOp::$op as usize].set(Some(|a, b| complex_binop(a, b, BinOp::$op)));
                )*};
            }
            ops!(Add, Sub, Mul, TrueDiv, Pow);
            s.pow3.set(Some(|a, b, _| {
                if operand(a)?.is_none() || operand(b)?.is_none() {
                    return Ok(crate::not_implemented());
                }
                Err(PyErr::value_error("complex modulo"))
            }));
            s.unary[UnaryOp::Neg as usize].set(Some(|v| {
                let (re, im) = as_complex(v).expect("complex");
                Ok(new(-re, -im))
            }));
            s.unary[UnaryOp::Pos as usize].set(Some(|v| {
                let (re, im) = as_complex(v).expect("complex");
                Ok(new(re, im))
            }));
            s.unary[UnaryOp::Abs as usize].set(Some(|v| {
                let (re, im) = as_complex(v).expect("complex");
                Ok(float::new(complex_abs(re, im)?))
            }));
        })
        .methods(COMPLEX_METHODS)
}

/// `abs(complex(re, im))`, OverflowError "absolute value too large" when finite parts give
/// infinity.
pub fn complex_abs(re: f64, im: f64) -> PyResult<f64> {
    let r = re.hypot(im);
    if r.is_infinite() && re.is_finite() && im.is_finite() {
        return Err(PyErr::overflow_error("absolute value too large"));
    }
    Ok(r)
}

/// `hash(complex(re, im))` for parts that are not NaN: CPython's combination of the parts'
/// hashes.
pub fn hash_complex(re: f64, im: f64) -> i64 {
    let h = (float::hash_float(re) as u64)
        .wrapping_add(1000003u64.wrapping_mul(float::hash_float(im) as u64)) as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}

fn complex_hash(v: &Value) -> PyResult<i64> {
    let (re, im) = as_complex(v).expect("complex");
    let part = |x: f64| {
        if x.is_nan() {
            crate::protocol::identity_hash(v)
        } else {
            float::hash_float(x)
        }
    };
    let h = (part(re) as u64).wrapping_add(1000003u64.wrapping_mul(part(im) as u64)) as i64;
    Ok(if h == -1 { -2 } else { h })
}

fn complex_richcompare(a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(crate::not_implemented());
    }
    let (re, im) = as_complex(a).expect("complex");
    let equal = if let Some(i) = int::as_int(b) {
        im == 0.0 && float::compare_with_int(re, i) == Some(std::cmp::Ordering::Equal)
    } else if let Some(f) = float::as_f64(b) {
        re == f && im == 0.0
    } else if let Some((re2, im2)) = as_complex(b) {
        re == re2 && im == im2
    } else {
        return Ok(crate::not_implemented());
    };
    Ok(crate::bool(equal == (op == CompareOp::Eq)))
}

fn complex_binop(a: &Value, b: &Value, op: BinOp) -> PyResult<Value> {
    let (Some(x), Some(y)) = (operand(a)?, operand(b)?) else {
        return Ok(crate::not_implemented());
    };
    let (re, im) = match op {
        BinOp::Add => (x.0 + y.0, x.1 + y.1),
        BinOp::Sub => (x.0 - y.0, x.1 - y.1),
        BinOp::Mul => prod(x, y),
        BinOp::TrueDiv => {
            quot(x, y).ok_or_else(|| PyErr::zero_division("complex division by zero"))?
        }
        BinOp::Pow => return complex_pow_values(x, y),
        _ => return Ok(crate::not_implemented()),
    };
    Ok(new(re, im))
}

type C = (f64, f64);

fn prod(a: C, b: C) -> C {
    (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0)
}

/// `a / b` (CPython's `_Py_c_quot`): scaled so the intermediate products cannot overflow when
/// the quotient does not, with infinities and zeros recovered from `nan+nanj`; `None` for a
/// zero divisor.
fn quot(a: C, b: C) -> Option<C> {
    let abs_br = b.0.abs();
    let abs_bi = b.1.abs();
    let mut r = if abs_br >= abs_bi {
        if abs_br == 0.0 {
            return None;
        }
        let ratio = b.1 / b.0;
        let denom = b.0 + b.1 * ratio;
        ((a.0 + a.1 * ratio) / denom, (a.1 - a.0 * ratio) / denom)
    } else if abs_bi >= abs_br {
        let ratio = b.0 / b.1;
        let denom = b.0 * ratio + b.1;
        ((a.0 * ratio + a.1) / denom, (a.1 * ratio - a.0) / denom)
    } else {
        (f64::NAN, f64::NAN)
    };
    if r.0.is_nan() && r.1.is_nan() {
        if (a.0.is_infinite() || a.1.is_infinite()) && b.0.is_finite() && b.1.is_finite() {
            let x = (if a.0.is_infinite() { 1.0 } else { 0.0f64 }).copysign(a.0);
            let y = (if a.1.is_infinite() { 1.0 } else { 0.0f64 }).copysign(a.1);
            r = (
                f64::INFINITY * (x * b.0 + y * b.1),
                f64::INFINITY * (y * b.0 - x * b.1),
            );
        } else if (abs_br.is_infinite() || abs_bi.is_infinite())
            && a.0.is_finite()
            && a.1.is_finite()
        {
            let x = (if b.0.is_infinite() { 1.0 } else { 0.0f64 }).copysign(b.0);
            let y = (if b.1.is_infinite() { 1.0 } else { 0.0f64 }).copysign(b.1);
            r = (0.0 * (a.0 * x + a.1 * y), 0.0 * (a.1 * x - a.0 * y));
        }
    }
    Some(r)
}

/// `a ** b` as CPython's `complex_pow` computes it: repeated squaring for integral real
/// exponents up to 100 in size, else polar form; ZeroDivisionError for zero to a negative or
/// complex power, OverflowError when a part comes out infinite.
pub fn complex_pow_values(a: C, b: C) -> PyResult<Value> {
    let zero_error = || PyErr::zero_division("0.0 to a negative or complex power");
    let r = if b.1 == 0.0 && b.0 == b.0.floor() && b.0.abs() <= 100.0 {
        let n = b.0 as i64;
        if n >= 0 {
            powu(a, n as u64)
        } else {
            quot((1.0, 0.0), powu(a, n.unsigned_abs())).ok_or_else(zero_error)?
        }
    } else if b.0 == 0.0 && b.1 == 0.0 {
        (1.0, 0.0)
    } else if a.0 == 0.0 && a.1 == 0.0 {
        if b.1 != 0.0 || b.0 < 0.0 {
            return Err(zero_error());
        }
        (0.0, 0.0)
    } else {
        let vabs = a.0.hypot(a.1);
        let mut len = vabs.powf(b.0);
        let at = a.1.atan2(a.0);
        let mut phase = at * b.0;
        if b.1 != 0.0 {
            len /= (at * b.1).exp();
            phase += b.1 * vabs.ln();
        }
        if phase.is_infinite() {
            // cos and sin of an infinity are domain errors, reported as CPython does.
            return Err(zero_error());
        }
        (len * phase.cos(), len * phase.sin())
    };
    if r.0.is_infinite() || r.1.is_infinite() {
        return Err(PyErr::overflow_error("complex exponentiation"));
    }
    Ok(new(r.0, r.1))
}

fn powu(x: C, n: u64) -> C {
    let mut r = (1.0, 0.0);
    let mut p = x;
    let mut mask: u64 = 1;
    while mask > 0 && n >= mask {
        if n & mask != 0 {
            r = prod(r, p);
        }
        mask <<= 1;
        p = prod(p, p);
    }
    r
}

fn malformed() -> PyErr {
    PyErr::value_error("complex() arg is a malformed string")
}

/// The longest prefix of `s` that reads as a float (sign, digits, point, exponent, `inf`,
/// `infinity`, `nan`): its value and length.
fn scan_float(s: &str) -> Option<(f64, usize)> {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i = 1;
    }
    let lower = s[i..].to_ascii_lowercase();
    for word in ["infinity", "inf", "nan"] {
        if lower.starts_with(word) {
            let end = i + word.len();
            return float::parse_float(&s[..end]).map(|v| (v, end));
        }
    }
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    let mut n = digits(&mut i);
    if b.get(i) == Some(&b'.') {
        i += 1;
        n += digits(&mut i);
    }
    if n == 0 {
        return None;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        if matches!(b.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        if digits(&mut j) > 0 {
            i = j;
        }
    }
    float::parse_float(&s[..i]).map(|v| (v, i))
}

/// Parses `complex(text)`: `1`, `2j`, `1+2j`, `(1-2.5e3j)`, `-j`, `inf+nanj`.
pub fn parse_complex(text: &str) -> PyResult<(f64, f64)> {
    let mut s = text.trim_matches(|c: char| c.is_whitespace());
    if let Some(inner) = s.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        s = inner.trim_matches(|c: char| c.is_whitespace());
    }
    let cleaned: String;
    if s.contains('_') {
        let b = s.as_bytes();
        let ok = b.iter().enumerate().all(|(i, &c)| {
            c != b'_'
                || (i > 0
                    && b[i - 1].is_ascii_digit()
                    && b.get(i + 1).is_some_and(u8::is_ascii_digit))
        });
        if !ok {
            return Err(PyErr::value_error(format!(
                "could not convert string to complex: {}",
                pyrs_tokenizer::repr::str_repr(text)
            )));
        }
        cleaned = s.replace('_', "");
        s = &cleaned;
    }
    let is_j = |t: &str| t == "j" || t == "J";
    let unit = |t: &str| -> Option<f64> {
        match t {
            "j" | "J" | "+j" | "+J" => Some(1.0),
            "-j" | "-J" => Some(-1.0),
            _ => None,
        }
    };
    if let Some(im) = unit(s) {
        return Ok((0.0, im));
    }
    let (x, n) = scan_float(s).ok_or_else(malformed)?;
    let rest = &s[n..];
    if rest.is_empty() {
        return Ok((x, 0.0));
    }
    if is_j(rest) {
        return Ok((0.0, x));
    }
    if !rest.starts_with(['+', '-']) {
        return Err(malformed());
    }
    if let Some(im) = unit(rest) {
        return Ok((x, im));
    }
    let (y, m) = scan_float(rest).ok_or_else(malformed)?;
    if is_j(&rest[m..]) {
        Ok((x, y))
    } else {
        Err(malformed())
    }
}

/// `complex(x)`'s parts for a number: `__complex__`, else `float(x)`; `None` when `x` is not
/// a number.
fn number_parts(x: &Value) -> PyResult<Option<((f64, f64), bool)>> {
    if let Some(c) = as_complex(x) {
        return Ok(Some((c, true)));
    }
    if let Some(method) = crate::protocol::lookup_special(x, "__complex__")? {
        let r = crate::protocol::call1(&method, &[])?;
        return match as_complex(&r) {
            Some(c) => Ok(Some((c, true))),
            None => Err(PyErr::type_error(format!(
                "__complex__ returned non-complex (type {})",
                r.type_data().name()
            ))),
        };
    }
    if let Some(f) = float::as_f64(x) {
        return Ok(Some(((f, 0.0), false)));
    }
    if let Some(i) = int::as_int(x) {
        return Ok(Some(((int::to_f64(i)?, 0.0), false)));
    }
    let slots = &x.type_data().slots;
    if slots.unary[UnaryOp::Float as usize].get().is_some()
        || slots.unary[UnaryOp::Index as usize].get().is_some()
    {
        return Ok(Some(((float::float_from_object(x)?, 0.0), false)));
    }
    Ok(None)
}

fn complex_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    let [real, imag] = args.bind("complex", ["real", "imag"], 0, 0, 2)?;
    let (re, im) = match (&real, &imag) {
        (None, None) => (0.0, 0.0),
        (Some(r), _) if crate::str::text_of(r).is_some() => {
            if imag.is_some() {
                return Err(PyErr::type_error(
                    "complex() can't take second arg if first is a string",
                ));
            }
            parse_complex(&crate::str::text_of(r).unwrap_or_default())?
        }
        _ => {
            if let Some(i) = &imag {
                if crate::str::text_of(i).is_some() {
                    return Err(PyErr::type_error("complex() second arg can't be a string"));
                }
            }
            if let (Some(r), None) = (&real, &imag) {
                if r.is_exact(complex_type()) && cls.is(complex_type()) {
                    return Ok(r.clone());
                }
            }
            let (cr, cr_complex) = match &real {
                Some(r) => number_parts(r)?.ok_or_else(|| {
                    PyErr::type_error(format!(
                        "complex() first argument must be a string or a number, not '{}'",
                        r.type_data().name()
                    ))
                })?,
                None => ((0.0, 0.0), false),
            };
            let mut re = cr.0;
            let im = match &imag {
                None => cr.1,
                Some(i) => {
                    let (ci, ci_complex) = if let Some(c) = as_complex(i) {
                        (c, true)
                    } else {
                        match number_parts(i)? {
                            Some((c, _)) => (c, false),
                            None => {
                                return Err(PyErr::type_error(format!(
                                    "complex() second argument must be a number, not '{}'",
                                    i.type_data().name()
                                )))
                            }
                        }
                    };
                    let mut im = ci.0;
                    if ci_complex {
                        re -= ci.1;
                    }
                    if cr_complex {
                        im += cr.1;
                    }
                    im
                }
            };
            (re, im)
        }
    };
    if cls.is(complex_type()) {
        Ok(new(re, im))
    } else {
        Ok(crate::object::alloc(cls, ComplexData { re, im }))
    }
}

fn self_complex(args: &Args<'_>, method: &str) -> PyResult<(f64, f64)> {
    let v = &args.pos()[0];
    as_complex(v).ok_or_else(|| {
        PyErr::type_error(format!(
            "descriptor '{method}' for 'complex' objects doesn't apply to a '{}' object",
            v.type_data().name()
        ))
    })
}

fn complex_conjugate(args: Args<'_>) -> PyResult<Value> {
    args.skip_first().exact("conjugate", 0, 0)?;
    let (re, im) = self_complex(&args, "conjugate")?;
    Ok(new(re, -im))
}

fn complex_getnewargs(args: Args<'_>) -> PyResult<Value> {
    args.skip_first().exact("__getnewargs__", 0, 0)?;
    let (re, im) = self_complex(&args, "__getnewargs__")?;
    Ok(crate::tuple::new(vec![float::new(re), float::new(im)]))
}

fn complex_complex(args: Args<'_>) -> PyResult<Value> {
    args.skip_first().exact("__complex__", 0, 0)?;
    let v = &args.pos()[0];
    if v.is_exact(complex_type()) {
        return Ok(v.clone());
    }
    let (re, im) = self_complex(&args, "__complex__")?;
    Ok(new(re, im))
}

fn complex_format(args: Args<'_>) -> PyResult<Value> {
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
    let (re, im) = self_complex(&args, "__format__")?;
    let text = crate::format_spec::format_complex(re, im, &parsed, &type_name)?;
    Ok(crate::str::new(&text))
}

fn complex_real(v: &Value) -> PyResult<Value> {
    Ok(float::new(as_complex(v).map_or(0.0, |c| c.0)))
}

fn complex_imag(v: &Value) -> PyResult<Value> {
    Ok(float::new(as_complex(v).map_or(0.0, |c| c.1)))
}

const COMPLEX_METHODS: &[MethodDef] = &[
    MethodDef::new("conjugate", MethodKind::Method(complex_conjugate)),
    MethodDef::new("__getnewargs__", MethodKind::Method(complex_getnewargs)),
    MethodDef::new("__complex__", MethodKind::Method(complex_complex)),
    MethodDef::new("__format__", MethodKind::Method(complex_format)),
    MethodDef::new("real", MethodKind::GetSet(complex_real, None)),
    MethodDef::new("imag", MethodKind::GetSet(complex_imag, None)),
];
