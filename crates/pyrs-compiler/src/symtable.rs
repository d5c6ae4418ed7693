//! The symbol table: the scopes of a module and the scope of every name in them, as CPython's
//! Python/symtable.c builds them, with the navigation of Lib/symtable.py.
//!
//! [`build`] makes a [`SymbolTable`] from a tree in two passes (see docs/symtable.md): a walk
//! that opens a [`Scope`] for each `def`, `class`, `lambda`, comprehension and PEP 695
//! construct and records raw [`Flags`] for each name where it appears; then an analysis, from
//! the module down, that gives each name its [`SymbolScope`] (local, global, free, cell) and
//! inlines list, set and dict comprehensions into the scope around them (PEP 709).
//!
//! ```
//! use pyrs_compiler::symtable::{build, ScopeKind, SymbolScope};
//!
//! let tree = pyrs_parser::parse("def f(a):\n    def g():\n        return a\n", pyrs_parser::Mode::Exec).unwrap();
//! let table = build(&tree, "example.py").unwrap();
//! let f = table.top().children().next().unwrap();
//! assert_eq!((f.kind(), f.name()), (ScopeKind::Function, "f"));
//! assert_eq!(f.lookup("a").unwrap().scope(), Some(SymbolScope::Cell));
//! let g = f.children().next().unwrap();
//! assert!(g.lookup("a").unwrap().is_free());
//! assert_eq!(g.freevars(), ["a"]);
//! ```

mod analysis;
mod builder;
pub(crate) mod dump;
mod flags;
pub(crate) mod future;
mod names;

use std::collections::HashMap;
use std::marker::PhantomData;

use indexmap::map::RawEntryApiV1;
use indexmap::IndexMap;

use crate::consts::FastHash;
use pyrs_ast::{
    Expr, ExprDictComp, ExprGeneratorExp, ExprLambda, ExprListComp, ExprSetComp, Location, Mod,
    Stmt, StmtAsyncFunctionDef, StmtClassDef, StmtFunctionDef, StmtTypeAlias, TypeParam,
};
use pyrs_parser::{ErrorKind, SyntaxError};

pub use dump::{dump_file, normalise_dump, Dump};
pub use flags::{ComprehensionKind, Flags, ScopeKind, SymbolScope};
pub use names::mangle;

use builder::Builder;
pub(crate) use builder::Stop;
use flags::SCOPE_OFFSET;
use names::WellKnown;
pub(crate) use names::{hash_text, mangles, CodeNames, Name, Names, TextKey};

/// Builds the symbol table of a parsed module, or returns the SyntaxError CPython's symbol
/// table raises for it (`_PySymtable_Build`, after `_PyFuture_FromAST`).
///
/// `filename` is kept for [`SymbolTable::filename`]. The errors are those of
/// `symtable.symtable(source, filename, "exec")`: the `__future__` errors, then the first
/// error of the walk, then the first error of the analysis. They carry CPython's location
/// (byte column plus one, as CPython reports errors raised after parsing) and no `text`.
/// The errors CPython's code generator raises later (`'return' outside function`...) are
/// the code generator's, and [`crate::context::check`] finds them without generating code.
///
/// The table borrows the tree: scopes are found again from the nodes that opened them
/// ([`SymbolTable::scope_of`]), by the address of the node, as CPython finds them by pointer.
///
/// ```
/// use pyrs_compiler::symtable::build;
///
/// let tree = pyrs_parser::parse("def f(x):\n    global x\n", pyrs_parser::Mode::Exec).unwrap();
/// let err = build(&tree, "<string>").unwrap_err();
/// assert_eq!(err.msg, "name 'x' is parameter and global");
/// assert_eq!((err.lineno, err.offset, err.end_lineno, err.end_offset), (2, 5, 2, 13));
/// ```
pub fn build<'a>(module: &'a Mod, filename: &str) -> Result<SymbolTable<'a>, SyntaxError> {
    let future = future::features(module)?;
    let result = crate::stack::run(|limit| {
        // Room for the distinct names of a module of a few hundred lines.
        let mut names = Names::with_capacity(256);
        let wk = WellKnown::new(&mut names);
        let data = TableData {
            names,
            // Room for the scopes of a module of a few hundred lines: a scope's entry is
            // large, and growing the vector copies every entry.
            scopes: Vec::with_capacity(32),
            children: Vec::new(),
            keys: HashMap::default(),
            wk,
        };
        let mut builder = Builder::new(data, future.annotations, limit);
        builder.visit_mod(module)?;
        let mut data = builder.data;
        data.link_children();
        analysis::analyze(&mut data, limit)?;
        Ok(data)
    });
    match result {
        Ok(data) => Ok(SymbolTable {
            data,
            filename: filename.to_string(),
            _tree: PhantomData,
        }),
        Err(Stop::Error(err)) => Err(*err),
        Err(Stop::TooDeep) => Err(SyntaxError {
            kind: ErrorKind::RecursionError,
            msg: crate::messages::RECURSION.to_string(),
            lineno: 0,
            offset: 0,
            end_lineno: 0,
            end_offset: 0,
            text: None,
        }),
    }
}

