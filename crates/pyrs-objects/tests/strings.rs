//! `str`, `bytes`, `bytearray` and `memoryview` driven from Rust: every case of
//! strings/cases.rs (generated from CPython 3.13 by gen/strings_cases.py) compares the repr of
//! a result, or "ExcType: message", with what CPython printed.

#[path = "strings/cases.rs"]
mod cases;

use pyrs_objects::protocol::{self, repr_string};
use pyrs_objects::typeobject::{BinOp, CompareOp};
use pyrs_objects::{bytearray, bytes, dict, float, int, list, memoryview, str as pystr, tuple};
use pyrs_objects::{Args, PyResult, Value};

fn s(cps: &[u32]) -> Value {
    pystr::from_code_points(cps)
}
fn b(v: &[u8]) -> Value {
    bytes::new(v.to_vec())
}
fn ba(v: &[u8]) -> Value {
    bytearray::new(v.to_vec())
}
fn mv(v: &[u8]) -> Value {
    memoryview::new(&b(v)).unwrap()
}
fn int(i: i64) -> Value {
    int::from_i64(i)
}
fn big(digits: &str) -> Value {
    int::parse_int(digits, 10).unwrap()
}
fn float(x: f64) -> Value {
    float::new(x)
}
fn boolean(x: bool) -> Value {
    pyrs_objects::bool(x)
}
fn none() -> Value {
    pyrs_objects::none()
}
fn t(items: Vec<Value>) -> Value {
    tuple::new(items)
}
fn l(items: Vec<Value>) -> Value {
    list::new(items)
}
fn d(pairs: Vec<(Value, Value)>) -> Value {
    let v = dict::new();
    let data = v.downcast::<dict::DictData>().unwrap();
    for (k, x) in pairs {
        data.set_item(k, x).unwrap();
    }
    v
}
fn slice(a: Value, b: Value, c: Value) -> Value {
    pyrs_objects::sequence::new_slice(a, b, c)
}
fn range_list(items: &[i64]) -> Value {
    l(items.iter().map(|&i| int(i)).collect())
}
fn type_named(name: &str) -> Value {
    match name {
        "bytes" => bytes::bytes_type().clone(),
        "bytearray" => bytearray::bytearray_type().clone(),
        "str" => pyrs_objects::types().str.clone(),
        _ => panic!("unknown type {name}"),
    }
}

/// The repr of a result, or "ExcType: message".
fn outcome(r: PyResult<Value>) -> String {
    match r {
        Ok(v) => repr_string(&v).unwrap_or_else(|e| format!("<repr failed: {e:?}>")),
        Err(e) => {
            let name = e.value().type_data().name();
            let text = protocol::str_string(e.value()).unwrap_or_default();
            format!("{name}: {text}")
        }
    }
}

fn call_method(
    recv: &Value,
    name: &str,
    args: &[Value],
    kwargs: &[(&str, Value)],
) -> PyResult<Value> {
    let method = protocol::getattr_str(recv, name)?;
    let mut values: Vec<Value> = args.to_vec();
    let mut names = Vec::new();
    for (k, v) in kwargs {
        values.push(v.clone());
        names.push(pystr::intern(k));
    }
    protocol::call(&method, Args::new(&values, &names))
}

fn run(recv: &Value, op: &str, args: &[Value], kwargs: &[(&str, Value)]) -> PyResult<Value> {
    let cmp = |op| protocol::rich_compare(recv, &args[0], op);
    match op {
        "+" => protocol::binary_op(recv, &args[0], BinOp::Add),
        "*" => protocol::binary_op(recv, &args[0], BinOp::Mul),
        "%" => protocol::binary_op(recv, &args[0], BinOp::Mod),
        "==" => cmp(CompareOp::Eq),
        "<" => cmp(CompareOp::Lt),
        ">=" => cmp(CompareOp::Ge),
        "in" => protocol::contains(recv, &args[0]).map(pyrs_objects::bool),
        "[]" => protocol::getitem(recv, &args[0]),
        "<new>" => {
            let name = pystr::text_of(recv).unwrap();
            protocol::call(&type_named(&name), Args::positional(args))
        }
        _ => call_method(recv, op, args, kwargs),
    }
}

#[test]
fn calls_match_cpython() {
    pyrs_objects::with_gil(|| {
        let mut failures = Vec::new();
        let mut total = 0;
        cases::cases(&mut |recv, op, args, kwargs, expected| {
            total += 1;
            let before = repr_string(&recv).unwrap_or_default();
            let got = outcome(run(&recv, op, &args, &kwargs));
            if got != expected {
                let args: Vec<String> = args
                    .iter()
                    .map(|a| repr_string(a).unwrap_or_default())
                    .collect();
                failures.push(format!(
                    "{before}.{op}({}) -> {got}\n    expected {expected}",
                    args.join(", ")
                ));
            }
        });
        for f in &failures {
            eprintln!("{f}");
        }
        assert!(
            failures.is_empty(),
            "{} of {total} cases differ",
            failures.len()
        );
    })
}

