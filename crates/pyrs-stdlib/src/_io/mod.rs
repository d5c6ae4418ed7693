//! The `_io` module (CPython's Modules/_io/): `open()`, the I/O class hierarchy that `io.py`
//! re-exports — `_IOBase` and its abstract children, `FileIO` (a file descriptor),
//! `BufferedReader`/`BufferedWriter`/`BufferedRandom`/`BufferedRWPair`, `TextIOWrapper`,
//! `StringIO`, `BytesIO` — and `UnsupportedOperation`, `DEFAULT_BUFFER_SIZE`,
//! `text_encoding`, `open_code`, `IncrementalNewlineDecoder`.
//!
//! One file per CPython file: [`iobase`] (iobase.c), [`fileio`] (fileio.c), [`bufferedio`]
//! (bufferedio.c), [`textio`] (textio.c), [`stringio`] (stringio.c), [`bytesio`]
//! (bytesio.c); `open()` and the module itself are here (_iomodule.c).
//!
//! Every type's instances have a dict (as in CPython, where `open()` sets `f.mode`), and
//! `_IOBase` closes an object that dies open (its finalizer calls `close()`, as
//! `iobase_finalize` does), so a file written and dropped is flushed.

mod bufferedio;
mod bytesio;
mod fileio;
mod iobase;
mod stringio;
mod textio;

use std::sync::OnceLock;

pub(crate) use fileio::{read_fd, write_fd};

use pyrs_objects::exceptions::ExcKind;
use pyrs_objects::native::MethodDef;
use pyrs_objects::str::StrData;
use pyrs_objects::typeobject::TypeBuilder;
use pyrs_objects::{protocol, Args, PyErr, PyResult, SyncCell, Value};

use crate::argconv::{add_functions, module_dict, type_name};

/// `DEFAULT_BUFFER_SIZE`.
pub(crate) const DEFAULT_BUFFER_SIZE: usize = 8192;

struct IoTypes {
    unsupported: Value,
    iobase: Value,
    raw_iobase: Value,
    buffered_iobase: Value,
    text_iobase: Value,
    fileio: Value,
    buffered_reader: Value,
    buffered_writer: Value,
    buffered_random: Value,
    buffered_rwpair: Value,
    text_wrapper: Value,
    string_io: Value,
    bytes_io: Value,
    newline_decoder: Value,
}

static TYPES: OnceLock<SyncCell<IoTypes>> = OnceLock::new();

fn types() -> &'static IoTypes {
    &TYPES.get_or_init(|| SyncCell(make_types())).0
}

/// A type of the `_io` module: dict-carrying and subclassable, like CPython's.
pub(crate) fn io_type<T: pyrs_objects::object::Payload>(
    name: &'static str,
    base: Option<&Value>,
    methods: &'static [MethodDef],
) -> TypeBuilder {
    let mut b = TypeBuilder::new::<T>(name)
        .module("_io")
        .with_dict()
        .subclassable()
        .methods(methods);
    if let Some(base) = base {
        b = b.base(base);
    }
    b
}

