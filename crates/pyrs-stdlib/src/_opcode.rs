//! `_opcode` (CPython's Modules/_opcode.c): what Lib/opcode.py and Lib/dis.py ask about
//! CPython 3.13's instruction set — which opcodes take an argument, a constant, a name, a
//! jump target…, and each instruction's stack effect.
//!
//! The numbers are CPython's (those of Lib/_opcode_metadata.py, which `opcode` pairs them
//! with), not pyrs's own bytecode: the module describes the instruction set `dis` documents.
//! One table, [`OPCODES`], holds every valid opcode with its properties; the stack effects
//! that depend on the argument are the formulas of [`arg_effect`]. pyrs has no tier-two
//! optimizer, so `get_executor` answers as a CPython built without one.

use pyrs_objects::args::Args;
use pyrs_objects::module::{new_module, ModuleData};
use pyrs_objects::native::{new_module_function, NativeFn};
use pyrs_objects::{int, list, protocol, str as pystr, tuple, PyErr, PyResult, Value};

/// Bits of the second column of [`OPCODES`], in the order of the `has_*` functions.
const HAS_ARG: u8 = 1;
const HAS_CONST: u8 = 1 << 1;
const HAS_NAME: u8 = 1 << 2;
const HAS_JUMP: u8 = 1 << 3;
const HAS_FREE: u8 = 1 << 4;
const HAS_LOCAL: u8 = 1 << 5;
const HAS_EXC: u8 = 1 << 6;

