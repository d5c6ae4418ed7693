//! What the value stack holds before each instruction, by kind (CPython's `mark_stacks` in
//! Objects/frameobject.c): `frame.f_lineno = n` may only move a frame to an instruction
//! whose stack is a prefix of the current one (it pops the rest), never into a `for` body
//! or an `except` block from outside.

use pyrs_bytecode::{exception_table, Opcode};

use crate::code::CodeData;
use crate::frame::Frame;

/// The kind of one stack entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Object,
    Iterator,
    Except,
    Lasti,
}

/// The stack kinds before each code unit that starts an instruction (`None` where
/// unreachable); an `EXTENDED_ARG` prefix has its instruction's.
pub(crate) fn stack_kinds(code: &CodeData) -> Vec<Option<Vec<Kind>>> {
    let instrs = &code.instrs;
    let n = instrs.len();
    let mut stacks: Vec<Option<Vec<Kind>>> = vec![None; n];
    if n == 0 {
        return stacks;
    }
    stacks[0] = Some(Vec::new());
    let handlers: Vec<_> = exception_table::decode(&code.code.exceptiontable).collect();
    let mut changed = true;
    let mut rounds = 0;
    while changed && rounds < 64 {
        changed = false;
        rounds += 1;
        let mut i = 0;
        while i < n {
            let start = i;
            let Some(stack) = stacks[start].clone() else {
                i += 1;
                continue;
            };
            let mut oparg = 0u32;
            let mut j = i;
            while instrs[j].opcode == Opcode::EXTENDED_ARG as u8 && j + 1 < n {
                oparg = (oparg << 8) | instrs[j].arg as u32;
                j += 1;
            }
            oparg = (oparg << 8) | instrs[j].arg as u32;
            let Some(op) = Opcode::from_byte(instrs[j].opcode) else {
                break;
            };
            let next = j + 1 + op.cache_entries() as usize;
            let mut set = |at: usize, s: Vec<Kind>, stacks: &mut Vec<Option<Vec<Kind>>>| {
                if at < n && stacks[at].is_none() {
                    stacks[at] = Some(s);
                    changed = true;
                }
            };
            if j != start {
                set(j, stack.clone(), &mut stacks);
            }
            // Exception handlers covering this instruction.
            for h in &handlers {
                if (h.start as usize) <= j && j < h.end as usize {
                    let mut s: Vec<Kind> = stack.iter().copied().take(h.depth as usize).collect();
                    if h.lasti {
                        s.push(Kind::Lasti);
                    }
                    s.push(Kind::Object);
                    set(h.target as usize, s, &mut stacks);
                }
            }
            let generic = |stack: &[Kind], jump: bool| -> Vec<Kind> {
                let eff = if jump {
                    op.jump_stack_effect(oparg)
                } else {
                    op.stack_effect(oparg)
                };
                let mut s = stack.to_vec();
                if let Some(e) = eff {
                    for _ in 0..e.popped {
                        s.pop();
                    }
                    for _ in 0..e.pushed {
                        s.push(Kind::Object);
                    }
                }
                s
            };
            match op {
                Opcode::POP_JUMP_IF_FALSE
                | Opcode::POP_JUMP_IF_TRUE
                | Opcode::POP_JUMP_IF_NONE
                | Opcode::POP_JUMP_IF_NOT_NONE => {
                    let mut s = stack.clone();
                    s.pop();
                    set(next + oparg as usize, s.clone(), &mut stacks);
                    set(next, s, &mut stacks);
                }
                Opcode::JUMP_FORWARD => set(next + oparg as usize, stack, &mut stacks),
                Opcode::JUMP_BACKWARD | Opcode::JUMP_BACKWARD_NO_INTERRUPT => {
                    if let Some(t) = next.checked_sub(oparg as usize) {
                        set(t, stack, &mut stacks);
                    }
                }
                Opcode::GET_ITER | Opcode::GET_AITER => {
                    let mut s = stack;
                    s.pop();
                    s.push(Kind::Iterator);
                    set(next, s, &mut stacks);
                }
                Opcode::FOR_ITER => {
                    let mut s = stack;
                    s.push(Kind::Object);
                    set(next + oparg as usize, s.clone(), &mut stacks);
                    set(next, s, &mut stacks);
                }
                Opcode::PUSH_EXC_INFO => {
                    let mut s = stack;
                    s.pop();
                    s.push(Kind::Except);
                    s.push(Kind::Object);
                    set(next, s, &mut stacks);
                }
                Opcode::RETURN_VALUE
                | Opcode::RETURN_CONST
                | Opcode::RAISE_VARARGS
                | Opcode::RERAISE => {}
                Opcode::SEND => {
                    set(next + oparg as usize, generic(&stack, true), &mut stacks);
                    set(next, generic(&stack, false), &mut stacks);
                }
                _ => set(next, generic(&stack, false), &mut stacks),
            }
            i = next;
        }
    }
    stacks
}

/// Whether a frame whose stack is `from` may continue where the stack is `to`.
pub(crate) fn compatible(from: &[Kind], to: &[Kind]) -> bool {
    to.len() <= from.len() && from[..to.len()] == *to
}

/// Why the stack `to` cannot be reached by a jump (CPython's `explain_incompatible_stack`).
pub(crate) fn explain(to: Option<&[Kind]>) -> String {
    match to.and_then(|s| s.last()) {
        None if to.is_none() => {
            "can't jump into an exception handler, or code may be unreachable".into()
        }
        Some(Kind::Except) => "can't jump into an 'except' block as there's no exception".into(),
        Some(Kind::Lasti) => "can't jump into a re-raising block as there's no location".into(),
        Some(Kind::Iterator) => "can't jump into the body of a for loop".into(),
        _ => "can't jump into the middle of a block".into(),
    }
}

/// Pops the frame's stack (kinds `from`) down to `depth` entries, restoring the handled
/// exception an `except` block had saved.
pub(crate) fn unwind(frame: &mut Frame, from: &[Kind], depth: usize) {
    let mut kinds = from.to_vec();
    while kinds.len() > depth && frame.depth() > 0 {
        let kind = kinds.pop();
        let v = frame.pop_opt();
        if kind == Some(Kind::Except) {
            let restore = v.filter(|e| !pyrs_objects::protocol::is_none(e));
            drop(crate::exc::set_handled(restore));
        } else {
            drop(v);
        }
    }
}
