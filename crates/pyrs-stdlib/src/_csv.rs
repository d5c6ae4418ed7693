//! `_csv` (CPython's Modules/_csv.c): the parser and writer under `csv`, with the dialect
//! registry.
//!
//! A [`Dialect`] is an immutable, validated set of formatting parameters; `reader` and
//! `writer` make one from a dialect name, a dialect-like object and keyword overrides
//! (`_call_dialect`). The reader is CPython's character state machine, fed one line of the
//! underlying iterator at a time plus an end-of-line marker, so that a quoted field may span
//! lines; the writer quotes and escapes a record field by field and hands the line to the
//! file's `write`. Characters are code points (`u32`), [`NOT_SET`] standing for a character
//! set to None.

use std::cell::{Cell, RefCell};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::OnceLock;

use pyrs_objects::args::Args;
use pyrs_objects::dict::DictData;
use pyrs_objects::native::{MethodDef, MethodKind, NativeFn};
use pyrs_objects::object::{alloc, Payload};
use pyrs_objects::str::StrData;
use pyrs_objects::typeobject::TypeBuilder;
use pyrs_objects::{int, list, protocol, str as pystr, ExcKind, PyErr, PyResult, SyncCell, Value};

use crate::argconv::{add_functions, module_dict, ModuleException};

/// A character parameter set to None (escapechar, quotechar).
const NOT_SET: u32 = u32::MAX;
/// The end of a line, fed to the reader's state machine after each line's characters.
const EOL: u32 = u32::MAX - 1;

const QUOTE_MINIMAL: i64 = 0;
const QUOTE_ALL: i64 = 1;
const QUOTE_NONNUMERIC: i64 = 2;
const QUOTE_NONE: i64 = 3;
const QUOTE_STRINGS: i64 = 4;
const QUOTE_NOTNULL: i64 = 5;

/// The largest field a reader accepts (`field_size_limit`).
static FIELD_LIMIT: AtomicI64 = AtomicI64::new(128 * 1024);

/// Makes the `_csv` module.
pub(crate) fn init() -> PyResult<Value> {
    let module = pyrs_objects::module::new_module("_csv");
    let d = module_dict(&module);
    for (name, value) in [
        ("QUOTE_MINIMAL", QUOTE_MINIMAL),
        ("QUOTE_ALL", QUOTE_ALL),
        ("QUOTE_NONNUMERIC", QUOTE_NONNUMERIC),
        ("QUOTE_NONE", QUOTE_NONE),
        ("QUOTE_STRINGS", QUOTE_STRINGS),
        ("QUOTE_NOTNULL", QUOTE_NOTNULL),
    ] {
        d.set_str(name, int::from_i64(value));
    }
    d.set_str("Error", ERROR.class().clone());
    d.set_str("_dialects", registry().clone());
    d.set_str("Dialect", types().dialect.clone());
    d.set_str("Reader", types().reader.clone());
    d.set_str("Writer", types().writer.clone());
    let functions: &[(&'static str, NativeFn)] = &[
        ("reader", reader),
        ("writer", writer),
        ("register_dialect", register_dialect),
        ("unregister_dialect", unregister_dialect),
        ("get_dialect", get_dialect),
        ("list_dialects", list_dialects),
        ("field_size_limit", field_size_limit),
    ];
    add_functions(&module, functions);
    Ok(module)
}

/// `_csv.Error`.
static ERROR: ModuleException = ModuleException::new("_csv", "Error", ExcKind::Exception);

/// `_csv.Error(message)`.
fn error(message: impl Into<String>) -> PyErr {
    ERROR.error(message)
}

struct Types {
    dialect: Value,
    reader: Value,
    writer: Value,
}

fn types() -> &'static Types {
    static TYPES: OnceLock<SyncCell<Types>> = OnceLock::new();
    &TYPES
        .get_or_init(|| {
            SyncCell(Types {
                dialect: TypeBuilder::new::<Dialect>("Dialect")
                    .module("_csv")
                    .subclassable()
                    .methods(DIALECT_METHODS)
                    .doc("CSV dialect\n\nThe Dialect type records CSV parsing and generation options.\n")
                    .slots(|s| s.new.set(Some(dialect_new)))
                    .build(),
                reader: TypeBuilder::new::<Reader>("reader")
                    .module("_csv")
                    .methods(READER_METHODS)
                    .slots(|s| {
                        s.iter.set(Some(|it| Ok(it.clone())));
                        s.next.set(Some(reader_next));
                    })
                    .build(),
                writer: TypeBuilder::new::<Writer>("writer")
                    .module("_csv")
                    .methods(WRITER_METHODS)
                    .build(),
            })
        })
        .0
}

