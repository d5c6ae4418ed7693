//! The instruction set: [`Opcode`] and everything known about each instruction, derived from
//! the one table in `table.rs`.
//!
//! The `opcodes!` macro below turns that table into the enum and every per-instruction fact
//! the crate offers: name, number, operand kind, CPython's metadata flags, stack effect, inline
//! cache layout, specialization family and pseudo-instruction targets. Nothing else in pyrs
//! lists instructions by hand; tests/opcodes.rs checks the table against the facts
//! gen/record_reference.py recorded from CPython 3.13.0.

mod table;

pub use table::Opcode;

/// What an instruction's oparg means: how `dis` prints it and how the builder encodes it.
///
/// The kinds follow the branches of `dis.ArgResolver.get_argval_argrepr` in CPython 3.13, and
/// its lists `hasconst`, `hasname`, `haslocal`, `hasfree`, `hasjrel`, `hascompare`, `hasexc`.
/// A specialized instruction's oparg means what its family's base instruction's does
/// ([`Opcode::operand`] answers for the base).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OperandKind {
    /// No oparg: the byte is ignored (and `dis` prints nothing).
    None,
    /// A plain number whose meaning the instruction's documentation gives (a count, a flag,
    /// a stack position); `dis` prints it alone.
    Number,
    /// An index into `co_consts`.
    Const,
    /// An index into `co_names`.
    Name,
    /// `LOAD_GLOBAL`: `name_index << 1 | push_null`.
    GlobalName,
    /// `LOAD_ATTR`: `name_index << 1 | load_method`.
    AttrName,
    /// `LOAD_SUPER_ATTR`: `name_index << 2 | two_arg_super << 1 | load_method`.
    SuperAttrName,
    /// An index into the fast locals (`co_localsplusnames`).
    Local,
    /// Two fast-local indices of four bits each: `first << 4 | second`.
    LocalPair,
    /// An index into the fast locals that names a cell or free variable.
    Free,
    /// A jump over `oparg` code units forward, counted from the end of the instruction's
    /// inline caches.
    JumpForward,
    /// A jump `oparg` code units backward, counted from the end of the instruction's inline
    /// caches.
    JumpBackward,
    /// A pseudo-instruction's jump to a label, forward or backward.
    Jump,
    /// A pseudo-instruction's exception handler label (`SETUP_FINALLY` and friends).
    Handler,
    /// `COMPARE_OP`: `comparison << 5 | to_bool << 4` (see [`crate::oparg::ComparisonOp`]).
    Compare,
    /// `BINARY_OP`: a [`crate::oparg::BinaryOp`].
    BinaryOp,
    /// `CALL_INTRINSIC_1`: a [`crate::oparg::Intrinsic1`].
    Intrinsic1,
    /// `CALL_INTRINSIC_2`: a [`crate::oparg::Intrinsic2`].
    Intrinsic2,
    /// `CONVERT_VALUE`: a [`crate::oparg::Conversion`].
    Conversion,
    /// `SET_FUNCTION_ATTRIBUTE`: a [`crate::oparg::FunctionAttribute`] bit.
    FunctionAttribute,
}

impl OperandKind {
    /// The metadata flags this kind implies: [`OpcodeFlags::ARG`] for every kind but
    /// [`OperandKind::None`], plus the flag of the `dis` list the kind belongs to.
    pub const fn flags(self) -> OpcodeFlags {
        let extra = match self {
            OperandKind::None => return OpcodeFlags::NONE,
            OperandKind::Const => OpcodeFlags::CONST.0,
            OperandKind::Name
            | OperandKind::GlobalName
            | OperandKind::AttrName
            | OperandKind::SuperAttrName => OpcodeFlags::NAME.0,
            OperandKind::Local | OperandKind::LocalPair => OpcodeFlags::LOCAL.0,
            OperandKind::Free => OpcodeFlags::FREE.0,
            OperandKind::JumpForward | OperandKind::JumpBackward | OperandKind::Jump => {
                OpcodeFlags::JUMP.0
            }
            OperandKind::Handler => OpcodeFlags::EXC.0,
            OperandKind::Compare => OpcodeFlags::COMPARE.0,
            _ => 0,
        };
        OpcodeFlags(OpcodeFlags::ARG.0 | extra)
    }
}

