# sys.exc_info and sys.exception inside and outside handlers, restored after nested handlers.
import sys
print(sys.exc_info(), sys.exception())
try:
    raise ValueError("outer")
except ValueError:
    print(sys.exc_info()[0].__name__, repr(sys.exception()))
    try:
        raise KeyError("inner")
    except KeyError:
        print(repr(sys.exception()))
    print(repr(sys.exception()))
print(sys.exception())


def gen():
    try:
        raise IndexError("in generator")
    except IndexError:
        yield repr(sys.exception())
    yield repr(sys.exception())


print(list(gen()))
