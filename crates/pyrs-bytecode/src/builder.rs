//! [`CodeBuilder`]: the assembler the compiler hands its final instruction sequence to, which
//! makes a [`CodeObject`] of it (CPython's Python/assemble.c).
//!
//! CPython's compiler works in three steps: code generation emits an instruction sequence
//! with labels and pseudo-instructions; the flow-graph passes (Python/flowgraph.c) optimise
//! it, decide which exception handler covers each instruction and compute the stack depth;
//! the assembler lays the result out in code units. The first two steps belong to
//! pyrs-compiler. This builder is the third: it takes instructions in their final order, each
//! with its location and exception handler, and
//!
//! - resolves labels to jump offsets, choosing the direction of `JUMP` and
//!   `JUMP_NO_INTERRUPT`, and adds `EXTENDED_ARG` prefixes where opargs need them (repeating
//!   the layout until no jump changes size, as CPython does);
//! - turns the simple pseudo-instructions into real ones (`LOAD_CLOSURE` → `LOAD_FAST`,
//!   `STORE_FAST_MAYBE_NULL` → `STORE_FAST`, `LOAD_METHOD` → `LOAD_ATTR`, the `super` forms →
//!   `LOAD_SUPER_ATTR`), and refuses the block ones (`SETUP_*`, `POP_BLOCK`), whose meaning
//!   needs the flow graph;
//! - writes the inline caches (zeros), the location table and the exception table with
//!   CPython's encodings, byte for byte;
//! - computes the stack size from the final instructions, unless the compiler gives its own.

use std::collections::HashMap;
use std::fmt;

use pyrs_ast::{Identifier, StrValue};

use crate::code::{CodeFlags, CodeObject, CodeUnit, LocalKind, LocalVar};
use crate::constant::Constant;
use crate::exception_table::{self, ExceptionTableEntry};
use crate::linetable::{self, Positions};
use crate::opcode::{Flow, Opcode, OperandKind};

/// A jump target in the instruction sequence, made by [`CodeBuilder::new_label`] and placed by
/// [`CodeBuilder::bind`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Label(u32);

/// The exception handler covering an instruction: where exceptions raised there go.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Handler {
    /// The handler's first instruction.
    pub label: Label,
    /// The value-stack depth the handler starts from, before what is pushed for it (the
    /// exception table's depth: CPython's `h_startdepth - 1 - preserve_lasti`).
    pub depth: u32,
    /// Whether the offset of the raising instruction is pushed below the exception.
    pub lasti: bool,
}

/// One emitted instruction. Its handler is an index into the builder's list of them, and
/// its location is found by its index in `location_starts`: both lists grow only when the
/// value changes, since consecutive instructions mostly share both, and the tables are
/// written run by run.
#[derive(Clone, Copy, Debug)]
struct Instr {
    op: Opcode,
    /// Whether `arg` is a label.
    jump: bool,
    arg: u32,
    /// [`NO_HANDLER`] or an index into `handlers`.
    handler: u32,
}

/// No handler covers the instruction (and no label is set yet).
const NO_HANDLER: u32 = u32::MAX;

