//! The `_codecs` module (CPython's Modules/_codecsmodule.c and Python/codecs.c): the codec
//! registry that `codecs.py` and the `encodings` package build on (search functions, the
//! lookup cache, error handlers), and the encode/decode functions the codec modules of
//! `encodings` call — UTF-8/16/32, Latin-1, ASCII, the escape codecs and the table-driven
//! `charmap` codecs (cp1252, koi8_r…).
//!
//! UTF-8, Latin-1 and ASCII themselves keep the native paths of `pyrs_objects::codecs`;
//! [`install`] gives that module the registry as its fallback, so `"x".encode("cp1252")`
//! reaches `encodings.cp1252` through `codecs.lookup` as in CPython.

use std::cell::RefCell;

use pyrs_objects::bytes::BytesData;
use pyrs_objects::dict::DictData;
use pyrs_objects::exceptions::ExcKind;
use pyrs_objects::str::{StrBuilder, StrData};
use pyrs_objects::{int, protocol, tuple, Args, PyErr, PyResult, SyncCell, Value};

use crate::argconv::{add_functions, buffer_arg, module_dict, opt_str_arg, str_arg, type_name};

struct Registry {
    search: Vec<Value>,
    cache: Option<Value>,
    errors: Option<Value>,
}

static REGISTRY: SyncCell<RefCell<Registry>> = SyncCell(RefCell::new(Registry {
    search: Vec::new(),
    cache: None,
    errors: None,
}));

fn cache() -> Value {
    let mut r = REGISTRY.0.borrow_mut();
    r.cache.get_or_insert_with(pyrs_objects::dict::new).clone()
}

fn error_registry() -> Value {
    if let Some(d) = REGISTRY.0.borrow().errors.clone() {
        return d;
    }
    let d = pyrs_objects::dict::new();
    let dd = d.downcast::<DictData>().expect("dict");
    for (name, f) in ERROR_HANDLERS {
        dd.set_str(name, pyrs_objects::native::new_function(name, *f));
    }
    REGISTRY.0.borrow_mut().errors = Some(d.clone());
    d
}

const ERROR_HANDLERS: &[(&str, pyrs_objects::native::NativeFn)] = &[
    ("strict", strict_errors),
    ("ignore", ignore_errors),
    ("replace", replace_errors),
    ("backslashreplace", backslashreplace_errors),
    ("xmlcharrefreplace", xmlcharrefreplace_errors),
    ("namereplace", namereplace_errors),
    ("surrogateescape", surrogateescape_errors),
    ("surrogatepass", surrogatepass_errors),
];

/// Gives `pyrs_objects::codecs` the registry as its fallback for encodings it lacks.
pub(crate) fn install() {
    pyrs_objects::codecs::install_registry(pyrs_objects::codecs::Registry {
        encode: registry_encode,
        decode: registry_decode,
    });
}

/// Imports `encodings`, which registers its search function (CPython does so at start-up).
fn ensure_encodings() -> PyResult<()> {
    if REGISTRY.0.borrow().search.is_empty() {
        pyrs_vm::import::import_absolute("encodings")?;
    }
    Ok(())
}

fn lookup_text_codec(name: &str, which: &str) -> PyResult<Value> {
    ensure_encodings()?;
    let info = lookup_name(name)?;
    if let Ok(flag) = protocol::getattr_str(&info, "_is_text_encoding") {
        if !protocol::is_true(&flag)? {
            return Err(PyErr::new(
                ExcKind::LookupError,
                format!(
                    "'{name}' is not a text encoding; use codecs.{which}() to handle arbitrary codecs"
                ),
            ));
        }
    }
    Ok(info)
}

fn registry_encode(obj: &Value, name: &str, errors: Option<&str>) -> PyResult<Vec<u8>> {
    let info = lookup_text_codec(name, "encode")?;
    let encoder = tuple_item(&info, 0)?;
    let result = call_codec(&encoder, obj.clone(), errors, "encoding", name)?;
    let out = codec_result(&result, "encoder")?;
    match out.downcast::<BytesData>() {
        Some(b) => Ok(b.as_bytes().to_vec()),
        None => match out.downcast::<pyrs_objects::bytearray::ByteArrayData>() {
            Some(_) => Ok(pyrs_objects::bytes::as_bytes_like(&out).unwrap_or_default()),
            None => Err(PyErr::type_error(format!(
                "'{name}' encoder returned '{}' instead of 'bytes'; use codecs.encode() to encode to arbitrary types",
                type_name(&out)
            ))),
        },
    }
}

fn registry_decode(bytes: &[u8], name: &str, errors: Option<&str>) -> PyResult<Value> {
    let info = lookup_text_codec(name, "decode")?;
    let decoder = tuple_item(&info, 1)?;
    let result = call_codec(
        &decoder,
        pyrs_objects::bytes::new(bytes.to_vec()),
        errors,
        "decoding",
        name,
    )?;
    let out = codec_result(&result, "decoder")?;
    if out.downcast::<StrData>().is_none() {
        return Err(PyErr::type_error(format!(
            "'{name}' decoder returned '{}' instead of 'str'; use codecs.decode() to decode to arbitrary types",
            type_name(&out)
        )));
    }
    Ok(out)
}

/// Calls a codec's encoder or decoder; an exception it raises gets CPython's note
/// "encoding with 'NAME' codec failed" (or "decoding…").
fn call_codec(
    f: &Value,
    input: Value,
    errors: Option<&str>,
    operation: &str,
    encoding: &str,
) -> PyResult<Value> {
    let result = match errors {
        Some(e) => protocol::call1(f, &[input, pyrs_objects::str::new(e)]),
        None => protocol::call1(f, &[input]),
    };
    result.map_err(|err| {
        let note = format!(
            "{operation} with {} codec failed",
            protocol::repr_string(&pyrs_objects::str::new(encoding)).unwrap_or_default()
        );
        if let Ok(add_note) = protocol::getattr_str(err.value(), "add_note") {
            if let Err(e) = protocol::call1(&add_note, &[pyrs_objects::str::new(&note)]) {
                return e;
            }
        }
        err
    })
}

fn codec_result(result: &Value, what: &str) -> PyResult<Value> {
    match tuple::items_of(result) {
        Some(items) if items.len() == 2 => Ok(items[0].clone()),
        _ => Err(PyErr::type_error(format!(
            "{what} must return a tuple (object, integer)"
        ))),
    }
}

fn tuple_item(info: &Value, i: usize) -> PyResult<Value> {
    match tuple::items_of(info) {
        Some(items) if items.len() > i => Ok(items[i].clone()),
        _ => protocol::getitem(info, &Value::small(i as i64)),
    }
}

