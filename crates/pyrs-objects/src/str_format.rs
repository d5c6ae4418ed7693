//! `str.format` and `str.format_map` (CPython's Objects/stringlib/unicode_format.h): the
//! replacement-field grammar (`{name.attr[key]!r:spec}`, automatic and manual numbering,
//! nested fields in the spec), the builtin `format()` protocol, and `str.__format__` with the
//! format-spec mini-language as it applies to strings (Python/formatter_unicode.c).

use crate::args::Args;
use crate::error::{PyErr, PyResult};
use crate::protocol;
use crate::str::{data, StrBuilder, StrData};
use crate::unicode_ctype as uc;
use crate::value::Value;

/// `format(obj, spec)` (CPython's `PyObject_Format`): `type(obj).__format__(obj, spec)`,
/// which must return a `str`.
pub fn format(obj: &Value, spec: &Value) -> PyResult<Value> {
    let t = crate::types();
    let empty = spec
        .downcast::<StrData>()
        .is_some_and(|s| s.char_len() == 0);
    if empty {
        if obj.is_exact(&t.str) {
            return Ok(obj.clone());
        }
        if obj.is_small() || obj.is_exact(&t.int) {
            return protocol::str(obj);
        }
    }
    let Some(method) = protocol::lookup_special(obj, "__format__")? else {
        return Err(PyErr::type_error(format!(
            "Type {} doesn't define __format__",
            obj.type_data().name()
        )));
    };
    let r = protocol::call1(&method, std::slice::from_ref(spec))?;
    if r.downcast::<StrData>().is_none() {
        return Err(PyErr::type_error(format!(
            "__format__ must return a str, not {}",
            r.type_data().name()
        )));
    }
    Ok(r)
}

/// Where replacement fields find their values.
enum Source<'a> {
    /// `str.format(*args, **kwargs)`.
    Call { args: &'a [Value], kwargs: Args<'a> },
    /// `str.format_map(mapping)`.
    Map(&'a Value),
}

#[derive(Clone, Copy, PartialEq)]
enum Numbering {
    Init,
    Auto,
    Manual,
}

struct Ctx<'a> {
    source: Source<'a>,
    numbering: Numbering,
    next_index: usize,
}

/// `str.format(*args, **kwargs)`.
pub fn format_method(args: Args<'_>) -> PyResult<Value> {
    let fmt = &args.pos()[0];
    let d = protocol::self_payload::<StrData>(fmt, "format", "str")?;
    let mut ctx = Ctx {
        source: Source::Call {
            args: &args.pos()[1..],
            kwargs: args,
        },
        numbering: Numbering::Init,
        next_index: 0,
    };
    let mut out = StrBuilder::with_capacity(d.as_bytes().len() + 16);
    build(d, &mut ctx, 2, &mut out)?;
    Ok(out.finish())
}

/// `str.format_map(mapping)`.
pub fn format_map(args: Args<'_>) -> PyResult<Value> {
    let a = crate::str_methods::method_args(&args, "format_map", 1, 1)?;
    let d = protocol::self_payload::<StrData>(&a[0], "format_map", "str")?;
    let mut ctx = Ctx {
        source: Source::Map(&a[1]),
        numbering: Numbering::Init,
        next_index: 0,
    };
    let mut out = StrBuilder::with_capacity(d.as_bytes().len() + 16);
    build(d, &mut ctx, 2, &mut out)?;
    Ok(out.finish())
}

fn str_of_bytes(bytes: &[u8]) -> Value {
    crate::str::from_data(StrData::from_wtf8(bytes.to_vec()))
}

