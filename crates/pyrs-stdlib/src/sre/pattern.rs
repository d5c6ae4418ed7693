//! `re.Pattern` (CPython's `PatternObject` in Modules/_sre/sre.c): `_sre.compile`, the
//! searching methods (`match`, `fullmatch`, `search`, `findall`, `finditer`, `split`, `sub`,
//! `subn`, `scanner`), `_sre.SRE_Scanner` and `_sre.SRE_Template` (`_sre.template`, the
//! compiled replacement of `sub`).

use std::sync::OnceLock;

use pyrs_objects::dict::DictData;
use pyrs_objects::native::{MethodDef, MethodKind};
use pyrs_objects::object::Payload;
use pyrs_objects::str::StrData;
use pyrs_objects::typeobject::{CompareOp, TypeBuilder};
use pyrs_objects::Value;
use pyrs_objects::{int, list, protocol, str as pystr, tuple, Args, PyErr, PyResult, SyncCell};

use super::constants::*;
use super::engine::{Code, Scratch, State};
use super::match_obj::{self, MatchData};
use super::{engine_error, getslice, subject, Subject, Text};

/// The payload of a `re.Pattern`.
pub(crate) struct PatternData {
    /// The source (`str`, `bytes` or `None`).
    pub(crate) pattern: Value,
    /// The flags, with those the pattern set inline.
    pub(crate) flags: i64,
    /// The compiled code.
    pub(crate) code: Vec<u32>,
    /// The number of capturing groups.
    pub(crate) groups: usize,
    /// Group names to numbers (a dict, maybe empty).
    pub(crate) groupindex: Value,
    /// Group numbers to names (a tuple; `None` for unnamed).
    pub(crate) indexgroup: Value,
    /// Whether the pattern is bytes (`None` when the source is not known).
    pub(crate) isbytes: Option<bool>,
}

impl Payload for PatternData {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.pattern);
        visit(&self.groupindex);
        visit(&self.indexgroup);
    }
}

/// The payload of a `_sre.SRE_Scanner`.
pub(crate) struct ScannerData {
    pattern: Value,
    string: Value,
    state: std::cell::Cell<ScanState>,
}

#[derive(Clone, Copy)]
struct ScanState {
    start: usize,
    end: usize,
    pos: usize,
    must_advance: bool,
    done: bool,
}

impl Payload for ScannerData {
    const GC: bool = true;

    /// Only the pattern, as CPython's `scanner_traverse`: a cycle through the scanned
    /// string stays uncollected there too, and which objects a collection frees is visible
    /// to programs (weak references, `__del__`).
    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.pattern);
    }
}

/// The payload of a `_sre.SRE_Template`: the literal before the first group, then each
/// group's number and the literal after it (`None` for an empty one).
pub(crate) struct TemplateData {
    literal: Value,
    items: Vec<(usize, Option<Value>)>,
}

impl Payload for TemplateData {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.literal);
        self.items
            .iter()
            .filter_map(|(_, v)| v.as_ref())
            .for_each(visit);
    }
}

static PATTERN_TYPE: OnceLock<SyncCell<Value>> = OnceLock::new();
static SCANNER_TYPE: OnceLock<SyncCell<Value>> = OnceLock::new();
static TEMPLATE_TYPE: OnceLock<SyncCell<Value>> = OnceLock::new();

fn pattern_type() -> &'static Value {
    &PATTERN_TYPE
        .get_or_init(|| {
            SyncCell(
                TypeBuilder::new::<PatternData>("Pattern")
                    .module("re")
                    .flags(pyrs_objects::typeobject::TypeFlags::MANAGED_WEAKREF)
                    .doc("Compiled regular expression object.")
                    .slots(|s| {
                        s.repr.set(Some(pattern_repr));
                        s.richcompare.set(Some(pattern_richcompare));
                        s.hash.set(Some(pattern_hash));
                        s.new.set(Some(|_, _| Err(cannot_create("re.Pattern"))));
                    })
                    .methods(PATTERN_METHODS)
                    .build(),
            )
        })
        .0
}