/// CPython's `normalizestring`: lower case, spaces to underscores.
fn normalize(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c == ' ' {
                '_'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

fn lookup_name(encoding: &str) -> PyResult<Value> {
    let key = pyrs_objects::str::new(&normalize(encoding));
    let cache = cache();
    let cd = cache.downcast::<DictData>().expect("dict");
    if let Some(hit) = cd.get_item(&key)? {
        return Ok(hit);
    }
    let search: Vec<Value> = REGISTRY.0.borrow().search.clone();
    for f in &search {
        let result = protocol::call1(f, std::slice::from_ref(&key))?;
        if protocol::is_none(&result) {
            continue;
        }
        if tuple::items_of(&result).is_none_or(|items| items.len() != 4) {
            return Err(PyErr::type_error(
                "codec search functions must return 4-tuples",
            ));
        }
        cd.set_item(key, result.clone())?;
        return Ok(result);
    }
    Err(PyErr::new(
        ExcKind::LookupError,
        format!("unknown encoding: {encoding}"),
    ))
}

// ----- the registry functions -----

fn register(args: Args<'_>) -> PyResult<Value> {
    let [f] = args.bind("register", ["search_function"], 1, 1, 1)?;
    let f = f.expect("required");
    if !protocol::is_callable(&f) {
        return Err(PyErr::type_error("argument must be callable"));
    }
    REGISTRY.0.borrow_mut().search.push(f);
    Ok(pyrs_objects::none())
}

fn unregister(args: Args<'_>) -> PyResult<Value> {
    let [f] = args.bind("unregister", ["search_function"], 1, 1, 1)?;
    let f = f.expect("required");
    let removed = {
        let mut r = REGISTRY.0.borrow_mut();
        let before = r.search.len();
        if let Some(i) = r.search.iter().position(|s| s.is(&f)) {
            r.search.remove(i);
        }
        before != r.search.len()
    };
    if removed {
        let cache = cache();
        if let Some(d) = cache.downcast::<DictData>() {
            d.clear();
        }
    }
    Ok(pyrs_objects::none())
}

fn lookup(args: Args<'_>) -> PyResult<Value> {
    let [name] = args.bind("lookup", ["encoding"], 1, 1, 1)?;
    let name = str_arg(&name.expect("required"), "lookup", "argument")?;
    ensure_encodings()?;
    lookup_name(&name)
}

fn forget_codec(args: Args<'_>) -> PyResult<Value> {
    let [name] = args.bind("_forget_codec", ["encoding"], 1, 1, 1)?;
    let name = str_arg(&name.expect("required"), "_forget_codec", "argument")?;
    let cache = cache();
    let key = pyrs_objects::str::new(&normalize(&name));
    let cd = cache.downcast::<DictData>().expect("dict");
    if cd.get_item(&key)?.is_some() {
        protocol::setitem(&cache, &key, None)?;
    }
    Ok(pyrs_objects::none())
}

fn generic_codec(args: Args<'_>, func: &str, slot: usize) -> PyResult<Value> {
    let [obj, encoding, errors] = args.bind(func, ["obj", "encoding", "errors"], 1, 0, 3)?;
    let obj = obj.expect("required");
    let encoding = match &encoding {
        Some(e) => str_arg(e, func, "'encoding'")?,
        None => "utf-8".to_string(),
    };
    let errors = match &errors {
        Some(e) => Some(str_arg(e, func, "'errors'")?),
        None => None,
    };
    ensure_encodings()?;
    let info = lookup_name(&encoding)?;
    let f = tuple_item(&info, slot)?;
    let operation = if slot == 0 { "encoding" } else { "decoding" };
    let result = call_codec(&f, obj, errors.as_deref(), operation, &encoding)?;
    codec_result(&result, if slot == 0 { "encoder" } else { "decoder" })
}

fn encode(args: Args<'_>) -> PyResult<Value> {
    generic_codec(args, "encode", 0)
}

fn decode(args: Args<'_>) -> PyResult<Value> {
    generic_codec(args, "decode", 1)
}

fn register_error(args: Args<'_>) -> PyResult<Value> {
    let [name, handler] = args.bind("register_error", ["errors", "handler"], 2, 2, 2)?;
    let name = str_arg(&name.expect("required"), "register_error", "argument 1")?;
    let handler = handler.expect("required");
    if !protocol::is_callable(&handler) {
        return Err(PyErr::type_error("handler must be callable"));
    }
    let reg = error_registry();
    reg.downcast::<DictData>()
        .expect("dict")
        .set_item(pyrs_objects::str::new(&name), handler)?;
    Ok(pyrs_objects::none())
}

fn unregister_error(args: Args<'_>) -> PyResult<Value> {
    let [name] = args.bind("_unregister_error", ["errors"], 1, 1, 1)?;
    let name = str_arg(&name.expect("required"), "_unregister_error", "argument")?;
    if ERROR_HANDLERS.iter().any(|(n, _)| *n == name) {
        return Err(PyErr::value_error(format!(
            "cannot un-register built-in error handler '{name}'"
        )));
    }
    let reg = error_registry();
    let key = pyrs_objects::str::new(&name);
    let present = reg.downcast::<DictData>().expect("dict").get_item(&key)?;
    if present.is_some() {
        protocol::setitem(&reg, &key, None)?;
    }
    Ok(pyrs_objects::bool(present.is_some()))
}

fn lookup_error_value(name: &str) -> PyResult<Value> {
    let reg = error_registry();
    match reg
        .downcast::<DictData>()
        .expect("dict")
        .get_item(&pyrs_objects::str::new(name))?
    {
        Some(h) => Ok(h),
        None => Err(PyErr::new(
            ExcKind::LookupError,
            format!("unknown error handler name '{name}'"),
        )),
    }
}

fn lookup_error(args: Args<'_>) -> PyResult<Value> {
    let [name] = args.bind("lookup_error", ["name"], 1, 1, 1)?;
    let name = str_arg(&name.expect("required"), "lookup_error", "argument")?;
    lookup_error_value(&name)
}

// ----- the built-in error handlers, as Python functions -----

fn exc_attr_i64(exc: &Value, name: &str) -> PyResult<i64> {
    let v = protocol::getattr_str(exc, name)?;
    int::as_i64(&v).ok_or_else(|| PyErr::type_error(format!("{name} attribute must be int")))
}

fn handler_exc<'a>(args: &Args<'a>, name: &str) -> PyResult<&'a Value> {
    let pos = args.exact(name, 1, 1)?;
    Ok(&pos[0])
}

fn is_kind(exc: &Value, kind: ExcKind) -> bool {
    pyrs_objects::typeobject::is_instance(exc, kind.class())
}

