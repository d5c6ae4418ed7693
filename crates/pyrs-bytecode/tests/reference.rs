//! Code objects of the reference interpreter, recorded by gen/record_reference.py from the
//! sample files in tests/data/samples/: their tables must decode to what CPython decodes them
//! to, the disassembler must print what `python3.13 -m dis` prints, the builder must rebuild
//! them byte for byte from their instructions, and serialisation must round-trip them.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use pyrs_bytecode::{
    dis, CodeBuilder, CodeFlags, CodeObject, Constant, Handler, Label, LocalKind, Opcode, Positions,
};
use serde_json::Value;
use support::{
    constant, hex, normalise_addresses, positions, recorded_codes, records, samples, strings,
    u32_of,
};

#[test]
fn tables_decode_as_the_reference_decodes_them() {
    for sample in samples() {
        let codes = recorded_codes(&sample);
        for (code, r) in codes.iter().zip(records(&sample)) {
            let what = format!("{}: {}", sample.name, code.qualname);
            code.validate().unwrap_or_else(|e| panic!("{what}: {e}"));
            assert_eq!(
                code.code_bytes(),
                hex(r["code"].as_str().unwrap()),
                "{what}"
            );
            let expected: Vec<Positions> = r["positions"]
                .as_array()
                .unwrap()
                .iter()
                .map(positions)
                .collect();
            assert_eq!(
                code.positions().collect::<Vec<_>>(),
                expected,
                "{what} co_positions"
            );
            let lines: Vec<(u32, u32, Option<u32>)> = code
                .lines()
                .iter()
                .map(|l| (l.start * 2, l.end * 2, l.line))
                .collect();
            let expected: Vec<(u32, u32, Option<u32>)> = r["lines"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| {
                    (
                        u32_of(&l[0]),
                        u32_of(&l[1]),
                        l[2].as_u64().map(|x| x as u32),
                    )
                })
                .collect();
            assert_eq!(lines, expected, "{what} co_lines");
            let entries: Vec<(u32, u32, u32, u32, bool)> = code
                .exception_entries()
                .map(|e| (e.start * 2, e.end * 2, e.target * 2, e.depth, e.lasti))
                .collect();
            let expected: Vec<(u32, u32, u32, u32, bool)> = r["exception_entries"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| {
                    (
                        u32_of(&e[0]),
                        u32_of(&e[1]),
                        u32_of(&e[2]),
                        u32_of(&e[3]),
                        e[4].as_bool().unwrap(),
                    )
                })
                .collect();
            assert_eq!(entries, expected, "{what} exception table");
            assert_eq!(
                code.varnames().collect::<Vec<_>>(),
                strings(&r["varnames"]),
                "{what}"
            );
            assert_eq!(
                code.cellvars().collect::<Vec<_>>(),
                strings(&r["cellvars"]),
                "{what}"
            );
            assert_eq!(
                code.freevars().collect::<Vec<_>>(),
                strings(&r["freevars"]),
                "{what}"
            );
            assert_eq!(
                code.nlocals() as u64,
                r["nlocals"].as_u64().unwrap(),
                "{what}"
            );
            assert_eq!(
                normalise_addresses(&code.repr()),
                r["repr"].as_str().unwrap(),
                "{what}"
            );
            for (c, rc) in code.consts.iter().zip(r["consts"].as_array().unwrap()) {
                if let Some(repr) = rc.get("repr") {
                    assert_eq!(c.repr(), repr.as_str().unwrap(), "{what} constant");
                }
            }
            // The instruction walk agrees with dis.get_instructions.
            let ours: Vec<(u32, u32, String, Option<u32>)> = code
                .instructions()
                .map(|i| {
                    let op = i.opcode().unwrap();
                    let arg = op.deopt().has_arg().then_some(i.oparg);
                    (i.offset * 2, i.start * 2, op.name().to_owned(), arg)
                })
                .collect();
            let theirs: Vec<(u32, u32, String, Option<u32>)> = r["instructions"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| {
                    (
                        u32_of(&i["offset"]),
                        u32_of(&i["start_offset"]),
                        i["opname"].as_str().unwrap().to_owned(),
                        i["arg"].as_u64().map(|a| a as u32),
                    )
                })
                .collect();
            assert_eq!(ours, theirs, "{what} instructions");
            for (ins, ri) in code
                .instructions()
                .zip(r["instructions"].as_array().unwrap())
            {
                assert_eq!(
                    ins.jump_target().map(|t| t * 2),
                    ri["jump_target"].as_u64().map(|t| t as u32),
                    "{what} jump target at {}",
                    ins.offset * 2
                );
                assert_eq!(
                    code.line_at(ins.offset),
                    ri["positions"][0].as_u64().map(|l| l as u32)
                );
            }
        }
    }
}

