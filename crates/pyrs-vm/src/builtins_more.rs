//! The rest of the built-in functions (the numeric, iteration and code-execution builtins of
//! CPython's Python/bltinmodule.c).

use std::io::Write;
use std::sync::Arc;

use pyrs_compiler::{Mode, Source};
use pyrs_objects::dict::DictData;
use pyrs_objects::native::new_function;
use pyrs_objects::typeobject::{BinOp, CompareOp};
use pyrs_objects::{
    float, int, list, protocol, str as pystr, types, Args, ExcKind, PyErr, PyResult, Value,
};

/// `exit`, `quit`, `help`, `copyright`, `credits` and `license` are not here: as in CPython,
/// `site` adds them to the builtins at start-up (Lib/_sitebuiltins.py), and `-S` goes without.
const FUNCTIONS: &[(&str, pyrs_objects::native::NativeFn)] = &[
    ("all", all),
    ("any", any),
    ("bin", bin),
    ("oct", oct),
    ("hex", hex),
    ("divmod", divmod),
    ("pow", pow),
    ("round", round),
    ("sum", sum),
    ("min", min),
    ("max", max),
    ("sorted", sorted),
    ("input", input),
    ("exec", exec),
    ("eval", eval),
    ("compile", compile),
    ("breakpoint", breakpoint),
    ("aiter", aiter),
    ("anext", anext),
];

/// Adds this module's functions to the builtins namespace.
pub(crate) fn register(d: &DictData) {
    for (name, f) in FUNCTIONS {
        d.set_str(name, new_function(name, *f));
    }
    d.set_str("__debug__", pyrs_objects::bool(true));
}

/// `iter(callable, sentinel)`.
pub(crate) fn callable_iterator(callable: Value, sentinel: Value) -> PyResult<Value> {
    if !protocol::is_callable(&callable) {
        return Err(PyErr::type_error("iter(v, w): v must be callable"));
    }
    Ok(pyrs_objects::iter::callable_iter(callable, sentinel))
}

/// `ord()` of a bytes-like object.
pub(crate) fn ord_bytes(v: &Value) -> PyResult<Value> {
    let bytes = pyrs_objects::bytes::as_bytes_like(v);
    if let Some(b) = bytes {
        if b.len() == 1 {
            return Ok(int::from_i64(b[0] as i64));
        }
        return Err(PyErr::type_error(format!(
            "ord() expected a character, but string of length {} found",
            b.len()
        )));
    }
    Err(PyErr::type_error(format!(
        "ord() expected string of length 1, but {} found",
        v.type_data().name()
    )))
}

fn all(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("all", 1, 1)?;
    let it = protocol::iter(&a[0])?;
    while let Some(v) = protocol::next(&it)? {
        if !protocol::is_true(&v)? {
            return Ok(pyrs_objects::bool(false));
        }
    }
    Ok(pyrs_objects::bool(true))
}

fn any(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("any", 1, 1)?;
    let it = protocol::iter(&a[0])?;
    while let Some(v) = protocol::next(&it)? {
        if protocol::is_true(&v)? {
            return Ok(pyrs_objects::bool(true));
        }
    }
    Ok(pyrs_objects::bool(false))
}

fn radix_text(name: &str, args: Args<'_>, radix: u32, prefix: &str) -> PyResult<Value> {
    let a = args.exact(name, 1, 1)?;
    let n = protocol::index(&a[0])?;
    let big = int::as_int(&n)
        .map(|i| i.to_bigint())
        .ok_or_else(|| PyErr::type_error("index() returned non-int"))?;
    let text = big.to_str_radix(radix);
    let (sign, digits) = match text.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", text.as_str()),
    };
    Ok(pystr::new(&format!("{sign}{prefix}{digits}")))
}

fn bin(args: Args<'_>) -> PyResult<Value> {
    radix_text("bin", args, 2, "0b")
}

fn oct(args: Args<'_>) -> PyResult<Value> {
    radix_text("oct", args, 8, "0o")
}

fn hex(args: Args<'_>) -> PyResult<Value> {
    radix_text("hex", args, 16, "0x")
}

fn divmod(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("divmod", 2, 2)?;
    protocol::divmod(&a[0], &a[1])
}

