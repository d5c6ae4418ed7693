//! The `set` and `frozenset` types (CPython's Objects/setobject.c): [`SetData`], an
//! open-addressing hash table laid out and probed exactly as CPython's, so that a set of small
//! ints iterates (and prints) in CPython's order.
//!
//! The table starts with 8 slots. A key's first slot is `hash & mask`; from there the probe
//! looks at up to [`LINEAR_PROBES`] following slots (when they fit before the end), then jumps
//! by `i = i * 5 + 1 + perturb` with `perturb` shifted right by 5 each time. A removed key
//! leaves a dummy slot (hash -1) that a later insertion of a missing key reuses. When the
//! filled slots (active and dummy) reach 3/5 of the mask, the table is rebuilt at the smallest
//! power of two above `used * 4` (`used * 2` past 50,000 keys).
//!
//! Keys' `__eq__` may run Python code that mutates the set: the table is never borrowed
//! across such a call, and a lookup interrupted by a mutation starts over, as in CPython.

use std::cell::{Cell, RefCell};
use std::sync::OnceLock;

use crate::args::Args;
use crate::error::{PyErr, PyResult};
use crate::exceptions::ExcKind;
use crate::native::{MethodDef, MethodKind};
use crate::object::Payload;
use crate::protocol;
use crate::str::StrData;
use crate::typeobject::{is_subtype, BinOp, CompareOp, TypeBuilder, TypeFlags};
use crate::value::Value;
use crate::SyncCell;

/// How many slots after the first a probe looks at before jumping (CPython's
/// `LINEAR_PROBES`).
pub const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;
const MIN_SIZE: usize = 8;
const DUMMY_HASH: i64 = -1;

/// One slot: unused (no key, hash 0), dummy (no key, hash -1) or active.
#[derive(Clone, Default)]
struct Slot {
    hash: i64,
    key: Option<Value>,
}

impl Slot {
    fn is_unused(&self) -> bool {
        self.key.is_none() && self.hash == 0
    }

    fn is_dummy(&self) -> bool {
        self.key.is_none() && self.hash == DUMMY_HASH
    }
}

struct Table {
    slots: Vec<Slot>,
    /// Active plus dummy slots.
    fill: usize,
    /// Active slots.
    used: usize,
    /// Where `pop` starts looking.
    finger: usize,
}

impl Default for Table {
    fn default() -> Table {
        Table {
            slots: vec![Slot::default(); MIN_SIZE],
            fill: 0,
            used: 0,
            finger: 0,
        }
    }
}