/// Builds a [`CodeObject`] from a final instruction sequence.
///
/// ```
/// use pyrs_bytecode::{CodeBuilder, CodeFlags, Constant, LocalKind, Opcode, Positions};
///
/// // def f(x): return x if x else 0
/// let mut b = CodeBuilder::new("f", "f", "example.py", 1);
/// b.argcount = 1;
/// b.flags = CodeFlags::OPTIMIZED | CodeFlags::NEWLOCALS;
/// let x = b.add_local("x", LocalKind::LOCAL);
/// b.set_location(Positions::new(1, 1, 0, 0));
/// b.emit(Opcode::RESUME, 0);
/// b.set_location(Positions::new(1, 1, 17, 18));
/// b.emit(Opcode::LOAD_FAST, x);
/// b.emit(Opcode::TO_BOOL, 0);
/// let zero = b.new_label();
/// b.emit_jump(Opcode::POP_JUMP_IF_FALSE, zero);
/// b.set_location(Positions::new(1, 1, 12, 13));
/// b.emit(Opcode::LOAD_FAST, x);
/// b.set_location(Positions::new(1, 1, 5, 25));
/// b.emit(Opcode::RETURN_VALUE, 0);
/// b.bind(zero);
/// let c = b.add_const(Constant::int(0));
/// b.emit(Opcode::RETURN_CONST, c);
/// let code = b.finish().unwrap();
/// assert_eq!(code.code.len(), 11); // TO_BOOL and POP_JUMP_IF_FALSE have caches
/// assert_eq!(code.stacksize, 1);
/// ```
#[derive(Debug)]
pub struct CodeBuilder {
    /// `co_argcount`.
    pub argcount: u32,
    /// `co_posonlyargcount`.
    pub posonlyargcount: u32,
    /// `co_kwonlyargcount`.
    pub kwonlyargcount: u32,
    /// `co_flags`.
    pub flags: CodeFlags,
    name: Identifier,
    qualname: Identifier,
    filename: StrValue,
    firstlineno: u32,
    consts: Vec<Constant>,
    const_index: HashMap<Constant, u32>,
    names: Vec<Identifier>,
    name_index: HashMap<Box<str>, u32>,
    localsplus: Vec<LocalVar>,
    local_index: HashMap<Box<str>, u32>,
    instrs: Vec<Instr>,
    labels: Vec<Option<usize>>,
    /// The locations and handlers instructions refer to; the last of each is the current
    /// one, unless `location_set`/`handler_set` say a new one was set since.
    locations: Vec<Positions>,
    /// The first instruction of each entry of `locations`.
    location_starts: Vec<u32>,
    location: Positions,
    location_set: bool,
    handlers: Vec<Handler>,
    handler: Option<Handler>,
    handler_set: bool,
    stacksize: Option<u32>,
    error: Option<BuildError>,
}

impl CodeBuilder {
    /// A builder for the code object `name` (`qualname` its qualified name) of `filename`,
    /// starting at line `firstlineno`.
    pub fn new(
        name: impl Into<Identifier>,
        qualname: impl Into<Identifier>,
        filename: impl Into<StrValue>,
        firstlineno: u32,
    ) -> CodeBuilder {
        CodeBuilder {
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            flags: CodeFlags::NONE,
            name: name.into(),
            qualname: qualname.into(),
            filename: filename.into(),
            firstlineno,
            consts: Vec::new(),
            const_index: HashMap::new(),
            names: Vec::new(),
            name_index: HashMap::new(),
            localsplus: Vec::new(),
            local_index: HashMap::new(),
            instrs: Vec::new(),
            labels: Vec::new(),
            locations: Vec::new(),
            location_starts: Vec::new(),
            location: Positions::NONE,
            location_set: true,
            handlers: Vec::new(),
            handler: None,
            handler_set: true,
            stacksize: None,
            error: None,
        }
    }

    /// The index of `value` in `co_consts`, adding it if no equal constant is there yet (see
    /// [`Constant`]'s equality). Code objects are always added anew.
    pub fn add_const(&mut self, value: Constant) -> u32 {
        if matches!(value, Constant::Code(_)) {
            self.consts.push(value);
            return self.consts.len() as u32 - 1;
        }
        if let Some(&i) = self.const_index.get(&value) {
            return i;
        }
        let i = self.consts.len() as u32;
        self.const_index.insert(value.clone(), i);
        self.consts.push(value);
        i
    }

    /// The index of `name` in `co_names`, adding it if it is not there yet.
    pub fn add_name(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.name_index.get(name) {
            return i;
        }
        let i = self.names.len() as u32;
        self.name_index.insert(name.into(), i);
        self.names.push(name.into());
        i
    }

    /// The index of the fast local `name`, adding it with `kind` if it is not there yet (an
    /// existing one gains `kind`'s bits). Parameters must be added first, in order.
    pub fn add_local(&mut self, name: &str, kind: LocalKind) -> u32 {
        if let Some(&i) = self.local_index.get(name) {
            let var = &mut self.localsplus[i as usize];
            var.kind = var.kind | kind;
            return i;
        }
        let i = self.localsplus.len() as u32;
        self.local_index.insert(name.into(), i);
        self.localsplus.push(LocalVar {
            name: name.into(),
            kind,
        });
        i
    }

