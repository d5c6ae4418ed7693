//! `list`'s methods (CPython's Objects/listobject.c): `append`, `extend`, `insert`, `pop`,
//! `remove`, `index`, `count`, `clear`, `copy`, `reverse`, `sort` (timsort, in
//! [`crate::listsort`]), `__reversed__`, and slice assignment and deletion.

use crate::args::Args;
use crate::error::{PyErr, PyResult};
use crate::list::{data, ListData};
use crate::native::{MethodDef, MethodKind};
use crate::protocol;
use crate::sequence::{index_bound, method_args, SliceData};
use crate::typeobject::CompareOp;
use crate::value::Value;

/// `l[slice] = value` or `del l[slice]`.
pub(crate) fn assign_slice(l: &Value, slice: &SliceData, value: Option<&Value>) -> PyResult<()> {
    let d = data(l);
    // The new items first: iterating `value` may run Python code (and change the list).
    let items = match value {
        None => None,
        Some(v) if v.is(l) => Some(d.to_vec()),
        Some(v) => Some(collect_for_slice(v)?),
    };
    let r = slice.resolve(d.len())?;
    match items {
        None => {
            if r.len == 0 {
                return Ok(());
            }
            let removed: Vec<Value> = d.with_items(|v| {
                if r.step == 1 {
                    let start = r.start as usize;
                    return v.drain(start..start + r.len).collect();
                }
                let mut picked: Vec<usize> = r.indices().collect();
                picked.sort_unstable();
                let mut removed = Vec::with_capacity(picked.len());
                let mut keep = Vec::with_capacity(v.len() - picked.len());
                let mut next = 0;
                for (i, item) in v.drain(..).enumerate() {
                    if next < picked.len() && picked[next] == i {
                        removed.push(item);
                        next += 1;
                    } else {
                        keep.push(item);
                    }
                }
                *v = keep;
                removed
            });
            drop(removed);
            Ok(())
        }
        Some(items) => {
            if r.step == 1 {
                let start = r.start.max(0) as usize;
                let removed: Vec<Value> = d.with_items(|v| {
                    let start = start.min(v.len());
                    let stop = (start + r.len).min(v.len());
                    v.splice(start..stop, items).collect()
                });
                drop(removed);
                return Ok(());
            }
            if items.len() != r.len {
                return Err(PyErr::value_error(format!(
                    "attempt to assign sequence of size {} to extended slice of size {}",
                    items.len(),
                    r.len
                )));
            }
            let removed: Vec<Value> = d.with_items(|v| {
                let mut removed = Vec::with_capacity(items.len());
                for (i, item) in r.indices().zip(items) {
                    if let Some(slot) = v.get_mut(i) {
                        removed.push(std::mem::replace(slot, item));
                    }
                }
                removed
            });
            drop(removed);
            Ok(())
        }
    }
}

fn collect_for_slice(v: &Value) -> PyResult<Vec<Value>> {
    if v.type_data().slots.iter.get().is_none() && v.type_data().slots.getitem.get().is_none() {
        return Err(PyErr::type_error("must assign iterable to extended slice"));
    }
    protocol::collect(v)
}

/// `l.extend(iterable)` and `l += iterable`: lists and tuples are copied at once; other
/// iterables append item by item, as CPython does.
pub(crate) fn extend_from(l: &Value, iterable: &Value) -> PyResult<()> {
    let d = data(l);
    let t = crate::types();
    if iterable.is(l) || iterable.is_exact(&t.list) || iterable.is_exact(&t.tuple) {
        let items = protocol::collect(iterable)?;
        if !items.is_empty() {
            d.with_items(|v| v.extend(items));
        }
        return Ok(());
    }
    let it = protocol::iter(iterable)?;
    while let Some(item) = protocol::next(&it)? {
        d.push(item);
    }
    Ok(())
}

fn this<'a>(args: &Args<'a>, name: &str) -> PyResult<&'a ListData> {
    protocol::self_payload::<ListData>(&args.pos()[0], name, "list")
}

