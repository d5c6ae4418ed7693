# atexit: callbacks run last registered first after the program ends, unregister removes
# every registration of a function, an exception in a callback is reported and ignored.
import atexit
class C:
    def __repr__(self): return "<C>"
    def __call__(self, *a, **k): print("C called", a, k); raise ValueError("boom")
def f(x, y=2): print("f", x, y)
atexit.register(f, 1, y=3)
atexit.register(C(), 5)
r = atexit.register(print, "printed")
print(r is print, atexit._ncallbacks())
atexit.register(f, 9)
atexit.unregister(f)
print(atexit._ncallbacks())
try: atexit.register(1)
except TypeError as e: print(e)
try: atexit.register()
except TypeError as e: print(e)
print("end")
