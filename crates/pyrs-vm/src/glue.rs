//! Constructors of built-in types whose modules in pyrs-objects are still being completed:
//! one place to switch over when they land.

use pyrs_objects::Value;

/// A `complex`. FIXME: the complex type; until then the real part as a float.
pub(crate) fn complex(real: f64, imag: f64) -> Value {
    let _ = imag;
    pyrs_objects::float::new(real)
}

/// A `bytes`. FIXME: the bytes type; until then a tuple of ints.
pub(crate) fn bytes(b: &[u8]) -> Value {
    pyrs_objects::tuple::new(b.iter().map(|&x| Value::small(x as i64)).collect())
}

/// A `frozenset`. FIXME: the set types; until then a tuple.
pub(crate) fn frozenset(items: Vec<Value>) -> Value {
    pyrs_objects::tuple::new(items)
}
