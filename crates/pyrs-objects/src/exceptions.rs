//! The built-in exception hierarchy (CPython's Objects/exceptions.c): one table of every
//! exception class and its base, [`BaseExceptionData`] (what every exception instance holds),
//! and `BaseException`'s methods.

use std::cell::{Cell, RefCell};
use std::sync::OnceLock;

use crate::args::Args;
use crate::error::{PyErr, PyResult};
use crate::native::{MethodDef, MethodKind};
use crate::object::Payload;
use crate::tuple::TupleData;
use crate::typeobject::TypeBuilder;
use crate::value::Value;
use crate::SyncCell;

/// What every exception instance holds; the rest (a `KeyError`'s key is its argument, a
/// `StopIteration`'s `value`, an `OSError`'s `errno`…) lives in the instance dict.
pub struct BaseExceptionData {
    /// `args`, a tuple.
    pub args: RefCell<Value>,
    /// `__traceback__`.
    pub traceback: RefCell<Option<Value>>,
    /// `__cause__` (`raise ... from cause`).
    pub cause: RefCell<Option<Value>>,
    /// `__context__` (the exception being handled when this one was raised).
    pub context: RefCell<Option<Value>>,
    /// `__suppress_context__`.
    pub suppress_context: Cell<bool>,
}

impl Payload for BaseExceptionData {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        if let Ok(args) = self.args.try_borrow() {
            visit(&args);
        }
        for cell in [&self.traceback, &self.cause, &self.context] {
            if let Ok(v) = cell.try_borrow() {
                if let Some(v) = v.as_ref() {
                    visit(v);
                }
            }
        }
    }

    fn clear(&self) {
        let args = self
            .args
            .try_borrow_mut()
            .map(|mut a| std::mem::replace(&mut *a, crate::tuple::empty()));
        drop(args);
        for cell in [&self.traceback, &self.cause, &self.context] {
            let old = cell.try_borrow_mut().map(|mut v| v.take());
            drop(old);
        }
    }
}

impl BaseExceptionData {
    /// An exception's data with these arguments.
    pub fn new(args: Vec<Value>) -> BaseExceptionData {
        BaseExceptionData {
            args: RefCell::new(crate::tuple::new(args)),
            traceback: RefCell::new(None),
            cause: RefCell::new(None),
            context: RefCell::new(None),
            suppress_context: Cell::new(false),
        }
    }
}

macro_rules! exception_table {
    ($($name:ident : $base:ident,)*) => {
        /// Every built-in exception class, in an order where a base comes before its
        /// subclasses.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        #[allow(missing_docs)]
        pub enum ExcKind { BaseException, $($name,)* }

        const TABLE: &[(ExcKind, &str, Option<ExcKind>)] = &[
            (ExcKind::BaseException, "BaseException", None),
            $((ExcKind::$name, stringify!($name), Some(ExcKind::$base)),)*
        ];
    };
}

exception_table! {
    BaseExceptionGroup: BaseException,
    GeneratorExit: BaseException,
    KeyboardInterrupt: BaseException,
    SystemExit: BaseException,
    Exception: BaseException,
    ArithmeticError: Exception,
    FloatingPointError: ArithmeticError,
    OverflowError: ArithmeticError,
    ZeroDivisionError: ArithmeticError,
    AssertionError: Exception,
    AttributeError: Exception,
    BufferError: Exception,
    EOFError: Exception,
    ExceptionGroup: BaseExceptionGroup,
    ImportError: Exception,
    ModuleNotFoundError: ImportError,
    LookupError: Exception,
    IndexError: LookupError,
    KeyError: LookupError,
    MemoryError: Exception,
    NameError: Exception,
    UnboundLocalError: NameError,
    OSError: Exception,
    BlockingIOError: OSError,
    ChildProcessError: OSError,
    ConnectionError: OSError,
    BrokenPipeError: ConnectionError,
    ConnectionAbortedError: ConnectionError,
    ConnectionRefusedError: ConnectionError,
    ConnectionResetError: ConnectionError,
    FileExistsError: OSError,
    FileNotFoundError: OSError,
    InterruptedError: OSError,
    IsADirectoryError: OSError,
    NotADirectoryError: OSError,
    PermissionError: OSError,
    ProcessLookupError: OSError,
    TimeoutError: OSError,
    ReferenceError: Exception,
    RuntimeError: Exception,
    NotImplementedError: RuntimeError,
    PythonFinalizationError: RuntimeError,
    RecursionError: RuntimeError,
    StopAsyncIteration: Exception,
    StopIteration: Exception,
    SyntaxError: Exception,
    IndentationError: SyntaxError,
    TabError: IndentationError,
    SystemError: Exception,
    TypeError: Exception,
    ValueError: Exception,
    UnicodeError: ValueError,
    UnicodeDecodeError: UnicodeError,
    UnicodeEncodeError: UnicodeError,
    UnicodeTranslateError: UnicodeError,
    Warning: Exception,
    BytesWarning: Warning,
    DeprecationWarning: Warning,
    EncodingWarning: Warning,
    FutureWarning: Warning,
    ImportWarning: Warning,
    PendingDeprecationWarning: Warning,
    ResourceWarning: Warning,
    RuntimeWarning: Warning,
    SyntaxWarning: Warning,
    UnicodeWarning: Warning,
    UserWarning: Warning,
}

