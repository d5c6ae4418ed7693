//! The `zlib` module (CPython's Modules/zlibmodule.c): DEFLATE compression in the zlib,
//! gzip and raw formats, one-shot (`compress`, `decompress`) and streaming (`compressobj`,
//! `decompressobj`, `_ZlibDecompressor`), and the Adler-32 and CRC-32 checksums.
//!
//! The DEFLATE coding itself is miniz_oxide's (pure Rust); this file writes and checks the
//! zlib and gzip headers and trailers, so the `wbits` forms, the error messages for bad
//! headers and checksums, `unused_data` and `eof` follow CPython's zlib. miniz_oxide picks
//! its matches differently from zlib, so compressed bytes may differ from CPython's (both
//! decompress to the same data); preset dictionaries (`zdict`) are not supported.

use std::cell::RefCell;
use std::sync::OnceLock;

use miniz_oxide::deflate::core::{create_comp_flags_from_zip_params, CompressorOxide};
use miniz_oxide::inflate::stream::InflateState;
use miniz_oxide::{DataFormat, MZError, MZFlush, MZStatus};
use pyrs_objects::native::{MethodDef, MethodKind};
use pyrs_objects::object::{alloc, Payload};
use pyrs_objects::typeobject::TypeBuilder;
use pyrs_objects::{bytes, int, protocol, Args, ExcKind, PyErr, PyResult, SyncCell, Value};

use crate::argconv::ModuleException;
use crate::argconv::{add_functions, buffer_arg, module_dict};
use crate::binascii::crc32;

const MAX_WBITS: i64 = 15;
const DEF_BUF_SIZE: i64 = 16384;
const DEF_MEM_LEVEL: i64 = 8;
const Z_NO_FLUSH: i64 = 0;
const Z_FINISH: i64 = 4;
/// The version of zlib whose behaviour this module follows.
const ZLIB_VERSION: &str = "1.2.13";

/// Makes the module.
pub(crate) fn init() -> PyResult<Value> {
    let module = pyrs_objects::module::new_module("zlib");
    let d = module_dict(&module);
    for (name, value) in [
        ("MAX_WBITS", MAX_WBITS),
        ("DEFLATED", 8),
        ("DEF_MEM_LEVEL", DEF_MEM_LEVEL),
        ("DEF_BUF_SIZE", DEF_BUF_SIZE),
        ("Z_NO_COMPRESSION", 0),
        ("Z_BEST_SPEED", 1),
        ("Z_BEST_COMPRESSION", 9),
        ("Z_DEFAULT_COMPRESSION", -1),
        ("Z_FILTERED", 1),
        ("Z_HUFFMAN_ONLY", 2),
        ("Z_RLE", 3),
        ("Z_FIXED", 4),
        ("Z_DEFAULT_STRATEGY", 0),
        ("Z_NO_FLUSH", Z_NO_FLUSH),
        ("Z_PARTIAL_FLUSH", 1),
        ("Z_SYNC_FLUSH", 2),
        ("Z_FULL_FLUSH", 3),
        ("Z_FINISH", Z_FINISH),
        ("Z_BLOCK", 5),
        ("Z_TREES", 6),
    ] {
        d.set_str(name, int::from_i64(value));
    }
    d.set_str("ZLIB_VERSION", pyrs_objects::str::new(ZLIB_VERSION));
    d.set_str("ZLIB_RUNTIME_VERSION", pyrs_objects::str::new(ZLIB_VERSION));
    d.set_str("__version__", pyrs_objects::str::new("1.0"));
    d.set_str("error", ERROR.class().clone());
    let t = types();
    d.set_str("_ZlibDecompressor", t.zlib_decompressor.clone());
    add_functions(
        &module,
        &[
            ("adler32", adler32),
            ("crc32", crc32_function),
            ("compress", compress),
            ("decompress", decompress),
            ("compressobj", compressobj),
            ("decompressobj", decompressobj),
        ],
    );
    Ok(module)
}

struct Types {
    compress: Value,
    decompress: Value,
    zlib_decompressor: Value,
}

fn types() -> &'static Types {
    static TYPES: OnceLock<SyncCell<Types>> = OnceLock::new();
    &TYPES
        .get_or_init(|| {
            SyncCell(Types {
                compress: TypeBuilder::new::<CompressObject>("Compress")
                    .module("zlib")
                    .methods(COMPRESS_METHODS)
                    .build(),
                decompress: TypeBuilder::new::<DecompressObject>("Decompress")
                    .module("zlib")
                    .methods(DECOMPRESS_METHODS)
                    .build(),
                zlib_decompressor: TypeBuilder::new::<ZlibDecompressor>("_ZlibDecompressor")
                    .module("zlib")
                    .methods(ZLIB_DECOMPRESSOR_METHODS)
                    .slots(|s| s.new.set(Some(zlib_decompressor_new)))
                    .build(),
            })
        })
        .0
}

