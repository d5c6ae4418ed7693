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

mod nonprintable;

use nonprintable::NON_PRINTABLE;

/// Python's `str.isprintable()` for one code point: false for the general categories Cc,
/// Cf, Cs, Co, Cn, Zl, Zp and Zs except the space, which `repr(str)` escapes.
pub fn is_printable(cp: u32) -> bool {
    if (0x20..0x7F).contains(&cp) {
        return true;
    }
    // The last range that starts at or before `cp` is the only one that can hold it.
    let after = NON_PRINTABLE.partition_point(|&(start, _)| start <= cp);
    after == 0 || NON_PRINTABLE[after - 1].1 < cp
}

/// `repr(s)` of a Python string.
pub fn str_repr(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    push_str_repr(&mut out, s.chars().map(u32::from));
    out
}

const HEX: &[u8; 16] = b"0123456789abcdef";

fn push_hex(out: &mut String, prefix: &str, value: u32, digits: u32) {
    out.push_str(prefix);
    for shift in (0..digits).rev() {
        out.push(char::from(HEX[((value >> (4 * shift)) & 0xF) as usize]));
    }
}

/// Appends `repr()` of the string made of `code_points` (which may include lone
/// surrogates) to `out`.
///
/// The rules of CPython's `unicode_repr`: single quotes, unless the text holds a `'` and no
/// `"`; a backslash before `\` and before the chosen quote; `\t`, `\n`, `\r`; `\xhh` for other
/// code points below U+0020 and U+007F; non-printable code points (see [`is_printable`]) as
/// `\xhh`, `\uhhhh` or `\Uhhhhhhhh` by size; the rest as they are.
pub fn push_str_repr(out: &mut String, code_points: impl Iterator<Item = u32> + Clone) {
    let (mut single, mut double) = (false, false);
    for cp in code_points.clone() {
        single |= cp == u32::from('\'');
        double |= cp == u32::from('"');
    }
    let quote = if single && !double { '"' } else { '\'' };
    out.push(quote);
    for cp in code_points {
        match char::from_u32(cp) {
            Some(c) if c == quote || c == '\\' => {
                out.push('\\');
                out.push(c);
            }
            Some('\t') => out.push_str("\\t"),
            Some('\n') => out.push_str("\\n"),
            Some('\r') => out.push_str("\\r"),
            Some(c) if is_printable(cp) => out.push(c),
            _ if cp < 0x100 => push_hex(out, "\\x", cp, 2),
            _ if cp < 0x10000 => push_hex(out, "\\u", cp, 4),
            _ => push_hex(out, "\\U", cp, 8),
        }
    }
    out.push(quote);
}

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
            _ => push_hex(out, "\\x", u32::from(b), 2),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_disjoint_and_merged() {
        for pair in NON_PRINTABLE.windows(2) {
            let ((_, end), (next, _)) = (pair[0], pair[1]);
            assert!(
                end + 1 < next,
                "ranges {:x?} and {:x?} touch or overlap",
                pair[0],
                pair[1]
            );
        }
        for &(start, end) in NON_PRINTABLE {
            assert!(start <= end && end <= 0x10FFFF);
        }
        assert!(!is_printable(0xD800) && !is_printable(0x10FFFF) && !is_printable(0x7F));
        assert!(is_printable(u32::from(' ')) && is_printable(u32::from('é')));
    }
}