/// Fails with the first differing line.
fn check_listing(name: &str, ours: &str, expected: &str) {
    let ours = normalise_addresses(ours);
    if ours == expected {
        return;
    }
    let (a, b): (Vec<&str>, Vec<&str>) = (ours.lines().collect(), expected.lines().collect());
    let first = a
        .iter()
        .zip(&b)
        .position(|(x, y)| x != y)
        .unwrap_or(a.len().min(b.len()));
    panic!(
        "{name} differs at line {}:\n ours: {:?}\n dis:  {:?}",
        first + 1,
        a.get(first),
        b.get(first)
    );
}

#[test]
fn disassembly_matches_python_m_dis() {
    for sample in samples() {
        let codes = recorded_codes(&sample);
        check_listing(
            &format!("{}.dis", sample.name),
            &dis::disassemble(&codes[0]),
            &sample.dis,
        );
        let options = dis::DisOptions {
            show_caches: true,
            show_offsets: true,
            depth: None,
        };
        check_listing(
            &format!("{}.dis-CO", sample.name),
            &dis::disassemble_with(&codes[0], &options),
            &sample.dis_caches_offsets,
        );
    }
}

/// Rebuilds a recorded code object with the builder, from its `dis.get_instructions` rows,
/// positions and exception entries, turning its unconditional jumps back into the `JUMP`
/// pseudo-instructions so that the builder chooses their direction.
fn rebuild(
    r: &Value,
    nested: &mut dyn FnMut(usize) -> Arc<CodeObject>,
    stacksize: Option<u32>,
) -> CodeObject {
    let mut b = CodeBuilder::new(
        r["name"].as_str().unwrap(),
        r["qualname"].as_str().unwrap(),
        r["filename"].as_str().unwrap(),
        u32_of(&r["firstlineno"]),
    );
    b.argcount = u32_of(&r["argcount"]);
    b.posonlyargcount = u32_of(&r["posonlyargcount"]);
    b.kwonlyargcount = u32_of(&r["kwonlyargcount"]);
    b.flags = CodeFlags(u32_of(&r["flags"]));
    if let Some(n) = stacksize {
        b.set_stacksize(n);
    }
    for c in r["consts"].as_array().unwrap() {
        let value = if c["t"] == "code" {
            Constant::Code(nested(c["index"].as_u64().unwrap() as usize))
        } else {
            constant(c, &[])
        };
        b.add_const(value);
    }
    for name in strings(&r["names"]) {
        b.add_name(&name);
    }
    for (name, kind) in strings(&r["localsplusnames"])
        .iter()
        .zip(r["localspluskinds"].as_array().unwrap())
    {
        b.add_local(name, LocalKind(kind.as_u64().unwrap() as u8));
    }
    let instructions = r["instructions"].as_array().unwrap();
    let entries: Vec<(u32, u32, u32, u32, bool)> = r["exception_entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                u32_of(&e[0]),
                u32_of(&e[1]),
                u32_of(&e[2]),
                u32_of(&e[3]),
                e[4].as_bool().unwrap(),
            )
        })
        .collect();
    let mut targets = BTreeSet::new();
    for ins in instructions {
        if let Some(t) = ins["jump_target"].as_u64() {
            targets.insert(t as u32);
        }
    }
    targets.extend(entries.iter().map(|e| e.2));
    let labels: BTreeMap<u32, Label> = targets.into_iter().map(|t| (t, b.new_label())).collect();
    for ins in instructions {
        let name = ins["opname"].as_str().unwrap();
        if name == "EXTENDED_ARG" {
            continue;
        }
        let start = u32_of(&ins["start_offset"]);
        if let Some(&label) = labels.get(&start) {
            b.bind(label);
        }
        b.set_location(positions(&ins["positions"]));
        let handler = entries
            .iter()
            .find(|e| e.0 <= start && start < e.1)
            .map(|e| Handler {
                label: labels[&e.2],
                depth: e.3,
                lasti: e.4,
            });
        b.set_handler(handler);
        let op = Opcode::from_name(name).unwrap();
        match ins["jump_target"].as_u64() {
            Some(target) => {
                let op = match op {
                    Opcode::JUMP_FORWARD | Opcode::JUMP_BACKWARD => Opcode::JUMP,
                    Opcode::JUMP_BACKWARD_NO_INTERRUPT => Opcode::JUMP_NO_INTERRUPT,
                    op => op,
                };
                b.emit_jump(op, labels[&(target as u32)]);
            }
            None => b.emit(op, ins["arg"].as_u64().unwrap_or(0) as u32),
        }
    }
    b.finish()
        .unwrap_or_else(|e| panic!("{}: {e}", r["qualname"]))
}

