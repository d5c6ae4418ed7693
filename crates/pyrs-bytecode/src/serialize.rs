//! A versioned binary form of code objects ([`CodeObject::to_bytes`],
//! [`CodeObject::from_bytes`]): what `marshal` and `.pyc` files are to CPython, in a format of
//! pyrs's own.
//!
//! Layout (every integer an unsigned LEB128 varint unless said otherwise):
//!
//! ```text
//! file      := "PYRSCODE" format-version:varint python-major:u8 python-minor:u8 code
//! code      := argcount posonlyargcount kwonlyargcount stacksize flags firstlineno
//!              name:str qualname:str filename:pystr
//!              n:varint (opcode:u8 arg:u8)*n
//!              n:varint const*n   n:varint name:str*n   n:varint (name:str kind:u8)*n
//!              linetable:bytes exceptiontable:bytes
//! str       := n:varint utf8-byte*n
//! pystr     := 0 str | 1 n:varint codepoint:varint*n      (the second may hold surrogates)
//! bytes     := n:varint byte*n
//! const     := 0 None | 1 False | 2 True | 3 Ellipsis
//!            | 4 zigzag-varint                             (int fitting an i64)
//!            | 5 negative:u8 n:varint limb:u32le*n         (any other int)
//!            | 6 f64le | 7 f64le f64le                     (float, complex)
//!            | 8 pystr | 9 bytes
//!            | 10 n:varint const*n | 11 n:varint const*n  (tuple, frozenset)
//!            | 12 code
//! ```
//!
//! Decoding checks every length against the bytes left before allocating, bounds the nesting
//! of tuples and code objects, rejects trailing bytes, and finally runs
//! [`CodeObject::validate`]: any input gives a code object that is safe to walk, or a
//! [`DecodeError`], never a panic.

use std::fmt;
use std::sync::Arc;

use pyrs_ast::{Identifier, StrValue};

use crate::code::{CodeError, CodeFlags, CodeObject, CodeUnit, LocalKind, LocalVar};
use crate::constant::{Constant, Int};

/// The bytes every serialised code object starts with.
pub const MAGIC: &[u8; 8] = b"PYRSCODE";

/// The version of the layout written after [`MAGIC`]; bumped at every incompatible change.
pub const FORMAT_VERSION: u64 = 1;

/// The Python version whose instruction set the code units use.
pub const PYTHON_VERSION: (u8, u8) = (3, 13);

/// How deeply tuples, frozensets and code objects may nest in serialised input.
pub const MAX_NESTING: usize = 200;

impl CodeObject {
    /// The code object (and those nested in it) as bytes; see the module documentation for
    /// the layout.
    ///
    /// ```
    /// use pyrs_bytecode::{CodeBuilder, CodeObject, Constant, Opcode};
    ///
    /// let mut b = CodeBuilder::new("<module>", "<module>", "m.py", 1);
    /// b.emit(Opcode::RESUME, 0);
    /// let c = b.add_const(Constant::str("hi"));
    /// b.emit(Opcode::RETURN_CONST, c);
    /// let code = b.finish().unwrap();
    /// let bytes = code.to_bytes();
    /// assert_eq!(CodeObject::from_bytes(&bytes).unwrap(), code);
    /// assert!(CodeObject::from_bytes(&bytes[..bytes.len() - 1]).is_err());
    /// ```
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer(Vec::new());
        w.0.extend_from_slice(MAGIC);
        w.varint(FORMAT_VERSION);
        w.0.push(PYTHON_VERSION.0);
        w.0.push(PYTHON_VERSION.1);
        w.code(self);
        w.0
    }

    /// Reads a code object written by [`CodeObject::to_bytes`], checking it as it goes.
    pub fn from_bytes(bytes: &[u8]) -> Result<CodeObject, DecodeError> {
        let mut r = Reader { bytes, pos: 0 };
        if r.take(MAGIC.len())? != MAGIC {
            return Err(DecodeError::BadMagic);
        }
        let version = r.varint()?;
        if version != FORMAT_VERSION {
            return Err(DecodeError::UnsupportedVersion(version));
        }
        let python = (r.byte()?, r.byte()?);
        if python != PYTHON_VERSION {
            return Err(DecodeError::OtherPython(python.0, python.1));
        }
        let code = r.code(0)?;
        if r.pos != bytes.len() {
            return Err(DecodeError::TrailingBytes);
        }
        code.validate().map_err(DecodeError::Invalid)?;
        Ok(code)
    }
}

