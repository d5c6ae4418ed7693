//! The first pass: one walk over the tree that opens a scope for each `def`, `class`,
//! `lambda`, comprehension and PEP 695 construct and records the raw flags of every name in
//! the scope where it appears (Python/symtable.c, the `symtable_visit_*` functions).
//!
//! The walk follows CPython's visiting order exactly, because that order is visible: it is
//! the order of the names in each scope (the `symbols` dict CPython prints), and which of two
//! errors is reported first.

use std::collections::HashSet;

use pyrs_ast::{
    Alias, Arguments, Comprehension, ExceptHandler, Expr, ExprContext, ExprName, Keyword, Location,
    Mod, Pattern, Stmt, TypeParam,
};
use pyrs_parser::SyntaxError;

use super::flags::{ComprehensionKind, Flags, ScopeKind};
use indexmap::map::raw_entry_v1::RawEntryMut;
use indexmap::map::RawEntryApiV1;

use super::names::{hash_text, mangle, mangles, name_hash, Name};
use super::{Entry, Key, Role, ScopeId, TableData};
use crate::consts::FastHash;
use crate::messages as msg;

/// Why the walk stopped early.
pub(crate) enum Stop {
    /// A SyntaxError, as CPython would raise it.
    Error(Box<SyntaxError>),
    /// The tree nests deeper than the walk's limit (see crate::stack).
    TooDeep,
}

pub(crate) type R = Result<(), Stop>;

/// A SyntaxError at `loc`, with CPython's offsets for errors raised after parsing: the
/// UTF-8 byte column plus one (`PyErr_RangedSyntaxLocationObject(col_offset + 1)`).
pub(crate) fn error_at(message: String, loc: Location) -> Stop {
    Stop::Error(Box::new(syntax_error(message, loc)))
}

pub(crate) fn syntax_error(message: String, loc: Location) -> SyntaxError {
    SyntaxError {
        kind: pyrs_parser::ErrorKind::SyntaxError,
        msg: message,
        lineno: loc.lineno,
        offset: loc.col_offset as i32 + 1,
        end_lineno: loc.end_lineno,
        end_offset: loc.end_col_offset as i32 + 1,
        text: None,
    }
}

/// The address a node is known by: the heap address of its boxed payload, which stays put
/// while the tree is borrowed.
fn addr<T>(node: &T) -> usize {
    node as *const T as usize
}

/// The address of an expression's payload (see [`addr`]).
pub(crate) fn expr_addr(e: &Expr) -> usize {
    match e {
        Expr::BoolOp(n) => addr(&**n),
        Expr::NamedExpr(n) => addr(&**n),
        Expr::BinOp(n) => addr(&**n),
        Expr::UnaryOp(n) => addr(&**n),
        Expr::Lambda(n) => addr(&**n),
        Expr::IfExp(n) => addr(&**n),
        Expr::Dict(n) => addr(&**n),
        Expr::Set(n) => addr(&**n),
        Expr::ListComp(n) => addr(&**n),
        Expr::SetComp(n) => addr(&**n),
        Expr::DictComp(n) => addr(&**n),
        Expr::GeneratorExp(n) => addr(&**n),
        Expr::Await(n) => addr(&**n),
        Expr::Yield(n) => addr(&**n),
        Expr::YieldFrom(n) => addr(&**n),
        Expr::Compare(n) => addr(&**n),
        Expr::Call(n) => addr(&**n),
        Expr::FormattedValue(n) => addr(&**n),
        Expr::JoinedStr(n) => addr(&**n),
        Expr::Constant(n) => addr(&**n),
        Expr::Attribute(n) => addr(&**n),
        Expr::Subscript(n) => addr(&**n),
        Expr::Starred(n) => addr(&**n),
        Expr::Name(n) => addr(&**n),
        Expr::List(n) => addr(&**n),
        Expr::Tuple(n) => addr(&**n),
        Expr::Slice(n) => addr(&**n),
    }
}

/// The address of a statement's payload (see [`addr`]).
pub(crate) fn stmt_addr(s: &Stmt) -> usize {
    match s {
        Stmt::FunctionDef(n) => addr(&**n),
        Stmt::AsyncFunctionDef(n) => addr(&**n),
        Stmt::ClassDef(n) => addr(&**n),
        Stmt::TypeAlias(n) => addr(&**n),
        other => addr(other),
    }
}

/// The address of a type parameter's payload (see [`addr`]).
pub(crate) fn type_param_addr(tp: &TypeParam) -> usize {
    match tp {
        TypeParam::TypeVar(n) => addr(&**n),
        TypeParam::ParamSpec(n) => addr(&**n),
        TypeParam::TypeVarTuple(n) => addr(&**n),
    }
}

pub(crate) fn mod_addr(m: &Mod) -> usize {
    match m {
        Mod::Module(n) => addr(&**n),
        Mod::Interactive(n) => addr(&**n),
        Mod::Expression(n) => addr(&**n),
        Mod::FunctionType(n) => addr(&**n),
    }
}

/// The parts of a `def` or `async def` that the walk reads.
struct FunctionParts<'a> {
    name: &'a str,
    args: &'a Arguments,
    body: &'a [Stmt],
    decorators: &'a [Expr],
    returns: Option<&'a Expr>,
    type_params: &'a [TypeParam],
    loc: Location,
    addr: usize,
    is_async: bool,
}

/// The state of the first pass (CPython's `struct symtable`).
pub(crate) struct Builder {
    pub(crate) data: TableData,
    /// The scopes being visited, innermost last (`st_stack`).
    stack: Vec<ScopeId>,
    /// The class whose body (or type parameters) is being visited, for mangling (`st_private`).
    private: Option<Name>,
    /// The sets of type-parameter names that a generic class's type-parameter scope and the
    /// scopes inside it mangle (`ste_mangled_names`); scopes refer to them by index, and
    /// share them, as CPython's scopes share one set object.
    mangled_sets: Vec<HashSet<Name, FastHash>>,
    /// `from __future__ import annotations` is in force.
    future_annotations: bool,
    depth: usize,
    limit: usize,
}

