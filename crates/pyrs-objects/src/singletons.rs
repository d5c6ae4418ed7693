//! The types of `None`, `NotImplemented` and `Ellipsis` (CPython's Objects/object.c and
//! sliceobject.c), each with its one instance.

use crate::args::Args;
use crate::error::{PyErr, PyResult};
use crate::native::{MethodDef, MethodKind};
use crate::typeobject::TypeBuilder;
use crate::value::Value;

fn no_args(name: &str, args: Args<'_>) -> PyResult<()> {
    if !args.values().is_empty() {
        return Err(PyErr::type_error(format!("{name} takes no arguments")));
    }
    Ok(())
}

/// `NoneType`.
pub(crate) fn none_builder() -> TypeBuilder {
    TypeBuilder::new::<()>("NoneType")
        .doc("The type of the None singleton.")
        .slots(|s| {
            s.repr.set(Some(|_| Ok(crate::str::intern("None"))));
            s.bool.set(Some(|_| Ok(false)));
            // A constant since CPython 3.12, so sets and dicts holding None iterate and
            // hash (range's hash, tuples) alike from run to run.
            s.hash.set(Some(|_| Ok(0xFCA8_6420)));
            s.new.set(Some(|_, args| {
                no_args("NoneType", args)?;
                Ok(crate::none())
            }));
        })
}

/// The singletons pickle as their names.
const NOT_IMPLEMENTED_METHODS: &[MethodDef] = &[MethodDef::new(
    "__reduce__",
    MethodKind::Method(|_| Ok(crate::str::intern("NotImplemented"))),
)];

const ELLIPSIS_METHODS: &[MethodDef] = &[MethodDef::new(
    "__reduce__",
    MethodKind::Method(|_| Ok(crate::str::intern("Ellipsis"))),
)];

/// `NotImplementedType`.
pub(crate) fn not_implemented_builder() -> TypeBuilder {
    TypeBuilder::new::<()>("NotImplementedType")
        .doc("The type of the NotImplemented singleton.")
        .slots(|s| {
            s.repr
                .set(Some(|_| Ok(crate::str::intern("NotImplemented"))));
            // True, with a DeprecationWarning (Python 3.14 makes it a TypeError).
            s.bool.set(Some(|_| {
                (crate::hooks::get().warn)(
                    crate::ExcKind::DeprecationWarning,
                    "NotImplemented should not be used in a boolean context",
                )?;
                Ok(true)
            }));
            s.new.set(Some(|_, args| {
                no_args("NotImplementedType", args)?;
                Ok(crate::not_implemented())
            }));
        })
        .methods(NOT_IMPLEMENTED_METHODS)
}

/// `ellipsis`.
pub(crate) fn ellipsis_builder() -> TypeBuilder {
    TypeBuilder::new::<()>("ellipsis")
        .slots(|s| {
            s.repr.set(Some(|_| Ok(crate::str::intern("Ellipsis"))));
            s.new.set(Some(|_, args| {
                no_args("ellipsis", args)?;
                Ok(crate::types().ellipsis.clone())
            }));
        })
        .methods(ELLIPSIS_METHODS)
}

/// `Ellipsis`.
pub fn ellipsis() -> Value {
    crate::types().ellipsis.clone()
}
