# Every pattern kind: literals, captures, wildcards, values, groups, or-patterns, sequences
# (with star), mappings (with **rest), classes (positional and keyword), as-patterns, guards.
class Const:
    RED = "red"
    LIMIT = 10


class Point:
    __match_args__ = ("x", "y")

    def __init__(self, x, y):
        self.x, self.y = x, y


def check(subject):
    match subject:
        case None:
            return "None"
        case True:
            return "True"
        case False:
            return "False"
        case -1 | -2:
            return "minus one or two"
        case 1.5:
            return "one and a half"
        case 2 + 3j:
            return "complex"
        case b"bytes":
            return "bytes literal"
        case "a" "b":
            return "concatenated string"
        case Const.RED:
            return "value pattern"
        case (1, 2, 3):
            return "tuple of three"
        case [1, [2, 3], *_]:
            return "nested sequence"
        case [x, *middle, y] if len(middle) > 2:
            return f"long sequence {x}..{y} with {middle}"
        case (str() | bytes()) as text:
            return f"text {text!r}"
        case {"kind": "circle", "r": r, **rest}:
            return f"circle r={r} rest={rest}"
        case {1: one, 2: _}:
            return f"int keys {one}"
        case Point(x=0, y=0):
            return "origin"
        case Point(0 | 1 as px, y=py):
            return f"point near axis {px},{py}"
        case Point():
            return "some point"
        case int(n) | float(n) if n > Const.LIMIT:
            return f"big number {n}"
        case int() | float():
            return "small number"
        case [*_]:
            return "other sequence"
        case {}:
            return "other mapping"
        case _:
            return f"other {type(subject).__name__}"


subjects = [None, True, False, -1, -2, 1.5, 2 + 3j, b"bytes", "ab", "red", (1, 2, 3), [1, 2, 3],
            [1, [2, 3], 4], [1, 2, 3, 4, 5], "hello", b"xyz", {"kind": "circle", "r": 2, "c": 3},
            {1: "a", 2: "b", 3: "c"}, {1: "a"}, Point(0, 0), Point(1, 5), Point(7, 7), 11, 3.5,
            range(3), (), {"x": 1}, {1, 2}, object]
for s in subjects:
    print(repr(s) if not isinstance(s, Point) else f"Point({s.x}, {s.y})", "->", check(s))
