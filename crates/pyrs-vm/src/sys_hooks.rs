//! The parts of `sys` that hand control to Python code the program chooses (CPython's
//! Python/sysmodule.c and Python/errors.c): `sys.breakpointhook`, which `breakpoint()` calls,
//! and `sys.unraisablehook`, through which every exception that cannot propagate (a failing
//! `__del__`, a weakref callback that raises, a generator's `finally` at collection) is
//! reported; and the table `sys.stdlib_module_names`.

use pyrs_objects::dict::DictData;
use pyrs_objects::native::new_module_function;
use pyrs_objects::{protocol, str as pystr, structseq, Args, ExcKind, PyErr, PyResult, Value};

use crate::stdlib_module_names::NAMES;

/// Adds the hooks (also as `__breakpointhook__` and `__unraisablehook__`, the originals) and
/// `stdlib_module_names` to the `sys` namespace `d`.
pub(crate) fn install(module: &Value, d: &DictData) {
    let hooks: [(&str, &str, pyrs_objects::native::NativeFn); 2] = [
        ("breakpointhook", "__breakpointhook__", breakpointhook),
        ("unraisablehook", "__unraisablehook__", unraisablehook),
    ];
    for (name, original, f) in hooks {
        let func = new_module_function(name, f, module.clone());
        d.set_str(name, func.clone());
        d.set_str(original, func);
    }
    let names = NAMES.iter().map(|n| pystr::intern(n)).collect();
    if let Ok(names) = pyrs_objects::set::new_frozenset(names) {
        d.set_str("stdlib_module_names", names);
    }
}

/// `sys.breakpointhook(*args, **kws)`: calls the function PYTHONBREAKPOINT names
/// (`pdb.set_trace` when it is unset or empty; nothing when it is `0`).
fn breakpointhook(args: Args<'_>) -> PyResult<Value> {
    let env = if ignore_environment() {
        None
    } else {
        std::env::var("PYTHONBREAKPOINT").ok()
    };
    let (module, attr) = match env.as_deref() {
        None | Some("") => ("pdb", "set_trace"),
        Some("0") => return Ok(pyrs_objects::none()),
        Some(path) => path.rsplit_once('.').unwrap_or(("builtins", path)),
    };
    let hook = crate::import::import_absolute(module)
        .and_then(|m| protocol::getattr(&m, &pystr::new(attr)));
    match hook {
        Ok(hook) => protocol::call(&hook, args),
        Err(e) if e.is(ExcKind::ImportError) || e.is(ExcKind::AttributeError) => {
            let env = env.unwrap_or_default();
            crate::warnings::warn(
                ExcKind::RuntimeWarning,
                &format!("Ignoring unimportable $PYTHONBREAKPOINT: \"{env}\""),
                1,
            )?;
            Ok(pyrs_objects::none())
        }
        Err(e) => Err(e),
    }
}

/// Whether `-E`/`-I` told the interpreter to ignore PYTHON* variables (`sys.flags`).
fn ignore_environment() -> bool {
    crate::sys::get("flags")
        .and_then(|f| protocol::getattr(&f, &pystr::intern("ignore_environment")).ok())
        .and_then(|v| protocol::is_true(&v).ok())
        .unwrap_or(false)
}

static HOOK_ARGS: structseq::StructSeqDesc = structseq::StructSeqDesc {
    module: "builtins",
    name: "UnraisableHookArgs",
    doc: "UnraisableHookArgs\n\nType used to pass arguments to sys.unraisablehook.",
    fields: &[
        "exc_type",
        "exc_value",
        "exc_traceback",
        "err_msg",
        "object",
    ],
};

fn hook_args_type() -> Value {
    static TYPE: std::sync::OnceLock<pyrs_objects::SyncCell<Value>> = std::sync::OnceLock::new();
    TYPE.get_or_init(|| pyrs_objects::SyncCell(structseq::new_type(&HOOK_ARGS)))
        .0
        .clone()
}

/// `sys.unraisablehook(unraisable)`, the default: writes the report to standard error.
fn unraisablehook(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("unraisablehook", 1, 1)?;
    let field = |name: &str| protocol::getattr(&a[0], &pystr::intern(name));
    let exc = field("exc_value")?;
    let message = field("err_msg")?;
    let message = if protocol::is_none(&message) {
        "Exception ignored in".to_string()
    } else {
        protocol::str_string(&message)?
    };
    let obj = field("object")?;
    let obj = (!protocol::is_none(&obj)).then_some(obj);
    write_report(&exc, &message, obj.as_ref());
    Ok(pyrs_objects::none())
}

fn write_report(exc: &Value, message: &str, obj: Option<&Value>) {
    // As CPython's default hook: nothing is written when sys.stderr is None or gone (as at
    // the end of the interpreter, once `sys` is wiped).
    if crate::sys::get("stderr").is_none_or(|f| protocol::is_none(&f)) {
        return;
    }
    crate::sys::flush_stdout();
    let text = crate::traceback::format_unraisable(exc, message, obj);
    crate::sys::write_stderr(&text);
}

/// Reports an exception that cannot propagate (`PyErr_WriteUnraisable`): through
/// `sys.unraisablehook`, or straight to standard error when the hook is the default or gone.
/// A hook that fails is reported in its place, as CPython does.
pub(crate) fn report_unraisable(err: &PyErr, message: &str, obj: Option<&Value>) {
    let hook = crate::sys::get("unraisablehook");
    let default = crate::sys::get("__unraisablehook__");
    let hook = match (hook, default) {
        (Some(h), Some(d)) if h.is(&d) => None,
        (h, _) => h,
    };
    let Some(hook) = hook else {
        return write_report(err.value(), message, obj);
    };
    let exc = err.value().clone();
    let tb = protocol::getattr(&exc, &pystr::intern("__traceback__"))
        .unwrap_or_else(|_| pyrs_objects::none());
    let err_msg = if message == "Exception ignored in" {
        pyrs_objects::none()
    } else {
        pystr::new(message)
    };
    let record = structseq::new(
        &hook_args_type(),
        vec![
            exc.class().clone(),
            exc,
            tb,
            err_msg,
            obj.cloned().unwrap_or_else(pyrs_objects::none),
        ],
    );
    if let Err(e) = protocol::call1(&hook, &[record]) {
        write_report(
            e.value(),
            "Exception ignored in sys.unraisablehook",
            Some(&hook),
        );
    }
}
