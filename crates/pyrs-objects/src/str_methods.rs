//! The methods of `str` (CPython's Objects/unicodeobject.c and Objects/stringlib/): searching,
//! splitting, stripping, padding, case mapping with the full Unicode mappings (`'ß'.upper()`
//! is `'SS'`, a final `Σ` lowers to `ς`), character classes, `translate` and `maketrans`.
//!
//! Searching works on the bytes of the extended UTF-8 representation (a match of whole code
//! points is a match of bytes); positions are turned into code point indices only for results.

use crate::args::Args;
use crate::error::{PyErr, PyResult};
use crate::exceptions::ExcKind;
use crate::native::{MethodDef, MethodKind};
use crate::protocol;
use crate::str::{char_str, data, find_bytes, from_data, new, rfind_bytes, StrBuilder, StrData};
use crate::unicode_ctype as uc;
use crate::value::Value;

fn this<'a>(args: &Args<'a>, name: &str) -> PyResult<&'a StrData> {
    protocol::self_payload::<StrData>(&args.pos()[0], name, "str")
}

fn type_name(v: &Value) -> String {
    v.type_data().name()
}

/// Checks the argument count of a method (`self` not counted) with CPython's messages
/// ("find expected at least 1 argument, got 0"), no keywords allowed; the arguments with
/// `self` first.
pub(crate) fn method_args<'a>(
    args: &Args<'a>,
    name: &str,
    min: usize,
    max: usize,
) -> PyResult<&'a [Value]> {
    args.no_kwargs(name)?;
    let pos = args.pos();
    let n = pos.len().saturating_sub(1);
    if n >= min && n <= max {
        return Ok(pos);
    }
    Err(PyErr::type_error(crate::args::count_message(
        name, min, max, n,
    )))
}

/// Binds a method's parameters after `self` (positional or keyword), checking the count as
/// CPython does ("split() takes at most 2 arguments (3 given)").
pub(crate) fn method_bind<const N: usize>(
    args: &Args<'_>,
    name: &str,
    names: [&str; N],
    required: usize,
) -> PyResult<[Option<Value>; N]> {
    let n = args.pos().len().saturating_sub(1);
    if n > N {
        return Err(PyErr::type_error(format!(
            "{name}() takes at most {N} argument{} ({n} given)",
            if N == 1 { "" } else { "s" }
        )));
    }
    args.skip_first().bind(name, names, required, 0, N)
}

/// Checks a method takes no arguments: "str.upper() takes no arguments (1 given)".
fn no_args(args: &Args<'_>, name: &str) -> PyResult<()> {
    args.no_kwargs(name)?;
    let n = args.pos().len() - 1;
    if n > 0 {
        return Err(PyErr::type_error(format!(
            "str.{name}() takes no arguments ({n} given)"
        )));
    }
    Ok(())
}

/// The `str` argument `v` or "NAME() argument N must be str, not T".
fn str_arg<'a>(v: &'a Value, func: &str, n: usize) -> PyResult<&'a StrData> {
    v.downcast::<StrData>().ok_or_else(|| {
        PyErr::type_error(format!(
            "{func}() argument {n} must be str, not {}",
            type_name(v)
        ))
    })
}

/// "must be str, not T".
fn str_arg_plain(v: &Value) -> PyResult<&StrData> {
    v.downcast::<StrData>()
        .ok_or_else(|| PyErr::type_error(format!("must be str, not {}", type_name(v))))
}

/// Whether the string returned can be `self` itself (an exact `str`).
fn is_exact_str(v: &Value) -> bool {
    v.is_exact(&crate::types().str)
}

fn self_or_copy(v: &Value) -> Value {
    if is_exact_str(v) {
        v.clone()
    } else {
        from_data(crate::str::clone_data(data(v)))
    }
}

/// An optional slice bound (`None` or an `__index__`).
fn slice_bound(v: Option<&Value>) -> PyResult<Option<isize>> {
    match v {
        None => Ok(None),
        Some(v) if protocol::is_none(v) => Ok(None),
        Some(v) => {
            if !protocol::has_index(v) {
                return Err(PyErr::type_error(
                    "slice indices must be integers or None or have an __index__ method",
                ));
            }
            Ok(Some(protocol::index_isize(v, true)?))
        }
    }
}

/// CPython's `ADJUST_INDICES`: `start` and `end` clamped to `0..=len` (start may exceed len).
pub(crate) fn adjust_indices(
    start: Option<isize>,
    end: Option<isize>,
    len: usize,
) -> (usize, usize) {
    let len = len as isize;
    let mut end = end.unwrap_or(len);
    if end > len {
        end = len;
    } else if end < 0 {
        end = (end + len).max(0);
    }
    let mut start = start.unwrap_or(0);
    if start < 0 {
        start = (start + len).max(0);
    }
    (start as usize, end as usize)
}

/// An `__index__` argument as an `isize` ("'str' object cannot be interpreted as an integer").
pub(crate) fn index_arg(v: &Value) -> PyResult<isize> {
    if let Some(i) = v.as_small() {
        return Ok(i.clamp(isize::MIN as i64, isize::MAX as i64) as isize);
    }
    let i = protocol::index(v)?;
    crate::int::to_isize(&i)
}

// ----- searching -----

/// `(sub, start, end)` of find/count/index…, as byte offsets of `hay` plus the code point
/// start; `None` when the range is empty past the end.
struct Search<'a> {
    sub: &'a StrData,
    start: usize,
    end: usize,
}

