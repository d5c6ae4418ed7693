//! What the symbol table records about a name: CPython's `DEF_*` flags and scopes
//! (Include/internal/pycore_symtable.h), with the values the `_symtable` module exports.

use std::fmt;

/// The flags of one name in one scope: how the name is bound and used there.
///
/// The bits are CPython's, so `flags.bits()` equals what `_symtable` reports (without the
/// scope, which [`SymbolScope`] holds). The first pass of the symbol table sets the `DEF_*`
/// and `USE` bits as it meets the name; the second pass adds [`Flags::DEF_FREE_CLASS`] and
/// [`Flags::DEF_COMP_CELL`].
///
/// ```
/// use pyrs_compiler::symtable::Flags;
///
/// let f = Flags::DEF_LOCAL | Flags::USE;
/// assert!(f.contains(Flags::USE));
/// assert!(!f.contains(Flags::DEF_BOUND)); // all three binding bits are needed
/// assert_eq!(f.bits(), 18);
/// ```
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Flags(u32);

impl Flags {
    /// `global name` in this scope (or, on the module, in any scope).
    pub const DEF_GLOBAL: Flags = Flags(1);
    /// Bound by an assignment, `del`, `for`, `with`, `except`, a pattern, a `def` or `class`.
    pub const DEF_LOCAL: Flags = Flags(2);
    /// A parameter.
    pub const DEF_PARAM: Flags = Flags(4);
    /// `nonlocal name`.
    pub const DEF_NONLOCAL: Flags = Flags(8);
    /// Read.
    pub const USE: Flags = Flags(16);
    /// Unused by CPython 3.13; kept so the bit values stay CPython's.
    pub const DEF_FREE: Flags = Flags(32);
    /// Free in a nested scope and also bound or declared in this class-like scope.
    pub const DEF_FREE_CLASS: Flags = Flags(64);
    /// Bound by an `import`.
    pub const DEF_IMPORT: Flags = Flags(128);
    /// The target of an annotated assignment `name: annotation`.
    pub const DEF_ANNOT: Flags = Flags(256);
    /// An iteration variable of a comprehension (`for name in ...`).
    pub const DEF_COMP_ITER: Flags = Flags(512);
    /// A type parameter (`def f[T]()`).
    pub const DEF_TYPE_PARAM: Flags = Flags(1024);
    /// A cell of a comprehension that was inlined into this scope (PEP 709).
    pub const DEF_COMP_CELL: Flags = Flags(2048);
    /// Any binding: [`Flags::DEF_LOCAL`], [`Flags::DEF_PARAM`] or [`Flags::DEF_IMPORT`].
    pub const DEF_BOUND: Flags = Flags(2 | 4 | 128);

    /// The empty set.
    pub const fn empty() -> Flags {
        Flags(0)
    }

    /// CPython's integer value.
    pub const fn bits(self) -> u32 {
        self.0
    }

    /// A set from CPython's integer value (bits above the flags are dropped).
    pub const fn from_bits(bits: u32) -> Flags {
        Flags(bits & ((1 << SCOPE_OFFSET) - 1))
    }

    /// True when every bit of `other` is set.
    pub const fn contains(self, other: Flags) -> bool {
        self.0 & other.0 == other.0
    }

    /// True when any bit of `other` is set.
    pub const fn intersects(self, other: Flags) -> bool {
        self.0 & other.0 != 0
    }

    /// The names `python3.13 -m symtable` prints for these flags, in its order: a flag is
    /// shown when all its bits are set, so `def_bound` needs local, param and import at once.
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        PRINTED
            .iter()
            .filter(move |(_, flag)| self.contains(*flag))
            .map(|(name, _)| *name)
    }
}

/// The flags Lib/symtable.py prints, in its order (`USE`, then the `DEF_*` names that
/// `_symtable` exports and `symtable.py` imports, in import order), lower-cased.
const PRINTED: [(&str, Flags); 8] = [
    ("use", Flags::USE),
    ("def_global", Flags::DEF_GLOBAL),
    ("def_nonlocal", Flags::DEF_NONLOCAL),
    ("def_local", Flags::DEF_LOCAL),
    ("def_param", Flags::DEF_PARAM),
    ("def_import", Flags::DEF_IMPORT),
    ("def_bound", Flags::DEF_BOUND),
    ("def_annot", Flags::DEF_ANNOT),
];

impl std::ops::BitOr for Flags {
    type Output = Flags;
    fn bitor(self, rhs: Flags) -> Flags {
        Flags(self.0 | rhs.0)
    }
}

impl std::ops::BitOrAssign for Flags {
    fn bitor_assign(&mut self, rhs: Flags) {
        self.0 |= rhs.0;
    }
}

