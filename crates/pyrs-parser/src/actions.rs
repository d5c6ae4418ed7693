//! What the grammar's actions call to build nodes (CPython's Parser/action_helpers.c): targets
//! and their contexts, calls, parameters, comprehensions, and the depth limits that keep every
//! tree shallow enough to walk.

use pyrs_ast::*;

use crate::error::{Error, ErrorKind, PResult, Span};
use crate::token::Pos;

/// A node location from the grammar's `@L` and `@R`.
#[inline]
pub(crate) fn loc(l: Pos, r: Pos) -> Location {
    Location::new(l.line, l.col, r.line, r.col)
}

/// The start of a location as a grammar position.
#[inline]
pub(crate) fn start_of(loc: &Location) -> Pos {
    Pos {
        line: loc.lineno,
        col: loc.col_offset,
    }
}

/// The end of a location as a grammar position.
#[inline]
pub(crate) fn end_of(loc: &Location) -> Pos {
    Pos {
        line: loc.end_lineno,
        col: loc.end_col_offset,
    }
}

// ---------------------------------------------------------------------------------------------
// Depth
// ---------------------------------------------------------------------------------------------

/// The deepest expression tree accepted. CPython builds its `ast` objects recursively and
/// refuses a tree deeper than its C recursion limit allows ("maximum recursion depth exceeded
/// during ast construction"); at module level that is an expression 9995 nodes deep.
pub(crate) const MAX_DEPTH: u32 = 9995;

/// The longest chain of right-recursive constructs accepted (`- - - x`, `not not x`; a lambda
/// or a `**` counts twice). CPython's parser recurses once per level there and stops at 6000
/// levels of its own stack, ~31 of which a statement uses before reaching the chain.
pub(crate) const MAX_RIGHT_CHAIN: u32 = 5968;

/// An expression with the two measures that bound recursion over it: `d`, the depth of its
/// tree, and `r`, the length of the right-recursive chain it ends.
#[derive(Debug)]
pub(crate) struct Ex {
    pub(crate) e: Expr,
    pub(crate) d: u32,
    pub(crate) r: u32,
}

impl Ex {
    #[inline]
    pub(crate) fn leaf(e: Expr) -> Ex {
        Ex { e, d: 1, r: 0 }
    }

    pub(crate) fn loc(&self) -> Location {
        self.e.loc()
    }
}

/// What `ListOf` reads: one item, or a list written with a comma (`x,` or `x, y`).
#[derive(Debug)]
pub(crate) enum Items {
    One(Ex),
    Many(Exprs),
}

impl Items {
    pub(crate) fn into_exprs(self) -> Exprs {
        match self {
            Items::One(e) => Exprs::one(e),
            Items::Many(v) => v,
        }
    }
}

/// A list of expressions and the depth of the deepest.
#[derive(Debug, Default)]
pub(crate) struct Exprs {
    pub(crate) v: Vec<Expr>,
    pub(crate) d: u32,
}

impl Exprs {
    pub(crate) fn one(e: Ex) -> Exprs {
        // Room for a few more: a list that gets one item usually gets several.
        let mut v = Vec::with_capacity(4);
        v.push(e.e);
        Exprs { v, d: e.d }
    }

    pub(crate) fn push(&mut self, e: Ex) {
        self.d = self.d.max(e.d);
        self.v.push(e.e);
    }
}

#[cold]
#[inline(never)]
fn too_deep() -> Box<Error> {
    Box::new(Error {
        kind: ErrorKind::RecursionError,
        msg: "maximum recursion depth exceeded during ast construction".into(),
        span: Span::None,
    })
}

#[cold]
#[inline(never)]
fn too_complex() -> Box<Error> {
    Box::new(Error {
        kind: ErrorKind::MemoryError,
        msg: "Parser stack overflowed - Python source too complex to parse".into(),
        span: Span::None,
    })
}

/// A node whose deepest child has depth `d`.
///
/// Always inlined: out of line, its result came back through memory that the caller read
/// in other pieces than it was written, a processor stall on most reductions.
#[inline(always)]
pub(crate) fn node(e: Expr, d: u32) -> PResult<Ex> {
    if d >= MAX_DEPTH {
        return Err(too_deep());
    }
    Ok(Ex { e, d: d + 1, r: 0 })
}

/// A right-recursive node: `chain` is the right child's chain, `weight` what this level adds.
#[inline(always)]
fn chain_node(e: Expr, d: u32, chain: u32, weight: u32) -> PResult<Ex> {
    let r = chain + weight;
    if r > MAX_RIGHT_CHAIN {
        return Err(too_complex());
    }
    let mut ex = node(e, d)?;
    ex.r = r;
    Ok(ex)
}

// ---------------------------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------------------------

pub(crate) fn name(id: Identifier, ctx: ExprContext, l: Pos, r: Pos) -> Ex {
    Ex::leaf(Expr::from(ExprName {
        id,
        ctx,
        loc: loc(l, r),
    }))
}

pub(crate) fn constant(value: Constant, l: Pos, r: Pos) -> Ex {
    Ex::leaf(Expr::from(ExprConstant {
        value,
        kind: None,
        loc: loc(l, r),
    }))
}

pub(crate) fn bin(left: Ex, op: Operator, right: Ex, l: Pos, r: Pos) -> PResult<Ex> {
    let d = left.d.max(right.d);
    let e = Expr::from(ExprBinOp {
        left: left.e,
        op,
        right: right.e,
        loc: loc(l, r),
    });
    if op == Operator::Pow {
        chain_node(e, d, right.r, 2)
    } else {
        node(e, d)
    }
}

pub(crate) fn unary(op: UnaryOp, operand: Ex, l: Pos, r: Pos) -> PResult<Ex> {
    let (d, chain) = (operand.d, operand.r);
    chain_node(
        Expr::from(ExprUnaryOp {
            op,
            operand: operand.e,
            loc: loc(l, r),
        }),
        d,
        chain,
        1,
    )
}

/// An item of a flat operator sequence (see `climb`).
#[derive(Debug)]
pub(crate) enum SeqItem {
    /// An operand and its span (parentheses included).
    Operand(Ex, Pos, Pos),
    /// A binary operator (or `and`/`or`, or a comparison) at its position.
    Op(SeqOp, Pos),
    /// A prefix `not` at its position.
    Not(Pos),
}

impl SeqItem {
    /// An operator read by the grammar, with its position.
    #[inline]
    pub(crate) fn op((op, at): (SeqOp, Pos)) -> SeqItem {
        SeqItem::Op(op, at)
    }
}

/// The operators of a flat sequence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SeqOp {
    Or,
    And,
    Cmp(CmpOp),
    Bin(Operator),
}

impl SeqOp {
    /// Binding power: the higher, the tighter (Python's operator precedence).
    fn power(self) -> u8 {
        match self {
            SeqOp::Or => 1,
            SeqOp::And => 2,
            SeqOp::Cmp(_) => 4,
            SeqOp::Bin(op) => match op {
                Operator::BitOr => 5,
                Operator::BitXor => 6,
                Operator::BitAnd => 7,
                Operator::LShift | Operator::RShift => 8,
                Operator::Add | Operator::Sub => 9,
                _ => 10,
            },
        }
    }
}

/// The binding power of the operand of a prefix `not`: comparisons and tighter.
const NOT_OPERAND: u8 = 3;

/// Builds the tree of a flat sequence of operands, operators and `not`s by precedence
/// climbing: the nodes and locations CPython's grammar levels give (`BinOp` chains to the
/// left, comparisons gathered into one `Compare`, runs of one boolean operator into one
/// `BoolOp`). Recursion is bounded by the number of precedence levels.
pub(crate) fn climb(items: Vec<SeqItem>) -> PResult<Ex> {
    let mut c = Climber {
        items: items.into_iter().peekable(),
    };
    let (e, _, _) = c.expr(0)?;
    Ok(e)
}

struct Climber {
    items: std::iter::Peekable<std::vec::IntoIter<SeqItem>>,
}

impl Climber {
    fn peek_op(&mut self) -> Option<(SeqOp, Pos)> {
        match self.items.peek() {
            Some(SeqItem::Op(op, at)) => Some((*op, *at)),
            _ => None,
        }
    }