/// Expands the format string `fmt` into `out`; `depth` bounds nested specs.
fn build(fmt: &StrData, ctx: &mut Ctx<'_>, depth: u32, out: &mut StrBuilder) -> PyResult<()> {
    if depth == 0 {
        return Err(PyErr::value_error("Max string recursion exceeded"));
    }
    let b = fmt.as_bytes();
    let n = b.len();
    let mut i = 0;
    while i < n {
        // Literal text up to a brace.
        let start = i;
        let mut brace = None;
        while i < n {
            let c = b[i];
            i += 1;
            if c == b'{' || c == b'}' {
                brace = Some(c);
                break;
            }
        }
        let at_end = i >= n;
        let mut lit_end = i;
        let mut markup = brace.is_some();
        if brace == Some(b'}') && (at_end || b[i] != b'}') {
            return Err(PyErr::value_error(
                "Single '}' encountered in format string",
            ));
        }
        if at_end && brace == Some(b'{') {
            return Err(PyErr::value_error(
                "Single '{' encountered in format string",
            ));
        }
        if !at_end && brace.is_some() {
            if Some(b[i]) == brace {
                i += 1;
                markup = false;
            } else {
                lit_end -= 1;
            }
        }
        if lit_end > start {
            let k = count_cps(&b[start..lit_end]);
            out.push_bytes_range(fmt, start, lit_end, k);
        }
        if !markup {
            continue;
        }
        // A replacement field: name, conversion, spec.
        let name_start = i;
        let mut c = 0u8;
        while i < n {
            c = b[i];
            i += 1;
            match c {
                b'{' => return Err(PyErr::value_error("unexpected '{' in field name")),
                b'[' => {
                    while i < n && b[i] != b']' {
                        i += 1;
                    }
                    continue;
                }
                b'}' | b':' | b'!' => break,
                _ => continue,
            }
        }
        let name_end = if matches!(c, b'}' | b':' | b'!') && i > name_start {
            i - 1
        } else {
            i
        };
        let mut conversion: Option<u32> = None;
        let mut spec_range = (i, i);
        let mut spec_nested = false;
        if c == b'!' || c == b':' {
            if c == b'!' {
                if i >= n {
                    return Err(PyErr::value_error(
                        "end of string while looking for conversion specifier",
                    ));
                }
                let (cp, len) = crate::str::decode_at(b, i);
                conversion = Some(cp);
                i += len;
                if i < n {
                    let c2 = b[i];
                    i += 1;
                    if c2 == b'}' {
                        emit_field(
                            fmt,
                            &b[name_start..name_end],
                            conversion,
                            None,
                            ctx,
                            depth,
                            out,
                        )?;
                        continue;
                    }
                    if c2 != b':' {
                        return Err(PyErr::value_error(
                            "expected ':' after conversion specifier",
                        ));
                    }
                }
            }
            let spec_start = i;
            let mut count = 1;
            let mut closed = false;
            while i < n {
                let c3 = b[i];
                i += 1;
                if c3 == b'{' {
                    spec_nested = true;
                    count += 1;
                } else if c3 == b'}' {
                    count -= 1;
                    if count == 0 {
                        spec_range = (spec_start, i - 1);
                        closed = true;
                        break;
                    }
                }
            }
            if !closed {
                return Err(PyErr::value_error("unmatched '{' in format spec"));
            }
        } else if c != b'}' {
            return Err(PyErr::value_error("expected '}' before end of string"));
        }
        let spec = Some((spec_range, spec_nested));
        emit_field(
            fmt,
            &b[name_start..name_end],
            conversion,
            spec,
            ctx,
            depth,
            out,
        )?;
    }
    Ok(())
}

fn count_cps(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&x| (x as i8) >= -0x40).count()
}

type SpecRange = Option<((usize, usize), bool)>;

fn emit_field(
    fmt: &StrData,
    name: &[u8],
    conversion: Option<u32>,
    spec: SpecRange,
    ctx: &mut Ctx<'_>,
    depth: u32,
    out: &mut StrBuilder,
) -> PyResult<()> {
    let mut obj = field_value(name, ctx)?;
    if let Some(conv) = conversion {
        obj = match conv {
            0x72 => protocol::repr(&obj)?,
            0x73 => protocol::str(&obj)?,
            0x61 => crate::percent_format::ascii(&obj)?,
            _ => {
                return Err(PyErr::value_error(if conv > 32 && conv < 127 {
                    format!(
                        "Unknown conversion specifier {}",
                        char::from_u32(conv).unwrap_or('?')
                    )
                } else {
                    format!("Unknown conversion specifier \\x{conv:x}")
                }))
            }
        };
    }
    let spec_value = match spec {
        None => crate::types().empty_str.clone(),
        Some(((a, b), nested)) => {
            let bytes = &fmt.as_bytes()[a..b];
            if nested {
                let inner = StrData::from_wtf8(bytes.to_vec());
                let mut sub = StrBuilder::new();
                build(&inner, ctx, depth - 1, &mut sub)?;
                sub.finish()
            } else {
                str_of_bytes(bytes)
            }
        }
    };
    let text = format(&obj, &spec_value)?;
    out.push_data(data(&text));
    Ok(())
}

