//! What the object model asks of the interpreter above it: a few functions pyrs-vm installs
//! at start-up (the running module's name, printing an unraisable exception…), with
//! stand-ins that work without a VM.

use std::cell::Cell;

use crate::error::{PyErr, PyResult};
use crate::value::Value;
use crate::SyncCell;

/// The interpreter's answers.
#[derive(Clone, Copy)]
pub struct Hooks {
    /// `__name__` of the module whose code is running (a class's default `__module__`).
    pub current_module_name: fn() -> Option<Value>,
    /// Whether a value is a function defined in Python.
    pub is_python_function: fn(&Value) -> bool,
    /// Reports an exception nothing can catch (raised by `__del__`…), as
    /// `sys.unraisablehook` does: "Exception ignored in: OBJ" and a traceback.
    pub unraisable: fn(&PyErr, &str, Option<&Value>),
    /// `import NAME` (absolute): what the typing objects use to reach Lib/typing.py.
    pub import_module: fn(&str) -> PyResult<Value>,
    /// Wraps a class's dict for `__dict__` (a read-only `mappingproxy`).
    pub mappingproxy: fn(Value) -> PyResult<Value>,
    /// `x ** y` for a negative float `x` and a non-integral `y`: a complex number.
    pub complex_pow: fn(f64, f64) -> PyResult<Value>,
    /// `str(obj, encoding, errors)`: decoding bytes-like objects (by default the built-in
    /// codecs of [`crate::codecs`]; the standard library may install one that knows more).
    pub decode: fn(&Value, Option<&Value>, Option<&Value>) -> PyResult<Value>,
    /// `PyErr_WarnEx(category, message, 1)`: a warning about the running code, which the
    /// filters may ignore, print or turn into an exception.
    pub warn: fn(crate::ExcKind, &str) -> PyResult<()>,
}

fn default_unraisable(err: &PyErr, message: &str, obj: Option<&Value>) {
    let what = obj
        .and_then(|o| crate::protocol::repr_string(o).ok())
        .unwrap_or_default();
    let text = crate::protocol::str_string(err.value()).unwrap_or_default();
    eprintln!("{message}: {what}");
    eprintln!("{}: {text}", err.value().type_data().name());
}

static HOOKS: SyncCell<Cell<Hooks>> = SyncCell(Cell::new(Hooks {
    current_module_name: || None,
    is_python_function: |_| false,
    unraisable: default_unraisable,
    import_module: |name| {
        Err(PyErr::new(
            crate::ExcKind::ImportError,
            format!("no module named '{name}' without an interpreter"),
        ))
    },
    mappingproxy: crate::mappingproxy::new,
    complex_pow: |_, _| Err(PyErr::value_error("math domain error")),
    decode: crate::codecs::decode_object,
    warn: |_, _| Ok(()),
}));

/// The installed hooks.
#[inline]
pub fn get() -> Hooks {
    HOOKS.0.get()
}

/// Installs the interpreter's hooks.
pub fn install(hooks: Hooks) {
    HOOKS.0.set(hooks);
}
