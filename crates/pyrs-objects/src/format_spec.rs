//! The format-spec mini-language (CPython's Python/formatter_unicode.c): parsing
//! `[[fill]align][sign][z][#][0][width][grouping][.precision][type]` and rendering ints,
//! floats, complex numbers and strings as `format(value, spec)` does.
//!
//! ```
//! use pyrs_objects::format_spec::{format_float, format_int, FormatSpec};
//! use pyrs_objects::int::IntRef;
//! pyrs_objects::with_gil(|| {
//!     let spec = FormatSpec::parse("_>+12,.2f", "float").unwrap();
//!     assert_eq!(format_float(1234.5, &spec, "float").unwrap(), "___+1,234.50");
//!     let spec = FormatSpec::parse("#010x", "int").unwrap();
//!     assert_eq!(format_int(IntRef::Small(255), &spec, "int").unwrap(), "0x000000ff");
//! });
//! ```
//!
//! A number is laid out as CPython lays it out:
//! `<left padding><sign><prefix><sign padding><grouped digits><decimal point><rest><right padding>`,
//! where only one of the three paddings is non-empty; with a `0` fill and `=` alignment the
//! sign padding becomes leading zeros that take part in the digit grouping (`0,001,234`).

use num_bigint::BigInt;
use num_traits::Signed;

use crate::error::{PyErr, PyResult};
use crate::int::IntRef;

/// Where the padding goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// `<`: padding after.
    Left,
    /// `>`: padding before.
    Right,
    /// `^`: padding split, the extra one after.
    Center,
    /// `=`: padding between the sign (and prefix) and the digits.
    AfterSign,
}

impl Align {
    fn from_char(c: char) -> Option<Align> {
        Some(match c {
            '<' => Align::Left,
            '>' => Align::Right,
            '^' => Align::Center,
            '=' => Align::AfterSign,
            _ => return None,
        })
    }
}

/// The sign option.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sign {
    /// `-`: a sign for negative numbers only (the default).
    Minus,
    /// `+`: always a sign.
    Plus,
    /// ` `: a space before non-negative numbers.
    Space,
}

/// A parsed format spec. `None` fields were not given.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormatSpec {
    /// The fill character, when given before an alignment.
    pub fill: Option<char>,
    /// The alignment, when given.
    pub align: Option<Align>,
    /// The sign option, when given.
    pub sign: Option<Sign>,
    /// `z`: negative zero (after rounding) is printed without its sign.
    pub no_neg_zero: bool,
    /// `#`: the alternate form (`0x` prefixes, a decimal point kept).
    pub alternate: bool,
    /// The `0` flag before the width (zero padding after the sign).
    pub zero: bool,
    /// The minimum width.
    pub width: Option<usize>,
    /// `,` or `_`: the thousands separator.
    pub grouping: Option<char>,
    /// The precision.
    pub precision: Option<usize>,
    /// The presentation type (`d`, `x`, `f`…).
    pub ty: Option<char>,
}

fn too_many_digits() -> PyErr {
    PyErr::value_error("Too many decimal digits in format string")
}

/// `'c'` for a printable ASCII type code, `'\xNN'` otherwise, as CPython's messages print it.
fn code_text(c: char) -> String {
    let n = c as u32;
    if n > 32 && n < 128 {
        c.to_string()
    } else {
        format!("\\x{n:x}")
    }
}

/// ValueError "Unknown format code 'X' for object of type 'T'".
pub fn unknown_code(code: char, type_name: &str) -> PyErr {
    PyErr::value_error(format!(
        "Unknown format code '{}' for object of type '{type_name}'",
        code_text(code)
    ))
}

