//! Expressions: `compiler_visit_expr` and the functions it calls (calls, displays,
//! comprehensions, lambdas, conditions, f-strings), and the annotation strings of
//! `from __future__ import annotations` (Python/ast_unparse.c).

use pyrs_ast::{
    BoolOp, CmpOp, Comprehension, Constant as AstConst, Expr, ExprContext, Keyword, Location,
    Operator, UnaryOp,
};
use pyrs_bytecode::oparg::{BinaryOp, ComparisonOp};
use pyrs_bytecode::{Constant, Opcode};

use super::stmt::{attr_loc, is_two_element_slice};
use super::{error_at, Compiler, Exprs, FBlock, UnitKind, R, STACK_USE_GUIDELINE};
use crate::flowgraph::{Loc, NO_LOC};
use crate::symtable::{scope_of_bits, ComprehensionKind, Flags, Name, SymbolScope};

/// `BINARY_OP`'s oparg for an operator.
pub(crate) fn binop_arg(op: Operator, inplace: bool) -> u32 {
    let b = match op {
        Operator::Add => BinaryOp::Add,
        Operator::Sub => BinaryOp::Subtract,
        Operator::Mult => BinaryOp::Multiply,
        Operator::MatMult => BinaryOp::MatrixMultiply,
        Operator::Div => BinaryOp::TrueDivide,
        Operator::Mod => BinaryOp::Remainder,
        Operator::Pow => BinaryOp::Power,
        Operator::LShift => BinaryOp::Lshift,
        Operator::RShift => BinaryOp::Rshift,
        Operator::BitOr => BinaryOp::Or,
        Operator::BitXor => BinaryOp::Xor,
        Operator::BitAnd => BinaryOp::And,
        Operator::FloorDiv => BinaryOp::FloorDivide,
    };
    if inplace {
        b.inplace().oparg()
    } else {
        b.oparg()
    }
}

/// State saved around an inlined comprehension (`inlined_comprehension_state`).
struct InlineState {
    pushed_locals: Vec<Name>,
    temp_symbols: Vec<(Name, Option<Option<SymbolScope>>, Option<bool>)>,
    fast_hidden: Vec<Name>,
    cleanup: u32,
    end: u32,
}

impl<'t> Compiler<'t> {
    pub(crate) fn visit_expr(&mut self, e: &'t Expr) -> R {
        // Leaves, most of the nodes, recurse no further.
        if matches!(e, Expr::Name(_) | Expr::Constant(_)) {
            return self.visit_expr_inner(e);
        }
        self.enter()?;
        let r = self.visit_expr_inner(e);
        self.leave();
        r
    }

    fn visit_exprs(&mut self, es: &'t [Expr]) -> R {
        for e in es {
            self.visit_expr(e)?;
        }
        Ok(())
    }

