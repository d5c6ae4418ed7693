//! Functions defined in Python and the cells of their closures (CPython's
//! Objects/funcobject.c and cellobject.c).

use std::cell::RefCell;
use std::sync::OnceLock;

use pyrs_objects::native::{MethodDef, MethodKind};
use pyrs_objects::object::Payload;
use pyrs_objects::typeobject::{TypeBuilder, TypeFlags};
use pyrs_objects::{dict, protocol, str as pystr, Args, PyErr, PyResult, SyncCell, Value};

use crate::code::CodeData;

/// The payload of a `function`.
pub struct FunctionData {
    /// `__code__`.
    pub code: RefCell<Value>,
    /// `__globals__`.
    pub globals: Value,
    /// `__builtins__`.
    pub builtins: Value,
    /// `__name__`.
    pub name: RefCell<Value>,
    /// `__qualname__`.
    pub qualname: RefCell<Value>,
    /// `__defaults__` (a tuple) or none.
    pub defaults: RefCell<Option<Value>>,
    /// `__kwdefaults__` (a dict) or none.
    pub kwdefaults: RefCell<Option<Value>>,
    /// `__closure__`: a tuple of cells, or none.
    pub closure: RefCell<Option<Value>>,
    /// `__doc__`.
    pub doc: RefCell<Value>,
    /// `__module__`.
    pub module: RefCell<Value>,
    /// `__annotations__` (a dict, made on first use).
    pub annotations: RefCell<Option<Value>>,
    /// `__type_params__`.
    pub type_params: RefCell<Value>,
}

impl FunctionData {
    fn cells(&self) -> [&RefCell<Option<Value>>; 4] {
        [
            &self.defaults,
            &self.kwdefaults,
            &self.closure,
            &self.annotations,
        ]
    }
}

impl Payload for FunctionData {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.globals);
        visit(&self.builtins);
        for cell in [
            &self.code,
            &self.name,
            &self.qualname,
            &self.doc,
            &self.module,
            &self.type_params,
        ] {
            if let Ok(v) = cell.try_borrow() {
                visit(&v);
            }
        }
        for cell in self.cells() {
            if let Ok(v) = cell.try_borrow() {
                if let Some(v) = v.as_ref() {
                    visit(v);
                }
            }
        }
    }

    fn clear(&self) {
        for cell in self.cells() {
            let old = cell.try_borrow_mut().map(|mut v| v.take());
            drop(old);
        }
        for cell in [&self.doc, &self.module, &self.type_params] {
            let old = cell
                .try_borrow_mut()
                .map(|mut v| std::mem::replace(&mut *v, pyrs_objects::none()));
            drop(old);
        }
    }
}

impl FunctionData {
    /// The code object's data.
    pub fn code_value(&self) -> Value {
        self.code.borrow().clone()
    }
}

/// The payload of a `cell`.
#[derive(Default)]
pub struct CellData(pub RefCell<Option<Value>>);

impl Payload for CellData {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        if let Ok(v) = self.0.try_borrow() {
            if let Some(v) = v.as_ref() {
                visit(v);
            }
        }
    }

    fn clear(&self) {
        let old = self.0.try_borrow_mut().map(|mut v| v.take());
        drop(old);
    }
}

impl CellData {
    /// The contents, if set.
    #[inline]
    pub fn get(&self) -> Option<Value> {
        self.0.borrow().clone()
    }

    /// Replaces the contents (the old value is dropped after the cell is released).
    #[inline]
    pub fn set(&self, value: Option<Value>) {
        let old = std::mem::replace(&mut *self.0.borrow_mut(), value);
        drop(old);
    }
}

struct Types {
    function: Value,
    cell: Value,
}

static TYPES: OnceLock<SyncCell<Types>> = OnceLock::new();

