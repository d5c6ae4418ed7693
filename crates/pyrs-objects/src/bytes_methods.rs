//! The methods `bytes` and `bytearray` share (CPython's Objects/bytes_methods.c and the
//! stringlib templates): searching, splitting, stripping, padding, ASCII case mapping and
//! character classes, `hex`/`fromhex`, `translate`/`maketrans`, `decode`. Each is written once
//! over the receiver's bytes; its result is of the receiver's type.

use std::borrow::Cow;

use crate::args::Args;
use crate::bytearray::ByteArrayData;
use crate::bytes::{buffer, buffer_arg, BytesData};
use crate::error::{PyErr, PyResult};
use crate::native::{MethodDef, MethodKind};
use crate::protocol;
use crate::str::{find_bytes, rfind_bytes};
use crate::str_methods::{adjust_indices, index_arg};
use crate::value::Value;

fn type_name(v: &Value) -> String {
    v.type_data().name()
}

/// The receiver's bytes (borrowed for `bytes`, copied for `bytearray`).
fn content<'a>(args: &Args<'a>, name: &str) -> PyResult<Cow<'a, [u8]>> {
    let v = &args.pos()[0];
    if let Some(b) = v.downcast::<BytesData>() {
        return Ok(Cow::Borrowed(b.as_bytes()));
    }
    if let Some(b) = v.downcast::<ByteArrayData>() {
        return Ok(Cow::Owned(b.to_vec()));
    }
    Err(PyErr::type_error(format!(
        "descriptor '{name}' for 'bytes' objects doesn't apply to a '{}' object",
        type_name(v)
    )))
}

fn is_bytearray(v: &Value) -> bool {
    v.downcast::<ByteArrayData>().is_some()
}

/// A result of the receiver's type.
fn make(like: &Value, bytes: Vec<u8>) -> Value {
    if is_bytearray(like) {
        crate::bytearray::new(bytes)
    } else {
        crate::bytes::new(bytes)
    }
}

/// The receiver itself (an exact `bytes`) or a copy.
fn same(like: &Value, bytes: &[u8]) -> Value {
    if like.is_exact(crate::bytes::bytes_type()) {
        like.clone()
    } else {
        make(like, bytes.to_vec())
    }
}

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

/// A search argument: bytes-like or an int in range(256).
fn sub_arg(v: &Value) -> PyResult<Cow<'_, [u8]>> {
    if protocol::has_index(v) {
        return Ok(Cow::Owned(vec![crate::bytes::byte_value(v)?]));
    }
    buffer(v).ok_or_else(|| {
        PyErr::type_error(format!(
            "argument should be integer or bytes-like object, not '{}'",
            type_name(v)
        ))
    })
}

fn search(args: Args<'_>, name: &str, last: bool, raise: bool) -> PyResult<Value> {
    let a = crate::str_methods::method_args(&args, name, 1, 3)?;
    let hay = content(&args, name)?;
    let sub = sub_arg(&a[1])?;
    let (start, end) = adjust_indices(slice_bound(a.get(2))?, slice_bound(a.get(3))?, hay.len());
    let found = if start > end || end - start < sub.len() {
        None
    } else if last {
        rfind_bytes(&hay[start..end], &sub, end - start).map(|p| p + start)
    } else {
        find_bytes(&hay[..end], &sub, start)
    };
    match found {
        Some(i) => Ok(crate::int::from_usize(i)),
        None if raise => Err(PyErr::value_error("subsection not found")),
        None => Ok(Value::small(-1)),
    }
}

fn find(args: Args<'_>) -> PyResult<Value> {
    search(args, "find", false, false)
}
fn rfind(args: Args<'_>) -> PyResult<Value> {
    search(args, "rfind", true, false)
}
fn index(args: Args<'_>) -> PyResult<Value> {
    search(args, "index", false, true)
}
fn rindex(args: Args<'_>) -> PyResult<Value> {
    search(args, "rindex", true, true)
}

