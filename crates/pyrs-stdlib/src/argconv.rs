//! Argument conversions the native modules share (CPython's Argument Clinic converters:
//! `str`, `Py_buffer`, `Py_ssize_t`, `bool`), each with CPython's TypeError wording, and
//! small constructors for module objects.

use std::sync::OnceLock;

use pyrs_objects::bytes::BytesData;
use pyrs_objects::dict::DictData;
use pyrs_objects::module::ModuleData;
use pyrs_objects::native::{new_module_function, NativeFn};
use pyrs_objects::str::StrData;
use pyrs_objects::{ExcKind, PyErr, PyResult, SyncCell, Value};

/// The type name of `v` as error messages print it.
pub(crate) fn type_name(v: &Value) -> String {
    v.type_data().name()
}

/// A `str` argument: "FUNC() argument ARG must be str, not T".
pub(crate) fn str_arg(v: &Value, func: &str, arg: &str) -> PyResult<String> {
    match v.downcast::<StrData>() {
        Some(d) => Ok(d.to_string_lossy()),
        None => Err(PyErr::type_error(format!(
            "{func}() argument {arg} must be str, not {}",
            type_name(v)
        ))),
    }
}

/// An optional `str` argument where `None` means the default.
pub(crate) fn opt_str_arg(v: Option<&Value>, func: &str, arg: &str) -> PyResult<Option<String>> {
    match v {
        None => Ok(None),
        Some(v) if pyrs_objects::protocol::is_none(v) => Ok(None),
        Some(v) => str_arg(v, func, arg).map(Some),
    }
}

/// A bytes-like argument: "a bytes-like object is required, not 'T'".
pub(crate) fn buffer_arg(v: &Value) -> PyResult<Vec<u8>> {
    if let Some(b) = v.downcast::<BytesData>() {
        return Ok(b.as_bytes().to_vec());
    }
    pyrs_objects::bytes::as_bytes_like(v).ok_or_else(|| {
        PyErr::type_error(format!(
            "a bytes-like object is required, not '{}'",
            type_name(v)
        ))
    })
}

/// An integer argument that fits a Python index (`Py_ssize_t`).
pub(crate) fn index_arg(v: &Value) -> PyResult<i64> {
    if let Some(i) = v.as_small() {
        return Ok(i);
    }
    if v.downcast::<pyrs_objects::float::FloatData>().is_some() {
        return Err(PyErr::type_error(
            "'float' object cannot be interpreted as an integer",
        ));
    }
    Ok(pyrs_objects::protocol::index_isize(v, false)? as i64)
}

/// An optional size argument where `None` (or absence) means -1.
pub(crate) fn size_arg(v: Option<&Value>) -> PyResult<i64> {
    match v {
        None => Ok(-1),
        Some(v) if pyrs_objects::protocol::is_none(v) => Ok(-1),
        Some(v) => {
            if !pyrs_objects::protocol::has_index(v) {
                return Err(PyErr::type_error(format!(
                    "argument should be integer or None, not '{}'",
                    type_name(v)
                )));
            }
            index_arg(v)
        }
    }
}

/// A truth-value argument.
pub(crate) fn bool_arg(v: Option<&Value>, default: bool) -> PyResult<bool> {
    match v {
        None => Ok(default),
        Some(v) => pyrs_objects::protocol::is_true(v),
    }
}

/// The dict of a module object.
pub(crate) fn module_dict(module: &Value) -> &DictData {
    module
        .downcast::<ModuleData>()
        .expect("a module made by new_module")
        .dict()
}

