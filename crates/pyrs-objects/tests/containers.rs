//! The containers and built-in iterators driven from Rust: list (sort), tuple, dict, set and
//! frozenset, range, slice, enumerate/zip/map/filter/reversed. Every expected output was
//! printed by CPython 3.13.

use pyrs_objects::protocol::{self, repr_string};
use pyrs_objects::typeobject::{BinOp, CompareOp};
use pyrs_objects::{builtin_iter, dict, int, list, native, range, sequence, set, str as pystr};
use pyrs_objects::{tuple, Args, PyResult, Value};

fn r(v: &Value) -> String {
    repr_string(v).unwrap()
}

fn ints(xs: &[i64]) -> Vec<Value> {
    xs.iter().map(|&i| int::from_i64(i)).collect()
}

fn call(obj: &Value, name: &str, args: &[Value]) -> PyResult<Value> {
    let m = protocol::getattr_str(obj, name)?;
    protocol::call1(&m, args)
}

fn err(res: PyResult<Value>) -> String {
    match res {
        Ok(v) => format!("no error: {}", r(&v)),
        // KeyError prints its argument's repr.
        Err(e) if e.is(pyrs_objects::ExcKind::KeyError) => format!(
            "KeyError: {}",
            r(&pyrs_objects::exceptions::args_of(e.value())[0])
        ),
        Err(e) => format!(
            "{}: {}",
            e.value().type_data().name(),
            protocol::str_string(e.value()).unwrap()
        ),
    }
}

fn new_set(xs: &[i64]) -> Value {
    set::new_set(ints(xs)).unwrap()
}

fn list_of(v: &Value) -> String {
    r(&list::new(protocol::collect(v).unwrap()))
}

#[test]
fn sets_iterate_in_cpythons_order() {
    pyrs_objects::with_gil(|| {
        assert_eq!(r(&new_set(&[5, 3, 1000, 17])), "{1000, 17, 3, 5}");
        let s = set::new_set(ints(&(0..20).collect::<Vec<_>>())).unwrap();
        for i in (0..20).step_by(3) {
            call(&s, "discard", &[Value::small(i)]).unwrap();
        }
        call(&s, "add", &[Value::small(100)]).unwrap();
        assert_eq!(r(&s), "{1, 2, 4, 5, 7, 8, 10, 11, 13, 14, 16, 17, 19, 100}");
        // A removed key leaves a dummy that the next missing key reuses.
        let s = new_set(&[1, 9]);
        call(&s, "remove", &[Value::small(1)]).unwrap();
        call(&s, "add", &[Value::small(17)]).unwrap();
        assert_eq!(r(&s), "{17, 9}");
        let s = new_set(&[1, 2, 3]);
        assert_eq!(r(&call(&s, "pop", &[]).unwrap()), "1");
        assert_eq!(r(&call(&s, "pop", &[]).unwrap()), "2");
        assert_eq!(r(&s), "{3}");
        let big = set::new_set(ints(&(0..100).collect::<Vec<_>>())).unwrap();
        let d = protocol::binary_op(&big, &new_set(&[1, 2]), BinOp::Sub).unwrap();
        assert!(r(&d).starts_with("{0, 3, 4, 5, 6,"));
    })
}

