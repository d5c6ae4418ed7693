# A __hash__ that raises: dict and set operations propagate the error and stay usable.
class BadHash:
    def __hash__(self):
        raise RuntimeError("no hash for you")


d = {"ok": 1}
s = {1}
for op in [lambda: d.__setitem__(BadHash(), 1), lambda: d[BadHash()], lambda: BadHash() in d,
           lambda: s.add(BadHash()), lambda: BadHash() in s, lambda: {BadHash(): 1}, lambda: d.get(BadHash()),
           lambda: d.pop(BadHash(), None), lambda: frozenset([1, BadHash()])]:
    try:
        op()
    except RuntimeError as e:
        print(type(e).__name__, e)
print(d, s)
