//! `_ast` (CPython's Python/Python-ast.c): the node classes of Python's abstract syntax,
//! which Lib/ast.py re-exports and builds `NodeVisitor`, `dump`, `literal_eval`… on.
//!
//! Every class comes from one table, [`GRAMMAR`], written in the notation of CPython's
//! Parser/Python.asdl: a sum type (`expr = BinOp(…) | Name(…)`) becomes an abstract class
//! whose constructors subclass it, a product type (`arguments(…)`) a class of its own. From a
//! field's declared type and its mark (`?` optional, `*` a list) come `_fields`,
//! `__match_args__`, `_field_types` (`expr | None`, `list[stmt]`), the class-level `None`
//! of optional fields and attributes, and the class docstrings.
//!
//! The classes are ordinary heap classes under the native base `AST`, so Python code can
//! subclass them (ast.py's deprecated `Num`, `Str`…). `AST.__init__` follows 3.13's rules:
//! positional arguments fill `_fields` in order, keywords may name any field or attribute
//! (others are accepted with a DeprecationWarning), and a field left out is `None` when
//! optional (the class attribute), a new empty list when a list, `Load()` when an
//! `expr_context`, and otherwise absent, with a DeprecationWarning.
//!
//! `compile(…, PyCF_ONLY_AST)` (so `ast.parse`) comes here through the VM's hook: the
//! parser's tree (crates/pyrs-ast), walked generically through its dumper's view of each
//! node, becomes these objects. Not here yet: compiling such objects back into code, and the
//! constant-folded trees of `PyCF_OPTIMIZED_AST` (`ast.parse(..., optimize=1)`).

use std::sync::OnceLock;

use pyrs_objects::args::Args;
use pyrs_objects::dict::DictData;
use pyrs_objects::exceptions::ExcKind;
use pyrs_objects::module::{new_module, ModuleData};
use pyrs_objects::native::{MethodDef, MethodKind};
use pyrs_objects::typeobject::{is_subtype, new_class, type_data, BinOp, TypeBuilder, TypeFlags};
use pyrs_objects::{
    dict, int, protocol, str as pystr, tuple, types, PyErr, PyResult, SyncCell, Value,
};

