//! The assembler (CPython's Python/assemble.c): the optimised flow graph laid out in block
//! order as code units, with `EXTENDED_ARG` prefixes, jump offsets, the location table and
//! the exception table, written straight from the graph's instructions.
//!
//! pyrs-bytecode's [`pyrs_bytecode::CodeBuilder`] does the same for any caller, through labels
//! and one call per instruction; the compiler assembles its own graphs here, because it
//! assembles every code object of every module it compiles: one walk of the graph numbers
//! the instructions, works out their sizes and offsets and notes where each run of
//! instructions sharing a location or a handler starts; the jump offsets are then settled on
//! that list, and the code units, the location table (a run at a time) and the exception
//! table are written from it without walking the graph again.

use pyrs_bytecode::{
    exception_table, linetable, CodeUnit, ExceptionTableEntry, Opcode, OperandKind,
};

use super::{kind, Cfg, Loc, JUMP_OPERAND, NONE, NOT_EMITTABLE};

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
    extended_args(arg) + 1 + op.cache_entries()
}

/// Lays out the blocks of `cfg` in their order (`assemble_emit` and the tables after it).
pub(super) fn assemble(cfg: &Cfg, firstlineno: u32) -> Result<Assembled, String> {
    // Each block's first instruction index (an empty block starts where the next does).
    let mut start = vec![NONE; cfg.blocks.len()];
    let mut count = 0u32;
    let mut b = cfg.entry;
    while b != NONE {
        start[b as usize] = count;
        let blk = cfg.b(b);
        count += blk.instrs.len() as u32;
        b = blk.next;
    }
    if count == 0 {
        return Err("no instruction to assemble".into());
    }
    // The instruction a block's label stands for: its first, or the next block's if it is
    // empty; `NONE` for a block outside the order or a label after the last instruction.
    let first_of = |b: u32| -> u32 {
        let b = cfg.next_nonempty(b);
        match b {
            NONE => NONE,
            b => start[b as usize],
        }
    };

    // The one walk of the graph: each instruction laid out with its size and its offset
    // (as far as the jumps' sizes are known), the runs of instructions that share a location
    // and the runs that share an exception handler noted where they start.
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
        for ins in &blk.instrs {
            let i = laid.len() as u32;
            if run_loc != Some(ins.loc) {
                run_loc = Some(ins.loc);
                loc_runs.push((i, ins.loc));
            }
            // Runs of instructions share a handler: work it out once per run.
            if ins.except != last_except {
                last_except = ins.except;
                let mut handler = None;
                if ins.except != NONE {
                    let except = cfg.next_nonempty(ins.except);
                    if except != NONE && start[except as usize] != NONE {
                        let h = cfg.b(except);
                        let lasti = h.preserve_lasti;
                        let depth = h.startdepth - 1 - i32::from(lasti);
                        handler = Some(HandlerAt {
                            start: start[except as usize],
                            depth: depth.max(0) as u32,
                            lasti,
                        });
                    }
                }
                // Handlers are told apart by where they start.
                if handler.map(|h| h.start) != run_handler.map(|h| h.start) {
                    run_handler = handler;
                    handler_runs.push((i, handler));
                }
            }
            let mut op = ins.op;
            let mut target = NONE;
            let arg = if ins.target != NONE {
                target = first_of(ins.target);
                if target == NONE || target >= count {
                    return Err(format!("{op} jumps past the last instruction"));
                }
                op = match op {
                    Opcode::JUMP if target > i => Opcode::JUMP_FORWARD,
                    Opcode::JUMP => Opcode::JUMP_BACKWARD,
                    Opcode::JUMP_NO_INTERRUPT if target > i => Opcode::JUMP_FORWARD,
                    Opcode::JUMP_NO_INTERRUPT => Opcode::JUMP_BACKWARD_NO_INTERRUPT,
                    op => op,
                };
                match op.operand() {
                    OperandKind::JumpBackward if target <= i => {}
                    OperandKind::JumpForward | OperandKind::Jump if target > i => {}
                    OperandKind::JumpBackward | OperandKind::JumpForward | OperandKind::Jump => {
                        return Err(format!("{op} at {i} jumps the wrong way"));
                    }
                    _ => return Err(format!("{op} is not a jump")),
                }
                if kind(op) & NOT_EMITTABLE != 0 {
                    return Err(format!("{op} cannot be assembled"));
                }
                jumps.push(i);
                // As CPython's assembler, start from the target's index as the oparg.
                target
            } else {
                // One look at the table for the two ways an instruction without a target
                // can be wrong.
                let k = kind(op);
                if k & (JUMP_OPERAND | NOT_EMITTABLE) != 0 {
                    if k & JUMP_OPERAND != 0 {
                        return Err(format!("{op} without a target"));
                    }
                    return Err(format!("{op} cannot be assembled"));
                }
                ins.arg
            };
            let size = size_of(op, arg);
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
