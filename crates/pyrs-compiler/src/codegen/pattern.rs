//! `match` statements: `compiler_match` and the pattern functions of Python/compile.c.

use pyrs_ast::{CmpOp, Expr, ExprContext, Pattern, StmtMatch};
use pyrs_bytecode::{Constant, Opcode};

use super::{error_at, Compiler, R};
use crate::flowgraph::{Loc, NO_LOC};

/// `pattern_context`.
struct Pc {
    stores: Vec<String>,
    allow_irrefutable: bool,
    fail_pop: Vec<u32>,
    on_top: usize,
}

fn ploc(p: &Pattern) -> pyrs_ast::Location {
    match p {
        Pattern::MatchValue(x) => x.loc,
        Pattern::MatchSingleton(x) => x.loc,
        Pattern::MatchSequence(x) => x.loc,
        Pattern::MatchMapping(x) => x.loc,
        Pattern::MatchClass(x) => x.loc,
        Pattern::MatchStar(x) => x.loc,
        Pattern::MatchAs(x) => x.loc,
        Pattern::MatchOr(x) => x.loc,
    }
}

fn is_wildcard(p: &Pattern) -> bool {
    matches!(p, Pattern::MatchAs(a) if a.pattern.is_none() && a.name.is_none())
}

fn is_star_wildcard(p: &Pattern) -> bool {
    matches!(p, Pattern::MatchStar(s) if s.name.is_none())
}

impl<'t> Compiler<'t> {
    pub(crate) fn compile_match(&mut self, s: &'t StmtMatch) -> R {
        self.visit_expr(&s.subject)?;
        let end = self.new_label();
        let cases = s.cases.len();
        let last = &s.cases[cases - 1];
        let has_default = is_wildcard(&last.pattern) && cases > 1;
        let n = cases - usize::from(has_default);
        for (i, m) in s.cases[..n].iter().enumerate() {
            let loc = Loc::of(ploc(&m.pattern));
            if i != n - 1 {
                self.emit(Opcode::COPY, 1, loc);
            }
            let mut pc = Pc {
                stores: Vec::new(),
                allow_irrefutable: m.guard.is_some() || i == cases - 1,
                fail_pop: Vec::new(),
                on_top: 0,
            };
            self.pattern(&m.pattern, &mut pc)?;
            for name in std::mem::take(&mut pc.stores) {
                self.nameop(&name, ExprContext::Store, loc)?;
            }
            if let Some(g) = &m.guard {
                self.ensure_fail_pop(&mut pc, 0);
                let target = pc.fail_pop[0];
                self.jump_if(g, target, false, loc)?;
            }
            if i != n - 1 {
                self.op(Opcode::POP_TOP, loc);
            }
            self.body(&m.body)?;
            self.jump(Opcode::JUMP, end, NO_LOC);
            self.emit_and_reset_fail_pop(loc, &mut pc);
        }
        if has_default {
            let loc = Loc::of(ploc(&last.pattern));
            if cases == 1 {
                self.op(Opcode::POP_TOP, loc);
            } else {
                self.op(Opcode::NOP, loc);
            }
            if let Some(g) = &last.guard {
                self.jump_if(g, end, false, loc)?;
            }
            self.body(&last.body)?;
        }
        self.bind(end);
        Ok(())
    }

    fn ensure_fail_pop(&mut self, pc: &mut Pc, n: usize) {
        while pc.fail_pop.len() < n + 1 {
            let l = self.new_label();
            pc.fail_pop.push(l);
        }
    }

    fn jump_to_fail_pop(&mut self, loc: Loc, pc: &mut Pc, op: Opcode) {
        let pops = pc.on_top + pc.stores.len();
        self.ensure_fail_pop(pc, pops);
        self.jump(op, pc.fail_pop[pops], loc);
    }

    fn emit_and_reset_fail_pop(&mut self, loc: Loc, pc: &mut Pc) {
        if pc.fail_pop.is_empty() {
            return;
        }
        for k in (1..pc.fail_pop.len()).rev() {
            self.bind(pc.fail_pop[k]);
            self.op(Opcode::POP_TOP, loc);
        }
        self.bind(pc.fail_pop[0]);
        pc.fail_pop.clear();
    }

    fn rotate(&mut self, loc: Loc, mut count: usize) {
        while count > 1 {
            self.emit(Opcode::SWAP, count as u32, loc);
            count -= 1;
        }
    }

