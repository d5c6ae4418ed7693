//! The rest of `list`'s methods: slice assignment and deletion (more arrive with the full
//! method set).

use crate::error::{PyErr, PyResult};
use crate::list::ListData;
use crate::protocol;
use crate::sequence::SliceData;
use crate::value::Value;

/// `l[slice] = value` or `del l[slice]`.
pub(crate) fn assign_slice(l: &Value, slice: &SliceData, value: Option<&Value>) -> PyResult<()> {
    let d = l.downcast::<ListData>().expect("list");
    let r = slice.resolve(d.len())?;
    match value {
        None => {
            let removed: Vec<Value> = d.with_items(|v| {
                let mut keep = Vec::with_capacity(v.len());
                let mut removed = Vec::new();
                let picked: Vec<usize> = r.indices().collect();
                for (i, item) in v.drain(..).enumerate() {
                    if picked
                        .binary_search_by(|p| if r.step > 0 { p.cmp(&i) } else { i.cmp(p) })
                        .is_ok()
                    {
                        removed.push(item);
                    } else {
                        keep.push(item);
                    }
                }
                *v = keep;
                removed
            });
            drop(removed);
            Ok(())
        }
        Some(value) => {
            let items = if value.is(l) {
                d.to_vec()
            } else {
                protocol::collect(value)?
            };
            if r.step == 1 {
                let start = r.start.max(0) as usize;
                let stop = (r.start + r.len as isize).max(0) as usize;
                let removed: Vec<Value> = d.with_items(|v| {
                    let stop = stop.min(v.len()).max(start.min(v.len()));
                    let start = start.min(v.len());
                    v.splice(start..stop, items).collect()
                });
                drop(removed);
                return Ok(());
            }
            if items.len() != r.len {
                return Err(PyErr::value_error(format!(
                    "attempt to assign sequence of size {} to extended slice of size {}",
                    items.len(),
                    r.len
                )));
            }
            let removed: Vec<Value> = d.with_items(|v| {
                r.indices()
                    .zip(items)
                    .map(|(i, item)| std::mem::replace(&mut v[i], item))
                    .collect()
            });
            drop(removed);
            Ok(())
        }
    }
}