/// The symbol table of one module: its scopes, as a tree under [`SymbolTable::top`].
///
/// The lifetime is the tree's: the table finds scopes by node ([`SymbolTable::scope_of`]), so
/// the tree stays borrowed, unchanged, as long as the table lives.
pub struct SymbolTable<'a> {
    data: TableData,
    filename: String,
    _tree: PhantomData<&'a Mod>,
}

impl std::fmt::Debug for SymbolTable<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SymbolTable")
            .field("filename", &self.filename)
            .field("scopes", &self.data.scopes.len())
            .finish()
    }
}

impl<'a> SymbolTable<'a> {
    /// The module's scope, the root of the tree (`symtable.symtable(...)` itself).
    pub fn top(&self) -> Scope<'_> {
        self.scope(ScopeId(0))
    }

    /// The file name given to [`build`].
    pub fn filename(&self) -> &str {
        &self.filename
    }

    /// A scope by id.
    ///
    /// # Panics
    /// When `id` is not an id of this table.
    pub fn scope(&self, id: ScopeId) -> Scope<'_> {
        assert!(
            id.index() < self.data.scopes.len(),
            "no scope {id:?} in this table"
        );
        Scope {
            data: &self.data,
            id,
        }
    }

    /// Every scope, in the order the walk opened them: the module first, each scope before
    /// the scopes inside it. Includes the comprehensions that were inlined and the annotation
    /// scopes, which are not in the tree.
    pub fn scopes(&self) -> impl Iterator<Item = Scope<'_>> {
        (0..self.data.scopes.len() as u32).map(|i| self.scope(ScopeId(i)))
    }

    /// The scope a node opens: the function of a `def`, the class body of a `class`, the
    /// value of a `type` statement, the scope of a `lambda` or a comprehension. `None` for
    /// other nodes, and for nodes of another tree.
    ///
    /// ```
    /// use pyrs_ast::{Mod, Stmt};
    /// use pyrs_compiler::symtable::build;
    ///
    /// let tree = pyrs_parser::parse("class C:\n    x = 1\n", pyrs_parser::Mode::Exec).unwrap();
    /// let table = build(&tree, "<string>").unwrap();
    /// let Mod::Module(module) = &tree else { unreachable!() };
    /// let class = table.scope_of(&module.body[0]).unwrap();
    /// assert_eq!(class.name(), "C");
    /// assert!(class.lookup("x").unwrap().is_local());
    /// ```
    pub fn scope_of<N: ScopeNode + ?Sized>(&self, node: &N) -> Option<Scope<'_>> {
        self.find(node.scope_addr(), Role::Own)
    }

    /// The hidden type-parameter scope of a generic `def`, `class` or `type` statement
    /// (`def f[T]()`), which encloses the scope [`SymbolTable::scope_of`] gives.
    pub fn type_params_scope_of<N: ScopeNode + ?Sized>(&self, node: &N) -> Option<Scope<'_>> {
        self.find(node.scope_addr(), Role::TypeParams)
    }

    /// The scope of a type variable's bound or constraints (`T: int`).
    pub fn bound_scope_of(&self, param: &TypeParam) -> Option<Scope<'_>> {
        self.find(builder::type_param_addr(param), Role::Bound)
    }

    /// The scope of a type parameter's default (`T = int`, PEP 696).
    pub fn default_scope_of(&self, param: &TypeParam) -> Option<Scope<'_>> {
        self.find(builder::type_param_addr(param), Role::Default)
    }

    fn find(&self, addr: usize, role: Role) -> Option<Scope<'_>> {
        let id = *self.data.keys.get(&Key::new(addr, role))?;
        Some(self.scope(id))
    }

    /// The names of the table, which the code generator extends ([`CodeNames`]).
    pub(crate) fn names(&self) -> &Names {
        &self.data.names
    }

    /// The text `python3.13 -m symtable` prints for this table.
    pub fn dump(&self) -> String {
        dump::dump(self)
    }
}

