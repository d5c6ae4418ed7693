# Tuples hash by content; tuples holding unhashables are unhashable.
d = {(1, 2): "a", (1, (2, 3)): "b"}
print(d[(1, 2)], d[1, (2, 3)], hash((1, 2)) == hash((1, 2)), (1, 2) == (1.0, 2.0), hash((1, 2)) == hash((1.0, 2.0)))
try:
    hash((1, [2]))
except TypeError as e:
    print(type(e).__name__, e)
try:
    {(1, {}): 0}
except TypeError as e:
    print(type(e).__name__, e)
a = ([],)
a[0].append(1)
print(a)
try:
    a[0] += [2]
except TypeError as e:
    print(type(e).__name__, e)
print(a)
