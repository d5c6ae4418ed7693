//! The hash object shared by `_md5`, `_sha1`, `_sha2`, `_sha3` and `_blake2` (what CPython's
//! Modules/hashlib.h and each module's object code have in common): a payload holding the
//! running state of one algorithm, the methods `update`, `digest`, `hexdigest` and `copy`,
//! and the attributes `name`, `digest_size` and `block_size`.

use std::cell::RefCell;

use pyrs_objects::native::{MethodDef, MethodKind};
use pyrs_objects::object::{alloc, Payload};
use pyrs_objects::str::StrData;
use pyrs_objects::typeobject::TypeBuilder;
use pyrs_objects::{bytes, int, Args, ExcKind, PyErr, PyResult, Value};

/// The running state of one hash algorithm.
pub(crate) trait HashAlgo {
    /// Adds data.
    fn update(&mut self, data: &[u8]);
    /// The digest of what was added so far (`len` bytes for an extendable-output function),
    /// leaving the state as it was.
    fn finish(&self, len: usize) -> Vec<u8>;
    /// An independent copy.
    fn box_clone(&self) -> Box<dyn HashAlgo>;
}

/// A fixed-size RustCrypto digest.
pub(crate) struct Fixed<D>(pub D);

impl<D: sha2::digest::Digest + Clone + 'static> HashAlgo for Fixed<D> {
    fn update(&mut self, data: &[u8]) {
        sha2::digest::Digest::update(&mut self.0, data);
    }

    fn finish(&self, _len: usize) -> Vec<u8> {
        self.0.clone().finalize().to_vec()
    }

    fn box_clone(&self) -> Box<dyn HashAlgo> {
        Box::new(Fixed(self.0.clone()))
    }
}

/// What is fixed for every object of one hash type.
pub(crate) struct HashSpec {
    /// `name`, as hashlib.new takes it.
    pub name: &'static str,
    /// The qualified type name used in error messages ("md5", "shake_128").
    pub type_name: &'static str,
    /// `block_size`.
    pub block_size: usize,
    /// An extendable-output function (SHAKE): `digest(length)`.
    pub xof: bool,
}

/// The payload of a hash object.
pub(crate) struct HashObject {
    algo: RefCell<Box<dyn HashAlgo>>,
    spec: &'static HashSpec,
    digest_size: usize,
}

impl Payload for HashObject {}

impl HashObject {
    /// The spec of this object's algorithm.
    pub(crate) fn spec(&self) -> &'static HashSpec {
        self.spec
    }
}

/// A new hash type named `name` in `module`, with the common methods.
pub(crate) fn hash_type(name: &'static str, module: &'static str, xof: bool) -> TypeBuilder {
    TypeBuilder::new::<HashObject>(name)
        .module(module)
        .methods(if xof { XOF_METHODS } else { FIXED_METHODS })
        .slots(|s| s.new.set(Some(no_new)))
}

/// The `__new__` of the types whose objects only the module's functions make.
fn no_new(cls: &Value, _args: Args<'_>) -> PyResult<Value> {
    let module = pyrs_objects::protocol::getattr_str(cls, "__module__")
        .and_then(|m| pyrs_objects::protocol::str_string(&m))
        .unwrap_or_default();
    Err(PyErr::type_error(format!(
        "cannot create '{module}.{}' instances",
        pyrs_objects::typeobject::type_data(cls)
            .map(|t| t.name())
            .unwrap_or_default()
    )))
}

/// Clinic's conversion of data to hash: a bytes-like object, never a str.
pub(crate) fn hash_data(v: &Value) -> PyResult<std::borrow::Cow<'_, [u8]>> {
    if v.downcast::<StrData>().is_some() {
        return Err(PyErr::type_error("Strings must be encoded before hashing"));
    }
    bytes::buffer(v).ok_or_else(|| PyErr::type_error("object supporting the buffer API required"))
}

/// A new hash object of type `class` over `algo`, fed `data` when given.
pub(crate) fn new_hash(
    class: &Value,
    spec: &'static HashSpec,
    digest_size: usize,
    mut algo: Box<dyn HashAlgo>,
    data: Option<&Value>,
) -> PyResult<Value> {
    if let Some(d) = data {
        algo.update(&hash_data(d)?);
    }
    Ok(alloc(
        class,
        HashObject {
            algo: RefCell::new(algo),
            spec,
            digest_size,
        },
    ))
}

/// The arguments of `md5`, `sha1` and the `sha2` constructors: `(string=b'', *,
/// usedforsecurity=True)`; returns the data.
pub(crate) fn string_arg(args: Args<'_>, func: &str) -> PyResult<Option<Value>> {
    let [string, _usedforsecurity] = args.bind(func, ["string", "usedforsecurity"], 0, 0, 1)?;
    Ok(string)
}

/// The arguments of the `sha3` constructors: `(data=b'', /, *, usedforsecurity=True)`.
pub(crate) fn data_arg(args: Args<'_>, func: &str) -> PyResult<Option<Value>> {
    let [data, _usedforsecurity] = args.bind(func, ["data", "usedforsecurity"], 0, 1, 1)?;
    Ok(data)
}

