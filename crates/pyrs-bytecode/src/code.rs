//! [`CodeObject`], CPython's code object (Objects/codeobject.c), with its code units,
//! flags, fast-local kinds, instruction iterator and validity check.

use std::fmt;
use std::iter::FusedIterator;

use pyrs_ast::{Identifier, StrValue};

use crate::constant::Constant;
use crate::exception_table::{self, ExceptionTableEntry};
use crate::linetable::{self, LineRange, Positions};
use crate::opcode::{Opcode, OperandKind};

/// One 16-bit code unit: an instruction's opcode and oparg byte, or one unit of an inline
/// cache (CPython's `_Py_CODEUNIT`).
///
/// `co_code` is these units as bytes, opcode first. A cache unit holds a 16-bit value whose
/// low byte is stored in `opcode` and high byte in `arg` (the little-endian layout of
/// CPython's `cache` field); compiled code has zero in every cache unit (`CACHE`, 0).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[repr(C)]
pub struct CodeUnit {
    /// The opcode byte.
    pub opcode: u8,
    /// The oparg byte.
    pub arg: u8,
}

impl CodeUnit {
    /// An instruction unit.
    pub const fn new(opcode: Opcode, arg: u8) -> CodeUnit {
        CodeUnit {
            opcode: opcode.number() as u8,
            arg,
        }
    }

    /// The unit read as a cache value.
    pub const fn cache(self) -> u16 {
        u16::from_le_bytes([self.opcode, self.arg])
    }

    /// A cache unit holding `value`.
    pub const fn from_cache(value: u16) -> CodeUnit {
        let [opcode, arg] = value.to_le_bytes();
        CodeUnit { opcode, arg }
    }
}

/// `co_flags`: the `CO_*` bits of Include/cpython/code.h.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct CodeFlags(pub u32);