impl Table {
    fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    /// Puts a key known to be absent into a table without dummies (CPython's
    /// `set_insert_clean`).
    fn insert_clean(slots: &mut [Slot], key: Value, hash: i64) {
        let mask = slots.len() - 1;
        let mut perturb = hash as u64;
        let mut i = hash as usize & mask;
        loop {
            if slots[i].key.is_none() {
                slots[i] = Slot {
                    hash,
                    key: Some(key),
                };
                return;
            }
            if i + LINEAR_PROBES <= mask {
                for j in 1..=LINEAR_PROBES {
                    if slots[i + j].key.is_none() {
                        slots[i + j] = Slot {
                            hash,
                            key: Some(key),
                        };
                        return;
                    }
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    }

    /// Rebuilds the table at the smallest power of two above `minused` (CPython's
    /// `set_table_resize`), dropping dummies.
    fn resize(&mut self, minused: usize) {
        let mut size = MIN_SIZE;
        while size <= minused {
            size <<= 1;
        }
        let old = std::mem::replace(&mut self.slots, vec![Slot::default(); size]);
        for slot in old {
            if let Some(key) = slot.key {
                Table::insert_clean(&mut self.slots, key, slot.hash);
            }
        }
        self.fill = self.used;
    }

    /// The active (key, hash) pairs in table order.
    fn entries(&self) -> Vec<(Value, i64)> {
        self.slots
            .iter()
            .filter_map(|s| s.key.as_ref().map(|k| (k.clone(), s.hash)))
            .collect()
    }
}

/// The payload of a `set` or `frozenset`.
#[derive(Default)]
pub struct SetData {
    table: RefCell<Table>,
    /// Bumped whenever the table is rebuilt or cleared (an interrupted probe starts over).
    generation: Cell<u64>,
    /// A frozenset's cached hash.
    hash: Cell<Option<i64>>,
}

impl SetData {
    /// What `set.__sizeof__` reports in CPython: 200 bytes with the 8-slot table inside the
    /// object, plus 16 bytes a slot once the table outgrows it.
    pub fn cpython_sizeof(&self) -> usize {
        let size = self.table.try_borrow().map_or(MIN_SIZE, |t| t.slots.len());
        200 + if size > MIN_SIZE { size * 16 } else { 0 }
    }
}

impl Payload for SetData {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        if let Ok(table) = self.table.try_borrow() {
            for slot in &table.slots {
                if let Some(k) = &slot.key {
                    visit(k);
                }
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
        drop(old);
    }
}

/// Compares two keys without running Python code when their types allow it.
#[inline]
fn fast_eq(a: &Value, b: &Value) -> Option<bool> {
    if a.is(b) {
        return Some(true);
    }
    let t = crate::types();
    if a.is_exact(&t.str) && b.is_exact(&t.str) {
        let (x, y) = (a.downcast::<StrData>()?, b.downcast::<StrData>()?);
        return Some(x.as_bytes() == y.as_bytes());
    }
    if a.is_small() && b.is_small() {
        return Some(false);
    }
    None
}

enum Lookup {
    Found(usize),
    Missing,
}

enum Insert {
    /// The key was already there.
    Present,
    /// Put into an unused slot (the fill grew).
    Unused,
    /// Put into a dummy slot.
    Dummy,
}

impl SetData {
    /// An empty table.
    pub fn new() -> SetData {
        SetData::default()
    }

    /// The number of keys.
    #[inline]
    pub fn len(&self) -> usize {
        self.table.borrow().used
    }

    /// Whether there are no keys.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn bump(&self) {
        self.generation.set(self.generation.get().wrapping_add(1));
    }

    /// Calls `__eq__` on a stored key; `Ok(None)` when the call changed the table under the
    /// slot (the probe must start over).
    fn eq_checked(&self, slot: usize, start: &Value, key: &Value) -> PyResult<Option<bool>> {
        let generation = self.generation.get();
        let equal = protocol::eq(start, key)?;
        let table = self.table.borrow();
        let same = self.generation.get() == generation
            && table
                .slots
                .get(slot)
                .and_then(|s| s.key.as_ref())
                .is_some_and(|k| k.is(start));
        Ok(same.then_some(equal))
    }

    /// The slot holding `key` (CPython's `set_lookkey`).
    fn lookup(&self, key: &Value, hash: i64) -> PyResult<Lookup> {
        'restart: loop {
            let mask = self.table.borrow().mask();
            let mut i = hash as usize & mask;
            let mut perturb = hash as u64;
            loop {
                let probes = if i + LINEAR_PROBES <= mask {
                    LINEAR_PROBES
                } else {
                    0
                };
                for j in 0..=probes {
                    let at = i + j;
                    let start = {
                        let table = self.table.borrow();
                        let slot = &table.slots[at];
                        if slot.is_unused() {
                            return Ok(Lookup::Missing);
                        }
                        if slot.hash != hash {
                            continue;
                        }
                        let Some(start) = &slot.key else { continue };
                        match fast_eq(start, key) {
                            Some(true) => return Ok(Lookup::Found(at)),
                            Some(false) => continue,
                            None => start.clone(),
                        }
                    };
                    match self.eq_checked(at, &start, key)? {
                        None => continue 'restart,
                        Some(true) => return Ok(Lookup::Found(at)),
                        Some(false) => {}
                    }
                }
                perturb >>= PERTURB_SHIFT;
                i = (i
                    .wrapping_mul(5)
                    .wrapping_add(1)
                    .wrapping_add(perturb as usize))
                    & mask;
            }
        }
    }

    /// Adds a key with a known hash (CPython's `set_add_entry`); whether it was new.
    fn insert(&self, key: Value, hash: i64) -> PyResult<bool> {
        let outcome = 'restart: loop {
            let mask = self.table.borrow().mask();
            let mut i = hash as usize & mask;
            let mut perturb = hash as u64;
            let mut freeslot: Option<usize> = None;
            loop {
                let probes = if i + LINEAR_PROBES <= mask {
                    LINEAR_PROBES
                } else {
                    0
                };
                for j in 0..=probes {
                    let at = i + j;
                    let start = {
                        let mut table = self.table.borrow_mut();
                        let slot = &table.slots[at];
                        if slot.is_unused() {
                            match freeslot {
                                Some(free) => {
                                    table.slots[free] = Slot {
                                        hash,
                                        key: Some(key),
                                    };
                                    table.used += 1;
                                    break 'restart Insert::Dummy;
                                }
                                None => {
                                    table.slots[at] = Slot {
                                        hash,
                                        key: Some(key),
                                    };
                                    table.used += 1;
                                    table.fill += 1;
                                    break 'restart Insert::Unused;
                                }
                            }
                        }
                        if slot.hash == hash {
                            let Some(start) = &slot.key else { continue };
                            match fast_eq(start, &key) {
                                Some(true) => break 'restart Insert::Present,
                                Some(false) => continue,
                                None => start.clone(),
                            }
                        } else {
                            if slot.is_dummy() && freeslot.is_none() {
                                freeslot = Some(at);
                            }
                            continue;
                        }
                    };
                    let generation = self.generation.get();
                    let equal = protocol::eq(&start, &key)?;
                    if equal {
                        break 'restart Insert::Present;
                    }
                    let table = self.table.borrow();
                    let same = self.generation.get() == generation
                        && table.mask() == mask
                        && table.slots[at].key.as_ref().is_some_and(|k| k.is(&start));
                    if !same {
                        continue 'restart;
                    }
                }
                perturb >>= PERTURB_SHIFT;
                i = (i
                    .wrapping_mul(5)
                    .wrapping_add(1)
                    .wrapping_add(perturb as usize))
                    & mask;
            }
        };
        match outcome {
            Insert::Present => Ok(false),
            Insert::Dummy => {
                self.hash.set(None);
                Ok(true)
            }
            Insert::Unused => {
                self.hash.set(None);
                let mut table = self.table.borrow_mut();
                if table.fill * 5 >= table.mask() * 3 {
                    let used = table.used;
                    table.resize(if used > 50000 { used * 2 } else { used * 4 });
                    drop(table);
                    self.bump();
                }
                Ok(true)
            }
        }
    }

    /// `set.add(key)`; whether it was new.
    pub fn add(&self, key: Value) -> PyResult<bool> {
        let hash = protocol::hash(&key)?;
        self.insert(key, hash)
    }

    /// `key in set` (with a hash already computed).
    fn contains_hashed(&self, key: &Value, hash: i64) -> PyResult<bool> {
        Ok(matches!(self.lookup(key, hash)?, Lookup::Found(_)))
    }

    /// `key in set`, without the set-to-frozenset retry of the `in` operator.
    pub fn contains(&self, key: &Value) -> PyResult<bool> {
        let hash = protocol::hash(key)?;
        self.contains_hashed(key, hash)
    }

    /// Removes a key with a known hash; whether it was there (CPython's
    /// `set_discard_entry`).
    fn discard_hashed(&self, key: &Value, hash: i64) -> PyResult<bool> {
        let Lookup::Found(at) = self.lookup(key, hash)? else {
            return Ok(false);
        };
        let old = {
            let mut table = self.table.borrow_mut();
            let old = table.slots[at].key.take();
            table.slots[at].hash = DUMMY_HASH;
            table.used -= 1;
            old
        };
        self.hash.set(None);
        drop(old);
        Ok(true)
    }

    /// `set.discard(key)`; whether it was there.
    pub fn discard(&self, key: &Value) -> PyResult<bool> {
        let hash = protocol::hash(key)?;
        self.discard_hashed(key, hash)
    }

    /// Removes every key.
    pub fn clear(&self) {
        let old = std::mem::take(&mut *self.table.borrow_mut());
        self.bump();
        self.hash.set(None);
        drop(old);
    }

    /// `set.pop()`: the first key from the search finger on.
    pub fn pop(&self) -> Option<Value> {
        let key = {
            let mut table = self.table.borrow_mut();
            if table.used == 0 {
                return None;
            }
            let mask = table.mask();
            let mut i = table.finger & mask;
            while table.slots[i].key.is_none() {
                i = if i == mask { 0 } else { i + 1 };
            }
            let key = table.slots[i].key.take();
            table.slots[i].hash = DUMMY_HASH;
            table.used -= 1;
            table.finger = i + 1;
            key
        };
        self.hash.set(None);
        key
    }

    /// The keys in table (iteration) order.
    pub fn to_vec(&self) -> Vec<Value> {
        let table = self.table.borrow();
        table.slots.iter().filter_map(|s| s.key.clone()).collect()
    }

    fn entries(&self) -> Vec<(Value, i64)> {
        self.table.borrow().entries()
    }

    /// The active key at table position `pos` or the next one after it, with the position
    /// after it: what iterators step with.
    pub fn next_key(&self, pos: usize) -> Option<(usize, Value)> {
        let table = self.table.borrow();
        let mut p = pos;
        while p < table.slots.len() {
            if let Some(k) = &table.slots[p].key {
                return Some((p + 1, k.clone()));
            }
            p += 1;
        }
        None
    }

    /// Adds every key of another set (CPython's `set_merge`).
    fn merge(&self, other: &SetData) -> PyResult<()> {
        if std::ptr::eq(self, other) {
            return Ok(());
        }
        let (other_used, other_fill, other_mask) = {
            let t = other.table.borrow();
            (t.used, t.fill, t.mask())
        };
        if other_used == 0 {
            return Ok(());
        }
        {
            let mut table = self.table.borrow_mut();
            if (table.fill + other_used) * 5 >= table.mask() * 3 {
                let want = (table.used + other_used) * 2;
                table.resize(want);
                drop(table);
                self.bump();
            }
        }
        self.hash.set(None);
        let mut table = self.table.borrow_mut();
        if table.fill == 0 {
            let theirs = other.table.borrow();
            if table.mask() == other_mask && other_fill == other_used {
                // Same size, no dummies: the slots copy as they are.
                table.slots = theirs
                    .slots
                    .iter()
                    .map(|s| {
                        if s.key.is_some() {
                            s.clone()
                        } else {
                            Slot::default()
                        }
                    })
                    .collect();
            } else {
                for s in &theirs.slots {
                    if let Some(k) = &s.key {
                        Table::insert_clean(&mut table.slots, k.clone(), s.hash);
                    }
                }
            }
            table.fill = other_used;
            table.used = other_used;
            return Ok(());
        }
        drop(table);
        for (key, hash) in other.entries() {
            self.insert(key, hash)?;
        }
        Ok(())
    }

    /// Adds every key of an iterable (CPython's `set_update_internal`).
    pub fn update(&self, iterable: &Value) -> PyResult<()> {
        if let Some(other) = any_set(iterable) {
            return self.merge(other);
        }
        if iterable.is_exact(&crate::types().dict) {
            let d = iterable
                .downcast::<crate::dict::DictData>()
                .expect("a dict");
            let size = d.len();
            {
                let mut table = self.table.borrow_mut();
                if (table.fill + size) * 5 >= table.mask() * 3 {
                    let want = (table.used + size) * 2;
                    table.resize(want);
                    drop(table);
                    self.bump();
                }
            }
            let mut pos = 0;
            while let Some((next, hash, k, _)) = d.next_entry_hashed(pos) {
                self.insert(k, hash)?;
                pos = next;
            }
            return Ok(());
        }
        let it = protocol::iter(iterable)?;
        while let Some(key) = protocol::next(&it)? {
            self.add(key)?;
        }
        Ok(())
    }

    /// A copy of the table (no Python code runs).
    pub fn copy(&self) -> SetData {
        let copy = SetData::new();
        // Merging into an empty set never compares.
        let _ = copy.merge(self);
        copy
    }

    /// Exchanges the contents of two sets (CPython's `set_swap_bodies`).
    fn swap(&self, other: &SetData) {
        std::mem::swap(
            &mut *self.table.borrow_mut(),
            &mut *other.table.borrow_mut(),
        );
        self.bump();
        other.bump();
        self.hash.set(None);
        other.hash.set(None);
    }

    /// Removes dummies when more than a quarter of the slots are dummies (after a
    /// difference update).
    fn shrink_dummies(&self) {
        let mut table = self.table.borrow_mut();
        if table.fill - table.used <= table.mask() / 4 {
            return;
        }
        let used = table.used;
        table.resize(if used > 50000 { used * 2 } else { used * 4 });
        drop(table);
        self.bump();
    }

    /// CPython's frozenset hash: the xor of every key's shuffled hash, dispersed.
    fn frozen_hash(&self) -> i64 {
        if let Some(h) = self.hash.get() {
            return h;
        }
        fn shuffle(h: u64) -> u64 {
            ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167)
        }
        let (mut hash, used) = {
            let table = self.table.borrow();
            let mut hash: u64 = 0;
            for s in &table.slots {
                if s.key.is_some() {
                    hash ^= shuffle(s.hash as u64);
                }
            }
            (hash, table.used)
        };
        hash ^= (used as u64 + 1).wrapping_mul(1927868237);
        hash ^= (hash >> 11) ^ (hash >> 25);
        hash = hash.wrapping_mul(69069).wrapping_add(907133923);
        let mut h = hash as i64;
        if h == -1 {
            h = 590923713;
        }
        self.hash.set(Some(h));
        h
    }
}

