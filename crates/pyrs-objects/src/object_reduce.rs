//! `object.__reduce_ex__`, `object.__reduce__` and `object.__getstate__` (the pickling
//! support of CPython's Objects/typeobject.c: `object___reduce_ex___impl`, `_common_reduce`,
//! `reduce_newobj`, `object_getstate`), with the help of the pure-Python `copyreg` module.

use crate::args::Args;
use crate::error::{PyErr, PyResult};
use crate::value::Value;
use crate::{protocol, tuple, types};

fn object_data() -> &'static crate::typeobject::TypeData {
    crate::typeobject::type_data(&types().object).expect("object is a type")
}

fn import_copyreg() -> PyResult<Value> {
    (crate::hooks::get().import_module)("copyreg")
}

/// `object.__getstate__()`: a copy of the instance dict, or `None` when it is empty.
pub(crate) fn object_getstate(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("__getstate__", 1, 1)?;
    getstate_default(&a[0], false)
}

fn getstate_default(obj: &Value, required: bool) -> PyResult<Value> {
    let object_payload = object_data().payload;
    if required && obj.type_data().payload != object_payload {
        return Err(PyErr::type_error(format!(
            "cannot pickle '{}' object",
            obj.type_data().name()
        )));
    }
    let mut state = match protocol::instance_dict(obj) {
        Some(d)
            if d.downcast::<crate::dict::DictData>()
                .is_some_and(|d| !d.is_empty()) =>
        {
            protocol::call_method(&d, "copy", &[])?
        }
        _ => crate::none(),
    };
    // The values of `__slots__` go beside the dict, as `(dict_or_None, {slot: value})`.
    let names = slot_names(obj.class())?;
    if !names.is_empty() {
        let slots = crate::dict::new();
        for name in names {
            if let Some(v) = protocol::getattr_opt(obj, &name)? {
                protocol::setitem(&slots, &name, Some(&v))?;
            }
        }
        if slots
            .downcast::<crate::dict::DictData>()
            .is_some_and(|d| !d.is_empty())
        {
            state = tuple::new(vec![state, slots]);
        }
    }
    Ok(state)
}

/// The names of a class's slots (CPython's `_PyType_GetSlotNames`): its cached
/// `__slotnames__`, or what `copyreg._slotnames` computes (and caches).
fn slot_names(cls: &Value) -> PyResult<Vec<Value>> {
    let cached = crate::typeobject::type_data(cls)
        .and_then(|t| t.dict_data().get_str(&crate::str::intern("__slotnames__")));
    let names = match cached {
        Some(n) => n,
        None => {
            let f = protocol::getattr_str(&import_copyreg()?, "_slotnames")?;
            protocol::call1(&f, std::slice::from_ref(cls))?
        }
    };
    if protocol::is_none(&names) {
        return Ok(Vec::new());
    }
    match names.downcast::<crate::list::ListData>() {
        Some(l) => Ok(l.to_vec()),
        None => Err(PyErr::type_error(
            "copyreg._slotnames didn't return a list or None",
        )),
    }
}

/// The state `reduce_newobj` pickles: `obj.__getstate__()`, or the default when that is
/// `object.__getstate__` itself (so `required` is checked).
fn getstate(obj: &Value, required: bool) -> PyResult<Value> {
    let own = obj.type_data().lookup_str("__getstate__");
    let default = object_data().lookup_str("__getstate__");
    if let (Some(own), Some(default)) = (&own, &default) {
        if own.is(default) {
            return getstate_default(obj, required);
        }
    }
    let getstate = protocol::getattr_str(obj, "__getstate__")?;
    protocol::call1(&getstate, &[])
}

