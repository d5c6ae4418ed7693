//! The code generator: the syntax tree and its symbol table to an instruction sequence per
//! code unit, as CPython 3.13's Python/compile.c does it, one `compile_*`/`visit_*`
//! function per node kind; each finished unit goes through the flow graph
//! (crate::flowgraph) to become a code object.

mod expr;
mod pattern;
mod stmt;
pub(crate) mod warn;

use std::collections::HashMap;

use indexmap::IndexSet;
use pyrs_ast::{Expr, Identifier, Location, Stmt, StrValue};
use pyrs_bytecode::{CodeFlags, CodeObject, Constant, LocalKind, LocalVar, Opcode};
use pyrs_parser::{ErrorKind, SyntaxError};

use crate::ast_opt::Folded;
use crate::consts::ConstTable;
use crate::flowgraph::{self, Loc, Seq, UnitInfo, NO_LOC};
use crate::symtable::{
    hash_text, mangles, scope_of_bits, CodeNames, Name, Scope, ScopeKind, Stop, SymbolScope,
    SymbolTable, TextKey,
};

pub(crate) type R<T = ()> = Result<T, Stop>;

/// The code generator's sets and maps of names are keyed by interned [`Name`]s (see
/// [`CodeNames`]), hashed with [`crate::consts::FastHash`]: an integer key costs one multiply.
pub(crate) type NameSet = IndexSet<Name, crate::consts::FastHash>;
pub(crate) type NameMap<V> = HashMap<Name, V, crate::consts::FastHash>;

/// CPython's `STACK_USE_GUIDELINE`: above this many values, displays and calls are built
/// piecewise.
const STACK_USE_GUIDELINE: usize = 30;

/// The elements of a display or the positional arguments of a call, as
/// `starunpack_helper` and `compiler_call_helper` take them: a slice of the tree, and for a
/// generic class's bases one expression more after it (`.generic_base`). Passed by value
/// instead of as a vector of references collected for each call, list, tuple and set.
#[derive(Clone, Copy)]
pub(crate) struct Exprs<'t> {
    pub(crate) items: &'t [Expr],
    pub(crate) extra: Option<&'t Expr>,
}

impl<'t> Exprs<'t> {
    /// The expressions of a slice of the tree.
    pub(crate) fn of(items: &'t [Expr]) -> Exprs<'t> {
        Exprs { items, extra: None }
    }

    pub(crate) fn len(self) -> usize {
        self.items.len() + usize::from(self.extra.is_some())
    }

    pub(crate) fn iter(self) -> impl Iterator<Item = &'t Expr> {
        self.items.iter().chain(self.extra)
    }
}

/// A unit's fast locals with their kinds (`compute_localsplus_info`): the locals, hidden
/// if an inlined comprehension made them (`u_fasthidden`) and cells if inner functions
/// capture them; then the cells that are not locals; then the free variables. A name can be
/// both a cell and a free variable (a class body reading `__class__` from a method around
/// it while making its own `__class__` cell), and then appears twice.
fn localsplus(u: &Unit<'_>, names: &CodeNames<'_>) -> Vec<LocalVar> {
    let mut out = Vec::with_capacity(u.varnames.len() + u.cellvars.len() + u.freevars.len());
    for &v in &u.varnames {
        let mut kind = LocalKind::LOCAL;
        if u.fasthidden.contains_key(&v) {
            kind = kind | LocalKind::HIDDEN;
        }
        if u.cellvars.contains(&v) {
            kind = kind | LocalKind::CELL;
        }
        out.push(LocalVar {
            name: names.text(v).into(),
            kind,
        });
    }
    for &c in &u.cellvars {
        if !u.varnames.contains(&c) {
            out.push(LocalVar {
                name: names.text(c).into(),
                kind: LocalKind::CELL,
            });
        }
    }
    for &f in &u.freevars {
        out.push(LocalVar {
            name: names.text(f).into(),
            kind: LocalKind::FREE,
        });
    }
    out
}

/// Puts in `set` the symbols of `scope` whose flag bits `wanted` accepts, ordered by their
/// text's code points (`dictbytype`'s sorted keys).
fn sorted_symbols(
    set: &mut NameSet,
    scope: Scope<'_>,
    names: &CodeNames<'_>,
    wanted: impl Fn(u32) -> bool,
) {
    set.extend(
        scope
            .symbol_ids()
            .filter(|&(_, bits)| wanted(bits))
            .map(|(name, _)| name),
    );
    set.sort_unstable_by(|&a, &b| names.text(a).cmp(names.text(b)));
}

/// What kind of code unit is being compiled (`COMPILER_SCOPE_*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UnitKind {
    Module,
    Class,
    Function,
    AsyncFunction,
    Lambda,
    Comprehension,
    /// The hidden scope of a generic definition's type parameters, and (as in CPython) the
    /// lazily evaluated bound or default of one type parameter.
    TypeParams,
}

