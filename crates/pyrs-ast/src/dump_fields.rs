//! The dumper's view of every node: its class name, its fields in order, its location.
//!
//! Generated from ast.asdl by gen/rust.rs: do not edit by hand. Change ast.asdl (or the generator)
//! and run `cargo test -p pyrs-ast --test sourcegen`, which rewrites this file.

use crate::dump::{DumpNode, Field};
use crate::*;

impl DumpNode for Mod {
    fn class_name(&self) -> &'static str {
        Mod::class_name(self)
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        match self {
            Mod::Module(node) => node.fields(out),
            Mod::Interactive(node) => node.fields(out),
            Mod::Expression(node) => node.fields(out),
            Mod::FunctionType(node) => node.fields(out),
        }
    }
    fn location(&self) -> Option<&Location> {
        match self {
            Mod::Module(node) => node.location(),
            Mod::Interactive(node) => node.location(),
            Mod::Expression(node) => node.location(),
            Mod::FunctionType(node) => node.location(),
        }
    }
}

impl DumpNode for Stmt {
    fn class_name(&self) -> &'static str {
        Stmt::class_name(self)
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        match self {
            Stmt::FunctionDef(node) => node.fields(out),
            Stmt::AsyncFunctionDef(node) => node.fields(out),
            Stmt::ClassDef(node) => node.fields(out),
            Stmt::Return(node) => node.fields(out),
            Stmt::Delete(node) => node.fields(out),
            Stmt::Assign(node) => node.fields(out),
            Stmt::TypeAlias(node) => node.fields(out),
            Stmt::AugAssign(node) => node.fields(out),
            Stmt::AnnAssign(node) => node.fields(out),
            Stmt::For(node) => node.fields(out),
            Stmt::AsyncFor(node) => node.fields(out),
            Stmt::While(node) => node.fields(out),
            Stmt::If(node) => node.fields(out),
            Stmt::With(node) => node.fields(out),
            Stmt::AsyncWith(node) => node.fields(out),
            Stmt::Match(node) => node.fields(out),
            Stmt::Raise(node) => node.fields(out),
            Stmt::Try(node) => node.fields(out),
            Stmt::TryStar(node) => node.fields(out),
            Stmt::Assert(node) => node.fields(out),
            Stmt::Import(node) => node.fields(out),
            Stmt::ImportFrom(node) => node.fields(out),
            Stmt::Global(node) => node.fields(out),
            Stmt::Nonlocal(node) => node.fields(out),
            Stmt::Expr(node) => node.fields(out),
            Stmt::Pass(node) => node.fields(out),
            Stmt::Break(node) => node.fields(out),
            Stmt::Continue(node) => node.fields(out),
        }
    }
    fn location(&self) -> Option<&Location> {
        match self {
            Stmt::FunctionDef(node) => node.location(),
            Stmt::AsyncFunctionDef(node) => node.location(),
            Stmt::ClassDef(node) => node.location(),
            Stmt::Return(node) => node.location(),
            Stmt::Delete(node) => node.location(),
            Stmt::Assign(node) => node.location(),
            Stmt::TypeAlias(node) => node.location(),
            Stmt::AugAssign(node) => node.location(),
            Stmt::AnnAssign(node) => node.location(),
            Stmt::For(node) => node.location(),
            Stmt::AsyncFor(node) => node.location(),
            Stmt::While(node) => node.location(),
            Stmt::If(node) => node.location(),
            Stmt::With(node) => node.location(),
            Stmt::AsyncWith(node) => node.location(),
            Stmt::Match(node) => node.location(),
            Stmt::Raise(node) => node.location(),
            Stmt::Try(node) => node.location(),
            Stmt::TryStar(node) => node.location(),
            Stmt::Assert(node) => node.location(),
            Stmt::Import(node) => node.location(),
            Stmt::ImportFrom(node) => node.location(),
            Stmt::Global(node) => node.location(),
            Stmt::Nonlocal(node) => node.location(),
            Stmt::Expr(node) => node.location(),
            Stmt::Pass(node) => node.location(),
            Stmt::Break(node) => node.location(),
            Stmt::Continue(node) => node.location(),
        }
    }
}