/// `obj.__getnewargs_ex__()` or `obj.__getnewargs__()`: the arguments to `__new__`, if
/// the object says.
fn new_arguments(obj: &Value) -> PyResult<(Option<Value>, Option<Value>)> {
    if let Some(f) = protocol::lookup_special(obj, "__getnewargs_ex__")? {
        let r = protocol::call1(&f, &[])?;
        let Some(items) = tuple::items_of(&r).filter(|i| i.len() == 2) else {
            return Err(PyErr::type_error(format!(
                "__getnewargs_ex__ should return a tuple of length 2, not '{}'",
                r.type_data().name()
            )));
        };
        return Ok((Some(items[0].clone()), Some(items[1].clone())));
    }
    if let Some(f) = protocol::lookup_special(obj, "__getnewargs__")? {
        let r = protocol::call1(&f, &[])?;
        if tuple::items_of(&r).is_none() {
            return Err(PyErr::type_error(format!(
                "__getnewargs__ should return a tuple, not '{}'",
                r.type_data().name()
            )));
        }
        return Ok((Some(r), None));
    }
    Ok((None, None))
}

fn reduce_newobj(obj: &Value) -> PyResult<Value> {
    let class = obj.class().clone();
    if class.type_data().slots.new.get().is_none() {
        return Err(PyErr::type_error(format!(
            "cannot pickle '{}' object",
            class.type_data().name()
        )));
    }
    let (args, kwargs) = new_arguments(obj)?;
    let copyreg = import_copyreg()?;
    let has_args = args.is_some();
    let args = args.unwrap_or_else(tuple::empty);
    let kwargs_empty = match &kwargs {
        None => true,
        Some(k) => protocol::len(k)? == 0,
    };
    let (newobj, newargs) = if kwargs_empty {
        let mut items = vec![class.clone()];
        items.extend(tuple::items_of(&args).unwrap_or_default().iter().cloned());
        (
            protocol::getattr_str(&copyreg, "__newobj__")?,
            tuple::new(items),
        )
    } else {
        (
            protocol::getattr_str(&copyreg, "__newobj_ex__")?,
            tuple::new(vec![
                class.clone(),
                args,
                kwargs.unwrap_or_else(crate::none),
            ]),
        )
    };
    let is_list = crate::typeobject::is_subtype(&class, &types().list);
    let is_dict = crate::typeobject::is_subtype(&class, &types().dict);
    let state = getstate(obj, !has_args && !is_list && !is_dict)?;
    let list_items = if is_list {
        protocol::iter(obj)?
    } else {
        crate::none()
    };
    let dict_items = if is_dict {
        protocol::iter(&protocol::call_method(obj, "items", &[])?)?
    } else {
        crate::none()
    };
    Ok(tuple::new(vec![
        newobj, newargs, state, list_items, dict_items,
    ]))
}

fn common_reduce(obj: &Value, proto: i64) -> PyResult<Value> {
    if proto >= 2 {
        return reduce_newobj(obj);
    }
    let copyreg = import_copyreg()?;
    let f = protocol::getattr_str(&copyreg, "_reduce_ex")?;
    protocol::call1(&f, &[obj.clone(), crate::int::from_i64(proto)])
}

/// `object.__reduce__()`.
pub(crate) fn object_reduce(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("__reduce__", 1, 1)?;
    common_reduce(&a[0], 0)
}

/// `object.__reduce_ex__(protocol)`: the class's own `__reduce__` if it overrides
/// `object.__reduce__`, else the common reduction.
pub(crate) fn object_reduce_ex(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("__reduce_ex__", 2, 2)?;
    let obj = &a[0];
    let proto = crate::int::as_i64(&protocol::index(&a[1])?).unwrap_or(i64::MAX);
    let default_reduce = object_data().lookup_str("__reduce__");
    let class_reduce = protocol::getattr_str(obj.class(), "__reduce__")?;
    let overridden = match default_reduce {
        Some(o) => !o.is(&class_reduce),
        None => true,
    };
    if overridden {
        let reduce = protocol::getattr_str(obj, "__reduce__")?;
        return protocol::call1(&reduce, &[]);
    }
    common_reduce(obj, proto)
}