    /// An expression whose operators bind at least `min` tightly: its value and span.
    fn expr(&mut self, min: u8) -> PResult<(Ex, Pos, Pos)> {
        let (mut lhs, l, mut r) = match self.items.next() {
            Some(SeqItem::Operand(e, l, r)) => (e, l, r),
            Some(SeqItem::Not(at)) => {
                // `not not ... x`: gather the run, then apply it from the inside out.
                let mut nots = vec![at];
                while let Some(SeqItem::Not(_)) = self.items.peek() {
                    if let Some(SeqItem::Not(at)) = self.items.next() {
                        nots.push(at);
                    }
                }
                if min > NOT_OPERAND {
                    return Err(Error::at(at, end_after(at), "invalid syntax"));
                }
                let (mut e, _, r) = self.expr(NOT_OPERAND)?;
                for at in nots.into_iter().rev() {
                    e = unary(UnaryOp::Not, e, at, r)?;
                }
                (e, at, r)
            }
            _ => return Err(Error::at(Pos::default(), Pos::default(), "invalid syntax")),
        };
        while let Some((op, _)) = self.peek_op() {
            let power = op.power();
            if power < min {
                break;
            }
            self.items.next();
            match op {
                SeqOp::Or | SeqOp::And => {
                    let (rhs, _, rr) = self.expr(power + 1)?;
                    let mut rest = vec![rhs];
                    r = rr;
                    while self.peek_op().is_some_and(|(o, _)| o == op) {
                        self.items.next();
                        let (rhs, _, rr) = self.expr(power + 1)?;
                        rest.push(rhs);
                        r = rr;
                    }
                    let which = if op == SeqOp::Or {
                        BoolOp::Or
                    } else {
                        BoolOp::And
                    };
                    lhs = bool_op(which, lhs, rest, l, r)?;
                }
                SeqOp::Cmp(first) => {
                    let (rhs, _, rr) = self.expr(power + 1)?;
                    let mut rest = vec![(first, rhs)];
                    r = rr;
                    while let Some((SeqOp::Cmp(next), _)) = self.peek_op() {
                        self.items.next();
                        let (rhs, _, rr) = self.expr(power + 1)?;
                        rest.push((next, rhs));
                        r = rr;
                    }
                    lhs = compare(lhs, rest, l, r)?;
                }
                SeqOp::Bin(bop) => {
                    let (rhs, _, rr) = self.expr(power + 1)?;
                    r = rr;
                    lhs = bin(lhs, bop, rhs, l, r)?;
                }
            }
        }
        Ok((lhs, l, r))
    }
}

pub(crate) fn bool_op(op: BoolOp, first: Ex, rest: Vec<Ex>, l: Pos, r: Pos) -> PResult<Ex> {
    let mut values = Exprs::one(first);
    for e in rest {
        values.push(e);
    }
    node(
        Expr::from(ExprBoolOp {
            op,
            values: values.v,
            loc: loc(l, r),
        }),
        values.d,
    )
}

pub(crate) fn compare(left: Ex, rest: Vec<(CmpOp, Ex)>, l: Pos, r: Pos) -> PResult<Ex> {
    let mut d = left.d;
    let mut ops = Vec::with_capacity(rest.len());
    let mut comparators = Vec::with_capacity(rest.len());
    for (op, e) in rest {
        d = d.max(e.d);
        ops.push(op);
        comparators.push(e.e);
    }
    node(
        Expr::from(ExprCompare {
            left: left.e,
            ops,
            comparators,
            loc: loc(l, r),
        }),
        d,
    )
}

pub(crate) fn if_exp(body: Ex, test: Ex, orelse: Ex, l: Pos, r: Pos) -> PResult<Ex> {
    let d = body.d.max(test.d).max(orelse.d);
    let chain = orelse.r;
    chain_node(
        Expr::from(ExprIfExp {
            test: test.e,
            body: body.e,
            orelse: orelse.e,
            loc: loc(l, r),
        }),
        d,
        chain,
        1,
    )
}

pub(crate) fn lambda(args: Option<(Arguments, u32)>, body: Ex, l: Pos, r: Pos) -> PResult<Ex> {
    let (args, ad) = args.unwrap_or_else(|| (empty_arguments(), 0));
    let d = ad.max(body.d);
    let chain = body.r;
    chain_node(
        Expr::from(ExprLambda {
            args,
            body: body.e,
            loc: loc(l, r),
        }),
        d,
        chain,
        2,
    )
}

pub(crate) fn await_(value: Ex, l: Pos, r: Pos) -> PResult<Ex> {
    let (d, chain) = (value.d, value.r);
    chain_node(
        Expr::from(ExprAwait {
            value: value.e,
            loc: loc(l, r),
        }),
        d,
        chain,
        1,
    )
}

pub(crate) fn attribute(value: Ex, attr: Identifier, l: Pos, r: Pos) -> PResult<Ex> {
    node(
        Expr::from(ExprAttribute {
            value: value.e,
            attr,
            ctx: ExprContext::Load,
            loc: loc(l, r),
        }),
        value.d,
    )
}

pub(crate) fn subscript(value: Ex, slice: Ex, l: Pos, r: Pos) -> PResult<Ex> {
    let d = value.d.max(slice.d);
    node(
        Expr::from(ExprSubscript {
            value: value.e,
            slice: slice.e,
            ctx: ExprContext::Load,
            loc: loc(l, r),
        }),
        d,
    )
}

pub(crate) fn starred(value: Ex, l: Pos, r: Pos) -> PResult<Ex> {
    node(
        Expr::from(ExprStarred {
            value: value.e,
            ctx: ExprContext::Load,
            loc: loc(l, r),
        }),
        value.d,
    )
}

pub(crate) fn named_expr(target: Ex, value: Ex, l: Pos, r: Pos) -> PResult<Ex> {
    let d = target.d.max(value.d);
    let target = match target.e {
        Expr::Name(mut n) => {
            n.ctx = ExprContext::Store;
            Expr::Name(n)
        }
        other => {
            let at = other.loc();
            return Err(Error::at(
                start_of(&at),
                end_of(&at),
                format!(
                    "cannot use assignment expressions with {}",
                    expr_name(&other)
                ),
            ));
        }
    };
    node(
        Expr::from(ExprNamedExpr {
            target,
            value: value.e,
            loc: loc(l, r),
        }),
        d,
    )
}

pub(crate) fn yield_(value: Option<Ex>, l: Pos, r: Pos) -> PResult<Ex> {
    let d = value.as_ref().map_or(0, |v| v.d);
    node(
        Expr::from(ExprYield {
            value: value.map(|v| v.e),
            loc: loc(l, r),
        }),
        d,
    )
}

pub(crate) fn yield_from(value: Ex, l: Pos, r: Pos) -> PResult<Ex> {
    node(
        Expr::from(ExprYieldFrom {
            value: value.e,
            loc: loc(l, r),
        }),
        value.d,
    )
}

pub(crate) fn tuple(elts: Exprs, l: Pos, r: Pos) -> PResult<Ex> {
    node(
        Expr::from(ExprTuple {
            elts: elts.v,
            ctx: ExprContext::Load,
            loc: loc(l, r),
        }),
        elts.d,
    )
}

pub(crate) fn list(elts: Exprs, l: Pos, r: Pos) -> PResult<Ex> {
    node(
        Expr::from(ExprList {
            elts: elts.v,
            ctx: ExprContext::Load,
            loc: loc(l, r),
        }),
        elts.d,
    )
}

pub(crate) fn set(elts: Exprs, l: Pos, r: Pos) -> PResult<Ex> {
    node(
        Expr::from(ExprSet {
            elts: elts.v,
            loc: loc(l, r),
        }),
        elts.d,
    )
}

/// One entry of a dict display: `key: value`, or `**value` (no key).
pub(crate) type DictItem = (Option<Ex>, Ex);

pub(crate) fn dict(items: Vec<DictItem>, l: Pos, r: Pos) -> PResult<Ex> {
    let mut d = 0;
    let mut keys = Vec::with_capacity(items.len());
    let mut values = Vec::with_capacity(items.len());
    for (k, v) in items {
        if let Some(k) = &k {
            d = d.max(k.d);
        }
        d = d.max(v.d);
        keys.push(k.map(|k| k.e));
        values.push(v.e);
    }
    node(
        Expr::from(ExprDict {
            keys,
            values,
            loc: loc(l, r),
        }),
        d,
    )
}

/// The `for ... in ... if ...` clauses of a comprehension, with the depth of the deepest part.
pub(crate) type Comps = (Vec<Comprehension>, u32);

pub(crate) fn comprehension(
    is_async: bool,
    target: Ex,
    iter: Ex,
    ifs: Vec<Ex>,
) -> PResult<(Comprehension, u32)> {
    let mut d = target.d.max(iter.d);
    let target = set_context(target.e, ExprContext::Store, TargetKind::For)?;
    let ifs = ifs
        .into_iter()
        .map(|e| {
            d = d.max(e.d);
            e.e
        })
        .collect();
    Ok((
        Comprehension {
            target,
            iter: iter.e,
            ifs,
            is_async: i32::from(is_async),
        },
        d,
    ))
}

