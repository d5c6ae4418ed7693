//! The instructions of `match` statements (PEP 634; CPython's `MATCH_*` in
//! Python/bytecodes.c with `match_keys` and `match_class` of Python/ceval.c): whether a
//! subject is a mapping or a sequence for patterns, the values of a mapping pattern's keys,
//! and the attributes a class pattern captures.
//!
//! Whether a class's instances are sequences or mappings is its [`TypeFlags::SEQUENCE`] or
//! [`TypeFlags::MAPPING`] flag, or, when it has neither, its base's (CPython copies the flag
//! into each new class; asking along the chain of bases gives the same answer and sees a
//! flag `collections.abc` sets later by registration). The eleven built-in types that match
//! themselves in `int(x)` patterns are recognised the same way.

use pyrs_bytecode::Opcode;
use pyrs_objects::typeobject::{type_data, TypeData, TypeFlags};
use pyrs_objects::{protocol, str as pystr, tuple, types, PyErr, PyResult, Value};

use crate::frame::Frame;

/// Executes `MATCH_MAPPING`, `MATCH_SEQUENCE`, `MATCH_KEYS` or `MATCH_CLASS`.
pub(crate) fn execute(frame: &mut Frame, op: Opcode, oparg: u32) -> PyResult<()> {
    match op {
        Opcode::MATCH_MAPPING | Opcode::MATCH_SEQUENCE => {
            let subject = frame.peek(1).clone().unwrap_or_else(pyrs_objects::none);
            let want = if op == Opcode::MATCH_MAPPING {
                TypeFlags::MAPPING
            } else {
                TypeFlags::SEQUENCE
            };
            let is = collection_flag(subject.class()) == Some(want);
            frame.push(pyrs_objects::bool(is));
        }
        Opcode::MATCH_KEYS => {
            let keys = frame.peek(1).clone().unwrap_or_else(pyrs_objects::none);
            let subject = frame.peek(2).clone().unwrap_or_else(pyrs_objects::none);
            let values = match_keys(&subject, &keys)?;
            frame.push(values.unwrap_or_else(pyrs_objects::none));
        }
        Opcode::MATCH_CLASS => {
            let names = frame.pop();
            let class = frame.pop();
            let subject = frame.pop();
            let attrs = match_class(&subject, &class, oparg as usize, &names)?;
            frame.push(attrs.unwrap_or_else(pyrs_objects::none));
        }
        _ => {
            return Err(PyErr::system_error(format!(
                "{} is not a match instruction",
                op.name()
            )))
        }
    }
    Ok(())
}

/// The built-in types whose instances are sequences for patterns.
fn builtin_sequence(ty: &Value) -> bool {
    let t = types();
    ty.is(&t.list)
        || ty.is(&t.tuple)
        || ty.is(pyrs_objects::range::range_type())
        || ty.is(pyrs_objects::memoryview::memoryview_type())
}

/// `SEQUENCE`, `MAPPING` or neither, for instances of `ty`: its own flag, else the first
/// base (by `__base__`) that has one.
fn collection_flag(ty: &Value) -> Option<TypeFlags> {
    let mut current = Some(ty.clone());
    let mut steps = 0;
    while let Some(c) = current {
        let data: &TypeData = type_data(&c)?;
        let flags = data.flags.get();
        if flags.contains(TypeFlags::SEQUENCE) {
            return Some(TypeFlags::SEQUENCE);
        }
        if flags.contains(TypeFlags::MAPPING) {
            return Some(TypeFlags::MAPPING);
        }
        if builtin_sequence(&c) {
            return Some(TypeFlags::SEQUENCE);
        }
        if c.is(&types().dict) {
            return Some(TypeFlags::MAPPING);
        }
        steps += 1;
        if steps > 10_000 {
            return None;
        }
        current = data.base();
    }
    None
}

/// Whether `Cls(x)` matches the subject itself (CPython's `_Py_TPFLAGS_MATCH_SELF`): the
/// class is, or derives by `__base__` from, one of the eleven built-in types.
fn match_self(ty: &Value) -> bool {
    let t = types();
    let builtins = [
        &t.bool,
        pyrs_objects::bytearray::bytearray_type(),
        pyrs_objects::bytes::bytes_type(),
        &t.dict,
        &t.float,
        pyrs_objects::set::frozenset_type(),
        &t.int,
        &t.list,
        pyrs_objects::set::set_type(),
        &t.str,
        &t.tuple,
    ];
    let mut current = Some(ty.clone());
    let mut steps = 0;
    while let Some(c) = current {
        if builtins.iter().any(|b| c.is(b)) {
            return true;
        }
        steps += 1;
        if steps > 10_000 {
            return false;
        }
        current = type_data(&c).and_then(TypeData::base);
    }
    false
}