/// The dialects `register_dialect` named.
fn registry() -> &'static Value {
    static REGISTRY: OnceLock<SyncCell<Value>> = OnceLock::new();
    &REGISTRY
        .get_or_init(|| SyncCell(pyrs_objects::dict::new()))
        .0
}

fn registry_dict() -> &'static DictData {
    registry().downcast::<DictData>().expect("a dict")
}

// ---------------------------------------------------------------------------------------------
// Dialects

/// A validated set of formatting parameters.
struct Dialect {
    delimiter: u32,
    doublequote: bool,
    escapechar: u32,
    lineterminator: Value,
    lineterminator_chars: Box<[u32]>,
    quotechar: u32,
    quoting: i64,
    skipinitialspace: bool,
    strict: bool,
}

impl Payload for Dialect {}

const DIALECT_ATTRIBUTES: [&str; 8] = [
    "delimiter",
    "doublequote",
    "escapechar",
    "lineterminator",
    "quotechar",
    "quoting",
    "skipinitialspace",
    "strict",
];

static DIALECT_METHODS: &[MethodDef] = &[
    MethodDef::new("delimiter", MethodKind::GetSet(dialect_delimiter, None)),
    MethodDef::new("doublequote", MethodKind::GetSet(dialect_doublequote, None)),
    MethodDef::new("escapechar", MethodKind::GetSet(dialect_escapechar, None)),
    MethodDef::new(
        "lineterminator",
        MethodKind::GetSet(dialect_lineterminator, None),
    ),
    MethodDef::new("quotechar", MethodKind::GetSet(dialect_quotechar, None)),
    MethodDef::new("quoting", MethodKind::GetSet(dialect_quoting, None)),
    MethodDef::new(
        "skipinitialspace",
        MethodKind::GetSet(dialect_skipinitialspace, None),
    ),
    MethodDef::new("strict", MethodKind::GetSet(dialect_strict, None)),
    MethodDef::new("__reduce_ex__", MethodKind::Method(dialect_reduce_ex)),
];

fn dialect_of(v: &Value) -> PyResult<&Dialect> {
    v.downcast::<Dialect>()
        .ok_or_else(|| PyErr::type_error("a _csv.Dialect is required"))
}

fn char_value(c: u32) -> Value {
    if c == NOT_SET {
        pyrs_objects::none()
    } else {
        pystr::char_str(c)
    }
}

fn dialect_delimiter(v: &Value) -> PyResult<Value> {
    Ok(char_value(dialect_of(v)?.delimiter))
}
fn dialect_doublequote(v: &Value) -> PyResult<Value> {
    Ok(pyrs_objects::bool(dialect_of(v)?.doublequote))
}
fn dialect_escapechar(v: &Value) -> PyResult<Value> {
    Ok(char_value(dialect_of(v)?.escapechar))
}
fn dialect_lineterminator(v: &Value) -> PyResult<Value> {
    Ok(dialect_of(v)?.lineterminator.clone())
}
fn dialect_quotechar(v: &Value) -> PyResult<Value> {
    Ok(char_value(dialect_of(v)?.quotechar))
}
fn dialect_quoting(v: &Value) -> PyResult<Value> {
    Ok(int::from_i64(dialect_of(v)?.quoting))
}
fn dialect_skipinitialspace(v: &Value) -> PyResult<Value> {
    Ok(pyrs_objects::bool(dialect_of(v)?.skipinitialspace))
}
fn dialect_strict(v: &Value) -> PyResult<Value> {
    Ok(pyrs_objects::bool(dialect_of(v)?.strict))
}

fn dialect_reduce_ex(args: Args<'_>) -> PyResult<Value> {
    let this = args
        .pos()
        .first()
        .cloned()
        .unwrap_or_else(pyrs_objects::none);
    Err(PyErr::type_error(format!(
        "cannot pickle '{}' instances",
        this.type_data().name()
    )))
}