/// Which comprehension a `for` clause list makes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum CompKind {
    List,
    Set,
    Gen,
}

pub(crate) fn comp(kind: CompKind, elt: Ex, gens: Comps, l: Pos, r: Pos) -> PResult<Ex> {
    if let Expr::Starred(s) = &elt.e {
        return Err(Error::at(
            start_of(&s.loc),
            end_of(&s.loc),
            "iterable unpacking cannot be used in comprehension",
        ));
    }
    let d = elt.d.max(gens.1);
    let loc = loc(l, r);
    let e = match kind {
        CompKind::List => Expr::from(ExprListComp {
            elt: elt.e,
            generators: gens.0,
            loc,
        }),
        CompKind::Set => Expr::from(ExprSetComp {
            elt: elt.e,
            generators: gens.0,
            loc,
        }),
        CompKind::Gen => Expr::from(ExprGeneratorExp {
            elt: elt.e,
            generators: gens.0,
            loc,
        }),
    };
    node(e, d)
}

pub(crate) fn dict_comp(key: Ex, value: Ex, gens: Comps, l: Pos, r: Pos) -> PResult<Ex> {
    let d = key.d.max(value.d).max(gens.1);
    node(
        Expr::from(ExprDictComp {
            key: key.e,
            value: value.e,
            generators: gens.0,
            loc: loc(l, r),
        }),
        d,
    )
}

/// `( ... )` holding a comma-separated list: a tuple, or the one parenthesised expression.
pub(crate) fn paren_group(items: Items, l: Pos, r: Pos) -> PResult<Ex> {
    match items {
        Items::One(e) => {
            if let Expr::Starred(s) = &e.e {
                return Err(Error::at(
                    start_of(&s.loc),
                    end_of(&s.loc),
                    "cannot use starred expression here",
                ));
            }
            Ok(Ex { r: 0, ..e })
        }
        Items::Many(v) => tuple(v, l, r),
    }
}

/// A subscript's contents: one slice or expression, or a tuple of them.
pub(crate) fn subscript_slice(items: Items, l: Pos, r: Pos) -> PResult<Ex> {
    match items {
        Items::One(e) if !matches!(e.e, Expr::Starred(_)) => Ok(Ex { r: 0, ..e }),
        items => tuple(items.into_exprs(), l, r),
    }
}

pub(crate) fn slice(
    lower: Option<Ex>,
    upper: Option<Ex>,
    step: Option<Ex>,
    l: Pos,
    r: Pos,
) -> PResult<Ex> {
    let d = [&lower, &upper, &step]
        .iter()
        .filter_map(|e| e.as_ref().map(|e| e.d))
        .max()
        .unwrap_or(0);
    node(
        Expr::from(ExprSlice {
            lower: lower.map(|e| e.e),
            upper: upper.map(|e| e.e),
            step: step.map(|e| e.e),
            loc: loc(l, r),
        }),
        d,
    )
}

// ---------------------------------------------------------------------------------------------
// Calls
// ---------------------------------------------------------------------------------------------

/// One argument of a call (or of a class's bases) as the grammar reads it.
#[derive(Debug)]
pub(crate) enum ArgItem {
    /// `x`, `x := 1`.
    Positional(Ex),
    /// `x for x in y` without its own parentheses.
    Genexp(Ex),
    /// `*x`.
    Starred(Ex),
    /// `name=value`, with its span.
    Keyword(Box<(Identifier, Ex, Pos, Pos)>),
    /// `**x`, with its span.
    DoubleStar(Box<(Ex, Pos, Pos)>),
}

/// The arguments of a call: positional ones, keywords, and the depth of the deepest.
#[derive(Default)]
pub(crate) struct CallArgs {
    pub(crate) args: Vec<Expr>,
    pub(crate) keywords: Vec<Keyword>,
    pub(crate) d: u32,
}

/// A call's arguments as the grammar reads them, one at a time: positional ones straight into
/// their list, and the rarer keywords, with what is needed to report an argument out of
/// order, behind a box (so that this stays small on the parser's stack).
#[derive(Default)]
pub(crate) struct ArgsBuilder {
    args: Vec<Expr>,
    rest: Option<Box<ArgsRest>>,
    d: u32,
    /// A generator without parentheses of its own is among the arguments.
    genexp: bool,
    /// Written with a comma after the last argument.
    pub(crate) trailing_comma: bool,
}

#[derive(Default)]
struct ArgsRest {
    keywords: Vec<Keyword>,
    double_star: bool,
    error: Option<ArgsError>,
}

enum ArgsError {
    /// A positional argument after a keyword (`unpacking`: after a `**`).
    PositionalAfterKeyword { unpacking: bool },
    /// `*x` after `**y`, at `*x`.
    UnpackingAfterDoubleStar(Location),
}

impl ArgsBuilder {
    pub(crate) fn start(item: ArgItem) -> ArgsBuilder {
        let mut b = ArgsBuilder::default();
        if let ArgItem::Positional(_) | ArgItem::Starred(_) | ArgItem::Genexp(_) = item {
            // Room for a few: made at once, the first push does not go through the vector's
            // growth path (a call with arguments usually has a positional one first).
            b.args = Vec::with_capacity(4);
        }
        b.push(item);
        b
    }

    pub(crate) fn push(&mut self, item: ArgItem) {
        match item {
            ArgItem::Positional(e) | ArgItem::Starred(e) | ArgItem::Genexp(e) => {
                // Only a generator read without its own parentheses counts.
                if let Expr::GeneratorExp(g) = &e.e {
                    if g.loc.lineno == u32::MAX {
                        self.genexp = true;
                    }
                }
                let is_star = matches!(e.e, Expr::Starred(_));
                if let Some(rest) = &mut self.rest {
                    if rest.error.is_none() {
                        if rest.double_star && is_star {
                            rest.error = Some(ArgsError::UnpackingAfterDoubleStar(e.loc()));
                        } else if !is_star {
                            rest.error = Some(ArgsError::PositionalAfterKeyword {
                                unpacking: rest.double_star,
                            });
                        }
                    }
                }
                self.d = self.d.max(e.d);
                self.args.push(e.e);
            }
            ArgItem::Keyword(kw) => {
                let (name, value, l, r) = *kw;
                self.d = self.d.max(value.d);
                let rest = self.rest.get_or_insert_with(Default::default);
                rest.keywords.push(Keyword {
                    arg: Some(name),
                    value: value.e,
                    loc: loc(l, r),
                });
            }
            ArgItem::DoubleStar(kw) => {
                let (value, l, r) = *kw;
                self.d = self.d.max(value.d);
                let rest = self.rest.get_or_insert_with(Default::default);
                rest.double_star = true;
                rest.keywords.push(Keyword {
                    arg: None,
                    value: value.e,
                    loc: loc(l, r),
                });
            }
        }
    }

    /// True when a generator without parentheses of its own is among the arguments.
    pub(crate) fn has_bare_genexp(&self) -> Option<&Expr> {
        self.genexp.then(|| self.bare_genexp()).flatten()
    }

    fn bare_genexp(&self) -> Option<&Expr> {
        // Keywords do not shift positional indices: find the generator among `args`.
        self.args
            .iter()
            .find(|e| matches!(e, Expr::GeneratorExp(g) if g.loc.lineno == u32::MAX))
    }

    /// The checked arguments: an unparenthesised generator must be the only argument (and
    /// takes the call's parentheses as its location); positional arguments come first.
    pub(crate) fn finish(mut self, src: &str, lpar: Pos, rpar: Pos) -> PResult<CallArgs> {
        if self.genexp {
            let count = self.args.len() + self.rest.as_ref().map_or(0, |r| r.keywords.len());
            let alone = count == 1 && !self.trailing_comma;
            for e in &mut self.args {
                if let Expr::GeneratorExp(g) = e {
                    if g.loc.lineno == u32::MAX {
                        if !alone {
                            let at = g.generators_loc_fallback();
                            return Err(Error::at(
                                start_of(&at),
                                end_of(&at),
                                "Generator expression must be parenthesized",
                            ));
                        }
                        g.loc = loc(lpar, rpar);
                    }
                }
            }
        }
        // CPython reports an argument out of order at the closing parenthesis (the last token
        // it read), and an unpacking after `**` from the comma before it.
        let rpar_start = Pos {
            col: rpar.col.saturating_sub(1),
            ..rpar
        };
        let keywords = match self.rest {
            None => Vec::new(),
            Some(rest) => {
                match rest.error {
                    Some(ArgsError::PositionalAfterKeyword { unpacking }) => {
                        return Err(Error::at(
                            rpar_start,
                            rpar,
                            if unpacking {
                                "positional argument follows keyword argument unpacking"
                            } else {
                                "positional argument follows keyword argument"
                            },
                        ));
                    }
                    Some(ArgsError::UnpackingAfterDoubleStar(at)) => {
                        let comma = comma_before(src, at.lineno, at.col_offset);
                        let last_read = Pos {
                            col: rpar.col.saturating_sub(1),
                            ..rpar
                        };
                        return Err(Error::at(
                            comma,
                            last_read,
                            "iterable argument unpacking follows keyword argument unpacking",
                        ));
                    }
                    None => {}
                }
                rest.keywords
            }
        };
        Ok(CallArgs {
            args: self.args,
            keywords,
            d: self.d,
        })
    }
}