/// A frame block: what `break`, `continue` and `return` must unwind (`fblocktype`).
#[derive(Clone, Debug)]
pub(crate) enum FBlock<'a> {
    WhileLoop { start: u32, exit: u32 },
    ForLoop { start: u32, exit: u32 },
    TryExcept,
    FinallyTry { body: &'a [Stmt] },
    FinallyEnd,
    With { loc: Loc, is_async: bool },
    HandlerCleanup { name: Option<&'a str> },
    PopValue,
    ExceptionHandler,
    ExceptionGroupHandler,
    AsyncComprehensionGenerator,
    StopIteration,
}

/// One code object being compiled (`struct compiler_unit`).
pub(crate) struct Unit<'t> {
    pub(crate) scope: Scope<'t>,
    pub(crate) kind: UnitKind,
    pub(crate) seq: Seq,
    pub(crate) consts: ConstTable,
    pub(crate) names: NameSet,
    pub(crate) varnames: NameSet,
    pub(crate) cellvars: NameSet,
    pub(crate) freevars: NameSet,
    pub(crate) fasthidden: NameMap<bool>,
    /// The symbols an inlined comprehension overrides while it is compiled.
    pub(crate) temp_symbols: NameMap<Option<SymbolScope>>,
    /// Whether each overridden symbol is an import, as the override says (CPython replaces
    /// the whole symbol, flags included).
    pub(crate) temp_imports: NameMap<bool>,
    /// For each symbol of the scope, by position, its index in `names` and in `varnames`
    /// once known (`u32::MAX` before): a name the scope knows is hashed once per
    /// reference, to find its symbol, and not again to find its index.
    pub(crate) name_slots: Vec<u32>,
    pub(crate) varname_slots: Vec<u32>,
    pub(crate) fblocks: Vec<FBlock<'t>>,
    pub(crate) in_inlined_comp: u32,
    pub(crate) argcount: u32,
    pub(crate) posonlyargcount: u32,
    pub(crate) kwonlyargcount: u32,
    pub(crate) firstlineno: u32,
    /// `co_name` and `co_qualname` (names of up to 22 bytes kept inline: see [`Identifier`]).
    pub(crate) name: Identifier,
    pub(crate) qualname: Identifier,
    /// The class whose name mangles private names here (`u_private`).
    pub(crate) private: Option<Name>,
    pub(crate) static_attributes: Option<NameSet>,
    /// `ste_coroutine` as the code generator may set it (top-level await).
    pub(crate) coroutine: bool,
}

impl<'t> Unit<'t> {
    /// An empty unit of `scope`, with room for the code and names of a small function, so
    /// that most units never grow their vectors and sets; [`Compiler::enter_scope`] fills
    /// in the rest.
    fn new(scope: Scope<'t>) -> Unit<'t> {
        let set = || NameSet::with_capacity_and_hasher(8, Default::default());
        Unit {
            scope,
            kind: UnitKind::Module,
            seq: Seq {
                instrs: Vec::with_capacity(64),
                labels: Vec::with_capacity(16),
            },
            consts: ConstTable::default(),
            names: set(),
            varnames: set(),
            cellvars: NameSet::default(),
            freevars: NameSet::default(),
            fasthidden: NameMap::default(),
            temp_symbols: NameMap::default(),
            temp_imports: NameMap::default(),
            name_slots: Vec::new(),
            varname_slots: Vec::new(),
            fblocks: Vec::new(),
            in_inlined_comp: 0,
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            firstlineno: 0,
            name: Identifier::from(""),
            qualname: Identifier::from(""),
            private: None,
            static_attributes: None,
            coroutine: false,
        }
    }

    /// Empties the unit's tables, keeping their storage for the next unit.
    fn clear(&mut self) {
        self.seq.instrs.clear();
        self.seq.labels.clear();
        self.names.clear();
        self.varnames.clear();
        self.cellvars.clear();
        self.freevars.clear();
        self.fasthidden.clear();
        self.temp_symbols.clear();
        self.temp_imports.clear();
        self.name_slots.clear();
        self.varname_slots.clear();
        self.fblocks.clear();
    }
}

/// The compiler's state for one module (`struct compiler`).
pub(crate) struct Compiler<'t> {
    pub(crate) table: &'t SymbolTable<'t>,
    /// Every name the code generator meets, interned once ([`CodeNames`]).
    pub(crate) names: CodeNames<'t>,
    pub(crate) folded: &'t Folded,
    pub(crate) filename: StrValue,
    pub(crate) optimize: u32,
    pub(crate) future_flags: CodeFlags,
    pub(crate) future_annotations: bool,
    pub(crate) future_line: Option<u32>,
    pub(crate) interactive: bool,
    /// The units being compiled, innermost last. Boxed, so that opening and closing a unit
    /// moves a pointer ([`Compiler::spare_units`]).
    #[allow(clippy::vec_box)]
    pub(crate) units: Vec<Box<Unit<'t>>>,
    pub(crate) depth: usize,
    pub(crate) limit: usize,
    /// The SyntaxWarnings found so far, in the order CPython emits them.
    pub(crate) warnings: Vec<warn::Warning>,
    /// The units already compiled, emptied ([`Unit::clear`]), for the next units to fill:
    /// a unit reuses the instruction sequence, name sets, slot vectors and maps of a
    /// finished one instead of allocating its own, and since units are boxed, opening and
    /// closing one moves a pointer, not the several hundred bytes of a [`Unit`].
    #[allow(clippy::vec_box)]
    pub(crate) spare_units: Vec<Box<Unit<'t>>>,
    /// Where [`Compiler::set_qualname`] builds a qualified name before it becomes the unit's.
    pub(crate) qualname_buf: String,
}

/// A SyntaxError at a node, with CPython's offsets for errors after parsing.
pub(crate) fn error_at(msg: impl Into<String>, loc: Location) -> Stop {
    Stop::Error(Box::new(SyntaxError {
        kind: ErrorKind::SyntaxError,
        msg: msg.into(),
        lineno: loc.lineno,
        offset: loc.col_offset as i32 + 1,
        end_lineno: loc.end_lineno,
        end_offset: loc.end_col_offset as i32 + 1,
        text: None,
    }))
}

fn internal(msg: impl Into<String>) -> Stop {
    Stop::Error(Box::new(SyntaxError {
        kind: ErrorKind::SyntaxError,
        msg: format!("internal compiler error: {}", msg.into()),
        lineno: 0,
        offset: 0,
        end_lineno: 0,
        end_offset: 0,
        text: None,
    }))
}

