//! The `builtins` module (CPython's Python/bltinmodule.c): the built-in functions, the
//! built-in types and exceptions under their names, and the helpers the evaluation loop
//! shares with them (`format`, `__build_class__`, string building, `with`).

use std::io::Write;
use std::sync::OnceLock;

use pyrs_objects::dict::DictData;
use pyrs_objects::native::new_function;
use pyrs_objects::typeobject::{is_subtype, type_data, UnaryOp};
use pyrs_objects::{
    dict, int, list, protocol, str as pystr, tuple, types, Args, ExcKind, PyErr, PyResult,
    SyncCell, Value,
};

use crate::function::{CellData, FunctionData};

struct Builtins {
    module: Value,
    dict: Value,
}

static BUILTINS: OnceLock<SyncCell<Builtins>> = OnceLock::new();

fn state() -> &'static Builtins {
    &BUILTINS.get_or_init(|| SyncCell(make())).0
}

/// The `builtins` module.
pub fn builtins_module() -> &'static Value {
    &state().module
}

/// The `builtins` module's dict.
pub fn builtins_dict() -> &'static Value {
    &state().dict
}

fn make() -> Builtins {
    let module = pyrs_objects::module::new_module("builtins");
    let d = module
        .downcast::<pyrs_objects::module::ModuleData>()
        .expect("module")
        .dict
        .clone();
    let dd = d.downcast::<DictData>().expect("dict");
    let t = types();
    dd.set_str(
        "__doc__",
        pystr::new("Built-in functions, types, exceptions, and other objects."),
    );
    for (name, value) in [
        ("object", &t.object),
        ("type", &t.type_),
        ("int", &t.int),
        ("bool", &t.bool),
        ("float", &t.float),
        ("str", &t.str),
        ("tuple", &t.tuple),
        ("list", &t.list),
        ("dict", &t.dict),
        ("None", &t.none),
        ("True", &t.true_),
        ("False", &t.false_),
        ("NotImplemented", &t.not_implemented),
        ("Ellipsis", &t.ellipsis),
    ] {
        dd.set_str(name, value.clone());
    }
    dd.set_str("super", crate::super_type::super_type().clone());
    dd.set_str("property", pyrs_objects::descr::property_type().clone());
    dd.set_str(
        "staticmethod",
        pyrs_objects::descr::staticmethod_type().clone(),
    );
    dd.set_str(
        "classmethod",
        pyrs_objects::descr::classmethod_type().clone(),
    );
    dd.set_str("slice", pyrs_objects::sequence::slice_type().clone());
    dd.set_str("complex", pyrs_objects::complex::complex_type().clone());
    dd.set_str("bytes", pyrs_objects::bytes::bytes_type().clone());
    dd.set_str(
        "bytearray",
        pyrs_objects::bytearray::bytearray_type().clone(),
    );
    dd.set_str(
        "memoryview",
        pyrs_objects::memoryview::memoryview_type().clone(),
    );
    dd.set_str("set", pyrs_objects::set::set_type().clone());
    dd.set_str("frozenset", pyrs_objects::set::frozenset_type().clone());
    dd.set_str("range", pyrs_objects::range::range_type().clone());
    dd.set_str(
        "enumerate",
        pyrs_objects::builtin_iter::enumerate_type().clone(),
    );
    dd.set_str("zip", pyrs_objects::builtin_iter::zip_type().clone());
    dd.set_str("map", pyrs_objects::builtin_iter::map_type().clone());
    dd.set_str("filter", pyrs_objects::builtin_iter::filter_type().clone());
    dd.set_str(
        "reversed",
        pyrs_objects::builtin_iter::reversed_type().clone(),
    );
    for (name, class) in ExcKind::all() {
        dd.set_str(name, class.clone());
    }
    dd.set_str("EnvironmentError", ExcKind::OSError.class().clone());
    dd.set_str("IOError", ExcKind::OSError.class().clone());
    for (name, f) in FUNCTIONS {
        dd.set_str(name, new_function(name, *f));
    }
    crate::builtins_more::register(dd);
    crate::native_modules::add_builtins(dd);
    Builtins { module, dict: d }
}