// ---------------------------------------------------------------------------------------
// The types.

struct SetTypes {
    set: Value,
    frozenset: Value,
    iter: Value,
}

static TYPES: OnceLock<SyncCell<SetTypes>> = OnceLock::new();

fn set_types() -> &'static SetTypes {
    &TYPES
        .get_or_init(|| {
            let set = TypeBuilder::new::<SetData>("set")
                .subclassable()
                .flags(TypeFlags::MANAGED_WEAKREF)
                .unhashable()
                .slots(|s| {
                    common_slots(s);
                    s.new.set(Some(set_new));
                    s.init.set(Some(set_init));
                    s.inplace[BinOp::Or as usize].set(Some(set_ior));
                    s.inplace[BinOp::And as usize].set(Some(set_iand));
                    s.inplace[BinOp::Sub as usize].set(Some(set_isub));
                    s.inplace[BinOp::Xor as usize].set(Some(set_ixor));
                })
                .methods(COMMON_METHODS)
                .methods(SET_METHODS)
                .build();
            let frozenset = TypeBuilder::new::<SetData>("frozenset")
                .subclassable()
                .flags(TypeFlags::MANAGED_WEAKREF)
                .slots(|s| {
                    common_slots(s);
                    s.hash.set(Some(|v| Ok(data(v).frozen_hash())));
                    s.new.set(Some(frozenset_new));
                })
                .methods(COMMON_METHODS)
                .build();
            let iter = TypeBuilder::new::<SetIter>("set_iterator")
                .slots(|s| {
                    s.iter.set(Some(|it| Ok(it.clone())));
                    s.next.set(Some(set_iter_next));
                })
                .methods(ITER_METHODS)
                .build();
            SyncCell(SetTypes {
                set,
                frozenset,
                iter,
            })
        })
        .0
}

