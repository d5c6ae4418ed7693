//! [`InlineStr`]: a short string held inside a value, for the names and string constants of
//! the tree, most of which are a few bytes long.

/// Text of up to [`InlineStr::CAPACITY`] UTF-8 bytes, stored in place: the bytes, then zeros,
/// then the length, 24 bytes aligned as a word, without padding. The bytes after the text are
/// zero, so two values are equal exactly when their texts are. A value is made with three word
/// stores and copied with word loads that read what those stores wrote (a string built byte
/// by byte and then copied in words made the processor wait on every name the parser built).
/// The length is a [`Len`], whose unused values let an enum holding an `InlineStr` beside a
/// `Box<str>` (`Identifier`, `StrValue`) keep its variant in the same three words.
#[derive(Clone, PartialEq, Eq, Hash)]
#[repr(C, align(8))]
pub(crate) struct InlineStr {
    /// `len` bytes of UTF-8, then zeros.
    bytes: [u8; InlineStr::CAPACITY + 1],
    len: Len,
}

/// The length of an [`InlineStr`]: 0 to [`InlineStr::CAPACITY`].
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
// Values are made by `InlineStr::new`'s transmute, never by name.
#[allow(dead_code)]
#[rustfmt::skip]
enum Len {
    L0, L1, L2, L3, L4, L5, L6, L7, L8, L9, L10, L11, L12, L13, L14, L15, L16, L17, L18, L19,
    L20, L21, L22,
}

impl InlineStr {
    pub(crate) const CAPACITY: usize = 22;

    #[inline]
    pub(crate) fn new(text: &str) -> Option<InlineStr> {
        let src = text.as_bytes();
        let n = src.len();
        if n > InlineStr::CAPACITY {
            return None;
        }
        let [w0, w1, w2] = words(src);
        // The length goes in the last byte, after the text and at least one zero.
        let w2 = w2 | (n as u64) << 56;
        let raw = [w0.to_le(), w1.to_le(), w2.to_le()];
        // SAFETY: `InlineStr` is `repr(C)`: 23 bytes then a one-byte `Len`, 24 bytes without
        // padding, as `raw` is. The words hold the text's bytes in order (little-endian in
        // memory), zeros after them, and `n` (at most 22, a valid `Len`) in the last byte.
        Some(unsafe { std::mem::transmute::<[u64; 3], InlineStr>(raw) })
    }

    #[inline]
    pub(crate) fn as_str(&self) -> &str {
        let text = &self.bytes[..self.len as usize];
        // SAFETY: `new` is the only constructor, and it copies all the bytes of a `str`
        // (valid UTF-8) and sets `len` to their count.
        unsafe { std::str::from_utf8_unchecked(text) }
    }
}

/// The bytes of `src` (at most 24 of them) as three little-endian words, zeros after its end.
///
/// Two loads that overlap cover any length from their size to twice it: the second, shifted
/// to its place, is or-ed into the first (where they overlap they hold the same bytes). Loads
/// and shifts in registers are cheaper than a call to `memcpy` for the few bytes of a name.
#[inline]
fn words(src: &[u8]) -> [u64; 3] {
    let n = src.len();
    let word = |at: usize| u64::from_le_bytes(src[at..at + 8].try_into().unwrap_or([0; 8]));
    let half = |at: usize| {
        u64::from(u32::from_le_bytes(
            src[at..at + 4].try_into().unwrap_or([0; 4]),
        ))
    };
    let byte = |at: usize| u64::from(src[at]);
    // The last eight bytes, moved down so that byte `from` comes first (nothing when the
    // shift is a whole word).
    let tail_from = |from: usize| {
        word(n - 8)
            .checked_shr(((from + 8 - n) * 8) as u32)
            .unwrap_or(0)
    };
    match n {
        16.. => [word(0), word(8), tail_from(16)],
        8..=15 => [word(0), tail_from(8), 0],
        4..=7 => [half(0) | half(n - 4) << ((n - 4) * 8), 0, 0],
        1..=3 => [
            byte(0) | byte(n / 2) << (n / 2 * 8) | byte(n - 1) << ((n - 1) * 8),
            0,
            0,
        ],
        0 => [0; 3],
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
