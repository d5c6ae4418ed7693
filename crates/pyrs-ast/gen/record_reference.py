"""Record what the reference interpreter prints, as the test fixtures of pyrs-ast.

Run with CPython 3.13.0 from the crate directory:

    $(pyenv prefix 3.13.0)/bin/python3.13 gen/record_reference.py

It rewrites, under tests/fixtures/:
  ast_classes.txt   every abstract node class of `ast`: its `__doc__` (the ASDL line of each
                    constructor) and its `_attributes`, `?` marking those that may be None
  repr/*.txt        `repr()` of str, bytes, int, float and complex values, one case a line:
                    the input (hex code points, hex bytes, literal text, hex float bits) TAB repr
  dump/NAME.dump    `python3.13 -m ast -a -m MODE dump/NAME.py` for each fixture program, where
                    MODE is `eval`, `single` or `func_type` for NAME.eval.py, NAME.single.py,
                    NAME.func_type.py and `exec` otherwise
  dump_options/*    `ast.dump` of dump/assign.py's tree with the other options: the defaults,
                    `indent=0`, and `include_attributes=True` on one line
  visit/NAME.order  the class of every node `ast.NodeVisitor` visits in dump/NAME.py's tree,
                    in visiting order, one a line
  visit/NAME.changed.dump  the `-m ast -a` text of that tree after `ast.increment_lineno(tree, 10)`
                    and upper-casing every `Name.id`, for NAME in CHANGED
The tests compare pyrs-ast against these files; nothing in them is typed by hand.
"""

import ast
import math
import random
import struct
import subprocess
import sys
from pathlib import Path

CRATE = Path(__file__).resolve().parent.parent
FIXTURES = CRATE / "tests" / "fixtures"

# Classes that Lib/ast.py keeps only for backward compatibility; the parser never builds them.
DEPRECATED = {"slice", "Index", "ExtSlice", "Suite", "AugLoad", "AugStore", "Param",
              "Num", "Str", "Bytes", "NameConstant", "Ellipsis"}


def check_reference():
    if sys.version_info[:3] != (3, 13, 0):
        sys.exit(f"run this with CPython 3.13.0, not {sys.version.split()[0]}")


def write(path, lines):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    print(f"wrote {path.relative_to(CRATE)} ({len(lines)} lines)")


def record_classes():
    lines = []
    for cls in ast.AST.__subclasses__():
        if cls.__name__ in DEPRECATED:
            continue
        lines.extend(cls.__doc__.splitlines())
        if cls._attributes:
            attrs = []
            for name in cls._attributes:
                optional = getattr(cls, name, ...) is None
                attrs.append(f"int{'?' if optional else ''} {name}")
            lines.append(f"    attributes ({', '.join(attrs)})")
        lines.append("")
    write(FIXTURES / "ast_classes.txt", lines)


def nonprintable_ranges():
    ranges = []
    start = None
    for cp in range(0x110000):
        printable = chr(cp).isprintable()
        if not printable and start is None:
            start = cp
        elif printable and start is not None:
            ranges.append((start, cp - 1))
            start = None
    if start is not None:
        ranges.append((start, 0x10FFFF))
    return ranges


