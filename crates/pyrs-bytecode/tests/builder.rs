//! The builder on hand-written sequences: `EXTENDED_ARG` layout, jump direction and offsets,
//! pseudo-instruction lowering, constant merging, exception tables, stack depth, and errors.

use std::sync::Arc;

use pyrs_bytecode::oparg;
use pyrs_bytecode::{
    BuildError, CodeBuilder, CodeObject, Constant, Handler, Int, LocalKind, Opcode, Positions,
};

fn builder() -> CodeBuilder {
    let mut b = CodeBuilder::new("f", "f", "t.py", 1);
    b.set_location(Positions::line(1));
    b.emit(Opcode::RESUME, 0);
    b
}

/// (opcode, oparg) of each instruction, EXTENDED_ARG prefixes folded in.
fn listing(code: &CodeObject) -> Vec<(Opcode, u32)> {
    code.instructions()
        .filter(|i| i.opcode() != Some(Opcode::EXTENDED_ARG))
        .map(|i| (i.opcode().unwrap(), i.oparg))
        .collect()
}

#[test]
fn large_opargs_get_extended_arg_prefixes() {
    let mut b = builder();
    for i in 0..70_000 {
        b.add_const(Constant::int(i));
    }
    for index in [5u32, 300, 69_999] {
        b.emit(Opcode::LOAD_CONST, index);
        b.emit(Opcode::POP_TOP, 0);
    }
    b.emit(Opcode::RETURN_CONST, 0);
    let code = b.finish().unwrap();
    code.validate().unwrap();
    let loads: Vec<_> = code
        .instructions()
        .filter(|i| i.opcode() == Some(Opcode::LOAD_CONST))
        .collect();
    assert_eq!(
        loads.iter().map(|i| i.oparg).collect::<Vec<_>>(),
        [5, 300, 69_999]
    );
    assert_eq!(
        loads.iter().map(|i| i.offset - i.start).collect::<Vec<_>>(),
        [0, 1, 2],
        "one EXTENDED_ARG per byte above the first"
    );
}

#[test]
fn jumps_resolve_in_both_directions_and_grow_when_far() {
    for filler in [1usize, 100, 300, 70_000] {
        let mut b = builder();
        let top = b.new_label();
        let out = b.new_label();
        b.bind(top);
        b.emit(Opcode::LOAD_FAST, 0);
        b.emit_jump(Opcode::POP_JUMP_IF_TRUE, out);
        for _ in 0..filler {
            b.emit(Opcode::NOP, 0);
        }
        b.emit_jump(Opcode::JUMP, top);
        b.bind(out);
        b.emit(Opcode::RETURN_CONST, 0);
        b.add_const(Constant::None);
        b.add_local("x", LocalKind::LOCAL);
        b.argcount = 1;
        let code = b.finish().unwrap();
        code.validate().unwrap();
        let ins: Vec<_> = code
            .instructions()
            .filter(|i| i.opcode() != Some(Opcode::EXTENDED_ARG))
            .collect();
        let load = ins[1];
        let cond = ins[2];
        let back = ins[ins.len() - 2];
        let ret = ins[ins.len() - 1];
        assert_eq!(cond.opcode(), Some(Opcode::POP_JUMP_IF_TRUE));
        assert_eq!(cond.jump_target(), Some(ret.start), "forward over {filler}");
        assert_eq!(back.opcode(), Some(Opcode::JUMP_BACKWARD));
        assert_eq!(
            back.jump_target(),
            Some(load.start),
            "backward over {filler}"
        );
    }
}

#[test]
fn jump_pseudo_instructions_pick_their_direction() {
    let mut b = builder();
    let ahead = b.new_label();
    let behind = b.new_label();
    b.emit_jump(Opcode::JUMP_NO_INTERRUPT, ahead);
    b.bind(behind);
    b.emit(Opcode::NOP, 0);
    b.bind(ahead);
    b.emit_jump(Opcode::JUMP_NO_INTERRUPT, behind);
    let code = b.finish().unwrap();
    let ops: Vec<Opcode> = listing(&code).into_iter().map(|(op, _)| op).collect();
    assert_eq!(
        ops,
        [
            Opcode::RESUME,
            Opcode::JUMP_FORWARD,
            Opcode::NOP,
            Opcode::JUMP_BACKWARD_NO_INTERRUPT
        ]
    );
}

