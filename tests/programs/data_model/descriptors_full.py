# Descriptors: __set_name__, data vs non-data precedence, __delete__, descriptors on the
# metaclass, property with setter/deleter/docs, classmethod/staticmethod objects,
# functools wrappers with __wrapped__ and function __dict__.
import functools


class Field:
    def __set_name__(self, owner, name):
        print("set_name", owner.__name__, name)
        self.name = "_" + name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.name, "unset")

    def __set__(self, obj, value):
        setattr(obj, self.name, value)

    def __delete__(self, obj):
        print("delete", self.name)
        delattr(obj, self.name)


class NonData:
    def __get__(self, obj, objtype=None):
        return "non-data"


class Model:
    a = Field()
    b = Field()
    nd = NonData()


m = Model()
print(m.a, type(Model.a).__name__)
m.a = 5
print(m.a, m.__dict__)
del m.a
print(m.a)
m.__dict__["nd"] = "instance wins"
m.__dict__["b"] = "dict loses"
print(m.nd, m.b)


class BadSetName:
    def __set_name__(self, owner, name):
        raise ValueError("no")


try:
    class X:
        attr = BadSetName()
except ValueError as e:
    print(type(e).__name__, e, e.__notes__ if hasattr(e, "__notes__") else None)


class Temp:
    def __init__(self):
        self._c = 0

    @property
    def celsius(self):
        """The temperature."""
        return self._c

    @celsius.setter
    def celsius(self, v):
        if v < -273.15:
            raise ValueError("too cold")
        self._c = v

    @celsius.deleter
    def celsius(self):
        print("deleting")
        self._c = 0


t = Temp()
t.celsius = 30
print(t.celsius, Temp.celsius.__doc__)
del t.celsius
try:
    t.celsius = -300
except ValueError as e:
    print("ValueError", e)
ro = property(lambda self: 1)


class RO:
    x = ro


try:
    RO().x = 2
except AttributeError as e:
    print("AttributeError", e)
try:
    del RO().x
except AttributeError as e:
    print("AttributeError", e)


class Meta(type):
    @property
    def meta_prop(cls):
        return f"meta_prop of {cls.__name__}"


class WithMeta(metaclass=Meta):
    pass


print(WithMeta.meta_prop, hasattr(WithMeta(), "meta_prop"))

cm = classmethod(lambda cls: cls.__name__)
sm = staticmethod(lambda: "static")


class Holder:
    c = cm
    s = sm


print(Holder.c(), Holder().s(), cm.__func__.__name__, sm.__wrapped__.__name__, isinstance(Holder.__dict__["s"], staticmethod))
print(callable(sm), sm())


def deco(f):
    @functools.wraps(f)
    def wrapper(*a, **k):
        return f(*a, **k) * 2
    wrapper.calls = 0
    return wrapper


@deco
def double(x):
    """Doc of double."""
    return x


print(double(4), double.__name__, double.__doc__, double.__wrapped__(4), double.calls, sorted(double.__dict__))
double.__dict__["extra"] = 1
print(double.extra, vars(double)["calls"])


class Cached:
    @functools.cached_property
    def value(self):
        print("computing")
        return 42


c = Cached()
print(c.value, c.value, "value" in c.__dict__)


class Partial:
    m = functools.partialmethod(lambda self, a, b: (a, b), 1)


print(Partial().m(2))
print(functools.singledispatch(lambda x: "default").__class__.__name__)
