//! The `sys` module (CPython's Python/sysmodule.c), as much as programs and the import system
//! need: `argv`, `path`, `modules`, `exit`, the standard streams, version information and the
//! recursion limit; and the buffered standard output the interpreter writes through.

use std::cell::RefCell;
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;

use pyrs_objects::dict::DictData;
use pyrs_objects::native::{new_function, MethodDef, MethodKind};
use pyrs_objects::object::Payload;
use pyrs_objects::typeobject::TypeBuilder;
use pyrs_objects::{
    dict, int, list, protocol, str as pystr, structseq, tuple, Args, ExcKind, PyErr, PyResult,
    SyncCell, Value,
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

/// The standard streams' encoding and error handler (`PyConfig.stdio_encoding` and
/// `stdio_errors`; standard error always uses `backslashreplace`).
struct StdioCodec {
    encoding: Value,
    errors: Value,
    /// UTF-8 with an error handler that never sees a code point UTF-8 cannot encode but a
    /// surrogate: text without surrogates is written as it is.
    utf8: bool,
}

static STDIO: SyncCell<RefCell<Option<StdioCodec>>> = SyncCell(RefCell::new(None));

/// Sets the standard streams' encoding (a codec name, made canonical through
/// `codecs.lookup` as CPython's `init_stdio_encoding` does: `latin-1` reads `iso8859-1`)
/// and the error handler of `sys.stdin` and `sys.stdout`. A LookupError for an unknown
/// codec is for the caller to report.
pub fn set_stdio_encoding(encoding: &str, errors: &str) -> PyResult<()> {
    let codecs = crate::import::import_absolute("_codecs")?;
    let lookup = protocol::getattr_str(&codecs, "lookup")?;
    let info = protocol::call1(&lookup, &[pystr::new(encoding)])?;
    let name = protocol::getattr_str(&info, "name")?;
    let utf8 = pystr::text_of(&name).as_deref() == Some("utf-8");
    *STDIO.0.borrow_mut() = Some(StdioCodec {
        encoding: name,
        errors: pystr::new(errors),
        utf8,
    });
    Ok(())
}

/// Makes `sys.stdin` (and `sys.__stdin__`) what CPython's `create_stdio` makes of
/// descriptor 0: an `io.TextIOWrapper` over `io.open(0, 'rb', closefd=False)` (its raw file
/// named `<stdin>`), reading with the standard streams' encoding and error handler, lines
/// split at `\n` only, line-buffered on a terminal, `mode` 'r'; None when descriptor 0 is
/// not open. `unbuffered` is `-u` (write-through). Call after [`set_stdio_encoding`].
pub fn create_stdin(unbuffered: bool) -> PyResult<()> {
    // SAFETY: F_GETFD only asks whether the descriptor is open.
    if unsafe { libc::fcntl(0, libc::F_GETFD) } == -1 {
        set("stdin", pyrs_objects::none());
        set("__stdin__", pyrs_objects::none());
        return Ok(());
    }
    let (encoding, errors) = match &*STDIO.0.borrow() {
        Some(c) => (c.encoding.clone(), c.errors.clone()),
        None => (pystr::intern("utf-8"), pystr::intern("surrogateescape")),
    };
    let io = crate::import::import_absolute("io")?;
    let none = pyrs_objects::none;
    let open = protocol::getattr_str(&io, "open")?;
    let buffer = protocol::call1(
        &open,
        &[
            int::from_i64(0),
            pystr::intern("rb"),
            int::from_i64(-1),
            none(),
            none(),
            none(),
            pyrs_objects::bool(false),
        ],
    )?;
    let raw = protocol::getattr_str(&buffer, "raw")?;
    protocol::setattr(
        &raw,
        &pystr::intern("name"),
        Some(&pystr::intern("<stdin>")),
    )?;
    let isatty = protocol::call_method(&raw, "isatty", &[])?;
    let line_buffering = !unbuffered && protocol::is_true(&isatty)?;
    let wrapper = protocol::getattr_str(&io, "TextIOWrapper")?;
    let stream = protocol::call1(
        &wrapper,
        &[
            buffer,
            encoding,
            errors,
            pystr::intern("\n"),
            pyrs_objects::bool(line_buffering),
            pyrs_objects::bool(unbuffered),
        ],
    )?;
    protocol::setattr(&stream, &pystr::intern("mode"), Some(&pystr::intern("r")))?;
    set("stdin", stream.clone());
    set("__stdin__", stream);
    Ok(())
}

/// Appends the bytes of `text` (a `str`) in standard output's encoding to `out`.
pub fn push_stdout_text(out: &mut Vec<u8>, text: &Value) -> PyResult<()> {
    if stdio_is_utf8() {
        if let Some(t) = data_of(text)?.as_str() {
            out.extend_from_slice(t.as_bytes());
            return Ok(());
        }
    }
    out.extend_from_slice(&encode_stdio(1, text)?);
    Ok(())
}

/// The bytes to write for `text` on the stream `fd` (1 or 2) in its encoding.
fn encode_stdio(fd: u8, text: &Value) -> PyResult<Vec<u8>> {
    let (encoding, errors, utf8) = match &*STDIO.0.borrow() {
        Some(c) => (c.encoding.clone(), c.errors.clone(), c.utf8),
        None => return Ok(encode_for_output(data_of(text)?)?.into_bytes()),
    };
    if utf8 {
        if let Some(t) = data_of(text)?.as_str() {
            return Ok(t.as_bytes().to_vec());
        }
    }
    let errors = if fd == 2 {
        pystr::intern("backslashreplace")
    } else {
        errors
    };
    let bytes = protocol::call_method(text, "encode", &[encoding, errors])?;
    Ok(pyrs_objects::bytes::as_bytes_like(&bytes).unwrap_or_default())
}

fn data_of(text: &Value) -> PyResult<&pystr::StrData> {
    text.downcast::<pystr::StrData>()
        .ok_or_else(|| PyErr::type_error("expected str"))
}

/// Whether the standard streams write text as UTF-8 (the fast path of [`write_stdout`]).
fn stdio_is_utf8() -> bool {
    STDIO.0.borrow().as_ref().is_none_or(|c| c.utf8)
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
    if stdio_is_utf8() {
        write_stdout_bytes(text.as_bytes())
    } else {
        write_stdout_bytes(&encode_stdio(1, &pystr::new(text))?)
    }
}

/// Writes bytes already in standard output's encoding (see [`push_stdout_text`]) to pyrs's
/// own standard output.
pub fn write_stdout_bytes(bytes: &[u8]) -> PyResult<()> {
    let result = {
        let mut buf = STDOUT.0.borrow_mut();
        buf.extend_from_slice(bytes);
        if buf.len() > 1 << 16
            || UNBUFFERED.load(Ordering::Relaxed)
            || (bytes.contains(&b'\n') && std::io::stdout().is_terminal())
        {
            drain_stdout(&mut buf)
        } else {
            Ok(())
        }
    };
    broken_pipe(result)
}

/// Set by `-u` (and PYTHONUNBUFFERED): standard output is written at every write.
static UNBUFFERED: AtomicBool = AtomicBool::new(false);

/// Makes standard output unbuffered (`-u`) or buffered again.
pub fn set_unbuffered(on: bool) {
    UNBUFFERED.store(on, Ordering::Relaxed);
}

/// Writes the buffered standard output out.
fn drain_stdout(buf: &mut Vec<u8>) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    let result = out.write_all(buf).and_then(|()| out.flush());
    buf.clear();
    result
}