impl Builder {
    pub(crate) fn new(data: TableData, future_annotations: bool, limit: usize) -> Builder {
        Builder {
            data,
            stack: Vec::new(),
            private: None,
            mangled_sets: Vec::new(),
            future_annotations,
            depth: 0,
            limit,
        }
    }

    /// Visits a whole module, opening the top scope (`_PySymtable_Build`).
    pub(crate) fn visit_mod(&mut self, m: &Mod) -> R {
        let top = self.data.wk.top;
        self.enter_block(
            top,
            ScopeKind::Module,
            Key::new(mod_addr(m), Role::Own),
            Location::default(),
        );
        match m {
            Mod::Module(m) => self.visit_body(&m.body)?,
            Mod::Interactive(m) => self.visit_body(&m.body)?,
            Mod::Expression(m) => self.visit_expr(&m.body)?,
            // CPython's symtable refuses these ("this compiler does not handle FunctionTypes");
            // pyrs gives them an empty module scope.
            Mod::FunctionType(_) => {}
        }
        self.exit_block();
        Ok(())
    }

    fn cur(&self) -> ScopeId {
        *self.stack.last().expect("a scope is open while visiting")
    }

    fn entry(&mut self) -> &mut Entry {
        let cur = self.cur();
        &mut self.data.scopes[cur.index()]
    }

    fn intern(&mut self, text: &str) -> Name {
        self.data.names.intern(text)
    }

    // ---- scopes ------------------------------------------------------------------------

    /// Opens a scope (`symtable_enter_block`): it becomes a child of the current one, except
    /// annotation scopes, which CPython 3.13 keeps out of the tree.
    fn enter_block(&mut self, name: Name, kind: ScopeKind, key: Key, loc: Location) -> ScopeId {
        let prev = self.stack.last().copied();
        let id = ScopeId(self.data.scopes.len() as u32);
        let mut entry = Entry::new(name, kind, loc);
        if let Some(prev) = prev {
            let parent = &self.data.scopes[prev.index()];
            entry.nested = parent.nested || parent.kind.is_function_like();
            entry.parent = Some(prev);
            // bpo-37757: a walrus is refused anywhere inside a comprehension's iterable.
            entry.comp_iter_expr = parent.comp_iter_expr;
            if kind != ScopeKind::Class {
                entry.mangled_names = parent.mangled_names;
            }
        }
        self.data.keys.insert(key, id);
        self.data.scopes.push(entry);
        self.stack.push(id);
        id
    }

    fn exit_block(&mut self) {
        self.stack.pop();
    }

    // ---- names -------------------------------------------------------------------------

    /// The name as the current scope stores it: mangled inside a class (`_Py_MaybeMangle`).
    // Inlined for its first test: outside a class, the common case, a name is itself.
    #[inline]
    fn mangled(&mut self, name: Name) -> Name {
        match self.private {
            None => name,
            Some(private) => self.mangled_in_class(name, private),
        }
    }

    fn mangled_in_class(&mut self, name: Name, private: Name) -> Name {
        if !self.data.names.mangleable(name) {
            return name;
        }
        if let Some(set) = self.data.scopes[self.cur().index()].mangled_names {
            if !self.mangled_sets[set].contains(&name) {
                return name;
            }
        }
        let text = self.data.names.text(name);
        let private = self.data.names.text(private);
        match mangle(Some(private), text) {
            std::borrow::Cow::Borrowed(_) => name,
            std::borrow::Cow::Owned(m) => self.data.names.intern(&m),
        }
    }

    /// The flags `name` has so far in `scope` (`symtable_lookup_entry`).
    fn lookup_in(&mut self, scope: ScopeId, name: Name) -> Flags {
        let mangled = self.mangled(name);
        self.data.scopes[scope.index()]
            .symbols
            .get(&mangled)
            .map_or(Flags::empty(), |&bits| Flags::from_bits(bits))
    }

    fn lookup(&mut self, name: Name) -> Flags {
        let cur = self.cur();
        self.lookup_in(cur, name)
    }

    /// Records `flag` for `name` in the current scope (`symtable_add_def`).
    fn add_def(&mut self, name: Name, flag: Flags, loc: Location) -> R {
        if flag.contains(Flags::DEF_TYPE_PARAM) {
            if let Some(set) = self.data.scopes[self.cur().index()].mangled_names {
                self.mangled_sets[set].insert(name);
            }
        }
        let cur = self.cur();
        self.add_def_in(name, flag, cur, loc)
    }

    /// Records `flag` for `name` in `scope`, mangled as the current scope mangles
    /// (`symtable_add_def_helper`).
    fn add_def_in(&mut self, name: Name, flag: Flags, scope: ScopeId, loc: Location) -> R {
        let mangled = self.mangled(name);
        let names = &self.data.names;
        let entry = &mut self.data.scopes[scope.index()];
        let comp_iter_target = entry.comp_iter_target;
        // One lookup finds the symbol or the place for it; an error leaves the table as it was.
        let slot = entry.symbols.entry(mangled);
        let mut val = match &slot {
            indexmap::map::Entry::Occupied(found) => {
                let old = Flags::from_bits(*found.get());
                if flag.contains(Flags::DEF_PARAM) && old.contains(Flags::DEF_PARAM) {
                    let text = msg::format(msg::DUPLICATE_ARGUMENT, &[names.text(name)]);
                    return Err(error_at(text, loc));
                }
                if flag.contains(Flags::DEF_TYPE_PARAM) && old.contains(Flags::DEF_TYPE_PARAM) {
                    let text = msg::format(msg::DUPLICATE_TYPE_PARAM, &[names.text(name)]);
                    return Err(error_at(text, loc));
                }
                old | flag
            }
            indexmap::map::Entry::Vacant(_) => flag,
        };
        if comp_iter_target {
            // An iteration variable of a comprehension: it may not also be a walrus target.
            if val.intersects(Flags::DEF_GLOBAL | Flags::DEF_NONLOCAL) {
                let text = msg::format(
                    msg::NAMED_EXPR_COMP_INNER_LOOP_CONFLICT,
                    &[names.text(name)],
                );
                return Err(error_at(text, loc));
            }
            val |= Flags::DEF_COMP_ITER;
        }
        // In place when the symbol exists: it keeps its position, as `insert` would keep it.
        let index = match slot {
            indexmap::map::Entry::Occupied(mut found) => {
                *found.get_mut() = val.bits();
                found.index()
            }
            indexmap::map::Entry::Vacant(place) => place.insert_entry(val.bits()).index(),
        };
        if flag.contains(Flags::DEF_PARAM) {
            // The parameters are the run of symbols from `first_param` (see `Entry`): each is
            // a new symbol, entered right after the one before (a name entered twice as a
            // parameter was refused above).
            if entry.nparams == 0 {
                entry.first_param = index as u32;
            }
            debug_assert_eq!(
                index,
                (entry.first_param + entry.nparams) as usize,
                "parameters are consecutive symbols"
            );
            entry.nparams += 1;
        } else if flag.contains(Flags::DEF_GLOBAL) {
            // The module learns of every `global` declaration, wherever it is.
            let top = &mut self.data.scopes[0];
            let old = top.symbols.get(&mangled).copied().unwrap_or(0);
            top.symbols.insert(mangled, old | flag.bits());
        }
        Ok(())
    }

