//! Every SyntaxError message of this crate, in one table: the text CPython 3.13 uses, and
//! where CPython raises it. `{}` stands for the name (or the construct) the message is about.

/// `global x` after `x` was a parameter (Python/symtable.c, `GLOBAL_PARAM`).
pub(crate) const GLOBAL_PARAM: &str = "name '{}' is parameter and global";
/// `nonlocal x` after `x` was a parameter (symtable.c, `NONLOCAL_PARAM`).
pub(crate) const NONLOCAL_PARAM: &str = "name '{}' is parameter and nonlocal";
/// `global x` after an assignment to `x` (symtable.c, `GLOBAL_AFTER_ASSIGN`).
pub(crate) const GLOBAL_AFTER_ASSIGN: &str = "name '{}' is assigned to before global declaration";
/// `nonlocal x` after an assignment to `x` (symtable.c, `NONLOCAL_AFTER_ASSIGN`).
pub(crate) const NONLOCAL_AFTER_ASSIGN: &str =
    "name '{}' is assigned to before nonlocal declaration";
/// `global x` after a use of `x` (symtable.c, `GLOBAL_AFTER_USE`).
pub(crate) const GLOBAL_AFTER_USE: &str = "name '{}' is used prior to global declaration";
/// `nonlocal x` after a use of `x` (symtable.c, `NONLOCAL_AFTER_USE`).
pub(crate) const NONLOCAL_AFTER_USE: &str = "name '{}' is used prior to nonlocal declaration";
/// `x: int` and `global x` in one function (symtable.c, `GLOBAL_ANNOT`).
pub(crate) const GLOBAL_ANNOT: &str = "annotated name '{}' can't be global";
/// `x: int` and `nonlocal x` in one function (symtable.c, `NONLOCAL_ANNOT`).
pub(crate) const NONLOCAL_ANNOT: &str = "annotated name '{}' can't be nonlocal";
/// `from m import *` in a function or class (symtable.c, `IMPORT_STAR_WARNING`).
pub(crate) const IMPORT_STAR: &str = "import * only allowed at module level";
/// `def f(a, a)` (symtable.c, `DUPLICATE_ARGUMENT`).
pub(crate) const DUPLICATE_ARGUMENT: &str = "duplicate argument '{}' in function definition";
/// `def f[T, T]()` (symtable.c, `DUPLICATE_TYPE_PARAM`).
pub(crate) const DUPLICATE_TYPE_PARAM: &str = "duplicate type parameter '{}'";
/// `global x` and `nonlocal x` in one scope (symtable.c, `analyze_name`).
pub(crate) const NONLOCAL_AND_GLOBAL: &str = "name '{}' is nonlocal and global";
/// `nonlocal x` in the module (symtable.c, `analyze_name`).
pub(crate) const NONLOCAL_AT_MODULE_LEVEL: &str =
    "nonlocal declaration not allowed at module level";
/// `nonlocal x` with no enclosing function binding `x` (symtable.c, `analyze_name`).
pub(crate) const NONLOCAL_NO_BINDING: &str = "no binding for nonlocal '{}' found";
/// `nonlocal T` where `T` is a type parameter (symtable.c, `analyze_name`).
pub(crate) const NONLOCAL_TYPE_PARAM: &str = "nonlocal binding not allowed for type parameter '{}'";
/// `[x := 0 for ...]` in a class body (symtable.c, `NAMED_EXPR_COMP_IN_CLASS`).
pub(crate) const NAMED_EXPR_COMP_IN_CLASS: &str =
    "assignment expression within a comprehension cannot be used in a class body";
/// A walrus in a comprehension in a type variable's bound or default
/// (symtable.c, `NAMED_EXPR_COMP_IN_TYPEVAR_BOUND`).
pub(crate) const NAMED_EXPR_COMP_IN_TYPEVAR_BOUND: &str =
    "assignment expression within a comprehension cannot be used in a TypeVar bound";
/// A walrus in a comprehension in a type alias (symtable.c, `NAMED_EXPR_COMP_IN_TYPEALIAS`).
pub(crate) const NAMED_EXPR_COMP_IN_TYPEALIAS: &str =
    "assignment expression within a comprehension cannot be used in a type alias";
/// A walrus in a comprehension in a generic's type-parameter scope
/// (symtable.c, `NAMED_EXPR_COMP_IN_TYPEPARAM`).
pub(crate) const NAMED_EXPR_COMP_IN_TYPEPARAM: &str =
    "assignment expression within a comprehension cannot be used within the definition of a generic";
/// `[i := 0 for i in ...]` (symtable.c, `NAMED_EXPR_COMP_CONFLICT`).
pub(crate) const NAMED_EXPR_COMP_CONFLICT: &str =
    "assignment expression cannot rebind comprehension iteration variable '{}'";
/// `[i for j in x if (i := 0) for i in y]` (symtable.c, `NAMED_EXPR_COMP_INNER_LOOP_CONFLICT`).
pub(crate) const NAMED_EXPR_COMP_INNER_LOOP_CONFLICT: &str =
    "comprehension inner loop cannot rebind assignment expression target '{}'";
