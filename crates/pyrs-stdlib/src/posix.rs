//! The `posix` module (CPython's Modules/posixmodule.c): what `os.py`, `posixpath.py`,
//! `genericpath.py` and `stat.py` build `os` from — files and directories (`stat`,
//! `listdir`, `scandir`, `mkdir`, `rename`…), file descriptors (`open`, `read`, `write`,
//! `lseek`, `close`), the process (`getpid`, `_exit`, `environ`), and the constants
//! `os.py` consults.
//!
//! Paths are `str` (encoded as UTF-8 with surrogateescape, the file system encoding), `bytes`
//! or `os.PathLike`; a function given bytes answers with bytes. Errors are CPython's
//! `OSError` subclasses with errno, strerror and the path as filename. `dir_fd` is not
//! supported (`_have_functions` says so, and `os.supports_dir_fd` is empty).

use std::cell::{Cell, RefCell};
use std::ffi::CString;
use std::os::unix::ffi::OsStrExt;
use std::sync::OnceLock;

use pyrs_objects::bytes::BytesData;
use pyrs_objects::native::{MethodDef, MethodKind};
use pyrs_objects::str::StrData;
use pyrs_objects::tuple::TupleData;
use pyrs_objects::typeobject::TypeBuilder;
use pyrs_objects::{int, protocol, structseq, tuple, Args, PyErr, PyResult, SyncCell, Value};

use crate::argconv::{add_functions, last_errno, module_dict, os_error, type_name};

// ----- paths -----

/// A path argument: the object given, its bytes, and whether answers are bytes.
struct Path {
    object: Value,
    bytes: Vec<u8>,
    is_bytes: bool,
}

impl Path {
    fn c(&self) -> PyResult<CString> {
        CString::new(self.bytes.clone()).map_err(|_| PyErr::value_error("embedded null byte"))
    }

    fn error(&self) -> PyErr {
        os_error(last_errno(), Some(&self.object), None)
    }
}

fn path_arg(v: &Value, func: &str, arg: &str) -> PyResult<Path> {
    let fspath = if v.downcast::<StrData>().is_some() || v.downcast::<BytesData>().is_some() {
        v.clone()
    } else {
        match protocol::lookup_special(v, "__fspath__")? {
            Some(f) => {
                let p = protocol::call1(&f, &[])?;
                if p.downcast::<StrData>().is_none() && p.downcast::<BytesData>().is_none() {
                    return Err(PyErr::type_error(format!(
                        "expected {}.__fspath__() to return str or bytes, not {}",
                        type_name(v),
                        type_name(&p)
                    )));
                }
                p
            }
            None => {
                let kinds = match func {
                    "listdir" | "scandir" => "string, bytes, os.PathLike, integer or None",
                    "stat" | "chdir" | "chmod" => "string, bytes, os.PathLike or integer",
                    _ => "string, bytes or os.PathLike",
                };
                return Err(PyErr::type_error(format!(
                    "{func}: {arg} should be {kinds}, not {}",
                    type_name(v)
                )));
            }
        }
    };
    let (bytes, is_bytes) = match fspath.downcast::<StrData>() {
        Some(d) => (
            pyrs_objects::codecs::encode(&fspath, d, Some("utf-8"), Some("surrogateescape"))?,
            false,
        ),
        None => (
            fspath
                .downcast::<BytesData>()
                .map(|b| b.as_bytes().to_vec())
                .unwrap_or_default(),
            true,
        ),
    };
    if bytes.contains(&0) {
        return Err(PyErr::value_error(format!(
            "{func}: embedded null character in {arg}"
        )));
    }
    Ok(Path {
        object: v.clone(),
        bytes,
        is_bytes,
    })
}

/// A file name from the system, as `str` (surrogateescape) or `bytes`.
fn name_value(bytes: &[u8], as_bytes: bool) -> PyResult<Value> {
    if as_bytes {
        Ok(pyrs_objects::bytes::new(bytes.to_vec()))
    } else {
        pyrs_objects::codecs::decode(bytes, Some("utf-8"), Some("surrogateescape"))
    }
}

fn fd_arg(v: &Value) -> PyResult<i32> {
    if v.downcast::<pyrs_objects::float::FloatData>().is_some() {
        return Err(PyErr::type_error(
            "'float' object cannot be interpreted as an integer",
        ));
    }
    let n = crate::argconv::index_arg(v)?;
    i32::try_from(n).map_err(|_| {
        PyErr::overflow_error(if n < 0 {
            "fd is less than minimum"
        } else {
            "fd is greater than maximum"
        })
    })
}

fn check_no_dir_fd(dir_fd: &Option<Value>, func: &str) -> PyResult<()> {
    if let Some(d) = dir_fd {
        if !protocol::is_none(d) {
            return Err(PyErr::not_implemented(format!(
                "{func}: dir_fd unavailable on this platform"
            )));
        }
    }
    Ok(())
}

// ----- stat_result -----

const STAT_FIELDS: [&str; 10] = [
    "st_mode", "st_ino", "st_dev", "st_nlink", "st_uid", "st_gid", "st_size", "st_atime",
    "st_mtime", "st_ctime",
];
const STAT_HIDDEN: [&str; 9] = [
    "st_atime",
    "st_mtime",
    "st_ctime",
    "st_atime_ns",
    "st_mtime_ns",
    "st_ctime_ns",
    "st_blksize",
    "st_blocks",
    "st_rdev",
];

struct PosixTypes {
    stat_result: Value,
    terminal_size: Value,
    uname_result: Value,
    dir_entry: Value,
    scandir_iterator: Value,
}

static TYPES: OnceLock<SyncCell<PosixTypes>> = OnceLock::new();

fn types() -> &'static PosixTypes {
    &TYPES.get_or_init(|| SyncCell(make_types())).0
}

static TERMINAL_SIZE: structseq::StructSeqDesc = structseq::StructSeqDesc {
    module: "os",
    name: "terminal_size",
    doc: "A tuple of (columns, lines) for holding terminal window size",
    fields: &["columns", "lines"],
};

static UNAME_RESULT: structseq::StructSeqDesc = structseq::StructSeqDesc {
    module: "posix",
    name: "uname_result",
    doc: "uname_result: Result from os.uname().",
    fields: &["sysname", "nodename", "release", "version", "machine"],
};

macro_rules! stat_getters {
    ($($name:ident = $i:literal),*) => {
        $(fn $name(obj: &Value) -> PyResult<Value> {
            match obj.downcast::<TupleData>().and_then(|t| t.items().get($i)) {
                Some(v) => Ok(v.clone()),
                None => Err(PyErr::type_error("descriptor requires a 'os.stat_result' object")),
            }
        })*
    };
}

stat_getters!(
    get_mode = 0,
    get_ino = 1,
    get_dev = 2,
    get_nlink = 3,
    get_uid = 4,
    get_gid = 5,
    get_size = 6
);

const STAT_METHODS: &[MethodDef] = &[
    MethodDef::new("st_mode", MethodKind::GetSet(get_mode, None)),
    MethodDef::new("st_ino", MethodKind::GetSet(get_ino, None)),
    MethodDef::new("st_dev", MethodKind::GetSet(get_dev, None)),
    MethodDef::new("st_nlink", MethodKind::GetSet(get_nlink, None)),
    MethodDef::new("st_uid", MethodKind::GetSet(get_uid, None)),
    MethodDef::new("st_gid", MethodKind::GetSet(get_gid, None)),
    MethodDef::new("st_size", MethodKind::GetSet(get_size, None)),
    MethodDef::new("__reduce__", MethodKind::Method(stat_reduce)),
];