#[test]
fn set_operations_build_results_as_cpython_does() {
    pyrs_objects::with_gil(|| {
        let x = |a: &[i64], b: &[i64], op| {
            r(&protocol::binary_op(&new_set(a), &new_set(b), op).unwrap())
        };
        assert_eq!(x(&[9], &[1], BinOp::Xor), "{1, 9}");
        assert_eq!(x(&[1], &[9], BinOp::Xor), "{9, 1}");
        assert_eq!(x(&[1, 9], &[17], BinOp::Or), "{1, 9, 17}");
        assert_eq!(x(&[17], &[1, 9], BinOp::Or), "{17, 1, 9}");
        assert_eq!(x(&[1, 9, 17, 25], &[25, 17, 9], BinOp::And), "{25, 17, 9}");
        let u = call(
            &new_set(&[1, 9]),
            "union",
            &[new_set(&[17]), list::new(ints(&[25]))],
        )
        .unwrap();
        assert_eq!(r(&u), "{1, 25, 9, 17}");
        let fs = set::new_frozenset(ints(&[1, 2, 3])).unwrap();
        let both = protocol::binary_op(&fs, &new_set(&[4]), BinOp::Or).unwrap();
        assert_eq!(r(&both), "frozenset({1, 2, 3, 4})");
        assert_eq!(protocol::hash(&fs).unwrap(), -272375401224217160);
        let empty = set::new_frozenset(vec![]).unwrap();
        assert_eq!(protocol::hash(&empty).unwrap(), 133146708735736);
        assert_eq!(r(&empty), "frozenset()");
        assert_eq!(r(&set::new_set(vec![]).unwrap()), "set()");
        assert!(protocol::eq(&new_set(&[1, 2, 3]), &fs).unwrap());
        assert!(protocol::rich_compare_bool(&new_set(&[1]), &fs, CompareOp::Lt).unwrap());
        assert_eq!(
            err(protocol::binary_op(&fs, &Value::small(1), BinOp::Or)),
            "TypeError: unsupported operand type(s) for |: 'frozenset' and 'int'"
        );
        assert_eq!(
            err(protocol::binary_op(
                &new_set(&[1]),
                &list::new(ints(&[1])),
                BinOp::Or
            )),
            "TypeError: unsupported operand type(s) for |: 'set' and 'list'"
        );
        assert_eq!(
            err(call(&set::new_set(vec![]).unwrap(), "pop", &[])),
            "KeyError: 'pop from an empty set'"
        );
        assert_eq!(
            err(call(
                &set::new_set(vec![]).unwrap(),
                "remove",
                &[Value::small(1)]
            )),
            "KeyError: 1"
        );
        assert_eq!(
            err(call(&set::new_set(vec![]).unwrap(), "add", &[])),
            "TypeError: set.add() takes exactly one argument (0 given)"
        );
        assert_eq!(
            err(set::new_set(vec![list::new(vec![])])),
            "TypeError: unhashable type: 'list'"
        );
        // A set inside `in` is looked up as a frozenset.
        let outer = set::new_set(vec![fs.clone()]).unwrap();
        assert!(protocol::contains(&outer, &new_set(&[3, 2, 1])).unwrap());
        let s = new_set(&[1, 2]);
        let it = protocol::iter(&s).unwrap();
        protocol::next(&it).unwrap();
        call(&s, "add", &[Value::small(3)]).unwrap();
        assert_eq!(
            err(protocol::next(&it).map(|v| v.unwrap_or_else(pyrs_objects::none))),
            "RuntimeError: Set changed size during iteration"
        );
        assert_eq!(
            r(&call(&new_set(&[1, 2]), "isdisjoint", &[list::new(ints(&[3]))]).unwrap()),
            "True"
        );
    })
}

fn key_neg(args: Args<'_>) -> PyResult<Value> {
    protocol::unary_op(&args.pos()[0], pyrs_objects::typeobject::UnaryOp::Neg)
}

fn key_mod3(args: Args<'_>) -> PyResult<Value> {
    protocol::binary_op(&args.pos()[0], &Value::small(3), BinOp::Mod)
}

thread_local! {
    static TARGET: std::cell::RefCell<Option<Value>> = const { std::cell::RefCell::new(None) };
}

fn key_appending(args: Args<'_>) -> PyResult<Value> {
    let l = TARGET.with(|t| t.borrow().clone()).unwrap();
    assert_ne!(r(&l), "[3, 1, 2]", "the list looks empty while it sorts");
    l.downcast::<list::ListData>()
        .unwrap()
        .push(Value::small(0));
    Ok(args.pos()[0].clone())
}

fn key_failing(args: Args<'_>) -> PyResult<Value> {
    if args.pos()[0].as_small() == Some(7) {
        return Err(pyrs_objects::PyErr::value_error("bad key"));
    }
    Ok(args.pos()[0].clone())
}

