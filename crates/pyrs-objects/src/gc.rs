//! The cycle collector (CPython's Python/gc.c): finds groups of objects that only reference
//! each other — reference cycles that counting alone never frees — and breaks them.
//!
//! **Tracking.** Objects whose type can hold references (a payload with
//! [`crate::object::Payload::GC`], an instance dict or `__slots__`) are *containers*: they get
//! one word before their header and are listed in the registry of a generation. The word
//! holds the object's index in its generation's array and the generation number, so
//! untracking is a swap-remove (the moved object's word is updated) — no linked list, and
//! 8 bytes per container instead of CPython's 16-byte `PyGC_Head`. New containers go to
//! generation 0; survivors of a collection move one generation up; `gc.freeze` moves
//! everything to the permanent generation, which is never collected. Tuples and dicts that
//! hold no container are untracked (a new dict starts so), as in CPython; a dict is tracked
//! again when a container goes in.
//!
//! **Collection** of generation `g` (generations below it are merged into it first):
//! 1. `gc_refs` = each object's reference count minus the references to it from other
//!    objects of the generation (each type's `traverse` visits the references it owns).
//!    What is left comes from outside: the value stack, Rust locals, older objects.
//!    Objects with `gc_refs > 0` are roots; everything reachable from a root survives.
//! 2. The rest is garbage; the collector takes a strong reference to each (from here on
//!    Python code may run and nothing is freed under it). Weak references to garbage are
//!    cleared, and the callbacks of those that are not garbage themselves are called.
//! 3. Finalizers (`__del__`) run, once per object (PEP 442: a header bit records it).
//! 4. If a finalizer made some garbage reachable again (resurrection), step 1 is redone
//!    over the garbage alone, and the resurrected objects and what they reach are spared.
//! 5. Each remaining garbage object is cleared (its type's `clear` drops its references),
//!    and dropping the collector's references frees the cycles by reference counting.
//!
//! Automatic collections are counted by allocation: when generation 0 holds more than
//! `threshold0` containers a collection is *scheduled*, and the evaluation loop runs it at
//! its next check (where signal handlers run), never inside an allocation — so a
//! collection never runs Python code while Rust code holds a borrow.

use std::cell::{Cell, RefCell, UnsafeCell};
use std::collections::HashMap;
use std::mem::ManuallyDrop;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::object::{payload_offset, Header, Payload};
use crate::typeobject::TypeFlags;
use crate::value::Value;
use crate::SyncCell;

/// Visits the references of the object at the pointer (see [`Payload::traverse`]).
type TraverseFn = unsafe fn(*const Header, &mut dyn FnMut(&Value));

/// How the collector tracks, visits and clears the instances of a type.
#[derive(Clone, Copy)]
pub struct GcOps {
    /// Whether instances are containers (tracked, with a registry word before the header).
    pub is_gc: bool,
    traverse: TraverseFn,
    clear: unsafe fn(*const Header),
    /// Whether the payload itself holds references (as opposed to only an instance dict).
    payload_gc: bool,
}

unsafe fn payload_of<'a, T: Payload>(ptr: *const Header) -> &'a T {
    &*((ptr as *const u8).add(payload_offset::<T>()) as *const T)
}

unsafe fn traverse_payload<T: Payload>(ptr: *const Header, visit: &mut dyn FnMut(&Value)) {
    payload_of::<T>(ptr).traverse(visit)
}

unsafe fn clear_payload<T: Payload>(ptr: *const Header) {
    payload_of::<T>(ptr).clear()
}

impl GcOps {
    /// The operations of payload `T`.
    pub fn of<T: Payload>() -> GcOps {
        GcOps {
            is_gc: T::GC,
            traverse: traverse_payload::<T>,
            clear: clear_payload::<T>,
            payload_gc: T::GC,
        }
    }