fn pow(args: Args<'_>) -> PyResult<Value> {
    let [base, exp, modulus] = args.bind("pow", ["base", "exp", "mod"], 2, 0, 3)?;
    let (base, exp) = (base.expect("bound"), exp.expect("bound"));
    let modulus = modulus.filter(|m| !protocol::is_none(m));
    protocol::power(&base, &exp, modulus.as_ref())
}

fn round(args: Args<'_>) -> PyResult<Value> {
    let [number, ndigits] = args.bind("round", ["number", "ndigits"], 1, 0, 2)?;
    let number = number.expect("bound");
    let ndigits = ndigits.filter(|n| !protocol::is_none(n));
    protocol::round(&number, ndigits.as_ref())
}

/// One step of Neumaier's compensated summation, as CPython's `sum()` of floats does.
fn add_compensated(f: &mut f64, c: &mut f64, x: f64) {
    let t = *f + x;
    if f.abs() >= x.abs() {
        *c += (*f - t) + x;
    } else {
        *c += (x - t) + *f;
    }
    *f = t;
}

fn finish_float(f: f64, c: f64) -> Value {
    if c != 0.0 && c.is_finite() {
        float::new(f + c)
    } else {
        float::new(f)
    }
}

fn sum(args: Args<'_>) -> PyResult<Value> {
    let [iterable, start] = args.bind("sum", ["iterable", "start"], 1, 1, 2)?;
    let iterable = iterable.expect("bound");
    let mut result = match start {
        None => int::from_i64(0),
        Some(s) => {
            if s.downcast::<pystr::StrData>().is_some() {
                return Err(PyErr::type_error(
                    "sum() can't sum strings [use ''.join(seq) instead]",
                ));
            }
            if protocol::type_check(&s, pyrs_objects::bytes::bytes_type()) {
                return Err(PyErr::type_error(
                    "sum() can't sum bytes [use b''.join(seq) instead]",
                ));
            }
            if protocol::type_check(&s, pyrs_objects::bytearray::bytearray_type()) {
                return Err(PyErr::type_error(
                    "sum() can't sum bytearray [use b''.join(seq) instead]",
                ));
            }
            s
        }
    };
    let it = protocol::iter(&iterable)?;
    // While the running total is an exact float, it is kept as `f + c` (compensated).
    let mut acc: Option<(f64, f64)> = None;
    if result.is_exact(&types().float) {
        acc = Some((float::as_f64(&result).unwrap_or(0.0), 0.0));
    }
    while let Some(item) = protocol::next(&it)? {
        if let Some((f, c)) = acc.as_mut() {
            if item.is_exact(&types().float) {
                add_compensated(f, c, float::as_f64(&item).unwrap_or(0.0));
                continue;
            }
            if item.is_exact(&types().int) || item.is_exact(&types().bool) {
                if let Some(i) = int::as_i64(&item) {
                    add_compensated(f, c, i as f64);
                    continue;
                }
            }
            result = finish_float(*f, *c);
            acc = None;
        }
        result = protocol::binary_op(&result, &item, BinOp::Add)?;
        if result.is_exact(&types().float) {
            acc = Some((float::as_f64(&result).unwrap_or(0.0), 0.0));
        }
    }
    if let Some((f, c)) = acc {
        return Ok(finish_float(f, c));
    }
    Ok(result)
}