/// A reader that has gone away (a closed pipe) is a BrokenPipeError, as CPython's write
/// raises it; other errors writing standard output are ignored.
fn broken_pipe(result: std::io::Result<()>) -> PyResult<()> {
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            let exc = protocol::call1(
                ExcKind::OSError.class(),
                &[int::from_i64(32), pystr::new("Broken pipe")],
            )?;
            Err(PyErr::from_value(exc))
        }
        _ => Ok(()),
    }
}

/// Flushes buffered standard output.
pub fn flush_stdout() {
    let _ = try_flush_stdout();
}

/// Flushes buffered standard output, reporting a closed pipe as BrokenPipeError.
pub fn try_flush_stdout() -> PyResult<()> {
    let result = drain_stdout(&mut STDOUT.0.borrow_mut());
    broken_pipe(result)
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
    if stdio_is_utf8() {
        let _ = std::io::stderr().write_all(text.as_bytes());
    } else if let Ok(bytes) = encode_stdio(2, &pystr::new(text)) {
        let _ = std::io::stderr().write_all(&bytes);
    }
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
    let fd = a[0].downcast::<StreamData>().map_or(1, |d| d.fd);
    write_bytes(fd, &encode_stdio(fd, &a[1])?)?;
    Ok(int::from_usize(s.char_len()))
}

/// Writes encoded bytes to standard error at once, or into standard output's buffer, which is
/// written out when it passes 64 KiB or under `-u`.
fn write_bytes(fd: u8, bytes: &[u8]) -> PyResult<()> {
    if fd == 2 {
        let _ = std::io::stderr().write_all(bytes);
        return Ok(());
    }
    let result = {
        let mut buf = STDOUT.0.borrow_mut();
        buf.extend_from_slice(bytes);
        if buf.len() > 1 << 16 || UNBUFFERED.load(Ordering::Relaxed) {
            drain_stdout(&mut buf)
        } else {
            Ok(())
        }
    };
    broken_pipe(result)
}