fn make_types() -> PosixTypes {
    let stat_result = TypeBuilder::new::<TupleData>("stat_result")
        .base(&pyrs_objects::types().tuple)
        .module("os")
        .with_dict()
        .doc("stat_result: Result from stat, fstat, or lstat.")
        .methods(STAT_METHODS)
        .slots(|s| {
            s.repr.set(Some(stat_repr));
            s.new.set(Some(stat_new));
        })
        .build();
    let dict = pyrs_objects::typeobject::type_data(&stat_result).map(|t| t.dict().clone());
    if let Some(d) = dict
        .as_ref()
        .and_then(|d| d.downcast::<pyrs_objects::dict::DictData>())
    {
        d.set_str("n_sequence_fields", Value::small(10));
        d.set_str("n_fields", Value::small(19));
        d.set_str("n_unnamed_fields", Value::small(3));
        let names: Vec<Value> = STAT_FIELDS[..7]
            .iter()
            .map(|f| pyrs_objects::str::intern(f))
            .collect();
        d.set_str("__match_args__", tuple::new(names));
    }
    let dir_entry = TypeBuilder::new::<DirEntryData>("DirEntry")
        .module("posix")
        .methods(DIR_ENTRY_METHODS)
        .slots(|s| s.repr.set(Some(dir_entry_repr)))
        .build();
    let scandir_iterator = TypeBuilder::new::<ScandirData>("ScandirIterator")
        .module("posix")
        .methods(SCANDIR_METHODS)
        .slots(|s| {
            s.iter.set(Some(|v| Ok(v.clone())));
            s.next.set(Some(scandir_next));
        })
        .build();
    PosixTypes {
        stat_result,
        terminal_size: structseq::new_type(&TERMINAL_SIZE),
        uname_result: structseq::new_type(&UNAME_RESULT),
        dir_entry,
        scandir_iterator,
    }
}

fn stat_repr(obj: &Value) -> PyResult<Value> {
    let items = obj
        .downcast::<TupleData>()
        .map_or(&[][..], TupleData::items);
    let mut out = String::from("os.stat_result(");
    for (i, (name, item)) in STAT_FIELDS.iter().zip(items).enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(name);
        out.push('=');
        out.push_str(&protocol::repr_string(item)?);
    }
    out.push(')');
    Ok(pyrs_objects::str::new(&out))
}

fn set_hidden(obj: &Value, values: &[Value]) -> PyResult<()> {
    for (name, v) in STAT_HIDDEN.iter().zip(values) {
        protocol::generic_setattr(obj, &pyrs_objects::str::intern(name), Some(v))?;
    }
    Ok(())
}

fn stat_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    let [seq, _dict] = args.bind("stat_result", ["sequence", "dict"], 1, 0, 2)?;
    let items = protocol::collect(&seq.expect("required"))?;
    if items.len() < 10 {
        return Err(PyErr::type_error(format!(
            "os.stat_result() takes an at least 10-sequence ({}-sequence given)",
            items.len()
        )));
    }
    if items.len() > 19 {
        return Err(PyErr::type_error(format!(
            "os.stat_result() takes an at most 19-sequence ({}-sequence given)",
            items.len()
        )));
    }
    let obj = pyrs_objects::object::alloc(cls, TupleData::new(items[..10].to_vec()));
    let mut hidden: Vec<Value> = items[10..].to_vec();
    // The float times default to the int ones.
    for k in hidden.len()..STAT_HIDDEN.len() {
        hidden.push(if k < 3 {
            items[7 + k].clone()
        } else {
            pyrs_objects::none()
        });
    }
    set_hidden(&obj, &hidden)?;
    Ok(obj)
}

fn stat_reduce(args: Args<'_>) -> PyResult<Value> {
    let obj = args.exact("__reduce__", 1, 1)?[0].clone();
    let items = obj
        .downcast::<TupleData>()
        .map_or(vec![], |t| t.items().to_vec());
    let d = protocol::instance_dict(&obj).unwrap_or_else(pyrs_objects::dict::new);
    Ok(tuple::new(vec![
        obj.class().clone(),
        tuple::new(vec![tuple::new(items), d]),
    ]))
}

fn stat_value(st: &libc::stat) -> PyResult<Value> {
    let t = types();
    let secs_ns = |s: i64, ns: i64| (s, ns);
    let times = [
        secs_ns(st.st_atime, st.st_atime_nsec),
        secs_ns(st.st_mtime, st.st_mtime_nsec),
        secs_ns(st.st_ctime, st.st_ctime_nsec),
    ];
    let mut items = vec![
        int::from_i64(st.st_mode as i64),
        pyrs_objects::int::from_bigint(st.st_ino.into()),
        pyrs_objects::int::from_bigint(st.st_dev.into()),
        int::from_i64(st.st_nlink as i64),
        int::from_i64(st.st_uid as i64),
        int::from_i64(st.st_gid as i64),
        int::from_i64(st.st_size),
    ];
    for (s, _) in times {
        items.push(int::from_i64(s));
    }
    let obj = pyrs_objects::object::alloc(&t.stat_result, TupleData::new(items));
    let mut hidden = Vec::new();
    for (s, ns) in times {
        hidden.push(pyrs_objects::float::new(s as f64 + ns as f64 * 1e-9));
    }
    for (s, ns) in times {
        let total = num_ns(s, ns);
        hidden.push(total);
    }
    hidden.push(int::from_i64(st.st_blksize));
    hidden.push(int::from_i64(st.st_blocks));
    hidden.push(pyrs_objects::int::from_bigint(st.st_rdev.into()));
    set_hidden(&obj, &hidden)?;
    Ok(obj)
}

fn num_ns(s: i64, ns: i64) -> Value {
    let total = s as i128 * 1_000_000_000 + ns as i128;
    match i64::try_from(total) {
        Ok(v) => int::from_i64(v),
        Err(_) => pyrs_objects::int::from_bigint(total.into()),
    }
}

fn do_stat(target: &Value, func: &str, follow: bool) -> PyResult<Value> {
    // SAFETY: `st` is written by the system call before it is read.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    if let Some(fd) = pyrs_objects::int::as_i64(target) {
        if target
            .downcast::<pyrs_objects::float::FloatData>()
            .is_none()
        {
            // SAFETY: st is a valid stat buffer.
            if unsafe { libc::fstat(fd as i32, &mut st) } != 0 {
                return Err(os_error(last_errno(), None, None));
            }
            return stat_value(&st);
        }
    }
    let path = path_arg(target, func, "path")?;
    let c = path.c()?;
    // SAFETY: c is NUL-terminated; st is a valid stat buffer.
    let r = unsafe {
        if follow {
            libc::stat(c.as_ptr(), &mut st)
        } else {
            libc::lstat(c.as_ptr(), &mut st)
        }
    };
    if r != 0 {
        return Err(path.error());
    }
    stat_value(&st)
}

fn stat(args: Args<'_>) -> PyResult<Value> {
    let [path, dir_fd, follow] =
        args.bind("stat", ["path", "dir_fd", "follow_symlinks"], 1, 0, 1)?;
    check_no_dir_fd(&dir_fd, "stat")?;
    let follow = crate::argconv::bool_arg(follow.as_ref(), true)?;
    do_stat(&path.expect("required"), "stat", follow)
}

fn lstat(args: Args<'_>) -> PyResult<Value> {
    let [path, dir_fd] = args.bind("lstat", ["path", "dir_fd"], 1, 0, 1)?;
    check_no_dir_fd(&dir_fd, "lstat")?;
    do_stat(&path.expect("required"), "lstat", false)
}

