//! Typed nodes from the generic tree of a parsed `ast.dump` text, one function per ASDL type.
//!
//! Generated from ast.asdl by gen/rust.rs: do not edit by hand. Change ast.asdl (or the generator)
//! and run `cargo test -p pyrs-ast --test sourcegen`, which rewrites this file.

use super::dump_syntax::{Fields, Value};
use pyrs_ast::*;

/// Reads a [`Mod`] (ASDL `mod`).
pub(crate) fn read_mod(value: &Value) -> Result<Mod, String> {
    let mut fields = Fields::new(value)?;
    let node = match fields.class() {
        "Module" => Mod::from(ModModule {
            body: fields.list("body", read_stmt)?,
            type_ignores: fields.list("type_ignores", read_type_ignore)?,
        }),
        "Interactive" => Mod::from(ModInteractive {
            body: fields.list("body", read_stmt)?,
        }),
        "Expression" => Mod::from(ModExpression {
            body: fields.one("body", read_expr)?,
        }),
        "FunctionType" => Mod::from(ModFunctionType {
            argtypes: fields.list("argtypes", read_expr)?,
            returns: fields.one("returns", read_expr)?,
        }),
        other => return Err(format!("expected a mod, found {other}")),
    };
    fields.finish()?;
    Ok(node)
}

