# return and exceptions inside generators with try/finally; generator as a context for cleanup.
def g():
    try:
        yield 1
        yield 2
    finally:
        print("finally in generator")


for x in g():
    print(x)
    break
print("after break")
it = g()
next(it)
del it
print("after del")


def raises():
    yield 1
    raise ValueError("inside generator")


try:
    for v in raises():
        print(v)
except ValueError as e:
    print(type(e).__name__, e)
