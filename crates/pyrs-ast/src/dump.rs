//! The dumper: a tree printed exactly as CPython 3.13's `ast.dump` prints it.
//!
//! This mirrors `_format` inside `dump` in the reference's Lib/ast.py, with
//! `annotate_fields=True` and `show_empty=False`:
//! - a node prints as `Class(field=value, ...)`, fields in ASDL order, then the attributes
//!   `lineno`, `col_offset`, `end_lineno`, `end_col_offset` when `include_attributes` is set;
//! - a field is left out when it is `None` (an absent optional) or an empty list, except the
//!   `value` of `Constant` and `MatchSingleton`, which prints as `value=None`;
//! - with an indent, a node stays on one line when it has at most three arguments and each
//!   of them is "simple" (a repr, `[]`, or a node printed with no arguments, like `Load()`);
//!   otherwise each argument goes on its own line, indented one level deeper, as does each
//!   item of a non-empty list;
//! - values print as Python's `repr()` (see [`crate::repr`]).
//!
//! Each node describes itself through [`DumpNode`], whose impls src/dump_fields.rs generates
//! from ast.asdl; this file holds the formatting rules, once.

use crate::{Constant, Identifier, Location, Mod};

/// How to print a tree: the two options of `ast.dump` that the `-m ast` command line sets.
///
/// `Default` is `ast.dump(node)`'s own default: no attributes, one line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DumpOptions {
    /// Print `lineno`, `col_offset`, `end_lineno` and `end_col_offset` after the fields.
    pub include_attributes: bool,
    /// Spaces per level, one argument a line; `None` prints everything on one line.
    pub indent: Option<usize>,
}

impl DumpOptions {
    /// What `python3.13 -m ast -a FILE` prints:
    /// `ast.dump(tree, include_attributes=True, indent=3)`.
    pub fn command_line() -> Self {
        DumpOptions {
            include_attributes: true,
            indent: Some(3),
        }
    }
}

/// The text `python3.13 -m ast -a` prints for a tree (without the final newline).
///
/// ```
/// use pyrs_ast::{dump, Expr, ExprName, ExprContext, Location, Mod, ModExpression};
///
/// let tree = Mod::from(ModExpression {
///     body: Expr::from(ExprName { id: "x".into(), ctx: ExprContext::Load, loc: Location::new(1, 0, 1, 1) }),
/// });
/// assert_eq!(dump(&tree), "\
/// Expression(
///    body=Name(
///       id='x',
///       ctx=Load(),
///       lineno=1,
///       col_offset=0,
///       end_lineno=1,
///       end_col_offset=1))");
/// ```
pub fn dump(tree: &Mod) -> String {
    dump_with(tree, &DumpOptions::command_line())
}

/// The text `ast.dump(node, include_attributes=..., indent=...)` returns, for any node.
///
/// ```
/// use pyrs_ast::{dump_with, DumpOptions, Expr, ExprName, ExprContext, Location};
///
/// let name = Expr::from(ExprName { id: "x".into(), ctx: ExprContext::Store, loc: Location::new(1, 0, 1, 1) });
/// assert_eq!(dump_with(&name, &DumpOptions::default()), "Name(id='x', ctx=Store())");
/// ```
pub fn dump_with<N: Node + ?Sized>(node: &N, options: &DumpOptions) -> String {
    let mut dumper = Dumper {
        out: String::new(),
        options,
        indent: " ".repeat(options.indent.unwrap_or(0)),
    };
    dumper.node(node.as_dump(), 0);
    dumper.out
}

/// Any node of the tree, as [`dump_with`] takes it: implemented by every node type (the
/// enums, their payload structs, the product structs and the operator enums). Sealed.
pub trait Node: DumpNode {
    /// The node as the dumper sees it.
    #[doc(hidden)]
    fn as_dump(&self) -> &dyn DumpNode;
}

impl<T: DumpNode> Node for T {
    fn as_dump(&self) -> &dyn DumpNode {
        self
    }
}

/// The dumper's view of a node, generated for every node type in src/dump_fields.rs.
/// Not nameable outside the crate.
pub trait DumpNode {
    /// The CPython class name.
    fn class_name(&self) -> &'static str;
    /// The fields in ASDL order, pushed onto `out`.
    fn fields<'a>(&'a self, out: &mut Vec<(&'static str, Field<'a>)>);
    /// The location, for nodes with attributes.
    fn location(&self) -> Option<&Location>;
}