fn stream_flush(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("flush", 1, 1)?;
    if a[0].downcast::<StreamData>().map_or(1, |d| d.fd) == 1 {
        try_flush_stdout()?;
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
    Ok(match &*STDIO.0.borrow() {
        Some(c) => c.encoding.clone(),
        None => pystr::intern("utf-8"),
    })
}

fn stream_fd(v: &Value) -> u8 {
    v.downcast::<StreamData>().map_or(1, |d| d.fd)
}

/// The streams' error handler: standard error's is always `backslashreplace`.
fn stream_errors(v: &Value) -> PyResult<Value> {
    if stream_fd(v) == 2 {
        return Ok(pystr::intern("backslashreplace"));
    }
    Ok(match &*STDIO.0.borrow() {
        Some(c) => c.errors.clone(),
        None => pystr::intern("surrogateescape"),
    })
}

fn stream_closed(_v: &Value) -> PyResult<Value> {
    Ok(pyrs_objects::bool(false))
}

fn stream_name(v: &Value) -> PyResult<Value> {
    Ok(pystr::intern(match stream_fd(v) {
        0 => "<stdin>",
        2 => "<stderr>",
        _ => "<stdout>",
    }))
}

fn stream_mode(v: &Value) -> PyResult<Value> {
    Ok(pystr::intern(if stream_fd(v) == 0 { "r" } else { "w" }))
}

/// `sys.stdout.buffer` and `sys.stderr.buffer`: the binary layer under the text streams, an
/// `_io.BufferedWriter` to the program. Its bytes join the text stream's own: standard
/// output's go into the same buffer, so text and bytes come out in the order they were
/// written (CPython's text layer keeps pending text apart and may let bytes written to the
/// buffer overtake it until it is flushed); standard error's are written at once.
fn stream_buffer(v: &Value) -> PyResult<Value> {
    static BUFFERS: OnceLock<SyncCell<[Value; 2]>> = OnceLock::new();
    let buffers = &BUFFERS
        .get_or_init(|| {
            let t = TypeBuilder::new::<StreamData>("BufferedWriter")
                .module("_io")
                .methods(BUFFER_METHODS)
                .slots(|s| s.repr.set(Some(buffer_repr)))
                .build();
            SyncCell([1u8, 2].map(|fd| pyrs_objects::object::alloc(&t, StreamData { fd })))
        })
        .0;
    Ok(buffers[usize::from(stream_fd(v) == 2)].clone())
}

fn buffer_write(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("write", 2, 2)?;
    let data = pyrs_objects::bytes::buffer(&a[1]).ok_or_else(|| {
        PyErr::type_error(format!(
            "a bytes-like object is required, not '{}'",
            a[1].type_data().name()
        ))
    })?;
    write_bytes(stream_fd(&a[0]), &data)?;
    Ok(int::from_usize(data.len()))
}

fn buffer_repr(v: &Value) -> PyResult<Value> {
    Ok(pystr::new(&format!(
        "<_io.BufferedWriter name='{}'>",
        if stream_fd(v) == 2 {
            "<stderr>"
        } else {
            "<stdout>"
        }
    )))
}

fn buffer_true(_args: Args<'_>) -> PyResult<Value> {
    Ok(pyrs_objects::bool(true))
}

fn buffer_false(_args: Args<'_>) -> PyResult<Value> {
    Ok(pyrs_objects::bool(false))
}

/// Whether the descriptor can seek (a file can, a pipe or a terminal cannot), as FileIO asks.
fn buffer_seekable(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("seekable", 1, 1)?;
    // SAFETY: lseek with SEEK_CUR and offset 0 only reports the position.
    let position = unsafe { libc::lseek(i32::from(stream_fd(&a[0])), 0, libc::SEEK_CUR) };
    Ok(pyrs_objects::bool(position != -1))
}

fn buffer_mode(_v: &Value) -> PyResult<Value> {
    Ok(pystr::intern("wb"))
}

const BUFFER_METHODS: &[MethodDef] = &[
    MethodDef::new("write", MethodKind::Method(buffer_write)),
    MethodDef::new("flush", MethodKind::Method(stream_flush)),
    MethodDef::new("isatty", MethodKind::Method(stream_isatty)),
    MethodDef::new("fileno", MethodKind::Method(stream_fileno)),
    MethodDef::new("writable", MethodKind::Method(buffer_true)),
    MethodDef::new("readable", MethodKind::Method(buffer_false)),
    MethodDef::new("seekable", MethodKind::Method(buffer_seekable)),
    MethodDef::new("closed", MethodKind::GetSet(stream_closed, None)),
    MethodDef::new("name", MethodKind::GetSet(stream_name, None)),
    MethodDef::new("mode", MethodKind::GetSet(buffer_mode, None)),
];

const STREAM_METHODS: &[MethodDef] = &[
    MethodDef::new("write", MethodKind::Method(stream_write)),
    MethodDef::new("flush", MethodKind::Method(stream_flush)),
    MethodDef::new("readline", MethodKind::Method(stream_readline)),
    MethodDef::new("isatty", MethodKind::Method(stream_isatty)),
    MethodDef::new("fileno", MethodKind::Method(stream_fileno)),
    MethodDef::new("encoding", MethodKind::GetSet(stream_encoding, None)),
    MethodDef::new("errors", MethodKind::GetSet(stream_errors, None)),
    MethodDef::new("closed", MethodKind::GetSet(stream_closed, None)),
    MethodDef::new("name", MethodKind::GetSet(stream_name, None)),
    MethodDef::new("mode", MethodKind::GetSet(stream_mode, None)),
    MethodDef::new("buffer", MethodKind::GetSet(stream_buffer, None)),
];

fn make() -> Sys {
    let module = pyrs_objects::module::new_module("sys");
    let modules = dict::new();
    let d = module
        .downcast::<pyrs_objects::module::ModuleData>()
        .expect("module")
        .dict();
    d.set_str("modules", modules.clone());
    crate::sys_hooks::install(&module, d);
    d.set_str("argv", list::new(vec![]));
    d.set_str("path", list::new(vec![]));
    d.set_str("maxsize", int::from_i64(i64::MAX));
    d.set_str("byteorder", pystr::intern("little"));
    d.set_str("platform", pystr::intern("linux"));
    d.set_str("version", pystr::new("3.13.0 (pyrs)"));
    let version_info = version_info();
    d.set_str("version_info", version_info.clone());
    d.set_str("hexversion", int::from_i64(HEXVERSION));
    d.set_str("api_version", int::from_i64(1013));
    d.set_str("maxunicode", int::from_i64(0x10ffff));
    d.set_str("float_repr_style", pystr::intern("short"));
    d.set_str("abiflags", pystr::intern(""));
    d.set_str("dont_write_bytecode", pyrs_objects::bool(true));
    d.set_str("warnoptions", list::new(vec![]));
    d.set_str("_xoptions", dict::new());
    d.set_str("pycache_prefix", pyrs_objects::none());
    d.set_str("platlibdir", pystr::intern("lib"));
    d.set_str(
        "copyright",
        pystr::new("Copyright (c) 2001-2024 Python Software Foundation.\nAll Rights Reserved.\n\nCopyright (c) 2000 BeOpen.com.\nAll Rights Reserved.\n\nCopyright (c) 1995-2001 Corporation for National Research Initiatives.\nAll Rights Reserved.\n\nCopyright (c) 1991-1995 Stichting Mathematisch Centrum, Amsterdam.\nAll Rights Reserved."),
    );
    let executable = std::env::current_exe()
        .ok()
        .and_then(|p| p.to_str().map(str::to_string))
        .unwrap_or_default();
    d.set_str("executable", pystr::new(&executable));
    d.set_str("_base_executable", pystr::new(&executable));
    // The installation the standard library comes from (its `lib/python3.13`'s grandparent).
    let prefix = crate::stdlib_dir()
        .and_then(|lib| {
            let p = std::path::Path::new(&lib).parent()?.parent()?;
            p.to_str().map(str::to_string)
        })
        .unwrap_or_default();
    for name in ["prefix", "exec_prefix", "base_prefix", "base_exec_prefix"] {
        d.set_str(name, pystr::new(&prefix));
    }
    d.set_str("thread_info", thread_info());
    // pyrs's own cache tag: its bytecode files (`__pycache__/NAME.pyrs-313.pyc`) hold pyrs's
    // code serialisation, and CPython's `.cpython-313.pyc` files are never read.
    let implementation = pyrs_objects::namespace::new(vec![
        ("name", pystr::intern("pyrs")),
        ("cache_tag", pystr::intern(crate::frozen::CACHE_TAG)),
        ("version", version_info),
        ("hexversion", int::from_i64(HEXVERSION)),
        ("_multiarch", pystr::intern("x86_64-linux-gnu")),
    ]);
    d.set_str("implementation", implementation);
    d.set_str("flags", flags_value(&Flags::default()));
    d.set_str("float_info", float_info());
    d.set_str("int_info", int_info());
    d.set_str("hash_info", hash_info());
    for (name, fd) in [("stdin", 0u8), ("stdout", 1), ("stderr", 2)] {
        let s = pyrs_objects::object::alloc(stream_type(), StreamData { fd });
        d.set_str(name, s.clone());
        d.set_str(&format!("__{name}__"), s);
    }
    for (name, f) in FUNCTIONS {
        d.set_str(name, new_function(name, *f));
    }
    for name in ["excepthook", "displayhook"] {
        if let Some(f) = d.get_str(&pystr::intern(name)) {
            d.set_str(&format!("__{name}__"), f);
        }
    }
    Sys { module, modules }
}

/// `sys.hexversion`: 3.13.0 final.
const HEXVERSION: i64 = 0x030d00f0;

static VERSION_INFO: structseq::StructSeqDesc = structseq::StructSeqDesc {
    module: "sys",
    name: "version_info",
    doc: "sys.version_info\n\nVersion information as a named tuple.",
    fields: &["major", "minor", "micro", "releaselevel", "serial"],
};

fn version_info() -> Value {
    let ty = structseq::new_type(&VERSION_INFO);
    structseq::new(
        &ty,
        vec![
            Value::small(3),
            Value::small(13),
            Value::small(0),
            pystr::intern("final"),
            Value::small(0),
        ],
    )
}

static FLAGS: structseq::StructSeqDesc = structseq::StructSeqDesc {
    module: "sys",
    name: "flags",
    doc: "sys.flags\n\nFlags provided through command line arguments or environment vars.",
    fields: &[
        "debug",
        "inspect",
        "interactive",
        "optimize",
        "dont_write_bytecode",
        "no_user_site",
        "no_site",
        "ignore_environment",
        "verbose",
        "bytes_warning",
        "quiet",
        "hash_randomization",
        "isolated",
        "dev_mode",
        "utf8_mode",
        "warn_default_encoding",
        "safe_path",
        "int_max_str_digits",
    ],
};

/// What `sys.flags` holds: the command-line options and environment variables that decide how
/// the interpreter runs (CPython's PyConfig fields of the same names).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flags {
    /// `-d`: parser debugging (accepted, no effect).
    pub debug: u32,
    /// `-i`, PYTHONINSPECT: the interactive prompt follows the program.
    pub inspect: u32,
    /// `-i`.
    pub interactive: u32,
    /// `-O` (1) and `-OO` (2), PYTHONOPTIMIZE.
    pub optimize: u32,
    /// `-B`, PYTHONDONTWRITEBYTECODE: no bytecode cache files are written.
    pub dont_write_bytecode: u32,
    /// `-s`, PYTHONNOUSERSITE.
    pub no_user_site: u32,
    /// `-S`.
    pub no_site: u32,
    /// `-E`, `-I`: PYTHON* variables are ignored.
    pub ignore_environment: u32,
    /// `-v`, PYTHONVERBOSE.
    pub verbose: u32,
    /// `-b`, `-bb`.
    pub bytes_warning: u32,
    /// `-q`: no banner at the interactive prompt.
    pub quiet: u32,
    /// 0 when PYTHONHASHSEED is 0.
    pub hash_randomization: u32,
    /// `-I`.
    pub isolated: u32,
    /// `-X dev`, PYTHONDEVMODE.
    pub dev_mode: bool,
    /// `-X utf8`, PYTHONUTF8 (pyrs always reads and writes UTF-8).
    pub utf8_mode: u32,
    /// `-X warn_default_encoding`, PYTHONWARNDEFAULTENCODING.
    pub warn_default_encoding: u32,
    /// `-P`, `-I`, PYTHONSAFEPATH: no script directory first on `sys.path`.
    pub safe_path: bool,
}

