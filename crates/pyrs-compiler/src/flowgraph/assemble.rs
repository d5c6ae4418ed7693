//! The assembler (CPython's Python/assemble.c): the optimised flow graph laid out in block
//! order as code units, with `EXTENDED_ARG` prefixes, jump offsets, the location table and
//! the exception table, written straight from the graph's instructions.
//!
//! pyrs-bytecode's [`pyrs_bytecode::CodeBuilder`] does the same for any caller, through labels
//! and one call per instruction; the compiler assembles its own graphs here, because it
//! assembles every code object of every module it compiles: one walk numbers the
//! instructions and works out their sizes, the jump offsets are settled on that list, and a
//! second walk of the graph writes the code units and hands each run of code units that share
//! a location straight to the location-table encoder.

use pyrs_bytecode::{
    exception_table, linetable, CodeUnit, ExceptionTableEntry, Opcode, OperandKind,
};

use super::{kind, Cfg, JUMP_OPERAND, NONE, NOT_EMITTABLE};

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
    /// An index into the handlers, or `NONE`.
    handler: u32,
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

    let n = count as usize;
    let mut laid: Vec<Laid> = Vec::with_capacity(n);
    let mut handlers: Vec<HandlerAt> = Vec::new();
    let mut jumps: Vec<u32> = Vec::new();
    let mut last_except = NONE;
    let mut handler = NONE;
    let mut b = cfg.entry;
    while b != NONE {
        let blk = cfg.b(b);
        for ins in &blk.instrs {
            let i = laid.len() as u32;
            // Runs of instructions share a handler: work it out once per run.
            if ins.except != last_except {
                last_except = ins.except;
                handler = NONE;
                if ins.except != NONE {
                    let except = cfg.next_nonempty(ins.except);
                    if except != NONE && start[except as usize] != NONE {
                        let h = cfg.b(except);
                        let lasti = h.preserve_lasti;
                        let depth = h.startdepth - 1 - i32::from(lasti);
                        handlers.push(HandlerAt {
                            start: start[except as usize],
                            depth: depth.max(0) as u32,
                            lasti,
                        });
                        handler = handlers.len() as u32 - 1;
                    }
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
                jumps.push(i);
                // As CPython's assembler, start from the target's index as the oparg.
                target
            } else {
                if kind(op) & JUMP_OPERAND != 0 {
                    return Err(format!("{op} without a target"));
                }
                ins.arg
            };
            if kind(op) & NOT_EMITTABLE != 0 {
                return Err(format!("{op} cannot be assembled"));
            }
            laid.push(Laid {
                op,
                arg,
                target,
                size: size_of(op, arg),
                handler,
            });
        }
        b = blk.next;
    }

    // Jump offsets, until no instruction changes size. Each instruction's size is kept;
    // only the jumps are revisited.
    let mut offsets = vec![0u32; n + 1];
    loop {
        let mut total = 0u32;
        for (offset, ins) in offsets.iter_mut().zip(&laid) {
            *offset = total;
            total += ins.size;
        }
        offsets[n] = total;
        if jumps.is_empty() {
            break;
        }
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
    }

    // Code units (the caches after each instruction are the zeros already there), and the
    // location table from the runs of instructions that share a location, in one more walk
    // of the graph (the locations are read where they are, not copied into a list).
    let mut code = vec![CodeUnit::default(); offsets[n] as usize];
    let mut lines = linetable::Encoder::new(firstlineno, n / 2);
    let mut i = 0usize;
    let mut run_loc = None;
    let mut run_start = 0u32;
    let mut b = cfg.entry;
    while b != NONE {
        let blk = cfg.b(b);
        for ins in &blk.instrs {
            let offset = offsets[i];
            if run_loc != Some(ins.loc) {
                if let Some(loc) = run_loc {
                    lines.run_raw(loc.raw(), offset - run_start);
                }
                run_loc = Some(ins.loc);
                run_start = offset;
            }
            let Laid { op, arg, .. } = laid[i];
            let mut at = offset as usize;
            if arg > 0xFF {
                for k in (1..=extended_args(arg)).rev() {
                    code[at] = CodeUnit::new(Opcode::EXTENDED_ARG, (arg >> (8 * k)) as u8);
                    at += 1;
                }
            }
            code[at] = CodeUnit::new(op, arg as u8);
            i += 1;
        }
        b = blk.next;
    }
    if let Some(loc) = run_loc {
        lines.run_raw(loc.raw(), offsets[n] - run_start);
    }
    let linetable = lines.finish();

    // The exception table: runs of instructions with the same handler target.
    let mut entries: Vec<ExceptionTableEntry> = Vec::new();
    let mut current: Option<HandlerAt> = None;
    let mut from = 0u32;
    let mut last_handler = NONE;
    for i in 0..=n {
        if i < n && laid[i].handler == last_handler {
            continue;
        }
        let here = if i < n {
            last_handler = laid[i].handler;
            (last_handler != NONE).then(|| handlers[last_handler as usize])
        } else {
            None
        };
        if here.map(|h| h.start) != current.map(|h| h.start) || i == n {
            if let Some(h) = current {
                entries.push(ExceptionTableEntry {
                    start: from,
                    end: offsets[i],
                    target: offsets[h.start as usize],
                    depth: h.depth,
                    lasti: h.lasti,
                });
            }
            from = offsets[i];
            current = here;
        }
    }

    Ok(Assembled {
        code,
        linetable,
        exceptiontable: exception_table::encode(&entries),
    })
}
