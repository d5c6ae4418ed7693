//! `_sre`, the regular expression engine under CPython's pure-Python `re` package
//! (CPython's Modules/_sre/sre.c): `re._compiler` turns a pattern into a list of code words,
//! and `_sre.compile` makes a `Pattern` that runs them with the matcher of [`engine`] over
//! `str` (code points, lone surrogates included) or bytes-like subjects.
//!
//! Files: [`constants`] (the code's numbers and the character predicates), [`engine`] (the
//! matcher), `pattern.rs` (`Pattern`, `SRE_Scanner`, `SRE_Template`, the searching methods),
//! `match_obj.rs` (`Match`).

mod constants;
mod engine;
mod match_obj;
mod pattern;

use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;

use pyrs_objects::bytes::BytesData;
use pyrs_objects::module::{new_module, ModuleData};
use pyrs_objects::native::new_module_function;
use pyrs_objects::str::StrData;
use pyrs_objects::{int, str as pystr, Args, PyErr, PyResult, Value};

use constants::*;
use engine::SreError;

/// Makes the `_sre` module.
pub(crate) fn init() -> PyResult<Value> {
    let module = new_module("_sre");
    let d = module
        .downcast::<ModuleData>()
        .ok_or_else(|| PyErr::system_error("module"))?
        .dict();
    let functions: [(&'static str, pyrs_objects::native::NativeFn); 7] = [
        ("compile", pattern::compile),
        ("template", pattern::template),
        ("getcodesize", getcodesize),
        ("ascii_iscased", ascii_iscased),
        ("unicode_iscased", unicode_iscased),
        ("ascii_tolower", ascii_tolower),
        ("unicode_tolower", unicode_tolower),
    ];
    for (name, f) in functions {
        d.set_str(name, new_module_function(name, f, module.clone()));
    }
    d.set_str("MAGIC", int::from_i64(MAGIC));
    d.set_str("CODESIZE", int::from_i64(CODESIZE));
    d.set_str("MAXREPEAT", int::from_i64(MAXREPEAT as i64));
    d.set_str("MAXGROUPS", int::from_i64(MAXGROUPS));
    d.set_str(
        "copyright",
        pystr::new(" SRE 2.2.2 Copyright (c) 1997-2002 by Secret Labs AB "),
    );
    Ok(module)
}

fn getcodesize(args: Args<'_>) -> PyResult<Value> {
    args.exact("getcodesize", 0, 0)?;
    Ok(int::from_i64(CODESIZE))
}

fn char_arg(args: &Args<'_>, name: &str) -> PyResult<u32> {
    let a = args.exact(name, 1, 1)?;
    let v = &a[0];
    if int::as_int(v).is_none() {
        return Err(PyErr::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            v.type_data().name()
        )));
    }
    let n = int::to_isize(v)?;
    if n > i32::MAX as isize {
        return Err(PyErr::overflow_error(
            "signed integer is greater than maximum",
        ));
    }
    if n < i32::MIN as isize {
        return Err(PyErr::overflow_error("signed integer is less than minimum"));
    }
    Ok(n as i32 as u32)
}

fn ascii_iscased(args: Args<'_>) -> PyResult<Value> {
    let ch = char_arg(&args, "ascii_iscased")?;
    Ok(pyrs_objects::bool(
        ch < 128 && (ch as u8).is_ascii_alphabetic(),
    ))
}

fn unicode_iscased(args: Args<'_>) -> PyResult<Value> {
    let ch = char_arg(&args, "unicode_iscased")?;
    Ok(pyrs_objects::bool(
        ch != lower_unicode(ch) || ch != upper_unicode(ch),
    ))
}

fn ascii_tolower(args: Args<'_>) -> PyResult<Value> {
    let ch = char_arg(&args, "ascii_tolower")?;
    Ok(int::from_i64(lower_ascii(ch) as i32 as i64))
}

fn unicode_tolower(args: Args<'_>) -> PyResult<Value> {
    let ch = char_arg(&args, "unicode_tolower")?;
    Ok(int::from_i64(lower_unicode(ch) as i32 as i64))
}

