//! The SyntaxWarnings CPython's code generator emits (`check_caller`, `check_subscripter`,
//! `check_index`, `check_compare` in Python/compile.c): literals called, subscripted or
//! compared with `is` where the program almost certainly meant something else.

use pyrs_ast::{CmpOp, Expr, ExprCompare, Location};
use pyrs_bytecode::Constant;

use super::Compiler;

/// A warning the compiler found: CPython emits it through the `warnings` machinery as a
/// `SyntaxWarning` for the file being compiled, at `lineno`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// The message, e.g. `"is" with 'int' literal. Did you mean "=="?`.
    pub msg: String,
    /// Line of the start of the expression, from 1.
    pub lineno: u32,
    /// Column of the start, in UTF-8 bytes from 1 (CPython passes it on to a SyntaxError
    /// when a filter turns the warning into an error).
    pub offset: i32,
    /// Line of the end.
    pub end_lineno: u32,
    /// Column just after the end, from 1.
    pub end_offset: i32,
}

impl<'t> Compiler<'t> {
    /// Records a SyntaxWarning at `loc` (CPython's `compiler_warn`).
    fn warn(&mut self, loc: Location, msg: String) {
        self.warnings.push(Warning {
            msg,
            lineno: loc.lineno,
            offset: loc.col_offset as i32 + 1,
            end_lineno: loc.end_lineno,
            end_offset: loc.end_col_offset as i32 + 1,
        });
    }

    /// The type CPython infers for a literal expression (`infer_type`), if it is one.
    fn infer_type(&self, e: &Expr) -> Option<&'static str> {
        Some(match e {
            Expr::Tuple(_) => "tuple",
            Expr::List(_) | Expr::ListComp(_) => "list",
            Expr::Dict(_) | Expr::DictComp(_) => "dict",
            Expr::Set(_) | Expr::SetComp(_) => "set",
            Expr::GeneratorExp(_) => "generator",
            Expr::Lambda(_) => "function",
            Expr::JoinedStr(_) | Expr::FormattedValue(_) => "str",
            Expr::Constant(c) => self.folded.value(c).type_name(),
            _ => return None,
        })
    }

    /// `check_caller`: a literal that is called.
    pub(crate) fn check_caller(&mut self, func: &Expr) {
        let literal = matches!(
            func,
            Expr::Constant(_)
                | Expr::Tuple(_)
                | Expr::List(_)
                | Expr::ListComp(_)
                | Expr::Dict(_)
                | Expr::DictComp(_)
                | Expr::Set(_)
                | Expr::SetComp(_)
                | Expr::GeneratorExp(_)
                | Expr::JoinedStr(_)
                | Expr::FormattedValue(_)
        );
        if let (true, Some(ty)) = (literal, self.infer_type(func)) {
            self.warn(
                func.loc(),
                format!("'{ty}' object is not callable; perhaps you missed a comma?"),
            );
        }
    }

    /// `check_subscripter` and `check_index`: a literal that cannot be subscripted, or a
    /// sequence literal indexed by a literal that is not an int or a slice.
    pub(crate) fn check_subscript(&mut self, value: &Expr, index: &Expr) {
        let not_subscriptable = match value {
            Expr::Constant(c) => matches!(
                self.folded.value(c),
                Constant::None
                    | Constant::Ellipsis
                    | Constant::Bool(_)
                    | Constant::Int(_)
                    | Constant::Float(_)
                    | Constant::Complex { .. }
                    | Constant::FrozenSet(_)
            ),
            Expr::Set(_) | Expr::SetComp(_) | Expr::GeneratorExp(_) | Expr::Lambda(_) => true,
            _ => false,
        };
        if not_subscriptable {
            if let Some(ty) = self.infer_type(value) {
                self.warn(
                    value.loc(),
                    format!("'{ty}' object is not subscriptable; perhaps you missed a comma?"),
                );
            }
            return;
        }
        let Some(index_type) = self.infer_type(index) else {
            return;
        };
        if matches!(index_type, "int" | "bool") {
            return;
        }
        let sequence = match value {
            Expr::Constant(c) => matches!(
                self.folded.value(c),
                Constant::Str(_) | Constant::Bytes(_) | Constant::Tuple(_)
            ),
            Expr::Tuple(_)
            | Expr::List(_)
            | Expr::ListComp(_)
            | Expr::JoinedStr(_)
            | Expr::FormattedValue(_) => true,
            _ => false,
        };
        if let (true, Some(ty)) = (sequence, self.infer_type(value)) {
            self.warn(
                value.loc(),
                format!(
                    "{ty} indices must be integers or slices, not {index_type}; perhaps you \
                     missed a comma?"
                ),
            );
        }
    }

    /// Whether `is` with `e` is fine: anything but a literal other than `None`, `True`,
    /// `False` and `...` (`check_is_arg`).
    fn is_arg_ok(&self, e: &Expr) -> bool {
        match e {
            Expr::Constant(c) => matches!(
                self.folded.value(c),
                Constant::None | Constant::Bool(_) | Constant::Ellipsis
            ),
            _ => true,
        }
    }

    /// `check_compare`: `is` or `is not` with a literal; warns once, for the first.
    pub(crate) fn check_compare(&mut self, c: &ExprCompare) {
        let mut left_ok = self.is_arg_ok(&c.left);
        let mut left = &c.left;
        for (op, right) in c.ops.iter().zip(&c.comparators) {
            let right_ok = self.is_arg_ok(right);
            if matches!(op, CmpOp::Is | CmpOp::IsNot) && !(left_ok && right_ok) {
                let literal = if left_ok { right } else { left };
                let ty = self.infer_type(literal).unwrap_or("object");
                let msg = if *op == CmpOp::Is {
                    format!("\"is\" with '{ty}' literal. Did you mean \"==\"?")
                } else {
                    format!("\"is not\" with '{ty}' literal. Did you mean \"!=\"?")
                };
                self.warn(c.loc, msg);
                return;
            }
            left_ok = right_ok;
            left = right;
        }
    }
}
