# math's float functions: libm results to the last digit, special values, and the domain and
# range errors CPython raises for them.
import math


def show(label, f, *args):
    try:
        print(label, repr(f(*args)))
    except Exception as e:
        print(label, type(e).__name__, e)


for name in ["sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh",
             "asinh", "acosh", "atanh", "exp", "exp2", "expm1", "log", "log2", "log10",
             "log1p", "sqrt", "cbrt", "fabs", "erf", "erfc", "gamma", "lgamma"]:
    f = getattr(math, name)
    for x in [0.5, 2.0, -0.75, 27.0, 1e-10, 100.5]:
        show(f"{name}({x})", f, x)

print("-- special values")
inf, nan = math.inf, math.nan
for name in ["sin", "exp", "log", "sqrt", "atanh", "acosh", "gamma", "lgamma", "cosh", "expm1", "erf"]:
    f = getattr(math, name)
    for x in [inf, -inf, nan, 0.0, -0.0, -1.0, 1.0, 1000.0]:
        show(f"{name}({x})", f, x)

print("-- two arguments")
for x, y in [(1.0, 2.0), (-3.0, 2.0), (0.0, -0.0), (inf, 3.0), (3.0, inf), (-inf, -inf), (nan, 1.0), (5.0, 0.0), (0.0, 0.0)]:
    for name in ["atan2", "copysign", "fmod", "remainder", "pow"]:
        show(f"{name}({x}, {y})", getattr(math, name), x, y)
show("pow(0, -1)", math.pow, 0, -1)
show("pow(-8, 1/3)", math.pow, -8, 1 / 3)
show("pow(10, 400)", math.pow, 10, 400)
show("pow(2, 0.5)", math.pow, 2, 0.5)
show("fma", math.fma, 2.0, 3.0, 0.5)
show("fma inf*0", math.fma, inf, 0, 1)
show("fma overflow", math.fma, 1e308, 10, 0)
show("fma nan", math.fma, nan, 1, 1)

print("-- conversions and predicates")
for x in [0.0, -2.5, 8, 5e-324, 1e308, inf, nan, True]:
    show(f"frexp({x})", math.frexp, x)
    show(f"modf({x})", math.modf, x)
    show(f"isfinite({x})", math.isfinite, x)
    show(f"isinf({x})", math.isinf, x)
    show(f"isnan({x})", math.isnan, x)
for x, i in [(0.75, 3), (1.0, -1074), (1.0, -1075), (1.5, 1023), (1.0, 1024), (1.0, 2**70), (1.0, -2**70), (0.0, 2**70)]:
    show(f"ldexp({x}, {i})", math.ldexp, x, i)
show("ldexp float exponent", math.ldexp, 1.0, 1.5)
show("degrees", math.degrees, math.pi)
show("radians", math.radians, 180)
for a, b, kw in [(1.0, 1.0 + 1e-10, {}), (1.0, 1.1, {}), (0.0, 1e-10, {"abs_tol": 1e-9}), (inf, inf, {}), (inf, -inf, {}), (nan, nan, {}), (1, 2, {"rel_tol": 0.5})]:
    show(f"isclose({a}, {b}, {kw})", lambda: math.isclose(a, b, **kw))
show("isclose negative tolerance", lambda: math.isclose(1, 1, rel_tol=-1))
print("-- ulp and nextafter")
for x in [1.0, 0.0, -2.0, 1e308, 1.7976931348623157e308, 5e-324, inf, nan]:
    show(f"ulp({x})", math.ulp, x)
for x, y, steps in [(1.0, 2.0, None), (0.0, -1.0, None), (-0.0, 1.0, None), (1.0, 0.0, 3), (1.0, 2.0, 0), (-1.0, 1.0, 2**53), (0.0, 1.0, 10**30), (nan, 1.0, 2), (1.0, nan, 1), (2.0, 2.0, 5)]:
    if steps is None:
        show(f"nextafter({x}, {y})", math.nextafter, x, y)
    else:
        show(f"nextafter({x}, {y}, steps={steps})", lambda: math.nextafter(x, y, steps=steps))
show("nextafter negative steps", lambda: math.nextafter(1.0, 2.0, steps=-1))

print("-- constants")
print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan)
