# list repr: nested, self-containing lists print [...].
a = [1, "two", 3.0, None, [4, [5]]]
print(a, repr(a), str([]))
a.append(a)
print(a)
b = [a, [a]]
print(b)
d = {"k": []}
d["k"].append(d)
print(d)
