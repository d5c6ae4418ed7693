//! The `dict` type's table (CPython's Objects/dictobject.c): [`DictData`], a compact,
//! insertion-ordered hash table — an index array probed with CPython's perturbation scheme,
//! pointing into a dense array of (hash, key, value) entries.
//!
//! Keys' `__eq__` may run Python code, which may raise or mutate this very dict. The table is
//! therefore never borrowed across such a call (nor across dropping a value, which may run a
//! `__del__`): a lookup that had to call `__eq__` checks afterwards whether the table's keys
//! changed, and starts over if they did, as CPython does.

use std::cell::{Cell, RefCell};

use crate::error::PyResult;
use crate::object::Payload;
use crate::str::StrData;
use crate::value::Value;

const EMPTY: i32 = -1;
const DUMMY: i32 = -2;
const MIN_SIZE: usize = 8;

struct Entry {
    hash: i64,
    /// `None` once deleted.
    key: Option<Value>,
    value: Option<Value>,
}

#[derive(Default)]
struct Table {
    indices: Vec<i32>,
    entries: Vec<Entry>,
    used: usize,
}

/// The payload of a `dict`.
#[derive(Default)]
pub struct DictData {
    table: RefCell<Table>,
    /// Bumped whenever a key is added or removed, or the table rebuilt: what iterators and
    /// interrupted lookups check.
    version: Cell<u64>,
    /// A type's dict: every change to it (values included) invalidates the attribute cache
    /// ([`crate::typeobject::TypeData::lookup`]) before any old value is released.
    watched: Cell<bool>,
    /// The one field a dict subclass written in Rust adds (`collections.defaultdict`'s
    /// `default_factory`), since a subclass's payload is its base's.
    extra: RefCell<Option<Value>>,
    /// Set by the cycle collector when it stopped tracking this dict because it held no
    /// container; the next insertion of a container tracks it again (CPython's
    /// `MAINTAIN_TRACKING`). Only ever set on a dict that is a heap object.
    gc_untracked: Cell<bool>,
}

impl Payload for DictData {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        if let Ok(table) = self.table.try_borrow() {
            for e in &table.entries {
                if let Some(k) = &e.key {
                    visit(k);
                }
                if let Some(v) = &e.value {
                    visit(v);
                }
            }
        }
        if let Ok(extra) = self.extra.try_borrow() {
            if let Some(x) = extra.as_ref() {
                visit(x);
            }
        }
    }

    fn clear(&self) {
        let old = self
            .table
            .try_borrow_mut()
            .map(|mut t| std::mem::take(&mut *t));
        if old.is_ok() {
            self.bump();
        }
        let extra = self.extra.try_borrow_mut().map(|mut x| x.take());
        drop(old);
        drop(extra);
    }
}

fn usable(size: usize) -> usize {
    size * 2 / 3
}

impl DictData {
    /// What `dict.__sizeof__` reports in CPython 3.13 for a dict with this table: the
    /// 48-byte object, plus (once a table exists) the keys object — a 32-byte header, the
    /// index array (1, 2, 4 or 8 bytes an index) and two thirds of the table size in
    /// entries of 16 bytes (all keys str) or 24.
    pub fn cpython_sizeof(&self) -> usize {
        let Ok(table) = self.table.try_borrow() else {
            return 48;
        };
        let size = table.indices.len();
        if size == 0 {
            return 48;
        }
        let index_bytes = match size {
            0..=0x80 => 1,
            0x81..=0x8000 => 2,
            0x8001..=0x8000_0000 => 4,
            _ => 8,
        };
        let str_type = &crate::types().str;
        let all_str = table
            .entries
            .iter()
            .all(|e| e.key.as_ref().is_none_or(|k| k.is_exact(str_type)));
        let entry = if all_str { 16 } else { 24 };
        48 + 32 + size * index_bytes + usable(size) * entry
    }
}

