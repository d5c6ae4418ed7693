# Comprehensions using closures over loop variables and outer names, and class-level iteration.
funcs = [lambda: i for i in range(3)]
print([f() for f in funcs])
funcs2 = [(lambda j: lambda: j)(i) for i in range(3)]
print([f() for f in funcs2])
n = 10
print([n + k for k in range(3)], {k: n for k in "ab"})