static CLASSES: OnceLock<SyncCell<Vec<Value>>> = OnceLock::new();

impl ExcKind {
    /// The exception class.
    #[inline]
    pub fn class(self) -> &'static Value {
        &CLASSES.get_or_init(build_classes).0[self as usize]
    }

    /// The class's name.
    pub fn name(self) -> &'static str {
        TABLE[self as usize].1
    }

    /// Every built-in exception class with its name, for the `builtins` module.
    pub fn all() -> impl Iterator<Item = (&'static str, &'static Value)> {
        TABLE.iter().map(|(kind, name, _)| (*name, kind.class()))
    }
}

fn build_classes() -> SyncCell<Vec<Value>> {
    let mut classes: Vec<Value> = Vec::with_capacity(TABLE.len());
    for (kind, name, base) in TABLE {
        debug_assert_eq!(*kind as usize, classes.len());
        let mut builder = TypeBuilder::new::<BaseExceptionData>(name)
            .subclassable()
            .with_dict();
        builder = match base {
            Some(base) => {
                let b = builder.base(&classes[*base as usize]);
                match kind_methods(*kind) {
                    Some(m) => b.methods(m),
                    None => b,
                }
            }
            None => builder
                .slots(|s| {
                    s.new.set(Some(exception_new));
                    s.init.set(Some(exception_init));
                    s.repr.set(Some(exception_repr));
                    s.str.set(Some(exception_str));
                })
                .methods(BASE_EXCEPTION_METHODS),
        };
        classes.push(builder.build());
    }
    // ExceptionGroup is also an Exception (its layout is BaseExceptionGroup's).
    let group = &classes[ExcKind::ExceptionGroup as usize];
    let bases = [
        classes[ExcKind::BaseExceptionGroup as usize].clone(),
        classes[ExcKind::Exception as usize].clone(),
    ];
    if crate::typeobject::set_builtin_bases(group, &bases).is_err() {
        unreachable!("the built-in exception hierarchy has a consistent MRO");
    }
    SyncCell(classes)
}

/// A new instance of exception class `class` (a built-in one or a subclass) with `args`,
/// without running `__init__`.
pub fn new_exception(class: &Value, args: Vec<Value>) -> Value {
    crate::object::alloc(class, BaseExceptionData::new(args))
}

/// An exception's `args`, as Rust values (empty for a non-exception).
pub fn args_of(exc: &Value) -> Vec<Value> {
    match exc.downcast::<BaseExceptionData>() {
        Some(data) => data
            .args
            .borrow()
            .downcast::<TupleData>()
            .map(|t| t.items().to_vec())
            .unwrap_or_default(),
        None => Vec::new(),
    }
}

fn data(exc: &Value) -> PyResult<&BaseExceptionData> {
    exc.downcast::<BaseExceptionData>().ok_or_else(|| {
        PyErr::type_error(format!(
            "descriptor requires a 'BaseException' object but received '{}'",
            exc.type_data().name()
        ))
    })
}

fn exception_new(class: &Value, args: Args<'_>) -> PyResult<Value> {
    let pos = args.pos();
    if class.is(ExcKind::OSError.class()) && (2..=5).contains(&pos.len()) {
        if let Some(sub) = crate::int::as_i64(&pos[0]).and_then(os_error_subclass) {
            return Ok(new_exception(sub.class(), pos.to_vec()));
        }
    }
    if crate::typeobject::is_subtype(class, ExcKind::BaseExceptionGroup.class()) {
        return exception_group_new(class, pos);
    }
    Ok(new_exception(class, pos.to_vec()))
}

/// `BaseExceptionGroup.__new__(cls, message, exceptions)`.
fn exception_group_new(class: &Value, pos: &[Value]) -> PyResult<Value> {
    let name = class.type_data().name();
    if pos.len() != 2 {
        return Err(PyErr::type_error(format!(
            "BaseExceptionGroup.__new__() takes exactly 2 arguments ({} given)",
            pos.len()
        )));
    }
    let _ = name;
    if pos[0].downcast::<crate::str::StrData>().is_none() {
        return Err(PyErr::type_error(format!(
            "argument 1 must be str, not {}",
            pos[0].type_data().name()
        )));
    }
    let is_seq = crate::protocol::lookup_special(&pos[1], "__getitem__")?.is_some()
        && crate::protocol::lookup_special(&pos[1], "__len__")?.is_some()
        && pos[1].downcast::<crate::dict::DictData>().is_none();
    if !is_seq {
        return Err(PyErr::type_error(
            "second argument (exceptions) must be a sequence",
        ));
    }
    let excs = crate::protocol::collect(&pos[1])?;
    if excs.is_empty() {
        return Err(PyErr::new(
            ExcKind::ValueError,
            "second argument (exceptions) must be a non-empty sequence",
        ));
    }
    let mut all_exceptions = true;
    for (i, e) in excs.iter().enumerate() {
        if e.downcast::<BaseExceptionData>().is_none() {
            return Err(PyErr::new(
                ExcKind::ValueError,
                format!("Item {i} of second argument (exceptions) is not an exception"),
            ));
        }
        if !crate::typeobject::is_instance(e, ExcKind::Exception.class()) {
            all_exceptions = false;
        }
    }
    let mut class = class.clone();
    if class.is(ExcKind::BaseExceptionGroup.class()) && all_exceptions {
        class = ExcKind::ExceptionGroup.class().clone();
    } else if crate::typeobject::is_subtype(&class, ExcKind::ExceptionGroup.class())
        && !all_exceptions
    {
        return Err(PyErr::type_error(
            "Cannot nest BaseExceptions in an ExceptionGroup",
        ));
    }
    let exc = new_exception(&class, pos.to_vec());
    set_attr(&exc, "message", pos[0].clone());
    set_attr(&exc, "exceptions", crate::tuple::new(excs));
    Ok(exc)
}