    /// The same, for a layout that adds an instance dict or `__slots__` when `slots`.
    pub(crate) fn with_instance_slots(self, slots: bool) -> GcOps {
        GcOps {
            is_gc: self.is_gc || slots,
            ..self
        }
    }
}

/// Visits the value in `cell` unless the cell is borrowed now: what a `traverse` does with
/// the `RefCell<Option<Value>>` an iterator keeps its source in.
pub fn visit_cell(cell: &RefCell<Option<Value>>, visit: &mut dyn FnMut(&Value)) {
    if let Ok(v) = cell.try_borrow() {
        if let Some(v) = v.as_ref() {
            visit(v);
        }
    }
}

/// Takes the value out of `cell` (unless it is borrowed now) and drops it once the borrow
/// has ended: what a `clear` does with such a cell.
pub fn clear_cell(cell: &RefCell<Option<Value>>) {
    let old = cell.try_borrow_mut().ok().and_then(|mut v| v.take());
    drop(old);
}

/// The generations (0, 1, 2) and the permanent one.
const GENERATIONS: usize = 3;
const PERMANENT: usize = 3;
/// The registry word of a container that is not listed.
const UNTRACKED: usize = usize::MAX;

/// A registry entry: a container's address. With the `leak-check` feature it is stored
/// complemented, so that a leak checker scanning memory for pointers does not take the
/// registry for an owner of every container: a cycle the collector cannot free is then
/// reported as lost memory instead of passing as reachable. Without the feature the
/// complement is by zero and compiles away.
#[derive(Clone, Copy)]
#[repr(transparent)]
struct Entry(usize);

const ENTRY_MASK: usize = if cfg!(feature = "leak-check") {
    usize::MAX
} else {
    0
};

impl Entry {
    #[inline]
    fn new(ptr: *mut Header) -> Entry {
        Entry(ptr as usize ^ ENTRY_MASK)
    }

    #[inline]
    fn ptr(self) -> *mut Header {
        (self.0 ^ ENTRY_MASK) as *mut Header
    }
}

struct State {
    gens: [UnsafeCell<Vec<Entry>>; 4],
    /// Collections of the next-younger generation since this one was last collected
    /// (index 0 unused: generation 0's count is its size).
    counts: [Cell<usize>; GENERATIONS],
    thresholds: Cell<[i32; GENERATIONS]>,
    /// `threshold0` as a size (usize::MAX when 0, which disables automatic collection).
    limit0: Cell<usize>,
    enabled: Cell<bool>,
    debug: Cell<i32>,
    collecting: Cell<bool>,
    /// Objects moved into generation 2 since its last collection, and its size then
    /// (CPython's `long_lived_pending`/`long_lived_total`).
    long_lived_pending: Cell<usize>,
    long_lived_total: Cell<usize>,
    /// `gc.callbacks` and `gc.garbage` (lists, once the `gc` module installed them).
    callbacks: RefCell<Option<Value>>,
    garbage: RefCell<Option<Value>>,
    /// Per generation: collections, objects collected, uncollectable.
    stats: [Cell<[usize; 3]>; GENERATIONS],
    /// Gives freed memory back to the operating system (installed by the binary, which
    /// knows its allocator).
    release_memory: Cell<Option<fn()>>,
}

static STATE: SyncCell<State> = SyncCell(State {
    gens: [const { UnsafeCell::new(Vec::new()) }; 4],
    counts: [const { Cell::new(0) }; GENERATIONS],
    thresholds: Cell::new([2000, 10, 10]),
    limit0: Cell::new(2000),
    enabled: Cell::new(true),
    debug: Cell::new(0),
    collecting: Cell::new(false),
    long_lived_pending: Cell::new(0),
    long_lived_total: Cell::new(0),
    callbacks: RefCell::new(None),
    garbage: RefCell::new(None),
    stats: [const { Cell::new([0; 3]) }; GENERATIONS],
    release_memory: Cell::new(None),
});

/// How many objects a collection must free before it asks the allocator to give memory back.
const RELEASE_AFTER: usize = 100_000;