/// The `set` type.
pub fn set_type() -> &'static Value {
    &set_types().set
}

/// The `frozenset` type.
pub fn frozenset_type() -> &'static Value {
    &set_types().frozenset
}

/// A new `set` holding `items` (which may raise: hashing and comparing).
pub fn new_set(items: Vec<Value>) -> PyResult<Value> {
    let d = SetData::new();
    for item in items {
        d.add(item)?;
    }
    Ok(crate::object::alloc(set_type(), d))
}

/// A new `frozenset` holding `items`.
pub fn new_frozenset(items: Vec<Value>) -> PyResult<Value> {
    let d = SetData::new();
    for item in items {
        d.add(item)?;
    }
    Ok(crate::object::alloc(frozenset_type(), d))
}

/// A `set` or `frozenset` (or subclass) built from the data.
pub fn from_data(class: &Value, data: SetData) -> Value {
    crate::object::alloc(class, data)
}

/// The table of a `set` or `frozenset` (or an instance of a subclass).
pub fn any_set(v: &Value) -> Option<&SetData> {
    v.downcast::<SetData>()
}

/// Whether `v` is a `set` (or subclass), not a frozenset.
pub fn is_set(v: &Value) -> bool {
    v.downcast::<SetData>().is_some() && is_subtype(v.class(), set_type())
}

fn is_frozen(v: &Value) -> bool {
    v.downcast::<SetData>().is_some() && is_subtype(v.class(), frozenset_type())
}

fn data(v: &Value) -> &SetData {
    v.downcast::<SetData>().expect("set slot on a set")
}

fn common_slots(s: &crate::typeobject::Slots) {
    s.repr.set(Some(set_repr));
    s.richcompare.set(Some(set_richcompare));
    s.len.set(Some(|v| Ok(data(v).len())));
    s.contains.set(Some(set_contains));
    s.iter.set(Some(set_iter));
    s.number[BinOp::Or as usize].set(Some(set_or));
    s.number[BinOp::And as usize].set(Some(set_and));
    s.number[BinOp::Sub as usize].set(Some(set_sub));
    s.number[BinOp::Xor as usize].set(Some(set_xor));
}

/// The base type of results of set operations: `set` for sets, `frozenset` for frozensets
/// (CPython's `make_new_set_basetype`).
fn base_type(v: &Value) -> &'static Value {
    if is_subtype(v.class(), set_type()) {
        set_type()
    } else {
        frozenset_type()
    }
}

