# __getitem__/__setitem__/__delitem__ with ints, slices, tuples and Ellipsis.
class Grid:
    def __init__(self):
        self.log = []

    def __getitem__(self, key):
        self.log.append(("get", key))
        return key

    def __setitem__(self, key, value):
        self.log.append(("set", key, value))

    def __delitem__(self, key):
        self.log.append(("del", key))


g = Grid()
g[1]
g[1:2]
g[::-1]
g[1, 2]
g[1:2, ::3]
g[...]
g["k"] = 5
g[0:1] = [9]
del g[2]
del g[:]
for entry in g.log:
    print(entry)


class ReadOnly:
    def __getitem__(self, k):
        return k


try:
    ReadOnly()[0] = 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    del ReadOnly()[0]
except TypeError as e:
    print(type(e).__name__, e)
try:
    object()[0]
except TypeError as e:
    print(type(e).__name__, e)
