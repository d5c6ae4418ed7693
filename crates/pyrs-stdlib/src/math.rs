//! The `math` module (CPython's Modules/mathmodule.c): the C library's functions on floats
//! with CPython's error rules (ValueError "math domain error" for an invalid argument or a
//! singularity, OverflowError "math range error" for an overflowing result), exact integer
//! functions on ints of any size, and the accurate summations `fsum`, `hypot`, `dist` and
//! `sumprod`.
//!
//! Functions CPython takes from the platform's libm (`sin`, `exp`, `erf`, `acosh`…) come from
//! the same libm here, so results agree bit for bit; `gamma` and `lgamma` follow CPython's own
//! Lanczos approximation, for the same reason.

use num_bigint::{BigInt, BigUint, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use pyrs_objects::args::count_message;
use pyrs_objects::float;
use pyrs_objects::int::{self, IntRef};
use pyrs_objects::native::NativeFn;
use pyrs_objects::typeobject::{BinOp, UnaryOp};
use pyrs_objects::{protocol, str as pystr, tuple, Args, PyErr, PyResult, Value};

use crate::argconv::{add_functions, module_dict};

/// Makes the module.
pub(crate) fn init() -> PyResult<Value> {
    let module = pyrs_objects::module::new_module("math");
    let d = module_dict(&module);
    d.set_str(
        "__doc__",
        pystr::new(
            "This module provides access to the mathematical functions\ndefined by the C standard.",
        ),
    );
    add_functions(&module, FUNCTIONS);
    d.set_str("pi", float::new(std::f64::consts::PI));
    d.set_str("e", float::new(std::f64::consts::E));
    d.set_str("tau", float::new(std::f64::consts::TAU));
    d.set_str("inf", float::new(f64::INFINITY));
    d.set_str("nan", float::new(f64::NAN));
    Ok(module)
}

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("acos", math_acos),
    ("acosh", math_acosh),
    ("asin", math_asin),
    ("asinh", math_asinh),
    ("atan", math_atan),
    ("atan2", math_atan2),
    ("atanh", math_atanh),
    ("cbrt", math_cbrt),
    ("ceil", math_ceil),
    ("comb", math_comb),
    ("copysign", math_copysign),
    ("cos", math_cos),
    ("cosh", math_cosh),
    ("degrees", math_degrees),
    ("dist", math_dist),
    ("erf", math_erf),
    ("erfc", math_erfc),
    ("exp", math_exp),
    ("exp2", math_exp2),
    ("expm1", math_expm1),
    ("fabs", math_fabs),
    ("factorial", math_factorial),
    ("floor", math_floor),
    ("fma", math_fma),
    ("fmod", math_fmod),
    ("frexp", math_frexp),
    ("fsum", math_fsum),
    ("gamma", math_gamma),
    ("gcd", math_gcd),
    ("hypot", math_hypot),
    ("isclose", math_isclose),
    ("isfinite", math_isfinite),
    ("isinf", math_isinf),
    ("isnan", math_isnan),
    ("isqrt", math_isqrt),
    ("lcm", math_lcm),
    ("ldexp", math_ldexp),
    ("lgamma", math_lgamma),
    ("log", math_log),
    ("log10", math_log10),
    ("log1p", math_log1p),
    ("log2", math_log2),
    ("modf", math_modf),
    ("nextafter", math_nextafter),
    ("perm", math_perm),
    ("pow", math_pow),
    ("prod", math_prod),
    ("radians", math_radians),
    ("remainder", math_remainder),
    ("sin", math_sin),
    ("sinh", math_sinh),
    ("sqrt", math_sqrt),
    ("sumprod", math_sumprod),
    ("tan", math_tan),
    ("tanh", math_tanh),
    ("trunc", math_trunc),
    ("ulp", math_ulp),
];

// ---------------------------------------------------------------------------------------
// The platform's libm, for the functions Rust's std computes differently (or lacks).

/// The C library's math functions, looked up in the platform's `libm.so.6` at first use:
/// Rust's own `f64` methods may resolve to a different implementation (the compiler's
/// builtins), whose last bit can differ from what CPython prints (`cbrt(27.0)`). Without a
/// loadable libm, the linked implementation serves.
mod libm {
    use std::ffi::{c_char, c_int, c_void};
    use std::sync::OnceLock;

    extern "C" {
        fn dlopen(filename: *const c_char, flag: c_int) -> *mut c_void;
        fn dlsym(handle: *mut c_void, symbol: *const c_char) -> *mut c_void;
    }

    /// The linked implementations of the functions Rust's `f64` lacks or computes itself.
    mod linked {
        #[link(name = "m")]
        extern "C" {
            pub(super) fn erf(x: f64) -> f64;
            pub(super) fn erfc(x: f64) -> f64;
            pub(super) fn asinh(x: f64) -> f64;
            pub(super) fn acosh(x: f64) -> f64;
            pub(super) fn atanh(x: f64) -> f64;
        }
    }

    const RTLD_NOW: c_int = 2;

    /// The address of `name` (NUL-terminated) in libm, or 0.
    fn lookup(name: &'static str) -> usize {
        static HANDLE: OnceLock<usize> = OnceLock::new();
        let handle = *HANDLE.get_or_init(|| {
            // SAFETY: a NUL-terminated library name; dlopen has no other precondition.
            unsafe { dlopen(c"libm.so.6".as_ptr(), RTLD_NOW) as usize }
        });
        if handle == 0 {
            return 0;
        }
        // SAFETY: a live handle and a NUL-terminated symbol name.
        unsafe { dlsym(handle as *mut c_void, name.as_ptr().cast()) as usize }
    }

    macro_rules! from_libm {
        ($($name:ident($($arg:ident),+) else $fallback:expr;)*) => {$(
            pub(super) fn $name($($arg: f64),+) -> f64 {
                static SYM: OnceLock<usize> = OnceLock::new();
                let addr = *SYM.get_or_init(|| lookup(concat!(stringify!($name), "\0")));
                if addr == 0 {
                    return $fallback;
                }
                // SAFETY: libm's function of this name takes and returns doubles, is defined
                // for every input, and touches nothing but errno.
                unsafe {
                    let f: unsafe extern "C" fn($(from_libm!(@double $arg)),+) -> f64 =
                        std::mem::transmute(addr);
                    f($($arg),+)
                }
            }
        )*};
        (@double $arg:ident) => { f64 };
    }

