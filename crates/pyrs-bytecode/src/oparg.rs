//! What opargs mean: the operators, comparisons, intrinsics and flags that instructions take
//! as their argument, and the bit layouts of the opargs that pack several things.
//!
//! Each table here is CPython's (`opcode._nb_ops`, `opcode.cmp_op`,
//! `opcode._intrinsic_1_descs`, `_intrinsic_2_descs`, `dis.FUNCTION_ATTR_FLAGS`, the
//! `COMPARISON_*` masks of Include/internal/pycore_code.h); tests/opcodes.rs checks them against
//! the recorded reference.
//!
//! ```
//! use pyrs_bytecode::oparg::{self, BinaryOp, ComparisonOp};
//!
//! assert_eq!(BinaryOp::from_oparg(0), Some(BinaryOp::Add));
//! assert_eq!(BinaryOp::InplaceAdd.symbol(), "+=");
//! assert_eq!(oparg::compare(ComparisonOp::Gt, true), 148); // `if a > b:`
//! assert_eq!(oparg::load_global(5, true), 11);
//! ```

/// Defines a C-like enum numbered from 0 with one string per variant, `ALL`, and
/// `from_oparg`.
macro_rules! numbered {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident: $what:literal {
            $($variant:ident = $text:literal,)*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        $vis enum $name {
            $(#[doc = concat!("`", $text, "`")] $variant,)*
        }

        impl $name {
            /// Every value, in oparg order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The value an oparg stands for.
            pub fn from_oparg(oparg: u32) -> Option<$name> {
                usize::try_from(oparg).ok().and_then(|i| Self::ALL.get(i)).copied()
            }

            /// The oparg that stands for this value.
            pub const fn oparg(self) -> u32 {
                self as u32
            }

            #[doc = $what]
            pub const fn text(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }
        }
    };
}

numbered! {
    /// `BINARY_OP`'s oparg: the `NB_*` operators of `opcode._nb_ops`.
    pub enum BinaryOp: "The operator as Python writes it (`dis` shows this)." {
        Add = "+",
        And = "&",
        FloorDivide = "//",
        Lshift = "<<",
        MatrixMultiply = "@",
        Multiply = "*",
        Remainder = "%",
        Or = "|",
        Power = "**",
        Rshift = ">>",
        Subtract = "-",
        TrueDivide = "/",
        Xor = "^",
        InplaceAdd = "+=",
        InplaceAnd = "&=",
        InplaceFloorDivide = "//=",
        InplaceLshift = "<<=",
        InplaceMatrixMultiply = "@=",
        InplaceMultiply = "*=",
        InplaceRemainder = "%=",
        InplaceOr = "|=",
        InplacePower = "**=",
        InplaceRshift = ">>=",
        InplaceSubtract = "-=",
        InplaceTrueDivide = "/=",
        InplaceXor = "^=",
    }
}

impl BinaryOp {
    /// The operator's symbol, as `dis` shows it.
    pub const fn symbol(self) -> &'static str {
        self.text()
    }

    /// The name of CPython's constant (`NB_ADD`, `NB_INPLACE_XOR`…).
    pub const fn c_name(self) -> &'static str {
        match self {
            BinaryOp::Add => "NB_ADD",
            BinaryOp::And => "NB_AND",
            BinaryOp::FloorDivide => "NB_FLOOR_DIVIDE",
            BinaryOp::Lshift => "NB_LSHIFT",
            BinaryOp::MatrixMultiply => "NB_MATRIX_MULTIPLY",
            BinaryOp::Multiply => "NB_MULTIPLY",
            BinaryOp::Remainder => "NB_REMAINDER",
            BinaryOp::Or => "NB_OR",
            BinaryOp::Power => "NB_POWER",
            BinaryOp::Rshift => "NB_RSHIFT",
            BinaryOp::Subtract => "NB_SUBTRACT",
            BinaryOp::TrueDivide => "NB_TRUE_DIVIDE",
            BinaryOp::Xor => "NB_XOR",
            BinaryOp::InplaceAdd => "NB_INPLACE_ADD",
            BinaryOp::InplaceAnd => "NB_INPLACE_AND",
            BinaryOp::InplaceFloorDivide => "NB_INPLACE_FLOOR_DIVIDE",
            BinaryOp::InplaceLshift => "NB_INPLACE_LSHIFT",
            BinaryOp::InplaceMatrixMultiply => "NB_INPLACE_MATRIX_MULTIPLY",
            BinaryOp::InplaceMultiply => "NB_INPLACE_MULTIPLY",
            BinaryOp::InplaceRemainder => "NB_INPLACE_REMAINDER",
            BinaryOp::InplaceOr => "NB_INPLACE_OR",
            BinaryOp::InplacePower => "NB_INPLACE_POWER",
            BinaryOp::InplaceRshift => "NB_INPLACE_RSHIFT",
            BinaryOp::InplaceSubtract => "NB_INPLACE_SUBTRACT",
            BinaryOp::InplaceTrueDivide => "NB_INPLACE_TRUE_DIVIDE",
            BinaryOp::InplaceXor => "NB_INPLACE_XOR",
        }
    }

    /// The in-place form of a binary operator (`+` → `+=`); in-place ones map to themselves.
    pub const fn inplace(self) -> BinaryOp {
        let index = self as usize;
        if index < 13 {
            BinaryOp::ALL[index + 13]
        } else {
            self
        }
    }
}