impl Default for Flags {
    /// The flags of an interpreter started without options: what the environment decides
    /// (`PYTHONNOUSERSITE`, `PYTHONHASHSEED`, `PYTHONDONTWRITEBYTECODE`). pyrs always runs in
    /// UTF-8 mode.
    fn default() -> Flags {
        let env_set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        Flags {
            debug: 0,
            inspect: 0,
            interactive: 0,
            optimize: 0,
            dont_write_bytecode: u32::from(env_set("PYTHONDONTWRITEBYTECODE")),
            no_user_site: u32::from(env_set("PYTHONNOUSERSITE")),
            no_site: 0,
            ignore_environment: 0,
            verbose: 0,
            bytes_warning: 0,
            quiet: 0,
            hash_randomization: u32::from(
                std::env::var("PYTHONHASHSEED").map_or(true, |v| v != "0"),
            ),
            isolated: 0,
            dev_mode: false,
            utf8_mode: 1,
            warn_default_encoding: 0,
            safe_path: false,
        }
    }
}

/// `sys.flags.verbose`, for the import system's messages.
static VERBOSE: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

/// The `-v` level the interpreter was started with.
pub fn flags_verbose() -> u32 {
    VERBOSE.load(std::sync::atomic::Ordering::Relaxed)
}

/// Sets `sys.flags` (and `sys.dont_write_bytecode`, which starts from the same option).
pub fn set_flags(f: &Flags) {
    VERBOSE.store(f.verbose, std::sync::atomic::Ordering::Relaxed);
    set("flags", flags_value(f));
    set(
        "dont_write_bytecode",
        pyrs_objects::bool(f.dont_write_bytecode != 0),
    );
}