fn step(out: &mut Vec<String>, r: PyResult<Value>) {
    out.push(outcome(r));
}

#[test]
fn bytearray_mutation_matches_cpython() {
    pyrs_objects::with_gil(|| {
        let x = ba(b"abc");
        let m = |name: &str, args: &[Value]| call_method(&x, name, args, &[]);
        let set = |k: Value, v: Value| protocol::setitem(&x, &k, Some(&v)).map(|_| none());
        let del = |k: Value| protocol::setitem(&x, &k, None).map(|_| none());
        let sl = |a: Value, b: Value, c: Value| slice(a, b, c);
        let steps: Vec<Box<dyn Fn() -> PyResult<Value>>> = vec![
            Box::new(|| m("append", &[int(100)])),
            Box::new(|| m("append", &[int(256)])),
            Box::new(|| m("append", &[s(&[0x61])])),
            Box::new(|| m("extend", &[b(b"ef")])),
            Box::new(|| m("extend", &[l(vec![int(1), int(2)])])),
            Box::new(|| m("extend", &[s(&[0x73])])),
            Box::new(|| m("insert", &[int(1), int(120)])),
            Box::new(|| m("insert", &[int(-100), int(121)])),
            Box::new(|| m("pop", &[])),
            Box::new(|| m("pop", &[int(0)])),
            Box::new(|| m("pop", &[int(100)])),
            Box::new(|| m("remove", &[int(98)])),
            Box::new(|| m("remove", &[int(0)])),
            Box::new(|| m("reverse", &[])),
            Box::new(|| m("copy", &[])),
            Box::new(|| set(int(0), int(65))),
            Box::new(|| set(int(0), int(300))),
            Box::new(|| set(sl(int(1), int(3), none()), b(b"ZZZZ"))),
            Box::new(|| set(sl(none(), none(), int(2)), b(b"12345"))),
            Box::new(|| set(sl(none(), none(), int(2)), b(b"1"))),
            Box::new(|| del(int(0))),
            Box::new(|| del(sl(none(), none(), int(3)))),
            Box::new(|| protocol::inplace_op(&x, &b(b"++"), BinOp::Add)),
            Box::new(|| protocol::inplace_op(&x, &int(2), BinOp::Mul)),
            Box::new(|| m("clear", &[])),
            Box::new(|| call_method(&ba(b""), "pop", &[], &[])),
        ];
        let mut out = Vec::new();
        for f in &steps {
            let r = outcome(f());
            out.push(format!("{r} -> {}", repr_string(&x).unwrap()));
        }
        assert_eq!(out, cases::BYTEARRAY_OPS);
    })
}

