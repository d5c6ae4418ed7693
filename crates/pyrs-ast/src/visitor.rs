//! Walks over a tree: [`Visitor`] reads it, [`VisitorMut`] may change it in place.
//!
//! Each `visit_<type>` method, named after the ASDL type as CPython's `compiler_visit_<type>`
//! functions are, defaults to the `walk_<type>` function, which visits the node's children in
//! field order, as `ast.NodeVisitor.generic_visit` does. Override a method to act on that kind
//! of node, and call the walk function from it to keep descending. Operators and expression
//! contexts are visited too (their methods do nothing by default); identifiers, strings,
//! integers and constants are not nodes and are not visited.
//!
//! Generated from ast.asdl by gen/rust.rs: do not edit by hand. Change ast.asdl (or the generator)
//! and run `cargo test -p pyrs-ast --test sourcegen`, which rewrites this file.

#[allow(clippy::wildcard_imports)]
use crate::*;

/// A read-only walk over a tree. The lifetime `'a` is the tree's, so a visitor may keep
/// references to the nodes it meets.
///
/// ```
/// use pyrs_ast::visitor::{walk_expr, Visitor};
/// use pyrs_ast::{Expr, ExprName, ExprContext, Location, Identifier};
///
/// struct Names<'a>(Vec<&'a str>);
/// impl<'a> Visitor<'a> for Names<'a> {
///     fn visit_expr(&mut self, node: &'a Expr) {
///         if let Expr::Name(name) = node {
///             self.0.push(&name.id);
///         }
///         walk_expr(self, node);
///     }
/// }
///
/// let x = Expr::from(ExprName {
///     id: Identifier::from("x"),
///     ctx: ExprContext::Load,
///     loc: Location::new(1, 0, 1, 1),
/// });
/// let mut names = Names(Vec::new());
/// names.visit_expr(&x);
/// assert_eq!(names.0, ["x"]);
/// ```
pub trait Visitor<'a> {
    /// Visits a [`Mod`] (ASDL `mod`).
    fn visit_mod(&mut self, node: &'a Mod) {
        walk_mod(self, node);
    }
    /// Visits a [`Stmt`] (ASDL `stmt`).
    fn visit_stmt(&mut self, node: &'a Stmt) {
        walk_stmt(self, node);
    }
    /// Visits an [`Expr`] (ASDL `expr`).
    fn visit_expr(&mut self, node: &'a Expr) {
        walk_expr(self, node);
    }
    /// Visits an [`ExprContext`] (ASDL `expr_context`).
    fn visit_expr_context(&mut self, _node: &'a ExprContext) {}
    /// Visits a [`BoolOp`] (ASDL `boolop`).
    fn visit_boolop(&mut self, _node: &'a BoolOp) {}
    /// Visits an [`Operator`] (ASDL `operator`).
    fn visit_operator(&mut self, _node: &'a Operator) {}
    /// Visits an [`UnaryOp`] (ASDL `unaryop`).
    fn visit_unaryop(&mut self, _node: &'a UnaryOp) {}
    /// Visits a [`CmpOp`] (ASDL `cmpop`).
    fn visit_cmpop(&mut self, _node: &'a CmpOp) {}
    /// Visits a [`Comprehension`] (ASDL `comprehension`).
    fn visit_comprehension(&mut self, node: &'a Comprehension) {
        walk_comprehension(self, node);
    }
    /// Visits an [`ExceptHandler`] (ASDL `excepthandler`).
    fn visit_excepthandler(&mut self, node: &'a ExceptHandler) {
        walk_excepthandler(self, node);
    }
    /// Visits an [`Arguments`] (ASDL `arguments`).
    fn visit_arguments(&mut self, node: &'a Arguments) {
        walk_arguments(self, node);
    }
    /// Visits an [`Arg`] (ASDL `arg`).
    fn visit_arg(&mut self, node: &'a Arg) {
        walk_arg(self, node);
    }
    /// Visits a [`Keyword`] (ASDL `keyword`).
    fn visit_keyword(&mut self, node: &'a Keyword) {
        walk_keyword(self, node);
    }
    /// Visits an [`Alias`] (ASDL `alias`).
    fn visit_alias(&mut self, node: &'a Alias) {
        walk_alias(self, node);
    }
    /// Visits a [`WithItem`] (ASDL `withitem`).
    fn visit_withitem(&mut self, node: &'a WithItem) {
        walk_withitem(self, node);
    }
    /// Visits a [`MatchCase`] (ASDL `match_case`).
    fn visit_match_case(&mut self, node: &'a MatchCase) {
        walk_match_case(self, node);
    }
    /// Visits a [`Pattern`] (ASDL `pattern`).
    fn visit_pattern(&mut self, node: &'a Pattern) {
        walk_pattern(self, node);
    }
    /// Visits a [`TypeIgnore`] (ASDL `type_ignore`).
    fn visit_type_ignore(&mut self, node: &'a TypeIgnore) {
        walk_type_ignore(self, node);
    }
    /// Visits a [`TypeParam`] (ASDL `type_param`).
    fn visit_type_param(&mut self, node: &'a TypeParam) {
        walk_type_param(self, node);
    }
}

/// Visits the children of a [`Mod`] in field order.
pub fn walk_mod<'a, V: Visitor<'a> + ?Sized>(visitor: &mut V, node: &'a Mod) {
    match node {
        Mod::Module(node) => {
            for child in &node.body {
                visitor.visit_stmt(child);
            }
            for child in &node.type_ignores {
                visitor.visit_type_ignore(child);
            }
        }
        Mod::Interactive(node) => {
            for child in &node.body {
                visitor.visit_stmt(child);
            }
        }
        Mod::Expression(node) => {
            visitor.visit_expr(&node.body);
        }
        Mod::FunctionType(node) => {
            for child in &node.argtypes {
                visitor.visit_expr(child);
            }
            visitor.visit_expr(&node.returns);
        }
    }
}

/// Visits the children of a [`Stmt`] in field order.
pub fn walk_stmt<'a, V: Visitor<'a> + ?Sized>(visitor: &mut V, node: &'a Stmt) {
    match node {
        Stmt::FunctionDef(node) => {
            visitor.visit_arguments(&node.args);
            for child in &node.body {
                visitor.visit_stmt(child);
            }
            for child in &node.decorator_list {
                visitor.visit_expr(child);
            }
            if let Some(child) = &node.returns {
                visitor.visit_expr(child);
            }
            for child in &node.type_params {
                visitor.visit_type_param(child);
            }
        }
        Stmt::AsyncFunctionDef(node) => {
            visitor.visit_arguments(&node.args);
            for child in &node.body {
                visitor.visit_stmt(child);
            }
            for child in &node.decorator_list {
                visitor.visit_expr(child);
            }
            if let Some(child) = &node.returns {
                visitor.visit_expr(child);
            }
            for child in &node.type_params {
                visitor.visit_type_param(child);
            }
        }
        Stmt::ClassDef(node) => {
            for child in &node.bases {
                visitor.visit_expr(child);
            }
            for child in &node.keywords {
                visitor.visit_keyword(child);
            }
            for child in &node.body {
                visitor.visit_stmt(child);
            }
            for child in &node.decorator_list {
                visitor.visit_expr(child);
            }
            for child in &node.type_params {
                visitor.visit_type_param(child);
            }
        }
        Stmt::Return(node) => {
            if let Some(child) = &node.value {
                visitor.visit_expr(child);
            }
        }
        Stmt::Delete(node) => {
            for child in &node.targets {
                visitor.visit_expr(child);
            }
        }
        Stmt::Assign(node) => {
            for child in &node.targets {
                visitor.visit_expr(child);
            }
            visitor.visit_expr(&node.value);
        }
        Stmt::TypeAlias(node) => {
            visitor.visit_expr(&node.name);
            for child in &node.type_params {
                visitor.visit_type_param(child);
            }
            visitor.visit_expr(&node.value);
        }
        Stmt::AugAssign(node) => {
            visitor.visit_expr(&node.target);
            visitor.visit_operator(&node.op);
            visitor.visit_expr(&node.value);
        }
        Stmt::AnnAssign(node) => {
            visitor.visit_expr(&node.target);
            visitor.visit_expr(&node.annotation);
            if let Some(child) = &node.value {
                visitor.visit_expr(child);
            }
        }
        Stmt::For(node) => {
            visitor.visit_expr(&node.target);
            visitor.visit_expr(&node.iter);
            for child in &node.body {
                visitor.visit_stmt(child);
            }
            for child in &node.orelse {
                visitor.visit_stmt(child);
            }
        }
        Stmt::AsyncFor(node) => {
            visitor.visit_expr(&node.target);
            visitor.visit_expr(&node.iter);
            for child in &node.body {
                visitor.visit_stmt(child);
            }
            for child in &node.orelse {
                visitor.visit_stmt(child);
            }
        }
        Stmt::While(node) => {
            visitor.visit_expr(&node.test);
            for child in &node.body {
                visitor.visit_stmt(child);
            }
            for child in &node.orelse {
                visitor.visit_stmt(child);
            }
        }
        Stmt::If(node) => {
            visitor.visit_expr(&node.test);
            for child in &node.body {
                visitor.visit_stmt(child);
            }
            for child in &node.orelse {
                visitor.visit_stmt(child);
            }
        }
        Stmt::With(node) => {
            for child in &node.items {
                visitor.visit_withitem(child);
            }
            for child in &node.body {
                visitor.visit_stmt(child);
            }
        }
        Stmt::AsyncWith(node) => {
            for child in &node.items {
                visitor.visit_withitem(child);
            }
            for child in &node.body {
                visitor.visit_stmt(child);
            }
        }
        Stmt::Match(node) => {
            visitor.visit_expr(&node.subject);
            for child in &node.cases {
                visitor.visit_match_case(child);
            }
        }
        Stmt::Raise(node) => {
            if let Some(child) = &node.exc {
                visitor.visit_expr(child);
            }
            if let Some(child) = &node.cause {
                visitor.visit_expr(child);
            }
        }
        Stmt::Try(node) => {
            for child in &node.body {
                visitor.visit_stmt(child);
            }
            for child in &node.handlers {
                visitor.visit_excepthandler(child);
            }
            for child in &node.orelse {
                visitor.visit_stmt(child);
            }
            for child in &node.finalbody {
                visitor.visit_stmt(child);
            }
        }
        Stmt::TryStar(node) => {
            for child in &node.body {
                visitor.visit_stmt(child);
            }
            for child in &node.handlers {
                visitor.visit_excepthandler(child);
            }
            for child in &node.orelse {
                visitor.visit_stmt(child);
            }
            for child in &node.finalbody {
                visitor.visit_stmt(child);
            }
        }
        Stmt::Assert(node) => {
            visitor.visit_expr(&node.test);
            if let Some(child) = &node.msg {
                visitor.visit_expr(child);
            }
        }
        Stmt::Import(node) => {
            for child in &node.names {
                visitor.visit_alias(child);
            }
        }
        Stmt::ImportFrom(node) => {
            for child in &node.names {
                visitor.visit_alias(child);
            }
        }
        Stmt::Expr(node) => {
            visitor.visit_expr(&node.value);
        }
        Stmt::Global(_)
        | Stmt::Nonlocal(_)
        | Stmt::Pass(_)
        | Stmt::Break(_)
        | Stmt::Continue(_) => {}
    }
}

/// Visits the children of a [`Expr`] in field order.
pub fn walk_expr<'a, V: Visitor<'a> + ?Sized>(visitor: &mut V, node: &'a Expr) {
    match node {
        Expr::BoolOp(node) => {
            visitor.visit_boolop(&node.op);
            for child in &node.values {
                visitor.visit_expr(child);
            }
        }
        Expr::NamedExpr(node) => {
            visitor.visit_expr(&node.target);
            visitor.visit_expr(&node.value);
        }
        Expr::BinOp(node) => {
            visitor.visit_expr(&node.left);
            visitor.visit_operator(&node.op);
            visitor.visit_expr(&node.right);
        }
        Expr::UnaryOp(node) => {
            visitor.visit_unaryop(&node.op);
            visitor.visit_expr(&node.operand);
        }
        Expr::Lambda(node) => {
            visitor.visit_arguments(&node.args);
            visitor.visit_expr(&node.body);
        }
        Expr::IfExp(node) => {
            visitor.visit_expr(&node.test);
            visitor.visit_expr(&node.body);
            visitor.visit_expr(&node.orelse);
        }
        Expr::Dict(node) => {
            for child in node.keys.iter().flatten() {
                visitor.visit_expr(child);
            }
            for child in &node.values {
                visitor.visit_expr(child);
            }
        }
        Expr::Set(node) => {
            for child in &node.elts {
                visitor.visit_expr(child);
            }
        }
        Expr::ListComp(node) => {
            visitor.visit_expr(&node.elt);
            for child in &node.generators {
                visitor.visit_comprehension(child);
            }
        }
        Expr::SetComp(node) => {
            visitor.visit_expr(&node.elt);
            for child in &node.generators {
                visitor.visit_comprehension(child);
            }
        }
        Expr::DictComp(node) => {
            visitor.visit_expr(&node.key);
            visitor.visit_expr(&node.value);
            for child in &node.generators {
                visitor.visit_comprehension(child);
            }
        }
        Expr::GeneratorExp(node) => {
            visitor.visit_expr(&node.elt);
            for child in &node.generators {
                visitor.visit_comprehension(child);
            }
        }
        Expr::Await(node) => {
            visitor.visit_expr(&node.value);
        }
        Expr::Yield(node) => {
            if let Some(child) = &node.value {
                visitor.visit_expr(child);
            }
        }
        Expr::YieldFrom(node) => {
            visitor.visit_expr(&node.value);
        }
        Expr::Compare(node) => {
            visitor.visit_expr(&node.left);
            for child in &node.ops {
                visitor.visit_cmpop(child);
            }
            for child in &node.comparators {
                visitor.visit_expr(child);
            }
        }
        Expr::Call(node) => {
            visitor.visit_expr(&node.func);
            for child in &node.args {
                visitor.visit_expr(child);
            }
            for child in &node.keywords {
                visitor.visit_keyword(child);
            }
        }
        Expr::FormattedValue(node) => {
            visitor.visit_expr(&node.value);
            if let Some(child) = &node.format_spec {
                visitor.visit_expr(child);
            }
        }
        Expr::JoinedStr(node) => {
            for child in &node.values {
                visitor.visit_expr(child);
            }
        }
        Expr::Attribute(node) => {
            visitor.visit_expr(&node.value);
            visitor.visit_expr_context(&node.ctx);
        }
        Expr::Subscript(node) => {
            visitor.visit_expr(&node.value);
            visitor.visit_expr(&node.slice);
            visitor.visit_expr_context(&node.ctx);
        }
        Expr::Starred(node) => {
            visitor.visit_expr(&node.value);
            visitor.visit_expr_context(&node.ctx);
        }
        Expr::Name(node) => {
            visitor.visit_expr_context(&node.ctx);
        }
        Expr::List(node) => {
            for child in &node.elts {
                visitor.visit_expr(child);
            }
            visitor.visit_expr_context(&node.ctx);
        }
        Expr::Tuple(node) => {
            for child in &node.elts {
                visitor.visit_expr(child);
            }
            visitor.visit_expr_context(&node.ctx);
        }
        Expr::Slice(node) => {
            if let Some(child) = &node.lower {
                visitor.visit_expr(child);
            }
            if let Some(child) = &node.upper {
                visitor.visit_expr(child);
            }
            if let Some(child) = &node.step {
                visitor.visit_expr(child);
            }
        }
        Expr::Constant(_) => {}
    }
}

/// Visits the children of a [`Comprehension`] in field order.
pub fn walk_comprehension<'a, V: Visitor<'a> + ?Sized>(visitor: &mut V, node: &'a Comprehension) {
    visitor.visit_expr(&node.target);
    visitor.visit_expr(&node.iter);
    for child in &node.ifs {
        visitor.visit_expr(child);
    }
}

/// Visits the children of a [`ExceptHandler`] in field order.
pub fn walk_excepthandler<'a, V: Visitor<'a> + ?Sized>(visitor: &mut V, node: &'a ExceptHandler) {
    if let Some(child) = &node.type_ {
        visitor.visit_expr(child);
    }
    for child in &node.body {
        visitor.visit_stmt(child);
    }
}

/// Visits the children of a [`Arguments`] in field order.
pub fn walk_arguments<'a, V: Visitor<'a> + ?Sized>(visitor: &mut V, node: &'a Arguments) {
    for child in &node.posonlyargs {
        visitor.visit_arg(child);
    }
    for child in &node.args {
        visitor.visit_arg(child);
    }
    if let Some(child) = &node.vararg {
        visitor.visit_arg(child);
    }
    for child in &node.kwonlyargs {
        visitor.visit_arg(child);
    }
    for child in node.kw_defaults.iter().flatten() {
        visitor.visit_expr(child);
    }
    if let Some(child) = &node.kwarg {
        visitor.visit_arg(child);
    }
    for child in &node.defaults {
        visitor.visit_expr(child);
    }
}

/// Visits the children of a [`Arg`] in field order.
pub fn walk_arg<'a, V: Visitor<'a> + ?Sized>(visitor: &mut V, node: &'a Arg) {
    if let Some(child) = &node.annotation {
        visitor.visit_expr(child);
    }
}

/// Visits the children of a [`Keyword`] in field order.
pub fn walk_keyword<'a, V: Visitor<'a> + ?Sized>(visitor: &mut V, node: &'a Keyword) {
    visitor.visit_expr(&node.value);
}

/// Visits the children of a [`Alias`] in field order.
pub fn walk_alias<'a, V: Visitor<'a> + ?Sized>(_visitor: &mut V, _node: &'a Alias) {}

/// Visits the children of a [`WithItem`] in field order.
pub fn walk_withitem<'a, V: Visitor<'a> + ?Sized>(visitor: &mut V, node: &'a WithItem) {
    visitor.visit_expr(&node.context_expr);
    if let Some(child) = &node.optional_vars {
        visitor.visit_expr(child);
    }
}

/// Visits the children of a [`MatchCase`] in field order.
pub fn walk_match_case<'a, V: Visitor<'a> + ?Sized>(visitor: &mut V, node: &'a MatchCase) {
    visitor.visit_pattern(&node.pattern);
    if let Some(child) = &node.guard {
        visitor.visit_expr(child);
    }
    for child in &node.body {
        visitor.visit_stmt(child);
    }
}

/// Visits the children of a [`Pattern`] in field order.
pub fn walk_pattern<'a, V: Visitor<'a> + ?Sized>(visitor: &mut V, node: &'a Pattern) {
    match node {
        Pattern::MatchValue(node) => {
            visitor.visit_expr(&node.value);
        }
        Pattern::MatchSequence(node) => {
            for child in &node.patterns {
                visitor.visit_pattern(child);
            }
        }
        Pattern::MatchMapping(node) => {
            for child in &node.keys {
                visitor.visit_expr(child);
            }
            for child in &node.patterns {
                visitor.visit_pattern(child);
            }
        }
        Pattern::MatchClass(node) => {
            visitor.visit_expr(&node.cls);
            for child in &node.patterns {
                visitor.visit_pattern(child);
            }
            for child in &node.kwd_patterns {
                visitor.visit_pattern(child);
            }
        }
        Pattern::MatchAs(node) => {
            if let Some(child) = &node.pattern {
                visitor.visit_pattern(child);
            }
        }
        Pattern::MatchOr(node) => {
            for child in &node.patterns {
                visitor.visit_pattern(child);
            }
        }
        Pattern::MatchSingleton(_) | Pattern::MatchStar(_) => {}
    }
}

/// Visits the children of a [`TypeIgnore`] in field order.
pub fn walk_type_ignore<'a, V: Visitor<'a> + ?Sized>(_visitor: &mut V, _node: &'a TypeIgnore) {}

/// Visits the children of a [`TypeParam`] in field order.
pub fn walk_type_param<'a, V: Visitor<'a> + ?Sized>(visitor: &mut V, node: &'a TypeParam) {
    match node {
        TypeParam::TypeVar(node) => {
            if let Some(child) = &node.bound {
                visitor.visit_expr(child);
            }
            if let Some(child) = &node.default_value {
                visitor.visit_expr(child);
            }
        }
        TypeParam::ParamSpec(node) => {
            if let Some(child) = &node.default_value {
                visitor.visit_expr(child);
            }
        }
        TypeParam::TypeVarTuple(node) => {
            if let Some(child) = &node.default_value {
                visitor.visit_expr(child);
            }
        }
    }
}

/// A walk that may change the tree in place: the mutable twin of [`Visitor`].
pub trait VisitorMut {
    /// Visits a [`Mod`] (ASDL `mod`).
    fn visit_mod(&mut self, node: &mut Mod) {
        walk_mod_mut(self, node);
    }
    /// Visits a [`Stmt`] (ASDL `stmt`).
    fn visit_stmt(&mut self, node: &mut Stmt) {
        walk_stmt_mut(self, node);
    }
    /// Visits an [`Expr`] (ASDL `expr`).
    fn visit_expr(&mut self, node: &mut Expr) {
        walk_expr_mut(self, node);
    }
    /// Visits an [`ExprContext`] (ASDL `expr_context`).
    fn visit_expr_context(&mut self, _node: &mut ExprContext) {}
    /// Visits a [`BoolOp`] (ASDL `boolop`).
    fn visit_boolop(&mut self, _node: &mut BoolOp) {}
    /// Visits an [`Operator`] (ASDL `operator`).
    fn visit_operator(&mut self, _node: &mut Operator) {}
    /// Visits an [`UnaryOp`] (ASDL `unaryop`).
    fn visit_unaryop(&mut self, _node: &mut UnaryOp) {}
    /// Visits a [`CmpOp`] (ASDL `cmpop`).
    fn visit_cmpop(&mut self, _node: &mut CmpOp) {}
    /// Visits a [`Comprehension`] (ASDL `comprehension`).
    fn visit_comprehension(&mut self, node: &mut Comprehension) {
        walk_comprehension_mut(self, node);
    }
    /// Visits an [`ExceptHandler`] (ASDL `excepthandler`).
    fn visit_excepthandler(&mut self, node: &mut ExceptHandler) {
        walk_excepthandler_mut(self, node);
    }
    /// Visits an [`Arguments`] (ASDL `arguments`).
    fn visit_arguments(&mut self, node: &mut Arguments) {
        walk_arguments_mut(self, node);
    }
    /// Visits an [`Arg`] (ASDL `arg`).
    fn visit_arg(&mut self, node: &mut Arg) {
        walk_arg_mut(self, node);
    }
    /// Visits a [`Keyword`] (ASDL `keyword`).
    fn visit_keyword(&mut self, node: &mut Keyword) {
        walk_keyword_mut(self, node);
    }
    /// Visits an [`Alias`] (ASDL `alias`).
    fn visit_alias(&mut self, node: &mut Alias) {
        walk_alias_mut(self, node);
    }
    /// Visits a [`WithItem`] (ASDL `withitem`).
    fn visit_withitem(&mut self, node: &mut WithItem) {
        walk_withitem_mut(self, node);
    }
    /// Visits a [`MatchCase`] (ASDL `match_case`).
    fn visit_match_case(&mut self, node: &mut MatchCase) {
        walk_match_case_mut(self, node);
    }
    /// Visits a [`Pattern`] (ASDL `pattern`).
    fn visit_pattern(&mut self, node: &mut Pattern) {
        walk_pattern_mut(self, node);
    }
    /// Visits a [`TypeIgnore`] (ASDL `type_ignore`).
    fn visit_type_ignore(&mut self, node: &mut TypeIgnore) {
        walk_type_ignore_mut(self, node);
    }
    /// Visits a [`TypeParam`] (ASDL `type_param`).
    fn visit_type_param(&mut self, node: &mut TypeParam) {
        walk_type_param_mut(self, node);
    }
}

/// Visits the children of a [`Mod`] in field order.
pub fn walk_mod_mut<V: VisitorMut + ?Sized>(visitor: &mut V, node: &mut Mod) {
    match node {
        Mod::Module(node) => {
            for child in &mut node.body {
                visitor.visit_stmt(child);
            }
            for child in &mut node.type_ignores {
                visitor.visit_type_ignore(child);
            }
        }
        Mod::Interactive(node) => {
            for child in &mut node.body {
                visitor.visit_stmt(child);
            }
        }
        Mod::Expression(node) => {
            visitor.visit_expr(&mut node.body);
        }
        Mod::FunctionType(node) => {
            for child in &mut node.argtypes {
                visitor.visit_expr(child);
            }
            visitor.visit_expr(&mut node.returns);
        }
    }
}

/// Visits the children of a [`Stmt`] in field order.
pub fn walk_stmt_mut<V: VisitorMut + ?Sized>(visitor: &mut V, node: &mut Stmt) {
    match node {
        Stmt::FunctionDef(node) => {
            visitor.visit_arguments(&mut node.args);
            for child in &mut node.body {
                visitor.visit_stmt(child);
            }
            for child in &mut node.decorator_list {
                visitor.visit_expr(child);
            }
            if let Some(child) = &mut node.returns {
                visitor.visit_expr(child);
            }
            for child in &mut node.type_params {
                visitor.visit_type_param(child);
            }
        }
        Stmt::AsyncFunctionDef(node) => {
            visitor.visit_arguments(&mut node.args);
            for child in &mut node.body {
                visitor.visit_stmt(child);
            }
            for child in &mut node.decorator_list {
                visitor.visit_expr(child);
            }
            if let Some(child) = &mut node.returns {
                visitor.visit_expr(child);
            }
            for child in &mut node.type_params {
                visitor.visit_type_param(child);
            }
        }
        Stmt::ClassDef(node) => {
            for child in &mut node.bases {
                visitor.visit_expr(child);
            }
            for child in &mut node.keywords {
                visitor.visit_keyword(child);
            }
            for child in &mut node.body {
                visitor.visit_stmt(child);
            }
            for child in &mut node.decorator_list {
                visitor.visit_expr(child);
            }
            for child in &mut node.type_params {
                visitor.visit_type_param(child);
            }
        }
        Stmt::Return(node) => {
            if let Some(child) = &mut node.value {
                visitor.visit_expr(child);
            }
        }
        Stmt::Delete(node) => {
            for child in &mut node.targets {
                visitor.visit_expr(child);
            }
        }
        Stmt::Assign(node) => {
            for child in &mut node.targets {
                visitor.visit_expr(child);
            }
            visitor.visit_expr(&mut node.value);
        }
        Stmt::TypeAlias(node) => {
            visitor.visit_expr(&mut node.name);
            for child in &mut node.type_params {
                visitor.visit_type_param(child);
            }
            visitor.visit_expr(&mut node.value);
        }
        Stmt::AugAssign(node) => {
            visitor.visit_expr(&mut node.target);
            visitor.visit_operator(&mut node.op);
            visitor.visit_expr(&mut node.value);
        }
        Stmt::AnnAssign(node) => {
            visitor.visit_expr(&mut node.target);
            visitor.visit_expr(&mut node.annotation);
            if let Some(child) = &mut node.value {
                visitor.visit_expr(child);
            }
        }
        Stmt::For(node) => {
            visitor.visit_expr(&mut node.target);
            visitor.visit_expr(&mut node.iter);
            for child in &mut node.body {
                visitor.visit_stmt(child);
            }
            for child in &mut node.orelse {
                visitor.visit_stmt(child);
            }
        }
        Stmt::AsyncFor(node) => {
            visitor.visit_expr(&mut node.target);
            visitor.visit_expr(&mut node.iter);
            for child in &mut node.body {
                visitor.visit_stmt(child);
            }
            for child in &mut node.orelse {
                visitor.visit_stmt(child);
            }
        }
        Stmt::While(node) => {
            visitor.visit_expr(&mut node.test);
            for child in &mut node.body {
                visitor.visit_stmt(child);
            }
            for child in &mut node.orelse {
                visitor.visit_stmt(child);
            }
        }
        Stmt::If(node) => {
            visitor.visit_expr(&mut node.test);
            for child in &mut node.body {
                visitor.visit_stmt(child);
            }
            for child in &mut node.orelse {
                visitor.visit_stmt(child);
            }
        }
        Stmt::With(node) => {
            for child in &mut node.items {
                visitor.visit_withitem(child);
            }
            for child in &mut node.body {
                visitor.visit_stmt(child);
            }
        }
        Stmt::AsyncWith(node) => {
            for child in &mut node.items {
                visitor.visit_withitem(child);
            }
            for child in &mut node.body {
                visitor.visit_stmt(child);
            }
        }
        Stmt::Match(node) => {
            visitor.visit_expr(&mut node.subject);
            for child in &mut node.cases {
                visitor.visit_match_case(child);
            }
        }
        Stmt::Raise(node) => {
            if let Some(child) = &mut node.exc {
                visitor.visit_expr(child);
            }
            if let Some(child) = &mut node.cause {
                visitor.visit_expr(child);
            }
        }
        Stmt::Try(node) => {
            for child in &mut node.body {
                visitor.visit_stmt(child);
            }
            for child in &mut node.handlers {
                visitor.visit_excepthandler(child);
            }
            for child in &mut node.orelse {
                visitor.visit_stmt(child);
            }
            for child in &mut node.finalbody {
                visitor.visit_stmt(child);
            }
        }
        Stmt::TryStar(node) => {
            for child in &mut node.body {
                visitor.visit_stmt(child);
            }
            for child in &mut node.handlers {
                visitor.visit_excepthandler(child);
            }
            for child in &mut node.orelse {
                visitor.visit_stmt(child);
            }
            for child in &mut node.finalbody {
                visitor.visit_stmt(child);
            }
        }
        Stmt::Assert(node) => {
            visitor.visit_expr(&mut node.test);
            if let Some(child) = &mut node.msg {
                visitor.visit_expr(child);
            }
        }
        Stmt::Import(node) => {
            for child in &mut node.names {
                visitor.visit_alias(child);
            }
        }
        Stmt::ImportFrom(node) => {
            for child in &mut node.names {
                visitor.visit_alias(child);
            }
        }
        Stmt::Expr(node) => {
            visitor.visit_expr(&mut node.value);
        }
        Stmt::Global(_)
        | Stmt::Nonlocal(_)
        | Stmt::Pass(_)
        | Stmt::Break(_)
        | Stmt::Continue(_) => {}
    }
}

/// Visits the children of a [`Expr`] in field order.
pub fn walk_expr_mut<V: VisitorMut + ?Sized>(visitor: &mut V, node: &mut Expr) {
    match node {
        Expr::BoolOp(node) => {
            visitor.visit_boolop(&mut node.op);
            for child in &mut node.values {
                visitor.visit_expr(child);
            }
        }
        Expr::NamedExpr(node) => {
            visitor.visit_expr(&mut node.target);
            visitor.visit_expr(&mut node.value);
        }
        Expr::BinOp(node) => {
            visitor.visit_expr(&mut node.left);
            visitor.visit_operator(&mut node.op);
            visitor.visit_expr(&mut node.right);
        }
        Expr::UnaryOp(node) => {
            visitor.visit_unaryop(&mut node.op);
            visitor.visit_expr(&mut node.operand);
        }
        Expr::Lambda(node) => {
            visitor.visit_arguments(&mut node.args);
            visitor.visit_expr(&mut node.body);
        }
        Expr::IfExp(node) => {
            visitor.visit_expr(&mut node.test);
            visitor.visit_expr(&mut node.body);
            visitor.visit_expr(&mut node.orelse);
        }
        Expr::Dict(node) => {
            for child in node.keys.iter_mut().flatten() {
                visitor.visit_expr(child);
            }
            for child in &mut node.values {
                visitor.visit_expr(child);
            }
        }
        Expr::Set(node) => {
            for child in &mut node.elts {
                visitor.visit_expr(child);
            }
        }
        Expr::ListComp(node) => {
            visitor.visit_expr(&mut node.elt);
            for child in &mut node.generators {
                visitor.visit_comprehension(child);
            }
        }
        Expr::SetComp(node) => {
            visitor.visit_expr(&mut node.elt);
            for child in &mut node.generators {
                visitor.visit_comprehension(child);
            }
        }
        Expr::DictComp(node) => {
            visitor.visit_expr(&mut node.key);
            visitor.visit_expr(&mut node.value);
            for child in &mut node.generators {
                visitor.visit_comprehension(child);
            }
        }
        Expr::GeneratorExp(node) => {
            visitor.visit_expr(&mut node.elt);
            for child in &mut node.generators {
                visitor.visit_comprehension(child);
            }
        }
        Expr::Await(node) => {
            visitor.visit_expr(&mut node.value);
        }
        Expr::Yield(node) => {
            if let Some(child) = &mut node.value {
                visitor.visit_expr(child);
            }
        }
        Expr::YieldFrom(node) => {
            visitor.visit_expr(&mut node.value);
        }
        Expr::Compare(node) => {
            visitor.visit_expr(&mut node.left);
            for child in &mut node.ops {
                visitor.visit_cmpop(child);
            }
            for child in &mut node.comparators {
                visitor.visit_expr(child);
            }
        }
        Expr::Call(node) => {
            visitor.visit_expr(&mut node.func);
            for child in &mut node.args {
                visitor.visit_expr(child);
            }
            for child in &mut node.keywords {
                visitor.visit_keyword(child);
            }
        }
        Expr::FormattedValue(node) => {
            visitor.visit_expr(&mut node.value);
            if let Some(child) = &mut node.format_spec {
                visitor.visit_expr(child);
            }
        }
        Expr::JoinedStr(node) => {
            for child in &mut node.values {
                visitor.visit_expr(child);
            }
        }
        Expr::Attribute(node) => {
            visitor.visit_expr(&mut node.value);
            visitor.visit_expr_context(&mut node.ctx);
        }
        Expr::Subscript(node) => {
            visitor.visit_expr(&mut node.value);
            visitor.visit_expr(&mut node.slice);
            visitor.visit_expr_context(&mut node.ctx);
        }
        Expr::Starred(node) => {
            visitor.visit_expr(&mut node.value);
            visitor.visit_expr_context(&mut node.ctx);
        }
        Expr::Name(node) => {
            visitor.visit_expr_context(&mut node.ctx);
        }
        Expr::List(node) => {
            for child in &mut node.elts {
                visitor.visit_expr(child);
            }
            visitor.visit_expr_context(&mut node.ctx);
        }
        Expr::Tuple(node) => {
            for child in &mut node.elts {
                visitor.visit_expr(child);
            }
            visitor.visit_expr_context(&mut node.ctx);
        }
        Expr::Slice(node) => {
            if let Some(child) = &mut node.lower {
                visitor.visit_expr(child);
            }
            if let Some(child) = &mut node.upper {
                visitor.visit_expr(child);
            }
            if let Some(child) = &mut node.step {
                visitor.visit_expr(child);
            }
        }
        Expr::Constant(_) => {}
    }
}

/// Visits the children of a [`Comprehension`] in field order.
pub fn walk_comprehension_mut<V: VisitorMut + ?Sized>(visitor: &mut V, node: &mut Comprehension) {
    visitor.visit_expr(&mut node.target);
    visitor.visit_expr(&mut node.iter);
    for child in &mut node.ifs {
        visitor.visit_expr(child);
    }
}

/// Visits the children of a [`ExceptHandler`] in field order.
pub fn walk_excepthandler_mut<V: VisitorMut + ?Sized>(visitor: &mut V, node: &mut ExceptHandler) {
    if let Some(child) = &mut node.type_ {
        visitor.visit_expr(child);
    }
    for child in &mut node.body {
        visitor.visit_stmt(child);
    }
}

/// Visits the children of a [`Arguments`] in field order.
pub fn walk_arguments_mut<V: VisitorMut + ?Sized>(visitor: &mut V, node: &mut Arguments) {
    for child in &mut node.posonlyargs {
        visitor.visit_arg(child);
    }
    for child in &mut node.args {
        visitor.visit_arg(child);
    }
    if let Some(child) = &mut node.vararg {
        visitor.visit_arg(child);
    }
    for child in &mut node.kwonlyargs {
        visitor.visit_arg(child);
    }
    for child in node.kw_defaults.iter_mut().flatten() {
        visitor.visit_expr(child);
    }
    if let Some(child) = &mut node.kwarg {
        visitor.visit_arg(child);
    }
    for child in &mut node.defaults {
        visitor.visit_expr(child);
    }
}

/// Visits the children of a [`Arg`] in field order.
pub fn walk_arg_mut<V: VisitorMut + ?Sized>(visitor: &mut V, node: &mut Arg) {
    if let Some(child) = &mut node.annotation {
        visitor.visit_expr(child);
    }
}

/// Visits the children of a [`Keyword`] in field order.
pub fn walk_keyword_mut<V: VisitorMut + ?Sized>(visitor: &mut V, node: &mut Keyword) {
    visitor.visit_expr(&mut node.value);
}

/// Visits the children of a [`Alias`] in field order.
pub fn walk_alias_mut<V: VisitorMut + ?Sized>(_visitor: &mut V, _node: &mut Alias) {}

/// Visits the children of a [`WithItem`] in field order.
pub fn walk_withitem_mut<V: VisitorMut + ?Sized>(visitor: &mut V, node: &mut WithItem) {
    visitor.visit_expr(&mut node.context_expr);
    if let Some(child) = &mut node.optional_vars {
        visitor.visit_expr(child);
    }
}

/// Visits the children of a [`MatchCase`] in field order.
pub fn walk_match_case_mut<V: VisitorMut + ?Sized>(visitor: &mut V, node: &mut MatchCase) {
    visitor.visit_pattern(&mut node.pattern);
    if let Some(child) = &mut node.guard {
        visitor.visit_expr(child);
    }
    for child in &mut node.body {
        visitor.visit_stmt(child);
    }
}

/// Visits the children of a [`Pattern`] in field order.
pub fn walk_pattern_mut<V: VisitorMut + ?Sized>(visitor: &mut V, node: &mut Pattern) {
    match node {
        Pattern::MatchValue(node) => {
            visitor.visit_expr(&mut node.value);
        }
        Pattern::MatchSequence(node) => {
            for child in &mut node.patterns {
                visitor.visit_pattern(child);
            }
        }
        Pattern::MatchMapping(node) => {
            for child in &mut node.keys {
                visitor.visit_expr(child);
            }
            for child in &mut node.patterns {
                visitor.visit_pattern(child);
            }
        }
        Pattern::MatchClass(node) => {
            visitor.visit_expr(&mut node.cls);
            for child in &mut node.patterns {
                visitor.visit_pattern(child);
            }
            for child in &mut node.kwd_patterns {
                visitor.visit_pattern(child);
            }
        }
        Pattern::MatchAs(node) => {
            if let Some(child) = &mut node.pattern {
                visitor.visit_pattern(child);
            }
        }
        Pattern::MatchOr(node) => {
            for child in &mut node.patterns {
                visitor.visit_pattern(child);
            }
        }
        Pattern::MatchSingleton(_) | Pattern::MatchStar(_) => {}
    }
}

/// Visits the children of a [`TypeIgnore`] in field order.
pub fn walk_type_ignore_mut<V: VisitorMut + ?Sized>(_visitor: &mut V, _node: &mut TypeIgnore) {}

/// Visits the children of a [`TypeParam`] in field order.
pub fn walk_type_param_mut<V: VisitorMut + ?Sized>(visitor: &mut V, node: &mut TypeParam) {
    match node {
        TypeParam::TypeVar(node) => {
            if let Some(child) = &mut node.bound {
                visitor.visit_expr(child);
            }
            if let Some(child) = &mut node.default_value {
                visitor.visit_expr(child);
            }
        }
        TypeParam::ParamSpec(node) => {
            if let Some(child) = &mut node.default_value {
                visitor.visit_expr(child);
            }
        }
        TypeParam::TypeVarTuple(node) => {
            if let Some(child) = &mut node.default_value {
                visitor.visit_expr(child);
            }
        }
    }
}