/// Every valid opcode number: (opcode, `HAS_*` bits, stack effect for `jump=None`, `True`,
/// `False`; `None` when it depends on the argument or is not defined).
const OPCODES: &[(u16, u8, Option<[i8; 3]>)] = &[
    (0, 0b0000000, Some([0, 0, 0])),
    (1, 0b0000000, Some([1, 1, 1])),
    (2, 0b0000000, Some([1, 1, 1])),
    (3, 0b0100000, None),
    (4, 0b0000000, Some([-2, -2, -2])),
    (5, 0b0000000, Some([-1, -1, -1])),
    (6, 0b0000000, Some([0, 0, 0])),
    (7, 0b0000000, Some([0, 0, 0])),
    (8, 0b0000000, Some([-1, -1, -1])),
    (9, 0b0000000, Some([-2, -2, -2])),
    (10, 0b0000000, Some([-2, -2, -2])),
    (11, 0b0000000, Some([-1, -1, -1])),
    (12, 0b0000000, Some([-1, -1, -1])),
    (13, 0b0000000, Some([-1, -1, -1])),
    (14, 0b0000000, Some([0, 0, 0])),
    (15, 0b0000000, Some([-1, -1, -1])),
    (16, 0b0000000, Some([0, 0, 0])),
    (17, 0b0000000, Some([0, 0, 0])),
    (18, 0b0000000, Some([1, 1, 1])),
    (19, 0b0000000, Some([0, 0, 0])),
    (20, 0b0000000, Some([1, 1, 1])),
    (21, 0b0000000, Some([0, 0, 0])),
    (22, 0b0000000, Some([-1, -1, -1])),
    (23, 0b0000000, Some([1, 1, 1])),
    (24, 0b0000000, Some([1, 1, 1])),
    (25, 0b0000000, Some([1, 1, 1])),
    (26, 0b0000000, Some([0, 0, 0])),
    (27, 0b0000000, Some([1, 1, 1])),
    (28, 0b0000000, Some([1, 1, 1])),
    (29, 0b0000000, Some([1, 1, 1])),
    (30, 0b0000000, Some([0, 0, 0])),
    (31, 0b0000000, Some([-1, -1, -1])),
    (32, 0b0000000, Some([-1, -1, -1])),
    (33, 0b0000000, Some([1, 1, 1])),
    (34, 0b0000000, Some([1, 1, 1])),
    (35, 0b0000000, Some([1, 1, 1])),
    (36, 0b0000000, Some([-1, -1, -1])),
    (37, 0b0000000, Some([0, 0, 0])),
    (38, 0b0000000, Some([-4, -4, -4])),
    (39, 0b0000000, Some([-3, -3, -3])),
    (40, 0b0000000, Some([0, 0, 0])),
    (41, 0b0000000, Some([0, 0, 0])),
    (42, 0b0000000, Some([0, 0, 0])),
    (43, 0b0000000, Some([0, 0, 0])),
    (44, 0b0000000, Some([1, 1, 1])),
    (45, 0b0000001, Some([-1, -1, -1])),
    (46, 0b0000001, None),
    (47, 0b0000001, None),
    (48, 0b0000001, None),
    (49, 0b0000001, None),
    (50, 0b0000001, None),
    (51, 0b0000001, None),
    (52, 0b0000001, None),
    (53, 0b0000001, None),
    (54, 0b0000001, None),
    (55, 0b0000001, Some([0, 0, 0])),
    (56, 0b0000001, Some([-1, -1, -1])),
    (57, 0b0000001, None),
    (58, 0b0000001, Some([-1, -1, -1])),
    (59, 0b0000001, Some([-1, -1, -1])),
    (60, 0b0000001, Some([0, 0, 0])),
    (61, 0b0000001, Some([1, 1, 1])),
    (62, 0b0000001, Some([0, 0, 0])),
    (63, 0b0000101, Some([-1, -1, -1])),
    (64, 0b0010001, Some([0, 0, 0])),
    (65, 0b0100001, Some([0, 0, 0])),
    (66, 0b0000101, Some([0, 0, 0])),
    (67, 0b0000101, Some([0, 0, 0])),
    (68, 0b0000001, Some([-1, -1, -1])),
    (69, 0b0000001, Some([-1, -1, -1])),
    (70, 0b0000001, Some([0, 0, 0])),
    (71, 0b0000001, Some([0, 0, 0])),
    (72, 0b0001001, Some([1, 1, 1])),
    (73, 0b0000001, Some([0, 0, 0])),
    (74, 0b0000101, Some([1, 1, 1])),
    (75, 0b0000101, Some([-1, -1, -1])),
    (76, 0b0000001, Some([-1, -1, -1])),
    (77, 0b0001001, Some([0, 0, 0])),
    (78, 0b0001001, Some([0, 0, 0])),
    (79, 0b0001001, Some([0, 0, 0])),
    (80, 0b0000001, Some([-1, -1, -1])),
    (81, 0b0000001, Some([-1, -1, -1])),
    (82, 0b0000101, None),
    (83, 0b0000011, Some([1, 1, 1])),
    (84, 0b0010001, Some([1, 1, 1])),
    (85, 0b0100001, Some([1, 1, 1])),
    (86, 0b0100001, Some([1, 1, 1])),
    (87, 0b0100001, Some([1, 1, 1])),
    (88, 0b0100001, Some([2, 2, 2])),
    (89, 0b0010001, Some([0, 0, 0])),
    (90, 0b0000101, Some([0, 0, 0])),
    (91, 0b0000101, None),
    (92, 0b0000101, Some([1, 1, 1])),
    (93, 0b0000101, None),
    (94, 0b0010001, Some([0, 0, 0])),
    (95, 0b0000001, Some([-2, -2, -2])),
    (96, 0b0000001, Some([-2, -2, -2])),
    (97, 0b0001001, Some([-1, -1, -1])),
    (98, 0b0001001, Some([-1, -1, -1])),
    (99, 0b0001001, Some([-1, -1, -1])),
    (100, 0b0001001, Some([-1, -1, -1])),
    (101, 0b0000001, None),
    (102, 0b0000001, Some([-1, -1, -1])),
    (103, 0b0000011, Some([0, 0, 0])),
    (104, 0b0001001, Some([0, 0, 0])),
    (105, 0b0000001, Some([-1, -1, -1])),
    (106, 0b0000001, Some([-1, -1, -1])),
    (107, 0b0000001, Some([-1, -1, -1])),
    (108, 0b0000101, Some([-2, -2, -2])),
    (109, 0b0010001, Some([-1, -1, -1])),
    (110, 0b0100001, Some([-1, -1, -1])),
    (111, 0b0100001, Some([0, 0, 0])),
    (112, 0b0100001, Some([-2, -2, -2])),
    (113, 0b0000101, Some([-1, -1, -1])),
    (114, 0b0000101, Some([-1, -1, -1])),
    (115, 0b0000001, Some([0, 0, 0])),
    (116, 0b0000001, None),
    (117, 0b0000001, None),
    (118, 0b0000001, Some([0, 0, 0])),
    (149, 0b0000001, Some([0, 0, 0])),
    (150, 0b0000000, None),
    (151, 0b0000000, None),
    (152, 0b0000000, None),
    (153, 0b0000000, None),
    (154, 0b0000000, None),
    (155, 0b0000000, None),
    (156, 0b0000000, None),
    (157, 0b0000000, None),
    (158, 0b0000000, None),
    (159, 0b0000000, None),
    (160, 0b0000000, None),
    (161, 0b0000000, None),
    (162, 0b0000001, None),
    (163, 0b0000001, None),
    (164, 0b0000001, None),
    (165, 0b0000001, None),
    (166, 0b0000001, None),
    (167, 0b0000001, None),
    (168, 0b0000001, None),
    (169, 0b0000001, None),
    (170, 0b0000001, None),
    (171, 0b0000001, None),
    (172, 0b0000001, None),
    (173, 0b0000001, None),
    (174, 0b0000001, None),
    (175, 0b0000001, None),
    (176, 0b0000001, None),
    (177, 0b0000001, None),
    (178, 0b0000001, None),
    (179, 0b0000001, None),
    (180, 0b0000001, None),
    (181, 0b0000001, None),
    (182, 0b0000001, None),
    (183, 0b0000001, None),
    (184, 0b0000001, None),
    (185, 0b0000001, None),
    (186, 0b0000001, None),
    (187, 0b0000001, None),
    (188, 0b0001001, None),
    (189, 0b0001001, None),
    (190, 0b0001001, None),
    (191, 0b0000001, None),
    (192, 0b0000101, None),
    (193, 0b0000001, None),
    (194, 0b0000001, None),
    (195, 0b0000001, None),
    (196, 0b0000001, None),
    (197, 0b0000001, None),
    (198, 0b0000001, None),
    (199, 0b0000001, None),
    (200, 0b0000001, None),
    (201, 0b0000001, None),
    (202, 0b0000101, None),
    (203, 0b0000001, None),
    (204, 0b0000001, None),
    (205, 0b0000101, None),
    (206, 0b0000101, None),
    (207, 0b0000000, None),
    (208, 0b0000001, None),
    (209, 0b0000000, None),
    (210, 0b0000000, None),
    (211, 0b0000101, None),
    (212, 0b0000000, None),
    (213, 0b0000000, None),
    (214, 0b0000000, None),
    (215, 0b0000000, None),
    (216, 0b0000000, None),
    (217, 0b0000000, None),
    (218, 0b0000000, None),
    (219, 0b0000000, None),
    (220, 0b0000001, None),
    (221, 0b0000001, None),
    (222, 0b0000001, None),
    (236, 0b0000001, Some([0, 0, 0])),
    (237, 0b0000000, Some([-1, -1, -1])),
    (238, 0b0000000, Some([-1, -1, -1])),
    (239, 0b0000000, Some([-1, -1, -1])),
    (240, 0b0000011, Some([0, 0, 0])),
    (241, 0b0000001, Some([0, 0, 0])),
    (242, 0b0000001, None),
    (243, 0b0000001, Some([0, 0, 0])),
    (244, 0b0000001, Some([0, 0, 0])),
    (245, 0b0000001, Some([0, 0, 0])),
    (246, 0b0000000, Some([0, 0, 0])),
    (247, 0b0000000, Some([0, 0, 0])),
    (248, 0b0000001, Some([0, 0, 0])),
    (249, 0b0000001, Some([0, 0, 0])),
    (250, 0b0000001, Some([0, 0, 0])),
    (251, 0b0000001, Some([0, 0, 0])),
    (252, 0b0000001, Some([0, 0, 0])),
    (253, 0b0000001, Some([0, 0, 0])),
    (256, 0b0001001, Some([0, 0, 0])),
    (257, 0b0001001, Some([0, 0, 0])),
    (258, 0b0100001, Some([1, 1, 1])),
    (259, 0b0000101, Some([1, 1, 1])),
    (260, 0b0000101, Some([-1, -1, -1])),
    (261, 0b0000101, Some([-1, -1, -1])),
    (262, 0b0000101, Some([-1, -1, -1])),
    (263, 0b0000000, Some([0, 0, 0])),
    (264, 0b1000001, Some([2, 2, 0])),
    (265, 0b1000001, Some([1, 1, 0])),
    (266, 0b1000001, Some([1, 1, 0])),
    (267, 0b0100001, Some([-1, -1, -1])),
];

