//! Emitter: from the ast.asdl model to the Rust sources of the node types, the visitors, the
//! dumper's field tables, and the test-only reader of dumps.
//!
//! Every output is plain text handed to rustfmt by the caller; the layout here only has to
//! be valid Rust.

use std::collections::HashMap;
use std::fmt::Write;

use super::asdl::{Asdl, Constructor, Field, Kind, Quant, Type};

const DOCS: &str = "https://docs.python.org/3.13/library/ast.html";
const HEADER_NOTE: &str = "Generated from ast.asdl by gen/rust.rs: do not edit by hand. Change ast.asdl \
     (or the generator) and run `cargo test -p pyrs-ast --test sourcegen`, which rewrites this file.";

/// What the emitter needs to know about every type name a field can mention.
struct Names<'a> {
    types: HashMap<&'a str, &'a Type>,
}

/// A Rust struct holding one node class's fields.
struct NodeStruct<'a> {
    /// The Rust name (`StmtFunctionDef`, `Arguments`, `ExceptHandler`).
    rust: String,
    /// The CPython class name (`FunctionDef`, `arguments`, `ExceptHandler`).
    class: &'a str,
    constructor: &'a Constructor,
    ty: &'a Type,
}

/// How a type is laid out in Rust.
#[derive(PartialEq)]
enum Layout {
    /// Fieldless constructors without attributes: a `Copy` enum.
    Simple,
    /// Several constructors: an enum whose variants box one struct each.
    Boxed,
    /// A product, or a sum with a single constructor: one struct.
    Struct,
}

fn layout(ty: &Type) -> Layout {
    if ty.is_simple() {
        Layout::Simple
    } else if ty.constructors().len() > 1 {
        Layout::Boxed
    } else {
        Layout::Struct
    }
}

const BUILTINS: [&str; 4] = ["identifier", "string", "int", "constant"];
const RUST_KEYWORDS: [&str; 8] = ["type", "match", "ref", "mod", "in", "as", "fn", "impl"];

/// The Rust spelling of a field name: ASDL names that are Rust keywords get a trailing `_`.
fn field_name(name: &str) -> String {
    if RUST_KEYWORDS.contains(&name) {
        format!("{name}_")
    } else {
        name.to_string()
    }
}

fn class_link(class: &str) -> String {
    format!("[`ast.{class}`]({DOCS}#ast.{class})")
}

fn node_structs(asdl: &Asdl) -> Result<Vec<NodeStruct<'_>>, String> {
    let mut out = Vec::new();
    for ty in &asdl.types {
        match layout(ty) {
            Layout::Simple => {}
            Layout::Boxed => {
                for c in ty.constructors() {
                    out.push(NodeStruct {
                        rust: format!("{}{}", ty.rust, c.name),
                        class: &c.name,
                        constructor: c,
                        ty,
                    });
                }
            }
            Layout::Struct => {
                let c = &ty.constructors()[0];
                if matches!(ty.kind, Kind::Sum(_)) && ty.rust != c.name {
                    return Err(format!(
                        "{}: a sum with one constructor is the struct `{}`; name the type `{}:{}`",
                        ty.name, c.name, ty.name, c.name
                    ));
                }
                out.push(NodeStruct {
                    rust: ty.rust.clone(),
                    class: &c.name,
                    constructor: c,
                    ty,
                });
            }
        }
    }
    Ok(out)
}

impl<'a> Names<'a> {
    fn new(asdl: &'a Asdl) -> Result<Self, String> {
        let types: HashMap<&str, &Type> = asdl.types.iter().map(|t| (t.name.as_str(), t)).collect();
        for ty in &asdl.types {
            for c in ty.constructors() {
                for f in &c.fields {
                    if !BUILTINS.contains(&f.ty.as_str()) && !types.contains_key(f.ty.as_str()) {
                        return Err(format!("{}.{}: unknown type {}", c.name, f.name, f.ty));
                    }
                }
            }
        }
        Ok(Names { types })
    }

    fn rust_base(&self, ty: &str) -> String {
        match ty {
            "identifier" => "Identifier".into(),
            "string" => "Box<str>".into(),
            "int" => "i32".into(),
            "constant" => "Constant".into(),
            other => self.types[other].rust.clone(),
        }
    }