/// Compares two keys without running Python code, when their types allow it.
#[inline]
fn fast_eq(a: &Value, b: &Value) -> Option<bool> {
    let t = crate::types();
    if a.is_exact(&t.str) && b.is_exact(&t.str) {
        let (a, b) = (a.downcast::<StrData>()?, b.downcast::<StrData>()?);
        return Some(a.as_bytes() == b.as_bytes());
    }
    if a.is_small() && b.is_small() {
        return Some(false);
    }
    None
}

enum Probe {
    Found { entry: usize, slot: usize },
    Missing,
    Restart,
}

impl DictData {
    /// An empty table.
    pub fn new() -> DictData {
        DictData::default()
    }

    /// The field a Rust-written subclass keeps (see the struct's doc).
    pub fn extra(&self) -> Option<Value> {
        self.extra.borrow().clone()
    }

    /// Replaces the subclass's field; the old value is dropped after the borrow ends.
    pub fn set_extra(&self, value: Option<Value>) {
        if let (true, Some(v)) = (self.gc_untracked.get(), &value) {
            self.retrack(v, v);
        }
        let old = std::mem::replace(&mut *self.extra.borrow_mut(), value);
        drop(old);
    }

    /// The number of items.
    #[inline]
    pub fn len(&self) -> usize {
        self.table.borrow().used
    }

    /// Whether there are no items.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The key-set version (see the type's doc).
    #[inline]
    pub fn version(&self) -> u64 {
        self.version.get()
    }

    fn bump(&self) {
        self.version.set(self.version.get().wrapping_add(1));
        self.notify();
    }

    /// Marks the dict as a type's dict (see `watched`).
    pub(crate) fn watch(&self) {
        self.watched.set(true);
    }

    #[inline]
    fn notify(&self) {
        if self.watched.get() {
            crate::typeobject::type_dicts_changed();
        }
    }

