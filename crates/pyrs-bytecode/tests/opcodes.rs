//! The opcode table against CPython 3.13.0's facts, recorded in tests/data/opcodes.json by
//! gen/record_reference.py: numbers, names, flags, stack effects, caches, families.

use std::collections::BTreeMap;

use pyrs_bytecode::oparg::{BinaryOp, ComparisonOp, FunctionAttribute, Intrinsic1, Intrinsic2};
use pyrs_bytecode::{CodeFlags, Flow, Opcode, OpcodeFlags};
use serde_json::Value;

fn reference() -> Value {
    serde_json::from_str(include_str!("data/opcodes.json")).expect("opcodes.json parses")
}

fn ops(data: &Value) -> &Vec<Value> {
    data["ops"].as_array().unwrap()
}

fn opcode(name: &str) -> Opcode {
    Opcode::from_name(name).unwrap_or_else(|| panic!("{name} is missing from the table"))
}

fn names(value: &Value) -> Vec<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn every_instruction_has_its_number() {
    let data = reference();
    for op in ops(&data) {
        let name = op["name"].as_str().unwrap();
        let number = op["opcode"].as_u64().unwrap() as u16;
        assert_eq!(opcode(name).number(), number, "{name}");
        assert_eq!(Opcode::from_number(number), Some(opcode(name)), "{number}");
        if number < 256 {
            assert_eq!(Opcode::from_byte(number as u8), Some(opcode(name)));
        }
    }
    assert_eq!(
        Opcode::ALL.len(),
        ops(&data).len(),
        "the table has extra entries"
    );
    for n in 0..=300u16 {
        if let Some(op) = Opcode::from_number(n) {
            assert_eq!(op.number(), n);
        }
    }
    assert_eq!(
        u64::from(Opcode::EXTENDED_ARG.number()),
        data["EXTENDED_ARG"]
    );
    assert_eq!(
        u64::from(pyrs_bytecode::HAVE_ARGUMENT),
        data["HAVE_ARGUMENT"]
    );
    assert_eq!(
        u64::from(pyrs_bytecode::MIN_INSTRUMENTED_OPCODE),
        data["MIN_INSTRUMENTED_OPCODE"]
    );
}

#[test]
fn flags_match_the_interpreter_metadata() {
    let data = reference();
    let checks = [
        ("has_arg", OpcodeFlags::ARG),
        ("has_const", OpcodeFlags::CONST),
        ("has_name", OpcodeFlags::NAME),
        ("has_jump", OpcodeFlags::JUMP),
        ("has_free", OpcodeFlags::FREE),
        ("has_local", OpcodeFlags::LOCAL),
        ("has_exc", OpcodeFlags::EXC),
    ];
    for op in ops(&data) {
        let name = op["name"].as_str().unwrap();
        let code = opcode(name);
        for (key, flag) in checks {
            assert_eq!(
                code.flags().contains(flag),
                op[key].as_bool().unwrap(),
                "{name} {key}"
            );
        }
        assert_eq!(
            code.is_valid(),
            op["valid"].as_bool().unwrap(),
            "{name} valid"
        );
    }
}

#[test]
fn dis_lists_match() {
    let data = reference();
    let opmap = data["opmap"].as_object().unwrap();
    type Predicate = fn(Opcode) -> bool;
    let lists: [(&str, Predicate); 10] = [
        ("hasarg", |op| op.has_arg()),
        ("hasconst", |op| op.flags().contains(OpcodeFlags::CONST)),
        ("hasname", |op| op.flags().contains(OpcodeFlags::NAME)),
        ("hasjrel", |op| op.is_jump()),
        ("hasjabs", |_| false),
        ("haslocal", |op| op.flags().contains(OpcodeFlags::LOCAL)),
        ("hasfree", |op| op.flags().contains(OpcodeFlags::FREE)),
        ("hascompare", |op| op.flags().contains(OpcodeFlags::COMPARE)),
        ("hasexc", |op| op.flags().contains(OpcodeFlags::EXC)),
        ("hasjump", |op| op.is_jump()),
    ];
    for (list, predicate) in lists {
        let mut expected: Vec<u64> = data["lists"][list]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap())
            .collect();
        expected.sort();
        let mut actual: Vec<u64> = opmap
            .keys()
            .map(|name| opcode(name))
            .filter(|op| predicate(*op))
            .map(|op| u64::from(op.number()))
            .collect();
        actual.sort();
        assert_eq!(actual, expected, "dis.{list}");
    }
}