    fn rust_type(&self, field: &Field) -> String {
        let base = self.rust_base(&field.ty);
        match field.quant {
            Quant::One => base,
            Quant::Opt => format!("Option<{base}>"),
            Quant::Seq => format!("Vec<{base}>"),
            Quant::OptSeq => format!("Vec<Option<{base}>>"),
        }
    }

    /// The node type behind a field, when the field holds nodes (not builtin values).
    fn node_type(&self, field: &Field) -> Option<&'a Type> {
        self.types.get(field.ty.as_str()).copied()
    }
}

fn has_optional_end(ty: &Type) -> bool {
    ty.attributes
        .iter()
        .any(|a| a.name.starts_with("end_") && a.quant == Quant::Opt)
}

/// The differences from the CPython class, one sentence each.
fn differences(s: &NodeStruct<'_>) -> Vec<String> {
    let mut out = Vec::new();
    if let Kind::Sum(cs) = &s.ty.kind {
        if cs.len() == 1 {
            out.push(format!(
                "CPython's abstract class `ast.{}` has this one subclass; Rust has only this struct.",
                s.ty.name
            ));
        }
    }
    if !s.ty.attributes.is_empty() {
        let mut text = "`loc`, a [`Location`], holds the four location attributes".to_string();
        if has_optional_end(s.ty) {
            text.push_str("; its end is always set, where CPython allows `None`");
        }
        text.push('.');
        out.push(text);
    }
    for f in &s.constructor.fields {
        if field_name(&f.name) != f.name {
            out.push(format!(
                "The field `{}` is spelled `{}`, `{}` being a Rust keyword.",
                f.name,
                field_name(&f.name),
                f.name
            ));
        }
    }
    for note in &s.constructor.notes {
        let mut note = note.clone();
        if !note.ends_with('.') {
            note.push('.');
        }
        out.push(capitalize(&note));
    }
    out
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_uppercase().collect::<String>() + chars.as_str()
    })
}

fn sentence(text: &str) -> String {
    let mut text = text.to_string();
    if !text.is_empty() && !text.ends_with('.') {
        text.push('.');
    }
    text
}

/// `a` or `an` before a type name.
fn article(word: &str) -> &'static str {
    if word.starts_with(['A', 'E', 'I', 'O', 'U']) {
        "an"
    } else {
        "a"
    }
}

fn signature(c: &Constructor) -> String {
    if c.fields.is_empty() {
        c.name.clone()
    } else {
        let fields: Vec<String> = c.fields.iter().map(ToString::to_string).collect();
        format!("{}({})", c.name, fields.join(", "))
    }
}

fn doc_lines(out: &mut String, indent: &str, text: &str) {
    comment_lines(out, &format!("{indent}///"), text);
}

/// Writes `text` as comment lines starting with `prefix`, words wrapped to 100 columns.
fn comment_lines(out: &mut String, prefix: &str, text: &str) {
    for paragraph in text.lines() {
        // The lines after the first of a list item are indented under its text.
        let continuation = if paragraph.starts_with("- ") {
            format!("{prefix}  ")
        } else {
            prefix.to_string()
        };
        let mut line = prefix.to_string();
        for word in paragraph.split(' ') {
            if line.len() > prefix.len() && line.len() + 1 + word.len() > 100 {
                let _ = writeln!(out, "{line}");
                line.clone_from(&continuation);
            }
            line.push(' ');
            line.push_str(word);
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
}

/// src/nodes.rs: the node types.
fn emit_nodes(asdl: &Asdl, names: &Names<'_>, structs: &[NodeStruct<'_>]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "//! The node types of Python 3.13's `ast` module: one enum per abstract class, one struct per");
    let _ = writeln!(out, "//! concrete class.\n//!");
    comment_lines(&mut out, "//!", HEADER_NOTE);
    out.push('\n');
    let _ = writeln!(out, "use crate::{{Constant, Identifier, Location}};\n");

    for ty in &asdl.types {
        match layout(ty) {
            Layout::Simple => emit_simple_enum(&mut out, ty),
            Layout::Boxed => emit_boxed_enum(&mut out, ty),
            Layout::Struct => {}
        }
    }
    for s in structs {
        emit_struct(&mut out, names, s);
    }
    out
}