/// The stack effect of the opcodes whose effect depends on their argument.
fn arg_effect(opcode: i32, oparg: i32) -> Option<i64> {
    let oparg = i64::from(oparg);
    Some(match opcode {
        // BUILD_CONST_KEY_MAP, RAISE_VARARGS
        46 | 101 => -oparg,
        // BUILD_LIST, BUILD_SET, BUILD_STRING, BUILD_TUPLE
        47 | 49 | 51 | 52 => 1 - oparg,
        // BUILD_MAP
        48 => 1 - 2 * oparg,
        // BUILD_SLICE
        50 => {
            if oparg == 3 {
                -2
            } else {
                -1
            }
        }
        // CALL
        53 => -1 - oparg,
        // CALL_FUNCTION_EX
        54 => -2 - (oparg & 1),
        // CALL_KW
        57 => -2 - oparg,
        // LOAD_ATTR
        82 => oparg & 1,
        // LOAD_GLOBAL
        91 => 1 + (oparg & 1),
        // LOAD_SUPER_ATTR, INSTRUMENTED_LOAD_SUPER_ATTR
        93 | 242 => -2 + (oparg & 1),
        // UNPACK_EX
        116 => (oparg & 0xFF) + (oparg >> 8),
        // UNPACK_SEQUENCE
        117 => oparg - 1,
        _ => return None,
    })
}

