# sys.getsizeof gives CPython's figures for the common built-in types (the GC header and
# pre-header included), and sys.getrefcount counts references.
import sys


class Plain:
    pass


class Slotted:
    __slots__ = ("a", "b")


class MyList(list):
    pass


class MyError(Exception):
    pass


values = [
    [], [1, 2, 3], [None] * 100, (), (1,), (1, 2, 3), {}, {"a": 1}, {i: i for i in range(10)},
    set(), {1, 2, 3}, set(range(100)), frozenset(), 0, 1, 2**30, 2**100, -5, 1.5, 1j,
    "", "a", "abc" * 10, b"", b"abc", bytearray(), bytearray(b"ab"), True, None,
    Plain(), Slotted(), MyList(), MyError(), ValueError(), range(10), object(),
    slice(1, 2), type, sys,
]
for v in values:
    print(type(v).__name__, sys.getsizeof(v))

grown = []
for i in range(10):
    grown.append(i)
print("appended list", sys.getsizeof(grown))
d = {}
for i in range(20):
    d[i] = i
print("grown dict", sys.getsizeof(d))
s = {}
for c in "abcdefghij":
    s[c] = 1
print("str-keyed dict", sys.getsizeof(s))

x = object()
print(sys.getrefcount(x))
held = [x, x, x]
print(sys.getrefcount(x))
del held
print(sys.getrefcount(x))
print(sys.getsizeof(1, "default"), sys.getsizeof(Plain(), None) > 0)