fn exception_init(exc: &Value, args: Args<'_>) -> PyResult<()> {
    let pos = args.pos();
    let kind = special_kind(exc);
    init_keywords(exc, kind, args)?;
    if kind == Some(ExcKind::BaseExceptionGroup) {
        return Ok(());
    }
    *data(exc)?.args.borrow_mut() = crate::tuple::new(pos.to_vec());
    special_init(exc, kind, pos)
}

fn exception_repr(exc: &Value) -> PyResult<Value> {
    let name = exc.type_data().name();
    let args = args_of(exc);
    let text = if args.len() == 1 {
        format!("{name}({})", crate::protocol::repr_string(&args[0])?)
    } else {
        let tuple = data(exc)?.args.borrow().clone();
        format!("{name}{}", crate::protocol::repr_string(&tuple)?)
    };
    Ok(crate::str::new(&text))
}

fn exception_str(exc: &Value) -> PyResult<Value> {
    if let Some(s) = special_str(exc, special_kind(exc))? {
        return Ok(s);
    }
    let args = args_of(exc);
    match args.len() {
        0 => Ok(crate::str::new("")),
        // A KeyError shows its key as a repr (CPython's `KeyError_str`).
        1 if crate::typeobject::is_instance(exc, ExcKind::KeyError.class()) => {
            crate::protocol::repr(&args[0])
        }
        1 => crate::protocol::str(&args[0]),
        _ => {
            let tuple = data(exc)?.args.borrow().clone();
            crate::protocol::str(&tuple)
        }
    }
}

fn get_args(exc: &Value) -> PyResult<Value> {
    Ok(data(exc)?.args.borrow().clone())
}

fn set_args(exc: &Value, value: Option<&Value>) -> PyResult<()> {
    let value = value.ok_or_else(|| PyErr::type_error("args may not be deleted"))?;
    let items = crate::protocol::collect(value)?;
    *data(exc)?.args.borrow_mut() = crate::tuple::new(items);
    Ok(())
}

fn get_traceback(exc: &Value) -> PyResult<Value> {
    Ok(data(exc)?
        .traceback
        .borrow()
        .clone()
        .unwrap_or_else(crate::none))
}

fn set_traceback(exc: &Value, value: Option<&Value>) -> PyResult<()> {
    let value = value.ok_or_else(|| PyErr::type_error("__traceback__ may not be deleted"))?;
    let tb = if value.is(&crate::none()) {
        None
    } else {
        Some(value.clone())
    };
    *data(exc)?.traceback.borrow_mut() = tb;
    Ok(())
}

fn get_cause(exc: &Value) -> PyResult<Value> {
    Ok(data(exc)?
        .cause
        .borrow()
        .clone()
        .unwrap_or_else(crate::none))
}

fn set_cause(exc: &Value, value: Option<&Value>) -> PyResult<()> {
    let value = value.ok_or_else(|| PyErr::type_error("__cause__ may not be deleted"))?;
    let d = data(exc)?;
    if value.is(&crate::none()) {
        *d.cause.borrow_mut() = None;
    } else if value.downcast::<BaseExceptionData>().is_some() {
        *d.cause.borrow_mut() = Some(value.clone());
    } else {
        return Err(PyErr::type_error(
            "exception cause must be None or derive from BaseException",
        ));
    }
    d.suppress_context.set(true);
    Ok(())
}

fn get_context(exc: &Value) -> PyResult<Value> {
    Ok(data(exc)?
        .context
        .borrow()
        .clone()
        .unwrap_or_else(crate::none))
}

fn set_context(exc: &Value, value: Option<&Value>) -> PyResult<()> {
    let value = value.ok_or_else(|| PyErr::type_error("__context__ may not be deleted"))?;
    let d = data(exc)?;
    if value.is(&crate::none()) {
        *d.context.borrow_mut() = None;
    } else if value.downcast::<BaseExceptionData>().is_some() {
        *d.context.borrow_mut() = Some(value.clone());
    } else {
        return Err(PyErr::type_error(
            "exception context must be None or derive from BaseException",
        ));
    }
    Ok(())
}

fn get_suppress_context(exc: &Value) -> PyResult<Value> {
    Ok(crate::bool(data(exc)?.suppress_context.get()))
}