/// The characters of a subject: bytes (a `bytes`-like object, or an ASCII `str`), or code
/// points.
pub(crate) enum Text<'a> {
    Narrow(Cow<'a, [u8]>),
    Wide(Rc<[u32]>),
}

/// A subject of a match: its characters and whether it is bytes-like.
pub(crate) struct Subject<'a> {
    pub(crate) text: Text<'a>,
    pub(crate) isbytes: bool,
}

impl Subject<'_> {
    pub(crate) fn len(&self) -> usize {
        match &self.text {
            Text::Narrow(b) => b.len(),
            Text::Wide(w) => w.len(),
        }
    }
}

thread_local! {
    /// The code points of the last non-ASCII `str` matched, kept so that a parser matching
    /// one long text position by position decodes it once.
    static WIDE_CACHE: RefCell<Option<(Value, Rc<[u32]>)>> = const { RefCell::new(None) };
}

fn wide_text(v: &Value, s: &StrData) -> Rc<[u32]> {
    let hit = WIDE_CACHE.with(|c| {
        c.borrow()
            .as_ref()
            .filter(|(k, _)| k.is(v))
            .map(|(_, w)| w.clone())
    });
    if let Some(w) = hit {
        return w;
    }
    let w: Rc<[u32]> = s.code_points().collect::<Vec<u32>>().into();
    let old = WIDE_CACHE.with(|c| c.borrow_mut().replace((v.clone(), w.clone())));
    drop(old);
    w
}

/// `getstring`: the characters of a `str` or bytes-like object, or CPython's TypeError.
pub(crate) fn subject(v: &Value) -> PyResult<Subject<'_>> {
    if let Some(s) = v.downcast::<StrData>() {
        let text = if s.is_ascii() {
            Text::Narrow(Cow::Borrowed(s.as_bytes()))
        } else {
            Text::Wide(wide_text(v, s))
        };
        return Ok(Subject {
            text,
            isbytes: false,
        });
    }
    if let Some(b) = pyrs_objects::bytes::buffer(v) {
        return Ok(Subject {
            text: Text::Narrow(b),
            isbytes: true,
        });
    }
    Err(PyErr::type_error(format!(
        "expected string or bytes-like object, got '{}'",
        v.type_data().name()
    )))
}

/// `getslice`: `string[start:end]` as a `str` or `bytes` (the object itself when that is the
/// whole of an exact `str` or `bytes`).
pub(crate) fn getslice(string: &Value, start: usize, end: usize) -> PyResult<Value> {
    if let Some(s) = string.downcast::<StrData>() {
        let len = s.char_len();
        let end = end.min(len);
        let start = start.min(end);
        if start == 0 && end == len && string.is_exact(&pyrs_objects::types().str) {
            return Ok(string.clone());
        }
        return Ok(pystr::from_data(s.substring(start, end)));
    }
    if let Some(b) = string.downcast::<BytesData>() {
        if string.is_exact(pyrs_objects::bytes::bytes_type()) {
            let len = b.as_bytes().len();
            if start == 0 && end >= len {
                return Ok(string.clone());
            }
        }
    }
    let buf = pyrs_objects::bytes::buffer(string).ok_or_else(|| {
        PyErr::type_error(format!(
            "expected string or bytes-like object, got '{}'",
            string.type_data().name()
        ))
    })?;
    let end = end.min(buf.len());
    let start = start.min(end);
    Ok(pyrs_objects::bytes::new(buf[start..end].to_vec()))
}

/// `pattern_error`: the exception for an engine failure.
pub(crate) fn engine_error(e: SreError) -> PyErr {
    match e {
        SreError::Memory => PyErr::with_args(pyrs_objects::ExcKind::MemoryError, Vec::new()),
        SreError::Interrupted => {
            PyErr::with_args(pyrs_objects::ExcKind::KeyboardInterrupt, Vec::new())
        }
        SreError::Illegal => PyErr::runtime_error("internal error in regular expression engine"),
    }
}