const FUNCTIONS: &[(&str, pyrs_objects::native::NativeFn)] = &[
    ("print", print),
    ("len", len),
    ("repr", repr),
    ("ascii", ascii_fn),
    ("hash", hash),
    ("id", id),
    ("iter", iter),
    ("next", next),
    ("isinstance", isinstance),
    ("issubclass", issubclass),
    ("getattr", getattr),
    ("setattr", setattr),
    ("delattr", delattr),
    ("hasattr", hasattr),
    ("callable", callable),
    ("abs", abs),
    ("format", format_fn),
    ("__build_class__", build_class),
    ("globals", globals),
    ("locals", locals),
    ("vars", vars),
    ("dir", dir),
    ("chr", chr),
    ("ord", ord),
];

/// `format(value, spec)`.
pub fn format(value: &Value, spec: &Value) -> PyResult<Value> {
    if !(value.is_exact(&types().str) || value.is_small()) {
        return pyrs_objects::str_format::format(value, spec);
    }
    if value.is_exact(&types().str) {
        if let Some(s) = spec.downcast::<pystr::StrData>() {
            if s.char_len() == 0 {
                return Ok(value.clone());
            }
        }
    }
    if value.is_small() {
        if let Some(s) = spec.downcast::<pystr::StrData>() {
            if s.char_len() == 0 {
                return protocol::str(value);
            }
        }
    }
    let method = protocol::lookup_special(value, "__format__")?.ok_or_else(|| {
        PyErr::type_error(format!(
            "Type {} doesn't define __format__",
            value.type_data().name()
        ))
    })?;
    let r = protocol::call1(&method, std::slice::from_ref(spec))?;
    if r.downcast::<pystr::StrData>().is_none() {
        return Err(PyErr::type_error(format!(
            "__format__ must return a str, not {}",
            r.type_data().name()
        )));
    }
    Ok(r)
}

fn format_fn(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("format", 1, 2)?;
    let spec = a.get(1).cloned().unwrap_or_else(|| pystr::new(""));
    if spec.downcast::<pystr::StrData>().is_none() {
        return Err(PyErr::type_error(format!(
            "format() argument 2 must be str, not {}",
            spec.type_data().name()
        )));
    }
    format(&a[0], &spec)
}

/// `ascii(obj)`: `repr()` with non-ASCII characters escaped.
pub fn ascii(v: &Value) -> PyResult<Value> {
    pyrs_objects::percent_format::ascii(v)
}

fn ascii_fn(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("ascii", 1, 1)?;
    ascii(&a[0])
}

/// Concatenates the strings of an f-string (`BUILD_STRING`).
pub fn concat_strings(parts: &[Value]) -> PyResult<Value> {
    pystr::concat_values(parts)
}

/// `{a, b}` (`BUILD_SET`).
pub fn new_set(items: Vec<Value>) -> PyResult<Value> {
    pyrs_objects::set::new_set(items)
}

/// `set.add` (`SET_ADD`).
pub fn set_add(set: &Value, v: Value) -> PyResult<()> {
    protocol::call_method(set, "add", &[v]).map(drop)
}

/// `DICT_MERGE`: `**mapping` into a call's keyword dict, with CPython's errors.
pub fn dict_merge(d: &Value, update: &Value, func: Option<&Value>) -> PyResult<()> {
    let target = d.downcast::<DictData>().expect("dict");
    let fname = func.map(crate::eval::function_str).unwrap_or_default();
    let pairs: Vec<(Value, Value)> = if let Some(src) = update.downcast::<DictData>() {
        src.items()
    } else {
        let Some(keys) = protocol::getattr_opt(update, &pystr::intern("keys"))? else {
            return Err(PyErr::type_error(format!(
                "{fname} argument after ** must be a mapping, not {}",
                update.type_data().name()
            )));
        };
        let keys = protocol::collect(&protocol::call1(&keys, &[])?)?;
        let mut out = Vec::new();
        for k in keys {
            let v = protocol::getitem(update, &k)?;
            out.push((k, v));
        }
        out
    };
    for (k, v) in pairs {
        if k.downcast::<pystr::StrData>().is_none() {
            return Err(PyErr::type_error("keywords must be strings"));
        }
        if target.get_item(&k)?.is_some() {
            return Err(PyErr::type_error(format!(
                "{fname} got multiple values for keyword argument '{}'",
                pystr::text_of(&k).unwrap_or_default()
            )));
        }
        target.set_item(k, v)?;
    }
    Ok(())
}

