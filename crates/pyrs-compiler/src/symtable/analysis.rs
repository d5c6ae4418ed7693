//! The second pass: decides the scope of every name, from the module down, and turns the
//! locals that nested scopes close over into cells (Python/symtable.c, `analyze_block` and
//! its helpers). PEP 709 comprehensions are inlined into their parent here.
//!
//! Each scope is analysed with the sets its parent passes down: `bound`, the names bound in
//! enclosing function-like scopes (none for the module); `global`, the names declared global
//! above; `type_params`, the type parameters in sight. It hands back `free`, the names its
//! scope and its descendants read from enclosing scopes. As in CPython, nothing a child does
//! to the sets it is given leaks into its siblings; but where CPython copies each set for each
//! child, a child here borrows its parent's sets and copies one only when it changes it
//! ([`Cow`]: a `global` or `nonlocal` declaration, a name that a child binds while an enclosing
//! scope declares it global, a type parameter), which few scopes do. A child's `free` starts
//! empty rather than as a copy of what its earlier siblings found: the parent adds it to
//! those, and only adds, so the result is the same. The scope each name gets (CPython's
//! `scopes` dict) is a vector parallel to the scope's symbols, which it follows entry for
//! entry: the names are analysed in symbol order, and a name an inlined comprehension adds
//! is added to both.

use std::borrow::Cow;

use indexmap::IndexSet;

use super::builder::{syntax_error, Stop};
use super::flags::{Flags, ScopeKind, SymbolScope, SCOPE_OFFSET};
use super::names::Name;
use super::{scope_of_bits, ChildRun, ScopeId, TableData};
use crate::consts::FastHash;
use crate::messages as msg;

type Set = IndexSet<Name, FastHash>;

/// The scope each name of one scope gets, by the position of its symbol (`scopes` in
/// CPython).
type Scopes = Vec<SymbolScope>;

/// Analyses the whole table; `limit` bounds the nesting of scopes (see crate::stack).
pub(crate) fn analyze(data: &mut TableData, limit: usize) -> Result<(), Stop> {
    let mut analyzer = Analyzer {
        data,
        depth: 0,
        limit,
        spare_scopes: Vec::new(),
    };
    let (empty, mut free) = (Set::default(), Set::default());
    analyzer.analyze_block(
        ScopeId(0),
        None,
        &mut free,
        Cow::Borrowed(&empty),
        Cow::Borrowed(&empty),
        None,
    )?;
    analyzer.set_parents();
    Ok(())
}

struct Analyzer<'d> {
    data: &'d mut TableData,
    depth: usize,
    limit: usize,
    /// The emptied [`Scopes`] vectors of the scopes already analysed, for the next ones
    /// (one per level of nesting is in use at a time), instead of one allocation a scope.
    spare_scopes: Vec<Scopes>,
}

/// What `analyze_block` receives from its parent: the parent's sets, copied on first change.
struct Inherited<'s> {
    bound: Option<Cow<'s, Set>>,
    free: &'s mut Set,
    global: Cow<'s, Set>,
    type_params: Cow<'s, Set>,
    class_entry: Option<ScopeId>,
}

/// Adds `name` to a borrowed set, copying the set first if that changes it.
fn cow_insert(set: &mut Cow<'_, Set>, name: Name) {
    if !set.contains(&name) {
        set.to_mut().insert(name);
    }
}

/// Removes `name` from a borrowed set, copying the set first if that changes it.
fn cow_remove(set: &mut Cow<'_, Set>, name: Name) {
    if set.contains(&name) {
        set.to_mut().shift_remove(&name);
    }
}

