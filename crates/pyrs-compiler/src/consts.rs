//! [`ConstTable`]: a code unit's `co_consts` while it is compiled, without duplicates
//! (CPython's `u_consts` dict keyed by `_PyCode_ConstantKey`).

use std::collections::HashMap;

use pyrs_bytecode::Constant;

/// The constants of one code unit in order of first use; equal constants (by
/// [`Constant`]'s equality, which tells `1`, `1.0` and `True` apart) share an index. Code
/// objects are never merged.
#[derive(Default, Debug)]
pub(crate) struct ConstTable {
    items: Vec<Constant>,
    index: HashMap<Constant, u32>,
}

impl ConstTable {
    pub(crate) fn add(&mut self, value: Constant) -> u32 {
        if matches!(value, Constant::Code(_)) {
            self.items.push(value);
            return self.items.len() as u32 - 1;
        }
        if let Some(&i) = self.index.get(&value) {
            return i;
        }
        let i = self.items.len() as u32;
        self.index.insert(value.clone(), i);
        self.items.push(value);
        i
    }

    pub(crate) fn get(&self, i: u32) -> &Constant {
        &self.items[i as usize]
    }

    pub(crate) fn len(&self) -> usize {
        self.items.len()
    }

    /// Keeps the constants whose `keep` entry is true, in order.
    pub(crate) fn retain_map(&mut self, keep: &[bool]) {
        let items = std::mem::take(&mut self.items);
        self.index.clear();
        for (c, &k) in items.into_iter().zip(keep) {
            if k {
                if !matches!(c, Constant::Code(_)) {
                    self.index.insert(c.clone(), self.items.len() as u32);
                }
                self.items.push(c);
            }
        }
    }

    pub(crate) fn take(&mut self) -> Vec<Constant> {
        self.index.clear();
        std::mem::take(&mut self.items)
    }
}

/// Python's truth value of a constant (`PyObject_IsTrue`).
pub(crate) trait Truth {
    fn truth(&self) -> Option<bool>;
}

impl Truth for Constant {
    fn truth(&self) -> Option<bool> {
        Some(match self {
            Constant::None => false,
            Constant::Bool(b) => *b,
            Constant::Int(i) => i.as_i64() != Some(0),
            Constant::Float(x) => *x != 0.0,
            Constant::Complex { real, imag } => *real != 0.0 || *imag != 0.0,
            Constant::Str(s) => s.code_points().next().is_some(),
            Constant::Bytes(b) => !b.is_empty(),
            Constant::Ellipsis => true,
            Constant::Tuple(t) | Constant::FrozenSet(t) => !t.is_empty(),
            Constant::Code(_) => true,
        })
    }
}