fn scanner_type() -> &'static Value {
    &SCANNER_TYPE
        .get_or_init(|| {
            SyncCell(
                TypeBuilder::new::<ScannerData>("SRE_Scanner")
                    .module("_sre")
                    .slots(|s| {
                        s.new
                            .set(Some(|_, _| Err(cannot_create("_sre.SRE_Scanner"))))
                    })
                    .methods(SCANNER_METHODS)
                    .build(),
            )
        })
        .0
}

fn template_type() -> &'static Value {
    &TEMPLATE_TYPE
        .get_or_init(|| {
            SyncCell(
                TypeBuilder::new::<TemplateData>("SRE_Template")
                    .module("_sre")
                    .slots(|s| {
                        s.new
                            .set(Some(|_, _| Err(cannot_create("_sre.SRE_Template"))))
                    })
                    .build(),
            )
        })
        .0
}

const PATTERN_METHODS: &[MethodDef] = &[
    MethodDef::new("match", MethodKind::Method(pattern_match)),
    MethodDef::new("fullmatch", MethodKind::Method(pattern_fullmatch)),
    MethodDef::new("search", MethodKind::Method(pattern_search)),
    MethodDef::new("sub", MethodKind::Method(pattern_sub)),
    MethodDef::new("subn", MethodKind::Method(pattern_subn)),
    MethodDef::new("findall", MethodKind::Method(pattern_findall)),
    MethodDef::new("split", MethodKind::Method(pattern_split)),
    MethodDef::new("finditer", MethodKind::Method(pattern_finditer)),
    MethodDef::new("scanner", MethodKind::Method(pattern_scanner)),
    MethodDef::new("__copy__", MethodKind::Method(copy_self)),
    MethodDef::new("__deepcopy__", MethodKind::Method(deepcopy_self)),
    MethodDef::new(
        "__class_getitem__",
        MethodKind::Class(pyrs_objects::genericalias::class_getitem),
    ),
    MethodDef::new("pattern", MethodKind::GetSet(get_pattern, None)),
    MethodDef::new("flags", MethodKind::GetSet(get_flags, None)),
    MethodDef::new("groups", MethodKind::GetSet(get_groups, None)),
    MethodDef::new("groupindex", MethodKind::GetSet(get_groupindex, None)),
];

const SCANNER_METHODS: &[MethodDef] = &[
    MethodDef::new("match", MethodKind::Method(scanner_match)),
    MethodDef::new("search", MethodKind::Method(scanner_search)),
    MethodDef::new("pattern", MethodKind::GetSet(scanner_pattern, None)),
];

/// The TypeError of calling a type that Python code cannot instantiate.
pub(crate) fn cannot_create(name: &str) -> PyErr {
    PyErr::type_error(format!("cannot create '{name}' instances"))
}

pub(crate) fn copy_self(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("__copy__", 1, 1)?;
    Ok(a[0].clone())
}

pub(crate) fn deepcopy_self(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("__deepcopy__", 2, 2)?;
    Ok(a[0].clone())
}

pub(crate) fn data(v: &Value) -> PyResult<&PatternData> {
    v.downcast::<PatternData>().ok_or_else(|| {
        PyErr::type_error(format!(
            "descriptor requires a 're.Pattern' object but received '{}'",
            v.type_data().name()
        ))
    })
}

fn self_arg<'a>(args: &Args<'a>, name: &str) -> PyResult<&'a Value> {
    args.pos()
        .first()
        .ok_or_else(|| PyErr::type_error(format!("{name}() needs an argument")))
}

// ---- _sre.compile and _sre.template ----

