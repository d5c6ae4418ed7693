# Star unpacking in assignments, calls, list/tuple/set/dict displays.
first, *mid, last = range(6)
print(first, mid, last)
*init, tail = "ab"
print(init, tail)
a = [1, 2]
b = (3, 4)
print([*a, *b], (*a, 0), {*a, *b}, {**{"x": 1}, "y": 2, **{"x": 3}}, [*"hi", *range(2)])
print(*a, *b, sep="-")


def f(*args, **kwargs):
    return args, kwargs


print(f(*a, 5, *b, k=1, **{"m": 2}))
try:
    f(**{"k": 1}, k=2)
except TypeError as e:
    print(type(e).__name__, e)
try:
    f(**{1: 2})
except TypeError as e:
    print(type(e).__name__, e)
try:
    f(*5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    f(**[1])
except TypeError as e:
    print(type(e).__name__, e)
