//! The `code` type (CPython's Objects/codeobject.c): a compiled [`CodeObject`] with its
//! constants and names made Python objects once, ready for the evaluation loop.

use std::sync::{Arc, OnceLock};

use pyrs_bytecode::{CodeFlags, CodeObject, CodeUnit, Constant, LocalKind};
use pyrs_objects::native::{MethodDef, MethodKind};
use pyrs_objects::object::Payload;
use pyrs_objects::typeobject::TypeBuilder;
use pyrs_objects::{int, str as pystr, tuple, PyErr, PyResult, SyncCell, Value};

/// The payload of a `code` object.
pub struct CodeData {
    /// The compiled code.
    pub code: Arc<CodeObject>,
    /// The instructions the loop executes (a copy it may specialise in place later).
    pub instrs: Box<[CodeUnit]>,
    /// `co_consts` as objects.
    pub consts: Box<[Value]>,
    /// `co_names`, interned.
    pub names: Box<[Value]>,
    /// `co_localsplusnames`, interned.
    pub localsplus: Box<[Value]>,
    /// `co_localspluskinds`.
    pub kinds: Box<[LocalKind]>,
    /// `co_filename`.
    pub filename: Value,
    /// `co_name`.
    pub name: Value,
    /// `co_qualname`.
    pub qualname: Value,
    /// How many slots the frame needs: fast locals, then the value stack.
    pub frame_size: usize,
    /// Whether a call makes a generator, coroutine or async generator.
    pub is_generator_like: bool,
    /// Where lines start, computed when a trace function first needs it.
    pub(crate) line_info: crate::tracing::LineInfoCell,
}

impl Payload for CodeData {}

impl CodeData {
    /// The number of fast locals (parameters, locals, cells, free variables).
    #[inline]
    pub fn nlocalsplus(&self) -> usize {
        self.localsplus.len()
    }

    /// `co_flags`.
    #[inline]
    pub fn flags(&self) -> CodeFlags {
        self.code.flags
    }
}

static TYPE: OnceLock<SyncCell<Value>> = OnceLock::new();

/// The `code` type.
pub fn code_type() -> &'static Value {
    &TYPE
        .get_or_init(|| {
            SyncCell(
                TypeBuilder::new::<CodeData>("code")
                    .flags(pyrs_objects::typeobject::TypeFlags::MANAGED_WEAKREF)
                    .slots(|s| {
                        s.repr.set(Some(code_repr));
                        s.hash
                            .set(Some(|v| Ok(pyrs_objects::protocol::identity_hash(v))));
                    })
                    .methods(CODE_METHODS)
                    .build(),
            )
        })
        .0
}

/// The `code` object of a compiled code object (nested code objects become code objects
/// too).
pub fn new_code(code: Arc<CodeObject>) -> Value {
    let consts = code.consts.iter().map(constant_value).collect();
    let names = code.names.iter().map(|n| pystr::intern(n)).collect();
    let localsplus = code
        .localsplus
        .iter()
        .map(|l| pystr::intern(&l.name))
        .collect();
    let kinds = code.localsplus.iter().map(|l| l.kind).collect();
    let filename = str_value(&code.filename);
    let flags = code.flags;
    let data = CodeData {
        instrs: code.code.clone().into_boxed_slice(),
        consts,
        names,
        localsplus,
        kinds,
        filename,
        name: pystr::intern(&code.name),
        qualname: pystr::new(&code.qualname),
        frame_size: code.localsplus.len() + code.stacksize as usize + 1,
        is_generator_like: flags.contains(CodeFlags::GENERATOR)
            || flags.contains(CodeFlags::COROUTINE)
            || flags.contains(CodeFlags::ASYNC_GENERATOR),
        line_info: Default::default(),
        code,
    };
    pyrs_objects::object::alloc(code_type(), data)
}

/// A str object of a syntax tree's string value.
pub fn str_value(s: &pyrs_ast::StrValue) -> Value {
    match s.as_str() {
        Some(text) => pystr::new(text),
        None => pystr::from_code_points(&s.code_points().collect::<Vec<u32>>()),
    }
}

