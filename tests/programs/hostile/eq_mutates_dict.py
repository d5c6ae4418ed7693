# An __eq__ that mutates the dict being searched: lookups must not crash.
class Key:
    def __init__(self, victim, tag):
        self.victim = victim
        self.tag = tag

    def __hash__(self):
        return 7

    def __eq__(self, other):
        self.victim.clear()
        return False


d = {}
k1 = Key(d, 1)
d[k1] = "first"
k2 = Key(d, 2)
try:
    print(d.get(k2, "missing"))
    d[k2] = "second"
    print(len(d))
except RuntimeError as e:
    print(type(e).__name__, e)


class Grower:
    def __init__(self, victim):
        self.victim = victim

    def __hash__(self):
        return 3

    def __eq__(self, other):
        for i in range(100):
            self.victim[i + 1000] = i
        return False


e = {}
e[Grower(e)] = 1
try:
    print(Grower(e) in e)
except RuntimeError as err:
    print(type(err).__name__, err)
print(len(e) >= 1)
