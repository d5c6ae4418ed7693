# fsum, prod, hypot, dist and sumprod (exact summation), and the argument errors of math's
# functions; ends with an uncaught domain error.
import math


def show(label, f, *args, **kwargs):
    try:
        print(label, repr(f(*args, **kwargs)))
    except Exception as e:
        print(label, type(e).__name__, e)


print(math.fsum([0.1] * 10), sum([0.1] * 10), math.fsum([1e-16, 1, 1e16]), math.fsum([]))
print(math.fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]), math.fsum(iter([1, 2.5, True])))
show("fsum overflow", math.fsum, [1e308, 1e308])
show("fsum inf", math.fsum, [math.inf, 1.0])
show("fsum inf - inf", math.fsum, [math.inf, -math.inf])
show("fsum nan", math.fsum, [math.nan, 1.0])
show("fsum str", math.fsum, ["a"])
show("fsum int", math.fsum, 1)

print(math.prod([]), math.prod([2, 3, 4]), math.prod([1.5, 2, 3]), math.prod(range(1, 30)))
print(math.prod([2, 3], start=10), math.prod(["ab"], start=1), math.prod([[1]], start=3))
show("prod str start", math.prod, ["a"], start="")
show("prod two positional", math.prod, [1, 2], 3)
show("prod no args", math.prod)

print(math.hypot(), math.hypot(3), math.hypot(3, 4), math.hypot(1, 2, 3), math.hypot(-3, 4.0))
print(math.hypot(1e-320, 1e-320), math.hypot(1e308, 1e308), math.hypot(math.inf, math.nan), math.hypot(math.nan, 1))
print(math.dist((1, 2), (4, 6)), math.dist([0, 0, 0], [1, 1, 1]), math.dist(iter([1.5]), (0,)))
show("dist lengths", math.dist, [1], [1, 2])
show("dist not iterable", math.dist, 1, [1])
show("hypot str", math.hypot, "a")

print(math.sumprod([1, 2, 3], [4, 5, 6]), math.sumprod([0.1] * 10, [1] * 10), math.sumprod([], []))
print(math.sumprod([1, 2**70], [3, 4]), math.sumprod([1.0, 2], [3, 4.5]), math.sumprod([True, 2], [3, 4]))
print(math.sumprod([0.1, 0.2, 0.3], [0.3, 0.2, 0.1]), math.sumprod([1, 2, 0.5], [3, 4, 0.25]))
print(math.sumprod([1e308, 1e308, -1e308], [1.0, 1.0, 1.0]), math.sumprod(["ab", "c"], [2, 1]) if False else "")
show("sumprod lengths", math.sumprod, [1], [1, 2])
show("sumprod str", math.sumprod, ["a", "b"], [2, 3])

print("-- argument errors")
show("sin()", math.sin)
show("sin(1, 2)", math.sin, 1, 2)
show("sin(x=1)", lambda: math.sin(x=1))
show("sin('x')", math.sin, "x")
show("sin(None)", math.sin, None)
show("atan2(1)", math.atan2, 1)
show("atan2(y=1, x=2)", lambda: math.atan2(y=1, x=2))
show("pow(1)", math.pow, 1)
show("fma(1, 2)", math.fma, 1, 2)
show("isclose(1)", math.isclose, 1)
show("isclose(1, 2, 3)", math.isclose, 1, 2, 3)
show("isclose(foo=1)", lambda: math.isclose(1, 2, foo=1))
show("nextafter(1)", math.nextafter, 1)
show("perm()", math.perm)
show("ldexp(1)", math.ldexp, 1)
show("floor()", math.floor)
show("hypot(x=1)", lambda: math.hypot(x=1))
show("sqrt(2**2000)", math.sqrt, 2**2000)
print(math.sqrt(2), math.sqrt(4), math.sqrt(10**200))
print(math.sin.__name__, math.__name__, "sqrt" in dir(math), len([n for n in dir(math) if not n.startswith("_")]))
print(math.sqrt(-1))
