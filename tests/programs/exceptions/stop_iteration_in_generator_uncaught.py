# PEP 479: StopIteration raised inside a generator becomes RuntimeError, chained to it.
def gen():
    yield 1
    raise StopIteration("leaked")


for x in gen():
    print(x)