/// `zlib.error`.
static ERROR: ModuleException = ModuleException::new("zlib", "error", ExcKind::Exception);

/// `zlib.error(message)`.
fn error(message: impl Into<String>) -> PyErr {
    ERROR.error(message)
}

/// Clinic's `int` converter.
fn c_int(v: &Value) -> PyResult<i64> {
    let i = protocol::index(v)?;
    int::as_i64(&i)
        .filter(|i| i32::try_from(*i).is_ok())
        .ok_or_else(|| {
            PyErr::new(
                ExcKind::OverflowError,
                "Python int too large to convert to C int",
            )
        })
}

/// Clinic's `Py_ssize_t` converter.
fn ssize(v: &Value) -> PyResult<i64> {
    Ok(protocol::index_isize(v, false)? as i64)
}

fn int_or(v: &Option<Value>, default: i64) -> PyResult<i64> {
    match v {
        Some(v) => c_int(v),
        None => Ok(default),
    }
}

/// Clinic's `unsigned_int(bitwise=True)`.
fn unsigned_int_mask(v: &Value) -> PyResult<u32> {
    let i = protocol::index(v)?;
    let big = int::as_int(&i).map(|i| i.to_bigint()).unwrap_or_default();
    let masked = big & num_bigint::BigInt::from(0xffff_ffffu32);
    Ok(num_traits::ToPrimitive::to_u32(&masked).unwrap_or(0))
}

fn adler32(args: Args<'_>) -> PyResult<Value> {
    let pos = args.exact("adler32", 1, 2)?;
    let data = buffer_arg(&pos[0])?;
    let value = match pos.get(1) {
        Some(v) => unsigned_int_mask(v)?,
        None => 1,
    };
    Ok(int::from_i64(
        miniz_oxide::mz_adler32_oxide(value, &data) as i64
    ))
}

fn crc32_function(args: Args<'_>) -> PyResult<Value> {
    let pos = args.exact("crc32", 1, 2)?;
    let data = buffer_arg(&pos[0])?;
    let value = match pos.get(1) {
        Some(v) => unsigned_int_mask(v)?,
        None => 0,
    };
    Ok(int::from_i64(crc32(&data, value) as i64))
}

// ---------------------------------------------------------------------------------------
// Compression

/// The container around the DEFLATE data.
#[derive(Clone, Copy, PartialEq)]
enum Wrapper {
    Zlib,
    Gzip,
    Raw,
}

/// A compression stream: miniz_oxide's raw DEFLATE coder with the zlib or gzip wrapper
/// written here.
struct Deflater {
    comp: Box<CompressorOxide>,
    wrapper: Wrapper,
    header: Vec<u8>,
    header_written: bool,
    /// Adler-32 (zlib) or CRC-32 (gzip) of the input so far.
    check: u32,
    total_in: u64,
    finished: bool,
}

