//! The assembler (CPython's Python/assemble.c): the optimised flow graph laid out in block
//! order as code units, with `EXTENDED_ARG` prefixes, jump offsets, the location table and
//! the exception table, written straight from the graph's instructions.
//!
//! pyrs-bytecode's [`pyrs_bytecode::CodeBuilder`] does the same for any caller, through labels
//! and one call per instruction; the compiler assembles its own graphs here, because it
//! assembles every code object of every module it compiles. Most units have at most 256
//! instructions, so that no jump starts with an `EXTENDED_ARG` (CPython's assembler starts
//! each jump's oparg at its target's index): one walk of the graph writes their code units and
//! location table as it goes, and fills in the jump opargs after it ([`assemble_short`]).
//! Other units, and the few short ones with a jump past 255 code units, take
//! [`assemble_long`]: one walk of the graph lays the instructions out with their sizes and
//! offsets and notes where each run of instructions sharing a location or a handler starts,
//! the jump opargs are settled on that list as CPython's `resolve_jump_offsets` settles them,
//! and the code units, the location table and the exception table are written from it.

use pyrs_bytecode::{
    exception_table, linetable, CodeUnit, ExceptionTableEntry, Opcode, OperandKind,
};

use super::{keep, Cfg, Instr, Loc, NONE, OPCODES};

/// The assembler's work space, kept from unit to unit with the graph's other buffers
/// (`Spare`): empty between units.
#[derive(Default)]
pub(super) struct Buffers {
    /// Each block's first instruction index.
    start: Vec<u32>,
    /// [`assemble_short`]'s code units before they are copied out at their length.
    code: Vec<CodeUnit>,
    /// [`assemble_short`]'s jumps and runs of handled instructions.
    jumps: Vec<(usize, Opcode, u32, u32)>,
    handled: Vec<(u32, u32, HandlerAt)>,
}

impl Buffers {
    /// The buffers emptied, those worth keeping (see `keep`).
    pub(super) fn kept(self) -> Buffers {
        Buffers {
            start: keep(self.start),
            code: keep(self.code),
            jumps: keep(self.jumps),
            handled: keep(self.handled),
        }
    }
}

/// The most inline cache entries an instruction has.
const MAX_CACHES: u32 = {
    let mut max = 0;
    let mut i = 0;
    while i < Opcode::ALL.len() {
        let n = Opcode::ALL[i].cache_entries();
        if n > max {
            max = n;
        }
        i += 1;
    }
    max
};

/// The most code units one instruction takes: three `EXTENDED_ARG`s, itself, its caches.
const MAX_SIZE: usize = 4 + MAX_CACHES as usize;

/// [`LAYOUT`]'s bits above the cache count (which takes the low four).
const CACHES: u8 = 0x0F;
/// The opcode cannot be written into code units ([`Opcode::is_emittable`] is false).
const NOT_EMITTABLE: u8 = 0x10;
/// A jump whose target comes after it (operand `Jump` or `JumpForward`).
const JUMPS_FORWARD: u8 = 0x20;
/// A jump whose target is it or comes before it (operand `JumpBackward`).
const JUMPS_BACKWARD: u8 = 0x40;

/// What the assembler asks of each opcode, in one byte read once per instruction: its
/// inline cache entries (the low four bits) and [`NOT_EMITTABLE`], [`JUMPS_FORWARD`],
/// [`JUMPS_BACKWARD`].
static LAYOUT: [u8; OPCODES] = {
    assert!(MAX_CACHES <= CACHES as u32);
    let mut table = [0u8; OPCODES];
    let mut i = 0;
    while i < Opcode::ALL.len() {
        let op = Opcode::ALL[i];
        let mut bits = op.cache_entries() as u8;
        if !op.is_emittable() {
            bits |= NOT_EMITTABLE;
        }
        bits |= match op.operand() {
            OperandKind::Jump | OperandKind::JumpForward => JUMPS_FORWARD,
            OperandKind::JumpBackward => JUMPS_BACKWARD,
            _ => 0,
        };
        table[op as usize] = bits;
        i += 1;
    }
    table
};