/// Reads a [`Stmt`] (ASDL `stmt`).
pub(crate) fn read_stmt(value: &Value) -> Result<Stmt, String> {
    let mut fields = Fields::new(value)?;
    let node = match fields.class() {
        "FunctionDef" => Stmt::from(StmtFunctionDef {
            name: fields.identifier("name")?,
            args: fields.one("args", read_arguments)?,
            body: fields.list("body", read_stmt)?,
            decorator_list: fields.list("decorator_list", read_expr)?,
            returns: fields.opt("returns", read_expr)?,
            type_comment: fields.opt_string("type_comment")?,
            type_params: fields.list("type_params", read_type_param)?,
            loc: fields.location()?,
        }),
        "AsyncFunctionDef" => Stmt::from(StmtAsyncFunctionDef {
            name: fields.identifier("name")?,
            args: fields.one("args", read_arguments)?,
            body: fields.list("body", read_stmt)?,
            decorator_list: fields.list("decorator_list", read_expr)?,
            returns: fields.opt("returns", read_expr)?,
            type_comment: fields.opt_string("type_comment")?,
            type_params: fields.list("type_params", read_type_param)?,
            loc: fields.location()?,
        }),
        "ClassDef" => Stmt::from(StmtClassDef {
            name: fields.identifier("name")?,
            bases: fields.list("bases", read_expr)?,
            keywords: fields.list("keywords", read_keyword)?,
            body: fields.list("body", read_stmt)?,
            decorator_list: fields.list("decorator_list", read_expr)?,
            type_params: fields.list("type_params", read_type_param)?,
            loc: fields.location()?,
        }),
        "Return" => Stmt::from(StmtReturn {
            value: fields.opt("value", read_expr)?,
            loc: fields.location()?,
        }),
        "Delete" => Stmt::from(StmtDelete {
            targets: fields.list("targets", read_expr)?,
            loc: fields.location()?,
        }),
        "Assign" => Stmt::from(StmtAssign {
            targets: fields.list("targets", read_expr)?,
            value: fields.one("value", read_expr)?,
            type_comment: fields.opt_string("type_comment")?,
            loc: fields.location()?,
        }),
        "TypeAlias" => Stmt::from(StmtTypeAlias {
            name: fields.one("name", read_expr)?,
            type_params: fields.list("type_params", read_type_param)?,
            value: fields.one("value", read_expr)?,
            loc: fields.location()?,
        }),
        "AugAssign" => Stmt::from(StmtAugAssign {
            target: fields.one("target", read_expr)?,
            op: fields.one("op", read_operator)?,
            value: fields.one("value", read_expr)?,
            loc: fields.location()?,
        }),
        "AnnAssign" => Stmt::from(StmtAnnAssign {
            target: fields.one("target", read_expr)?,
            annotation: fields.one("annotation", read_expr)?,
            value: fields.opt("value", read_expr)?,
            simple: fields.int("simple")?,
            loc: fields.location()?,
        }),
        "For" => Stmt::from(StmtFor {
            target: fields.one("target", read_expr)?,
            iter: fields.one("iter", read_expr)?,
            body: fields.list("body", read_stmt)?,
            orelse: fields.list("orelse", read_stmt)?,
            type_comment: fields.opt_string("type_comment")?,
            loc: fields.location()?,
        }),
        "AsyncFor" => Stmt::from(StmtAsyncFor {
            target: fields.one("target", read_expr)?,
            iter: fields.one("iter", read_expr)?,
            body: fields.list("body", read_stmt)?,
            orelse: fields.list("orelse", read_stmt)?,
            type_comment: fields.opt_string("type_comment")?,
            loc: fields.location()?,
        }),
        "While" => Stmt::from(StmtWhile {
            test: fields.one("test", read_expr)?,
            body: fields.list("body", read_stmt)?,
            orelse: fields.list("orelse", read_stmt)?,
            loc: fields.location()?,
        }),
        "If" => Stmt::from(StmtIf {
            test: fields.one("test", read_expr)?,
            body: fields.list("body", read_stmt)?,
            orelse: fields.list("orelse", read_stmt)?,
            loc: fields.location()?,
        }),
        "With" => Stmt::from(StmtWith {
            items: fields.list("items", read_withitem)?,
            body: fields.list("body", read_stmt)?,
            type_comment: fields.opt_string("type_comment")?,
            loc: fields.location()?,
        }),
        "AsyncWith" => Stmt::from(StmtAsyncWith {
            items: fields.list("items", read_withitem)?,
            body: fields.list("body", read_stmt)?,
            type_comment: fields.opt_string("type_comment")?,
            loc: fields.location()?,
        }),
        "Match" => Stmt::from(StmtMatch {
            subject: fields.one("subject", read_expr)?,
            cases: fields.list("cases", read_match_case)?,
            loc: fields.location()?,
        }),
        "Raise" => Stmt::from(StmtRaise {
            exc: fields.opt("exc", read_expr)?,
            cause: fields.opt("cause", read_expr)?,
            loc: fields.location()?,
        }),
        "Try" => Stmt::from(StmtTry {
            body: fields.list("body", read_stmt)?,
            handlers: fields.list("handlers", read_excepthandler)?,
            orelse: fields.list("orelse", read_stmt)?,
            finalbody: fields.list("finalbody", read_stmt)?,
            loc: fields.location()?,
        }),
        "TryStar" => Stmt::from(StmtTryStar {
            body: fields.list("body", read_stmt)?,
            handlers: fields.list("handlers", read_excepthandler)?,
            orelse: fields.list("orelse", read_stmt)?,
            finalbody: fields.list("finalbody", read_stmt)?,
            loc: fields.location()?,
        }),
        "Assert" => Stmt::from(StmtAssert {
            test: fields.one("test", read_expr)?,
            msg: fields.opt("msg", read_expr)?,
            loc: fields.location()?,
        }),
        "Import" => Stmt::from(StmtImport {
            names: fields.list("names", read_alias)?,
            loc: fields.location()?,
        }),
        "ImportFrom" => Stmt::from(StmtImportFrom {
            module: fields.opt_identifier("module")?,
            names: fields.list("names", read_alias)?,
            level: fields.opt_int("level")?,
            loc: fields.location()?,
        }),
        "Global" => Stmt::from(StmtGlobal {
            names: fields.identifiers("names")?,
            loc: fields.location()?,
        }),
        "Nonlocal" => Stmt::from(StmtNonlocal {
            names: fields.identifiers("names")?,
            loc: fields.location()?,
        }),
        "Expr" => Stmt::from(StmtExpr {
            value: fields.one("value", read_expr)?,
            loc: fields.location()?,
        }),
        "Pass" => Stmt::from(StmtPass {
            loc: fields.location()?,
        }),
        "Break" => Stmt::from(StmtBreak {
            loc: fields.location()?,
        }),
        "Continue" => Stmt::from(StmtContinue {
            loc: fields.location()?,
        }),
        other => return Err(format!("expected a stmt, found {other}")),
    };
    fields.finish()?;
    Ok(node)
}