fn new_like(v: &Value, d: SetData) -> Value {
    crate::object::alloc(base_type(v), d)
}

fn set_repr(v: &Value) -> PyResult<Value> {
    let name = v.type_data().name();
    let exact = v.is_exact(set_type()) || v.is_exact(frozenset_type());
    let is_plain_set = v.is_exact(set_type());
    if data(v).is_empty() {
        return Ok(crate::str::new(&format!("{name}()")));
    }
    let Some(_guard) = crate::repr_guard::enter(v)? else {
        return Ok(crate::str::new(&format!("{name}(...)")));
    };
    let keys = data(v).to_vec();
    let mut inner = String::from("{");
    for (i, k) in keys.iter().enumerate() {
        if i > 0 {
            inner.push_str(", ");
        }
        inner.push_str(&protocol::repr_string(k)?);
    }
    inner.push('}');
    let _ = exact;
    Ok(crate::str::new(&if is_plain_set {
        inner
    } else {
        format!("{name}({inner})")
    }))
}

/// `key in s`: a `set` key that is unhashable is looked up as a frozenset.
fn set_contains(v: &Value, key: &Value) -> PyResult<bool> {
    match data(v).contains(key) {
        Err(e) if e.is(ExcKind::TypeError) && is_set(key) => {
            let tmp = crate::object::alloc(frozenset_type(), data(key).copy());
            data(v).contains(&tmp)
        }
        other => other,
    }
}

/// The `set` as a frozenset when the key is an unhashable set (`remove`, `discard`).
fn hashable_key(key: &Value, err: PyErr) -> PyResult<Value> {
    if err.is(ExcKind::TypeError) && is_set(key) {
        Ok(crate::object::alloc(frozenset_type(), data(key).copy()))
    } else {
        Err(err)
    }
}