fn min_max(args: Args<'_>, name: &str, op: CompareOp) -> PyResult<Value> {
    let mut key = None;
    let mut default = None;
    for (k, v) in args.kwargs() {
        match pystr::text_of(k).as_deref() {
            Some("key") => key = Some(v.clone()).filter(|k| !protocol::is_none(k)),
            Some("default") => default = Some(v.clone()),
            Some(other) => {
                return Err(pyrs_objects::args::unexpected_keyword(
                    name,
                    other,
                    ["key", "default"],
                ))
            }
            None => return Err(PyErr::type_error("keywords must be strings")),
        }
    }
    let pos = args.pos();
    let items: Vec<Value>;
    let it = match pos.len() {
        0 => {
            return Err(PyErr::type_error(format!(
                "{name} expected at least 1 argument, got 0"
            )))
        }
        1 => protocol::iter(&pos[0])?,
        _ => {
            if default.is_some() {
                return Err(PyErr::type_error(format!(
                    "Cannot specify a default for {name}() with multiple positional arguments"
                )));
            }
            items = pos.to_vec();
            protocol::iter(&list::new(items))?
        }
    };
    let mut best: Option<(Value, Value)> = None;
    while let Some(item) = protocol::next(&it)? {
        let k = match &key {
            Some(f) => protocol::call1(f, std::slice::from_ref(&item))?,
            None => item.clone(),
        };
        match &best {
            None => best = Some((item, k)),
            Some((_, bk)) => {
                if protocol::rich_compare_bool(&k, bk, op)? {
                    best = Some((item, k));
                }
            }
        }
    }
    match best {
        Some((item, _)) => Ok(item),
        None => default.ok_or_else(|| {
            PyErr::new(
                ExcKind::ValueError,
                format!("{name}() iterable argument is empty"),
            )
        }),
    }
}

fn min(args: Args<'_>) -> PyResult<Value> {
    min_max(args, "min", CompareOp::Lt)
}

fn max(args: Args<'_>) -> PyResult<Value> {
    min_max(args, "max", CompareOp::Gt)
}

fn sorted(args: Args<'_>) -> PyResult<Value> {
    let pos = args.pos();
    if pos.len() != 1 {
        return Err(PyErr::type_error(format!(
            "sorted expected 1 argument, got {}",
            pos.len()
        )));
    }
    let mut key = None;
    let mut reverse = false;
    for (k, v) in args.kwargs() {
        match pystr::text_of(k).as_deref() {
            Some("key") => key = Some(v.clone()).filter(|k| !protocol::is_none(k)),
            Some("reverse") => reverse = protocol::is_true(v)?,
            Some(other) => {
                return Err(pyrs_objects::args::unexpected_keyword(
                    "sort",
                    other,
                    ["key", "reverse"],
                ))
            }
            None => return Err(PyErr::type_error("keywords must be strings")),
        }
    }
    let l = list::new(protocol::collect(&pos[0])?);
    list::sort(&l, key.as_ref(), reverse)?;
    Ok(l)
}

/// `input([prompt])`, as CPython's builtin_input: when `sys.stdin` and `sys.stdout` are the
/// process's own standard input and output and both are terminals, the line is read from the
/// terminal (the prompt, encoded as standard output encodes, on standard error as
/// PyOS_Readline writes it) and decoded with standard input's encoding and error handler;
/// otherwise the prompt goes through `sys.stdout.write` and the line comes from
/// `sys.stdin.readline()`.
fn input(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("input", 0, 1)?;
    let prompt = a.first();
    let stream = |name: &str| match crate::sys::get(name) {
        Some(s) if !protocol::is_none(&s) => Ok(s),
        _ => Err(PyErr::runtime_error(format!("input(): lost sys.{name}"))),
    };
    let (fin, fout, ferr) = (stream("stdin")?, stream("stdout")?, stream("stderr")?);
    // First of all, standard error is flushed (an error doing so is ignored).
    let _ = protocol::call_method(&ferr, "flush", &[]);
    if is_console(&fin, 0)? && is_console(&fout, 1)? {
        if let Some(line) = terminal_input(&fin, &fout, prompt)? {
            return Ok(line);
        }
    }
    if let Some(p) = prompt {
        protocol::call_method(&fout, "write", &[protocol::str(p)?])?;
    }
    let _ = protocol::call_method(&fout, "flush", &[]);
    let line = protocol::call_method(&fin, "readline", &[])?;
    let stripped = |len: usize, last: Option<u32>| {
        if len == 0 {
            Err(PyErr::new(ExcKind::EOFError, "EOF when reading a line"))
        } else {
            Ok(last == Some(u32::from(b'\n')))
        }
    };
    if let Some(text) = line.downcast::<pystr::StrData>() {
        let len = text.char_len();
        if stripped(len, text.as_bytes().last().map(|&b| u32::from(b)))? {
            return Ok(pystr::from_data(text.substring(0, len - 1)));
        }
        return Ok(line);
    }
    if let Some(bytes) = line.downcast::<pyrs_objects::bytes::BytesData>() {
        let data = bytes.as_bytes();
        if stripped(data.len(), data.last().map(|&b| u32::from(b)))? {
            return Ok(pyrs_objects::bytes::new(data[..data.len() - 1].to_vec()));
        }
        return Ok(line);
    }
    Err(PyErr::type_error("object.readline() returned non-string"))
}

