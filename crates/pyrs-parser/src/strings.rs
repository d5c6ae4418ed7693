//! String literals: prefixes, escape decoding for `str` and `bytes`, the pieces of f-strings,
//! and implicit concatenation (CPython's Parser/string_parser.c and the string parts of
//! Parser/action_helpers.c).

use pyrs_ast::*;

use crate::actions::{loc, Ex, Exprs};
use crate::error::{Error, PResult};
use crate::token::Pos;
use crate::unicode_names;

/// A string literal's prefix, read from its token.
#[derive(Clone, Copy, Debug, Default)]
struct Prefix {
    raw: bool,
    bytes: bool,
    unicode: bool,
}

fn prefix_of(text: &str) -> (Prefix, usize) {
    let mut p = Prefix::default();
    let mut n = 0;
    for c in text.bytes() {
        match c {
            b'r' | b'R' => p.raw = true,
            b'b' | b'B' => p.bytes = true,
            b'u' | b'U' => p.unicode = true,
            b'f' | b'F' => {}
            _ => break,
        }
        n += 1;
    }
    (p, n)
}

/// CPython reads source with universal newlines: a `\r\n` or lone `\r` inside a literal is a
/// `\n` in the value.
fn universal_newlines(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('\r') {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(s.replace("\r\n", "\n").replace('\r', "\n"))
}

/// A STRING token as a `Constant` (str or bytes).
pub(crate) fn string_token(text: &str, l: Pos, r: Pos) -> PResult<Ex> {
    let (prefix, n) = prefix_of(text);
    let rest = &text[n..];
    let quote = if rest.starts_with("'''") || rest.starts_with("\"\"\"") {
        3
    } else {
        1
    };
    let body = rest
        .get(quote..rest.len().saturating_sub(quote))
        .unwrap_or("");
    // The common body, without carriage returns or backslashes, is found in one scan, and
    // returned at once (building the node here rather than merging with the general path's
    // below runs about 4% fewer instructions in this function).
    if !prefix.bytes && memchr::memchr2(b'\r', b'\\', body.as_bytes()).is_none() {
        return Ok(Ex::leaf(Expr::from(ExprConstant {
            value: Constant::Str(StrValue::from(body)),
            kind: prefix.unicode.then(|| "u".into()),
            loc: loc(l, r),
        })));
    }
    let body = universal_newlines(body);
    let value = if prefix.bytes {
        if !body.is_ascii() {
            return Err(Error::at(
                l,
                r,
                "bytes can only contain ASCII literal characters",
            ));
        }
        let value = if prefix.raw {
            body.as_bytes().to_vec()
        } else {
            decode_bytes(&body).map_err(|msg| Error::at(l, r, msg))?
        };
        Constant::Bytes(value.into())
    } else if prefix.raw || !body.contains('\\') {
        Constant::Str(StrValue::from(&*body))
    } else {
        Constant::Str(decode_str(&body).map_err(|msg| Error::at(l, r, msg))?)
    };
    Ok(Ex::leaf(Expr::from(ExprConstant {
        value,
        kind: prefix.unicode.then(|| "u".into()),
        loc: loc(l, r),
    })))
}

/// A `str` literal's value while its escapes are decoded: UTF-8 text until an escape gives a
/// lone surrogate, which only a list of code points can hold (rare: `'\ud800'`).
enum Decoded {
    Text(String),
    CodePoints(Vec<u32>),
}

impl Decoded {
    fn push(&mut self, cp: u32) {
        match self {
            Decoded::Text(text) => match char::from_u32(cp) {
                Some(c) => text.push(c),
                None => {
                    let mut points: Vec<u32> = text.chars().map(u32::from).collect();
                    points.push(cp);
                    *self = Decoded::CodePoints(points);
                }
            },
            Decoded::CodePoints(points) => points.push(cp),
        }
    }

    fn push_str(&mut self, run: &str) {
        match self {
            Decoded::Text(text) => text.push_str(run),
            Decoded::CodePoints(points) => points.extend(run.chars().map(u32::from)),
        }
    }
}

/// Decodes the escapes of a `str` literal's body.
pub(crate) fn decode_str(body: &str) -> Result<StrValue, String> {
    let mut out = Decoded::Text(String::with_capacity(body.len()));
    let bytes = body.as_bytes();
    let mut i = 0;
    let unicode_error = |start: usize, end: usize, what: &str| {
        format!(
            "(unicode error) 'unicodeescape' codec can't decode bytes in position {start}-{end}: {what}"
        )
    };
    while i < bytes.len() {
        let c = bytes[i];
        if c != b'\\' {
            // Copy a run of ordinary characters.
            let run_end = body[i..].find('\\').map_or(body.len(), |j| i + j);
            out.push_str(&body[i..run_end]);
            i = run_end;
            continue;
        }
        let start = i;
        i += 1;
        let Some(&e) = bytes.get(i) else {
            return Err(unicode_error(start, start, "\\ at end of string"));
        };
        i += 1;
        match e {
            b'\n' => {}
            b'\\' => out.push(u32::from('\\')),
            b'\'' => out.push(u32::from('\'')),
            b'"' => out.push(u32::from('"')),
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'n' => out.push(10),
            b'r' => out.push(13),
            b't' => out.push(9),
            b'v' => out.push(11),
            b'0'..=b'7' => {
                let mut v = u32::from(e - b'0');
                for _ in 0..2 {
                    match bytes.get(i) {
                        Some(&d @ b'0'..=b'7') => {
                            v = v * 8 + u32::from(d - b'0');
                            i += 1;
                        }
                        _ => break,
                    }
                }
                out.push(v);
            }
            b'x' | b'u' | b'U' => {
                let (count, what) = match e {
                    b'x' => (2, "truncated \\xXX escape"),
                    b'u' => (4, "truncated \\uXXXX escape"),
                    _ => (8, "truncated \\UXXXXXXXX escape"),
                };
                let mut v: u32 = 0;
                for k in 0..count {
                    match bytes.get(i).and_then(|&d| char::from(d).to_digit(16)) {
                        Some(d) => {
                            v = v * 16 + d;
                            i += 1;
                        }
                        None => {
                            let _ = k;
                            return Err(unicode_error(start, i.max(start + 1) - 1, what));
                        }
                    }
                }
                if v > 0x10FFFF {
                    return Err(unicode_error(start, i - 1, "illegal Unicode character"));
                }
                out.push(v);
            }
            b'N' => {
                let malformed =
                    |end: usize| unicode_error(start, end, "malformed \\N character escape");
                if bytes.get(i) != Some(&b'{') {
                    return Err(malformed(i.saturating_sub(1)));
                }
                let Some(close) = body[i..].find('}') else {
                    return Err(malformed(bytes.len() - 1));
                };
                let name = &body[i + 1..i + close];
                let end = i + close;
                if name.is_empty() {
                    return Err(malformed(end));
                }
                match unicode_names::lookup(name) {
                    Some(cp) => out.push(cp),
                    None => {
                        return Err(unicode_error(start, end, "unknown Unicode character name"))
                    }
                }
                i = end + 1;
            }
            _ => {
                // An unknown escape keeps its backslash (CPython warns).
                out.push(u32::from('\\'));
                i -= 1;
            }
        }
    }
    match out {
        Decoded::Text(text) => Ok(StrValue::from(text)),
        Decoded::CodePoints(points) => StrValue::from_code_points(points)
            .ok_or_else(|| "(unicode error) illegal Unicode character".into()),
    }
}

/// Decodes the escapes of a `bytes` literal's body (ASCII only).
pub(crate) fn decode_bytes(body: &str) -> Result<Vec<u8>, String> {
    let bytes = body.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        i += 1;
        if c != b'\\' {
            out.push(c);
            continue;
        }
        let Some(&e) = bytes.get(i) else {
            return Err("(value error) Trailing \\ in string".into());
        };
        i += 1;
        match e {
            b'\n' => {}
            b'\\' => out.push(b'\\'),
            b'\'' => out.push(b'\''),
            b'"' => out.push(b'"'),
            b'a' => out.push(7),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b'n' => out.push(10),
            b'r' => out.push(13),
            b't' => out.push(9),
            b'v' => out.push(11),
            b'0'..=b'7' => {
                let mut v = u32::from(e - b'0');
                for _ in 0..2 {
                    match bytes.get(i) {
                        Some(&d @ b'0'..=b'7') => {
                            v = v * 8 + u32::from(d - b'0');
                            i += 1;
                        }
                        _ => break,
                    }
                }
                out.push(v as u8);
            }
            b'x' => {
                let hex = |k: usize| bytes.get(k).and_then(|&d| char::from(d).to_digit(16));
                match (hex(i), hex(i + 1)) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 2;
                    }
                    _ => {
                        return Err(format!(
                            "(value error) invalid \\x escape at position {}",
                            i - 2
                        ))
                    }
                }
            }
            _ => {
                out.push(b'\\');
                i -= 1;
            }
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// f-strings
// ---------------------------------------------------------------------------------------------

/// An FSTRING_MIDDLE token (literal text of an f-string) as a `Constant`, decoded unless the
/// f-string is raw.
pub(crate) fn fstring_middle(text: &str, raw: bool, l: Pos, r: Pos) -> PResult<Ex> {
    let text = universal_newlines(text);
    let value = if raw || !text.contains('\\') {
        StrValue::from(&*text)
    } else {
        decode_str(&text).map_err(|msg| Error::at(l, r, msg))?
    };
    Ok(Ex::leaf(Expr::from(ExprConstant {
        value: Constant::Str(value),
        kind: None,
        loc: loc(l, r),
    })))
}

/// The text of a debug expression (`{expr=}`) as CPython keeps it: comments removed.
pub(crate) fn strip_comments(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains('#') {
        return std::borrow::Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut quote: Option<(u8, usize)> = None;
    let mut run = 0;
    while i < bytes.len() {
        let c = bytes[i];
        match quote {
            Some((q, n)) => {
                if c == b'\\' {
                    i += 1;
                } else if c == q
                    && bytes[i..].iter().take(n).all(|&b| b == q)
                    && bytes.len() - i >= n
                {
                    i += n - 1;
                    quote = None;
                }
            }
            None => match c {
                b'\'' | b'"' => {
                    let n = if bytes[i..].starts_with(&[c, c, c]) {
                        3
                    } else {
                        1
                    };
                    quote = Some((c, n));
                    i += n - 1;
                }
                b'#' => {
                    out.push_str(&text[run..i]);
                    while i < bytes.len() && bytes[i] != b'\n' {
                        i += 1;
                    }
                    run = i;
                    continue;
                }
                _ => {}
            },
        }
        i += 1;
    }
    out.push_str(&text[run.min(text.len())..]);
    std::borrow::Cow::Owned(out)
}

/// True when an f-string's start token (`f"`, `rf'''`) makes it raw.
pub(crate) fn is_raw_fstring(start: &str) -> bool {
    start
        .bytes()
        .take_while(|b| b.is_ascii_alphabetic())
        .any(|b| b == b'r' || b == b'R')
}

fn is_empty_str(e: &Expr) -> bool {
    matches!(e, Expr::Constant(c) if matches!(&c.value, Constant::Str(s) if s.as_str() == Some("")))
}

/// An f-string from its parts: literal text and replacement fields (a replacement field with
/// `=` is a JoinedStr of its text and its value, flattened here).
pub(crate) fn joined_str(parts: Vec<Ex>, l: Pos, r: Pos) -> PResult<Ex> {
    let mut values = Exprs::default();
    for p in parts {
        match p.e {
            Expr::JoinedStr(j) => {
                for v in j.values {
                    if !is_empty_str(&v) {
                        values.push(Ex { e: v, d: p.d, r: 0 });
                    }
                }
            }
            e if is_empty_str(&e) => {}
            e => values.push(Ex { e, d: p.d, r: 0 }),
        }
    }
    crate::actions::node(
        Expr::from(ExprJoinedStr {
            values: values.v,
            loc: loc(l, r),
        }),
        values.d,
    )
}

/// A replacement field `{value=!c:spec}`: a FormattedValue, and with `=` a JoinedStr of the
/// debug text and the FormattedValue.
#[allow(clippy::too_many_arguments)]
pub(crate) fn formatted_value(
    value: Ex,
    debug_text: Option<&str>,
    raw: bool,
    conversion: Option<(&str, Pos, Pos)>,
    spec: Option<(Ex, Pos)>,
    l: Pos,
    r: Pos,
) -> PResult<Ex> {
    let conv = match conversion {
        Some((c, cl, cr)) => match c {
            "s" | "r" | "a" => i32::from(c.as_bytes()[0]),
            _ => {
                return Err(Error::at(
                    cl,
                    cr,
                    format!(
                        "f-string: invalid conversion character {}: expected 's', 'r', or 'a'",
                        pyrs_ast::repr::str_repr(c)
                    ),
                ))
            }
        },
        None if debug_text.is_some() && spec.is_none() => i32::from(b'r'),
        None => -1,
    };
    let mut d = value.d;
    // CPython's `debug_end_offset`: the conversion's name, just after the spec's colon, or
    // the end of the field; the debug text ends one column before it.
    let debug_end = match (&conversion, &spec) {
        (Some((_, cl, _)), _) => *cl,
        (None, Some((_, colon))) => Pos {
            col: colon.col + 1,
            ..*colon
        },
        (None, None) => r,
    };
    let format_spec = spec.map(|(s, _)| {
        d = d.max(s.d);
        s.e
    });
    let fv = crate::actions::node(
        Expr::from(ExprFormattedValue {
            value: value.e,
            conversion: conv,
            format_spec,
            loc: loc(l, r),
        }),
        d,
    )?;
    let Some(text) = debug_text else {
        return Ok(fv);
    };
    let text_l = Pos {
        col: l.col + 1,
        ..l
    };
    let text_r = Pos {
        col: debug_end.col.saturating_sub(1),
        ..debug_end
    };
    let debug = fstring_middle(&strip_comments(text), raw, text_l, text_r)?;
    let d = fv.d;
    crate::actions::node(
        Expr::from(ExprJoinedStr {
            values: vec![debug.e, fv.e],
            loc: loc(l, debug_end),
        }),
        d,
    )
}

/// A format spec: the parts after `:` in a replacement field, as a JoinedStr located from the
/// colon to the end of its last part.
pub(crate) fn format_spec(parts: Vec<Ex>, l: Pos, r: Pos) -> PResult<Ex> {
    // A nested field with `=` is flattened into the spec, its text left undecoded, and
    // adjacent texts are merged.
    let spec = joined_str(parts, l, r)?;
    let d = spec.d;
    match spec.e {
        Expr::JoinedStr(mut j) => {
            j.values = merge_constants(std::mem::take(&mut j.values));
            Ok(Ex {
                e: Expr::JoinedStr(j),
                d,
                r: 0,
            })
        }
        e => Ok(Ex { e, d, r: 0 }),
    }
}

/// Merges each run of adjacent string constants into one, located from the first to the
/// last, and drops empty strings.
fn merge_constants(flat: Vec<Expr>) -> Vec<Expr> {
    let mut values: Vec<Expr> = Vec::with_capacity(flat.len());
    let mut iter = flat.into_iter().peekable();
    while let Some(e) = iter.next() {
        let Expr::Constant(mut first) = e else {
            values.push(e);
            continue;
        };
        if !matches!(iter.peek(), Some(Expr::Constant(_))) {
            if !is_empty_str(&Expr::Constant(first.clone())) {
                values.push(Expr::Constant(first));
            }
            continue;
        }
        let mut run = vec![std::mem::replace(&mut first.value, Constant::None)];
        let mut last_loc = first.loc;
        while let Some(Expr::Constant(_)) = iter.peek() {
            let Some(Expr::Constant(c)) = iter.next() else {
                break;
            };
            run.push(c.value);
            last_loc = c.loc;
        }
        let value = concat_strs(run.iter());
        if value.as_str() == Some("") {
            continue;
        }
        values.push(Expr::from(ExprConstant {
            value: Constant::Str(value),
            kind: first.kind.clone(),
            loc: Location::new(
                first.loc.lineno,
                first.loc.col_offset,
                last_loc.end_lineno,
                last_loc.end_col_offset,
            ),
        }));
    }
    values
}

/// Implicit concatenation of adjacent string literals and f-strings (CPython's
/// `_PyPegen_concatenate_strings`): one Constant, or one JoinedStr whose adjacent constant
/// parts are merged.
pub(crate) fn concatenate(parts: Vec<Ex>, l: Pos, r: Pos, after: Pos) -> PResult<Ex> {
    let mut fstring = false;
    let mut bytes = false;
    let mut text = false;
    for p in &parts {
        match &p.e {
            Expr::Constant(c) => match c.value {
                Constant::Bytes(_) => bytes = true,
                _ => text = true,
            },
            _ => fstring = true,
        }
    }
    if bytes && (text || fstring) {
        return Err(Error::at(
            after,
            crate::actions::end_after(after),
            "cannot mix bytes and nonbytes literals",
        ));
    }
    if parts.len() == 1 && !fstring {
        return Ok(parts.into_iter().next().expect("one part"));
    }
    if bytes {
        let mut value = Vec::new();
        let mut kind = None;
        for (i, p) in parts.into_iter().enumerate() {
            if let Expr::Constant(c) = p.e {
                if i == 0 {
                    kind = c.kind.clone();
                }
                if let Constant::Bytes(b) = &c.value {
                    value.extend_from_slice(b);
                }
            }
        }
        return Ok(Ex::leaf(Expr::from(ExprConstant {
            value: Constant::Bytes(value.into()),
            kind,
            loc: loc(l, r),
        })));
    }
    // Flatten the f-strings' parts, then merge runs of constants.
    let mut d = 0;
    let mut flat: Vec<Expr> = Vec::new();
    for p in parts {
        d = d.max(p.d);
        match p.e {
            Expr::JoinedStr(j) => flat.extend(j.values),
            e => flat.push(e),
        }
    }
    if !fstring {
        // Plain strings only: one constant, located from the first to the last.
        let kind = match flat.first() {
            Some(Expr::Constant(c)) => c.kind.clone(),
            _ => None,
        };
        let value = concat_strs(flat.iter().filter_map(|e| match e {
            Expr::Constant(c) => Some(&c.value),
            _ => None,
        }));
        return Ok(Ex::leaf(Expr::from(ExprConstant {
            value: Constant::Str(value),
            kind,
            loc: loc(l, r),
        })));
    }
    let values = merge_constants(flat);
    crate::actions::node(
        Expr::from(ExprJoinedStr {
            values,
            loc: loc(l, r),
        }),
        d,
    )
}

/// The concatenation of string constants (anything else adds nothing): as UTF-8 text, copied
/// once into a string of the right size, when every part is UTF-8, as nearly every literal
/// is; through code points only when a part holds a lone surrogate.
fn concat_strs<'c>(parts: impl Iterator<Item = &'c Constant> + Clone) -> StrValue {
    let strs = parts.clone().filter_map(|c| match c {
        Constant::Str(s) => Some(s),
        _ => None,
    });
    let utf8_len = strs
        .clone()
        .try_fold(0usize, |n, s| s.as_str().map(|t| n + t.len()));
    if let Some(len) = utf8_len {
        let mut text = String::with_capacity(len);
        for s in strs {
            text.push_str(s.as_str().unwrap_or_default());
        }
        return StrValue::from(text);
    }
    StrValue::from_code_points(strs.flat_map(StrValue::code_points))
        .unwrap_or_else(|| StrValue::from(""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(
            decode_str(r"a\tb\x41\u00e9\n").unwrap().as_str(),
            Some("a\tbAé\n")
        );
        assert_eq!(decode_str(r"\777").unwrap().as_str(), Some("\u{1ff}"));
        assert_eq!(decode_str(r"\q").unwrap().as_str(), Some("\\q"));
        assert!(decode_str(r"\ud800").unwrap().as_str().is_none());
        // Text before and after a lone surrogate is kept, in order.
        let lone = decode_str(r"é\ud83dx\ude00").unwrap();
        assert_eq!(
            lone.code_points().collect::<Vec<_>>(),
            [0xE9, 0xD83D, 0x78, 0xDE00]
        );
        assert_eq!(decode_bytes(r"\777\x41").unwrap(), b"\xffA");
    }
}