fn wrong_exception(exc: &Value) -> PyErr {
    PyErr::type_error(format!(
        "don't know how to handle {} in error callback",
        type_name(exc)
    ))
}

fn object_str(exc: &Value) -> PyResult<Value> {
    protocol::getattr_str(exc, "object")
}

fn strict_errors(args: Args<'_>) -> PyResult<Value> {
    let exc = handler_exc(&args, "strict_errors")?;
    if !pyrs_objects::typeobject::is_instance(exc, ExcKind::BaseException.class()) {
        return Err(PyErr::type_error("codec must pass exception instance"));
    }
    Err(PyErr::from_value(exc.clone()))
}

fn ignore_errors(args: Args<'_>) -> PyResult<Value> {
    let exc = handler_exc(&args, "ignore_errors")?;
    if !(is_kind(exc, ExcKind::UnicodeEncodeError)
        || is_kind(exc, ExcKind::UnicodeDecodeError)
        || is_kind(exc, ExcKind::UnicodeTranslateError))
    {
        return Err(wrong_exception(exc));
    }
    let end = exc_attr_i64(exc, "end")?;
    Ok(tuple::new(vec![
        pyrs_objects::str::new(""),
        int::from_i64(end),
    ]))
}

fn code_points_of(obj: &Value, start: i64, end: i64) -> Vec<u32> {
    match obj.downcast::<StrData>() {
        Some(d) => d
            .code_points()
            .skip(start.max(0) as usize)
            .take((end - start).max(0) as usize)
            .collect(),
        None => Vec::new(),
    }
}

fn replace_errors(args: Args<'_>) -> PyResult<Value> {
    let exc = handler_exc(&args, "replace_errors")?;
    let start = exc_attr_i64(exc, "start")?;
    let end = exc_attr_i64(exc, "end")?;
    let n = (end - start).max(0) as usize;
    let text = if is_kind(exc, ExcKind::UnicodeEncodeError) {
        "?".repeat(n)
    } else if is_kind(exc, ExcKind::UnicodeDecodeError) {
        "\u{fffd}".to_string()
    } else if is_kind(exc, ExcKind::UnicodeTranslateError) {
        "\u{fffd}".repeat(n)
    } else {
        return Err(wrong_exception(exc));
    };
    Ok(tuple::new(vec![
        pyrs_objects::str::new(&text),
        int::from_i64(end),
    ]))
}

fn backslash_escape(cp: u32) -> String {
    if cp <= 0xFF {
        format!("\\x{cp:02x}")
    } else if cp <= 0xFFFF {
        format!("\\u{cp:04x}")
    } else {
        format!("\\U{cp:08x}")
    }
}

fn backslashreplace_errors(args: Args<'_>) -> PyResult<Value> {
    let exc = handler_exc(&args, "backslashreplace_errors")?;
    let start = exc_attr_i64(exc, "start")?;
    let end = exc_attr_i64(exc, "end")?;
    let mut text = String::new();
    if is_kind(exc, ExcKind::UnicodeDecodeError) {
        let obj = object_str(exc)?;
        let bytes = buffer_arg(&obj)?;
        for &b in bytes
            .iter()
            .skip(start.max(0) as usize)
            .take((end - start).max(0) as usize)
        {
            text.push_str(&format!("\\x{b:02x}"));
        }
    } else if is_kind(exc, ExcKind::UnicodeEncodeError)
        || is_kind(exc, ExcKind::UnicodeTranslateError)
    {
        for cp in code_points_of(&object_str(exc)?, start, end) {
            text.push_str(&backslash_escape(cp));
        }
    } else {
        return Err(wrong_exception(exc));
    }
    Ok(tuple::new(vec![
        pyrs_objects::str::new(&text),
        int::from_i64(end),
    ]))
}

fn xmlcharrefreplace_errors(args: Args<'_>) -> PyResult<Value> {
    let exc = handler_exc(&args, "xmlcharrefreplace_errors")?;
    if !is_kind(exc, ExcKind::UnicodeEncodeError) {
        return Err(wrong_exception(exc));
    }
    let start = exc_attr_i64(exc, "start")?;
    let end = exc_attr_i64(exc, "end")?;
    let mut text = String::new();
    for cp in code_points_of(&object_str(exc)?, start, end) {
        text.push_str(&format!("&#{cp};"));
    }
    Ok(tuple::new(vec![
        pyrs_objects::str::new(&text),
        int::from_i64(end),
    ]))
}

fn namereplace_errors(args: Args<'_>) -> PyResult<Value> {
    let exc = handler_exc(&args, "namereplace_errors")?;
    if !is_kind(exc, ExcKind::UnicodeEncodeError) {
        return Err(wrong_exception(exc));
    }
    let start = exc_attr_i64(exc, "start")?;
    let end = exc_attr_i64(exc, "end")?;
    let unicodedata = pyrs_vm::import::import_absolute("unicodedata")?;
    let name_fn = protocol::getattr_str(&unicodedata, "name")?;
    let mut text = String::new();
    for cp in code_points_of(&object_str(exc)?, start, end) {
        let ch = pyrs_objects::str::char_str(cp);
        let name = protocol::call(&name_fn, Args::positional(&[ch, pyrs_objects::none()]))?;
        match name.downcast::<StrData>() {
            Some(n) => text.push_str(&format!("\\N{{{}}}", n.to_string_lossy())),
            None => text.push_str(&backslash_escape(cp)),
        }
    }
    Ok(tuple::new(vec![
        pyrs_objects::str::new(&text),
        int::from_i64(end),
    ]))
}

fn surrogateescape_errors(args: Args<'_>) -> PyResult<Value> {
    let exc = handler_exc(&args, "surrogateescape_errors")?;
    let start = exc_attr_i64(exc, "start")?;
    let end = exc_attr_i64(exc, "end")?;
    if is_kind(exc, ExcKind::UnicodeDecodeError) {
        let bytes = buffer_arg(&object_str(exc)?)?;
        let mut out = StrBuilder::new();
        let mut consumed = 0;
        for &b in bytes
            .iter()
            .skip(start.max(0) as usize)
            .take((end - start).clamp(0, 4) as usize)
        {
            if b < 128 {
                break;
            }
            out.push(0xDC00 + b as u32);
            consumed += 1;
        }
        if consumed == 0 {
            return Err(PyErr::from_value(exc.clone()));
        }
        return Ok(tuple::new(vec![
            out.finish(),
            int::from_i64(start + consumed),
        ]));
    }
    if is_kind(exc, ExcKind::UnicodeEncodeError) {
        let mut out = Vec::new();
        for cp in code_points_of(&object_str(exc)?, start, end) {
            if !(0xDC80..=0xDCFF).contains(&cp) {
                return Err(PyErr::from_value(exc.clone()));
            }
            out.push((cp - 0xDC00) as u8);
        }
        return Ok(tuple::new(vec![
            pyrs_objects::bytes::new(out),
            int::from_i64(end),
        ]));
    }
    Err(wrong_exception(exc))
}