    // SAFETY (the fallbacks): pure C math functions of doubles, defined for every input.
    from_libm! {
        sin(x) else x.sin();
        cos(x) else x.cos();
        tan(x) else x.tan();
        asin(x) else x.asin();
        acos(x) else x.acos();
        atan(x) else x.atan();
        atan2(y, x) else y.atan2(x);
        sinh(x) else x.sinh();
        cosh(x) else x.cosh();
        tanh(x) else x.tanh();
        asinh(x) else unsafe { linked::asinh(x) };
        acosh(x) else unsafe { linked::acosh(x) };
        atanh(x) else unsafe { linked::atanh(x) };
        exp(x) else x.exp();
        exp2(x) else x.exp2();
        expm1(x) else x.exp_m1();
        log(x) else x.ln();
        log2(x) else x.log2();
        log10(x) else x.log10();
        log1p(x) else x.ln_1p();
        cbrt(x) else x.cbrt();
        pow(x, y) else x.powf(y);
        erf(x) else unsafe { linked::erf(x) };
        erfc(x) else unsafe { linked::erfc(x) };
    }
}

// ---------------------------------------------------------------------------------------
// Arguments.

fn type_name(v: &Value) -> String {
    v.type_data().name()
}

/// `PyFloat_AsDouble`: a float, an int, or an object with `__float__` or `__index__`.
fn as_double(v: &Value) -> PyResult<f64> {
    if let Some(f) = float::as_f64(v) {
        return Ok(f);
    }
    if let Some(i) = int::as_int(v) {
        return int::to_f64(i);
    }
    let slots = &v.type_data().slots;
    if let Some(f) = slots.unary[UnaryOp::Float as usize].get() {
        let r = f(v)?;
        return float::as_f64(&r).ok_or_else(|| {
            PyErr::type_error(format!(
                "{}.__float__ returned non-float (type {})",
                type_name(v),
                type_name(&r)
            ))
        });
    }
    if slots.unary[UnaryOp::Index as usize].get().is_some() {
        let i = protocol::index(v)?;
        return int::to_f64(int::as_int(&i).expect("index returns an int"));
    }
    Err(PyErr::type_error(format!(
        "must be real number, not {}",
        type_name(v)
    )))
}

/// The one argument of a `METH_O` function ("math.sin() takes exactly one argument").
fn one<'a>(args: &Args<'a>, name: &str) -> PyResult<&'a Value> {
    Ok(&args.exact(&format!("math.{name}"), 1, 1)?[0])
}

/// The positional arguments of a fast-call function taking `min..=max` of them.
fn fixed<'a>(args: &Args<'a>, name: &str, min: usize, max: usize) -> PyResult<&'a [Value]> {
    args.no_kwargs(&format!("math.{name}"))?;
    let pos = args.pos();
    if pos.len() < min || pos.len() > max {
        return Err(PyErr::type_error(count_message(name, min, max, pos.len())));
    }
    Ok(pos)
}

fn domain_error() -> PyErr {
    PyErr::value_error("math domain error")
}

fn range_error() -> PyErr {
    PyErr::overflow_error("math range error")
}

fn big_of(v: &Value) -> BigInt {
    int::as_int(v).map(IntRef::to_bigint).unwrap_or_default()
}

/// `operator.index(v)` as a bigint.
fn index_big(v: &Value) -> PyResult<BigInt> {
    Ok(big_of(&protocol::index(v)?))
}

// ---------------------------------------------------------------------------------------
// One-argument libm functions.

/// CPython's `math_1`: a NaN from a non-NaN is a domain error, an infinity from a finite
/// argument a range error (or a domain error for a singularity).
fn math_1(args: &Args<'_>, name: &str, f: fn(f64) -> f64, can_overflow: bool) -> PyResult<Value> {
    let x = as_double(one(args, name)?)?;
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain_error());
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow {
            range_error()
        } else {
            domain_error()
        });
    }
    Ok(float::new(r))
}

macro_rules! unary {
    ($($fname:ident = $name:literal, $f:expr, $overflow:expr;)*) => {$(
        fn $fname(args: Args<'_>) -> PyResult<Value> {
            math_1(&args, $name, $f, $overflow)
        }
    )*};
}

unary! {
    math_acos = "acos", libm::acos, false;
    math_acosh = "acosh", libm::acosh, false;
    math_asin = "asin", libm::asin, false;
    math_asinh = "asinh", libm::asinh, false;
    math_atan = "atan", libm::atan, false;
    math_atanh = "atanh", libm::atanh, false;
    math_cbrt = "cbrt", libm::cbrt, false;
    math_cos = "cos", libm::cos, false;
    math_cosh = "cosh", libm::cosh, true;
    math_exp = "exp", libm::exp, true;
    math_exp2 = "exp2", libm::exp2, true;
    math_expm1 = "expm1", libm::expm1, true;
    math_fabs = "fabs", f64::abs, false;
    math_log1p = "log1p", m_log1p, false;
    math_sin = "sin", libm::sin, false;
    math_sinh = "sinh", libm::sinh, true;
    math_sqrt = "sqrt", f64::sqrt, false;
    math_tan = "tan", libm::tan, false;
    math_tanh = "tanh", libm::tanh, false;
}

fn m_log1p(x: f64) -> f64 {
    // log1p(-0.0) is -0.0; libm agrees, but be explicit as CPython is.
    if x == 0.0 {
        x
    } else {
        libm::log1p(x)
    }
}

/// What a libm-style function reports besides its result (C's `errno`).
enum Errno {
    Ok,
    Domain,
    Range,
}

/// CPython's `math_1a`, for functions that report their own errors.
fn math_1a(args: &Args<'_>, name: &str, f: fn(f64) -> (f64, Errno)) -> PyResult<Value> {
    let x = as_double(one(args, name)?)?;
    let (r, errno) = f(x);
    check_errno(r, errno)?;
    Ok(float::new(r))
}

/// CPython's `is_error`: a range error with a small result is an underflow, not an error.
fn check_errno(r: f64, errno: Errno) -> PyResult<()> {
    match errno {
        Errno::Ok => Ok(()),
        Errno::Domain => Err(domain_error()),
        Errno::Range if r.abs() < 1.5 => Ok(()),
        Errno::Range => Err(range_error()),
    }
}

fn math_erf(args: Args<'_>) -> PyResult<Value> {
    math_1a(&args, "erf", |x| (libm::erf(x), Errno::Ok))
}

fn math_erfc(args: Args<'_>) -> PyResult<Value> {
    math_1a(&args, "erfc", |x| (libm::erfc(x), Errno::Ok))
}

