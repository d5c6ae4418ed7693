# Weak references through _weakref: identity of the basic reference, callbacks and their
# order, hashing and equality, death when the last strong reference goes.
import _weakref


class A:
    def __init__(self, n):
        self.n = n

    def __repr__(self):
        return f"A({self.n})"

    def __hash__(self):
        return self.n

    def __eq__(self, other):
        return isinstance(other, A) and other.n == self.n


a = A(1)
r = _weakref.ref(a)
print(r() is a, _weakref.ref(a) is r, _weakref.getweakrefcount(a))
print(_weakref.ref is _weakref.ReferenceType, type(r).__name__, type(r).__module__)
r1 = _weakref.ref(a, lambda w: print("callback 1", w is r1, w()))
r2 = _weakref.ref(a, lambda w: print("callback 2", w is r2, w()))
r3 = _weakref.ref(a)
print(r3 is r, r1 is not r2, r1.__callback__ is not None, r.__callback__)
print(_weakref.getweakrefcount(a), _weakref.getweakrefs(a) == [r, r1, r2])
print(hash(r) == hash(a), r == r1, r1 == r2, r != r1)
print(r == _weakref.ref(A(1)), r == A(1))
del a
print("after del:", r(), r1(), r1.__callback__)
print(r == r1, r == r, r != r1)
print(hash(r) == 1)

b = A(2)
rb = _weakref.ref(b)
del b
try:
    hash(rb)
except TypeError as e:
    print("TypeError:", e)

for bad in [1, 2**80, "s", b"b", (), [], {}, 1.5, 1j, None, object(), range(3), True]:
    try:
        _weakref.ref(bad)
    except TypeError as e:
        print("TypeError:", e)


class I(int):
    pass


class T(tuple):
    pass


class L(list):
    pass


class D(dict):
    pass


class S(set):
    pass


class E(Exception):
    pass


for obj in [I(1), T(), L(), D(), S(), E(), {1}, frozenset(), len, print, A, int, type]:
    try:
        print(type(obj).__name__, _weakref.ref(obj)() is obj)
    except TypeError as e:
        print("TypeError:", e)


def f():
    pass


def g():
    yield 1


gen = g()
print(_weakref.ref(f)() is f, _weakref.ref(gen)() is gen)
m = A(5).__repr__
print(_weakref.ref(m)() is m)

for args in [(), (1, 2, 3)]:
    try:
        _weakref.ref(*args)
    except TypeError as e:
        print("TypeError:", e)
try:
    _weakref.ref(A(1), callback=None)
except TypeError as e:
    print("TypeError:", e)
try:
    r(1)
except TypeError as e:
    print("TypeError:", e)
print(r.__lt__(r), r.__eq__(1))
try:
    _weakref.getweakrefcount()
except TypeError as e:
    print("TypeError:", e)
print(_weakref.getweakrefcount(1), _weakref.getweakrefs("x"))
print(_weakref.ref[int])
