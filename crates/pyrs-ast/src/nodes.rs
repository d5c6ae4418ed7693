//! The node types of Python 3.13's `ast` module: one enum per abstract class, one struct per
//! concrete class.
//!
//! Generated from ast.asdl by gen/rust.rs: do not edit by hand. Change ast.asdl (or the generator)
//! and run `cargo test -p pyrs-ast --test sourcegen`, which rewrites this file.

use crate::{Constant, Identifier, Location};

/// A parsed input, as `ast.parse` returns it for each `mode`.
///
/// CPython's abstract class `ast.mod` (see the [abstract
/// grammar](https://docs.python.org/3.13/library/ast.html#abstract-grammar)), with one variant per
/// concrete class, each boxing that node's struct, so that a `Mod` is two words and an
/// `Option<Mod>` too.
#[derive(Clone, Debug, PartialEq)]
pub enum Mod {
    /// [`ast.Module`](https://docs.python.org/3.13/library/ast.html#ast.Module): a whole file, as `ast.parse` returns it in `exec` mode.
    Module(Box<ModModule>),
    /// [`ast.Interactive`](https://docs.python.org/3.13/library/ast.html#ast.Interactive): one interactive input, as `ast.parse` returns it in `single` mode.
    Interactive(Box<ModInteractive>),
    /// [`ast.Expression`](https://docs.python.org/3.13/library/ast.html#ast.Expression): one expression, as `ast.parse` returns it in `eval` mode.
    Expression(Box<ModExpression>),
    /// [`ast.FunctionType`](https://docs.python.org/3.13/library/ast.html#ast.FunctionType): a signature type comment `(int, str) -> bool` (`func_type` mode).
    FunctionType(Box<ModFunctionType>),
}

impl Mod {
    /// The CPython class name, as `type(node).__name__` gives it.
    pub fn class_name(&self) -> &'static str {
        match self {
            Mod::Module(_) => "Module",
            Mod::Interactive(_) => "Interactive",
            Mod::Expression(_) => "Expression",
            Mod::FunctionType(_) => "FunctionType",
        }
    }
}

impl From<ModModule> for Mod {
    fn from(node: ModModule) -> Self {
        Mod::Module(Box::new(node))
    }
}

impl From<ModInteractive> for Mod {
    fn from(node: ModInteractive) -> Self {
        Mod::Interactive(Box::new(node))
    }
}

impl From<ModExpression> for Mod {
    fn from(node: ModExpression) -> Self {
        Mod::Expression(Box::new(node))
    }
}

impl From<ModFunctionType> for Mod {
    fn from(node: ModFunctionType) -> Self {
        Mod::FunctionType(Box::new(node))
    }
}

/// A statement.
///
/// CPython's abstract class `ast.stmt` (see the [abstract
/// grammar](https://docs.python.org/3.13/library/ast.html#abstract-grammar)), with one variant per
/// concrete class, each boxing that node's struct, so that a `Stmt` is two words and an
/// `Option<Stmt>` too.
#[derive(Clone, Debug, PartialEq)]
pub enum Stmt {
    /// [`ast.FunctionDef`](https://docs.python.org/3.13/library/ast.html#ast.FunctionDef): a `def` statement.
    FunctionDef(Box<StmtFunctionDef>),
    /// [`ast.AsyncFunctionDef`](https://docs.python.org/3.13/library/ast.html#ast.AsyncFunctionDef): an `async def` statement.
    AsyncFunctionDef(Box<StmtAsyncFunctionDef>),
    /// [`ast.ClassDef`](https://docs.python.org/3.13/library/ast.html#ast.ClassDef): a `class` statement.
    ClassDef(Box<StmtClassDef>),
    /// [`ast.Return`](https://docs.python.org/3.13/library/ast.html#ast.Return): `return` or `return value`.
    Return(Box<StmtReturn>),
    /// [`ast.Delete`](https://docs.python.org/3.13/library/ast.html#ast.Delete): `del a, b[0]`.
    Delete(Box<StmtDelete>),
    /// [`ast.Assign`](https://docs.python.org/3.13/library/ast.html#ast.Assign): `a = b = value`: one target per `=`.
    Assign(Box<StmtAssign>),
    /// [`ast.TypeAlias`](https://docs.python.org/3.13/library/ast.html#ast.TypeAlias): `type Alias[T] = value`.
    TypeAlias(Box<StmtTypeAlias>),
    /// [`ast.AugAssign`](https://docs.python.org/3.13/library/ast.html#ast.AugAssign): `target += value` and the other augmented assignments.
    AugAssign(Box<StmtAugAssign>),
    /// [`ast.AnnAssign`](https://docs.python.org/3.13/library/ast.html#ast.AnnAssign): `target: annotation = value`; `simple` is 1 for a bare unparenthesized name.
    AnnAssign(Box<StmtAnnAssign>),
    /// [`ast.For`](https://docs.python.org/3.13/library/ast.html#ast.For): a `for` loop with its optional `else` block.
    For(Box<StmtFor>),
    /// [`ast.AsyncFor`](https://docs.python.org/3.13/library/ast.html#ast.AsyncFor): an `async for` loop.
    AsyncFor(Box<StmtAsyncFor>),
    /// [`ast.While`](https://docs.python.org/3.13/library/ast.html#ast.While): a `while` loop with its optional `else` block.
    While(Box<StmtWhile>),
    /// [`ast.If`](https://docs.python.org/3.13/library/ast.html#ast.If): `if`; an `elif` is an `If` alone in the `orelse` of the previous one.
    If(Box<StmtIf>),
    /// [`ast.With`](https://docs.python.org/3.13/library/ast.html#ast.With): a `with` statement.
    With(Box<StmtWith>),
    /// [`ast.AsyncWith`](https://docs.python.org/3.13/library/ast.html#ast.AsyncWith): an `async with` statement.
    AsyncWith(Box<StmtAsyncWith>),
    /// [`ast.Match`](https://docs.python.org/3.13/library/ast.html#ast.Match): a `match` statement.
    Match(Box<StmtMatch>),
    /// [`ast.Raise`](https://docs.python.org/3.13/library/ast.html#ast.Raise): `raise`, `raise exc` or `raise exc from cause`.
    Raise(Box<StmtRaise>),
    /// [`ast.Try`](https://docs.python.org/3.13/library/ast.html#ast.Try): `try` with `except`, `else` and `finally` blocks.
    Try(Box<StmtTry>),
    /// [`ast.TryStar`](https://docs.python.org/3.13/library/ast.html#ast.TryStar): `try` with `except*` blocks.
    TryStar(Box<StmtTryStar>),
    /// [`ast.Assert`](https://docs.python.org/3.13/library/ast.html#ast.Assert): `assert test, msg`.
    Assert(Box<StmtAssert>),
    /// [`ast.Import`](https://docs.python.org/3.13/library/ast.html#ast.Import): `import a.b as c, d`.
    Import(Box<StmtImport>),
    /// [`ast.ImportFrom`](https://docs.python.org/3.13/library/ast.html#ast.ImportFrom): `from ..module import names`; `level` counts the leading dots.
    ImportFrom(Box<StmtImportFrom>),
    /// [`ast.Global`](https://docs.python.org/3.13/library/ast.html#ast.Global): `global a, b`.
    Global(Box<StmtGlobal>),
    /// [`ast.Nonlocal`](https://docs.python.org/3.13/library/ast.html#ast.Nonlocal): `nonlocal a, b`.
    Nonlocal(Box<StmtNonlocal>),
    /// [`ast.Expr`](https://docs.python.org/3.13/library/ast.html#ast.Expr): an expression used as a statement.
    Expr(Box<StmtExpr>),
    /// [`ast.Pass`](https://docs.python.org/3.13/library/ast.html#ast.Pass): `pass`.
    Pass(Box<StmtPass>),
    /// [`ast.Break`](https://docs.python.org/3.13/library/ast.html#ast.Break): `break`.
    Break(Box<StmtBreak>),
    /// [`ast.Continue`](https://docs.python.org/3.13/library/ast.html#ast.Continue): `continue`.
    Continue(Box<StmtContinue>),
}

impl Stmt {
    /// The CPython class name, as `type(node).__name__` gives it.
    pub fn class_name(&self) -> &'static str {
        match self {
            Stmt::FunctionDef(_) => "FunctionDef",
            Stmt::AsyncFunctionDef(_) => "AsyncFunctionDef",
            Stmt::ClassDef(_) => "ClassDef",
            Stmt::Return(_) => "Return",
            Stmt::Delete(_) => "Delete",
            Stmt::Assign(_) => "Assign",
            Stmt::TypeAlias(_) => "TypeAlias",
            Stmt::AugAssign(_) => "AugAssign",
            Stmt::AnnAssign(_) => "AnnAssign",
            Stmt::For(_) => "For",
            Stmt::AsyncFor(_) => "AsyncFor",
            Stmt::While(_) => "While",
            Stmt::If(_) => "If",
            Stmt::With(_) => "With",
            Stmt::AsyncWith(_) => "AsyncWith",
            Stmt::Match(_) => "Match",
            Stmt::Raise(_) => "Raise",
            Stmt::Try(_) => "Try",
            Stmt::TryStar(_) => "TryStar",
            Stmt::Assert(_) => "Assert",
            Stmt::Import(_) => "Import",
            Stmt::ImportFrom(_) => "ImportFrom",
            Stmt::Global(_) => "Global",
            Stmt::Nonlocal(_) => "Nonlocal",
            Stmt::Expr(_) => "Expr",
            Stmt::Pass(_) => "Pass",
            Stmt::Break(_) => "Break",
            Stmt::Continue(_) => "Continue",
        }
    }

    /// Where the node is in the source.
    #[inline]
    pub fn loc(&self) -> Location {
        match self {
            Stmt::FunctionDef(node) => node.loc,
            Stmt::AsyncFunctionDef(node) => node.loc,
            Stmt::ClassDef(node) => node.loc,
            Stmt::Return(node) => node.loc,
            Stmt::Delete(node) => node.loc,
            Stmt::Assign(node) => node.loc,
            Stmt::TypeAlias(node) => node.loc,
            Stmt::AugAssign(node) => node.loc,
            Stmt::AnnAssign(node) => node.loc,
            Stmt::For(node) => node.loc,
            Stmt::AsyncFor(node) => node.loc,
            Stmt::While(node) => node.loc,
            Stmt::If(node) => node.loc,
            Stmt::With(node) => node.loc,
            Stmt::AsyncWith(node) => node.loc,
            Stmt::Match(node) => node.loc,
            Stmt::Raise(node) => node.loc,
            Stmt::Try(node) => node.loc,
            Stmt::TryStar(node) => node.loc,
            Stmt::Assert(node) => node.loc,
            Stmt::Import(node) => node.loc,
            Stmt::ImportFrom(node) => node.loc,
            Stmt::Global(node) => node.loc,
            Stmt::Nonlocal(node) => node.loc,
            Stmt::Expr(node) => node.loc,
            Stmt::Pass(node) => node.loc,
            Stmt::Break(node) => node.loc,
            Stmt::Continue(node) => node.loc,
        }
    }

    /// Where the node is in the source, to change it.
    pub fn loc_mut(&mut self) -> &mut Location {
        match self {
            Stmt::FunctionDef(node) => &mut node.loc,
            Stmt::AsyncFunctionDef(node) => &mut node.loc,
            Stmt::ClassDef(node) => &mut node.loc,
            Stmt::Return(node) => &mut node.loc,
            Stmt::Delete(node) => &mut node.loc,
            Stmt::Assign(node) => &mut node.loc,
            Stmt::TypeAlias(node) => &mut node.loc,
            Stmt::AugAssign(node) => &mut node.loc,
            Stmt::AnnAssign(node) => &mut node.loc,
            Stmt::For(node) => &mut node.loc,
            Stmt::AsyncFor(node) => &mut node.loc,
            Stmt::While(node) => &mut node.loc,
            Stmt::If(node) => &mut node.loc,
            Stmt::With(node) => &mut node.loc,
            Stmt::AsyncWith(node) => &mut node.loc,
            Stmt::Match(node) => &mut node.loc,
            Stmt::Raise(node) => &mut node.loc,
            Stmt::Try(node) => &mut node.loc,
            Stmt::TryStar(node) => &mut node.loc,
            Stmt::Assert(node) => &mut node.loc,
            Stmt::Import(node) => &mut node.loc,
            Stmt::ImportFrom(node) => &mut node.loc,
            Stmt::Global(node) => &mut node.loc,
            Stmt::Nonlocal(node) => &mut node.loc,
            Stmt::Expr(node) => &mut node.loc,
            Stmt::Pass(node) => &mut node.loc,
            Stmt::Break(node) => &mut node.loc,
            Stmt::Continue(node) => &mut node.loc,
        }
    }
}

