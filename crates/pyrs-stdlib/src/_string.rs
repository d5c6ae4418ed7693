//! `_string` (CPython's Objects/stringlib/unicode_format.h, exposed by Objects/unicodeobject.c):
//! the parser of `str.format` strings that `string.Formatter` drives from Python —
//! `formatter_parser(s)` yields `(literal, field_name, format_spec, conversion)` for each piece,
//! `formatter_field_name_split(name)` splits `a.b[0]` into `'a'` and `(is_attr, key)` pairs.

use std::cell::Cell;
use std::sync::OnceLock;

use pyrs_objects::module::{new_module, ModuleData};
use pyrs_objects::native::new_module_function;
use pyrs_objects::object::Payload;
use pyrs_objects::str::StrData;
use pyrs_objects::typeobject::TypeBuilder;
use pyrs_objects::unicode_ctype::decimal_value;
use pyrs_objects::{int, str as pystr, tuple, Args, PyErr, PyResult, SyncCell, Value};

/// Makes the `_string` module.
pub(crate) fn init() -> PyResult<Value> {
    let module = new_module("_string");
    let d = module
        .downcast::<ModuleData>()
        .ok_or_else(|| PyErr::system_error("module"))?
        .dict();
    d.set_str(
        "formatter_parser",
        new_module_function("formatter_parser", formatter_parser, module.clone()),
    );
    d.set_str(
        "formatter_field_name_split",
        new_module_function(
            "formatter_field_name_split",
            formatter_field_name_split,
            module.clone(),
        ),
    );
    Ok(module)
}

/// The payload of a `formatteriterator` (CPython's `MarkupIterator`).
struct FormatterIter {
    cps: Vec<u32>,
    pos: Cell<usize>,
}

impl Payload for FormatterIter {}

/// The payload of a `fieldnameiterator` (CPython's `FieldNameIterator`).
struct FieldNameIter {
    cps: Vec<u32>,
    pos: Cell<usize>,
}

impl Payload for FieldNameIter {}

static FORMATTER_ITER: OnceLock<SyncCell<Value>> = OnceLock::new();
static FIELD_NAME_ITER: OnceLock<SyncCell<Value>> = OnceLock::new();

fn formatter_iter_type() -> &'static Value {
    &FORMATTER_ITER
        .get_or_init(|| {
            SyncCell(
                TypeBuilder::new::<FormatterIter>("formatteriterator")
                    .slots(|s| {
                        s.iter.set(Some(|it| Ok(it.clone())));
                        s.next.set(Some(formatter_next));
                    })
                    .build(),
            )
        })
        .0
}

fn field_name_iter_type() -> &'static Value {
    &FIELD_NAME_ITER
        .get_or_init(|| {
            SyncCell(
                TypeBuilder::new::<FieldNameIter>("fieldnameiterator")
                    .slots(|s| {
                        s.iter.set(Some(|it| Ok(it.clone())));
                        s.next.set(Some(field_name_next));
                    })
                    .build(),
            )
        })
        .0
}

fn str_arg(args: &Args<'_>, name: &str) -> PyResult<Vec<u32>> {
    let a = args.exact(name, 1, 1)?;
    match a[0].downcast::<StrData>() {
        Some(s) => Ok(s.code_points().collect()),
        None => Err(PyErr::type_error(format!(
            "expected str, got {}",
            a[0].type_data().name()
        ))),
    }
}

fn substr(cps: &[u32], start: usize, end: usize) -> Value {
    pystr::from_code_points(&cps[start..end])
}

fn formatter_parser(args: Args<'_>) -> PyResult<Value> {
    let cps = str_arg(&args, "formatter_parser")?;
    Ok(pyrs_objects::object::alloc(
        formatter_iter_type(),
        FormatterIter {
            cps,
            pos: Cell::new(0),
        },
    ))
}

const LBRACE: u32 = b'{' as u32;
const RBRACE: u32 = b'}' as u32;

/// A parsed replacement field: name, format spec and conversion.
struct Field {
    name: (usize, usize),
    spec: Option<(usize, usize)>,
    conversion: Option<u32>,
}

/// `parse_field`: the field starting at `*pos` (just after its `{`), up to its `}`.
fn parse_field(cps: &[u32], pos: &mut usize) -> PyResult<Field> {
    let end = cps.len();
    let name_start = *pos;
    let mut c = 0;
    while *pos < end {
        c = cps[*pos];
        *pos += 1;
        match char::from_u32(c) {
            Some('{') => return Err(PyErr::value_error("unexpected '{' in field name")),
            Some('[') => {
                while *pos < end && cps[*pos] != b']' as u32 {
                    *pos += 1;
                }
                continue;
            }
            Some('}' | ':' | '!') => break,
            _ => continue,
        }
    }
    let name = (name_start, *pos - 1);
    let mut field = Field {
        name,
        spec: None,
        conversion: None,
    };
    if c == b'!' as u32 || c == b':' as u32 {
        if c == b'!' as u32 {
            if *pos >= end {
                return Err(PyErr::value_error(
                    "end of string while looking for conversion specifier",
                ));
            }
            field.conversion = Some(cps[*pos]);
            *pos += 1;
            if *pos < end {
                let c = cps[*pos];
                *pos += 1;
                if c == RBRACE {
                    return Ok(field);
                }
                if c != b':' as u32 {
                    return Err(PyErr::value_error(
                        "expected ':' after conversion specifier",
                    ));
                }
            }
        }
        let spec_start = *pos;
        let mut count = 1;
        while *pos < end {
            let c = cps[*pos];
            *pos += 1;
            if c == LBRACE {
                count += 1;
            } else if c == RBRACE {
                count -= 1;
                if count == 0 {
                    field.spec = Some((spec_start, *pos - 1));
                    return Ok(field);
                }
            }
        }
        return Err(PyErr::value_error("unmatched '{' in format spec"));
    }
    if c != RBRACE {
        return Err(PyErr::value_error("expected '}' before end of string"));
    }
    Ok(field)
}