/// A generator expression written without parentheses of its own, as an argument: its
/// location is marked (line `u32::MAX`, the real one kept in the end fields) until the call
/// gives it the call's parentheses.
pub(crate) fn bare_genexp(e: Ex) -> Ex {
    let mut e = e;
    if let Expr::GeneratorExp(g) = &mut e.e {
        let real = g.loc;
        g.loc = Location::new(
            u32::MAX,
            real.col_offset,
            real.end_lineno,
            real.end_col_offset,
        );
        // The start line is recoverable from the element's location.
        let _ = real.lineno;
    }
    e
}

trait GenexpLoc {
    fn generators_loc_fallback(&self) -> Location;
}

impl GenexpLoc for ExprGeneratorExp {
    /// The span of a bare generator (whose start line is marked): from its element's start.
    fn generators_loc_fallback(&self) -> Location {
        let elt = self.elt.loc();
        Location::new(
            elt.lineno,
            self.loc.col_offset,
            self.loc.end_lineno,
            self.loc.end_col_offset,
        )
    }
}

pub(crate) fn call(func: Ex, args: CallArgs, l: Pos, r: Pos) -> PResult<Ex> {
    let d = func.d.max(args.d);
    node(
        Expr::from(ExprCall {
            func: func.e,
            args: args.args,
            keywords: args.keywords,
            loc: loc(l, r),
        }),
        d,
    )
}

pub(crate) fn keyword_arg(key: Ex, value: Ex, l: Pos, r: Pos, eq: Pos) -> PResult<ArgItem> {
    match key.e {
        Expr::Name(n) if n.loc.col_offset == l.col && n.loc.lineno == l.line => {
            Ok(ArgItem::Keyword(Box::new((n.id, value, l, r))))
        }
        Expr::Constant(c)
            if matches!(c.value, Constant::None | Constant::Bool(_))
                && c.loc.col_offset == l.col
                && c.loc.lineno == l.line =>
        {
            let word = match c.value {
                Constant::None => "None",
                Constant::Bool(true) => "True",
                _ => "False",
            };
            Err(Error::at(
                l,
                end_after(eq),
                format!("cannot assign to {word}"),
            ))
        }
        other => {
            let at = other.loc();
            Err(Error::at(
                start_of(&at),
                end_after(eq),
                "expression cannot contain assignment, perhaps you meant \"==\"?",
            ))
        }
    }
}

/// "invalid syntax" at the keyword `word` written last before `at` (error paths only).
pub(crate) fn keyword_before(src: &str, word: &str, at: &Location) -> Box<Error> {
    let start = crate::error::line_start(src, at.lineno).unwrap_or(0) + at.col_offset as usize;
    let before = &src[..start.min(src.len())];
    let i = before.rfind(word).unwrap_or(0);
    let line_start = before[..i].rfind('\n').map_or(0, |j| j + 1);
    let p = Pos {
        line: before[..i].matches('\n').count() as u32 + 1,
        col: (i - line_start) as u32,
    };
    let e = Pos {
        col: p.col + word.len() as u32,
        ..p
    };
    Error::at(p, e, "invalid syntax")
}

/// Where the comma before position (`line`, `col`) is (found in the source: error paths only).
fn comma_before(src: &str, line: u32, col: u32) -> Pos {
    let start = crate::error::line_start(src, line).unwrap_or(0) + col as usize;
    let before = &src[..start.min(src.len())];
    match before.rfind(',') {
        Some(i) => {
            let line_start = before[..i].rfind('\n').map_or(0, |j| j + 1);
            Pos {
                line: before[..i].matches('\n').count() as u32 + 1,
                col: (i - line_start) as u32,
            }
        }
        None => Pos { line, col },
    }
}

/// The position just after a one-character token starting at `p`.
pub(crate) fn end_after(p: Pos) -> Pos {
    Pos {
        line: p.line,
        col: p.col + 1,
    }
}

// ---------------------------------------------------------------------------------------------
// Targets
// ---------------------------------------------------------------------------------------------

/// Where a target stands, which decides CPython's wording when it is not a valid one.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum TargetKind {
    /// `x = ...`, `with ... as x`.
    Assign,
    /// `for x in ...` and comprehensions.
    For,
    /// `del x`.
    Del,
}

/// CPython's name for the kind of an expression in error messages (`_PyPegen_get_expr_name`).
pub(crate) fn expr_name(e: &Expr) -> &'static str {
    match e {
        Expr::Attribute(_) => "attribute",
        Expr::Subscript(_) => "subscript",
        Expr::Starred(_) => "starred",
        Expr::Name(_) => "name",
        Expr::List(_) => "list",
        Expr::Tuple(_) => "tuple",
        Expr::Lambda(_) => "lambda",
        Expr::Call(_) => "function call",
        Expr::BoolOp(_) | Expr::BinOp(_) | Expr::UnaryOp(_) => "expression",
        Expr::GeneratorExp(_) => "generator expression",
        Expr::Yield(_) | Expr::YieldFrom(_) => "yield expression",
        Expr::Await(_) => "await expression",
        Expr::ListComp(_) => "list comprehension",
        Expr::SetComp(_) => "set comprehension",
        Expr::DictComp(_) => "dict comprehension",
        Expr::Dict(_) => "dict literal",
        Expr::Set(_) => "set display",
        Expr::JoinedStr(_) | Expr::FormattedValue(_) => "f-string expression",
        Expr::Constant(c) => match c.value {
            Constant::None => "None",
            Constant::Bool(true) => "True",
            Constant::Bool(false) => "False",
            Constant::Ellipsis => "ellipsis",
            _ => "literal",
        },
        Expr::Compare(_) => "comparison",
        Expr::IfExp(_) => "conditional expression",
        Expr::NamedExpr(_) => "named expression",
        Expr::Slice(_) => "slice",
    }
}

/// The first part of `e` that cannot be a target (CPython's `_PyPegen_get_invalid_target`).
pub(crate) fn invalid_target(e: &Expr, kind: TargetKind) -> Option<&Expr> {
    match e {
        Expr::List(l) => l.elts.iter().find_map(|e| invalid_target(e, kind)),
        Expr::Tuple(t) => t.elts.iter().find_map(|e| invalid_target(e, kind)),
        Expr::Starred(s) => {
            if kind == TargetKind::Del {
                Some(e)
            } else {
                invalid_target(&s.value, kind)
            }
        }
        Expr::Compare(c) => {
            // `for x in y`: a comparison with `in` is the target and the iterable read together.
            if kind == TargetKind::For {
                if c.ops[0] == CmpOp::In {
                    return invalid_target(&c.left, kind);
                }
                return None;
            }
            Some(e)
        }
        Expr::Name(_) | Expr::Subscript(_) | Expr::Attribute(_) => None,
        _ => Some(e),
    }
}

fn target_error(e: &Expr, kind: TargetKind) -> Box<Error> {
    let bad = invalid_target(e, kind).unwrap_or(e);
    let verb = if kind == TargetKind::Del {
        "delete"
    } else {
        "assign to"
    };
    let at = bad.loc();
    Error::at(
        start_of(&at),
        end_of(&at),
        format!("cannot {verb} {}", expr_name(bad)),
    )
}

