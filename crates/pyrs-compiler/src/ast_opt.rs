//! Constant folding on the syntax tree, as CPython 3.13's Python/ast_opt.c does it before
//! the symbol table is built.
//!
//! Folded: unary and binary operators on constants (with CPython's size limits, so that
//! `2 ** 1000` or `'x' * 10**6` stay as they are), tuples of constants, `x in [..]` and
//! `for x in [..]` (the list becomes a tuple, a constant one when it can; a set becomes a
//! frozenset), `__debug__`, and `'%s' % (a, b)` with simple conversions, which becomes an
//! f-string.
//!
//! The tree's `Constant` node holds only the literal kinds; a folded tuple, frozenset or
//! negative big integer is kept in a side table and the node refers to it (see
//! [`Folded`]).

use pyrs_ast::visitor::{walk_comprehension_mut, walk_expr_mut, walk_stmt_mut, VisitorMut};
use pyrs_ast::{
    Arg, Comprehension, Constant as AstConst, Expr, ExprConstant, ExprFormattedValue,
    ExprJoinedStr, ExprTuple, Location, Operator, Stmt, UnaryOp,
};
use pyrs_bytecode::{Constant, Int};

/// The `kind` marker of a `Constant` node whose value is in the side table: this text
/// followed by the index.
const MARK: &str = "\u{0}folded";

/// The values folding made that the tree's `Constant` node cannot hold.
#[derive(Default, Debug)]
pub(crate) struct Folded {
    values: Vec<Constant>,
}

impl Folded {
    /// The value of a `Constant` node, side table included.
    pub(crate) fn value(&self, c: &ExprConstant) -> Constant {
        match self.in_table(c) {
            Some(v) => v.clone(),
            None => Constant::from(c.value.clone()),
        }
    }

    /// The literal a `Constant` node holds in the tree, unless its value is in the side
    /// table (then [`Folded::value`] has it).
    pub(crate) fn literal<'a>(&self, c: &'a ExprConstant) -> Option<&'a AstConst> {
        match self.in_table(c) {
            Some(_) => None,
            None => Some(&c.value),
        }
    }

    /// The side table's value of a `Constant` node that refers to it.
    fn in_table(&self, c: &ExprConstant) -> Option<&Constant> {
        let i = c.kind.as_deref()?.strip_prefix(MARK)?;
        self.values.get(i.parse::<usize>().ok()?)
    }

    /// The constant value of an expression, if it is a `Constant` node.
    pub(crate) fn of(&self, e: &Expr) -> Option<Constant> {
        match e {
            Expr::Constant(c) => Some(self.value(c)),
            _ => None,
        }
    }

    fn node(&mut self, value: Constant, loc: Location) -> Expr {
        // Literal kinds go back into the tree; the others into the table.
        let lit = match &value {
            Constant::None => Some(AstConst::None),
            Constant::Bool(b) => Some(AstConst::Bool(*b)),
            Constant::Int(i) if !i.is_negative() => {
                pyrs_ast::Int::from_literal(&i.to_string()).map(AstConst::Int)
            }
            Constant::Int(i) => i.as_i64().map(|v| AstConst::Int(pyrs_ast::Int::from(v))),
            Constant::Float(x) => Some(AstConst::Float(*x)),
            Constant::Complex { real, imag } => Some(AstConst::Complex {
                real: *real,
                imag: *imag,
            }),
            Constant::Str(s) => Some(AstConst::Str(s.clone())),
            Constant::Bytes(b) => Some(AstConst::Bytes(b.clone())),
            Constant::Ellipsis => Some(AstConst::Ellipsis),
            _ => None,
        };
        match lit {
            Some(value) => Expr::from(ExprConstant {
                value,
                kind: None,
                loc,
            }),
            None => {
                self.values.push(value);
                Expr::from(ExprConstant {
                    value: AstConst::Ellipsis,
                    kind: Some(format!("{MARK}{}", self.values.len() - 1).into()),
                    loc,
                })
            }
        }
    }
}

const MAX_INT_SIZE: u32 = 128;
const MAX_COLLECTION_SIZE: usize = 256;
const MAX_STR_SIZE: usize = 4096;
const MAX_TOTAL_ITEMS: usize = 1024;