impl DumpNode for Expr {
    fn class_name(&self) -> &'static str {
        Expr::class_name(self)
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        match self {
            Expr::BoolOp(node) => node.fields(out),
            Expr::NamedExpr(node) => node.fields(out),
            Expr::BinOp(node) => node.fields(out),
            Expr::UnaryOp(node) => node.fields(out),
            Expr::Lambda(node) => node.fields(out),
            Expr::IfExp(node) => node.fields(out),
            Expr::Dict(node) => node.fields(out),
            Expr::Set(node) => node.fields(out),
            Expr::ListComp(node) => node.fields(out),
            Expr::SetComp(node) => node.fields(out),
            Expr::DictComp(node) => node.fields(out),
            Expr::GeneratorExp(node) => node.fields(out),
            Expr::Await(node) => node.fields(out),
            Expr::Yield(node) => node.fields(out),
            Expr::YieldFrom(node) => node.fields(out),
            Expr::Compare(node) => node.fields(out),
            Expr::Call(node) => node.fields(out),
            Expr::FormattedValue(node) => node.fields(out),
            Expr::JoinedStr(node) => node.fields(out),
            Expr::Constant(node) => node.fields(out),
            Expr::Attribute(node) => node.fields(out),
            Expr::Subscript(node) => node.fields(out),
            Expr::Starred(node) => node.fields(out),
            Expr::Name(node) => node.fields(out),
            Expr::List(node) => node.fields(out),
            Expr::Tuple(node) => node.fields(out),
            Expr::Slice(node) => node.fields(out),
        }
    }
    fn location(&self) -> Option<&Location> {
        match self {
            Expr::BoolOp(node) => node.location(),
            Expr::NamedExpr(node) => node.location(),
            Expr::BinOp(node) => node.location(),
            Expr::UnaryOp(node) => node.location(),
            Expr::Lambda(node) => node.location(),
            Expr::IfExp(node) => node.location(),
            Expr::Dict(node) => node.location(),
            Expr::Set(node) => node.location(),
            Expr::ListComp(node) => node.location(),
            Expr::SetComp(node) => node.location(),
            Expr::DictComp(node) => node.location(),
            Expr::GeneratorExp(node) => node.location(),
            Expr::Await(node) => node.location(),
            Expr::Yield(node) => node.location(),
            Expr::YieldFrom(node) => node.location(),
            Expr::Compare(node) => node.location(),
            Expr::Call(node) => node.location(),
            Expr::FormattedValue(node) => node.location(),
            Expr::JoinedStr(node) => node.location(),
            Expr::Constant(node) => node.location(),
            Expr::Attribute(node) => node.location(),
            Expr::Subscript(node) => node.location(),
            Expr::Starred(node) => node.location(),
            Expr::Name(node) => node.location(),
            Expr::List(node) => node.location(),
            Expr::Tuple(node) => node.location(),
            Expr::Slice(node) => node.location(),
        }
    }
}

impl DumpNode for ExprContext {
    fn class_name(&self) -> &'static str {
        ExprContext::class_name(*self)
    }
    fn fields<'a>(&'a self, _out: &mut Vec<(&'static str, Field<'a>)>) {}
    fn location(&self) -> Option<&Location> {
        None
    }
}

impl DumpNode for BoolOp {
    fn class_name(&self) -> &'static str {
        BoolOp::class_name(*self)
    }
    fn fields<'a>(&'a self, _out: &mut Vec<(&'static str, Field<'a>)>) {}
    fn location(&self) -> Option<&Location> {
        None
    }
}

impl DumpNode for Operator {
    fn class_name(&self) -> &'static str {
        Operator::class_name(*self)
    }
    fn fields<'a>(&'a self, _out: &mut Vec<(&'static str, Field<'a>)>) {}
    fn location(&self) -> Option<&Location> {
        None
    }
}

impl DumpNode for UnaryOp {
    fn class_name(&self) -> &'static str {
        UnaryOp::class_name(*self)
    }
    fn fields<'a>(&'a self, _out: &mut Vec<(&'static str, Field<'a>)>) {}
    fn location(&self) -> Option<&Location> {
        None
    }
}

