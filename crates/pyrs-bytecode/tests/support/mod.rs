//! Loading the recorded reference data of tests/data/ into pyrs-bytecode's types.

#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::Arc;

use pyrs_ast::StrValue;
use pyrs_bytecode::{
    CodeFlags, CodeObject, CodeUnit, Constant, Int, LocalKind, LocalVar, Positions,
};
use serde_json::Value;

pub(crate) struct Sample {
    pub(crate) name: String,
    pub(crate) data: Value,
    pub(crate) dis: String,
    /// The listing with inline caches and offsets (`dis -C -O`).
    pub(crate) dis_caches_offsets: String,
}

pub(crate) fn samples() -> Vec<Sample> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/samples");
    let mut out = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path).unwrap();
            let dis = std::fs::read_to_string(path.with_extension("dis")).unwrap();
            let dis_caches_offsets =
                std::fs::read_to_string(path.with_extension("dis-CO")).unwrap();
            out.push(Sample {
                name: path.file_stem().unwrap().to_string_lossy().into_owned(),
                data: serde_json::from_str(&text).unwrap(),
                dis,
                dis_caches_offsets,
            });
        }
    }
    assert!(out.len() >= 5, "samples missing from {}", dir.display());
    out
}

pub(crate) fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

pub(crate) fn u32_of(v: &Value) -> u32 {
    v.as_u64().unwrap() as u32
}

pub(crate) fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_owned())
        .collect()
}

pub(crate) fn positions(v: &Value) -> Positions {
    let p = v.as_array().unwrap();
    let field = |i: usize| p[i].as_u64().map(|x| x as u32);
    Positions {
        lineno: field(0),
        end_lineno: field(1),
        col_offset: field(2),
        end_col_offset: field(3),
    }
}

pub(crate) fn constant(v: &Value, codes: &[Arc<CodeObject>]) -> Constant {
    let items = |v: &Value| -> Box<[Constant]> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|item| constant(item, codes))
            .collect()
    };
    let float = |v: &Value| f64::from_bits(v.as_u64().unwrap());
    match v["t"].as_str().unwrap() {
        "None" => Constant::None,
        "Ellipsis" => Constant::Ellipsis,
        "bool" => Constant::Bool(v["v"].as_bool().unwrap()),
        "int" => Constant::Int(Int::from_decimal(v["v"].as_str().unwrap()).unwrap()),
        "float" => Constant::Float(float(&v["bits"])),
        "complex" => Constant::Complex {
            real: float(&v["real"]),
            imag: float(&v["imag"]),
        },
        "str" => match v.get("v") {
            Some(text) => Constant::str(text.as_str().unwrap()),
            None => Constant::Str(
                StrValue::from_code_points(v["cp"].as_array().unwrap().iter().map(u32_of)).unwrap(),
            ),
        },
        "bytes" => Constant::Bytes(hex(v["hex"].as_str().unwrap()).into()),
        "tuple" => Constant::Tuple(items(&v["v"])),
        "frozenset" => Constant::FrozenSet(items(&v["v"])),
        "code" => Constant::Code(codes[v["index"].as_u64().unwrap() as usize].clone()),
        other => panic!("constant type {other}"),
    }
}

/// Every code object of a sample, built from its recorded fields; index 0 is the module.
pub(crate) fn recorded_codes(sample: &Sample) -> Vec<Arc<CodeObject>> {
    let records = sample.data["code_objects"].as_array().unwrap();
    let mut built: Vec<Option<Arc<CodeObject>>> = vec![None; records.len()];
    // Nested code objects come after their parent: build from the end.
    for i in (0..records.len()).rev() {
        let r = &records[i];
        let codes: Vec<Arc<CodeObject>> = built
            .iter()
            .map(|c| c.clone().unwrap_or_else(|| Arc::new(placeholder())))
            .collect();
        let code = hex(r["code"].as_str().unwrap());
        let kinds = r["localspluskinds"].as_array().unwrap();
        let object = CodeObject {
            argcount: u32_of(&r["argcount"]),
            posonlyargcount: u32_of(&r["posonlyargcount"]),
            kwonlyargcount: u32_of(&r["kwonlyargcount"]),
            stacksize: u32_of(&r["stacksize"]),
            flags: CodeFlags(u32_of(&r["flags"])),
            code: code
                .chunks(2)
                .map(|p| CodeUnit {
                    opcode: p[0],
                    arg: p[1],
                })
                .collect(),
            consts: r["consts"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| constant(c, &codes))
                .collect(),
            names: strings(&r["names"])
                .into_iter()
                .map(pyrs_bytecode::Identifier::from)
                .collect(),
            localsplus: strings(&r["localsplusnames"])
                .into_iter()
                .zip(kinds)
                .map(|(name, kind)| LocalVar {
                    name: name.into(),
                    kind: LocalKind(kind.as_u64().unwrap() as u8),
                })
                .collect(),
            filename: StrValue::from(r["filename"].as_str().unwrap()),
            name: r["name"].as_str().unwrap().into(),
            qualname: r["qualname"].as_str().unwrap().into(),
            firstlineno: u32_of(&r["firstlineno"]),
            linetable: hex(r["linetable"].as_str().unwrap()),
            exceptiontable: hex(r["exceptiontable"].as_str().unwrap()),
        };
        built[i] = Some(Arc::new(object));
    }
    built.into_iter().map(Option::unwrap).collect()
}

pub(crate) fn placeholder() -> CodeObject {
    CodeObject {
        argcount: 0,
        posonlyargcount: 0,
        kwonlyargcount: 0,
        stacksize: 0,
        flags: CodeFlags::NONE,
        code: Vec::new(),
        consts: Vec::new(),
        names: Vec::new(),
        localsplus: Vec::new(),
        filename: StrValue::from(""),
        name: "".into(),
        qualname: "".into(),
        firstlineno: 0,
        linetable: Vec::new(),
        exceptiontable: Vec::new(),
    }
}

pub(crate) fn records(sample: &Sample) -> &Vec<Value> {
    sample.data["code_objects"].as_array().unwrap()
}

/// Code object addresses written as `0xADDR`, as the recorded text has them.
pub(crate) fn normalise_addresses(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(" at 0x") {
        out.push_str(&rest[..i + 6]);
        out.push_str("ADDR");
        rest = &rest[i + 6..];
        let digits = rest
            .find(|c: char| !(c.is_ascii_digit() || ('a'..='f').contains(&c)))
            .unwrap_or(rest.len());
        rest = &rest[digits..];
        rest = rest.strip_prefix("ADDR").unwrap_or(rest);
    }
    out.push_str(rest);
    out
}
