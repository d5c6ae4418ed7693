//! Frozen modules (CPython's Python/frozen.c) and the bytecode cache files pyrs reads and
//! writes (`__pycache__/NAME.pyrs-313.pyc`, CPython's timestamp-based `.pyc` layout around
//! pyrs's own code serialisation).
//!
//! CPython 3.13 ships the modules of [`FROZEN`] compiled into its binary: the import system's
//! own `importlib._bootstrap` and `importlib._bootstrap_external` (as `_frozen_importlib` and
//! `_frozen_importlib_external`), `zipimport`, and what start-up imports (`os`, `site`,
//! `codecs`…). Their code objects name the file `<frozen NAME>`, their spec's origin is
//! `'frozen'` and their loader `FrozenImporter`; `-X frozen_modules=off` makes all but the
//! first three come from their source files instead. pyrs keeps the same list and the same
//! appearance, but compiles each from the standard library's source the first time it is
//! needed and keeps the result in a cache file beside the source
//! (`__pycache__/NAME.pyrs-313.frozen.pyc`), so that a start reads code instead of compiling
//! it.
//!
//! A cache file: 16 bytes of header as CPython's (magic number, flags 0, the source's
//! modification time and size, each a little-endian u32), then what `marshal.dumps` gives for
//! a code object ([`code_to_bytes`]): the stamp of the pyrs executable that wrote it (its
//! modification time and size, so that a rebuilt compiler never runs code an older one
//! made) and [`pyrs_bytecode::CodeObject::to_bytes`]. A file that does not match its source
//! or its executable, is truncated or corrupt is ignored (and rewritten), never trusted.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use pyrs_bytecode::CodeObject;
use pyrs_objects::{ExcKind, PyErr, PyResult, Value};

/// CPython 3.13's bytecode magic number (`importlib.util.MAGIC_NUMBER`'s first two bytes).
pub const MAGIC_NUMBER: u16 = 3571;

/// `sys.implementation.cache_tag`: pyrs's own, so that CPython's `.pyc` files are never read.
pub const CACHE_TAG: &str = "pyrs-313";

/// The frozen modules: the name they are imported as, and the module whose source they are
/// (`os.path` is `posixpath`). None is a package.
pub const FROZEN: &[(&str, &str)] = &[
    ("_frozen_importlib", "importlib._bootstrap"),
    (
        "_frozen_importlib_external",
        "importlib._bootstrap_external",
    ),
    ("zipimport", "zipimport"),
    ("abc", "abc"),
    ("codecs", "codecs"),
    ("io", "io"),
    ("_collections_abc", "_collections_abc"),
    ("_sitebuiltins", "_sitebuiltins"),
    ("genericpath", "genericpath"),
    ("ntpath", "ntpath"),
    ("posixpath", "posixpath"),
    ("os.path", "posixpath"),
    ("os", "os"),
    ("site", "site"),
    ("stat", "stat"),
    ("importlib.util", "importlib.util"),
    ("importlib.machinery", "importlib.machinery"),
    ("runpy", "runpy"),
];

/// The frozen modules used even under `-X frozen_modules=off` (the import system itself).
const REQUIRED: usize = 3;

static USE_FROZEN: AtomicBool = AtomicBool::new(true);

/// `-X frozen_modules=on|off`: whether the standard-library modules of [`FROZEN`] are frozen.
pub fn set_use_frozen(on: bool) {
    USE_FROZEN.store(on, Ordering::Relaxed);
}

/// The module a frozen module `name` is made from (`_imp.find_frozen`'s `origname`), if
/// `name` is frozen.
pub fn find(name: &str) -> Option<&'static str> {
    let use_all = USE_FROZEN.load(Ordering::Relaxed);
    FROZEN
        .iter()
        .enumerate()
        .find(|(i, (n, _))| *n == name && (use_all || *i < REQUIRED))
        .map(|(_, (_, orig))| *orig)
}

/// The source file of the standard-library module `origname`.
fn source_of(origname: &str) -> Option<PathBuf> {
    let lib = crate::stdlib_dir()?;
    Some(PathBuf::from(format!(
        "{lib}/{}.py",
        origname.replace('.', "/")
    )))
}

/// The code object of frozen module `name` (`_imp.get_frozen_object`), compiled from its
/// source with the filename `<frozen ORIGNAME>`, through its cache file.
pub fn get_code(name: &str) -> PyResult<Value> {
    let no_such = || {
        PyErr::new(
            ExcKind::ImportError,
            format!("No such frozen object named '{name}'"),
        )
    };
    let origname = find(name).ok_or_else(no_such)?;
    let source = source_of(origname).ok_or_else(no_such)?;
    let filename = format!("<frozen {origname}>");
    let cache = cache_path(&source, ".frozen.pyc");
    let code = cached_compile(&source, &filename, cache.as_deref(), 0)?;
    Ok(crate::code::new_code(code))
}