/// Installs the function that makes the allocator return freed memory to the system, called
/// after a collection that freed many objects (CPython's pymalloc frees empty arenas as it
/// goes; an allocator such as mimalloc keeps freed pages for a while unless asked).
pub fn set_release_memory(f: fn()) {
    st().release_memory.set(Some(f));
}

/// Set when generation 0 outgrew its threshold; the evaluation loop's check runs the
/// collection ([`collect_if_scheduled`]).
static SCHEDULED: AtomicBool = AtomicBool::new(false);

/// `gc.DEBUG_SAVEALL`: garbage goes to `gc.garbage` instead of being freed.
pub const DEBUG_SAVEALL: i32 = 32;
/// `gc.DEBUG_STATS`.
pub const DEBUG_STATS: i32 = 1;

fn st() -> &'static State {
    &STATE.0
}

/// The registry array of generation `g`.
///
/// # Safety
/// The caller holds no other reference to the same array (the registry is only touched by
/// short, non-reentrant functions of this module, under the interpreter lock).
#[allow(clippy::mut_from_ref)]
unsafe fn gen(g: usize) -> &'static mut Vec<Entry> {
    &mut *st().gens[g].get()
}

#[inline]
unsafe fn word(ptr: *const Header) -> *mut usize {
    (ptr as *mut usize).sub(1)
}

/// Lists a new container in generation 0.
///
/// # Safety
/// `ptr` is a live container (its type's `gc.is_gc`) with a registry word.
#[inline]
pub(crate) unsafe fn track(ptr: *mut Header) {
    let g0 = gen(0);
    *word(ptr) = g0.len() << 2;
    g0.push(Entry::new(ptr));
    if g0.len() > st().limit0.get() {
        schedule();
    }
}

#[cold]
fn schedule() {
    let s = st();
    if s.enabled.get() && !s.collecting.get() {
        SCHEDULED.store(true, Ordering::Relaxed);
    }
}

/// Takes a container out of the registry (it is being freed).
///
/// # Safety
/// `ptr` is a container with a registry word.
#[inline]
pub(crate) unsafe fn untrack(ptr: *mut Header) {
    let w = *word(ptr);
    if w == UNTRACKED {
        return;
    }
    let list = gen(w & 3);
    let index = w >> 2;
    list.swap_remove(index);
    if let Some(&moved) = list.get(index) {
        *word(moved.ptr()) = w;
    }
    *word(ptr) = UNTRACKED;
}

/// Whether `obj` is listed by the collector (`gc.is_tracked`).
pub fn is_tracked(obj: &Value) -> bool {
    match obj.header() {
        // SAFETY: a container has a registry word.
        Some(h) if obj.type_data().gc.is_gc => unsafe { *word(h) != UNTRACKED },
        _ => false,
    }
}

/// What `sys.getsizeof` adds to `__sizeof__` in CPython 3.13: the 16-byte GC header of a
/// container, and the 16-byte pre-header where instances of classes defined in Python keep
/// their dict and weak references (`_PyType_PreHeaderSize`).
pub fn sizeof_overhead(obj: &Value) -> usize {
    if obj.is_small() {
        return 0;
    }
    let ty = obj.type_data();
    let flags = ty.flags.get();
    // Slices are containers in CPython (they may hold any object); here they are immutable
    // and untracked, but sized as CPython's.
    let slice = ty.payload == std::any::TypeId::of::<crate::sequence::SliceData>();
    let gc = if ty.gc.is_gc || slice { 16 } else { 0 };
    let preheader = flags.contains(TypeFlags::HEAPTYPE)
        && (flags.contains(TypeFlags::MANAGED_WEAKREF)
            || (ty.dict_offset != 0 && !crate::weakref::variable_size_base(obj.class())));
    gc + if preheader { 16 } else { 0 }
}

/// Whether `obj`'s finalizer has run (`gc.is_finalized`).
pub fn is_finalized(obj: &Value) -> bool {
    obj.header().is_some_and(Header::is_finalized)
}