fn count(args: Args<'_>) -> PyResult<Value> {
    let a = crate::str_methods::method_args(&args, "count", 1, 3)?;
    let hay = content(&args, "count")?;
    let sub = sub_arg(&a[1])?;
    let (start, end) = adjust_indices(slice_bound(a.get(2))?, slice_bound(a.get(3))?, hay.len());
    if start > end {
        return Ok(Value::small(0));
    }
    if sub.is_empty() {
        return Ok(crate::int::from_usize(end - start + 1));
    }
    let n = crate::str_methods::count_bytes(&hay[start..end], &sub, usize::MAX);
    Ok(crate::int::from_usize(n))
}

fn starts_or_ends(args: Args<'_>, name: &str, at_end: bool) -> PyResult<Value> {
    let a = crate::str_methods::method_args(&args, name, 1, 3)?;
    let hay = content(&args, name)?;
    let (start, end) = adjust_indices(slice_bound(a.get(2))?, slice_bound(a.get(3))?, hay.len());
    let check = |sub: &[u8]| {
        if end < start || end - start < sub.len() {
            return false;
        }
        if at_end {
            &hay[end - sub.len()..end] == sub
        } else {
            &hay[start..start + sub.len()] == sub
        }
    };
    if let Some(items) = crate::tuple::items_of(&a[1]) {
        for item in items {
            if check(&buffer_arg(item)?) {
                return Ok(crate::bool(true));
            }
        }
        return Ok(crate::bool(false));
    }
    let Some(sub) = buffer(&a[1]) else {
        return Err(PyErr::type_error(format!(
            "{name} first arg must be bytes or a tuple of bytes, not {}",
            type_name(&a[1])
        )));
    };
    Ok(crate::bool(check(&sub)))
}

fn startswith(args: Args<'_>) -> PyResult<Value> {
    starts_or_ends(args, "startswith", false)
}
fn endswith(args: Args<'_>) -> PyResult<Value> {
    starts_or_ends(args, "endswith", true)
}

fn no_args(args: &Args<'_>, name: &str) -> PyResult<()> {
    args.no_kwargs(name)?;
    let n = args.pos().len() - 1;
    if n > 0 {
        let owner = if is_bytearray(&args.pos()[0]) {
            "bytearray"
        } else {
            "bytes"
        };
        return Err(PyErr::type_error(format!(
            "{owner}.{name}() takes no arguments ({n} given)"
        )));
    }
    Ok(())
}

fn all_bytes(args: Args<'_>, name: &str, f: fn(&u8) -> bool) -> PyResult<Value> {
    no_args(&args, name)?;
    let b = content(&args, name)?;
    Ok(crate::bool(!b.is_empty() && b.iter().all(f)))
}

fn isalnum(args: Args<'_>) -> PyResult<Value> {
    all_bytes(args, "isalnum", u8::is_ascii_alphanumeric)
}
fn isalpha(args: Args<'_>) -> PyResult<Value> {
    all_bytes(args, "isalpha", u8::is_ascii_alphabetic)
}
fn isdigit(args: Args<'_>) -> PyResult<Value> {
    all_bytes(args, "isdigit", u8::is_ascii_digit)
}
fn isspace(args: Args<'_>) -> PyResult<Value> {
    all_bytes(args, "isspace", |b| {
        matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)
    })
}
fn isascii(args: Args<'_>) -> PyResult<Value> {
    no_args(&args, "isascii")?;
    Ok(crate::bool(content(&args, "isascii")?.is_ascii()))
}

fn islower(args: Args<'_>) -> PyResult<Value> {
    no_args(&args, "islower")?;
    let b = content(&args, "islower")?;
    Ok(crate::bool(
        b.iter().any(u8::is_ascii_lowercase) && !b.iter().any(u8::is_ascii_uppercase),
    ))
}

fn isupper(args: Args<'_>) -> PyResult<Value> {
    no_args(&args, "isupper")?;
    let b = content(&args, "isupper")?;
    Ok(crate::bool(
        b.iter().any(u8::is_ascii_uppercase) && !b.iter().any(u8::is_ascii_lowercase),
    ))
}