fn issubset(a: &SetData, b: &SetData) -> PyResult<bool> {
    if a.len() > b.len() {
        return Ok(false);
    }
    for (k, h) in a.entries() {
        if !b.contains_hashed(&k, h)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn set_richcompare(a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    let (Some(x), Some(y)) = (any_set(a), any_set(b)) else {
        return Ok(crate::not_implemented());
    };
    let r = match op {
        CompareOp::Eq | CompareOp::Ne => {
            // Frozensets whose hashes are known and differ cannot be equal.
            let hashes_differ = is_frozen(a)
                && is_frozen(b)
                && x.hash.get().is_some()
                && y.hash.get().is_some()
                && x.hash.get() != y.hash.get();
            let equal = x.len() == y.len() && !hashes_differ && issubset(x, y)?;
            equal == (op == CompareOp::Eq)
        }
        CompareOp::Le => issubset(x, y)?,
        CompareOp::Ge => issubset(y, x)?,
        CompareOp::Lt => x.len() < y.len() && issubset(x, y)?,
        CompareOp::Gt => x.len() > y.len() && issubset(y, x)?,
    };
    Ok(crate::bool(r))
}

/// `so & other` (CPython's `set_intersection`).
fn intersection(so: &Value, other: &Value) -> PyResult<Value> {
    if so.is(other) {
        return Ok(new_like(so, data(so).copy()));
    }
    let result = SetData::new();
    let mine = data(so);
    if let Some(theirs) = any_set(other) {
        let (small, big) = if theirs.len() > mine.len() {
            (mine, theirs)
        } else {
            (theirs, mine)
        };
        for (k, h) in small.entries() {
            if big.contains_hashed(&k, h)? {
                result.insert(k, h)?;
            }
        }
        return Ok(new_like(so, result));
    }
    let it = protocol::iter(other)?;
    while let Some(k) = protocol::next(&it)? {
        let h = protocol::hash(&k)?;
        if mine.contains_hashed(&k, h)? {
            result.insert(k, h)?;
        }
    }
    Ok(new_like(so, result))
}

/// `so - other` (CPython's `set_difference`).
fn difference(so: &Value, other: &Value) -> PyResult<Value> {
    let mine = data(so);
    let other_size = if let Some(t) = any_set(other) {
        t.len()
    } else if other.is_exact(&crate::types().dict) {
        other
            .downcast::<crate::dict::DictData>()
            .expect("dict")
            .len()
    } else {
        let result = new_like(so, mine.copy());
        difference_update(&result, other)?;
        return Ok(result);
    };
    if (mine.len() >> 2) > other_size {
        let result = new_like(so, mine.copy());
        difference_update(&result, other)?;
        return Ok(result);
    }
    let result = SetData::new();
    if let Some(d) = other.downcast::<crate::dict::DictData>() {
        for (k, h) in mine.entries() {
            if d.get_item_hashed(&k, h)?.is_none() {
                result.insert(k, h)?;
            }
        }
    } else {
        let theirs = data(other);
        for (k, h) in mine.entries() {
            if !theirs.contains_hashed(&k, h)? {
                result.insert(k, h)?;
            }
        }
    }
    Ok(new_like(so, result))
}

/// `so -= other` (CPython's `set_difference_update_internal`).
fn difference_update(so: &Value, other: &Value) -> PyResult<()> {
    let mine = data(so);
    if so.is(other) {
        mine.clear();
        return Ok(());
    }
    if let Some(theirs) = any_set(other) {
        let entries = if (theirs.len() >> 3) > mine.len() {
            data(&intersection(so, other)?).entries()
        } else {
            theirs.entries()
        };
        for (k, h) in entries {
            mine.discard_hashed(&k, h)?;
        }
    } else {
        let it = protocol::iter(other)?;
        while let Some(k) = protocol::next(&it)? {
            mine.discard(&k)?;
        }
    }
    mine.shrink_dummies();
    Ok(())
}

/// `so ^= other` (CPython's `set_symmetric_difference_update`).
fn symmetric_difference_update(so: &Value, other: &Value) -> PyResult<()> {
    let mine = data(so);
    if so.is(other) {
        mine.clear();
        return Ok(());
    }
    let entries: Vec<(Value, i64)> = if other.is_exact(&crate::types().dict) {
        let d = other.downcast::<crate::dict::DictData>().expect("dict");
        let mut out = Vec::new();
        let mut pos = 0;
        while let Some((next, h, k, _)) = d.next_entry_hashed(pos) {
            out.push((k, h));
            pos = next;
        }
        out
    } else if let Some(theirs) = any_set(other) {
        theirs.entries()
    } else {
        let tmp = SetData::new();
        tmp.update(other)?;
        tmp.entries()
    };
    for (k, h) in entries {
        if !mine.discard_hashed(&k, h)? {
            mine.insert(k, h)?;
        }
    }
    Ok(())
}

fn symmetric_difference(so: &Value, other: &Value) -> PyResult<Value> {
    let result = SetData::new();
    result.update(other)?;
    let result = new_like(so, result);
    symmetric_difference_update(&result, so)?;
    Ok(result)
}

fn union(so: &Value, others: &[Value]) -> PyResult<Value> {
    let result = new_like(so, data(so).copy());
    for other in others {
        if other.is(so) {
            continue;
        }
        data(&result).update(other)?;
    }
    Ok(result)
}

fn both_sets(a: &Value, b: &Value) -> bool {
    any_set(a).is_some() && any_set(b).is_some()
}

fn set_or(a: &Value, b: &Value) -> PyResult<Value> {
    if !both_sets(a, b) {
        return Ok(crate::not_implemented());
    }
    let result = new_like(a, data(a).copy());
    if !a.is(b) {
        data(&result).update(b)?;
    }
    Ok(result)
}

fn set_and(a: &Value, b: &Value) -> PyResult<Value> {
    if !both_sets(a, b) {
        return Ok(crate::not_implemented());
    }
    intersection(a, b)
}

fn set_sub(a: &Value, b: &Value) -> PyResult<Value> {
    if !both_sets(a, b) {
        return Ok(crate::not_implemented());
    }
    difference(a, b)
}

fn set_xor(a: &Value, b: &Value) -> PyResult<Value> {
    if !both_sets(a, b) {
        return Ok(crate::not_implemented());
    }
    symmetric_difference(a, b)
}

fn set_ior(a: &Value, b: &Value) -> PyResult<Value> {
    if any_set(b).is_none() {
        return Ok(crate::not_implemented());
    }
    data(a).update(b)?;
    Ok(a.clone())
}

fn set_iand(a: &Value, b: &Value) -> PyResult<Value> {
    if any_set(b).is_none() {
        return Ok(crate::not_implemented());
    }
    let tmp = intersection(a, b)?;
    data(a).swap(data(&tmp));
    Ok(a.clone())
}

fn set_isub(a: &Value, b: &Value) -> PyResult<Value> {
    if any_set(b).is_none() {
        return Ok(crate::not_implemented());
    }
    difference_update(a, b)?;
    Ok(a.clone())
}

fn set_ixor(a: &Value, b: &Value) -> PyResult<Value> {
    if any_set(b).is_none() {
        return Ok(crate::not_implemented());
    }
    symmetric_difference_update(a, b)?;
    Ok(a.clone())
}

fn set_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    if cls.is(set_type()) {
        args.no_kwargs("set")?;
    }
    Ok(crate::object::alloc(cls, SetData::new()))
}

fn set_init(v: &Value, args: Args<'_>) -> PyResult<()> {
    if v.is_exact(set_type()) {
        args.no_kwargs("set")?;
    }
    let a = args.pos();
    if a.len() > 1 {
        return Err(PyErr::type_error(format!(
            "set expected at most 1 argument, got {}",
            a.len()
        )));
    }
    let d = data(v);
    if !d.is_empty() {
        d.clear();
    }
    if let Some(iterable) = a.first() {
        d.update(iterable)?;
    }
    Ok(())
}

fn frozenset_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    if cls.is(frozenset_type()) {
        args.no_kwargs("frozenset")?;
    }
    let a = args.pos();
    if a.len() > 1 {
        return Err(PyErr::type_error(format!(
            "frozenset expected at most 1 argument, got {}",
            a.len()
        )));
    }
    if let Some(iterable) = a.first() {
        if cls.is(frozenset_type()) && iterable.is_exact(frozenset_type()) {
            return Ok(iterable.clone());
        }
    }
    let d = SetData::new();
    if let Some(iterable) = a.first() {
        d.update(iterable)?;
    }
    Ok(crate::object::alloc(cls, d))
}

// ---------------------------------------------------------------------------------------
// Methods.

fn this<'a>(args: &Args<'a>, name: &str) -> PyResult<&'a Value> {
    let v = &args.pos()[0];
    if any_set(v).is_none() {
        return Err(PyErr::type_error(format!(
            "descriptor '{name}' for 'set' objects doesn't apply to a '{}' object",
            v.type_data().name()
        )));
    }
    Ok(v)
}