/// A node that opens a scope, for [`SymbolTable::scope_of`]: a statement or expression, or
/// the node struct of a `def`, `class`, `type`, `lambda` or comprehension.
pub trait ScopeNode: sealed::Sealed {
    /// The address the table knows the node by.
    #[doc(hidden)]
    fn scope_addr(&self) -> usize;
}

mod sealed {
    pub trait Sealed {}
}

macro_rules! scope_nodes {
    ($($t:ty),*) => {$(
        impl sealed::Sealed for $t {}
        impl ScopeNode for $t {
            fn scope_addr(&self) -> usize {
                self as *const $t as usize
            }
        }
    )*};
}

scope_nodes!(
    StmtFunctionDef,
    StmtAsyncFunctionDef,
    StmtClassDef,
    StmtTypeAlias,
    ExprLambda,
    ExprListComp,
    ExprSetComp,
    ExprDictComp,
    ExprGeneratorExp
);

impl sealed::Sealed for Stmt {}
impl ScopeNode for Stmt {
    fn scope_addr(&self) -> usize {
        builder::stmt_addr(self)
    }
}

impl sealed::Sealed for Expr {}
impl ScopeNode for Expr {
    fn scope_addr(&self) -> usize {
        builder::expr_addr(self)
    }
}

impl sealed::Sealed for Mod {}
impl ScopeNode for Mod {
    fn scope_addr(&self) -> usize {
        builder::mod_addr(self)
    }
}

/// The number of a scope in its table: scopes are numbered in the order the walk opens them,
/// the module being 0, so ids are deterministic for a given tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ScopeId(u32);

impl ScopeId {
    pub(crate) fn index(self) -> usize {
        self.0 as usize
    }

    /// The number, from 0.
    pub fn get(self) -> u32 {
        self.0
    }
}

/// How a node is related to the scope it keys (CPython keys a type parameter's bound by the
/// node and its default by the node's address plus one; pyrs says which in the key).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Role {
    Own,
    TypeParams,
    Bound,
    Default,
    Annotation,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Key {
    addr: usize,
    role: Role,
}

impl Key {
    pub(crate) fn new(addr: usize, role: Role) -> Key {
        Key { addr, role }
    }
}

/// The scope in a symbol value's bits, if the analysis set one.
pub(crate) fn scope_of_bits(bits: u32) -> Option<SymbolScope> {
    match (bits >> SCOPE_OFFSET) & 0xf {
        1 => Some(SymbolScope::Local),
        2 => Some(SymbolScope::GlobalExplicit),
        3 => Some(SymbolScope::GlobalImplicit),
        4 => Some(SymbolScope::Free),
        5 => Some(SymbolScope::Cell),
        _ => None,
    }
}

/// A SyntaxError at `loc` as the passes after parsing report it.
pub(crate) fn builder_error(text: String, loc: Location) -> Stop {
    builder::error_at(text, loc)
}

/// Everything a table holds.
#[derive(Debug)]
pub(crate) struct TableData {
    pub(crate) names: Names,
    pub(crate) scopes: Vec<Entry>,
    /// Every scope's children, each scope's in one run ([`Entry::children`]): one store for
    /// the table rather than a vector per scope.
    pub(crate) children: Vec<ScopeId>,
    pub(crate) keys: HashMap<Key, ScopeId, FastHash>,
    pub(crate) wk: WellKnown,
}

impl TableData {
    /// The scopes directly inside `id`, in the order they were opened.
    pub(crate) fn children_of(&self, id: ScopeId) -> &[ScopeId] {
        &self.children[self.scopes[id.index()].children.range()]
    }

    /// Fills the store of children once the walk has opened every scope, from the scopes'
    /// parents: each scope but the annotation scopes is a child of the scope it was opened
    /// in. The runs are laid out in scope order, each scope's children in id order, which is
    /// the order the walk opened them.
    fn link_children(&mut self) {
        let is_child = |e: &Entry| e.kind != ScopeKind::Annotation;
        for i in 1..self.scopes.len() {
            if let (Some(parent), true) = (self.scopes[i].parent, is_child(&self.scopes[i])) {
                self.scopes[parent.index()].children.len += 1;
            }
        }
        let mut start = 0;
        for entry in &mut self.scopes {
            entry.children.start = start;
            start += entry.children.len;
            entry.children.len = 0;
        }
        self.children = vec![ScopeId(0); start as usize];
        for i in 1..self.scopes.len() {
            if let (Some(parent), true) = (self.scopes[i].parent, is_child(&self.scopes[i])) {
                let run = &mut self.scopes[parent.index()].children;
                self.children[(run.start + run.len) as usize] = ScopeId(i as u32);
                run.len += 1;
            }
        }
    }
}

