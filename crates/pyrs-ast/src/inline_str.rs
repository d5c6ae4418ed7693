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
        let (src, n) = (text.as_bytes(), text.len());
        let mut bytes = [0; InlineStr::CAPACITY];
        // Two fixed-size copies that overlap cover any length from their size to twice it,
        // and compile to a load and a store each: cheaper than a call to `memcpy` for the
        // few bytes of a name.
        let mut copy = |at: usize, size: usize| {
            bytes[at..at + size].copy_from_slice(&src[at..at + size]);
        };
        match n {
            16.. => {
                copy(0, 16);
                copy(n - 8, 8);
            }
            8..=15 => {
                copy(0, 8);
                copy(n - 8, 8);
            }
            4..=7 => {
                copy(0, 4);
                copy(n - 4, 4);
            }
            1..=3 => {
                copy(0, 1);
                copy(n / 2, 1);
                copy(n - 1, 1);
            }
            0 => {}
        }
        Some(InlineStr {
            len: n as u8,
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

#[cfg(test)]
mod tests {
    use super::InlineStr;

    #[test]
    fn every_length_is_copied_whole() {
        let alphabet = "abcdefghijklmnopqrstuvwxyzé";
        for n in 0..=alphabet.len() {
            let Some(text) = alphabet.get(..n) else {
                continue; // inside the `é`
            };
            let inline = InlineStr::new(text);
            if n <= InlineStr::CAPACITY {
                assert_eq!(inline.as_ref().map(InlineStr::as_str), Some(text));
            } else {
                assert!(inline.is_none());
            }
        }
    }
}
