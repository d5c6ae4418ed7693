//! The `super` type (CPython's `super` in Objects/typeobject.c): attribute lookup that starts
//! after a given class in the instance's MRO, including the zero-argument form that finds
//! the class and instance in the calling frame.

use std::sync::OnceLock;

use pyrs_objects::native::{MethodDef, MethodKind};
use pyrs_objects::object::Payload;
use pyrs_objects::typeobject::{is_subtype, type_data, TypeBuilder, TypeFlags};
use pyrs_objects::{protocol, str as pystr, Args, PyErr, PyResult, SyncCell, Value};

use crate::function::CellData;

/// The payload of a `super` object.
pub struct SuperData {
    /// The class after which lookup starts.
    pub class: Value,
    /// The instance or class bound (None for an unbound super).
    pub obj: Option<Value>,
    /// The type whose MRO is searched.
    pub obj_type: Option<Value>,
}

impl Payload for SuperData {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.class);
        if let Some(obj) = &self.obj {
            visit(obj);
        }
        if let Some(obj_type) = &self.obj_type {
            visit(obj_type);
        }
    }
}

static TYPE: OnceLock<SyncCell<Value>> = OnceLock::new();

/// The `super` type.
pub fn super_type() -> &'static Value {
    &TYPE
        .get_or_init(|| {
            SyncCell(
                TypeBuilder::new::<SuperData>("super")
                    .subclassable()
                    .slots(|s| {
                        s.new.set(Some(super_new));
                        s.getattro.set(Some(super_getattro));
                        s.repr.set(Some(super_repr));
                        s.descr_get.set(Some(super_get));
                    })
                    .methods(SUPER_MEMBERS)
                    .build(),
            )
        })
        .0
}

/// The type whose MRO `super(class, obj)` searches.
fn check(class: &Value, obj: &Value) -> PyResult<Value> {
    if type_data(obj).is_some() && is_subtype(obj, class) {
        return Ok(obj.clone());
    }
    if is_subtype(obj.class(), class) {
        return Ok(obj.class().clone());
    }
    // A proxy's `__class__`.
    if let Some(c) = protocol::getattr_opt(obj, &pystr::intern("__class__"))? {
        if type_data(&c).is_some() && !c.is(obj.class()) && is_subtype(&c, class) {
            return Ok(c);
        }
    }
    let (kind, obj_name) = match type_data(obj) {
        Some(t) => ("type", t.name()),
        None => ("instance of", obj.type_data().name()),
    };
    let class_name = type_data(class).map(|t| t.name()).unwrap_or_default();
    Err(PyErr::type_error(format!(
        "super(type, obj): obj ({kind} {obj_name}) is not an instance or subtype of type ({class_name})."
    )))
}

/// Looks `name` up after `class` in `obj`'s MRO; in method form, a plain method comes back
/// unbound with `obj` to pass as self.
pub fn super_lookup(
    class: &Value,
    obj: &Value,
    name: &Value,
    method: bool,
) -> PyResult<(Value, Option<Value>)> {
    if type_data(class).is_none() {
        return Err(PyErr::type_error(format!(
            "super() argument 1 must be a type, not {}",
            class.type_data().name()
        )));
    }
    let start = check(class, obj)?;
    if let Some(found) = find_after(&start, class, name) {
        let ft = found.type_data();
        if method && ft.flags.get().contains(TypeFlags::METHOD_DESCRIPTOR) {
            return Ok((found, Some(obj.clone())));
        }
        return match ft.slots.descr_get.get() {
            Some(get) => {
                let inst = if obj.is(&start) { None } else { Some(obj) };
                Ok((get(&found, inst, Some(&start))?, None))
            }
            None => Ok((found, None)),
        };
    }
    let sup = pyrs_objects::object::alloc(
        super_type(),
        SuperData {
            class: class.clone(),
            obj: Some(obj.clone()),
            obj_type: Some(start),
        },
    );
    Ok((
        protocol::generic_getattr(&sup, name).map_err(|_| {
            let text = pystr::text_of(name).unwrap_or_default();
            PyErr::attribute_error(format!("'super' object has no attribute '{text}'"))
        })?,
        None,
    ))
}

fn find_after(start: &Value, class: &Value, name: &Value) -> Option<Value> {
    let mro = pyrs_objects::typemethods::mro_items(start);
    let i = mro.iter().position(|c| c.is(class))?;
    for c in &mro[i + 1..] {
        let d = type_data(c)?;
        if let Some(v) = d
            .dict()
            .downcast::<pyrs_objects::dict::DictData>()?
            .get_str(name)
        {
            return Some(v);
        }
    }
    None
}