impl From<StmtFunctionDef> for Stmt {
    fn from(node: StmtFunctionDef) -> Self {
        Stmt::FunctionDef(Box::new(node))
    }
}

impl From<StmtAsyncFunctionDef> for Stmt {
    fn from(node: StmtAsyncFunctionDef) -> Self {
        Stmt::AsyncFunctionDef(Box::new(node))
    }
}

impl From<StmtClassDef> for Stmt {
    fn from(node: StmtClassDef) -> Self {
        Stmt::ClassDef(Box::new(node))
    }
}

impl From<StmtReturn> for Stmt {
    fn from(node: StmtReturn) -> Self {
        Stmt::Return(Box::new(node))
    }
}

impl From<StmtDelete> for Stmt {
    fn from(node: StmtDelete) -> Self {
        Stmt::Delete(Box::new(node))
    }
}

impl From<StmtAssign> for Stmt {
    fn from(node: StmtAssign) -> Self {
        Stmt::Assign(Box::new(node))
    }
}

impl From<StmtTypeAlias> for Stmt {
    fn from(node: StmtTypeAlias) -> Self {
        Stmt::TypeAlias(Box::new(node))
    }
}

impl From<StmtAugAssign> for Stmt {
    fn from(node: StmtAugAssign) -> Self {
        Stmt::AugAssign(Box::new(node))
    }
}

impl From<StmtAnnAssign> for Stmt {
    fn from(node: StmtAnnAssign) -> Self {
        Stmt::AnnAssign(Box::new(node))
    }
}

impl From<StmtFor> for Stmt {
    fn from(node: StmtFor) -> Self {
        Stmt::For(Box::new(node))
    }
}

impl From<StmtAsyncFor> for Stmt {
    fn from(node: StmtAsyncFor) -> Self {
        Stmt::AsyncFor(Box::new(node))
    }
}

impl From<StmtWhile> for Stmt {
    fn from(node: StmtWhile) -> Self {
        Stmt::While(Box::new(node))
    }
}

impl From<StmtIf> for Stmt {
    fn from(node: StmtIf) -> Self {
        Stmt::If(Box::new(node))
    }
}

impl From<StmtWith> for Stmt {
    fn from(node: StmtWith) -> Self {
        Stmt::With(Box::new(node))
    }
}

impl From<StmtAsyncWith> for Stmt {
    fn from(node: StmtAsyncWith) -> Self {
        Stmt::AsyncWith(Box::new(node))
    }
}

impl From<StmtMatch> for Stmt {
    fn from(node: StmtMatch) -> Self {
        Stmt::Match(Box::new(node))
    }
}

impl From<StmtRaise> for Stmt {
    fn from(node: StmtRaise) -> Self {
        Stmt::Raise(Box::new(node))
    }
}

impl From<StmtTry> for Stmt {
    fn from(node: StmtTry) -> Self {
        Stmt::Try(Box::new(node))
    }
}

impl From<StmtTryStar> for Stmt {
    fn from(node: StmtTryStar) -> Self {
        Stmt::TryStar(Box::new(node))
    }
}

impl From<StmtAssert> for Stmt {
    fn from(node: StmtAssert) -> Self {
        Stmt::Assert(Box::new(node))
    }
}

impl From<StmtImport> for Stmt {
    fn from(node: StmtImport) -> Self {
        Stmt::Import(Box::new(node))
    }
}

impl From<StmtImportFrom> for Stmt {
    fn from(node: StmtImportFrom) -> Self {
        Stmt::ImportFrom(Box::new(node))
    }
}

impl From<StmtGlobal> for Stmt {
    fn from(node: StmtGlobal) -> Self {
        Stmt::Global(Box::new(node))
    }
}

impl From<StmtNonlocal> for Stmt {
    fn from(node: StmtNonlocal) -> Self {
        Stmt::Nonlocal(Box::new(node))
    }
}

impl From<StmtExpr> for Stmt {
    fn from(node: StmtExpr) -> Self {
        Stmt::Expr(Box::new(node))
    }
}

impl From<StmtPass> for Stmt {
    fn from(node: StmtPass) -> Self {
        Stmt::Pass(Box::new(node))
    }
}

impl From<StmtBreak> for Stmt {
    fn from(node: StmtBreak) -> Self {
        Stmt::Break(Box::new(node))
    }
}

impl From<StmtContinue> for Stmt {
    fn from(node: StmtContinue) -> Self {
        Stmt::Continue(Box::new(node))
    }
}

/// An expression.
///
/// CPython's abstract class `ast.expr` (see the [abstract
/// grammar](https://docs.python.org/3.13/library/ast.html#abstract-grammar)), with one variant per
/// concrete class, each boxing that node's struct, so that a `Expr` is two words and an
/// `Option<Expr>` too.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// [`ast.BoolOp`](https://docs.python.org/3.13/library/ast.html#ast.BoolOp): `a and b and c` or `a or b`: one node per run of the same operator.
    BoolOp(Box<ExprBoolOp>),
    /// [`ast.NamedExpr`](https://docs.python.org/3.13/library/ast.html#ast.NamedExpr): an assignment expression `target := value`.
    NamedExpr(Box<ExprNamedExpr>),
    /// [`ast.BinOp`](https://docs.python.org/3.13/library/ast.html#ast.BinOp): a binary operation such as `left + right`.
    BinOp(Box<ExprBinOp>),
    /// [`ast.UnaryOp`](https://docs.python.org/3.13/library/ast.html#ast.UnaryOp): `not x`, `-x`, `+x` or `~x`.
    UnaryOp(Box<ExprUnaryOp>),
    /// [`ast.Lambda`](https://docs.python.org/3.13/library/ast.html#ast.Lambda): `lambda args: body`.
    Lambda(Box<ExprLambda>),
    /// [`ast.IfExp`](https://docs.python.org/3.13/library/ast.html#ast.IfExp): a conditional expression `body if test else orelse`.
    IfExp(Box<ExprIfExp>),
    /// [`ast.Dict`](https://docs.python.org/3.13/library/ast.html#ast.Dict): a dict display `{k: v, **m}`.
    Dict(Box<ExprDict>),
    /// [`ast.Set`](https://docs.python.org/3.13/library/ast.html#ast.Set): a set display `{a, b}`.
    Set(Box<ExprSet>),
    /// [`ast.ListComp`](https://docs.python.org/3.13/library/ast.html#ast.ListComp): a list comprehension `[elt for ...]`.
    ListComp(Box<ExprListComp>),
    /// [`ast.SetComp`](https://docs.python.org/3.13/library/ast.html#ast.SetComp): a set comprehension `{elt for ...}`.
    SetComp(Box<ExprSetComp>),
    /// [`ast.DictComp`](https://docs.python.org/3.13/library/ast.html#ast.DictComp): a dict comprehension `{key: value for ...}`.
    DictComp(Box<ExprDictComp>),
    /// [`ast.GeneratorExp`](https://docs.python.org/3.13/library/ast.html#ast.GeneratorExp): a generator expression `(elt for ...)`.
    GeneratorExp(Box<ExprGeneratorExp>),
    /// [`ast.Await`](https://docs.python.org/3.13/library/ast.html#ast.Await): `await value`.
    Await(Box<ExprAwait>),
    /// [`ast.Yield`](https://docs.python.org/3.13/library/ast.html#ast.Yield): `yield` or `yield value`.
    Yield(Box<ExprYield>),
    /// [`ast.YieldFrom`](https://docs.python.org/3.13/library/ast.html#ast.YieldFrom): `yield from value`.
    YieldFrom(Box<ExprYieldFrom>),
    /// [`ast.Compare`](https://docs.python.org/3.13/library/ast.html#ast.Compare): a comparison chain `left < b <= c`: one operator per comparator.
    Compare(Box<ExprCompare>),
    /// [`ast.Call`](https://docs.python.org/3.13/library/ast.html#ast.Call): a call `func(a, *b, k=c, **d)`.
    Call(Box<ExprCall>),
    /// [`ast.FormattedValue`](https://docs.python.org/3.13/library/ast.html#ast.FormattedValue): one `{value!r:spec}` field of an f-string; `conversion` is -1 or the code of `s`, `r`, `a`.
    FormattedValue(Box<ExprFormattedValue>),
    /// [`ast.JoinedStr`](https://docs.python.org/3.13/library/ast.html#ast.JoinedStr): an f-string: its literal parts and fields in order.
    JoinedStr(Box<ExprJoinedStr>),
    /// [`ast.Constant`](https://docs.python.org/3.13/library/ast.html#ast.Constant): a literal or `...`; `kind` is `'u'` for a `u'...'` string.
    Constant(Box<ExprConstant>),
    /// [`ast.Attribute`](https://docs.python.org/3.13/library/ast.html#ast.Attribute): `value.attr`.
    Attribute(Box<ExprAttribute>),
    /// [`ast.Subscript`](https://docs.python.org/3.13/library/ast.html#ast.Subscript): `value[slice]`.
    Subscript(Box<ExprSubscript>),
    /// [`ast.Starred`](https://docs.python.org/3.13/library/ast.html#ast.Starred): `*value` in a call, a display or an assignment target.
    Starred(Box<ExprStarred>),
    /// [`ast.Name`](https://docs.python.org/3.13/library/ast.html#ast.Name): a variable name.
    Name(Box<ExprName>),
    /// [`ast.List`](https://docs.python.org/3.13/library/ast.html#ast.List): a list display `[a, b]` or list target.
    List(Box<ExprList>),
    /// [`ast.Tuple`](https://docs.python.org/3.13/library/ast.html#ast.Tuple): a tuple `a, b` or tuple target.
    Tuple(Box<ExprTuple>),
    /// [`ast.Slice`](https://docs.python.org/3.13/library/ast.html#ast.Slice): `lower:upper:step` inside a subscript.
    Slice(Box<ExprSlice>),
}

