# match: literal, capture, wildcard, sequence, mapping, class and guard patterns.
class Point:
    __match_args__ = ("x", "y")

    def __init__(self, x, y):
        self.x, self.y = x, y


def describe(subject):
    match subject:
        case 0 | 1:
            return "zero or one"
        case int(n) if n < 0:
            return f"negative {n}"
        case str() as s:
            return f"string {s!r}"
        case [x, y]:
            return f"pair {x},{y}"
        case [first, *rest]:
            return f"list starting {first} with {len(rest)} more"
        case {"type": "user", "name": name}:
            return f"user {name}"
        case Point(0, y):
            return f"on y axis at {y}"
        case Point(x=x, y=y):
            return f"point {x},{y}"
        case None:
            return "none"
        case _:
            return "something else"


for s in [0, 1, -5, "hi", [1, 2], [1, 2, 3], (9,), {"type": "user", "name": "ann", "x": 1}, Point(0, 4), Point(1, 2), None, 3.5]:
    print(repr(s) if not isinstance(s, Point) else "Point", "->", describe(s))