fn super_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    args.no_kwargs("super")?;
    let a = args.pos();
    if a.len() > 2 {
        return Err(PyErr::type_error(format!(
            "super() expected at most 2 arguments, got {}",
            a.len()
        )));
    }
    let (class, obj) = match a {
        [] => zero_arg()?,
        [class] => (class.clone(), None),
        [class, obj] => (class.clone(), Some(obj.clone())),
        _ => unreachable!("checked"),
    };
    if type_data(&class).is_none() {
        return Err(PyErr::type_error(format!(
            "super() argument 1 must be a type, not {}",
            class.type_data().name()
        )));
    }
    let obj_type = match &obj {
        Some(o) if !protocol::is_none(o) => Some(check(&class, o)?),
        _ => None,
    };
    let obj = obj.filter(|o| !protocol::is_none(o));
    Ok(pyrs_objects::object::alloc(
        cls,
        SuperData {
            class,
            obj,
            obj_type,
        },
    ))
}

/// `super()` in a method: `__class__` from the frame's cell and its first argument.
fn zero_arg() -> PyResult<(Value, Option<Value>)> {
    let frame =
        crate::frame::current().ok_or_else(|| PyErr::runtime_error("super(): no current frame"))?;
    let code = frame.code();
    if code.code.argcount == 0 {
        return Err(PyErr::runtime_error("super(): no arguments"));
    }
    let mut first = frame.local(0).clone();
    if let Some(cell) = first.as_ref().and_then(|c| c.downcast::<CellData>()) {
        if code.kinds[0].contains(pyrs_bytecode::LocalKind::CELL) {
            first = cell.get();
        }
    }
    let first = first.ok_or_else(|| PyErr::runtime_error("super(): arg[0] deleted"))?;
    let class_name = pystr::intern("__class__");
    for (i, name) in code.localsplus.iter().enumerate() {
        if name.is(&class_name) && code.kinds[i].contains(pyrs_bytecode::LocalKind::FREE) {
            let cell = frame.local(i).clone();
            let class = cell
                .as_ref()
                .and_then(|c| c.downcast::<CellData>())
                .and_then(CellData::get)
                .ok_or_else(|| PyErr::runtime_error("super(): empty __class__ cell"))?;
            if type_data(&class).is_none() {
                return Err(PyErr::runtime_error("super(): __class__ is not a type"));
            }
            return Ok((class, Some(first)));
        }
    }
    Err(PyErr::runtime_error("super(): __class__ cell not found"))
}

fn data(v: &Value) -> PyResult<&SuperData> {
    v.downcast::<SuperData>()
        .ok_or_else(|| PyErr::type_error("bad super"))
}

fn super_getattro(s: &Value, name: &Value) -> PyResult<Value> {
    let d = data(s)?;
    if let (Some(start), Some(obj)) = (&d.obj_type, &d.obj) {
        if pystr::text_of(name).as_deref() != Some("__class__") {
            if let Some(found) = find_after(start, &d.class, name) {
                return match found.type_data().slots.descr_get.get() {
                    Some(get) => {
                        let inst = if obj.is(start) { None } else { Some(obj) };
                        get(&found, inst, Some(start))
                    }
                    None => Ok(found),
                };
            }
        }
    }
    protocol::generic_getattr(s, name)
}

fn super_get(s: &Value, obj: Option<&Value>, _owner: Option<&Value>) -> PyResult<Value> {
    let d = data(s)?;
    match obj {
        Some(o) if d.obj.is_none() && !protocol::is_none(o) => {
            protocol::call1(s.class(), &[d.class.clone(), o.clone()])
        }
        _ => Ok(s.clone()),
    }
}

fn super_repr(s: &Value) -> PyResult<Value> {
    let d = data(s)?;
    let class = type_data(&d.class).map(|t| t.name()).unwrap_or_default();
    Ok(pystr::new(&match &d.obj_type {
        Some(t) => format!(
            "<super: <class '{class}'>, <{} object>>",
            type_data(t).map(|t| t.name()).unwrap_or_default()
        ),
        None => format!("<super: <class '{class}'>, NULL>"),
    }))
}

fn super_data(s: &Value) -> PyResult<&SuperData> {
    s.downcast::<SuperData>()
        .ok_or_else(|| PyErr::type_error("descriptor requires a 'super' object"))
}

fn thisclass(s: &Value) -> PyResult<Value> {
    Ok(super_data(s)?.class.clone())
}

fn self_(s: &Value) -> PyResult<Value> {
    Ok(super_data(s)?
        .obj
        .clone()
        .unwrap_or_else(pyrs_objects::none))
}

fn self_class(s: &Value) -> PyResult<Value> {
    Ok(super_data(s)?
        .obj_type
        .clone()
        .unwrap_or_else(pyrs_objects::none))
}

/// `super`'s read-only members.
const SUPER_MEMBERS: &[MethodDef] = &[
    MethodDef::new("__thisclass__", MethodKind::GetSet(thisclass, None)),
    MethodDef::new("__self__", MethodKind::GetSet(self_, None)),
    MethodDef::new("__self_class__", MethodKind::GetSet(self_class, None)),
];