/// The generation a tracked referent belongs to.
#[inline]
fn generation_index(obj: &Value) -> Option<(usize, usize)> {
    let h = obj.header()?;
    if !obj.type_data().gc.is_gc {
        return None;
    }
    // SAFETY: a container has a registry word.
    let w = unsafe { *word(h) };
    (w != UNTRACKED).then_some((w & 3, w >> 2))
}

/// Calls `visit` on every reference `ptr` owns: its payload's, its instance dict and
/// `__slots__` cells, and its type when that is a class defined in Python.
///
/// # Safety
/// `ptr` is a live object.
unsafe fn traverse_raw(ptr: *const Header, visit: &mut dyn FnMut(&Value)) {
    let obj = ManuallyDrop::new(Value::from_raw(ptr));
    traverse(&obj, visit);
}

/// Calls `visit` on every reference `obj` owns, as the collector sees them (CPython's
/// `tp_traverse`, what `gc.get_referents` lists).
pub fn traverse(obj: &Value, visit: &mut dyn FnMut(&Value)) {
    let Some(header) = obj.header() else { return };
    let ty = obj.type_data();
    if !ty.gc.is_gc {
        return;
    }
    if ty.gc.payload_gc {
        // SAFETY: the type's payload is the one its operations were made for.
        unsafe { (ty.gc.traverse)(header, visit) };
    }
    let base = header as *const Header as *const u8;
    let cell = |offset: usize| {
        // SAFETY: the type put a dict slot or a `__slots__` cell at this offset when it
        // allocated the object.
        unsafe { &*(base.add(offset) as *const crate::object::DictSlot) }
    };
    if ty.dict_offset != 0 {
        if let Ok(d) = cell(ty.dict_offset).try_borrow() {
            if let Some(d) = d.as_ref() {
                visit(d);
            }
        }
    }
    for &offset in ty.member_offsets.iter() {
        if let Ok(v) = cell(offset).try_borrow() {
            if let Some(v) = v.as_ref() {
                visit(v);
            }
        }
    }
    // The header owns a count of the type; a class defined in Python can die with its
    // instances, so that reference is part of the graph (CPython's `subtype_traverse`).
    if ty.flags.get().contains(TypeFlags::HEAPTYPE) {
        visit(obj.class());
    }
}

/// Drops the references of a garbage object that can form cycles (CPython's `tp_clear`).
fn clear(obj: &Value) {
    let ty = obj.type_data();
    if ty.gc.payload_gc {
        // SAFETY: as in `traverse`.
        unsafe { (ty.gc.clear)(obj.header().expect("a heap object")) };
    }
    if let Some(slot) = obj.dict_slot() {
        let old = slot.try_borrow_mut().ok().and_then(|mut d| d.take());
        drop(old);
    }
    for &offset in ty.member_offsets.iter() {
        if let Some(slot) = obj.member_slot(offset) {
            let old = slot.try_borrow_mut().ok().and_then(|mut d| d.take());
            drop(old);
        }
    }
}

/// Moves every object of generation `from` to the end of generation `to`.
unsafe fn merge(from: usize, to: usize) {
    if from == to {
        return;
    }
    let moved = std::mem::take(gen(from));
    let dest = gen(to);
    dest.reserve(moved.len());
    for e in moved {
        *word(e.ptr()) = (dest.len() << 2) | to;
        dest.push(e);
    }
}