/// `sys.flags` as a struct sequence.
fn flags_value(f: &Flags) -> Value {
    let n = |v: u32| Value::small(i64::from(v));
    let ty = structseq::new_type(&FLAGS);
    structseq::new(
        &ty,
        vec![
            n(f.debug),
            n(f.inspect),
            n(f.interactive),
            n(f.optimize),
            n(f.dont_write_bytecode),
            n(f.no_user_site),
            n(f.no_site),
            n(f.ignore_environment),
            n(f.verbose),
            n(f.bytes_warning),
            n(f.quiet),
            n(f.hash_randomization),
            n(f.isolated),
            pyrs_objects::bool(f.dev_mode),
            n(f.utf8_mode),
            n(f.warn_default_encoding),
            pyrs_objects::bool(f.safe_path),
            int::from_usize(int::max_str_digits()),
        ],
    )
}

static THREAD_INFO: structseq::StructSeqDesc = structseq::StructSeqDesc {
    module: "sys",
    name: "thread_info",
    doc: "sys.thread_info\n\nA named tuple holding information about the thread implementation.",
    fields: &["name", "lock", "version"],
};

fn thread_info() -> Value {
    let ty = structseq::new_type(&THREAD_INFO);
    structseq::new(
        &ty,
        vec![
            pystr::intern("pthread"),
            pystr::intern("mutex+cond"),
            pyrs_objects::none(),
        ],
    )
}