impl Deflater {
    /// `deflateInit2`'s checks; `None` for parameters zlib refuses.
    fn new(level: i64, method: i64, wbits: i64, mem_level: i64, strategy: i64) -> Option<Deflater> {
        let level = if level == -1 { 6 } else { level };
        if !(0..=9).contains(&level)
            || method != 8
            || !(1..=9).contains(&mem_level)
            || !(0..=4).contains(&strategy)
        {
            return None;
        }
        let (wrapper, bits) = match wbits {
            8..=15 => (Wrapper::Zlib, wbits.max(9)),
            -15..=-9 => (Wrapper::Raw, -wbits),
            24..=31 => (Wrapper::Gzip, (wbits - 16).max(9)),
            _ => return None,
        };
        let flags = create_comp_flags_from_zip_params(level as i32, -15, strategy as i32);
        let header = match wrapper {
            Wrapper::Raw => Vec::new(),
            Wrapper::Zlib => {
                let level_flags = if strategy >= 2 || level < 2 {
                    0
                } else if level < 6 {
                    1
                } else if level == 6 {
                    2
                } else {
                    3
                };
                let mut h = ((8 + ((bits - 8) << 4)) << 8) as u32 | (level_flags << 6);
                h += 31 - h % 31;
                vec![(h >> 8) as u8, h as u8]
            }
            Wrapper::Gzip => {
                let xfl = if level == 9 {
                    2
                } else if strategy >= 2 || level < 2 {
                    4
                } else {
                    0
                };
                vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, xfl, 3]
            }
        };
        Some(Deflater {
            comp: Box::new(CompressorOxide::new(flags)),
            wrapper,
            header,
            header_written: false,
            check: if wrapper == Wrapper::Zlib { 1 } else { 0 },
            total_in: 0,
            finished: false,
        })
    }

    /// Compresses `input`, then flushes as `flush` asks; appends the output to `out`.
    fn run(&mut self, input: &[u8], flush: MZFlush, out: &mut Vec<u8>) -> Result<(), ()> {
        if !self.header_written {
            out.extend_from_slice(&self.header);
            self.header_written = true;
        }
        match self.wrapper {
            Wrapper::Zlib => self.check = miniz_oxide::mz_adler32_oxide(self.check, input),
            Wrapper::Gzip => self.check = crc32(input, self.check),
            Wrapper::Raw => {}
        }
        self.total_in += input.len() as u64;
        let mut rest = input;
        let mut chunk = vec![0u8; 64 * 1024];
        loop {
            let r = miniz_oxide::deflate::stream::deflate(&mut self.comp, rest, &mut chunk, flush);
            rest = &rest[r.bytes_consumed..];
            out.extend_from_slice(&chunk[..r.bytes_written]);
            match r.status {
                Ok(MZStatus::StreamEnd) => break,
                Ok(_) => {
                    if rest.is_empty() && r.bytes_written < chunk.len() {
                        break;
                    }
                }
                Err(MZError::Buf) => break,
                Err(_) => return Err(()),
            }
        }
        if flush == MZFlush::Finish {
            match self.wrapper {
                Wrapper::Zlib => out.extend_from_slice(&self.check.to_be_bytes()),
                Wrapper::Gzip => {
                    out.extend_from_slice(&self.check.to_le_bytes());
                    out.extend_from_slice(&(self.total_in as u32).to_le_bytes());
                }
                Wrapper::Raw => {}
            }
            self.finished = true;
        }
        Ok(())
    }
}

/// The flush modes miniz_oxide knows, for zlib's `Z_*` values.
fn flush_mode(mode: i64) -> MZFlush {
    match mode {
        0 => MZFlush::None,
        3 => MZFlush::Full,
        4 => MZFlush::Finish,
        _ => MZFlush::Sync,
    }
}

fn compress(args: Args<'_>) -> PyResult<Value> {
    let [data, level, wbits] = args.bind("compress", ["data", "level", "wbits"], 1, 1, 3)?;
    let data = buffer_arg(&data.unwrap_or_else(pyrs_objects::none))?;
    let level = int_or(&level, -1)?;
    let wbits = int_or(&wbits, MAX_WBITS)?;
    let Some(mut d) = Deflater::new(level, 8, wbits, DEF_MEM_LEVEL, 0) else {
        return Err(error("Bad compression level"));
    };
    let mut out = Vec::with_capacity(data.len() / 2 + 32);
    d.run(&data, MZFlush::Finish, &mut out)
        .map_err(|_| error("Error -2 while compressing data: inconsistent stream state"))?;
    Ok(bytes::new(out))
}

/// The payload of a `zlib.Compress` object.
struct CompressObject {
    deflater: RefCell<Option<Deflater>>,
}

impl Payload for CompressObject {}

fn compressobj(args: Args<'_>) -> PyResult<Value> {
    let [level, method, wbits, mem_level, strategy, zdict] = args.bind(
        "compressobj",
        ["level", "method", "wbits", "memLevel", "strategy", "zdict"],
        0,
        0,
        6,
    )?;
    let level = int_or(&level, -1)?;
    let method = int_or(&method, 8)?;
    let wbits = int_or(&wbits, MAX_WBITS)?;
    let mem_level = int_or(&mem_level, DEF_MEM_LEVEL)?;
    let strategy = int_or(&strategy, 0)?;
    if let Some(z) = &zdict {
        if !protocol::is_none(z) {
            return Err(PyErr::new(
                ExcKind::NotImplementedError,
                "zlib.compressobj: preset dictionaries (zdict) are not supported",
            ));
        }
    }
    let Some(d) = Deflater::new(level, method, wbits, mem_level, strategy) else {
        return Err(PyErr::value_error("Invalid initialization option"));
    };
    Ok(alloc(
        &types().compress,
        CompressObject {
            deflater: RefCell::new(Some(d)),
        },
    ))
}

