# Tuple unpacking patterns and a tuple subclass with named accessors.
class Point(tuple):
    def __new__(cls, x, y):
        return super().__new__(cls, (x, y))

    @property
    def x(self):
        return self[0]

    def __repr__(self):
        return f"Point(x={self[0]}, y={self[1]})"


p = Point(3, 4)
print(p, p.x, p[1], len(p), p + (5,), type(p + (5,)).__name__, p == (3, 4), hash(p) == hash((3, 4)))
a, (b, c), *rest = 1, (2, 3), 4, 5
print(a, b, c, rest)
first, *middle, last = "python"
print(first, middle, last)
