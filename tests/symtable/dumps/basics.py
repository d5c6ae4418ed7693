import os, os.path as osp
import xml.dom.minidom
from collections import OrderedDict as OD, deque
x = 1
y: int = 2
z: "str"
(w): int = 3
a.b: int
c[0]: int = 4
del x
print(x, y)
for i, (j, *k) in enumerate([]):
    pass
else:
    m = 1
while n := 0:
    break
with open(p) as (f1, f2), g:
    pass
try:
    pass
except ValueError as err:
    pass
try:
    pass
except* (TypeError, KeyError) as eg:
    pass
finally:
    q = {k1: v1 for k1, v1 in d.items()}
aug += 1
assert cond, msg
raise exc from cause
s = f"{val!r:{width}.{prec}} {nested:>{w2}}"
t = {kk: vv, **rest}
u = [*it, *it2]
v = lambda p1, /, p2=dflt, *args, kw=kwdflt, **kwargs: p1