    /// [`Builder::add_def`] of a name as a `Name` node spells it, with `flag` [`Flags::USE`]
    /// or [`Flags::DEF_LOCAL`]; returns the name. The name is looked for among the current
    /// scope's symbols by its text ([`name_hash`]), with one probe that also finds the
    /// place of a new symbol: most such names are already symbols of the scope, and have
    /// their flags updated there without their text being interned again; a new one is
    /// interned and entered in that place, with nothing else to check. A name a class would
    /// mangle and an iteration variable of a comprehension (which has checks of its own)
    /// take the general way.
    fn add_name_use(&mut self, text: &str, flag: Flags, loc: Location) -> Result<Name, Stop> {
        let hash = hash_text(text);
        let cur = self.cur();
        let names = &self.data.names;
        let entry = &mut self.data.scopes[cur.index()];
        if (self.private.is_none() || !mangles(text)) && !entry.comp_iter_target {
            let found = entry
                .symbols
                .raw_entry_mut_v1()
                .from_hash(name_hash(hash), |&k| names.is_text(k, text));
            return Ok(match found {
                RawEntryMut::Occupied(mut symbol) => {
                    *symbol.get_mut() |= flag.bits();
                    *symbol.key()
                }
                RawEntryMut::Vacant(place) => {
                    let name = self.data.names.intern_hashed(hash, text);
                    place.insert_hashed_nocheck(name_hash(hash), name, flag.bits());
                    name
                }
            });
        }
        let name = self.data.names.intern_hashed(hash, text);
        self.add_def(name, flag, loc)?;
        Ok(name)
    }

    fn add_def_str(&mut self, name: &str, flag: Flags, loc: Location) -> R {
        let name = self.intern(name);
        self.add_def(name, flag, loc)
    }

    /// Remembers where a `global` or `nonlocal` declaration of `name` is, for the errors
    /// the second pass raises about it (`symtable_record_directive`).
    fn record_directive(&mut self, name: Name, loc: Location) {
        let mangled = self.mangled(name);
        self.entry().directives.push((mangled, loc));
    }

    // ---- recursion ---------------------------------------------------------------------

    fn enter_recursion(&mut self) -> R {
        self.depth += 1;
        if self.depth > self.limit {
            return Err(Stop::TooDeep);
        }
        Ok(())
    }

    // ---- statements --------------------------------------------------------------------

    fn visit_body(&mut self, body: &[Stmt]) -> R {
        body.iter().try_for_each(|s| self.visit_stmt(s))
    }

    fn visit_exprs(&mut self, exprs: &[Expr]) -> R {
        exprs.iter().try_for_each(|e| self.visit_expr(e))
    }

    fn visit_stmt(&mut self, s: &Stmt) -> R {
        self.enter_recursion()?;
        self.visit_stmt_inner(s)?;
        self.depth -= 1;
        Ok(())
    }

