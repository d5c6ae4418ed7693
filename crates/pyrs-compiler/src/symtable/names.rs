//! Interned names and private-name mangling (CPython's `_Py_Mangle`, Python/compile.c).

use std::borrow::Cow;
use std::hash::BuildHasher;

use hashbrown::HashTable;

use crate::consts::FastHash;

/// A name interned in a [`Names`] table: a small copyable key, so that the many sets of names
/// the second pass builds hash integers, not strings.
///
/// Beside its number, a name carries the hash of its text ([`hash_text`], its high half),
/// and that is what it hashes by: a map keyed by names can then also be searched by a text
/// not yet interned, with the text's hash ([`name_hash`]) and a comparison of texts. The
/// symbol table and the code generator find a name of the current scope that way, straight
/// from the tree's text, without going through the table of every name first.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Name {
    index: u32,
    hash: u32,
}

impl PartialEq for Name {
    fn eq(&self, other: &Name) -> bool {
        self.index == other.index
    }
}

impl Eq for Name {}

impl std::hash::Hash for Name {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.hash.hash(state);
    }
}

/// The hash [`Names`] keys a text by, worked out once by callers that probe two tables
/// with it (the code generator's [`CodeNames`]).
pub(crate) fn hash_text(text: &str) -> u64 {
    FastHash::default().hash_one(text)
}

/// The part of a text's [`hash_text`] its [`Name`] keeps.
fn short_hash(hash: u64) -> u32 {
    (hash >> 32) as u32
}

/// The hash a map of names hashed by [`FastHash`] keeps for the name of a text whose
/// [`hash_text`] is `hash`: what to search such a map with for a text (its raw entries).
pub(crate) fn name_hash(hash: u64) -> u64 {
    FastHash::default().hash_one(short_hash(hash))
}

/// The names of one symbol table, each stored once.
///
/// The texts lie end to end in one string (`bytes`), and each slot of the hash table holds,
/// beside the name's number, where its text lies: a lookup reads the slot the hash leads to
/// and compares the text found in the shared string, with no pointer to a text of its own
/// to follow (a table of boxed texts cost an allocation per name, and a cache miss per
/// lookup on texts scattered among the tree's nodes).
#[derive(Debug, Default)]
pub(crate) struct Names {
    /// Every text, one after the other.
    bytes: String,
    /// Where each name's text lies in `bytes`, by number.
    spans: Vec<Span>,
    /// The names, hashed by their text ([`hash_text`]).
    index: HashTable<Slot>,
    /// For each name, whether a class could mangle it ([`mangles`]), worked out once.
    mangleable: Vec<bool>,
    /// Added to every index this table hands out: a table that extends another one (the
    /// code generator's names after the symbol table's) numbers its names after the other's.
    base: u32,
}

/// Where a name's text lies in [`Names`]'s `bytes`.
#[derive(Clone, Copy, Debug)]
struct Span {
    start: u32,
    len: u32,
}

impl Span {
    fn range(self) -> std::ops::Range<usize> {
        self.start as usize..(self.start + self.len) as usize
    }
}

/// A slot of [`Names`]'s hash table: the name's number and where its text lies.
#[derive(Clone, Copy, Debug)]
struct Slot {
    index: u32,
    span: Span,
}

impl Names {
    /// An empty table with room for `n` names before it grows (growing rehashes every text).
    pub(crate) fn with_capacity(n: usize) -> Names {
        Names {
            // Most identifiers are short: room for about eight bytes a name.
            bytes: String::with_capacity(n * 8),
            spans: Vec::with_capacity(n),
            index: HashTable::with_capacity(n),
            mangleable: Vec::with_capacity(n),
            base: 0,
        }
    }

    pub(crate) fn intern(&mut self, text: &str) -> Name {
        self.intern_hashed(hash_text(text), text)
    }

    /// [`Names::intern`] with the text's [`hash_text`] already known.
    pub(crate) fn intern_hashed(&mut self, hash: u64, text: &str) -> Name {
        if let Some(name) = self.find_hashed(hash, text) {
            return name;
        }
        let index = self.spans.len() as u32;
        let span = Span {
            start: self.bytes.len() as u32,
            len: text.len() as u32,
        };
        self.bytes.push_str(text);
        let bytes = &self.bytes;
        self.index
            .insert_unique(hash, Slot { index, span }, |slot| {
                hash_text(&bytes[slot.span.range()])
            });
        self.spans.push(span);
        self.mangleable.push(mangles(text));
        Name {
            index: self.base + index,
            hash: short_hash(hash),
        }
    }

    /// Whether a class could mangle the name (most names are left alone).
    pub(crate) fn mangleable(&self, name: Name) -> bool {
        self.mangleable[(name.index - self.base) as usize]
    }

    /// The name of `text`, if it was ever interned.
    pub(crate) fn find(&self, text: &str) -> Option<Name> {
        self.find_hashed(hash_text(text), text)
    }