/// A one-character parameter (CPython 3.13's `_set_char`/`_set_char_or_none`): None is
/// only allowed when `or_none`.
fn char_param(name: &str, v: &Value, or_none: bool) -> PyResult<u32> {
    if or_none && protocol::is_none(v) {
        return Ok(NOT_SET);
    }
    let Some(s) = v.downcast::<StrData>() else {
        return Err(PyErr::type_error(format!(
            "\"{name}\" must be string{}, not {}",
            if or_none { " or None" } else { "" },
            v.type_data().name()
        )));
    };
    let mut chars = s.code_points();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Ok(c),
        _ => Err(PyErr::type_error(format!(
            "\"{name}\" must be a 1-character string"
        ))),
    }
}

/// CPython's `_call_dialect`: a dialect from a dialect argument (a name, a dialect, any
/// object with the attributes, or nothing) and the keyword overrides of `args`.
fn call_dialect(dialect: Option<&Value>, args: &Args<'_>) -> PyResult<Value> {
    let mut values: Vec<Value> = dialect.into_iter().cloned().collect();
    let mut names: Vec<Value> = Vec::new();
    for (k, v) in args.kwargs() {
        values.push(v.clone());
        names.push(k.clone());
    }
    dialect_new(&types().dialect, Args::new(&values, &names))
}

/// The positional arguments of `reader`, `writer` and `register_dialect`: the first one and
/// the dialect argument, if given. They are CPython's unnamed `PyArg_UnpackTuple(args, "", 1,
/// 2, …)`, whose count errors start with a space.
fn first_and_dialect<'a>(args: &Args<'a>) -> PyResult<(&'a Value, Option<&'a Value>)> {
    match args.pos() {
        [] => Err(PyErr::type_error(" expected at least 1 argument, got 0")),
        [first] => Ok((first, None)),
        [first, dialect] => Ok((first, Some(dialect))),
        more => Err(PyErr::type_error(format!(
            " expected at most 2 arguments, got {}",
            more.len()
        ))),
    }
}