    fn visit_expr_inner(&mut self, e: &'t Expr) -> R {
        let loc = Loc::of(e.loc());
        match e {
            Expr::BoolOp(b) => {
                let jump = if b.op == BoolOp::And {
                    Opcode::POP_JUMP_IF_FALSE
                } else {
                    Opcode::POP_JUMP_IF_TRUE
                };
                let end = self.new_label();
                let n = b.values.len() - 1;
                for v in &b.values[..n] {
                    self.visit_expr(v)?;
                    self.emit(Opcode::COPY, 1, loc);
                    self.op(Opcode::TO_BOOL, loc);
                    self.jump(jump, end, loc);
                    self.op(Opcode::POP_TOP, loc);
                }
                self.visit_expr(&b.values[n])?;
                self.bind(end);
            }
            Expr::NamedExpr(n) => {
                self.visit_expr(&n.value)?;
                self.emit(Opcode::COPY, 1, loc);
                self.visit_expr(&n.target)?;
            }
            Expr::BinOp(b) => {
                self.visit_expr(&b.left)?;
                self.visit_expr(&b.right)?;
                self.emit(Opcode::BINARY_OP, binop_arg(b.op, false), loc);
            }
            Expr::UnaryOp(u) => {
                self.visit_expr(&u.operand)?;
                match u.op {
                    UnaryOp::UAdd => self.emit(Opcode::CALL_INTRINSIC_1, 5, loc),
                    UnaryOp::Not => {
                        self.op(Opcode::TO_BOOL, loc);
                        self.op(Opcode::UNARY_NOT, loc);
                    }
                    UnaryOp::Invert => self.op(Opcode::UNARY_INVERT, loc),
                    UnaryOp::USub => self.op(Opcode::UNARY_NEGATIVE, loc),
                }
            }
            Expr::Lambda(l) => self.compile_lambda(e, l)?,
            Expr::IfExp(i) => {
                let end = self.new_label();
                let next = self.new_label();
                self.jump_if(&i.test, next, false, loc)?;
                self.visit_expr(&i.body)?;
                self.jump(Opcode::JUMP_NO_INTERRUPT, end, NO_LOC);
                self.bind(next);
                self.visit_expr(&i.orelse)?;
                self.bind(end);
            }
            Expr::Dict(d) => self.compile_dict(d, loc)?,
            Expr::Set(s) => self.starunpack(
                loc,
                Exprs::of(&s.elts),
                0,
                Opcode::BUILD_SET,
                Opcode::SET_ADD,
                Opcode::SET_UPDATE,
                false,
            )?,
            Expr::ListComp(c) => {
                self.compile_comprehension(e, ComprehensionKind::List, &c.generators, &c.elt, None)?
            }
            Expr::SetComp(c) => {
                self.compile_comprehension(e, ComprehensionKind::Set, &c.generators, &c.elt, None)?
            }
            Expr::DictComp(c) => self.compile_comprehension(
                e,
                ComprehensionKind::Dict,
                &c.generators,
                &c.key,
                Some(&c.value),
            )?,
            Expr::GeneratorExp(c) => self.compile_comprehension(
                e,
                ComprehensionKind::Generator,
                &c.generators,
                &c.elt,
                None,
            )?,
            Expr::Await(a) => {
                if !self.is_top_level_await() {
                    if !self.is_function_like() {
                        return Err(error_at("'await' outside function", a.loc));
                    }
                    if !matches!(
                        self.ur().kind,
                        UnitKind::AsyncFunction | UnitKind::Comprehension
                    ) {
                        return Err(error_at("'await' outside async function", a.loc));
                    }
                }
                self.visit_expr(&a.value)?;
                self.emit(Opcode::GET_AWAITABLE, 0, loc);
                self.load_const(Constant::None, loc);
                self.yield_from(loc, true);
            }
            Expr::Yield(y) => {
                if !self.is_function_like() {
                    return Err(error_at("'yield' outside function", y.loc));
                }
                match &y.value {
                    Some(v) => self.visit_expr(v)?,
                    None => self.load_const(Constant::None, loc),
                }
                self.add_yield(loc);
            }
            Expr::YieldFrom(y) => {
                if !self.is_function_like() {
                    return Err(error_at("'yield from' outside function", y.loc));
                }
                if self.ur().kind == UnitKind::AsyncFunction {
                    return Err(error_at("'yield from' inside async function", y.loc));
                }
                self.visit_expr(&y.value)?;
                self.op(Opcode::GET_YIELD_FROM_ITER, loc);
                self.load_const(Constant::None, loc);
                self.yield_from(loc, false);
            }
            Expr::Compare(c) => {
                self.check_compare(c);
                self.visit_expr(&c.left)?;
                let n = c.ops.len() - 1;
                if n == 0 {
                    self.visit_expr(&c.comparators[0])?;
                    self.compare_op(c.ops[0], loc);
                } else {
                    let cleanup = self.new_label();
                    for i in 0..n {
                        self.visit_expr(&c.comparators[i])?;
                        self.emit(Opcode::SWAP, 2, loc);
                        self.emit(Opcode::COPY, 2, loc);
                        self.compare_op(c.ops[i], loc);
                        self.emit(Opcode::COPY, 1, loc);
                        self.op(Opcode::TO_BOOL, loc);
                        self.jump(Opcode::POP_JUMP_IF_FALSE, cleanup, loc);
                        self.op(Opcode::POP_TOP, loc);
                    }
                    self.visit_expr(&c.comparators[n])?;
                    self.compare_op(c.ops[n], loc);
                    let end = self.new_label();
                    self.jump(Opcode::JUMP_NO_INTERRUPT, end, NO_LOC);
                    self.bind(cleanup);
                    self.emit(Opcode::SWAP, 2, loc);
                    self.op(Opcode::POP_TOP, loc);
                    self.bind(end);
                }
            }
            Expr::Call(c) => self.compile_call(c)?,
            Expr::FormattedValue(f) => {
                self.visit_expr(&f.value)?;
                let conv = match f.conversion {
                    115 => Some(1),
                    114 => Some(2),
                    97 => Some(3),
                    _ => None,
                };
                if let Some(c) = conv {
                    self.emit(Opcode::CONVERT_VALUE, c, loc);
                }
                if let Some(spec) = &f.format_spec {
                    self.visit_expr(spec)?;
                    self.op(Opcode::FORMAT_WITH_SPEC, loc);
                } else {
                    self.op(Opcode::FORMAT_SIMPLE, loc);
                }
            }
            Expr::JoinedStr(j) => {
                let n = j.values.len();
                if n > STACK_USE_GUIDELINE {
                    self.load_const(Constant::str(""), loc);
                    self.name_op(Opcode::LOAD_METHOD, "join", loc);
                    self.emit(Opcode::BUILD_LIST, 0, loc);
                    for v in &j.values {
                        self.visit_expr(v)?;
                        self.emit(Opcode::LIST_APPEND, 1, loc);
                    }
                    self.emit(Opcode::CALL, 1, loc);
                } else {
                    self.visit_exprs(&j.values)?;
                    if n > 1 {
                        self.emit(Opcode::BUILD_STRING, n as u32, loc);
                    } else if n == 0 {
                        self.load_const(Constant::str(""), loc);
                    }
                }
            }
            Expr::Constant(c) => match self.folded.literal(c) {
                // A literal is looked for in the table by reference, and copied only when new.
                Some(lit) => {
                    let i = self.u().consts.add_literal(lit);
                    self.emit(Opcode::LOAD_CONST, i, loc);
                }
                None => self.load_const(self.folded.value(c), loc),
            },
            Expr::Attribute(a) => {
                if a.ctx == ExprContext::Load && self.can_optimize_super_call(a) {
                    let Expr::Call(call) = &a.value else {
                        unreachable!()
                    };
                    self.load_args_for_super(call)?;
                    let op = if call.args.is_empty() {
                        Opcode::LOAD_ZERO_SUPER_ATTR
                    } else {
                        Opcode::LOAD_SUPER_ATTR
                    };
                    self.name_op(op, &a.attr, loc);
                    let l = attr_loc(loc, a);
                    self.op(Opcode::NOP, l);
                    return Ok(());
                }
                self.maybe_add_static_attribute(a);
                self.visit_expr(&a.value)?;
                let l = attr_loc(loc, a);
                let op = match a.ctx {
                    ExprContext::Load => Opcode::LOAD_ATTR,
                    ExprContext::Store => Opcode::STORE_ATTR,
                    ExprContext::Del => Opcode::DELETE_ATTR,
                };
                self.name_op(op, &a.attr, l);
            }
            Expr::Subscript(s) => {
                if s.ctx == ExprContext::Load {
                    self.check_subscript(&s.value, &s.slice);
                }
                self.visit_expr(&s.value)?;
                if is_two_element_slice(&s.slice) && s.ctx != ExprContext::Del {
                    self.compile_slice(&s.slice)?;
                    if s.ctx == ExprContext::Load {
                        self.op(Opcode::BINARY_SLICE, loc);
                    } else {
                        self.op(Opcode::STORE_SLICE, loc);
                    }
                } else {
                    self.visit_expr(&s.slice)?;
                    let op = match s.ctx {
                        ExprContext::Load => Opcode::BINARY_SUBSCR,
                        ExprContext::Store => Opcode::STORE_SUBSCR,
                        ExprContext::Del => Opcode::DELETE_SUBSCR,
                    };
                    self.op(op, loc);
                }
            }
            Expr::Starred(s) => {
                return Err(match s.ctx {
                    ExprContext::Store => error_at(
                        "starred assignment target must be in a list or tuple",
                        s.loc,
                    ),
                    _ => error_at("can't use starred expression here", s.loc),
                });
            }
            Expr::Name(n) => self.nameop(&n.id, n.ctx, loc)?,
            Expr::List(l) => match l.ctx {
                ExprContext::Store => self.assignment_helper(&l.elts, loc, l.loc)?,
                ExprContext::Load => self.starunpack(
                    loc,
                    Exprs::of(&l.elts),
                    0,
                    Opcode::BUILD_LIST,
                    Opcode::LIST_APPEND,
                    Opcode::LIST_EXTEND,
                    false,
                )?,
                ExprContext::Del => self.visit_exprs(&l.elts)?,
            },
            Expr::Tuple(t) => match t.ctx {
                ExprContext::Store => self.assignment_helper(&t.elts, loc, t.loc)?,
                ExprContext::Load => self.starunpack(
                    loc,
                    Exprs::of(&t.elts),
                    0,
                    Opcode::BUILD_LIST,
                    Opcode::LIST_APPEND,
                    Opcode::LIST_EXTEND,
                    true,
                )?,
                ExprContext::Del => self.visit_exprs(&t.elts)?,
            },
            Expr::Slice(_) => {
                let n = self.compile_slice(e)?;
                self.emit(Opcode::BUILD_SLICE, n, loc);
            }
        }
        Ok(())
    }

    fn add_yield(&mut self, loc: Loc) {
        if self.ur().scope.is_generator() && self.ur().coroutine {
            self.emit(Opcode::CALL_INTRINSIC_1, 4, loc);
        }
        self.emit(Opcode::YIELD_VALUE, 0, loc);
        self.emit(Opcode::RESUME, 1, loc);
    }

    fn compare_op(&mut self, op: CmpOp, loc: Loc) {
        let cmp = match op {
            CmpOp::Eq => ComparisonOp::Eq,
            CmpOp::NotEq => ComparisonOp::Ne,
            CmpOp::Lt => ComparisonOp::Lt,
            CmpOp::LtE => ComparisonOp::Le,
            CmpOp::Gt => ComparisonOp::Gt,
            CmpOp::GtE => ComparisonOp::Ge,
            CmpOp::Is => return self.emit(Opcode::IS_OP, 0, loc),
            CmpOp::IsNot => return self.emit(Opcode::IS_OP, 1, loc),
            CmpOp::In => return self.emit(Opcode::CONTAINS_OP, 0, loc),
            CmpOp::NotIn => return self.emit(Opcode::CONTAINS_OP, 1, loc),
        };
        self.emit(Opcode::COMPARE_OP, (cmp.index() << 5) | cmp.mask(), loc);
    }

    /// `compiler_jump_if`: jumps to `next` when the truth of `e` is `cond`.
    pub(crate) fn jump_if(&mut self, e: &'t Expr, next: u32, cond: bool, loc: Loc) -> R {
        self.enter()?;
        let r = self.jump_if_inner(e, next, cond, loc);
        self.leave();
        r
    }