    /// [`Names::find`] with the text's [`hash_text`] already known.
    pub(crate) fn find_hashed(&self, hash: u64, text: &str) -> Option<Name> {
        let bytes = &self.bytes;
        self.index
            .find(hash, |slot| {
                same_text(&bytes.as_bytes()[slot.span.range()], text.as_bytes())
            })
            .map(|slot| Name {
                index: self.base + slot.index,
                hash: short_hash(hash),
            })
    }

    pub(crate) fn text(&self, name: Name) -> &str {
        &self.bytes[self.spans[(name.index - self.base) as usize].range()]
    }

    /// Whether `name`, a name of this table, is spelled `text`.
    #[inline]
    pub(crate) fn is_text(&self, name: Name, text: &str) -> bool {
        same_text(self.text(name).as_bytes(), text.as_bytes())
    }

    /// How many names the table holds.
    pub(crate) fn len(&self) -> usize {
        self.spans.len()
    }
}

/// Whether two texts are equal, comparing an identifier of up to 16 bytes as two machine
/// words (loads that may overlap) instead of calling `memcmp`: nearly every name is that
/// short, and the table compares a name it finds once per lookup.
#[inline]
fn same_text(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let word = |s: &[u8], at: usize| u64::from_le_bytes(s[at..at + 8].try_into().expect("8 bytes"));
    let half = |s: &[u8], at: usize| u32::from_le_bytes(s[at..at + 4].try_into().expect("4 bytes"));
    match n {
        0 => true,
        1..=3 => a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1],
        4..=7 => half(a, 0) == half(b, 0) && half(a, n - 4) == half(b, n - 4),
        8..=16 => word(a, 0) == word(b, 0) && word(a, n - 8) == word(b, n - 8),
        _ => a == b,
    }
}

/// The names of one compilation as the code generator sees them: the symbol table's, then
/// the others it meets (attribute names, imported modules, the names it makes up), numbered
/// after them. A name is hashed once, when the code generator reads it from a node; from
/// then on it is a [`Name`], which indexes the scope's symbols and the code unit's
/// `co_names`, `co_varnames`, `co_cellvars` and `co_freevars` by integer.
pub(crate) struct CodeNames<'t> {
    table: &'t Names,
    more: Names,
}

impl<'t> CodeNames<'t> {
    pub(crate) fn new(table: &'t Names) -> CodeNames<'t> {
        CodeNames {
            table,
            // Room for the attribute and module names of a module of a few hundred lines
            // (growing rehashes every text).
            more: Names {
                base: table.len() as u32,
                ..Names::with_capacity(64)
            },
        }
    }

    pub(crate) fn intern(&mut self, text: &str) -> Name {
        self.intern_hashed(hash_text(text), text)
    }

    /// [`CodeNames::intern`] with the text's [`hash_text`] already known.
    pub(crate) fn intern_hashed(&mut self, hash: u64, text: &str) -> Name {
        match self.table.find_hashed(hash, text) {
            Some(name) => name,
            None => self.more.intern_hashed(hash, text),
        }
    }

    /// [`CodeNames::intern`] for an attribute's name, which is more often one of the code
    /// generator's own names than the symbol table's: the code generator's are searched
    /// first (a text is in one table or the other, never both). `hash` is the text's
    /// [`hash_text`].
    pub(crate) fn intern_attribute(&mut self, hash: u64, text: &str) -> Name {
        if let Some(name) = self.more.find_hashed(hash, text) {
            return name;
        }
        match self.table.find_hashed(hash, text) {
            Some(name) => name,
            None => self.more.intern_hashed(hash, text),
        }
    }

    /// The name of `text`, if it was ever interned (a name never interned is no symbol and
    /// in no code unit's tables).
    pub(crate) fn find(&self, text: &str) -> Option<Name> {
        let hash = hash_text(text);
        self.table
            .find_hashed(hash, text)
            .or_else(|| self.more.find_hashed(hash, text))
    }

    fn of(&self, name: Name) -> &Names {
        if name.index < self.more.base {
            self.table
        } else {
            &self.more
        }
    }

    pub(crate) fn text(&self, name: Name) -> &str {
        self.of(name).text(name)
    }

    /// The name as code in class `private` refers to it (`_Py_Mangle`).
    // Inlined for its first two tests: most code is outside a class, and most names in a
    // class do not mangle.
    #[inline(always)]
    pub(crate) fn mangle(&mut self, private: Option<Name>, name: Name) -> Name {
        let Some(private) = private else {
            return name;
        };
        if !self.of(name).mangleable(name) {
            return name;
        }
        self.mangle_in_class(private, name)
    }

    #[inline(never)]
    fn mangle_in_class(&mut self, private: Name, name: Name) -> Name {
        match mangle(Some(self.text(private)), self.text(name)) {
            Cow::Borrowed(_) => name,
            Cow::Owned(mangled) => self.intern(&mangled),
        }
    }
}

/// A text as a key of a set or map of [`Name`]s hashed by [`FastHash`]: it hashes as the
/// name of the text would, and equals the name spelled so; a set of names can then be
/// searched for a text that may not have been interned yet.
pub(crate) struct TextKey<'a> {
    hash: u32,
    text: &'a str,
    names: &'a CodeNames<'a>,
}

