//! Printing an uncaught exception as CPython 3.13 does (Lib/traceback.py's
//! `TracebackException.format`): the chain of causes and contexts, each with its traceback
//! entries, source lines, and the exception line.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};

use pyrs_objects::exceptions::BaseExceptionData;
use pyrs_objects::typeobject::type_data;
use pyrs_objects::{protocol, str as pystr, ExcKind, Value};

use crate::code::CodeData;
use crate::exc::TracebackData;
use crate::frameobject::FrameObject;

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

/// Source text of code that has no file, by the name its code objects carry: `-c`'s
/// command under `<string>`, as CPython 3.13 puts it in linecache.
static SOURCES: pyrs_objects::SyncCell<std::cell::RefCell<Vec<(String, String)>>> =
    pyrs_objects::SyncCell(std::cell::RefCell::new(Vec::new()));

/// Makes tracebacks show lines of `text` for frames of code compiled as `filename` (in
/// place of what was registered under that name before: the interactive prompt registers
/// each entry as `<stdin>`).
pub fn register_source(filename: &str, text: &str) {
    let mut sources = SOURCES.0.borrow_mut();
    sources.retain(|(name, _)| name != filename);
    sources.push((filename.to_string(), text.to_string()));
}

/// Source lines of files, read once.
#[derive(Default)]
pub struct Lines(HashMap<String, Option<Vec<String>>>);

