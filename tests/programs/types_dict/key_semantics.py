# Keys equal across types share a slot (1, 1.0, True); NaN keys; custom keys with __eq__/__hash__.
d = {}
d[1] = "int"
d[1.0] = "float"
d[True] = "bool"
print(d, len(d))
nan = float("nan")
e = {nan: 1}
e[nan] = 2
e[float("nan")] = 3
print(len(e), list(e.values()))


class Key:
    def __init__(self, name):
        self.name = name

    def __hash__(self):
        return hash(self.name.lower())

    def __eq__(self, other):
        return isinstance(other, Key) and self.name.lower() == other.name.lower()

    def __repr__(self):
        return f"Key({self.name!r})"


f = {Key("A"): 1}
f[Key("a")] = 2
print(f, Key("A") in f, Key("b") in f)
