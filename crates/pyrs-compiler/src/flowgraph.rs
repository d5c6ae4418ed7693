//! The flow-graph passes of CPython 3.13's Python/flowgraph.c: basic blocks, exception
//! handler labelling, jump threading, dead-code and NOP removal, constant tricks,
//! `LOAD_FAST_CHECK` decisions, superinstructions, cold-block ordering, line-number
//! propagation, stack depth and the fast-locals layout; then the assembler
//! (flowgraph/assemble.rs, CPython's Python/assemble.c) writes the code units.
//!
//! The code generator hands over an instruction sequence ([`Seq`]) with labels and
//! pseudo-instructions; [`assemble`] turns it into a code object. The passes run in
//! CPython's order and keep CPython's block order, because the result is compared
//! instruction for instruction with the reference's.
//!
//! The graph keeps the instructions of all its blocks in one array per unit ([`Cfg::instrs`]),
//! and each block is a range of it (`start`, `end`, and `limit`, the room it may grow into):
//! the passes that walk every block then read memory in order, as the blocks start out in the
//! sequence's order, and a unit makes no allocation per block. Removing NOPs compacts a
//! block inside its range. A pass that grows a block (jump threading's new jump, inlining a
//! small exit, the prefix instructions) grows it in place when its range ends the array, and
//! otherwise moves its instructions to the end of the array first ([`Cfg::reserve`]); a new
//! block (a copy of an exit, a jump after a cold block) starts at the end. The ranges a block
//! leaves behind are never read again: a walk over "all the instructions" goes block by block.

use std::cell::Cell;
use std::sync::Arc;

use pyrs_bytecode::{CodeFlags, CodeObject, Constant, LocalVar, Opcode};

use crate::consts::{ConstTable, Truth};

mod assemble;

/// A source span with CPython's `-1` for "none" (`_PyCompilerSrcLocation`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Loc {
    pub(crate) lineno: i32,
    pub(crate) end_lineno: i32,
    pub(crate) col: i32,
    pub(crate) end_col: i32,
}

/// CPython's `NO_LOCATION`.
pub(crate) const NO_LOC: Loc = Loc {
    lineno: -1,
    end_lineno: -1,
    col: -1,
    end_col: -1,
};

impl Loc {
    pub(crate) fn of(l: pyrs_ast::Location) -> Loc {
        if l.lineno == 0 {
            // A node the compiler made (CPython gives those no location).
            return NO_LOC;
        }
        Loc {
            lineno: l.lineno as i32,
            end_lineno: l.end_lineno as i32,
            col: l.col_offset as i32,
            end_col: l.end_col_offset as i32,
        }
    }

    /// Line, end line, column and end column, `-1` where there is none (what
    /// [`pyrs_bytecode::linetable::Encoder::run_raw`] takes).
    fn raw(self) -> [i32; 4] {
        [self.lineno, self.end_lineno, self.col, self.end_col]
    }
}

/// "No target" / "no handler" in the graph.
const NONE: u32 = u32::MAX;

/// One instruction, of the code generator's sequence and then of the flow graph (CPython's
/// `cfg_instr`): the graph is built on the sequence's own array ([`Cfg::from_seq`]), so the
/// code generator writes each instruction in the form the passes use. For an instruction with
/// a target (jumps and `SETUP_*`), `arg` is a label in the sequence and `target` the block it
/// jumps to in the graph; `except` is the handler block that covers it (`NONE` if none).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Instr {
    pub(crate) op: Opcode,
    pub(crate) arg: u32,
    target: u32,
    pub(crate) loc: Loc,
    except: u32,
}

impl Instr {
    /// An instruction as the code generator emits it: no target or handler yet.
    pub(crate) const fn new(op: Opcode, arg: u32, loc: Loc) -> Instr {
        Instr {
            op,
            arg,
            target: NONE,
            loc,
            except: NONE,
        }
    }

    fn set(&mut self, op: Opcode, arg: u32) {
        self.op = op;
        self.arg = arg;
    }

    fn nop(&mut self) {
        self.op = Opcode::NOP;
        self.arg = 0;
        self.target = NONE;
    }
}

/// The code generator's output for one code unit (CPython's `_PyInstructionSequence`).
#[derive(Default, Debug)]
pub(crate) struct Seq {
    pub(crate) instrs: Vec<Instr>,
    /// Each label's instruction index, `NONE` until bound.
    pub(crate) labels: Vec<u32>,
}

impl Seq {
    pub(crate) fn new_label(&mut self) -> u32 {
        self.labels.push(NONE);
        self.labels.len() as u32 - 1
    }

    pub(crate) fn bind(&mut self, label: u32) {
        self.labels[label as usize] = self.instrs.len() as u32;
    }

    pub(crate) fn push(&mut self, op: Opcode, arg: u32, loc: Loc) {
        self.instrs.push(Instr::new(op, arg, loc));
    }
}

pub(crate) fn has_target(op: Opcode) -> bool {
    kind(op) & (JUMP | BLOCK_PUSH) != 0
}

/// `OPCODE_HAS_JUMP` for the instructions a code generator emits.
fn is_jump(op: Opcode) -> bool {
    kind(op) & JUMP != 0
}

fn is_block_push(op: Opcode) -> bool {
    kind(op) & BLOCK_PUSH != 0
}

fn is_uncond_jump(op: Opcode) -> bool {
    kind(op) & UNCOND_JUMP != 0
}

fn is_scope_exit(op: Opcode) -> bool {
    kind(op) & SCOPE_EXIT != 0
}

/// `OPCODE_HAS_EVAL_BREAK` for the instructions a code generator emits.
fn has_eval_break(op: Opcode) -> bool {
    kind(op) & EVAL_BREAK != 0
}

fn is_terminator(op: Opcode) -> bool {
    kind(op) & (JUMP | SCOPE_EXIT) != 0
}

// What the passes ask of an instruction, as bits of one table indexed by opcode number (the
// passes ask for every instruction, many times; one load answers).
const JUMP: u16 = 1;
const BLOCK_PUSH: u16 = 2;
const UNCOND_JUMP: u16 = 4;
const SCOPE_EXIT: u16 = 8;
const EVAL_BREAK: u16 = 16;
// (32 and 64 are free: what the assembler asks of an opcode is in its own table,
// flowgraph/assemble.rs's `LAYOUT`.)
/// `POP_BLOCK`: with [`BLOCK_PUSH`], what tells a unit that has exception handlers.
const BLOCK_POP: u16 = 128;
/// The instruction can leave a local unbound (`DELETE_FAST`, `LOAD_FAST_AND_CLEAR`,
/// `STORE_FAST_MAYBE_NULL`).
const UNBINDS: u16 = 256;
/// `optimize_basic_block` may rewrite the instruction (or the one after it): the others it
/// passes over.
const PEEPHOLE: u16 = 512;
/// The instruction loads, stores or unbinds a fast local (what `add_checks_for_loads`
/// follows).
const FAST_LOCAL: u16 = 2048;
/// The last rewrites before assembly change the instruction: a cell or free variable's
/// index (`fix_cell_offsets`) or a pseudo-instruction (`convert_pseudo_ops`).
const FIXUP: u16 = 1024;

const fn kind_of(op: Opcode) -> u16 {
    let mut bits = 0;
    if matches!(
        op,
        Opcode::FOR_ITER
            | Opcode::JUMP_BACKWARD
            | Opcode::JUMP_BACKWARD_NO_INTERRUPT
            | Opcode::JUMP_FORWARD
            | Opcode::POP_JUMP_IF_FALSE
            | Opcode::POP_JUMP_IF_NONE
            | Opcode::POP_JUMP_IF_NOT_NONE
            | Opcode::POP_JUMP_IF_TRUE
            | Opcode::SEND
            | Opcode::JUMP
            | Opcode::JUMP_NO_INTERRUPT
    ) {
        bits |= JUMP;
    }
    if matches!(
        op,
        Opcode::SETUP_FINALLY | Opcode::SETUP_WITH | Opcode::SETUP_CLEANUP
    ) {
        bits |= BLOCK_PUSH;
    }
    if matches!(
        op,
        Opcode::JUMP
            | Opcode::JUMP_NO_INTERRUPT
            | Opcode::JUMP_FORWARD
            | Opcode::JUMP_BACKWARD
            | Opcode::JUMP_BACKWARD_NO_INTERRUPT
    ) {
        bits |= UNCOND_JUMP;
    }
    if matches!(
        op,
        Opcode::RETURN_VALUE | Opcode::RETURN_CONST | Opcode::RAISE_VARARGS | Opcode::RERAISE
    ) {
        bits |= SCOPE_EXIT;
    }
    if matches!(
        op,
        Opcode::CALL
            | Opcode::CALL_FUNCTION_EX
            | Opcode::CALL_KW
            | Opcode::JUMP_BACKWARD
            | Opcode::RESUME
            | Opcode::JUMP
    ) {
        bits |= EVAL_BREAK;
    }
    if matches!(op, Opcode::POP_BLOCK) {
        bits |= BLOCK_POP;
    }
    if matches!(
        op,
        Opcode::DELETE_FAST | Opcode::LOAD_FAST_AND_CLEAR | Opcode::STORE_FAST_MAYBE_NULL
    ) {
        bits |= UNBINDS;
    }
    if matches!(
        op,
        Opcode::BUILD_TUPLE
            | Opcode::POP_JUMP_IF_NOT_NONE
            | Opcode::POP_JUMP_IF_NONE
            | Opcode::POP_JUMP_IF_FALSE
            | Opcode::POP_JUMP_IF_TRUE
            | Opcode::JUMP
            | Opcode::JUMP_NO_INTERRUPT
            | Opcode::STORE_FAST
            | Opcode::SWAP
            | Opcode::LOAD_GLOBAL
            | Opcode::COMPARE_OP
            | Opcode::CONTAINS_OP
            | Opcode::IS_OP
            | Opcode::TO_BOOL
            | Opcode::UNARY_NOT
    ) {
        bits |= PEEPHOLE;
    }
    if matches!(
        op,
        Opcode::MAKE_CELL
            | Opcode::LOAD_CLOSURE
            | Opcode::LOAD_DEREF
            | Opcode::STORE_DEREF
            | Opcode::DELETE_DEREF
            | Opcode::LOAD_FROM_DICT_OR_DEREF
            | Opcode::SETUP_FINALLY
            | Opcode::SETUP_WITH
            | Opcode::SETUP_CLEANUP
            | Opcode::POP_BLOCK
            | Opcode::STORE_FAST_MAYBE_NULL
    ) {
        bits |= FIXUP;
    }
    if matches!(
        op,
        Opcode::LOAD_FAST
            | Opcode::LOAD_FAST_CHECK
            | Opcode::STORE_FAST
            | Opcode::DELETE_FAST
            | Opcode::LOAD_FAST_AND_CLEAR
            | Opcode::STORE_FAST_MAYBE_NULL
    ) {
        bits |= FAST_LOCAL;
    }
    bits
}