/// Moves the objects of generation `from` to generation `to` (which may be the same),
/// leaving out the tuples that hold no container: they can never be part of a cycle (a
/// tuple cannot change), so, as CPython's `_PyTuple_MaybeUntrack`, the collector stops
/// listing them. Returns how many objects moved.
unsafe fn promote(from: usize, to: usize) -> usize {
    let moved = std::mem::take(gen(from));
    let t = crate::types();
    let dest = gen(to);
    dest.reserve(moved.len());
    let before = dest.len();
    for e in moved {
        let p = e.ptr();
        let obj = ManuallyDrop::new(Value::from_raw(p));
        if obj.class().is(&t.tuple) && atomic_tuple(&obj) {
            *word(p) = UNTRACKED;
            continue;
        }
        if obj.class().is(&t.dict) && atomic_dict(&obj) {
            *word(p) = UNTRACKED;
            obj.downcast_unchecked::<crate::dict::DictData>()
                .set_gc_untracked();
            continue;
        }
        *word(p) = (dest.len() << 2) | to;
        dest.push(e);
    }
    dest.len() - before
}

/// Whether a tuple's items can never be part of a cycle (ints, strings, untracked tuples…).
fn atomic_tuple(t: &Value) -> bool {
    // SAFETY: the caller checked the type.
    let items = unsafe { t.downcast_unchecked::<crate::tuple::TupleData>() }.items();
    items.iter().all(|v| !may_be_tracked(v))
}

/// Whether `obj` is, or may become, tracked (CPython's `_PyObject_GC_MAY_BE_TRACKED`): a
/// container, unless it is a tuple the collector already untracked for good. An untracked
/// dict counts: a container may go into it later.
pub fn may_be_tracked(obj: &Value) -> bool {
    if obj.is_small() || !obj.type_data().gc.is_gc {
        return false;
    }
    !obj.is_exact(&crate::types().tuple) || is_tracked(obj)
}

/// Whether a dict's keys and values are all untracked: then, as in CPython, the collector
/// stops listing it until a container goes in ([`crate::dict::DictData`]'s insertions track
/// it again).
fn atomic_dict(d: &Value) -> bool {
    let mut atomic = true;
    // SAFETY: the caller checked the type.
    let data = unsafe { d.downcast_unchecked::<crate::dict::DictData>() };
    data.traverse(&mut |v| atomic &= !may_be_tracked(v));
    atomic
}

/// Lists again a container the collector had stopped tracking.
///
/// # Safety
/// `ptr` is a live container with a registry word.
pub(crate) unsafe fn retrack(ptr: *mut Header) {
    if *word(ptr) == UNTRACKED {
        track(ptr);
    }
}

/// What one collection found.
#[derive(Clone, Copy, Default, Debug)]
pub struct Collected {
    /// Unreachable objects freed (or saved to `gc.garbage`).
    pub collected: usize,
    /// Unreachable objects that could not be freed (always 0: PEP 442 finalizers can).
    pub uncollectable: usize,
}

/// Finds the unreachable objects of generation `g` (younger generations merged into it),
/// moves the survivors one generation up, and returns strong references to the garbage.
/// Runs no Python code and frees nothing.
fn find_garbage(g: usize) -> Vec<Value> {
    // SAFETY: nothing below runs Python code or allocates containers, so the registry
    // arrays stay as they are while borrowed.
    unsafe {
        for y in 0..g {
            merge(y, g);
        }
        let young: &Vec<Entry> = gen(g);
        let n = young.len();
        // 1. gc_refs: the count, minus references from inside the generation.
        let mut refs: Vec<isize> = young
            .iter()
            .map(|e| match (*e.ptr()).refcount() {
                // Its freeing was put off (or is under way): not ours to judge, a root.
                0 => isize::MAX / 2,
                rc => rc as isize,
            })
            .collect();
        for e in young.iter() {
            traverse_raw(e.ptr(), &mut |r| {
                if let Some((rg, j)) = generation_index(r) {
                    if rg == g {
                        refs[j] -= 1;
                    }
                }
            });
        }
        // 2. Everything reachable from a root survives.
        let mut reachable = vec![false; n];
        let mut stack: Vec<usize> = Vec::new();
        for (i, &r) in refs.iter().enumerate() {
            debug_assert!(r >= 0, "a traverse visited a reference it does not own");
            if r > 0 {
                reachable[i] = true;
                stack.push(i);
            }
        }
        while let Some(i) = stack.pop() {
            traverse_raw(young[i].ptr(), &mut |r| {
                if let Some((rg, j)) = generation_index(r) {
                    if rg == g && !reachable[j] {
                        reachable[j] = true;
                        stack.push(j);
                    }
                }
            });
        }
        let garbage: Vec<Value> = (0..n)
            .filter(|&i| !reachable[i])
            .map(|i| Value::from_borrowed(young[i].ptr()))
            .collect();
        // Survivors (and, for now, the garbage) move up a generation.
        let to = (g + 1).min(GENERATIONS - 1);
        let moved = promote(g, to);
        if g + 1 == GENERATIONS - 1 {
            let s = st();
            s.long_lived_pending.set(s.long_lived_pending.get() + moved);
        }
        garbage
    }
}