#[inline(always)]
fn layout(op: Opcode) -> u8 {
    LAYOUT[op as usize]
}

/// What the assembler makes of a graph: `co_code`, `co_linetable`, `co_exceptiontable`.
pub(super) struct Assembled {
    pub(super) code: Vec<CodeUnit>,
    pub(super) linetable: Vec<u8>,
    pub(super) exceptiontable: Vec<u8>,
}

/// One instruction in its final place.
#[derive(Clone, Copy)]
struct Laid {
    op: Opcode,
    /// The oparg; for a jump, the target's index among the instructions until the offsets
    /// are known.
    arg: u32,
    /// The jump target's instruction index, or `NONE`.
    target: u32,
    /// Code units, prefixes and caches included.
    size: u32,
}

/// An exception handler: its first instruction, and the depth and `lasti` of its entry.
#[derive(Clone, Copy)]
struct HandlerAt {
    start: u32,
    depth: u32,
    lasti: bool,
}

/// How many `EXTENDED_ARG` prefixes an oparg needs.
fn extended_args(arg: u32) -> u32 {
    u32::from(arg > 0xFF) + u32::from(arg > 0xFFFF) + u32::from(arg > 0xFF_FFFF)
}

fn size_of(op: Opcode, arg: u32) -> u32 {
    units(arg, layout(op))
}

/// The code units of an instruction with oparg `arg` whose [`LAYOUT`] byte is `bits`: its
/// `EXTENDED_ARG` prefixes, itself, its caches.
#[inline(always)]
fn units(arg: u32, bits: u8) -> u32 {
    extended_args(arg) + 1 + u32::from(bits & CACHES)
}

/// Whether two locations (as `Loc::raw`) are the same, in one branch: asked for every
/// instruction, and they differ about as often as not, so a comparison field by field
/// mispredicts.
#[inline(always)]
fn same_loc(a: [i32; 4], b: [i32; 4]) -> bool {
    (a[0] ^ b[0]) | (a[1] ^ b[1]) | (a[2] ^ b[2]) | (a[3] ^ b[3]) == 0
}

/// Units of at most this many instructions are laid out in one pass ([`assemble_short`]):
/// every jump's oparg starts as its target's index, below 256, so no jump starts with an
/// `EXTENDED_ARG`.
const SHORT: usize = 256;

/// Lays out the blocks of `cfg` in their order (`assemble_emit` and the tables after it);
/// `start` is an empty vector to work in.
pub(super) fn assemble(
    cfg: &Cfg,
    buffers: &mut Buffers,
    firstlineno: u32,
) -> Result<Assembled, String> {
    // Each block's first instruction index (an empty block starts where the next does).
    let start = &mut buffers.start;
    start.clear();
    start.resize(cfg.blocks.len(), NONE);
    let mut count = 0u32;
    let mut b = cfg.entry;
    while b != NONE {
        start[b as usize] = count;
        let blk = cfg.b(b);
        count += blk.end - blk.start;
        b = blk.next;
    }
    if count == 0 {
        return Err("no instruction to assemble".into());
    }
    if count as usize <= SHORT {
        if let Some(assembled) = assemble_short(cfg, buffers, count, firstlineno)? {
            return Ok(assembled);
        }
    }
    assemble_long(cfg, &buffers.start, count, firstlineno)
}

/// The instruction a block's label stands for: its first, or the next block's if it is
/// empty; `NONE` for a block outside the order, and at least `count` for a label after the
/// last instruction. A block in the order has that index as its `start` already (an empty
/// block's is the next instruction's).
#[inline(always)]
fn first_of(cfg: &Cfg, start: &[u32], b: u32) -> u32 {
    match start[b as usize] {
        NONE => match cfg.next_nonempty(b) {
            NONE => NONE,
            b => start[b as usize],
        },
        first => first,
    }
}

/// The handler of the instructions whose `except` block is `except`, if it is laid out.
fn handler_at(cfg: &Cfg, start: &[u32], except: u32) -> Option<HandlerAt> {
    if except == NONE {
        return None;
    }
    let except = cfg.next_nonempty(except);
    if except == NONE || start[except as usize] == NONE {
        return None;
    }
    let h = cfg.b(except);
    let lasti = h.preserve_lasti;
    let depth = h.startdepth - 1 - i32::from(lasti);
    Some(HandlerAt {
        start: start[except as usize],
        depth: depth.max(0) as u32,
        lasti,
    })
}

