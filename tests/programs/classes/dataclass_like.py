# dataclasses: generated __init__, __repr__, __eq__, ordering, defaults, frozen instances.
from dataclasses import dataclass, field


@dataclass(order=True)
class Item:
    name: str
    price: float = 0.0
    tags: list = field(default_factory=list)


@dataclass(frozen=True)
class Point:
    x: int
    y: int


a = Item("apple", 1.5)
b = Item("apple", 1.5)
print(a, a == b, a < Item("banana"), sorted([Item("z"), Item("b", 2)]))
p = Point(1, 2)
print(p, hash(p) == hash(Point(1, 2)))
try:
    p.x = 5
except Exception as e:
    print(type(e).__name__, e)
try:
    Item()
except TypeError as e:
    print(type(e).__name__, e)