fn types() -> &'static Types {
    &TYPES
        .get_or_init(|| {
            SyncCell(Types {
                function: TypeBuilder::new::<FunctionData>("function")
                    .with_dict()
                    .flags(TypeFlags::METHOD_DESCRIPTOR)
                    .flags(TypeFlags::MANAGED_WEAKREF)
                    .slots(|s| {
                        s.call.set(Some(crate::call::function_call));
                        s.descr_get.set(Some(function_get));
                        s.repr.set(Some(function_repr));
                    })
                    .methods(FUNCTION_METHODS)
                    .build(),
                cell: TypeBuilder::new::<CellData>("cell")
                    .slots(|s| {
                        s.repr.set(Some(cell_repr));
                        s.new.set(Some(cell_new));
                    })
                    .methods(CELL_METHODS)
                    .build(),
            })
        })
        .0
}

/// The `function` type.
pub fn function_type() -> &'static Value {
    &types().function
}

/// The `cell` type.
pub fn cell_type() -> &'static Value {
    &types().cell
}

/// A new cell holding `value`.
pub fn new_cell(value: Option<Value>) -> Value {
    pyrs_objects::object::alloc(cell_type(), CellData(RefCell::new(value)))
}

/// A new function of `code` (a `code` object) running in `globals`.
pub fn new_function(code: Value, globals: Value) -> PyResult<Value> {
    let c = code
        .downcast::<CodeData>()
        .ok_or_else(|| PyErr::type_error("function() argument 'code' must be code"))?;
    let g = globals
        .downcast::<pyrs_objects::dict::DictData>()
        .ok_or_else(|| PyErr::type_error("function() argument 'globals' must be dict"))?;
    let module = g
        .get_str(&pystr::intern("__name__"))
        .unwrap_or_else(pyrs_objects::none);
    let builtins = match g.get_str(&pystr::intern("__builtins__")) {
        Some(b) => match b.downcast::<pyrs_objects::module::ModuleData>() {
            Some(m) => m.dict.clone(),
            None => b,
        },
        None => crate::builtins::builtins_dict().clone(),
    };
    // The docstring is the first constant when that is a str (the compiler puts None
    // first in functions without one); lambdas have none.
    let doc = match c.code.consts.first() {
        Some(pyrs_bytecode::Constant::Str(_)) if &*c.code.name != "<lambda>" => c.consts[0].clone(),
        _ => pyrs_objects::none(),
    };
    let name = c.name.clone();
    let qualname = c.qualname.clone();
    Ok(pyrs_objects::object::alloc(
        function_type(),
        FunctionData {
            code: RefCell::new(code),
            globals,
            builtins,
            name: RefCell::new(name),
            qualname: RefCell::new(qualname),
            defaults: RefCell::new(None),
            kwdefaults: RefCell::new(None),
            closure: RefCell::new(None),
            doc: RefCell::new(doc),
            module: RefCell::new(module),
            annotations: RefCell::new(None),
            type_params: RefCell::new(pyrs_objects::tuple::empty()),
        },
    ))
}

fn data(v: &Value) -> PyResult<&FunctionData> {
    v.downcast::<FunctionData>()
        .ok_or_else(|| PyErr::type_error("descriptor requires a 'function' object"))
}

fn function_get(f: &Value, obj: Option<&Value>, _owner: Option<&Value>) -> PyResult<Value> {
    match obj {
        Some(obj) if !protocol::is_none(obj) || _owner.is_none() => {
            Ok(pyrs_objects::descr::new_method(f.clone(), obj.clone()))
        }
        _ => Ok(f.clone()),
    }
}

fn function_repr(f: &Value) -> PyResult<Value> {
    let d = data(f)?;
    let q = pystr::text_of(&d.qualname.borrow()).unwrap_or_default();
    Ok(pystr::new(&format!("<function {q} at {:#x}>", f.word())))
}

macro_rules! field {
    ($get:ident, $set:ident, $field:ident, $check:expr) => {
        fn $get(f: &Value) -> PyResult<Value> {
            Ok(data(f)?.$field.borrow().clone())
        }
        fn $set(f: &Value, v: Option<&Value>) -> PyResult<()> {
            let v = v.cloned().unwrap_or_else(pyrs_objects::none);
            let check: fn(&Value) -> PyResult<()> = $check;
            check(&v)?;
            *data(f)?.$field.borrow_mut() = v;
            Ok(())
        }
    };
}