/// Instruction `i` as laid out: its opcode (a `JUMP` or `JUMP_NO_INTERRUPT` made forward or
/// backward), its oparg (for a jump, as CPython's assembler starts, its target's index), its
/// target's index (`NONE` if it has none) and its [`LAYOUT`] byte; or why it cannot be
/// assembled.
#[inline(always)]
fn lay(
    cfg: &Cfg,
    start: &[u32],
    count: u32,
    i: u32,
    ins: &Instr,
) -> Result<(Opcode, u32, u32, u8), String> {
    let op = ins.op;
    if ins.target == NONE {
        // One look at the table for the caches and the two ways an instruction without a
        // target can be wrong.
        let bits = layout(op);
        if bits & !CACHES != 0 {
            return Err(lay_error(op));
        }
        return Ok((op, ins.arg, NONE, bits));
    }
    lay_jump(cfg, start, count, i, ins)
}

/// Why an instruction without a target cannot be assembled (out of line: never taken in a
/// graph the passes made).
#[cold]
#[inline(never)]
fn lay_error(op: Opcode) -> String {
    if layout(op) & (JUMPS_FORWARD | JUMPS_BACKWARD) != 0 {
        format!("{op} without a target")
    } else {
        format!("{op} cannot be assembled")
    }
}

/// [`lay`] for an instruction with a target.
#[inline(always)]
fn lay_jump(
    cfg: &Cfg,
    start: &[u32],
    count: u32,
    i: u32,
    ins: &Instr,
) -> Result<(Opcode, u32, u32, u8), String> {
    let op = ins.op;
    let target = first_of(cfg, start, ins.target);
    if target == NONE || target >= count {
        return Err(format!("{op} jumps past the last instruction"));
    }
    let op = match op {
        Opcode::JUMP if target > i => Opcode::JUMP_FORWARD,
        Opcode::JUMP => Opcode::JUMP_BACKWARD,
        Opcode::JUMP_NO_INTERRUPT if target > i => Opcode::JUMP_FORWARD,
        Opcode::JUMP_NO_INTERRUPT => Opcode::JUMP_BACKWARD_NO_INTERRUPT,
        op => op,
    };
    let bits = layout(op);
    let right_way = if target > i {
        JUMPS_FORWARD
    } else {
        JUMPS_BACKWARD
    };
    if bits & right_way == 0 {
        if bits & (JUMPS_FORWARD | JUMPS_BACKWARD) != 0 {
            return Err(format!("{op} at {i} jumps the wrong way"));
        }
        return Err(format!("{op} is not a jump"));
    }
    if bits & NOT_EMITTABLE != 0 {
        return Err(format!("{op} cannot be assembled"));
    }
    Ok((op, target, target, bits))
}

/// Writes one instruction's code units into `out`, exactly its size: its `EXTENDED_ARG`
/// prefixes, itself, and its caches (zeros).
fn write_units(out: &mut [CodeUnit], op: Opcode, arg: u32) {
    let prefixes = extended_args(arg) as usize;
    for (k, unit) in out[..prefixes].iter_mut().enumerate() {
        let shift = 8 * (prefixes - k);
        *unit = CodeUnit::new(Opcode::EXTENDED_ARG, (arg >> shift) as u8);
    }
    out[prefixes] = CodeUnit::new(op, arg as u8);
    out[prefixes + 1..].fill(CodeUnit::default());
}