fn fstat(args: Args<'_>) -> PyResult<Value> {
    let [fd] = args.bind("fstat", ["fd"], 1, 0, 1)?;
    let fd = fd_arg(&fd.expect("required"))?;
    // SAFETY: st is written by fstat before it is read.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: st is a valid stat buffer.
    if unsafe { libc::fstat(fd, &mut st) } != 0 {
        return Err(os_error(last_errno(), None, None));
    }
    stat_value(&st)
}

// ----- directories -----

fn getcwd_bytes() -> PyResult<Vec<u8>> {
    std::env::current_dir()
        .map(|p| p.as_os_str().as_bytes().to_vec())
        .map_err(|e| os_error(e.raw_os_error().unwrap_or(0), None, None))
}

fn getcwd(args: Args<'_>) -> PyResult<Value> {
    args.exact("getcwd", 0, 0)?;
    name_value(&getcwd_bytes()?, false)
}

fn getcwdb(args: Args<'_>) -> PyResult<Value> {
    args.exact("getcwdb", 0, 0)?;
    name_value(&getcwd_bytes()?, true)
}

fn chdir(args: Args<'_>) -> PyResult<Value> {
    let [path] = args.bind("chdir", ["path"], 1, 0, 1)?;
    let path = path_arg(&path.expect("required"), "chdir", "path")?;
    let c = path.c()?;
    // SAFETY: c is NUL-terminated.
    if unsafe { libc::chdir(c.as_ptr()) } != 0 {
        return Err(path.error());
    }
    Ok(pyrs_objects::none())
}

fn default_dot(path: Option<Value>) -> Value {
    match path {
        Some(p) if !protocol::is_none(&p) => p,
        _ => pyrs_objects::str::new("."),
    }
}

fn listdir(args: Args<'_>) -> PyResult<Value> {
    let [path] = args.bind("listdir", ["path"], 0, 0, 1)?;
    let path = path_arg(&default_dot(path), "listdir", "path")?;
    let dir = std::fs::read_dir(std::ffi::OsStr::from_bytes(&path.bytes))
        .map_err(|e| os_error(e.raw_os_error().unwrap_or(0), Some(&path.object), None))?;
    let mut names = Vec::new();
    for entry in dir {
        let entry =
            entry.map_err(|e| os_error(e.raw_os_error().unwrap_or(0), Some(&path.object), None))?;
        names.push(name_value(entry.file_name().as_bytes(), path.is_bytes)?);
    }
    Ok(pyrs_objects::list::new(names))
}

/// A `DirEntry`.
struct DirEntryData {
    name: Value,
    path: Value,
    file_type: Option<std::fs::FileType>,
    ino: u64,
    stat: RefCell<Option<Value>>,
    lstat: RefCell<Option<Value>>,
}

impl pyrs_objects::object::Payload for DirEntryData {}

const DIR_ENTRY_METHODS: &[MethodDef] = &[
    MethodDef::new("name", MethodKind::GetSet(entry_name, None)),
    MethodDef::new("path", MethodKind::GetSet(entry_path, None)),
    MethodDef::new("is_dir", MethodKind::Method(entry_is_dir)),
    MethodDef::new("is_file", MethodKind::Method(entry_is_file)),
    MethodDef::new("is_symlink", MethodKind::Method(entry_is_symlink)),
    MethodDef::new("is_junction", MethodKind::Method(entry_is_junction)),
    MethodDef::new("stat", MethodKind::Method(entry_stat)),
    MethodDef::new("inode", MethodKind::Method(entry_inode)),
    MethodDef::new("__fspath__", MethodKind::Method(entry_fspath)),
];

fn entry(obj: &Value) -> PyResult<&DirEntryData> {
    protocol::self_payload::<DirEntryData>(obj, "name", "posix.DirEntry")
}

fn entry_name(obj: &Value) -> PyResult<Value> {
    Ok(entry(obj)?.name.clone())
}

fn entry_path(obj: &Value) -> PyResult<Value> {
    Ok(entry(obj)?.path.clone())
}

fn entry_self<'a>(args: &Args<'a>, method: &str) -> PyResult<&'a DirEntryData> {
    crate::_io::this(args, method, "posix.DirEntry")
}

fn follow_arg(args: &Args<'_>, method: &str) -> PyResult<bool> {
    let [follow] = args
        .skip_first()
        .bind(method, ["follow_symlinks"], 0, 0, 0)?;
    crate::argconv::bool_arg(follow.as_ref(), true)
}

fn entry_stat_value(d: &DirEntryData, follow: bool) -> PyResult<Value> {
    let cache = if follow { &d.stat } else { &d.lstat };
    if let Some(v) = cache.borrow().clone() {
        return Ok(v);
    }
    let v = do_stat(&d.path, "stat", follow)?;
    *cache.borrow_mut() = Some(v.clone());
    Ok(v)
}

fn entry_mode_is(d: &DirEntryData, follow: bool, kind: u32) -> PyResult<bool> {
    let is_link = d.file_type.map(|t| t.is_symlink()).unwrap_or(false);
    if let Some(t) = d.file_type {
        if !(follow && is_link) {
            return Ok(match kind {
                libc::S_IFDIR => t.is_dir(),
                libc::S_IFREG => t.is_file(),
                _ => t.is_symlink(),
            });
        }
    }
    match entry_stat_value(d, follow) {
        Ok(st) => {
            let mode = protocol::getitem(&st, &Value::small(0))?;
            let mode = crate::argconv::index_arg(&mode)? as u32;
            Ok(mode & libc::S_IFMT == kind)
        }
        Err(e) if e.is(pyrs_objects::ExcKind::FileNotFoundError) => Ok(false),
        Err(e) => Err(e),
    }
}

fn entry_is_dir(args: Args<'_>) -> PyResult<Value> {
    let d = entry_self(&args, "is_dir")?;
    let follow = follow_arg(&args, "is_dir")?;
    Ok(pyrs_objects::bool(entry_mode_is(d, follow, libc::S_IFDIR)?))
}

fn entry_is_file(args: Args<'_>) -> PyResult<Value> {
    let d = entry_self(&args, "is_file")?;
    let follow = follow_arg(&args, "is_file")?;
    Ok(pyrs_objects::bool(entry_mode_is(d, follow, libc::S_IFREG)?))
}

fn entry_is_symlink(args: Args<'_>) -> PyResult<Value> {
    let d = entry_self(&args, "is_symlink")?;
    args.exact("is_symlink", 1, 1)?;
    Ok(pyrs_objects::bool(entry_mode_is(d, false, libc::S_IFLNK)?))
}

fn entry_is_junction(args: Args<'_>) -> PyResult<Value> {
    entry_self(&args, "is_junction")?;
    Ok(pyrs_objects::bool(false))
}

fn entry_stat(args: Args<'_>) -> PyResult<Value> {
    let d = entry_self(&args, "stat")?;
    let follow = follow_arg(&args, "stat")?;
    entry_stat_value(d, follow)
}

fn entry_inode(args: Args<'_>) -> PyResult<Value> {
    let d = entry_self(&args, "inode")?;
    Ok(pyrs_objects::int::from_bigint(d.ino.into()))
}

fn entry_fspath(args: Args<'_>) -> PyResult<Value> {
    let d = entry_self(&args, "__fspath__")?;
    Ok(d.path.clone())
}

fn dir_entry_repr(obj: &Value) -> PyResult<Value> {
    let d = entry(obj)?;
    Ok(pyrs_objects::str::new(&format!(
        "<DirEntry {}>",
        protocol::repr_string(&d.name)?
    )))
}