    fn probe(&self, key: &Value, hash: i64) -> PyResult<Probe> {
        let (mask, mut i, mut perturb) = {
            let table = self.table.borrow();
            if table.indices.is_empty() {
                return Ok(Probe::Missing);
            }
            let mask = table.indices.len() - 1;
            (mask, hash as usize & mask, hash as u64)
        };
        loop {
            let candidate = {
                let table = self.table.borrow();
                let ix = table.indices[i];
                if ix == EMPTY {
                    return Ok(Probe::Missing);
                }
                let mut candidate = None;
                if ix >= 0 {
                    let entry = &table.entries[ix as usize];
                    if let Some(k) = &entry.key {
                        if k.is(key) {
                            return Ok(Probe::Found {
                                entry: ix as usize,
                                slot: i,
                            });
                        }
                        if entry.hash == hash {
                            match fast_eq(k, key) {
                                Some(true) => {
                                    return Ok(Probe::Found {
                                        entry: ix as usize,
                                        slot: i,
                                    })
                                }
                                Some(false) => {}
                                None => candidate = Some((ix as usize, k.clone())),
                            }
                        }
                    }
                }
                candidate
            };
            if let Some((ix, k)) = candidate {
                let version = self.version.get();
                let equal = crate::protocol::eq(&k, key)?;
                let table = self.table.borrow();
                let unchanged = self.version.get() == version
                    && table
                        .entries
                        .get(ix)
                        .and_then(|e| e.key.as_ref())
                        .is_some_and(|cur| cur.is(&k));
                if !unchanged {
                    return Ok(Probe::Restart);
                }
                if equal {
                    return Ok(Probe::Found { entry: ix, slot: i });
                }
            }
            perturb >>= 5;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(perturb as usize)
                .wrapping_add(1))
                & mask;
        }
    }

    fn find(&self, key: &Value, hash: i64) -> PyResult<Option<(usize, usize)>> {
        loop {
            match self.probe(key, hash)? {
                Probe::Found { entry, slot } => return Ok(Some((entry, slot))),
                Probe::Missing => return Ok(None),
                Probe::Restart => continue,
            }
        }
    }

    /// `d[key]`, or `None` when absent (hashing and comparing may raise).
    pub fn get_item(&self, key: &Value) -> PyResult<Option<Value>> {
        let hash = crate::protocol::hash(key)?;
        self.get_item_hashed(key, hash)
    }

    /// [`DictData::get_item`] with the key's hash already known.
    pub fn get_item_hashed(&self, key: &Value, hash: i64) -> PyResult<Option<Value>> {
        Ok(self
            .find(key, hash)?
            .and_then(|(ix, _)| self.table.borrow().entries[ix].value.clone()))
    }

    /// Looks up a `str` key without running Python code (keys of other types are skipped):
    /// what attribute lookup in type and instance dicts uses.
    #[inline]
    pub fn get_str(&self, key: &Value) -> Option<Value> {
        let data = key.downcast::<StrData>()?;
        let hash = data.hash();
        let table = self.table.borrow();
        if table.indices.is_empty() {
            return None;
        }
        let mask = table.indices.len() - 1;
        let mut i = hash as usize & mask;
        let mut perturb = hash as u64;
        loop {
            let ix = table.indices[i];
            if ix == EMPTY {
                return None;
            }
            if ix >= 0 {
                let entry = &table.entries[ix as usize];
                if let Some(k) = &entry.key {
                    if k.is(key)
                        || (entry.hash == hash
                            && k.downcast::<StrData>()
                                .is_some_and(|s| s.as_bytes() == data.as_bytes()))
                    {
                        return entry.value.clone();
                    }
                }
            }
            perturb >>= 5;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(perturb as usize)
                .wrapping_add(1))
                & mask;
        }
    }

    /// Sets `d[key] = value` for a Rust-named key (interned).
    pub fn set_str(&self, key: &str, value: Value) {
        let key = crate::str::intern(key);
        let hash = key.downcast::<StrData>().expect("str").hash();
        // Only str keys are compared, which cannot fail.
        let _ = self.set_item_hashed(key, hash, value);
    }

    /// Deletes a Rust-named key; whether it was there.
    pub fn del_str(&self, key: &str) -> bool {
        let key = crate::str::intern(key);
        let hash = key.downcast::<StrData>().expect("str").hash();
        matches!(self.del_item_hashed(&key, hash), Ok(Some(_)))
    }

    /// `d[key] = value`.
    pub fn set_item(&self, key: Value, value: Value) -> PyResult<()> {
        let hash = crate::protocol::hash(&key)?;
        self.set_item_hashed(key, hash, value)
    }

    /// [`DictData::set_item`] with the hash known.
    pub fn set_item_hashed(&self, key: Value, hash: i64, value: Value) -> PyResult<()> {
        if let Some((ix, _)) = self.find(&key, hash)? {
            if self.gc_untracked.get() {
                self.retrack(&key, &value);
            }
            let old = {
                let mut table = self.table.borrow_mut();
                table.entries[ix].value.replace(value)
            };
            self.notify();
            drop(old);
            return Ok(());
        }
        if self.gc_untracked.get() {
            self.retrack(&key, &value);
        }
        let mut table = self.table.borrow_mut();
        if table.indices.is_empty() || table.entries.len() >= usable(table.indices.len()) {
            let wanted = (table.used * 3).max(MIN_SIZE);
            rebuild(&mut table, wanted.next_power_of_two());
        }
        let ix = table.entries.len() as i32;
        let slot = empty_slot(&table.indices, hash);
        table.indices[slot] = ix;
        table.entries.push(Entry {
            hash,
            key: Some(key),
            value: Some(value),
        });
        table.used += 1;
        drop(table);
        self.bump();
        Ok(())
    }

    /// Tracks the dict again if `key` or `value` is a container (it was untracked by the
    /// collector).
    #[cold]
    fn retrack(&self, key: &Value, value: &Value) {
        if crate::gc::may_be_tracked(key) || crate::gc::may_be_tracked(value) {
            self.gc_untracked.set(false);
            let header =
                (self as *const DictData as usize) - crate::object::payload_offset::<DictData>();
            // SAFETY: only a dict the collector untracked has the flag, and such a dict is
            // a heap object whose payload is `self`.
            unsafe { crate::gc::retrack(header as *mut crate::object::Header) };
        }
    }

    /// Marks the dict as untracked by the collector (see [`DictData::retrack`]).
    pub(crate) fn set_gc_untracked(&self) {
        self.gc_untracked.set(true);
    }

    /// `del d[key]`: the removed value, or `None` when absent.
    pub fn del_item(&self, key: &Value) -> PyResult<Option<Value>> {
        let hash = crate::protocol::hash(key)?;
        self.del_item_hashed(key, hash)
    }

    /// [`DictData::del_item`] with the hash known.
    pub fn del_item_hashed(&self, key: &Value, hash: i64) -> PyResult<Option<Value>> {
        let Some((ix, slot)) = self.find(key, hash)? else {
            return Ok(None);
        };
        let (old_key, old_value) = {
            let mut table = self.table.borrow_mut();
            table.indices[slot] = DUMMY;
            table.used -= 1;
            let entry = &mut table.entries[ix];
            (entry.key.take(), entry.value.take())
        };
        self.bump();
        drop(old_key);
        Ok(old_value)
    }

    /// Removes every item.
    pub fn clear(&self) {
        let old = std::mem::take(&mut *self.table.borrow_mut());
        self.bump();
        drop(old);
    }

    /// The item at entry position `pos` or the next live one after it, with the position
    /// after it: what iterators step with.
    pub fn next_entry(&self, pos: usize) -> Option<(usize, Value, Value)> {
        let table = self.table.borrow();
        let mut p = pos;
        while p < table.entries.len() {
            let entry = &table.entries[p];
            if let (Some(k), Some(v)) = (&entry.key, &entry.value) {
                return Some((p + 1, k.clone(), v.clone()));
            }
            p += 1;
        }
        None
    }

    /// The hash stored with the item at entry position `pos` or the next live one (for
    /// copying without rehashing).
    pub fn next_entry_hashed(&self, pos: usize) -> Option<(usize, i64, Value, Value)> {
        let table = self.table.borrow();
        let mut p = pos;
        while p < table.entries.len() {
            let entry = &table.entries[p];
            if let (Some(k), Some(v)) = (&entry.key, &entry.value) {
                return Some((p + 1, entry.hash, k.clone(), v.clone()));
            }
            p += 1;
        }
        None
    }

    /// A snapshot of the items, in order.
    pub fn items(&self) -> Vec<(Value, Value)> {
        let table = self.table.borrow();
        table
            .entries
            .iter()
            .filter_map(|e| Some((e.key.clone()?, e.value.clone()?)))
            .collect()
    }

    /// A snapshot of the keys, in order.
    pub fn keys(&self) -> Vec<Value> {
        let table = self.table.borrow();
        table.entries.iter().filter_map(|e| e.key.clone()).collect()
    }

    /// A snapshot of the values, in order.
    pub fn values(&self) -> Vec<Value> {
        let table = self.table.borrow();
        table
            .entries
            .iter()
            .filter_map(|e| e.value.clone())
            .collect()
    }

    /// A copy of the table (keys keep their hashes; no Python code runs).
    pub fn copy(&self) -> DictData {
        let copy = DictData::new();
        let mut pos = 0;
        while let Some((next, hash, k, v)) = self.next_entry_hashed(pos) {
            let _ = copy.set_item_hashed(k, hash, v);
            pos = next;
        }
        copy
    }

    /// Removes and returns the last item (`popitem`).
    pub fn pop_last(&self) -> Option<(Value, Value)> {
        let (key, value) = {
            let mut table = self.table.borrow_mut();
            let pos = table.entries.iter().rposition(|e| e.key.is_some())?;
            let hash = table.entries[pos].hash;
            // Find the index slot pointing at this entry.
            let mask = table.indices.len() - 1;
            let mut i = hash as usize & mask;
            let mut perturb = hash as u64;
            while table.indices[i] != pos as i32 {
                perturb >>= 5;
                i = (i
                    .wrapping_mul(5)
                    .wrapping_add(perturb as usize)
                    .wrapping_add(1))
                    & mask;
            }
            table.indices[i] = DUMMY;
            table.used -= 1;
            let entry = std::mem::replace(
                &mut table.entries[pos],
                Entry {
                    hash: 0,
                    key: None,
                    value: None,
                },
            );
            // Later entries are all deleted ones: no index points at them.
            table.entries.truncate(pos);
            (entry.key?, entry.value?)
        };
        self.bump();
        Some((key, value))
    }

    /// The item at entry position `pos` or the nearest live one before it, with that
    /// position: what reverse iterators step with (`pos` may be past the end).
    pub fn prev_entry(&self, pos: usize) -> Option<(usize, Value, Value)> {
        let table = self.table.borrow();
        let mut p = pos.min(table.entries.len());
        while p > 0 {
            p -= 1;
            let entry = &table.entries[p];
            if let (Some(k), Some(v)) = (&entry.key, &entry.value) {
                return Some((p, k.clone(), v.clone()));
            }
        }
        None
    }

    /// How many entry positions there are (live and deleted).
    pub fn entries_len(&self) -> usize {
        self.table.borrow().entries.len()
    }
}