fn math_gamma(args: Args<'_>) -> PyResult<Value> {
    math_1a(&args, "gamma", m_tgamma)
}

fn math_lgamma(args: Args<'_>) -> PyResult<Value> {
    math_1a(&args, "lgamma", m_lgamma)
}

// ---------------------------------------------------------------------------------------
// Gamma and log-gamma: Lanczos' approximation with N = 13, g = 6.024680040776729583740234375,
// the sum written as a rational function (as Boost and CPython do).

// The constants are written with the digits they were published with; the compiler rounds
// them to the nearest double, as a C compiler does.
#[allow(clippy::excessive_precision)]
const LANCZOS_G: f64 = 6.024_680_040_776_729_583_740_234_375;
#[allow(clippy::excessive_precision)]
const LANCZOS_G_MINUS_HALF: f64 = 5.524_680_040_776_729_583_740_234_375;
#[allow(clippy::excessive_precision)]
const LANCZOS_NUM: [f64; 13] = [
    23_531_376_880.410_759_688_572_007_674_451_636_754_734_846_804_940,
    42_919_803_642.649_098_768_957_899_047_001_988_850_926_355_848_959,
    35_711_959_237.355_668_049_440_185_451_547_166_705_960_488_635_843,
    17_921_034_426.037_209_699_919_755_754_458_931_112_671_403_265_390,
    6_039_542_586.352_028_005_064_291_644_307_297_921_069_938_842_070_8,
    1_439_720_407.311_721_673_663_223_072_794_912_393_971_548_578_677_2,
    248_874_557.862_054_156_511_460_386_413_229_423_216_321_251_278_01,
    31_426_415.585_400_194_380_614_231_628_318_205_362_874_684_987_640,
    2_876_370.628_935_372_441_225_409_051_620_849_613_599_114_537_876_8,
    186_056.265_395_223_495_040_294_989_716_045_699_282_207_842_363_28,
    8_071.672_002_365_816_210_638_002_902_272_250_613_821_851_632_502_4,
    210.824_277_751_579_345_872_509_733_920_713_362_711_669_695_802_91,
    2.506_628_274_631_000_270_164_908_177_133_837_338_626_431_079_340_8,
];
const LANCZOS_DEN: [f64; 13] = [
    0.0,
    39_916_800.0,
    120_543_840.0,
    150_917_976.0,
    105_258_076.0,
    45_995_730.0,
    13_339_535.0,
    2_637_558.0,
    357_423.0,
    32_670.0,
    1_925.0,
    66.0,
    1.0,
];

/// Γ(n) for n = 1..=23, exact.
const GAMMA_INTEGRAL: [f64; 23] = [
    1.0,
    1.0,
    2.0,
    6.0,
    24.0,
    120.0,
    720.0,
    5040.0,
    40320.0,
    362880.0,
    3628800.0,
    39916800.0,
    479001600.0,
    6227020800.0,
    87178291200.0,
    1307674368000.0,
    20922789888000.0,
    355687428096000.0,
    6402373705728000.0,
    121645100408832000.0,
    2432902008176640000.0,
    51090942171709440000.0,
    1124000727777607680000.0,
];

#[allow(clippy::excessive_precision)]
const LOG_PI: f64 = 1.144_729_885_849_400_174_143_427_351_353_058_711_647;

/// sin(πx), accurate near integers (for the reflection formula).
fn m_sinpi(x: f64) -> f64 {
    let pi = std::f64::consts::PI;
    let y = x.abs() % 2.0;
    let n = (2.0 * y).round() as i32;
    let r = match n {
        0 => libm::sin(pi * y),
        1 => libm::cos(pi * (y - 0.5)),
        2 => libm::sin(pi * (1.0 - y)),
        3 => -libm::cos(pi * (y - 1.5)),
        _ => libm::sin(pi * (y - 2.0)),
    };
    1.0f64.copysign(x) * r
}

fn lanczos_sum(x: f64) -> f64 {
    let (mut num, mut den) = (0.0, 0.0);
    if x < 5.0 {
        for i in (0..13).rev() {
            num = num * x + LANCZOS_NUM[i];
            den = den * x + LANCZOS_DEN[i];
        }
    } else {
        for i in 0..13 {
            num = num / x + LANCZOS_NUM[i];
            den = den / x + LANCZOS_DEN[i];
        }
    }
    num / den
}

fn m_tgamma(x: f64) -> (f64, Errno) {
    if !x.is_finite() {
        if x.is_nan() || x > 0.0 {
            return (x, Errno::Ok);
        }
        return (f64::NAN, Errno::Domain);
    }
    if x == 0.0 {
        return (f64::INFINITY.copysign(x), Errno::Domain);
    }
    if x == x.floor() {
        if x < 0.0 {
            return (f64::NAN, Errno::Domain);
        }
        if x <= GAMMA_INTEGRAL.len() as f64 {
            return (GAMMA_INTEGRAL[x as usize - 1], Errno::Ok);
        }
    }
    let absx = x.abs();
    if absx < 1e-20 {
        let r = 1.0 / x;
        return (
            r,
            if r.is_infinite() {
                Errno::Range
            } else {
                Errno::Ok
            },
        );
    }
    if absx > 200.0 {
        if x < 0.0 {
            return (0.0 / m_sinpi(x), Errno::Ok);
        }
        return (f64::INFINITY, Errno::Range);
    }
    let y = absx + LANCZOS_G_MINUS_HALF;
    // The rounding error of y, to correct the result by.
    let z = if absx > LANCZOS_G_MINUS_HALF {
        let q = y - absx;
        q - LANCZOS_G_MINUS_HALF
    } else {
        let q = y - LANCZOS_G_MINUS_HALF;
        q - absx
    };
    let z = z * LANCZOS_G / y;
    let mut r;
    if x < 0.0 {
        r = -std::f64::consts::PI / m_sinpi(absx) / absx * libm::exp(y) / lanczos_sum(absx);
        r -= z * r;
        if absx < 140.0 {
            r /= libm::pow(y, absx - 0.5);
        } else {
            let sqrtpow = libm::pow(y, absx / 2.0 - 0.25);
            r /= sqrtpow;
            r /= sqrtpow;
        }
    } else {
        r = lanczos_sum(absx) / libm::exp(y);
        r += z * r;
        if absx < 140.0 {
            r *= libm::pow(y, absx - 0.5);
        } else {
            let sqrtpow = libm::pow(y, absx / 2.0 - 0.25);
            r *= sqrtpow;
            r *= sqrtpow;
        }
    }
    (
        r,
        if r.is_infinite() {
            Errno::Range
        } else {
            Errno::Ok
        },
    )
}

