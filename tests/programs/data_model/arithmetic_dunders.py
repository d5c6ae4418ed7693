# Binary operator dunders are called with the right operands; NotImplemented falls back to reflected.
class V:
    def __init__(self, x):
        self.x = x

    def __repr__(self):
        return f"V({self.x})"

    def __add__(self, o):
        print("add", self, o)
        return V(self.x + o.x) if isinstance(o, V) else NotImplemented

    def __radd__(self, o):
        print("radd", self, o)
        return V(self.x + o)

    def __mul__(self, k):
        return V(self.x * k)

    def __rmul__(self, k):
        return V(k * self.x * 100)

    def __neg__(self):
        return V(-self.x)

    def __abs__(self):
        return abs(self.x)


print(V(1) + V(2), V(1) + 5 if False else 5 + V(1), V(2) * 3, 3 * V(2), -V(4), abs(V(-7)))
print(sum([V(1), V(2)], V(0)))
try:
    V(1) + "s"
except TypeError as e:
    print(type(e).__name__, e)
try:
    V(1) - V(2)
except TypeError as e:
    print(type(e).__name__, e)