#[test]
fn pseudo_instructions_are_lowered() {
    let mut b = builder();
    b.add_local("cell", LocalKind::LOCAL | LocalKind::CELL);
    b.emit(Opcode::LOAD_CLOSURE, 0);
    b.emit(Opcode::STORE_FAST_MAYBE_NULL, 0);
    b.emit(Opcode::LOAD_FAST, 0);
    b.emit(Opcode::LOAD_METHOD, 3);
    b.emit(Opcode::POP_TOP, 0);
    b.emit(Opcode::POP_TOP, 0);
    for op in [
        Opcode::LOAD_SUPER_METHOD,
        Opcode::LOAD_ZERO_SUPER_METHOD,
        Opcode::LOAD_ZERO_SUPER_ATTR,
    ] {
        b.emit(Opcode::LOAD_FAST, 0);
        b.emit(Opcode::LOAD_FAST, 0);
        b.emit(Opcode::LOAD_FAST, 0);
        b.emit(op, 2);
        b.emit(Opcode::POP_TOP, 0);
        if op != Opcode::LOAD_ZERO_SUPER_ATTR {
            b.emit(Opcode::POP_TOP, 0);
        }
    }
    b.emit(Opcode::RETURN_CONST, 0);
    for i in 0..4 {
        b.add_name(&format!("n{i}"));
    }
    b.add_const(Constant::None);
    let code = b.finish().unwrap();
    code.validate().unwrap();
    let l = listing(&code);
    assert_eq!(l[1], (Opcode::LOAD_FAST, 0));
    assert_eq!(l[2], (Opcode::STORE_FAST, 0));
    assert_eq!(l[4], (Opcode::LOAD_ATTR, oparg::load_attr(3, true)));
    let supers: Vec<u32> = l
        .iter()
        .filter(|(op, _)| *op == Opcode::LOAD_SUPER_ATTR)
        .map(|&(_, a)| a)
        .collect();
    assert_eq!(
        supers,
        [
            oparg::load_super_attr(2, true, true),
            oparg::load_super_attr(2, false, true),
            oparg::load_super_attr(2, false, false),
        ]
    );
    assert_eq!(code.stacksize, 3);
}

#[test]
fn constants_merge_by_type_and_bits() {
    let mut b = CodeBuilder::new("m", "m", "t.py", 1);
    let one = b.add_const(Constant::int(1));
    assert_eq!(b.add_const(Constant::int(1)), one);
    assert_ne!(b.add_const(Constant::Bool(true)), one);
    assert_ne!(b.add_const(Constant::Float(1.0)), one);
    let zero = b.add_const(Constant::Float(0.0));
    assert_ne!(b.add_const(Constant::Float(-0.0)), zero);
    let nan = b.add_const(Constant::Float(f64::NAN));
    assert_eq!(b.add_const(Constant::Float(f64::NAN)), nan);
    let big = Constant::Int(Int::from_decimal("123456789012345678901234567890").unwrap());
    let i = b.add_const(big.clone());
    assert_eq!(b.add_const(big), i);
    let t = b.add_const(Constant::Tuple(Box::new([
        Constant::int(1),
        Constant::str("a"),
    ])));
    assert_eq!(
        b.add_const(Constant::Tuple(Box::new([
            Constant::int(1),
            Constant::str("a")
        ]))),
        t
    );
    let inner = Arc::new(b_finish_trivial());
    let c1 = b.add_const(Constant::Code(inner.clone()));
    let c2 = b.add_const(Constant::Code(inner));
    assert_ne!(c1, c2, "code objects are never merged");
    assert_eq!(b.add_name("x"), 0);
    assert_eq!(b.add_name("y"), 1);
    assert_eq!(b.add_name("x"), 0);
    assert_eq!(b.add_local("a", LocalKind::LOCAL), 0);
    assert_eq!(b.add_local("a", LocalKind::CELL), 0);
    b.emit(Opcode::RESUME, 0);
    b.emit(Opcode::RETURN_CONST, one);
    let code = b.finish().unwrap();
    assert_eq!(code.localsplus[0].kind, LocalKind::LOCAL | LocalKind::CELL);
    assert_eq!(code.cellvars().collect::<Vec<_>>(), ["a"]);
}

fn b_finish_trivial() -> CodeObject {
    let mut b = builder();
    b.add_const(Constant::None);
    b.emit(Opcode::RETURN_CONST, 0);
    b.finish().unwrap()
}

#[test]
fn handlers_become_exception_table_ranges() {
    // try: x() except: pass — with the handler reached only through the table.
    let mut b = builder();
    let handler = b.new_label();
    let after = b.new_label();
    let cleanup = b.new_label();
    b.add_const(Constant::None);
    let name = b.add_name("x");
    b.set_handler(Some(Handler {
        label: handler,
        depth: 0,
        lasti: false,
    }));
    b.emit(Opcode::LOAD_GLOBAL, oparg::load_global(name, true));
    b.emit(Opcode::CALL, 0);
    b.emit(Opcode::POP_TOP, 0);
    b.set_handler(None);
    b.emit_jump(Opcode::JUMP, after);
    b.bind(handler);
    b.set_handler(Some(Handler {
        label: cleanup,
        depth: 1,
        lasti: true,
    }));
    b.emit(Opcode::PUSH_EXC_INFO, 0);
    b.emit(Opcode::POP_TOP, 0);
    b.emit(Opcode::POP_EXCEPT, 0);
    b.set_handler(None);
    b.emit_jump(Opcode::JUMP, after);
    b.bind(cleanup);
    b.emit(Opcode::COPY, 3);
    b.emit(Opcode::POP_EXCEPT, 0);
    b.emit(Opcode::RERAISE, 1);
    b.bind(after);
    b.emit(Opcode::RETURN_CONST, 0);
    let code = b.finish().unwrap();
    code.validate().unwrap();
    let entries: Vec<_> = code.exception_entries().collect();
    assert_eq!(entries.len(), 2);
    let starts: Vec<u32> = code.instructions().map(|i| i.start).collect();
    assert_eq!(entries[0].start, starts[1]);
    assert_eq!(entries[0].end, starts[4]);
    assert_eq!(entries[0].target, starts[5]);
    assert_eq!((entries[0].depth, entries[0].lasti), (0, false));
    assert_eq!(entries[1].target, starts[9]);
    assert_eq!((entries[1].depth, entries[1].lasti), (1, true));
    assert_eq!(code.handler_at(starts[2]), Some(entries[0]));
    assert_eq!(code.handler_at(starts[4]), None);
    // The deepest point: the cleanup handler starts with depth 1 + lasti + exception = 3,
    // and COPY 3 pushes a fourth.
    assert_eq!(code.stacksize, 4);
}