fn empty_slot(indices: &[i32], hash: i64) -> usize {
    let mask = indices.len() - 1;
    let mut i = hash as usize & mask;
    let mut perturb = hash as u64;
    while indices[i] != EMPTY {
        perturb >>= 5;
        i = (i
            .wrapping_mul(5)
            .wrapping_add(perturb as usize)
            .wrapping_add(1))
            & mask;
    }
    i
}

fn rebuild(table: &mut Table, size: usize) {
    let entries: Vec<Entry> = std::mem::take(&mut table.entries)
        .into_iter()
        .filter(|e| e.key.is_some())
        .collect();
    let mut indices = vec![EMPTY; size];
    for (ix, entry) in entries.iter().enumerate() {
        let slot = empty_slot(&indices, entry.hash);
        indices[slot] = ix as i32;
    }
    table.indices = indices;
    table.entries = entries;
}

/// A new empty `dict`.
pub fn new() -> Value {
    let d = crate::object::alloc(&crate::types().dict, DictData::new());
    // An empty dict cannot be part of a cycle: as in CPython, the collector tracks it only
    // once a container goes in.
    if let Some(data) = d.downcast::<DictData>() {
        // SAFETY: a new dict is a container with a registry word.
        unsafe { crate::gc::untrack(d.header().expect("heap") as *const _ as *mut _) };
        data.set_gc_untracked();
    }
    d
}

