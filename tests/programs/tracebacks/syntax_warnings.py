# SyntaxWarnings of the compiler (literals called, subscripted, compared with "is") and a runtime DeprecationWarning, printed as CPython prints them.
def f(x):
    return x is (), x is not 1.5, "a" is x, x is None, x is ..., x is True


def g():
    return [1, 2][(1, 2)], "abc"["x"], (1, 2)[1.0], {1}[0], (lambda: 1)[0], [1][1:2], (1, 2)[True]


def h():
    return (1)(2), [x for x in ()](1), f"{1}"(2), {}(), (1, 2)(), None()


print(f(1))
for i in range(3):
    print(bool(NotImplemented), not NotImplemented)
exec("y = 1 is 1\nz = 'a'(1) if False else 0")
code = compile("w = 2 is not 2", "<compiled>", "exec")
exec(code)
exec(code)
print(y, z, w)
