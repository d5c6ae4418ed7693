# The object protocol under copy and copyreg: __reduce_ex__, __getstate__/__setstate__,
# __getnewargs__(_ex), __copy__/__deepcopy__, copyreg.pickle, slots and dict state.
import copy
import copyreg


class Plain:
    def __init__(self, a, b):
        self.a = a
        self.b = b

    def __repr__(self):
        return f"Plain({self.a!r}, {self.b!r})"


p = Plain([1, 2], {"k": "v"})
r = p.__reduce_ex__(2)
print(r[0].__name__, r[1][0].__name__, r[2])
print(object().__reduce_ex__(2)[0].__name__)
c = copy.copy(p)
d = copy.deepcopy(p)
print(c, d, c.a is p.a, d.a is p.a)
print(p.__getstate__())


class Slotted:
    __slots__ = ("x", "y")

    def __init__(self):
        self.x = 1


s = Slotted()
print(s.__getstate__(), copy.copy(s).x, hasattr(copy.copy(s), "y"))


class WithState:
    def __init__(self):
        self.secret = "s"
        self.keep = "k"

    def __getstate__(self):
        state = self.__dict__.copy()
        del state["secret"]
        return state

    def __setstate__(self, state):
        print("setstate", sorted(state))
        self.__dict__.update(state)
        self.secret = "restored"


w = copy.deepcopy(WithState())
print(w.keep, w.secret)


class NewArgs(int):
    def __new__(cls, value, label):
        obj = super().__new__(cls, value)
        obj.label = label
        return obj

    def __getnewargs__(self):
        return (int(self), self.label)


n = copy.copy(NewArgs(5, "five"))
print(n, n.label, type(n).__name__)


class NewArgsEx:
    def __new__(cls, *args, **kw):
        print("new", args, kw)
        return super().__new__(cls)

    def __getnewargs_ex__(self):
        return (1,), {"k": 2}


copy.copy(NewArgsEx())


class Custom:
    def __init__(self, v):
        self.v = v

    def __copy__(self):
        return Custom(self.v + 1)

    def __deepcopy__(self, memo):
        return Custom(self.v + 100)


print(copy.copy(Custom(1)).v, copy.deepcopy(Custom(1)).v)


class Registered:
    def __init__(self, v):
        self.v = v


copyreg.pickle(Registered, lambda r: (Registered, (r.v * 2,)))
print(copy.copy(Registered(21)).v)


class Reduced:
    def __reduce__(self):
        return (dict, ([("a", 1)],))


print(copy.copy(Reduced()), copy.deepcopy([Reduced(), Reduced()]))

# Cycles through deepcopy.
a = [1]
a.append(a)
b = copy.deepcopy(a)
print(b[1] is b, b is not a)
for bad in (2, -1):
    try:
        print(len(object().__reduce_ex__(bad)))
    except Exception as e:
        print(type(e).__name__, e)
print(copyreg.__newobj__.__name__, copyreg._reconstructor.__name__)
print(object().__reduce_ex__(1)[0] is copyreg._reconstructor, object().__reduce__()[0] is copyreg._reconstructor)