/// `_sre.compile(pattern, flags, code, groups, groupindex, indexgroup)`.
pub(crate) fn compile(args: Args<'_>) -> PyResult<Value> {
    let [pattern, flags, code, groups, groupindex, indexgroup] = args.bind(
        "compile",
        [
            "pattern",
            "flags",
            "code",
            "groups",
            "groupindex",
            "indexgroup",
        ],
        6,
        0,
        6,
    )?;
    let (pattern, flags, code, groups, groupindex, indexgroup) = (
        pattern.unwrap_or_else(pyrs_objects::none),
        flags.unwrap_or_else(pyrs_objects::none),
        code.unwrap_or_else(pyrs_objects::none),
        groups.unwrap_or_else(pyrs_objects::none),
        groupindex.unwrap_or_else(pyrs_objects::none),
        indexgroup.unwrap_or_else(pyrs_objects::none),
    );
    let flags = int_arg(&flags)?;
    let Some(items) = code.downcast::<pyrs_objects::list::ListData>() else {
        return Err(PyErr::type_error(format!(
            "compile() argument 'code' must be list, not {}",
            code.type_data().name()
        )));
    };
    let mut words = Vec::new();
    for item in items.to_vec() {
        let n = int_arg(&item)?;
        if !(0..=u32::MAX as i64).contains(&n) {
            return Err(PyErr::overflow_error(
                "regular expression code size limit exceeded",
            ));
        }
        words.push(n as u32);
    }
    let groups = int_arg(&groups)?.max(0) as usize;
    if groupindex.downcast::<DictData>().is_none() {
        return Err(PyErr::type_error(format!(
            "compile() argument 'groupindex' must be dict, not {}",
            groupindex.type_data().name()
        )));
    }
    if tuple::items_of(&indexgroup).is_none() {
        return Err(PyErr::type_error(format!(
            "compile() argument 'indexgroup' must be tuple, not {}",
            indexgroup.type_data().name()
        )));
    }
    let isbytes = if protocol::is_none(&pattern) {
        None
    } else if pattern.downcast::<StrData>().is_some() {
        Some(false)
    } else if pyrs_objects::bytes::buffer(&pattern).is_some() {
        Some(true)
    } else {
        return Err(PyErr::type_error(format!(
            "expected string or bytes-like object, got '{}'",
            pattern.type_data().name()
        )));
    };
    Ok(pyrs_objects::object::alloc(
        pattern_type(),
        PatternData {
            pattern,
            flags,
            code: words,
            groups,
            groupindex,
            indexgroup,
            isbytes,
        },
    ))
}

fn int_arg(v: &Value) -> PyResult<i64> {
    if int::as_int(v).is_none() {
        return Err(PyErr::type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            v.type_data().name()
        )));
    }
    match int::as_i64(v) {
        Some(n) => Ok(n),
        None => Err(PyErr::overflow_error(
            "Python int too large to convert to C long",
        )),
    }
}

/// `_sre.template(pattern, template)`: `template` is the list `re._parser.parse_template`
/// makes, literals interleaved with group numbers.
pub(crate) fn template(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("template", 2, 2)?;
    let bad = || PyErr::type_error("invalid template");
    let Some(list) = a[1].downcast::<pyrs_objects::list::ListData>() else {
        return Err(PyErr::type_error(format!(
            "template() argument 2 must be list, not {}",
            a[1].type_data().name()
        )));
    };
    let items = list.to_vec();
    if items.len() % 2 == 0 {
        return Err(bad());
    }
    let literal = items[0].clone();
    let mut out = Vec::new();
    for pair in items[1..].chunks(2) {
        let index = protocol::index_isize(&pair[0], false)?;
        if index < 0 {
            return Err(bad());
        }
        let lit = &pair[1];
        let empty = lit.downcast::<StrData>().is_some_and(|s| s.char_len() == 0)
            || lit
                .downcast::<pyrs_objects::bytes::BytesData>()
                .is_some_and(|b| b.as_bytes().is_empty());
        out.push((index as usize, (!empty).then(|| lit.clone())));
    }
    Ok(pyrs_objects::object::alloc(
        template_type(),
        TemplateData {
            literal,
            items: out,
        },
    ))
}

