//! [`Identifier`]: the name type of the tree (variables, attributes, parameters, modules).

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

/// A name in the tree: the ASDL builtin `identifier` (`Name.id`, `Attribute.attr`,
/// `FunctionDef.name`, `alias.name`...).
///
/// An owned `Box<str>` (two words, one allocation, no capacity). The parser hands over the
/// NFKC-normalized text of the name token, so it is always valid UTF-8. It is a newtype so
/// that the representation can become an interned symbol later without changing the nodes'
/// users; the interning of names that the brief asks for happens when the compiler builds
/// code objects, which own their `co_names`.
///
/// ```
/// use pyrs_ast::Identifier;
///
/// let name = Identifier::from("spam");
/// assert_eq!(name.as_str(), "spam");
/// assert!(name.starts_with("sp")); // derefs to `str`
/// ```
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Identifier(Box<str>);

impl Identifier {
    /// The name as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Identifier {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Identifier {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Identifier {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Identifier {
    fn from(name: &str) -> Self {
        Identifier(name.into())
    }
}

impl From<String> for Identifier {
    fn from(name: String) -> Self {
        Identifier(name.into_boxed_str())
    }
}

impl From<Box<str>> for Identifier {
    fn from(name: Box<str>) -> Self {
        Identifier(name)
    }
}

impl PartialEq<str> for Identifier {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Identifier {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl fmt::Debug for Identifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for Identifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