/// A `ScandirIterator`.
struct ScandirData {
    dir: RefCell<Option<std::fs::ReadDir>>,
    path: Path,
    exhausted: Cell<bool>,
}

impl pyrs_objects::object::Payload for ScandirData {}

const SCANDIR_METHODS: &[MethodDef] = &[
    MethodDef::new("close", MethodKind::Method(scandir_close)),
    MethodDef::new("__enter__", MethodKind::Method(scandir_enter)),
    MethodDef::new("__exit__", MethodKind::Method(scandir_exit)),
];

fn scandir(args: Args<'_>) -> PyResult<Value> {
    let [path] = args.bind("scandir", ["path"], 0, 0, 1)?;
    let given = path.clone().filter(|p| !protocol::is_none(p));
    let path = path_arg(&default_dot(path), "scandir", "path")?;
    let dir = std::fs::read_dir(std::ffi::OsStr::from_bytes(&path.bytes))
        .map_err(|e| os_error(e.raw_os_error().unwrap_or(0), Some(&path.object), None))?;
    let _ = given;
    Ok(pyrs_objects::object::alloc(
        &types().scandir_iterator,
        ScandirData {
            dir: RefCell::new(Some(dir)),
            path,
            exhausted: Cell::new(false),
        },
    ))
}

fn scandir_next(obj: &Value) -> PyResult<Option<Value>> {
    let d = protocol::self_payload::<ScandirData>(obj, "__next__", "posix.ScandirIterator")?;
    if d.exhausted.get() {
        return Ok(None);
    }
    let next = match d.dir.borrow_mut().as_mut() {
        Some(it) => it.next(),
        None => None,
    };
    let Some(entry) = next else {
        d.exhausted.set(true);
        *d.dir.borrow_mut() = None;
        return Ok(None);
    };
    let entry =
        entry.map_err(|e| os_error(e.raw_os_error().unwrap_or(0), Some(&d.path.object), None))?;
    let name_bytes = entry.file_name().as_bytes().to_vec();
    let mut full = d.path.bytes.clone();
    if !full.ends_with(b"/") {
        full.push(b'/');
    }
    full.extend_from_slice(&name_bytes);
    let ino = std::os::unix::fs::DirEntryExt::ino(&entry);
    Ok(Some(pyrs_objects::object::alloc(
        &types().dir_entry,
        DirEntryData {
            name: name_value(&name_bytes, d.path.is_bytes)?,
            path: name_value(&full, d.path.is_bytes)?,
            file_type: entry.file_type().ok(),
            ino,
            stat: RefCell::new(None),
            lstat: RefCell::new(None),
        },
    )))
}

fn scandir_close(args: Args<'_>) -> PyResult<Value> {
    let d = crate::_io::this::<ScandirData>(&args, "close", "posix.ScandirIterator")?;
    *d.dir.borrow_mut() = None;
    d.exhausted.set(true);
    Ok(pyrs_objects::none())
}

fn scandir_enter(args: Args<'_>) -> PyResult<Value> {
    crate::_io::this::<ScandirData>(&args, "__enter__", "posix.ScandirIterator")?;
    Ok(args.pos()[0].clone())
}

fn scandir_exit(args: Args<'_>) -> PyResult<Value> {
    scandir_close(Args::positional(&args.pos()[..1]))
}

fn simple_path_call(args: Args<'_>, func: &str, call: impl Fn(&CString) -> i32) -> PyResult<Value> {
    let [path, dir_fd] = args.bind(func, ["path", "dir_fd"], 1, 0, 1)?;
    check_no_dir_fd(&dir_fd, func)?;
    let path = path_arg(&path.expect("required"), func, "path")?;
    let c = path.c()?;
    if call(&c) != 0 {
        return Err(path.error());
    }
    Ok(pyrs_objects::none())
}

fn mkdir(args: Args<'_>) -> PyResult<Value> {
    let [path, mode, dir_fd] = args.bind("mkdir", ["path", "mode", "dir_fd"], 1, 0, 2)?;
    check_no_dir_fd(&dir_fd, "mkdir")?;
    let path = path_arg(&path.expect("required"), "mkdir", "path")?;
    let mode = match &mode {
        Some(m) => crate::argconv::index_arg(m)? as libc::mode_t,
        None => 0o777,
    };
    let c = path.c()?;
    // SAFETY: c is NUL-terminated.
    if unsafe { libc::mkdir(c.as_ptr(), mode) } != 0 {
        return Err(path.error());
    }
    Ok(pyrs_objects::none())
}

fn rmdir(args: Args<'_>) -> PyResult<Value> {
    // SAFETY: the path is NUL-terminated.
    simple_path_call(args, "rmdir", |c| unsafe { libc::rmdir(c.as_ptr()) })
}

fn unlink(args: Args<'_>) -> PyResult<Value> {
    // SAFETY: the path is NUL-terminated.
    simple_path_call(args, "unlink", |c| unsafe { libc::unlink(c.as_ptr()) })
}

fn remove(args: Args<'_>) -> PyResult<Value> {
    // SAFETY: the path is NUL-terminated.
    simple_path_call(args, "remove", |c| unsafe { libc::unlink(c.as_ptr()) })
}

fn rename_impl(args: Args<'_>, func: &str) -> PyResult<Value> {
    let [src, dst, sfd, dfd] =
        args.bind(func, ["src", "dst", "src_dir_fd", "dst_dir_fd"], 2, 0, 2)?;
    check_no_dir_fd(&sfd, func)?;
    check_no_dir_fd(&dfd, func)?;
    let src = path_arg(&src.expect("required"), func, "src")?;
    let dst = path_arg(&dst.expect("required"), func, "dst")?;
    let (a, b) = (src.c()?, dst.c()?);
    // SAFETY: both paths are NUL-terminated.
    if unsafe { libc::rename(a.as_ptr(), b.as_ptr()) } != 0 {
        return Err(os_error(last_errno(), Some(&src.object), Some(&dst.object)));
    }
    Ok(pyrs_objects::none())
}

fn rename(args: Args<'_>) -> PyResult<Value> {
    rename_impl(args, "rename")
}

fn replace(args: Args<'_>) -> PyResult<Value> {
    rename_impl(args, "replace")
}

fn access(args: Args<'_>) -> PyResult<Value> {
    let [path, mode, dir_fd, _eff, _follow] = args.bind(
        "access",
        ["path", "mode", "dir_fd", "effective_ids", "follow_symlinks"],
        2,
        0,
        2,
    )?;
    check_no_dir_fd(&dir_fd, "access")?;
    let path = path_arg(&path.expect("required"), "access", "path")?;
    let mode = crate::argconv::index_arg(&mode.expect("required"))? as i32;
    let c = path.c()?;
    // SAFETY: c is NUL-terminated.
    Ok(pyrs_objects::bool(
        unsafe { libc::access(c.as_ptr(), mode) } == 0,
    ))
}

fn chmod(args: Args<'_>) -> PyResult<Value> {
    let [path, mode, dir_fd, _follow] = args.bind(
        "chmod",
        ["path", "mode", "dir_fd", "follow_symlinks"],
        2,
        0,
        2,
    )?;
    check_no_dir_fd(&dir_fd, "chmod")?;
    let mode = crate::argconv::index_arg(&mode.expect("required"))? as libc::mode_t;
    let path = path.expect("required");
    if let Some(fd) = pyrs_objects::int::as_i64(&path) {
        // SAFETY: fchmod on any descriptor is memory-safe.
        if unsafe { libc::fchmod(fd as i32, mode) } != 0 {
            return Err(os_error(last_errno(), None, None));
        }
        return Ok(pyrs_objects::none());
    }
    let path = path_arg(&path, "chmod", "path")?;
    let c = path.c()?;
    // SAFETY: c is NUL-terminated.
    if unsafe { libc::chmod(c.as_ptr(), mode) } != 0 {
        return Err(path.error());
    }
    Ok(pyrs_objects::none())
}