/// The values of a mapping pattern's keys in `map`, or `None` when one is missing (CPython's
/// `match_keys`): looked up with `map.get(key, sentinel)`, so that `__missing__` and
/// `defaultdict` factories are not triggered; a key given twice is a ValueError.
fn match_keys(map: &Value, keys: &Value) -> PyResult<Option<Value>> {
    let keys = tuple::items_of(keys).unwrap_or(&[]).to_vec();
    if keys.is_empty() {
        return Ok(Some(tuple::empty()));
    }
    let get = protocol::getattr(map, &pystr::intern("get"))?;
    let seen = pyrs_objects::set::new_set(Vec::new())?;
    let seen_data = pyrs_objects::set::any_set(&seen)
        .ok_or_else(|| PyErr::system_error("match_keys: a new set is not a set"))?;
    let dummy = protocol::call1(&types().object, &[])?;
    let mut values = Vec::with_capacity(keys.len());
    for key in &keys {
        if seen_data.contains(key)? {
            return Err(PyErr::value_error(format!(
                "mapping pattern checks duplicate key ({})",
                protocol::repr_string(key)?
            )));
        }
        seen_data.add(key.clone())?;
        let value = protocol::call1(&get, &[key.clone(), dummy.clone()])?;
        if value.is(&dummy) {
            return Ok(None);
        }
        values.push(value);
    }
    Ok(Some(tuple::new(values)))
}

/// The name of a class in match errors (CPython's `tp_name`).
fn class_name(class: &Value) -> String {
    type_data(class).map(TypeData::name).unwrap_or_default()
}

/// One attribute a class pattern captures, or `None` when the subject lacks it (CPython's
/// `match_class_attr`); an attribute named twice is a TypeError.
fn match_class_attr(
    subject: &Value,
    class: &Value,
    name: &Value,
    seen: &mut Vec<Value>,
) -> PyResult<Option<Value>> {
    for s in seen.iter() {
        if protocol::eq(s, name)? {
            return Err(PyErr::type_error(format!(
                "{}() got multiple sub-patterns for attribute {}",
                class_name(class),
                protocol::repr_string(name)?
            )));
        }
    }
    seen.push(name.clone());
    protocol::getattr_opt(subject, name)
}

/// The attributes a class pattern `Cls(p1, p2, k=p3)` captures, in order, or `None` when
/// the subject is not an instance or lacks one (CPython's `match_class`).
fn match_class(
    subject: &Value,
    class: &Value,
    nargs: usize,
    kwargs: &Value,
) -> PyResult<Option<Value>> {
    if type_data(class).is_none() {
        return Err(PyErr::type_error("called match pattern must be a class"));
    }
    if !crate::builtins::is_instance(subject, class)? {
        return Ok(None);
    }
    let mut seen: Vec<Value> = Vec::new();
    let mut attrs: Vec<Value> = Vec::new();
    if nargs > 0 {
        let match_args = protocol::getattr_opt(class, &pystr::intern("__match_args__"))?;
        let (match_args, is_self) = match match_args {
            Some(m) => {
                if !m.is_exact(&types().tuple) {
                    return Err(PyErr::type_error(format!(
                        "{}.__match_args__ must be a tuple (got {})",
                        class_name(class),
                        m.type_data().name()
                    )));
                }
                (m, false)
            }
            None => (tuple::empty(), match_self(class)),
        };
        let names = tuple::items_of(&match_args).unwrap_or(&[]).to_vec();
        let allowed = if is_self { 1 } else { names.len() };
        if allowed < nargs {
            return Err(PyErr::type_error(format!(
                "{}() accepts {allowed} positional sub-pattern{} ({nargs} given)",
                class_name(class),
                if allowed == 1 { "" } else { "s" }
            )));
        }
        if is_self {
            attrs.push(subject.clone());
        } else {
            for name in names.iter().take(nargs) {
                if !name.is_exact(&types().str) {
                    return Err(PyErr::type_error(format!(
                        "__match_args__ elements must be strings (got {})",
                        name.type_data().name()
                    )));
                }
                match match_class_attr(subject, class, name, &mut seen)? {
                    Some(v) => attrs.push(v),
                    None => return Ok(None),
                }
            }
        }
    }
    for name in tuple::items_of(kwargs).unwrap_or(&[]) {
        match match_class_attr(subject, class, name, &mut seen)? {
            Some(v) => attrs.push(v),
            None => return Ok(None),
        }
    }
    Ok(Some(tuple::new(attrs)))
}
