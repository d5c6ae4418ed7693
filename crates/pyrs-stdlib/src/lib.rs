//! The native modules of the standard library: what CPython writes in C under Modules/ and
//! the pure-Python library (found at run time, see `pyrs_vm::stdlib_dir`) imports.
//!
//! **Input**: an import of one of the names in [`MODULES`].
//! **Output**: a module object, made once by its init function and cached in `sys.modules`
//! by the VM.
//!
//! **Invariants**: each module lives in its own file and exposes one `init` function; a
//! module offers only what it implements completely (a missing function is an
//! AttributeError the pure-Python library can fall back from, never a stub that answers
//! wrongly); like everything reachable from Python code, no function here panics on any
//! argument.
//!
//! **Wiring**: the `pyrs` binary passes [`MODULES`] to `pyrs_vm::native_modules::register`
//! before it runs anything, so the VM does not depend on this crate. It also installs
//! [`TracingAllocator`] as its global allocator (`_tracemalloc`'s recorder) and calls
//! [`start_tracemalloc`] for `-X tracemalloc`.
//!
//! **Left to the pure-Python fallback on purpose**: `_abc` — `abc.py` falls back to
//! `_py_abc`, whose caches are `WeakSet`s over `_weakref`; measured on 300,000 `isinstance`
//! checks against ABCs, CPython itself runs `_py_abc` as fast as its C `_abc` (the caches
//! answer almost every check), so a native `_abc` would buy pyrs little.
//! `_functools`, `_operator` (but for `_compare_digest`, which hmac.py imports), `_heapq` and
//! `_collections`' `OrderedDict`, `_count_elements` and `_tuplegetter`: functools.py,
//! operator.py, heapq.py and collections/__init__.py carry complete pure-Python versions.
//!
//! **Dependencies**: num-bigint, num-traits and num-integer, the bigint crates behind
//! `pyrs_objects::int`, for `math`'s integer functions (`factorial`, `comb`, `isqrt`, `gcd`…);
//! libc for the system calls of `posix`, `_socket`, `select`, `_signal`, `_posixsubprocess`,
//! `faulthandler` (signal handlers and `write(2)`) and `_tracemalloc` (thread identity);
//! pyrs-tokenizer for `_tokenize`'s tokens; pyrs-parser and pyrs-ast for `_ast`'s
//! `compile(…, PyCF_ONLY_AST)`; RustCrypto's md-5, sha1, sha2 and sha3 for the hash modules
//! (widely used implementations checked against the standards' test vectors, where a copy
//! written here would only add risk; BLAKE2 is written here because its tree parameters are
//! not in that crate's API); miniz_oxide, a pure-Rust DEFLATE coder, for `zlib` (no C library
//! to link, and its decoder is well tested).

use pyrs_vm::native_modules::ModuleInit;

mod _ast;
mod _blake2;
mod _codecs;
mod _collections;
mod _contextvars;
mod _csv;
mod _imp;
mod _io;
mod _md5;
mod _opcode;
mod _operator;
mod _posixsubprocess;
mod _random;
mod _sha1;
mod _sha2;
mod _sha3;
mod _signal;
mod _socket;
mod _string;
mod _struct;
mod _thread;
mod _tokenize;
mod _tracemalloc;
mod _typing;
mod _warnings;
mod _weakref;
mod argconv;
mod atexit;
mod binascii;
mod errno;
mod faulthandler;
mod gc;
mod hashobject;
mod itertools;
mod marshal;
mod math;
mod posix;
mod posix_wait;
mod select;
mod sre;
mod time;
mod zlib;

pub use _tracemalloc::TracingAllocator;

/// Starts `tracemalloc` with `nframe` frames per traceback, as `-X tracemalloc=N` and
/// PYTHONTRACEMALLOC ask at start-up.
pub fn start_tracemalloc(nframe: usize) -> pyrs_objects::PyResult<()> {
    _tracemalloc::start_at_startup(nframe)
}

/// Every native module this crate provides, by import name.
pub const MODULES: &[(&str, ModuleInit)] = &[
    ("_ast", _ast::init),
    ("_struct", _struct::init),
    ("_codecs", _codecs::init),
    ("_collections", _collections::init),
    ("_contextvars", _contextvars::init),
    ("_io", _io::init),
    ("posix", posix::init),
    ("_typing", _typing::init),
    ("_weakref", _weakref::init),
    ("gc", gc::init),
    ("atexit", atexit::init),
    ("marshal", marshal::init),
    ("errno", errno::init),
    ("_warnings", _warnings::init),
    ("_imp", _imp::init),
    ("_thread", _thread::init),
    ("time", time::init),
    ("_sre", sre::init),
    ("_string", _string::init),
    ("_tokenize", _tokenize::init),
    ("itertools", itertools::init),
    ("math", math::init),
    ("_posixsubprocess", _posixsubprocess::init),
    ("_signal", _signal::init),
    ("_socket", _socket::init),
    ("select", select::init),
    ("_opcode", _opcode::init),
    ("_random", _random::init),
    ("binascii", binascii::init),
    ("_md5", _md5::init),
    ("_sha1", _sha1::init),
    ("_sha2", _sha2::init),
    ("_sha3", _sha3::init),
    ("_blake2", _blake2::init),
    ("_operator", _operator::init),
    ("zlib", zlib::init),
    ("faulthandler", faulthandler::init),
    ("_tracemalloc", _tracemalloc::init),
    ("_csv", _csv::init),
];

/// Installs [`MODULES`] in the VM: call once, before running code.
pub fn register() {
    pyrs_vm::native_modules::register(MODULES);
    _codecs::install();
    pyrs_vm::native_modules::register_only_ast(_ast::parse_to_ast);
    // `builtins.open` is `_io.open`; the module itself is made on first import.
    pyrs_vm::native_modules::register_builtins(|builtins| {
        builtins.set_str("open", _io::open_function());
    });
}
