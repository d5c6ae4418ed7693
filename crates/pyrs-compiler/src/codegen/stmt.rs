//! Statements: `compiler_visit_stmt` and the functions it calls (control flow, exceptions,
//! `with`, imports, assignments, functions and classes).

use pyrs_ast::{
    Arguments, Expr, ExprContext, Location, Stmt, StmtClassDef, StmtTry, TypeParam, WithItem,
};
use pyrs_bytecode::{Constant, Opcode};

use super::{docstring, error_at, Compiler, Exprs, FBlock, UnitKind, R};
use crate::flowgraph::{Loc, NO_LOC};

impl<'t> Compiler<'t> {
    pub(crate) fn visit_stmt(&mut self, s: &'t Stmt) -> R {
        self.enter()?;
        let r = self.visit_stmt_inner(s);
        self.leave();
        r
    }

    fn visit_stmt_inner(&mut self, s: &'t Stmt) -> R {
        let loc = Loc::of(s.loc());
        match s {
            Stmt::FunctionDef(f) => self.compile_function(
                s,
                &f.name,
                &f.args,
                &f.body,
                &f.decorator_list,
                f.returns.as_ref(),
                &f.type_params,
                false,
                f.loc,
            ),
            Stmt::AsyncFunctionDef(f) => self.compile_function(
                s,
                &f.name,
                &f.args,
                &f.body,
                &f.decorator_list,
                f.returns.as_ref(),
                &f.type_params,
                true,
                f.loc,
            ),
            Stmt::ClassDef(c) => self.compile_class(s, c),
            Stmt::Return(r) => self.compile_return(r.value.as_ref(), r.loc),
            Stmt::Delete(d) => {
                for t in &d.targets {
                    self.visit_expr(t)?;
                }
                Ok(())
            }
            Stmt::Assign(a) => {
                self.visit_expr(&a.value)?;
                let n = a.targets.len();
                for (i, t) in a.targets.iter().enumerate() {
                    if i + 1 < n {
                        self.emit(Opcode::COPY, 1, loc);
                    }
                    self.visit_expr(t)?;
                }
                Ok(())
            }
            Stmt::AugAssign(a) => self.compile_augassign(&a.target, a.op, &a.value, loc),
            Stmt::AnnAssign(a) => self.compile_annassign(a, loc),
            Stmt::For(f) => self.compile_for(&f.target, &f.iter, &f.body, &f.orelse, loc),
            Stmt::AsyncFor(f) => {
                self.compile_async_for(&f.target, &f.iter, &f.body, &f.orelse, f.loc)
            }
            Stmt::While(w) => self.compile_while(&w.test, &w.body, &w.orelse, loc),
            Stmt::If(i) => {
                let end = self.new_label();
                let next = if i.orelse.is_empty() {
                    end
                } else {
                    self.new_label()
                };
                self.jump_if(&i.test, next, false, loc)?;
                self.body(&i.body)?;
                if !i.orelse.is_empty() {
                    self.jump(Opcode::JUMP_NO_INTERRUPT, end, NO_LOC);
                    self.bind(next);
                    self.body(&i.orelse)?;
                }
                self.bind(end);
                Ok(())
            }
            Stmt::With(w) => self.compile_with(&w.items, &w.body, 0),
            Stmt::AsyncWith(w) => self.compile_async_with(&w.items, &w.body, 0, w.loc),
            Stmt::Match(m) => self.compile_match(m),
            Stmt::Raise(r) => {
                let mut n = 0;
                if let Some(e) = &r.exc {
                    self.visit_expr(e)?;
                    n += 1;
                    if let Some(c) = &r.cause {
                        self.visit_expr(c)?;
                        n += 1;
                    }
                }
                self.emit(Opcode::RAISE_VARARGS, n, loc);
                Ok(())
            }
            Stmt::Try(t) => {
                if !t.finalbody.is_empty() {
                    self.compile_try_finally(t, loc, false)
                } else {
                    self.compile_try_except(t, loc)
                }
            }
            Stmt::TryStar(t) => {
                let t2 = StmtTryRef {
                    body: &t.body,
                    handlers: &t.handlers,
                    orelse: &t.orelse,
                    finalbody: &t.finalbody,
                };
                if !t.finalbody.is_empty() {
                    self.compile_try_star_finally(t2, loc)
                } else {
                    self.compile_try_star_except(t2, loc)
                }
            }
            Stmt::Assert(a) => {
                if self.optimize > 0 {
                    return Ok(());
                }
                let end = self.new_label();
                self.jump_if(&a.test, end, true, loc)?;
                self.op(Opcode::LOAD_ASSERTION_ERROR, loc);
                if let Some(m) = &a.msg {
                    self.visit_expr(m)?;
                    self.emit(Opcode::CALL, 0, loc);
                }
                self.emit(Opcode::RAISE_VARARGS, 1, Loc::of(a.test.loc()));
                self.bind(end);
                Ok(())
            }
            Stmt::Import(i) => {
                for alias in &i.names {
                    self.load_const(Constant::int(0), loc);
                    self.load_const(Constant::None, loc);
                    self.name_op(Opcode::IMPORT_NAME, &alias.name, loc);
                    let name: &str = &alias.name;
                    if let Some(asname) = &alias.asname {
                        if let Some(dot) = name.find('.') {
                            let mut rest = &name[dot + 1..];
                            loop {
                                let (attr, more) = match rest.find('.') {
                                    Some(d) => (&rest[..d], Some(&rest[d + 1..])),
                                    None => (rest, None),
                                };
                                self.name_op_raw(Opcode::IMPORT_FROM, attr, loc);
                                match more {
                                    Some(m) => {
                                        self.emit(Opcode::SWAP, 2, loc);
                                        self.op(Opcode::POP_TOP, loc);
                                        rest = m;
                                    }
                                    None => break,
                                }
                            }
                            self.nameop(asname, ExprContext::Store, loc)?;
                            self.op(Opcode::POP_TOP, loc);
                        } else {
                            self.nameop(asname, ExprContext::Store, loc)?;
                        }
                    } else {
                        let first = name.split('.').next().unwrap_or(name);
                        self.nameop(first, ExprContext::Store, loc)?;
                    }
                }
                Ok(())
            }
            Stmt::ImportFrom(i) => {
                self.load_const(Constant::int(i64::from(i.level.unwrap_or(0))), loc);
                let names: Vec<Constant> = i.names.iter().map(|a| Constant::str(&a.name)).collect();
                // Only the future imports at the top of the file (up to `future_line`) are
                // allowed: anywhere else, in any scope, one is an error.
                if i.level.unwrap_or(0) == 0
                    && i.module.as_deref() == Some("__future__")
                    && self.future_line.is_none_or(|l| i.loc.lineno > l)
                {
                    return Err(error_at(
                        "from __future__ imports must occur at the beginning of the file",
                        i.loc,
                    ));
                }
                self.load_const(Constant::Tuple(names.into()), loc);
                let module = i.module.as_deref().unwrap_or("");
                self.name_op(Opcode::IMPORT_NAME, module, loc);
                for (k, alias) in i.names.iter().enumerate() {
                    if k == 0 && alias.name.starts_with('*') {
                        self.emit(Opcode::CALL_INTRINSIC_1, 2, loc);
                        self.op(Opcode::POP_TOP, NO_LOC);
                        return Ok(());
                    }
                    self.name_op(Opcode::IMPORT_FROM, &alias.name, loc);
                    let store = alias.asname.as_ref().unwrap_or(&alias.name);
                    self.nameop(store, ExprContext::Store, loc)?;
                }
                self.op(Opcode::POP_TOP, loc);
                Ok(())
            }
            Stmt::Global(_) | Stmt::Nonlocal(_) => Ok(()),
            Stmt::Expr(e) => {
                if self.interactive && self.units.len() <= 1 {
                    self.visit_expr(&e.value)?;
                    self.emit(Opcode::CALL_INTRINSIC_1, 1, loc);
                    self.op(Opcode::POP_TOP, NO_LOC);
                    return Ok(());
                }
                if matches!(e.value, Expr::Constant(_)) {
                    self.op(Opcode::NOP, loc);
                    return Ok(());
                }
                self.visit_expr(&e.value)?;
                self.op(Opcode::POP_TOP, NO_LOC);
                Ok(())
            }
            Stmt::Pass(_) => {
                self.op(Opcode::NOP, loc);
                Ok(())
            }
            Stmt::Break(b) => {
                let mut l = loc;
                self.op(Opcode::NOP, l);
                let lp = self.unwind_fblock_stack(&mut l, false, true, b.loc)?;
                let Some(lp) = lp else {
                    return Err(error_at("'break' outside loop", b.loc));
                };
                self.unwind_fblock_loop(&lp, &mut l)?;
                let exit = match lp {
                    FBlock::WhileLoop { exit, .. } | FBlock::ForLoop { exit, .. } => exit,
                    _ => unreachable!(),
                };
                self.jump(Opcode::JUMP, exit, l);
                Ok(())
            }
            Stmt::Continue(c) => {
                let mut l = loc;
                self.op(Opcode::NOP, l);
                let lp = self.unwind_fblock_stack(&mut l, false, true, c.loc)?;
                let Some(lp) = lp else {
                    return Err(error_at("'continue' not properly in loop", c.loc));
                };
                let start = match lp {
                    FBlock::WhileLoop { start, .. } | FBlock::ForLoop { start, .. } => start,
                    _ => unreachable!(),
                };
                self.jump(Opcode::JUMP, start, l);
                Ok(())
            }
            Stmt::TypeAlias(t) => self.compile_type_alias(s, t),
        }
    }

