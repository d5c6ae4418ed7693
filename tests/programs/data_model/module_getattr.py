# PEP 562: module __getattr__ and __dir__, and what dir() does on other objects.
import sys
import os
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "lib"))
import lazy_mod
from lazy_mod import computed

print(lazy_mod.visible, lazy_mod.computed, computed)
try:
    lazy_mod.nothing
except AttributeError as e:
    print("AttributeError", e)
try:
    from lazy_mod import nothing
except ImportError as e:
    print("ImportError", e)
print(dir(lazy_mod))
print(getattr(lazy_mod, "nope", "default"), hasattr(lazy_mod, "computed"))


class WithDir:
    def __dir__(self):
        return ["b", "a", "c"]


print(dir(WithDir()))


class BadDir:
    def __dir__(self):
        return 5


try:
    dir(BadDir())
except TypeError as e:
    print("TypeError", e)
import types
m = types.ModuleType("m", "doc")
print(dir(m), m.__doc__, repr(m))
m.__getattr__ = lambda name: name.upper()
print(m.anything)