#[test]
fn list_sort_is_a_stable_timsort() {
    pyrs_objects::with_gil(|| {
        let mut seed: u64 = 7;
        let mut rnd = move || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
            ((seed >> 33) % 1000) as i64
        };
        let xs: Vec<i64> = (0..3000).map(|_| rnd()).collect();
        let l = list::new(ints(&xs));
        list::sort(&l, None, false).unwrap();
        let mut sorted = xs.clone();
        sorted.sort();
        assert_eq!(r(&l), r(&list::new(ints(&sorted))));
        // Stability with a key, and reverse keeps equal keys in order.
        let l = list::new(ints(&[5, 3, 8, 1, 9, 2, 7, 4, 6, 0]));
        let k = native::new_function("k", key_mod3);
        list::sort(&l, Some(&k), false).unwrap();
        assert_eq!(r(&l), "[3, 9, 6, 0, 1, 7, 4, 5, 8, 2]");
        list::sort(&l, Some(&k), true).unwrap();
        assert_eq!(r(&l), "[5, 8, 2, 1, 7, 4, 3, 9, 6, 0]");
        let neg = native::new_function("neg", key_neg);
        list::sort(&l, Some(&neg), false).unwrap();
        assert_eq!(r(&l), "[9, 8, 7, 6, 5, 4, 3, 2, 1, 0]");
        // Comparison errors propagate; the list stays a permutation.
        let l = list::new(vec![Value::small(1), pystr::new("a"), Value::small(0)]);
        assert_eq!(
            err(call(&l, "sort", &[])),
            "TypeError: '<' not supported between instances of 'str' and 'int'"
        );
        assert_eq!(protocol::len(&l).unwrap(), 3);
        // A key function that mutates the list.
        let l = list::new(ints(&[3, 1, 2]));
        TARGET.with(|t| *t.borrow_mut() = Some(l.clone()));
        let f = native::new_function("f", key_appending);
        assert_eq!(
            err(protocol::call(
                &protocol::getattr_str(&l, "sort").unwrap(),
                Args::new(&[f], &[pystr::intern("key")])
            )),
            "ValueError: list modified during sort"
        );
        assert_eq!(r(&l), "[1, 2, 3]");
        TARGET.with(|t| *t.borrow_mut() = None);
        // A key function that raises leaves the list unchanged.
        let l = list::new(ints(&[9, 7, 1]));
        let f = native::new_function("f", key_failing);
        assert_eq!(
            err(protocol::call(
                &protocol::getattr_str(&l, "sort").unwrap(),
                Args::new(&[f], &[pystr::intern("key")])
            )),
            "ValueError: bad key"
        );
        assert_eq!(r(&l), "[9, 7, 1]");
        assert_eq!(
            err(call(&l, "sort", &[Value::small(1)])),
            "TypeError: sort() takes no positional arguments"
        );
    })
}

