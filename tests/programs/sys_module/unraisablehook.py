# sys.unraisablehook: what failing __del__, generator finalizers and weakref callbacks report, a hook that fails, the default restored.
import sys
def hook(u):
    print("hook:", u.exc_type.__name__, u.exc_value, u.err_msg, type(u.object).__name__, type(u).__name__, u.exc_traceback is not None)
sys.unraisablehook = hook
class A:
    def __del__(self): raise ValueError("in del")
A()
def g():
    try: yield 1
    finally: raise KeyError("k")
it = g(); next(it); del it
import weakref
class B: pass
b = B(); r = weakref.ref(b, lambda r: 1/0); del b
class BadHook:
    def __call__(self, u):
        raise RuntimeError("hook fails")

    def __repr__(self):
        return "<BadHook>"


class Callback:
    def __call__(self, ref):
        raise ValueError("callback fails")

    def __repr__(self):
        return "<Callback>"


sys.unraisablehook = BadHook()
A()
sys.unraisablehook = sys.__unraisablehook__
b = B()
r = weakref.ref(b, Callback())
del b
print(sys.breakpointhook is sys.__breakpointhook__, "os" in sys.stdlib_module_names, type(sys.stdlib_module_names).__name__)