impl<'a> TextKey<'a> {
    /// The key of `text`, whose [`hash_text`] is `hash`.
    pub(crate) fn new(hash: u64, text: &'a str, names: &'a CodeNames<'a>) -> TextKey<'a> {
        TextKey {
            hash: short_hash(hash),
            text,
            names,
        }
    }
}

impl std::hash::Hash for TextKey<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.hash.hash(state);
    }
}

impl indexmap::Equivalent<Name> for TextKey<'_> {
    fn equivalent(&self, name: &Name) -> bool {
        self.names.of(*name).is_text(*name, self.text)
    }
}

/// The names the symbol table itself introduces, interned once when a table starts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct WellKnown {
    pub(crate) top: Name,
    pub(crate) lambda: Name,
    pub(crate) genexpr: Name,
    pub(crate) listcomp: Name,
    pub(crate) setcomp: Name,
    pub(crate) dictcomp: Name,
    pub(crate) dunder_class: Name,
    pub(crate) dunder_classdict: Name,
    pub(crate) dunder_type_params: Name,
    pub(crate) super_: Name,
    pub(crate) dot_zero: Name,
    pub(crate) dot_type_params: Name,
    pub(crate) dot_generic_base: Name,
    pub(crate) dot_defaults: Name,
    pub(crate) dot_kwdefaults: Name,
}

impl WellKnown {
    pub(crate) fn new(names: &mut Names) -> WellKnown {
        WellKnown {
            top: names.intern("top"),
            lambda: names.intern("lambda"),
            genexpr: names.intern("genexpr"),
            listcomp: names.intern("listcomp"),
            setcomp: names.intern("setcomp"),
            dictcomp: names.intern("dictcomp"),
            dunder_class: names.intern("__class__"),
            dunder_classdict: names.intern("__classdict__"),
            dunder_type_params: names.intern("__type_params__"),
            super_: names.intern("super"),
            dot_zero: names.intern(".0"),
            dot_type_params: names.intern(".type_params"),
            dot_generic_base: names.intern(".generic_base"),
            dot_defaults: names.intern(".defaults"),
            dot_kwdefaults: names.intern(".kwdefaults"),
        }
    }
}

/// Private-name mangling: inside `class Spam`, `__eggs` is `_Spam__eggs`.
///
/// As CPython's `_Py_Mangle`: only names that start with two underscores are mangled, and
/// not those that also end with two (`__init__`) or contain a dot (dotted imports); the class
/// name loses its leading underscores, and a class named only with underscores mangles nothing.
///
/// ```
/// use pyrs_compiler::symtable::mangle;
///
/// assert_eq!(mangle(Some("Spam"), "__eggs"), "_Spam__eggs");
/// assert_eq!(mangle(Some("__Spam"), "__eggs"), "_Spam__eggs");
/// assert_eq!(mangle(Some("Spam"), "__init__"), "__init__");
/// assert_eq!(mangle(Some("___"), "__eggs"), "__eggs");
/// assert_eq!(mangle(None, "__eggs"), "__eggs");
/// ```
// Inlined: the code generator asks for every name inside a class, and nearly every name
// fails the first test.
#[inline]
pub fn mangle<'n>(class_name: Option<&str>, name: &'n str) -> Cow<'n, str> {
    let Some(class_name) = class_name else {
        return Cow::Borrowed(name);
    };
    if !mangles(name) {
        return Cow::Borrowed(name);
    }
    let stripped = class_name.trim_start_matches('_');
    if stripped.is_empty() {
        return Cow::Borrowed(name);
    }
    Cow::Owned(format!("_{stripped}{name}"))
}

/// Whether [`mangle`] changes `name` in a class whose name is not all underscores: a name
/// that starts with two underscores, does not end with two, and has no dot.
#[inline]
pub(crate) fn mangles(name: &str) -> bool {
    name.starts_with("__") && !name.ends_with("__") && !name.contains('.')
}

#[cfg(test)]
mod tests {
    use super::same_text;

    #[test]
    fn same_text_tells_apart_any_byte_of_any_length() {
        for n in 0..=20 {
            let a: String = (0..n).map(|i| char::from(b'a' + i as u8)).collect();
            assert!(same_text(a.as_bytes(), a.clone().as_bytes()));
            for at in 0..n {
                let mut b = a.clone().into_bytes();
                b[at] = b'_';
                let b = String::from_utf8(b).unwrap();
                assert!(!same_text(a.as_bytes(), b.as_bytes()), "{a:?} {b:?}");
            }
            assert!(!same_text(a.as_bytes(), format!("{a}x").as_bytes()));
        }
    }
}