/// Drops from `garbage` the objects that something outside it references again (a
/// finalizer resurrected them), with everything they reach.
fn spare_resurrected(garbage: &mut Vec<Value>) {
    let index: HashMap<usize, usize> = garbage
        .iter()
        .enumerate()
        .map(|(i, v)| (v.word(), i))
        .collect();
    // One count of each is the collector's own.
    let mut refs: Vec<isize> = garbage.iter().map(|v| v.refcount() as isize - 1).collect();
    for v in garbage.iter() {
        traverse(v, &mut |r| {
            if let Some(&j) = index.get(&r.word()) {
                refs[j] -= 1;
            }
        });
    }
    let mut alive = vec![false; garbage.len()];
    let mut stack: Vec<usize> = (0..garbage.len()).filter(|&i| refs[i] > 0).collect();
    for &i in &stack {
        alive[i] = true;
    }
    while let Some(i) = stack.pop() {
        traverse(&garbage[i], &mut |r| {
            if let Some(&j) = index.get(&r.word()) {
                if !alive[j] {
                    alive[j] = true;
                    stack.push(j);
                }
            }
        });
    }
    if alive.iter().any(|&a| a) {
        let mut i = 0;
        garbage.retain(|_| {
            i += 1;
            !alive[i - 1]
        });
    }
}

/// Collects generation `g` (0, 1 or 2) and the younger ones: what `gc.collect(g)` does.
/// Returns zeros at once when a collection is already running.
pub fn collect(g: usize) -> Collected {
    let s = st();
    if s.collecting.get() || g >= GENERATIONS {
        return Collected::default();
    }
    s.collecting.set(true);
    SCHEDULED.store(false, Ordering::Relaxed);
    run_callbacks("start", g, Collected::default());
    let result = collect_main(g);
    let mut stats = s.stats[g].get();
    stats[0] += 1;
    stats[1] += result.collected;
    stats[2] += result.uncollectable;
    s.stats[g].set(stats);
    run_callbacks("stop", g, result);
    s.collecting.set(false);
    result
}