fn m_lgamma(x: f64) -> (f64, Errno) {
    if !x.is_finite() {
        if x.is_nan() {
            return (x, Errno::Ok);
        }
        return (f64::INFINITY, Errno::Ok);
    }
    if x == x.floor() && x <= 2.0 {
        if x <= 0.0 {
            return (f64::INFINITY, Errno::Domain);
        }
        return (0.0, Errno::Ok);
    }
    let absx = x.abs();
    if absx < 1e-20 {
        return (-libm::log(absx), Errno::Ok);
    }
    let mut r = libm::log(lanczos_sum(absx)) - LANCZOS_G;
    r += (absx - 0.5) * (libm::log(absx + LANCZOS_G - 0.5) - 1.0);
    if x < 0.0 {
        r = LOG_PI - libm::log(m_sinpi(absx).abs()) - libm::log(absx) - r;
    }
    (
        r,
        if r.is_infinite() {
            Errno::Range
        } else {
            Errno::Ok
        },
    )
}

// ---------------------------------------------------------------------------------------
// Two-argument functions.

/// CPython's `math_2`: NaN from non-NaNs is a domain error, infinity from finite arguments a
/// range error.
fn math_2(args: &Args<'_>, name: &str, f: fn(f64, f64) -> f64) -> PyResult<Value> {
    let a = fixed(args, name, 2, 2)?;
    let x = as_double(&a[0])?;
    let y = as_double(&a[1])?;
    let r = f(x, y);
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain_error());
    }
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(range_error());
    }
    Ok(float::new(r))
}

fn m_atan2(y: f64, x: f64) -> f64 {
    use std::f64::consts::PI;
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if y.is_infinite() {
        if x.is_infinite() {
            return if x.is_sign_positive() {
                (0.25 * PI).copysign(y)
            } else {
                (0.75 * PI).copysign(y)
            };
        }
        return (0.5 * PI).copysign(y);
    }
    if x.is_infinite() || y == 0.0 {
        return if x.is_sign_positive() {
            0.0f64.copysign(y)
        } else {
            PI.copysign(y)
        };
    }
    libm::atan2(y, x)
}

/// The IEEE 754 remainder: x - n*y for the integer n nearest x/y (ties to even); exact.
fn m_remainder(x: f64, y: f64) -> f64 {
    if x.is_finite() && y.is_finite() {
        if y == 0.0 {
            return f64::NAN;
        }
        let absx = x.abs();
        let absy = y.abs();
        let m = absx % absy;
        // Compare m with absy - m rather than with absy / 2, which may not be exact.
        let c = absy - m;
        let r = if m < c {
            m
        } else if m > c {
            -c
        } else {
            // Halfway: pick the even multiple.
            m - 2.0 * ((0.5 * (absx - m)) % absy)
        };
        return 1.0f64.copysign(x) * r;
    }
    if x.is_nan() {
        return x;
    }
    if y.is_nan() {
        return y;
    }
    if x.is_infinite() {
        return f64::NAN;
    }
    x
}

fn math_atan2(args: Args<'_>) -> PyResult<Value> {
    math_2(&args, "atan2", m_atan2)
}

fn math_copysign(args: Args<'_>) -> PyResult<Value> {
    math_2(&args, "copysign", f64::copysign)
}

fn math_remainder(args: Args<'_>) -> PyResult<Value> {
    math_2(&args, "remainder", m_remainder)
}

fn math_fmod(args: Args<'_>) -> PyResult<Value> {
    let a = fixed(&args, "fmod", 2, 2)?;
    let x = as_double(&a[0])?;
    let y = as_double(&a[1])?;
    if y.is_infinite() && x.is_finite() {
        return Ok(float::new(x));
    }
    let r = x % y;
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain_error());
    }
    Ok(float::new(r))
}

fn math_pow(args: Args<'_>) -> PyResult<Value> {
    let a = fixed(&args, "pow", 2, 2)?;
    let x = as_double(&a[0])?;
    let y = as_double(&a[1])?;
    let r;
    if !x.is_finite() || !y.is_finite() {
        r = if x.is_nan() {
            if y == 0.0 {
                1.0
            } else {
                x
            }
        } else if y.is_nan() {
            if x == 1.0 {
                1.0
            } else {
                y
            }
        } else if x.is_infinite() {
            let odd_y = y.is_finite() && y.abs() % 2.0 == 1.0;
            if y > 0.0 {
                if odd_y {
                    x
                } else {
                    x.abs()
                }
            } else if y == 0.0 {
                1.0
            } else if odd_y {
                0.0f64.copysign(x)
            } else {
                0.0
            }
        } else if x.abs() == 1.0 {
            1.0
        } else if y > 0.0 && x.abs() > 1.0 {
            y
        } else if y < 0.0 && x.abs() < 1.0 {
            -y
        } else {
            0.0
        };
    } else {
        r = libm::pow(x, y);
        if r.is_nan() {
            return Err(domain_error());
        }
        if r.is_infinite() {
            return Err(if x == 0.0 {
                domain_error()
            } else {
                range_error()
            });
        }
    }
    Ok(float::new(r))
}

fn math_fma(args: Args<'_>) -> PyResult<Value> {
    let a = fixed(&args, "fma", 3, 3)?;
    let x = as_double(&a[0])?;
    let y = as_double(&a[1])?;
    let z = as_double(&a[2])?;
    let r = x.mul_add(y, z);
    if r.is_finite() {
        return Ok(float::new(r));
    }
    if r.is_nan() {
        if !x.is_nan() && !y.is_nan() && !z.is_nan() {
            return Err(PyErr::value_error("invalid operation in fma"));
        }
    } else if x.is_finite() && y.is_finite() && z.is_finite() {
        return Err(PyErr::overflow_error("overflow in fma"));
    }
    Ok(float::new(r))
}

// ---------------------------------------------------------------------------------------
// Rounding to integers.

fn math_floor(args: Args<'_>) -> PyResult<Value> {
    let x = one(&args, "floor")?;
    if !x.is_exact(&pyrs_objects::types().float) {
        if let Some(method) = protocol::lookup_special(x, "__floor__")? {
            return protocol::call1(&method, &[]);
        }
    }
    float::float_to_int(as_double(x)?.floor())
}

fn math_ceil(args: Args<'_>) -> PyResult<Value> {
    let x = one(&args, "ceil")?;
    if !x.is_exact(&pyrs_objects::types().float) {
        if let Some(method) = protocol::lookup_special(x, "__ceil__")? {
            return protocol::call1(&method, &[]);
        }
    }
    float::float_to_int(as_double(x)?.ceil())
}