fn append(args: Args<'_>) -> PyResult<Value> {
    let d = this(&args, "append")?;
    let a = method_args(&args, "list.append", 1, 1)?;
    d.push(a[0].clone());
    Ok(crate::none())
}

fn extend(args: Args<'_>) -> PyResult<Value> {
    this(&args, "extend")?;
    let a = method_args(&args, "list.extend", 1, 1)?;
    extend_from(&args.pos()[0], &a[0])?;
    Ok(crate::none())
}

fn insert(args: Args<'_>) -> PyResult<Value> {
    let d = this(&args, "insert")?;
    let a = method_args(&args, "insert", 2, 2)?;
    let i = protocol::index_isize(&a[0], true)?;
    let item = a[1].clone();
    d.with_items(|v| {
        let len = v.len() as isize;
        let i = if i < 0 { (i + len).max(0) } else { i.min(len) };
        v.insert(i as usize, item);
    });
    Ok(crate::none())
}

fn pop(args: Args<'_>) -> PyResult<Value> {
    let d = this(&args, "pop")?;
    let a = method_args(&args, "pop", 0, 1)?;
    let i = match a.first() {
        Some(i) => protocol::index_isize(i, false)?,
        None => -1,
    };
    if d.is_empty() {
        return Err(PyErr::index_error("pop from empty list"));
    }
    let popped = d.with_items(|v| {
        let i = crate::sequence::normalize(i, v.len())?;
        Some(v.remove(i))
    });
    popped.ok_or_else(|| PyErr::index_error("pop index out of range"))
}

fn remove(args: Args<'_>) -> PyResult<Value> {
    let d = this(&args, "remove")?;
    let a = method_args(&args, "list.remove", 1, 1)?;
    let mut i = 0;
    while let Some(item) = d.get(i) {
        if protocol::eq(&item, &a[0])? {
            // `==` may have changed the list: remove whatever is at `i` now, as CPython does.
            let old = d.with_items(|v| (i < v.len()).then(|| v.remove(i)));
            drop(old);
            return Ok(crate::none());
        }
        i += 1;
    }
    Err(PyErr::value_error("list.remove(x): x not in list"))
}

fn index(args: Args<'_>) -> PyResult<Value> {
    let d = this(&args, "index")?;
    let a = method_args(&args, "index", 1, 3)?;
    let len = d.len();
    let start = match a.get(1) {
        Some(v) => index_bound(v, len)?,
        None => 0,
    };
    let stop = match a.get(2) {
        Some(v) => index_bound(v, len)?,
        None => usize::MAX,
    };
    let mut i = start;
    while i < stop {
        let Some(item) = d.get(i) else { break };
        if protocol::eq(&item, &a[0])? {
            return Ok(crate::int::from_usize(i));
        }
        i += 1;
    }
    Err(PyErr::value_error(format!(
        "{} is not in list",
        protocol::repr_string(&a[0])?
    )))
}

fn count(args: Args<'_>) -> PyResult<Value> {
    let d = this(&args, "count")?;
    let a = method_args(&args, "list.count", 1, 1)?;
    let mut n = 0usize;
    let mut i = 0;
    while let Some(item) = d.get(i) {
        if item.is(&a[0]) || protocol::eq(&item, &a[0])? {
            n += 1;
        }
        i += 1;
    }
    Ok(crate::int::from_usize(n))
}

fn clear(args: Args<'_>) -> PyResult<Value> {
    let d = this(&args, "clear")?;
    method_args(&args, "list.clear", 0, 0)?;
    let old = d.replace_all(Vec::new());
    drop(old);
    Ok(crate::none())
}

fn copy(args: Args<'_>) -> PyResult<Value> {
    let d = this(&args, "copy")?;
    method_args(&args, "list.copy", 0, 0)?;
    Ok(crate::list::new(d.to_vec()))
}

fn reverse(args: Args<'_>) -> PyResult<Value> {
    let d = this(&args, "reverse")?;
    method_args(&args, "list.reverse", 0, 0)?;
    d.with_items(|v| v.reverse());
    Ok(crate::none())
}