    fn jump_if_inner(&mut self, e: &'t Expr, next: u32, cond: bool, loc: Loc) -> R {
        match e {
            Expr::UnaryOp(u) if u.op == UnaryOp::Not => {
                return self.jump_if(&u.operand, next, !cond, loc);
            }
            Expr::BoolOp(b) => {
                let n = b.values.len() - 1;
                let cond2 = b.op == BoolOp::Or;
                let next2 = if cond2 != cond {
                    self.new_label()
                } else {
                    next
                };
                for v in &b.values[..n] {
                    self.jump_if(v, next2, cond2, loc)?;
                }
                self.jump_if(&b.values[n], next, cond, loc)?;
                if next2 != next {
                    self.bind(next2);
                }
                return Ok(());
            }
            Expr::IfExp(i) => {
                let end = self.new_label();
                let next2 = self.new_label();
                self.jump_if(&i.test, next2, false, loc)?;
                self.jump_if(&i.body, next, cond, loc)?;
                self.jump(Opcode::JUMP_NO_INTERRUPT, end, NO_LOC);
                self.bind(next2);
                self.jump_if(&i.orelse, next, cond, loc)?;
                self.bind(end);
                return Ok(());
            }
            Expr::Compare(c) if c.ops.len() > 1 => {
                self.check_compare(c);
                let eloc = Loc::of(c.loc);
                let n = c.ops.len() - 1;
                let cleanup = self.new_label();
                self.visit_expr(&c.left)?;
                for i in 0..n {
                    self.visit_expr(&c.comparators[i])?;
                    self.emit(Opcode::SWAP, 2, eloc);
                    self.emit(Opcode::COPY, 2, eloc);
                    self.compare_op(c.ops[i], eloc);
                    self.op(Opcode::TO_BOOL, eloc);
                    self.jump(Opcode::POP_JUMP_IF_FALSE, cleanup, eloc);
                }
                self.visit_expr(&c.comparators[n])?;
                self.compare_op(c.ops[n], eloc);
                self.op(Opcode::TO_BOOL, eloc);
                let j = if cond {
                    Opcode::POP_JUMP_IF_TRUE
                } else {
                    Opcode::POP_JUMP_IF_FALSE
                };
                self.jump(j, next, eloc);
                let end = self.new_label();
                self.jump(Opcode::JUMP_NO_INTERRUPT, end, NO_LOC);
                self.bind(cleanup);
                self.op(Opcode::POP_TOP, eloc);
                if !cond {
                    self.jump(Opcode::JUMP_NO_INTERRUPT, next, NO_LOC);
                }
                self.bind(end);
                return Ok(());
            }
            _ => {}
        }
        self.visit_expr(e)?;
        let eloc = Loc::of(e.loc());
        self.op(Opcode::TO_BOOL, eloc);
        let j = if cond {
            Opcode::POP_JUMP_IF_TRUE
        } else {
            Opcode::POP_JUMP_IF_FALSE
        };
        self.jump(j, next, eloc);
        Ok(())
    }

    /// `compiler_slice`: pushes the bounds, returns how many.
    pub(crate) fn compile_slice(&mut self, s: &'t Expr) -> R<u32> {
        let Expr::Slice(s) = s else {
            return Ok(0);
        };
        let loc = Loc::of(s.loc);
        let mut n = 2;
        match &s.lower {
            Some(l) => self.visit_expr(l)?,
            None => self.load_const(Constant::None, loc),
        }
        match &s.upper {
            Some(u) => self.visit_expr(u)?,
            None => self.load_const(Constant::None, loc),
        }
        if let Some(st) = &s.step {
            n += 1;
            self.visit_expr(st)?;
        }
        Ok(n)
    }

    fn assignment_helper(&mut self, elts: &'t [Expr], loc: Loc, l: Location) -> R {
        let n = elts.len();
        let mut seen_star = false;
        for (i, el) in elts.iter().enumerate() {
            if let Expr::Starred(_) = el {
                if seen_star {
                    return Err(error_at("multiple starred expressions in assignment", l));
                }
                if i >= 256 || n - i > (i32::MAX as usize >> 8) {
                    return Err(error_at(
                        "too many expressions in star-unpacking assignment",
                        l,
                    ));
                }
                self.emit(Opcode::UNPACK_EX, (i + ((n - i - 1) << 8)) as u32, loc);
                seen_star = true;
            }
        }
        if !seen_star {
            self.emit(Opcode::UNPACK_SEQUENCE, n as u32, loc);
        }
        for el in elts {
            match el {
                Expr::Starred(s) => self.visit_expr(&s.value)?,
                _ => self.visit_expr(el)?,
            }
        }
        Ok(())
    }

    fn all_const(&self, elts: Exprs<'t>) -> Option<Vec<Constant>> {
        let mut items = elts.iter();
        // The first element decides most displays that are not constant, before anything is
        // allocated.
        let first = self.const_of(items.next()?)?;
        let mut out = Vec::with_capacity(elts.len());
        out.push(first);
        for e in items {
            out.push(self.const_of(e)?);
        }
        Some(out)
    }

    /// `starunpack_helper`: a list, tuple or set display, or positional call arguments.
    #[allow(clippy::too_many_arguments)]
    fn starunpack(
        &mut self,
        loc: Loc,
        elts: Exprs<'t>,
        pushed: u32,
        build: Opcode,
        add: Opcode,
        extend: Opcode,
        tuple: bool,
    ) -> R {
        let n = elts.len();
        if n > 2 {
            if let Some(items) = self.all_const(elts) {
                if tuple && pushed == 0 {
                    self.load_const(Constant::Tuple(items.into()), loc);
                } else {
                    let folded = if add == Opcode::SET_ADD {
                        Constant::FrozenSet(crate::ast_opt::frozenset_order(items).into())
                    } else {
                        Constant::Tuple(items.into())
                    };
                    self.emit(build, pushed, loc);
                    self.load_const(folded, loc);
                    self.emit(extend, 1, loc);
                    if tuple {
                        self.emit(Opcode::CALL_INTRINSIC_1, 6, loc);
                    }
                }
                return Ok(());
            }
        }
        let big = n + pushed as usize > STACK_USE_GUIDELINE;
        let seen_star = elts.iter().any(|e| matches!(e, Expr::Starred(_)));
        if !seen_star && !big {
            for e in elts.iter() {
                self.visit_expr(e)?;
            }
            let op = if tuple { Opcode::BUILD_TUPLE } else { build };
            self.emit(op, n as u32 + pushed, loc);
            return Ok(());
        }
        let mut built = false;
        if big {
            self.emit(build, pushed, loc);
            built = true;
        }
        for (i, e) in elts.iter().enumerate() {
            if let Expr::Starred(s) = e {
                if !built {
                    self.emit(build, i as u32 + pushed, loc);
                    built = true;
                }
                self.visit_expr(&s.value)?;
                self.emit(extend, 1, loc);
            } else {
                self.visit_expr(e)?;
                if built {
                    self.emit(add, 1, loc);
                }
            }
        }
        if tuple {
            self.emit(Opcode::CALL_INTRINSIC_1, 6, loc);
        }
        Ok(())
    }