#[test]
fn list_methods_and_errors() {
    pyrs_objects::with_gil(|| {
        let l = list::new(ints(&[1, 2, 3]));
        assert_eq!(
            err(call(&l, "remove", &[Value::small(9)])),
            "ValueError: list.remove(x): x not in list"
        );
        assert_eq!(
            err(call(&l, "index", &[pystr::new("x")])),
            "ValueError: 'x' is not in list"
        );
        assert_eq!(
            err(call(&l, "index", &[Value::small(1), pystr::new("a")])),
            "TypeError: slice indices must be integers or have an __index__ method"
        );
        assert_eq!(
            r(&call(&l, "index", &[Value::small(3), Value::small(-1)]).unwrap()),
            "2"
        );
        assert_eq!(
            err(call(&l, "count", &[])),
            "TypeError: list.count() takes exactly one argument (0 given)"
        );
        assert_eq!(
            err(call(&l, "insert", &[Value::small(1)])),
            "TypeError: insert expected 2 arguments, got 1"
        );
        assert_eq!(
            err(call(&l, "reverse", &[Value::small(1)])),
            "TypeError: list.reverse() takes no arguments (1 given)"
        );
        assert_eq!(
            err(protocol::getitem(&l, &Value::small(5))),
            "IndexError: list index out of range"
        );
        assert_eq!(
            err(call(&list::new(vec![]), "pop", &[])),
            "IndexError: pop from empty list"
        );
        assert_eq!(
            err(call(
                &l,
                "__setitem__",
                &[
                    sequence::new_slice(
                        pyrs_objects::none(),
                        pyrs_objects::none(),
                        Value::small(2)
                    ),
                    list::new(ints(&[1]))
                ]
            )),
            "ValueError: attempt to assign sequence of size 1 to extended slice of size 2"
        );
        assert_eq!(
            err(protocol::binary_op(&l, &pystr::new("a"), BinOp::Mul)),
            "TypeError: can't multiply sequence by non-int of type 'str'"
        );
        let t = tuple::new(ints(&[1, 2]));
        protocol::inplace_op(&l, &t, BinOp::Add).unwrap();
        assert_eq!(r(&l), "[1, 2, 3, 1, 2]");
        protocol::inplace_op(&l, &Value::small(0), BinOp::Mul).unwrap();
        assert_eq!(r(&l), "[]");
        let l = list::new(ints(&[1, 2, 3, 4, 5]));
        let slice =
            sequence::new_slice(pyrs_objects::none(), pyrs_objects::none(), Value::small(-2));
        protocol::setitem(&l, &slice, Some(&list::new(ints(&[7, 8, 9])))).unwrap();
        assert_eq!(r(&l), "[9, 2, 8, 4, 7]");
        protocol::setitem(&l, &slice, None).unwrap();
        assert_eq!(r(&l), "[2, 4]");
        let rev = call(&l, "__reversed__", &[]).unwrap();
        assert_eq!(list_of(&rev), "[4, 2]");
        assert_eq!(
            r(&call(&tuple::new(ints(&[1, 2, 1])), "count", &[Value::small(1)]).unwrap()),
            "2"
        );
        assert_eq!(
            err(call(&t, "index", &[Value::small(1), Value::small(1)])),
            "ValueError: tuple.index(x): x not in tuple"
        );
        let alias = call(
            pyrs_objects::list_type(),
            "__class_getitem__",
            &[pyrs_objects::types().int.clone()],
        )
        .unwrap();
        assert_eq!(r(&alias), "list[int]");
    })
}

#[test]
fn ranges() {
    pyrs_objects::with_gil(|| {
        let mk = |a: &[i64]| protocol::call1(range::range_type(), &ints(a));
        assert_eq!(r(&mk(&[5]).unwrap()), "range(0, 5)");
        assert_eq!(r(&mk(&[0, 10, 2]).unwrap()), "range(0, 10, 2)");
        assert_eq!(
            err(mk(&[1, 2, 0])),
            "ValueError: range() arg 3 must not be zero"
        );
        assert_eq!(
            err(mk(&[])),
            "TypeError: range expected at least 1 argument, got 0"
        );
        assert_eq!(
            err(mk(&[1, 2, 3, 4])),
            "TypeError: range expected at most 3 arguments, got 4"
        );
        let rg = mk(&[0, 10, 3]).unwrap();
        let rev = sequence::new_slice(pyrs_objects::none(), pyrs_objects::none(), Value::small(-1));
        assert_eq!(
            r(&protocol::getitem(&rg, &rev).unwrap()),
            "range(9, -3, -3)"
        );
        assert_eq!(
            err(protocol::getitem(&mk(&[10]).unwrap(), &Value::small(20))),
            "IndexError: range object index out of range"
        );
        assert_eq!(
            protocol::hash(&mk(&[0]).unwrap()).unwrap(),
            2676694398852732306
        );
        assert_eq!(
            protocol::hash(&mk(&[1, 2]).unwrap()).unwrap(),
            -1269592299258668772
        );
        assert_eq!(
            protocol::hash(&mk(&[1, 10, 3]).unwrap()).unwrap(),
            -9160968616009628824
        );
        assert!(protocol::eq(&mk(&[0]).unwrap(), &mk(&[1, 1]).unwrap()).unwrap());
        assert_eq!(
            list_of(&call(&rg, "__reversed__", &[]).unwrap()),
            "[9, 6, 3, 0]"
        );
        assert_eq!(
            err(call(&mk(&[10]).unwrap(), "index", &[Value::small(11)])),
            "ValueError: 11 is not in range"
        );
        assert!(protocol::contains(&rg, &Value::small(6)).unwrap());
        assert!(!protocol::contains(&rg, &Value::small(7)).unwrap());
        let two64 = protocol::binary_op(&Value::small(2), &Value::small(64), BinOp::Pow).unwrap();
        let huge = protocol::call1(range::range_type(), &[two64]).unwrap();
        assert_eq!(
            err(protocol::len(&huge).map(int::from_usize)),
            "OverflowError: Python int too large to convert to C ssize_t"
        );
        assert_eq!(
            r(&protocol::iter(&huge).unwrap())
                .split(' ')
                .next()
                .unwrap(),
            "<longrange_iterator"
        );
        let it = protocol::iter(&mk(&[5]).unwrap()).unwrap();
        assert_eq!(r(&call(&it, "__length_hint__", &[]).unwrap()), "5");
    })
}