fn reversed(args: Args<'_>) -> PyResult<Value> {
    this(&args, "__reversed__")?;
    method_args(&args, "list.__reversed__", 0, 0)?;
    Ok(crate::iter::list_reverse_iter(&args.pos()[0]))
}

fn less(a: &Value, b: &Value) -> PyResult<bool> {
    protocol::rich_compare_bool(a, b, CompareOp::Lt)
}

/// `l.sort(*, key=None, reverse=False)`.
///
/// While it sorts, the list is empty (its items are in a Rust vector of their own), so a
/// key function or `__lt__` that looks at the list sees `[]`, and one that changes it is
/// caught afterwards: "list modified during sort". Whatever was put into the list
/// meanwhile is thrown away and the (maybe partly) sorted items put back.
pub(crate) fn sort_list(l: &Value, key: Option<&Value>, reverse: bool) -> PyResult<()> {
    let d = data(l);
    let (mut items, saved_mark) = d.take_for_sort();
    let key = key.filter(|k| !protocol::is_none(k));
    let mut keys = None;
    if let Some(keyfunc) = key {
        let mut ks = Vec::with_capacity(items.len());
        for item in &items {
            match protocol::call1(keyfunc, std::slice::from_ref(item)) {
                Ok(k) => ks.push(k),
                Err(e) => {
                    let (during, _) = d.restore_after_sort(items, saved_mark);
                    drop(ks);
                    drop(during);
                    return Err(e);
                }
            }
        }
        keys = Some(ks);
    }
    if reverse {
        items.reverse();
        if let Some(ks) = &mut keys {
            ks.reverse();
        }
    }
    let result = match keys {
        Some(ks) => {
            let mut pairs: Vec<(Value, Value)> = ks.into_iter().zip(items).collect();
            let r = crate::listsort::sort(&mut pairs, |a: &(Value, Value), b: &(Value, Value)| {
                less(&a.0, &b.0)
            });
            items = pairs.into_iter().map(|(_, v)| v).collect();
            r
        }
        None => crate::listsort::sort(&mut items, less),
    };
    if reverse {
        items.reverse();
    }
    let (during, modified) = d.restore_after_sort(items, saved_mark);
    drop(during);
    result?;
    if modified {
        return Err(PyErr::value_error("list modified during sort"));
    }
    Ok(())
}

fn sort(args: Args<'_>) -> PyResult<Value> {
    this(&args, "sort")?;
    if args.pos().len() > 1 {
        return Err(PyErr::type_error("sort() takes no positional arguments"));
    }
    let mut key = None;
    let mut reverse = false;
    for (name, value) in args.kwargs() {
        match crate::str::text_of(name).as_deref() {
            Some("key") => key = Some(value.clone()),
            Some("reverse") => reverse = protocol::is_true(value)?,
            other => {
                return Err(crate::args::unexpected_keyword(
                    "sort",
                    other.unwrap_or_default(),
                    ["key", "reverse"],
                ))
            }
        }
    }
    sort_list(&args.pos()[0], key.as_ref(), reverse)?;
    Ok(crate::none())
}

/// The `list` type's methods.
pub(crate) const LIST_METHODS: &[MethodDef] = &[
    MethodDef::new("append", MethodKind::Method(append)),
    MethodDef::new("clear", MethodKind::Method(clear)),
    MethodDef::new("copy", MethodKind::Method(copy)),
    MethodDef::new("count", MethodKind::Method(count)),
    MethodDef::new("extend", MethodKind::Method(extend)),
    MethodDef::new("index", MethodKind::Method(index)),
    MethodDef::new("insert", MethodKind::Method(insert)),
    MethodDef::new("pop", MethodKind::Method(pop)),
    MethodDef::new("remove", MethodKind::Method(remove)),
    MethodDef::new("reverse", MethodKind::Method(reverse)),
    MethodDef::new("sort", MethodKind::Method(sort)),
    MethodDef::new("__reversed__", MethodKind::Method(reversed)),
    MethodDef::new(
        "__class_getitem__",
        MethodKind::Class(crate::genericalias::class_getitem),
    ),
];
