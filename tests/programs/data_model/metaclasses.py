# Metaclasses: __prepare__ (dict subclasses and a hostile non-dict), __new__/__init__/__call__
# on both levels, keyword arguments, __init_subclass__, __mro_entries__, __class_getitem__,
# __instancecheck__/__subclasscheck__, dynamic type(name, bases, ns).
import collections


class Recording(dict):
    def __init__(self):
        super().__init__()
        self.order = []

    def __setitem__(self, key, value):
        self.order.append(key)
        super().__setitem__(key, value)


class Meta(type):
    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        print("prepare", mcls.__name__, name, [b.__name__ for b in bases], kw)
        return Recording()

    def __new__(mcls, name, bases, ns, **kw):
        print("new", name, [k for k in ns.order if not k.startswith("__")], kw)
        cls = super().__new__(mcls, name, bases, dict(ns))
        cls.flag = kw.get("flag")
        return cls

    def __init__(cls, name, bases, ns, **kw):
        print("init", name, type(ns).__name__)
        super().__init__(name, bases, ns)

    def __call__(cls, *args, **kwargs):
        print("call", cls.__name__, args, kwargs)
        return super().__call__(*args, **kwargs)


class A(metaclass=Meta, flag=7):
    x = 1

    def method(self):
        return "m"

    y = 2


print(A.flag, type(A).__name__, A().method())


class B(A, flag=None):
    def __init__(self, v):
        self.v = v


print(B(5).v, B.flag, B.__mro__[1].__name__)


# __prepare__ returning something that is not a dict.
class BadPrepare(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        return 42


try:
    class C(metaclass=BadPrepare):
        pass
except TypeError as e:
    print("TypeError", e)


# A mapping that is not a dict works for the class body.
class MappingPrepare(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        return collections.OrderedDict()

    def __new__(mcls, name, bases, ns):
        print(type(ns).__name__, list(ns))
        return super().__new__(mcls, name, bases, dict(ns))


class D(metaclass=MappingPrepare):
    a = 1
    b = 2


# __init_subclass__ with keywords, and errors for unexpected ones.
class Base:
    registry = []

    def __init_subclass__(cls, /, tag=None, **kw):
        super().__init_subclass__(**kw)
        cls.tag = tag
        Base.registry.append((cls.__name__, tag))


class E(Base, tag="e"):
    pass


class F(E):
    pass


print(Base.registry, F.tag)
try:
    class G(object, unknown=1):
        pass
except TypeError as e:
    print("TypeError", e)


# __mro_entries__.
class Fake:
    def __mro_entries__(self, bases):
        print("mro_entries", len(bases))
        return (Base,)


class H(Fake(), tag="h"):
    pass


print(H.__bases__, H.__orig_bases__[0].__class__.__name__, H.tag)


# __class_getitem__.
class Box:
    def __class_getitem__(cls, item):
        return f"Box[{item.__name__ if isinstance(item, type) else item}]"


print(Box[int], Box["x"])


# __instancecheck__ / __subclasscheck__.
class Duck(type):
    def __instancecheck__(cls, obj):
        return hasattr(obj, "quack")

    def __subclasscheck__(cls, sub):
        return hasattr(sub, "quack")


class Quacker(metaclass=Duck):
    pass


class Real:
    def quack(self):
        pass


print(isinstance(Real(), Quacker), isinstance(1, Quacker), issubclass(Real, Quacker), issubclass(int, Quacker))


# type() with three arguments, and its errors.
T = type("T", (Base,), {"z": 3, "__module__": "mod"}, tag="t")
print(T.__name__, T.__module__, T.z, T.tag, T.__qualname__)
for args in [("T",), ("T", (), {}, 1), (1, (), {}), ("T", [], {}), ("T", (), [])]:
    try:
        type(*args)
    except TypeError as e:
        print("TypeError", e)


# Metaclass conflict.
class M1(type):
    pass


class M2(type):
    pass


class P1(metaclass=M1):
    pass


class P2(metaclass=M2):
    pass


try:
    class Q(P1, P2):
        pass
except TypeError as e:
    print("TypeError", e)


# The most derived metaclass wins.
class M3(M1):
    pass


class P3(metaclass=M3):
    pass


class R(P1, P3):
    pass


print(type(R).__name__)
