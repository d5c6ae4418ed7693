//! The `sys` module (CPython's Python/sysmodule.c), as much as programs and the import system
//! need: `argv`, `path`, `modules`, `exit`, the standard streams, version information and the
//! recursion limit; and the buffered standard output the interpreter writes through.

use std::cell::RefCell;
use std::io::{IsTerminal, Write};
use std::sync::OnceLock;

use pyrs_objects::dict::DictData;
use pyrs_objects::native::{new_function, MethodDef, MethodKind};
use pyrs_objects::object::Payload;
use pyrs_objects::typeobject::TypeBuilder;
use pyrs_objects::{
    dict, int, list, protocol, str as pystr, tuple, Args, ExcKind, PyErr, PyResult, SyncCell, Value,
};

struct Sys {
    module: Value,
    modules: Value,
}

static SYS: OnceLock<SyncCell<Sys>> = OnceLock::new();

static STDOUT: SyncCell<RefCell<Vec<u8>>> = SyncCell(RefCell::new(Vec::new()));

fn state() -> &'static Sys {
    &SYS.get_or_init(|| SyncCell(make())).0
}

/// The `sys` module.
pub fn sys_module() -> &'static Value {
    &state().module
}

/// `sys.modules`.
pub fn modules() -> &'static Value {
    &state().modules
}

/// `sys.modules` as a dict.
pub fn modules_dict() -> &'static DictData {
    state()
        .modules
        .downcast::<DictData>()
        .expect("sys.modules is a dict")
}

fn sys_dict() -> &'static DictData {
    sys_module()
        .downcast::<pyrs_objects::module::ModuleData>()
        .expect("module")
        .dict()
}

/// `sys.NAME`, if set.
pub fn get(name: &str) -> Option<Value> {
    sys_dict().get_str(&pystr::intern(name))
}

/// Sets `sys.NAME`.
pub fn set(name: &str, value: Value) {
    sys_dict().set_str(name, value);
}

/// The text to write for a str on a UTF-8 stream with strict errors: lone surrogates are
/// an error, as in CPython.
pub fn encode_for_output(s: &pystr::StrData) -> PyResult<String> {
    match s.as_str() {
        Some(t) => Ok(t.to_string()),
        None => {
            let (pos, cp) = s
                .code_points()
                .enumerate()
                .find(|(_, cp)| (0xD800..=0xDFFF).contains(cp))
                .unwrap_or((0, 0));
            Err(PyErr::new(
                ExcKind::UnicodeEncodeError,
                format!(
                    "'utf-8' codec can't encode character '\\u{cp:04x}' in position {pos}: surrogates not allowed"
                ),
            ))
        }
    }
}

/// Writes to standard output: through `sys.stdout` when a program replaced it, else into the
/// interpreter's buffer (flushed at exit, when large, and per line on a terminal).
pub fn write_stdout(text: &str) -> PyResult<()> {
    if let Some(out) = get("stdout") {
        if out.downcast::<StreamData>().is_none() {
            let write = protocol::getattr(&out, &pystr::intern("write"))?;
            protocol::call1(&write, &[pystr::new(text)])?;
            return Ok(());
        }
    }
    let mut buf = STDOUT.0.borrow_mut();
    buf.extend_from_slice(text.as_bytes());
    if buf.len() > 1 << 16 || (text.contains('\n') && std::io::stdout().is_terminal()) {
        let _ = std::io::stdout().write_all(&buf);
        buf.clear();
    }
    Ok(())
}

/// Flushes buffered standard output.
pub fn flush_stdout() {
    let mut buf = STDOUT.0.borrow_mut();
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(&buf);
    let _ = out.flush();
    buf.clear();
}

/// Writes to standard error (unbuffered, after flushing nothing: CPython's stderr is line
/// buffered and independent of stdout).
pub fn write_stderr(text: &str) {
    if let Some(err) = get("stderr") {
        if err.downcast::<StreamData>().is_none() {
            if let Ok(write) = protocol::getattr(&err, &pystr::intern("write")) {
                if protocol::call1(&write, &[pystr::new(text)]).is_ok() {
                    return;
                }
            }
        }
    }
    let _ = std::io::stderr().write_all(text.as_bytes());
}

