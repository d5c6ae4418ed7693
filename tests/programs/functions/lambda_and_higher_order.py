# Higher-order functions: passing, returning and composing functions; functools.partial and reduce.
import functools


def compose(*fns):
    def composed(x):
        for fn in reversed(fns):
            x = fn(x)
        return x
    return composed


inc = lambda x: x + 1
dbl = lambda x: x * 2
print(compose(inc, dbl)(5), compose(dbl, inc)(5), compose()(7))
p = functools.partial(pow, 2)
print(p(10), functools.reduce(lambda a, b: a * b, range(1, 6)), functools.reduce(lambda a, b: a + b, [], 0))
print(sorted(["bb", "a", "ccc"], key=len), max([1, -5, 3], key=abs), list(map(compose(str, dbl), [1, 2])))