/// A unit of at most [`SHORT`] instructions, in one walk of the graph: every offset is known
/// as the walk reaches it (no jump starts with a prefix), so the code units, the location
/// table and the exception table's runs are written as it goes, and only the jumps' opargs
/// are filled in after it. `None` if a jump then needs an `EXTENDED_ARG` after all (what
/// [`assemble_long`]'s iteration settles).
///
/// The code units go into a buffer with room for the largest each instruction could take
/// ([`MAX_SIZE`]), kept from unit to unit, so that writing one is a store rather than a
/// push that checks for room; the code object gets a copy at the exact length.
fn assemble_short(
    cfg: &Cfg,
    buffers: &mut Buffers,
    count: u32,
    firstlineno: u32,
) -> Result<Option<Assembled>, String> {
    let Buffers {
        start,
        code,
        jumps,
        handled,
    } = buffers;
    let start = &start[..];
    let mut offsets = [0u32; SHORT + 1];
    // All zeros, with room for the most units `count` instructions can take: each
    // instruction writes its opcode and oparg, and its caches are the zeros already there.
    code.clear();
    code.resize(count as usize * MAX_SIZE, CodeUnit::default());
    let mut lines = linetable::Encoder::new(firstlineno, count as usize);
    // The jumps: where each one's code unit is, its opcode, its index and its target's.
    jumps.clear();
    // The runs of instructions with a handler: their offsets, and the handler.
    handled.clear();
    // The current run of one location: the location (as `Loc::raw`, compared in one piece;
    // before the first instruction one that no instruction has) and its first offset.
    let mut run_loc = [i32::MIN; 4];
    let mut run_from = 0u32;
    let mut run_handler: Option<(HandlerAt, u32)> = None;
    let mut last_except = NONE;
    let mut total = 0u32;
    let mut i = 0u32;
    let mut b = cfg.entry;
    while b != NONE {
        let blk = cfg.b(b);
        for ins in cfg.ins(b) {
            offsets[i as usize] = total;
            let loc = ins.loc.raw();
            if !same_loc(loc, run_loc) {
                if total > 0 {
                    lines.run_raw(run_loc, total - run_from);
                }
                run_loc = loc;
                run_from = total;
            }
            if ins.except != last_except {
                last_except = ins.except;
                let handler = handler_at(cfg, start, ins.except);
                // Handlers are told apart by where they start.
                if handler.map(|h| h.start) != run_handler.map(|(h, _)| h.start) {
                    if let Some((h, from)) = run_handler {
                        handled.push((from, total, h));
                    }
                    run_handler = handler.map(|h| (h, total));
                }
            }
            let (op, arg, target, bits) = lay(cfg, start, count, i, ins)?;
            let at = total as usize;
            if target != NONE {
                jumps.push((at, op, i, target));
            }
            let caches = u32::from(bits & CACHES);
            let size = if arg <= 0xFF {
                // Nearly every instruction: no prefix.
                code[at] = CodeUnit::new(op, arg as u8);
                1 + caches
            } else {
                let size = units(arg, bits);
                write_units(&mut code[at..at + size as usize], op, arg);
                size
            };
            total += size;
            i += 1;
        }
        b = blk.next;
    }
    offsets[count as usize] = total;
    // Jump opargs count from the end of the jump.
    for &(at, op, i, target) in jumps.iter() {
        let arg = offsets[i as usize + 1].abs_diff(offsets[target as usize]);
        if arg > 0xFF {
            return Ok(None);
        }
        code[at] = CodeUnit::new(op, arg as u8);
    }
    // (`count` is at least 1.)
    lines.run_raw(run_loc, total - run_from);
    if let Some((h, from)) = run_handler {
        handled.push((from, total, h));
    }
    let entries: Vec<ExceptionTableEntry> = handled
        .iter()
        .map(|&(from, end, h)| ExceptionTableEntry {
            start: from,
            end,
            target: offsets[h.start as usize],
            depth: h.depth,
            lasti: h.lasti,
        })
        .collect();
    Ok(Some(Assembled {
        code: code[..total as usize].to_vec(),
        linetable: lines.finish(),
        exceptiontable: exception_table::encode(&entries),
    }))
}

