//! Interned names and private-name mangling (CPython's `_Py_Mangle`, Python/compile.c).

use std::borrow::Cow;

use indexmap::IndexSet;

use crate::consts::FastHash;

/// A name interned in a [`Names`] table: a small copyable key, so that the many sets of names
/// the second pass builds hash integers, not strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Name(u32);

/// The names of one symbol table, each stored once.
#[derive(Debug, Default)]
pub(crate) struct Names {
    set: IndexSet<Box<str>, FastHash>,
    /// For each name, whether a class could mangle it ([`mangles`]), worked out once.
    mangleable: Vec<bool>,
}

impl Names {
    pub(crate) fn intern(&mut self, text: &str) -> Name {
        if let Some(index) = self.set.get_index_of(text) {
            return Name(index as u32);
        }
        let (index, _) = self.set.insert_full(text.into());
        self.mangleable.push(mangles(text));
        Name(index as u32)
    }

    /// Whether a class could mangle the name (most names are left alone).
    pub(crate) fn mangleable(&self, name: Name) -> bool {
        self.mangleable[name.0 as usize]
    }

    /// The name of `text`, if it was ever interned.
    pub(crate) fn find(&self, text: &str) -> Option<Name> {
        self.set.get_index_of(text).map(|i| Name(i as u32))
    }

    pub(crate) fn text(&self, name: Name) -> &str {
        &self.set[name.0 as usize]
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