/// The argument flags of CPython's instruction metadata (`_opcode.has_arg`, `has_const`…),
/// plus the two `dis` lists that have no metadata flag (`hascompare`, `hasexc`).
///
/// For most instructions they follow from the [`OperandKind`]. Specialized instructions carry
/// the flags CPython's interpreter metadata gives them, which describe what their
/// implementation reads rather than what the oparg means (`BINARY_OP_ADD_INT` has no
/// argument; `LOAD_ATTR_WITH_HINT` has a name).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct OpcodeFlags(pub u16);

impl OpcodeFlags {
    /// No flag.
    pub const NONE: OpcodeFlags = OpcodeFlags(0);
    /// Uses its oparg (`_opcode.has_arg`, `dis.hasarg`).
    pub const ARG: OpcodeFlags = OpcodeFlags(1);
    /// Oparg indexes `co_consts` (`hasconst`).
    pub const CONST: OpcodeFlags = OpcodeFlags(2);
    /// Oparg indexes `co_names` (`hasname`).
    pub const NAME: OpcodeFlags = OpcodeFlags(4);
    /// A jump (`hasjump`).
    pub const JUMP: OpcodeFlags = OpcodeFlags(8);
    /// Oparg indexes a cell or free variable (`hasfree`).
    pub const FREE: OpcodeFlags = OpcodeFlags(16);
    /// Oparg indexes a fast local (`haslocal`).
    pub const LOCAL: OpcodeFlags = OpcodeFlags(32);
    /// Oparg is a comparison (`hascompare`).
    pub const COMPARE: OpcodeFlags = OpcodeFlags(64);
    /// Oparg is an exception handler label (`hasexc`).
    pub const EXC: OpcodeFlags = OpcodeFlags(128);

    /// Whether every flag of `other` is set here.
    pub const fn contains(self, other: OpcodeFlags) -> bool {
        self.0 & other.0 == other.0
    }
}

/// How many values an instruction pops from the value stack and then pushes, as CPython's
/// `_PyOpcode_num_popped` and `_PyOpcode_num_pushed` count them.
///
/// ```
/// use pyrs_bytecode::Opcode;
///
/// let call = Opcode::CALL.stack_effect(2).unwrap();
/// assert_eq!((call.popped, call.pushed, call.net()), (4, 1, -3));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct StackEffect {
    /// Values taken from the top of the stack.
    pub popped: u32,
    /// Values put back afterwards.
    pub pushed: u32,
}

impl StackEffect {
    /// `pushed - popped`.
    pub const fn net(self) -> i64 {
        self.pushed as i64 - self.popped as i64
    }

    #[inline]
    const fn from_pair(pair: (i64, i64)) -> StackEffect {
        StackEffect {
            popped: saturate(pair.0),
            pushed: saturate(pair.1),
        }
    }
}

#[inline]
const fn saturate(value: i64) -> u32 {
    if value < 0 {
        0
    } else if value > u32::MAX as i64 {
        u32::MAX
    } else {
        value as u32
    }
}

/// Where control goes after an instruction, besides its jump target if it has one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Flow {
    /// On to the next instruction (and, for a conditional jump, maybe to the target).
    Next,
    /// Always to the jump target (`IS_UNCONDITIONAL_JUMP_OPCODE`).
    Jump,
    /// Out of the code object: return or raise (`IS_SCOPE_EXIT_OPCODE`).
    Exit,
}

/// One field of an instruction's inline cache, as `opcode._cache_format` lists it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CacheField {
    /// Its name (`counter`, `version`, `index`…).
    pub name: &'static str,
    /// Its size in code units.
    pub size: u8,
}

/// The first opcode number of the instrumented instructions (`opcode.MIN_INSTRUMENTED_OPCODE`).
pub const MIN_INSTRUMENTED_OPCODE: u16 = 236;

