# dict views: live updates, set operations on keys and items, reversed, len, repr.
d = {"a": 1, "b": 2, "c": 3}
k, v, i = d.keys(), d.values(), d.items()
d["d"] = 4
print(k, v, i, len(k), "a" in k, 2 in v, ("a", 1) in i, ("a", 2) in i)
print(sorted(k & {"a", "z"}), sorted(k | {"z"}), sorted(k - {"a"}), sorted(k ^ {"a", "q"}))
print(sorted(i & {("a", 1), ("b", 5)}), k == {"a", "b", "c", "d"}, k.isdisjoint({"q"}))
print(list(reversed(d)), list(reversed(d.values())), list(reversed(d.items()))[0])
print(k.mapping == d, type(k).__name__, type(v).__name__, type(i).__name__)
print(v == v, d.values() == d.values())