/// The payload of the standard stream objects.
pub struct StreamData {
    fd: u8,
}

impl Payload for StreamData {}

fn stream_type() -> &'static Value {
    static T: OnceLock<SyncCell<Value>> = OnceLock::new();
    &T.get_or_init(|| {
        SyncCell(
            TypeBuilder::new::<StreamData>("TextIOWrapper")
                .module("_io")
                .methods(STREAM_METHODS)
                .build(),
        )
    })
    .0
}

fn stream_write(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("write", 2, 2)?;
    let s = a[1].downcast::<pystr::StrData>().ok_or_else(|| {
        PyErr::type_error(format!(
            "write() argument must be str, not {}",
            a[1].type_data().name()
        ))
    })?;
    let text = encode_for_output(s)?;
    let fd = a[0].downcast::<StreamData>().map_or(1, |d| d.fd);
    if fd == 2 {
        let _ = std::io::stderr().write_all(text.as_bytes());
    } else {
        let mut buf = STDOUT.0.borrow_mut();
        buf.extend_from_slice(text.as_bytes());
    }
    Ok(int::from_usize(s.char_len()))
}

fn stream_flush(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("flush", 1, 1)?;
    if a[0].downcast::<StreamData>().map_or(1, |d| d.fd) == 1 {
        flush_stdout();
    }
    Ok(pyrs_objects::none())
}

fn stream_readline(_args: Args<'_>) -> PyResult<Value> {
    let mut line = String::new();
    let _ = std::io::stdin().read_line(&mut line);
    Ok(pystr::new(&line))
}

fn stream_isatty(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("isatty", 1, 1)?;
    let tty = match a[0].downcast::<StreamData>().map_or(1, |d| d.fd) {
        0 => std::io::stdin().is_terminal(),
        2 => std::io::stderr().is_terminal(),
        _ => std::io::stdout().is_terminal(),
    };
    Ok(pyrs_objects::bool(tty))
}

fn stream_fileno(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("fileno", 1, 1)?;
    Ok(int::from_i64(
        a[0].downcast::<StreamData>().map_or(1, |d| d.fd) as i64,
    ))
}

fn stream_encoding(_v: &Value) -> PyResult<Value> {
    Ok(pystr::intern("utf-8"))
}

const STREAM_METHODS: &[MethodDef] = &[
    MethodDef::new("write", MethodKind::Method(stream_write)),
    MethodDef::new("flush", MethodKind::Method(stream_flush)),
    MethodDef::new("readline", MethodKind::Method(stream_readline)),
    MethodDef::new("isatty", MethodKind::Method(stream_isatty)),
    MethodDef::new("fileno", MethodKind::Method(stream_fileno)),
    MethodDef::new("encoding", MethodKind::GetSet(stream_encoding, None)),
];

fn make() -> Sys {
    let module = pyrs_objects::module::new_module("sys");
    let modules = dict::new();
    let d = module
        .downcast::<pyrs_objects::module::ModuleData>()
        .expect("module")
        .dict();
    d.set_str("modules", modules.clone());
    d.set_str("argv", list::new(vec![]));
    d.set_str("path", list::new(vec![]));
    d.set_str("maxsize", int::from_i64(i64::MAX));
    d.set_str("byteorder", pystr::intern("little"));
    d.set_str("platform", pystr::intern("linux"));
    d.set_str("version", pystr::new("3.13.0 (pyrs)"));
    d.set_str(
        "version_info",
        tuple::new(vec![
            Value::small(3),
            Value::small(13),
            Value::small(0),
            pystr::intern("final"),
            Value::small(0),
        ]),
    );
    d.set_str("hexversion", int::from_i64(0x030d00f0));
    d.set_str("maxunicode", int::from_i64(0x10ffff));
    d.set_str("dont_write_bytecode", pyrs_objects::bool(true));
    let implementation = pyrs_objects::module::new_module("implementation");
    if let Some(m) = implementation.downcast::<pyrs_objects::module::ModuleData>() {
        m.dict().set_str("name", pystr::intern("pyrs"));
        m.dict().set_str("cache_tag", pyrs_objects::none());
    }
    d.set_str("implementation", implementation);
    for (name, fd) in [("stdin", 0u8), ("stdout", 1), ("stderr", 2)] {
        let s = pyrs_objects::object::alloc(stream_type(), StreamData { fd });
        d.set_str(name, s.clone());
        d.set_str(&format!("__{name}__"), s);
    }
    for (name, f) in FUNCTIONS {
        d.set_str(name, new_function(name, *f));
    }
    Sys { module, modules }
}

