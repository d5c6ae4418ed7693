//! Hostile input: random and corrupted bytes for `CodeObject::from_bytes`, random code units
//! and tables for the decoders, `validate` and the disassembler. Nothing may panic; what
//! `from_bytes` accepts must pass `validate` and disassemble.

mod support;

use std::sync::Arc;

use pyrs_ast::StrValue;
use pyrs_bytecode::serialize::{MAGIC, MAX_NESTING};
use pyrs_bytecode::{
    dis, CodeFlags, CodeObject, CodeUnit, Constant, DecodeError, LocalKind, LocalVar,
};
use support::{recorded_codes, samples};

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

/// Everything a consumer might do with a decoded code object.
fn exercise(code: &CodeObject) {
    let _ = code.validate();
    let _ = dis::disassemble(code);
    let _ = dis::disassemble_with(
        code,
        &dis::DisOptions {
            show_caches: true,
            show_offsets: true,
            depth: None,
        },
    );
    let _ = code.positions().count();
    let _ = code.lines();
    let _ = code.exception_entries().count();
    for ins in code.instructions() {
        let _ = code.line_at(ins.offset);
        let _ = code.handler_at(ins.offset);
        let _ = ins.jump_target();
    }
}

fn decode(bytes: &[u8]) -> Result<CodeObject, DecodeError> {
    let result = CodeObject::from_bytes(bytes);
    if let Ok(code) = &result {
        code.validate()
            .expect("from_bytes accepted an invalid code object");
        exercise(code);
    }
    result
}

#[test]
fn random_bytes_are_refused() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for round in 0..3000 {
        let len = rng.below(200);
        let mut bytes = rng.bytes(len);
        if round % 2 == 0 {
            // Past the magic and version, into the code object itself.
            let mut header = MAGIC.to_vec();
            header.extend_from_slice(&[1, 3, 13]);
            header.extend_from_slice(&bytes);
            bytes = header;
        }
        let _ = decode(&bytes);
    }
    assert_eq!(decode(b""), Err(DecodeError::Truncated));
    assert_eq!(decode(b"PYRSCODX\x01\x03\x0d"), Err(DecodeError::BadMagic));
    assert_eq!(
        decode(b"PYRSCODE\x02\x03\x0d"),
        Err(DecodeError::UnsupportedVersion(2))
    );
    assert_eq!(
        decode(b"PYRSCODE\x01\x03\x0e"),
        Err(DecodeError::OtherPython(3, 14))
    );
}

#[test]
fn corrupted_code_objects_are_refused_or_valid() {
    let mut rng = Rng(12345);
    for sample in samples() {
        let bytes = recorded_codes(&sample)[0].to_bytes();
        for cut in (0..bytes.len()).step_by(7) {
            assert!(
                decode(&bytes[..cut]).is_err(),
                "{} cut at {cut}",
                sample.name
            );
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode(&longer), Err(DecodeError::TrailingBytes));
        for _ in 0..300 {
            let mut corrupt = bytes.clone();
            for _ in 0..1 + rng.below(4) {
                let at = rng.below(corrupt.len());
                match rng.below(3) {
                    0 => corrupt[at] = rng.next() as u8,
                    1 => corrupt[at] ^= 1 << rng.below(8),
                    _ => {
                        corrupt.insert(at, rng.next() as u8);
                    }
                }
            }
            let _ = decode(&corrupt);
        }
    }
}

#[test]
fn huge_lengths_and_deep_nesting_are_refused() {
    let mut header = MAGIC.to_vec();
    header.extend_from_slice(&[1, 3, 13]);
    // Six small fields, three empty names, then a code-unit count of 2^63.
    let mut bytes = header.clone();
    bytes.extend_from_slice(&[0, 0, 0, 0, 0, 1, 0, 0, 0, 0]);
    bytes.extend_from_slice(&[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]);
    assert_eq!(decode(&bytes), Err(DecodeError::Truncated));

    // A varint longer than 64 bits.
    let mut bytes = header.clone();
    bytes.extend_from_slice(&[0xff; 11]);
    assert_eq!(decode(&bytes), Err(DecodeError::Overflow));

    // A tuple in a tuple in a tuple…, deeper than allowed.
    let mut nested = Constant::None;
    for _ in 0..MAX_NESTING + 5 {
        nested = Constant::Tuple(Box::new([nested]));
    }
    let code = CodeObject {
        consts: vec![nested],
        ..minimal()
    };
    assert_eq!(
        CodeObject::from_bytes(&code.to_bytes()),
        Err(DecodeError::TooDeep)
    );
}

fn minimal() -> CodeObject {
    CodeObject {
        argcount: 0,
        posonlyargcount: 0,
        kwonlyargcount: 0,
        stacksize: 1,
        flags: CodeFlags::NONE,
        code: vec![CodeUnit {
            opcode: 103,
            arg: 0,
        }], // RETURN_CONST 0
        consts: vec![Constant::None],
        names: Vec::new(),
        localsplus: Vec::new(),
        filename: StrValue::from("m.py"),
        name: "<module>".into(),
        qualname: "<module>".into(),
        firstlineno: 1,
        linetable: Vec::new(),
        exceptiontable: Vec::new(),
    }
}

#[test]
fn random_code_objects_never_panic() {
    let mut rng = Rng(777);
    for _ in 0..2000 {
        let units = rng.below(40);
        let code: Vec<CodeUnit> = (0..units)
            .map(|_| CodeUnit {
                opcode: if rng.below(4) == 0 {
                    71
                } else {
                    rng.next() as u8
                },
                arg: rng.next() as u8,
            })
            .collect();
        let nested = CodeObject {
            code: code.iter().rev().copied().collect(),
            ..minimal()
        };
        let (line_len, exc_len) = (rng.below(30), rng.below(12));
        let object = CodeObject {
            code,
            consts: vec![Constant::None, Constant::Code(Arc::new(nested))],
            names: vec!["x".into()],
            localsplus: vec![LocalVar {
                name: "v".into(),
                kind: LocalKind(rng.next() as u8),
            }],
            linetable: rng.bytes(line_len),
            exceptiontable: rng.bytes(exc_len),
            firstlineno: rng.next() as u32,
            ..minimal()
        };
        exercise(&object);
        if object.validate().is_ok() {
            let back = CodeObject::from_bytes(&object.to_bytes()).unwrap();
            assert_eq!(back, object);
        }
    }
}