fn emit_simple_enum(out: &mut String, ty: &Type) {
    let doc = format!(
        "{}\n\nCPython's abstract class `ast.{}` (see the [abstract grammar]({DOCS}#abstract-grammar)), \
         with one fieldless variant per concrete class; the dumper prints each as `Class()`.",
        sentence(&ty.summary),
        ty.name
    );
    doc_lines(out, "", &doc);
    let _ = writeln!(out, "#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]");
    let _ = writeln!(out, "pub enum {} {{", ty.rust);
    for c in ty.constructors() {
        let _ = writeln!(out, "    /// {}", class_link(&c.name));
        let _ = writeln!(out, "    {},", c.name);
    }
    let _ = writeln!(out, "}}\n");
    let _ = writeln!(out, "impl {} {{", ty.rust);
    let _ = writeln!(
        out,
        "    /// The CPython class name, as `type(node).__name__` gives it."
    );
    let _ = writeln!(out, "    pub fn class_name(self) -> &'static str {{");
    let _ = writeln!(out, "        match self {{");
    for c in ty.constructors() {
        let _ = writeln!(
            out,
            "            {}::{} => \"{}\",",
            ty.rust, c.name, c.name
        );
    }
    let _ = writeln!(out, "        }}\n    }}\n}}\n");
}

fn emit_boxed_enum(out: &mut String, ty: &Type) {
    let doc = format!(
        "{}\n\nCPython's abstract class `ast.{}` (see the [abstract grammar]({DOCS}#abstract-grammar)), \
         with one variant per concrete class, each boxing that node's struct, so that a `{}` is two \
         words and an `Option<{}>` too.",
        sentence(&ty.summary),
        ty.name,
        ty.rust,
        ty.rust
    );
    doc_lines(out, "", &doc);
    let _ = writeln!(out, "#[derive(Clone, Debug, PartialEq)]");
    let _ = writeln!(out, "pub enum {} {{", ty.rust);
    for c in ty.constructors() {
        let _ = writeln!(
            out,
            "    /// {}: {}",
            class_link(&c.name),
            sentence(&c.summary)
        );
        let _ = writeln!(out, "    {}(Box<{}{}>),", c.name, ty.rust, c.name);
    }
    let _ = writeln!(out, "}}\n");

    let _ = writeln!(out, "impl {} {{", ty.rust);
    let _ = writeln!(
        out,
        "    /// The CPython class name, as `type(node).__name__` gives it."
    );
    let _ = writeln!(out, "    pub fn class_name(&self) -> &'static str {{");
    let _ = writeln!(out, "        match self {{");
    for c in ty.constructors() {
        let _ = writeln!(
            out,
            "            {}::{}(_) => \"{}\",",
            ty.rust, c.name, c.name
        );
    }
    let _ = writeln!(out, "        }}\n    }}");
    if !ty.attributes.is_empty() {
        let _ = writeln!(out, "\n    /// Where the node is in the source.");
        // Inlined into other crates: every pass asks it of node after node.
        let _ = writeln!(out, "    #[inline]");
        let _ = writeln!(out, "    pub fn loc(&self) -> Location {{");
        let _ = writeln!(out, "        match self {{");
        for c in ty.constructors() {
            let _ = writeln!(
                out,
                "            {}::{}(node) => node.loc,",
                ty.rust, c.name
            );
        }
        let _ = writeln!(out, "        }}\n    }}");
        let _ = writeln!(
            out,
            "\n    /// Where the node is in the source, to change it."
        );
        let _ = writeln!(out, "    pub fn loc_mut(&mut self) -> &mut Location {{");
        let _ = writeln!(out, "        match self {{");
        for c in ty.constructors() {
            let _ = writeln!(
                out,
                "            {}::{}(node) => &mut node.loc,",
                ty.rust, c.name
            );
        }
        let _ = writeln!(out, "        }}\n    }}");
    }
    let _ = writeln!(out, "}}\n");

    for c in ty.constructors() {
        let _ = writeln!(out, "impl From<{}{}> for {} {{", ty.rust, c.name, ty.rust);
        let _ = writeln!(out, "    fn from(node: {}{}) -> Self {{", ty.rust, c.name);
        let _ = writeln!(out, "        {}::{}(Box::new(node))", ty.rust, c.name);
        let _ = writeln!(out, "    }}\n}}\n");
    }
}