/// The first opcode number that takes an argument in the numbering's original layout
/// (`opcode.HAVE_ARGUMENT`). Since 3.13 some instructions below it and above it break that rule;
/// use [`Opcode::has_arg`].
pub const HAVE_ARGUMENT: u16 = 44;

/// The first pseudo-instruction number: pseudo-instructions never appear in a code object.
pub const MIN_PSEUDO_OPCODE: u16 = 256;

/// Defines [`Opcode`] and its per-instruction facts from the table in `table.rs`.
///
/// Each entry is `NAME = NUMBER { fields }` with the fields in this order, all optional but
/// `stack`:
///
/// - `arg: Kind` — the [`OperandKind`]; absent for specialized instructions, whose oparg
///   means what their base instruction's does.
/// - `flags: [ARG, NAME]` — CPython's metadata flags, when they differ from what `arg` implies
///   (specialized instructions).
/// - `stack: (popped, pushed)` — expressions of `oparg` (an `i64`); `unknown` when CPython's
///   metadata gives none.
/// - `jump: (popped, pushed)` — the effect on the path to the jump target, when it differs
///   (the `SETUP_*` pseudo-instructions, whose target is an exception handler).
/// - `flow: Jump | Exit` — see [`Flow`]; `Next` when absent.
/// - `cache: { name: units, … }` — the inline cache layout of a base instruction.
/// - `family: [..]` — the specialized instructions of a base instruction, in CPython's order.
/// - `becomes: [..]` — what a pseudo-instruction turns into.
macro_rules! opcodes {
    (
        |$oparg:ident|
        $(
            $(#[doc = $doc:literal])*
            $name:ident = $num:literal {
                $(arg: $kind:ident,)?
                $(flags: [$($flag:ident),* $(,)?],)?
                stack: $stack:tt,
                $(jump: $jump:tt,)?
                $(flow: $flow:ident,)?
                $(cache: { $($cname:ident: $csize:literal),* $(,)? },)?
                $(family: [$($member:ident),* $(,)?],)?
                $(becomes: [$($target:ident),* $(,)?],)?
            }
        )*
    ) => {
        /// A CPython 3.13 instruction, numbered as `opcode.opmap` and
        /// `opcode._specialized_opmap` number it; pseudo-instructions from 256.
        ///
        /// Each variant's documentation states what the instruction does, with the stack
        /// before and after in brackets, top of stack last.
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u16)]
        #[allow(non_camel_case_types)]
        pub enum Opcode {
            $( $(#[doc = $doc])* $name = $num, )*
        }

        impl Opcode {
            /// Every instruction, in table order (by number).
            pub const ALL: &'static [Opcode] = &[$(Opcode::$name),*];

            /// The instruction's name, as `dis` prints it.
            pub const fn name(self) -> &'static str {
                match self {
                    $(Opcode::$name => stringify!($name),)*
                }
            }

            /// The operand kind the table gives, `None` for specialized instructions.
            pub(super) const fn table_operand(self) -> Option<$crate::opcode::OperandKind> {
                match self {
                    $(Opcode::$name => opcodes!(@option $($crate::opcode::OperandKind::$kind)?),)*
                }
            }

            /// The metadata flags the table gives explicitly, if any.
            pub(super) const fn table_flags(self) -> Option<$crate::opcode::OpcodeFlags> {
                match self {
                    $(Opcode::$name => opcodes!(@option $(
                        $crate::opcode::OpcodeFlags(0 $(| $crate::opcode::OpcodeFlags::$flag.0)*)
                    )?),)*
                }
            }

            /// `(popped, pushed)` on the fall-through path, `None` when unknown.
            #[inline(always)]
            pub(super) const fn table_stack(self, $oparg: i64) -> Option<(i64, i64)> {
                match self {
                    $(Opcode::$name => opcodes!(@stack $stack),)*
                }
            }

            /// Whether the table writes the stack effect in terms of the oparg.
            pub(super) const fn table_stack_uses_oparg(self) -> bool {
                match self {
                    $(Opcode::$name => $crate::opcode::mentions(
                        stringify!($stack),
                        stringify!($oparg),
                    ),)*
                }
            }

            /// `(popped, pushed)` on the jump path, when the table gives one.
            #[allow(unused_variables)]
            #[inline]
            pub(super) const fn table_jump_stack(self, $oparg: i64) -> Option<(i64, i64)> {
                #[allow(unreachable_patterns)]
                match self {
                    $($(Opcode::$name => opcodes!(@stack $jump),)?)*
                    _ => None,
                }
            }

            /// Where control goes after the instruction.
            pub const fn flow(self) -> $crate::opcode::Flow {
                #[allow(unreachable_patterns)]
                match self {
                    $($(Opcode::$name => $crate::opcode::Flow::$flow,)?)*
                    _ => $crate::opcode::Flow::Next,
                }
            }

            /// The inline cache layout the table gives this instruction (base instructions
            /// only).
            pub(super) const fn table_cache(self) -> &'static [$crate::opcode::CacheField] {
                #[allow(unreachable_patterns)]
                match self {
                    $($(Opcode::$name => &[$($crate::opcode::CacheField {
                        name: stringify!($cname),
                        size: $csize,
                    }),*],)?)*
                    _ => &[],
                }
            }

            /// The specialized instructions of this base instruction, in the order of
            /// `opcode._specializations`; empty for others.
            pub const fn specializations(self) -> &'static [Opcode] {
                #[allow(unreachable_patterns)]
                match self {
                    $($(Opcode::$name => &[$(Opcode::$member),*],)?)*
                    _ => &[],
                }
            }

            /// The base instruction of a specialized one (`dis.deoptmap`); itself otherwise.
            pub const fn deopt(self) -> Opcode {
                #[allow(unreachable_patterns)]
                match self {
                    $($($(Opcode::$member => Opcode::$name,)*)?)*
                    _ => self,
                }
            }

            /// The real instructions a pseudo-instruction can become
            /// (`_PyOpcode_PseudoTargets`); empty for real instructions.
            pub const fn pseudo_targets(self) -> &'static [Opcode] {
                #[allow(unreachable_patterns)]
                match self {
                    $($(Opcode::$name => &[$(Opcode::$target),*],)?)*
                    _ => &[],
                }
            }
        }

        /// Instruction by number, `None` where no instruction has that number.
        static BY_NUMBER: [Option<Opcode>; 268] = {
            let mut table = [None; 268];
            $(table[$num] = Some(Opcode::$name);)*
            table
        };
    };
    (@option $value:expr) => { Some($value) };
    (@option) => { None };
    (@stack unknown) => { None };
    (@stack ($popped:expr, $pushed:expr)) => { Some(($popped, $pushed)) };
}