fn make_types() -> IoTypes {
    let unsupported = {
        let ns = pyrs_objects::dict::new();
        if let Some(d) = ns.downcast::<pyrs_objects::dict::DictData>() {
            d.set_str("__module__", pyrs_objects::str::intern("io"));
        }
        pyrs_objects::typeobject::new_class(
            &pyrs_objects::types().type_,
            pyrs_objects::str::intern("UnsupportedOperation"),
            &[
                ExcKind::OSError.class().clone(),
                ExcKind::ValueError.class().clone(),
            ],
            ns,
        )
        .expect("UnsupportedOperation's bases are compatible")
    };
    let iobase = iobase::iobase_type();
    let raw_iobase = io_type::<()>("_RawIOBase", Some(&iobase), iobase::RAW_METHODS).build();
    let buffered_iobase =
        io_type::<()>("_BufferedIOBase", Some(&iobase), iobase::BUFFERED_METHODS).build();
    let text_iobase = io_type::<()>("_TextIOBase", Some(&iobase), iobase::TEXT_METHODS).build();
    let fileio = fileio::fileio_type(&raw_iobase);
    let (buffered_reader, buffered_writer, buffered_random, buffered_rwpair) =
        bufferedio::buffered_types(&buffered_iobase);
    let text_wrapper = textio::text_wrapper_type(&text_iobase);
    let newline_decoder = textio::newline_decoder_type();
    let string_io = stringio::string_io_type(&text_iobase);
    let bytes_io = bytesio::bytes_io_type(&buffered_iobase);
    IoTypes {
        unsupported,
        iobase,
        raw_iobase,
        buffered_iobase,
        text_iobase,
        fileio,
        buffered_reader,
        buffered_writer,
        buffered_random,
        buffered_rwpair,
        text_wrapper,
        string_io,
        bytes_io,
        newline_decoder,
    }
}

/// `io.UnsupportedOperation(message)`.
pub(crate) fn unsupported(message: &str) -> PyErr {
    match protocol::call1(&types().unsupported, &[pyrs_objects::str::new(message)]) {
        Ok(exc) => PyErr::from_value(exc),
        Err(err) => err,
    }
}

/// `self` of a method whose payload must be `T`.
pub(crate) fn this<'a, T: pyrs_objects::object::Payload>(
    args: &Args<'a>,
    method: &str,
    owner: &str,
) -> PyResult<&'a T> {
    match args.pos().first() {
        Some(s) => protocol::self_payload::<T>(s, method, owner),
        None => Err(PyErr::type_error(format!(
            "descriptor '{method}' of '{owner}' object needs an argument"
        ))),
    }
}

/// `self` of a method, any object.
pub(crate) fn self_of<'a>(args: &Args<'a>, method: &str) -> PyResult<&'a Value> {
    args.pos()
        .first()
        .ok_or_else(|| PyErr::type_error(format!("descriptor '{method}' needs an argument")))
}

/// `obj.name(args…)` (a normal attribute lookup and call).
pub(crate) fn call_method(obj: &Value, name: &str, args: &[Value]) -> PyResult<Value> {
    crate::argconv::call_method(obj, name, args)
}

/// Whether `obj.closed` is true.
pub(crate) fn is_closed(obj: &Value) -> PyResult<bool> {
    let closed = protocol::getattr_str(obj, "closed")?;
    protocol::is_true(&closed)
}

// ----- open() -----

struct Mode {
    creating: bool,
    reading: bool,
    writing: bool,
    appending: bool,
    updating: bool,
    text: bool,
    binary: bool,
}

fn parse_mode(mode: &str) -> PyResult<Mode> {
    let mut m = Mode {
        creating: false,
        reading: false,
        writing: false,
        appending: false,
        updating: false,
        text: false,
        binary: false,
    };
    let mut seen = std::collections::HashSet::new();
    for c in mode.chars() {
        if !"axrwb+t".contains(c) || !seen.insert(c) {
            return Err(PyErr::value_error(format!("invalid mode: '{mode}'")));
        }
        match c {
            'x' => m.creating = true,
            'r' => m.reading = true,
            'w' => m.writing = true,
            'a' => m.appending = true,
            '+' => m.updating = true,
            't' => m.text = true,
            _ => m.binary = true,
        }
    }
    if m.text && m.binary {
        return Err(PyErr::value_error(
            "can't have text and binary mode at once",
        ));
    }
    let n = [m.creating, m.reading, m.writing, m.appending]
        .iter()
        .filter(|&&b| b)
        .count();
    if n > 1 {
        return Err(PyErr::value_error(
            "must have exactly one of create/read/write/append mode",
        ));
    }
    if n == 0 {
        return Err(PyErr::value_error(
            "Must have exactly one of create/read/write/append mode and at most one plus",
        ));
    }
    Ok(m)
}