    fn subdict(&mut self, d: &'t pyrs_ast::ExprDict, begin: usize, end: usize, loc: Loc) -> R {
        let n = end - begin;
        let big = n * 2 > STACK_USE_GUIDELINE;
        if n > 1 && !big {
            let keys: Option<Vec<Constant>> = d.keys[begin..end]
                .iter()
                .map(|k| k.as_ref().and_then(|k| self.const_of(k)))
                .collect();
            if let Some(keys) = keys {
                for v in &d.values[begin..end] {
                    self.visit_expr(v)?;
                }
                self.load_const(Constant::Tuple(keys.into()), loc);
                self.emit(Opcode::BUILD_CONST_KEY_MAP, n as u32, loc);
                return Ok(());
            }
        }
        if big {
            self.emit(Opcode::BUILD_MAP, 0, loc);
        }
        for i in begin..end {
            if let Some(k) = &d.keys[i] {
                self.visit_expr(k)?;
            }
            self.visit_expr(&d.values[i])?;
            if big {
                self.emit(Opcode::MAP_ADD, 1, loc);
            }
        }
        if !big {
            self.emit(Opcode::BUILD_MAP, n as u32, loc);
        }
        Ok(())
    }

    fn compile_dict(&mut self, d: &'t pyrs_ast::ExprDict, loc: Loc) -> R {
        let n = d.values.len();
        let mut have_dict = false;
        let mut elements = 0usize;
        for i in 0..n {
            if d.keys[i].is_none() {
                if elements > 0 {
                    self.subdict(d, i - elements, i, loc)?;
                    if have_dict {
                        self.emit(Opcode::DICT_UPDATE, 1, loc);
                    }
                    have_dict = true;
                    elements = 0;
                }
                if !have_dict {
                    self.emit(Opcode::BUILD_MAP, 0, loc);
                    have_dict = true;
                }
                self.visit_expr(&d.values[i])?;
                self.emit(Opcode::DICT_UPDATE, 1, loc);
            } else if elements * 2 > STACK_USE_GUIDELINE {
                self.subdict(d, i - elements, i + 1, loc)?;
                if have_dict {
                    self.emit(Opcode::DICT_UPDATE, 1, loc);
                }
                have_dict = true;
                elements = 0;
            } else {
                elements += 1;
            }
        }
        if elements > 0 {
            self.subdict(d, n - elements, n, loc)?;
            if have_dict {
                self.emit(Opcode::DICT_UPDATE, 1, loc);
            }
            have_dict = true;
        }
        if !have_dict {
            self.emit(Opcode::BUILD_MAP, 0, loc);
        }
        Ok(())
    }

    // ---- calls ---------------------------------------------------------------------------

    fn compile_call(&mut self, c: &'t pyrs_ast::ExprCall) -> R {
        if self.maybe_optimize_method_call(c)? {
            return Ok(());
        }
        self.check_caller(&c.func);
        self.visit_expr(&c.func)?;
        self.op(Opcode::PUSH_NULL, Loc::of(c.func.loc()));
        self.call_helper(Loc::of(c.loc), 0, Exprs::of(&c.args), &c.keywords)
    }

    fn is_import_originated(&self, e: &Expr) -> bool {
        let Expr::Name(n) = e else {
            return false;
        };
        // CPython reads the module's symbols, which an inlined comprehension compiled in the
        // module overrides.
        let Some(name) = self.names.find(&n.id) else {
            return false;
        };
        if self.units.len() == 1 {
            if let Some(&imported) = self.ur().temp_imports.get(&name) {
                return imported;
            }
        }
        self.table
            .top()
            .symbol_bits(name)
            .is_some_and(|bits| Flags::from_bits(bits).contains(Flags::DEF_IMPORT))
    }

    fn maybe_optimize_method_call(&mut self, c: &'t pyrs_ast::ExprCall) -> R<bool> {
        let Expr::Attribute(meth) = &c.func else {
            return Ok(false);
        };
        if meth.ctx != ExprContext::Load || self.is_import_originated(&meth.value) {
            return Ok(false);
        }
        let argsl = c.args.len();
        let kwdsl = c.keywords.len();
        if argsl + kwdsl + usize::from(kwdsl != 0) >= STACK_USE_GUIDELINE {
            return Ok(false);
        }
        if c.args.iter().any(|a| matches!(a, Expr::Starred(_)))
            || c.keywords.iter().any(|k| k.arg.is_none())
        {
            return Ok(false);
        }
        let mut loc = Loc::of(meth.loc);
        if self.can_optimize_super_call(meth) {
            let Expr::Call(sc) = &meth.value else {
                unreachable!()
            };
            self.load_args_for_super(sc)?;
            let op = if sc.args.is_empty() {
                Opcode::LOAD_ZERO_SUPER_METHOD
            } else {
                Opcode::LOAD_SUPER_METHOD
            };
            self.name_op(op, &meth.attr, loc);
            loc = attr_loc(loc, meth);
            self.op(Opcode::NOP, loc);
        } else {
            self.visit_expr(&meth.value)?;
            loc = attr_loc(loc, meth);
            self.name_op(Opcode::LOAD_METHOD, &meth.attr, loc);
        }
        self.visit_exprs(&c.args)?;
        if kwdsl > 0 {
            for k in &c.keywords {
                self.visit_expr(&k.value)?;
            }
            self.kw_names(&c.keywords, loc);
            let l = attr_loc(Loc::of(c.loc), meth);
            self.emit(Opcode::CALL_KW, (argsl + kwdsl) as u32, l);
        } else {
            let l = attr_loc(Loc::of(c.loc), meth);
            self.emit(Opcode::CALL, argsl as u32, l);
        }
        Ok(true)
    }

    fn kw_names(&mut self, keywords: &[Keyword], loc: Loc) {
        let names: Vec<Constant> = keywords
            .iter()
            .map(|k| Constant::str(k.arg.as_deref().unwrap_or("")))
            .collect();
        self.load_const(Constant::Tuple(names.into()), loc);
    }

    fn can_optimize_super_call(&self, attr: &'t pyrs_ast::ExprAttribute) -> bool {
        let Expr::Call(e) = &attr.value else {
            return false;
        };
        let Expr::Name(f) = &e.func else {
            return false;
        };
        if &*f.id != "super" || &*attr.attr == "__class__" || !e.keywords.is_empty() {
            return false;
        }
        if self.symbol_scope_of("super") != Some(SymbolScope::GlobalImplicit) {
            return false;
        }
        if self
            .table
            .top()
            .lookup("super")
            .is_some_and(|s| s.scope().is_some())
        {
            return false;
        }
        let n = e.args.len();
        if n == 2 {
            return !e.args.iter().any(|a| matches!(a, Expr::Starred(_)));
        }
        if n != 0 {
            return false;
        }
        let u = self.ur();
        if u.argcount == 0 && u.posonlyargcount == 0 {
            return false;
        }
        let class_cell = if u.kind == UnitKind::Class {
            Some(SymbolScope::Cell)
        } else {
            self.symbol_scope_of("__class__")
        };
        class_cell == Some(SymbolScope::Free)
    }

    fn load_args_for_super(&mut self, e: &'t pyrs_ast::ExprCall) -> R {
        let loc = Loc::of(e.loc);
        let Expr::Name(f) = &e.func else {
            unreachable!()
        };
        self.nameop(&f.id, ExprContext::Load, Loc::of(f.loc))?;
        if e.args.len() == 2 {
            self.visit_expr(&e.args[0])?;
            self.visit_expr(&e.args[1])?;
            return Ok(());
        }
        self.nameop("__class__", ExprContext::Load, loc)?;
        let first = match self.ur().varnames.first() {
            Some(&first) => first,
            None => self.intern(""),
        };
        self.nameop_id(first, ExprContext::Load, loc)
    }

    fn maybe_add_static_attribute(&mut self, a: &pyrs_ast::ExprAttribute) {
        let Expr::Name(n) = &a.value else {
            return;
        };
        if a.ctx != ExprContext::Store || &*n.id != "self" {
            return;
        }
        let attr = self.intern(&a.attr);
        let len = self.units.len();
        for u in self.units[..len - 1].iter_mut().rev() {
            if u.kind == UnitKind::Class {
                if let Some(s) = &mut u.static_attributes {
                    s.insert(attr);
                }
                break;
            }
        }
    }