    fn unwind_fblock_loop(&mut self, lp: &FBlock<'t>, l: &mut Loc) -> R {
        if let FBlock::ForLoop { .. } = lp {
            self.op(Opcode::POP_TOP, *l);
        }
        Ok(())
    }

    fn compile_return(&mut self, value: Option<&'t Expr>, sloc: Location) -> R {
        let mut loc = Loc::of(sloc);
        let preserve_tos = value.is_some_and(|v| !matches!(v, Expr::Constant(_)));
        if !self.is_function_like() {
            return Err(error_at("'return' outside function", sloc));
        }
        if value.is_some() && self.ur().coroutine && self.ur().scope.is_generator() {
            return Err(error_at("'return' with value in async generator", sloc));
        }
        if preserve_tos {
            self.visit_expr(value.unwrap())?;
        } else if let Some(v) = value {
            loc = Loc::of(v.loc());
            self.op(Opcode::NOP, loc);
        }
        if value.is_none_or(|v| v.loc().lineno != sloc.lineno) {
            loc = Loc::of(sloc);
            self.op(Opcode::NOP, loc);
        }
        // An error while unwinding is reported where the code is (`*ploc` in CPython): at
        // a constant returned on the statement's line, else at the statement.
        let origin = match value {
            Some(v @ Expr::Constant(_)) if v.loc().lineno == sloc.lineno => v.loc(),
            _ => sloc,
        };
        self.unwind_fblock_stack(&mut loc, preserve_tos, false, origin)?;
        match value {
            None => self.load_const(Constant::None, loc),
            Some(v) if !preserve_tos => {
                let c = self.const_of(v).unwrap_or(Constant::None);
                self.load_const(c, loc)
            }
            _ => {}
        }
        self.op(Opcode::RETURN_VALUE, loc);
        Ok(())
    }

    fn compile_augassign(
        &mut self,
        target: &'t Expr,
        op: pyrs_ast::Operator,
        value: &'t Expr,
        sloc: Loc,
    ) -> R {
        let mut loc = Loc::of(target.loc());
        match target {
            Expr::Attribute(a) => {
                self.visit_expr(&a.value)?;
                self.emit(Opcode::COPY, 1, loc);
                loc = attr_loc(loc, a);
                self.name_op(Opcode::LOAD_ATTR, &a.attr, loc);
            }
            Expr::Subscript(s) => {
                self.visit_expr(&s.value)?;
                if is_two_element_slice(&s.slice) {
                    self.compile_slice(&s.slice)?;
                    self.emit(Opcode::COPY, 3, loc);
                    self.emit(Opcode::COPY, 3, loc);
                    self.emit(Opcode::COPY, 3, loc);
                    self.op(Opcode::BINARY_SLICE, loc);
                } else {
                    self.visit_expr(&s.slice)?;
                    self.emit(Opcode::COPY, 2, loc);
                    self.emit(Opcode::COPY, 2, loc);
                    self.op(Opcode::BINARY_SUBSCR, loc);
                }
            }
            Expr::Name(n) => self.nameop(&n.id, ExprContext::Load, loc)?,
            _ => {
                return Err(error_at(
                    "invalid node type for augmented assignment",
                    target.loc(),
                ))
            }
        }
        self.visit_expr(value)?;
        self.emit(Opcode::BINARY_OP, super::expr::binop_arg(op, true), sloc);
        let loc = Loc::of(target.loc());
        match target {
            Expr::Attribute(a) => {
                let loc = attr_loc(loc, a);
                self.emit(Opcode::SWAP, 2, loc);
                self.name_op(Opcode::STORE_ATTR, &a.attr, loc);
            }
            Expr::Subscript(s) => {
                if is_two_element_slice(&s.slice) {
                    self.emit(Opcode::SWAP, 4, loc);
                    self.emit(Opcode::SWAP, 3, loc);
                    self.emit(Opcode::SWAP, 2, loc);
                    self.op(Opcode::STORE_SLICE, loc);
                } else {
                    self.emit(Opcode::SWAP, 3, loc);
                    self.emit(Opcode::SWAP, 2, loc);
                    self.op(Opcode::STORE_SUBSCR, loc);
                }
            }
            Expr::Name(n) => self.nameop(&n.id, ExprContext::Store, loc)?,
            _ => {}
        }
        Ok(())
    }

