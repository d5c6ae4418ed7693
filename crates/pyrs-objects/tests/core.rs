//! The core object model driven from Rust: values, arithmetic, containers, classes.

use pyrs_objects::protocol::{self, binary_op, repr_string};
use pyrs_objects::typeobject::BinOp;
use pyrs_objects::{dict, int, list, str as pystr, tuple, types, Args, Value};

fn repr(v: &Value) -> String {
    repr_string(v).unwrap()
}

#[test]
fn small_ints_are_inline_and_overflow_to_bigints() {
    pyrs_objects::with_gil(|| {
        let a = int::from_i64(i64::MAX);
        let b = int::from_i64(1);
        let sum = binary_op(&a, &b, BinOp::Add).unwrap();
        assert_eq!(repr(&sum), "9223372036854775808");
        assert!(Value::small(5).is_small());
        let big = binary_op(&sum, &sum, BinOp::Mul).unwrap();
        assert_eq!(repr(&big), "85070591730234615865843651857942052864");
        let q = binary_op(&Value::small(-7), &Value::small(2), BinOp::FloorDiv).unwrap();
        assert_eq!(repr(&q), "-4");
        let r = binary_op(&Value::small(-7), &Value::small(2), BinOp::Mod).unwrap();
        assert_eq!(repr(&r), "1");
        let t = binary_op(&Value::small(1), &Value::small(3), BinOp::TrueDiv).unwrap();
        assert_eq!(repr(&t), "0.3333333333333333");
    })
}

#[test]
fn containers_print_like_python() {
    pyrs_objects::with_gil(|| {
        let l = list::new(vec![
            Value::small(1),
            pystr::new("a'b"),
            tuple::new(vec![Value::small(2)]),
        ]);
        assert_eq!(repr(&l), "[1, \"a'b\", (2,)]");
        let d = dict::new();
        let data = d.downcast::<dict::DictData>().unwrap();
        for i in 0..100 {
            data.set_item(Value::small(i), Value::small(i * i)).unwrap();
        }
        for i in 0..90 {
            data.del_item(&Value::small(i)).unwrap();
        }
        assert_eq!(repr(&d), "{90: 8100, 91: 8281, 92: 8464, 93: 8649, 94: 8836, 95: 9025, 96: 9216, 97: 9409, 98: 9604, 99: 9801}");
        data.set_item(pystr::new("k"), types().none.clone())
            .unwrap();
        assert_eq!(
            repr(&data.get_item(&pystr::new("k")).unwrap().unwrap()),
            "None"
        );
        let err = protocol::hash(&l).unwrap_err();
        assert_eq!(
            protocol::str_string(err.value()).unwrap(),
            "unhashable type: 'list'"
        );
    })
}

#[test]
fn a_self_containing_list_prints_with_an_ellipsis() {
    pyrs_objects::with_gil(|| {
        let l = list::new(vec![]);
        l.downcast::<list::ListData>().unwrap().push(l.clone());
        assert_eq!(repr(&l), "[[...]]");
        // Break the cycle so the test does not leak.
        l.downcast::<list::ListData>().unwrap().replace_all(vec![]);
    })
}

#[test]
fn classes_get_mro_and_type_calls() {
    pyrs_objects::with_gil(|| {
        let t = types();
        let ns = dict::new();
        let class = protocol::call(
            &t.type_,
            Args::positional(&[pystr::new("A"), tuple::new(vec![]), ns]),
        )
        .unwrap();
        assert_eq!(repr(&class), "<class 'A'>");
        let obj = protocol::call(&class, Args::positional(&[])).unwrap();
        protocol::setattr(&obj, &pystr::intern("x"), Some(&Value::small(3))).unwrap();
        assert_eq!(
            repr(&protocol::getattr(&obj, &pystr::intern("x")).unwrap()),
            "3"
        );
        let err = protocol::getattr(&obj, &pystr::intern("y")).unwrap_err();
        assert_eq!(
            protocol::str_string(err.value()).unwrap(),
            "'A' object has no attribute 'y'"
        );
        let mro = protocol::getattr(&class, &pystr::intern("__mro__")).unwrap();
        assert_eq!(repr(&mro), "(<class 'A'>, <class 'object'>)");
        let add = protocol::getattr(&Value::small(2), &pystr::intern("__add__")).unwrap();
        let r = protocol::call(&add, Args::positional(&[Value::small(40)])).unwrap();
        assert_eq!(repr(&r), "42");
    })
}

#[test]
fn freeing_a_deep_chain_does_not_overflow_the_stack() {
    pyrs_objects::with_gil(|| {
        let mut v = list::new(vec![]);
        for _ in 0..1_000_000 {
            v = list::new(vec![v]);
        }
        drop(v);
    })
}
