//! [`ConstTable`]: a code unit's `co_consts` while it is compiled, without duplicates
//! (CPython's `u_consts` dict keyed by `_PyCode_ConstantKey`).

use std::hash::{BuildHasher, BuildHasherDefault, Hasher};

use hashbrown::HashTable;

use pyrs_ast::{Constant as Literal, StrValue};
use pyrs_bytecode::{Constant, Int};

/// The constants of one code unit in order of first use; equal constants (by
/// [`Constant`]'s equality, which tells `1`, `1.0` and `True` apart) share an index. Equal
/// code objects are merged too, as CPython's constant cache merges them (the code of a
/// `while` test is generated twice, and so are the code objects made in it).
///
/// Most code units have a handful of constants: up to [`SCAN_LIMIT`] of them, a constant is
/// looked for by comparing it with each one, which hashes nothing and allocates no table;
/// past that, the table is indexed by hash. A literal of the syntax tree is looked for as it
/// is ([`ConstTable::add_literal`]), and becomes a [`Constant`] only when it is new.
#[derive(Default, Debug)]
pub(crate) struct ConstTable {
    items: Vec<Constant>,
    /// Indices into `items`, hashed by the constant they name (so no constant is stored
    /// twice, and looking one up clones nothing); filled only once `items` holds more than
    /// [`SCAN_LIMIT`] constants (`indexed`).
    index: HashTable<IndexSlot>,
    /// Whether `index` holds every constant of `items` but the singletons and NaNs (when it
    /// does not, lookups compare with each constant: right for any length, quick for short
    /// tables).
    indexed: bool,
    /// The indices of `None`, `False` and `True` once added ([`singleton`]): the commonest
    /// constants are found without hashing, and are not in `index`.
    singletons: [Option<u32>; 3],
}

/// An entry of [`ConstTable`]'s index: where the constant is in `items`, and its hash, kept
/// so that growing the index hashes no constant again.
#[derive(Clone, Copy, Debug)]
struct IndexSlot {
    hash: u64,
    at: u32,
}

/// The place of `None`, `False` or `True` in [`ConstTable`]'s `singletons`.
fn singleton(c: &Constant) -> Option<usize> {
    match c {
        Constant::None => Some(0),
        Constant::Bool(false) => Some(1),
        Constant::Bool(true) => Some(2),
        _ => None,
    }
}

/// How many constants a [`ConstTable`] holds before it indexes them by hash: comparing a
/// constant with this many others (most of them differ in kind or in their first bytes) costs
/// about what hashing it does.
const SCAN_LIMIT: usize = 8;

/// Whether two constants are the same constant of a table. Code objects are compared by a
/// few cheap fields first: two of them differ early unless they are the same.
fn same(a: &Constant, b: &Constant) -> bool {
    match (a, b) {
        (Constant::Code(a), Constant::Code(b)) => {
            a.firstlineno == b.firstlineno
                && a.name == b.name
                && a.code.len() == b.code.len()
                && **a == **b
        }
        // Most constants compared differ in kind, told apart here without a call.
        _ => std::mem::discriminant(a) == std::mem::discriminant(b) && a == b,
    }
}

/// A constant's hash in a [`ConstTable`]'s index. A string or bytes value hashes as its
/// contents alone, so that a literal of the tree is looked for without being copied into a
/// [`Constant`] ([`ConstTable::add_literal`]).
fn hash_of(c: &Constant) -> u64 {
    match c {
        Constant::Str(s) => FastHash::default().hash_one(s),
        Constant::Bytes(b) => FastHash::default().hash_one(b),
        Constant::Code(code) => {
            FastHash::default().hash_one((code.firstlineno, &*code.name, code.code.len()))
        }
        _ => FastHash::default().hash_one(c),
    }
}