/// `BEFORE_WITH`: the bound `__exit__` and what `__enter__` returned.
pub fn enter_with(mgr: &Value) -> PyResult<(Value, Value)> {
    let enter = protocol::lookup_special(mgr, "__enter__")?.ok_or_else(|| {
        PyErr::type_error(format!(
            "'{}' object does not support the context manager protocol",
            mgr.type_data().name()
        ))
    })?;
    let exit = protocol::lookup_special(mgr, "__exit__")?.ok_or_else(|| {
        PyErr::type_error(format!(
            "'{}' object does not support the context manager protocol (missed __exit__ method)",
            mgr.type_data().name()
        ))
    })?;
    let res = protocol::call1(&enter, &[])?;
    Ok((exit, res))
}

/// Prints a value as the interactive interpreter's `sys.displayhook` does.
pub fn displayhook(v: &Value) -> PyResult<()> {
    if protocol::is_none(v) {
        return Ok(());
    }
    // `_` is None while the value prints, so a repr that reads `_` does not see it.
    let underscore = |value: Value| {
        if let Some(d) = builtins_dict().downcast::<DictData>() {
            d.set_str("_", value);
        }
    };
    underscore(pyrs_objects::none());
    let text = protocol::repr_string(v)?;
    crate::sys::write_stdout(&format!("{text}\n"))?;
    underscore(v.clone());
    Ok(())
}

fn print(args: Args<'_>) -> PyResult<Value> {
    let mut sep = None;
    let mut end = None;
    let mut file = None;
    let mut flush = false;
    for (k, v) in args.kwargs() {
        match pystr::text_of(k).as_deref() {
            Some("sep") => sep = Some(v.clone()),
            Some("end") => end = Some(v.clone()),
            Some("file") => file = Some(v.clone()),
            Some("flush") => flush = protocol::is_true(v)?,
            Some(other) => {
                return Err(pyrs_objects::args::unexpected_keyword(
                    "print",
                    other,
                    ["sep", "end", "file", "flush"],
                ))
            }
            None => return Err(PyErr::type_error("keywords must be strings")),
        }
    }
    // `file=None` means sys.stdout; print does nothing when that is None too.
    let file = match file.filter(|f| !protocol::is_none(f)) {
        Some(f) => Some(f),
        None => match crate::sys::get("stdout") {
            Some(out) if protocol::is_none(&out) => return Ok(pyrs_objects::none()),
            Some(out) if out.downcast::<crate::sys::StreamData>().is_none() => Some(out),
            Some(_) => None,
            None => return Err(PyErr::runtime_error("lost sys.stdout")),
        },
    };
    let text_arg = |v: Option<Value>, what: &str| -> PyResult<Option<Value>> {
        match v {
            Some(v) if protocol::is_none(&v) => Ok(None),
            Some(v) if v.downcast::<pystr::StrData>().is_none() => Err(PyErr::type_error(format!(
                "{what} must be None or a string, not {}",
                v.type_data().name()
            ))),
            v => Ok(v),
        }
    };
    let sep = text_arg(sep, "sep")?;
    let end = text_arg(end, "end")?;
    let Some(file) = file else {
        return print_to_stdout(args.pos(), sep.as_ref(), end.as_ref(), flush);
    };
    // A file object gets what CPython's PyFile_WriteObject gives it: one `write` call per
    // argument, separator and end, each with the str() of what it writes, so a failing
    // str() leaves the arguments before it written.
    let write = |v: &Value| -> PyResult<()> {
        let write = protocol::getattr(&file, &pystr::intern("write"))?;
        let text = if v.is_exact(&types().str) {
            v.clone()
        } else {
            protocol::str(v)?
        };
        protocol::call1(&write, &[text])?;
        Ok(())
    };
    for (i, v) in args.pos().iter().enumerate() {
        if i > 0 {
            write(sep.as_ref().unwrap_or(&pystr::intern(" ")))?;
        }
        write(v)?;
    }
    write(end.as_ref().unwrap_or(&pystr::intern("\n")))?;
    if flush {
        let flush = protocol::getattr(&file, &pystr::intern("flush"))?;
        protocol::call1(&flush, &[])?;
    }
    Ok(pyrs_objects::none())
}