/// The binary operators of `BINARY_OP`, in the order of its argument.
const NB_OPS: [(&str, &str); 26] = [
    ("NB_ADD", "+"),
    ("NB_AND", "&"),
    ("NB_FLOOR_DIVIDE", "//"),
    ("NB_LSHIFT", "<<"),
    ("NB_MATRIX_MULTIPLY", "@"),
    ("NB_MULTIPLY", "*"),
    ("NB_REMAINDER", "%"),
    ("NB_OR", "|"),
    ("NB_POWER", "**"),
    ("NB_RSHIFT", ">>"),
    ("NB_SUBTRACT", "-"),
    ("NB_TRUE_DIVIDE", "/"),
    ("NB_XOR", "^"),
    ("NB_INPLACE_ADD", "+="),
    ("NB_INPLACE_AND", "&="),
    ("NB_INPLACE_FLOOR_DIVIDE", "//="),
    ("NB_INPLACE_LSHIFT", "<<="),
    ("NB_INPLACE_MATRIX_MULTIPLY", "@="),
    ("NB_INPLACE_MULTIPLY", "*="),
    ("NB_INPLACE_REMAINDER", "%="),
    ("NB_INPLACE_OR", "|="),
    ("NB_INPLACE_POWER", "**="),
    ("NB_INPLACE_RSHIFT", ">>="),
    ("NB_INPLACE_SUBTRACT", "-="),
    ("NB_INPLACE_TRUE_DIVIDE", "/="),
    ("NB_INPLACE_XOR", "^="),
];

