# yield from: delegation of values, send and throw, and the subgenerator's return value.
def inner():
    received = yield "inner 1"
    print("inner got", received)
    yield "inner 2"
    return "inner result"


def outer():
    result = yield from inner()
    print("outer got", result)
    yield from [10, 20]
    yield from range(2)


g = outer()
print(next(g), g.send("x"), next(g), next(g), next(g), next(g), next(g, "end"))


def thrower():
    try:
        yield 1
    except KeyError:
        yield "caught in inner"


def delegate():
    yield from thrower()


d = delegate()
next(d)
print(d.throw(KeyError))