/// Folds `tree` in place; `optimize` is the `-O` level (`__debug__` is its negation).
pub(crate) fn optimize(
    tree: &mut pyrs_ast::Mod,
    folded: &mut Folded,
    optimize: u32,
    future_annotations: bool,
    limit: usize,
) -> Result<(), crate::symtable::Stop> {
    let mut f = Folder {
        folded: std::mem::take(folded),
        optimize,
        future_annotations,
        depth: 0,
        limit,
        too_deep: false,
    };
    f.visit_mod(tree);
    *folded = f.folded;
    if f.too_deep {
        return Err(crate::symtable::Stop::TooDeep);
    }
    Ok(())
}

struct Folder {
    folded: Folded,
    optimize: u32,
    future_annotations: bool,
    depth: usize,
    limit: usize,
    too_deep: bool,
}

impl VisitorMut for Folder {
    fn visit_stmt(&mut self, node: &mut Stmt) {
        if self.too_deep {
            return;
        }
        self.depth += 1;
        if self.depth > self.limit {
            self.too_deep = true;
            return;
        }
        match node {
            Stmt::AnnAssign(a) if self.future_annotations => {
                self.visit_expr(&mut a.target);
                if let Some(v) = &mut a.value {
                    self.visit_expr(v);
                }
            }
            Stmt::FunctionDef(_) | Stmt::AsyncFunctionDef(_) if self.future_annotations => {
                let returns = match node {
                    Stmt::FunctionDef(f) => &mut f.returns,
                    Stmt::AsyncFunctionDef(f) => &mut f.returns,
                    _ => unreachable!(),
                };
                let saved = returns.take();
                walk_stmt_mut(self, node);
                match node {
                    Stmt::FunctionDef(f) => f.returns = saved,
                    Stmt::AsyncFunctionDef(f) => f.returns = saved,
                    _ => {}
                }
            }
            _ => walk_stmt_mut(self, node),
        }
        match node {
            Stmt::For(f) => self.fold_iter(&mut f.iter),
            Stmt::AsyncFor(f) => self.fold_iter(&mut f.iter),
            _ => {}
        }
        self.depth -= 1;
    }

    fn visit_arg(&mut self, node: &mut Arg) {
        if !self.future_annotations {
            if let Some(a) = &mut node.annotation {
                self.visit_expr(a);
            }
        }
    }

    fn visit_comprehension(&mut self, node: &mut Comprehension) {
        walk_comprehension_mut(self, node);
        self.fold_iter(&mut node.iter);
    }

    // Inlined into the walk for its leaf tests: most nodes are leaves, a constant folds no
    // further and a name only if it is `__debug__`, and neither has children to walk, so a
    // leaf costs the walk a test rather than a call.
    #[inline]
    fn visit_expr(&mut self, node: &mut Expr) {
        match node {
            Expr::Constant(_) => {}
            Expr::Name(n) => {
                if n.ctx == pyrs_ast::ExprContext::Load && &*n.id == "__debug__" && !self.too_deep {
                    self.replace(node, Constant::Bool(self.optimize == 0));
                }
            }
            _ => self.visit_branch(node),
        }
    }
}

impl Folder {
    /// Folds an expression that has children: the children first, then the node.
    fn visit_branch(&mut self, node: &mut Expr) {
        if self.too_deep {
            return;
        }
        self.depth += 1;
        if self.depth > self.limit {
            self.too_deep = true;
            return;
        }
        walk_expr_mut(self, node);
        self.fold(node);
        self.depth -= 1;
    }

    fn replace(&mut self, node: &mut Expr, value: Constant) {
        let loc = node.loc();
        *node = self.folded.node(value, loc);
    }

