"""Module docstring."""
import os
from collections import OrderedDict as OD, defaultdict
from . import sibling

x = 1
y: int = 2
x += y * 3 - (x // 2) % 5 ** 2
del y
print(f"{x!r:>10} and {os.sep!s} {x:{y}}")
assert x, "message"
a, *b, c = range(5)
z = [1, 2, 3][1:2]
z[0:1] = [4]
w = {"k": 1, **{}}
if x is not None and x not in (1, 2) or not x:
    pass
elif x < 3 < 4:
    x = -x
else:
    x = ~x
global_value = lambda q, /, r=1, *, s=2: q + r + s


def empty():
    pass


def gen(n):
    yield n
    return (yield from range(n))
