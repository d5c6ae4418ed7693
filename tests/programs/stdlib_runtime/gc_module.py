# The gc module's switches and settings (what does not depend on a collection running).
import gc

print(gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled())

print(gc.get_threshold())
gc.set_threshold(700)
print(gc.get_threshold())
gc.set_threshold(100, 5)
print(gc.get_threshold())
gc.set_threshold(-5, 0, 3)
print(gc.get_threshold())
gc.set_threshold(True, 2000, 10)
gc.set_threshold(2000, 10, 10)
print(gc.get_threshold())

print(gc.get_debug())
print(gc.DEBUG_STATS, gc.DEBUG_COLLECTABLE, gc.DEBUG_UNCOLLECTABLE, gc.DEBUG_SAVEALL, gc.DEBUG_LEAK)
gc.set_debug(gc.DEBUG_STATS | gc.DEBUG_COLLECTABLE)
print(gc.get_debug())
gc.set_debug(0)
print(gc.get_debug())

print(gc.get_freeze_count())
gc.unfreeze()
print(gc.get_freeze_count())
print(gc.garbage, type(gc.garbage).__name__)

def check(f, *args, **kwargs):
    try:
        print(f(*args, **kwargs))
    except Exception as e:
        print(type(e).__name__, e)

check(gc.set_threshold)
check(gc.set_threshold, 1, 2, 3, 4)
check(gc.set_threshold, "x")
check(gc.set_threshold, 1.5)
check(gc.set_threshold, 2**40)
check(gc.set_threshold, -2**40)
check(gc.set_threshold, threshold0=1)
check(gc.set_debug)
check(gc.set_debug, "x")
check(gc.set_debug, 1, 2)
check(gc.enable, 1)
check(gc.disable, 1)
check(gc.isenabled, 1)
check(gc.get_threshold, 1)
check(gc.get_debug, 1)
check(gc.freeze, 1)
check(gc.unfreeze, 1)
check(gc.get_freeze_count, 1)
check(gc.enable, x=1)
print(gc.get_threshold(), gc.get_debug(), gc.isenabled())