impl FormatSpec {
    /// Parses `spec` as the standard format specifier of an object of type `type_name` (the
    /// name only appears in error messages, e.g. "Invalid format specifier 'xx' for object of
    /// type 'float'").
    pub fn parse(spec: &str, type_name: &str) -> PyResult<FormatSpec> {
        let chars: Vec<char> = spec.chars().collect();
        let mut out = FormatSpec::default();
        let mut pos = 0;
        let at = |i: usize| chars.get(i).copied();
        if let Some(a) = at(1).and_then(Align::from_char) {
            out.fill = at(0);
            out.align = Some(a);
            pos = 2;
        } else if let Some(a) = at(0).and_then(Align::from_char) {
            out.align = Some(a);
            pos = 1;
        }
        match at(pos) {
            Some('+') => out.sign = Some(Sign::Plus),
            Some('-') => out.sign = Some(Sign::Minus),
            Some(' ') => out.sign = Some(Sign::Space),
            _ => {}
        }
        if out.sign.is_some() {
            pos += 1;
        }
        if at(pos) == Some('z') {
            out.no_neg_zero = true;
            pos += 1;
        }
        if at(pos) == Some('#') {
            out.alternate = true;
            pos += 1;
        }
        if out.fill.is_none() && at(pos) == Some('0') {
            out.zero = true;
            pos += 1;
        }
        let read_int = |pos: &mut usize| -> PyResult<Option<usize>> {
            let mut value: usize = 0;
            let start = *pos;
            while let Some(d) = at(*pos).and_then(|c| c.to_digit(10)) {
                value = value
                    .checked_mul(10)
                    .and_then(|v| v.checked_add(d as usize))
                    .filter(|&v| v <= isize::MAX as usize)
                    .ok_or_else(too_many_digits)?;
                *pos += 1;
            }
            Ok((*pos > start).then_some(value))
        };
        out.width = read_int(&mut pos)?;
        if at(pos) == Some(',') {
            out.grouping = Some(',');
            pos += 1;
        }
        if at(pos) == Some('_') {
            if out.grouping.is_some() {
                return Err(PyErr::value_error("Cannot specify both ',' and '_'."));
            }
            out.grouping = Some('_');
            pos += 1;
        }
        if at(pos) == Some(',') {
            return Err(PyErr::value_error("Cannot specify both ',' and '_'."));
        }
        if at(pos) == Some('.') {
            pos += 1;
            out.precision = read_int(&mut pos)?;
            if out.precision.is_none() {
                return Err(PyErr::value_error("Format specifier missing precision"));
            }
        }
        if chars.len() - pos > 1 {
            return Err(PyErr::value_error(format!(
                "Invalid format specifier '{spec}' for object of type '{type_name}'"
            )));
        }
        out.ty = at(pos);
        if let Some(sep) = out.grouping {
            match out.ty {
                None | Some('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F') => {}
                Some('b' | 'o' | 'x' | 'X') if sep == '_' => {}
                Some(t) => {
                    return Err(PyErr::value_error(format!(
                        "Cannot specify '{sep}' with '{}'.",
                        code_text(t)
                    )))
                }
            }
        }
        Ok(out)
    }

    /// The fill character and alignment in force, given the type's default alignment
    /// (`Right` for numbers, `Left` for strings): the `0` flag means a `0` fill and, for
    /// numbers, `=` alignment.
    pub fn fill_and_align(&self, default: Align) -> (char, Align) {
        let fill = self.fill.unwrap_or(if self.zero { '0' } else { ' ' });
        let align = self
            .align
            .unwrap_or(if self.zero && default == Align::Right {
                Align::AfterSign
            } else {
                default
            });
        (fill, align)
    }

    /// Pads an already formatted `text` to the width, with the fill and alignment in force
    /// (`=` acting as `default`'s counterpart is the caller's business: here it pads before).
    pub fn pad(&self, text: &str, default: Align) -> String {
        let (fill, align) = self.fill_and_align(default);
        pad(text, self.width.unwrap_or(0), fill, align)
    }
}

/// Pads `text` to `width` characters with `fill` (`=` alignment pads on the left).
pub fn pad(text: &str, width: usize, fill: char, align: Align) -> String {
    let n = text.chars().count();
    if n >= width {
        return text.to_string();
    }
    let total = width - n;
    let left = match align {
        Align::Right | Align::AfterSign => total,
        Align::Center => total / 2,
        Align::Left => 0,
    };
    let mut out = String::with_capacity(text.len() + total * fill.len_utf8());
    out.extend(std::iter::repeat_n(fill, left));
    out.push_str(text);
    out.extend(std::iter::repeat_n(fill, total - left));
    out
}