pub(crate) use opcodes;

/// Whether `word` occurs in `text` (at compile time: the table's expressions, as written).
const fn mentions(text: &str, word: &str) -> bool {
    let (text, word) = (text.as_bytes(), word.as_bytes());
    let mut i = 0;
    while i + word.len() <= text.len() {
        let mut k = 0;
        while k < word.len() && text[i + k] == word[k] {
            k += 1;
        }
        if k == word.len() {
            return true;
        }
        i += 1;
    }
    false
}

/// One more than the highest instruction number: the size of the tables indexed by it.
const NUMBERS: usize = MIN_PSEUDO_OPCODE as usize + 12;

/// [`Opcode::cache_entries`] of every instruction, by number.
const CACHE_ENTRIES: [u8; NUMBERS] = {
    let mut table = [0u8; NUMBERS];
    let mut i = 0;
    while i < Opcode::ALL.len() {
        let op = Opcode::ALL[i];
        let format = op.cache_format();
        let mut total = 0;
        let mut k = 0;
        while k < format.len() {
            total += format[k].size;
            k += 1;
        }
        table[op as usize] = total;
        i += 1;
    }
    table
};

/// [`Opcode::is_emittable`] of every instruction, by number.
const EMITTABLE: [bool; NUMBERS] = {
    let mut table = [false; NUMBERS];
    let mut i = 0;
    while i < Opcode::ALL.len() {
        let op = Opcode::ALL[i];
        table[op as usize] = !(op.is_pseudo()
            || op.is_specialized()
            || op.is_instrumented()
            || matches!(
                op,
                Opcode::CACHE | Opcode::RESERVED | Opcode::EXTENDED_ARG | Opcode::ENTER_EXECUTOR
            ));
        i += 1;
    }
    table
};