fn search_args<'a>(args: &Args<'a>, name: &str) -> PyResult<(&'a StrData, Search<'a>)> {
    let a = crate::str_methods::method_args(args, name, 1, 3)?;
    let hay = this(args, name)?;
    let sub = str_arg(&a[1], name, 1)?;
    let s = slice_bound(a.get(2))?;
    let e = slice_bound(a.get(3))?;
    let (start, end) = adjust_indices(s, e, hay.char_len());
    Ok((hay, Search { sub, start, end }))
}

/// The code point index of the first (or last) match, if any.
fn find_in(hay: &StrData, s: &Search<'_>, last: bool) -> Option<usize> {
    if s.start > s.end || s.end - s.start < s.sub.char_len() {
        return None;
    }
    let a = hay.byte_offset(s.start);
    let b = hay.byte_offset(s.end);
    let window = &hay.as_bytes()[..b];
    let found = if last {
        rfind_bytes(&window[a..], s.sub.as_bytes(), b - a).map(|p| p + a)
    } else {
        find_bytes(window, s.sub.as_bytes(), a)
    }?;
    Some(s.start + hay_index(hay, a, found))
}

/// The number of code points in `hay`'s bytes `a..b`.
fn hay_index(hay: &StrData, a: usize, b: usize) -> usize {
    if hay.is_ascii() {
        b - a
    } else {
        hay.as_bytes()[a..b]
            .iter()
            .filter(|&&x| (x as i8) >= -0x40)
            .count()
    }
}

fn find_result(args: Args<'_>, name: &str, last: bool, raise: bool) -> PyResult<Value> {
    let (hay, s) = search_args(&args, name)?;
    match find_in(hay, &s, last) {
        Some(i) => Ok(crate::int::from_usize(i)),
        None if raise => Err(PyErr::value_error("substring not found")),
        None => Ok(Value::small(-1)),
    }
}

fn find(args: Args<'_>) -> PyResult<Value> {
    find_result(args, "find", false, false)
}

fn rfind(args: Args<'_>) -> PyResult<Value> {
    find_result(args, "rfind", true, false)
}

fn index(args: Args<'_>) -> PyResult<Value> {
    find_result(args, "index", false, true)
}

fn rindex(args: Args<'_>) -> PyResult<Value> {
    find_result(args, "rindex", true, true)
}

/// Non-overlapping occurrences of `needle` in `hay` (bytes), at most `max`.
pub(crate) fn count_bytes(hay: &[u8], needle: &[u8], max: usize) -> usize {
    let mut n = 0;
    let mut pos = 0;
    while n < max {
        match find_bytes(hay, needle, pos) {
            Some(p) => {
                n += 1;
                pos = p + needle.len();
            }
            None => break,
        }
    }
    n
}

fn count(args: Args<'_>) -> PyResult<Value> {
    let (hay, s) = search_args(&args, "count")?;
    if s.start > s.end {
        return Ok(Value::small(0));
    }
    if s.sub.char_len() == 0 {
        return Ok(crate::int::from_usize(s.end - s.start + 1));
    }
    let a = hay.byte_offset(s.start);
    let b = hay.byte_offset(s.end);
    let n = count_bytes(&hay.as_bytes()[a..b], s.sub.as_bytes(), usize::MAX);
    Ok(crate::int::from_usize(n))
}

fn tailmatch(hay: &StrData, sub: &StrData, start: usize, end: usize, at_end: bool) -> bool {
    let n = sub.char_len();
    if end < start || end - start < n {
        return false;
    }
    if n == 0 {
        return true;
    }
    let (from, to) = if at_end {
        (end - n, end)
    } else {
        (start, start + n)
    };
    let a = hay.byte_offset(from);
    let b = hay.byte_offset(to);
    &hay.as_bytes()[a..b] == sub.as_bytes()
}

fn starts_or_ends(args: Args<'_>, name: &str, at_end: bool) -> PyResult<Value> {
    let a = crate::str_methods::method_args(&args, name, 1, 3)?;
    let hay = this(&args, name)?;
    let s = slice_bound(a.get(2))?;
    let e = slice_bound(a.get(3))?;
    let (start, end) = adjust_indices(s, e, hay.char_len());
    if let Some(items) = crate::tuple::items_of(&a[1]) {
        for item in items {
            let Some(sub) = item.downcast::<StrData>() else {
                return Err(PyErr::type_error(format!(
                    "tuple for {name} must only contain str, not {}",
                    type_name(item)
                )));
            };
            if tailmatch(hay, sub, start, end, at_end) {
                return Ok(crate::bool(true));
            }
        }
        return Ok(crate::bool(false));
    }
    let Some(sub) = a[1].downcast::<StrData>() else {
        return Err(PyErr::type_error(format!(
            "{name} first arg must be str or a tuple of str, not {}",
            type_name(&a[1])
        )));
    };
    Ok(crate::bool(tailmatch(hay, sub, start, end, at_end)))
}

fn startswith(args: Args<'_>) -> PyResult<Value> {
    starts_or_ends(args, "startswith", false)
}

fn endswith(args: Args<'_>) -> PyResult<Value> {
    starts_or_ends(args, "endswith", true)
}

// ----- character classes -----

fn all_cps(args: Args<'_>, name: &str, empty: bool, f: fn(u32) -> bool) -> PyResult<Value> {
    no_args(&args, name)?;
    let d = this(&args, name)?;
    if d.char_len() == 0 {
        return Ok(crate::bool(empty));
    }
    Ok(crate::bool(d.code_points().all(f)))
}