/// `format(text, spec)` for a `str` (CPython's `format_string_internal`): type `s` or none,
/// precision truncates, no sign, `#`, `z` or `=`.
pub fn format_str(text: &str, spec: &FormatSpec, type_name: &str) -> PyResult<String> {
    match spec.ty {
        None | Some('s') => {}
        Some(t) => return Err(unknown_code(t, type_name)),
    }
    if let Some(sep) = spec.grouping {
        return Err(PyErr::value_error(format!(
            "Cannot specify '{sep}' with 's'."
        )));
    }
    if spec.sign.is_some() {
        return Err(PyErr::value_error(
            "Sign not allowed in string format specifier",
        ));
    }
    if spec.no_neg_zero {
        return Err(PyErr::value_error(
            "Negative zero coercion (z) not allowed in string format specifier",
        ));
    }
    if spec.alternate {
        return Err(PyErr::value_error(
            "Alternate form (#) not allowed in string format specifier",
        ));
    }
    let (fill, align) = spec.fill_and_align(Align::Left);
    if align == Align::AfterSign {
        return Err(PyErr::value_error(
            "'=' alignment not allowed in string format specifier",
        ));
    }
    let truncated = match spec.precision {
        Some(p) => match text.char_indices().nth(p) {
            Some((i, _)) => &text[..i],
            None => text,
        },
        None => text,
    };
    Ok(pad(truncated, spec.width.unwrap_or(0), fill, align))
}

/// The parts of a formatted number before padding.
struct Number<'a> {
    negative: bool,
    prefix: &'a str,
    /// The leading run of digits (grouped).
    digits: &'a str,
    /// Everything after the digits: decimal point, fraction, exponent, `%`, `j`…
    rest: &'a str,
}

/// Inserts `sep` every `group` digits from the right and pads with leading zeros to
/// `min_width` characters (CPython's `_PyUnicode_InsertThousandsGrouping`).
fn group_digits(digits: &str, group: Option<(usize, char)>, min_width: isize) -> String {
    let Some((size, sep)) = group else {
        let zeros = (min_width - digits.len() as isize).max(0) as usize;
        let mut out = "0".repeat(zeros);
        out.push_str(digits);
        return out;
    };
    let bytes = digits.as_bytes();
    let mut remaining = bytes.len() as isize;
    let mut min_width = min_width;
    let mut parts: Vec<String> = Vec::new();
    loop {
        let l = (size as isize).min(remaining.max(min_width).max(1));
        let zeros = (l - remaining).max(0);
        let take = remaining.min(l).max(0);
        let mut part = "0".repeat(zeros as usize);
        let end = remaining as usize;
        part.push_str(&digits[end - take as usize..end]);
        parts.push(part);
        remaining -= take;
        min_width -= l;
        if remaining <= 0 && min_width <= 0 {
            break;
        }
        min_width -= 1;
    }
    parts.reverse();
    parts.join(&sep.to_string())
}

/// Lays out a number with the spec's sign, width, fill, alignment and grouping.
fn layout(num: Number<'_>, spec: &FormatSpec, group: Option<(usize, char)>) -> String {
    let (fill, align) = spec.fill_and_align(Align::Right);
    let sign = match (num.negative, spec.sign) {
        (true, _) => Some('-'),
        (false, Some(Sign::Plus)) => Some('+'),
        (false, Some(Sign::Space)) => Some(' '),
        (false, _) => None,
    };
    let fixed = sign.map_or(0, |_| 1) + num.prefix.len() + num.rest.chars().count();
    let width = spec.width.map_or(-1, |w| w as isize);
    let min_width = if fill == '0' && align == Align::AfterSign {
        width - fixed as isize
    } else {
        0
    };
    let grouped = if num.digits.is_empty() {
        String::new()
    } else {
        group_digits(num.digits, group, min_width)
    };
    let used = fixed + grouped.chars().count();
    let padding = (width - used as isize).max(0) as usize;
    let (left, inner, right) = match align {
        Align::Left => (0, 0, padding),
        Align::Right => (padding, 0, 0),
        Align::Center => (padding / 2, 0, padding - padding / 2),
        Align::AfterSign => (0, padding, 0),
    };
    let mut out = String::with_capacity(used + padding);
    out.extend(std::iter::repeat_n(fill, left));
    if let Some(s) = sign {
        out.push(s);
    }
    out.push_str(num.prefix);
    out.extend(std::iter::repeat_n(fill, inner));
    out.push_str(&grouped);
    out.push_str(num.rest);
    out.extend(std::iter::repeat_n(fill, right));
    out
}

/// Splits an unsigned number's text into its leading digits and the rest.
fn split_digits(text: &str) -> (&str, &str) {
    let n = text.bytes().take_while(u8::is_ascii_digit).count();
    text.split_at(n)
}

