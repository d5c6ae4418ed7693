# The __weakref__ attribute of instances of classes defined in Python, and where classes get it.
import _weakref as weakref
class A: pass
class B(A): pass
print(sorted(A.__dict__), sorted(B.__dict__))
a = A()
print(a.__weakref__)
r = weakref.ref(a)
print(a.__weakref__ is r)
print(A.__weakref__.__name__, A.__weakref__.__objclass__ is A)
print(hasattr(1, '__weakref__'), hasattr(B(), '__weakref__'))


class S(set):
    pass


class L(list):
    pass


print("__weakref__" in S.__dict__, "__weakref__" in L.__dict__, L().__weakref__)
print(BaseException.args.__qualname__, int.real.__name__, int.real.__objclass__ is int)