fn isalnum(args: Args<'_>) -> PyResult<Value> {
    all_cps(args, "isalnum", false, uc::is_alnum)
}
fn isalpha(args: Args<'_>) -> PyResult<Value> {
    all_cps(args, "isalpha", false, uc::is_alpha)
}
fn isdecimal(args: Args<'_>) -> PyResult<Value> {
    all_cps(args, "isdecimal", false, uc::is_decimal)
}
fn isdigit(args: Args<'_>) -> PyResult<Value> {
    all_cps(args, "isdigit", false, uc::is_digit)
}
fn isnumeric(args: Args<'_>) -> PyResult<Value> {
    all_cps(args, "isnumeric", false, uc::is_numeric)
}
fn isspace(args: Args<'_>) -> PyResult<Value> {
    all_cps(args, "isspace", false, uc::is_space)
}
fn isprintable(args: Args<'_>) -> PyResult<Value> {
    all_cps(args, "isprintable", true, uc::is_printable)
}

fn isascii(args: Args<'_>) -> PyResult<Value> {
    no_args(&args, "isascii")?;
    Ok(crate::bool(this(&args, "isascii")?.is_ascii()))
}

fn isidentifier(args: Args<'_>) -> PyResult<Value> {
    no_args(&args, "isidentifier")?;
    let d = this(&args, "isidentifier")?;
    let mut cps = d.code_points();
    let ok = match cps.next() {
        Some(first) => {
            (first == u32::from(b'_') || uc::is_xid_start(first)) && cps.all(uc::is_xid_continue)
        }
        None => false,
    };
    Ok(crate::bool(ok))
}

fn islower(args: Args<'_>) -> PyResult<Value> {
    no_args(&args, "islower")?;
    let mut cased = false;
    for cp in this(&args, "islower")?.code_points() {
        if uc::is_upper(cp) || uc::is_title(cp) {
            return Ok(crate::bool(false));
        }
        cased |= uc::is_lower(cp);
    }
    Ok(crate::bool(cased))
}

fn isupper(args: Args<'_>) -> PyResult<Value> {
    no_args(&args, "isupper")?;
    let mut cased = false;
    for cp in this(&args, "isupper")?.code_points() {
        if uc::is_lower(cp) || uc::is_title(cp) {
            return Ok(crate::bool(false));
        }
        cased |= uc::is_upper(cp);
    }
    Ok(crate::bool(cased))
}

fn istitle(args: Args<'_>) -> PyResult<Value> {
    no_args(&args, "istitle")?;
    let mut cased = false;
    let mut previous_cased = false;
    for cp in this(&args, "istitle")?.code_points() {
        if uc::is_upper(cp) || uc::is_title(cp) {
            if previous_cased {
                return Ok(crate::bool(false));
            }
            previous_cased = true;
            cased = true;
        } else if uc::is_lower(cp) {
            if !previous_cased {
                return Ok(crate::bool(false));
            }
            previous_cased = true;
            cased = true;
        } else {
            previous_cased = false;
        }
    }
    Ok(crate::bool(cased))
}

// ----- case mapping -----

/// The lowercase of `cps[i]`, with the final-sigma rule for `Σ`.
fn lower_at(cps: &[u32], i: usize, out: &mut StrBuilder) {
    let c = cps[i];
    if c == 0x3A3 {
        out.push(if final_sigma(cps, i) { 0x3C2 } else { 0x3C3 });
        return;
    }
    for &m in uc::to_lower(c).as_slice() {
        out.push(m);
    }
}

fn final_sigma(cps: &[u32], i: usize) -> bool {
    let mut j = i;
    let mut before = None;
    while j > 0 {
        j -= 1;
        if !uc::is_case_ignorable(cps[j]) {
            before = Some(cps[j]);
            break;
        }
    }
    if !before.is_some_and(uc::is_cased) {
        return false;
    }
    for &c in &cps[i + 1..] {
        if !uc::is_case_ignorable(c) {
            return !uc::is_cased(c);
        }
    }
    true
}

fn push_mapped(out: &mut StrBuilder, m: uc::Mapped) {
    for &c in m.as_slice() {
        out.push(c);
    }
}

fn map_case(
    args: Args<'_>,
    name: &str,
    ascii: fn(&mut [u8]),
    f: fn(&[u32], &mut StrBuilder),
) -> PyResult<Value> {
    no_args(&args, name)?;
    let d = this(&args, name)?;
    if d.is_ascii() {
        let mut bytes = d.as_bytes().to_vec();
        ascii(&mut bytes);
        return Ok(from_data(StrData::from_wtf8(bytes)));
    }
    let cps: Vec<u32> = d.code_points().collect();
    let mut out = StrBuilder::with_capacity(d.as_bytes().len());
    f(&cps, &mut out);
    Ok(out.finish())
}

fn lower(args: Args<'_>) -> PyResult<Value> {
    map_case(
        args,
        "lower",
        |b| b.make_ascii_lowercase(),
        |cps, out| {
            for i in 0..cps.len() {
                lower_at(cps, i, out);
            }
        },
    )
}

fn upper(args: Args<'_>) -> PyResult<Value> {
    map_case(
        args,
        "upper",
        |b| b.make_ascii_uppercase(),
        |cps, out| {
            for &c in cps {
                push_mapped(out, uc::to_upper(c));
            }
        },
    )
}

fn casefold(args: Args<'_>) -> PyResult<Value> {
    map_case(
        args,
        "casefold",
        |b| b.make_ascii_lowercase(),
        |cps, out| {
            for &c in cps {
                push_mapped(out, uc::to_fold(c));
            }
        },
    )
}