/// `expand_template`: the replacement for one match.
pub(crate) fn expand_template(template: &Value, m: &Value) -> PyResult<Value> {
    let t = template
        .downcast::<TemplateData>()
        .ok_or_else(|| PyErr::type_error("invalid template"))?;
    if t.items.is_empty() {
        return Ok(t.literal.clone());
    }
    let md = match_obj::data(m)?;
    let mut parts = vec![t.literal.clone()];
    for (index, literal) in &t.items {
        if *index >= md.regs.len() {
            return Err(PyErr::index_error("no such group"));
        }
        if let Some(g) = match_obj::group_value(md, *index, None)? {
            parts.push(g);
        }
        if let Some(l) = literal {
            parts.push(l.clone());
        }
    }
    let joiner = if t.literal.downcast::<StrData>().is_some() {
        pystr::new("")
    } else {
        pyrs_objects::bytes::new(Vec::new())
    };
    protocol::call_method(&joiner, "join", &[list::new(parts)])
}

// ---- the matching methods ----

/// The subject of a pattern method, checked against the pattern's kind.
fn checked_subject<'a>(p: &PatternData, string: &'a Value) -> PyResult<Subject<'a>> {
    let s = subject(string)?;
    match (p.isbytes, s.isbytes) {
        (Some(false), true) => Err(PyErr::type_error(
            "cannot use a string pattern on a bytes-like object",
        )),
        (Some(true), false) => Err(PyErr::type_error(
            "cannot use a bytes pattern on a string-like object",
        )),
        _ => Ok(s),
    }
}

fn clamp_bounds(len: usize, pos: isize, endpos: isize) -> (usize, usize) {
    let start = pos.clamp(0, len as isize) as usize;
    let end = endpos.clamp(0, len as isize) as usize;
    (start, end)
}

fn ssize_arg(v: Option<Value>, default: isize) -> PyResult<isize> {
    match v {
        None => Ok(default),
        Some(v) => protocol::index_isize(&v, true),
    }
}

/// The outcome of one engine call: the match's spans and last group, or `None`.
pub(crate) struct Found {
    pub(crate) regs: Vec<(isize, isize)>,
    pub(crate) lastindex: isize,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Match,
    FullMatch,
    Search,
}

/// Runs the pattern once over `text` from `start` (to `end`), collecting the groups.
fn run_once(
    p: &PatternData,
    text: &Text<'_>,
    start: usize,
    end: usize,
    must_advance: bool,
    mode: Mode,
) -> PyResult<Option<Found>> {
    run_with(
        p,
        text,
        start,
        end,
        must_advance,
        mode,
        &mut Scratch::default(),
    )
}

/// [`run_once`] with the engine's buffers taken from `scratch` and given back.
fn run_with(
    p: &PatternData,
    text: &Text<'_>,
    start: usize,
    end: usize,
    must_advance: bool,
    mode: Mode,
    scratch: &mut Scratch,
) -> PyResult<Option<Found>> {
    macro_rules! go {
        ($t:expr) => {{
            let mut st = State::with_scratch($t, start, end, scratch);
            st.must_advance = must_advance;
            let found = collect(&mut st, p, mode);
            st.give_back(scratch);
            found
        }};
    }
    match text {
        Text::Narrow(b) => go!(&b[..]),
        Text::Wide(w) => go!(&w[..]),
    }
}

/// Runs the engine on a prepared state and reads the groups of its match.
fn collect<C: super::engine::Char>(
    st: &mut State<'_, C>,
    p: &PatternData,
    mode: Mode,
) -> PyResult<Option<Found>> {
    st.match_all = mode == Mode::FullMatch;
    st.mark_limit = 2 * p.groups + 2;
    let code = Code(&p.code);
    let ok = match mode {
        Mode::Search => st.search(code),
        _ => st.pattern_match(code),
    }
    .map_err(engine_error)?;
    if !ok {
        return Ok(None);
    }
    let mut regs = Vec::with_capacity(p.groups + 1);
    regs.push((st.start as isize, st.ptr as isize));
    for g in 1..=p.groups {
        regs.push(match st.span(g) {
            Some((a, b)) => {
                if a > b {
                    return Err(PyErr::system_error(
                        "The span of capturing group is wrong, please report a bug for the re module.",
                    ));
                }
                (a as isize, b as isize)
            }
            None => (-1, -1),
        });
    }
    Ok(Some(Found {
        regs,
        lastindex: st.lastindex,
        start: st.start,
        end: st.ptr,
    }))
}

