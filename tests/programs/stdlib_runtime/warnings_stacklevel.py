# warnings.warn's stacklevel names the caller's line; sys._getframe's f_back chain reaches the
# module's frame.
import sys
import warnings

def deprecated():
    warnings.warn("old API", DeprecationWarning, stacklevel=2)

def caller():
    deprecated()

def depth():
    f = sys._getframe()
    names = []
    while f is not None:
        names.append(f.f_code.co_name)
        f = f.f_back
    return names

def outer():
    return depth()

print(outer())
print(sys._getframe(1).f_code.co_name if False else sys._getframe().f_back)
print(sys._getframe().f_code.co_name, sys._getframe().f_lineno)

with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    deprecated()
    caller()
    warnings.warn("here", UserWarning, stacklevel=1)
    warnings.warn("too far", UserWarning, stacklevel=5)
for x in w:
    print(x.category.__name__, x.message, x.filename.rsplit("/", 1)[-1], x.lineno)

# Shown by the default filters: a DeprecationWarning attributed to __main__.
deprecated()
caller()
deprecated()