macro_rules! code_flags {
    ($($(#[doc = $doc:literal])* $name:ident = $bits:literal, $python:literal, $future:literal;)*) => {
        impl CodeFlags {
            $($(#[doc = $doc])* pub const $name: CodeFlags = CodeFlags($bits);)*

            /// Every named flag with the name `dis.COMPILER_FLAG_NAMES` (or `__future__`, for
            /// a future feature) gives it.
            const NAMED: &'static [(CodeFlags, &'static str, &'static str)] =
                &[$((CodeFlags::$name, $python, $future)),*];
        }
    };
}

code_flags! {
    /// Locals are fast locals (functions).
    OPTIMIZED = 0x1, "OPTIMIZED", "";
    /// A new locals dict for each call.
    NEWLOCALS = 0x2, "NEWLOCALS", "";
    /// Has a `*args` parameter.
    VARARGS = 0x4, "VARARGS", "";
    /// Has a `**kwargs` parameter.
    VARKEYWORDS = 0x8, "VARKEYWORDS", "";
    /// A nested function.
    NESTED = 0x10, "NESTED", "nested_scopes";
    /// A generator function.
    GENERATOR = 0x20, "GENERATOR", "";
    /// No free or cell variables (kept for `inspect`; CPython 3.13 no longer sets it).
    NOFREE = 0x40, "NOFREE", "";
    /// A coroutine function (`async def`).
    COROUTINE = 0x80, "COROUTINE", "";
    /// A generator-based coroutine (`types.coroutine`).
    ITERABLE_COROUTINE = 0x100, "ITERABLE_COROUTINE", "";
    /// An async generator function.
    ASYNC_GENERATOR = 0x200, "ASYNC_GENERATOR", "";
    /// `from __future__ import division`.
    FUTURE_DIVISION = 0x20000, "", "division";
    /// `from __future__ import absolute_import`.
    FUTURE_ABSOLUTE_IMPORT = 0x40000, "", "absolute_import";
    /// `from __future__ import with_statement`.
    FUTURE_WITH_STATEMENT = 0x80000, "", "with_statement";
    /// `from __future__ import print_function`.
    FUTURE_PRINT_FUNCTION = 0x100000, "", "print_function";
    /// `from __future__ import unicode_literals`.
    FUTURE_UNICODE_LITERALS = 0x200000, "", "unicode_literals";
    /// `from __future__ import barry_as_FLUFL`.
    FUTURE_BARRY_AS_BDFL = 0x400000, "", "barry_as_FLUFL";
    /// `from __future__ import generator_stop`.
    FUTURE_GENERATOR_STOP = 0x800000, "", "generator_stop";
    /// `from __future__ import annotations`.
    FUTURE_ANNOTATIONS = 0x1000000, "", "annotations";
    /// Not monitored by `sys.monitoring`.
    NO_MONITORING_EVENTS = 0x2000000, "", "";
}

impl CodeFlags {
    /// No flag.
    pub const NONE: CodeFlags = CodeFlags(0);

    /// The bits.
    pub const fn bits(self) -> u32 {
        self.0
    }

    /// Whether every flag of `other` is set.
    pub const fn contains(self, other: CodeFlags) -> bool {
        self.0 & other.0 == other.0
    }

    /// The flag `dis.COMPILER_FLAG_NAMES` calls `name` (`"OPTIMIZED"`, `"GENERATOR"`…).
    pub fn from_name(name: &str) -> Option<CodeFlags> {
        CodeFlags::NAMED
            .iter()
            .find(|(_, n, _)| !n.is_empty() && *n == name)
            .map(|(f, _, _)| *f)
    }

    /// The flag a `from __future__ import feature` sets.
    pub fn future(feature: &str) -> Option<CodeFlags> {
        CodeFlags::NAMED
            .iter()
            .find(|(_, _, f)| !f.is_empty() && *f == feature)
            .map(|(f, _, _)| *f)
    }
}

impl std::ops::BitOr for CodeFlags {
    type Output = CodeFlags;
    fn bitor(self, rhs: CodeFlags) -> CodeFlags {
        CodeFlags(self.0 | rhs.0)
    }
}

impl std::ops::BitOrAssign for CodeFlags {
    fn bitor_assign(&mut self, rhs: CodeFlags) {
        self.0 |= rhs.0;
    }
}

impl fmt::Debug for CodeFlags {
    /// As `dis.pretty_flags` writes them: `OPTIMIZED, NEWLOCALS, 0x20000`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for bit in 0..32 {
            let flag = 1u32 << bit;
            if self.0 & flag == 0 {
                continue;
            }
            if !first {
                f.write_str(", ")?;
            }
            first = false;
            match CodeFlags::NAMED
                .iter()
                .find(|(c, n, _)| c.0 == flag && !n.is_empty())
            {
                Some((_, name, _)) => f.write_str(name)?,
                None => write!(f, "{flag:#x}")?,
            }
        }
        if first {
            f.write_str("0x0")?;
        }
        Ok(())
    }
}

/// The kind of a fast local (`co_localspluskinds`; `CO_FAST_*` of
/// Include/internal/pycore_code.h).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct LocalKind(pub u8);

impl LocalKind {
    /// A comprehension's variable inlined into the enclosing function (PEP 709), hidden from
    /// `locals()`.
    pub const HIDDEN: LocalKind = LocalKind(0x10);
    /// A local variable (parameters included): in `co_varnames`.
    pub const LOCAL: LocalKind = LocalKind(0x20);
    /// A cell for a variable inner functions capture: in `co_cellvars`.
    pub const CELL: LocalKind = LocalKind(0x40);
    /// A free variable from an enclosing function: in `co_freevars`.
    pub const FREE: LocalKind = LocalKind(0x80);

    /// Whether every bit of `other` is set.
    pub const fn contains(self, other: LocalKind) -> bool {
        self.0 & other.0 == other.0
    }
}

impl std::ops::BitOr for LocalKind {
    type Output = LocalKind;
    fn bitor(self, rhs: LocalKind) -> LocalKind {
        LocalKind(self.0 | rhs.0)
    }
}

/// One fast local: a name in `co_localsplusnames` and its kind.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct LocalVar {
    /// The variable's name.
    pub name: Identifier,
    /// What kind of variable it is.
    pub kind: LocalKind,
}

/// A code object: the compiled form of a module, class body, function, lambda or
/// comprehension, with every attribute CPython 3.13's code objects show Python code.
///
/// Fields are public, as a data definition's are; [`CodeObject::validate`] checks that they
/// agree with each other (what the builder and [`CodeObject::from_bytes`] guarantee for the
/// objects they make).
///
/// The fast locals follow 3.13's "locals plus" layout: one array of names with kinds,
/// parameters first, from which `co_varnames`, `co_cellvars`, `co_freevars` and `co_nlocals`
/// are derived ([`CodeObject::varnames`]…). Opargs of `haslocal` and `hasfree` instructions
/// index that array.
///
/// Names (`co_names`, the fast locals' names, `co_name`, `co_qualname`) are
/// [`Identifier`]s, the tree's name type: one of up to 22 bytes, nearly every name, is kept
/// inside the value, so the compiler gives each code unit its names without allocating a
/// string per name. They deref to `str`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CodeObject {
    /// `co_argcount`: positional parameters, positional-only ones included.
    pub argcount: u32,
    /// `co_posonlyargcount`.
    pub posonlyargcount: u32,
    /// `co_kwonlyargcount`.
    pub kwonlyargcount: u32,
    /// `co_stacksize`: the most values the code ever has on its value stack.
    pub stacksize: u32,
    /// `co_flags`.
    pub flags: CodeFlags,
    /// The code units (`co_code` as 16-bit units), inline caches included.
    pub code: Vec<CodeUnit>,
    /// `co_consts`.
    pub consts: Vec<Constant>,
    /// `co_names`: global, attribute and imported names.
    pub names: Vec<Identifier>,
    /// The fast locals: `co_localsplusnames` with `co_localspluskinds`.
    pub localsplus: Vec<LocalVar>,
    /// `co_filename` (a str, which may hold surrogate escapes of undecodable bytes).
    pub filename: StrValue,
    /// `co_name`.
    pub name: Identifier,
    /// `co_qualname`.
    pub qualname: Identifier,
    /// `co_firstlineno`.
    pub firstlineno: u32,
    /// `co_linetable`, decoded by [`CodeObject::positions`] and [`CodeObject::lines`].
    pub linetable: Vec<u8>,
    /// `co_exceptiontable`, decoded by [`CodeObject::exception_entries`].
    pub exceptiontable: Vec<u8>,
}