fn emit_struct(out: &mut String, names: &Names<'_>, s: &NodeStruct<'_>) {
    let mut doc = format!(
        "{}: {}\n\nASDL: `{}`.",
        class_link(s.class),
        sentence(&s.constructor.summary),
        signature(s.constructor)
    );
    if layout(s.ty) == Layout::Boxed {
        let _ = write!(doc, " The payload of [`{}::{}`].", s.ty.rust, s.class);
    }
    let diffs = differences(s);
    if diffs.is_empty() {
        doc.push_str("\n\nSame fields as the CPython class.");
    } else {
        doc.push_str("\n\nDifferences from the CPython class:");
        for d in diffs {
            let _ = write!(doc, "\n- {d}");
        }
    }
    doc_lines(out, "", &doc);
    let _ = writeln!(out, "#[derive(Clone, Debug, PartialEq)]");
    let _ = writeln!(out, "pub struct {} {{", s.rust);
    for f in &s.constructor.fields {
        let _ = writeln!(out, "    /// ASDL `{f}`.");
        let _ = writeln!(
            out,
            "    pub {}: {},",
            field_name(&f.name),
            names.rust_type(f)
        );
    }
    if !s.ty.attributes.is_empty() {
        let _ = writeln!(
            out,
            "    /// The attributes `lineno`, `col_offset`, `end_lineno`, `end_col_offset`."
        );
        let _ = writeln!(out, "    pub loc: Location,");
    }
    let _ = writeln!(out, "}}\n");
}