impl Expr {
    /// The CPython class name, as `type(node).__name__` gives it.
    pub fn class_name(&self) -> &'static str {
        match self {
            Expr::BoolOp(_) => "BoolOp",
            Expr::NamedExpr(_) => "NamedExpr",
            Expr::BinOp(_) => "BinOp",
            Expr::UnaryOp(_) => "UnaryOp",
            Expr::Lambda(_) => "Lambda",
            Expr::IfExp(_) => "IfExp",
            Expr::Dict(_) => "Dict",
            Expr::Set(_) => "Set",
            Expr::ListComp(_) => "ListComp",
            Expr::SetComp(_) => "SetComp",
            Expr::DictComp(_) => "DictComp",
            Expr::GeneratorExp(_) => "GeneratorExp",
            Expr::Await(_) => "Await",
            Expr::Yield(_) => "Yield",
            Expr::YieldFrom(_) => "YieldFrom",
            Expr::Compare(_) => "Compare",
            Expr::Call(_) => "Call",
            Expr::FormattedValue(_) => "FormattedValue",
            Expr::JoinedStr(_) => "JoinedStr",
            Expr::Constant(_) => "Constant",
            Expr::Attribute(_) => "Attribute",
            Expr::Subscript(_) => "Subscript",
            Expr::Starred(_) => "Starred",
            Expr::Name(_) => "Name",
            Expr::List(_) => "List",
            Expr::Tuple(_) => "Tuple",
            Expr::Slice(_) => "Slice",
        }
    }

    /// Where the node is in the source.
    #[inline]
    pub fn loc(&self) -> Location {
        match self {
            Expr::BoolOp(node) => node.loc,
            Expr::NamedExpr(node) => node.loc,
            Expr::BinOp(node) => node.loc,
            Expr::UnaryOp(node) => node.loc,
            Expr::Lambda(node) => node.loc,
            Expr::IfExp(node) => node.loc,
            Expr::Dict(node) => node.loc,
            Expr::Set(node) => node.loc,
            Expr::ListComp(node) => node.loc,
            Expr::SetComp(node) => node.loc,
            Expr::DictComp(node) => node.loc,
            Expr::GeneratorExp(node) => node.loc,
            Expr::Await(node) => node.loc,
            Expr::Yield(node) => node.loc,
            Expr::YieldFrom(node) => node.loc,
            Expr::Compare(node) => node.loc,
            Expr::Call(node) => node.loc,
            Expr::FormattedValue(node) => node.loc,
            Expr::JoinedStr(node) => node.loc,
            Expr::Constant(node) => node.loc,
            Expr::Attribute(node) => node.loc,
            Expr::Subscript(node) => node.loc,
            Expr::Starred(node) => node.loc,
            Expr::Name(node) => node.loc,
            Expr::List(node) => node.loc,
            Expr::Tuple(node) => node.loc,
            Expr::Slice(node) => node.loc,
        }
    }

    /// Where the node is in the source, to change it.
    pub fn loc_mut(&mut self) -> &mut Location {
        match self {
            Expr::BoolOp(node) => &mut node.loc,
            Expr::NamedExpr(node) => &mut node.loc,
            Expr::BinOp(node) => &mut node.loc,
            Expr::UnaryOp(node) => &mut node.loc,
            Expr::Lambda(node) => &mut node.loc,
            Expr::IfExp(node) => &mut node.loc,
            Expr::Dict(node) => &mut node.loc,
            Expr::Set(node) => &mut node.loc,
            Expr::ListComp(node) => &mut node.loc,
            Expr::SetComp(node) => &mut node.loc,
            Expr::DictComp(node) => &mut node.loc,
            Expr::GeneratorExp(node) => &mut node.loc,
            Expr::Await(node) => &mut node.loc,
            Expr::Yield(node) => &mut node.loc,
            Expr::YieldFrom(node) => &mut node.loc,
            Expr::Compare(node) => &mut node.loc,
            Expr::Call(node) => &mut node.loc,
            Expr::FormattedValue(node) => &mut node.loc,
            Expr::JoinedStr(node) => &mut node.loc,
            Expr::Constant(node) => &mut node.loc,
            Expr::Attribute(node) => &mut node.loc,
            Expr::Subscript(node) => &mut node.loc,
            Expr::Starred(node) => &mut node.loc,
            Expr::Name(node) => &mut node.loc,
            Expr::List(node) => &mut node.loc,
            Expr::Tuple(node) => &mut node.loc,
            Expr::Slice(node) => &mut node.loc,
        }
    }
}

impl From<ExprBoolOp> for Expr {
    fn from(node: ExprBoolOp) -> Self {
        Expr::BoolOp(Box::new(node))
    }
}

impl From<ExprNamedExpr> for Expr {
    fn from(node: ExprNamedExpr) -> Self {
        Expr::NamedExpr(Box::new(node))
    }
}

impl From<ExprBinOp> for Expr {
    fn from(node: ExprBinOp) -> Self {
        Expr::BinOp(Box::new(node))
    }
}

impl From<ExprUnaryOp> for Expr {
    fn from(node: ExprUnaryOp) -> Self {
        Expr::UnaryOp(Box::new(node))
    }
}

impl From<ExprLambda> for Expr {
    fn from(node: ExprLambda) -> Self {
        Expr::Lambda(Box::new(node))
    }
}

impl From<ExprIfExp> for Expr {
    fn from(node: ExprIfExp) -> Self {
        Expr::IfExp(Box::new(node))
    }
}

impl From<ExprDict> for Expr {
    fn from(node: ExprDict) -> Self {
        Expr::Dict(Box::new(node))
    }
}

impl From<ExprSet> for Expr {
    fn from(node: ExprSet) -> Self {
        Expr::Set(Box::new(node))
    }
}

impl From<ExprListComp> for Expr {
    fn from(node: ExprListComp) -> Self {
        Expr::ListComp(Box::new(node))
    }
}

impl From<ExprSetComp> for Expr {
    fn from(node: ExprSetComp) -> Self {
        Expr::SetComp(Box::new(node))
    }
}

impl From<ExprDictComp> for Expr {
    fn from(node: ExprDictComp) -> Self {
        Expr::DictComp(Box::new(node))
    }
}

impl From<ExprGeneratorExp> for Expr {
    fn from(node: ExprGeneratorExp) -> Self {
        Expr::GeneratorExp(Box::new(node))
    }
}

impl From<ExprAwait> for Expr {
    fn from(node: ExprAwait) -> Self {
        Expr::Await(Box::new(node))
    }
}

impl From<ExprYield> for Expr {
    fn from(node: ExprYield) -> Self {
        Expr::Yield(Box::new(node))
    }
}

impl From<ExprYieldFrom> for Expr {
    fn from(node: ExprYieldFrom) -> Self {
        Expr::YieldFrom(Box::new(node))
    }
}

impl From<ExprCompare> for Expr {
    fn from(node: ExprCompare) -> Self {
        Expr::Compare(Box::new(node))
    }
}

impl From<ExprCall> for Expr {
    fn from(node: ExprCall) -> Self {
        Expr::Call(Box::new(node))
    }
}

impl From<ExprFormattedValue> for Expr {
    fn from(node: ExprFormattedValue) -> Self {
        Expr::FormattedValue(Box::new(node))
    }
}

impl From<ExprJoinedStr> for Expr {
    fn from(node: ExprJoinedStr) -> Self {
        Expr::JoinedStr(Box::new(node))
    }
}

impl From<ExprConstant> for Expr {
    fn from(node: ExprConstant) -> Self {
        Expr::Constant(Box::new(node))
    }
}

impl From<ExprAttribute> for Expr {
    fn from(node: ExprAttribute) -> Self {
        Expr::Attribute(Box::new(node))
    }
}

impl From<ExprSubscript> for Expr {
    fn from(node: ExprSubscript) -> Self {
        Expr::Subscript(Box::new(node))
    }
}

impl From<ExprStarred> for Expr {
    fn from(node: ExprStarred) -> Self {
        Expr::Starred(Box::new(node))
    }
}

impl From<ExprName> for Expr {
    fn from(node: ExprName) -> Self {
        Expr::Name(Box::new(node))
    }
}

impl From<ExprList> for Expr {
    fn from(node: ExprList) -> Self {
        Expr::List(Box::new(node))
    }
}

impl From<ExprTuple> for Expr {
    fn from(node: ExprTuple) -> Self {
        Expr::Tuple(Box::new(node))
    }
}

impl From<ExprSlice> for Expr {
    fn from(node: ExprSlice) -> Self {
        Expr::Slice(Box::new(node))
    }
}

/// How an assignable expression is used: read, assigned to or deleted.
///
/// CPython's abstract class `ast.expr_context` (see the [abstract
/// grammar](https://docs.python.org/3.13/library/ast.html#abstract-grammar)), with one fieldless
/// variant per concrete class; the dumper prints each as `Class()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExprContext {
    /// [`ast.Load`](https://docs.python.org/3.13/library/ast.html#ast.Load)
    Load,
    /// [`ast.Store`](https://docs.python.org/3.13/library/ast.html#ast.Store)
    Store,
    /// [`ast.Del`](https://docs.python.org/3.13/library/ast.html#ast.Del)
    Del,
}

impl ExprContext {
    /// The CPython class name, as `type(node).__name__` gives it.
    pub fn class_name(self) -> &'static str {
        match self {
            ExprContext::Load => "Load",
            ExprContext::Store => "Store",
            ExprContext::Del => "Del",
        }
    }
}