    fn visit_stmt_inner(&mut self, s: &Stmt) -> R {
        match s {
            Stmt::FunctionDef(f) => self.visit_function(FunctionParts {
                name: &f.name,
                args: &f.args,
                body: &f.body,
                decorators: &f.decorator_list,
                returns: f.returns.as_ref(),
                type_params: &f.type_params,
                loc: f.loc,
                addr: stmt_addr(s),
                is_async: false,
            }),
            Stmt::AsyncFunctionDef(f) => self.visit_function(FunctionParts {
                name: &f.name,
                args: &f.args,
                body: &f.body,
                decorators: &f.decorator_list,
                returns: f.returns.as_ref(),
                type_params: &f.type_params,
                loc: f.loc,
                addr: stmt_addr(s),
                is_async: true,
            }),
            Stmt::ClassDef(c) => {
                let name = self.intern(&c.name);
                self.add_def(name, Flags::DEF_LOCAL, c.loc)?;
                self.visit_exprs(&c.decorator_list)?;
                let outer_private = self.private;
                let generic = !c.type_params.is_empty();
                if generic {
                    let key = Key::new(stmt_addr(s), Role::TypeParams);
                    self.enter_type_param_block(name, key, false, false, true, c.loc)?;
                    self.private = Some(name);
                    let set = self.mangled_sets.len();
                    self.mangled_sets.push(HashSet::default());
                    self.entry().mangled_names = Some(set);
                    c.type_params
                        .iter()
                        .try_for_each(|tp| self.visit_type_param(tp))?;
                }
                self.visit_exprs(&c.bases)?;
                c.keywords.iter().try_for_each(|k| self.visit_keyword(k))?;
                self.enter_block(
                    name,
                    ScopeKind::Class,
                    Key::new(stmt_addr(s), Role::Own),
                    c.loc,
                );
                self.private = Some(name);
                if generic {
                    let wk = self.data.wk;
                    self.add_def(wk.dunder_type_params, Flags::DEF_LOCAL, c.loc)?;
                    self.add_def(wk.dot_type_params, Flags::USE, c.loc)?;
                }
                self.visit_body(&c.body)?;
                self.exit_block();
                if generic {
                    self.exit_block();
                }
                self.private = outer_private;
                Ok(())
            }
            Stmt::TypeAlias(t) => {
                self.visit_expr(&t.name)?;
                let Expr::Name(target) = &t.name else {
                    // The parser only builds names here; a hand-built tree gets no scope.
                    return self.visit_expr(&t.value);
                };
                let name = self.intern(&target.id);
                let in_class = self.data.scopes[self.cur().index()].kind == ScopeKind::Class;
                let generic = !t.type_params.is_empty();
                if generic {
                    let key = Key::new(stmt_addr(s), Role::TypeParams);
                    self.enter_type_param_block(name, key, false, false, false, t.loc)?;
                    t.type_params
                        .iter()
                        .try_for_each(|tp| self.visit_type_param(tp))?;
                }
                self.enter_block(
                    name,
                    ScopeKind::TypeAlias,
                    Key::new(stmt_addr(s), Role::Own),
                    t.loc,
                );
                self.entry().can_see_class_scope = in_class;
                if in_class {
                    let classdict = self.data.wk.dunder_classdict;
                    self.add_def(classdict, Flags::USE, t.value.loc())?;
                }
                self.visit_expr(&t.value)?;
                self.exit_block();
                if generic {
                    self.exit_block();
                }
                Ok(())
            }
            Stmt::Return(r) => {
                if let Some(value) = &r.value {
                    self.visit_expr(value)?;
                    self.entry().returns_value = true;
                }
                Ok(())
            }
            Stmt::Delete(d) => self.visit_exprs(&d.targets),
            Stmt::Assign(a) => {
                self.visit_exprs(&a.targets)?;
                self.visit_expr(&a.value)
            }
            Stmt::AnnAssign(a) => {
                if let Expr::Name(target) = &a.target {
                    let name = self.intern(&target.id);
                    let cur = self.lookup(name);
                    let simple = a.simple != 0;
                    if cur.intersects(Flags::DEF_GLOBAL | Flags::DEF_NONLOCAL)
                        && self.cur().index() != 0
                        && simple
                    {
                        let template = if cur.contains(Flags::DEF_GLOBAL) {
                            msg::GLOBAL_ANNOT
                        } else {
                            msg::NONLOCAL_ANNOT
                        };
                        let text = msg::format(template, &[&target.id]);
                        return Err(error_at(text, a.loc));
                    }
                    if simple {
                        self.add_def(name, Flags::DEF_ANNOT | Flags::DEF_LOCAL, target.loc)?;
                    } else if a.value.is_some() {
                        self.add_def(name, Flags::DEF_LOCAL, target.loc)?;
                    }
                } else {
                    self.visit_expr(&a.target)?;
                }
                self.visit_annotation(&a.annotation)?;
                if let Some(value) = &a.value {
                    self.visit_expr(value)?;
                }
                Ok(())
            }
            Stmt::AugAssign(a) => {
                self.visit_expr(&a.target)?;
                self.visit_expr(&a.value)
            }
            Stmt::For(f) => {
                self.visit_expr(&f.target)?;
                self.visit_expr(&f.iter)?;
                self.visit_body(&f.body)?;
                self.visit_body(&f.orelse)
            }
            Stmt::AsyncFor(f) => {
                self.visit_expr(&f.target)?;
                self.visit_expr(&f.iter)?;
                self.visit_body(&f.body)?;
                self.visit_body(&f.orelse)
            }
            Stmt::While(w) => {
                self.visit_expr(&w.test)?;
                self.visit_body(&w.body)?;
                self.visit_body(&w.orelse)
            }
            Stmt::If(i) => {
                self.visit_expr(&i.test)?;
                self.visit_body(&i.body)?;
                self.visit_body(&i.orelse)
            }
            Stmt::With(w) => {
                for item in &w.items {
                    self.visit_expr(&item.context_expr)?;
                    if let Some(vars) = &item.optional_vars {
                        self.visit_expr(vars)?;
                    }
                }
                self.visit_body(&w.body)
            }
            Stmt::AsyncWith(w) => {
                for item in &w.items {
                    self.visit_expr(&item.context_expr)?;
                    if let Some(vars) = &item.optional_vars {
                        self.visit_expr(vars)?;
                    }
                }
                self.visit_body(&w.body)
            }
            Stmt::Match(m) => {
                self.visit_expr(&m.subject)?;
                for case in &m.cases {
                    self.visit_pattern(&case.pattern)?;
                    if let Some(guard) = &case.guard {
                        self.visit_expr(guard)?;
                    }
                    self.visit_body(&case.body)?;
                }
                Ok(())
            }
            Stmt::Raise(r) => {
                if let Some(exc) = &r.exc {
                    self.visit_expr(exc)?;
                    if let Some(cause) = &r.cause {
                        self.visit_expr(cause)?;
                    }
                }
                Ok(())
            }
            Stmt::Try(t) => {
                self.visit_body(&t.body)?;
                t.handlers
                    .iter()
                    .try_for_each(|h| self.visit_excepthandler(h))?;
                self.visit_body(&t.orelse)?;
                self.visit_body(&t.finalbody)
            }
            Stmt::TryStar(t) => {
                self.visit_body(&t.body)?;
                t.handlers
                    .iter()
                    .try_for_each(|h| self.visit_excepthandler(h))?;
                self.visit_body(&t.orelse)?;
                self.visit_body(&t.finalbody)
            }
            Stmt::Assert(a) => {
                self.visit_expr(&a.test)?;
                if let Some(m) = &a.msg {
                    self.visit_expr(m)?;
                }
                Ok(())
            }
            Stmt::Import(i) => i.names.iter().try_for_each(|a| self.visit_alias(a)),
            Stmt::ImportFrom(i) => i.names.iter().try_for_each(|a| self.visit_alias(a)),
            Stmt::Global(g) => {
                for id in &g.names {
                    let name = self.intern(id);
                    let cur = self.lookup(name);
                    let used = Flags::DEF_PARAM | Flags::DEF_LOCAL | Flags::USE | Flags::DEF_ANNOT;
                    if cur.intersects(used) {
                        let template = if cur.contains(Flags::DEF_PARAM) {
                            msg::GLOBAL_PARAM
                        } else if cur.contains(Flags::USE) {
                            msg::GLOBAL_AFTER_USE
                        } else if cur.contains(Flags::DEF_ANNOT) {
                            msg::GLOBAL_ANNOT
                        } else {
                            msg::GLOBAL_AFTER_ASSIGN
                        };
                        return Err(error_at(msg::format(template, &[id]), g.loc));
                    }
                    self.add_def(name, Flags::DEF_GLOBAL, g.loc)?;
                    self.record_directive(name, g.loc);
                }
                Ok(())
            }
            Stmt::Nonlocal(n) => {
                for id in &n.names {
                    let name = self.intern(id);
                    let cur = self.lookup(name);
                    let used = Flags::DEF_PARAM | Flags::DEF_LOCAL | Flags::USE | Flags::DEF_ANNOT;
                    if cur.intersects(used) {
                        let template = if cur.contains(Flags::DEF_PARAM) {
                            msg::NONLOCAL_PARAM
                        } else if cur.contains(Flags::USE) {
                            msg::NONLOCAL_AFTER_USE
                        } else if cur.contains(Flags::DEF_ANNOT) {
                            msg::NONLOCAL_ANNOT
                        } else {
                            msg::NONLOCAL_AFTER_ASSIGN
                        };
                        return Err(error_at(msg::format(template, &[id]), n.loc));
                    }
                    self.add_def(name, Flags::DEF_NONLOCAL, n.loc)?;
                    self.record_directive(name, n.loc);
                }
                Ok(())
            }
            Stmt::Expr(e) => self.visit_expr(&e.value),
            Stmt::Pass(_) | Stmt::Break(_) | Stmt::Continue(_) => Ok(()),
        }
    }