/// `print` to pyrs's own standard output stream: the text is gathered and written at once,
/// which reads the same as CPython's write per argument, as long as what was gathered before
/// a failing str() is written too.
fn print_to_stdout(
    args: &[Value],
    sep: Option<&Value>,
    end: Option<&Value>,
    flush: bool,
) -> PyResult<Value> {
    // The text is gathered in standard output's encoding.
    let piece = |v: &Value, out: &mut Vec<u8>| -> PyResult<()> {
        if v.is_exact(&types().str) {
            crate::sys::push_stdout_text(out, v)
        } else {
            crate::sys::push_stdout_text(out, &protocol::str(v)?)
        }
    };
    let mut out = Vec::new();
    let mut gather = || -> PyResult<()> {
        for (i, v) in args.iter().enumerate() {
            if i > 0 {
                match sep {
                    Some(sep) => piece(sep, &mut out)?,
                    None => out.push(b' '),
                }
            }
            piece(v, &mut out)?;
        }
        match end {
            Some(end) => piece(end, &mut out),
            None => {
                out.push(b'\n');
                Ok(())
            }
        }
    };
    let gathered = gather();
    crate::sys::write_stdout_bytes(&out)?;
    gathered?;
    if flush {
        crate::sys::flush_stdout();
    }
    Ok(pyrs_objects::none())
}

fn len(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("len", 1, 1)?;
    Ok(int::from_usize(protocol::len(&a[0])?))
}

fn repr(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("repr", 1, 1)?;
    protocol::repr(&a[0])
}

fn hash(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("hash", 1, 1)?;
    Ok(int::from_i64(protocol::hash(&a[0])?))
}

fn id(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("id", 1, 1)?;
    Ok(int::from_usize(a[0].word()))
}

fn iter(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("iter", 1, 2)?;
    if a.len() == 2 {
        return crate::builtins_more::callable_iterator(a[0].clone(), a[1].clone());
    }
    protocol::iter(&a[0])
}

fn next(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("next", 1, 2)?;
    let it = &a[0];
    let Some(f) = it.type_data().slots.next.get() else {
        return Err(PyErr::type_error(format!(
            "'{}' object is not an iterator",
            it.type_data().name()
        )));
    };
    match f(it) {
        Ok(Some(v)) => Ok(v),
        Ok(None) => match a.get(1) {
            Some(d) => Ok(d.clone()),
            None => Err(PyErr::with_args(ExcKind::StopIteration, Vec::new())),
        },
        Err(e) if e.is(ExcKind::StopIteration) && a.len() == 2 => Ok(a[1].clone()),
        Err(e) => Err(e),
    }
}

