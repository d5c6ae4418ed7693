//! Emitting warnings from the interpreter (the part of CPython's Python/_warnings.c that the
//! interpreter itself needs): the compiler's SyntaxWarnings and the DeprecationWarnings of
//! built-in operations.
//!
//! Once a program has imported the pure-Python `warnings` module, a warning goes to its
//! `warn_explicit`, which applies the program's filters and prints through `showwarning`.
//! Before that, this module applies CPython's default filters itself
//! (`default::DeprecationWarning:__main__`, then `ignore` for DeprecationWarning,
//! PendingDeprecationWarning, ImportWarning and ResourceWarning, `default` for the rest) and
//! prints as CPython's `show_warning` does: `file:line: Category: message`, then the source
//! line, stripped of its indentation, indented by two spaces.

use pyrs_objects::dict::DictData;
use pyrs_objects::exceptions::ExcKind;
use pyrs_objects::typeobject::is_subtype;
use pyrs_objects::{protocol, str as pystr, tuple, PyResult, Value};

fn exception_type(kind: ExcKind) -> &'static Value {
    kind.class()
}

/// `PyErr_WarnEx`: a warning of `category` about the code running `stacklevel` frames up
/// (1: the innermost Python frame), which gives the file, line, module and registry.
pub fn warn(category: ExcKind, message: &str, stacklevel: usize) -> PyResult<()> {
    let category = exception_type(category).clone();
    let mut frame = crate::frame::current();
    for _ in 1..stacklevel {
        // SAFETY: a running frame's `back` is a frame still running below it (or null).
        frame = frame.and_then(|f| unsafe { f.back.as_ref() });
    }
    let Some(frame) = frame else {
        return warn_explicit(&category, &pystr::new(message), "sys", 1, Some("sys"), None);
    };
    let filename = pystr::text_of(&frame.code().filename).unwrap_or_default();
    let lineno = frame.lineno();
    let globals = frame.globals.downcast::<DictData>();
    let module = globals
        .and_then(|g| g.get_str(&pystr::intern("__name__")))
        .and_then(|n| pystr::text_of(&n))
        .unwrap_or_else(|| "<string>".to_string());
    let registry = match globals {
        Some(g) => match g.get_str(&pystr::intern("__warningregistry__")) {
            Some(r) => Some(r),
            None => {
                let r = pyrs_objects::dict::new();
                g.set_str("__warningregistry__", r.clone());
                Some(r)
            }
        },
        None => None,
    };
    warn_explicit(
        &category,
        &pystr::new(message),
        &filename,
        lineno,
        Some(&module),
        registry.as_ref(),
    )
}

/// `PyErr_WarnExplicitObject`: a warning at a given place. `module` defaults to the file
/// name without its `.py`; without a `registry`, a warning the filters let through is always
/// shown.
pub fn warn_explicit(
    category: &Value,
    message: &Value,
    filename: &str,
    lineno: u32,
    module: Option<&str>,
    registry: Option<&Value>,
) -> PyResult<()> {
    if let Some(warnings) = crate::sys::modules_dict().get_str(&pystr::intern("warnings")) {
        if let Ok(f) = protocol::getattr(&warnings, &pystr::intern("warn_explicit")) {
            let module = match module {
                Some(m) => pystr::new(m),
                None => pyrs_objects::none(),
            };
            protocol::call1(
                &f,
                &[
                    message.clone(),
                    category.clone(),
                    pystr::new(filename),
                    pyrs_objects::int::from_i64(i64::from(lineno)),
                    module,
                    registry.cloned().unwrap_or_else(pyrs_objects::none),
                ],
            )?;
            return Ok(());
        }
    }
    let derived;
    let module = match module {
        Some(m) => m,
        None => {
            derived = filename.strip_suffix(".py").unwrap_or(filename).to_string();
            &derived
        }
    };
    // A Warning instance is its own category and text.
    let (category, text) =
        if pyrs_objects::typeobject::is_instance(message, exception_type(ExcKind::Warning)) {
            (message.class().clone(), protocol::str(message)?)
        } else {
            (category.clone(), protocol::str(message)?)
        };
    let text_str = pystr::text_of(&text).unwrap_or_default();
    if default_action(&category, module) == Action::Ignore {
        return Ok(());
    }
    if let Some(r) = registry.and_then(|r| r.downcast::<DictData>()) {
        let key = tuple::new(vec![
            text.clone(),
            category.clone(),
            pyrs_objects::int::from_i64(i64::from(lineno)),
        ]);
        if let Some(seen) = r.get_item(&key)? {
            if protocol::is_true(&seen)? {
                return Ok(());
            }
        }
        r.set_item(key, pyrs_objects::bool(true))?;
    }
    show_warning(filename, lineno, &text_str, &category);
    Ok(())
}

#[derive(PartialEq, Eq)]
enum Action {
    Default,
    Ignore,
}

/// CPython's default filters, for a program that has not imported `warnings`.
fn default_action(category: &Value, module: &str) -> Action {
    let sub = |kind| is_subtype(category, exception_type(kind));
    if sub(ExcKind::DeprecationWarning) && module == "__main__" {
        return Action::Default;
    }
    if sub(ExcKind::DeprecationWarning)
        || sub(ExcKind::PendingDeprecationWarning)
        || sub(ExcKind::ImportWarning)
        || sub(ExcKind::ResourceWarning)
    {
        return Action::Ignore;
    }
    Action::Default
}

