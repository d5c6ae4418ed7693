//! Test support: reading `ast.dump` text back into a typed tree.
//!
//! dump_syntax.rs parses the text into a generic tree of classes, fields and literals;
//! read_nodes.rs (generated from ast.asdl) builds the typed nodes from it, refusing unknown
//! classes and fields. A reference dump read back and printed again by [`pyrs_ast::dump`]
//! must give the same text: every class, field, omission rule and repr gets checked that way.

pub(crate) mod dump_syntax;
pub(crate) mod read_nodes;

use pyrs_ast::Mod;

/// The tree whose `ast.dump(..., include_attributes=True)` text is `text`.
pub(crate) fn read_tree(text: &str) -> Result<Mod, String> {
    let value = dump_syntax::parse(text)?;
    read_nodes::read_mod(&value)
}