/// `DIR/__pycache__/STEM.pyrs-313SUFFIX` for the source file `DIR/STEM.py`.
pub fn cache_path(source: &Path, suffix: &str) -> Option<PathBuf> {
    let dir = source.parent()?;
    let stem = source.file_stem()?.to_str()?;
    Some(
        dir.join("__pycache__")
            .join(format!("{stem}.{CACHE_TAG}{suffix}")),
    )
}

/// The 16-byte header of a cache file for a source of this modification time and size.
pub fn pyc_header(mtime: u64, size: u64) -> [u8; 16] {
    let mut h = [0u8; 16];
    h[..2].copy_from_slice(&MAGIC_NUMBER.to_le_bytes());
    h[2..4].copy_from_slice(b"\r\n");
    h[8..12].copy_from_slice(&((mtime & 0xFFFF_FFFF) as u32).to_le_bytes());
    h[12..16].copy_from_slice(&((size & 0xFFFF_FFFF) as u32).to_le_bytes());
    h
}

/// The source's modification time (whole seconds) and size, as a cache file records them.
fn source_stamp(source: &Path) -> Option<(u64, u64)> {
    let meta = std::fs::metadata(source).ok()?;
    let mtime = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    Some((mtime, meta.len()))
}

/// The code object in cache file `cache` if it was written for exactly this source stamp.
fn read_cache(cache: &Path, stamp: (u64, u64)) -> Option<CodeObject> {
    let data = std::fs::read(cache).ok()?;
    if data.len() < 16 || data[..16] != pyc_header(stamp.0, stamp.1) {
        return None;
    }
    decode(&data[16..])
}

/// The stamp of the running executable: its modification time (nanoseconds) and size.
fn build_stamp() -> &'static [u8; 16] {
    static STAMP: std::sync::OnceLock<[u8; 16]> = std::sync::OnceLock::new();
    STAMP.get_or_init(|| {
        let mut stamp = [0u8; 16];
        let meta = std::env::current_exe().and_then(std::fs::metadata);
        if let Ok(meta) = meta {
            let mtime = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos() as u64);
            stamp[..8].copy_from_slice(&mtime.to_le_bytes());
            stamp[8..].copy_from_slice(&meta.len().to_le_bytes());
        }
        stamp
    })
}

/// A code object as cache files and `marshal.dumps` hold it: [`build_stamp`], then
/// [`CodeObject::to_bytes`].
pub fn code_to_bytes(code: &CodeObject) -> Vec<u8> {
    let mut out = build_stamp().to_vec();
    out.extend_from_slice(&code.to_bytes());
    out
}

/// The code object of [`code_to_bytes`]'s bytes, if they were written by this executable
/// and decode.
fn decode(bytes: &[u8]) -> Option<CodeObject> {
    let rest = bytes.strip_prefix(build_stamp().as_slice())?;
    CodeObject::from_bytes(rest).ok()
}

/// Writes a cache file atomically (a temporary file renamed over it); failures are ignored,
/// as CPython ignores them.
pub fn write_cache(cache: &Path, header: &[u8; 16], code: &CodeObject) {
    if let Some(dir) = cache.parent() {
        if std::fs::create_dir_all(dir).is_err() {
            return;
        }
    }
    let mut data = header.to_vec();
    data.extend_from_slice(&code_to_bytes(code));
    let tmp = cache.with_extension(format!("{}.tmp", std::process::id()));
    if std::fs::write(&tmp, &data).is_ok() && std::fs::rename(&tmp, cache).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

/// Compiles `source` (a file) as a module with code filename `filename` at optimisation
/// level `optimize`, reading the code from `cache` when it matches the source and writing it
/// there otherwise. These files stand for the code CPython builds into its binary, so they are
/// written whatever `-B` says (which is about the caches of imported source files).
pub fn cached_compile(
    source: &Path,
    filename: &str,
    cache: Option<&Path>,
    optimize: u32,
) -> PyResult<Arc<CodeObject>> {
    let stamp = source_stamp(source);
    if let (Some(cache), Some(stamp)) = (cache, stamp) {
        if let Some(code) = read_cache(cache, stamp) {
            return Ok(Arc::new(code));
        }
    }
    let text = std::fs::read(source)
        .map_err(|e| PyErr::new(ExcKind::ImportError, format!("{e}: '{}'", source.display())))?;
    let (code, warnings) = pyrs_compiler::compile_with_warnings(
        pyrs_compiler::Source::Bytes(&text),
        filename,
        pyrs_compiler::Mode::Exec,
        optimize,
    );
    crate::warnings::emit_compiler_warnings(&warnings, filename)?;
    let code = code.map_err(|e| crate::syntax_error(&e, filename))?;
    if let (Some(cache), Some(stamp)) = (cache, stamp) {
        write_cache(cache, &pyc_header(stamp.0, stamp.1), &code);
    }
    Ok(Arc::new(code))
}

/// A `code` object from bytes [`code_to_bytes`] wrote (what `marshal.loads` reads), or None
/// for anything else.
pub fn code_from_bytes(bytes: &[u8]) -> Option<Value> {
    decode(bytes).map(|c| crate::code::new_code(Arc::new(c)))
}
