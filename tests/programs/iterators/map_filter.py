# map with several iterables, filter with None, laziness shown by side effects.
print(list(map(pow, [2, 3], [3, 2])), list(map(len, ["a", "bb"])), list(map(lambda *a: sum(a), [1, 2], [3, 4], [5])))
print(list(filter(None, [0, 1, "", "a", None, [], [0]])), list(filter(str.isdigit, "a1b2")))
seen = []
m = map(lambda x: seen.append(x) or x * 2, [1, 2, 3])
print(seen, next(m), seen, list(m), seen)
try:
    list(map(abs, ["x"]))
except TypeError as e:
    print(type(e).__name__, e)
try:
    map(abs)
except TypeError as e:
    print(type(e).__name__, e)
print(list(map(str, range(3), strict=False)) if False else "no strict for map in 3.13")