fn set_suppress_context(exc: &Value, value: Option<&Value>) -> PyResult<()> {
    let value = value.ok_or_else(|| PyErr::type_error("can't delete attribute"))?;
    data(exc)?
        .suppress_context
        .set(crate::protocol::is_true(value)?);
    Ok(())
}

fn with_traceback(args: Args<'_>) -> PyResult<Value> {
    let pos = args.exact("with_traceback", 2, 2)?;
    set_traceback(&pos[0], Some(&pos[1]))?;
    Ok(pos[0].clone())
}

const BASE_EXCEPTION_METHODS: &[MethodDef] = &[
    MethodDef::new("with_traceback", MethodKind::Method(with_traceback)),
    MethodDef::new("add_note", MethodKind::Method(add_note)),
    MethodDef::new("__reduce__", MethodKind::Method(exception_reduce)),
    MethodDef::new("__setstate__", MethodKind::Method(exception_setstate)),
    MethodDef::new("args", MethodKind::GetSet(get_args, Some(set_args))),
    MethodDef::new(
        "__traceback__",
        MethodKind::GetSet(get_traceback, Some(set_traceback)),
    ),
    MethodDef::new("__cause__", MethodKind::GetSet(get_cause, Some(set_cause))),
    MethodDef::new(
        "__context__",
        MethodKind::GetSet(get_context, Some(set_context)),
    ),
    MethodDef::new(
        "__suppress_context__",
        MethodKind::GetSet(get_suppress_context, Some(set_suppress_context)),
    ),
];

// ---------------------------------------------------------------------------------------
// The attributes of particular exception classes (CPython keeps them in C struct fields;
// here an attribute set after construction lives in the instance dict, and a getter falls
// back to what the arguments imply, so exceptions made without `__init__` read the same).

fn dict_get(exc: &Value, name: &str) -> Option<Value> {
    let slot = exc.dict_slot()?;
    let d = slot.borrow().clone()?;
    d.downcast::<crate::dict::DictData>()?
        .get_str(&crate::str::intern(name))
}

/// Sets an attribute in an exception's instance dict (made on first use): the attributes
/// CPython keeps as members (`name`, `value`, `filename`…) without running Python code.
pub fn set_attr(exc: &Value, name: &str, value: Value) {
    if let Some(slot) = exc.dict_slot() {
        let d = slot
            .borrow_mut()
            .get_or_insert_with(crate::dict::new)
            .clone();
        if let Some(d) = d.downcast::<crate::dict::DictData>() {
            d.set_str(name, value);
        }
    }
}

fn arg_or_none(exc: &Value, i: usize) -> Value {
    args_of(exc).get(i).cloned().unwrap_or_else(crate::none)
}

macro_rules! stored_attr {
    ($get:ident, $set:ident, $name:literal, |$exc:ident| $default:expr) => {
        fn $get($exc: &Value) -> PyResult<Value> {
            Ok(dict_get($exc, $name).unwrap_or_else(|| $default))
        }
        fn $set(exc: &Value, value: Option<&Value>) -> PyResult<()> {
            set_attr(exc, $name, value.cloned().unwrap_or_else(crate::none));
            Ok(())
        }
    };
}

stored_attr!(stop_value, set_stop_value, "value", |exc| arg_or_none(
    exc, 0
));
stored_attr!(exit_code, set_exit_code, "code", |exc| {
    let args = args_of(exc);
    match args.len() {
        0 => crate::none(),
        1 => args[0].clone(),
        _ => data(exc)
            .map(|d| d.args.borrow().clone())
            .unwrap_or_else(|_| crate::none()),
    }
});
stored_attr!(os_errno, set_os_errno, "errno", |exc| os_arg(exc, 0));
stored_attr!(os_strerror, set_os_strerror, "strerror", |exc| os_arg(
    exc, 1
));
stored_attr!(
    os_filename,
    set_os_filename,
    "filename",
    |_exc| crate::none()
);
stored_attr!(os_filename2, set_os_filename2, "filename2", |_exc| {
    crate::none()
});
stored_attr!(name_attr, set_name_attr, "name", |_exc| crate::none());
stored_attr!(obj_attr, set_obj_attr, "obj", |_exc| crate::none());
stored_attr!(path_attr, set_path_attr, "path", |_exc| crate::none());
stored_attr!(import_msg, set_import_msg, "msg", |exc| {
    let args = args_of(exc);
    if args.len() == 1 {
        args[0].clone()
    } else {
        crate::none()
    }
});
stored_attr!(uni_encoding, set_uni_encoding, "encoding", |exc| {
    arg_or_none(exc, 0)
});
stored_attr!(uni_object, set_uni_object, "object", |exc| uni_arg(
    exc, "object"
));
stored_attr!(uni_start, set_uni_start, "start", |exc| uni_arg(
    exc, "start"
));
stored_attr!(uni_end, set_uni_end, "end", |exc| uni_arg(exc, "end"));
stored_attr!(uni_reason, set_uni_reason, "reason", |exc| uni_arg(
    exc, "reason"
));

fn os_arg(exc: &Value, i: usize) -> Value {
    let args = args_of(exc);
    if (2..=5).contains(&args.len()) {
        args[i].clone()
    } else {
        crate::none()
    }
}