fn surrogatepass_errors(args: Args<'_>) -> PyResult<Value> {
    let exc = handler_exc(&args, "surrogatepass_errors")?;
    let start = exc_attr_i64(exc, "start")?;
    let end = exc_attr_i64(exc, "end")?;
    let encoding = protocol::getattr_str(exc, "encoding")?;
    let encoding =
        normalize(&pyrs_objects::str::text_of(&encoding).unwrap_or_default()).replace('-', "_");
    if is_kind(exc, ExcKind::UnicodeEncodeError) && (encoding == "utf_8" || encoding == "utf8") {
        let mut out = Vec::new();
        for cp in code_points_of(&object_str(exc)?, start, end) {
            if !(0xD800..=0xDFFF).contains(&cp) {
                return Err(PyErr::from_value(exc.clone()));
            }
            pyrs_objects::str::push_code_point(&mut out, cp);
        }
        return Ok(tuple::new(vec![
            pyrs_objects::bytes::new(out),
            int::from_i64(end),
        ]));
    }
    if is_kind(exc, ExcKind::UnicodeDecodeError) && (encoding == "utf_8" || encoding == "utf8") {
        let bytes = buffer_arg(&object_str(exc)?)?;
        let s = start.max(0) as usize;
        if let Some(t) = bytes.get(s..s + 3) {
            if t[0] == 0xED && (t[1] & 0xE0) == 0xA0 && (t[2] & 0xC0) == 0x80 {
                let cp = ((t[0] as u32 & 0x0F) << 12)
                    | ((t[1] as u32 & 0x3F) << 6)
                    | (t[2] as u32 & 0x3F);
                return Ok(tuple::new(vec![
                    pyrs_objects::str::from_code_points(&[cp]),
                    int::from_i64(start + 3),
                ]));
            }
        }
        return Err(PyErr::from_value(exc.clone()));
    }
    if is_kind(exc, ExcKind::UnicodeEncodeError) || is_kind(exc, ExcKind::UnicodeDecodeError) {
        return Err(PyErr::from_value(exc.clone()));
    }
    Err(wrong_exception(exc))
}

// ----- the codec functions -----

fn str_data<'a>(v: &'a Value, func: &str) -> PyResult<&'a StrData> {
    v.downcast::<StrData>().ok_or_else(|| {
        PyErr::type_error(format!(
            "{func}() argument 1 must be str, not {}",
            type_name(v)
        ))
    })
}

fn encode_with(args: Args<'_>, func: &str, codec: &str) -> PyResult<Value> {
    let [s, errors] = args.bind(func, ["str", "errors"], 1, 2, 2)?;
    let s = s.expect("required");
    let d = str_data(&s, func)?;
    let errors = opt_str_arg(errors.as_ref(), func, "argument 2")?;
    let out = pyrs_objects::codecs::encode(&s, d, Some(codec), errors.as_deref())?;
    Ok(tuple::new(vec![
        pyrs_objects::bytes::new(out),
        int::from_usize(d.char_len()),
    ]))
}

/// How many bytes at the end of `b` begin a UTF-8 sequence that more input could complete.
fn utf8_incomplete_tail(b: &[u8]) -> usize {
    let n = b.len();
    for back in 1..=3.min(n) {
        let lead = b[n - back];
        if lead & 0xC0 == 0x80 {
            continue;
        }
        let need = match lead {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => return 0,
        };
        if need <= back {
            return 0;
        }
        // The continuation bytes present must be valid for this lead byte.
        let (lo, hi) = match lead {
            0xE0 => (0xA0, 0xBF),
            0xED => (0x80, 0x9F),
            0xF0 => (0x90, 0xBF),
            0xF4 => (0x80, 0x8F),
            _ => (0x80, 0xBF),
        };
        if back >= 2 && !(lo..=hi).contains(&b[n - back + 1]) {
            return 0;
        }
        return back;
    }
    0
}

fn decode_with(args: Args<'_>, func: &str, codec: &str, unit: usize) -> PyResult<Value> {
    let [data, errors, fin] = args.bind(func, ["data", "errors", "final"], 1, 3, 3)?;
    let bytes = buffer_arg(&data.expect("required"))?;
    let errors = opt_str_arg(errors.as_ref(), func, "argument 2")?;
    let fin = crate::argconv::bool_arg(fin.as_ref(), false)?;
    let take = if fin {
        bytes.len()
    } else {
        incomplete_cut(&bytes, codec, unit)
    };
    let s = pyrs_objects::codecs::decode(&bytes[..take], Some(codec), errors.as_deref())?;
    Ok(tuple::new(vec![s, int::from_usize(take)]))
}

/// The length of the prefix of `bytes` a non-final decode may consume.
fn incomplete_cut(bytes: &[u8], codec: &str, unit: usize) -> usize {
    match unit {
        1 if codec.starts_with("utf-8") => bytes.len() - utf8_incomplete_tail(bytes),
        2 => {
            let mut n = bytes.len() - bytes.len() % 2;
            // A trailing high surrogate waits for its partner.
            if n >= 2 {
                let u = if codec.ends_with("be") {
                    u16::from_be_bytes([bytes[n - 2], bytes[n - 1]])
                } else {
                    u16::from_le_bytes([bytes[n - 2], bytes[n - 1]])
                };
                if (0xD800..0xDC00).contains(&u) {
                    n -= 2;
                }
            }
            n
        }
        4 => bytes.len() - bytes.len() % 4,
        _ => bytes.len(),
    }
}

macro_rules! simple_codec {
    ($enc:ident, $dec:ident, $name:literal, $codec:literal, $unit:literal) => {
        fn $enc(args: Args<'_>) -> PyResult<Value> {
            encode_with(args, concat!($name, "_encode"), $codec)
        }
        fn $dec(args: Args<'_>) -> PyResult<Value> {
            decode_with(args, concat!($name, "_decode"), $codec, $unit)
        }
    };
}

simple_codec!(utf_8_encode, utf_8_decode, "utf_8", "utf-8", 1);
simple_codec!(latin_1_encode, latin_1_decode, "latin_1", "latin-1", 0);
simple_codec!(ascii_encode, ascii_decode, "ascii", "ascii", 0);
simple_codec!(
    utf_16_le_encode,
    utf_16_le_decode,
    "utf_16_le",
    "utf-16-le",
    2
);
simple_codec!(
    utf_16_be_encode,
    utf_16_be_decode,
    "utf_16_be",
    "utf-16-be",
    2
);
simple_codec!(
    utf_32_le_encode,
    utf_32_le_decode,
    "utf_32_le",
    "utf-32-le",
    4
);
simple_codec!(
    utf_32_be_encode,
    utf_32_be_decode,
    "utf_32_be",
    "utf-32-be",
    4
);