/// Gives a target expression its context (`Store` or `Del`), all the way down through tuples,
/// lists and starred items, or says why it cannot be a target.
pub(crate) fn set_context(e: Expr, ctx: ExprContext, kind: TargetKind) -> PResult<Expr> {
    Ok(match e {
        Expr::Name(mut n) => {
            n.ctx = ctx;
            Expr::Name(n)
        }
        Expr::Attribute(mut a) => {
            a.ctx = ctx;
            Expr::Attribute(a)
        }
        Expr::Subscript(mut s) => {
            s.ctx = ctx;
            Expr::Subscript(s)
        }
        Expr::Starred(mut s) if kind != TargetKind::Del => {
            let value = std::mem::replace(&mut s.value, placeholder());
            s.value = set_context(value, ctx, kind)?;
            s.ctx = ctx;
            Expr::Starred(s)
        }
        Expr::Tuple(mut t) => {
            if t.elts.iter().any(|e| invalid_target(e, kind).is_some()) {
                return Err(target_error(&Expr::Tuple(t), kind));
            }
            let elts = std::mem::take(&mut t.elts);
            t.elts = elts
                .into_iter()
                .map(|e| set_context(e, ctx, kind))
                .collect::<PResult<_>>()?;
            t.ctx = ctx;
            Expr::Tuple(t)
        }
        Expr::List(mut l) => {
            if l.elts.iter().any(|e| invalid_target(e, kind).is_some()) {
                return Err(target_error(&Expr::List(l), kind));
            }
            let elts = std::mem::take(&mut l.elts);
            l.elts = elts
                .into_iter()
                .map(|e| set_context(e, ctx, kind))
                .collect::<PResult<_>>()?;
            l.ctx = ctx;
            Expr::List(l)
        }
        other => return Err(target_error(&other, kind)),
    })
}

/// A cheap expression to stand in while a child is moved out and back.
fn placeholder() -> Expr {
    Expr::from(ExprConstant {
        value: Constant::None,
        kind: None,
        loc: Location::default(),
    })
}

// ---------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------

/// One item of a parameter list as the grammar reads it, before the order is checked.
#[derive(Debug)]
pub(crate) enum Param {
    /// `name`, `name: ann`, `name=default`.
    Plain(Arg, Option<Ex>, u32),
    /// `*`, `*args`, `*args: ann`; the position of the `*`.
    Star(Option<(Arg, u32)>, Pos),
    /// `**kwargs`; the position of the `**`.
    DoubleStar(Arg, u32, Pos),
    /// `/`, at its position.
    Slash(Pos),
}

pub(crate) fn arg(name: Identifier, annotation: Option<Ex>, l: Pos, r: Pos) -> (Arg, u32) {
    let d = annotation.as_ref().map_or(0, |a| a.d);
    (
        Arg {
            arg: name,
            annotation: annotation.map(|a| a.e),
            type_comment: None,
            loc: loc(l, r),
        },
        d,
    )
}

/// `name`, `name: annotation`, `name=default`: a parameter of the positional kinds.
pub(crate) fn plain_param(
    name: Identifier,
    annotation: Option<Ex>,
    default: Option<Ex>,
    l: Pos,
    r: Pos,
) -> Param {
    let (arg, ad) = arg(name, annotation, l, r);
    Param::Plain(arg, default, ad)
}

/// `**name`, `**name: annotation`; `at` is the position of the `**`.
pub(crate) fn double_star_param(
    name: Identifier,
    annotation: Option<Ex>,
    at: Pos,
    l: Pos,
    r: Pos,
) -> Param {
    let (arg, ad) = arg(name, annotation, l, r);
    Param::DoubleStar(arg, ad, at)
}

/// A parameter list begun with its first parameter, with room for a few more: most lists
/// have several, and the first push would otherwise go through the vector's growth path.
pub(crate) fn params(first: Param) -> Vec<Param> {
    let mut v = Vec::with_capacity(4);
    v.push(first);
    v
}

/// Adds a parameter to a list; `type_comment` was written after the comma before it.
pub(crate) fn push_param(
    mut params: Vec<Param>,
    type_comment: Option<&str>,
    param: Param,
) -> Vec<Param> {
    if let Some(tc) = type_comment {
        attach_type_comment(&mut params, tc);
    }
    params.push(param);
    params
}

/// Gives the last parameter of `params` the type comment written after it.
pub(crate) fn attach_type_comment(params: &mut [Param], tc: &str) {
    let arg = match params.last_mut() {
        Some(Param::Plain(a, _, _)) => a,
        Some(Param::Star(Some((a, _)), _)) => a,
        Some(Param::DoubleStar(a, _, _)) => a,
        _ => return,
    };
    arg.type_comment = Some(tc.into());
}

fn param_pos(p: &Param) -> (Pos, Pos) {
    match p {
        Param::Plain(a, _, _) | Param::Star(Some((a, _)), _) | Param::DoubleStar(a, _, _) => {
            (start_of(&a.loc), end_of(&a.loc))
        }
        Param::Star(None, at) | Param::Slash(at) => (*at, end_after(*at)),
    }
}

/// Sorts a parameter list into CPython's `arguments`, with its errors for each order that
/// Python does not allow.
pub(crate) fn make_arguments(params: Vec<Param>, lambda: bool) -> PResult<(Arguments, u32)> {
    let mut a = empty_arguments();
    // Room for every parameter among the ordinary ones (most are): no growth on the way.
    a.args = Vec::with_capacity(params.len());
    let mut d = 0;
    let mut seen_slash = false;
    let mut seen_star: Option<Pos> = None;
    let mut bare_star = false;
    let mut seen_kwarg = false;
    let mut seen_default = false;
    let n = params.len();
    let mut params = params.into_iter().enumerate().peekable();
    while let Some((i, p)) = params.next() {
        if seen_kwarg {
            let (s, e) = match &p {
                Param::DoubleStar(_, _, at) => (*at, end_after(end_after(*at))),
                Param::Star(_, at) => (*at, end_after(*at)),
                p => {
                    let s = param_pos(p).0;
                    (s, end_after(s))
                }
            };
            return Err(Error::at(
                s,
                e,
                "arguments cannot follow var-keyword argument",
            ));
        }
        match p {
            Param::Slash(at) => {
                if seen_slash {
                    return Err(Error::at(at, end_after(at), "/ may appear only once"));
                }
                if seen_star.is_some() {
                    return Err(Error::at(at, end_after(at), "/ must be ahead of *"));
                }
                if i == 0 {
                    return Err(Error::at(
                        at,
                        end_after(at),
                        "at least one argument must precede /",
                    ));
                }
                seen_slash = true;
                a.posonlyargs = std::mem::take(&mut a.args);
            }
            Param::Plain(arg, default, ad) => {
                d = d.max(ad);
                if seen_star.is_some() {
                    if let Some(def) = &default {
                        d = d.max(def.d);
                    }
                    a.kwonlyargs.push(arg);
                    a.kw_defaults.push(default.map(|e| e.e));
                } else {
                    match default {
                        Some(def) => {
                            seen_default = true;
                            d = d.max(def.d);
                            a.defaults.push(def.e);
                        }
                        None if seen_default => {
                            return Err(Error::at(
                                start_of(&arg.loc),
                                end_of(&arg.loc),
                                "parameter without a default follows parameter with a default",
                            ));
                        }
                        None => {}
                    }
                    a.args.push(arg);
                }
            }
            Param::Star(vararg, at) => {
                if seen_star.is_some() {
                    return Err(Error::at(
                        at,
                        end_after(at),
                        "* argument may appear only once",
                    ));
                }
                seen_star = Some(at);
                bare_star = vararg.is_none();
                if bare_star {
                    let next_is_named = matches!(params.peek(), Some((_, Param::Plain(..))));
                    if !next_is_named {
                        // A lambda's error is at the token after the `*` (CPython's
                        // RAISE_SYNTAX_ERROR reports the last token read).
                        let at = match (lambda, params.peek()) {
                            (false, _) => at,
                            (true, Some((_, p))) => param_pos(p).0,
                            (true, None) => end_after(at),
                        };
                        let at = if lambda {
                            match params.peek() {
                                Some((_, Param::DoubleStar(_, _, s))) => *s,
                                _ => at,
                            }
                        } else {
                            at
                        };
                        return Err(Error::at(
                            at,
                            end_after(at),
                            "named arguments must follow bare *",
                        ));
                    }
                }
                if let Some((arg, ad)) = vararg {
                    d = d.max(ad);
                    a.vararg = Some(arg);
                }
            }
            Param::DoubleStar(arg, ad, _) => {
                d = d.max(ad);
                seen_kwarg = true;
                a.kwarg = Some(arg);
            }
        }
    }
    let _ = (n, bare_star);
    Ok((a, d))
}

// ---------------------------------------------------------------------------------------------
// Statements
// ---------------------------------------------------------------------------------------------

/// A block: its statements and where it ends.
pub(crate) type Body = (Vec<Stmt>, Pos);

