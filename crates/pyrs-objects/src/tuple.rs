//! The `tuple` type's representation (CPython's Objects/tupleobject.c): [`TupleData`], a
//! fixed array of references; the empty tuple is one shared object.

use crate::object::Payload;
use crate::value::Value;

/// The payload of a `tuple`.
pub struct TupleData(Box<[Value]>);

impl Payload for TupleData {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        self.0.iter().for_each(visit);
    }
}

impl TupleData {
    /// The data holding `items`.
    pub fn new(items: Vec<Value>) -> TupleData {
        TupleData(items.into_boxed_slice())
    }

    /// The items.
    #[inline]
    pub fn items(&self) -> &[Value] {
        &self.0
    }

    /// The number of items.
    #[inline]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are no items.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// A new `tuple` of `items`.
pub fn new(items: Vec<Value>) -> Value {
    if items.is_empty() {
        return empty();
    }
    crate::object::alloc(&crate::types().tuple, TupleData::new(items))
}

/// The empty tuple.
pub fn empty() -> Value {
    crate::types().empty_tuple.clone()
}

/// The items of a tuple value (`None` for a non-tuple).
pub fn items_of(value: &Value) -> Option<&[Value]> {
    value.downcast::<TupleData>().map(TupleData::items)
}

// ---------------------------------------------------------------------------------------
// The `tuple` type.

use crate::args::Args;
use crate::error::{PyErr, PyResult};
use crate::native::{MethodDef, MethodKind};
use crate::protocol;
use crate::typeobject::{CompareOp, TypeBuilder};

/// The builder of `tuple`.
pub(crate) fn type_builder() -> TypeBuilder {
    TypeBuilder::new::<TupleData>("tuple")
        .subclassable()
        .slots(|s| {
            s.repr.set(Some(tuple_repr));
            s.hash.set(Some(tuple_hash));
            s.richcompare.set(Some(tuple_richcompare));
            s.len.set(Some(|t| Ok(data(t).len())));
            s.getitem.set(Some(tuple_getitem));
            s.contains
                .set(Some(|t, x| crate::sequence::contains(data(t).items(), x)));
            s.concat.set(Some(tuple_concat));
            s.repeat.set(Some(tuple_repeat));
            s.iter.set(Some(crate::iter::tuple_iter));
            s.new.set(Some(tuple_new));
        })
        .methods(TUPLE_METHODS)
}

fn data(t: &Value) -> &TupleData {
    t.downcast::<TupleData>().expect("tuple slot on a tuple")
}

fn tuple_repr(t: &Value) -> PyResult<Value> {
    let items = data(t).items();
    if items.is_empty() {
        return Ok(crate::str::new("()"));
    }
    let _guard = crate::repr_guard::enter(t)?;
    let Some(_guard) = _guard else {
        return Ok(crate::str::new("(...)"));
    };
    let mut out = String::from("(");
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&protocol::repr_string(item)?);
    }
    if items.len() == 1 {
        out.push(',');
    }
    out.push(')');
    Ok(crate::str::new(&out))
}

