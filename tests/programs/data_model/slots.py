# __slots__: no __dict__, fixed attributes, errors, inheritance adds a dict back.
class P:
    __slots__ = ("x", "y")

    def __init__(self):
        self.x = 1


p = P()
print(p.x, hasattr(p, "__dict__"), P.__slots__)
try:
    p.z = 3
except AttributeError as e:
    print(type(e).__name__, e)
try:
    p.y
except AttributeError as e:
    print(type(e).__name__, e)


class Q(P):
    pass


q = Q()
q.z = 5
print(q.z, q.__dict__)
try:
    class Conflict:
        __slots__ = ("a",)
        a = 1
except ValueError as e:
    print(type(e).__name__, e)