/// A new `dict` holding `data`.
pub fn from_data(data: DictData) -> Value {
    crate::object::alloc(&crate::types().dict, data)
}

// ---------------------------------------------------------------------------------------
// The `dict` type.

use crate::args::Args;
use crate::error::PyErr;
use crate::native::{MethodDef, MethodKind};
use crate::protocol;
use crate::sequence::method_args;
use crate::typeobject::{BinOp, CompareOp, TypeBuilder};

/// The builder of `dict`.
pub(crate) fn type_builder() -> TypeBuilder {
    TypeBuilder::new::<DictData>("dict")
        .subclassable()
        .unhashable()
        .slots(|s| {
            s.repr.set(Some(dict_repr));
            s.richcompare.set(Some(dict_richcompare));
            s.len.set(Some(|d| Ok(data(d).len())));
            s.getitem.set(Some(dict_getitem));
            s.setitem.set(Some(dict_setitem));
            s.contains
                .set(Some(|d, k| Ok(data(d).get_item(k)?.is_some())));
            s.iter.set(Some(crate::dict_iter::keys_iter));
            s.new.set(Some(|cls, _| {
                Ok(crate::object::alloc(cls, DictData::new()))
            }));
            s.init.set(Some(dict_init));
            s.number[BinOp::Or as usize].set(Some(dict_or));
            s.inplace[BinOp::Or as usize].set(Some(dict_ior));
        })
        .methods(DICT_METHODS)
}

