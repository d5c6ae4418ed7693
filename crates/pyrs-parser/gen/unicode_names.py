"""Writes src/unicode_names.bin, the table behind `\\N{...}` escapes, from the reference's
unicodedata (python3.13, Unicode 15.1.0).

Run from crates/pyrs-parser:  $(pyenv prefix 3.13.0)/bin/python3.13 gen/unicode_names.py
With --check, only reports whether the committed file is current (exit status 1 if not).

Format (all integers little-endian):
  magic b"PYRSUN1\\0"
  u32 number of algorithmic ranges, then per range: u32 first, u32 last, u8 prefix length,
      prefix bytes (the name is PREFIX + the code point in upper-case hex, e.g.
      "CJK UNIFIED IDEOGRAPH-4E00")
  u32 number of names, u32 number of blocks, then per block the u32 offset of its first
      entry (from the start of the entries)
  the entries, sorted by name, in blocks of 32: u8 length of the prefix shared with the
      previous name (0 at a block's start), u8 length of the rest, the rest, and the code
      point in 3 bytes.
Lookups upper-case the name first, as CPython's do.
"""
import struct
import sys
import unicodedata
from pathlib import Path

assert sys.version_info[:3] == (3, 13, 0), "run with the reference, python3.13.0"
OUT = Path(__file__).resolve().parent.parent / "src" / "unicode_names.bin"
BLOCK = 32


def build() -> bytes:
    names = []
    ranges = {}  # prefix -> list of code points
    for cp in range(0x110000):
        name = unicodedata.name(chr(cp), None)
        if name is None:
            continue
        head, sep, tail = name.rpartition("-")
        if sep and tail == f"{cp:04X}" and head in (
            "CJK UNIFIED IDEOGRAPH",
            "CJK COMPATIBILITY IDEOGRAPH",
            "TANGUT IDEOGRAPH",
            "KHITAN SMALL SCRIPT CHARACTER",
            "NUSHU CHARACTER",
        ):
            ranges.setdefault(head + "-", []).append(cp)
            continue
        names.append((name.encode("ascii"), cp))
    out = bytearray(b"PYRSUN1\0")
    spans = []
    for prefix, cps in ranges.items():
        start = prev = cps[0]
        for cp in cps[1:]:
            if cp != prev + 1:
                spans.append((start, prev, prefix))
                start = cp
            prev = cp
        spans.append((start, prev, prefix))
    out += struct.pack("<I", len(spans))
    for first, last, prefix in spans:
        p = prefix.encode("ascii")
        out += struct.pack("<IIB", first, last, len(p)) + p
    names.sort()
    entries = bytearray()
    offsets = []
    prev = b""
    for i, (name, cp) in enumerate(names):
        if i % BLOCK == 0:
            offsets.append(len(entries))
            shared = 0
        else:
            shared = 0
            while shared < min(len(prev), len(name), 255) and prev[shared] == name[shared]:
                shared += 1
        rest = name[shared:]
        assert len(rest) < 256
        entries += bytes([shared, len(rest)]) + rest + cp.to_bytes(3, "little")
        prev = name
    out += struct.pack("<II", len(names), len(offsets))
    for off in offsets:
        out += struct.pack("<I", off)
    out += entries
    return bytes(out)


def main() -> int:
    data = build()
    if "--check" in sys.argv:
        current = OUT.exists() and OUT.read_bytes() == data
        print("unicode_names.bin is", "current" if current else "out of date")
        return 0 if current else 1
    OUT.write_bytes(data)
    print(f"wrote {OUT} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