    fn store_name(
        &mut self,
        loc: Loc,
        name: Option<&str>,
        pc: &mut Pc,
        l: pyrs_ast::Location,
    ) -> R {
        let Some(name) = name else {
            self.op(Opcode::POP_TOP, loc);
            return Ok(());
        };
        if pc.stores.iter().any(|s| s == name) {
            return Err(error_at(
                format!("multiple assignments to name '{name}' in pattern"),
                l,
            ));
        }
        let rotations = pc.on_top + pc.stores.len() + 1;
        self.rotate(loc, rotations);
        pc.stores.push(name.to_string());
        Ok(())
    }

    fn subpattern(&mut self, p: &'t Pattern, pc: &mut Pc) -> R {
        let allow = pc.allow_irrefutable;
        pc.allow_irrefutable = true;
        self.pattern(p, pc)?;
        pc.allow_irrefutable = allow;
        Ok(())
    }

    fn compare(&mut self, op: CmpOp, loc: Loc) {
        use pyrs_bytecode::oparg::ComparisonOp as C;
        let c = match op {
            CmpOp::Eq => C::Eq,
            CmpOp::GtE => C::Ge,
            _ => C::Eq,
        };
        self.emit(Opcode::COMPARE_OP, (c.index() << 5) | c.mask(), loc);
    }

    fn pattern(&mut self, p: &'t Pattern, pc: &mut Pc) -> R {
        self.enter()?;
        let r = self.pattern_inner(p, pc);
        self.leave();
        r
    }