fn istitle(args: Args<'_>) -> PyResult<Value> {
    no_args(&args, "istitle")?;
    let b = content(&args, "istitle")?;
    let mut cased = false;
    let mut previous = false;
    for &c in b.iter() {
        if c.is_ascii_uppercase() {
            if previous {
                return Ok(crate::bool(false));
            }
            previous = true;
            cased = true;
        } else if c.is_ascii_lowercase() {
            if !previous {
                return Ok(crate::bool(false));
            }
            previous = true;
            cased = true;
        } else {
            previous = false;
        }
    }
    Ok(crate::bool(cased))
}

fn map_bytes(args: Args<'_>, name: &str, f: fn(&mut [u8])) -> PyResult<Value> {
    no_args(&args, name)?;
    let mut b = content(&args, name)?.into_owned();
    f(&mut b);
    Ok(make(&args.pos()[0], b))
}

fn lower(args: Args<'_>) -> PyResult<Value> {
    map_bytes(args, "lower", |b| b.make_ascii_lowercase())
}
fn upper(args: Args<'_>) -> PyResult<Value> {
    map_bytes(args, "upper", |b| b.make_ascii_uppercase())
}
fn swapcase(args: Args<'_>) -> PyResult<Value> {
    map_bytes(args, "swapcase", |b| {
        for x in b {
            if x.is_ascii_alphabetic() {
                *x ^= 0x20;
            }
        }
    })
}
fn capitalize(args: Args<'_>) -> PyResult<Value> {
    map_bytes(args, "capitalize", |b| {
        b.make_ascii_lowercase();
        if let Some(f) = b.first_mut() {
            f.make_ascii_uppercase();
        }
    })
}
fn title(args: Args<'_>) -> PyResult<Value> {
    map_bytes(args, "title", |b| {
        let mut previous = false;
        for x in b {
            if previous {
                x.make_ascii_lowercase();
            } else {
                x.make_ascii_uppercase();
            }
            previous = x.is_ascii_alphabetic();
        }
    })
}

fn fill_arg(v: Option<&Value>, name: &str) -> PyResult<u8> {
    let Some(v) = v else { return Ok(b' ') };
    match buffer(v) {
        Some(b) if b.len() == 1 && !is_memoryview(v) => Ok(b[0]),
        _ => Err(PyErr::type_error(format!(
            "{name}() argument 2 must be a byte string of length 1, not {}",
            type_name(v)
        ))),
    }
}

fn is_memoryview(v: &Value) -> bool {
    v.downcast::<crate::memoryview::MemoryViewData>().is_some()
}

fn justify(args: Args<'_>, name: &str, how: u8) -> PyResult<Value> {
    let a = crate::str_methods::method_args(&args, name, 1, 2)?;
    let b = content(&args, name)?;
    let width = index_arg(&a[1])?;
    let fill = fill_arg(a.get(2), name)?;
    let len = b.len() as isize;
    if width <= len {
        return Ok(same(&a[0], &b));
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
    let mut out = Vec::with_capacity(width as usize);
    out.resize(left, fill);
    out.extend_from_slice(&b);
    out.resize(out.len() + right, fill);
    Ok(make(&a[0], out))
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
    let b = content(&args, "zfill")?;
    let width = index_arg(&a[1])?;
    if width <= b.len() as isize {
        return Ok(same(&a[0], &b));
    }
    let fill = width as usize - b.len();
    let mut out = Vec::with_capacity(width as usize);
    let rest = if matches!(b.first(), Some(b'+' | b'-')) {
        out.push(b[0]);
        1
    } else {
        0
    };
    out.resize(out.len() + fill, b'0');
    out.extend_from_slice(&b[rest..]);
    Ok(make(&a[0], out))
}

fn expandtabs(args: Args<'_>) -> PyResult<Value> {
    let [tabsize] = crate::str_methods::method_bind(&args, "expandtabs", ["tabsize"], 0)?;
    let b = content(&args, "expandtabs")?;
    let tabsize = match &tabsize {
        Some(t) => index_arg(t)?,
        None => 8,
    };
    let mut out = Vec::with_capacity(b.len());
    let mut col = 0usize;
    for &c in b.iter() {
        if c == b'\t' {
            if tabsize > 0 {
                let n = tabsize as usize - col % tabsize as usize;
                out.resize(out.len() + n, b' ');
                col += n;
            }
        } else {
            out.push(c);
            col += 1;
            if c == b'\n' || c == b'\r' {
                col = 0;
            }
        }
    }
    Ok(make(&args.pos()[0], out))
}

fn is_ascii_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)
}