/// A block's first statement, in a list with room for a few more (a block that has two
/// statements usually has more).
#[inline]
pub(crate) fn stmts(first: Stmt) -> Vec<Stmt> {
    let mut v = Vec::with_capacity(4);
    v.push(first);
    v
}

/// A body and an optional `else` block, and where the pair ends.
pub(crate) fn with_else(body: Body, orelse: Option<Body>) -> (Vec<Stmt>, Vec<Stmt>, Pos) {
    match orelse {
        Some((orelse, r)) => (body.0, orelse, r),
        None => (body.0, Vec::new(), body.1),
    }
}

/// `from ... import ...`: `dots` are the leading dots (`...` counts three).
pub(crate) fn import_from(
    dots: Vec<u32>,
    module: Option<String>,
    import_at: Pos,
    names: Vec<Alias>,
    l: Pos,
    r: Pos,
) -> PResult<Stmt> {
    let level: u32 = dots.iter().sum();
    if level == 0 && module.is_none() {
        let end = Pos {
            col: import_at.col + 6,
            ..import_at
        };
        return Err(Error::at(import_at, end, "invalid syntax"));
    }
    Ok(Stmt::from(StmtImportFrom {
        module: module.map(Identifier::from),
        names,
        level: Some(level as i32),
        loc: loc(l, r),
    }))
}

/// `for target in iter:` (or `async for`), with its body and `else` block.
pub(crate) fn for_stmt(
    l: Pos,
    is_async: bool,
    target: Ex,
    iter: Ex,
    type_comment: Option<&str>,
    body: Body,
    orelse: Option<Body>,
) -> PResult<Stmt> {
    let (body, orelse, r) = with_else(body, orelse);
    let target = set_context(target.e, ExprContext::Store, TargetKind::For)?;
    let loc = loc(l, r);
    let type_comment = type_comment.map(Into::into);
    let iter = iter.e;
    Ok(if is_async {
        Stmt::from(StmtAsyncFor {
            target,
            iter,
            body,
            orelse,
            type_comment,
            loc,
        })
    } else {
        Stmt::from(StmtFor {
            target,
            iter,
            body,
            orelse,
            type_comment,
            loc,
        })
    })
}

/// `with items:` (or `async with`).
pub(crate) fn with_stmt(
    l: Pos,
    is_async: bool,
    items: Vec<(Ex, Option<Ex>)>,
    type_comment: Option<&str>,
    body: Body,
) -> PResult<Stmt> {
    let (body, r) = body;
    let items = with_items(items)?;
    let loc = loc(l, r);
    let type_comment = type_comment.map(Into::into);
    Ok(if is_async {
        Stmt::from(StmtAsyncWith {
            items,
            body,
            type_comment,
            loc,
        })
    } else {
        Stmt::from(StmtWith {
            items,
            body,
            type_comment,
            loc,
        })
    })
}

/// The parameters of a `def` as the grammar reads them: checked (or CPython's error), and
/// the depth of their deepest annotation or default.
pub(crate) type ParamsResult = PResult<Box<(Arguments, u32)>>;

/// A function's body as the grammar reads it: a type comment on the line of the `def` or
/// alone on the next line, and the block.
pub(crate) type FuncBody<'a> = Box<(Option<&'a str>, Body)>;

/// `def` (or `async def`), with its decorators.
// The boxes are the grammar's: large values are boxed while on the parser's stack.
#[allow(clippy::too_many_arguments, clippy::boxed_local)]
pub(crate) fn func_def(
    decorators: Option<Vec<Ex>>,
    l: Pos,
    is_async: bool,
    name: Identifier,
    type_params: Option<Vec<TypeParam>>,
    params: ParamsResult,
    returns: Option<Ex>,
    body: FuncBody<'_>,
) -> PResult<Stmt> {
    let (type_comment, (body, r)) = *body;
    let args = params?.0;
    let decorator_list = decorators
        .unwrap_or_default()
        .into_iter()
        .map(|e| e.e)
        .collect();
    let returns = returns.map(|e| e.e);
    let type_params = type_params.unwrap_or_default();
    let type_comment = type_comment.map(Into::into);
    let loc = loc(l, r);
    Ok(if is_async {
        Stmt::from(StmtAsyncFunctionDef {
            name,
            args,
            body,
            decorator_list,
            returns,
            type_comment,
            type_params,
            loc,
        })
    } else {
        Stmt::from(StmtFunctionDef {
            name,
            args,
            body,
            decorator_list,
            returns,
            type_comment,
            type_params,
            loc,
        })
    })
}

/// `class`, with its decorators; `args` are the parenthesised bases and keywords.
pub(crate) fn class_def(
    src: &str,
    decorators: Option<Vec<Ex>>,
    l: Pos,
    name: Identifier,
    type_params: Option<Vec<TypeParam>>,
    args: Option<Box<(Pos, ArgsBuilder, Pos)>>,
    body: Body,
) -> PResult<Stmt> {
    let (body, r) = body;
    let (bases, keywords) = match args {
        Some(args) => {
            let (lp, items, rp) = *args;
            // A class's bases are no call: a bare generator is not allowed there.
            if let Some(Expr::GeneratorExp(ge)) = items.has_bare_genexp() {
                let target = ge.generators[0].target.loc();
                return Err(keyword_before(src, "for", &target));
            }
            let args = items.finish(src, lp, rp)?;
            (args.args, args.keywords)
        }
        None => (Vec::new(), Vec::new()),
    };
    Ok(Stmt::from(StmtClassDef {
        name,
        bases,
        keywords,
        body,
        decorator_list: decorators
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.e)
            .collect(),
        type_params: type_params.unwrap_or_default(),
        loc: loc(l, r),
    }))
}

/// `target = value`.
pub(crate) fn assign1(
    target: Ex,
    value: Ex,
    type_comment: Option<&str>,
    l: Pos,
    r: Pos,
) -> PResult<Stmt> {
    if let Some(err) = comparison_typo(&target.e, &value.e, l) {
        return Err(err);
    }
    if let Expr::Yield(_) | Expr::YieldFrom(_) = &target.e {
        let at = target.loc();
        return Err(Error::at(
            start_of(&at),
            end_of(&at),
            "assignment to yield expression not possible",
        ));
    }
    let target = set_context(target.e, ExprContext::Store, TargetKind::Assign)?;
    Ok(Stmt::from(StmtAssign {
        targets: vec![target],
        value: value.e,
        type_comment: type_comment.map(Into::into),
        loc: loc(l, r),
    }))
}

/// `a = b = value`: every part but the last is a target.
pub(crate) fn assign(
    mut parts: Vec<Ex>,
    type_comment: Option<&str>,
    l: Pos,
    r: Pos,
) -> PResult<Stmt> {
    let value = parts.pop().expect("an assignment has a value");
    if parts.len() == 1 {
        if let Some(err) = comparison_typo(&parts[0].e, &value.e, l) {
            return Err(err);
        }
    }
    let mut targets = Vec::with_capacity(parts.len());
    for t in parts {
        if let Expr::Yield(_) | Expr::YieldFrom(_) = &t.e {
            let at = t.loc();
            return Err(Error::at(
                start_of(&at),
                end_of(&at),
                "assignment to yield expression not possible",
            ));
        }
        targets.push(set_context(t.e, ExprContext::Store, TargetKind::Assign)?);
    }
    Ok(Stmt::from(StmtAssign {
        targets,
        value: value.e,
        type_comment: type_comment.map(Into::into),
        loc: loc(l, r),
    }))
}

/// Whether `e` starts where the statement starts (it is not in parentheses).
fn at_start(e: &Expr, l: Pos) -> bool {
    let at = e.loc();
    at.lineno == l.line && at.col_offset == l.col
}

/// The leftmost `bitwise_or`-level part of an expression, if it starts with one.
fn leading_bitor(e: &Expr) -> Option<&Expr> {
    match e {
        Expr::Tuple(t) => t.elts.first().and_then(leading_bitor),
        Expr::Compare(c) => leading_bitor(&c.left),
        Expr::BoolOp(b) => b.values.first().and_then(leading_bitor),
        Expr::IfExp(i) => leading_bitor(&i.body),
        Expr::NamedExpr(_) => None,
        Expr::Starred(_) | Expr::Yield(_) | Expr::YieldFrom(_) | Expr::Lambda(_) => None,
        Expr::UnaryOp(u) if u.op == UnaryOp::Not => None,
        e => Some(e),
    }
}