#[test]
fn stack_effects_match_for_sampled_opargs() {
    let data = reference();
    for op in ops(&data) {
        let name = op["name"].as_str().unwrap();
        let code = opcode(name);
        for row in op["stack_effect"].as_array().unwrap() {
            let row = row.as_array().unwrap();
            let oparg = row[0].as_u64().unwrap() as u32;
            for (i, jump) in [None, Some(true), Some(false)].into_iter().enumerate() {
                assert_eq!(
                    code.dis_stack_effect(oparg, jump),
                    row[i + 1].as_i64(),
                    "dis.stack_effect({name}, {oparg}, jump={jump:?})"
                );
            }
        }
        match op.get("popped_pushed") {
            Some(rows) => {
                for row in rows.as_array().unwrap() {
                    let row = row.as_array().unwrap();
                    let oparg = row[0].as_u64().unwrap() as u32;
                    let effect = code.stack_effect(oparg).unwrap();
                    assert_eq!(
                        (u64::from(effect.popped), u64::from(effect.pushed)),
                        (row[1].as_u64().unwrap(), row[2].as_u64().unwrap()),
                        "{name} popped/pushed at oparg {oparg}"
                    );
                }
            }
            // Pseudo-instructions have no entry in the interpreter's tables, and
            // INSTRUMENTED_LINE none anywhere.
            None => assert!(code.is_pseudo() || !code.is_valid(), "{name}"),
        }
    }
}