fn readlink(args: Args<'_>) -> PyResult<Value> {
    let [path, dir_fd] = args.bind("readlink", ["path", "dir_fd"], 1, 0, 1)?;
    check_no_dir_fd(&dir_fd, "readlink")?;
    let path = path_arg(&path.expect("required"), "readlink", "path")?;
    let target = std::fs::read_link(std::ffi::OsStr::from_bytes(&path.bytes))
        .map_err(|e| os_error(e.raw_os_error().unwrap_or(0), Some(&path.object), None))?;
    name_value(target.as_os_str().as_bytes(), path.is_bytes)
}

fn symlink(args: Args<'_>) -> PyResult<Value> {
    let [src, dst, _is_dir, dir_fd] = args.bind(
        "symlink",
        ["src", "dst", "target_is_directory", "dir_fd"],
        2,
        0,
        3,
    )?;
    check_no_dir_fd(&dir_fd, "symlink")?;
    let src = path_arg(&src.expect("required"), "symlink", "src")?;
    let dst = path_arg(&dst.expect("required"), "symlink", "dst")?;
    let (a, b) = (src.c()?, dst.c()?);
    // SAFETY: both paths are NUL-terminated.
    if unsafe { libc::symlink(a.as_ptr(), b.as_ptr()) } != 0 {
        return Err(os_error(last_errno(), Some(&src.object), Some(&dst.object)));
    }
    Ok(pyrs_objects::none())
}

// ----- file descriptors -----

fn os_open(args: Args<'_>) -> PyResult<Value> {
    let [path, flags, mode, dir_fd] =
        args.bind("open", ["path", "flags", "mode", "dir_fd"], 2, 0, 3)?;
    check_no_dir_fd(&dir_fd, "open")?;
    let path = path_arg(&path.expect("required"), "open", "path")?;
    let flags = crate::argconv::index_arg(&flags.expect("required"))? as i32 | libc::O_CLOEXEC;
    let mode = match &mode {
        Some(m) => crate::argconv::index_arg(m)? as libc::c_uint,
        None => 0o777,
    };
    let c = path.c()?;
    loop {
        // SAFETY: c is NUL-terminated.
        let fd = unsafe { libc::open(c.as_ptr(), flags, mode) };
        if fd >= 0 {
            return Ok(int::from_i64(fd as i64));
        }
        if last_errno() != libc::EINTR {
            return Err(path.error());
        }
        pyrs_vm::signals::check()?;
    }
}

fn os_close(args: Args<'_>) -> PyResult<Value> {
    let [fd] = args.bind("close", ["fd"], 1, 0, 1)?;
    let fd = fd_arg(&fd.expect("required"))?;
    // SAFETY: closing a descriptor is memory-safe.
    if unsafe { libc::close(fd) } != 0 {
        return Err(os_error(last_errno(), None, None));
    }
    Ok(pyrs_objects::none())
}

fn os_read(args: Args<'_>) -> PyResult<Value> {
    let [fd, n] = args.bind("read", ["fd", "length"], 2, 2, 2)?;
    let fd = fd_arg(&fd.expect("required"))?;
    let n = crate::argconv::index_arg(&n.expect("required"))?;
    if n < 0 {
        return Err(os_error(libc::EINVAL, None, None));
    }
    match crate::_io::read_fd(fd, n as usize)? {
        Some(b) => Ok(pyrs_objects::bytes::new(b)),
        None => Err(os_error(libc::EAGAIN, None, None)),
    }
}

fn os_write(args: Args<'_>) -> PyResult<Value> {
    let [fd, data] = args.bind("write", ["fd", "data"], 2, 2, 2)?;
    let fd = fd_arg(&fd.expect("required"))?;
    let data = crate::argconv::buffer_arg(&data.expect("required"))?;
    match crate::_io::write_fd(fd, &data)? {
        Some(n) => Ok(int::from_usize(n)),
        None => Err(os_error(libc::EAGAIN, None, None)),
    }
}

fn os_lseek(args: Args<'_>) -> PyResult<Value> {
    let [fd, pos, how] = args.bind("lseek", ["fd", "position", "whence"], 3, 3, 3)?;
    let fd = fd_arg(&fd.expect("required"))?;
    let pos = crate::argconv::index_arg(&pos.expect("required"))?;
    let how = crate::argconv::index_arg(&how.expect("required"))? as i32;
    // SAFETY: lseek on any descriptor is memory-safe.
    let r = unsafe { libc::lseek(fd, pos, how) };
    if r < 0 {
        return Err(os_error(last_errno(), None, None));
    }
    Ok(int::from_i64(r))
}

fn os_isatty(args: Args<'_>) -> PyResult<Value> {
    let [fd] = args.bind("isatty", ["fd"], 1, 1, 1)?;
    let fd = fd_arg(&fd.expect("required"))?;
    // SAFETY: isatty on any descriptor is memory-safe.
    Ok(pyrs_objects::bool(unsafe { libc::isatty(fd) } == 1))
}

fn ftruncate(args: Args<'_>) -> PyResult<Value> {
    let [fd, length] = args.bind("ftruncate", ["fd", "length"], 2, 2, 2)?;
    let fd = fd_arg(&fd.expect("required"))?;
    let n = crate::argconv::index_arg(&length.expect("required"))?;
    // SAFETY: ftruncate on any descriptor is memory-safe.
    if unsafe { libc::ftruncate(fd, n) } != 0 {
        return Err(os_error(last_errno(), None, None));
    }
    Ok(pyrs_objects::none())
}

fn get_terminal_size(args: Args<'_>) -> PyResult<Value> {
    let [fd] = args.bind("get_terminal_size", ["fd"], 0, 1, 1)?;
    let fd = match &fd {
        Some(f) => fd_arg(f)?,
        None => 1,
    };
    // SAFETY: ws is written by the ioctl before it is read.
    let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
    // SAFETY: TIOCGWINSZ writes a winsize.
    if unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut ws) } != 0 {
        return Err(os_error(last_errno(), None, None));
    }
    Ok(structseq::new(
        &types().terminal_size,
        vec![
            int::from_i64(ws.ws_col as i64),
            int::from_i64(ws.ws_row as i64),
        ],
    ))
}

// ----- the process -----

fn getpid(args: Args<'_>) -> PyResult<Value> {
    args.exact("getpid", 0, 0)?;
    Ok(int::from_i64(std::process::id() as i64))
}

macro_rules! id_function {
    ($($name:ident => $call:ident),*) => {
        $(fn $name(args: Args<'_>) -> PyResult<Value> {
            args.exact(stringify!($name), 0, 0)?;
            // SAFETY: these calls cannot fail and touch no memory.
            Ok(int::from_i64(unsafe { libc::$call() } as i64))
        })*
    };
}

id_function!(getppid => getppid, getuid => getuid, geteuid => geteuid, getgid => getgid, getegid => getegid);

fn exit_now(args: Args<'_>) -> PyResult<Value> {
    let [code] = args.bind("_exit", ["status"], 1, 0, 1)?;
    let code = crate::argconv::index_arg(&code.expect("required"))?;
    pyrs_vm::sys::flush_stdout();
    // SAFETY: _exit ends the process at once, as os._exit does.
    unsafe { libc::_exit(code as i32) }
}

