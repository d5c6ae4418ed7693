# Attribute reads and writes: instance dicts, slots, class attributes, properties.
class Point:
    scale = 3

    def __init__(self, x, y):
        self.x = x
        self.y = y


class Slotted:
    __slots__ = ("a", "b")

    def __init__(self):
        self.a = 1
        self.b = 2


class Temperature:
    def __init__(self):
        self._c = 0.0

    @property
    def celsius(self):
        return self._c

    @celsius.setter
    def celsius(self, value):
        self._c = value


p = Point(1, 2)
s = Slotted()
t = Temperature()
acc = 0
for i in range(2_000_000):
    p.x = p.y + i
    p.y = p.x - i + 1
    s.a, s.b = s.b, s.a
    acc += p.scale + s.a
    t.celsius = t.celsius + 0.5
print(p.x, p.y, acc, t.celsius)
