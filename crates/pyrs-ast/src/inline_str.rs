//! [`InlineStr`]: a short string held inside a value, for the names and string constants of
//! the tree, most of which are a few bytes long.

/// Text of up to [`InlineStr::CAPACITY`] UTF-8 bytes, stored in place: 23 bytes, alignment 1,
/// so that an enum holding it beside a `Box<str>` is three words. The bytes after the text are
/// zero, so two values are equal exactly when their texts are.
#[derive(Clone, PartialEq, Eq, Hash)]
pub(crate) struct InlineStr {
    len: u8,
    bytes: [u8; InlineStr::CAPACITY],
}

impl InlineStr {
    /// The longest text held in place.
    pub(crate) const CAPACITY: usize = 22;

    /// `text` in place, or `None` when it is longer than [`InlineStr::CAPACITY`].
    #[inline]
    pub(crate) fn new(text: &str) -> Option<InlineStr> {
        if text.len() > InlineStr::CAPACITY {
            return None;
        }
        let mut bytes = [0; InlineStr::CAPACITY];
        bytes[..text.len()].copy_from_slice(text.as_bytes());
        Some(InlineStr {
            len: text.len() as u8,
            bytes,
        })
    }

    #[inline]
    pub(crate) fn as_str(&self) -> &str {
        let text = &self.bytes[..usize::from(self.len)];
        // SAFETY: `new` is the only constructor, and it copies all the bytes of a `str`
        // (valid UTF-8) and sets `len` to their count.
        unsafe { std::str::from_utf8_unchecked(text) }
    }
}