#[test]
fn memoryview_matches_cpython() {
    pyrs_objects::with_gil(|| {
        let x = ba(b"hello");
        let m = memoryview::new(&x).unwrap();
        let get = |v: &Value, k: Value| protocol::getitem(v, &k);
        let set = |k: Value, v: Value| protocol::setitem(&m, &k, Some(&v)).map(|_| none());
        let meth = |v: &Value, name: &str, args: &[Value]| call_method(v, name, args, &[]);
        let sl = |a: Value, b: Value, c: Value| slice(a, b, c);
        let mut out = Vec::new();
        step(&mut out, protocol::len(&m).map(|n| int(n as i64)));
        step(&mut out, get(&m, int(1)));
        step(&mut out, get(&m, int(-1)));
        step(&mut out, get(&m, int(10)));
        step(
            &mut out,
            get(&m, sl(int(1), int(4), none())).and_then(|v| meth(&v, "tobytes", &[])),
        );
        step(
            &mut out,
            get(&m, sl(none(), none(), int(2))).and_then(|v| meth(&v, "tolist", &[])),
        );
        step(
            &mut out,
            get(&m, sl(none(), none(), int(-1))).and_then(|v| meth(&v, "tobytes", &[])),
        );
        for attr in ["readonly", "format", "itemsize", "nbytes"] {
            step(&mut out, protocol::getattr_str(&m, attr));
        }
        let bytes_of = |v: &Value| protocol::call1(bytes::bytes_type(), std::slice::from_ref(v));
        step(&mut out, set(int(0), int(74)));
        step(&mut out, bytes_of(&x));
        step(&mut out, set(sl(int(1), int(3), none()), b(b"EL")));
        step(&mut out, bytes_of(&x));
        step(&mut out, set(sl(int(1), int(3), none()), b(b"E")));
        step(&mut out, set(int(0), int(300)));
        step(&mut out, meth(&x, "append", &[int(33)]));
        step(&mut out, meth(&x, "extend", &[b(b"!")]));
        step(&mut out, meth(&x, "pop", &[]));
        step(
            &mut out,
            protocol::setitem(&x, &int(0), Some(&int(106))).map(|_| none()),
        );
        step(
            &mut out,
            protocol::rich_compare(&m, &b(b"jELlo"), CompareOp::Eq),
        );
        step(&mut out, protocol::rich_compare(&m, &x, CompareOp::Eq));
        step(&mut out, meth(&m, "tobytes", &[]));
        step(&mut out, meth(&m, "hex", &[]));
        step(&mut out, meth(&m, "release", &[]));
        step(&mut out, protocol::len(&m).map(|n| int(n as i64)));
        step(&mut out, get(&m, int(0)));
        step(&mut out, meth(&x, "append", &[int(33)]));
        step(&mut out, bytes_of(&x));
        let r = mv(b"abc");
        step(&mut out, protocol::getattr_str(&r, "readonly"));
        step(
            &mut out,
            protocol::setitem(&r, &int(0), Some(&int(1))).map(|_| none()),
        );
        step(
            &mut out,
            get(&r, sl(int(1), none(), none())).and_then(|v| meth(&v, "tobytes", &[])),
        );
        step(
            &mut out,
            protocol::rich_compare(&r, &b(b"abc"), CompareOp::Eq),
        );
        step(&mut out, meth(&r, "tolist", &[]));
        // `with memoryview(y) as n:` and after it.
        let y = ba(b"xy");
        let n = memoryview::new(&y).unwrap();
        let entered = meth(&n, "__enter__", &[]).unwrap();
        step(&mut out, meth(&y, "append", &[int(1)]));
        meth(&entered, "__exit__", &[none(), none(), none()]).unwrap();
        let r = outcome(meth(&y, "append", &[int(1)]));
        out.push(format!("{r} {}", repr_string(&y).unwrap()));
        // A slice of a view is an export too, until it dies.
        let z = ba(b"q");
        let s2 = get(&memoryview::new(&z).unwrap(), sl(int(0), int(1), none())).unwrap();
        step(&mut out, meth(&z, "append", &[int(1)]));
        drop(s2);
        let r = outcome(meth(&z, "append", &[int(1)]));
        out.push(format!("{r} {}", repr_string(&z).unwrap()));
        assert_eq!(out, cases::MEMORYVIEW_OPS);
    })
}

#[test]
fn string_building_helpers() {
    pyrs_objects::with_gil(|| {
        let parts = vec![
            pystr::new("a"),
            pystr::new("é"),
            pystr::new(""),
            pystr::new("😀"),
        ];
        let v = pystr::concat_values(&parts).unwrap();
        assert_eq!(repr_string(&v).unwrap(), "'aé😀'");
        let only = pystr::new("only");
        let v = pystr::concat_values(&[pystr::new(""), only.clone()]).unwrap();
        assert!(v.is(&only));
        let v = pystr::concat_values(&[pystr::new("n="), int(42)]).unwrap();
        assert_eq!(repr_string(&v).unwrap(), "'n=42'");
        // Indexing a long non-ASCII string goes through checkpoints.
        let text: String = (0..1000)
            .map(|i| if i % 3 == 0 { 'é' } else { 'a' })
            .collect();
        let v = pystr::new(&text);
        for i in [0usize, 31, 32, 33, 500, 999] {
            let c = protocol::getitem(&v, &int(i as i64)).unwrap();
            let expected = if i % 3 == 0 { "'é'" } else { "'a'" };
            assert_eq!(repr_string(&c).unwrap(), expected, "index {i}");
        }
        let sliced = protocol::getitem(&v, &slice(int(30), int(36), none())).unwrap();
        assert_eq!(repr_string(&sliced).unwrap(), "'éaaéaa'");
        // `str(b, 'utf-8')` goes through the decode hook.
        let st = protocol::call(
            &pyrs_objects::types().str,
            Args::positional(&[b("h\u{e9}".as_bytes()), pystr::new("utf-8")]),
        )
        .unwrap();
        assert_eq!(repr_string(&st).unwrap(), "'hé'");
        let it = protocol::iter(&pystr::new("aé")).unwrap();
        assert_eq!(it.type_data().name(), "str_iterator");
        let it = protocol::iter(&pystr::new("ab")).unwrap();
        assert_eq!(it.type_data().name(), "str_ascii_iterator");
    })
}