/// The operator of a `BoolOp`: `and` or `or`.
///
/// CPython's abstract class `ast.boolop` (see the [abstract
/// grammar](https://docs.python.org/3.13/library/ast.html#abstract-grammar)), with one fieldless
/// variant per concrete class; the dumper prints each as `Class()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BoolOp {
    /// [`ast.And`](https://docs.python.org/3.13/library/ast.html#ast.And)
    And,
    /// [`ast.Or`](https://docs.python.org/3.13/library/ast.html#ast.Or)
    Or,
}

impl BoolOp {
    /// The CPython class name, as `type(node).__name__` gives it.
    pub fn class_name(self) -> &'static str {
        match self {
            BoolOp::And => "And",
            BoolOp::Or => "Or",
        }
    }
}

/// The operator of a `BinOp` or an `AugAssign`.
///
/// CPython's abstract class `ast.operator` (see the [abstract
/// grammar](https://docs.python.org/3.13/library/ast.html#abstract-grammar)), with one fieldless
/// variant per concrete class; the dumper prints each as `Class()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Operator {
    /// [`ast.Add`](https://docs.python.org/3.13/library/ast.html#ast.Add)
    Add,
    /// [`ast.Sub`](https://docs.python.org/3.13/library/ast.html#ast.Sub)
    Sub,
    /// [`ast.Mult`](https://docs.python.org/3.13/library/ast.html#ast.Mult)
    Mult,
    /// [`ast.MatMult`](https://docs.python.org/3.13/library/ast.html#ast.MatMult)
    MatMult,
    /// [`ast.Div`](https://docs.python.org/3.13/library/ast.html#ast.Div)
    Div,
    /// [`ast.Mod`](https://docs.python.org/3.13/library/ast.html#ast.Mod)
    Mod,
    /// [`ast.Pow`](https://docs.python.org/3.13/library/ast.html#ast.Pow)
    Pow,
    /// [`ast.LShift`](https://docs.python.org/3.13/library/ast.html#ast.LShift)
    LShift,
    /// [`ast.RShift`](https://docs.python.org/3.13/library/ast.html#ast.RShift)
    RShift,
    /// [`ast.BitOr`](https://docs.python.org/3.13/library/ast.html#ast.BitOr)
    BitOr,
    /// [`ast.BitXor`](https://docs.python.org/3.13/library/ast.html#ast.BitXor)
    BitXor,
    /// [`ast.BitAnd`](https://docs.python.org/3.13/library/ast.html#ast.BitAnd)
    BitAnd,
    /// [`ast.FloorDiv`](https://docs.python.org/3.13/library/ast.html#ast.FloorDiv)
    FloorDiv,
}

impl Operator {
    /// The CPython class name, as `type(node).__name__` gives it.
    pub fn class_name(self) -> &'static str {
        match self {
            Operator::Add => "Add",
            Operator::Sub => "Sub",
            Operator::Mult => "Mult",
            Operator::MatMult => "MatMult",
            Operator::Div => "Div",
            Operator::Mod => "Mod",
            Operator::Pow => "Pow",
            Operator::LShift => "LShift",
            Operator::RShift => "RShift",
            Operator::BitOr => "BitOr",
            Operator::BitXor => "BitXor",
            Operator::BitAnd => "BitAnd",
            Operator::FloorDiv => "FloorDiv",
        }
    }
}

/// The operator of a `UnaryOp`.
///
/// CPython's abstract class `ast.unaryop` (see the [abstract
/// grammar](https://docs.python.org/3.13/library/ast.html#abstract-grammar)), with one fieldless
/// variant per concrete class; the dumper prints each as `Class()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnaryOp {
    /// [`ast.Invert`](https://docs.python.org/3.13/library/ast.html#ast.Invert)
    Invert,
    /// [`ast.Not`](https://docs.python.org/3.13/library/ast.html#ast.Not)
    Not,
    /// [`ast.UAdd`](https://docs.python.org/3.13/library/ast.html#ast.UAdd)
    UAdd,
    /// [`ast.USub`](https://docs.python.org/3.13/library/ast.html#ast.USub)
    USub,
}

impl UnaryOp {
    /// The CPython class name, as `type(node).__name__` gives it.
    pub fn class_name(self) -> &'static str {
        match self {
            UnaryOp::Invert => "Invert",
            UnaryOp::Not => "Not",
            UnaryOp::UAdd => "UAdd",
            UnaryOp::USub => "USub",
        }
    }
}

/// One operator of a `Compare` chain.
///
/// CPython's abstract class `ast.cmpop` (see the [abstract
/// grammar](https://docs.python.org/3.13/library/ast.html#abstract-grammar)), with one fieldless
/// variant per concrete class; the dumper prints each as `Class()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CmpOp {
    /// [`ast.Eq`](https://docs.python.org/3.13/library/ast.html#ast.Eq)
    Eq,
    /// [`ast.NotEq`](https://docs.python.org/3.13/library/ast.html#ast.NotEq)
    NotEq,
    /// [`ast.Lt`](https://docs.python.org/3.13/library/ast.html#ast.Lt)
    Lt,
    /// [`ast.LtE`](https://docs.python.org/3.13/library/ast.html#ast.LtE)
    LtE,
    /// [`ast.Gt`](https://docs.python.org/3.13/library/ast.html#ast.Gt)
    Gt,
    /// [`ast.GtE`](https://docs.python.org/3.13/library/ast.html#ast.GtE)
    GtE,
    /// [`ast.Is`](https://docs.python.org/3.13/library/ast.html#ast.Is)
    Is,
    /// [`ast.IsNot`](https://docs.python.org/3.13/library/ast.html#ast.IsNot)
    IsNot,
    /// [`ast.In`](https://docs.python.org/3.13/library/ast.html#ast.In)
    In,
    /// [`ast.NotIn`](https://docs.python.org/3.13/library/ast.html#ast.NotIn)
    NotIn,
}

impl CmpOp {
    /// The CPython class name, as `type(node).__name__` gives it.
    pub fn class_name(self) -> &'static str {
        match self {
            CmpOp::Eq => "Eq",
            CmpOp::NotEq => "NotEq",
            CmpOp::Lt => "Lt",
            CmpOp::LtE => "LtE",
            CmpOp::Gt => "Gt",
            CmpOp::GtE => "GtE",
            CmpOp::Is => "Is",
            CmpOp::IsNot => "IsNot",
            CmpOp::In => "In",
            CmpOp::NotIn => "NotIn",
        }
    }
}

/// A pattern of a `case` clause.
///
/// CPython's abstract class `ast.pattern` (see the [abstract
/// grammar](https://docs.python.org/3.13/library/ast.html#abstract-grammar)), with one variant per
/// concrete class, each boxing that node's struct, so that a `Pattern` is two words and an
/// `Option<Pattern>` too.
#[derive(Clone, Debug, PartialEq)]
pub enum Pattern {
    /// [`ast.MatchValue`](https://docs.python.org/3.13/library/ast.html#ast.MatchValue): a value pattern compared with `==`: a literal or a dotted name.
    MatchValue(Box<PatternMatchValue>),
    /// [`ast.MatchSingleton`](https://docs.python.org/3.13/library/ast.html#ast.MatchSingleton): `None`, `True` or `False`, compared with `is`.
    MatchSingleton(Box<PatternMatchSingleton>),
    /// [`ast.MatchSequence`](https://docs.python.org/3.13/library/ast.html#ast.MatchSequence): a sequence pattern `[a, *rest]`.
    MatchSequence(Box<PatternMatchSequence>),
    /// [`ast.MatchMapping`](https://docs.python.org/3.13/library/ast.html#ast.MatchMapping): a mapping pattern `{key: pattern, **rest}`.
    MatchMapping(Box<PatternMatchMapping>),
    /// [`ast.MatchClass`](https://docs.python.org/3.13/library/ast.html#ast.MatchClass): a class pattern `cls(p, attr=q)`.
    MatchClass(Box<PatternMatchClass>),
    /// [`ast.MatchStar`](https://docs.python.org/3.13/library/ast.html#ast.MatchStar): `*name` (or `*_`, with no name) in a sequence pattern.
    MatchStar(Box<PatternMatchStar>),
    /// [`ast.MatchAs`](https://docs.python.org/3.13/library/ast.html#ast.MatchAs): `pattern as name`, a capture `name`, or the wildcard `_` with neither.
    MatchAs(Box<PatternMatchAs>),
    /// [`ast.MatchOr`](https://docs.python.org/3.13/library/ast.html#ast.MatchOr): an or-pattern `p | q`.
    MatchOr(Box<PatternMatchOr>),
}

impl Pattern {
    /// The CPython class name, as `type(node).__name__` gives it.
    pub fn class_name(&self) -> &'static str {
        match self {
            Pattern::MatchValue(_) => "MatchValue",
            Pattern::MatchSingleton(_) => "MatchSingleton",
            Pattern::MatchSequence(_) => "MatchSequence",
            Pattern::MatchMapping(_) => "MatchMapping",
            Pattern::MatchClass(_) => "MatchClass",
            Pattern::MatchStar(_) => "MatchStar",
            Pattern::MatchAs(_) => "MatchAs",
            Pattern::MatchOr(_) => "MatchOr",
        }
    }

    /// Where the node is in the source.
    #[inline]
    pub fn loc(&self) -> Location {
        match self {
            Pattern::MatchValue(node) => node.loc,
            Pattern::MatchSingleton(node) => node.loc,
            Pattern::MatchSequence(node) => node.loc,
            Pattern::MatchMapping(node) => node.loc,
            Pattern::MatchClass(node) => node.loc,
            Pattern::MatchStar(node) => node.loc,
            Pattern::MatchAs(node) => node.loc,
            Pattern::MatchOr(node) => node.loc,
        }
    }

    /// Where the node is in the source, to change it.
    pub fn loc_mut(&mut self) -> &mut Location {
        match self {
            Pattern::MatchValue(node) => &mut node.loc,
            Pattern::MatchSingleton(node) => &mut node.loc,
            Pattern::MatchSequence(node) => &mut node.loc,
            Pattern::MatchMapping(node) => &mut node.loc,
            Pattern::MatchClass(node) => &mut node.loc,
            Pattern::MatchStar(node) => &mut node.loc,
            Pattern::MatchAs(node) => &mut node.loc,
            Pattern::MatchOr(node) => &mut node.loc,
        }
    }
}

impl From<PatternMatchValue> for Pattern {
    fn from(node: PatternMatchValue) -> Self {
        Pattern::MatchValue(Box::new(node))
    }
}

impl From<PatternMatchSingleton> for Pattern {
    fn from(node: PatternMatchSingleton) -> Self {
        Pattern::MatchSingleton(Box::new(node))
    }
}