static FLOAT_INFO: structseq::StructSeqDesc = structseq::StructSeqDesc {
    module: "sys",
    name: "float_info",
    doc: "sys.float_info\n\nA named tuple holding information about the float type. It contains low level\ninformation about the precision and internal representation. Please study\nyour system's :file:`float.h` for more information.",
    fields: &[
        "max",
        "max_exp",
        "max_10_exp",
        "min",
        "min_exp",
        "min_10_exp",
        "dig",
        "mant_dig",
        "epsilon",
        "radix",
        "rounds",
    ],
};

fn float_info() -> Value {
    let f = pyrs_objects::float::new;
    let ty = structseq::new_type(&FLOAT_INFO);
    structseq::new(
        &ty,
        vec![
            f(f64::MAX),
            Value::small(f64::MAX_EXP as i64),
            Value::small(f64::MAX_10_EXP as i64),
            f(f64::MIN_POSITIVE),
            Value::small(f64::MIN_EXP as i64),
            Value::small(f64::MIN_10_EXP as i64),
            Value::small(f64::DIGITS as i64),
            Value::small(f64::MANTISSA_DIGITS as i64),
            f(f64::EPSILON),
            Value::small(f64::RADIX as i64),
            Value::small(1),
        ],
    )
}

static INT_INFO: structseq::StructSeqDesc = structseq::StructSeqDesc {
    module: "sys",
    name: "int_info",
    doc: "sys.int_info\n\nA named tuple that holds information about Python's\ninternal representation of integers.  The attributes are read only.",
    fields: &[
        "bits_per_digit",
        "sizeof_digit",
        "default_max_str_digits",
        "str_digits_check_threshold",
    ],
};

/// `sys.int_info`, with CPython's values (pyrs's big ints are not made of 30-bit digits,
/// but programs read these numbers to size things).
fn int_info() -> Value {
    let ty = structseq::new_type(&INT_INFO);
    structseq::new(
        &ty,
        vec![
            Value::small(30),
            Value::small(4),
            Value::small(4300),
            Value::small(640),
        ],
    )
}

static HASH_INFO: structseq::StructSeqDesc = structseq::StructSeqDesc {
    module: "sys",
    name: "hash_info",
    doc: "hash_info\n\nA named tuple providing parameters used for computing\nhashes. The attributes are read only.",
    fields: &[
        "width",
        "modulus",
        "inf",
        "nan",
        "imag",
        "algorithm",
        "hash_bits",
        "seed_bits",
        "cutoff",
    ],
};

fn hash_info() -> Value {
    let ty = structseq::new_type(&HASH_INFO);
    structseq::new(
        &ty,
        vec![
            Value::small(64),
            int::from_i64((1 << 61) - 1),
            Value::small(314159),
            Value::small(0),
            Value::small(1000003),
            pystr::intern("siphash13"),
            Value::small(64),
            Value::small(128),
            Value::small(0),
        ],
    )
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
    ("get_int_max_str_digits", get_int_max_str_digits),
    ("set_int_max_str_digits", set_int_max_str_digits),
    ("getdefaultencoding", getdefaultencoding),
    ("getfilesystemencoding", getdefaultencoding),
    ("getfilesystemencodeerrors", getfilesystemencodeerrors),
    ("excepthook", excepthook),
    ("displayhook", displayhook),
    ("getsizeof", getsizeof),
    ("is_finalizing", is_finalizing),
    ("gettrace", gettrace),
    ("getprofile", getprofile),
    ("settrace", settrace),
    ("setprofile", setprofile),
    ("getswitchinterval", getswitchinterval),
    ("setswitchinterval", setswitchinterval),
    ("audit", audit),
    ("addaudithook", addaudithook),
    ("call_tracing", call_tracing),
    ("_getframemodulename", getframemodulename),
    ("get_asyncgen_hooks", crate::async_gen::get_asyncgen_hooks),
    ("set_asyncgen_hooks", crate::async_gen::set_asyncgen_hooks),
    (
        "get_coroutine_origin_tracking_depth",
        crate::generator::get_origin_depth,
    ),
    (
        "set_coroutine_origin_tracking_depth",
        crate::generator::set_origin_depth,
    ),
];

