//! [`Args`], the arguments of a call as the evaluation loop leaves them on its stack
//! (CPython's vectorcall convention: positional values, then keyword values, and the keywords'
//! names), and the checks built-in functions make of them.

use crate::error::{PyErr, PyResult};
use crate::str::StrData;
use crate::value::Value;

/// The arguments of one call, borrowed: `values` holds the positional arguments then the
/// keyword arguments' values, `kwnames` the keywords' names (`str` objects), in order.
#[derive(Clone, Copy)]
pub struct Args<'a> {
    values: &'a [Value],
    kwnames: &'a [Value],
}

impl<'a> Args<'a> {
    /// Positional arguments `values[..len - kwnames.len()]`, keyword ones after.
    #[inline]
    pub fn new(values: &'a [Value], kwnames: &'a [Value]) -> Args<'a> {
        debug_assert!(kwnames.len() <= values.len());
        Args { values, kwnames }
    }

    /// Positional arguments only.
    #[inline]
    pub fn positional(values: &'a [Value]) -> Args<'a> {
        Args {
            values,
            kwnames: &[],
        }
    }

    /// The positional arguments.
    #[inline]
    pub fn pos(&self) -> &'a [Value] {
        &self.values[..self.values.len() - self.kwnames.len()]
    }

    /// Every value, positional then keyword.
    #[inline]
    pub fn values(&self) -> &'a [Value] {
        self.values
    }

    /// The keyword arguments' names.
    #[inline]
    pub fn kwnames(&self) -> &'a [Value] {
        self.kwnames
    }

    /// The keyword arguments, in order.
    pub fn kwargs(&self) -> impl Iterator<Item = (&'a Value, &'a Value)> + 'a {
        let start = self.values.len() - self.kwnames.len();
        self.kwnames.iter().zip(&self.values[start..])
    }

    /// Whether there are keyword arguments.
    #[inline]
    pub fn has_kwargs(&self) -> bool {
        !self.kwnames.is_empty()
    }

    /// The arguments without the first positional one (a method's `self`).
    #[inline]
    pub fn skip_first(&self) -> Args<'a> {
        Args {
            values: &self.values[1..],
            kwnames: self.kwnames,
        }
    }

    /// TypeError "NAME() takes no keyword arguments" when there are some.
    pub fn no_kwargs(&self, name: &str) -> PyResult<()> {
        if self.has_kwargs() {
            return Err(PyErr::type_error(format!(
                "{name}() takes no keyword arguments"
            )));
        }
        Ok(())
    }

    /// Checks a built-in's positional count, no keywords allowed, with CPython's messages
    /// ("len() takes exactly one argument (2 given)", "NAME expected at most 2 arguments, got
    /// 3"…), and returns the positional arguments.
    pub fn exact(&self, name: &str, min: usize, max: usize) -> PyResult<&'a [Value]> {
        self.no_kwargs(name)?;
        let pos = self.pos();
        let n = pos.len();
        if n >= min && n <= max {
            return Ok(pos);
        }
        Err(PyErr::type_error(count_message(name, min, max, n)))
    }

    /// Binds positional-or-keyword parameters by `names` (the first `required` must be
    /// given), as a built-in with a signature like `sorted(iterable, /, *, key=None,
    /// reverse=False)` does when `positional_only` of them are positional-only and those after
    /// `keyword_only_from` can only be passed by keyword.
    pub fn bind<const N: usize>(
        &self,
        func: &str,
        names: [&str; N],
        required: usize,
        positional_only: usize,
        keyword_only_from: usize,
    ) -> PyResult<[Option<Value>; N]> {
        let mut out: [Option<Value>; N] = std::array::from_fn(|_| None);
        let pos = self.pos();
        // More arguments than parameters (CPython's _PyArg_UnpackKeywords checks this first).
        let given = pos.len() + self.kwnames().len();
        if given > N {
            return Err(PyErr::type_error(format!(
                "{func}() takes at most {N} {}argument{} ({given} given)",
                if pos.is_empty() { "keyword " } else { "" },
                if N == 1 { "" } else { "s" },
            )));
        }
        if pos.len() > keyword_only_from.min(N) {
            let max = keyword_only_from.min(N);
            return Err(PyErr::type_error(if max == required {
                format!(
                    "{func}() takes exactly {} ({} given)",
                    plural_args(max),
                    pos.len()
                )
            } else {
                format!(
                    "{func}() takes at most {} ({} given)",
                    plural_args(max),
                    pos.len()
                )
            }));
        }
        for (slot, value) in out.iter_mut().zip(pos) {
            *slot = Some(value.clone());
        }
        for (name, value) in self.kwargs() {
            let key = name
                .downcast::<StrData>()
                .map(|s| s.to_string_lossy())
                .unwrap_or_default();
            match names.iter().position(|n| *n == key) {
                Some(i) if i >= positional_only => {
                    if out[i].is_some() {
                        return Err(PyErr::type_error(format!(
                            "argument for {func}() given by name ('{key}') and position ({})",
                            i + 1
                        )));
                    }
                    out[i] = Some(value.clone());
                }
                _ => {
                    let keywords = names[positional_only.min(N)..].iter().copied();
                    return Err(unexpected_keyword(func, &key, keywords));
                }
            }
        }
        for (i, slot) in out.iter().enumerate().take(required) {
            if slot.is_none() {
                return Err(PyErr::type_error(if i < positional_only {
                    format!(
                        "{func}() takes at least {} ({} given)",
                        plural_args(required),
                        pos.len()
                    )
                } else {
                    format!(
                        "{func}() missing required argument '{}' (pos {})",
                        names[i],
                        i + 1
                    )
                }));
            }
        }
        Ok(out)
    }
}

fn plural_args(n: usize) -> String {
    if n == 1 {
        "1 positional argument".to_string()
    } else {
        format!("{n} positional arguments")
    }
}

/// CPython's message for a built-in given the wrong number of positional arguments.
pub fn count_message(name: &str, min: usize, max: usize, n: usize) -> String {
    if min == max {
        match min {
            0 => format!("{name}() takes no arguments ({n} given)"),
            1 => format!("{name}() takes exactly one argument ({n} given)"),
            _ => format!("{name} expected {min} arguments, got {n}"),
        }
    } else if n < min {
        format!(
            "{name} expected at least {min} argument{}, got {n}",
            if min == 1 { "" } else { "s" }
        )
    } else {
        format!(
            "{name} expected at most {max} argument{}, got {n}",
            if max == 1 { "" } else { "s" }
        )
    }
}

/// CPython's error for a keyword argument `func` does not take: `f() got an unexpected
/// keyword argument 'kye'`, followed by `. Did you mean 'key'?` when one of the names it
/// does take is close enough ([`crate::suggest`]).
pub fn unexpected_keyword<'a>(
    func: &str,
    key: &str,
    names: impl IntoIterator<Item = &'a str>,
) -> PyErr {
    let mut message = format!("{func}() got an unexpected keyword argument '{key}'");
    if let Some(close) = crate::suggest::best_match(key, names.into_iter()) {
        message.push_str(&format!(". Did you mean '{close}'?"));
    }
    PyErr::type_error(message)
}