impl DumpNode for CmpOp {
    fn class_name(&self) -> &'static str {
        CmpOp::class_name(*self)
    }
    fn fields<'a>(&'a self, _out: &mut Vec<(&'static str, Field<'a>)>) {}
    fn location(&self) -> Option<&Location> {
        None
    }
}

impl DumpNode for Pattern {
    fn class_name(&self) -> &'static str {
        Pattern::class_name(self)
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        match self {
            Pattern::MatchValue(node) => node.fields(out),
            Pattern::MatchSingleton(node) => node.fields(out),
            Pattern::MatchSequence(node) => node.fields(out),
            Pattern::MatchMapping(node) => node.fields(out),
            Pattern::MatchClass(node) => node.fields(out),
            Pattern::MatchStar(node) => node.fields(out),
            Pattern::MatchAs(node) => node.fields(out),
            Pattern::MatchOr(node) => node.fields(out),
        }
    }
    fn location(&self) -> Option<&Location> {
        match self {
            Pattern::MatchValue(node) => node.location(),
            Pattern::MatchSingleton(node) => node.location(),
            Pattern::MatchSequence(node) => node.location(),
            Pattern::MatchMapping(node) => node.location(),
            Pattern::MatchClass(node) => node.location(),
            Pattern::MatchStar(node) => node.location(),
            Pattern::MatchAs(node) => node.location(),
            Pattern::MatchOr(node) => node.location(),
        }
    }
}

impl DumpNode for TypeParam {
    fn class_name(&self) -> &'static str {
        TypeParam::class_name(self)
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        match self {
            TypeParam::TypeVar(node) => node.fields(out),
            TypeParam::ParamSpec(node) => node.fields(out),
            TypeParam::TypeVarTuple(node) => node.fields(out),
        }
    }
    fn location(&self) -> Option<&Location> {
        match self {
            TypeParam::TypeVar(node) => node.location(),
            TypeParam::ParamSpec(node) => node.location(),
            TypeParam::TypeVarTuple(node) => node.location(),
        }
    }
}

impl DumpNode for ModModule {
    fn class_name(&self) -> &'static str {
        "Module"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("body", Field::List(&self.body)));
        out.push(("type_ignores", Field::List(&self.type_ignores)));
    }
    fn location(&self) -> Option<&Location> {
        None
    }
}

impl DumpNode for ModInteractive {
    fn class_name(&self) -> &'static str {
        "Interactive"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("body", Field::List(&self.body)));
    }
    fn location(&self) -> Option<&Location> {
        None
    }
}

impl DumpNode for ModExpression {
    fn class_name(&self) -> &'static str {
        "Expression"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("body", Field::Node(&self.body)));
    }
    fn location(&self) -> Option<&Location> {
        None
    }
}

impl DumpNode for ModFunctionType {
    fn class_name(&self) -> &'static str {
        "FunctionType"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("argtypes", Field::List(&self.argtypes)));
        out.push(("returns", Field::Node(&self.returns)));
    }
    fn location(&self) -> Option<&Location> {
        None
    }
}

