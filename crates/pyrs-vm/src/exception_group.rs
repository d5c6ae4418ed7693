//! `except*` matching (CPython's `_PyEval_ExceptionGroupMatch`).

use pyrs_objects::exceptions::{group_split, BaseExceptionData};
use pyrs_objects::typeobject::is_instance;
use pyrs_objects::{protocol, ExcKind, PyResult, Value};

/// Splits exception `e` by `class`: (rest, match). A matching exception that is not a group
/// is wrapped in one (`ExceptionGroup('', [e])`), as `except*` binds a group.
pub(crate) fn split(e: &Value, class: &Value) -> PyResult<(Value, Value)> {
    let none = pyrs_objects::none;
    let is_group = is_instance(e, ExcKind::BaseExceptionGroup.class());
    if crate::exc::matches(e, class)? {
        if is_group {
            return Ok((none(), e.clone()));
        }
        let wrapped = protocol::call1(
            ExcKind::BaseExceptionGroup.class(),
            &[
                pyrs_objects::str::new(""),
                pyrs_objects::list::new(vec![e.clone()]),
            ],
        )?;
        if let (Some(from), Some(to)) = (
            e.downcast::<BaseExceptionData>(),
            wrapped.downcast::<BaseExceptionData>(),
        ) {
            *to.traceback.borrow_mut() = from.traceback.borrow().clone();
        }
        return Ok((none(), wrapped));
    }
    if is_group {
        let (m, r) = group_split(e, class)?;
        return Ok((r.unwrap_or_else(none), m.unwrap_or_else(none)));
    }
    Ok((e.clone(), none()))
}

/// The leaves of an exception (group) tree, by identity.
fn leaf_ids(e: &Value, out: &mut Vec<usize>) {
    match pyrs_objects::exceptions::group_leaves(e) {
        Some(children) => children.iter().for_each(|c| leaf_ids(c, out)),
        None => out.push(e.word()),
    }
}

/// Whether `e` carries the same traceback, cause and context as `orig` (so it is a part of
/// `orig` re-raised, not a new exception).
fn same_metadata(e: &Value, orig: &Value) -> bool {
    let (Some(a), Some(b)) = (
        e.downcast::<BaseExceptionData>(),
        orig.downcast::<BaseExceptionData>(),
    ) else {
        return false;
    };
    let same = |x: &Option<Value>, y: &Option<Value>| match (x, y) {
        (None, None) => true,
        (Some(x), Some(y)) => x.is(y),
        _ => false,
    };
    same(&a.traceback.borrow(), &b.traceback.borrow())
        && same(&a.cause.borrow(), &b.cause.borrow())
        && same(&a.context.borrow(), &b.context.borrow())
}

/// `CALL_INTRINSIC_2 INTRINSIC_PREP_RERAISE_STAR` (CPython's `_PyExc_PrepReraiseStar`): what
/// an `except*` statement raises when its handlers are done, from the original exception
/// and the list of what each handler raised or re-raised.
pub(crate) fn prep_reraise_star(orig: Value, excs: Value) -> PyResult<Value> {
    let none = pyrs_objects::none;
    let items: Vec<Value> = protocol::collect(&excs)?
        .into_iter()
        .filter(|e| !protocol::is_none(e))
        .collect();
    if items.is_empty() {
        return Ok(none());
    }
    if !is_instance(&orig, ExcKind::BaseExceptionGroup.class()) {
        return Ok(items[0].clone());
    }
    let (mut raised, mut reraised) = (Vec::new(), Vec::new());
    for e in items {
        if same_metadata(&e, &orig) {
            reraised.push(e);
        } else {
            raised.push(e);
        }
    }
    let mut ids = Vec::new();
    for e in &reraised {
        leaf_ids(e, &mut ids);
    }
    let reraised_eg = pyrs_objects::exceptions::group_project(&orig, &ids)?;
    if raised.is_empty() {
        return Ok(reraised_eg.unwrap_or_else(none));
    }
    raised.extend(reraised_eg);
    protocol::call1(
        ExcKind::BaseExceptionGroup.class(),
        &[pyrs_objects::str::new(""), pyrs_objects::list::new(raised)],
    )
}
