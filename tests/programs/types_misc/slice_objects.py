# slice objects: attributes, indices(), reprs, use in __getitem__.
s = slice(1, 10, 2)
print(s, s.start, s.stop, s.step, slice(5), slice(None), s.indices(6), slice(None, None, -1).indices(5))
print(slice(-3, None).indices(10), slice(0, 100, 3).indices(10), slice(1, 2) == slice(1, 2))


class Show:
    def __getitem__(self, key):
        return key


sh = Show()
print(sh[1:2], sh[::3], sh[1:2, 3], sh[..., 1:], sh[:], sh[-1])
try:
    slice(1, 2, 0).indices(5)
except ValueError as e:
    print(type(e).__name__, e)
try:
    hash(slice(1, 2)) == hash(slice(1, 2))
    print("hashable")
except TypeError as e:
    print(type(e).__name__, e)