impl From<PatternMatchSequence> for Pattern {
    fn from(node: PatternMatchSequence) -> Self {
        Pattern::MatchSequence(Box::new(node))
    }
}

impl From<PatternMatchMapping> for Pattern {
    fn from(node: PatternMatchMapping) -> Self {
        Pattern::MatchMapping(Box::new(node))
    }
}

impl From<PatternMatchClass> for Pattern {
    fn from(node: PatternMatchClass) -> Self {
        Pattern::MatchClass(Box::new(node))
    }
}

impl From<PatternMatchStar> for Pattern {
    fn from(node: PatternMatchStar) -> Self {
        Pattern::MatchStar(Box::new(node))
    }
}

impl From<PatternMatchAs> for Pattern {
    fn from(node: PatternMatchAs) -> Self {
        Pattern::MatchAs(Box::new(node))
    }
}

impl From<PatternMatchOr> for Pattern {
    fn from(node: PatternMatchOr) -> Self {
        Pattern::MatchOr(Box::new(node))
    }
}

/// A type parameter of a generic class, function or type alias.
///
/// CPython's abstract class `ast.type_param` (see the [abstract
/// grammar](https://docs.python.org/3.13/library/ast.html#abstract-grammar)), with one variant per
/// concrete class, each boxing that node's struct, so that a `TypeParam` is two words and an
/// `Option<TypeParam>` too.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeParam {
    /// [`ast.TypeVar`](https://docs.python.org/3.13/library/ast.html#ast.TypeVar): a type parameter `T: bound = default`.
    TypeVar(Box<TypeParamTypeVar>),
    /// [`ast.ParamSpec`](https://docs.python.org/3.13/library/ast.html#ast.ParamSpec): a type parameter `**P = default`.
    ParamSpec(Box<TypeParamParamSpec>),
    /// [`ast.TypeVarTuple`](https://docs.python.org/3.13/library/ast.html#ast.TypeVarTuple): a type parameter `*Ts = default`.
    TypeVarTuple(Box<TypeParamTypeVarTuple>),
}

impl TypeParam {
    /// The CPython class name, as `type(node).__name__` gives it.
    pub fn class_name(&self) -> &'static str {
        match self {
            TypeParam::TypeVar(_) => "TypeVar",
            TypeParam::ParamSpec(_) => "ParamSpec",
            TypeParam::TypeVarTuple(_) => "TypeVarTuple",
        }
    }

    /// Where the node is in the source.
    #[inline]
    pub fn loc(&self) -> Location {
        match self {
            TypeParam::TypeVar(node) => node.loc,
            TypeParam::ParamSpec(node) => node.loc,
            TypeParam::TypeVarTuple(node) => node.loc,
        }
    }

    /// Where the node is in the source, to change it.
    pub fn loc_mut(&mut self) -> &mut Location {
        match self {
            TypeParam::TypeVar(node) => &mut node.loc,
            TypeParam::ParamSpec(node) => &mut node.loc,
            TypeParam::TypeVarTuple(node) => &mut node.loc,
        }
    }
}

impl From<TypeParamTypeVar> for TypeParam {
    fn from(node: TypeParamTypeVar) -> Self {
        TypeParam::TypeVar(Box::new(node))
    }
}

impl From<TypeParamParamSpec> for TypeParam {
    fn from(node: TypeParamParamSpec) -> Self {
        TypeParam::ParamSpec(Box::new(node))
    }
}

impl From<TypeParamTypeVarTuple> for TypeParam {
    fn from(node: TypeParamTypeVarTuple) -> Self {
        TypeParam::TypeVarTuple(Box::new(node))
    }
}

/// [`ast.Module`](https://docs.python.org/3.13/library/ast.html#ast.Module): a whole file, as
/// `ast.parse` returns it in `exec` mode.
///
/// ASDL: `Module(stmt* body, type_ignore* type_ignores)`. The payload of [`Mod::Module`].
///
/// Same fields as the CPython class.
#[derive(Clone, Debug, PartialEq)]
pub struct ModModule {
    /// ASDL `stmt* body`.
    pub body: Vec<Stmt>,
    /// ASDL `type_ignore* type_ignores`.
    pub type_ignores: Vec<TypeIgnore>,
}

/// [`ast.Interactive`](https://docs.python.org/3.13/library/ast.html#ast.Interactive): one
/// interactive input, as `ast.parse` returns it in `single` mode.
///
/// ASDL: `Interactive(stmt* body)`. The payload of [`Mod::Interactive`].
///
/// Same fields as the CPython class.
#[derive(Clone, Debug, PartialEq)]
pub struct ModInteractive {
    /// ASDL `stmt* body`.
    pub body: Vec<Stmt>,
}

/// [`ast.Expression`](https://docs.python.org/3.13/library/ast.html#ast.Expression): one
/// expression, as `ast.parse` returns it in `eval` mode.
///
/// ASDL: `Expression(expr body)`. The payload of [`Mod::Expression`].
///
/// Same fields as the CPython class.
#[derive(Clone, Debug, PartialEq)]
pub struct ModExpression {
    /// ASDL `expr body`.
    pub body: Expr,
}

/// [`ast.FunctionType`](https://docs.python.org/3.13/library/ast.html#ast.FunctionType): a
/// signature type comment `(int, str) -> bool` (`func_type` mode).
///
/// ASDL: `FunctionType(expr* argtypes, expr returns)`. The payload of [`Mod::FunctionType`].
///
/// Same fields as the CPython class.
#[derive(Clone, Debug, PartialEq)]
pub struct ModFunctionType {
    /// ASDL `expr* argtypes`.
    pub argtypes: Vec<Expr>,
    /// ASDL `expr returns`.
    pub returns: Expr,
}