def record_str():
    cases = [
        "", "a", "abc", "'", '"', "'\"", "it's", 'say "hi"', "both ' and \" quotes",
        "''\"", "\\", "\\'", "\t\n\r", "tab\there", "\x00\x01\x1f\x7f", "\x80\x9f\xa0\xad\xff",
        "é", "naïve café", "日本語", "\u2028\u2029", "\u200b\u200d\ufeff", "\ud800", "\udfff",
        "\ud83d\ude00", "a\ud800b", "\U0001F600", "\U0010FFFF", "\ue000", "\U000F0000",
        "\u0378", "\u3000", "\u1680", "\U000E0001", "\U000E0100", "a\u0301", "\u00a0x",
        " ", "  spaces  ", "\x0b\x0c", "\x1b[0m", "Ω≈ç√∫", "\U0001D11E", "\ufffd", "\uffff",
        "\U00020000", "\U0003134A", "\U0003134B", "mixed 'single' and \"double\" \\ end",
    ]
    for cp in range(0x100):
        cases.append(chr(cp))
    for start, end in nonprintable_ranges():
        for cp in (start - 1, start, end, end + 1):
            if 0 <= cp <= 0x10FFFF:
                cases.append(chr(cp))
    seen = set()
    lines = []
    for s in cases:
        if s in seen:
            continue
        seen.add(s)
        lines.append(" ".join(f"{ord(c):x}" for c in s) + "\t" + repr(s))
    write(FIXTURES / "repr" / "str.txt", lines)


def record_bytes():
    cases = [b"", b"a", b"'", b'"', b"'\"", b"it's", b'"x"', b"\\", b"\t\n\r", b"abc\x00\xff",
             bytes(range(256))]
    cases.extend(bytes([b]) for b in range(256))
    lines = []
    for b in cases:
        lines.append(b.hex() + "\t" + repr(b))
    write(FIXTURES / "repr" / "bytes.txt", lines)


def record_int():
    literals = [
        "0", "00", "0_0", "000", "1", "7", "10", "1_000", "1_2_3", "123456789",
        "9223372036854775806", "9223372036854775807", "9223372036854775808",
        "18446744073709551615", "18446744073709551616", "1" + "0" * 40, "9" * 100,
        "12_345_678_901_234_567_890", "0x0", "0x7fffffffffffffff", "0x8000000000000000",
        "0xFFFF_FFFF_FFFF_FFFF_FFFF", "0X_ff", "0xdeadBEEF", "0o0", "0o777", "0O_17",
        "0b0", "0b1010", "0B1", "0b_1_0", "0b" + "1" * 200, "0x" + "f" * 300,
        "0o" + "7" * 100,
        # Not integer literals: the reference rejects them.
        "01", "0x", "0b", "0o", "1__0", "1_", "0x_", "0b2", "0o8", "0xg", "0_1", "1e5", "",
        "0b_", "00_1", "0__0",
    ]
    lines = []
    for text in literals:
        try:
            tree = ast.parse(text, mode="eval")
            node = tree.body
            ok = isinstance(node, ast.Constant) and type(node.value) is int
        except SyntaxError:
            ok = False
        lines.append(text + "\t" + (repr(node.value) if ok else "invalid"))
    for value in [-1, -5, -9223372036854775808, 9223372036854775807, -123456789, 42]:
        lines.append(f"{value}\t{value!r}")
    write(FIXTURES / "repr" / "int.txt", lines)


def bits(x):
    return struct.unpack("<Q", struct.pack("<d", x))[0]


def from_bits(b):
    return struct.unpack("<d", struct.pack("<Q", b))[0]


def next_up(x):
    return math.nextafter(x, math.inf)


def next_down(x):
    return math.nextafter(x, -math.inf)


def float_cases():
    values = [
        0.0, -0.0, math.inf, -math.inf, math.nan, -math.nan, 1.0, -1.0, 0.1, 0.2, 0.1 + 0.2,
        1 / 3, 2 / 3, 1.5, 100.0, 123.456, 1e15, 1e16, 9999999999999998.0, 1e17,
        123456789012345678.0, 1e22, 1e23, 1.5e300, 1e308, 1.7976931348623157e308, 5e-324,
        2.2250738585072014e-308, 2.225073858507201e-308, 1e-4, 1e-5, 0.0001234, 0.00001234,
        1e-7, 1e100, 12345678901234567890.0, 2.5, 0.5, 1e-323, 4.35, 0.3, 1234567.0,
        9007199254740993.0, 9007199254740992.0, 4503599627370496.5, 0.000123,
    ]
    for exp in range(-25, 26):
        x = float(f"1e{exp}")
        values.extend([x, next_up(x), next_down(x), 1.5 * x, 9.87654321 * x])
    rng = random.Random(313)
    for _ in range(2500):
        b = rng.getrandbits(64)
        x = from_bits(b)
        if math.isfinite(x):
            values.append(x)
    for _ in range(1500):
        digits = rng.randint(1, 17)
        mantissa = rng.randint(1, 10 ** digits - 1)
        values.append(float(f"{mantissa}e{rng.randint(-30, 30)}"))
    return values