fn new_match(pattern: &Value, string: &Value, found: Found, pos: usize, endpos: usize) -> Value {
    match_obj::new(MatchData {
        string: string.clone(),
        pattern: pattern.clone(),
        regs: found.regs,
        pos,
        endpos,
        lastindex: found.lastindex,
    })
}

fn match_like(args: Args<'_>, name: &str, mode: Mode) -> PyResult<Value> {
    let this = self_arg(&args, name)?;
    let p = data(this)?;
    let [string, pos, endpos] =
        args.skip_first()
            .bind(name, ["string", "pos", "endpos"], 1, 0, 3)?;
    let string = string.unwrap_or_else(pyrs_objects::none);
    let pos = ssize_arg(pos, 0)?;
    let endpos = ssize_arg(endpos, isize::MAX)?;
    let s = checked_subject(p, &string)?;
    let (start, end) = clamp_bounds(s.len(), pos, endpos);
    match run_once(p, &s.text, start, end, false, mode)? {
        Some(found) => Ok(new_match(this, &string, found, start, end)),
        None => Ok(pyrs_objects::none()),
    }
}

fn pattern_match(args: Args<'_>) -> PyResult<Value> {
    match_like(args, "match", Mode::Match)
}

fn pattern_fullmatch(args: Args<'_>) -> PyResult<Value> {
    match_like(args, "fullmatch", Mode::FullMatch)
}

fn pattern_search(args: Args<'_>) -> PyResult<Value> {
    match_like(args, "search", Mode::Search)
}

/// Iterates over the non-overlapping matches of `p` in the subject, as `findall`, `split`
/// and `sub` do: after an empty match, the next one must not be empty at the same place.
struct Matches<'a, 'p> {
    p: &'p PatternData,
    text: &'a Text<'a>,
    start: usize,
    end: usize,
    must_advance: bool,
    scratch: Scratch,
}

impl Matches<'_, '_> {
    fn next(&mut self) -> PyResult<Option<Found>> {
        if self.start > self.end {
            return Ok(None);
        }
        let found = run_with(
            self.p,
            self.text,
            self.start,
            self.end,
            self.must_advance,
            Mode::Search,
            &mut self.scratch,
        )?;
        if let Some(f) = &found {
            self.must_advance = f.end == f.start;
            self.start = f.end;
        }
        Ok(found)
    }
}

fn pattern_findall(args: Args<'_>) -> PyResult<Value> {
    let this = self_arg(&args, "findall")?;
    let p = data(this)?;
    let [string, pos, endpos] =
        args.skip_first()
            .bind("findall", ["string", "pos", "endpos"], 1, 0, 3)?;
    let string = string.unwrap_or_else(pyrs_objects::none);
    let pos = ssize_arg(pos, 0)?;
    let endpos = ssize_arg(endpos, isize::MAX)?;
    let s = checked_subject(p, &string)?;
    let (start, end) = clamp_bounds(s.len(), pos, endpos);
    let mut it = Matches {
        p,
        text: &s.text,
        start,
        end,
        must_advance: false,
        scratch: Scratch::default(),
    };
    let mut out = Vec::new();
    let slice = |(a, b): (isize, isize)| -> PyResult<Value> {
        if a < 0 {
            getslice(&string, 0, 0)
        } else {
            getslice(&string, a as usize, b as usize)
        }
    };
    while let Some(f) = it.next()? {
        let item = match p.groups {
            0 => slice(f.regs[0])?,
            1 => slice(f.regs[1])?,
            _ => tuple::new(
                f.regs[1..]
                    .iter()
                    .map(|&r| slice(r))
                    .collect::<PyResult<Vec<_>>>()?,
            ),
        };
        out.push(item);
    }
    Ok(list::new(out))
}