/// The integer a field name part spells in decimal digits, or `None`.
fn get_integer(part: &[u8]) -> PyResult<Option<usize>> {
    if part.is_empty() {
        return Ok(None);
    }
    let d = StrData::from_wtf8(part.to_vec());
    let mut n: usize = 0;
    for cp in d.code_points() {
        let Some(v) = uc::decimal_value(cp) else {
            return Ok(None);
        };
        n = n
            .checked_mul(10)
            .and_then(|x| x.checked_add(v as usize))
            .filter(|&x| x <= isize::MAX as usize)
            .ok_or_else(|| PyErr::value_error("Too many decimal digits in format string"))?;
    }
    Ok(Some(n))
}

fn field_value(name: &[u8], ctx: &mut Ctx<'_>) -> PyResult<Value> {
    let first_end = name
        .iter()
        .position(|&c| c == b'.' || c == b'[')
        .unwrap_or(name.len());
    let first = &name[..first_end];
    let mut index = get_integer(first)?;
    let empty = first.is_empty();
    if empty || index.is_some() {
        if ctx.numbering == Numbering::Init {
            ctx.numbering = if empty {
                Numbering::Auto
            } else {
                Numbering::Manual
            };
        }
        if ctx.numbering == Numbering::Manual && empty {
            return Err(PyErr::value_error(
                "cannot switch from manual field specification to automatic field numbering",
            ));
        }
        if ctx.numbering == Numbering::Auto && !empty {
            return Err(PyErr::value_error(
                "cannot switch from automatic field numbering to manual field specification",
            ));
        }
        if empty {
            index = Some(ctx.next_index);
            ctx.next_index += 1;
        }
    }
    let mut obj = match index {
        Some(i) => match &ctx.source {
            Source::Call { args, .. } => args.get(i).cloned().ok_or_else(|| {
                PyErr::index_error(format!(
                    "Replacement index {i} out of range for positional args tuple"
                ))
            })?,
            Source::Map(_) => {
                return Err(PyErr::value_error(
                    "Format string contains positional fields",
                ))
            }
        },
        None => {
            let key = str_of_bytes(first);
            match &ctx.source {
                Source::Call { kwargs, .. } => {
                    let mut found = None;
                    for (k, v) in kwargs.kwargs() {
                        if protocol::eq(k, &key)? {
                            found = Some(v.clone());
                            break;
                        }
                    }
                    found.ok_or_else(|| PyErr::key_error(key))?
                }
                Source::Map(m) => protocol::getitem(m, &key)?,
            }
        }
    };
    // The rest: `.attr` and `[key]` parts.
    let mut i = first_end;
    while i < name.len() {
        let c = name[i];
        i += 1;
        match c {
            b'.' => {
                let start = i;
                while i < name.len() && name[i] != b'.' && name[i] != b'[' {
                    i += 1;
                }
                if start == i {
                    return Err(PyErr::value_error("Empty attribute in format string"));
                }
                let attr = crate::str::intern_value(&str_of_bytes(&name[start..i]));
                obj = protocol::getattr(&obj, &attr)?;
            }
            b'[' => {
                let start = i;
                while i < name.len() && name[i] != b']' {
                    i += 1;
                }
                if i >= name.len() {
                    return Err(PyErr::value_error("Missing ']' in format string"));
                }
                let part = &name[start..i];
                i += 1;
                if part.is_empty() {
                    return Err(PyErr::value_error("Empty attribute in format string"));
                }
                let key = match get_integer(part)? {
                    Some(k) => crate::int::from_usize(k),
                    None => str_of_bytes(part),
                };
                obj = protocol::getitem(&obj, &key)?;
            }
            _ => {
                return Err(PyErr::value_error(
                    "Only '.' or '[' may follow ']' in format field specifier",
                ))
            }
        }
    }
    Ok(obj)
}