    /// `compiler_call_helper`.
    pub(crate) fn call_helper(
        &mut self,
        loc: Loc,
        n: u32,
        args: Exprs<'t>,
        keywords: &'t [Keyword],
    ) -> R {
        let nelts = args.len();
        let nkw = keywords.len();
        let simple = nelts + nkw * 2 <= STACK_USE_GUIDELINE
            && !args.iter().any(|a| matches!(a, Expr::Starred(_)))
            && !keywords.iter().any(|k| k.arg.is_none());
        if simple {
            for a in args.iter() {
                self.visit_expr(a)?;
            }
            if nkw > 0 {
                for k in keywords {
                    self.visit_expr(&k.value)?;
                }
                self.kw_names(keywords, loc);
                self.emit(Opcode::CALL_KW, n + (nelts + nkw) as u32, loc);
            } else {
                self.emit(Opcode::CALL, n + nelts as u32, loc);
            }
            return Ok(());
        }
        // ex_call
        if n == 0 && nelts == 1 {
            if let Some(Expr::Starred(s)) = args.iter().next() {
                self.visit_expr(&s.value)?;
            } else {
                self.starunpack(
                    loc,
                    args,
                    n,
                    Opcode::BUILD_LIST,
                    Opcode::LIST_APPEND,
                    Opcode::LIST_EXTEND,
                    true,
                )?;
            }
        } else {
            self.starunpack(
                loc,
                args,
                n,
                Opcode::BUILD_LIST,
                Opcode::LIST_APPEND,
                Opcode::LIST_EXTEND,
                true,
            )?;
        }
        if nkw > 0 {
            let mut have_dict = false;
            let mut nseen = 0usize;
            for (i, k) in keywords.iter().enumerate() {
                if k.arg.is_none() {
                    if nseen > 0 {
                        self.subkwargs(keywords, i - nseen, i, loc)?;
                        if have_dict {
                            self.emit(Opcode::DICT_MERGE, 1, loc);
                        }
                        have_dict = true;
                        nseen = 0;
                    }
                    if !have_dict {
                        self.emit(Opcode::BUILD_MAP, 0, loc);
                        have_dict = true;
                    }
                    self.visit_expr(&k.value)?;
                    self.emit(Opcode::DICT_MERGE, 1, loc);
                } else {
                    nseen += 1;
                }
            }
            if nseen > 0 {
                self.subkwargs(keywords, nkw - nseen, nkw, loc)?;
                if have_dict {
                    self.emit(Opcode::DICT_MERGE, 1, loc);
                }
            }
        }
        self.emit(Opcode::CALL_FUNCTION_EX, u32::from(nkw > 0), loc);
        Ok(())
    }

    fn subkwargs(&mut self, keywords: &'t [Keyword], begin: usize, end: usize, loc: Loc) -> R {
        let n = end - begin;
        let big = n * 2 > STACK_USE_GUIDELINE;
        if n > 1 && !big {
            for k in &keywords[begin..end] {
                self.visit_expr(&k.value)?;
            }
            self.kw_names(&keywords[begin..end], loc);
            self.emit(Opcode::BUILD_CONST_KEY_MAP, n as u32, loc);
            return Ok(());
        }
        if big {
            self.emit(Opcode::BUILD_MAP, 0, NO_LOC);
        }
        for k in &keywords[begin..end] {
            self.load_const(Constant::str(k.arg.as_deref().unwrap_or("")), loc);
            self.visit_expr(&k.value)?;
            if big {
                self.emit(Opcode::MAP_ADD, 1, NO_LOC);
            }
        }
        if !big {
            self.emit(Opcode::BUILD_MAP, n as u32, loc);
        }
        Ok(())
    }

    // ---- lambda and comprehensions -------------------------------------------------------

    fn compile_lambda(&mut self, e: &'t Expr, l: &'t pyrs_ast::ExprLambda) -> R {
        let loc = Loc::of(l.loc);
        let flags = self.default_arguments(&l.args, loc)?;
        let scope = self
            .table
            .scope_of(e)
            .ok_or_else(|| super::internal("no lambda scope"))?;
        self.enter_scope("<lambda>", UnitKind::Lambda, scope, l.loc.lineno)?;
        self.u().consts.add(Constant::None);
        self.u().argcount = l.args.args.len() as u32;
        self.u().posonlyargcount = l.args.posonlyargs.len() as u32;
        self.u().kwonlyargcount = l.args.kwonlyargs.len() as u32;
        self.visit_expr(&l.body)?;
        let code = if self.ur().scope.is_generator() {
            self.assemble(false)?
        } else {
            self.op(Opcode::RETURN_VALUE, Loc::of(l.body.loc()));
            self.assemble(true)?
        };
        self.exit_scope();
        self.make_closure(code, flags, loc)
    }