fn urandom(args: Args<'_>) -> PyResult<Value> {
    let [n] = args.bind("urandom", ["size"], 1, 1, 1)?;
    let n = crate::argconv::index_arg(&n.expect("required"))?;
    if n < 0 {
        return Err(PyErr::value_error("negative argument not allowed"));
    }
    let mut buf = Vec::new();
    crate::argconv::grow(&mut buf, n as usize, 0u8)?;
    let mut filled = 0;
    while filled < buf.len() {
        // SAFETY: the buffer has room for the requested bytes.
        let r =
            unsafe { libc::getrandom(buf[filled..].as_mut_ptr().cast(), buf.len() - filled, 0) };
        if r < 0 {
            if last_errno() == libc::EINTR {
                pyrs_vm::signals::check()?;
                continue;
            }
            return Err(os_error(last_errno(), None, None));
        }
        filled += r as usize;
    }
    Ok(pyrs_objects::bytes::new(buf))
}

fn strerror(args: Args<'_>) -> PyResult<Value> {
    let [code] = args.bind("strerror", ["code"], 1, 1, 1)?;
    let code = crate::argconv::index_arg(&code.expect("required"))?;
    Ok(pyrs_objects::str::new(&crate::argconv::strerror(
        code as i32,
    )))
}

fn fspath(args: Args<'_>) -> PyResult<Value> {
    let [path] = args.bind("fspath", ["path"], 1, 0, 1)?;
    let path = path.expect("required");
    if path.downcast::<StrData>().is_some() || path.downcast::<BytesData>().is_some() {
        return Ok(path);
    }
    match protocol::lookup_special(&path, "__fspath__")? {
        Some(f) => {
            let p = protocol::call1(&f, &[])?;
            if p.downcast::<StrData>().is_none() && p.downcast::<BytesData>().is_none() {
                return Err(PyErr::type_error(format!(
                    "expected {}.__fspath__() to return str or bytes, not {}",
                    type_name(&path),
                    type_name(&p)
                )));
            }
            Ok(p)
        }
        None => Err(PyErr::type_error(format!(
            "expected str, bytes or os.PathLike object, not {}",
            type_name(&path)
        ))),
    }
}

fn cpu_count(args: Args<'_>) -> PyResult<Value> {
    args.exact("cpu_count", 0, 0)?;
    // SAFETY: sysconf touches no memory.
    let n = unsafe { libc::sysconf(libc::_SC_NPROCESSORS_ONLN) };
    Ok(if n < 1 {
        pyrs_objects::none()
    } else {
        int::from_i64(n as i64)
    })
}

fn uname(args: Args<'_>) -> PyResult<Value> {
    args.exact("uname", 0, 0)?;
    // SAFETY: u is written by uname before it is read.
    let mut u: libc::utsname = unsafe { std::mem::zeroed() };
    // SAFETY: u is a valid utsname buffer.
    if unsafe { libc::uname(&mut u) } != 0 {
        return Err(os_error(last_errno(), None, None));
    }
    let field = |f: &[libc::c_char]| -> PyResult<Value> {
        let bytes: Vec<u8> = f
            .iter()
            .take_while(|&&c| c != 0)
            .map(|&c| c as u8)
            .collect();
        name_value(&bytes, false)
    };
    Ok(structseq::new(
        &types().uname_result,
        vec![
            field(&u.sysname)?,
            field(&u.nodename)?,
            field(&u.release)?,
            field(&u.version)?,
            field(&u.machine)?,
        ],
    ))
}

fn env_bytes(v: &Value, what: &str) -> PyResult<Vec<u8>> {
    let b = match v.downcast::<StrData>() {
        Some(d) => pyrs_objects::codecs::encode(v, d, Some("utf-8"), Some("surrogateescape"))?,
        None => match v.downcast::<BytesData>() {
            Some(b) => b.as_bytes().to_vec(),
            None => {
                return Err(PyErr::type_error(format!(
                    "{what}: should be string, bytes or os.PathLike, not {}",
                    type_name(v)
                )))
            }
        },
    };
    if b.contains(&0) {
        return Err(PyErr::value_error(format!("{what}: embedded null byte")));
    }
    Ok(b)
}

fn putenv(args: Args<'_>) -> PyResult<Value> {
    let [name, value] = args.bind("putenv", ["name", "value"], 2, 2, 2)?;
    let name = env_bytes(&name.expect("required"), "putenv")?;
    let value = env_bytes(&value.expect("required"), "putenv")?;
    if name.is_empty() || name.contains(&b'=') {
        return Err(PyErr::value_error("illegal environment variable name"));
    }
    let (n, v) = (CString::new(name).ok(), CString::new(value).ok());
    if let (Some(n), Some(v)) = (n, v) {
        // SAFETY: both strings are NUL-terminated; the interpreter lock serialises access to
        // the environment from Python code.
        if unsafe { libc::setenv(n.as_ptr(), v.as_ptr(), 1) } != 0 {
            return Err(os_error(last_errno(), None, None));
        }
    }
    Ok(pyrs_objects::none())
}

fn unsetenv(args: Args<'_>) -> PyResult<Value> {
    let [name] = args.bind("unsetenv", ["name"], 1, 1, 1)?;
    let name = env_bytes(&name.expect("required"), "unsetenv")?;
    if name.is_empty() || name.contains(&b'=') {
        return Err(PyErr::value_error("illegal environment variable name"));
    }
    if let Ok(n) = CString::new(name) {
        // SAFETY: n is NUL-terminated; see putenv.
        if unsafe { libc::unsetenv(n.as_ptr()) } != 0 {
            return Err(os_error(last_errno(), None, None));
        }
    }
    Ok(pyrs_objects::none())
}

fn umask(args: Args<'_>) -> PyResult<Value> {
    let [mask] = args.bind("umask", ["mask"], 1, 1, 1)?;
    let mask = crate::argconv::index_arg(&mask.expect("required"))?;
    // SAFETY: umask touches no memory.
    Ok(int::from_i64(
        unsafe { libc::umask(mask as libc::mode_t) } as i64
    ))
}

fn device_encoding(args: Args<'_>) -> PyResult<Value> {
    let [fd] = args.bind("device_encoding", ["fd"], 1, 0, 1)?;
    let fd = fd_arg(&fd.expect("required"))?;
    // SAFETY: isatty touches no memory.
    if unsafe { libc::isatty(fd) } == 1 {
        return Ok(pyrs_objects::str::new("utf-8"));
    }
    Ok(pyrs_objects::none())
}

fn pipe(args: Args<'_>) -> PyResult<Value> {
    args.exact("pipe", 0, 0)?;
    let mut fds = [0i32; 2];
    // SAFETY: fds has room for the two descriptors.
    if unsafe { libc::pipe2(fds.as_mut_ptr(), libc::O_CLOEXEC) } != 0 {
        return Err(os_error(last_errno(), None, None));
    }
    Ok(tuple::new(vec![
        int::from_i64(fds[0] as i64),
        int::from_i64(fds[1] as i64),
    ]))
}

fn dup(args: Args<'_>) -> PyResult<Value> {
    let [fd] = args.bind("dup", ["fd"], 1, 1, 1)?;
    let fd = fd_arg(&fd.expect("required"))?;
    // SAFETY: fcntl on any descriptor is memory-safe.
    let r = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) };
    if r < 0 {
        return Err(os_error(last_errno(), None, None));
    }
    Ok(int::from_i64(r as i64))
}

