# __index__: used for sequence indexing, slicing, bin/hex/oct, range, operator.index.
import operator


class Two:
    def __index__(self):
        return 2


t = Two()
print([10, 20, 30][t], "abcd"[t:], bin(t), hex(t), oct(t), list(range(t)), operator.index(t), [1] * t)
print((1, 2, 3)[:Two()], "xy" * t, int(t) if hasattr(Two, "__int__") else int(t))
for bad in [1.5, "1"]:
    try:
        [1, 2][bad]
    except TypeError as e:
        print(type(e).__name__, e)


class BadIndex:
    def __index__(self):
        return "x"


try:
    [1][BadIndex()]
except TypeError as e:
    print(type(e).__name__, e)
