# The standard library's weakref.py on top of _weakref: WeakValueDictionary,
# WeakKeyDictionary, WeakSet and WeakMethod, whose entries vanish with their objects.
import weakref


class Obj:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return f"Obj({self.name!r})"

    def method(self):
        return self.name


objs = [Obj(c) for c in "abcd"]
wvd = weakref.WeakValueDictionary()
for i, o in enumerate(objs):
    wvd[i] = o
print(len(wvd), sorted(wvd.keys()), wvd[2], wvd.get(9, "missing"))
del objs[1]
print(len(wvd), sorted(wvd.keys()), 1 in wvd)
objs.clear()
print(len(wvd), dict(wvd))

keys = [Obj(c) for c in "xyz"]
wkd = weakref.WeakKeyDictionary()
for i, k in enumerate(keys):
    wkd[k] = i
print(len(wkd), sorted(wkd.values()), wkd[keys[0]])
k = keys.pop()
print(len(wkd), k in wkd)
del k
print(len(wkd), sorted(v for v in wkd.values()))

s = weakref.WeakSet()
items = [Obj(i) for i in range(5)]
for it in items:
    s.add(it)
print(len(s), items[0] in s)
del items[:3]
print(len(s), sorted(o.name for o in s))
s2 = weakref.WeakSet(items)
print(s == s2, len(s | s2))

o = Obj("m")
wm = weakref.WeakMethod(o.method)
print(wm()(), wm() == o.method)
del o
print(wm())

r = weakref.ref(Obj("gone"))
print(r())
print(isinstance(r, weakref.ReferenceType), weakref.ref is weakref.ReferenceType)
p = weakref.proxy(Obj("p"))
print(isinstance(p, weakref.ProxyTypes))

v = Obj("kv")
kvd = weakref.WeakValueDictionary({"k": v})
print(kvd.setdefault("k", Obj("other")).name, kvd.pop("k").name, len(kvd))
