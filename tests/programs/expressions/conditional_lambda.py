# Conditional expressions, lambdas with defaults and closures, precedence.
f = lambda x, y=2, *a, k=3, **kw: (x, y, a, k, kw)
print(f(1), f(1, 5, 6, k=0, z=9), (lambda: "no args")(), (lambda *a: a)(1, 2))
adders = [lambda x, i=i: x + i for i in range(3)]
late = [lambda x: x + i for i in range(3)]
print([g(10) for g in adders], [g(10) for g in late])
x = 7
print("big" if x > 5 else "small", 1 if False else 2 if False else 3, (lambda: 1 if x else 0)())
print(2 + 3 * 4 ** 2 // 5 - -1, -2 ** 2, (not 1) + 1, 1 + 2 < 4 and 5, 3 & 5 | 2 ^ 1, ~1 << 2)
print(f.__name__, (lambda: 0).__qualname__, f.__defaults__, f.__kwdefaults__)
