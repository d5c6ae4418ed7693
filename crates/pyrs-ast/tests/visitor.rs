//! The visitors against the reference: `Visitor` must meet the nodes of each fixture tree in
//! the order `ast.NodeVisitor` does, and a `VisitorMut` pass must change a tree as the same
//! change made in Python does (tests/fixtures/visit/, recorded by gen/record_reference.py).

mod support;

use std::path::Path;

use pyrs_ast::visitor::*;
use pyrs_ast::*;

fn fixture(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path);
    let text = std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()));
    text.strip_suffix('\n').unwrap_or(&text).to_string()
}

/// Records the class of every node it visits, before its children.
#[derive(Default)]
struct Order(Vec<&'static str>);

impl<'a> Visitor<'a> for Order {
    fn visit_mod(&mut self, node: &'a Mod) {
        self.0.push(node.class_name());
        walk_mod(self, node);
    }
    fn visit_stmt(&mut self, node: &'a Stmt) {
        self.0.push(node.class_name());
        walk_stmt(self, node);
    }
    fn visit_expr(&mut self, node: &'a Expr) {
        self.0.push(node.class_name());
        walk_expr(self, node);
    }
    fn visit_expr_context(&mut self, node: &'a ExprContext) {
        self.0.push(node.class_name());
    }
    fn visit_boolop(&mut self, node: &'a BoolOp) {
        self.0.push(node.class_name());
    }
    fn visit_operator(&mut self, node: &'a Operator) {
        self.0.push(node.class_name());
    }
    fn visit_unaryop(&mut self, node: &'a UnaryOp) {
        self.0.push(node.class_name());
    }
    fn visit_cmpop(&mut self, node: &'a CmpOp) {
        self.0.push(node.class_name());
    }
    fn visit_comprehension(&mut self, node: &'a Comprehension) {
        self.0.push("comprehension");
        walk_comprehension(self, node);
    }
    fn visit_excepthandler(&mut self, node: &'a ExceptHandler) {
        self.0.push("ExceptHandler");
        walk_excepthandler(self, node);
    }
    fn visit_arguments(&mut self, node: &'a Arguments) {
        self.0.push("arguments");
        walk_arguments(self, node);
    }
    fn visit_arg(&mut self, node: &'a Arg) {
        self.0.push("arg");
        walk_arg(self, node);
    }
    fn visit_keyword(&mut self, node: &'a Keyword) {
        self.0.push("keyword");
        walk_keyword(self, node);
    }
    fn visit_alias(&mut self, node: &'a Alias) {
        self.0.push("alias");
        walk_alias(self, node);
    }
    fn visit_withitem(&mut self, node: &'a WithItem) {
        self.0.push("withitem");
        walk_withitem(self, node);
    }
    fn visit_match_case(&mut self, node: &'a MatchCase) {
        self.0.push("match_case");
        walk_match_case(self, node);
    }
    fn visit_pattern(&mut self, node: &'a Pattern) {
        self.0.push(node.class_name());
        walk_pattern(self, node);
    }
    fn visit_type_ignore(&mut self, node: &'a TypeIgnore) {
        self.0.push("TypeIgnore");
        walk_type_ignore(self, node);
    }
    fn visit_type_param(&mut self, node: &'a TypeParam) {
        self.0.push(node.class_name());
        walk_type_param(self, node);
    }
}

#[test]
fn visitor_meets_nodes_in_node_visitor_order() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/visit");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("the visit fixtures") {
        let path = entry.expect("directory entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("a UTF-8 name")
            .to_string();
        let Some(stem) = name.strip_suffix(".order") else {
            continue;
        };
        let tree =
            support::read_tree(&fixture(&format!("dump/{stem}.dump"))).expect("the dump reads");
        let mut order = Order::default();
        order.visit_mod(&tree);
        let expected = fixture(&format!("visit/{name}"));
        assert_eq!(order.0.join("\n"), expected, "{stem}: visiting order");
        checked += 1;
    }
    assert!(checked >= 18, "only {checked} order fixtures");
}

/// `ast.increment_lineno(tree, 10)` and every `Name.id` upper-cased, as a mutable pass.
struct Change;

impl Change {
    fn shift(loc: &mut Location) {
        loc.lineno += 10;
        loc.end_lineno += 10;
    }
}

impl VisitorMut for Change {
    fn visit_stmt(&mut self, node: &mut Stmt) {
        Change::shift(node.loc_mut());
        walk_stmt_mut(self, node);
    }
    fn visit_expr(&mut self, node: &mut Expr) {
        Change::shift(node.loc_mut());
        if let Expr::Name(name) = node {
            name.id = name.id.to_uppercase().into();
        }
        walk_expr_mut(self, node);
    }
    fn visit_excepthandler(&mut self, node: &mut ExceptHandler) {
        Change::shift(&mut node.loc);
        walk_excepthandler_mut(self, node);
    }
    fn visit_arg(&mut self, node: &mut Arg) {
        Change::shift(&mut node.loc);
        walk_arg_mut(self, node);
    }
    fn visit_keyword(&mut self, node: &mut Keyword) {
        Change::shift(&mut node.loc);
        walk_keyword_mut(self, node);
    }
    fn visit_alias(&mut self, node: &mut Alias) {
        Change::shift(&mut node.loc);
        walk_alias_mut(self, node);
    }
    fn visit_pattern(&mut self, node: &mut Pattern) {
        Change::shift(node.loc_mut());
        walk_pattern_mut(self, node);
    }
    fn visit_type_param(&mut self, node: &mut TypeParam) {
        Change::shift(node.loc_mut());
        walk_type_param_mut(self, node);
    }
    fn visit_type_ignore(&mut self, node: &mut TypeIgnore) {
        node.lineno += 10;
    }
}

#[test]
fn visitor_mut_changes_the_tree_in_place() {
    for stem in ["functions", "patterns", "type_comments"] {
        let mut tree =
            support::read_tree(&fixture(&format!("dump/{stem}.dump"))).expect("the dump reads");
        Change.visit_mod(&mut tree);
        assert_eq!(
            dump(&tree),
            fixture(&format!("visit/{stem}.changed.dump")),
            "{stem}"
        );
    }
}
