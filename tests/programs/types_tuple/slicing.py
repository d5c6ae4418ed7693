# tuple slicing: steps, negative steps, identity of the whole-tuple slice, zero step, index objects.
t = (1, "a", 2.5, None, 7)
print(t[::-1], t[::-2], t[3:0:-1], t[1::2], t[-2:], t[:100], t[100:], t[::3])
print(t[:] is t, t[0:5] is t, t[::1] is t, t[::-1] is t, t[1:] is t)


class I:
    def __index__(self):
        return 2


print(t[I():], t[:I()], t[::I()])
try:
    t[::0]
except ValueError as e:
    print(type(e).__name__, e)
try:
    t["a":]
except TypeError as e:
    print(type(e).__name__, e)


class T(tuple):
    pass


s = T((1, 2, 3))
print(type(s[:]).__name__, s[:] == s, type(s[::-1]).__name__)