/// Whether `stream.fileno()` is the process's descriptor `fd` and a terminal (a stream
/// without a working `fileno` is not).
fn is_console(stream: &Value, fd: i32) -> PyResult<bool> {
    let Ok(n) = protocol::call_method(stream, "fileno", &[]) else {
        return Ok(false);
    };
    let Some(n) = int::as_i64(&n) else {
        return Ok(false);
    };
    // SAFETY: isatty only inspects the descriptor.
    Ok(n == i64::from(fd) && unsafe { libc::isatty(fd) } == 1)
}

/// input()'s terminal path (CPython's PyOS_Readline): None when a stream's `encoding` or
/// `errors` is missing or not a str, and the generic path applies.
fn terminal_input(fin: &Value, fout: &Value, prompt: Option<&Value>) -> PyResult<Option<Value>> {
    let text_attr = |stream: &Value, name: &str| {
        protocol::getattr_str(stream, name)
            .ok()
            .filter(|v| v.downcast::<pystr::StrData>().is_some())
    };
    let (Some(in_encoding), Some(in_errors)) =
        (text_attr(fin, "encoding"), text_attr(fin, "errors"))
    else {
        return Ok(None);
    };
    let _ = protocol::call_method(fout, "flush", &[]);
    let prompt = match prompt {
        Some(p) => {
            let (Some(encoding), Some(errors)) =
                (text_attr(fout, "encoding"), text_attr(fout, "errors"))
            else {
                return Ok(None);
            };
            let text = protocol::str(p)?;
            let bytes = protocol::call_method(&text, "encode", &[encoding, errors])?;
            pyrs_objects::bytes::as_bytes_like(&bytes).unwrap_or_default()
        }
        None => Vec::new(),
    };
    crate::sys::flush_stdout();
    let _ = std::io::stderr().write_all(&prompt);
    let _ = std::io::stderr().flush();
    let mut line = read_terminal_line()?;
    if line.is_empty() {
        return Err(PyErr::with_args(ExcKind::EOFError, Vec::new()));
    }
    line.pop();
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    let bytes = pyrs_objects::bytes::new(line);
    protocol::call_method(&bytes, "decode", &[in_encoding, in_errors]).map(Some)
}

/// One line from the terminal on descriptor 0, newline included (empty at end of file), read
/// a byte at a time so that nothing after the line is taken from the terminal. A signal that
/// interrupts the wait runs its handler (Ctrl-C raises KeyboardInterrupt here).
fn read_terminal_line() -> PyResult<Vec<u8>> {
    let mut line = Vec::new();
    loop {
        let mut byte = 0u8;
        // SAFETY: reading at most one byte into a live local.
        let n = unsafe { libc::read(0, (&mut byte as *mut u8).cast(), 1) };
        match n {
            1 => {
                line.push(byte);
                if byte == b'\n' {
                    return Ok(line);
                }
            }
            0 => {
                // End of file: what was typed before it is the line, as fgets gives it.
                if !line.is_empty() {
                    line.push(b'\n');
                }
                return Ok(line);
            }
            _ => {
                let err = std::io::Error::last_os_error();
                if err.kind() != std::io::ErrorKind::Interrupted {
                    return Err(PyErr::new(ExcKind::OSError, err.to_string()));
                }
                crate::signals::check()?;
            }
        }
    }
}

/// `breakpoint(*args, **kws)`: `sys.breakpointhook(*args, **kws)`.
fn breakpoint(args: Args<'_>) -> PyResult<Value> {
    let hook = crate::sys::get("breakpointhook")
        .ok_or_else(|| PyErr::runtime_error("lost sys.breakpointhook"))?;
    protocol::call(&hook, args)
}