    /// The location of the instructions emitted from now on.
    pub fn set_location(&mut self, location: Positions) {
        if location != self.location {
            self.location = location;
            self.location_set = true;
        }
    }

    /// The exception handler of the instructions emitted from now on (`None`: exceptions
    /// leave the code object).
    pub fn set_handler(&mut self, handler: Option<Handler>) {
        if handler != self.handler {
            self.handler = handler;
            self.handler_set = true;
        }
    }

    /// Gives the stack size instead of letting [`CodeBuilder::finish`] compute it. CPython's
    /// compiler counts it on the flow graph before its last transformations, which can give a
    /// larger figure than the final instructions need (1 for `def f(): pass`, whose code never
    /// holds a value); a compiler that wants CPython's `co_stacksize` passes its own count.
    pub fn set_stacksize(&mut self, stacksize: u32) {
        self.stacksize = Some(stacksize);
    }

    /// A new label, to be placed with [`CodeBuilder::bind`].
    pub fn new_label(&mut self) -> Label {
        self.labels.push(None);
        Label(self.labels.len() as u32 - 1)
    }

    /// Places `label` at the next instruction emitted.
    pub fn bind(&mut self, label: Label) {
        match self.labels.get_mut(label.0 as usize) {
            Some(slot @ None) => *slot = Some(self.instrs.len()),
            Some(Some(_)) => self.fail(BuildError::LabelBoundTwice(label)),
            None => self.fail(BuildError::UnknownLabel(label)),
        }
    }

    /// Emits an instruction that does not jump. Its oparg may be any `u32`: `EXTENDED_ARG`
    /// prefixes are added as needed. Pseudo-instructions that name a local or a name (such as
    /// `LOAD_CLOSURE`, `LOAD_METHOD`) take the plain index.
    pub fn emit(&mut self, op: Opcode, oparg: u32) {
        match op.operand() {
            OperandKind::Handler => self.fail(BuildError::NotAllowed(op)),
            OperandKind::JumpForward | OperandKind::JumpBackward | OperandKind::Jump => {
                self.fail(BuildError::JumpWithoutLabel(op))
            }
            _ => self.push(op, false, oparg),
        }
    }

    /// Emits a jump to `target`: a real jump (`POP_JUMP_IF_FALSE`, `FOR_ITER`, `SEND`,
    /// `JUMP_BACKWARD`…), or `JUMP` / `JUMP_NO_INTERRUPT`, whose direction is chosen here.
    pub fn emit_jump(&mut self, op: Opcode, target: Label) {
        match op.operand() {
            OperandKind::JumpForward | OperandKind::JumpBackward | OperandKind::Jump => {
                self.push(op, true, target.0)
            }
            OperandKind::Handler => self.fail(BuildError::NotAllowed(op)),
            _ => self.fail(BuildError::NotAJump(op)),
        }
    }

    /// Makes room for `additional` more instructions (a caller that knows how many it will
    /// emit saves the builder from growing its lists as it goes).
    pub fn reserve(&mut self, additional: usize) {
        self.instrs.reserve(additional);
        self.locations.reserve(additional);
        self.location_starts.reserve(additional);
    }

    fn push(&mut self, op: Opcode, jump: bool, arg: u32) {
        if self.location_set {
            self.locations.push(self.location);
            self.location_starts.push(self.instrs.len() as u32);
            self.location_set = false;
        }
        if self.handler_set {
            if let Some(h) = self.handler {
                self.handlers.push(h);
            }
            self.handler_set = false;
        }
        self.instrs.push(Instr {
            op,
            jump,
            arg,
            handler: match self.handler {
                Some(_) => self.handlers.len() as u32 - 1,
                None => NO_HANDLER,
            },
        });
    }

    fn fail(&mut self, error: BuildError) {
        self.error.get_or_insert(error);
    }