/// CPython's tuple hash (xxHash-based, Objects/tupleobject.c).
fn tuple_hash(t: &Value) -> PyResult<i64> {
    const P1: u64 = 11400714785074694791;
    const P2: u64 = 14029467366897019727;
    const P5: u64 = 2870177450012600261;
    let items = data(t).items();
    let mut acc: u64 = P5;
    for item in items {
        let lane = protocol::hash(item)? as u64;
        acc = acc.wrapping_add(lane.wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add((items.len() as u64) ^ (P5 ^ 3527539));
    if acc == u64::MAX {
        return Ok(1546275796);
    }
    Ok(acc as i64)
}

fn tuple_richcompare(a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    let (Some(x), Some(y)) = (a.downcast::<TupleData>(), b.downcast::<TupleData>()) else {
        return Ok(crate::not_implemented());
    };
    crate::sequence::compare(x.items(), y.items(), op)
}

fn tuple_getitem(t: &Value, key: &Value) -> PyResult<Value> {
    let items = data(t).items();
    if let Some(slice) = crate::sequence::as_slice(key)? {
        let r = slice.resolve(items.len())?;
        // The whole tuple, in order, is the tuple itself (CPython's tuple_subscript).
        if r.step == 1 && r.len == items.len() && t.is_exact(&crate::types().tuple) {
            return Ok(t.clone());
        }
        return Ok(new(r.pick(items)));
    }
    let i = crate::sequence::index_arg(key, "tuple")?;
    crate::sequence::get(items, i).ok_or_else(|| PyErr::index_error("tuple index out of range"))
}

fn tuple_concat(a: &Value, b: &Value) -> PyResult<Value> {
    let Some(y) = b.downcast::<TupleData>() else {
        return Err(PyErr::type_error(format!(
            "can only concatenate tuple (not \"{}\") to tuple",
            b.type_data().name()
        )));
    };
    let mut items = data(a).items().to_vec();
    items.extend(y.items().iter().cloned());
    Ok(new(items))
}

fn tuple_repeat(t: &Value, n: isize) -> PyResult<Value> {
    let items = data(t).items();
    if n == 1 && t.is_exact(&crate::types().tuple) {
        return Ok(t.clone());
    }
    Ok(new(crate::sequence::repeat(items, n)?))
}

fn tuple_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    if cls.is(&crate::types().tuple) {
        args.no_kwargs("tuple")?;
    }
    let a = args.pos();
    if a.len() > 1 {
        return Err(PyErr::type_error(format!(
            "tuple expected at most 1 argument, got {}",
            a.len()
        )));
    }
    let items = match a.first() {
        Some(x) => {
            if x.is_exact(&crate::types().tuple) && cls.is(&crate::types().tuple) {
                return Ok(x.clone());
            }
            protocol::collect(x)?
        }
        None => Vec::new(),
    };
    if cls.is(&crate::types().tuple) {
        return Ok(new(items));
    }
    Ok(crate::object::alloc(cls, TupleData::new(items)))
}

fn this<'a>(args: &Args<'a>, name: &str) -> PyResult<&'a TupleData> {
    protocol::self_payload::<TupleData>(&args.pos()[0], name, "tuple")
}

fn count(args: Args<'_>) -> PyResult<Value> {
    let t = this(&args, "count")?;
    let a = crate::sequence::method_args(&args, "tuple.count", 1, 1)?;
    let mut n = 0usize;
    for item in t.items() {
        if protocol::eq(item, &a[0])? {
            n += 1;
        }
    }
    Ok(crate::int::from_usize(n))
}

fn index(args: Args<'_>) -> PyResult<Value> {
    let t = this(&args, "index")?;
    let a = crate::sequence::method_args(&args, "index", 1, 3)?;
    let len = t.len();
    let start = match a.get(1) {
        Some(v) => crate::sequence::index_bound(v, len)?,
        None => 0,
    };
    let stop = match a.get(2) {
        Some(v) => crate::sequence::index_bound(v, len)?,
        None => len,
    };
    for i in start..stop.min(len) {
        if protocol::eq(&t.items()[i], &a[0])? {
            return Ok(crate::int::from_usize(i));
        }
    }
    Err(PyErr::value_error("tuple.index(x): x not in tuple"))
}

fn getnewargs(args: Args<'_>) -> PyResult<Value> {
    let t = this(&args, "__getnewargs__")?;
    crate::sequence::method_args(&args, "tuple.__getnewargs__", 0, 0)?;
    Ok(crate::tuple::new(vec![new(t.items().to_vec())]))
}

const TUPLE_METHODS: &[MethodDef] = &[
    MethodDef::new("count", MethodKind::Method(count)),
    MethodDef::new("index", MethodKind::Method(index)),
    MethodDef::new("__getnewargs__", MethodKind::Method(getnewargs)),
    MethodDef::new(
        "__class_getitem__",
        MethodKind::Class(crate::genericalias::class_getitem),
    ),
];