    fn check_ann_expr(&mut self, e: &'t Expr) -> R {
        self.visit_expr(e)?;
        self.op(Opcode::POP_TOP, Loc::of(e.loc()));
        Ok(())
    }

    fn check_ann_subscr(&mut self, e: &'t Expr) -> R {
        match e {
            Expr::Slice(s) => {
                for part in [&s.lower, &s.upper, &s.step].into_iter().flatten() {
                    self.check_ann_expr(part)?;
                }
                Ok(())
            }
            Expr::Tuple(t) => {
                for el in &t.elts {
                    self.check_ann_subscr(el)?;
                }
                Ok(())
            }
            _ => self.check_ann_expr(e),
        }
    }

    fn compile_annassign(&mut self, a: &'t pyrs_ast::StmtAnnAssign, loc: Loc) -> R {
        if let Some(v) = &a.value {
            self.visit_expr(v)?;
            self.visit_expr(&a.target)?;
        }
        let module_or_class = matches!(self.ur().kind, UnitKind::Module | UnitKind::Class);
        match &a.target {
            Expr::Name(n) if a.simple != 0 && module_or_class => {
                if self.future_annotations {
                    self.annexpr(&a.annotation)?;
                } else {
                    self.visit_expr(&a.annotation)?;
                }
                self.name_op(Opcode::LOAD_NAME, "__annotations__", loc);
                let mangled = self.mangle(&n.id);
                self.load_const(Constant::str(&mangled), loc);
                self.op(Opcode::STORE_SUBSCR, loc);
            }
            Expr::Attribute(at) if a.value.is_none() => {
                self.check_ann_expr(&at.value)?;
            }
            Expr::Subscript(s) if a.value.is_none() => {
                self.check_ann_expr(&s.value)?;
                self.check_ann_subscr(&s.slice)?;
            }
            _ => {}
        }
        if a.simple == 0 && !self.future_annotations && module_or_class {
            self.check_ann_expr(&a.annotation)?;
        }
        Ok(())
    }

    fn compile_for(
        &mut self,
        target: &'t Expr,
        iter: &'t Expr,
        body: &'t [Stmt],
        orelse: &'t [Stmt],
        loc: Loc,
    ) -> R {
        let start = self.new_label();
        let body_l = self.new_label();
        let cleanup = self.new_label();
        let end = self.new_label();
        self.push_fblock(FBlock::ForLoop { start, exit: end });
        self.visit_expr(iter)?;
        let iloc = Loc::of(iter.loc());
        self.op(Opcode::GET_ITER, iloc);
        self.bind(start);
        self.jump(Opcode::FOR_ITER, cleanup, iloc);
        self.op(Opcode::NOP, Loc::of(target.loc()));
        self.bind(body_l);
        self.visit_expr(target)?;
        self.body(body)?;
        self.jump(Opcode::JUMP, start, NO_LOC);
        self.bind(cleanup);
        self.op(Opcode::END_FOR, NO_LOC);
        self.op(Opcode::POP_TOP, NO_LOC);
        self.pop_fblock();
        let _ = loc;
        self.body(orelse)?;
        self.bind(end);
        Ok(())
    }

    fn compile_async_for(
        &mut self,
        target: &'t Expr,
        iter: &'t Expr,
        body: &'t [Stmt],
        orelse: &'t [Stmt],
        sloc: Location,
    ) -> R {
        let loc = Loc::of(sloc);
        if self.is_top_level_await() {
            self.u().coroutine = true;
        } else if self.ur().kind != UnitKind::AsyncFunction {
            return Err(error_at("'async for' outside async function", sloc));
        }
        let start = self.new_label();
        let except = self.new_label();
        let end = self.new_label();
        self.visit_expr(iter)?;
        self.op(Opcode::GET_AITER, Loc::of(iter.loc()));
        self.bind(start);
        self.push_fblock(FBlock::ForLoop { start, exit: end });
        self.jump(Opcode::SETUP_FINALLY, except, loc);
        self.op(Opcode::GET_ANEXT, loc);
        self.load_const(Constant::None, loc);
        self.yield_from(loc, true);
        self.op(Opcode::POP_BLOCK, loc);
        self.visit_expr(target)?;
        self.body(body)?;
        self.jump(Opcode::JUMP, start, NO_LOC);
        self.pop_fblock();
        self.bind(except);
        self.op(Opcode::END_ASYNC_FOR, Loc::of(iter.loc()));
        self.body(orelse)?;
        self.bind(end);
        Ok(())
    }

    pub(crate) fn is_top_level_await(&self) -> bool {
        false
    }

    fn compile_while(
        &mut self,
        test: &'t Expr,
        body: &'t [Stmt],
        orelse: &'t [Stmt],
        loc: Loc,
    ) -> R {
        let lp = self.new_label();
        let body_l = self.new_label();
        let end = self.new_label();
        let anchor = self.new_label();
        self.bind(lp);
        self.push_fblock(FBlock::WhileLoop {
            start: lp,
            exit: end,
        });
        self.jump_if(test, anchor, false, loc)?;
        self.bind(body_l);
        self.body(body)?;
        self.jump_if(test, body_l, true, loc)?;
        self.pop_fblock();
        self.bind(anchor);
        self.body(orelse)?;
        self.bind(end);
        Ok(())
    }

    fn pop_except_and_reraise(&mut self, loc: Loc) {
        self.emit(Opcode::COPY, 3, loc);
        self.op(Opcode::POP_EXCEPT, loc);
        self.emit(Opcode::RERAISE, 1, loc);
    }

    fn compile_try_finally(&mut self, t: &'t StmtTry, loc: Loc, _star: bool) -> R {
        let body = self.new_label();
        let end = self.new_label();
        let exit = self.new_label();
        let cleanup = self.new_label();
        self.jump(Opcode::SETUP_FINALLY, end, loc);
        self.bind(body);
        self.push_fblock(FBlock::FinallyTry { body: &t.finalbody });
        if !t.handlers.is_empty() {
            self.compile_try_except(t, loc)?;
        } else {
            self.body(&t.body)?;
        }
        self.op(Opcode::POP_BLOCK, NO_LOC);
        self.pop_fblock();
        self.body(&t.finalbody)?;
        self.jump(Opcode::JUMP_NO_INTERRUPT, exit, NO_LOC);
        self.bind(end);
        self.jump(Opcode::SETUP_CLEANUP, cleanup, NO_LOC);
        self.op(Opcode::PUSH_EXC_INFO, NO_LOC);
        self.push_fblock(FBlock::FinallyEnd);
        self.body(&t.finalbody)?;
        self.pop_fblock();
        self.emit(Opcode::RERAISE, 0, NO_LOC);
        self.bind(cleanup);
        self.pop_except_and_reraise(NO_LOC);
        self.bind(exit);
        Ok(())
    }