fn dup2(args: Args<'_>) -> PyResult<Value> {
    let [fd, fd2, inheritable] = args.bind("dup2", ["fd", "fd2", "inheritable"], 2, 0, 3)?;
    let fd = fd_arg(&fd.expect("required"))?;
    let fd2 = fd_arg(&fd2.expect("required"))?;
    let inheritable = crate::argconv::bool_arg(inheritable.as_ref(), true)?;
    let flags = if inheritable { 0 } else { libc::O_CLOEXEC };
    // SAFETY: dup3/dup2 on any descriptors are memory-safe.
    let r = unsafe {
        if fd == fd2 {
            libc::dup2(fd, fd2)
        } else {
            libc::dup3(fd, fd2, flags)
        }
    };
    if r < 0 {
        return Err(os_error(last_errno(), None, None));
    }
    Ok(int::from_i64(r as i64))
}

fn get_inheritable(args: Args<'_>) -> PyResult<Value> {
    let [fd] = args.bind("get_inheritable", ["fd"], 1, 1, 1)?;
    let fd = fd_arg(&fd.expect("required"))?;
    // SAFETY: fcntl on any descriptor is memory-safe.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFD) };
    if flags < 0 {
        return Err(os_error(last_errno(), None, None));
    }
    Ok(pyrs_objects::bool(flags & libc::FD_CLOEXEC == 0))
}

fn set_inheritable(args: Args<'_>) -> PyResult<Value> {
    let [fd, inheritable] = args.bind("set_inheritable", ["fd", "inheritable"], 2, 2, 2)?;
    let fd = fd_arg(&fd.expect("required"))?;
    let inheritable = protocol::is_true(&inheritable.expect("required"))?;
    // SAFETY: fcntl on any descriptor is memory-safe.
    unsafe {
        let flags = libc::fcntl(fd, libc::F_GETFD);
        if flags < 0 {
            return Err(os_error(last_errno(), None, None));
        }
        let flags = if inheritable {
            flags & !libc::FD_CLOEXEC
        } else {
            flags | libc::FD_CLOEXEC
        };
        if libc::fcntl(fd, libc::F_SETFD, flags) < 0 {
            return Err(os_error(last_errno(), None, None));
        }
    }
    Ok(pyrs_objects::none())
}

fn get_blocking(args: Args<'_>) -> PyResult<Value> {
    let [fd] = args.bind("get_blocking", ["fd"], 1, 1, 1)?;
    let fd = fd_arg(&fd.expect("required"))?;
    // SAFETY: fcntl on any descriptor is memory-safe.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
    if flags < 0 {
        return Err(os_error(last_errno(), None, None));
    }
    Ok(pyrs_objects::bool(flags & libc::O_NONBLOCK == 0))
}

fn set_blocking(args: Args<'_>) -> PyResult<Value> {
    let [fd, blocking] = args.bind("set_blocking", ["fd", "blocking"], 2, 2, 2)?;
    let fd = fd_arg(&fd.expect("required"))?;
    let blocking = protocol::is_true(&blocking.expect("required"))?;
    // SAFETY: fcntl on any descriptor is memory-safe.
    unsafe {
        let flags = libc::fcntl(fd, libc::F_GETFL);
        if flags < 0 {
            return Err(os_error(last_errno(), None, None));
        }
        let flags = if blocking {
            flags & !libc::O_NONBLOCK
        } else {
            flags | libc::O_NONBLOCK
        };
        if libc::fcntl(fd, libc::F_SETFL, flags) < 0 {
            return Err(os_error(last_errno(), None, None));
        }
    }
    Ok(pyrs_objects::none())
}

fn fsync(args: Args<'_>) -> PyResult<Value> {
    let [fd] = args.bind("fsync", ["fd"], 1, 1, 1)?;
    let fd_v = fd.expect("required");
    let fd = match pyrs_objects::int::as_i64(&fd_v) {
        Some(n) => n as i32,
        None => {
            let n = crate::argconv::call_method(&fd_v, "fileno", &[])?;
            fd_arg(&n)?
        }
    };
    // SAFETY: fsync on any descriptor is memory-safe.
    if unsafe { libc::fsync(fd) } != 0 {
        return Err(os_error(last_errno(), None, None));
    }
    Ok(pyrs_objects::none())
}

fn link(args: Args<'_>) -> PyResult<Value> {
    let [src, dst, sfd, dfd, _follow] = args.bind(
        "link",
        ["src", "dst", "src_dir_fd", "dst_dir_fd", "follow_symlinks"],
        2,
        0,
        2,
    )?;
    check_no_dir_fd(&sfd, "link")?;
    check_no_dir_fd(&dfd, "link")?;
    let src = path_arg(&src.expect("required"), "link", "src")?;
    let dst = path_arg(&dst.expect("required"), "link", "dst")?;
    let (a, b) = (src.c()?, dst.c()?);
    // SAFETY: both paths are NUL-terminated.
    if unsafe { libc::link(a.as_ptr(), b.as_ptr()) } != 0 {
        return Err(os_error(last_errno(), Some(&src.object), Some(&dst.object)));
    }
    Ok(pyrs_objects::none())
}

fn truncate(args: Args<'_>) -> PyResult<Value> {
    let [path, length] = args.bind("truncate", ["path", "length"], 2, 0, 2)?;
    let path = path.expect("required");
    let n = crate::argconv::index_arg(&length.expect("required"))?;
    if let Some(fd) = pyrs_objects::int::as_i64(&path) {
        // SAFETY: ftruncate on any descriptor is memory-safe.
        if unsafe { libc::ftruncate(fd as i32, n) } != 0 {
            return Err(os_error(last_errno(), None, None));
        }
        return Ok(pyrs_objects::none());
    }
    let path = path_arg(&path, "truncate", "path")?;
    let c = path.c()?;
    // SAFETY: c is NUL-terminated.
    if unsafe { libc::truncate(c.as_ptr(), n) } != 0 {
        return Err(path.error());
    }
    Ok(pyrs_objects::none())
}

/// A time argument of `utime` as (seconds, nanoseconds).
fn timespec_of(v: &Value) -> PyResult<libc::timespec> {
    let (sec, nsec) = if let Some(f) = v.downcast::<pyrs_objects::float::FloatData>() {
        let s = f.0.floor();
        (s as i64, ((f.0 - s) * 1e9) as i64)
    } else {
        (crate::argconv::index_arg(v)?, 0)
    };
    Ok(libc::timespec {
        tv_sec: sec,
        tv_nsec: nsec,
    })
}

fn utime(args: Args<'_>) -> PyResult<Value> {
    let [path, times, ns, dir_fd, follow] = args.bind(
        "utime",
        ["path", "times", "ns", "dir_fd", "follow_symlinks"],
        1,
        0,
        2,
    )?;
    check_no_dir_fd(&dir_fd, "utime")?;
    let follow = crate::argconv::bool_arg(follow.as_ref(), true)?;
    let path = path_arg(&path.expect("required"), "utime", "path")?;
    let times = times.filter(|t| !protocol::is_none(t));
    if times.is_some() && ns.is_some() {
        return Err(PyErr::value_error(
            "utime: you may specify either 'times' or 'ns' but not both",
        ));
    }
    let spec: Option<[libc::timespec; 2]> = if let Some(t) = times {
        let items = tuple::items_of(&t)
            .filter(|i| i.len() == 2)
            .ok_or_else(|| {
                PyErr::type_error("utime: 'times' must be either a tuple of two ints or None")
            })?
            .to_vec();
        Some([timespec_of(&items[0])?, timespec_of(&items[1])?])
    } else if let Some(n) = ns {
        let items = tuple::items_of(&n)
            .filter(|i| i.len() == 2)
            .ok_or_else(|| PyErr::type_error("utime: 'ns' must be a tuple of two ints"))?
            .to_vec();
        let one = |v: &Value| -> PyResult<libc::timespec> {
            let total = crate::argconv::index_arg(v)?;
            Ok(libc::timespec {
                tv_sec: total.div_euclid(1_000_000_000),
                tv_nsec: total.rem_euclid(1_000_000_000),
            })
        };
        Some([one(&items[0])?, one(&items[1])?])
    } else {
        None
    };
    let c = path.c()?;
    let flags = if follow { 0 } else { libc::AT_SYMLINK_NOFOLLOW };
    let ptr = spec.as_ref().map_or(std::ptr::null(), |s| s.as_ptr());
    // SAFETY: c is NUL-terminated; ptr is null or points to two timespecs.
    if unsafe { libc::utimensat(libc::AT_FDCWD, c.as_ptr(), ptr, flags) } != 0 {
        return Err(path.error());
    }
    Ok(pyrs_objects::none())
}

