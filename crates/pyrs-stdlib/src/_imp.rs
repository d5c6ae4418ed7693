//! `_imp` (CPython's Python/import.c): what `importlib`'s bootstrap asks of the interpreter's
//! import system: built-in modules (pyrs's native ones: `create_builtin` makes them), frozen
//! modules (`find_frozen`, `get_frozen_object`: see `pyrs_vm::frozen`), the import lock and the
//! bytecode cache's settings. pyrs loads no extension modules (`extension_suffixes()` is empty).

use pyrs_objects::args::Args;
use pyrs_objects::module::{new_module, ModuleData};
use pyrs_objects::native::{new_module_function, NativeFn};
use pyrs_objects::{list, protocol, str as pystr, tuple, PyErr, PyResult, Value};

/// Makes the `_imp` module.
pub(crate) fn init() -> PyResult<Value> {
    let module = new_module("_imp");
    let d = module
        .downcast::<ModuleData>()
        .ok_or_else(|| PyErr::system_error("_imp: not a module"))?
        .dict();
    let functions: &[(&'static str, NativeFn)] = &[
        ("acquire_lock", none),
        ("release_lock", none),
        ("lock_held", |_| Ok(pyrs_objects::bool(false))),
        ("is_builtin", is_builtin),
        ("create_builtin", create_builtin),
        ("exec_builtin", |_| Ok(pyrs_objects::Value::small(0))),
        ("exec_dynamic", |_| Ok(pyrs_objects::Value::small(0))),
        ("create_dynamic", create_dynamic),
        ("is_frozen", is_frozen),
        ("is_frozen_package", |_| Ok(pyrs_objects::bool(false))),
        ("find_frozen", find_frozen),
        ("get_frozen_object", get_frozen_object),
        ("init_frozen", init_frozen),
        ("_fix_co_filename", none),
        ("extension_suffixes", |_| Ok(list::new(Vec::new()))),
        ("_frozen_module_names", frozen_module_names),
        ("_override_frozen_modules_for_tests", |_| {
            Ok(pyrs_objects::Value::small(0))
        }),
        ("_override_multi_interp_extensions_check", |_| {
            Ok(pyrs_objects::Value::small(-1))
        }),
        ("source_hash", source_hash),
    ];
    for (name, f) in functions {
        d.set_str(name, new_module_function(name, *f, module.clone()));
    }
    d.set_str("check_hash_based_pycs", pystr::intern("default"));
    Ok(module)
}

fn none(_args: Args<'_>) -> PyResult<Value> {
    Ok(pyrs_objects::none())
}

fn name_arg(args: &Args<'_>, func: &str) -> PyResult<String> {
    let a = args.exact(func, 1, 1)?;
    pystr::text_of(&a[0]).ok_or_else(|| {
        PyErr::type_error(format!(
            "{func}() argument must be str, not {}",
            a[0].type_data().name()
        ))
    })
}

/// `is_builtin(name)`: 1 for a native module, -1 for the two that cannot be initialised
/// again (`sys`, `builtins`), 0 otherwise.
fn is_builtin(args: Args<'_>) -> PyResult<Value> {
    let name = name_arg(&args, "is_builtin")?;
    if name == "sys" || name == "builtins" {
        return Ok(Value::small(-1));
    }
    let found = pyrs_vm::native_modules::names().contains(&name.as_str());
    Ok(Value::small(i64::from(found)))
}

/// `create_builtin(spec)`: the native module `spec.name`.
fn create_builtin(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("create_builtin", 1, 1)?;
    let name_value = protocol::getattr_str(&a[0], "name")?;
    let Some(name) = pystr::text_of(&name_value) else {
        return Err(PyErr::type_error(format!(
            "name must be string, not {}",
            name_value.type_data().name()
        )));
    };
    if let Some(m) = pyrs_vm::sys::modules_dict().get_item(&name_value)? {
        return Ok(m);
    }
    match pyrs_vm::native_modules::load(&name)? {
        Some(m) => Ok(m),
        None => Err(PyErr::new(
            pyrs_objects::ExcKind::ImportError,
            format!("no built-in module named {name}"),
        )),
    }
}

fn frozen_name(args: &Args<'_>, func: &str) -> PyResult<String> {
    let a = args.exact(func, 1, 2)?;
    pystr::text_of(&a[0]).ok_or_else(|| {
        PyErr::type_error(format!(
            "{func}() argument 1 must be str, not {}",
            a[0].type_data().name()
        ))
    })
}

/// `is_frozen(name)`.
fn is_frozen(args: Args<'_>) -> PyResult<Value> {
    let name = name_arg(&args, "is_frozen")?;
    Ok(pyrs_objects::bool(pyrs_vm::frozen::find(&name).is_some()))
}

/// `find_frozen(name)`: `(None, is_package, origname)` for a frozen module, else None.
fn find_frozen(args: Args<'_>) -> PyResult<Value> {
    let name = frozen_name(&args, "find_frozen")?;
    Ok(match pyrs_vm::frozen::find(&name) {
        Some(orig) => tuple::new(vec![
            pyrs_objects::none(),
            pyrs_objects::bool(false),
            pystr::new(orig),
        ]),
        None => pyrs_objects::none(),
    })
}

/// `get_frozen_object(name)`: the frozen module's code object.
fn get_frozen_object(args: Args<'_>) -> PyResult<Value> {
    let name = frozen_name(&args, "get_frozen_object")?;
    if pyrs_vm::frozen::find(&name).is_none() {
        return Err(PyErr::new(
            pyrs_objects::ExcKind::ImportError,
            format!("No such frozen object named '{name}'"),
        ));
    }
    pyrs_vm::frozen::get_code(&name)
}

/// `init_frozen(name)`: imports a frozen module (through importlib, which finds it frozen).
fn init_frozen(args: Args<'_>) -> PyResult<Value> {
    let name = name_arg(&args, "init_frozen")?;
    if pyrs_vm::frozen::find(&name).is_none() {
        return Ok(pyrs_objects::none());
    }
    pyrs_vm::import::import_absolute(&name)
}

/// `_frozen_module_names()`.
fn frozen_module_names(_args: Args<'_>) -> PyResult<Value> {
    Ok(tuple::new(
        pyrs_vm::frozen::FROZEN
            .iter()
            .map(|(n, _)| pystr::new(n))
            .collect(),
    ))
}

/// `create_dynamic(spec)`: pyrs loads no extension modules.
fn create_dynamic(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("create_dynamic", 1, 2)?;
    let name = protocol::getattr_str(&a[0], "name")?;
    let name = pystr::text_of(&name).unwrap_or_default();
    Err(PyErr::new(
        pyrs_objects::ExcKind::ImportError,
        format!("pyrs cannot load extension module {name}"),
    ))
}

/// `source_hash(key, source)`: the SipHash-1-3 of `source` keyed by `key`, as the 8 bytes
/// hash-based `.pyc` files record.
fn source_hash(args: Args<'_>) -> PyResult<Value> {
    let [key, source] = args.bind("source_hash", ["key", "source"], 0, 2, 2)?;
    let key = key.expect("required");
    let key = pyrs_objects::int::as_i64(&key)
        .ok_or_else(|| PyErr::type_error("an integer is required"))?;
    let source = source.expect("required");
    let data = protocol::collect(&source)?;
    let bytes: Vec<u8> = data
        .iter()
        .map(|b| pyrs_objects::int::as_i64(b).unwrap_or(0) as u8)
        .collect();
    let h = siphash13(key as u64, 0, &bytes);
    Ok(pyrs_objects::bytes::new(h.to_le_bytes().to_vec()))
}

/// SipHash-1-3 (one compression round per block, three finalisation rounds).
fn siphash13(k0: u64, k1: u64, data: &[u8]) -> u64 {
    let mut v0 = k0 ^ 0x736f_6d65_7073_6575;
    let mut v1 = k1 ^ 0x646f_7261_6e64_6f6d;
    let mut v2 = k0 ^ 0x6c79_6765_6e65_7261;
    let mut v3 = k1 ^ 0x7465_6462_7974_6573;
    let round = |v0: &mut u64, v1: &mut u64, v2: &mut u64, v3: &mut u64| {
        *v0 = v0.wrapping_add(*v1);
        *v1 = v1.rotate_left(13) ^ *v0;
        *v0 = v0.rotate_left(32);
        *v2 = v2.wrapping_add(*v3);
        *v3 = v3.rotate_left(16) ^ *v2;
        *v0 = v0.wrapping_add(*v3);
        *v3 = v3.rotate_left(21) ^ *v0;
        *v2 = v2.wrapping_add(*v1);
        *v1 = v1.rotate_left(17) ^ *v2;
        *v2 = v2.rotate_left(32);
    };
    let mut chunks = data.chunks_exact(8);
    for c in &mut chunks {
        let m = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        v3 ^= m;
        round(&mut v0, &mut v1, &mut v2, &mut v3);
        v0 ^= m;
    }
    let rest = chunks.remainder();
    let mut last = (data.len() as u64 & 0xff) << 56;
    for (i, b) in rest.iter().enumerate() {
        last |= u64::from(*b) << (8 * i);
    }
    v3 ^= last;
    round(&mut v0, &mut v1, &mut v2, &mut v3);
    v0 ^= last;
    v2 ^= 0xff;
    for _ in 0..3 {
        round(&mut v0, &mut v1, &mut v2, &mut v3);
    }
    v0 ^ v1 ^ v2 ^ v3
}
