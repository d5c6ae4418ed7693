# dict: insertion order, updates keep position, deletion and re-insertion, reprs.
d = {"b": 1, "a": 2}
d["c"] = 3
d["b"] = 10
print(d, list(d), len(d))
del d["b"]
d["b"] = 4
print(d, d.get("a"), d.get("zz"), d.get("zz", 0), "a" in d, 2 in d)
print(dict(a=1, b=2), dict([("x", 1), ("y", 2)]), dict({"k": 1}, k2=2), dict.fromkeys("ab"), dict.fromkeys([1, 2], 0))
print({1: "int", 1.0: "float", True: "bool"}, {(1, 2): [3]}, {})
try:
    d["missing"]
except KeyError as e:
    print(type(e).__name__, e)
try:
    {[]: 1}
except TypeError as e:
    print(type(e).__name__, e)
try:
    dict([(1, 2, 3)])
except ValueError as e:
    print(type(e).__name__, e)