/// Any unit: one walk of the graph lays out each instruction with its size and its offset
/// (as far as the jumps' sizes are known) and notes where the runs of instructions that
/// share a location or a handler start; the jump opargs are then settled on that list, and
/// the code units and tables written from it.
fn assemble_long(
    cfg: &Cfg,
    start: &[u32],
    count: u32,
    firstlineno: u32,
) -> Result<Assembled, String> {
    let n = count as usize;
    let mut laid: Vec<Laid> = Vec::with_capacity(n);
    let mut offsets: Vec<u32> = Vec::with_capacity(n + 1);
    let mut total = 0u32;
    let mut jumps: Vec<u32> = Vec::new();
    let mut loc_runs: Vec<(u32, Loc)> = Vec::with_capacity(n / 2 + 1);
    let mut run_loc = None;
    let mut handler_runs: Vec<(u32, Option<HandlerAt>)> = Vec::new();
    let mut run_handler: Option<HandlerAt> = None;
    let mut last_except = NONE;
    let mut b = cfg.entry;
    while b != NONE {
        let blk = cfg.b(b);
        for ins in cfg.ins(b) {
            let i = laid.len() as u32;
            if run_loc != Some(ins.loc) {
                run_loc = Some(ins.loc);
                loc_runs.push((i, ins.loc));
            }
            // Runs of instructions share a handler: work it out once per run.
            if ins.except != last_except {
                last_except = ins.except;
                let handler = handler_at(cfg, start, ins.except);
                // Handlers are told apart by where they start.
                if handler.map(|h| h.start) != run_handler.map(|h| h.start) {
                    run_handler = handler;
                    handler_runs.push((i, handler));
                }
            }
            let (op, arg, target, bits) = lay(cfg, start, count, i, ins)?;
            if target != NONE {
                jumps.push(i);
            }
            let size = units(arg, bits);
            offsets.push(total);
            total += size;
            laid.push(Laid {
                op,
                arg,
                target,
                size,
            });
        }
        b = blk.next;
    }
    offsets.push(total);

    // Jump offsets, until no instruction changes size. Each instruction's size is kept;
    // only the jumps are revisited.
    while !jumps.is_empty() {
        let mut changed = false;
        for &i in &jumps {
            let i = i as usize;
            let ins = &mut laid[i];
            // Jump opargs count from the end of the jump, as laid out in this pass.
            ins.arg = offsets[i + 1].abs_diff(offsets[ins.target as usize]);
            let new = size_of(ins.op, ins.arg);
            changed |= new != ins.size;
            ins.size = new;
        }
        if !changed {
            break;
        }
        let mut total = 0u32;
        for (offset, ins) in offsets.iter_mut().zip(&laid) {
            *offset = total;
            total += ins.size;
        }
        offsets[n] = total;
    }

    // Code units (the caches after each instruction are the zeros already there).
    let mut code = vec![CodeUnit::default(); offsets[n] as usize];
    for (&Laid { op, arg, .. }, &offset) in laid.iter().zip(&offsets) {
        let mut at = offset as usize;
        if arg > 0xFF {
            for k in (1..=extended_args(arg)).rev() {
                code[at] = CodeUnit::new(Opcode::EXTENDED_ARG, (arg >> (8 * k)) as u8);
                at += 1;
            }
        }
        code[at] = CodeUnit::new(op, arg as u8);
    }

    // The location table, a run of code units at a time.
    let mut lines = linetable::Encoder::new(firstlineno, loc_runs.len());
    for (k, &(first, loc)) in loc_runs.iter().enumerate() {
        let end = loc_runs.get(k + 1).map_or(n, |&(next, _)| next as usize);
        lines.run_raw(loc.raw(), offsets[end] - offsets[first as usize]);
    }
    let linetable = lines.finish();

    // The exception table: the runs of instructions with a handler.
    let mut entries: Vec<ExceptionTableEntry> = Vec::with_capacity(handler_runs.len());
    for (k, &(first, handler)) in handler_runs.iter().enumerate() {
        let Some(h) = handler else {
            continue;
        };
        let end = handler_runs
            .get(k + 1)
            .map_or(n, |&(next, _)| next as usize);
        entries.push(ExceptionTableEntry {
            start: offsets[first as usize],
            end: offsets[end],
            target: offsets[h.start as usize],
            depth: h.depth,
            lasti: h.lasti,
        });
    }

    Ok(Assembled {
        code,
        linetable,
        exceptiontable: exception_table::encode(&entries),
    })
}