/// The names of the one-argument intrinsics (`CALL_INTRINSIC_1`), by number.
const INTRINSIC1: [&str; 12] = [
    "INTRINSIC_1_INVALID",
    "INTRINSIC_PRINT",
    "INTRINSIC_IMPORT_STAR",
    "INTRINSIC_STOPITERATION_ERROR",
    "INTRINSIC_ASYNC_GEN_WRAP",
    "INTRINSIC_UNARY_POSITIVE",
    "INTRINSIC_LIST_TO_TUPLE",
    "INTRINSIC_TYPEVAR",
    "INTRINSIC_PARAMSPEC",
    "INTRINSIC_TYPEVARTUPLE",
    "INTRINSIC_SUBSCRIPT_GENERIC",
    "INTRINSIC_TYPEALIAS",
];

/// The names of the two-argument intrinsics (`CALL_INTRINSIC_2`), by number.
const INTRINSIC2: [&str; 6] = [
    "INTRINSIC_2_INVALID",
    "INTRINSIC_PREP_RERAISE_STAR",
    "INTRINSIC_TYPEVAR_WITH_BOUND",
    "INTRINSIC_TYPEVAR_WITH_CONSTRAINTS",
    "INTRINSIC_SET_FUNCTION_TYPE_PARAMS",
    "INTRINSIC_SET_TYPEPARAM_DEFAULT",
];

/// Makes the `_opcode` module.
pub(crate) fn init() -> PyResult<Value> {
    let module = new_module("_opcode");
    let d = module
        .downcast::<ModuleData>()
        .ok_or_else(|| PyErr::system_error("_opcode: not a module"))?
        .dict();
    d.set_str("__doc__", pystr::new("Opcode support module."));
    d.set_str("ENABLE_SPECIALIZATION", Value::small(1));
    let functions: &[(&'static str, NativeFn)] = &[
        ("stack_effect", stack_effect),
        ("is_valid", |a| predicate(a, "is_valid", 0)),
        ("has_arg", |a| predicate(a, "has_arg", HAS_ARG)),
        ("has_const", |a| predicate(a, "has_const", HAS_CONST)),
        ("has_name", |a| predicate(a, "has_name", HAS_NAME)),
        ("has_jump", |a| predicate(a, "has_jump", HAS_JUMP)),
        ("has_free", |a| predicate(a, "has_free", HAS_FREE)),
        ("has_local", |a| predicate(a, "has_local", HAS_LOCAL)),
        ("has_exc", |a| predicate(a, "has_exc", HAS_EXC)),
        ("get_nb_ops", get_nb_ops),
        ("get_intrinsic1_descs", |a| {
            descs(a, "get_intrinsic1_descs", &INTRINSIC1)
        }),
        ("get_intrinsic2_descs", |a| {
            descs(a, "get_intrinsic2_descs", &INTRINSIC2)
        }),
        ("get_specialization_stats", get_specialization_stats),
        ("get_executor", get_executor),
    ];
    for (name, f) in functions {
        d.set_str(name, new_module_function(name, *f, module.clone()));
    }
    Ok(module)
}

/// A C `int` argument (`PyLong_AsInt` after `__index__`).
fn c_int(v: &Value) -> PyResult<i32> {
    let i = protocol::index(v)?;
    int::as_i64(&i)
        .and_then(|i| i32::try_from(i).ok())
        .ok_or_else(|| PyErr::overflow_error("Python int too large to convert to C int"))
}

fn entry(opcode: i32) -> Option<&'static (u16, u8, Option<[i8; 3]>)> {
    let opcode = u16::try_from(opcode).ok()?;
    OPCODES
        .binary_search_by_key(&opcode, |e| e.0)
        .ok()
        .map(|i| &OPCODES[i])
}