fn swapcase(args: Args<'_>) -> PyResult<Value> {
    map_case(
        args,
        "swapcase",
        |b| {
            for x in b {
                if x.is_ascii_alphabetic() {
                    *x ^= 0x20;
                }
            }
        },
        |cps, out| {
            for (i, &c) in cps.iter().enumerate() {
                if uc::is_upper(c) {
                    lower_at(cps, i, out);
                } else if uc::is_lower(c) {
                    push_mapped(out, uc::to_upper(c));
                } else {
                    out.push(c);
                }
            }
        },
    )
}

fn capitalize_cps(cps: &[u32], out: &mut StrBuilder) {
    for i in 0..cps.len() {
        if i == 0 {
            push_mapped(out, uc::to_title(cps[0]));
        } else {
            lower_at(cps, i, out);
        }
    }
}

fn capitalize(args: Args<'_>) -> PyResult<Value> {
    map_case(
        args,
        "capitalize",
        |b| {
            b.make_ascii_lowercase();
            if let Some(first) = b.first_mut() {
                first.make_ascii_uppercase();
            }
        },
        capitalize_cps,
    )
}

fn title_cps(cps: &[u32], out: &mut StrBuilder) {
    let mut previous_cased = false;
    for (i, &c) in cps.iter().enumerate() {
        if previous_cased {
            lower_at(cps, i, out);
        } else {
            push_mapped(out, uc::to_title(c));
        }
        previous_cased = uc::is_cased(c);
    }
}

fn title(args: Args<'_>) -> PyResult<Value> {
    map_case(
        args,
        "title",
        |b| {
            let mut previous_cased = false;
            for x in b {
                if previous_cased {
                    x.make_ascii_lowercase();
                } else {
                    x.make_ascii_uppercase();
                }
                previous_cased = x.is_ascii_alphabetic();
            }
        },
        title_cps,
    )
}

// ----- padding -----

fn fill_arg(v: Option<&Value>) -> PyResult<u32> {
    let Some(v) = v else {
        return Ok(u32::from(b' '));
    };
    let Some(d) = v.downcast::<StrData>() else {
        return Err(PyErr::type_error(format!(
            "The fill character must be a unicode character, not {}",
            type_name(v)
        )));
    };
    if d.char_len() != 1 {
        return Err(PyErr::type_error(
            "The fill character must be exactly one character long",
        ));
    }
    Ok(d.code_point_at(0).unwrap_or(0))
}

/// `s` padded to `width` with `left` and `right` fill characters.
fn pad(v: &Value, left: usize, right: usize, fill: u32) -> Value {
    if left == 0 && right == 0 {
        return self_or_copy(v);
    }
    let d = data(v);
    let mut out = StrBuilder::with_capacity(d.as_bytes().len() + left + right);
    out.push_repeat(fill, left);
    out.push_data(d);
    out.push_repeat(fill, right);
    out.finish()
}

fn justify(args: Args<'_>, name: &str, how: u8) -> PyResult<Value> {
    let a = crate::str_methods::method_args(&args, name, 1, 2)?;
    let d = this(&args, name)?;
    let width = index_arg(&a[1])?;
    let fill = fill_arg(a.get(2))?;
    let len = d.char_len() as isize;
    if width <= len {
        return Ok(self_or_copy(&a[0]));
    }
    let marg = (width - len) as usize;
    let (left, right) = match how {
        b'l' => (0, marg),
        b'r' => (marg, 0),
        _ => {
            let left = marg / 2 + (marg & width as usize & 1);
            (left, marg - left)
        }
    };
    Ok(pad(&a[0], left, right, fill))
}

fn center(args: Args<'_>) -> PyResult<Value> {
    justify(args, "center", b'c')
}
fn ljust(args: Args<'_>) -> PyResult<Value> {
    justify(args, "ljust", b'l')
}
fn rjust(args: Args<'_>) -> PyResult<Value> {
    justify(args, "rjust", b'r')
}

fn zfill(args: Args<'_>) -> PyResult<Value> {
    let a = crate::str_methods::method_args(&args, "zfill", 1, 1)?;
    let d = this(&args, "zfill")?;
    let width = index_arg(&a[1])?;
    let len = d.char_len() as isize;
    if width <= len {
        return Ok(self_or_copy(&a[0]));
    }
    let fill = (width - len) as usize;
    let mut out = StrBuilder::with_capacity(width as usize);
    let first = d.code_point_at(0);
    let rest = if matches!(first, Some(0x2B | 0x2D)) {
        out.push(first.unwrap_or(0));
        1
    } else {
        0
    };
    out.push_repeat(u32::from(b'0'), fill);
    out.push_range(d, rest, d.char_len());
    Ok(out.finish())
}

fn expandtabs(args: Args<'_>) -> PyResult<Value> {
    let [tabsize] = crate::str_methods::method_bind(&args, "expandtabs", ["tabsize"], 0)?;
    let d = this(&args, "expandtabs")?;
    let tabsize = match &tabsize {
        Some(t) => index_arg(t)?,
        None => 8,
    };
    if !d.as_bytes().contains(&b'\t') {
        return Ok(self_or_copy(&args.pos()[0]));
    }
    let mut out = StrBuilder::with_capacity(d.as_bytes().len());
    let mut col: usize = 0;
    for cp in d.code_points() {
        if cp == u32::from(b'\t') {
            if tabsize > 0 {
                let n = tabsize as usize - col % tabsize as usize;
                out.push_repeat(u32::from(b' '), n);
                col += n;
            }
        } else {
            out.push(cp);
            col += 1;
            if cp == u32::from(b'\n') || cp == u32::from(b'\r') {
                col = 0;
            }
        }
    }
    Ok(out.finish())
}

// ----- stripping -----