/// The `open` function (`builtins.open` is the same object).
pub(crate) fn open_function() -> Value {
    static OPEN: OnceLock<SyncCell<Value>> = OnceLock::new();
    OPEN.get_or_init(|| SyncCell(pyrs_objects::native::new_function("open", open)))
        .0
        .clone()
}

fn open(args: Args<'_>) -> PyResult<Value> {
    let [file, mode, buffering, encoding, errors, newline, closefd, opener] = args.bind(
        "open",
        [
            "file",
            "mode",
            "buffering",
            "encoding",
            "errors",
            "newline",
            "closefd",
            "opener",
        ],
        1,
        0,
        8,
    )?;
    let file = file.expect("required");
    let mode_text = match &mode {
        Some(m) => crate::argconv::str_arg(m, "open", "argument 'mode'")?,
        None => "r".to_string(),
    };
    let buffering = match &buffering {
        Some(b) => crate::argconv::index_arg(b)?,
        None => -1,
    };
    let encoding = crate::argconv::opt_str_arg(encoding.as_ref(), "open", "argument 'encoding'")?;
    let errors = crate::argconv::opt_str_arg(errors.as_ref(), "open", "argument 'errors'")?;
    let newline_v = newline.clone();
    let newline = crate::argconv::opt_str_arg(newline.as_ref(), "open", "argument 'newline'")?;
    let closefd = crate::argconv::bool_arg(closefd.as_ref(), true)?;
    if !file.is_small()
        && file.downcast::<StrData>().is_none()
        && file.downcast::<pyrs_objects::bytes::BytesData>().is_none()
        && pyrs_objects::int::as_i64(&file).is_none()
        && protocol::lookup_special(&file, "__fspath__")?.is_none()
    {
        return Err(PyErr::type_error(format!(
            "expected str, bytes or os.PathLike object, not {}",
            type_name(&file)
        )));
    }
    let m = parse_mode(&mode_text)?;
    if m.binary && encoding.is_some() {
        return Err(PyErr::value_error(
            "binary mode doesn't take an encoding argument",
        ));
    }
    if m.binary && errors.is_some() {
        return Err(PyErr::value_error(
            "binary mode doesn't take an errors argument",
        ));
    }
    if m.binary && newline.is_some() {
        return Err(PyErr::value_error(
            "binary mode doesn't take a newline argument",
        ));
    }
    if m.binary && buffering == 1 {
        let warnings = pyrs_vm::import::import_absolute("warnings");
        if let Ok(w) = warnings {
            call_method(
                &w,
                "warn",
                &[
                    pyrs_objects::str::new("line buffering (buffering=1) isn't supported in binary mode, the default buffer size will be used"),
                    ExcKind::RuntimeWarning.class().clone(),
                ],
            )?;
        }
    }
    let mut raw_mode = String::new();
    if m.creating {
        raw_mode.push('x');
    }
    if m.reading {
        raw_mode.push('r');
    }
    if m.writing {
        raw_mode.push('w');
    }
    if m.appending {
        raw_mode.push('a');
    }
    if m.updating {
        raw_mode.push('+');
    }
    let t = types();
    let mut raw_args = vec![file.clone(), pyrs_objects::str::new(&raw_mode)];
    raw_args.push(pyrs_objects::bool(closefd));
    let raw = match &opener {
        Some(op) if !protocol::is_none(op) => protocol::call(
            &t.fileio,
            Args::new(
                &[
                    file.clone(),
                    pyrs_objects::str::new(&raw_mode),
                    pyrs_objects::bool(closefd),
                    op.clone(),
                ],
                &[pyrs_objects::str::intern("opener")],
            ),
        )?,
        _ => protocol::call1(&t.fileio, &raw_args)?,
    };
    let result = (|| -> PyResult<Value> {
        let mut buffering = buffering;
        let mut line_buffering = false;
        if buffering == 1
            || (buffering < 0 && protocol::is_true(&call_method(&raw, "isatty", &[])?)?)
        {
            buffering = -1;
            line_buffering = true;
        }
        if buffering < 0 {
            buffering = DEFAULT_BUFFER_SIZE as i64;
        }
        if buffering == 0 {
            if m.binary {
                return Ok(raw.clone());
            }
            return Err(PyErr::value_error("can't have unbuffered text I/O"));
        }
        let class = if m.updating {
            &t.buffered_random
        } else if m.creating || m.writing || m.appending {
            &t.buffered_writer
        } else {
            &t.buffered_reader
        };
        let buffer = protocol::call1(
            class,
            &[raw.clone(), pyrs_objects::int::from_i64(buffering)],
        )?;
        if m.binary {
            return Ok(buffer);
        }
        let none = pyrs_objects::none;
        let opt = |s: &Option<String>| match s {
            Some(s) => pyrs_objects::str::new(s),
            None => none(),
        };
        let text = protocol::call1(
            &t.text_wrapper,
            &[
                buffer,
                opt(&encoding),
                opt(&errors),
                newline_v.clone().unwrap_or_else(none),
                pyrs_objects::bool(line_buffering),
            ],
        )?;
        protocol::setattr(
            &text,
            &pyrs_objects::str::intern("mode"),
            Some(&pyrs_objects::str::new(&mode_text)),
        )?;
        Ok(text)
    })();
    if result.is_err() {
        let _ = call_method(&raw, "close", &[]);
    }
    let _ = newline;
    result
}

