# weakref proxies: operations forwarded to the referent, ReferenceError once it died,
# callable proxies, unhashability.
import _weakref


class Num:
    def __init__(self, v):
        self.v = v
        self.items = [1, 2, 3]

    def __add__(self, other):
        return Num(self.v + (other.v if isinstance(other, Num) else other))

    def __radd__(self, other):
        return Num(other + self.v)

    def __iadd__(self, other):
        self.v += other
        return self

    def __neg__(self):
        return Num(-self.v)

    def __eq__(self, other):
        return isinstance(other, Num) and self.v == other.v

    def __lt__(self, other):
        return self.v < other.v

    def __len__(self):
        return self.v

    def __getitem__(self, i):
        return self.items[i]

    def __setitem__(self, i, x):
        self.items[i] = x

    def __contains__(self, x):
        return x in self.items

    def __iter__(self):
        return iter(self.items)

    def __bool__(self):
        return self.v != 0

    def __index__(self):
        return self.v

    def __str__(self):
        return f"Num {self.v}"

    def __call__(self, *args, **kw):
        return ("called", args, kw)

    def method(self):
        return self.v * 10


class Plain:
    def __init__(self):
        self.x = 1

    def __iter__(self):
        return self


n = Num(3)
p = _weakref.proxy(n)
print(type(p).__name__, p.v, p.method(), str(p), len(p), p[0], 2 in p, list(p))
print((p + 1).v, (1 + p).v, (-p).v, p == Num(3), p < Num(4), bool(p), [10, 20, 30, 40][p])
p.w = 7
print(n.w, p.__class__.__name__)
p[0] = 99
print(n.items)
del p.w
print(hasattr(n, "w"))
q = p
q += 5
print(type(q).__name__, q.v, n.v)
print(p(1, k=2))
print(_weakref.proxy(n) is p, _weakref.getweakrefcount(n))
try:
    hash(p)
except TypeError as e:
    print("TypeError:", e)
pl = Plain()
pp = _weakref.proxy(pl)
print(type(pp).__name__)
try:
    next(pp)
except TypeError as e:
    print("TypeError:", e)
print(callable(pp), callable(p))

called = []
cp = _weakref.proxy(n, lambda w: called.append(w is cp))
del n
print(called)
for op in [lambda: p.v, lambda: p + 1, lambda: len(p), lambda: str(p), lambda: p(), lambda: bool(p)]:
    try:
        op()
    except ReferenceError as e:
        print("ReferenceError:", e)
try:
    _weakref.proxy(3)
except TypeError as e:
    print("TypeError:", e)
try:
    _weakref.proxy()
except TypeError as e:
    print("TypeError:", e)