/// `isinstance(obj, cls)` with `__instancecheck__` and tuples.
pub fn is_instance(obj: &Value, cls: &Value) -> PyResult<bool> {
    if obj.class().is(cls) {
        return Ok(true);
    }
    if cls.is_exact(&types().type_) {
        return Ok(is_subtype(obj.class(), cls) || {
            // A proxy's `__class__`.
            match protocol::getattr_opt(obj, &pystr::intern("__class__"))? {
                Some(c) if type_data(&c).is_some() && !c.is(obj.class()) => is_subtype(&c, cls),
                _ => false,
            }
        });
    }
    let cls = pyrs_objects::union::args_of(cls).unwrap_or(cls);
    if let Some(items) = tuple::items_of(cls) {
        let _guard = protocol::enter_recursion(" in __instancecheck__")?;
        for c in items {
            if is_instance(obj, c)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if let Some(check) = protocol::lookup_special(cls, "__instancecheck__")? {
        let _guard = protocol::enter_recursion(" in __instancecheck__")?;
        let r = protocol::call1(&check, std::slice::from_ref(obj))?;
        return protocol::is_true(&r);
    }
    Err(PyErr::type_error(
        "isinstance() arg 2 must be a type, a tuple of types, or a union",
    ))
}

fn isinstance(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("isinstance", 2, 2)?;
    Ok(pyrs_objects::bool(is_instance(&a[0], &a[1])?))
}

/// `issubclass(cls, classinfo)`.
pub fn is_subclass(cls: &Value, info: &Value) -> PyResult<bool> {
    let info = pyrs_objects::union::args_of(info).unwrap_or(info);
    if let Some(items) = tuple::items_of(info) {
        for c in items {
            if is_subclass(cls, c)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    if !info.is_exact(&types().type_) {
        if let Some(check) = protocol::lookup_special(info, "__subclasscheck__")? {
            let r = protocol::call1(&check, std::slice::from_ref(cls))?;
            return protocol::is_true(&r);
        }
    }
    if type_data(cls).is_none() {
        return Err(PyErr::type_error("issubclass() arg 1 must be a class"));
    }
    if type_data(info).is_none() {
        return Err(PyErr::type_error(
            "issubclass() arg 2 must be a class, a tuple of classes, or a union",
        ));
    }
    Ok(is_subtype(cls, info))
}

fn issubclass(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("issubclass", 2, 2)?;
    Ok(pyrs_objects::bool(is_subclass(&a[0], &a[1])?))
}

fn attr_name<'a>(v: &'a Value, _func: &str) -> PyResult<&'a Value> {
    if v.downcast::<pystr::StrData>().is_none() {
        return Err(PyErr::type_error(format!(
            "attribute name must be string, not '{}'",
            v.type_data().name()
        )));
    }
    Ok(v)
}

fn getattr(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("getattr", 2, 3)?;
    let name = attr_name(&a[1], "getattr")?;
    match a.get(2) {
        Some(default) => Ok(protocol::getattr_opt(&a[0], name)?.unwrap_or_else(|| default.clone())),
        None => protocol::getattr(&a[0], name),
    }
}

fn setattr(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("setattr", 3, 3)?;
    let name = attr_name(&a[1], "setattr")?;
    protocol::setattr(&a[0], &pystr::intern_value(name), Some(&a[2]))?;
    Ok(pyrs_objects::none())
}

fn delattr(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("delattr", 2, 2)?;
    let name = attr_name(&a[1], "delattr")?;
    protocol::setattr(&a[0], name, None)?;
    Ok(pyrs_objects::none())
}

fn hasattr(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("hasattr", 2, 2)?;
    let name = attr_name(&a[1], "hasattr")?;
    Ok(pyrs_objects::bool(
        protocol::getattr_opt(&a[0], name)?.is_some(),
    ))
}

fn callable(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("callable", 1, 1)?;
    Ok(pyrs_objects::bool(protocol::is_callable(&a[0])))
}

fn abs(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("abs", 1, 1)?;
    protocol::unary_op(&a[0], UnaryOp::Abs)
}

fn chr(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("chr", 1, 1)?;
    let i = protocol::index(&a[0])?;
    match int::as_i64(&i) {
        Some(cp) if (0..=0x10FFFF).contains(&cp) => Ok(pystr::from_code_points(&[cp as u32])),
        Some(_) => Err(PyErr::value_error("chr() arg not in range(0x110000)")),
        None => Err(PyErr::overflow_error(
            "Python int too large to convert to C int",
        )),
    }
}

fn ord(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("ord", 1, 1)?;
    if let Some(s) = a[0].downcast::<pystr::StrData>() {
        if s.char_len() != 1 {
            return Err(PyErr::type_error(format!(
                "ord() expected a character, but string of length {} found",
                s.char_len()
            )));
        }
        return Ok(int::from_i64(s.code_point_at(0).unwrap_or(0) as i64));
    }
    crate::builtins_more::ord_bytes(&a[0])
}

fn globals(args: Args<'_>) -> PyResult<Value> {
    args.exact("globals", 0, 0)?;
    let frame = crate::frame::current().ok_or_else(|| PyErr::system_error("no frame"))?;
    Ok(frame.globals.clone())
}

/// `locals()` of the running frame: its mapping, or a snapshot of its fast locals.
pub fn frame_locals(frame: &crate::frame::Frame) -> Value {
    if let Some(l) = &frame.locals {
        return l.clone();
    }
    let d = dict::new();
    let dd = d.downcast::<DictData>().expect("dict");
    let code = frame.code();
    for (i, name) in code.localsplus.iter().enumerate() {
        if code.kinds[i].contains(pyrs_bytecode::LocalKind::HIDDEN) {
            continue;
        }
        let mut v = frame.local(i).clone();
        if code.kinds[i].contains(pyrs_bytecode::LocalKind::CELL)
            || code.kinds[i].contains(pyrs_bytecode::LocalKind::FREE)
        {
            v = v.and_then(|c| c.downcast::<CellData>().and_then(CellData::get));
        }
        if let Some(v) = v {
            let _ = dd.set_item(name.clone(), v);
        }
    }
    d
}

fn locals(args: Args<'_>) -> PyResult<Value> {
    args.exact("locals", 0, 0)?;
    let frame = crate::frame::current().ok_or_else(|| PyErr::system_error("no frame"))?;
    Ok(frame_locals(frame))
}

fn vars(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("vars", 0, 1)?;
    match a.first() {
        None => locals(Args::positional(&[])),
        Some(o) => protocol::getattr_opt(o, &pystr::intern("__dict__"))?
            .ok_or_else(|| PyErr::type_error("vars() argument must have __dict__ attribute")),
    }
}

fn dir(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("dir", 0, 1)?;
    let names = match a.first() {
        None => {
            let frame = crate::frame::current().ok_or_else(|| PyErr::system_error("no frame"))?;
            let l = frame_locals(frame);
            protocol::collect(&l)?
        }
        Some(o) => {
            let m = protocol::lookup_special(o, "__dir__")?
                .ok_or_else(|| PyErr::type_error("object does not provide __dir__"))?;
            let r = protocol::call1(&m, &[])?;
            protocol::collect(&r)?
        }
    };
    let l = list::new(names);
    protocol::call_method(&l, "sort", &[])?;
    Ok(l)
}

/// `__build_class__(func, name, *bases, metaclass=None, **kwds)`: runs a class body and
/// calls the metaclass (CPython's `builtin___build_class__`).
fn build_class(args: Args<'_>) -> PyResult<Value> {
    let pos = args.pos();
    if pos.len() < 2 {
        return Err(PyErr::type_error("__build_class__: not enough arguments"));
    }
    let func = &pos[0];
    let Some(fd) = func.downcast::<FunctionData>() else {
        return Err(PyErr::type_error(
            "__build_class__: func must be a function",
        ));
    };
    let name = &pos[1];
    if name.downcast::<pystr::StrData>().is_none() {
        return Err(PyErr::type_error("__build_class__: name is not a string"));
    }
    let orig_bases = pos[2..].to_vec();
    let bases = resolve_mro_entries(&orig_bases)?;
    let mut meta: Option<Value> = None;
    let mut kw_names = Vec::new();
    let mut kw_values = Vec::new();
    for (k, v) in args.kwargs() {
        if pystr::text_of(k).as_deref() == Some("metaclass") {
            meta = Some(v.clone());
        } else {
            kw_names.push(k.clone());
            kw_values.push(v.clone());
        }
    }
    let is_class = meta.as_ref().is_none_or(|m| type_data(m).is_some());
    let mut meta = match meta {
        Some(m) => m,
        None => match bases.first() {
            Some(b) => b.class().clone(),
            None => types().type_.clone(),
        },
    };
    if is_class {
        // The most derived metaclass.
        for b in &bases {
            let bm = b.class();
            if is_subtype(&meta, bm) {
                continue;
            }
            if is_subtype(bm, &meta) {
                meta = bm.clone();
                continue;
            }
            return Err(PyErr::type_error(
                "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
            ));
        }
    }
    let bases_tuple = tuple::new(bases.clone());
    let ns = match protocol::getattr_opt(&meta, &pystr::intern("__prepare__"))? {
        Some(prepare) => {
            let mut values = vec![name.clone(), bases_tuple.clone()];
            values.extend(kw_values.iter().cloned());
            protocol::call(&prepare, Args::new(&values, &kw_names))?
        }
        None => dict::new(),
    };
    if ns.type_data().slots.getitem.get().is_none() {
        return Err(PyErr::type_error(format!(
            "{}.__prepare__() must return a mapping, not {}",
            if is_class {
                type_data(&meta).map(|t| t.name()).unwrap_or_default()
            } else {
                "<metaclass>".into()
            },
            ns.type_data().name()
        )));
    }
    // Run the body with the namespace as its locals.
    let code = fd.code_value();
    let mut frame = crate::frame::Frame::new(
        code,
        Some(func.clone()),
        fd.globals.clone(),
        fd.builtins.clone(),
        Some(ns.clone()),
        false,
    )?;
    let cell = crate::eval::run(&mut frame)?;
    drop(frame);
    if !bases.iter().zip(&orig_bases).all(|(a, b)| a.is(b)) || bases.len() != orig_bases.len() {
        protocol::setitem(
            &ns,
            &pystr::intern("__orig_bases__"),
            Some(&tuple::new(orig_bases)),
        )?;
    }
    let mut values = vec![name.clone(), bases_tuple, ns];
    values.extend(kw_values);
    let cls = protocol::call(&meta, Args::new(&values, &kw_names))?;
    if let Some(c) = cell.downcast::<CellData>() {
        if type_data(&cls).is_some() {
            match c.get() {
                Some(v) if !v.is(&cls) => {
                    return Err(PyErr::type_error(format!(
                        "__class__ set to {} defining {} as {}",
                        protocol::repr_string(&v)?,
                        pystr::text_of(name).unwrap_or_default(),
                        protocol::repr_string(&cls)?
                    )));
                }
                Some(_) => {}
                None => c.set(Some(cls.clone())),
            }
        }
    }
    Ok(cls)
}

fn resolve_mro_entries(bases: &[Value]) -> PyResult<Vec<Value>> {
    let mut out = Vec::with_capacity(bases.len());
    for b in bases {
        if type_data(b).is_some() {
            out.push(b.clone());
            continue;
        }
        match protocol::getattr_opt(b, &pystr::intern("__mro_entries__"))? {
            Some(m) => {
                let r = protocol::call1(&m, &[tuple::new(bases.to_vec())])?;
                let items = tuple::items_of(&r)
                    .ok_or_else(|| PyErr::type_error("__mro_entries__ must return a tuple"))?;
                out.extend(items.iter().cloned());
            }
            None => out.push(b.clone()),
        }
    }
    Ok(out)
}

/// Writes through Rust's stdout (used where `sys.stdout` has not been replaced).
pub fn raw_write(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
}

/// Adds `__import__` (which lives with the import system).
pub(crate) fn register_import() {
    if let Some(d) = builtins_dict().downcast::<DictData>() {
        d.set_str(
            "__import__",
            new_function("__import__", crate::import::builtin_import),
        );
    }
}
