# match statements and every pattern kind.
match command.split():
    case [action]:
        pass
    case [action, obj]:
        pass
    case Point(x=0, y=0) | Point(0, 0):
        pass
    case {"key": value, **rest}:
        pass
    case [1, 2, *others] if others:
        pass
    case (1 | 2 | 3) as num:
        pass
    case -1 | 1.5 | 2j | -1 + 2j | "s" | b"b" | None | True | False:
        pass
    case Color.RED:
        pass
    case _:
        pass
match x, y:
    case a, *_:
        pass
    case ():
        pass
    case []:
        pass
    case {}:
        pass
    case C():
        pass
match = 1
match(x)
match[0]
case = 2
print(match, case)
_ = 3
