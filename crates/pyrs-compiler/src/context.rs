//! The SyntaxErrors CPython's code generator raises from where a statement or expression
//! stands (Python/compile.c): `'return' outside function`, `'yield' outside function`,
//! `'await' outside (async) function`, asynchronous comprehensions, `async with` and
//! `async for` outside `async def`, `'break' outside loop`, `'continue' not properly in loop`,
//! leaving an `except*` block, late `from __future__` imports.
//!
//! CPython finds these while it generates code, after the symbol table is complete, so a
//! symbol-table error always comes first; among themselves they come in the order the code
//! generator meets them, which this walk follows (decorators and defaults before a function's
//! body, a class's body before its bases, an assignment's value before its targets, a `try`'s
//! `else` before its handlers). pyrs's code generator (src/codegen/) raises them itself as it
//! compiles each node, with the same messages and locations, so [`crate::compile`] does not
//! run this walk (it would be a whole extra pass over the tree, and would report a context
//! error before a code-generation error that CPython reports first, such as `multiple
//! starred expressions in assignment`); this walk is the same check for tools that stop at
//! the symbol table (examples/context_corpus.rs, tests/scoping_errors.rs).

use pyrs_ast::{Arguments, Comprehension, Expr, Location, Mod, Stmt};
use pyrs_parser::SyntaxError;

use crate::messages as msg;
use crate::symtable::{future, ComprehensionKind, Scope, Stop, SymbolTable};

/// Checks a module whose symbol table is `table`; returns the first error CPython's
/// `compile(source, filename, "exec")` raises after the symbol table, among those this module
/// knows.
///
/// ```
/// use pyrs_compiler::{context, symtable};
///
/// let tree = pyrs_parser::parse("class C:\n    return 1\n", pyrs_parser::Mode::Exec).unwrap();
/// let table = symtable::build(&tree, "<string>").unwrap();
/// let err = context::check(&tree, &table).unwrap_err();
/// assert_eq!(err.msg, "'return' outside function");
/// assert_eq!((err.lineno, err.offset, err.end_lineno, err.end_offset), (2, 5, 2, 13));
/// ```
pub fn check(module: &Mod, table: &SymbolTable<'_>) -> Result<(), SyntaxError> {
    let future_annotations = future::features(module).is_ok_and(|f| f.annotations);
    let future_line = future::last_line(module);
    let result = crate::stack::run(|limit| {
        let mut checker = Checker {
            table,
            unit: Unit {
                kind: UnitKind::Module,
                scope: Some(table.top()),
            },
            blocks: Vec::new(),
            future_annotations,
            future_line,
            depth: 0,
            limit,
        };
        match module {
            Mod::Module(m) => checker.body(&m.body),
            Mod::Interactive(m) => checker.body(&m.body),
            Mod::Expression(m) => checker.expr(&m.body),
            Mod::FunctionType(_) => Ok(()),
        }
    });
    match result {
        Ok(()) => Ok(()),
        Err(Stop::Error(err)) => Err(*err),
        // The symbol table was built from the same tree, so it is not too deep.
        Err(Stop::TooDeep) => Ok(()),
    }
}

/// The kind of code object being compiled (CPython's `u_scope_type`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum UnitKind {
    Module,
    Class,
    Function,
    AsyncFunction,
    Lambda,
    Comprehension,
    /// A type-parameter, type-alias or type-variable scope.
    Annotation,
}

#[derive(Clone, Copy)]
struct Unit<'t> {
    kind: UnitKind,
    scope: Option<Scope<'t>>,
}

impl Unit<'_> {
    /// `_PyST_IsFunctionLike(u_ste)`.
    fn is_function_like(&self) -> bool {
        !matches!(self.kind, UnitKind::Module | UnitKind::Class)
    }
}

/// The blocks around the code being compiled that matter here (CPython's frame blocks).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Block {
    Loop,
    ExceptStar,
}

struct Checker<'t, 'a> {
    table: &'t SymbolTable<'a>,
    unit: Unit<'t>,
    blocks: Vec<Block>,
    future_annotations: bool,
    future_line: Option<u32>,
    depth: usize,
    limit: usize,
}

type R = Result<(), Stop>;

fn error(text: &str, loc: Location) -> Stop {
    crate::symtable::builder_error(text.to_string(), loc)
}