/// One more than the highest opcode number.
const OPCODES: usize = {
    let mut max = 0;
    let mut i = 0;
    while i < Opcode::ALL.len() {
        let n = Opcode::ALL[i] as usize;
        if n > max {
            max = n;
        }
        i += 1;
    }
    max + 1
};

static KINDS: [u16; OPCODES] = {
    let mut table = [0u16; OPCODES];
    let mut i = 0;
    while i < Opcode::ALL.len() {
        let op = Opcode::ALL[i];
        table[op as usize] = kind_of(op);
        i += 1;
    }
    table
};

/// Marks an opcode of [`FIXED_EFFECT`] whose stack effect depends on its oparg.
const VARIES: i8 = i8::MIN;

/// Each opcode's net stack effect on the path to the next instruction, where it does not
/// depend on the oparg (`VARIES` where it does): the stack-depth pass asks for every
/// instruction, and one load answers most.
static FIXED_EFFECT: [i8; OPCODES] = {
    let mut table = [0i8; OPCODES];
    let mut i = 0;
    while i < Opcode::ALL.len() {
        let op = Opcode::ALL[i];
        table[op as usize] = if op.stack_effect_uses_oparg() {
            VARIES
        } else {
            match op.stack_effect(0) {
                Some(effect) => effect.net() as i8,
                None => 0,
            }
        };
        i += 1;
    }
    table
};

#[inline]
fn kind(op: Opcode) -> u16 {
    KINDS[op as usize]
}

/// What fills the room a block's range has past its instructions (never read).
const FILLER: Instr = Instr::new(Opcode::NOP, 0, NO_LOC);

/// A basic block: a range of the unit's instruction array ([`Cfg::instrs`]) and what the
/// passes note about it.
#[derive(Clone, Debug)]
struct Block {
    /// The block's instructions are `instrs[start..end]`, and it may grow in place up to
    /// `limit`; past that, [`Cfg::reserve`] moves it to the end of the array.
    start: u32,
    end: u32,
    limit: u32,
    next: u32,
    label: u32,
    predecessors: u32,
    startdepth: i32,
    /// The handler stack on entry (a node of `label_exception_targets`'s tree).
    exceptstack: u32,
    unsafe_mask: u64,
    except_handler: bool,
    preserve_lasti: bool,
    cold: bool,
    warm: bool,
    visited: bool,
}

impl Block {
    /// A block of the instructions `start..end` of the array, with no room to grow.
    fn new(start: usize, end: usize) -> Block {
        Block {
            start: start as u32,
            end: end as u32,
            limit: end as u32,
            next: NONE,
            label: NONE,
            predecessors: 0,
            startdepth: i32::MIN,
            exceptstack: 0,
            unsafe_mask: 0,
            except_handler: false,
            preserve_lasti: false,
            cold: false,
            warm: false,
            visited: false,
        }
    }

    #[inline(always)]
    fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// The buffers a finished code unit's graph leaves to the next unit compiled on the same
/// thread ([`SPARE`]): the ~50 code units of a module then share one instruction array,
/// blocks vector, work lists and tables, instead of allocating and freeing them unit by unit.
#[derive(Default)]
struct Spare {
    /// The blocks vector, empty.
    blocks: Vec<Block>,
    /// The instruction array, empty.
    instrs: Vec<Instr>,
    /// `Cfg::from_seq`'s block of each position and places of the jumps.
    block_at: Vec<u32>,
    jumps: Vec<u32>,
    /// The work list of [`Cfg::scratch`].
    scratch: Vec<u32>,
    /// The assembler's.
    assembler: assemble::Buffers,
}

/// A spare vector is kept only up to this many elements (the rare huge unit's tables are
/// freed with it).
const SPARE_MAX_LEN: usize = 4096;

thread_local! {
    /// What the last finished unit left ([`Spare`]); taken by [`Cfg::from_seq`] (a unit being
    /// assembled while another is, were it to happen, would start from empty buffers).
    static SPARE: Cell<Spare> = Cell::new(Spare::default());
}

/// `v` emptied, if it is worth keeping (see [`SPARE_MAX_LEN`]).
fn keep<T>(mut v: Vec<T>) -> Vec<T> {
    if v.capacity() > SPARE_MAX_LEN {
        return Vec::new();
    }
    v.clear();
    v
}

/// The flow graph of one code unit (CPython's `cfg_builder`).
struct Cfg {
    blocks: Vec<Block>,
    /// Every block's instructions, each block a range of it ([`Block::start`]): see the
    /// module doc.
    instrs: Vec<Instr>,
    /// Buffers for the assembler and the next unit, from the units before ([`Spare`]).
    spare: Spare,
    entry: u32,
    /// A work list the passes lend each other, so that each walk of the graph does not
    /// allocate its own (`take` it, `clear` it, give it back).
    scratch: Vec<u32>,
    /// Whether the code generator emitted any `SETUP_*` or `POP_BLOCK`: without them no
    /// instruction has a handler, and `label_exception_targets` has nothing to do.
    has_handlers: bool,
    /// Whether the code generator emitted any jump or `SETUP_*`: without them, no pass makes
    /// one (each only rewrites or copies jumps there are, or adds them after handlers), every
    /// block but the last ends in a scope exit, and the passes about jumps have nothing to do.
    has_jumps: bool,
    /// Whether any instruction can leave a local unbound (`DELETE_FAST`,
    /// `LOAD_FAST_AND_CLEAR`, `STORE_FAST_MAYBE_NULL`): without them, in a unit whose locals
    /// are all parameters, no load needs a check.
    unbinds: bool,
    /// Whether any instruction loads, stores or unbinds a fast local ([`FAST_LOCAL`]): module
    /// and class bodies use none, and no pass makes one before the superinstructions.
    fast_locals: bool,
    /// Whether any instruction is one the last rewrites change ([`FIXUP`]: cells, free
    /// variables, `SETUP_*`, `STORE_FAST_MAYBE_NULL`); no pass makes one.
    fixups: bool,
}

impl Cfg {
    fn b(&self, i: u32) -> &Block {
        &self.blocks[i as usize]
    }

    fn bm(&mut self, i: u32) -> &mut Block {
        &mut self.blocks[i as usize]
    }

    /// Block `b`'s instructions.
    #[inline(always)]
    fn ins(&self, b: u32) -> &[Instr] {
        &self.instrs[self.b(b).range()]
    }

    #[inline(always)]
    fn ins_mut(&mut self, b: u32) -> &mut [Instr] {
        let range = self.b(b).range();
        &mut self.instrs[range]
    }

    #[inline(always)]
    fn len(&self, b: u32) -> usize {
        let blk = self.b(b);
        (blk.end - blk.start) as usize
    }

    #[inline(always)]
    fn is_empty(&self, b: u32) -> bool {
        let blk = self.b(b);
        blk.end == blk.start
    }

    #[inline(always)]
    fn last(&self, b: u32) -> Option<&Instr> {
        self.ins(b).last()
    }

    #[inline(always)]
    fn last_mut(&mut self, b: u32) -> Option<&mut Instr> {
        self.ins_mut(b).last_mut()
    }

    #[inline(always)]
    fn no_fallthrough(&self, b: u32) -> bool {
        self.last(b)
            .is_some_and(|i| is_scope_exit(i.op) || is_uncond_jump(i.op))
    }

    #[inline(always)]
    fn has_fallthrough(&self, b: u32) -> bool {
        !self.no_fallthrough(b)
    }

    fn exits_scope(&self, b: u32) -> bool {
        self.last(b).is_some_and(|i| is_scope_exit(i.op))
    }

    fn has_no_lineno(&self, b: u32) -> bool {
        self.ins(b).iter().all(|i| i.loc.lineno < 0)
    }

    /// Whether only the last instruction of block `b` can be a jump (what the walks that
    /// look at blocks' last instructions only rely on; checked in debug builds).
    fn jumps_only_last(&self, b: u32) -> bool {
        self.ins(b).iter().rev().skip(1).all(|i| !is_jump(i.op))
    }

    /// A new empty block (its range starts at the end of the array, with no room).
    fn new_block(&mut self) -> u32 {
        let at = self.instrs.len();
        self.blocks.push(Block::new(at, at));
        self.blocks.len() as u32 - 1
    }

    /// Room in block `b` for `extra` more instructions: a block whose range ends the array
    /// grows in place; another moves its instructions to the end of the array first (the
    /// range it leaves is never read again).
    fn reserve(&mut self, b: u32, extra: usize) {
        let blk = self.b(b);
        if blk.end as usize + extra <= blk.limit as usize {
            return;
        }
        if blk.limit as usize != self.instrs.len() {
            let from = blk.range();
            let to = self.instrs.len();
            self.instrs.extend_from_within(from);
            let blk = self.bm(b);
            blk.end = to as u32 + (blk.end - blk.start);
            blk.start = to as u32;
        }
        let blk = self.bm(b);
        blk.limit = blk.end + extra as u32;
        let limit = blk.limit as usize;
        self.instrs.resize(limit, FILLER);
    }