fn math_trunc(args: Args<'_>) -> PyResult<Value> {
    let x = one(&args, "trunc")?;
    if let Some(f) = float::as_f64(x) {
        if x.is_exact(&pyrs_objects::types().float) {
            return float::float_to_int(f);
        }
    }
    match protocol::lookup_special(x, "__trunc__")? {
        Some(method) => protocol::call1(&method, &[]),
        None => Err(PyErr::type_error(format!(
            "type {} doesn't define __trunc__ method",
            type_name(x)
        ))),
    }
}

// ---------------------------------------------------------------------------------------
// Float decomposition.

/// C's `frexp` for finite nonzero `x`: `x == m * 2**e` with `0.5 <= |m| < 1`.
fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let (x, adjust) = if x.abs() < f64::MIN_POSITIVE {
        (x * f64::from_bits(0x4350_0000_0000_0000), -54) // 2**54
    } else {
        (x, 0)
    };
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let m = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    (m, exp - 1022 + adjust)
}

/// C's `ldexp`/`scalbn`: `x * 2**n`, rounded once.
fn ldexp(mut x: f64, mut n: i64) -> f64 {
    let p1023 = f64::from_bits(0x7fe0_0000_0000_0000);
    let pm969 = f64::from_bits(0x0010_0000_0000_0000) * f64::from_bits(0x4340_0000_0000_0000);
    if n > 1023 {
        x *= p1023;
        n -= 1023;
        if n > 1023 {
            x *= p1023;
            n -= 1023;
            n = n.min(1023);
        }
    } else if n < -1022 {
        x *= pm969;
        n += 1022 - 53;
        if n < -1022 {
            x *= pm969;
            n += 1022 - 53;
            n = n.max(-1022);
        }
    }
    x * f64::from_bits(((0x3ff + n) as u64) << 52)
}

fn math_frexp(args: Args<'_>) -> PyResult<Value> {
    let x = as_double(one(&args, "frexp")?)?;
    let (m, e) = frexp(x);
    Ok(tuple::new(vec![float::new(m), int::from_i64(e as i64)]))
}

fn math_ldexp(args: Args<'_>) -> PyResult<Value> {
    let a = fixed(&args, "ldexp", 2, 2)?;
    let x = as_double(&a[0])?;
    let Some(i) = int::as_int(&a[1]) else {
        return Err(PyErr::type_error(
            "Expected an int as second argument to ldexp.",
        ));
    };
    let exp = match i {
        IntRef::Small(n) => n,
        IntRef::Big(b) if b.is_negative() => i64::MIN,
        IntRef::Big(_) => i64::MAX,
    };
    let r = if x == 0.0 || !x.is_finite() {
        x
    } else if exp > i32::MAX as i64 {
        return Err(range_error());
    } else if exp < i32::MIN as i64 {
        0.0f64.copysign(x)
    } else {
        let r = ldexp(x, exp);
        if r.is_infinite() {
            return Err(range_error());
        }
        r
    };
    Ok(float::new(r))
}

fn math_modf(args: Args<'_>) -> PyResult<Value> {
    let x = as_double(one(&args, "modf")?)?;
    let (frac, whole) = if x.is_infinite() {
        (0.0f64.copysign(x), x)
    } else if x.is_nan() {
        (x, x)
    } else {
        let whole = x.trunc();
        ((x - whole).copysign(x), whole)
    };
    Ok(tuple::new(vec![float::new(frac), float::new(whole)]))
}

// ---------------------------------------------------------------------------------------
// Logarithms.

fn m_log(x: f64) -> f64 {
    if x.is_finite() {
        if x > 0.0 {
            libm::log(x)
        } else if x == 0.0 {
            f64::NEG_INFINITY
        } else {
            f64::NAN
        }
    } else if x.is_nan() || x > 0.0 {
        x
    } else {
        f64::NAN
    }
}

fn m_log2(x: f64) -> f64 {
    if x.is_finite() {
        if x > 0.0 {
            libm::log2(x)
        } else if x == 0.0 {
            f64::NEG_INFINITY
        } else {
            f64::NAN
        }
    } else if x.is_nan() || x > 0.0 {
        x
    } else {
        f64::NAN
    }
}

fn m_log10(x: f64) -> f64 {
    if x.is_finite() {
        if x > 0.0 {
            libm::log10(x)
        } else if x == 0.0 {
            f64::NEG_INFINITY
        } else {
            f64::NAN
        }
    } else if x.is_nan() || x > 0.0 {
        x
    } else {
        f64::NAN
    }
}

/// The logarithm of an int of any size, or of a float (CPython's `loghelper`).
fn loghelper(arg: &Value, f: fn(f64) -> f64) -> PyResult<f64> {
    if let Some(i) = int::as_int(arg) {
        if i.is_negative() || i.is_zero() {
            return Err(domain_error());
        }
        return Ok(match int::to_f64(i) {
            Ok(x) => f(x),
            Err(_) => {
                // Too large for a float: x == m * 2**e with 0.5 <= m < 1.
                let b = i.to_bigint();
                let bits = b.bits();
                let top = (b.magnitude() >> (bits - 64) as usize)
                    .to_u64()
                    .unwrap_or(u64::MAX);
                let m = top as f64 / 18_446_744_073_709_551_616.0;
                f(m) + f(2.0) * bits as f64
            }
        });
    }
    let x = as_double(arg)?;
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(domain_error());
    }
    if r.is_infinite() && x.is_finite() {
        return Err(domain_error());
    }
    Ok(r)
}

fn math_log(args: Args<'_>) -> PyResult<Value> {
    let a = fixed(&args, "log", 1, 2)?;
    let num = loghelper(&a[0], m_log)?;
    let Some(base) = a.get(1) else {
        return Ok(float::new(num));
    };
    let den = loghelper(base, m_log)?;
    if den == 0.0 {
        return Err(PyErr::zero_division("float division by zero"));
    }
    Ok(float::new(num / den))
}

fn math_log2(args: Args<'_>) -> PyResult<Value> {
    Ok(float::new(loghelper(one(&args, "log2")?, m_log2)?))
}

fn math_log10(args: Args<'_>) -> PyResult<Value> {
    Ok(float::new(loghelper(one(&args, "log10")?, m_log10)?))
}

// ---------------------------------------------------------------------------------------
// Simple float functions.

