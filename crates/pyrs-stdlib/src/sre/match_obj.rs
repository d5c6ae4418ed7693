//! `re.Match` (CPython's `MatchObject` in Modules/_sre/sre.c): the spans of one match and
//! the groups read from its subject.

use std::sync::OnceLock;

use pyrs_objects::dict::DictData;
use pyrs_objects::native::{MethodDef, MethodKind};
use pyrs_objects::object::Payload;
use pyrs_objects::typeobject::TypeBuilder;
use pyrs_objects::Value;
use pyrs_objects::{dict, int, protocol, str as pystr, tuple, Args, PyErr, PyResult, SyncCell};

use super::getslice;
use super::pattern::{self, copy_self, deepcopy_self, repr_truncated};

/// The payload of a `re.Match`.
pub(crate) struct MatchData {
    /// The subject.
    pub(crate) string: Value,
    /// The `re.Pattern`.
    pub(crate) pattern: Value,
    /// The span of each group, 0 the whole match; (-1, -1) for a group that did not take part.
    pub(crate) regs: Vec<(isize, isize)>,
    /// `pos` and `endpos` of the search.
    pub(crate) pos: usize,
    /// See `pos`.
    pub(crate) endpos: usize,
    /// The number of the last group closed, or -1.
    pub(crate) lastindex: isize,
}

impl Payload for MatchData {
    const GC: bool = true;

    fn traverse(&self, visit: &mut dyn FnMut(&Value)) {
        visit(&self.string);
        visit(&self.pattern);
    }
}

static MATCH_TYPE: OnceLock<SyncCell<Value>> = OnceLock::new();

fn match_type() -> &'static Value {
    &MATCH_TYPE
        .get_or_init(|| {
            SyncCell(
                TypeBuilder::new::<MatchData>("Match")
                    .module("re")
                    .doc("The result of re.match() and re.search().\nMatch objects always have a boolean value of True.")
                    .slots(|s| {
                        s.repr.set(Some(match_repr));
                        s.getitem.set(Some(match_getitem));
                        s.new.set(Some(|_, _| Err(pattern::cannot_create("re.Match"))));
                    })
                    .methods(MATCH_METHODS)
                    .build(),
            )
        })
        .0
}

const MATCH_METHODS: &[MethodDef] = &[
    MethodDef::new("group", MethodKind::Method(match_group)),
    MethodDef::new("start", MethodKind::Method(match_start)),
    MethodDef::new("end", MethodKind::Method(match_end)),
    MethodDef::new("span", MethodKind::Method(match_span)),
    MethodDef::new("groups", MethodKind::Method(match_groups)),
    MethodDef::new("groupdict", MethodKind::Method(match_groupdict)),
    MethodDef::new("expand", MethodKind::Method(match_expand)),
    MethodDef::new("__copy__", MethodKind::Method(copy_self)),
    MethodDef::new("__deepcopy__", MethodKind::Method(deepcopy_self)),
    MethodDef::new(
        "__class_getitem__",
        MethodKind::Class(pyrs_objects::genericalias::class_getitem),
    ),
    MethodDef::new("string", MethodKind::GetSet(get_string, None)),
    MethodDef::new("re", MethodKind::GetSet(get_re, None)),
    MethodDef::new("pos", MethodKind::GetSet(get_pos, None)),
    MethodDef::new("endpos", MethodKind::GetSet(get_endpos, None)),
    MethodDef::new("lastindex", MethodKind::GetSet(get_lastindex, None)),
    MethodDef::new("lastgroup", MethodKind::GetSet(get_lastgroup, None)),
    MethodDef::new("regs", MethodKind::GetSet(get_regs, None)),
];

/// A new `re.Match`.
pub(crate) fn new(data: MatchData) -> Value {
    pyrs_objects::object::alloc(match_type(), data)
}

pub(crate) fn data(v: &Value) -> PyResult<&MatchData> {
    v.downcast::<MatchData>().ok_or_else(|| {
        PyErr::type_error(format!(
            "descriptor requires a 're.Match' object but received '{}'",
            v.type_data().name()
        ))
    })
}

fn this<'a>(args: &Args<'a>) -> PyResult<(&'a Value, &'a MatchData)> {
    let v = args
        .pos()
        .first()
        .ok_or_else(|| PyErr::type_error("method needs an argument"))?;
    Ok((v, data(v)?))
}

/// The value of group `index`: its text, or `default` when it did not take part (`None`
/// for a missing default).
pub(crate) fn group_value(
    m: &MatchData,
    index: usize,
    default: Option<&Value>,
) -> PyResult<Option<Value>> {
    let (a, b) = m.regs[index];
    if a < 0 || b < 0 {
        return Ok(default.cloned());
    }
    getslice(&m.string, a as usize, b as usize).map(Some)
}

fn group_or_default(m: &MatchData, index: usize, default: &Value) -> PyResult<Value> {
    Ok(group_value(m, index, Some(default))?.unwrap_or_else(pyrs_objects::none))
}

/// `match_getindex`: a group number or name as an index into `regs`.
fn group_index(m: &MatchData, g: &Value) -> PyResult<usize> {
    let i = if protocol::has_index(g) {
        protocol::index_isize(g, true)?
    } else {
        let p = pattern::data(&m.pattern)?;
        let mut i = -1;
        if let Some(d) = p.groupindex.downcast::<DictData>() {
            if let Some(v) = d.get_item(g)? {
                if let Some(n) = int::as_i64(&v) {
                    i = n as isize;
                }
            }
        }
        i
    };
    if i < 0 || i as usize >= m.regs.len() {
        return Err(PyErr::index_error("no such group"));
    }
    Ok(i as usize)
}