#[test]
fn caches_match() {
    let data = reference();
    let entries = data["inline_cache_entries"].as_object().unwrap();
    let formats = data["cache_format"].as_object().unwrap();
    for op in ops(&data) {
        let name = op["name"].as_str().unwrap();
        let code = opcode(name);
        let base = code.deopt().name();
        let expected = entries.get(base).and_then(Value::as_u64).unwrap_or(0);
        assert_eq!(u64::from(code.cache_entries()), expected, "{name}");
        let format: Vec<(String, u64)> = code
            .cache_format()
            .iter()
            .map(|f| (f.name.to_owned(), u64::from(f.size)))
            .collect();
        let expected: Vec<(String, u64)> = formats
            .get(base)
            .map(|f| {
                f.as_array()
                    .unwrap()
                    .iter()
                    .map(|pair| {
                        (
                            pair[0].as_str().unwrap().to_owned(),
                            pair[1].as_u64().unwrap(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        assert_eq!(format, expected, "{name} cache format");
    }
}

#[test]
fn families_match() {
    let data = reference();
    let families = data["specializations"].as_object().unwrap();
    let mut expected = BTreeMap::new();
    for (base, members) in families {
        expected.insert(base.clone(), names(members));
    }
    let mut actual = BTreeMap::new();
    for op in Opcode::ALL {
        if !op.specializations().is_empty() {
            let members = op.specializations().iter().map(|m| m.name().to_owned());
            actual.insert(op.name().to_owned(), members.collect::<Vec<_>>());
        }
        for member in op.specializations() {
            assert_eq!(member.deopt(), *op);
            assert!(member.is_specialized());
        }
    }
    assert_eq!(actual, expected);
    let specialized = data["specialized_opmap"].as_object().unwrap();
    for op in Opcode::ALL {
        assert_eq!(
            op.is_specialized(),
            specialized.contains_key(op.name()),
            "{op}"
        );
    }
}

#[test]
fn pseudo_instructions_and_flow_match() {
    let data = reference();
    for op in ops(&data) {
        let name = op["name"].as_str().unwrap();
        let code = opcode(name);
        let targets: Vec<String> = code
            .pseudo_targets()
            .iter()
            .map(|t| t.name().to_owned())
            .collect();
        let expected = op.get("pseudo_targets").map(names).unwrap_or_default();
        assert_eq!(targets, expected, "{name}");
        assert_eq!(code.is_pseudo(), !expected.is_empty(), "{name}");
    }
    let flow = |kind| {
        let mut v: Vec<String> = Opcode::ALL
            .iter()
            .filter(|op| op.flow() == kind)
            .map(|op| op.name().to_owned())
            .collect();
        v.sort();
        v
    };
    let sorted = |value: &Value| {
        let mut v = names(value);
        v.sort();
        v
    };
    assert_eq!(flow(Flow::Jump), sorted(&data["unconditional_jumps"]));
    assert_eq!(flow(Flow::Exit), sorted(&data["scope_exits"]));
}

#[test]
fn operand_tables_match() {
    let data = reference();
    let nb_ops = data["nb_ops"].as_array().unwrap();
    assert_eq!(nb_ops.len(), BinaryOp::ALL.len());
    for (i, row) in nb_ops.iter().enumerate() {
        let op = BinaryOp::from_oparg(i as u32).unwrap();
        assert_eq!(op as usize, i);
        assert_eq!(op.c_name(), row[0].as_str().unwrap());
        assert_eq!(op.symbol(), row[1].as_str().unwrap());
    }
    assert_eq!(BinaryOp::from_oparg(nb_ops.len() as u32), None);
    let cmp = names(&data["cmp_op"]);
    assert_eq!(cmp.len(), ComparisonOp::ALL.len());
    for (i, symbol) in cmp.iter().enumerate() {
        let op = ComparisonOp::ALL[i];
        assert_eq!(op.symbol(), symbol);
        assert_eq!(op.index() as usize, i);
    }
    let intrinsics1 = names(&data["intrinsic_1_descs"]);
    assert_eq!(intrinsics1.len(), Intrinsic1::ALL.len());
    for (i, name) in intrinsics1.iter().enumerate() {
        assert_eq!(Intrinsic1::from_oparg(i as u32).unwrap().name(), name);
    }
    let intrinsics2 = names(&data["intrinsic_2_descs"]);
    assert_eq!(intrinsics2.len(), Intrinsic2::ALL.len());
    for (i, name) in intrinsics2.iter().enumerate() {
        assert_eq!(Intrinsic2::from_oparg(i as u32).unwrap().name(), name);
    }
    let attrs = names(&data["function_attr_flags"]);
    assert_eq!(attrs.len(), FunctionAttribute::ALL.len());
    for (i, name) in attrs.iter().enumerate() {
        let attr = FunctionAttribute::ALL[i];
        assert_eq!(attr.name(), name);
        assert_eq!(attr.bit(), 1 << i);
    }
}

#[test]
fn code_flags_match() {
    let data = reference();
    for (value, name) in data["compiler_flag_names"].as_object().unwrap() {
        let bits: u32 = value.parse().unwrap();
        let flag = CodeFlags::from_name(name.as_str().unwrap()).unwrap();
        assert_eq!(flag.bits(), bits, "CO_{name}");
    }
    for (feature, bits) in data["future_flags"].as_object().unwrap() {
        let bits = bits.as_u64().unwrap() as u32;
        if feature == "generators" {
            // Always on; its historical flag is 0.
            assert_eq!(bits, 0);
            continue;
        }
        let flag = CodeFlags::future(feature).unwrap_or_else(|| panic!("{feature}"));
        assert_eq!(flag.bits(), bits, "{feature}");
    }
}

#[test]
fn compare_opargs_match_the_compiler() {
    let data = reference();
    for (symbol, opargs) in data["compare_opargs"].as_object().unwrap() {
        let op = *ComparisonOp::ALL
            .iter()
            .find(|op| op.symbol() == symbol)
            .unwrap();
        let opargs: Vec<u64> = opargs
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap())
            .collect();
        assert_eq!(
            opargs,
            [
                u64::from(pyrs_bytecode::oparg::compare(op, false)),
                u64::from(pyrs_bytecode::oparg::compare(op, true))
            ],
            "{symbol}"
        );
    }
}

#[test]
fn stack_effects_without_the_oparg_are_the_same_for_every_oparg() {
    assert!(Opcode::BUILD_TUPLE.stack_effect_uses_oparg());
    assert!(Opcode::CALL_FUNCTION_EX.stack_effect_uses_oparg());
    assert!(!Opcode::LOAD_FAST.stack_effect_uses_oparg());
    assert!(!Opcode::POP_TOP.stack_effect_uses_oparg());
    for &op in Opcode::ALL {
        if op.stack_effect_uses_oparg() {
            continue;
        }
        for oparg in [1, 2, 3, 4, 7, 8, 16, 255, 256, 0xFFFF, 0x1_0000, u32::MAX] {
            assert_eq!(
                op.stack_effect(oparg),
                op.stack_effect(0),
                "{op} with oparg {oparg}"
            );
        }
    }
}