/// The abstract syntax of Python 3.13, one type a line (`sum = Ctor(fields) | …`, or
/// `product(fields)`); a trailing `@` gives the type's nodes the position attributes
/// (`lineno`, `col_offset`, `end_lineno?`, `end_col_offset?`).
const GRAMMAR: &str = "
mod = Module(stmt* body, type_ignore* type_ignores) | Interactive(stmt* body) | Expression(expr body) | FunctionType(expr* argtypes, expr returns)
stmt = FunctionDef(identifier name, arguments args, stmt* body, expr* decorator_list, expr? returns, string? type_comment, type_param* type_params) | AsyncFunctionDef(identifier name, arguments args, stmt* body, expr* decorator_list, expr? returns, string? type_comment, type_param* type_params) | ClassDef(identifier name, expr* bases, keyword* keywords, stmt* body, expr* decorator_list, type_param* type_params) | Return(expr? value) | Delete(expr* targets) | Assign(expr* targets, expr value, string? type_comment) | TypeAlias(expr name, type_param* type_params, expr value) | AugAssign(expr target, operator op, expr value) | AnnAssign(expr target, expr annotation, expr? value, int simple) | For(expr target, expr iter, stmt* body, stmt* orelse, string? type_comment) | AsyncFor(expr target, expr iter, stmt* body, stmt* orelse, string? type_comment) | While(expr test, stmt* body, stmt* orelse) | If(expr test, stmt* body, stmt* orelse) | With(withitem* items, stmt* body, string? type_comment) | AsyncWith(withitem* items, stmt* body, string? type_comment) | Match(expr subject, match_case* cases) | Raise(expr? exc, expr? cause) | Try(stmt* body, excepthandler* handlers, stmt* orelse, stmt* finalbody) | TryStar(stmt* body, excepthandler* handlers, stmt* orelse, stmt* finalbody) | Assert(expr test, expr? msg) | Import(alias* names) | ImportFrom(identifier? module, alias* names, int? level) | Global(identifier* names) | Nonlocal(identifier* names) | Expr(expr value) | Pass | Break | Continue @
expr = BoolOp(boolop op, expr* values) | NamedExpr(expr target, expr value) | BinOp(expr left, operator op, expr right) | UnaryOp(unaryop op, expr operand) | Lambda(arguments args, expr body) | IfExp(expr test, expr body, expr orelse) | Dict(expr* keys, expr* values) | Set(expr* elts) | ListComp(expr elt, comprehension* generators) | SetComp(expr elt, comprehension* generators) | DictComp(expr key, expr value, comprehension* generators) | GeneratorExp(expr elt, comprehension* generators) | Await(expr value) | Yield(expr? value) | YieldFrom(expr value) | Compare(expr left, cmpop* ops, expr* comparators) | Call(expr func, expr* args, keyword* keywords) | FormattedValue(expr value, int conversion, expr? format_spec) | JoinedStr(expr* values) | Constant(constant value, string? kind) | Attribute(expr value, identifier attr, expr_context ctx) | Subscript(expr value, expr slice, expr_context ctx) | Starred(expr value, expr_context ctx) | Name(identifier id, expr_context ctx) | List(expr* elts, expr_context ctx) | Tuple(expr* elts, expr_context ctx) | Slice(expr? lower, expr? upper, expr? step) @
expr_context = Load | Store | Del
boolop = And | Or
operator = Add | Sub | Mult | MatMult | Div | Mod | Pow | LShift | RShift | BitOr | BitXor | BitAnd | FloorDiv
unaryop = Invert | Not | UAdd | USub
cmpop = Eq | NotEq | Lt | LtE | Gt | GtE | Is | IsNot | In | NotIn
comprehension(expr target, expr iter, expr* ifs, int is_async)
excepthandler = ExceptHandler(expr? type, identifier? name, stmt* body) @
arguments(arg* posonlyargs, arg* args, arg? vararg, arg* kwonlyargs, expr* kw_defaults, arg? kwarg, expr* defaults)
arg(identifier arg, expr? annotation, string? type_comment) @
keyword(identifier? arg, expr value) @
alias(identifier name, identifier? asname) @
withitem(expr context_expr, expr? optional_vars)
match_case(pattern pattern, expr? guard, stmt* body)
pattern = MatchValue(expr value) | MatchSingleton(constant value) | MatchSequence(pattern* patterns) | MatchMapping(expr* keys, pattern* patterns, identifier? rest) | MatchClass(expr cls, pattern* patterns, identifier* kwd_attrs, pattern* kwd_patterns) | MatchStar(identifier? name) | MatchAs(pattern? pattern, identifier? name) | MatchOr(pattern* patterns) @
type_ignore = TypeIgnore(int lineno, string tag)
type_param = TypeVar(identifier name, expr? bound, expr? default_value) | ParamSpec(identifier name, expr? default_value) | TypeVarTuple(identifier name, expr? default_value) @
";

/// The position attributes of the types marked `@`.
const POSITION_ATTRIBUTES: [&str; 4] = ["lineno", "col_offset", "end_lineno", "end_col_offset"];

/// `compile()` flags (Include/cpython/compile.h).
const FLAGS: [(&str, i64); 4] = [
    ("PyCF_ONLY_AST", 0x400),
    ("PyCF_TYPE_COMMENTS", 0x1000),
    ("PyCF_ALLOW_TOP_LEVEL_AWAIT", 0x2000),
    ("PyCF_OPTIMIZED_AST", 0x8000 | 0x400),
];

/// A field of a node: `type` `mark` `name`, as in `expr? returns`.
struct Field<'a> {
    ty: &'a str,
    mark: Option<char>,
    name: &'a str,
}

impl Field<'_> {
    fn asdl(&self) -> String {
        match self.mark {
            Some(m) => format!("{}{m} {}", self.ty, self.name),
            None => format!("{} {}", self.ty, self.name),
        }
    }
}