/// Reads an [`Expr`] (ASDL `expr`).
pub(crate) fn read_expr(value: &Value) -> Result<Expr, String> {
    let mut fields = Fields::new(value)?;
    let node = match fields.class() {
        "BoolOp" => Expr::from(ExprBoolOp {
            op: fields.one("op", read_boolop)?,
            values: fields.list("values", read_expr)?,
            loc: fields.location()?,
        }),
        "NamedExpr" => Expr::from(ExprNamedExpr {
            target: fields.one("target", read_expr)?,
            value: fields.one("value", read_expr)?,
            loc: fields.location()?,
        }),
        "BinOp" => Expr::from(ExprBinOp {
            left: fields.one("left", read_expr)?,
            op: fields.one("op", read_operator)?,
            right: fields.one("right", read_expr)?,
            loc: fields.location()?,
        }),
        "UnaryOp" => Expr::from(ExprUnaryOp {
            op: fields.one("op", read_unaryop)?,
            operand: fields.one("operand", read_expr)?,
            loc: fields.location()?,
        }),
        "Lambda" => Expr::from(ExprLambda {
            args: fields.one("args", read_arguments)?,
            body: fields.one("body", read_expr)?,
            loc: fields.location()?,
        }),
        "IfExp" => Expr::from(ExprIfExp {
            test: fields.one("test", read_expr)?,
            body: fields.one("body", read_expr)?,
            orelse: fields.one("orelse", read_expr)?,
            loc: fields.location()?,
        }),
        "Dict" => Expr::from(ExprDict {
            keys: fields.opt_list("keys", read_expr)?,
            values: fields.list("values", read_expr)?,
            loc: fields.location()?,
        }),
        "Set" => Expr::from(ExprSet {
            elts: fields.list("elts", read_expr)?,
            loc: fields.location()?,
        }),
        "ListComp" => Expr::from(ExprListComp {
            elt: fields.one("elt", read_expr)?,
            generators: fields.list("generators", read_comprehension)?,
            loc: fields.location()?,
        }),
        "SetComp" => Expr::from(ExprSetComp {
            elt: fields.one("elt", read_expr)?,
            generators: fields.list("generators", read_comprehension)?,
            loc: fields.location()?,
        }),
        "DictComp" => Expr::from(ExprDictComp {
            key: fields.one("key", read_expr)?,
            value: fields.one("value", read_expr)?,
            generators: fields.list("generators", read_comprehension)?,
            loc: fields.location()?,
        }),
        "GeneratorExp" => Expr::from(ExprGeneratorExp {
            elt: fields.one("elt", read_expr)?,
            generators: fields.list("generators", read_comprehension)?,
            loc: fields.location()?,
        }),
        "Await" => Expr::from(ExprAwait {
            value: fields.one("value", read_expr)?,
            loc: fields.location()?,
        }),
        "Yield" => Expr::from(ExprYield {
            value: fields.opt("value", read_expr)?,
            loc: fields.location()?,
        }),
        "YieldFrom" => Expr::from(ExprYieldFrom {
            value: fields.one("value", read_expr)?,
            loc: fields.location()?,
        }),
        "Compare" => Expr::from(ExprCompare {
            left: fields.one("left", read_expr)?,
            ops: fields.list("ops", read_cmpop)?,
            comparators: fields.list("comparators", read_expr)?,
            loc: fields.location()?,
        }),
        "Call" => Expr::from(ExprCall {
            func: fields.one("func", read_expr)?,
            args: fields.list("args", read_expr)?,
            keywords: fields.list("keywords", read_keyword)?,
            loc: fields.location()?,
        }),
        "FormattedValue" => Expr::from(ExprFormattedValue {
            value: fields.one("value", read_expr)?,
            conversion: fields.int("conversion")?,
            format_spec: fields.opt("format_spec", read_expr)?,
            loc: fields.location()?,
        }),
        "JoinedStr" => Expr::from(ExprJoinedStr {
            values: fields.list("values", read_expr)?,
            loc: fields.location()?,
        }),
        "Constant" => Expr::from(ExprConstant {
            value: fields.constant("value")?,
            kind: fields.opt_string("kind")?,
            loc: fields.location()?,
        }),
        "Attribute" => Expr::from(ExprAttribute {
            value: fields.one("value", read_expr)?,
            attr: fields.identifier("attr")?,
            ctx: fields.one("ctx", read_expr_context)?,
            loc: fields.location()?,
        }),
        "Subscript" => Expr::from(ExprSubscript {
            value: fields.one("value", read_expr)?,
            slice: fields.one("slice", read_expr)?,
            ctx: fields.one("ctx", read_expr_context)?,
            loc: fields.location()?,
        }),
        "Starred" => Expr::from(ExprStarred {
            value: fields.one("value", read_expr)?,
            ctx: fields.one("ctx", read_expr_context)?,
            loc: fields.location()?,
        }),
        "Name" => Expr::from(ExprName {
            id: fields.identifier("id")?,
            ctx: fields.one("ctx", read_expr_context)?,
            loc: fields.location()?,
        }),
        "List" => Expr::from(ExprList {
            elts: fields.list("elts", read_expr)?,
            ctx: fields.one("ctx", read_expr_context)?,
            loc: fields.location()?,
        }),
        "Tuple" => Expr::from(ExprTuple {
            elts: fields.list("elts", read_expr)?,
            ctx: fields.one("ctx", read_expr_context)?,
            loc: fields.location()?,
        }),
        "Slice" => Expr::from(ExprSlice {
            lower: fields.opt("lower", read_expr)?,
            upper: fields.opt("upper", read_expr)?,
            step: fields.opt("step", read_expr)?,
            loc: fields.location()?,
        }),
        other => return Err(format!("expected a expr, found {other}")),
    };
    fields.finish()?;
    Ok(node)
}