impl<'t> Checker<'t, '_> {
    /// Compiles `f` as a new code object of `kind` for `scope`.
    fn in_unit(
        &mut self,
        kind: UnitKind,
        scope: Option<Scope<'t>>,
        f: impl FnOnce(&mut Self) -> R,
    ) -> R {
        let outer_unit = std::mem::replace(&mut self.unit, Unit { kind, scope });
        let outer_blocks = std::mem::take(&mut self.blocks);
        let result = f(self);
        self.unit = outer_unit;
        self.blocks = outer_blocks;
        result
    }

    fn in_block(&mut self, block: Block, f: impl FnOnce(&mut Self) -> R) -> R {
        self.blocks.push(block);
        let result = f(self);
        self.blocks.pop();
        result
    }

    fn enter(&mut self) -> R {
        self.depth += 1;
        if self.depth > self.limit {
            return Err(Stop::TooDeep);
        }
        Ok(())
    }

    fn body(&mut self, body: &[Stmt]) -> R {
        body.iter().try_for_each(|s| self.stmt(s))
    }

    fn exprs(&mut self, exprs: &[Expr]) -> R {
        exprs.iter().try_for_each(|e| self.expr(e))
    }

    fn opt(&mut self, e: Option<&Expr>) -> R {
        e.map_or(Ok(()), |e| self.expr(e))
    }

    /// Leaving blocks for `break`, `continue` or `return`
    /// (`compiler_unwind_fblock_stack`): an `except*` block may not be left; `Some(found)`
    /// says whether a loop ends the search (for `break` and `continue`).
    fn unwind(&self, to_loop: bool, loc: Location) -> Result<bool, Stop> {
        for block in self.blocks.iter().rev() {
            match block {
                Block::ExceptStar => return Err(error(msg::EXIT_EXCEPT_STAR, loc)),
                Block::Loop if to_loop => return Ok(true),
                Block::Loop => {}
            }
        }
        Ok(false)
    }

    fn stmt(&mut self, s: &Stmt) -> R {
        self.enter()?;
        self.stmt_inner(s)?;
        self.depth -= 1;
        Ok(())
    }

    fn stmt_inner(&mut self, s: &Stmt) -> R {
        match s {
            Stmt::FunctionDef(f) => self.function(
                s,
                &f.decorator_list,
                &f.args,
                f.returns.as_ref(),
                &f.body,
                false,
            ),
            Stmt::AsyncFunctionDef(f) => self.function(
                s,
                &f.decorator_list,
                &f.args,
                f.returns.as_ref(),
                &f.body,
                true,
            ),
            Stmt::ClassDef(c) => {
                self.exprs(&c.decorator_list)?;
                let scope = self.table.scope_of(s);
                let outer = if c.type_params.is_empty() {
                    self.unit
                } else {
                    Unit {
                        kind: UnitKind::Annotation,
                        scope: self.table.type_params_scope_of(s),
                    }
                };
                self.in_unit(outer.kind, outer.scope, |this| {
                    this.type_params(&c.type_params)?;
                    this.in_unit(UnitKind::Class, scope, |this| this.body(&c.body))?;
                    this.exprs(&c.bases)?;
                    c.keywords.iter().try_for_each(|k| this.expr(&k.value))
                })
            }
            Stmt::TypeAlias(t) => {
                let scope = self.table.scope_of(s);
                self.type_params(&t.type_params)?;
                self.in_unit(UnitKind::Annotation, scope, |this| this.expr(&t.value))
            }
            Stmt::Return(r) => {
                if !self.unit.is_function_like() {
                    return Err(error(msg::RETURN_OUTSIDE_FUNCTION, r.loc));
                }
                if r.value.is_some()
                    && self
                        .unit
                        .scope
                        .is_some_and(|s| s.is_coroutine() && s.is_generator())
                {
                    return Err(error(msg::RETURN_IN_ASYNC_GENERATOR, r.loc));
                }
                // CPython reports a constant returned on the statement's line at the constant.
                let mut loc = r.loc;
                match &r.value {
                    Some(value @ Expr::Constant(_)) if value.loc().lineno == r.loc.lineno => {
                        loc = value.loc();
                    }
                    Some(Expr::Constant(_)) | None => {}
                    Some(value) => self.expr(value)?,
                }
                self.unwind(false, loc)?;
                Ok(())
            }
            Stmt::Delete(d) => self.exprs(&d.targets),
            Stmt::Assign(a) => {
                self.expr(&a.value)?;
                self.exprs(&a.targets)
            }
            Stmt::AugAssign(a) => {
                self.expr(&a.target)?;
                self.expr(&a.value)
            }
            Stmt::AnnAssign(a) => {
                if let Some(value) = &a.value {
                    self.expr(value)?;
                    self.expr(&a.target)?;
                }
                let evaluated = !self.future_annotations
                    && matches!(self.unit.kind, UnitKind::Module | UnitKind::Class);
                match &a.target {
                    Expr::Name(_) if a.simple != 0 && evaluated => self.expr(&a.annotation)?,
                    Expr::Attribute(t) if a.value.is_none() => self.expr(&t.value)?,
                    Expr::Subscript(t) if a.value.is_none() => {
                        self.expr(&t.value)?;
                        self.expr(&t.slice)?;
                    }
                    _ => {}
                }
                if a.simple == 0 && evaluated {
                    self.expr(&a.annotation)?;
                }
                Ok(())
            }
            Stmt::For(f) => {
                self.expr(&f.iter)?;
                self.expr(&f.target)?;
                self.in_block(Block::Loop, |this| this.body(&f.body))?;
                self.body(&f.orelse)
            }
            Stmt::AsyncFor(f) => {
                if self.unit.kind != UnitKind::AsyncFunction {
                    return Err(error(msg::ASYNC_FOR_OUTSIDE_ASYNC, f.loc));
                }
                self.expr(&f.iter)?;
                self.expr(&f.target)?;
                self.in_block(Block::Loop, |this| this.body(&f.body))?;
                self.body(&f.orelse)
            }
            Stmt::While(w) => {
                self.expr(&w.test)?;
                self.in_block(Block::Loop, |this| this.body(&w.body))?;
                self.body(&w.orelse)
            }
            Stmt::If(i) => {
                self.expr(&i.test)?;
                self.body(&i.body)?;
                self.body(&i.orelse)
            }
            Stmt::With(w) => {
                for item in &w.items {
                    self.expr(&item.context_expr)?;
                    self.opt(item.optional_vars.as_ref())?;
                }
                self.body(&w.body)
            }
            Stmt::AsyncWith(w) => {
                if self.unit.kind != UnitKind::AsyncFunction {
                    return Err(error(msg::ASYNC_WITH_OUTSIDE_ASYNC, w.loc));
                }
                for item in &w.items {
                    self.expr(&item.context_expr)?;
                    self.opt(item.optional_vars.as_ref())?;
                }
                self.body(&w.body)
            }
            Stmt::Match(m) => {
                self.expr(&m.subject)?;
                for case in &m.cases {
                    self.opt(case.guard.as_ref())?;
                    self.body(&case.body)?;
                }
                Ok(())
            }
            Stmt::Raise(r) => {
                self.opt(r.exc.as_ref())?;
                self.opt(r.cause.as_ref())
            }
            Stmt::Try(t) => {
                self.body(&t.body)?;
                self.body(&t.orelse)?;
                for h in &t.handlers {
                    self.opt(h.type_.as_ref())?;
                    self.body(&h.body)?;
                }
                self.body(&t.finalbody)
            }
            Stmt::TryStar(t) => {
                self.body(&t.body)?;
                self.body(&t.orelse)?;
                for h in &t.handlers {
                    self.opt(h.type_.as_ref())?;
                    self.in_block(Block::ExceptStar, |this| this.body(&h.body))?;
                }
                self.body(&t.finalbody)
            }
            Stmt::Assert(a) => {
                self.expr(&a.test)?;
                self.opt(a.msg.as_ref())
            }
            Stmt::ImportFrom(i) => {
                let is_future =
                    i.level.unwrap_or(0) == 0 && i.module.as_deref() == Some("__future__");
                if is_future && !matches!(self.future_line, Some(line) if i.loc.lineno <= line) {
                    return Err(error(msg::FUTURE_NOT_FIRST, i.loc));
                }
                Ok(())
            }
            Stmt::Break(b) => {
                if !self.unwind(true, b.loc)? {
                    return Err(error(msg::BREAK_OUTSIDE_LOOP, b.loc));
                }
                Ok(())
            }
            Stmt::Continue(c) => {
                if !self.unwind(true, c.loc)? {
                    return Err(error(msg::CONTINUE_OUTSIDE_LOOP, c.loc));
                }
                Ok(())
            }
            Stmt::Expr(e) => self.expr(&e.value),
            Stmt::Import(_) | Stmt::Global(_) | Stmt::Nonlocal(_) | Stmt::Pass(_) => Ok(()),
        }
    }

    /// `def` and `async def` (`compiler_function`): decorators, defaults, then in the
    /// type-parameter scope of a generic function the type parameters and annotations, then
    /// the body as a code object of its own.
    fn function(
        &mut self,
        s: &Stmt,
        decorators: &[Expr],
        args: &Arguments,
        returns: Option<&Expr>,
        body: &[Stmt],
        is_async: bool,
    ) -> R {
        self.exprs(decorators)?;
        self.exprs(&args.defaults)?;
        for default in args.kw_defaults.iter().flatten() {
            self.expr(default)?;
        }
        let type_params = match s {
            Stmt::FunctionDef(f) => &f.type_params,
            Stmt::AsyncFunctionDef(f) => &f.type_params,
            _ => return Ok(()),
        };
        let outer = if type_params.is_empty() {
            self.unit
        } else {
            Unit {
                kind: UnitKind::Annotation,
                scope: self.table.type_params_scope_of(s),
            }
        };
        let scope = self.table.scope_of(s);
        let kind = if is_async {
            UnitKind::AsyncFunction
        } else {
            UnitKind::Function
        };
        self.in_unit(outer.kind, outer.scope, |this| {
            this.type_params(type_params)?;
            if !this.future_annotations {
                let annotated = args
                    .posonlyargs
                    .iter()
                    .chain(&args.args)
                    .chain(&args.vararg)
                    .chain(&args.kwonlyargs)
                    .chain(&args.kwarg);
                for arg in annotated {
                    this.opt(arg.annotation.as_ref())?;
                }
                this.opt(returns)?;
            }
            this.in_unit(kind, scope, |this| this.body(body))
        })
    }

    /// The bounds and defaults of type parameters, each a code object of its own.
    fn type_params(&mut self, params: &[pyrs_ast::TypeParam]) -> R {
        for tp in params {
            let bound = match tp {
                pyrs_ast::TypeParam::TypeVar(t) => t.bound.as_ref(),
                _ => None,
            };
            let default = match tp {
                pyrs_ast::TypeParam::TypeVar(t) => t.default_value.as_ref(),
                pyrs_ast::TypeParam::ParamSpec(t) => t.default_value.as_ref(),
                pyrs_ast::TypeParam::TypeVarTuple(t) => t.default_value.as_ref(),
            };
            if let Some(bound) = bound {
                let scope = self.table.bound_scope_of(tp);
                self.in_unit(UnitKind::Annotation, scope, |this| this.expr(bound))?;
            }
            if let Some(default) = default {
                let scope = self.table.default_scope_of(tp);
                self.in_unit(UnitKind::Annotation, scope, |this| this.expr(default))?;
            }
        }
        Ok(())
    }

    fn expr(&mut self, e: &Expr) -> R {
        // Names and constants, most of the nodes, raise nothing here.
        if matches!(e, Expr::Name(_) | Expr::Constant(_)) {
            return Ok(());
        }
        self.enter()?;
        self.expr_inner(e)?;
        self.depth -= 1;
        Ok(())
    }

    fn expr_inner(&mut self, e: &Expr) -> R {
        match e {
            Expr::BoolOp(b) => self.exprs(&b.values),
            Expr::NamedExpr(n) => {
                self.expr(&n.value)?;
                self.expr(&n.target)
            }
            Expr::BinOp(b) => {
                self.expr(&b.left)?;
                self.expr(&b.right)
            }
            Expr::UnaryOp(u) => self.expr(&u.operand),
            Expr::Lambda(l) => {
                self.exprs(&l.args.defaults)?;
                for default in l.args.kw_defaults.iter().flatten() {
                    self.expr(default)?;
                }
                let scope = self.table.scope_of(e);
                self.in_unit(UnitKind::Lambda, scope, |this| this.expr(&l.body))
            }
            Expr::IfExp(i) => {
                self.expr(&i.test)?;
                self.expr(&i.body)?;
                self.expr(&i.orelse)
            }
            Expr::Dict(d) => {
                for (key, value) in d.keys.iter().zip(&d.values) {
                    self.opt(key.as_ref())?;
                    self.expr(value)?;
                }
                Ok(())
            }
            Expr::Set(s) => self.exprs(&s.elts),
            Expr::ListComp(c) => self.comprehension(e, &c.generators, &c.elt, None),
            Expr::SetComp(c) => self.comprehension(e, &c.generators, &c.elt, None),
            Expr::DictComp(c) => self.comprehension(e, &c.generators, &c.key, Some(&c.value)),
            Expr::GeneratorExp(c) => self.comprehension(e, &c.generators, &c.elt, None),
            Expr::Await(a) => {
                if !self.unit.is_function_like() {
                    return Err(error(msg::AWAIT_OUTSIDE_FUNCTION, a.loc));
                }
                if !matches!(
                    self.unit.kind,
                    UnitKind::AsyncFunction | UnitKind::Comprehension
                ) {
                    return Err(error(msg::AWAIT_OUTSIDE_ASYNC, a.loc));
                }
                self.expr(&a.value)
            }
            Expr::Yield(y) => {
                if !self.unit.is_function_like() {
                    return Err(error(msg::YIELD_OUTSIDE_FUNCTION, y.loc));
                }
                self.opt(y.value.as_ref())
            }
            Expr::YieldFrom(y) => {
                if !self.unit.is_function_like() {
                    return Err(error(msg::YIELD_FROM_OUTSIDE_FUNCTION, y.loc));
                }
                if self.unit.kind == UnitKind::AsyncFunction {
                    return Err(error(msg::YIELD_FROM_IN_ASYNC, y.loc));
                }
                self.expr(&y.value)
            }
            Expr::Compare(c) => {
                self.expr(&c.left)?;
                self.exprs(&c.comparators)
            }
            Expr::Call(c) => {
                self.expr(&c.func)?;
                self.exprs(&c.args)?;
                c.keywords.iter().try_for_each(|k| self.expr(&k.value))
            }
            Expr::FormattedValue(f) => {
                self.expr(&f.value)?;
                self.opt(f.format_spec.as_ref())
            }
            Expr::JoinedStr(j) => self.exprs(&j.values),
            Expr::Constant(_) | Expr::Name(_) => Ok(()),
            Expr::Attribute(a) => self.expr(&a.value),
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.expr(&s.slice)
            }
            Expr::Starred(s) => self.expr(&s.value),
            Expr::List(l) => self.exprs(&l.elts),
            Expr::Tuple(t) => self.exprs(&t.elts),
            Expr::Slice(s) => {
                self.opt(s.lower.as_ref())?;
                self.opt(s.upper.as_ref())?;
                self.opt(s.step.as_ref())
            }
        }
    }

    /// A comprehension (`compiler_comprehension`): an inlined one compiles its first iterable
    /// in the current code object, then is refused if asynchronous outside `async def`; a
    /// generator expression is a code object of its own, whose first iterable is compiled
    /// after it, in the current one.
    fn comprehension(
        &mut self,
        e: &Expr,
        generators: &[Comprehension],
        elt: &Expr,
        value: Option<&Expr>,
    ) -> R {
        let scope = self.table.scope_of(e);
        let inlined = scope.is_some_and(|s| s.is_comp_inlined());
        let is_async = scope.is_some_and(|s| s.is_coroutine());
        let is_generator =
            scope.and_then(|s| s.comprehension()) == Some(ComprehensionKind::Generator);
        let Some((first, rest)) = generators.split_first() else {
            return Ok(());
        };
        if inlined {
            self.expr(&first.iter)?;
        }
        if is_async
            && !is_generator
            && !matches!(
                self.unit.kind,
                UnitKind::AsyncFunction | UnitKind::Comprehension
            )
        {
            return Err(error(msg::ASYNC_COMPREHENSION_OUTSIDE_ASYNC, e.loc()));
        }
        let body = |this: &mut Self| -> R {
            this.expr(&first.target)?;
            this.exprs(&first.ifs)?;
            for generator in rest {
                this.expr(&generator.iter)?;
                this.expr(&generator.target)?;
                this.exprs(&generator.ifs)?;
            }
            this.expr(elt)?;
            this.opt(value)
        };
        if inlined {
            body(self)
        } else {
            self.in_unit(UnitKind::Comprehension, scope, body)?;
            self.expr(&first.iter)
        }
    }
}