    fn compile_try_except(&mut self, t: &'t StmtTry, loc: Loc) -> R {
        let body = self.new_label();
        let mut except = self.new_label();
        let end = self.new_label();
        let cleanup = self.new_label();
        self.jump(Opcode::SETUP_FINALLY, except, loc);
        self.bind(body);
        self.push_fblock(FBlock::TryExcept);
        self.body(&t.body)?;
        self.pop_fblock();
        self.op(Opcode::POP_BLOCK, NO_LOC);
        self.body(&t.orelse)?;
        self.jump(Opcode::JUMP_NO_INTERRUPT, end, NO_LOC);
        let n = t.handlers.len();
        self.bind(except);
        self.jump(Opcode::SETUP_CLEANUP, cleanup, NO_LOC);
        self.op(Opcode::PUSH_EXC_INFO, NO_LOC);
        self.push_fblock(FBlock::ExceptionHandler);
        for (i, h) in t.handlers.iter().enumerate() {
            let hloc = Loc::of(h.loc);
            if h.type_.is_none() && i + 1 < n {
                return Err(error_at("default 'except:' must be last", h.loc));
            }
            except = self.new_label();
            if let Some(ty) = &h.type_ {
                self.visit_expr(ty)?;
                self.op(Opcode::CHECK_EXC_MATCH, hloc);
                self.jump(Opcode::POP_JUMP_IF_FALSE, except, hloc);
            }
            if let Some(name) = &h.name {
                let cleanup_end = self.new_label();
                let cleanup_body = self.new_label();
                self.nameop(name, ExprContext::Store, hloc)?;
                self.jump(Opcode::SETUP_CLEANUP, cleanup_end, hloc);
                self.bind(cleanup_body);
                self.push_fblock(FBlock::HandlerCleanup { name: Some(name) });
                self.body(&h.body)?;
                self.pop_fblock();
                self.op(Opcode::POP_BLOCK, NO_LOC);
                self.op(Opcode::POP_BLOCK, NO_LOC);
                self.op(Opcode::POP_EXCEPT, NO_LOC);
                self.load_const(Constant::None, NO_LOC);
                self.nameop(name, ExprContext::Store, NO_LOC)?;
                self.nameop(name, ExprContext::Del, NO_LOC)?;
                self.jump(Opcode::JUMP_NO_INTERRUPT, end, NO_LOC);
                self.bind(cleanup_end);
                self.load_const(Constant::None, NO_LOC);
                self.nameop(name, ExprContext::Store, NO_LOC)?;
                self.nameop(name, ExprContext::Del, NO_LOC)?;
                self.emit(Opcode::RERAISE, 1, NO_LOC);
            } else {
                let cleanup_body = self.new_label();
                self.op(Opcode::POP_TOP, hloc);
                self.bind(cleanup_body);
                self.push_fblock(FBlock::HandlerCleanup { name: None });
                self.body(&h.body)?;
                self.pop_fblock();
                self.op(Opcode::POP_BLOCK, NO_LOC);
                self.op(Opcode::POP_EXCEPT, NO_LOC);
                self.jump(Opcode::JUMP_NO_INTERRUPT, end, NO_LOC);
            }
            self.bind(except);
        }
        self.pop_fblock();
        self.emit(Opcode::RERAISE, 0, NO_LOC);
        self.bind(cleanup);
        self.pop_except_and_reraise(NO_LOC);
        self.bind(end);
        Ok(())
    }

    fn compile_try_star_finally(&mut self, t: StmtTryRef<'t>, loc: Loc) -> R {
        let body = self.new_label();
        let end = self.new_label();
        let exit = self.new_label();
        let cleanup = self.new_label();
        self.jump(Opcode::SETUP_FINALLY, end, loc);
        self.bind(body);
        self.push_fblock(FBlock::FinallyTry { body: t.finalbody });
        if !t.handlers.is_empty() {
            self.compile_try_star_except(t, loc)?;
        } else {
            self.body(t.body)?;
        }
        self.op(Opcode::POP_BLOCK, NO_LOC);
        self.pop_fblock();
        self.body(t.finalbody)?;
        self.jump(Opcode::JUMP_NO_INTERRUPT, exit, NO_LOC);
        self.bind(end);
        self.jump(Opcode::SETUP_CLEANUP, cleanup, NO_LOC);
        self.op(Opcode::PUSH_EXC_INFO, NO_LOC);
        self.push_fblock(FBlock::FinallyEnd);
        self.body(t.finalbody)?;
        self.pop_fblock();
        self.emit(Opcode::RERAISE, 0, NO_LOC);
        self.bind(cleanup);
        self.pop_except_and_reraise(NO_LOC);
        self.bind(exit);
        Ok(())
    }