/// src/visitor.rs: `Visitor`, `VisitorMut` and their walk functions.
fn emit_visitor(asdl: &Asdl, names: &Names<'_>) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "//! Walks over a tree: [`Visitor`] reads it, [`VisitorMut`] may change it in place."
    );
    let _ = writeln!(out, "//!");
    let _ = writeln!(out, "//! Each `visit_<type>` method, named after the ASDL type as CPython's `compiler_visit_<type>`");
    let _ = writeln!(out, "//! functions are, defaults to the `walk_<type>` function, which visits the node's children in");
    let _ = writeln!(out, "//! field order, as `ast.NodeVisitor.generic_visit` does. Override a method to act on that kind");
    let _ = writeln!(out, "//! of node, and call the walk function from it to keep descending. Operators and expression");
    let _ = writeln!(
        out,
        "//! contexts are visited too (their methods do nothing by default); identifiers, strings,"
    );
    let _ = writeln!(
        out,
        "//! integers and constants are not nodes and are not visited."
    );
    let _ = writeln!(out, "//!");
    comment_lines(&mut out, "//!", HEADER_NOTE);
    out.push('\n');
    let _ = writeln!(out, "#[allow(clippy::wildcard_imports)]\nuse crate::*;\n");

    for mutable in [false, true] {
        let (trait_name, lt, reference, suffix) = if mutable {
            ("VisitorMut", "", "&mut ", "_mut")
        } else {
            ("Visitor", "'a", "&'a ", "")
        };
        let trait_generics = if mutable {
            String::new()
        } else {
            "<'a>".to_string()
        };
        if mutable {
            let _ = writeln!(
                out,
                "/// A walk that may change the tree in place: the mutable twin of [`Visitor`]."
            );
        } else {
            let _ = writeln!(out, "/// A read-only walk over a tree. The lifetime `'a` is the tree's, so a visitor may keep");
            let _ = writeln!(out, "/// references to the nodes it meets.");
            let _ = writeln!(out, "///");
            let _ = writeln!(out, "/// ```");
            let _ = writeln!(out, "/// use pyrs_ast::visitor::{{walk_expr, Visitor}};");
            let _ = writeln!(
                out,
                "/// use pyrs_ast::{{Expr, ExprName, ExprContext, Location, Identifier}};"
            );
            let _ = writeln!(out, "///");
            let _ = writeln!(out, "/// struct Names<'a>(Vec<&'a str>);");
            let _ = writeln!(out, "/// impl<'a> Visitor<'a> for Names<'a> {{");
            let _ = writeln!(out, "///     fn visit_expr(&mut self, node: &'a Expr) {{");
            let _ = writeln!(out, "///         if let Expr::Name(name) = node {{");
            let _ = writeln!(out, "///             self.0.push(&name.id);");
            let _ = writeln!(out, "///         }}");
            let _ = writeln!(out, "///         walk_expr(self, node);");
            let _ = writeln!(out, "///     }}");
            let _ = writeln!(out, "/// }}");
            let _ = writeln!(out, "///");
            let _ = writeln!(out, "/// let x = Expr::from(ExprName {{");
            let _ = writeln!(out, "///     id: Identifier::from(\"x\"),");
            let _ = writeln!(out, "///     ctx: ExprContext::Load,");
            let _ = writeln!(out, "///     loc: Location::new(1, 0, 1, 1),");
            let _ = writeln!(out, "/// }});");
            let _ = writeln!(out, "/// let mut names = Names(Vec::new());");
            let _ = writeln!(out, "/// names.visit_expr(&x);");
            let _ = writeln!(out, "/// assert_eq!(names.0, [\"x\"]);");
            let _ = writeln!(out, "/// ```");
        }
        let _ = writeln!(out, "pub trait {trait_name}{trait_generics} {{");
        for ty in &asdl.types {
            let rust = &ty.rust;
            let _ = writeln!(
                out,
                "    /// Visits {} [`{rust}`] (ASDL `{}`).",
                article(rust),
                ty.name
            );
            if ty.is_simple() {
                let _ = writeln!(
                    out,
                    "    fn visit_{}(&mut self, _node: {reference}{rust}) {{}}",
                    ty.name
                );
            } else {
                let _ = writeln!(
                    out,
                    "    fn visit_{}(&mut self, node: {reference}{rust}) {{ walk_{}{suffix}(self, node); }}",
                    ty.name, ty.name
                );
            }
        }
        let _ = writeln!(out, "}}\n");

        for ty in asdl.types.iter().filter(|t| !t.is_simple()) {
            let rust = &ty.rust;
            let generics = if mutable {
                format!("<V: {trait_name} + ?Sized>")
            } else {
                format!("<{lt}, V: {trait_name}<{lt}> + ?Sized>")
            };
            let mut body = String::new();
            match layout(ty) {
                Layout::Boxed => {
                    let mut empty = Vec::new();
                    let _ = writeln!(body, "match node {{");
                    for c in ty.constructors() {
                        let calls = visit_calls(names, c, mutable);
                        if calls.is_empty() {
                            empty.push(format!("{rust}::{}(_)", c.name));
                        } else {
                            let _ = writeln!(body, "{rust}::{}(node) => {{\n{calls}}}", c.name);
                        }
                    }
                    if !empty.is_empty() {
                        let _ = writeln!(body, "{} => {{}}", empty.join(" | "));
                    }
                    let _ = writeln!(body, "}}");
                }
                _ => body = visit_calls(names, &ty.constructors()[0], mutable),
            }
            let (v, n) = if body.is_empty() {
                ("_visitor", "_node")
            } else {
                ("visitor", "node")
            };
            let _ = writeln!(
                out,
                "/// Visits the children of a [`{rust}`] in field order."
            );
            let _ = writeln!(
                out,
                "pub fn walk_{}{suffix}{generics}({v}: &mut V, {n}: {reference}{rust}) {{\n{body}}}\n",
                ty.name
            );
        }
    }
    out
}

