# Cycles through classes, metaclasses, __slots__ and dicts that become containers later.
import gc
import weakref


class K:
    pass


K.instance = K()
w = weakref.ref(K)
del K
print("class with an instance in its dict:", gc.collect() > 0, w() is None)


class Meta(type):
    pass


class M(metaclass=Meta):
    def method(self):
        return M


wm = weakref.ref(M)
del M
gc.collect()
print("class of a metaclass:", wm() is None)


class Slotted:
    __slots__ = ("a", "b", "__weakref__")


s1 = Slotted()
s2 = Slotted()
s1.a = s2
s2.b = s1
ws = weakref.ref(s1)
del s1, s2
print("__slots__ cycle:", gc.collect() > 0, ws() is None)

# A dict of plain values is not tracked; once it holds a container it is, and a cycle
# through it is found.
d = {"a": 1, "b": "two"}
gc.collect()
print(gc.is_tracked(d))
d["self"] = [d]
print(gc.is_tracked(d))


class Box:
    pass


box = Box()
d["box"] = box
wb = weakref.ref(box)
del d, box
print("dict that became a container:", gc.collect() > 0, wb() is None)

# Tuples of atomic values leave the collector's lists; tuples holding containers stay.
t = (1, "x", 2.5)
u = (1, [])
gc.collect()
print(gc.is_tracked(t), gc.is_tracked(u))

# Frames of suspended generators are traversed: a generator whose local refers to itself.
def gen():
    me = yield
    yield me


g = gen()
next(g)
g.send(g)
wg = weakref.ref(g)
del g
gc.collect()
print("generator holding itself:", wg() is None)