/// A constructor or product: a name and its fields (`Pass` has none).
struct Shape<'a> {
    name: &'a str,
    fields: Vec<Field<'a>>,
}

impl Shape<'_> {
    /// `Name(identifier id, expr_context ctx)`, or `Pass`.
    fn asdl(&self) -> String {
        if self.fields.is_empty() {
            return self.name.to_string();
        }
        let fields: Vec<String> = self.fields.iter().map(Field::asdl).collect();
        format!("{}({})", self.name, fields.join(", "))
    }
}

/// Reads `Name(type? a, type* b)` (or a bare `Name`).
fn parse_shape(text: &str) -> Shape<'_> {
    let text = text.trim();
    let Some((name, rest)) = text.split_once('(') else {
        return Shape {
            name: text,
            fields: Vec::new(),
        };
    };
    let fields = rest
        .trim_end_matches(')')
        .split(',')
        .filter_map(|f| {
            let (ty, name) = f.trim().split_once(' ')?;
            let (ty, mark) = match ty.strip_suffix(['?', '*']) {
                Some(base) => (base, ty.chars().last()),
                None => (ty, None),
            };
            Some(Field { ty, mark, name })
        })
        .collect();
    Shape {
        name: name.trim(),
        fields,
    }
}

/// What `AST.__init__` needs beyond the classes themselves.
struct State {
    expr_context: Value,
    load: Value,
    /// The one instance of each constructor of a sum type without fields (`Load()`, `Add()`…)
    /// that the parser's trees share, as CPython's do.
    singletons: Vec<(&'static str, Value)>,
}

static STATE: OnceLock<SyncCell<State>> = OnceLock::new();

fn str_tuple(names: &[&str]) -> Value {
    tuple::new(names.iter().map(|n| pystr::intern(n)).collect())
}

fn ast_type() -> &'static Value {
    static AST: OnceLock<SyncCell<Value>> = OnceLock::new();
    &AST.get_or_init(|| {
        let ty = TypeBuilder::new::<()>("AST")
            .module("ast")
            .with_dict()
            .subclassable()
            .methods(AST_METHODS)
            .slots(|s| s.init.set(Some(ast_init)))
            .build();
        if let Some(t) = type_data(&ty) {
            // A heap type, as CPython's (made from a spec): Python code may set attributes
            // on it, and `__class__` may move a node between node classes.
            let flags = (t.flags.get().0 & !TypeFlags::IMMUTABLETYPE.0) | TypeFlags::HEAPTYPE.0;
            t.flags.set(TypeFlags(flags));
        }
        if let Some(d) = type_data(&ty).and_then(|t| t.dict().downcast::<DictData>()) {
            d.set_str("__module__", pystr::intern("ast"));
            d.set_str("_fields", tuple::empty());
            d.set_str("_attributes", tuple::empty());
            d.set_str("__match_args__", tuple::empty());
        }
        SyncCell(ty)
    })
    .0
}

static AST_METHODS: &[MethodDef] = &[
    MethodDef::new("__reduce__", MethodKind::Method(ast_reduce)),
    MethodDef::new("__dict__", MethodKind::GetSet(ast_get_dict, None)),
];

/// `node.__dict__`: where the fields and attributes live.
fn ast_get_dict(obj: &Value) -> PyResult<Value> {
    protocol::instance_dict(obj).ok_or_else(|| {
        PyErr::attribute_error(format!(
            "'{}' object has no attribute '__dict__'",
            obj.type_data().name()
        ))
    })
}