numbered! {
    /// The comparison in `COMPARE_OP`'s oparg (`oparg >> 5`), in the order of `opcode.cmp_op`
    /// (CPython's `Py_LT`…`Py_GE`).
    pub enum ComparisonOp: "The operator as Python writes it." {
        Lt = "<",
        Le = "<=",
        Eq = "==",
        Ne = "!=",
        Gt = ">",
        Ge = ">=",
    }
}

impl ComparisonOp {
    /// The operator's symbol.
    pub const fn symbol(self) -> &'static str {
        self.text()
    }

    /// Its index in `cmp_op` (`Py_LT` is 0).
    pub const fn index(self) -> u32 {
        self as u32
    }

    /// The low four bits of the oparg: which outcomes of comparing make the comparison true
    /// (1: unordered, 2: less, 4: greater, 8: equal), for the specialized comparisons.
    pub const fn mask(self) -> u32 {
        const UNORDERED: u32 = 1;
        const LESS: u32 = 2;
        const GREATER: u32 = 4;
        const EQUAL: u32 = 8;
        match self {
            ComparisonOp::Lt => LESS,
            ComparisonOp::Le => LESS | EQUAL,
            ComparisonOp::Eq => EQUAL,
            ComparisonOp::Ne => UNORDERED | LESS | GREATER,
            ComparisonOp::Gt => GREATER,
            ComparisonOp::Ge => GREATER | EQUAL,
        }
    }
}

numbered! {
    /// `CALL_INTRINSIC_1`'s oparg (`opcode._intrinsic_1_descs`).
    pub enum Intrinsic1: "CPython's name for the intrinsic, as `dis` shows it." {
        Invalid = "INTRINSIC_1_INVALID",
        Print = "INTRINSIC_PRINT",
        ImportStar = "INTRINSIC_IMPORT_STAR",
        StopIterationError = "INTRINSIC_STOPITERATION_ERROR",
        AsyncGenWrap = "INTRINSIC_ASYNC_GEN_WRAP",
        UnaryPositive = "INTRINSIC_UNARY_POSITIVE",
        ListToTuple = "INTRINSIC_LIST_TO_TUPLE",
        TypeVar = "INTRINSIC_TYPEVAR",
        ParamSpec = "INTRINSIC_PARAMSPEC",
        TypeVarTuple = "INTRINSIC_TYPEVARTUPLE",
        SubscriptGeneric = "INTRINSIC_SUBSCRIPT_GENERIC",
        TypeAlias = "INTRINSIC_TYPEALIAS",
    }
}

impl Intrinsic1 {
    /// CPython's name for it.
    pub const fn name(self) -> &'static str {
        self.text()
    }
}