/// `_csv.Dialect(dialect=None, **fmtparams)`.
fn dialect_new(cls: &Value, args: Args<'_>) -> PyResult<Value> {
    // Every parameter may be given by position, in the order `dialect`, then the attributes.
    if args.pos().len() > 1 + DIALECT_ATTRIBUTES.len() {
        return Err(PyErr::type_error(format!(
            "function takes at most 9 arguments ({} given)",
            args.pos().len() + args.kwnames().len()
        )));
    }
    let mut given: [Option<Value>; 8] = Default::default();
    let mut dialect = args.pos().first().cloned();
    for (i, v) in args.pos().iter().skip(1).enumerate() {
        given[i] = Some(v.clone());
    }
    for (k, v) in args.kwargs() {
        let key = pystr::text_of(k).unwrap_or_default();
        if key == "dialect" {
            dialect = Some(v.clone());
            continue;
        }
        match DIALECT_ATTRIBUTES.iter().position(|n| *n == key) {
            Some(i) => given[i] = Some(v.clone()),
            None => {
                // PyArg_ParseTupleAndKeywords without a function name says "this function".
                let mut message =
                    format!("this function got an unexpected keyword argument '{key}'");
                let names = std::iter::once("dialect").chain(DIALECT_ATTRIBUTES);
                if let Some(close) = pyrs_objects::suggest::best_match(&key, names) {
                    message.push_str(&format!(". Did you mean '{close}'?"));
                }
                return Err(PyErr::type_error(message));
            }
        }
    }
    if let Some(d) = dialect.as_ref() {
        if d.downcast::<StrData>().is_some() {
            dialect = Some(lookup_dialect(d)?);
        }
    }
    let dialect = dialect.filter(|d| !protocol::is_none(d));
    // An exact Dialect without overrides is returned as it is.
    if let Some(d) = &dialect {
        if given.iter().all(Option::is_none)
            && d.is_exact(&types().dialect)
            && cls.is(&types().dialect)
        {
            return Ok(d.clone());
        }
    }
    if let Some(d) = &dialect {
        for (i, name) in DIALECT_ATTRIBUTES.iter().enumerate() {
            if given[i].is_none() {
                given[i] = protocol::getattr_opt(d, &pystr::intern(name))?;
            }
        }
    }
    let [delimiter, doublequote, escapechar, lineterminator, quotechar, quoting, skipinitialspace, strict] =
        given;
    let delimiter = match &delimiter {
        Some(v) => char_param("delimiter", v, false)?,
        None => ',' as u32,
    };
    let doublequote = match &doublequote {
        Some(v) => protocol::is_true(v)?,
        None => true,
    };
    let escapechar = match &escapechar {
        Some(v) => char_param("escapechar", v, true)?,
        None => NOT_SET,
    };
    let lineterminator = match lineterminator {
        None => Some(pystr::new("\r\n")),
        Some(v) if protocol::is_none(&v) => None,
        Some(v) if v.downcast::<StrData>().is_some() => Some(v),
        Some(_) => return Err(PyErr::type_error("\"lineterminator\" must be a string")),
    };
    let quotechar_given_none = quotechar.as_ref().is_some_and(protocol::is_none);
    let quotechar = match &quotechar {
        Some(v) => char_param("quotechar", v, true)?,
        None => '"' as u32,
    };
    let quoting_given = quoting.is_some();
    let mut quoting = match &quoting {
        None => QUOTE_MINIMAL,
        Some(v) => {
            if !v.is_small() && !v.is_exact(&pyrs_objects::types().int) {
                return Err(PyErr::type_error("\"quoting\" must be an integer"));
            }
            let q = protocol::index_isize(v, false)?;
            i32::try_from(q).map_err(|_| {
                PyErr::new(
                    ExcKind::OverflowError,
                    "Python int too large to convert to C int",
                )
            })? as i64
        }
    };
    let skipinitialspace = match &skipinitialspace {
        Some(v) => protocol::is_true(v)?,
        None => false,
    };
    let strict = match &strict {
        Some(v) => protocol::is_true(v)?,
        None => false,
    };
    if !(QUOTE_MINIMAL..=QUOTE_NOTNULL).contains(&quoting) {
        return Err(PyErr::type_error("bad \"quoting\" value"));
    }
    if quotechar_given_none && !quoting_given {
        quoting = QUOTE_NONE;
    }
    if quoting != QUOTE_NONE && quotechar == NOT_SET {
        return Err(PyErr::type_error(
            "quotechar must be set if quoting enabled",
        ));
    }
    let Some(lineterminator) = lineterminator else {
        return Err(PyErr::type_error("lineterminator must be set"));
    };
    let lineterminator_chars: Box<[u32]> = lineterminator
        .downcast::<StrData>()
        .map(|s| s.code_points().collect())
        .unwrap_or_default();
    let check_char = |name: &str, c: u32, allow_space: bool| -> PyResult<()> {
        if c == '\r' as u32 || c == '\n' as u32 || (c == ' ' as u32 && !allow_space) {
            return Err(PyErr::value_error(format!("bad {name} value")));
        }
        if c != NOT_SET && lineterminator_chars.contains(&c) {
            return Err(PyErr::value_error(format!(
                "bad {name} or lineterminator value"
            )));
        }
        Ok(())
    };
    let check_pair = |n1: &str, n2: &str, c1: u32, c2: u32| -> PyResult<()> {
        if c1 == c2 && c1 != NOT_SET {
            return Err(PyErr::value_error(format!("bad {n1} or {n2} value")));
        }
        Ok(())
    };
    check_char("delimiter", delimiter, true)?;
    check_char("escapechar", escapechar, !skipinitialspace)?;
    check_char("quotechar", quotechar, true)?;
    check_pair("delimiter", "escapechar", delimiter, escapechar)?;
    check_pair("delimiter", "quotechar", delimiter, quotechar)?;
    check_pair("escapechar", "quotechar", escapechar, quotechar)?;
    Ok(alloc(
        cls,
        Dialect {
            delimiter,
            doublequote,
            escapechar,
            lineterminator,
            lineterminator_chars,
            quotechar,
            quoting,
            skipinitialspace,
            strict,
        },
    ))
}

fn lookup_dialect(name: &Value) -> PyResult<Value> {
    registry_dict()
        .get_item(name)?
        .ok_or_else(|| error("unknown dialect"))
}

// ---------------------------------------------------------------------------------------------
// The registry and the field size limit