    /// `def` and `async def` (the `FunctionDef_kind` case of `symtable_visit_stmt`): the
    /// defaults and decorators belong to the enclosing scope, the type parameters and (for a
    /// generic function) the annotations to the type-parameter scope, the parameters and the
    /// body to the function's own scope.
    fn visit_function(&mut self, f: FunctionParts<'_>) -> R {
        let name = self.intern(f.name);
        self.add_def(name, Flags::DEF_LOCAL, f.loc)?;
        self.visit_exprs(&f.args.defaults)?;
        for default in f.args.kw_defaults.iter().flatten() {
            self.visit_expr(default)?;
        }
        self.visit_exprs(f.decorators)?;
        let generic = !f.type_params.is_empty();
        if generic {
            // The parser always gives a (possibly empty) list of defaults, so CPython always
            // makes the `.defaults` parameter; `.kwdefaults` only when one is given.
            let has_kwdefaults = f
                .args
                .kw_defaults
                .iter()
                .take(f.args.kwonlyargs.len())
                .any(Option::is_some);
            let key = Key::new(f.addr, Role::TypeParams);
            self.enter_type_param_block(name, key, true, has_kwdefaults, false, f.loc)?;
            f.type_params
                .iter()
                .try_for_each(|tp| self.visit_type_param(tp))?;
        }
        self.visit_annotations(f.addr, f.args, f.returns, f.loc)?;
        self.enter_block(
            name,
            ScopeKind::Function,
            Key::new(f.addr, Role::Own),
            f.loc,
        );
        if f.is_async {
            self.entry().coroutine = true;
        }
        self.visit_arguments(f.args)?;
        self.visit_body(f.body)?;
        self.exit_block();
        if generic {
            self.exit_block();
        }
        Ok(())
    }

    /// Opens the hidden scope of a generic `def`, `class` or `type`
    /// (`symtable_enter_type_param_block`), with the hidden names the compiler uses there.
    fn enter_type_param_block(
        &mut self,
        name: Name,
        key: Key,
        has_defaults: bool,
        has_kwdefaults: bool,
        is_class: bool,
        loc: Location,
    ) -> R {
        let outer_kind = self.data.scopes[self.cur().index()].kind;
        self.enter_block(name, ScopeKind::TypeParameters, key, loc);
        let wk = self.data.wk;
        if outer_kind == ScopeKind::Class {
            self.entry().can_see_class_scope = true;
            self.add_def(wk.dunder_classdict, Flags::USE, loc)?;
        }
        if is_class {
            // `.type_params` is set when the tuple of parameters is made and used when the
            // bases are built; `.generic_base` holds `Generic[*params]`.
            self.add_def(wk.dot_type_params, Flags::DEF_LOCAL, loc)?;
            self.add_def(wk.dot_type_params, Flags::USE, loc)?;
            self.add_def(wk.dot_generic_base, Flags::DEF_LOCAL, loc)?;
            self.add_def(wk.dot_generic_base, Flags::USE, loc)?;
        }
        if has_defaults {
            self.add_def(wk.dot_defaults, Flags::DEF_PARAM, loc)?;
        }
        if has_kwdefaults {
            self.add_def(wk.dot_kwdefaults, Flags::DEF_PARAM, loc)?;
        }
        Ok(())
    }

    /// A function's parameter annotations and return annotation
    /// (`symtable_visit_annotations`): in the current scope, or, under
    /// `from __future__ import annotations`, in annotation scopes kept out of the tree.
    fn visit_annotations(
        &mut self,
        def_addr: usize,
        args: &Arguments,
        returns: Option<&Expr>,
        loc: Location,
    ) -> R {
        let future = self.future_annotations;
        if future {
            let name = self.intern("_annotation");
            let key = Key::new(def_addr, Role::Annotation);
            self.enter_block(name, ScopeKind::Annotation, key, loc);
        }
        let annotated = args
            .posonlyargs
            .iter()
            .chain(&args.args)
            .chain(&args.vararg)
            .chain(&args.kwarg)
            .chain(&args.kwonlyargs);
        for arg in annotated {
            if let Some(annotation) = &arg.annotation {
                self.visit_expr(annotation)?;
            }
        }
        if future {
            self.exit_block();
        }
        if let Some(returns) = returns {
            self.visit_annotation(returns)?;
        }
        Ok(())
    }

    /// One annotation of an annotated assignment or a return (`symtable_visit_annotation`).
    fn visit_annotation(&mut self, annotation: &Expr) -> R {
        let future = self.future_annotations;
        if future {
            let name = self.intern("_annotation");
            let key = Key::new(expr_addr(annotation), Role::Annotation);
            self.enter_block(name, ScopeKind::Annotation, key, annotation.loc());
        }
        self.visit_expr(annotation)?;
        if future {
            self.exit_block();
        }
        Ok(())
    }

