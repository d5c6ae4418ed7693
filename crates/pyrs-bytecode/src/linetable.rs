//! The location table (`co_linetable`): each instruction's source span in CPython 3.11+'s
//! compact encoding (Objects/locations.md), its encoder and its decoders.
//!
//! The table is a sequence of entries, each covering 1 to 8 code units. An entry starts with a
//! byte `1CCCCLLL`: the code `CCCC` says which form follows and `LLL` is the length minus one.
//! Lines are deltas from the previous entry's line (from `co_firstlineno` for the first):
//!
//! | code | form | line | end line | columns |
//! |---|---|---|---|---|
//! | 0–9 | short | same | same | one byte: start `code*8 + (b>>4 & 7)`, end start `+ (b & 15)` |
//! | 10–12 | one line | `+ code-10` | same | two bytes: start, end |
//! | 13 | no columns | `+ svarint` | same | none |
//! | 14 | long | `+ svarint` | `line + varint` | `varint - 1` each (0 = none) |
//! | 15 | no location | none | none | none |
//!
//! Varints hold 6 bits a byte, least significant first, bit 6 set on every byte but the last;
//! a signed value `s` is stored as `(-s) << 1 | 1` when negative, `s << 1` otherwise.
//! [`encode`] chooses the forms exactly as CPython's assembler does (Python/assemble.c), so
//! the same locations give the same bytes.

use std::iter::FusedIterator;

/// The source span of one instruction, as `co_positions()` yields it and `dis.Positions`
/// holds it: lines from 1 (the module's `RESUME` has line 0), columns in UTF-8 bytes, the end
/// exclusive; `None` where the table records nothing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Positions {
    /// First line.
    pub lineno: Option<u32>,
    /// Last line.
    pub end_lineno: Option<u32>,
    /// Start column.
    pub col_offset: Option<u32>,
    /// End column.
    pub end_col_offset: Option<u32>,
}

impl Positions {
    /// No location at all (CPython's `NO_LOCATION`; `dis` prints `--` for its line).
    pub const NONE: Positions = Positions {
        lineno: None,
        end_lineno: None,
        col_offset: None,
        end_col_offset: None,
    };

    /// A full span.
    pub const fn new(lineno: u32, end_lineno: u32, col_offset: u32, end_col_offset: u32) -> Self {
        Positions {
            lineno: Some(lineno),
            end_lineno: Some(end_lineno),
            col_offset: Some(col_offset),
            end_col_offset: Some(end_col_offset),
        }
    }

    /// A line without columns.
    pub const fn line(lineno: u32) -> Self {
        Positions {
            lineno: Some(lineno),
            end_lineno: Some(lineno),
            col_offset: None,
            end_col_offset: None,
        }
    }
}

impl From<pyrs_ast::Location> for Positions {
    /// The span of a syntax-tree node.
    fn from(loc: pyrs_ast::Location) -> Positions {
        Positions::new(
            loc.lineno,
            loc.end_lineno,
            loc.col_offset,
            loc.end_col_offset,
        )
    }
}

const CODE_SHORT_MAX: u8 = 9;
const CODE_ONE_LINE0: u8 = 10;
const CODE_NO_COLUMNS: u8 = 13;
const CODE_LONG: u8 = 14;
const CODE_NONE: u8 = 15;

/// Encodes the locations of a sequence of instructions: each item is an instruction's
/// positions and its size in code units (EXTENDED_ARG prefixes and inline caches included).
///
/// Consecutive instructions with the same positions share entries; a run longer than 8 code
/// units is split. `firstlineno` is the code object's `co_firstlineno`, from which the first
/// line delta counts.
///
/// ```
/// use pyrs_bytecode::linetable::{encode, positions, Positions};
///
/// // `def f(): return x` on line 1: RESUME without columns, then LOAD_GLOBAL (one unit and
/// // four of cache) and RETURN_VALUE, each with its columns.
/// let spans = [
///     (Positions::new(1, 1, 0, 0), 1),
///     (Positions::new(1, 1, 16, 17), 5),
///     (Positions::new(1, 1, 9, 17), 1),
/// ];
/// let table = encode(1, spans);
/// assert_eq!(table.len(), 6); // three short-form entries of two bytes
/// let decoded: Vec<Positions> = positions(&table, 1).collect();
/// assert_eq!(decoded.len(), 7);
/// assert_eq!(decoded[3], Positions::new(1, 1, 16, 17));
/// ```
pub fn encode(
    firstlineno: u32,
    instructions: impl IntoIterator<Item = (Positions, u32)>,
) -> Vec<u8> {
    let instructions = instructions.into_iter();
    let mut encoder = Encoder::new(firstlineno, instructions.size_hint().0);
    let mut current: Option<(Positions, u32)> = None;
    for (positions, size) in instructions {
        match &mut current {
            Some((p, n)) if *p == positions => *n += size,
            _ => {
                if let Some((p, n)) = current {
                    encoder.run(p, n);
                }
                current = Some((positions, size));
            }
        }
    }
    if let Some((p, n)) = current {
        encoder.run(p, n);
    }
    encoder.finish()
}

