# Functions, closures, classes, comprehensions, decorators, super(), annotations.
import functools


def outer(a, /, b, *args, c=1, **kw) -> int:
    """Docstring.

        Indented line.
    """
    x = a

    def inner(y: int = 2):
        nonlocal x
        x += y
        return x + b

    return inner


@functools.wraps
class C(Base, metaclass=Meta):
    """A class."""

    attr: int = 0
    other: str

    def __init__(self, v):
        super().__init__()
        self.v = v
        self.__private = v

    @property
    def value(self):
        return [self.v * i for i in range(3) if i]

    def method(self):
        return {k: v for k, v in self.__dict__.items()}, {i for i in self.v}

    @classmethod
    def make(cls):
        return (i for i in range(cls.attr))

    class Inner:
        x = [y for y in range(3)]


def counter():
    count = 0
    def bump(step=1):
        nonlocal count
        count += step
        return count
    return [bump() for _ in range(3)]


def gen_scope(xs):
    return [lambda: x for x in xs], sum(x * y for x in xs for y in xs)