fn math_degrees(args: Args<'_>) -> PyResult<Value> {
    const RAD_TO_DEG: f64 = 180.0 / std::f64::consts::PI;
    Ok(float::new(as_double(one(&args, "degrees")?)? * RAD_TO_DEG))
}

fn math_radians(args: Args<'_>) -> PyResult<Value> {
    const DEG_TO_RAD: f64 = std::f64::consts::PI / 180.0;
    Ok(float::new(as_double(one(&args, "radians")?)? * DEG_TO_RAD))
}

fn math_isfinite(args: Args<'_>) -> PyResult<Value> {
    Ok(pyrs_objects::bool(
        as_double(one(&args, "isfinite")?)?.is_finite(),
    ))
}

fn math_isinf(args: Args<'_>) -> PyResult<Value> {
    Ok(pyrs_objects::bool(
        as_double(one(&args, "isinf")?)?.is_infinite(),
    ))
}

fn math_isnan(args: Args<'_>) -> PyResult<Value> {
    Ok(pyrs_objects::bool(
        as_double(one(&args, "isnan")?)?.is_nan(),
    ))
}

fn math_isclose(args: Args<'_>) -> PyResult<Value> {
    let [a, b, rel_tol, abs_tol] =
        args.bind("isclose", ["a", "b", "rel_tol", "abs_tol"], 2, 0, 2)?;
    let a = as_double(a.as_ref().expect("required"))?;
    let b = as_double(b.as_ref().expect("required"))?;
    let rel_tol = match rel_tol {
        Some(v) => as_double(&v)?,
        None => 1e-9,
    };
    let abs_tol = match abs_tol {
        Some(v) => as_double(&v)?,
        None => 0.0,
    };
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return Err(PyErr::value_error("tolerances must be non-negative"));
    }
    if a == b {
        return Ok(pyrs_objects::bool(true));
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(pyrs_objects::bool(false));
    }
    let diff = (b - a).abs();
    Ok(pyrs_objects::bool(
        diff <= (rel_tol * b).abs() || diff <= (rel_tol * a).abs() || diff <= abs_tol,
    ))
}

/// The float `steps` representable values from `x` towards `y`.
fn next_toward(x: f64, y: f64, steps: u64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if y.is_nan() {
        return y;
    }
    if x == y {
        return y;
    }
    // Map floats onto integers in the same order (negative floats below positive ones).
    fn ordered(f: f64) -> i128 {
        let bits = f.to_bits() as i64;
        if bits < 0 {
            -((bits & i64::MAX) as i128)
        } else {
            bits as i128
        }
    }
    fn unordered(i: i128) -> f64 {
        if i < 0 {
            f64::from_bits((-i) as u64 | (1u64 << 63))
        } else {
            f64::from_bits(i as u64)
        }
    }
    let (a, b) = (ordered(x), ordered(y));
    let distance = (b - a).unsigned_abs();
    if distance <= steps as u128 {
        return y;
    }
    let r = if b > a {
        a + steps as i128
    } else {
        a - steps as i128
    };
    // -0.0 and 0.0 map to the same integer; moving from one across zero is one step.
    unordered(r)
}

fn math_nextafter(args: Args<'_>) -> PyResult<Value> {
    let pos = args.pos();
    if pos.len() != 2 {
        return Err(PyErr::type_error(format!(
            "nextafter() takes exactly 2 positional arguments ({} given)",
            pos.len()
        )));
    }
    let [_, _, steps] = args.bind("nextafter", ["x", "y", "steps"], 2, 2, 2)?;
    let x = as_double(&pos[0])?;
    let y = as_double(&pos[1])?;
    let steps = match steps {
        Some(s) if !protocol::is_none(&s) => {
            let n = index_big(&s)?;
            if n.is_negative() {
                return Err(PyErr::value_error("steps must be a non-negative integer"));
            }
            n.to_u64().unwrap_or(u64::MAX)
        }
        _ => {
            if x.is_nan() {
                return Ok(float::new(x));
            }
            if y.is_nan() {
                return Ok(float::new(y));
            }
            return Ok(float::new(nextafter_one(x, y)));
        }
    };
    if steps == 0 {
        return Ok(float::new(x));
    }
    Ok(float::new(next_toward(x, y, steps)))
}

/// C's `nextafter`.
fn nextafter_one(x: f64, y: f64) -> f64 {
    if x == y {
        return y;
    }
    if x == 0.0 {
        return f64::from_bits(1).copysign(y);
    }
    let bits = x.to_bits();
    let up = (y > x) == (x > 0.0);
    f64::from_bits(if up { bits + 1 } else { bits - 1 })
}

fn math_ulp(args: Args<'_>) -> PyResult<Value> {
    let x = as_double(one(&args, "ulp")?)?;
    if x.is_nan() {
        return Ok(float::new(x));
    }
    let x = x.abs();
    if x.is_infinite() {
        return Ok(float::new(x));
    }
    let x2 = nextafter_one(x, f64::INFINITY);
    if x2.is_infinite() {
        let below = nextafter_one(x, f64::NEG_INFINITY);
        return Ok(float::new(x - below));
    }
    Ok(float::new(x2 - x))
}

// ---------------------------------------------------------------------------------------
// Accurate sums.

/// A float argument as `ASSIGN_DOUBLE` reads it.
fn item_double(v: &Value) -> PyResult<f64> {
    as_double(v)
}

fn math_fsum(args: Args<'_>) -> PyResult<Value> {
    let seq = one(&args, "fsum")?;
    let it = protocol::iter(seq)?;
    let mut partials: Vec<f64> = Vec::new();
    let mut special_sum = 0.0f64;
    let mut inf_sum = 0.0f64;
    while let Some(item) = protocol::next(&it)? {
        let mut x = item_double(&item)?;
        let xsave = x;
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                // An infinity or NaN summand, or an overflow of the partial sums.
                if xsave.is_finite() {
                    return Err(PyErr::overflow_error("intermediate overflow in fsum"));
                }
                if xsave.is_infinite() {
                    inf_sum += xsave;
                }
                special_sum += xsave;
                partials.clear();
            } else {
                partials.push(x);
            }
        }
    }
    if special_sum != 0.0 {
        if inf_sum.is_nan() {
            return Err(PyErr::value_error("-inf + inf in fsum"));
        }
        return Ok(float::new(special_sum));
    }
    Ok(float::new(sum_partials(&partials)))
}