fn aiter(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("aiter", 1, 1)?;
    let Some(f) = protocol::lookup_special(&a[0], "__aiter__")? else {
        return Err(PyErr::type_error(format!(
            "'{}' object is not an async iterable",
            a[0].type_data().name()
        )));
    };
    let it = protocol::call1(&f, &[])?;
    if protocol::lookup_special(&it, "__anext__")?.is_none() {
        return Err(PyErr::type_error(format!(
            "aiter() returned not an async iterator of type '{}'",
            it.type_data().name()
        )));
    }
    Ok(it)
}

fn anext(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("anext", 1, 2)?;
    let Some(f) = protocol::lookup_special(&a[0], "__anext__")? else {
        return Err(PyErr::type_error(format!(
            "'{}' object is not an async iterator",
            a[0].type_data().name()
        )));
    };
    let awaitable = protocol::call1(&f, &[])?;
    Ok(match a.get(1) {
        Some(default) => crate::async_gen::new_anext_awaitable(awaitable, default.clone()),
        None => awaitable,
    })
}

/// Compiles source text (a `str`) to a code object.
pub(crate) fn compile_text(source: &str, filename: &str, mode: Mode) -> PyResult<Value> {
    let (code, warnings) =
        pyrs_compiler::compile_with_warnings(Source::Text(source), filename, mode, 0);
    crate::warnings::emit_compiler_warnings(&warnings, filename)?;
    let code = code.map_err(|e| crate::syntax_error(&e, filename))?;
    Ok(crate::code::new_code(Arc::new(code)))
}

fn is_code(v: &Value) -> bool {
    v.downcast::<crate::code::CodeData>().is_some()
}

/// Compiles `exec`/`eval`'s or `compile`'s source argument.
fn source_to_code(
    func: &str,
    source: &Value,
    filename: &str,
    mode: Mode,
    strip: bool,
) -> PyResult<Value> {
    if let Some(s) = source.downcast::<pystr::StrData>() {
        let text = s.to_string_lossy();
        if text.contains('\0') {
            return Err(PyErr::new(
                ExcKind::SyntaxError,
                "source code string cannot contain null bytes",
            ));
        }
        let text = if strip {
            text.trim_start_matches([' ', '\t'])
        } else {
            &text
        };
        return compile_text(text, filename, mode);
    }
    if let Some(b) = pyrs_objects::bytes::as_bytes_like(source) {
        if b.contains(&0) {
            return Err(PyErr::new(
                ExcKind::SyntaxError,
                "source code string cannot contain null bytes",
            ));
        }
        let mut start = 0;
        if strip {
            while start < b.len() && (b[start] == b' ' || b[start] == b'\t') {
                start += 1;
            }
        }
        return crate::compile_source(&b[start..], filename, mode);
    }
    let what = match func {
        "compile" => "compile() arg 1",
        "exec" => "exec() arg 1",
        _ => "eval() arg 1",
    };
    let extra = if func == "compile" {
        ", bytes or AST object"
    } else {
        ", bytes or code object"
    };
    Err(PyErr::type_error(format!("{what} must be a string{extra}")))
}

/// Resolves `exec`/`eval`'s globals and locals the way CPython does.
fn namespaces(
    func: &str,
    globals: Option<Value>,
    locals: Option<Value>,
) -> PyResult<(Value, Option<Value>)> {
    let globals = globals.filter(|g| !protocol::is_none(g));
    let locals = locals.filter(|l| !protocol::is_none(l));
    if let Some(g) = &globals {
        if g.downcast::<DictData>().is_none() {
            return Err(PyErr::type_error(if func == "exec" {
                format!(
                    "exec() globals must be a dict, not {}",
                    g.type_data().name()
                )
            } else if protocol::lookup_special(g, "__getitem__")?.is_some() {
                "globals must be a real dict; try eval(expr, {}, mapping)".to_string()
            } else {
                "globals must be a dict".to_string()
            }));
        }
    }
    if let Some(l) = &locals {
        if protocol::lookup_special(l, "__getitem__")?.is_none() {
            return Err(PyErr::type_error(if func == "exec" {
                format!(
                    "locals must be a mapping or None, not {}",
                    l.type_data().name()
                )
            } else {
                "locals must be a mapping".to_string()
            }));
        }
    }
    let (globals, locals) = match globals {
        Some(g) => {
            let l = locals.unwrap_or_else(|| g.clone());
            (g, l)
        }
        None => {
            let frame = crate::frame::current()
                .ok_or_else(|| PyErr::system_error("globals and locals cannot be NULL"))?;
            let l = match locals {
                Some(l) => l,
                None => crate::builtins::frame_locals(frame),
            };
            (frame.globals.clone(), l)
        }
    };
    let gd = globals.downcast::<DictData>().expect("dict");
    let key = pystr::intern("__builtins__");
    if gd.get_str(&key).is_none() {
        gd.set_item(key, crate::builtins::builtins_module().clone())?;
    }
    Ok((globals, Some(locals)))
}