fn pattern_split(args: Args<'_>) -> PyResult<Value> {
    let this = self_arg(&args, "split")?;
    let p = data(this)?;
    let [string, maxsplit] = args
        .skip_first()
        .bind("split", ["string", "maxsplit"], 1, 0, 2)?;
    let string = string.unwrap_or_else(pyrs_objects::none);
    let maxsplit = ssize_arg(maxsplit, 0)?;
    let s = checked_subject(p, &string)?;
    let len = s.len();
    let mut it = Matches {
        p,
        text: &s.text,
        start: 0,
        end: len,
        must_advance: false,
        scratch: Scratch::default(),
    };
    let mut out = Vec::new();
    let mut last = 0;
    let mut n = 0;
    while maxsplit == 0 || n < maxsplit {
        let Some(f) = it.next()? else { break };
        out.push(getslice(&string, last, f.start)?);
        for &(a, b) in &f.regs[1..] {
            out.push(if a < 0 {
                pyrs_objects::none()
            } else {
                getslice(&string, a as usize, b as usize)?
            });
        }
        n += 1;
        last = f.end;
    }
    out.push(getslice(&string, last, len)?);
    Ok(list::new(out))
}

fn pattern_sub(args: Args<'_>) -> PyResult<Value> {
    subx(args, "sub", false)
}

fn pattern_subn(args: Args<'_>) -> PyResult<Value> {
    subx(args, "subn", true)
}

enum Filter {
    Literal(Value),
    Template(Value),
    Callable(Value),
}

/// `compile_template`: `re._compile_template(pattern, repl)`, retried with a `bytes` or
/// `str` copy of a replacement the cache cannot hash.
pub(crate) fn compile_template(pattern: &Value, repl: &Value) -> PyResult<Value> {
    let re = pyrs_vm::import::import_absolute("re")?;
    let func = protocol::getattr_str(&re, "_compile_template")?;
    match protocol::call1(&func, &[pattern.clone(), repl.clone()]) {
        Err(e) if e.is(pyrs_objects::ExcKind::TypeError) => {
            let copy = if let Some(s) = repl.downcast::<StrData>() {
                pystr::from_data(s.substring(0, s.char_len()))
            } else if let Some(b) = pyrs_objects::bytes::buffer(repl) {
                pyrs_objects::bytes::new(b.into_owned())
            } else {
                return Err(e);
            };
            protocol::call1(&func, &[pattern.clone(), copy])
        }
        r => r,
    }
}

fn subx(args: Args<'_>, name: &str, subn: bool) -> PyResult<Value> {
    let this = self_arg(&args, name)?;
    let p = data(this)?;
    let [repl, string, count] =
        args.skip_first()
            .bind(name, ["repl", "string", "count"], 2, 0, 3)?;
    let repl = repl.unwrap_or_else(pyrs_objects::none);
    let string = string.unwrap_or_else(pyrs_objects::none);
    let count = ssize_arg(count, 0)?;
    let filter = if protocol::is_callable(&repl) {
        Filter::Callable(repl.clone())
    } else {
        let literal = match subject(&repl) {
            Ok(s) => match &s.text {
                Text::Narrow(b) => !b.contains(&b'\\'),
                Text::Wide(w) => !w.contains(&(b'\\' as u32)),
            },
            Err(_) => false,
        };
        if literal {
            Filter::Literal(repl.clone())
        } else {
            let t = compile_template(this, &repl)?;
            let single = t
                .downcast::<TemplateData>()
                .filter(|t| t.items.is_empty())
                .map(|t| t.literal.clone());
            match single {
                Some(lit) => Filter::Literal(lit),
                None => Filter::Template(t),
            }
        }
    };
    let s = checked_subject(p, &string)?;
    let len = s.len();
    let mut it = Matches {
        p,
        text: &s.text,
        start: 0,
        end: len,
        must_advance: false,
        scratch: Scratch::default(),
    };
    let mut parts = Vec::new();
    let mut i = 0;
    let mut n: isize = 0;
    while count == 0 || n < count {
        let Some(f) = it.next()? else { break };
        let (b, e) = (f.start, f.end);
        if i < b {
            parts.push(getslice(&string, i, b)?);
        }
        let item = match &filter {
            Filter::Literal(l) => l.clone(),
            Filter::Template(t) => {
                let m = new_match(this, &string, f, 0, len);
                expand_template(t, &m)?
            }
            Filter::Callable(c) => {
                let m = new_match(this, &string, f, 0, len);
                protocol::call1(c, &[m])?
            }
        };
        if !protocol::is_none(&item) {
            parts.push(item);
        }
        i = e;
        n += 1;
    }
    if i < len {
        parts.push(getslice(&string, i, len)?);
    }
    let joiner = getslice(&string, 0, 0)?;
    let result = if parts.is_empty() {
        joiner
    } else {
        protocol::call_method(&joiner, "join", &[list::new(parts)])?
    };
    if subn {
        Ok(tuple::new(vec![result, int::from_i64(n as i64)]))
    } else {
        Ok(result)
    }
}