fn open_code(args: Args<'_>) -> PyResult<Value> {
    let [path] = args.bind("open_code", ["path"], 1, 0, 1)?;
    let path = path.expect("required");
    if path.downcast::<StrData>().is_none() {
        return Err(PyErr::type_error(format!(
            "open_code() argument 'path' must be str, not {}",
            type_name(&path)
        )));
    }
    open(Args::positional(&[path, pyrs_objects::str::new("rb")]))
}

fn text_encoding(args: Args<'_>) -> PyResult<Value> {
    let [encoding, _stacklevel] =
        args.bind("text_encoding", ["encoding", "stacklevel"], 1, 2, 2)?;
    let encoding = encoding.expect("required");
    if !protocol::is_none(&encoding) {
        return Ok(encoding);
    }
    Ok(pyrs_objects::str::new("utf-8"))
}

/// Makes the `_io` module.
pub(crate) fn init() -> PyResult<Value> {
    let module = pyrs_objects::module::new_module("_io");
    let t = types();
    let d = module_dict(&module);
    d.set_str("open", open_function());
    add_functions(
        &module,
        &[("open_code", open_code), ("text_encoding", text_encoding)],
    );
    d.set_str(
        "DEFAULT_BUFFER_SIZE",
        pyrs_objects::int::from_usize(DEFAULT_BUFFER_SIZE),
    );
    d.set_str("BlockingIOError", ExcKind::BlockingIOError.class().clone());
    for (name, ty) in [
        ("UnsupportedOperation", &t.unsupported),
        ("_IOBase", &t.iobase),
        ("_RawIOBase", &t.raw_iobase),
        ("_BufferedIOBase", &t.buffered_iobase),
        ("_TextIOBase", &t.text_iobase),
        ("FileIO", &t.fileio),
        ("BufferedReader", &t.buffered_reader),
        ("BufferedWriter", &t.buffered_writer),
        ("BufferedRandom", &t.buffered_random),
        ("BufferedRWPair", &t.buffered_rwpair),
        ("TextIOWrapper", &t.text_wrapper),
        ("StringIO", &t.string_io),
        ("BytesIO", &t.bytes_io),
        ("IncrementalNewlineDecoder", &t.newline_decoder),
    ] {
        d.set_str(name, ty.clone());
    }
    Ok(module)
}
