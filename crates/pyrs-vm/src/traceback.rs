//! Printing an uncaught exception as CPython 3.13 does (Lib/traceback.py's
//! `TracebackException.format`): the chain of causes and contexts, each with its traceback
//! entries, source lines, and the exception line.

use std::collections::HashMap;

use pyrs_objects::exceptions::BaseExceptionData;
use pyrs_objects::typeobject::type_data;
use pyrs_objects::{protocol, str as pystr, ExcKind, Value};

use crate::code::CodeData;
use crate::exc::{FrameObject, TracebackData};

/// One traceback entry, ready to print.
struct Entry {
    filename: String,
    lineno: u32,
    name: String,
    /// The instruction's source span.
    pos: pyrs_bytecode::Positions,
}

fn entries(exc: &Value) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut tb = exc
        .downcast::<BaseExceptionData>()
        .and_then(|d| d.traceback.borrow().clone());
    while let Some(t) = tb {
        let Some(td) = t.downcast::<TracebackData>() else {
            break;
        };
        if let Some(f) = td.frame.downcast::<FrameObject>() {
            if let Some(c) = f.code.downcast::<CodeData>() {
                let pos = crate::carets::position(&f.code, td.lasti);
                out.push(Entry {
                    filename: pystr::text_of(&c.filename).unwrap_or_default(),
                    lineno: pos.lineno.unwrap_or(td.lineno),
                    name: c.code.name.to_string(),
                    pos,
                });
            }
        }
        tb = td.next.borrow().clone();
    }
    out
}

/// Source lines of files, read once.
#[derive(Default)]
pub struct Lines(HashMap<String, Option<Vec<String>>>);

impl Lines {
    /// Line `lineno` (from 1) of `filename`, if readable.
    pub fn get(&mut self, filename: &str, lineno: u32) -> Option<String> {
        let lines = self.0.entry(filename.to_string()).or_insert_with(|| {
            let bytes = std::fs::read(filename).ok()?;
            let text = String::from_utf8_lossy(&bytes).to_string();
            Some(
                text.split_inclusive('\n')
                    .map(|l| l.trim_end_matches(['\n', '\r']).to_string())
                    .collect(),
            )
        });
        lines
            .as_ref()?
            .get(lineno.checked_sub(1)? as usize)
            .cloned()
    }
}

fn format_entries(out: &mut String, entries: &[Entry], lines: &mut Lines) {
    let mut last: Option<(String, u32, String)> = None;
    let mut count = 0usize;
    for e in entries {
        let key = (e.filename.clone(), e.lineno, e.name.clone());
        if last.as_ref() == Some(&key) {
            count += 1;
            if count >= 3 {
                continue;
            }
        } else {
            if count >= 3 {
                let n = count - 2;
                out.push_str(&format!(
                    "  [Previous line repeated {n} more time{}]\n",
                    if n == 1 { "" } else { "s" }
                ));
            }
            last = Some(key);
            count = 0;
        }
        out.push_str(&format!(
            "  File \"{}\", line {}, in {}\n",
            e.filename, e.lineno, e.name
        ));
        out.push_str(&crate::carets::format_source(
            &e.filename,
            e.lineno,
            e.pos,
            lines,
        ));
    }
    if count >= 3 {
        let n = count - 2;
        out.push_str(&format!(
            "  [Previous line repeated {n} more time{}]\n",
            if n == 1 { "" } else { "s" }
        ));
    }
}

/// The exception's type as the last line shows it (`module.Name` outside `builtins` and
/// `__main__`).
fn type_name(exc: &Value) -> String {
    let ty = exc.type_data();
    let qual = pystr::text_of(&ty.qualname()).unwrap_or_default();
    let module = type_data(exc.class())
        .and_then(|t| t.dict().downcast::<pyrs_objects::dict::DictData>())
        .and_then(|d| d.get_str(&pystr::intern("__module__")))
        .and_then(|m| pystr::text_of(&m));
    match module.as_deref() {
        Some("builtins") | Some("__main__") | None => qual,
        Some(m) => format!("{m}.{qual}"),
    }
}

fn exception_line(exc: &Value) -> String {
    let name = type_name(exc);
    let text = match protocol::str(exc) {
        Ok(s) => pystr::text_of(&s).unwrap_or_default(),
        Err(_) => "<exception str() failed>".to_string(),
    };
    let mut line = if text.is_empty() {
        name
    } else {
        format!("{name}: {text}")
    };
    if let Some(s) = crate::carets::suggestion(exc) {
        line.push_str(&s);
    }
    line
}

