# Too many arguments to built-in constructors and functions: CPython's messages for each calling convention.
for expr in ["int(1,2,3)", "float(1,2)", "bool(1,2)", "tuple(1,2)", "list(1,2)", "str(1,2,3,4)", "bytes(1,2,3,4)",
             "complex(1,2,3)", "range()", "range(1,2,3,4)", "set(1,2)", "frozenset(1,2)", "dict(1,2)", "type(1,2)",
             "object(1)", "slice()", "enumerate()", "reversed()", "memoryview()", "bytearray(1,2,3,4)",
             "super(1,2,3)", "super(x=1)", "property(1,2,3,4,5)", "int(x=5)", "str(object=1, x=2)", "sorted([], 1)",
             "bytes(source=b'', encoding='a', errors='b', x=1)", "complex(real=1, imag=2, x=3)"]:
    try:
        eval(expr)
        print(expr, "ok")
    except TypeError as e:
        print(expr, "->", e)