/// True when `e` begins with a list, tuple or generator display, or `True`, `None` or
/// `False` (CPython's `!(list|tuple|genexp|'True'|'None'|'False')`).
fn starts_with_display(e: &Expr) -> bool {
    let start = e.loc();
    let mut x = e;
    loop {
        let next = match x {
            Expr::Call(c) => &c.func,
            Expr::Attribute(a) => &a.value,
            Expr::Subscript(s) => &s.value,
            Expr::BinOp(b) => &b.left,
            _ => break,
        };
        x = next;
    }
    let here = x.loc();
    if here.lineno != start.lineno || here.col_offset != start.col_offset {
        return false;
    }
    match x {
        Expr::List(_) | Expr::Tuple(_) | Expr::GeneratorExp(_) => true,
        Expr::Constant(c) => matches!(c.value, Constant::None | Constant::Bool(_)),
        _ => false,
    }
}

/// True for the expressions CPython's `bitwise_or` reads without parentheses.
fn is_bitor(e: &Expr, l: Pos, parenthesised: bool) -> bool {
    parenthesised
        || !matches!(
            e,
            Expr::Compare(_)
                | Expr::BoolOp(_)
                | Expr::IfExp(_)
                | Expr::Lambda(_)
                | Expr::NamedExpr(_)
                | Expr::Starred(_)
                | Expr::Yield(_)
                | Expr::YieldFrom(_)
        ) && !matches!(e, Expr::UnaryOp(u) if u.op == UnaryOp::Not)
            && at_start(e, l) | true
}

/// `x == y` mistyped as `x = y` (CPython's `invalid_named_expression`, which its parser meets
/// on the first target of a one-`=` assignment that is no valid target): "cannot assign to
/// function call here. Maybe you meant '==' instead of '='?", or for a name at the end of a
/// tuple, "invalid syntax. Maybe you meant '==' or ':=' instead of '='?".
fn comparison_typo(target: &Expr, value: &Expr, l: Pos) -> Option<Box<Error>> {
    invalid_target(target, TargetKind::Assign)?;
    let rhs = leading_bitor(value)?;
    // In an unparenthesised tuple of targets, the last item is the one read before `=`.
    let (item, item_start) = match target {
        Expr::Tuple(t) if t.elts.first().is_some_and(|e| at_start(e, l)) => {
            let last = t.elts.last()?;
            (last, start_of(&last.loc()))
        }
        e => (e, l),
    };
    let parenthesised = {
        let at = item.loc();
        at.lineno != item_start.line || at.col_offset != item_start.col
    };
    if let Expr::Name(n) = item {
        if !parenthesised {
            return Some(Error::at(
                start_of(&n.loc),
                end_of(&rhs.loc()),
                "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
            ));
        }
    }
    if !parenthesised && (!is_bitor(item, l, false) || starts_with_display(item)) {
        return None;
    }
    if parenthesised && matches!(item, Expr::Tuple(_) | Expr::GeneratorExp(_)) {
        return None;
    }
    let at = item.loc();
    Some(Error::at(
        start_of(&at),
        end_of(&at),
        format!(
            "cannot assign to {} here. Maybe you meant '==' instead of '='?",
            expr_name(item)
        ),
    ))
}

pub(crate) fn aug_assign(target: Ex, op: Operator, value: Ex, l: Pos, r: Pos) -> PResult<Stmt> {
    let target = match target.e {
        e @ (Expr::Name(_) | Expr::Attribute(_) | Expr::Subscript(_)) => {
            set_context(e, ExprContext::Store, TargetKind::Assign)?
        }
        other => {
            let at = other.loc();
            return Err(Error::at(
                start_of(&at),
                end_of(&at),
                format!(
                    "'{}' is an illegal expression for augmented assignment",
                    expr_name(&other)
                ),
            ));
        }
    };
    Ok(Stmt::from(StmtAugAssign {
        target,
        op,
        value: value.e,
        loc: loc(l, r),
    }))
}

pub(crate) fn ann_assign(
    target: Ex,
    annotation: Ex,
    value: Option<Ex>,
    l: Pos,
    r: Pos,
) -> PResult<Stmt> {
    // A plain name not in parentheses is "simple": it starts where the statement starts.
    let simple =
        matches!(&target.e, Expr::Name(n) if n.loc.col_offset == l.col && n.loc.lineno == l.line);
    let target = match target.e {
        e @ (Expr::Name(_) | Expr::Attribute(_) | Expr::Subscript(_)) => {
            set_context(e, ExprContext::Store, TargetKind::Assign)?
        }
        other => {
            let at = other.loc();
            let msg = match &other {
                Expr::Tuple(_) | Expr::List(_) => format!(
                    "only single target (not {}) can be annotated",
                    expr_name(&other)
                ),
                _ => "illegal target for annotation".to_owned(),
            };
            // An unparenthesised tuple is reported at its first item.
            let at = match &other {
                Expr::Tuple(t) if t.loc.col_offset == l.col && t.loc.lineno == l.line => {
                    t.elts.first().map_or(at, |e| e.loc())
                }
                _ => at,
            };
            return Err(Error::at(start_of(&at), end_of(&at), msg));
        }
    };
    Ok(Stmt::from(StmtAnnAssign {
        target,
        annotation: annotation.e,
        value: value.map(|v| v.e),
        simple: i32::from(simple),
        loc: loc(l, r),
    }))
}

/// `del a, b` (each item a target) or `del x` (one target, maybe a parenthesised tuple).
pub(crate) fn delete(targets: Items, l: Pos, r: Pos) -> PResult<Stmt> {
    let targets = targets
        .into_exprs()
        .v
        .into_iter()
        .map(|e| set_context(e, ExprContext::Del, TargetKind::Del))
        .collect::<PResult<_>>()?;
    Ok(Stmt::from(StmtDelete {
        targets,
        loc: loc(l, r),
    }))
}

/// An `if`/`elif` chain: `elifs` hold each `elif`'s start, test and body.
// The boxes are the grammar's: large values are boxed while on the parser's stack.
#[allow(clippy::vec_box)]
pub(crate) fn if_stmt(
    l: Pos,
    test: Ex,
    body: Body,
    elifs: Vec<Box<(Pos, Ex, Body)>>,
    orelse: Option<Body>,
) -> Stmt {
    let mut tail: Option<Body> = orelse;
    for elif in elifs.into_iter().rev() {
        let (el, etest, ebody) = *elif;
        let (ebody, orelse, end) = with_else(ebody, tail);
        let stmt = Stmt::from(StmtIf {
            test: etest.e,
            body: ebody,
            orelse,
            loc: loc(el, end),
        });
        tail = Some((vec![stmt], end));
    }
    let (body, orelse, end) = with_else(body, tail);
    Stmt::from(StmtIf {
        test: test.e,
        body,
        orelse,
        loc: loc(l, end),
    })
}

/// `try` with its handlers: a `Try`, or a `TryStar` when the handlers are `except*` ones.
#[allow(clippy::vec_box)]
pub(crate) fn try_stmt(
    l: Pos,
    body: Body,
    handlers: Vec<Box<(Option<Pos>, Pos, ExceptHandler)>>,
    orelse: Option<Body>,
    finalbody: Option<Body>,
) -> PResult<Stmt> {
    let mut r = body.1;
    if let Some(h) = handlers.last() {
        r = end_of(&h.2.loc);
    }
    let orelse = orelse.map_or_else(Vec::new, |(b, e)| {
        r = e;
        b
    });
    let finalbody = finalbody.map_or_else(Vec::new, |(b, e)| {
        r = e;
        b
    });
    let body = body.0;
    let star = handlers.first().is_some_and(|h| h.0.is_some());
    let mut list = Vec::with_capacity(handlers.len());
    for handler in handlers {
        let (star_end, at, h) = *handler;
        if star_end.is_some() != star {
            let end = star_end.unwrap_or(Pos {
                col: at.col + 6,
                ..at
            });
            return Err(Error::at(
                at,
                end,
                "cannot have both 'except' and 'except*' on the same 'try'",
            ));
        }
        if let (Some(colon), None) = (star_end, &h.type_) {
            return Err(Error::at(
                colon,
                end_after(colon),
                "expected one or more exception types",
            ));
        }
        list.push(h);
    }
    let loc = loc(l, r);
    Ok(if star {
        Stmt::from(StmtTryStar {
            body,
            handlers: list,
            orelse,
            finalbody,
            loc,
        })
    } else {
        Stmt::from(StmtTry {
            body,
            handlers: list,
            orelse,
            finalbody,
            loc,
        })
    })
}