/// The encoder behind [`encode`], for a caller that already knows its runs: an assembler
/// that walks its instructions once, comparing their locations as it goes, hands each run
/// of code units sharing a location to [`Encoder::run`] with no list in between.
///
/// A run is written as given: two consecutive runs at the same positions make two entries
/// (where [`encode`] would have merged them), so the caller merges first.
///
/// ```
/// use pyrs_bytecode::linetable::{encode, Encoder, Positions};
///
/// let mut encoder = Encoder::new(1, 2);
/// encoder.run(Positions::line(1), 1);
/// encoder.run(Positions::new(1, 1, 16, 17), 6);
/// let table = encoder.finish();
/// assert_eq!(table, encode(1, [(Positions::line(1), 1), (Positions::new(1, 1, 16, 17), 6)]));
/// ```
#[derive(Debug)]
pub struct Encoder {
    writer: Writer,
}

impl Encoder {
    /// An encoder for a code object whose `co_firstlineno` is `firstlineno`, with room for
    /// about `runs` runs.
    pub fn new(firstlineno: u32, runs: usize) -> Encoder {
        Encoder {
            writer: Writer {
                // Most entries take two or three bytes.
                out: Vec::with_capacity(runs.max(8) * 3),
                line: i64::from(firstlineno),
            },
        }
    }

    /// The next `size` code units, all at `positions` (split into entries of at most 8).
    #[inline]
    pub fn run(&mut self, positions: Positions, size: u32) {
        self.writer.run(positions, size);
    }

    /// [`Encoder::run`] for positions as a compiler keeps them, `-1` standing for "none"
    /// (CPython's `_PyCompilerSrcLocation`): the run most instructions make — one line,
    /// both columns, at most 8 code units, in one of the two short forms — is written
    /// without building a [`Positions`] first.
    ///
    /// ```
    /// use pyrs_bytecode::linetable::{Encoder, Positions};
    ///
    /// let mut raw = Encoder::new(1, 2);
    /// raw.run_raw([1, 1, 4, 9], 2);
    /// raw.run_raw([-1, -1, -1, -1], 1);
    /// let mut plain = Encoder::new(1, 2);
    /// plain.run(Positions::new(1, 1, 4, 9), 2);
    /// plain.run(Positions::NONE, 1);
    /// assert_eq!(raw.finish(), plain.finish());
    /// ```
    // Always inlined: the compiler's assembler calls it for nearly every instruction it lays
    // out, from two places.
    #[inline(always)]
    pub fn run_raw(&mut self, [lineno, end_lineno, col, end_col]: [i32; 4], size: u32) {
        // Up to 16 code units (an instruction with its caches, such as `LOAD_ATTR`, takes
        // 10): one or two entries, the second on the line the first leaves current.
        // A missing column (-1) becomes a number no form below takes, so that it goes to the
        // general path with the rest.
        if lineno >= 0 && end_lineno == lineno && (1..=16).contains(&size) {
            let delta = i64::from(lineno) - self.writer.line;
            let head = |code: u32, length: u32| (0x80 | (code << 3) | (length - 1)) as u8;
            let (col, end_col) = (col as u32, end_col as u32);
            // (`end_col - col` wraps to a large number when `end_col < col`.)
            let width = end_col.wrapping_sub(col);
            let short = col < 80 && width < 16;
            let columns = (((col % 8) << 4) | width) as u8;
            let first = size.min(8);
            if delta == 0 && short {
                self.writer
                    .out
                    .extend_from_slice(&[head(col / 8, first), columns]);
            } else if (0..3).contains(&delta) && col < 128 && end_col < 128 {
                let code = u32::from(CODE_ONE_LINE0) + delta as u32;
                self.writer
                    .out
                    .extend_from_slice(&[head(code, first), col as u8, end_col as u8]);
                self.writer.line = i64::from(lineno);
            } else {
                return self
                    .run_raw_general([lineno, end_lineno, col as i32, end_col as i32], size);
            }
            if size > 8 {
                // The line is now current: the short form if the columns allow it, else the
                // one-line form (which the first entry then took).
                let rest = size - 8;
                if short {
                    self.writer
                        .out
                        .extend_from_slice(&[head(col / 8, rest), columns]);
                } else {
                    let code = u32::from(CODE_ONE_LINE0);
                    self.writer.out.extend_from_slice(&[
                        head(code, rest),
                        col as u8,
                        end_col as u8,
                    ]);
                }
            }
            return;
        }
        self.run_raw_general([lineno, end_lineno, col, end_col], size);
    }