    fn compile_comprehension(
        &mut self,
        e: &'t Expr,
        kind: ComprehensionKind,
        generators: &'t [Comprehension],
        elt: &'t Expr,
        val: Option<&'t Expr>,
    ) -> R {
        let scope = self
            .table
            .scope_of(e)
            .ok_or_else(|| super::internal("no comprehension scope"))?;
        let is_inlined = scope.is_comp_inlined();
        let is_async = scope.is_coroutine();
        let loc = Loc::of(e.loc());
        let outer_kind = self.ur().kind;
        let outermost = &generators[0];
        let mut state = None;
        if is_inlined {
            self.visit_expr(&outermost.iter)?;
            let iloc = Loc::of(outermost.iter.loc());
            if outermost.is_async != 0 {
                self.op(Opcode::GET_AITER, iloc);
            } else {
                self.op(Opcode::GET_ITER, iloc);
            }
            state = Some(self.push_inlined_comprehension_state(loc, scope)?);
        } else {
            let name = match kind {
                ComprehensionKind::List => "<listcomp>",
                ComprehensionKind::Set => "<setcomp>",
                ComprehensionKind::Dict => "<dictcomp>",
                ComprehensionKind::Generator => "<genexpr>",
            };
            self.enter_scope(name, UnitKind::Comprehension, scope, e.loc().lineno)?;
        }
        if is_async
            && kind != ComprehensionKind::Generator
            && !matches!(
                outer_kind,
                UnitKind::AsyncFunction | UnitKind::Comprehension
            )
        {
            return Err(error_at(
                "asynchronous comprehension outside of an asynchronous function",
                e.loc(),
            ));
        }
        if kind != ComprehensionKind::Generator {
            let op = match kind {
                ComprehensionKind::List => Opcode::BUILD_LIST,
                ComprehensionKind::Set => Opcode::BUILD_SET,
                _ => Opcode::BUILD_MAP,
            };
            self.emit(op, 0, loc);
            if is_inlined {
                self.emit(Opcode::SWAP, 2, loc);
            }
        }
        self.comprehension_generator(loc, generators, 0, 0, elt, val, kind, is_inlined)?;
        if let Some(state) = state {
            self.pop_inlined_comprehension_state(loc, state)?;
            return Ok(());
        }
        if kind != ComprehensionKind::Generator {
            self.op(Opcode::RETURN_VALUE, loc);
        } else {
            self.wrap_in_stopiteration_handler();
        }
        let code = self.assemble(true)?;
        self.exit_scope();
        self.make_closure(code, 0, loc)?;
        self.visit_expr(&outermost.iter)?;
        let iloc = Loc::of(outermost.iter.loc());
        if outermost.is_async != 0 {
            self.op(Opcode::GET_AITER, iloc);
        } else {
            self.op(Opcode::GET_ITER, iloc);
        }
        self.emit(Opcode::CALL, 0, loc);
        if is_async && kind != ComprehensionKind::Generator {
            self.emit(Opcode::GET_AWAITABLE, 0, loc);
            self.load_const(Constant::None, loc);
            self.yield_from(loc, true);
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn comprehension_generator(
        &mut self,
        loc: Loc,
        generators: &'t [Comprehension],
        gen_index: usize,
        depth: u32,
        elt: &'t Expr,
        val: Option<&'t Expr>,
        kind: ComprehensionKind,
        iter_on_stack: bool,
    ) -> R {
        self.enter()?;
        let r = if generators[gen_index].is_async != 0 {
            self.async_comprehension_generator(
                loc,
                generators,
                gen_index,
                depth,
                elt,
                val,
                kind,
                iter_on_stack,
            )
        } else {
            self.sync_comprehension_generator(
                loc,
                generators,
                gen_index,
                depth,
                elt,
                val,
                kind,
                iter_on_stack,
            )
        };
        self.leave();
        r
    }

    fn comprehension_element(
        &mut self,
        elt: &'t Expr,
        val: Option<&'t Expr>,
        kind: ComprehensionKind,
        depth: u32,
    ) -> R<Loc> {
        let mut elt_loc = Loc::of(elt.loc());
        match kind {
            ComprehensionKind::Generator => {
                self.visit_expr(elt)?;
                self.add_yield(elt_loc);
                self.op(Opcode::POP_TOP, elt_loc);
            }
            ComprehensionKind::List => {
                self.visit_expr(elt)?;
                self.emit(Opcode::LIST_APPEND, depth + 1, elt_loc);
            }
            ComprehensionKind::Set => {
                self.visit_expr(elt)?;
                self.emit(Opcode::SET_ADD, depth + 1, elt_loc);
            }
            ComprehensionKind::Dict => {
                let val = val.expect("a dict comprehension has a value");
                self.visit_expr(elt)?;
                self.visit_expr(val)?;
                let (a, b) = (elt.loc(), val.loc());
                elt_loc = Loc {
                    lineno: a.lineno as i32,
                    end_lineno: b.end_lineno as i32,
                    col: a.col_offset as i32,
                    end_col: b.end_col_offset as i32,
                };
                self.emit(Opcode::MAP_ADD, depth + 1, elt_loc);
            }
        }
        Ok(elt_loc)
    }

    #[allow(clippy::too_many_arguments)]
    fn sync_comprehension_generator(
        &mut self,
        loc: Loc,
        generators: &'t [Comprehension],
        mut gen_index: usize,
        mut depth: u32,
        elt: &'t Expr,
        val: Option<&'t Expr>,
        kind: ComprehensionKind,
        iter_on_stack: bool,
    ) -> R {
        let mut start = Some(self.new_label());
        let if_cleanup = self.new_label();
        let anchor = self.new_label();
        let gen = &generators[gen_index];
        if !iter_on_stack {
            if gen_index == 0 {
                self.u().argcount = 1;
                self.emit(Opcode::LOAD_FAST, 0, loc);
            } else {
                let elts = match &gen.iter {
                    Expr::List(l) => Some(&l.elts),
                    Expr::Tuple(t) => Some(&t.elts),
                    _ => None,
                };
                if let Some(elts) = elts {
                    if elts.len() == 1 && !matches!(elts[0], Expr::Starred(_)) {
                        self.visit_expr(&elts[0])?;
                        start = None;
                    }
                }
                if start.is_some() {
                    self.visit_expr(&gen.iter)?;
                    self.op(Opcode::GET_ITER, Loc::of(gen.iter.loc()));
                }
            }
        }
        if let Some(start) = start {
            depth += 1;
            self.bind(start);
            self.jump(Opcode::FOR_ITER, anchor, Loc::of(gen.iter.loc()));
        }
        self.visit_expr(&gen.target)?;
        for cond in &gen.ifs {
            self.jump_if(cond, if_cleanup, false, loc)?;
        }
        gen_index += 1;
        if gen_index < generators.len() {
            self.comprehension_generator(loc, generators, gen_index, depth, elt, val, kind, false)?;
        }
        let mut elt_loc = Loc::of(elt.loc());
        if gen_index >= generators.len() {
            elt_loc = self.comprehension_element(elt, val, kind, depth)?;
        }
        self.bind(if_cleanup);
        if let Some(start) = start {
            self.jump(Opcode::JUMP, start, elt_loc);
            self.bind(anchor);
            self.op(Opcode::END_FOR, NO_LOC);
            self.op(Opcode::POP_TOP, NO_LOC);
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn async_comprehension_generator(
        &mut self,
        loc: Loc,
        generators: &'t [Comprehension],
        mut gen_index: usize,
        mut depth: u32,
        elt: &'t Expr,
        val: Option<&'t Expr>,
        kind: ComprehensionKind,
        iter_on_stack: bool,
    ) -> R {
        let start = self.new_label();
        let except = self.new_label();
        let if_cleanup = self.new_label();
        let gen = &generators[gen_index];
        if !iter_on_stack {
            if gen_index == 0 {
                self.u().argcount = 1;
                self.emit(Opcode::LOAD_FAST, 0, loc);
            } else {
                self.visit_expr(&gen.iter)?;
                self.op(Opcode::GET_AITER, Loc::of(gen.iter.loc()));
            }
        }
        self.bind(start);
        self.push_fblock(FBlock::AsyncComprehensionGenerator);
        self.jump(Opcode::SETUP_FINALLY, except, loc);
        self.op(Opcode::GET_ANEXT, loc);
        self.load_const(Constant::None, loc);
        self.yield_from(loc, true);
        self.op(Opcode::POP_BLOCK, loc);
        self.visit_expr(&gen.target)?;
        for cond in &gen.ifs {
            self.jump_if(cond, if_cleanup, false, loc)?;
        }
        depth += 1;
        gen_index += 1;
        if gen_index < generators.len() {
            self.comprehension_generator(loc, generators, gen_index, depth, elt, val, kind, false)?;
        }
        let mut elt_loc = Loc::of(elt.loc());
        if gen_index >= generators.len() {
            elt_loc = self.comprehension_element(elt, val, kind, depth)?;
        }
        self.bind(if_cleanup);
        self.jump(Opcode::JUMP, start, elt_loc);
        self.pop_fblock();
        self.bind(except);
        self.op(Opcode::END_ASYNC_FOR, loc);
        Ok(())
    }

    fn push_inlined_comprehension_state(
        &mut self,
        loc: Loc,
        comp: crate::symtable::Scope<'t>,
    ) -> R<InlineState> {
        let in_class_block = self.ur().scope.kind() == crate::symtable::ScopeKind::Class
            && self.ur().in_inlined_comp == 0;
        self.u().in_inlined_comp += 1;
        let mut state = InlineState {
            pushed_locals: Vec::new(),
            temp_symbols: Vec::new(),
            fast_hidden: Vec::new(),
            cleanup: u32::MAX,
            end: u32::MAX,
        };
        let function_like = self.is_function_like();
        for (k, bits) in comp.symbol_ids() {
            let scope = scope_of_bits(bits);
            let flags = Flags::from_bits(bits);
            let outsc = self.symbol_scope(k);
            let differs = scope != outsc
                && scope != Some(SymbolScope::Free)
                && !(scope == Some(SymbolScope::Cell) && outsc == Some(SymbolScope::Free));
            if differs || in_class_block {
                let prev = self.u().temp_symbols.insert(k, scope);
                let imported = flags.contains(Flags::DEF_IMPORT);
                let prev_import = self.u().temp_imports.insert(k, imported);
                state.temp_symbols.push((k, prev, prev_import));
            }
            let bound = flags.contains(Flags::DEF_LOCAL) && !flags.contains(Flags::DEF_NONLOCAL);
            if bound || in_class_block {
                if !function_like && self.ur().fasthidden.get(&k) != Some(&true) {
                    self.u().fasthidden.insert(k, true);
                    state.fast_hidden.push(k);
                }
                let idx = self.varname_index(k);
                self.emit(Opcode::LOAD_FAST_AND_CLEAR, idx, loc);
                if scope == Some(SymbolScope::Cell) {
                    let i = if outsc == Some(SymbolScope::Free) {
                        self.deref_index(k, true)?
                    } else {
                        self.deref_index(k, false)?
                    };
                    self.emit(Opcode::MAKE_CELL, i, loc);
                }
                state.pushed_locals.push(k);
            }
        }
        if !state.pushed_locals.is_empty() {
            self.emit(Opcode::SWAP, state.pushed_locals.len() as u32 + 1, loc);
            state.cleanup = self.new_label();
            state.end = self.new_label();
            self.jump(Opcode::SETUP_FINALLY, state.cleanup, loc);
        }
        Ok(state)
    }

    fn restore_inlined_locals(&mut self, loc: Loc, state: &InlineState) {
        let n = state.pushed_locals.len() as u32;
        self.emit(Opcode::SWAP, n + 1, loc);
        for &k in state.pushed_locals.iter().rev() {
            let idx = self.varname_index(k);
            self.emit(Opcode::STORE_FAST_MAYBE_NULL, idx, loc);
        }
    }

    fn pop_inlined_comprehension_state(&mut self, loc: Loc, state: InlineState) -> R {
        self.u().in_inlined_comp -= 1;
        for &(k, prev, prev_import) in state.temp_symbols.iter().rev() {
            match prev {
                Some(p) => {
                    self.u().temp_symbols.insert(k, p);
                }
                None => {
                    self.u().temp_symbols.remove(&k);
                }
            }
            match prev_import {
                Some(p) => {
                    self.u().temp_imports.insert(k, p);
                }
                None => {
                    self.u().temp_imports.remove(&k);
                }
            }
        }
        if !state.pushed_locals.is_empty() {
            self.op(Opcode::POP_BLOCK, NO_LOC);
            self.jump(Opcode::JUMP_NO_INTERRUPT, state.end, NO_LOC);
            self.bind(state.cleanup);
            self.emit(Opcode::SWAP, 2, NO_LOC);
            self.op(Opcode::POP_TOP, NO_LOC);
            self.restore_inlined_locals(loc, &state);
            self.emit(Opcode::RERAISE, 0, NO_LOC);
            self.bind(state.end);
            self.restore_inlined_locals(loc, &state);
        }
        for &k in &state.fast_hidden {
            self.u().fasthidden.insert(k, false);
        }
        Ok(())
    }

    // ---- annotations under `from __future__ import annotations` --------------------------

    /// `VISIT(c, annexpr, e)`: the annotation as a string constant.
    pub(crate) fn annexpr(&mut self, e: &'t Expr) -> R {
        let mut out = String::new();
        self.unparse(e, PR_TEST, &mut out);
        self.load_const(Constant::str(&out), Loc::of(e.loc()));
        Ok(())
    }

    fn unparse_const(&self, e: &Expr, out: &mut String) {
        let c = self.const_of(e).unwrap_or(Constant::None);
        match &c {
            Constant::Ellipsis => out.push_str("..."),
            Constant::Float(x) if x.is_infinite() => {
                out.push_str(if *x > 0.0 { "1e309" } else { "-1e309" })
            }
            Constant::Complex { real, imag } if imag.is_infinite() || real.is_infinite() => {
                out.push_str(&c.repr().replace("inf", "1e309"))
            }
            _ => out.push_str(&c.repr()),
        }
    }

    fn unparse_seq(&self, es: &[Expr], level: u32, out: &mut String) {
        for (i, x) in es.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            self.unparse(x, level, out);
        }
    }

    /// Python/ast_unparse.c's `append_ast_expr`.
    fn unparse(&self, e: &Expr, level: u32, out: &mut String) {
        let paren = |out: &mut String, cond: bool, open: bool| {
            if cond {
                out.push(if open { '(' } else { ')' });
            }
        };
        match e {
            Expr::BoolOp(b) => {
                let (pr, op) = if b.op == BoolOp::And {
                    (PR_AND, " and ")
                } else {
                    (PR_OR, " or ")
                };
                paren(out, level > pr, true);
                for (i, v) in b.values.iter().enumerate() {
                    if i > 0 {
                        out.push_str(op);
                    }
                    self.unparse(v, pr + 1, out);
                }
                paren(out, level > pr, false);
            }
            Expr::BinOp(b) => {
                let (pr, op) = match b.op {
                    Operator::Add => (PR_ARITH, " + "),
                    Operator::Sub => (PR_ARITH, " - "),
                    Operator::Mult => (PR_TERM, " * "),
                    Operator::MatMult => (PR_TERM, " @ "),
                    Operator::Div => (PR_TERM, " / "),
                    Operator::Mod => (PR_TERM, " % "),
                    Operator::LShift => (PR_SHIFT, " << "),
                    Operator::RShift => (PR_SHIFT, " >> "),
                    Operator::BitOr => (PR_BOR, " | "),
                    Operator::BitXor => (PR_BXOR, " ^ "),
                    Operator::BitAnd => (PR_BAND, " & "),
                    Operator::FloorDiv => (PR_TERM, " // "),
                    Operator::Pow => (PR_POWER, " ** "),
                };
                let rassoc = u32::from(b.op == Operator::Pow);
                paren(out, level > pr, true);
                self.unparse(&b.left, pr + rassoc, out);
                out.push_str(op);
                self.unparse(&b.right, pr + 1 - rassoc, out);
                paren(out, level > pr, false);
            }
            Expr::UnaryOp(u) => {
                let (pr, op) = match u.op {
                    UnaryOp::Invert => (PR_FACTOR, "~"),
                    UnaryOp::Not => (PR_NOT, "not "),
                    UnaryOp::UAdd => (PR_FACTOR, "+"),
                    UnaryOp::USub => (PR_FACTOR, "-"),
                };
                paren(out, level > pr, true);
                out.push_str(op);
                self.unparse(&u.operand, pr, out);
                paren(out, level > pr, false);
            }
            Expr::IfExp(i) => {
                paren(out, level > PR_TEST, true);
                self.unparse(&i.body, PR_TEST + 1, out);
                out.push_str(" if ");
                self.unparse(&i.test, PR_TEST + 1, out);
                out.push_str(" else ");
                self.unparse(&i.orelse, PR_TEST, out);
                paren(out, level > PR_TEST, false);
            }
            Expr::Dict(d) => {
                out.push('{');
                for (i, (k, v)) in d.keys.iter().zip(&d.values).enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    match k {
                        Some(k) => {
                            self.unparse(k, PR_TEST, out);
                            out.push_str(": ");
                            self.unparse(v, PR_TEST, out);
                        }
                        None => {
                            out.push_str("**");
                            self.unparse(v, PR_EXPR, out);
                        }
                    }
                }
                out.push('}');
            }
            Expr::Set(s) => {
                if s.elts.is_empty() {
                    out.push_str("{*()}");
                } else {
                    out.push('{');
                    self.unparse_seq(&s.elts, PR_TEST, out);
                    out.push('}');
                }
            }
            Expr::Compare(c) => {
                paren(out, level > PR_CMP, true);
                self.unparse(&c.left, PR_CMP + 1, out);
                for (op, x) in c.ops.iter().zip(&c.comparators) {
                    out.push_str(match op {
                        CmpOp::Eq => " == ",
                        CmpOp::NotEq => " != ",
                        CmpOp::Lt => " < ",
                        CmpOp::LtE => " <= ",
                        CmpOp::Gt => " > ",
                        CmpOp::GtE => " >= ",
                        CmpOp::Is => " is ",
                        CmpOp::IsNot => " is not ",
                        CmpOp::In => " in ",
                        CmpOp::NotIn => " not in ",
                    });
                    self.unparse(x, PR_CMP + 1, out);
                }
                paren(out, level > PR_CMP, false);
            }
            Expr::Call(c) => {
                self.unparse(&c.func, PR_ATOM, out);
                out.push('(');
                let mut first = true;
                if c.args.len() == 1 && c.keywords.is_empty() {
                    if let Expr::GeneratorExp(g) = &c.args[0] {
                        self.unparse_genexp_body(&g.elt, &g.generators, out);
                        out.push(')');
                        return;
                    }
                }
                for a in &c.args {
                    if !first {
                        out.push_str(", ");
                    }
                    first = false;
                    self.unparse(a, PR_TEST, out);
                }
                for k in &c.keywords {
                    if !first {
                        out.push_str(", ");
                    }
                    first = false;
                    match &k.arg {
                        Some(a) => {
                            out.push_str(a);
                            out.push('=');
                        }
                        None => out.push_str("**"),
                    }
                    self.unparse(&k.value, PR_TEST, out);
                }
                out.push(')');
            }
            Expr::Constant(_) => self.unparse_const(e, out),
            Expr::Attribute(a) => {
                self.unparse(&a.value, PR_ATOM, out);
                if let Expr::Constant(c) = &a.value {
                    if matches!(c.value, AstConst::Int(_)) {
                        out.push(' ');
                    }
                }
                out.push('.');
                out.push_str(&a.attr);
            }
            Expr::Subscript(s) => {
                self.unparse(&s.value, PR_ATOM, out);
                out.push('[');
                match &s.slice {
                    Expr::Tuple(t) if !t.elts.is_empty() => {
                        for (i, x) in t.elts.iter().enumerate() {
                            if i > 0 {
                                out.push_str(", ");
                            }
                            self.unparse(x, PR_TEST, out);
                        }
                        if t.elts.len() == 1 {
                            out.push(',');
                        }
                    }
                    other => self.unparse(other, PR_TUPLE, out),
                }
                out.push(']');
            }
            Expr::Starred(s) => {
                out.push('*');
                self.unparse(&s.value, PR_EXPR, out);
            }
            Expr::Name(n) => out.push_str(&n.id),
            Expr::List(l) => {
                out.push('[');
                self.unparse_seq(&l.elts, PR_TEST, out);
                out.push(']');
            }
            Expr::Tuple(t) => {
                if t.elts.is_empty() {
                    out.push_str("()");
                } else {
                    paren(out, level > PR_TUPLE, true);
                    self.unparse_seq(&t.elts, PR_TEST, out);
                    if t.elts.len() == 1 {
                        out.push(',');
                    }
                    paren(out, level > PR_TUPLE, false);
                }
            }
            Expr::Slice(s) => {
                if let Some(l) = &s.lower {
                    self.unparse(l, PR_TEST, out);
                }
                out.push(':');
                if let Some(u) = &s.upper {
                    self.unparse(u, PR_TEST, out);
                }
                if let Some(st) = &s.step {
                    out.push(':');
                    self.unparse(st, PR_TEST, out);
                }
            }
            Expr::NamedExpr(n) => {
                paren(out, level > PR_TUPLE, true);
                self.unparse(&n.target, PR_ATOM, out);
                out.push_str(" := ");
                self.unparse(&n.value, PR_ATOM, out);
                paren(out, level > PR_TUPLE, false);
            }
            Expr::Await(a) => {
                paren(out, level > PR_AWAIT, true);
                out.push_str("await ");
                self.unparse(&a.value, PR_ATOM, out);
                paren(out, level > PR_AWAIT, false);
            }
            Expr::Yield(y) => {
                out.push_str("(yield");
                if let Some(v) = &y.value {
                    out.push(' ');
                    self.unparse(v, PR_TEST, out);
                }
                out.push(')');
            }
            Expr::YieldFrom(y) => {
                out.push_str("(yield from ");
                self.unparse(&y.value, PR_TEST, out);
                out.push(')');
            }
            Expr::GeneratorExp(g) => {
                out.push('(');
                self.unparse_genexp_body(&g.elt, &g.generators, out);
                out.push(')');
            }
            Expr::ListComp(g) => {
                out.push('[');
                self.unparse_genexp_body(&g.elt, &g.generators, out);
                out.push(']');
            }
            Expr::SetComp(g) => {
                out.push('{');
                self.unparse_genexp_body(&g.elt, &g.generators, out);
                out.push('}');
            }
            Expr::DictComp(g) => {
                out.push('{');
                self.unparse(&g.key, PR_TEST, out);
                out.push_str(": ");
                self.unparse(&g.value, PR_TEST, out);
                self.unparse_comprehensions(&g.generators, out);
                out.push('}');
            }
            Expr::Lambda(l) => {
                paren(out, level > PR_TEST, true);
                out.push_str("lambda");
                let a = &l.args;
                let mut parts: Vec<String> = Vec::new();
                for p in a.posonlyargs.iter().chain(&a.args) {
                    parts.push(p.arg.to_string());
                }
                if let Some(v) = &a.vararg {
                    parts.push(format!("*{}", v.arg));
                }
                for p in &a.kwonlyargs {
                    parts.push(p.arg.to_string());
                }
                if let Some(k) = &a.kwarg {
                    parts.push(format!("**{}", k.arg));
                }
                if !parts.is_empty() {
                    out.push(' ');
                    out.push_str(&parts.join(", "));
                }
                out.push_str(": ");
                self.unparse(&l.body, PR_TEST, out);
                paren(out, level > PR_TEST, false);
            }
            Expr::JoinedStr(_) | Expr::FormattedValue(_) => {
                out.push_str("f''");
            }
        }
    }

    fn unparse_genexp_body(&self, elt: &Expr, gens: &[Comprehension], out: &mut String) {
        self.unparse(elt, PR_TEST, out);
        self.unparse_comprehensions(gens, out);
    }

    fn unparse_comprehensions(&self, gens: &[Comprehension], out: &mut String) {
        for g in gens {
            out.push_str(if g.is_async != 0 {
                " async for "
            } else {
                " for "
            });
            self.unparse(&g.target, PR_TUPLE, out);
            out.push_str(" in ");
            self.unparse(&g.iter, PR_TEST + 1, out);
            for c in &g.ifs {
                out.push_str(" if ");
                self.unparse(c, PR_TEST + 1, out);
            }
        }
    }
}

const PR_TUPLE: u32 = 0;
const PR_TEST: u32 = 1;
const PR_OR: u32 = 2;
const PR_AND: u32 = 3;
const PR_NOT: u32 = 4;
const PR_CMP: u32 = 5;
const PR_EXPR: u32 = 6;
const PR_BOR: u32 = 6;
const PR_BXOR: u32 = 7;
const PR_BAND: u32 = 8;
const PR_SHIFT: u32 = 9;
const PR_ARITH: u32 = 10;
const PR_TERM: u32 = 11;
const PR_FACTOR: u32 = 12;
const PR_POWER: u32 = 13;
const PR_AWAIT: u32 = 14;
const PR_ATOM: u32 = 15;