#[test]
fn builder_rebuilds_the_reference_byte_for_byte() {
    let mut equal_depths = 0;
    let mut total = 0;
    for sample in samples() {
        let recorded = recorded_codes(&sample);
        let rs = records(&sample);
        let mut rebuilt: Vec<Option<Arc<CodeObject>>> = vec![None; rs.len()];
        for i in (0..rs.len()).rev() {
            let r = &rs[i];
            let done: Vec<Option<Arc<CodeObject>>> = rebuilt.clone();
            let mut nested = |k: usize| done[k].clone().unwrap();
            let reference_depth = u32_of(&r["stacksize"]);
            let code = rebuild(r, &mut nested, Some(reference_depth));
            let what = format!("{}: {}", sample.name, code.qualname);
            assert_eq!(
                code.code_bytes(),
                recorded[i].code_bytes(),
                "{what} co_code"
            );
            assert_eq!(code.linetable, recorded[i].linetable, "{what} co_linetable");
            assert_eq!(
                code.exceptiontable, recorded[i].exceptiontable,
                "{what} co_exceptiontable"
            );
            assert_eq!(code, *recorded[i], "{what}");
            // Left to itself, the builder counts the depth the final code needs, which is
            // CPython's figure or (counted by CPython on an earlier form of the code) less.
            let computed = rebuild(r, &mut nested, None).stacksize;
            assert!(
                computed <= reference_depth,
                "{what}: {computed} > {reference_depth}"
            );
            equal_depths += usize::from(computed == reference_depth);
            total += 1;
            rebuilt[i] = Some(Arc::new(code));
        }
    }
    assert!(
        equal_depths * 10 >= total * 9,
        "stack sizes agree for only {equal_depths}/{total}"
    );
}

#[test]
fn serialisation_round_trips() {
    for sample in samples() {
        let codes = recorded_codes(&sample);
        let bytes = codes[0].to_bytes();
        let back =
            CodeObject::from_bytes(&bytes).unwrap_or_else(|e| panic!("{}: {e}", sample.name));
        assert_eq!(back, *codes[0], "{}", sample.name);
        assert_eq!(back.to_bytes(), bytes);
        assert_eq!(
            normalise_addresses(&dis::disassemble(&back)),
            sample.dis,
            "{}",
            sample.name
        );
    }
}