    /// Appends `ins` to block `b`.
    fn push(&mut self, b: u32, ins: Instr) {
        self.reserve(b, 1);
        let blk = self.bm(b);
        let at = blk.end as usize;
        blk.end += 1;
        self.instrs[at] = ins;
    }

    /// Appends a copy of block `from`'s instructions to block `b`, after making the last
    /// of `b`'s own a NOP if `nop_last` (taken before, should the two be one block).
    fn append_copy(&mut self, b: u32, from: u32, nop_last: bool) {
        let n = self.len(from);
        self.reserve(b, n);
        let src = self.b(from).range();
        let dest = self.b(b).end as usize;
        self.instrs.copy_within(src, dest);
        if nop_last {
            debug_assert!(dest > self.b(b).start as usize);
            self.instrs[dest - 1].nop();
        }
        self.bm(b).end += n as u32;
    }

    /// Puts `prefix` before block `b`'s instructions (its range moves to the end of the
    /// array).
    fn prepend(&mut self, b: u32, prefix: &[Instr]) {
        let from = self.b(b).range();
        let to = self.instrs.len();
        self.instrs.extend_from_slice(prefix);
        self.instrs.extend_from_within(from);
        let end = self.instrs.len() as u32;
        let blk = self.bm(b);
        blk.start = to as u32;
        blk.end = end;
        blk.limit = end;
    }

    /// Keeps the first `n` of block `b`'s instructions.
    fn truncate(&mut self, b: u32, n: usize) {
        let blk = self.bm(b);
        blk.end = blk.end.min(blk.start + n as u32);
    }

    /// Gives the graph's buffers to the next unit ([`SPARE`]).
    fn recycle(mut self) {
        let mut spare = std::mem::take(&mut self.spare);
        spare.blocks = keep(self.blocks);
        spare.instrs = keep(self.instrs);
        spare.scratch = keep(self.scratch);
        SPARE.with(|s| s.set(spare));
    }

    fn max_label(&self) -> u32 {
        let mut m = 0;
        let mut b = self.entry;
        while b != NONE {
            let l = self.b(b).label;
            if l != NONE {
                m = m.max(l + 1);
            }
            b = self.b(b).next;
        }
        m
    }

    /// `_PyCfg_FromInstructionSequence`: a new block at each jump target and after each
    /// terminator.
    fn from_seq(seq: &mut Seq) -> Cfg {
        let n = seq.instrs.len();
        // For each position: `TARGET` if a jump lands there (then, once the blocks are made,
        // the index of the block that starts there), `START` if a block starts there only
        // because a terminator ends the one before, `NONE` otherwise.
        const TARGET: u32 = NONE - 1;
        const START: u32 = NONE - 2;
        let mut spare = SPARE.with(Cell::take);
        let mut block_at = std::mem::take(&mut spare.block_at);
        block_at.clear();
        block_at.resize(n + 1, NONE);
        // The positions of the instructions with a target.
        let mut jumps = std::mem::take(&mut spare.jumps);
        jumps.clear();
        // The graph takes the sequence's array, whose instructions are in the sequence's order
        // (the blocks are ranges of it), and leaves it the array of the unit before, emptied.
        let mut fresh = std::mem::take(&mut spare.instrs);
        fresh.clear();
        let mut instrs = std::mem::replace(&mut seq.instrs, fresh);
        // How many blocks start after the first instruction.
        let mut later_starts = 0;
        // The kinds of all the instructions together.
        let mut kinds = 0u16;
        for (i, ins) in instrs.iter_mut().enumerate() {
            let k = kind(ins.op);
            kinds |= k;
            if k & (JUMP | BLOCK_PUSH) != 0 {
                jumps.push(i as u32);
                // A jump's target is its label's position until the blocks are made.
                let pos = seq.labels[ins.arg as usize];
                ins.target = pos;
                if pos != NONE {
                    let pos = pos as usize;
                    if block_at[pos] == NONE && pos != 0 && pos < n {
                        later_starts += 1;
                    }
                    block_at[pos] = TARGET;
                }
            }
            if is_terminator(ins.op) && block_at[i + 1] == NONE {
                block_at[i + 1] = START;
                if i + 1 < n {
                    later_starts += 1;
                }
            }
        }
        let mut blocks = std::mem::take(&mut spare.blocks);
        blocks.reserve(later_starts + 1);
        let mut scratch = std::mem::take(&mut spare.scratch);
        scratch.reserve(16);
        let mut cfg = Cfg {
            blocks,
            instrs,
            spare,
            entry: 0,
            scratch,
            has_handlers: kinds & (BLOCK_PUSH | BLOCK_POP) != 0,
            has_jumps: kinds & (JUMP | BLOCK_PUSH) != 0,
            unbinds: kinds & UNBINDS != 0,
            fast_locals: kinds & FAST_LOCAL != 0,
            fixups: kinds & FIXUP != 0,
        };
        if n == 0 {
            cfg.new_block();
        }
        // A block starts at the first instruction, after each terminator and at each jump
        // target (`cfg_builder_maybe_start_new_block`), and ends where the next starts.
        let mut start = 0;
        while start < n {
            // The block ends where the next starts: past `start`, a position holds `NONE`,
            // `TARGET` or `START`.
            let end = match block_at[start + 1..n].iter().position(|&at| at != NONE) {
                Some(k) => start + 1 + k,
                None => n,
            };
            let k = cfg.blocks.len() as u32;
            let mut blk = Block::new(start, end);
            if block_at[start] == TARGET {
                blk.label = start as u32;
                block_at[start] = k;
            }
            blk.next = if end < n { k + 1 } else { NONE };
            cfg.blocks.push(blk);
            start = end;
        }
        debug_assert_eq!(cfg.blocks.len(), later_starts + 1);
        // Positions (the labels) to blocks, marking the handlers (`mark_except_handlers`)
        // on the way. A label bound after the last instruction starts no block.
        for &i in &jumps {
            let ins = &mut cfg.instrs[i as usize];
            if ins.target != NONE {
                let t = match block_at[ins.target as usize] {
                    TARGET => NONE,
                    t => t,
                };
                ins.target = t;
                if t != NONE && is_block_push(ins.op) {
                    cfg.blocks[t as usize].except_handler = true;
                }
            }
        }
        cfg.spare.block_at = keep(block_at);
        cfg.spare.jumps = keep(jumps);
        cfg
    }

    fn reset_visited(&mut self) {
        for b in &mut self.blocks {
            b.visited = false;
        }
    }

    /// `label_exception_targets`: the handler of each instruction, from the
    /// `SETUP_*`/`POP_BLOCK` pairs along every path.
    fn label_exception_targets(&mut self) {
        // The stacks of handlers, as a tree of nodes (handler, parent, depth) shared by the
        // blocks: a block's stack is a node, and pushing makes a new one, so no stack is ever
        // copied. Node 0 is the empty stack.
        if !self.has_handlers {
            // Every instruction keeps the `NONE` handler `from_seq` gave it, and with no
            // handler on any stack no `RESUME` after a yield changes either.
            return;
        }
        let mut nodes: Vec<(u32, u32, u32)> = vec![(NONE, 0, 0)];
        self.reset_visited();
        let mut todo = std::mem::take(&mut self.scratch);
        todo.clear();
        todo.push(self.entry);
        let entry = self.entry;
        self.bm(entry).visited = true;
        self.bm(entry).exceptstack = 0;
        let mut last_yield_depth: i64 = -1;
        while let Some(b) = todo.pop() {
            let mut stack = self.b(b).exceptstack;
            let mut handler = nodes[stack as usize].0;
            // The block's instructions and the other blocks are borrowed apart: its targets
            // are other blocks to write.
            let range = self.b(b).range();
            let blocks = &mut self.blocks;
            for ins in &mut self.instrs[range] {
                if kind(ins.op) & (BLOCK_PUSH | BLOCK_POP | JUMP) == 0 && ins.op != Opcode::RESUME {
                    // Most instructions: the handler of the stack as it stands.
                    if ins.op == Opcode::YIELD_VALUE {
                        last_yield_depth = i64::from(nodes[stack as usize].2);
                    }
                    ins.except = handler;
                    continue;
                }
                if is_block_push(ins.op) {
                    let t = ins.target;
                    if !blocks[t as usize].visited {
                        blocks[t as usize].exceptstack = stack;
                        blocks[t as usize].visited = true;
                        todo.push(t);
                    }
                    if matches!(ins.op, Opcode::SETUP_WITH | Opcode::SETUP_CLEANUP) {
                        blocks[t as usize].preserve_lasti = true;
                    }
                    let depth = nodes[stack as usize].2 + 1;
                    nodes.push((t, stack, depth));
                    stack = nodes.len() as u32 - 1;
                    handler = t;
                } else if ins.op == Opcode::POP_BLOCK {
                    if nodes[stack as usize].2 > 0 {
                        stack = nodes[stack as usize].1;
                    }
                    handler = nodes[stack as usize].0;
                    ins.nop();
                } else if is_jump(ins.op) {
                    ins.except = handler;
                    let t = ins.target;
                    if !blocks[t as usize].visited {
                        blocks[t as usize].exceptstack = stack;
                        blocks[t as usize].visited = true;
                        todo.push(t);
                    }
                } else if ins.op == Opcode::RESUME {
                    ins.except = handler;
                    if ins.arg != 0 {
                        if last_yield_depth == 1 {
                            ins.arg |= 4;
                        }
                        last_yield_depth = -1;
                    }
                } else {
                    if ins.op == Opcode::YIELD_VALUE {
                        last_yield_depth = i64::from(nodes[stack as usize].2);
                    }
                    ins.except = handler;
                }
            }
            let next = self.b(b).next;
            if self.has_fallthrough(b) && next != NONE && !self.b(next).visited {
                self.bm(next).exceptstack = stack;
                self.bm(next).visited = true;
                todo.push(next);
            }
        }
        self.scratch = todo;
    }

    fn next_nonempty(&self, mut b: u32) -> u32 {
        while b != NONE && self.is_empty(b) {
            b = self.b(b).next;
        }
        b
    }