    /// [`Encoder::run_raw`] for the runs the short forms do not cover.
    #[inline(never)]
    fn run_raw_general(&mut self, [lineno, end_lineno, col, end_col]: [i32; 4], size: u32) {
        let opt = |v: i32| u32::try_from(v).ok();
        let positions = Positions {
            lineno: opt(lineno),
            end_lineno: opt(end_lineno),
            col_offset: opt(col),
            end_col_offset: opt(end_col),
        };
        self.writer.run(positions, size);
    }

    /// The table.
    pub fn finish(self) -> Vec<u8> {
        self.writer.out
    }
}

#[derive(Debug)]
struct Writer {
    out: Vec<u8>,
    line: i64,
}

impl Writer {
    #[inline]
    fn run(&mut self, positions: Positions, mut size: u32) {
        while size > 8 {
            self.entry(positions, 8);
            size -= 8;
        }
        if size > 0 {
            self.entry(positions, size);
        }
    }

    fn start(&mut self, code: u8, length: u32) {
        self.out.push(0x80 | (code << 3) | (length - 1) as u8);
    }

    fn varint(&mut self, mut value: u64) {
        while value >= 64 {
            self.out.push(0x40 | (value & 63) as u8);
            value >>= 6;
        }
        self.out.push(value as u8);
    }

    fn svarint(&mut self, value: i64) {
        let unsigned = if value < 0 {
            (value.unsigned_abs() << 1) | 1
        } else {
            (value as u64) << 1
        };
        self.varint(unsigned);
    }

    /// One entry, with CPython's choice of form.
    fn entry(&mut self, p: Positions, length: u32) {
        let Some(line) = p.lineno else {
            self.start(CODE_NONE, length);
            return;
        };
        let line = i64::from(line);
        let delta = line - self.line;
        let end_line = p.end_lineno.map(i64::from);
        match (p.col_offset, p.end_col_offset) {
            (Some(col), Some(end_col)) if end_line == Some(line) => {
                // The two forms nearly every entry takes, each written as one piece.
                let first = |code: u8| 0x80 | (code << 3) | (length - 1) as u8;
                if delta == 0 && col < 80 && end_col >= col && end_col - col < 16 {
                    let columns = (((col % 8) << 4) | (end_col - col)) as u8;
                    self.out.extend_from_slice(&[first(col as u8 / 8), columns]);
                    return;
                }
                if (0..3).contains(&delta) && col < 128 && end_col < 128 {
                    self.out.extend_from_slice(&[
                        first(CODE_ONE_LINE0 + delta as u8),
                        col as u8,
                        end_col as u8,
                    ]);
                    self.line = line;
                    return;
                }
            }
            (Some(_), Some(_)) => {}
            _ if end_line.is_none() || end_line == Some(line) => {
                self.start(CODE_NO_COLUMNS, length);
                self.svarint(delta);
                self.line = line;
                return;
            }
            _ => {}
        }
        self.start(CODE_LONG, length);
        self.svarint(delta);
        self.varint(end_line.map_or(0, |end| (end - line).max(0) as u64));
        self.varint(p.col_offset.map_or(0, |c| u64::from(c) + 1));
        self.varint(p.end_col_offset.map_or(0, |c| u64::from(c) + 1));
        self.line = line;
    }
}

