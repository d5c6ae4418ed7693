# Keyword arguments: any order, mixing with positionals, **kwargs order preserved, dict unpacking twice.
def f(a, b, c=3, **rest):
    return a, b, c, list(rest.items())


print(f(c=1, b=2, a=3), f(1, c=9, b=2, z=0, y=1), f(**{"a": 1}, **{"b": 2, "q": 3}))