impl Opcode {
    /// The instruction's number: `opcode.opmap[name]`, or `opcode._specialized_opmap[name]`
    /// for a specialized one; 256 and up for pseudo-instructions.
    pub const fn number(self) -> u16 {
        self as u16
    }

    /// The instruction with this number.
    ///
    /// ```
    /// use pyrs_bytecode::Opcode;
    ///
    /// assert_eq!(Opcode::from_number(83), Some(Opcode::LOAD_CONST));
    /// assert_eq!(Opcode::from_number(119), None);
    /// ```
    pub fn from_number(number: u16) -> Option<Opcode> {
        table::by_number(number)
    }

    /// The real instruction a code unit's opcode byte names (pseudo-instructions have numbers
    /// above 255 and so never come back from here).
    pub fn from_byte(byte: u8) -> Option<Opcode> {
        table::by_number(u16::from(byte))
    }

    /// The instruction with this name (as `dis` prints it).
    pub fn from_name(name: &str) -> Option<Opcode> {
        Opcode::ALL.iter().copied().find(|op| op.name() == name)
    }

    /// Whether this is a pseudo-instruction, which only the compiler's instruction sequence
    /// holds (`JUMP`, `SETUP_FINALLY`, `LOAD_CLOSURE`…).
    pub const fn is_pseudo(self) -> bool {
        self.number() >= MIN_PSEUDO_OPCODE
    }

    /// Whether this is one of the `INSTRUMENTED_*` instructions that `sys.monitoring` puts in
    /// place of others.
    pub const fn is_instrumented(self) -> bool {
        let n = self.number();
        n >= MIN_INSTRUMENTED_OPCODE && n < MIN_PSEUDO_OPCODE
    }

    /// Whether this is a specialized form of another instruction (PEP 659).
    pub const fn is_specialized(self) -> bool {
        self.deopt() as u16 != self as u16
    }

    /// Whether CPython's metadata has an entry for the instruction (`_opcode.is_valid`): every
    /// instruction but `INSTRUMENTED_LINE`, a marker whose real instruction is kept aside.
    pub const fn is_valid(self) -> bool {
        self.table_stack(0).is_some()
    }

    /// What the oparg means. A specialized instruction answers for its base instruction.
    pub const fn operand(self) -> OperandKind {
        match self.table_operand() {
            Some(kind) => kind,
            None => match self.deopt().table_operand() {
                Some(kind) => kind,
                None => OperandKind::None,
            },
        }
    }

    /// CPython's metadata flags (`_opcode.has_arg`, `has_const`, `has_name`, `has_jump`,
    /// `has_free`, `has_local`, `has_exc`, and `dis.hascompare`).
    pub const fn flags(self) -> OpcodeFlags {
        match self.table_flags() {
            Some(flags) => flags,
            None => match self.table_operand() {
                Some(kind) => kind.flags(),
                None => OpcodeFlags::NONE,
            },
        }
    }

    /// Whether the instruction uses its oparg.
    pub const fn has_arg(self) -> bool {
        self.flags().contains(OpcodeFlags::ARG)
    }

    /// Whether the instruction jumps (conditionally or not) to a target in its oparg.
    pub const fn is_jump(self) -> bool {
        self.flags().contains(OpcodeFlags::JUMP)
    }

