# dict methods: setdefault, pop, popitem (LIFO), update forms, copy, clear, keys/values/items.
d = {"a": 1}
print(d.setdefault("a", 5), d.setdefault("b", 2), d.setdefault("c"), d)
print(d.pop("c"), d.pop("zz", "dflt"), d)
d.update({"x": 1}, y=2)
d.update([("z", 3)])
print(d, d.popitem(), d.popitem(), d)
c = d.copy()
c["a"] = 100
print(d, c)
c.clear()
print(c, list(d.keys()), list(d.values()), list(d.items()))
try:
    {}.popitem()
except KeyError as e:
    print(type(e).__name__, e)
try:
    {}.pop("k")
except KeyError as e:
    print(type(e).__name__, e)
try:
    d.update(5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    d.update([1])
except TypeError as e:
    print(type(e).__name__, e)
