# __len__ results: must be non-negative ints; __index__ accepted; used by bool() and len().
class L:
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n


class Idx:
    def __index__(self):
        return 4


print(len(L(3)), bool(L(0)), len(L(Idx())) if False else "skip")
for n in [-1, "3", 2.0, 2 ** 70]:
    try:
        len(L(n))
    except (TypeError, ValueError, OverflowError) as e:
        print(repr(n), type(e).__name__, e)
try:
    len(5)
except TypeError as e:
    print(type(e).__name__, e)
print(len(L(True)))