struct Writer(Vec<u8>);

impl Writer {
    fn varint(&mut self, mut value: u64) {
        while value >= 0x80 {
            self.0.push(value as u8 | 0x80);
            value >>= 7;
        }
        self.0.push(value as u8);
    }

    fn str(&mut self, s: &str) {
        self.varint(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
    }

    fn pystr(&mut self, s: &StrValue) {
        match s.as_str() {
            Some(text) => {
                self.0.push(0);
                self.str(text);
            }
            None => {
                self.0.push(1);
                let points: Vec<u32> = s.code_points().collect();
                self.varint(points.len() as u64);
                for cp in points {
                    self.varint(u64::from(cp));
                }
            }
        }
    }

    fn bytes(&mut self, b: &[u8]) {
        self.varint(b.len() as u64);
        self.0.extend_from_slice(b);
    }

    fn code(&mut self, code: &CodeObject) {
        for n in [
            code.argcount,
            code.posonlyargcount,
            code.kwonlyargcount,
            code.stacksize,
            code.flags.bits(),
            code.firstlineno,
        ] {
            self.varint(u64::from(n));
        }
        self.str(&code.name);
        self.str(&code.qualname);
        self.pystr(&code.filename);
        self.varint(code.code.len() as u64);
        for unit in &code.code {
            self.0.extend_from_slice(&[unit.opcode, unit.arg]);
        }
        self.varint(code.consts.len() as u64);
        for c in &code.consts {
            self.constant(c);
        }
        self.varint(code.names.len() as u64);
        for name in &code.names {
            self.str(name);
        }
        self.varint(code.localsplus.len() as u64);
        for var in &code.localsplus {
            self.str(&var.name);
            self.0.push(var.kind.0);
        }
        self.bytes(&code.linetable);
        self.bytes(&code.exceptiontable);
    }

    fn constant(&mut self, c: &Constant) {
        match c {
            Constant::None => self.0.push(0),
            Constant::Bool(false) => self.0.push(1),
            Constant::Bool(true) => self.0.push(2),
            Constant::Ellipsis => self.0.push(3),
            Constant::Int(i) => match i.as_i64() {
                Some(v) => {
                    self.0.push(4);
                    self.varint(((v << 1) ^ (v >> 63)) as u64);
                }
                None => {
                    self.0.push(5);
                    let (negative, limbs) = i.sign_magnitude();
                    self.0.push(u8::from(negative));
                    self.varint(limbs.len() as u64);
                    for limb in limbs {
                        self.0.extend_from_slice(&limb.to_le_bytes());
                    }
                }
            },
            Constant::Float(x) => {
                self.0.push(6);
                self.0.extend_from_slice(&x.to_bits().to_le_bytes());
            }
            Constant::Complex { real, imag } => {
                self.0.push(7);
                self.0.extend_from_slice(&real.to_bits().to_le_bytes());
                self.0.extend_from_slice(&imag.to_bits().to_le_bytes());
            }
            Constant::Str(s) => {
                self.0.push(8);
                self.pystr(s);
            }
            Constant::Bytes(b) => {
                self.0.push(9);
                self.bytes(b);
            }
            Constant::Tuple(items) | Constant::FrozenSet(items) => {
                self.0.push(if matches!(c, Constant::Tuple(_)) {
                    10
                } else {
                    11
                });
                self.varint(items.len() as u64);
                for item in items.iter() {
                    self.constant(item);
                }
            }
            Constant::Code(code) => {
                self.0.push(12);
                self.code(code);
            }
        }
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], DecodeError> {
        let end = self.pos.checked_add(n).ok_or(DecodeError::Truncated)?;
        let slice = self
            .bytes
            .get(self.pos..end)
            .ok_or(DecodeError::Truncated)?;
        self.pos = end;
        Ok(slice)
    }

    fn byte(&mut self) -> Result<u8, DecodeError> {
        Ok(self.take(1)?[0])
    }

    fn varint(&mut self) -> Result<u64, DecodeError> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            let bits = u64::from(b & 0x7F);
            if shift == 63 && bits > 1 {
                return Err(DecodeError::Overflow);
            }
            value |= bits << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(DecodeError::Overflow)
    }