/// `register_dialect(name, dialect=None, **fmtparams)`.
fn register_dialect(args: Args<'_>) -> PyResult<Value> {
    let (name, dialect) = first_and_dialect(&args)?;
    if name.downcast::<StrData>().is_none() {
        return Err(PyErr::type_error("dialect name must be a string"));
    }
    let dialect = call_dialect(dialect, &args)?;
    registry_dict().set_item(name.clone(), dialect)?;
    Ok(pyrs_objects::none())
}

/// `unregister_dialect(name)`.
fn unregister_dialect(args: Args<'_>) -> PyResult<Value> {
    let [name] = args.bind("unregister_dialect", ["name"], 1, 0, 1)?;
    let name = name.expect("required");
    if registry_dict().get_item(&name)?.is_none() {
        return Err(error("unknown dialect"));
    }
    registry_dict().del_item(&name)?;
    Ok(pyrs_objects::none())
}

/// `get_dialect(name)`.
fn get_dialect(args: Args<'_>) -> PyResult<Value> {
    let [name] = args.bind("get_dialect", ["name"], 1, 0, 1)?;
    lookup_dialect(&name.expect("required"))
}

/// `list_dialects()`.
fn list_dialects(args: Args<'_>) -> PyResult<Value> {
    args.exact("list_dialects", 0, 0)?;
    Ok(list::new(registry_dict().keys()))
}

/// `field_size_limit([new_limit])`: the limit before the call.
fn field_size_limit(args: Args<'_>) -> PyResult<Value> {
    let [limit] = args.bind("field_size_limit", ["new_limit"], 0, 0, 1)?;
    let old = FIELD_LIMIT.load(Ordering::Relaxed);
    if let Some(limit) = limit {
        if int::as_int(&limit).is_none() {
            return Err(PyErr::type_error("limit must be an integer"));
        }
        let value = int::as_i64(&protocol::index(&limit)?).ok_or_else(|| {
            PyErr::new(
                ExcKind::OverflowError,
                "Python int too large to convert to C long",
            )
        })?;
        FIELD_LIMIT.store(value, Ordering::Relaxed);
    }
    Ok(int::from_i64(old))
}

// ---------------------------------------------------------------------------------------------
// The reader

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    StartRecord,
    StartField,
    EscapedChar,
    InField,
    InQuotedField,
    EscapeInQuotedField,
    QuoteInQuotedField,
    EatCrnl,
    AfterEscapedCrnl,
}

/// The parser's state between lines.
struct Parse {
    state: State,
    fields: Vec<Value>,
    field: Vec<u32>,
    /// Whether the field being read began unquoted (QUOTE_NONNUMERIC and friends convert it).
    unquoted: bool,
}

struct Reader {
    input: Value,
    dialect: Value,
    line_num: Cell<u64>,
    parse: RefCell<Parse>,
}

impl Payload for Reader {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.input);
        visit(&self.dialect);
        if let Ok(parse) = self.parse.try_borrow() {
            for f in &parse.fields {
                visit(f);
            }
        }
    }
}

static READER_METHODS: &[MethodDef] = &[
    MethodDef::new("dialect", MethodKind::GetSet(reader_dialect, None)),
    MethodDef::new("line_num", MethodKind::GetSet(reader_line_num, None)),
];

fn reader_of(v: &Value) -> PyResult<&Reader> {
    v.downcast::<Reader>()
        .ok_or_else(|| PyErr::type_error("a _csv.reader is required"))
}

fn reader_dialect(v: &Value) -> PyResult<Value> {
    Ok(reader_of(v)?.dialect.clone())
}

fn reader_line_num(v: &Value) -> PyResult<Value> {
    Ok(int::from_usize(reader_of(v)?.line_num.get() as usize))
}

/// `reader(csvfile, dialect='excel', **fmtparams)`.
fn reader(args: Args<'_>) -> PyResult<Value> {
    let (csvfile, dialect) = first_and_dialect(&args)?;
    let input = protocol::iter(csvfile)?;
    let dialect = call_dialect(dialect, &args)?;
    Ok(alloc(
        &types().reader,
        Reader {
            input,
            dialect,
            line_num: Cell::new(0),
            parse: RefCell::new(Parse {
                state: State::StartRecord,
                fields: Vec::new(),
                field: Vec::new(),
                unquoted: true,
            }),
        },
    ))
}