    /// The parameters, in the function's own scope (`symtable_visit_arguments`): positional-
    /// only, positional, keyword-only, then `*args` and `**kwargs`, which is the order of
    /// `co_varnames`.
    fn visit_arguments(&mut self, args: &Arguments) -> R {
        for arg in args
            .posonlyargs
            .iter()
            .chain(&args.args)
            .chain(&args.kwonlyargs)
        {
            self.add_def_str(&arg.arg, Flags::DEF_PARAM, arg.loc)?;
        }
        if let Some(arg) = &args.vararg {
            self.add_def_str(&arg.arg, Flags::DEF_PARAM, arg.loc)?;
            self.entry().varargs = true;
        }
        if let Some(arg) = &args.kwarg {
            self.add_def_str(&arg.arg, Flags::DEF_PARAM, arg.loc)?;
            self.entry().varkeywords = true;
        }
        Ok(())
    }

    fn visit_excepthandler(&mut self, h: &ExceptHandler) -> R {
        if let Some(type_) = &h.type_ {
            self.visit_expr(type_)?;
        }
        if let Some(name) = &h.name {
            self.add_def_str(name, Flags::DEF_LOCAL, h.loc)?;
        }
        self.visit_body(&h.body)
    }

    fn visit_keyword(&mut self, k: &Keyword) -> R {
        self.visit_expr(&k.value)
    }

    /// One name of an `import` (`symtable_visit_alias`): `import a.b.c` binds `a`.
    fn visit_alias(&mut self, a: &Alias) -> R {
        let name = a.asname.as_ref().unwrap_or(&a.name);
        if **name == *"*" {
            if self.data.scopes[self.cur().index()].kind != ScopeKind::Module {
                return Err(error_at(msg::IMPORT_STAR.to_string(), a.loc));
            }
            return Ok(());
        }
        let stored = name.split('.').next().unwrap_or(name);
        self.add_def_str(stored, Flags::DEF_IMPORT, a.loc)
    }

    // ---- type parameters ----------------------------------------------------------------

    fn visit_type_param(&mut self, tp: &TypeParam) -> R {
        self.enter_recursion()?;
        let wk_addr = type_param_addr(tp);
        match tp {
            TypeParam::TypeVar(t) => {
                let name = self.intern(&t.name);
                self.add_def(name, Flags::DEF_TYPE_PARAM | Flags::DEF_LOCAL, t.loc)?;
                let info = match &t.bound {
                    Some(Expr::Tuple(_)) => "a TypeVar constraint",
                    _ => "a TypeVar bound",
                };
                let key = Key::new(wk_addr, Role::Bound);
                self.visit_bound_or_default(t.bound.as_ref(), name, key, info)?;
                let key = Key::new(wk_addr, Role::Default);
                self.visit_bound_or_default(
                    t.default_value.as_ref(),
                    name,
                    key,
                    "a TypeVar default",
                )?;
            }
            TypeParam::TypeVarTuple(t) => {
                let name = self.intern(&t.name);
                self.add_def(name, Flags::DEF_TYPE_PARAM | Flags::DEF_LOCAL, t.loc)?;
                let key = Key::new(wk_addr, Role::Default);
                let info = "a TypeVarTuple default";
                self.visit_bound_or_default(t.default_value.as_ref(), name, key, info)?;
            }
            TypeParam::ParamSpec(t) => {
                let name = self.intern(&t.name);
                self.add_def(name, Flags::DEF_TYPE_PARAM | Flags::DEF_LOCAL, t.loc)?;
                let key = Key::new(wk_addr, Role::Default);
                let info = "a ParamSpec default";
                self.visit_bound_or_default(t.default_value.as_ref(), name, key, info)?;
            }
        }
        self.depth -= 1;
        Ok(())
    }

    /// The lazily evaluated bound, constraints or default of a type parameter, each in a
    /// scope of its own (`symtable_visit_type_param_bound_or_default`).
    fn visit_bound_or_default(
        &mut self,
        e: Option<&Expr>,
        name: Name,
        key: Key,
        info: &'static str,
    ) -> R {
        let Some(e) = e else {
            return Ok(());
        };
        let in_class = self.data.scopes[self.cur().index()].can_see_class_scope;
        self.enter_block(name, ScopeKind::TypeVariable, key, e.loc());
        let entry = self.entry();
        entry.can_see_class_scope = in_class;
        entry.scope_info = Some(info);
        if in_class {
            let classdict = self.data.wk.dunder_classdict;
            self.add_def(classdict, Flags::USE, e.loc())?;
        }
        self.visit_expr(e)?;
        self.exit_block();
        Ok(())
    }

    // ---- patterns ----------------------------------------------------------------------

    fn visit_pattern(&mut self, p: &Pattern) -> R {
        self.enter_recursion()?;
        match p {
            Pattern::MatchValue(v) => self.visit_expr(&v.value)?,
            Pattern::MatchSingleton(_) => {}
            Pattern::MatchSequence(s) => {
                s.patterns.iter().try_for_each(|p| self.visit_pattern(p))?
            }
            Pattern::MatchStar(s) => {
                if let Some(name) = &s.name {
                    self.add_def_str(name, Flags::DEF_LOCAL, s.loc)?;
                }
            }
            Pattern::MatchMapping(m) => {
                self.visit_exprs(&m.keys)?;
                m.patterns.iter().try_for_each(|p| self.visit_pattern(p))?;
                if let Some(rest) = &m.rest {
                    self.add_def_str(rest, Flags::DEF_LOCAL, m.loc)?;
                }
            }
            Pattern::MatchClass(c) => {
                self.visit_expr(&c.cls)?;
                c.patterns.iter().try_for_each(|p| self.visit_pattern(p))?;
                c.kwd_patterns
                    .iter()
                    .try_for_each(|p| self.visit_pattern(p))?;
            }
            Pattern::MatchAs(a) => {
                if let Some(pattern) = &a.pattern {
                    self.visit_pattern(pattern)?;
                }
                if let Some(name) = &a.name {
                    self.add_def_str(name, Flags::DEF_LOCAL, a.loc)?;
                }
            }
            Pattern::MatchOr(o) => o.patterns.iter().try_for_each(|p| self.visit_pattern(p))?,
        }
        self.depth -= 1;
        Ok(())
    }

