# Generator expressions: laziness, single use, scoping of the first iterable, as sole call argument.
calls = []
ge = (calls.append(x) or x * x for x in range(4))
print(calls)
print(next(ge), calls)
print(sum(ge), calls)
print(list(ge))
print(sum(x for x in range(10) if x % 2), max((len(w), w) for w in ["a", "bbb", "cc"]), "".join(c.upper() for c in "ab"))
try:
    (1 / x for x in [1, 0]).__next__()
    list(1 / x for x in [1, 0])
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    (x for x in 5)
except TypeError as e:
    print(type(e).__name__, e)
