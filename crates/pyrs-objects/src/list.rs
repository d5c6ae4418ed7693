//! The `list` type's representation (CPython's Objects/listobject.c): [`ListData`], a growable
//! array of references.
//!
//! The array is behind a `RefCell` that is never borrowed across a call that may run Python
//! code (an item's `__eq__`, a sort key, a `__del__`): methods copy out what they need first,
//! so a list mutated from such a call is seen mutated, never corrupted.

use std::cell::{Cell, RefCell};

use crate::object::Payload;
use crate::value::Value;

/// The payload of a `list`.
#[derive(Default)]
pub struct ListData {
    items: RefCell<Vec<Value>>,
    /// Set by `list.sort` while it sorts and cleared by any change of the array's length or
    /// storage: CPython marks a list being sorted with `allocated == -1`, which a resize undoes.
    untouched: Cell<bool>,
}

impl Payload for ListData {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        if let Ok(items) = self.items.try_borrow() {
            items.iter().for_each(visit);
        }
    }

    fn clear(&self) {
        let old = self
            .items
            .try_borrow_mut()
            .map(|mut items| std::mem::take(&mut *items));
        drop(old);
    }
}

impl ListData {
    /// The data holding `items`.
    pub fn new(items: Vec<Value>) -> ListData {
        ListData {
            items: RefCell::new(items),
            untouched: Cell::new(false),
        }
    }

    /// The number of items.
    #[inline]
    pub fn len(&self) -> usize {
        self.items.borrow().len()
    }

    /// Whether there are no items.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The item at `i`, if in range.
    #[inline]
    pub fn get(&self, i: usize) -> Option<Value> {
        self.items.borrow().get(i).cloned()
    }

    /// Replaces the item at `i` (which must be in range); the old item is dropped after the
    /// array is released.
    pub fn set(&self, i: usize, value: Value) -> Option<()> {
        let old = {
            let mut items = self.items.borrow_mut();
            let slot = items.get_mut(i)?;
            std::mem::replace(slot, value)
        };
        drop(old);
        Some(())
    }

    /// Appends an item.
    #[inline]
    pub fn push(&self, value: Value) {
        self.items.borrow_mut().push(value);
        self.untouched.set(false);
    }

    /// The number of items the array has room for (CPython's `allocated`).
    pub fn capacity(&self) -> usize {
        self.items.try_borrow().map_or(0, |items| items.capacity())
    }

    /// A copy of the items.
    pub fn to_vec(&self) -> Vec<Value> {
        self.items.borrow().clone()
    }

    /// Replaces every item, returning the old ones (to be dropped by the caller once nothing
    /// is borrowed).
    pub fn replace_all(&self, items: Vec<Value>) -> Vec<Value> {
        let old = std::mem::replace(&mut *self.items.borrow_mut(), items);
        // Emptying a list that holds no array changes nothing (CPython's list_clear).
        if old.capacity() != 0 || self.items.borrow().capacity() != 0 {
            self.untouched.set(false);
        }
        old
    }

    /// Runs `f` on the array. `f` must not run Python code or drop values that may (it gets
    /// the array mutably borrowed); return what is removed so the caller drops it after.
    pub fn with_items<R>(&self, f: impl FnOnce(&mut Vec<Value>) -> R) -> R {
        let mut items = self.items.borrow_mut();
        let before = (items.len(), items.as_ptr());
        let result = f(&mut items);
        if (items.len(), items.as_ptr()) != before {
            self.untouched.set(false);
        }
        result
    }

    /// Moves the items out for `list.sort`, leaving the list empty and marked as being
    /// sorted; returns them with the previous mark (a sort of the same list nested in a key
    /// function has one to give back).
    pub fn take_for_sort(&self) -> (Vec<Value>, bool) {
        let items = std::mem::take(&mut *self.items.borrow_mut());
        (items, self.untouched.replace(true))
    }

    /// Puts the sorted items back, with the mark `saved` that [`ListData::take_for_sort`]
    /// returned; returns what the list held meanwhile (for the caller to drop) and whether
    /// anything resized or replaced the array since the items were taken.
    pub fn restore_after_sort(&self, items: Vec<Value>, saved: bool) -> (Vec<Value>, bool) {
        let modified = !self.untouched.replace(saved);
        let during = std::mem::replace(&mut *self.items.borrow_mut(), items);
        (during, modified)
    }
}

/// A new `list` of `items`.
pub fn new(items: Vec<Value>) -> Value {
    crate::object::alloc(crate::list_type(), ListData::new(items))
}

// ---------------------------------------------------------------------------------------
// The `list` type.

use crate::args::Args;
use crate::error::{PyErr, PyResult};
use crate::protocol;
use crate::typeobject::{BinOp, CompareOp, TypeBuilder};

/// The builder of `list`.
pub(crate) fn type_builder() -> TypeBuilder {
    TypeBuilder::new::<ListData>("list")
        .subclassable()
        .unhashable()
        .slots(|s| {
            s.repr.set(Some(list_repr));
            s.richcompare.set(Some(list_richcompare));
            s.len.set(Some(|l| Ok(data(l).len())));
            s.getitem.set(Some(list_getitem));
            s.setitem.set(Some(list_setitem));
            s.contains.set(Some(list_contains));
            s.concat.set(Some(list_concat));
            s.repeat.set(Some(|l, n| {
                Ok(new(crate::sequence::repeat(&data(l).to_vec(), n)?))
            }));
            s.inplace[BinOp::Add as usize].set(Some(|l, other| {
                crate::list_methods::extend_from(l, other)?;
                Ok(l.clone())
            }));
            s.inplace[BinOp::Mul as usize].set(Some(list_inplace_repeat));
            s.iter.set(Some(crate::iter::list_iter));
            s.new.set(Some(|cls, _| {
                Ok(crate::object::alloc(cls, ListData::default()))
            }));
            s.init.set(Some(list_init));
        })
        .methods(crate::list_methods::LIST_METHODS)
}