fn data(d: &Value) -> &DictData {
    d.downcast::<DictData>().expect("dict slot on a dict")
}

fn dict_repr(d: &Value) -> PyResult<Value> {
    if data(d).is_empty() {
        return Ok(crate::str::new("{}"));
    }
    let Some(_guard) = crate::repr_guard::enter(d)? else {
        return Ok(crate::str::new("{...}"));
    };
    let mut out = String::from("{");
    let mut pos = 0;
    let mut first = true;
    while let Some((next, k, v)) = data(d).next_entry(pos) {
        if !first {
            out.push_str(", ");
        }
        first = false;
        out.push_str(&protocol::repr_string(&k)?);
        out.push_str(": ");
        out.push_str(&protocol::repr_string(&v)?);
        pos = next;
    }
    out.push('}');
    Ok(crate::str::new(&out))
}

fn dict_richcompare(a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    let (Some(x), Some(y)) = (a.downcast::<DictData>(), b.downcast::<DictData>()) else {
        return Ok(crate::not_implemented());
    };
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(crate::not_implemented());
    }
    let mut equal = x.len() == y.len();
    let mut pos = 0;
    while equal {
        let Some((next, hash, k, v)) = x.next_entry_hashed(pos) else {
            break;
        };
        pos = next;
        match y.get_item_hashed(&k, hash)? {
            Some(w) if protocol::eq(&v, &w)? => {}
            _ => equal = false,
        }
    }
    Ok(crate::bool(equal == (op == CompareOp::Eq)))
}

fn dict_getitem(d: &Value, key: &Value) -> PyResult<Value> {
    if let Some(v) = data(d).get_item(key)? {
        return Ok(v);
    }
    if !d.is_exact(&crate::types().dict) {
        if let Some(missing) = protocol::lookup_special(d, "__missing__")? {
            return protocol::call1(&missing, std::slice::from_ref(key));
        }
    }
    Err(PyErr::key_error(key.clone()))
}

fn dict_setitem(d: &Value, key: &Value, value: Option<&Value>) -> PyResult<()> {
    match value {
        Some(v) => data(d).set_item(key.clone(), v.clone()),
        None => match data(d).del_item(key)? {
            Some(_) => Ok(()),
            None => Err(PyErr::key_error(key.clone())),
        },
    }
}

/// `dict.update(other)` semantics: a mapping (by `keys()`) or an iterable of pairs.
pub fn update_from(target: &DictData, other: &Value) -> PyResult<()> {
    if let Some(src) = other.downcast::<DictData>() {
        let mut pos = 0;
        while let Some((next, hash, k, v)) = src.next_entry_hashed(pos) {
            target.set_item_hashed(k, hash, v)?;
            pos = next;
        }
        return Ok(());
    }
    if let Some(keys) = protocol::getattr_opt(other, &crate::str::intern("keys"))? {
        let keys = protocol::call1(&keys, &[])?;
        for k in protocol::collect(&keys)? {
            let v = protocol::getitem(other, &k)?;
            target.set_item(k, v)?;
        }
        return Ok(());
    }
    let it = protocol::iter(other)?;
    let mut n = 0;
    while let Some(item) = protocol::next(&it)? {
        let pair = protocol::collect(&item).map_err(|e| {
            if e.is(crate::ExcKind::TypeError) {
                PyErr::type_error(format!(
                    "cannot convert dictionary update sequence element #{n} to a sequence"
                ))
            } else {
                e
            }
        })?;
        if pair.len() != 2 {
            return Err(PyErr::value_error(format!(
                "dictionary update sequence element #{n} has length {}; 2 is required",
                pair.len()
            )));
        }
        let mut pair = pair.into_iter();
        let (k, v) = (pair.next().expect("2"), pair.next().expect("2"));
        target.set_item(k, v)?;
        n += 1;
    }
    Ok(())
}

