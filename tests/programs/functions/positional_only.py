# Positional-only parameters (/) and their TypeErrors; names still usable in **kwargs.
def f(a, b, /, c, *, d):
    return a, b, c, d


print(f(1, 2, 3, d=4), f(1, 2, c=3, d=4))
for call in ["f(a=1, b=2, c=3, d=4)", "f(1, b=2, c=3, d=4)", "f(1, 2, 3, 4)", "f(1, 2, 3)", "f(1, 2, d=4)"]:
    try:
        eval(call)
    except TypeError as e:
        print(call, "->", e)


def g(a, /, **kwargs):
    return a, kwargs


print(g(1, a=2))
print(len("abc"), divmod(7, 2))
try:
    len(obj="abc")
except TypeError as e:
    print(type(e).__name__, e)