impl CodeObject {
    /// `co_code`: the code units as bytes.
    pub fn code_bytes(&self) -> Vec<u8> {
        self.code.iter().flat_map(|u| [u.opcode, u.arg]).collect()
    }

    /// `co_varnames`: local variables, parameters first.
    pub fn varnames(&self) -> impl Iterator<Item = &str> {
        self.names_of(LocalKind::LOCAL)
    }

    /// `co_cellvars`.
    pub fn cellvars(&self) -> impl Iterator<Item = &str> {
        self.names_of(LocalKind::CELL)
    }

    /// `co_freevars`.
    pub fn freevars(&self) -> impl Iterator<Item = &str> {
        self.names_of(LocalKind::FREE)
    }

    /// `co_nlocals`: how many of the fast locals are local variables.
    pub fn nlocals(&self) -> usize {
        self.varnames().count()
    }

    fn names_of(&self, kind: LocalKind) -> impl Iterator<Item = &str> {
        self.localsplus
            .iter()
            .filter(move |v| v.kind.contains(kind))
            .map(|v| &*v.name)
    }

    /// `co_positions()`: the source span of each code unit.
    pub fn positions(&self) -> impl Iterator<Item = Positions> + '_ {
        linetable::positions(&self.linetable, self.firstlineno)
    }

    /// `co_lines()`, in code units.
    pub fn lines(&self) -> Vec<LineRange> {
        linetable::lines(&self.linetable, self.firstlineno)
    }

    /// The line of the instruction at code unit `offset` (`PyCode_Addr2Line`), `None` when
    /// it has none.
    pub fn line_at(&self, offset: u32) -> Option<u32> {
        let mut start = 0u32;
        for entry in linetable::entries(&self.linetable, self.firstlineno) {
            let end = start.saturating_add(entry.length);
            if offset < end {
                return entry.positions.lineno;
            }
            start = end;
        }
        None
    }

    /// The entries of `co_exceptiontable`.
    pub fn exception_entries(&self) -> exception_table::Entries<'_> {
        exception_table::decode(&self.exceptiontable)
    }

    /// The handler for an exception raised at code unit `offset`.
    pub fn handler_at(&self, offset: u32) -> Option<ExceptionTableEntry> {
        exception_table::find_handler(&self.exceptiontable, offset)
    }

    /// The instructions, as `dis` walks them: every instruction once, inline caches skipped,
    /// `EXTENDED_ARG` prefixes yielded as instructions of their own.
    pub fn instructions(&self) -> Instructions<'_> {
        Instructions {
            code: &self.code,
            pos: 0,
            extended: 0,
            prefixes: 0,
        }
    }

    /// `repr(code)`: `<code object NAME at 0xADDRESS, file "FILE", line N>`, the address being
    /// this value's.
    pub fn repr(&self) -> String {
        format!(
            "<code object {} at {:p}, file \"{}\", line {}>",
            self.name,
            self as *const CodeObject,
            self.filename.to_string_lossy(),
            self.firstlineno
        )
    }

    /// Checks that the parts agree, so that walking, disassembling or running the code cannot
    /// index out of bounds: every opcode is a real instruction, no instruction or inline cache
    /// runs past the end, opargs that index `co_consts`, `co_names` or the fast locals are in
    /// range, jumps land inside the code, exception handlers lie inside the code and the
    /// exception table decodes to the end, the kinds of the fast locals are meaningful, and
    /// the parameter counts fit. Nested code objects are checked too.
    ///
    /// It does not check that the stack is balanced or that `stacksize` suffices; that is the
    /// compiler's (and the builder's) business.
    pub fn validate(&self) -> Result<(), CodeError> {
        let len = self.code.len() as u64;
        let err = |offset: u32, what: String| Err(CodeError { offset, what });
        if self.code.is_empty() {
            return err(0, "code is empty".into());
        }
        let nlocalsplus = self.localsplus.len() as u64;
        for var in &self.localsplus {
            let k = var.kind;
            let known = LocalKind::HIDDEN | LocalKind::LOCAL | LocalKind::CELL | LocalKind::FREE;
            if k.0 & !known.0 != 0 || k.0 & 0xE0 == 0 {
                return err(0, format!("local {:?} has kind {:#x}", var.name, k.0));
            }
        }
        let params = u64::from(self.argcount)
            + u64::from(self.kwonlyargcount)
            + u64::from(self.flags.contains(CodeFlags::VARARGS))
            + u64::from(self.flags.contains(CodeFlags::VARKEYWORDS));
        if self.posonlyargcount > self.argcount || params > self.nlocals() as u64 {
            return err(0, "parameter counts exceed the locals".into());
        }
        for ins in self.instructions() {
            let Some(op) = ins.opcode() else {
                return err(ins.offset, format!("unknown opcode {}", ins.byte));
            };
            if u64::from(ins.end()) > len {
                return err(ins.offset, format!("{op} runs past the end of the code"));
            }
            if !op.deopt().has_arg() {
                continue;
            }
            let oparg = u64::from(ins.oparg);
            let (index, bound, what) = match op.operand() {
                OperandKind::Const => (oparg, self.consts.len() as u64, "co_consts"),
                OperandKind::Name => (oparg, self.names.len() as u64, "co_names"),
                OperandKind::GlobalName | OperandKind::AttrName => {
                    (oparg >> 1, self.names.len() as u64, "co_names")
                }
                OperandKind::SuperAttrName => (oparg >> 2, self.names.len() as u64, "co_names"),
                OperandKind::Local | OperandKind::Free => (oparg, nlocalsplus, "the fast locals"),
                OperandKind::LocalPair => {
                    ((oparg >> 4).max(oparg & 15), nlocalsplus, "the fast locals")
                }
                OperandKind::JumpForward | OperandKind::JumpBackward => match ins.jump_target() {
                    Some(target) => (u64::from(target), len, "the code"),
                    None => (u64::MAX, len, "the code"),
                },
                _ => continue,
            };
            if index >= bound {
                return err(ins.offset, format!("{op} {oparg} is outside {what}"));
            }
        }
        let mut decoded_end = 0usize;
        for entry in self.exception_entries() {
            let inside = |x: u32| u64::from(x) < len;
            if entry.start >= entry.end || !inside(entry.start) || u64::from(entry.end) > len {
                return err(entry.start, "exception table range outside the code".into());
            }
            if !inside(entry.target) {
                return err(entry.start, "exception handler outside the code".into());
            }
            decoded_end += exception_table::encode(&[entry]).len();
        }
        if decoded_end != self.exceptiontable.len() {
            return err(0, "exception table is malformed".into());
        }
        for constant in &self.consts {
            validate_constant(constant)?;
        }
        Ok(())
    }
}