/// The digits of an int in base 2, 8, 10 or 16 (no sign, no prefix).
fn int_digits(value: IntRef<'_>, radix: u32) -> String {
    match value {
        IntRef::Small(i) => {
            let u = i.unsigned_abs();
            match radix {
                2 => format!("{u:b}"),
                8 => format!("{u:o}"),
                16 => format!("{u:x}"),
                _ => u.to_string(),
            }
        }
        IntRef::Big(b) => b.abs().to_str_radix(radix),
    }
}

/// `bin()`, `oct()` and `hex()`: `-0x1f`, `0b101`, `0o17` (radix 2, 8 or 16; 10 gives the
/// plain decimal text).
pub fn format_int_radix(value: IntRef<'_>, radix: u32) -> String {
    let prefix = match radix {
        2 => "0b",
        8 => "0o",
        16 => "0x",
        _ => "",
    };
    let mut out = String::new();
    if value.is_negative() {
        out.push('-');
    }
    out.push_str(prefix);
    out.push_str(&int_digits(value, radix));
    out
}

/// `format(int, spec)` (CPython's `format_long_internal`); the float presentation types
/// convert the int to a float first. `type_name` is the object's type, for error messages.
pub fn format_int(value: IntRef<'_>, spec: &FormatSpec, type_name: &str) -> PyResult<String> {
    match spec.ty {
        None | Some('d' | 'n' | 'b' | 'o' | 'x' | 'X' | 'c') => {}
        Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') => {
            let x = crate::int::to_f64(value)?;
            return format_float(x, spec, type_name);
        }
        Some(t) => return Err(unknown_code(t, type_name)),
    }
    if spec.precision.is_some() {
        return Err(PyErr::value_error(
            "Precision not allowed in integer format specifier",
        ));
    }
    if spec.no_neg_zero {
        return Err(PyErr::value_error(
            "Negative zero coercion (z) not allowed in integer format specifier",
        ));
    }
    if spec.ty == Some('c') {
        if spec.sign.is_some() {
            return Err(PyErr::value_error(
                "Sign not allowed with integer format specifier 'c'",
            ));
        }
        if spec.alternate {
            return Err(PyErr::value_error(
                "Alternate form (#) not allowed with integer format specifier 'c'",
            ));
        }
        let c = value
            .to_i64()
            .filter(|&i| (0..=0x10ffff).contains(&i))
            .ok_or_else(|| PyErr::overflow_error("%c arg not in range(0x110000)"))?;
        // A lone surrogate cannot be Rust text; it prints as U+FFFD here.
        let ch = char::from_u32(c as u32).unwrap_or('\u{fffd}');
        let text = ch.to_string();
        return Ok(layout(
            Number {
                negative: false,
                prefix: "",
                digits: "",
                rest: &text,
            },
            spec,
            None,
        ));
    }
    let (radix, prefix) = match spec.ty {
        Some('b') => (2, "0b"),
        Some('o') => (8, "0o"),
        Some('x') => (16, "0x"),
        Some('X') => (16, "0X"),
        _ => (10, ""),
    };
    let mut digits = if radix == 10 {
        let mut text = crate::int::to_decimal_checked(value)?;
        if text.starts_with('-') {
            text.remove(0);
        }
        text
    } else {
        int_digits(value, radix)
    };
    if spec.ty == Some('X') {
        digits.make_ascii_uppercase();
    }
    let group = spec
        .grouping
        .map(|sep| (if radix == 10 { 3 } else { 4 }, sep));
    Ok(layout(
        Number {
            negative: value.is_negative(),
            prefix: if spec.alternate { prefix } else { "" },
            digits: &digits,
            rest: "",
        },
        spec,
        group,
    ))
}

/// How a float is turned into text (the modes of CPython's `PyOS_double_to_string`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// `e`: one digit, the point, `precision` digits, an exponent.
    Exp,
    /// `f`: `precision` digits after the point.
    Fixed,
    /// `g`: `precision` significant digits, exponent or not by size, trailing zeros dropped.
    General,
    /// `repr`: the shortest digits that read back the same.
    Repr,
}