fn strip_impl(args: Args<'_>, name: &str, left: bool, right: bool) -> PyResult<Value> {
    let a = crate::str_methods::method_args(&args, name, 0, 1)?;
    let b = content(&args, name)?;
    let chars: Option<Cow<'_, [u8]>> = match a.get(1) {
        None => None,
        Some(v) if protocol::is_none(v) => None,
        Some(v) => Some(buffer_arg(v)?),
    };
    let strip = |c: u8| match &chars {
        None => is_ascii_space(c),
        Some(set) => set.contains(&c),
    };
    let mut start = 0;
    let mut end = b.len();
    if left {
        while start < end && strip(b[start]) {
            start += 1;
        }
    }
    if right {
        while end > start && strip(b[end - 1]) {
            end -= 1;
        }
    }
    if start == 0 && end == b.len() {
        return Ok(same(&a[0], &b));
    }
    Ok(make(&a[0], b[start..end].to_vec()))
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
    let b = content(&args, "removeprefix")?;
    let p = buffer_arg(&a[1])?;
    if !p.is_empty() && b.starts_with(&p) {
        return Ok(make(&a[0], b[p.len()..].to_vec()));
    }
    Ok(same(&a[0], &b))
}

fn removesuffix(args: Args<'_>) -> PyResult<Value> {
    let a = crate::str_methods::method_args(&args, "removesuffix", 1, 1)?;
    let b = content(&args, "removesuffix")?;
    let p = buffer_arg(&a[1])?;
    if !p.is_empty() && b.ends_with(&p) {
        return Ok(make(&a[0], b[..b.len() - p.len()].to_vec()));
    }
    Ok(same(&a[0], &b))
}

fn split_ws(b: &[u8], max: usize, right: bool) -> Vec<(usize, usize)> {
    let n = b.len();
    let mut out = Vec::new();
    if !right {
        let mut i = 0;
        let mut splits = 0;
        while i < n {
            while i < n && is_ascii_space(b[i]) {
                i += 1;
            }
            if i == n {
                break;
            }
            if splits == max {
                out.push((i, n));
                break;
            }
            let s = i;
            while i < n && !is_ascii_space(b[i]) {
                i += 1;
            }
            out.push((s, i));
            splits += 1;
        }
    } else {
        let mut i = n;
        let mut splits = 0;
        while i > 0 {
            while i > 0 && is_ascii_space(b[i - 1]) {
                i -= 1;
            }
            if i == 0 {
                break;
            }
            if splits == max {
                out.push((0, i));
                break;
            }
            let e = i;
            while i > 0 && !is_ascii_space(b[i - 1]) {
                i -= 1;
            }
            out.push((i, e));
            splits += 1;
        }
        out.reverse();
    }
    out
}

fn split_impl(args: Args<'_>, name: &str, right: bool) -> PyResult<Value> {
    let [sep, maxsplit] = crate::str_methods::method_bind(&args, name, ["sep", "maxsplit"], 0)?;
    let b = content(&args, name)?;
    let max = match &maxsplit {
        Some(m) => index_arg(m)?,
        None => -1,
    };
    let max = if max < 0 { usize::MAX } else { max as usize };
    let ranges = match &sep {
        Some(s) if !protocol::is_none(s) => {
            let sep = buffer_arg(s)?;
            if sep.is_empty() {
                return Err(PyErr::value_error("empty separator"));
            }
            crate::str_methods::split_by(&b, &sep, max, right)
        }
        _ => split_ws(&b, max, right),
    };
    let like = &args.pos()[0];
    let items = ranges
        .into_iter()
        .map(|(s, e)| make(like, b[s..e].to_vec()))
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
    let b = content(&args, "splitlines")?;
    let keep = match &keepends {
        Some(k) => protocol::is_true(k)?,
        None => false,
    };
    let like = &args.pos()[0];
    let mut items = Vec::new();
    let mut i = 0;
    let mut start = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'\n' || c == b'\r' {
            let mut end = i + 1;
            if c == b'\r' && b.get(end) == Some(&b'\n') {
                end += 1;
            }
            items.push(make(like, b[start..if keep { end } else { i }].to_vec()));
            start = end;
            i = end;
        } else {
            i += 1;
        }
    }
    if start < b.len() {
        items.push(make(like, b[start..].to_vec()));
    }
    Ok(crate::list::new(items))
}