/// Makes the `_ast` module.
pub(crate) fn init() -> PyResult<Value> {
    let module = new_module("_ast");
    let d = module
        .downcast::<ModuleData>()
        .ok_or_else(|| PyErr::system_error("_ast: not a module"))?
        .dict();
    d.set_str("AST", ast_type().clone());
    for (name, value) in FLAGS {
        d.set_str(name, Value::small(value));
    }
    let t = types();
    // The classes by name, for the field types that name them.
    let classes = dict::new();
    let class_dict = classes
        .downcast::<DictData>()
        .ok_or_else(|| PyErr::system_error("_ast: no dict"))?;
    let mut pending: Vec<(Value, Shape<'static>)> = Vec::new();
    let mut singletons: Vec<(&'static str, Value)> = Vec::new();
    for line in GRAMMAR.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (line, positions) = match line.strip_suffix('@') {
            Some(l) => (l.trim(), true),
            None => (line, false),
        };
        let attributes: &[&str] = if positions { &POSITION_ATTRIBUTES } else { &[] };
        match line.split_once(" = ") {
            Some((name, ctors)) => {
                let ctors: Vec<Shape<'static>> = ctors.split(" | ").map(parse_shape).collect();
                let simple = ctors.iter().all(|c| c.fields.is_empty());
                let doc = if simple {
                    format!("{name} = {}", join_asdl(&ctors, " | "))
                } else {
                    let pad = format!("\n{}| ", " ".repeat(name.len() + 1));
                    format!("{name} = {}", join_asdl(&ctors, &pad))
                };
                let base = make_class(name, ast_type(), &doc, &[], Some(attributes))?;
                d.set_str(name, base.clone());
                class_dict.set_str(name, base.clone());
                for ctor in ctors {
                    let class = make_class(ctor.name, &base, &ctor.asdl(), &ctor.fields, None)?;
                    if simple {
                        singletons.push((ctor.name, pyrs_objects::object::alloc(&class, ())));
                    }
                    d.set_str(ctor.name, class.clone());
                    class_dict.set_str(ctor.name, class.clone());
                    pending.push((class, ctor));
                }
            }
            None => {
                let shape = parse_shape(line);
                let class = make_class(
                    shape.name,
                    ast_type(),
                    &shape.asdl(),
                    &shape.fields,
                    Some(attributes),
                )?;
                d.set_str(shape.name, class.clone());
                class_dict.set_str(shape.name, class.clone());
                pending.push((class, shape));
            }
        }
    }
    // `_field_types` (and `__annotations__`) once every class they name exists.
    for (class, shape) in pending {
        let field_types = dict::new();
        let ft = field_types
            .downcast::<DictData>()
            .ok_or_else(|| PyErr::system_error("_ast: no dict"))?;
        for field in &shape.fields {
            let base = match field.ty {
                "identifier" | "string" => t.str.clone(),
                "int" => t.int.clone(),
                "constant" => t.object.clone(),
                other => class_dict.get_str(&pystr::intern(other)).ok_or_else(|| {
                    PyErr::system_error(format!("_ast: unknown field type {other}"))
                })?,
            };
            let ty = match field.mark {
                Some('?') => protocol::binary_op(&base, &t.none_type, BinOp::Or)?,
                Some(_) => protocol::getitem(&t.list, &base)?,
                None => base,
            };
            ft.set_str(field.name, ty);
        }
        let cd = class_namespace(&class)?;
        cd.set_str("_field_types", field_types.clone());
        cd.set_str("__annotations__", field_types);
    }
    let expr_context = class_dict
        .get_str(&pystr::intern("expr_context"))
        .ok_or_else(|| PyErr::system_error("_ast: no expr_context"))?;
    let load = singletons
        .iter()
        .find(|(name, _)| *name == "Load")
        .map(|(_, load)| load.clone())
        .ok_or_else(|| PyErr::system_error("_ast: no Load"))?;
    let _ = STATE.set(SyncCell(State {
        expr_context,
        load,
        singletons,
    }));
    Ok(module)
}

fn join_asdl(shapes: &[Shape<'_>], sep: &str) -> String {
    let parts: Vec<String> = shapes.iter().map(Shape::asdl).collect();
    parts.join(sep)
}

fn class_namespace(class: &Value) -> PyResult<&DictData> {
    type_data(class)
        .and_then(|t| t.dict().downcast::<DictData>())
        .ok_or_else(|| PyErr::system_error("_ast: class without a dict"))
}

/// One node class: `_fields`, `__match_args__`, the docstring, the class-level `None` of
/// optional fields; `attributes` (for sum types and products) sets `_attributes` and the
/// `None` of the optional end positions.
fn make_class(
    name: &str,
    base: &Value,
    doc: &str,
    fields: &[Field<'_>],
    attributes: Option<&[&str]>,
) -> PyResult<Value> {
    let namespace = dict::new();
    let ns = namespace
        .downcast::<DictData>()
        .ok_or_else(|| PyErr::system_error("_ast: no dict"))?;
    let names: Vec<&str> = fields.iter().map(|f| f.name).collect();
    ns.set_str("_fields", str_tuple(&names));
    ns.set_str("__match_args__", str_tuple(&names));
    ns.set_str("__module__", pystr::intern("ast"));
    ns.set_str("__doc__", pystr::new(doc));
    if let Some(attributes) = attributes {
        ns.set_str("_attributes", str_tuple(attributes));
        for optional in attributes.iter().filter(|a| a.starts_with("end_")) {
            ns.set_str(optional, pyrs_objects::none());
        }
    }
    for field in fields.iter().filter(|f| f.mark == Some('?')) {
        ns.set_str(field.name, pyrs_objects::none());
    }
    new_class(
        &types().type_,
        pystr::new(name),
        std::slice::from_ref(base),
        namespace,
    )
}

/// The class's name as `AST.__init__`'s warnings give it (`ast.AST` for the base itself; the
/// TypeErrors give the bare name).
fn init_name(class: &Value) -> String {
    if class.is(ast_type()) {
        "ast.AST".to_string()
    } else {
        type_data(class).map(|t| t.name()).unwrap_or_default()
    }
}

fn deprecation(message: &str) -> PyResult<()> {
    pyrs_vm::warnings::warn(ExcKind::DeprecationWarning, message, 1)
}

/// `AST.__init__(*args, **kwargs)` (CPython's `ast_type_init`).
fn ast_init(obj: &Value, args: Args<'_>) -> PyResult<()> {
    let class = obj.class().clone();
    let name = init_name(&class);
    let fields = match protocol::getattr_opt(&class, &pystr::intern("_fields"))? {
        Some(f) => protocol::collect(&f)?,
        None => Vec::new(),
    };
    let pos = args.pos();
    if pos.len() > fields.len() {
        return Err(PyErr::type_error(format!(
            "{} constructor takes at most {} positional argument{}",
            type_data(&class).map(|t| t.name()).unwrap_or_default(),
            fields.len(),
            if fields.len() == 1 { "" } else { "s" }
        )));
    }
    for (field, value) in fields.iter().zip(pos) {
        protocol::setattr(obj, field, Some(value))?;
    }
    let mut given: Vec<Value> = fields[..pos.len()].to_vec();
    let attributes = match protocol::getattr_opt(&class, &pystr::intern("_attributes"))? {
        Some(a) => protocol::collect(&a)?,
        None => Vec::new(),
    };
    for (key, value) in args.kwargs() {
        let mut is_field = false;
        for (i, field) in fields.iter().enumerate() {
            if protocol::eq(field, key)? {
                if i < pos.len() {
                    return Err(PyErr::type_error(format!(
                        "{name} got multiple values for argument '{}'",
                        pystr::text_of(key).unwrap_or_default()
                    )));
                }
                is_field = true;
                given.push(field.clone());
                break;
            }
        }
        if !is_field {
            let mut is_attribute = false;
            for a in &attributes {
                if protocol::eq(a, key)? {
                    is_attribute = true;
                    break;
                }
            }
            if !is_attribute {
                deprecation(&format!(
                    "{name}.__init__ got an unexpected keyword argument '{}'. Support for \
                     arbitrary keyword arguments is deprecated and will be removed in Python \
                     3.15.",
                    pystr::text_of(key).unwrap_or_default()
                ))?;
            }
        }
        protocol::setattr(obj, key, Some(value))?;
    }
    if given.len() == fields.len() {
        return Ok(());
    }
    // A class without `_field_types` (a user's subclass of `AST`) leaves the rest unset.
    let Some(field_types) = protocol::getattr_opt(&class, &pystr::intern("_field_types"))? else {
        return Ok(());
    };
    let state = STATE.get().map(|s| &s.0);
    for field in &fields {
        let mut set = false;
        for g in &given {
            if g.is(field) || protocol::eq(g, field)? {
                set = true;
                break;
            }
        }
        if set {
            continue;
        }
        let field_name = pystr::text_of(field).unwrap_or_default();
        let ty = match protocol::getitem(&field_types, field) {
            Ok(ty) => ty,
            Err(e) if e.matches(ExcKind::KeyError.class()) => {
                deprecation(&format!(
                    "Field '{field_name}' is missing from {name}._field_types. This will \
                     become an error in Python 3.15."
                ))?;
                continue;
            }
            Err(e) => return Err(e),
        };
        let type_name = ty.type_data().name();
        if type_name == "UnionType" {
            // Optional: the class's own `None` stands.
        } else if type_name == "GenericAlias" {
            protocol::setattr(obj, field, Some(&pyrs_objects::list::new(Vec::new())))?;
        } else if let Some(state) = state.filter(|s| ty.is(&s.expr_context)) {
            protocol::setattr(obj, field, Some(&state.load))?;
        } else {
            deprecation(&format!(
                "{name}.__init__ missing 1 required positional argument: '{field_name}'. This \
                 will become an error in Python 3.15."
            ))?;
        }
    }
    Ok(())
}

/// `AST.__reduce__()`: `(type(self), (None, …), self.__dict__)`, a `None` for each leading
/// field the dict holds (so that re-creating the node passes every field it had and warns
/// about none; the dict then sets the real values).
fn ast_reduce(args: Args<'_>) -> PyResult<Value> {
    let a = args.exact("__reduce__", 1, 1)?;
    let obj = &a[0];
    if !is_subtype(obj.class(), ast_type()) {
        return Err(PyErr::type_error(
            "descriptor '__reduce__' requires an 'ast.AST' object",
        ));
    }
    let class = obj.class().clone();
    let Some(dict) = protocol::instance_dict(obj) else {
        return Ok(tuple::new(vec![class, tuple::empty()]));
    };
    let fields = match protocol::getattr_opt(&class, &pystr::intern("_fields"))? {
        Some(f) => protocol::collect(&f)?,
        None => Vec::new(),
    };
    let mut positional = Vec::new();
    if let Some(d) = dict.downcast::<DictData>() {
        for field in &fields {
            if d.get_item(field)?.is_none() {
                break;
            }
            positional.push(pyrs_objects::none());
        }
    }
    Ok(tuple::new(vec![class, tuple::new(positional), dict]))
}

// ---------------------------------------------------------------------------------------
// `compile(source, filename, mode, PyCF_ONLY_AST)`: the parser's tree as `ast` nodes
// (CPython's `ast2obj_*` functions in Python/Python-ast.c).

/// Parses `source` (a `str` or bytes-like object) and returns its tree as `ast` nodes (an `ast`
/// node comes back as it is); `flags` are `compile()`'s (`PyCF_TYPE_COMMENTS` keeps
/// `# type:` comments).
pub(crate) fn parse_to_ast(
    source: &Value,
    filename: &str,
    mode: pyrs_parser::Mode,
    flags: i64,
) -> PyResult<Value> {
    if is_subtype(source.class(), ast_type()) {
        return Ok(source.clone());
    }
    if flags & 0x8000 != 0 {
        // `ast.parse(..., optimize=1)`: the folded tree is the compiler's (pyrs-compiler's
        // ast_opt), which does not offer it yet; an unfolded tree would answer wrongly.
        return Err(PyErr::not_implemented("compile() with PyCF_OPTIMIZED_AST"));
    }
    let type_comments = flags & 0x1000 != 0;
    let tree = if let Some(text) = pystr::text_of(source) {
        if type_comments {
            pyrs_parser::parse(&text, mode)
        } else {
            pyrs_parser::parse_code(&text, mode)
        }
    } else if let Some(bytes) = pyrs_objects::bytes::as_bytes_like(source) {
        pyrs_parser::parse_bytes(&bytes, mode)
    } else {
        return Err(PyErr::type_error(
            "compile() arg 1 must be a string, bytes or AST object",
        ));
    };
    let tree = tree.map_err(|e| pyrs_vm::syntax_error(&e, filename))?;
    let module = pyrs_vm::import::import_absolute("_ast")?;
    let state = STATE
        .get()
        .ok_or_else(|| PyErr::system_error("_ast: not initialised"))?;
    let mut converter = Converter {
        module,
        singletons: &state.0.singletons,
    };
    converter.node(&tree)
}

/// Turns nodes into objects: the `_ast` module to find classes in, and the shared instances
/// of the field-less classes (`Load()`, `Add()`…).
struct Converter<'s> {
    module: Value,
    singletons: &'s [(&'static str, Value)],
}

