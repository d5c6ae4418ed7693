//! Recursion protection for container reprs (CPython's `Py_ReprEnter`/`Py_ReprLeave`): a
//! list containing itself prints as `[[...]]`.

use std::cell::RefCell;

use crate::error::PyResult;
use crate::value::Value;

thread_local! {
    static ACTIVE: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

/// Marks `obj` as being printed until the guard drops.
pub struct ReprGuard(usize);

impl Drop for ReprGuard {
    fn drop(&mut self) {
        ACTIVE.with(|a| {
            let mut a = a.borrow_mut();
            if let Some(pos) = a.iter().rposition(|&w| w == self.0) {
                a.remove(pos);
            }
        });
    }
}

/// `Some(guard)` when `obj` is not already being printed; `None` when it is (print `...`).
pub fn enter(obj: &Value) -> PyResult<Option<ReprGuard>> {
    let w = obj.word();
    let busy = ACTIVE.with(|a| a.borrow().contains(&w));
    if busy {
        return Ok(None);
    }
    ACTIVE.with(|a| a.borrow_mut().push(w));
    Ok(Some(ReprGuard(w)))
}