fn exec(args: Args<'_>) -> PyResult<Value> {
    let [source, globals, locals, _closure] =
        args.bind("exec", ["source", "globals", "locals", "closure"], 1, 1, 3)?;
    let source = source.expect("bound");
    let (globals, locals) = namespaces("exec", globals, locals)?;
    let code = if is_code(&source) {
        source
    } else {
        source_to_code("exec", &source, "<string>", Mode::Exec, false)?
    };
    crate::run_code(code, globals, locals)?;
    Ok(pyrs_objects::none())
}

fn eval(args: Args<'_>) -> PyResult<Value> {
    let [source, globals, locals] = args.bind("eval", ["source", "globals", "locals"], 1, 1, 3)?;
    let source = source.expect("bound");
    let (globals, locals) = namespaces("eval", globals, locals)?;
    let code = if is_code(&source) {
        source
    } else {
        source_to_code("eval", &source, "<string>", Mode::Eval, true)?
    };
    crate::run_code(code, globals, locals)
}

fn compile(args: Args<'_>) -> PyResult<Value> {
    let [source, filename, mode, flags, _dont_inherit, _optimize, _feature] = args.bind(
        "compile",
        [
            "source",
            "filename",
            "mode",
            "flags",
            "dont_inherit",
            "optimize",
            "_feature_version",
        ],
        3,
        0,
        6,
    )?;
    let source = source.expect("bound");
    let filename = filename.expect("bound");
    let mode = mode.expect("bound");
    let filename = match pystr::text_of(&filename) {
        Some(f) => f,
        None => match pyrs_objects::bytes::as_bytes_like(&filename) {
            Some(b) => String::from_utf8_lossy(&b).into_owned(),
            None => {
                let p = protocol::call_method(&filename, "__fspath__", &[]).map_err(|_| {
                    PyErr::type_error(format!(
                        "expected str, bytes or os.PathLike object, not {}",
                        filename.type_data().name()
                    ))
                })?;
                pystr::text_of(&p).unwrap_or_default()
            }
        },
    };
    // `PyCF_ONLY_AST` also admits `func_type`, the mode of function type comments.
    let only_ast = flags
        .as_ref()
        .is_some_and(|f| int::as_i64(f).unwrap_or(0) & 0x400 != 0);
    let mode = match pystr::text_of(&mode).as_deref() {
        Some("exec") => Mode::Exec,
        Some("eval") => Mode::Eval,
        Some("single") => Mode::Single,
        Some("func_type") if only_ast => Mode::FuncType,
        Some("func_type") => {
            return Err(PyErr::new(
                ExcKind::ValueError,
                "compile() mode 'func_type' requires flag PyCF_ONLY_AST",
            ))
        }
        Some(_) if only_ast => {
            return Err(PyErr::new(
                ExcKind::ValueError,
                "compile() mode must be 'exec', 'eval', 'single' or 'func_type'",
            ))
        }
        Some(_) => {
            return Err(PyErr::new(
                ExcKind::ValueError,
                "compile() mode must be 'exec', 'eval' or 'single'",
            ))
        }
        None => {
            return Err(PyErr::type_error(format!(
                "compile() argument 'mode' must be str, not {}",
                mode.type_data().name()
            )))
        }
    };
    if let Some(f) = &flags {
        let bits = int::as_i64(f).unwrap_or(0);
        if bits & 0x400 != 0 {
            return match crate::native_modules::only_ast() {
                Some(hook) => hook(&source, &filename, mode, bits),
                None => Err(PyErr::not_implemented("compile() with PyCF_ONLY_AST")),
            };
        }
    }
    if is_code(&source) {
        return Ok(source);
    }
    source_to_code("compile", &source, &filename, mode, false)
}
