# The cycle collector through the gc module: cycles freed, __del__ run once (PEP 442),
# resurrection, weak reference callbacks, gc.callbacks, DEBUG_SAVEALL, freeze, referents.
import gc
import weakref


class Named:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("del", self.name)


# A two-object cycle with finalizers and a weak reference with a callback.
a = Named("a")
b = Named("b")
a.other = b
b.other = a
wr = weakref.ref(a, lambda r: print("callback: referent gone", r() is None))
del a, b
print("collected something:", gc.collect() > 0)
print("weakref dead:", wr() is None)
print("nothing left:", gc.collect() == 0)

# A list that contains itself, a dict that contains itself, a closure cycle.
l = []
l.append(l)
d = {}
d["self"] = d
def outer():
    def inner():
        return inner
    return inner
f = outer()
wf = weakref.ref(f)
del l, d, f
print("self-containers and closures:", gc.collect() >= 3, wf() is None)

# Resurrection: __del__ stores the object; it stays, and its __del__ never runs again.
saved = []
class Phoenix:
    def __del__(self):
        print("phoenix __del__")
        saved.append(self)
p = Phoenix()
p.me = p
del p
gc.collect()
print("resurrected:", len(saved), gc.is_finalized(saved[0]))
saved[0].me = None
saved.clear()
print("second death, no second __del__:", gc.collect() == 0)

# Weak references that are garbage themselves do not call back.
class Holder:
    pass
h = Holder()
h.me = h
h.ref = weakref.ref(h, lambda r: print("callback of a weakref that is garbage too"))
del h
gc.collect()
print("garbage weakref: no callback")

# gc.callbacks see the phases.
phases = []
def cb(phase, info):
    phases.append((phase, info["generation"], sorted(info)))
gc.callbacks.append(cb)
gc.collect()
gc.callbacks.remove(cb)
print(phases)

# DEBUG_SAVEALL keeps the garbage in gc.garbage.
gc.set_debug(gc.DEBUG_SAVEALL)
x = []
x.append(x)
xid = id(x)
del x
gc.collect()
print("saved:", any(id(o) == xid for o in gc.garbage))
gc.set_debug(0)
gc.garbage.clear()
gc.collect()

# Switches, thresholds, counts.
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled(), gc.get_threshold())
gc.set_threshold(500, 5, 5)
print(gc.get_threshold())
gc.set_threshold(2000, 10, 10)
print([type(n).__name__ for n in gc.get_count()])
for bad in (3, -1):
    try:
        gc.collect(bad)
    except ValueError as e:
        print("ValueError", e)

# Tracking.
print(gc.is_tracked(1), gc.is_tracked("s"), gc.is_tracked([]), gc.is_tracked({}),
      gc.is_tracked({"k": []}), gc.is_tracked(Holder()))
print(gc.is_finalized(Holder()))

# Referents and referrers.
inner = [1]
outer_list = [inner, "s"]
print(inner in gc.get_referents(outer_list))
print(any(r is outer_list for r in gc.get_referrers(inner)))
print(any(o is outer_list for o in gc.get_objects()))

# freeze moves everything to the permanent generation.
gc.freeze()
print("frozen:", gc.get_freeze_count() > 0)
gc.unfreeze()
print("unfrozen:", gc.get_freeze_count())
stats = gc.get_stats()
print(len(stats), sorted(stats[0]))