fn dict_init(d: &Value, args: Args<'_>) -> PyResult<()> {
    let pos = args.pos();
    if pos.len() > 1 {
        return Err(PyErr::type_error(format!(
            "dict expected at most 1 argument, got {}",
            pos.len()
        )));
    }
    if let Some(other) = pos.first() {
        update_from(data(d), other)?;
    }
    for (k, v) in args.kwargs() {
        data(d).set_item(k.clone(), v.clone())?;
    }
    Ok(())
}

fn this<'a>(args: &Args<'a>, name: &str) -> PyResult<&'a DictData> {
    protocol::self_payload::<DictData>(&args.pos()[0], name, "dict")
}

fn get(args: Args<'_>) -> PyResult<Value> {
    let d = this(&args, "get")?;
    let a = method_args(&args, "get", 1, 2)?;
    Ok(d.get_item(&a[0])?
        .unwrap_or_else(|| a.get(1).cloned().unwrap_or_else(crate::none)))
}

fn keys(args: Args<'_>) -> PyResult<Value> {
    this(&args, "keys")?;
    method_args(&args, "dict.keys", 0, 0)?;
    crate::dict_iter::view(&args.pos()[0], crate::dict_iter::ViewKind::Keys)
}

fn values(args: Args<'_>) -> PyResult<Value> {
    this(&args, "values")?;
    method_args(&args, "dict.values", 0, 0)?;
    crate::dict_iter::view(&args.pos()[0], crate::dict_iter::ViewKind::Values)
}

fn items(args: Args<'_>) -> PyResult<Value> {
    this(&args, "items")?;
    method_args(&args, "dict.items", 0, 0)?;
    crate::dict_iter::view(&args.pos()[0], crate::dict_iter::ViewKind::Items)
}

fn pop(args: Args<'_>) -> PyResult<Value> {
    let d = this(&args, "pop")?;
    let a = method_args(&args, "pop", 1, 2)?;
    match d.del_item(&a[0])? {
        Some(v) => Ok(v),
        None => match a.get(1) {
            Some(default) => Ok(default.clone()),
            None => Err(PyErr::key_error(a[0].clone())),
        },
    }
}

fn popitem(args: Args<'_>) -> PyResult<Value> {
    let d = this(&args, "popitem")?;
    method_args(&args, "dict.popitem", 0, 0)?;
    match d.pop_last() {
        Some((k, v)) => Ok(crate::tuple::new(vec![k, v])),
        None => Err(PyErr::key_error(crate::str::new(
            "popitem(): dictionary is empty",
        ))),
    }
}

fn setdefault(args: Args<'_>) -> PyResult<Value> {
    let d = this(&args, "setdefault")?;
    let a = method_args(&args, "setdefault", 1, 2)?;
    let hash = protocol::hash(&a[0])?;
    if let Some(v) = d.get_item_hashed(&a[0], hash)? {
        return Ok(v);
    }
    let v = a.get(1).cloned().unwrap_or_else(crate::none);
    d.set_item_hashed(a[0].clone(), hash, v.clone())?;
    Ok(v)
}

fn update(args: Args<'_>) -> PyResult<Value> {
    let d = this(&args, "update")?;
    let pos = args.pos();
    if pos.len() > 2 {
        return Err(PyErr::type_error(format!(
            "update expected at most 1 argument, got {}",
            pos.len() - 1
        )));
    }
    if let Some(other) = pos.get(1) {
        update_from(d, other)?;
    }
    for (k, v) in args.kwargs() {
        d.set_item(k.clone(), v.clone())?;
    }
    Ok(crate::none())
}