fn compress_this<'a>(v: &'a Value, method: &str) -> PyResult<&'a CompressObject> {
    protocol::self_payload::<CompressObject>(v, method, "zlib.Compress")
}

fn compress_compress(args: Args<'_>) -> PyResult<Value> {
    let c = compress_this(&args.pos()[0], "compress")?;
    let pos = args.skip_first().exact("compress", 1, 1)?;
    let data = buffer_arg(&pos[0])?;
    let mut out = Vec::new();
    let mut guard = c.deflater.borrow_mut();
    match guard.as_mut() {
        Some(d) if !d.finished => d
            .run(&data, MZFlush::None, &mut out)
            .map_err(|_| error("Error -2 while compressing data: inconsistent stream state"))?,
        _ => {
            return Err(error(
                "Error -2 while compressing data: inconsistent stream state",
            ))
        }
    }
    Ok(bytes::new(out))
}

fn compress_flush(args: Args<'_>) -> PyResult<Value> {
    let c = compress_this(&args.pos()[0], "flush")?;
    let pos = args.skip_first().exact("flush", 0, 1)?;
    let mode = match pos.first() {
        Some(v) => c_int(v)?,
        None => Z_FINISH,
    };
    if mode == Z_NO_FLUSH {
        return Ok(bytes::new(Vec::new()));
    }
    let mut out = Vec::new();
    let mut guard = c.deflater.borrow_mut();
    match guard.as_mut() {
        Some(d) if !d.finished => d
            .run(&[], flush_mode(mode), &mut out)
            .map_err(|_| error("Error -2 while flushing: inconsistent stream state"))?,
        _ => return Err(error("Error -2 while flushing: inconsistent stream state")),
    }
    if mode == Z_FINISH {
        *guard = None;
    }
    Ok(bytes::new(out))
}

// ---------------------------------------------------------------------------------------
// Decompression

/// How far an [`Inflater`] has read its stream.
#[derive(Clone, Copy, PartialEq)]
enum Stage {
    Header,
    Body,
    Trailer,
    Done,
}

/// A decompression stream: headers and trailers read here, the DEFLATE data by
/// miniz_oxide.
#[derive(Clone)]
struct Inflater {
    /// `None` until an automatic-detection stream has seen its first bytes.
    wrapper: Option<Wrapper>,
    /// The largest window the zlib header may ask for (`None`: any, as `wbits=0`).
    max_window: Option<u32>,
    stage: Stage,
    pending: Vec<u8>,
    state: Box<InflateState>,
    /// The first bytes of the DEFLATE data, to name the error when they are bad.
    body_start: Vec<u8>,
    check: u32,
    total_out: u64,
}

/// A decompression error: zlib's code and message.
struct InflateError {
    code: i32,
    message: &'static str,
}

impl InflateError {
    fn data(message: &'static str) -> InflateError {
        InflateError { code: -3, message }
    }
}

impl Inflater {
    /// `inflateInit2`'s reading of `wbits`; `None` when zlib refuses it.
    fn new(wbits: i64) -> Option<Inflater> {
        let (wrapper, max_window) = match wbits {
            0 => (Some(Wrapper::Zlib), None),
            8..=15 => (Some(Wrapper::Zlib), Some(wbits as u32)),
            -15..=-8 => (Some(Wrapper::Raw), None),
            24..=31 => (Some(Wrapper::Gzip), None),
            32 => (None, None),
            40..=47 => (None, Some(wbits as u32 - 32)),
            _ => return None,
        };
        Some(Inflater {
            wrapper,
            max_window,
            stage: if wrapper == Some(Wrapper::Raw) {
                Stage::Body
            } else {
                Stage::Header
            },
            pending: Vec::new(),
            state: InflateState::new_boxed(DataFormat::Raw),
            body_start: Vec::new(),
            check: 0,
            total_out: 0,
        })
    }

    fn eof(&self) -> bool {
        self.stage == Stage::Done
    }