impl<'t> Compiler<'t> {
    pub(crate) fn u(&mut self) -> &mut Unit<'t> {
        self.units.last_mut().expect("a unit is open")
    }

    pub(crate) fn ur(&self) -> &Unit<'t> {
        self.units.last().expect("a unit is open")
    }

    // ---- emission -----------------------------------------------------------------------

    pub(crate) fn emit(&mut self, op: Opcode, arg: u32, loc: Loc) {
        self.u().seq.push(op, arg, loc);
    }

    pub(crate) fn op(&mut self, op: Opcode, loc: Loc) {
        self.u().seq.push(op, 0, loc);
    }

    pub(crate) fn jump(&mut self, op: Opcode, label: u32, loc: Loc) {
        self.u().seq.push(op, label, loc);
    }

    pub(crate) fn new_label(&mut self) -> u32 {
        self.u().seq.new_label()
    }

    pub(crate) fn bind(&mut self, label: u32) {
        self.u().seq.bind(label);
    }

    pub(crate) fn load_const(&mut self, value: Constant, loc: Loc) {
        let i = self.u().consts.add(value);
        self.emit(Opcode::LOAD_CONST, i, loc);
    }

    /// The interned name of a text (see [`CodeNames`]).
    pub(crate) fn intern(&mut self, text: &str) -> Name {
        self.names.intern(text)
    }

    /// The text of an interned name.
    pub(crate) fn text(&self, name: Name) -> &str {
        self.names.text(name)
    }

    /// A name as the current unit refers to it: mangled inside a class (`_Py_MaybeMangle`).
    pub(crate) fn mangle_id(&mut self, name: Name) -> Name {
        let private = self.ur().private;
        self.names.mangle(private, name)
    }

    /// [`Compiler::mangle_id`] of a text, as a string.
    pub(crate) fn mangle(&mut self, name: &str) -> String {
        let name = self.intern(name);
        let mangled = self.mangle_id(name);
        self.text(mangled).to_string()
    }

    /// The index of a name in a set, adding it if needed.
    fn index_in(set: &mut NameSet, name: Name) -> usize {
        set.insert_full(name).0
    }

    /// The index of `name` in `co_names`.
    pub(crate) fn name_index(&mut self, name: Name) -> u32 {
        Self::index_in(&mut self.u().names, name) as u32
    }

    /// `ADDOP_NAME`: an instruction whose oparg is a (mangled) name in `co_names`.
    ///
    /// A name already in `co_names` that no class mangles is found there by its text
    /// ([`TextKey`]), without interning the text first: most attribute names come back
    /// within a unit (`self.x`).
    pub(crate) fn name_op(&mut self, op: Opcode, text: &str, loc: Loc) {
        let hash = hash_text(text);
        let u = self.ur();
        let known = if u.private.is_none() || !mangles(text) {
            u.names.get_index_of(&TextKey::new(hash, text, &self.names))
        } else {
            None
        };
        let i = match known {
            Some(i) => i as u32,
            None => {
                let name = self.names.intern_attribute(hash, text);
                let mangled = self.mangle_id(name);
                self.name_index(mangled)
            }
        };
        let arg = match op {
            Opcode::LOAD_ATTR => i << 1,
            Opcode::LOAD_METHOD => {
                self.emit(Opcode::LOAD_ATTR, (i << 1) | 1, loc);
                return;
            }
            Opcode::LOAD_SUPER_ATTR => (i << 2) | 2,
            Opcode::LOAD_SUPER_METHOD => {
                self.emit(Opcode::LOAD_SUPER_ATTR, (i << 2) | 3, loc);
                return;
            }
            Opcode::LOAD_ZERO_SUPER_ATTR => {
                self.emit(Opcode::LOAD_SUPER_ATTR, i << 2, loc);
                return;
            }
            Opcode::LOAD_ZERO_SUPER_METHOD => {
                self.emit(Opcode::LOAD_SUPER_ATTR, (i << 2) | 1, loc);
                return;
            }
            _ => i,
        };
        self.emit(op, arg, loc);
    }

    /// `ADDOP_N`: a name in `co_names`, not mangled.
    pub(crate) fn name_op_raw(&mut self, op: Opcode, name: &str, loc: Loc) {
        let name = self.intern(name);
        let i = self.name_index(name);
        self.emit(op, i, loc);
    }

    /// The index of a (mangled) name among the fast locals, adding it if needed.
    pub(crate) fn varname_index(&mut self, name: Name) -> u32 {
        Self::index_in(&mut self.u().varnames, name) as u32
    }

    // ---- depth ---------------------------------------------------------------------------

    pub(crate) fn enter(&mut self) -> R {
        self.depth += 1;
        if self.depth > self.limit {
            return Err(Stop::TooDeep);
        }
        Ok(())
    }

    pub(crate) fn leave(&mut self) {
        self.depth -= 1;
    }

    // ---- symbols -------------------------------------------------------------------------

    /// The scope of a (mangled) name in the current unit, with the overrides of an inlined
    /// comprehension being compiled (`_PyST_GetScope`).
    pub(crate) fn symbol_scope(&self, name: Name) -> Option<SymbolScope> {
        let u = self.ur();
        // Overrides exist only while an inlined comprehension is compiled: most lookups skip
        // them.
        if !u.temp_symbols.is_empty() {
            if let Some(ov) = u.temp_symbols.get(&name) {
                return *ov;
            }
        }
        u.scope.symbol_bits(name).and_then(scope_of_bits)
    }

    /// [`Compiler::symbol_scope`], with the position of the name among the scope's symbols
    /// when it is one of them.
    fn symbol_scope_at(&self, name: Name) -> (Option<SymbolScope>, Option<usize>) {
        let found = self.ur().scope.symbol_at(name);
        let pos = found.map(|(i, _)| i);
        (self.scope_of_symbol(name, found.map(|(_, bits)| bits)), pos)
    }

    /// The scope of `name` in the unit, whose bits among the scope's symbols are `bits`
    /// (`None` if it is no symbol there): an inlined comprehension's override if one is being
    /// compiled, else what the bits say.
    #[inline]
    fn scope_of_symbol(&self, name: Name, bits: Option<u32>) -> Option<SymbolScope> {
        let u = self.ur();
        // Overrides exist only while an inlined comprehension is compiled.
        if !u.temp_symbols.is_empty() {
            if let Some(ov) = u.temp_symbols.get(&name) {
                return *ov;
            }
        }
        bits.and_then(scope_of_bits)
    }

    /// The index of `name` in `co_names` (`is_var` false) or `co_varnames` (true), through
    /// the slot of its symbol at `pos` when it has one.
    fn index_at(&mut self, name: Name, pos: Option<usize>, is_var: bool) -> u32 {
        let u = self.u();
        let (set, slots) = if is_var {
            (&mut u.varnames, &mut u.varname_slots)
        } else {
            (&mut u.names, &mut u.name_slots)
        };
        match pos.and_then(|p| slots.get_mut(p)) {
            Some(slot) if *slot != u32::MAX => *slot,
            Some(slot) => {
                let i = Self::index_in(set, name) as u32;
                *slot = i;
                i
            }
            None => Self::index_in(set, name) as u32,
        }
    }

    /// [`Compiler::symbol_scope`] of a text.
    pub(crate) fn symbol_scope_of(&self, name: &str) -> Option<SymbolScope> {
        self.symbol_scope(self.names.find(name)?)
    }

    pub(crate) fn is_function_like(&self) -> bool {
        self.ur().scope.kind().is_function_like()
    }

    /// `compiler_nameop` for a name as the tree spells it. A name that is a symbol of the
    /// unit's scope, and that no class mangles, is found among the scope's symbols by its
    /// text ([`Scope::symbol_of_text`]), without interning the text first.
    pub(crate) fn nameop(&mut self, text: &str, ctx: pyrs_ast::ExprContext, loc: Loc) -> R {
        let hash = hash_text(text);
        let u = self.ur();
        if u.private.is_none() || !mangles(text) {
            if let Some((pos, name, bits)) = u.scope.symbol_of_text(hash, text) {
                let scope = self.scope_of_symbol(name, Some(bits));
                return self.emit_nameop(name, scope, Some(pos), ctx, loc);
            }
        }
        let name = self.names.intern_hashed(hash, text);
        self.nameop_id(name, ctx, loc)
    }

    /// `compiler_nameop`.
    pub(crate) fn nameop_id(&mut self, name: Name, ctx: pyrs_ast::ExprContext, loc: Loc) -> R {
        let mangled = self.mangle_id(name);
        let (scope, pos) = self.symbol_scope_at(mangled);
        self.emit_nameop(mangled, scope, pos, ctx, loc)
    }

    /// The instruction `compiler_nameop` emits for a (mangled) name whose scope is `scope`,
    /// the symbol at `pos` among the unit scope's symbols when it is one.
    fn emit_nameop(
        &mut self,
        mangled: Name,
        scope: Option<SymbolScope>,
        pos: Option<usize>,
        ctx: pyrs_ast::ExprContext,
        loc: Loc,
    ) -> R {
        use pyrs_ast::ExprContext::*;
        let function_like = self.is_function_like();
        enum Kind {
            Deref(bool),
            Fast,
            Global,
            Name,
        }
        let kind = match scope {
            Some(SymbolScope::Free) => Kind::Deref(true),
            Some(SymbolScope::Cell) => Kind::Deref(false),
            Some(SymbolScope::Local)
                if function_like
                    || (!self.ur().fasthidden.is_empty()
                        && self.ur().fasthidden.get(&mangled) == Some(&true)) =>
            {
                Kind::Fast
            }
            Some(SymbolScope::GlobalImplicit) if function_like => Kind::Global,
            Some(SymbolScope::GlobalExplicit) => Kind::Global,
            _ => Kind::Name,
        };
        let is_class = self.ur().scope.kind() == ScopeKind::Class;
        let can_see_class = self.ur().scope.can_see_class_scope();
        match kind {
            Kind::Deref(free) => {
                let idx = self.deref_index(mangled, free)?;
                let op = match ctx {
                    Load => {
                        if is_class && self.ur().in_inlined_comp == 0 {
                            self.op(Opcode::LOAD_LOCALS, loc);
                            Opcode::LOAD_FROM_DICT_OR_DEREF
                        } else if can_see_class {
                            self.load_classdict_freevar(loc)?;
                            Opcode::LOAD_FROM_DICT_OR_DEREF
                        } else {
                            Opcode::LOAD_DEREF
                        }
                    }
                    Store => Opcode::STORE_DEREF,
                    Del => Opcode::DELETE_DEREF,
                };
                self.emit(op, idx, loc);
            }
            Kind::Fast => {
                let idx = self.index_at(mangled, pos, true);
                let op = match ctx {
                    Load => Opcode::LOAD_FAST,
                    Store => Opcode::STORE_FAST,
                    Del => Opcode::DELETE_FAST,
                };
                self.emit(op, idx, loc);
            }
            Kind::Global => {
                let i = self.index_at(mangled, pos, false);
                match ctx {
                    Load => {
                        if can_see_class && scope == Some(SymbolScope::GlobalImplicit) {
                            self.load_classdict_freevar(loc)?;
                            self.emit(Opcode::LOAD_FROM_DICT_OR_GLOBALS, i, loc);
                        } else {
                            self.emit(Opcode::LOAD_GLOBAL, i << 1, loc);
                        }
                    }
                    Store => self.emit(Opcode::STORE_GLOBAL, i, loc),
                    Del => self.emit(Opcode::DELETE_GLOBAL, i, loc),
                }
            }
            Kind::Name => {
                let i = self.index_at(mangled, pos, false);
                match ctx {
                    Load => {
                        if is_class && self.ur().in_inlined_comp > 0 {
                            self.emit(Opcode::LOAD_GLOBAL, i << 1, loc);
                        } else {
                            self.emit(Opcode::LOAD_NAME, i, loc);
                        }
                    }
                    Store => self.emit(Opcode::STORE_NAME, i, loc),
                    Del => self.emit(Opcode::DELETE_NAME, i, loc),
                }
            }
        }
        Ok(())
    }

    /// The index of a cell (in `u_cellvars`) or free variable (after the cells).
    pub(crate) fn deref_index(&self, name: Name, free: bool) -> R<u32> {
        let u = self.ur();
        if free {
            if let Some(i) = u.freevars.get_index_of(&name) {
                return Ok((u.cellvars.len() + i) as u32);
            }
            if let Some(i) = u.cellvars.get_index_of(&name) {
                return Ok(i as u32);
            }
        } else {
            if let Some(i) = u.cellvars.get_index_of(&name) {
                return Ok(i as u32);
            }
            if let Some(i) = u.freevars.get_index_of(&name) {
                return Ok((u.cellvars.len() + i) as u32);
            }
        }
        Err(internal(format!(
            "no cell or free variable {:?}",
            self.text(name)
        )))
    }

    /// [`Compiler::deref_index`] of a text.
    pub(crate) fn deref_index_of(&mut self, name: &str, free: bool) -> R<u32> {
        let name = self.intern(name);
        self.deref_index(name, free)
    }

    fn load_classdict_freevar(&mut self, loc: Loc) -> R {
        let idx = self.deref_index_of("__classdict__", true)?;
        self.emit(Opcode::LOAD_DEREF, idx, loc);
        Ok(())
    }

    // ---- units ---------------------------------------------------------------------------

    /// `compiler_enter_scope`.
    pub(crate) fn enter_scope(
        &mut self,
        name: &str,
        kind: UnitKind,
        scope: Scope<'t>,
        lineno: u32,
    ) -> R {
        let private = self.units.last().and_then(|u| u.private);
        // The storage of a finished unit, emptied, or a new one (see `spare_units`).
        let mut u = match self.spare_units.pop() {
            Some(u) => u,
            None => Box::new(Unit::new(scope)),
        };
        u.scope = scope;
        u.kind = kind;
        u.consts = ConstTable::new();
        u.varnames.extend(scope.param_ids());
        // Cells and free variables in code-point order (`dictbytype`).
        use crate::symtable::Flags;
        sorted_symbols(&mut u.cellvars, scope, &self.names, |bits| {
            scope_of_bits(bits) == Some(SymbolScope::Cell)
                || Flags::from_bits(bits).contains(Flags::DEF_COMP_CELL)
        });
        if scope.needs_class_closure() {
            u.cellvars.insert(self.names.intern("__class__"));
        }
        if scope.needs_classdict() {
            u.cellvars.insert(self.names.intern("__classdict__"));
        }
        sorted_symbols(&mut u.freevars, scope, &self.names, |bits| {
            scope_of_bits(bits) == Some(SymbolScope::Free)
                || Flags::from_bits(bits).contains(Flags::DEF_FREE_CLASS)
        });
        u.name_slots.resize(scope.symbol_count(), u32::MAX);
        u.varname_slots.resize(scope.symbol_count(), u32::MAX);
        // The parameters begin `co_varnames` in order, as they begin the symbols at
        // `first_param`: their slots are known now.
        for (k, pos) in scope.param_positions().enumerate() {
            u.varname_slots[pos] = k as u32;
        }
        u.in_inlined_comp = 0;
        u.argcount = 0;
        u.posonlyargcount = 0;
        u.kwonlyargcount = 0;
        u.firstlineno = lineno;
        u.name = Identifier::from(name);
        u.qualname = Identifier::from(name);
        u.private = private;
        u.static_attributes = if kind == UnitKind::Class {
            Some(NameSet::default())
        } else {
            None
        };
        u.coroutine = scope.is_coroutine();
        self.units.push(u);
        let mut loc = Loc {
            lineno: lineno as i32,
            end_lineno: lineno as i32,
            col: 0,
            end_col: 0,
        };
        if kind == UnitKind::Module {
            loc.lineno = 0;
        } else {
            self.set_qualname();
        }
        self.emit(Opcode::RESUME, 0, loc);
        Ok(())
    }

    /// `compiler_set_qualname`.
    fn set_qualname(&mut self) {
        let n = self.units.len();
        // The units before the current one; the first is the module.
        if n <= 2 {
            return;
        }
        let mut parent = n - 2;
        if self.units[parent].kind == UnitKind::TypeParams {
            if n == 3 {
                return;
            }
            parent = n - 3;
        }
        let u = &self.units[n - 1];
        let mut force_global = false;
        if matches!(
            u.kind,
            UnitKind::Function | UnitKind::AsyncFunction | UnitKind::Class
        ) {
            let private = self.units[parent].private;
            // The unit's name is its scope's: a `def` or `class` opens a scope of its name.
            let name = u.scope.name_id();
            let mangled = self.names.mangle(private, name);
            let p = &self.units[parent];
            let scope = p
                .temp_symbols
                .get(&mangled)
                .copied()
                .unwrap_or_else(|| p.scope.symbol_bits(mangled).and_then(scope_of_bits));
            if scope == Some(SymbolScope::GlobalExplicit) {
                force_global = true;
            }
        }
        if !force_global {
            let p = &self.units[parent];
            let locals = matches!(
                p.kind,
                UnitKind::Function | UnitKind::AsyncFunction | UnitKind::Lambda
            );
            let name = &self.units[n - 1].name;
            // Built in a reused buffer: most qualified names fit inline in an `Identifier`.
            let q = &mut self.qualname_buf;
            q.clear();
            q.push_str(&p.qualname);
            if locals {
                q.push_str(".<locals>");
            }
            q.push('.');
            q.push_str(name);
            self.units[n - 1].qualname = Identifier::from(q.as_str());
        }
    }

    /// `compute_code_flags`.
    fn code_flags(&self) -> CodeFlags {
        let u = self.ur();
        let s = u.scope;
        let mut flags = CodeFlags::NONE;
        if s.kind().is_function_like() {
            flags |= CodeFlags::NEWLOCALS | CodeFlags::OPTIMIZED;
            if s.is_nested() {
                flags |= CodeFlags::NESTED;
            }
            let gen = s.is_generator();
            if gen && !u.coroutine {
                flags |= CodeFlags::GENERATOR;
            }
            if gen && u.coroutine {
                flags |= CodeFlags::ASYNC_GENERATOR;
            }
            if s.has_varargs() {
                flags |= CodeFlags::VARARGS;
            }
            if s.has_varkeywords() {
                flags |= CodeFlags::VARKEYWORDS;
            }
        }
        if u.coroutine && !s.is_generator() {
            flags |= CodeFlags::COROUTINE;
        }
        flags | self.future_flags
    }

    /// `optimize_and_assemble`: closes the current unit's sequence and makes its code
    /// object; the unit stays open, emptied of its instructions and names, for the caller
    /// to exit.
    pub(crate) fn assemble(&mut self, add_none: bool) -> R<CodeObject> {
        if add_none {
            self.load_const(Constant::None, NO_LOC);
        }
        self.op(Opcode::RETURN_VALUE, NO_LOC);
        let flags = self.code_flags();
        let filename = self.filename.clone();
        let u = self.units.last_mut().expect("a unit is open");
        let names = &self.names;
        let info = UnitInfo {
            // Moved out: the unit is only closed after this.
            name: std::mem::replace(&mut u.name, Identifier::from("")),
            qualname: std::mem::replace(&mut u.qualname, Identifier::from("")),
            filename,
            firstlineno: u.firstlineno,
            flags,
            argcount: u.argcount,
            posonlyargcount: u.posonlyargcount,
            kwonlyargcount: u.kwonlyargcount,
            nparams: u.scope.param_count(),
            consts: std::mem::take(&mut u.consts),
            names: u.names.iter().map(|&n| names.text(n).into()).collect(),
            varnames: u.varnames.as_slice(),
            cellvars: u.cellvars.as_slice(),
            freevars: u.freevars.as_slice(),
            localsplus: localsplus(u, names),
        };
        let code = flowgraph::assemble(&mut u.seq, info).map_err(internal);
        u.seq.instrs.clear();
        u.seq.labels.clear();
        code
    }

    /// `compiler_exit_scope`: closes the current unit, whose storage, emptied, is kept for
    /// the next unit ([`Compiler::spare_units`]).
    pub(crate) fn exit_scope(&mut self) {
        if let Some(mut u) = self.units.pop() {
            u.clear();
            self.spare_units.push(u);
        }
    }

    // ---- fblocks -------------------------------------------------------------------------

    pub(crate) fn push_fblock(&mut self, f: FBlock<'t>) {
        self.u().fblocks.push(f);
    }

    pub(crate) fn pop_fblock(&mut self) {
        self.u().fblocks.pop();
    }

    /// `compiler_unwind_fblock`.
    fn unwind_fblock(&mut self, f: &FBlock<'t>, loc: &mut Loc, preserve_tos: bool) -> R {
        match f {
            FBlock::WhileLoop { .. }
            | FBlock::ExceptionHandler
            | FBlock::ExceptionGroupHandler
            | FBlock::AsyncComprehensionGenerator
            | FBlock::StopIteration => {}
            FBlock::ForLoop { .. } => {
                if preserve_tos {
                    self.emit(Opcode::SWAP, 2, *loc);
                }
                self.op(Opcode::POP_TOP, *loc);
            }
            FBlock::TryExcept => self.op(Opcode::POP_BLOCK, *loc),
            FBlock::FinallyTry { body } => {
                self.op(Opcode::POP_BLOCK, *loc);
                if preserve_tos {
                    self.push_fblock(FBlock::PopValue);
                }
                self.body(body)?;
                if preserve_tos {
                    self.pop_fblock();
                }
                *loc = NO_LOC;
            }
            FBlock::FinallyEnd => {
                if preserve_tos {
                    self.emit(Opcode::SWAP, 2, *loc);
                }
                self.op(Opcode::POP_TOP, *loc);
                if preserve_tos {
                    self.emit(Opcode::SWAP, 2, *loc);
                }
                self.op(Opcode::POP_BLOCK, *loc);
                self.op(Opcode::POP_EXCEPT, *loc);
            }
            FBlock::With {
                loc: wloc,
                is_async,
            } => {
                *loc = *wloc;
                self.op(Opcode::POP_BLOCK, *loc);
                if preserve_tos {
                    self.emit(Opcode::SWAP, 2, *loc);
                }
                self.call_exit_with_nones(*loc);
                if *is_async {
                    self.emit(Opcode::GET_AWAITABLE, 2, *loc);
                    self.load_const(Constant::None, *loc);
                    self.yield_from(*loc, true);
                }
                self.op(Opcode::POP_TOP, *loc);
                *loc = NO_LOC;
            }
            FBlock::HandlerCleanup { name } => {
                if name.is_some() {
                    self.op(Opcode::POP_BLOCK, *loc);
                }
                if preserve_tos {
                    self.emit(Opcode::SWAP, 2, *loc);
                }
                self.op(Opcode::POP_BLOCK, *loc);
                self.op(Opcode::POP_EXCEPT, *loc);
                if let Some(name) = name {
                    self.load_const(Constant::None, *loc);
                    self.nameop(name, pyrs_ast::ExprContext::Store, *loc)?;
                    self.nameop(name, pyrs_ast::ExprContext::Del, *loc)?;
                }
            }
            FBlock::PopValue => {
                if preserve_tos {
                    self.emit(Opcode::SWAP, 2, *loc);
                }
                self.op(Opcode::POP_TOP, *loc);
            }
        }
        Ok(())
    }

    /// `compiler_unwind_fblock_stack`: unwinds every block, or up to the innermost loop
    /// (returned) when `want_loop`.
    fn unwind_fblock_stack(
        &mut self,
        loc: &mut Loc,
        preserve_tos: bool,
        want_loop: bool,
        origin: Location,
    ) -> R<Option<FBlock<'t>>> {
        let Some(top) = self.ur().fblocks.last().cloned() else {
            return Ok(None);
        };
        if matches!(top, FBlock::ExceptionGroupHandler) {
            return Err(error_at(
                "'break', 'continue' and 'return' cannot appear in an except* block",
                origin,
            ));
        }
        if want_loop && matches!(top, FBlock::WhileLoop { .. } | FBlock::ForLoop { .. }) {
            return Ok(Some(top));
        }
        self.u().fblocks.pop();
        self.unwind_fblock(&top, loc, preserve_tos)?;
        let r = self.unwind_fblock_stack(loc, preserve_tos, want_loop, origin);
        self.u().fblocks.push(top);
        r
    }

    pub(crate) fn call_exit_with_nones(&mut self, loc: Loc) {
        self.load_const(Constant::None, loc);
        self.load_const(Constant::None, loc);
        self.load_const(Constant::None, loc);
        self.emit(Opcode::CALL, 2, loc);
    }

    /// `compiler_add_yield_from`.
    pub(crate) fn yield_from(&mut self, loc: Loc, is_await: bool) {
        let send = self.new_label();
        let fail = self.new_label();
        let exit = self.new_label();
        self.bind(send);
        self.jump(Opcode::SEND, exit, loc);
        self.jump(Opcode::SETUP_FINALLY, fail, loc);
        self.emit(Opcode::YIELD_VALUE, 1, loc);
        self.op(Opcode::POP_BLOCK, NO_LOC);
        self.emit(Opcode::RESUME, if is_await { 3 } else { 2 }, loc);
        self.jump(Opcode::JUMP_NO_INTERRUPT, send, loc);
        self.bind(fail);
        self.op(Opcode::CLEANUP_THROW, loc);
        self.bind(exit);
        self.op(Opcode::END_SEND, loc);
    }

    /// `compiler_make_closure`.
    pub(crate) fn make_closure(&mut self, code: CodeObject, mut flags: u32, loc: Loc) -> R {
        let frees: Vec<Name> = code.freevars().map(|n| self.names.intern(n)).collect();
        if !frees.is_empty() {
            for &name in &frees {
                let is_class = self.ur().kind == UnitKind::Class;
                let text = self.text(name);
                let reftype = if is_class && (text == "__class__" || text == "__classdict__") {
                    Some(SymbolScope::Cell)
                } else {
                    self.symbol_scope(name)
                };
                let arg = if reftype == Some(SymbolScope::Cell) {
                    self.ur().cellvars.get_index_of(&name)
                } else {
                    self.ur()
                        .freevars
                        .get_index_of(&name)
                        .map(|i| i + self.ur().cellvars.len())
                };
                let Some(arg) = arg else {
                    let text = self.text(name);
                    return Err(internal(format!("compiler_lookup_arg({text:?}) failed")));
                };
                self.emit(Opcode::LOAD_CLOSURE, arg as u32, loc);
            }
            flags |= 8;
            self.emit(Opcode::BUILD_TUPLE, frees.len() as u32, loc);
        }
        self.load_const(flowgraph::code_const(code), loc);
        self.op(Opcode::MAKE_FUNCTION, loc);
        for bit in [8u32, 4, 2, 1] {
            if flags & bit != 0 {
                self.emit(Opcode::SET_FUNCTION_ATTRIBUTE, bit, loc);
            }
        }
        Ok(())
    }

    // ---- module --------------------------------------------------------------------------

    /// `compiler_mod`.
    pub(crate) fn compile_mod(&mut self, module: &'t pyrs_ast::Mod) -> R<CodeObject> {
        let top = self.table.top();
        self.enter_scope("<module>", UnitKind::Module, top, 1)?;
        let loc = Loc {
            lineno: 1,
            end_lineno: 1,
            col: 0,
            end_col: 0,
        };
        let add_none = match module {
            pyrs_ast::Mod::Module(m) => {
                self.compile_body(loc, &m.body)?;
                true
            }
            pyrs_ast::Mod::Interactive(m) => {
                self.interactive = true;
                self.compile_body(loc, &m.body)?;
                true
            }
            pyrs_ast::Mod::Expression(m) => {
                self.visit_expr(&m.body)?;
                false
            }
            pyrs_ast::Mod::FunctionType(_) => true,
        };
        let code = self.assemble(add_none)?;
        self.exit_scope();
        Ok(code)
    }

    /// `compiler_body`: a module's or class's statements, with its docstring and
    /// `SETUP_ANNOTATIONS`.
    pub(crate) fn compile_body(&mut self, mut loc: Loc, stmts: &'t [Stmt]) -> R {
        if self.ur().kind == UnitKind::Module {
            if let Some(first) = stmts.first() {
                loc = Loc::of(first.loc());
            }
        }
        if find_ann(stmts) {
            self.op(Opcode::SETUP_ANNOTATIONS, loc);
        }
        if stmts.is_empty() {
            return Ok(());
        }
        let mut first = 0;
        if !self.interactive {
            if let Some(doc) = docstring(stmts) {
                first = 1;
                if self.optimize < 2 {
                    let Stmt::Expr(e) = &stmts[0] else {
                        unreachable!()
                    };
                    self.load_const(Constant::Str(clean_doc(doc)), Loc::of(e.value.loc()));
                    self.nameop("__doc__", pyrs_ast::ExprContext::Store, NO_LOC)?;
                }
            }
        }
        for s in &stmts[first..] {
            self.visit_stmt(s)?;
        }
        Ok(())
    }

    pub(crate) fn body(&mut self, stmts: &'t [Stmt]) -> R {
        for s in stmts {
            self.visit_stmt(s)?;
        }
        Ok(())
    }

    /// The constant value of an expression, if it is a constant node.
    pub(crate) fn const_of(&self, e: &Expr) -> Option<Constant> {
        self.folded.of(e)
    }
}