/// Formats a finite, non-negative `x` (CPython's `format_float_short`): `add_dot_0` adds
/// `.0` to an integral positional result (and makes `g` switch to an exponent one digit
/// earlier), `alt` keeps the point and, for `g`, trailing zeros.
fn float_body(x: f64, mode: Mode, precision: usize, alt: bool, add_dot_0: bool) -> String {
    match mode {
        Mode::Fixed => {
            let mut s = format!("{x:.precision$}");
            if alt && precision == 0 {
                s.push('.');
            }
            s
        }
        Mode::Exp => {
            let s = format!("{x:.precision$e}");
            let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
            let mut out = mantissa.to_string();
            if alt && precision == 0 {
                out.push('.');
            }
            push_exponent(&mut out, exp.parse().unwrap_or(0));
            out
        }
        Mode::General | Mode::Repr => {
            let (mut digits, decpt) = if mode == Mode::Repr {
                shortest_digits(x)
            } else {
                let p = precision.max(1);
                let s = format!("{x:.*e}", p - 1);
                let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
                let digits: String = mantissa.chars().filter(|&c| c != '.').collect();
                (digits, exp.parse::<i64>().unwrap_or(0) + 1)
            };
            let precision = precision.max(1) as i64;
            if !(alt && mode == Mode::General) {
                let kept = digits.trim_end_matches('0').len().max(1);
                digits.truncate(kept);
            }
            let use_exp = match mode {
                Mode::Repr => decpt <= -4 || decpt > 16,
                _ => decpt <= -4 || decpt > if add_dot_0 { precision - 1 } else { precision },
            };
            let mut vend = digits.len() as i64;
            if alt && mode == Mode::General {
                vend = precision;
            }
            let (point, exp) = if use_exp {
                (1, Some(decpt - 1))
            } else {
                (decpt, None)
            };
            vend = if exp.is_none() && add_dot_0 {
                vend.max(point + 1)
            } else {
                vend.max(point)
            };
            let mut out = String::new();
            let len = digits.len() as i64;
            if point <= 0 {
                out.push_str("0.");
                out.extend(std::iter::repeat_n('0', (-point) as usize));
                out.push_str(&digits);
                out.extend(std::iter::repeat_n('0', (vend - len).max(0) as usize));
            } else if point <= len {
                out.push_str(&digits[..point as usize]);
                out.push('.');
                out.push_str(&digits[point as usize..]);
                out.extend(std::iter::repeat_n('0', (vend - len).max(0) as usize));
            } else {
                out.push_str(&digits);
                out.extend(std::iter::repeat_n('0', (point - len) as usize));
                out.push('.');
                out.extend(std::iter::repeat_n('0', (vend - point).max(0) as usize));
            }
            if out.ends_with('.') && !alt {
                out.pop();
            }
            if let Some(e) = exp {
                push_exponent(&mut out, e);
            }
            out
        }
    }
}

/// `e+05`, `e-300`: a sign and at least two digits.
fn push_exponent(out: &mut String, exp: i64) {
    out.push('e');
    out.push(if exp < 0 { '-' } else { '+' });
    let a = exp.unsigned_abs();
    if a < 10 {
        out.push('0');
    }
    out.push_str(&a.to_string());
}

/// The shortest round-trip digits of a finite `x >= 0` and the decimal point's position.
fn shortest_digits(x: f64) -> (String, i64) {
    if x == 0.0 {
        return ("0".to_string(), 1);
    }
    let r = pyrs_ast::repr::float_repr(x);
    let (mantissa, exp) = match r.split_once('e') {
        Some((m, e)) => (m.to_string(), e.parse::<i64>().unwrap_or(0)),
        None => (r.clone(), 0),
    };
    let (int_part, frac) = mantissa.split_once('.').unwrap_or((&mantissa, ""));
    let all = format!("{int_part}{frac}");
    let lead = all.bytes().take_while(|&b| b == b'0').count();
    let digits = all[lead..].trim_end_matches('0').to_string();
    let decpt = int_part.len() as i64 - lead as i64 + exp;
    if digits.is_empty() {
        return ("0".to_string(), 1);
    }
    (digits, decpt)
}

/// `format(float, spec)` (CPython's `format_float_internal`). `type_name` is the object's
/// type, for error messages.
pub fn format_float(x: f64, spec: &FormatSpec, type_name: &str) -> PyResult<String> {
    let ty = spec.ty;
    match ty {
        None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') => {}
        Some(t) => return Err(unknown_code(t, type_name)),
    }
    let text = float_text(x, spec, ty, ty.is_none())?;
    let group = match ty {
        Some('n') => None,
        _ => spec.grouping.map(|sep| (3, sep)),
    };
    let (negative, body) = match text.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, text.as_str()),
    };
    let (digits, rest) = split_digits(body);
    Ok(layout(
        Number {
            negative,
            prefix: "",
            digits,
            rest,
        },
        spec,
        group,
    ))
}

