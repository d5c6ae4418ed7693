# weakref.finalize: runs once, when the object dies or when called; atexit handling.
import weakref


class Res:
    pass


def cleanup(tag, *, loud=False):
    print("cleanup", tag, loud)
    return tag


r = Res()
f = weakref.finalize(r, cleanup, "first", loud=True)
print(f.alive, f.atexit)
del r
print(f.alive, f(), f.detach(), f.peek())

r2 = Res()
f2 = weakref.finalize(r2, cleanup, "second")
print(f2() == "second", f2.alive, f2())
del r2

r3 = Res()
f3 = weakref.finalize(r3, cleanup, "third")
obj, func, args, kwargs = f3.peek()
print(obj is r3, func is cleanup, args, kwargs)
print(f3.detach()[2], f3.alive)
del r3

r4 = Res()
f4 = weakref.finalize(r4, cleanup, "at exit")
print("end of program")