field!(get_name, set_name, name, |v| {
    if v.downcast::<pystr::StrData>().is_none() {
        return Err(PyErr::type_error("__name__ must be set to a string object"));
    }
    Ok(())
});
field!(get_qualname, set_qualname, qualname, |v| {
    if v.downcast::<pystr::StrData>().is_none() {
        return Err(PyErr::type_error(
            "__qualname__ must be set to a string object",
        ));
    }
    Ok(())
});
field!(get_doc, set_doc, doc, |_| Ok(()));
field!(get_module, set_module, module, |_| Ok(()));
field!(get_code, set_code, code, |v| {
    if v.downcast::<CodeData>().is_none() {
        return Err(PyErr::type_error("__code__ must be set to a code object"));
    }
    Ok(())
});
field!(get_type_params, set_type_params, type_params, |_| Ok(()));

fn get_defaults(f: &Value) -> PyResult<Value> {
    Ok(data(f)?
        .defaults
        .borrow()
        .clone()
        .unwrap_or_else(pyrs_objects::none))
}

fn set_defaults(f: &Value, v: Option<&Value>) -> PyResult<()> {
    let v = v.filter(|v| !protocol::is_none(v)).cloned();
    if let Some(t) = &v {
        if pyrs_objects::tuple::items_of(t).is_none() {
            return Err(PyErr::type_error(
                "__defaults__ must be set to a tuple object",
            ));
        }
    }
    *data(f)?.defaults.borrow_mut() = v;
    Ok(())
}

fn get_kwdefaults(f: &Value) -> PyResult<Value> {
    Ok(data(f)?
        .kwdefaults
        .borrow()
        .clone()
        .unwrap_or_else(pyrs_objects::none))
}

fn set_kwdefaults(f: &Value, v: Option<&Value>) -> PyResult<()> {
    let v = v.filter(|v| !protocol::is_none(v)).cloned();
    if let Some(d) = &v {
        if d.downcast::<pyrs_objects::dict::DictData>().is_none() {
            return Err(PyErr::type_error(
                "__kwdefaults__ must be set to a dict object",
            ));
        }
    }
    *data(f)?.kwdefaults.borrow_mut() = v;
    Ok(())
}

fn get_closure(f: &Value) -> PyResult<Value> {
    Ok(data(f)?
        .closure
        .borrow()
        .clone()
        .unwrap_or_else(pyrs_objects::none))
}

fn get_globals(f: &Value) -> PyResult<Value> {
    Ok(data(f)?.globals.clone())
}

fn get_builtins(f: &Value) -> PyResult<Value> {
    Ok(data(f)?.builtins.clone())
}

/// `f.__annotations__`: a dict, made on first use; what `MAKE_FUNCTION` stored as a flat
/// tuple of names and values becomes that dict then (as CPython's `func_get_annotations`).
fn get_annotations(f: &Value) -> PyResult<Value> {
    let d = data(f)?;
    let current = d.annotations.borrow().clone();
    let result = match current {
        Some(a) => match pyrs_objects::tuple::items_of(&a) {
            Some(pairs) => {
                let made = dict::new();
                for pair in pairs.chunks(2) {
                    if let [k, v] = pair {
                        protocol::setitem(&made, k, Some(v))?;
                    }
                }
                made
            }
            None => return Ok(a),
        },
        None => dict::new(),
    };
    *d.annotations.borrow_mut() = Some(result.clone());
    Ok(result)
}

fn set_annotations(f: &Value, v: Option<&Value>) -> PyResult<()> {
    let v = v.filter(|v| !protocol::is_none(v)).cloned();
    if let Some(d) = &v {
        if d.downcast::<pyrs_objects::dict::DictData>().is_none() {
            return Err(PyErr::type_error(
                "__annotations__ must be set to a dict object",
            ));
        }
    }
    *data(f)?.annotations.borrow_mut() = v;
    Ok(())
}

