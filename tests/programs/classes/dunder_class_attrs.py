# __class__ assignment, __class__ cell, type checks after reassignment.
class A:
    def who(self):
        return "A"

    def cls(self):
        return __class__.__name__


class B:
    def who(self):
        return "B"


a = A()
print(a.who(), a.cls())
a.__class__ = B
print(a.who(), type(a).__name__, isinstance(a, A))
try:
    a.__class__ = int
except TypeError as e:
    print(type(e).__name__, e)