/// A Unicode error's argument by name: (encoding, object, start, end, reason), or for
/// UnicodeTranslateError (object, start, end, reason).
fn uni_arg(exc: &Value, name: &str) -> Value {
    let translate = crate::typeobject::is_instance(exc, ExcKind::UnicodeTranslateError.class());
    let names: &[&str] = if translate {
        &["object", "start", "end", "reason"]
    } else {
        &["encoding", "object", "start", "end", "reason"]
    };
    match names.iter().position(|n| *n == name) {
        Some(i) => arg_or_none(exc, i),
        None => crate::none(),
    }
}

const STOP_ITERATION_METHODS: &[MethodDef] = &[MethodDef::new(
    "value",
    MethodKind::GetSet(stop_value, Some(set_stop_value)),
)];

const SYSTEM_EXIT_METHODS: &[MethodDef] = &[MethodDef::new(
    "code",
    MethodKind::GetSet(exit_code, Some(set_exit_code)),
)];

const OS_ERROR_METHODS: &[MethodDef] = &[
    MethodDef::new("errno", MethodKind::GetSet(os_errno, Some(set_os_errno))),
    MethodDef::new(
        "strerror",
        MethodKind::GetSet(os_strerror, Some(set_os_strerror)),
    ),
    MethodDef::new(
        "filename",
        MethodKind::GetSet(os_filename, Some(set_os_filename)),
    ),
    MethodDef::new(
        "filename2",
        MethodKind::GetSet(os_filename2, Some(set_os_filename2)),
    ),
];

const NAME_ERROR_METHODS: &[MethodDef] = &[MethodDef::new(
    "name",
    MethodKind::GetSet(name_attr, Some(set_name_attr)),
)];

const ATTRIBUTE_ERROR_METHODS: &[MethodDef] = &[
    MethodDef::new("name", MethodKind::GetSet(name_attr, Some(set_name_attr))),
    MethodDef::new("obj", MethodKind::GetSet(obj_attr, Some(set_obj_attr))),
];

const IMPORT_ERROR_METHODS: &[MethodDef] = &[
    MethodDef::new("name", MethodKind::GetSet(name_attr, Some(set_name_attr))),
    MethodDef::new("path", MethodKind::GetSet(path_attr, Some(set_path_attr))),
    MethodDef::new("msg", MethodKind::GetSet(import_msg, Some(set_import_msg))),
];

const UNICODE_ERROR_METHODS: &[MethodDef] = &[
    MethodDef::new(
        "encoding",
        MethodKind::GetSet(uni_encoding, Some(set_uni_encoding)),
    ),
    MethodDef::new(
        "object",
        MethodKind::GetSet(uni_object, Some(set_uni_object)),
    ),
    MethodDef::new("start", MethodKind::GetSet(uni_start, Some(set_uni_start))),
    MethodDef::new("end", MethodKind::GetSet(uni_end, Some(set_uni_end))),
    MethodDef::new(
        "reason",
        MethodKind::GetSet(uni_reason, Some(set_uni_reason)),
    ),
];

/// The extra attributes a class of this kind defines.
fn kind_methods(kind: ExcKind) -> Option<&'static [MethodDef]> {
    Some(match kind {
        ExcKind::StopIteration => STOP_ITERATION_METHODS,
        ExcKind::SystemExit => SYSTEM_EXIT_METHODS,
        ExcKind::BaseExceptionGroup => EXCEPTION_GROUP_METHODS,
        ExcKind::OSError => OS_ERROR_METHODS,
        ExcKind::NameError => NAME_ERROR_METHODS,
        ExcKind::AttributeError => ATTRIBUTE_ERROR_METHODS,
        ExcKind::ImportError => IMPORT_ERROR_METHODS,
        ExcKind::UnicodeDecodeError
        | ExcKind::UnicodeEncodeError
        | ExcKind::UnicodeTranslateError => UNICODE_ERROR_METHODS,
        _ => return None,
    })
}

/// The OSError subclass CPython picks for an errno (`errnomap` in Objects/exceptions.c).
fn os_error_subclass(errno: i64) -> Option<ExcKind> {
    Some(match errno {
        11 | 114 | 115 => ExcKind::BlockingIOError,
        10 => ExcKind::ChildProcessError,
        32 | 108 => ExcKind::BrokenPipeError,
        103 => ExcKind::ConnectionAbortedError,
        111 => ExcKind::ConnectionRefusedError,
        104 => ExcKind::ConnectionResetError,
        17 => ExcKind::FileExistsError,
        2 => ExcKind::FileNotFoundError,
        21 => ExcKind::IsADirectoryError,
        20 => ExcKind::NotADirectoryError,
        4 => ExcKind::InterruptedError,
        1 | 13 => ExcKind::PermissionError,
        3 => ExcKind::ProcessLookupError,
        110 => ExcKind::TimeoutError,
        _ => return None,
    })
}

/// Which special kind (for `__init__` and `__str__`) an exception instance is.
fn special_kind(exc: &Value) -> Option<ExcKind> {
    use crate::typeobject::is_instance;
    [
        ExcKind::OSError,
        ExcKind::SyntaxError,
        ExcKind::ImportError,
        ExcKind::NameError,
        ExcKind::AttributeError,
        ExcKind::UnicodeDecodeError,
        ExcKind::UnicodeEncodeError,
        ExcKind::UnicodeTranslateError,
        ExcKind::KeyError,
        ExcKind::BaseExceptionGroup,
    ]
    .into_iter()
    .find(|k| is_instance(exc, k.class()))
}