fn strip_impl(args: Args<'_>, name: &str, left: bool, right: bool) -> PyResult<Value> {
    let a = crate::str_methods::method_args(&args, name, 0, 1)?;
    let d = this(&args, name)?;
    let chars: Option<Vec<u32>> = match a.get(1) {
        None => None,
        Some(v) if protocol::is_none(v) => None,
        Some(v) => match v.downcast::<StrData>() {
            Some(c) => Some(c.code_points().collect()),
            None => return Err(PyErr::type_error(format!("{name} arg must be None or str"))),
        },
    };
    let strip = |cp: u32| match &chars {
        None => uc::is_space(cp),
        Some(set) => set.contains(&cp),
    };
    let bytes = d.as_bytes();
    let mut start = 0;
    let mut end = bytes.len();
    if left {
        let mut it = d.code_points();
        while let Some(cp) = it.next() {
            if !strip(cp) {
                break;
            }
            start = it.offset();
        }
    }
    if right {
        while end > start {
            let mut p = end - 1;
            while (bytes[p] as i8) < -0x40 {
                p -= 1;
            }
            if !strip(crate::str::decode_at(bytes, p).0) {
                break;
            }
            end = p;
        }
    }
    if start == 0 && end == bytes.len() {
        return Ok(self_or_copy(&a[0]));
    }
    Ok(from_data(StrData::from_wtf8(bytes[start..end].to_vec())))
}

fn strip(args: Args<'_>) -> PyResult<Value> {
    strip_impl(args, "strip", true, true)
}
fn lstrip(args: Args<'_>) -> PyResult<Value> {
    strip_impl(args, "lstrip", true, false)
}
fn rstrip(args: Args<'_>) -> PyResult<Value> {
    strip_impl(args, "rstrip", false, true)
}

fn removeprefix(args: Args<'_>) -> PyResult<Value> {
    let a = crate::str_methods::method_args(&args, "removeprefix", 1, 1)?;
    let d = this(&args, "removeprefix")?;
    let p = a[1].downcast::<StrData>().ok_or_else(|| {
        PyErr::type_error(format!(
            "removeprefix() argument must be str, not {}",
            type_name(&a[1])
        ))
    })?;
    if !p.as_bytes().is_empty() && d.as_bytes().starts_with(p.as_bytes()) {
        return Ok(from_data(StrData::from_wtf8(
            d.as_bytes()[p.as_bytes().len()..].to_vec(),
        )));
    }
    Ok(self_or_copy(&a[0]))
}

fn removesuffix(args: Args<'_>) -> PyResult<Value> {
    let a = crate::str_methods::method_args(&args, "removesuffix", 1, 1)?;
    let d = this(&args, "removesuffix")?;
    let p = a[1].downcast::<StrData>().ok_or_else(|| {
        PyErr::type_error(format!(
            "removesuffix() argument must be str, not {}",
            type_name(&a[1])
        ))
    })?;
    let (b, s) = (d.as_bytes(), p.as_bytes());
    if !s.is_empty() && b.ends_with(s) {
        return Ok(from_data(StrData::from_wtf8(
            b[..b.len() - s.len()].to_vec(),
        )));
    }
    Ok(self_or_copy(&a[0]))
}

// ----- splitting and joining -----

fn sub_str(d: &StrData, a: usize, b: usize) -> Value {
    let bytes = &d.as_bytes()[a..b];
    if bytes.len() == 1 {
        return char_str(bytes[0] as u32);
    }
    from_data(StrData::from_wtf8(bytes.to_vec()))
}

/// Whitespace runs split at most `max` times (from the right when `right`), byte ranges.
fn split_whitespace(d: &StrData, max: usize, right: bool) -> Vec<(usize, usize)> {
    let bytes = d.as_bytes();
    // The code points with their byte offsets.
    let mut cps: Vec<(usize, u32)> = Vec::with_capacity(bytes.len());
    let mut it = d.code_points();
    loop {
        let off = it.offset();
        match it.next() {
            Some(cp) => cps.push((off, cp)),
            None => break,
        }
    }
    let n = cps.len();
    let at = |i: usize| if i < n { cps[i].0 } else { bytes.len() };
    let mut out = Vec::new();
    if !right {
        let mut i = 0;
        let mut splits = 0;
        while i < n {
            while i < n && uc::is_space(cps[i].1) {
                i += 1;
            }
            if i == n {
                break;
            }
            if splits == max {
                out.push((at(i), bytes.len()));
                break;
            }
            let j0 = i;
            while i < n && !uc::is_space(cps[i].1) {
                i += 1;
            }
            out.push((at(j0), at(i)));
            splits += 1;
        }
    } else {
        let mut i = n;
        let mut splits = 0;
        while i > 0 {
            while i > 0 && uc::is_space(cps[i - 1].1) {
                i -= 1;
            }
            if i == 0 {
                break;
            }
            if splits == max {
                out.push((0, at(i)));
                break;
            }
            let end = i;
            while i > 0 && !uc::is_space(cps[i - 1].1) {
                i -= 1;
            }
            out.push((at(i), at(end)));
            splits += 1;
        }
        out.reverse();
    }
    out
}

/// Byte ranges of `hay` split by `sep`, at most `max` splits.
pub(crate) fn split_by(hay: &[u8], sep: &[u8], max: usize, right: bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if !right {
        let mut pos = 0;
        let mut n = 0;
        while n < max {
            match find_bytes(hay, sep, pos) {
                Some(p) => {
                    out.push((pos, p));
                    pos = p + sep.len();
                    n += 1;
                }
                None => break,
            }
        }
        out.push((pos, hay.len()));
    } else {
        let mut end = hay.len();
        let mut n = 0;
        while n < max {
            match rfind_bytes(hay, sep, end) {
                Some(p) => {
                    out.push((p + sep.len(), end));
                    end = p;
                    n += 1;
                }
                None => break,
            }
        }
        out.push((0, end));
        out.reverse();
    }
    out
}

