//! The shape checks a hand-built tree must pass before it is compiled (the part of CPython's
//! Python/ast.c `PyAST_Validate` the passes rely on), so that no tree makes them panic.
//!
//! Trees from the parser always pass; [`crate::compile`] checks only trees it is given.

use pyrs_ast::visitor::{walk_expr, walk_pattern, walk_stmt, Visitor};
use pyrs_ast::{Expr, Location, Mod, Pattern, Stmt};
use pyrs_parser::{ErrorKind, SyntaxError};

use crate::symtable::Stop;

/// Checks the shapes the compiler relies on; the error names the first malformed node.
pub(crate) fn check(tree: &Mod, limit: usize) -> Result<(), Stop> {
    let mut v = Checker {
        depth: 0,
        limit,
        error: None,
    };
    v.visit_mod(tree);
    match v.error {
        None => Ok(()),
        Some(stop) => Err(stop),
    }
}

struct Checker {
    depth: usize,
    limit: usize,
    error: Option<Stop>,
}

fn invalid(what: &str, loc: Location) -> Stop {
    Stop::Error(Box::new(SyntaxError {
        kind: ErrorKind::SyntaxError,
        msg: format!("invalid syntax tree: {what}"),
        lineno: loc.lineno,
        offset: loc.col_offset as i32 + 1,
        end_lineno: loc.end_lineno,
        end_offset: loc.end_col_offset as i32 + 1,
        text: None,
    }))
}

impl Checker {
    fn enter(&mut self) -> bool {
        if self.error.is_some() {
            return false;
        }
        self.depth += 1;
        if self.depth > self.limit {
            self.error = Some(Stop::TooDeep);
            return false;
        }
        true
    }

    fn fail(&mut self, what: &str, loc: Location) {
        self.error.get_or_insert_with(|| invalid(what, loc));
    }

    fn comprehensions(&mut self, n: usize, loc: Location) {
        if n == 0 {
            self.fail("comprehension with no generators", loc);
        }
    }
}

impl<'a> Visitor<'a> for Checker {
    fn visit_stmt(&mut self, node: &'a Stmt) {
        if !self.enter() {
            return;
        }
        // The location is worked out only for a node that fails.
        let loc = || node.loc();
        match node {
            Stmt::Match(m) if m.cases.is_empty() => self.fail("match with no cases", loc()),
            Stmt::ImportFrom(i) if i.names.is_empty() => self.fail("import with no names", loc()),
            Stmt::Import(i) if i.names.is_empty() => self.fail("import with no names", loc()),
            Stmt::Assign(a) if a.targets.is_empty() => {
                self.fail("assignment with no targets", loc())
            }
            Stmt::With(w) if w.items.is_empty() => self.fail("with with no items", loc()),
            Stmt::AsyncWith(w) if w.items.is_empty() => self.fail("with with no items", loc()),
            Stmt::FunctionDef(f)
                if f.args.kw_defaults.len() != f.args.kwonlyargs.len()
                    || f.args.defaults.len() > f.args.args.len() + f.args.posonlyargs.len() =>
            {
                self.fail("arguments with mismatched defaults", loc())
            }
            Stmt::AsyncFunctionDef(f)
                if f.args.kw_defaults.len() != f.args.kwonlyargs.len()
                    || f.args.defaults.len() > f.args.args.len() + f.args.posonlyargs.len() =>
            {
                self.fail("arguments with mismatched defaults", loc())
            }
            Stmt::TypeAlias(t) if !matches!(t.name, Expr::Name(_)) => {
                self.fail("type alias whose name is not a name", loc())
            }
            _ => {}
        }
        walk_stmt(self, node);
        self.depth -= 1;
    }

    fn visit_expr(&mut self, node: &'a Expr) {
        // Names and constants, most of the nodes, hold nothing to check.
        if matches!(node, Expr::Name(_) | Expr::Constant(_)) {
            return;
        }
        if !self.enter() {
            return;
        }
        let loc = || node.loc();
        match node {
            Expr::Compare(c) if c.ops.is_empty() || c.ops.len() != c.comparators.len() => {
                self.fail("comparison with mismatched operators", loc())
            }
            Expr::BoolOp(b) if b.values.len() < 2 => {
                self.fail("boolean operation with fewer than 2 values", loc())
            }
            Expr::Dict(d) if d.keys.len() != d.values.len() => {
                self.fail("dict with mismatched keys and values", loc())
            }
            Expr::Lambda(l)
                if l.args.kw_defaults.len() != l.args.kwonlyargs.len()
                    || l.args.defaults.len() > l.args.args.len() + l.args.posonlyargs.len() =>
            {
                self.fail("arguments with mismatched defaults", loc())
            }
            Expr::ListComp(c) => self.comprehensions(c.generators.len(), loc()),
            Expr::SetComp(c) => self.comprehensions(c.generators.len(), loc()),
            Expr::DictComp(c) => self.comprehensions(c.generators.len(), loc()),
            Expr::GeneratorExp(c) => self.comprehensions(c.generators.len(), loc()),
            _ => {}
        }
        walk_expr(self, node);
        self.depth -= 1;
    }

    fn visit_pattern(&mut self, node: &'a Pattern) {
        if !self.enter() {
            return;
        }
        match node {
            Pattern::MatchMapping(m) if m.keys.len() != m.patterns.len() => {
                self.fail("mapping pattern with mismatched keys", m.loc)
            }
            Pattern::MatchClass(c) if c.kwd_attrs.len() != c.kwd_patterns.len() => {
                self.fail("class pattern with mismatched keywords", c.loc)
            }
            Pattern::MatchOr(o) if o.patterns.len() < 2 => {
                self.fail("or-pattern with fewer than 2 alternatives", o.loc)
            }
            _ => {}
        }
        walk_pattern(self, node);
        self.depth -= 1;
    }
}
