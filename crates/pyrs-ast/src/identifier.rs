//! [`Identifier`]: the name type of the tree (variables, attributes, parameters, modules).

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

use crate::inline_str::InlineStr;

/// A name in the tree: the ASDL builtin `identifier` (`Name.id`, `Attribute.attr`,
/// `FunctionDef.name`, `alias.name`...).
///
/// Three words. A name of up to 22 bytes, which is nearly every name of real programs, is
/// stored inside the value, so building one allocates nothing and dropping one frees
/// nothing; a longer name is an owned `Box<str>`. Either way it derefs to `str` and compares,
/// orders and hashes as its text does (so a `HashMap<Identifier, _>` can be searched with a
/// `&str`). The parser hands over the NFKC-normalized text of the name token, so it is always
/// valid UTF-8. The representation is private, so that it can become an interned symbol later
/// without changing the nodes' users. The compiler interns names in its own tables (symbol
/// table, code generator), and code objects hold their names as `Identifier`s too
/// (`co_names`, the fast locals, `co_name`, `co_qualname`), so handing a name to a code object
/// allocates nothing for an ordinary name.
///
/// ```
/// use pyrs_ast::Identifier;
///
/// let name = Identifier::from("spam");
/// assert_eq!(name.as_str(), "spam");
/// assert!(name.starts_with("sp")); // derefs to `str`
/// let long = Identifier::from("a_rather_long_function_name_indeed");
/// assert_eq!(long, "a_rather_long_function_name_indeed");
/// assert!(name > long);
/// ```
#[derive(Clone)]
pub struct Identifier(Repr);

/// `Inline` for a name of up to `InlineStr::CAPACITY` bytes, `Heap` for a longer one: each
/// name has one representation.
#[derive(Clone)]
enum Repr {
    Inline(InlineStr),
    Heap(Box<str>),
}

impl Identifier {
    /// The name as a string slice.
    #[inline]
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Inline(text) => text.as_str(),
            Repr::Heap(text) => text,
        }
    }
}

impl Deref for Identifier {
    type Target = str;

    #[inline]
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Identifier {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Identifier {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for Identifier {
    #[inline]
    fn from(name: &str) -> Self {
        match InlineStr::new(name) {
            Some(text) => Identifier(Repr::Inline(text)),
            None => Identifier(Repr::Heap(name.into())),
        }
    }
}

impl From<String> for Identifier {
    fn from(name: String) -> Self {
        Identifier::from(name.into_boxed_str())
    }
}

impl From<Box<str>> for Identifier {
    fn from(name: Box<str>) -> Self {
        match InlineStr::new(&name) {
            Some(text) => Identifier(Repr::Inline(text)),
            None => Identifier(Repr::Heap(name)),
        }
    }
}

impl PartialEq for Identifier {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Identifier {}

impl PartialOrd for Identifier {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Identifier {
    fn cmp(&self, other: &Self) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for Identifier {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialEq<str> for Identifier {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Identifier {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl fmt::Debug for Identifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Identifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn short_and_long_names_are_the_same_text() {
        for text in [
            "",
            "x",
            "é_名前",
            "exactly_22_bytes_long_",
            "twenty_three_bytes_long",
            "ü".repeat(30).as_str(),
        ] {
            let a = Identifier::from(text);
            assert_eq!(a.as_str(), text);
            assert_eq!(Identifier::from(text.to_string()), a);
            assert_eq!(Identifier::from(Box::<str>::from(text)), a);
            assert_eq!(format!("{a}|{a:?}"), format!("{text}|{text:?}"));
        }
    }

    #[test]
    fn found_by_its_text() {
        let set: HashSet<Identifier> = ["a", "a_name_longer_than_the_inline_room"]
            .into_iter()
            .map(Identifier::from)
            .collect();
        assert!(set.contains("a"));
        assert!(set.contains("a_name_longer_than_the_inline_room"));
        let (short, long) = (
            Identifier::from("b"),
            Identifier::from("a_name_longer_than_the_inline_room"),
        );
        assert_eq!(short.cmp(&long), Ordering::Greater);
    }
}