fn partition_impl(args: Args<'_>, name: &str, right: bool) -> PyResult<Value> {
    let a = crate::str_methods::method_args(&args, name, 1, 1)?;
    let b = content(&args, name)?;
    let sep = buffer_arg(&a[1])?;
    if sep.is_empty() {
        return Err(PyErr::value_error("empty separator"));
    }
    let like = &a[0];
    let found = if right {
        rfind_bytes(&b, &sep, b.len())
    } else {
        find_bytes(&b, &sep, 0)
    };
    let items = match found {
        Some(p) => vec![
            make(like, b[..p].to_vec()),
            make(like, sep.to_vec()),
            make(like, b[p + sep.len()..].to_vec()),
        ],
        None if right => vec![
            make(like, Vec::new()),
            make(like, Vec::new()),
            same(like, &b),
        ],
        None => vec![
            same(like, &b),
            make(like, Vec::new()),
            make(like, Vec::new()),
        ],
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
    let sep = content(&args, "join")?.into_owned();
    if a[1].type_data().slots.iter.get().is_none() && a[1].type_data().slots.getitem.get().is_none()
    {
        return Err(PyErr::type_error("can only join an iterable"));
    }
    let items = protocol::collect(&a[1])?;
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Some(b) = buffer(item) else {
            return Err(PyErr::type_error(format!(
                "sequence item {i}: expected a bytes-like object, {} found",
                type_name(item)
            )));
        };
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        out.extend_from_slice(&b);
    }
    Ok(make(&a[0], out))
}

fn replace(args: Args<'_>) -> PyResult<Value> {
    let [old, new_, count] =
        crate::str_methods::method_bind(&args, "replace", ["old", "new", "count"], 2)?;
    let b = content(&args, "replace")?;
    let old = old.unwrap_or_else(crate::none);
    let new_ = new_.unwrap_or_else(crate::none);
    let old = buffer_arg(&old)?.into_owned();
    let new_ = buffer_arg(&new_)?.into_owned();
    let max = match &count {
        Some(c) => index_arg(c)?,
        None => -1,
    };
    let max = if max < 0 { usize::MAX } else { max as usize };
    let like = &args.pos()[0];
    if max == 0 {
        return Ok(same(like, &b));
    }
    let mut out = Vec::with_capacity(b.len());
    if old.is_empty() {
        let mut n = 0;
        for (i, &c) in b.iter().enumerate() {
            if n < max {
                out.extend_from_slice(&new_);
                n += 1;
            } else {
                out.extend_from_slice(&b[i..]);
                return Ok(make(like, out));
            }
            out.push(c);
        }
        if n < max {
            out.extend_from_slice(&new_);
        }
        return Ok(make(like, out));
    }
    let mut pos = 0;
    let mut n = 0;
    while n < max {
        match find_bytes(&b, &old, pos) {
            Some(p) => {
                out.extend_from_slice(&b[pos..p]);
                out.extend_from_slice(&new_);
                pos = p + old.len();
                n += 1;
            }
            None => break,
        }
    }
    if n == 0 {
        return Ok(same(like, &b));
    }
    out.extend_from_slice(&b[pos..]);
    Ok(make(like, out))
}

