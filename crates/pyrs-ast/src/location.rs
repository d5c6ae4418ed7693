//! [`Location`]: where a node is in the source, as CPython's four location attributes.

/// The span of source text a node was parsed from: CPython's attributes `lineno`,
/// `col_offset`, `end_lineno` and `end_col_offset`, in that order.
///
/// Lines count from 1. Columns are offsets in UTF-8 bytes from the start of the line, as
/// CPython counts them (not characters): in `é = 1` the `1` is at column 5. The end is
/// exclusive: a one-line node's text is `line[col_offset..end_col_offset]`.
///
/// Four `u32`s, 16 bytes: every node with attributes holds one inline. CPython lets the end
/// be `None` in hand-built trees of `stmt`, `expr` and a few others; here it is always set.
///
/// ```
/// use pyrs_ast::Location;
///
/// let loc = Location::new(1, 4, 1, 7);
/// assert_eq!((loc.lineno, loc.col_offset, loc.end_lineno, loc.end_col_offset), (1, 4, 1, 7));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Location {
    /// First line, from 1.
    pub lineno: u32,
    /// UTF-8 byte offset of the first character in its line.
    pub col_offset: u32,
    /// Last line.
    pub end_lineno: u32,
    /// UTF-8 byte offset just past the last character, in the last line.
    pub end_col_offset: u32,
}

impl Location {
    /// A location from CPython's four attributes, in CPython's order.
    pub const fn new(lineno: u32, col_offset: u32, end_lineno: u32, end_col_offset: u32) -> Self {
        Location {
            lineno,
            col_offset,
            end_lineno,
            end_col_offset,
        }
    }
}