/// `sys.getsizeof(obj[, default])`: `obj.__sizeof__()`.
fn getsizeof(args: Args<'_>) -> PyResult<Value> {
    let [obj, default] = args.bind("getsizeof", ["object", "default"], 1, 0, 2)?;
    let obj = obj.expect("required");
    let size = protocol::lookup_special(&obj, "__sizeof__").and_then(|m| match m {
        Some(m) => protocol::call1(&m, &[]),
        None => Err(PyErr::type_error("Type has no __sizeof__")),
    });
    match (size, default) {
        (Ok(n), _) => {
            let n = protocol::index(&n)?;
            if int::as_i64(&n).is_some_and(|n| n < 0) {
                return Err(PyErr::value_error("__sizeof__() should return >= 0"));
            }
            // CPython's GC header and pre-header, which `__sizeof__` leaves out.
            let extra = pyrs_objects::gc::sizeof_overhead(&obj) as i64;
            protocol::binary_op(
                &n,
                &Value::small(extra),
                pyrs_objects::typeobject::BinOp::Add,
            )
        }
        (Err(e), Some(d)) if e.is(ExcKind::TypeError) => Ok(d),
        (Err(e), _) => Err(e),
    }
}

fn is_finalizing(args: Args<'_>) -> PyResult<Value> {
    args.exact("is_finalizing", 0, 0)?;
    Ok(pyrs_objects::bool(false))
}

/// `sys.gettrace()`: the trace function `sys.settrace` set ([`crate::tracing`]).
fn gettrace(args: Args<'_>) -> PyResult<Value> {
    args.exact("sys.gettrace", 0, 0)?;
    Ok(crate::tracing::get_trace().unwrap_or_else(pyrs_objects::none))
}

/// `sys.getprofile()`: the profile function `sys.setprofile` set.
fn getprofile(args: Args<'_>) -> PyResult<Value> {
    args.exact("sys.getprofile", 0, 0)?;
    Ok(crate::tracing::get_profile().unwrap_or_else(pyrs_objects::none))
}

/// `sys.settrace(function)`: the function called for each new frame ('call'), whose
/// result becomes the frame's `f_trace`; None removes it.
fn settrace(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("sys.settrace", 1, 1)?;
    crate::tracing::set_trace(Some(a[0].clone()).filter(|f| !protocol::is_none(f)));
    Ok(pyrs_objects::none())
}

/// `sys.setprofile(function)`: the function called on calls and returns of Python and
/// built-in functions; None removes it.
fn setprofile(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("sys.setprofile", 1, 1)?;
    crate::tracing::set_profile(Some(a[0].clone()).filter(|f| !protocol::is_none(f)));
    Ok(pyrs_objects::none())
}

static SWITCH_INTERVAL: SyncCell<std::cell::Cell<f64>> = SyncCell(std::cell::Cell::new(0.005));

fn getswitchinterval(args: Args<'_>) -> PyResult<Value> {
    args.exact("getswitchinterval", 0, 0)?;
    Ok(pyrs_objects::float::new(SWITCH_INTERVAL.0.get()))
}

fn setswitchinterval(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("setswitchinterval", 1, 1)?;
    let interval = pyrs_objects::float::operand(&a[0])?.ok_or_else(|| {
        PyErr::type_error(format!(
            "must be real number, not {}",
            a[0].type_data().name()
        ))
    })?;
    if interval <= 0.0 {
        return Err(PyErr::value_error(
            "switch interval must be strictly positive",
        ));
    }
    SWITCH_INTERVAL.0.set(interval);
    Ok(pyrs_objects::none())
}

/// The hooks `sys.addaudithook` added, called in order by `sys.audit`.
static AUDIT_HOOKS: SyncCell<RefCell<Vec<Value>>> = SyncCell(RefCell::new(Vec::new()));

/// `sys.audit(event, *args)`: calls each audit hook with the event and the arguments (the
/// events raised by Python code; the interpreter raises none of its own yet).
fn audit(args: Args<'_>) -> PyResult<Value> {
    args.no_kwargs("audit")?;
    let pos = args.pos();
    let Some(event) = pos.first() else {
        return Err(PyErr::type_error(
            "audit() missing 1 required positional argument: 'event'",
        ));
    };
    if event.downcast::<pystr::StrData>().is_none() {
        return Err(PyErr::type_error(format!(
            "expected str for argument 'event', not {}",
            event.type_data().name()
        )));
    }
    let hooks = AUDIT_HOOKS.0.borrow().clone();
    if hooks.is_empty() {
        return Ok(pyrs_objects::none());
    }
    let rest = tuple::new(pos[1..].to_vec());
    for hook in hooks {
        protocol::call1(&hook, &[event.clone(), rest.clone()])?;
    }
    Ok(pyrs_objects::none())
}