#[test]
fn dicts() {
    pyrs_objects::with_gil(|| {
        let d = dict::new();
        let dd = d.downcast::<dict::DictData>().unwrap();
        for i in [3, 1, 2] {
            dd.set_item(Value::small(i), Value::small(i * 10)).unwrap();
        }
        assert_eq!(r(&call(&d, "popitem", &[]).unwrap()), "(2, 20)");
        assert_eq!(
            err(call(&dict::new(), "popitem", &[])),
            "KeyError: 'popitem(): dictionary is empty'"
        );
        assert_eq!(
            err(call(&d, "keys", &[Value::small(1)])),
            "TypeError: dict.keys() takes no arguments (1 given)"
        );
        assert_eq!(
            err(call(&d, "get", &[])),
            "TypeError: get expected at least 1 argument, got 0"
        );
        let fk = call(
            &pyrs_objects::types().dict,
            "fromkeys",
            &[new_set(&[3, 1, 9])],
        )
        .unwrap();
        assert_eq!(r(&fk), "{1: None, 3: None, 9: None}");
        let merged = protocol::binary_op(&d, &fk, BinOp::Or).unwrap();
        assert_eq!(r(&merged), "{3: None, 1: None, 9: None}");
        assert_eq!(
            err(protocol::binary_op(&d, &Value::small(1), BinOp::Or)),
            "TypeError: unsupported operand type(s) for |: 'dict' and 'int'"
        );
        let keys = call(&d, "keys", &[]).unwrap();
        assert_eq!(r(&keys), "dict_keys([3, 1])");
        assert_eq!(
            r(&protocol::binary_op(&keys, &new_set(&[1, 5]), BinOp::And).unwrap()),
            "{1}"
        );
        let items = call(&d, "items", &[]).unwrap();
        assert_eq!(
            list_of(&call(&items, "__reversed__", &[]).unwrap()),
            "[(1, 10), (3, 30)]"
        );
        assert_eq!(
            r(&protocol::getattr_str(&keys, "mapping").unwrap()),
            "mappingproxy({3: 30, 1: 10})"
        );
        assert_eq!(list_of(&builtin_iter::reversed(&d).unwrap()), "[1, 3]");
        // Mutation during iteration.
        let it = protocol::iter(&d).unwrap();
        protocol::next(&it).unwrap();
        dd.set_item(Value::small(7), Value::small(70)).unwrap();
        assert_eq!(
            err(protocol::next(&it).map(|v| v.unwrap_or_else(pyrs_objects::none))),
            "RuntimeError: dictionary changed size during iteration"
        );
        let it = protocol::iter(&d).unwrap();
        assert_eq!(r(&protocol::next(&it).unwrap().unwrap()), "3");
        dd.del_item(&Value::small(3)).unwrap();
        dd.set_item(Value::small(8), Value::small(80)).unwrap();
        assert_eq!(r(&protocol::next(&it).unwrap().unwrap()), "1");
        assert_eq!(r(&protocol::next(&it).unwrap().unwrap()), "7");
        assert_eq!(
            err(protocol::next(&it).map(|v| v.unwrap_or_else(pyrs_objects::none))),
            "RuntimeError: dictionary keys changed during iteration"
        );
        assert_eq!(err(call(&d, "pop", &[Value::small(99)])), "KeyError: 99");
        assert_eq!(
            err(protocol::call1(
                &pyrs_objects::types().dict,
                &[list::new(ints(&[1]))]
            )),
            "TypeError: cannot convert dictionary update sequence element #0 to a sequence"
        );
    })
}

