# A class whose base is a built-in type that takes weak references (type, set, frozenset)
# takes them too, even when its __slots__ leave out __weakref__; such a metaclass's classes
# are listed by __subclasses__() like any other.
import weakref

class Meta(type):
    __slots__ = ()

class A:
    pass

class B(A, metaclass=Meta):
    pass

print(A.__subclasses__(), weakref.ref(B)() is B)

for base in (set, frozenset):
    class T(base):
        __slots__ = ()
    t = T([1, 2])
    r = weakref.ref(t)
    print(base.__name__, r() is t, sorted(r()))
    del t
    print(r())
    try:
        class S(base):
            __slots__ = ("__weakref__",)
    except TypeError as e:
        print("TypeError", e)

class Plain:
    __slots__ = ()

try:
    weakref.ref(Plain())
except TypeError as e:
    print("TypeError", e)