// ---------------------------------------------------------------------------------------
// The format-spec mini-language, for strings.

/// A parsed standard format spec (`[[fill]align][sign]["z"]["#"]["0"][width][grouping]
/// ["." precision][type]`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Spec {
    pub fill: u32,
    pub fill_given: bool,
    pub align: Option<u8>,
    pub sign: Option<u8>,
    pub z: bool,
    pub alt: bool,
    pub width: Option<usize>,
    pub grouping: Option<u8>,
    pub precision: Option<usize>,
    pub ty: u32,
}

fn is_align(c: u32) -> bool {
    matches!(c, 0x3C | 0x3E | 0x3D | 0x5E)
}

fn read_number(cps: &[u32], pos: &mut usize) -> PyResult<Option<usize>> {
    let start = *pos;
    let mut n: usize = 0;
    while *pos < cps.len() {
        let Some(d) = uc::decimal_value(cps[*pos]) else {
            break;
        };
        n = n
            .checked_mul(10)
            .and_then(|x| x.checked_add(d as usize))
            .filter(|&x| x <= isize::MAX as usize)
            .ok_or_else(|| PyErr::value_error("Too many decimal digits in format string"))?;
        *pos += 1;
    }
    Ok((*pos > start).then_some(n))
}

/// Parses a format spec (CPython's `parse_internal_render_format_spec`).
pub(crate) fn parse_spec(
    spec: &StrData,
    type_name: &str,
    default_type: u32,
    default_align: u8,
) -> PyResult<Spec> {
    let cps: Vec<u32> = spec.code_points().collect();
    let mut s = Spec {
        fill: 0x20,
        fill_given: false,
        align: None,
        sign: None,
        z: false,
        alt: false,
        width: None,
        grouping: None,
        precision: None,
        ty: default_type,
    };
    let mut pos = 0;
    let end = cps.len();
    if end >= 2 && is_align(cps[1]) {
        s.fill = cps[0];
        s.fill_given = true;
        s.align = Some(cps[1] as u8);
        pos = 2;
    } else if end >= 1 && is_align(cps[0]) {
        s.align = Some(cps[0] as u8);
        pos = 1;
    }
    if pos < end && matches!(cps[pos], 0x2B | 0x2D | 0x20) {
        s.sign = Some(cps[pos] as u8);
        pos += 1;
    }
    if pos < end && cps[pos] == u32::from(b'z') {
        s.z = true;
        pos += 1;
    }
    if pos < end && cps[pos] == u32::from(b'#') {
        s.alt = true;
        pos += 1;
    }
    if !s.fill_given && pos < end && cps[pos] == u32::from(b'0') {
        s.fill = u32::from(b'0');
        if s.align.is_none() && default_align == b'>' {
            s.align = Some(b'=');
        }
        pos += 1;
    }
    s.width = read_number(&cps, &mut pos)?;
    if pos < end && cps[pos] == u32::from(b',') {
        s.grouping = Some(b',');
        pos += 1;
    }
    if pos < end && cps[pos] == u32::from(b'_') {
        if s.grouping.is_some() {
            return Err(PyErr::value_error("Cannot specify both ',' and '_'."));
        }
        s.grouping = Some(b'_');
        pos += 1;
    }
    if pos < end && cps[pos] == u32::from(b',') {
        return Err(PyErr::value_error(if s.grouping == Some(b'_') {
            "Cannot specify both ',' and '_'."
        } else {
            "Cannot specify ',' with ','."
        }));
    }
    if pos < end && cps[pos] == u32::from(b'.') {
        pos += 1;
        s.precision = read_number(&cps, &mut pos)?;
        if s.precision.is_none() {
            return Err(PyErr::value_error("Format specifier missing precision"));
        }
    }
    if end - pos > 1 {
        return Err(PyErr::value_error(format!(
            "Invalid format specifier '{}' for object of type '{type_name}'",
            spec.to_string_lossy()
        )));
    }
    if end - pos == 1 {
        s.ty = cps[pos];
    }
    if let Some(g) = s.grouping {
        let ok = match s.ty {
            0x64 | 0x65 | 0x66 | 0x67 | 0x45 | 0x47 | 0x25 | 0x46 | 0 => true,
            0x62 | 0x6F | 0x78 | 0x58 => g == b'_',
            _ => false,
        };
        if !ok {
            let t = char::from_u32(s.ty).unwrap_or('?');
            return Err(PyErr::value_error(if s.ty > 32 && s.ty < 128 {
                format!("Cannot specify '{}' with '{t}'.", g as char)
            } else {
                format!("Cannot specify '{}' with '\\x{:x}'.", g as char, s.ty)
            }));
        }
    }
    Ok(s)
}