impl Converter<'_> {
    fn node(&mut self, node: &dyn pyrs_ast::DumpNode) -> PyResult<Value> {
        let name = node.class_name();
        let mut fields = Vec::new();
        node.fields(&mut fields);
        let loc = node.location();
        let bare = fields.is_empty() && loc.is_none();
        if bare {
            if let Some((_, v)) = self.singletons.iter().find(|(n, _)| *n == name) {
                return Ok(v.clone());
            }
        }
        let class = protocol::getattr_str(&self.module, name)?;
        let obj = pyrs_objects::object::alloc(&class, ());
        for (field, value) in fields {
            let value = self.field(value)?;
            protocol::setattr(&obj, &pystr::intern(field), Some(&value))?;
        }
        if let Some(loc) = loc {
            for (attr, v) in [
                ("lineno", loc.lineno),
                ("col_offset", loc.col_offset),
                ("end_lineno", loc.end_lineno),
                ("end_col_offset", loc.end_col_offset),
            ] {
                protocol::setattr(&obj, &pystr::intern(attr), Some(&int::from_i64(v.into())))?;
            }
        }
        Ok(obj)
    }

    fn field(&mut self, value: pyrs_ast::Field<'_>) -> PyResult<Value> {
        use pyrs_ast::Field;
        Ok(match value {
            Field::Node(n) => self.node(n)?,
            Field::List(list) => {
                let mut items = Vec::with_capacity(list.len());
                for i in 0..list.len() {
                    items.push(self.field(list.item(i))?);
                }
                pyrs_objects::list::new(items)
            }
            Field::Identifier(id) => pystr::new(id.as_str()),
            Field::Str(s) => pystr::new(s),
            Field::Int(i) => int::from_i64(i),
            Field::Constant(c) => constant(c)?,
            Field::Absent => pyrs_objects::none(),
        })
    }
}

/// A constant of the tree as the Python object it stands for.
fn constant(c: &pyrs_ast::Constant) -> PyResult<Value> {
    use pyrs_ast::Constant;
    Ok(match c {
        Constant::None => pyrs_objects::none(),
        Constant::Bool(b) => pyrs_objects::bool(*b),
        Constant::Str(s) => match s.as_str() {
            Some(text) => pystr::new(text),
            None => pystr::from_code_points(&s.code_points().collect::<Vec<u32>>()),
        },
        Constant::Bytes(b) => pyrs_objects::bytes::new(b.to_vec()),
        Constant::Int(i) => match i.as_i64() {
            Some(small) => int::from_i64(small),
            None => {
                let text = i.to_string();
                let big = text.parse::<num_bigint::BigInt>().map_err(|_| {
                    PyErr::system_error(format!("_ast: bad integer literal {text}"))
                })?;
                int::from_bigint(big)
            }
        },
        Constant::Float(f) => pyrs_objects::float::new(*f),
        Constant::Complex { real, imag } => pyrs_objects::complex::new(*real, *imag),
        Constant::Ellipsis => types().ellipsis.clone(),
    })
}