    fn fold(&mut self, node: &mut Expr) {
        match node {
            Expr::UnaryOp(u) => {
                if let Some(v) = self.folded.of(&u.operand) {
                    if let Some(r) = unary(u.op, &v) {
                        self.replace(node, r);
                    }
                    return;
                }
                if u.op == UnaryOp::Not {
                    if let Expr::Compare(c) = &mut u.operand {
                        if c.ops.len() == 1 {
                            use pyrs_ast::CmpOp::*;
                            let new = match c.ops[0] {
                                Is => Some(IsNot),
                                IsNot => Some(Is),
                                In => Some(NotIn),
                                NotIn => Some(In),
                                _ => None,
                            };
                            if let Some(op) = new {
                                c.ops[0] = op;
                                let loc = u.loc;
                                let inner = std::mem::replace(
                                    &mut u.operand,
                                    Expr::from(ExprConstant {
                                        value: AstConst::None,
                                        kind: None,
                                        loc,
                                    }),
                                );
                                // CPython copies the comparison node over the `not`,
                                // location included.
                                *node = inner;
                            }
                        }
                    }
                }
            }
            Expr::BinOp(b) => {
                let lv = self.folded.of(&b.left);
                if let (Some(Constant::Str(fmt)), Operator::Mod, Expr::Tuple(t)) =
                    (&lv, b.op, &mut b.right)
                {
                    if !t.elts.iter().any(|e| matches!(e, Expr::Starred(_))) {
                        let elts = std::mem::take(&mut t.elts);
                        match optimize_format(fmt, elts, b.loc) {
                            Ok(joined) => *node = joined,
                            Err(elts) => {
                                if let Expr::BinOp(b) = node {
                                    if let Expr::Tuple(t) = &mut b.right {
                                        t.elts = elts;
                                    }
                                }
                            }
                        }
                    }
                    return;
                }
                // The right operand is read (copied) only when the left one is a constant.
                let Some(l) = lv else {
                    return;
                };
                let Some(r) = self.folded.of(&b.right) else {
                    return;
                };
                if let Some(v) = binop(b.op, &l, &r) {
                    self.replace(node, v);
                }
            }
            Expr::Tuple(t) if t.ctx == pyrs_ast::ExprContext::Load => {
                if let Some(v) = self.const_tuple(&t.elts) {
                    self.replace(node, v);
                }
            }
            Expr::Subscript(s) if s.ctx == pyrs_ast::ExprContext::Load => {
                if let (Some(v), Some(i)) = (self.folded.of(&s.value), self.folded.of(&s.slice)) {
                    if let Some(r) = subscript(&v, &i) {
                        self.replace(node, r);
                    }
                }
            }
            Expr::Compare(c) => {
                let last = c.ops.len() - 1;
                if matches!(c.ops[last], pyrs_ast::CmpOp::In | pyrs_ast::CmpOp::NotIn) {
                    self.fold_iter(&mut c.comparators[last]);
                }
            }
            _ => {}
        }
    }

    fn const_tuple(&self, elts: &[Expr]) -> Option<Constant> {
        // Most tuples hold something else than constants: they are refused before anything
        // is allocated.
        if !elts.iter().all(|e| matches!(e, Expr::Constant(_))) {
            return None;
        }
        let mut items = Vec::with_capacity(elts.len());
        for e in elts {
            items.push(self.folded.of(e)?);
        }
        Some(Constant::Tuple(items.into()))
    }

    /// `fold_iter`: a list to iterate over or test membership in becomes a tuple; a set of
    /// constants a frozenset.
    fn fold_iter(&mut self, arg: &mut Expr) {
        match arg {
            Expr::List(l) => {
                if l.elts.iter().any(|e| matches!(e, Expr::Starred(_))) {
                    return;
                }
                let elts = std::mem::take(&mut l.elts);
                let (ctx, loc) = (l.ctx, l.loc);
                let value = self.const_tuple(&elts);
                *arg = Expr::from(ExprTuple { elts, ctx, loc });
                if let Some(v) = value {
                    self.replace(arg, v);
                }
            }
            Expr::Set(s) => {
                if s.elts.iter().any(|e| matches!(e, Expr::Starred(_))) {
                    return;
                }
                if let Some(Constant::Tuple(items)) = self.const_tuple(&s.elts) {
                    let v = Constant::FrozenSet(frozenset_order(items.into_vec()).into());
                    self.replace(arg, v);
                }
            }
            _ => {}
        }
    }
}

