# __doc__ and __text_signature__ of builtin functions and classes; classes defined in Python.
for o in [len, abs, print, next, iter, sorted, __import__, object, int, str, list, tuple, bool, type, super, property, staticmethod, range, ValueError, KeyError, BaseException, slice]:
    print(o.__name__, repr(o.__doc__.splitlines()[0]), len(o.__doc__) > 20, o.__text_signature__)


class C:
    "A class."


def f():
    "A function."


class D:
    pass


print(C.__doc__, f.__doc__, D.__doc__, C.__text_signature__, C().__doc__)
print([].append.__doc__ is None or isinstance([].append.__doc__, str))