/// `set.add` or `frozenset.copy`: how CPython names a method in argument errors.
fn qualified(v: &Value, name: &str) -> String {
    let owner = if is_subtype(v.class(), frozenset_type()) {
        "frozenset"
    } else {
        "set"
    };
    format!("{owner}.{name}")
}

/// The arguments after `self` of a one-argument (`max == 1`) or no-argument method.
fn margs<'a>(args: &Args<'a>, name: &str, n: usize) -> PyResult<&'a [Value]> {
    let v = this(args, name)?;
    crate::sequence::method_args(args, &qualified(v, name), n, n)
}

/// Checks that a method taking any number of positional arguments got no keywords.
fn no_kwargs(args: &Args<'_>, name: &str) -> PyResult<()> {
    let v = this(args, name)?;
    args.no_kwargs(&qualified(v, name))
}

fn m_add(args: Args<'_>) -> PyResult<Value> {
    let a = margs(&args, "add", 1)?;
    data(this(&args, "add")?).add(a[0].clone())?;
    Ok(crate::none())
}

fn m_clear(args: Args<'_>) -> PyResult<Value> {
    margs(&args, "clear", 0)?;
    data(this(&args, "clear")?).clear();
    Ok(crate::none())
}

fn m_copy(args: Args<'_>) -> PyResult<Value> {
    margs(&args, "copy", 0)?;
    let v = this(&args, "copy")?;
    if v.is_exact(frozenset_type()) {
        return Ok(v.clone());
    }
    Ok(new_like(v, data(v).copy()))
}

fn m_discard(args: Args<'_>) -> PyResult<Value> {
    let a = margs(&args, "discard", 1)?;
    let d = data(this(&args, "discard")?);
    match d.discard(&a[0]) {
        Ok(_) => {}
        Err(e) => {
            let key = hashable_key(&a[0], e)?;
            d.discard(&key)?;
        }
    }
    Ok(crate::none())
}

fn m_remove(args: Args<'_>) -> PyResult<Value> {
    let a = margs(&args, "remove", 1)?;
    let d = data(this(&args, "remove")?);
    let found = match d.discard(&a[0]) {
        Ok(found) => found,
        Err(e) => {
            let key = hashable_key(&a[0], e)?;
            d.discard(&key)?
        }
    };
    if !found {
        return Err(PyErr::key_error(a[0].clone()));
    }
    Ok(crate::none())
}

fn m_pop(args: Args<'_>) -> PyResult<Value> {
    margs(&args, "pop", 0)?;
    data(this(&args, "pop")?)
        .pop()
        .ok_or_else(|| PyErr::key_error(crate::str::new("pop from an empty set")))
}

fn m_union(args: Args<'_>) -> PyResult<Value> {
    no_kwargs(&args, "union")?;
    let v = this(&args, "union")?;
    union(v, &args.pos()[1..])
}

fn m_update(args: Args<'_>) -> PyResult<Value> {
    no_kwargs(&args, "update")?;
    let v = this(&args, "update")?;
    for other in &args.pos()[1..] {
        data(v).update(other)?;
    }
    Ok(crate::none())
}

fn m_intersection(args: Args<'_>) -> PyResult<Value> {
    no_kwargs(&args, "intersection")?;
    let v = this(&args, "intersection")?;
    let others = &args.pos()[1..];
    if others.is_empty() {
        return Ok(new_like(v, data(v).copy()));
    }
    let mut result = v.clone();
    for other in others {
        result = intersection(&result, other)?;
    }
    Ok(result)
}

fn m_intersection_update(args: Args<'_>) -> PyResult<Value> {
    no_kwargs(&args, "intersection_update")?;
    let v = this(&args, "intersection_update")?;
    let others = &args.pos()[1..];
    let mut result = v.clone();
    for other in others {
        result = intersection(&result, other)?;
    }
    if !result.is(v) {
        data(v).swap(data(&result));
    }
    Ok(crate::none())
}

fn m_difference(args: Args<'_>) -> PyResult<Value> {
    no_kwargs(&args, "difference")?;
    let v = this(&args, "difference")?;
    let others = &args.pos()[1..];
    let Some(first) = others.first() else {
        return Ok(new_like(v, data(v).copy()));
    };
    let result = difference(v, first)?;
    for other in &others[1..] {
        difference_update(&result, other)?;
    }
    Ok(result)
}

fn m_difference_update(args: Args<'_>) -> PyResult<Value> {
    no_kwargs(&args, "difference_update")?;
    let v = this(&args, "difference_update")?;
    for other in &args.pos()[1..] {
        difference_update(v, other)?;
    }
    Ok(crate::none())
}

fn m_symmetric_difference(args: Args<'_>) -> PyResult<Value> {
    let a = margs(&args, "symmetric_difference", 1)?;
    symmetric_difference(this(&args, "symmetric_difference")?, &a[0])
}

fn m_symmetric_difference_update(args: Args<'_>) -> PyResult<Value> {
    let a = margs(&args, "symmetric_difference_update", 1)?;
    symmetric_difference_update(this(&args, "symmetric_difference_update")?, &a[0])?;
    Ok(crate::none())
}

fn m_issubset(args: Args<'_>) -> PyResult<Value> {
    let a = margs(&args, "issubset", 1)?;
    let v = this(&args, "issubset")?;
    if let Some(other) = any_set(&a[0]) {
        return Ok(crate::bool(issubset(data(v), other)?));
    }
    let tmp = SetData::new();
    tmp.update(&a[0])?;
    Ok(crate::bool(issubset(data(v), &tmp)?))
}