fn kill(args: Args<'_>) -> PyResult<Value> {
    let [pid, sig] = args.bind("kill", ["pid", "signal"], 2, 2, 2)?;
    let pid = crate::argconv::index_arg(&pid.expect("required"))?;
    let sig = crate::argconv::index_arg(&sig.expect("required"))?;
    // SAFETY: kill touches no memory.
    if unsafe { libc::kill(pid as libc::pid_t, sig as i32) } != 0 {
        return Err(os_error(last_errno(), None, None));
    }
    pyrs_vm::signals::check()?;
    Ok(pyrs_objects::none())
}

fn system(args: Args<'_>) -> PyResult<Value> {
    let [command] = args.bind("system", ["command"], 1, 0, 1)?;
    let command = path_arg(&command.expect("required"), "system", "command")?;
    let c = command.c()?;
    pyrs_vm::sys::flush_stdout();
    // SAFETY: c is NUL-terminated.
    let r = unsafe { libc::system(c.as_ptr()) };
    Ok(int::from_i64(r as i64))
}

fn waitstatus_to_exitcode(args: Args<'_>) -> PyResult<Value> {
    let [status] = args.bind("waitstatus_to_exitcode", ["status"], 1, 0, 1)?;
    let status = crate::argconv::index_arg(&status.expect("required"))? as i32;
    if libc::WIFEXITED(status) {
        return Ok(int::from_i64(libc::WEXITSTATUS(status) as i64));
    }
    if libc::WIFSIGNALED(status) {
        return Ok(int::from_i64(-(libc::WTERMSIG(status) as i64)));
    }
    Err(PyErr::value_error(format!("invalid wait status: {status}")))
}

const FUNCTIONS: &[(&str, pyrs_objects::native::NativeFn)] = &[
    ("pipe", pipe),
    ("dup", dup),
    ("dup2", dup2),
    ("get_inheritable", get_inheritable),
    ("set_inheritable", set_inheritable),
    ("get_blocking", get_blocking),
    ("set_blocking", set_blocking),
    ("fsync", fsync),
    ("link", link),
    ("truncate", truncate),
    ("utime", utime),
    ("kill", kill),
    ("system", system),
    ("waitstatus_to_exitcode", waitstatus_to_exitcode),
    ("stat", stat),
    ("lstat", lstat),
    ("fstat", fstat),
    ("getcwd", getcwd),
    ("getcwdb", getcwdb),
    ("chdir", chdir),
    ("listdir", listdir),
    ("scandir", scandir),
    ("mkdir", mkdir),
    ("rmdir", rmdir),
    ("unlink", unlink),
    ("remove", remove),
    ("rename", rename),
    ("replace", replace),
    ("access", access),
    ("chmod", chmod),
    ("readlink", readlink),
    ("symlink", symlink),
    ("open", os_open),
    ("close", os_close),
    ("read", os_read),
    ("write", os_write),
    ("lseek", os_lseek),
    ("isatty", os_isatty),
    ("ftruncate", ftruncate),
    ("get_terminal_size", get_terminal_size),
    ("getpid", getpid),
    ("getppid", getppid),
    ("getuid", getuid),
    ("geteuid", geteuid),
    ("getgid", getgid),
    ("getegid", getegid),
    ("_exit", exit_now),
    ("urandom", urandom),
    ("strerror", strerror),
    ("fspath", fspath),
    ("cpu_count", cpu_count),
    ("uname", uname),
    ("putenv", putenv),
    ("unsetenv", unsetenv),
    ("umask", umask),
    ("device_encoding", device_encoding),
];

const CONSTANTS: &[(&str, i64)] = &[
    ("F_OK", libc::F_OK as i64),
    ("R_OK", libc::R_OK as i64),
    ("W_OK", libc::W_OK as i64),
    ("X_OK", libc::X_OK as i64),
    ("O_RDONLY", libc::O_RDONLY as i64),
    ("O_WRONLY", libc::O_WRONLY as i64),
    ("O_RDWR", libc::O_RDWR as i64),
    ("O_APPEND", libc::O_APPEND as i64),
    ("O_CREAT", libc::O_CREAT as i64),
    ("O_EXCL", libc::O_EXCL as i64),
    ("O_TRUNC", libc::O_TRUNC as i64),
    ("O_NONBLOCK", libc::O_NONBLOCK as i64),
    ("O_NDELAY", libc::O_NDELAY as i64),
    ("O_SYNC", libc::O_SYNC as i64),
    ("O_DSYNC", libc::O_DSYNC as i64),
    ("O_NOCTTY", libc::O_NOCTTY as i64),
    ("O_CLOEXEC", libc::O_CLOEXEC as i64),
    ("O_DIRECTORY", libc::O_DIRECTORY as i64),
    ("O_NOFOLLOW", libc::O_NOFOLLOW as i64),
    ("O_ACCMODE", libc::O_ACCMODE as i64),
    ("SEEK_DATA", libc::SEEK_DATA as i64),
    ("SEEK_HOLE", libc::SEEK_HOLE as i64),
    ("EX_OK", 0),
];

/// Makes the `posix` module.
pub(crate) fn init() -> PyResult<Value> {
    let module = pyrs_objects::module::new_module("posix");
    add_functions(&module, FUNCTIONS);
    crate::posix_wait::add(&module);
    let d = module_dict(&module);
    for (name, v) in CONSTANTS {
        d.set_str(name, int::from_i64(*v));
    }
    let t = types();
    d.set_str("stat_result", t.stat_result.clone());
    d.set_str("terminal_size", t.terminal_size.clone());
    d.set_str("uname_result", t.uname_result.clone());
    d.set_str("DirEntry", t.dir_entry.clone());
    d.set_str("error", pyrs_objects::ExcKind::OSError.class().clone());
    let environ = pyrs_objects::dict::new();
    if let Some(ed) = environ.downcast::<pyrs_objects::dict::DictData>() {
        for (k, v) in std::env::vars_os() {
            ed.set_item(
                pyrs_objects::bytes::new(k.as_bytes().to_vec()),
                pyrs_objects::bytes::new(v.as_bytes().to_vec()),
            )?;
        }
    }
    d.set_str("environ", environ);
    let have: Vec<Value> = [
        "HAVE_FTRUNCATE",
        "HAVE_LSTAT",
        "HAVE_FCHMOD",
        "HAVE_UTIMENSAT",
    ]
    .iter()
    .map(|s| pyrs_objects::str::new(s))
    .collect();
    d.set_str("_have_functions", pyrs_objects::list::new(have));
    Ok(module)
}