fn syntax_error_lines(exc: &Value, out: &mut String) -> bool {
    if !pyrs_objects::typeobject::is_instance(exc, ExcKind::SyntaxError.class()) {
        return false;
    }
    let get = |n: &str| {
        protocol::getattr_opt(exc, &pystr::intern(n))
            .ok()
            .flatten()
            .filter(|v| !protocol::is_none(v))
    };
    let filename = get("filename")
        .and_then(|f| pystr::text_of(&f))
        .unwrap_or_else(|| "<string>".into());
    let lineno = get("lineno").and_then(|l| pyrs_objects::int::as_i64(&l));
    if let Some(lineno) = lineno {
        out.push_str(&format!("  File \"{filename}\", line {lineno}\n"));
    }
    if let Some(text) = get("text").and_then(|t| pystr::text_of(&t)) {
        let text = text.trim_end_matches(['\n', '\r']);
        let stripped = text.trim_start_matches([' ', '\t', '\x0c']);
        let removed = text.chars().count() - stripped.chars().count();
        let line = stripped.trim_end();
        out.push_str(&format!("    {line}\n"));
        let offset = get("offset").and_then(|o| pyrs_objects::int::as_i64(&o));
        let end_offset = get("end_offset").and_then(|o| pyrs_objects::int::as_i64(&o));
        let end_lineno = get("end_lineno").and_then(|o| pyrs_objects::int::as_i64(&o));
        if let Some(offset) = offset {
            let start = (offset - 1 - removed as i64).max(0) as usize;
            let mut end = match (end_offset, end_lineno) {
                (Some(e), Some(el)) if Some(el) == lineno && e > offset => {
                    (e - 1 - removed as i64).max(0) as usize
                }
                _ => start + 1,
            };
            let len = line.chars().count();
            if start <= len {
                end = end.min(len.max(start + 1));
                let prefix: String = line
                    .chars()
                    .take(start)
                    .map(|c| if c.is_whitespace() { c } else { ' ' })
                    .collect();
                out.push_str(&format!(
                    "    {prefix}{}\n",
                    "^".repeat(end.saturating_sub(start).max(1))
                ));
            }
        }
    }
    let name = type_name(exc);
    let msg = get("msg")
        .and_then(|m| pystr::text_of(&m))
        .unwrap_or_else(|| {
            protocol::str(exc)
                .ok()
                .and_then(|s| pystr::text_of(&s))
                .unwrap_or_default()
        });
    out.push_str(&format!("{name}: {msg}\n"));
    true
}

/// The full text CPython prints for an uncaught exception.
pub fn format_exception(exc: &Value) -> String {
    let mut chain: Vec<(Value, &'static str)> = Vec::new();
    let mut seen: Vec<usize> = Vec::new();
    let mut current = Some(exc.clone());
    let mut link = "";
    while let Some(e) = current {
        if seen.contains(&e.word()) {
            break;
        }
        seen.push(e.word());
        chain.push((e.clone(), link));
        let Some(d) = e.downcast::<BaseExceptionData>() else {
            break;
        };
        let cause = d.cause.borrow().clone();
        let context = d.context.borrow().clone();
        if let Some(c) = cause {
            current = Some(c);
            link = "\nThe above exception was the direct cause of the following exception:\n\n";
        } else if let (Some(c), false) = (context, d.suppress_context.get()) {
            current = Some(c);
            link = "\nDuring handling of the above exception, another exception occurred:\n\n";
        } else {
            current = None;
        }
    }
    let mut lines = Lines::default();
    let mut out = String::new();
    for (e, link) in chain.iter().rev() {
        let es = entries(e);
        if !es.is_empty() {
            out.push_str("Traceback (most recent call last):\n");
            format_entries(&mut out, &es, &mut lines);
        }
        if !syntax_error_lines(e, &mut out) {
            out.push_str(&exception_line(e));
            out.push('\n');
        }
        if let Some(notes) = protocol::getattr_opt(e, &pystr::intern("__notes__"))
            .ok()
            .flatten()
        {
            if let Ok(items) = protocol::collect(&notes) {
                for n in items {
                    let text = protocol::str(&n)
                        .ok()
                        .and_then(|s| pystr::text_of(&s))
                        .unwrap_or_default();
                    out.push_str(&text);
                    out.push('\n');
                }
            }
        }
        out.push_str(link);
    }
    out
}