    /// `compiler_try_star_except`.
    fn compile_try_star_except(&mut self, t: StmtTryRef<'t>, loc: Loc) -> R {
        let body = self.new_label();
        let except = self.new_label();
        let orelse = self.new_label();
        let end = self.new_label();
        let cleanup = self.new_label();
        let reraise_star = self.new_label();
        self.jump(Opcode::SETUP_FINALLY, except, loc);
        self.bind(body);
        self.push_fblock(FBlock::TryExcept);
        self.body(t.body)?;
        self.pop_fblock();
        self.op(Opcode::POP_BLOCK, NO_LOC);
        self.jump(Opcode::JUMP_NO_INTERRUPT, orelse, NO_LOC);
        let n = t.handlers.len();
        self.bind(except);
        self.jump(Opcode::SETUP_CLEANUP, cleanup, NO_LOC);
        self.op(Opcode::PUSH_EXC_INFO, NO_LOC);
        self.push_fblock(FBlock::ExceptionGroupHandler);
        for (i, h) in t.handlers.iter().enumerate() {
            let hloc = Loc::of(h.loc);
            let next_except = self.new_label();
            let except_with_error = self.new_label();
            let no_match = self.new_label();
            if i == 0 {
                self.emit(Opcode::BUILD_LIST, 0, hloc);
                self.emit(Opcode::COPY, 2, hloc);
            }
            if let Some(ty) = &h.type_ {
                self.visit_expr(ty)?;
                self.op(Opcode::CHECK_EG_MATCH, hloc);
                self.emit(Opcode::COPY, 1, hloc);
                self.jump(Opcode::POP_JUMP_IF_NONE, no_match, hloc);
            }
            let cleanup_end = self.new_label();
            let cleanup_body = self.new_label();
            if let Some(name) = &h.name {
                self.nameop(name, ExprContext::Store, hloc)?;
            } else {
                self.op(Opcode::POP_TOP, hloc);
            }
            self.jump(Opcode::SETUP_CLEANUP, cleanup_end, hloc);
            self.bind(cleanup_body);
            self.push_fblock(FBlock::HandlerCleanup {
                name: h.name.as_deref(),
            });
            self.body(&h.body)?;
            self.pop_fblock();
            self.op(Opcode::POP_BLOCK, NO_LOC);
            if let Some(name) = &h.name {
                self.load_const(Constant::None, NO_LOC);
                self.nameop(name, ExprContext::Store, NO_LOC)?;
                self.nameop(name, ExprContext::Del, NO_LOC)?;
            }
            self.jump(Opcode::JUMP, next_except, NO_LOC);
            self.bind(cleanup_end);
            if let Some(name) = &h.name {
                self.load_const(Constant::None, NO_LOC);
                self.nameop(name, ExprContext::Store, NO_LOC)?;
                self.nameop(name, ExprContext::Del, NO_LOC)?;
            }
            self.emit(Opcode::LIST_APPEND, 3, NO_LOC);
            self.op(Opcode::POP_TOP, NO_LOC);
            self.jump(Opcode::JUMP, except_with_error, NO_LOC);
            self.bind(next_except);
            self.op(Opcode::NOP, NO_LOC);
            self.jump(Opcode::JUMP, except_with_error, NO_LOC);
            self.bind(no_match);
            self.op(Opcode::POP_TOP, hloc);
            self.bind(except_with_error);
            if i + 1 == n {
                self.emit(Opcode::LIST_APPEND, 1, NO_LOC);
                self.jump(Opcode::JUMP, reraise_star, NO_LOC);
            }
        }
        self.pop_fblock();
        let reraise = self.new_label();
        self.bind(reraise_star);
        self.emit(Opcode::CALL_INTRINSIC_2, 1, NO_LOC);
        self.emit(Opcode::COPY, 1, NO_LOC);
        self.jump(Opcode::POP_JUMP_IF_NOT_NONE, reraise, NO_LOC);
        self.op(Opcode::POP_TOP, NO_LOC);
        self.op(Opcode::POP_BLOCK, NO_LOC);
        self.op(Opcode::POP_EXCEPT, NO_LOC);
        self.jump(Opcode::JUMP_NO_INTERRUPT, end, NO_LOC);
        self.bind(reraise);
        self.op(Opcode::POP_BLOCK, NO_LOC);
        self.emit(Opcode::SWAP, 2, NO_LOC);
        self.op(Opcode::POP_EXCEPT, NO_LOC);
        self.emit(Opcode::RERAISE, 0, NO_LOC);
        self.bind(cleanup);
        self.pop_except_and_reraise(NO_LOC);
        self.bind(orelse);
        self.body(t.orelse)?;
        self.bind(end);
        Ok(())
    }

    fn compile_with(&mut self, items: &'t [WithItem], body: &'t [Stmt], pos: usize) -> R {
        let item = &items[pos];
        let block = self.new_label();
        let final_ = self.new_label();
        let exit = self.new_label();
        let cleanup = self.new_label();
        self.visit_expr(&item.context_expr)?;
        let loc = Loc::of(item.context_expr.loc());
        self.op(Opcode::BEFORE_WITH, loc);
        self.jump(Opcode::SETUP_WITH, final_, loc);
        self.bind(block);
        self.push_fblock(FBlock::With {
            loc,
            is_async: false,
        });
        if let Some(v) = &item.optional_vars {
            self.visit_expr(v)?;
        } else {
            self.op(Opcode::POP_TOP, loc);
        }
        if pos + 1 == items.len() {
            self.body(body)?;
        } else {
            self.compile_with(items, body, pos + 1)?;
        }
        self.op(Opcode::POP_BLOCK, NO_LOC);
        self.pop_fblock();
        self.call_exit_with_nones(loc);
        self.op(Opcode::POP_TOP, loc);
        self.jump(Opcode::JUMP, exit, loc);
        self.bind(final_);
        self.jump(Opcode::SETUP_CLEANUP, cleanup, loc);
        self.op(Opcode::PUSH_EXC_INFO, loc);
        self.op(Opcode::WITH_EXCEPT_START, loc);
        self.with_except_finish(cleanup);
        self.bind(exit);
        Ok(())
    }

    fn with_except_finish(&mut self, cleanup: u32) {
        let suppress = self.new_label();
        self.op(Opcode::TO_BOOL, NO_LOC);
        self.jump(Opcode::POP_JUMP_IF_TRUE, suppress, NO_LOC);
        self.emit(Opcode::RERAISE, 2, NO_LOC);
        self.bind(suppress);
        self.op(Opcode::POP_TOP, NO_LOC);
        self.op(Opcode::POP_BLOCK, NO_LOC);
        self.op(Opcode::POP_EXCEPT, NO_LOC);
        self.op(Opcode::POP_TOP, NO_LOC);
        self.op(Opcode::POP_TOP, NO_LOC);
        let exit = self.new_label();
        self.jump(Opcode::JUMP_NO_INTERRUPT, exit, NO_LOC);
        self.bind(cleanup);
        self.pop_except_and_reraise(NO_LOC);
        self.bind(exit);
    }

    fn compile_async_with(
        &mut self,
        items: &'t [WithItem],
        body: &'t [Stmt],
        pos: usize,
        sloc: Location,
    ) -> R {
        let item = &items[pos];
        if self.is_top_level_await() {
            self.u().coroutine = true;
        } else if self.ur().kind != UnitKind::AsyncFunction {
            return Err(error_at("'async with' outside async function", sloc));
        }
        let block = self.new_label();
        let final_ = self.new_label();
        let exit = self.new_label();
        let cleanup = self.new_label();
        self.visit_expr(&item.context_expr)?;
        let loc = Loc::of(item.context_expr.loc());
        self.op(Opcode::BEFORE_ASYNC_WITH, loc);
        self.emit(Opcode::GET_AWAITABLE, 1, loc);
        self.load_const(Constant::None, loc);
        self.yield_from(loc, true);
        self.jump(Opcode::SETUP_WITH, final_, loc);
        self.bind(block);
        self.push_fblock(FBlock::With {
            loc,
            is_async: true,
        });
        if let Some(v) = &item.optional_vars {
            self.visit_expr(v)?;
        } else {
            self.op(Opcode::POP_TOP, loc);
        }
        if pos + 1 == items.len() {
            self.body(body)?;
        } else {
            self.compile_async_with(items, body, pos + 1, sloc)?;
        }
        self.pop_fblock();
        self.op(Opcode::POP_BLOCK, loc);
        self.call_exit_with_nones(loc);
        self.emit(Opcode::GET_AWAITABLE, 2, loc);
        self.load_const(Constant::None, loc);
        self.yield_from(loc, true);
        self.op(Opcode::POP_TOP, loc);
        self.jump(Opcode::JUMP, exit, loc);
        self.bind(final_);
        self.jump(Opcode::SETUP_CLEANUP, cleanup, loc);
        self.op(Opcode::PUSH_EXC_INFO, loc);
        self.op(Opcode::WITH_EXCEPT_START, loc);
        self.emit(Opcode::GET_AWAITABLE, 2, loc);
        self.load_const(Constant::None, loc);
        self.yield_from(loc, true);
        self.with_except_finish(cleanup);
        self.bind(exit);
        Ok(())
    }

