# list(): from iterables of every kind; iterator exhaustion; errors.
print(list(), list("ab"), list((1, 2)), list({3: 4}), list(range(3)), list(x * x for x in range(4)))
it = iter([1, 2, 3])
print(next(it), list(it), list(it))
print(list(reversed([1, 2, 3])), list(enumerate("ab")), list(map(abs, [-1, 2])), list({1: 2}.items()))
try:
    list(5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    list(1, 2)
except TypeError as e:
    print(type(e).__name__, e)
