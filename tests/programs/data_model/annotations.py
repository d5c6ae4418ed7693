# __annotations__ on functions, classes and modules; annotation scopes of generic classes,
# functions and type aliases (PEP 695); evaluation order and errors.
from typing import get_type_hints

x: int = 1
y: "str"
print(__annotations__)


def f(a: int, b: "B" = None, *args: str, c: list[int], **kw: dict) -> None:
    pass


print(f.__annotations__)
f.__annotations__ = {"changed": 1}
print(f.__annotations__)
try:
    f.__annotations__ = 5
except TypeError as e:
    print("TypeError", e)
del f.__annotations__
print(f.__annotations__)


class C:
    a: int
    b: str = "b"
    print("in body", __annotations__)

    def method(self) -> "C":
        return self


print(C.__annotations__, "a" in C.__dict__, C.b)
print(get_type_hints(C.method))


class Sub(C):
    pass


print(Sub.__annotations__)


def order():
    print("evaluated in order")
    return int


def g(a: order(), b: order()) -> order():
    pass


class Generic[T, *Ts, **P]:
    attr: T
    def method[U](self, x: U, *args: *Ts) -> tuple[T, U]:
        return (x,)


print(Generic.__type_params__, Generic.method.__type_params__)
print(Generic.__annotations__, Generic.method.__annotations__)
type Alias[K] = dict[K, list[K]]
print(Alias.__value__, Alias.__type_params__, Alias[int])
type Lazy = Undefined
try:
    Lazy.__value__
except NameError as e:
    print("NameError", e)


def h():
    local: int = 5
    nope: str
    return local


print(h(), h.__annotations__)


class Scoped:
    T = "class attr"
    def m[T](self, x: T) -> T:
        return x


print(Scoped.m.__annotations__["x"].__name__)

# Class __annotations__: set, delete, built-in types.
class A:
    x: int
print(A.__annotations__)
A.__annotations__ = {"y": 1}
print(A.__annotations__)
del A.__annotations__
print(A.__annotations__, "__annotations__" in A.__dict__)
del A.__annotations__
try:
    del A.__annotations__
except AttributeError as e: print("AE", e)
try: int.__annotations__
except AttributeError as e: print("AE", e)
try: int.__annotations__ = {}
except TypeError as e: print("TE", e)
class B(A): pass
print(B.__annotations__, B().__annotations__ if hasattr(B(), "__annotations__") else "no")