fn validate_constant(constant: &Constant) -> Result<(), CodeError> {
    match constant {
        Constant::Code(code) => code.validate(),
        Constant::Tuple(items) | Constant::FrozenSet(items) => {
            items.iter().try_for_each(validate_constant)
        }
        _ => Ok(()),
    }
}

/// What [`CodeObject::validate`] found wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeError {
    /// The code unit concerned (0 when none is).
    pub offset: u32,
    /// What is wrong.
    pub what: String,
}

impl fmt::Display for CodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid code object at code unit {}: {}",
            self.offset, self.what
        )
    }
}

impl std::error::Error for CodeError {}

/// One instruction as [`CodeObject::instructions`] finds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Instruction {
    /// The code unit of the opcode.
    pub offset: u32,
    /// The code unit of the first `EXTENDED_ARG` before it (`offset` when none is).
    pub start: u32,
    /// The opcode byte as stored: possibly a specialized instruction, or no instruction at
    /// all in an unchecked code object.
    pub byte: u8,
    /// The oparg, with the bytes of the `EXTENDED_ARG` prefixes before its own; 0 when the
    /// (base) instruction takes none.
    pub oparg: u32,
}

impl Instruction {
    /// The instruction, `None` for an unknown opcode byte.
    pub fn opcode(&self) -> Option<Opcode> {
        Opcode::from_byte(self.byte)
    }