    // ---- functions and classes -----------------------------------------------------------

    fn decorators(&mut self, decos: &'t [Expr]) -> R {
        for d in decos {
            self.visit_expr(d)?;
        }
        Ok(())
    }

    fn apply_decorators(&mut self, decos: &'t [Expr]) {
        for d in decos.iter().rev() {
            self.emit(Opcode::CALL, 0, Loc::of(d.loc()));
        }
    }

    /// `compiler_default_arguments`: pushes the defaults tuple and the keyword-only defaults
    /// dict; returns the `SET_FUNCTION_ATTRIBUTE` bits.
    pub(crate) fn default_arguments(&mut self, args: &'t Arguments, loc: Loc) -> R<u32> {
        let mut flags = 0;
        if !args.defaults.is_empty() {
            for d in &args.defaults {
                self.visit_expr(d)?;
            }
            self.emit(Opcode::BUILD_TUPLE, args.defaults.len() as u32, loc);
            flags |= 1;
        }
        let mut keys: Vec<Constant> = Vec::new();
        for (arg, default) in args.kwonlyargs.iter().zip(&args.kw_defaults) {
            if let Some(d) = default {
                keys.push(Constant::str(&self.mangle(&arg.arg)));
                self.visit_expr(d)?;
            }
        }
        if !keys.is_empty() {
            let n = keys.len() as u32;
            self.load_const(Constant::Tuple(keys.into()), loc);
            self.emit(Opcode::BUILD_CONST_KEY_MAP, n, loc);
            flags |= 2;
        }
        Ok(flags)
    }

    fn argannotation(&mut self, name: &str, ann: Option<&'t Expr>, n: &mut u32, loc: Loc) -> R {
        let Some(ann) = ann else {
            return Ok(());
        };
        let mangled = self.mangle(name);
        self.load_const(Constant::str(&mangled), loc);
        if self.future_annotations {
            self.annexpr(ann)?;
        } else if let Expr::Starred(s) = ann {
            self.visit_expr(&s.value)?;
            self.emit(Opcode::UNPACK_SEQUENCE, 1, loc);
        } else {
            self.visit_expr(ann)?;
        }
        *n += 2;
        Ok(())
    }

    fn annotations(&mut self, args: &'t Arguments, returns: Option<&'t Expr>, loc: Loc) -> R<bool> {
        let mut n = 0u32;
        for a in &args.args {
            self.argannotation(&a.arg, a.annotation.as_ref(), &mut n, loc)?;
        }
        for a in &args.posonlyargs {
            self.argannotation(&a.arg, a.annotation.as_ref(), &mut n, loc)?;
        }
        if let Some(a) = &args.vararg {
            self.argannotation(&a.arg, a.annotation.as_ref(), &mut n, loc)?;
        }
        for a in &args.kwonlyargs {
            self.argannotation(&a.arg, a.annotation.as_ref(), &mut n, loc)?;
        }
        if let Some(a) = &args.kwarg {
            self.argannotation(&a.arg, a.annotation.as_ref(), &mut n, loc)?;
        }
        self.argannotation("return", returns, &mut n, loc)?;
        if n > 0 {
            self.emit(Opcode::BUILD_TUPLE, n, loc);
        }
        Ok(n > 0)
    }

    #[allow(clippy::too_many_arguments)]
    fn compile_function(
        &mut self,
        s: &'t Stmt,
        name: &'t str,
        args: &'t Arguments,
        body: &'t [Stmt],
        decos: &'t [Expr],
        returns: Option<&'t Expr>,
        type_params: &'t [TypeParam],
        is_async: bool,
        sloc: Location,
    ) -> R {
        self.decorators(decos)?;
        let firstlineno = decos.first().map_or(sloc.lineno, |d| d.loc().lineno);
        let loc = Loc::of(sloc);
        let is_generic = !type_params.is_empty();
        let mut funcflags = self.default_arguments(args, loc)?;
        let mut num_typeparam_args = 0u32;
        if is_generic {
            if funcflags & 1 != 0 {
                num_typeparam_args += 1;
            }
            if funcflags & 2 != 0 {
                num_typeparam_args += 1;
            }
            if num_typeparam_args == 2 {
                self.emit(Opcode::SWAP, 2, loc);
            }
            let scope = self
                .table
                .type_params_scope_of(s)
                .ok_or_else(|| super::internal("no type-parameter scope"))?;
            let tp_name = format!("<generic parameters of {name}>");
            self.enter_scope(&tp_name, UnitKind::TypeParams, scope, firstlineno)?;
            self.type_params(type_params)?;
            for i in 0..num_typeparam_args {
                self.emit(Opcode::LOAD_FAST, i, loc);
            }
        }
        if self.annotations(args, returns, loc)? {
            funcflags |= 4;
        }
        self.function_body(s, name, args, body, is_async, funcflags, firstlineno, sloc)?;
        if is_generic {
            self.emit(Opcode::SWAP, 2, loc);
            self.emit(Opcode::CALL_INTRINSIC_2, 4, loc);
            self.u().argcount = num_typeparam_args;
            let code = self.assemble(false)?;
            self.exit_scope();
            self.make_closure(code, 0, loc)?;
            if num_typeparam_args > 0 {
                self.emit(Opcode::SWAP, num_typeparam_args + 1, loc);
                self.emit(Opcode::CALL, num_typeparam_args - 1, loc);
            } else {
                self.op(Opcode::PUSH_NULL, loc);
                self.emit(Opcode::CALL, 0, loc);
            }
        }
        self.apply_decorators(decos);
        self.nameop(name, ExprContext::Store, loc)
    }

    #[allow(clippy::too_many_arguments)]
    fn function_body(
        &mut self,
        s: &'t Stmt,
        name: &'t str,
        args: &'t Arguments,
        body: &'t [Stmt],
        is_async: bool,
        funcflags: u32,
        firstlineno: u32,
        sloc: Location,
    ) -> R {
        let scope = self
            .table
            .scope_of(s)
            .ok_or_else(|| super::internal("no function scope"))?;
        let kind = if is_async {
            UnitKind::AsyncFunction
        } else {
            UnitKind::Function
        };
        self.enter_scope(name, kind, scope, firstlineno)?;
        let mut doc = None;
        if self.optimize < 2 {
            doc = docstring(body).map(super::clean_doc);
        }
        let has_doc = doc.is_some();
        self.u().consts.add(match doc {
            Some(d) => Constant::Str(d),
            None => Constant::None,
        });
        self.u().argcount = args.args.len() as u32;
        self.u().posonlyargcount = args.posonlyargs.len() as u32;
        self.u().kwonlyargcount = args.kwonlyargs.len() as u32;
        let start = self.new_label();
        self.bind(start);
        let stop_iteration = self.ur().coroutine || self.ur().scope.is_generator();
        if stop_iteration {
            self.push_fblock(FBlock::StopIteration);
        }
        for st in &body[usize::from(has_doc)..] {
            self.visit_stmt(st)?;
        }
        if stop_iteration {
            self.wrap_in_stopiteration_handler();
            self.pop_fblock();
        }
        let code = self.assemble(true)?;
        self.exit_scope();
        self.make_closure(code, funcflags, Loc::of(sloc))
    }

