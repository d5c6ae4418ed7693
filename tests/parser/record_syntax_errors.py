"""Records the reference's syntax errors for the snippets of syntax_errors.txt.

    $(pyenv prefix 3.13.0)/bin/python3.13 tests/parser/record_syntax_errors.py [--extract]

syntax_errors.txt holds invalid programs, each after a line `=== NAME` (the source is the
lines up to the next `===` line, each ending with a newline). For each, this script runs the
reference's `compile(source, '<string>', 'exec')` and writes, to syntax_errors.expected, one line

    NAME<TAB>CLASS<TAB>LINENO<TAB>OFFSET<TAB>END_LINENO<TAB>END_OFFSET<TAB>MESSAGE

A snippet that `ast.parse` accepts is rejected by the compiler, not the parser (a `return`
outside a function, an assignment to `__debug__`); it is recorded with CLASS `compiler` and the
parser's table skips it.

With --extract, syntax_errors.txt is first rebuilt from the reference's own tests: the
doctests of Lib/test/test_syntax.py that expect a SyntaxError, the sources given to
`_check_error` in the same file, and those given to `check` in test_exceptions.py's
`testSyntaxErrorOffset`; then the snippets of handwritten_syntax_errors.txt (the `invalid_*`
rules of Grammar/python.gram that those tests do not reach) are appended.
"""
import ast
import doctest
import pathlib
import sys

assert sys.version_info[:3] == (3, 13, 0), "run with the reference, python3.13.0"
HERE = pathlib.Path(__file__).resolve().parent
TABLE = HERE / "syntax_errors.txt"
EXPECTED = HERE / "syntax_errors.expected"
HANDWRITTEN = HERE / "handwritten_syntax_errors.txt"
LIB = pathlib.Path(sys.prefix, "lib", "python3.13")


def read_table(path):
    snippets = []
    name, lines = None, []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if line.startswith("=== "):
            if name is not None:
                snippets.append((name, lines))
            name, lines = line[4:].strip(), []
        elif name is not None:
            lines.append(line)
    if name is not None:
        snippets.append((name, lines))
    out = []
    for name, lines in snippets:
        while lines and lines[-1] == "":
            lines.pop()
        out.append((name, "".join(l + "\n" for l in lines)))
    return out


def string_args(path, func, method=None):
    """Constant string first arguments of calls to `func` (inside `method`, if given)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots = [tree]
    if method:
        roots = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == method]
    found = []
    for root in roots:
        for node in ast.walk(root):
            if (isinstance(node, ast.Call) and node.args
                    and getattr(node.func, "attr", getattr(node.func, "id", None)) == func
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                found.append((node.lineno, node.args[0].value))
    return found


def extract():
    import test.test_syntax as ts
    blocks = []
    for ex in doctest.DocTestParser().get_examples(ts.__doc__):
        if "Error:" in ex.want and ("SyntaxError" in ex.want or "IndentationError" in ex.want):
            blocks.append((f"test_syntax.doctest.{ex.lineno + 1}", ex.source))
    for lineno, src in string_args(LIB / "test" / "test_syntax.py", "_check_error"):
        blocks.append((f"test_syntax.check_error.{lineno}", src))
    for lineno, src in string_args(LIB / "test" / "test_exceptions.py", "check", "testSyntaxErrorOffset"):
        blocks.append((f"test_exceptions.offset.{lineno}", src))
    blocks.extend(read_table(HANDWRITTEN))
    seen = set()
    text = ["# Invalid programs, one after each `=== NAME` line; written by record_syntax_errors.py --extract."]
    for name, src in blocks:
        if "\r" in src or "\x00" in src or "\f" in src or "=== " in src or src in seen:
            continue
        if not src.endswith("\n"):
            src += "\n"
        seen.add(src)
        text.append(f"=== {name}")
        text.append(src.rstrip("\n"))
    TABLE.write_text("\n".join(text) + "\n", encoding="utf-8")


def record():
    rows = []
    for name, src in read_table(TABLE):
        try:
            compile(src, "<string>", "exec")
        except (SyntaxError, MemoryError, RecursionError) as e:
            try:
                ast.parse(src)
                kind = "compiler"
            except (SyntaxError, MemoryError, RecursionError):
                kind = type(e).__name__
            msg = e.msg if isinstance(e, SyntaxError) else str(e)
            lineno, offset, end_lineno, end_offset = (
                (e.lineno, e.offset, e.end_lineno, e.end_offset) if isinstance(e, SyntaxError)
                else (None, None, None, None))
            fields = [name, kind, lineno, offset, end_lineno, end_offset, msg]
            rows.append("\t".join("None" if f is None else str(f) for f in fields))
        else:
            rows.append(f"{name}\tvalid\tNone\tNone\tNone\tNone\t")
    EXPECTED.write_text("\n".join(rows) + "\n", encoding="utf-8")
    parser_rows = [r for r in rows if r.split("\t")[1] not in ("compiler", "valid")]
    print(f"recorded {len(rows)} snippets, {len(parser_rows)} rejected by the parser")


if __name__ == "__main__":
    if "--extract" in sys.argv:
        extract()
    record()
