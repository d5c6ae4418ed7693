# Simple and compound statements.
import a, b.c as d
from . import x
from ...pkg.mod import (y as z, w,)
from m import *
global g1, g2
x = y = z = 1
a, *b = c
[a, b], (c, d) = e
x: int = 1
(y): int
z.w: list[int]
x += 1; y -= 2;
del a, b[0], (c, d)
assert x, "msg"
raise
raise E from e
return_ = 1
if a:
    pass
elif b:
    pass
elif c:
    pass
else:
    pass
while x:
    break
else:
    continue_ = 1
for i, j in pairs:
    continue
else:
    pass
try:
    pass
except E as e:
    pass
except (A, B):
    pass
except:
    pass
else:
    pass
finally:
    pass
try:
    pass
except* E:
    pass
with a as b, c:
    pass
with (a as b, c as d,):
    pass
with (a, b) as c:
    pass
with (yield):
    pass