    fn pattern_inner(&mut self, p: &'t Pattern, pc: &mut Pc) -> R {
        let l = ploc(p);
        let loc = Loc::of(l);
        match p {
            Pattern::MatchValue(v) => {
                self.visit_expr(&v.value)?;
                self.compare(CmpOp::Eq, loc);
                self.op(Opcode::TO_BOOL, loc);
                self.jump_to_fail_pop(loc, pc, Opcode::POP_JUMP_IF_FALSE);
            }
            Pattern::MatchSingleton(s) => {
                self.load_const(Constant::from(s.value.clone()), loc);
                self.emit(Opcode::IS_OP, 0, loc);
                self.jump_to_fail_pop(loc, pc, Opcode::POP_JUMP_IF_FALSE);
            }
            Pattern::MatchSequence(s) => {
                let size = s.patterns.len();
                let mut star: Option<usize> = None;
                let mut only_wildcard = true;
                let mut star_wildcard = false;
                for (i, sp) in s.patterns.iter().enumerate() {
                    if let Pattern::MatchStar(_) = sp {
                        if star.is_some() {
                            return Err(error_at("multiple starred names in sequence pattern", l));
                        }
                        star_wildcard = is_star_wildcard(sp);
                        only_wildcard &= star_wildcard;
                        star = Some(i);
                        continue;
                    }
                    only_wildcard &= is_wildcard(sp);
                }
                pc.on_top += 1;
                self.op(Opcode::MATCH_SEQUENCE, loc);
                self.jump_to_fail_pop(loc, pc, Opcode::POP_JUMP_IF_FALSE);
                match star {
                    None => {
                        self.op(Opcode::GET_LEN, loc);
                        self.load_const(Constant::int(size as i64), loc);
                        self.compare(CmpOp::Eq, loc);
                        self.jump_to_fail_pop(loc, pc, Opcode::POP_JUMP_IF_FALSE);
                    }
                    Some(_) if size > 1 => {
                        self.op(Opcode::GET_LEN, loc);
                        self.load_const(Constant::int(size as i64 - 1), loc);
                        self.compare(CmpOp::GtE, loc);
                        self.jump_to_fail_pop(loc, pc, Opcode::POP_JUMP_IF_FALSE);
                    }
                    _ => {}
                }
                pc.on_top -= 1;
                if only_wildcard {
                    self.op(Opcode::POP_TOP, loc);
                } else if star_wildcard {
                    let star = star.unwrap_or(usize::MAX);
                    pc.on_top += 1;
                    for (i, sp) in s.patterns.iter().enumerate() {
                        if is_wildcard(sp) || i == star {
                            continue;
                        }
                        self.emit(Opcode::COPY, 1, loc);
                        if i < star {
                            self.load_const(Constant::int(i as i64), loc);
                        } else {
                            self.op(Opcode::GET_LEN, loc);
                            self.load_const(Constant::int((size - i) as i64), loc);
                            self.emit(
                                Opcode::BINARY_OP,
                                super::expr::binop_arg(pyrs_ast::Operator::Sub, false),
                                loc,
                            );
                        }
                        self.op(Opcode::BINARY_SUBSCR, loc);
                        self.subpattern(sp, pc)?;
                    }
                    pc.on_top -= 1;
                    self.op(Opcode::POP_TOP, loc);
                } else {
                    match star {
                        Some(i) => {
                            self.emit(Opcode::UNPACK_EX, (i + ((size - i - 1) << 8)) as u32, loc)
                        }
                        None => self.emit(Opcode::UNPACK_SEQUENCE, size as u32, loc),
                    }
                    pc.on_top += size;
                    for sp in &s.patterns {
                        pc.on_top -= 1;
                        self.subpattern(sp, pc)?;
                    }
                }
            }
            Pattern::MatchMapping(m) => {
                let size = m.keys.len();
                pc.on_top += 1;
                self.op(Opcode::MATCH_MAPPING, loc);
                self.jump_to_fail_pop(loc, pc, Opcode::POP_JUMP_IF_FALSE);
                if size == 0 && m.rest.is_none() {
                    pc.on_top -= 1;
                    self.op(Opcode::POP_TOP, loc);
                    return Ok(());
                }
                if size > 0 {
                    self.op(Opcode::GET_LEN, loc);
                    self.load_const(Constant::int(size as i64), loc);
                    self.compare(CmpOp::GtE, loc);
                    self.jump_to_fail_pop(loc, pc, Opcode::POP_JUMP_IF_FALSE);
                }
                let mut seen: Vec<Constant> = Vec::new();
                for key in &m.keys {
                    if let Some(c) = self.const_of(key) {
                        if seen.contains(&c) {
                            return Err(error_at(
                                format!("mapping pattern checks duplicate key ({})", c.repr()),
                                l,
                            ));
                        }
                        seen.push(c);
                    } else if !matches!(key, Expr::Attribute(_)) {
                        return Err(error_at(
                            "mapping pattern keys may only match literals and attribute lookups",
                            l,
                        ));
                    }
                    self.visit_expr(key)?;
                }
                self.emit(Opcode::BUILD_TUPLE, size as u32, loc);
                self.op(Opcode::MATCH_KEYS, loc);
                pc.on_top += 2;
                self.emit(Opcode::COPY, 1, loc);
                self.load_const(Constant::None, loc);
                self.emit(Opcode::IS_OP, 1, loc);
                self.jump_to_fail_pop(loc, pc, Opcode::POP_JUMP_IF_FALSE);
                self.emit(Opcode::UNPACK_SEQUENCE, size as u32, loc);
                pc.on_top += size;
                pc.on_top -= 1;
                for sp in &m.patterns {
                    pc.on_top -= 1;
                    self.subpattern(sp, pc)?;
                }
                pc.on_top -= 2;
                if let Some(rest) = &m.rest {
                    self.emit(Opcode::BUILD_MAP, 0, loc);
                    self.emit(Opcode::SWAP, 3, loc);
                    self.emit(Opcode::DICT_UPDATE, 2, loc);
                    self.emit(Opcode::UNPACK_SEQUENCE, size as u32, loc);
                    let mut k = size;
                    while k > 0 {
                        self.emit(Opcode::COPY, 1 + k as u32, loc);
                        k -= 1;
                        self.emit(Opcode::SWAP, 2, loc);
                        self.op(Opcode::DELETE_SUBSCR, loc);
                    }
                    self.store_name(loc, Some(rest), pc, l)?;
                } else {
                    self.op(Opcode::POP_TOP, loc);
                    self.op(Opcode::POP_TOP, loc);
                }
            }
            Pattern::MatchClass(c) => {
                let nargs = c.patterns.len();
                let nattrs = c.kwd_attrs.len();
                for (i, a) in c.kwd_attrs.iter().enumerate() {
                    if c.kwd_attrs[i + 1..].iter().any(|b| b == a) {
                        let at = ploc(
                            &c.kwd_patterns[i + 1..][c.kwd_attrs[i + 1..]
                                .iter()
                                .position(|b| b == a)
                                .unwrap_or(0)],
                        );
                        return Err(error_at(
                            format!("attribute name repeated in class pattern: {a}"),
                            at,
                        ));
                    }
                }
                self.visit_expr(&c.cls)?;
                let names: Vec<Constant> = c.kwd_attrs.iter().map(|a| Constant::str(a)).collect();
                self.load_const(Constant::Tuple(names.into()), loc);
                self.emit(Opcode::MATCH_CLASS, nargs as u32, loc);
                self.emit(Opcode::COPY, 1, loc);
                self.load_const(Constant::None, loc);
                self.emit(Opcode::IS_OP, 1, loc);
                pc.on_top += 1;
                self.jump_to_fail_pop(loc, pc, Opcode::POP_JUMP_IF_FALSE);
                self.emit(Opcode::UNPACK_SEQUENCE, (nargs + nattrs) as u32, loc);
                pc.on_top += nargs + nattrs;
                pc.on_top -= 1;
                for i in 0..nargs + nattrs {
                    pc.on_top -= 1;
                    let sp = if i < nargs {
                        &c.patterns[i]
                    } else {
                        &c.kwd_patterns[i - nargs]
                    };
                    if is_wildcard(sp) {
                        self.op(Opcode::POP_TOP, loc);
                        continue;
                    }
                    self.subpattern(sp, pc)?;
                }
            }
            Pattern::MatchStar(s) => {
                self.store_name(loc, s.name.as_deref(), pc, l)?;
            }
            Pattern::MatchAs(a) => match &a.pattern {
                None => {
                    if !pc.allow_irrefutable {
                        return Err(match &a.name {
                            Some(n) => error_at(
                                format!("name capture '{n}' makes remaining patterns unreachable"),
                                l,
                            ),
                            None => error_at("wildcard makes remaining patterns unreachable", l),
                        });
                    }
                    self.store_name(loc, a.name.as_deref(), pc, l)?;
                }
                Some(inner) => {
                    pc.on_top += 1;
                    self.emit(Opcode::COPY, 1, loc);
                    self.pattern(inner, pc)?;
                    pc.on_top -= 1;
                    self.store_name(loc, a.name.as_deref(), pc, l)?;
                }
            },
            Pattern::MatchOr(o) => self.pattern_or(o, pc, loc, l)?,
        }
        Ok(())
    }