/// One decoded entry of a location table: `length` code units at these positions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Entry {
    /// Code units covered, 1 to 8.
    pub length: u32,
    /// Their positions.
    pub positions: Positions,
}

/// Iterator over the entries of a location table; see [`entries`].
#[derive(Clone, Debug)]
pub struct Entries<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: i64,
}

/// Decodes a location table entry by entry. `firstlineno` is the code object's
/// `co_firstlineno`. Decoding stops at the end of the table or at the first malformed entry
/// (a missing byte, a varint that does not end, a byte without the entry marker where an
/// entry should start); it never panics.
pub fn entries(linetable: &[u8], firstlineno: u32) -> Entries<'_> {
    Entries {
        bytes: linetable,
        pos: 0,
        line: i64::from(firstlineno),
    }
}

impl Entries<'_> {
    fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.pos)?;
        self.pos += 1;
        Some(b)
    }

    fn varint(&mut self) -> Option<u64> {
        let mut value = 0u64;
        let mut shift = 0;
        loop {
            let b = self.byte()?;
            if b & 0x80 != 0 || shift > 36 {
                return None;
            }
            value |= u64::from(b & 63) << shift;
            if b & 64 == 0 {
                return Some(value);
            }
            shift += 6;
        }
    }

    fn svarint(&mut self) -> Option<i64> {
        let u = self.varint()?;
        let magnitude = (u >> 1) as i64;
        Some(if u & 1 == 1 { -magnitude } else { magnitude })
    }

    fn decode(&mut self) -> Option<Entry> {
        let first = self.byte()?;
        if first & 0x80 == 0 {
            return None;
        }
        let code = (first >> 3) & 15;
        let length = u32::from(first & 7) + 1;
        let to_u32 = |v: i64| u32::try_from(v).ok();
        let positions = match code {
            CODE_NONE => Positions::NONE,
            CODE_LONG => {
                self.line = self.line.saturating_add(self.svarint()?);
                let end_line = self.line.saturating_add(self.varint()? as i64);
                let col = self.varint()?;
                let end_col = self.varint()?;
                Positions {
                    lineno: to_u32(self.line),
                    end_lineno: to_u32(end_line),
                    col_offset: col.checked_sub(1).and_then(|c| u32::try_from(c).ok()),
                    end_col_offset: end_col.checked_sub(1).and_then(|c| u32::try_from(c).ok()),
                }
            }
            CODE_NO_COLUMNS => {
                self.line = self.line.saturating_add(self.svarint()?);
                Positions {
                    lineno: to_u32(self.line),
                    end_lineno: to_u32(self.line),
                    col_offset: None,
                    end_col_offset: None,
                }
            }
            10..=12 => {
                self.line = self.line.saturating_add(i64::from(code - CODE_ONE_LINE0));
                let col = self.byte()?;
                let end_col = self.byte()?;
                if col & 0x80 != 0 || end_col & 0x80 != 0 {
                    return None;
                }
                Positions {
                    lineno: to_u32(self.line),
                    end_lineno: to_u32(self.line),
                    col_offset: Some(u32::from(col)),
                    end_col_offset: Some(u32::from(end_col)),
                }
            }
            _ => {
                debug_assert!(code <= CODE_SHORT_MAX);
                let second = self.byte()?;
                if second & 0x80 != 0 {
                    return None;
                }
                let col = u32::from(code) * 8 + u32::from((second >> 4) & 7);
                Positions {
                    lineno: to_u32(self.line),
                    end_lineno: to_u32(self.line),
                    col_offset: Some(col),
                    end_col_offset: Some(col + u32::from(second & 15)),
                }
            }
        };
        Some(Entry { length, positions })
    }
}

impl Iterator for Entries<'_> {
    type Item = Entry;

    fn next(&mut self) -> Option<Entry> {
        let entry = self.decode();
        if entry.is_none() {
            self.pos = self.bytes.len();
        }
        entry
    }
}

impl FusedIterator for Entries<'_> {}