numbered! {
    /// `CALL_INTRINSIC_2`'s oparg (`opcode._intrinsic_2_descs`).
    pub enum Intrinsic2: "CPython's name for the intrinsic, as `dis` shows it." {
        Invalid = "INTRINSIC_2_INVALID",
        PrepReraiseStar = "INTRINSIC_PREP_RERAISE_STAR",
        TypeVarWithBound = "INTRINSIC_TYPEVAR_WITH_BOUND",
        TypeVarWithConstraints = "INTRINSIC_TYPEVAR_WITH_CONSTRAINTS",
        SetFunctionTypeParams = "INTRINSIC_SET_FUNCTION_TYPE_PARAMS",
        SetTypeParamDefault = "INTRINSIC_SET_TYPEPARAM_DEFAULT",
    }
}

impl Intrinsic2 {
    /// CPython's name for it.
    pub const fn name(self) -> &'static str {
        self.text()
    }
}

numbered! {
    /// `CONVERT_VALUE`'s oparg: the f-string conversion (`FVC_*` of CPython's ceval.h).
    pub enum Conversion: "The conversion function's name, `\"\"` for none (as `dis` shows it)." {
        None = "",
        Str = "str",
        Repr = "repr",
        Ascii = "ascii",
    }
}

numbered! {
    /// The attribute one bit of `SET_FUNCTION_ATTRIBUTE`'s oparg sets, in bit order
    /// (`dis.FUNCTION_ATTR_FLAGS`; CPython's `MAKE_FUNCTION_*` flags).
    pub enum FunctionAttribute: "The attribute's name, as `dis` shows it." {
        Defaults = "defaults",
        KwDefaults = "kwdefaults",
        Annotations = "annotations",
        Closure = "closure",
    }
}

impl FunctionAttribute {
    /// The attribute's name.
    pub const fn name(self) -> &'static str {
        self.text()
    }

    /// Its bit in the oparg.
    pub const fn bit(self) -> u32 {
        1 << (self as u32)
    }
}

/// `COMPARE_OP`'s oparg: the comparison, its outcome mask, and whether the result is
/// converted to `bool` (as when the comparison is a condition).
pub const fn compare(op: ComparisonOp, to_bool: bool) -> u32 {
    (op.index() << 5) | if to_bool { 16 } else { 0 } | op.mask()
}

/// `LOAD_GLOBAL`'s oparg: the name index, and whether a NULL is pushed after the global
/// (before the arguments of a call).
pub const fn load_global(name_index: u32, push_null: bool) -> u32 {
    (name_index << 1) | push_null as u32
}

/// `LOAD_ATTR`'s oparg: the name index, and whether this loads a method for a call.
pub const fn load_attr(name_index: u32, method: bool) -> u32 {
    (name_index << 1) | method as u32
}

/// `LOAD_SUPER_ATTR`'s oparg: the name index, whether `super` was called with two
/// arguments, and whether this loads a method for a call.
pub const fn load_super_attr(name_index: u32, two_args: bool, method: bool) -> u32 {
    (name_index << 2) | ((two_args as u32) << 1) | method as u32
}

/// The oparg of `LOAD_FAST_LOAD_FAST`, `STORE_FAST_LOAD_FAST` and `STORE_FAST_STORE_FAST`:
/// two fast-local indices, each below 16. `None` when one does not fit.
pub const fn local_pair(first: u32, second: u32) -> Option<u32> {
    if first < 16 && second < 16 {
        Some((first << 4) | second)
    } else {
        None
    }
}

/// `UNPACK_EX`'s oparg: the number of targets before and after the starred one, each at most
/// 255. `None` when one does not fit.
pub const fn unpack_ex(before: u32, after: u32) -> Option<u32> {
    if before < 256 && after < 256 {
        Some((after << 8) | before)
    } else {
        None
    }
}

/// Where a `RESUME` is (the low two bits of its oparg).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ResumeAt {
    /// The start of the frame (`RESUME_AT_FUNC_START`).
    FuncStart = 0,
    /// After a `yield`.
    AfterYield = 1,
    /// After a `yield from`.
    AfterYieldFrom = 2,
    /// After an `await`.
    AfterAwait = 3,
}

/// `RESUME`'s oparg: where it is, and whether it resumes inside an exception handler at
/// depth 1 (`RESUME_OPARG_DEPTH1_MASK`).
pub const fn resume(at: ResumeAt, depth1: bool) -> u32 {
    at as u32 | if depth1 { 4 } else { 0 }
}