    /// `wrap_in_stopiteration_handler`.
    pub(crate) fn wrap_in_stopiteration_handler(&mut self) {
        let handler = self.new_label();
        let seq = &mut self.u().seq;
        let resume = seq
            .instrs
            .iter()
            .position(|i| i.op == Opcode::RESUME)
            .unwrap_or(0);
        seq.instrs.insert(
            resume,
            crate::flowgraph::Instr::new(Opcode::SETUP_CLEANUP, handler, NO_LOC),
        );
        for l in &mut seq.labels {
            if *l != u32::MAX && *l >= resume as u32 {
                *l += 1;
            }
        }
        self.load_const(Constant::None, NO_LOC);
        self.op(Opcode::RETURN_VALUE, NO_LOC);
        self.bind(handler);
        self.emit(Opcode::CALL_INTRINSIC_1, 3, NO_LOC);
        self.emit(Opcode::RERAISE, 1, NO_LOC);
    }

    fn compile_class(&mut self, s: &'t Stmt, c: &'t StmtClassDef) -> R {
        self.decorators(&c.decorator_list)?;
        let firstlineno = c
            .decorator_list
            .first()
            .map_or(c.loc.lineno, |d| d.loc().lineno);
        let loc = Loc::of(c.loc);
        let is_generic = !c.type_params.is_empty();
        if is_generic {
            let scope = self
                .table
                .type_params_scope_of(s)
                .ok_or_else(|| super::internal("no type-parameter scope"))?;
            let tp_name = format!("<generic parameters of {}>", c.name);
            self.enter_scope(&tp_name, UnitKind::TypeParams, scope, firstlineno)?;
            let private = self.intern(&c.name);
            self.u().private = Some(private);
            self.type_params(&c.type_params)?;
            self.nameop(".type_params", ExprContext::Store, loc)?;
        }
        self.class_body(s, c, firstlineno)?;
        if is_generic {
            self.nameop(".type_params", ExprContext::Load, loc)?;
            self.emit(Opcode::CALL_INTRINSIC_1, 10, loc);
            self.nameop(".generic_base", ExprContext::Store, loc)?;
            // The bases, then .generic_base.
            let bases = Exprs {
                items: &c.bases,
                extra: Some(generic_base()),
            };
            self.call_helper(loc, 2, bases, &c.keywords)?;
            let code = self.assemble(false)?;
            self.exit_scope();
            self.make_closure(code, 0, loc)?;
            self.op(Opcode::PUSH_NULL, loc);
            self.emit(Opcode::CALL, 0, loc);
        } else {
            self.call_helper(loc, 2, Exprs::of(&c.bases), &c.keywords)?;
        }
        self.apply_decorators(&c.decorator_list);
        self.nameop(&c.name, ExprContext::Store, loc)
    }

    fn class_body(&mut self, s: &'t Stmt, c: &'t StmtClassDef, firstlineno: u32) -> R {
        let scope = self
            .table
            .scope_of(s)
            .ok_or_else(|| super::internal("no class scope"))?;
        self.enter_scope(&c.name, UnitKind::Class, scope, firstlineno)?;
        let loc = Loc {
            lineno: firstlineno as i32,
            end_lineno: firstlineno as i32,
            col: 0,
            end_col: 0,
        };
        let private = self.intern(&c.name);
        self.u().private = Some(private);
        self.nameop("__name__", ExprContext::Load, loc)?;
        self.nameop("__module__", ExprContext::Store, loc)?;
        let q = self.ur().qualname.clone();
        self.load_const(Constant::str(&q), loc);
        self.nameop("__qualname__", ExprContext::Store, loc)?;
        self.load_const(Constant::int(i64::from(firstlineno)), loc);
        self.nameop("__firstlineno__", ExprContext::Store, loc)?;
        if !c.type_params.is_empty() {
            self.nameop(".type_params", ExprContext::Load, loc)?;
            self.nameop("__type_params__", ExprContext::Store, loc)?;
        }
        if self.ur().scope.needs_classdict() {
            self.op(Opcode::LOAD_LOCALS, loc);
            let i = self.deref_index_of("__classdict__", false)?;
            self.emit(Opcode::STORE_DEREF, i, loc);
        }
        self.compile_body(loc, &c.body)?;
        let attrs = self.u().static_attributes.take().unwrap_or_default();
        let mut attrs: Vec<&str> = attrs.iter().map(|&a| self.text(a)).collect();
        attrs.sort_unstable();
        let t: Vec<Constant> = attrs.iter().map(|a| Constant::str(a)).collect();
        self.load_const(Constant::Tuple(t.into()), NO_LOC);
        self.nameop("__static_attributes__", ExprContext::Store, NO_LOC)?;
        if self.ur().scope.needs_classdict() {
            let i = self.deref_index_of("__classdict__", false)?;
            self.emit(Opcode::LOAD_CLOSURE, i, NO_LOC);
            self.nameop("__classdictcell__", ExprContext::Store, NO_LOC)?;
        }
        if self.ur().scope.needs_class_closure() {
            let i = self.deref_index_of("__class__", false)?;
            self.emit(Opcode::LOAD_CLOSURE, i, NO_LOC);
            self.emit(Opcode::COPY, 1, NO_LOC);
            self.nameop("__classcell__", ExprContext::Store, NO_LOC)?;
        } else {
            self.load_const(Constant::None, NO_LOC);
        }
        self.op(Opcode::RETURN_VALUE, NO_LOC);
        // optimize_and_assemble(c, 1)
        let code = self.assemble(true)?;
        self.exit_scope();
        let loc = Loc::of(c.loc);
        self.op(Opcode::LOAD_BUILD_CLASS, loc);
        self.op(Opcode::PUSH_NULL, loc);
        self.make_closure(code, 0, loc)?;
        self.load_const(Constant::str(&c.name), loc);
        Ok(())
    }

