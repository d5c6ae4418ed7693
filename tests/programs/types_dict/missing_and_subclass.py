# dict subclasses: __missing__, overridden __getitem__ ignored by get(), repr.
class Default(dict):
    def __missing__(self, key):
        self[key] = len(key)
        return self[key]


d = Default(a=1)
print(d["a"], d["hello"], d, d.get("zz"), "zz" in d, type(d).__name__)


class Upper(dict):
    def __getitem__(self, key):
        return super().__getitem__(key.upper())


u = Upper(A=1)
print(u["a"], u.get("a"), u, dict(u))


class Counter(dict):
    def __missing__(self, key):
        return 0


c = Counter()
for ch in "mississippi":
    c[ch] += 1
print(c)
