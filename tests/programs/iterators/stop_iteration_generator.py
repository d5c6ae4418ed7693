# Iterator helpers: all/any/sum/min/max consume lazily; StopIteration inside a generator becomes RuntimeError.
print(all([]), any([]), all(x > 0 for x in [1, 2]), any(x > 1 for x in [1, 2]), sum([], 10))
consumed = []
print(any(consumed.append(x) or x > 2 for x in range(10)), consumed)


def gen():
    yield 1
    next(iter([]))


try:
    list(gen())
except RuntimeError as e:
    print(type(e).__name__, e, type(e.__cause__).__name__)
