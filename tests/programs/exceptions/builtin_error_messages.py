# CPython's messages for common built-in errors.
tests = [
    "int('abc')", "float('x')", "[].pop()", "{}.popitem()", "'abc'.index('z')", "[1, 2, 3][10]",
    "(1, 2)[5]", "'abc'[10]", "{'a': 1}['b']", "None.attr", "len(5)", "1 + '1'", "'1' + 1",
    "[1] * 'a'", "abs('x')", "int([])", "ord('')", "chr(-1)", "range(1, 2, 0)", "divmod(1, 0)",
    "import_nonexistent_module_xyz", "object().missing", "(lambda: 0)(1)", "iter(5)", "next(iter([]))",
    "'%d' % 'x'", "hash([])", "sorted([1, 'a'])", "min([])", "max()", "sum(['a', 'b'])", "dict(1)",
]
for t in tests:
    try:
        eval(t)
    except Exception as e:
        print(f"{t:<32} {type(e).__name__}: {e}")