const FUNCTIONS: &[(&str, pyrs_objects::native::NativeFn)] = &[
    ("exit", exit),
    ("getrecursionlimit", getrecursionlimit),
    ("setrecursionlimit", setrecursionlimit),
    ("exception", exception),
    ("exc_info", exc_info),
    ("intern", intern),
    ("getrefcount", getrefcount),
    ("_getframe", getframe),
];

fn exit(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("exit", 0, 1)?;
    Err(PyErr::with_args(ExcKind::SystemExit, a.to_vec()))
}

fn getrecursionlimit(args: Args<'_>) -> PyResult<Value> {
    args.exact("getrecursionlimit", 0, 0)?;
    Ok(int::from_i64(protocol::recursion_limit() as i64))
}

fn setrecursionlimit(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("setrecursionlimit", 1, 1)?;
    if int::as_int(&a[0]).is_none() {
        return Err(PyErr::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            a[0].type_data().name()
        )));
    }
    let n = int::as_i64(&a[0]).unwrap_or(i64::MAX);
    if n < 1 {
        return Err(PyErr::value_error(
            "recursion limit must be greater or equal than 1",
        ));
    }
    let depth = protocol::recursion_depth() as i64;
    if n <= depth {
        return Err(PyErr::recursion_error(format!(
            "cannot set the recursion limit to {n} at the recursion depth {depth}: the limit is too low"
        )));
    }
    protocol::set_recursion_limit(n.min(u32::MAX as i64) as u32);
    Ok(pyrs_objects::none())
}

fn exception(args: Args<'_>) -> PyResult<Value> {
    args.exact("exception", 0, 0)?;
    Ok(crate::exc::handled().unwrap_or_else(pyrs_objects::none))
}

fn exc_info(args: Args<'_>) -> PyResult<Value> {
    args.exact("exc_info", 0, 0)?;
    Ok(match crate::exc::handled() {
        Some(e) => {
            let tb = protocol::getattr(&e, &pystr::intern("__traceback__"))?;
            tuple::new(vec![e.class().clone(), e, tb])
        }
        None => tuple::new(vec![
            pyrs_objects::none(),
            pyrs_objects::none(),
            pyrs_objects::none(),
        ]),
    })
}

fn intern(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("intern", 1, 1)?;
    Ok(pystr::intern_value(&a[0]))
}

fn getrefcount(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("getrefcount", 1, 1)?;
    Ok(int::from_usize(a[0].refcount()))
}

/// `sys._getframe(depth=0)`: the frame `depth` calls below the running one.
fn getframe(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("_getframe", 0, 1)?;
    let mut depth = match a.first() {
        Some(d) => protocol::index_isize(d, true)?,
        None => 0,
    };
    let mut frame = crate::frame::current();
    while depth > 0 {
        // SAFETY: a running frame's `back` is a frame still running below it (or null).
        frame = frame.and_then(|f| unsafe { f.back.as_ref() });
        depth -= 1;
    }
    match frame {
        Some(f) => Ok(crate::exc::frame_object(f)),
        None => Err(PyErr::value_error("call stack is not deep enough")),
    }
}