/// Prints a warning to `sys.stderr` as CPython's `show_warning` does.
fn show_warning(filename: &str, lineno: u32, text: &str, category: &Value) {
    let name = class_name(category);
    let mut out = format!("{filename}:{lineno}: {name}: {text}\n");
    if let Some(line) = source_line(filename, lineno) {
        let line = line.trim_start_matches([' ', '\t', '\x0c']);
        if !line.is_empty() {
            out.push_str("  ");
            out.push_str(line);
            out.push('\n');
        }
    }
    crate::sys::write_stderr(&out);
}

/// Line `lineno` of the file `filename`, without its line ending, if the file can be read.
fn source_line(filename: &str, lineno: u32) -> Option<String> {
    let bytes = std::fs::read(filename).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let line = text.split('\n').nth(lineno.checked_sub(1)? as usize)?;
    Some(line.trim_end_matches(['\r', '\n']).to_string())
}

/// The `__name__` of a class.
fn class_name(class: &Value) -> String {
    protocol::getattr(class, &pystr::intern("__name__"))
        .ok()
        .and_then(|n| pystr::text_of(&n))
        .unwrap_or_else(|| "Warning".to_string())
}

/// Emits the compiler's warnings for `filename` as CPython's `_PyErr_EmitSyntaxWarning`
/// does: a warning a filter turns into an error becomes a SyntaxError at its place.
pub fn emit_compiler_warnings(warnings: &[pyrs_compiler::Warning], filename: &str) -> PyResult<()> {
    let category = exception_type(ExcKind::SyntaxWarning).clone();
    for w in warnings {
        let r = warn_explicit(
            &category,
            &pystr::new(&w.msg),
            filename,
            w.lineno,
            None,
            None,
        );
        if let Err(e) = r {
            if e.is(ExcKind::SyntaxWarning) {
                let err = pyrs_parser::SyntaxError {
                    kind: pyrs_parser::ErrorKind::SyntaxError,
                    msg: w.msg.clone(),
                    lineno: w.lineno,
                    offset: w.offset,
                    end_lineno: w.end_lineno,
                    end_offset: w.end_offset,
                    text: None,
                };
                return Err(crate::syntax_error(&err, filename));
            }
            return Err(e);
        }
    }
    Ok(())
}

/// The RuntimeWarning for a coroutine that dies never awaited (CPython's
/// `_PyErr_WarnUnawaitedCoroutine` and `warnings._warn_unawaited_coroutine`): the message
/// names where the coroutine was made when origin tracking is on. Errors are reported as
/// unraisable.
pub fn warn_unawaited_coroutine(coro: &Value, qualname: &Value, origin: Option<&Value>) {
    let message = (|| -> PyResult<String> {
        let mut message = format!(
            "coroutine '{}' was never awaited",
            protocol::str_string(qualname)?
        );
        if let Some(origin) = origin {
            // As warnings.py: `traceback.format_list` of the origin, outermost first.
            let traceback = (pyrs_objects::hooks::get().import_module)("traceback")?;
            let linecache = (pyrs_objects::hooks::get().import_module)("linecache")?;
            let getline = protocol::getattr(&linecache, &pystr::intern("getline"))?;
            let mut entries = Vec::new();
            for entry in protocol::collect(origin)?.into_iter().rev() {
                let parts = protocol::collect(&entry)?;
                let [filename, lineno, name] = &parts[..] else {
                    continue;
                };
                let line = protocol::call1(&getline, &[filename.clone(), lineno.clone()])?;
                entries.push(tuple::new(vec![
                    filename.clone(),
                    lineno.clone(),
                    name.clone(),
                    line,
                ]));
            }
            let format_list = protocol::getattr(&traceback, &pystr::intern("format_list"))?;
            let lines = protocol::call1(&format_list, &[pyrs_objects::list::new(entries)])?;
            message.push_str("\nCoroutine created at (most recent call last)\n");
            for line in protocol::collect(&lines)? {
                message.push_str(&protocol::str_string(&line)?);
            }
            message.truncate(message.trim_end_matches('\n').len());
        }
        Ok(message)
    })();
    match message {
        Ok(m) => warn_about(ExcKind::RuntimeWarning, &m, coro),
        Err(e) => (pyrs_objects::hooks::get().unraisable)(&e, "Exception ignored in", Some(coro)),
    }
}

/// A warning about `source` (an object the message is about), attributed to the running
/// Python code, through `warnings.warn`. Errors are reported as unraisable.
///
/// FIXME: CPython passes `source` on, so that `tracemalloc` can say where the object was
/// made (and, when it is not tracing, a line suggests enabling it); the pure-Python
/// `warn_explicit` pyrs's `_warnings` forwards to would take it for the output file, and
/// `tracemalloc` cannot be imported yet, so the source is not passed.
pub fn warn_about(category: ExcKind, message: &str, source: &Value) {
    let warned = (pyrs_objects::hooks::get().import_module)("warnings")
        .and_then(|w| protocol::getattr(&w, &pystr::intern("warn")))
        .and_then(|f| {
            protocol::call1(
                &f,
                &[
                    pystr::new(message),
                    exception_type(category).clone(),
                    Value::small(1),
                ],
            )
        });
    if let Err(e) = warned {
        (pyrs_objects::hooks::get().unraisable)(&e, "Exception ignored in", Some(source));
    }
}