/// The items of a frozenset in the order CPython's set iterates them: for ints (and bools)
/// the hash-table order of Objects/setobject.c; other items keep their order after the
/// duplicates are dropped.
pub(crate) fn frozenset_order(items: Vec<Constant>) -> Vec<Constant> {
    // Each item's key is worked out once; a set of the keys seen drops the duplicates
    // (a literal of many strings, such as a `x in {...}` test, is common).
    let mut seen: std::collections::HashSet<String, crate::consts::FastHash> =
        std::collections::HashSet::with_capacity_and_hasher(items.len(), Default::default());
    let mut unique: Vec<Constant> = Vec::with_capacity(items.len());
    for it in items {
        if seen.insert(set_key(&it)) {
            unique.push(it);
        }
    }
    let hashes: Option<Vec<u64>> = unique.iter().map(small_hash).collect();
    let Some(hashes) = hashes else {
        return unique;
    };
    // setobject.c: table of 8, linear probes of 9, perturbation, resize at 3/5 full.
    let mut mask: usize = 7;
    let mut table: Vec<Option<usize>> = vec![None; 8];
    let mut fill = 0usize;
    let insert = |table: &mut Vec<Option<usize>>, mask: usize, idx: usize, hash: u64| {
        let mut perturb = hash;
        let mut i = (hash as usize) & mask;
        loop {
            let probes = if i + 9 <= mask { 9 } else { 0 };
            for j in 0..=probes {
                let slot = i + j;
                if table[slot].is_none() {
                    table[slot] = Some(idx);
                    return;
                }
            }
            perturb >>= 5;
            i = (i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(perturb as usize))
                & mask;
        }
    };
    for (idx, &h) in hashes.iter().enumerate() {
        insert(&mut table, mask, idx, h);
        fill += 1;
        if fill * 5 >= mask * 3 {
            let newsize = {
                let used = fill;
                let minused = if used > 50000 { used * 2 } else { used * 4 };
                let mut s = 8usize;
                while s <= minused {
                    s <<= 1;
                }
                s
            };
            let old: Vec<usize> = table.iter().flatten().copied().collect();
            mask = newsize - 1;
            table = vec![None; newsize];
            for o in old {
                insert(&mut table, mask, o, hashes[o]);
            }
        }
    }
    table
        .into_iter()
        .flatten()
        .map(|i| unique[i].clone())
        .collect()
}

fn set_key(c: &Constant) -> String {
    // Python equality across int, bool and float: 1 == 1.0 == True.
    match c {
        Constant::Bool(b) => format!("n{}", i64::from(*b)),
        Constant::Int(i) => format!("n{i}"),
        Constant::Float(x) if x.fract() == 0.0 && x.abs() < 1e18 => format!("n{}", *x as i64),
        other => format!("{}:{}", other.type_name(), other.repr()),
    }
}

fn small_hash(c: &Constant) -> Option<u64> {
    let v = match c {
        Constant::Bool(b) => i64::from(*b),
        Constant::Int(i) => i.as_i64().filter(|v| v.unsigned_abs() < (1u64 << 61) - 1)?,
        _ => return None,
    };
    let h = if v == -1 { -2 } else { v };
    Some(h as u64)
}

fn as_int(c: &Constant) -> Option<i128> {
    match c {
        Constant::Bool(b) => Some(i128::from(*b)),
        Constant::Int(i) => {
            if let Some(v) = i.as_i64() {
                return Some(i128::from(v));
            }
            let (neg, limbs) = i.sign_magnitude();
            if limbs.len() > 4 || (limbs.len() == 4 && limbs[3] >= 0x8000_0000) {
                return None;
            }
            let mut m: i128 = 0;
            for &l in limbs.iter().rev() {
                m = (m << 32) | i128::from(l);
            }
            Some(if neg { -m } else { m })
        }
        _ => None,
    }
}

fn int_const(v: i128) -> Constant {
    if let Ok(s) = i64::try_from(v) {
        return Constant::Int(Int::from(s));
    }
    let neg = v < 0;
    let mut m = v.unsigned_abs();
    let mut limbs = Vec::new();
    while m > 0 {
        limbs.push(m as u32);
        m >>= 32;
    }
    Constant::Int(Int::from_sign_magnitude(neg, &limbs))
}

fn bits(v: i128) -> u32 {
    128 - v.unsigned_abs().leading_zeros()
}

fn as_float(c: &Constant) -> Option<f64> {
    match c {
        Constant::Float(x) => Some(*x),
        _ => as_int(c).map(|v| v as f64),
    }
}