/// The correctly rounded sum of non-overlapping partials in increasing magnitude.
fn sum_partials(p: &[f64]) -> f64 {
    let mut n = p.len();
    let mut hi = 0.0;
    if n > 0 {
        n -= 1;
        hi = p[n];
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = p[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        // Round half-even correctly across several partials.
        if n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    hi
}

/// `sqrt(sum(x*x for x in vec))` without overflow and nearly always correctly rounded:
/// scaling by a power of two, exact squares (fma), compensated summation and a differential
/// correction of the square root.
fn vector_norm(vec: &mut [f64], max: f64, found_nan: bool) -> f64 {
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || vec.len() <= 1 {
        return max;
    }
    let (_, max_e) = frexp(max);
    if max_e < -1023 {
        // Subnormal: scale up first.
        for x in vec.iter_mut() {
            *x /= f64::MIN_POSITIVE;
        }
        return f64::MIN_POSITIVE * vector_norm(vec, max / f64::MIN_POSITIVE, found_nan);
    }
    let scale = ldexp(1.0, -(max_e as i64));
    let mut csum = 1.0f64;
    let mut frac1 = 0.0f64;
    let mut frac2 = 0.0f64;
    for &v in vec.iter() {
        let x = v * scale;
        let (hi, lo) = dl_mul(x, x);
        let (shi, slo) = dl_fast_sum(csum, hi);
        csum = shi;
        frac1 += lo;
        frac2 += slo;
    }
    let mut h = (csum - 1.0 + (frac1 + frac2)).sqrt();
    let (hi, lo) = dl_mul(-h, h);
    let (shi, slo) = dl_fast_sum(csum, hi);
    csum = shi;
    frac1 += lo;
    frac2 += slo;
    let x = csum - 1.0 + (frac1 + frac2);
    h += x / (2.0 * h);
    h / scale
}

/// The exact product `x*y` as `hi + lo`.
fn dl_mul(x: f64, y: f64) -> (f64, f64) {
    let hi = x * y;
    (hi, x.mul_add(y, -hi))
}

/// The exact sum `a + b` as `hi + lo`, given `|a| >= |b|`.
fn dl_fast_sum(a: f64, b: f64) -> (f64, f64) {
    let hi = a + b;
    (hi, (a - hi) + b)
}

fn math_hypot(args: Args<'_>) -> PyResult<Value> {
    args.no_kwargs("math.hypot")?;
    let mut coords = Vec::with_capacity(args.pos().len());
    let mut max = 0.0f64;
    let mut found_nan = false;
    for item in args.pos() {
        let x = item_double(item)?.abs();
        found_nan |= x.is_nan();
        if x > max {
            max = x;
        }
        coords.push(x);
    }
    Ok(float::new(vector_norm(&mut coords, max, found_nan)))
}

fn as_tuple_items(v: &Value) -> PyResult<Vec<Value>> {
    match tuple::items_of(v) {
        Some(items) => Ok(items.to_vec()),
        None => protocol::collect(v),
    }
}

fn math_dist(args: Args<'_>) -> PyResult<Value> {
    let a = fixed(&args, "dist", 2, 2)?;
    let p = as_tuple_items(&a[0])?;
    let q = as_tuple_items(&a[1])?;
    if p.len() != q.len() {
        return Err(PyErr::value_error(
            "both points must have the same number of dimensions",
        ));
    }
    let mut diffs = Vec::with_capacity(p.len());
    let mut max = 0.0f64;
    let mut found_nan = false;
    for (pi, qi) in p.iter().zip(&q) {
        let px = item_double(pi)?;
        let qx = item_double(qi)?;
        let x = (px - qx).abs();
        found_nan |= x.is_nan();
        if x > max {
            max = x;
        }
        diffs.push(x);
    }
    Ok(float::new(vector_norm(&mut diffs, max, found_nan)))
}

fn math_prod(args: Args<'_>) -> PyResult<Value> {
    let total = args.values().len();
    if total > 2 {
        return Err(PyErr::type_error(format!(
            "prod() takes at most 2 arguments ({total} given)"
        )));
    }
    if args.pos().is_empty() {
        return Err(PyErr::type_error(
            "prod() takes exactly 1 positional argument (0 given)",
        ));
    }
    let [iterable, start] = args.bind("prod", ["iterable", "start"], 1, 1, 1)?;
    let it = protocol::iter(iterable.as_ref().expect("required"))?;
    let mut result = start.unwrap_or(Value::small(1));
    while let Some(item) = protocol::next(&it)? {
        result = protocol::binary_op(&result, &item, BinOp::Mul)?;
    }
    Ok(result)
}

/// An exact running sum of float products, kept as non-overlapping partials (as `fsum`).
#[derive(Default)]
struct ExactSum {
    partials: Vec<f64>,
}

impl ExactSum {
    /// Adds `x`; false (leaving the sum unchanged) if the sum would stop being finite.
    fn add(&mut self, mut x: f64) -> bool {
        let saved = self.partials.clone();
        let mut i = 0;
        for j in 0..self.partials.len() {
            let mut y = self.partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                self.partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        self.partials.truncate(i);
        if !x.is_finite() {
            self.partials = saved;
            return false;
        }
        if x != 0.0 {
            self.partials.push(x);
        }
        true
    }

    fn total(&self) -> f64 {
        sum_partials(&self.partials)
    }
}

fn math_sumprod(args: Args<'_>) -> PyResult<Value> {
    let a = fixed(&args, "sumprod", 2, 2)?;
    let p_it = protocol::iter(&a[0])?;
    let q_it = protocol::iter(&a[1])?;
    let mut total = Value::small(0);
    let mut int_path = true;
    let mut int_total: Option<i64> = None;
    let mut flt_path = true;
    let mut flt_total = ExactSum::default();
    let mut flt_in_use = false;
    let float_type = &pyrs_objects::types().float;
    let int_type = &pyrs_objects::types().int;
    loop {
        let p = protocol::next(&p_it)?;
        let q = protocol::next(&q_it)?;
        if p.is_some() != q.is_some() {
            return Err(PyErr::value_error("Inputs are not the same length"));
        }
        let pair = p.zip(q);
        if int_path {
            if let Some((p, q)) = &pair {
                if p.is_exact(int_type) && q.is_exact(int_type) {
                    let sum = int::as_i64(p)
                        .zip(int::as_i64(q))
                        .and_then(|(x, y)| x.checked_mul(y))
                        .and_then(|prod| prod.checked_add(int_total.unwrap_or(0)));
                    if let Some(sum) = sum {
                        int_total = Some(sum);
                        continue;
                    }
                }
            }
            int_path = false;
            if let Some(t) = int_total.take() {
                total = protocol::binary_op(&total, &int::from_i64(t), BinOp::Add)?;
            }
        }
        if flt_path {
            if let Some((p, q)) = &pair {
                let is_int =
                    |v: &Value| v.is_exact(int_type) || v.is_exact(&pyrs_objects::types().bool);
                let operands = if p.is_exact(float_type) && q.is_exact(float_type) {
                    Some((
                        float::as_f64(p).unwrap_or(0.0),
                        float::as_f64(q).unwrap_or(0.0),
                    ))
                } else if p.is_exact(float_type) && is_int(q) {
                    int::to_f64(int::as_int(q).expect("int"))
                        .ok()
                        .map(|y| (float::as_f64(p).unwrap_or(0.0), y))
                } else if q.is_exact(float_type) && is_int(p) {
                    int::to_f64(int::as_int(p).expect("int"))
                        .ok()
                        .map(|x| (x, float::as_f64(q).unwrap_or(0.0)))
                } else {
                    None
                };
                if let Some((x, y)) = operands {
                    let (hi, lo) = dl_mul(x, y);
                    // lo is tiny next to hi: adding it cannot overflow.
                    if hi.is_finite() && flt_total.add(hi) && flt_total.add(lo) {
                        flt_in_use = true;
                        continue;
                    }
                }
            }
            flt_path = false;
            if flt_in_use {
                let t = float::new(flt_total.total());
                total = protocol::binary_op(&total, &t, BinOp::Add)?;
            }
        }
        let Some((p, q)) = pair else {
            return Ok(total);
        };
        let term = protocol::binary_op(&p, &q, BinOp::Mul)?;
        total = protocol::binary_op(&total, &term, BinOp::Add)?;
    }
}

// ---------------------------------------------------------------------------------------
// Integer functions.

fn math_gcd(args: Args<'_>) -> PyResult<Value> {
    args.no_kwargs("math.gcd")?;
    let pos = args.pos();
    let Some(first) = pos.first() else {
        return Ok(Value::small(0));
    };
    let first = protocol::index(first)?;
    if pos.len() == 1 {
        return protocol::unary_op(&first, UnaryOp::Abs);
    }
    let mut g = big_of(&first);
    for x in &pos[1..] {
        let x = index_big(x)?;
        if !g.is_one() {
            g = g.gcd(&x);
        }
    }
    Ok(int::from_bigint(g.abs()))
}

fn math_lcm(args: Args<'_>) -> PyResult<Value> {
    args.no_kwargs("math.lcm")?;
    let pos = args.pos();
    let Some(first) = pos.first() else {
        return Ok(Value::small(1));
    };
    let first = protocol::index(first)?;
    if pos.len() == 1 {
        return protocol::unary_op(&first, UnaryOp::Abs);
    }
    let mut l = big_of(&first);
    for x in &pos[1..] {
        let x = index_big(x)?;
        if !l.is_zero() {
            l = if x.is_zero() {
                BigInt::zero()
            } else {
                (&l / l.gcd(&x) * &x).abs()
            };
        }
    }
    Ok(int::from_bigint(l.abs()))
}

fn math_isqrt(args: Args<'_>) -> PyResult<Value> {
    let n = index_big(one(&args, "isqrt")?)?;
    if n.is_negative() {
        return Err(PyErr::value_error("isqrt() argument must be nonnegative"));
    }
    Ok(int::from_bigint(n.sqrt()))
}

/// The product of `lo..hi` (exclusive), by halving so that multiplications are balanced.
fn range_product(lo: u64, hi: u64) -> BigUint {
    if hi <= lo {
        return BigUint::one();
    }
    if hi - lo <= 16 {
        let mut acc = BigUint::one();
        let mut small: u64 = 1;
        for i in lo..hi {
            match small.checked_mul(i) {
                Some(s) => small = s,
                None => {
                    acc *= small;
                    small = i;
                }
            }
        }
        return acc * small;
    }
    let mid = lo + (hi - lo) / 2;
    range_product(lo, mid) * range_product(mid, hi)
}

/// The product of `n - k + 1 ..= n` for a bigint `n`.
fn falling_product(n: &BigInt, k: u64) -> BigInt {
    if k == 0 {
        return BigInt::one();
    }
    if k == 1 {
        return n.clone();
    }
    let j = k / 2;
    falling_product(n, j) * falling_product(&(n - BigInt::from(j)), k - j)
}

fn math_factorial(args: Args<'_>) -> PyResult<Value> {
    let n = index_big(one(&args, "factorial")?)?;
    if n.is_negative() {
        return Err(PyErr::value_error(
            "factorial() not defined for negative values",
        ));
    }
    let Some(n) = n.to_i64() else {
        return Err(PyErr::overflow_error(format!(
            "factorial() argument should not exceed {}",
            i64::MAX
        )));
    };
    Ok(int::from_bigint(BigInt::from(range_product(
        1,
        n as u64 + 1,
    ))))
}

fn math_perm(args: Args<'_>) -> PyResult<Value> {
    let a = fixed(&args, "perm", 1, 2)?;
    let k = match a.get(1) {
        Some(k) if !protocol::is_none(k) => k,
        _ => return math_factorial(Args::positional(&a[..1])),
    };
    let n = index_big(&a[0])?;
    let k = index_big(k)?;
    if n.is_negative() {
        return Err(PyErr::value_error("n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(PyErr::value_error("k must be a non-negative integer"));
    }
    if n < k {
        return Ok(Value::small(0));
    }
    let Some(k) = k.to_i64() else {
        return Err(PyErr::overflow_error(format!(
            "k must not exceed {}",
            i64::MAX
        )));
    };
    Ok(int::from_bigint(falling_product(&n, k as u64)))
}

fn math_comb(args: Args<'_>) -> PyResult<Value> {
    let a = fixed(&args, "comb", 2, 2)?;
    let n = index_big(&a[0])?;
    let k = index_big(&a[1])?;
    if n.is_negative() {
        return Err(PyErr::value_error("n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(PyErr::value_error("k must be a non-negative integer"));
    }
    if k > n {
        return Ok(Value::small(0));
    }
    let other = &n - &k;
    let k = if other < k { other } else { k };
    let Some(k) = k.to_i64() else {
        return Err(PyErr::overflow_error(format!(
            "min(n - k, k) must not exceed {}",
            i64::MAX
        )));
    };
    let k = k as u64;
    let num = falling_product(&n, k);
    let den = BigInt::from_biguint(Sign::Plus, range_product(1, k + 1));
    Ok(int::from_bigint(num / den))
}
