//! Constructors of built-in types whose modules in pyrs-objects are still being completed:
//! one place to switch over when they land.

use pyrs_objects::Value;

/// A `complex`.
pub(crate) fn complex(real: f64, imag: f64) -> Value {
    pyrs_objects::complex::new(real, imag)
}

/// A `bytes`.
pub(crate) fn bytes(b: &[u8]) -> Value {
    pyrs_objects::bytes::new(b.to_vec())
}

/// A `frozenset` (of constants, which are hashable).
pub(crate) fn frozenset(items: Vec<Value>) -> Value {
    pyrs_objects::set::new_frozenset(items).unwrap_or_else(|_| pyrs_objects::none())
}
