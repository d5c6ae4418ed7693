# __slots__: member descriptors, mangling, __dict__ and __weakref__ slots, layout conflicts,
# errors, slots on built-in subclasses, and cells released with their instance.
class P:
    __slots__=('x','__y','__dict__')
print(P.x, list(P.__dict__.keys()), P._P__y, type(P.x))
class S: __slots__='a'
print(S.__slots__, hasattr(S(),'__weakref__'), hasattr(S(), '__dict__'))
try:
    class T(int): __slots__=('a',)
except TypeError as e: print(e)
try:
    class A: __slots__=('a',)
    class B: __slots__=('b',)
    class C(A,B): pass
except TypeError as e: print(e)
class A2(A): __slots__=('c',)
class D2(A2, A): pass
d2 = D2(); d2.a = 1; d2.c = 2; d2.z = 3
print(d2.a, d2.c, d2.z, d2.__dict__)
try:
    class D: __slots__=(1,)
except TypeError as e: print(e)
try:
    class D: __slots__=('1a',)
except TypeError as e: print(e)
s=S()
try: del s.a
except AttributeError as e: print(e)
s.a = [1]
print(s.a); del s.a
try: s.a
except AttributeError as e: print(e)
try: s.b = 1
except AttributeError as e: print(e)
try:
  class W3: __slots__=('__dict__','__dict__')
except TypeError as e: print(e)
class E(Exception): __slots__ = ('code',)
e = E("m"); e.code = 5; e.other = 1
print(e.code, e.other, e.args)
class L(list): __slots__ = ('tag',)
l = L([1, 2]); l.tag = "t"; print(l, l.tag)
try:
    P.x.__get__(5)
except TypeError as e: print(e)
class R:
    __slots__ = ('r',)
    def __del__(self): print("del R")
r = R(); r.r = R(); del r