pub(crate) fn data(l: &Value) -> &ListData {
    l.downcast::<ListData>().expect("list slot on a list")
}

fn list_repr(l: &Value) -> PyResult<Value> {
    if data(l).is_empty() {
        return Ok(crate::str::new("[]"));
    }
    let Some(_guard) = crate::repr_guard::enter(l)? else {
        return Ok(crate::str::new("[...]"));
    };
    let mut out = String::from("[");
    let mut i = 0;
    while let Some(item) = data(l).get(i) {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&protocol::repr_string(&item)?);
        i += 1;
    }
    out.push(']');
    Ok(crate::str::new(&out))
}

fn list_contains(l: &Value, x: &Value) -> PyResult<bool> {
    let mut i = 0;
    while let Some(item) = data(l).get(i) {
        if protocol::eq(&item, x)? {
            return Ok(true);
        }
        i += 1;
    }
    Ok(false)
}

/// CPython's `list_richcompare`: the first index where the items differ decides, the lists
/// being re-read at each step (an item's `__eq__` may change them).
fn list_richcompare(a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    let (Some(x), Some(y)) = (a.downcast::<ListData>(), b.downcast::<ListData>()) else {
        return Ok(crate::not_implemented());
    };
    if x.len() != y.len() && matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(crate::bool(op == CompareOp::Ne));
    }
    let mut i = 0;
    while let (Some(v), Some(w)) = (x.get(i), y.get(i)) {
        if !v.is(&w) && !protocol::eq(&v, &w)? {
            break;
        }
        i += 1;
    }
    // Re-read: `==` may have changed the lists.
    let (Some(v), Some(w)) = (x.get(i), y.get(i)) else {
        return Ok(crate::bool(crate::int::compare_result(
            x.len().cmp(&y.len()),
            op,
        )));
    };
    match op {
        CompareOp::Eq => Ok(crate::bool(false)),
        CompareOp::Ne => Ok(crate::bool(true)),
        _ => protocol::rich_compare(&v, &w, op),
    }
}

fn list_getitem(l: &Value, key: &Value) -> PyResult<Value> {
    if let Some(i) = key.as_small() {
        let d = data(l);
        if let Some(i) = crate::sequence::normalize(i as isize, d.len()) {
            if let Some(v) = d.get(i) {
                return Ok(v);
            }
        }
        return Err(PyErr::index_error("list index out of range"));
    }
    if let Some(slice) = crate::sequence::as_slice(key)? {
        let r = slice.resolve(data(l).len())?;
        // Only the picked items are copied (cloning runs no Python code).
        let picked =
            data(l).with_items(|items| r.indices().filter_map(|i| items.get(i).cloned()).collect());
        return Ok(new(picked));
    }
    let i = crate::sequence::index_arg(key, "list")?;
    let d = data(l);
    crate::sequence::normalize(i, d.len())
        .and_then(|i| d.get(i))
        .ok_or_else(|| PyErr::index_error("list index out of range"))
}

fn list_setitem(l: &Value, key: &Value, value: Option<&Value>) -> PyResult<()> {
    if let Some(slice) = crate::sequence::as_slice(key)? {
        return crate::list_methods::assign_slice(l, &slice, value);
    }
    let i = crate::sequence::index_arg(key, "list")?;
    let d = data(l);
    let Some(i) = crate::sequence::normalize(i, d.len()) else {
        return Err(PyErr::index_error("list assignment index out of range"));
    };
    match value {
        Some(v) => {
            d.set(i, v.clone());
        }
        None => {
            let old = d.with_items(|v| (i < v.len()).then(|| v.remove(i)));
            drop(old);
        }
    }
    Ok(())
}

fn list_concat(a: &Value, b: &Value) -> PyResult<Value> {
    let Some(y) = b.downcast::<ListData>() else {
        return Err(PyErr::type_error(format!(
            "can only concatenate list (not \"{}\") to list",
            b.type_data().name()
        )));
    };
    let mut items = data(a).to_vec();
    items.extend(y.to_vec());
    Ok(new(items))
}

/// `l *= n`.
fn list_inplace_repeat(l: &Value, n: &Value) -> PyResult<Value> {
    if !protocol::has_index(n) {
        return Ok(crate::not_implemented());
    }
    let n = protocol::index_isize(n, true)?;
    let d = data(l);
    if n <= 0 {
        let old = d.replace_all(Vec::new());
        drop(old);
    } else if n > 1 {
        let items = crate::sequence::repeat(&d.to_vec(), n)?;
        let old = d.replace_all(items);
        drop(old);
    }
    Ok(l.clone())
}

fn list_init(l: &Value, args: Args<'_>) -> PyResult<()> {
    if l.is_exact(crate::list_type()) {
        args.no_kwargs("list")?;
    }
    let a = args.pos();
    if a.len() > 1 {
        return Err(PyErr::type_error(format!(
            "list expected at most 1 argument, got {}",
            a.len()
        )));
    }
    // `list.__init__` empties the list first, then extends it.
    let old = data(l).replace_all(Vec::new());
    drop(old);
    if let Some(x) = a.first() {
        crate::list_methods::extend_from(l, x)?;
    }
    Ok(())
}

/// `l.sort(key=key, reverse=reverse)` (what `sorted()` calls on its new list).
pub fn sort(l: &Value, key: Option<&Value>, reverse: bool) -> PyResult<()> {
    crate::list_methods::sort_list(l, key, reverse)
}
