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

impl Payload for BaseExceptionData {}

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
            Some(base) => builder.base(&classes[*base as usize]),
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
    Ok(new_exception(class, args.pos().to_vec()))
}

fn exception_init(exc: &Value, args: Args<'_>) -> PyResult<()> {
    let pos = args.pos();
    if args.has_kwargs() && exc.type_data().name() == "BaseException" {
        return Err(PyErr::type_error(
            "BaseException() takes no keyword arguments",
        ));
    }
    *data(exc)?.args.borrow_mut() = crate::tuple::new(pos.to_vec());
    Ok(())
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