fn visit_calls(names: &Names<'_>, c: &Constructor, mutable: bool) -> String {
    let mut out = String::new();
    let (r, iter) = if mutable {
        ("&mut ", "iter_mut")
    } else {
        ("&", "iter")
    };
    for f in &c.fields {
        let Some(ty) = names.node_type(f) else {
            continue;
        };
        let field = field_name(&f.name);
        let visit = format!("visitor.visit_{}", ty.name);
        let _ = match f.quant {
            Quant::One => writeln!(out, "{visit}({r}node.{field});"),
            Quant::Opt => writeln!(
                out,
                "if let Some(child) = {r}node.{field} {{ {visit}(child); }}"
            ),
            Quant::Seq => writeln!(out, "for child in {r}node.{field} {{ {visit}(child); }}"),
            Quant::OptSeq => writeln!(
                out,
                "for child in node.{field}.{iter}().flatten() {{ {visit}(child); }}"
            ),
        };
    }
    out
}

/// The expression that presents one field to the dumper.
fn dump_field(names: &Names<'_>, f: &Field) -> Result<String, String> {
    let name = format!("self.{}", field_name(&f.name));
    let is_node = names.node_type(f).is_some();
    Ok(match (f.ty.as_str(), f.quant) {
        (_, Quant::Seq | Quant::OptSeq) if is_node || f.ty == "identifier" => {
            format!("Field::List(&{name})")
        }
        (_, Quant::One) if is_node => format!("Field::Node(&{name})"),
        (_, Quant::Opt) if is_node => format!("Field::opt_node({name}.as_ref())"),
        ("identifier", Quant::One) => format!("Field::Identifier(&{name})"),
        ("identifier", Quant::Opt) => format!("Field::opt_identifier({name}.as_ref())"),
        ("string", Quant::One) => format!("Field::Str(&{name})"),
        ("string", Quant::Opt) => format!("Field::opt_str({name}.as_deref())"),
        ("int", Quant::One) => format!("Field::Int(i64::from({name}))"),
        ("int", Quant::Opt) => format!("Field::opt_int({name})"),
        ("constant", Quant::One) => format!("Field::Constant(&{name})"),
        _ => return Err(format!("the dumper has no field shape for `{f}`")),
    })
}

/// src/dump_fields.rs: the `DumpNode` impls.
fn emit_dump_fields(
    asdl: &Asdl,
    names: &Names<'_>,
    structs: &[NodeStruct<'_>],
) -> Result<String, String> {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "//! The dumper's view of every node: its class name, its fields in order, its location."
    );
    let _ = writeln!(out, "//!");
    comment_lines(&mut out, "//!", HEADER_NOTE);
    out.push('\n');
    let _ = writeln!(
        out,
        "use crate::*;\nuse crate::dump::{{DumpNode, Field}};\n"
    );

    for ty in &asdl.types {
        let rust = &ty.rust;
        match layout(ty) {
            Layout::Simple => {
                let _ = writeln!(out, "impl DumpNode for {rust} {{");
                let _ = writeln!(
                    out,
                    "    fn class_name(&self) -> &'static str {{ {rust}::class_name(*self) }}"
                );
                let _ = writeln!(
                    out,
                    "    fn fields<'a>(&'a self, _out: &mut Vec<(&'static str, Field<'a>)>) {{}}"
                );
                let _ = writeln!(
                    out,
                    "    fn location(&self) -> Option<&Location> {{ None }}"
                );
                let _ = writeln!(out, "}}\n");
            }
            Layout::Boxed => {
                let _ = writeln!(out, "impl DumpNode for {rust} {{");
                let _ = writeln!(
                    out,
                    "    fn class_name(&self) -> &'static str {{ {rust}::class_name(self) }}"
                );
                let _ = writeln!(
                    out,
                    "    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>) {{"
                );
                let _ = writeln!(out, "        match self {{");
                for c in ty.constructors() {
                    let _ = writeln!(
                        out,
                        "            {rust}::{}(node) => node.fields(out),",
                        c.name
                    );
                }
                let _ = writeln!(out, "        }}\n    }}");
                let _ = writeln!(out, "    fn location(&self) -> Option<&Location> {{");
                let _ = writeln!(out, "        match self {{");
                for c in ty.constructors() {
                    let _ = writeln!(
                        out,
                        "            {rust}::{}(node) => node.location(),",
                        c.name
                    );
                }
                let _ = writeln!(out, "        }}\n    }}\n}}\n");
            }
            Layout::Struct => {}
        }
    }
    for s in structs {
        let fields = &s.constructor.fields;
        let out_name = if fields.is_empty() { "_out" } else { "out" };
        let _ = writeln!(out, "impl DumpNode for {} {{", s.rust);
        let _ = writeln!(
            out,
            "    fn class_name(&self) -> &'static str {{ \"{}\" }}",
            s.class
        );
        let _ = writeln!(
            out,
            "    fn fields<'a>(&'a self, {out_name}: &mut Vec<(&'static str, Field<'a>)>) {{"
        );
        for f in fields {
            let _ = writeln!(
                out,
                "        out.push((\"{}\", {}));",
                f.name,
                dump_field(names, f)?
            );
        }
        let _ = writeln!(out, "    }}");
        if s.ty.attributes.is_empty() {
            let _ = writeln!(
                out,
                "    fn location(&self) -> Option<&Location> {{ None }}"
            );
        } else {
            let _ = writeln!(
                out,
                "    fn location(&self) -> Option<&Location> {{ Some(&self.loc) }}"
            );
        }
        let _ = writeln!(out, "}}\n");
    }
    Ok(out)
}