fn m_issuperset(args: Args<'_>) -> PyResult<Value> {
    let a = margs(&args, "issuperset", 1)?;
    let v = this(&args, "issuperset")?;
    if let Some(other) = any_set(&a[0]) {
        return Ok(crate::bool(issubset(other, data(v))?));
    }
    let it = protocol::iter(&a[0])?;
    while let Some(k) = protocol::next(&it)? {
        if !data(v).contains(&k)? {
            return Ok(crate::bool(false));
        }
    }
    Ok(crate::bool(true))
}

fn m_isdisjoint(args: Args<'_>) -> PyResult<Value> {
    let a = margs(&args, "isdisjoint", 1)?;
    let v = this(&args, "isdisjoint")?;
    let mine = data(v);
    if v.is(&a[0]) {
        return Ok(crate::bool(mine.is_empty()));
    }
    if let Some(theirs) = any_set(&a[0]) {
        let (small, big) = if theirs.len() > mine.len() {
            (mine, theirs)
        } else {
            (theirs, mine)
        };
        for (k, h) in small.entries() {
            if big.contains_hashed(&k, h)? {
                return Ok(crate::bool(false));
            }
        }
        return Ok(crate::bool(true));
    }
    let it = protocol::iter(&a[0])?;
    while let Some(k) = protocol::next(&it)? {
        if mine.contains(&k)? {
            return Ok(crate::bool(false));
        }
    }
    Ok(crate::bool(true))
}

fn m_contains(args: Args<'_>) -> PyResult<Value> {
    let a = margs(&args, "__contains__", 1)?;
    Ok(crate::bool(set_contains(
        this(&args, "__contains__")?,
        &a[0],
    )?))
}

const COMMON_METHODS: &[MethodDef] = &[
    MethodDef::new("copy", MethodKind::Method(m_copy)),
    MethodDef::new("difference", MethodKind::Method(m_difference)),
    MethodDef::new("intersection", MethodKind::Method(m_intersection)),
    MethodDef::new("isdisjoint", MethodKind::Method(m_isdisjoint)),
    MethodDef::new("issubset", MethodKind::Method(m_issubset)),
    MethodDef::new("issuperset", MethodKind::Method(m_issuperset)),
    MethodDef::new(
        "symmetric_difference",
        MethodKind::Method(m_symmetric_difference),
    ),
    MethodDef::new("union", MethodKind::Method(m_union)),
    MethodDef::new("__contains__", MethodKind::Method(m_contains)),
    MethodDef::new(
        "__class_getitem__",
        MethodKind::Class(crate::genericalias::class_getitem),
    ),
];

const SET_METHODS: &[MethodDef] = &[
    MethodDef::new("add", MethodKind::Method(m_add)),
    MethodDef::new("clear", MethodKind::Method(m_clear)),
    MethodDef::new("discard", MethodKind::Method(m_discard)),
    MethodDef::new("pop", MethodKind::Method(m_pop)),
    MethodDef::new("remove", MethodKind::Method(m_remove)),
    MethodDef::new("difference_update", MethodKind::Method(m_difference_update)),
    MethodDef::new(
        "intersection_update",
        MethodKind::Method(m_intersection_update),
    ),
    MethodDef::new(
        "symmetric_difference_update",
        MethodKind::Method(m_symmetric_difference_update),
    ),
    MethodDef::new("update", MethodKind::Method(m_update)),
];

// ---------------------------------------------------------------------------------------
// The iterator.

/// The payload of `set_iterator`.
pub struct SetIter {
    set: RefCell<Option<Value>>,
    /// The set's size when iteration started (`usize::MAX` once it changed).
    used: Cell<usize>,
    pos: Cell<usize>,
    left: Cell<usize>,
}

impl Payload for SetIter {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        crate::gc::visit_cell(&self.set, visit);
    }

    fn clear(&self) {
        crate::gc::clear_cell(&self.set);
    }
}

fn set_iter(v: &Value) -> PyResult<Value> {
    let used = data(v).len();
    Ok(crate::object::alloc(
        &set_types().iter,
        SetIter {
            set: RefCell::new(Some(v.clone())),
            used: Cell::new(used),
            pos: Cell::new(0),
            left: Cell::new(used),
        },
    ))
}

fn iter_data(it: &Value) -> PyResult<&SetIter> {
    it.downcast::<SetIter>()
        .ok_or_else(|| PyErr::system_error("bad set iterator"))
}

fn set_iter_next(it: &Value) -> PyResult<Option<Value>> {
    let d = iter_data(it)?;
    let Some(set) = d.set.borrow().clone() else {
        return Ok(None);
    };
    let s = data(&set);
    if d.used.get() != s.len() {
        d.used.set(usize::MAX);
        return Err(PyErr::runtime_error("Set changed size during iteration"));
    }
    match s.next_key(d.pos.get()) {
        Some((next, key)) => {
            d.pos.set(next);
            d.left.set(d.left.get().saturating_sub(1));
            Ok(Some(key))
        }
        None => {
            let old = d.set.borrow_mut().take();
            drop(old);
            Ok(None)
        }
    }
}

fn iter_length_hint(args: Args<'_>) -> PyResult<Value> {
    args.exact("__length_hint__", 1, 1)?;
    let d = iter_data(&args.pos()[0])?;
    let set = d.set.borrow().clone();
    let n = match set {
        Some(set) if d.used.get() == data(&set).len() => d.left.get(),
        _ => 0,
    };
    Ok(crate::int::from_usize(n))
}

const ITER_METHODS: &[MethodDef] = &[MethodDef::new(
    "__length_hint__",
    MethodKind::Method(iter_length_hint),
)];
