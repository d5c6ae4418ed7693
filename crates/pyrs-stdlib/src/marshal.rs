//! `marshal` (CPython's Python/marshal.c), reduced to what bytecode cache files need: `dumps`
//! and `loads` of a code object, in pyrs's own versioned serialisation
//! (`pyrs_bytecode::CodeObject::to_bytes`), which `importlib._bootstrap_external` writes into
//! and reads from `__pycache__/NAME.pyrs-313.pyc` files. FIXME: the other marshallable types
//! (ints, strings, containers) and `dump`/`load` on files.

use pyrs_objects::args::Args;
use pyrs_objects::module::{new_module, ModuleData};
use pyrs_objects::native::new_module_function;
use pyrs_objects::{protocol, ExcKind, PyErr, PyResult, Value};
use pyrs_vm::code::CodeData;

/// Makes the `marshal` module.
pub(crate) fn init() -> PyResult<Value> {
    let module = new_module("marshal");
    let d = module
        .downcast::<ModuleData>()
        .ok_or_else(|| PyErr::system_error("marshal: not a module"))?
        .dict();
    d.set_str("version", Value::small(4));
    d.set_str("dumps", new_module_function("dumps", dumps, module.clone()));
    d.set_str("loads", new_module_function("loads", loads, module.clone()));
    Ok(module)
}

/// `dumps(value, version=version, /, *, allow_code=True)`.
fn dumps(args: Args<'_>) -> PyResult<Value> {
    let [value, _version, allow_code] =
        args.bind("dumps", ["value", "version", "allow_code"], 1, 1, 2)?;
    let value = value.expect("required");
    let Some(code) = value.downcast::<CodeData>() else {
        return Err(PyErr::value_error("unmarshallable object"));
    };
    if let Some(allow) = allow_code {
        if !protocol::is_true(&allow)? {
            return Err(PyErr::value_error(
                "unmarshalling code objects is disallowed",
            ));
        }
    }
    Ok(pyrs_objects::bytes::new(pyrs_vm::frozen::code_to_bytes(
        &code.code,
    )))
}

/// `loads(bytes, /, *, allow_code=True)`.
fn loads(args: Args<'_>) -> PyResult<Value> {
    let [data, _allow_code] = args.bind("loads", ["bytes", "allow_code"], 1, 1, 1)?;
    let data = data.expect("required");
    let raw = pyrs_objects::bytes::buffer(&data).ok_or_else(|| {
        PyErr::type_error(format!(
            "a bytes-like object is required, not '{}'",
            data.type_data().name()
        ))
    })?;
    if raw.is_empty() {
        return Err(PyErr::new(
            ExcKind::EOFError,
            "EOF read where object expected",
        ));
    }
    pyrs_vm::frozen::code_from_bytes(&raw)
        .ok_or_else(|| PyErr::value_error("bad marshal data (unknown type code)"))
}