/// `is_valid(opcode)` and the `has_*(opcode)` questions (`bit` 0: is it an opcode at all).
fn predicate(args: Args<'_>, name: &str, bit: u8) -> PyResult<Value> {
    let a = args.exact(name, 1, 1)?;
    let answer = match entry(c_int(&a[0])?) {
        Some(e) => bit == 0 || e.1 & bit != 0,
        None => false,
    };
    Ok(pyrs_objects::bool(answer))
}

/// `stack_effect(opcode, oparg=None, /, *, jump=None)`.
fn stack_effect(args: Args<'_>) -> PyResult<Value> {
    let pos = args.pos();
    if pos.is_empty() || pos.len() > 2 {
        return Err(PyErr::type_error(format!(
            "stack_effect expected {} positional argument{}, got {}",
            if pos.is_empty() {
                "at least 1"
            } else {
                "at most 2"
            },
            if pos.is_empty() { "" } else { "s" },
            pos.len()
        )));
    }
    let mut jump = None;
    for (key, value) in args.kwargs() {
        match pystr::text_of(key).as_deref() {
            Some("jump") => jump = Some(value.clone()),
            other => {
                return Err(pyrs_objects::args::unexpected_keyword(
                    "stack_effect",
                    other.unwrap_or_default(),
                    ["jump"],
                ))
            }
        }
    }
    let opcode = c_int(&pos[0])?;
    let oparg = match pos.get(1) {
        Some(v) if !protocol::is_none(v) => c_int(v)?,
        _ => 0,
    };
    let column = match jump {
        None => 0,
        Some(j) if protocol::is_none(&j) => 0,
        Some(j) if j.is(&pyrs_objects::bool(true)) => 1,
        Some(j) if j.is(&pyrs_objects::bool(false)) => 2,
        Some(_) => {
            return Err(PyErr::value_error(
                "stack_effect: jump must be False, True or None",
            ))
        }
    };
    let effect = match arg_effect(opcode, oparg) {
        Some(e) => Some(e),
        None => entry(opcode)
            .and_then(|e| e.2)
            .map(|e| i64::from(e[column])),
    };
    match effect {
        Some(e) => Ok(Value::small(e)),
        None => Err(PyErr::value_error("invalid opcode or oparg")),
    }
}

fn get_nb_ops(args: Args<'_>) -> PyResult<Value> {
    args.exact("get_nb_ops", 0, 0)?;
    let ops = NB_OPS
        .iter()
        .map(|(name, symbol)| tuple::new(vec![pystr::new(name), pystr::new(symbol)]))
        .collect();
    Ok(list::new(ops))
}

fn descs(args: Args<'_>, name: &str, names: &[&str]) -> PyResult<Value> {
    args.exact(name, 0, 0)?;
    Ok(list::new(names.iter().map(|n| pystr::new(n)).collect()))
}

/// `get_specialization_stats()`: `None`, as in a CPython built without statistics.
fn get_specialization_stats(args: Args<'_>) -> PyResult<Value> {
    args.exact("get_specialization_stats", 0, 0)?;
    Ok(pyrs_objects::none())
}

/// `get_executor(code, offset)`: like a CPython built without the tier-two optimizer, pyrs
/// has no executors to give.
fn get_executor(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("get_executor", 2, 2)?;
    if !a[0].is_exact(pyrs_vm::code::code_type()) {
        return Err(PyErr::type_error(format!(
            "expected a code object, not '{}'",
            a[0].type_data().name()
        )));
    }
    c_int(&a[1])?;
    Err(PyErr::runtime_error(
        "Executors are not available in this build",
    ))
}
