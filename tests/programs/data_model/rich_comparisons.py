# Rich comparisons: reflection (a < b tries b > a), == falls back to identity, != inverts ==.
class C:
    def __init__(self, v):
        self.v = v

    def __lt__(self, o):
        print("lt", self.v, getattr(o, "v", o))
        return NotImplemented

    def __gt__(self, o):
        print("gt", self.v, getattr(o, "v", o))
        return self.v > getattr(o, "v", o)

    def __eq__(self, o):
        return isinstance(o, C) and self.v == o.v


print(C(1) < C(2))
print(C(5) < 3 if False else 3 < C(5))
print(C(1) == C(1), C(1) != C(1), C(1) != C(2), C(1) == 1)
print(sorted([C(3), C(1), C(2)], key=lambda c: c.v)[0].v)


class NoOrder:
    pass


try:
    NoOrder() < NoOrder()
except TypeError as e:
    print(type(e).__name__, e)
try:
    NoOrder() >= 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    1 <= "a"
except TypeError as e:
    print(type(e).__name__, e)