    /// Reads the header from `pending`: `Ok(true)` when it is complete.
    fn parse_header(&mut self) -> Result<bool, InflateError> {
        let p = &self.pending;
        if self.wrapper.is_none() {
            if p.len() < 2 {
                return Ok(false);
            }
            self.wrapper = Some(if p[0] == 0x1f && p[1] == 0x8b {
                Wrapper::Gzip
            } else {
                Wrapper::Zlib
            });
        }
        let used = match self.wrapper {
            Some(Wrapper::Gzip) => match gzip_header_len(p)? {
                Some(n) => n,
                None => return Ok(false),
            },
            _ => {
                if p.len() < 2 {
                    return Ok(false);
                }
                let (cmf, flg) = (p[0] as u32, p[1] as u32);
                if (cmf << 8 | flg) % 31 != 0 {
                    return Err(InflateError::data("incorrect header check"));
                }
                if cmf & 0x0f != 8 {
                    return Err(InflateError::data("unknown compression method"));
                }
                let window = (cmf >> 4) + 8;
                if window > 15 || self.max_window.is_some_and(|m| window > m) {
                    return Err(InflateError::data("invalid window size"));
                }
                if flg & 0x20 != 0 {
                    return Err(InflateError {
                        code: 2,
                        message: "",
                    });
                }
                2
            }
        };
        self.check = if self.wrapper == Some(Wrapper::Zlib) {
            1
        } else {
            0
        };
        self.pending.drain(..used.min(self.pending.len()));
        Ok(true)
    }

    /// Decompresses from `input`, appending at most `max_out` bytes (if given) to `out`;
    /// returns how many input bytes were used. Bytes after the end of the stream are not
    /// used.
    fn feed(
        &mut self,
        input: &[u8],
        out: &mut Vec<u8>,
        max_out: Option<usize>,
    ) -> Result<usize, InflateError> {
        let mut used = 0;
        loop {
            match self.stage {
                Stage::Done => return Ok(used),
                Stage::Header => {
                    // Header bytes are taken one at a time so none past its end is used.
                    if used == input.len() {
                        return Ok(used);
                    }
                    self.pending.push(input[used]);
                    used += 1;
                    if self.parse_header()? {
                        self.stage = Stage::Body;
                    }
                }
                Stage::Body => {
                    let room = max_out.map(|m| m.saturating_sub(out.len()));
                    if room == Some(0) {
                        return Ok(used);
                    }
                    let rest = &input[used..];
                    if self.body_start.len() < 8 {
                        let take = (8 - self.body_start.len()).min(rest.len());
                        self.body_start.extend_from_slice(&rest[..take]);
                    }
                    let mut chunk = vec![0u8; room.unwrap_or(usize::MAX).clamp(1, 64 * 1024)];
                    let r = miniz_oxide::inflate::stream::inflate(
                        &mut self.state,
                        rest,
                        &mut chunk,
                        MZFlush::None,
                    );
                    used += r.bytes_consumed;
                    let produced = &chunk[..r.bytes_written];
                    match self.wrapper {
                        Some(Wrapper::Zlib) => {
                            self.check = miniz_oxide::mz_adler32_oxide(self.check, produced)
                        }
                        Some(Wrapper::Gzip) => self.check = crc32(produced, self.check),
                        _ => {}
                    }
                    self.total_out += produced.len() as u64;
                    out.extend_from_slice(produced);
                    match r.status {
                        Ok(MZStatus::StreamEnd) => {
                            self.stage = if self.wrapper == Some(Wrapper::Raw) {
                                Stage::Done
                            } else {
                                Stage::Trailer
                            };
                        }
                        Ok(_) | Err(MZError::Buf) => {
                            if r.bytes_consumed == 0 && r.bytes_written == 0 {
                                return Ok(used);
                            }
                        }
                        Err(_) => return Err(InflateError::data(diagnose(&self.body_start))),
                    }
                }
                Stage::Trailer => {
                    let need = if self.wrapper == Some(Wrapper::Gzip) {
                        8
                    } else {
                        4
                    };
                    let take = (need - self.pending.len()).min(input.len() - used);
                    self.pending.extend_from_slice(&input[used..used + take]);
                    used += take;
                    if self.pending.len() < need {
                        return Ok(used);
                    }
                    let t = std::mem::take(&mut self.pending);
                    if self.wrapper == Some(Wrapper::Gzip) {
                        if u32::from_le_bytes([t[0], t[1], t[2], t[3]]) != self.check {
                            return Err(InflateError::data("incorrect data check"));
                        }
                        if u32::from_le_bytes([t[4], t[5], t[6], t[7]]) != self.total_out as u32 {
                            return Err(InflateError::data("incorrect length check"));
                        }
                    } else if u32::from_be_bytes([t[0], t[1], t[2], t[3]]) != self.check {
                        return Err(InflateError::data("incorrect data check"));
                    }
                    self.stage = Stage::Done;
                }
            }
        }
    }
}