/// The object a constant stands for.
pub fn constant_value(c: &Constant) -> Value {
    match c {
        Constant::None => pyrs_objects::none(),
        Constant::Bool(b) => pyrs_objects::bool(*b),
        Constant::Int(i) => {
            int::parse_int(&i.to_string(), 10).unwrap_or_else(|_| pyrs_objects::none())
        }
        Constant::Float(f) => pyrs_objects::float::new(*f),
        Constant::Complex { real, imag } => crate::glue::complex(*real, *imag),
        Constant::Str(s) => {
            let v = str_value(s);
            // Identifier-like constants are interned, as CPython does.
            match s.as_str() {
                Some(text)
                    if text.len() < 40
                        && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') =>
                {
                    pystr::intern(text)
                }
                _ => v,
            }
        }
        Constant::Bytes(b) => crate::glue::bytes(b),
        Constant::Ellipsis => pyrs_objects::singletons::ellipsis(),
        Constant::Tuple(items) => tuple::new(items.iter().map(constant_value).collect()),
        Constant::FrozenSet(items) => {
            // CPython's compiler merges each constant into its constant cache, and merging a
            // frozenset builds a new one from the first one's iteration order: the set a
            // program sees is that second one, whose table order can differ from the first.
            let first = crate::glue::frozenset(items.iter().map(constant_value).collect());
            match pyrs_objects::set::any_set(&first) {
                Some(data) => crate::glue::frozenset(data.to_vec()),
                None => first,
            }
        }
        Constant::Code(code) => new_code(code.clone()),
    }
}

fn data(v: &Value) -> PyResult<&CodeData> {
    v.downcast::<CodeData>()
        .ok_or_else(|| PyErr::type_error("descriptor requires a 'code' object"))
}

fn code_repr(v: &Value) -> PyResult<Value> {
    let c = data(v)?;
    Ok(pystr::new(&format!(
        "<code object {} at {:#x}, file \"{}\", line {}>",
        c.code.name,
        v.word(),
        pystr::text_of(&c.filename).unwrap_or_default(),
        c.code.firstlineno
    )))
}

fn names_tuple(names: impl Iterator<Item = Value>) -> Value {
    tuple::new(names.collect())
}

fn co_name(v: &Value) -> PyResult<Value> {
    Ok(data(v)?.name.clone())
}
fn co_qualname(v: &Value) -> PyResult<Value> {
    Ok(data(v)?.qualname.clone())
}
fn co_filename(v: &Value) -> PyResult<Value> {
    Ok(data(v)?.filename.clone())
}
fn co_firstlineno(v: &Value) -> PyResult<Value> {
    Ok(int::from_i64(data(v)?.code.firstlineno as i64))
}
fn co_argcount(v: &Value) -> PyResult<Value> {
    Ok(int::from_i64(data(v)?.code.argcount as i64))
}
fn co_posonlyargcount(v: &Value) -> PyResult<Value> {
    Ok(int::from_i64(data(v)?.code.posonlyargcount as i64))
}
fn co_kwonlyargcount(v: &Value) -> PyResult<Value> {
    Ok(int::from_i64(data(v)?.code.kwonlyargcount as i64))
}
fn co_flags(v: &Value) -> PyResult<Value> {
    Ok(int::from_i64(data(v)?.code.flags.bits() as i64))
}
fn co_stacksize(v: &Value) -> PyResult<Value> {
    Ok(int::from_i64(data(v)?.code.stacksize as i64))
}
fn co_nlocals(v: &Value) -> PyResult<Value> {
    Ok(int::from_usize(data(v)?.code.nlocals()))
}
fn co_consts(v: &Value) -> PyResult<Value> {
    Ok(tuple::new(data(v)?.consts.to_vec()))
}
fn co_names(v: &Value) -> PyResult<Value> {
    Ok(tuple::new(data(v)?.names.to_vec()))
}
fn co_varnames(v: &Value) -> PyResult<Value> {
    Ok(names_tuple(data(v)?.code.varnames().map(pystr::intern)))
}
fn co_cellvars(v: &Value) -> PyResult<Value> {
    Ok(names_tuple(data(v)?.code.cellvars().map(pystr::intern)))
}
fn co_freevars(v: &Value) -> PyResult<Value> {
    Ok(names_tuple(data(v)?.code.freevars().map(pystr::intern)))
}

/// `co_positions()`: an iterator over `(lineno, end_lineno, col_offset, end_col_offset)`
/// for each code unit, `None` where a position is unknown.
fn co_positions(args: pyrs_objects::args::Args<'_>) -> PyResult<Value> {
    let a = args.exact("co_positions", 1, 1)?;
    let c = data(&a[0])?;
    let opt = |n: Option<u32>| n.map_or_else(pyrs_objects::none, |n| int::from_i64(n as i64));
    let items: Vec<Value> = c
        .code
        .positions()
        .map(|p| {
            tuple::new(vec![
                opt(p.lineno),
                opt(p.end_lineno),
                opt(p.col_offset),
                opt(p.end_col_offset),
            ])
        })
        .collect();
    pyrs_objects::protocol::iter(&pyrs_objects::list::new(items))
}