/// Reads an [`ExprContext`] (ASDL `expr_context`).
pub(crate) fn read_expr_context(value: &Value) -> Result<ExprContext, String> {
    let fields = Fields::new(value)?;
    let node = match fields.class() {
        "Load" => ExprContext::Load,
        "Store" => ExprContext::Store,
        "Del" => ExprContext::Del,
        other => return Err(format!("expected a expr_context, found {other}")),
    };
    fields.finish()?;
    Ok(node)
}

/// Reads a [`BoolOp`] (ASDL `boolop`).
pub(crate) fn read_boolop(value: &Value) -> Result<BoolOp, String> {
    let fields = Fields::new(value)?;
    let node = match fields.class() {
        "And" => BoolOp::And,
        "Or" => BoolOp::Or,
        other => return Err(format!("expected a boolop, found {other}")),
    };
    fields.finish()?;
    Ok(node)
}

/// Reads an [`Operator`] (ASDL `operator`).
pub(crate) fn read_operator(value: &Value) -> Result<Operator, String> {
    let fields = Fields::new(value)?;
    let node = match fields.class() {
        "Add" => Operator::Add,
        "Sub" => Operator::Sub,
        "Mult" => Operator::Mult,
        "MatMult" => Operator::MatMult,
        "Div" => Operator::Div,
        "Mod" => Operator::Mod,
        "Pow" => Operator::Pow,
        "LShift" => Operator::LShift,
        "RShift" => Operator::RShift,
        "BitOr" => Operator::BitOr,
        "BitXor" => Operator::BitXor,
        "BitAnd" => Operator::BitAnd,
        "FloorDiv" => Operator::FloorDiv,
        other => return Err(format!("expected a operator, found {other}")),
    };
    fields.finish()?;
    Ok(node)
}

/// Reads an [`UnaryOp`] (ASDL `unaryop`).
pub(crate) fn read_unaryop(value: &Value) -> Result<UnaryOp, String> {
    let fields = Fields::new(value)?;
    let node = match fields.class() {
        "Invert" => UnaryOp::Invert,
        "Not" => UnaryOp::Not,
        "UAdd" => UnaryOp::UAdd,
        "USub" => UnaryOp::USub,
        other => return Err(format!("expected a unaryop, found {other}")),
    };
    fields.finish()?;
    Ok(node)
}