    fn u32(&mut self) -> Result<u32, DecodeError> {
        u32::try_from(self.varint()?).map_err(|_| DecodeError::Overflow)
    }

    /// A count of items each at least `min_size` bytes long, checked against what is left.
    fn count(&mut self, min_size: usize) -> Result<usize, DecodeError> {
        let n = usize::try_from(self.varint()?).map_err(|_| DecodeError::Truncated)?;
        let left = self.bytes.len() - self.pos;
        match n.checked_mul(min_size) {
            Some(need) if need <= left => Ok(n),
            _ => Err(DecodeError::Truncated),
        }
    }

    fn str(&mut self) -> Result<Box<str>, DecodeError> {
        let n = self.count(1)?;
        let bytes = self.take(n)?;
        std::str::from_utf8(bytes)
            .map(Box::from)
            .map_err(|_| DecodeError::InvalidUtf8)
    }

    fn identifier(&mut self) -> Result<Identifier, DecodeError> {
        let n = self.count(1)?;
        let bytes = self.take(n)?;
        std::str::from_utf8(bytes)
            .map(Identifier::from)
            .map_err(|_| DecodeError::InvalidUtf8)
    }

    fn pystr(&mut self) -> Result<StrValue, DecodeError> {
        match self.byte()? {
            0 => Ok(StrValue::from(self.str()?)),
            1 => {
                let n = self.count(1)?;
                let mut points = Vec::with_capacity(n);
                for _ in 0..n {
                    points.push(self.u32()?);
                }
                StrValue::from_code_points(points).ok_or(DecodeError::BadCodePoint)
            }
            tag => Err(DecodeError::BadTag(tag)),
        }
    }

    fn bytes(&mut self) -> Result<Vec<u8>, DecodeError> {
        let n = self.count(1)?;
        Ok(self.take(n)?.to_vec())
    }

    fn code(&mut self, depth: usize) -> Result<CodeObject, DecodeError> {
        if depth > MAX_NESTING {
            return Err(DecodeError::TooDeep);
        }
        let argcount = self.u32()?;
        let posonlyargcount = self.u32()?;
        let kwonlyargcount = self.u32()?;
        let stacksize = self.u32()?;
        let flags = CodeFlags(self.u32()?);
        let firstlineno = self.u32()?;
        let name = self.identifier()?;
        let qualname = self.identifier()?;
        let filename = self.pystr()?;
        let n = self.count(2)?;
        let code = self
            .take(2 * n)?
            .chunks_exact(2)
            .map(|pair| CodeUnit {
                opcode: pair[0],
                arg: pair[1],
            })
            .collect();
        let n = self.count(1)?;
        let mut consts = Vec::with_capacity(n);
        for _ in 0..n {
            consts.push(self.constant(depth)?);
        }
        let n = self.count(1)?;
        let mut names = Vec::with_capacity(n);
        for _ in 0..n {
            names.push(self.identifier()?);
        }
        let n = self.count(2)?;
        let mut localsplus = Vec::with_capacity(n);
        for _ in 0..n {
            let name = self.identifier()?;
            let kind = LocalKind(self.byte()?);
            localsplus.push(LocalVar { name, kind });
        }
        let linetable = self.bytes()?;
        let exceptiontable = self.bytes()?;
        Ok(CodeObject {
            argcount,
            posonlyargcount,
            kwonlyargcount,
            stacksize,
            flags,
            code,
            consts,
            names,
            localsplus,
            filename,
            name,
            qualname,
            firstlineno,
            linetable,
            exceptiontable,
        })
    }