fn translate(args: Args<'_>) -> PyResult<Value> {
    let [table, delete] =
        crate::str_methods::method_bind(&args, "translate", ["table", "delete"], 1)?;
    let b = content(&args, "translate")?;
    let table = table.unwrap_or_else(crate::none);
    let table: Option<Vec<u8>> = if protocol::is_none(&table) {
        None
    } else {
        let t = buffer_arg(&table)?.into_owned();
        if t.len() != 256 {
            return Err(PyErr::value_error(
                "translation table must be 256 characters long",
            ));
        }
        Some(t)
    };
    let delete = match &delete {
        Some(d) => buffer_arg(d)?.into_owned(),
        None => Vec::new(),
    };
    let out: Vec<u8> = b
        .iter()
        .filter(|c| !delete.contains(c))
        .map(|&c| table.as_ref().map_or(c, |t| t[c as usize]))
        .collect();
    Ok(make(&args.pos()[0], out))
}

fn maketrans(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("maketrans", 2, 2)?;
    let from = buffer_arg(&a[0])?;
    let to = buffer_arg(&a[1])?;
    if from.len() != to.len() {
        return Err(PyErr::value_error(
            "maketrans arguments must have same length",
        ));
    }
    let mut table: Vec<u8> = (0..=255).collect();
    for (f, t) in from.iter().zip(to.iter()) {
        table[*f as usize] = *t;
    }
    Ok(crate::bytes::new(table))
}

fn decode(args: Args<'_>) -> PyResult<Value> {
    let [encoding, errors] =
        crate::str_methods::method_bind(&args, "decode", ["encoding", "errors"], 0)?;
    let b = content(&args, "decode")?;
    let enc = crate::str_methods::opt_str_arg(encoding.as_ref(), "decode", "encoding")?;
    let err = crate::str_methods::opt_str_arg(errors.as_ref(), "decode", "errors")?;
    crate::codecs::decode(&b, enc.as_deref(), err.as_deref())
}

/// `hex(sep, bytes_per_sep)` of some bytes (shared with `memoryview`).
pub(crate) fn hex_of(b: &[u8], sep: Option<&Value>, per: Option<&Value>) -> PyResult<Value> {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let sep_byte = match sep {
        None => None,
        Some(s) => {
            let text: Vec<u8> = if let Some(d) = s.downcast::<crate::str::StrData>() {
                d.as_bytes().to_vec()
            } else if let Some(bb) = buffer(s) {
                bb.into_owned()
            } else {
                return Err(PyErr::type_error(format!(
                    "sep must be str or bytes, not {}",
                    type_name(s)
                )));
            };
            if text.len() != 1 {
                return Err(PyErr::value_error("sep must be length 1."));
            }
            if !text[0].is_ascii() {
                return Err(PyErr::value_error("sep must be ASCII."));
            }
            Some(text[0])
        }
    };
    let per = match per {
        Some(p) => index_arg(p)?,
        None => 1,
    };
    let mut out = Vec::with_capacity(b.len() * 3);
    let group = per.unsigned_abs().max(1);
    for (i, &x) in b.iter().enumerate() {
        if let (Some(s), true) = (sep_byte, i > 0 && per != 0) {
            // Groups count from the right for a positive count, from the left for negative.
            let boundary = if per > 0 {
                (b.len() - i).is_multiple_of(group)
            } else {
                i.is_multiple_of(group)
            };
            if boundary {
                out.push(s);
            }
        }
        out.push(HEX[(x >> 4) as usize]);
        out.push(HEX[(x & 15) as usize]);
    }
    Ok(crate::str::from_data(crate::str::StrData::from_wtf8(out)))
}

fn hex(args: Args<'_>) -> PyResult<Value> {
    let [sep, per] = crate::str_methods::method_bind(&args, "hex", ["sep", "bytes_per_sep"], 0)?;
    let b = content(&args, "hex")?;
    hex_of(&b, sep.as_ref(), per.as_ref())
}

