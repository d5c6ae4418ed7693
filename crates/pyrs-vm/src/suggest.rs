//! "Did you mean" suggestions for NameError, AttributeError and unexpected keyword
//! arguments (CPython's Python/suggestions.c); the distance itself is
//! [`pyrs_objects::suggest`]'s.

pub(crate) use pyrs_objects::suggest::best_match;

/// `sys.stdlib_module_names` of CPython 3.13 (sorted): the names a NameError asks whether
/// the program forgot to import.
pub(crate) use crate::stdlib_module_names::NAMES as STDLIB_MODULE_NAMES;