/// A small multiplicative hasher (the "Fx" hash of the Rust compiler, written out here) for
/// the compiler's maps of identifiers and constants.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut rest = bytes;
        while let Some((word, tail)) = rest.split_first_chunk::<8>() {
            self.add(u64::from_le_bytes(*word));
            rest = tail;
        }
        // The last few bytes as one word, read with two loads that may overlap (a copy into
        // a buffer would be a call to memcpy for most identifiers). `str`'s `Hash` adds a
        // terminator after the bytes, so the length needs no mixing in here.
        let n = rest.len();
        if n >= 4 {
            let low = u32::from_le_bytes(rest[..4].try_into().expect("4 bytes"));
            let high = u32::from_le_bytes(rest[n - 4..].try_into().expect("4 bytes"));
            self.add(u64::from(low) | (u64::from(high) << 32));
        } else if n > 0 {
            let word =
                u64::from(rest[0]) | (u64::from(rest[n / 2]) << 8) | (u64::from(rest[n - 1]) << 16);
            self.add(word);
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The hasher builder of the compiler's maps.
pub(crate) type FastHash = BuildHasherDefault<FxHasher>;

impl ConstTable {
    /// An empty table with room for the constants of a small function (so that most code
    /// units never grow it).
    pub(crate) fn new() -> ConstTable {
        ConstTable {
            items: Vec::with_capacity(SCAN_LIMIT),
            index: HashTable::new(),
            indexed: false,
            singletons: [None; 3],
        }
    }

    /// The index of a constant equal to `value` (not a singleton, not a NaN) if there is
    /// one, else the place to add it: in an indexed table, with the hash worked out.
    fn find(&self, value: &Constant) -> Result<u32, Option<u64>> {
        // Most constants compared differ in kind, told apart here without a call.
        let kind = std::mem::discriminant(value);
        self.find_by(
            || hash_of(value),
            |c| std::mem::discriminant(c) == kind && same(c, value),
        )
    }

    /// [`ConstTable::find`] for the constant `is` accepts, whose [`hash_of`] is `hash()`.
    fn find_by(
        &self,
        hash: impl FnOnce() -> u64,
        is: impl Fn(&Constant) -> bool,
    ) -> Result<u32, Option<u64>> {
        let items = &self.items;
        if !self.indexed {
            return items.iter().position(is).map(|i| i as u32).ok_or(None);
        }
        let hash = hash();
        self.index
            .find(hash, |slot| is(&items[slot.at as usize]))
            .map(|slot| slot.at)
            .ok_or(Some(hash))
    }

    /// Appends `value` (not a singleton, not a NaN), known to be new, and indexes it (`hash`
    /// is its hash in an indexed table), or every constant once there are more than
    /// [`SCAN_LIMIT`].
    fn push_new(&mut self, value: Constant, hash: Option<u64>) -> u32 {
        let i = self.items.len() as u32;
        let hash = match (self.indexed, hash) {
            (true, None) => Some(hash_of(&value)),
            _ => hash,
        };
        self.items.push(value);
        if let Some(hash) = hash {
            self.insert_index(i, hash);
        } else if self.items.len() > SCAN_LIMIT {
            self.index_all();
        }
        i
    }

    fn insert_index(&mut self, at: u32, hash: u64) {
        self.index
            .insert_unique(hash, IndexSlot { hash, at }, |slot| slot.hash);
    }

    /// Indexes every constant but the singletons and NaNs.
    fn index_all(&mut self) {
        self.indexed = true;
        self.index.clear();
        // Room for twice as many, so that the next few are added without rehashing.
        self.index.reserve(2 * self.items.len(), |slot| slot.hash);
        for i in 0..self.items.len() {
            let c = &self.items[i];
            if singleton(c).is_none() && !is_nan(c) {
                let hash = hash_of(c);
                self.insert_index(i as u32, hash);
            }
        }
    }

    pub(crate) fn add(&mut self, value: Constant) -> u32 {
        if let Some(slot) = singleton(&value) {
            if let Some(i) = self.singletons[slot] {
                return i;
            }
            let i = self.items.len() as u32;
            self.singletons[slot] = Some(i);
            self.items.push(value);
            return i;
        }
        if is_nan(&value) {
            // Each NaN CPython folds is an object of its own, equal to nothing: never merged.
            self.items.push(value);
            return self.items.len() as u32 - 1;
        }
        match self.find(&value) {
            Ok(i) => i,
            Err(hash) => self.push_new(value, hash),
        }
    }

    /// [`ConstTable::add`] for a literal of the tree: a string or bytes value is looked for
    /// by reference, and copied only when it is new.
    pub(crate) fn add_literal(&mut self, lit: &Literal) -> u32 {
        match lit {
            Literal::Str(s) => self.add_str(s),
            Literal::Bytes(b) => self.add_contents(
                b,
                |c| matches!(c, Constant::Bytes(x) if x == b),
                || Constant::Bytes(b.clone()),
            ),
            Literal::Int(i) => self.add(Constant::Int(Int::from(i))),
            // The others hold no text: copying them costs nothing.
            _ => self.add(Constant::from(lit.clone())),
        }
    }

    /// [`ConstTable::add`] for a string, copied only when it is new.
    pub(crate) fn add_str(&mut self, s: &StrValue) -> u32 {
        self.add_contents(
            s,
            |c| matches!(c, Constant::Str(x) if x == s),
            || Constant::Str(s.clone()),
        )
    }

    /// The index of the str or bytes constant `is` accepts, whose contents are `contents`
    /// (what [`hash_of`] hashes such a constant by), or of the one `make` makes, added.
    fn add_contents<T: std::hash::Hash + ?Sized>(
        &mut self,
        contents: &T,
        is: impl Fn(&Constant) -> bool,
        make: impl FnOnce() -> Constant,
    ) -> u32 {
        match self.find_by(|| FastHash::default().hash_one(contents), is) {
            Ok(i) => i,
            Err(hash) => self.push_new(make(), hash),
        }
    }

    pub(crate) fn get(&self, i: u32) -> &Constant {
        &self.items[i as usize]
    }

    pub(crate) fn len(&self) -> usize {
        self.items.len()
    }

    /// Keeps the constants whose `keep` entry is true, in order.
    pub(crate) fn retain_map(&mut self, keep: &[bool]) {
        let mut marks = keep.iter();
        self.items
            .retain(|_| marks.next().copied().unwrap_or(false));
        self.singletons = [None; 3];
        for (i, c) in self.items.iter().enumerate() {
            if let Some(slot) = singleton(c) {
                self.singletons[slot] = Some(i as u32);
            }
        }
        self.index.clear();
        self.indexed = false;
        if self.items.len() > SCAN_LIMIT {
            self.index_all();
        }
    }

    pub(crate) fn take(&mut self) -> Vec<Constant> {
        self.index.clear();
        self.indexed = false;
        self.singletons = [None; 3];
        std::mem::take(&mut self.items)
    }
}

/// Whether a constant is a NaN (or a complex with one), which equals nothing, not even itself.
fn is_nan(c: &Constant) -> bool {
    match c {
        Constant::Float(x) => x.is_nan(),
        Constant::Complex { real, imag } => real.is_nan() || imag.is_nan(),
        _ => false,
    }
}

/// Python's truth value of a constant (`PyObject_IsTrue`).
pub(crate) trait Truth {
    fn truth(&self) -> Option<bool>;
}

impl Truth for Constant {
    fn truth(&self) -> Option<bool> {
        Some(match self {
            Constant::None => false,
            Constant::Bool(b) => *b,
            Constant::Int(i) => i.as_i64() != Some(0),
            Constant::Float(x) => *x != 0.0,
            Constant::Complex { real, imag } => *real != 0.0 || *imag != 0.0,
            Constant::Str(s) => s.code_points().next().is_some(),
            Constant::Bytes(b) => !b.is_empty(),
            Constant::Ellipsis => true,
            Constant::Tuple(t) | Constant::FrozenSet(t) => !t.is_empty(),
            Constant::Code(_) => true,
        })
    }
}