/// `_PyAST_GetDocString`.
pub(crate) fn docstring(stmts: &[Stmt]) -> Option<&StrValue> {
    let Some(Stmt::Expr(e)) = stmts.first() else {
        return None;
    };
    match &e.value {
        Expr::Constant(c) if c.kind.as_deref().is_none_or(|k| !k.starts_with('\0')) => {
            match &c.value {
                pyrs_ast::Constant::Str(s) => Some(s),
                _ => None,
            }
        }
        _ => None,
    }
}

/// `_PyCompile_CleanDoc`: tabs expanded, the common indentation of the lines after the
/// first removed, the first line's leading spaces removed.
pub(crate) fn clean_doc(doc: &StrValue) -> StrValue {
    // Tabs, line ends and spaces are ASCII, so an ASCII docstring is cleaned byte by byte
    // (columns count characters, which are bytes there); others code point by code point.
    if let Some(text) = doc.as_str().filter(|t| t.is_ascii()) {
        // Without tabs there is nothing to expand: the text is cleaned where it is.
        let cleaned = if text.as_bytes().contains(&b'\t') {
            clean_units(text.bytes())
        } else {
            clean_expanded(text.as_bytes())
        };
        return match cleaned {
            Some(out) => StrValue::from(String::from_utf8(out).expect("ASCII stays ASCII")),
            None => doc.clone(),
        };
    }
    match clean_units(doc.code_points()) {
        Some(out) => StrValue::from_code_points(out).unwrap_or_else(|| doc.clone()),
        None => doc.clone(),
    }
}