fn bom_encode(args: Args<'_>, func: &str, width: usize) -> PyResult<Value> {
    let [s, errors, byteorder] = args.bind(func, ["str", "errors", "byteorder"], 1, 3, 3)?;
    let s = s.expect("required");
    let d = str_data(&s, func)?;
    let errors = opt_str_arg(errors.as_ref(), func, "argument 2")?;
    let order = match &byteorder {
        Some(b) => crate::argconv::index_arg(b)?,
        None => 0,
    };
    let codec = match (width, order) {
        (2, 0) => "utf-16",
        (2, o) if o < 0 => "utf-16-le",
        (2, _) => "utf-16-be",
        (_, 0) => "utf-32",
        (_, o) if o < 0 => "utf-32-le",
        _ => "utf-32-be",
    };
    let out = pyrs_objects::codecs::encode(&s, d, Some(codec), errors.as_deref())?;
    Ok(tuple::new(vec![
        pyrs_objects::bytes::new(out),
        int::from_usize(d.char_len()),
    ]))
}

fn utf_16_encode(args: Args<'_>) -> PyResult<Value> {
    bom_encode(args, "utf_16_encode", 2)
}

fn utf_32_encode(args: Args<'_>) -> PyResult<Value> {
    bom_encode(args, "utf_32_encode", 4)
}

/// The `*_ex_decode` work: the byte order from a byte order mark (or `byteorder`), then
/// the decoding; returns (str, consumed, byteorder).
fn ex_decode(
    bytes: &[u8],
    errors: Option<&str>,
    mut order: i64,
    fin: bool,
    width: usize,
) -> PyResult<(Value, usize, i64)> {
    let mut skip = 0;
    if order == 0 {
        let (le, be): (&[u8], &[u8]) = if width == 2 {
            (&[0xFF, 0xFE], &[0xFE, 0xFF])
        } else {
            (&[0xFF, 0xFE, 0, 0], &[0, 0, 0xFE, 0xFF])
        };
        if bytes.starts_with(le) {
            order = -1;
            skip = width;
        } else if bytes.starts_with(be) {
            order = 1;
            skip = width;
        } else if bytes.len() < width && !fin {
            return Ok((pyrs_objects::str::new(""), 0, 0));
        }
    }
    let codec = match (width, order > 0) {
        (2, false) => "utf-16-le",
        (2, true) => "utf-16-be",
        (_, false) => "utf-32-le",
        (_, true) => "utf-32-be",
    };
    let rest = &bytes[skip..];
    let take = if fin {
        rest.len()
    } else {
        incomplete_cut(rest, codec, width)
    };
    let s = pyrs_objects::codecs::decode(&rest[..take], Some(codec), errors)?;
    Ok((s, skip + take, order))
}

fn bom_decode(args: Args<'_>, func: &str, width: usize) -> PyResult<Value> {
    let [data, errors, fin] = args.bind(func, ["data", "errors", "final"], 1, 3, 3)?;
    let bytes = buffer_arg(&data.expect("required"))?;
    let errors = opt_str_arg(errors.as_ref(), func, "argument 2")?;
    let fin = crate::argconv::bool_arg(fin.as_ref(), false)?;
    let (s, n, _) = ex_decode(&bytes, errors.as_deref(), 0, fin, width)?;
    Ok(tuple::new(vec![s, int::from_usize(n)]))
}

fn utf_16_decode(args: Args<'_>) -> PyResult<Value> {
    bom_decode(args, "utf_16_decode", 2)
}

fn utf_32_decode(args: Args<'_>) -> PyResult<Value> {
    bom_decode(args, "utf_32_decode", 4)
}

fn bom_ex_decode(args: Args<'_>, func: &str, width: usize) -> PyResult<Value> {
    let [data, errors, byteorder, fin] =
        args.bind(func, ["data", "errors", "byteorder", "final"], 1, 4, 4)?;
    let bytes = buffer_arg(&data.expect("required"))?;
    let errors = opt_str_arg(errors.as_ref(), func, "argument 2")?;
    let order = match &byteorder {
        Some(b) => crate::argconv::index_arg(b)?,
        None => 0,
    };
    let fin = crate::argconv::bool_arg(fin.as_ref(), false)?;
    let (s, n, order) = ex_decode(&bytes, errors.as_deref(), order, fin, width)?;
    Ok(tuple::new(vec![
        s,
        int::from_usize(n),
        int::from_i64(order),
    ]))
}

fn utf_16_ex_decode(args: Args<'_>) -> PyResult<Value> {
    bom_ex_decode(args, "utf_16_ex_decode", 2)
}

fn utf_32_ex_decode(args: Args<'_>) -> PyResult<Value> {
    bom_ex_decode(args, "utf_32_ex_decode", 4)
}

// ----- charmap -----

fn unicode_error(
    kind: ExcKind,
    codec: &str,
    obj: Value,
    start: usize,
    end: usize,
    reason: &str,
) -> PyErr {
    match protocol::call1(
        kind.class(),
        &[
            pyrs_objects::str::new(codec),
            obj,
            int::from_usize(start),
            int::from_usize(end),
            pyrs_objects::str::new(reason),
        ],
    ) {
        Ok(exc) => PyErr::from_value(exc),
        Err(e) => e,
    }
}

/// Calls a Python error handler: (replacement, resume position).
fn call_handler(errors: &str, exc: PyErr, len: usize) -> PyResult<(Value, usize)> {
    let handler = lookup_error_value(errors)?;
    let result = protocol::call1(&handler, &[exc.into_value()])?;
    let items = match tuple::items_of(&result) {
        Some(items) if items.len() == 2 => items.to_vec(),
        _ => {
            return Err(PyErr::type_error(
                "encoding error handler must return (str/bytes, int) tuple",
            ))
        }
    };
    let mut pos = int::as_i64(&items[1]).ok_or_else(|| {
        PyErr::type_error("encoding error handler must return (str/bytes, int) tuple")
    })?;
    if pos < 0 {
        pos += len as i64;
    }
    if pos < 0 || pos as usize > len {
        return Err(PyErr::new(
            ExcKind::IndexError,
            format!("position {pos} from error handler out of bounds"),
        ));
    }
    Ok((items[0].clone(), pos as usize))
}