fn addaudithook(args: Args<'_>) -> PyResult<Value> {
    let [hook] = args.bind("addaudithook", ["hook"], 1, 0, 1)?;
    AUDIT_HOOKS.0.borrow_mut().push(hook.expect("required"));
    Ok(pyrs_objects::none())
}

/// `sys.call_tracing(func, args)`: `func(*args)`.
fn call_tracing(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("call_tracing", 2, 2)?;
    let Some(items) = tuple::items_of(&a[1]) else {
        return Err(PyErr::type_error(format!(
            "call_tracing() argument 2 must be tuple, not {}",
            a[1].type_data().name()
        )));
    };
    protocol::call1(&a[0], items)
}

/// `sys._getframemodulename(depth=0)`: the `__name__` of the module of the frame `depth`
/// calls up, or None.
fn getframemodulename(args: Args<'_>) -> PyResult<Value> {
    let [depth] = args.bind("_getframemodulename", ["depth"], 0, 0, 1)?;
    let mut depth = match depth {
        Some(d) => protocol::index_isize(&d, true)?,
        None => 0,
    };
    let mut frame = crate::frame::current();
    while depth > 0 {
        // SAFETY: a running frame's `back` is a frame still running below it (or null).
        frame = frame.and_then(|f| unsafe { f.back.as_ref() });
        depth -= 1;
    }
    Ok(frame
        .and_then(|f| f.globals.downcast::<DictData>())
        .and_then(|g| g.get_str(&pystr::intern("__name__")))
        .unwrap_or_else(pyrs_objects::none))
}

fn get_int_max_str_digits(args: Args<'_>) -> PyResult<Value> {
    args.exact("get_int_max_str_digits", 0, 0)?;
    Ok(int::from_usize(int::max_str_digits()))
}

/// `sys.set_int_max_str_digits(maxdigits)`.
fn set_int_max_str_digits(args: Args<'_>) -> PyResult<Value> {
    let mut value = args.pos().first().cloned();
    for (k, v) in args.kwargs() {
        match pystr::text_of(k).as_deref() {
            Some("maxdigits") if value.is_none() => value = Some(v.clone()),
            Some("maxdigits") => {
                return Err(PyErr::type_error(
                    "argument for set_int_max_str_digits() given by name ('maxdigits') and position (1)",
                ))
            }
            _ => {
                return Err(PyErr::type_error(format!(
                    "set_int_max_str_digits() got an unexpected keyword argument '{}'",
                    pystr::text_of(k).unwrap_or_default()
                )))
            }
        }
    }
    if args.pos().len() > 1 {
        return Err(PyErr::type_error(format!(
            "set_int_max_str_digits() takes at most 1 argument ({} given)",
            args.pos().len()
        )));
    }
    let value = value.ok_or_else(|| {
        PyErr::type_error("set_int_max_str_digits() missing required argument 'maxdigits' (pos 1)")
    })?;
    if !protocol::has_index(&value) {
        return Err(PyErr::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            value.type_data().name()
        )));
    }
    let n = int::as_i64(&protocol::index(&value)?)
        .filter(|n| i32::try_from(*n).is_ok())
        .ok_or_else(|| {
            PyErr::new(
                ExcKind::OverflowError,
                "Python int too large to convert to C int",
            )
        })?;
    int::set_max_str_digits(usize::try_from(n).unwrap_or(1))?;
    Ok(pyrs_objects::none())
}

fn getdefaultencoding(args: Args<'_>) -> PyResult<Value> {
    args.exact("getdefaultencoding", 0, 0)?;
    Ok(pystr::intern("utf-8"))
}

fn getfilesystemencodeerrors(args: Args<'_>) -> PyResult<Value> {
    args.exact("getfilesystemencodeerrors", 0, 0)?;
    Ok(pystr::intern("surrogateescape"))
}

/// `sys.excepthook(type, value, traceback)`: prints the exception and its traceback to
/// `sys.stderr`, as an uncaught exception is printed.
fn excepthook(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("excepthook", 3, 3)?;
    write_stderr(&crate::traceback::format_exception(&a[1]));
    Ok(pyrs_objects::none())
}

/// `sys.displayhook(value)`: what the interactive interpreter does with an expression's value.
fn displayhook(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("displayhook", 1, 1)?;
    crate::builtins::displayhook(&a[0])?;
    Ok(pyrs_objects::none())
}

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
        Some(f) => Ok(crate::frameobject::get(f)),
        None => Err(PyErr::value_error("call stack is not deep enough")),
    }
}