/// The value of one field as the dumper prints it.
pub enum Field<'a> {
    /// A child node.
    Node(&'a dyn DumpNode),
    /// A list of nodes, of optional nodes or of identifiers.
    List(&'a dyn DumpList),
    /// An identifier, printed as a `str` repr.
    Identifier(&'a Identifier),
    /// A string, printed as a `str` repr.
    Str(&'a str),
    /// An integer.
    Int(i64),
    /// A constant, printed as its repr.
    Constant(&'a Constant),
    /// An optional field holding nothing: left out, or `None` in a list.
    Absent,
}

impl<'a> Field<'a> {
    pub(crate) fn opt_node<T: DumpNode>(node: Option<&'a T>) -> Self {
        node.map_or(Field::Absent, |n| Field::Node(n))
    }

    pub(crate) fn opt_identifier(name: Option<&'a Identifier>) -> Self {
        name.map_or(Field::Absent, Field::Identifier)
    }

    pub(crate) fn opt_str(text: Option<&'a str>) -> Self {
        text.map_or(Field::Absent, Field::Str)
    }

    pub(crate) fn opt_int(value: Option<i32>) -> Self {
        value.map_or(Field::Absent, |v| Field::Int(i64::from(v)))
    }
}

/// A list field: its length and its items.
pub trait DumpList {
    /// The number of items.
    fn len(&self) -> usize;
    /// Whether there are no items.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The item at `index`.
    fn item(&self, index: usize) -> Field<'_>;
}

impl<T: DumpNode> DumpList for Vec<T> {
    fn len(&self) -> usize {
        Vec::len(self)
    }
    fn item(&self, index: usize) -> Field<'_> {
        Field::Node(&self[index])
    }
}

impl<T: DumpNode> DumpList for Vec<Option<T>> {
    fn len(&self) -> usize {
        Vec::len(self)
    }
    fn item(&self, index: usize) -> Field<'_> {
        Field::opt_node(self[index].as_ref())
    }
}

impl DumpList for Vec<Identifier> {
    fn len(&self) -> usize {
        Vec::len(self)
    }
    fn item(&self, index: usize) -> Field<'_> {
        Field::Identifier(&self[index])
    }
}

struct Dumper<'o> {
    out: String,
    options: &'o DumpOptions,
    /// One level of indentation.
    indent: String,
}

impl Dumper<'_> {
    /// The arguments `_format` prints for a node: kept fields, then attributes.
    fn args<'a>(&self, node: &'a dyn DumpNode) -> Vec<(&'static str, Field<'a>)> {
        let mut fields = Vec::new();
        node.fields(&mut fields);
        let keeps_none = matches!(node.class_name(), "Constant" | "MatchSingleton");
        fields.retain(|(_, value)| match value {
            Field::Absent => false,
            Field::Constant(Constant::None) => keeps_none,
            Field::List(list) => !list.is_empty() || keeps_none,
            _ => true,
        });
        if self.options.include_attributes {
            if let Some(loc) = node.location() {
                for (name, value) in [
                    ("lineno", loc.lineno),
                    ("col_offset", loc.col_offset),
                    ("end_lineno", loc.end_lineno),
                    ("end_col_offset", loc.end_col_offset),
                ] {
                    fields.push((name, Field::Int(i64::from(value))));
                }
            }
        }
        fields
    }

    fn is_simple(&self, value: &Field<'_>) -> bool {
        match value {
            Field::Node(node) => self.args(*node).is_empty(),
            Field::List(list) => list.is_empty(),
            _ => true,
        }
    }

    /// Starts a new line at `level`, after `sep` (`""` or `","`); with no indent, `sep` and a
    /// space or nothing.
    fn break_line(&mut self, level: usize, sep: &str) {
        self.out.push_str(sep);
        if self.options.indent.is_some() {
            self.out.push('\n');
            for _ in 0..level {
                self.out.push_str(&self.indent);
            }
        } else if !sep.is_empty() {
            self.out.push(' ');
        }
    }

    fn node(&mut self, node: &dyn DumpNode, level: usize) {
        let level = if self.options.indent.is_some() {
            level + 1
        } else {
            level
        };
        let args = self.args(node);
        self.out.push_str(node.class_name());
        self.out.push('(');
        let one_line = args.len() <= 3 && args.iter().all(|(_, value)| self.is_simple(value));
        for (i, (name, value)) in args.iter().enumerate() {
            if one_line {
                if i > 0 {
                    self.out.push_str(", ");
                }
            } else {
                self.break_line(level, if i > 0 { "," } else { "" });
            }
            self.out.push_str(name);
            self.out.push('=');
            self.value(value, level);
        }
        self.out.push(')');
    }

    fn value(&mut self, value: &Field<'_>, level: usize) {
        match value {
            Field::Node(node) => self.node(*node, level),
            Field::List(list) => {
                if list.is_empty() {
                    self.out.push_str("[]");
                    return;
                }
                let level = if self.options.indent.is_some() {
                    level + 1
                } else {
                    level
                };
                self.out.push('[');
                for i in 0..list.len() {
                    self.break_line(level, if i > 0 { "," } else { "" });
                    self.value(&list.item(i), level);
                }
                self.out.push(']');
            }
            Field::Identifier(name) => {
                crate::repr::push_str_repr(&mut self.out, name.chars().map(u32::from))
            }
            Field::Str(text) => {
                crate::repr::push_str_repr(&mut self.out, text.chars().map(u32::from))
            }
            Field::Int(value) => self.out.push_str(&value.to_string()),
            Field::Constant(constant) => constant.write_repr(&mut self.out),
            Field::Absent => self.out.push_str("None"),
        }
    }
}