/// Adds module-level functions to `module`.
pub(crate) fn add_functions(module: &Value, functions: &[(&'static str, NativeFn)]) {
    let d = module_dict(module);
    for (name, f) in functions {
        d.set_str(name, new_module_function(name, *f, module.clone()));
    }
}

/// `obj.name(args…)`.
pub(crate) fn call_method(obj: &Value, name: &str, args: &[Value]) -> PyResult<Value> {
    let method = pyrs_objects::protocol::getattr_str(obj, name)?;
    pyrs_objects::protocol::call1(&method, args)
}

/// The message of the C library for `errno` (`os.strerror`).
pub(crate) fn strerror(errno: i32) -> String {
    // SAFETY: strerror returns a pointer to a NUL-terminated string that stays valid until the
    // next call; it is copied at once, under the interpreter lock.
    unsafe {
        let p = libc::strerror(errno);
        if p.is_null() {
            return format!("Unknown error {errno}");
        }
        std::ffi::CStr::from_ptr(p).to_string_lossy().into_owned()
    }
}

/// The OSError (or the subclass CPython picks for the errno) for `errno`, naming `filename`
/// (and `filename2`) when given: "[Errno 2] No such file or directory: 'x'".
pub(crate) fn os_error(errno: i32, filename: Option<&Value>, filename2: Option<&Value>) -> PyErr {
    let mut args = vec![
        pyrs_objects::int::from_i64(errno as i64),
        pyrs_objects::str::new(&strerror(errno)),
    ];
    if let Some(f) = filename {
        args.push(f.clone());
        if let Some(f2) = filename2 {
            args.push(pyrs_objects::none());
            args.push(f2.clone());
        }
    }
    match pyrs_objects::protocol::call1(pyrs_objects::ExcKind::OSError.class(), &args) {
        Ok(exc) => PyErr::from_value(exc),
        Err(err) => err,
    }
}

/// The errno of the last failed system call.
pub(crate) fn last_errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

/// [`os_error`] for the last failed system call.
pub(crate) fn last_os_error(filename: Option<&Value>) -> PyErr {
    os_error(last_errno(), filename, None)
}

/// Grows `buf` to `len` items of `fill`, or CPython's MemoryError when that much memory
/// cannot be had (never an aborted process).
pub(crate) fn grow<T: Clone>(buf: &mut Vec<T>, len: usize, fill: T) -> PyResult<()> {
    if len > buf.len() {
        buf.try_reserve_exact(len - buf.len())
            .map_err(|_| PyErr::new(pyrs_objects::ExcKind::MemoryError, ""))?;
        buf.resize(len, fill);
    }
    Ok(())
}

/// A new exception class `module.name` deriving from `base` (what a C module makes with
/// `PyErr_NewException`), made by calling `type` as a class statement would.
pub(crate) fn new_exception_class(module: &str, name: &str, base: &Value) -> Value {
    let namespace = pyrs_objects::dict::new();
    if let Some(d) = namespace.downcast::<DictData>() {
        d.set_str("__module__", pyrs_objects::str::new(module));
    }
    pyrs_objects::protocol::call1(
        &pyrs_objects::types().type_,
        &[
            pyrs_objects::str::new(name),
            pyrs_objects::tuple::new(vec![base.clone()]),
            namespace,
        ],
    )
    .unwrap_or_else(|_| base.clone())
}

/// An exception class of a module (what a C module makes once with `PyErr_NewException`),
/// made on first use: `static ERROR: ModuleException = ModuleException::new("zlib", "error",
/// ExcKind::Exception);`, then `ERROR.class()` for the module's namespace and
/// `ERROR.error(message)` to raise it.
pub(crate) struct ModuleException {
    module: &'static str,
    name: &'static str,
    base: ExcKind,
    class: OnceLock<SyncCell<Value>>,
}

impl ModuleException {
    pub(crate) const fn new(module: &'static str, name: &'static str, base: ExcKind) -> Self {
        ModuleException {
            module,
            name,
            base,
            class: OnceLock::new(),
        }
    }

    /// The class.
    pub(crate) fn class(&self) -> &Value {
        &self
            .class
            .get_or_init(|| {
                SyncCell(new_exception_class(
                    self.module,
                    self.name,
                    self.base.class(),
                ))
            })
            .0
    }

    /// An instance with `message` as its one argument, as `PyErr_SetString` raises it.
    pub(crate) fn error(&self, message: impl Into<String>) -> PyErr {
        module_error(self.class(), message)
    }
}

/// An exception of `class` with `message` as its one argument (`PyErr_SetString`).
pub(crate) fn module_error(class: &Value, message: impl Into<String>) -> PyErr {
    PyErr::from_value(pyrs_objects::exceptions::new_exception(
        class,
        vec![pyrs_objects::str::new(&message.into())],
    ))
}