fn collect_main(g: usize) -> Collected {
    let s = st();
    if g + 1 < GENERATIONS {
        s.counts[g + 1].set(s.counts[g + 1].get() + 1);
    }
    for c in &s.counts[1..=g.min(GENERATIONS - 1)] {
        c.set(0);
    }
    if g == GENERATIONS - 1 {
        s.long_lived_pending.set(0);
    }
    let mut garbage = find_garbage(g);
    if g == GENERATIONS - 1 {
        // SAFETY: a short look at the registry.
        s.long_lived_total.set(unsafe { gen(g).len() });
    }
    if garbage.is_empty() {
        return Collected::default();
    }
    // Weak references to garbage die first; callbacks run for those that live on.
    let weakly_referenced = garbage
        .iter()
        .any(|v| v.header().is_some_and(Header::is_weakly_referenced));
    let mut callbacks = Vec::new();
    if weakly_referenced {
        let addresses: std::collections::HashSet<usize> = garbage.iter().map(Value::word).collect();
        for v in &garbage {
            // SAFETY: `v` is alive (the collector holds it).
            unsafe {
                crate::weakref::clear_for_gc(v.header().expect("heap"), &addresses, &mut callbacks)
            };
        }
    }
    for (wr, callback) in callbacks {
        if let Err(err) = crate::protocol::call1(&callback, &[wr]) {
            (crate::hooks::get().unraisable)(&err, "Exception ignored in", Some(&callback));
        }
    }
    // Finalizers, once per object.
    let mut finalized = false;
    for v in &garbage {
        let h = v.header().expect("heap");
        if let (Some(del), false) = (v.type_data().slots.del.get(), h.is_finalized()) {
            h.set_finalized();
            del(v);
            finalized = true;
        }
    }
    if finalized {
        spare_resurrected(&mut garbage);
    }
    let result = Collected {
        collected: garbage.len(),
        uncollectable: 0,
    };
    if s.debug.get() & DEBUG_SAVEALL != 0 {
        let list = s.garbage.borrow().clone();
        if let Some(list) = list
            .as_ref()
            .and_then(|l| l.downcast::<crate::list::ListData>())
        {
            for v in garbage.drain(..) {
                list.push(v);
            }
        }
        return result;
    }
    for v in &garbage {
        clear(v);
    }
    drop(garbage);
    if result.collected >= RELEASE_AFTER {
        if let Some(release) = s.release_memory.get() {
            release();
        }
    }
    result
}

/// Calls `gc.callbacks` with `phase` ("start" or "stop") and the info dict.
fn run_callbacks(phase: &str, g: usize, result: Collected) {
    let list = st().callbacks.borrow().clone();
    let Some(list) = list else { return };
    let Some(items) = list.downcast::<crate::list::ListData>().map(|l| l.to_vec()) else {
        return;
    };
    if items.is_empty() {
        return;
    }
    let info = crate::dict::new();
    if let Some(d) = info.downcast::<crate::dict::DictData>() {
        d.set_str("generation", Value::small(g as i64));
        d.set_str("collected", Value::small(result.collected as i64));
        d.set_str("uncollectable", Value::small(result.uncollectable as i64));
    }
    let phase = crate::str::new(phase);
    for cb in items {
        if let Err(err) = crate::protocol::call1(&cb, &[phase.clone(), info.clone()]) {
            (crate::hooks::get().unraisable)(
                &err,
                "Exception ignored in garbage collector callback",
                Some(&cb),
            );
        }
    }
}

/// Runs the collection that allocation scheduled, if any (called by the evaluation loop's
/// periodic check): the oldest generation whose count passed its threshold, with CPython's
/// rule that a full collection waits until a quarter of the long-lived objects are new.
#[inline]
pub fn collect_if_scheduled() {
    if SCHEDULED.load(Ordering::Relaxed) {
        collect_scheduled();
    }
}

#[cold]
fn collect_scheduled() {
    SCHEDULED.store(false, Ordering::Relaxed);
    let s = st();
    if !s.enabled.get() || s.collecting.get() {
        return;
    }
    let t = s.thresholds.get();
    let mut g = 0;
    for i in (1..GENERATIONS).rev() {
        if s.counts[i].get() > t[i].max(0) as usize {
            if i == GENERATIONS - 1 && s.long_lived_pending.get() < s.long_lived_total.get() / 4 {
                continue;
            }
            g = i;
            break;
        }
    }
    collect(g);
}

/// At the end of a run, with the `leak-check` feature: a full collection, so that what a
/// leak checker then finds unreachable is memory the collector could not free (a cycle
/// through a type it cannot see), not garbage that was merely waiting for a collection.
/// Without the feature, nothing: the process ends and its memory goes with it.
pub fn collect_at_exit() {
    if cfg!(feature = "leak-check") {
        collect(GENERATIONS - 1);
    }
}

