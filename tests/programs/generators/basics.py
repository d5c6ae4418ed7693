# Generators: lazy execution, state between yields, StopIteration with a return value.
def gen():
    print("start")
    x = yield 1
    print("received", x)
    yield 2
    return "done"


g = gen()
print(type(g).__name__, "created")
print(next(g))
print(g.send("hello"))
try:
    next(g)
except StopIteration as e:
    print("StopIteration", e.value)
print(next(g, "exhausted"), list(gen()))