/// Reads a [`CmpOp`] (ASDL `cmpop`).
pub(crate) fn read_cmpop(value: &Value) -> Result<CmpOp, String> {
    let fields = Fields::new(value)?;
    let node = match fields.class() {
        "Eq" => CmpOp::Eq,
        "NotEq" => CmpOp::NotEq,
        "Lt" => CmpOp::Lt,
        "LtE" => CmpOp::LtE,
        "Gt" => CmpOp::Gt,
        "GtE" => CmpOp::GtE,
        "Is" => CmpOp::Is,
        "IsNot" => CmpOp::IsNot,
        "In" => CmpOp::In,
        "NotIn" => CmpOp::NotIn,
        other => return Err(format!("expected a cmpop, found {other}")),
    };
    fields.finish()?;
    Ok(node)
}

/// Reads a [`Comprehension`] (ASDL `comprehension`).
pub(crate) fn read_comprehension(value: &Value) -> Result<Comprehension, String> {
    let mut fields = Fields::new(value)?;
    fields.expect_class("comprehension")?;
    let node = Comprehension {
        target: fields.one("target", read_expr)?,
        iter: fields.one("iter", read_expr)?,
        ifs: fields.list("ifs", read_expr)?,
        is_async: fields.int("is_async")?,
    };
    fields.finish()?;
    Ok(node)
}

/// Reads an [`ExceptHandler`] (ASDL `excepthandler`).
pub(crate) fn read_excepthandler(value: &Value) -> Result<ExceptHandler, String> {
    let mut fields = Fields::new(value)?;
    fields.expect_class("ExceptHandler")?;
    let node = ExceptHandler {
        type_: fields.opt("type", read_expr)?,
        name: fields.opt_identifier("name")?,
        body: fields.list("body", read_stmt)?,
        loc: fields.location()?,
    };
    fields.finish()?;
    Ok(node)
}

/// Reads an [`Arguments`] (ASDL `arguments`).
pub(crate) fn read_arguments(value: &Value) -> Result<Arguments, String> {
    let mut fields = Fields::new(value)?;
    fields.expect_class("arguments")?;
    let node = Arguments {
        posonlyargs: fields.list("posonlyargs", read_arg)?,
        args: fields.list("args", read_arg)?,
        vararg: fields.opt("vararg", read_arg)?,
        kwonlyargs: fields.list("kwonlyargs", read_arg)?,
        kw_defaults: fields.opt_list("kw_defaults", read_expr)?,
        kwarg: fields.opt("kwarg", read_arg)?,
        defaults: fields.list("defaults", read_expr)?,
    };
    fields.finish()?;
    Ok(node)
}

/// Reads an [`Arg`] (ASDL `arg`).
pub(crate) fn read_arg(value: &Value) -> Result<Arg, String> {
    let mut fields = Fields::new(value)?;
    fields.expect_class("arg")?;
    let node = Arg {
        arg: fields.identifier("arg")?,
        annotation: fields.opt("annotation", read_expr)?,
        type_comment: fields.opt_string("type_comment")?,
        loc: fields.location()?,
    };
    fields.finish()?;
    Ok(node)
}

/// Reads a [`Keyword`] (ASDL `keyword`).
pub(crate) fn read_keyword(value: &Value) -> Result<Keyword, String> {
    let mut fields = Fields::new(value)?;
    fields.expect_class("keyword")?;
    let node = Keyword {
        arg: fields.opt_identifier("arg")?,
        value: fields.one("value", read_expr)?,
        loc: fields.location()?,
    };
    fields.finish()?;
    Ok(node)
}

/// Reads an [`Alias`] (ASDL `alias`).
pub(crate) fn read_alias(value: &Value) -> Result<Alias, String> {
    let mut fields = Fields::new(value)?;
    fields.expect_class("alias")?;
    let node = Alias {
        name: fields.identifier("name")?,
        asname: fields.opt_identifier("asname")?,
        loc: fields.location()?,
    };
    fields.finish()?;
    Ok(node)
}

/// Reads a [`WithItem`] (ASDL `withitem`).
pub(crate) fn read_withitem(value: &Value) -> Result<WithItem, String> {
    let mut fields = Fields::new(value)?;
    fields.expect_class("withitem")?;
    let node = WithItem {
        context_expr: fields.one("context_expr", read_expr)?,
        optional_vars: fields.opt("optional_vars", read_expr)?,
    };
    fields.finish()?;
    Ok(node)
}