const FUNCTION_METHODS: &[MethodDef] = &[
    MethodDef::new("__name__", MethodKind::GetSet(get_name, Some(set_name))),
    MethodDef::new(
        "__qualname__",
        MethodKind::GetSet(get_qualname, Some(set_qualname)),
    ),
    MethodDef::new("__doc__", MethodKind::GetSet(get_doc, Some(set_doc))),
    MethodDef::new(
        "__module__",
        MethodKind::GetSet(get_module, Some(set_module)),
    ),
    MethodDef::new("__code__", MethodKind::GetSet(get_code, Some(set_code))),
    MethodDef::new(
        "__defaults__",
        MethodKind::GetSet(get_defaults, Some(set_defaults)),
    ),
    MethodDef::new(
        "__kwdefaults__",
        MethodKind::GetSet(get_kwdefaults, Some(set_kwdefaults)),
    ),
    MethodDef::new("__closure__", MethodKind::GetSet(get_closure, None)),
    MethodDef::new("__globals__", MethodKind::GetSet(get_globals, None)),
    MethodDef::new("__builtins__", MethodKind::GetSet(get_builtins, None)),
    MethodDef::new(
        "__annotations__",
        MethodKind::GetSet(get_annotations, Some(set_annotations)),
    ),
    MethodDef::new(
        "__type_params__",
        MethodKind::GetSet(get_type_params, Some(set_type_params)),
    ),
    MethodDef::new("__dict__", MethodKind::GetSet(get_dict, Some(set_dict))),
];

/// `f.__dict__`: the function's attribute dict (made on first use).
fn get_dict(f: &Value) -> PyResult<Value> {
    protocol::instance_dict(f).ok_or_else(|| PyErr::system_error("function without a dict"))
}

fn set_dict(f: &Value, value: Option<&Value>) -> PyResult<()> {
    let Some(v) = value else {
        return Err(PyErr::type_error("cannot delete function __dict__"));
    };
    if v.downcast::<pyrs_objects::dict::DictData>().is_none() {
        return Err(PyErr::type_error(
            "__dict__ must be set to a dictionary, not a '".to_string()
                + &v.type_data().name()
                + "'",
        ));
    }
    let slot = f
        .dict_slot()
        .ok_or_else(|| PyErr::system_error("function without a dict"))?;
    let old = slot.replace(Some(v.clone()));
    drop(old);
    Ok(())
}

fn cell_repr(c: &Value) -> PyResult<Value> {
    let d = c
        .downcast::<CellData>()
        .ok_or_else(|| PyErr::type_error("bad cell"))?;
    Ok(pystr::new(&match d.get() {
        None => format!("<cell at {:#x}: empty>", c.word()),
        Some(v) => format!(
            "<cell at {:#x}: {} object at {:#x}>",
            c.word(),
            v.type_data().name(),
            v.word()
        ),
    }))
}

fn cell_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("cell", 0, 1)?;
    Ok(pyrs_objects::object::alloc(
        cls,
        CellData(RefCell::new(a.first().cloned())),
    ))
}

fn cell_contents(c: &Value) -> PyResult<Value> {
    let d = c
        .downcast::<CellData>()
        .ok_or_else(|| PyErr::type_error("bad cell"))?;
    d.get().ok_or_else(|| PyErr::value_error("Cell is empty"))
}

fn set_cell_contents(c: &Value, v: Option<&Value>) -> PyResult<()> {
    let d = c
        .downcast::<CellData>()
        .ok_or_else(|| PyErr::type_error("bad cell"))?;
    d.set(v.cloned());
    Ok(())
}

const CELL_METHODS: &[MethodDef] = &[MethodDef::new(
    "cell_contents",
    MethodKind::GetSet(cell_contents, Some(set_cell_contents)),
)];