fn is_odd(args: Args<'_>) -> PyResult<Value> {
    let r = protocol::binary_op(&args.pos()[0], &Value::small(2), BinOp::Mod)?;
    Ok(r)
}

fn add(args: Args<'_>) -> PyResult<Value> {
    protocol::binary_op(&args.pos()[0], &args.pos()[1], BinOp::Add)
}

#[test]
fn builtin_iterators() {
    pyrs_objects::with_gil(|| {
        let l = list::new(ints(&[0, 1, 2, 3]));
        let en = protocol::call(
            builtin_iter::enumerate_type(),
            Args::new(&[l.clone(), Value::small(5)], &[pystr::intern("start")]),
        )
        .unwrap();
        assert_eq!(list_of(&en), "[(5, 0), (6, 1), (7, 2), (8, 3)]");
        assert_eq!(
            err(protocol::call1(builtin_iter::enumerate_type(), &[])),
            "TypeError: enumerate() missing required argument 'iterable'"
        );
        let short = list::new(ints(&[1]));
        let z = protocol::call(
            builtin_iter::zip_type(),
            Args::new(
                &[l.clone(), short.clone(), pyrs_objects::bool(true)],
                &[pystr::intern("strict")],
            ),
        )
        .unwrap();
        assert_eq!(
            err(protocol::collect(&z).map(list::new)),
            "ValueError: zip() argument 2 is shorter than argument 1"
        );
        let z = protocol::call(
            builtin_iter::zip_type(),
            Args::new(
                &[
                    short.clone(),
                    short.clone(),
                    l.clone(),
                    pyrs_objects::bool(true),
                ],
                &[pystr::intern("strict")],
            ),
        )
        .unwrap();
        assert_eq!(
            err(protocol::collect(&z).map(list::new)),
            "ValueError: zip() argument 3 is longer than arguments 1-2"
        );
        let m = protocol::call1(
            builtin_iter::map_type(),
            &[native::new_function("add", add), l.clone(), l.clone()],
        )
        .unwrap();
        assert_eq!(list_of(&m), "[0, 2, 4, 6]");
        assert_eq!(
            err(protocol::call1(
                builtin_iter::map_type(),
                std::slice::from_ref(&l)
            )),
            "TypeError: map() must have at least two arguments."
        );
        let f = protocol::call1(
            builtin_iter::filter_type(),
            &[pyrs_objects::none(), l.clone()],
        )
        .unwrap();
        assert_eq!(list_of(&f), "[1, 2, 3]");
        let f = protocol::call1(
            builtin_iter::filter_type(),
            &[native::new_function("odd", is_odd), l.clone()],
        )
        .unwrap();
        assert_eq!(list_of(&f), "[1, 3]");
        let rv = protocol::call1(
            builtin_iter::reversed_type(),
            &[tuple::new(ints(&[1, 2, 3]))],
        )
        .unwrap();
        assert!(r(&rv).starts_with("<reversed object at "));
        assert_eq!(r(&call(&rv, "__length_hint__", &[]).unwrap()), "3");
        assert_eq!(list_of(&rv), "[3, 2, 1]");
        assert_eq!(
            err(protocol::call1(
                builtin_iter::reversed_type(),
                &[new_set(&[1])]
            )),
            "TypeError: 'set' object is not reversible"
        );
        let rl = protocol::call1(builtin_iter::reversed_type(), std::slice::from_ref(&l)).unwrap();
        assert!(r(&rl).starts_with("<list_reverseiterator object at "));
        assert_eq!(
            r(&sequence::new_slice(
                Value::small(1),
                Value::small(2),
                pyrs_objects::none()
            )),
            "slice(1, 2, None)"
        );
        assert_eq!(
            err(protocol::call1(sequence::slice_type(), &[])),
            "TypeError: slice expected at least 1 argument, got 0"
        );
    })
}
