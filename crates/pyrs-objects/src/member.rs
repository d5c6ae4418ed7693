//! `member_descriptor` (CPython's `PyMemberDescr_Type` of Objects/descrobject.c) and the
//! layout of `__slots__`: a class that names its instance attributes in `__slots__` gets,
//! instead of an instance dict, one storage cell per name in each instance and one member
//! descriptor per name in its dict, which reads and writes that cell.
//!
//! A cell is an [`object::DictSlot`] (`RefCell<Option<Value>>`, empty until assigned) at a
//! byte offset of the instance fixed by its class; [`crate::typeobject::TypeData`]'s
//! `member_offsets` lists every cell of the layout, inherited ones included, so that
//! allocation and deallocation initialise and drop them.

use std::sync::OnceLock;

use crate::error::{PyErr, PyResult};
use crate::exceptions::ExcKind;
use crate::native::{MethodDef, MethodKind};
use crate::object::{self, Payload};
use crate::protocol;
use crate::typeobject::{type_data, TypeBuilder};
use crate::value::Value;
use crate::SyncCell;

/// The payload of a `member_descriptor`.
pub struct MemberDescr {
    /// The attribute's name (mangled, as stored).
    pub name: Value,
    /// Where the cell is in an instance.
    pub offset: usize,
    /// The class that declared the slot.
    pub owner: Value,
}

impl Payload for MemberDescr {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.name);
        visit(&self.owner);
    }
}

static TYPE: OnceLock<SyncCell<Value>> = OnceLock::new();

/// The `member_descriptor` type.
pub fn member_descriptor_type() -> &'static Value {
    &TYPE
        .get_or_init(|| {
            SyncCell(
                TypeBuilder::new::<MemberDescr>("member_descriptor")
                    .slots(|s| {
                        s.repr.set(Some(member_repr));
                        s.descr_get.set(Some(member_get));
                        s.descr_set.set(Some(member_set));
                    })
                    .methods(MEMBER_METHODS)
                    .build(),
            )
        })
        .0
}

/// A member descriptor for the cell at `offset` of `owner`'s instances.
pub fn new_member(name: Value, offset: usize, owner: Value) -> Value {
    object::alloc(
        member_descriptor_type(),
        MemberDescr {
            name,
            offset,
            owner,
        },
    )
}

fn data(v: &Value) -> PyResult<&MemberDescr> {
    v.downcast::<MemberDescr>()
        .ok_or_else(|| PyErr::type_error("descriptor requires a 'member_descriptor' object"))
}

fn owner_name(d: &MemberDescr) -> String {
    type_data(&d.owner).map(|t| t.name()).unwrap_or_default()
}

fn member_repr(v: &Value) -> PyResult<Value> {
    let d = data(v)?;
    let name = crate::str::text_of(&d.name).unwrap_or_default();
    Ok(crate::str::from_string(format!(
        "<member '{name}' of '{}' objects>",
        owner_name(d)
    )))
}

/// The cell of `obj` a descriptor reads, after checking that `obj` has the owner's layout.
fn cell<'a>(d: &MemberDescr, obj: &'a Value) -> PyResult<&'a object::DictSlot> {
    crate::native::descr_check(
        &crate::str::text_of(&d.name).unwrap_or_default(),
        &d.owner,
        obj,
    )?;
    obj.member_slot(d.offset)
        .ok_or_else(|| PyErr::system_error("member descriptor on an object without the slot"))
}

fn member_get(descr: &Value, obj: Option<&Value>, _owner: Option<&Value>) -> PyResult<Value> {
    let Some(obj) = obj else {
        return Ok(descr.clone());
    };
    let d = data(descr)?;
    let value = cell(d, obj)?.borrow().clone();
    match value {
        Some(v) => Ok(v),
        None => Err(protocol::no_attribute(obj, &d.name)),
    }
}

fn member_set(descr: &Value, obj: &Value, value: Option<&Value>) -> PyResult<()> {
    let d = data(descr)?;
    let slot = cell(d, obj)?;
    let old = match value {
        Some(v) => slot.replace(Some(v.clone())),
        None => {
            let old = slot.replace(None);
            if old.is_none() {
                return Err(PyErr::with_args(
                    ExcKind::AttributeError,
                    vec![d.name.clone()],
                ));
            }
            old
        }
    };
    drop(old);
    Ok(())
}

