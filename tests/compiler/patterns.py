# match statements: literals, captures, sequences, mappings, classes, or-patterns, guards.
def f(command):
    match command:
        case 0 | 1:
            return "small"
        case None:
            return None
        case [x, y, *rest] if x > y:
            return rest
        case (a, b):
            return a + b
        case {"action": action, **other}:
            return action, other
        case Point(x=0, y=yy) as p:
            return p, yy
        case str() | bytes():
            return "text"
        case [1, *_, 2]:
            return "ends"
        case _:
            return "other"