fn match_group(args: Args<'_>) -> PyResult<Value> {
    args.no_kwargs("group")?;
    let (_, m) = this(&args)?;
    let rest = &args.pos()[1..];
    let none = pyrs_objects::none();
    match rest.len() {
        0 => group_or_default(m, 0, &none),
        1 => group_or_default(m, group_index(m, &rest[0])?, &none),
        _ => {
            let mut out = Vec::with_capacity(rest.len());
            for g in rest {
                out.push(group_or_default(m, group_index(m, g)?, &none)?);
            }
            Ok(tuple::new(out))
        }
    }
}

fn match_getitem(v: &Value, key: &Value) -> PyResult<Value> {
    let m = data(v)?;
    group_or_default(m, group_index(m, key)?, &pyrs_objects::none())
}

fn one_group_arg(args: &Args<'_>, name: &str) -> PyResult<usize> {
    let (_, m) = this(args)?;
    let [g] = args.skip_first().bind(name, ["group"], 0, 1, 1)?;
    match g {
        None => Ok(0),
        Some(g) => group_index(m, &g),
    }
}

fn match_start(args: Args<'_>) -> PyResult<Value> {
    let i = one_group_arg(&args, "start")?;
    let (_, m) = this(&args)?;
    Ok(int::from_i64(m.regs[i].0 as i64))
}

fn match_end(args: Args<'_>) -> PyResult<Value> {
    let i = one_group_arg(&args, "end")?;
    let (_, m) = this(&args)?;
    Ok(int::from_i64(m.regs[i].1 as i64))
}

fn span_tuple((a, b): (isize, isize)) -> Value {
    tuple::new(vec![int::from_i64(a as i64), int::from_i64(b as i64)])
}

fn match_span(args: Args<'_>) -> PyResult<Value> {
    let i = one_group_arg(&args, "span")?;
    let (_, m) = this(&args)?;
    Ok(span_tuple(m.regs[i]))
}

fn default_arg(args: &Args<'_>, name: &str) -> PyResult<Value> {
    let [d] = args.skip_first().bind(name, ["default"], 0, 0, 1)?;
    Ok(d.unwrap_or_else(pyrs_objects::none))
}

fn match_groups(args: Args<'_>) -> PyResult<Value> {
    let (_, m) = this(&args)?;
    let default = default_arg(&args, "groups")?;
    let mut out = Vec::with_capacity(m.regs.len().saturating_sub(1));
    for i in 1..m.regs.len() {
        out.push(group_or_default(m, i, &default)?);
    }
    Ok(tuple::new(out))
}

fn match_groupdict(args: Args<'_>) -> PyResult<Value> {
    let (_, m) = this(&args)?;
    let default = default_arg(&args, "groupdict")?;
    let result = dict::new();
    let out = result
        .downcast::<DictData>()
        .ok_or_else(|| PyErr::system_error("dict"))?;
    let p = pattern::data(&m.pattern)?;
    if let Some(d) = p.groupindex.downcast::<DictData>() {
        for (name, _) in d.items() {
            let i = group_index(m, &name)?;
            out.set_item(name, group_or_default(m, i, &default)?)?;
        }
    }
    Ok(result)
}

fn match_expand(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("expand", 2, 2)?;
    let (v, m) = this(&args)?;
    let t = pattern::compile_template(&m.pattern, &a[1])?;
    pattern::expand_template(&t, v)
}

fn get_string(v: &Value) -> PyResult<Value> {
    Ok(data(v)?.string.clone())
}

fn get_re(v: &Value) -> PyResult<Value> {
    Ok(data(v)?.pattern.clone())
}

fn get_pos(v: &Value) -> PyResult<Value> {
    Ok(int::from_usize(data(v)?.pos))
}

fn get_endpos(v: &Value) -> PyResult<Value> {
    Ok(int::from_usize(data(v)?.endpos))
}

fn get_lastindex(v: &Value) -> PyResult<Value> {
    let m = data(v)?;
    Ok(if m.lastindex >= 0 {
        int::from_i64(m.lastindex as i64)
    } else {
        pyrs_objects::none()
    })
}

fn get_lastgroup(v: &Value) -> PyResult<Value> {
    let m = data(v)?;
    if m.lastindex < 0 {
        return Ok(pyrs_objects::none());
    }
    let p = pattern::data(&m.pattern)?;
    Ok(tuple::items_of(&p.indexgroup)
        .and_then(|items| items.get(m.lastindex as usize).cloned())
        .unwrap_or_else(pyrs_objects::none))
}

fn get_regs(v: &Value) -> PyResult<Value> {
    let m = data(v)?;
    Ok(tuple::new(m.regs.iter().map(|&r| span_tuple(r)).collect()))
}

fn match_repr(v: &Value) -> PyResult<Value> {
    let m = data(v)?;
    let g0 = group_or_default(m, 0, &pyrs_objects::none())?;
    let text = repr_truncated(&g0, 50)?;
    Ok(pystr::from_string(format!(
        "<re.Match object; span=({}, {}), match={}>",
        m.regs[0].0, m.regs[0].1, text
    )))
}