fn charmap_decode(args: Args<'_>) -> PyResult<Value> {
    let [data, errors, mapping] =
        args.bind("charmap_decode", ["data", "errors", "mapping"], 1, 3, 3)?;
    let data = data.expect("required");
    let bytes = buffer_arg(&data)?;
    let errors = opt_str_arg(errors.as_ref(), "charmap_decode", "argument 2")?;
    let errors = errors.as_deref().unwrap_or("strict");
    let mapping = mapping.filter(|m| !protocol::is_none(m));
    let Some(mapping) = mapping else {
        let s = pyrs_objects::codecs::decode(&bytes, Some("latin-1"), Some(errors))?;
        return Ok(tuple::new(vec![s, int::from_usize(bytes.len())]));
    };
    let table: Option<Vec<u32>> = mapping
        .downcast::<StrData>()
        .map(|d| d.code_points().collect());
    let mut out = StrBuilder::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let mapped: Option<Vec<u32>> = match &table {
            Some(t) => match t.get(b as usize) {
                Some(&0xFFFE) | None => None,
                Some(&cp) => Some(vec![cp]),
            },
            None => {
                let got = match protocol::getitem(&mapping, &Value::small(b as i64)) {
                    Ok(v) => Some(v),
                    Err(e) if e.is(ExcKind::LookupError) => None,
                    Err(e) => return Err(e),
                };
                match got {
                    None => None,
                    Some(v) if protocol::is_none(&v) => None,
                    Some(v) => {
                        if let Some(n) = int::as_i64(&v) {
                            if !(0..=0x10FFFF).contains(&n) {
                                return Err(PyErr::type_error(
                                    "character mapping must be in range(0x110000)",
                                ));
                            }
                            if n == 0xFFFE {
                                None
                            } else {
                                Some(vec![n as u32])
                            }
                        } else if let Some(d) = v.downcast::<StrData>() {
                            let cps: Vec<u32> = d.code_points().collect();
                            if cps == [0xFFFE] {
                                None
                            } else {
                                Some(cps)
                            }
                        } else {
                            return Err(PyErr::type_error(
                                "character mapping must return integer, None or str",
                            ));
                        }
                    }
                }
            }
        };
        match mapped {
            Some(cps) => {
                for cp in cps {
                    out.push(cp);
                }
                i += 1;
            }
            None => {
                let exc = unicode_error(
                    ExcKind::UnicodeDecodeError,
                    "charmap",
                    pyrs_objects::bytes::new(bytes.clone()),
                    i,
                    i + 1,
                    "character maps to <undefined>",
                );
                match errors {
                    "strict" => return Err(exc),
                    "ignore" => i += 1,
                    "replace" => {
                        out.push(0xFFFD);
                        i += 1;
                    }
                    "surrogateescape" if b >= 128 => {
                        out.push(0xDC00 + b as u32);
                        i += 1;
                    }
                    "backslashreplace" => {
                        out.push_str(&format!("\\x{b:02x}"));
                        i += 1;
                    }
                    other => {
                        let (rep, pos) = call_handler(other, exc, bytes.len())?;
                        match rep.downcast::<StrData>() {
                            Some(d) => out.push_data(d),
                            None => {
                                return Err(PyErr::type_error(
                                    "decoding error handler must return (str, int) tuple",
                                ))
                            }
                        }
                        i = pos;
                    }
                }
            }
        }
    }
    Ok(tuple::new(vec![out.finish(), int::from_usize(bytes.len())]))
}

/// What a charmap encoding table maps `cp` to: bytes, or `None` when undefined.
fn charmap_lookup(mapping: &Value, cp: u32) -> PyResult<Option<Vec<u8>>> {
    let got = match protocol::getitem(mapping, &int::from_i64(cp as i64)) {
        Ok(v) => v,
        Err(e) if e.is(ExcKind::LookupError) => return Ok(None),
        Err(e) => return Err(e),
    };
    if protocol::is_none(&got) {
        return Ok(None);
    }
    if let Some(n) = int::as_i64(&got) {
        if !(0..256).contains(&n) {
            return Err(PyErr::type_error("character mapping must be in range(256)"));
        }
        return Ok(Some(vec![n as u8]));
    }
    if let Some(b) = got.downcast::<BytesData>() {
        return Ok(Some(b.as_bytes().to_vec()));
    }
    Err(PyErr::type_error(
        "character mapping must return integer, bytes or None, not str",
    ))
}