/// ValueError "Unknown format code 'd' for object of type 'str'".
pub(crate) fn unknown_code(ty: u32, type_name: &str) -> PyErr {
    PyErr::value_error(if ty > 32 && ty < 128 {
        format!(
            "Unknown format code '{}' for object of type '{type_name}'",
            char::from_u32(ty).unwrap_or('?')
        )
    } else {
        format!("Unknown format code '\\x{ty:x}' for object of type '{type_name}'")
    })
}

/// Pads `body` (`len` code points) to the spec's width and alignment.
pub(crate) fn pad_into(
    out: &mut StrBuilder,
    body: &StrData,
    len: usize,
    spec: &Spec,
    default_align: u8,
    keep: usize,
) {
    let width = spec.width.unwrap_or(0);
    let (left, right) = if width > len {
        let total = width - len;
        match spec.align.unwrap_or(default_align) {
            b'>' => (total, 0),
            b'^' => (total / 2, total - total / 2),
            _ => (0, total),
        }
    } else {
        (0, 0)
    };
    out.push_repeat(spec.fill, left);
    out.push_range(body, 0, keep);
    out.push_repeat(spec.fill, right);
}

/// `str.__format__(spec)`.
pub fn str_dunder_format(args: Args<'_>) -> PyResult<Value> {
    let a = crate::str_methods::method_args(&args, "__format__", 1, 1)?;
    let this = protocol::self_payload::<StrData>(&a[0], "__format__", "str")?;
    let Some(spec) = a[1].downcast::<StrData>() else {
        return Err(PyErr::type_error(format!(
            "__format__() argument must be str, not {}",
            a[1].type_data().name()
        )));
    };
    if spec.char_len() == 0 {
        return Ok(if a[0].is_exact(&crate::types().str) {
            a[0].clone()
        } else {
            crate::str::from_data(crate::str::clone_data(this))
        });
    }
    format_str_spec(&a[0], this, spec)
}

/// A string formatted by a spec (CPython's `format_string_internal`).
pub fn format_str_spec(v: &Value, d: &StrData, spec: &StrData) -> PyResult<Value> {
    let s = parse_spec(spec, &v.type_data().name(), u32::from(b's'), b'<')?;
    if s.ty != u32::from(b's') {
        return Err(unknown_code(s.ty, &v.type_data().name()));
    }
    if let Some(sign) = s.sign {
        return Err(PyErr::value_error(if sign == b' ' {
            "Space not allowed in string format specifier"
        } else {
            "Sign not allowed in string format specifier"
        }));
    }
    if s.z {
        return Err(PyErr::value_error(
            "Negative zero coercion (z) not allowed in string format specifier",
        ));
    }
    if s.alt {
        return Err(PyErr::value_error(
            "Alternate form (#) not allowed in string format specifier",
        ));
    }
    if s.align == Some(b'=') {
        return Err(PyErr::value_error(
            "'=' alignment not allowed in string format specifier",
        ));
    }
    let len = match s.precision {
        Some(p) => p.min(d.char_len()),
        None => d.char_len(),
    };
    if len == d.char_len() && s.width.is_none_or(|w| w <= len) && v.is_exact(&crate::types().str) {
        return Ok(v.clone());
    }
    let mut out = StrBuilder::with_capacity(d.as_bytes().len() + s.width.unwrap_or(0));
    pad_into(&mut out, d, len, &s, b'<', len);
    Ok(out.finish())
}