    /// `inline_small_or_no_lineno_blocks`.
    fn inline_small_or_no_lineno_blocks(&mut self) {
        if !self.has_jumps {
            return;
        }
        loop {
            let mut changes = false;
            let mut cursor = self.entry;
            while cursor != NONE {
                let b = cursor;
                cursor = self.b(b).next;
                let Some(last) = self.last(b).copied() else {
                    continue;
                };
                if !is_uncond_jump(last.op) {
                    continue;
                }
                let target = last.target;
                let small_exit = self.exits_scope(target) && self.len(target) <= 4;
                let no_lineno_no_ft = self.has_no_lineno(target) && !self.has_fallthrough(target);
                if small_exit || no_lineno_no_ft {
                    self.append_copy(b, target, true);
                    if no_lineno_no_ft && last.op == Opcode::JUMP {
                        // Keep the eval-breaker check of the jump replaced.
                        if let Some(l) = self.last_mut(b) {
                            if is_uncond_jump(l.op) {
                                l.op = Opcode::JUMP;
                            }
                        }
                    }
                    let tb = self.bm(target);
                    tb.predecessors = tb.predecessors.saturating_sub(1);
                    changes = true;
                }
            }
            if !changes {
                break;
            }
        }
    }

    /// `remove_unreachable`.
    fn remove_unreachable(&mut self) {
        for b in &mut self.blocks {
            b.predecessors = 0;
            b.visited = false;
        }
        let entry = self.entry;
        let mut stack = std::mem::take(&mut self.scratch);
        stack.clear();
        stack.push(entry);
        self.bm(entry).predecessors = 1;
        self.bm(entry).visited = true;
        while let Some(b) = stack.pop() {
            let next = self.b(b).next;
            if next != NONE && self.has_fallthrough(b) {
                if !self.b(next).visited {
                    stack.push(next);
                    self.bm(next).visited = true;
                }
                self.bm(next).predecessors += 1;
            }
            // Jumps end their blocks; only `SETUP_*` stand inside one, and a unit without
            // them needs only its blocks' last instructions looked at.
            debug_assert!(self.jumps_only_last(b));
            let range = self.b(b).range();
            let from = if self.has_handlers {
                range.start
            } else {
                range.end.saturating_sub(1).max(range.start)
            };
            for ins in &self.instrs[from..range.end] {
                if has_target(ins.op) {
                    let tb = &mut self.blocks[ins.target as usize];
                    if !tb.visited {
                        stack.push(ins.target);
                        tb.visited = true;
                    }
                    tb.predecessors += 1;
                }
            }
        }
        self.scratch = stack;
        let mut cursor = self.entry;
        while cursor != NONE {
            let b = cursor;
            cursor = self.b(b).next;
            let blk = self.bm(b);
            if blk.predecessors == 0 {
                blk.end = blk.start;
                blk.except_handler = false;
            }
        }
    }

    /// `is_exit_or_eval_check_without_lineno`: a block that leaves the code object, or
    /// checks the eval breaker, and has no line number (the copies of it let each path keep
    /// its own line).
    #[inline]
    fn is_exit_or_eval_check_without_lineno(&self, b: u32) -> bool {
        // The line test first: it usually fails at the first instruction.
        self.has_no_lineno(b)
            && (self.exits_scope(b) || self.ins(b).iter().any(|i| has_eval_break(i.op)))
    }

    /// `duplicate_exits_without_lineno`.
    fn duplicate_exits_without_lineno(&mut self) {
        // Only a jump's target, or a block another falls into (which the one before ends
        // with a scope exit in a unit without jumps), is duplicated or given a location.
        if !self.has_jumps {
            return;
        }
        // The labels for copies: past the graph's, worked out at the first copy (most units
        // make none).
        let mut next_lbl = NONE;
        let mut b = self.entry;
        while b != NONE {
            if let Some(last) = self.last(b).copied() {
                if is_jump(last.op) {
                    let target = self.next_nonempty(last.target);
                    if target != NONE
                        && self.is_exit_or_eval_check_without_lineno(target)
                        && self.b(target).predecessors > 1
                    {
                        if next_lbl == NONE {
                            next_lbl = self.max_label() + 1;
                        }
                        let nt = self.new_block();
                        self.append_copy(nt, target, false);
                        self.ins_mut(nt)[0].loc = last.loc;
                        let tnext = self.b(target).next;
                        {
                            let nb = self.bm(nt);
                            nb.predecessors = 1;
                            nb.next = tnext;
                            nb.label = next_lbl;
                        }
                        next_lbl += 1;
                        self.last_mut(b).unwrap().target = nt;
                        self.bm(target).predecessors -= 1;
                        self.bm(target).next = nt;
                    }
                }
            }
            b = self.b(b).next;
        }
        let mut b = self.entry;
        while b != NONE {
            let next = self.b(b).next;
            if self.has_fallthrough(b)
                && next != NONE
                && !self.is_empty(b)
                && self.is_exit_or_eval_check_without_lineno(next)
            {
                let loc = self.last(b).unwrap().loc;
                self.ins_mut(next)[0].loc = loc;
            }
            b = next;
        }
    }

    /// `propagate_line_numbers`.
    fn propagate_line_numbers(&mut self) {
        let mut cursor = self.entry;
        while cursor != NONE {
            let b = cursor;
            cursor = self.b(b).next;
            let instrs = self.ins_mut(b);
            let Some(&last) = instrs.last() else {
                continue;
            };
            // Most instructions have a line: there is something to fill in only from the first
            // that has none. Once filled, each instruction holds the location the next would
            // take, so the last one's is what the block hands on.
            if let Some(first) = instrs.iter().position(|i| i.loc.lineno < 0) {
                let mut prev = match first {
                    0 => NO_LOC,
                    k => instrs[k - 1].loc,
                };
                for ins in &mut instrs[first..] {
                    if ins.loc.lineno < 0 {
                        ins.loc = prev;
                    } else {
                        prev = ins.loc;
                    }
                }
            }
            let prev = instrs[instrs.len() - 1].loc;
            let next = cursor;
            let falls_through = !is_scope_exit(last.op) && !is_uncond_jump(last.op);
            if falls_through && next != NONE && self.b(next).predecessors == 1 {
                if let Some(first) = self.ins_mut(next).first_mut() {
                    if first.loc.lineno < 0 {
                        first.loc = prev;
                    }
                }
            }
            if is_jump(last.op) {
                let t = last.target;
                if self.b(t).predecessors == 1 {
                    if let Some(first) = self.ins_mut(t).first_mut() {
                        if first.loc.lineno < 0 {
                            first.loc = prev;
                        }
                    }
                }
            }
        }
    }

    fn resolve_line_numbers(&mut self) {
        self.duplicate_exits_without_lineno();
        self.propagate_line_numbers();
    }

