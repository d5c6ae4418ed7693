//! Python's `repr()` of the constant types, character for character as CPython 3.13 prints
//! them: `str`, `bytes`, `float` and `complex` here, `int` through [`Int`](crate::Int)'s
//! `Display`, and `None`, `True`, `False`, `Ellipsis` as those words.
//!
//! These are written once for the whole project: the dumper prints constants with them, and
//! the object model's `__repr__` of the same types can call them.
//!
//! ```
//! use pyrs_ast::repr;
//!
//! assert_eq!(repr::str_repr("a'b\n"), r#""a'b\n""#);
//! assert_eq!(repr::bytes_repr(b"\xffit's"), r#"b"\xffit's""#);
//! assert_eq!(repr::float_repr(1e-5), "1e-05");
//! assert_eq!(repr::float_repr(1e15), "1000000000000000.0");
//! assert_eq!(repr::complex_repr(1.0, -2.0), "(1-2j)");
//! ```

pub use pyrs_tokenizer::repr::{push_str_repr, str_repr};
/// Python's `str.isprintable()` for one code point (lone surrogates included); the table is the
/// tokenizer's, generated from CPython's Unicode database.
pub use pyrs_tokenizer::unicode::is_printable_code_point as is_printable;

/// `repr(b)` of a Python `bytes` value.
pub fn bytes_repr(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + 3);
    push_bytes_repr(&mut out, bytes);
    out
}

/// Appends `repr()` of a `bytes` value to `out`: `b`, then the quote chosen as for `str`,
/// `\\`, `\t`, `\n`, `\r`, a backslash before the quote, `\xhh` outside printable ASCII.
pub fn push_bytes_repr(out: &mut String, bytes: &[u8]) {
    let single = bytes.contains(&b'\'');
    let double = bytes.contains(&b'"');
    let quote = if single && !double { b'"' } else { b'\'' };
    out.push('b');
    out.push(char::from(quote));
    for &b in bytes {
        match b {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            _ if b == quote => {
                out.push('\\');
                out.push(char::from(b));
            }
            0x20..=0x7E => out.push(char::from(b)),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\x");
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0xF)]));
            }
        }
    }
    out.push(char::from(quote));
}

/// `repr(x)` of a Python `float`: the shortest digits that read back as `x`, in positional
/// notation when the decimal exponent is from -4 to 15 (with `.0` when there is no fraction),
/// else in exponent notation with a sign and at least two exponent digits (`1e+16`, `1e-05`,
/// `1.5e+300`); `inf`, `-inf`, `nan`; `-0.0` keeps its sign.
pub fn float_repr(x: f64) -> String {
    let mut out = String::new();
    push_float(&mut out, x, true, false);
    out
}

/// `repr(complex(real, imag))`: `<imag>j` alone when the real part is +0.0, else
/// `(<real><signed imag>j)`; the parts use the float rules without the added `.0`
/// (`1j`, `(1+2j)`, `-0j`, `(-0+1j)`, `(nan+infj)`).
pub fn complex_repr(real: f64, imag: f64) -> String {
    let mut out = String::new();
    if real == 0.0 && real.is_sign_positive() {
        push_float(&mut out, imag, false, false);
        out.push('j');
    } else {
        out.push('(');
        push_float(&mut out, real, false, false);
        push_float(&mut out, imag, false, true);
        out.push_str("j)");
    }
    out
}

/// The digits of CPython's dtoa mode 0 for a finite `x >= 0`, as `d.ddde<exp>`: the fewest
/// digits that read back as `x`, and among those the closest to `x`, ties to even.
///
/// Rust's `{:e}` finds the same fewest digits, but when `x` lies exactly halfway between two
/// such candidates it takes the upper one (`1973160225293311.25` gives `...311.3`, where
/// Python prints `...311.2`). Rust's exact formatting to that many digits rounds half to even,
/// so it is the answer whenever it still reads back as `x`.
fn shortest_scientific(x: f64) -> String {
    let shortest = format!("{x:e}");
    let mantissa = shortest.split_once('e').map_or("", |(m, _)| m);
    let ndigits = mantissa.chars().filter(char::is_ascii_digit).count();
    let rounded = format!("{:.*e}", ndigits.saturating_sub(1), x);
    if rounded != shortest && rounded.parse::<f64>() == Ok(x) {
        rounded
    } else {
        shortest
    }
}

/// CPython's `format_float_short` in `repr` mode: `add_dot_0` appends `.0` to a positional
/// integer, `sign` writes `+` before a non-negative value (and before `nan`).
fn push_float(out: &mut String, x: f64, add_dot_0: bool, sign: bool) {
    if x.is_nan() {
        if sign {
            out.push('+');
        }
        out.push_str("nan");
        return;
    }
    if x.is_sign_negative() {
        out.push('-');
    } else if sign {
        out.push('+');
    }
    if x.is_infinite() {
        out.push_str("inf");
        return;
    }
    let scientific = shortest_scientific(x.abs());
    let (mantissa, exponent) = scientific
        .split_once('e')
        .expect("`{:e}` writes an exponent");
    let digits: String = mantissa.chars().filter(|&c| c != '.').collect();
    let decpt = exponent
        .parse::<i32>()
        .expect("`{:e}` writes a decimal exponent")
        + 1;
    let ndigits = digits.len() as i32;
    if decpt <= -4 || decpt > 16 {
        out.push_str(&digits[..1]);
        if ndigits > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let exp = decpt - 1;
        out.push('e');
        out.push(if exp < 0 { '-' } else { '+' });
        let magnitude = exp.unsigned_abs();
        if magnitude < 10 {
            out.push('0');
        }
        out.push_str(&magnitude.to_string());
    } else if decpt <= 0 {
        out.push_str("0.");
        out.push_str(&"0".repeat(decpt.unsigned_abs() as usize));
        out.push_str(&digits);
    } else if decpt >= ndigits {
        out.push_str(&digits);
        out.push_str(&"0".repeat((decpt - ndigits) as usize));
        if add_dot_0 {
            out.push_str(".0");
        }
    } else {
        out.push_str(&digits[..decpt as usize]);
        out.push('.');
        out.push_str(&digits[decpt as usize..]);
    }
}