    /// Lays out the instructions and makes the code object.
    pub fn finish(mut self) -> Result<CodeObject, BuildError> {
        if let Some(error) = self.error.take() {
            return Err(error);
        }
        if self.instrs.is_empty() {
            return Err(BuildError::Empty);
        }
        let count = self.instrs.len();
        let label_index = |label: Label| -> Result<usize, BuildError> {
            match self.labels.get(label.0 as usize) {
                Some(Some(i)) if *i < count => Ok(*i),
                Some(Some(_)) => Err(BuildError::LabelAtEnd(label)),
                Some(None) => Err(BuildError::UnboundLabel(label)),
                None => Err(BuildError::UnknownLabel(label)),
            }
        };

        // Real opcodes, and jump targets as instruction indices.
        let mut ops = Vec::with_capacity(count);
        let mut args = Vec::with_capacity(count);
        let mut targets: Vec<Option<usize>> = Vec::with_capacity(count);
        let mut jumps: Vec<usize> = Vec::new();
        for (i, instr) in self.instrs.iter().enumerate() {
            let (op, arg) = if instr.jump {
                let target = label_index(Label(instr.arg))?;
                let op = match instr.op {
                    Opcode::JUMP if target > i => Opcode::JUMP_FORWARD,
                    Opcode::JUMP => Opcode::JUMP_BACKWARD,
                    Opcode::JUMP_NO_INTERRUPT if target > i => Opcode::JUMP_FORWARD,
                    Opcode::JUMP_NO_INTERRUPT => Opcode::JUMP_BACKWARD_NO_INTERRUPT,
                    op => op,
                };
                check_real(op)?;
                let backward = op.operand() == OperandKind::JumpBackward;
                if backward != (target <= i) {
                    return Err(BuildError::WrongDirection { op, index: i });
                }
                // As CPython's assembler, start from the target's index as the oparg.
                targets.push(Some(target));
                jumps.push(i);
                (op, target as u32)
            } else {
                let (op, arg) = lower(instr.op, instr.arg)?;
                check_real(op)?;
                targets.push(None);
                (op, arg)
            };
            args.push(arg);
            ops.push(op);
        }
        // Each handler's first instruction.
        let handler_targets: Vec<usize> = self
            .handlers
            .iter()
            .map(|h| label_index(h.label))
            .collect::<Result<_, _>>()?;

        // Jump offsets, until no instruction changes size. Each instruction's size is kept;
        // only the jumps are revisited.
        let size = |op: Opcode, arg: u32| extended_args(arg) + 1 + op.cache_entries();
        let mut sizes: Vec<u32> = (0..count).map(|i| size(ops[i], args[i])).collect();
        let mut offsets = vec![0u32; count + 1];
        loop {
            let mut total = 0u32;
            for (offset, &n) in offsets.iter_mut().zip(&sizes) {
                *offset = total;
                total += n;
            }
            offsets[count] = total;
            let mut changed = false;
            for &i in &jumps {
                if let Some(t) = targets[i] {
                    // Jump opargs count from the end of the jump, as laid out in this pass.
                    let end = offsets[i + 1];
                    args[i] = end.abs_diff(offsets[t]);
                    let new = size(ops[i], args[i]);
                    changed |= new != sizes[i];
                    sizes[i] = new;
                }
            }
            if !changed {
                break;
            }
        }

        // Code units.
        let mut code = vec![CodeUnit::default(); offsets[count] as usize];
        for i in 0..count {
            let arg = args[i];
            let mut at = offsets[i] as usize;
            for k in (1..=extended_args(arg)).rev() {
                code[at] = CodeUnit::new(Opcode::EXTENDED_ARG, (arg >> (8 * k)) as u8);
                at += 1;
            }
            // The caches after it are the zeros already there.
            code[at] = CodeUnit::new(ops[i], arg as u8);
        }

        // The location table, from the runs of instructions that share a location entry
        // (`encode` merges neighbouring runs whose positions are equal).
        let instrs = &self.instrs;
        let starts = &self.location_starts;
        let runs = self.locations.iter().enumerate().map(|(k, &location)| {
            let end = starts.get(k + 1).map_or(count, |&s| s as usize);
            (location, offsets[end] - offsets[starts[k] as usize])
        });
        let linetable = linetable::encode(self.firstlineno, runs);

        // Exception table: runs of instructions with the same handler target.
        let handler_at = |i: usize| -> Option<(u32, Handler)> {
            let h = instrs[i].handler;
            (h != NO_HANDLER).then(|| {
                let h = h as usize;
                (offsets[handler_targets[h]], self.handlers[h])
            })
        };
        let mut entries: Vec<ExceptionTableEntry> = Vec::new();
        let mut current: Option<(u32, Handler)> = None;
        let mut start = 0u32;
        let mut last_handler = NO_HANDLER;
        for i in 0..=count {
            if i < count && instrs[i].handler == last_handler {
                // The same handler entry as the instruction before: the same target.
                continue;
            }
            let here = if i < count {
                last_handler = instrs[i].handler;
                handler_at(i)
            } else {
                None
            };
            if here.map(|(t, _)| t) != current.map(|(t, _)| t) || i == count {
                if let Some((target, h)) = current {
                    entries.push(ExceptionTableEntry {
                        start,
                        end: offsets[i],
                        target,
                        depth: h.depth,
                        lasti: h.lasti,
                    });
                }
                start = offsets[i];
                current = here;
            }
        }

        let stacksize = match self.stacksize {
            Some(n) => n,
            None => {
                let handlers: Vec<Option<(usize, Handler)>> = (0..count)
                    .map(|i| {
                        let h = instrs[i].handler;
                        (h != NO_HANDLER).then(|| {
                            let h = h as usize;
                            (handler_targets[h], self.handlers[h])
                        })
                    })
                    .collect();
                max_stack_depth(&ops, &args, &targets, &handlers)?
            }
        };

        Ok(CodeObject {
            argcount: self.argcount,
            posonlyargcount: self.posonlyargcount,
            kwonlyargcount: self.kwonlyargcount,
            stacksize,
            flags: self.flags,
            code,
            consts: self.consts,
            names: self.names,
            localsplus: self.localsplus,
            filename: self.filename,
            name: self.name,
            qualname: self.qualname,
            firstlineno: self.firstlineno,
            linetable,
            exceptiontable: exception_table::encode(&entries),
        })
    }
}