/// `formatteriter_next`: the next `(literal, field_name, format_spec, conversion)`.
fn formatter_next(it: &Value) -> PyResult<Option<Value>> {
    let d = it
        .downcast::<FormatterIter>()
        .ok_or_else(|| PyErr::system_error("formatteriterator"))?;
    let cps = &d.cps;
    let end = cps.len();
    let mut pos = d.pos.get();
    if pos >= end {
        return Ok(None);
    }
    let start = pos;
    let mut c = 0;
    let mut markup_follows = false;
    while pos < end {
        c = cps[pos];
        pos += 1;
        if c == LBRACE || c == RBRACE {
            markup_follows = true;
            break;
        }
    }
    let at_end = pos >= end;
    let mut len = pos - start;
    if c == RBRACE && (at_end || cps[pos] != c) {
        d.pos.set(pos);
        return Err(PyErr::value_error(
            "Single '}' encountered in format string",
        ));
    }
    if at_end && c == LBRACE {
        d.pos.set(pos);
        return Err(PyErr::value_error(
            "Single '{' encountered in format string",
        ));
    }
    if !at_end {
        if cps[pos] == c {
            pos += 1;
            markup_follows = false;
        } else {
            len -= 1;
        }
    }
    let literal = substr(cps, start, start + len);
    if !markup_follows {
        d.pos.set(pos);
        return Ok(Some(tuple::new(vec![
            literal,
            pyrs_objects::none(),
            pyrs_objects::none(),
            pyrs_objects::none(),
        ])));
    }
    let field = parse_field(cps, &mut pos);
    d.pos.set(pos);
    let field = field?;
    let spec = match field.spec {
        Some((a, b)) => substr(cps, a, b),
        None => pystr::new(""),
    };
    let conversion = match field.conversion {
        Some(c) => pystr::from_code_points(&[c]),
        None => pyrs_objects::none(),
    };
    Ok(Some(tuple::new(vec![
        literal,
        substr(cps, field.name.0, field.name.1),
        spec,
        conversion,
    ])))
}

/// `get_integer`: the value of a run of decimal digits, `None` if it is not one.
fn get_integer(cps: &[u32]) -> PyResult<Option<i64>> {
    if cps.is_empty() {
        return Ok(None);
    }
    let mut acc: i64 = 0;
    for &c in cps {
        let Some(digit) = decimal_value(c) else {
            return Ok(None);
        };
        acc = match acc
            .checked_mul(10)
            .and_then(|a| a.checked_add(digit as i64))
        {
            Some(a) => a,
            None => {
                return Err(PyErr::value_error(
                    "Too many decimal digits in format string",
                ))
            }
        };
    }
    Ok(Some(acc))
}

fn formatter_field_name_split(args: Args<'_>) -> PyResult<Value> {
    let cps = str_arg(&args, "formatter_field_name_split")?;
    let i = cps
        .iter()
        .position(|&c| c == b'.' as u32 || c == b'[' as u32)
        .unwrap_or(cps.len());
    let first = match get_integer(&cps[..i])? {
        Some(n) => int::from_i64(n),
        None => substr(&cps, 0, i),
    };
    let rest = pyrs_objects::object::alloc(
        field_name_iter_type(),
        FieldNameIter {
            cps,
            pos: Cell::new(i),
        },
    );
    Ok(tuple::new(vec![first, rest]))
}

/// `fieldnameiter_next`: the next `(is_attr, key)` of a field name.
fn field_name_next(it: &Value) -> PyResult<Option<Value>> {
    let d = it
        .downcast::<FieldNameIter>()
        .ok_or_else(|| PyErr::system_error("fieldnameiterator"))?;
    let cps = &d.cps;
    let end = cps.len();
    let mut pos = d.pos.get();
    if pos >= end {
        return Ok(None);
    }
    let c = cps[pos];
    pos += 1;
    let (is_attr, start, stop) = if c == b'.' as u32 {
        let start = pos;
        while pos < end && cps[pos] != b'.' as u32 && cps[pos] != b'[' as u32 {
            pos += 1;
        }
        (true, start, pos)
    } else if c == b'[' as u32 {
        let start = pos;
        while pos < end && cps[pos] != b']' as u32 {
            pos += 1;
        }
        if pos >= end {
            d.pos.set(pos);
            return Err(PyErr::value_error("Missing ']' in format string"));
        }
        pos += 1;
        (false, start, pos - 1)
    } else {
        d.pos.set(pos);
        return Err(PyErr::value_error(
            "Only '.' or '[' may follow ']' in format field specifier",
        ));
    };
    d.pos.set(pos);
    let key = if is_attr {
        None
    } else {
        get_integer(&cps[start..stop])?
    };
    if start == stop {
        return Err(PyErr::value_error("Empty attribute in format string"));
    }
    let key = match key {
        Some(n) => int::from_i64(n),
        None => substr(cps, start, stop),
    };
    Ok(Some(tuple::new(vec![pyrs_objects::bool(is_attr), key])))
}