    // ---- expressions -------------------------------------------------------------------

    fn visit_expr(&mut self, e: &Expr) -> R {
        // Leaves, most of the nodes, recurse no further: they are visited here, without
        // entering the large frame of `visit_expr_inner`.
        match e {
            Expr::Name(n) => return self.visit_name(n),
            Expr::Constant(_) => return Ok(()),
            _ => {}
        }
        self.enter_recursion()?;
        self.visit_expr_inner(e)?;
        self.depth -= 1;
        Ok(())
    }

    fn visit_expr_inner(&mut self, e: &Expr) -> R {
        match e {
            Expr::NamedExpr(n) => {
                self.raise_if_annotation_block("named expression", e.loc())?;
                if self.data.scopes[self.cur().index()].comp_iter_expr > 0 {
                    return Err(error_at(msg::NAMED_EXPR_COMP_ITER_EXPR.to_string(), n.loc));
                }
                if self.data.scopes[self.cur().index()].comprehension.is_some() {
                    if let Expr::Name(target) = &n.target {
                        self.extend_namedexpr_scope(&target.id, target.loc)?;
                    }
                }
                self.visit_expr(&n.value)?;
                self.visit_expr(&n.target)
            }
            Expr::BoolOp(b) => self.visit_exprs(&b.values),
            Expr::BinOp(b) => {
                self.visit_expr(&b.left)?;
                self.visit_expr(&b.right)
            }
            Expr::UnaryOp(u) => self.visit_expr(&u.operand),
            Expr::Lambda(l) => {
                self.visit_exprs(&l.args.defaults)?;
                for default in l.args.kw_defaults.iter().flatten() {
                    self.visit_expr(default)?;
                }
                let name = self.data.wk.lambda;
                self.enter_block(
                    name,
                    ScopeKind::Function,
                    Key::new(expr_addr(e), Role::Own),
                    l.loc,
                );
                self.visit_arguments(&l.args)?;
                self.visit_expr(&l.body)?;
                self.exit_block();
                Ok(())
            }
            Expr::IfExp(i) => {
                self.visit_expr(&i.test)?;
                self.visit_expr(&i.body)?;
                self.visit_expr(&i.orelse)
            }
            Expr::Dict(d) => {
                for key in d.keys.iter().flatten() {
                    self.visit_expr(key)?;
                }
                self.visit_exprs(&d.values)
            }
            Expr::Set(s) => self.visit_exprs(&s.elts),
            Expr::GeneratorExp(g) => {
                let name = self.data.wk.genexpr;
                let kind = ComprehensionKind::Generator;
                self.visit_comprehension(e, name, kind, &g.generators, &g.elt, None)
            }
            Expr::ListComp(l) => {
                let name = self.data.wk.listcomp;
                let kind = ComprehensionKind::List;
                self.visit_comprehension(e, name, kind, &l.generators, &l.elt, None)
            }
            Expr::SetComp(s) => {
                let name = self.data.wk.setcomp;
                let kind = ComprehensionKind::Set;
                self.visit_comprehension(e, name, kind, &s.generators, &s.elt, None)
            }
            Expr::DictComp(d) => {
                let name = self.data.wk.dictcomp;
                let kind = ComprehensionKind::Dict;
                self.visit_comprehension(e, name, kind, &d.generators, &d.key, Some(&d.value))
            }
            Expr::Yield(y) => {
                self.raise_if_annotation_block("yield expression", y.loc)?;
                if let Some(value) = &y.value {
                    self.visit_expr(value)?;
                }
                self.yielded(y.loc)
            }
            Expr::YieldFrom(y) => {
                self.raise_if_annotation_block("yield expression", y.loc)?;
                self.visit_expr(&y.value)?;
                self.yielded(y.loc)
            }
            Expr::Await(a) => {
                self.raise_if_annotation_block("await expression", a.loc)?;
                self.visit_expr(&a.value)?;
                self.entry().coroutine = true;
                Ok(())
            }
            Expr::Compare(c) => {
                self.visit_expr(&c.left)?;
                self.visit_exprs(&c.comparators)
            }
            Expr::Call(c) => {
                self.visit_expr(&c.func)?;
                self.visit_exprs(&c.args)?;
                c.keywords.iter().try_for_each(|k| self.visit_keyword(k))
            }
            Expr::FormattedValue(f) => {
                self.visit_expr(&f.value)?;
                if let Some(spec) = &f.format_spec {
                    self.visit_expr(spec)?;
                }
                Ok(())
            }
            Expr::JoinedStr(j) => self.visit_exprs(&j.values),
            Expr::Constant(_) => Ok(()),
            Expr::Attribute(a) => self.visit_expr(&a.value),
            Expr::Subscript(s) => {
                self.visit_expr(&s.value)?;
                self.visit_expr(&s.slice)
            }
            Expr::Starred(s) => self.visit_expr(&s.value),
            Expr::Slice(s) => {
                for part in [&s.lower, &s.upper, &s.step].into_iter().flatten() {
                    self.visit_expr(part)?;
                }
                Ok(())
            }
            Expr::Name(n) => self.visit_name(n),
            Expr::List(l) => self.visit_exprs(&l.elts),
            Expr::Tuple(t) => self.visit_exprs(&t.elts),
        }
    }

    fn visit_name(&mut self, n: &ExprName) -> R {
        let load = n.ctx == ExprContext::Load;
        let flag = if load { Flags::USE } else { Flags::DEF_LOCAL };
        let name = self.add_name_use(&n.id, flag, n.loc)?;
        // `super()` needs the `__class__` cell.
        let wk = self.data.wk;
        if load && name == wk.super_ && self.data.scopes[self.cur().index()].kind.is_function_like()
        {
            self.add_def(wk.dunder_class, Flags::USE, n.loc)?;
        }
        Ok(())
    }