/// The length of a complete gzip header at the start of `p`, `None` if it is not all there.
fn gzip_header_len(p: &[u8]) -> Result<Option<usize>, InflateError> {
    if p.len() >= 2 && (p[0] != 0x1f || p[1] != 0x8b) {
        return Err(InflateError::data("incorrect header check"));
    }
    // zlib reads the method and flags bytes together before checking either.
    if p.len() >= 4 && p[2] != 8 {
        return Err(InflateError::data("unknown compression method"));
    }
    if p.len() >= 4 && p[3] & 0xe0 != 0 {
        return Err(InflateError::data("unknown header flags set"));
    }
    if p.len() < 10 {
        return Ok(None);
    }
    let flags = p[3];
    let mut n = 10;
    if flags & 4 != 0 {
        if p.len() < n + 2 {
            return Ok(None);
        }
        n += 2 + (p[n] as usize | (p[n + 1] as usize) << 8);
    }
    for bit in [8u8, 16] {
        if flags & bit != 0 {
            match p.get(n..).and_then(|s| s.iter().position(|&b| b == 0)) {
                Some(z) => n += z + 1,
                None => return Ok(None),
            }
        }
    }
    if flags & 2 != 0 {
        n += 2;
    }
    Ok(if p.len() >= n { Some(n) } else { None })
}

/// zlib's message for bad DEFLATE data, as far as the first block's header tells it.
fn diagnose(start: &[u8]) -> &'static str {
    let Some(&first) = start.first() else {
        return "invalid block type";
    };
    match (first >> 1) & 3 {
        3 => "invalid block type",
        0 if start.len() >= 5 => {
            let len = u16::from_le_bytes([start[1], start[2]]);
            let nlen = u16::from_le_bytes([start[3], start[4]]);
            if len != !nlen {
                "invalid stored block lengths"
            } else {
                "invalid distance too far back"
            }
        }
        2 => "invalid code lengths set",
        _ => "invalid distance too far back",
    }
}

fn inflate_error(e: InflateError, doing: &str) -> PyErr {
    if e.message.is_empty() {
        error(format!("Error {} while {doing}", e.code))
    } else {
        error(format!("Error {} while {doing}: {}", e.code, e.message))
    }
}

fn truncated() -> PyErr {
    error("Error -5 while decompressing data: incomplete or truncated stream")
}

fn decompress(args: Args<'_>) -> PyResult<Value> {
    let [data, wbits, bufsize] = args.bind("decompress", ["data", "wbits", "bufsize"], 1, 1, 3)?;
    let data = buffer_arg(&data.unwrap_or_else(pyrs_objects::none))?;
    let wbits = int_or(&wbits, MAX_WBITS)?;
    if let Some(b) = &bufsize {
        if ssize(b)? < 0 {
            return Err(PyErr::value_error("bufsize must be non-negative"));
        }
    }
    let Some(mut inf) = Inflater::new(wbits) else {
        return Err(error(
            "Error -2 while preparing to decompress data: inconsistent stream state",
        ));
    };
    let mut out = Vec::new();
    inf.feed(&data, &mut out, None)
        .map_err(|e| inflate_error(e, "decompressing data"))?;
    if !inf.eof() {
        return Err(truncated());
    }
    Ok(bytes::new(out))
}

/// The payload of a `zlib.Decompress` object.
struct DecompressObject {
    inflater: RefCell<Inflater>,
    unused_data: RefCell<Value>,
    unconsumed_tail: RefCell<Value>,
}

impl Payload for DecompressObject {}

fn decompressobj(args: Args<'_>) -> PyResult<Value> {
    let [wbits, zdict] = args.bind("decompressobj", ["wbits", "zdict"], 0, 0, 2)?;
    let wbits = int_or(&wbits, MAX_WBITS)?;
    if zdict.is_some() {
        return Err(PyErr::new(
            ExcKind::NotImplementedError,
            "zlib.decompressobj: preset dictionaries (zdict) are not supported",
        ));
    }
    let Some(inf) = Inflater::new(wbits) else {
        return Err(PyErr::value_error("Invalid initialization option"));
    };
    Ok(new_decompress_object(inf, bytes::new(Vec::new())))
}

fn new_decompress_object(inf: Inflater, unused_data: Value) -> Value {
    alloc(
        &types().decompress,
        DecompressObject {
            inflater: RefCell::new(inf),
            unused_data: RefCell::new(unused_data),
            unconsumed_tail: RefCell::new(bytes::new(Vec::new())),
        },
    )
}

