# object.__reduce_ex__, __reduce__ and __getstate__ (copyreg protocol 0/1 and __newobj__ for 2+),
# as copy.copy and copy.deepcopy use them.
import copy
class A: pass
a=A(); a.x=1
r = a.__reduce_ex__(2)
print(r[0].__name__, r[1:], a.__getstate__(), A().__getstate__())
print(a.__reduce_ex__(0)[1:], a.__reduce__()[1:])
print(object().__reduce_ex__(2)[1:], object().__getstate__())
class L(list): pass
l=L([1]); print(l.__reduce_ex__(2)[1:3], type(l.__reduce_ex__(2)[3]).__name__)
try: (lambda:0).__reduce_ex__(2)
except Exception as e: print(type(e).__name__, e)
class P:
    def __init__(self, a): self.a = a
    def __getnewargs__(self): return (self.a,)
print(P(3).__reduce_ex__(2)[1:3])
b = copy.copy(a); print(b.x, b is not a)
c = copy.deepcopy([a, {1: a}]); print(c[0].x, c[1][1] is c[0])
class R:
    def __reduce__(self): return (R, ())
print(R().__reduce_ex__(2))
