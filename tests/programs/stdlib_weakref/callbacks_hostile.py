# Hostile weak-reference callbacks: one that raises (reported, not propagated), one that
# keeps the dead reference alive, one that makes new references, and references that die
# before their referent.
import _weakref
import sys


class A:
    pass


class Divide:
    """A callback whose repr has no address, for the unraisable report."""

    def __call__(self, w):
        return 1 / 0

    def __repr__(self):
        return "<Divide callback>"


a = A()
r = _weakref.ref(a, Divide())
print("before")
del a
print("after: still running", r())

kept = []
b = A()
rb = _weakref.ref(b, kept.append)
del rb
del b
print(len(kept), kept[0]() if kept else "-", kept[0].__callback__ if kept else "-")

# A callback that tries to get at the dead object through other references.
c = A()
others = [_weakref.ref(c) for _ in range(3)]
rc = _weakref.ref(c, lambda w: print("others see", [o() for o in others]))
del c

# A callback that creates weak references to a new object and lets it die.
def spawn(w):
    tmp = A()
    _weakref.ref(tmp, lambda w2: print("inner callback ran"))
    print("spawned")


d = A()
rd = _weakref.ref(d, spawn)
del d

# References that die before the referent: their callbacks never run.
e = A()
refs = [_weakref.ref(e, lambda w, i=i: print("callback", i)) for i in range(4)]
del refs[1], refs[2]
print(_weakref.getweakrefcount(e))
del e

# Callbacks run newest first.
f = A()
order = [_weakref.ref(f, lambda w, i=i: print("order", i)) for i in range(3)]
del f

# __del__ runs before the weak references die, and sees them alive.
class WithDel:
    def __del__(self):
        print("__del__: ref alive", wref() is self)


w = WithDel()
wref = _weakref.ref(w, lambda x: print("callback after __del__", x()))
del w

# A callback that raises BaseException subclasses is still only reported.
class Boom(Exception):
    pass


class Raiser:
    def __call__(self, w):
        raise Boom("from callback")

    def __repr__(self):
        return "<Raiser callback>"


g = A()
rg = _weakref.ref(g, Raiser())
del g
print("end", file=sys.stderr)