impl Parse {
    fn add_char(&mut self, c: u32) -> PyResult<()> {
        let limit = FIELD_LIMIT.load(Ordering::Relaxed);
        if self.field.len() as i64 >= limit {
            return Err(error(format!("field larger than field limit ({limit})")));
        }
        self.field.push(c);
        Ok(())
    }

    /// Ends the field: a str, or None / a float as the quoting asks.
    fn save_field(&mut self, quoting: i64) -> PyResult<()> {
        let field = if self.unquoted
            && self.field.is_empty()
            && (quoting == QUOTE_NOTNULL || quoting == QUOTE_STRINGS)
        {
            pyrs_objects::none()
        } else {
            let text = pystr::from_code_points(&self.field);
            let numeric = self.unquoted
                && !self.field.is_empty()
                && (quoting == QUOTE_NONNUMERIC || quoting == QUOTE_STRINGS);
            self.field.clear();
            if numeric {
                protocol::call1(&pyrs_objects::types().float, &[text])?
            } else {
                text
            }
        };
        self.unquoted = true;
        self.fields.push(field);
        Ok(())
    }

    /// CPython's `parse_process_char`.
    fn process(&mut self, d: &Dialect, c: u32) -> PyResult<()> {
        let (cr, lf, space) = ('\r' as u32, '\n' as u32, ' ' as u32);
        let is_quote = |c: u32| c == d.quotechar && d.quoting != QUOTE_NONE;
        loop {
            match self.state {
                State::StartRecord => {
                    if c == EOL {
                        return Ok(());
                    }
                    if c == lf || c == cr {
                        self.state = State::EatCrnl;
                        return Ok(());
                    }
                    self.state = State::StartField;
                    continue;
                }
                State::StartField => {
                    if c == lf || c == cr || c == EOL {
                        self.save_field(d.quoting)?;
                        self.state = if c == EOL {
                            State::StartRecord
                        } else {
                            State::EatCrnl
                        };
                    } else if is_quote(c) {
                        self.unquoted = false;
                        self.state = State::InQuotedField;
                    } else if c == d.escapechar {
                        self.state = State::EscapedChar;
                    } else if c == space && d.skipinitialspace {
                        // Spaces at the start of a field are skipped.
                    } else if c == d.delimiter {
                        self.save_field(d.quoting)?;
                    } else {
                        self.add_char(c)?;
                        self.state = State::InField;
                    }
                }
                State::EscapedChar => {
                    if c == lf || c == cr {
                        self.add_char(c)?;
                        self.state = State::AfterEscapedCrnl;
                        return Ok(());
                    }
                    self.add_char(if c == EOL { lf } else { c })?;
                    self.state = State::InField;
                }
                State::AfterEscapedCrnl if c == EOL => {}
                State::AfterEscapedCrnl | State::InField => {
                    if c == lf || c == cr || c == EOL {
                        self.save_field(d.quoting)?;
                        self.state = if c == EOL {
                            State::StartRecord
                        } else {
                            State::EatCrnl
                        };
                    } else if c == d.escapechar {
                        self.state = State::EscapedChar;
                    } else if c == d.delimiter {
                        self.save_field(d.quoting)?;
                        self.state = State::StartField;
                    } else {
                        self.add_char(c)?;
                        self.state = State::InField;
                    }
                }
                State::InQuotedField => {
                    if c == EOL {
                    } else if c == d.escapechar {
                        self.state = State::EscapeInQuotedField;
                    } else if is_quote(c) {
                        self.state = if d.doublequote {
                            State::QuoteInQuotedField
                        } else {
                            State::InField
                        };
                    } else {
                        self.add_char(c)?;
                    }
                }
                State::EscapeInQuotedField => {
                    self.add_char(if c == EOL { lf } else { c })?;
                    self.state = State::InQuotedField;
                }
                State::QuoteInQuotedField => {
                    if is_quote(c) {
                        self.add_char(c)?;
                        self.state = State::InQuotedField;
                    } else if c == d.delimiter {
                        self.save_field(d.quoting)?;
                        self.state = State::StartField;
                    } else if c == lf || c == cr || c == EOL {
                        self.save_field(d.quoting)?;
                        self.state = if c == EOL {
                            State::StartRecord
                        } else {
                            State::EatCrnl
                        };
                    } else if !d.strict {
                        self.add_char(c)?;
                        self.state = State::InField;
                    } else {
                        return Err(error(format!(
                            "'{}' expected after '{}'",
                            char::from_u32(d.delimiter).unwrap_or('\u{FFFD}'),
                            char::from_u32(d.quotechar).unwrap_or('\u{FFFD}')
                        )));
                    }
                }
                State::EatCrnl => {
                    if c == lf || c == cr {
                    } else if c == EOL {
                        self.state = State::StartRecord;
                    } else {
                        return Err(error(
                            "new-line character seen in unquoted field - do you need to open the file with newline=''?",
                        ));
                    }
                }
            }
            return Ok(());
        }
    }
}

