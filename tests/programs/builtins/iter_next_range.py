# iter with sentinel, next with default, aiter/anext existence, range in for loops.
it = iter([1, 2])
print(next(it), next(it), next(it, "done"))
counter = [0]


def tick():
    counter[0] += 1
    return counter[0]


print(list(iter(tick, 4)))
print(callable(aiter), callable(anext), [i for i in range(5, 0, -2)])
try:
    iter(tick, 1, 2)
except TypeError as e:
    print(type(e).__name__, e)
try:
    iter(5, 1)
except TypeError as e:
    print(type(e).__name__, e)