/// [`clean_doc`] over the characters of a docstring; `None` when nothing changes.
fn clean_units<T: Copy + PartialEq + From<u8>>(units: impl Iterator<Item = T>) -> Option<Vec<T>> {
    // expandtabs(8)
    let tab = T::from(b'\t');
    let nl = T::from(b'\n');
    let cr = T::from(b'\r');
    let sp = T::from(b' ');
    let mut cps: Vec<T> = Vec::with_capacity(units.size_hint().0);
    let mut col = 0usize;
    let mut tabs = false;
    for cp in units {
        if cp == tab {
            let n = 8 - col % 8;
            cps.extend(std::iter::repeat_n(sp, n));
            col += n;
            tabs = true;
        } else {
            cps.push(cp);
            if cp == nl || cp == cr {
                col = 0;
            } else {
                col += 1;
            }
        }
    }
    clean_expanded(&cps).or(tabs.then_some(cps))
}

/// [`clean_units`] after the tabs are expanded: `None` when the margins change nothing.
///
/// Works line by line on slices (a line is copied whole, not a character at a time):
/// docstrings are a good part of the text of a module.
fn clean_expanded<T: Copy + PartialEq + From<u8>>(cps: &[T]) -> Option<Vec<T>> {
    let nl = T::from(b'\n');
    let sp = T::from(b' ');
    // The lines, each with its line end (the last one may have none).
    let lines = || cps.split_inclusive(move |&c| c == nl);
    let indent = |line: &[T]| line.iter().take_while(|&&c| c == sp).count();
    // The smallest indentation of the lines after the first that hold more than spaces.
    let margin = lines()
        .skip(1)
        .filter_map(|line| {
            let n = indent(line);
            (n < line.len() && line[n] != nl).then_some(n)
        })
        .min()
        .unwrap_or(0);
    // The first line loses its leading spaces (a space run stops at its line end).
    let lead = indent(cps);
    if lead == 0 && margin == 0 {
        return None;
    }
    let mut out: Vec<T> = Vec::with_capacity(cps.len());
    let mut rest = lines();
    if let Some(first) = rest.next() {
        out.extend_from_slice(&first[lead..]);
    }
    for line in rest {
        let cut = line.iter().take(margin).take_while(|&&c| c == sp).count();
        out.extend_from_slice(&line[cut..]);
    }
    Some(out)
}