impl DumpNode for StmtFunctionDef {
    fn class_name(&self) -> &'static str {
        "FunctionDef"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("name", Field::Identifier(&self.name)));
        out.push(("args", Field::Node(&self.args)));
        out.push(("body", Field::List(&self.body)));
        out.push(("decorator_list", Field::List(&self.decorator_list)));
        out.push(("returns", Field::opt_node(self.returns.as_ref())));
        out.push(("type_comment", Field::opt_str(self.type_comment.as_deref())));
        out.push(("type_params", Field::List(&self.type_params)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for StmtAsyncFunctionDef {
    fn class_name(&self) -> &'static str {
        "AsyncFunctionDef"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("name", Field::Identifier(&self.name)));
        out.push(("args", Field::Node(&self.args)));
        out.push(("body", Field::List(&self.body)));
        out.push(("decorator_list", Field::List(&self.decorator_list)));
        out.push(("returns", Field::opt_node(self.returns.as_ref())));
        out.push(("type_comment", Field::opt_str(self.type_comment.as_deref())));
        out.push(("type_params", Field::List(&self.type_params)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for StmtClassDef {
    fn class_name(&self) -> &'static str {
        "ClassDef"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("name", Field::Identifier(&self.name)));
        out.push(("bases", Field::List(&self.bases)));
        out.push(("keywords", Field::List(&self.keywords)));
        out.push(("body", Field::List(&self.body)));
        out.push(("decorator_list", Field::List(&self.decorator_list)));
        out.push(("type_params", Field::List(&self.type_params)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for StmtReturn {
    fn class_name(&self) -> &'static str {
        "Return"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("value", Field::opt_node(self.value.as_ref())));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for StmtDelete {
    fn class_name(&self) -> &'static str {
        "Delete"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("targets", Field::List(&self.targets)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for StmtAssign {
    fn class_name(&self) -> &'static str {
        "Assign"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("targets", Field::List(&self.targets)));
        out.push(("value", Field::Node(&self.value)));
        out.push(("type_comment", Field::opt_str(self.type_comment.as_deref())));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for StmtTypeAlias {
    fn class_name(&self) -> &'static str {
        "TypeAlias"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("name", Field::Node(&self.name)));
        out.push(("type_params", Field::List(&self.type_params)));
        out.push(("value", Field::Node(&self.value)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for StmtAugAssign {
    fn class_name(&self) -> &'static str {
        "AugAssign"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("target", Field::Node(&self.target)));
        out.push(("op", Field::Node(&self.op)));
        out.push(("value", Field::Node(&self.value)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for StmtAnnAssign {
    fn class_name(&self) -> &'static str {
        "AnnAssign"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("target", Field::Node(&self.target)));
        out.push(("annotation", Field::Node(&self.annotation)));
        out.push(("value", Field::opt_node(self.value.as_ref())));
        out.push(("simple", Field::Int(i64::from(self.simple))));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for StmtFor {
    fn class_name(&self) -> &'static str {
        "For"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("target", Field::Node(&self.target)));
        out.push(("iter", Field::Node(&self.iter)));
        out.push(("body", Field::List(&self.body)));
        out.push(("orelse", Field::List(&self.orelse)));
        out.push(("type_comment", Field::opt_str(self.type_comment.as_deref())));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for StmtAsyncFor {
    fn class_name(&self) -> &'static str {
        "AsyncFor"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("target", Field::Node(&self.target)));
        out.push(("iter", Field::Node(&self.iter)));
        out.push(("body", Field::List(&self.body)));
        out.push(("orelse", Field::List(&self.orelse)));
        out.push(("type_comment", Field::opt_str(self.type_comment.as_deref())));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for StmtWhile {
    fn class_name(&self) -> &'static str {
        "While"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("test", Field::Node(&self.test)));
        out.push(("body", Field::List(&self.body)));
        out.push(("orelse", Field::List(&self.orelse)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for StmtIf {
    fn class_name(&self) -> &'static str {
        "If"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("test", Field::Node(&self.test)));
        out.push(("body", Field::List(&self.body)));
        out.push(("orelse", Field::List(&self.orelse)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for StmtWith {
    fn class_name(&self) -> &'static str {
        "With"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("items", Field::List(&self.items)));
        out.push(("body", Field::List(&self.body)));
        out.push(("type_comment", Field::opt_str(self.type_comment.as_deref())));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for StmtAsyncWith {
    fn class_name(&self) -> &'static str {
        "AsyncWith"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("items", Field::List(&self.items)));
        out.push(("body", Field::List(&self.body)));
        out.push(("type_comment", Field::opt_str(self.type_comment.as_deref())));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for StmtMatch {
    fn class_name(&self) -> &'static str {
        "Match"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("subject", Field::Node(&self.subject)));
        out.push(("cases", Field::List(&self.cases)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for StmtRaise {
    fn class_name(&self) -> &'static str {
        "Raise"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("exc", Field::opt_node(self.exc.as_ref())));
        out.push(("cause", Field::opt_node(self.cause.as_ref())));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for StmtTry {
    fn class_name(&self) -> &'static str {
        "Try"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("body", Field::List(&self.body)));
        out.push(("handlers", Field::List(&self.handlers)));
        out.push(("orelse", Field::List(&self.orelse)));
        out.push(("finalbody", Field::List(&self.finalbody)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for StmtTryStar {
    fn class_name(&self) -> &'static str {
        "TryStar"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("body", Field::List(&self.body)));
        out.push(("handlers", Field::List(&self.handlers)));
        out.push(("orelse", Field::List(&self.orelse)));
        out.push(("finalbody", Field::List(&self.finalbody)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for StmtAssert {
    fn class_name(&self) -> &'static str {
        "Assert"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("test", Field::Node(&self.test)));
        out.push(("msg", Field::opt_node(self.msg.as_ref())));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for StmtImport {
    fn class_name(&self) -> &'static str {
        "Import"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("names", Field::List(&self.names)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for StmtImportFrom {
    fn class_name(&self) -> &'static str {
        "ImportFrom"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("module", Field::opt_identifier(self.module.as_ref())));
        out.push(("names", Field::List(&self.names)));
        out.push(("level", Field::opt_int(self.level)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for StmtGlobal {
    fn class_name(&self) -> &'static str {
        "Global"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("names", Field::List(&self.names)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for StmtNonlocal {
    fn class_name(&self) -> &'static str {
        "Nonlocal"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("names", Field::List(&self.names)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for StmtExpr {
    fn class_name(&self) -> &'static str {
        "Expr"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("value", Field::Node(&self.value)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for StmtPass {
    fn class_name(&self) -> &'static str {
        "Pass"
    }
    fn fields<'a>(&'a self, _out: &mut Vec<(&'static str, Field<'a>)>) {}
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for StmtBreak {
    fn class_name(&self) -> &'static str {
        "Break"
    }
    fn fields<'a>(&'a self, _out: &mut Vec<(&'static str, Field<'a>)>) {}
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for StmtContinue {
    fn class_name(&self) -> &'static str {
        "Continue"
    }
    fn fields<'a>(&'a self, _out: &mut Vec<(&'static str, Field<'a>)>) {}
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for ExprBoolOp {
    fn class_name(&self) -> &'static str {
        "BoolOp"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("op", Field::Node(&self.op)));
        out.push(("values", Field::List(&self.values)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for ExprNamedExpr {
    fn class_name(&self) -> &'static str {
        "NamedExpr"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("target", Field::Node(&self.target)));
        out.push(("value", Field::Node(&self.value)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for ExprBinOp {
    fn class_name(&self) -> &'static str {
        "BinOp"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("left", Field::Node(&self.left)));
        out.push(("op", Field::Node(&self.op)));
        out.push(("right", Field::Node(&self.right)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for ExprUnaryOp {
    fn class_name(&self) -> &'static str {
        "UnaryOp"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("op", Field::Node(&self.op)));
        out.push(("operand", Field::Node(&self.operand)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for ExprLambda {
    fn class_name(&self) -> &'static str {
        "Lambda"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("args", Field::Node(&self.args)));
        out.push(("body", Field::Node(&self.body)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for ExprIfExp {
    fn class_name(&self) -> &'static str {
        "IfExp"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("test", Field::Node(&self.test)));
        out.push(("body", Field::Node(&self.body)));
        out.push(("orelse", Field::Node(&self.orelse)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for ExprDict {
    fn class_name(&self) -> &'static str {
        "Dict"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("keys", Field::List(&self.keys)));
        out.push(("values", Field::List(&self.values)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for ExprSet {
    fn class_name(&self) -> &'static str {
        "Set"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("elts", Field::List(&self.elts)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for ExprListComp {
    fn class_name(&self) -> &'static str {
        "ListComp"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("elt", Field::Node(&self.elt)));
        out.push(("generators", Field::List(&self.generators)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for ExprSetComp {
    fn class_name(&self) -> &'static str {
        "SetComp"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("elt", Field::Node(&self.elt)));
        out.push(("generators", Field::List(&self.generators)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for ExprDictComp {
    fn class_name(&self) -> &'static str {
        "DictComp"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("key", Field::Node(&self.key)));
        out.push(("value", Field::Node(&self.value)));
        out.push(("generators", Field::List(&self.generators)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for ExprGeneratorExp {
    fn class_name(&self) -> &'static str {
        "GeneratorExp"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("elt", Field::Node(&self.elt)));
        out.push(("generators", Field::List(&self.generators)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for ExprAwait {
    fn class_name(&self) -> &'static str {
        "Await"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("value", Field::Node(&self.value)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for ExprYield {
    fn class_name(&self) -> &'static str {
        "Yield"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("value", Field::opt_node(self.value.as_ref())));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for ExprYieldFrom {
    fn class_name(&self) -> &'static str {
        "YieldFrom"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("value", Field::Node(&self.value)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for ExprCompare {
    fn class_name(&self) -> &'static str {
        "Compare"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("left", Field::Node(&self.left)));
        out.push(("ops", Field::List(&self.ops)));
        out.push(("comparators", Field::List(&self.comparators)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for ExprCall {
    fn class_name(&self) -> &'static str {
        "Call"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("func", Field::Node(&self.func)));
        out.push(("args", Field::List(&self.args)));
        out.push(("keywords", Field::List(&self.keywords)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for ExprFormattedValue {
    fn class_name(&self) -> &'static str {
        "FormattedValue"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("value", Field::Node(&self.value)));
        out.push(("conversion", Field::Int(i64::from(self.conversion))));
        out.push(("format_spec", Field::opt_node(self.format_spec.as_ref())));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for ExprJoinedStr {
    fn class_name(&self) -> &'static str {
        "JoinedStr"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("values", Field::List(&self.values)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for ExprConstant {
    fn class_name(&self) -> &'static str {
        "Constant"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("value", Field::Constant(&self.value)));
        out.push(("kind", Field::opt_str(self.kind.as_deref())));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for ExprAttribute {
    fn class_name(&self) -> &'static str {
        "Attribute"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("value", Field::Node(&self.value)));
        out.push(("attr", Field::Identifier(&self.attr)));
        out.push(("ctx", Field::Node(&self.ctx)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for ExprSubscript {
    fn class_name(&self) -> &'static str {
        "Subscript"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("value", Field::Node(&self.value)));
        out.push(("slice", Field::Node(&self.slice)));
        out.push(("ctx", Field::Node(&self.ctx)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for ExprStarred {
    fn class_name(&self) -> &'static str {
        "Starred"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("value", Field::Node(&self.value)));
        out.push(("ctx", Field::Node(&self.ctx)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for ExprName {
    fn class_name(&self) -> &'static str {
        "Name"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("id", Field::Identifier(&self.id)));
        out.push(("ctx", Field::Node(&self.ctx)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for ExprList {
    fn class_name(&self) -> &'static str {
        "List"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("elts", Field::List(&self.elts)));
        out.push(("ctx", Field::Node(&self.ctx)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for ExprTuple {
    fn class_name(&self) -> &'static str {
        "Tuple"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("elts", Field::List(&self.elts)));
        out.push(("ctx", Field::Node(&self.ctx)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for ExprSlice {
    fn class_name(&self) -> &'static str {
        "Slice"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("lower", Field::opt_node(self.lower.as_ref())));
        out.push(("upper", Field::opt_node(self.upper.as_ref())));
        out.push(("step", Field::opt_node(self.step.as_ref())));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for Comprehension {
    fn class_name(&self) -> &'static str {
        "comprehension"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("target", Field::Node(&self.target)));
        out.push(("iter", Field::Node(&self.iter)));
        out.push(("ifs", Field::List(&self.ifs)));
        out.push(("is_async", Field::Int(i64::from(self.is_async))));
    }
    fn location(&self) -> Option<&Location> {
        None
    }
}

impl DumpNode for ExceptHandler {
    fn class_name(&self) -> &'static str {
        "ExceptHandler"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("type", Field::opt_node(self.type_.as_ref())));
        out.push(("name", Field::opt_identifier(self.name.as_ref())));
        out.push(("body", Field::List(&self.body)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for Arguments {
    fn class_name(&self) -> &'static str {
        "arguments"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("posonlyargs", Field::List(&self.posonlyargs)));
        out.push(("args", Field::List(&self.args)));
        out.push(("vararg", Field::opt_node(self.vararg.as_ref())));
        out.push(("kwonlyargs", Field::List(&self.kwonlyargs)));
        out.push(("kw_defaults", Field::List(&self.kw_defaults)));
        out.push(("kwarg", Field::opt_node(self.kwarg.as_ref())));
        out.push(("defaults", Field::List(&self.defaults)));
    }
    fn location(&self) -> Option<&Location> {
        None
    }
}

impl DumpNode for Arg {
    fn class_name(&self) -> &'static str {
        "arg"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("arg", Field::Identifier(&self.arg)));
        out.push(("annotation", Field::opt_node(self.annotation.as_ref())));
        out.push(("type_comment", Field::opt_str(self.type_comment.as_deref())));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for Keyword {
    fn class_name(&self) -> &'static str {
        "keyword"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("arg", Field::opt_identifier(self.arg.as_ref())));
        out.push(("value", Field::Node(&self.value)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for Alias {
    fn class_name(&self) -> &'static str {
        "alias"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("name", Field::Identifier(&self.name)));
        out.push(("asname", Field::opt_identifier(self.asname.as_ref())));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for WithItem {
    fn class_name(&self) -> &'static str {
        "withitem"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("context_expr", Field::Node(&self.context_expr)));
        out.push((
            "optional_vars",
            Field::opt_node(self.optional_vars.as_ref()),
        ));
    }
    fn location(&self) -> Option<&Location> {
        None
    }
}

impl DumpNode for MatchCase {
    fn class_name(&self) -> &'static str {
        "match_case"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("pattern", Field::Node(&self.pattern)));
        out.push(("guard", Field::opt_node(self.guard.as_ref())));
        out.push(("body", Field::List(&self.body)));
    }
    fn location(&self) -> Option<&Location> {
        None
    }
}

impl DumpNode for PatternMatchValue {
    fn class_name(&self) -> &'static str {
        "MatchValue"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("value", Field::Node(&self.value)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for PatternMatchSingleton {
    fn class_name(&self) -> &'static str {
        "MatchSingleton"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("value", Field::Constant(&self.value)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for PatternMatchSequence {
    fn class_name(&self) -> &'static str {
        "MatchSequence"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("patterns", Field::List(&self.patterns)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for PatternMatchMapping {
    fn class_name(&self) -> &'static str {
        "MatchMapping"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("keys", Field::List(&self.keys)));
        out.push(("patterns", Field::List(&self.patterns)));
        out.push(("rest", Field::opt_identifier(self.rest.as_ref())));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for PatternMatchClass {
    fn class_name(&self) -> &'static str {
        "MatchClass"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("cls", Field::Node(&self.cls)));
        out.push(("patterns", Field::List(&self.patterns)));
        out.push(("kwd_attrs", Field::List(&self.kwd_attrs)));
        out.push(("kwd_patterns", Field::List(&self.kwd_patterns)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for PatternMatchStar {
    fn class_name(&self) -> &'static str {
        "MatchStar"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("name", Field::opt_identifier(self.name.as_ref())));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for PatternMatchAs {
    fn class_name(&self) -> &'static str {
        "MatchAs"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("pattern", Field::opt_node(self.pattern.as_ref())));
        out.push(("name", Field::opt_identifier(self.name.as_ref())));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for PatternMatchOr {
    fn class_name(&self) -> &'static str {
        "MatchOr"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("patterns", Field::List(&self.patterns)));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for TypeIgnore {
    fn class_name(&self) -> &'static str {
        "TypeIgnore"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("lineno", Field::Int(i64::from(self.lineno))));
        out.push(("tag", Field::Str(&self.tag)));
    }
    fn location(&self) -> Option<&Location> {
        None
    }
}

impl DumpNode for TypeParamTypeVar {
    fn class_name(&self) -> &'static str {
        "TypeVar"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("name", Field::Identifier(&self.name)));
        out.push(("bound", Field::opt_node(self.bound.as_ref())));
        out.push((
            "default_value",
            Field::opt_node(self.default_value.as_ref()),
        ));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for TypeParamParamSpec {
    fn class_name(&self) -> &'static str {
        "ParamSpec"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("name", Field::Identifier(&self.name)));
        out.push((
            "default_value",
            Field::opt_node(self.default_value.as_ref()),
        ));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}

impl DumpNode for TypeParamTypeVarTuple {
    fn class_name(&self) -> &'static str {
        "TypeVarTuple"
    }
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {
        out.push(("name", Field::Identifier(&self.name)));
        out.push((
            "default_value",
            Field::opt_node(self.default_value.as_ref()),
        ));
    }
    fn location(&self) -> Option<&Location> {
        Some(&self.loc)
    }
}