/// How many `EXTENDED_ARG` prefixes an oparg needs.
fn extended_args(arg: u32) -> u32 {
    u32::from(arg > 0xFF) + u32::from(arg > 0xFFFF) + u32::from(arg > 0xFF_FFFF)
}

/// The real instruction and oparg for a non-jump instruction, pseudo ones lowered as
/// CPython's code generator lowers them.
fn lower(op: Opcode, arg: u32) -> Result<(Opcode, u32), BuildError> {
    let shifted = |bits: u32, low: u32| {
        arg.checked_mul(1 << bits)
            .map(|v| v | low)
            .ok_or(BuildError::OpargTooLarge(op))
    };
    Ok(match op {
        Opcode::LOAD_CLOSURE => (Opcode::LOAD_FAST, arg),
        Opcode::STORE_FAST_MAYBE_NULL => (Opcode::STORE_FAST, arg),
        Opcode::LOAD_METHOD => (Opcode::LOAD_ATTR, shifted(1, 1)?),
        Opcode::LOAD_SUPER_METHOD => (Opcode::LOAD_SUPER_ATTR, shifted(2, 3)?),
        Opcode::LOAD_ZERO_SUPER_METHOD => (Opcode::LOAD_SUPER_ATTR, shifted(2, 1)?),
        Opcode::LOAD_ZERO_SUPER_ATTR => (Opcode::LOAD_SUPER_ATTR, shifted(2, 0)?),
        _ => (op, arg),
    })
}

/// Refuses what a compiler must not hand the assembler.
fn check_real(op: Opcode) -> Result<(), BuildError> {
    if !op.is_emittable() {
        return Err(BuildError::NotAllowed(op));
    }
    Ok(())
}

