//! [`PyErr`], a raised Python exception travelling up Rust's call stack as `Err`, and
//! [`PyResult`]. Every fallible operation of the object model and the VM returns a
//! `PyResult`; nothing a Python program does makes Rust panic.

use crate::exceptions::{new_exception, ExcKind};
use crate::value::Value;

/// A raised exception: the exception instance (a `BaseException`).
#[derive(Clone)]
pub struct PyErr(Value);

/// The result of anything that can raise.
pub type PyResult<T> = Result<T, PyErr>;

impl PyErr {
    /// The error that raises `exception` (an instance of `BaseException`).
    #[inline]
    pub fn from_value(exception: Value) -> PyErr {
        PyErr(exception)
    }

    /// The exception instance.
    #[inline]
    pub fn value(&self) -> &Value {
        &self.0
    }

    /// The exception instance, owned.
    #[inline]
    pub fn into_value(self) -> Value {
        self.0
    }

    /// Whether the exception is an instance of `class` (or a subclass).
    pub fn matches(&self, class: &Value) -> bool {
        crate::typeobject::is_instance(&self.0, class)
    }

    /// Whether the exception is an instance of the built-in exception `kind`.
    pub fn is(&self, kind: ExcKind) -> bool {
        self.matches(kind.class())
    }

    /// A new exception of built-in kind `kind` with the one argument `message`.
    pub fn new(kind: ExcKind, message: impl Into<String>) -> PyErr {
        let message = crate::str::new(&message.into());
        PyErr(new_exception(kind.class(), vec![message]))
    }

    /// A new exception of built-in kind `kind` with these arguments.
    pub fn with_args(kind: ExcKind, args: Vec<Value>) -> PyErr {
        PyErr(new_exception(kind.class(), args))
    }

    /// TypeError.
    pub fn type_error(message: impl Into<String>) -> PyErr {
        PyErr::new(ExcKind::TypeError, message)
    }

    /// ValueError.
    pub fn value_error(message: impl Into<String>) -> PyErr {
        PyErr::new(ExcKind::ValueError, message)
    }

    /// IndexError.
    pub fn index_error(message: impl Into<String>) -> PyErr {
        PyErr::new(ExcKind::IndexError, message)
    }

    /// KeyError for `key` (its one argument is the key itself).
    pub fn key_error(key: Value) -> PyErr {
        PyErr::with_args(ExcKind::KeyError, vec![key])
    }

    /// AttributeError.
    pub fn attribute_error(message: impl Into<String>) -> PyErr {
        PyErr::new(ExcKind::AttributeError, message)
    }

    /// OverflowError.
    pub fn overflow_error(message: impl Into<String>) -> PyErr {
        PyErr::new(ExcKind::OverflowError, message)
    }

    /// ZeroDivisionError.
    pub fn zero_division(message: impl Into<String>) -> PyErr {
        PyErr::new(ExcKind::ZeroDivisionError, message)
    }

    /// RuntimeError.
    pub fn runtime_error(message: impl Into<String>) -> PyErr {
        PyErr::new(ExcKind::RuntimeError, message)
    }

    /// RecursionError.
    pub fn recursion_error(message: impl Into<String>) -> PyErr {
        PyErr::new(ExcKind::RecursionError, message)
    }

    /// NameError.
    pub fn name_error(message: impl Into<String>) -> PyErr {
        PyErr::new(ExcKind::NameError, message)
    }

    /// NotImplementedError.
    pub fn not_implemented(message: impl Into<String>) -> PyErr {
        PyErr::new(ExcKind::NotImplementedError, message)
    }

    /// SystemError: a state the interpreter should never reach, reported instead of a panic.
    pub fn system_error(message: impl Into<String>) -> PyErr {
        PyErr::new(ExcKind::SystemError, message)
    }

    /// StopIteration carrying `value` (none when `value` is None).
    pub fn stop_iteration(value: Option<Value>) -> PyErr {
        PyErr::with_args(ExcKind::StopIteration, value.into_iter().collect())
    }
}

impl std::fmt::Debug for PyErr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = self.0.type_data().name();
        let args = crate::exceptions::args_of(&self.0);
        write!(f, "{name}{args:?}")
    }
}