/// Where a scope's children are in [`TableData::children`].
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct ChildRun {
    pub(crate) start: u32,
    pub(crate) len: u32,
}

impl ChildRun {
    pub(crate) fn range(self) -> std::ops::Range<usize> {
        self.start as usize..(self.start + self.len) as usize
    }
}

/// One scope (CPython's `PySTEntryObject`).
#[derive(Debug)]
pub(crate) struct Entry {
    pub(crate) name: Name,
    pub(crate) kind: ScopeKind,
    pub(crate) loc: Location,
    /// The scope around this one in the final tree (for an annotation scope, the scope it
    /// was opened in).
    pub(crate) parent: Option<ScopeId>,
    /// Each name and its flags, with the scope in the bits from `SCOPE_OFFSET` up once
    /// analysed, in CPython's dict order.
    pub(crate) symbols: IndexMap<Name, u32, FastHash>,
    /// Where the parameters (`ste_varnames`) begin among the symbols: a scope's parameters
    /// are entered one after another, each as a new symbol, so they are the `nparams`
    /// symbols from this position on, in order (no vector of their own per scope).
    pub(crate) first_param: u32,
    /// How many parameters the scope has.
    pub(crate) nparams: u32,
    /// The scopes directly inside this one: a run of [`TableData::children`], filled once the
    /// walk is over and changed by the analysis when it inlines comprehensions.
    pub(crate) children: ChildRun,
    /// Where each `global` and `nonlocal` (and walrus in a comprehension) declares a name.
    pub(crate) directives: Vec<(Name, Location)>,
    pub(crate) comprehension: Option<ComprehensionKind>,
    pub(crate) nested: bool,
    pub(crate) generator: bool,
    pub(crate) coroutine: bool,
    pub(crate) varargs: bool,
    pub(crate) varkeywords: bool,
    pub(crate) returns_value: bool,
    pub(crate) needs_class_closure: bool,
    pub(crate) needs_classdict: bool,
    pub(crate) comp_inlined: bool,
    pub(crate) comp_iter_target: bool,
    pub(crate) comp_iter_expr: u32,
    pub(crate) can_see_class_scope: bool,
    pub(crate) mangled_names: Option<usize>,
    pub(crate) scope_info: Option<&'static str>,
}

impl Entry {
    fn new(name: Name, kind: ScopeKind, loc: Location) -> Entry {
        Entry {
            name,
            kind,
            loc,
            parent: None,
            // Room for the few names most scopes have, so that they are not rehashed as they
            // come (four, eight…).
            symbols: IndexMap::with_capacity_and_hasher(8, FastHash::default()),
            first_param: 0,
            nparams: 0,
            children: ChildRun::default(),
            directives: Vec::new(),
            comprehension: None,
            nested: false,
            generator: false,
            coroutine: false,
            varargs: false,
            varkeywords: false,
            returns_value: false,
            needs_class_closure: false,
            needs_classdict: false,
            comp_inlined: false,
            comp_iter_target: false,
            comp_iter_expr: 0,
            can_see_class_scope: false,
            mangled_names: None,
            scope_info: None,
        }
    }
}

/// One scope of a [`SymbolTable`]: the module, a class body, a function (also a lambda or a
/// comprehension), or one of the PEP 695 scopes. The methods are those of Lib/symtable.py's
/// `SymbolTable`, `Function` and `Class`, then what the code generator needs.
#[derive(Clone, Copy)]
pub struct Scope<'t> {
    data: &'t TableData,
    id: ScopeId,
}

impl std::fmt::Debug for Scope<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "<{} scope {:?} {:?}>",
            self.kind().as_str(),
            self.name(),
            self.id
        )
    }
}