fn is_num(c: &Constant) -> bool {
    matches!(
        c,
        Constant::Bool(_) | Constant::Int(_) | Constant::Float(_) | Constant::Complex { .. }
    )
}

fn unary(op: UnaryOp, v: &Constant) -> Option<Constant> {
    match op {
        UnaryOp::Not => crate::consts::Truth::truth(v).map(|t| Constant::Bool(!t)),
        UnaryOp::USub => match v {
            Constant::Float(x) => Some(Constant::Float(-x)),
            Constant::Complex { real, imag } => Some(Constant::Complex {
                real: -real,
                imag: -imag,
            }),
            _ => as_int(v).and_then(|i| i.checked_neg()).map(int_const),
        },
        UnaryOp::UAdd => match v {
            Constant::Float(_) | Constant::Complex { .. } => Some(v.clone()),
            _ => as_int(v).map(int_const),
        },
        UnaryOp::Invert => match v {
            Constant::Int(_) | Constant::Bool(_) => as_int(v).map(|i| int_const(!i)),
            _ => None,
        },
    }
}

fn seq_len(c: &Constant) -> Option<usize> {
    match c {
        Constant::Str(s) => Some(s.code_points().count()),
        Constant::Bytes(b) => Some(b.len()),
        Constant::Tuple(t) => Some(t.len()),
        _ => None,
    }
}

fn total_items(c: &Constant) -> usize {
    match c {
        Constant::Tuple(t) | Constant::FrozenSet(t) => {
            t.len() + t.iter().map(total_items).sum::<usize>()
        }
        _ => 0,
    }
}

fn repeat(c: &Constant, n: i128) -> Option<Constant> {
    let len = seq_len(c)?;
    let n = if n < 0 { 0 } else { n as usize };
    if len > 0 && n > 0 {
        let size = len.checked_mul(n)?;
        let limit = match c {
            Constant::Tuple(_) => MAX_COLLECTION_SIZE,
            _ => MAX_STR_SIZE,
        };
        if size > limit {
            return None;
        }
        if let Constant::Tuple(_) = c {
            if total_items(c) * n > MAX_TOTAL_ITEMS {
                return None;
            }
        }
    }
    Some(match c {
        Constant::Str(s) => {
            let cps: Vec<u32> = s.code_points().collect();
            let mut out = Vec::with_capacity(cps.len() * n);
            for _ in 0..n {
                out.extend_from_slice(&cps);
            }
            Constant::Str(pyrs_ast::StrValue::from_code_points(out)?)
        }
        Constant::Bytes(b) => Constant::Bytes(b.repeat(n).into()),
        Constant::Tuple(t) => {
            let mut out = Vec::new();
            for _ in 0..n {
                out.extend(t.iter().cloned());
            }
            Constant::Tuple(out.into())
        }
        _ => return None,
    })
}

fn binop(op: Operator, l: &Constant, r: &Constant) -> Option<Constant> {
    use Operator::*;
    // Sequences.
    match (op, l, r) {
        (Add, Constant::Str(a), Constant::Str(b)) => {
            let v: Vec<u32> = a.code_points().chain(b.code_points()).collect();
            return Some(Constant::Str(pyrs_ast::StrValue::from_code_points(v)?));
        }
        (Add, Constant::Bytes(a), Constant::Bytes(b)) => {
            let mut v = a.to_vec();
            v.extend_from_slice(b);
            return Some(Constant::Bytes(v.into()));
        }
        (Add, Constant::Tuple(a), Constant::Tuple(b)) => {
            let mut v = a.to_vec();
            v.extend(b.iter().cloned());
            return Some(Constant::Tuple(v.into()));
        }
        (Mult, Constant::Str(_) | Constant::Bytes(_) | Constant::Tuple(_), n)
            if matches!(n, Constant::Int(_) | Constant::Bool(_)) =>
        {
            return repeat(l, as_int(n)?);
        }
        (Mult, n, Constant::Str(_) | Constant::Bytes(_) | Constant::Tuple(_))
            if matches!(n, Constant::Int(_) | Constant::Bool(_)) =>
        {
            return repeat(r, as_int(n)?);
        }
        _ => {}
    }
    if !is_num(l) || !is_num(r) {
        return None;
    }
    if let (Constant::Bool(a), Constant::Bool(b)) = (l, r) {
        // bool's own `&`, `|` and `^` give a bool.
        match op {
            BitAnd => return Some(Constant::Bool(a & b)),
            BitOr => return Some(Constant::Bool(a | b)),
            BitXor => return Some(Constant::Bool(a ^ b)),
            _ => {}
        }
    }
    if matches!(l, Constant::Complex { .. }) || matches!(r, Constant::Complex { .. }) {
        return complex_binop(op, l, r);
    }
    if let (Some(a), Some(b)) = (
        as_int(l).filter(|_| !matches!(l, Constant::Float(_))),
        as_int(r).filter(|_| !matches!(r, Constant::Float(_))),
    ) {
        return int_binop(op, a, b);
    }
    let (a, b) = (as_float(l)?, as_float(r)?);
    float_binop(op, a, b).map(Constant::Float)
}