    fn pattern_or(
        &mut self,
        o: &'t pyrs_ast::PatternMatchOr,
        pc: &mut Pc,
        loc: Loc,
        l: pyrs_ast::Location,
    ) -> R {
        let end = self.new_label();
        let size = o.patterns.len();
        let old_stores = std::mem::take(&mut pc.stores);
        let old_allow = pc.allow_irrefutable;
        let old_fail_pop = std::mem::take(&mut pc.fail_pop);
        let old_on_top = pc.on_top;
        let mut control: Option<Vec<String>> = None;
        for (i, alt) in o.patterns.iter().enumerate() {
            let aloc = Loc::of(ploc(alt));
            pc.stores = Vec::new();
            pc.allow_irrefutable = i == size - 1 && old_allow;
            pc.fail_pop = Vec::new();
            pc.on_top = 0;
            self.emit(Opcode::COPY, 1, aloc);
            self.pattern(alt, pc)?;
            let nstores = pc.stores.len();
            match &control {
                None => control = Some(pc.stores.clone()),
                Some(ctrl) if ctrl.len() != nstores => {
                    return Err(error_at("alternative patterns bind different names", l));
                }
                Some(ctrl) if nstores > 0 => {
                    let ctrl = ctrl.clone();
                    let mut icontrol = nstores;
                    while icontrol > 0 {
                        icontrol -= 1;
                        let name = &ctrl[icontrol];
                        let Some(istores) = pc.stores.iter().position(|s| s == name) else {
                            return Err(error_at("alternative patterns bind different names", l));
                        };
                        if icontrol != istores {
                            let rotations = istores + 1;
                            let rotated: Vec<String> = pc.stores.drain(..rotations).collect();
                            let at = icontrol - istores;
                            for (k, r) in rotated.into_iter().enumerate() {
                                pc.stores.insert(at + k, r);
                            }
                            for _ in 0..rotations {
                                self.rotate(aloc, icontrol + 1);
                            }
                        }
                    }
                }
                _ => {}
            }
            self.jump(Opcode::JUMP, end, aloc);
            self.emit_and_reset_fail_pop(aloc, pc);
        }
        pc.stores = old_stores;
        pc.allow_irrefutable = old_allow;
        pc.fail_pop = old_fail_pop;
        pc.on_top = old_on_top;
        self.op(Opcode::POP_TOP, loc);
        self.jump_to_fail_pop(loc, pc, Opcode::JUMP);
        self.bind(end);
        let control = control.unwrap_or_default();
        let nstores = control.len();
        let nrots = nstores + 1 + pc.on_top + pc.stores.len();
        for name in control {
            self.rotate(loc, nrots);
            if pc.stores.contains(&name) {
                return Err(error_at(
                    format!("multiple assignments to name '{name}' in pattern"),
                    l,
                ));
            }
            pc.stores.push(name);
        }
        self.op(Opcode::POP_TOP, loc);
        Ok(())
    }
}