impl Analyzer<'_> {
    /// Decides the scopes of the names of `id` and of all the scopes inside it
    /// (`analyze_block`).
    fn analyze_block(
        &mut self,
        id: ScopeId,
        bound: Option<Cow<'_, Set>>,
        free: &mut Set,
        global: Cow<'_, Set>,
        type_params: Cow<'_, Set>,
        class_entry: Option<ScopeId>,
    ) -> Result<(), Stop> {
        self.depth += 1;
        if self.depth > self.limit {
            return Err(Stop::TooDeep);
        }
        let mut up = Inherited {
            bound,
            free,
            global,
            type_params,
            class_entry,
        };
        let kind = self.data.scopes[id.index()].kind;
        let can_see_class_scope = self.data.scopes[id.index()].can_see_class_scope;
        let wk = self.data.wk;

        // Every symbol gets a scope, and most are local: room for all of them from the start
        // (growing a hash table rehashes it).
        let nsymbols = self.data.scopes[id.index()].symbols.len();
        let mut scopes = self.spare_scopes.pop().unwrap_or_default();
        scopes.clear();
        scopes.reserve(nsymbols);
        let mut newfree = Set::default();
        let mut inlined_cells = Set::default();

        // What a scope passes down to its children is made only if it has any: most
        // functions have none.
        let nchildren = self.data.scopes[id.index()].children.len as usize;

        // A class's own bindings are invisible to the functions inside it, so what it
        // passes down is fixed before its names are analysed (a copy only if they change).
        let class_snapshot = (kind == ScopeKind::Class && nchildren > 0)
            .then(|| (up.global.clone(), up.bound.clone()));

        for i in 0..nsymbols {
            let (&name, &bits) = self.data.scopes[id.index()]
                .symbols
                .get_index(i)
                .expect("symbols are only added during the analysis");
            self.analyze_name(id, &mut scopes, name, Flags::from_bits(bits), &mut up)?;
        }

        // What the children see: the names bound around them, and the globals.
        let (newglobal, newbound): (Cow<'_, Set>, Cow<'_, Set>) = match class_snapshot {
            Some((global, bound)) => {
                // Methods see the class's `__class__` and `__classdict__` cells.
                let mut bound = bound.map(Cow::into_owned).unwrap_or_default();
                bound.insert(wk.dunder_class);
                bound.insert(wk.dunder_classdict);
                (global, Cow::Owned(bound))
            }
            None if kind.is_function_like() && nchildren > 0 => {
                let symbols = &self.data.scopes[id.index()].symbols;
                let local = symbols
                    .keys()
                    .zip(&scopes)
                    .filter(|&(_, &scope)| scope == SymbolScope::Local)
                    .map(|(&name, _)| name);
                let mut bound = Set::with_capacity_and_hasher(
                    nsymbols + up.bound.as_ref().map_or(0, |b| b.len()),
                    FastHash::default(),
                );
                bound.extend(local);
                if let Some(outer) = &up.bound {
                    bound.extend(outer.iter().copied());
                }
                (Cow::Borrowed(&*up.global), Cow::Owned(bound))
            }
            None => (
                Cow::Borrowed(&*up.global),
                match &up.bound {
                    Some(bound) => Cow::Borrowed(&**bound),
                    None => Cow::Owned(Set::default()),
                },
            ),
        };

        for c in 0..nchildren {
            let child = self.data.children_of(id)[c];
            let entry = &self.data.scopes[child.index()];
            let new_class_entry = if entry.can_see_class_scope {
                if kind == ScopeKind::Class {
                    Some(id)
                } else {
                    up.class_entry
                }
            } else {
                None
            };
            // PEP 709: list, set and dict comprehensions are inlined, except in the annotation
            // scopes that can see a class.
            let inline = entry.comprehension.is_some() && !entry.generator && !can_see_class_scope;
            let mut child_free = Set::default();
            self.analyze_block(
                child,
                Some(Cow::Borrowed(&*newbound)),
                &mut child_free,
                Cow::Borrowed(&*newglobal),
                Cow::Borrowed(&*up.type_params),
                new_class_entry,
            )?;
            if inline {
                self.inline_comprehension(
                    id,
                    child,
                    &mut scopes,
                    &mut child_free,
                    &mut inlined_cells,
                );
                self.data.scopes[child.index()].comp_inlined = true;
            }
            newfree.extend(child_free);
        }
        drop((newglobal, newbound));

        // An inlined comprehension's own children become children of this scope.
        // The new run goes at the end of the store; the old one is left unused.
        let run = self.data.scopes[id.index()].children;
        if self
            .data
            .children_of(id)
            .iter()
            .any(|c| self.data.scopes[c.index()].comp_inlined)
        {
            let store = &mut self.data.children;
            let start = store.len();
            for i in run.range() {
                let child = store[i];
                let own = &self.data.scopes[child.index()];
                if own.comp_inlined {
                    store.extend_from_within(own.children.range());
                } else {
                    store.push(child);
                }
            }
            self.data.scopes[id.index()].children = ChildRun {
                start: start as u32,
                len: (store.len() - start) as u32,
            };
        }

        if kind.is_function_like() {
            let names = self.data.scopes[id.index()].symbols.keys();
            analyze_cells(names, &mut scopes, &mut newfree, &inlined_cells);
        } else if kind == ScopeKind::Class {
            let entry = &mut self.data.scopes[id.index()];
            if newfree.shift_remove(&wk.dunder_class) {
                entry.needs_class_closure = true;
            }
            if newfree.shift_remove(&wk.dunder_classdict) {
                entry.needs_classdict = true;
            }
        }
        let classflag = kind == ScopeKind::Class || can_see_class_scope;
        self.update_symbols(
            id,
            &scopes,
            up.bound.as_deref(),
            &newfree,
            &inlined_cells,
            classflag,
        );
        up.free.extend(newfree);
        self.spare_scopes.push(scopes);
        self.depth -= 1;
        Ok(())
    }

    /// Decides the scope of one name from its flags (`analyze_name`).
    fn analyze_name(
        &mut self,
        id: ScopeId,
        scopes: &mut Scopes,
        name: Name,
        flags: Flags,
        up: &mut Inherited<'_>,
    ) -> Result<(), Stop> {
        if flags.contains(Flags::DEF_GLOBAL) {
            if flags.contains(Flags::DEF_NONLOCAL) {
                return Err(self.error_at_directive(id, name, msg::NONLOCAL_AND_GLOBAL));
            }
            scopes.push(SymbolScope::GlobalExplicit);
            cow_insert(&mut up.global, name);
            if let Some(bound) = &mut up.bound {
                cow_remove(bound, name);
            }
            return Ok(());
        }
        if flags.contains(Flags::DEF_NONLOCAL) {
            let Some(bound) = up.bound.as_deref() else {
                return Err(self.error_at_directive(id, name, msg::NONLOCAL_AT_MODULE_LEVEL));
            };
            if !bound.contains(&name) {
                return Err(self.error_at_directive(id, name, msg::NONLOCAL_NO_BINDING));
            }
            if up.type_params.contains(&name) {
                return Err(self.error_at_directive(id, name, msg::NONLOCAL_TYPE_PARAM));
            }
            scopes.push(SymbolScope::Free);
            up.free.insert(name);
            return Ok(());
        }
        if flags.intersects(Flags::DEF_BOUND) {
            scopes.push(SymbolScope::Local);
            cow_remove(&mut up.global, name);
            if flags.contains(Flags::DEF_TYPE_PARAM) {
                cow_insert(&mut up.type_params, name);
            } else {
                cow_remove(&mut up.type_params, name);
            }
            return Ok(());
        }
        // In an annotation scope that sees a class, a name the class binds is looked up in
        // the class namespace and then the globals, even when a function around the class
        // binds it too.
        if let Some(class) = up.class_entry {
            let class_flags = self.data.scopes[class.index()]
                .symbols
                .get(&name)
                .map_or(Flags::empty(), |&b| Flags::from_bits(b));
            if class_flags.contains(Flags::DEF_GLOBAL) {
                scopes.push(SymbolScope::GlobalExplicit);
                return Ok(());
            }
            if class_flags.intersects(Flags::DEF_BOUND)
                && !class_flags.contains(Flags::DEF_NONLOCAL)
            {
                scopes.push(SymbolScope::GlobalImplicit);
                return Ok(());
            }
        }
        if let Some(bound) = up.bound.as_deref() {
            if bound.contains(&name) {
                scopes.push(SymbolScope::Free);
                up.free.insert(name);
                return Ok(());
            }
        }
        scopes.push(SymbolScope::GlobalImplicit);
        Ok(())
    }

    /// The error for a `global` or `nonlocal` declaration, at the declaration
    /// (`error_at_directive`).
    fn error_at_directive(&self, id: ScopeId, name: Name, template: &str) -> Stop {
        let entry = &self.data.scopes[id.index()];
        let loc = entry
            .directives
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(entry.loc, |&(_, loc)| loc);
        let text = msg::format(template, &[self.data.names.text(name)]);
        Stop::Error(Box::new(syntax_error(text, loc)))
    }

    /// Moves the names of an analysed comprehension into the scope `id` that contains it
    /// (`inline_comprehension`, PEP 709).
    fn inline_comprehension(
        &mut self,
        id: ScopeId,
        comp: ScopeId,
        scopes: &mut Scopes,
        comp_free: &mut Set,
        inlined_cells: &mut Set,
    ) {
        let wk = self.data.wk;
        let kind = self.data.scopes[id.index()].kind;
        let mut remove_dunder_class = false;
        let comp_symbols: Vec<(Name, u32)> = self.data.scopes[comp.index()]
            .symbols
            .iter()
            .map(|(&n, &b)| (n, b))
            .collect();
        for (name, bits) in comp_symbols {
            let flags = Flags::from_bits(bits);
            if flags.contains(Flags::DEF_PARAM) {
                continue; // `.0`
            }
            let Some(mut scope) = scope_of_bits(bits) else {
                continue;
            };
            if scope == SymbolScope::Cell || flags.contains(Flags::DEF_COMP_CELL) {
                inlined_cells.insert(name);
            }
            // `__class__` never reaches a method through a class scope.
            if scope == SymbolScope::Free && kind == ScopeKind::Class && name == wk.dunder_class {
                scope = SymbolScope::GlobalImplicit;
                comp_free.shift_remove(&name);
                remove_dunder_class = true;
            }
            let existing = self.data.scopes[id.index()].symbols.get(&name).copied();
            match existing {
                None => {
                    self.data.scopes[id.index()]
                        .symbols
                        .insert(name, flags.bits());
                    scopes.push(scope);
                }
                Some(existing) => {
                    // A name the comprehension read from this scope is now simply a local of
                    // it, unless a scope inside the comprehension still needs it as a cell.
                    if Flags::from_bits(existing).intersects(Flags::DEF_BOUND)
                        && kind != ScopeKind::Class
                        && !self.is_free_in_any_child(comp, name)
                    {
                        comp_free.shift_remove(&name);
                    }
                }
            }
        }
        if remove_dunder_class {
            self.data.scopes[comp.index()]
                .symbols
                .shift_remove(&wk.dunder_class);
        }
    }

    fn is_free_in_any_child(&self, comp: ScopeId, name: Name) -> bool {
        self.data.children_of(comp).iter().any(|child| {
            self.data.scopes[child.index()]
                .symbols
                .get(&name)
                .and_then(|&bits| scope_of_bits(bits))
                == Some(SymbolScope::Free)
        })
    }

    /// Writes the decided scopes into the symbols, and adds the names that only pass through
    /// this scope on their way to a nested one (`update_symbols`).
    fn update_symbols(
        &mut self,
        id: ScopeId,
        scopes: &Scopes,
        bound: Option<&Set>,
        free: &Set,
        inlined_cells: &Set,
        classflag: bool,
    ) {
        let symbols = &mut self.data.scopes[id.index()].symbols;
        debug_assert_eq!(symbols.len(), scopes.len(), "one scope per symbol");
        for ((name, bits), &scope) in symbols.iter_mut().zip(scopes) {
            if !inlined_cells.is_empty() && inlined_cells.contains(name) {
                *bits |= Flags::DEF_COMP_CELL.bits();
            }
            *bits |= (scope as u32) << SCOPE_OFFSET;
        }
        for &name in free {
            if let Some(bits) = symbols.get_mut(&name) {
                // A method reads a variable of an enclosing function that the class also
                // binds or declares.
                if classflag {
                    *bits |= Flags::DEF_FREE_CLASS.bits();
                }
                continue;
            }
            if bound.is_some_and(|bound| !bound.contains(&name)) {
                continue; // a global
            }
            symbols.insert(name, (SymbolScope::Free as u32) << SCOPE_OFFSET);
        }
    }

    /// Records each scope's parent as the tree stands after inlining.
    fn set_parents(&mut self) {
        let mut stack = vec![ScopeId(0)];
        while let Some(id) = stack.pop() {
            for c in self.data.scopes[id.index()].children.range() {
                let child = self.data.children[c];
                self.data.scopes[child.index()].parent = Some(id);
                stack.push(child);
            }
        }
    }
}

/// A local of a function-like scope that a nested scope reads, or that an inlined
/// comprehension kept in a cell, becomes a cell (`analyze_cells`).
fn analyze_cells<'n>(
    names: impl Iterator<Item = &'n Name>,
    scopes: &mut Scopes,
    free: &mut Set,
    inlined_cells: &Set,
) {
    for (name, scope) in names.zip(scopes.iter_mut()) {
        if *scope != SymbolScope::Local {
            continue;
        }
        if !free.contains(name) && !inlined_cells.contains(name) {
            continue;
        }
        *scope = SymbolScope::Cell;
        free.shift_remove(name);
    }
}