    /// After a `yield` or `yield from`: the scope is a generator, and a comprehension may
    /// not yield.
    fn yielded(&mut self, loc: Location) -> R {
        let entry = self.entry();
        entry.generator = true;
        let what = match entry.comprehension {
            None => return Ok(()),
            Some(ComprehensionKind::List) => "list comprehension",
            Some(ComprehensionKind::Set) => "set comprehension",
            Some(ComprehensionKind::Dict) => "dict comprehension",
            Some(ComprehensionKind::Generator) => "generator expression",
        };
        Err(error_at(
            msg::format(msg::YIELD_IN_COMPREHENSION, &[what]),
            loc,
        ))
    }

    /// Refuses a walrus, `yield` or `await` in the annotation and PEP 695 scopes
    /// (`symtable_raise_if_annotation_block`).
    fn raise_if_annotation_block(&mut self, what: &str, loc: Location) -> R {
        let entry = &self.data.scopes[self.cur().index()];
        let text = match entry.kind {
            ScopeKind::Annotation => msg::format(msg::ANNOTATION_NOT_ALLOWED, &[what]),
            ScopeKind::TypeVariable => msg::format(
                msg::NOT_ALLOWED_IN_TYPE_VARIABLE,
                &[what, entry.scope_info.unwrap_or("a TypeVar bound")],
            ),
            ScopeKind::TypeAlias => msg::format(msg::NOT_ALLOWED_IN_TYPE_ALIAS, &[what]),
            ScopeKind::TypeParameters => msg::format(msg::NOT_ALLOWED_IN_TYPE_PARAMETERS, &[what]),
            _ => return Ok(()),
        };
        Err(error_at(text, loc))
    }

    /// A comprehension or generator expression (`symtable_handle_comprehension`): the first
    /// iterable is evaluated in the enclosing scope; everything else is in the comprehension's
    /// own scope, whose parameter `.0` receives the iterator.
    fn visit_comprehension(
        &mut self,
        e: &Expr,
        name: Name,
        kind: ComprehensionKind,
        generators: &[Comprehension],
        elt: &Expr,
        value: Option<&Expr>,
    ) -> R {
        let is_generator = kind == ComprehensionKind::Generator;
        let outermost = generators.first();
        if let Some(outermost) = outermost {
            self.entry().comp_iter_expr += 1;
            self.visit_expr(&outermost.iter)?;
            self.entry().comp_iter_expr -= 1;
        }
        let loc = e.loc();
        self.enter_block(
            name,
            ScopeKind::Function,
            Key::new(expr_addr(e), Role::Own),
            loc,
        );
        self.entry().comprehension = Some(kind);
        if outermost.is_some_and(|g| g.is_async != 0) {
            self.entry().coroutine = true;
        }
        let dot_zero = self.data.wk.dot_zero;
        self.add_def(dot_zero, Flags::DEF_PARAM, loc)?;
        if let Some(outermost) = outermost {
            self.entry().comp_iter_target = true;
            self.visit_expr(&outermost.target)?;
            self.entry().comp_iter_target = false;
            self.visit_exprs(&outermost.ifs)?;
        }
        for generator in generators.iter().skip(1) {
            self.entry().comp_iter_target = true;
            self.visit_expr(&generator.target)?;
            self.entry().comp_iter_target = false;
            self.entry().comp_iter_expr += 1;
            self.visit_expr(&generator.iter)?;
            self.entry().comp_iter_expr -= 1;
            self.visit_exprs(&generator.ifs)?;
            if generator.is_async != 0 {
                self.entry().coroutine = true;
            }
        }
        if let Some(value) = value {
            self.visit_expr(value)?;
        }
        self.visit_expr(elt)?;
        let entry = self.entry();
        entry.generator = is_generator;
        let is_async = entry.coroutine && !is_generator;
        self.exit_block();
        if is_async {
            self.entry().coroutine = true;
        }
        Ok(())
    }

    /// A walrus inside a comprehension binds in the nearest enclosing function or module
    /// (`symtable_extend_namedexpr_scope`): the comprehensions in between see it as nonlocal
    /// (or global), and a class or PEP 695 scope in between is an error.
    fn extend_namedexpr_scope(&mut self, target: &str, loc: Location) -> R {
        let name = self.intern(target);
        for i in (0..self.stack.len()).rev() {
            let scope = self.stack[i];
            let (kind, is_comprehension) = {
                let entry = &self.data.scopes[scope.index()];
                (entry.kind, entry.comprehension.is_some())
            };
            if is_comprehension {
                let flags = self.lookup_in(scope, name);
                if flags.contains(Flags::DEF_COMP_ITER) && flags.contains(Flags::DEF_LOCAL) {
                    let text = msg::format(msg::NAMED_EXPR_COMP_CONFLICT, &[target]);
                    return Err(error_at(text, loc));
                }
                continue;
            }
            match kind {
                ScopeKind::Function => {
                    let flags = self.lookup_in(scope, name);
                    let declared = if flags.contains(Flags::DEF_GLOBAL) {
                        Flags::DEF_GLOBAL
                    } else {
                        Flags::DEF_NONLOCAL
                    };
                    self.add_def(name, declared, loc)?;
                    self.record_directive(name, loc);
                    return self.add_def_in(name, Flags::DEF_LOCAL, scope, loc);
                }
                ScopeKind::Module => {
                    self.add_def(name, Flags::DEF_GLOBAL, loc)?;
                    self.record_directive(name, loc);
                    return self.add_def_in(name, Flags::DEF_GLOBAL, scope, loc);
                }
                ScopeKind::Class => {
                    return Err(error_at(msg::NAMED_EXPR_COMP_IN_CLASS.to_string(), loc));
                }
                ScopeKind::TypeParameters => {
                    return Err(error_at(msg::NAMED_EXPR_COMP_IN_TYPEPARAM.to_string(), loc));
                }
                ScopeKind::TypeAlias => {
                    return Err(error_at(msg::NAMED_EXPR_COMP_IN_TYPEALIAS.to_string(), loc));
                }
                ScopeKind::TypeVariable => {
                    let text = msg::NAMED_EXPR_COMP_IN_TYPEVAR_BOUND.to_string();
                    return Err(error_at(text, loc));
                }
                ScopeKind::Annotation => {}
            }
        }
        Ok(())
    }
}