    /// `compiler_type_params`.
    fn type_params(&mut self, params: &'t [TypeParam]) -> R {
        let n = params.len();
        for tp in params {
            let (name, loc) = match tp {
                TypeParam::TypeVar(t) => (&t.name, t.loc),
                TypeParam::ParamSpec(t) => (&t.name, t.loc),
                TypeParam::TypeVarTuple(t) => (&t.name, t.loc),
            };
            let l = Loc::of(loc);
            match tp {
                TypeParam::TypeVar(t) => {
                    if let Some(bound) = &t.bound {
                        let intrinsic = if matches!(bound, Expr::Tuple(_)) {
                            3
                        } else {
                            2
                        };
                        self.load_const(Constant::str(name), l);
                        self.type_param_bound_or_default(bound, name, tp, false)?;
                        self.emit(Opcode::CALL_INTRINSIC_2, intrinsic, l);
                    } else {
                        self.load_const(Constant::str(name), l);
                        self.emit(Opcode::CALL_INTRINSIC_1, 7, l);
                    }
                    if let Some(d) = &t.default_value {
                        self.type_param_bound_or_default(d, name, tp, true)?;
                        self.emit(Opcode::CALL_INTRINSIC_2, 5, l);
                    }
                }
                TypeParam::TypeVarTuple(t) => {
                    self.load_const(Constant::str(name), l);
                    self.emit(Opcode::CALL_INTRINSIC_1, 9, l);
                    if let Some(d) = &t.default_value {
                        self.type_param_bound_or_default(d, name, tp, true)?;
                        self.emit(Opcode::CALL_INTRINSIC_2, 5, l);
                    }
                }
                TypeParam::ParamSpec(t) => {
                    self.load_const(Constant::str(name), l);
                    self.emit(Opcode::CALL_INTRINSIC_1, 8, l);
                    if let Some(d) = &t.default_value {
                        self.type_param_bound_or_default(d, name, tp, true)?;
                        self.emit(Opcode::CALL_INTRINSIC_2, 5, l);
                    }
                }
            }
            self.emit(Opcode::COPY, 1, l);
            self.nameop(name, ExprContext::Store, l)?;
        }
        let loc = params.first().map_or(NO_LOC, |p| Loc::of(tp_loc(p)));
        self.emit(Opcode::BUILD_TUPLE, n as u32, loc);
        Ok(())
    }

    /// `compiler_type_param_bound_or_default`: a lazily evaluated scope.
    fn type_param_bound_or_default(
        &mut self,
        e: &'t Expr,
        name: &str,
        tp: &'t TypeParam,
        default: bool,
    ) -> R {
        let scope = if default {
            self.table.default_scope_of(tp)
        } else {
            self.table.bound_scope_of(tp)
        }
        .ok_or_else(|| super::internal("no type-variable scope"))?;
        let loc = e.loc();
        self.enter_scope(name, UnitKind::TypeParams, scope, loc.lineno)?;
        match e {
            // A TypeVarTuple's default may be starred: `*Ts = *tuple[int]`.
            Expr::Starred(st) if default => {
                self.visit_expr(&st.value)?;
                self.emit(Opcode::UNPACK_SEQUENCE, 1, Loc::of(loc));
            }
            _ => self.visit_expr(e)?,
        }
        self.op(Opcode::RETURN_VALUE, Loc::of(loc));
        let code = self.assemble(true)?;
        self.exit_scope();
        self.make_closure(code, 0, Loc::of(loc))
    }

    fn compile_type_alias(&mut self, s: &'t Stmt, t: &'t pyrs_ast::StmtTypeAlias) -> R {
        let loc = Loc::of(t.loc);
        let Expr::Name(name) = &t.name else {
            return Err(super::internal("type alias name"));
        };
        let name: &'t str = &name.id;
        let is_generic = !t.type_params.is_empty();
        if is_generic {
            let scope = self
                .table
                .type_params_scope_of(s)
                .ok_or_else(|| super::internal("no type-parameter scope"))?;
            let tp_name = format!("<generic parameters of {name}>");
            self.enter_scope(&tp_name, UnitKind::TypeParams, scope, t.loc.lineno)?;
            self.load_const(Constant::str(name), loc);
            self.type_params(&t.type_params)?;
        } else {
            self.load_const(Constant::str(name), loc);
            self.load_const(Constant::None, loc);
        }
        let scope = self
            .table
            .scope_of(s)
            .ok_or_else(|| super::internal("no type alias scope"))?;
        self.enter_scope(name, UnitKind::Function, scope, t.loc.lineno)?;
        // None first, so that the function has no docstring.
        self.u().consts.add(Constant::None);
        self.visit_expr(&t.value)?;
        self.op(Opcode::RETURN_VALUE, loc);
        let code = self.assemble(false)?;
        self.exit_scope();
        self.make_closure(code, 0, loc)?;
        self.emit(Opcode::BUILD_TUPLE, 3, loc);
        self.emit(Opcode::CALL_INTRINSIC_1, 11, loc);
        if is_generic {
            self.op(Opcode::RETURN_VALUE, loc);
            let code = self.assemble(false)?;
            self.exit_scope();
            self.make_closure(code, 0, loc)?;
            self.op(Opcode::PUSH_NULL, loc);
            self.emit(Opcode::CALL, 0, loc);
        }
        self.nameop(name, ExprContext::Store, loc)
    }
}

/// The name `.generic_base`, the last base of a generic class.
fn generic_base() -> &'static Expr {
    static NODE: std::sync::OnceLock<Expr> = std::sync::OnceLock::new();
    NODE.get_or_init(|| {
        Expr::from(pyrs_ast::ExprName {
            id: ".generic_base".into(),
            ctx: ExprContext::Load,
            loc: Location::default(),
        })
    })
}

fn tp_loc(p: &TypeParam) -> Location {
    match p {
        TypeParam::TypeVar(t) => t.loc,
        TypeParam::ParamSpec(t) => t.loc,
        TypeParam::TypeVarTuple(t) => t.loc,
    }
}

/// The parts of a `try`/`try*` statement.
#[derive(Clone, Copy)]
pub(crate) struct StmtTryRef<'a> {
    body: &'a [Stmt],
    handlers: &'a [pyrs_ast::ExceptHandler],
    orelse: &'a [Stmt],
    finalbody: &'a [Stmt],
}

pub(crate) fn is_two_element_slice(e: &Expr) -> bool {
    matches!(e, Expr::Slice(s) if s.step.is_none())
}

/// `update_start_location_to_match_attr`.
pub(crate) fn attr_loc(mut loc: Loc, attr: &pyrs_ast::ExprAttribute) -> Loc {
    let end_line = attr.loc.end_lineno as i32;
    if loc.lineno != end_line {
        loc.lineno = end_line;
        let len = attr.attr.chars().count() as i32;
        if len <= attr.loc.end_col_offset as i32 {
            loc.col = attr.loc.end_col_offset as i32 - len;
        } else {
            loc.col = -1;
            loc.end_col = -1;
        }
        loc.end_lineno = loc.lineno.max(loc.end_lineno);
        if loc.lineno == loc.end_lineno {
            loc.end_col = loc.col.max(loc.end_col);
        }
    }
    loc
}
