# f-strings: expressions, conversions, nested specs, = debugging, quotes and nesting (3.12+).
name, value, width = "pi", 3.14159265, 10
print(f"{name}={value:.3f}", f"{name!r:>{width}}", f"{value=}", f"{value = :.2f}", f"{name=!s}")
print(f"{'nested'}", f"{f'{1 + 1}'}", f"{[x * 2 for x in range(3)]}", f"{ {'a': 1}['a'] }")
items = {"k": [1, 2]}
print(f"{items["k"][1]}", f"{'\n'.join(['a', 'b'])!r}", f"{len(items):#x}")
print(f"{3.0:{'>'}{8}}", f"{-5:+}", f"{1_000_000:,}", f"{255:08b}", f"{'x':*^5}")
print(f"{value:g}", f"{1e-7:g}", f"{None}", f"{True:d}", f"{'{'}{'}'}", f"{{}}")
x = 10
print(f"{x if x > 5 else -x}", f"{(lambda y: y + 1)(x)}", f"{x:{'d'}}", f"{x!a}")
print(F"upper", rf"\n{x}", fr"{x}\t")