/// The next record: the fields of as many lines as one record spans.
fn reader_next(it: &Value) -> PyResult<Option<Value>> {
    let r = reader_of(it)?;
    let d = dialect_of(&r.dialect)?;
    {
        let mut p = r.parse.borrow_mut();
        p.fields.clear();
        p.field.clear();
        p.state = State::StartRecord;
        p.unquoted = true;
    }
    loop {
        let Some(line) = protocol::next(&r.input)? else {
            // The end of the input: a field left open ends the record (or is an error).
            let mut p = r.parse.borrow_mut();
            if !p.field.is_empty() || p.state == State::InQuotedField {
                if d.strict {
                    return Err(error("unexpected end of data"));
                }
                p.save_field(d.quoting)?;
                break;
            }
            return Ok(None);
        };
        let Some(text) = line.downcast::<StrData>() else {
            return Err(error(format!(
                "iterator should return strings, not {} (the file should be opened in text mode)",
                line.type_data().name()
            )));
        };
        r.line_num.set(r.line_num.get() + 1);
        let mut p = r.parse.borrow_mut();
        // Saving a field may convert it to float, which runs no Python code for a str.
        for c in text.code_points() {
            p.process(d, c)?;
        }
        p.process(d, EOL)?;
        if p.state == State::StartRecord {
            break;
        }
    }
    let fields = std::mem::take(&mut r.parse.borrow_mut().fields);
    Ok(Some(list::new(fields)))
}

// ---------------------------------------------------------------------------------------------
// The writer

struct Writer {
    write: Value,
    dialect: Value,
}

impl Payload for Writer {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.write);
        visit(&self.dialect);
    }
}

static WRITER_METHODS: &[MethodDef] = &[
    MethodDef::new("writerow", MethodKind::Method(writer_writerow)),
    MethodDef::new("writerows", MethodKind::Method(writer_writerows)),
    MethodDef::new("dialect", MethodKind::GetSet(writer_dialect, None)),
];

fn writer_of(v: &Value) -> PyResult<&Writer> {
    v.downcast::<Writer>()
        .ok_or_else(|| PyErr::type_error("a _csv.writer is required"))
}

fn writer_dialect(v: &Value) -> PyResult<Value> {
    Ok(writer_of(v)?.dialect.clone())
}

/// `writer(fileobj, dialect='excel', **fmtparams)`.
fn writer(args: Args<'_>) -> PyResult<Value> {
    let (fileobj, dialect) = first_and_dialect(&args)?;
    let write = protocol::getattr_opt(fileobj, &pystr::intern("write"))?
        .filter(protocol::is_callable)
        .ok_or_else(|| PyErr::type_error("argument 1 must have a \"write\" method"))?;
    let dialect = call_dialect(dialect, &args)?;
    Ok(alloc(&types().writer, Writer { write, dialect }))
}

/// A record being joined.
struct Record {
    text: Vec<u32>,
    fields: usize,
}

