"""Write src/repr/nonprintable.rs: the code points for which `str.isprintable()` is false.

Run with the reference interpreter from the crate directory:

    $(pyenv prefix 3.13.0)/bin/python3.13 gen/nonprintable.py          # rewrite the table
    $(pyenv prefix 3.13.0)/bin/python3.13 gen/nonprintable.py --check  # exit 1 if it is stale

`repr(str)` escapes exactly these code points (CPython's Py_UNICODE_ISPRINTABLE: the general
categories Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs, except the space U+0020).
"""

import sys
import unicodedata
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "repr" / "nonprintable.rs"
PER_LINE = 4


def ranges():
    result = []
    start = None
    for cp in range(0x110000):
        printable = chr(cp).isprintable()
        if not printable and start is None:
            start = cp
        elif printable and start is not None:
            result.append((start, cp - 1))
            start = None
    if start is not None:
        result.append((start, 0x10FFFF))
    return result


def render():
    table = ranges()
    lines = [
        "//! Code points that `repr(str)` escapes, as sorted inclusive ranges (generated).",
        "//!",
        f"//! Recorded from CPython {sys.version.split()[0]}'s `str.isprintable` "
        f"(Unicode {unicodedata.unidata_version})",
        "//! by gen/nonprintable.py; do not edit by hand, rerun the script instead.",
        "",
        "/// Inclusive ranges of the code points for which `str.isprintable()` is false, sorted,",
        "/// disjoint and never adjacent.",
        "#[rustfmt::skip]",
        "pub(crate) static NON_PRINTABLE: &[(u32, u32)] = &[",
    ]
    for i in range(0, len(table), PER_LINE):
        row = table[i : i + PER_LINE]
        lines.append("    " + " ".join(f"(0x{a:05X}, 0x{b:05X})," for a, b in row))
    lines.append("];")
    return "\n".join(lines) + "\n"


def main():
    text = render()
    if "--check" in sys.argv[1:]:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print(f"{OUT} is stale: rerun gen/nonprintable.py", file=sys.stderr)
            sys.exit(1)
        print(f"{OUT} is current")
        return
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