impl fmt::Debug for Flags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const ALL: [(&str, Flags); 12] = [
            ("DEF_GLOBAL", Flags::DEF_GLOBAL),
            ("DEF_LOCAL", Flags::DEF_LOCAL),
            ("DEF_PARAM", Flags::DEF_PARAM),
            ("DEF_NONLOCAL", Flags::DEF_NONLOCAL),
            ("USE", Flags::USE),
            ("DEF_FREE", Flags::DEF_FREE),
            ("DEF_FREE_CLASS", Flags::DEF_FREE_CLASS),
            ("DEF_IMPORT", Flags::DEF_IMPORT),
            ("DEF_ANNOT", Flags::DEF_ANNOT),
            ("DEF_COMP_ITER", Flags::DEF_COMP_ITER),
            ("DEF_TYPE_PARAM", Flags::DEF_TYPE_PARAM),
            ("DEF_COMP_CELL", Flags::DEF_COMP_CELL),
        ];
        let mut first = true;
        for (name, flag) in ALL {
            if self.contains(flag) {
                f.write_str(if first { "" } else { "|" })?;
                f.write_str(name)?;
                first = false;
            }
        }
        if first {
            f.write_str("0")?;
        }
        Ok(())
    }
}

/// Where the scope bits start in CPython's symbol value (`SCOPE_OFFSET`).
pub(crate) const SCOPE_OFFSET: u32 = 12;

/// Where a name lives, as the second pass decides: CPython's `LOCAL`, `GLOBAL_EXPLICIT`,
/// `GLOBAL_IMPLICIT`, `FREE` and `CELL`, with their values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SymbolScope {
    /// Bound in this scope (a fast local in a function, a namespace entry elsewhere).
    Local = 1,
    /// Declared `global` here, or in the class this annotation scope sees.
    GlobalExplicit = 2,
    /// Not bound in any enclosing function: a global or a builtin.
    GlobalImplicit = 3,
    /// Bound in an enclosing function: read through a cell of the closure.
    Free = 4,
    /// Bound here and free in a nested scope: stored in a cell.
    Cell = 5,
}

impl SymbolScope {
    /// The name `python3.13 -m symtable` prints: `local`, `global_explicit`, `global_implicit`,
    /// `free` or `cell`.
    pub fn as_str(self) -> &'static str {
        match self {
            SymbolScope::Local => "local",
            SymbolScope::GlobalExplicit => "global_explicit",
            SymbolScope::GlobalImplicit => "global_implicit",
            SymbolScope::Free => "free",
            SymbolScope::Cell => "cell",
        }
    }
}

/// The kind of a scope: CPython's block types, named as `SymbolTable.get_type()` names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScopeKind {
    /// The module (`'module'`).
    Module,
    /// A class body (`'class'`).
    Class,
    /// A function, lambda, comprehension or generator expression (`'function'`).
    Function,
    /// An annotation under `from __future__ import annotations` (`'annotation'`). CPython
    /// 3.13 builds these scopes but keeps them out of the tree: they never appear as children.
    Annotation,
    /// The value of a `type X = ...` statement (`'type alias'`).
    TypeAlias,
    /// The hidden scope around a generic `def`, `class` or `type` (`'type parameters'`).
    TypeParameters,
    /// The bound, constraints or default of one type parameter (`'type variable'`).
    TypeVariable,
}

impl ScopeKind {
    /// The name `SymbolTable.get_type()` gives.
    pub fn as_str(self) -> &'static str {
        match self {
            ScopeKind::Module => "module",
            ScopeKind::Class => "class",
            ScopeKind::Function => "function",
            ScopeKind::Annotation => "annotation",
            ScopeKind::TypeAlias => "type alias",
            ScopeKind::TypeParameters => "type parameters",
            ScopeKind::TypeVariable => "type variable",
        }
    }

    /// CPython's `_PyST_IsFunctionLike`: scopes whose names are fast locals and whose
    /// bindings are visible to nested scopes (functions and the PEP 695 scopes).
    pub fn is_function_like(self) -> bool {
        matches!(
            self,
            ScopeKind::Function
                | ScopeKind::TypeAlias
                | ScopeKind::TypeParameters
                | ScopeKind::TypeVariable
        )
    }
}

/// Which comprehension a function scope is (CPython's `ste_comprehension`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ComprehensionKind {
    /// `[... for ...]`, scope name `listcomp`.
    List,
    /// `{... for ...}`, scope name `setcomp`.
    Set,
    /// `{k: v for ...}`, scope name `dictcomp`.
    Dict,
    /// `(... for ...)`, scope name `genexpr`.
    Generator,
}