fn split_impl(args: Args<'_>, name: &str, right: bool) -> PyResult<Value> {
    let [sep, maxsplit] = crate::str_methods::method_bind(&args, name, ["sep", "maxsplit"], 0)?;
    let this_v = &args.pos()[0];
    let d = this(&args, name)?;
    let max = match &maxsplit {
        Some(m) => index_arg(m)?,
        None => -1,
    };
    let max = if max < 0 { usize::MAX } else { max as usize };
    let ranges = match &sep {
        None => split_whitespace(d, max, right),
        Some(s) if protocol::is_none(s) => split_whitespace(d, max, right),
        Some(s) => {
            let Some(sep) = s.downcast::<StrData>() else {
                return Err(PyErr::type_error(format!(
                    "must be str or None, not {}",
                    type_name(s)
                )));
            };
            if sep.char_len() == 0 {
                return Err(PyErr::value_error("empty separator"));
            }
            split_by(d.as_bytes(), sep.as_bytes(), max, right)
        }
    };
    let items: Vec<Value> = ranges
        .into_iter()
        .map(|(a, b)| {
            if a == 0 && b == d.as_bytes().len() {
                self_or_copy(this_v)
            } else {
                sub_str(d, a, b)
            }
        })
        .collect();
    Ok(crate::list::new(items))
}

fn split(args: Args<'_>) -> PyResult<Value> {
    split_impl(args, "split", false)
}

fn rsplit(args: Args<'_>) -> PyResult<Value> {
    split_impl(args, "rsplit", true)
}

fn splitlines(args: Args<'_>) -> PyResult<Value> {
    let [keepends] = crate::str_methods::method_bind(&args, "splitlines", ["keepends"], 0)?;
    let d = this(&args, "splitlines")?;
    let keep = match &keepends {
        Some(k) => protocol::is_true(k)?,
        None => false,
    };
    let bytes = d.as_bytes();
    let mut items = Vec::new();
    let mut it = d.code_points();
    let mut line_start = 0;
    loop {
        let off = it.offset();
        let Some(cp) = it.next() else { break };
        if uc::is_linebreak(cp) {
            let mut end = it.offset();
            if cp == u32::from(b'\r') && bytes.get(end) == Some(&b'\n') {
                it.next();
                end += 1;
            }
            items.push(sub_str(d, line_start, if keep { end } else { off }));
            line_start = end;
        }
    }
    if line_start < bytes.len() {
        if line_start == 0 {
            items.push(self_or_copy(&args.pos()[0]));
        } else {
            items.push(sub_str(d, line_start, bytes.len()));
        }
    }
    Ok(crate::list::new(items))
}

fn partition_impl(args: Args<'_>, name: &str, right: bool) -> PyResult<Value> {
    let a = crate::str_methods::method_args(&args, name, 1, 1)?;
    let d = this(&args, name)?;
    let sep = str_arg_plain(&a[1])?;
    if sep.char_len() == 0 {
        return Err(PyErr::value_error("empty separator"));
    }
    let bytes = d.as_bytes();
    let found = if right {
        rfind_bytes(bytes, sep.as_bytes(), bytes.len())
    } else {
        find_bytes(bytes, sep.as_bytes(), 0)
    };
    let empty = || new("");
    let items = match found {
        Some(p) => vec![
            sub_str(d, 0, p),
            a[1].clone(),
            sub_str(d, p + sep.as_bytes().len(), bytes.len()),
        ],
        None if right => vec![empty(), empty(), self_or_copy(&a[0])],
        None => vec![self_or_copy(&a[0]), empty(), empty()],
    };
    Ok(crate::tuple::new(items))
}

fn partition(args: Args<'_>) -> PyResult<Value> {
    partition_impl(args, "partition", false)
}

fn rpartition(args: Args<'_>) -> PyResult<Value> {
    partition_impl(args, "rpartition", true)
}

fn join(args: Args<'_>) -> PyResult<Value> {
    let a = crate::str_methods::method_args(&args, "join", 1, 1)?;
    let sep = this(&args, "join")?;
    let items = match protocol::collect(&a[1]) {
        Ok(items) => items,
        Err(e) if e.is(ExcKind::TypeError) && protocol::iter(&a[1]).is_err() => {
            return Err(PyErr::type_error("can only join an iterable"))
        }
        Err(e) => return Err(e),
    };
    join_values(sep, &items)
}

/// `sep.join(items)`.
pub(crate) fn join_values(sep: &StrData, items: &[Value]) -> PyResult<Value> {
    let mut total = sep.as_bytes().len() * items.len().saturating_sub(1);
    for (i, item) in items.iter().enumerate() {
        let Some(s) = item.downcast::<StrData>() else {
            return Err(PyErr::type_error(format!(
                "sequence item {i}: expected str instance, {} found",
                type_name(item)
            )));
        };
        total += s.as_bytes().len();
    }
    if items.len() == 1 && is_exact_str(&items[0]) {
        return Ok(items[0].clone());
    }
    let mut out = StrBuilder::with_capacity(total);
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_data(sep);
        }
        out.push_data(data(item));
    }
    Ok(out.finish())
}