/// The keyword arguments of `code.replace`.
const REPLACEABLE: [&str; 18] = [
    "co_argcount",
    "co_posonlyargcount",
    "co_kwonlyargcount",
    "co_nlocals",
    "co_stacksize",
    "co_flags",
    "co_firstlineno",
    "co_code",
    "co_consts",
    "co_names",
    "co_varnames",
    "co_freevars",
    "co_cellvars",
    "co_filename",
    "co_name",
    "co_qualname",
    "co_linetable",
    "co_exceptiontable",
];

/// `code.replace(**changes)`: a copy with some fields changed (what `types.coroutine` and
/// `functools`-style tools use). The scalar fields and the names are supported; the fields
/// that hold instructions, constants, variable names or tables are refused with
/// NotImplementedError until code objects can be rebuilt from Python values.
fn code_replace(args: pyrs_objects::args::Args<'_>) -> PyResult<Value> {
    let Some(this) = args.pos().first() else {
        return Err(PyErr::type_error("replace() needs a code object"));
    };
    if args.pos().len() > 1 {
        return Err(PyErr::type_error("replace() takes no positional arguments"));
    }
    let c = data(this)?;
    let mut code: CodeObject = (*c.code).clone();
    for (key, value) in args.kwargs() {
        let key = pystr::text_of(key).unwrap_or_default();
        let count = |v: &Value| -> PyResult<u32> {
            let n = pyrs_objects::protocol::index_isize(v, false)?;
            u32::try_from(n)
                .map_err(|_| PyErr::value_error(format!("{key} must be a positive integer")))
        };
        let text = |v: &Value| -> PyResult<String> {
            match v.downcast::<pyrs_objects::str::StrData>() {
                Some(d) => Ok(d.to_string_lossy()),
                None => Err(PyErr::type_error(format!(
                    "replace() argument '{key}' must be str, not {}",
                    v.type_data().name()
                ))),
            }
        };
        match key.as_str() {
            "co_argcount" => code.argcount = count(value)?,
            "co_posonlyargcount" => code.posonlyargcount = count(value)?,
            "co_kwonlyargcount" => code.kwonlyargcount = count(value)?,
            "co_stacksize" => code.stacksize = count(value)?,
            "co_firstlineno" => code.firstlineno = count(value)?,
            "co_flags" => code.flags = CodeFlags(count(value)?),
            "co_name" => code.name = text(value)?.into(),
            "co_qualname" => code.qualname = text(value)?.into(),
            "co_filename" => code.filename = text(value)?.into(),
            "co_nlocals" | "co_code" | "co_consts" | "co_names" | "co_varnames" | "co_freevars"
            | "co_cellvars" | "co_linetable" | "co_exceptiontable" => {
                return Err(PyErr::new(
                    pyrs_objects::ExcKind::NotImplementedError,
                    format!("replace() cannot change {key} in pyrs yet"),
                ))
            }
            _ => {
                return Err(pyrs_objects::args::unexpected_keyword(
                    "replace",
                    &key,
                    REPLACEABLE,
                ))
            }
        }
    }
    Ok(new_code(Arc::new(code)))
}

const CODE_METHODS: &[MethodDef] = &[
    MethodDef::new("co_positions", MethodKind::Method(co_positions)),
    MethodDef::new("replace", MethodKind::Method(code_replace)),
    MethodDef::new("__replace__", MethodKind::Method(code_replace)),
    MethodDef::new("co_name", MethodKind::GetSet(co_name, None)),
    MethodDef::new("co_qualname", MethodKind::GetSet(co_qualname, None)),
    MethodDef::new("co_filename", MethodKind::GetSet(co_filename, None)),
    MethodDef::new("co_firstlineno", MethodKind::GetSet(co_firstlineno, None)),
    MethodDef::new("co_argcount", MethodKind::GetSet(co_argcount, None)),
    MethodDef::new(
        "co_posonlyargcount",
        MethodKind::GetSet(co_posonlyargcount, None),
    ),
    MethodDef::new(
        "co_kwonlyargcount",
        MethodKind::GetSet(co_kwonlyargcount, None),
    ),
    MethodDef::new("co_flags", MethodKind::GetSet(co_flags, None)),
    MethodDef::new("co_stacksize", MethodKind::GetSet(co_stacksize, None)),
    MethodDef::new("co_nlocals", MethodKind::GetSet(co_nlocals, None)),
    MethodDef::new("co_consts", MethodKind::GetSet(co_consts, None)),
    MethodDef::new("co_names", MethodKind::GetSet(co_names, None)),
    MethodDef::new("co_varnames", MethodKind::GetSet(co_varnames, None)),
    MethodDef::new("co_cellvars", MethodKind::GetSet(co_cellvars, None)),
    MethodDef::new("co_freevars", MethodKind::GetSet(co_freevars, None)),
];