impl<'t> Scope<'t> {
    fn entry(&self) -> &'t Entry {
        &self.data.scopes[self.id.index()]
    }

    fn text(&self, name: Name) -> &'t str {
        self.data.names.text(name)
    }

    /// This scope's id in its table (`get_id`).
    pub fn id(&self) -> ScopeId {
        self.id
    }

    /// The kind of scope (`get_type`).
    pub fn kind(&self) -> ScopeKind {
        self.entry().kind
    }

    /// The name: `top` for the module, the name of the function, class, type alias or type
    /// parameter, `lambda`, `listcomp`, `setcomp`, `dictcomp` or `genexpr` (`get_name`).
    pub fn name(&self) -> &'t str {
        self.text(self.entry().name)
    }

    /// [`Scope::name`] as an interned name.
    pub(crate) fn name_id(&self) -> Name {
        self.entry().name
    }

    /// The first line of the node that opened the scope, 0 for the module (`get_lineno`).
    pub fn lineno(&self) -> u32 {
        self.entry().loc.lineno
    }

    /// The location of the node that opened the scope (for a type variable's scope, of its
    /// bound or default).
    pub fn location(&self) -> Location {
        self.entry().loc
    }

    /// True for function scopes, whose locals are fast locals (`is_optimized`).
    pub fn is_optimized(&self) -> bool {
        self.kind() == ScopeKind::Function
    }

    /// True when the scope is inside a function-like scope (`is_nested`).
    pub fn is_nested(&self) -> bool {
        self.entry().nested
    }

    /// True when scopes are nested in this one (`has_children`).
    pub fn has_children(&self) -> bool {
        self.entry().children.len > 0
    }

    /// The scopes directly inside this one, in source order (`get_children`). Inlined
    /// comprehensions are not among them; their own children are.
    pub fn children(&self) -> impl Iterator<Item = Scope<'t>> + 't {
        let data = self.data;
        data.children_of(self.id)
            .iter()
            .map(move |&id| Scope { data, id })
    }

    /// The scope around this one; `None` for the module.
    pub fn parent(&self) -> Option<Scope<'t>> {
        let data = self.data;
        self.entry().parent.map(|id| Scope { data, id })
    }

    /// The names of the scope's symbols, in CPython's order (`get_identifiers`).
    pub fn identifiers(&self) -> impl Iterator<Item = &'t str> + 't {
        let data = self.data;
        self.entry()
            .symbols
            .keys()
            .map(move |&n| data.names.text(n))
    }

    /// The scope's symbols, in CPython's order (`get_symbols`).
    pub fn symbols(&self) -> impl Iterator<Item = Symbol<'t>> + 't {
        let scope = *self;
        self.entry()
            .symbols
            .iter()
            .map(move |(&name, &bits)| Symbol { scope, name, bits })
    }

    /// The symbol of a name, as the scope stores it (already mangled) (`lookup`).
    pub fn lookup(&self, name: &str) -> Option<Symbol<'t>> {
        let name = self.data.names.find(name)?;
        let bits = *self.entry().symbols.get(&name)?;
        Some(Symbol {
            scope: *self,
            name,
            bits,
        })
    }

    fn names_where(&self, test: impl Fn(&Symbol<'t>) -> bool) -> Vec<&'t str> {
        self.symbols()
            .filter(|s| test(s))
            .map(|s| s.name())
            .collect()
    }

    /// The parameters, in symbol order (`Function.get_parameters`).
    pub fn parameters(&self) -> Vec<&'t str> {
        self.names_where(Symbol::is_parameter)
    }

    /// The names whose scope is local or cell (`Function.get_locals`).
    pub fn locals(&self) -> Vec<&'t str> {
        self.names_where(|s| matches!(s.scope(), Some(SymbolScope::Local | SymbolScope::Cell)))
    }

    /// The names whose scope is global, explicit or implicit (`Function.get_globals`).
    pub fn globals(&self) -> Vec<&'t str> {
        self.names_where(|s| {
            matches!(
                s.scope(),
                Some(SymbolScope::GlobalExplicit | SymbolScope::GlobalImplicit)
            )
        })
    }

    /// The names declared `nonlocal` (`Function.get_nonlocals`).
    pub fn nonlocals(&self) -> Vec<&'t str> {
        self.names_where(Symbol::is_nonlocal)
    }

    /// The names whose scope is free (`Function.get_frees`).
    pub fn frees(&self) -> Vec<&'t str> {
        self.names_where(Symbol::is_free)
    }

    /// The methods of a class, as `Class.get_methods` finds them: the function children
    /// (or generic functions' type-parameter children) whose name is a local of the class.
    pub fn methods(&self) -> Vec<&'t str> {
        let mut found: Vec<&'t str> = Vec::new();
        for child in self.children() {
            let is_local = self
                .lookup(child.name())
                .is_some_and(|s| s.scope() == Some(SymbolScope::Local));
            if !is_local {
                continue;
            }
            let method = match child.kind() {
                ScopeKind::Function => {
                    child.entry().comprehension != Some(ComprehensionKind::Generator)
                }
                ScopeKind::TypeParameters => child
                    .children()
                    .any(|c| c.name() == child.name() && c.kind() == ScopeKind::Function),
                _ => false,
            };
            if method && !found.contains(&child.name()) {
                found.push(child.name());
            }
        }
        found
    }

    // ---- for the code generator ----------------------------------------------------------

    /// The parameters in order (`ste_varnames`): positional-only, positional, keyword-only,
    /// `*args`, `**kwargs`; a comprehension's `.0`; a generic function's type-parameter
    /// scope's `.defaults` and `.kwdefaults`. They begin `co_varnames`; the code generator
    /// appends the other fast locals as it first meets them.
    pub fn varnames(&self) -> Vec<&'t str> {
        self.param_ids().map(|n| self.text(n)).collect()
    }

    /// The parameters, as [`Scope::varnames`] lists them, as interned names.
    pub(crate) fn param_ids(&self) -> impl Iterator<Item = Name> + 't {
        self.entry().symbols.as_slice()[self.param_positions()]
            .keys()
            .copied()
    }

    /// The positions of the parameters among the scope's symbols, in parameter order.
    pub(crate) fn param_positions(&self) -> std::ops::Range<usize> {
        let entry = self.entry();
        let first = entry.first_param as usize;
        first..first + entry.nparams as usize
    }

    /// The flags and scope of a (mangled) name, as [`Scope::lookup`] finds them, by its
    /// interned name: a name of the code generator's own ([`CodeNames`]) is no symbol.
    pub(crate) fn symbol_bits(&self, name: Name) -> Option<u32> {
        self.entry().symbols.get(&name).copied()
    }

    /// [`Scope::symbol_bits`] with the symbol's position among the scope's symbols.
    pub(crate) fn symbol_at(&self, name: Name) -> Option<(usize, u32)> {
        self.entry()
            .symbols
            .get_full(&name)
            .map(|(i, _, &bits)| (i, bits))
    }

    /// The symbol spelled `text`, whose [`hash_text`] is `hash`, with its position among the
    /// scope's symbols, its name and its bits, as [`Scope::symbol_at`] gives them, found
    /// without interning the text (see [`Name`]).
    #[inline]
    pub(crate) fn symbol_of_text(&self, hash: u64, text: &str) -> Option<(usize, Name, u32)> {
        let names = &self.data.names;
        self.entry()
            .symbols
            .raw_entry_v1()
            .from_hash_full(names::name_hash(hash), |&k| names.is_text(k, text))
            .map(|(i, &name, &bits)| (i, name, bits))
    }

    /// How many symbols the scope has.
    pub(crate) fn symbol_count(&self) -> usize {
        self.entry().symbols.len()
    }

    /// The symbols as interned names, with their flags and scope, in CPython's order.
    pub(crate) fn symbol_ids(&self) -> impl Iterator<Item = (Name, u32)> + 't {
        self.entry().symbols.iter().map(|(&n, &b)| (n, b))
    }

    /// How many parameters the scope has: `varnames().len()` without the list.
    pub(crate) fn param_count(&self) -> usize {
        self.entry().nparams as usize
    }

    /// `co_cellvars` as CPython 3.13 lays it out: first the parameters that are cells, in
    /// parameter order (they keep their place among the fast locals); then the other names
    /// whose scope is cell, or that an inlined comprehension keeps in a cell, sorted by code
    /// point (`dictbytype`); then, for a class, the implicit `__class__` and `__classdict__`
    /// cells it needs.
    ///
    /// One case depends on code generation: a cell that is also a fast local of the code
    /// object (a cell of the function that an inlined comprehension's own iteration variable
    /// shadows) moves up with the parameters, in `co_varnames` order. Over the standard
    /// library this order matches the reference's code objects everywhere else
    /// (examples/symtable_code_vars.rs).
    pub fn cellvars(&self) -> Vec<&'t str> {
        let is_cell = |s: &Symbol<'t>| {
            s.scope() == Some(SymbolScope::Cell) || s.flags().contains(Flags::DEF_COMP_CELL)
        };
        let params = self.varnames();
        let mut cells: Vec<&'t str> = params
            .iter()
            .copied()
            .filter(|p| self.lookup(p).is_some_and(|s| is_cell(&s)))
            .collect();
        let mut others = self.names_where(|s| is_cell(s) && !s.is_parameter());
        others.sort_unstable();
        cells.extend(others);
        let entry = self.entry();
        let wk = self.data.wk;
        for (needed, name) in [
            (entry.needs_class_closure, wk.dunder_class),
            (entry.needs_classdict, wk.dunder_classdict),
        ] {
            let name = self.text(name);
            if needed && !cells.contains(&name) {
                cells.push(name);
            }
        }
        cells
    }

    /// `co_freevars` as CPython's compiler lays it out: the names whose scope is free, or
    /// that a class passes on to its methods ([`Flags::DEF_FREE_CLASS`]), sorted by code point.
    pub fn freevars(&self) -> Vec<&'t str> {
        let mut free = self.names_where(|s| {
            s.scope() == Some(SymbolScope::Free) || s.flags().contains(Flags::DEF_FREE_CLASS)
        });
        free.sort_unstable();
        free
    }

    /// How code in this scope reaches `name` (already mangled), as `compiler_nameop` decides
    /// from the symbol table: see [`NameOp`].
    pub fn name_op(&self, name: &str) -> NameOp {
        let function_like = self.kind().is_function_like();
        match self.lookup(name).and_then(|s| s.scope()) {
            Some(SymbolScope::Free | SymbolScope::Cell) => NameOp::Deref,
            Some(SymbolScope::Local) if function_like => NameOp::Fast,
            Some(SymbolScope::GlobalImplicit) if function_like => NameOp::Global,
            Some(SymbolScope::GlobalExplicit) => NameOp::Global,
            _ => NameOp::Name,
        }
    }

    /// Whether this is a comprehension, and which (`ste_comprehension`).
    pub fn comprehension(&self) -> Option<ComprehensionKind> {
        self.entry().comprehension
    }

    /// A comprehension inlined into its parent scope (PEP 709, `ste_comp_inlined`): the
    /// code generator compiles it in the parent's code object, and its names, already
    /// copied into the parent's symbols, are saved and restored around it.
    pub fn is_comp_inlined(&self) -> bool {
        self.entry().comp_inlined
    }

    /// The scope contains `yield` (or is a generator expression) (`ste_generator`).
    pub fn is_generator(&self) -> bool {
        self.entry().generator
    }

    /// An `async def`, or a scope containing `await`, `async for` or an asynchronous
    /// comprehension (`ste_coroutine`).
    pub fn is_coroutine(&self) -> bool {
        self.entry().coroutine
    }

    /// The function takes `*args` (`ste_varargs`).
    pub fn has_varargs(&self) -> bool {
        self.entry().varargs
    }

    /// The function takes `**kwargs` (`ste_varkeywords`).
    pub fn has_varkeywords(&self) -> bool {
        self.entry().varkeywords
    }

    /// The function has a `return` with a value (`ste_returns_value`).
    pub fn returns_value(&self) -> bool {
        self.entry().returns_value
    }

    /// A class whose methods use `super()` or `__class__`: it makes the `__class__` cell
    /// (`ste_needs_class_closure`).
    pub fn needs_class_closure(&self) -> bool {
        self.entry().needs_class_closure
    }

    /// A class whose annotation scopes read its namespace: it makes the `__classdict__` cell
    /// (`ste_needs_classdict`).
    pub fn needs_classdict(&self) -> bool {
        self.entry().needs_classdict
    }

    /// A PEP 695 scope directly inside a class, which looks names up in the class namespace
    /// first (`ste_can_see_class_scope`).
    pub fn can_see_class_scope(&self) -> bool {
        self.entry().can_see_class_scope
    }
}