fn copy(args: Args<'_>) -> PyResult<Value> {
    let d = this(&args, "copy")?;
    method_args(&args, "dict.copy", 0, 0)?;
    Ok(from_data(d.copy()))
}

fn clear(args: Args<'_>) -> PyResult<Value> {
    let d = this(&args, "clear")?;
    method_args(&args, "dict.clear", 0, 0)?;
    d.clear();
    Ok(crate::none())
}

fn reversed(args: Args<'_>) -> PyResult<Value> {
    this(&args, "__reversed__")?;
    method_args(&args, "dict.__reversed__", 0, 0)?;
    crate::dict_iter::reverse_iter(&args.pos()[0], crate::dict_iter::ViewKind::Keys)
}

fn contains_method(args: Args<'_>) -> PyResult<Value> {
    let d = this(&args, "__contains__")?;
    let a = method_args(&args, "dict.__contains__", 1, 1)?;
    Ok(crate::bool(d.get_item(&a[0])?.is_some()))
}

/// `dict.fromkeys(iterable, value=None)`, a class method: `cls()` filled by item
/// assignment (a plain dict directly).
fn fromkeys(args: Args<'_>) -> PyResult<Value> {
    let a = method_args(&args, "fromkeys", 1, 2)?;
    let cls = &args.pos()[0];
    let value = a.get(1).cloned().unwrap_or_else(crate::none);
    let result = protocol::call1(cls, &[])?;
    if let Some(d) = result
        .downcast::<DictData>()
        .filter(|_| result.is_exact(&crate::types().dict))
    {
        if let Some(src) = a[0]
            .downcast::<DictData>()
            .filter(|_| a[0].is_exact(&crate::types().dict))
        {
            let mut pos = 0;
            while let Some((next, hash, k, _)) = src.next_entry_hashed(pos) {
                d.set_item_hashed(k, hash, value.clone())?;
                pos = next;
            }
            return Ok(result);
        }
        let it = protocol::iter(&a[0])?;
        while let Some(k) = protocol::next(&it)? {
            d.set_item(k, value.clone())?;
        }
        return Ok(result);
    }
    let it = protocol::iter(&a[0])?;
    while let Some(k) = protocol::next(&it)? {
        protocol::setitem(&result, &k, Some(&value))?;
    }
    Ok(result)
}

/// `a | b` for two dicts (`__or__` and `__ror__`): a new plain dict.
fn dict_or(a: &Value, b: &Value) -> PyResult<Value> {
    let (Some(x), Some(_)) = (a.downcast::<DictData>(), b.downcast::<DictData>()) else {
        return Ok(crate::not_implemented());
    };
    let new = x.copy();
    update_from(&new, b)?;
    Ok(from_data(new))
}

/// `a |= b`: any mapping or iterable of pairs.
fn dict_ior(a: &Value, b: &Value) -> PyResult<Value> {
    update_from(data(a), b)?;
    Ok(a.clone())
}

const DICT_METHODS: &[MethodDef] = &[
    MethodDef::new("__contains__", MethodKind::Method(contains_method)),
    MethodDef::new("get", MethodKind::Method(get)),
    MethodDef::new("setdefault", MethodKind::Method(setdefault)),
    MethodDef::new("pop", MethodKind::Method(pop)),
    MethodDef::new("popitem", MethodKind::Method(popitem)),
    MethodDef::new("keys", MethodKind::Method(keys)),
    MethodDef::new("items", MethodKind::Method(items)),
    MethodDef::new("values", MethodKind::Method(values)),
    MethodDef::new("update", MethodKind::Method(update)),
    MethodDef::new("fromkeys", MethodKind::Class(fromkeys)),
    MethodDef::new("clear", MethodKind::Method(clear)),
    MethodDef::new("copy", MethodKind::Method(copy)),
    MethodDef::new("__reversed__", MethodKind::Method(reversed)),
    MethodDef::new(
        "__class_getitem__",
        MethodKind::Class(crate::genericalias::class_getitem),
    ),
];