/// `find_ann`: whether a block (not counting nested functions and classes) has an annotated
/// assignment.
fn find_ann(stmts: &[Stmt]) -> bool {
    stmts.iter().any(|s| match s {
        Stmt::AnnAssign(_) => true,
        Stmt::For(f) => find_ann(&f.body) || find_ann(&f.orelse),
        Stmt::AsyncFor(f) => find_ann(&f.body) || find_ann(&f.orelse),
        Stmt::While(w) => find_ann(&w.body) || find_ann(&w.orelse),
        Stmt::If(i) => find_ann(&i.body) || find_ann(&i.orelse),
        Stmt::With(w) => find_ann(&w.body),
        Stmt::AsyncWith(w) => find_ann(&w.body),
        Stmt::Try(t) => {
            find_ann(&t.body)
                || find_ann(&t.orelse)
                || find_ann(&t.finalbody)
                || t.handlers.iter().any(|h| find_ann(&h.body))
        }
        Stmt::TryStar(t) => {
            find_ann(&t.body)
                || find_ann(&t.orelse)
                || find_ann(&t.finalbody)
                || t.handlers.iter().any(|h| find_ann(&h.body))
        }
        Stmt::Match(m) => m.cases.iter().any(|c| find_ann(&c.body)),
        _ => false,
    })
}