    /// The layout of the inline cache that follows the instruction in the code: the base
    /// instruction's for a specialized one (`opcode._cache_format`).
    pub const fn cache_format(self) -> &'static [CacheField] {
        self.deopt().table_cache()
    }

    /// How many code units of inline cache follow the instruction
    /// (`opcode._inline_cache_entries` of its base instruction).
    ///
    /// ```
    /// use pyrs_bytecode::Opcode;
    ///
    /// assert_eq!(Opcode::LOAD_ATTR.cache_entries(), 9);
    /// assert_eq!(Opcode::LOAD_ATTR_MODULE.cache_entries(), 9);
    /// assert_eq!(Opcode::POP_TOP.cache_entries(), 0);
    /// ```
    pub const fn cache_entries(self) -> u32 {
        // Asked for every instruction the assembler lays out: read from a table the
        // compiler derives from `cache_format` once.
        CACHE_ENTRIES[self as usize] as u32
    }

    /// Whether the instruction can appear in a code object's code units: not a
    /// pseudo-instruction, a specialized or instrumented form, `CACHE`, `RESERVED`,
    /// `EXTENDED_ARG` (the assembler writes those) nor `ENTER_EXECUTOR`.
    pub const fn is_emittable(self) -> bool {
        EMITTABLE[self as usize]
    }

    /// How many values the instruction pops and pushes on the path to the next instruction
    /// (for a jump, both paths alike, except the `SETUP_*` pseudo-instructions: see
    /// [`Opcode::jump_stack_effect`]). `None` for `INSTRUMENTED_LINE`.
    // Always inlined: the compiler's stack-depth pass asks for every instruction it lays out,
    // and the table's match then becomes a jump table in its loop.
    #[inline(always)]
    pub const fn stack_effect(self, oparg: u32) -> Option<StackEffect> {
        match self.table_stack(oparg as i64) {
            Some(pair) => Some(StackEffect::from_pair(pair)),
            None => None,
        }
    }

    /// Whether [`Opcode::stack_effect`] depends on the oparg (`BUILD_TUPLE`'s does,
    /// `LOAD_FAST`'s does not); where it does not, the effect of any oparg is that of 0.
    pub const fn stack_effect_uses_oparg(self) -> bool {
        self.table_stack_uses_oparg()
    }

    /// The stack effect on the path to the jump target: for the `SETUP_*` pseudo-instructions,
    /// the values the exception handler starts with; otherwise the same as
    /// [`Opcode::stack_effect`].
    #[inline]
    pub const fn jump_stack_effect(self, oparg: u32) -> Option<StackEffect> {
        match self.table_jump_stack(oparg as i64) {
            Some(pair) => Some(StackEffect::from_pair(pair)),
            None => self.stack_effect(oparg),
        }
    }

    /// The net stack effect exactly as `dis.stack_effect(opcode, oparg, jump=jump)` gives it:
    /// `None` where that raises `ValueError` (specialized instructions, `INSTRUMENTED_LINE`);
    /// with `jump` unset, the larger of the two paths.
    ///
    /// ```
    /// use pyrs_bytecode::Opcode;
    ///
    /// assert_eq!(Opcode::SETUP_FINALLY.dis_stack_effect(0, None), Some(1));
    /// assert_eq!(Opcode::SETUP_FINALLY.dis_stack_effect(0, Some(false)), Some(0));
    /// assert_eq!(Opcode::BUILD_LIST.dis_stack_effect(3, None), Some(-2));
    /// assert_eq!(Opcode::BINARY_OP_ADD_INT.dis_stack_effect(0, None), None);
    /// ```
    pub const fn dis_stack_effect(self, oparg: u32, jump: Option<bool>) -> Option<i64> {
        if self.is_specialized() {
            return None;
        }
        let (normal, jumped) = match (self.stack_effect(oparg), self.jump_stack_effect(oparg)) {
            (Some(normal), Some(jumped)) => (normal.net(), jumped.net()),
            _ => return None,
        };
        Some(match jump {
            Some(true) => jumped,
            Some(false) => normal,
            None => {
                if jumped > normal {
                    jumped
                } else {
                    normal
                }
            }
        })
    }
}

impl std::fmt::Debug for Opcode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::fmt::Display for Opcode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}
