# Decorators: plain, with arguments, stacked (applied bottom-up), on classes, functools.wraps.
import functools


def trace(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        print("call", fn.__name__, args, kwargs)
        return fn(*args, **kwargs)
    return wrapper


def repeat(n):
    def deco(fn):
        def wrapper(*a):
            return [fn(*a) for _ in range(n)]
        return wrapper
    return deco


def tag(label):
    def deco(fn):
        print("decorating with", label)
        return fn
    return deco


@tag("outer")
@tag("inner")
@trace
def add(a, b=0):
    """Adds."""
    return a + b


@repeat(3)
def hello(name):
    return "hi " + name


print(add(1, b=2), add.__name__, add.__doc__, add.__wrapped__(5))
print(hello("x"))


def register(cls):
    cls.registered = True
    return cls


@register
class Thing:
    pass


print(Thing.registered)