/// Keyword arguments of NameError (`name`), AttributeError (`name`, `obj`), ImportError
/// (`name`, `path`); anything else is a TypeError as CPython words it.
fn init_keywords(exc: &Value, kind: Option<ExcKind>, args: Args<'_>) -> PyResult<()> {
    if !args.has_kwargs() {
        return Ok(());
    }
    let allowed: &[&str] = match kind {
        Some(ExcKind::NameError) => &["name"],
        Some(ExcKind::AttributeError) => &["name", "obj"],
        Some(ExcKind::ImportError) => &["name", "path"],
        _ => {
            return Err(PyErr::type_error(format!(
                "{}() takes no keyword arguments",
                exc.type_data().name()
            )))
        }
    };
    for (k, v) in args.kwargs() {
        let key = crate::str::text_of(k).unwrap_or_default();
        if !allowed.contains(&key.as_str()) {
            return Err(PyErr::type_error(if kind == Some(ExcKind::ImportError) {
                format!(
                    "'{key}' is an invalid keyword argument for {}()",
                    exc.type_data().name()
                )
            } else {
                format!(
                    "{}() got an unexpected keyword argument '{key}'",
                    exc.type_data().name()
                )
            }));
        }
        set_attr(exc, &key, v.clone());
    }
    Ok(())
}

/// The `__init__` work of OSError, SyntaxError and the Unicode errors.
fn special_init(exc: &Value, kind: Option<ExcKind>, pos: &[Value]) -> PyResult<()> {
    match kind {
        Some(ExcKind::OSError) if (3..=5).contains(&pos.len()) => {
            set_attr(exc, "filename", pos[2].clone());
            if let Some(f2) = pos.get(4) {
                set_attr(exc, "filename2", f2.clone());
            }
            *data(exc)?.args.borrow_mut() = crate::tuple::new(pos[..2].to_vec());
            set_attr(exc, "errno", pos[0].clone());
            set_attr(exc, "strerror", pos[1].clone());
        }
        Some(ExcKind::SyntaxError) => {
            if let Some(msg) = pos.first() {
                set_attr(exc, "msg", msg.clone());
            }
            if pos.len() == 2 {
                let info = crate::protocol::collect(&pos[1])?;
                if !(4..=6).contains(&info.len()) {
                    return Err(PyErr::new(ExcKind::IndexError, "tuple index out of range"));
                }
                let names = [
                    "filename",
                    "lineno",
                    "offset",
                    "text",
                    "end_lineno",
                    "end_offset",
                ];
                for (name, v) in names.iter().zip(info) {
                    set_attr(exc, name, v);
                }
            }
        }
        Some(ExcKind::UnicodeDecodeError) | Some(ExcKind::UnicodeEncodeError) => {
            let name = exc.type_data().name();
            if pos.len() != 5 {
                return Err(PyErr::type_error(format!(
                    "function takes exactly 5 arguments ({} given)",
                    pos.len()
                )));
            }
            if crate::str::text_of(&pos[0]).is_none() {
                return Err(PyErr::type_error(format!(
                    "argument 1 must be str, not {}",
                    pos[0].type_data().name()
                )));
            }
            let _ = name;
        }
        Some(ExcKind::UnicodeTranslateError) if pos.len() != 4 => {
            return Err(PyErr::type_error(format!(
                "function takes exactly 4 arguments ({} given)",
                pos.len()
            )));
        }
        _ => {}
    }
    Ok(())
}