fn fromhex(args: Args<'_>) -> PyResult<Value> {
    let a = crate::str_methods::method_args(&args, "fromhex", 1, 1)?;
    let Some(s) = a[1].downcast::<crate::str::StrData>() else {
        return Err(PyErr::type_error(format!(
            "fromhex() argument must be str, not {}",
            type_name(&a[1])
        )));
    };
    let cps: Vec<u32> = s.code_points().collect();
    let mut out = Vec::with_capacity(cps.len() / 2);
    let digit = |c: u32| char::from_u32(c).and_then(|c| c.to_digit(16));
    let mut i = 0;
    while i < cps.len() {
        if cps[i] < 0x80 && crate::unicode_ctype::is_space(cps[i]) {
            i += 1;
            continue;
        }
        let bad = |pos: usize| {
            PyErr::value_error(format!(
                "non-hexadecimal number found in fromhex() arg at position {pos}"
            ))
        };
        let Some(hi) = digit(cps[i]) else {
            return Err(bad(i));
        };
        let Some(lo) = cps.get(i + 1).and_then(|&c| digit(c)) else {
            return Err(bad(i + 1));
        };
        out.push((hi * 16 + lo) as u8);
        i += 2;
    }
    let cls = &a[0];
    if cls.is(crate::bytes::bytes_type()) {
        return Ok(crate::bytes::new(out));
    }
    if cls.is(crate::bytearray::bytearray_type()) {
        return Ok(crate::bytearray::new(out));
    }
    protocol::call1(cls, &[crate::bytes::new(out)])
}

fn getnewargs(args: Args<'_>) -> PyResult<Value> {
    crate::str_methods::method_args(&args, "__getnewargs__", 0, 0)?;
    let b = content(&args, "__getnewargs__")?;
    Ok(crate::tuple::new(vec![crate::bytes::new(b.into_owned())]))
}

fn dunder_bytes(args: Args<'_>) -> PyResult<Value> {
    crate::str_methods::method_args(&args, "__bytes__", 0, 0)?;
    let v = &args.pos()[0];
    if v.is_exact(crate::bytes::bytes_type()) {
        return Ok(v.clone());
    }
    Ok(crate::bytes::new(content(&args, "__bytes__")?.into_owned()))
}

fn rmod(args: Args<'_>) -> PyResult<Value> {
    let a = crate::str_methods::method_args(&args, "__rmod__", 1, 1)?;
    let Some(fmt) = buffer(&a[1]) else {
        return Ok(crate::not_implemented());
    };
    if is_memoryview(&a[1]) {
        return Ok(crate::not_implemented());
    }
    let out = crate::percent_format::format_bytes(&fmt, &a[0])?;
    Ok(make(&a[1], out))
}

macro_rules! shared_methods {
    ($($extra:expr),* $(,)?) => {
        &[
            MethodDef::new("capitalize", MethodKind::Method(capitalize)),
            MethodDef::new("center", MethodKind::Method(center)),
            MethodDef::new("count", MethodKind::Method(count)),
            MethodDef::new("decode", MethodKind::Method(decode)),
            MethodDef::new("endswith", MethodKind::Method(endswith)),
            MethodDef::new("expandtabs", MethodKind::Method(expandtabs)),
            MethodDef::new("find", MethodKind::Method(find)),
            MethodDef::new("fromhex", MethodKind::Class(fromhex)),
            MethodDef::new("hex", MethodKind::Method(hex)),
            MethodDef::new("index", MethodKind::Method(index)),
            MethodDef::new("isalnum", MethodKind::Method(isalnum)),
            MethodDef::new("isalpha", MethodKind::Method(isalpha)),
            MethodDef::new("isascii", MethodKind::Method(isascii)),
            MethodDef::new("isdigit", MethodKind::Method(isdigit)),
            MethodDef::new("islower", MethodKind::Method(islower)),
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
            MethodDef::new("__rmod__", MethodKind::Method(rmod)),
            $($extra,)*
        ]
    };
}

/// `bytes`' methods.
pub(crate) const BYTES_METHODS: &[MethodDef] = shared_methods!(
    MethodDef::new("__getnewargs__", MethodKind::Method(getnewargs)),
    MethodDef::new("__bytes__", MethodKind::Method(dunder_bytes)),
);

/// The methods `bytearray` shares with `bytes`.
pub(crate) const BYTEARRAY_METHODS: &[MethodDef] = shared_methods!();