fn charmap_encode(args: Args<'_>) -> PyResult<Value> {
    let [s, errors, mapping] =
        args.bind("charmap_encode", ["str", "errors", "mapping"], 1, 3, 3)?;
    let s = s.expect("required");
    let d = str_data(&s, "charmap_encode")?;
    let errors = opt_str_arg(errors.as_ref(), "charmap_encode", "argument 2")?;
    let errors = errors.as_deref().unwrap_or("strict");
    let mapping = mapping.filter(|m| !protocol::is_none(m));
    let Some(mapping) = mapping else {
        let out = pyrs_objects::codecs::encode(&s, d, Some("latin-1"), Some(errors))?;
        return Ok(tuple::new(vec![
            pyrs_objects::bytes::new(out),
            int::from_usize(d.char_len()),
        ]));
    };
    let cps: Vec<u32> = d.code_points().collect();
    let mut out = Vec::with_capacity(cps.len());
    let mut i = 0;
    while i < cps.len() {
        if let Some(b) = charmap_lookup(&mapping, cps[i])? {
            out.extend_from_slice(&b);
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < cps.len() && charmap_lookup(&mapping, cps[end])?.is_none() {
            end += 1;
        }
        let exc = unicode_error(
            ExcKind::UnicodeEncodeError,
            "charmap",
            s.clone(),
            i,
            end,
            "character maps to <undefined>",
        );
        // Replacement text goes through the mapping too.
        let put = |out: &mut Vec<u8>, text: &str| -> PyResult<bool> {
            for c in text.chars() {
                match charmap_lookup(&mapping, c as u32)? {
                    Some(b) => out.extend_from_slice(&b),
                    None => return Ok(false),
                }
            }
            Ok(true)
        };
        match errors {
            "strict" => return Err(exc),
            "ignore" => {}
            "replace" => {
                for _ in i..end {
                    if !put(&mut out, "?")? {
                        return Err(exc);
                    }
                }
            }
            "backslashreplace" | "xmlcharrefreplace" => {
                for &cp in &cps[i..end] {
                    let text = if errors == "backslashreplace" {
                        backslash_escape(cp)
                    } else {
                        format!("&#{cp};")
                    };
                    if !put(&mut out, &text)? {
                        return Err(exc);
                    }
                }
            }
            other => {
                let (rep, pos) = call_handler(other, exc, cps.len())?;
                if let Some(b) = rep.downcast::<BytesData>() {
                    out.extend_from_slice(b.as_bytes());
                } else if let Some(r) = rep.downcast::<StrData>() {
                    let text = r.to_string_lossy();
                    if !put(&mut out, &text)? {
                        return Err(unicode_error(
                            ExcKind::UnicodeEncodeError,
                            "charmap",
                            s.clone(),
                            i,
                            end,
                            "character maps to <undefined>",
                        ));
                    }
                } else {
                    return Err(PyErr::type_error(
                        "encoding error handler must return (str/bytes, int) tuple",
                    ));
                }
                i = pos;
                continue;
            }
        }
        i = end;
    }
    Ok(tuple::new(vec![
        pyrs_objects::bytes::new(out),
        int::from_usize(cps.len()),
    ]))
}

/// `charmap_build(decoding_table)`: the inverse table as a dict {code point: byte}.
fn charmap_build(args: Args<'_>) -> PyResult<Value> {
    let [table] = args.bind("charmap_build", ["map"], 1, 1, 1)?;
    let table = table.expect("required");
    let d = str_data(&table, "charmap_build")?;
    let out = pyrs_objects::dict::new();
    let od = out.downcast::<DictData>().expect("dict");
    for (i, cp) in d.code_points().enumerate().take(256) {
        if cp == 0xFFFE {
            continue;
        }
        od.set_item(int::from_i64(cp as i64), Value::small(i as i64))?;
    }
    Ok(out)
}

// ----- the escape codecs -----

fn escape_encode(args: Args<'_>) -> PyResult<Value> {
    let [data, _errors] = args.bind("escape_encode", ["data", "errors"], 1, 2, 2)?;
    let data = data.expect("required");
    let Some(b) = data.downcast::<BytesData>() else {
        return Err(PyErr::type_error(format!(
            "escape_encode() argument 1 must be bytes, not {}",
            type_name(&data)
        )));
    };
    let mut out = Vec::new();
    for &c in b.as_bytes() {
        match c {
            b'\'' => out.extend_from_slice(b"\\'"),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            0x20..=0x7E => out.push(c),
            _ => out.extend_from_slice(format!("\\x{c:02x}").as_bytes()),
        }
    }
    Ok(tuple::new(vec![
        pyrs_objects::bytes::new(out),
        int::from_usize(b.as_bytes().len()),
    ]))
}

fn hex_val(c: u8) -> Option<u32> {
    (c as char).to_digit(16)
}

/// Decodes backslash escapes in `b`: bytes escapes when `unicode` is false, `\u`, `\U` and
/// `\N{}` too when it is.
fn unescape(b: &[u8], unicode: bool, codec: &str, errors: &str, raw: bool) -> PyResult<Vec<u32>> {
    let mut out: Vec<u32> = Vec::with_capacity(b.len());
    let mut i = 0;
    let fail = |start: usize, end: usize, reason: &str| {
        unicode_error(
            ExcKind::UnicodeDecodeError,
            codec,
            pyrs_objects::bytes::new(b.to_vec()),
            start,
            end,
            reason,
        )
    };
    while i < b.len() {
        let c = b[i];
        if c != b'\\' {
            out.push(c as u32);
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        if raw {
            // raw-unicode-escape: only \uXXXX and \UXXXXXXXX are escapes.
            match b.get(i) {
                Some(&k @ (b'u' | b'U')) => {
                    let n = if k == b'u' { 4 } else { 8 };
                    let digits = &b[i + 1..(i + 1 + n).min(b.len())];
                    let ok = digits.len() == n && digits.iter().all(|d| hex_val(*d).is_some());
                    if !ok {
                        let reason = if k == b'u' {
                            "truncated \\uXXXX escape"
                        } else {
                            "truncated \\UXXXXXXXX escape"
                        };
                        let end =
                            i + 1 + digits.iter().take_while(|d| hex_val(**d).is_some()).count();
                        match errors {
                            "ignore" => {
                                i = end;
                                continue;
                            }
                            "replace" => {
                                out.push(0xFFFD);
                                i = end;
                                continue;
                            }
                            _ => return Err(fail(start, end, reason)),
                        }
                    }
                    let v = digits
                        .iter()
                        .fold(0u32, |a, d| a * 16 + hex_val(*d).unwrap_or(0));
                    if v > 0x10FFFF {
                        return Err(fail(start, i + 1 + n, "\\Uxxxxxxxx out of range"));
                    }
                    out.push(v);
                    i += 1 + n;
                }
                _ => out.push(b'\\' as u32),
            }
            continue;
        }
        let Some(&k) = b.get(i) else {
            return Err(fail(start, b.len(), "\\ at end of string"));
        };
        i += 1;
        match k {
            b'\n' => {}
            b'\\' => out.push(b'\\' as u32),
            b'\'' => out.push(b'\'' as u32),
            b'"' => out.push(b'"' as u32),
            b'b' => out.push(8),
            b'f' => out.push(12),
            b't' => out.push(9),
            b'n' => out.push(10),
            b'r' => out.push(13),
            b'v' => out.push(11),
            b'a' => out.push(7),
            b'0'..=b'7' => {
                let mut v = (k - b'0') as u32;
                for _ in 0..2 {
                    match b.get(i) {
                        Some(&d @ b'0'..=b'7') => {
                            v = v * 8 + (d - b'0') as u32;
                            i += 1;
                        }
                        _ => break,
                    }
                }
                out.push(if unicode { v } else { v & 0xFF });
            }
            b'x' | b'u' | b'U' if unicode || k == b'x' => {
                let n = match k {
                    b'x' => 2,
                    b'u' => 4,
                    _ => 8,
                };
                let digits = &b[i..(i + n).min(b.len())];
                let good = digits.iter().take_while(|d| hex_val(**d).is_some()).count();
                if good < n {
                    let reason = match k {
                        b'x' => "truncated \\xXX escape",
                        b'u' => "truncated \\uXXXX escape",
                        _ => "truncated \\UXXXXXXXX escape",
                    };
                    let end = i + good;
                    if !unicode {
                        return Err(PyErr::value_error(format!(
                            "invalid \\x escape at position {start}"
                        )));
                    }
                    match errors {
                        "ignore" => {
                            i = end;
                            continue;
                        }
                        "replace" => {
                            out.push(0xFFFD);
                            i = end;
                            continue;
                        }
                        _ => return Err(fail(start, end, reason)),
                    }
                }
                let v = digits
                    .iter()
                    .fold(0u32, |a, d| a * 16 + hex_val(*d).unwrap_or(0));
                if v > 0x10FFFF {
                    return Err(fail(start, i + n, "illegal Unicode character"));
                }
                out.push(v);
                i += n;
            }
            b'N' if unicode => {
                let close = if b.get(i) == Some(&b'{') {
                    b[i..].iter().position(|&c| c == b'}').map(|p| i + p)
                } else {
                    None
                };
                let Some(close) = close else {
                    return Err(fail(
                        start,
                        b.len().min(i + 1),
                        "malformed \\N character escape",
                    ));
                };
                let name = String::from_utf8_lossy(&b[i + 1..close]).to_string();
                let unicodedata = pyrs_vm::import::import_absolute("unicodedata")?;
                let f = protocol::getattr_str(&unicodedata, "lookup")?;
                match protocol::call1(&f, &[pyrs_objects::str::new(&name)]) {
                    Ok(ch) => {
                        if let Some(d) = ch.downcast::<StrData>() {
                            out.extend(d.code_points());
                        }
                    }
                    Err(_) => return Err(fail(start, close + 1, "unknown Unicode character name")),
                }
                i = close + 1;
            }
            other => {
                out.push(b'\\' as u32);
                out.push(other as u32);
            }
        }
    }
    Ok(out)
}

fn escape_decode(args: Args<'_>) -> PyResult<Value> {
    let [data, errors] = args.bind("escape_decode", ["data", "errors"], 1, 2, 2)?;
    let data = data.expect("required");
    let bytes = match data.downcast::<StrData>() {
        Some(d) => d.as_bytes().to_vec(),
        None => buffer_arg(&data)?,
    };
    let errors = opt_str_arg(errors.as_ref(), "escape_decode", "argument 2")?;
    let cps = unescape(
        &bytes,
        false,
        "escape",
        errors.as_deref().unwrap_or("strict"),
        false,
    )?;
    let out: Vec<u8> = cps.into_iter().map(|c| c as u8).collect();
    Ok(tuple::new(vec![
        pyrs_objects::bytes::new(out),
        int::from_usize(bytes.len()),
    ]))
}

fn unicode_escape_bytes(d: &StrData, raw: bool) -> Vec<u8> {
    let mut out = Vec::new();
    for cp in d.code_points() {
        match cp {
            _ if raw && cp < 0x100 => out.push(cp as u8),
            0x5C => out.extend_from_slice(b"\\\\"),
            0x09 => out.extend_from_slice(b"\\t"),
            0x0A => out.extend_from_slice(b"\\n"),
            0x0D => out.extend_from_slice(b"\\r"),
            0x20..=0x7E => out.push(cp as u8),
            _ => out.extend_from_slice(backslash_escape(cp).as_bytes()),
        }
    }
    out
}

fn unicode_escape_encode(args: Args<'_>) -> PyResult<Value> {
    let [s, _errors] = args.bind("unicode_escape_encode", ["str", "errors"], 1, 2, 2)?;
    let s = s.expect("required");
    let d = str_data(&s, "unicode_escape_encode")?;
    Ok(tuple::new(vec![
        pyrs_objects::bytes::new(unicode_escape_bytes(d, false)),
        int::from_usize(d.char_len()),
    ]))
}

fn raw_unicode_escape_encode(args: Args<'_>) -> PyResult<Value> {
    let [s, _errors] = args.bind("raw_unicode_escape_encode", ["str", "errors"], 1, 2, 2)?;
    let s = s.expect("required");
    let d = str_data(&s, "raw_unicode_escape_encode")?;
    Ok(tuple::new(vec![
        pyrs_objects::bytes::new(unicode_escape_bytes(d, true)),
        int::from_usize(d.char_len()),
    ]))
}

fn escape_decoder(args: Args<'_>, func: &str, codec: &str, raw: bool) -> PyResult<Value> {
    let [data, errors, _fin] = args.bind(func, ["data", "errors", "final"], 1, 3, 3)?;
    let data = data.expect("required");
    let bytes = match data.downcast::<StrData>() {
        Some(d) => d.as_bytes().to_vec(),
        None => buffer_arg(&data)?,
    };
    let errors = opt_str_arg(errors.as_ref(), func, "argument 2")?;
    let cps = unescape(
        &bytes,
        true,
        codec,
        errors.as_deref().unwrap_or("strict"),
        raw,
    )?;
    Ok(tuple::new(vec![
        pyrs_objects::str::from_code_points(&cps),
        int::from_usize(bytes.len()),
    ]))
}

fn unicode_escape_decode(args: Args<'_>) -> PyResult<Value> {
    escape_decoder(args, "unicode_escape_decode", "unicodeescape", false)
}

fn raw_unicode_escape_decode(args: Args<'_>) -> PyResult<Value> {
    escape_decoder(args, "raw_unicode_escape_decode", "rawunicodeescape", true)
}

/// Makes the `_codecs` module.
pub(crate) fn init() -> PyResult<Value> {
    let module = pyrs_objects::module::new_module("_codecs");
    add_functions(
        &module,
        &[
            ("register", register),
            ("unregister", unregister),
            ("lookup", lookup),
            ("_forget_codec", forget_codec),
            ("encode", encode),
            ("decode", decode),
            ("register_error", register_error),
            ("_unregister_error", unregister_error),
            ("lookup_error", lookup_error),
            ("utf_8_encode", utf_8_encode),
            ("utf_8_decode", utf_8_decode),
            ("latin_1_encode", latin_1_encode),
            ("latin_1_decode", latin_1_decode),
            ("ascii_encode", ascii_encode),
            ("ascii_decode", ascii_decode),
            ("utf_16_encode", utf_16_encode),
            ("utf_16_decode", utf_16_decode),
            ("utf_16_le_encode", utf_16_le_encode),
            ("utf_16_le_decode", utf_16_le_decode),
            ("utf_16_be_encode", utf_16_be_encode),
            ("utf_16_be_decode", utf_16_be_decode),
            ("utf_16_ex_decode", utf_16_ex_decode),
            ("utf_32_encode", utf_32_encode),
            ("utf_32_decode", utf_32_decode),
            ("utf_32_le_encode", utf_32_le_encode),
            ("utf_32_le_decode", utf_32_le_decode),
            ("utf_32_be_encode", utf_32_be_encode),
            ("utf_32_be_decode", utf_32_be_decode),
            ("utf_32_ex_decode", utf_32_ex_decode),
            ("charmap_encode", charmap_encode),
            ("charmap_decode", charmap_decode),
            ("charmap_build", charmap_build),
            ("escape_encode", escape_encode),
            ("escape_decode", escape_decode),
            ("unicode_escape_encode", unicode_escape_encode),
            ("unicode_escape_decode", unicode_escape_decode),
            ("raw_unicode_escape_encode", raw_unicode_escape_encode),
            ("raw_unicode_escape_decode", raw_unicode_escape_decode),
        ],
    );
    let _ = module_dict(&module);
    Ok(module)
}