fn get_name(v: &Value) -> PyResult<Value> {
    Ok(data(v)?.name.clone())
}

fn get_objclass(v: &Value) -> PyResult<Value> {
    Ok(data(v)?.owner.clone())
}

fn get_doc(_v: &Value) -> PyResult<Value> {
    Ok(crate::none())
}

const MEMBER_METHODS: &[MethodDef] = &[
    MethodDef::new("__name__", MethodKind::GetSet(get_name, None)),
    MethodDef::new("__qualname__", MethodKind::GetSet(get_name, None)),
    MethodDef::new("__objclass__", MethodKind::GetSet(get_objclass, None)),
    MethodDef::new("__doc__", MethodKind::GetSet(get_doc, None)),
];

/// What a class's `__slots__` asks for, read from its namespace (CPython's
/// `type_new_slots`): the member names (mangled, sorted), and whether `__dict__` and
/// `__weakref__` were listed.
pub struct SlotsSpec {
    /// The names that get a cell each.
    pub members: Vec<Value>,
    /// `__dict__` was listed.
    pub add_dict: bool,
    /// `__weakref__` was listed.
    pub add_weakref: bool,
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c == '_' || c.is_alphabetic() => {}
        _ => return false,
    }
    chars.all(|c| c == '_' || c.is_alphanumeric())
}

/// `__name` inside class `class_name` becomes `_ClassName__name` (CPython's
/// `_Py_Mangle`).
fn mangle(class_name: &str, name: &str) -> String {
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return name.to_string();
    }
    let stripped = class_name.trim_start_matches('_');
    if stripped.is_empty() {
        return name.to_string();
    }
    format!("_{stripped}{name}")
}

/// Reads `__slots__` from a class namespace, with CPython's errors; `None` when the
/// namespace has no `__slots__`. `base_has_dict` and `base_has_weakref` say what the base
/// layout already provides; `variable_size` that the base is an int, tuple or bytes.
pub fn read_slots(
    namespace: &crate::dict::DictData,
    class_name: &str,
    base_name: &str,
    base_has_dict: bool,
    base_has_weakref: bool,
    variable_size: bool,
) -> PyResult<Option<SlotsSpec>> {
    let Some(slots) = namespace.get_str(&crate::str::intern("__slots__")) else {
        return Ok(None);
    };
    let names = if slots.is_exact(&crate::types().str) {
        vec![slots]
    } else {
        protocol::collect(&slots)?
    };
    let mut spec = SlotsSpec {
        members: Vec::new(),
        add_dict: false,
        add_weakref: false,
    };
    let mut plain = Vec::new();
    for name in &names {
        let Some(text) = name
            .downcast::<crate::str::StrData>()
            .map(|s| s.to_string_lossy())
        else {
            return Err(PyErr::type_error(format!(
                "__slots__ items must be strings, not '{}'",
                name.type_data().name()
            )));
        };
        if !is_identifier(&text) {
            return Err(PyErr::type_error("__slots__ must be identifiers"));
        }
        match text.as_str() {
            "__dict__" => {
                if base_has_dict || spec.add_dict {
                    return Err(PyErr::type_error(
                        "__dict__ slot disallowed: we already got one",
                    ));
                }
                spec.add_dict = true;
            }
            "__weakref__" => {
                if base_has_weakref || spec.add_weakref {
                    return Err(PyErr::type_error(
                        "__weakref__ slot disallowed: we already got one",
                    ));
                }
                spec.add_weakref = true;
            }
            _ => plain.push(mangle(class_name, &text)),
        }
    }
    if !plain.is_empty() && variable_size {
        return Err(PyErr::type_error(format!(
            "nonempty __slots__ not supported for subtype of '{base_name}'"
        )));
    }
    for name in &plain {
        if namespace.get_str(&crate::str::intern(name)).is_some() {
            return Err(PyErr::value_error(format!(
                "'{name}' in __slots__ conflicts with class variable"
            )));
        }
    }
    plain.sort();
    spec.members = plain.iter().map(|n| crate::str::intern(n)).collect();
    Ok(Some(spec))
}
