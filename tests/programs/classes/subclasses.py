# type.__subclasses__(): direct subclasses in the order they were made.
class A: pass
class B(A): pass
class C(A): pass
class D(B, C): pass
print(A.__subclasses__())
print(B.__subclasses__(), C.__subclasses__(), D.__subclasses__())

# A class made by type() and one made with a metaclass are recorded too.
E = type("E", (A,), {})
class Meta(type): pass
class F(A, metaclass=Meta): pass
print([c.__name__ for c in A.__subclasses__()])
print(type.__subclasses__(type) == [Meta] or Meta in type.__subclasses__(type))

# __init_subclass__ already sees the new class among its base's subclasses.
class Base:
    def __init_subclass__(cls, **kw):
        print("init_subclass", cls.__name__, cls in Base.__subclasses__())
class Child(Base): pass

# Each call returns a new list.
l1 = A.__subclasses__()
l1.clear()
print(len(A.__subclasses__()), A.__subclasses__() is A.__subclasses__())

# Built-in types know their built-in subclasses.
print(bool in int.__subclasses__(), int in object.__subclasses__())
print(all(issubclass(c, Exception) for c in Exception.__subclasses__()))

# Recursive walk, as ABCMeta does.
def walk(cls, depth=0):
    print("  " * depth + cls.__name__)
    for sub in cls.__subclasses__():
        walk(sub, depth + 1)
walk(A)

# The abstract base classes of io find their registered subclasses through it.
import io
print(issubclass(io.FileIO, io.IOBase), issubclass(io.BytesIO, io.BufferedIOBase))
print(issubclass(io.StringIO, io.IOBase), issubclass(int, io.IOBase))

for bad in [(), (1,)]:
    try:
        type.__subclasses__(*bad)
    except TypeError as e:
        print("TypeError", e)
try:
    A.__subclasses__(1)
except TypeError as e:
    print("TypeError", e)