#[test]
fn mistakes_are_errors() {
    let finish = |f: &dyn Fn(&mut CodeBuilder)| {
        let mut b = builder();
        f(&mut b);
        b.finish().map(|_| ())
    };
    assert_eq!(
        CodeBuilder::new("f", "f", "t.py", 1).finish().err(),
        Some(BuildError::Empty)
    );
    let unbound = finish(&|b| {
        let l = b.new_label();
        b.emit_jump(Opcode::JUMP, l);
    });
    assert!(matches!(unbound, Err(BuildError::UnboundLabel(_))));
    let twice = finish(&|b| {
        let l = b.new_label();
        b.bind(l);
        b.bind(l);
    });
    assert!(matches!(twice, Err(BuildError::LabelBoundTwice(_))));
    let at_end = finish(&|b| {
        let l = b.new_label();
        b.emit_jump(Opcode::JUMP, l);
        b.bind(l);
    });
    assert!(matches!(at_end, Err(BuildError::LabelAtEnd(_))));
    let backward_conditional = finish(&|b| {
        let l = b.new_label();
        b.bind(l);
        b.emit(Opcode::LOAD_CONST, 0);
        b.emit_jump(Opcode::POP_JUMP_IF_TRUE, l);
    });
    assert!(matches!(
        backward_conditional,
        Err(BuildError::WrongDirection { .. })
    ));
    assert_eq!(
        finish(&|b| b.emit(Opcode::JUMP_FORWARD, 0)),
        Err(BuildError::JumpWithoutLabel(Opcode::JUMP_FORWARD))
    );
    assert_eq!(
        finish(&|b| {
            let l = b.new_label();
            b.emit_jump(Opcode::NOP, l);
        }),
        Err(BuildError::NotAJump(Opcode::NOP))
    );
    for op in [
        Opcode::SETUP_FINALLY,
        Opcode::POP_BLOCK,
        Opcode::EXTENDED_ARG,
        Opcode::BINARY_OP_ADD_INT,
        Opcode::CACHE,
    ] {
        assert_eq!(
            finish(&|b| b.emit(op, 0)),
            Err(BuildError::NotAllowed(op)),
            "{op}"
        );
    }
    assert_eq!(
        finish(&|b| b.emit(Opcode::POP_TOP, 0)),
        Err(BuildError::StackUnderflow { index: 1 })
    );
    let inconsistent = finish(&|b| {
        let join = b.new_label();
        b.emit(Opcode::LOAD_CONST, 0);
        b.emit(Opcode::LOAD_CONST, 0);
        b.emit_jump(Opcode::POP_JUMP_IF_TRUE, join);
        b.emit(Opcode::LOAD_CONST, 0);
        b.bind(join);
        b.emit(Opcode::RETURN_VALUE, 0);
    });
    assert!(matches!(
        inconsistent,
        Err(BuildError::InconsistentStack { .. })
    ));
    assert_eq!(
        finish(&|b| b.emit(Opcode::LOAD_METHOD, u32::MAX)),
        Err(BuildError::OpargTooLarge(Opcode::LOAD_METHOD))
    );
}

#[test]
fn built_code_round_trips_through_bytes() {
    let mut b = builder();
    b.add_const(Constant::Tuple(Box::new([
        Constant::Int(Int::from_decimal("-1267650600228229401496703205376").unwrap()),
        Constant::Complex {
            real: -0.0,
            imag: f64::INFINITY,
        },
        Constant::Bytes(Box::new(*b"\x00\xff")),
        Constant::FrozenSet(Box::new([Constant::str("a"), Constant::Ellipsis])),
    ])));
    b.set_location(Positions::new(3, 5, 7, 200));
    b.emit(Opcode::RETURN_CONST, 0);
    let code = b.finish().unwrap();
    let back = CodeObject::from_bytes(&code.to_bytes()).unwrap();
    assert_eq!(back, code);
    assert_eq!(back.consts[0].repr(), code.consts[0].repr());
    assert_eq!(back.positions().nth(1), Some(Positions::new(3, 5, 7, 200)));
}