    /// Inline cache units after the opcode unit.
    pub fn cache_entries(&self) -> u32 {
        self.opcode().map_or(0, Opcode::cache_entries)
    }

    /// The code unit after the instruction and its caches.
    pub fn end(&self) -> u32 {
        self.offset + 1 + self.cache_entries()
    }

    /// The code unit a jump goes to (counted from [`Instruction::end`]); `None` for other
    /// instructions, or a backward jump before the start.
    pub fn jump_target(&self) -> Option<u32> {
        match self.opcode()?.deopt().operand() {
            OperandKind::JumpForward => self.end().checked_add(self.oparg),
            OperandKind::JumpBackward => self.end().checked_sub(self.oparg),
            _ => None,
        }
    }
}

/// Iterator over a code object's instructions; see [`CodeObject::instructions`].
#[derive(Clone, Debug)]
pub struct Instructions<'a> {
    code: &'a [CodeUnit],
    pos: usize,
    extended: u32,
    prefixes: u32,
}

impl Iterator for Instructions<'_> {
    type Item = Instruction;

    fn next(&mut self) -> Option<Instruction> {
        let unit = *self.code.get(self.pos)?;
        let offset = self.pos as u32;
        let op = Opcode::from_byte(unit.opcode).map(Opcode::deopt);
        let caches = op.map_or(0, Opcode::cache_entries) as usize;
        self.pos = self.pos.saturating_add(1 + caches);
        let has_arg = op.is_some_and(Opcode::has_arg);
        let oparg = if has_arg {
            self.extended | u32::from(unit.arg)
        } else {
            0
        };
        if op == Some(Opcode::EXTENDED_ARG) {
            self.extended = oparg << 8;
            self.prefixes += 1;
            return Some(Instruction {
                offset,
                start: offset,
                byte: unit.opcode,
                oparg,
            });
        }
        self.extended = 0;
        let start = offset - self.prefixes;
        self.prefixes = 0;
        Some(Instruction {
            offset,
            start,
            byte: unit.opcode,
            oparg,
        })
    }
}

impl FusedIterator for Instructions<'_> {}