/// [`ast.FunctionDef`](https://docs.python.org/3.13/library/ast.html#ast.FunctionDef): a `def`
/// statement.
///
/// ASDL: `FunctionDef(identifier name, arguments args, stmt* body, expr* decorator_list, expr?
/// returns, string? type_comment, type_param* type_params)`. The payload of [`Stmt::FunctionDef`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct StmtFunctionDef {
    /// ASDL `identifier name`.
    pub name: Identifier,
    /// ASDL `arguments args`.
    pub args: Arguments,
    /// ASDL `stmt* body`.
    pub body: Vec<Stmt>,
    /// ASDL `expr* decorator_list`.
    pub decorator_list: Vec<Expr>,
    /// ASDL `expr? returns`.
    pub returns: Option<Expr>,
    /// ASDL `string? type_comment`.
    pub type_comment: Option<Box<str>>,
    /// ASDL `type_param* type_params`.
    pub type_params: Vec<TypeParam>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.AsyncFunctionDef`](https://docs.python.org/3.13/library/ast.html#ast.AsyncFunctionDef): an
/// `async def` statement.
///
/// ASDL: `AsyncFunctionDef(identifier name, arguments args, stmt* body, expr* decorator_list, expr?
/// returns, string? type_comment, type_param* type_params)`. The payload of
/// [`Stmt::AsyncFunctionDef`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct StmtAsyncFunctionDef {
    /// ASDL `identifier name`.
    pub name: Identifier,
    /// ASDL `arguments args`.
    pub args: Arguments,
    /// ASDL `stmt* body`.
    pub body: Vec<Stmt>,
    /// ASDL `expr* decorator_list`.
    pub decorator_list: Vec<Expr>,
    /// ASDL `expr? returns`.
    pub returns: Option<Expr>,
    /// ASDL `string? type_comment`.
    pub type_comment: Option<Box<str>>,
    /// ASDL `type_param* type_params`.
    pub type_params: Vec<TypeParam>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.ClassDef`](https://docs.python.org/3.13/library/ast.html#ast.ClassDef): a `class`
/// statement.
///
/// ASDL: `ClassDef(identifier name, expr* bases, keyword* keywords, stmt* body, expr*
/// decorator_list, type_param* type_params)`. The payload of [`Stmt::ClassDef`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct StmtClassDef {
    /// ASDL `identifier name`.
    pub name: Identifier,
    /// ASDL `expr* bases`.
    pub bases: Vec<Expr>,
    /// ASDL `keyword* keywords`.
    pub keywords: Vec<Keyword>,
    /// ASDL `stmt* body`.
    pub body: Vec<Stmt>,
    /// ASDL `expr* decorator_list`.
    pub decorator_list: Vec<Expr>,
    /// ASDL `type_param* type_params`.
    pub type_params: Vec<TypeParam>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.Return`](https://docs.python.org/3.13/library/ast.html#ast.Return): `return` or `return
/// value`.
///
/// ASDL: `Return(expr? value)`. The payload of [`Stmt::Return`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct StmtReturn {
    /// ASDL `expr? value`.
    pub value: Option<Expr>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.Delete`](https://docs.python.org/3.13/library/ast.html#ast.Delete): `del a, b[0]`.
///
/// ASDL: `Delete(expr* targets)`. The payload of [`Stmt::Delete`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct StmtDelete {
    /// ASDL `expr* targets`.
    pub targets: Vec<Expr>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.Assign`](https://docs.python.org/3.13/library/ast.html#ast.Assign): `a = b = value`: one
/// target per `=`.
///
/// ASDL: `Assign(expr* targets, expr value, string? type_comment)`. The payload of
/// [`Stmt::Assign`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct StmtAssign {
    /// ASDL `expr* targets`.
    pub targets: Vec<Expr>,
    /// ASDL `expr value`.
    pub value: Expr,
    /// ASDL `string? type_comment`.
    pub type_comment: Option<Box<str>>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.TypeAlias`](https://docs.python.org/3.13/library/ast.html#ast.TypeAlias): `type Alias[T] =
/// value`.
///
/// ASDL: `TypeAlias(expr name, type_param* type_params, expr value)`. The payload of
/// [`Stmt::TypeAlias`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct StmtTypeAlias {
    /// ASDL `expr name`.
    pub name: Expr,
    /// ASDL `type_param* type_params`.
    pub type_params: Vec<TypeParam>,
    /// ASDL `expr value`.
    pub value: Expr,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.AugAssign`](https://docs.python.org/3.13/library/ast.html#ast.AugAssign): `target +=
/// value` and the other augmented assignments.
///
/// ASDL: `AugAssign(expr target, operator op, expr value)`. The payload of [`Stmt::AugAssign`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct StmtAugAssign {
    /// ASDL `expr target`.
    pub target: Expr,
    /// ASDL `operator op`.
    pub op: Operator,
    /// ASDL `expr value`.
    pub value: Expr,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.AnnAssign`](https://docs.python.org/3.13/library/ast.html#ast.AnnAssign): `target:
/// annotation = value`; `simple` is 1 for a bare unparenthesized name.
///
/// ASDL: `AnnAssign(expr target, expr annotation, expr? value, int simple)`. The payload of
/// [`Stmt::AnnAssign`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct StmtAnnAssign {
    /// ASDL `expr target`.
    pub target: Expr,
    /// ASDL `expr annotation`.
    pub annotation: Expr,
    /// ASDL `expr? value`.
    pub value: Option<Expr>,
    /// ASDL `int simple`.
    pub simple: i32,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.For`](https://docs.python.org/3.13/library/ast.html#ast.For): a `for` loop with its
/// optional `else` block.
///
/// ASDL: `For(expr target, expr iter, stmt* body, stmt* orelse, string? type_comment)`. The payload
/// of [`Stmt::For`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct StmtFor {
    /// ASDL `expr target`.
    pub target: Expr,
    /// ASDL `expr iter`.
    pub iter: Expr,
    /// ASDL `stmt* body`.
    pub body: Vec<Stmt>,
    /// ASDL `stmt* orelse`.
    pub orelse: Vec<Stmt>,
    /// ASDL `string? type_comment`.
    pub type_comment: Option<Box<str>>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.AsyncFor`](https://docs.python.org/3.13/library/ast.html#ast.AsyncFor): an `async for`
/// loop.
///
/// ASDL: `AsyncFor(expr target, expr iter, stmt* body, stmt* orelse, string? type_comment)`. The
/// payload of [`Stmt::AsyncFor`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct StmtAsyncFor {
    /// ASDL `expr target`.
    pub target: Expr,
    /// ASDL `expr iter`.
    pub iter: Expr,
    /// ASDL `stmt* body`.
    pub body: Vec<Stmt>,
    /// ASDL `stmt* orelse`.
    pub orelse: Vec<Stmt>,
    /// ASDL `string? type_comment`.
    pub type_comment: Option<Box<str>>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.While`](https://docs.python.org/3.13/library/ast.html#ast.While): a `while` loop with its
/// optional `else` block.
///
/// ASDL: `While(expr test, stmt* body, stmt* orelse)`. The payload of [`Stmt::While`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct StmtWhile {
    /// ASDL `expr test`.
    pub test: Expr,
    /// ASDL `stmt* body`.
    pub body: Vec<Stmt>,
    /// ASDL `stmt* orelse`.
    pub orelse: Vec<Stmt>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.If`](https://docs.python.org/3.13/library/ast.html#ast.If): `if`; an `elif` is an `If`
/// alone in the `orelse` of the previous one.
///
/// ASDL: `If(expr test, stmt* body, stmt* orelse)`. The payload of [`Stmt::If`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct StmtIf {
    /// ASDL `expr test`.
    pub test: Expr,
    /// ASDL `stmt* body`.
    pub body: Vec<Stmt>,
    /// ASDL `stmt* orelse`.
    pub orelse: Vec<Stmt>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.With`](https://docs.python.org/3.13/library/ast.html#ast.With): a `with` statement.
///
/// ASDL: `With(withitem* items, stmt* body, string? type_comment)`. The payload of [`Stmt::With`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct StmtWith {
    /// ASDL `withitem* items`.
    pub items: Vec<WithItem>,
    /// ASDL `stmt* body`.
    pub body: Vec<Stmt>,
    /// ASDL `string? type_comment`.
    pub type_comment: Option<Box<str>>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.AsyncWith`](https://docs.python.org/3.13/library/ast.html#ast.AsyncWith): an `async with`
/// statement.
///
/// ASDL: `AsyncWith(withitem* items, stmt* body, string? type_comment)`. The payload of
/// [`Stmt::AsyncWith`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct StmtAsyncWith {
    /// ASDL `withitem* items`.
    pub items: Vec<WithItem>,
    /// ASDL `stmt* body`.
    pub body: Vec<Stmt>,
    /// ASDL `string? type_comment`.
    pub type_comment: Option<Box<str>>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.Match`](https://docs.python.org/3.13/library/ast.html#ast.Match): a `match` statement.
///
/// ASDL: `Match(expr subject, match_case* cases)`. The payload of [`Stmt::Match`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct StmtMatch {
    /// ASDL `expr subject`.
    pub subject: Expr,
    /// ASDL `match_case* cases`.
    pub cases: Vec<MatchCase>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.Raise`](https://docs.python.org/3.13/library/ast.html#ast.Raise): `raise`, `raise exc` or
/// `raise exc from cause`.
///
/// ASDL: `Raise(expr? exc, expr? cause)`. The payload of [`Stmt::Raise`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct StmtRaise {
    /// ASDL `expr? exc`.
    pub exc: Option<Expr>,
    /// ASDL `expr? cause`.
    pub cause: Option<Expr>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.Try`](https://docs.python.org/3.13/library/ast.html#ast.Try): `try` with `except`, `else`
/// and `finally` blocks.
///
/// ASDL: `Try(stmt* body, excepthandler* handlers, stmt* orelse, stmt* finalbody)`. The payload of
/// [`Stmt::Try`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct StmtTry {
    /// ASDL `stmt* body`.
    pub body: Vec<Stmt>,
    /// ASDL `excepthandler* handlers`.
    pub handlers: Vec<ExceptHandler>,
    /// ASDL `stmt* orelse`.
    pub orelse: Vec<Stmt>,
    /// ASDL `stmt* finalbody`.
    pub finalbody: Vec<Stmt>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.TryStar`](https://docs.python.org/3.13/library/ast.html#ast.TryStar): `try` with `except*`
/// blocks.
///
/// ASDL: `TryStar(stmt* body, excepthandler* handlers, stmt* orelse, stmt* finalbody)`. The payload
/// of [`Stmt::TryStar`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct StmtTryStar {
    /// ASDL `stmt* body`.
    pub body: Vec<Stmt>,
    /// ASDL `excepthandler* handlers`.
    pub handlers: Vec<ExceptHandler>,
    /// ASDL `stmt* orelse`.
    pub orelse: Vec<Stmt>,
    /// ASDL `stmt* finalbody`.
    pub finalbody: Vec<Stmt>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.Assert`](https://docs.python.org/3.13/library/ast.html#ast.Assert): `assert test, msg`.
///
/// ASDL: `Assert(expr test, expr? msg)`. The payload of [`Stmt::Assert`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct StmtAssert {
    /// ASDL `expr test`.
    pub test: Expr,
    /// ASDL `expr? msg`.
    pub msg: Option<Expr>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.Import`](https://docs.python.org/3.13/library/ast.html#ast.Import): `import a.b as c, d`.
///
/// ASDL: `Import(alias* names)`. The payload of [`Stmt::Import`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct StmtImport {
    /// ASDL `alias* names`.
    pub names: Vec<Alias>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.ImportFrom`](https://docs.python.org/3.13/library/ast.html#ast.ImportFrom): `from ..module
/// import names`; `level` counts the leading dots.
///
/// ASDL: `ImportFrom(identifier? module, alias* names, int? level)`. The payload of
/// [`Stmt::ImportFrom`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct StmtImportFrom {
    /// ASDL `identifier? module`.
    pub module: Option<Identifier>,
    /// ASDL `alias* names`.
    pub names: Vec<Alias>,
    /// ASDL `int? level`.
    pub level: Option<i32>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.Global`](https://docs.python.org/3.13/library/ast.html#ast.Global): `global a, b`.
///
/// ASDL: `Global(identifier* names)`. The payload of [`Stmt::Global`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct StmtGlobal {
    /// ASDL `identifier* names`.
    pub names: Vec<Identifier>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.Nonlocal`](https://docs.python.org/3.13/library/ast.html#ast.Nonlocal): `nonlocal a, b`.
///
/// ASDL: `Nonlocal(identifier* names)`. The payload of [`Stmt::Nonlocal`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct StmtNonlocal {
    /// ASDL `identifier* names`.
    pub names: Vec<Identifier>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.Expr`](https://docs.python.org/3.13/library/ast.html#ast.Expr): an expression used as a
/// statement.
///
/// ASDL: `Expr(expr value)`. The payload of [`Stmt::Expr`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct StmtExpr {
    /// ASDL `expr value`.
    pub value: Expr,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.Pass`](https://docs.python.org/3.13/library/ast.html#ast.Pass): `pass`.
///
/// ASDL: `Pass`. The payload of [`Stmt::Pass`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct StmtPass {
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.Break`](https://docs.python.org/3.13/library/ast.html#ast.Break): `break`.
///
/// ASDL: `Break`. The payload of [`Stmt::Break`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct StmtBreak {
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.Continue`](https://docs.python.org/3.13/library/ast.html#ast.Continue): `continue`.
///
/// ASDL: `Continue`. The payload of [`Stmt::Continue`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct StmtContinue {
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.BoolOp`](https://docs.python.org/3.13/library/ast.html#ast.BoolOp): `a and b and c` or `a
/// or b`: one node per run of the same operator.
///
/// ASDL: `BoolOp(boolop op, expr* values)`. The payload of [`Expr::BoolOp`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct ExprBoolOp {
    /// ASDL `boolop op`.
    pub op: BoolOp,
    /// ASDL `expr* values`.
    pub values: Vec<Expr>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.NamedExpr`](https://docs.python.org/3.13/library/ast.html#ast.NamedExpr): an assignment
/// expression `target := value`.
///
/// ASDL: `NamedExpr(expr target, expr value)`. The payload of [`Expr::NamedExpr`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct ExprNamedExpr {
    /// ASDL `expr target`.
    pub target: Expr,
    /// ASDL `expr value`.
    pub value: Expr,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.BinOp`](https://docs.python.org/3.13/library/ast.html#ast.BinOp): a binary operation such
/// as `left + right`.
///
/// ASDL: `BinOp(expr left, operator op, expr right)`. The payload of [`Expr::BinOp`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct ExprBinOp {
    /// ASDL `expr left`.
    pub left: Expr,
    /// ASDL `operator op`.
    pub op: Operator,
    /// ASDL `expr right`.
    pub right: Expr,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.UnaryOp`](https://docs.python.org/3.13/library/ast.html#ast.UnaryOp): `not x`, `-x`, `+x`
/// or `~x`.
///
/// ASDL: `UnaryOp(unaryop op, expr operand)`. The payload of [`Expr::UnaryOp`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct ExprUnaryOp {
    /// ASDL `unaryop op`.
    pub op: UnaryOp,
    /// ASDL `expr operand`.
    pub operand: Expr,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.Lambda`](https://docs.python.org/3.13/library/ast.html#ast.Lambda): `lambda args: body`.
///
/// ASDL: `Lambda(arguments args, expr body)`. The payload of [`Expr::Lambda`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct ExprLambda {
    /// ASDL `arguments args`.
    pub args: Arguments,
    /// ASDL `expr body`.
    pub body: Expr,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.IfExp`](https://docs.python.org/3.13/library/ast.html#ast.IfExp): a conditional expression
/// `body if test else orelse`.
///
/// ASDL: `IfExp(expr test, expr body, expr orelse)`. The payload of [`Expr::IfExp`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct ExprIfExp {
    /// ASDL `expr test`.
    pub test: Expr,
    /// ASDL `expr body`.
    pub body: Expr,
    /// ASDL `expr orelse`.
    pub orelse: Expr,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.Dict`](https://docs.python.org/3.13/library/ast.html#ast.Dict): a dict display `{k: v,
/// **m}`.
///
/// ASDL: `Dict(expr?* keys, expr* values)`. The payload of [`Expr::Dict`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
/// - `keys` holds `None` where `values` holds a `**m` item, so it is `Vec<Option<Expr>>`; CPython's
///   ASDL writes `expr*`.
#[derive(Clone, Debug, PartialEq)]
pub struct ExprDict {
    /// ASDL `expr?* keys`.
    pub keys: Vec<Option<Expr>>,
    /// ASDL `expr* values`.
    pub values: Vec<Expr>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.Set`](https://docs.python.org/3.13/library/ast.html#ast.Set): a set display `{a, b}`.
///
/// ASDL: `Set(expr* elts)`. The payload of [`Expr::Set`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct ExprSet {
    /// ASDL `expr* elts`.
    pub elts: Vec<Expr>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.ListComp`](https://docs.python.org/3.13/library/ast.html#ast.ListComp): a list
/// comprehension `[elt for ...]`.
///
/// ASDL: `ListComp(expr elt, comprehension* generators)`. The payload of [`Expr::ListComp`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct ExprListComp {
    /// ASDL `expr elt`.
    pub elt: Expr,
    /// ASDL `comprehension* generators`.
    pub generators: Vec<Comprehension>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.SetComp`](https://docs.python.org/3.13/library/ast.html#ast.SetComp): a set comprehension
/// `{elt for ...}`.
///
/// ASDL: `SetComp(expr elt, comprehension* generators)`. The payload of [`Expr::SetComp`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct ExprSetComp {
    /// ASDL `expr elt`.
    pub elt: Expr,
    /// ASDL `comprehension* generators`.
    pub generators: Vec<Comprehension>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.DictComp`](https://docs.python.org/3.13/library/ast.html#ast.DictComp): a dict
/// comprehension `{key: value for ...}`.
///
/// ASDL: `DictComp(expr key, expr value, comprehension* generators)`. The payload of
/// [`Expr::DictComp`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct ExprDictComp {
    /// ASDL `expr key`.
    pub key: Expr,
    /// ASDL `expr value`.
    pub value: Expr,
    /// ASDL `comprehension* generators`.
    pub generators: Vec<Comprehension>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.GeneratorExp`](https://docs.python.org/3.13/library/ast.html#ast.GeneratorExp): a
/// generator expression `(elt for ...)`.
///
/// ASDL: `GeneratorExp(expr elt, comprehension* generators)`. The payload of
/// [`Expr::GeneratorExp`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct ExprGeneratorExp {
    /// ASDL `expr elt`.
    pub elt: Expr,
    /// ASDL `comprehension* generators`.
    pub generators: Vec<Comprehension>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.Await`](https://docs.python.org/3.13/library/ast.html#ast.Await): `await value`.
///
/// ASDL: `Await(expr value)`. The payload of [`Expr::Await`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct ExprAwait {
    /// ASDL `expr value`.
    pub value: Expr,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.Yield`](https://docs.python.org/3.13/library/ast.html#ast.Yield): `yield` or `yield
/// value`.
///
/// ASDL: `Yield(expr? value)`. The payload of [`Expr::Yield`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct ExprYield {
    /// ASDL `expr? value`.
    pub value: Option<Expr>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.YieldFrom`](https://docs.python.org/3.13/library/ast.html#ast.YieldFrom): `yield from
/// value`.
///
/// ASDL: `YieldFrom(expr value)`. The payload of [`Expr::YieldFrom`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct ExprYieldFrom {
    /// ASDL `expr value`.
    pub value: Expr,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.Compare`](https://docs.python.org/3.13/library/ast.html#ast.Compare): a comparison chain
/// `left < b <= c`: one operator per comparator.
///
/// ASDL: `Compare(expr left, cmpop* ops, expr* comparators)`. The payload of [`Expr::Compare`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct ExprCompare {
    /// ASDL `expr left`.
    pub left: Expr,
    /// ASDL `cmpop* ops`.
    pub ops: Vec<CmpOp>,
    /// ASDL `expr* comparators`.
    pub comparators: Vec<Expr>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.Call`](https://docs.python.org/3.13/library/ast.html#ast.Call): a call `func(a, *b, k=c,
/// **d)`.
///
/// ASDL: `Call(expr func, expr* args, keyword* keywords)`. The payload of [`Expr::Call`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct ExprCall {
    /// ASDL `expr func`.
    pub func: Expr,
    /// ASDL `expr* args`.
    pub args: Vec<Expr>,
    /// ASDL `keyword* keywords`.
    pub keywords: Vec<Keyword>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.FormattedValue`](https://docs.python.org/3.13/library/ast.html#ast.FormattedValue): one
/// `{value!r:spec}` field of an f-string; `conversion` is -1 or the code of `s`, `r`, `a`.
///
/// ASDL: `FormattedValue(expr value, int conversion, expr? format_spec)`. The payload of
/// [`Expr::FormattedValue`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct ExprFormattedValue {
    /// ASDL `expr value`.
    pub value: Expr,
    /// ASDL `int conversion`.
    pub conversion: i32,
    /// ASDL `expr? format_spec`.
    pub format_spec: Option<Expr>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.JoinedStr`](https://docs.python.org/3.13/library/ast.html#ast.JoinedStr): an f-string: its
/// literal parts and fields in order.
///
/// ASDL: `JoinedStr(expr* values)`. The payload of [`Expr::JoinedStr`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct ExprJoinedStr {
    /// ASDL `expr* values`.
    pub values: Vec<Expr>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.Constant`](https://docs.python.org/3.13/library/ast.html#ast.Constant): a literal or
/// `...`; `kind` is `'u'` for a `u'...'` string.
///
/// ASDL: `Constant(constant value, string? kind)`. The payload of [`Expr::Constant`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
/// - `value` is a [`Constant`]: the parser never builds the tuple and frozenset constants CPython's
///   optimizer folds.
#[derive(Clone, Debug, PartialEq)]
pub struct ExprConstant {
    /// ASDL `constant value`.
    pub value: Constant,
    /// ASDL `string? kind`.
    pub kind: Option<Box<str>>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.Attribute`](https://docs.python.org/3.13/library/ast.html#ast.Attribute): `value.attr`.
///
/// ASDL: `Attribute(expr value, identifier attr, expr_context ctx)`. The payload of
/// [`Expr::Attribute`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct ExprAttribute {
    /// ASDL `expr value`.
    pub value: Expr,
    /// ASDL `identifier attr`.
    pub attr: Identifier,
    /// ASDL `expr_context ctx`.
    pub ctx: ExprContext,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.Subscript`](https://docs.python.org/3.13/library/ast.html#ast.Subscript): `value[slice]`.
///
/// ASDL: `Subscript(expr value, expr slice, expr_context ctx)`. The payload of [`Expr::Subscript`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct ExprSubscript {
    /// ASDL `expr value`.
    pub value: Expr,
    /// ASDL `expr slice`.
    pub slice: Expr,
    /// ASDL `expr_context ctx`.
    pub ctx: ExprContext,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.Starred`](https://docs.python.org/3.13/library/ast.html#ast.Starred): `*value` in a call,
/// a display or an assignment target.
///
/// ASDL: `Starred(expr value, expr_context ctx)`. The payload of [`Expr::Starred`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct ExprStarred {
    /// ASDL `expr value`.
    pub value: Expr,
    /// ASDL `expr_context ctx`.
    pub ctx: ExprContext,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.Name`](https://docs.python.org/3.13/library/ast.html#ast.Name): a variable name.
///
/// ASDL: `Name(identifier id, expr_context ctx)`. The payload of [`Expr::Name`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct ExprName {
    /// ASDL `identifier id`.
    pub id: Identifier,
    /// ASDL `expr_context ctx`.
    pub ctx: ExprContext,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.List`](https://docs.python.org/3.13/library/ast.html#ast.List): a list display `[a, b]` or
/// list target.
///
/// ASDL: `List(expr* elts, expr_context ctx)`. The payload of [`Expr::List`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct ExprList {
    /// ASDL `expr* elts`.
    pub elts: Vec<Expr>,
    /// ASDL `expr_context ctx`.
    pub ctx: ExprContext,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.Tuple`](https://docs.python.org/3.13/library/ast.html#ast.Tuple): a tuple `a, b` or tuple
/// target.
///
/// ASDL: `Tuple(expr* elts, expr_context ctx)`. The payload of [`Expr::Tuple`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct ExprTuple {
    /// ASDL `expr* elts`.
    pub elts: Vec<Expr>,
    /// ASDL `expr_context ctx`.
    pub ctx: ExprContext,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.Slice`](https://docs.python.org/3.13/library/ast.html#ast.Slice): `lower:upper:step`
/// inside a subscript.
///
/// ASDL: `Slice(expr? lower, expr? upper, expr? step)`. The payload of [`Expr::Slice`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct ExprSlice {
    /// ASDL `expr? lower`.
    pub lower: Option<Expr>,
    /// ASDL `expr? upper`.
    pub upper: Option<Expr>,
    /// ASDL `expr? step`.
    pub step: Option<Expr>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.comprehension`](https://docs.python.org/3.13/library/ast.html#ast.comprehension): one `for
/// target in iter if ...` clause of a comprehension; `is_async` is 0 or 1.
///
/// ASDL: `comprehension(expr target, expr iter, expr* ifs, int is_async)`.
///
/// Same fields as the CPython class.
#[derive(Clone, Debug, PartialEq)]
pub struct Comprehension {
    /// ASDL `expr target`.
    pub target: Expr,
    /// ASDL `expr iter`.
    pub iter: Expr,
    /// ASDL `expr* ifs`.
    pub ifs: Vec<Expr>,
    /// ASDL `int is_async`.
    pub is_async: i32,
}

/// [`ast.ExceptHandler`](https://docs.python.org/3.13/library/ast.html#ast.ExceptHandler): one
/// `except type as name:` clause.
///
/// ASDL: `ExceptHandler(expr? type, identifier? name, stmt* body)`.
///
/// Differences from the CPython class:
/// - CPython's abstract class `ast.excepthandler` has this one subclass; Rust has only this struct.
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
/// - The field `type` is spelled `type_`, `type` being a Rust keyword.
#[derive(Clone, Debug, PartialEq)]
pub struct ExceptHandler {
    /// ASDL `expr? type`.
    pub type_: Option<Expr>,
    /// ASDL `identifier? name`.
    pub name: Option<Identifier>,
    /// ASDL `stmt* body`.
    pub body: Vec<Stmt>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.arguments`](https://docs.python.org/3.13/library/ast.html#ast.arguments): the parameters
/// of a `def` or `lambda`.
///
/// ASDL: `arguments(arg* posonlyargs, arg* args, arg? vararg, arg* kwonlyargs, expr?* kw_defaults,
/// arg? kwarg, expr* defaults)`.
///
/// Differences from the CPython class:
/// - `kw_defaults` holds `None` for a keyword-only parameter without default, so it is
///   `Vec<Option<Expr>>`; CPython's ASDL writes `expr*`.
#[derive(Clone, Debug, PartialEq)]
pub struct Arguments {
    /// ASDL `arg* posonlyargs`.
    pub posonlyargs: Vec<Arg>,
    /// ASDL `arg* args`.
    pub args: Vec<Arg>,
    /// ASDL `arg? vararg`.
    pub vararg: Option<Arg>,
    /// ASDL `arg* kwonlyargs`.
    pub kwonlyargs: Vec<Arg>,
    /// ASDL `expr?* kw_defaults`.
    pub kw_defaults: Vec<Option<Expr>>,
    /// ASDL `arg? kwarg`.
    pub kwarg: Option<Arg>,
    /// ASDL `expr* defaults`.
    pub defaults: Vec<Expr>,
}

/// [`ast.arg`](https://docs.python.org/3.13/library/ast.html#ast.arg): one parameter.
///
/// ASDL: `arg(identifier arg, expr? annotation, string? type_comment)`.
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct Arg {
    /// ASDL `identifier arg`.
    pub arg: Identifier,
    /// ASDL `expr? annotation`.
    pub annotation: Option<Expr>,
    /// ASDL `string? type_comment`.
    pub type_comment: Option<Box<str>>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.keyword`](https://docs.python.org/3.13/library/ast.html#ast.keyword): a keyword argument
/// `arg=value`, or `**value` when `arg` is None.
///
/// ASDL: `keyword(identifier? arg, expr value)`.
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct Keyword {
    /// ASDL `identifier? arg`.
    pub arg: Option<Identifier>,
    /// ASDL `expr value`.
    pub value: Expr,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.alias`](https://docs.python.org/3.13/library/ast.html#ast.alias): one `name as asname` of
/// an import.
///
/// ASDL: `alias(identifier name, identifier? asname)`.
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes; its end is always set, where
///   CPython allows `None`.
#[derive(Clone, Debug, PartialEq)]
pub struct Alias {
    /// ASDL `identifier name`.
    pub name: Identifier,
    /// ASDL `identifier? asname`.
    pub asname: Option<Identifier>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.withitem`](https://docs.python.org/3.13/library/ast.html#ast.withitem): one `context_expr
/// as optional_vars` of a `with`.
///
/// ASDL: `withitem(expr context_expr, expr? optional_vars)`.
///
/// Same fields as the CPython class.
#[derive(Clone, Debug, PartialEq)]
pub struct WithItem {
    /// ASDL `expr context_expr`.
    pub context_expr: Expr,
    /// ASDL `expr? optional_vars`.
    pub optional_vars: Option<Expr>,
}

/// [`ast.match_case`](https://docs.python.org/3.13/library/ast.html#ast.match_case): one `case
/// pattern if guard:` block.
///
/// ASDL: `match_case(pattern pattern, expr? guard, stmt* body)`.
///
/// Same fields as the CPython class.
#[derive(Clone, Debug, PartialEq)]
pub struct MatchCase {
    /// ASDL `pattern pattern`.
    pub pattern: Pattern,
    /// ASDL `expr? guard`.
    pub guard: Option<Expr>,
    /// ASDL `stmt* body`.
    pub body: Vec<Stmt>,
}

/// [`ast.MatchValue`](https://docs.python.org/3.13/library/ast.html#ast.MatchValue): a value
/// pattern compared with `==`: a literal or a dotted name.
///
/// ASDL: `MatchValue(expr value)`. The payload of [`Pattern::MatchValue`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes.
#[derive(Clone, Debug, PartialEq)]
pub struct PatternMatchValue {
    /// ASDL `expr value`.
    pub value: Expr,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.MatchSingleton`](https://docs.python.org/3.13/library/ast.html#ast.MatchSingleton):
/// `None`, `True` or `False`, compared with `is`.
///
/// ASDL: `MatchSingleton(constant value)`. The payload of [`Pattern::MatchSingleton`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes.
/// - `value` is a [`Constant`] and is only ever `None`, `True` or `False`.
#[derive(Clone, Debug, PartialEq)]
pub struct PatternMatchSingleton {
    /// ASDL `constant value`.
    pub value: Constant,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.MatchSequence`](https://docs.python.org/3.13/library/ast.html#ast.MatchSequence): a
/// sequence pattern `[a, *rest]`.
///
/// ASDL: `MatchSequence(pattern* patterns)`. The payload of [`Pattern::MatchSequence`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes.
#[derive(Clone, Debug, PartialEq)]
pub struct PatternMatchSequence {
    /// ASDL `pattern* patterns`.
    pub patterns: Vec<Pattern>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.MatchMapping`](https://docs.python.org/3.13/library/ast.html#ast.MatchMapping): a mapping
/// pattern `{key: pattern, **rest}`.
///
/// ASDL: `MatchMapping(expr* keys, pattern* patterns, identifier? rest)`. The payload of
/// [`Pattern::MatchMapping`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes.
#[derive(Clone, Debug, PartialEq)]
pub struct PatternMatchMapping {
    /// ASDL `expr* keys`.
    pub keys: Vec<Expr>,
    /// ASDL `pattern* patterns`.
    pub patterns: Vec<Pattern>,
    /// ASDL `identifier? rest`.
    pub rest: Option<Identifier>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.MatchClass`](https://docs.python.org/3.13/library/ast.html#ast.MatchClass): a class
/// pattern `cls(p, attr=q)`.
///
/// ASDL: `MatchClass(expr cls, pattern* patterns, identifier* kwd_attrs, pattern* kwd_patterns)`.
/// The payload of [`Pattern::MatchClass`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes.
#[derive(Clone, Debug, PartialEq)]
pub struct PatternMatchClass {
    /// ASDL `expr cls`.
    pub cls: Expr,
    /// ASDL `pattern* patterns`.
    pub patterns: Vec<Pattern>,
    /// ASDL `identifier* kwd_attrs`.
    pub kwd_attrs: Vec<Identifier>,
    /// ASDL `pattern* kwd_patterns`.
    pub kwd_patterns: Vec<Pattern>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.MatchStar`](https://docs.python.org/3.13/library/ast.html#ast.MatchStar): `*name` (or
/// `*_`, with no name) in a sequence pattern.
///
/// ASDL: `MatchStar(identifier? name)`. The payload of [`Pattern::MatchStar`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes.
#[derive(Clone, Debug, PartialEq)]
pub struct PatternMatchStar {
    /// ASDL `identifier? name`.
    pub name: Option<Identifier>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.MatchAs`](https://docs.python.org/3.13/library/ast.html#ast.MatchAs): `pattern as name`, a
/// capture `name`, or the wildcard `_` with neither.
///
/// ASDL: `MatchAs(pattern? pattern, identifier? name)`. The payload of [`Pattern::MatchAs`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes.
#[derive(Clone, Debug, PartialEq)]
pub struct PatternMatchAs {
    /// ASDL `pattern? pattern`.
    pub pattern: Option<Pattern>,
    /// ASDL `identifier? name`.
    pub name: Option<Identifier>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.MatchOr`](https://docs.python.org/3.13/library/ast.html#ast.MatchOr): an or-pattern `p |
/// q`.
///
/// ASDL: `MatchOr(pattern* patterns)`. The payload of [`Pattern::MatchOr`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes.
#[derive(Clone, Debug, PartialEq)]
pub struct PatternMatchOr {
    /// ASDL `pattern* patterns`.
    pub patterns: Vec<Pattern>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.TypeIgnore`](https://docs.python.org/3.13/library/ast.html#ast.TypeIgnore): a `# type:
/// ignore[tag]` comment at `lineno`.
///
/// ASDL: `TypeIgnore(int lineno, string tag)`.
///
/// Differences from the CPython class:
/// - CPython's abstract class `ast.type_ignore` has this one subclass; Rust has only this struct.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeIgnore {
    /// ASDL `int lineno`.
    pub lineno: i32,
    /// ASDL `string tag`.
    pub tag: Box<str>,
}

/// [`ast.TypeVar`](https://docs.python.org/3.13/library/ast.html#ast.TypeVar): a type parameter `T:
/// bound = default`.
///
/// ASDL: `TypeVar(identifier name, expr? bound, expr? default_value)`. The payload of
/// [`TypeParam::TypeVar`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeParamTypeVar {
    /// ASDL `identifier name`.
    pub name: Identifier,
    /// ASDL `expr? bound`.
    pub bound: Option<Expr>,
    /// ASDL `expr? default_value`.
    pub default_value: Option<Expr>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.ParamSpec`](https://docs.python.org/3.13/library/ast.html#ast.ParamSpec): a type parameter
/// `**P = default`.
///
/// ASDL: `ParamSpec(identifier name, expr? default_value)`. The payload of
/// [`TypeParam::ParamSpec`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeParamParamSpec {
    /// ASDL `identifier name`.
    pub name: Identifier,
    /// ASDL `expr? default_value`.
    pub default_value: Option<Expr>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}

/// [`ast.TypeVarTuple`](https://docs.python.org/3.13/library/ast.html#ast.TypeVarTuple): a type
/// parameter `*Ts = default`.
///
/// ASDL: `TypeVarTuple(identifier name, expr? default_value)`. The payload of
/// [`TypeParam::TypeVarTuple`].
///
/// Differences from the CPython class:
/// - `loc`, a [`Location`], holds the four location attributes.
#[derive(Clone, Debug, PartialEq)]
pub struct TypeParamTypeVarTuple {
    /// ASDL `identifier name`.
    pub name: Identifier,
    /// ASDL `expr? default_value`.
    pub default_value: Option<Expr>,
    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`.
    pub loc: Location,
}