/// `str()` of the exceptions that word it specially; `None` for the default.
fn special_str(exc: &Value, kind: Option<ExcKind>) -> PyResult<Option<Value>> {
    let s = |t: String| Ok(Some(crate::str::new(&t)));
    let repr = crate::protocol::repr_string;
    let strs = crate::protocol::str_string;
    match kind {
        Some(ExcKind::OSError) => {
            let errno = os_errno(exc)?;
            let strerror = os_strerror(exc)?;
            let filename = os_filename(exc)?;
            let filename2 = os_filename2(exc)?;
            let none = crate::protocol::is_none;
            if !none(&filename) {
                if !none(&filename2) {
                    return s(format!(
                        "[Errno {}] {}: {} -> {}",
                        strs(&errno)?,
                        strs(&strerror)?,
                        repr(&filename)?,
                        repr(&filename2)?
                    ));
                }
                return s(format!(
                    "[Errno {}] {}: {}",
                    strs(&errno)?,
                    strs(&strerror)?,
                    repr(&filename)?
                ));
            }
            if !none(&errno) && !none(&strerror) {
                return s(format!("[Errno {}] {}", strs(&errno)?, strs(&strerror)?));
            }
            Ok(None)
        }
        Some(ExcKind::SyntaxError) => {
            let msg = dict_get(exc, "msg").unwrap_or_else(|| arg_or_none(exc, 0));
            let msg = strs(&msg)?;
            let filename = dict_get(exc, "filename").and_then(|f| crate::str::text_of(&f));
            let lineno = dict_get(exc, "lineno").and_then(|l| crate::int::as_i64(&l));
            let base = filename.map(|f| match f.rfind('/') {
                Some(i) => f[i + 1..].to_string(),
                None => f,
            });
            match (base, lineno) {
                (Some(f), Some(l)) => s(format!("{msg} ({f}, line {l})")),
                (Some(f), None) => s(format!("{msg} ({f})")),
                (None, Some(l)) => s(format!("{msg} (line {l})")),
                (None, None) => s(msg),
            }
        }
        Some(ExcKind::ImportError) => {
            let msg = import_msg(exc)?;
            if crate::protocol::is_none(&msg) {
                return Ok(None);
            }
            Ok(Some(crate::protocol::str(&msg)?))
        }
        Some(ExcKind::UnicodeDecodeError) => {
            let (Some(start), Some(end)) = (
                crate::int::as_i64(&uni_start(exc)?),
                crate::int::as_i64(&uni_end(exc)?),
            ) else {
                return Ok(None);
            };
            let object = uni_object(exc)?;
            let bytes = crate::bytes::as_bytes_like(&object).unwrap_or_default();
            let enc = strs(&uni_encoding(exc)?)?;
            let reason = strs(&uni_reason(exc)?)?;
            if end == start + 1 && (start as usize) < bytes.len() && start >= 0 {
                return s(format!(
                    "'{enc}' codec can't decode byte 0x{:02x} in position {start}: {reason}",
                    bytes[start as usize]
                ));
            }
            s(format!(
                "'{enc}' codec can't decode bytes in position {start}-{}: {reason}",
                end - 1
            ))
        }
        Some(ExcKind::UnicodeEncodeError) | Some(ExcKind::UnicodeTranslateError) => {
            let (Some(start), Some(end)) = (
                crate::int::as_i64(&uni_start(exc)?),
                crate::int::as_i64(&uni_end(exc)?),
            ) else {
                return Ok(None);
            };
            let object = uni_object(exc)?;
            let chars: Vec<char> = crate::str::text_of(&object)
                .unwrap_or_default()
                .chars()
                .collect();
            let reason = strs(&uni_reason(exc)?)?;
            let (what, prefix) = if kind == Some(ExcKind::UnicodeEncodeError) {
                ("encode", format!("'{}' codec ", strs(&uni_encoding(exc)?)?))
            } else {
                ("translate", String::new())
            };
            if end == start + 1 && start >= 0 && (start as usize) < chars.len() {
                let c = chars[start as usize] as u32;
                let esc = if c < 0x100 {
                    format!("\\x{c:02x}")
                } else if c < 0x10000 {
                    format!("\\u{c:04x}")
                } else {
                    format!("\\U{c:08x}")
                };
                return s(format!(
                    "{prefix}can't {what} character '{esc}' in position {start}: {reason}"
                ));
            }
            s(format!(
                "{prefix}can't {what} characters in position {start}-{}: {reason}",
                end - 1
            ))
        }
        Some(ExcKind::BaseExceptionGroup) => {
            let n = dict_get(exc, "exceptions")
                .and_then(|e| crate::tuple::items_of(&e).map(|i| i.len()))
                .unwrap_or(0);
            let msg = strs(&arg_or_none(exc, 0))?;
            s(format!(
                "{msg} ({n} sub-exception{})",
                if n == 1 { "" } else { "s" }
            ))
        }
        _ => Ok(None),
    }
}

fn add_note(args: Args<'_>) -> PyResult<Value> {
    let pos = args.exact("add_note", 2, 2)?;
    let (exc, note) = (&pos[0], &pos[1]);
    if note.downcast::<crate::str::StrData>().is_none() {
        return Err(PyErr::type_error(format!(
            "note must be a str, not '{}'",
            note.type_data().name()
        )));
    }
    let notes = match dict_get(exc, "__notes__") {
        Some(n) => n,
        None => {
            let l = crate::list::new(Vec::new());
            set_attr(exc, "__notes__", l.clone());
            l
        }
    };
    match notes.downcast::<crate::list::ListData>() {
        Some(l) => l.push(note.clone()),
        None => {
            return Err(PyErr::type_error(
                "Cannot add note: __notes__ is not a list",
            ))
        }
    }
    Ok(crate::none())
}

fn exception_reduce(args: Args<'_>) -> PyResult<Value> {
    let pos = args.exact("__reduce__", 1, 1)?;
    let exc = &pos[0];
    let mut items = vec![exc.class().clone(), data(exc)?.args.borrow().clone()];
    if let Some(d) = exc.dict_slot().and_then(|s| s.borrow().clone()) {
        items.push(d);
    }
    Ok(crate::tuple::new(items))
}

fn exception_setstate(args: Args<'_>) -> PyResult<Value> {
    let pos = args.exact("__setstate__", 2, 2)?;
    let state = &pos[1];
    if crate::protocol::is_none(state) {
        return Ok(crate::none());
    }
    let Some(d) = state.downcast::<crate::dict::DictData>() else {
        return Err(PyErr::type_error("state is not a dictionary"));
    };
    for k in d.keys() {
        if let Some(v) = d.get_item(&k)? {
            crate::protocol::setattr(&pos[0], &k, Some(&v))?;
        }
    }
    Ok(crate::none())
}

