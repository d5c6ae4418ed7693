//! Unicode character names for `\N{...}` escapes: a lookup in `unicode_names.bin`, generated
//! from the reference's `unicodedata` by gen/unicode_names.py (the file's format is described
//! there).

static DATA: &[u8] = include_bytes!("unicode_names.bin");

const BLOCK: usize = 32;

fn u32_at(at: usize) -> Option<u32> {
    let b = DATA.get(at..at + 4)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// The code point named `name` (any case), as `unicodedata.lookup` finds it for an escape.
///
/// Named sequences are not code points and are not found.
pub(crate) fn lookup(name: &str) -> Option<u32> {
    if !name.is_ascii() || name.len() > 255 {
        return None;
    }
    let name = name.to_ascii_uppercase();
    let name = name.as_bytes();
    if DATA.get(..8)? != b"PYRSUN1\0" {
        return None;
    }
    let mut at = 8;
    // Algorithmic names: PREFIX followed by the code point in hex.
    let nranges = u32_at(at)? as usize;
    at += 4;
    for _ in 0..nranges {
        let first = u32_at(at)?;
        let last = u32_at(at + 4)?;
        let len = *DATA.get(at + 8)? as usize;
        let prefix = DATA.get(at + 9..at + 9 + len)?;
        at += 9 + len;
        if let Some(hex) = name.strip_prefix(prefix) {
            if (4..=6).contains(&hex.len()) && hex.iter().all(u8::is_ascii_hexdigit) {
                let cp = u32::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?;
                if (first..=last).contains(&cp) {
                    return Some(cp);
                }
            }
        }
    }
    let count = u32_at(at)? as usize;
    let nblocks = u32_at(at + 4)? as usize;
    let index = at + 8;
    let entries = index + 4 * nblocks;
    // Binary search for the last block whose first name is <= name.
    let first_name = |b: usize| -> Option<&[u8]> {
        let off = entries + u32_at(index + 4 * b)? as usize;
        let len = *DATA.get(off + 1)? as usize;
        DATA.get(off + 2..off + 2 + len)
    };
    let (mut lo, mut hi) = (0usize, nblocks);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if first_name(mid)? <= name {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    if lo == 0 {
        return None;
    }
    let block = lo - 1;
    let mut off = entries + u32_at(index + 4 * block)? as usize;
    let mut current: Vec<u8> = Vec::with_capacity(64);
    let in_block = (count - block * BLOCK).min(BLOCK);
    for _ in 0..in_block {
        let shared = *DATA.get(off)? as usize;
        let len = *DATA.get(off + 1)? as usize;
        current.truncate(shared);
        current.extend_from_slice(DATA.get(off + 2..off + 2 + len)?);
        let cp = DATA.get(off + 2 + len..off + 5 + len)?;
        off += 5 + len;
        if current == name {
            return Some(u32::from(cp[0]) | u32::from(cp[1]) << 8 | u32::from(cp[2]) << 16);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::lookup;

    #[test]
    fn names() {
        assert_eq!(lookup("LATIN SMALL LETTER A"), Some(0x61));
        assert_eq!(lookup("latin small letter a"), Some(0x61));
        assert_eq!(lookup("EM DASH"), Some(0x2014));
        assert_eq!(lookup("CJK UNIFIED IDEOGRAPH-4E00"), Some(0x4E00));
        assert_eq!(lookup("HANGUL SYLLABLE GA"), Some(0xAC00));
        assert_eq!(lookup("SPACE"), Some(0x20));
        assert_eq!(lookup("NO SUCH CHARACTER"), None);
        assert_eq!(lookup("CJK UNIFIED IDEOGRAPH-0041"), None);
    }
}