def record_float():
    lines = []
    seen = set()
    for x in float_cases():
        b = bits(x)
        if b in seen:
            continue
        seen.add(b)
        lines.append(f"{b:016x}\t{x!r}")
    write(FIXTURES / "repr" / "float.txt", lines)


def record_complex():
    parts = [0.0, -0.0, 1.0, -1.0, 1.5, 2.5e-7, 1e-5, 1e16, 1e15, 123.25, math.inf, -math.inf,
             math.nan, -math.nan, 5e-324]
    lines = []
    for real in parts:
        for imag in parts:
            z = complex(real, imag)
            lines.append(f"{bits(real):016x} {bits(imag):016x}\t{z!r}")
    write(FIXTURES / "repr" / "complex.txt", lines)


def record_dumps():
    directory = FIXTURES / "dump"
    for source in sorted(directory.glob("*.py")):
        stem = source.name[: -len(".py")]
        mode = "exec"
        for candidate in ("eval", "single", "func_type"):
            if stem.endswith("." + candidate):
                mode = candidate
        result = subprocess.run(
            [sys.executable, "-m", "ast", "-a", "-m", mode, source.name],
            cwd=directory, capture_output=True, check=True,
        )
        target = directory / (stem + ".dump")
        target.write_bytes(result.stdout)
        print(f"wrote {target.relative_to(CRATE)} (mode {mode})")


def record_dump_options():
    directory = FIXTURES / "dump_options"
    directory.mkdir(exist_ok=True)
    source = (FIXTURES / "dump" / "assign.py").read_text(encoding="utf-8")
    tree = ast.parse(source, type_comments=True)
    variants = {
        "default": ast.dump(tree),
        "indent0": ast.dump(tree, indent=0),
        "attributes": ast.dump(tree, include_attributes=True),
        "load": ast.dump(ast.Load()),
    }
    for name, text in variants.items():
        (directory / f"assign.{name}.txt").write_text(text + "\n", encoding="utf-8")
        print(f"wrote {(directory / f'assign.{name}.txt').relative_to(CRATE)}")


CHANGED = ["functions", "patterns", "type_comments"]


class Order(ast.NodeVisitor):
    def __init__(self):
        self.classes = []

    def visit(self, node):
        self.classes.append(type(node).__name__)
        self.generic_visit(node)


def record_visits():
    directory = FIXTURES / "visit"
    directory.mkdir(exist_ok=True)
    for source in sorted((FIXTURES / "dump").glob("*.py")):
        stem = source.name[: -len(".py")]
        mode = "exec"
        for candidate in ("eval", "single", "func_type"):
            if stem.endswith("." + candidate):
                mode = candidate
        tree = ast.parse(source.read_bytes(), source.name, mode, type_comments=True)
        order = Order()
        order.visit(tree)
        write(directory / f"{stem}.order", order.classes)
        if stem in CHANGED:
            ast.increment_lineno(tree, 10)
            for node in ast.walk(tree):
                if isinstance(node, ast.Name):
                    node.id = node.id.upper()
            text = ast.dump(tree, include_attributes=True, indent=3)
            write(directory / f"{stem}.changed.dump", [text])


def main():
    check_reference()
    record_classes()
    record_str()
    record_bytes()
    record_int()
    record_float()
    record_complex()
    record_dumps()
    record_dump_options()
    record_visits()


if __name__ == "__main__":
    main()