/// Reads a [`MatchCase`] (ASDL `match_case`).
pub(crate) fn read_match_case(value: &Value) -> Result<MatchCase, String> {
    let mut fields = Fields::new(value)?;
    fields.expect_class("match_case")?;
    let node = MatchCase {
        pattern: fields.one("pattern", read_pattern)?,
        guard: fields.opt("guard", read_expr)?,
        body: fields.list("body", read_stmt)?,
    };
    fields.finish()?;
    Ok(node)
}

/// Reads a [`Pattern`] (ASDL `pattern`).
pub(crate) fn read_pattern(value: &Value) -> Result<Pattern, String> {
    let mut fields = Fields::new(value)?;
    let node = match fields.class() {
        "MatchValue" => Pattern::from(PatternMatchValue {
            value: fields.one("value", read_expr)?,
            loc: fields.location()?,
        }),
        "MatchSingleton" => Pattern::from(PatternMatchSingleton {
            value: fields.constant("value")?,
            loc: fields.location()?,
        }),
        "MatchSequence" => Pattern::from(PatternMatchSequence {
            patterns: fields.list("patterns", read_pattern)?,
            loc: fields.location()?,
        }),
        "MatchMapping" => Pattern::from(PatternMatchMapping {
            keys: fields.list("keys", read_expr)?,
            patterns: fields.list("patterns", read_pattern)?,
            rest: fields.opt_identifier("rest")?,
            loc: fields.location()?,
        }),
        "MatchClass" => Pattern::from(PatternMatchClass {
            cls: fields.one("cls", read_expr)?,
            patterns: fields.list("patterns", read_pattern)?,
            kwd_attrs: fields.identifiers("kwd_attrs")?,
            kwd_patterns: fields.list("kwd_patterns", read_pattern)?,
            loc: fields.location()?,
        }),
        "MatchStar" => Pattern::from(PatternMatchStar {
            name: fields.opt_identifier("name")?,
            loc: fields.location()?,
        }),
        "MatchAs" => Pattern::from(PatternMatchAs {
            pattern: fields.opt("pattern", read_pattern)?,
            name: fields.opt_identifier("name")?,
            loc: fields.location()?,
        }),
        "MatchOr" => Pattern::from(PatternMatchOr {
            patterns: fields.list("patterns", read_pattern)?,
            loc: fields.location()?,
        }),
        other => return Err(format!("expected a pattern, found {other}")),
    };
    fields.finish()?;
    Ok(node)
}

/// Reads a [`TypeIgnore`] (ASDL `type_ignore`).
pub(crate) fn read_type_ignore(value: &Value) -> Result<TypeIgnore, String> {
    let mut fields = Fields::new(value)?;
    fields.expect_class("TypeIgnore")?;
    let node = TypeIgnore {
        lineno: fields.int("lineno")?,
        tag: fields.string("tag")?,
    };
    fields.finish()?;
    Ok(node)
}

/// Reads a [`TypeParam`] (ASDL `type_param`).
pub(crate) fn read_type_param(value: &Value) -> Result<TypeParam, String> {
    let mut fields = Fields::new(value)?;
    let node = match fields.class() {
        "TypeVar" => TypeParam::from(TypeParamTypeVar {
            name: fields.identifier("name")?,
            bound: fields.opt("bound", read_expr)?,
            default_value: fields.opt("default_value", read_expr)?,
            loc: fields.location()?,
        }),
        "ParamSpec" => TypeParam::from(TypeParamParamSpec {
            name: fields.identifier("name")?,
            default_value: fields.opt("default_value", read_expr)?,
            loc: fields.location()?,
        }),
        "TypeVarTuple" => TypeParam::from(TypeParamTypeVarTuple {
            name: fields.identifier("name")?,
            default_value: fields.opt("default_value", read_expr)?,
            loc: fields.location()?,
        }),
        other => return Err(format!("expected a type_param, found {other}")),
    };
    fields.finish()?;
    Ok(node)
}