/// The items of a `with` statement, targets given their `Store` context.
pub(crate) fn with_items(items: Vec<(Ex, Option<Ex>)>) -> PResult<Vec<WithItem>> {
    items
        .into_iter()
        .map(|(e, t)| {
            Ok(WithItem {
                context_expr: e.e,
                optional_vars: match t {
                    Some(t) => Some(set_context(t.e, ExprContext::Store, TargetKind::Assign)?),
                    None => None,
                },
            })
        })
        .collect()
}

/// A comma-separated list read by `ListOf`: a tuple if written with a comma, else its item.
pub(crate) fn tuple_or_single(x: Items, l: Pos, r: Pos) -> PResult<Ex> {
    match x {
        Items::One(e) => Ok(e),
        Items::Many(v) => tuple(v, l, r),
    }
}

/// A NAME token's identifier: NFKC-normalised, as PEP 3131 asks.
#[inline]
pub(crate) fn identifier(text: &str) -> Identifier {
    if text.is_ascii() {
        // Nothing to normalise (the usual case).
        return Identifier::from(text);
    }
    Identifier::from(&*pyrs_tokenizer::unicode::normalize_identifier(text))
}

/// A NUMBER token's value.
pub(crate) fn number(text: &str, l: Pos, r: Pos) -> PResult<Ex> {
    let bytes = text.as_bytes();
    let value = if let Some(body) = text.strip_suffix(['j', 'J']) {
        Constant::Complex {
            real: 0.0,
            imag: parse_float(body),
        }
    } else if matches!(bytes, [b'0', b'x' | b'X' | b'o' | b'O' | b'b' | b'B', ..])
        || !text.contains(['.', 'e', 'E'])
    {
        if !matches!(bytes, [b'0', b'x' | b'X' | b'o' | b'O' | b'b' | b'B', ..]) {
            let digits = bytes.iter().filter(|b| b.is_ascii_digit()).count();
            if digits > 4300 {
                // CPython gives this one no column.
                return Err(Box::new(Error {
                    kind: ErrorKind::SyntaxError,
                    msg: format!(
                        "Exceeds the limit (4300 digits) for integer string conversion: value has {digits} digits; use sys.set_int_max_str_digits() to increase the limit - Consider hexadecimal for huge integer literals to avoid decimal conversion limits."
                    ),
                    span: Span::Raw(l.line, 0, l.line, 0),
                }));
            }
        }
        match Int::from_literal(text) {
            Some(i) => Constant::Int(i),
            None => return Err(Error::at(l, r, "invalid syntax")),
        }
    } else {
        Constant::Float(parse_float(text))
    };
    Ok(constant(value, l, r))
}

fn parse_float(text: &str) -> f64 {
    if text.contains('_') {
        text.replace('_', "").parse().unwrap_or(f64::NAN)
    } else {
        text.parse().unwrap_or(f64::NAN)
    }
}

// ---------------------------------------------------------------------------------------------
// Patterns
// ---------------------------------------------------------------------------------------------

pub(crate) fn match_sequence(patterns: Vec<Pattern>, l: Pos, r: Pos) -> Pattern {
    Pattern::from(PatternMatchSequence {
        patterns,
        loc: loc(l, r),
    })
}

pub(crate) fn match_star(name: Identifier, l: Pos, r: Pos) -> Pattern {
    Pattern::from(PatternMatchStar {
        name: (&*name != "_").then_some(name),
        loc: loc(l, r),
    })
}

pub(crate) fn match_as(
    pattern: Pattern,
    name: Identifier,
    nl: Pos,
    l: Pos,
    r: Pos,
) -> PResult<Pattern> {
    if &*name == "_" {
        return Err(Error::at(nl, r, "cannot use '_' as a target"));
    }
    Ok(Pattern::from(PatternMatchAs {
        pattern: Some(pattern),
        name: Some(name),
        loc: loc(l, r),
    }))
}

/// A literal in a pattern: `None`, `True` and `False` match by identity, the rest by value.
pub(crate) fn literal_pattern(e: Ex, l: Pos, r: Pos) -> Pattern {
    match e.e {
        Expr::Constant(c) if matches!(c.value, Constant::None | Constant::Bool(_)) => {
            Pattern::from(PatternMatchSingleton {
                value: c.value,
                loc: loc(l, r),
            })
        }
        value => Pattern::from(PatternMatchValue {
            value,
            loc: loc(l, r),
        }),
    }
}

/// A name in a pattern captures (`_` is the wildcard); a dotted name is a value.
pub(crate) fn name_pattern(e: Ex, l: Pos, r: Pos) -> Pattern {
    match e.e {
        Expr::Name(n) => Pattern::from(PatternMatchAs {
            pattern: None,
            name: (&*n.id != "_").then_some(n.id),
            loc: loc(l, r),
        }),
        value => Pattern::from(PatternMatchValue {
            value,
            loc: loc(l, r),
        }),
    }
}

pub(crate) fn match_mapping(
    items: Vec<crate::grammar_support::MapItem>,
    l: Pos,
    r: Pos,
) -> PResult<Pattern> {
    use crate::grammar_support::MapItem;
    // `**rest` must come last: the parser stops at the next item's key.
    let rest_at = items.iter().position(|i| matches!(i, MapItem::Rest(..)));
    if let Some(i) = rest_at {
        if let MapItem::Rest(name, rl, rr) = &items[i] {
            if &**name == "_" {
                return Err(Error::at(*rl, *rr, "invalid syntax"));
            }
            match items.get(i + 1) {
                Some(MapItem::Pair(k, _)) => {
                    let at = k.loc();
                    return Err(Error::at(start_of(&at), end_of(&at), "invalid syntax"));
                }
                Some(MapItem::Rest(_, nl, nr)) => {
                    return Err(Error::at(*nl, *nr, "invalid syntax"))
                }
                None => {}
            }
        }
    }
    let mut keys = Vec::new();
    let mut patterns = Vec::new();
    let mut rest = None;
    for item in items {
        match item {
            MapItem::Pair(k, p) => {
                if let Expr::Name(name) = &k.e {
                    return Err(Error::at(
                        start_of(&name.loc),
                        end_of(&name.loc),
                        "invalid syntax",
                    ));
                }
                keys.push(k.e);
                patterns.push(p);
            }
            MapItem::Rest(name, _, _) => rest = Some(name),
        }
    }
    Ok(Pattern::from(PatternMatchMapping {
        keys,
        patterns,
        rest,
        loc: loc(l, r),
    }))
}

pub(crate) fn match_class(
    cls: Ex,
    args: Vec<crate::grammar_support::ClassArg>,
    l: Pos,
    r: Pos,
) -> PResult<Pattern> {
    use crate::grammar_support::ClassArg;
    let mut patterns = Vec::new();
    let mut kwd_attrs = Vec::new();
    let mut kwd_patterns = Vec::new();
    for arg in args {
        match arg {
            ClassArg::Positional(p) => {
                if !kwd_attrs.is_empty() {
                    let at = p.loc();
                    return Err(Error::at(
                        start_of(&at),
                        end_of(&at),
                        "positional patterns follow keyword patterns",
                    ));
                }
                patterns.push(p);
            }
            ClassArg::Keyword(keyword) => {
                let (name, p) = *keyword;
                kwd_attrs.push(name);
                kwd_patterns.push(p);
            }
        }
    }
    Ok(Pattern::from(PatternMatchClass {
        cls: cls.e,
        patterns,
        kwd_attrs,
        kwd_patterns,
        loc: loc(l, r),
    }))
}

/// `1 + 2j` in a pattern: a real number, then an imaginary one.
pub(crate) fn complex_literal(re: Ex, op: Operator, im: Ex, l: Pos, r: Pos) -> PResult<Ex> {
    let real_part = match &re.e {
        Expr::UnaryOp(u) => &u.operand,
        e => e,
    };
    if let Expr::Constant(c) = real_part {
        if matches!(c.value, Constant::Complex { .. }) {
            return Err(Error::at(
                start_of(&c.loc),
                end_of(&c.loc),
                "real number required in complex literal",
            ));
        }
    }
    if let Expr::Constant(c) = &im.e {
        if !matches!(c.value, Constant::Complex { .. }) {
            return Err(Error::at(
                start_of(&c.loc),
                end_of(&c.loc),
                "imaginary number required in complex literal",
            ));
        }
    }
    bin(re, op, im, l, r)
}

/// The `arguments` of a function without parameters.
pub(crate) fn empty_arguments() -> Arguments {
    Arguments {
        posonlyargs: Vec::new(),
        args: Vec::new(),
        vararg: None,
        kwonlyargs: Vec::new(),
        kw_defaults: Vec::new(),
        kwarg: None,
        defaults: Vec::new(),
    }
}