/// A range of code units on one line, as `co_lines()` yields them (but in code units, where
/// `co_lines()` counts bytes: multiply by 2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct LineRange {
    /// First code unit.
    pub start: u32,
    /// Code unit after the last.
    pub end: u32,
    /// The line, `None` for code without one.
    pub line: Option<u32>,
}

/// The line ranges of a location table, as `co_lines()` gives them: consecutive entries on
/// the same line (or all without one) merge into one range.
pub fn lines(linetable: &[u8], firstlineno: u32) -> Vec<LineRange> {
    let mut out: Vec<LineRange> = Vec::new();
    let mut offset = 0u32;
    for entry in entries(linetable, firstlineno) {
        let end = offset.saturating_add(entry.length);
        let line = entry.positions.lineno;
        match out.last_mut() {
            Some(last) if last.line == line => last.end = end,
            _ => out.push(LineRange {
                start: offset,
                end,
                line,
            }),
        }
        offset = end;
    }
    out
}

/// The positions of each code unit, as `co_positions()` yields them: one item per code unit
/// the table covers (it may end before the code does).
pub fn positions(linetable: &[u8], firstlineno: u32) -> impl Iterator<Item = Positions> + '_ {
    entries(linetable, firstlineno)
        .flat_map(|entry| (0..entry.length).map(move |_| entry.positions))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_as_locations_md_gives_them() {
        let mut w = Writer {
            out: Vec::new(),
            line: 0,
        };
        w.varint(63);
        w.varint(200);
        assert_eq!(w.out, [0x3f, 0x48, 0x03]);
    }

    #[test]
    fn run_raw_writes_what_run_writes() {
        // Lines around the current one, columns at and past each form's limits, runs that
        // take one, two and three entries.
        let lines = [-1, 0, 1, 2, 3, 4, 7];
        let columns = [-1, 0, 5, 79, 80, 94, 95, 127, 128, 300];
        for line in lines {
            for end_line in [line, line + 1, -1] {
                for col in columns {
                    for end_col in columns {
                        for size in [0, 1, 8, 9, 10, 16, 17, 30] {
                            let raw = [line, end_line, col, end_col];
                            let opt = |v: i32| u32::try_from(v).ok();
                            let p = Positions {
                                lineno: opt(line),
                                end_lineno: opt(end_line),
                                col_offset: opt(col),
                                end_col_offset: opt(end_col),
                            };
                            let (mut a, mut b) = (Encoder::new(2, 4), Encoder::new(2, 4));
                            a.run_raw(raw, size);
                            a.run_raw(raw, size);
                            b.run(p, size);
                            b.run(p, size);
                            assert_eq!(a.finish(), b.finish(), "{raw:?} x {size}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn every_form_round_trips() {
        let spans = [
            (Positions::new(3, 3, 4, 9), 1),     // short
            (Positions::new(3, 3, 79, 94), 2),   // short, last column group
            (Positions::new(4, 4, 100, 120), 1), // one line, +1
            (Positions::new(6, 6, 0, 127), 3),   // one line, +2
            (Positions::line(20), 1),            // no columns, forward
            (Positions::line(2), 1),             // no columns, backward
            (Positions::new(2, 9, 5, 1), 12),    // long, split 8 + 4
            (Positions::new(2, 2, 130, 300), 1), // long: wide columns
            (Positions::NONE, 1),                // none
            (
                Positions {
                    end_lineno: None,
                    ..Positions::line(7)
                },
                1,
            ),
        ];
        let bytes = encode(3, spans);
        let decoded: Vec<Positions> = positions(&bytes, 3).collect();
        let mut expected = Vec::new();
        for (p, n) in spans {
            // A line whose end is unknown reads back as a one-line span without columns.
            let p = match (p.lineno, p.end_lineno) {
                (Some(line), None) => Positions::line(line),
                _ => p,
            };
            expected.extend((0..n).map(|_| p));
        }
        assert_eq!(decoded, expected);
    }

    #[test]
    fn malformed_tables_stop_quietly() {
        for bytes in [
            &[0x00][..],
            &[0xf0, 0x01],
            &[0xe8],
            &[0xf0, 0x40, 0x40],
            &[0x80],
        ] {
            let _ = positions(bytes, 1).count();
            let _ = lines(bytes, 1);
        }
        assert_eq!(positions(&[0x80], 1).count(), 0);
    }
}