fn replace(args: Args<'_>) -> PyResult<Value> {
    let [old, new_, count] =
        crate::str_methods::method_bind(&args, "replace", ["old", "new", "count"], 2)?;
    let this_v = &args.pos()[0];
    let d = this(&args, "replace")?;
    let (old, new_) = (
        old.unwrap_or_else(crate::none),
        new_.unwrap_or_else(crate::none),
    );
    let old_d = str_arg(&old, "replace", 1)?;
    let new_d = str_arg(&new_, "replace", 2)?;
    let max = match &count {
        Some(c) => index_arg(c)?,
        None => -1,
    };
    let max = if max < 0 { usize::MAX } else { max as usize };
    Ok(replace_data(this_v, d, old_d, new_d, max))
}

/// `s.replace(old, new, max)`.
pub(crate) fn replace_data(
    v: &Value,
    d: &StrData,
    old: &StrData,
    new_: &StrData,
    max: usize,
) -> Value {
    if max == 0 {
        return self_or_copy(v);
    }
    let hay = d.as_bytes();
    let mut out = StrBuilder::with_capacity(hay.len());
    if old.char_len() == 0 {
        // Insert `new` before every code point, and at the end, up to `max` times.
        let mut n = 0;
        let mut it = d.code_points();
        loop {
            if n < max {
                out.push_data(new_);
                n += 1;
            } else {
                let off = it.offset();
                out.push_bytes_range(d, off, hay.len(), d.char_len() - d.char_index(off));
                break;
            }
            match it.next() {
                Some(cp) => out.push(cp),
                None => break,
            }
        }
        return out.finish();
    }
    let mut pos = 0;
    let mut n = 0;
    let mut replaced = false;
    while n < max {
        match find_bytes(hay, old.as_bytes(), pos) {
            Some(p) => {
                let k = hay_index(d, pos, p);
                out.push_bytes_range(d, pos, p, k);
                out.push_data(new_);
                pos = p + old.as_bytes().len();
                n += 1;
                replaced = true;
            }
            None => break,
        }
    }
    if !replaced {
        return self_or_copy(v);
    }
    let k = hay_index(d, pos, hay.len());
    out.push_bytes_range(d, pos, hay.len(), k);
    out.finish()
}

// ----- translate -----

fn translate(args: Args<'_>) -> PyResult<Value> {
    let a = crate::str_methods::method_args(&args, "translate", 1, 1)?;
    let d = this(&args, "translate")?;
    let table = a[1].clone();
    let mut out = StrBuilder::with_capacity(d.as_bytes().len());
    let cps: Vec<u32> = d.code_points().collect();
    for cp in cps {
        let key = Value::small(cp as i64);
        let mapped = match protocol::getitem(&table, &key) {
            Ok(v) => v,
            Err(e) if e.is(ExcKind::LookupError) => {
                out.push(cp);
                continue;
            }
            Err(e) => return Err(e),
        };
        if protocol::is_none(&mapped) {
            continue;
        }
        if let Some(s) = mapped.downcast::<StrData>() {
            out.push_data(s);
        } else if let Some(i) = crate::int::as_int(&mapped) {
            match i.to_i64() {
                Some(n) if (0..0x110000).contains(&n) => out.push(n as u32),
                _ => {
                    return Err(PyErr::value_error(
                        "character mapping must be in range(0x110000)",
                    ))
                }
            }
        } else {
            return Err(PyErr::type_error(
                "character mapping must return integer, None or str",
            ));
        }
    }
    Ok(out.finish())
}

fn maketrans(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("maketrans", 1, 3)?;
    let result = crate::dict::new();
    let out = result
        .downcast::<crate::dict::DictData>()
        .ok_or_else(|| PyErr::system_error("dict"))?;
    if a.len() == 1 {
        let Some(src) = a[0].downcast::<crate::dict::DictData>() else {
            return Err(PyErr::type_error(
                "if you give only one argument to maketrans it must be a dict",
            ));
        };
        for (k, v) in src.items() {
            if let Some(s) = k.downcast::<StrData>() {
                if s.char_len() != 1 {
                    return Err(PyErr::value_error(
                        "string keys in translate table must be of length 1",
                    ));
                }
                let cp = s.code_point_at(0).unwrap_or(0);
                out.set_item(Value::small(cp as i64), v)?;
            } else if crate::int::as_int(&k).is_some() {
                out.set_item(k, v)?;
            } else {
                return Err(PyErr::type_error(
                    "keys in translate table must be strings or integers",
                ));
            }
        }
        return Ok(result);
    }
    let x = str_arg(&a[0], "maketrans", 1)?;
    let y = str_arg(&a[1], "maketrans", 2)?;
    let z = match a.get(2) {
        Some(z) => Some(str_arg(z, "maketrans", 3)?),
        None => None,
    };
    if x.char_len() != y.char_len() {
        return Err(PyErr::value_error(
            "the first two maketrans arguments must have equal length",
        ));
    }
    for (k, v) in x.code_points().zip(y.code_points()) {
        out.set_item(Value::small(k as i64), Value::small(v as i64))?;
    }
    if let Some(z) = z {
        for k in z.code_points() {
            out.set_item(Value::small(k as i64), crate::none())?;
        }
    }
    Ok(result)
}

// ----- the rest -----

fn encode(args: Args<'_>) -> PyResult<Value> {
    let [encoding, errors] =
        crate::str_methods::method_bind(&args, "encode", ["encoding", "errors"], 0)?;
    let d = this(&args, "encode")?;
    let enc = opt_str_arg(encoding.as_ref(), "encode", "encoding")?;
    let err = opt_str_arg(errors.as_ref(), "encode", "errors")?;
    let bytes = crate::codecs::encode(&args.pos()[0], d, enc.as_deref(), err.as_deref())?;
    Ok(crate::bytes::new(bytes))
}