fn decompress_this<'a>(v: &'a Value, method: &str) -> PyResult<&'a DecompressObject> {
    protocol::self_payload::<DecompressObject>(v, method, "zlib.Decompress")
}

/// After a call: input past the stream's end joins `unused_data`; input left because of
/// `max_length` becomes `unconsumed_tail`.
fn save_unconsumed(d: &DecompressObject, eof: bool, rest: &[u8]) {
    if eof {
        if !rest.is_empty() {
            let mut all = bytes::buffer(&d.unused_data.borrow())
                .map(|b| b.into_owned())
                .unwrap_or_default();
            all.extend_from_slice(rest);
            *d.unused_data.borrow_mut() = bytes::new(all);
        }
        *d.unconsumed_tail.borrow_mut() = bytes::new(Vec::new());
    } else {
        *d.unconsumed_tail.borrow_mut() = bytes::new(rest.to_vec());
    }
}

fn decompress_decompress(args: Args<'_>) -> PyResult<Value> {
    let d = decompress_this(&args.pos()[0], "decompress")?;
    let [data, max_length] =
        args.skip_first()
            .bind("decompress", ["data", "max_length"], 1, 1, 2)?;
    let data = buffer_arg(&data.unwrap_or_else(pyrs_objects::none))?;
    let max_length = match &max_length {
        Some(v) => ssize(v)?,
        None => 0,
    };
    if max_length < 0 {
        return Err(PyErr::value_error("max_length must be non-negative"));
    }
    let limit = if max_length == 0 {
        None
    } else {
        Some(max_length as usize)
    };
    let mut out = Vec::new();
    let (used, eof) = {
        let mut inf = d.inflater.borrow_mut();
        let used = inf
            .feed(&data, &mut out, limit)
            .map_err(|e| inflate_error(e, "decompressing data"))?;
        (used, inf.eof())
    };
    save_unconsumed(d, eof, &data[used..]);
    Ok(bytes::new(out))
}

fn decompress_flush(args: Args<'_>) -> PyResult<Value> {
    let d = decompress_this(&args.pos()[0], "flush")?;
    let pos = args.skip_first().exact("flush", 0, 1)?;
    if let Some(v) = pos.first() {
        if ssize(v)? <= 0 {
            return Err(PyErr::value_error("length must be greater than zero"));
        }
    }
    let tail = bytes::buffer(&d.unconsumed_tail.borrow())
        .map(|b| b.into_owned())
        .unwrap_or_default();
    let mut out = Vec::new();
    let (used, eof) = {
        let mut inf = d.inflater.borrow_mut();
        let used = inf
            .feed(&tail, &mut out, None)
            .map_err(|e| inflate_error(e, "flushing"))?;
        (used, inf.eof())
    };
    save_unconsumed(d, eof, &tail[used..]);
    Ok(bytes::new(out))
}

fn decompress_copy(args: Args<'_>) -> PyResult<Value> {
    let d = decompress_this(&args.pos()[0], "copy")?;
    args.skip_first().exact("copy", 0, 0)?;
    let inf = d.inflater.borrow().clone();
    let copy = new_decompress_object(inf, d.unused_data.borrow().clone());
    if let Some(c) = copy.downcast::<DecompressObject>() {
        *c.unconsumed_tail.borrow_mut() = d.unconsumed_tail.borrow().clone();
    }
    Ok(copy)
}

fn get_unused_data(v: &Value) -> PyResult<Value> {
    let d = decompress_this(v, "unused_data")?;
    let r = d.unused_data.borrow().clone();
    Ok(r)
}

fn get_unconsumed_tail(v: &Value) -> PyResult<Value> {
    let d = decompress_this(v, "unconsumed_tail")?;
    let r = d.unconsumed_tail.borrow().clone();
    Ok(r)
}

fn get_eof(v: &Value) -> PyResult<Value> {
    let d = decompress_this(v, "eof")?;
    let eof = d.inflater.borrow().eof();
    Ok(pyrs_objects::bool(eof))
}

// ---------------------------------------------------------------------------------------
// _ZlibDecompressor: the decompressor gzip reads files with (bz2's and lzma's interface)

/// The payload of a `zlib._ZlibDecompressor`.
struct ZlibDecompressor {
    inflater: RefCell<Inflater>,
    /// Input kept for the next call (after a call limited by `max_length`).
    input: RefCell<Vec<u8>>,
    unused_data: RefCell<Vec<u8>>,
    needs_input: std::cell::Cell<bool>,
}

impl Payload for ZlibDecompressor {}