/// tests/support/read_nodes.rs: typed nodes from the generic tree of a parsed dump.
fn emit_reader(asdl: &Asdl, names: &Names<'_>) -> Result<String, String> {
    let mut out = String::new();
    let _ = writeln!(out, "//! Typed nodes from the generic tree of a parsed `ast.dump` text, one function per ASDL type.");
    let _ = writeln!(out, "//!");
    comment_lines(&mut out, "//!", HEADER_NOTE);
    out.push('\n');
    let _ = writeln!(
        out,
        "use super::dump_syntax::{{Fields, Value}};\nuse pyrs_ast::*;\n"
    );
    for ty in &asdl.types {
        let rust = &ty.rust;
        let _ = writeln!(
            out,
            "/// Reads {} [`{rust}`] (ASDL `{}`).",
            article(rust),
            ty.name
        );
        let _ = writeln!(
            out,
            "pub(crate) fn read_{}(value: &Value) -> Result<{rust}, String> {{",
            ty.name
        );
        match layout(ty) {
            Layout::Simple => {
                let _ = writeln!(out, "    let fields = Fields::new(value)?;");
                let _ = writeln!(out, "    let node = match fields.class() {{");
                for c in ty.constructors() {
                    let _ = writeln!(out, "        \"{}\" => {rust}::{},", c.name, c.name);
                }
                let _ = writeln!(
                    out,
                    "        other => return Err(format!(\"expected a {}, found {{other}}\")),",
                    ty.name
                );
                let _ = writeln!(out, "    }};\n    fields.finish()?;\n    Ok(node)\n}}\n");
            }
            Layout::Boxed => {
                let _ = writeln!(out, "    let mut fields = Fields::new(value)?;");
                let _ = writeln!(out, "    let node = match fields.class() {{");
                for c in ty.constructors() {
                    let init = reader_init(names, c, ty, "fields")?;
                    let _ = writeln!(
                        out,
                        "        \"{}\" => {rust}::from({rust}{} {{ {init} }}),",
                        c.name, c.name
                    );
                }
                let _ = writeln!(
                    out,
                    "        other => return Err(format!(\"expected a {}, found {{other}}\")),",
                    ty.name
                );
                let _ = writeln!(out, "    }};\n    fields.finish()?;\n    Ok(node)\n}}\n");
            }
            Layout::Struct => {
                let c = &ty.constructors()[0];
                let init = reader_init(names, c, ty, "fields")?;
                let _ = writeln!(out, "    let mut fields = Fields::new(value)?;");
                let _ = writeln!(out, "    fields.expect_class(\"{}\")?;", c.name);
                let _ = writeln!(out, "    let node = {rust} {{ {init} }};");
                let _ = writeln!(out, "    fields.finish()?;\n    Ok(node)\n}}\n");
            }
        }
    }
    Ok(out)
}