    fn f64(&mut self) -> Result<f64, DecodeError> {
        let mut bits = [0u8; 8];
        bits.copy_from_slice(self.take(8)?);
        Ok(f64::from_bits(u64::from_le_bytes(bits)))
    }

    fn constant(&mut self, depth: usize) -> Result<Constant, DecodeError> {
        if depth > MAX_NESTING {
            return Err(DecodeError::TooDeep);
        }
        Ok(match self.byte()? {
            0 => Constant::None,
            1 => Constant::Bool(false),
            2 => Constant::Bool(true),
            3 => Constant::Ellipsis,
            4 => {
                let z = self.varint()?;
                Constant::Int(Int::from(((z >> 1) as i64) ^ -((z & 1) as i64)))
            }
            5 => {
                let negative = match self.byte()? {
                    0 => false,
                    1 => true,
                    tag => return Err(DecodeError::BadTag(tag)),
                };
                let n = self.count(4)?;
                let limbs: Vec<u32> = self
                    .take(4 * n)?
                    .chunks_exact(4)
                    .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                    .collect();
                Constant::Int(Int::from_sign_magnitude(negative, &limbs))
            }
            6 => Constant::Float(self.f64()?),
            7 => Constant::Complex {
                real: self.f64()?,
                imag: self.f64()?,
            },
            8 => Constant::Str(self.pystr()?),
            9 => Constant::Bytes(self.bytes()?.into()),
            tag @ (10 | 11) => {
                let n = self.count(1)?;
                let mut items = Vec::with_capacity(n);
                for _ in 0..n {
                    items.push(self.constant(depth + 1)?);
                }
                if tag == 10 {
                    Constant::Tuple(items.into())
                } else {
                    Constant::FrozenSet(items.into())
                }
            }
            12 => Constant::Code(Arc::new(self.code(depth + 1)?)),
            tag => return Err(DecodeError::BadTag(tag)),
        })
    }
}

/// Why [`CodeObject::from_bytes`] refused its input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The input does not start with [`MAGIC`].
    BadMagic,
    /// Written in another version of the layout.
    UnsupportedVersion(u64),
    /// Written for another Python version's instruction set.
    OtherPython(u8, u8),
    /// The input ends inside a value, or a length exceeds what is left.
    Truncated,
    /// A varint too long, or too large for its field.
    Overflow,
    /// An unknown tag byte.
    BadTag(u8),
    /// A name that is not UTF-8.
    InvalidUtf8,
    /// A code point above U+10FFFF.
    BadCodePoint,
    /// Constants or code objects nested more than [`MAX_NESTING`] deep.
    TooDeep,
    /// Bytes left after the code object.
    TrailingBytes,
    /// The code object's parts disagree.
    Invalid(CodeError),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::BadMagic => write!(f, "not a serialised pyrs code object"),
            DecodeError::UnsupportedVersion(v) => write!(f, "unsupported format version {v}"),
            DecodeError::OtherPython(major, minor) => {
                write!(f, "code for Python {major}.{minor}, not 3.13")
            }
            DecodeError::Truncated => write!(f, "truncated input"),
            DecodeError::Overflow => write!(f, "integer out of range"),
            DecodeError::BadTag(t) => write!(f, "unknown tag {t}"),
            DecodeError::InvalidUtf8 => write!(f, "name is not UTF-8"),
            DecodeError::BadCodePoint => write!(f, "code point out of range"),
            DecodeError::TooDeep => write!(f, "nested more than {MAX_NESTING} deep"),
            DecodeError::TrailingBytes => write!(f, "trailing bytes"),
            DecodeError::Invalid(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for DecodeError {}