fn zlib_decompressor_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    let [wbits, zdict] = args.bind("_ZlibDecompressor", ["wbits", "zdict"], 0, 0, 2)?;
    let wbits = int_or(&wbits, MAX_WBITS)?;
    if zdict.is_some() {
        return Err(PyErr::new(
            ExcKind::NotImplementedError,
            "zlib._ZlibDecompressor: preset dictionaries (zdict) are not supported",
        ));
    }
    let Some(inf) = Inflater::new(wbits) else {
        return Err(PyErr::value_error("Invalid initialization option"));
    };
    Ok(alloc(
        cls,
        ZlibDecompressor {
            inflater: RefCell::new(inf),
            input: RefCell::new(Vec::new()),
            unused_data: RefCell::new(Vec::new()),
            needs_input: std::cell::Cell::new(true),
        },
    ))
}

fn zd_this<'a>(v: &'a Value, method: &str) -> PyResult<&'a ZlibDecompressor> {
    protocol::self_payload::<ZlibDecompressor>(v, method, "zlib._ZlibDecompressor")
}

fn zd_decompress(args: Args<'_>) -> PyResult<Value> {
    let z = zd_this(&args.pos()[0], "decompress")?;
    let [data, max_length] =
        args.skip_first()
            .bind("decompress", ["data", "max_length"], 1, 0, 2)?;
    let data = buffer_arg(&data.unwrap_or_else(pyrs_objects::none))?;
    let max_length = match &max_length {
        Some(v) => ssize(v)?,
        None => -1,
    };
    if z.inflater.borrow().eof() {
        return Err(PyErr::new(
            ExcKind::EOFError,
            "End of stream already reached",
        ));
    }
    let mut input = std::mem::take(&mut *z.input.borrow_mut());
    input.extend_from_slice(&data);
    let limit = if max_length < 0 {
        None
    } else {
        Some(max_length as usize)
    };
    let mut out = Vec::new();
    let (used, eof) = {
        let mut inf = z.inflater.borrow_mut();
        let used = inf
            .feed(&input, &mut out, limit)
            .map_err(|e| inflate_error(e, "decompressing data"))?;
        (used, inf.eof())
    };
    let rest = input[used..].to_vec();
    if eof {
        z.needs_input.set(false);
        z.unused_data.borrow_mut().extend_from_slice(&rest);
    } else if rest.is_empty() {
        // All input used: more is needed unless the output limit stopped the call with
        // output still pending inside the decoder.
        z.needs_input.set(match limit {
            None => true,
            Some(l) => out.len() < l,
        });
    } else {
        z.needs_input.set(false);
        *z.input.borrow_mut() = rest;
    }
    Ok(bytes::new(out))
}

fn zd_eof(v: &Value) -> PyResult<Value> {
    let z = zd_this(v, "eof")?;
    let eof = z.inflater.borrow().eof();
    Ok(pyrs_objects::bool(eof))
}

fn zd_unused_data(v: &Value) -> PyResult<Value> {
    let z = zd_this(v, "unused_data")?;
    let data = z.unused_data.borrow().clone();
    Ok(bytes::new(data))
}

fn zd_needs_input(v: &Value) -> PyResult<Value> {
    let z = zd_this(v, "needs_input")?;
    Ok(pyrs_objects::bool(z.needs_input.get()))
}

const COMPRESS_METHODS: &[MethodDef] = &[
    MethodDef::new("compress", MethodKind::Method(compress_compress)),
    MethodDef::new("flush", MethodKind::Method(compress_flush)),
];

const DECOMPRESS_METHODS: &[MethodDef] = &[
    MethodDef::new("decompress", MethodKind::Method(decompress_decompress)),
    MethodDef::new("flush", MethodKind::Method(decompress_flush)),
    MethodDef::new("copy", MethodKind::Method(decompress_copy)),
    MethodDef::new("unused_data", MethodKind::GetSet(get_unused_data, None)),
    MethodDef::new(
        "unconsumed_tail",
        MethodKind::GetSet(get_unconsumed_tail, None),
    ),
    MethodDef::new("eof", MethodKind::GetSet(get_eof, None)),
];

const ZLIB_DECOMPRESSOR_METHODS: &[MethodDef] = &[
    MethodDef::new("decompress", MethodKind::Method(zd_decompress)),
    MethodDef::new("eof", MethodKind::GetSet(zd_eof, None)),
    MethodDef::new("unused_data", MethodKind::GetSet(zd_unused_data, None)),
    MethodDef::new("needs_input", MethodKind::GetSet(zd_needs_input, None)),
];