/// The largest stack depth any path through the final instructions reaches: a walk from the
/// first instruction, following fall-through, jumps and exception handlers (which start at
/// their table depth plus `lasti` plus the exception).
fn max_stack_depth(
    ops: &[Opcode],
    args: &[u32],
    targets: &[Option<usize>],
    handlers: &[Option<(usize, Handler)>],
) -> Result<u32, BuildError> {
    let count = ops.len();
    let mut depth_at: Vec<Option<u32>> = vec![None; count];
    let mut work = vec![0usize];
    depth_at[0] = Some(0);
    let mut max = 0u32;
    while let Some(start) = work.pop() {
        let mut i = start;
        while let Some(depth) = depth_at[i] {
            max = max.max(depth);
            if let Some((target, h)) = handlers[i] {
                let d = h.depth + u32::from(h.lasti) + 1;
                max = max.max(d);
                reach(&mut depth_at, &mut work, target, d)?;
            }
            let op = ops[i];
            let effect = op.stack_effect(args[i]).ok_or(BuildError::NotAllowed(op))?;
            if effect.popped > depth {
                return Err(BuildError::StackUnderflow { index: i });
            }
            let after = depth - effect.popped + effect.pushed;
            max = max.max(after);
            if let Some(t) = targets[i] {
                reach(&mut depth_at, &mut work, t, after)?;
            }
            if op.flow() != Flow::Next || i + 1 >= count {
                break;
            }
            match depth_at[i + 1] {
                None => {
                    depth_at[i + 1] = Some(after);
                    i += 1;
                }
                Some(d) if d == after => break,
                Some(_) => return Err(BuildError::InconsistentStack { index: i + 1 }),
            }
        }
    }
    Ok(max)
}

/// Records that `index` starts at `depth`, queueing it the first time.
fn reach(
    depth_at: &mut [Option<u32>],
    work: &mut Vec<usize>,
    index: usize,
    depth: u32,
) -> Result<(), BuildError> {
    match depth_at[index] {
        None => {
            depth_at[index] = Some(depth);
            work.push(index);
            Ok(())
        }
        Some(d) if d == depth => Ok(()),
        Some(_) => Err(BuildError::InconsistentStack { index }),
    }
}

/// Why [`CodeBuilder::finish`] could not make a code object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BuildError {
    /// No instruction was emitted.
    Empty,
    /// A label from another builder.
    UnknownLabel(Label),
    /// A label used but never bound.
    UnboundLabel(Label),
    /// A label bound twice.
    LabelBoundTwice(Label),
    /// A jump target bound after the last instruction.
    LabelAtEnd(Label),
    /// A jump instruction passed to `emit` instead of `emit_jump`.
    JumpWithoutLabel(Opcode),
    /// A non-jump passed to `emit_jump`.
    NotAJump(Opcode),
    /// A jump whose target lies the other way (a forward-only jump to an earlier
    /// instruction, or `JUMP_BACKWARD` to a later one).
    WrongDirection {
        /// The jump.
        op: Opcode,
        /// Its index in the sequence.
        index: usize,
    },
    /// An instruction the assembler does not take: a block pseudo-instruction (`SETUP_*`,
    /// `POP_BLOCK`: the flow graph resolves them), a specialized or instrumented one, or one
    /// the assembler writes itself (`EXTENDED_ARG`, `CACHE`).
    NotAllowed(Opcode),
    /// A pseudo-instruction's oparg too large once shifted into the real one's.
    OpargTooLarge(Opcode),
    /// More values popped than the stack holds at this instruction.
    StackUnderflow {
        /// The instruction's index.
        index: usize,
    },
    /// Two paths reach this instruction with different stack depths.
    InconsistentStack {
        /// The instruction's index.
        index: usize,
    },
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Empty => write!(f, "no instructions"),
            BuildError::UnknownLabel(l) => write!(f, "label {} is not from this builder", l.0),
            BuildError::UnboundLabel(l) => write!(f, "label {} is never bound", l.0),
            BuildError::LabelBoundTwice(l) => write!(f, "label {} is bound twice", l.0),
            BuildError::LabelAtEnd(l) => write!(f, "label {} is after the last instruction", l.0),
            BuildError::JumpWithoutLabel(op) => write!(f, "{op} needs a label"),
            BuildError::NotAJump(op) => write!(f, "{op} does not jump"),
            BuildError::WrongDirection { op, index } => {
                write!(
                    f,
                    "{op} at {index} cannot reach its target in that direction"
                )
            }
            BuildError::NotAllowed(op) => write!(f, "{op} cannot be assembled"),
            BuildError::OpargTooLarge(op) => write!(f, "{op}'s oparg is too large"),
            BuildError::StackUnderflow { index } => write!(f, "stack underflow at {index}"),
            BuildError::InconsistentStack { index } => {
                write!(f, "inconsistent stack depth at {index}")
            }
        }
    }
}

impl std::error::Error for BuildError {}