/// `gc.get_count()`: generation 0's size and the other generations' counts.
pub fn get_count() -> [usize; GENERATIONS] {
    let s = st();
    // SAFETY: a short look at the registry.
    [
        unsafe { gen(0).len() },
        s.counts[1].get(),
        s.counts[2].get(),
    ]
}

/// `gc.get_threshold()`.
pub fn get_threshold() -> [i32; GENERATIONS] {
    st().thresholds.get()
}

/// `gc.set_threshold(...)`: the new thresholds.
pub fn set_threshold(t: [i32; GENERATIONS]) {
    let s = st();
    s.thresholds.set(t);
    s.limit0
        .set(if t[0] <= 0 { usize::MAX } else { t[0] as usize });
}

/// `gc.isenabled()`.
pub fn is_enabled() -> bool {
    st().enabled.get()
}

/// `gc.enable()`/`gc.disable()`.
pub fn set_enabled(on: bool) {
    st().enabled.set(on);
}

/// `gc.get_debug()`.
pub fn get_debug() -> i32 {
    st().debug.get()
}

/// `gc.set_debug(flags)`.
pub fn set_debug(flags: i32) {
    st().debug.set(flags);
}

/// Installs the lists `gc.callbacks` and `gc.garbage`.
pub fn install_lists(callbacks: Value, garbage: Value) {
    *st().callbacks.borrow_mut() = Some(callbacks);
    *st().garbage.borrow_mut() = Some(garbage);
}

/// `gc.get_stats()`: per generation, collections, collected and uncollectable.
pub fn get_stats() -> [[usize; 3]; GENERATIONS] {
    let s = st();
    [s.stats[0].get(), s.stats[1].get(), s.stats[2].get()]
}

/// `gc.freeze()`: every tracked object moves to the permanent generation.
pub fn freeze() {
    // SAFETY: the registry is only rearranged.
    unsafe {
        for g in 0..GENERATIONS {
            merge(g, PERMANENT);
        }
    }
    for c in &st().counts {
        c.set(0);
    }
}

/// `gc.unfreeze()`: the permanent generation goes back to the oldest.
pub fn unfreeze() {
    // SAFETY: as above.
    unsafe { merge(PERMANENT, GENERATIONS - 1) };
}

/// `gc.get_freeze_count()`.
pub fn get_freeze_count() -> usize {
    // SAFETY: a short look at the registry.
    unsafe { gen(PERMANENT).len() }
}

/// The tracked objects of generation `g` (all generations but the permanent one for
/// `None`): what `gc.get_objects` lists.
pub fn get_objects(g: Option<usize>) -> Vec<Value> {
    let gens: Vec<usize> = match g {
        Some(g) => vec![g],
        None => (0..GENERATIONS).collect(),
    };
    let mut out = Vec::new();
    for g in gens {
        // SAFETY: the array is copied out before any count changes.
        let ptrs: Vec<*mut Header> = unsafe { gen(g).iter().map(|e| e.ptr()).collect() };
        for p in ptrs {
            // SAFETY: listed objects are alive; one whose freeing was put off is left out.
            unsafe {
                if (*p).refcount() > 0 {
                    out.push(Value::from_borrowed(p));
                }
            }
        }
    }
    out
}

/// `gc.get_referents(obj)`: the objects `obj` references, as its traverse visits them.
pub fn get_referents(obj: &Value) -> Vec<Value> {
    let mut out = Vec::new();
    traverse(obj, &mut |r| {
        if !r.is_small() {
            out.push(r.clone())
        }
    });
    out
}

/// `gc.get_referrers(*objs)`: the tracked objects that reference any of `objs`.
pub fn get_referrers(objs: &[Value]) -> Vec<Value> {
    let targets: std::collections::HashSet<usize> = objs.iter().map(Value::word).collect();
    let mut out = Vec::new();
    for obj in get_objects(None) {
        let mut hit = false;
        traverse(&obj, &mut |r| hit |= targets.contains(&r.word()));
        if hit {
            out.push(obj);
        }
    }
    out
}