fn reader_init(
    names: &Names<'_>,
    c: &Constructor,
    ty: &Type,
    fields: &str,
) -> Result<String, String> {
    let mut parts = Vec::new();
    for f in &c.fields {
        let name = &f.name;
        let read = match (names.node_type(f), f.ty.as_str(), f.quant) {
            (Some(t), _, Quant::One) => format!("{fields}.one(\"{name}\", read_{})?", t.name),
            (Some(t), _, Quant::Opt) => format!("{fields}.opt(\"{name}\", read_{})?", t.name),
            (Some(t), _, Quant::Seq) => format!("{fields}.list(\"{name}\", read_{})?", t.name),
            (Some(t), _, Quant::OptSeq) => {
                format!("{fields}.opt_list(\"{name}\", read_{})?", t.name)
            }
            (None, "identifier", Quant::One) => format!("{fields}.identifier(\"{name}\")?"),
            (None, "identifier", Quant::Opt) => format!("{fields}.opt_identifier(\"{name}\")?"),
            (None, "identifier", Quant::Seq) => format!("{fields}.identifiers(\"{name}\")?"),
            (None, "string", Quant::One) => format!("{fields}.string(\"{name}\")?"),
            (None, "string", Quant::Opt) => format!("{fields}.opt_string(\"{name}\")?"),
            (None, "int", Quant::One) => format!("{fields}.int(\"{name}\")?"),
            (None, "int", Quant::Opt) => format!("{fields}.opt_int(\"{name}\")?"),
            (None, "constant", Quant::One) => format!("{fields}.constant(\"{name}\")?"),
            _ => return Err(format!("the reader has no field shape for `{f}`")),
        };
        parts.push(format!("{}: {read}", field_name(name)));
    }
    if !ty.attributes.is_empty() {
        parts.push(format!("loc: {fields}.location()?"));
    }
    Ok(parts.join(", "))
}

/// One line per type in the layout of the reference's `__doc__` of the abstract class, then its
/// attributes: what tests/fixtures/ast_classes.txt records from python3.13.
pub(crate) fn reference_view(asdl: &Asdl) -> String {
    let mut out = String::new();
    for ty in &asdl.types {
        let reference_sig = |c: &Constructor| {
            if c.fields.is_empty() {
                c.name.clone()
            } else {
                let fields: Vec<String> = c
                    .fields
                    .iter()
                    .map(|f| {
                        let mut f = f.clone();
                        if f.quant == Quant::OptSeq {
                            f.quant = Quant::Seq;
                        }
                        f.to_string()
                    })
                    .collect();
                format!("{}({})", c.name, fields.join(", "))
            }
        };
        match &ty.kind {
            Kind::Product(c) => {
                let _ = writeln!(out, "{}", reference_sig(c).replacen(&c.name, &ty.name, 1));
            }
            Kind::Sum(cs) if ty.is_simple() => {
                let list: Vec<&str> = cs.iter().map(|c| c.name.as_str()).collect();
                let _ = writeln!(out, "{} = {}", ty.name, list.join(" | "));
            }
            Kind::Sum(cs) => {
                let pad = " ".repeat(ty.name.len() + 1);
                for (i, c) in cs.iter().enumerate() {
                    if i == 0 {
                        let _ = writeln!(out, "{} = {}", ty.name, reference_sig(c));
                    } else {
                        let _ = writeln!(out, "{pad}| {}", reference_sig(c));
                    }
                }
            }
        }
        if !ty.attributes.is_empty() {
            let attrs: Vec<String> = ty.attributes.iter().map(ToString::to_string).collect();
            let _ = writeln!(out, "    attributes ({})", attrs.join(", "));
        }
        out.push('\n');
    }
    out
}

/// The generated files, as (path relative to the crate, unformatted text).
pub(crate) fn generate(asdl: &Asdl) -> Result<Vec<(&'static str, String)>, String> {
    let names = Names::new(asdl)?;
    let structs = node_structs(asdl)?;
    Ok(vec![
        ("src/nodes.rs", emit_nodes(asdl, &names, &structs)),
        ("src/visitor.rs", emit_visitor(asdl, &names)),
        (
            "src/dump_fields.rs",
            emit_dump_fields(asdl, &names, &structs)?,
        ),
        ("tests/support/read_nodes.rs", emit_reader(asdl, &names)?),
    ])
}