impl Lines {
    /// Line `lineno` (from 1) of `filename`, if readable.
    pub fn get(&mut self, filename: &str, lineno: u32) -> Option<String> {
        let lines = self.0.entry(filename.to_string()).or_insert_with(|| {
            let registered = SOURCES
                .0
                .borrow()
                .iter()
                .rev()
                .find(|(name, _)| name == filename)
                .map(|(_, text)| text.clone().into_bytes());
            let bytes = match registered {
                Some(bytes) => bytes,
                None => std::fs::read(filename).ok()?,
            };
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

/// `_format_syntax_error`: the file and line, the offending text with carets under the
/// error's columns, and "Type: msg".
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
    let text_of = |v: &Value| {
        protocol::str(v)
            .ok()
            .and_then(|s| pystr::text_of(&s))
            .unwrap_or_default()
    };
    let filename = get("filename").map(|f| text_of(&f));
    let lineno = get("lineno").map(|l| text_of(&l));
    let end_lineno = get("end_lineno").map(|l| text_of(&l));
    let mut suffix = String::new();
    if let Some(l) = &lineno {
        let f = filename
            .clone()
            .filter(|f| !f.is_empty())
            .unwrap_or_else(|| "<string>".into());
        out.push_str(&format!("  File \"{f}\", line {l}\n"));
    } else if let Some(f) = &filename {
        suffix = format!(" ({f})");
    }
    if let Some(text) = get("text").and_then(|t| pystr::text_of(&t)) {
        let rtext: Vec<char> = text.trim_end_matches('\n').chars().collect();
        let skip = rtext
            .iter()
            .take_while(|c| matches!(c, ' ' | '\n' | '\x0c'))
            .count();
        let ltext = &rtext[skip..];
        let ltext_s: String = ltext.iter().collect();
        let text_len = text.chars().count() as i64;
        let int = |n: &str| get(n).and_then(|o| pyrs_objects::int::as_i64(&o));
        match int("offset") {
            None => out.push_str(&format!("    {ltext_s}\n")),
            Some(mut offset) => {
                let mut end_offset = if lineno == end_lineno {
                    match int("end_offset") {
                        None | Some(0) => offset,
                        Some(e) => e,
                    }
                } else {
                    rtext.len() as i64 + 1
                };
                if text_len > 0 && offset > text_len {
                    offset = rtext.len() as i64 + 1;
                }
                if text_len > 0 && end_offset > text_len {
                    end_offset = rtext.len() as i64 + 1;
                }
                if offset >= end_offset || end_offset < 0 {
                    end_offset = offset + 1;
                }
                let colno = offset - 1 - skip as i64;
                let end_colno = end_offset - 1 - skip as i64;
                out.push_str(&format!("    {ltext_s}\n"));
                if colno >= 0 {
                    let space: String = ltext
                        .iter()
                        .take(colno as usize)
                        .map(|&c| if c.is_whitespace() { c } else { ' ' })
                        .collect();
                    let n = (end_colno - colno).max(0) as usize;
                    out.push_str(&format!("    {space}{}\n", "^".repeat(n)));
                }
            }
        }
    }
    let name = type_name(exc);
    let msg = get("msg")
        .map(|m| text_of(&m))
        .filter(|m| !m.is_empty())
        .unwrap_or_else(|| "<no detail available>".into());
    out.push_str(&colour_exception_line(format!("{name}: {msg}{suffix}")));
    out.push('\n');
    true
}

/// `_ExceptionPrintContext`: the nesting of exception groups being printed.
struct Ctx {
    seen: Vec<usize>,
    depth: usize,
    need_close: bool,
    lines: Lines,
}

/// How many exceptions of a group are printed (`max_group_width`), and how deep nested
/// groups are (`max_group_depth`).
const MAX_GROUP_WIDTH: usize = 15;
const MAX_GROUP_DEPTH: usize = 10;

const CAUSE_MESSAGE: &str =
    "\nThe above exception was the direct cause of the following exception:\n\n";
const CONTEXT_MESSAGE: &str =
    "\nDuring handling of the above exception, another exception occurred:\n\n";

impl Ctx {
    fn indent(&self) -> String {
        " ".repeat(2 * self.depth)
    }

    /// `emit`: every line of `text` behind the group margin.
    fn emit(&self, out: &mut String, text: &str, margin: char) {
        let mut indent = self.indent();
        if self.depth > 0 {
            indent.push(margin);
            indent.push(' ');
        }
        for line in text.split_inclusive('\n') {
            out.push_str(&indent);
            out.push_str(line);
        }
    }
}

/// The exceptions of an exception group, if `exc` is one.
fn group_exceptions(exc: &Value) -> Option<Vec<Value>> {
    if !pyrs_objects::typeobject::is_instance(exc, ExcKind::BaseExceptionGroup.class()) {
        return None;
    }
    let excs = protocol::getattr_opt(exc, &pystr::intern("exceptions"))
        .ok()
        .flatten()?;
    protocol::collect(&excs).ok()
}

/// `format_exception_only`: the exception line (or SyntaxError lines) and the notes.
fn exception_only(e: &Value) -> String {
    let mut out = String::new();
    if !syntax_error_lines(e, &mut out) {
        out.push_str(&colour_exception_line(exception_line(e)));
        out.push('\n');
    }
    if let Some(notes) = protocol::getattr_opt(e, &pystr::intern("__notes__"))
        .ok()
        .flatten()
    {
        if let Ok(items) = protocol::collect(&notes) {
            for n in items {
                let text = match protocol::str(&n) {
                    Ok(s) => pystr::text_of(&s).unwrap_or_default(),
                    Err(_) => "<note str() failed>".to_string(),
                };
                for l in text.split('\n') {
                    out.push_str(l);
                    out.push('\n');
                }
            }
        }
    }
    out
}

/// The chain of `exc`: each exception with the message that links it to its cause or
/// context, the outermost first.
fn chain_of(exc: &Value, seen: &mut Vec<usize>) -> Vec<(Option<&'static str>, Value)> {
    let mut chain = Vec::new();
    let mut current = Some(exc.clone());
    seen.push(exc.word());
    while let Some(e) = current {
        let mut msg = None;
        let mut next = None;
        if let Some(d) = e.downcast::<BaseExceptionData>() {
            let cause = d.cause.borrow().clone();
            let context = d.context.borrow().clone();
            if let Some(c) = cause {
                if !seen.contains(&c.word()) {
                    msg = Some(CAUSE_MESSAGE);
                    next = Some(c);
                }
            } else if let (Some(c), false) = (context, d.suppress_context.get()) {
                if !seen.contains(&c.word()) {
                    msg = Some(CONTEXT_MESSAGE);
                    next = Some(c);
                }
            }
        }
        if let Some(n) = &next {
            seen.push(n.word());
        }
        chain.push((msg, e));
        current = next;
    }
    chain
}

/// `TracebackException.format` of `exc` into `out`.
fn format_into(out: &mut String, exc: &Value, ctx: &mut Ctx) {
    let chain = chain_of(exc, &mut ctx.seen);
    for (msg, e) in chain.iter().rev() {
        if let Some(m) = msg {
            ctx.emit(out, m, '|');
        }
        let es = entries(e);
        let mut stack = String::new();
        format_entries(&mut stack, &es, &mut ctx.lines);
        match group_exceptions(e) {
            None => {
                if !es.is_empty() {
                    ctx.emit(out, "Traceback (most recent call last):\n", '|');
                    ctx.emit(out, &stack, '|');
                }
                ctx.emit(out, &exception_only(e), '|');
            }
            Some(_) if ctx.depth > MAX_GROUP_DEPTH => {
                ctx.emit(
                    out,
                    &format!("... (max_group_depth is {MAX_GROUP_DEPTH})\n"),
                    '|',
                );
            }
            Some(excs) => {
                let toplevel = ctx.depth == 0;
                if toplevel {
                    ctx.depth += 1;
                }
                if !es.is_empty() {
                    ctx.emit(
                        out,
                        "Exception Group Traceback (most recent call last):\n",
                        if toplevel { '+' } else { '|' },
                    );
                    ctx.emit(out, &stack, '|');
                }
                ctx.emit(out, &exception_only(e), '|');
                let num = excs.len();
                let n = if num <= MAX_GROUP_WIDTH {
                    num
                } else {
                    MAX_GROUP_WIDTH + 1
                };
                ctx.need_close = false;
                for (i, sub) in excs.iter().take(n).enumerate() {
                    let last = i == n - 1;
                    if last {
                        ctx.need_close = true;
                    }
                    let truncated = i >= MAX_GROUP_WIDTH;
                    let title = if truncated {
                        "...".to_string()
                    } else {
                        (i + 1).to_string()
                    };
                    out.push_str(&format!(
                        "{}{}+---------------- {title} ----------------\n",
                        ctx.indent(),
                        if i == 0 { "+-" } else { "  " }
                    ));
                    ctx.depth += 1;
                    if !truncated {
                        format_into(out, sub, ctx);
                    } else {
                        let remaining = num - MAX_GROUP_WIDTH;
                        ctx.emit(
                            out,
                            &format!(
                                "and {remaining} more exception{}\n",
                                if remaining > 1 { "s" } else { "" }
                            ),
                            '|',
                        );
                    }
                    if last && ctx.need_close {
                        out.push_str(&format!(
                            "{}+------------------------------------\n",
                            ctx.indent()
                        ));
                        ctx.need_close = false;
                    }
                    ctx.depth -= 1;
                }
                if toplevel {
                    ctx.depth = 0;
                }
            }
        }
    }
}

/// The full text CPython prints for an uncaught exception.
pub fn format_exception(exc: &Value) -> String {
    let mut ctx = Ctx {
        seen: Vec::new(),
        depth: 0,
        need_close: false,
        lines: Lines::default(),
    };
    let mut out = String::new();
    let colour = COLOUR.load(Ordering::Relaxed);
    COLOURING.store(colour, Ordering::Relaxed);
    format_into(&mut out, exc, &mut ctx);
    COLOURING.store(false, Ordering::Relaxed);
    if colour {
        out = colour_locations(&out);
    }
    out
}

/// Whether uncaught exceptions print in colour (Lib/_colorize.py's `can_colorize`, which the
/// `pyrs` binary decides from the terminal and PYTHON_COLORS, NO_COLOR, FORCE_COLOR).
static COLOUR: AtomicBool = AtomicBool::new(false);

/// Set while [`format_exception`] formats in colour.
static COLOURING: AtomicBool = AtomicBool::new(false);

/// Makes [`format_exception`] colour its output as CPython 3.13 colours tracebacks.
pub fn set_colour(on: bool) {
    COLOUR.store(on, Ordering::Relaxed);
}

/// Lib/_colorize.py's ANSIColors.
const RED: &str = "\x1b[31m";
const BOLD_RED: &str = "\x1b[1;31m";
const MAGENTA: &str = "\x1b[35m";
const BOLD_MAGENTA: &str = "\x1b[1;35m";
const RESET: &str = "\x1b[0m";

/// "Type: message" with the type in bold magenta and the message in magenta.
fn colour_exception_line(line: String) -> String {
    if !COLOURING.load(Ordering::Relaxed) {
        return line;
    }
    match line.split_once(": ") {
        Some((name, msg)) => format!("{BOLD_MAGENTA}{name}{RESET}: {MAGENTA}{msg}{RESET}"),
        None => format!("{BOLD_MAGENTA}{line}{RESET}"),
    }
}

/// Colours the `File "…", line N, in NAME` lines (each part in magenta) and the source lines
/// that carets mark: under `~` red, under `^` bold red, carets alike (traceback.py's
/// `format_frame_summary` with `colorize`).
fn colour_locations(text: &str) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let is_carets = |line: &str| {
        let body = line.trim_end_matches('\n');
        body.contains('^') && body.chars().all(|c| matches!(c, ' ' | '~' | '^' | '|'))
    };
    let mut out = String::with_capacity(text.len() * 2);
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if let Some(next) = lines.get(i + 1).filter(|n| is_carets(n)) {
            let (source, carets) =
                colour_carets(line.trim_end_matches('\n'), next.trim_end_matches('\n'));
            out.push_str(&format!("{source}\n{carets}\n"));
            i += 2;
            continue;
        }
        out.push_str(&colour_file_line(line));
        i += 1;
    }
    out
}

fn colour_file_line(line: &str) -> String {
    let Some(at) = line.find("File \"") else {
        return line.to_string();
    };
    if !line[..at].chars().all(|c| matches!(c, ' ' | '|' | '+')) {
        return line.to_string();
    }
    let rest = line[at + 5..].trim_end_matches('\n');
    let Some(comma) = rest.rfind("\", line ") else {
        return line.to_string();
    };
    let file = &rest[..comma + 1];
    let after = &rest[comma + 8..];
    let (lineno, func) = match after.split_once(", in ") {
        Some((n, f)) => (n, Some(f)),
        None => (after, None),
    };
    let mut s = format!(
        "{}File {MAGENTA}{file}{RESET}, line {MAGENTA}{lineno}{RESET}",
        &line[..at]
    );
    if let Some(func) = func {
        s.push_str(&format!(", in {MAGENTA}{func}{RESET}"));
    }
    s.push('\n');
    s
}

/// A source line and the carets under it, coloured by runs of the caret under each
/// character.
fn colour_carets(source: &str, carets: &str) -> (String, String) {
    let src: Vec<char> = source.chars().collect();
    let car: Vec<char> = carets.chars().collect();
    let (mut s_out, mut c_out) = (String::new(), String::new());
    let mut i = 0;
    let n = src.len().max(car.len());
    while i < n {
        let key = car.get(i).copied();
        let mut j = i;
        while j < n && car.get(j).copied() == key {
            j += 1;
        }
        let s_part: String = src.get(i..j.min(src.len())).unwrap_or(&[]).iter().collect();
        let c_part: String = car.get(i..j.min(car.len())).unwrap_or(&[]).iter().collect();
        match key {
            Some('^') => {
                s_out.push_str(&format!("{BOLD_RED}{s_part}{RESET}"));
                c_out.push_str(&format!("{BOLD_RED}{c_part}{RESET}"));
            }
            Some('~') => {
                s_out.push_str(&format!("{RED}{s_part}{RESET}"));
                c_out.push_str(&format!("{RED}{c_part}{RESET}"));
            }
            _ => {
                s_out.push_str(&s_part);
                c_out.push_str(&c_part);
            }
        }
        i = j;
    }
    (s_out, c_out)
}

/// What the default `sys.unraisablehook` writes (Python/errors.c's
/// `write_unraisable_exc_file`): "MESSAGE: repr(obj)", then the traceback as the C printer
/// shows it (source lines without carets, no chained exceptions), then "Type: str".
pub fn format_unraisable(exc: &Value, message: &str, obj: Option<&Value>) -> String {
    let mut out = String::new();
    match obj.filter(|o| !protocol::is_none(o)) {
        Some(o) => {
            let what =
                protocol::repr_string(o).unwrap_or_else(|_| "<object repr() failed>".to_string());
            out.push_str(&format!("{message}: {what}\n"));
        }
        None => out.push_str(&format!("{message}:\n")),
    }
    let es = entries(exc);
    if !es.is_empty() {
        out.push_str("Traceback (most recent call last):\n");
        let mut lines = Lines::default();
        let mut last: Option<(String, u32, String)> = None;
        let mut count = 0usize;
        let repeated = |out: &mut String, count: usize| {
            if count > 3 {
                let n = count - 3;
                out.push_str(&format!(
                    "  [Previous line repeated {n} more time{}]\n",
                    if n > 1 { "s" } else { "" }
                ));
            }
        };
        for e in &es {
            let key = (e.filename.clone(), e.lineno, e.name.clone());
            if last.as_ref() != Some(&key) {
                repeated(&mut out, count);
                last = Some(key);
                count = 0;
            }
            count += 1;
            if count > 3 {
                continue;
            }
            out.push_str(&format!(
                "  File \"{}\", line {}, in {}\n",
                e.filename, e.lineno, e.name
            ));
            if let Some(line) = lines.get(&e.filename, e.lineno) {
                let line = line.trim_start_matches([' ', '\t', '\x0c']).trim_end();
                if !line.is_empty() {
                    out.push_str(&format!("    {line}\n"));
                }
            }
        }
        repeated(&mut out, count);
    }
    out.push_str(&type_name(exc));
    if !protocol::is_none(exc) {
        out.push_str(": ");
        match protocol::str(exc) {
            Ok(s) => out.push_str(&pystr::text_of(&s).unwrap_or_default()),
            Err(_) => out.push_str("<exception str() failed>"),
        }
    }
    out.push('\n');
    out
}
