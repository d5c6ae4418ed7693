# Cycles through async generators, their awaitables and finalizer hooks are collected.
import gc
import sys
import weakref


class Marker:
    pass


async def agen(box):
    box.append(box)
    yield box


def cycle_through_asend():
    m = Marker()
    g = agen([m])
    aw = g.asend(None)
    m.aw = aw  # marker -> asend -> generator -> frame -> box -> marker
    m.g = g
    return weakref.ref(m), aw


r, aw = cycle_through_asend()
aw.close()
del aw
gc.collect()
print("asend cycle collected:", r() is None)

hooks_seen = []


def finalizer(g):
    hooks_seen.append(g.__name__)


sys.set_asyncgen_hooks(firstiter=None, finalizer=finalizer)


async def holder():
    yield 1


g = holder()
aw = g.__anext__()
try:
    aw.send(None)
except StopIteration as e:
    print("first value", e.value)
del aw
wr = weakref.ref(g)
del g
gc.collect()
print("finalizer called:", hooks_seen, "generator gone:", wr() is None)
sys.set_asyncgen_hooks(None, None)