/// How the code generator reaches a name (CPython's `optype` in `compiler_nameop`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameOp {
    /// `LOAD_FAST`/`STORE_FAST`/`DELETE_FAST`: a local of a function-like scope. (A local of
    /// a comprehension inlined into a module or class is also fast; the code generator knows
    /// that while it compiles the comprehension.)
    Fast,
    /// `LOAD_DEREF`/`STORE_DEREF`/`DELETE_DEREF` through a cell or free variable; in a class
    /// body a load is `LOAD_FROM_DICT_OR_DEREF` after `LOAD_LOCALS`, and in a scope that
    /// [`Scope::can_see_class_scope`], after loading `__classdict__`.
    Deref,
    /// `LOAD_GLOBAL`/`STORE_GLOBAL`/`DELETE_GLOBAL`; an implicit global loaded in a scope that
    /// [`Scope::can_see_class_scope`] is `LOAD_FROM_DICT_OR_GLOBALS` after `__classdict__`.
    Global,
    /// `LOAD_NAME`/`STORE_NAME`/`DELETE_NAME`: the module and class namespaces.
    Name,
}

/// One name of one scope, with its flags and scope (Lib/symtable.py's `Symbol`).
#[derive(Clone, Copy)]
pub struct Symbol<'t> {
    scope: Scope<'t>,
    name: Name,
    bits: u32,
}

