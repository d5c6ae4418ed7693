# Mutating a list while sorting it: from the key function and from __lt__; no crash, ValueError.
data = list(range(50))


def key(x):
    if x == 25:
        data.append(-1)
        data.clear()
    return -x


try:
    data.sort(key=key)
except ValueError as e:
    print(type(e).__name__, e)
print(type(data).__name__, len(data) >= 0)


class Evil:
    def __init__(self, v, victim):
        self.v = v
        self.victim = victim

    def __lt__(self, other):
        self.victim.append(Evil(0, self.victim))
        return self.v < other.v


lst = []
lst.extend(Evil(i, lst) for i in range(10))
try:
    lst.sort()
except ValueError as e:
    print(type(e).__name__, e)
print(sorted(e.v for e in lst) == list(range(10)))