/// How `split`/`subgroup` test a leaf exception: by class (or tuple of classes), or by
/// calling a predicate.
fn group_matches(exc: &Value, cond: &Value) -> PyResult<bool> {
    let is_class = |c: &Value| crate::typeobject::type_data(c).is_some();
    if is_class(cond) {
        return Ok(crate::typeobject::is_instance(exc, cond));
    }
    if let Some(items) = crate::tuple::items_of(cond) {
        if items.iter().all(is_class) {
            return Ok(items.iter().any(|c| crate::typeobject::is_instance(exc, c)));
        }
    }
    if crate::protocol::is_callable(cond) {
        let r = crate::protocol::call1(cond, std::slice::from_ref(exc))?;
        return crate::protocol::is_true(&r);
    }
    Err(PyErr::type_error(
        "expected an exception type, a tuple of exception types, or a callable (other than a class)",
    ))
}

fn group_exceptions(eg: &Value) -> Option<Vec<Value>> {
    if !crate::typeobject::is_instance(eg, ExcKind::BaseExceptionGroup.class()) {
        return None;
    }
    dict_get(eg, "exceptions").and_then(|e| crate::tuple::items_of(&e).map(|i| i.to_vec()))
}

/// `eg.derive(excs)` plus the metadata `split` copies: traceback, cause, context, notes.
fn derive_copy(eg: &Value, excs: Vec<Value>) -> PyResult<Value> {
    let derive = crate::protocol::getattr_str(eg, "derive")?;
    let new = crate::protocol::call1(&derive, &[crate::list::new(excs)])?;
    if let (Some(from), Some(to)) = (
        eg.downcast::<BaseExceptionData>(),
        new.downcast::<BaseExceptionData>(),
    ) {
        *to.traceback.borrow_mut() = from.traceback.borrow().clone();
        *to.cause.borrow_mut() = from.cause.borrow().clone();
        *to.context.borrow_mut() = from.context.borrow().clone();
    }
    if let Some(notes) = dict_get(eg, "__notes__") {
        set_attr(&new, "__notes__", notes);
    }
    Ok(new)
}

/// Splits `exc` by `cond` into (match, rest), either `None` when empty.
pub fn group_split(exc: &Value, cond: &Value) -> PyResult<(Option<Value>, Option<Value>)> {
    if group_matches(exc, cond)? {
        return Ok((Some(exc.clone()), None));
    }
    let Some(excs) = group_exceptions(exc) else {
        return Ok((None, Some(exc.clone())));
    };
    let (mut matched, mut rest) = (Vec::new(), Vec::new());
    for e in &excs {
        let (m, r) = group_split(e, cond)?;
        matched.extend(m);
        rest.extend(r);
    }
    let m = if matched.is_empty() {
        None
    } else {
        Some(derive_copy(exc, matched)?)
    };
    let r = if rest.is_empty() {
        None
    } else {
        Some(derive_copy(exc, rest)?)
    };
    Ok((m, r))
}

fn opt(v: Option<Value>) -> Value {
    v.unwrap_or_else(crate::none)
}

fn group_split_method(args: Args<'_>) -> PyResult<Value> {
    let pos = args.exact("split", 2, 2)?;
    let (m, r) = group_split(&pos[0], &pos[1])?;
    Ok(crate::tuple::new(vec![opt(m), opt(r)]))
}

fn group_subgroup(args: Args<'_>) -> PyResult<Value> {
    let pos = args.exact("subgroup", 2, 2)?;
    let (m, _) = group_split(&pos[0], &pos[1])?;
    Ok(opt(m))
}

fn group_derive(args: Args<'_>) -> PyResult<Value> {
    let pos = args.exact("derive", 2, 2)?;
    let message = arg_or_none(&pos[0], 0);
    crate::protocol::call1(
        ExcKind::BaseExceptionGroup.class(),
        &[message, pos[1].clone()],
    )
}

const EXCEPTION_GROUP_METHODS: &[MethodDef] = &[
    MethodDef::new("split", MethodKind::Method(group_split_method)),
    MethodDef::new("subgroup", MethodKind::Method(group_subgroup)),
    MethodDef::new("derive", MethodKind::Method(group_derive)),
];

/// The exceptions of a group, or `None` for an exception that is not a group.
pub fn group_leaves(exc: &Value) -> Option<Vec<Value>> {
    group_exceptions(exc)
}

/// The part of group `exc` whose leaves are among `ids` (by identity), keeping the group
/// structure (CPython's `exception_group_projection`).
pub fn group_project(exc: &Value, ids: &[usize]) -> PyResult<Option<Value>> {
    if group_exceptions(exc).is_none() {
        return Ok(ids.contains(&exc.word()).then(|| exc.clone()));
    }
    let mut kept = Vec::new();
    for e in group_exceptions(exc).unwrap_or_default() {
        kept.extend(group_project(&e, ids)?);
    }
    if kept.is_empty() {
        return Ok(None);
    }
    Ok(Some(derive_copy(exc, kept)?))
}