/// The signed text of a float for a presentation type (before padding and grouping).
fn float_text(x: f64, spec: &FormatSpec, ty: Option<char>, add_dot_0: bool) -> PyResult<String> {
    let upper = matches!(ty, Some('E' | 'F' | 'G'));
    let (mode, default_precision) = match ty {
        None if spec.precision.is_none() => (Mode::Repr, 0),
        None => (Mode::General, 6),
        Some('e' | 'E') => (Mode::Exp, 6),
        Some('f' | 'F' | '%') => (Mode::Fixed, 6),
        _ => (Mode::General, 6),
    };
    let precision = spec.precision.unwrap_or(default_precision);
    let value = if ty == Some('%') { x * 100.0 } else { x };
    let mut out = String::new();
    let negative = value.is_sign_negative() && !value.is_nan();
    let body = if value.is_nan() {
        "nan".to_string()
    } else if value.is_infinite() {
        "inf".to_string()
    } else {
        float_body(value.abs(), mode, precision, spec.alternate, add_dot_0)
    };
    let zero = !body
        .split(['e', 'E'])
        .next()
        .unwrap_or("")
        .bytes()
        .any(|b| (b'1'..=b'9').contains(&b));
    if negative && !(spec.no_neg_zero && zero && value.is_finite()) {
        out.push('-');
    }
    out.push_str(&body);
    if upper {
        out.make_ascii_uppercase();
    }
    if ty == Some('%') {
        out.push('%');
    }
    Ok(out)
}

/// `format(complex, spec)` (CPython's `format_complex_internal`).
pub fn format_complex(re: f64, im: f64, spec: &FormatSpec, type_name: &str) -> PyResult<String> {
    let ty = spec.ty;
    match ty {
        None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n') => {}
        Some(t) => return Err(unknown_code(t, type_name)),
    }
    if spec.zero && spec.fill.is_none() {
        return Err(PyErr::value_error(
            "Zero padding is not allowed in complex format specifier",
        ));
    }
    if spec.align == Some(Align::AfterSign) {
        return Err(PyErr::value_error(
            "'=' alignment flag is not allowed in complex format specifier",
        ));
    }
    let ty = if ty == Some('n') { Some('g') } else { ty };
    let (skip_re, parens) = if ty.is_none() {
        if re == 0.0 && re.is_sign_positive() {
            (true, false)
        } else {
            (false, true)
        }
    } else {
        (false, false)
    };
    // With no type the parts print like repr (without `.0`), or like `g` given a precision.
    let part_ty = if ty.is_none() && spec.precision.is_some() {
        Some('g')
    } else {
        ty
    };
    let part_spec = FormatSpec {
        ty: part_ty,
        ..spec.clone()
    };
    let group = spec.grouping.map(|sep| (3, sep));
    let plain = FormatSpec {
        fill: None,
        align: None,
        zero: false,
        width: None,
        ..spec.clone()
    };
    let mut inner = String::new();
    if parens {
        inner.push('(');
    }
    if !skip_re {
        let t = float_text(re, &part_spec, part_ty, false)?;
        inner.push_str(&signed_part(&t, &plain, group));
    }
    let t = float_text(im, &part_spec, part_ty, false)?;
    let im_spec = if skip_re {
        plain.clone()
    } else {
        FormatSpec {
            sign: Some(Sign::Plus),
            ..plain.clone()
        }
    };
    inner.push_str(&signed_part(&t, &im_spec, group));
    inner.push('j');
    if parens {
        inner.push(')');
    }
    let (fill, align) = spec.fill_and_align(Align::Right);
    Ok(pad(&inner, spec.width.unwrap_or(0), fill, align))
}

fn signed_part(text: &str, spec: &FormatSpec, group: Option<(usize, char)>) -> String {
    let (negative, body) = match text.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, text),
    };
    let (digits, rest) = split_digits(body);
    layout(
        Number {
            negative,
            prefix: "",
            digits,
            rest,
        },
        spec,
        group,
    )
}

/// `format(int, spec)` from a bigint (a convenience for callers holding one).
pub fn format_bigint(value: &BigInt, spec: &FormatSpec, type_name: &str) -> PyResult<String> {
    format_int(IntRef::Big(value), spec, type_name)
}
