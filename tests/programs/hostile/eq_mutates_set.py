# An __eq__ that mutates the set being searched.
class K:
    def __init__(self, s):
        self.s = s

    def __hash__(self):
        return 1

    def __eq__(self, other):
        self.s.clear()
        return True


s = set()
s.add(K(s))
try:
    print(K(s) in s)
except RuntimeError as e:
    print(type(e).__name__, e)
print(len(s) <= 1)
