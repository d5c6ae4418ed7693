# A descriptor used on an object of another type names both types by tp_name: the module of
# a native type is part of it, a class's own name is not.
import collections
import io


class Slotted:
    __slots__ = ("x",)


class Outer:
    class Inner:
        __slots__ = ("y",)


def attempt(label, f):
    try:
        f()
    except TypeError as e:
        print(label, "->", e)


for obj in (io.StringIO(), collections.deque(), 3, "s", b"b", Outer.Inner()):
    attempt("get x", lambda: Slotted.x.__get__(obj))
    attempt("set x", lambda: Slotted.x.__set__(obj, 1))
    attempt("del x", lambda: Slotted.x.__delete__(obj))

attempt("inner y", lambda: Outer.Inner.y.__get__(Slotted()))
print(repr(Slotted.x), repr(Outer.Inner.y))

attempt("deque.append", lambda: collections.deque.append(io.StringIO(), 1))
attempt("StringIO.write", lambda: io.StringIO.write(collections.deque(), "x"))
attempt("list.append", lambda: list.append((), 1))
attempt("str.upper", lambda: str.upper(Slotted()))
attempt("closed getset", lambda: io.StringIO.closed.__get__(collections.deque()))
attempt("maxlen getset", lambda: collections.deque.maxlen.__get__(io.BytesIO()))