impl std::fmt::Debug for Symbol<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "<symbol {:?}: {:?}, {:?}>",
            self.name(),
            self.scope(),
            self.flags()
        )
    }
}

impl<'t> Symbol<'t> {
    /// The name, as stored (mangled in a class) (`get_name`).
    pub fn name(&self) -> &'t str {
        self.scope.text(self.name)
    }

    /// The flags, without the scope.
    pub fn flags(&self) -> Flags {
        Flags::from_bits(self.bits)
    }

    /// CPython's whole value: the flags, and the scope from bit 12 up.
    pub fn bits(&self) -> u32 {
        self.bits
    }

    /// The scope the analysis decided.
    pub fn scope(&self) -> Option<SymbolScope> {
        scope_of_bits(self.bits)
    }

    /// Lib/symtable.py's test for the module scope, kept as it is: a scope named `top` (the
    /// module's name, but also that of any class or function so named) counts.
    fn in_module(&self) -> bool {
        self.scope.name() == "top"
    }

    /// Read in its scope (`is_referenced`).
    pub fn is_referenced(&self) -> bool {
        self.flags().contains(Flags::USE)
    }

    /// A parameter (`is_parameter`).
    pub fn is_parameter(&self) -> bool {
        self.flags().contains(Flags::DEF_PARAM)
    }

    /// A global, implicit or explicit, or any name bound in the module (`is_global`; see
    /// [`Symbol::is_local`] about the module).
    pub fn is_global(&self) -> bool {
        matches!(
            self.scope(),
            Some(SymbolScope::GlobalImplicit | SymbolScope::GlobalExplicit)
        ) || (self.in_module() && self.flags().intersects(Flags::DEF_BOUND))
    }

    /// Declared `nonlocal` (`is_nonlocal`).
    pub fn is_nonlocal(&self) -> bool {
        self.flags().contains(Flags::DEF_NONLOCAL)
    }

    /// Declared `global` (`is_declared_global`).
    pub fn is_declared_global(&self) -> bool {
        self.scope() == Some(SymbolScope::GlobalExplicit)
    }

    /// Local or cell, or any name bound in the module (`is_local`). As in Lib/symtable.py, a
    /// scope named `top` counts as the module, even a class or function of that name.
    pub fn is_local(&self) -> bool {
        matches!(self.scope(), Some(SymbolScope::Local | SymbolScope::Cell))
            || (self.in_module() && self.flags().intersects(Flags::DEF_BOUND))
    }

    /// The target of an annotated assignment (`is_annotated`).
    pub fn is_annotated(&self) -> bool {
        self.flags().contains(Flags::DEF_ANNOT)
    }

    /// Free: read from an enclosing function (`is_free`).
    pub fn is_free(&self) -> bool {
        self.scope() == Some(SymbolScope::Free)
    }

    /// Bound by an import (`is_imported`).
    pub fn is_imported(&self) -> bool {
        self.flags().contains(Flags::DEF_IMPORT)
    }

    /// Assigned to (`is_assigned`).
    pub fn is_assigned(&self) -> bool {
        self.flags().contains(Flags::DEF_LOCAL)
    }

    /// Bound by a `def` or `class` whose scope is a child of this one (`is_namespace`).
    pub fn is_namespace(&self) -> bool {
        self.namespaces().next().is_some()
    }

    /// The child scopes with this symbol's name (`get_namespaces`).
    pub fn namespaces(&self) -> impl Iterator<Item = Scope<'t>> + 't {
        let name = self.name();
        self.scope.children().filter(move |c| c.name() == name)
    }

    /// A type parameter (3.14's `is_type_parameter`; the flag exists in 3.13).
    pub fn is_type_parameter(&self) -> bool {
        self.flags().contains(Flags::DEF_TYPE_PARAM)
    }

    /// An iteration variable of a comprehension (3.14's `is_comp_iter`).
    pub fn is_comp_iter(&self) -> bool {
        self.flags().contains(Flags::DEF_COMP_ITER)
    }

    /// A cell of a comprehension inlined into this scope (3.14's `is_comp_cell`).
    pub fn is_comp_cell(&self) -> bool {
        self.flags().contains(Flags::DEF_COMP_CELL)
    }

    /// Free in a method and bound or declared in this class (3.14's `is_free_class`).
    pub fn is_free_class(&self) -> bool {
        self.flags().contains(Flags::DEF_FREE_CLASS)
    }
}