/// `[x for x in (y := z)]` (symtable.c, `NAMED_EXPR_COMP_ITER_EXPR`).
pub(crate) const NAMED_EXPR_COMP_ITER_EXPR: &str =
    "assignment expression cannot be used in a comprehension iterable expression";
/// A walrus, `yield` or `await` in an annotation under `from __future__ import annotations`
/// (symtable.c, `ANNOTATION_NOT_ALLOWED`); `{}` is "named expression", "yield expression"
/// or "await expression".
pub(crate) const ANNOTATION_NOT_ALLOWED: &str = "{} cannot be used within an annotation";
/// The same in a type variable's bound, constraints or default; the second `{}` is the
/// scope's description, e.g. "a TypeVar bound" (symtable.c, `EXPR_NOT_ALLOWED_IN_TYPE_VARIABLE`).
pub(crate) const NOT_ALLOWED_IN_TYPE_VARIABLE: &str = "{} cannot be used within {}";
/// The same in a type alias (symtable.c).
pub(crate) const NOT_ALLOWED_IN_TYPE_ALIAS: &str = "{} cannot be used within a type alias";
/// The same in a generic's type-parameter scope (symtable.c).
pub(crate) const NOT_ALLOWED_IN_TYPE_PARAMETERS: &str =
    "{} cannot be used within the definition of a generic";
/// `yield` in a comprehension (symtable.c, `symtable_raise_if_comprehension_block`);
/// `{}` is "list comprehension", "set comprehension", "dict comprehension" or
/// "generator expression".
pub(crate) const YIELD_IN_COMPREHENSION: &str = "'yield' inside {}";
/// `from __future__ import spam` (Python/future.c).
pub(crate) const FUTURE_NOT_DEFINED: &str = "future feature {} is not defined";
/// `from __future__ import braces` (future.c).
pub(crate) const FUTURE_BRACES: &str = "not a chance";
/// The symbol table nests deeper than CPython's recursion limit allows (symtable.c).
pub(crate) const RECURSION: &str = "maximum recursion depth exceeded during compilation";

// The compiler's context errors (Python/compile.c), raised by crate::context.

/// `return` outside a function (compile.c, `compiler_return`).
pub(crate) const RETURN_OUTSIDE_FUNCTION: &str = "'return' outside function";
/// `return value` in an async generator (compile.c, `compiler_return`).
pub(crate) const RETURN_IN_ASYNC_GENERATOR: &str = "'return' with value in async generator";
/// `yield` outside a function (compile.c).
pub(crate) const YIELD_OUTSIDE_FUNCTION: &str = "'yield' outside function";
/// `yield from` outside a function (compile.c).
pub(crate) const YIELD_FROM_OUTSIDE_FUNCTION: &str = "'yield from' outside function";
/// `yield from` in an `async def` (compile.c).
pub(crate) const YIELD_FROM_IN_ASYNC: &str = "'yield from' inside async function";
/// `await` outside a function (compile.c).
pub(crate) const AWAIT_OUTSIDE_FUNCTION: &str = "'await' outside function";
/// `await` in a function that is not `async def` (compile.c).
pub(crate) const AWAIT_OUTSIDE_ASYNC: &str = "'await' outside async function";
/// `async with` outside an `async def` (compile.c).
pub(crate) const ASYNC_WITH_OUTSIDE_ASYNC: &str = "'async with' outside async function";
/// `async for` outside an `async def` (compile.c).
pub(crate) const ASYNC_FOR_OUTSIDE_ASYNC: &str = "'async for' outside async function";
/// An asynchronous list, set or dict comprehension outside an `async def` (compile.c).
pub(crate) const ASYNC_COMPREHENSION_OUTSIDE_ASYNC: &str =
    "asynchronous comprehension outside of an asynchronous function";
/// `break` outside a loop (compile.c, `compiler_break`).
pub(crate) const BREAK_OUTSIDE_LOOP: &str = "'break' outside loop";
/// `continue` outside a loop (compile.c, `compiler_continue`).
pub(crate) const CONTINUE_OUTSIDE_LOOP: &str = "'continue' not properly in loop";
/// `break`, `continue` or `return` leaving an `except*` block (compile.c,
/// `compiler_unwind_fblock_stack`).
pub(crate) const EXIT_EXCEPT_STAR: &str =
    "'break', 'continue' and 'return' cannot appear in an except* block";
/// A `from __future__ import` after other statements (compile.c, `compiler_from_import`).
pub(crate) const FUTURE_NOT_FIRST: &str =
    "from __future__ imports must occur at the beginning of the file";

/// `template` with each `{}` replaced by the next of `args`.
pub(crate) fn format(template: &str, args: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut args = args.iter();
    let mut rest = template;
    while let Some(at) = rest.find("{}") {
        out.push_str(&rest[..at]);
        out.push_str(args.next().copied().unwrap_or(""));
        rest = &rest[at + 2..];
    }
    out.push_str(rest);
    out
}