    /// `basicblock_optimize_load_const`.
    fn optimize_load_const(&mut self, consts: &mut ConstTable) {
        let mut cursor = self.entry;
        while cursor != NONE {
            let b = cursor;
            cursor = self.b(b).next;
            let mut opcode = Opcode::NOP;
            let mut oparg = 0u32;
            // Only this block changes: one borrow of its instructions for the walk.
            let instrs = self.ins_mut(b);
            let n = instrs.len();
            let mut i = 0;
            while i < n {
                if opcode != Opcode::LOAD_CONST {
                    // Nothing happens before the next LOAD_CONST: go straight to it.
                    match instrs[i..].iter().position(|x| x.op == Opcode::LOAD_CONST) {
                        Some(k) => i += k,
                        None => break,
                    }
                }
                let inst = instrs[i];
                let copy_of_const =
                    opcode == Opcode::LOAD_CONST && inst.op == Opcode::COPY && inst.arg == 1;
                if !copy_of_const {
                    opcode = inst.op;
                    oparg = inst.arg;
                }
                if opcode != Opcode::LOAD_CONST {
                    i += 1;
                    continue;
                }
                let nextop = if i + 1 < n {
                    instrs[i + 1].op
                } else {
                    Opcode::NOP
                };
                match nextop {
                    Opcode::POP_JUMP_IF_FALSE | Opcode::POP_JUMP_IF_TRUE => {
                        if let Some(is_true) = consts.get(oparg).truth() {
                            instrs[i].nop();
                            let jump_if_true = nextop == Opcode::POP_JUMP_IF_TRUE;
                            if is_true == jump_if_true {
                                instrs[i + 1].op = Opcode::JUMP;
                            } else {
                                instrs[i + 1].nop();
                            }
                        }
                    }
                    Opcode::IS_OP if matches!(consts.get(oparg), Constant::None) && i + 2 < n => {
                        let mut j = i + 2;
                        if instrs[j].op == Opcode::TO_BOOL {
                            instrs[j].nop();
                            if n <= i + 3 {
                                i += 1;
                                continue;
                            }
                            j = i + 3;
                        }
                        let mut invert = instrs[i + 1].arg != 0;
                        let jop = instrs[j].op;
                        let ok = if jop == Opcode::POP_JUMP_IF_FALSE {
                            invert = !invert;
                            true
                        } else {
                            jop == Opcode::POP_JUMP_IF_TRUE
                        };
                        if ok {
                            instrs[i].nop();
                            instrs[i + 1].nop();
                            instrs[j].op = if invert {
                                Opcode::POP_JUMP_IF_NOT_NONE
                            } else {
                                Opcode::POP_JUMP_IF_NONE
                            };
                        }
                    }
                    Opcode::RETURN_VALUE => {
                        instrs[i].nop();
                        instrs[i + 1].set(Opcode::RETURN_CONST, oparg);
                        i += 1;
                    }
                    Opcode::TO_BOOL => {
                        if let Some(is_true) = consts.get(oparg).truth() {
                            let index = consts.add(Constant::Bool(is_true));
                            instrs[i].nop();
                            instrs[i + 1].set(Opcode::LOAD_CONST, index);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
        }
    }

    /// `optimize_basic_block`.
    fn optimize_basic_block(&mut self, b: u32, consts: &mut ConstTable) {
        let mut i = 0usize;
        // Whether a SWAP is left for `swaptimize`: the walk stops at every one, and notes
        // those it makes.
        let mut swaps = false;
        loop {
            // (Looked up again each time: jump threading may move the block.)
            let instrs = self.ins(b);
            // Most instructions are none of those matched below: go straight to the next one
            // that is.
            match instrs
                .get(i..)
                .and_then(|rest| rest.iter().position(|x| kind(x.op) & PEEPHOLE != 0))
            {
                Some(k) => i += k,
                None => break,
            }
            let inst = instrs[i];
            swaps |= inst.op == Opcode::SWAP && inst.arg != 1;
            let (nextop, nextarg) = match instrs.get(i + 1) {
                Some(next) => (next.op, next.arg),
                None => (Opcode::NOP, 0),
            };
            let (op, arg) = (inst.op, inst.arg);
            // Only the jumps below look at their target's first instruction.
            let target_op = if matches!(
                op,
                Opcode::POP_JUMP_IF_NOT_NONE
                    | Opcode::POP_JUMP_IF_NONE
                    | Opcode::POP_JUMP_IF_FALSE
                    | Opcode::POP_JUMP_IF_TRUE
                    | Opcode::JUMP
                    | Opcode::JUMP_NO_INTERRUPT
            ) {
                let t = self.next_nonempty(inst.target);
                if t == NONE {
                    Opcode::NOP
                } else {
                    self.ins(t)[0].op
                }
            } else {
                Opcode::NOP
            };
            match op {
                Opcode::BUILD_TUPLE => {
                    if nextop == Opcode::UNPACK_SEQUENCE && arg == nextarg {
                        match arg {
                            1 => {
                                let instrs = self.ins_mut(b);
                                instrs[i].nop();
                                instrs[i + 1].nop();
                                i += 1;
                                continue;
                            }
                            2 | 3 => {
                                let instrs = self.ins_mut(b);
                                instrs[i].nop();
                                instrs[i + 1].op = Opcode::SWAP;
                                swaps = true;
                                i += 1;
                                continue;
                            }
                            _ => {}
                        }
                    }
                    if i >= arg as usize {
                        self.fold_tuple_on_constants(b, i, arg as usize, consts);
                    }
                }
                Opcode::POP_JUMP_IF_NOT_NONE
                | Opcode::POP_JUMP_IF_NONE
                | Opcode::POP_JUMP_IF_FALSE
                | Opcode::POP_JUMP_IF_TRUE
                    if target_op == Opcode::JUMP && self.jump_thread(b, i, op) =>
                {
                    // The jump moved to the end of the block: look again from here.
                    continue;
                }
                Opcode::JUMP | Opcode::JUMP_NO_INTERRUPT => {
                    if target_op == Opcode::JUMP {
                        if self.jump_thread(b, i, Opcode::JUMP) {
                            continue;
                        }
                        i += 1;
                        continue;
                    }
                    if target_op == Opcode::JUMP_NO_INTERRUPT {
                        if self.jump_thread(b, i, op) {
                            continue;
                        }
                        i += 1;
                        continue;
                    }
                }
                Opcode::STORE_FAST if nextop == op && arg == nextarg => {
                    let instrs = self.ins_mut(b);
                    if instrs[i].loc.lineno == instrs[i + 1].loc.lineno {
                        instrs[i].set(Opcode::POP_TOP, 0);
                    }
                }
                Opcode::SWAP if arg == 1 => {
                    self.ins_mut(b)[i].nop();
                }
                Opcode::LOAD_GLOBAL if nextop == Opcode::PUSH_NULL && arg & 1 == 0 => {
                    let instrs = self.ins_mut(b);
                    instrs[i].arg = arg | 1;
                    instrs[i + 1].nop();
                }
                Opcode::COMPARE_OP if nextop == Opcode::TO_BOOL => {
                    let instrs = self.ins_mut(b);
                    instrs[i].nop();
                    instrs[i + 1].set(Opcode::COMPARE_OP, arg | 16);
                    i += 1;
                    continue;
                }
                Opcode::CONTAINS_OP | Opcode::IS_OP => {
                    if nextop == Opcode::TO_BOOL {
                        let instrs = self.ins_mut(b);
                        instrs[i].nop();
                        instrs[i + 1].set(op, arg);
                        i += 1;
                        continue;
                    }
                    if nextop == Opcode::UNARY_NOT {
                        let instrs = self.ins_mut(b);
                        instrs[i].nop();
                        instrs[i + 1].set(op, arg ^ 1);
                        i += 1;
                        continue;
                    }
                }
                Opcode::TO_BOOL if nextop == Opcode::TO_BOOL => {
                    self.ins_mut(b)[i].nop();
                    i += 1;
                    continue;
                }
                Opcode::UNARY_NOT => {
                    if nextop == Opcode::TO_BOOL {
                        let instrs = self.ins_mut(b);
                        instrs[i].nop();
                        instrs[i + 1].set(Opcode::UNARY_NOT, 0);
                        i += 1;
                        continue;
                    }
                    if nextop == Opcode::UNARY_NOT {
                        let instrs = self.ins_mut(b);
                        instrs[i].nop();
                        instrs[i + 1].nop();
                        i += 1;
                        continue;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        if !swaps {
            return;
        }
        let mut i = 0usize;
        while let Some(k) = self.ins(b)[i..].iter().position(|x| x.op == Opcode::SWAP) {
            i += k;
            swaptimize(self.ins_mut(b), &mut i);
            apply_static_swaps(self.ins_mut(b), i as isize);
            i += 1;
        }
    }

    /// `jump_thread`: the jump at `i` (the last instruction) becomes a NOP and a jump to
    /// its target's target is appended, with the target jump's location.
    ///
    /// Which exception handler the new jump has is a rule of thumb: CPython's appended
    /// instruction keeps whatever its slot held, which over the standard library comes out
    /// as "the old jump's handler when the new target lies ahead, none when it lies behind"
    /// in all but one code object.
    fn jump_thread(&mut self, b: u32, i: usize, opcode: Opcode) -> bool {
        let inst = self.ins(b)[i];
        let t = self.next_nonempty(inst.target);
        let tins = self.ins(t)[0];
        if inst.target != tins.target {
            self.ins_mut(b)[i].nop();
            self.push(
                b,
                Instr {
                    op: opcode,
                    arg: 0,
                    target: tins.target,
                    loc: tins.loc,
                    except: if tins.target > b { inst.except } else { NONE },
                },
            );
            true
        } else {
            false
        }
    }

    fn fold_tuple_on_constants(&mut self, b: u32, i: usize, n: usize, consts: &mut ConstTable) {
        let start = i - n;
        let instrs = self.ins(b);
        if !instrs[start..i].iter().all(|x| x.op == Opcode::LOAD_CONST) {
            return;
        }
        let items: Vec<Constant> = instrs[start..i]
            .iter()
            .map(|x| consts.get(x.arg).clone())
            .collect();
        let index = consts.add(Constant::Tuple(items.into()));
        let instrs = self.ins_mut(b);
        for ins in &mut instrs[start..i] {
            ins.nop();
        }
        instrs[i].set(Opcode::LOAD_CONST, index);
    }

    /// `remove_redundant_nops_and_pairs`.
    fn remove_redundant_nops_and_pairs(&mut self) {
        let mut done = false;
        while !done {
            done = true;
            // The last instruction of the block before, along straight-line code: its place,
            // opcode and oparg.
            let mut instr: Option<(u32, usize, Opcode, u32)> = None;
            let mut cursor = self.entry;
            while cursor != NONE {
                let b = cursor;
                cursor = self.b(b).next;
                self.remove_redundant_nops_block(b);
                if self.b(b).label != NONE {
                    instr = None;
                }
                // A pair ends at a POP_TOP: only those, and what stands before each (as it is
                // now, a NOP if it ended a pair), are looked at.
                let mut from = 0;
                while let Some(k) = self.ins(b)[from..]
                    .iter()
                    .position(|x| x.op == Opcode::POP_TOP)
                {
                    let k = from + k;
                    from = k + 1;
                    let prev = match k {
                        0 => instr,
                        _ => {
                            let p = self.ins(b)[k - 1];
                            Some((b, k - 1, p.op, p.arg))
                        }
                    };
                    if let Some((pb, pk, pop, parg)) = prev {
                        if pop == Opcode::LOAD_CONST || (pop == Opcode::COPY && parg == 1) {
                            self.ins_mut(pb)[pk].nop();
                            self.ins_mut(b)[k].nop();
                            done = false;
                        }
                    }
                }
                if let Some(last) = self.last(b) {
                    instr = Some((b, self.len(b) - 1, last.op, last.arg));
                }
                let last_jump = instr.is_some_and(|(_, _, op, _)| is_jump(op));
                if last_jump || !self.has_fallthrough(b) {
                    instr = None;
                }
            }
        }
    }

    /// `basicblock_remove_redundant_nops`; returns how many were removed.
    // Always inlined: called for every block by several passes, and most blocks have no NOP.
    #[inline(always)]
    fn remove_redundant_nops_block(&mut self, b: u32) -> usize {
        // Most blocks have no NOP: nothing to do (a look that is inlined in the walks over
        // every block). The instructions before the first NOP stay where they are, so the
        // compaction starts there.
        match self.ins(b).iter().position(|i| i.op == Opcode::NOP) {
            None => 0,
            Some(first) => self.remove_redundant_nops_from(b, first),
        }
    }

    /// [`Cfg::remove_redundant_nops_block`] from the block's first NOP, `first`.
    fn remove_redundant_nops_from(&mut self, b: u32, first: usize) -> usize {
        let n = self.len(b);
        let next_first_line = if self.ins(b)[n - 1].op == Opcode::NOP {
            let nb = self.next_nonempty(self.b(b).next);
            if nb == NONE {
                None
            } else {
                Some(self.ins(nb)[0].loc.lineno)
            }
        } else {
            None
        };
        let instrs = self.ins_mut(b);
        let mut dest = first;
        let mut prev_lineno = match first {
            0 => -1i32,
            _ => instrs[first - 1].loc.lineno,
        };
        let mut src = first;
        while src < n {
            let ins = instrs[src];
            let lineno = ins.loc.lineno;
            if ins.op == Opcode::NOP {
                if lineno < 0 {
                    src += 1;
                    continue;
                }
                if prev_lineno == lineno {
                    src += 1;
                    continue;
                }
                if src < n - 1 {
                    let next_lineno = instrs[src + 1].loc.lineno;
                    if next_lineno == lineno {
                        src += 1;
                        continue;
                    }
                    if next_lineno < 0 {
                        instrs[src + 1].loc = ins.loc;
                        src += 1;
                        continue;
                    }
                } else if let Some(nl) = next_first_line {
                    if lineno == nl {
                        src += 1;
                        continue;
                    }
                }
            }
            if dest != src {
                instrs[dest] = instrs[src];
            }
            dest += 1;
            prev_lineno = lineno;
            src += 1;
        }
        self.truncate(b, dest);
        n - dest
    }

    fn remove_redundant_nops(&mut self) -> usize {
        let mut changes = 0;
        let mut b = self.entry;
        while b != NONE {
            changes += self.remove_redundant_nops_block(b);
            b = self.b(b).next;
        }
        changes
    }

    fn remove_redundant_jumps(&mut self) -> usize {
        if !self.has_jumps {
            return 0;
        }
        let mut changes = 0;
        let mut next_block = self.entry;
        while next_block != NONE {
            let b = next_block;
            next_block = self.b(b).next;
            let Some(last) = self.last(b).copied() else {
                continue;
            };
            if is_uncond_jump(last.op) {
                let jt = self.next_nonempty(last.target);
                let next = self.next_nonempty(self.b(b).next);
                if jt == next {
                    changes += 1;
                    self.last_mut(b).unwrap().nop();
                }
            }
        }
        changes
    }

    fn remove_redundant_nops_and_jumps(&mut self) {
        loop {
            let a = self.remove_redundant_nops();
            let j = self.remove_redundant_jumps();
            if a + j == 0 {
                break;
            }
        }
    }

    /// [`Cfg::remove_redundant_nops_and_jumps`] on a graph each of whose blocks has been
    /// through the NOP removal since its instructions last changed, other blocks having been
    /// emptied, moved or added (without NOPs) since: the removal leaves nothing in a block
    /// that it would take on a second look, except a NOP that ends the block, whose fate
    /// depends on the first line of the next block. The first pass looks at those alone.
    fn remove_redundant_nops_and_jumps_at_ends(&mut self) {
        let mut a = 0;
        let mut b = self.entry;
        while b != NONE {
            if self.last(b).is_some_and(|i| i.op == Opcode::NOP) {
                a += self.remove_redundant_nops_block(b);
            }
            b = self.b(b).next;
        }
        let j = self.remove_redundant_jumps();
        if a + j > 0 {
            self.remove_redundant_nops_and_jumps();
        }
    }

    /// `remove_unused_consts`: drops constants no instruction uses (the first is always
    /// kept: it may be the docstring) and renumbers the rest.
    fn remove_unused_consts(&mut self, consts: &mut ConstTable) {
        let n = consts.len();
        // The first constant is kept: with no other, there is nothing to look for.
        if n <= 1 {
            return;
        }
        // Most units have a few constants: their marks stay on the stack.
        let mut few = [false; 32];
        let mut many = Vec::new();
        let used: &mut [bool] = if n <= few.len() {
            &mut few[..n]
        } else {
            many.resize(n, false);
            &mut many
        };
        used[0] = true;
        // How many are marked: once all are, the walk can stop (every constant is used).
        let mut marked = 1;
        for blk in &self.blocks {
            for ins in &self.instrs[blk.range()] {
                if matches!(ins.op, Opcode::LOAD_CONST | Opcode::RETURN_CONST) {
                    let u = &mut used[ins.arg as usize];
                    marked += usize::from(!*u);
                    *u = true;
                }
            }
            if marked == n {
                return;
            }
        }
        let mut map = vec![u32::MAX; n];
        let mut k = 0u32;
        for i in 0..n {
            if used[i] {
                map[i] = k;
                k += 1;
            }
        }
        consts.retain_map(used);
        for blk in &self.blocks {
            for ins in &mut self.instrs[blk.range()] {
                if matches!(ins.op, Opcode::LOAD_CONST | Opcode::RETURN_CONST) {
                    ins.arg = map[ins.arg as usize];
                }
            }
        }
    }

    /// `add_checks_for_loads_of_uninitialized_variables`.
    fn add_checks_for_loads(&mut self, nlocals: usize, nparams: usize) {
        // With every local a parameter and nothing unbinding one, every mask stays empty
        // (past 64 locals, `fast_scan_many_locals` checks parameters too).
        if nlocals == 0 || (nlocals <= nparams && nlocals <= 64 && !self.unbinds) {
            return;
        }
        let mut nlocals = nlocals;
        if nlocals > 64 {
            self.fast_scan_many_locals(nlocals);
            nlocals = 64;
        }
        for b in &mut self.blocks {
            b.visited = false;
            b.unsafe_mask = 0;
        }
        let mut stack = std::mem::take(&mut self.scratch);
        stack.clear();
        let mut start_mask = 0u64;
        for i in nparams..nlocals {
            start_mask |= 1u64 << i;
        }
        let entry = self.entry;
        maybe_push(&mut self.blocks, entry, start_mask, &mut stack);
        // CPython scans every block once in order, then those whose masks grew. Scanning a
        // block whose mask is empty changes nothing unless it unbinds a local, so in a unit
        // where nothing does, the blocks reached from the entry's mask are enough: the masks
        // only grow, a block is scanned again after each growth, and the loads that need a
        // check are those of the final masks, whatever the order.
        if self.unbinds {
            let mut cursor = self.entry;
            while cursor != NONE {
                let b = cursor;
                cursor = self.b(b).next;
                self.scan_block_for_locals(b, &mut stack);
            }
        }
        while let Some(b) = stack.pop() {
            self.bm(b).visited = false;
            self.scan_block_for_locals(b, &mut stack);
        }
        self.scratch = stack;
    }

    // Always inlined into its two callers: it runs once or more for every block.
    #[inline(always)]
    fn scan_block_for_locals(&mut self, b: u32, stack: &mut Vec<u32>) {
        let mut mask = self.b(b).unsafe_mask;
        // The handler last told of `mask` (telling it again changes nothing).
        let mut told = (NONE, 0u64);
        // The block's instructions and the other blocks are borrowed apart, so that telling
        // a handler (another block's mask) needs no second look-up of this one.
        let range = self.b(b).range();
        for ins in &mut self.instrs[range] {
            if ins.except != NONE && (ins.except, mask) != told {
                told = (ins.except, mask);
                maybe_push(&mut self.blocks, ins.except, mask, stack);
            }
            // One test of the kinds table, and a few of the opcode, instead of a `match`:
            // its jump table mispredicts, the instructions interleaving as they do.
            let k = kind(ins.op);
            if k & FAST_LOCAL == 0 || ins.arg >= 64 {
                continue;
            }
            let bit = 1u64 << ins.arg;
            if k & UNBINDS != 0 {
                mask |= bit;
            } else {
                // LOAD_FAST, LOAD_FAST_CHECK or STORE_FAST: bound afterwards.
                if ins.op == Opcode::LOAD_FAST && mask & bit != 0 {
                    ins.op = Opcode::LOAD_FAST_CHECK;
                }
                mask &= !bit;
            }
        }
        let next = self.b(b).next;
        if next != NONE && self.has_fallthrough(b) {
            maybe_push(&mut self.blocks, next, mask, stack);
        }
        if let Some(last) = self.last(b).copied() {
            if is_jump(last.op) {
                maybe_push(&mut self.blocks, last.target, mask, stack);
            }
        }
    }

    fn fast_scan_many_locals(&mut self, nlocals: usize) {
        let mut states = vec![0usize; nlocals - 64];
        let mut blocknum = 0usize;
        let mut cursor = self.entry;
        while cursor != NONE {
            let b = cursor;
            cursor = self.b(b).next;
            blocknum += 1;
            for ins in self.ins_mut(b) {
                let arg = ins.arg as usize;
                if arg < 64 || arg >= nlocals {
                    continue;
                }
                match ins.op {
                    Opcode::DELETE_FAST
                    | Opcode::LOAD_FAST_AND_CLEAR
                    | Opcode::STORE_FAST_MAYBE_NULL => states[arg - 64] = blocknum - 1,
                    Opcode::STORE_FAST => states[arg - 64] = blocknum,
                    Opcode::LOAD_FAST => {
                        if states[arg - 64] != blocknum {
                            ins.op = Opcode::LOAD_FAST_CHECK;
                        }
                        states[arg - 64] = blocknum;
                    }
                    _ => {}
                }
            }
        }
    }

    /// `insert_superinstructions`.
    fn insert_superinstructions(&mut self) {
        if !self.fast_locals {
            return;
        }
        let mut cursor = self.entry;
        while cursor != NONE {
            let b = cursor;
            cursor = self.b(b).next;
            let instrs = self.ins_mut(b);
            let n = instrs.len();
            let mut changed = false;
            let mut from = 0;
            // Only a LOAD_FAST or a STORE_FAST starts a pair.
            while let Some(k) = instrs[from..]
                .iter()
                .position(|x| matches!(x.op, Opcode::LOAD_FAST | Opcode::STORE_FAST))
            {
                let i = from + k;
                from = i + 1;
                let nextop = if i + 1 < n {
                    instrs[i + 1].op
                } else {
                    Opcode::NOP
                };
                let sup = match (instrs[i].op, nextop) {
                    (Opcode::LOAD_FAST, Opcode::LOAD_FAST) => Opcode::LOAD_FAST_LOAD_FAST,
                    (Opcode::STORE_FAST, Opcode::LOAD_FAST) => Opcode::STORE_FAST_LOAD_FAST,
                    (Opcode::STORE_FAST, Opcode::STORE_FAST) => Opcode::STORE_FAST_STORE_FAST,
                    _ => continue,
                };
                let (a, c) = (instrs[i], instrs[i + 1]);
                let (l1, l2) = (a.loc.lineno, c.loc.lineno);
                if l1 >= 0 && l2 >= 0 && l1 != l2 {
                    continue;
                }
                if a.arg >= 16 || c.arg >= 16 {
                    continue;
                }
                instrs[i].set(sup, (a.arg << 4) | c.arg);
                instrs[i + 1].nop();
                changed = true;
            }
            // Before this pass no NOP was left that the removal would take, and a pair's NOP
            // is never a block's first instruction (which the block before may look at):
            // only the blocks with new NOPs need the removal CPython runs over the graph.
            if changed {
                self.remove_redundant_nops_block(b);
            }
        }
    }

    /// `push_cold_blocks_to_end`.
    fn push_cold_blocks_to_end(&mut self) {
        let entry = self.entry;
        if self.b(entry).next == NONE {
            return;
        }
        // Only exception handlers and what they alone reach are cold: without handlers there
        // is nothing to move.
        if !self.has_handlers || !self.blocks.iter().any(|blk| blk.except_handler) {
            return;
        }
        // mark_warm
        self.reset_visited();
        let mut stack = std::mem::take(&mut self.scratch);
        stack.clear();
        stack.push(entry);
        self.bm(entry).visited = true;
        while let Some(b) = stack.pop() {
            self.bm(b).warm = true;
            let next = self.b(b).next;
            if next != NONE && self.has_fallthrough(b) && !self.b(next).visited {
                stack.push(next);
                self.bm(next).visited = true;
            }
            // A jump ends its block.
            debug_assert!(self.jumps_only_last(b));
            if let Some(&ins) = self.last(b) {
                if is_jump(ins.op) && !self.b(ins.target).visited {
                    stack.push(ins.target);
                    self.bm(ins.target).visited = true;
                }
            }
        }
        // mark_cold
        self.reset_visited();
        let mut cursor = self.entry;
        while cursor != NONE {
            let b = cursor;
            cursor = self.b(b).next;
            if self.b(b).except_handler {
                stack.push(b);
                self.bm(b).visited = true;
            }
        }
        while let Some(b) = stack.pop() {
            self.bm(b).cold = true;
            let next = self.b(b).next;
            if next != NONE
                && self.has_fallthrough(b)
                && !self.b(next).warm
                && !self.b(next).visited
            {
                stack.push(next);
                self.bm(next).visited = true;
            }
            if let Some(&ins) = self.last(b) {
                if is_jump(ins.op) {
                    let t = ins.target;
                    if !self.b(t).warm && !self.b(t).visited {
                        stack.push(t);
                        self.bm(t).visited = true;
                    }
                }
            }
        }
        self.scratch = stack;
        let mut next_lbl = self.max_label() + 1;
        let mut b = entry;
        while b != NONE {
            let next = self.b(b).next;
            if self.b(b).cold && self.has_fallthrough(b) && next != NONE && self.b(next).warm {
                let j = self.new_block();
                self.push(
                    j,
                    Instr {
                        op: Opcode::JUMP_NO_INTERRUPT,
                        arg: 0,
                        target: next,
                        loc: NO_LOC,
                        except: NONE,
                    },
                );
                if self.b(next).label == NONE {
                    self.bm(next).label = next_lbl;
                    next_lbl += 1;
                }
                {
                    let jb = self.bm(j);
                    jb.cold = true;
                    jb.next = next;
                    jb.predecessors = 1;
                }
                self.bm(b).next = j;
            }
            b = self.b(b).next;
        }
        let mut cold_head = NONE;
        let mut cold_tail = NONE;
        let mut b = entry;
        while self.b(b).next != NONE {
            while self.b(b).next != NONE && !self.b(self.b(b).next).cold {
                b = self.b(b).next;
            }
            if self.b(b).next == NONE {
                break;
            }
            let start = self.b(b).next;
            let mut end = start;
            while self.b(end).next != NONE && self.b(self.b(end).next).cold {
                end = self.b(end).next;
            }
            if cold_head == NONE {
                cold_head = start;
            } else {
                self.bm(cold_tail).next = start;
            }
            cold_tail = end;
            let after = self.b(end).next;
            self.bm(b).next = after;
            self.bm(end).next = NONE;
        }
        self.bm(b).next = cold_head;
        if cold_head != NONE {
            // Every block has been through the NOP removal since it last changed (after
            // `remove_unreachable`, or in `insert_superinstructions`).
            self.remove_redundant_nops_and_jumps_at_ends();
        }
    }

    /// `calculate_stackdepth`; also fixes each block's start depth (the handlers' depths).
    fn stackdepth(&mut self) -> u32 {
        for blk in &mut self.blocks {
            blk.startdepth = i32::MIN;
        }
        let mut stack = std::mem::take(&mut self.scratch);
        stack.clear();
        let mut maxdepth = 0i32;
        let entry = self.entry;
        push_depth(&mut self.blocks, &mut stack, entry, 0);
        while let Some(b) = stack.pop() {
            let mut depth = self.b(b).startdepth;
            let mut fall = self.b(b).next;
            // The block's instructions and the other blocks are borrowed apart: pushing a
            // target writes another block.
            let range = self.b(b).range();
            for ins in &self.instrs[range] {
                let effect = match FIXED_EFFECT[ins.op as usize] {
                    VARIES => ins
                        .op
                        .stack_effect(ins.arg)
                        .map(|e| e.net() as i32)
                        .unwrap_or(0),
                    effect => i32::from(effect),
                };
                if kind(ins.op) & (JUMP | BLOCK_PUSH | SCOPE_EXIT) == 0 {
                    // Most instructions: no target, and the next instruction follows.
                    depth += effect;
                    maxdepth = maxdepth.max(depth);
                    continue;
                }
                let new_depth = depth + if is_block_push(ins.op) { 0 } else { effect };
                maxdepth = maxdepth.max(new_depth);
                if has_target(ins.op) {
                    let je = ins
                        .op
                        .jump_stack_effect(ins.arg)
                        .map(|e| e.net() as i32)
                        .unwrap_or(effect);
                    let td = depth + je;
                    maxdepth = maxdepth.max(td);
                    push_depth(&mut self.blocks, &mut stack, ins.target, td);
                }
                depth = new_depth;
                if is_uncond_jump(ins.op) || is_scope_exit(ins.op) {
                    fall = NONE;
                    break;
                }
            }
            if fall != NONE {
                push_depth(&mut self.blocks, &mut stack, fall, depth);
            }
        }
        self.scratch = stack;
        maxdepth.max(1) as u32
    }

    /// `normalize_jumps`: a conditional jump backwards becomes the reversed jump over a new
    /// `JUMP` back.
    fn normalize_jumps(&mut self) {
        if !self.has_jumps {
            return;
        }
        self.reset_visited();
        let mut b = self.entry;
        while b != NONE {
            self.bm(b).visited = true;
            if let Some(last) = self.last(b).copied() {
                if is_jump(last.op) && !matches!(last.op, Opcode::JUMP | Opcode::JUMP_NO_INTERRUPT)
                {
                    let forward = !self.b(last.target).visited;
                    if !forward {
                        let reversed = match last.op {
                            Opcode::POP_JUMP_IF_NOT_NONE => Opcode::POP_JUMP_IF_NONE,
                            Opcode::POP_JUMP_IF_NONE => Opcode::POP_JUMP_IF_NOT_NONE,
                            Opcode::POP_JUMP_IF_FALSE => Opcode::POP_JUMP_IF_TRUE,
                            Opcode::POP_JUMP_IF_TRUE => Opcode::POP_JUMP_IF_FALSE,
                            op => op,
                        };
                        let nj = self.new_block();
                        self.push(
                            nj,
                            Instr {
                                op: Opcode::JUMP,
                                arg: 0,
                                target: last.target,
                                loc: last.loc,
                                except: NONE,
                            },
                        );
                        let next = self.b(b).next;
                        let cold = self.b(b).cold;
                        {
                            let jb = self.bm(nj);
                            jb.cold = cold;
                            jb.next = next;
                        }
                        let l = self.last_mut(b).unwrap();
                        l.op = reversed;
                        l.target = next;
                        self.bm(b).next = nj;
                    }
                }
            }
            b = self.b(b).next;
        }
    }
}

/// `maybe_push`: adds `mask` to block `b`'s unsafe locals, and the block to `stack` if that
/// changed them and it is not there yet.
fn maybe_push(blocks: &mut [Block], b: u32, mask: u64, stack: &mut Vec<u32>) {
    let blk = &mut blocks[b as usize];
    let both = blk.unsafe_mask | mask;
    if blk.unsafe_mask != both {
        blk.unsafe_mask = both;
        if !blk.visited {
            blk.visited = true;
            stack.push(b);
        }
    }
}

fn push_depth(blocks: &mut [Block], stack: &mut Vec<u32>, b: u32, depth: i32) {
    let blk = &mut blocks[b as usize];
    if blk.startdepth < depth && blk.startdepth < 100 {
        blk.startdepth = depth;
        stack.push(b);
    }
}

/// `swaptimize`: replaces a run of SWAPs and NOPs with the shortest one that has the same
/// effect.
fn swaptimize(instrs: &mut [Instr], ix: &mut usize) {
    let start = *ix;
    let limit = instrs.len() - start;
    let mut depth = instrs[start].arg as usize;
    let mut len = 1usize;
    let mut more = false;
    while len < limit {
        let op = instrs[start + len].op;
        if op == Opcode::SWAP {
            depth = depth.max(instrs[start + len].arg as usize);
            more = true;
        } else if op != Opcode::NOP {
            break;
        }
        len += 1;
    }
    if !more {
        return;
    }
    const VISITED: isize = -1;
    let mut stack: Vec<isize> = (0..depth as isize).collect();
    for k in 0..len {
        let ins = instrs[start + k];
        if ins.op == Opcode::SWAP {
            let oparg = ins.arg as usize;
            stack.swap(0, oparg - 1);
        }
    }
    let mut current = len as isize - 1;
    for i in 0..depth {
        if stack[i] == VISITED || stack[i] == i as isize {
            continue;
        }
        let mut j = i;
        loop {
            if j != 0 {
                let ins = &mut instrs[start + current as usize];
                ins.op = Opcode::SWAP;
                ins.arg = j as u32 + 1;
                ins.target = NONE;
                current -= 1;
            }
            if stack[j] == VISITED {
                break;
            }
            let next_j = stack[j] as usize;
            stack[j] = VISITED;
            j = next_j;
        }
    }
    while current >= 0 {
        instrs[start + current as usize].nop();
        current -= 1;
    }
    *ix = start + len - 1;
}

fn swappable(op: Opcode) -> bool {
    matches!(
        op,
        Opcode::STORE_FAST | Opcode::STORE_FAST_MAYBE_NULL | Opcode::POP_TOP
    )
}

fn stores_to(ins: &Instr) -> i64 {
    if matches!(ins.op, Opcode::STORE_FAST | Opcode::STORE_FAST_MAYBE_NULL) {
        i64::from(ins.arg)
    } else {
        -1
    }
}

fn next_swappable(instrs: &[Instr], mut i: usize, lineno: i32) -> Option<usize> {
    loop {
        i += 1;
        if i >= instrs.len() {
            return None;
        }
        let ins = &instrs[i];
        if lineno >= 0 && ins.loc.lineno != lineno {
            return None;
        }
        if ins.op == Opcode::NOP {
            continue;
        }
        if swappable(ins.op) {
            return Some(i);
        }
        return None;
    }
}

/// `apply_static_swaps`: SWAP, POP_TOP, STORE_FAST becomes NOP, STORE_FAST, POP_TOP.
fn apply_static_swaps(instrs: &mut [Instr], mut i: isize) {
    while i >= 0 {
        let iu = i as usize;
        let swap = instrs[iu];
        if swap.op != Opcode::SWAP {
            if swap.op == Opcode::NOP || swappable(swap.op) {
                i -= 1;
                continue;
            }
            return;
        }
        let Some(j) = next_swappable(instrs, iu, -1) else {
            return;
        };
        let mut k = j;
        let lineno = instrs[j].loc.lineno;
        let mut count = swap.arg as i64 - 1;
        while count > 0 {
            match next_swappable(instrs, k, lineno) {
                Some(kk) => k = kk,
                None => return,
            }
            count -= 1;
        }
        let sj = stores_to(&instrs[j]);
        let sk = stores_to(&instrs[k]);
        if sj >= 0 || sk >= 0 {
            if sj == sk {
                return;
            }
            for ins in &instrs[j + 1..k] {
                let s = stores_to(ins);
                if s >= 0 && (s == sj || s == sk) {
                    return;
                }
            }
        }
        instrs[iu].nop();
        instrs.swap(j, k);
        i -= 1;
    }
}

/// What the flow graph needs to know of the code unit besides its instructions.
///
/// The code generator hands over the fast locals ready made (`localsplus`, with their
/// kinds), and its own sets of local, cell and free variable names (interned
/// [`crate::symtable::Name`]s, which compare as integers) for the offsets of the cells.
pub(crate) struct UnitInfo<'u> {
    pub(crate) name: pyrs_ast::Identifier,
    pub(crate) qualname: pyrs_ast::Identifier,
    pub(crate) filename: pyrs_ast::StrValue,
    pub(crate) firstlineno: u32,
    pub(crate) flags: CodeFlags,
    pub(crate) argcount: u32,
    pub(crate) posonlyargcount: u32,
    pub(crate) kwonlyargcount: u32,
    /// How many parameters the scope has (`ste_varnames`): the locals bound on entry.
    pub(crate) nparams: usize,
    pub(crate) consts: ConstTable,
    pub(crate) names: Vec<pyrs_ast::Identifier>,
    pub(crate) varnames: &'u indexmap::set::Slice<crate::symtable::Name>,
    pub(crate) cellvars: &'u indexmap::set::Slice<crate::symtable::Name>,
    pub(crate) freevars: &'u indexmap::set::Slice<crate::symtable::Name>,
    /// `co_localsplusnames` and `co_localspluskinds` (`compute_localsplus_info`): the
    /// locals, then the cells that are not locals, then the free variables.
    pub(crate) localsplus: Vec<LocalVar>,
}

/// Optimises and assembles one code unit (CPython's `optimize_and_assemble_code_unit`).
pub(crate) fn assemble(seq: &mut Seq, mut info: UnitInfo) -> Result<CodeObject, String> {
    let mut cfg = Cfg::from_seq(seq);
    cfg.label_exception_targets();
    // optimize_cfg
    cfg.inline_small_or_no_lineno_blocks();
    cfg.remove_unreachable();
    cfg.resolve_line_numbers();
    cfg.optimize_load_const(&mut info.consts);
    let mut b = cfg.entry;
    while b != NONE {
        cfg.optimize_basic_block(b, &mut info.consts);
        b = cfg.b(b).next;
    }
    cfg.remove_redundant_nops_and_pairs();
    cfg.remove_unreachable();
    // (`remove_redundant_nops_and_pairs` has just taken every block's NOPs.)
    cfg.remove_redundant_nops_and_jumps_at_ends();

    cfg.remove_unused_consts(&mut info.consts);
    let nparams = info.nparams;
    cfg.add_checks_for_loads(info.varnames.len(), nparams);
    cfg.insert_superinstructions();
    cfg.push_cold_blocks_to_end();
    cfg.resolve_line_numbers();

    // _PyCfg_OptimizedCfgToInstructionSequence
    let stackdepth = cfg.stackdepth();
    let nlocals = info.varnames.len();
    let ncells = info.cellvars.len();
    let nfree = info.freevars.len();
    // build_cellfixedoffsets
    let mut fixed: Vec<u32> = (0..(ncells + nfree) as u32)
        .map(|i| nlocals as u32 + i)
        .collect();
    for (i, c) in info.cellvars.iter().enumerate() {
        if let Some(v) = info.varnames.iter().position(|v| v == c) {
            fixed[i] = v as u32;
        }
    }
    // insert_prefix_instructions
    let entry = cfg.entry;
    let mut prefix: Vec<Instr> = Vec::new();
    if nfree > 0 {
        prefix.push(Instr::new(Opcode::COPY_FREE_VARS, nfree as u32, NO_LOC));
    }
    if ncells > 0 {
        let nvars = ncells + nlocals;
        let mut sorted = vec![0usize; nvars + nfree];
        for (i, &f) in fixed.iter().take(ncells).enumerate() {
            sorted[f as usize] = i + 1;
        }
        for &s in sorted.iter().take(nvars) {
            if s > 0 {
                prefix.push(Instr::new(Opcode::MAKE_CELL, (s - 1) as u32, NO_LOC));
            }
        }
    }
    let is_gen = info.flags.contains(CodeFlags::GENERATOR)
        || info.flags.contains(CodeFlags::COROUTINE)
        || info.flags.contains(CodeFlags::ASYNC_GENERATOR);
    if is_gen {
        let l = info.firstlineno as i32;
        let loc = Loc {
            lineno: l,
            end_lineno: l,
            col: -1,
            end_col: -1,
        };
        prefix.push(Instr::new(Opcode::RETURN_GENERATOR, 0, loc));
        prefix.push(Instr::new(Opcode::POP_TOP, 0, loc));
    }
    if !prefix.is_empty() {
        cfg.prepend(entry, &prefix);
    }
    // fix_cell_offsets
    let mut numdropped = 0u32;
    for (i, f) in fixed.iter_mut().enumerate() {
        if *f == i as u32 + nlocals as u32 {
            *f -= numdropped;
        } else {
            numdropped += 1;
        }
    }
    // ... and convert_pseudo_ops, in the same walk (not needed where no instruction is one
    // they change: the prefix's MAKE_CELLs come with cells).
    let fixups = if cfg.fixups || ncells > 0 {
        &cfg.blocks[..]
    } else {
        &[]
    };
    for blk in fixups {
        for ins in &mut cfg.instrs[blk.range()] {
            if kind(ins.op) & FIXUP == 0 {
                continue;
            }
            if matches!(
                ins.op,
                Opcode::MAKE_CELL
                    | Opcode::LOAD_CLOSURE
                    | Opcode::LOAD_DEREF
                    | Opcode::STORE_DEREF
                    | Opcode::DELETE_DEREF
                    | Opcode::LOAD_FROM_DICT_OR_DEREF
            ) {
                ins.arg = fixed[ins.arg as usize];
            }
            if is_block_push(ins.op) || ins.op == Opcode::POP_BLOCK {
                ins.nop();
            } else if ins.op == Opcode::LOAD_CLOSURE {
                ins.op = Opcode::LOAD_FAST;
            } else if ins.op == Opcode::STORE_FAST_MAYBE_NULL {
                ins.op = Opcode::STORE_FAST;
            }
        }
    }
    cfg.remove_redundant_nops_and_jumps();
    cfg.normalize_jumps();

    // Assemble.
    let mut buffers = std::mem::take(&mut cfg.spare.assembler);
    let assembled = assemble::assemble(&cfg, &mut buffers, info.firstlineno)?;
    cfg.spare.assembler = buffers.kept();
    cfg.recycle();
    // The constants go in as they are: CPython keeps apart the NaNs an equality test would
    // merge.
    let consts = info.consts.take();
    // The names and fast locals too, as the code generator made them.
    let names = std::mem::take(&mut info.names);
    let localsplus = std::mem::take(&mut info.localsplus);
    Ok(CodeObject {
        argcount: info.argcount + info.posonlyargcount,
        posonlyargcount: info.posonlyargcount,
        kwonlyargcount: info.kwonlyargcount,
        stacksize: stackdepth,
        flags: info.flags,
        code: assembled.code,
        consts,
        names,
        localsplus,
        filename: info.filename,
        name: info.name,
        qualname: info.qualname,
        firstlineno: info.firstlineno,
        linetable: assembled.linetable,
        exceptiontable: assembled.exceptiontable,
    })
}

/// A nested code object as a constant.
pub(crate) fn code_const(code: CodeObject) -> Constant {
    Constant::Code(Arc::new(code))
}