fn this(v: &Value) -> PyResult<&HashObject> {
    v.downcast::<HashObject>().ok_or_else(|| {
        PyErr::type_error(format!(
            "descriptor requires a hash object but received '{}'",
            v.type_data().name()
        ))
    })
}

fn method_name(h: &HashObject, method: &str) -> String {
    format!("{}.{method}", h.spec.type_name)
}

fn update(args: Args<'_>) -> PyResult<Value> {
    let h = this(&args.pos()[0])?;
    let pos = args.skip_first().exact(&method_name(h, "update"), 1, 1)?;
    let data = hash_data(&pos[0])?;
    h.algo.borrow_mut().update(&data);
    Ok(pyrs_objects::none())
}

/// The digest of a fixed-size hash, after checking there are no arguments.
fn fixed_digest(args: Args<'_>, method: &str) -> PyResult<Vec<u8>> {
    let h = this(&args.pos()[0])?;
    args.skip_first().exact(&method_name(h, method), 0, 0)?;
    let out = h.algo.borrow().finish(h.digest_size);
    Ok(out)
}

/// The digest of an extendable-output function, of the length its one argument asks.
fn xof_digest(args: Args<'_>, method: &str) -> PyResult<Vec<u8>> {
    let h = this(&args.pos()[0])?;
    let pos = args.skip_first().exact(&method_name(h, method), 1, 1)?;
    let length = unsigned_long(&pos[0])?;
    if length >= 1 << 29 {
        return Err(PyErr::value_error("length is too large"));
    }
    let out = h.algo.borrow().finish(length as usize);
    Ok(out)
}

/// Clinic's `unsigned_long` converter (`_PyLong_UnsignedLong_Converter`).
pub(crate) fn unsigned_long(v: &Value) -> PyResult<u64> {
    let Some(i) = int::as_int(v) else {
        return Err(PyErr::type_error("an integer is required"));
    };
    if i.is_negative() {
        return Err(PyErr::value_error("value must be positive"));
    }
    num_traits::ToPrimitive::to_u64(&i.to_bigint()).ok_or_else(|| {
        PyErr::new(
            ExcKind::OverflowError,
            "Python int too large to convert to C unsigned long",
        )
    })
}

fn hex(data: &[u8]) -> Value {
    let text: String = data.iter().map(|b| format!("{b:02x}")).collect();
    pyrs_objects::str::new(&text)
}

fn digest(args: Args<'_>) -> PyResult<Value> {
    fixed_digest(args, "digest").map(bytes::new)
}

fn hexdigest(args: Args<'_>) -> PyResult<Value> {
    fixed_digest(args, "hexdigest").map(|d| hex(&d))
}

fn xof_digest_method(args: Args<'_>) -> PyResult<Value> {
    xof_digest(args, "digest").map(bytes::new)
}

fn xof_hexdigest(args: Args<'_>) -> PyResult<Value> {
    xof_digest(args, "hexdigest").map(|d| hex(&d))
}

fn copy(args: Args<'_>) -> PyResult<Value> {
    let obj = &args.pos()[0];
    let h = this(obj)?;
    args.skip_first().exact(&method_name(h, "copy"), 0, 0)?;
    let algo = h.algo.borrow().box_clone();
    Ok(alloc(
        obj.class(),
        HashObject {
            algo: RefCell::new(algo),
            spec: h.spec,
            digest_size: h.digest_size,
        },
    ))
}

fn get_name(v: &Value) -> PyResult<Value> {
    Ok(pyrs_objects::str::new(this(v)?.spec.name))
}

fn get_digest_size(v: &Value) -> PyResult<Value> {
    Ok(int::from_usize(this(v)?.digest_size))
}

fn get_block_size(v: &Value) -> PyResult<Value> {
    Ok(int::from_usize(this(v)?.spec.block_size))
}

const FIXED_METHODS: &[MethodDef] = &[
    MethodDef::new("update", MethodKind::Method(update)),
    MethodDef::new("digest", MethodKind::Method(digest)),
    MethodDef::new("hexdigest", MethodKind::Method(hexdigest)),
    MethodDef::new("copy", MethodKind::Method(copy)),
    MethodDef::new("name", MethodKind::GetSet(get_name, None)),
    MethodDef::new("digest_size", MethodKind::GetSet(get_digest_size, None)),
    MethodDef::new("block_size", MethodKind::GetSet(get_block_size, None)),
];

const XOF_METHODS: &[MethodDef] = &[
    MethodDef::new("update", MethodKind::Method(update)),
    MethodDef::new("digest", MethodKind::Method(xof_digest_method)),
    MethodDef::new("hexdigest", MethodKind::Method(xof_hexdigest)),
    MethodDef::new("copy", MethodKind::Method(copy)),
    MethodDef::new("name", MethodKind::GetSet(get_name, None)),
    MethodDef::new("digest_size", MethodKind::GetSet(get_digest_size, None)),
    MethodDef::new("block_size", MethodKind::GetSet(get_block_size, None)),
];