fn int_binop(op: Operator, a: i128, b: i128) -> Option<Constant> {
    use Operator::*;
    let v = match op {
        Add => a.checked_add(b)?,
        Sub => a.checked_sub(b)?,
        Mult => {
            if a != 0 && b != 0 && bits(a) + bits(b) > MAX_INT_SIZE {
                return None;
            }
            a.checked_mul(b)?
        }
        FloorDiv => {
            if b == 0 {
                return None;
            }
            a.checked_div_euclid(b).map(|_| floor_div(a, b))?
        }
        Mod => {
            if b == 0 {
                return None;
            }
            let m = a % b;
            if m != 0 && ((m < 0) != (b < 0)) {
                m + b
            } else {
                m
            }
        }
        Div => {
            if b == 0 {
                return None;
            }
            if a.unsigned_abs() < (1u128 << 53) && b.unsigned_abs() < (1u128 << 53) {
                return Some(Constant::Float(a as f64 / b as f64));
            }
            return None;
        }
        Pow => {
            if b < 0 {
                if a == 0 {
                    return None;
                }
                return float_binop(Pow, a as f64, b as f64).map(Constant::Float);
            }
            if a != 0 && b > 0 {
                let vb = bits(a);
                if b > i128::from(MAX_INT_SIZE) || vb > MAX_INT_SIZE / (b as u32) {
                    return None;
                }
            }
            let mut r: i128 = 1;
            for _ in 0..b {
                r = r.checked_mul(a)?;
            }
            r
        }
        LShift => {
            if b < 0 {
                return None;
            }
            if a != 0 {
                if b > i128::from(MAX_INT_SIZE) || bits(a) > MAX_INT_SIZE - b as u32 {
                    return None;
                }
                a.checked_mul(1i128.checked_shl(b as u32)?)?
            } else {
                0
            }
        }
        RShift => {
            if b < 0 {
                return None;
            }
            if b >= 127 {
                if a < 0 {
                    -1
                } else {
                    0
                }
            } else {
                a >> b
            }
        }
        BitAnd => a & b,
        BitOr => a | b,
        BitXor => a ^ b,
        MatMult => return None,
    };
    Some(int_const(v))
}

fn floor_div(a: i128, b: i128) -> i128 {
    let q = a / b;
    if (a % b != 0) && ((a < 0) != (b < 0)) {
        q - 1
    } else {
        q
    }
}

fn float_binop(op: Operator, a: f64, b: f64) -> Option<f64> {
    use Operator::*;
    let v = match op {
        Add => a + b,
        Sub => a - b,
        Mult => a * b,
        Div => {
            if b == 0.0 {
                return None;
            }
            a / b
        }
        FloorDiv => {
            if b == 0.0 {
                return None;
            }
            let (_, div) = float_divmod(a, b);
            div
        }
        Mod => {
            if b == 0.0 {
                return None;
            }
            float_divmod(a, b).0
        }
        Pow => {
            if a == 0.0 && b < 0.0 {
                return None;
            }
            if a < 0.0 && b.fract() != 0.0 && b.is_finite() {
                return None; // a complex result
            }
            let r = a.powf(b);
            if r.is_infinite() && a.is_finite() && b.is_finite() {
                return None; // OverflowError
            }
            r
        }
        _ => return None,
    };
    Some(v)
}