// ---- scanner and finditer ----

fn make_scanner(args: Args<'_>, name: &str) -> PyResult<Value> {
    let this = self_arg(&args, name)?;
    let p = data(this)?;
    let [string, pos, endpos] =
        args.skip_first()
            .bind(name, ["string", "pos", "endpos"], 1, 0, 3)?;
    let string = string.unwrap_or_else(pyrs_objects::none);
    let pos = ssize_arg(pos, 0)?;
    let endpos = ssize_arg(endpos, isize::MAX)?;
    let len = checked_subject(p, &string)?.len();
    let (start, end) = clamp_bounds(len, pos, endpos);
    Ok(pyrs_objects::object::alloc(
        scanner_type(),
        ScannerData {
            pattern: this.clone(),
            string,
            state: std::cell::Cell::new(ScanState {
                start,
                end,
                pos: start,
                must_advance: false,
                done: false,
            }),
        },
    ))
}

fn pattern_scanner(args: Args<'_>) -> PyResult<Value> {
    make_scanner(args, "scanner")
}

fn pattern_finditer(args: Args<'_>) -> PyResult<Value> {
    let scanner = make_scanner(args, "finditer")?;
    let search = protocol::getattr_str(&scanner, "search")?;
    let builtins = pyrs_vm::builtins::builtins_module();
    let iter = protocol::getattr_str(builtins, "iter")?;
    protocol::call1(&iter, &[search, pyrs_objects::none()])
}

fn scanner_data(v: &Value) -> PyResult<&ScannerData> {
    v.downcast::<ScannerData>()
        .ok_or_else(|| PyErr::type_error("descriptor requires a '_sre.SRE_Scanner' object"))
}

fn scanner_step(args: Args<'_>, name: &str, mode: Mode) -> PyResult<Value> {
    let a = args.exact(name, 1, 1)?;
    let sc = scanner_data(&a[0])?;
    let st = sc.state.get();
    if st.done {
        return Ok(pyrs_objects::none());
    }
    let p = data(&sc.pattern)?;
    let s = checked_subject(p, &sc.string)?;
    let start = st.start.min(s.len());
    let end = st.end.min(s.len());
    let found = run_once(p, &s.text, start, end, st.must_advance, mode)?;
    let mut next = st;
    let result = match found {
        None => {
            next.done = true;
            pyrs_objects::none()
        }
        Some(f) => {
            next.must_advance = f.end == f.start;
            next.start = f.end;
            new_match(&sc.pattern, &sc.string, f, st.pos, st.end)
        }
    };
    sc.state.set(next);
    Ok(result)
}

fn scanner_match(args: Args<'_>) -> PyResult<Value> {
    scanner_step(args, "match", Mode::Match)
}

