match command:
    case [action]:
        pass
    case [action, obj]:
        pass
    case Point(x=0, y=yy) | Point(x=yy, y=0):
        pass
    case {"k": value, **others}:
        pass
    case [first, *rest]:
        pass
    case [*_, last]:
        pass
    case str() as s if s:
        pass
    case Color.RED:
        pass
    case None | True:
        pass

def inside(v):
    match v:
        case (a, b) if a > b:
            return a
        case _:
            return captured