impl Record {
    /// CPython's `join_append`: appends one field (None for a None field), quoting it when
    /// asked or when its characters need it.
    fn append(&mut self, d: &Dialect, field: Option<&StrData>, mut quoted: bool) -> PyResult<()> {
        let chars: Vec<u32> = field.map(|f| f.code_points().collect()).unwrap_or_default();
        if chars.is_empty() && d.delimiter == ' ' as u32 && d.skipinitialspace {
            if d.quoting == QUOTE_NONE
                || (field.is_none() && (d.quoting == QUOTE_STRINGS || d.quoting == QUOTE_NOTNULL))
            {
                return Err(error(
                    "empty field must be quoted if delimiter is a space and skipinitialspace is true",
                ));
            }
            quoted = true;
        }
        let mut body = Vec::with_capacity(chars.len());
        for &c in &chars {
            let special = c == d.delimiter
                || c == d.escapechar
                || c == d.quotechar
                || c == '\n' as u32
                || c == '\r' as u32
                || d.lineterminator_chars.contains(&c);
            if special {
                let mut want_escape = false;
                if d.quoting == QUOTE_NONE {
                    want_escape = true;
                } else {
                    if c == d.quotechar {
                        if d.doublequote {
                            body.push(d.quotechar);
                        } else {
                            want_escape = true;
                        }
                    } else if c == d.escapechar {
                        want_escape = true;
                    }
                    if !want_escape {
                        quoted = true;
                    }
                }
                if want_escape {
                    if d.escapechar == NOT_SET {
                        return Err(error("need to escape, but no escapechar set"));
                    }
                    body.push(d.escapechar);
                }
            }
            body.push(c);
        }
        if self.fields > 0 {
            self.text.push(d.delimiter);
        }
        if quoted {
            self.text.push(d.quotechar);
        }
        self.text.extend_from_slice(&body);
        if quoted {
            self.text.push(d.quotechar);
        }
        self.fields += 1;
        Ok(())
    }
}

/// `writer.writerow(row)`: writes one record; what the file's `write` returns.
fn writer_writerow(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("writerow", 2, 2)?;
    let w = writer_of(&a[0])?;
    write_row(w, &a[1])
}

fn write_row(w: &Writer, row: &Value) -> PyResult<Value> {
    let d = dialect_of(&w.dialect)?;
    let iter = match protocol::iter(row) {
        Ok(iter) => iter,
        Err(e) if e.matches(ExcKind::TypeError.class()) => {
            return Err(error(format!(
                "iterable expected, not {}",
                row.type_data().name()
            )))
        }
        Err(e) => return Err(e),
    };
    let mut record = Record {
        text: Vec::new(),
        fields: 0,
    };
    let mut null_field = false;
    while let Some(field) = protocol::next(&iter)? {
        let quoted = match d.quoting {
            QUOTE_NONNUMERIC => !is_number(&field),
            QUOTE_ALL => true,
            QUOTE_STRINGS => field.downcast::<StrData>().is_some(),
            QUOTE_NOTNULL => !protocol::is_none(&field),
            _ => false,
        };
        null_field = protocol::is_none(&field);
        if let Some(s) = field.downcast::<StrData>() {
            record.append(d, Some(s), quoted)?;
        } else if null_field {
            record.append(d, None, quoted)?;
        } else {
            let text = protocol::str(&field)?;
            record.append(d, text.downcast::<StrData>(), quoted)?;
        }
    }
    if record.fields > 0 && record.text.is_empty() {
        if d.quoting == QUOTE_NONE
            || (null_field && (d.quoting == QUOTE_STRINGS || d.quoting == QUOTE_NOTNULL))
        {
            return Err(error("single empty field record must be quoted"));
        }
        record.fields -= 1;
        record.append(d, None, true)?;
    }
    record.text.extend_from_slice(&d.lineterminator_chars);
    protocol::call1(&w.write, &[pystr::from_code_points(&record.text)])
}

/// CPython's `PyNumber_Check`: ints, floats, complex numbers and whatever has `__index__`,
/// `__int__` or `__float__`.
fn is_number(v: &Value) -> bool {
    use pyrs_objects::typeobject::UnaryOp;
    let slots = &v.type_data().slots;
    v.is_small()
        || slots.unary[UnaryOp::Index as usize].get().is_some()
        || slots.unary[UnaryOp::Int as usize].get().is_some()
        || slots.unary[UnaryOp::Float as usize].get().is_some()
        || v.downcast::<pyrs_objects::complex::ComplexData>().is_some()
}

/// `writer.writerows(rows)`: writes each row.
fn writer_writerows(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("writerows", 2, 2)?;
    let w = writer_of(&a[0])?;
    let rows = protocol::iter(&a[1])?;
    while let Some(row) = protocol::next(&rows)? {
        write_row(w, &row)?;
    }
    Ok(pyrs_objects::none())
}