fn scanner_search(args: Args<'_>) -> PyResult<Value> {
    scanner_step(args, "search", Mode::Search)
}

fn scanner_pattern(v: &Value) -> PyResult<Value> {
    Ok(scanner_data(v)?.pattern.clone())
}

// ---- attributes, repr, comparison ----

fn get_pattern(v: &Value) -> PyResult<Value> {
    Ok(data(v)?.pattern.clone())
}

fn get_flags(v: &Value) -> PyResult<Value> {
    Ok(int::from_i64(data(v)?.flags))
}

fn get_groups(v: &Value) -> PyResult<Value> {
    Ok(int::from_usize(data(v)?.groups))
}

fn get_groupindex(v: &Value) -> PyResult<Value> {
    let p = data(v)?;
    let empty = p
        .groupindex
        .downcast::<DictData>()
        .is_none_or(|d| d.is_empty());
    if empty {
        return Ok(pyrs_objects::dict::new());
    }
    pyrs_objects::mappingproxy::new(p.groupindex.clone())
}

/// `repr()` truncated to `n` code points (CPython's `%.NR`).
pub(crate) fn repr_truncated(v: &Value, n: usize) -> PyResult<String> {
    let r = protocol::repr(v)?;
    let s = r
        .downcast::<StrData>()
        .ok_or_else(|| PyErr::type_error("__repr__ returned non-string"))?;
    let cut = if s.char_len() > n {
        s.substring(0, n)
    } else {
        s.substring(0, s.char_len())
    };
    Ok(cut.to_string_lossy())
}

fn pattern_repr(v: &Value) -> PyResult<Value> {
    let p = data(v)?;
    const NAMES: [(&str, i64); 8] = [
        ("re.IGNORECASE", FLAG_IGNORECASE),
        ("re.LOCALE", FLAG_LOCALE),
        ("re.MULTILINE", FLAG_MULTILINE),
        ("re.DOTALL", FLAG_DOTALL),
        ("re.UNICODE", FLAG_UNICODE),
        ("re.VERBOSE", FLAG_VERBOSE),
        ("re.DEBUG", FLAG_DEBUG),
        ("re.ASCII", FLAG_ASCII),
    ];
    let mut flags = p.flags;
    if p.isbytes == Some(false) && flags & (FLAG_LOCALE | FLAG_UNICODE | FLAG_ASCII) == FLAG_UNICODE
    {
        flags &= !FLAG_UNICODE;
    }
    let src = repr_truncated(&p.pattern, 200)?;
    if flags == 0 {
        return Ok(pystr::from_string(format!("re.compile({src})")));
    }
    let mut parts = Vec::new();
    for (name, bit) in NAMES {
        if flags & bit != 0 {
            parts.push(name.to_string());
            flags &= !bit;
        }
    }
    if flags != 0 {
        parts.push(format!("0x{flags:x}"));
    }
    Ok(pystr::from_string(format!(
        "re.compile({src}, {})",
        parts.join("|")
    )))
}

fn pattern_richcompare(a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
    if !matches!(op, CompareOp::Eq | CompareOp::Ne) {
        return Ok(pyrs_objects::not_implemented());
    }
    let (Some(x), Some(y)) = (a.downcast::<PatternData>(), b.downcast::<PatternData>()) else {
        return Ok(pyrs_objects::not_implemented());
    };
    let equal = a.is(b)
        || (x.flags == y.flags
            && x.isbytes == y.isbytes
            && x.code == y.code
            && protocol::eq(&x.pattern, &y.pattern)?);
    Ok(pyrs_objects::bool(equal == (op == CompareOp::Eq)))
}

fn pattern_hash(v: &Value) -> PyResult<i64> {
    let p = data(v)?;
    let mut h = protocol::hash(&p.pattern)?;
    let bytes: Vec<u8> = p.code.iter().flat_map(|w| w.to_ne_bytes()).collect();
    h ^= pystr::hash_bytes(&bytes);
    Ok(if h == -1 { -2 } else { h })
}
