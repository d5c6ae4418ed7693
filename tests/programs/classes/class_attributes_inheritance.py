# Class attribute lookup through the MRO, overriding at each level, and deleting overrides.
class A:
    x = "A.x"
    y = "A.y"


class B(A):
    x = "B.x"


class C(B):
    pass


c = C()
print(c.x, c.y, C.x)
B.y = "B.y"
print(c.y)
del B.x
print(c.x)
C.x = "C.x"
c.x = "instance"
print(c.x, C.x, B.x, A.x)