/// Python's float `divmod` (Objects/floatobject.c `_float_div_mod`).
fn float_divmod(vx: f64, wx: f64) -> (f64, f64) {
    let mut m = vx % wx;
    let mut div = (vx - m) / wx;
    if m != 0.0 {
        if (wx < 0.0) != (m < 0.0) {
            m += wx;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(wx);
    }
    let floordiv = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0.0f64.copysign(vx / wx)
    };
    (m, floordiv)
}

fn complex_binop(op: Operator, l: &Constant, r: &Constant) -> Option<Constant> {
    let parts = |c: &Constant| -> Option<(f64, f64)> {
        match c {
            Constant::Complex { real, imag } => Some((*real, *imag)),
            other => Some((as_float(other)?, 0.0)),
        }
    };
    let (a, b) = (parts(l)?, parts(r)?);
    let (re, im) = match op {
        Operator::Add => (a.0 + b.0, a.1 + b.1),
        Operator::Sub => (a.0 - b.0, a.1 - b.1),
        Operator::Mult => (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0),
        Operator::Div => complex_quotient(a, b)?,
        // Only the integral exponents of `complex_pow`'s exact path (`c_powi`); the others
        // go through libm functions whose last bits may differ from one platform to another.
        Operator::Pow if b.1 == 0.0 && b.0 == b.0.floor() && b.0.abs() <= 100.0 => {
            let n = b.0 as i64;
            let p = complex_power_unsigned(a, n.unsigned_abs());
            let r = if n >= 0 {
                p
            } else {
                complex_quotient((1.0, 0.0), p)?
            };
            if !(r.0.is_finite() && r.1.is_finite()) {
                return None; // OverflowError
            }
            r
        }
        _ => return None,
    };
    Some(Constant::Complex { real: re, imag: im })
}

/// `c_powu` (Objects/complexobject.c): powers by repeated squaring.
fn complex_power_unsigned(x: (f64, f64), n: u64) -> (f64, f64) {
    let prod = |a: (f64, f64), b: (f64, f64)| (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0);
    let mut r = (1.0, 0.0);
    let mut p = x;
    let mut mask: u64 = 1;
    while mask > 0 && n >= mask {
        if n & mask != 0 {
            r = prod(r, p);
        }
        mask <<= 1;
        p = prod(p, p);
    }
    r
}

/// `_Py_c_quot` (Objects/complexobject.c): Smith's method; `None` for a division by zero.
fn complex_quotient(a: (f64, f64), b: (f64, f64)) -> Option<(f64, f64)> {
    let (abs_br, abs_bi) = (b.0.abs(), b.1.abs());
    if abs_br >= abs_bi {
        if abs_br == 0.0 {
            return None;
        }
        let ratio = b.1 / b.0;
        let denom = b.0 + b.1 * ratio;
        Some(((a.0 + a.1 * ratio) / denom, (a.1 - a.0 * ratio) / denom))
    } else if abs_bi >= abs_br {
        let ratio = b.0 / b.1;
        let denom = b.0 * ratio + b.1;
        Some(((a.0 * ratio + a.1) / denom, (a.1 * ratio - a.0) / denom))
    } else {
        Some((f64::NAN, f64::NAN))
    }
}

fn subscript(v: &Constant, i: &Constant) -> Option<Constant> {
    let idx = match i {
        Constant::Int(_) | Constant::Bool(_) => as_int(i)?,
        _ => return None,
    };
    let len = seq_len(v)? as i128;
    let k = if idx < 0 { idx + len } else { idx };
    if k < 0 || k >= len {
        return None;
    }
    let k = k as usize;
    Some(match v {
        Constant::Str(s) => {
            let cp = s.code_points().nth(k)?;
            Constant::Str(pyrs_ast::StrValue::from_code_points([cp])?)
        }
        Constant::Bytes(b) => Constant::Int(Int::from(i64::from(b[k]))),
        Constant::Tuple(t) => t[k].clone(),
        _ => return None,
    })
}

