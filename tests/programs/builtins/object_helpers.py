# property, staticmethod, classmethod, super and object used as builtins directly.
class C:
    def _get(self):
        return 5

    value = property(_get, doc="the value")
    s = staticmethod(lambda: "static")
    c = classmethod(lambda cls: cls.__name__)


print(C().value, C.s(), C.c(), C.value.__doc__, C.value.fget is C._get, C.value.fset)
print(issubclass(C, object), object().__class__.__name__, super.__name__)
