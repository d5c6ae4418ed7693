# Expressions: names, constants and folding, operators, displays, calls, attributes, slices.
import os
import os.path as osp
from sys import argv as args, path

x = 1
y = -x + 2 * 3 ** 2 - (4 // 3) % 2
z = (1, 2, (3, 4)) + (5,)
big = 2 ** 64, -2 ** 63, 1 << 100, 10 ** 50
s = "a" "b" * 3 + "c"
b = b"x" * 4
c = 1j * 2 + 0.5
t = not (x is None)
u = not (x in (1, 2))
v = x in [1, 2, 3] and y not in {4, 5}
w = [1, 2, 3, x], {1: x, 2: y}, {"a": 1, "b": 2}, {x, y}, [], {}, ()
stars = [*args, x, *path], (*args,), {**os.environ, "k": 1}
f = print(x, y, sep="", *args, **os.environ)
g = os.getcwd(), osp.join("a", "b"), x.real.imag
sl = args[1:2], args[::2], args[x], args[1:2, 3]
args[0] = args[1:] = 3
del args[0], x
cond = 1 if y else 2
chain = 0 < y < 10 > x
walrus = (n := 10) + n
fmt = f"{x!r:>{y}} {z=} {s!s}" + "%s-%r %%" % (x, y)
lam = lambda a, b=2, *c, d=4, **e: a + b
aug = 0
aug += 1
aug **= 2
args.attr += 1
args[0] //= 2
args[1:2] |= 3
__debug__