/// `optimize_format`: `'%s %r' % (a, b)` as `f'{a!s} {b!r}'`. Gives the items back when the
/// format is not simple enough.
fn optimize_format(
    fmt: &pyrs_ast::StrValue,
    elts: Vec<Expr>,
    loc: Location,
) -> Result<Expr, Vec<Expr>> {
    let cps: Vec<u32> = fmt.code_points().collect();
    let none = Location::default();
    let mut pos = 0usize;
    let mut values: Vec<Expr> = Vec::new();
    let mut items = elts.into_iter();
    let count = items.len();
    let mut used = 0usize;
    let mut taken: Vec<Expr> = Vec::new();
    let str_node = |cps: &[u32]| {
        Expr::from(ExprConstant {
            value: AstConst::Str(
                pyrs_ast::StrValue::from_code_points(cps.iter().copied())
                    .unwrap_or_else(|| "".into()),
            ),
            kind: None,
            loc: none,
        })
    };
    loop {
        // parse_literal
        let start = pos;
        let mut lit: Vec<u32> = Vec::new();
        while pos < cps.len() {
            if cps[pos] != u32::from('%') {
                lit.push(cps[pos]);
                pos += 1;
            } else if pos + 1 < cps.len() && cps[pos + 1] == u32::from('%') {
                lit.push(u32::from('%'));
                pos += 2;
            } else {
                break;
            }
        }
        if pos != start {
            values.push(str_node(&lit));
        }
        if pos >= cps.len() {
            break;
        }
        if used >= count {
            taken.extend(items);
            return Err(taken);
        }
        pos += 1;
        let arg = items.next().expect("counted");
        used += 1;
        match simple_format(&cps, &mut pos) {
            Some((spec, ljust, width, prec)) if matches!(spec, 's' | 'r' | 'a') => {
                let mut text = String::new();
                if !ljust && width > 0 {
                    text.push('>');
                }
                if width >= 0 {
                    text.push_str(&width.to_string());
                }
                if prec >= 0 {
                    text.push_str(&format!(".{prec}"));
                }
                let format_spec = if text.is_empty() {
                    None
                } else {
                    Some(Expr::from(ExprConstant {
                        value: AstConst::Str(text.into()),
                        kind: None,
                        loc: none,
                    }))
                };
                let aloc = arg.loc();
                taken.push(arg.clone());
                values.push(Expr::from(ExprFormattedValue {
                    value: arg,
                    conversion: spec as i32,
                    format_spec,
                    loc: aloc,
                }));
            }
            _ => {
                // Unsupported: give back everything.
                let mut back: Vec<Expr> = Vec::new();
                let mut vi = values.into_iter();
                let _ = &mut vi;
                back.extend(taken);
                back.push(arg);
                back.extend(items);
                return Err(back);
            }
        }
    }
    if used < count {
        taken.extend(items);
        return Err(taken);
    }
    Ok(Expr::from(ExprJoinedStr { values, loc }))
}

/// `simple_format_arg_parse`: flags, width and precision of at most two digits, and the
/// conversion character.
fn simple_format(cps: &[u32], pos: &mut usize) -> Option<(char, bool, i32, i32)> {
    let mut p = *pos;
    let next = |p: &mut usize| -> Option<char> {
        let c = char::from_u32(*cps.get(*p)?)?;
        *p += 1;
        Some(c)
    };
    let mut ljust = false;
    let mut ch;
    loop {
        ch = next(&mut p)?;
        match ch {
            '-' => ljust = true,
            '+' | ' ' | '#' | '0' => {}
            _ => break,
        }
    }
    let mut width = -1i32;
    let mut prec = -1i32;
    if ch.is_ascii_digit() {
        width = 0;
        let mut digits = 0;
        while ch.is_ascii_digit() {
            width = width * 10 + (ch as i32 - '0' as i32);
            ch = next(&mut p)?;
            digits += 1;
            if digits >= 3 {
                return None;
            }
        }
    }
    if ch == '.' {
        ch = next(&mut p)?;
        prec = 0;
        let mut digits = 0;
        while ch.is_ascii_digit() {
            prec = prec * 10 + (ch as i32 - '0' as i32);
            ch = next(&mut p)?;
            digits += 1;
            if digits >= 3 {
                return None;
            }
        }
    }
    *pos = p;
    Some((ch, ljust, width, prec))
}