/// An optional `str` argument passed by name: "f() argument 'name' must be str, not T".
pub(crate) fn opt_str_arg(v: Option<&Value>, func: &str, name: &str) -> PyResult<Option<String>> {
    match v {
        None => Ok(None),
        Some(v) => match v.downcast::<StrData>() {
            Some(s) => Ok(Some(s.to_string_lossy())),
            None => Err(PyErr::type_error(format!(
                "{func}() argument '{name}' must be str, not {}",
                type_name(v)
            ))),
        },
    }
}

fn getnewargs(args: Args<'_>) -> PyResult<Value> {
    no_args(&args, "__getnewargs__")?;
    let d = this(&args, "__getnewargs__")?;
    Ok(crate::tuple::new(vec![from_data(crate::str::clone_data(
        d,
    ))]))
}

fn sizeof(args: Args<'_>) -> PyResult<Value> {
    no_args(&args, "__sizeof__")?;
    let d = this(&args, "__sizeof__")?;
    // CPython's compact layout: a 40-byte header for ASCII (56 otherwise), the code points at
    // 1, 2 or 4 bytes each, and a terminator.
    let width = d
        .code_points()
        .map(|c| {
            if c < 0x100 {
                1
            } else if c < 0x10000 {
                2
            } else {
                4
            }
        })
        .max()
        .unwrap_or(1);
    let header = if d.is_ascii() { 40 } else { 56 };
    Ok(crate::int::from_usize(header + (d.char_len() + 1) * width))
}

fn rmod(args: Args<'_>) -> PyResult<Value> {
    let a = crate::str_methods::method_args(&args, "__rmod__", 1, 1)?;
    if a[1].downcast::<StrData>().is_none() {
        return Ok(crate::not_implemented());
    }
    crate::percent_format::format_str(&a[1], &a[0])
}

/// The `str` type's methods.
pub(crate) const STR_METHODS: &[MethodDef] = &[
    MethodDef::new("capitalize", MethodKind::Method(capitalize)),
    MethodDef::new("casefold", MethodKind::Method(casefold)),
    MethodDef::new("center", MethodKind::Method(center)),
    MethodDef::new("count", MethodKind::Method(count)),
    MethodDef::new("encode", MethodKind::Method(encode)),
    MethodDef::new("endswith", MethodKind::Method(endswith)),
    MethodDef::new("expandtabs", MethodKind::Method(expandtabs)),
    MethodDef::new("find", MethodKind::Method(find)),
    MethodDef::new(
        "format",
        MethodKind::Method(crate::str_format::format_method),
    ),
    MethodDef::new(
        "format_map",
        MethodKind::Method(crate::str_format::format_map),
    ),
    MethodDef::new("index", MethodKind::Method(index)),
    MethodDef::new("isalnum", MethodKind::Method(isalnum)),
    MethodDef::new("isalpha", MethodKind::Method(isalpha)),
    MethodDef::new("isascii", MethodKind::Method(isascii)),
    MethodDef::new("isdecimal", MethodKind::Method(isdecimal)),
    MethodDef::new("isdigit", MethodKind::Method(isdigit)),
    MethodDef::new("isidentifier", MethodKind::Method(isidentifier)),
    MethodDef::new("islower", MethodKind::Method(islower)),
    MethodDef::new("isnumeric", MethodKind::Method(isnumeric)),
    MethodDef::new("isprintable", MethodKind::Method(isprintable)),
    MethodDef::new("isspace", MethodKind::Method(isspace)),
    MethodDef::new("istitle", MethodKind::Method(istitle)),
    MethodDef::new("isupper", MethodKind::Method(isupper)),
    MethodDef::new("join", MethodKind::Method(join)),
    MethodDef::new("ljust", MethodKind::Method(ljust)),
    MethodDef::new("lower", MethodKind::Method(lower)),
    MethodDef::new("lstrip", MethodKind::Method(lstrip)),
    MethodDef::new("maketrans", MethodKind::Static(maketrans)),
    MethodDef::new("partition", MethodKind::Method(partition)),
    MethodDef::new("removeprefix", MethodKind::Method(removeprefix)),
    MethodDef::new("removesuffix", MethodKind::Method(removesuffix)),
    MethodDef::new("replace", MethodKind::Method(replace)),
    MethodDef::new("rfind", MethodKind::Method(rfind)),
    MethodDef::new("rindex", MethodKind::Method(rindex)),
    MethodDef::new("rjust", MethodKind::Method(rjust)),
    MethodDef::new("rpartition", MethodKind::Method(rpartition)),
    MethodDef::new("rsplit", MethodKind::Method(rsplit)),
    MethodDef::new("rstrip", MethodKind::Method(rstrip)),
    MethodDef::new("split", MethodKind::Method(split)),
    MethodDef::new("splitlines", MethodKind::Method(splitlines)),
    MethodDef::new("startswith", MethodKind::Method(startswith)),
    MethodDef::new("strip", MethodKind::Method(strip)),
    MethodDef::new("swapcase", MethodKind::Method(swapcase)),
    MethodDef::new("title", MethodKind::Method(title)),
    MethodDef::new("translate", MethodKind::Method(translate)),
    MethodDef::new("upper", MethodKind::Method(upper)),
    MethodDef::new("zfill", MethodKind::Method(zfill)),
    MethodDef::new(
        "__format__",
        MethodKind::Method(crate::str_format::str_dunder_format),
    ),
    MethodDef::new("__getnewargs__", MethodKind::Method(getnewargs)),
    MethodDef::new("__sizeof__", MethodKind::Method(sizeof)),
    MethodDef::new("__rmod__", MethodKind::Method(rmod)),
];
