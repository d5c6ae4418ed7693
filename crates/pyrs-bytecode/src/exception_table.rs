//! The exception table (`co_exceptiontable`) of zero-cost `try`: which handler catches an
//! exception raised at each instruction, its encoder and its decoder.
//!
//! Since 3.11 no instruction sets up a `try` at run time. Instead the table lists ranges of
//! code units, each with the handler to jump to, the stack depth to cut the value stack back
//! to, and whether to push the offset of the raising instruction (`lasti`) before the
//! exception (InternalDocs/exception_handling.md). An entry is four varints — start, length,
//! target, `depth << 1 | lasti` — in code units; each varint holds 6 bits a byte, most
//! significant first, bit 6 set on every byte but the last, and bit 7 marks the first byte of
//! an entry.

use std::iter::FusedIterator;

/// One range of the exception table, in code units (`dis` shows them in bytes: twice these).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ExceptionTableEntry {
    /// First code unit covered.
    pub start: u32,
    /// Code unit after the last covered (exclusive).
    pub end: u32,
    /// The handler's first code unit.
    pub target: u32,
    /// The stack depth the handler starts from, before the pushed values.
    pub depth: u32,
    /// Whether the offset of the raising instruction is pushed before the exception.
    pub lasti: bool,
}

impl ExceptionTableEntry {
    /// The stack depth when the handler starts: `depth`, plus the offset if `lasti`, plus the
    /// exception.
    pub const fn handler_depth(&self) -> u32 {
        self.depth + self.lasti as u32 + 1
    }
}

/// Encodes entries (in order, non-overlapping, each non-empty) as CPython's assembler does.
///
/// ```
/// use pyrs_bytecode::exception_table::{decode, encode, ExceptionTableEntry};
///
/// let entry = ExceptionTableEntry { start: 2, end: 5, target: 9, depth: 0, lasti: false };
/// let bytes = encode(&[entry]);
/// assert_eq!(bytes.len(), 4); // start, length, target, depth and lasti: a byte each here
/// assert_eq!(decode(&bytes).collect::<Vec<_>>(), [entry]);
/// ```
pub fn encode(entries: &[ExceptionTableEntry]) -> Vec<u8> {
    // Room for the usual entries (the four items take one or two bytes each) at once, rather
    // than growing the table several times.
    let mut out = Vec::with_capacity(entries.len() * 6);
    for e in entries {
        push_item(&mut out, e.start, 0x80);
        push_item(&mut out, e.end.saturating_sub(e.start), 0);
        push_item(&mut out, e.target, 0);
        push_item(&mut out, (e.depth << 1) | e.lasti as u32, 0);
    }
    out
}

fn push_item(out: &mut Vec<u8>, value: u32, mut marker: u8) {
    // Six bits a byte, most significant group first.
    let mut shift = 30;
    while shift > 0 && value >> shift == 0 {
        shift -= 6;
    }
    while shift > 0 {
        out.push(((value >> shift) & 63) as u8 | 0x40 | marker);
        marker = 0;
        shift -= 6;
    }
    out.push((value & 63) as u8 | marker);
}

/// Iterator over the entries of an exception table; see [`decode`].
#[derive(Clone, Debug)]
pub struct Entries<'a> {
    bytes: &'a [u8],
    pos: usize,
}

/// Decodes an exception table. Decoding stops at the end or at the first malformed entry (a
/// missing byte, a varint longer than 32 bits, an entry without its start marker); it never
/// panics.
pub fn decode(table: &[u8]) -> Entries<'_> {
    Entries {
        bytes: table,
        pos: 0,
    }
}

impl Entries<'_> {
    fn item(&mut self, first: bool) -> Option<u32> {
        let mut b = *self.bytes.get(self.pos)?;
        if (b & 0x80 != 0) != first {
            return None;
        }
        self.pos += 1;
        let mut value = u64::from(b & 63);
        while b & 64 != 0 {
            b = *self.bytes.get(self.pos)?;
            if b & 0x80 != 0 {
                return None;
            }
            self.pos += 1;
            value = (value << 6) | u64::from(b & 63);
            if value > u64::from(u32::MAX) {
                return None;
            }
        }
        u32::try_from(value).ok()
    }

    fn entry(&mut self) -> Option<ExceptionTableEntry> {
        let start = self.item(true)?;
        let length = self.item(false)?;
        let target = self.item(false)?;
        let depth_lasti = self.item(false)?;
        Some(ExceptionTableEntry {
            start,
            end: start.checked_add(length)?,
            target,
            depth: depth_lasti >> 1,
            lasti: depth_lasti & 1 == 1,
        })
    }
}

impl Iterator for Entries<'_> {
    type Item = ExceptionTableEntry;

    fn next(&mut self) -> Option<ExceptionTableEntry> {
        let entry = self.entry();
        if entry.is_none() {
            self.pos = self.bytes.len();
        }
        entry
    }
}

impl FusedIterator for Entries<'_> {}

/// The handler for an exception raised at code unit `offset`: the entry whose range holds
/// it, if any (CPython's `get_exception_handler`).
pub fn find_handler(table: &[u8], offset: u32) -> Option<ExceptionTableEntry> {
    decode(table)
        .take_while(|e| e.start <= offset)
        .find(|e| offset < e.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_values_use_more_groups() {
        for value in [
            0,
            1,
            63,
            64,
            4095,
            4096,
            1 << 18,
            (1 << 24) + 5,
            (1 << 30) - 1,
            u32::MAX,
        ] {
            let entry = ExceptionTableEntry {
                start: value,
                end: value.saturating_add(3),
                target: value / 2,
                depth: value >> 2,
                lasti: value % 2 == 1,
            };
            let bytes = encode(&[entry, entry]);
            assert_eq!(
                decode(&bytes).collect::<Vec<_>>(),
                [entry, entry],
                "{value}"
            );
        }
        let mut out = Vec::new();
        push_item(&mut out, 200, 0x80);
        assert_eq!(out, [0xc3, 0x08]);
    }

    #[test]
    fn malformed_tables_stop_quietly() {
        for bytes in [
            &[0x01][..],
            &[0x80],
            &[0x80, 0x81],
            &[0xc0, 0x40, 0x40, 0x40, 0x40, 0x40, 0x40],
        ] {
            assert_eq!(decode(bytes).count(), 0, "{bytes:?}");
        }
        let table = encode(&[
            ExceptionTableEntry {
                start: 2,
                end: 4,
                target: 10,
                depth: 1,
                lasti: true,
            },
            ExceptionTableEntry {
                start: 4,
                end: 8,
                target: 12,
                depth: 0,
                lasti: false,
            },
        ]);
        assert_eq!(find_handler(&table, 3).map(|e| e.target), Some(10));
        assert_eq!(find_handler(&table, 4).map(|e| e.target), Some(12));
        assert_eq!(find_handler(&table, 8), None);
        assert_eq!(find_handler(&table, 0), None);
    }
}
